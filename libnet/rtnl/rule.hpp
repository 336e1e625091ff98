// Typed policy routing rule messages (RTM_NEWRULE / RTM_DELRULE /
// RTM_GETRULE): struct fib_rule_hdr and its FRA_* attributes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

// FRA_DSCP (kernel 6.13 and later): newer than the UAPI headers this is
// built against. Decoded when present; iproute2 6.1 neither sends nor
// prints it.
inline constexpr uint16_t fra_dscp = 25;
// The attribute iproute2's deprecated "nat ADDRESS" sends (RTA_GATEWAY,
// FRA_UNUSED2 for rules); kernels refuse the NAT action it goes with.
inline constexpr uint16_t fra_gateway = FRA_UNUSED2;

struct UidRange {
    uint32_t start = 0;
    uint32_t end = 0;
    bool operator==(const UidRange&) const = default;
};

// Ports in host order, as struct fib_rule_port_range carries them.
struct PortRange {
    uint16_t start = 0;
    uint16_t end = 0;
    bool operator==(const PortRange&) const = default;
};

struct Rule {
    // struct fib_rule_hdr
    uint8_t family = 0;
    uint8_t dst_len = 0;
    uint8_t src_len = 0;
    uint8_t tos = 0;
    uint8_t table = 0;  // the 8-bit table; see table_id()
    uint8_t action = 0; // FR_ACT_* (RTN_NAT for iproute2's "nat")
    uint32_t flags = 0; // FIB_RULE_*

    std::optional<IpAddress> dst;                 // FRA_DST
    std::optional<IpAddress> src;                 // FRA_SRC
    std::optional<std::string> iifname;           // FRA_IIFNAME
    std::optional<std::string> oifname;           // FRA_OIFNAME
    std::optional<uint32_t> goto_target;          // FRA_GOTO
    std::optional<uint32_t> priority;             // FRA_PRIORITY
    std::optional<uint32_t> fwmark;               // FRA_FWMARK
    std::optional<uint32_t> fwmask;               // FRA_FWMASK
    std::optional<uint32_t> flow;                 // FRA_FLOW (realms: from << 16 | to)
    std::optional<uint64_t> tun_id;               // FRA_TUN_ID (host order; big endian on the wire)
    std::optional<uint32_t> suppress_ifgroup;     // FRA_SUPPRESS_IFGROUP
    std::optional<uint32_t> suppress_prefixlen;   // FRA_SUPPRESS_PREFIXLEN
    std::optional<uint32_t> table_attr;           // FRA_TABLE (32-bit table id)
    std::optional<uint8_t> l3mdev;                // FRA_L3MDEV
    std::optional<UidRange> uid_range;            // FRA_UID_RANGE
    std::optional<uint8_t> protocol;              // FRA_PROTOCOL (RTPROT_*)
    std::optional<uint8_t> ip_proto;              // FRA_IP_PROTO
    std::optional<PortRange> sport;               // FRA_SPORT_RANGE
    std::optional<PortRange> dport;               // FRA_DPORT_RANGE
    std::optional<uint8_t> dscp;                  // fra_dscp
    std::optional<IpAddress> gateway;             // fra_gateway ("nat ADDRESS": an IPv4 address)

    // The order encode() writes attributes in: these FRA_* types first, in
    // this order (iproute2 follows its command line), then every other
    // present attribute in a fixed order.
    std::vector<uint16_t> order;

    uint32_t table_id() const noexcept { return table_attr.value_or(table); }
};

Message encode(uint16_t type, uint16_t flags, const Rule& r);
// Throws Malformed when the message is too short for fib_rule_hdr or an
// attribute runs past it. An attribute of the wrong size is left unset.
Rule decode_rule(const Msg& m);
// Every RTM_NEWRULE of a dump's bytes.
std::vector<Rule> decode_rules(Bytes dump);

// A rule dump request for `family` (iproute2's rtnl_ruledump_req: a
// fib_rule_hdr with the family only).
Message rule_dump_request(uint8_t family);

// A request carrying a rule exactly as the kernel reported it (or as
// `ip rule save` stored it): header and attributes under a new type and
// flags (flush sends dumped rules back as RTM_DELRULE).
Message copy_rule(const Msg& m, uint16_t type, uint16_t flags);

} // namespace nsbox::net::rtnl
