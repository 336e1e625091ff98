// /dev/net/tun devices (see tun.hpp).

#include "libnet/tun.hpp"

#include "libnet/fd.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <linux/if.h>
#include <linux/if_tun.h>

namespace nsbox::net::tun {

namespace {

constexpr const char* tun_path = "/dev/net/tun";

Fd open_tun()
{
    int fd = ::open(tun_path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        throw Error(errno, {}, "open");
    return Fd(fd);
}

void set_iff(const Fd& fd, std::string_view name, uint16_t flags)
{
    ifreq ifr{};
    std::memcpy(ifr.ifr_name, name.data(), std::min(name.size(), sizeof(ifr.ifr_name) - 1));
    ifr.ifr_flags = static_cast<short>(flags);
    if (::ioctl(fd.get(), TUNSETIFF, &ifr) != 0)
        throw Error(errno, {}, "ioctl(TUNSETIFF)");
}

void set(const Fd& fd, unsigned long request, unsigned long value, const char* what)
{
    if (::ioctl(fd.get(), request, value) != 0)
        throw Error(errno, {}, what);
}

// "/proc/N/..." entries: a name that starts with a digit (glob's [0-9]*).
bool digit_name(const char* n) { return n[0] >= '0' && n[0] <= '9'; }

// readdir order of a directory's digit-named entries; nothing when it
// cannot be opened (glob skips unreadable directories silently).
std::vector<std::string> digit_entries(const std::string& dir)
{
    std::vector<std::string> out;
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
    if (!d)
        return out;
    while (const dirent* e = ::readdir(d.get()))
        if (digit_name(e->d_name))
            out.emplace_back(e->d_name);
    return out;
}

std::string err_text(const char* call, int e) { return std::string(call) + ": " + std::strerror(e); }

// The first whitespace-delimited word of /proc/PID/comm (fscanf "%ms").
std::string comm_of(int pid, std::vector<std::string>& errors)
{
    std::string path = "/proc/" + std::to_string(pid) + "/comm";
    std::ifstream in(path);
    if (!in) {
        errors.push_back(err_text("fopen", errno));
        return {};
    }
    std::string word;
    if (!(in >> word)) {
        errors.push_back(err_text("fscanf", errno));
        return {};
    }
    return word;
}

} // namespace

void add(std::string_view name, uint16_t flags, std::optional<uint32_t> uid, std::optional<uint32_t> gid)
{
    Fd fd = open_tun();
    set_iff(fd, name, static_cast<uint16_t>(flags | IFF_TUN_EXCL));
    if (uid)
        set(fd, TUNSETOWNER, *uid, "ioctl(TUNSETOWNER)");
    if (gid)
        set(fd, TUNSETGROUP, *gid, "ioctl(TUNSETGROUP)");
    set(fd, TUNSETPERSIST, 1, "ioctl(TUNSETPERSIST)");
}

void remove(std::string_view name, uint16_t flags)
{
    Fd fd = open_tun();
    set_iff(fd, name, flags);
    set(fd, TUNSETPERSIST, 0, "ioctl(TUNSETPERSIST)");
}

Sysfs::Sysfs(bool fresh)
{
    if (!fresh)
        return;
    int fs = ::fsopen("sysfs", FSOPEN_CLOEXEC);
    if (fs < 0)
        return;
    if (::fsconfig(fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) == 0)
        root_ = ::fsmount(fs, FSMOUNT_CLOEXEC, 0);
    ::close(fs);
}

Sysfs::~Sysfs()
{
    if (root_ >= 0)
        ::close(root_);
}

std::optional<std::string> Sysfs::property(std::string_view dev, std::string_view prop) const
{
    std::string path = root_ >= 0 ? "class/net/" : "/sys/class/net/";
    path.append(dev).append("/").append(prop);
    int fd = ::openat(root_ >= 0 ? root_ : AT_FDCWD, path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(errno, {}, "fopen");
    std::unique_ptr<FILE, int (*)(FILE*)> f(::fdopen(fd, "r"), std::fclose);
    if (!f) {
        int e = errno;
        ::close(fd);
        throw Error(e, {}, "fopen");
    }
    char buf[80];
    if (!std::fgets(buf, sizeof buf, f.get()))
        return std::nullopt;
    std::string line(buf);
    if (size_t nl = line.find('\n'); nl != std::string::npos)
        line.resize(nl);
    return line;
}

std::vector<Holder> holders(std::string_view dev, std::vector<std::string>& errors)
{
    std::vector<Holder> out;
    const int self = ::getpid();
    for (const std::string& p : digit_entries("/proc")) {
        std::string fd_dir = "/proc/" + p + "/fd";
        for (const std::string& f : digit_entries(fd_dir)) {
            int pid = 0, fd = 0;
            if (std::sscanf(("/proc/" + p + "/fd/" + f).c_str(), "/proc/%d/fd/%d", &pid, &fd) != 2)
                continue;
            if (pid == self)
                continue;
            // A buffer one byte longer than the path: a longer target
            // is cut and cannot compare equal.
            char target[std::char_traits<char>::length(tun_path) + 1];
            ssize_t n = ::readlink((fd_dir + "/" + f).c_str(), target, sizeof target);
            if (n < 0) {
                errors.push_back(err_text("readlink", errno));
                continue;
            }
            if (std::string_view(target, static_cast<size_t>(n)) != tun_path)
                continue;
            std::ifstream info("/proc/" + std::to_string(pid) + "/fdinfo/" + std::to_string(fd));
            if (!info) {
                errors.push_back(err_text("fopen", errno));
                continue;
            }
            std::string line;
            while (std::getline(info, line)) {
                size_t colon = line.find(':');
                if (colon == std::string::npos)
                    continue;
                size_t start = line.find_first_not_of(" \t", colon + 1);
                if (start == std::string::npos)
                    continue;
                size_t end = line.find_first_of(" \t", start);
                std::string_view key = std::string_view(line).substr(0, colon);
                key.remove_prefix(std::min(key.find_first_not_of(" \t"), key.size()));
                std::string_view value = std::string_view(line).substr(start, end - start);
                if (key == "iff" && value == dev)
                    out.push_back({comm_of(pid, errors), pid});
            }
        }
    }
    return out;
}

} // namespace nsbox::net::tun
