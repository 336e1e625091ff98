// libnet/nft: batch framing, chain messages and the parsing of recorded
// kernel replies (a GETCHAIN/GETRULE dump of what iptables-nft created),
// including truncated ones.

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "libnet/nft/nft.hpp"

namespace {

using namespace nsbox;
namespace nft = nsbox::net::nft;

using nsbox_test::unhex;

std::string hex(net::Bytes b) { return nsbox_test::to_hex(b); }

// Kernel replies recorded from `nft list ruleset` after iptables-nft made
// the lab's MASQUERADE rule and a FORWARD rule: chain nat/POSTROUTING,
// chain filter/FORWARD, the MASQUERADE rule, the FORWARD rule.
const char* replies[] = {
    "6c000000030a020000000000203d000002000003080001006e61740010000300504f5354524f5554494e47000c000200"
    "000000000000000114000400080001000000000408000200000000640800050000000001080007006e61740008000a00"
    "000000010800060000000001",
    "70000000030a020000000000203d0000020000030b00010066696c74657200000c000300464f5257415244000c000200"
    "0000000000000001140004000800010000000002080002000000000008000500000000010b00070066696c7465720000"
    "08000a00000000010800060000000001",
    "10010000060a020800000000203d000002000003080001006e61740010000200504f5354524f5554494e47000c000300"
    "0000000000000002d8000400340001000c0001007061796c6f6164002400020008000100000000010800020000000001"
    "080003000000000c08000400000000032c00010008000100636d70002000020008000100000000010800020000000000"
    "0c000300070001000a0000002c0001000c000100636f756e746572001c0002000c00010000000000000000000c000200"
    "0000000000000000480001000b0001007461726765740000380002000f0001004d415351554552414445000008000200"
    "000000001c000300010000000000000000000000000000000000000000000000",
    "04020000060a020800000000203d0000020000030b00010066696c74657200000c000200464f5257415244000c000300"
    "0000000000000002cc01040024000100090001006d657461000000001400020008000200000000100800010000000001"
    "2c00010008000100636d700020000200080001000000000108000200000000000c000300050001000600000034000100"
    "0c0001007061796c6f6164002400020008000100000000010800020000000001080003000000000c0800040000000004"
    "4c0001000c00010062697477697365003c00020008000100000000010800020000000001080003000000000408000600"
    "000000000c00040008000100ffffff800c00050008000100000000002c00010008000100636d70002000020008000100"
    "0000000108000200000000000c000300080001000a010280340001000c0001007061796c6f6164002400020008000100"
    "000000010800020000000002080003000000000208000400000000023c0001000a00010072616e67650000002c000200"
    "080001000000000108000200000000000c00030006000100000100000c00040006000100000200002c0001000c000100"
    "636f756e746572001c0002000c00010000000000000000000c0002000000000000000000300001000e000100696d6d65"
    "64696174650000001c0002000800010000000000100002000c0002000800010000000000"
};

TEST(NftBatch, FramedAsIptablesNftFramesIt)
{
    std::vector<net::Message> msgs;
    msgs.push_back(nft::table_message(NFT_MSG_NEWTABLE, NLM_F_CREATE, AF_INET, "nat"));
    auto bytes = nft::batch_bytes(1, msgs);
    // BATCH_BEGIN with NFNL_BATCH_GENID 1 (seq 1), NEWTABLE nat (seq 2),
    // BATCH_END (seq 3): what iptables-nft sent for the lab's first rule.
    EXPECT_EQ(hex(bytes), "1c000000100001000100000000000000" "0000000a0800010000000001"
                          "1c000000000a010402000000000000000200000008000100" "6e617400"
                          "14000000110001000300000000000000" "0000000a");
}

TEST(NftTransaction, MessagesAreReadAndRewrittenInPlace)
{
    // Enough rules that the buffer is moved by realloc several times.
    nft::Transaction t(7);
    std::vector<size_t> index;
    for (uint32_t i = 0; i < 2000; ++i) {
        nft::Rule r;
        r.table = "filter";
        r.chain = "INPUT";
        r.id = i + 1;
        r.exprs.push_back(nft::Counter{i, i});
        net::Message m = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET, r);
        index.push_back(t.add(m));
    }
    ASSERT_EQ(t.size(), 2000u);
    EXPECT_EQ(index[1999], 1999u);
    nft::Rule back = nft::parse_rule(t.message(1234));
    EXPECT_EQ(back.id, 1235u);
    EXPECT_EQ(back.chain, "INPUT");
    EXPECT_EQ(t.message(1234).seq(), 1236u); // BATCH_BEGIN is 1
    EXPECT_EQ(t.message(1234).flags(), NLM_F_REQUEST | NLM_F_CREATE | NLM_F_APPEND);

    back.exprs = {nft::Counter{0, 0}};
    net::Message same = nft::rule_message(NFT_MSG_NEWRULE, t.message(1234).flags(), AF_INET, back);
    t.replace(1234, same);
    nft::Rule zeroed = nft::parse_rule(t.message(1234));
    ASSERT_EQ(zeroed.exprs.size(), 1u);
    EXPECT_EQ(std::get<nft::Counter>(zeroed.exprs[0]).packets, 0u);
    EXPECT_EQ(t.message(1234).seq(), 1236u);
    EXPECT_EQ(nft::parse_rule(t.message(1235)).id, 1236u); // the next one untouched

    back.exprs.clear();
    net::Message shorter = nft::rule_message(NFT_MSG_NEWRULE, 0, AF_INET, back);
    EXPECT_THROW(t.replace(1234, shorter), std::logic_error);

    // BATCH_END once, however often the batch is asked for.
    size_t before = t.finish().size();
    EXPECT_EQ(t.finish().size(), before);
    EXPECT_EQ(t.finish().last_seq(), 2002u);
}

TEST(NftChain, BuiltinChainAsIptablesNftCreatesIt)
{
    nft::Chain c;
    c.table = "nat";
    c.name = "POSTROUTING";
    c.hook = nft::Hook{NF_INET_POST_ROUTING, 100};
    c.policy = NF_ACCEPT;
    c.type = "nat";
    net::Message m = nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, AF_INET, c);
    EXPECT_EQ(hex(m.bytes()), "50000000030a010400000000000000000200000008000100" "6e617400"
                              "10000300504f5354524f5554494e4700"
                              "140004800800010000000004080002000000006408000500000000010800070" "06e617400");
}

TEST(NftChain, ParsesRecordedKernelReply)
{
    auto bytes = unhex(replies[0]);
    auto msgs = net::split_messages(bytes);
    ASSERT_EQ(msgs.size(), 1u);
    nft::Chain c = nft::parse_chain(msgs[0]);
    EXPECT_EQ(c.table, "nat");
    EXPECT_EQ(c.name, "POSTROUTING");
    ASSERT_TRUE(c.hook);
    EXPECT_EQ(c.hook->num, unsigned(NF_INET_POST_ROUTING));
    EXPECT_EQ(c.hook->priority, 100);
    EXPECT_EQ(c.policy, unsigned(NF_ACCEPT));
    EXPECT_EQ(c.type, "nat");
    EXPECT_TRUE(c.handle.has_value());
}

TEST(NftRule, ParsesRecordedKernelReply)
{
    auto bytes = unhex(replies[2]);
    auto msgs = net::split_messages(bytes);
    ASSERT_EQ(msgs.size(), 1u);
    nft::Rule r = nft::parse_rule(msgs[0]);
    EXPECT_EQ(r.table, "nat");
    EXPECT_EQ(r.chain, "POSTROUTING");
    EXPECT_TRUE(r.handle.has_value());
    ASSERT_EQ(r.exprs.size(), 4u);
    EXPECT_EQ(std::get<nft::Payload>(r.exprs[0]), (nft::Payload{1, NFT_PAYLOAD_NETWORK_HEADER, 12, 3}));
    EXPECT_EQ(std::get<nft::Cmp>(r.exprs[1]), (nft::Cmp{1, NFT_CMP_EQ, {10, 0, 0}}));
    EXPECT_EQ(std::get<nft::Counter>(r.exprs[2]), (nft::Counter{}));
    const auto& t = std::get<nft::Target>(r.exprs[3]);
    EXPECT_EQ(t.name, "MASQUERADE");
    EXPECT_EQ(t.info.size(), 24u);

    // The FORWARD rule: meta, cmp, payload, bitwise, cmp, ports, counter, verdict.
    auto fwd = unhex(replies[3]);
    nft::Rule f = nft::parse_rule(net::split_messages(fwd).at(0));
    ASSERT_GE(f.exprs.size(), 5u);
    const auto& b = std::get<nft::Bitwise>(f.exprs[3]);
    EXPECT_EQ(b.mask, (nft::Data{0xff, 0xff, 0xff, 0x80}));
    EXPECT_TRUE(b.op.has_value()); // the kernel reports the bitwise op
    EXPECT_EQ(std::get<nft::Immediate>(f.exprs.back()).verdict, NF_DROP);
}

TEST(NftRule, TruncatedKernelReplyIsMalformed)
{
    for (const char* reply : replies) {
        auto bytes = unhex(reply);
        // Shorten the message and its header's length together, so that the
        // damage is inside the attributes, not just the framing.
        for (size_t keep : {size_t(24), size_t(40), bytes.size() - 8}) {
            std::vector<std::byte> part(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
            auto len = static_cast<uint32_t>(keep);
            std::memcpy(part.data(), &len, 4);
            EXPECT_THROW(
                {
                    for (const auto& m : net::split_messages(part)) {
                        nft::parse_rule(m);
                        nft::parse_chain(m);
                    }
                },
                net::Malformed)
                << "kept " << keep << " of " << bytes.size();
        }
    }
}

} // namespace
