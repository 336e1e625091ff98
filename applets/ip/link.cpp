// ip link: add, set, delete, show (iproute2's iplink.c and the link half of
// ipaddress.c's printer).

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/inet.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Link;

constexpr std::string_view oper_states[] = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                            "TESTING", "DORMANT", "UP"};
constexpr std::string_view link_modes[] = {"DEFAULT", "DORMANT", "TESTING"};

struct FlagName {
    uint32_t bit;
    std::string_view name;
};

// iproute2's print_link_flags order.
constexpr FlagName flag_names[] = {
    {IFF_LOOPBACK, "LOOPBACK"},   {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
    {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"},         {IFF_ALLMULTI, "ALLMULTI"},
    {IFF_PROMISC, "PROMISC"},     {IFF_MASTER, "MASTER"},       {IFF_SLAVE, "SLAVE"},
    {IFF_DEBUG, "DEBUG"},         {IFF_DYNAMIC, "DYNAMIC"},     {IFF_AUTOMEDIA, "AUTOMEDIA"},
    {IFF_PORTSEL, "PORTSEL"},     {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
    {IFF_LOWER_UP, "LOWER_UP"},   {IFF_DORMANT, "DORMANT"},     {IFF_ECHO, "ECHO"},
};

void print_operstate(Context& c, uint8_t state)
{
    if (state >= std::size(oper_states)) {
        c.out.json_field("operstate_index", static_cast<unsigned>(state));
        c.out.textf("state {:#x} ", state);
    } else if (c.opt.brief) {
        c.out.field("operstate", "{:<14} ", oper_states[state]);
    } else {
        c.out.field("operstate", "state {} ", oper_states[state]);
    }
}

// "name: " or "name@peer: "; returns whether the lower device is down
// (M-DOWN).
bool print_name_and_link(Context& c, LinkNames& names, const Link& l, bool brief)
{
    std::string name = l.name.value_or("");
    bool m_down = false;
    if (l.link) {
        uint32_t iflink = *l.link;
        if (iflink == 0) {
            name += "@NONE";
            c.out.json_null("link");
        } else if (l.link_netnsid) {
            c.out.json_field("link_index", static_cast<int>(iflink));
            name += fmt::format("@if{}", iflink);
        } else {
            std::string peer = names.name(iflink);
            c.out.json_field("link", peer);
            name += "@" + peer;
            auto f = names.flags(iflink);
            m_down = f && !(*f & IFF_UP);
        }
    }
    if (c.out.json())
        c.out.json_field("ifname", l.name.value_or(""));
    else if (brief)
        c.out.textf("{:<16} ", name);
    else
        c.out.textf("{}: ", name);
    return m_down;
}

std::string group_name(uint32_t g) { return g == 0 ? "default" : std::to_string(g); }

} // namespace

void print_link_flags(cli::Output& out, uint32_t flags, bool m_down)
{
    auto a = out.array("flags", cli::In::any, "<", "> ");
    if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
        out.element("{},", std::string_view("NO-CARRIER"));
    flags &= ~IFF_RUNNING;
    for (const auto& f : flag_names) {
        if (!(flags & f.bit))
            continue;
        flags &= ~f.bit;
        if (flags)
            out.element("{},", f.name);
        else
            out.element("{}", f.name);
    }
    if (flags)
        out.element("{}", fmt::format("{:x}", flags));
    if (m_down)
        out.element(",{}", std::string_view("M-DOWN"));
}

void print_link(Context& c, LinkNames& names, const Link& l, bool do_link)
{
    cli::Output& out = c.out;
    const bool brief = c.opt.brief;
    const int family = do_link ? AF_PACKET : c.opt.family;
    if (brief) {
        bool m_down = print_name_and_link(c, names, l, true);
        if (l.operstate)
            print_operstate(c, *l.operstate);
        if (family == AF_PACKET) {
            if (l.address)
                out.field("address", "{} ", net::format_lladdr(*l.address, l.type));
            print_link_flags(out, l.flags, m_down);
            out.text("\n");
        }
        return;
    }
    out.field("ifindex", "{}: ", l.index);
    bool m_down = print_name_and_link(c, names, l, false);
    print_link_flags(out, l.flags, m_down);
    if (l.mtu)
        out.field("mtu", "mtu {} ", *l.mtu);
    if (l.qdisc)
        out.field("qdisc", "qdisc {} ", *l.qdisc);
    if (l.master)
        out.field("master", "master {} ", names.name(*l.master));
    if (l.operstate)
        print_operstate(c, *l.operstate);
    if (do_link && l.linkmode) {
        if (*l.linkmode < std::size(link_modes))
            out.field("linkmode", "mode {} ", link_modes[*l.linkmode]);
        else
            out.field("linkmode", "mode {} ", static_cast<unsigned>(*l.linkmode));
    }
    if (l.group)
        out.field("group", "group {} ", group_name(*l.group));
    std::optional<uint32_t> qlen = l.txqlen;
    if (!qlen && l.name)
        qlen = net::rtnl::txqlen_by_name(*l.name);
    if (qlen && *qlen)
        out.field("txqlen", "qlen {}", static_cast<int>(*qlen));
    if (family == AF_UNSPEC || family == AF_PACKET || c.opt.details) {
        out.text(c.opt.oneline ? "\\" : "\n");
        out.field("link_type", "    link/{} ", net::link_type_name(l.type));
        if (l.address)
            out.field("address", "{}", net::format_lladdr(*l.address, l.type));
        if (l.broadcast) {
            if (l.flags & IFF_POINTOPOINT) {
                out.text(" peer ");
                out.json_field("link_pointtopoint", true);
            } else {
                out.text(" brd ");
            }
            out.field("broadcast", "{}", net::format_lladdr(*l.broadcast, l.type));
        }
    }
    if (l.link_netnsid) {
        int id = *l.link_netnsid;
        if (out.json()) {
            out.json_field("link_netnsid", id);
        } else if (id >= 0) {
            std::string ns = names.netns_name(id);
            if (!ns.empty())
                out.textf(" link-netns {}", ns);
            else
                out.textf(" link-netnsid {}", id);
        } else {
            out.text(" link-netnsid unknown");
        }
    }
    if (l.proto_down && *l.proto_down) {
        out.json_field("proto_down", true);
        out.text(" protodown on ");
    }
    out.text("\n");
}

} // namespace nsbox::ip

namespace nsbox::ip {

namespace {

// iproute2's ll_addr_a2n: hex bytes separated by ':' (or '.'), each 1-2
// digits. Failures print its sentences and exit 1.
std::vector<std::byte> parse_lladdr(std::string_view w)
{
    std::vector<std::byte> out;
    std::string_view rest = w;
    while (!rest.empty()) {
        size_t n = 0;
        unsigned v = 0;
        while (n < rest.size() && n < 3 && std::isxdigit(static_cast<unsigned char>(rest[n]))) {
            v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(rest[n]))
                                                   ? rest[n] - '0'
                                                   : (std::tolower(static_cast<unsigned char>(rest[n])) - 'a' + 10));
            ++n;
        }
        if (n == 0 || v > 255)
            cli::fail(cli::exit_failure, fmt::format("\"{}\" is invalid lladdr.\n", w));
        out.push_back(static_cast<std::byte>(v));
        rest.remove_prefix(n);
        if (rest.empty())
            break;
        if (rest.front() != ':' && rest.front() != '.')
            cli::fail(cli::exit_failure, fmt::format("\"{}\" is invalid lladdr.\n", w));
        rest.remove_prefix(1);
    }
    return out;
}

// The parts of a link request common to a link and a veth peer
// (iproute2's iplink_parse). Stops after "type KIND" and returns the kind.
struct LinkArgs {
    std::optional<std::string> name;
    std::optional<std::string> dev;
    bool dev_from_name = false;
    uint32_t flags = 0, change = 0;
    std::optional<uint32_t> mtu, txqlen, master;
    std::optional<std::vector<std::byte>> address, broadcast;
    std::optional<std::string> netns;
    std::optional<std::string> type;
};

LinkArgs parse_link_args(Context& c, cli::Args& a)
{
    LinkArgs l;
    for (; !a.empty(); a.next()) {
        if (a.is("up")) {
            l.change |= IFF_UP;
            l.flags |= IFF_UP;
        } else if (a.is("down")) {
            l.change |= IFF_UP;
            l.flags &= ~IFF_UP;
        } else if (a.is("name")) {
            std::string_view w = a.value();
            if (l.name)
                cli::duparg("name", w);
            if (!valid_ifname(w))
                cli::invarg("\"name\" not a valid ifname", w);
            l.name = std::string(w);
            if (!l.dev) {
                l.dev = l.name;
                l.dev_from_name = true;
            }
        } else if (a.is("index")) {
            cli::fail(cli::exit_usage, "nsbox ip: link option \"index\" is not supported yet\n");
        } else if (a.matches("link")) {
            cli::fail(cli::exit_usage, "nsbox ip: link option \"link\" is not supported yet\n");
        } else if (a.matches("address")) {
            auto b = parse_lladdr(a.value());
            l.address = std::move(b);
        } else if (a.matches("broadcast") || a.is("brd")) {
            auto b = parse_lladdr(a.value());
            l.broadcast = std::move(b);
        } else if (a.matches("txqueuelen") || a.is("qlen") || a.matches("txqlen")) {
            std::string_view w = a.value();
            if (l.txqlen)
                cli::duparg("txqueuelen", w);
            auto v = net::parse_unsigned(w, 0);
            if (!v)
                cli::invarg("Invalid \"txqueuelen\" value\n", w);
            l.txqlen = *v;
        } else if (a.is("mtu")) {
            std::string_view w = a.value();
            if (l.mtu)
                cli::duparg("mtu", w);
            auto v = net::parse_unsigned(w, 0);
            if (!v || *v > INT_MAX)
                cli::invarg("Invalid \"mtu\" value\n", w);
            l.mtu = *v;
        } else if (a.is("netns")) {
            std::string_view w = a.value();
            if (l.netns)
                cli::duparg("netns", w);
            l.netns = std::string(w);
        } else if (a.matches("master")) {
            std::string_view w = a.value();
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::invarg("Device does not exist\n", w);
            l.master = idx;
        } else if (a.matches("nomaster")) {
            l.master = 0;
        } else if (a.matches("type")) {
            l.type = std::string(a.value());
            a.next();
            break;
        } else if (a.is("xdpgeneric") || a.is("xdpdrv") || a.is("xdpoffload") || a.is("xdp") ||
                   a.is("multicast") || a.is("allmulticast") || a.is("promisc") || a.is("trailers") ||
                   a.is("arp") || a.is("carrier") || a.is("vf") || a.is("vrf") || a.matches("dynamic") ||
                   a.matches("alias") || a.is("group") || a.is("mode") || a.is("state") ||
                   a.is("numtxqueues") || a.is("numrxqueues") || a.matches("addrgenmode") ||
                   a.matches("link-netns") || a.is("link-netnsid") || a.is("protodown") ||
                   a.is("protodown_reason") || a.is("gso_max_size") || a.is("gso_max_segs") ||
                   a.is("gro_max_size") || a.is("parentdev")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: link option \"{}\" is not supported yet\n", a.peek()));
        } else {
            if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(link_usage));
            if (a.is("dev"))
                a.value();
            if (l.dev && !l.dev_from_name)
                cli::duparg2("dev", a.peek());
            if (!valid_ifname(a.peek(), true))
                cli::invarg("\"dev\" not a valid ifname", a.peek());
            l.dev = std::string(a.peek());
            l.dev_from_name = false;
        }
    }
    return l;
}

constexpr std::string_view bridge_usage =
    "Usage: ... bridge [ fdb_flush ]\n"
    "\t\t  [ forward_delay FORWARD_DELAY ]\n"
    "\t\t  [ hello_time HELLO_TIME ]\n"
    "\t\t  [ max_age MAX_AGE ]\n"
    "\t\t  [ ageing_time AGEING_TIME ]\n"
    "\t\t  [ stp_state STP_STATE ]\n"
    "\t\t  [ priority PRIORITY ]\n"
    "\t\t  [ group_fwd_mask MASK ]\n"
    "\t\t  [ group_address ADDRESS ]\n"
    "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
    "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
    "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
    "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
    "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
    "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
    "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
    "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
    "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
    "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
    "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
    "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
    "\t\t  [ mcast_hash_max HASH_MAX ]\n"
    "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
    "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
    "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
    "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
    "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
    "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
    "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
    "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
    "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
    "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
    "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
    "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
    "\n"
    "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";

// A word after "type bridge": options nsbox does not set yet fail loudly;
// anything else gets iproute2's answer.
[[noreturn]] void bridge_option(std::string_view w)
{
    constexpr std::string_view known[] = {
        "fdb_flush", "forward_delay", "hello_time", "max_age", "ageing_time", "stp_state", "priority",
        "vlan_filtering", "vlan_protocol", "group_fwd_mask", "group_address", "mcast_snooping",
        "mcast_vlan_snooping", "mcast_router", "mcast_query_use_ifaddr", "mcast_querier",
        "mcast_querier_interval", "mcast_hash_elasticity", "mcast_hash_max", "mcast_last_member_count",
        "mcast_startup_query_count", "mcast_last_member_interval", "mcast_membership_interval",
        "mcast_query_interval", "mcast_query_response_interval", "mcast_startup_query_interval",
        "mcast_stats_enabled", "mcast_igmp_version", "mcast_mld_version", "nf_call_iptables",
        "nf_call_ip6tables", "nf_call_arptables", "vlan_default_pvid", "vlan_stats_enabled",
        "vlan_stats_per_port", "no_linklocal_learn", "mst_enabled"};
    for (std::string_view k : known)
        if (k == w)
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: bridge option \"{}\" is not supported yet\n", w));
    if (cli::matches(w, "help"))
        cli::fail(cli::exit_usage, "nsbox ip: link help is not supported yet\n");
    cli::fail(cli::exit_failure, fmt::format("bridge: unknown command \"{}\"?\n{}", w, bridge_usage));
}

// iproute2's netns_get_fd, then a PID: the "netns" value of a request.
void set_netns(const std::string& w, std::optional<int>& fd, std::optional<uint32_t>& pid)
{
    try {
        fd = net::netns::open(w);
        return;
    } catch (const net::Error&) {
    }
    auto v = net::parse_unsigned(w, 0);
    if (!v || w.empty() || w.front() == '-' || w.front() == '+')
        cli::invarg("Invalid \"netns\" value\n", w);
    pid = *v;
}

int link_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t flags)
{
    const bool create = flags & NLM_F_CREATE;
    LinkArgs p = parse_link_args(c, a);
    Link req;
    req.family = static_cast<uint8_t>(c.opt.family);
    req.flags = p.flags;
    req.change = p.change;
    req.mtu = p.mtu;
    req.txqlen = p.txqlen;
    req.master = p.master;
    req.address = p.address;
    req.broadcast = p.broadcast;
    if (p.netns)
        set_netns(*p.netns, req.net_ns_fd, req.net_ns_pid);
    if (!create) {
        if (!p.dev)
            cli::fail(cli::exit_usage, "Not enough information: \"dev\" argument is required.\n");
        auto dev = p.dev->size() < IFNAMSIZ
                       ? c.rtnl().link(*p.dev, AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS)
                       : std::nullopt;
        if (!dev)
            no_device(*p.dev);
        req.index = dev->index;
        // iproute2 checks a new address's length against the device's.
        if (p.address && !p.address->empty() && dev->address && dev->address->size() != p.address->size())
            cli::fail(cli::exit_failure, fmt::format("Invalid address length {} - must be {} bytes\n",
                                                     p.address->size(), dev->address->size()));
        if (p.name && p.name != p.dev)
            req.name = p.name;
    } else {
        if (p.name && p.dev && p.name != p.dev)
            cli::fail(cli::exit_usage, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
        if (p.name)
            req.name = p.name;
        else if (p.dev)
            req.name = p.dev;
    }
    if (p.type) {
        req.kind = *p.type;
        if (*p.type == "veth") {
            if (!a.empty()) {
                if (!a.is("peer")) {
                    // iproute2 prints this usage on stdout.
                    c.out.text("Usage: ip link <options> type veth [peer <options>]\n"
                               "To get <options> type 'ip link add help'\n");
                    c.out.flush();
                    cli::fail(cli::exit_failure, "");
                }
                a.next();
                LinkArgs q = parse_link_args(c, a);
                if (q.type)
                    cli::duparg("type", *q.type);
                if (q.master)
                    cli::fail(cli::exit_usage, "nsbox ip: \"master\" for a veth peer is not supported yet\n");
                net::rtnl::VethPeer peer;
                peer.flags = q.flags;
                peer.change = q.change;
                peer.name = q.name ? q.name : q.dev;
                peer.mtu = q.mtu;
                peer.txqlen = q.txqlen;
                peer.address = q.address;
                if (q.netns)
                    set_netns(*q.netns, peer.net_ns_fd, peer.net_ns_pid);
                req.veth_peer = std::move(peer);
            }
        } else if (!a.empty()) {
            if (*p.type == "bridge")
                bridge_option(a.peek());
            if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(link_usage));
            cli::fail(cli::exit_failure,
                      fmt::format("Garbage instead of arguments \"{} ...\". Try \"ip link help\".\n", a.peek()));
        }
    } else if (create) {
        cli::fail(cli::exit_failure, "Not enough information: \"type\" argument is required\n");
    }
    net::Message m = net::rtnl::encode(cmd, flags, req);
    int rc = 0;
    try {
        c.rtnl().request(m);
    } catch (const net::Error& e) {
        if (req.net_ns_fd)
            ::close(*req.net_ns_fd);
        kernel_refused(e);
    }
    if (req.net_ns_fd)
        ::close(*req.net_ns_fd);
    return rc;
}

} // namespace

int do_link(Context& c, cli::Args& a)
{
    if (a.empty())
        return list_links(c, a, true);
    if (a.matches("add")) {
        a.next();
        return link_modify(c, a, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    }
    if (a.matches("set") || a.matches("change")) {
        a.next();
        return link_modify(c, a, RTM_NEWLINK, 0);
    }
    if (a.matches("replace")) {
        a.next();
        return link_modify(c, a, RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE);
    }
    if (a.matches("delete")) {
        a.next();
        return link_modify(c, a, RTM_DELLINK, 0);
    }
    if (a.matches("show") || a.matches("lst") || a.matches("list")) {
        a.next();
        return list_links(c, a, true);
    }
    if (a.matches("help") && !a.has_next())
        cli::fail(cli::exit_usage, std::string(link_usage));
    if (a.matches("xstats") || a.matches("afstats") || a.matches("property") || a.matches("help"))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: link {} is not supported yet\n", a.peek()));
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip link help\".\n", a.peek()));
}

} // namespace nsbox::ip
