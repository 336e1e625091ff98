// Neighbour requests against the bytes iproute2 6.1 sends for the same
// command (strace -e trace=sendmsg -e write=all in a sandbox where v1 is
// ifindex 3; sequence numbers zeroed), and decoding of truncated and
// malformed replies.

#include <gtest/gtest.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/neigh.hpp"

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

Bytes as_bytes(const std::string& s) { return Bytes(reinterpret_cast<const std::byte*>(s.data()), s.size()); }

#define EXPECT_BYTES(got, want) EXPECT_EQ(to_hex(got), to_hex(hex(want)))

std::vector<std::byte> mac(std::initializer_list<int> b)
{
    std::vector<std::byte> v;
    for (int x : b)
        v.push_back(static_cast<std::byte>(x));
    return v;
}

Neigh entry(const char* dst)
{
    Neigh n;
    n.dst = *parse_address(dst);
    n.family = n.dst->family;
    n.index = 3;
    n.state = NUD_PERMANENT;
    return n;
}

} // namespace

// ip neigh add 10.0.0.2 lladdr 02:00:00:00:01:02 dev v1
TEST(RtnlNeighEncode, Add)
{
    Neigh n = entry("10.0.0.2");
    n.lladdr = mac({2, 0, 0, 0, 1, 2});
    Message m = encode(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, n);
    EXPECT_BYTES(bytes_of(m), "30000000 1c00 0506 00000000 00000000 02 000000 03000000 8000 00 00"
                              "0800 0100 0a000002  0a00 0200 020000000102 0000");
}

// ip neigh replace fd00::2 lladdr 02:00:00:00:01:02 dev v1 nud stale
// router protocol static: NDA_PROTOCOL comes first, as iproute2 adds it
// while it reads the words.
TEST(RtnlNeighEncode, ReplaceWithProtocol)
{
    Neigh n = entry("fd00::2");
    n.state = NUD_STALE;
    n.flags = NTF_ROUTER;
    n.protocol = 4;
    n.lladdr = mac({2, 0, 0, 0, 1, 2});
    Message m = encode(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, n);
    EXPECT_BYTES(bytes_of(m), "44000000 1c00 0505 00000000 00000000 0a 000000 03000000 0400 80 00"
                              "0500 0c00 04000000  1400 0100 fd000000 00000000 00000000 00000002"
                              "0a00 0200 020000000102 0000");
}

// ip neigh add proxy 10.0.0.9 dev v1; ip neigh add 10.0.0.7 dev v1 managed
TEST(RtnlNeighEncode, ProxyAndManaged)
{
    Neigh p = entry("10.0.0.9");
    p.flags = NTF_PROXY;
    Message mp = encode(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, p);
    EXPECT_BYTES(bytes_of(mp), "24000000 1c00 0506 00000000 00000000 02 000000 03000000 8000 08 00"
                               "0800 0100 0a000009");
    Neigh g = entry("10.0.0.7");
    g.state = NUD_NONE;
    g.flags_ext = NTF_EXT_MANAGED;
    Message mg = encode(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, g);
    EXPECT_BYTES(bytes_of(mg), "2c000000 1c00 0506 00000000 00000000 02 000000 03000000 0000 00 00"
                               "0800 0100 0a000007  0800 0f00 01000000");
}

// ip neigh change 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud noarp
// extern_learn; ip neigh del 10.0.0.2 dev v1 (state PERMANENT, iproute2's
// default, even for a delete)
TEST(RtnlNeighEncode, ChangeAndDelete)
{
    Neigh c = entry("10.0.0.2");
    c.state = NUD_NOARP;
    c.flags = NTF_EXT_LEARNED;
    c.lladdr = mac({1, 2, 3, 4, 5, 6});
    Message mc = encode(RTM_NEWNEIGH, NLM_F_REPLACE, c);
    EXPECT_BYTES(bytes_of(mc), "30000000 1c00 0501 00000000 00000000 02 000000 03000000 4000 10 00"
                               "0800 0100 0a000002  0a00 0200 010203040506 0000");
    Neigh d = entry("10.0.0.2");
    Message md = encode(RTM_DELNEIGH, 0, d);
    EXPECT_BYTES(bytes_of(md), "24000000 1d00 0500 00000000 00000000 02 000000 03000000 8000 00 00"
                               "0800 0100 0a000002");
}

// ip neigh get 10.0.0.7 dev v1. iproute2 asks without NLM_F_ACK (it waits
// for the answer itself); nsbox's Socket::query adds the ACK and reads
// the answer that comes before it.
TEST(RtnlNeighEncode, Get)
{
    Neigh n = entry("10.0.0.7");
    n.state = 0;
    Message m = encode(RTM_GETNEIGH, 0, n);
    EXPECT_BYTES(bytes_of(m, NLM_F_REQUEST), "24000000 1e00 0100 00000000 00000000 02 000000 03000000 0000 00 00"
                                             "0800 0100 0a000007");
}

// ip neigh show dev v1; ip neigh show proxy; ip -6 neigh show nomaster
TEST(RtnlNeighEncode, DumpRequests)
{
    const uint16_t dump = NLM_F_REQUEST | NLM_F_DUMP;
    Neigh dev;
    dev.filter_index = 3;
    Message md = neigh_dump_request(dev);
    EXPECT_BYTES(bytes_of(md, dump), "24000000 1e00 0103 00000000 00000000 00 000000 00000000 0000 00 00"
                                     "0800 0800 03000000");
    Neigh proxy;
    proxy.flags = NTF_PROXY;
    Message mp = neigh_dump_request(proxy);
    EXPECT_BYTES(bytes_of(mp, dump), "1c000000 1e00 0103 00000000 00000000 00 000000 00000000 0000 08 00");
    Neigh nomaster;
    nomaster.family = AF_INET6;
    nomaster.filter_master = 0xffffffff;
    Message mn = neigh_dump_request(nomaster);
    EXPECT_BYTES(bytes_of(mn, dump), "24000000 1e00 0103 00000000 00000000 0a 000000 00000000 0000 00 00"
                                     "0800 0900 ffffffff");
}

TEST(RtnlNeighDecode, EntryWithEveryAttribute)
{
    // 10.0.0.3 dev 3 lladdr 02:00:00:00:01:03 STALE router, cacheinfo,
    // probes 0, protocol 4, NDA_FLAGS_EXT 1.
    std::string m = hex("5c000000 1c00 0200 00000000 00000000 02 000000 03000000 0400 80 01"
                        "0800 0100 0a000003  0a00 0200 020000000103 0000"
                        "1400 0300 70170000 00000000 00000000 01000000"
                        "0800 0400 00000000  0500 0c00 04000000  0800 0f00 01000000");
    auto n = decode_neighs(as_bytes(m));
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].family, AF_INET);
    EXPECT_EQ(n[0].index, 3u);
    EXPECT_EQ(n[0].state, NUD_STALE);
    EXPECT_EQ(n[0].flags, NTF_ROUTER);
    EXPECT_EQ(n[0].type, RTN_UNICAST);
    EXPECT_EQ(format_address(*n[0].dst), "10.0.0.3");
    ASSERT_TRUE(n[0].lladdr);
    EXPECT_EQ(format_lladdr(*n[0].lladdr, 1), "02:00:00:00:01:03");
    ASSERT_TRUE(n[0].cacheinfo);
    EXPECT_EQ(n[0].cacheinfo->ndm_confirmed, 6000u);
    EXPECT_EQ(n[0].cacheinfo->ndm_refcnt, 1u);
    EXPECT_EQ(n[0].probes, 0u);
    EXPECT_EQ(n[0].protocol, 4);
    EXPECT_EQ(n[0].flags_ext, NTF_EXT_MANAGED);
}

TEST(RtnlNeighDecode, TruncatedAndMalformedReplies)
{
    std::string good = hex("30000000 1c00 0200 00000000 00000000 02 000000 03000000 8000 00 01"
                           "0800 0100 0a000002  0a00 0200 020000000102 0000");
    EXPECT_EQ(decode_neighs(as_bytes(good)).size(), 1u);
    // Cut inside the message.
    EXPECT_THROW(decode_neighs(as_bytes(good.substr(0, 36))), Malformed);
    // Cut inside a header.
    EXPECT_THROW(decode_neighs(as_bytes(good.substr(0, 10))), Malformed);
    // Too short for struct ndmsg.
    std::string shorty = hex("18000000 1c00 0200 00000000 00000000 02 000000 03000000");
    EXPECT_THROW(decode_neighs(as_bytes(shorty)), Malformed);
    // An attribute longer than what is left of its message.
    std::string bad = good;
    bad[28] = 0x30;
    EXPECT_THROW(decode_neighs(as_bytes(bad)), Malformed);
    // A destination of the wrong size for its family is absent; a
    // cacheinfo of the wrong size too.
    std::string odd = hex("2c000000 1c00 0200 00000000 00000000 02 000000 03000000 8000 00 01"
                          "0600 0100 0a00 0000  0800 0300 00000000");
    auto n = decode_neighs(as_bytes(odd));
    ASSERT_EQ(n.size(), 1u);
    EXPECT_FALSE(n[0].dst);
    EXPECT_FALSE(n[0].cacheinfo);
    // Other message types in the buffer are skipped.
    std::string mixed = hex("14000000 0300 0200 00000000 00000000 00000000") + good;
    EXPECT_EQ(decode_neighs(as_bytes(mixed)).size(), 1u);
}
