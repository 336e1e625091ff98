#include "libnet/netns.hpp"

#include "libnet/fd.hpp"

#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <linux/magic.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "libnet/netlink.hpp"

namespace nsbox::net::netns {

namespace {

[[noreturn]] void fail(const char* what, int code = errno) { throw Error(code, {}, what); }

const std::string run_dir_s(run_dir);

} // namespace

bool valid_name(std::string_view name)
{
    return !name.empty() && name.size() <= NAME_MAX && name.find('/') == std::string_view::npos &&
           name != "." && name != "..";
}

std::string path_of(std::string_view name)
{
    std::string p(run_dir);
    p += '/';
    p += name;
    return p;
}

namespace {

// /run/netns exists and is a shared mount (binding it onto itself first when
// it is not a mount point yet), under an flock of the directory so that
// parallel `ip netns add` do not stack binds (iproute2's approach; a failed
// flock is only a warning there, and ignored here).
void prepare_run_dir()
{
    if (::mkdir(run_dir_s.c_str(), 0755) != 0 && errno != EEXIST)
        fail(step::mkdir);
    Fd lock(::open(run_dir_s.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (lock.get() < 0)
        fail(step::lock);
    bool locked = ::flock(lock.get(), LOCK_EX) == 0;
    bool made_mount = false;
    while (::mount("", run_dir_s.c_str(), "none", MS_SHARED | MS_REC, nullptr) != 0) {
        if (errno != EINVAL || made_mount)
            fail(step::make_shared);
        if (::mount(run_dir_s.c_str(), run_dir_s.c_str(), "none", MS_BIND | MS_REC, nullptr) != 0)
            fail(step::bind_run_dir);
        made_mount = true;
    }
    if (locked)
        ::flock(lock.get(), LOCK_UN);
}

// The namespace file, created here (O_EXCL), held open: the bind goes
// through it, not through its path. A delete racing this add can unlink the
// file before the bind and another add create and bind a new one under the
// same name; a bind by path (iproute2's) would then stack a second mount on
// that one, a bind through the held file fails (ENOENT: it is unlinked),
// as the add that lost the race should.
class NsFile {
public:
    explicit NsFile(std::string path)
        : path_(std::move(path)), fd_(::open(path_.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0))
    {
        if (fd_.get() < 0)
            fail(step::create_file);
    }
    // mount(2) onto this very file.
    int bind(const char* source) const
    {
        std::string target = "/proc/self/fd/" + std::to_string(fd_.get());
        return ::mount(source, target.c_str(), "none", MS_BIND, nullptr);
    }
    // Unlinks the path if it is still this file (not one a later add made);
    // the unlink's errno, or 0.
    int remove() const
    {
        struct stat mine{}, now{};
        if (::fstat(fd_.get(), &mine) != 0 || ::stat(path_.c_str(), &now) != 0)
            return errno;
        if (mine.st_dev != now.st_dev || mine.st_ino != now.st_ino)
            return ENOENT;
        return ::unlink(path_.c_str()) == 0 ? 0 : errno;
    }

private:
    std::string path_;
    Fd fd_;
};

} // namespace

void create(std::string_view name)
{
    std::string path = path_of(name);
    prepare_run_dir();
    NsFile file(path);

    // Unshare in this thread, bind the new namespace, and go back.
    Fd saved(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    if (saved.get() < 0) {
        int e = errno;
        file.remove();
        fail(step::open_init, e);
    }
    const char* failed = nullptr;
    int err = 0;
    if (::unshare(CLONE_NEWNET) != 0) {
        failed = step::unshare_net;
        err = errno;
    } else if (file.bind("/proc/self/ns/net") != 0) {
        failed = step::bind_ns;
        err = errno;
    }
    bool back = ::setns(saved.get(), CLONE_NEWNET) == 0;
    int back_err = errno;
    if (failed) {
        file.remove(); // (nothing is bound: the bind failed or never ran)
        fail(failed, err);
    }
    if (!back)
        fail(step::restore, back_err);
}

void attach(std::string_view name, pid_t pid, int* unlink_error)
{
    std::string path = path_of(name);
    prepare_run_dir();
    NsFile file(path);
    std::string proc = "/proc/" + std::to_string(pid) + "/ns/net";
    if (file.bind(proc.c_str()) != 0) {
        int e = errno;
        if (int u = file.remove(); u && unlink_error)
            *unlink_error = u;
        fail(step::bind_ns, e);
    }
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

bool is_stale(std::string_view name)
{
    std::string path = path_of(name);
    struct stat st{};
    struct statfs fs{};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::statfs(path.c_str(), &fs) != 0)
        return false;
    return static_cast<unsigned long>(fs.f_type) != NSFS_MAGIC;
}

bool supported() { return ::access(std::string(self_path).c_str(), F_OK) == 0; }

namespace {

Message nsid_request(uint16_t type, uint16_t flags)
{
    rtgenmsg g{};
    g.rtgen_family = AF_UNSPEC;
    return Message(type, flags, g);
}

} // namespace

Nsid decode_nsid(const Msg& r)
{
    AttrTable t(r.attrs<rtgenmsg>(), NETNSA_MAX);
    Nsid n;
    if (auto id = t.as<int32_t>(NETNSA_NSID))
        n.nsid = *id;
    n.current = t.as<int32_t>(NETNSA_CURRENT_NSID);
    return n;
}

std::optional<int32_t> nsid_of(Socket& s, int fd)
{
    Message m = nsid_request(RTM_GETNSID, 0);
    m.put_u32(NETNSA_FD, static_cast<uint32_t>(fd));
    std::optional<int32_t> id;
    s.request(m, [&](const Msg& r) {
        if (r.type() == RTM_NEWNSID) {
            int32_t v = decode_nsid(r).nsid;
            if (v >= 0)
                id = v;
        }
    });
    return id;
}

void set_nsid(Socket& s, int fd, int32_t nsid)
{
    Message m = nsid_request(RTM_NEWNSID, 0);
    m.put_u32(NETNSA_FD, static_cast<uint32_t>(fd));
    m.put_u32(NETNSA_NSID, static_cast<uint32_t>(nsid));
    s.request(m);
}

Nsid lookup_nsid(Socket& s, int32_t nsid, std::optional<int32_t> target)
{
    Message m = nsid_request(RTM_GETNSID, 0);
    m.put_u32(NETNSA_NSID, static_cast<uint32_t>(nsid));
    if (target)
        m.put_u32(NETNSA_TARGET_NSID, static_cast<uint32_t>(*target));
    Nsid out;
    s.request(m, [&](const Msg& r) {
        if (r.type() == RTM_NEWNSID)
            out = decode_nsid(r);
    });
    return out;
}

std::vector<Nsid> dump_nsids(Socket& s, std::optional<int32_t> target)
{
    Message m = nsid_request(RTM_GETNSID, 0);
    if (target)
        m.put_u32(NETNSA_TARGET_NSID, static_cast<uint32_t>(*target));
    std::vector<Nsid> out;
    s.dump_each(m, [&](const Msg& r) {
        if (r.type() == RTM_NEWNSID)
            out.push_back(decode_nsid(r));
    });
    return out;
}

Guard::Guard(std::string_view name)
{
    Fd target(open(name));
    // Without /proc there is no way back: enter anyway, as iproute2's -n
    // (which never goes back) does; the destructor then does nothing.
    saved_ = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (::setns(target.get(), CLONE_NEWNET) != 0) {
        int e = errno;
        if (saved_ >= 0)
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
