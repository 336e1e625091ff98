// The ip route printer on recorded kernel replies
// (tests/unit/rtnl_route_dump.hpp), against what iproute2 6.1 printed for
// the same state: text, details, one-line, JSON, pretty JSON, statistics,
// the table and family selectors, and route get answers. No root, no
// kernel: LinkNames is offline, names come from built-ins only.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "tests/unit/memstream.hpp"
#include "applets/ip/route.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_route_dump.hpp"

using namespace nsbox;
namespace td = nsbox::testdata;

namespace {

using nsbox_test::unhex;

// Prints `routes` as `ip [opt] route show` with `filter` would, into a string.
std::string show(const ip::Options& opt, const std::vector<net::rtnl::Route>& routes, ip::route::Filter filter,
                 bool document = true)
{
    nsbox_test::MemStream mem;
    FILE* f = mem.file();
    {
        ip::Context c(opt, f);
        ip::LinkCache& links = c.links;
        links.offline();
        const char* names[] = {"", "lo", "v2", "v1", "v4", "v3"};
        for (int i = 1; i <= 5; ++i) {
            net::rtnl::Link l;
            l.index = i;
            l.name = names[i];
            links.remember(l);
        }
        ip::RtNames rt("/nonexistent/iproute2");
        int family = opt.family;
        if (family == AF_UNSPEC && filter.tb)
            family = AF_INET;
        auto doc = document ? c.out.document() : cli::Output::Scope(c.out, cli::Output::Scope::What::nothing);
        for (const auto& r : routes)
            if (ip::route::filter_match(filter, r, family))
                ip::route::print_route(c, links, rt, filter, r);
        doc.close();
        c.out.flush();
    }
    return mem.take();
}

ip::route::Filter table(uint32_t tb)
{
    ip::route::Filter f;
    f.tb = tb;
    return f;
}

ip::route::Filter for_get()
{
    ip::route::Filter f;
    f.cloned = 2;
    return f;
}

std::vector<net::rtnl::Route> dump() { return net::rtnl::decode_routes(unhex(td::route_dump)); }

} // namespace

TEST(IpRoutePrint, DecodesEveryKind)
{
    auto routes = dump();
    ASSERT_EQ(routes.size(), 43u); // 21 IPv4, 22 IPv6
    const net::rtnl::Route* mp = nullptr;
    const net::rtnl::Route* via6 = nullptr;
    const net::rtnl::Route* mx = nullptr;
    for (const auto& r : routes) {
        if (r.nexthops && r.family == AF_INET)
            mp = &r;
        if (r.via)
            via6 = &r;
        if (r.congctl)
            mx = &r;
    }
    ASSERT_TRUE(mp);
    ASSERT_EQ(mp->nexthops->size(), 2u);
    EXPECT_EQ((*mp->nexthops)[0].hops, 1);
    EXPECT_EQ((*mp->nexthops)[1].flags, RTNH_F_ONLINK);
    EXPECT_EQ((*mp->nexthops)[1].ifindex, 5);
    EXPECT_EQ(net::format_address(*(*mp->nexthops)[1].gateway), "10.0.1.2");
    ASSERT_TRUE(via6);
    EXPECT_EQ(via6->via->family, AF_INET6);
    EXPECT_EQ(net::format_address(AF_INET6, via6->via->raw), "fe80::1");
    ASSERT_TRUE(mx);
    EXPECT_EQ(*mx->congctl, "reno");
}

TEST(IpRoutePrint, TableAllText)
{
    ip::Options opt;
    EXPECT_EQ(show(opt, dump(), table(0)), td::ref_route_all_txt);
    // showdump prints the same routes with an empty filter.
    EXPECT_EQ(show(opt, dump(), ip::route::Filter{}, false), td::ref_route_showdump);
}

TEST(IpRoutePrint, TableAllDetailsAndOneline)
{
    ip::Options opt;
    opt.details = 1;
    EXPECT_EQ(show(opt, dump(), table(0)), td::ref_route_all_details);
    ip::Options o;
    o.oneline = 1;
    EXPECT_EQ(show(o, dump(), table(0)), td::ref_route_all_oneline);
}

TEST(IpRoutePrint, TableAllJson)
{
    ip::Options opt;
    opt.json = 1;
    EXPECT_EQ(show(opt, dump(), table(0)), td::ref_route_all_json);
    opt.pretty = 1;
    EXPECT_EQ(show(opt, dump(), table(0)), td::ref_route_all_pretty);
}

TEST(IpRoutePrint, MainTablePerFamily)
{
    ip::Options opt;
    EXPECT_EQ(show(opt, dump(), table(RT_TABLE_MAIN)), td::ref_route_main_txt);
    EXPECT_EQ(show(opt, dump(), table(100)), td::ref_route_table100_txt);
    opt.family = AF_INET6;
    EXPECT_EQ(show(opt, dump(), table(RT_TABLE_MAIN)), td::ref_route_main6_txt);
    ip::Options s = opt;
    s.stats = 1;
    EXPECT_EQ(show(s, dump(), table(RT_TABLE_MAIN)), td::ref_route_main6_stats);
    opt.json = 1;
    opt.pretty = 1;
    EXPECT_EQ(show(opt, dump(), table(RT_TABLE_MAIN)), td::ref_route_main6_pretty);
}

TEST(IpRoutePrint, GetAnswers)
{
    auto g4 = net::rtnl::decode_routes(unhex(td::route_get4));
    auto g4l = net::rtnl::decode_routes(unhex(td::route_get4local));
    auto g6 = net::rtnl::decode_routes(unhex(td::route_get6));
    ASSERT_EQ(g4.size(), 1u);
    ASSERT_EQ(g4l.size(), 1u);
    ASSERT_EQ(g6.size(), 1u);
    ip::Options opt;
    EXPECT_EQ(show(opt, g4, for_get()), td::ref_route_get4_txt);
    EXPECT_EQ(show(opt, g4l, for_get()), td::ref_route_get4local_txt);
    EXPECT_EQ(show(opt, g6, for_get()), td::ref_route_get6_txt);
    opt.json = 1;
    EXPECT_EQ(show(opt, g4, for_get()), td::ref_route_get4_json);
    EXPECT_EQ(show(opt, g6, for_get()), td::ref_route_get6_json);
    opt.pretty = 1;
    EXPECT_EQ(show(opt, g4l, for_get()), td::ref_route_get4local_pretty);
}

TEST(IpRoutePrint, SelectorsHideWhatTheyFix)
{
    // "proto static" hides the protocol, "dev v1" the device, "metric 5"
    // the metric: iproute2 prints only what varies.
    ip::Options opt;
    auto f = table(RT_TABLE_MAIN);
    f.protocol = RTPROT_STATIC;
    f.protocolmask = -1;
    EXPECT_EQ(show(opt, dump(), f), "10.5.0.0/16 via 10.0.0.2 dev v1 metric 5 \n");
    f = table(RT_TABLE_MAIN);
    f.oif = 5;
    f.oifmask = -1;
    f.metric = 0;
    f.metricmask = 0xffffffffu;
    // Multipath routes carry no RTA_OIF: iproute2 6.1 does not list them
    // under a device.
    EXPECT_EQ(show(opt, dump(), f),
              "10.0.1.0/24 proto kernel scope link src 10.0.1.1 \n"
              "10.6.0.0/16 proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 "
              "features ecn quickack 1 congctl reno \n");
}

TEST(IpRoutePrint, PrefixSelectors)
{
    ip::Options opt;
    auto prefix = [](int family, const char* a, int len) {
        ip::route::PrefixMatch p;
        p.family = family;
        p.bitlen = len;
        p.specified = true;
        auto addr = net::parse_address(a, family);
        p.data = addr->bytes;
        return p;
    };
    // root 10.8.0.0/16: that route and every longer one inside it.
    auto f = table(RT_TABLE_MAIN);
    f.rdst = prefix(AF_INET, "10.8.0.0", 16);
    EXPECT_EQ(show(opt, dump(), f), "blackhole 10.8.0.0/16 \nunreachable 10.8.1.0/24 \n"
                                    "prohibit 10.8.2.0/24 \nthrow 10.8.3.0/24 \n");
    // match 10.8.2.7: every route that covers it, the default included.
    f = table(RT_TABLE_MAIN);
    f.mdst = prefix(AF_INET, "10.8.2.7", 32);
    EXPECT_EQ(show(opt, dump(), f), "default via 10.0.0.254 dev v1 \nblackhole 10.8.0.0/16 \nprohibit 10.8.2.0/24 \n");
    // exact 10.8.0.0/16 is root and match at once.
    f = table(RT_TABLE_MAIN);
    f.mdst = f.rdst = prefix(AF_INET, "10.8.0.0", 16);
    EXPECT_EQ(show(opt, dump(), f), "blackhole 10.8.0.0/16 \n");
}

TEST(IpRoutePrint, UnprintableRoutesFailLoudly)
{
    auto routes = dump();
    auto r = routes.front();
    r.encap = true;
    ip::Options opt;
    opt.json = 1;
    EXPECT_THROW(show(opt, {r}, table(0)), cli::Failure);
    r.encap = false;
    r.family = AF_MPLS;
    EXPECT_THROW(show(opt, {r}, table(0)), cli::Failure);
}
