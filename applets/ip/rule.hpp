// ip rule (iproute2's iprule.c): add, del, list/show with selectors,
// flush, save, restore. The parser and printer are exposed for the unit
// tests (request bytes, recorded dumps).
#pragma once

#include <cstdint>
#include <string>

#include "applets/ip/ip.hpp"
#include "applets/ip/names.hpp"
#include "libnet/rtnl/rule.hpp"

namespace nsbox::ip::rule {

// What a list, flush or save selects (iproute2's rule filter). A zero
// value means "any" where iproute2 tests the value itself (fwmark, ipproto,
// the ports' start, tun_id, table).
struct Filter {
    bool invert = false;
    bool l3mdev = false;
    std::optional<uint32_t> pref;
    std::optional<uint8_t> tos;
    uint32_t fwmark = 0;
    uint32_t fwmask = 0;
    std::optional<std::string> iif;
    std::optional<std::string> oif;
    std::optional<net::rtnl::UidRange> uid_range;
    uint64_t tun_id = 0;
    uint32_t table = 0;
    uint8_t ip_proto = 0;
    net::rtnl::PortRange sport;
    net::rtnl::PortRange dport;
    // Prefixes: family 0 means not given.
    struct Prefix {
        int family = 0;
        int bitlen = 0;
        net::IpAddress addr;
    };
    Prefix src, dst;
    // Flush only (iproute2 tests it in flush_rule alone): protocol under mask.
    uint8_t protocol = 0;
    uint8_t protocolmask = 0;
};

// Whether `r` passes the filter (iproute2's filter_nlmsg); `family` is the
// -4/-6 preference (AF_UNSPEC: any).
bool filter_match(const Filter& f, const net::rtnl::Rule& r, int family);

// One rule as iproute2's print_rule: a text line or a JSON object.
void print_rule(Context& c, RtNames& names, const net::rtnl::Rule& r);

// The rule an add/del command line asks for (iproute2's iprule_modify up
// to rtnl_talk); `nl_cmd` is RTM_NEWRULE or RTM_DELRULE. Prints the NAT
// warning on stderr as iproute2 does; fails with its sentences.
net::rtnl::Rule modify_request(Context& c, RtNames& names, cli::Args& a, uint16_t nl_cmd);

// The selector of list/flush (`a` after the verb).
Filter parse_filter(Context& c, RtNames& names, cli::Args& a);

} // namespace nsbox::ip::rule
