// ip route requests against the bytes iproute2 6.1 sends for the same
// command line, captured with `strace -e trace=sendmsg,sendto -e write=3`
// in a sandbox (v1 is ifindex 3, v3 ifindex 5). Command lines without a
// device go through nsbox's own parser (route::modify_request /
// get_request), so argument order, defaults and attribute order are
// checked end to end; the others build the Route the parser would.
// Sequence numbers are 0 here (Socket assigns them); flags are what the
// socket adds (NLM_F_REQUEST, NLM_F_ACK) ORed in by hand.

#include <gtest/gtest.h>

#include <linux/rtnetlink.h>
#include <string>

#include "tests/unit/hex.hpp"
#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/route.hpp"
#include "libnet/rtnl/rtnl.hpp"

using namespace nsbox;
using namespace nsbox::net;
using namespace nsbox::net::rtnl;

namespace {

std::string hex(std::string_view h) { return nsbox_test::unhex_string(h); }

using nsbox_test::to_hex;

std::string bytes_of(Message& m, uint16_t extra_flags)
{
    m.header().nlmsg_flags |= extra_flags;
    auto b = m.bytes();
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

#define EXPECT_BYTES(got, want) EXPECT_EQ(to_hex(got), to_hex(want))

constexpr uint16_t req_ack = NLM_F_REQUEST | NLM_F_ACK;

IpAddress addr(const char* s) { return *parse_address(s); }

// The Route nsbox's parser makes of `words` (no device lookups).
Route parsed(std::vector<std::string> words, uint16_t cmd = RTM_NEWROUTE, int family = AF_UNSPEC)
{
    ip::Options opt;
    opt.family = family;
    ip::Context c(opt);
    ip::route::Cmd rc(c);
    cli::Args a(std::move(words));
    return ip::route::modify_request(rc, a, cmd);
}

ip::route::GetRequest parsed_get(std::vector<std::string> words, int family = AF_UNSPEC)
{
    ip::Options opt;
    opt.family = family;
    ip::Context c(opt);
    ip::route::Cmd rc(c);
    cli::Args a(std::move(words));
    return ip::route::get_request(rc, a);
}

} // namespace

TEST(RtnlRouteEncode, AddViaMetricDev)
{
    // ip route add 10.5.0.0/16 via 10.0.0.2 metric 5 dev v1
    Route r = parsed({"10.5.0.0/16", "via", "10.0.0.2", "metric", "5"});
    r.oif = 3; // dev v1, looked up after the command line
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("3c000000 1800 0506 00000000 00000000"
                                           "02 10 00 00 fe 03 00 01 00000000"
                                           "0800 0100 0a050000"
                                           "0800 0500 0a000002"
                                           "0800 0600 05000000"
                                           "0800 0400 03000000"));
}

TEST(RtnlRouteEncode, MetricsLockCongctlTable)
{
    // ip route add 10.6.0.0/16 dev v1 mtu lock 1400 advmss 1300 rtt 2s
    //     congctl reno table 1000 proto static
    Route r = parsed({"10.6.0.0/16", "mtu", "lock", "1400", "advmss", "1300", "rtt", "2s", "congctl", "reno",
                      "table", "1000", "proto", "static"});
    r.oif = 3;
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("60000000 1800 0506 00000000 00000000"
                                           "02 10 00 00 00 04 fd 01 00000000"
                                           "0800 0100 0a060000"
                                           "0800 0f00 e8030000"  // RTA_TABLE 1000
                                           "0800 0400 03000000"
                                           "2c00 0800"           // RTA_METRICS
                                           "0800 0200 78050000"  // mtu 1400
                                           "0800 0800 14050000"  // advmss 1300
                                           "0800 0400 803e0000"  // rtt 2s = 2000 ms * 8
                                           "0800 1000 72656e6f"  // congctl "reno", no NUL
                                           "0800 0100 04000000")); // lock: mtu
}

TEST(RtnlRouteEncode, Ipv6PrefExpiresMetric)
{
    // ip -6 route add fd00:5::/64 via fd00::2 dev v1 pref high expires 300 metric 9
    Route r = parsed({"fd00:5::/64", "via", "fd00::2", "pref", "high", "expires", "300", "metric", "9"},
                     RTM_NEWROUTE, AF_INET6);
    r.oif = 3;
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("64000000 1800 0506 00000000 00000000"
                                           "0a 40 00 00 fe 03 00 01 00000000"
                                           "1400 0100 fd000005 00000000 00000000 00000000"
                                           "1400 0500 fd000000 00000000 00000000 00000002"
                                           "0500 1400 01000000"  // RTA_PREF high
                                           "0800 1700 2c010000"  // RTA_EXPIRES 300
                                           "0800 0600 09000000"
                                           "0800 0400 03000000"));
}

TEST(RtnlRouteEncode, Multipath)
{
    // ip route add 10.20.0.0/16 nexthop via 10.0.0.2 weight 2
    //     nexthop via 10.0.1.2 dev v3 onlink
    Route r;
    r.family = AF_INET;
    r.dst_len = 16;
    r.table = RT_TABLE_MAIN;
    r.protocol = RTPROT_BOOT;
    r.scope = RT_SCOPE_UNIVERSE;
    r.type = RTN_UNICAST;
    r.dst = addr("10.20.0.0");
    Nexthop a;
    a.hops = 1;
    a.gateway = addr("10.0.0.2");
    Nexthop b;
    b.flags = RTNH_F_ONLINK;
    b.ifindex = 5;
    b.gateway = addr("10.0.1.2");
    r.nexthops = std::vector<Nexthop>{a, b};
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("48000000 1800 0506 00000000 00000000"
                                           "02 10 00 00 fe 03 00 01 00000000"
                                           "0800 0100 0a140000"
                                           "2400 0900"                    // RTA_MULTIPATH
                                           "1000 00 01 00000000"          // rtnexthop: weight 2
                                           "0800 0500 0a000002"
                                           "1000 04 00 05000000"          // onlink, dev 5
                                           "0800 0500 0a000102"));
    // And back: the decoder reads what the encoder wrote.
    auto back = decode_routes(m.bytes());
    ASSERT_EQ(back.size(), 1u);
    ASSERT_TRUE(back[0].nexthops);
    ASSERT_EQ(back[0].nexthops->size(), 2u);
    EXPECT_EQ((*back[0].nexthops)[0].hops, 1);
    EXPECT_EQ((*back[0].nexthops)[1].ifindex, 5);
    EXPECT_EQ((*back[0].nexthops)[1].flags, RTNH_F_ONLINK);
    EXPECT_EQ((*back[0].nexthops)[1].gateway, addr("10.0.1.2"));
}

TEST(RtnlRouteEncode, ViaOtherFamily)
{
    // ip route add 10.30.0.0/16 via inet6 fe80::1 dev v1
    Route r = parsed({"10.30.0.0/16", "via", "inet6", "fe80::1"});
    r.oif = 3;
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("44000000 1800 0506 00000000 00000000"
                                           "02 10 00 00 fe 03 00 01 00000000"
                                           "0800 0100 0a1e0000"
                                           "1600 1200 0a00 fe800000 00000000 00000000 00000001 0000"
                                           "0800 0400 03000000"));
}

TEST(RtnlRouteEncode, LocalGoesToTheLocalTable)
{
    // ip route add local 10.0.0.9 dev v1: table local, scope host
    Route r = parsed({"local", "10.0.0.9"});
    r.oif = 3;
    Message m = encode(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("2c000000 1800 0506 00000000 00000000"
                                           "02 20 00 00 ff 03 fe 02 00000000"
                                           "0800 0100 0a000009"
                                           "0800 0400 03000000"));
}

TEST(RtnlRouteEncode, Delete)
{
    // ip route del 10.30.0.0/16: scope nowhere, no protocol or type
    Route r = parsed({"10.30.0.0/16"}, RTM_DELROUTE);
    Message m = encode(RTM_DELROUTE, 0, r);
    EXPECT_BYTES(bytes_of(m, req_ack), hex("24000000 1900 0500 00000000 00000000"
                                           "02 10 00 00 fe 00 ff 00 00000000"
                                           "0800 0100 0a1e0000"));
}

TEST(RtnlRouteEncode, Get)
{
    // ip route get 10.0.0.5 from 10.0.0.1 oif v1 mark 5 uid 1000
    auto g = parsed_get({"10.0.0.5", "from", "10.0.0.1", "mark", "5", "uid", "1000"});
    g.route.oif = 3;
    Message m = encode(RTM_GETROUTE, 0, g.route);
    EXPECT_BYTES(bytes_of(m, NLM_F_REQUEST), hex("44000000 1a00 0100 00000000 00000000"
                                                 "02 20 20 00 00 00 00 00 00100000" // RTM_F_LOOKUP_TABLE
                                                 "0800 0100 0a000005"
                                                 "0800 0200 0a000001"
                                                 "0800 1900 e8030000"  // RTA_UID
                                                 "0800 0400 03000000"
                                                 "0800 1000 05000000")); // RTA_MARK
    // ip -6 route get fd00::5 ipproto tcp dport 80 sport 1000
    auto g6 = parsed_get({"fd00::5", "ipproto", "6", "dport", "80", "sport", "1000"}, AF_INET6);
    Message m6 = encode(RTM_GETROUTE, 0, g6.route);
    EXPECT_BYTES(bytes_of(m6, NLM_F_REQUEST), hex("48000000 1a00 0100 00000000 00000000"
                                                  "0a 80 00 00 00 00 00 00 00000000"
                                                  "1400 0100 fd000000 00000000 00000000 00000005"
                                                  "0500 1b00 06000000"   // RTA_IP_PROTO
                                                  "0600 1d00 00500000"   // RTA_DPORT, big-endian
                                                  "0600 1c00 03e80000")); // RTA_SPORT
}

TEST(RtnlRouteEncode, DumpRequests)
{
    // ip route show table 100 proto static dev v1
    RouteDump d;
    d.family = AF_INET;
    d.table = 100;
    d.protocol = RTPROT_STATIC;
    d.oif = 3;
    Message m = route_dump_request(d);
    EXPECT_BYTES(bytes_of(m, NLM_F_REQUEST | NLM_F_DUMP), hex("2c000000 1a00 0103 00000000 00000000"
                                                              "02 00 00 00 00 04 00 00 00000000"
                                                              "0800 0f00 64000000"
                                                              "0800 0400 03000000"));
    // ip route show cached
    RouteDump c;
    c.family = AF_INET;
    c.table = RT_TABLE_MAIN;
    c.cloned = true;
    Message mc = route_dump_request(c);
    EXPECT_BYTES(bytes_of(mc, NLM_F_REQUEST | NLM_F_DUMP), hex("24000000 1a00 0103 00000000 00000000"
                                                               "02 00 00 00 00 00 00 00 00020000"
                                                               "0800 0f00 fe000000"));
}

TEST(RtnlRouteEncode, FlushSendsTheDumpedRouteBack)
{
    // ip route flush proto static: the dumped RTM_NEWROUTE goes back as
    // RTM_DELROUTE with NLM_F_REQUEST and the same payload (iproute2 keeps
    // the reply's sequence number and port; the kernel ignores both).
    std::string dumped = hex("3c000000 1800 0200 7cfb0b6b 081c0000"
                             "02 10 00 00 fe 04 00 01 00000000"
                             "0800 0f00 fe000000"
                             "0800 0100 0a050000"
                             "0800 0500 0a000002"
                             "0800 0400 03000000");
    auto msgs = split_messages({reinterpret_cast<const std::byte*>(dumped.data()), dumped.size()});
    ASSERT_EQ(msgs.size(), 1u);
    Message del = copy_route(msgs[0], RTM_DELROUTE, NLM_F_REQUEST);
    EXPECT_BYTES(bytes_of(del, 0), hex("3c000000 1900 0100 00000000 00000000"
                                       "02 10 00 00 fe 04 00 01 00000000"
                                       "0800 0f00 fe000000"
                                       "0800 0100 0a050000"
                                       "0800 0500 0a000002"
                                       "0800 0400 03000000"));
}
