// ip link: the table of link kinds (iproute2's link_util list) and the
// dispatch of linktypes.hpp over it: "type KIND ARGS", "ip link help
// KIND" and the kind's data under ip -d.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <strings.h>

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"
#include "applets/ip/usage.hpp"

namespace nsbox::ip {

namespace {

using namespace kinds;

// Every kind iproute2 6.1 has a link_util for, sorted by name. Where
// iproute2 has a parser, a printer or a help and nsbox not yet, the row
// says so with the *_not_yet functions.
constexpr LinkKind kind_table[] = {
    {"amt", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"bareudp", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"batadv", parse_not_yet, nullptr, usage_not_yet, 0},
    {"bond", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"bond_slave", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"bridge", bridge_parse, bridge_print, bridge_usage, IFLA_BR_MAX},
    {"bridge_slave", bridge_slave_parse, bridge_slave_print, bridge_slave_usage, IFLA_BRPORT_MAX},
    {"can", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"dsa", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"dummy", nullptr, nullptr, usage_plain, 0},
    {"erspan", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"geneve", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"gre", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"gretap", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"gtp", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"hsr", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ifb", nullptr, nullptr, usage_plain, 0},
    {"ip6erspan", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ip6gre", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ip6gretap", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ip6tnl", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ipip", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ipoib", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ipvlan", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"ipvtap", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"macsec", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"macvlan", macvlan_parse, macvlan_print, macvlan_usage, IFLA_MACVLAN_MAX},
    {"macvtap", macvlan_parse, macvlan_print, macvlan_usage, IFLA_MACVLAN_MAX},
    {"netdevsim", nullptr, nullptr, usage_not_yet, 0},
    {"nlmon", nullptr, nullptr, usage_plain, 0},
    {"rmnet", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"sit", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"team", nullptr, nullptr, usage_not_yet, 0},
    {"team_slave", nullptr, nullptr, usage_not_yet, 0},
    {"tun", nullptr, tun_print, nullptr, IFLA_TUN_MAX},
    {"vcan", nullptr, nullptr, usage_plain, 0},
    {"veth", veth_parse, nullptr, veth_usage, 0},
    {"virt_wifi", nullptr, nullptr, usage_not_yet, 0},
    {"vlan", vlan_parse, vlan_print, vlan_usage, IFLA_VLAN_MAX},
    {"vrf", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"vrf_slave", nullptr, print_not_yet, usage_not_yet, 0},
    {"vti", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"vti6", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"vxcan", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"vxlan", vxlan_parse, vxlan_print, vxlan_usage, IFLA_VXLAN_MAX},
    {"wwan", parse_not_yet, print_not_yet, usage_not_yet, 0},
    {"xfrm", parse_not_yet, print_not_yet, usage_not_yet, 0},
};
constexpr std::string_view name_of(const LinkKind& k) { return k.name; }
static_assert(std::ranges::is_sorted(kind_table, {}, name_of), "kind_table must be sorted by name");

} // namespace

const LinkKind* find_kind(std::string_view name)
{
    auto it = std::ranges::lower_bound(kind_table, name, {}, name_of);
    return it != std::end(kind_table) && it->name == name ? &*it : nullptr;
}

std::span<const LinkKind> link_kinds() { return kind_table; }

namespace kinds {

void parse_not_yet(Context&, cli::Args&, net::rtnl::Link& req, bool)
{
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: options of \"type {}\" are not supported yet\n", *req.kind));
}

void print_not_yet(Context&, LinkCache&, const net::AttrTable&)
{
    // Never called: its address marks a row (kind_data_unsupported,
    // print_kind_data, which names the kind). Its message is its own, so
    // lld's identical-code folding cannot merge it with another function.
    cli::fail(cli::exit_usage, "nsbox ip: the details of this link kind are not supported yet\n");
}

std::string usage_not_yet(std::string_view kind)
{
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: link help {} is not supported yet\n", kind));
}

std::string usage_plain(std::string_view kind) { return fmt::format("Usage: ... {}\n", kind); }

std::string proto_name(uint16_t be)
{
    uint16_t id = ntohs(be);
    switch (id) {
    case ETH_P_8021Q: return "802.1Q";
    case ETH_P_8021AD: return "802.1ad";
    case ETH_P_IP: return "ip";
    case ETH_P_IPV6: return "ipv6";
    case ETH_P_ARP: return "arp";
    default: return fmt::format("[{}]", id);
    }
}

std::optional<uint16_t> parse_vlan_proto(std::string_view w)
{
    struct P {
        std::string_view name;
        uint16_t id;
    };
    constexpr P protos[] = {{"802.1Q", ETH_P_8021Q}, {"802.1ad", ETH_P_8021AD}, {"ip", ETH_P_IP},
                            {"ipv6", ETH_P_IPV6},    {"arp", ETH_P_ARP}};
    for (const P& p : protos)
        if (p.name.size() == w.size() && strncasecmp(p.name.data(), w.data(), w.size()) == 0)
            return htons(p.id);
    auto v = net::parse_unsigned(w, 0, 0xffff);
    if (!v)
        return std::nullopt;
    return htons(static_cast<uint16_t>(*v));
}

std::string bridge_id(net::Bytes b)
{
    if (b.size() < sizeof(ifla_bridge_id))
        return {};
    auto u = [&](size_t i) { return static_cast<unsigned>(b[i]); };
    return fmt::format("{:02x}{:02x}.{:x}:{:x}:{:x}:{:x}:{:x}:{:x}", u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7));
}

} // namespace kinds

// ---------------------------------------------------------------------------
// linktypes.hpp over the table

void parse_kind_options(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op)
{
    if (a.empty())
        return;
    const LinkKind* k = find_kind(*req.kind);
    if (!k) {
        if (a.matches("help"))
            cli::fail(cli::exit_usage, std::string(link_usage));
        cli::fail(cli::exit_failure,
                  fmt::format("Garbage instead of arguments \"{} ...\". Try \"ip link help\".\n", a.peek()));
    }
    if (!k->parse) {
        // iproute2 opens the data nest and, with no parser, ignores the words.
        req.empty_info_data = true;
        return;
    }
    k->parse(c, a, req, set_op);
}

int kind_help(Context& c, std::string_view kind)
{
    const LinkKind* k = find_kind(kind);
    if (!k || !k->usage)
        cli::fail(cli::exit_usage, std::string(link_usage));
    c.out.text(k->usage(kind));
    return 0;
}

bool kind_data_unsupported(std::string_view kind, bool slave)
{
    const LinkKind* k = find_kind(slave ? std::string(kind) + "_slave" : std::string(kind));
    return k && k->print == kinds::print_not_yet;
}

bool print_kind_data(Context& c, LinkCache& names, const net::rtnl::Link& l, bool slave)
{
    std::string name = slave ? *l.slave_kind + "_slave" : *l.kind;
    const LinkKind* k = find_kind(name);
    if (!k || !k->print)
        return false;
    if (k->print == kinds::print_not_yet)
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: the details of \"{}\" links are not supported yet\n", name));
    auto o = c.out.object(slave ? "info_slave_data" : "info_data");
    const auto& blob = slave ? l.slave_data : l.info_data;
    if (blob)
        k->print(c, names, blob->table(k->maxattr));
    return true;
}

} // namespace nsbox::ip
