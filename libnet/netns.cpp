#include "libnet/netns.hpp"

#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "libnet/netlink.hpp"

namespace nsbox::net::netns {

namespace {

[[noreturn]] void fail(const char* what, int code = errno) { throw Error(code, {}, what); }

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const noexcept { return fd_; }

private:
    int fd_;
};

const std::string run_dir_s(run_dir);

} // namespace

bool valid_name(std::string_view name)
{
    return name.find('/') == std::string_view::npos && name != "." && name != "..";
}

std::string path_of(std::string_view name)
{
    std::string p(run_dir);
    p += '/';
    p += name;
    return p;
}

void create(std::string_view name)
{
    std::string path = path_of(name);
    if (::mkdir(run_dir_s.c_str(), 0755) != 0 && errno != EEXIST)
        fail(step::mkdir);
    // Make /run/netns a shared mount so that namespace binds propagate to
    // every mount namespace; when it is not a mount point yet, bind it onto
    // itself first (iproute2's approach, tried once).
    bool made_mount = false;
    while (::mount("", run_dir_s.c_str(), "none", MS_SHARED | MS_REC, nullptr) != 0) {
        if (errno != EINVAL || made_mount)
            fail(step::make_shared);
        if (::mount(run_dir_s.c_str(), run_dir_s.c_str(), "none", MS_BIND | MS_REC, nullptr) != 0)
            fail(step::bind_run_dir);
        made_mount = true;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
    if (fd < 0)
        fail(step::create_file);
    ::close(fd);

    // Unshare in this thread, bind the new namespace, and go back.
    Fd saved(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    if (saved.get() < 0) {
        int e = errno;
        ::unlink(path.c_str());
        fail(step::unshare_net, e);
    }
    const char* failed = nullptr;
    int err = 0;
    if (::unshare(CLONE_NEWNET) != 0) {
        failed = step::unshare_net;
        err = errno;
    } else if (::mount("/proc/self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0) {
        failed = step::bind_ns;
        err = errno;
    }
    bool back = ::setns(saved.get(), CLONE_NEWNET) == 0;
    int back_err = errno;
    if (failed) {
        ::umount2(path.c_str(), MNT_DETACH);
        ::unlink(path.c_str());
        fail(failed, err);
    }
    if (!back)
        fail(step::restore, back_err);
}

void remove(std::string_view name)
{
    std::string path = path_of(name);
    ::umount2(path.c_str(), MNT_DETACH);
    if (::unlink(path.c_str()) != 0)
        fail(step::unlink);
}

std::vector<std::string> list()
{
    std::vector<std::string> names;
    DIR* dir = ::opendir(run_dir_s.c_str());
    if (!dir)
        return names;
    while (const dirent* e = ::readdir(dir)) {
        std::string_view n = e->d_name;
        if (n == "." || n == "..")
            continue;
        names.emplace_back(n);
    }
    ::closedir(dir);
    return names;
}

int open(std::string_view name)
{
    int fd = ::open(path_of(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(step::open);
    return fd;
}

Guard::Guard(std::string_view name)
{
    Fd target(open(name));
    saved_ = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (saved_ < 0)
        fail(step::setns);
    if (::setns(target.get(), CLONE_NEWNET) != 0) {
        int e = errno;
        ::close(saved_);
        fail(step::setns, e);
    }
}

Guard::~Guard()
{
    if (saved_ < 0)
        return;
    // Nothing sensible can be done if going back fails; the process is
    // about to exit in every caller.
    (void)::setns(saved_, CLONE_NEWNET);
    ::close(saved_);
}

std::vector<BindFailure> switch_for_exec(std::string_view name)
{
    {
        Fd ns(open(name));
        if (::setns(ns.get(), CLONE_NEWNET) != 0)
            fail(step::setns);
    }
    if (::unshare(CLONE_NEWNS) != 0)
        fail(step::unshare_mnt);
    if (::mount("", "/", "none", MS_SLAVE | MS_REC, nullptr) != 0)
        fail(step::make_rslave);
    // A /sys that describes the new namespace. When the old one cannot be
    // unmounted, overlay it (read-only if it was: a read-only sysfs cannot
    // be shadowed by a read-write one).
    unsigned long flags = 0;
    if (::umount2("/sys", MNT_DETACH) != 0) {
        struct statvfs st{};
        if (::statvfs("/sys", &st) == 0 && (st.f_flag & ST_RDONLY))
            flags = MS_RDONLY;
    }
    std::string source(name);
    if (::mount(source.c_str(), "/sys", "sysfs", flags, nullptr) != 0)
        fail(step::mount_sys);

    std::vector<BindFailure> failures;
    if (name.size() >= NAME_MAX)
        return failures;
    std::string etc = std::string(etc_dir) + "/" + source;
    DIR* dir = ::opendir(etc.c_str());
    if (!dir)
        return failures;
    while (const dirent* e = ::readdir(dir)) {
        std::string_view n = e->d_name;
        if (n == "." || n == "..")
            continue;
        std::string from = etc + "/" + std::string(n);
        std::string to = "/etc/" + std::string(n);
        if (::mount(from.c_str(), to.c_str(), "none", MS_BIND, nullptr) != 0)
            failures.push_back({from, to, errno});
    }
    ::closedir(dir);
    return failures;
}

} // namespace nsbox::net::netns
