// ip route: add, change, replace, prepend, append, test, del, show
// (iproute2's iproute.c).

#include <cstring>
#include <span>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>

#include "applets/ip/ip.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Route;

struct Name {
    unsigned id;
    std::string_view name;
};

// Route protocols iproute2 names (its built-in table and Debian's
// /etc/iproute2/rt_protos).
constexpr Name protocols[] = {
    {0, "unspec"},  {1, "redirect"}, {2, "kernel"},   {3, "boot"},   {4, "static"},    {8, "gated"},
    {9, "ra"},      {10, "mrt"},     {11, "zebra"},   {12, "bird"},  {13, "dnrouted"}, {14, "xorp"},
    {15, "ntk"},    {16, "dhcp"},    {18, "keepalived"}, {42, "babel"}, {99, "openr"}, {186, "bgp"},
    {187, "isis"},  {188, "ospf"},   {189, "rip"},    {192, "eigrp"},
};

constexpr Name tables[] = {{0, "unspec"}, {253, "default"}, {254, "main"}, {255, "local"}};

constexpr Name route_types[] = {
    {RTN_UNSPEC, "none"},       {RTN_UNICAST, "unicast"},   {RTN_LOCAL, "local"},
    {RTN_BROADCAST, "broadcast"}, {RTN_ANYCAST, "anycast"}, {RTN_MULTICAST, "multicast"},
    {RTN_BLACKHOLE, "blackhole"}, {RTN_UNREACHABLE, "unreachable"}, {RTN_PROHIBIT, "prohibit"},
    {RTN_THROW, "throw"},       {RTN_NAT, "nat"},           {RTN_XRESOLVE, "xresolve"},
};

std::string name_of(std::span<const Name> t, unsigned id)
{
    for (const Name& n : t)
        if (n.id == id)
            return std::string(n.name);
    return std::to_string(id);
}

std::optional<unsigned> id_of(std::span<const Name> t, std::string_view w)
{
    for (const Name& n : t)
        if (n.name == w)
            return n.id;
    if (auto v = net::parse_unsigned(w, 0))
        return *v;
    return std::nullopt;
}

// iproute2's rtnl_rtntype_a2n, for words that do not start with a digit.
std::optional<uint8_t> route_type_word(std::string_view w)
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
    return std::nullopt;
}

std::optional<uint32_t> table_id(std::string_view w)
{
    if (w == "all")
        return 0;
    if (w == "main")
        return RT_TABLE_MAIN;
    if (w == "local")
        return RT_TABLE_LOCAL;
    if (w == "default")
        return RT_TABLE_DEFAULT;
    return net::parse_unsigned(w, 0);
}

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

[[noreturn]] void usage() { cli::fail(cli::exit_usage, std::string(usage_text)); }

[[noreturn]] void unsupported(std::string_view what)
{
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: route {} is not supported yet\n", what));
}

[[noreturn]] void bad_prefix(int family, std::string_view arg)
{
    cli::fail(cli::exit_failure, fmt::format("Error: {} prefix is expected rather than \"{}\".\n",
                                             net::family_name_verbose(family), arg));
}

[[noreturn]] void bad_address(int family, std::string_view arg)
{
    cli::fail(cli::exit_failure, fmt::format("Error: {} address is expected rather than \"{}\".\n",
                                             net::family_name_verbose(family), arg));
}

// The keywords of iproute2's route parser, in its order: an abbreviation
// means the first word it prefixes ("w" is window, "r" reordering).
enum class K {
    src, as, via, from, tos, expires, metric, scope, mtu, hoplimit, advmss, reordering, rtt, window, cwnd,
    initcwnd, initrwnd, features, quickack, congctl, rttvar, ssthresh, realms, onlink, nexthop, nhid,
    protocol, table, vrf, dev, pervasive, encap, ttl_propagate, fastopen_no_cookie, rto_min, pref, other
};

struct Keyword {
    std::string_view word;
    bool exact;
    K k;
};

constexpr Keyword route_words[] = {
    {"src", true, K::src},          {"as", false, K::as},           {"via", true, K::via},
    {"from", true, K::from},        {"tos", true, K::tos},          {"dsfield", false, K::tos},
    {"dscp", true, K::tos},         {"expires", false, K::expires}, {"metric", false, K::metric},
    {"priority", false, K::metric}, {"preference", true, K::metric}, {"scope", true, K::scope},
    {"mtu", true, K::mtu},          {"hoplimit", false, K::hoplimit}, {"advmss", false, K::advmss},
    {"reordering", false, K::reordering}, {"rtt", true, K::rtt},    {"window", false, K::window},
    {"cwnd", false, K::cwnd},       {"initcwnd", false, K::initcwnd}, {"initrwnd", false, K::initrwnd},
    {"features", false, K::features}, {"quickack", false, K::quickack}, {"congctl", false, K::congctl},
    {"rttvar", false, K::rttvar},   {"ssthresh", false, K::ssthresh}, {"realms", false, K::realms},
    {"onlink", true, K::onlink},    {"nexthop", false, K::nexthop}, {"nhid", true, K::nhid},
    {"protocol", false, K::protocol}, {"table", false, K::table},   {"vrf", true, K::vrf},
    {"dev", true, K::dev},          {"oif", true, K::dev},          {"pervasive", true, K::pervasive},
    {"encap", true, K::encap},      {"ttl-propagate", true, K::ttl_propagate},
    {"fastopen_no_cookie", false, K::fastopen_no_cookie}, {"rto_min", true, K::rto_min},
    {"pref", true, K::pref},
};

K route_keyword(const cli::Args& a)
{
    for (const Keyword& kw : route_words)
        if (kw.exact ? a.is(kw.word) : a.matches(kw.word))
            return kw.k;
    return K::other;
}

// iproute2's mx_names, indexed by RTAX_*.
constexpr std::string_view metric_names[] = {
    "",        "lock",     "mtu",        "window",   "rtt",      "rttvar",  "ssthresh",  "cwnd",
    "advmss",  "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack",
    "congctl", "fastopen_no_cookie",
};

// Plain-number route metrics nsbox sets: the RTAX_* they go to.
std::optional<uint16_t> plain_metric(K k)
{
    switch (k) {
    case K::mtu: return RTAX_MTU;
    case K::hoplimit: return RTAX_HOPLIMIT;
    case K::advmss: return RTAX_ADVMSS;
    case K::reordering: return RTAX_REORDERING;
    case K::window: return RTAX_WINDOW;
    case K::cwnd: return RTAX_CWND;
    case K::initcwnd: return RTAX_INITCWND;
    case K::initrwnd: return RTAX_INITRWND;
    case K::ssthresh: return RTAX_SSTHRESH;
    default: return std::nullopt;
    }
}

int route_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t flags)
{
    Route r;
    r.family = static_cast<uint8_t>(c.opt.family);
    r.table = RT_TABLE_MAIN;
    r.scope = RT_SCOPE_NOWHERE;
    if (cmd != RTM_DELROUTE) {
        r.protocol = RTPROT_BOOT;
        r.scope = RT_SCOPE_UNIVERSE;
        r.type = RTN_UNICAST;
    }
    bool dst_ok = false, gw_ok = false, scope_ok = false, table_ok = false;
    std::string dev;
    uint32_t mxlock = 0;
    for (; !a.empty(); a.next()) {
        const K k = route_keyword(a);
        if (k == K::src) {
            std::string_view w = a.value();
            auto addr = net::parse_address(w, r.family);
            if (!addr)
                bad_address(r.family, w);
            if (r.family == AF_UNSPEC)
                r.family = addr->family;
            r.prefsrc = *addr;
        } else if (k == K::via) {
            std::string_view w = a.value();
            if (net::family_bits(r.family) == 0 && r.family != AF_UNSPEC)
                unsupported("via for this family");
            if (w == "inet" || w == "inet6" || w == "mpls" || w == "bridge" || w == "link")
                unsupported("via FAMILY");
            auto addr = net::parse_address(w, r.family);
            if (!addr)
                bad_address(r.family, w);
            if (r.family == AF_UNSPEC)
                r.family = addr->family;
            r.gateway = *addr;
            gw_ok = true;
        } else if (auto mx = plain_metric(k)) {
            std::string_view name = metric_names[*mx];
            std::string_view w = a.value();
            if (w == "lock") {
                mxlock |= 1u << *mx;
                w = a.value();
            }
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg(fmt::format("\"{}\" value is invalid\n", name), w);
            if (!r.metrics)
                r.metrics.emplace();
            r.metrics->push_back({*mx, *v});
        } else if (k == K::metric) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("\"metric\" value is invalid\n", w);
            r.priority = *v;
        } else if (k == K::scope) {
            std::string_view w = a.value();
            std::optional<unsigned> s;
            if (w == "global" || w == "universe")
                s = RT_SCOPE_UNIVERSE;
            else if (w == "host")
                s = RT_SCOPE_HOST;
            else if (w == "link")
                s = RT_SCOPE_LINK;
            else if (w == "site")
                s = RT_SCOPE_SITE;
            else if (w == "nowhere")
                s = RT_SCOPE_NOWHERE;
            else if (auto n = net::parse_unsigned(w, 0); n && *n <= 255)
                s = *n;
            if (!s)
                cli::invarg("invalid \"scope\" value\n", w);
            r.scope = static_cast<uint8_t>(*s);
            scope_ok = true;
        } else if (k == K::onlink) {
            r.flags |= RTNH_F_ONLINK;
        } else if (k == K::protocol) {
            std::string_view w = a.value();
            auto p = id_of(protocols, w);
            if (!p || *p > 255)
                cli::invarg("\"protocol\" value is invalid\n", w);
            r.protocol = static_cast<uint8_t>(*p);
        } else if (k == K::table) {
            std::string_view w = a.value();
            auto t = table_id(w);
            if (!t)
                cli::invarg("\"table\" value is invalid\n", w);
            if (*t < 256) {
                r.table = static_cast<uint8_t>(*t);
            } else {
                r.table = RT_TABLE_UNSPEC;
                r.table_attr = *t;
            }
            table_ok = true;
        } else if (k == K::dev) {
            dev = std::string(a.value());
        } else if (k != K::other) {
            unsupported(fmt::format("option \"{}\"", a.peek()));
        } else {
            std::string_view w = a.peek();
            if (w == "to")
                w = a.value();
            if ((w.front() < '0' || w.front() > '9')) {
                if (auto t = route_type_word(w)) {
                    r.type = *t;
                    w = a.value();
                }
            }
            if (cli::matches(w, "help"))
                usage();
            if (dst_ok)
                cli::duparg2("to", w);
            auto p = net::parse_prefix(w, r.family);
            if (!p)
                bad_prefix(r.family, w);
            if (r.family == AF_UNSPEC)
                r.family = p->addr.family;
            r.dst_len = static_cast<uint8_t>(p->len);
            if (p->has_bytes())
                r.dst = p->addr;
            dst_ok = true;
        }
    }
    if (!dst_ok)
        usage();
    if (mxlock) {
        if (!r.metrics)
            r.metrics.emplace();
        r.metrics->push_back({RTAX_LOCK, mxlock});
    }
    if (!dev.empty()) {
        uint32_t idx = index_of(c, dev);
        if (!idx)
            no_device(dev);
        r.oif = idx;
    }
    (void)table_ok;
    if (!scope_ok) {
        if (r.family == AF_INET6)
            r.scope = RT_SCOPE_UNIVERSE;
        else if (r.type == RTN_LOCAL || r.type == RTN_NAT)
            r.scope = RT_SCOPE_HOST;
        else if (r.type == RTN_BROADCAST || r.type == RTN_MULTICAST || r.type == RTN_ANYCAST)
            r.scope = RT_SCOPE_LINK;
        else if (r.type == RTN_UNICAST || r.type == RTN_UNSPEC) {
            if (cmd == RTM_DELROUTE)
                r.scope = RT_SCOPE_NOWHERE;
            else if (!gw_ok)
                r.scope = RT_SCOPE_LINK;
        }
    }
    if (r.family == AF_UNSPEC)
        r.family = AF_INET;
    net::Message m = net::rtnl::encode(cmd, flags, r);
    talk(c, m);
    return 0;
}

// iproute2's print_rta_metrics: "mtu 1400 " in text, "metrics":[{...}] in JSON.
void print_metrics(cli::Output& out, const Route& r)
{
    uint32_t lock = 0;
    std::optional<uint32_t> values[RTAX_MAX + 1];
    for (const auto& m : *r.metrics) {
        if (m.type == RTAX_LOCK)
            lock = m.value;
        else if (m.type <= RTAX_MAX)
            values[m.type] = m.value;
    }
    auto arr = out.array("metrics", cli::In::json);
    auto obj = out.object(cli::In::json);
    for (unsigned i = 2; i <= RTAX_MAX; ++i) {
        bool locked = i < 32 && (lock & (1u << i));
        bool present = i == RTAX_CC_ALGO ? r.congctl.has_value() : values[i].has_value();
        if (!present && !locked)
            continue;
        uint32_t v = values[i].value_or(0);
        if (i == RTAX_HOPLIMIT && static_cast<int32_t>(v) == -1)
            continue;
        std::string name = i < std::size(metric_names) ? std::string(metric_names[i]) : fmt::format("metric {}", i);
        out.textf("{} ", name);
        if (locked)
            out.text("lock ");
        switch (i) {
        case RTAX_RTT:
        case RTAX_RTTVAR:
        case RTAX_RTO_MIN: {
            if (i == RTAX_RTT)
                v /= 8;
            else if (i == RTAX_RTTVAR)
                v /= 4;
            out.json_field(name, v);
            if (v >= 1000)
                out.textf("{}s ", fmt::format("{:g}", v / 1e3));
            else
                out.textf("{}ms ", v);
            break;
        }
        case RTAX_CC_ALGO:
            out.field("congestion", "{} ", r.congctl.value_or(""));
            break;
        case RTAX_FEATURES:
            if (v & RTAX_FEATURE_ECN) {
                out.json_null("ecn");
                out.text("ecn ");
                v &= ~RTAX_FEATURE_ECN;
            }
            if (v) {
                out.json_field("features", fmt::format("{:#x}", v));
                out.textf("{:#x} ", v);
            }
            break;
        default:
            out.field(name, "{} ", v);
        }
    }
}

void print_route(Context& c, LinkNames& names, const Route& r, uint32_t filter_table)
{
    cli::Output& out = c.out;
    auto o = out.object();
    const int host_len = net::family_bits(r.family);
    if (r.type != RTN_UNICAST || c.opt.details)
        out.field("type", "{} ", name_of(route_types, r.type));
    std::string dst;
    if (r.dst) {
        dst = net::format_address(*r.dst);
        if (r.dst_len != host_len)
            dst += fmt::format("/{}", r.dst_len);
    } else if (r.dst_len) {
        dst = fmt::format("0/{} ", r.dst_len);
    } else {
        dst = "default";
    }
    out.field("dst", "{} ", dst);
    if (r.src) {
        std::string s = net::format_address(*r.src);
        if (r.src_len != host_len)
            s += fmt::format("/{}", r.src_len);
        out.field("from", "from {} ", s);
    } else if (r.src_len) {
        out.field("src", "from 0/{} ", static_cast<unsigned>(r.src_len));
    }
    if (r.tos)
        out.field("tos", "tos {} ", fmt::format("{:#x}", r.tos));
    if (r.gateway)
        out.field("gateway", "via {} ", net::format_address(*r.gateway));
    if (r.oif) {
        out.text("dev ");
        out.field("dev", "{} ", names.name(*r.oif));
    }
    uint32_t table = r.table_id();
    if (table && (table != RT_TABLE_MAIN || c.opt.details) && !filter_table)
        out.field("table", "table {} ", name_of(tables, table));
    if (!(r.flags & RTM_F_CLONED)) {
        if (r.protocol != RTPROT_BOOT || c.opt.details)
            out.field("protocol", "proto {} ", name_of(protocols, r.protocol));
        if (r.scope != RT_SCOPE_UNIVERSE || c.opt.details)
            out.field("scope", "scope {} ", scope_name(r.scope));
    }
    if (r.prefsrc)
        out.field("prefsrc", "src {} ", net::format_address(*r.prefsrc));
    if (r.priority)
        out.field("metric", "metric {} ", *r.priority);
    {
        auto f = out.array("flags", cli::In::json);
        constexpr Name flag_words[] = {
            {RTNH_F_DEAD, "dead"},         {RTNH_F_ONLINK, "onlink"},     {RTNH_F_PERVASIVE, "pervasive"},
            {RTNH_F_OFFLOAD, "offload"},   {RTNH_F_TRAP, "trap"},         {RTM_F_NOTIFY, "notify"},
            {RTNH_F_LINKDOWN, "linkdown"}, {RTNH_F_UNRESOLVED, "unresolved"}, {RTM_F_OFFLOAD, "rt_offload"},
            {RTM_F_TRAP, "rt_trap"},       {RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
        };
        for (const Name& n : flag_words)
            if (r.flags & n.id)
                out.element("{} ", n.name);
    }
    if (r.metrics)
        print_metrics(out, r);
    if (r.iif) {
        out.text("iif ");
        out.field("iif", "{} ", names.name(*r.iif));
    }
    if (r.pref) {
        std::string p = *r.pref == ICMPV6_ROUTER_PREF_LOW      ? "low"
                        : *r.pref == ICMPV6_ROUTER_PREF_MEDIUM ? "medium"
                        : *r.pref == ICMPV6_ROUTER_PREF_HIGH   ? "high"
                                                               : std::to_string(*r.pref);
        out.field("pref", "pref {}", p);
    }
    if (r.cacheinfo && r.family == AF_INET6) {
        const long hz = sysconf(_SC_CLK_TCK);
        if (r.cacheinfo->rta_expires)
            out.field("expires", "expires {}sec ", static_cast<int>(r.cacheinfo->rta_expires / (hz > 0 ? hz : 100)));
        if (r.cacheinfo->rta_error)
            out.field("error", "error {} ", r.cacheinfo->rta_error);
    }
    out.text("\n");
}

void print_route_list(Context& c, LinkNames& names, const std::vector<Route>& routes, uint32_t filter_table,
                      int family)
{
    for (const Route& r : routes) {
        if (family != AF_UNSPEC && r.family != family)
            continue;
        if (r.flags & RTM_F_CLONED)
            continue;
        if (filter_table && r.table_id() != filter_table)
            continue;
        print_route(c, names, r, filter_table);
    }
}

int route_list(Context& c, cli::Args& a)
{
    uint32_t filter_table = RT_TABLE_MAIN;
    for (; !a.empty(); a.next()) {
        if (a.matches("table")) {
            std::string_view w = a.value();
            auto t = table_id(w);
            if (!t)
                cli::invarg("table id value is invalid\n", w);
            filter_table = *t;
        } else {
            unsupported(fmt::format("show selector \"{}\"", a.peek()));
        }
    }
    int family = c.opt.family;
    if (family == AF_UNSPEC && filter_table)
        family = AF_INET;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        unsupported("show for this family");
    auto& rtnl = c.rtnl();
    // iproute2 opens the JSON document before it dumps.
    auto doc = c.out.document();
    std::vector<Route> routes;
    try {
        routes = rtnl.routes(static_cast<uint8_t>(family), filter_table);
    } catch (const net::Error& e) {
        if (!e.context().empty())
            throw;
        doc.abandon();
        std::string msg = e.extack().empty()
                              ? fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code()))
                              : fmt::format("Error: {}{}\n", e.extack(), e.extack().ends_with('.') ? "" : ".");
        cli::fail(cli::exit_kernel, msg + "Dump terminated\n");
    }
    LinkNames names(c);
    for (const auto& l : rtnl.links(AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS))
        names.remember(l);
    print_route_list(c, names, routes, filter_table, family);
    doc.close();
    return 0;
}

} // namespace

void print_routes(Context& c, LinkNames& names, const std::vector<Route>& routes, uint32_t table)
{
    int family = c.opt.family;
    if (family == AF_UNSPEC && table)
        family = AF_INET;
    auto doc = c.out.document();
    print_route_list(c, names, routes, table, family);
}

int do_route(Context& c, cli::Args& a)
{
    if (a.empty())
        return route_list(c, a);
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
            return route_modify(c, a, m.cmd, m.flags);
        }
    }
    if (a.matches("list") || a.matches("show") || a.matches("lst")) {
        a.next();
        return route_list(c, a);
    }
    if (a.matches("get") || a.matches("flush") || a.matches("save") || a.matches("restore") ||
        a.matches("showdump"))
        unsupported(a.peek());
    if (a.matches("help"))
        usage();
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip route help\".\n", a.peek()));
}

} // namespace nsbox::ip
