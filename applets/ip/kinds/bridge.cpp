// ip link: type bridge (iproute2's iplink_bridge.c): each bridge attribute
// described once (bridge_attrs.hpp); that table drives its options, its
// help and its data under ip -d.

#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"

namespace nsbox::ip::kinds {

namespace {

// In the order ip -d prints them; parse_at is the order of iproute2 6.1's
// parser (the first option an abbreviation matches wins; the two
// multi-boolean options take no abbreviation), usage_at that of its help.
constexpr AttrDesc bridge_attrs[] = {
    // word, JSON key, usage value, type, in, out, parse_at, usage_at, flags
    {"fdb_flush", "", "", IFLA_BR_FDB_FLUSH, In::flag, Out::none, 10, 0, 0},
    {"forward_delay", "", "FORWARD_DELAY", IFLA_BR_FORWARD_DELAY, In::u32, Out::u32, 0, 1, 0},
    {"hello_time", "", "HELLO_TIME", IFLA_BR_HELLO_TIME, In::u32, Out::u32, 1, 2, 0},
    {"max_age", "", "MAX_AGE", IFLA_BR_MAX_AGE, In::u32, Out::u32, 2, 3, 0},
    {"ageing_time", "", "AGEING_TIME", IFLA_BR_AGEING_TIME, In::u32, Out::u32, 3, 4, 0},
    {"stp_state", "", "STP_STATE", IFLA_BR_STP_STATE, In::u32, Out::u32, 4, 5, 0},
    {"priority", "", "PRIORITY", IFLA_BR_PRIORITY, In::u16, Out::u16, 5, 6, 0},
    {"vlan_filtering", "", "VLAN_FILTERING", IFLA_BR_VLAN_FILTERING, In::u8, Out::u8, 6, 10, 0},
    {"vlan_protocol", "", "VLAN_PROTOCOL", IFLA_BR_VLAN_PROTOCOL, In::proto, Out::proto, 7, 11, 0},
    {"bridge_id", "", "", IFLA_BR_BRIDGE_ID, In::none, Out::bridge_id, no, no, 0},
    {"designated_root", "root_id", "", IFLA_BR_ROOT_ID, In::none, Out::root_id, no, no, 0},
    {"root_port", "", "", IFLA_BR_ROOT_PORT, In::none, Out::u16, no, no, 0},
    {"root_path_cost", "", "", IFLA_BR_ROOT_PATH_COST, In::none, Out::u32, no, no, 0},
    {"topology_change", "", "", IFLA_BR_TOPOLOGY_CHANGE, In::none, Out::u8, no, no, 0},
    {"topology_change_detected", "", "", IFLA_BR_TOPOLOGY_CHANGE_DETECTED, In::none, Out::u8, no, no, 0},
    {"hello_timer", "", "", IFLA_BR_HELLO_TIMER, In::none, Out::timer, no, no, 0},
    {"tcn_timer", "", "", IFLA_BR_TCN_TIMER, In::none, Out::timer, no, no, 0},
    {"topology_change_timer", "", "", IFLA_BR_TOPOLOGY_CHANGE_TIMER, In::none, Out::timer, no, no, 0},
    {"gc_timer", "", "", IFLA_BR_GC_TIMER, In::none, Out::timer, no, no, 0},
    {"vlan_default_pvid", "", "VLAN_DEFAULT_PVID", IFLA_BR_VLAN_DEFAULT_PVID, In::u16, Out::u16, 11, 12, 0},
    {"vlan_stats_enabled", "", "VLAN_STATS_ENABLED", IFLA_BR_VLAN_STATS_ENABLED, In::u8, Out::u8, 12, 13, 0},
    {"vlan_stats_per_port", "", "VLAN_STATS_PER_PORT", IFLA_BR_VLAN_STATS_PER_PORT, In::u8, Out::u8, 13, 14, 0},
    {"group_fwd_mask", "", "MASK", IFLA_BR_GROUP_FWD_MASK, In::u16, Out::hex16, 8, 7, 0},
    {"group_address", "group_addr", "ADDRESS", IFLA_BR_GROUP_ADDR, In::lladdr, Out::mac, 9, 8, 0},
    {"mcast_snooping", "", "MULTICAST_SNOOPING", IFLA_BR_MCAST_SNOOPING, In::u8, Out::u8, 15, 15, 0},
    {"no_linklocal_learn", "", "NO_LINKLOCAL_LEARN", BR_BOOLOPT_NO_LL_LEARN, In::boolopt, Out::boolopt, 35, 9, exact},
    {"mcast_vlan_snooping", "", "MULTICAST_VLAN_SNOOPING", BR_BOOLOPT_MCAST_VLAN_SNOOPING, In::boolopt, Out::boolopt, 16, 16, exact},
    {"mcast_router", "", "MULTICAST_ROUTER", IFLA_BR_MCAST_ROUTER, In::u8, Out::u8, 14, 17, 0},
    {"mcast_query_use_ifaddr", "", "MCAST_QUERY_USE_IFADDR", IFLA_BR_MCAST_QUERY_USE_IFADDR, In::u8, Out::u8, 17, 18, 0},
    {"mcast_querier", "", "MULTICAST_QUERIER", IFLA_BR_MCAST_QUERIER, In::u8, Out::u8, 18, 19, 0},
    {"mcast_hash_elasticity", "", "HASH_ELASTICITY", IFLA_BR_MCAST_HASH_ELASTICITY, In::u32, Out::u32, 19, 20, 0},
    {"mcast_hash_max", "", "HASH_MAX", IFLA_BR_MCAST_HASH_MAX, In::u32, Out::u32, 20, 21, 0},
    {"mcast_last_member_count", "mcast_last_member_cnt", "LAST_MEMBER_COUNT", IFLA_BR_MCAST_LAST_MEMBER_CNT, In::u32, Out::u32, 21, 22, 0},
    {"mcast_startup_query_count", "mcast_startup_query_cnt", "STARTUP_QUERY_COUNT", IFLA_BR_MCAST_STARTUP_QUERY_CNT, In::u32, Out::u32, 22, 23, 0},
    {"mcast_last_member_interval", "mcast_last_member_intvl", "LAST_MEMBER_INTERVAL", IFLA_BR_MCAST_LAST_MEMBER_INTVL, In::u64, Out::u64, 23, 24, 0},
    {"mcast_membership_interval", "mcast_membership_intvl", "MEMBERSHIP_INTERVAL", IFLA_BR_MCAST_MEMBERSHIP_INTVL, In::u64, Out::u64, 24, 25, 0},
    {"mcast_querier_interval", "mcast_querier_intvl", "QUERIER_INTERVAL", IFLA_BR_MCAST_QUERIER_INTVL, In::u64, Out::u64, 25, 26, 0},
    {"mcast_query_interval", "mcast_query_intvl", "QUERY_INTERVAL", IFLA_BR_MCAST_QUERY_INTVL, In::u64, Out::u64, 26, 27, 0},
    {"mcast_query_response_interval", "mcast_query_response_intvl", "QUERY_RESPONSE_INTERVAL", IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, In::u64, Out::u64, 27, 28, 0},
    {"mcast_startup_query_interval", "mcast_startup_query_intvl", "STARTUP_QUERY_INTERVAL", IFLA_BR_MCAST_STARTUP_QUERY_INTVL, In::u64, Out::u64, 28, 29, 0},
    {"mcast_stats_enabled", "", "MCAST_STATS_ENABLED", IFLA_BR_MCAST_STATS_ENABLED, In::u8, Out::u8, 29, 30, 0},
    {"mcast_igmp_version", "", "IGMP_VERSION", IFLA_BR_MCAST_IGMP_VERSION, In::u8, Out::u8, 30, 31, 0},
    {"mcast_mld_version", "", "MLD_VERSION", IFLA_BR_MCAST_MLD_VERSION, In::u8, Out::u8, 31, 32, 0},
    {"nf_call_iptables", "", "NF_CALL_IPTABLES", IFLA_BR_NF_CALL_IPTABLES, In::u8, Out::u8, 32, 33, 0},
    {"nf_call_ip6tables", "", "NF_CALL_IP6TABLES", IFLA_BR_NF_CALL_IP6TABLES, In::u8, Out::u8, 33, 34, 0},
    {"nf_call_arptables", "", "NF_CALL_ARPTABLES", IFLA_BR_NF_CALL_ARPTABLES, In::u8, Out::u8, 34, 35, 0},
};
static_assert(ranks_ok(bridge_attrs, &AttrDesc::parse_at) && ranks_ok(bridge_attrs, &AttrDesc::usage_at));

constexpr AttrKind bridge{"bridge", bridge_attrs, "command", "\t\t  ",
                          "\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n"};

} // namespace

std::string bridge_usage(std::string_view) { return attrs_usage(bridge); }

void bridge_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool)
{
    parse_attrs(c, a, bridge, req.data_attrs);
}

void bridge_print(Context& c, LinkCache& names, const net::AttrTable& t) { print_attrs(c, names, t, bridge); }

} // namespace nsbox::ip::kinds
