// nsbox: run as `APPLET ARGS...` through a symlink, or as `nsbox APPLET ARGS...`.

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unistd.h>
#include <sys/stat.h>

#include "applets/applet.hpp"
#include "applets/common/failure.hpp"

namespace {

std::string_view base_name(const char* path)
{
    std::string_view p = path ? path : "";
    auto slash = p.rfind('/');
    return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

void usage(FILE* out)
{
    std::fputs("nsbox " NSBOX_VERSION " multi-call binary: the Linux network-namespace toolbox.\n"
               "\n"
               "Usage: nsbox APPLET [ARGS]...\n"
               "   or: APPLET [ARGS]...          (through a symlink named APPLET)\n"
               "   or: nsbox --list\n"
               "   or: nsbox --install DIR\n"
               "\n"
               "Applets:\n",
               out);
    for (const auto& a : nsbox::applets)
        std::fprintf(out, "  %-14.*s %.*s\n", static_cast<int>(a.name.size()), a.name.data(),
                     static_cast<int>(a.summary.size()), a.summary.data());
}

std::string self_exe()
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return {};
    return std::string(buf, static_cast<size_t>(n));
}

// True when `link` is a symlink that resolves to the running nsbox binary.
bool links_to_self(const std::string& link, const struct stat& self)
{
    struct stat st{};
    return stat(link.c_str(), &st) == 0 && st.st_dev == self.st_dev && st.st_ino == self.st_ino;
}

// One symlink per applet in `dir`. An existing link to nsbox is refreshed; any
// other file is left alone and reported.
int install(const char* dir)
{
    std::string exe = self_exe();
    struct stat self{};
    if (exe.empty() || stat(exe.c_str(), &self) != 0) {
        std::fprintf(stderr, "nsbox: cannot find own executable: %s\n", std::strerror(errno));
        return 1;
    }
    int rc = 0;
    for (const auto& a : nsbox::applets) {
        std::string link = std::string(dir) + "/" + std::string(a.name);
        struct stat lst{};
        if (lstat(link.c_str(), &lst) == 0) {
            if (!S_ISLNK(lst.st_mode) || !links_to_self(link, self)) {
                std::fprintf(stderr, "nsbox: skipped %s: exists and is not a link to nsbox\n",
                             link.c_str());
                continue;
            }
            unlink(link.c_str());
        }
        if (symlink(exe.c_str(), link.c_str()) != 0) {
            std::fprintf(stderr, "nsbox: %s: %s\n", link.c_str(), std::strerror(errno));
            rc = 1;
        }
    }
    return rc;
}

int run(const nsbox::Applet* applet, int argc, char** argv)
{
    if (!applet) {
        std::fputs("nsbox: applet not found\n", stderr);
        return 127;
    }
    return nsbox::cli::run_entry(applet->entry, argc, argv);
}

} // namespace

int main(int argc, char** argv)
{
    std::string_view name = base_name(argv[0]);
    if (const auto* applet = nsbox::find_applet(name); applet || !name.starts_with("nsbox"))
        return run(applet, argc, argv);

    if (argc < 2) {
        usage(stdout);
        return 0;
    }
    std::string_view cmd = argv[1];
    if (cmd == "--help" || cmd == "-h") {
        usage(stdout);
        return 0;
    }
    if (cmd == "--list") {
        for (const auto& a : nsbox::applets)
            std::printf("%.*s\n", static_cast<int>(a.name.size()), a.name.data());
        return 0;
    }
    if (cmd == "--install") {
        if (argc != 3) {
            std::fputs("Usage: nsbox --install DIR\n", stderr);
            return 1;
        }
        return install(argv[2]);
    }
    return run(nsbox::find_applet(base_name(argv[1])), argc - 1, argv + 1);
}
