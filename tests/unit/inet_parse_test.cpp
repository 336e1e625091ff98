// Address, prefix and link-layer parsing/formatting, with iproute2's rules
// (strtoul parts, octal and hex, netmask lengths) checked against what
// /usr/sbin/ip accepted or refused for the same words.

#include <climits>
#include <gtest/gtest.h>

#include <linux/if_arp.h>
#include <string>
#include <vector>

#include "libnet/inet.hpp"

using namespace nsbox::net;

namespace {

std::string prefix(std::string_view s, int family = AF_UNSPEC)
{
    auto p = parse_prefix(s, family);
    if (!p)
        return "invalid";
    if (p->any)
        return p->has_bytes() ? "any(bytes)" : "any";
    return format_address(p->addr) + "/" + std::to_string(p->len) + (p->len_given ? "" : "(implied)");
}

} // namespace

TEST(InetParse, Ipv4LikeIproute2)
{
    EXPECT_EQ(prefix("10.0.0.1/24"), "10.0.0.1/24");
    EXPECT_EQ(prefix("10.0.0.7"), "10.0.0.7/32(implied)");
    EXPECT_EQ(prefix("10.1/8"), "10.1.0.0/8");          // fewer parts fill from the left
    EXPECT_EQ(prefix("10.2.3/24"), "10.2.3.0/24");
    EXPECT_EQ(prefix("010.0.0.1/8"), "8.0.0.1/8");       // strtoul base 0: octal
    EXPECT_EQ(prefix("10.0.0.1/024"), "10.0.0.1/20");
    EXPECT_EQ(prefix("1.2.3.4/+8"), "1.2.3.4/8");
    EXPECT_EQ(prefix(" 1.2.3.5/8"), "1.2.3.5/8");
    EXPECT_EQ(prefix("10.0.0.9/0"), "10.0.0.9/0");
    EXPECT_EQ(prefix("10.0.0.9/255.255.0.0"), "10.0.0.9/16");
    EXPECT_EQ(prefix("0x0a.0.0.1/8"), "10.0.0.1/8");
    for (const char* bad : {"10.0.0.1/33", "10.0.0.300/24", "foo", "10.0.0.1/", "1.2.3.4/8/9", "1.2.3.4/-1",
                            "0x0a000008/8", "1.2.3.256/8", "1.2.3.4.5/8", "", "1..2", "10.0.0.1/255.0.255.0"})
        EXPECT_EQ(prefix(bad), "invalid") << bad;
}

TEST(InetParse, Ipv6)
{
    EXPECT_EQ(prefix("fd00::5/64"), "fd00::5/64");
    EXPECT_EQ(prefix("fd00::7"), "fd00::7/128(implied)");
    EXPECT_EQ(prefix("::ffff:1.2.3.4/96"), "::ffff:1.2.3.4/96");
    EXPECT_EQ(prefix("fd00::6/129"), "invalid");
    EXPECT_EQ(prefix("fd00::1/64", AF_INET), "invalid");
    EXPECT_EQ(prefix("10.0.0.1/8", AF_INET6), "invalid");
    EXPECT_EQ(prefix("fd00:::1"), "invalid");
}

TEST(InetParse, DefaultAllAny)
{
    EXPECT_EQ(prefix("default"), "any");
    EXPECT_EQ(prefix("default", AF_INET), "any(bytes)");  // iproute2 sends 0.0.0.0 then
    EXPECT_EQ(prefix("all", AF_INET), "any");
    EXPECT_EQ(prefix("any"), "any");
    EXPECT_EQ(prefix("default/0"), "invalid");
}

TEST(InetParse, Unsigned)
{
    EXPECT_EQ(parse_unsigned("42"), 42u);
    EXPECT_EQ(parse_unsigned("0x10"), 16u);
    EXPECT_EQ(parse_unsigned("010"), 8u);
    EXPECT_EQ(parse_unsigned("4294967295"), 4294967295u);
}

TEST(InetParse, UnsignedBounds)
{
    EXPECT_EQ(parse_unsigned("4294967296"), std::nullopt);
    EXPECT_EQ(parse_unsigned("-1"), std::nullopt);
    EXPECT_EQ(parse_unsigned("12x"), std::nullopt);
    EXPECT_EQ(parse_unsigned(""), std::nullopt);
    EXPECT_EQ(parse_unsigned("99999999999999999999999"), std::nullopt);
}

// iproute2's get_u16 and the like, get_integer (get_s32) and get_u64.
TEST(InetParse, IntegerRules)
{
    EXPECT_EQ(parse_unsigned("0xffff", 0, 0xffff), 0xffffu);
    EXPECT_EQ(parse_unsigned("65536", 0, 0xffff), std::nullopt);
    EXPECT_EQ(parse_unsigned("ff", 16, 255), 255u);
    EXPECT_EQ(parse_integer("-2147483648"), INT_MIN);
    EXPECT_EQ(parse_integer("2147483648"), std::nullopt);
    EXPECT_EQ(parse_integer("0x10"), 16);
    EXPECT_EQ(parse_integer("-010"), -8);
    EXPECT_EQ(parse_integer(""), std::nullopt);
    EXPECT_EQ(parse_integer("1x"), std::nullopt);
    EXPECT_EQ(parse_integer(" 7"), 7);  // strtol skips leading blanks
    EXPECT_EQ(parse_u64("18446744073709551614"), UINT64_MAX - 1);
    EXPECT_EQ(parse_u64("18446744073709551616"), std::nullopt);
    EXPECT_EQ(parse_u64("0x1"), 1u);
    EXPECT_EQ(parse_u64("-1"), UINT64_MAX);  // strtoull negates, as get_u64 lets it
    EXPECT_EQ(parse_u64("x"), std::nullopt);
}

TEST(InetFormat, LinkLayer)
{
    std::vector<std::byte> mac{std::byte{0x3e}, std::byte{0x76}, std::byte{0x08},
                               std::byte{0xe2}, std::byte{0xbe}, std::byte{0x01}};
    EXPECT_EQ(format_lladdr(mac, ARPHRD_ETHER), "3e:76:08:e2:be:01");
    std::vector<std::byte> v4{std::byte{192}, std::byte{0}, std::byte{2}, std::byte{1}};
    EXPECT_EQ(format_lladdr(v4, ARPHRD_TUNNEL), "192.0.2.1");
    EXPECT_EQ(format_lladdr({}, ARPHRD_NONE), "");
    EXPECT_EQ(link_type_name(ARPHRD_ETHER), "ether");
    EXPECT_EQ(link_type_name(ARPHRD_LOOPBACK), "loopback");
    EXPECT_EQ(link_type_name(ARPHRD_NONE), "none");
    EXPECT_EQ(link_type_name(12345), "[12345]");
    EXPECT_EQ(family_name(AF_INET6), "inet6");
    EXPECT_EQ(family_name_verbose(AF_UNSPEC), "any valid");
}

TEST(InetFormat, Addresses)
{
    auto a = parse_address("fe80::3c76:8ff:fee2:be01");
    ASSERT_TRUE(a);
    EXPECT_EQ(format_address(*a), "fe80::3c76:8ff:fee2:be01");
    EXPECT_EQ(format_address(AF_INET, a->span()), "");  // wrong size: nothing
    EXPECT_FALSE(IpAddress::from(AF_INET, a->span()));
}
