// Address requests against the bytes iproute2 6.1 sends for the same
// command (strace -e trace=sendmsg -e write=all in a sandbox where v1 is
// ifindex 3; sequence numbers zeroed, as Socket::request assigns them).
// Header flags here are what the applet passes plus the REQUEST|ACK the
// socket adds.

#include <gtest/gtest.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <map>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/addr.hpp"
#include "libnet/rtnl/rtnl.hpp"

using namespace nsbox::net;
using namespace nsbox::net::rtnl;

namespace {

std::string hex(std::string_view h) { return nsbox_test::unhex_string(h); }

using nsbox_test::to_hex;

std::string bytes_of(Message& m, uint16_t extra = NLM_F_REQUEST | NLM_F_ACK)
{
    m.header().nlmsg_flags |= extra;
    auto b = m.bytes();
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

#define EXPECT_BYTES(got, want) EXPECT_EQ(to_hex(got), to_hex(hex(want)))

IpAddress ip(const char* s) { return *parse_address(s); }

Addr v4(const char* local, uint8_t len)
{
    Addr a;
    a.family = AF_INET;
    a.prefixlen = len;
    a.index = 3;
    a.local = ip(local);
    a.address = a.local;
    return a;
}

} // namespace

// ip addr add 10.0.0.1/24 brd + dev v1 label v1:a metric 7
TEST(RtnlAddrEncode, AddWithBroadcastLabelMetric)
{
    Addr a = v4("10.0.0.1", 24);
    a.label = "v1:a";
    a.rt_priority = 7;
    a.broadcast = ip("10.0.0.255");
    Message m = encode(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, a);
    EXPECT_BYTES(bytes_of(m), "44000000 1400 0506 00000000 00000000 02 18 00 00 03000000"
                              "0800 0200 0a000001  0900 0300 76313a61 00000000  0800 0900 07000000"
                              "0800 0100 0a000001  0800 0400 0a0000ff");
}

// ip addr add 10.0.0.2/24 dev v1 valid_lft 1000 preferred_lft 500
TEST(RtnlAddrEncode, AddWithLifetimes)
{
    Addr a = v4("10.0.0.2", 24);
    a.cacheinfo = ifa_cacheinfo{500, 1000, 0, 0};
    Message m = encode(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, a);
    EXPECT_BYTES(bytes_of(m), "3c000000 1400 0506 00000000 00000000 02 18 00 00 03000000"
                              "0800 0200 0a000002  0800 0100 0a000002"
                              "1400 0600 f4010000 e8030000 00000000 00000000");
}

// ip -6 addr add fd00::2/64 dev v1 nodad noprefixroute: flags above 0xff
// go in IFA_FLAGS and the header's are 0.
TEST(RtnlAddrEncode, AddIpv6FlagsAbove0xff)
{
    Addr a;
    a.family = AF_INET6;
    a.prefixlen = 64;
    a.index = 3;
    a.local = ip("fd00::2");
    a.address = a.local;
    a.flags = IFA_F_NODAD | IFA_F_NOPREFIXROUTE;
    Message m = encode(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, a);
    EXPECT_BYTES(bytes_of(m), "48000000 1400 0506 00000000 00000000 0a 40 00 00 03000000"
                              "1400 0200 fd000000 00000000 00000000 00000002"
                              "0800 0800 02020000"
                              "1400 0100 fd000000 00000000 00000000 00000002");
    // Flags that fit in 8 bits stay in the header alone.
    Addr b = a;
    b.flags = IFA_F_NODAD;
    Message m2 = encode(RTM_NEWADDR, 0, b);
    auto s = bytes_of(m2);
    EXPECT_EQ(static_cast<unsigned char>(s[18]), IFA_F_NODAD);
    EXPECT_EQ(s.size(), 16u + 8 + 20 + 20);
}

// ip addr add 10.0.5.1 peer 10.0.5.2/32 dev v1
TEST(RtnlAddrEncode, AddWithPeer)
{
    Addr a = v4("10.0.5.1", 32);
    a.address = ip("10.0.5.2");
    Message m = encode(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, a);
    EXPECT_BYTES(bytes_of(m), "28000000 1400 0506 00000000 00000000 02 20 00 00 03000000"
                              "0800 0200 0a000501  0800 0100 0a000502");
}

// ip addr replace 10.0.0.3/24 broadcast - dev v1 scope link
// ip addr change 10.0.0.3/24 dev v1 valid_lft forever preferred_lft 0
TEST(RtnlAddrEncode, ReplaceAndChange)
{
    Addr a = v4("10.0.0.3", 24);
    a.scope = RT_SCOPE_LINK;
    a.broadcast = ip("10.0.0.0");
    Message r = encode(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, a);
    EXPECT_BYTES(bytes_of(r), "30000000 1400 0505 00000000 00000000 02 18 00 fd 03000000"
                              "0800 0200 0a000003  0800 0100 0a000003  0800 0400 0a000000");
    Addr b = v4("10.0.0.3", 24);
    b.cacheinfo = ifa_cacheinfo{0, 0xffffffff, 0, 0};
    Message c = encode(RTM_NEWADDR, NLM_F_REPLACE, b);
    EXPECT_BYTES(bytes_of(c), "3c000000 1400 0501 00000000 00000000 02 18 00 00 03000000"
                              "0800 0200 0a000003  0800 0100 0a000003"
                              "1400 0600 00000000 ffffffff 00000000 00000000");
}

// ip addr del 10.0.0.2/24 dev v1; ip addr del 10.0.0.1 dev v1 (the
// wildcard form: no IFA_ADDRESS)
TEST(RtnlAddrEncode, Delete)
{
    Addr a = v4("10.0.0.2", 24);
    Message m = encode(RTM_DELADDR, 0, a);
    EXPECT_BYTES(bytes_of(m), "28000000 1500 0500 00000000 00000000 02 18 00 00 03000000"
                              "0800 0200 0a000002  0800 0100 0a000002");
    Addr w = v4("10.0.0.1", 32);
    w.address.reset();
    Message mw = encode(RTM_DELADDR, 0, w);
    EXPECT_BYTES(bytes_of(mw), "20000000 1500 0500 00000000 00000000 02 20 00 00 03000000"
                               "0800 0200 0a000001");
}

// ip addr show dev v1 / ip -4 addr flush dev v1: the dump requests.
TEST(RtnlAddrEncode, DumpRequests)
{
    Message all = addr_dump_request(AF_UNSPEC, 3);
    EXPECT_BYTES(bytes_of(all, NLM_F_REQUEST | NLM_F_DUMP), "18000000 1600 0103 00000000 00000000 00 00 00 00 03000000");
    Message v4 = addr_dump_request(AF_INET, 3);
    EXPECT_BYTES(bytes_of(v4, NLM_F_REQUEST | NLM_F_DUMP), "18000000 1600 0103 00000000 00000000 02 00 00 00 03000000");
}

namespace {

std::map<uint16_t, std::string> attrs_of(const std::string& msg)
{
    Bytes b(reinterpret_cast<const std::byte*>(msg.data()), msg.size());
    std::map<uint16_t, std::string> out;
    for (const Msg& m : split_messages(b))
        for (Attr a : m.attrs<ifaddrmsg>())
            out[a.type()] = std::string(reinterpret_cast<const char*>(a.payload().data()), a.payload().size());
    return out;
}

} // namespace

// ip -4 addr flush dev v1: iproute2 sends back each dumped message as
// RTM_DELADDR (NLM_F_REQUEST only, no ACK). nsbox decodes and re-encodes
// it: the same attributes with the same payloads, in its own order, and
// flags that fit in 8 bits in the header only (the dump also repeats them
// in IFA_FLAGS).
TEST(RtnlAddrEncode, FlushDeleteCarriesTheDumpedAddress)
{
    const std::string iproute2 = hex("4c000000 1500 0100 00000000 00000000 02 20 80 00 03000000"
                                     "0800 0100 0a000502  0800 0200 0a000501  0700 0300 76310000"
                                     "0800 0800 80000000  1400 0600 ffffffff ffffffff c4091800 c4091800");
    // The same message as the kernel dumped it (RTM_NEWADDR).
    std::string dumped = iproute2;
    dumped[4] = RTM_NEWADDR;
    Bytes raw(reinterpret_cast<const std::byte*>(dumped.data()), dumped.size());
    auto addrs = decode_addrs(raw);
    ASSERT_EQ(addrs.size(), 1u);
    Message m = encode(RTM_DELADDR, NLM_F_REQUEST, addrs[0]);
    std::string ours = bytes_of(m, 0);
    EXPECT_EQ(ours.substr(4, 4), iproute2.substr(4, 4)); // type, flags
    EXPECT_EQ(ours.substr(16, 8), iproute2.substr(16, 8)); // ifaddrmsg
    auto want = attrs_of(iproute2);
    want.erase(IFA_FLAGS);
    EXPECT_EQ(attrs_of(ours), want);
}

// Replies that break framing are refused, never half read.
TEST(RtnlAddrEncode, TruncatedAndMalformedReplies)
{
    std::string good = hex("4c000000 1400 0200 00000000 00000000 02 20 80 00 03000000"
                           "0800 0100 0a000502  0800 0200 0a000501  0700 0300 76310000"
                           "0800 0800 80000000  1400 0600 ffffffff ffffffff c4091800 c4091800");
    auto as_bytes = [](const std::string& s) { return Bytes(reinterpret_cast<const std::byte*>(s.data()), s.size()); };
    EXPECT_EQ(decode_addrs(as_bytes(good)).size(), 1u);
    // Cut inside the message: its length runs past the buffer.
    EXPECT_THROW(decode_addrs(as_bytes(good.substr(0, 40))), Malformed);
    // A message too short for struct ifaddrmsg.
    std::string shorty = hex("14000000 1400 0200 00000000 00000000 02 20 80 00");
    EXPECT_THROW(decode_addrs(as_bytes(shorty)), Malformed);
    // An attribute whose length runs past its message.
    std::string bad = good;
    bad[24] = 0x40;
    EXPECT_THROW(decode_addrs(as_bytes(bad)), Malformed);
    // An address attribute of the wrong size is absent, not misread.
    std::string odd = hex("20000000 1400 0200 00000000 00000000 02 20 80 00 03000000"
                          "0700 0200 0a0005 00");
    auto a = decode_addrs(as_bytes(odd));
    ASSERT_EQ(a.size(), 1u);
    EXPECT_FALSE(a[0].local);
    // A lifetime attribute of the wrong size too.
    std::string ci = hex("2c000000 1400 0200 00000000 00000000 02 20 80 00 03000000"
                         "0c00 0600 ffffffff ffffffff 0800 0900 05000000");
    auto b = decode_addrs(as_bytes(ci));
    ASSERT_EQ(b.size(), 1u);
    EXPECT_FALSE(b[0].cacheinfo);
    EXPECT_EQ(b[0].rt_priority, 5u);
}
