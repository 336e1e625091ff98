// tun and tap devices through /dev/net/tun (what iproute2's `ip tuntap`
// does with ioctls rather than netlink), their sysfs properties, and the
// processes that hold them open.
//
// Nothing here prints: failures are net::Error with the errno and, as
// context(), the call that failed ("open", "ioctl(TUNSETIFF)", ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/netlink.hpp"

namespace nsbox::net::tun {

// Makes a persistent device as iproute2's tap_add_ioctl: TUNSETIFF with
// `flags` (IFF_TUN or IFF_TAP, IFF_NO_PI, ...; IFF_TUN_EXCL is added, so
// an existing device is EBUSY), TUNSETOWNER and TUNSETGROUP when given,
// then TUNSETPERSIST 1. `name` may be empty or a pattern ("tun%d"): the
// kernel picks the name. A failure after TUNSETIFF leaves no device (it
// is not persistent yet and goes away with the descriptor).
void add(std::string_view name, uint16_t flags, std::optional<uint32_t> uid, std::optional<uint32_t> gid);

// iproute2's tap_del_ioctl: attaches to `name` with `flags` (TUNSETIFF,
// which creates it if it does not exist) and clears TUNSETPERSIST, so the
// device goes away when the descriptor is closed.
void remove(std::string_view name, uint16_t flags);

// The net class of a sysfs: /sys as mounted, or a sysfs instance made for
// the calling thread's network namespace and mounted nowhere (fsopen,
// fsmount), which is what /sys shows after iproute2's `ip -n NAME`
// remounts it; nsbox enters a namespace in-process and leaves /sys alone.
class Sysfs {
public:
    // `fresh`: a new instance for the current namespace; when one cannot
    // be made (no CAP_SYS_ADMIN, an old kernel), /sys as mounted.
    explicit Sysfs(bool fresh);
    ~Sysfs();
    Sysfs(const Sysfs&) = delete;
    Sysfs& operator=(const Sysfs&) = delete;

    // The first line of class/net/DEV/PROP without its newline (at most 79
    // bytes, as iproute2's read_prop reads it); nullopt when the file is
    // empty. Throws Error (context "fopen") when it cannot be opened.
    std::optional<std::string> property(std::string_view dev, std::string_view prop) const;

private:
    int root_ = -1; // the detached mount, or -1 for /sys
};

// A process with a /dev/net/tun descriptor attached to a device.
struct Holder {
    std::string name; // first word of /proc/PID/comm; empty when unreadable
    int pid = 0;
};

// The processes (this one excepted) whose open /dev/net/tun descriptors
// are attached to `dev` (fdinfo "iff: DEV"), found as iproute2's
// show_processes finds them: /proc/[0-9]*/fd/[0-9]* in directory order.
// What could not be read is not fatal: each such failure is added to
// `errors` as "CALL: STRERROR" ("readlink: Permission denied"), in order.
std::vector<Holder> holders(std::string_view dev, std::vector<std::string>& errors);

} // namespace nsbox::net::tun
