// Typed rtnetlink route messages (RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <linux/rtnetlink.h>

#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

struct Route {
    // struct rtmsg
    uint8_t family = 0;
    uint8_t dst_len = 0;
    uint8_t src_len = 0;
    uint8_t tos = 0;
    uint8_t table = 0;    // the 8-bit table; see table_id()
    uint8_t protocol = 0; // RTPROT_*
    uint8_t scope = 0;    // RT_SCOPE_*
    uint8_t type = 0;     // RTN_*
    uint32_t flags = 0;   // RTM_F_*, RTNH_F_*

    std::optional<IpAddress> dst;      // RTA_DST
    std::optional<IpAddress> src;      // RTA_SRC
    std::optional<IpAddress> gateway;  // RTA_GATEWAY
    std::optional<IpAddress> prefsrc;  // RTA_PREFSRC
    std::optional<uint32_t> oif;       // RTA_OIF
    std::optional<uint32_t> iif;       // RTA_IIF
    std::optional<uint32_t> priority;  // RTA_PRIORITY (metric)
    std::optional<uint32_t> table_attr; // RTA_TABLE (32-bit table id)
    std::optional<uint8_t> pref;       // RTA_PREF (IPv6 router preference)
    std::optional<rta_cacheinfo> cacheinfo; // RTA_CACHEINFO
    bool multipath = false;            // RTA_MULTIPATH present (not decoded yet)
    // RTA_METRICS: RTAX_* values in the kernel's order (RTAX_LOCK included),
    // and RTAX_CC_ALGO, the one string.
    struct Metric {
        uint16_t type;
        uint32_t value;
    };
    std::optional<std::vector<Metric>> metrics;
    std::optional<std::string> congctl;

    uint32_t table_id() const noexcept { return table_attr.value_or(table); }
};

Message encode(uint16_t type, uint16_t flags, const Route& r);
Route decode_route(const Msg& m);
// A route dump request for `family`; `table` != 0 adds RTA_TABLE so that a
// strict-checking kernel returns that table only.
Message route_dump_request(uint8_t family, uint32_t table);

} // namespace nsbox::net::rtnl
