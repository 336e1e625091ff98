// iptables-restore's parser without the kernel: what it keeps of a file and
// how it refuses one (texts and exit codes checked against
// iptables-nft-restore 1.8.9 in tests/bats/iptables_save.bats).

#include <gtest/gtest.h>

#include "applets/iptables/ext.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/words.hpp"
#include "applets/iptables/restore.hpp"
#include "tests/unit/iptables_util.hpp"

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


// parse_command_line splits a plain line with one lookup a word (restore
// speed) instead of walking getopt's growing table; both ways must give the
// same command or the same refusal, for plain lines and for every form the
// fast split leaves to the walk (names another extension's option extends
// among them: "--dport" after "-m multiport" is its --dports).
std::string outcome(const std::string& line, bool fast)
{
    std::vector<std::string> args = {"iptables"};
    for (auto& w : split_words(line))
        args.push_back(w);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    try {
        Command c = parse_command_line(static_cast<int>(args.size()), argv.data(), fast);
        std::string out = std::to_string(static_cast<int>(c.cmd)) + " " + c.table + " " + c.chain + " " +
                          std::to_string(c.rulenum.value_or(0)) + " " + c.policy + " " + c.new_name + " " + c.jump +
                          " " + std::to_string(c.numeric) + std::to_string(c.verbose) + std::to_string(c.exact) +
                          std::to_string(c.line_numbers) + std::to_string(c.zero) + "|" + c.warnings + "|";
        save_rule(out, c.chain, c.rule, true);
        return out;
    } catch (const UsageError& e) {
        return std::string("error: ") + e.what() + (e.bare ? " (bare)" : "");
    }
}

TEST(IptablesCommandLine, PlainSplitAgreesWithTheWalk)
{
    const char* lines[] = {
        "-A INPUT -s 10.0.0.1/32 -p tcp --dport 22 -j ACCEPT",
        "-A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 22 -j DROP",
        "-I INPUT 2 -i eth0 -j ACCEPT",
        "-I INPUT -o eth+ -j REJECT --reject-with icmp-host-prohibited",
        "-N FOO",
        "-A FOO -m comment --comment \"a b\" -j RETURN",
        "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
        "-A INPUT -m recent --set --name x --mask 255.255.255.0 --rsource",
        "-A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name h -j ACCEPT",
        "-A INPUT -m physdev --physdev-in eth0 --physdev-is-bridged",
        "-A INPUT -p tcp --tcp-option 2 -f -j LOG --log-prefix \"x \"",
        "-t mangle -A POSTROUTING -j CLASSIFY --set-class 1:2",
        "-t nat -A POSTROUTING -o eth0 -j MASQUERADE --random",
        "-A INPUT -p tcp --syn --sport 1:1024 -j ACCEPT",
        "-A INPUT -p 6 -j ACCEPT",
        "-A INPUT ! ! -s 1.2.3.4",
        "-A INPUT -s",
        "-A INPUT -s -d 1.2.3.4",
        "-A INPUT --dport 22",
        "-A INPUT -p tcp --dp 22",
        "-A INPUT -p tcp --dport=22",
        "-A INPUT -ptcp -j ACCEPT",
        "-nvL INPUT",
        "-L INPUT 1",
        "-S",
        "-F INPUT",
        "-A INPUT -- -s 1.2.3.4",
        "-A INPUT - -j ACCEPT",
        "-A INPUT bogus",
        "-A INPUT --set",
        "-A INPUT --name x",
        "-A INPUT -m recent --set --set",
        "-A INPUT -m mark --mark 1 -m mark --mark 2",
        "-A INPUT -c 1 2 -j ACCEPT",
        "-P INPUT DROP",
        "-E A B",
        "-X",
        "-A INPUT -j",
        "-A INPUT -j \"\"",
        "-A INPUT -i \"\" -j ACCEPT",
        "-A INPUT -p tcp -m multiport --dport 80,443",
        "-A INPUT -p udp -m multiport --sport 53",
        "-A INPUT -m multiport -p tcp --dports 1 --dport 2",
        "-A INPUT -p tcp --dport 1 -m multiport --dports 2",
        "-A INPUT -m recent --set --name x",
        // --set is recent's flag and set's "--set NAME DIRS": the word after
        // it is recent's next option, never --set's argument
        "-A INPUT -m recent --set ! --name x",
        "-A INPUT -m recent --set ! --rsource",
        "-A INPUT -m set --set foo src -m recent --set",
        "-A INPUT --set 1 2 -m recent --set",
        "-A INPUT -m limit --limit 1/s -m addrtype --src-type LOCAL",
        "-A INPUT -m addrtype --limit-iface-in --src-type LOCAL -m limit --limit 1/s",
        "-A INPUT -m mark --mark 1 -m connmark --mark 2",
        "-t nat -A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4 --random",
        "-A INPUT -m comment --comment -x",
        "-A INPUT -c 1 -2",
        "-A INPUT --so 1.2.3.4 -p tcp --sp 1",
        "-A INPUT -p tcp --dport 1 --so 1.2.3.4",
    };
    for (const char* line : lines)
        EXPECT_EQ(outcome(line, true), outcome(line, false)) << line;
}

// One command line scans the tables for "only a table extension declares
// this option"; a restore asks a hashed set built from them. Both answer
// alike for every name an extension declares and for builtin and unknown
// names.
TEST(IptablesCommandLine, ExtensionOptionScanAgreesWithTheSet)
{
    std::vector<std::string> names = {"dport", "sport", "source-port", "comment", "ctstate", "mark", "limit",
                                      "log-prefix", "to-ports", "reject-with", "source", "src", "jump", "set",
                                      "name", "match-set", "d", "", "nonesuch", "dports", "icmpv6-type"};
    for (const auto& e : ext::all())
        for (const auto& o : e.options)
            names.emplace_back(o.name);
    unsigned only_ext = 0;
    for (const auto& n : names) {
        EXPECT_EQ(words::table_extension_option(n, true), words::table_extension_option(n, false)) << n;
        only_ext += words::table_extension_option(n, false);
    }
    EXPECT_GT(only_ext, 20u);
    EXPECT_FALSE(words::table_extension_option("dport", false));
    EXPECT_TRUE(words::table_extension_option("match-set", false));
}

// "-s A,B -d C,D" stands for one rule per source and destination, sources
// outermost, each with its own mask; a single address leaves the lists empty.
TEST(IptablesCommandLine, AddressListsExpandSourcesOutermost)
{
    Command one = nsbox_test::parse({"-A", "INPUT", "-s", "10.0.0.1", "-j", "ACCEPT"});
    EXPECT_TRUE(one.srcs.empty() && one.dsts.empty());
    Command c = nsbox_test::parse({"-A", "INPUT", "-s", "10.0.0.1,10.0.0.9/24", "-d", "1.1.1.1,2.2.2.2", "-j", "DROP"});
    std::string saved;
    for_each_rule(c, [&](const Rule& r) {
        save_rule(saved, "INPUT", r, false);
        return true;
    });
    EXPECT_EQ(saved, "-A INPUT -s 10.0.0.1/32 -d 1.1.1.1/32 -j DROP\n"
                     "-A INPUT -s 10.0.0.1/32 -d 2.2.2.2/32 -j DROP\n"
                     "-A INPUT -s 10.0.0.0/24 -d 1.1.1.1/32 -j DROP\n"
                     "-A INPUT -s 10.0.0.0/24 -d 2.2.2.2/32 -j DROP\n");
    int seen = 0;
    EXPECT_FALSE(for_each_rule(c, [&](const Rule&) { return ++seen < 2; }));
    EXPECT_EQ(seen, 2);
    EXPECT_THROW(nsbox_test::parse({"-R", "INPUT", "1", "-s", "1.1.1.1,2.2.2.2"}), UsageError);
    EXPECT_THROW(nsbox_test::parse({"-A", "INPUT", "!", "-d", "1.1.1.1,2.2.2.2"}), UsageError);
    EXPECT_THROW(nsbox_test::parse({"-A", "INPUT", "-s", "1.1.1.1,"}), UsageError);
}

} // namespace
} // namespace nsbox::iptables
