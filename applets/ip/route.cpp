// ip route: the verbs, and add, change, replace, prepend, append, test,
// del (iproute2's do_iproute and iproute_modify). Show, flush and save are
// in route_list.cpp, the printer in route_show.cpp, get in route_get.cpp.

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <strings.h>

#include <fmt/format.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>

#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip::route {

namespace {

using net::rtnl::Route;

constexpr std::string_view usage_text =
    "Usage: ip route { list | flush } SELECTOR\n"
    "       ip route save SELECTOR\n"
    "       ip route restore\n"
    "       ip route showdump\n"
    "       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
    "                            [ from ADDRESS iif STRING ]\n"
    "                            [ oif STRING ] [ tos TOS ]\n"
    "                            [ mark NUMBER ] [ vrf NAME ]\n"
    "                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
    "                            [ sport NUMBER ] [ dport NUMBER ]\n"
    "       ip route { add | del | change | append | replace } ROUTE\n"
    "SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
    "            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
    "            [ type TYPE ] [ scope SCOPE ]\n"
    "ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
    "NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
    "             [ table TABLE_ID ] [ proto RTPROTO ]\n"
    "             [ scope SCOPE ] [ metric METRIC ]\n"
    "             [ ttl-propagate { enabled | disabled } ]\n"
    "INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\n"
    "NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
    "      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
    "FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
    "OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
    "           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
    "           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
    "           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
    "           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
    "           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
    "           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
    "TYPE := { unicast | local | broadcast | multicast | throw |\n"
    "          unreachable | prohibit | blackhole | nat }\n"
    "TABLE_ID := [ local | main | default | all | NUMBER ]\n"
    "SCOPE := [ host | link | global | NUMBER ]\n"
    "NHFLAGS := [ onlink | pervasive ]\n"
    "RTPROTO := [ kernel | boot | static | NUMBER ]\n"
    "PREF := [ low | medium | high ]\n"
    "TIME := NUMBER[s|ms]\n"
    "BOOL := [1|0]\n"
    "FEATURES := ecn\n"
    "ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\n"
    "ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\n"
    "SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\n"
    "SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\n"
    "SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\n"
    "ACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n"
    "            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n"
    "            End.BM | End.S | End.AS | End.AM | End.BPF }\n"
    "OPTIONS := OPTION [ OPTIONS ]\n"
    "OPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n"
    "            table TABLEID | vrftable TABLEID | endpoint PROGNAME }\n"
    "FLAVORS := { FLAVOR[,FLAVOR] }\n"
    "FLAVOR := { psp | usp | usd | next-csid }\n"
    "IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\n"
    "XFRMINFO := if_id IF_ID [ link_dev LINK ]\n"
    "ROUTE_GET_FLAGS := [ fibmatch ]\n";

// The keywords of iproute2's route parser, in its order: an abbreviation
// means the first word it prefixes ("w" is window, "r" reordering, "s"
// ssthresh); `exact` words are compared whole (strcmp).
enum class K {
    src, as, via, from, tos, expires, metric, scope, mtu, hoplimit, advmss, reordering, rtt, rto_min, window,
    cwnd, initcwnd, initrwnd, features, quickack, congctl, rttvar, ssthresh, realms, onlink, nexthop, nhid,
    protocol, table, vrf, dev, pref, encap, ttl_propagate, fastopen_no_cookie, other
};

struct Keyword {
    std::string_view word;
    bool exact;
    K k;
};

constexpr Keyword route_words[] = {
    {"src", true, K::src},          {"as", true, K::as},            {"via", true, K::via},
    {"from", true, K::from},        {"tos", true, K::tos},          {"dsfield", false, K::tos},
    {"expires", true, K::expires},  {"metric", false, K::metric},   {"priority", false, K::metric},
    {"preference", true, K::metric}, {"scope", true, K::scope},     {"mtu", true, K::mtu},
    {"hoplimit", true, K::hoplimit}, {"advmss", true, K::advmss},   {"reordering", false, K::reordering},
    {"rtt", true, K::rtt},          {"rto_min", true, K::rto_min},  {"window", false, K::window},
    {"cwnd", false, K::cwnd},       {"initcwnd", false, K::initcwnd}, {"initrwnd", false, K::initrwnd},
    {"features", false, K::features}, {"quickack", false, K::quickack}, {"congctl", false, K::congctl},
    {"rttvar", false, K::rttvar},   {"ssthresh", false, K::ssthresh}, {"realms", false, K::realms},
    {"onlink", true, K::onlink},    {"nexthop", true, K::nexthop},  {"nhid", true, K::nhid},
    {"protocol", false, K::protocol}, {"table", false, K::table},   {"vrf", false, K::vrf},
    {"dev", true, K::dev},          {"oif", true, K::dev},          {"pref", false, K::pref},
    {"encap", true, K::encap},      {"ttl-propagate", true, K::ttl_propagate},
    {"fastopen_no_cookie", false, K::fastopen_no_cookie},
};

K route_keyword(const cli::Args& a)
{
    for (const Keyword& kw : route_words)
        if (kw.exact ? a.is(kw.word) : a.matches(kw.word))
            return kw.k;
    return K::other;
}

// A plain-number metric: its RTAX_* and the name iproute2's error uses.
struct PlainMetric {
    K k;
    uint16_t rtax;
    std::string_view what;
};
constexpr PlainMetric plain_metrics[] = {
    {K::mtu, RTAX_MTU, "mtu"},           {K::hoplimit, RTAX_HOPLIMIT, "hoplimit"},
    {K::advmss, RTAX_ADVMSS, "mss"},     {K::reordering, RTAX_REORDERING, "reordering"},
    {K::window, RTAX_WINDOW, "window"},  {K::cwnd, RTAX_CWND, "cwnd"},
    {K::initcwnd, RTAX_INITCWND, "initcwnd"}, {K::initrwnd, RTAX_INITRWND, "initrwnd"},
    {K::ssthresh, RTAX_SSTHRESH, "ssthresh"},
};

// iproute2's get_time_rtt: NUMBER[s|sec|secs|ms|msec|msecs], in ms; `raw`
// is true when no unit was given.
std::optional<uint32_t> time_rtt(std::string_view w, bool& raw)
{
    std::string s(w);
    const char* arg = s.c_str();
    char* p = nullptr;
    double t;
    if (s.find('.') != std::string::npos) {
        errno = 0;
        t = std::strtod(arg, &p);
        if (t < 0.0 || (t == 0 && p == arg) || ((t == HUGE_VAL || t == HUGE_VALL) && errno == ERANGE))
            return std::nullopt;
    } else {
        unsigned long res = std::strtoul(arg, &p, 0);
        if (res > UINT32_MAX)
            return std::nullopt;
        t = static_cast<double>(res);
    }
    if (p == arg)
        return std::nullopt;
    raw = true;
    if (*p) {
        raw = false;
        if (!strcasecmp(p, "s") || !strcasecmp(p, "sec") || !strcasecmp(p, "secs"))
            t *= 1000;
        else if (strcasecmp(p, "ms") && strcasecmp(p, "msec") && strcasecmp(p, "msecs"))
            return std::nullopt;
    }
    // iproute2 assigns the double to an unsigned int; x86-64 converts
    // through a 64-bit integer and keeps the low 32 bits (0 past 2^63).
    uint32_t v = t < 9.2e18 ? static_cast<uint32_t>(static_cast<uint64_t>(static_cast<int64_t>(t))) : 0;
    if (v < t)
        v += 1;
    return v;
}

void add_order(Route& r, uint16_t type)
{
    for (uint16_t t : r.order)
        if (t == type)
            return;
    r.order.push_back(type);
}

// "Cannot find device" then "Error: cannot parse nexthop" (iproute2's
// nodev inside parse_one_nh), exit 255.
[[noreturn]] void nexthop_no_device(std::string_view name)
{
    cli::fail(cli::exit_usage, fmt::format("Cannot find device \"{}\"\nError: cannot parse nexthop\n", name));
}

// The value of "via [FAMILY] ADDR", of the route's family unless FAMILY
// names another (an RTA_VIA then); the route takes the address's family
// when it has none yet.
net::IpAddress via_arg(cli::Args& a, Route& r)
{
    std::string_view w = a.value();
    int family = family_word(w);
    if (family == AF_UNSPEC)
        family = r.family;
    else
        w = a.value();
    net::IpAddress addr = address_arg(w, family);
    if (r.family == AF_UNSPEC)
        r.family = addr.family;
    return addr;
}

// parse_nexthops: "nexthop NH [nexthop NH]..." to the end of the line.
void parse_nexthops(Cmd& cmd, cli::Args& a, Route& r)
{
    std::vector<net::rtnl::Nexthop> nhs;
    while (!a.empty()) {
        if (!a.is("nexthop"))
            cli::fail(cli::exit_usage,
                      fmt::format("Error: \"nexthop\" or end of line is expected instead of \"{}\"\n", a.peek()));
        if (!a.has_next())
            cli::fail(cli::exit_usage, "Error: unexpected end of line after \"nexthop\"\n");
        net::rtnl::Nexthop nh;
        for (a.next(); !a.empty(); a.next()) {
            if (a.is("via")) {
                net::IpAddress addr = via_arg(a, r);
                if (addr.family == r.family)
                    nh.gateway = addr;
                else
                    nh.via = net::rtnl::Via{addr.family, {addr.span().begin(), addr.span().end()}};
            } else if (a.is("dev")) {
                std::string_view w = a.value();
                uint32_t idx = index_of(cmd.c, w);
                if (!idx)
                    nexthop_no_device(w);
                nh.ifindex = static_cast<int32_t>(idx);
            } else if (a.is("weight")) {
                std::string_view w = a.value();
                auto v = net::parse_unsigned(w, 0);
                if (!v || *v == 0 || *v > 256)
                    cli::invarg("\"weight\" is invalid\n", w);
                nh.hops = static_cast<uint8_t>(*v - 1);
            } else if (a.is("onlink")) {
                nh.flags |= RTNH_F_ONLINK;
            } else if (a.matches("realms")) {
                std::string_view w = a.value();
                auto v = cmd.names.realms(w);
                if (!v)
                    cli::invarg("\"realm\" value is invalid\n", w);
                nh.flow = *v;
            } else if (a.is("encap")) {
                unsupported("nexthop encap");
            } else if (a.is("as")) {
                std::string_view w = a.value();
                if (w == "to")
                    w = a.value();
                nh.newdst = address_arg(w, r.family);
            } else {
                break;
            }
        }
        nhs.push_back(std::move(nh));
    }
    if (!nhs.empty())
        r.nexthops = std::move(nhs);
}

} // namespace

net::rtnl::Route modify_request(Cmd& cmd, cli::Args& a, uint16_t nl_cmd)
{
    Context& c = cmd.c;
    Route r;
    r.family = static_cast<uint8_t>(c.opt.family);
    r.table = RT_TABLE_MAIN;
    r.scope = RT_SCOPE_NOWHERE;
    if (nl_cmd != RTM_DELROUTE) {
        r.protocol = RTPROT_BOOT;
        r.scope = RT_SCOPE_UNIVERSE;
        r.type = RTN_UNICAST;
    }
    bool dst_ok = false, gw_ok = false, scope_ok = false, table_ok = false, type_ok = false, nhs_ok = false;
    bool raw = false;
    std::string_view dev;
    uint32_t mxlock = 0;
    std::vector<Route::Metric> metrics;
    auto metric = [&](uint16_t type, uint32_t v) { metrics.push_back({type, v}); };
    auto lock = [&](uint16_t type) {
        if (a.is("lock")) {
            mxlock |= 1u << type;
            a.value();
        }
    };
    while (!a.empty()) {
        const K k = route_keyword(a);
        if (k == K::nexthop) {
            nhs_ok = true;
            break;
        }
        if (k == K::src) {
            net::IpAddress addr = address_arg(a.value(), r.family);
            if (r.family == AF_UNSPEC)
                r.family = addr.family;
            r.prefsrc = addr;
            add_order(r, RTA_PREFSRC);
        } else if (k == K::as) {
            std::string_view w = a.value();
            if (w == "to")
                w = a.value();
            net::IpAddress addr = address_arg(w, r.family);
            if (r.family == AF_UNSPEC)
                r.family = addr.family;
            r.newdst = addr;
            add_order(r, RTA_NEWDST);
        } else if (k == K::via) {
            if (gw_ok)
                cli::invarg("use nexthop syntax to specify multiple via\n", a.peek());
            gw_ok = true;
            net::IpAddress addr = via_arg(a, r);
            if (addr.family == r.family) {
                r.gateway = addr;
                add_order(r, RTA_GATEWAY);
            } else {
                r.via = net::rtnl::Via{addr.family, {addr.span().begin(), addr.span().end()}};
                add_order(r, RTA_VIA);
            }
        } else if (k == K::from) {
            net::Prefix p = prefix_arg(a.value(), r.family);
            if (r.family == AF_UNSPEC)
                r.family = p.addr.family;
            if (p.has_bytes()) {
                r.src = p.addr;
                add_order(r, RTA_SRC);
            }
            r.src_len = static_cast<uint8_t>(p.len);
        } else if (k == K::tos) {
            std::string_view w = a.value();
            auto t = cmd.names.dsfield_id(w);
            if (!t)
                cli::invarg("\"tos\" value is invalid\n", w);
            r.tos = static_cast<uint8_t>(*t);
        } else if (k == K::expires) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("\"expires\" value is invalid\n", w);
            r.expires = *v;
            add_order(r, RTA_EXPIRES);
        } else if (k == K::metric) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("\"metric\" value is invalid\n", w);
            r.priority = *v;
            add_order(r, RTA_PRIORITY);
        } else if (k == K::scope) {
            std::string_view w = a.value();
            auto s = cmd.names.scope_id(w);
            if (!s)
                cli::invarg("invalid \"scope\" value\n", w);
            r.scope = static_cast<uint8_t>(*s);
            scope_ok = true;
        } else if (auto pm = std::find_if(std::begin(plain_metrics), std::end(plain_metrics),
                                          [&](const PlainMetric& m) { return m.k == k; });
                   pm != std::end(plain_metrics)) {
            a.value();
            lock(pm->rtax);
            std::string_view w = a.peek();
            auto v = net::parse_unsigned(w, 0);
            if (!v || (k == K::hoplimit && *v > 255))
                cli::invarg(fmt::format("\"{}\" value is invalid\n", pm->what), w);
            metric(pm->rtax, *v);
        } else if (k == K::rtt || k == K::rttvar || k == K::rto_min) {
            const uint16_t rtax = k == K::rtt ? RTAX_RTT : k == K::rttvar ? RTAX_RTTVAR : RTAX_RTO_MIN;
            const std::string_view what = k == K::rtt ? "rtt" : k == K::rttvar ? "rttvar" : "rto_min";
            a.value();
            if (k == K::rto_min)
                mxlock |= 1u << RTAX_RTO_MIN;
            else
                lock(rtax);
            std::string_view w = a.peek();
            auto v = time_rtt(w, raw);
            if (!v)
                cli::invarg(fmt::format("\"{}\" value is invalid\n", what), w);
            uint32_t scaled = *v;
            if (!raw && k == K::rtt)
                scaled *= 8;
            else if (!raw && k == K::rttvar)
                scaled *= 4;
            metric(rtax, scaled);
        } else if (k == K::features) {
            // iproute2 6.1 takes exactly one feature word.
            std::string_view w = a.value();
            if (w != "ecn")
                cli::invarg("\"features\" value not valid\n", w);
            metric(RTAX_FEATURES, RTAX_FEATURE_ECN);
        } else if (k == K::quickack || k == K::fastopen_no_cookie) {
            const std::string_view what = k == K::quickack ? "quickack" : "fastopen_no_cookie";
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg(fmt::format("\"{}\" value is invalid\n", what), w);
            if (*v != 0 && *v != 1)
                cli::invarg(fmt::format("\"{}\" value should be 0 or 1\n", what), w);
            metric(k == K::quickack ? RTAX_QUICKACK : RTAX_FASTOPEN_NO_COOKIE, *v);
        } else if (k == K::congctl) {
            a.value();
            lock(RTAX_CC_ALGO);
            r.congctl = std::string(a.peek());
            metric(RTAX_CC_ALGO, 0);
        } else if (k == K::realms) {
            std::string_view w = a.value();
            auto v = cmd.names.realms(w);
            if (!v)
                cli::invarg("\"realm\" value is invalid\n", w);
            r.flow = *v;
            add_order(r, RTA_FLOW);
        } else if (k == K::onlink) {
            r.flags |= RTNH_F_ONLINK;
        } else if (k == K::nhid) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("\"id\" value is invalid\n", w);
            r.nhid = *v;
            add_order(r, RTA_NH_ID);
        } else if (k == K::protocol) {
            std::string_view w = a.value();
            auto p = cmd.names.protocol_id(w);
            if (!p)
                cli::invarg("\"protocol\" value is invalid\n", w);
            r.protocol = static_cast<uint8_t>(*p);
        } else if (k == K::table) {
            std::string_view w = a.value();
            auto t = cmd.names.table_id(w);
            if (!t)
                cli::invarg("\"table\" value is invalid\n", w);
            if (*t < 256) {
                r.table = static_cast<uint8_t>(*t);
            } else {
                r.table = RT_TABLE_UNSPEC;
                r.table_attr = *t;
                add_order(r, RTA_TABLE);
            }
            table_ok = true;
        } else if (k == K::vrf) {
            std::string_view w = a.value();
            uint32_t t = vrf_table(cmd, w);
            if (!t)
                cli::invarg("Invalid VRF\n", w);
            if (t < 256) {
                r.table = static_cast<uint8_t>(t);
            } else {
                r.table = RT_TABLE_UNSPEC;
                r.table_attr = t;
                add_order(r, RTA_TABLE);
            }
            table_ok = true;
        } else if (k == K::dev) {
            dev = a.value();
        } else if (k == K::pref) {
            std::string_view w = a.value();
            std::optional<uint32_t> p;
            if (w == "low")
                p = ICMPV6_ROUTER_PREF_LOW;
            else if (w == "medium")
                p = ICMPV6_ROUTER_PREF_MEDIUM;
            else if (w == "high")
                p = ICMPV6_ROUTER_PREF_HIGH;
            else if (auto n = net::parse_unsigned(w, 0); n && *n <= 255)
                p = *n;
            if (!p)
                cli::invarg("\"pref\" value is invalid\n", w);
            r.pref = static_cast<uint8_t>(*p);
            add_order(r, RTA_PREF);
        } else if (k == K::encap) {
            unsupported("encap");
        } else if (k == K::ttl_propagate) {
            std::string_view w = a.value();
            if (cli::matches(w, "enabled"))
                r.ttl_propagate = 1;
            else if (cli::matches(w, "disabled"))
                r.ttl_propagate = 0;
            else
                cli::invarg("\"ttl-propagate\" value is invalid\n", w);
            add_order(r, RTA_TTL_PROPAGATE);
        } else {
            std::string_view w = a.peek();
            if (w == "to")
                w = a.value();
            if (!w.empty() && (w.front() < '0' || w.front() > '9')) {
                if (auto t = type_word(w)) {
                    w = a.value();
                    r.type = static_cast<uint8_t>(*t);
                    type_ok = true;
                }
            }
            if (cli::matches(w, "help"))
                usage();
            if (dst_ok)
                cli::duparg2("to", w);
            net::Prefix p = prefix_arg(w, r.family);
            if (r.family == AF_UNSPEC)
                r.family = p.addr.family;
            r.dst_len = static_cast<uint8_t>(p.len);
            dst_ok = true;
            if (p.has_bytes()) {
                r.dst = p.addr;
                add_order(r, RTA_DST);
            }
        }
        a.next();
    }
    if (!dst_ok)
        usage();
    if (!dev.empty()) {
        uint32_t idx = index_of(c, dev);
        if (!idx)
            no_device(dev);
        r.oif = idx;
    }
    if (!metrics.empty()) {
        if (mxlock)
            metrics.push_back({RTAX_LOCK, mxlock});
        r.metrics = std::move(metrics);
    }
    if (nhs_ok)
        parse_nexthops(cmd, a, r);
    if (r.family == AF_UNSPEC)
        r.family = AF_INET;
    if (!table_ok && (r.type == RTN_LOCAL || r.type == RTN_BROADCAST || r.type == RTN_NAT || r.type == RTN_ANYCAST))
        r.table = RT_TABLE_LOCAL;
    if (!scope_ok) {
        if (r.family == AF_INET6 || r.family == AF_MPLS)
            r.scope = RT_SCOPE_UNIVERSE;
        else if (r.type == RTN_LOCAL || r.type == RTN_NAT)
            r.scope = RT_SCOPE_HOST;
        else if (r.type == RTN_BROADCAST || r.type == RTN_MULTICAST || r.type == RTN_ANYCAST)
            r.scope = RT_SCOPE_LINK;
        else if (r.type == RTN_UNICAST || r.type == RTN_UNSPEC) {
            if (nl_cmd == RTM_DELROUTE)
                r.scope = RT_SCOPE_NOWHERE;
            else if (!gw_ok && !nhs_ok && !r.nhid)
                r.scope = RT_SCOPE_LINK;
        }
    }
    if (!type_ok && r.family == AF_MPLS)
        r.type = RTN_UNICAST;
    // After the command line's attributes, iproute2 adds the device, the
    // metrics and the next hops.
    for (uint16_t t : {RTA_OIF, RTA_METRICS, RTA_MULTIPATH})
        add_order(r, t);
    return r;
}

namespace {

int modify(Cmd& cmd, cli::Args& a, uint16_t nl_cmd, uint16_t nl_flags)
{
    Route r = modify_request(cmd, a, nl_cmd);
    net::Message m = net::rtnl::encode(nl_cmd, nl_flags, r);
    talk(cmd.c, m);
    return 0;
}

} // namespace

void usage() { cli::fail(cli::exit_usage, std::string(usage_text)); }

void unsupported(std::string_view what)
{
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: route {} is not supported yet\n", what));
}

namespace {

// iproute2's family_name_verbose.
std::string family_verbose(int family) { return family == AF_UNSPEC ? "any valid" : net::family_name(family); }

} // namespace

void bad_prefix(int family, std::string_view arg)
{
    cli::fail(cli::exit_failure,
              fmt::format("Error: {} prefix is expected rather than \"{}\".\n", family_verbose(family), arg), cli::Stop::batch);
}

void bad_address(int family, std::string_view arg)
{
    cli::fail(cli::exit_failure,
              fmt::format("Error: {} address is expected rather than \"{}\".\n", family_verbose(family), arg), cli::Stop::batch);
}

net::Prefix prefix_arg(std::string_view w, int family)
{
    if (family == AF_PACKET)
        cli::fail(cli::exit_failure,
                  fmt::format("Error: \"{}\" may be inet prefix, but it is not allowed in this context.\n", w));
    auto p = net::parse_prefix(w, family);
    if (!p)
        bad_prefix(family, w);
    return *p;
}

net::IpAddress address_arg(std::string_view w, int family)
{
    if (family == AF_PACKET)
        cli::fail(cli::exit_failure,
                  fmt::format("Error: \"{}\" may be inet address, but it is not allowed in this context.\n", w));
    auto addr = net::parse_address(w, family);
    if (!addr)
        bad_address(family, w);
    return *addr;
}

int family_word(std::string_view w)
{
    if (w == "inet")
        return AF_INET;
    if (w == "inet6")
        return AF_INET6;
    if (w == "link")
        return AF_PACKET;
    if (w == "mpls")
        return AF_MPLS;
    if (w == "bridge")
        return AF_BRIDGE;
    return AF_UNSPEC;
}

namespace {

std::optional<net::rtnl::Link> link_named(Cmd& cmd, std::string_view name)
{
    try {
        return cmd.c.rtnl().link(name, AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    } catch (const net::Error& e) {
        if (!e.context().empty())
            throw;
        return std::nullopt;
    }
}

} // namespace

uint32_t vrf_table(Cmd& cmd, std::string_view name)
{
    auto l = link_named(cmd, name);
    if (!l)
        return name == "default" ? cmd.names.table_id("main").value_or(RT_TABLE_MAIN) : 0;
    if (l->kind == "vrf")
        unsupported("vrf (VRF devices)");
    return 0;
}

bool name_is_vrf(Cmd& cmd, std::string_view name)
{
    auto l = link_named(cmd, name);
    if (l && l->kind == "vrf")
        unsupported("vrf (VRF devices)");
    return false;
}

std::optional<unsigned> type_word(std::string_view w)
{
    if (w == "local")
        return RTN_LOCAL;
    if (w == "nat")
        return RTN_NAT;
    if (cli::matches(w, "broadcast") || w == "brd")
        return RTN_BROADCAST;
    if (cli::matches(w, "anycast"))
        return RTN_ANYCAST;
    if (cli::matches(w, "multicast"))
        return RTN_MULTICAST;
    if (cli::matches(w, "prohibit"))
        return RTN_PROHIBIT;
    if (cli::matches(w, "unreachable"))
        return RTN_UNREACHABLE;
    if (cli::matches(w, "blackhole"))
        return RTN_BLACKHOLE;
    if (cli::matches(w, "xresolve"))
        return RTN_XRESOLVE;
    if (cli::matches(w, "unicast"))
        return RTN_UNICAST;
    if (w == "throw")
        return RTN_THROW;
    auto v = net::parse_unsigned(w, 0);
    if (!v || *v > 255)
        return std::nullopt;
    return *v;
}

} // namespace nsbox::ip::route

namespace nsbox::ip {

int do_route(Context& c, cli::Args& a)
{
    route::Cmd cmd(c);
    if (a.empty())
        return route::list_flush_save(cmd, a, route::Action::list);
    struct Modify {
        std::string_view word;
        uint16_t cmd;
        uint16_t flags;
    };
    constexpr Modify modifies[] = {
        {"add", RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL},
        {"change", RTM_NEWROUTE, NLM_F_REPLACE},
        {"replace", RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE},
        {"prepend", RTM_NEWROUTE, NLM_F_CREATE},
        {"append", RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND},
        {"test", RTM_NEWROUTE, NLM_F_EXCL},
        {"delete", RTM_DELROUTE, 0},
    };
    for (const Modify& m : modifies) {
        if (a.matches(m.word) || (m.word == "change" && a.is("chg"))) {
            a.next();
            return route::modify(cmd, a, m.cmd, m.flags);
        }
    }
    if (a.matches("list") || a.matches("show") || a.matches("lst")) {
        a.next();
        return route::list_flush_save(cmd, a, route::Action::list);
    }
    if (a.matches("get")) {
        a.next();
        return route::get(cmd, a);
    }
    if (a.matches("flush")) {
        a.next();
        return route::list_flush_save(cmd, a, route::Action::flush);
    }
    if (a.matches("save")) {
        a.next();
        return route::list_flush_save(cmd, a, route::Action::save);
    }
    if (a.matches("restore"))
        return route::restore(cmd);
    if (a.matches("showdump"))
        return route::showdump(cmd);
    if (a.matches("help"))
        route::usage();
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip route help\".\n", a.peek()));
}

} // namespace nsbox::ip
