// ip: global options and object dispatch, as iproute2's ip.c.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_link.h>

#include "applets/applet.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/inet.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

net::rtnl::Session& Context::rtnl()
{
    if (!rtnl_)
        rtnl_ = std::make_unique<net::rtnl::Session>();
    return *rtnl_;
}

void kernel_refused(const net::Error& e)
{
    if (!e.context().empty())
        cli::fail(cli::exit_kernel, fmt::format("{}: {}\n", e.context(), std::strerror(e.code())));
    if (!e.extack().empty()) {
        const std::string& m = e.extack();
        cli::fail(cli::exit_kernel, fmt::format("Error: {}{}\n", m, m.ends_with('.') ? "" : "."));
    }
    cli::fail(cli::exit_kernel, fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code())));
}

void talk(Context& c, net::Message& m)
{
    try {
        c.rtnl().request(m);
    } catch (const net::Error& e) {
        kernel_refused(e);
    }
}

uint32_t index_of(Context& c, std::string_view name)
{
    if (name.empty() || name.size() >= IFNAMSIZ)
        return 0;
    auto l = c.rtnl().link(name, AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    return l ? static_cast<uint32_t>(l->index) : 0;
}

void no_device(std::string_view name) { cli::fail(cli::exit_failure, fmt::format("Cannot find device \"{}\"\n", name)); }

void LinkNames::remember(const net::rtnl::Link& l)
{
    map_[static_cast<uint32_t>(l.index)] = Entry{l.name.value_or(""), l.flags};
}

const LinkNames::Entry& LinkNames::lookup(uint32_t index)
{
    auto it = map_.find(index);
    if (it != map_.end())
        return it->second;
    Entry e{fmt::format("if{}", index), std::nullopt};
    if (index != 0 && !offline_) {
        auto l = c_.rtnl().link(static_cast<int32_t>(index), AF_UNSPEC,
                                RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        if (l && l->name)
            e = Entry{*l->name, l->flags};
    }
    return map_.emplace(index, std::move(e)).first->second;
}

std::string LinkNames::netns_name(int32_t nsid)
{
    auto it = nsids_.find(nsid);
    if (it != nsids_.end())
        return it->second;
    std::string n = offline_ ? std::string() : name_of_nsid(c_, nsid);
    nsids_[nsid] = n;
    return n;
}

std::string LinkNames::name(uint32_t index) { return lookup(index).name; }
std::optional<uint32_t> LinkNames::flags(uint32_t index) { return lookup(index).flags; }

bool valid_ifname(std::string_view name, bool alt)
{
    if (name.empty() || name.size() >= (alt ? ALTIFNAMSIZ : IFNAMSIZ))
        return false;
    for (char ch : name)
        if (ch == '/' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '\r')
            return false;
    return true;
}

std::string scope_name(unsigned scope)
{
    switch (scope) {
    case 0: return "global";
    case 200: return "site";
    case 253: return "link";
    case 254: return "host";
    case 255: return "nowhere";
    default: return std::to_string(scope);
    }
}

namespace {

using Handler = int (*)(Context&, cli::Args&);

struct Object {
    std::string_view name;
    Handler handler; // nullptr: an iproute2 object nsbox does not have yet
};

// iproute2 6.1's object table, in its order: an abbreviation means the first
// object it prefixes ("ip a" is address, "ip n" neighbor, "ip l" link).
constexpr Object objects[] = {
    {"address", do_addr}, {"addrlabel", nullptr}, {"maddress", nullptr}, {"route", do_route},
    {"rule", nullptr}, {"neighbor", do_neigh}, {"neighbour", do_neigh}, {"ntable", nullptr},
    {"ntbl", nullptr}, {"link", do_link}, {"l2tp", nullptr}, {"fou", nullptr}, {"ila", nullptr},
    {"macsec", nullptr}, {"tunnel", nullptr}, {"tunl", nullptr}, {"tuntap", nullptr},
    {"tap", nullptr}, {"token", nullptr}, {"tcpmetrics", nullptr}, {"tcp_metrics", nullptr},
    {"monitor", nullptr}, {"xfrm", nullptr}, {"mroute", nullptr}, {"mrule", nullptr},
    {"netns", do_netns}, {"netconf", nullptr}, {"vrf", nullptr}, {"sr", nullptr},
    {"nexthop", nullptr}, {"mptcp", nullptr}, {"ioam", nullptr}, {"help", nullptr},
    {"stats", nullptr},
};

constexpr std::string_view usage_text =
    "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
    "       ip [ -force ] -batch filename\n"
    "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
    "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
    "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
    "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
    "                   token | tunnel | tuntap | vrf | xfrm }\n"
    "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
    "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
    "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
    "                    -4 | -6 | -M | -B | -0 |\n"
    "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
    "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
    "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
    "                    -c[olor]}\n";

[[noreturn]] void usage() { cli::fail(cli::exit_usage, std::string(usage_text)); }

[[noreturn]] void not_supported(std::string_view what)
{
    cli::fail(cli::exit_usage, fmt::format("nsbox ip: {} is not supported yet\n", what));
}

int family_of(std::string_view w)
{
    if (w == "inet")
        return AF_INET;
    if (w == "inet6")
        return AF_INET6;
    if (w == "link")
        return AF_PACKET;
    if (w == "mpls")
        return AF_MPLS;
    if (w == "bridge")
        return AF_BRIDGE;
    return AF_UNSPEC;
}

int run(int argc, char** argv)
{
    Options opt;
    cli::Args a(argc - 1, argv + 1);
    std::unique_ptr<net::netns::Guard> in_netns;
    bool color = false;
    while (!a.empty()) {
        std::string_view w = a.peek();
        if (w == "--") {
            a.next();
            break;
        }
        if (!w.starts_with('-'))
            break;
        if (w.starts_with("--"))
            w.remove_prefix(1);
        auto is = [&](std::string_view full) { return cli::matches(w, full); };
        if (is("-loops")) {
            if (!a.has_next())
                usage();
            a.next();
        } else if (is("-family")) {
            if (!a.has_next())
                usage();
            std::string_view f = a.value();
            if (f == "help")
                usage();
            opt.family = family_of(f);
            if (opt.family == AF_UNSPEC)
                cli::invarg("invalid protocol family", f);
        } else if (w == "-4") {
            opt.family = AF_INET;
        } else if (w == "-6") {
            opt.family = AF_INET6;
        } else if (w == "-0") {
            opt.family = AF_PACKET;
        } else if (w == "-M") {
            opt.family = AF_MPLS;
        } else if (w == "-B") {
            opt.family = AF_BRIDGE;
        } else if (is("-human") || is("-human-readable") || is("-iec") || is("-resolve") ||
                   is("-timestamp") || is("-tshort")) {
            not_supported(fmt::format("option \"{}\"", w));
        } else if (is("-stats") || is("-statistics")) {
            ++opt.stats;
        } else if (is("-details")) {
            ++opt.details;
        } else if (is("-oneline")) {
            ++opt.oneline;
        } else if (is("-Version")) {
            std::fputs("ip utility, iproute2-6.1.0, nsbox " NSBOX_VERSION "\n", stdout);
            return 0;
        } else if (is("-force")) {
            ++opt.force;
        } else if (is("-batch")) {
            not_supported("-batch");
        } else if (is("-brief")) {
            ++opt.brief;
        } else if (is("-json")) {
            ++opt.json;
        } else if (is("-pretty")) {
            ++opt.pretty;
        } else if (is("-rcvbuf")) {
            if (!a.has_next())
                usage();
            a.next();
        } else if (auto eq = w.find('='); cli::matches(w.substr(0, eq), "-color") &&
                                           (eq == std::string_view::npos || w.substr(eq + 1) == "always" ||
                                            w.substr(eq + 1) == "auto" || w.substr(eq + 1) == "never")) {
            // iproute2's matches_color: "-c" alone means always.
            std::string_view when = eq == std::string_view::npos ? "always" : w.substr(eq + 1);
            color = when == "always" || (when == "auto" && isatty(STDOUT_FILENO));
            if (when == "never")
                color = false;
        } else if (is("-help")) {
            usage();
        } else if (is("-netns")) {
            // iproute2 does not check for the name here and prints (null).
            std::string name = a.has_next() ? std::string(a.value()) : "(null)";
            try {
                in_netns = std::make_unique<net::netns::Guard>(name);
            } catch (const net::Error& e) {
                if (e.context() == net::netns::step::open)
                    cli::fail(cli::exit_usage, fmt::format("Cannot open network namespace \"{}\": {}\n", name,
                                                           std::strerror(e.code())));
                cli::fail(cli::exit_usage, fmt::format("setting the network namespace \"{}\" failed: {}\n",
                                                       name, std::strerror(e.code())));
            }
        } else if (is("-Numeric")) {
            not_supported("-Numeric");
        } else if (is("-all")) {
            ++opt.all;
        } else {
            cli::fail(cli::exit_usage, fmt::format("Option \"{}\" is unknown, try \"ip -help\".\n", w));
        }
        a.next();
    }
    if (a.empty())
        usage();
    // iproute2 never colours JSON.
    if (color && !opt.json)
        not_supported("colour output");
    Context c(opt);
    std::string_view obj = a.take();
    for (const Object& o : objects) {
        if (!cli::matches(obj, o.name))
            continue;
        if (o.name == "help")
            usage();
        if (!o.handler)
            not_supported(fmt::format("object \"{}\"", o.name));
        int rc = o.handler(c, a);
        c.out.flush();
        return rc;
    }
    cli::fail(cli::exit_failure, fmt::format("Object \"{}\" is unknown, try \"ip help\".\n", obj));
}

} // namespace

} // namespace nsbox::ip

int nsbox::ip_main(int argc, char** argv)
{
    try {
        return ip::run(argc, argv);
    } catch (const cli::Failure& f) {
        std::fflush(stdout);
        std::fputs(f.message().c_str(), stderr);
        return f.code();
    } catch (const net::Error& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "ip: %s%s%s\n", e.context().c_str(), e.context().empty() ? "" : ": ", e.what());
        return cli::exit_kernel;
    } catch (const net::Malformed& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "ip: malformed netlink reply: %s\n", e.what());
        return cli::exit_kernel;
    }
}
