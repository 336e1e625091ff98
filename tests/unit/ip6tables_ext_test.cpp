// The IPv6-only matches of ip6tables (frag, hbh, dst, rt, ah, mh,
// ipv6header, eui64), and iptables' ah, against bytes recorded from ip6tables-nft 1.8.9 (the
// NEWRULE message of its batch, sequence number zeroed; recorded in a
// sandbox with
//   strace -e trace=sendmsg -e write=all ip6tables-nft -t TABLE -A CHAIN ARGS...
// ) and the line `ip6tables-nft -S` printed for each: nsbox must build the
// same bytes from the command line, read them back as the same rule, and
// print the same -S line.

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
using nsbox_test::parse6;
using nsbox_test::read_rule;
using nsbox_test::unhex;

struct Recorded {
    std::vector<std::string> args;
    const char* hex;
    const char* save; // ip6tables-nft -S
};

const Recorded recorded[] = {
    {{"-t", "filter", "-A", "INPUT", "-m", "frag", "!", "--fragid", "5:10", "--fraglen", "8", "--fragres", "--fragfirst", "--fragmore"},
         "ac000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e5055540000006c000480"
         "3c0001800a0001006d617463680000002c00028009000100667261670000000008000200000000001400030005000000"
         "0a000000080000001f0100002c0001800c000100636f756e746572001c0002800c00010000000000000000000c000200"
         "00000000000000001400058008000100000000000800020000000000",
         "-A INPUT -m frag ! --fragid 5:10 --fraglen 8 --fragres --fragfirst --fragmore\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "frag", "--fragid", "7", "!", "--fraglen", "3", "--fraglast"},
         "ac000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e5055540000006c000480"
         "3c0001800a0001006d617463680000002c00028009000100667261670000000008000200000000001400030007000000"
         "0700000003000000230200002c0001800c000100636f756e746572001c0002800c00010000000000000000000c000200"
         "00000000000000001400058008000100000000000800020000000000",
         "-A INPUT -m frag --fragid 7 ! --fraglen 3 --fraglast\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "hbh", "!", "--hbh-len", "0", "--hbh-opts", "0x10:0x20,255:255,5"},
         "c0000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000080000480"
         "500001800a0001006d6174636800000040000280080001006862680008000200000000002c0003000000000003012010"
         "ffffff05000000000000000000000000000000000000000000000000000003002c0001800c000100636f756e74657200"
         "1c0002800c00010000000000000000000c00020000000000000000001400058008000100000000000800020000000000",
         "-A INPUT -m hbh ! --hbh-len 0 --hbh-opts 16:32,255,5\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "dst", "--dst-len", "8", "--dst-opts", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15:1"},
         "c0000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000080000480"
         "500001800a0001006d6174636800000040000280080001006473740008000200000000002c000300080000000300ff01"
         "ff02ff03ff04ff05ff06ff07ff08ff09ff0aff0bff0cff0dff0e010f00000f002c0001800c000100636f756e74657200"
         "1c0002800c00010000000000000000000c00020000000000000000001400058008000100000000000800020000000000",
         "-A INPUT -m dst --dst-len 8 --dst-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15:1\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "rt", "--rt-type", "0", "!", "--rt-segsleft", "2:3", "--rt-len", "5", "--rt-0-res", "--rt-0-addrs", "fd00::1,::1", "--rt-0-not-strict"},
         "b0010000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000070010480"
         "400101800a0001006d6174636800000030010280070001007274000008000200000000001c0103000000000002000000"
         "03000000050000003f020000fd0000000000000000000000000000010000000000000000000000000000000100000000"
         "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000020000002c0001800c000100636f756e74657200"
         "1c0002800c00010000000000000000000c00020000000000000000001400058008000100000000000800020000000000",
         "-A INPUT -m rt --rt-type 0 ! --rt-segsleft 2:3 --rt-len 5 --rt-0-res --rt-0-addrs fd00::1,::1 --rt-0-not-strict\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "ah", "!", "--ahspi", "5:10", "!", "--ahlen", "0", "--ahres"},
         "a8000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000068000480"
         "380001800a0001006d61746368000000280002800700010061680000080002000000000014000300050000000a000000"
         "00000000010300002c0001800c000100636f756e746572001c0002800c00010000000000000000000c00020000000000"
         "000000001400058008000100000000000800020000000000",
         "-A INPUT -m ah ! --ahspi 5:10 ! --ahlen 0 --ahres\n"},
    {{"-t", "filter", "-A", "INPUT", "-p", "mh", "-m", "mh", "!", "--mh-type", "coti:hot"},
         "f0000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e505554000000b0000480"
         "24000180090001006d6574610000000014000280080002000000001008000100000000012c00018008000100636d7000"
         "20000280080001000000000108000200000000000c0003800500010087000000300001800a0001006d61746368000000"
         "20000280070001006d68000008000200000000000c00030002030100000000002c0001800c000100636f756e74657200"
         "1c0002800c00010000000000000000000c00020000000000000000001400058008000100000000870800020000000000",
         "-A INPUT -p mobility-header -m mh ! --mh-type 2:3\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "ipv6header", "!", "--header", "hop,IPv6-Frag,prot,59", "--soft"},
         "a8000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000068000480"
         "380001800a0001006d61746368000000280002800f00010069707636686561646572000008000200000000000c000300"
         "93ffff00000000002c0001800c000100636f756e746572001c0002800c00010000000000000000000c00020000000000"
         "000000001400058008000100000000000800020000000000",
         "-A INPUT -m ipv6header ! --header hop-by-hop,ipv6-frag,ipv6-nonxt,protocol --soft\n"},
    {{"-t", "filter", "-A", "INPUT", "-m", "eui64"},
         "a4000000060a010c00000000000000000a0000000b00010066696c74657200000a000200494e50555400000064000480"
         "340001800a0001006d61746368000000240002800a000100657569363400000008000200000000000c00030000000000"
         "000000002c0001800c000100636f756e746572001c0002800c00010000000000000000000c0002000000000000000000"
         "1400058008000100000000000800020000000000",
         "-A INPUT -m eui64\n"},
};

TEST(Ip6tablesExt, EncodesAsIp6tablesNft)
{
    for (const Recorded& f : recorded) {
        Command c = parse6(f.args);
        nft::Rule nr = encode(c.rule, c.table, c.chain, AF_INET6);
        net::Message m = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET6, nr);
        EXPECT_EQ(hex(m.bytes()), f.hex) << joined(f.args);
    }
}

TEST(Ip6tablesExt, DecodesWhatIp6tablesNftWrote)
{
    for (const Recorded& f : recorded) {
        Command c = parse6(f.args);
        nft::Rule nr = read_rule(unhex(f.hex));
        Rule r = decode(nr, AF_INET6);
        EXPECT_FALSE(r.unsupported) << joined(f.args);
        EXPECT_TRUE(r.same_as(c.rule)) << joined(f.args);
        std::string out;
        save_rule(out, nr.chain, r, false);
        EXPECT_EQ(out, f.save) << joined(f.args);
    }
}

// iptables' ah: struct ipt_ah (spis, then invflags at byte 8), recorded
// from iptables-nft.
const Recorded recorded4[] = {
    {{"-t", "filter", "-A", "INPUT", "-p", "ah", "-m", "ah", "!", "--ahspi", "5:10"},
         "f8000000060a010c0000000000000000020000000b00010066696c74657200000a000200494e505554000000b8000480"
         "24000180090001006d6574610000000014000280080002000000001008000100000000012c00018008000100636d7000"
         "20000280080001000000000108000200000000000c0003800500010033000000380001800a0001006d61746368000000"
         "280002800700010061680000080002000000000014000300050000000a00000001000000000000002c0001800c000100"
         "636f756e746572001c0002800c00010000000000000000000c0002000000000000000000140005800800010000000033"
         "0800020000000000",
         "-A INPUT -p ah -m ah ! --ahspi 5:10\n"},
};

TEST(IptablesAh, EncodesAndDecodesAsIptablesNft)
{
    for (const Recorded& f : recorded4) {
        Command c = nsbox_test::parse(f.args);
        nft::Rule nr = encode(c.rule, c.table, c.chain, AF_INET);
        net::Message m = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET, nr);
        EXPECT_EQ(hex(m.bytes()), f.hex) << joined(f.args);
        Rule r = decode(read_rule(unhex(f.hex)), AF_INET);
        EXPECT_FALSE(r.unsupported) << joined(f.args);
        EXPECT_TRUE(r.same_as(c.rule)) << joined(f.args);
        std::string out;
        save_rule(out, nr.chain, r, false);
        EXPECT_EQ(out, f.save) << joined(f.args);
    }
}

TEST(IptablesAh, OnlyAhspiForIPv4)
{
    EXPECT_THROW(nsbox_test::parse({"-A", "INPUT", "-p", "ah", "-m", "ah", "--ahlen", "1"}), UsageError);
    EXPECT_THROW(nsbox_test::parse({"-A", "INPUT", "-p", "ah", "-m", "ah", "--ahres"}), UsageError);
    EXPECT_NO_THROW(parse6({"-A", "INPUT", "-m", "ah", "--ahlen", "1", "--ahres"}));
}

} // namespace
