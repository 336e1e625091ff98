// ip tuntap (and its alias ip tap): iproute2's iptuntap.c. Devices are made
// and removed through /dev/net/tun (libnet/tun), listed from a link dump of
// kind "tun" joined with their /sys/class/net properties.

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <linux/if_arp.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>

#include "applets/common/accounts.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/tun.hpp"

namespace nsbox::ip {

namespace {

constexpr std::string_view usage_text =
    "Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n"
    "       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]\n"
    "       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n"
    "\n"
    "Where: USER  := { STRING | NUMBER }\n"
    "       GROUP := { STRING | NUMBER }\n";

[[noreturn]] void usage() { cli::fail(cli::exit_usage, std::string(usage_text)); }

struct Request {
    std::string name;
    uint16_t flags = IFF_NO_PI;
    std::optional<uint32_t> uid, gid; // unset: (uid_t)-1 in iproute2
};

// "user"/"group" value: a whole number as strtol reads it, cut to 32 bits
// as iproute2 stores it in a uid_t (so -1 and 4294967295 mean unset), else
// a name from /etc/passwd or /etc/group.
std::optional<uint32_t> owner_value(std::string_view w, bool user)
{
    std::string s(w);
    if (!s.empty()) {
        char* end = nullptr;
        long v = std::strtol(s.c_str(), &end, 10);
        if (!*end) {
            auto id = static_cast<uint32_t>(static_cast<unsigned long>(v));
            return id == UINT32_MAX ? std::nullopt : std::optional<uint32_t>(id);
        }
    }
    auto acct = user ? cli::user_by_name(w) : cli::group_by_name(w);
    if (!acct)
        cli::fail(cli::exit_usage, fmt::format("invalid {} \"{}\"\n", user ? "user" : "group", w));
    return acct->id == UINT32_MAX ? std::nullopt : std::optional<uint32_t>(acct->id);
}

// iproute2's parse_args; `owners` is false for del, which takes no user or
// group (the words then fall through to the name).
Request parse_request(cli::Args& a, bool owners)
{
    Request r;
    for (; !a.empty(); a.next()) {
        if (a.matches("mode")) {
            std::string_view m = a.value();
            uint16_t mode = 0;
            if (cli::matches(m, "tun"))
                mode = IFF_TUN;
            else if (cli::matches(m, "tap"))
                mode = IFF_TAP;
            else
                cli::fail(cli::exit_usage, fmt::format("Unknown tunnel mode \"{}\"\n", m));
            if (r.flags & (mode == IFF_TUN ? IFF_TAP : IFF_TUN))
                cli::fail(cli::exit_usage, "You managed to ask for more than one tunnel mode.\n");
            r.flags |= mode;
        } else if (owners && a.matches("user")) {
            r.uid = owner_value(a.value(), true);
        } else if (owners && a.matches("group")) {
            r.gid = owner_value(a.value(), false);
        } else if (a.matches("pi")) {
            r.flags &= static_cast<uint16_t>(~IFF_NO_PI);
        } else if (a.matches("one_queue")) {
            r.flags |= IFF_ONE_QUEUE;
        } else if (a.matches("vnet_hdr")) {
            r.flags |= IFF_VNET_HDR;
        } else if (a.matches("multi_queue")) {
            r.flags |= IFF_MULTI_QUEUE;
        } else if (a.matches("dev")) {
            std::string_view v = a.value();
            if (!valid_ifname(v))
                cli::invarg("\"dev\" not a valid ifname", v);
            r.name = v;
        } else {
            if (a.matches("name"))
                a.value();
            else if (a.matches("help"))
                usage();
            std::string_view v = a.peek();
            if (!r.name.empty())
                cli::duparg2("name", v);
            if (!valid_ifname(v))
                cli::invarg("\"name\" not a valid ifname", v);
            r.name = v;
        }
    }
    if (!(r.flags & TUN_TYPE_MASK))
        cli::fail(cli::exit_failure, "You failed to specify a tunnel mode\n");
    return r;
}

// perror() of the call that failed, and iproute2's return -1.
[[noreturn]] void failed(const net::Error& e)
{
    cli::fail(cli::exit_failure, fmt::format("{}: {}\n", e.context(), std::strerror(e.code())));
}

int tuntap_add(cli::Args& a)
{
    Request r = parse_request(a, true);
    try {
        net::tun::add(r.name, r.flags, r.uid, r.gid);
    } catch (const net::Error& e) {
        failed(e);
    }
    return 0;
}

int tuntap_del(cli::Args& a)
{
    Request r = parse_request(a, false);
    try {
        net::tun::remove(r.name, r.flags);
    } catch (const net::Error& e) {
        failed(e);
    }
    return 0;
}

// iproute2's read_prop: a number (strtol, base 0) from
// /sys/class/net/DEV/PROP; nullopt after printing why not, and the link
// is then left out of the listing. Messages go straight to stderr while
// the listing is still buffered, as iproute2's do when stdout is not a
// terminal.
std::optional<long> read_prop(const net::tun::Sysfs& sys, const std::string& dev, std::string_view prop)
{
    std::string path = fmt::format("/sys/class/net/{}/{}", dev, prop);
    auto complain = [&](const std::string& why) {
        std::fputs((why + "Failed to parse " + path + "\n").c_str(), stderr);
        return std::nullopt;
    };
    std::optional<std::string> text;
    try {
        text = sys.property(dev, prop);
    } catch (const net::Error& e) {
        std::fprintf(stderr, "fopen %s: %s\n", path.c_str(), std::strerror(e.code()));
        return std::nullopt;
    }
    if (!text)
        return complain(fmt::format("property \"{}\" in file {} is currently unknown\n", prop, path));
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(text->c_str(), &end, 0);
    if (*end || end == text->c_str())
        return complain(fmt::format("value \"{}\" in file {} is not a number\n", *text, path));
    if ((v == LONG_MAX || v == LONG_MIN) && errno == ERANGE)
        return complain(fmt::format("strtol {}: {}", path, std::strerror(ERANGE)));
    return v;
}

// The words of tun_flags, in iproute2 6.1's order; what is left in hex.
void print_flags(cli::Output& out, long flags)
{
    auto a = out.array("flags", cli::In::json);
    auto word = [&](std::string_view w) { out.element(" {}", w); };
    if (flags & IFF_TUN)
        word("tun");
    if (flags & IFF_TAP)
        word("tap");
    if (!(flags & IFF_NO_PI))
        word("pi");
    if (flags & IFF_ONE_QUEUE)
        word("one_queue");
    if (flags & IFF_MULTI_QUEUE)
        word("multi_queue");
    if (flags & IFF_VNET_HDR)
        word("vnet_hdr");
    if (flags & IFF_PERSIST)
        word("persist");
    if (!(flags & IFF_NOFILTER))
        word("filter");
    flags &= ~static_cast<long>(IFF_TUN | IFF_TAP | IFF_NO_PI | IFF_ONE_QUEUE | IFF_MULTI_QUEUE | IFF_VNET_HDR |
                                IFF_PERSIST | IFF_NOFILTER);
    if (flags)
        out.element(" {}", fmt::format("{:#x}", static_cast<unsigned long>(flags)));
}

// -d: the processes holding the device. iproute2 6.1 writes each one's
// "name" and "pid" as keys straight into the "processes" array, which is
// not JSON; nsbox writes one object per process instead.
void print_holders(Context& c, const std::string& dev)
{
    cli::Output& out = c.out;
    out.textf("{}\tAttached to processes:", c.opt.oneline ? "\\" : "\n");
    std::vector<std::string> errors;
    auto holders = net::tun::holders(dev, errors);
    for (const std::string& e : errors)
        std::fprintf(stderr, "%s\n", e.c_str());
    auto a = out.array("processes", cli::In::json);
    for (const auto& h : holders) {
        auto o = out.object(cli::In::json);
        std::string name = h.name.empty() ? "<NULL>" : h.name;
        out.field("name", "{}", name);
        out.field("pid", "({})", h.pid);
    }
}

int tuntap_show(Context& c)
{
    auto links = c.rtnl().links(AF_UNSPEC, RTEXT_FILTER_VF, std::nullopt, "tun");
    cli::Output& out = c.out;
    // Under -n, iproute2 has remounted /sys for the namespace.
    net::tun::Sysfs sys(c.opt.netns != 0);
    auto doc = out.document();
    for (const auto& l : links) {
        if (l.type != ARPHRD_NONE && l.type != ARPHRD_ETHER)
            continue;
        if (!l.name || !l.kind || *l.kind != "tun")
            continue;
        const std::string& name = *l.name;
        auto flags = read_prop(sys, name, "tun_flags");
        if (!flags)
            continue;
        auto owner = read_prop(sys, name, "owner");
        if (!owner)
            continue;
        auto group = read_prop(sys, name, "group");
        if (!group)
            continue;
        {
            auto o = out.object();
            out.field(cli::Color::ifname, "ifname", "{}:", name);
            print_flags(out, *flags);
            if (*owner != -1)
                out.field("user", " user {}", *owner);
            if (*group != -1)
                out.field("group", " group {}", *group);
            if (c.opt.details)
                print_holders(c, name);
        }
        out.text("\n");
    }
    return 0;
}

} // namespace

int do_tuntap(Context& c, cli::Args& a)
{
    if (a.empty())
        return tuntap_show(c);
    if (a.matches("add")) {
        a.next();
        return tuntap_add(a);
    }
    if (a.matches("delete")) {
        a.next();
        return tuntap_del(a);
    }
    if (a.matches("show") || a.matches("lst") || a.matches("list"))
        return tuntap_show(c);
    if (a.matches("help"))
        usage();
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip tuntap help\".\n", a.peek()));
}

} // namespace nsbox::ip
