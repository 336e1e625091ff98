#include "applets/sysctl/sysctl.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <dirent.h>
#include <glob.h>
#include <regex.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "applets/common/failure.hpp"

namespace nsbox::sysctl {

namespace {

constexpr std::string_view deprecated_keys[] = {"base_reachable_time", "retrans_time"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::string_view lstrip(std::string_view s)
{
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    return s;
}

// procps' rstrip keeps the first character even when it is a space.
std::string_view rstrip(std::string_view s)
{
    while (s.size() > 1 && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

} // namespace

std::optional<std::string> slashdot(std::string& key, char from, char to)
{
    size_t p = key.find_first_of("/.");
    if (p == std::string::npos || key[p] == to)
        return std::nullopt;
    std::optional<std::string> warning;
    while (p != std::string::npos) {
        char c = key[p];
        if (!warning && p + 1 < key.size() && (key[p + 1] == '/' || key[p + 1] == '.'))
            warning = "separators should not be repeated: " + key.substr(p);
        if (c == from)
            key[p] = to;
        if (c == to)
            key[p] = from;
        p = key.find_first_of("/.", p + 1);
    }
    return warning;
}

bool pattern_match(const std::string& name, const std::string& pattern)
{
    regex_t re;
    if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    int status = regexec(&re, name.c_str(), 0, nullptr, 0);
    regfree(&re);
    return status == 0;
}

std::optional<Setting> parse_setting_line(std::string_view line, const std::optional<std::string>& pattern,
                                          const std::string& proc_root, bool* syntax_error)
{
    if (syntax_error)
        *syntax_error = false;
    std::string_view key = lstrip(line);
    if (key.size() < 2)
        return std::nullopt;
    if (key[0] == '#' || key[0] == ';')
        return std::nullopt;
    if (pattern && !pattern_match(std::string(key), *pattern))
        return std::nullopt;

    Setting s;
    size_t eq = key.find('=');
    if (eq == std::string_view::npos) {
        if (key[0] != '-') {
            if (syntax_error)
                *syntax_error = true;
            return std::nullopt;
        }
        s.glob_exclude = true;
        key = rstrip(key.substr(1));
    } else {
        std::string_view value = key.substr(eq + 1);
        key = key.substr(0, eq);
        if (!key.empty() && key[0] == '-') {
            s.ignore_failure = true;
            key.remove_prefix(1);
        }
        s.value = std::string(rstrip(lstrip(value)));
        key = rstrip(key);
    }
    s.key = std::string(key);
    std::string rel = std::string(!key.empty() && key[0] == '-' ? key.substr(1) : key);
    s.warning = slashdot(rel, '.', '/');
    s.path = proc_root + rel;
    return s;
}

// procps' xwarn/xwarnx flush stdout first, so that output and errors keep
// their order when both go to one file.
void Sysctl::warnx(const std::string& msg) const
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", prog_.c_str(), msg.c_str());
}

void Sysctl::warn(const std::string& msg, int errnum) const
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s: %s\n", prog_.c_str(), msg.c_str(), std::strerror(errnum));
}

// The real path must lie below /proc/sys/ (procps resolves it to refuse
// "../" escapes).
bool Sysctl::is_proc_path(const std::string& path) const
{
    char* resolved = realpath(path.c_str(), nullptr);
    if (!resolved)
        return false;
    bool inside = std::strncmp(root_.c_str(), resolved, root_.size()) == 0;
    std::free(resolved);
    if (!inside)
        warnx(fmt::format("Path is not under {}: {}", root_, path));
    return inside;
}

int Sysctl::read_setting(const std::string& name)
{
    if (name.empty()) {
        warnx(fmt::format("\"{}\" is an unknown key", name));
        return -1;
    }
    std::string rel = name;
    if (auto w = slashdot(rel, '.', '/'))
        warnx(*w);
    std::string path = root_ + rel;
    std::string outname = name;
    if (auto w = slashdot(outname, '/', '.'))
        warnx(*w);

    struct stat st{};
    if (stat(path.c_str(), &st) < 0) {
        if (o_.ignore_errors)
            return 0;
        warn("cannot stat " + path, errno);
        return 1;
    }
    if (!(st.st_mode & S_IRUSR))
        return 0; // write-only keys (net.ipv4.route.flush) are skipped
    if (!is_proc_path(path))
        return -1;
    if (S_ISDIR(st.st_mode))
        return display_all(path + "/");
    if (o_.pattern && !pattern_match(outname, *o_.pattern))
        return 0;
    if (o_.names_only) {
        std::printf("%s\n", outname.c_str());
        return 0;
    }

    File fp(std::fopen(path.c_str(), "r"));
    if (!fp) {
        switch (errno) {
        case ENOENT:
            if (o_.ignore_errors)
                return 0;
            warnx(fmt::format("\"{}\" is an unknown key", outname));
            return 1;
        case EACCES:
            warnx(fmt::format("permission denied on key '{}'", outname));
            return 1;
        case EIO: // stable_secret below /proc/sys/net/ipv6/conf
            return 1;
        default:
            warn(fmt::format("reading key \"{}\"", outname), errno);
            return 1;
        }
    }
    char* line = nullptr;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getline(&line, &cap, fp.get());
    int rc = 0;
    if (n > 0) {
        // Every line of a multi-line value gets the name in front.
        do {
            if (o_.print_name) {
                std::printf("%s = ", outname.c_str());
                char last;
                do {
                    std::printf("%s", line);
                    last = line[std::strlen(line) - 1];
                    if (last == '\n')
                        break;
                } while ((n = getline(&line, &cap, fp.get())) > 0);
                if (last != '\n')
                    std::putchar('\n');
            } else {
                if (!o_.print_newline) {
                    if (char* nl = std::strchr(line, '\n'))
                        *nl = '\0';
                }
                std::printf("%s", line);
            }
        } while ((n = getline(&line, &cap, fp.get())) > 0);
    } else {
        switch (errno) {
        case 0:
            break;
        case EACCES:
            warnx(fmt::format("permission denied on key '{}'", outname));
            rc = 1;
            break;
        case EISDIR:
            std::free(line);
            return display_all(path + "/");
        case EIO:
            rc = 1;
            break;
        default:
            warnx(fmt::format("reading key \"{}\"", outname));
            rc = 1;
            break;
        }
    }
    std::free(line);
    return rc;
}

int Sysctl::display_all(const std::string& path)
{
    DIR* dp = opendir(path.c_str());
    if (!dp) {
        warnx(fmt::format("unable to open directory \"{}\"", path));
        return 1;
    }
    int rc = 0;
    while (dirent* de = readdir(dp)) {
        std::string_view name = de->d_name;
        if (name == "." || name == "..")
            continue;
        if (o_.ignore_deprecated &&
            std::find(std::begin(deprecated_keys), std::end(deprecated_keys), name) != std::end(deprecated_keys))
            continue;
        std::string sub = path + std::string(name);
        struct stat st{};
        if (stat(sub.c_str(), &st) != 0) {
            warn("cannot stat " + sub, errno);
        } else if (S_ISDIR(st.st_mode)) {
            display_all(sub + "/"); // procps drops a subdirectory's status
        } else {
            rc |= read_setting(sub.substr(root_.size()));
        }
    }
    closedir(dp);
    return rc;
}

int Sysctl::write_setting(const std::string& key, const std::string& path, const std::string& value,
                          bool ignore_failure)
{
    (void)key;
    int rc = 0;
    struct stat st{};
    if (stat(path.c_str(), &st) < 0) {
        if (o_.ignore_errors)
            return 0;
        warn("cannot stat " + path, errno);
        return 1;
    }
    if (!is_proc_path(path))
        return 1;
    std::string dotted = path.substr(std::min(root_.size(), path.size()));
    if (auto w = slashdot(dotted, '/', '.'))
        warnx(*w);
    if (!(st.st_mode & S_IWUSR) || S_ISDIR(st.st_mode)) {
        // procps 4.0.2 reports these with the errno realpath() left behind:
        // its last readlink() of a path without symlinks fails with EINVAL.
        warn(fmt::format("setting key \"{}\"", dotted), EINVAL);
        return 0;
    }
    const char* ignoring = ignore_failure ? ", ignoring" : "";
    if (!o_.dry_run) {
        File fp(std::fopen(path.c_str(), "w"));
        if (!fp) {
            int err = errno;
            switch (err) {
            case ENOENT:
                if (!o_.ignore_errors) {
                    warnx(fmt::format("\"{}\" is an unknown key{}", dotted, ignoring));
                    if (!ignore_failure)
                        rc = 1;
                }
                break;
            case EPERM:
            case EROFS:
            case EACCES:
                warnx(fmt::format("permission denied on key \"{}\"{}", dotted, ignoring));
                break;
            default:
                warn(fmt::format("setting key \"{}\"{}", dotted, ignoring), err);
                break;
            }
            if (!ignore_failure && err != ENOENT)
                rc = 1;
        } else {
            std::fprintf(fp.get(), "%s\n", value.c_str());
            // The kernel judges the value when the buffer reaches it.
            bool failed = std::ferror(fp.get()) != 0;
            int err = failed ? errno : 0;
            if (std::fclose(fp.release()) != 0 && !failed) {
                failed = true;
                err = errno;
            }
            if (failed) {
                warn(fmt::format("setting key \"{}\"", dotted), err);
                return 1;
            }
        }
    }
    if ((rc == 0 && !o_.quiet) || o_.dry_run) {
        if (o_.names_only)
            std::printf("%s\n", value.c_str()); // procps 4.0.2 prints the value here
        else if (o_.print_name)
            std::printf("%s = %s\n", dotted.c_str(), value.c_str());
        else if (o_.print_newline)
            std::printf("%s\n", value.c_str());
        else
            std::printf("%s", value.c_str());
    }
    return rc;
}

int Sysctl::write_argument(const std::string& arg)
{
    bool syntax = false;
    auto s = parse_setting_line(arg, o_.pattern, root_, &syntax);
    if (!s) {
        if (syntax)
            warnx("command line(0): invalid syntax, continuing...");
        return 1;
    }
    if (s->warning)
        warnx(*s->warning);
    return write_setting(s->key, s->path, s->value ? *s->value : "(null)", s->ignore_failure);
}

int Sysctl::load_file(const std::string& file, std::vector<Setting>& list)
{
    File owned;
    FILE* fp = stdin;
    if (file != "-") {
        owned.reset(std::fopen(file.c_str(), "r"));
        if (!owned) {
            warn(fmt::format("cannot open \"{}\"", file), errno);
            return 1;
        }
        fp = owned.get();
    }
    char* line = nullptr;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    while ((n = getline(&line, &cap, fp)) > 0) {
        ++lineno;
        if (n < 2)
            continue;
        bool syntax = false;
        auto s = parse_setting_line(std::string_view(line, size_t(n)), o_.pattern, root_, &syntax);
        if (syntax)
            warnx(fmt::format("{}({}): invalid syntax, continuing...", file, lineno));
        if (s) {
            if (s->warning)
                warnx(*s->warning);
            list.push_back(std::move(*s));
        }
    }
    std::free(line);
    return 0;
}

int Sysctl::preload(const std::vector<std::string>& files)
{
    std::vector<Setting> list;
    int rc = 0;
    for (const auto& pattern : files) {
        glob_t g{};
        int err = glob(pattern.c_str(), GLOB_NOCHECK | GLOB_BRACE | GLOB_TILDE, nullptr, &g);
        if (err != 0 && err != GLOB_NOMATCH) {
            int e = errno;
            globfree(&g);
            cli::fail(1, fmt::format("{}: glob failed: {}\n", prog_, std::strerror(e)));
        }
        for (size_t i = 0; i < g.gl_pathc; ++i) {
            if (load_file(g.gl_pathv[i], list) != 0) {
                rc = 1;
                break; // procps gives up on the rest of this pattern's files
            }
        }
        globfree(&g);
    }
    auto listed = [&](const std::string& path) {
        return std::any_of(list.begin(), list.end(), [&](const Setting& s) { return s.path == path; });
    };
    for (const auto& s : list) {
        if (s.glob_exclude)
            continue;
        std::string value = s.value ? *s.value : "(null)";
        if (s.path.find_first_of("*?[") != std::string::npos) {
            glob_t g{};
            if (glob(s.path.c_str(), 0, nullptr, &g) == 0) {
                for (size_t i = 0; i < g.gl_pathc; ++i)
                    if (!listed(g.gl_pathv[i])) // an exclusion or an override
                        rc |= write_setting(s.key, g.gl_pathv[i], value, s.ignore_failure);
            }
            globfree(&g);
        } else {
            rc |= write_setting(s.key, s.path, value, s.ignore_failure);
        }
    }
    return rc;
}

} // namespace nsbox::sysctl
