// Typed rtnetlink address messages (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
};

// A request of `type` (RTM_NEWADDR, RTM_DELADDR). The header's 8-bit flags
// carry flags & 0xff; IFA_FLAGS is added only when higher bits are set.
Message encode(uint16_t type, uint16_t flags, const Addr& a);
Addr decode_addr(const Msg& m);
// An address dump request; `index` != 0 asks the kernel for one link's.
Message addr_dump_request(uint8_t family, uint32_t index = 0);

} // namespace nsbox::net::rtnl
