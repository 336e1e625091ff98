// sysctl's command line: procps-ng 4.0.2's options in one table, parsed by
// the applets' common getopt (applets/common/getopt.hpp), which gives
// getopt_long's rules and messages, "-p[FILE]" included. The usage text is
// generated from the same table.

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <stdio_ext.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "applets/applet.hpp"
#include "applets/common/getopt.hpp"
#include "applets/sysctl/sysctl.hpp"

namespace nsbox::sysctl {
namespace {

enum class Arg { none, required, optional };

using Action = Stop;

struct OptionSpec {
    char flag;                // 0: long only
    const char* name;         // long name, or nullptr
    Arg arg;
    const char* arg_name;     // for the usage text
    const char* help;         // nullptr: not listed
    Action action; // set: apply() it; anything else ends the option loop
    void (*apply)(Options&, const char* value);
};

constexpr OptionSpec options_table[] = {
    {'a', "all", Arg::none, nullptr, "display all variables", Stop::none,
     [](Options& o, const char*) { o.display_all = true; }},
    {'A', nullptr, Arg::none, nullptr, "alias of -a", Stop::none, [](Options& o, const char*) { o.display_all = true; }},
    {'X', nullptr, Arg::none, nullptr, "alias of -a", Stop::none, [](Options& o, const char*) { o.display_all = true; }},
    {0, "deprecated", Arg::none, nullptr, "include deprecated parameters to listing", Stop::none,
     [](Options& o, const char*) { o.ignore_deprecated = false; }},
    {0, "dry-run", Arg::none, nullptr, "Print the key and values but do not write", Stop::none,
     [](Options& o, const char*) { o.dry_run = true; }},
    {'b', "binary", Arg::none, nullptr, "print value without new line", Stop::none,
     [](Options& o, const char*) {
         o.print_newline = false;
         o.print_name = false;
     }},
    {'e', "ignore", Arg::none, nullptr, "ignore unknown variables errors", Stop::none,
     [](Options& o, const char*) { o.ignore_errors = true; }},
    {'N', "names", Arg::none, nullptr, "print variable names without values", Stop::none,
     [](Options& o, const char*) { o.names_only = true; }},
    {'n', "values", Arg::none, nullptr, "print only values of the given variable(s)", Stop::none,
     [](Options& o, const char*) { o.print_name = false; }},
    {'p', "load", Arg::optional, "<file>", "read values from file", Stop::none,
     [](Options& o, const char* v) {
         o.load = true;
         if (v)
             o.load_file = v;
     }},
    {'f', nullptr, Arg::optional, nullptr, "alias of -p", Stop::none,
     [](Options& o, const char* v) {
         o.load = true;
         if (v)
             o.load_file = v;
     }},
    {0, "system", Arg::none, nullptr, "read values from all system directories", Stop::system, nullptr},
    {'r', "pattern", Arg::required, "<expression>", "select setting that match expression", Stop::none,
     [](Options& o, const char* v) { o.pattern = v; }},
    {'q', "quiet", Arg::none, nullptr, "do not echo variable set", Stop::none,
     [](Options& o, const char*) { o.quiet = true; }},
    {'w', "write", Arg::none, nullptr, "enable writing a value to variable", Stop::none,
     [](Options& o, const char*) { o.write_mode = true; }},
    {'o', nullptr, Arg::none, nullptr, "does nothing", Stop::none, [](Options&, const char*) {}},
    {'x', nullptr, Arg::none, nullptr, "does nothing", Stop::none, [](Options&, const char*) {}},
    {'d', nullptr, Arg::none, nullptr, "alias of -h", Stop::usage, nullptr},
    {'h', "help", Arg::none, nullptr, nullptr, Stop::usage, nullptr},
    {'V', "version", Arg::none, nullptr, nullptr, Stop::version, nullptr},
};

std::string usage_text(std::string_view prog)
{
    std::string out = fmt::format("\nUsage:\n {} [options] [variable[=value] ...]\n\nOptions:\n", prog);
    for (const auto& spec : options_table) {
        if (!spec.help)
            continue;
        std::string head;
        if (spec.flag && spec.name)
            head = fmt::format("-{}, --{}", spec.flag, spec.name);
        else if (spec.flag)
            head = fmt::format("-{}", spec.flag);
        else
            head = fmt::format("    --{}", spec.name);
        if (spec.arg_name)
            head += spec.arg == Arg::optional ? fmt::format("[={}]", spec.arg_name) : fmt::format(" {}", spec.arg_name);
        if (head.size() > 20)
            out += fmt::format("  {}\n{:23}{}\n", head, "", spec.help);
        else
            out += fmt::format("  {:<21}{}\n", head, spec.help);
    }
    out += "\n -h, --help     display this help and exit\n"
           " -V, --version  output version information and exit\n"
           "\nFor more details see sysctl(8).\n";
    return out;
}

// The table as Boost.Program_options options for cli::parse_options().
cli::po::options_description describe_options()
{
    cli::po::options_description desc;
    for (const auto& spec : options_table) {
        std::string name = spec.name ? spec.name : "";
        if (spec.flag)
            name += std::string(",") + spec.flag;
        if (spec.arg == Arg::required)
            desc.add_options()(name.c_str(), cli::po::value<std::string>());
        else if (spec.arg == Arg::optional)
            desc.add_options()(name.c_str(), cli::optional_value());
        else
            desc.add_options()(name.c_str(), "");
    }
    return desc;
}

// The row a parsed option came from: Boost keys it by its long name, or by
// "-c" when it has none.
const OptionSpec& spec_for(const std::string& key)
{
    for (const auto& s : options_table)
        if ((s.name && key == s.name) || (!s.name && key.size() == 2 && key[1] == s.flag))
            return s;
    throw std::logic_error("sysctl: option not in the table: " + key);
}

std::string short_name(const char* argv0)
{
    std::string_view s = argv0;
    size_t slash = s.rfind('/');
    return std::string(slash == std::string_view::npos ? s : s.substr(slash + 1));
}

// --system: every *.conf of the system directories (the first directory
// holding a name wins), by name, then /etc/sysctl.conf.
int preload_system(Sysctl& sysctl, const Options& o)
{
    static constexpr const char* dirs[] = {"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d",
                                           "/usr/lib/sysctl.d", "/lib/sysctl.d"};
    std::vector<std::pair<std::string, std::string>> cfgs; // name, path
    for (const char* dir : dirs) {
        std::vector<std::string> names;
        if (DIR* dp = opendir(dir)) {
            while (dirent* de = readdir(dp)) {
                std::string_view n = de->d_name;
                if (n == "." || n == ".." || n.size() < 5 || !n.ends_with(".conf"))
                    continue;
                bool known = false;
                for (const auto& c : cfgs)
                    known = known || c.first == n;
                if (!known)
                    cfgs.emplace_back(std::string(n), fmt::format("{}/{}", dir, n));
            }
            closedir(dp);
        }
    }
    std::sort(cfgs.begin(), cfgs.end());
    int rc = 0;
    std::vector<std::string> files;
    for (const auto& c : cfgs) {
        if (!o.quiet)
            std::printf("* Applying %s ...\n", c.second.c_str());
        files.push_back(c.second);
    }
    struct stat st{};
    if (stat("/etc/sysctl.conf", &st) == 0 && S_ISREG(st.st_mode)) {
        if (!o.quiet)
            std::printf("* Applying %s ...\n", "/etc/sysctl.conf");
        files.push_back("/etc/sysctl.conf");
    }
    rc |= sysctl.preload(files);
    return rc;
}

} // namespace

CommandLine parse_command_line(int argc, char** argv)
{
    CommandLine cl;
    static const cli::po::options_description desc = describe_options();
    cli::Parsed p = cli::parse_options(argc, argv, desc);
    for (const auto& o : p.options) {
        const OptionSpec& spec = spec_for(o.string_key);
        if (spec.action != Stop::none) {
            cl.stop = spec.action;
            return cl;
        }
        spec.apply(cl.options, o.value.empty() ? nullptr : o.value.front().c_str());
    }
    cl.error = std::move(p.error);
    cl.operands = std::move(p.operands);
    return cl;
}

} // namespace nsbox::sysctl

namespace nsbox::sysctl {
namespace {

// procps' close_stdout at exit: a failed write of stdout is reported as
// "sysctl: write error[: strerror]" and the exit status becomes 1.
int close_stdout(int rc, const std::string& prog)
{
    bool pending = __fpending(stdout) != 0;
    bool prev_fail = std::ferror(stdout) != 0;
    bool close_fail = std::fclose(stdout) != 0;
    if (prev_fail || (close_fail && (pending || errno != EBADF))) {
        int err = close_fail ? errno : 0;
        if (err != EPIPE) {
            if (err)
                std::fprintf(stderr, "%s: write error: %s\n", prog.c_str(), std::strerror(err));
            else
                std::fprintf(stderr, "%s: write error\n", prog.c_str());
            return 1;
        }
    }
    return rc;
}

int run_sysctl(int argc, char** argv)
{
    std::string prog = short_name(argv[0]);
    if (argc < 2) {
        std::fputs(usage_text(prog).c_str(), stderr);
        return 1;
    }
    CommandLine cl = parse_command_line(argc, argv);
    Options& o = cl.options;
    Sysctl sysctl(o, prog);
    switch (cl.stop) {
    case Stop::none:
        break;
    case Stop::version:
        std::printf("sysctl from nsbox %s (procps-ng 4.0.2 compatible)\n", NSBOX_VERSION);
        return 0;
    case Stop::usage:
        std::fputs(usage_text(prog).c_str(), stdout);
        return 0;
    case Stop::system:
        o.ignore_errors = true;
        return preload_system(sysctl, o);
    }
    if (cl.error) {
        // getopt's complaint, then procps prints its usage on stdout and
        // exits with success.
        std::fprintf(stderr, "%s: %s\n", argv[0], cl.error->c_str());
        std::fputs(usage_text(prog).c_str(), stdout);
        return 0;
    }
    const auto& operands = cl.operands;

    if (o.display_all)
        return sysctl.display_all(sysctl.root());
    if (o.load) {
        std::vector<std::string> files;
        if (o.load_file)
            files.push_back(*o.load_file);
        else if (operands.empty())
            files.push_back("/etc/sysctl.conf");
        files.insert(files.end(), operands.begin(), operands.end());
        return sysctl.preload(files);
    }
    if (operands.empty()) {
        std::fprintf(stderr, "%s: no variables specified\nTry `%s --help' for more information.\n", prog.c_str(),
                     prog.c_str());
        return 1;
    }
    if (o.names_only && o.quiet) {
        std::fprintf(stderr, "%s: options -N and -q cannot coexist\nTry `%s --help' for more information.\n",
                     prog.c_str(), prog.c_str());
        return 1;
    }
    int rc = 0;
    for (const auto& arg : operands) {
        if (o.write_mode || arg.find('=') != std::string::npos)
            rc |= sysctl.write_argument(arg);
        else
            rc += sysctl.read_setting(arg);
    }
    return rc;
}

} // namespace
} // namespace nsbox::sysctl

int nsbox::sysctl_main(int argc, char** argv)
{
    using namespace nsbox::sysctl;
    return close_stdout(run_sysctl(argc, argv), short_name(argv[0]));
}
