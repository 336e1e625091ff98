// Route replies that are cut short or malformed: decoding throws Malformed
// (the applet reports it) instead of reading past the bytes; attributes of
// the wrong size are absent, not misread.

#include <gtest/gtest.h>

#include <cstring>
#include <linux/rtnetlink.h>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_route_dump.hpp"

using namespace nsbox::net;
using namespace nsbox::net::rtnl;
namespace td = nsbox::testdata;

namespace {

// Hex digits (spaces allowed) to bytes.
using nsbox_test::unhex;

// One RTM_NEWROUTE: rtmsg for 10.20.0.0/16, then `attrs` as given.
std::vector<std::byte> route_msg(std::string_view attrs_hex)
{
    auto attrs = unhex(attrs_hex);
    const size_t head = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(rtmsg));
    std::vector<std::byte> m(head + attrs.size());
    nlmsghdr h{};
    h.nlmsg_len = static_cast<uint32_t>(m.size());
    h.nlmsg_type = RTM_NEWROUTE;
    std::memcpy(m.data(), &h, sizeof h);
    rtmsg r{};
    r.rtm_family = AF_INET;
    r.rtm_dst_len = 16;
    r.rtm_table = RT_TABLE_MAIN;
    r.rtm_type = RTN_UNICAST;
    std::memcpy(m.data() + NLMSG_HDRLEN, &r, sizeof r);
    if (!attrs.empty())
        std::memcpy(m.data() + head, attrs.data(), attrs.size());
    return m;
}

} // namespace

TEST(RtnlRouteParse, TruncatedDumpIsMalformed)
{
    auto raw = unhex(td::route_dump);
    auto msgs = split_messages(raw);
    ASSERT_GT(msgs.size(), 3u);
    // Cut inside the header, the rtmsg, the attributes, and the last byte.
    for (size_t cut : {size_t(7), size_t(20), size_t(40), size_t(msgs[0].header().nlmsg_len + 9), raw.size() - 1}) {
        std::vector<std::byte> part(raw.begin(), raw.begin() + static_cast<long>(cut));
        EXPECT_THROW(decode_routes(part), Malformed) << "cut at " << cut;
    }
}

TEST(RtnlRouteParse, MultipathNexthopRunningPastIsMalformed)
{
    // RTA_MULTIPATH (0x24 bytes) whose second rtnexthop claims 0x40 bytes.
    auto m = route_msg("0800 0100 0a140000"
                       "2400 0900"
                       "1000 00 01 00000000 0800 0500 0a000002"
                       "4000 04 00 05000000 0800 0500 0a000102");
    EXPECT_THROW(decode_routes(m), Malformed);
    // An rtnexthop shorter than its own header.
    auto short_nh = route_msg("0800 0100 0a140000"
                              "1400 0900"
                              "0400 00 00 00000000 00000000 00000000");
    EXPECT_THROW(decode_routes(short_nh), Malformed);
    // An attribute inside a next hop running past it.
    auto inner = route_msg("0800 0100 0a140000"
                           "1800 0900"
                           "1400 00 00 03000000 1000 0500 0a000002 00000000");
    EXPECT_THROW(decode_routes(inner), Malformed);
}

TEST(RtnlRouteParse, GoodMultipathDecodes)
{
    auto m = route_msg("0800 0100 0a140000"
                       "2400 0900"
                       "1000 00 01 03000000 0800 0500 0a000002"
                       "1000 04 00 05000000 0800 0500 0a000102");
    auto routes = decode_routes(m);
    ASSERT_EQ(routes.size(), 1u);
    ASSERT_TRUE(routes[0].nexthops);
    ASSERT_EQ(routes[0].nexthops->size(), 2u);
    EXPECT_EQ((*routes[0].nexthops)[0].ifindex, 3);
    EXPECT_EQ((*routes[0].nexthops)[0].hops, 1);
    EXPECT_EQ(format_address(*(*routes[0].nexthops)[1].gateway), "10.0.1.2");
    EXPECT_EQ((*routes[0].nexthops)[1].flags, RTNH_F_ONLINK);
}

TEST(RtnlRouteParse, MetricsRunningPastAreMalformed)
{
    // RTA_METRICS (12 bytes) holding an RTAX_MTU that claims 16.
    auto m = route_msg("0c00 0800 1000 0200 dc050000");
    EXPECT_THROW(decode_routes(m), Malformed);
}

TEST(RtnlRouteParse, WrongSizedAttributesAreAbsent)
{
    // RTA_OIF of 2 bytes, RTA_GATEWAY of 3, RTA_VIA of 1, RTA_PRIORITY of 8.
    auto m = route_msg("0600 0400 0300 0000"
                       "0700 0500 0a0000 00"
                       "0500 1200 0a 000000"
                       "0c00 0600 05000000 00000000");
    auto routes = decode_routes(m);
    ASSERT_EQ(routes.size(), 1u);
    EXPECT_FALSE(routes[0].oif);
    EXPECT_FALSE(routes[0].gateway);
    EXPECT_FALSE(routes[0].via);
    EXPECT_FALSE(routes[0].priority);
}

TEST(RtnlRouteParse, GetAnswersDecode)
{
    auto g4 = decode_routes(unhex(td::route_get4));
    ASSERT_EQ(g4.size(), 1u);
    EXPECT_TRUE(g4[0].flags & RTM_F_CLONED);
    EXPECT_EQ(format_address(*g4[0].dst), "10.0.0.5");
    EXPECT_EQ(g4[0].oif, 3u);
    EXPECT_TRUE(g4[0].uid);
    auto g6 = decode_routes(unhex(td::route_get6));
    ASSERT_EQ(g6.size(), 1u);
    EXPECT_EQ(format_address(*g6[0].gateway), "fd00::2");
    EXPECT_EQ(g6[0].pref, 1);  // ICMPV6_ROUTER_PREF_HIGH
}
