// Link requests for the kinds this kernel lacks (dummy, 802.1Q vlan) and
// for macvlan and vxlan, against the bytes iproute2 6.1 sent for the same
// command (strace -e write=all in a sandbox; sequence number and port id
// zeroed). nsbox marks its nests NLA_F_NESTED and iproute2 does not: the
// flag is cleared before comparing, everything else must be identical.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <cstring>
#include <string>

#include "tests/unit/hex.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/link.hpp"

using namespace nsbox::net;
using namespace nsbox::net::rtnl;

namespace {

using nsbox_test::to_hex;

// Clears NLA_F_NESTED in the attributes from `start` to `stop`, and
// recursively inside the nests it marked.
void unnest(std::vector<std::byte>& b, size_t start, size_t stop)
{
    size_t off = start;
    while (off + 4 <= stop) {
        size_t len = static_cast<size_t>(b[off]) | static_cast<size_t>(b[off + 1]) << 8;
        if (len < 4)
            break;
        if (static_cast<unsigned>(b[off + 3]) & 0x80) {
            b[off + 3] = static_cast<std::byte>(static_cast<unsigned>(b[off + 3]) & 0x7f);
            unnest(b, off + 4, off + len);
        }
        off += (len + 3) & ~size_t{3};
    }
}

// The request as iproute2 would have framed it: ACK flag set, nests not
// marked.
std::string iproute2_form(Message& m)
{
    m.header().nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    auto raw = m.bytes();
    std::vector<std::byte> b(raw.begin(), raw.end());
    unnest(b, 32, b.size());
    return to_hex(b);
}

Link named(const char* name, const char* kind)
{
    Link l;
    l.name = name;
    l.kind = kind;
    return l;
}

constexpr uint16_t create = NLM_F_CREATE | NLM_F_EXCL;

} // namespace

TEST(RtnlLinkRequest, Dummy)
{
    // ip link add d0 type dummy
    Link l = named("d0", "dummy");
    Message m = encode(RTM_NEWLINK, create, l);
    EXPECT_EQ(iproute2_form(m), "38000000100005060000000000000000000000000000000000000000000000000700030064300000"
                                "100012000900010064756d6d79000000");
    // ip link add d0 address 02:00:00:00:00:01 mtu 1400 type dummy
    l.address = std::vector<std::byte>{std::byte{2}, std::byte{0}, std::byte{0},
                                       std::byte{0}, std::byte{0}, std::byte{1}};
    l.mtu = 1400;
    Message m2 = encode(RTM_NEWLINK, create, l);
    EXPECT_EQ(iproute2_form(m2), "4c000000100005060000000000000000000000000000000000000000000000000a000100020000000001"
                                 "000008000400780500000700030064300000100012000900010064756d6d79000000");
    // ip link add name d0 txqueuelen 100 mtu 9000 group 4 type dummy
    Link g = named("d0", "dummy");
    g.txqlen = 100;
    g.mtu = 9000;
    g.group = 4;
    Message m3 = encode(RTM_NEWLINK, create, g);
    EXPECT_EQ(iproute2_form(m3), "500000001000050600000000000000000000000000000000000000000000000008000d006400000008"
                                 "00040028230000" "08001b00040000000700030064300000100012000900010064756d6d79000000");
    // ip link add d0 type dummy extra words: iproute2 opens an empty data
    // nest and ignores the words
    Link e = named("d0", "dummy");
    e.empty_info_data = true;
    Message m4 = encode(RTM_NEWLINK, create, e);
    EXPECT_EQ(iproute2_form(m4), "3c000000100005060000000000000000000000000000000000000000000000000700030064300000"
                                 "140012000900010064756d6d7900000004000200");
}

TEST(RtnlLinkRequest, Vlan)
{
    // ip link add link lo name v10 type vlan id 10 (lo is ifindex 1)
    Link l = named("v10", "vlan");
    l.link = 1;
    l.vlan = VlanData{};
    l.vlan->id = 10;
    Message m = encode(RTM_NEWLINK, create, l);
    EXPECT_EQ(iproute2_form(m), "480000001000050600000000000000000000000000000000000000000000000008000500010000000800"
                                "0300763130001800120008000100766c616e0c000200060001000a000000");
    // ip link add link lo name v10 type vlan protocol 802.1ad id 10
    l.vlan->protocol_be = htons(ETH_P_8021AD);
    Message m2 = encode(RTM_NEWLINK, create, l);
    EXPECT_EQ(iproute2_form(m2), "5000000010000506000000000000000000000000000000000000000000000000080005000100000008"
                                 "000300763130002000120008000100766c616e140002000600050088a80000060001000a000000");
    // ip link add link lo name v10 address 02:00:00:00:00:10 type vlan id 4094
    //     reorder_hdr off gvrp on
    Link f = named("v10", "vlan");
    f.link = 1;
    f.address = std::vector<std::byte>{std::byte{2}, std::byte{0}, std::byte{0},
                                       std::byte{0}, std::byte{0}, std::byte{0x10}};
    f.vlan = VlanData{};
    f.vlan->id = 4094;
    ifla_vlan_flags fl{};
    fl.flags = VLAN_FLAG_GVRP;
    fl.mask = VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP;
    f.vlan->flags = fl;
    Message m3 = encode(RTM_NEWLINK, create, f);
    EXPECT_EQ(iproute2_form(m3), "60000000100005060000000000000000000000000000000000000000000000000a00010002000000001"
                                 "00000080005000100000008000300763130002400120008000100766c616e1800020006000100fe0f00"
                                 "000c0002000200000003000000");
}

TEST(RtnlLinkRequest, MacvlanAndVxlan)
{
    // ip link add link br0 name mv0 type macvlan mode bridge (br0 is 2)
    Link mv = named("mv0", "macvlan");
    mv.link = 2;
    mv.macvlan = MacvlanData{};
    mv.macvlan->mode = MACVLAN_MODE_BRIDGE;
    Message m = encode(RTM_NEWLINK, create, mv);
    EXPECT_EQ(iproute2_form(m), "4c000000100005060000000000000000000000000000000000000000000000000800050002000000080003"
                                "006d7630001c0012000b0001006d6163766c616e000c0002000800010004000000");
    // ip link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789
    Link vx = named("vx0", "vxlan");
    vx.vxlan = VxlanData{};
    vx.vxlan->id = 42;
    vx.vxlan->local = *parse_address("10.0.0.1", AF_INET);
    vx.vxlan->group = *parse_address("10.0.0.2", AF_INET);
    vx.vxlan->learning = 1;
    vx.vxlan->port = 4789;
    Message mx = encode(RTM_NEWLINK, create, vx);
    EXPECT_EQ(iproute2_form(mx), "640000001000050600000000000000000000000000000000000000000000000008000300767830003c"
                                 "0012000900010076786c616e0000002c000200080001002a000000080004000a000001080002000a00"
                                 "0002050007000100000006000f0012b50000");
}

// ip link set v1 addrgenmode none | carrier off | protodown on, with v1 at
// index 3: the requests iproute2 6.1 sends (recorded with strace).
TEST(RtnlLinkRequest, AddrgenmodeCarrierProtodown)
{
    Link l;
    l.index = 3;
    l.set_addr_gen_mode = IN6_ADDR_GEN_MODE_NONE;
    Message m = encode(RTM_NEWLINK, 0, l);
    EXPECT_EQ(iproute2_form(m), "300000001000050000000000000000000000000003000000000000000000000010001a000c000a00"
                                "0500080001000000");
    Link c;
    c.index = 3;
    c.set_carrier = 0;
    Message m2 = encode(RTM_NEWLINK, 0, c);
    EXPECT_EQ(iproute2_form(m2), "28000000100005000000000000000000000000000300000000000000000000000500210000000000");
    Link p;
    p.index = 3;
    p.set_proto_down = 1;
    Message m3 = encode(RTM_NEWLINK, 0, p);
    EXPECT_EQ(iproute2_form(m3), "28000000100005000000000000000000000000000300000000000000000000000500270001000000");
}

// Bridge and bridge port options go out one attribute per option, in
// command-line order (iproute2 6.1's bytes, recorded with strace).
TEST(RtnlLinkRequest, BridgeAndBridgeSlaveOptions)
{
    // ip link add br0 type bridge stp_state 1 priority 9 vlan_filtering 1
    //     group_address 01:80:c2:00:00:0e fdb_flush
    //     mcast_last_member_interval 200 no_linklocal_learn 1
    Link br = named("br0", "bridge");
    br_boolopt_multi bm{};
    bm.optval = bm.optmask = 1u << BR_BOOLOPT_NO_LL_LEARN;
    std::vector<std::byte> bmb(sizeof bm);
    std::memcpy(bmb.data(), &bm, sizeof bm);
    br.data_attrs = std::vector<KindAttr>{
        {IFLA_BR_STP_STATE, uint32_t{1}},
        {IFLA_BR_PRIORITY, uint16_t{9}},
        {IFLA_BR_VLAN_FILTERING, uint8_t{1}},
        {IFLA_BR_GROUP_ADDR, std::vector<std::byte>{std::byte{1}, std::byte{0x80}, std::byte{0xc2}, std::byte{0},
                                                    std::byte{0}, std::byte{0x0e}}},
        {IFLA_BR_FDB_FLUSH, std::monostate{}},
        {IFLA_BR_MCAST_LAST_MEMBER_INTVL, uint64_t{200}},
        {IFLA_BR_MULTI_BOOLOPT, bmb},
    };
    Message m = encode(RTM_NEWLINK, create, br);
    EXPECT_EQ(iproute2_form(m), "7c000000100005060000000000000000000000000000000000000000000000000800030062723000540012"
                                "000a0001006272696467650000440002000800050001000000060006000900000005000700010000000a"
                                "0014000180c200000e0000040015000c001e00c8000000000000000c002e000100000001000000");
    // ip link set v1 type bridge_slave cost 5 learning off fdb_flush (v1 is 4)
    Link port;
    port.index = 4;
    port.kind = "bridge_slave";
    port.slave_attrs = std::vector<KindAttr>{
        {IFLA_BRPORT_COST, uint32_t{5}},
        {IFLA_BRPORT_LEARNING, uint8_t{0}},
        {IFLA_BRPORT_FLUSH, std::monostate{}},
    };
    Message m2 = encode(RTM_NEWLINK, 0, port);
    EXPECT_EQ(iproute2_form(m2), "4c000000100005000000000000000000000000000400000000000000000000002c00120010000100627269"
                                 "6467655f736c617665180005000800030005000000050008000000000004001800");
}

TEST(RtnlLinkRequest, AltnameProperties)
{
    // Here iproute2 marks its IFLA_PROP_LIST nest NLA_F_NESTED as nsbox
    // does: compared with the flag. Sequence numbers zeroed.
    auto raw = [](Message& m) {
        m.header().nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
        auto b = m.bytes();
        return to_hex(std::vector<std::byte>(b.begin(), b.end()));
    };
    // ip link property add dev v1 altname foo altname barbaz (v1: index 3)
    Message add = link_prop_request(RTM_NEWLINKPROP, NLM_F_EXCL | NLM_F_CREATE | NLM_F_APPEND, AF_UNSPEC, 3,
                                    {"foo", "barbaz"});
    EXPECT_EQ(raw(add), "380000006c00050e0000000000000000000000000300000000000000000000001800348008003500666f6f00"
                        "0b00350062617262617a0000");
    // ip -6 link property del dev v1: the empty list is still sent
    Message del = link_prop_request(RTM_DELLINKPROP, 0, AF_INET6, 3, {});
    EXPECT_EQ(raw(del), "240000006d0005000000000000000000" "0a000000030000000000000000000000" "04003480");
}
