// ip link: type bridge_slave (iproute2's iplink_bridge_slave.c): each
// bridge port attribute described once (bridge_attrs.hpp); that table
// drives its options, its help and its data under ip -d.

#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"

namespace nsbox::ip::kinds {

namespace {

// In the order ip -d prints them; parse_at is the order of iproute2 6.1's
// parser (the first option an abbreviation matches wins), usage_at that of
// its help. iproute2 prints fast leave twice, the second time
// (mcast_fast_leave) in text only.
constexpr AttrDesc bridge_slave_attrs[] = {
    // word, JSON key, usage value, type, in, out, parse_at, usage_at, flags
    {"fdb_flush", "", "", IFLA_BRPORT_FLUSH, In::flag, Out::none, 0, 0, 0},
    {"state", "", "STATE", IFLA_BRPORT_STATE, In::u8, Out::port_state, 1, 1, old_invalid},
    {"priority", "", "PRIO", IFLA_BRPORT_PRIORITY, In::u16, Out::i16, 2, 2, old_invalid},
    {"cost", "", "COST", IFLA_BRPORT_COST, In::u32, Out::i32, 3, 3, old_invalid},
    {"hairpin", "", "{on | off}", IFLA_BRPORT_MODE, In::on_off, Out::on_off, 4, 5, 0},
    {"guard", "", "{on | off}", IFLA_BRPORT_GUARD, In::on_off, Out::on_off, 5, 4, 0},
    {"root_block", "", "{on | off}", IFLA_BRPORT_PROTECT, In::on_off, Out::on_off, 6, 7, 0},
    {"fastleave", "", "{on | off}", IFLA_BRPORT_FAST_LEAVE, In::on_off, Out::on_off, 7, 6, 0},
    {"learning", "", "{on | off}", IFLA_BRPORT_LEARNING, In::on_off, Out::on_off, 8, 8, 0},
    {"flood", "", "{on | off}", IFLA_BRPORT_UNICAST_FLOOD, In::on_off, Out::on_off, 9, 9, 0},
    {"port_id", "id", "", IFLA_BRPORT_ID, In::none, Out::hex16, no, no, 0},
    {"port_no", "no", "", IFLA_BRPORT_NO, In::none, Out::hex16, no, no, 0},
    {"designated_port", "", "", IFLA_BRPORT_DESIGNATED_PORT, In::none, Out::u16, no, no, 0},
    {"designated_cost", "", "", IFLA_BRPORT_DESIGNATED_COST, In::none, Out::u16, no, no, 0},
    {"designated_bridge", "bridge_id", "", IFLA_BRPORT_BRIDGE_ID, In::none, Out::bridge_id, no, no, 0},
    {"designated_root", "root_id", "", IFLA_BRPORT_ROOT_ID, In::none, Out::bridge_id, no, no, 0},
    {"hold_timer", "", "", IFLA_BRPORT_HOLD_TIMER, In::none, Out::timer, no, no, 0},
    {"message_age_timer", "", "", IFLA_BRPORT_MESSAGE_AGE_TIMER, In::none, Out::timer, no, no, 0},
    {"forward_delay_timer", "", "", IFLA_BRPORT_FORWARD_DELAY_TIMER, In::none, Out::timer, no, no, 0},
    {"topology_change_ack", "", "", IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, In::none, Out::u8, no, no, 0},
    {"config_pending", "", "", IFLA_BRPORT_CONFIG_PENDING, In::none, Out::u8, no, no, 0},
    {"proxy_arp", "", "{on | off}", IFLA_BRPORT_PROXYARP, In::on_off, Out::on_off, 13, 10, 0},
    {"proxy_arp_wifi", "", "{on | off}", IFLA_BRPORT_PROXYARP_WIFI, In::on_off, Out::on_off, 14, 11, 0},
    {"mcast_router", "multicast_router", "MULTICAST_ROUTER", IFLA_BRPORT_MULTICAST_ROUTER, In::u8, Out::u8, 15, 12, 0},
    {"mcast_fast_leave", "", "{on | off}", IFLA_BRPORT_FAST_LEAVE, In::on_off, Out::on_off_text, 16, 13, 0},
    {"mcast_flood", "", "{on | off}", IFLA_BRPORT_MCAST_FLOOD, In::on_off, Out::on_off, 10, 14, 0},
    {"bcast_flood", "", "{on | off}", IFLA_BRPORT_BCAST_FLOOD, In::on_off, Out::on_off, 11, 15, 0},
    {"mcast_to_unicast", "", "{on | off}", IFLA_BRPORT_MCAST_TO_UCAST, In::on_off, Out::on_off, 12, 16, 0},
    {"neigh_suppress", "", "{on | off}", IFLA_BRPORT_NEIGH_SUPPRESS, In::on_off, Out::on_off, 17, 18, 0},
    {"group_fwd_mask", "", "MASK", IFLA_BRPORT_GROUP_FWD_MASK, In::u16, Out::fwd_mask, 18, 17, 0},
    {"vlan_tunnel", "", "{on | off}", IFLA_BRPORT_VLAN_TUNNEL, In::on_off, Out::on_off, 19, 19, 0},
    {"isolated", "", "{on | off}", IFLA_BRPORT_ISOLATED, In::on_off, Out::on_off, 20, 20, 0},
    {"locked", "", "{on | off}", IFLA_BRPORT_LOCKED, In::on_off, Out::on_off, 21, 21, 0},
    {"backup_port", "", "DEVICE", IFLA_BRPORT_BACKUP_PORT, In::dev, Out::dev, 22, 22, 0},
    {"nobackup_port", "", "", IFLA_BRPORT_BACKUP_PORT, In::zero_u32, Out::none, 23, 23, same_line},
};
static_assert(ranks_ok(bridge_slave_attrs, &AttrDesc::parse_at) && ranks_ok(bridge_slave_attrs, &AttrDesc::usage_at));

constexpr AttrKind bridge_slave{"bridge_slave", bridge_slave_attrs, "option", "\t\t\t", ""};

} // namespace

std::string bridge_slave_usage(std::string_view) { return attrs_usage(bridge_slave); }

void bridge_slave_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool)
{
    parse_attrs(c, a, bridge_slave, req.slave_attrs);
}

void bridge_slave_print(Context& c, LinkCache& names, const net::AttrTable& t)
{
    print_attrs(c, names, t, bridge_slave);
}

} // namespace nsbox::ip::kinds
