// The ip printers on recorded kernel replies, against what iproute2 6.1
// printed for the same state (tests/unit/rtnl_lab_dump.hpp). No root, no
// kernel: LinkNames is offline and knows the namespace names.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_lab_dump.hpp"

using namespace nsbox;
namespace td = nsbox::testdata;

namespace {

using nsbox_test::unhex;

// Runs `print` with a Context writing into a string.
template <class F>
std::string capture(const ip::Options& opt, F print)
{
    char* buf = nullptr;
    size_t len = 0;
    FILE* f = open_memstream(&buf, &len);
    {
        ip::Context c(opt, f);
        ip::LinkCache& names = c.links;
        names.offline();
        names.remember_netns(0, "red");
        names.remember_netns(1, "green");
        print(c, names);
        c.out.flush();
    }
    std::fclose(f);
    std::string s(buf, len);
    std::free(buf);
    return s;
}

struct Lab {
    std::vector<net::rtnl::Link> links = net::rtnl::decode_links(unhex(td::lab_links));
    std::vector<net::rtnl::Addr> addrs = net::rtnl::decode_addrs(unhex(td::lab_addrs));
    std::vector<net::rtnl::Route> r4 = net::rtnl::decode_routes(unhex(td::lab_routes4));
    std::vector<net::rtnl::Route> r6 = net::rtnl::decode_routes(unhex(td::lab_routes6));
};

} // namespace

TEST(IpPrint, LinkShowText)
{
    Lab lab;
    ip::Options opt;
    auto out = capture(opt, [&](ip::Context& c, ip::LinkCache& n) { ip::print_links(c, n, lab.links, {}, {}, true); });
    EXPECT_EQ(out, td::ref_link_txt);
}

TEST(IpPrint, LinkShowJson)
{
    Lab lab;
    ip::Options opt;
    opt.json = 1;
    auto out = capture(opt, [&](ip::Context& c, ip::LinkCache& n) { ip::print_links(c, n, lab.links, {}, {}, true); });
    EXPECT_EQ(out, td::ref_link_json);
}

TEST(IpPrint, AddrShowText)
{
    Lab lab;
    ip::Options opt;
    auto out = capture(opt, [&](ip::Context& c, ip::LinkCache& n) { ip::print_links(c, n, lab.links, lab.addrs, {}, false); });
    EXPECT_EQ(out, td::ref_addr_txt);
}

TEST(IpPrint, AddrShowPrettyJson)
{
    Lab lab;
    ip::Options opt;
    opt.json = 1;
    opt.pretty = 1;
    auto out = capture(opt, [&](ip::Context& c, ip::LinkCache& n) { ip::print_links(c, n, lab.links, lab.addrs, {}, false); });
    EXPECT_EQ(out, td::ref_addr_pretty);
}

TEST(IpPrint, AddrShowBrief)
{
    Lab lab;
    ip::Options opt;
    opt.brief = 1;
    auto out = capture(opt, [&](ip::Context& c, ip::LinkCache& n) { ip::print_links(c, n, lab.links, lab.addrs, {}, false); });
    EXPECT_EQ(out, td::ref_addr_brief);
}

TEST(IpPrint, RouteShow)
{
    Lab lab;
    ip::Options opt;
    auto t4 = capture(opt, [&](ip::Context& c, ip::LinkCache& n) {
        for (const auto& l : lab.links)
            n.remember(l);
        ip::print_routes(c, n, lab.r4, RT_TABLE_MAIN);
    });
    EXPECT_EQ(t4, td::ref_route4_txt);
    opt.family = AF_INET6;
    auto t6 = capture(opt, [&](ip::Context& c, ip::LinkCache& n) {
        for (const auto& l : lab.links)
            n.remember(l);
        ip::print_routes(c, n, lab.r6, RT_TABLE_MAIN);
    });
    EXPECT_EQ(t6, td::ref_route6_txt);
}

TEST(IpPrint, RouteShowJson)
{
    Lab lab;
    ip::Options opt;
    opt.json = 1;
    auto j4 = capture(opt, [&](ip::Context& c, ip::LinkCache& n) {
        for (const auto& l : lab.links)
            n.remember(l);
        ip::print_routes(c, n, lab.r4, RT_TABLE_MAIN);
    });
    EXPECT_EQ(j4, td::ref_route4_json);
    opt.family = AF_INET6;
    opt.pretty = 1;
    auto j6 = capture(opt, [&](ip::Context& c, ip::LinkCache& n) {
        for (const auto& l : lab.links)
            n.remember(l);
        ip::print_routes(c, n, lab.r6, RT_TABLE_MAIN);
    });
    EXPECT_EQ(j6, td::ref_route6_pretty);
}
