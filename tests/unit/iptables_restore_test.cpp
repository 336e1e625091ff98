// iptables-restore's parser without the kernel: what it keeps of a file and
// how it refuses one (texts and exit codes checked against
// iptables-nft-restore 1.8.9 in tests/bats/iptables_save.bats).

#include <gtest/gtest.h>

#include "applets/iptables/restore.hpp"

namespace nsbox::iptables {
namespace {

RestoreInput parse(std::string_view text, bool counters = false, const std::string& only = "")
{
    return parse_restore(text, "iptables-restore", counters, only);
}

TEST(IptablesRestore, BlocksChainsRulesAndCounters)
{
    auto in = parse("# c\n\n*filter\n:INPUT DROP [5:6]\n:u - [0:0]\n[7:8] -A u -s 1.2.3.4 -j ACCEPT\n"
                    "-I INPUT -j u\n-N v\nCOMMIT\n*nat\nCOMMIT\n",
                    true);
    ASSERT_EQ(in.code, 0) << in.error;
    ASSERT_EQ(in.blocks.size(), 2u);
    const RestoreTable& f = in.blocks[0];
    EXPECT_STREQ(f.table->name, "filter");
    EXPECT_EQ(f.line, 3u);
    EXPECT_EQ(f.commit_line, 9u);
    ASSERT_EQ(f.chains.size(), 2u);
    EXPECT_EQ(f.chains[0].name, "INPUT");
    EXPECT_EQ(f.chains[0].policy, "DROP");
    EXPECT_EQ(f.chains[0].packets, 5u);
    EXPECT_EQ(f.chains[0].bytes, 6u);
    EXPECT_EQ(f.chains[1].policy, "-");
    ASSERT_EQ(f.rules.size(), 3u);
    EXPECT_EQ(f.rules[0].cmd.cmd, Cmd::Append);
    EXPECT_EQ(f.rules[0].cmd.chain, "u");
    EXPECT_EQ(f.rules[0].cmd.rule.packets, 7u);
    EXPECT_EQ(f.rules[0].cmd.rule.bytes, 8u);
    EXPECT_EQ(f.rules[0].line, 6u);
    EXPECT_EQ(f.rules[1].cmd.cmd, Cmd::Insert);
    EXPECT_EQ(f.rules[2].cmd.cmd, Cmd::NewChain);
    EXPECT_STREQ(in.blocks[1].table->name, "nat");
}

TEST(IptablesRestore, CountersOnlyWithDashC)
{
    auto in = parse("*filter\n[7:8] -A INPUT -j ACCEPT\nCOMMIT\n");
    ASSERT_EQ(in.code, 0);
    EXPECT_EQ(in.blocks[0].rules[0].cmd.rule.packets, 0u);
}

TEST(IptablesRestore, OnlyTableKeepsOneBlockButParsesAll)
{
    auto in = parse("*filter\nCOMMIT\n*nat\nCOMMIT\n", false, "nat");
    ASSERT_EQ(in.blocks.size(), 1u);
    EXPECT_STREQ(in.blocks[0].table->name, "nat");
    EXPECT_EQ(parse("*filter\n-A INPUT --foo\nCOMMIT\n*nat\nCOMMIT\n", false, "nat").code, 2);
}

TEST(IptablesRestore, Refusals)
{
    auto usage = [](std::string msg, unsigned line) {
        return "iptables-restore v1.8.9 (nf_tables): " + msg + "\nError occurred at line: " + std::to_string(line) +
               "\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.\n";
    };
    struct Case {
        std::string_view text;
        std::string error;
        int code;
    } cases[] = {
        {"*filter\n-A INPUT -j ACCEPT\n", "iptables-restore: COMMIT expected at line 3\n", 1},
        {"-A INPUT\n", "iptables-restore: line 1 failed\n", 1},
        {"*bogus\nCOMMIT\n", usage("iptables-restore: line 1 table name 'bogus' invalid", 1), 2},
        {"*filter\n:INPUT FOO [0:0]\nCOMMIT\n", "iptables-restore: line 2 failed: Bad policy name.\n", 1},
        {"*filter\n:u ACCEPT\nCOMMIT\n", "iptables-restore: line 2 failed: Bad built-in chain name.\n", 1},
        {"*filter\n:u\nCOMMIT\n", usage("iptables-restore: line 2 policy invalid", 2), 2},
        {"*filter\n:-x - [0:0]\nCOMMIT\n", usage("chain name not allowed to start with `-'", 2), 2},
        {"*filter\n:abcdefghijabcdefghijabcdefghij - [0:0]\nCOMMIT\n",
         usage("chain name `abcdefghijabcdefghijabcdefghij' too long (must be under 29 chars)", 2), 2},
        {"*filter\n-N LOG\nCOMMIT\n", usage("chain name may not clash with target name", 2), 2},
        {"*filter\n-A INPUT -j \"a b\"\nCOMMIT\n", usage("Invalid target name `a b'", 2), 2},
        {"*filter\n[1:x] -A INPUT\nCOMMIT\n", usage("Bad counter", 2), 2},
    };
    for (const Case& c : cases) {
        auto in = parse(c.text);
        EXPECT_EQ(in.error, c.error) << c.text;
        EXPECT_EQ(in.code, c.code) << c.text;
        EXPECT_TRUE(in.blocks.empty()) << c.text;
    }
}

TEST(IptablesRestore, SplitWords)
{
    EXPECT_EQ(split_words(" -A  x \"a \\\"b\\\" c\" \"\" y"),
              (std::vector<std::string>{"-A", "x", "a \"b\" c", "", "y"}));
}

} // namespace
} // namespace nsbox::iptables
