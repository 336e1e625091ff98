// The text after a reply line: -R's record route ("RR:", "(same route)"),
// -T's timestamps ("TS:", "Unrecorded hops"), NOPs, and the option bytes
// ping sends. Expected strings follow iputils 20221126's output for the
// same option bytes (the RR case is the three-host route of
// tests/bats/ping_options.bats).

#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "applets/ping/reply.hpp"

using namespace nsbox::ping;

namespace {

std::string name(in_addr a)
{
    char buf[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &a, buf, sizeof buf);
}

// The option bytes of a reply that went 10.0.0.1 -> 10.0.1.3 through a
// router: the kernel echoes the record route without the leading NOP.
std::vector<uint8_t> rr_reply()
{
    std::vector<uint8_t> o = record_route_option();
    o.erase(o.begin());
    const uint8_t hops[][4] = {{10, 0, 0, 1}, {10, 0, 1, 2}, {10, 0, 1, 3}, {10, 0, 1, 3}, {10, 0, 0, 2}, {10, 0, 0, 1}};
    for (size_t i = 0; i < std::size(hops); ++i)
        std::copy(hops[i], hops[i] + 4, o.begin() + 3 + long(i) * 4);
    o[2] = uint8_t(4 + std::size(hops) * 4); // the pointer, past the last one
    return o;
}

} // namespace

TEST(PingReply, RecordRouteThenSameRoute)
{
    RouteMemory mem;
    auto o = rr_reply();
    EXPECT_EQ(ip_options_text(o, int(o.size()), mem, false, name),
              "\nRR: \t10.0.0.1\n\t10.0.1.2\n\t10.0.1.3\n\t10.0.1.3\n\t10.0.0.2\n\t10.0.0.1\n");
    EXPECT_EQ(ip_options_text(o, int(o.size()), mem, false, name), "\t(same route)");
    // Flood mode never says "same route".
    EXPECT_EQ(ip_options_text(o, int(o.size()), mem, true, name).substr(0, 5), "\nRR: ");
}

TEST(PingReply, EmptyRecordRoutePrintsOnlyTheNop)
{
    RouteMemory mem;
    auto o = record_route_option();
    EXPECT_EQ(ip_options_text(o, int(o.size()), mem, false, name), "\nNOP");
}

TEST(PingReply, TimestampsAbsoluteThenDeltas)
{
    RouteMemory mem;
    // tsandaddr, two entries filled, overflow counter 2.
    std::vector<uint8_t> o = {68, 36, 21, 0x21, 10, 0, 0, 1, 0, 0, 0x03, 0xe8, 10, 0, 0, 2, 0, 0, 0x03, 0xeb};
    o.resize(36, 0);
    EXPECT_EQ(ip_options_text(o, int(o.size()), mem, false, name),
              "\nTS: \t10.0.0.1\t1000 absolute\n\t10.0.0.2\t3\nUnrecorded hops: 2\n");
    // tsonly: times alone; the high bit marks a non-standard time.
    std::vector<uint8_t> t = {68, 40, 13, 0x00, 0, 0, 0, 5, 0x80, 0, 0, 7};
    t.resize(40, 0);
    EXPECT_EQ(ip_options_text(t, int(t.size()), mem, false, name),
              "\nTS: \t5 absolute\n\t7 absolute not-standard\n");
}

TEST(PingReply, StopsAtEndOfListAndBadLengths)
{
    RouteMemory mem;
    std::vector<uint8_t> eol = {0, 1, 1};
    EXPECT_EQ(ip_options_text(eol, 3, mem, false, name), "");
    std::vector<uint8_t> bad = {7, 1, 4};
    EXPECT_EQ(ip_options_text(bad, 3, mem, false, name), "");
    std::vector<uint8_t> unknown = {0x44 + 1, 2};
    EXPECT_EQ(ip_options_text(unknown, 2, mem, false, name), "\nunknown option 45");
    // Nothing to walk: nothing printed.
    EXPECT_EQ(ip_options_text({}, 0, mem, false, name), "");
}

TEST(PingReply, OptionsSent)
{
    auto rr = record_route_option();
    ASSERT_EQ(rr.size(), 40u);
    EXPECT_EQ(rr[0], 1);
    EXPECT_EQ(rr[1], 7);
    EXPECT_EQ(rr[2], 39);
    EXPECT_EQ(rr[3], 4);
    EXPECT_EQ(timestamp_option(ipopt::ts_tsonly, {}).size(), 40u);
    EXPECT_EQ(timestamp_option(ipopt::ts_tsandaddr, {}).size(), 36u);
    in_addr hop{};
    inet_pton(AF_INET, "10.0.0.2", &hop);
    auto pre = timestamp_option(ipopt::ts_prespec, std::span<const in_addr>(&hop, 1));
    ASSERT_EQ(pre.size(), 12u);
    EXPECT_EQ(pre[1], 12);
    EXPECT_EQ(pre[4], 10);
    EXPECT_EQ(pre[7], 2);
}

// pr_icmph's descriptions (what follows "From X icmp_seq=N "), as iputils
// 20221126 words them; the unreachable and time-exceeded ones are also
// compared with the real ping in tests/bats/ping_icmp.bats.
TEST(PingIcmpText, Ipv4Errors)
{
    EXPECT_EQ(icmp_text(3, 1, 0), "Destination Host Unreachable\n");
    EXPECT_EQ(icmp_text(3, 3, 0), "Destination Port Unreachable\n");
    EXPECT_EQ(icmp_text(3, 4, 1400), "Frag needed and DF set (mtu = 1400)\n");
    EXPECT_EQ(icmp_text(3, 13, 0), "Packet filtered\n");
    EXPECT_EQ(icmp_text(3, 16, 0), "Dest Unreachable, Bad Code: 16\n");
    EXPECT_EQ(icmp_text(11, 0, 0), "Time to live exceeded\n");
    EXPECT_EQ(icmp_text(11, 2, 0), "Time exceeded, Bad Code: 2\n");
    EXPECT_EQ(icmp_text(12, 0, 20), "Parameter problem: pointer = 20\n");
    EXPECT_EQ(icmp_text(4, 0, 0), "Source Quench\n");
    EXPECT_EQ(icmp_text(5, 1, 0, "10.0.0.254"), "Redirect Host(New nexthop: 10.0.0.254)\n");
    EXPECT_EQ(icmp_text(5, 7, 0, "10.0.0.254"), "Redirect, Bad Code: 7(New nexthop: 10.0.0.254)\n");
    EXPECT_EQ(icmp_text(0, 0, 0), "Echo Reply\n");
    EXPECT_EQ(icmp_text(17, 0, 0), "Address Mask Request\n");
    EXPECT_EQ(icmp_text(42, 0, 0), "Bad ICMP type: 42\n");
}

TEST(PingIcmpText, Ipv6Errors)
{
    EXPECT_EQ(icmp6_text(1, 0, 0), "Destination unreachable: No route");
    EXPECT_EQ(icmp6_text(1, 3, 0), "Destination unreachable: Address unreachable");
    EXPECT_EQ(icmp6_text(1, 9, 0), "Destination unreachable: Unknown code 9");
    EXPECT_EQ(icmp6_text(2, 0, 1280), "Packet too big: mtu=1280");
    EXPECT_EQ(icmp6_text(2, 1, 1280), "Packet too big: mtu=1280, code=1");
    EXPECT_EQ(icmp6_text(3, 0, 0), "Time exceeded: Hop limit");
    EXPECT_EQ(icmp6_text(3, 5, 0), "Time exceeded: code 5");
    EXPECT_EQ(icmp6_text(4, 1, 40), "Parameter problem: Unknown header at 40");
    EXPECT_EQ(icmp6_text(4, 7, 40), "Parameter problem: code 7 at 40");
    EXPECT_EQ(icmp6_text(129, 0, 0), "Echo reply");
    EXPECT_EQ(icmp6_text(200, 0, 0), "unknown icmp type: 200");
}
