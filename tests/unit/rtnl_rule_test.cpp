// libnet's rule messages: encoding in the fixed attribute order, decoding
// of a recorded RTM_GETRULE dump, and of truncated and malformed messages.

#include <gtest/gtest.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "tests/unit/rtnl_rule_dump.hpp"
#include "libnet/rtnl/rule.hpp"

using namespace nsbox;
using namespace nsbox::net;
using namespace nsbox::net::rtnl;

namespace {

using nsbox_test::to_hex;
using nsbox_test::unhex;

std::string hex(std::string_view h) { return nsbox_test::unhex_string(h); }

std::string bytes_of(Message& m, uint16_t extra_flags)
{
    m.header().nlmsg_flags |= extra_flags;
    auto b = m.bytes();
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

std::vector<Rule> dumped()
{
    static const std::vector<std::byte> bytes = unhex(nsbox::testdata::rule_dump_hex);
    return decode_rules(bytes);
}

} // namespace

TEST(RuleEncode, FixedOrderWithoutCommandLine)
{
    Rule r;
    r.family = AF_INET;
    r.table = 100;
    r.action = FR_ACT_TO_TBL;
    r.priority = 5;
    r.src = parse_address("10.0.0.0");
    r.src_len = 8;
    Message m = encode(RTM_NEWRULE, 0, r);
    // FRA_SRC before FRA_PRIORITY.
    EXPECT_EQ(to_hex(bytes_of(m, 0)), to_hex(hex("2c000000200000000000000000000000"
                                                 "020008006400000100000000"
                                                 "080002000a000000"
                                                 "0800060005000000")));
}

TEST(RuleDecode, RecordedDump)
{
    auto rules = dumped();
    ASSERT_EQ(rules.size(), 7u);
    EXPECT_EQ(rules[0].priority, std::nullopt);
    EXPECT_EQ(rules[0].table_id(), RT_TABLE_LOCAL);
    EXPECT_EQ(rules[0].protocol, RTPROT_KERNEL);
    const Rule& u = rules[1];
    EXPECT_EQ(u.priority, 199u);
    EXPECT_EQ(u.table, RT_TABLE_COMPAT); // the kernel's 8-bit stand-in for ids past 255
    EXPECT_EQ(u.table_attr, 1000u);
    EXPECT_EQ(u.table_id(), 1000u);
    EXPECT_EQ(u.uid_range, (UidRange{100, 200}));
    EXPECT_EQ(u.ip_proto, 6);
    EXPECT_EQ(u.sport, (PortRange{1000, 2000}));
    EXPECT_EQ(u.dport, (PortRange{80, 80}));
    EXPECT_EQ(u.flow, 0x10002u);
    EXPECT_EQ(u.suppress_prefixlen, 0u);
    EXPECT_EQ(u.protocol, RTPROT_STATIC);
    const Rule& g = rules[2];
    EXPECT_EQ(g.flags, static_cast<uint32_t>(FIB_RULE_INVERT));
    EXPECT_EQ(g.action, FR_ACT_GOTO);
    EXPECT_EQ(g.goto_target, 32766u);
    EXPECT_EQ(g.fwmark, 0x10u);
    EXPECT_EQ(g.fwmask, 0xffu);
    EXPECT_EQ(g.iifname, "lo");
    EXPECT_EQ(g.suppress_prefixlen, 0xffffffffu);
    const Rule& un = rules[3];
    EXPECT_EQ(un.action, FR_ACT_UNREACHABLE);
    EXPECT_EQ(un.dst_len, 32);
    EXPECT_EQ(un.dst, parse_address("10.1.2.3"));
    const Rule& s = rules[4];
    EXPECT_EQ(s.src, parse_address("10.0.0.0"));
    EXPECT_EQ(s.src_len, 24);
    EXPECT_EQ(s.priority, 32765u);
}

TEST(RuleDecode, TruncatedAndMalformed)
{
    // A header shorter than fib_rule_hdr.
    auto shortmsg = unhex("18000000200002000000000000000000" "0200000000000000");
    EXPECT_THROW(decode_rules(shortmsg), Malformed);
    // FRA_PRIORITY claiming 12 bytes in a message that has 8 left.
    auto overrun = unhex("24000000200002000000000000000000020000000000000100000000"
                         "0c000600c8000000");
    EXPECT_THROW(decode_rules(overrun), Malformed);
    // A message whose length runs past the buffer.
    auto cut = unhex("40000000200002000000000000000000020000000000000100000000");
    EXPECT_THROW(decode_rules(cut), Malformed);
    // Attributes of the wrong size are left unset, not misread.
    auto wrong = unhex("3c000000200002000000000000000000020000000000000100000000"
                       "06000600c8000000" // FRA_PRIORITY, 2 bytes
                       "05000a0001000000" // FRA_FWMARK, 1 byte
                       "08001700e803d007" // FRA_SPORT_RANGE, right
                       "0800140064000000"); // FRA_UID_RANGE, 4 of 8 bytes
    auto rules = decode_rules(wrong);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].priority, std::nullopt);
    EXPECT_EQ(rules[0].fwmark, std::nullopt);
    EXPECT_EQ(rules[0].sport, (PortRange{1000, 2000}));
    EXPECT_EQ(rules[0].uid_range, std::nullopt);
    // An IPv4 rule whose FRA_SRC carries 16 bytes has no source.
    auto v6src = unhex("30000000200002000000000000000000020018000000000100000000"
                       "14000200fd000000000000000000000000000001");
    auto r2 = decode_rules(v6src);
    ASSERT_EQ(r2.size(), 1u);
    EXPECT_EQ(r2[0].src, std::nullopt);
    EXPECT_EQ(r2[0].src_len, 24);
}

TEST(RuleDecode, TunIdIsBigEndianOnTheWire)
{
    auto m = unhex("28000000200002000000000000000000020000000000000100000000"
                   "0c000c000000000000000105");
    auto rules = decode_rules(m);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].tun_id, 0x105u);
}
