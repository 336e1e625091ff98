// The ip6tables side of the codec, against bytes recorded from
// ip6tables-nft 1.8.9 (NFPROTO_IPV6 rules: ip6 saddr/daddr at offsets 8 and
// 24, whole-byte prefixes loaded alone, other masks as a 16-byte bitwise),
// recorded in a sandbox with
//   strace -e trace=sendmsg -e write=3 ip6tables-nft -t TABLE -A CHAIN ARGS...
// (the NEWRULE message of the batch, sequence number zeroed). Also the IPv6
// address parser and the -L/-S text of IPv6 address matches.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/list.hpp"
#include "libnet/nft/nft.hpp"
#include "tests/unit/hex.hpp"
#include "tests/unit/iptables_util.hpp"

namespace {

using namespace nsbox;
using namespace nsbox::iptables;
namespace nft = nsbox::net::nft;
using nsbox_test::hex;
using nsbox_test::joined;
using nsbox_test::read_rule;
using nsbox_test::unhex;

// `ip6tables ARGS...` through the applet's own parser.
Command parse6(std::vector<std::string> args)
{
    args.insert(args.begin(), "ip6tables");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return parse_command_line(static_cast<int>(args.size()), argv.data(), true, AF_INET6);
}

struct Fixture {
    std::vector<std::string> args;
    const char* hex;
};

const Fixture fixtures[] = {
    {{"-t", "filter", "-A", "FORWARD", "-s", "fd00::/64", "-d", "fd00:1::1", "-p", "tcp", "-j", "DROP"},
         "c0010000060a010c00000000000000000a0000000b00010066696c74657200000c000200464f52574152440080010480"
         "24000180090001006d6574610000000014000280080002000000001008000100000000012c00018008000100636d7000"
         "20000280080001000000000108000200000000000c0003800500010006000000340001800c0001007061796c6f616400"
         "2400028008000100000000010800020000000001080003000000000808000400000000083000018008000100636d7000"
         "2400028008000100000000010800020000000000100003800c000100fd00000000000000340001800c0001007061796c"
         "6f6164002400028008000100000000010800020000000001080003000000001808000400000000103800018008000100"
         "636d70002c000280080001000000000108000200000000001800038014000100fd000001000000000000000000000001"
         "2c0001800c000100636f756e746572001c0002800c00010000000000000000000c000200000000000000000030000180"
         "0e000100696d6d6564696174650000001c0002800800010000000000100002800c000280080001000000000014000580"
         "08000100000000060800020000000000"},
    {{"-t", "filter", "-A", "FORWARD", "!", "-s", "fd00::/32", "-i", "br+", "!", "-p", "udp", "-j", "ACCEPT"},
         "a0010000060a010c00000000000000000a0000000b00010066696c74657200000c000200464f52574152440060010480"
         "24000180090001006d6574610000000014000280080002000000000608000100000000012c00018008000100636d7000"
         "20000280080001000000000108000200000000000c000380060001006272000024000180090001006d65746100000000"
         "14000280080002000000001008000100000000012c00018008000100636d700020000280080001000000000108000200"
         "000000010c0003800500010011000000340001800c0001007061796c6f61640024000280080001000000000108000200"
         "00000001080003000000000808000400000000042c00018008000100636d700020000280080001000000000108000200"
         "000000010c00038008000100fd0000002c0001800c000100636f756e746572001c0002800c0001000000000000000000"
         "0c0002000000000000000000300001800e000100696d6d6564696174650000001c000280080001000000000010000280"
         "0c00028008000100000000011400058008000100000000110800020000000002"},
    {{"-t", "filter", "-A", "FORWARD", "-s", "fd00::/65", "-o", "eth0", "-p", "ipv6-icmp", "-j", "RETURN"},
         "0c020000060a010c00000000000000000a0000000b00010066696c74657200000c000200464f525741524400cc010480"
         "24000180090001006d6574610000000014000280080002000000000708000100000000013000018008000100636d7000"
         "24000280080001000000000108000200000000001000038009000100657468300000000024000180090001006d657461"
         "0000000014000280080002000000001008000100000000012c00018008000100636d7000200002800800010000000001"
         "08000200000000000c000380050001003a000000340001800c0001007061796c6f616400240002800800010000000001"
         "0800020000000001080003000000000808000400000000105c0001800c00010062697477697365004c00028008000100"
         "00000001080002000000000108000300000000101800048014000100ffffffffffffffff800000000000000018000580"
         "14000100000000000000000000000000000000003800018008000100636d70002c000280080001000000000108000200"
         "000000001800038014000100fd0000000000000000000000000000002c0001800c000100636f756e746572001c000280"
         "0c00010000000000000000000c0002000000000000000000300001800e000100696d6d6564696174650000001c000280"
         "0800010000000000100002800c00028008000100fffffffb14000580080001000000003a0800020000000000"},
    {{"-t", "filter", "-A", "FORWARD", "-s", "fd00::1/ffff::ffff", "!", "-d", "::1", "-g", "user"},
         "e0010000060a010c00000000000000000a0000000b00010066696c74657200000c000200464f525741524400a0010480"
         "340001800c0001007061796c6f6164002400028008000100000000010800020000000001080003000000000808000400"
         "000000105c0001800c00010062697477697365004c000280080001000000000108000200000000010800030000000010"
         "1800048014000100ffff000000000000000000000000ffff180005801400010000000000000000000000000000000000"
         "3800018008000100636d70002c000280080001000000000108000200000000001800038014000100fd00000000000000"
         "0000000000000001340001800c0001007061796c6f616400240002800800010000000001080002000000000108000300"
         "0000001808000400000000103800018008000100636d70002c0002800800010000000001080002000000000118000380"
         "14000100000000000000000000000000000000012c0001800c000100636f756e746572001c0002800c00010000000000"
         "000000000c00020000000000000000003c0001800e000100696d6d656469617465000000280002800800010000000000"
         "1c0002801800028008000100fffffffc0900020075736572000000001400058008000100000000000800020000000000"},
};

TEST(Ip6tablesCodec, EncodesRulesAsIp6tablesNft)
{
    for (const Fixture& f : fixtures) {
        Command c = parse6(f.args);
        nft::Rule nr = encode(c.rule, c.table, c.chain, AF_INET6);
        net::Message m = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET6, nr);
        EXPECT_EQ(hex(m.bytes()), f.hex) << joined(f.args);
    }
}

TEST(Ip6tablesCodec, DecodesRulesIp6tablesNftWrote)
{
    for (const Fixture& f : fixtures) {
        Command c = parse6(f.args);
        nft::Rule nr = read_rule(unhex(f.hex));
        Rule r = decode(nr, AF_INET6);
        EXPECT_FALSE(r.unsupported) << joined(f.args);
        EXPECT_TRUE(r.same_as(c.rule)) << joined(f.args);
        net::Message again = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET6,
                                               encode(r, nr.table, nr.chain, AF_INET6));
        EXPECT_EQ(hex(again.bytes()), f.hex) << joined(f.args);
    }
}

TEST(Ip6tablesCodec, SaveLinesOfRecordedRules)
{
    // What `ip6tables-nft -S` printed for the recorded rules.
    const char* want[] = {
        "-A FORWARD -s fd00::/64 -d fd00:1::1/128 -p tcp -j DROP\n",
        "-A FORWARD ! -s fd00::/32 -i br+ ! -p udp -j ACCEPT\n",
        "-A FORWARD -s fd00::/65 -o eth0 -p ipv6-icmp -j RETURN\n",
        "-A FORWARD -s fd00::1/ffff::ffff ! -d ::1/128 -g user\n",
    };
    ASSERT_EQ(std::size(want), std::size(fixtures));
    for (size_t i = 0; i < std::size(fixtures); ++i) {
        nft::Rule nr = read_rule(unhex(fixtures[i].hex));
        std::string out;
        save_rule(out, nr.chain, decode(nr, AF_INET6), false);
        EXPECT_EQ(out, want[i]);
    }
}

TEST(Ip6tablesCodec, IPv4OffsetsAreNotIPv6Addresses)
{
    // An ip6 rule loading 4 bytes at offset 12 (where IPv4 keeps saddr) is
    // not an address match ip6tables wrote.
    Command c = parse6({"-A", "FORWARD", "-j", "ACCEPT"});
    nft::Rule nr = encode(c.rule, "filter", "FORWARD", AF_INET6);
    nr.exprs.insert(nr.exprs.begin(), {nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, 12, 4},
                                       nft::Cmp{NFT_REG_1, NFT_CMP_EQ, nft::Data{10, 0, 0, 1}}});
    EXPECT_TRUE(decode(nr, AF_INET6).unsupported);
    EXPECT_FALSE(decode(nr, AF_INET).unsupported);
}

TEST(Ip6tablesCli, Addresses)
{
    auto a = parse_address6("fd00::1/64");
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->v6);
    EXPECT_EQ(nsbox_test::to_hex(std::as_bytes(std::span(a->addr6))), "fd000000000000000000000000000000");
    EXPECT_EQ(nsbox_test::to_hex(std::as_bytes(std::span(a->mask6))), "ffffffffffffffff0000000000000000");
    a = parse_address6("fd00::ff/ffff::f0");
    ASSERT_TRUE(a);
    EXPECT_EQ(nsbox_test::to_hex(std::as_bytes(std::span(a->addr6))), "fd0000000000000000000000000000f0");
    a = parse_address6("::1/0x41"); // xtables_strtoui: base 0
    ASSERT_TRUE(a);
    EXPECT_EQ(nsbox_test::to_hex(std::as_bytes(std::span(a->mask6))), "ffffffffffffffff8000000000000000");
    a = parse_address6("fd00::1");
    ASSERT_TRUE(a);
    EXPECT_EQ(nsbox_test::to_hex(std::as_bytes(std::span(a->mask6))), "ffffffffffffffffffffffffffffffff");
    EXPECT_FALSE(parse_address6("10.0.0.1"));
    EXPECT_FALSE(parse_address6("fd00::zz/64"));
    EXPECT_THROW(parse_address6("fd00::/129"), UsageError);
    EXPECT_THROW(parse_address6("fd00::/255.255.0.0"), UsageError);
    EXPECT_THROW(parse_address6("fd00::/"), UsageError);
}

TEST(Ip6tablesCli, RefusesWhatIp6tablesRefuses)
{
    auto message = [](std::vector<std::string> args) {
        try {
            parse6(std::move(args));
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(message({"-A", "INPUT", "-f"}), "`-f' is not supported in IPv6, use -m frag instead");
    EXPECT_EQ(message({"-A", "INPUT", "-s", "10.0.0.0/8"}), "host/network `10.0.0.0' not found");
    EXPECT_EQ(message({"-A", "INPUT", "-d", "fd00::/200"}), "invalid mask `200' specified");
    EXPECT_EQ(message({"-6", "-A", "INPUT"}), "(accepted)");
    EXPECT_EQ(message({"-4", "-A", "INPUT"}), "");
}

TEST(Ip6tablesList, AddressColumns)
{
    Command c = parse6({"-A", "FORWARD", "!", "-s", "fd00::1/ffff::ffff", "-d", "fd00:a::/48", "-j", "ACCEPT"});
    std::string out;
    list_rule(out, c.rule, 1, Format{true, false, false, false});
    EXPECT_EQ(out, "ACCEPT     all  -- !fd00::1/ffff::ffff   fd00:a::/48         \n");
    out.clear();
    Command any = parse6({"-A", "FORWARD", "-d", "::1"});
    list_rule(out, any.rule, 1, Format{true, false, false, false});
    EXPECT_EQ(out, "           all  --  ::/0                 ::1                 \n");
    out.clear();
    list_rule(out, any.rule, 1, Format{false, false, false, false});
    EXPECT_EQ(out.substr(0, 36), "           all  --  anywhere        ");
}

} // namespace
