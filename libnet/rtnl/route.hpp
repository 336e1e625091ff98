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

// RTA_VIA: a gateway of another family than the route's (an IPv6 next hop
// for an IPv4 route). `raw` is the address as sent, `family` its AF_*.
struct Via {
    uint16_t family = 0;
    std::vector<std::byte> raw;
    bool operator==(const Via&) const = default;
};

// One next hop of RTA_MULTIPATH (struct rtnexthop and its attributes).
struct Nexthop {
    uint8_t flags = 0;     // RTNH_F_*
    uint8_t hops = 0;      // weight - 1
    int32_t ifindex = 0;
    std::optional<IpAddress> gateway; // RTA_GATEWAY
    std::optional<Via> via;           // RTA_VIA
    std::optional<uint32_t> flow;     // RTA_FLOW (realms)
    std::optional<IpAddress> newdst;  // RTA_NEWDST
    bool encap = false;               // RTA_ENCAP present (not decoded)
};

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
    std::optional<Via> via;            // RTA_VIA
    std::optional<IpAddress> prefsrc;  // RTA_PREFSRC
    std::optional<IpAddress> newdst;   // RTA_NEWDST ("as to")
    std::optional<uint32_t> oif;       // RTA_OIF
    std::optional<uint32_t> iif;       // RTA_IIF
    std::optional<uint32_t> priority;  // RTA_PRIORITY (metric)
    std::optional<uint32_t> table_attr; // RTA_TABLE (32-bit table id)
    std::optional<uint8_t> pref;       // RTA_PREF (IPv6 router preference)
    std::optional<uint32_t> flow;      // RTA_FLOW (realms: from << 16 | to)
    std::optional<uint32_t> mark;      // RTA_MARK
    std::optional<uint32_t> uid;       // RTA_UID
    std::optional<uint32_t> expires;   // RTA_EXPIRES (seconds; requests only)
    std::optional<uint32_t> nhid;      // RTA_NH_ID
    std::optional<uint8_t> ttl_propagate; // RTA_TTL_PROPAGATE
    std::optional<rta_cacheinfo> cacheinfo; // RTA_CACHEINFO
    std::optional<std::vector<Nexthop>> nexthops; // RTA_MULTIPATH
    bool encap = false;                // RTA_ENCAP present (not decoded)
    // RTM_GETROUTE selectors (iproute2's ip route get ... ipproto, sport,
    // dport); ports in host order.
    std::optional<uint8_t> ip_proto;   // RTA_IP_PROTO
    std::optional<uint16_t> sport;     // RTA_SPORT
    std::optional<uint16_t> dport;     // RTA_DPORT
    // RTA_METRICS: RTAX_* values in the kernel's order (RTAX_LOCK included),
    // and RTAX_CC_ALGO, the one string (in `congctl`, at the position of
    // its RTAX_CC_ALGO entry in `metrics`, whose value is unused).
    struct Metric {
        uint16_t type;
        uint32_t value;
    };
    std::optional<std::vector<Metric>> metrics;
    std::optional<std::string> congctl;

    // The order encode() writes attributes in: these RTA_* types first, in
    // this order (iproute2 follows its command line), then every other
    // present attribute in a fixed order. Empty: the fixed order only.
    std::vector<uint16_t> order;

    uint32_t table_id() const noexcept { return table_attr.value_or(table); }
};

Message encode(uint16_t type, uint16_t flags, const Route& r);
Route decode_route(const Msg& m);

// What a route dump asks the kernel to filter (iproute2's
// iproute_dump_filter): a strict-checking kernel returns only matching
// routes; the caller filters again for kernels that do not.
struct RouteDump {
    uint8_t family = 0;
    uint32_t table = 0;     // RTA_TABLE when non-zero
    uint8_t protocol = 0;   // rtm_protocol
    bool cloned = false;    // RTM_F_CLONED: the exception cache
    uint32_t oif = 0;       // RTA_OIF when non-zero
};
Message route_dump_request(const RouteDump& d);
// A route dump request for `family`; `table` != 0 adds RTA_TABLE so that a
// strict-checking kernel returns that table only.
Message route_dump_request(uint8_t family, uint32_t table);

// A request carrying a route exactly as the kernel reported it (or as
// `ip route save` stored it): the message's rtmsg and attributes under a new
// type and flags (iproute2's flush sends dumped routes back as
// RTM_DELROUTE, its restore as RTM_NEWROUTE).
Message copy_route(const Msg& m, uint16_t type, uint16_t flags);

} // namespace nsbox::net::rtnl
