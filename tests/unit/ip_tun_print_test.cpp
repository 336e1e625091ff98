// The tun printer of ip -d link (IFLA_INFO_DATA of kind "tun") on a recorded
// dump (tests/unit/rtnl_tun_dump.hpp) against iproute2 6.1's output for the
// same state, on hand-made data for what the kernel did not send there
// (an unknown type, missing and short attributes).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <linux/if_link.h>
#include <linux/if_tun.h>

#include "tests/unit/hex.hpp"
#include "tests/unit/memstream.hpp"
#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "applets/ip/linktypes.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_tun_dump.hpp"

using namespace nsbox;
namespace td = nsbox::testdata;

namespace {

using nsbox_test::unhex;

std::vector<net::rtnl::Link> links() { return net::rtnl::decode_links(unhex(td::tun_dump)); }

ip::Options opts(std::string_view flags)
{
    ip::Options o;
    o.family = AF_PACKET;
    for (char f : flags) {
        switch (f) {
        case 'd': ++o.details; break;
        case 'j': ++o.json; break;
        case 'p': ++o.pretty; break;
        case 'o': ++o.oneline; break;
        }
    }
    return o;
}

std::string show(const ip::Options& opt, const std::vector<net::rtnl::Link>& ls = links())
{
    nsbox_test::MemStream mem;
    {
        ip::Context c(opt, mem.file());
        ip::LinkCache& names = c.links;
        names.offline();
        for (const auto& l : ls)
            ip::check_printable(c, l);
        ip::print_links(c, names, ls, {}, {}, true);
        c.out.flush();
    }
    return mem.take();
}

// Only the kind's data, as "-d" prints it after "tun " (text) or as the
// "info_data" object (JSON, in a one-link document).
std::string data_of(const net::rtnl::Link& l, bool json)
{
    nsbox_test::MemStream mem;
    {
        ip::Context c(opts(json ? "dj" : "d"), mem.file());
        ip::LinkCache& names = c.links;
        names.offline();
        auto doc = c.out.document();
        auto o = c.out.object();
        ip::print_kind_data(c, names, l, false);
    }
    return mem.take();
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

std::vector<uint8_t> u32(uint32_t v)
{
    return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
            static_cast<uint8_t>(v >> 24)};
}

net::rtnl::Link tun_with(const std::vector<std::byte>& data)
{
    net::rtnl::Link l = links().at(1);
    l.info_data = net::rtnl::AttrBlob(data);
    return l;
}

} // namespace

TEST(IpTunPrint, Decoded)
{
    auto ls = links();
    ASSERT_EQ(ls.size(), 4u);
    for (size_t i = 1; i < 4; ++i) {
        EXPECT_EQ(ls[i].kind, "tun");
        EXPECT_TRUE(ls[i].info_data.has_value());
    }
}

TEST(IpTunPrint, Details) { EXPECT_EQ(show(opts("d")), td::tun_details); }
TEST(IpTunPrint, DetailsJson) { EXPECT_EQ(show(opts("dj")), td::tun_details_json); }
TEST(IpTunPrint, DetailsPrettyJson) { EXPECT_EQ(show(opts("djp")), td::tun_details_pretty); }
TEST(IpTunPrint, OnelineDetails) { EXPECT_EQ(show(opts("do")), td::tun_details_oneline); }

// A type the printer does not know is printed as a number; multi_queue
// without queue counts prints only the word; JSON says "multi_queue":
// false when the attribute is missing, as iproute2 does.
TEST(IpTunPrint, HandMadeData)
{
    std::vector<std::byte> d;
    put(d, IFLA_TUN_TYPE, {7});
    put(d, IFLA_TUN_PI, {0});
    put(d, IFLA_TUN_MULTI_QUEUE, {1});
    put(d, IFLA_TUN_PERSIST, {0});
    put(d, IFLA_TUN_OWNER, u32(4000001));
    EXPECT_EQ(data_of(tun_with(d), false), "type UNKNOWN:7 pi off multi_queue persist off user 4000001 ");
    EXPECT_EQ(data_of(tun_with(d), true),
              "[{\"info_data\":{\"type\":\"UNKNOWN:7\",\"pi\":false,\"multi_queue\":true,\"persist\":false,"
              "\"user\":4000001}}]\n");

    std::vector<std::byte> e;
    put(e, IFLA_TUN_TYPE, {IFF_TUN});
    put(e, IFLA_TUN_GROUP, u32(0));
    EXPECT_EQ(data_of(tun_with(e), false), "type tun group root ");
    EXPECT_EQ(data_of(tun_with(e), true), "[{\"info_data\":{\"type\":\"tun\",\"multi_queue\":false,\"group\":\"root\"}}]\n");

    EXPECT_EQ(data_of(tun_with({}), false), "");
    EXPECT_EQ(data_of(tun_with({}), true), "[{\"info_data\":{\"multi_queue\":false}}]\n");
}

// Attributes too short for their type are left out, never read past.
TEST(IpTunPrint, ShortAttributes)
{
    std::vector<std::byte> d;
    put(d, IFLA_TUN_TYPE, {});
    put(d, IFLA_TUN_OWNER, {1, 2});
    put(d, IFLA_TUN_MULTI_QUEUE, {1});
    put(d, IFLA_TUN_NUM_QUEUES, {3});
    put(d, IFLA_TUN_NUM_DISABLED_QUEUES, u32(2));
    EXPECT_EQ(data_of(tun_with(d), false), "multi_queue numdisabled 2 ");
}

// Broken framing inside the data throws Malformed.
TEST(IpTunPrint, MalformedData)
{
    const std::vector<std::byte> broken = {std::byte{0x40}, std::byte{0}, std::byte{1}, std::byte{0}};
    EXPECT_THROW(data_of(tun_with(broken), false), net::Malformed);
}
