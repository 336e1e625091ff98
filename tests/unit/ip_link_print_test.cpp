// The ip link printers on a recorded link dump (tests/unit/rtnl_link_dump.hpp)
// against what iproute2 6.1 printed for the same state: -d, -d -j -p, -s,
// -s -s, -s -s -j, -br, -br -j, -o -d and -d -s -o. No root, no kernel:
// LinkNames is offline and knows the namespace of nsid 0.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>

#include "tests/unit/hex.hpp"
#include "tests/unit/memstream.hpp"
#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_link_dump.hpp"

using namespace nsbox;
namespace td = nsbox::testdata;

namespace {

using nsbox_test::unhex;

std::vector<net::rtnl::Link> links() { return net::rtnl::decode_links(unhex(td::link_dump)); }

ip::Options opts(std::string_view flags)
{
    ip::Options o;
    o.family = AF_PACKET;
    for (size_t i = 0; i < flags.size(); ++i) {
        switch (flags[i]) {
        case 'd': ++o.details; break;
        case 's': ++o.stats; break;
        case 'j': ++o.json; break;
        case 'p': ++o.pretty; break;
        case 'b': ++o.brief; break;
        case 'o': ++o.oneline; break;
        }
    }
    return o;
}

// `ip OPTIONS link` over the recorded dump, into a string.
std::string show(const ip::Options& opt, const std::vector<net::rtnl::Link>& ls = links())
{
    nsbox_test::MemStream mem;
    FILE* f = mem.file();
    {
        ip::Context c(opt, f);
        ip::LinkCache& names = c.links;
        names.offline();
        names.remember_netns(0, "red");
        for (const auto& l : ls)
            ip::check_printable(c, l);
        ip::print_links(c, names, ls, {}, {}, true);
        c.out.flush();
    }
    return mem.take();
}

} // namespace

TEST(IpLinkPrint, Details) { EXPECT_EQ(show(opts("d")), td::link_details); }
TEST(IpLinkPrint, DetailsPrettyJson) { EXPECT_EQ(show(opts("djp")), td::link_details_pretty); }
TEST(IpLinkPrint, Stats) { EXPECT_EQ(show(opts("s")), td::link_stats); }
TEST(IpLinkPrint, StatsTwice) { EXPECT_EQ(show(opts("ss")), td::link_stats2); }
TEST(IpLinkPrint, StatsTwiceJson) { EXPECT_EQ(show(opts("ssj")), td::link_stats2_json); }
TEST(IpLinkPrint, Brief) { EXPECT_EQ(show(opts("b")), td::link_brief); }
TEST(IpLinkPrint, BriefJson) { EXPECT_EQ(show(opts("bj")), td::link_brief_json); }
TEST(IpLinkPrint, OnelineDetails) { EXPECT_EQ(show(opts("od")), td::link_oneline_details); }
TEST(IpLinkPrint, OnelineDetailsStats) { EXPECT_EQ(show(opts("dso")), td::link_details_stats_oneline); }

TEST(IpLinkPrint, DecodedKinds)
{
    auto ls = links();
    ASSERT_EQ(ls.size(), 5u);
    EXPECT_EQ(ls[1].kind, "bridge");
    EXPECT_EQ(ls[2].kind, "veth");
    EXPECT_EQ(ls[2].slave_kind, "bridge");
    EXPECT_TRUE(ls[2].slave_data.has_value());
    EXPECT_EQ(ls[2].alias, "uplink");
    ASSERT_TRUE(ls[2].stats.has_value());
    EXPECT_TRUE(ls[2].stats_are_64);
    EXPECT_EQ(ls[2].stats->rx_packets, 3000u);
    EXPECT_EQ(ls[3].kind, "macvlan");
    EXPECT_EQ(ls[4].kind, "vxlan");
    EXPECT_EQ(ls[4].group, 7u);
    EXPECT_EQ(ls[4].addr_gen_mode, IN6_ADDR_GEN_MODE_EUI64);
}

// Numbers wider than the header words widen their column, as iproute2's
// size_columns does: the header words are right-aligned to the widest
// number of the column across RX, TX and (with -s -s) the error lines.
TEST(IpLinkPrint, StatsColumnsWiden)
{
    auto ls = links();
    net::rtnl::Link l = ls[2];
    l.altnames.clear();
    l.alias.reset();
    rtnl_link_stats64& s = *l.stats;
    s.rx_bytes = 123456789012;   // 12 digits: column 0 becomes 12 wide
    s.tx_packets = 123456789;    // 9 digits: column 1 becomes 9 wide
    s.rx_crc_errors = 12345678;  // -s -s only: column 2 becomes 8 wide
    auto text = show(opts("s"), {l});
    EXPECT_NE(text.find("    RX:    bytes   packets errors dropped  missed   mcast           \n"
                        "    123456789012      3000      0       0       0       0 \n"
                        "    TX:    bytes   packets errors dropped carrier collsns           \n"
                        "         4326000 123456789      0       0       0       0 \n"),
              std::string::npos)
        << text;
    auto text2 = show(opts("ss"), {l});
    EXPECT_NE(text2.find("    RX:    bytes   packets   errors dropped  missed   mcast           \n"
                         "    123456789012      3000        0       0       0       0 \n"
                         "    RX errors:      length      crc   frame    fifo overrun\n"
                         "                         0 12345678       0       0       0 \n"),
              std::string::npos)
        << text2;
}

// -d on a kind whose details nsbox does not decode fails before printing.
TEST(IpLinkPrint, UnsupportedKindDetailsFailLoudly)
{
    auto ls = links();
    ls[1].kind = "bond";
    EXPECT_THROW(show(opts("dj"), ls), cli::Failure);
    EXPECT_NO_THROW(show(opts("j"), ls));
}

// A dump cut anywhere either decodes what is whole or throws Malformed;
// it never reads past the end.
TEST(IpLinkPrint, TruncatedDumps)
{
    auto bytes = unhex(td::link_dump);
    for (size_t cut = 0; cut < bytes.size(); cut += 7) {
        std::vector<std::byte> part(bytes.begin(), bytes.begin() + static_cast<long>(cut));
        try {
            auto ls = net::rtnl::decode_links(part);
            (void)show(opts("dsj"), ls);
            (void)show(opts("ds"), ls);
        } catch (const net::Malformed&) {
        }
    }
}

// A link message whose nested kind data is broken: the decoder keeps the
// bytes, the printer's table parse throws Malformed instead of overrunning.
TEST(IpLinkPrint, MalformedKindData)
{
    auto ls = links();
    net::rtnl::Link l = ls[4];
    const std::byte broken[] = {std::byte{0x40}, std::byte{0}, std::byte{1}, std::byte{0}};
    l.info_data = net::rtnl::AttrBlob(broken);
    EXPECT_THROW(show(opts("d"), {l}), net::Malformed);
}

// vlan details: this kernel has no 802.1Q, so there is no recorded dump;
// the message is nsbox's own request read back as a reply would be, and
// the expected text follows iproute2 6.1's vlan_print_opt.
TEST(IpLinkPrint, VlanDetails)
{
    net::rtnl::Link req;
    req.index = 9;
    req.type = 1; // ARPHRD_ETHER
    req.name = "v10";
    req.kind = "vlan";
    req.vlan = net::rtnl::VlanData{};
    req.vlan->protocol_be = htons(ETH_P_8021AD);
    req.vlan->id = 10;
    ifla_vlan_flags fl{};
    fl.flags = VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP;
    fl.mask = fl.flags;
    req.vlan->flags = fl;
    net::Message m = net::rtnl::encode(RTM_NEWLINK, 0, req);
    auto ls = net::rtnl::decode_links(m.bytes());
    ASSERT_EQ(ls.size(), 1u);
    EXPECT_EQ(show(opts("d"), ls), "9: v10: <> \n"
                                   "    link/ether \n"
                                   "    vlan protocol 802.1ad id 10 <REORDER_HDR,GVRP> \n");
    EXPECT_EQ(show(opts("dj"), ls),
              "[{\"ifindex\":9,\"ifname\":\"v10\",\"flags\":[],\"link_type\":\"ether\",\"linkinfo\":{\"info_kind\":"
              "\"vlan\",\"info_data\":{\"protocol\":\"802.1ad\",\"id\":10,\"flags\":[\"REORDER_HDR\",\"GVRP\"]}}}]\n");
}
