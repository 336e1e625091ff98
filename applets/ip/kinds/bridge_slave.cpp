// ip link: type bridge_slave (iproute2's iplink_bridge_slave.c): a bridge
// port's options, help and data under ip -d.

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"

namespace nsbox::ip::kinds {

namespace {

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

constexpr std::string_view bridge_slave_help = "Usage: ... bridge_slave [ fdb_flush ]\n"
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

} // namespace

std::string bridge_slave_usage(std::string_view) { return std::string(bridge_slave_help); }

void bridge_slave_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool)
{
    parse_bridge(c, a, req, true, bridge_slave_opts, bridge_slave_help);
}

void bridge_slave_print(Context& c, LinkCache& names, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    if (auto st = t.as<uint8_t>(IFLA_BRPORT_STATE)) {
        if (*st < std::size(port_states))
            out.field("state", "state {} ", port_states[*st]);
        else
            out.field("state_index", "state ({}) ", static_cast<int>(*st));
    }
    print_fields(c, t, port_fields_1);
    if (auto m = t.as<uint16_t>(IFLA_BRPORT_GROUP_FWD_MASK)) {
        out.field("group_fwd_mask", "group_fwd_mask {} ", *m ? fmt::format("{:#x}", *m) : std::string("0"));
        out.field("group_fwd_mask_str", "group_fwd_mask_str {} ", fwd_mask_str(*m));
    }
    print_fields(c, t, port_fields_2);
    if (auto b = t.as<uint32_t>(IFLA_BRPORT_BACKUP_PORT))
        out.field("backup_port", "backup_port {} ", names.name(*b));
}

} // namespace nsbox::ip::kinds
