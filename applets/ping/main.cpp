// ping's command line: one table of iputils 20221126's options, bound to
// Options, parsed with getopt semantics ("-c3", "-nq", "ping HOST -c 3",
// "--"). The usage text is generated from the same table.

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <arpa/inet.h>
#include <stdio_ext.h>
#include <netinet/in.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/applet.hpp"
#include "applets/common/failure.hpp"
#include "applets/common/getopt.hpp"
#include "applets/common/number.hpp"
#include "applets/ping/node_info.hpp"
#include "applets/ping/ping.hpp"
#include "applets/ping/session.hpp"
#include "libnet/inet.hpp"
#include "libnet/resolve.hpp"

namespace nsbox::ping {
namespace {

enum class Section { common, ipv4, ipv6, hidden };

// What applying an option may leave to print before anything else (the
// "PATTERN:" line of -p), and whether -V asked to stop.
struct Context {
    const char* prog = "ping";
    std::string err; // warnings, in the order printed
    std::string preamble; // stdout text before the run ("PATTERN: ...")
    bool version = false;
    std::optional<NiWordResult> ni_stop; // -N help, or a bad -N word: its text, then exit
    std::optional<std::string> pattern; // -p, applied after the last option
};

struct OptionSpec {
    char flag;
    const char* arg;  // "<count>", or nullptr for a flag
    const char* help; // continuation lines start after '\n'
    Section section;
    void (*apply)(Options&, Context&, const char* value);
};

// Value parsers (below the table), with iputils' wording and exit codes;
// a bad whole number (cli::to_long, cli::to_ulong) exits 1.
using cli::to_long;
using cli::to_ulong;
double to_seconds(const char* s, const char* what, Context& ctx);

// subject-ipv6= / subject-ipv4=: getaddrinfo of that family, the first answer.
SubjectLookup lookup_subject(const std::string& text, int family)
{
    SubjectLookup r;
    int other = family == AF_INET ? AF_INET6 : AF_INET;
    if (other == AF_INET ? net::parse_ipv4_numeric(text).has_value() : net::parse_ipv6_numeric(text).has_value()) {
        r.error = "Address family for hostname not supported";
        return r;
    }
    auto found = net::resolve_host(text, family);
    if (found.status != net::LookupStatus::ok || found.addresses.empty()) {
        r.error = std::string(lookup_error_text(found.status));
        return r;
    }
    const auto& a = found.addresses.front();
    const auto* b = family == AF_INET ? reinterpret_cast<const uint8_t*>(&a.v4) : reinterpret_cast<const uint8_t*>(&a.v6);
    r.address.assign(b, b + (family == AF_INET ? 4 : 16));
    return r;
}

// ---------------------------------------------------------------------------
// The table, in the order of iputils' usage text.

constexpr OptionSpec options_table[] = {
    {'a', nullptr, "use audible ping", Section::common, [](Options& o, Context&, const char*) { o.audible = true; }},
    {'A', nullptr, "use adaptive ping", Section::common, [](Options& o, Context&, const char*) { o.adaptive = true; }},
    {'B', nullptr, "sticky source address", Section::common,
     [](Options& o, Context&, const char*) { o.strict_source = true; }},
    {'c', "<count>", "stop after <count> replies", Section::common,
     [](Options& o, Context&, const char* v) { o.count = to_long(v, 1, LONG_MAX); }},
    {'C', nullptr, "call connect() syscall on socket creation", Section::common,
     [](Options& o, Context&, const char*) { o.connect_socket = true; }},
    {'D', nullptr, "print timestamps", Section::common, [](Options& o, Context&, const char*) { o.timestamps = true; }},
    {'d', nullptr, "use SO_DEBUG socket option", Section::common,
     [](Options& o, Context&, const char*) { o.so_debug = true; }},
    {'e', "<identifier>",
     "define identifier for ping session, default is random for\n"
     "SOCK_RAW and kernel defined for SOCK_DGRAM\n"
     "Imply using SOCK_RAW (for IPv4 only for identifier 0)",
     Section::common,
     [](Options& o, Context&, const char* v) { o.ident = static_cast<uint16_t>(to_ulong(v, 0, 0xffff)); }},
    {'f', nullptr, "flood ping", Section::common, 
     [](Options& o, Context&, const char*) {
         o.flood = true;
         o.numeric = true; // no lookups while flooding
     }},
    {'h', nullptr, "print help and exit", Section::common, nullptr},
    {'I', "<interface>", "either interface name or address", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         if (std::strchr(v, ':')) { // an IPv6 address, maybe with %DEVICE
             std::string addr = v;
             if (size_t pct = addr.find('%'); pct != std::string::npos) {
                 o.device = addr.substr(pct + 1);
                 addr.resize(pct);
             }
             in6_addr a6{};
             if (inet_pton(AF_INET6, addr.c_str(), &a6) <= 0)
                 fatal(ctx.prog, 2, fmt::format("invalid source address: {}", v));
             o.source6 = a6;
             o.strict_source = true;
             return;
         }
         in_addr a{};
         if (inet_pton(AF_INET, v, &a) > 0) {
             o.source = a;
             o.strict_source = true;
         } else
             o.device = v;
     }},
    {'i', "<interval>", "seconds between sending each packet", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         double s = to_seconds(v, "bad timing interval", ctx);
         if (std::isgreater(s, double(INT_MAX / 1000)))
             fatal(ctx.prog, 2, fmt::format("bad timing interval: {}", v));
         o.interval_ms = static_cast<int>(s * 1000);
         o.interval_given = true;
     }},
    {'L', nullptr, "suppress loopback of multicast packets", Section::common,
     [](Options& o, Context&, const char*) { o.no_loop = true; }},
    {'l', "<preload>", "send <preload> number of packages while waiting replies", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         o.preload = static_cast<int>(to_long(v, 1, 65536));
         if (getuid() != 0 && o.preload > 3)
             fatal(ctx.prog, 2, fmt::format("cannot set preload to value greater than 3: {}", o.preload));
     }},
    {'m', "<mark>", "tag the packets going out", Section::common,
     [](Options& o, Context&, const char* v) { o.mark = static_cast<unsigned>(to_ulong(v, 0, UINT_MAX)); }},
    {'M', "<pmtud opt>", "define mtu discovery, can be one of <do|dont|want>", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         std::string_view s = v;
         if (s == "do")
             o.pmtudisc = IP_PMTUDISC_DO;
         else if (s == "dont")
             o.pmtudisc = IP_PMTUDISC_DONT;
         else if (s == "want")
             o.pmtudisc = IP_PMTUDISC_WANT;
         else
             fatal(ctx.prog, 2, fmt::format("invalid -M argument: {}", v));
     }},
    {'n', nullptr, "no dns name resolution", Section::common, [](Options& o, Context&, const char*) { o.numeric = true; }},
    {'O', nullptr, "report outstanding replies", Section::common,
     [](Options& o, Context&, const char*) { o.outstanding = true; }},
    {'p', "<pattern>", "contents of padding byte", Section::common,
     [](Options&, Context& ctx, const char* v) { ctx.pattern = v; }},
    {'q', nullptr, "quiet output", Section::common, [](Options& o, Context&, const char*) { o.quiet = true; }},
    {'Q', "<tclass>", "use quality of service <tclass> bits", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         bool hex = v[0] == '0' && (v[1] == 'x' || v[1] == 'X');
         char* end = nullptr;
         long tos = std::strtol(hex ? v + 2 : v, &end, hex ? 16 : 10);
         if (*end)
             fatal(ctx.prog, 2, fmt::format("bad TOS value: {}", v));
         if (tos > 255)
             fatal(ctx.prog, 2, fmt::format("the decimal value of TOS bits must be in range 0-255: {}", int(tos)));
         o.tos = int(tos);
     }},
    {'s', "<size>", "use <size> as number of data bytes to be sent", Section::common,
     [](Options& o, Context&, const char* v) { o.datalen = to_long(v, 0, INT_MAX); }},
    {'S', "<size>", "use <size> as SO_SNDBUF socket option value", Section::common,
     [](Options& o, Context&, const char* v) { o.sndbuf = static_cast<int>(to_long(v, 1, INT_MAX)); }},
    {'t', "<ttl>", "define time to live", Section::common,
     [](Options& o, Context&, const char* v) { o.ttl = static_cast<int>(to_long(v, 0, 255)); }},
    {'U', nullptr, "print user-to-user latency", Section::common,
     [](Options& o, Context&, const char*) { o.latency = true; }},
    {'v', nullptr, "verbose output", Section::common, [](Options& o, Context&, const char*) { o.verbose = true; }},
    {'V', nullptr, "print version and exit", Section::common,
     [](Options&, Context& ctx, const char*) { ctx.version = true; }},
    {'w', "<deadline>", "reply wait <deadline> in seconds", Section::common,
     [](Options& o, Context&, const char* v) { o.deadline_s = static_cast<int>(to_long(v, 0, INT_MAX)); }},
    {'W', "<timeout>", "time to wait for response", Section::common,
     [](Options& o, Context& ctx, const char* v) {
         double s = to_seconds(v, "bad linger time", ctx);
         if (std::isless(s, 0.0) || std::isgreater(s, double(INT_MAX / 1000)))
             fatal(ctx.prog, 2, fmt::format("bad linger time: {}", v));
         o.linger_ms = static_cast<int>(s * 1000);
     }},
    {'4', nullptr, "use IPv4", Section::ipv4,
     [](Options& o, Context& ctx, const char*) {
         if (o.family == AF_INET6)
             fatal(ctx.prog, 2, "only one -4 or -6 option may be specified");
         o.family = AF_INET;
     }},
    {'b', nullptr, "allow pinging broadcast", Section::ipv4, [](Options& o, Context&, const char*) { o.broadcast = true; }},
    {'R', nullptr, "record route", Section::ipv4, 
     [](Options& o, Context& ctx, const char*) {
         if (o.ts_type)
             fatal(ctx.prog, 2, "only one of -T or -R may be used");
         o.record_route = true;
     }},
    {'T', "<timestamp>", "define timestamp, can be one of <tsonly|tsandaddr|tsprespec>", Section::ipv4,
     [](Options& o, Context& ctx, const char* v) {
         if (o.record_route)
             fatal(ctx.prog, 2, "only one of -T or -R may be used");
         std::string_view s = v;
         if (s == "tsonly")
             o.ts_type = 0; // IPOPT_TS_TSONLY
         else if (s == "tsandaddr")
             o.ts_type = 1; // IPOPT_TS_TSANDADDR
         else if (s == "tsprespec")
             o.ts_type = 3; // IPOPT_TS_PRESPEC
         else
             fatal(ctx.prog, 2, fmt::format("invalid timestamp type: {}", v));
     }},
    {'6', nullptr, "use IPv6", Section::ipv6,
     [](Options& o, Context& ctx, const char*) {
         if (o.family == AF_INET)
             fatal(ctx.prog, 2, "only one -4 or -6 option may be specified");
         o.family = AF_INET6;
     }},
    {'F', "<flowlabel>", "define flow label, default is random", Section::ipv6,
     [](Options& o, Context& ctx, const char* v) {
         // Hexadecimal with 0x, else decimal; at most 20 bits.
         bool hex = v[0] == '0' && (v[1] == 'x' || v[1] == 'X');
         char* end = nullptr;
         // iputils keeps the value in an int first: a huge one wraps.
         unsigned long val = static_cast<unsigned long>(int(std::strtoul(hex ? v + 2 : v, &end, hex ? 16 : 10)));
         if (*end)
             fatal(ctx.prog, 2, fmt::format("bad value for flowinfo: {}", v));
         if (val & ~0xfffffUL)
             fatal(ctx.prog, 2, fmt::format("flow value is greater than 20 bits: {}", v));
         o.flowlabel = uint32_t(val);
     }},
    {'N', "<nodeinfo opt>", "use icmp6 node info query, try <help> as argument", Section::ipv6,
     [](Options& o, Context& ctx, const char* v) {
         NiWordResult r = apply_ni_word(o.node_info, v, ctx.prog, lookup_subject);
         if (r.exit_code || !r.out.empty() || !r.err.empty())
             ctx.ni_stop = std::move(r);
     }},
    {'r', nullptr, "bypass the routing table (SO_DONTROUTE)", Section::hidden,
     [](Options& o, Context&, const char*) { o.dont_route = true; }},
    {'?', nullptr, nullptr, Section::hidden, nullptr},
};

// ---------------------------------------------------------------------------
// Value parsers, with iputils' wording and exit codes.

// iputils' ping_strtod: trailing garbage is only a warning (for now, it
// says), an empty or non-finite number is fatal.
double to_seconds(const char* s, const char* what, Context& ctx)
{
    if (!*s)
        fatal(ctx.prog, 2, fmt::format("{}: {}", what, s));
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(s, &end);
    int err = errno;
    if (err || end == s || *end) {
        ctx.err += fmt::format("{}: option argument contains garbage: {}\n", ctx.prog, end);
        ctx.err += fmt::format("{}: this will become fatal error in the future\n", ctx.prog);
    }
    int cls = std::fpclassify(v);
    if (cls != FP_NORMAL && cls != FP_ZERO)
        fatal(ctx.prog, 2, with_errno(fmt::format("{}: {}", what, s), ERANGE));
    return v;
}

// -p: iputils fills the payload once the whole command line is read (so a
// -q anywhere silences the "PATTERN:" line).
void apply_pattern(Options& o, Context& ctx, const std::string& text)
{
    const char* s = text.c_str();
    for (const char* p = s; *p; ++p)
        if (!std::isxdigit(static_cast<unsigned char>(*p)))
            fatal(ctx.prog, 2, fmt::format("patterns must be specified as hex digits: {}", p));
    std::vector<uint8_t> pattern;
    // Up to 16 bytes, two hex digits each (a last odd digit is a byte too).
    for (size_t i = 0; s[i] && pattern.size() < 16; i += 2) {
        char byte[3] = {s[i], s[i + 1], 0};
        pattern.push_back(static_cast<uint8_t>(std::strtoul(byte, nullptr, 16)));
        if (!s[i + 1])
            break;
    }
    o.pattern = pattern;
    if (!o.quiet) {
        ctx.preamble += "PATTERN: 0x";
        for (uint8_t b : pattern)
            ctx.preamble += fmt::format("{:02x}", b);
        ctx.preamble += '\n';
    }
}

void usage_section(std::string& out, Section section)
{
    for (const auto& spec : options_table) {
        if (spec.section != section)
            continue;
        std::string head = fmt::format("-{}", spec.flag);
        if (spec.arg)
            head += fmt::format(" {}", spec.arg);
        std::string_view help = spec.help;
        size_t nl = help.find('\n');
        out += fmt::format("  {:<18} {}\n", head, help.substr(0, nl));
        while (nl != std::string_view::npos) {
            help.remove_prefix(nl + 1);
            nl = help.find('\n');
            out += fmt::format("{:21}{}\n", "", help.substr(0, nl));
        }
    }
}

std::string usage_text_impl()
{
    std::string out = "\nUsage\n  ping [options] <destination>\n\nOptions:\n";
    out += fmt::format("  {:<18} {}\n", "<destination>", "dns name or ip address");
    usage_section(out, Section::common);
    out += "\nIPv4 options:\n";
    usage_section(out, Section::ipv4);
    out += "\nIPv6 options:\n";
    usage_section(out, Section::ipv6);
    out += "\nFor more details see ping(8).\n";
    return out;
}

const OptionSpec* find_spec(const std::string& key)
{
    for (const auto& spec : options_table)
        if (key.size() == 2 && key[0] == '-' && key[1] == spec.flag)
            return &spec;
    return nullptr;
}

} // namespace

std::string usage_text()
{
    return usage_text_impl();
}

CommandLine parse_command_line(int argc, char** argv)
{
    CommandLine cl;
    Context ctx;
    ctx.prog = argv[0];
    // Called as ping4 or ping6 (any name ending in 4 or 6), as iputils is.
    std::string_view name = argv[0];
    if (name.ends_with('4'))
        cl.options.family = AF_INET;
    else if (name.ends_with('6'))
        cl.options.family = AF_INET6;
    cli::Parsed parsed;
    try {
        parsed = cli::getopt(argc, argv, cli::short_options(options_table));
    } catch (const cli::UsageError& e) {
        // iputils parses with getopt(3), not getopt_long: "--count" is the
        // invalid option '-'.
        std::string what = e.what();
        if (what.starts_with("unrecognized option '--"))
            what = "invalid option -- '-'";
        cl.err = fmt::format("{}: {}\n{}", ctx.prog, what, usage_text_impl());
        cl.exit_code = 2;
        return cl;
    }
    try {
        for (const auto& opt : parsed.options) {
            const OptionSpec* spec = find_spec(opt.string_key);
            if (!spec || !spec->apply) { // -h, -?
                cl.err = ctx.err + usage_text_impl();
                cl.exit_code = 2;
                return cl;
            }
            spec->apply(cl.options, ctx, opt.value.empty() ? "" : opt.value.front().c_str());
            if (ctx.ni_stop) {
                cl.err = ctx.err + ctx.ni_stop->err;
                cl.out = ctx.ni_stop->out;
                cl.exit_code = ctx.ni_stop->exit_code.value_or(2);
                return cl;
            }
            if (ctx.version) {
                cl.err = ctx.err;
                cl.out = fmt::format("ping from nsbox {} (iputils 20221126 compatible)\n", NSBOX_VERSION);
                cl.exit_code = 0;
                return cl;
            }
        }
        cl.options.operands = std::move(parsed.operands);
        if (cl.options.operands.empty())
            fatal(ctx.prog, 1, with_errno("usage error", EDESTADDRREQ));
        if (ctx.pattern)
            apply_pattern(cl.options, ctx, *ctx.pattern);
    } catch (const cli::Failure& f) {
        cl.err = ctx.err + f.message();
        cl.out = ctx.preamble;
        cl.exit_code = f.code();
        return cl;
    } catch (const cli::BadNumber& e) {
        cl.err = ctx.err + fmt::format("{}: {}\n", ctx.prog, e.what());
        cl.out = ctx.preamble;
        cl.exit_code = 1;
        return cl;
    }
    cl.err = ctx.err;
    cl.out = ctx.preamble;
    return cl;
}

} // namespace nsbox::ping

namespace nsbox::ping {
namespace {

// iputils' close_stdout at exit: a failed write of stdout is reported
// ("ping: write error", with the errno only when the final close failed)
// and turns the exit status into 1.
int close_stdout(int rc, const char* prog)
{
    bool pending = __fpending(stdout) != 0;
    bool prev_fail = std::ferror(stdout) != 0;
    bool close_fail = std::fclose(stdout) != 0;
    if (prev_fail || (close_fail && (pending || errno != EBADF))) {
        int err = close_fail ? errno : 0;
        if (err != EPIPE) {
            std::fprintf(stderr, "%s: %s\n", prog, with_errno("write error", err).c_str());
            return 1;
        }
    }
    return rc;
}

int ping(int argc, char** argv)
{
    CommandLine cl = parse_command_line(argc, argv);
    std::fputs(cl.err.c_str(), stderr);
    if (cl.options.flood)
        std::setvbuf(stdout, nullptr, _IONBF, 0); // -f: every dot goes out at once
    std::fputs(cl.out.c_str(), stdout); // stays buffered, as iputils' does
    if (cl.exit_code) {
        std::fflush(stdout); // iputils flushes -V's text before it exits
        return *cl.exit_code;
    }
    try {
        return run(cl.options, argv[0]);
    } catch (const cli::Failure& f) {
        std::fflush(stdout);
        std::fputs(f.message().c_str(), stderr);
        return f.code();
    }
}

} // namespace
} // namespace nsbox::ping

int nsbox::ping_main(int argc, char** argv)
{
    return ping::close_stdout(ping::ping(argc, argv), argv[0]);
}
