// ip link: type vxlan (iproute2's iplink_vxlan.c): its options, help and
// data under ip -d.

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip::kinds {

namespace {

constexpr std::string_view vxlan_help = "Usage: ... vxlan id VNI\n"
                                         "\t\t[ { group | remote } IP_ADDRESS ]\n"
                                         "\t\t[ local ADDR ]\n"
                                         "\t\t[ ttl TTL ]\n"
                                         "\t\t[ tos TOS ]\n"
                                         "\t\t[ df DF ]\n"
                                         "\t\t[ flowlabel LABEL ]\n"
                                         "\t\t[ dev PHYS_DEV ]\n"
                                         "\t\t[ dstport PORT ]\n"
                                         "\t\t[ srcport MIN MAX ]\n"
                                         "\t\t[ [no]learning ]\n"
                                         "\t\t[ [no]proxy ]\n"
                                         "\t\t[ [no]rsc ]\n"
                                         "\t\t[ [no]l2miss ]\n"
                                         "\t\t[ [no]l3miss ]\n"
                                         "\t\t[ ageing SECONDS ]\n"
                                         "\t\t[ maxaddress NUMBER ]\n"
                                         "\t\t[ [no]udpcsum ]\n"
                                         "\t\t[ [no]udp6zerocsumtx ]\n"
                                         "\t\t[ [no]udp6zerocsumrx ]\n"
                                         "\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
                                         "\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
                                         "\t\t[ [no]vnifilter ]\n"
                                         "\n"
                                         "Where:\tVNI\t:= 0-16777215\n"
                                         "\tADDR\t:= { IP_ADDRESS | any }\n"
                                         "\tTOS\t:= { NUMBER | inherit }\n"
                                         "\tTTL\t:= { 1..255 | auto | inherit }\n"
                                         "\tDF\t:= { unset | set | inherit }\n"
                                         "\tLABEL := 0-1048575\n";

// An address on a vxlan command line (iproute2's get_addr and its
// address-type flags).
struct VxAddr {
    std::optional<net::IpAddress> addr; // a family and bytes ("inet")
    bool multicast() const
    {
        if (!addr)
            return false;
        if (addr->family == AF_INET)
            return (static_cast<unsigned>(addr->bytes[0]) & 0xf0) == 0xe0;
        return static_cast<unsigned>(addr->bytes[0]) == 0xff;
    }
    bool inet_not_multi() const { return addr && !multicast(); }
};

VxAddr vx_addr(std::string_view w, int family)
{
    VxAddr a;
    if (w == "default") {
        if (family == AF_INET || family == AF_INET6) {
            net::IpAddress z;
            z.family = static_cast<uint8_t>(family);
            a.addr = z;
        }
        return a;
    }
    if (w == "all" || w == "any")
        return a;
    auto p = net::parse_address(w, family);
    if (!p)
        cli::fail(cli::exit_failure, fmt::format("Error: {} address is expected rather than \"{}\".\n",
                                                 net::family_name_verbose(family), w), cli::Stop::batch);
    a.addr = *p;
    return a;
}

// The on/off options written WORD (1) and noWORD (0), one u8 attribute
// each, in iproute2 6.1's parser order (the first a prefix matches wins).
// ip -d prints an `early` one after learning, the others after maxaddr;
// an `always` one as WORD or noWORD, the others as WORD when on.
struct Toggle {
    const char* word;
    const char* json; // JSON key
    uint16_t type;
    std::optional<uint8_t> net::rtnl::VxlanData::*field;
    bool early;
    bool always;
};
using D = net::rtnl::VxlanData;
constexpr Toggle toggles[] = {
    {"proxy", "proxy", IFLA_VXLAN_PROXY, &D::proxy, true, false},
    {"rsc", "rsc", IFLA_VXLAN_RSC, &D::rsc, true, false},
    {"l2miss", "l2miss", IFLA_VXLAN_L2MISS, &D::l2miss, true, false},
    {"l3miss", "l3miss", IFLA_VXLAN_L3MISS, &D::l3miss, true, false},
    {"udpcsum", "udp_csum", IFLA_VXLAN_UDP_CSUM, &D::udp_csum, false, true},
    {"udp6zerocsumtx", "udp_zero_csum6_tx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &D::udp_zero_csum6_tx, false, true},
    {"udp6zerocsumrx", "udp_zero_csum6_rx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &D::udp_zero_csum6_rx, false, true},
    {"remcsumtx", "remcsum_tx", IFLA_VXLAN_REMCSUM_TX, &D::remcsum_tx, false, false},
    {"remcsumrx", "remcsum_rx", IFLA_VXLAN_REMCSUM_RX, &D::remcsum_rx, false, false},
};

// The toggle a word names and the value it sets. (A word "n" or "no" never
// gets here: nolearning, tried before, takes it.)
std::pair<const Toggle*, uint8_t> find_toggle(std::string_view w)
{
    const bool no = w.size() > 2 && w.starts_with("no");
    for (const Toggle& t : toggles) {
        if (no && cli::matches(w.substr(2), t.word))
            return {&t, 0};
        if (cli::matches(w, t.word))
            return {&t, 1};
    }
    return {nullptr, 0};
}

void print_toggles(cli::Output& out, const net::AttrTable& t, bool early)
{
    for (const Toggle& x : toggles) {
        if (x.early != early)
            continue;
        auto v = t.as<uint8_t>(x.type);
        if (!v || (!*v && !x.always))
            continue;
        out.json_field(x.json, *v != 0);
        out.textf("{}{} ", *v ? "" : "no", x.word);
    }
}

} // namespace

std::string vxlan_usage(std::string_view) { return std::string(vxlan_help); }

void vxlan_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op)
{
    net::rtnl::VxlanData v;
    uint64_t attrs = 0;
    VxAddr saddr, daddr;
    uint32_t vni = 0;
    uint8_t learning = 1;
    uint16_t dstport = 0;
    bool metadata = false, vnifilter = false;
    auto isset = [&](int type) { return (attrs & (uint64_t{1} << type)) != 0; };
    auto dup = [&](int type, std::string_view key, std::string_view arg) {
        if (isset(type))
            cli::duparg2(key, arg);
        attrs |= uint64_t{1} << type;
    };
    auto fail = [](std::string_view msg) { cli::fail(cli::exit_failure, fmt::format("vxlan: {}\n", msg)); };
    for (; !a.empty(); a.next()) {
        std::string_view w0 = a.peek();
        auto m = [&](std::string_view full) { return cli::matches(w0, full); };
        if (m("id") || m("vni")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_ID, "id", w);
            auto n = net::parse_unsigned(w, 0, 0xffffffffu);
            if (!n || *n >= (1u << 24))
                cli::invarg("invalid id", w);
            vni = static_cast<uint32_t>(*n);
        } else if (m("group")) {
            if (daddr.inet_not_multi())
                fail("both group and remote cannot be specified");
            std::string_view w = a.value();
            dup(IFLA_VXLAN_GROUP, "group", w);
            daddr = vx_addr(w, saddr.addr ? saddr.addr->family : AF_UNSPEC);
            if (!daddr.multicast())
                cli::invarg("invalid group address", w);
        } else if (m("remote")) {
            if (daddr.multicast())
                fail("both group and remote cannot be specified");
            std::string_view w = a.value();
            dup(IFLA_VXLAN_GROUP, "remote", w);
            daddr = vx_addr(w, saddr.addr ? saddr.addr->family : AF_UNSPEC);
            if (!daddr.inet_not_multi())
                cli::invarg("invalid remote address", w);
        } else if (m("local")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LOCAL, "local", w);
            saddr = vx_addr(w, daddr.addr ? daddr.addr->family : AF_UNSPEC);
            if (!saddr.inet_not_multi())
                cli::invarg("invalid local address", w);
        } else if (m("dev")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LINK, "dev", w);
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::fail(cli::exit_usage, fmt::format("Cannot find device \"{}\"\n", w));
            v.link = idx;
        } else if (m("ttl") || m("hoplimit")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_TTL, "ttl", w);
            if (w == "inherit") {
                v.ttl_inherit = true;
            } else if (w == "auto") {
                v.ttl = 0;
            } else {
                auto n = net::parse_unsigned(w, 0, 0xffffffffu);
                if (!n)
                    cli::invarg("invalid TTL", w);
                if (*n > 255)
                    cli::invarg("TTL must be <= 255", w);
                v.ttl = static_cast<uint8_t>(*n);
            }
        } else if (m("tos") || m("dsfield")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_TOS, "tos", w);
            if (w == "inherit") {
                v.tos = 1;
            } else {
                std::optional<uint32_t> n;
                for (const auto& [id, name] : read_id_table("/etc/iproute2/rt_dsfield"))
                    if (name == w && id <= 255)
                        n = id;
                if (!n)
                    n = net::parse_unsigned(w, 16, 255);
                if (!n)
                    cli::invarg("bad TOS value", w);
                v.tos = static_cast<uint8_t>(*n);
            }
        } else if (m("df")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_DF, "df", w);
            if (w == "unset")
                v.df = VXLAN_DF_UNSET;
            else if (w == "set")
                v.df = VXLAN_DF_SET;
            else if (w == "inherit")
                v.df = VXLAN_DF_INHERIT;
            else
                cli::invarg("DF must be 'unset', 'set' or 'inherit'", w);
        } else if (m("label") || m("flowlabel")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LABEL, "flowlabel", w);
            auto n = net::parse_unsigned(w, 0, 0xffffffffu);
            if (!n || (*n & ~uint64_t{0xfffff}))
                cli::invarg("invalid flowlabel", w);
            v.label_be = htonl(static_cast<uint32_t>(*n));
        } else if (m("ageing")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_AGEING, "ageing", w);
            std::optional<uint32_t> n = w == "none" ? std::optional<uint32_t>(0) : net::parse_unsigned(w, 0, 0xffffffffu);
            if (!n)
                cli::invarg("ageing timer", w);
            v.ageing = static_cast<uint32_t>(*n);
        } else if (m("maxaddress")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_LIMIT, "maxaddress", w);
            std::optional<uint32_t> n =
                w == "unlimited" ? std::optional<uint32_t>(0) : net::parse_unsigned(w, 0, 0xffffffffu);
            if (!n)
                cli::invarg("max addresses", w);
            v.limit = static_cast<uint32_t>(*n);
        } else if (m("port") || m("srcport")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_PORT_RANGE, "srcport", w);
            auto lo = net::parse_unsigned(w, 0, 0xffff);
            if (!lo)
                cli::invarg("min port", w);
            std::string_view w2 = a.value();
            auto hi = net::parse_unsigned(w2, 0, 0xffff);
            if (!hi)
                cli::invarg("max port", w2);
            if (*lo || *hi) {
                ifla_vxlan_port_range r{};
                r.low = htons(static_cast<uint16_t>(*lo));
                r.high = htons(static_cast<uint16_t>(*hi));
                v.port_range = r;
            }
        } else if (m("dstport")) {
            std::string_view w = a.value();
            dup(IFLA_VXLAN_PORT, "dstport", w);
            auto n = net::parse_unsigned(w, 0, 0xffff);
            if (!n)
                cli::invarg("dst port", w);
            dstport = static_cast<uint16_t>(*n);
        } else if (m("nolearning")) {
            dup(IFLA_VXLAN_LEARNING, w0, w0);
            learning = 0;
        } else if (m("learning")) {
            dup(IFLA_VXLAN_LEARNING, w0, w0);
            learning = 1;
        } else if (auto [tg, on] = find_toggle(w0); tg) {
            dup(tg->type, w0, w0);
            v.*(tg->field) = on;
        } else if (m("external")) {
            dup(IFLA_VXLAN_COLLECT_METADATA, w0, w0);
            metadata = true;
            learning = 0;
            v.collect_metadata = 1;
        } else if (m("noexternal")) {
            dup(IFLA_VXLAN_COLLECT_METADATA, w0, w0);
            metadata = false;
            v.collect_metadata = 0;
        } else if (m("gbp")) {
            dup(IFLA_VXLAN_GBP, w0, w0);
            v.gbp = true;
        } else if (m("gpe")) {
            dup(IFLA_VXLAN_GPE, w0, w0);
            v.gpe = true;
        } else if (w0 == "vnifilter") {
            dup(IFLA_VXLAN_VNIFILTER, w0, w0);
            v.vnifilter = 1;
            vnifilter = true;
        } else if (w0 == "novnifilter") {
            dup(IFLA_VXLAN_VNIFILTER, w0, w0);
            v.vnifilter = 0;
        } else if (m("help")) {
            cli::fail(cli::exit_failure, std::string(vxlan_help));
        } else {
            cli::fail(cli::exit_failure, fmt::format("vxlan: unknown command \"{}\"?\n{}", w0, vxlan_help));
        }
    }
    if (!metadata && vnifilter)
        fail("vnifilter is valid only when 'external' is set");
    if (metadata && isset(IFLA_VXLAN_ID))
        fail("both 'external' and vni cannot be specified");
    if (!metadata && !vnifilter && !isset(IFLA_VXLAN_ID) && !set_op)
        fail("missing virtual network identifier");
    if (daddr.multicast() && !isset(IFLA_VXLAN_LINK))
        fail("'group' requires 'dev' to be specified");
    if (!isset(IFLA_VXLAN_PORT) && isset(IFLA_VXLAN_GPE)) {
        dstport = 4790;
    } else if (!isset(IFLA_VXLAN_PORT) && !set_op) {
        std::fputs("vxlan: destination port not specified\n"
                   "Will use Linux kernel default (non-standard value)\n"
                   "Use 'dstport 4789' to get the IANA assigned value\n"
                   "Use 'dstport 0' to get default and quiet this message\n",
                   stderr);
    }
    if (isset(IFLA_VXLAN_ID))
        v.id = vni;
    bool selected_family = false;
    if (saddr.addr) {
        v.local = *saddr.addr;
        selected_family = true;
    }
    if (daddr.addr) {
        v.group = *daddr.addr;
        selected_family = true;
    }
    if (!selected_family && (c.opt.family == AF_INET || c.opt.family == AF_INET6)) {
        net::IpAddress z;
        z.family = static_cast<uint8_t>(c.opt.family);
        v.group = z;
    }
    if (!set_op || isset(IFLA_VXLAN_LEARNING))
        v.learning = learning;
    if (dstport)
        v.port = dstport;
    req.vxlan = v;
}

void vxlan_print(Context& c, LinkCache& names, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    if (auto m = t.as<uint8_t>(IFLA_VXLAN_COLLECT_METADATA); m && *m)
        out.json_field("external", true), out.text("external ");
    if (auto f = t.as<uint8_t>(IFLA_VXLAN_VNIFILTER); f && *f)
        out.json_field("vnifilter", true), out.text("vnifilter");
    if (const net::Attr* id = t.get(IFLA_VXLAN_ID); id && id->payload().size() >= 4) {
        uint32_t v;
        std::memcpy(&v, id->payload().data(), 4);
        out.field("id", "id {} ", v);
    }
    if (const net::Attr* g = t.get(IFLA_VXLAN_GROUP)) {
        if (g->payload().size() == 4) {
            uint32_t be;
            std::memcpy(&be, g->payload().data(), 4);
            if (be) {
                std::string s = net::format_address(AF_INET, g->payload());
                if ((ntohl(be) & 0xf0000000u) == 0xe0000000u)
                    out.field("group", "group {} ", s);
                else
                    out.field("remote", "remote {} ", s);
            }
        }
    } else if (const net::Attr* g6 = t.get(IFLA_VXLAN_GROUP6); g6 && g6->payload().size() == 16) {
        auto p = g6->payload();
        bool zero = std::all_of(p.begin(), p.end(), [](std::byte b) { return b == std::byte{0}; });
        if (!zero) {
            std::string s = net::format_address(AF_INET6, p);
            if (p[0] == std::byte{0xff})
                out.field("group6", "group {} ", s);
            else
                out.field("remote6", "remote {} ", s);
        }
    }
    if (const net::Attr* l = t.get(IFLA_VXLAN_LOCAL)) {
        if (l->payload().size() == 4) {
            uint32_t be;
            std::memcpy(&be, l->payload().data(), 4);
            if (be)
                out.field("local", "local {} ", net::format_address(AF_INET, l->payload()));
        }
    } else if (const net::Attr* l6 = t.get(IFLA_VXLAN_LOCAL6); l6 && l6->payload().size() == 16) {
        auto p = l6->payload();
        if (!std::all_of(p.begin(), p.end(), [](std::byte b) { return b == std::byte{0}; }))
            out.field("local6", "local {} ", net::format_address(AF_INET6, p));
    }
    if (auto link = t.as<uint32_t>(IFLA_VXLAN_LINK); link && *link)
        out.field("link", "dev {} ", names.name(*link));
    if (auto r = t.as<ifla_vxlan_port_range>(IFLA_VXLAN_PORT_RANGE)) {
        auto o = out.object("port_range");
        out.json_field("low", static_cast<unsigned>(ntohs(r->low)));
        out.json_field("high", static_cast<unsigned>(ntohs(r->high)));
        out.textf("srcport {} {} ", ntohs(r->low), ntohs(r->high));
    }
    if (auto p = t.as<uint16_t>(IFLA_VXLAN_PORT))
        out.field("port", "dstport {} ", static_cast<unsigned>(ntohs(*p)));
    if (auto l = t.as<uint8_t>(IFLA_VXLAN_LEARNING)) {
        out.json_field("learning", *l != 0);
        if (!*l)
            out.text("nolearning ");
    }
    print_toggles(out, t, true);
    uint8_t tos = t.as<uint8_t>(IFLA_VXLAN_TOS).value_or(0);
    if (tos) {
        if (out.json() || tos != 1)
            out.field("tos", "tos {} ", fmt::format("{:#x}", tos));
        else
            out.text("tos inherit ");
    }
    if (auto ti = t.as<uint8_t>(IFLA_VXLAN_TTL_INHERIT); ti && *ti) {
        out.text("ttl inherit ");
    } else if (auto ttl = t.as<uint8_t>(IFLA_VXLAN_TTL)) {
        if (out.json() || *ttl)
            out.field("ttl", "ttl {} ", static_cast<unsigned>(*ttl));
        else
            out.text("ttl auto ");
    }
    if (auto df = t.as<uint8_t>(IFLA_VXLAN_DF)) {
        if (*df == VXLAN_DF_UNSET)
            out.json_field("df", "unset");
        else if (*df == VXLAN_DF_SET)
            out.field("df", "df {} ", std::string_view("set"));
        else if (*df == VXLAN_DF_INHERIT)
            out.field("df", "df {} ", std::string_view("inherit"));
    }
    if (auto label = t.as<uint32_t>(IFLA_VXLAN_LABEL); label && *label)
        out.field("label", "flowlabel {} ", fmt::format("{:#x}", ntohl(*label)));
    if (auto age = t.as<uint32_t>(IFLA_VXLAN_AGEING)) {
        if (*age == 0) {
            out.json_field("ageing", 0u);
            out.text("ageing none ");
        } else {
            out.field("ageing", "ageing {} ", *age);
        }
    }
    if (auto lim = t.as<uint32_t>(IFLA_VXLAN_LIMIT); lim && *lim)
        out.field("limit", "maxaddr {} ", *lim);
    print_toggles(out, t, false);
    if (t.has(IFLA_VXLAN_GBP))
        out.json_field("gbp", true), out.text("gbp ");
    if (t.has(IFLA_VXLAN_GPE))
        out.json_field("gpe", true), out.text("gpe ");
}

} // namespace nsbox::ip::kinds
