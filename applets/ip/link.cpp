// ip link: add, set, delete, show (iproute2's iplink.c and the link half of
// ipaddress.c: print_linkinfo and its -d and -s parts). The link kinds'
// own options and details are in linktypes.cpp.

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <strings.h>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/linktypes.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/inet.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Link;

constexpr std::string_view oper_states[] = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                            "TESTING", "DORMANT", "UP"};
// iproute2 6.1 knows two link modes and prints the rest as numbers.
constexpr std::string_view link_modes[] = {"DEFAULT", "DORMANT"};

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

// iproute2's link_events, by IFLA_EVENT value.
constexpr std::string_view link_events[] = {"NONE",         "REBOOT",      "FEATURE CHANGE",
                                            "BONDING FAILOVER", "NOTIFY PEERS", "RESEND IGMP",
                                            "BONDING OPTION"};

void print_operstate(Context& c, uint8_t state)
{
    if (state >= std::size(oper_states)) {
        c.out.json_field("operstate_index", static_cast<unsigned>(state));
        c.out.textf("state {:#x} ", state);
    } else if (c.opt.brief) {
        c.out.field(operstate_color(state), "operstate", "{} ", cli::Left{oper_states[state], 14});
    } else {
        // "state " is plain; the state and its space are coloured.
        c.out.text("state ");
        c.out.field(operstate_color(state), "operstate", "{} ", oper_states[state]);
    }
}

// "name: " or "name@peer: "; returns whether the lower device is down
// (M-DOWN).
bool print_name_and_link(Context& c, LinkCache& names, const Link& l, bool brief)
{
    // Up to IFNAMSIZ and "@" and a peer's name or "if" and an index fit in
    // place (most names): built without a heap string.
    fmt::basic_memory_buffer<char, 64> name;
    if (l.name)
        name.append(std::string_view(*l.name));
    bool m_down = false;
    if (l.link) {
        uint32_t iflink = *l.link;
        if (iflink == 0) {
            name.append(std::string_view("@NONE"));
            c.out.json_null("link");
        } else if (l.link_netnsid) {
            c.out.json_field("link_index", static_cast<int>(iflink));
            fmt::format_to(std::back_inserter(name), "@if{}", iflink);
        } else {
            std::optional<uint32_t> f;
            std::string_view peer = names.name_and_flags(iflink, f);
            c.out.json_field("link", peer);
            name.push_back('@');
            name.append(peer);
            m_down = f && !(*f & IFF_UP);
        }
    }
    // The colour covers the "@peer" and the padding or ": " after it.
    if (c.out.json())
        c.out.json_field("ifname", l.name.value_or(""));
    else if (brief)
        c.out.field(cli::Color::ifname, "ifname", "{} ", cli::Left{std::string_view(name.data(), name.size()), 16});
    else
        c.out.field(cli::Color::ifname, "ifname", "{}: ", std::string_view(name.data(), name.size()));
    return m_down;
}

std::string hexstring(const std::vector<std::byte>& b)
{
    std::string s;
    for (std::byte x : b)
        s += fmt::format("{:02x}", static_cast<unsigned>(x));
    return s;
}

void print_af_spec(cli::Output& out, const Link& l)
{
    if (!l.addr_gen_mode)
        return;
    std::string mode;
    switch (*l.addr_gen_mode) {
    case IN6_ADDR_GEN_MODE_EUI64: mode = "eui64"; break;
    case IN6_ADDR_GEN_MODE_NONE: mode = "none"; break;
    case IN6_ADDR_GEN_MODE_STABLE_PRIVACY: mode = "stable_secret"; break;
    case IN6_ADDR_GEN_MODE_RANDOM: mode = "random"; break;
    default: mode = fmt::format("{:#04x}", *l.addr_gen_mode); break;
    }
    out.field("inet6_addr_gen_mode", "addrgenmode {} ", mode);
}

// iproute2's print_linktype: "    KIND ..." and "    KIND_slave ..." on
// their own lines, "linkinfo" in JSON.
void print_linktype(Context& c, LinkCache& names, const Link& l)
{
    cli::Output& out = c.out;
    auto info = out.object("linkinfo");
    const std::string_view nl = c.opt.oneline ? "\\" : "\n";
    if (l.kind) {
        out.text(nl);
        out.field("info_kind", "    {} ", *l.kind);
        print_kind_data(c, names, l, false);
    }
    if (l.slave_kind) {
        out.text(nl);
        out.field("info_slave_kind", "    {}_slave ", *l.slave_kind);
        print_kind_data(c, names, l, true);
    }
}

void print_details(Context& c, LinkCache& names, const Link& l, bool do_link)
{
    cli::Output& out = c.out;
    if (l.promiscuity)
        out.field("promiscuity", " promiscuity {} ", *l.promiscuity);
    if (l.allmulti)
        out.field("allmulti", " allmulti {} ", *l.allmulti);
    if (l.min_mtu)
        out.field("min_mtu", "minmtu {} ", *l.min_mtu);
    if (l.max_mtu)
        out.field("max_mtu", "maxmtu {} ", *l.max_mtu);
    if (l.has_linkinfo)
        print_linktype(c, names, l);
    if (do_link)
        print_af_spec(out, l);
    if (l.num_tx_queues)
        out.field("num_tx_queues", "numtxqueues {} ", *l.num_tx_queues);
    if (l.num_rx_queues)
        out.field("num_rx_queues", "numrxqueues {} ", *l.num_rx_queues);
    if (l.gso_max_size)
        out.field("gso_max_size", "gso_max_size {} ", *l.gso_max_size);
    if (l.gso_max_segs)
        out.field("gso_max_segs", "gso_max_segs {} ", *l.gso_max_segs);
    if (l.tso_max_size)
        out.field("tso_max_size", "tso_max_size {} ", *l.tso_max_size);
    if (l.tso_max_segs)
        out.field("tso_max_segs", "tso_max_segs {} ", *l.tso_max_segs);
    if (l.gro_max_size)
        out.field("gro_max_size", "gro_max_size {} ", *l.gro_max_size);
    if (l.phys_port_name)
        out.field("phys_port_name", "portname {} ", *l.phys_port_name);
    if (l.phys_port_id)
        out.field("phys_port_id", "portid {} ", hexstring(*l.phys_port_id));
    if (l.phys_switch_id)
        out.field("phys_switch_id", "switchid {} ", hexstring(*l.phys_switch_id));
    if (l.parent_bus)
        out.field("parentbus", "parentbus {} ", *l.parent_bus);
    if (l.parent_dev)
        out.field("parentdev", "parentdev {} ", *l.parent_dev);
}

// iproute2's size_columns: each column as wide as its widest number.
template <size_t N>
void size_columns(unsigned (&cols)[N], std::initializer_list<uint64_t> values)
{
    size_t i = 0;
    for (uint64_t v : values) {
        unsigned len = 1;
        for (; v > 9; v /= 10)
            ++len;
        if (i < N && len > cols[i])
            cols[i] = len;
        ++i;
    }
}

} // namespace

void print_link_flags(cli::Output& out, uint32_t flags, bool m_down)
{
    if (!out.json()) {
        // The same words as the array below, written in one piece: this
        // runs for every line of a listing.
        char text[256];
        size_t n = 0;
        auto put = [&](std::string_view w) {
            std::memcpy(text + n, w.data(), w.size());
            n += w.size();
        };
        put("<");
        if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
            put("NO-CARRIER,");
        flags &= ~IFF_RUNNING;
        for (const auto& f : flag_names) {
            if (!(flags & f.bit))
                continue;
            flags &= ~f.bit;
            put(f.name);
            if (flags)
                put(",");
        }
        if (flags) {
            auto r = fmt::format_to_n(text + n, 8, "{:x}", flags);
            n += r.size;
        }
        if (m_down)
            put(",M-DOWN");
        put("> ");
        out.text(std::string_view(text, n));
        return;
    }
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

// iproute2's print_stats64: the RX and TX blocks (and with -s -s their
// error lines), columns sized to the widest number.
void print_link_stats(Context& c, const Link& l)
{
    if (!l.stats)
        return;
    const rtnl_link_stats64& s = *l.stats;
    cli::Output& out = c.out;
    const bool more = c.opt.stats > 1;
    if (out.json()) {
        auto st = out.object(l.stats_are_64 ? "stats64" : "stats");
        {
            auto rx = out.object("rx");
            out.json_field("bytes", s.rx_bytes);
            out.json_field("packets", s.rx_packets);
            out.json_field("errors", s.rx_errors);
            out.json_field("dropped", s.rx_dropped);
            out.json_field("over_errors", s.rx_over_errors);
            out.json_field("multicast", s.multicast);
            if (s.rx_compressed)
                out.json_field("compressed", s.rx_compressed);
            if (more) {
                out.json_field("length_errors", s.rx_length_errors);
                out.json_field("crc_errors", s.rx_crc_errors);
                out.json_field("frame_errors", s.rx_frame_errors);
                out.json_field("fifo_errors", s.rx_fifo_errors);
                out.json_field("missed_errors", s.rx_missed_errors);
                if (s.rx_nohandler)
                    out.json_field("nohandler", s.rx_nohandler);
                if (s.rx_otherhost_dropped)
                    out.json_field("otherhost", s.rx_otherhost_dropped);
            }
        }
        auto tx = out.object("tx");
        out.json_field("bytes", s.tx_bytes);
        out.json_field("packets", s.tx_packets);
        out.json_field("errors", s.tx_errors);
        out.json_field("dropped", s.tx_dropped);
        out.json_field("carrier_errors", s.tx_carrier_errors);
        out.json_field("collisions", s.collisions);
        if (s.tx_compressed)
            out.json_field("compressed", s.tx_compressed);
        if (more) {
            out.json_field("aborted_errors", s.tx_aborted_errors);
            out.json_field("fifo_errors", s.tx_fifo_errors);
            out.json_field("window_errors", s.tx_window_errors);
            out.json_field("heartbeat_errors", s.tx_heartbeat_errors);
            if (l.carrier_changes)
                out.json_field("carrier_changes", static_cast<uint64_t>(*l.carrier_changes));
        }
        return;
    }
    // The minimum widths are the header words': "*X errors:", "packets",
    // "errors", "dropped", "heartbt", "overrun", "compressed", "otherhost".
    unsigned cols[] = {10, 7, 6, 7, 7, 7, 10, 9};
    size_columns(cols, {s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast,
                        s.rx_compressed, 0});
    if (more)
        size_columns(cols, {0, s.rx_length_errors, s.rx_crc_errors, s.rx_frame_errors, s.rx_fifo_errors,
                            s.rx_over_errors, s.rx_nohandler, s.rx_otherhost_dropped});
    size_columns(cols, {s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions,
                        s.tx_compressed, 0});
    const uint64_t cc = l.carrier_changes.value_or(0);
    if (more)
        size_columns(cols, {0, 0, s.tx_aborted_errors, s.tx_fifo_errors, s.tx_window_errors,
                            s.tx_heartbeat_errors, cc, 0});
    const std::string_view nl = c.opt.oneline ? "\\" : "\n";
    auto num = [&](unsigned w, uint64_t v) { out.textf("{:>{}} ", v, w); };
    out.textf("    RX: {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "bytes", cols[0] - 4, "packets", cols[1],
              "errors", cols[2], "dropped", cols[3], "missed", cols[4], "mcast", cols[5],
              s.rx_compressed ? "compressed" : "", cols[6], nl);
    out.text("    ");
    num(cols[0], s.rx_bytes);
    num(cols[1], s.rx_packets);
    num(cols[2], s.rx_errors);
    num(cols[3], s.rx_dropped);
    num(cols[4], s.rx_missed_errors);
    num(cols[5], s.multicast);
    if (s.rx_compressed)
        num(cols[6], s.rx_compressed);
    if (more) {
        out.text(nl);
        out.textf("    RX errors:{:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{:>{}}{:>{}}{}", "", cols[0] - 10, "length",
                  cols[1], "crc", cols[2], "frame", cols[3], "fifo", cols[4], "overrun", cols[5],
                  s.rx_nohandler ? " nohandler" : "", s.rx_nohandler ? cols[6] + 1 : 0,
                  s.rx_otherhost_dropped ? " otherhost" : "", s.rx_otherhost_dropped ? cols[7] + 1 : 0, nl);
        out.textf("{:>{}}", "", cols[0] + 5);
        num(cols[1], s.rx_length_errors);
        num(cols[2], s.rx_crc_errors);
        num(cols[3], s.rx_frame_errors);
        num(cols[4], s.rx_fifo_errors);
        num(cols[5], s.rx_over_errors);
        if (s.rx_nohandler)
            num(cols[6], s.rx_nohandler);
        if (s.rx_otherhost_dropped)
            num(cols[7], s.rx_otherhost_dropped);
    }
    out.text(nl);
    out.textf("    TX: {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "bytes", cols[0] - 4, "packets", cols[1],
              "errors", cols[2], "dropped", cols[3], "carrier", cols[4], "collsns", cols[5],
              s.tx_compressed ? "compressed" : "", cols[6], nl);
    out.text("    ");
    num(cols[0], s.tx_bytes);
    num(cols[1], s.tx_packets);
    num(cols[2], s.tx_errors);
    num(cols[3], s.tx_dropped);
    num(cols[4], s.tx_carrier_errors);
    num(cols[5], s.collisions);
    if (s.tx_compressed)
        num(cols[6], s.tx_compressed);
    if (more) {
        out.text(nl);
        out.textf("    TX errors:{:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "", cols[0] - 10, "aborted", cols[1],
                  "fifo", cols[2], "window", cols[3], "heartbt", cols[4], l.carrier_changes ? "transns" : "",
                  cols[5], nl);
        out.textf("{:>{}}", "", cols[0] + 5);
        num(cols[1], s.tx_aborted_errors);
        num(cols[2], s.tx_fifo_errors);
        num(cols[3], s.tx_window_errors);
        num(cols[4], s.tx_heartbeat_errors);
        if (l.carrier_changes)
            num(cols[5], cc);
    }
}

void check_printable(const Context& c, const Link& l)
{
    if (l.xdp_attached && *l.xdp_attached != XDP_ATTACHED_NONE)
        cli::fail(cli::exit_usage, "nsbox ip: links with an XDP program are not supported yet\n");
    if (!c.opt.details)
        return;
    if (l.kind && kind_data_unsupported(*l.kind, false))
        cli::fail(cli::exit_usage,
                  fmt::format("nsbox ip: the details of \"{}\" links are not supported yet\n", *l.kind));
    if (l.slave_kind && kind_data_unsupported(*l.slave_kind, true))
        cli::fail(cli::exit_usage,
                  fmt::format("nsbox ip: the details of \"{}_slave\" ports are not supported yet\n", *l.slave_kind));
}

void print_link(Context& c, LinkCache& names, const Link& l, bool do_link, int listed_family)
{
    cli::Output& out = c.out;
    const bool brief = c.opt.brief;
    const int family = listed_family >= 0 ? listed_family : do_link ? AF_PACKET : c.opt.family;
    const std::string_view nl = c.opt.oneline ? "\\" : "\n";
    if (brief) {
        bool m_down = print_name_and_link(c, names, l, true);
        if (l.operstate)
            print_operstate(c, *l.operstate);
        if (family == AF_PACKET) {
            if (l.address)
                out.field(cli::Color::mac, "address", "{} ", net::format_lladdr(*l.address, l.type));
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
            out.field("linkmode_index", "mode {} ", static_cast<int>(*l.linkmode));
    }
    if (l.group)
        out.field("group", "group {} ", c.opt.numeric ? std::to_string(static_cast<int>(*l.group)) : group_name(*l.group));
    std::optional<uint32_t> qlen = l.txqlen;
    if (!qlen && l.name)
        qlen = net::rtnl::txqlen_by_name(*l.name);
    if (qlen && *qlen)
        out.field("txqlen", "qlen {}", static_cast<int>(*qlen));
    if (l.event) {
        if (*l.event >= std::size(link_events))
            out.field("event", "event {} ", static_cast<int>(*l.event));
        else if (*l.event)
            out.field("event", "event {} ", link_events[*l.event]);
    }
    if (family == AF_UNSPEC || family == AF_PACKET || c.opt.details) {
        out.text(nl);
        out.field("link_type", "    link/{} ", c.opt.numeric ? fmt::format("[{}]", l.type) : net::link_type_name(l.type));
        if (l.address)
            out.field(cli::Color::mac, "address", "{}", net::format_lladdr(*l.address, l.type));
        if (l.broadcast) {
            if (l.flags & IFF_POINTOPOINT) {
                out.text(" peer ");
                out.json_field("link_pointtopoint", true);
            } else {
                out.text(" brd ");
            }
            out.field(cli::Color::mac, "broadcast", "{}", net::format_lladdr(*l.broadcast, l.type));
        }
        if (l.perm_address && (!l.address || *l.address != *l.perm_address)) {
            out.text(" permaddr ");
            out.field(cli::Color::mac, "permaddr", "{}", net::format_lladdr(*l.perm_address, l.type));
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
    if (c.opt.details)
        print_details(c, names, l, do_link);
    if ((do_link || c.opt.details) && l.alias) {
        out.textf("{}    ", nl);
        out.field("ifalias", "alias {}", *l.alias);
    }
    if (do_link && c.opt.stats) {
        out.text(nl);
        print_link_stats(c, l);
    }
    if (!l.altnames.empty()) {
        auto a = out.array("altnames", cli::In::json);
        for (const std::string& n : l.altnames) {
            out.textf("{}    altname ", nl);
            out.element("{}", n);
        }
    }
    out.text("\n");
}

} // namespace nsbox::ip

// ---------------------------------------------------------------------------
// ip link add / set / delete

namespace nsbox::ip {

void on_off_error(std::string_view key, std::string_view value)
{
    cli::fail(cli::exit_failure,
              fmt::format("Error: argument of \"{}\" must be \"on\" or \"off\", not \"{}\"\n", key, value));
}

void set_netns(const std::string& w, net::rtnl::LinkRequestAttrs& attrs)
{
    try {
        attrs.net_ns_fd = net::netns::open(w);
        return;
    } catch (const net::Error&) {
    }
    auto pid = net::parse_integer(w);
    if (!pid)
        cli::invarg("Invalid \"netns\" value\n", w);
    attrs.net_ns_pid = static_cast<uint32_t>(*pid);
}

namespace {

// "on"/"off" words that set or clear one IFF_* bit.
struct FlagWord {
    std::string_view word;
    uint32_t bit;
    bool on_sets; // "on" sets the bit ("arp on" clears IFF_NOARP)
};
constexpr FlagWord flag_words[] = {
    {"multicast", IFF_MULTICAST, true}, {"allmulticast", IFF_ALLMULTI, true},
    {"promisc", IFF_PROMISC, true},     {"trailers", IFF_NOTRAILERS, false},
    {"arp", IFF_NOARP, false},
};

} // namespace

LinkArgs parse_link_args(Context& c, cli::Args& a, bool create)
{
    LinkArgs l;
    std::optional<int> mtu, qlen, numtx, numrx;
    bool move_netns = false;
    bool grouped = false;
    for (; !a.empty(); a.next()) {
        const FlagWord* fw = nullptr;
        for (const FlagWord& x : flag_words)
            if (a.is(x.word))
                fw = &x;
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
            std::string_view w = a.value();
            if (l.index)
                cli::duparg("index", w);
            l.index = std::atoi(std::string(w).c_str());
            if (l.index <= 0)
                cli::invarg("Invalid \"index\" value", w);
        } else if (a.matches("link")) {
            l.link = std::string(a.value());
        } else if (a.matches("address")) {
            l.attrs.address = parse_lladdr(a.value());
        } else if (a.matches("broadcast") || a.is("brd")) {
            l.attrs.broadcast = parse_lladdr(a.value());
        } else if (a.matches("txqueuelen") || a.is("qlen") || a.matches("txqlen")) {
            std::string_view w = a.value();
            if (qlen)
                cli::duparg("txqueuelen", w);
            qlen = net::parse_integer(w);
            if (!qlen)
                cli::invarg("Invalid \"txqueuelen\" value\n", w);
            l.attrs.txqlen = static_cast<uint32_t>(*qlen);
        } else if (a.is("mtu")) {
            std::string_view w = a.value();
            if (mtu)
                cli::duparg("mtu", w);
            mtu = net::parse_integer(w);
            if (!mtu)
                cli::invarg("Invalid \"mtu\" value\n", w);
            l.attrs.mtu = static_cast<uint32_t>(*mtu);
        } else if (a.is("netns")) {
            std::string_view w = a.value();
            if (l.netns)
                cli::duparg("netns", w);
            l.netns = std::string(w);
            set_netns(*l.netns, l.attrs);
            move_netns = true;
        } else if (fw) {
            std::string_view w = a.value();
            l.change |= fw->bit;
            if (w == "on")
                l.flags = fw->on_sets ? (l.flags | fw->bit) : (l.flags & ~fw->bit);
            else if (w == "off")
                l.flags = fw->on_sets ? (l.flags & ~fw->bit) : (l.flags | fw->bit);
            else
                on_off_error(fw->word, w);
        } else if (a.matches("master")) {
            std::string_view w = a.value();
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::invarg("Device does not exist\n", w);
            l.attrs.master = idx;
        } else if (a.matches("nomaster")) {
            l.attrs.master = 0;
        } else if (a.matches("dynamic")) {
            std::string_view w = a.value();
            l.change |= IFF_DYNAMIC;
            if (w == "on")
                l.flags |= IFF_DYNAMIC;
            else if (w == "off")
                l.flags &= ~IFF_DYNAMIC;
            else
                on_off_error("dynamic", w);
        } else if (a.matches("type")) {
            l.type = std::string(a.value());
            a.next();
            break;
        } else if (a.matches("alias")) {
            std::string_view w = a.value();
            if (w.size() >= IFALIASZ)
                cli::invarg("alias too long\n", w);
            l.attrs.alias = std::string(w);
        } else if (a.is("group")) {
            std::string_view w = a.value();
            if (grouped)
                cli::duparg("group", w);
            auto g = group_number(w);
            if (!g)
                cli::invarg("Invalid \"group\" value\n", w);
            l.attrs.group = *g;
            grouped = true;
        } else if (a.is("mode")) {
            std::string_view w = a.value();
            if (strcasecmp(std::string(w).c_str(), "default") == 0)
                l.linkmode = IF_LINK_MODE_DEFAULT;
            else if (strcasecmp(std::string(w).c_str(), "dormant") == 0)
                l.linkmode = IF_LINK_MODE_DORMANT;
            else
                cli::invarg("Invalid link mode\n", w);
        } else if (a.is("state")) {
            std::string_view w = a.value();
            for (size_t i = 0; i < std::size(oper_states); ++i)
                if (strcasecmp(std::string(w).c_str(), std::string(oper_states[i]).c_str()) == 0)
                    l.operstate = static_cast<uint8_t>(i);
            if (!l.operstate)
                cli::invarg("Invalid operstate\n", w);
        } else if (a.matches("numtxqueues")) {
            std::string_view w = a.value();
            if (numtx)
                cli::duparg("numtxqueues", w);
            numtx = net::parse_integer(w);
            if (!numtx)
                cli::invarg("Invalid \"numtxqueues\" value\n", w);
            l.attrs.num_tx_queues = static_cast<uint32_t>(*numtx);
        } else if (a.matches("numrxqueues")) {
            std::string_view w = a.value();
            if (numrx)
                cli::duparg("numrxqueues", w);
            numrx = net::parse_integer(w);
            if (!numrx)
                cli::invarg("Invalid \"numrxqueues\" value\n", w);
            l.attrs.num_rx_queues = static_cast<uint32_t>(*numrx);
        } else if (a.is("carrier") || a.is("protodown")) {
            const bool carrier = a.is("carrier");
            std::string_view key = carrier ? "carrier" : "protodown";
            std::string_view w = a.value();
            // iproute2 6.1 reads these two with parse_on_off (parse_one_of),
            // whose refusal differs from the older flag words' and ends
            // the command with -EINVAL (exit 22).
            if (w != "on" && w != "off")
                cli::fail(EINVAL, fmt::format("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n",
                                              key, w));
            (carrier ? l.attrs.set_carrier : l.attrs.set_proto_down) = static_cast<uint8_t>(w == "on");
        } else if (a.matches("addrgenmode")) {
            std::string_view w = a.value();
            if (w == "eui64")
                l.attrs.set_addr_gen_mode = IN6_ADDR_GEN_MODE_EUI64;
            else if (w == "none")
                l.attrs.set_addr_gen_mode = IN6_ADDR_GEN_MODE_NONE;
            else if (w == "stable_secret")
                l.attrs.set_addr_gen_mode = IN6_ADDR_GEN_MODE_STABLE_PRIVACY;
            else if (w == "random")
                l.attrs.set_addr_gen_mode = IN6_ADDR_GEN_MODE_RANDOM;
            else
                cli::invarg("Invalid address generation mode\n", w);
        } else if (a.is("xdpgeneric") || a.is("xdpdrv") || a.is("xdpoffload") || a.is("xdp") ||
                   a.is("vf") || a.is("vrf") || a.matches("link-netns") || a.matches("link-netnsid") ||
                   a.is("protodown_reason") || a.is("gso_max_size") ||
                   a.is("gso_max_segs") || a.is("gro_max_size") || a.is("parentdev")) {
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
    if (l.index && !create && !move_netns)
        cli::fail(cli::exit_usage, "index can be used only when creating devices or when moving device to "
                                   "another netns.\n");
    if (l.index && !create)
        cli::fail(cli::exit_usage, "nsbox ip: \"index\" with \"netns\" is not supported yet\n");
    return l;
}

namespace {

void close_netns_fds(const Link& req)
{
    if (req.net_ns_fd)
        ::close(*req.net_ns_fd);
    if (req.veth_peer && req.veth_peer->net_ns_fd)
        ::close(*req.veth_peer->net_ns_fd);
}

int link_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t flags)
{
    const bool create = flags & NLM_F_CREATE;
    LinkArgs p = parse_link_args(c, a, create);
    Link req;
    static_cast<net::rtnl::LinkRequestAttrs&>(req) = p.attrs;
    req.family = static_cast<uint8_t>(c.opt.family);
    req.linkmode = p.linkmode;
    req.operstate = p.operstate;
    req.flags = p.flags;
    req.change = p.change;
    const bool name_is_dev = !p.name || !p.dev || p.dev_from_name || p.name == p.dev;
    bool by_group = false;
    if (p.attrs.group && !p.dev) {
        // iproute2: the command applies to a whole device group.
        if (!a.empty())
            cli::fail(cli::exit_usage, fmt::format("Garbage instead of arguments \"{} ...\". Try \"ip link help\".\n",
                                                   a.peek()));
        if (create)
            cli::fail(cli::exit_usage, "group cannot be used when creating devices.\n");
        by_group = true;
        p.type.reset();
    }
    if (!by_group) {
        if (!create) {
            if (!p.dev)
                cli::fail(cli::exit_usage, "Not enough information: \"dev\" argument is required.\n");
            // The index from the batch's cache of names (ll_name_to_index),
            // so a device already resolved costs no request. iproute2
            // checks a new address's length against the device's first
            // (nl_get_ll_addr_len: the device asked for by that index).
            const uint32_t index = index_of(c, *p.dev);
            if (index && p.attrs.address) {
                auto dev = c.rtnl().link(static_cast<int32_t>(index), AF_UNSPEC,
                                         RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
                if (dev && dev->address && dev->address->size() != p.attrs.address->size()) {
                    close_netns_fds(req);
                    cli::fail(cli::exit_failure, fmt::format("Invalid address length {} - must be {} bytes\n",
                                                             p.attrs.address->size(), dev->address->size()));
                }
            }
            if (!index) {
                close_netns_fds(req);
                no_device(*p.dev);
            }
            req.index = static_cast<int32_t>(index);
            if (p.name && p.name != p.dev)
                req.name = p.name;
            req.link.reset();
        } else {
            if (!name_is_dev)
                cli::fail(cli::exit_usage, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
            if (p.link) {
                uint32_t idx = index_of(c, *p.link);
                if (!idx) {
                    close_netns_fds(req);
                    no_device(*p.link);
                }
                req.link = idx;
            }
            req.index = p.index;
            if (p.dev)
                req.name = p.dev;
        }
    }
    if (p.type) {
        req.kind = *p.type;
        parse_kind_options(c, a, req, cmd == RTM_NEWLINK && !create);
    } else if (create) {
        close_netns_fds(req);
        cli::fail(cli::exit_failure, "Not enough information: \"type\" argument is required\n");
    }
    net::Message m = net::rtnl::encode(cmd, flags, req);
    try {
        c.rtnl().request(m);
    } catch (const net::Error& e) {
        close_netns_fds(req);
        kernel_refused(e);
    }
    close_netns_fds(req);
    // iproute2 forgets the device it changed (ll_drop_by_index): its next
    // use asks the kernel again.
    if (req.index > 0)
        c.links.drop(static_cast<uint32_t>(req.index));
    return 0;
}

// ip link property add|del [dev] DEV [altname NAME]...: iproute2's
// iplink_prop. The names are checked as alternative names (no length
// limit: the kernel refuses a long one); without any, the empty list is
// still sent and the kernel accepts it.
int link_property(Context& c, cli::Args& a)
{
    if (a.empty())
        cli::fail(cli::exit_usage, std::string(link_usage));
    uint16_t type = RTM_DELLINKPROP;
    uint16_t flags = 0;
    if (a.matches("add")) {
        type = RTM_NEWLINKPROP;
        flags = NLM_F_EXCL | NLM_F_CREATE | NLM_F_APPEND;
    } else if (a.matches("help")) {
        cli::fail(cli::exit_usage, std::string(link_usage));
    } else if (!a.matches("del")) {
        cli::fail(cli::exit_usage, "Operator required\n");
    }
    a.next();
    std::optional<std::string> dev;
    std::vector<std::string> names;
    for (; !a.empty(); a.next()) {
        if (a.matches("altname")) {
            std::string_view n = a.value();
            if (!valid_ifname(n, true))
                cli::invarg("not a valid altname", n);
            names.emplace_back(n);
        } else if (a.matches("help")) {
            cli::fail(cli::exit_usage, std::string(link_usage));
        } else {
            if (a.is("dev"))
                a.value();
            if (dev)
                cli::duparg2("dev", a.peek());
            if (!valid_ifname(a.peek(), true))
                cli::invarg("\"dev\" not a valid ifname", a.peek());
            dev = std::string(a.peek());
        }
    }
    if (!dev)
        cli::fail(cli::exit_usage, "Not enough of information: \"dev\" argument is required.\n");
    uint32_t index = index_of(c, *dev);
    if (!index)
        no_device(*dev);
    net::Message m = net::rtnl::link_prop_request(type, flags, static_cast<uint8_t>(c.opt.family),
                                                  static_cast<int32_t>(index), names);
    talk(c, m);
    return 0;
}

} // namespace

int do_link(Context& c, cli::Args& a)
{
    if (a.empty()) {
        c.link_listed = true;
        return list_links(c, a, true);
    }
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
        c.link_listed = true;
        return list_links(c, a, true);
    }
    if (a.matches("xstats") || a.matches("afstats"))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: link {} is not supported yet\n", a.peek()));
    if (a.matches("property")) {
        a.next();
        return link_property(c, a);
    }
    if (a.matches("help")) {
        a.next();
        if (a.empty())
            cli::fail(cli::exit_usage, std::string(link_usage));
        return kind_help(c, a.peek());
    }
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip link help\".\n", a.peek()));
}

} // namespace nsbox::ip
