// ip link: type bridge (iproute2's iplink_bridge.c): its options, help
// and data under ip -d.

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"

namespace nsbox::ip::kinds {

namespace {

constexpr std::string_view bridge_help =
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

} // namespace

std::string bridge_usage(std::string_view) { return std::string(bridge_help); }

void bridge_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool)
{
    parse_bridge(c, a, req, false, bridge_opts, bridge_help);
}

void bridge_print(Context& c, LinkCache&, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    print_fields(c, t, bridge_fields_1);
    // iproute2 6.1 prints the bridge id under "designated_root" too (it
    // reads IFLA_BR_BRIDGE_ID there).
    if (t.has(IFLA_BR_ROOT_ID)) {
        const net::Attr* id = t.get(IFLA_BR_BRIDGE_ID);
        std::string s = id ? bridge_id(id->payload()) : std::string();
        out.field("root_id", "designated_root {} ", s);
    }
    print_fields(c, t, bridge_fields_2);
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
    print_fields(c, t, bridge_fields_3);
}

} // namespace nsbox::ip::kinds
