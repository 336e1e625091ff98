// ping -N: the node information query nsbox sends (RFC 4620 header, the
// subject in DNS wire form) and the text of a reply. The expected texts are
// what iputils 20221126 printed for the same reply bytes (the responder of
// tests/bats/ping_ni.bats).

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "applets/ping/node_info.hpp"

using namespace nsbox::ping;

namespace {

std::vector<std::byte> bytes(std::initializer_list<int> v)
{
    std::vector<std::byte> out;
    for (int b : v)
        out.push_back(std::byte(b));
    return out;
}

// A reply header: type 140, `code`, checksum 0, `qtype`, `flags`, nonce of seq 1.
std::vector<std::byte> reply(int code, int qtype, int flags, std::initializer_list<int> data)
{
    auto out = bytes({140, code, 0, 0, qtype >> 8, qtype & 0xff, flags >> 8, flags & 0xff,
                      0, 1, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff});
    for (int b : data)
        out.push_back(std::byte(b));
    return out;
}

} // namespace

TEST(PingNodeInfo, QueryHeaderNonceAndSubject)
{
    NodeInfo ni;
    ni.qtype = ni::qtype_ipv6;
    ni.flags = ni::flag_global | ni::flag_linklocal;
    const uint8_t subject[16] = {0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    const uint8_t nonce[8] = {0, 7, 1, 2, 3, 4, 5, 6};
    std::vector<std::byte> q;
    build_ni_query(q, ni, subject, std::span<const uint8_t, 8>(nonce));
    auto want = bytes({139, 0, 0, 0, 0, 3, 0, 0x28, 0, 7, 1, 2, 3, 4, 5, 6,
                       0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
    EXPECT_EQ(q, want);

    ni.qtype = ni::qtype_name;
    ni.flags = 0;
    ni.subject_type = ni::subject_name;
    auto name = ni_subject_name("Peer.Example", false);
    ASSERT_TRUE(name);
    build_ni_query(q, ni, *name, std::span<const uint8_t, 8>(nonce));
    EXPECT_EQ(q.size(), 16u + 14u);
    EXPECT_EQ(q[1], std::byte(1));
    EXPECT_EQ(q[5], std::byte(2));
}

TEST(PingNodeInfo, SubjectNamesInWireForm)
{
    // A dotted name is fully qualified; one without a dot, or subject-fqdn=
    // (as 20221126's table has it), ends with one more zero byte.
    EXPECT_EQ(ni_subject_name("a.B", false), (std::vector<uint8_t>{1, 'a', 1, 'b', 0}));
    EXPECT_EQ(ni_subject_name("a.b.", false), (std::vector<uint8_t>{1, 'a', 1, 'b', 0}));
    EXPECT_EQ(ni_subject_name("node", false), (std::vector<uint8_t>{4, 'n', 'o', 'd', 'e', 0, 0}));
    EXPECT_EQ(ni_subject_name("a.b", true), (std::vector<uint8_t>{1, 'a', 1, 'b', 0, 0}));
    EXPECT_EQ(ni_subject_name("", true), (std::vector<uint8_t>{0, 0}));
    EXPECT_FALSE(ni_subject_name("a..b", false));
    EXPECT_FALSE(ni_subject_name(std::string(64, 'x'), false));
}

TEST(PingNodeInfo, NameReplies)
{
    // "peer.example.org", "www" + a pointer to "example.org" (offset 9 of
    // the data), "node" not fully qualified.
    auto r = reply(0, 2, 0, {0, 0, 0, 0, 4, 'p', 'e', 'e', 'r', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'o', 'r', 'g', 0,
                             3, 'w', 'w', 'w', 0xc0, 9, 4, 'n', 'o', 'd', 'e', 0, 0});
    EXPECT_EQ(ni_reply_text(r), " peer.example.org., www.example.org., node; seq=1;");
    // Escapes as dn_expand writes them.
    auto e = reply(0, 2, 0, {0, 0, 0, 0, 3, 'a', '.', 'b', 3, 'c', ' ', 'd', 3, 'e', 1, 'f', 0});
    EXPECT_EQ(ni_reply_text(e), " a\\.b.c\\032d.e\\001f.; seq=1;");
    EXPECT_EQ(ni_reply_text(reply(0, 2, 0, {0, 0, 0, 0, 4, 'p', 'e', 'e', 'r', 4, 'e', 'x'})),
              " parse error (truncated); seq=1;");
    EXPECT_EQ(ni_reply_text(reply(0, 2, 0, {})), " parse error (too short); seq=1;");
    // A pointer to itself is a loop, not a hang.
    EXPECT_EQ(ni_reply_text(reply(0, 2, 0, {0, 0, 0, 0, 0xc0, 4})), " parse error (truncated); seq=1;");
}

TEST(PingNodeInfo, AddressRepliesAndCodes)
{
    auto v6 = reply(0, 3, 1, {0, 0, 0, 0, 0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
                              0, 0, 0, 0, 0xfd, 0, 0, 1});
    EXPECT_EQ(ni_reply_text(v6), " fd00:1::2, parse error (truncated) (truncated); seq=1;");
    auto v4 = reply(0, 4, 0, {0, 0, 0, 0, 10, 9, 0, 2, 0, 0, 0, 0, 10, 9, 1, 2});
    EXPECT_EQ(ni_reply_text(v4), " 10.9.0.2, 10.9.1.2; seq=1;");
    EXPECT_EQ(ni_reply_text(reply(0, 3, 0, {})), "; seq=1;");
    EXPECT_EQ(ni_reply_text(reply(1, 2, 0, {})), " refused; seq=1;");
    EXPECT_EQ(ni_reply_text(reply(2, 2, 0, {})), " unknown; seq=1;");
    EXPECT_EQ(ni_reply_text(reply(7, 2, 0, {})), " unknown code(700); seq=1;");
    EXPECT_EQ(ni_reply_text(reply(0, 9, 0, {0, 0, 0, 0})), " unknown qtype(0x09); seq=1;");
}
