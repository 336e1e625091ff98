// libnet/netlink: encoding against known bytes and parsing of replies the
// kernel really sent (recorded once in a fresh network namespace), including
// truncated and malformed ones.
#include <gtest/gtest.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "libnet/netlink.hpp"

using nsbox::net::Ack;
using nsbox::net::Attr;
using nsbox::net::Attrs;
using nsbox::net::AttrTable;
using nsbox::net::Batch;
using nsbox::net::Malformed;
using nsbox::net::Message;
using nsbox::net::Msg;

namespace {

std::vector<std::byte> from_hex(std::string_view h)
{
    std::vector<std::byte> out;
    for (size_t i = 0; i + 1 < h.size(); i += 2)
        out.push_back(static_cast<std::byte>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

// The kernel's reply to RTM_NEWLINK {name "x", kind "dummy"} with
// REQUEST|ACK|CREATE|EXCL, seq 1, on a kernel without the dummy driver:
// NLMSG_ERROR -EOPNOTSUPP, the request echoed whole, then the extended-ACK
// message "Unknown device type".
constexpr std::string_view newlink_dummy_reply =
    "64000000020000020100000062120000a1ffffff38000000100005060100000000000000000000000000000000000000"
    "000000000600030078000000100012800a00010064756d6d7900000018000100556e6b6e6f776e206465766963652074"
    "79706500";

// RTM_GETLINK dump of a fresh namespace: lo's RTM_NEWLINK, then NLMSG_DONE.
constexpr std::string_view dump_lo =
    "bc05000010000200020000006212000000000403010000000800000000000000070003006c6f000008000d00e8030000"
    "050010000200000005001100000000000500430001000000080004000000010008003200000000000800330000000000"
    "08001b000000000008001e000000000008003d000000000008001f000100000008002800ffff00000800290000000100"
    "08003a000000010008003f0000000100080040000000010008003b00f8ff070008003c00ffff00000800420000000000"
    "08002000010000000500210001000000080023000000000008002f000000000008003000000000000600440000000000"
    "060045000000000005002700000000000a00010000000000000000000a0002000000000000000000cc00170000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000006400070000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000c002b000500020000000000090006006e6f6f700000000030031a008c0002008800010000000000"
    "000000000000000001000000010000000100000001000000000000000100000000000000000000000000000000000000"
    "000000000100000001000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000010270000e80300000000000000000000000000000000000001000000a0020a00080001000000000014000500"
    "ffff00005f330400d4a40000e8030000f400020000000000400000000000010001000000010000000100000001000000"
    "ffffffffa00f0000e8030000ffffffff803a090080510100030000005802000010000000000000000100000001000000"
    "0100000060ea0000000000000000000000000000000000000000000000000000ffffffff000000000000000010270000"
    "e80300000100000000000000000000000100000000000000000000000100000000000000000000000000000000000000"
    "80ee360000000000000000000100000000000000000000000000000000000000000000000004000000000000ffff0000"
    "ffffffff0100000000000000000000000000000034010300260000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000003c00060007000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000001400070000000000000000000000000000000000050008000000000024000e00000000000000000000000000"
    "000000000000000000000000000000000000000004003e80040041801400000003000200020000006212000000000000";

Message newlink_dummy_request()
{
    Message m(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, ifinfomsg{});
    m.put_str(IFLA_IFNAME, "x");
    {
        auto info = m.nest(IFLA_LINKINFO);
        m.put_str(IFLA_INFO_KIND, "dummy");
    }
    m.set_seq(1);
    return m;
}

std::vector<std::byte> to_vec(nsbox::net::Bytes b) { return {b.begin(), b.end()}; }

} // namespace

TEST(NetlinkMessage, EncodesNestedRequestAsTheKernelEchoesIt)
{
    auto reply = from_hex(newlink_dummy_reply);
    // The echoed request starts after nlmsghdr (16) and the error code (4).
    auto echoed = std::vector<std::byte>(reply.begin() + 20, reply.begin() + 20 + 0x38);
    Message m = newlink_dummy_request();
    EXPECT_EQ(to_vec(m.bytes()), echoed);
}

TEST(NetlinkMessage, PadsAttributesAndKeepsLengthCurrent)
{
    Message m(RTM_GETLINK, NLM_F_REQUEST);
    EXPECT_EQ(m.size(), 16u);
    m.put_u8(1, 0xab);
    EXPECT_EQ(m.size(), 24u); // 4 header + 1 payload, padded to 8
    EXPECT_EQ(m.header().nlmsg_len, 24u);
    m.put_flag(2);
    EXPECT_EQ(m.size(), 28u);
    auto b = to_vec(m.bytes());
    EXPECT_EQ(b[16], std::byte{5}); // nla_len counts the payload, not the padding
    EXPECT_EQ(b[20], std::byte{0xab});
    EXPECT_EQ(b[24], std::byte{4});
}

TEST(NetlinkMessage, NestsCloseInOrder)
{
    Message m(RTM_NEWLINK, 0);
    {
        auto outer = m.nest(1);
        m.put_u32(2, 7);
        {
            auto inner = m.nest(3);
            m.put_u16(4, 9);
        }
        m.put_be32(5, 0x01020304);
    }
    auto b = to_vec(m.bytes());
    auto attrs = Attrs({b.data() + 16, b.size() - 16});
    std::vector<Attr> top(attrs.begin(), attrs.end());
    ASSERT_EQ(top.size(), 1u);
    EXPECT_EQ(top[0].type(), 1); // NLA_F_NESTED is stripped on read
    AttrTable t(top[0].nested(), 5);
    EXPECT_EQ(t.as<uint32_t>(2), 7u);
    EXPECT_EQ(t.nested(3, 4).as<uint16_t>(4), 9u);
    auto be = t.get(5)->payload();
    EXPECT_EQ(be[0], std::byte{1});
    EXPECT_EQ(be[3], std::byte{4});
    EXPECT_EQ(m.header().nlmsg_len, b.size());
}

TEST(NetlinkBatch, NumbersMessagesInOrder)
{
    Batch b;
    b.start_at(100);
    Message a(1, 0), c(2, 0);
    EXPECT_EQ(b.add(a), 100u);
    EXPECT_EQ(b.add(c), 101u);
    EXPECT_EQ(b.first_seq(), 100u);
    EXPECT_EQ(b.last_seq(), 101u);
    auto msgs = nsbox::net::split_messages(b.bytes());
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(msgs[0].seq(), 100u);
    EXPECT_EQ(msgs[1].type(), 2);
}

TEST(NetlinkError, ParsesErrnoAndExtendedAck)
{
    auto reply = from_hex(newlink_dummy_reply);
    auto msgs = nsbox::net::split_messages(reply);
    ASSERT_EQ(msgs.size(), 1u);
    ASSERT_EQ(msgs[0].type(), NLMSG_ERROR);
    Ack a = nsbox::net::parse_error(msgs[0]);
    EXPECT_EQ(a.seq, 1u);
    EXPECT_EQ(a.error, EOPNOTSUPP);
    EXPECT_EQ(a.extack, "Unknown device type");
}

TEST(NetlinkError, CappedEchoStillFindsTheMessage)
{
    // The same reply as a kernel with NETLINK_CAP_ACK would send it: only the
    // request's header is echoed.
    auto full = from_hex(newlink_dummy_reply);
    std::vector<std::byte> capped(full.begin(), full.begin() + 36);            // hdr + error + echoed hdr
    capped.insert(capped.end(), full.begin() + 20 + 0x38, full.end());          // the TLVs
    uint32_t len = static_cast<uint32_t>(capped.size());
    std::memcpy(capped.data(), &len, 4);
    uint16_t flags = NLM_F_ACK_TLVS | NLM_F_CAPPED;
    std::memcpy(capped.data() + 6, &flags, 2);
    Ack a = nsbox::net::parse_error(nsbox::net::split_messages(capped).at(0));
    EXPECT_EQ(a.error, EOPNOTSUPP);
    EXPECT_EQ(a.extack, "Unknown device type");
}

TEST(NetlinkError, TruncatedErrorIsMalformed)
{
    auto reply = from_hex(newlink_dummy_reply);
    std::vector<std::byte> cut(reply.begin(), reply.begin() + 18);
    uint32_t len = 18;
    std::memcpy(cut.data(), &len, 4);
    auto msgs = nsbox::net::split_messages(cut);
    EXPECT_THROW(nsbox::net::parse_error(msgs.at(0)), Malformed);
}

TEST(NetlinkDump, ParsesRecordedLinkDump)
{
    auto buf = from_hex(dump_lo);
    auto msgs = nsbox::net::split_messages(buf);
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(msgs[0].type(), RTM_NEWLINK);
    EXPECT_TRUE(msgs[0].flags() & NLM_F_MULTI);
    EXPECT_EQ(msgs[1].type(), NLMSG_DONE);
    auto ifi = msgs[0].family<ifinfomsg>();
    EXPECT_EQ(ifi.ifi_index, 1);
    AttrTable t(msgs[0].attrs<ifinfomsg>(), IFLA_MAX);
    EXPECT_EQ(t.str(IFLA_IFNAME), "lo");
    EXPECT_EQ(t.as<uint32_t>(IFLA_MTU), 65536u);
    EXPECT_EQ(t.as<uint8_t>(IFLA_OPERSTATE), 2u); // IF_OPER_DOWN: lo not yet up
    // A u32 read of a u8 attribute is refused, not padded.
    EXPECT_EQ(t.as<uint32_t>(IFLA_OPERSTATE), std::nullopt);
    EXPECT_FALSE(t.has(IFLA_MASTER));
}

TEST(NetlinkDump, EveryTruncationIsMalformed)
{
    auto buf = from_hex(dump_lo);
    // Cutting anywhere inside the first message must throw, never overrun.
    auto first_len = nsbox::net::split_messages(buf).at(0).header().nlmsg_len;
    for (size_t cut = 1; cut < first_len; ++cut) {
        std::vector<std::byte> part(buf.begin(), buf.begin() + static_cast<long>(cut));
        EXPECT_THROW(nsbox::net::split_messages(part), Malformed) << "cut at " << cut;
    }
}

TEST(NetlinkAttrs, RejectsLengthsThatDoNotFit)
{
    // nla_len 3 (shorter than its header)
    auto bad_short = from_hex("03000100");
    EXPECT_THROW((void)std::vector<Attr>(Attrs(bad_short).begin(), Attrs(bad_short).end()), Malformed);
    // nla_len 12 in an 8-byte buffer
    auto bad_long = from_hex("0c00010001020304");
    EXPECT_THROW(AttrTable(Attrs(bad_long), 4), Malformed);
    // a lone trailing byte after a valid attribute
    auto trailing = from_hex("080001000102030405");
    EXPECT_THROW(AttrTable(Attrs(trailing), 4), Malformed);
    // a valid attribute followed by nothing parses
    auto ok = from_hex("0800010001020304");
    AttrTable t(Attrs(ok), 4);
    EXPECT_EQ(t.as<uint32_t>(1), 0x04030201u);
}

TEST(NetlinkAttrs, StringsStopAtNulAndNeedNoNul)
{
    auto withnul = from_hex("0800030062720000");
    EXPECT_EQ(AttrTable(Attrs(withnul), 3).str(3), "br");
    auto without = from_hex("0600030062720000");
    EXPECT_EQ(AttrTable(Attrs(without), 3).str(3), "br");
    EXPECT_EQ(AttrTable(Attrs(without), 3).str(2), std::nullopt);
}

TEST(NetlinkMsg, FamilyHeaderTooShortIsMalformed)
{
    auto buf = from_hex("140000001000000000000000000000000000000000");
    buf.resize(20);
    auto msgs = nsbox::net::split_messages(buf);
    EXPECT_THROW((void)msgs.at(0).family<ifinfomsg>(), Malformed);
}

// NLM_F_DUMP_INTR: the recorded lo dump (seq 2, port 4706) with the flag set
// on chosen messages, fed to DumpReader as Socket::dump_each feeds it.
namespace {

constexpr uint32_t lo_seq = 2, lo_port = 4706;

// The recorded dump with NLM_F_DUMP_INTR added to message `on` (0: the
// link, 1: NLMSG_DONE, -1: none).
std::vector<std::byte> lo_dump_with_intr(int on)
{
    auto buf = from_hex(dump_lo);
    size_t off = 0;
    for (int i = 0; off < buf.size(); ++i) {
        nlmsghdr h;
        std::memcpy(&h, buf.data() + off, sizeof h);
        if (i == on) {
            h.nlmsg_flags |= NLM_F_DUMP_INTR;
            std::memcpy(buf.data() + off, &h, sizeof h);
        }
        off += NLMSG_ALIGN(h.nlmsg_len);
    }
    return buf;
}

struct Fed {
    std::vector<uint16_t> types;
    bool done = false;
    bool interrupted = false;
};

Fed feed_all(const std::vector<std::vector<std::byte>>& datagrams)
{
    Fed f;
    nsbox::net::DumpReader d(lo_seq, lo_port);
    for (const auto& dg : datagrams) {
        EXPECT_FALSE(f.done) << "a datagram after NLMSG_DONE";
        f.done = d.feed(dg, [&](const Msg& m) { f.types.push_back(m.type()); });
    }
    f.interrupted = d.interrupted();
    return f;
}

} // namespace

TEST(NetlinkDumpIntr, WholeDumpIsNotInterrupted)
{
    Fed f = feed_all({lo_dump_with_intr(-1)});
    EXPECT_TRUE(f.done);
    EXPECT_FALSE(f.interrupted);
    EXPECT_EQ(f.types, std::vector<uint16_t>{RTM_NEWLINK});
}

TEST(NetlinkDumpIntr, FlagOnAMessageMarksTheDumpAndKeepsWhatItBrought)
{
    // As iproute2: the dump is read to its end and every message is handed
    // on; the flag only says the copy may be inconsistent.
    Fed f = feed_all({lo_dump_with_intr(0)});
    EXPECT_TRUE(f.done);
    EXPECT_TRUE(f.interrupted);
    EXPECT_EQ(f.types, std::vector<uint16_t>{RTM_NEWLINK});
}

TEST(NetlinkDumpIntr, FlagOnlyOnDoneCounts)
{
    Fed f = feed_all({lo_dump_with_intr(1)});
    EXPECT_TRUE(f.done);
    EXPECT_TRUE(f.interrupted);
}

TEST(NetlinkDumpIntr, FlagInAnEarlierDatagramIsKept)
{
    // The link in one datagram (flagged), NLMSG_DONE in the next (not).
    auto buf = lo_dump_with_intr(0);
    auto cut = static_cast<long>(NLMSG_ALIGN(nsbox::net::split_messages(buf).at(0).header().nlmsg_len));
    Fed f = feed_all({{buf.begin(), buf.begin() + cut}, {buf.begin() + cut, buf.end()}});
    EXPECT_TRUE(f.done);
    EXPECT_TRUE(f.interrupted);
    EXPECT_EQ(f.types, std::vector<uint16_t>{RTM_NEWLINK});
}

TEST(NetlinkDumpIntr, StaleReplyWithTheFlagIsIgnored)
{
    // A flagged reply to an earlier request (another sequence number) comes
    // first: skipped, and the dump that follows is not marked.
    auto stale = lo_dump_with_intr(0);
    const uint32_t other = lo_seq + 1;
    std::memcpy(stale.data() + offsetof(nlmsghdr, nlmsg_seq), &other, sizeof other);
    stale.resize(NLMSG_ALIGN(nsbox::net::split_messages(stale).at(0).header().nlmsg_len));
    Fed f = feed_all({stale, lo_dump_with_intr(-1)});
    EXPECT_TRUE(f.done);
    EXPECT_FALSE(f.interrupted);
    EXPECT_EQ(f.types, std::vector<uint16_t>{RTM_NEWLINK});
}

TEST(NetlinkDumpIntr, DoneWithAnErrnoStillThrows)
{
    // An interrupted dump that then fails is an error, not a warning.
    auto buf = lo_dump_with_intr(0);
    auto off = NLMSG_ALIGN(nsbox::net::split_messages(buf).at(0).header().nlmsg_len);
    const int err = -EBUSY;
    std::memcpy(buf.data() + off + NLMSG_HDRLEN, &err, sizeof err);
    nsbox::net::DumpReader d(lo_seq, lo_port);
    try {
        d.feed(buf, [](const Msg&) {});
        FAIL() << "no error thrown";
    } catch (const nsbox::net::Error& e) {
        EXPECT_EQ(e.code(), EBUSY);
    }
    EXPECT_TRUE(d.interrupted());
}
