// ping's command line: getopt behaviours users rely on ("-c3", "-nq",
// "ping HOST -c 3", "--"), iputils' value checks and messages, and the
// usage text generated from the option table.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "applets/ping/ping.hpp"

using nsbox::ping::CommandLine;
using nsbox::ping::parse_command_line;

namespace {

CommandLine parse(std::vector<std::string> args)
{
    args.insert(args.begin(), "ping");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return parse_command_line(int(args.size()), argv.data());
}

} // namespace

TEST(PingOptions, AttachedValueAndClusters)
{
    auto cl = parse({"-c3", "-nq", "host"});
    ASSERT_FALSE(cl.exit_code) << cl.err;
    EXPECT_EQ(cl.options.count, 3);
    EXPECT_TRUE(cl.options.numeric);
    EXPECT_TRUE(cl.options.quiet);
    EXPECT_EQ(cl.options.operands, std::vector<std::string>{"host"});

    auto cluster = parse({"-qc5", "host"});
    EXPECT_TRUE(cluster.options.quiet);
    EXPECT_EQ(cluster.options.count, 5);
}

TEST(PingOptions, OptionsAfterTheHost)
{
    auto cl = parse({"host", "-c", "3", "-i", "0.2"});
    ASSERT_FALSE(cl.exit_code) << cl.err;
    EXPECT_EQ(cl.options.count, 3);
    EXPECT_EQ(cl.options.interval_ms, 200);
    EXPECT_TRUE(cl.options.interval_given);
    EXPECT_EQ(cl.options.operands, std::vector<std::string>{"host"});
}

TEST(PingOptions, DoubleDashEndsOptions)
{
    auto cl = parse({"-c", "1", "--", "-n"});
    ASSERT_FALSE(cl.exit_code) << cl.err;
    EXPECT_FALSE(cl.options.numeric);
    EXPECT_EQ(cl.options.operands, std::vector<std::string>{"-n"});
}

TEST(PingOptions, LastValueWins)
{
    auto cl = parse({"-c", "3", "-c", "5", "-W", "0.5", "-w", "7", "-s", "0", "-t", "9", "h"});
    EXPECT_EQ(cl.options.count, 5);
    EXPECT_EQ(cl.options.linger_ms, 500);
    EXPECT_EQ(cl.options.deadline_s, 7);
    EXPECT_EQ(cl.options.datalen, 0);
    EXPECT_EQ(cl.options.ttl, 9);
}

TEST(PingOptions, GetoptErrors)
{
    auto bad = parse({"-z", "h"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err.substr(0, 43), "ping: invalid option -- 'z'\n\nUsage\n  ping [");

    auto missing = parse({"h", "-c"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(missing.err.starts_with("ping: option requires an argument -- 'c'\n\nUsage\n")) << missing.err;

    // ping uses getopt(3): a long option is the invalid option '-'.
    auto dashdash = parse({"--count", "3", "h"});
    EXPECT_EQ(dashdash.exit_code, 2);
    EXPECT_TRUE(dashdash.err.starts_with("ping: invalid option -- '-'\n")) << dashdash.err;

    auto help = parse({"-h"});
    EXPECT_EQ(help.exit_code, 2);
    EXPECT_TRUE(help.err.starts_with("\nUsage\n")) << help.err;
}

TEST(PingOptions, ValueErrors)
{
    auto zero = parse({"-c", "0", "h"});
    EXPECT_EQ(zero.exit_code, 1);
    EXPECT_EQ(zero.err, "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n");

    EXPECT_EQ(parse({"-c", "3x", "h"}).err, "ping: invalid argument: '3x'\n");
    EXPECT_EQ(parse({"-c", "99999999999999999999", "h"}).err,
              "ping: invalid argument: '99999999999999999999': Numerical result out of range\n");
    EXPECT_EQ(parse({"-t", "256", "h"}).err, "ping: invalid argument: '256': out of range: 0 <= value <= 255\n");
    EXPECT_EQ(parse({"-w", "1.5", "h"}).err, "ping: invalid argument: '1.5'\n");

    auto linger = parse({"-W", "-1", "h"});
    EXPECT_EQ(linger.exit_code, 2);
    EXPECT_EQ(linger.err, "ping: bad linger time: -1\n");

    auto empty = parse({"-i", "", "h"});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_EQ(empty.err, "ping: bad timing interval: \n");

    auto inf = parse({"-i", "1e999", "h"});
    EXPECT_EQ(inf.exit_code, 2);
    EXPECT_EQ(inf.err, "ping: option argument contains garbage: \n"
                       "ping: this will become fatal error in the future\n"
                       "ping: bad timing interval: 1e999: Numerical result out of range\n");

    EXPECT_EQ(parse({"-4", "-6", "h"}).err, "ping: only one -4 or -6 option may be specified\n");
    EXPECT_EQ(parse({"-M", "probe", "h"}).err, "ping: invalid -M argument: probe\n");
    EXPECT_EQ(parse({"-Q", "256", "h"}).err, "ping: the decimal value of TOS bits must be in range 0-255: 256\n");
}

TEST(PingOptions, GarbageIsOnlyAWarning)
{
    auto cl = parse({"-i", "abc", "h"});
    EXPECT_FALSE(cl.exit_code);
    EXPECT_EQ(cl.options.interval_ms, 0);
    EXPECT_EQ(cl.err, "ping: option argument contains garbage: abc\n"
                      "ping: this will become fatal error in the future\n");
}

TEST(PingOptions, NoDestination)
{
    auto cl = parse({"-c", "1"});
    EXPECT_EQ(cl.exit_code, 1);
    EXPECT_EQ(cl.err, "ping: usage error: Destination address required\n");
}

TEST(PingOptions, PatternAfterAllOptions)
{
    auto cl = parse({"-p", "abc", "h"});
    ASSERT_FALSE(cl.exit_code) << cl.err;
    EXPECT_EQ(cl.out, "PATTERN: 0xab0c\n");
    EXPECT_EQ(*cl.options.pattern, (std::vector<uint8_t>{0xab, 0x0c}));
    // -q anywhere on the line silences it.
    EXPECT_EQ(parse({"-p", "ff", "-q", "h"}).out, "");
    auto bad = parse({"-p", "12xyz", "h"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, "ping: patterns must be specified as hex digits: xyz\n");
    // Checked only once a destination is known.
    EXPECT_EQ(parse({"-p", "xyz"}).err, "ping: usage error: Destination address required\n");
}

TEST(PingOptions, SourceOrDevice)
{
    auto dev = parse({"-I", "veth0", "h"});
    EXPECT_EQ(dev.options.device, "veth0");
    EXPECT_FALSE(dev.options.source);
    auto addr = parse({"-I", "10.0.0.1", "h"});
    EXPECT_TRUE(addr.options.source);
    EXPECT_TRUE(addr.options.device.empty());
}

TEST(PingOptions, NodeInfoWords)
{
    auto cl = parse({"-N", "ipv6-global", "-N", "ipv6-linklocal", "h"});
    EXPECT_FALSE(cl.exit_code);
    EXPECT_EQ(cl.options.node_info.qtype, 3);
    EXPECT_EQ(cl.options.node_info.flags, 0x0028);
    EXPECT_TRUE(cl.options.node_info.given);
    auto subject = parse({"-N", "subject-ipv4=10.1.2.3", "h"});
    EXPECT_FALSE(subject.exit_code);
    EXPECT_FALSE(subject.options.node_info.enabled()); // a subject alone sends no query
    EXPECT_EQ(subject.options.node_info.subject, (std::vector<uint8_t>{10, 1, 2, 3}));
    auto conflict = parse({"-N", "name", "-N", "ipv4", "h"});
    EXPECT_EQ(conflict.exit_code, 2);
    EXPECT_EQ(conflict.out, "Qtype conflict\n");
    EXPECT_TRUE(conflict.err.starts_with("ping -6 -N <nodeinfo opt>\nHelp:\n"));
    auto help = parse({"-N", "help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_TRUE(help.out.ends_with("  subject-fqdn=name\n"));
    auto idn = parse({"-N", "subject-name=-x", "h"});
    EXPECT_EQ(idn.exit_code, 2);
    EXPECT_EQ(idn.err, "ping: IDN encoding error: string start/ends with forbidden hyphen\n");
}

TEST(PingOptions, FloodAdaptiveRecordRouteTimestamp)
{
    auto f = parse({"-f", "h"});
    EXPECT_FALSE(f.exit_code);
    EXPECT_TRUE(f.options.flood);
    EXPECT_TRUE(f.options.numeric); // -f never looks names up
    EXPECT_TRUE(parse({"-A", "h"}).options.adaptive);
    EXPECT_TRUE(parse({"-B", "h"}).options.strict_source);
    EXPECT_TRUE(parse({"-I", "10.0.0.1", "h"}).options.strict_source);
    EXPECT_TRUE(parse({"-R", "h"}).options.record_route);
    EXPECT_EQ(parse({"-T", "tsonly", "h"}).options.ts_type, 0);
    EXPECT_EQ(parse({"-T", "tsandaddr", "h"}).options.ts_type, 1);
    EXPECT_EQ(parse({"-T", "tsprespec", "h"}).options.ts_type, 3);
    EXPECT_EQ(parse({"-T", "x", "h"}).err, "ping: invalid timestamp type: x\n");
    EXPECT_EQ(parse({"-R", "-T", "tsonly", "h"}).err, "ping: only one of -T or -R may be used\n");
    EXPECT_EQ(parse({"-T", "tsonly", "-R", "h"}).exit_code, 2);
}

TEST(PingOptions, FlowLabel)
{
    EXPECT_EQ(parse({"-F", "0x12345", "h"}).options.flowlabel, 0x12345u);
    EXPECT_EQ(parse({"-F", "17", "h"}).options.flowlabel, 17u);
    EXPECT_EQ(parse({"-F", "1x", "h"}).err, "ping: bad value for flowinfo: 1x\n");
    EXPECT_EQ(parse({"-F", "0x100000", "h"}).err, "ping: flow value is greater than 20 bits: 0x100000\n");
    // A value past int wraps as iputils' does, and is still too large.
    EXPECT_EQ(parse({"-F", "4294967295", "h"}).err, "ping: flow value is greater than 20 bits: 4294967295\n");
}

TEST(PingOptions, UsageTextFromTheTable)
{
    std::string usage = parse({"-h"}).err;
    EXPECT_TRUE(usage.starts_with("\nUsage\n  ping [options] <destination>\n\nOptions:\n"
                                  "  <destination>      dns name or ip address\n"
                                  "  -a                 use audible ping\n"));
    EXPECT_NE(usage.find("  -c <count>         stop after <count> replies\n"), std::string::npos);
    EXPECT_NE(usage.find("  -e <identifier>    define identifier for ping session, default is random for\n"
                         "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
                         "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"),
              std::string::npos);
    EXPECT_NE(usage.find("\nIPv4 options:\n  -4                 use IPv4\n"), std::string::npos);
    EXPECT_NE(usage.find("  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"),
              std::string::npos);
    EXPECT_TRUE(usage.ends_with("\nFor more details see ping(8).\n"));
    // -r is accepted but, as in iputils, not listed.
    EXPECT_EQ(usage.find("  -r "), std::string::npos);
    EXPECT_TRUE(parse({"-r", "h"}).options.dont_route);
}

TEST(PingOptions, Ipv6SourceAndFamilyFromName)
{
    auto cl = parse({"-I", "fd00::1%veth0", "h"});
    ASSERT_FALSE(cl.exit_code) << cl.err;
    EXPECT_TRUE(cl.options.source6);
    EXPECT_EQ(cl.options.device, "veth0");
    auto bad = parse({"-I", "fd00::zz", "h"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, "ping: invalid source address: fd00::zz\n");

    std::vector<std::string> args{"ping6", "-4", "h"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    auto six = parse_command_line(3, argv.data());
    EXPECT_EQ(six.exit_code, 2);
    EXPECT_EQ(six.err, "ping6: only one -4 or -6 option may be specified\n");
}
