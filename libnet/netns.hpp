// Named network namespaces with iproute2's semantics: a namespace NAME is a
// bind mount of a namespace file on /run/netns/NAME, and /run/netns is a
// shared mount so that the bind propagates to every mount namespace.
//
// Failures are thrown as net::Error with errno and, in context(), the step
// that failed (one of the Step names below), so that the applet can word the
// message as iproute2 does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace nsbox::net {
class Socket;
class Msg;
}

namespace nsbox::net::netns {

inline constexpr std::string_view run_dir = "/run/netns";
inline constexpr std::string_view etc_dir = "/etc/netns";
inline constexpr std::string_view self_path = "/proc/self/ns/net";

// Steps named in Error::context().
namespace step {
inline constexpr const char* mkdir = "mkdir";             // creating /run/netns
inline constexpr const char* lock = "lock";               // opening /run/netns to flock it
inline constexpr const char* make_shared = "make-shared"; // mount --make-rshared /run/netns
inline constexpr const char* bind_run_dir = "bind-run-dir"; // mount --rbind /run/netns onto itself
inline constexpr const char* create_file = "create-file"; // O_CREAT|O_EXCL of the namespace file
inline constexpr const char* open_init = "open-init";   // opening /proc/self/ns/net (no /proc)
inline constexpr const char* unshare_net = "unshare-net"; // unshare(CLONE_NEWNET)
inline constexpr const char* bind_ns = "bind-ns";         // bind /proc/self/ns/net onto the file
inline constexpr const char* restore = "restore";         // setns back to the caller's namespace
inline constexpr const char* unlink = "unlink";
inline constexpr const char* open = "open";               // opening /run/netns/NAME
inline constexpr const char* setns = "setns";
inline constexpr const char* unshare_mnt = "unshare-mnt";
inline constexpr const char* make_rslave = "make-rslave";
inline constexpr const char* mount_sys = "mount-sys";
} // namespace step

// iproute2 refuses names containing '/', "." and "..", the empty name and
// names longer than NAME_MAX.
bool valid_name(std::string_view name);
std::string path_of(std::string_view name);

// Creates the namespace NAME. The calling thread is back in its own network
// namespace when this returns or throws; a half-made file is removed.
void create(std::string_view name);
// Names the network namespace of process `pid` NAME (ip netns attach): the
// same /run/netns setup, then a bind of /proc/PID/ns/net. Failures name the
// step as create() does (step::bind_ns for the bind); a half-made file is
// removed, and when that fails too, `unlink_error` is set to its errno.
void attach(std::string_view name, pid_t pid, int* unlink_error = nullptr);
// Unmounts (MNT_DETACH) and unlinks /run/netns/NAME.
void remove(std::string_view name);
// Names in /run/netns in directory order ("." and ".." skipped); empty when
// the directory does not exist.
std::vector<std::string> list();
// Opens /run/netns/NAME read-only, close-on-exec. Throws (step::open).
int open(std::string_view name);
// True when /run/netns/NAME is a plain file, not a namespace: a file whose
// namespace bind mount is gone (left behind by a crash, a reboot without
// tmpfs, or a mount namespace that never saw the bind).
bool is_stale(std::string_view name);
// True when this kernel has network namespaces (/proc/self/ns/net exists).
bool supported();

// Namespace ids (RTM_NEWNSID / RTM_GETNSID), on a route-netlink socket.
// Kernel refusals are thrown as net::Error.
struct Nsid {
    int32_t nsid = -1;                   // NETNSA_NSID (-1: not assigned)
    std::optional<int32_t> current;      // NETNSA_CURRENT_NSID
};
// One RTM_NEWNSID message (throws Malformed).
Nsid decode_nsid(const Msg& m);
// The id this namespace gives the namespace open at `fd`, or nullopt when
// none is assigned.
std::optional<int32_t> nsid_of(Socket& s, int fd);
// Assigns `nsid` (-1: let the kernel choose) to the namespace open at `fd`.
void set_nsid(Socket& s, int fd, int32_t nsid);
// The namespace this one calls `nsid`, as seen from `target` (an nsid) when
// given: one RTM_GETNSID.
Nsid lookup_nsid(Socket& s, int32_t nsid, std::optional<int32_t> target);
// Every id this namespace (or `target`) has assigned, in the kernel's order.
std::vector<Nsid> dump_nsids(Socket& s, std::optional<int32_t> target);

// Enters NAME's network namespace and returns to the previous one when it
// goes out of scope (ip -n NAME: in-process, no re-exec). Without /proc
// (no /proc/self/ns/net to go back to) it enters all the same and stays.
class Guard {
public:
    explicit Guard(std::string_view name);
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

private:
    int saved_ = -1;
};

// A bind of /etc/netns/NAME/ENTRY over /etc/ENTRY that failed.
struct BindFailure {
    std::string source;
    std::string target;
    int error;
};

// What `ip netns exec NAME` does before execvp, for good: enters NAME's
// network namespace, unshares the mount namespace, makes / a recursive
// slave, remounts /sys for the new namespace, and binds /etc/netns/NAME/*
// over /etc/*. Binds that fail are returned (iproute2 reports and goes on).
std::vector<BindFailure> switch_for_exec(std::string_view name);

} // namespace nsbox::net::netns
