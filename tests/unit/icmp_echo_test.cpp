// The ICMP echo builder and the parsers for what an ICMP socket returns,
// against bytes worked out by hand (checksums per RFC 1071).

#include <gtest/gtest.h>

#include <vector>

#include "libnet/packet/icmp.hpp"

namespace pk = nsbox::net::packet;

namespace {

std::vector<std::byte> bytes(std::initializer_list<int> v)
{
    std::vector<std::byte> out;
    for (int b : v)
        out.push_back(std::byte(b));
    return out;
}

// An IPv4 header (no options) for an ICMP datagram: 10.0.0.3 -> 10.0.0.1.
std::vector<std::byte> ipv4_header(size_t payload_len, int ttl = 64)
{
    size_t total = 20 + payload_len;
    return bytes({0x45, 0x00, int(total >> 8), int(total & 0xff), 0x12, 0x34, 0x40, 0x00, ttl, 0x01, 0x00, 0x00,
                  10, 0, 0, 3, 10, 0, 0, 1});
}

} // namespace

TEST(IcmpEcho, BuildsRequestWithChecksum)
{
    auto payload = bytes({'a', 'b', 'c', 'd'});
    std::vector<std::byte> out(12);
    size_t n = pk::build_echo_request(out, 0x1234, 1, payload);
    ASSERT_EQ(n, 12u);
    // 0x0800 + 0x1234 + 0x0001 + 0x6162 + 0x6364 = 0xdefb, complemented 0x2104
    EXPECT_EQ(out, bytes({0x08, 0x00, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'}));
    EXPECT_TRUE(pk::icmp_checksum_ok(out));
}

TEST(IcmpEcho, BuildsOddLengthAndEmptyPayloads)
{
    std::vector<std::byte> out(9);
    ASSERT_EQ(pk::build_echo_request(out, 0xffff, 0xffff, bytes({0x7f})), 9u);
    EXPECT_TRUE(pk::icmp_checksum_ok(out));
    std::vector<std::byte> bare(8);
    ASSERT_EQ(pk::build_echo_request(bare, 0, 0, {}), 8u);
    // 0x0800 -> ~ = 0xf7ff
    EXPECT_EQ(bare, bytes({0x08, 0x00, 0xf7, 0xff, 0, 0, 0, 0}));
}

TEST(IcmpEcho, RefusesTooSmallBuffer)
{
    std::vector<std::byte> out(10);
    EXPECT_THROW(pk::build_echo_request(out, 1, 1, bytes({1, 2, 3})), std::length_error);
}

TEST(IcmpEcho, ParsesReply)
{
    // An echo reply to the request above: type 0, checksum 0x2904.
    auto reply = bytes({0x00, 0x00, 0x29, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'});
    auto m = pk::parse_icmp(reply);
    EXPECT_EQ(m.type, pk::icmp_type::echo_reply);
    EXPECT_EQ(m.code, 0);
    EXPECT_EQ(m.id(), 0x1234);
    EXPECT_EQ(m.seq(), 1);
    EXPECT_EQ(m.body.size(), 4u);
    EXPECT_EQ(m.whole.size(), 12u);
    EXPECT_FALSE(m.is_error());
    EXPECT_TRUE(pk::icmp_checksum_ok(reply));
    reply[9] = std::byte('X');
    EXPECT_FALSE(pk::icmp_checksum_ok(reply));
}

TEST(IcmpEcho, TruncatedHeaderThrows)
{
    EXPECT_THROW(pk::parse_icmp(bytes({0x00, 0x00, 0x29, 0x04, 0x12, 0x34, 0x00})), pk::Truncated);
    EXPECT_THROW(pk::parse_icmp({}), pk::Truncated);
    // Exactly a header is a message with an empty body.
    auto m = pk::parse_icmp(bytes({0x00, 0x00, 0xff, 0xff, 0, 0, 0, 0}));
    EXPECT_TRUE(m.body.empty());
}

TEST(IcmpEcho, ParsesRawDatagram)
{
    auto icmp = bytes({0x00, 0x00, 0x29, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd'});
    auto d = ipv4_header(icmp.size(), 63);
    d.insert(d.end(), icmp.begin(), icmp.end());
    auto r = pk::parse_ipv4_icmp(d);
    EXPECT_EQ(r.ip.version, 4);
    EXPECT_EQ(r.ip.header_len, 20u);
    EXPECT_EQ(r.ip.ttl, 63);
    EXPECT_EQ(r.ip.protocol, 1);
    EXPECT_EQ(r.ip.total_len, 32);
    EXPECT_EQ(r.ip.src, (std::array<uint8_t, 4>{10, 0, 0, 3}));
    EXPECT_EQ(r.icmp.seq(), 1);
}

TEST(IcmpEcho, RawDatagramWithOptions)
{
    // IHL 6: four bytes of options (NOP NOP NOP EOL) before the ICMP message.
    auto d = ipv4_header(8);
    d[0] = std::byte(0x46);
    auto opts = bytes({1, 1, 1, 0});
    d.insert(d.end(), opts.begin(), opts.end());
    auto icmp = bytes({0x00, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x00, 0x00});
    d.insert(d.end(), icmp.begin(), icmp.end());
    auto r = pk::parse_ipv4_icmp(d);
    EXPECT_EQ(r.ip.header_len, 24u);
    EXPECT_EQ(r.ip.options.size(), 4u);
    EXPECT_EQ(r.icmp.id(), 1);
}

TEST(IcmpEcho, MalformedRawDatagrams)
{
    auto d = ipv4_header(8);
    d[0] = std::byte(0x44); // IHL 4: shorter than the fixed header
    auto icmp = bytes({0x00, 0x00, 0xff, 0xff, 0, 0, 0, 0});
    d.insert(d.end(), icmp.begin(), icmp.end());
    EXPECT_THROW(pk::parse_ipv4_icmp(d), pk::BadHeader);

    auto big = ipv4_header(0);
    big[0] = std::byte(0x4f); // IHL 15 = 60 bytes, only 20 captured
    EXPECT_THROW(pk::parse_ipv4_icmp(big), pk::Truncated);

    auto no_icmp = ipv4_header(4);
    auto four = bytes({0, 0, 0, 0});
    no_icmp.insert(no_icmp.end(), four.begin(), four.end());
    EXPECT_THROW(pk::parse_ipv4_icmp(no_icmp), pk::Truncated);
    EXPECT_THROW(pk::parse_ipv4_icmp(bytes({0x45})), pk::Truncated);
}

namespace {

// A destination-unreachable (host, code 1) from 10.0.0.254 quoting our echo
// request 10.0.0.1 -> 10.0.1.3, id 0xbeef, seq 7.
std::vector<std::byte> unreachable(int quoted_type = 8, size_t cut = 0)
{
    auto m = bytes({0x03, 0x01, 0x00, 0x00, 0, 0, 0, 0});
    auto q = bytes({0x45, 0x00, 0x00, 0x54, 0x00, 0x01, 0x40, 0x00, 0x40, 0x01, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 1, 3,
                    quoted_type, 0x00, 0x12, 0x34, 0xbe, 0xef, 0x00, 0x07});
    m.insert(m.end(), q.begin(), q.end() - long(cut));
    return m;
}

} // namespace

TEST(IcmpEcho, QuotedEchoOfAnError)
{
    auto bytes_on_wire = unreachable();
    auto m = pk::parse_icmp(bytes_on_wire); // views into bytes_on_wire
    EXPECT_TRUE(m.is_error());
    auto q = pk::quoted_echo(m);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->id, 0xbeef);
    EXPECT_EQ(q->seq, 7);
    EXPECT_EQ(q->ip.dst, (std::array<uint8_t, 4>{10, 0, 1, 3}));
}

TEST(IcmpEcho, QuotedEchoRejectsOthers)
{
    // The quoted packet is an echo reply, not a request.
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(unreachable(0))));
    // Fewer than the quoted header and 8 bytes.
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(unreachable(8, 1))));
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(unreachable(8, 10))));
    // Not an error type at all.
    auto reply = unreachable();
    reply[0] = std::byte(0);
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(reply)));
    // The quoted protocol is UDP.
    auto udp = unreachable();
    udp[8 + 9] = std::byte(17);
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(udp)));
    // A quoted header claiming IHL 3.
    auto bad = unreachable();
    bad[8] = std::byte(0x43);
    EXPECT_FALSE(pk::quoted_echo(pk::parse_icmp(bad)));
}

TEST(IcmpEcho, ErrorTypes)
{
    for (int t : {3, 4, 5, 11, 12}) {
        auto m = unreachable();
        m[0] = std::byte(t);
        EXPECT_TRUE(pk::parse_icmp(m).is_error()) << t;
    }
    for (int t : {0, 8, 13, 14, 17}) {
        auto m = unreachable();
        m[0] = std::byte(t);
        EXPECT_FALSE(pk::parse_icmp(m).is_error()) << t;
    }
}

TEST(IcmpEcho, BuildsIcmpv6RequestWithoutChecksum)
{
    std::vector<std::byte> out(10);
    ASSERT_EQ(pk::build_echo6_request(out, 0x0102, 0x0304, bytes({0xaa, 0xbb})), 10u);
    // The kernel fills in the checksum (it covers the IPv6 pseudo-header).
    EXPECT_EQ(out, bytes({0x80, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0xaa, 0xbb}));
    std::vector<std::byte> small(9);
    EXPECT_THROW(pk::build_echo6_request(small, 0, 0, bytes({1, 2})), std::length_error);
}
