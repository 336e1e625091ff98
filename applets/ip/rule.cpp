// ip rule: policy routing rules (iproute2's iprule.c): add, del, list/show
// SELECTOR, flush SELECTOR, save, restore.

#include "applets/ip/rule.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "applets/ip/linktypes.hpp"
#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip::rule {

namespace {

using net::rtnl::Rule;

constexpr std::string_view usage_text =
    "Usage: ip rule { add | del } SELECTOR ACTION\n"
    "       ip rule { flush | save | restore }\n"
    "       ip rule [ list [ SELECTOR ]]\n"
    "SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
    "            [ fwmark FWMARK[/MASK] ]\n"
    "            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
    "            [ uidrange NUMBER-NUMBER ]\n"
    "            [ ipproto PROTOCOL ]\n"
    "            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
    "            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
    "ACTION := [ table TABLE_ID ]\n"
    "          [ protocol PROTO ]\n"
    "          [ nat ADDRESS ]\n"
    "          [ realms [SRCREALM/]DSTREALM ]\n"
    "          [ goto NUMBER ]\n"
    "          SUPPRESSOR\n"
    "SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
    "              [ suppress_ifgroup DEVGROUP ]\n"
    "TABLE_ID := [ local | main | default | NUMBER ]\n";

// The magic that starts an `ip rule save` stream.
constexpr uint32_t dump_magic = 0x71706986;

[[noreturn]] void usage() { cli::fail(cli::exit_usage, std::string(usage_text)); }

// "FWMARK[/MASK]": the mark, and the mask when a slash is given.
struct Mark {
    uint32_t mark;
    std::optional<uint32_t> mask;
};
Mark parse_fwmark(std::string_view w)
{
    auto slash = w.find('/');
    std::string_view m = w.substr(0, slash);
    auto mark = net::parse_unsigned(m, 0);
    if (!mark)
        cli::invarg("fwmark value is invalid\n", m);
    Mark out{*mark, std::nullopt};
    if (slash != std::string_view::npos) {
        std::string_view k = w.substr(slash + 1);
        auto mask = net::parse_unsigned(k, 0);
        if (!mask)
            cli::invarg("fwmask value is invalid\n", k);
        out.mask = *mask;
    }
    return out;
}

// sscanf "%u-%u" (both needed).
std::optional<net::rtnl::UidRange> parse_uid_range(std::string_view w)
{
    std::string s(w);
    unsigned start = 0, end = 0;
    if (std::sscanf(s.c_str(), "%u-%u", &start, &end) != 2)
        return std::nullopt;
    return net::rtnl::UidRange{start, end};
}

// sscanf "%hu-%hu": one port is a range of one.
std::optional<net::rtnl::PortRange> parse_port_range(std::string_view w)
{
    std::string s(w);
    unsigned short start = 0, end = 0;
    int n = std::sscanf(s.c_str(), "%hu-%hu", &start, &end);
    if (n == 1)
        end = start;
    else if (n != 2)
        return std::nullopt;
    return net::rtnl::PortRange{start, end};
}

// iproute2's inet_proto_a2n: a decimal number up to 255, else a name.
std::optional<uint8_t> parse_ipproto(std::string_view w)
{
    if (auto n = net::parse_unsigned(w, 10); n && *n <= 255)
        return static_cast<uint8_t>(*n);
    if (auto p = ip_protocol_id(w); p && *p <= 255)
        return static_cast<uint8_t>(*p);
    return std::nullopt;
}

void add_order(Rule& r, uint16_t type)
{
    for (uint16_t t : r.order)
        if (t == type)
            return;
    r.order.push_back(type);
}

// The value of "iif"/"dev"/"oif": a valid interface name (check_ifname).
std::string_view ifname_arg(cli::Args& a, std::string_view what)
{
    std::string_view w = a.value();
    if (!valid_ifname(w))
        cli::invarg(what, w);
    return w;
}

Filter::Prefix filter_prefix(std::string_view w, int family)
{
    net::Prefix p = route::prefix_arg(w, family);
    Filter::Prefix out;
    out.family = p.addr.family ? p.addr.family : (p.any ? family : 0);
    out.bitlen = p.len;
    out.addr = p.addr;
    return out;
}

// iproute2's inet_addr_match_rta == 0 for a filter prefix and an attribute.
bool prefix_ok(const Filter::Prefix& f, uint8_t len, const std::optional<net::IpAddress>& a, uint8_t family)
{
    if (f.family != family || f.bitlen > len)
        return false;
    if (!a || f.bitlen <= 0)
        return true;
    if (a->family != f.family)
        return false;
    return net::prefix_match(*a, f.addr, f.bitlen);
}

// printf's "%#llx": 0 stays "0".
std::string hex0x(uint32_t v) { return v ? fmt::format("{:#x}", v) : std::string("0"); }

// A field that is null in JSON and `text` in text (iproute2's print_null).
void null_field(cli::Output& out, std::string_view key, std::string_view text)
{
    out.text(text);
    out.json_null(key);
}

} // namespace

bool filter_match(const Filter& f, const Rule& r, int family)
{
    if (family != AF_UNSPEC && r.family != family)
        return false;
    if (f.pref && *f.pref != r.priority.value_or(0))
        return false;
    if (f.invert && !(r.flags & FIB_RULE_INVERT))
        return false;
    if (f.src.family && !prefix_ok(f.src, r.src_len, r.src, r.family))
        return false;
    if (f.dst.family && !prefix_ok(f.dst, r.dst_len, r.dst, r.family))
        return false;
    if (f.tos && *f.tos != r.tos)
        return false;
    if (f.fwmark && f.fwmark != r.fwmark.value_or(0))
        return false;
    if (f.fwmask && f.fwmask != r.fwmask.value_or(0))
        return false;
    if (f.iif && (!r.iifname || *r.iifname != *f.iif))
        return false;
    if (f.oif && (!r.oifname || *r.oifname != *f.oif))
        return false;
    if (f.l3mdev && !r.l3mdev.value_or(0))
        return false;
    if (f.uid_range && (!r.uid_range || *r.uid_range != *f.uid_range))
        return false;
    if (f.ip_proto && f.ip_proto != r.ip_proto.value_or(0))
        return false;
    if (f.sport.start && (!r.sport || *r.sport != f.sport))
        return false;
    if (f.dport.start && (!r.dport || *r.dport != f.dport))
        return false;
    if (f.tun_id && (!r.tun_id || *r.tun_id != f.tun_id))
        return false;
    if (f.table && f.table != r.table_id())
        return false;
    return true;
}

void print_rule(Context& c, RtNames& names, const Rule& r)
{
    cli::Output& out = c.out;
    auto obj = out.object();
    const int host_len = net::family_bits(r.family);
    out.field("priority", "{}:\t", r.priority.value_or(0));
    if (r.flags & FIB_RULE_INVERT)
        null_field(out, "not", "not ");
    const cli::Color color = family_color(r.family);
    if (r.src) {
        out.text("from ");
        out.field(color, "src", "{}", net::format_address(*r.src));
        if (r.src_len != host_len)
            out.field("srclen", "/{}", r.src_len);
    } else if (r.src_len) {
        out.field("src", "from {}", "0");
        out.field("srclen", "/{}", r.src_len);
    } else {
        out.field("src", "from {}", "all");
    }
    if (r.dst) {
        out.text(" to ");
        out.field(color, "dst", "{}", net::format_address(*r.dst));
        if (r.dst_len != host_len)
            out.field("dstlen", "/{}", r.dst_len);
    } else if (r.dst_len) {
        out.field("dst", " to {}", "0");
        out.field("dstlen", "/{}", r.dst_len);
    }
    if (r.tos)
        out.field("tos", " tos {}", names.dsfield(r.tos));
    if (r.fwmark || r.fwmask) {
        out.field("fwmark", " fwmark {}", hex0x(r.fwmark.value_or(0)));
        if (r.fwmask && *r.fwmask != 0xffffffffu)
            out.field("fwmask", "/{}", hex0x(*r.fwmask));
    }
    if (r.iifname) {
        out.text(" iif ");
        out.field(cli::Color::ifname, "iif", "{}", *r.iifname);
        if (r.flags & FIB_RULE_IIF_DETACHED)
            null_field(out, "iif_detached", " [detached]");
    }
    if (r.oifname) {
        out.text(" oif ");
        out.field(cli::Color::ifname, "oif", "{}", *r.oifname);
        if (r.flags & FIB_RULE_OIF_DETACHED)
            null_field(out, "oif_detached", " [detached]");
    }
    if (r.l3mdev.value_or(0))
        null_field(out, "l3mdev", " lookup [l3mdev-table]");
    if (r.uid_range) {
        out.field("uid_start", " uidrange {}", r.uid_range->start);
        out.field("uid_end", "-{}", r.uid_range->end);
    }
    if (r.ip_proto) {
        auto name = c.opt.numeric ? std::nullopt : ip_protocol_name(*r.ip_proto);
        out.field("ipproto", " ipproto {}", name ? *name : fmt::format("ipproto-{}", *r.ip_proto));
    }
    for (auto [p, key] : {std::pair{&r.sport, std::string_view("sport")}, std::pair{&r.dport, std::string_view("dport")}}) {
        if (!*p)
            continue;
        const net::rtnl::PortRange& range = **p;
        if (range.start == range.end) {
            out.textf(" {} ", key);
            out.field(key, "{}", range.start);
        } else {
            out.textf(" {} ", key);
            out.field(std::string(key) + "_start", "{}", range.start);
            out.field(std::string(key) + "_end", "-{}", range.end);
        }
    }
    if (r.tun_id)
        out.field("tun_id", " tun_id {}", *r.tun_id);
    if (uint32_t table = r.table_id()) {
        out.field("table", " lookup {}", names.table(table));
        if (r.suppress_prefixlen && static_cast<int32_t>(*r.suppress_prefixlen) != -1)
            out.field("suppress_prefixlen", " suppress_prefixlength {}", static_cast<int32_t>(*r.suppress_prefixlen));
        if (r.suppress_ifgroup && static_cast<int32_t>(*r.suppress_ifgroup) != -1)
            out.field("suppress_ifgroup", " suppress_ifgroup {}",
                      c.opt.numeric ? std::to_string(static_cast<int32_t>(*r.suppress_ifgroup))
                                    : group_name(*r.suppress_ifgroup));
    }
    if (r.flow) {
        uint32_t to = *r.flow & 0xffff;
        uint32_t from = *r.flow >> 16;
        if (from)
            out.field("flow_from", " realms {}/", names.realm(from));
        else
            out.text(" realms ");
        out.field("flow_to", "{}", names.realm(to));
    }
    if (r.action == RTN_NAT) {
        if (r.gateway)
            out.field("nat_gateway", " map-to {}", net::format_address(*r.gateway));
        else
            null_field(out, "masquerade", " masquerade");
    } else if (r.action == FR_ACT_GOTO) {
        if (r.goto_target)
            out.field("goto", " goto {}", *r.goto_target);
        else
            out.field("goto", " goto {}", "none");
        if (r.flags & FIB_RULE_UNRESOLVED)
            null_field(out, "unresolved", " [unresolved]");
    } else if (r.action == FR_ACT_NOP) {
        null_field(out, "nop", " nop");
    } else if (r.action != FR_ACT_TO_TBL) {
        out.field("action", " {}", route::type_name(r.action, c.opt.numeric));
    }
    if (r.protocol && ((*r.protocol && *r.protocol != RTPROT_KERNEL) || c.opt.details > 0))
        out.field("protocol", " proto {}", names.protocol(*r.protocol));
    out.text("\n");
}

Rule modify_request(Context& c, RtNames& names, cli::Args& a, uint16_t nl_cmd)
{
    Rule r;
    r.family = static_cast<uint8_t>(c.opt.family);
    r.action = FR_ACT_UNSPEC;
    if (nl_cmd == RTM_NEWRULE) {
        if (a.empty())
            cli::fail(cli::exit_failure, "\"ip rule add\" requires arguments.\n");
        r.action = FR_ACT_TO_TBL;
    } else if (a.empty()) {
        cli::fail(cli::exit_failure, "\"ip rule del\" requires arguments.\n");
    }
    bool table_ok = false, l3mdev_rule = false;
    uint32_t tid = 0;
    for (; !a.empty(); a.next()) {
        if (a.is("not")) {
            r.flags |= FIB_RULE_INVERT;
        } else if (a.is("from") || a.is("to")) {
            const bool from = a.is("from");
            net::Prefix p = route::prefix_arg(a.value(), r.family);
            net::IpAddress addr = p.has_bytes() ? p.addr : net::IpAddress{};
            if (from) {
                r.src_len = static_cast<uint8_t>(p.len);
                r.src = addr;
                add_order(r, FRA_SRC);
            } else {
                r.dst_len = static_cast<uint8_t>(p.len);
                r.dst = addr;
                add_order(r, FRA_DST);
            }
        } else if (a.matches("preference") || a.matches("order") || a.matches("priority")) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("preference value is invalid\n", w);
            r.priority = *v;
            add_order(r, FRA_PRIORITY);
        } else if (a.is("tos") || a.matches("dsfield")) {
            std::string_view w = a.value();
            auto t = names.dsfield_id(w);
            if (!t)
                cli::invarg("TOS value is invalid\n", w);
            r.tos = static_cast<uint8_t>(*t);
        } else if (a.is("fwmark")) {
            Mark m = parse_fwmark(a.value());
            r.fwmark = m.mark;
            add_order(r, FRA_FWMARK);
            if (m.mask) {
                r.fwmask = *m.mask;
                add_order(r, FRA_FWMASK);
            }
        } else if (a.matches("realms")) {
            std::string_view w = a.value();
            auto v = names.realms(w);
            if (!v)
                cli::invarg("invalid realms\n", w);
            r.flow = *v;
            add_order(r, FRA_FLOW);
        } else if (a.matches("protocol")) {
            std::string_view w = a.value();
            auto p = names.protocol_id(w);
            if (!p)
                cli::invarg("\"protocol\" value is invalid\n", w);
            r.protocol = static_cast<uint8_t>(*p);
            add_order(r, FRA_PROTOCOL);
        } else if (a.matches("tun_id")) {
            std::string_view w = a.value();
            auto v = net::parse_u64(w);
            if (!v)
                cli::invarg("\"tun_id\" value is invalid\n", w);
            r.tun_id = *v;
            add_order(r, FRA_TUN_ID);
        } else if (a.matches("table") || a.is("lookup")) {
            std::string_view w = a.value();
            auto t = names.table_id(w);
            if (!t)
                cli::invarg("invalid table ID\n", w);
            tid = *t;
            if (tid < 256) {
                r.table = static_cast<uint8_t>(tid);
            } else {
                r.table = RT_TABLE_UNSPEC;
                r.table_attr = tid;
                add_order(r, FRA_TABLE);
            }
            table_ok = true;
        } else if (a.matches("suppress_prefixlength") || a.is("sup_pl")) {
            std::string_view w = a.value();
            auto v = net::parse_integer(w);
            if (!v || *v < 0)
                cli::invarg("suppress_prefixlength value is invalid\n", w);
            r.suppress_prefixlen = static_cast<uint32_t>(*v);
            add_order(r, FRA_SUPPRESS_PREFIXLEN);
        } else if (a.matches("suppress_ifgroup") || a.is("sup_group")) {
            std::string_view w = a.value();
            auto g = group_number(w);
            if (!g)
                cli::invarg("Invalid \"suppress_ifgroup\" value\n", w);
            r.suppress_ifgroup = *g;
            add_order(r, FRA_SUPPRESS_IFGROUP);
        } else if (a.is("dev") || a.is("iif")) {
            r.iifname = std::string(ifname_arg(a, "\"iif\"/\"dev\" not a valid ifname"));
            add_order(r, FRA_IIFNAME);
        } else if (a.is("oif")) {
            r.oifname = std::string(ifname_arg(a, "\"oif\" not a valid ifname"));
            add_order(r, FRA_OIFNAME);
        } else if (a.is("l3mdev")) {
            r.l3mdev = 1;
            add_order(r, FRA_L3MDEV);
            table_ok = l3mdev_rule = true;
        } else if (a.is("uidrange")) {
            std::string_view w = a.value();
            auto u = parse_uid_range(w);
            if (!u)
                cli::invarg("invalid UID range\n", w);
            r.uid_range = *u;
            add_order(r, FRA_UID_RANGE);
        } else if (a.is("nat") || a.matches("map-to")) {
            std::string_view w = a.value();
            c.out.flush();
            std::fputs("Warning: route NAT is deprecated\n", stderr);
            auto addr = net::parse_address(w, AF_INET);
            if (!addr)
                cli::fail(cli::exit_failure, fmt::format("Error: an IP address is expected rather than \"{}\"\n", w), cli::Stop::batch);
            r.gateway = *addr;
            add_order(r, net::rtnl::fra_gateway);
            r.action = RTN_NAT;
        } else if (a.is("ipproto")) {
            std::string_view w = a.value();
            auto p = parse_ipproto(w);
            if (!p)
                cli::invarg("Invalid \"ipproto\" value\n", w);
            r.ip_proto = *p;
            add_order(r, FRA_IP_PROTO);
        } else if (a.is("sport") || a.is("dport")) {
            const bool sport = a.is("sport");
            std::string_view w = a.value();
            auto p = parse_port_range(w);
            if (!p)
                cli::invarg(sport ? "invalid port range\n" : "invalid dport range\n", w);
            (sport ? r.sport : r.dport) = *p;
            add_order(r, sport ? FRA_SPORT_RANGE : FRA_DPORT_RANGE);
        } else {
            if (a.is("type"))
                a.value();
            std::string_view w = a.peek();
            unsigned type = 0;
            if (cli::matches(w, "help")) {
                usage();
            } else if (cli::matches(w, "goto")) {
                type = FR_ACT_GOTO;
                std::string_view t = a.value();
                auto v = net::parse_unsigned(t, 0);
                if (!v)
                    cli::invarg("invalid target\n", t);
                r.goto_target = *v;
                add_order(r, FRA_GOTO);
            } else if (cli::matches(w, "nop")) {
                type = FR_ACT_NOP;
            } else if (auto t = route::type_word(w)) {
                type = *t;
            } else {
                cli::invarg("Failed to parse rule type", w);
            }
            r.action = static_cast<uint8_t>(type);
            table_ok = true;
        }
    }
    if (l3mdev_rule && tid != 0)
        cli::fail(EINVAL, "table can not be specified for l3mdev rules\n");
    if (r.family == AF_UNSPEC)
        r.family = AF_INET;
    if (!table_ok && nl_cmd == RTM_NEWRULE)
        r.table = RT_TABLE_MAIN;
    return r;
}

Filter parse_filter(Context& c, RtNames& names, cli::Args& a)
{
    int af = c.opt.family == AF_UNSPEC ? AF_INET : c.opt.family;
    Filter f;
    for (; !a.empty(); a.next()) {
        if (a.matches("preference") || a.matches("order") || a.matches("priority")) {
            std::string_view w = a.value();
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("preference value is invalid\n", w);
            f.pref = *v;
        } else if (a.is("not")) {
            f.invert = true;
        } else if (a.is("tos") || a.is("dsfield")) {
            std::string_view w = a.value();
            auto t = names.dsfield_id(w);
            if (!t)
                cli::invarg("TOS value is invalid\n", w);
            f.tos = static_cast<uint8_t>(*t);
        } else if (a.is("fwmark")) {
            Mark m = parse_fwmark(a.value());
            f.fwmark = m.mark;
            if (m.mask)
                f.fwmask = *m.mask;
        } else if (a.is("dev") || a.is("iif")) {
            f.iif = std::string(ifname_arg(a, "\"iif\"/\"dev\" not a valid ifname"));
        } else if (a.is("oif")) {
            f.oif = std::string(ifname_arg(a, "\"oif\" not a valid ifname"));
        } else if (a.is("l3mdev")) {
            f.l3mdev = true;
        } else if (a.is("uidrange")) {
            std::string_view w = a.value();
            auto u = parse_uid_range(w);
            if (!u)
                cli::invarg("invalid UID range\n", w);
            f.uid_range = *u;
        } else if (a.matches("tun_id")) {
            std::string_view w = a.value();
            auto v = net::parse_u64(w);
            if (!v)
                cli::invarg("\"tun_id\" value is invalid\n", w);
            f.tun_id = *v;
        } else if (a.matches("lookup") || a.matches("table")) {
            std::string_view w = a.value();
            auto t = names.table_id(w);
            if (!t)
                cli::invarg("table id value is invalid\n", w);
            f.table = *t;
        } else if (a.matches("from") || a.matches("src")) {
            f.src = filter_prefix(a.value(), af);
        } else if (a.matches("protocol")) {
            std::string_view w = a.value();
            f.protocolmask = 0xff;
            auto p = names.protocol_id(w);
            if (!p) {
                if (w != "all")
                    cli::invarg("invalid \"protocol\"\n", w);
                p = 0;
                f.protocolmask = 0;
            }
            f.protocol = static_cast<uint8_t>(*p);
        } else if (a.is("ipproto")) {
            std::string_view w = a.value();
            auto p = parse_ipproto(w);
            if (!p)
                cli::invarg("Invalid \"ipproto\" value\n", w);
            f.ip_proto = *p;
        } else if (a.is("sport") || a.is("dport")) {
            const bool sport = a.is("sport");
            std::string_view w = a.value();
            auto p = parse_port_range(w);
            if (!p)
                cli::invarg(sport ? "invalid port range\n" : "invalid dport range\n", w);
            (sport ? f.sport : f.dport) = *p;
        } else {
            std::string_view w = a.peek();
            if (a.matches("dst") || a.matches("to"))
                w = a.value();
            f.dst = filter_prefix(w, af);
        }
    }
    return f;
}

namespace {

enum class Action { list, flush, save };

// A rule dump as rtnl_dump_filter reports its failure: the kernel's words,
// then "Dump terminated"; iprule's "return 1" is exit status 255 (ip
// negates what a command returns).
[[noreturn]] void dump_failed(const net::Error& e)
{
    if (!e.context().empty())
        throw e;
    std::string msg;
    if (!e.extack().empty())
        msg = fmt::format("Error: {}{}\n", e.extack(), e.extack().ends_with('.') ? "" : ".");
    else if (e.code() == EMSGSIZE)
        msg = "Error: Buffer too small for object.\n";
    else if (e.code() != ENOENT && e.code() != EOPNOTSUPP)
        msg = fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code()));
    cli::fail(cli::exit_usage, msg + "Dump terminated\n", cli::Stop::batch);
}

void write_all(const void* p, size_t n)
{
    const auto* b = static_cast<const char*>(p);
    while (n) {
        ssize_t w = ::write(STDOUT_FILENO, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            cli::fail(cli::exit_failure, "Short write while saving nlmsg\n");
        b += w;
        n -= static_cast<size_t>(w);
    }
}

int list_flush_save(Context& c, cli::Args& a, Action action)
{
    RtNames names;
    names.numeric(c.opt.numeric);
    const int af = c.opt.family == AF_UNSPEC ? AF_INET : c.opt.family;
    if (action == Action::save) {
        if (!a.empty())
            cli::fail(cli::exit_failure, "\"ip rule save\" does not take any arguments.\n");
        if (isatty(STDOUT_FILENO))
            cli::fail(cli::exit_failure, "Not sending a binary stream to stdout\n");
        c.out.flush();
        write_all(&dump_magic, sizeof dump_magic);
    }
    Filter f = parse_filter(c, names, a);
    net::Message req = net::rtnl::rule_dump_request(static_cast<uint8_t>(af));
    // iproute2 opens its JSON document before the dump and closes it after:
    // a save under -j ends with "[]" written after the binary stream.
    auto doc = c.out.document();
    std::vector<std::byte> bytes;
    try {
        bytes = c.rtnl().socket().dump(req);
    } catch (const net::Error& e) {
        doc.abandon();
        c.out.flush();
        dump_failed(e);
    }
    for (const net::Msg& m : net::split_messages(bytes)) {
        if (m.type() == NLMSG_DONE || m.type() == NLMSG_ERROR)
            continue;
        if (action == Action::save) {
            write_all(&m.header(), m.header().nlmsg_len);
            continue;
        }
        if (m.type() != RTM_NEWRULE)
            continue;
        Rule r = net::rtnl::decode_rule(m);
        if (!filter_match(f, r, c.opt.family))
            continue;
        if (action == Action::list) {
            print_rule(c, names, r);
            continue;
        }
        if (r.protocol && ((f.protocol ^ *r.protocol) & f.protocolmask))
            continue;
        if (!r.priority)
            continue;
        net::Message del = net::rtnl::copy_rule(m, RTM_DELRULE, NLM_F_REQUEST);
        try {
            c.rtnl().request(del);
        } catch (const net::Error& e) {
            doc.abandon();
            c.out.flush();
            if (!e.context().empty())
                throw;
            cli::fail(cli::exit_usage, refusal_text(e) + "Dump terminated\n", cli::Stop::batch);
        }
    }
    doc.close();
    return 0;
}

// iproute2's rtnl_from_file with restore_handler: each saved message sent
// as it is read (flags REQUEST, CREATE and ACK added); a refusal other
// than "File exists" ends the restore, as does a truncated message.
int restore(Context& c)
{
    if (isatty(STDIN_FILENO))
        cli::fail(cli::exit_usage, "Can't restore rule dump from a terminal\n");
    uint32_t magic = 0;
    size_t n = std::fread(&magic, sizeof magic, 1, stdin);
    if (magic != dump_magic)
        cli::fail(cli::exit_usage, fmt::format("Magic mismatch ({} elems, {:x} magic)\n", n, magic));
    for (;;) {
        nlmsghdr h;
        size_t got = std::fread(&h, 1, sizeof h, stdin);
        if (got == 0 && std::feof(stdin))
            return 0;
        if (got != sizeof h)
            cli::fail(cli::exit_usage, "rtnl-from_file: truncated message\n");
        if (h.nlmsg_len < sizeof h || h.nlmsg_len > 16384)
            cli::fail(cli::exit_usage, fmt::format("!!!malformed message: len={} @{}\n", static_cast<int>(h.nlmsg_len),
                                                   static_cast<unsigned long>(std::ftell(stdin))));
        std::vector<std::byte> msg(sizeof h + NLMSG_ALIGN(h.nlmsg_len - sizeof h));
        std::memcpy(msg.data(), &h, sizeof h);
        size_t want = msg.size() - sizeof h;
        if (std::fread(msg.data() + sizeof h, 1, want, stdin) != want)
            cli::fail(cli::exit_usage, "rtnl-from_file: truncated message\n");
        for (const net::Msg& m : net::split_messages(msg)) {
            net::Message req = net::rtnl::copy_rule(m, m.type(), m.flags() | NLM_F_REQUEST | NLM_F_CREATE);
            try {
                c.rtnl().request(req);
            } catch (const net::Error& e) {
                if (!e.context().empty())
                    throw;
                if (e.code() != EEXIST)
                    cli::fail(cli::exit_usage, refusal_text(e));
                std::fputs(refusal_text(e).c_str(), stderr);
            }
        }
    }
}

} // namespace

} // namespace nsbox::ip::rule

namespace nsbox::ip {

int do_rule(Context& c, cli::Args& a)
{
    using rule::Action;
    if (a.empty())
        return rule::list_flush_save(c, a, Action::list);
    if (a.matches("list") || a.matches("lst") || a.matches("show")) {
        a.next();
        return rule::list_flush_save(c, a, Action::list);
    }
    if (a.matches("save")) {
        a.next();
        return rule::list_flush_save(c, a, Action::save);
    }
    if (a.matches("restore"))
        return rule::restore(c);
    if (a.matches("add") || a.matches("delete")) {
        const uint16_t cmd = a.matches("add") ? RTM_NEWRULE : RTM_DELRULE;
        a.next();
        RtNames names;
        net::rtnl::Rule r = rule::modify_request(c, names, a, cmd);
        net::Message m =
            net::rtnl::encode(cmd, cmd == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0, r);
        talk(c, m);
        return 0;
    }
    if (a.matches("flush")) {
        a.next();
        return rule::list_flush_save(c, a, Action::flush);
    }
    if (a.matches("help"))
        rule::usage();
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip rule help\".\n", a.peek()));
}

} // namespace nsbox::ip
