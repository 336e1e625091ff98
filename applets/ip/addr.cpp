// ip address: add, del, show (iproute2's ipaddress.c), and the listing
// shared with `ip link show`.

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Addr;
using net::rtnl::Link;

constexpr uint32_t infinity_life = 0xffffffffu;

// iproute2's ifa_flag_names: bit i is names[i].
constexpr std::string_view ifa_flag_names[] = {
    "secondary", "nodad",         "optimistic", "dadfailed", "home",       "deprecated",
    "tentative", "permanent",     "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy",
};

void print_ifa_flags(cli::Output& out, const Addr& a)
{
    uint32_t flags = a.flags;
    for (size_t i = 0; i < std::size(ifa_flag_names); ++i) {
        uint32_t mask = 1u << i;
        if (mask == IFA_F_PERMANENT) {
            if (!(flags & mask)) {
                out.json_field("dynamic", true);
                out.text("dynamic ");
            }
        } else if (flags & mask) {
            std::string_view n = (mask == IFA_F_SECONDARY && a.family == AF_INET6) ? "temporary" : ifa_flag_names[i];
            out.json_field(n, true);
            out.textf("{} ", n);
        }
        flags &= ~mask;
    }
    if (flags) {
        out.json_field("ifa_flags", fmt::format("{:02x}", flags));
        out.textf("flags {:02x} ", flags);
    }
}

std::string addr_str(const std::optional<net::IpAddress>& a) { return a ? net::format_address(*a) : std::string(); }

void print_addr(Context& c, const Addr& raw)
{
    // iproute2 lets IFA_LOCAL and IFA_ADDRESS stand in for each other (IPv6
    // addresses carry only IFA_ADDRESS).
    Addr a = raw;
    if (!a.local)
        a.local = a.address;
    if (!a.address)
        a.address = a.local;
    cli::Output& out = c.out;
    const bool brief = c.opt.brief;
    if (!brief)
        out.field("family", "    {} ", net::family_name(a.family));
    if (a.local) {
        out.field("local", "{}", addr_str(a.local));
        if (a.address && a.address != a.local) {
            out.text(" peer ");
            out.field("address", "{}", addr_str(a.address));
        }
    } else if (a.address) {
        out.field("address", "{}", addr_str(a.address));
    }
    out.field("prefixlen", "/{} ", static_cast<int>(a.prefixlen));
    if (brief)
        return;
    if (a.broadcast)
        out.field("broadcast", "brd {} ", addr_str(a.broadcast));
    if (a.anycast)
        out.field("anycast", "any {} ", addr_str(a.anycast));
    out.field("scope", "scope {} ", scope_name(a.scope));
    print_ifa_flags(out, a);
    if (a.label)
        out.field("label", "{}", *a.label);
    if (a.cacheinfo) {
        const ifa_cacheinfo& ci = *a.cacheinfo;
        out.text(c.opt.oneline ? "\\" : "\n");
        out.text("       valid_lft ");
        if (ci.ifa_valid == infinity_life) {
            out.json_field("valid_life_time", infinity_life);
            out.text("forever");
        } else {
            out.field("valid_life_time", "{}sec", ci.ifa_valid);
        }
        out.text(" preferred_lft ");
        if (ci.ifa_prefered == infinity_life) {
            out.json_field("preferred_life_time", infinity_life);
            out.text("forever");
        } else if (a.flags & IFA_F_DEPRECATED) {
            out.field("preferred_life_time", "{}sec", static_cast<int32_t>(ci.ifa_prefered));
        } else {
            out.field("preferred_life_time", "{}sec", ci.ifa_prefered);
        }
    }
    out.text("\n");
}

struct ShowFilter {
    std::string dev;
    bool up = false;
};

ShowFilter parse_show(cli::Args& a)
{
    ShowFilter f;
    for (; !a.empty(); a.next()) {
        if (a.is("up")) {
            f.up = true;
        } else if (a.is("to") || a.is("scope") || a.is("label") || a.is("group") || a.is("master") ||
                   a.is("vrf") || a.is("nomaster") || a.is("type") || a.is("dynamic") || a.is("permanent") ||
                   a.is("secondary") || a.is("primary") || a.is("tentative") || a.is("-tentative") ||
                   a.is("deprecated") || a.is("-deprecated") || a.is("dadfailed") || a.is("-dadfailed") ||
                   a.is("temporary") || a.is("home") || a.is("nodad") || a.is("mngtmpaddr") ||
                   a.is("noprefixroute") || a.is("autojoin") || a.matches("proto")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: show filter \"{}\" is not supported yet\n", a.peek()));
        } else {
            if (a.is("dev"))
                a.value();
            else if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(addr_usage));
            if (!f.dev.empty())
                cli::duparg2("dev", a.peek());
            f.dev = std::string(a.peek());
        }
    }
    return f;
}

// iproute2's ipaddr_filter: with a family filter, links without an address
// of that family go; without one, links with no address at all stay.
bool keep_link(const std::vector<const Addr*>& own, int family)
{
    for (const Addr* a : own)
        if (!family || family == a->family)
            return true;
    return own.empty() && (family == AF_UNSPEC || family == AF_PACKET);
}

} // namespace

int list_links(Context& c, cli::Args& a, bool do_link)
{
    ShowFilter f = parse_show(a);
    if (c.opt.details || c.opt.stats)
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: {} show with -{} is not supported yet\n",
                                               do_link ? "link" : "address", c.opt.details ? "d" : "s"));
    const int family = do_link ? AF_PACKET : c.opt.family;
    auto& rtnl = c.rtnl();
    std::vector<Link> links;
    uint32_t index = 0;
    if (!f.dev.empty()) {
        std::optional<Link> one;
        if (f.dev.size() < IFNAMSIZ)
            one = rtnl.link(f.dev, static_cast<uint8_t>(family), RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        if (!one)
            cli::fail(cli::exit_failure, fmt::format("Device \"{}\" does not exist.\n", f.dev));
        index = static_cast<uint32_t>(one->index);
        links.push_back(std::move(*one));
    } else {
        // The extended mask goes only with the unspecified and AF_PACKET
        // dumps (the AF_INET6 dump refuses any attribute). Statistics are
        // not printed here, so the kernel is told to skip them: it is most
        // of its work for a large dump.
        bool mask = family == AF_UNSPEC || family == AF_PACKET;
        links = rtnl.links(static_cast<uint8_t>(family), mask ? RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS : 0);
    }
    LinkNames names(c);
    std::vector<Addr> addrs;
    if (family != AF_PACKET)
        addrs = rtnl.addrs(static_cast<uint8_t>(family), index);
    print_links(c, names, links, addrs, LinkFilter{f.up}, do_link);
    return 0;
}

void print_links(Context& c, LinkNames& names, const std::vector<Link>& links, const std::vector<Addr>& addrs,
                 const LinkFilter& f, bool do_link)
{
    const int family = do_link ? AF_PACKET : c.opt.family;
    for (const Link& l : links)
        names.remember(l);
    // Addresses joined to their links once, by ifindex, in dump order (not
    // iproute2's scan of every address for every link).
    std::unordered_map<uint32_t, std::vector<const Addr*>> by_link;
    by_link.reserve(links.size());
    for (const Addr& ad : addrs)
        by_link[ad.index].push_back(&ad);
    static const std::vector<const Addr*> none;
    auto doc = c.out.document();
    for (const Link& l : links) {
        auto it = by_link.find(static_cast<uint32_t>(l.index));
        const std::vector<const Addr*>& own = it == by_link.end() ? none : it->second;
        if (family != AF_PACKET && !keep_link(own, family))
            continue;
        auto o = c.out.object();
        // iproute2 filters "up" inside its link printer, after opening the
        // link's JSON object: a link that is down leaves "{}".
        if (f.up && !(l.flags & IFF_UP))
            continue;
        if (c.opt.oneline && !do_link && !c.opt.brief) {
            // -o prints each address on its own line, prefixed with the link.
            auto arr = c.out.array("addr_info", cli::In::json);
            for (const Addr* pa : own) {
                const Addr& ad = *pa;
                if (family && family != ad.family)
                    continue;
                auto ao = c.out.object(cli::In::json);
                c.out.field("index", "{}: ", static_cast<int>(ad.index));
                c.out.field("dev", "{}", names.name(ad.index));
                print_addr(c, ad);
            }
            continue;
        }
        print_link(c, names, l, do_link);
        if (family == AF_PACKET)
            continue;
        auto arr = c.out.array("addr_info", cli::In::json);
        for (const Addr* ad : own) {
            if (family && family != ad->family)
                continue;
            auto ao = c.out.object();
            print_addr(c, *ad);
        }
        arr.close();
        if (c.opt.brief)
            c.out.text("\n");
    }
}


namespace {

int addr_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t flags)
{
    Addr req;
    req.family = static_cast<uint8_t>(c.opt.family);
    std::optional<net::Prefix> local;
    std::string dev;
    std::string local_arg;
    bool scoped = false;
    for (; !a.empty(); a.next()) {
        if (a.is("peer") || a.is("remote") || a.matches("broadcast") || a.is("brd") || a.matches("anycast") ||
            a.is("valid_lft") || a.is("preferred_lft") || a.is("label") || a.is("metric") ||
            a.is("priority") || a.is("preference") || a.is("mngtmpaddr") || a.is("nodad") ||
            a.is("optimistic") || a.is("noprefixroute") || a.is("autojoin") || a.is("home") ||
            a.is("proto")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: address option \"{}\" is not supported yet\n", a.peek()));
        } else if (a.matches("scope")) {
            std::string_view w = a.value();
            unsigned s;
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
            else
                cli::invarg("invalid scope value.", w);
            req.scope = static_cast<uint8_t>(s);
            scoped = true;
        } else if (a.is("dev")) {
            dev = std::string(a.value());
        } else {
            if (a.is("local"))
                a.value();
            else if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(addr_usage));
            if (local)
                cli::duparg2("local", a.peek());
            local_arg = std::string(a.peek());
            local = net::parse_prefix(a.peek(), req.family);
            if (!local)
                cli::fail(cli::exit_failure, fmt::format("Error: {} prefix is expected rather than \"{}\".\n",
                                                         net::family_name_verbose(req.family), a.peek()));
            if (req.family == AF_UNSPEC)
                req.family = local->addr.family;
        }
    }
    if (dev.empty())
        cli::fail(cli::exit_failure, "Not enough information: \"dev\" argument is required.\n");
    if (local) {
        if (local->has_bytes()) {
            req.local = local->addr;
            if (cmd == RTM_DELADDR && local->addr.family == AF_INET && !local->len_given)
                std::fprintf(stderr,
                             "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                             "         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
                             "         This special behaviour is likely to disappear in further releases,\n"
                             "         fix your scripts!\n",
                             local_arg.c_str(), 32);
            else
                req.address = local->addr;
        }
        req.prefixlen = static_cast<uint8_t>(local->len);
    }
    if (!scoped && cmd != RTM_DELADDR && local && local->addr.family == AF_INET && local->has_bytes() &&
        local->addr.bytes[0] == std::byte{127})
        req.scope = RT_SCOPE_HOST;
    req.index = index_of(c, dev);
    if (!req.index)
        no_device(dev);
    net::Message m = net::rtnl::encode(cmd, flags, req);
    talk(c, m);
    return 0;
}

} // namespace

int do_addr(Context& c, cli::Args& a)
{
    if (a.empty())
        return list_links(c, a, false);
    if (a.matches("add")) {
        a.next();
        return addr_modify(c, a, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
    }
    if (a.matches("change") || a.is("chg") || a.matches("replace"))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: address {} is not supported yet\n", a.peek()));
    if (a.matches("delete")) {
        a.next();
        return addr_modify(c, a, RTM_DELADDR, 0);
    }
    if (a.matches("list") || a.matches("show") || a.matches("lst")) {
        a.next();
        return list_links(c, a, false);
    }
    if (a.matches("flush") || a.matches("save") || a.matches("showdump") || a.matches("restore"))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: address {} is not supported yet\n", a.peek()));
    if (a.matches("help"))
        cli::fail(cli::exit_usage, std::string(addr_usage));
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip address help\".\n", a.peek()));
}

} // namespace nsbox::ip
