// The link kinds of ip link (applets/ip/kinds/): the table is sorted and
// found by name, and the dispatch of linktypes.hpp follows iproute2's
// link_util semantics (no parser: the words are ignored; no help: the link
// usage) and says what nsbox does not do yet.

#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>
#include <variant>

#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <string>
#include <vector>

#include "tests/unit/memstream.hpp"
#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"

using namespace nsbox;

namespace {

// What `f` prints through a text Context, or the failure it ends with
// ("exit CODE: MESSAGE").
template <class F>
std::string run(F f)
{
    nsbox_test::MemStream mem;
    ip::Options o;
    try {
        ip::Context c(o, mem.file());
        f(c);
    } catch (const cli::Failure& e) {
        return fmt::format("exit {}: {}", e.code(), e.message());
    }
    return mem.take();
}

std::string help(std::string_view kind)
{
    return run([&](ip::Context& c) { ip::kind_help(c, kind); });
}

// Parses "type KIND WORDS..." into a request.
net::rtnl::Link parse(std::string_view kind, std::vector<std::string> words, bool set_op = false)
{
    nsbox_test::MemStream mem;
    ip::Options o;
    ip::Context c(o, mem.file());
    c.links.offline();
    net::rtnl::Link req;
    req.kind = std::string(kind);
    cli::Args a(std::move(words));
    ip::parse_kind_options(c, a, req, set_op);
    return req;
}

std::string parse_error(std::string_view kind, std::vector<std::string> words)
{
    try {
        parse(kind, std::move(words));
    } catch (const cli::Failure& e) {
        return fmt::format("exit {}: {}", e.code(), e.message());
    }
    return "no failure";
}

} // namespace

TEST(IpLinkKinds, TableSortedAndFoundByName)
{
    auto kinds = ip::link_kinds();
    ASSERT_GT(kinds.size(), 40u);
    auto name = [](const ip::LinkKind& k) { return std::string_view(k.name); };
    EXPECT_TRUE(std::ranges::is_sorted(kinds, {}, name));
    EXPECT_EQ(std::ranges::adjacent_find(kinds, {}, name), kinds.end());
    for (const ip::LinkKind& k : kinds)
        EXPECT_EQ(ip::find_kind(k.name), &k) << k.name;
    EXPECT_EQ(ip::find_kind("bridg"), nullptr);
    EXPECT_EQ(ip::find_kind("bridge_slav"), nullptr);
    EXPECT_EQ(ip::find_kind("zzz"), nullptr);
    EXPECT_EQ(ip::find_kind(""), nullptr);
}

TEST(IpLinkKinds, WhatNsboxDoesNotPrintYet)
{
    EXPECT_TRUE(ip::kind_data_unsupported("bond", false));
    EXPECT_TRUE(ip::kind_data_unsupported("bond", true));
    EXPECT_TRUE(ip::kind_data_unsupported("vrf", true));
    EXPECT_FALSE(ip::kind_data_unsupported("bridge", false));
    EXPECT_FALSE(ip::kind_data_unsupported("bridge", true));
    EXPECT_FALSE(ip::kind_data_unsupported("dummy", false)); // iproute2 prints none
    EXPECT_FALSE(ip::kind_data_unsupported("veth", false));
    EXPECT_FALSE(ip::kind_data_unsupported("nosuch", false));
}

TEST(IpLinkKinds, Help)
{
    EXPECT_EQ(help("dummy"), "Usage: ... dummy\n");
    EXPECT_EQ(help("veth"), "Usage: ip link <options> type veth [peer <options>]\n"
                            "To get <options> type 'ip link add help'\n");
    EXPECT_TRUE(help("macvtap").starts_with("Usage: ... macvtap mode MODE [flag MODE_FLAG]"));
    EXPECT_TRUE(help("vxlan").starts_with("Usage: ... vxlan id VNI\n"));
    EXPECT_TRUE(help("vlan").starts_with("Usage: ... vlan id VLANID\n"));
    // No help in iproute2 (tun), or no such kind: the link usage, exit 255.
    EXPECT_TRUE(help("tun").starts_with("exit 255: Usage: ip link add [link DEV"));
    EXPECT_TRUE(help("nosuch").starts_with("exit 255: Usage: ip link add [link DEV"));
    EXPECT_EQ(help("bond"), "exit 255: nsbox ip: link help bond is not supported yet\n");
}

TEST(IpLinkKinds, OptionsDispatch)
{
    // No parser in iproute2: the words are ignored, an empty data nest sent.
    EXPECT_TRUE(parse("dummy", {"whatever"}).empty_info_data);
    EXPECT_FALSE(parse("dummy", {}).empty_info_data);
    EXPECT_EQ(parse_error("bond", {"mode", "1"}), "exit 255: nsbox ip: options of \"type bond\" are not supported yet\n");
    EXPECT_EQ(parse_error("nosuch", {"x"}),
              "exit 1: Garbage instead of arguments \"x ...\". Try \"ip link help\".\n");
    auto v = parse("vlan", {"id", "7", "protocol", "802.1ad"});
    ASSERT_TRUE(v.vlan.has_value());
    EXPECT_EQ(v.vlan->id, 7);
    auto m = parse("macvtap", {"mode", "bridge"});
    ASSERT_TRUE(m.macvlan.has_value());
    EXPECT_EQ(m.macvlan->mode, 4u); // MACVLAN_MODE_BRIDGE
    EXPECT_EQ(parse_error("macvtap", {"bogus"}).substr(0, 43), "exit 1: macvtap: unknown option \"bogus\"?\nUs");
}

// ---------------------------------------------------------------------------
// bridge and bridge_slave: one attribute table drives options, help and
// data (applets/ip/kinds/bridge_attrs.hpp).

namespace {

// iproute2 6.1's help texts, byte for byte.
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

// The attributes of a request as "TYPE=VALUE" words (flag: "TYPE=").
std::string attrs_of(const std::optional<std::vector<net::rtnl::KindAttr>>& attrs)
{
    std::string s;
    if (!attrs)
        return "none";
    for (const auto& a : *attrs) {
        s += fmt::format("{}=", a.type);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::vector<std::byte>>) {
                    for (std::byte b : v)
                        s += fmt::format("{:02x}", static_cast<unsigned>(b));
                } else if constexpr (!std::is_same_v<T, std::monostate>) {
                    s += std::to_string(v);
                }
            },
            a.value);
        s += ' ';
    }
    return s;
}

// An attribute with its header and padding.
void put(std::vector<std::byte>& b, uint16_t type, std::vector<uint8_t> payload)
{
    auto len = static_cast<uint16_t>(4 + payload.size());
    for (uint8_t v : {static_cast<uint8_t>(len), static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(type),
                      static_cast<uint8_t>(type >> 8)})
        b.push_back(std::byte{v});
    for (uint8_t v : payload)
        b.push_back(std::byte{v});
    while (b.size() % 4)
        b.push_back(std::byte{0});
}

std::vector<uint8_t> le(uint64_t v, size_t n)
{
    std::vector<uint8_t> b;
    for (size_t i = 0; i < n; ++i)
        b.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return b;
}

// What ip -d prints for the kind's data `d`, in text or JSON.
std::string data_of(std::string_view kind, bool slave, const std::vector<std::byte>& d, bool json)
{
    net::rtnl::Link l;
    l.kind = "bridge";
    if (slave) {
        l.slave_kind = std::string(kind.substr(0, kind.size() - 6));
        l.slave_data = net::rtnl::AttrBlob(d);
    } else {
        l.info_data = net::rtnl::AttrBlob(d);
    }
    nsbox_test::MemStream mem;
    {
        ip::Options o;
        o.details = 1;
        o.json = json;
        ip::Context c(o, mem.file());
        c.links.offline();
        c.links.remember(7, "v3", 0, 1);
        auto doc = c.out.document();
        auto obj = c.out.object();
        ip::print_kind_data(c, c.links, l, slave);
    }
    return mem.take();
}

} // namespace

TEST(IpLinkKinds, BridgeHelpFromTheTable)
{
    EXPECT_EQ(help("bridge"), bridge_help);
    EXPECT_EQ(help("bridge_slave"), bridge_slave_help);
    // A stray "help", an unknown word: the same text.
    EXPECT_EQ(parse_error("bridge", {"help"}), fmt::format("exit 1: {}", bridge_help));
    EXPECT_EQ(parse_error("bridge", {"bogus"}), fmt::format("exit 1: bridge: unknown command \"bogus\"?\n{}", bridge_help));
    EXPECT_EQ(parse_error("bridge_slave", {"bogus"}),
              fmt::format("exit 1: bridge_slave: unknown option \"bogus\"?\n{}", bridge_slave_help));
}

TEST(IpLinkKinds, BridgeOptionsFromTheTable)
{
    // In command-line order; the multi-boolean options last, in one
    // IFLA_BR_MULTI_BOOLOPT (optval, optmask).
    auto r = parse("bridge", {"stp_state", "1", "no_linklocal_learn", "1", "priority", "0x1000", "vlan_protocol",
                              "802.1ad", "mcast_vlan_snooping", "0", "fdb_flush", "mcast_query_interval", "12000"});
    EXPECT_EQ(attrs_of(r.data_attrs),
              fmt::format("{}=1 {}=4096 {}=43144 {}= {}=12000 {}=0100000003000000 ", IFLA_BR_STP_STATE,
                          IFLA_BR_PRIORITY, IFLA_BR_VLAN_PROTOCOL, IFLA_BR_FDB_FLUSH, IFLA_BR_MCAST_QUERY_INTVL,
                          IFLA_BR_MULTI_BOOLOPT));
    // Abbreviations: the first option in iproute2's parser order wins.
    auto ab = parse("bridge", {"mcast_s", "1", "mcast_", "2", "f", "3", "g", "4", "vlan_s", "1"});
    EXPECT_EQ(attrs_of(ab.data_attrs),
              fmt::format("{}=1 {}=2 {}=3 {}=4 {}=1 ", IFLA_BR_MCAST_SNOOPING, IFLA_BR_MCAST_ROUTER,
                          IFLA_BR_FORWARD_DELAY, IFLA_BR_GROUP_FWD_MASK, IFLA_BR_VLAN_STATS_ENABLED));
    // The multi-boolean options take no abbreviation.
    EXPECT_TRUE(parse_error("bridge", {"no_linklocal", "1"}).starts_with("exit 1: bridge: unknown command"));
    EXPECT_EQ(parse_error("bridge", {"priority", "65536"}), "exit 255: Error: argument \"65536\" is wrong: invalid priority\n");

    auto p = parse("bridge_slave", {"cost", "5", "c", "6", "learning", "off", "mcast_fast_leave", "on", "nobackup_port"});
    EXPECT_EQ(attrs_of(p.slave_attrs), fmt::format("{}=5 {}=6 {}=0 {}=1 {}=0 ", IFLA_BRPORT_COST, IFLA_BRPORT_COST,
                                                   IFLA_BRPORT_LEARNING, IFLA_BRPORT_FAST_LEAVE,
                                                   IFLA_BRPORT_BACKUP_PORT));
    EXPECT_EQ(parse_error("bridge_slave", {"state", "x"}), "exit 255: Error: argument \"x\" is wrong: state is invalid\n");
    EXPECT_EQ(parse_error("bridge_slave", {"mcast_router", "x"}),
              "exit 255: Error: argument \"x\" is wrong: invalid mcast_router\n");
    EXPECT_EQ(parse_error("bridge_slave", {"hairpin", "x"}),
              "exit 1: Error: argument of \"hairpin\" must be one of \"off\", \"on\", not \"x\"\n");
}

TEST(IpLinkKinds, BridgeDataFromTheTable)
{
    std::vector<std::byte> d;
    put(d, IFLA_BR_FORWARD_DELAY, le(1500, 4));
    put(d, IFLA_BR_PRIORITY, le(0x8000, 2));
    put(d, IFLA_BR_VLAN_PROTOCOL, {0x81, 0x00});
    put(d, IFLA_BR_BRIDGE_ID, {0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0xaa, 0xaa});
    put(d, IFLA_BR_ROOT_ID, {0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0xbb, 0xbb});
    put(d, IFLA_BR_HELLO_TIMER, le(123, 8));
    put(d, IFLA_BR_GROUP_FWD_MASK, le(0, 2));
    put(d, IFLA_BR_GROUP_ADDR, {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00});
    put(d, IFLA_BR_MULTI_BOOLOPT, le(uint64_t{1} << (32 + BR_BOOLOPT_NO_LL_LEARN) | 1u << BR_BOOLOPT_NO_LL_LEARN, 8));
    put(d, IFLA_BR_MCAST_LAST_MEMBER_CNT, le(2, 4));
    put(d, IFLA_BR_MCAST_QUERY_INTVL, le(12500, 8));
    EXPECT_EQ(data_of("bridge", false, d, false),
              "forward_delay 1500 priority 32768 vlan_protocol 802.1Q bridge_id 8000.2:0:0:0:aa:aa "
              "designated_root 8000.2:0:0:0:aa:aa hello_timer    1.23 group_fwd_mask 0 "
              "group_address 01:80:c2:00:00:00 no_linklocal_learn 1 mcast_last_member_count 2 "
              "mcast_query_interval 12500 ");
    EXPECT_EQ(data_of("bridge", false, d, true),
              "[{\"info_data\":{\"forward_delay\":1500,\"priority\":32768,\"vlan_protocol\":\"802.1Q\","
              "\"bridge_id\":\"8000.2:0:0:0:aa:aa\",\"root_id\":\"8000.2:0:0:0:aa:aa\",\"hello_timer\":1.23,"
              "\"group_fwd_mask\":\"0\",\"group_addr\":\"01:80:c2:00:00:00\",\"no_linklocal_learn\":1,"
              "\"mcast_last_member_cnt\":2,\"mcast_query_intvl\":12500}}]\n");

    std::vector<std::byte> p;
    put(p, IFLA_BRPORT_STATE, {3});
    put(p, IFLA_BRPORT_COST, le(0xffffffff, 4));
    put(p, IFLA_BRPORT_FAST_LEAVE, {1});
    put(p, IFLA_BRPORT_ID, le(0x8001, 2));
    put(p, IFLA_BRPORT_MULTICAST_ROUTER, {1});
    put(p, IFLA_BRPORT_GROUP_FWD_MASK, le(0x4005, 2));
    put(p, IFLA_BRPORT_LOCKED, {0});
    put(p, IFLA_BRPORT_BACKUP_PORT, le(7, 4));
    EXPECT_EQ(data_of("bridge_slave", true, p, false),
              "state forwarding cost -1 fastleave on port_id 0x8001 mcast_router 1 mcast_fast_leave on "
              "group_fwd_mask 0x4005 group_fwd_mask_str stp,lacp,lldp locked off backup_port v3 ");
    EXPECT_EQ(data_of("bridge_slave", true, p, true),
              "[{\"info_slave_data\":{\"state\":\"forwarding\",\"cost\":-1,\"fastleave\":true,\"id\":\"0x8001\","
              "\"multicast_router\":1,\"group_fwd_mask\":\"0x4005\",\"group_fwd_mask_str\":\"stp,lacp,lldp\","
              "\"locked\":false,\"backup_port\":\"v3\"}}]\n");
    std::vector<std::byte> q;
    put(q, IFLA_BRPORT_STATE, {9});
    EXPECT_EQ(data_of("bridge_slave", true, q, false), "state (9) ");
    EXPECT_EQ(data_of("bridge_slave", true, q, true), "[{\"info_slave_data\":{\"state_index\":9}}]\n");
}

// vxlan's on/off options: one table for WORD/noWORD, the attribute and how
// ip -d prints it.
TEST(IpLinkKinds, VxlanToggles)
{
    auto r = parse("vxlan", {"id", "5", "noproxy", "l2", "noud", "remcsumrx", "nol3", "dstport", "4789"});
    ASSERT_TRUE(r.vxlan.has_value());
    EXPECT_EQ(r.vxlan->proxy, 0);
    EXPECT_EQ(r.vxlan->l2miss, 1);
    EXPECT_EQ(r.vxlan->l3miss, 0);
    EXPECT_EQ(r.vxlan->udp_csum, 0);
    EXPECT_EQ(r.vxlan->remcsum_rx, 1);
    EXPECT_FALSE(r.vxlan->rsc.has_value());
    EXPECT_EQ(parse_error("vxlan", {"id", "5", "proxy", "noproxy"}),
              "exit 255: Error: either \"noproxy\" is duplicate, or \"noproxy\" is a garbage.\n");

    std::vector<std::byte> d;
    put(d, IFLA_VXLAN_PROXY, {1});
    put(d, IFLA_VXLAN_RSC, {0});
    put(d, IFLA_VXLAN_UDP_CSUM, {0});
    put(d, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, {1});
    put(d, IFLA_VXLAN_REMCSUM_TX, {1});
    put(d, IFLA_VXLAN_REMCSUM_RX, {0});
    auto show = [&](bool json) {
        net::rtnl::Link l;
        l.kind = "vxlan";
        l.info_data = net::rtnl::AttrBlob(d);
        nsbox_test::MemStream mem;
        {
            ip::Options o;
            o.details = 1;
            o.json = json;
            ip::Context c(o, mem.file());
            c.links.offline();
            auto doc = c.out.document();
            auto obj = c.out.object();
            ip::print_kind_data(c, c.links, l, false);
        }
        return mem.take();
    };
    EXPECT_EQ(show(false), "proxy noudpcsum udp6zerocsumrx remcsumtx ");
    EXPECT_EQ(show(true), "[{\"info_data\":{\"proxy\":true,\"udp_csum\":false,\"udp_zero_csum6_rx\":true,"
                          "\"remcsum_tx\":true}}]\n");
}
