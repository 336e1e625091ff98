// ip link: the link kinds (iproute2's iplink_bridge.c, iplink_bridge_slave.c,
// link_veth.c, iplink_vlan.c, iplink_macvlan.c, iplink_vxlan.c, the tun
// printer of iptuntap.c and the option-less kinds such as iplink_dummy.c):
// their options after "type KIND", their usage texts and their lines under
// ip -d.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <strings.h>
#include <tuple>

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>

#include "applets/common/accounts.hpp"
#include "applets/ip/linktypes.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip {

namespace {

using net::AttrTable;
using net::rtnl::Link;

// ---------------------------------------------------------------------------
// Name tables (/etc/iproute2/group, rt_dsfield): "NUMBER NAME" lines.

std::vector<std::pair<uint32_t, std::string>> read_table(const char* path)
{
    std::vector<std::pair<uint32_t, std::string>> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string id, name;
        if (!(ls >> id) || id.starts_with('#') || !(ls >> name))
            continue;
        char* end = nullptr;
        long v = std::strtol(id.c_str(), &end, 0);
        if (*end || v < 0)
            continue;
        out.emplace_back(static_cast<uint32_t>(v), name);
    }
    return out;
}

// strtoul over the whole word in `base`, at most `max`.
std::optional<uint64_t> parse_ul(std::string_view w, int base, uint64_t max)
{
    std::string s(w);
    if (s.empty())
        return std::nullopt;
    errno = 0;
    char* end = nullptr;
    unsigned long v = std::strtoul(s.c_str(), &end, base);
    if (end == s.c_str() || *end || errno == ERANGE || v > max)
        return std::nullopt;
    return v;
}

// ---------------------------------------------------------------------------
// Printing helpers

const std::string_view& sl(const Context& c)
{
    static constexpr std::string_view nl = "\n", bs = "\\";
    return c.opt.oneline ? bs : nl;
}

// iproute2's br_dump_bridge_id: priority bytes in hex, then ether_ntoa
// (no leading zeros).
std::string bridge_id(net::Bytes b)
{
    if (b.size() < sizeof(ifla_bridge_id))
        return {};
    auto u = [&](size_t i) { return static_cast<unsigned>(b[i]); };
    return fmt::format("{:02x}{:02x}.{:x}:{:x}:{:x}:{:x}:{:x}:{:x}", u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7));
}

// ll_proto_n2a for the protocols a bridge or vlan carries.
std::string proto_name(uint16_t be)
{
    uint16_t id = ntohs(be);
    switch (id) {
    case ETH_P_8021Q: return "802.1Q";
    case ETH_P_8021AD: return "802.1ad";
    case ETH_P_IP: return "ip";
    case ETH_P_IPV6: return "ipv6";
    case ETH_P_ARP: return "arp";
    default: return fmt::format("[{}]", id);
    }
}

// A bridge timer: hundredths of a second, "%4i.%.2i" in text, a bare
// number in JSON.
void print_timer(cli::Output& out, std::string_view key, uint64_t v)
{
    int sec = static_cast<int>(v / 100);
    int hundredths = static_cast<int>(v % 100);
    out.json_raw(key, fmt::format("{}.{:02}", sec, hundredths));
    out.textf("{} {:4}.{:02} ", key, sec, hundredths);
}

enum class Fmt : uint8_t { u8, u16, u32, u64, i16, i32, hex16, on_off, timer, bridge_id, mac, proto, fast_leave_text };

struct Field {
    uint16_t attr;
    Fmt fmt;
    std::string_view key;  // JSON key
    std::string_view word; // text word
};

void print_fields(Context& c, LinkCache&, const AttrTable& t, std::span<const Field> fields)
{
    cli::Output& out = c.out;
    for (const Field& f : fields) {
        const net::Attr* a = t.get(f.attr);
        if (!a)
            continue;
        auto text = [&](const std::string& v) { out.textf("{} {} ", f.word, v); };
        switch (f.fmt) {
        case Fmt::u8:
            if (auto v = a->as<uint8_t>())
                out.json_field(f.key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Fmt::u16:
            if (auto v = a->as<uint16_t>())
                out.json_field(f.key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Fmt::u32:
            if (auto v = a->as<uint32_t>())
                out.json_field(f.key, *v), text(std::to_string(*v));
            break;
        case Fmt::u64:
            if (auto v = a->as<uint64_t>())
                out.json_field(f.key, *v), text(std::to_string(*v));
            break;
        case Fmt::i16:
            if (auto v = a->as<uint16_t>())
                out.json_field(f.key, static_cast<int>(*v)), text(std::to_string(*v));
            break;
        case Fmt::i32:
            if (auto v = a->as<uint32_t>())
                out.json_field(f.key, static_cast<int>(*v)), text(std::to_string(static_cast<int>(*v)));
            break;
        case Fmt::hex16:
            if (auto v = a->as<uint16_t>()) {
                std::string h = *v ? fmt::format("{:#x}", *v) : "0";
                out.json_field(f.key, h), text(h);
            }
            break;
        case Fmt::on_off:
            if (auto v = a->as<uint8_t>())
                out.json_field(f.key, *v != 0), text(*v ? "on" : "off");
            break;
        case Fmt::fast_leave_text:
            if (auto v = a->as<uint8_t>())
                text(*v ? "on" : "off");
            break;
        case Fmt::timer:
            if (auto v = a->as<uint64_t>())
                print_timer(out, f.key, *v);
            break;
        case Fmt::bridge_id: {
            std::string id = bridge_id(a->payload());
            out.json_field(f.key, id), text(id);
            break;
        }
        case Fmt::mac: {
            std::string m = net::format_lladdr(a->payload(), 1);
            out.json_field(f.key, m), text(m);
            break;
        }
        case Fmt::proto:
            if (auto v = a->as<uint16_t>()) {
                std::string p = proto_name(*v);
                out.json_field(f.key, p), text(p);
            }
            break;
        }
    }
}

// ---------------------------------------------------------------------------
// bridge

constexpr std::string_view bridge_usage =
    "Usage: ... bridge [ fdb_flush ]\n"
    "\t\t  [ forward_delay FORWARD_DELAY ]\n"
    "\t\t  [ hello_time HELLO_TIME ]\n"
    "\t\t  [ max_age MAX_AGE ]\n"
    "\t\t  [ ageing_time AGEING_TIME ]\n"
    "\t\t  [ stp_state STP_STATE ]\n"
    "\t\t  [ priority PRIORITY ]\n"
    "\t\t  [ group_fwd_mask MASK ]\n"
    "\t\t  [ group_address ADDRESS ]\n"
    "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
    "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
    "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
    "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
    "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
    "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
    "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
    "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
    "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
    "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
    "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
    "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
    "\t\t  [ mcast_hash_max HASH_MAX ]\n"
    "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
    "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
    "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
    "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
    "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
    "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
    "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
    "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
    "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
    "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
    "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
    "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
    "\n"
    "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";

std::optional<uint16_t> parse_vlan_proto(std::string_view w);

// How an option of "type bridge" or "type bridge_slave" takes its value.
enum class Val : uint8_t {
    flag,     // no value: an empty attribute
    u8,       // get_u8 (base 0)
    u16,      // get_u16
    u32,      // get_u32
    u64,      // get_u64
    proto,    // ll_proto_a2n, network order
    lladdr,   // ll_addr_a2n
    on_off,   // parse_on_off: 1 or 0 in a u8
    boolopt,  // a bit of IFLA_BR_MULTI_BOOLOPT (get_u8, non-zero sets it)
    dev,      // a device's index (u32)
    zero_u32, // no value: 0 in a u32 (nobackup_port)
};

struct KindOpt {
    std::string_view word;
    uint16_t type; // attribute, or the BR_BOOLOPT_* bit for Val::boolopt
    Val val;
    bool exact = false; // iproute2 6.1 takes only the whole word (strcmp)
};

// iproute2 6.1's bridge options, in the order its parser tries them (the
// first one an abbreviation matches wins; the two boolean options take
// no abbreviation).
constexpr KindOpt bridge_opts[] = {
    {"forward_delay", IFLA_BR_FORWARD_DELAY, Val::u32},
    {"hello_time", IFLA_BR_HELLO_TIME, Val::u32},
    {"max_age", IFLA_BR_MAX_AGE, Val::u32},
    {"ageing_time", IFLA_BR_AGEING_TIME, Val::u32},
    {"stp_state", IFLA_BR_STP_STATE, Val::u32},
    {"priority", IFLA_BR_PRIORITY, Val::u16},
    {"vlan_filtering", IFLA_BR_VLAN_FILTERING, Val::u8},
    {"vlan_protocol", IFLA_BR_VLAN_PROTOCOL, Val::proto},
    {"group_fwd_mask", IFLA_BR_GROUP_FWD_MASK, Val::u16},
    {"group_address", IFLA_BR_GROUP_ADDR, Val::lladdr},
    {"fdb_flush", IFLA_BR_FDB_FLUSH, Val::flag},
    {"vlan_default_pvid", IFLA_BR_VLAN_DEFAULT_PVID, Val::u16},
    {"vlan_stats_enabled", IFLA_BR_VLAN_STATS_ENABLED, Val::u8},
    {"vlan_stats_per_port", IFLA_BR_VLAN_STATS_PER_PORT, Val::u8},
    {"mcast_router", IFLA_BR_MCAST_ROUTER, Val::u8},
    {"mcast_snooping", IFLA_BR_MCAST_SNOOPING, Val::u8},
    {"mcast_vlan_snooping", BR_BOOLOPT_MCAST_VLAN_SNOOPING, Val::boolopt, true},
    {"mcast_query_use_ifaddr", IFLA_BR_MCAST_QUERY_USE_IFADDR, Val::u8},
    {"mcast_querier", IFLA_BR_MCAST_QUERIER, Val::u8},
    {"mcast_hash_elasticity", IFLA_BR_MCAST_HASH_ELASTICITY, Val::u32},
    {"mcast_hash_max", IFLA_BR_MCAST_HASH_MAX, Val::u32},
    {"mcast_last_member_count", IFLA_BR_MCAST_LAST_MEMBER_CNT, Val::u32},
    {"mcast_startup_query_count", IFLA_BR_MCAST_STARTUP_QUERY_CNT, Val::u32},
    {"mcast_last_member_interval", IFLA_BR_MCAST_LAST_MEMBER_INTVL, Val::u64},
    {"mcast_membership_interval", IFLA_BR_MCAST_MEMBERSHIP_INTVL, Val::u64},
    {"mcast_querier_interval", IFLA_BR_MCAST_QUERIER_INTVL, Val::u64},
    {"mcast_query_interval", IFLA_BR_MCAST_QUERY_INTVL, Val::u64},
    {"mcast_query_response_interval", IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, Val::u64},
    {"mcast_startup_query_interval", IFLA_BR_MCAST_STARTUP_QUERY_INTVL, Val::u64},
    {"mcast_stats_enabled", IFLA_BR_MCAST_STATS_ENABLED, Val::u8},
    {"mcast_igmp_version", IFLA_BR_MCAST_IGMP_VERSION, Val::u8},
    {"mcast_mld_version", IFLA_BR_MCAST_MLD_VERSION, Val::u8},
    {"nf_call_iptables", IFLA_BR_NF_CALL_IPTABLES, Val::u8},
    {"nf_call_ip6tables", IFLA_BR_NF_CALL_IP6TABLES, Val::u8},
    {"nf_call_arptables", IFLA_BR_NF_CALL_ARPTABLES, Val::u8},
    {"no_linklocal_learn", BR_BOOLOPT_NO_LL_LEARN, Val::boolopt, true},
};

// iproute2 6.1's bridge port options, in its parser's order.
constexpr KindOpt bridge_slave_opts[] = {
    {"fdb_flush", IFLA_BRPORT_FLUSH, Val::flag},
    {"state", IFLA_BRPORT_STATE, Val::u8},
    {"priority", IFLA_BRPORT_PRIORITY, Val::u16},
    {"cost", IFLA_BRPORT_COST, Val::u32},
    {"hairpin", IFLA_BRPORT_MODE, Val::on_off},
    {"guard", IFLA_BRPORT_GUARD, Val::on_off},
    {"root_block", IFLA_BRPORT_PROTECT, Val::on_off},
    {"fastleave", IFLA_BRPORT_FAST_LEAVE, Val::on_off},
    {"learning", IFLA_BRPORT_LEARNING, Val::on_off},
    {"flood", IFLA_BRPORT_UNICAST_FLOOD, Val::on_off},
    {"mcast_flood", IFLA_BRPORT_MCAST_FLOOD, Val::on_off},
    {"bcast_flood", IFLA_BRPORT_BCAST_FLOOD, Val::on_off},
    {"mcast_to_unicast", IFLA_BRPORT_MCAST_TO_UCAST, Val::on_off},
    {"proxy_arp", IFLA_BRPORT_PROXYARP, Val::on_off},
    {"proxy_arp_wifi", IFLA_BRPORT_PROXYARP_WIFI, Val::on_off},
    {"mcast_router", IFLA_BRPORT_MULTICAST_ROUTER, Val::u8},
    {"mcast_fast_leave", IFLA_BRPORT_FAST_LEAVE, Val::on_off},
    {"neigh_suppress", IFLA_BRPORT_NEIGH_SUPPRESS, Val::on_off},
    {"group_fwd_mask", IFLA_BRPORT_GROUP_FWD_MASK, Val::u16},
    {"vlan_tunnel", IFLA_BRPORT_VLAN_TUNNEL, Val::on_off},
    {"isolated", IFLA_BRPORT_ISOLATED, Val::on_off},
    {"locked", IFLA_BRPORT_LOCKED, Val::on_off},
    {"backup_port", IFLA_BRPORT_BACKUP_PORT, Val::dev},
    {"nobackup_port", IFLA_BRPORT_BACKUP_PORT, Val::zero_u32},
};

constexpr std::string_view bridge_slave_usage = "Usage: ... bridge_slave [ fdb_flush ]\n"
                                                "\t\t\t[ state STATE ]\n"
                                                "\t\t\t[ priority PRIO ]\n"
                                                "\t\t\t[ cost COST ]\n"
                                                "\t\t\t[ guard {on | off} ]\n"
                                                "\t\t\t[ hairpin {on | off} ]\n"
                                                "\t\t\t[ fastleave {on | off} ]\n"
                                                "\t\t\t[ root_block {on | off} ]\n"
                                                "\t\t\t[ learning {on | off} ]\n"
                                                "\t\t\t[ flood {on | off} ]\n"
                                                "\t\t\t[ proxy_arp {on | off} ]\n"
                                                "\t\t\t[ proxy_arp_wifi {on | off} ]\n"
                                                "\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
                                                "\t\t\t[ mcast_fast_leave {on | off} ]\n"
                                                "\t\t\t[ mcast_flood {on | off} ]\n"
                                                "\t\t\t[ bcast_flood {on | off} ]\n"
                                                "\t\t\t[ mcast_to_unicast {on | off} ]\n"
                                                "\t\t\t[ group_fwd_mask MASK ]\n"
                                                "\t\t\t[ neigh_suppress {on | off} ]\n"
                                                "\t\t\t[ vlan_tunnel {on | off} ]\n"
                                                "\t\t\t[ isolated {on | off} ]\n"
                                                "\t\t\t[ locked {on | off} ]\n"
                                                "\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n";

// The words after "type bridge" or "type bridge_slave", appended in
// command-line order as iproute2 does; the bridge's boolean options go
// together in one IFLA_BR_MULTI_BOOLOPT after them.
void parse_bridge(Context& c, cli::Args& a, Link& req, bool slave)
{
    std::span<const KindOpt> opts = slave ? std::span<const KindOpt>(bridge_slave_opts)
                                          : std::span<const KindOpt>(bridge_opts);
    std::vector<net::rtnl::KindAttr> attrs;
    br_boolopt_multi bm{};
    for (; !a.empty(); a.next()) {
        const KindOpt* o = nullptr;
        for (const KindOpt& k : opts)
            if (k.exact ? a.is(k.word) : a.matches(k.word)) {
                o = &k;
                break;
            }
        if (!o) {
            if (a.matches("help"))
                cli::fail(cli::exit_failure, std::string(slave ? bridge_slave_usage : bridge_usage));
            cli::fail(cli::exit_failure,
                      slave ? fmt::format("bridge_slave: unknown option \"{}\"?\n{}", a.peek(), bridge_slave_usage)
                            : fmt::format("bridge: unknown command \"{}\"?\n{}", a.peek(), bridge_usage));
        }
        // bridge: "invalid KEY"; bridge_slave: "KEY is invalid" for its
        // first three, "invalid KEY" for the others.
        auto num = [&](uint64_t max) {
            std::string_view w = a.value();
            auto v = parse_ul(w, 0, max);
            if (!v) {
                const bool old = slave && (o->word == "state" || o->word == "priority" || o->word == "cost");
                cli::invarg(old ? fmt::format("{} is invalid", o->word) : fmt::format("invalid {}", o->word), w);
            }
            return *v;
        };
        net::rtnl::KindAttr attr{o->type, std::monostate{}};
        switch (o->val) {
            case Val::flag:
                break;
            case Val::u8:
                attr.value = static_cast<uint8_t>(num(0xff));
                break;
            case Val::u16:
                attr.value = static_cast<uint16_t>(num(0xffff));
                break;
            case Val::u32:
                attr.value = static_cast<uint32_t>(num(0xffffffffu));
                break;
            case Val::u64:
                attr.value = static_cast<uint64_t>(num(UINT64_MAX));
                break;
            case Val::proto: {
                std::string_view w = a.value();
                auto p = parse_vlan_proto(w);
                if (!p)
                    cli::invarg(fmt::format("invalid {}", o->word), w);
                attr.value = *p;
                break;
            }
            case Val::lladdr:
                attr.value = parse_lladdr(a.value());
                break;
            case Val::on_off: {
                std::string_view w = a.value();
                if (w != "on" && w != "off")
                    cli::fail(cli::exit_failure,
                              fmt::format("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n",
                                          o->word, w));
                attr.value = static_cast<uint8_t>(w == "on");
                break;
            }
            case Val::boolopt: {
                const uint32_t bit = 1u << o->type;
                bm.optmask |= bit;
                if (num(0xff))
                    bm.optval |= bit;
                else
                    bm.optval &= ~bit;
                continue;
            }
            case Val::dev: {
                std::string_view w = a.value();
                uint32_t idx = index_of(c, w);
                if (!idx)
                    cli::invarg("Device does not exist\n", w);
                attr.value = idx;
                break;
            }
            case Val::zero_u32:
                attr.value = uint32_t{0};
                break;
        }
        attrs.push_back(std::move(attr));
    }
    if (bm.optmask) {
        std::vector<std::byte> b(sizeof bm);
        std::memcpy(b.data(), &bm, sizeof bm);
        attrs.push_back({IFLA_BR_MULTI_BOOLOPT, std::move(b)});
    }
    (slave ? req.slave_attrs : req.data_attrs) = std::move(attrs);
}

constexpr Field bridge_fields_1[] = {
    {IFLA_BR_FORWARD_DELAY, Fmt::u32, "forward_delay", "forward_delay"},
    {IFLA_BR_HELLO_TIME, Fmt::u32, "hello_time", "hello_time"},
    {IFLA_BR_MAX_AGE, Fmt::u32, "max_age", "max_age"},
    {IFLA_BR_AGEING_TIME, Fmt::u32, "ageing_time", "ageing_time"},
    {IFLA_BR_STP_STATE, Fmt::u32, "stp_state", "stp_state"},
    {IFLA_BR_PRIORITY, Fmt::u16, "priority", "priority"},
    {IFLA_BR_VLAN_FILTERING, Fmt::u8, "vlan_filtering", "vlan_filtering"},
    {IFLA_BR_VLAN_PROTOCOL, Fmt::proto, "vlan_protocol", "vlan_protocol"},
    {IFLA_BR_BRIDGE_ID, Fmt::bridge_id, "bridge_id", "bridge_id"},
};
constexpr Field bridge_fields_2[] = {
    {IFLA_BR_ROOT_PORT, Fmt::u16, "root_port", "root_port"},
    {IFLA_BR_ROOT_PATH_COST, Fmt::u32, "root_path_cost", "root_path_cost"},
    {IFLA_BR_TOPOLOGY_CHANGE, Fmt::u8, "topology_change", "topology_change"},
    {IFLA_BR_TOPOLOGY_CHANGE_DETECTED, Fmt::u8, "topology_change_detected", "topology_change_detected"},
    {IFLA_BR_HELLO_TIMER, Fmt::timer, "hello_timer", ""},
    {IFLA_BR_TCN_TIMER, Fmt::timer, "tcn_timer", ""},
    {IFLA_BR_TOPOLOGY_CHANGE_TIMER, Fmt::timer, "topology_change_timer", ""},
    {IFLA_BR_GC_TIMER, Fmt::timer, "gc_timer", ""},
    {IFLA_BR_VLAN_DEFAULT_PVID, Fmt::u16, "vlan_default_pvid", "vlan_default_pvid"},
    {IFLA_BR_VLAN_STATS_ENABLED, Fmt::u8, "vlan_stats_enabled", "vlan_stats_enabled"},
    {IFLA_BR_VLAN_STATS_PER_PORT, Fmt::u8, "vlan_stats_per_port", "vlan_stats_per_port"},
    {IFLA_BR_GROUP_FWD_MASK, Fmt::hex16, "group_fwd_mask", "group_fwd_mask"},
    {IFLA_BR_GROUP_ADDR, Fmt::mac, "group_addr", "group_address"},
    {IFLA_BR_MCAST_SNOOPING, Fmt::u8, "mcast_snooping", "mcast_snooping"},
};
constexpr Field bridge_fields_3[] = {
    {IFLA_BR_MCAST_ROUTER, Fmt::u8, "mcast_router", "mcast_router"},
    {IFLA_BR_MCAST_QUERY_USE_IFADDR, Fmt::u8, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr"},
    {IFLA_BR_MCAST_QUERIER, Fmt::u8, "mcast_querier", "mcast_querier"},
    {IFLA_BR_MCAST_HASH_ELASTICITY, Fmt::u32, "mcast_hash_elasticity", "mcast_hash_elasticity"},
    {IFLA_BR_MCAST_HASH_MAX, Fmt::u32, "mcast_hash_max", "mcast_hash_max"},
    {IFLA_BR_MCAST_LAST_MEMBER_CNT, Fmt::u32, "mcast_last_member_cnt", "mcast_last_member_count"},
    {IFLA_BR_MCAST_STARTUP_QUERY_CNT, Fmt::u32, "mcast_startup_query_cnt", "mcast_startup_query_count"},
    {IFLA_BR_MCAST_LAST_MEMBER_INTVL, Fmt::u64, "mcast_last_member_intvl", "mcast_last_member_interval"},
    {IFLA_BR_MCAST_MEMBERSHIP_INTVL, Fmt::u64, "mcast_membership_intvl", "mcast_membership_interval"},
    {IFLA_BR_MCAST_QUERIER_INTVL, Fmt::u64, "mcast_querier_intvl", "mcast_querier_interval"},
    {IFLA_BR_MCAST_QUERY_INTVL, Fmt::u64, "mcast_query_intvl", "mcast_query_interval"},
    {IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, Fmt::u64, "mcast_query_response_intvl", "mcast_query_response_interval"},
    {IFLA_BR_MCAST_STARTUP_QUERY_INTVL, Fmt::u64, "mcast_startup_query_intvl", "mcast_startup_query_interval"},
    {IFLA_BR_MCAST_STATS_ENABLED, Fmt::u8, "mcast_stats_enabled", "mcast_stats_enabled"},
    {IFLA_BR_MCAST_IGMP_VERSION, Fmt::u8, "mcast_igmp_version", "mcast_igmp_version"},
    {IFLA_BR_MCAST_MLD_VERSION, Fmt::u8, "mcast_mld_version", "mcast_mld_version"},
    {IFLA_BR_NF_CALL_IPTABLES, Fmt::u8, "nf_call_iptables", "nf_call_iptables"},
    {IFLA_BR_NF_CALL_IP6TABLES, Fmt::u8, "nf_call_ip6tables", "nf_call_ip6tables"},
    {IFLA_BR_NF_CALL_ARPTABLES, Fmt::u8, "nf_call_arptables", "nf_call_arptables"},
};

void print_bridge(Context& c, LinkCache& names, const AttrTable& t)
{
    cli::Output& out = c.out;
    print_fields(c, names, t, bridge_fields_1);
    // iproute2 6.1 prints the bridge id under "designated_root" too (it
    // reads IFLA_BR_BRIDGE_ID there).
    if (t.has(IFLA_BR_ROOT_ID)) {
        const net::Attr* id = t.get(IFLA_BR_BRIDGE_ID);
        std::string s = id ? bridge_id(id->payload()) : std::string();
        out.field("root_id", "designated_root {} ", s);
    }
    print_fields(c, names, t, bridge_fields_2);
    if (const net::Attr* a = t.get(IFLA_BR_MULTI_BOOLOPT)) {
        if (auto bm = a->as<br_boolopt_multi>()) {
            const uint32_t mcvl = 1u << BR_BOOLOPT_MCAST_VLAN_SNOOPING;
            const uint32_t no_ll = 1u << BR_BOOLOPT_NO_LL_LEARN;
            if (bm->optmask & no_ll)
                out.field("no_linklocal_learn", "no_linklocal_learn {} ", (bm->optval & no_ll) ? 1u : 0u);
            if (bm->optmask & mcvl)
                out.field("mcast_vlan_snooping", "mcast_vlan_snooping {} ", (bm->optval & mcvl) ? 1u : 0u);
        }
    }
    print_fields(c, names, t, bridge_fields_3);
}

// ---------------------------------------------------------------------------
// bridge_slave

constexpr std::string_view port_states[] = {"disabled", "listening", "learning", "forwarding", "blocking"};

constexpr Field port_fields_1[] = {
    {IFLA_BRPORT_PRIORITY, Fmt::i16, "priority", "priority"},
    {IFLA_BRPORT_COST, Fmt::i32, "cost", "cost"},
    {IFLA_BRPORT_MODE, Fmt::on_off, "hairpin", "hairpin"},
    {IFLA_BRPORT_GUARD, Fmt::on_off, "guard", "guard"},
    {IFLA_BRPORT_PROTECT, Fmt::on_off, "root_block", "root_block"},
    {IFLA_BRPORT_FAST_LEAVE, Fmt::on_off, "fastleave", "fastleave"},
    {IFLA_BRPORT_LEARNING, Fmt::on_off, "learning", "learning"},
    {IFLA_BRPORT_UNICAST_FLOOD, Fmt::on_off, "flood", "flood"},
    {IFLA_BRPORT_ID, Fmt::hex16, "id", "port_id"},
    {IFLA_BRPORT_NO, Fmt::hex16, "no", "port_no"},
    {IFLA_BRPORT_DESIGNATED_PORT, Fmt::u16, "designated_port", "designated_port"},
    {IFLA_BRPORT_DESIGNATED_COST, Fmt::u16, "designated_cost", "designated_cost"},
    {IFLA_BRPORT_BRIDGE_ID, Fmt::bridge_id, "bridge_id", "designated_bridge"},
    {IFLA_BRPORT_ROOT_ID, Fmt::bridge_id, "root_id", "designated_root"},
    {IFLA_BRPORT_HOLD_TIMER, Fmt::timer, "hold_timer", ""},
    {IFLA_BRPORT_MESSAGE_AGE_TIMER, Fmt::timer, "message_age_timer", ""},
    {IFLA_BRPORT_FORWARD_DELAY_TIMER, Fmt::timer, "forward_delay_timer", ""},
    {IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, Fmt::u8, "topology_change_ack", "topology_change_ack"},
    {IFLA_BRPORT_CONFIG_PENDING, Fmt::u8, "config_pending", "config_pending"},
    {IFLA_BRPORT_PROXYARP, Fmt::on_off, "proxy_arp", "proxy_arp"},
    {IFLA_BRPORT_PROXYARP_WIFI, Fmt::on_off, "proxy_arp_wifi", "proxy_arp_wifi"},
    {IFLA_BRPORT_MULTICAST_ROUTER, Fmt::u8, "multicast_router", "mcast_router"},
    // iproute2 prints fast leave a second time, in text only.
    {IFLA_BRPORT_FAST_LEAVE, Fmt::fast_leave_text, "", "mcast_fast_leave"},
    {IFLA_BRPORT_MCAST_FLOOD, Fmt::on_off, "mcast_flood", "mcast_flood"},
    {IFLA_BRPORT_BCAST_FLOOD, Fmt::on_off, "bcast_flood", "bcast_flood"},
    {IFLA_BRPORT_MCAST_TO_UCAST, Fmt::on_off, "mcast_to_unicast", "mcast_to_unicast"},
    {IFLA_BRPORT_NEIGH_SUPPRESS, Fmt::on_off, "neigh_suppress", "neigh_suppress"},
};
constexpr Field port_fields_2[] = {
    {IFLA_BRPORT_VLAN_TUNNEL, Fmt::on_off, "vlan_tunnel", "vlan_tunnel"},
    {IFLA_BRPORT_ISOLATED, Fmt::on_off, "isolated", "isolated"},
    {IFLA_BRPORT_LOCKED, Fmt::on_off, "locked", "locked"},
};

// iproute2's _bitmask2str over its fwd_mask_tbl.
std::string fwd_mask_str(uint16_t mask)
{
    std::string s;
    for (unsigned i = 0; mask; ++i, mask = static_cast<uint16_t>(mask >> 1)) {
        if (!(mask & 1))
            continue;
        std::string_view name = i == 0 ? "stp" : i == 2 ? "lacp" : i == 14 ? "lldp" : "";
        s += name.empty() ? fmt::format("{:#x},", 1u << i) : fmt::format("{},", name);
    }
    if (s.empty())
        return "0x0";
    s.pop_back();
    return s;
}

void print_bridge_slave(Context& c, LinkCache& names, const AttrTable& t)
{
    cli::Output& out = c.out;
    if (auto st = t.as<uint8_t>(IFLA_BRPORT_STATE)) {
        if (*st < std::size(port_states))
            out.field("state", "state {} ", port_states[*st]);
        else
            out.field("state_index", "state ({}) ", static_cast<int>(*st));
    }
    print_fields(c, names, t, port_fields_1);
    if (auto m = t.as<uint16_t>(IFLA_BRPORT_GROUP_FWD_MASK)) {
        out.field("group_fwd_mask", "group_fwd_mask {} ", *m ? fmt::format("{:#x}", *m) : std::string("0"));
        out.field("group_fwd_mask_str", "group_fwd_mask_str {} ", fwd_mask_str(*m));
    }
    print_fields(c, names, t, port_fields_2);
    if (auto b = t.as<uint32_t>(IFLA_BRPORT_BACKUP_PORT))
        out.field("backup_port", "backup_port {} ", names.name(*b));
}

// ---------------------------------------------------------------------------
// vlan

constexpr std::string_view vlan_usage = "Usage: ... vlan id VLANID\n"
                                        "\t\t[ protocol VLANPROTO ]\n"
                                        "\t\t[ reorder_hdr { on | off } ]\n"
                                        "\t\t[ gvrp { on | off } ]\n"
                                        "\t\t[ mvrp { on | off } ]\n"
                                        "\t\t[ loose_binding { on | off } ]\n"
                                        "\t\t[ bridge_binding { on | off } ]\n"
                                        "\t\t[ ingress-qos-map QOS-MAP ]\n"
                                        "\t\t[ egress-qos-map QOS-MAP ]\n"
                                        "\n"
                                        "VLANID := 0-4095\n"
                                        "VLANPROTO: [ 802.1Q | 802.1ad ]\n"
                                        "QOS-MAP := [ QOS-MAP ] QOS-MAPPING\n"
                                        "QOS-MAPPING := FROM:TO\n";

struct VlanFlag {
    std::string_view word; // option word
    uint32_t bit;
    std::string_view name; // printed
};
constexpr VlanFlag vlan_flags[] = {
    {"reorder_hdr", VLAN_FLAG_REORDER_HDR, "REORDER_HDR"},
    {"gvrp", VLAN_FLAG_GVRP, "GVRP"},
    {"mvrp", VLAN_FLAG_MVRP, "MVRP"},
    {"loose_binding", VLAN_FLAG_LOOSE_BINDING, "LOOSE_BINDING"},
    {"bridge_binding", VLAN_FLAG_BRIDGE_BINDING, "BRIDGE_BINDING"},
};

// ll_proto_a2n for the words a vlan protocol is written with: a name
// (any case) or a number (network order).
std::optional<uint16_t> parse_vlan_proto(std::string_view w)
{
    struct P {
        std::string_view name;
        uint16_t id;
    };
    constexpr P protos[] = {{"802.1Q", ETH_P_8021Q}, {"802.1ad", ETH_P_8021AD}, {"ip", ETH_P_IP},
                            {"ipv6", ETH_P_IPV6},    {"arp", ETH_P_ARP}};
    for (const P& p : protos)
        if (p.name.size() == w.size() && strncasecmp(p.name.data(), w.data(), w.size()) == 0)
            return htons(p.id);
    auto v = parse_ul(w, 0, 0xffff);
    if (!v)
        return std::nullopt;
    return htons(static_cast<uint16_t>(*v));
}

void parse_vlan(cli::Args& a, Link& req)
{
    net::rtnl::VlanData v;
    ifla_vlan_flags flags{};
    for (; !a.empty(); a.next()) {
        const VlanFlag* fl = nullptr;
        for (const VlanFlag& f : vlan_flags)
            if (a.matches(f.word)) {
                fl = &f;
                break;
            }
        if (a.matches("protocol")) {
            std::string_view w = a.value();
            auto p = parse_vlan_proto(w);
            if (!p)
                cli::invarg("protocol is invalid", w);
            v.protocol_be = *p;
        } else if (a.matches("id")) {
            std::string_view w = a.value();
            auto id = parse_ul(w, 0, 0xffff);
            if (!id)
                cli::invarg("id is invalid", w);
            v.id = static_cast<uint16_t>(*id);
        } else if (fl) {
            std::string_view w = a.value();
            flags.mask |= fl->bit;
            if (w == "on")
                flags.flags |= fl->bit;
            else if (w == "off")
                flags.flags &= ~fl->bit;
            else
                on_off_error(fl->word, w);
        } else if (a.matches("ingress-qos-map") || a.matches("egress-qos-map")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: vlan option \"{}\" is not supported yet\n", a.peek()));
        } else if (a.matches("help")) {
            cli::fail(cli::exit_failure, std::string(vlan_usage));
        } else {
            cli::fail(cli::exit_failure, fmt::format("vlan: unknown command \"{}\"?\n{}", a.peek(), vlan_usage));
        }
    }
    if (flags.mask)
        v.flags = flags;
    req.vlan = v;
}

void print_vlan(Context& c, LinkCache&, const AttrTable& t)
{
    cli::Output& out = c.out;
    const net::Attr* proto = t.get(IFLA_VLAN_PROTOCOL);
    if (proto && proto->payload().size() < 2)
        return;
    auto id = t.get(IFLA_VLAN_ID);
    if (!id || id->payload().size() < 2)
        return;
    uint16_t pbe = 0, idv = 0;
    if (proto)
        std::memcpy(&pbe, proto->payload().data(), 2);
    std::memcpy(&idv, id->payload().data(), 2);
    out.field("protocol", "protocol {} ", proto ? proto_name(pbe) : std::string("802.1q"));
    out.field("id", "id {} ", static_cast<unsigned>(idv));
    if (const net::Attr* fa = t.get(IFLA_VLAN_FLAGS)) {
        auto f = fa->as<ifla_vlan_flags>();
        if (!f)
            return;
        uint32_t flags = f->flags;
        auto arr = out.array("flags", cli::In::any, "<", "> ");
        for (const VlanFlag& vf : vlan_flags) {
            if (!(flags & vf.bit))
                continue;
            flags &= ~vf.bit;
            if (flags)
                out.element("{},", vf.name);
            else
                out.element("{}", vf.name);
        }
        if (flags)
            out.element("{}", fmt::format("{:x}", flags));
    }
    for (auto [attr, key, word] : {std::tuple{IFLA_VLAN_INGRESS_QOS, "ingress_qos", "ingress-qos-map"},
                                   std::tuple{IFLA_VLAN_EGRESS_QOS, "egress_qos", "egress-qos-map"}}) {
        const net::Attr* m = t.get(static_cast<uint16_t>(attr));
        if (!m)
            continue;
        auto arr = out.array(key, cli::In::json);
        out.text(sl(c));
        out.textf("      {} {{ ", word);
        for (net::Attr e : m->nested()) {
            auto q = e.as<ifla_vlan_qos_mapping>();
            if (!q)
                continue;
            auto o = out.object(cli::In::json);
            out.json_field("from", q->from);
            out.json_field("to", q->to);
            out.textf("{}:{} ", q->from, q->to);
        }
        arr.close();
        out.text("} ");
    }
}

// ---------------------------------------------------------------------------
// macvlan, macvtap

std::string macvlan_usage(std::string_view kind)
{
    return fmt::format("Usage: ... {} mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"
                       "\n"
                       "MODE: private | vepa | bridge | passthru | source\n"
                       "MODE_FLAG: null | nopromisc | nodst\n"
                       "MODE_OPTS: for mode \"source\":\n"
                       "\tmacaddr {{ {{ add | del }} <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }}\n"
                       "BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n",
                       kind);
}

constexpr std::pair<std::string_view, uint32_t> macvlan_modes[] = {{"private", MACVLAN_MODE_PRIVATE},
                                                                   {"vepa", MACVLAN_MODE_VEPA},
                                                                   {"bridge", MACVLAN_MODE_BRIDGE},
                                                                   {"passthru", MACVLAN_MODE_PASSTHRU},
                                                                   {"source", MACVLAN_MODE_SOURCE}};

void parse_macvlan(cli::Args& a, Link& req, std::string_view kind)
{
    net::rtnl::MacvlanData v;
    uint32_t mode = 0;
    uint16_t flags = 0;
    bool has_flags = false;
    auto fail = [&](std::string_view msg) {
        cli::fail(cli::exit_failure, fmt::format("{}: {}\n{}", kind, msg, macvlan_usage(kind)));
    };
    for (; !a.empty(); a.next()) {
        if (a.matches("mode")) {
            std::string_view w = a.value();
            bool found = false;
            for (auto [name, m] : macvlan_modes)
                if (w == name) {
                    mode = m;
                    found = true;
                }
            if (!found)
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", "
                                      "\"passthru\" or \"source\", not \"{}\"\n",
                                      w));
        } else if (a.matches("flag")) {
            std::string_view w = a.value();
            if (w == "nopromisc")
                flags |= MACVLAN_FLAG_NOPROMISC;
            else if (w == "nodst")
                flags |= MACVLAN_FLAG_NODST;
            else if (w != "null")
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", "
                                      "not \"{}\"\n",
                                      w));
            has_flags = true;
        } else if (a.matches("macaddr")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: {} option \"macaddr\" is not supported yet\n", kind));
        } else if (a.matches("nopromisc")) {
            flags |= MACVLAN_FLAG_NOPROMISC;
            has_flags = true;
        } else if (a.matches("nodst")) {
            flags |= MACVLAN_FLAG_NODST;
            has_flags = true;
        } else if (a.matches("bcqueuelen")) {
            std::string_view w = a.value();
            auto n = parse_ul(w, 0, 0xffffffffu);
            if (!n)
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"bcqueuelen\" must be a positive integer "
                                      "[0-4294967295], not \"{}\"\n",
                                      w));
            v.bc_queue_len = static_cast<uint32_t>(*n);
        } else if (a.matches("help")) {
            cli::fail(cli::exit_failure, macvlan_usage(kind));
        } else {
            fail(fmt::format("unknown option \"{}\"?", a.peek()));
        }
    }
    if (mode)
        v.mode = mode;
    if (has_flags) {
        if ((flags & MACVLAN_FLAG_NOPROMISC) && mode != MACVLAN_MODE_PASSTHRU)
            fail("nopromisc flag only valid in passthru mode");
        v.flags = flags;
    }
    req.macvlan = v;
}

void print_macvlan(Context& c, LinkCache&, const AttrTable& t)
{
    cli::Output& out = c.out;
    auto mode = t.as<uint32_t>(IFLA_MACVLAN_MODE);
    if (!mode)
        return;
    std::string_view name = "unknown";
    for (auto [n, m] : macvlan_modes)
        if (m == *mode)
            name = n;
    out.field("mode", "mode {} ", name);
    uint16_t flags = t.as<uint16_t>(IFLA_MACVLAN_FLAGS).value_or(0);
    if (flags & MACVLAN_FLAG_NOPROMISC)
        out.json_field("nopromisc", true), out.text("nopromisc ");
    if (flags & MACVLAN_FLAG_NODST)
        out.json_field("nodst", true), out.text("nodst ");
    if (auto q = t.as<uint32_t>(IFLA_MACVLAN_BC_QUEUE_LEN))
        out.field("bcqueuelen", "bcqueuelen {} ", *q);
    if (auto q = t.as<uint32_t>(IFLA_MACVLAN_BC_QUEUE_LEN_USED))
        out.field("usedbcqueuelen", "usedbcqueuelen {} ", *q);
    if (*mode != MACVLAN_MODE_SOURCE)
        return;
    auto count = t.as<uint32_t>(IFLA_MACVLAN_MACADDR_COUNT);
    if (!count)
        return;
    out.field("macaddr_count", "remotes ({}) ", static_cast<int>(*count));
    const net::Attr* data = t.get(IFLA_MACVLAN_MACADDR_DATA);
    if (!data)
        return;
    auto arr = out.array("macaddr_data", cli::In::json);
    for (net::Attr e : data->nested()) {
        if (e.type() != IFLA_MACVLAN_MACADDR || e.payload().size() < 6)
            continue;
        std::string m = net::format_lladdr(e.payload().first(6), 1);
        out.element("{} ", m);
    }
}

// ---------------------------------------------------------------------------
// vxlan

constexpr std::string_view vxlan_usage = "Usage: ... vxlan id VNI\n"
                                         "\t\t[ { group | remote } IP_ADDRESS ]\n"
                                         "\t\t[ local ADDR ]\n"
                                         "\t\t[ ttl TTL ]\n"
                                         "\t\t[ tos TOS ]\n"
                                         "\t\t[ df DF ]\n"
                                         "\t\t[ flowlabel LABEL ]\n"
                                         "\t\t[ dev PHYS_DEV ]\n"
                                         "\t\t[ dstport PORT ]\n"
                                         "\t\t[ srcport MIN MAX ]\n"
                                         "\t\t[ [no]learning ]\n"
                                         "\t\t[ [no]proxy ]\n"
                                         "\t\t[ [no]rsc ]\n"
                                         "\t\t[ [no]l2miss ]\n"
                                         "\t\t[ [no]l3miss ]\n"
                                         "\t\t[ ageing SECONDS ]\n"
                                         "\t\t[ maxaddress NUMBER ]\n"
                                         "\t\t[ [no]udpcsum ]\n"
                                         "\t\t[ [no]udp6zerocsumtx ]\n"
                                         "\t\t[ [no]udp6zerocsumrx ]\n"
                                         "\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
                                         "\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
                                         "\t\t[ [no]vnifilter ]\n"
                                         "\n"
                                         "Where:\tVNI\t:= 0-16777215\n"
                                         "\tADDR\t:= { IP_ADDRESS | any }\n"
                                         "\tTOS\t:= { NUMBER | inherit }\n"
                                         "\tTTL\t:= { 1..255 | auto | inherit }\n"
                                         "\tDF\t:= { unset | set | inherit }\n"
                                         "\tLABEL := 0-1048575\n";

// An address on a vxlan command line (iproute2's get_addr and its
// address-type flags).
struct VxAddr {
    std::optional<net::IpAddress> addr; // a family and bytes ("inet")
    bool multicast() const
    {
        if (!addr)
            return false;
        if (addr->family == AF_INET)
            return (static_cast<unsigned>(addr->bytes[0]) & 0xf0) == 0xe0;
        return static_cast<unsigned>(addr->bytes[0]) == 0xff;
    }
    bool inet_not_multi() const { return addr && !multicast(); }
};

VxAddr vx_addr(std::string_view w, int family)
{
    VxAddr a;
    if (w == "default") {
        if (family == AF_INET || family == AF_INET6) {
            net::IpAddress z;
            z.family = static_cast<uint8_t>(family);
            a.addr = z;
        }
        return a;
    }
    if (w == "all" || w == "any")
        return a;
    auto p = net::parse_address(w, family);
    if (!p)
        cli::fail(cli::exit_failure, fmt::format("Error: {} address is expected rather than \"{}\".\n",
                                                 net::family_name_verbose(family), w), cli::Stop::batch);
    a.addr = *p;
    return a;
}

void parse_vxlan(Context& c, cli::Args& a, Link& req, bool set_op)
{
    net::rtnl::VxlanData v;
    uint64_t attrs = 0;
    VxAddr saddr, daddr;
    uint32_t vni = 0;
    uint8_t learning = 1;
    uint16_t dstport = 0;
    bool metadata = false, vnifilter = false;
    auto isset = [&](int type) { return (attrs & (uint64_t{1} << type)) != 0; };
    auto dup = [&](int type, std::string_view key, std::string_view arg) {
        if (isset(type))
            cli::duparg2(key, arg);
        attrs |= uint64_t{1} << type;
    };
    auto fail = [](std::string_view msg) { cli::fail(cli::exit_failure, fmt::format("vxlan: {}\n", msg)); };
    struct Toggle {
        std::string_view word;
        int type;
        std::optional<uint8_t> net::rtnl::VxlanData::*field;
        uint8_t value;
    };
    using D = net::rtnl::VxlanData;
    const Toggle toggles[] = {
        {"noproxy", IFLA_VXLAN_PROXY, &D::proxy, 0},
        {"proxy", IFLA_VXLAN_PROXY, &D::proxy, 1},
        {"norsc", IFLA_VXLAN_RSC, &D::rsc, 0},
        {"rsc", IFLA_VXLAN_RSC, &D::rsc, 1},
        {"nol2miss", IFLA_VXLAN_L2MISS, &D::l2miss, 0},
        {"l2miss", IFLA_VXLAN_L2MISS, &D::l2miss, 1},
        {"nol3miss", IFLA_VXLAN_L3MISS, &D::l3miss, 0},
        {"l3miss", IFLA_VXLAN_L3MISS, &D::l3miss, 1},
        {"udpcsum", IFLA_VXLAN_UDP_CSUM, &D::udp_csum, 1},
        {"noudpcsum", IFLA_VXLAN_UDP_CSUM, &D::udp_csum, 0},
        {"udp6zerocsumtx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &D::udp_zero_csum6_tx, 1},
        {"noudp6zerocsumtx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &D::udp_zero_csum6_tx, 0},
        {"udp6zerocsumrx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &D::udp_zero_csum6_rx, 1},
        {"noudp6zerocsumrx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &D::udp_zero_csum6_rx, 0},
        {"remcsumtx", IFLA_VXLAN_REMCSUM_TX, &D::remcsum_tx, 1},
        {"noremcsumtx", IFLA_VXLAN_REMCSUM_TX, &D::remcsum_tx, 0},
        {"remcsumrx", IFLA_VXLAN_REMCSUM_RX, &D::remcsum_rx, 1},
        {"noremcsumrx", IFLA_VXLAN_REMCSUM_RX, &D::remcsum_rx, 0},
    };
    for (; !a.empty(); a.next()) {
        std::string_view w0 = a.peek();
        auto m = [&](std::string_view full) { return cli::matches(w0, full); };
        const Toggle* tg = nullptr;
        if (m("id") || m("vni")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_ID, "id", w);
            auto n = parse_ul(w, 0, 0xffffffffu);
            if (!n || *n >= (1u << 24))
                cli::invarg("invalid id", w);
            vni = static_cast<uint32_t>(*n);
        } else if (m("group")) {
            if (daddr.inet_not_multi())
                fail("both group and remote cannot be specified");
            std::string_view w = a.value();
            dup(IFLA_VXLAN_GROUP, "group", w);
            daddr = vx_addr(w, saddr.addr ? saddr.addr->family : AF_UNSPEC);
            if (!daddr.multicast())
                cli::invarg("invalid group address", w);
        } else if (m("remote")) {
            if (daddr.multicast())
                fail("both group and remote cannot be specified");
            std::string_view w = a.value();
            dup(IFLA_VXLAN_GROUP, "remote", w);
            daddr = vx_addr(w, saddr.addr ? saddr.addr->family : AF_UNSPEC);
            if (!daddr.inet_not_multi())
                cli::invarg("invalid remote address", w);
        } else if (m("local")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LOCAL, "local", w);
            saddr = vx_addr(w, daddr.addr ? daddr.addr->family : AF_UNSPEC);
            if (!saddr.inet_not_multi())
                cli::invarg("invalid local address", w);
        } else if (m("dev")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LINK, "dev", w);
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::fail(cli::exit_usage, fmt::format("Cannot find device \"{}\"\n", w));
            v.link = idx;
        } else if (m("ttl") || m("hoplimit")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_TTL, "ttl", w);
            if (w == "inherit") {
                v.ttl_inherit = true;
            } else if (w == "auto") {
                v.ttl = 0;
            } else {
                auto n = parse_ul(w, 0, 0xffffffffu);
                if (!n)
                    cli::invarg("invalid TTL", w);
                if (*n > 255)
                    cli::invarg("TTL must be <= 255", w);
                v.ttl = static_cast<uint8_t>(*n);
            }
        } else if (m("tos") || m("dsfield")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_TOS, "tos", w);
            if (w == "inherit") {
                v.tos = 1;
            } else {
                std::optional<uint64_t> n;
                for (const auto& [id, name] : read_table("/etc/iproute2/rt_dsfield"))
                    if (name == w && id <= 255)
                        n = id;
                if (!n)
                    n = parse_ul(w, 16, 255);
                if (!n)
                    cli::invarg("bad TOS value", w);
                v.tos = static_cast<uint8_t>(*n);
            }
        } else if (m("df")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_DF, "df", w);
            if (w == "unset")
                v.df = VXLAN_DF_UNSET;
            else if (w == "set")
                v.df = VXLAN_DF_SET;
            else if (w == "inherit")
                v.df = VXLAN_DF_INHERIT;
            else
                cli::invarg("DF must be 'unset', 'set' or 'inherit'", w);
        } else if (m("label") || m("flowlabel")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LABEL, "flowlabel", w);
            auto n = parse_ul(w, 0, 0xffffffffu);
            if (!n || (*n & ~uint64_t{0xfffff}))
                cli::invarg("invalid flowlabel", w);
            v.label_be = htonl(static_cast<uint32_t>(*n));
        } else if (m("ageing")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_AGEING, "ageing", w);
            std::optional<uint64_t> n = w == "none" ? std::optional<uint64_t>(0) : parse_ul(w, 0, 0xffffffffu);
            if (!n)
                cli::invarg("ageing timer", w);
            v.ageing = static_cast<uint32_t>(*n);
        } else if (m("maxaddress")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LIMIT, "maxaddress", w);
            std::optional<uint64_t> n =
                w == "unlimited" ? std::optional<uint64_t>(0) : parse_ul(w, 0, 0xffffffffu);
            if (!n)
                cli::invarg("max addresses", w);
            v.limit = static_cast<uint32_t>(*n);
        } else if (m("port") || m("srcport")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_PORT_RANGE, "srcport", w);
            auto lo = parse_ul(w, 0, 0xffff);
            if (!lo)
                cli::invarg("min port", w);
            std::string_view w2 = a.value();
            auto hi = parse_ul(w2, 0, 0xffff);
            if (!hi)
                cli::invarg("max port", w2);
            if (*lo || *hi) {
                ifla_vxlan_port_range r{};
                r.low = htons(static_cast<uint16_t>(*lo));
                r.high = htons(static_cast<uint16_t>(*hi));
                v.port_range = r;
            }
        } else if (m("dstport")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_PORT, "dstport", w);
            auto n = parse_ul(w, 0, 0xffff);
            if (!n)
                cli::invarg("dst port", w);
            dstport = static_cast<uint16_t>(*n);
        } else if (m("nolearning")) {
            dup(IFLA_VXLAN_LEARNING, w0, w0);
            learning = 0;
        } else if (m("learning")) {
            dup(IFLA_VXLAN_LEARNING, w0, w0);
            learning = 1;
        } else if ([&] {
                       for (const Toggle& t : toggles)
                           if (m(t.word)) {
                               tg = &t;
                               return true;
                           }
                       return false;
                   }()) {
            dup(tg->type, w0, w0);
            v.*(tg->field) = tg->value;
        } else if (m("external")) {
            dup(IFLA_VXLAN_COLLECT_METADATA, w0, w0);
            metadata = true;
            learning = 0;
            v.collect_metadata = 1;
        } else if (m("noexternal")) {
            dup(IFLA_VXLAN_COLLECT_METADATA, w0, w0);
            metadata = false;
            v.collect_metadata = 0;
        } else if (m("gbp")) {
            dup(IFLA_VXLAN_GBP, w0, w0);
            v.gbp = true;
        } else if (m("gpe")) {
            dup(IFLA_VXLAN_GPE, w0, w0);
            v.gpe = true;
        } else if (w0 == "vnifilter") {
            dup(IFLA_VXLAN_VNIFILTER, w0, w0);
            v.vnifilter = 1;
            vnifilter = true;
        } else if (w0 == "novnifilter") {
            dup(IFLA_VXLAN_VNIFILTER, w0, w0);
            v.vnifilter = 0;
        } else if (m("help")) {
            cli::fail(cli::exit_failure, std::string(vxlan_usage));
        } else {
            cli::fail(cli::exit_failure, fmt::format("vxlan: unknown command \"{}\"?\n{}", w0, vxlan_usage));
        }
    }
    if (!metadata && vnifilter)
        fail("vnifilter is valid only when 'external' is set");
    if (metadata && isset(IFLA_VXLAN_ID))
        fail("both 'external' and vni cannot be specified");
    if (!metadata && !vnifilter && !isset(IFLA_VXLAN_ID) && !set_op)
        fail("missing virtual network identifier");
    if (daddr.multicast() && !isset(IFLA_VXLAN_LINK))
        fail("'group' requires 'dev' to be specified");
    if (!isset(IFLA_VXLAN_PORT) && isset(IFLA_VXLAN_GPE)) {
        dstport = 4790;
    } else if (!isset(IFLA_VXLAN_PORT) && !set_op) {
        std::fputs("vxlan: destination port not specified\n"
                   "Will use Linux kernel default (non-standard value)\n"
                   "Use 'dstport 4789' to get the IANA assigned value\n"
                   "Use 'dstport 0' to get default and quiet this message\n",
                   stderr);
    }
    if (isset(IFLA_VXLAN_ID))
        v.id = vni;
    bool selected_family = false;
    if (saddr.addr) {
        v.local = *saddr.addr;
        selected_family = true;
    }
    if (daddr.addr) {
        v.group = *daddr.addr;
        selected_family = true;
    }
    if (!selected_family && (c.opt.family == AF_INET || c.opt.family == AF_INET6)) {
        net::IpAddress z;
        z.family = static_cast<uint8_t>(c.opt.family);
        v.group = z;
    }
    if (!set_op || isset(IFLA_VXLAN_LEARNING))
        v.learning = learning;
    if (dstport)
        v.port = dstport;
    req.vxlan = v;
}

std::string ip_text(int family, net::Bytes b) { return net::format_address(family, b); }

void print_vxlan(Context& c, LinkCache& names, const AttrTable& t)
{
    cli::Output& out = c.out;
    if (auto m = t.as<uint8_t>(IFLA_VXLAN_COLLECT_METADATA); m && *m)
        out.json_field("external", true), out.text("external ");
    if (auto f = t.as<uint8_t>(IFLA_VXLAN_VNIFILTER); f && *f)
        out.json_field("vnifilter", true), out.text("vnifilter");
    if (const net::Attr* id = t.get(IFLA_VXLAN_ID); id && id->payload().size() >= 4) {
        uint32_t v;
        std::memcpy(&v, id->payload().data(), 4);
        out.field("id", "id {} ", v);
    }
    if (const net::Attr* g = t.get(IFLA_VXLAN_GROUP)) {
        if (g->payload().size() == 4) {
            uint32_t be;
            std::memcpy(&be, g->payload().data(), 4);
            if (be) {
                std::string s = ip_text(AF_INET, g->payload());
                if ((ntohl(be) & 0xf0000000u) == 0xe0000000u)
                    out.field("group", "group {} ", s);
                else
                    out.field("remote", "remote {} ", s);
            }
        }
    } else if (const net::Attr* g6 = t.get(IFLA_VXLAN_GROUP6); g6 && g6->payload().size() == 16) {
        auto p = g6->payload();
        bool zero = std::all_of(p.begin(), p.end(), [](std::byte b) { return b == std::byte{0}; });
        if (!zero) {
            std::string s = ip_text(AF_INET6, p);
            if (p[0] == std::byte{0xff})
                out.field("group6", "group {} ", s);
            else
                out.field("remote6", "remote {} ", s);
        }
    }
    if (const net::Attr* l = t.get(IFLA_VXLAN_LOCAL)) {
        if (l->payload().size() == 4) {
            uint32_t be;
            std::memcpy(&be, l->payload().data(), 4);
            if (be)
                out.field("local", "local {} ", ip_text(AF_INET, l->payload()));
        }
    } else if (const net::Attr* l6 = t.get(IFLA_VXLAN_LOCAL6); l6 && l6->payload().size() == 16) {
        auto p = l6->payload();
        if (!std::all_of(p.begin(), p.end(), [](std::byte b) { return b == std::byte{0}; }))
            out.field("local6", "local {} ", ip_text(AF_INET6, p));
    }
    if (auto link = t.as<uint32_t>(IFLA_VXLAN_LINK); link && *link)
        out.field("link", "dev {} ", names.name(*link));
    if (auto r = t.as<ifla_vxlan_port_range>(IFLA_VXLAN_PORT_RANGE)) {
        auto o = out.object("port_range");
        out.json_field("low", static_cast<unsigned>(ntohs(r->low)));
        out.json_field("high", static_cast<unsigned>(ntohs(r->high)));
        out.textf("srcport {} {} ", ntohs(r->low), ntohs(r->high));
    }
    if (auto p = t.as<uint16_t>(IFLA_VXLAN_PORT))
        out.field("port", "dstport {} ", static_cast<unsigned>(ntohs(*p)));
    if (auto l = t.as<uint8_t>(IFLA_VXLAN_LEARNING)) {
        out.json_field("learning", *l != 0);
        if (!*l)
            out.text("nolearning ");
    }
    const std::tuple<int, std::string_view> bools[] = {{IFLA_VXLAN_PROXY, "proxy"},
                                                       {IFLA_VXLAN_RSC, "rsc"},
                                                       {IFLA_VXLAN_L2MISS, "l2miss"},
                                                       {IFLA_VXLAN_L3MISS, "l3miss"}};
    for (auto [type, word] : bools)
        if (auto v = t.as<uint8_t>(static_cast<uint16_t>(type)); v && *v)
            out.json_field(word, true), out.textf("{} ", word);
    uint8_t tos = t.as<uint8_t>(IFLA_VXLAN_TOS).value_or(0);
    if (tos) {
        if (out.json() || tos != 1)
            out.field("tos", "tos {} ", fmt::format("{:#x}", tos));
        else
            out.text("tos inherit ");
    }
    if (auto ti = t.as<uint8_t>(IFLA_VXLAN_TTL_INHERIT); ti && *ti) {
        out.text("ttl inherit ");
    } else if (auto ttl = t.as<uint8_t>(IFLA_VXLAN_TTL)) {
        if (out.json() || *ttl)
            out.field("ttl", "ttl {} ", static_cast<unsigned>(*ttl));
        else
            out.text("ttl auto ");
    }
    if (auto df = t.as<uint8_t>(IFLA_VXLAN_DF)) {
        if (*df == VXLAN_DF_UNSET)
            out.json_field("df", "unset");
        else if (*df == VXLAN_DF_SET)
            out.field("df", "df {} ", std::string_view("set"));
        else if (*df == VXLAN_DF_INHERIT)
            out.field("df", "df {} ", std::string_view("inherit"));
    }
    if (auto label = t.as<uint32_t>(IFLA_VXLAN_LABEL); label && *label)
        out.field("label", "flowlabel {} ", fmt::format("{:#x}", ntohl(*label)));
    if (auto age = t.as<uint32_t>(IFLA_VXLAN_AGEING)) {
        if (*age == 0) {
            out.json_field("ageing", 0u);
            out.text("ageing none ");
        } else {
            out.field("ageing", "ageing {} ", *age);
        }
    }
    if (auto lim = t.as<uint32_t>(IFLA_VXLAN_LIMIT); lim && *lim)
        out.field("limit", "maxaddr {} ", *lim);
    const std::tuple<int, std::string_view, std::string_view> csums[] = {
        {IFLA_VXLAN_UDP_CSUM, "udp_csum", "udpcsum"},
        {IFLA_VXLAN_UDP_ZERO_CSUM6_TX, "udp_zero_csum6_tx", "udp6zerocsumtx"},
        {IFLA_VXLAN_UDP_ZERO_CSUM6_RX, "udp_zero_csum6_rx", "udp6zerocsumrx"}};
    for (auto [type, key, word] : csums) {
        if (auto v = t.as<uint8_t>(static_cast<uint16_t>(type))) {
            out.json_field(key, *v != 0);
            out.textf("{}{} ", *v ? "" : "no", word);
        }
    }
    if (auto v = t.as<uint8_t>(IFLA_VXLAN_REMCSUM_TX); v && *v)
        out.json_field("remcsum_tx", true), out.text("remcsumtx ");
    if (auto v = t.as<uint8_t>(IFLA_VXLAN_REMCSUM_RX); v && *v)
        out.json_field("remcsum_rx", true), out.text("remcsumrx ");
    if (t.has(IFLA_VXLAN_GBP))
        out.json_field("gbp", true), out.text("gbp ");
    if (t.has(IFLA_VXLAN_GPE))
        out.json_field("gpe", true), out.text("gpe ");
}

// ---------------------------------------------------------------------------
// tun (iproute2's tun_link_util in iptuntap.c): print only; tun and tap
// devices are made with `ip tuntap add`.

void print_tun(Context& c, LinkCache&, const AttrTable& t)
{
    cli::Output& out = c.out;
    auto on_off = [&](std::string_view key, uint16_t type) {
        if (auto v = t.as<uint8_t>(type)) {
            out.json_field(key, *v != 0);
            out.textf("{} {} ", key, *v ? "on" : "off");
        }
    };
    if (auto type = t.as<uint8_t>(IFLA_TUN_TYPE)) {
        std::string s = *type == IFF_TUN ? "tun" : *type == IFF_TAP ? "tap" : fmt::format("UNKNOWN:{}", *type);
        out.field("type", "type {} ", s);
    }
    on_off("pi", IFLA_TUN_PI);
    on_off("vnet_hdr", IFLA_TUN_VNET_HDR);
    if (auto mq = t.as<uint8_t>(IFLA_TUN_MULTI_QUEUE); mq && *mq) {
        out.json_field("multi_queue", true);
        out.text("multi_queue ");
        if (auto n = t.as<uint32_t>(IFLA_TUN_NUM_QUEUES))
            out.field("numqueues", "numqueues {} ", *n);
        if (auto n = t.as<uint32_t>(IFLA_TUN_NUM_DISABLED_QUEUES))
            out.field("numdisabled", "numdisabled {} ", *n);
    } else {
        out.json_field("multi_queue", false);
    }
    on_off("persist", IFLA_TUN_PERSIST);
    // getpwuid / getgrgid: the name when there is one, else the number.
    if (auto uid = t.as<uint32_t>(IFLA_TUN_OWNER)) {
        if (auto u = cli::user_by_id(*uid))
            out.field("user", "user {} ", u->name);
        else
            out.field("user", "user {} ", *uid);
    }
    if (auto gid = t.as<uint32_t>(IFLA_TUN_GROUP)) {
        if (auto g = cli::group_by_id(*gid))
            out.field("group", "group {} ", g->name);
        else
            out.field("group", "group {} ", *gid);
    }
}

// ---------------------------------------------------------------------------
// The kinds iproute2 6.1 knows (it has a link_util for each), and what
// nsbox does with them.

struct Kind {
    std::string_view name;
    bool parses;  // iproute2 has a parse_opt
    bool prints;  // iproute2 has a print_opt
    uint16_t maxattr;
    void (*print)(Context&, LinkCache&, const AttrTable&); // nullptr: nsbox does not print it yet
};

constexpr Kind kinds[] = {
    {"amt", true, true, 0, nullptr},
    {"bareudp", true, true, 0, nullptr},
    {"batadv", true, false, 0, nullptr},
    {"bond", true, true, 0, nullptr},
    {"bond_slave", true, true, 0, nullptr},
    {"bridge", true, true, IFLA_BR_MAX, print_bridge},
    {"bridge_slave", true, true, IFLA_BRPORT_MAX, print_bridge_slave},
    {"can", true, true, 0, nullptr},
    {"dsa", true, true, 0, nullptr},
    {"dummy", false, false, 0, nullptr},
    {"erspan", true, true, 0, nullptr},
    {"geneve", true, true, 0, nullptr},
    {"gre", true, true, 0, nullptr},
    {"gretap", true, true, 0, nullptr},
    {"gtp", true, true, 0, nullptr},
    {"hsr", true, true, 0, nullptr},
    {"ifb", false, false, 0, nullptr},
    {"ip6erspan", true, true, 0, nullptr},
    {"ip6gre", true, true, 0, nullptr},
    {"ip6gretap", true, true, 0, nullptr},
    {"ip6tnl", true, true, 0, nullptr},
    {"ipip", true, true, 0, nullptr},
    {"ipoib", true, true, 0, nullptr},
    {"ipvlan", true, true, 0, nullptr},
    {"ipvtap", true, true, 0, nullptr},
    {"macsec", true, true, 0, nullptr},
    {"macvlan", true, true, IFLA_MACVLAN_MAX, print_macvlan},
    {"macvtap", true, true, IFLA_MACVLAN_MAX, print_macvlan},
    {"netdevsim", false, false, 0, nullptr},
    {"nlmon", false, false, 0, nullptr},
    {"rmnet", true, true, 0, nullptr},
    {"sit", true, true, 0, nullptr},
    {"team", false, false, 0, nullptr},
    {"team_slave", false, false, 0, nullptr},
    {"tun", false, true, IFLA_TUN_MAX, print_tun},
    {"vcan", false, false, 0, nullptr},
    {"veth", true, false, 0, nullptr},
    {"virt_wifi", false, false, 0, nullptr},
    {"vlan", true, true, IFLA_VLAN_MAX, print_vlan},
    {"vrf", true, true, 0, nullptr},
    {"vrf_slave", false, true, 0, nullptr},
    {"vti", true, true, 0, nullptr},
    {"vti6", true, true, 0, nullptr},
    {"vxcan", true, true, 0, nullptr},
    {"vxlan", true, true, IFLA_VXLAN_MAX, print_vxlan},
    {"wwan", true, true, 0, nullptr},
    {"xfrm", true, true, 0, nullptr},
};

const Kind* find_kind(std::string_view name)
{
    for (const Kind& k : kinds)
        if (k.name == name)
            return &k;
    return nullptr;
}

void parse_veth(Context& c, cli::Args& a, Link& req)
{
    if (!a.is("peer")) {
        // iproute2 prints this usage on stdout.
        c.out.text("Usage: ip link <options> type veth [peer <options>]\n"
                   "To get <options> type 'ip link add help'\n");
        c.out.flush();
        cli::fail(cli::exit_failure, "");
    }
    a.next();
    LinkArgs q = parse_link_args(c, a, true);
    if (q.type)
        cli::duparg("type", *q.type);
    net::rtnl::VethPeer peer;
    static_cast<net::rtnl::LinkRequestAttrs&>(peer) = q.attrs;
    peer.flags = q.flags;
    peer.change = q.change;
    if (q.attrs.group && !q.dev)
        cli::fail(cli::exit_usage, "group cannot be used when creating devices.\n");
    if (q.name && q.dev && !q.dev_from_name && q.name != q.dev)
        cli::fail(cli::exit_usage, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
    if (q.link) {
        uint32_t idx = index_of(c, *q.link);
        if (!idx)
            no_device(*q.link);
        peer.link = idx;
    }
    if (q.index)
        cli::fail(cli::exit_usage, "nsbox ip: \"index\" for a veth peer is not supported yet\n");
    peer.name = q.dev;
    req.veth_peer = std::move(peer);
}

} // namespace

void parse_kind_options(Context& c, cli::Args& a, Link& req, bool set_op)
{
    const std::string& kind = *req.kind;
    const Kind* k = find_kind(kind);
    if (a.empty())
        return;
    if (!k) {
        if (a.matches("help"))
            cli::fail(cli::exit_usage, std::string(link_usage));
        cli::fail(cli::exit_failure,
                  fmt::format("Garbage instead of arguments \"{} ...\". Try \"ip link help\".\n", a.peek()));
    }
    if (!k->parses) {
        // iproute2 opens the data nest and, with no parser, ignores the words.
        req.empty_info_data = true;
        return;
    }
    if (kind == "veth")
        return parse_veth(c, a, req);
    if (kind == "bridge" || kind == "bridge_slave")
        return parse_bridge(c, a, req, kind == "bridge_slave");
    if (kind == "vlan")
        return parse_vlan(a, req);
    if (kind == "macvlan" || kind == "macvtap")
        return parse_macvlan(a, req, kind);
    if (kind == "vxlan")
        return parse_vxlan(c, a, req, set_op);
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: options of \"type {}\" are not supported yet\n", kind));
}

int kind_help(Context& c, std::string_view kind)
{
    std::string text;
    if (kind == "veth")
        text = "Usage: ip link <options> type veth [peer <options>]\n"
               "To get <options> type 'ip link add help'\n";
    else if (kind == "bridge")
        text = bridge_usage;
    else if (kind == "bridge_slave")
        text = bridge_slave_usage;
    else if (kind == "vlan")
        text = vlan_usage;
    else if (kind == "macvlan" || kind == "macvtap")
        text = macvlan_usage(kind);
    else if (kind == "vxlan")
        text = vxlan_usage;
    else if (kind == "tun") // iproute2 has no help for it: the link usage
        cli::fail(cli::exit_usage, std::string(link_usage));
    else if (kind == "dummy" || kind == "ifb" || kind == "nlmon" || kind == "vcan")
        text = fmt::format("Usage: ... {}\n", kind);
    else if (find_kind(kind))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: link help {} is not supported yet\n", kind));
    else
        cli::fail(cli::exit_usage, std::string(link_usage));
    c.out.text(text);
    return 0;
}

bool kind_data_unsupported(std::string_view kind, bool slave)
{
    const Kind* k = find_kind(slave ? std::string(kind) + "_slave" : std::string(kind));
    return k && k->prints && !k->print;
}

bool print_kind_data(Context& c, LinkCache& names, const Link& l, bool slave)
{
    std::string name = slave ? *l.slave_kind + "_slave" : *l.kind;
    const Kind* k = find_kind(name);
    if (!k || !k->prints)
        return false;
    if (!k->print)
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: the details of \"{}\" links are not supported yet\n", name));
    auto o = c.out.object(slave ? "info_slave_data" : "info_data");
    const auto& blob = slave ? l.slave_data : l.info_data;
    if (blob)
        k->print(c, names, blob->table(k->maxattr));
    return true;
}

// The group names, read once (iproute2 reads the file once too).
const std::vector<std::pair<uint32_t, std::string>>& group_table()
{
    static const auto table = read_table("/etc/iproute2/group");
    return table;
}

std::string group_name(uint32_t group)
{
    for (const auto& [id, name] : group_table())
        if (id == group)
            return name;
    return std::to_string(static_cast<int>(group));
}

std::optional<uint32_t> group_number(std::string_view w)
{
    for (const auto& [id, name] : group_table())
        if (name == w)
            return id;
    std::string s(w);
    if (s.empty())
        return std::nullopt;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 0);
    if (end == s.c_str() || *end || v < 0)
        return std::nullopt;
    return static_cast<uint32_t>(v);
}

} // namespace nsbox::ip
