// The kernel's ipset sets as iptables' set match sees them: a set's index
// and family by name, and its name by index, asked through getsockopt
// (SO_IP_SET) on a raw socket as libxt_set asks. Creating and filling sets
// is ipset's business, not nsbox's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nsbox::net::ipset {

struct SetRef {
    uint16_t index;
    uint8_t family; // NFPROTO_IPV4, NFPROTO_IPV6, or NFPROTO_UNSPEC
};

// The set named `name`, or nullopt when the kernel has none. Throws
// net::Error when the kernel cannot be asked, its context saying where:
// "socket" (no raw socket), "version" (no ipset in the kernel: the first
// question failed) or "getsockopt" (this question failed).
std::optional<SetRef> by_name(const std::string& name);
// The name of the set at `index`; empty when there is none. Throws
// net::Error as by_name does.
std::string by_index(uint16_t index);

} // namespace nsbox::net::ipset
