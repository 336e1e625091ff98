// Typed rtnetlink address messages (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <linux/if_addr.h>

#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

struct Addr {
    // struct ifaddrmsg
    uint8_t family = 0;
    uint8_t prefixlen = 0;
    uint8_t scope = 0;
    uint32_t index = 0;
    // IFA_F_*: from IFA_FLAGS when present (32 bits), else the header's 8.
    uint32_t flags = 0;

    std::optional<IpAddress> local;     // IFA_LOCAL
    std::optional<IpAddress> address;   // IFA_ADDRESS (the peer on point-to-point)
    std::optional<IpAddress> broadcast; // IFA_BROADCAST
    std::optional<IpAddress> anycast;   // IFA_ANYCAST
    std::optional<std::string> label;   // IFA_LABEL
    std::optional<ifa_cacheinfo> cacheinfo; // IFA_CACHEINFO (lifetimes)
    std::optional<uint32_t> rt_priority;    // IFA_RT_PRIORITY (metric of the prefix route)
};

// A request of `type` (RTM_NEWADDR, RTM_DELADDR). Flags up to 0xff go in
// the header; above that, all of them go in IFA_FLAGS and the header's are
// 0 (as iproute2 sends them). Attributes are in the order iproute2 sends
// them for "ADDRESS [label L] [metric M] [flags] dev D [lifetimes]":
// IFA_LOCAL, IFA_LABEL, IFA_RT_PRIORITY, IFA_FLAGS, IFA_ADDRESS,
// IFA_BROADCAST, IFA_ANYCAST, IFA_CACHEINFO. (iproute2 itself adds
// explicit peer/broadcast/anycast/label where they appear on its command
// line; the kernel reads attributes by type, so order carries no meaning.)
Message encode(uint16_t type, uint16_t flags, const Addr& a);
Addr decode_addr(const Msg& m);
// An address dump request; `index` != 0 asks the kernel for one link's.
Message addr_dump_request(uint8_t family, uint32_t index = 0);

// Deletes `addrs` (as dumped) the way iproute2's flush does: RTM_DELADDR
// requests without NLM_F_ACK, sent together; only refusals come back.
// Returns them, one Ack per refused delete (empty when all went through).
std::vector<Ack> delete_addrs(Socket& s, std::span<const Addr> addrs);

} // namespace nsbox::net::rtnl
