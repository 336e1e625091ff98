// ip: global options and object dispatch, as iproute2's ip.c.

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "applets/applet.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/inet.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

net::rtnl::Session& Context::rtnl()
{
    if (!rtnl_) {
        rtnl_ = std::make_unique<net::rtnl::Session>();
        // iproute2's rtnl_dump_filter: a warning once the dump has ended,
        // and the listing goes on with what the dump brought (exit status
        // unchanged).
        rtnl_->socket().on_dump_interrupted(
            [] { std::fputs("Dump was interrupted and may be inconsistent.\n", stderr); });
    }
    return *rtnl_;
}

std::string refusal_text(const net::Error& e)
{
    if (!e.context().empty())
        return fmt::format("{}: {}\n", e.context(), std::strerror(e.code()));
    if (!e.extack().empty()) {
        const std::string& m = e.extack();
        return fmt::format("Error: {}{}\n", m, m.ends_with('.') ? "" : ".");
    }
    return fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code()));
}

void kernel_refused(const net::Error& e) { cli::fail(cli::exit_kernel, refusal_text(e)); }

std::string stale_note(std::string_view name)
{
    if (!net::netns::valid_name(name) || !net::netns::is_stale(name))
        return {};
    return fmt::format("Note: {} is stale: a file, not a mounted network namespace; "
                       "\"ip netns delete {}\" removes it\n",
                       net::netns::path_of(name), name);
}

void talk(Context& c, net::Message& m)
{
    try {
        c.rtnl().request(m);
    } catch (const net::Error& e) {
        kernel_refused(e);
    }
}

std::optional<uint32_t> LinkCache::find(std::string_view name) const
{
    auto it = by_name_.find(std::string(name));
    if (it == by_name_.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

void LinkCache::remember_name(uint32_t index, const std::string& name)
{
    auto it = by_index_.find(index);
    if (it == by_index_.end()) {
        by_index_.emplace(index, Named{name, true});
        by_name_[name].push_back(index);
        return;
    }
    Named& e = it->second;
    if (e.name == name || !e.by_name)
        return;
    auto& v = by_name_[e.name];
    std::erase(v, index);
    if (v.empty())
        by_name_.erase(e.name);
    e.by_name = false;
}

void LinkCache::drop(uint32_t index)
{
    auto it = by_index_.find(index);
    if (it == by_index_.end())
        return;
    if (it->second.by_name) {
        auto& v = by_name_[it->second.name];
        std::erase(v, index);
        if (v.empty())
            by_name_.erase(it->second.name);
    }
    by_index_.erase(it);
}

uint32_t index_name(std::string_view name)
{
    if (!name.starts_with("if"))
        return 0;
    std::string rest(name.substr(2));
    char* end = nullptr;
    unsigned long v = std::strtoul(rest.c_str(), &end, 10);
    if (end == rest.c_str())
        return 0;
    return static_cast<uint32_t>(v);
}

uint32_t index_of(Context& c, std::string_view name)
{
    if (name.empty())
        return 0;
    if (auto idx = c.links.find(name))
        return *idx;
    auto l = name.size() < IFNAMSIZ ? c.rtnl().link(name, AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS)
                                    : std::nullopt;
    if (!l)
        return index_name(name);
    auto idx = static_cast<uint32_t>(l->index);
    if (l->name)
        c.links.remember_name(idx, *l->name);
    return idx;
}

std::optional<net::rtnl::Link> listed_link(Context& c, std::string_view dev, uint8_t family, uint32_t ext_mask,
                                           bool by_index)
{
    std::optional<net::rtnl::Link> l;
    if (dev.size() < IFNAMSIZ)
        l = c.rtnl().link(dev, family, ext_mask);
    if (l)
        return l;
    uint32_t n = index_name(dev);
    if (!n)
        cli::fail(cli::exit_failure, fmt::format("Device \"{}\" does not exist.\n", dev));
    // iproute2 asks again: by the name (iplink_get), which the kernel does
    // not know, or by the index (ipaddr_link_get). A failed request prints
    // the kernel's answer and perror's line; -j still prints the empty list.
    if (by_index)
        l = c.rtnl().link(static_cast<int32_t>(n), family, ext_mask);
    if (!l) {
        std::string_view what = by_index ? "Cannot send link request" : "Cannot send link get request";
        std::string text = fmt::format("RTNETLINK answers: {0}\n{1}: {0}\n", std::strerror(ENODEV), what);
        auto doc = c.out.document();
        if (!by_index)
            cli::fail(cli::exit_failure, std::move(text), cli::Stop::batch);
        std::fputs(text.c_str(), stderr);
    }
    return l;
}

void no_device(std::string_view name) { cli::fail(cli::exit_failure, fmt::format("Cannot find device \"{}\"\n", name)); }

void LinkCache::begin_command()
{
    entries_.clear();
    loaded_ = false;
}

const LinkCache::Entry* LinkCache::find_entry(uint32_t index) const
{
    auto it = std::lower_bound(entries_.begin(), entries_.end(), index,
                               [](const Entry& e, uint32_t i) { return e.index < i; });
    return it != entries_.end() && it->index == index ? &*it : nullptr;
}

LinkCache::Entry& LinkCache::put(uint32_t index)
{
    // Dumps come in index order: appending is the usual case.
    if (entries_.empty() || entries_.back().index < index) {
        entries_.push_back(Entry{index, 0, 0, false, false, {}});
        return entries_.back();
    }
    auto it = std::lower_bound(entries_.begin(), entries_.end(), index,
                               [](const Entry& e, uint32_t i) { return e.index < i; });
    if (it == entries_.end() || it->index != index)
        it = entries_.insert(it, Entry{index, 0, 0, false, false, {}});
    return *it;
}

void LinkCache::remember(uint32_t index, std::string_view name, uint32_t flags, uint16_t type)
{
    Entry& e = put(index);
    size_t n = std::min(name.size(), sizeof e.name - 1);
    std::memcpy(e.name, name.data(), n);
    e.name[n] = '\0';
    e.flags = flags;
    e.type = type;
    e.has_flags = e.has_type = true;
    // iproute2 has one name cache: every link a listing receives is
    // remembered for the later lines of a batch (a lone command has none).
    if (c_.opt.batch_mode && !offline_ && !name.empty())
        remember_name(index, std::string(name));
}

void LinkCache::remember(const net::rtnl::Link& l)
{
    if (!l.name) {
        Entry& e = put(static_cast<uint32_t>(l.index));
        e.name[0] = '\0';
        e.flags = l.flags;
        e.type = l.type;
        e.has_flags = e.has_type = true;
        return;
    }
    remember(static_cast<uint32_t>(l.index), *l.name, l.flags, l.type);
}

const LinkCache::Entry& LinkCache::lookup(uint32_t index)
{
    if (const Entry* e = find_entry(index))
        return *e;
    if (index != 0 && !offline_) {
        auto l = ask().link(static_cast<int32_t>(index), AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        if (l && l->name) {
            remember(static_cast<uint32_t>(l->index), *l->name, l->flags, l->type);
            if (const Entry* e = find_entry(index))
                return *e;
        }
    }
    Entry& e = put(index);
    auto r = fmt::format_to_n(e.name, sizeof e.name - 1, "if{}", index);
    *r.out = '\0';
    return e;
}

net::rtnl::Session& LinkCache::ask()
{
    if (!ask_)
        ask_ = std::make_unique<net::rtnl::Session>();
    return *ask_;
}

void LinkCache::load_all()
{
    if (loaded_ || offline_)
        return;
    loaded_ = true;
    net::Message m = net::rtnl::link_dump_request(AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    // Only the header and the name are read of each message.
    c_.rtnl().socket().dump_each(m, [&](const net::Msg& r) {
        if (r.type() != RTM_NEWLINK)
            return;
        auto ifi = r.family<ifinfomsg>();
        std::string_view name;
        for (const net::Attr& at : r.attrs<ifinfomsg>())
            if (at.type() == IFLA_IFNAME) {
                name = at.str();
                break;
            }
        remember(static_cast<uint32_t>(ifi.ifi_index), name, ifi.ifi_flags, ifi.ifi_type);
    });
}

std::string LinkCache::netns_name(int32_t nsid)
{
    auto it = nsids_.find(nsid);
    if (it != nsids_.end())
        return it->second;
    std::string n = offline_ ? std::string() : name_of_nsid(ask(), nsid);
    nsids_[nsid] = n;
    return n;
}

std::string LinkCache::name(uint32_t index) { return lookup(index).name; }

std::string_view LinkCache::name_and_flags(uint32_t index, std::optional<uint32_t>& flags)
{
    const Entry& e = lookup(index);
    flags = e.has_flags ? std::optional(e.flags) : std::nullopt;
    return e.name;
}

std::optional<uint32_t> LinkCache::flags(uint32_t index)
{
    const Entry& e = lookup(index);
    return e.has_flags ? std::optional(e.flags) : std::nullopt;
}

int LinkCache::type(uint32_t index)
{
    const Entry* e = find_entry(index);
    return e && e->has_type ? e->type : -1;
}

namespace {

// sscanf("%x") of one lladdr part: blanks, a sign, "0x", hex digits; the
// value as the int it lands in. nullopt when no digit is there.
std::optional<long long> scan_hex(std::string_view s)
{
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\v' || s[i] == '\f' ||
                            s[i] == '\r'))
        ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    auto hex = [](char ch) {
        if (ch >= '0' && ch <= '9')
            return ch - '0';
        if (ch >= 'a' && ch <= 'f')
            return ch - 'a' + 10;
        if (ch >= 'A' && ch <= 'F')
            return ch - 'A' + 10;
        return -1;
    };
    if (i + 2 < s.size() + 1 && i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
        i + 2 < s.size() && hex(s[i + 2]) >= 0)
        i += 2;
    size_t start = i;
    unsigned long long v = 0;
    bool overflow = false;
    for (; i < s.size() && hex(s[i]) >= 0; ++i) {
        if (v > (ULLONG_MAX >> 4))
            overflow = true;
        v = v * 16 + static_cast<unsigned>(hex(s[i]));
    }
    if (i == start)
        return std::nullopt;
    if (overflow)
        v = ULLONG_MAX;
    if (neg)
        v = -v;
    // Stored through an unsigned int into an int.
    return static_cast<int32_t>(static_cast<uint32_t>(v));
}

} // namespace

std::vector<std::byte> parse_lladdr(std::string_view arg, size_t max_len)
{
    auto bad = [](std::string_view part) {
        cli::fail(cli::exit_failure, fmt::format("\"{}\" is invalid lladdr.\n", part));
    };
    std::vector<std::byte> out;
    if (arg.find('.') != std::string_view::npos) {
        auto a = net::parse_address(arg, AF_INET);
        if (!a)
            bad(arg);
        auto s = a->span();
        out.assign(s.begin(), s.end());
        return out;
    }
    while (out.size() < max_len) {
        auto colon = arg.find(':');
        std::string_view part = arg.substr(0, colon);
        auto v = scan_hex(part);
        if (!v || *v < 0 || *v > 255)
            bad(part);
        out.push_back(static_cast<std::byte>(*v));
        if (colon == std::string_view::npos)
            break;
        arg.remove_prefix(colon + 1);
    }
    return out;
}


bool valid_ifname(std::string_view name, bool alt)
{
    // iproute2 6.1 checks no length for an alternative name (the kernel
    // does).
    if (name.empty() || (!alt && name.size() >= IFNAMSIZ))
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

cli::Color family_color(int family)
{
    switch (family) {
    case AF_INET: return cli::Color::inet;
    case AF_INET6: return cli::Color::inet6;
    default: return cli::Color::none;
    }
}

void print_flush_complete(cli::Output& out, int rounds)
{
    out.textf("*** Flush is complete after {} round{} ***\n", rounds, rounds > 1 ? "s" : "");
}

cli::Color operstate_color(uint8_t state)
{
    switch (state) {
    case IF_OPER_UP: return cli::Color::oper_up;
    case IF_OPER_DOWN: return cli::Color::oper_down;
    default: return cli::Color::none;
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
    {"rule", do_rule}, {"neighbor", do_neigh}, {"neighbour", do_neigh}, {"ntable", nullptr},
    {"ntbl", nullptr}, {"link", do_link}, {"l2tp", nullptr}, {"fou", nullptr}, {"ila", nullptr},
    {"macsec", nullptr}, {"tunnel", nullptr}, {"tunl", nullptr}, {"tuntap", do_tuntap},
    {"tap", do_tuntap}, {"token", nullptr}, {"tcpmetrics", nullptr}, {"tcp_metrics", nullptr},
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

// iproute2's -color[=WHEN] (matches_color): "-c", "-col", "-color=" mean
// always; anything after '=' but always, auto or never is not this option.
enum class ColorWhen { never, automatic, always };
std::optional<ColorWhen> color_option(std::string_view w)
{
    size_t eq = w.find('=');
    if (!cli::matches(w.substr(0, eq), "-color"))
        return std::nullopt;
    std::string_view when = eq == std::string_view::npos ? std::string_view() : w.substr(eq + 1);
    if (when.empty() || when == "always")
        return ColorWhen::always;
    if (when == "auto")
        return ColorWhen::automatic;
    if (when == "never")
        return ColorWhen::never;
    return std::nullopt;
}

// One command (OBJECT ARGS...), as iproute2's do_cmd.
int run_command(Context& c, cli::Args& a)
{
    std::string_view obj = a.take();
    for (const Object& o : objects) {
        if (!cli::matches(obj, o.name))
            continue;
        if (o.name == "help")
            usage();
        if (!o.handler)
            not_supported(fmt::format("object \"{}\"", o.name));
        return o.handler(c, a);
    }
    cli::fail(cli::exit_failure, fmt::format("Object \"{}\" is unknown, try \"ip help\".\n", obj));
}

// Whether iproute2 ends the whole process on this failure (exit() in the
// middle of a command) rather than returning from the command: inside a
// batch, the former stops the batch at once, even under -force, without a
// "Command failed" line. Its usage errors exit(-1) (255); the others say
// so themselves (cli::Stop::batch): get_addr() and get_prefix() exit(1) on
// an address they cannot parse, a dump that fails part way exits 1 after
// "Dump terminated", and so does a link listing whose get request fails.
bool ends_process(const cli::Failure& f) { return f.code() == cli::exit_usage || f.stops_batch(); }

// iproute2's batch(): the commands of FILE ("-": standard input), one per
// line, over one netlink session; a command that fails prints
// "Command failed FILE:LINE" and ends the batch unless -force. Exit 1 when
// any command failed.
int batch(Options& opt, const std::string& name, bool colored)
{
    if (name != "-" && !std::freopen(name.c_str(), "r", stdin)) {
        int e = errno;
        std::fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", name.c_str(), std::strerror(e));
        return 1;
    }
    opt.batch_mode = 1;
    const int family = opt.family;
    Context c(opt);
    if (colored)
        c.out.enable_color(cli::dark_background(std::getenv("COLORFGBG")));
    cli::BatchReader in(stdin);
    int rc = 0;
    while (auto words = in.next()) {
        if (words->empty())
            continue;
        opt.family = family;
        cli::Args a(std::move(*words));
        c.links.begin_command();
        int ret;
        try {
            ret = run_command(c, a);
        } catch (const cli::Failure& f) {
            if (ends_process(f))
                throw;
            c.out.flush();
            std::fputs(f.message().c_str(), stderr);
            ret = f.code();
        }
        c.out.flush();
        c.out.reset();
        if (ret) {
            std::fprintf(stderr, "Command failed %s:%d\n", name.c_str(), in.line());
            rc = 1;
            if (!opt.force)
                break;
        }
    }
    return rc;
}

int run(int argc, char** argv)
{
    Options opt;
    cli::Args a(argc - 1, argv + 1);
    std::unique_ptr<net::netns::Guard> in_netns;
    ColorWhen color = ColorWhen::never;
    std::optional<std::string> batch_file;
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
        // In iproute2's order: "-b" is -batch, "-h" -human, "-r" -resolve.
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
        } else if (is("-human") || is("-human-readable")) {
            ++opt.human;
        } else if (is("-iec")) {
            ++opt.iec;
        } else if (is("-stats") || is("-statistics")) {
            ++opt.stats;
        } else if (is("-details")) {
            ++opt.details;
        } else if (is("-resolve")) {
            not_supported("-resolve");
        } else if (is("-oneline")) {
            ++opt.oneline;
        } else if (is("-timestamp")) {
            ++opt.timestamp;
        } else if (is("-tshort")) {
            ++opt.timestamp;
            ++opt.tshort;
        } else if (is("-Version")) {
            std::fputs("ip utility, iproute2-6.1.0, nsbox " NSBOX_VERSION "\n", stdout);
            return 0;
        } else if (is("-force")) {
            ++opt.force;
        } else if (is("-batch")) {
            if (!a.has_next())
                usage();
            batch_file = std::string(a.value());
        } else if (is("-brief")) {
            ++opt.brief;
        } else if (is("-json")) {
            ++opt.json;
        } else if (is("-pretty")) {
            ++opt.pretty;
        } else if (is("-rcvbuf")) {
            if (!a.has_next())
                usage();
            std::string_view v = a.value();
            auto size = net::parse_unsigned(v, 0);
            if (!size || v.starts_with('-'))
                cli::fail(cli::exit_usage, fmt::format("Invalid rcvbuf size '{}'\n", v));
        } else if (auto when = color_option(w)) {
            color = *when;
        } else if (is("-help")) {
            usage();
        } else if (is("-netns")) {
            // iproute2 does not check for the name here and prints (null).
            std::string name = a.has_next() ? std::string(a.value()) : "(null)";
            try {
                in_netns = std::make_unique<net::netns::Guard>(name);
                ++opt.netns;
            } catch (const net::Error& e) {
                if (e.context() == net::netns::step::open)
                    cli::fail(cli::exit_usage, fmt::format("Cannot open network namespace \"{}\": {}\n", name,
                                                           std::strerror(e.code())));
                cli::fail(cli::exit_usage,
                          fmt::format("setting the network namespace \"{}\" failed: {}\n{}", name,
                                      std::strerror(e.code()), stale_note(name)));
            }
        } else if (is("-Numeric")) {
            ++opt.numeric;
        } else if (is("-all")) {
            ++opt.all;
        } else {
            cli::fail(cli::exit_usage, fmt::format("Option \"{}\" is unknown, try \"ip -help\".\n", w));
        }
        a.next();
    }
    // iproute2's check_enable_color: never with -json; "auto" only on a
    // terminal; the palette follows COLORFGBG.
    bool colored = !opt.json && (color == ColorWhen::always ||
                                 (color == ColorWhen::automatic && isatty(STDOUT_FILENO)));
    if (batch_file)
        return batch(opt, *batch_file, colored);
    if (a.empty())
        usage();
    Context c(opt);
    if (colored)
        c.out.enable_color(cli::dark_background(std::getenv("COLORFGBG")));
    int rc = run_command(c, a);
    c.out.flush();
    return rc;
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
