// ip route { show | flush | save } SELECTOR, and the route printer
// (iproute2's iproute_list_flush_or_save, filter_nlmsg, print_route).

#include <cerrno>
#include <cstring>
#include <ctime>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/icmpv6.h>
#include <linux/in_route.h>
#include <linux/rtnetlink.h>

#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::ip::route {

std::string type_name(unsigned type, bool numeric)
{
    if (numeric)
        return std::to_string(type);
    constexpr std::string_view names[] = {"none",      "unicast",     "local",    "broadcast",
                                          "anycast",   "multicast",   "blackhole", "unreachable",
                                          "prohibit",  "throw",       "nat",      "xresolve"};
    return type < std::size(names) ? std::string(names[type]) : std::to_string(type);
}

namespace {

using net::rtnl::Route;

// iproute2's mx_names, indexed by RTAX_*.
constexpr std::string_view metric_names[] = {
    "",        "lock",     "mtu",        "window",   "rtt",      "rttvar",  "ssthresh",  "cwnd",
    "advmss",  "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack",
    "congctl", "fastopen_no_cookie",
};

// The first `bits` bits of two addresses are equal (inet_addr_match == 0).
bool bits_match(const std::array<std::byte, 16>& a, const std::array<std::byte, 16>& b, int bits)
{
    if (bits <= 0)
        return true;
    bits = std::min(bits, 128);
    size_t bytes = static_cast<size_t>(bits) / 8;
    if (std::memcmp(a.data(), b.data(), bytes) != 0)
        return false;
    if (int rest = bits % 8) {
        auto mask = static_cast<unsigned>(0xff00 >> rest) & 0xff;
        if ((static_cast<unsigned>(a[bytes]) ^ static_cast<unsigned>(b[bytes])) & mask)
            return false;
    }
    return true;
}

std::array<std::byte, 16> bytes_of(const std::optional<net::IpAddress>& a, size_t limit = 16)
{
    std::array<std::byte, 16> out{};
    if (a)
        std::copy_n(a->bytes.begin(), std::min(limit, a->size()), out.begin());
    return out;
}

// The destination as iproute2 copies it: (dst_len + 7) / 8 bytes.
std::array<std::byte, 16> prefix_bytes(const std::optional<net::IpAddress>& a, unsigned len)
{
    return bytes_of(a, (len + 7) / 8);
}

bool active(const PrefixMatch& p) { return p.family != 0 || p.specified; }

// root PREFIX (rdst/rsrc): routes at least as long as PREFIX, inside it.
bool match_root(const PrefixMatch& p, int family, unsigned len, const std::array<std::byte, 16>& addr)
{
    if (p.family && p.family != family)
        return false;
    if (active(p) && p.bitlen > static_cast<int>(len))
        return false;
    return !active(p) || bits_match(addr, p.data, p.bitlen);
}

// match PREFIX (mdst/msrc): routes no longer than PREFIX that contain it.
bool match_covers(const PrefixMatch& p, int family, unsigned len, const std::array<std::byte, 16>& addr)
{
    if (p.family && p.family != family)
        return false;
    if (active(p) && p.bitlen >= 0 && p.bitlen < static_cast<int>(len))
        return false;
    return !active(p) || p.bitlen < 0 || bits_match(addr, p.data, static_cast<int>(len));
}

std::string via_host(const net::rtnl::Via& v)
{
    if ((v.family == AF_INET && v.raw.size() == 4) || (v.family == AF_INET6 && v.raw.size() == 16))
        return net::format_address(v.family, v.raw);
    unsupported(fmt::format("via of family {}", v.family));
}

void print_flags(cli::Output& out, uint32_t flags)
{
    struct Flag {
        uint32_t bit;
        std::string_view word;
    };
    constexpr Flag words[] = {
        {RTNH_F_DEAD, "dead"},         {RTNH_F_ONLINK, "onlink"},         {RTNH_F_PERVASIVE, "pervasive"},
        {RTNH_F_OFFLOAD, "offload"},   {RTNH_F_TRAP, "trap"},             {RTM_F_NOTIFY, "notify"},
        {RTNH_F_LINKDOWN, "linkdown"}, {RTNH_F_UNRESOLVED, "unresolved"}, {RTM_F_OFFLOAD, "rt_offload"},
        {RTM_F_TRAP, "rt_trap"},       {RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
    };
    auto f = out.array("flags", cli::In::json);
    for (const Flag& w : words)
        if (flags & w.bit)
            out.element("{} ", w.word);
}

// print_rta_flow: "realm TO " or "realms FROM/TO ", {"flow":{...}}.
void print_flow(cli::Output& out, RtNames& names, uint32_t flow)
{
    uint32_t from = flow >> 16, to = flow & 0xffff;
    if (out.json()) {
        auto o = out.object("flow");
        if (from)
            out.json_field("from", names.realm(from));
        out.json_field("to", names.realm(to));
        return;
    }
    out.textf("realm{} ", from ? "s" : "");
    if (from)
        out.textf("{}/", names.realm(from));
    out.textf("{} ", names.realm(to));
}

void print_via(cli::Output& out, const net::rtnl::Via& v)
{
    std::string host = via_host(v);
    if (out.json()) {
        auto o = out.object("via");
        out.json_field("family", net::family_name(v.family));
        out.json_field("host", host);
        return;
    }
    out.textf("via {} ", net::family_name(v.family));
    out.field(family_color(v.family), "host", "{} ", host);
}

// print_rta_metrics: "mtu 1400 " in text, "metrics":[{...}] in JSON.
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
        bool present = values[i].has_value();
        if (!present && !locked)
            continue;
        uint32_t v = i == RTAX_CC_ALGO ? 0 : values[i].value_or(0);
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
            // iproute2 prints the whole value after "ecn" when other bits are set.
            if (v & RTAX_FEATURE_ECN) {
                out.json_null("ecn");
                out.text("ecn ");
            }
            if (v & ~static_cast<uint32_t>(RTAX_FEATURE_ECN)) {
                out.json_field("features", fmt::format("{:#x}", v));
                out.textf("{:#x} ", v);
            }
            break;
        default:
            out.field(name, "{} ", v);
        }
    }
}

// print_cache_flags: the RTCF_* bits of a cloned IPv4 route.
void print_cache_flags(Context& c, uint32_t flags)
{
    cli::Output& out = c.out;
    flags &= ~0xffffu;
    struct Flag {
        uint32_t bit;
        std::string_view word;
    };
    constexpr Flag words[] = {
        {RTCF_LOCAL, "local"},         {RTCF_REJECT, "reject"},        {RTCF_MULTICAST, "mc"},
        {RTCF_BROADCAST, "brd"},       {RTCF_DNAT, "dst-nat"},         {RTCF_SNAT, "src-nat"},
        {RTCF_MASQ, "masq"},           {RTCF_DIRECTDST, "dst-direct"}, {RTCF_DIRECTSRC, "src-direct"},
        {RTCF_REDIRECTED, "redirected"}, {RTCF_DOREDIRECT, "redirect"}, {RTCF_FAST, "fastroute"},
        {RTCF_NOTIFY, "notify"},       {RTCF_TPROXY, "proxy"},
    };
    auto arr = out.array("cache", cli::In::json);
    out.textf("{}    cache ", c.opt.oneline ? "\\" : "\n");
    if (flags == 0)
        return;
    out.text("<");
    for (const Flag& w : words) {
        if (!(flags & w.bit))
            continue;
        flags &= ~w.bit;
        out.element("{}", w.word, cli::In::json);
        out.textf("{}{}", w.word, flags ? "," : "> ");
    }
    if (flags) {
        // iproute2 prints a keyed value inside the JSON array here.
        if (out.json())
            unsupported("JSON of unknown route cache flags");
        out.textf("{:x}>", flags);
    }
}

void print_cacheinfo(Context& c, const rta_cacheinfo& ci)
{
    cli::Output& out = c.out;
    const long hz_l = sysconf(_SC_CLK_TCK);
    const int hz = hz_l > 0 ? static_cast<int>(hz_l) : 100;
    if (ci.rta_expires != 0)
        out.field("expires", "expires {}sec ", static_cast<int>(ci.rta_expires) / hz);
    if (ci.rta_error != 0)
        out.field("error", "error {} ", ci.rta_error);
    if (c.opt.stats) {
        if (ci.rta_clntref)
            out.field("users", "users {} ", ci.rta_clntref);
        if (ci.rta_used != 0)
            out.field("used", "used {} ", ci.rta_used);
        if (ci.rta_lastuse != 0)
            out.field("age", "age {}sec ", ci.rta_lastuse / static_cast<unsigned>(hz));
    }
    if (ci.rta_id) {
        out.json_field("ipid", fmt::format("{:#x}", ci.rta_id));
        out.textf("ipid {:#06x} ", ci.rta_id);
    }
    if (ci.rta_ts || ci.rta_tsage) {
        out.json_field("ts", fmt::format("{:#x}", ci.rta_ts));
        out.textf("ts {:#x}", ci.rta_ts);
        out.field("tsage", "tsage {}sec ", ci.rta_tsage);
    }
}

std::string dev_name(LinkCache& links, uint32_t index) { return index == 0 ? "*" : links.name(index); }

void print_nexthops(Context& c, LinkCache& links, RtNames& names, const Route& r)
{
    cli::Output& out = c.out;
    auto arr = out.array("nexthops", cli::In::json);
    const bool mc_cache = (r.flags & RTM_F_CLONED) && r.type == RTN_MULTICAST;
    bool first = true;
    for (const auto& nh : *r.nexthops) {
        auto o = out.object(cli::In::json);
        if (mc_cache) {
            out.text(first ? "Oifs: " : " ");
            first = false;
        } else {
            out.textf("{}\tnexthop ", c.opt.oneline ? "\\" : "\n");
        }
        if (nh.encap)
            unsupported("nexthop encap");
        if (nh.newdst) {
            out.json_field("to", net::format_address(*nh.newdst));
            out.textf("as to {} ", net::format_address(*nh.newdst));
        }
        if (nh.gateway) {
            out.text("via ");
            out.field(family_color(r.family), "gateway", "{} ", net::format_address(*nh.gateway));
        }
        if (nh.via)
            print_via(out, *nh.via);
        if (nh.flow)
            print_flow(out, names, *nh.flow);
        std::string dev = dev_name(links, static_cast<uint32_t>(nh.ifindex));
        if (mc_cache) {
            out.field("dev", "{}", dev);
            if (nh.hops != 1)
                out.field("ttl", "(ttl>{})", static_cast<int>(nh.hops));
            out.text(" ");
        } else {
            out.field("dev", "dev {} ", dev);
            if (r.family != AF_MPLS)
                out.field("weight", "weight {} ", static_cast<int>(nh.hops) + 1);
        }
        print_flags(out, nh.flags);
    }
}

void print_pref(cli::Output& out, uint8_t pref)
{
    switch (pref) {
    case ICMPV6_ROUTER_PREF_LOW: out.field("pref", "pref {}", "low"); break;
    case ICMPV6_ROUTER_PREF_MEDIUM: out.field("pref", "pref {}", "medium"); break;
    case ICMPV6_ROUTER_PREF_HIGH: out.field("pref", "pref {}", "high"); break;
    default: out.field("pref", "{}", static_cast<unsigned>(pref));
    }
}

} // namespace

bool filter_match(Filter& f, const Route& r, int family)
{
    const uint32_t table = r.table_id();
    if (family != AF_UNSPEC && r.family != family)
        return false;
    if (r.family == AF_INET6 && table != RT_TABLE_MAIN)
        f.ip6_multiple_tables = true;
    if (f.cloned == !(r.flags & RTM_F_CLONED))
        return false;
    if (r.family == AF_INET6 && !f.ip6_multiple_tables) {
        if (f.tb) {
            if (f.tb == RT_TABLE_LOCAL) {
                if (r.type != RTN_LOCAL)
                    return false;
            } else if (f.tb == RT_TABLE_MAIN) {
                if (r.type == RTN_LOCAL)
                    return false;
            } else {
                return false;
            }
        }
    } else if (f.tb > 0 && f.tb != table) {
        return false;
    }
    if ((f.protocol ^ r.protocol) & f.protocolmask)
        return false;
    if ((f.scope ^ r.scope) & f.scopemask)
        return false;
    if (f.typemask && !(f.typemask & (uint64_t{1} << (r.type & 31))))
        return false;
    if ((f.tos ^ r.tos) & f.tosmask)
        return false;
    if (!match_root(f.rdst, r.family, r.dst_len, prefix_bytes(r.dst, r.dst_len)))
        return false;
    if (!match_covers(f.mdst, r.family, r.dst_len, prefix_bytes(r.dst, r.dst_len)))
        return false;
    if (!match_root(f.rsrc, r.family, r.src_len, prefix_bytes(r.src, r.src_len)))
        return false;
    if (!match_covers(f.msrc, r.family, r.src_len, prefix_bytes(r.src, r.src_len)))
        return false;
    if (f.rvia.family) {
        int via_family = r.via ? r.via->family : r.family;
        if (via_family != f.rvia.family)
            return false;
        std::array<std::byte, 16> via{};
        if (f.rvia.bitlen > 0) {
            via = bytes_of(r.gateway);
            if (r.via)
                std::copy_n(r.via->raw.begin(), std::min<size_t>(16, r.via->raw.size()), via.begin());
        }
        if (!bits_match(via, f.rvia.data, f.rvia.bitlen))
            return false;
    }
    if (f.rprefsrc.family) {
        if (r.family != f.rprefsrc.family)
            return false;
        auto ps = f.rprefsrc.bitlen > 0 ? bytes_of(r.prefsrc) : std::array<std::byte, 16>{};
        if (!bits_match(ps, f.rprefsrc.data, f.rprefsrc.bitlen))
            return false;
    }
    if (f.realmmask && ((r.flow.value_or(0) ^ f.realm) & f.realmmask))
        return false;
    if (f.iifmask && ((static_cast<int>(r.iif.value_or(0)) ^ f.iif) & f.iifmask))
        return false;
    // iproute2 6.1 compares RTA_OIF alone: a multipath route (no RTA_OIF)
    // is not shown under "dev".
    if (f.oifmask && ((static_cast<int>(r.oif.value_or(0)) ^ f.oif) & f.oifmask))
        return false;
    if (f.markmask && ((static_cast<int>(r.mark.value_or(0)) ^ f.mark) & f.markmask))
        return false;
    if (f.metricmask && ((r.priority.value_or(0) ^ f.metric) & f.metricmask))
        return false;
    if (f.flushing && r.family == AF_INET6 && r.dst_len == 0 && r.type == RTN_UNREACHABLE && r.priority &&
        *r.priority == 0xffffffffu)
        return false;
    return true;
}

void print_route(Context& c, LinkCache& links, RtNames& names, const Filter& f, const Route& r)
{
    cli::Output& out = c.out;
    const int host_len = net::family_bits(r.family);
    if (r.family != AF_INET && r.family != AF_INET6)
        unsupported(fmt::format("printing of {} routes", net::family_name(r.family)));
    if (r.encap)
        unsupported("printing of encap routes");
    if (r.nhid && c.opt.details)
        unsupported("nexthop object details (-d with nhid)");
    auto o = out.object();
    if ((r.type != RTN_UNICAST || c.opt.details) && (!f.typemask || (f.typemask & (uint64_t{1} << (r.type & 31)))))
        out.field("type", "{} ", type_name(r.type, c.opt.numeric));
    // Addresses are coloured by family with the space after them ("default"
    // is not); device names as interfaces; the keywords before them are not.
    const cli::Color color = family_color(r.family);
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
    out.field(r.dst ? color : cli::Color::none, "dst", "{} ", dst);
    if (r.src) {
        std::string s = net::format_address(*r.src);
        if (r.src_len != host_len)
            s += fmt::format("/{}", r.src_len);
        out.field(color, "from", "from {} ", s);
    } else if (r.src_len) {
        out.field("src", "from {} ", fmt::format("0/{}", r.src_len));
    }
    if (r.nhid)
        out.field("nhid", "nhid {} ", *r.nhid);
    if (r.newdst) {
        out.text("as to ");
        out.field(color, "to", "{} ", net::format_address(*r.newdst));
    }
    if (r.tos && f.tosmask != -1)
        out.field("tos", "tos {} ", names.dsfield(r.tos));
    if (r.gateway && f.rvia.bitlen != host_len) {
        out.text("via ");
        out.field(color, "gateway", "{} ", net::format_address(*r.gateway));
    }
    if (r.via)
        print_via(out, *r.via);
    if (r.oif && f.oifmask != -1) {
        out.text("dev ");
        out.field(cli::Color::ifname, "dev", "{} ", dev_name(links, *r.oif));
    }
    const uint32_t table = r.table_id();
    if (table && (table != RT_TABLE_MAIN || c.opt.details) && !f.tb)
        out.field("table", "table {} ", names.table(table));
    if (!(r.flags & RTM_F_CLONED)) {
        if ((r.protocol != RTPROT_BOOT || c.opt.details) && f.protocolmask != -1)
            out.field("protocol", "proto {} ", names.protocol(r.protocol));
        if ((r.scope != RT_SCOPE_UNIVERSE || c.opt.details) && f.scopemask != -1)
            out.field("scope", "scope {} ", names.scope(r.scope));
    }
    if (r.prefsrc && f.rprefsrc.bitlen != host_len) {
        out.text("src ");
        out.field(color, "prefsrc", "{} ", net::format_address(*r.prefsrc));
    }
    if (r.priority && f.metricmask != 0xffffffffu)
        out.field("metric", "metric {} ", *r.priority);
    print_flags(out, r.flags);
    if (r.mark && *r.mark) {
        out.json_field("mark", *r.mark);
        if (*r.mark >= 16)
            out.textf("mark {:#x} ", *r.mark);
        else
            out.textf("mark {} ", *r.mark);
    }
    if (r.flow && f.realmmask != 0xffffffffu)
        print_flow(out, names, *r.flow);
    if (r.uid)
        out.field("uid", "uid {} ", *r.uid);
    if (r.family == AF_INET) {
        if (r.flags & RTM_F_CLONED)
            print_cache_flags(c, r.flags);
        if (r.cacheinfo)
            print_cacheinfo(c, *r.cacheinfo);
    } else if (r.family == AF_INET6 && r.cacheinfo) {
        print_cacheinfo(c, *r.cacheinfo);
    }
    if (r.metrics)
        print_metrics(out, r);
    if (r.iif && f.iifmask != -1) {
        out.text("iif ");
        out.field(cli::Color::ifname, "iif", "{} ", dev_name(links, *r.iif));
    }
    if (r.pref)
        print_pref(out, *r.pref);
    if (r.ttl_propagate) {
        out.json_field("ttl-propogate", *r.ttl_propagate != 0);
        out.textf("ttl-propogate {}", *r.ttl_propagate ? "enabled" : "disabled");
    }
    if (r.nexthops)
        print_nexthops(c, links, names, r);
    out.text("\n");
}

} // namespace nsbox::ip::route

namespace nsbox::ip {

void print_routes(Context& c, LinkCache& names, const std::vector<net::rtnl::Route>& routes, uint32_t table)
{
    int family = c.opt.family;
    if (family == AF_UNSPEC && table)
        family = AF_INET;
    route::Filter f;
    f.tb = table;
    RtNames rt;
    rt.numeric(c.opt.numeric);
    auto doc = c.out.document();
    for (const auto& r : routes)
        if (route::filter_match(f, r, family))
            route::print_route(c, names, rt, f, r);
}

} // namespace nsbox::ip
