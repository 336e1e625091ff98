// ip neighbour: add, change, replace, del, get, show, flush (iproute2's
// ipneigh.c).

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "applets/ip/neigh.hpp"

#include "applets/ip/ip.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/neigh.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Neigh;

constexpr int flush_rounds = 10; // iproute2's MAX_ROUNDS

constexpr std::string_view neigh_usage =
    "Usage: ip neigh { add | del | change | replace }\n"
    "                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
    "                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
    "                [ protocol PROTO ]\n"
    "\n"
    "\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
    "\t\t\t\t  [ vrf NAME ] [ nomaster ]\n"
    "\tip neigh get { ADDR | proxy ADDR } dev DEV\n"
    "\n"
    "STATE := { delay | failed | incomplete | noarp | none |\n"
    "           permanent | probe | reachable | stale }\n";

[[noreturn]] void usage() { cli::fail(cli::exit_usage, std::string(neigh_usage)); }

struct Name {
    unsigned id;
    std::string_view name;
};

// Route protocols as iproute2 names them (its table and Debian's
// /etc/iproute2/rt_protos): NDA_PROTOCOL uses the same numbers.
constexpr Name protocols[] = {
    {0, "unspec"},  {1, "redirect"}, {2, "kernel"},   {3, "boot"},   {4, "static"},    {8, "gated"},
    {9, "ra"},      {10, "mrt"},     {11, "zebra"},   {12, "bird"},  {13, "dnrouted"}, {14, "xorp"},
    {15, "ntk"},    {16, "dhcp"},    {18, "keepalived"}, {42, "babel"}, {99, "openr"}, {186, "bgp"},
    {187, "isis"},  {188, "ospf"},   {189, "rip"},    {192, "eigrp"},
};

std::string protocol_name(unsigned id)
{
    for (const Name& n : protocols)
        if (n.id == id)
            return std::string(n.name);
    return std::to_string(id);
}

// rtnl_rtprot_a2n: a name or 0..255.
std::optional<uint8_t> parse_protocol(std::string_view w)
{
    for (const Name& n : protocols)
        if (n.name == w)
            return static_cast<uint8_t>(n.id);
    auto v = net::parse_unsigned(w, 0);
    if (!v || *v > 255)
        return std::nullopt;
    return static_cast<uint8_t>(*v);
}

// iproute2's nud_state_a2n: a state word (some abbreviated), or a number
// with at most one bit set below 0x100.
std::optional<uint16_t> parse_nud(std::string_view w)
{
    if (cli::matches(w, "permanent"))
        return NUD_PERMANENT;
    if (cli::matches(w, "reachable"))
        return NUD_REACHABLE;
    if (w == "noarp")
        return NUD_NOARP;
    if (w == "none")
        return NUD_NONE;
    if (w == "stale")
        return NUD_STALE;
    if (w == "incomplete")
        return NUD_INCOMPLETE;
    if (w == "delay")
        return NUD_DELAY;
    if (w == "probe")
        return NUD_PROBE;
    if (cli::matches(w, "failed"))
        return NUD_FAILED;
    auto v = net::parse_unsigned(w, 0);
    if (!v || *v >= 0x100 || (*v & (*v - 1)))
        return std::nullopt;
    return static_cast<uint16_t>(*v);
}

// The NUD_* words in the order iproute2 prints them.
constexpr Name nud_names[] = {
    {NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_REACHABLE, "REACHABLE"}, {NUD_STALE, "STALE"},
    {NUD_DELAY, "DELAY"},           {NUD_PROBE, "PROBE"},         {NUD_FAILED, "FAILED"},
    {NUD_NOARP, "NOARP"},           {NUD_PERMANENT, "PERMANENT"},
};

// get_addr for a neighbour: an address, or "default"/"any"/"all".
net::Prefix get_addr(std::string_view w, int family)
{
    if (w.find('/') == std::string_view::npos)
        if (auto p = net::parse_prefix(w, family))
            return *p;
    cli::fail(cli::exit_failure, fmt::format("Error: {} address is expected rather than \"{}\".\n",
                                             net::family_name_verbose(family), w), cli::Stop::batch);
}

// iproute2's ipneigh_modify.
int neigh_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t nl_flags)
{
    Neigh req;
    req.state = NUD_PERMANENT;
    std::optional<std::string> dev;
    std::optional<std::string> lla;
    std::optional<net::Prefix> dst;
    bool dev_ok = false;
    uint32_t ext_flags = 0;
    for (; !a.empty(); a.next()) {
        if (a.matches("lladdr")) {
            std::string_view w = a.value();
            if (lla)
                cli::duparg("lladdr", w);
            lla = std::string(w);
        } else if (a.is("nud")) {
            std::string_view w = a.value();
            auto s = parse_nud(w);
            if (!s)
                cli::invarg("nud state is bad", w);
            req.state = *s;
        } else if (a.matches("proxy")) {
            std::string_view w = a.value();
            if (cli::matches(w, "help"))
                usage();
            if (dst)
                cli::duparg("address", w);
            dst = get_addr(w, c.opt.family);
            dev_ok = true;
            req.flags |= NTF_PROXY;
        } else if (a.is("router")) {
            req.flags |= NTF_ROUTER;
        } else if (a.is("use")) {
            req.flags |= NTF_USE;
        } else if (a.is("managed")) {
            ext_flags |= NTF_EXT_MANAGED;
            req.state = NUD_NONE;
        } else if (a.matches("extern_learn")) {
            req.flags |= NTF_EXT_LEARNED;
        } else if (a.is("dev")) {
            dev = std::string(a.value());
            dev_ok = true;
        } else if (a.matches("protocol")) {
            std::string_view w = a.value();
            auto p = parse_protocol(w);
            if (!p)
                cli::invarg("\"protocol\" value is invalid\n", w);
            req.protocol = *p;
        } else {
            if (a.is("to"))
                a.value();
            if (a.matches("help"))
                a.value();
            if (dst)
                cli::duparg2("to", a.peek());
            dst = get_addr(a.peek(), c.opt.family);
        }
    }
    // "any" and "all" are addresses of the -4/-6 family with no bytes: the
    // kernel is sent an empty NDA_DST and says what it thinks of it.
    const int dst_family = dst && !dst->has_bytes() ? c.opt.family : dst ? dst->addr.family : AF_UNSPEC;
    if (!dev_ok || !dst || dst_family == AF_UNSPEC)
        cli::fail(cli::exit_usage, "Device and destination are required arguments.\n");
    req.family = static_cast<uint8_t>(dst_family);
    req.dst = dst->addr;
    if (ext_flags)
        req.flags_ext = ext_flags;
    if (lla && *lla != "null")
        req.lladdr = parse_lladdr(*lla, 20);
    if (dev) {
        req.index = index_of(c, *dev);
        if (!req.index)
            no_device(*dev);
    }
    net::Message m = net::rtnl::encode(cmd, nl_flags, req);
    talk(c, m);
    return 0;
}

// What `ip neigh show|flush` select (iproute2's filter in ipneigh.c).
struct Filter {
    int family = AF_UNSPEC;
    uint32_t index = 0;
    uint32_t state = ~0u;
    bool unused_only = false;
    std::optional<net::Prefix> to;
    int64_t master = 0;
    uint8_t protocol = 0;
    uint8_t ndm_flags = 0;
};

// The filters of iproute2's print_neigh.
bool selected(const Filter& f, const Neigh& n)
{
    if (f.family && f.family != n.family)
        return false;
    if (f.index && f.index != n.index)
        return false;
    if (!(f.state & n.state) && !(n.flags & NTF_PROXY) && !(n.flags & NTF_EXT_LEARNED) &&
        (n.state || !(f.state & 0x100)))
        return false;
    if (f.to && f.to->addr.family != AF_UNSPEC && f.to->len > 0 && n.dst) {
        if (n.dst->family != f.to->addr.family || !net::prefix_match(*n.dst, f.to->addr, f.to->len))
            return false;
    }
    if (f.protocol && f.protocol != n.protocol.value_or(0))
        return false;
    if (f.unused_only && n.cacheinfo && n.cacheinfo->ndm_refcnt)
        return false;
    return true;
}

// One entry (iproute2's print_neigh once its filters passed). `shown`
// is the index filter: a dev filter leaves "dev NAME" out.
void print_neigh(Context& c, LinkCache& links, const Neigh& n, uint32_t shown_index)
{
    cli::Output& out = c.out;
    // Link names and types (for link-layer addresses) from one dump.
    links.load_all();
    auto o = out.object();
    std::string lladdr;
    if (n.lladdr)
        lladdr = net::format_lladdr(*n.lladdr, static_cast<unsigned>(links.type(n.index)));
    if (c.opt.brief) {
        // The padding is coloured with the field.
        if (n.dst)
            out.field(family_color(n.dst->family), "dst", "{} ", cli::Left{net::format_address(*n.dst), 39});
        if (!shown_index && n.index)
            out.field(cli::Color::ifname, "dev", "{} ", cli::Left{links.name(n.index), 16});
        if (n.lladdr)
            out.field(cli::Color::mac, "lladdr", "{}", lladdr);
        out.text("\n");
        return;
    }
    if (n.dst)
        out.field(family_color(n.dst->family), "dst", "{} ", net::format_address(*n.dst));
    if (!shown_index && n.index) {
        out.text("dev ");
        out.field(cli::Color::ifname, "dev", "{} ", links.name(n.index));
    }
    if (n.lladdr) {
        out.text("lladdr ");
        out.field(cli::Color::mac, "lladdr", "{} ", lladdr);
    }
    auto flag = [&](std::string_view name) {
        out.json_null(name);
        out.textf("{} ", name);
    };
    if (n.flags & NTF_ROUTER)
        flag("router");
    if (n.flags & NTF_PROXY)
        flag("proxy");
    if (n.flags_ext.value_or(0) & NTF_EXT_MANAGED)
        flag("managed");
    if (n.flags & NTF_EXT_LEARNED)
        flag("extern_learn");
    if (n.flags & NTF_OFFLOADED)
        flag("offload");
    if (c.opt.stats) {
        if (n.cacheinfo) {
            const nda_cacheinfo& ci = *n.cacheinfo;
            static const long hz = [] {
                long v = sysconf(_SC_CLK_TCK);
                return v > 0 ? v : 100;
            }();
            auto secs = [](uint32_t ticks) { return static_cast<uint32_t>(ticks / static_cast<unsigned long>(hz)); };
            if (ci.ndm_refcnt)
                out.field("refcnt", " ref {}", ci.ndm_refcnt);
            out.field("used", " used {}", secs(ci.ndm_used));
            out.field("confirmed", "/{}", secs(ci.ndm_confirmed));
            out.field("updated", "/{}", secs(ci.ndm_updated));
        }
        if (n.probes)
            out.field("probes", "probes {} ", *n.probes);
    }
    if (n.state) {
        auto arr = out.array("state", cli::In::json);
        unsigned nud = n.state;
        for (const Name& s : nud_names) {
            if (nud & s.id) {
                nud &= ~s.id;
                out.element("{} ", s.name);
            }
        }
    }
    if (n.protocol && *n.protocol) {
        out.field("protocol", "proto {} ", c.opt.numeric ? std::to_string(*n.protocol) : protocol_name(*n.protocol));
    }
    out.text("\n");
}

Filter parse_filter(Context& c, cli::Args& a, bool flush)
{
    Filter f;
    f.family = c.opt.family;
    if (flush) {
        if (a.empty())
            cli::fail(cli::exit_failure, "Flush requires arguments.\n");
        f.state = ~static_cast<uint32_t>(NUD_PERMANENT | NUD_NOARP);
    } else {
        f.state = 0xff & ~static_cast<uint32_t>(NUD_NOARP);
    }
    std::optional<std::string> dev;
    bool state_given = false;
    for (; !a.empty(); a.next()) {
        if (a.is("dev")) {
            std::string_view w = a.value();
            if (dev)
                cli::duparg("dev", w);
            dev = std::string(w);
        } else if (a.is("master")) {
            std::string_view w = a.value();
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::invarg("Device does not exist\n", w);
            f.master = idx;
        } else if (a.is("vrf")) {
            std::string_view w = a.value();
            std::optional<net::rtnl::Link> l;
            if (!w.empty() && w.size() < IFNAMSIZ)
                l = c.rtnl().link(w, AF_UNSPEC, RTEXT_FILTER_SKIP_STATS);
            if (!l || l->kind.value_or("") != "vrf")
                cli::invarg("Not a valid VRF name\n", w);
            f.master = l->index;
        } else if (a.is("nomaster")) {
            f.master = -1;
        } else if (a.is("unused")) {
            f.unused_only = true;
        } else if (a.is("nud")) {
            std::string_view w = a.value();
            if (!state_given) {
                state_given = true;
                f.state = 0;
            }
            uint32_t state;
            if (auto s = parse_nud(w)) {
                state = *s;
            } else {
                if (w != "all")
                    cli::invarg("nud state is bad", w);
                state = ~0u;
                if (flush)
                    state &= ~static_cast<uint32_t>(NUD_NOARP);
            }
            if (state == 0)
                state = 0x100;
            f.state |= state;
        } else if (a.is("proxy")) {
            f.ndm_flags = NTF_PROXY;
        } else if (a.matches("protocol")) {
            std::string_view w = a.value();
            auto p = parse_protocol(w);
            if (!p) {
                if (w != "all")
                    cli::invarg("invalid \"protocol\"\n", w);
                p = 0;
            }
            f.protocol = *p;
        } else {
            if (a.is("to"))
                a.value();
            if (a.matches("help"))
                usage();
            auto p = net::parse_prefix(a.peek(), f.family);
            if (!p)
                cli::fail(cli::exit_failure, fmt::format("Error: {} prefix is expected rather than \"{}\".\n",
                                                         net::family_name_verbose(f.family), a.peek()), cli::Stop::batch);
            f.to = *p;
            if (f.family == AF_UNSPEC)
                f.family = p->addr.family;
        }
    }
    if (dev) {
        f.index = index_of(c, *dev);
        if (!f.index)
            no_device(*dev);
    }
    return f;
}

net::rtnl::NeighDump dump(Context& c, const Filter& f)
{
    Neigh req;
    req.family = static_cast<uint8_t>(f.family);
    req.flags = f.ndm_flags;
    if (f.index)
        req.filter_index = f.index;
    if (f.master)
        req.filter_master = static_cast<uint32_t>(f.master);
    return net::rtnl::dump_neighs(c.rtnl(), req);
}

void print_selected(Context& c, const Filter& f, LinkCache& links, const std::vector<Neigh>& neighs)
{
    // (A kernel that ignored the master filter would get iproute2's
    // warning; every kernel with strict dump checking applies it.)
    auto doc = c.out.document();
    for (const Neigh& n : neighs)
        if (selected(f, n))
            print_neigh(c, links, n, f.index);
}

int neigh_show(Context& c, cli::Args& a)
{
    Filter f = parse_filter(c, a, false);
    auto d = dump(c, f);
    LinkCache& links = c.links;
    print_selected(c, f, links, d.neighs);
    return 0;
}

int neigh_flush(Context& c, cli::Args& a)
{
    Filter f = parse_filter(c, a, true);
    LinkCache& links = c.links;
    auto& rtnl = c.rtnl();
    for (int round = 0; round < flush_rounds;) {
        auto d = dump(c, f);
        std::vector<Neigh> doomed;
        for (Neigh& n : d.neighs)
            if (selected(f, n))
                doomed.push_back(std::move(n));
        if (doomed.empty()) {
            if (c.opt.stats) {
                if (round == 0)
                    c.out.text("Nothing to flush.\n");
                else
                    print_flush_complete(c.out, round);
            }
            return 0;
        }
        ++round;
        if (c.opt.stats >= 2)
            for (const Neigh& n : doomed)
                print_neigh(c, links, n, f.index);
        auto refused = net::rtnl::delete_neighs(rtnl.socket(), doomed);
        if (!refused.empty()) {
            c.out.flush();
            cli::fail(cli::exit_failure,
                      fmt::format("Failed to send flush request: {}\n", std::strerror(refused.front().error)));
        }
        if (c.opt.stats) {
            c.out.textf("\n*** Round {}, deleting {} entries ***\n", round, doomed.size());
            c.out.flush();
        }
        f.state &= ~static_cast<uint32_t>(NUD_FAILED);
    }
    c.out.textf("*** Flush not complete bailing out after {} rounds\n", flush_rounds);
    return cli::exit_usage;
}

// iproute2's ipneigh_get.
int neigh_get(Context& c, cli::Args& a)
{
    Neigh req;
    std::optional<std::string> dev;
    std::optional<net::Prefix> dst;
    bool dev_ok = false;
    for (; !a.empty(); a.next()) {
        if (a.is("dev")) {
            dev = std::string(a.value());
            dev_ok = true;
        } else if (a.matches("proxy")) {
            std::string_view w = a.value();
            if (cli::matches(w, "help"))
                usage();
            if (dst)
                cli::duparg("address", w);
            dst = get_addr(w, c.opt.family);
            dev_ok = true;
            req.flags |= NTF_PROXY;
        } else {
            if (a.is("to"))
                a.value();
            if (a.matches("help"))
                usage();
            if (dst)
                cli::duparg2("to", a.peek());
            dst = get_addr(a.peek(), c.opt.family);
        }
    }
    const int dst_family = dst && !dst->has_bytes() ? c.opt.family : dst ? dst->addr.family : AF_UNSPEC;
    if (!dev_ok || !dst || dst_family == AF_UNSPEC)
        cli::fail(cli::exit_failure, "Device and address are required arguments.\n");
    req.family = static_cast<uint8_t>(dst_family);
    req.dst = dst->addr;
    if (dev) {
        req.index = index_of(c, *dev);
        if (!req.index)
            cli::fail(cli::exit_failure, fmt::format("Cannot find device \"{}\"\n", *dev));
    }
    net::Message m = net::rtnl::encode(RTM_GETNEIGH, 0, req);
    std::vector<std::byte> reply;
    try {
        reply = c.rtnl().socket().query(m);
    } catch (const net::Error& e) {
        kernel_refused(e);
    }
    auto print = [&](Context& e) {
        LinkCache& links = c.links;
        auto doc = e.out.document();
        for (const Neigh& n : net::rtnl::decode_neighs(reply))
            print_neigh(e, links, n, 0);
    };
    if (!c.opt.json) {
        print(c);
        return 0;
    }
    // iproute2 6.1 prints the answer as text even under -j.
    Options o = c.opt;
    o.json = 0;
    o.pretty = 0;
    c.out.flush();
    Context text(o);
    print(text);
    return 0;
}

} // namespace

void print_neighs(Context& c, cli::Args& words, const std::vector<net::rtnl::Link>& links,
                  const std::vector<net::rtnl::Neigh>& neighs)
{
    Filter f = parse_filter(c, words, false);
    c.links.offline();
    for (const auto& l : links)
        c.links.remember(l);
    print_selected(c, f, c.links, neighs);
}

int do_neigh(Context& c, cli::Args& a)
{
    if (a.empty())
        return neigh_show(c, a);
    if (a.matches("add")) {
        a.next();
        return neigh_modify(c, a, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL);
    }
    if (a.matches("change") || a.is("chg")) {
        a.next();
        return neigh_modify(c, a, RTM_NEWNEIGH, NLM_F_REPLACE);
    }
    if (a.matches("replace")) {
        a.next();
        return neigh_modify(c, a, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
    }
    if (a.matches("delete")) {
        a.next();
        return neigh_modify(c, a, RTM_DELNEIGH, 0);
    }
    if (a.matches("get")) {
        a.next();
        return neigh_get(c, a);
    }
    if (a.matches("show") || a.matches("lst") || a.matches("list")) {
        a.next();
        return neigh_show(c, a);
    }
    if (a.matches("flush")) {
        a.next();
        return neigh_flush(c, a);
    }
    if (a.matches("help"))
        usage();
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip neigh help\".\n", a.peek()));
}

} // namespace nsbox::ip
