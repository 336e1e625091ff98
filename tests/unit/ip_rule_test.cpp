// ip rule's parser and printer: requests against the bytes iproute2 6.1
// sends for the same command lines (captured with `strace -e
// trace=sendmsg -e write=3` in a sandbox; sequence numbers zeroed, the
// socket's NLM_F_REQUEST|NLM_F_ACK ORed in by hand), and the printer and
// selectors on a recorded dump against what iproute2 printed for it.

#include <gtest/gtest.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "tests/unit/memstream.hpp"
#include "tests/unit/rtnl_rule_dump.hpp"
#include "applets/ip/rule.hpp"
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

// What nsbox sends for `ip [-6] rule add|del WORDS`.
std::string request(std::vector<std::string> words, int family = AF_UNSPEC)
{
    const bool add = words.front() == "add";
    words.erase(words.begin());
    ip::Options opt;
    opt.family = family;
    ip::Context c(opt);
    ip::RtNames names("/nonexistent/iproute2");
    cli::Args a(std::move(words));
    const uint16_t cmd = add ? RTM_NEWRULE : RTM_DELRULE;
    Rule r = ip::rule::modify_request(c, names, a, cmd);
    Message m = encode(cmd, add ? NLM_F_CREATE | NLM_F_EXCL : 0, r);
    return bytes_of(m, NLM_F_REQUEST | NLM_F_ACK);
}

std::vector<std::string> words(std::string_view s)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find(' ', i);
        if (j == std::string_view::npos)
            j = s.size();
        if (j > i)
            out.emplace_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

struct Captured {
    const char* hex;
    const char* cmd; // after "ip [-6|-4] rule"
    int family;
};

// iproute2 6.1's requests (v1, v2: a veth pair; names are sent as strings).
const Captured captured[] = {
    {"24000000200005060000000000000000020018006400000100000000080002000a000000",
     "add from 10.0.0.0/24 table 100", AF_UNSPEC},
    {"2400000020000506000000000000000002000000640000010000000008000a0001000000",
     "add fwmark 1 lookup 100", AF_UNSPEC},
    {"640000002000050600000000000000000a404000000000010000000014000200fd00000000000000000000000000000014000100fd01000000000000000000000000000007000300763100000700110076320000080006006400000008000f00e8030000",
     "add from fd00::/64 to fd01::/64 iif v1 oif v2 pref 100 table 1000", AF_INET6},
    {"3c00000020000506000000000000000002000010000000020200000008000a001000000008001000ff00000008000600c800000008000400fe7f0000",
     "add not fwmark 0x10/0xff tos 0x10 pref 200 goto 32766", AF_UNSPEC},
    {"6000000020000506000000000000000002000000fe000001000000000c00140064000000c8000000050016000600000008001700e803d0070800180050005000050015000400000008000b000200010008000e000000000008000d0005000000",
     "add uidrange 100-200 ipproto tcp sport 1000-2000 dport 80 protocol static realms 1/2 suppress_prefixlength 0 suppress_ifgroup 5 table main", AF_UNSPEC},
    {"380000002000050600000000000000000200000000000001000000000c000c0000000000000000050500130001000000080006002c010000",
     "add tun_id 5 l3mdev pref 300", AF_UNSPEC},
    {"240000002100050000000000000000000200000000000000000000000800060064000000",
     "del pref 100", AF_UNSPEC},
    {"240000002000050600000000000000000200000000000007000000000800060090010000",
     "add unreachable pref 400", AF_UNSPEC},
    {"240000002000050600000000000000000200000000000003000000000800060091010000",
     "add nop pref 401", AF_UNSPEC},
    {"2c000000200005060000000000000000022000000000000600000000080001000a0102030800060092010000",
     "add type blackhole to 10.1.2.3 pref 402", AF_UNSPEC},
    {"2c000000200005060000000000000000020010000000000800000000080002000a02000008000b0007000000",
     "add prohibit from 10.2.0.0/16 realms 7", AF_UNSPEC},
    {"28000000200005060000000000000000020000000500000a0000000004000200080005000a090909",
     "add from all table 5 nat 10.9.9.9", AF_UNSPEC},
    {"240000002000050600000000000000000200000007000001000000000400020004000100",
     "add from default to all lookup 7", AF_UNSPEC},
    {"28000000200005060000000000000000020000000700000100000000080002000000000004000100",
     "add from default to all lookup 7", AF_INET},
};

std::vector<Rule> dumped()
{
    static const std::vector<std::byte> bytes = unhex(nsbox::testdata::rule_dump_hex);
    return decode_rules(bytes);
}

// Prints `rules` as `ip [opt] rule` does.
std::string show(const ip::Options& opt, const std::vector<Rule>& rules, const ip::rule::Filter& f = {})
{
    nsbox_test::MemStream mem;
    {
        ip::Context c(opt, mem.file());
        ip::RtNames names("/nonexistent/iproute2");
        auto doc = c.out.document();
        for (const Rule& r : rules)
            if (ip::rule::filter_match(f, r, opt.family))
                ip::rule::print_rule(c, names, r);
        doc.close();
        c.out.flush();
    }
    return mem.take();
}

ip::rule::Filter selector(std::string_view s)
{
    ip::Options opt;
    ip::Context c(opt);
    ip::RtNames names("/nonexistent/iproute2");
    cli::Args a(words(s));
    return ip::rule::parse_filter(c, names, a);
}

} // namespace

TEST(IpRuleRequest, MatchesIproute2Requests)
{
    for (const Captured& k : captured) {
        SCOPED_TRACE(k.cmd);
        EXPECT_EQ(to_hex(request(words(k.cmd), k.family)), to_hex(hex(k.hex)));
    }
}

TEST(IpRulePrint, TextAsIproute2)
{
    ip::Options opt;
    EXPECT_EQ(show(opt, dumped()),
              "0:\tfrom all lookup local\n"
              "199:\tfrom all uidrange 100-200 ipproto tcp sport 1000-2000 dport 80 lookup 1000 "
              "suppress_prefixlength 0 realms 1/2 proto static\n"
              "200:\tnot from all fwmark 0x10/0xff iif lo goto 32766\n"
              "400:\tfrom all to 10.1.2.3 unreachable\n"
              "32765:\tfrom 10.0.0.0/24 lookup 100\n"
              "32766:\tfrom all lookup main\n"
              "32767:\tfrom all lookup default\n");
}

TEST(IpRulePrint, DetailsShowProtocol)
{
    ip::Options opt;
    opt.details = 1;
    EXPECT_EQ(show(opt, dumped()),
              "0:\tfrom all lookup local proto kernel\n"
              "199:\tfrom all uidrange 100-200 ipproto tcp sport 1000-2000 dport 80 lookup 1000 "
              "suppress_prefixlength 0 realms 1/2 proto static\n"
              "200:\tnot from all fwmark 0x10/0xff iif lo goto 32766 proto unspec\n"
              "400:\tfrom all to 10.1.2.3 unreachable proto unspec\n"
              "32765:\tfrom 10.0.0.0/24 lookup 100 proto unspec\n"
              "32766:\tfrom all lookup main proto kernel\n"
              "32767:\tfrom all lookup default proto kernel\n");
}

TEST(IpRulePrint, JsonAsIproute2)
{
    ip::Options opt;
    opt.json = 1;
    EXPECT_EQ(show(opt, dumped()),
              R"([{"priority":0,"src":"all","table":"local"},{"priority":199,"src":"all","uid_start":100,)"
              R"("uid_end":200,"ipproto":"tcp","sport_start":1000,"sport_end":2000,"dport":80,"table":"1000",)"
              R"("suppress_prefixlen":0,"flow_from":"1","flow_to":"2","protocol":"static"},{"priority":200,)"
              R"("not":null,"src":"all","fwmark":"0x10","fwmask":"0xff","iif":"lo","goto":32766},)"
              R"({"priority":400,"src":"all","dst":"10.1.2.3","action":"unreachable"},{"priority":32765,)"
              R"("src":"10.0.0.0","srclen":24,"table":"100"},{"priority":32766,"src":"all","table":"main"},)"
              R"({"priority":32767,"src":"all","table":"default"}])"
              "\n");
}

TEST(IpRulePrint, Selectors)
{
    ip::Options opt;
    EXPECT_EQ(show(opt, dumped(), selector("pref 200")),
              "200:\tnot from all fwmark 0x10/0xff iif lo goto 32766\n");
    EXPECT_EQ(show(opt, dumped(), selector("from 10.0.0.0/16")), "32765:\tfrom 10.0.0.0/24 lookup 100\n");
    EXPECT_EQ(show(opt, dumped(), selector("from 10.0.0.0/25")), "");
    EXPECT_EQ(show(opt, dumped(), selector("to 10.1.0.0/16")), "400:\tfrom all to 10.1.2.3 unreachable\n");
    EXPECT_EQ(show(opt, dumped(), selector("table 1000")).substr(0, 5), "199:\t");
    EXPECT_EQ(show(opt, dumped(), selector("lookup main")), "32766:\tfrom all lookup main\n");
    EXPECT_EQ(show(opt, dumped(), selector("not iif lo")).substr(0, 5), "200:\t");
    EXPECT_EQ(show(opt, dumped(), selector("fwmark 0x10/0xfe")), "");
    EXPECT_EQ(show(opt, dumped(), selector("sport 1000-2000 dport 80 uidrange 100-200 ipproto 6")).substr(0, 5),
              "199:\t");
    EXPECT_EQ(show(opt, dumped(), selector("sport 1000")), "");
}
