// Name lookup without NSS: inet_aton's numeric forms, hosts(5) with glibc's
// rules, nsswitch.conf's "hosts:" order, and whole lookups against a fake
// hosts file. Nothing here touches the network: the tests that let a lookup
// reach DNS run in a sandbox (tests/bats/ping_resolve.bats).

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "libnet/resolve.hpp"

namespace net = nsbox::net;

namespace {

std::string v4(std::string_view text)
{
    auto a = net::parse_ipv4_numeric(text);
    if (!a)
        return "none";
    return net::to_string(net::HostAddress::from_v4(*a));
}

std::string write_temp(const std::string& name, const std::string& text)
{
    std::string path = ::testing::TempDir() + "nsbox_resolve_" + std::to_string(getpid()) + "_" + name;
    std::ofstream(path) << text;
    return path;
}

const char* hosts_text = "# comment line\n"
                         "127.0.0.1\tlocalhost\n"
                         "10.0.0.3   green green.lab   # trailing comment\n"
                         "  10.0.0.1 bridge\n"
                         "10.0.0.9 ghost\n"
                         "10.0.0.9 ghost2 GHOST3\n"
                         "10.0.0.7 green\n"
                         "fd00::3 green6 green\n"
                         "not-an-address foo\n"
                         "10.0.0.8\n"
                         "\n";

} // namespace

TEST(ResolveNumeric, InetAtonForms)
{
    EXPECT_EQ(v4("10.0.0.3"), "10.0.0.3");
    EXPECT_EQ(v4("10.3"), "10.0.0.3");
    EXPECT_EQ(v4("10.0.3"), "10.0.0.3");
    EXPECT_EQ(v4("10.0.65535"), "10.0.255.255");
    EXPECT_EQ(v4("167772163"), "10.0.0.3");
    EXPECT_EQ(v4("0x0a000003"), "10.0.0.3");
    EXPECT_EQ(v4("0X0A.0.0.3"), "10.0.0.3");
    EXPECT_EQ(v4("010.0.0.03"), "8.0.0.3");
    EXPECT_EQ(v4("0"), "0.0.0.0");
    EXPECT_EQ(v4("4294967295"), "255.255.255.255");
}

TEST(ResolveNumeric, NotNumeric)
{
    for (const char* s : {"", "10.0.0.256", "10.0.65536", "4294967296", "1.2.3.4.5", "10.0.0.3 ", " 10.0.0.3",
                          "10..3", "10.", ".10", "08", "0x", "0xg", "-1", "+1", "green", "10.0.0.3x", "1e3"})
        EXPECT_EQ(v4(s), "none") << '"' << s << '"';
}

TEST(ResolveNumeric, Ipv6)
{
    EXPECT_TRUE(net::parse_ipv6_numeric("fd00::3"));
    EXPECT_TRUE(net::parse_ipv6_numeric("::1"));
    EXPECT_FALSE(net::parse_ipv6_numeric("fd00::3%eth0"));
    EXPECT_FALSE(net::parse_ipv6_numeric("10.0.0.3"));
    EXPECT_FALSE(net::parse_ipv6_numeric(""));
}

TEST(ResolveHosts, ParsesLines)
{
    auto hosts = net::parse_hosts(hosts_text);
    ASSERT_EQ(hosts.size(), 7u); // bad address and address-only lines skipped
    EXPECT_EQ(net::to_string(hosts[1].address), "10.0.0.3");
    EXPECT_EQ(hosts[1].canonical, "green");
    EXPECT_EQ(hosts[1].aliases, std::vector<std::string>{"green.lab"});
    EXPECT_EQ(hosts[2].canonical, "bridge");
    EXPECT_EQ(hosts[6].address.family, AF_INET6);
}

TEST(ResolveHosts, ForwardLookups)
{
    auto hosts = net::parse_hosts(hosts_text);
    // An alias finds the line; the canonical name is its first name.
    auto r = net::lookup_hosts(hosts, "green.lab", AF_UNSPEC);
    ASSERT_EQ(r.status, net::LookupStatus::ok);
    EXPECT_EQ(r.canonical, "green");
    ASSERT_EQ(r.addresses.size(), 1u);
    EXPECT_EQ(net::to_string(r.addresses[0]), "10.0.0.3");

    // Every line naming it contributes, in file order; the canonical name
    // comes from the first.
    auto all = net::lookup_hosts(hosts, "green", AF_UNSPEC);
    ASSERT_EQ(all.addresses.size(), 3u);
    EXPECT_EQ(net::to_string(all.addresses[1]), "10.0.0.7");
    EXPECT_EQ(net::to_string(all.addresses[2]), "fd00::3");
    EXPECT_EQ(all.canonical, "green");
    EXPECT_EQ(net::lookup_hosts(hosts, "green", AF_INET).addresses.size(), 2u);

    // Names compare without case.
    auto upper = net::lookup_hosts(hosts, "ghost3", AF_INET);
    EXPECT_EQ(upper.status, net::LookupStatus::ok);
    EXPECT_EQ(upper.canonical, "ghost2");

    EXPECT_EQ(net::lookup_hosts(hosts, "green6", AF_INET).status, net::LookupStatus::no_data);
    EXPECT_EQ(net::lookup_hosts(hosts, "nosuchhost", AF_UNSPEC).status, net::LookupStatus::not_found);
    EXPECT_EQ(net::lookup_hosts(hosts, "foo", AF_UNSPEC).status, net::LookupStatus::not_found);
}

TEST(ResolveHosts, ReverseLookups)
{
    auto hosts = net::parse_hosts(hosts_text);
    auto addr = [](const char* s) { return net::HostAddress::from_v4(*net::parse_ipv4_numeric(s)); };
    auto r = net::reverse_hosts(hosts, addr("10.0.0.9"));
    EXPECT_EQ(r.status, net::LookupStatus::ok);
    EXPECT_EQ(r.name, "ghost"); // the first line with the address
    EXPECT_EQ(net::reverse_hosts(hosts, addr("10.0.0.1")).name, "bridge");
    EXPECT_EQ(net::reverse_hosts(hosts, addr("10.0.0.2")).status, net::LookupStatus::not_found);
}

TEST(ResolveNsswitch, HostsLine)
{
    using S = net::HostsSource;
    EXPECT_EQ(net::parse_nsswitch_hosts("passwd: files\nhosts:          files dns\n"), (std::vector<S>{S::files, S::dns}));
    EXPECT_EQ(net::parse_nsswitch_hosts("hosts: files mdns4_minimal [NOTFOUND=return] dns myhostname\n"),
              (std::vector<S>{S::files, S::dns}));
    EXPECT_EQ(net::parse_nsswitch_hosts("hosts: dns [ !UNAVAIL=return ] files"), (std::vector<S>{S::dns, S::files}));
    EXPECT_EQ(net::parse_nsswitch_hosts("hosts:files"), (std::vector<S>{S::files}));
    EXPECT_EQ(net::parse_nsswitch_hosts("# hosts: dns\nhosts: files # dns\n"), (std::vector<S>{S::files}));
    EXPECT_TRUE(net::parse_nsswitch_hosts("passwd: files\n").empty());
    EXPECT_TRUE(net::parse_nsswitch_hosts("hostsfoo: files\n").empty());
}

TEST(ResolveLookup, FakeHostsFileOnly)
{
    net::ResolverConfig cfg;
    cfg.hosts_path = write_temp("hosts", hosts_text);
    cfg.nsswitch_path = write_temp("nsswitch", "hosts: files\n");
    cfg.resolv_conf_path = "/nonexistent/resolv.conf";

    auto r = net::resolve_host("green.lab", AF_UNSPEC, cfg);
    ASSERT_EQ(r.status, net::LookupStatus::ok);
    EXPECT_EQ(r.canonical, "green");
    EXPECT_EQ(net::resolve_host("nosuchhost", AF_UNSPEC, cfg).status, net::LookupStatus::not_found);

    auto rev = net::reverse_lookup(net::HostAddress::from_v4(*net::parse_ipv4_numeric("10.0.0.1")), cfg);
    EXPECT_EQ(rev.status, net::LookupStatus::ok);
    EXPECT_EQ(rev.name, "bridge");
    EXPECT_EQ(net::reverse_lookup(net::HostAddress::from_v4(*net::parse_ipv4_numeric("10.9.9.9")), cfg).status,
              net::LookupStatus::not_found);

    std::remove(cfg.hosts_path.c_str());
    // A missing hosts file answers nothing.
    cfg.hosts_path = "/nonexistent/hosts";
    EXPECT_EQ(net::resolve_host("green", AF_UNSPEC, cfg).status, net::LookupStatus::not_found);
    std::remove(cfg.nsswitch_path.c_str());
}

TEST(ResolveLookup, NumericNeverAsksASource)
{
    // Sources that would fail loudly if asked: nothing is read.
    net::ResolverConfig cfg;
    cfg.hosts_path = "/nonexistent/hosts";
    cfg.nsswitch_path = "/nonexistent/nsswitch.conf";
    cfg.resolv_conf_path = "/nonexistent/resolv.conf";
    auto r = net::resolve_host("10.3", AF_UNSPEC, cfg);
    ASSERT_EQ(r.status, net::LookupStatus::ok);
    EXPECT_EQ(r.canonical, "10.3");
    EXPECT_EQ(net::to_string(r.addresses.at(0)), "10.0.0.3");
    auto six = net::resolve_host("fd00::1", AF_UNSPEC, cfg);
    ASSERT_EQ(six.status, net::LookupStatus::ok);
    EXPECT_EQ(six.addresses.at(0).family, AF_INET6);
    // An IPv4 literal is not an IPv6 name.
    std::string nss = write_temp("nss6", "hosts: files\n");
    EXPECT_NE(net::resolve_host("10.0.0.3", AF_INET6, net::ResolverConfig{"/nonexistent/h", "/nonexistent/r", nss})
                  .status,
              net::LookupStatus::ok);
    std::remove(nss.c_str());
}

namespace {

net::Destination dest(const char* d, const char* s)
{
    auto addr = [](const char* t) {
        if (auto v4 = net::parse_ipv4_numeric(t))
            return net::HostAddress::from_v4(*v4);
        return net::HostAddress::from_v6(*net::parse_ipv6_numeric(t));
    };
    net::Destination r{addr(d), std::nullopt};
    if (s)
        r.source = addr(s);
    return r;
}

std::vector<std::string> order(std::vector<net::Destination> d)
{
    net::sort_destinations(d);
    std::vector<std::string> out;
    for (const auto& x : d)
        out.push_back(net::to_string(x.address));
    return out;
}

} // namespace

TEST(ResolveOrder, GlibcDefaultPolicy)
{
    using V = std::vector<std::string>;
    // ::1 (precedence 50) before IPv4 (10).
    EXPECT_EQ(order({dest("127.0.0.1", "127.0.0.1"), dest("::1", "::1")}), (V{"::1", "127.0.0.1"}));
    // Rule 1: a destination without a route goes last.
    EXPECT_EQ(order({dest("fd00::3", nullptr), dest("10.0.0.3", "10.0.0.1")}), (V{"10.0.0.3", "fd00::3"}));
    // With routes, IPv6 (40 under RFC 3484's table) before IPv4.
    EXPECT_EQ(order({dest("10.0.0.3", "10.0.0.1"), dest("fd00::3", "fd00::1")}), (V{"fd00::3", "10.0.0.3"}));
    // Rule 2: a global destination from a link-local source loses.
    EXPECT_EQ(order({dest("2001:db8::1", "fe80::1"), dest("10.0.0.3", "10.0.0.1")}), (V{"10.0.0.3", "2001:db8::1"}));
    // Rule 5 before rule 6: a label mismatch loses despite precedence.
    EXPECT_EQ(order({dest("2001:db8::1", "fd00::1"), dest("10.0.0.3", "10.0.0.1")}), (V{"10.0.0.3", "2001:db8::1"}));
    // Rule 10: otherwise the order given.
    EXPECT_EQ(order({dest("10.0.0.3", "10.0.0.1"), dest("10.0.0.4", "10.0.0.1")}), (V{"10.0.0.3", "10.0.0.4"}));
}
