#include "applets/iptables/cli.hpp"

#include <algorithm>
#include <functional>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <cstdlib>
#include <cstring>
#include <strings.h>
#include <utility>
#include <netinet/in.h>

#include <fmt/format.h>

#include <boost/program_options/option.hpp>


#include "applets/common/accounts.hpp"
#include "applets/iptables/conntrack.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/names.hpp"
#include "applets/iptables/words.hpp"
#include "applets/iptables/xt.hpp"

namespace nsbox::iptables {

namespace po = boost::program_options;
using words::operand_key;

namespace {

// iptables' command bits, for its "Cannot use -X with -Y" sentence.
char cmd_char(Cmd c)
{
    switch (c) {
    case Cmd::Append: return 'A';
    case Cmd::Check: return 'C';
    case Cmd::Delete:
    case Cmd::DeleteNum: return 'D';
    case Cmd::Insert: return 'I';
    case Cmd::Replace: return 'R';
    case Cmd::List: return 'L';
    case Cmd::ListRules: return 'S';
    case Cmd::Flush: return 'F';
    case Cmd::Zero: return 'Z';
    case Cmd::NewChain: return 'N';
    case Cmd::DeleteChain: return 'X';
    case Cmd::Policy: return 'P';
    case Cmd::Rename: return 'E';
    default: return '?';
    }
}

// The rule options and the commands they are legal with
// (iptables' options_v_commands).
enum Opt : unsigned {
    OptNumeric = 1u << 0, OptSource = 1u << 1, OptDestination = 1u << 2, OptProtocol = 1u << 3,
    OptJump = 1u << 4, OptVerbose = 1u << 5, OptExpanded = 1u << 6, OptIn = 1u << 7, OptOut = 1u << 8,
    OptLineNumbers = 1u << 9, OptFragment = 1u << 10, OptCounters = 1u << 11,
};
struct OptInfo {
    Opt opt;
    char letter;
    bool invertible;
    bool rule_cmds; // else: list/zero only (verbose: any; counters: -A -I -R -P)
};
constexpr OptInfo opt_info[] = {
    {OptNumeric, 'n', false, false},    {OptSource, 's', true, true},      {OptDestination, 'd', true, true},
    {OptProtocol, 'p', true, true},     {OptJump, 'j', false, true},       {OptVerbose, 'v', false, false},
    {OptExpanded, 'x', false, false},   {OptIn, 'i', true, true},          {OptOut, 'o', true, true},
    {OptFragment, 'f', true, true},     {OptLineNumbers, '0', false, false}, {OptCounters, 'c', false, true},
};
const OptInfo& info_of(Opt o)
{
    return *std::find_if(std::begin(opt_info), std::end(opt_info), [&](const OptInfo& i) { return i.opt == o; });
}

bool rule_command(Cmd c)
{
    return c == Cmd::Append || c == Cmd::Check || c == Cmd::Delete || c == Cmd::Insert || c == Cmd::Replace;
}

// "80", "http", "1000:2000", ":1024", "1024:".
PortMatch parse_ports(const std::string& s, const char* proto)
{
    auto one = [&](const std::string& p) -> uint16_t {
        if (!p.empty() && p.size() <= 5 && p.find_first_not_of("0123456789") == std::string::npos) {
            unsigned long v = std::stoul(p);
            if (v <= 65535)
                return static_cast<uint16_t>(v);
        } else if (auto port = names::service_port(p, proto)) {
            return *port;
        }
        throw UsageError("invalid port/service `" + p + "' specified");
    };
    PortMatch m;
    auto colon = s.find(':');
    if (colon == std::string::npos) {
        m.lo = m.hi = one(s);
        return m;
    }
    std::string lo = s.substr(0, colon), hi = s.substr(colon + 1);
    m.lo = lo.empty() ? 0 : one(lo);
    m.hi = hi.empty() ? 0xffff : one(hi);
    if (m.lo > m.hi)
        throw UsageError("invalid portrange (min > max)");
    return m;
}

struct RejectName {
    const char* name;
    const char* alias;
    uint32_t with;
};
// ipt_reject_with, with the names libipt_REJECT accepts.
constexpr RejectName reject_names[] = {
    {"icmp-net-unreachable", "net-unreach", 0},  {"icmp-host-unreachable", "host-unreach", 1},
    {"icmp-proto-unreachable", "proto-unreach", 2}, {"icmp-port-unreachable", "port-unreach", 3},
    {"icmp-net-prohibited", "net-prohib", 5},    {"icmp-host-prohibited", "host-prohib", 6},
    {"tcp-reset", "tcp-rst", 7},                 {"icmp-admin-prohibited", "admin-prohib", 8},
};

// ip6t_reject_with (indexes), with the names and aliases libip6t_REJECT
// accepts, in its order: it takes the first whose name or alias starts
// with the argument, in any case.
constexpr RejectName reject_names6[] = {
    {"icmp6-no-route", "no-route", 0},           {"icmp6-adm-prohibited", "adm-prohibited", 1},
    {"icmp6-addr-unreachable", "addr-unreach", 3}, {"icmp6-port-unreachable", "port-unreach", 4},
    {"tcp-reset", "tcp-reset", 6},               {"icmp6-policy-fail", "policy-fail", 7},
    {"icmp6-reject-route", "reject-route", 8},
};
constexpr uint32_t reject6_default = 4;

net::nft::Data reject_info(uint32_t with)
{
    net::nft::Data info(8, 0); // struct ipt_reject_info, XT_ALIGNed
    std::memcpy(info.data(), &with, sizeof with);
    return info;
}

// Targets of x_tables that iptables ships but nsbox does not implement: named
// so the error says so instead of treating them as chains.
constexpr std::string_view unsupported_targets[] = {
    "AUDIT", "CHECKSUM", "CLUSTERIP", "CONNSECMARK", "DSCP", "ECN", "HMARK", "IDLETIMER",
    "LED", "NETMAP", "NFQUEUE", "QUEUE", "RATEEST", "SAME", "SECMARK", "SET", "SYNPROXY",
    "TCPOPTSTRIP", "TEE", "TOS", "TPROXY", "TTL", "ULOG",
};
// ... and every name iptables 1.8.9 finds a target for (its standard
// verdicts, the "standard" target itself, and the extensions it ships):
// a chain may not be called so.
constexpr std::string_view implemented_targets[] = {
    "ACCEPT", "DROP", "RETURN", "standard", "CONNMARK", "DNAT", "LOG", "MARK", "MASQUERADE", "REDIRECT",
    "REJECT", "SNAT", "TCPMSS", "CT", "NOTRACK", "TRACE",
};

// strtoul with base 0 over the whole string, within [0, max].
std::optional<uint32_t> parse_u32(const std::string& s, uint32_t max = UINT32_MAX)
{
    if (s.empty() || s[0] == '-' || s[0] == '+' || std::isspace(static_cast<unsigned char>(s[0])))
        return std::nullopt;
    errno = 0;
    char* end = nullptr;
    unsigned long long v = std::strtoull(s.c_str(), &end, 0);
    if (errno || *end || v > max)
        return std::nullopt;
    return static_cast<uint32_t>(v);
}

// "LO[:HI]" within 0-65535 as xtables parses a 16-bit range (an empty end
// is 0 or 65535), with its message naming the extension and option.
std::pair<uint16_t, uint16_t> parse_u16_range(const std::string& val, const std::string& ext, const std::string& opt)
{
    auto colon = val.find(':');
    std::string lo_s = val.substr(0, colon);
    std::string hi_s = colon == std::string::npos ? lo_s : val.substr(colon + 1);
    auto lo = lo_s.empty() ? std::optional<uint32_t>(0) : parse_u32(lo_s, 65535);
    auto hi = hi_s.empty() ? std::optional<uint32_t>(65535) : parse_u32(hi_s, 65535);
    if (!lo || !hi)
        throw UsageError(ext + ": bad value for option \"--" + opt + "\" near \"" + (!lo ? lo_s : hi_s) +
                         "\", or out of range (0-65535).\n");
    return {static_cast<uint16_t>(*lo), static_cast<uint16_t>(*hi)};
}

// VALUE[/MASK] as xtables parses a mark; mask defaults to all ones.
std::optional<std::pair<uint32_t, uint32_t>> parse_mark_mask(const std::string& s)
{
    auto slash = s.find('/');
    auto v = parse_u32(s.substr(0, slash));
    if (!v)
        return std::nullopt;
    if (slash == std::string::npos)
        return std::pair{*v, ~0u};
    auto m = parse_u32(s.substr(slash + 1));
    if (!m)
        return std::nullopt;
    return std::pair{*v, *m};
}

std::string bad_integer(const char* ext, const std::string& opt)
{
    return std::string(ext) + ": bad integer value for option \"--" + opt + "\", or out of range.\n";
}

uint8_t parse_tcp_flags(const std::string& s)
{
    uint8_t out = 0;
    size_t at = 0;
    while (true) {
        size_t comma = s.find(',', at);
        std::string name = s.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        auto it = std::find_if(std::begin(xt::tcp_flags), std::end(xt::tcp_flags), [&](const xt::TcpFlagName& n) {
            return strcasecmp(std::string(n.name).c_str(), name.c_str()) == 0;
        });
        if (it == std::end(xt::tcp_flags))
            throw UsageError("Unknown TCP flag `" + name + "'");
        out = static_cast<uint8_t>(out | it->flag);
        if (comma == std::string::npos)
            return out;
        at = comma + 1;
    }
}

// libxt_limit's rate: "N[/second|/minute|/hour|/day]" (unit prefixes).
uint32_t parse_rate(const std::string& s)
{
    auto bad = [&] { return UsageError("bad rate \"" + s + "\"'"); };
    uint32_t mult = 1;
    auto slash = s.find('/');
    if (slash != std::string::npos) {
        std::string unit = s.substr(slash + 1);
        auto is = [&](const char* word) { return !unit.empty() && strncasecmp(word, unit.c_str(), unit.size()) == 0; };
        if (unit.empty())
            throw bad();
        if (is("second"))
            mult = 1;
        else if (is("minute"))
            mult = 60;
        else if (is("hour"))
            mult = 3600;
        else if (is("day"))
            mult = 86400;
        else
            throw bad();
    }
    long r = std::atol(s.c_str());
    if (r <= 0)
        throw bad();
    uint64_t avg = uint64_t(limit_scale) * mult / static_cast<uint64_t>(r);
    if (avg == 0)
        throw UsageError("Rate too fast \"" + s + "\"\n");
    return static_cast<uint32_t>(avg);
}

// The ports of a NAT target as libxt_NAT (1.8.9) parses them for
// --to-destination, --to-source and --to-ports: "PORT" (a number or a
// service name), "PORT-PORT" (numbers) or "PORT-PORT/BASE" (a shifted
// portmap; BASE 1-65535 or a service name, whatever follows its number is
// ignored). Its messages, in its order.
struct NatPorts {
    uint16_t lo = 0, hi = 0;
    std::optional<uint16_t> base;
};
NatPorts parse_nat_ports(const std::string& s)
{
    NatPorts out;
    size_t used = 0;
    auto lo = strtoui_prefix(s, 0, 65535, used);
    if (!lo) {
        lo = names::service_port_any(s);
        if (!lo)
            throw UsageError("Port `" + s + "' not valid");
        used = s.size();
    }
    out.lo = out.hi = static_cast<uint16_t>(*lo);
    if (used == s.size())
        return out;
    if (s[used] == ':')
        throw UsageError("Invalid port:port syntax - use dash");
    if (s[used] != '-')
        throw UsageError("Garbage after port value: `" + s.substr(used) + "'");
    std::string rest = s.substr(used + 1);
    auto hi = strtoui_prefix(rest, 0, 65535, used);
    if (!hi)
        throw UsageError("Port `" + rest + "' not valid");
    if (*hi < *lo)
        throw UsageError("Port range `" + rest + "' funky");
    out.hi = static_cast<uint16_t>(*hi);
    if (used == rest.size())
        return out;
    if (rest[used] != '/')
        throw UsageError("Garbage after port range: `" + rest.substr(used) + "'");
    std::string base_s = rest.substr(used + 1);
    auto base = strtoui_prefix(base_s, 1, 65535, used);
    if (!base)
        base = names::service_port_any(base_s);
    if (!base)
        throw UsageError("Port `" + base_s + "' not valid");
    out.base = static_cast<uint16_t>(*base);
    return out;
}

// libxt_icmp's parse of --icmp-type / libip6t_icmp6's of --icmpv6-type: a
// name (or an unambiguous prefix of one, any case), else TYPE[/CODE] as
// xtables_strtoui reads numbers. Fills type and code range of the info.
void parse_icmp_type(const std::string& val, bool v6, net::nft::Data& d)
{
    const char* what = v6 ? "ICMPv6" : "ICMP";
    std::span<const xt::icmp::Name> names = v6 ? std::span<const xt::icmp::Name>(xt::icmp6::names)
                                                : std::span<const xt::icmp::Name>(xt::icmp::names);
    const xt::icmp::Name* found = nullptr;
    for (const auto& n : names) {
        if (strncasecmp(std::string(n.name).c_str(), val.c_str(), val.size()) == 0) {
            if (found)
                throw UsageError(fmt::format("Ambiguous {} type `{}': `{}' or `{}'?", what, val, found->name, n.name));
            found = &n;
        }
    }
    if (found) {
        d[0] = found->type;
        d[1] = found->code_min;
        d[2] = found->code_max;
        return;
    }
    auto slash = val.find('/');
    auto type = parse_u32(val.substr(0, slash), 255);
    if (!type)
        throw UsageError(fmt::format("Unknown {} type `{}'", what, val));
    std::optional<uint32_t> code;
    if (slash != std::string::npos) {
        code = parse_u32(val.substr(slash + 1), 255);
        if (!code)
            throw UsageError(fmt::format("Unknown {} code `{}'", what, val));
    }
    d[0] = static_cast<uint8_t>(*type);
    d[1] = code ? static_cast<uint8_t>(*code) : 0;
    d[2] = code ? static_cast<uint8_t>(*code) : 0xFF;
}

uint32_t parse_nat_ip(const std::string& s)
{
    in_addr a{};
    if (inet_pton(AF_INET, s.c_str(), &a) != 1)
        throw UsageError("Bad IP address \"" + s + "\"");
    return ntohl(a.s_addr);
}

} // namespace

// xtables_strtoui(s, &end, ..., min, max): a number at the start of `s`
// (leading blanks, no minus sign, base 0) within [min, max]; `used` is how
// many characters it took.
std::optional<uint32_t> strtoui_prefix(const std::string& s, uint32_t min, uint32_t max, size_t& used)
{
    auto first = s.find_first_not_of(" \t\n\v\f\r");
    if (first != std::string::npos && s[first] == '-')
        return std::nullopt;
    errno = 0;
    char* end = nullptr;
    uintmax_t v = std::strtoumax(s.c_str(), &end, 0);
    if (end == s.c_str() || errno == ERANGE || v < min || v > max)
        return std::nullopt;
    used = static_cast<size_t>(end - s.c_str());
    return static_cast<uint32_t>(v);
}

void check_chain_name(const std::string& name)
{
    if (name.size() >= 29)
        throw UsageError("chain name `" + name + "' too long (must be under 29 chars)");
    if (!name.empty() && (name[0] == '-' || name[0] == '!'))
        throw UsageError(std::string("chain name not allowed to start with `") + name[0] + "'");
    if (name.find_first_of(" \t\n\v\f\r") != std::string::npos)
        throw UsageError("Invalid chain name `" + name + "'");
}

bool is_target_name(std::string_view name, int family)
{
    auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), name) != std::end(list); };
    const ext::Extension* e = ext::find(name, true);
    return in(unsupported_targets) || in(implemented_targets) || (e && (!e->v6_only || family == AF_INET6));
}

std::optional<uint8_t> parse_protocol(const std::string& s)
{
    // xtables_strtoui(s, NULL, &proto, 0, UINT8_MAX) first: strtoumax in
    // base 0 over the whole string ("0x11", "017" is 15, " +6"), no minus
    // sign after leading blanks. Anything else is a name ("256" finds
    // none and is refused).
    size_t used = 0;
    if (auto v = strtoui_prefix(s, 0, 255, used); v && used == s.size())
        return static_cast<uint8_t>(*v);
    if (s == "all")
        return 0;
    return names::protocol_number(s);
}

std::vector<AddrMatch> parse_hosts(const std::string& s)
{
    auto bad_mask = [](const std::string& m) -> std::vector<AddrMatch> {
        throw UsageError("invalid mask `" + m + "' specified");
    };
    AddrMatch a;
    std::string host = s;
    a.mask = ~0u;
    if (auto slash = s.find('/'); slash != std::string::npos) {
        host = s.substr(0, slash);
        std::string m = s.substr(slash + 1);
        in_addr dotted{};
        if (m.find('.') != std::string::npos) {
            if (inet_pton(AF_INET, m.c_str(), &dotted) != 1)
                return bad_mask(m);
            a.mask = ntohl(dotted.s_addr);
        } else {
            if (m.empty() || m.size() > 2 || m.find_first_not_of("0123456789") != std::string::npos)
                return bad_mask(m);
            unsigned long bits = std::stoul(m);
            if (bits > 32)
                return bad_mask(m);
            a.mask = bits == 0 ? 0 : ~0u << (32 - bits);
        }
    }
    std::vector<AddrMatch> all;
    in_addr addr{};
    if (inet_pton(AF_INET, host.c_str(), &addr) == 1) {
        a.addr = ntohl(addr.s_addr) & a.mask;
        all.push_back(a);
    } else {
        for (uint32_t h : names::host_addresses(host)) {
            a.addr = h & a.mask;
            all.push_back(a);
        }
    }
    return all;
}

std::optional<AddrMatch> parse_address(const std::string& s)
{
    std::vector<AddrMatch> all = parse_hosts(s);
    return all.empty() ? std::nullopt : std::optional<AddrMatch>(all.front());
}

std::vector<AddrMatch> parse_hosts6(const std::string& s)
{
    // xtables_ip6parse_multiple for one address: the mask first (an IPv6
    // address, else a prefix length as xtables_strtoui reads it), then
    // the host; the address is masked.
    AddrMatch a;
    a.v6 = true;
    a.mask6.fill(0xff);
    std::string host = s;
    if (auto slash = s.find('/'); slash != std::string::npos) {
        host = s.substr(0, slash);
        std::string m = s.substr(slash + 1);
        in6_addr ma{};
        size_t used = 0;
        if (inet_pton(AF_INET6, m.c_str(), &ma) == 1) {
            std::memcpy(a.mask6.data(), &ma, 16);
        } else if (auto bits = strtoui_prefix(m, 0, 128, used); bits && used == m.size() && !m.empty()) {
            a.mask6.fill(0);
            for (unsigned i = 0; i < *bits; ++i)
                a.mask6[i / 8] = static_cast<uint8_t>(a.mask6[i / 8] | (0x80 >> (i % 8)));
        } else {
            throw UsageError("invalid mask `" + m + "' specified");
        }
    }
    std::vector<std::array<uint8_t, 16>> hosts;
    in6_addr addr{};
    if (inet_pton(AF_INET6, host.c_str(), &addr) == 1)
        std::memcpy(hosts.emplace_back().data(), &addr, 16);
    else
        hosts = names::host_addresses6(host);
    std::vector<AddrMatch> all;
    for (const auto& h : hosts) {
        a.addr6 = h;
        for (size_t i = 0; i < 16; ++i)
            a.addr6[i] &= a.mask6[i];
        all.push_back(a);
    }
    return all;
}

std::optional<AddrMatch> parse_address6(const std::string& s)
{
    std::vector<AddrMatch> all = parse_hosts6(s);
    return all.empty() ? std::nullopt : std::optional<AddrMatch>(all.front());
}

namespace {

// parse_command_line into `c` (whose warnings a refusal carries along).
void parse_into(Command& c, std::vector<po::option> opts, int family, bool fast)
{

    c.family = family;
    Rule& r = c.rule;
    r.src.v6 = r.dst.v6 = family == AF_INET6;
    unsigned options = 0;
    bool invert = false;
    std::optional<std::string> src, dst;
    bool proto_used = false; // the -p protocol's match has been loaded
    bool reject_target = false;
    int sport_given = 0, dport_given = 0;
    // The -m matches loaded so far: name and index into r.exts.
    std::vector<std::pair<std::string, size_t>> loaded;
    auto load = [&](const std::string& name, Ext x) -> Ext& {
        loaded.emplace_back(name, r.exts.size());
        r.exts.push_back(std::move(x));
        r.match_order += 'e';
        return r.exts.back();
    };
    auto loaded_ext = [&](const std::string& name) -> Ext* {
        for (auto it = loaded.rbegin(); it != loaded.rend(); ++it)
            if (it->first == name)
                return &r.exts[it->second];
        return nullptr;
    };
    auto xt_ext = [](const char* name, uint32_t rev, size_t size) {
        Ext x;
        x.xt = {name, rev, net::nft::Data(size, 0)};
        return x;
    };
    auto icmp6_ext = [&] {
        Ext x = xt_ext("icmp6", 0, xt::icmp6::size);
        x.xt.info[2] = 0xFF; // type 0, any code (icmp6_init)
        return x;
    };
    auto icmp_ext = [&] {
        Ext x = xt_ext("icmp", 0, xt::icmp::size);
        x.xt.info[0] = 0xFF; // any type
        x.xt.info[2] = 0xFF;
        return x;
    };
    // The options given to each loaded match, by index into r.exts.
    std::map<long, std::set<std::string>> given;
    // The extension an option belongs to, or "unknown option".
    auto ext_for = [&](const std::string& mname, const std::string& opt) -> Ext& {
        if (Ext* x = loaded_ext(mname)) {
            given[x - r.exts.data()].insert(opt);
            return *x;
        }
        throw UsageError("unknown option \"--" + opt + "\"");
    };
    // libxtables' checks of a match option that takes no "!", in its
    // order: once per match, then no "!".
    auto ext_take = [&](const std::string& mname, const std::string& opt) -> Ext& {
        Ext* x = loaded_ext(mname);
        if (!x)
            throw UsageError("unknown option \"--" + opt + "\"");
        if (!given[x - r.exts.data()].insert(opt).second)
            throw UsageError(mname + ": option \"--" + opt + "\" can only be used once.\n");
        if (invert)
            throw UsageError(mname + ": option \"--" + opt + "\" cannot be inverted.\n");
        return *x;
    };
    auto take_invert = [&] {
        bool inv = invert;
        invert = false;
        return inv;
    };
    // The target whose options follow -j, with the options given so far.
    std::string target;
    unsigned target_opts = 0;
    auto target_option = [&](std::initializer_list<const char*> targets, const std::string& opt) {
        for (const char* t : targets)
            if (target == t)
                return;
        throw UsageError("unknown option \"--" + opt + "\"");
    };
    // libxtables' checks of a target option, in its order: once only
    // (these targets have no repeatable option), then no "!".
    std::set<std::string> target_given;
    auto target_take = [&](const std::string& key) {
        if (!target_given.insert(key).second)
            throw UsageError(target + ": option \"--" + key + "\" can only be used once.\n");
        if (invert)
            throw UsageError(target + ": option \"--" + key + "\" cannot be inverted.\n");
    };
    // A NAT target's ports (libxt_NAT's parse_ports: a protocol with ports
    // first, then the range) into its nf_nat_range2 (`v2`, DNAT) or compat
    // range; returns the flags they add. The compat range has no base port:
    // a shifted portmap sets the flag alone (iptables-nft lists it "/0").
    auto put_nat_ports = [&](net::nft::Data& d, const std::string& s, const xt::NatLayout& l) {
        // The protocol number alone: "! -p tcp" has ports too.
        bool portok = r.proto == IPPROTO_TCP || r.proto == IPPROTO_UDP || r.proto == 132 || r.proto == 33 ||
                      r.proto == IPPROTO_ICMP;
        if (!portok)
            throw UsageError("Need TCP, UDP, SCTP or DCCP with port specification");
        NatPorts p = parse_nat_ports(s);
        xt::put_be16(d, l.min_port, p.lo);
        xt::put_be16(d, l.max_port, p.hi);
        uint32_t flags = xt::nat::proto_specified;
        if (p.base) {
            flags |= xt::nat::proto_offset;
            if (l.base)
                xt::put_be16(d, xt::nat::base_proto, *p.base);
        }
        return flags;
    };
    // The extensions of ext.hpp's table: each loaded match's parser state
    // (by index into r.exts), and the target's.
    std::map<long, ext::State> ext_states;
    const ext::Extension* target_ext = nullptr;
    ext::State target_state;
    target_state.v6 = family == AF_INET6;
    // Gives an option to the table extension that takes it (the latest
    // loaded match, else the target); false if none does.
    // `operand` takes the next word, for an option that reads it too.
    auto table_ext_option = [&](const std::string& key, const std::string& val,
                                const std::function<std::optional<std::string>()>& operand) {
        for (auto it = loaded.rbegin(); it != loaded.rend(); ++it) {
            const ext::Extension* e = ext::find(it->first, false);
            if (e && ext::has_option(*e, key)) {
                auto& st = ext_states[static_cast<long>(it->second)];
                bool inv = invert;
                invert = false;
                auto o = std::find_if(e->options.begin(), e->options.end(),
                                      [&](const ext::Option& x) { return x.name == key; });
                st.operand = o->operand ? operand() : std::nullopt;
                e->parse(r.exts[it->second].xt.info, st, key, val, inv);
                c.warnings += std::exchange(st.warnings, {});
                return true;
            }
        }
        if (target_ext && ext::has_option(*target_ext, key)) {
            bool inv = invert;
            invert = false;
            target_ext->parse(r.xt.info, target_state, key, val, inv);
            c.warnings += std::exchange(target_state.warnings, {});
            return true;
        }
        return false;
    };
    // Loads a match of ext.hpp's table (-m NAME).
    auto load_table_ext = [&](const ext::Extension& e) {
        Ext x;
        x.xt = {std::string(e.name), e.rev, net::nft::Data(e.size, 0)};
        e.init(x.xt.info, family == AF_INET6);
        ext_states[static_cast<long>(r.exts.size())].v6 = family == AF_INET6;
        load(std::string(e.name), std::move(x));
    };
    // Options that may be given once only (libxtables' "can only be used once").
    std::set<std::string> given_once;
    // MARK's mutually exclusive options, for "cannot be used together".
    std::string mark_opt, multiport_opt;

    auto add_command = [&](Cmd cmd) {
        if (invert)
            throw UsageError("unexpected ! flag before --" + std::string(cmd == Cmd::Policy ? "policy" : "command"));
        // -L and -Z go together: list, then zero.
        if ((cmd == Cmd::Zero && c.cmd == Cmd::List) || (cmd == Cmd::List && c.cmd == Cmd::Zero && !c.zero)) {
            c.cmd = Cmd::List;
            c.zero = true;
            return;
        }
        if (c.cmd != Cmd::None)
            throw UsageError(std::string("Cannot use -") + cmd_char(cmd) + " with -" + cmd_char(c.cmd));
        c.cmd = cmd;
    };
    auto set_option = [&](Opt o) {
        const OptInfo& i = info_of(o);
        if (options & o)
            throw UsageError(std::string("multiple -") + i.letter + " flags not allowed");
        options |= o;
        bool inv = invert;
        if (inv && !i.invertible)
            throw UsageError(std::string("cannot have ! before -") + i.letter);
        invert = false;
        return inv;
    };
    // The operand right after opts[i], if it is one (iptables' xs_has_arg).
    auto next_operand = [&](size_t& i) -> std::optional<std::string> {
        if (i + 1 < opts.size() && words::is(opts[i + 1].string_key, operand_key) && !opts[i + 1].value.empty()) {
            const std::string& v = opts[i + 1].value.front();
            if (!v.empty() && v[0] != '-' && v[0] != '!') {
                ++i;
                return v;
            }
        }
        return std::nullopt;
    };
    auto rule_number = [](const std::string& s) -> unsigned {
        if (!s.empty() && s.size() <= 10 && s.find_first_not_of("0123456789") == std::string::npos) {
            unsigned long v = std::stoul(s);
            if (v >= 1 && v <= INT_MAX)
                return static_cast<unsigned>(v);
        }
        throw UsageError("Invalid rule number `" + s + "'");
    };
    auto l4_option = [&](const std::string& name) {
        if (!r.l4match) {
            if (!proto_used && (r.proto == IPPROTO_TCP || r.proto == IPPROTO_UDP)) {
                r.l4match = r.proto;
                r.match_order += 'p';
                proto_used = true;
            } else {
                throw UsageError("unknown option \"--" + name + "\"");
            }
        }
    };

    // -c PACKETS BYTES or -c PACKETS,BYTES (`packets` is -c's argument;
    // BYTES may be the operand after opts[i]), each read as sscanf's %llu
    // reads it (blanks, a sign, digits; "-1" wraps).
    auto set_counters = [&](const std::string& packets, size_t& i, std::optional<std::string> bytes = {}) {
        set_option(OptCounters);
        if (auto comma = packets.find(',', 1); !bytes && !packets.empty() && comma != std::string::npos)
            bytes = packets.substr(comma + 1);
        else if (!bytes)
            bytes = next_operand(i);
        if (!bytes)
            throw UsageError("-c requires packet and byte counter");
        auto scan = [](const std::string& t) -> std::optional<uint64_t> {
            char* end = nullptr;
            unsigned long long v = std::strtoull(t.c_str(), &end, 10);
            if (end == t.c_str())
                return std::nullopt;
            return v;
        };
        auto p = scan(packets);
        if (!p)
            throw UsageError("-c packet counter not numeric");
        auto b = scan(*bytes);
        if (!b)
            throw UsageError("-c byte counter not numeric");
        r.packets = *p;
        r.bytes = *b;
    };

    bool words_after_end = false; // "--" and more words: getopt stopped before them
    for (size_t i = 0; i < opts.size(); ++i) {
        auto take_operand = [&] { return next_operand(i); };
        const po::option& o = opts[i];
        const std::string& key = o.string_key;
        auto is = [&key]<size_t N>(const char (&name)[N]) { return words::is(key, name); };
        std::string val = o.value.empty() ? std::string() : o.value.front();
        if (is(words::unknown_key))
            throw UsageError(val);
        if (is(words::end_key)) {
            words_after_end = true;
            continue;
        }
        if (is(operand_key)) {
            if (val == "!") {
                if (invert)
                    throw UsageError("multiple consecutive ! not allowed");
                invert = true;
                continue;
            }
            throw UsageError("Bad argument `" + val + "'", true);
        }
        if (table_ext_option(key, val, take_operand))
            continue;
        if (!proto_used && words::table_extension_option(key, fast)) {
            // The -p protocol's match of the table (ah, mh), loaded at the
            // first option nothing loaded takes.
            const char* name = r.proto == IPPROTO_AH ? "ah" : r.proto == 135 ? "mh" : nullptr;
            const ext::Extension* e = name ? ext::find(name, false) : nullptr;
            if (e && (!e->v6_only || family == AF_INET6) && ext::has_option(*e, key)) {
                load_table_ext(*e);
                proto_used = true;
                if (table_ext_option(key, val, take_operand))
                    continue;
            }
        }
        if (words::table_extension_option(key, fast)) // (named as typed: "--na" for --name)
            throw UsageError("unknown option \"" +
                             (o.original_tokens.empty() ? "--" + key : o.original_tokens.front()) + "\"");
        if (is("replace")) {
            add_command(Cmd::Replace);
            c.chain = val;
            auto n = next_operand(i);
            if (!n)
                throw UsageError("-R requires a rule number");
            c.rulenum = rule_number(*n);
        } else if (is("append") || is("check") || is("delete") || is("insert")) {
            add_command(is("append") ? Cmd::Append : is("check") ? Cmd::Check
                        : is("delete") ? Cmd::Delete : Cmd::Insert);
            c.chain = val;
            if (is("delete") || is("insert")) {
                if (auto n = next_operand(i)) {
                    c.rulenum = rule_number(*n);
                    if (is("delete"))
                        c.cmd = Cmd::DeleteNum;
                }
            }
        } else if (is("list") || is("list-rules") || is("zero")) {
            add_command(is("list") ? Cmd::List : is("zero") ? Cmd::Zero : Cmd::ListRules);
            if (!val.empty())
                c.chain = val;
            else if (auto ch = next_operand(i))
                c.chain = *ch;
            if (!c.chain.empty())
                if (auto n = next_operand(i))
                    c.rulenum = rule_number(*n);
        } else if (is("flush") || is("delete-chain")) {
            add_command(is("flush") ? Cmd::Flush : Cmd::DeleteChain);
            if (!val.empty())
                c.chain = val;
            else if (auto ch = next_operand(i))
                c.chain = *ch;
        } else if (is("rename-chain")) {
            add_command(Cmd::Rename);
            c.chain = val;
            auto n = next_operand(i);
            if (!n)
                throw UsageError("-E requires old-chain-name and new-chain-name");
            c.new_name = *n;
        } else if (is("new-chain")) {
            add_command(Cmd::NewChain);
            c.chain = val;
            check_chain_name(val);
            if (is_target_name(val, family))
                throw UsageError("chain name may not clash with target name");
        } else if (is("policy")) {
            add_command(Cmd::Policy);
            c.chain = val;
            auto p = next_operand(i);
            if (!p)
                throw UsageError("-P requires a chain and a policy");
            c.policy = *p;
        } else if (is("version")) {
            c.cmd = Cmd::Version;
            return;
        } else if (is("help")) {
            c.cmd = Cmd::Help;
            // (the matches and targets named before it, for their options)
            for (size_t k = 0; k < i; ++k) {
                const std::string& earlier = opts[k].string_key;
                if ((words::is(earlier, "match") || words::is(earlier, "jump")) && !opts[k].value.empty())
                    c.help_exts.emplace_back(opts[k].value.front(), words::is(earlier, "jump"));
            }
            return;
        } else if (is("table")) {
            if (invert)
                throw UsageError("unexpected ! flag before --table");
            c.table = val;
        } else if (is("source") || is("src")) {
            r.src.invert = set_option(OptSource);
            src = val;
        } else if (is("destination") || is("dst")) {
            r.dst.invert = set_option(OptDestination);
            dst = val;
        } else if (is("protocol")) {
            r.proto_invert = set_option(OptProtocol);
            // iptables reads the word getopt took the argument from, whole:
            // "-ptcp" and "--protocol=tcp" are unknown protocols.
            std::string p = o.original_tokens.size() == 1 ? o.original_tokens.front() : val;
            std::transform(p.begin(), p.end(), p.begin(), [](unsigned char ch) { return std::tolower(ch); });
            auto num = parse_protocol(p);
            if (!num)
                throw UsageError("unknown protocol \"" + p + "\" specified");
            r.proto = *num;
            if (r.proto == 0 && r.proto_invert)
                throw UsageError("rule would never match protocol");
            // (ip6tables: an extension header is no upper-layer protocol)
            if (family == AF_INET6 && !r.proto_invert &&
                (r.proto == IPPROTO_ROUTING || r.proto == IPPROTO_FRAGMENT || r.proto == IPPROTO_AH ||
                 r.proto == IPPROTO_DSTOPTS))
                c.warnings += "Warning: never matched protocol: " + p + ". use extension match instead.\n";
        } else if (is("in-interface") || is("out-interface")) {
            IfaceMatch& m = is("in-interface") ? r.in : r.out;
            m.invert = set_option(is("in-interface") ? OptIn : OptOut);
            if (val.size() >= 16)
                throw UsageError("interface name `" + val + "' must be shorter than IFNAMSIZ (15)");
            m.name = val;
            if (val.find_first_of("/ ") != std::string::npos)
                c.warnings += "Warning: weird character in interface `" + val +
                              "' ('/' and ' ' are not allowed by the kernel).\n";
        } else if (is("jump") || is("goto")) {
            set_option(OptJump);
            c.jump = val;
            if (val.empty())
                throw UsageError("Invalid target name (too short)");
            if (val.size() >= 29)
                throw UsageError("Invalid target name `" + val + "' (28 chars max)");
            if (val.find_first_of(" \t\n\v\f\r") != std::string::npos)
                throw UsageError("Invalid target name `" + val + "'");
            target = is("goto") ? "" : val;
            if (is("goto")) {
                r.verdict = Verdict::Goto;
                r.chain = val;
            } else if (val == "ACCEPT") {
                r.verdict = Verdict::Accept;
            } else if (val == "DROP") {
                r.verdict = Verdict::Drop;
            } else if (val == "RETURN") {
                r.verdict = Verdict::Return;
            } else if (val == "TRACE") {
                r.verdict = Verdict::Trace;
            } else if (family == AF_INET6 && (val == "MASQUERADE" || val == "REDIRECT" || val == "SNAT" || val == "DNAT")) {
                // ip6tables: nf_nat_range (SNAT revision 1), DNAT's
                // nf_nat_range2 (revision 2)
                r.verdict = Verdict::Xt;
                bool dnat = val == "DNAT";
                r.xt = {val, dnat ? 2u : val == "SNAT" ? 1u : 0u,
                        net::nft::Data(dnat ? xt::nat::size : xt::nat_range_size, 0)};
            } else if (val == "MASQUERADE") {
                r.verdict = Verdict::Xt;
                net::nft::Data info(24, 0); // nf_nat_ipv4_multi_range_compat, rangesize 1
                info[0] = 1;
                r.xt = {"MASQUERADE", 0, std::move(info)};
            } else if (val == "REJECT") {
                r.verdict = Verdict::Xt;
                r.xt = {"REJECT", 0, reject_info(family == AF_INET6 ? reject6_default : 3)};
                reject_target = true;
            } else if (val == "REDIRECT") {
                r.verdict = Verdict::Xt;
                net::nft::Data info(xt::compat_nat::size, 0);
                info[0] = 1;
                r.xt = {"REDIRECT", 0, std::move(info)};
            } else if (val == "DNAT") {
                r.verdict = Verdict::Xt;
                r.xt = {val, 2, net::nft::Data(xt::nat::size, 0)};
            } else if (val == "SNAT") { // iptables 1.8.9 has no later IPv4 revision of SNAT
                r.verdict = Verdict::Xt;
                net::nft::Data info(xt::compat_nat::size, 0);
                info[0] = 1;
                r.xt = {val, 0, std::move(info)};
            } else if (val == "LOG") {
                r.verdict = Verdict::Xt;
                net::nft::Data info(xt::log::size, 0);
                info[xt::log::level] = xt::log::default_level;
                r.xt = {"LOG", 0, std::move(info)};
            } else if (val == "MARK") {
                r.verdict = Verdict::Xt;
                r.xt = {"MARK", 2, net::nft::Data(xt::mark::size, 0)};
            } else if (val == "CT" || val == "NOTRACK") {
                r.verdict = Verdict::Xt;
                r.xt = {"CT", 2, net::nft::Data(xt::ct::size, 0)};
                if (val == "NOTRACK")
                    xt::put<uint16_t>(r.xt.info, xt::ct::flags, xt::ct::notrack | xt::ct::notrack_alias);
            } else if (val == "TCPMSS") {
                r.verdict = Verdict::Xt;
                r.xt = {"TCPMSS", 0, net::nft::Data(xt::tcpmss::size, 0)};
            } else if (val == "CONNMARK") {
                r.verdict = Verdict::Xt;
                net::nft::Data info(xt::connmark::size, 0);
                xt::put<uint32_t>(info, xt::connmark::ctmask, ~0u);
                xt::put<uint32_t>(info, xt::connmark::nfmask, ~0u);
                r.xt = {"CONNMARK", 2, std::move(info)};
            } else if (const ext::Extension* e = ext::find(val, true); e && (!e->v6_only || family == AF_INET6)) {
                r.verdict = Verdict::Xt;
                r.xt = {val, e->rev, net::nft::Data(e->size, 0)};
                e->init(r.xt.info, family == AF_INET6);
                target_ext = e;
            } else if (std::find(std::begin(unsupported_targets), std::end(unsupported_targets), val) !=
                       std::end(unsupported_targets)) {
                throw UsageError("Couldn't load target `" + val + "':No such file or directory");
            } else {
                r.verdict = Verdict::Jump;
                r.chain = val;
            }
        } else if (is("match")) {
            if (invert)
                throw UsageError("unexpected ! flag before --match");
            if (val == "tcp" || val == "udp") {
                if (r.l4match)
                    continue; // loaded already: iptables ignores the repeat
                r.l4match = val == "tcp" ? IPPROTO_TCP : IPPROTO_UDP;
                r.match_order += 'p';
                if (r.proto == r.l4match)
                    proto_used = true;
            } else if (val == "comment") {
                load("comment", xt_ext("comment", 0, xt::comment_size));
            } else if (val == "conntrack" || val == "state") {
                load(val, xt_ext("conntrack", 3, xt::conntrack::size));
            } else if (val == "pkttype") {
                load(val, xt_ext("pkttype", 0, xt::pkttype::size));
            } else if (val == "iprange") {
                load(val, xt_ext("iprange", 1, xt::iprange::size));
            } else if (val == "mac") {
                load(val, xt_ext("mac", 0, xt::mac::size));
            } else if (val == "length") {
                load(val, xt_ext("length", 0, xt::length::size));
            } else if (val == "owner") {
                load(val, xt_ext("owner", 1, xt::owner::size));
            } else if (val == "tcpmss") {
                load(val, xt_ext("tcpmss", 0, xt::tcpmss::match_size));
            } else if (val == "statistic") {
                load(val, xt_ext("statistic", 0, xt::statistic::size));
            } else if (val == "connmark") {
                Ext x = xt_ext("connmark", 1, xt::connmark::match_size);
                xt::put<uint32_t>(x.xt.info, xt::connmark::match_mask, ~0u);
                load(val, x);
            } else if (val == "addrtype") {
                load(val, xt_ext("addrtype", 1, xt::addrtype::size));
            } else if (val == "multiport") {
                load(val, xt_ext("multiport", 1, xt::multiport::size));
            } else if (val == "icmp" && family == AF_INET) {
                if (!loaded_ext("icmp"))
                    load(val, icmp_ext());
                if (r.proto == IPPROTO_ICMP)
                    proto_used = true;
            } else if ((val == "icmp6" || val == "icmpv6" || val == "ipv6-icmp") && family == AF_INET6) {
                // (libxtables' aliases of the icmp6 match)
                load("icmp6", icmp6_ext());
                if (r.proto == xt::icmp6::proto)
                    proto_used = true;
            } else if (val == "mark") {
                Ext x;
                x.kind = Ext::Kind::Mark;
                load(val, x);
            } else if (val == "limit") {
                Ext x;
                x.kind = Ext::Kind::Limit;
                load(val, x);
            } else if (const ext::Extension* e = ext::find(val, false); e && (!e->v6_only || family == AF_INET6)) {
                load_table_ext(*e);
            } else {
                throw UsageError("Couldn't load match `" + val + "':No such file or directory\n");
            }
        } else if (is("numeric")) {
            set_option(OptNumeric);
            c.numeric = true;
        } else if (is("verbose")) {
            if (!(options & OptVerbose))
                set_option(OptVerbose);
            c.verbose = true;
        } else if (is("exact")) {
            set_option(OptExpanded);
            c.exact = true;
        } else if (is("line-numbers")) {
            set_option(OptLineNumbers);
            c.line_numbers = true;
        } else if ((is("ipv4") && family == AF_INET6) || (is("ipv6") && family == AF_INET)) {
            // iptables-nft 1.8.9 says no more than the hint here.
            throw UsageError("", true);
        } else if (is("wait") || is("wait-interval") || is("ipv4") || is("ipv6") || is("modprobe")) {
            // nf_tables needs no lock; -w and -W are accepted and ignored, as
            // iptables-nft does.
            if (is("wait") && val.empty())
                next_operand(i);
        } else if (is("fragment") && family == AF_INET6) {
            throw UsageError("`-f' is not supported in IPv6, use -m frag instead");
        } else if (is("fragment")) {
            r.frag_invert = set_option(OptFragment);
            r.frag = true;
        } else if (is("set-counters")) {
            set_counters(val, i);
        } else if (is("sport") || is("source-port") || is("dport") || is("destination-port")) {
            l4_option(key);
            bool is_src = is("sport") || is("source-port");
            if ((is_src ? sport_given : dport_given)++) {
                // libxt_tcp's own parser, and the generic one libxt_udp uses.
                std::string opt = std::string(is_src ? "source" : "destination") + "-port";
                if (r.l4match == IPPROTO_TCP)
                    throw UsageError("Only one `--" + opt + "' allowed");
                throw UsageError("udp: option \"--" + opt + "\" can only be used once.\n");
            }
            PortMatch parsed;
            if (r.l4match == IPPROTO_TCP) {
                parsed = parse_ports(val, "tcp");
            } else { // libxt_udp's generic XTTYPE_PORTRC option
                auto range = conntrack::port_range("udp", is_src ? "source-port" : "destination-port", val);
                parsed.lo = range[0];
                parsed.hi = range[1];
            }
            parsed.invert = invert;
            invert = false;
            (is_src ? r.sport : r.dport) = parsed;
        } else if (is("comment")) {
            Ext& x = ext_take("comment", key);
            std::fill(x.xt.info.begin(), x.xt.info.end(), 0);
            std::memcpy(x.xt.info.data(), val.data(), std::min(val.size(), xt::comment_size - 1));
        } else if (is("tcp-option")) {
            if (r.l4match != IPPROTO_TCP) {
                if (r.l4match)
                    throw UsageError("unknown option \"--" + key + "\"");
                l4_option(key);
                if (r.l4match != IPPROTO_TCP)
                    throw UsageError("unknown option \"--" + key + "\"");
            }
            if (r.tcp_option)
                throw UsageError("Only one `--tcp-option' allowed");
            // xtables_strtoui(1-255): base 0, leading blanks allowed.
            errno = 0;
            char* end = nullptr;
            unsigned long v = std::strtoul(val.c_str(), &end, 0);
            if (end == val.c_str() || *end || errno || v < 1 || v > 255 || val.find('-') != std::string::npos)
                throw UsageError("Bad TCP option \"" + val + "\"");
            r.tcp_option = static_cast<uint8_t>(v);
            r.tcp_option_invert = take_invert();
        } else if (is("tcp-flags") || is("syn")) {
            if (!r.l4match || r.l4match != IPPROTO_TCP) {
                if (r.l4match)
                    throw UsageError("unknown option \"--" + key + "\"");
                l4_option(key);
                if (r.l4match != IPPROTO_TCP)
                    throw UsageError("unknown option \"--" + key + "\"");
            }
            if (r.flags.set())
                throw UsageError("Only one of `--syn' or `--tcp-flags'  allowed");
            bool inv = take_invert();
            if (is("syn")) {
                r.flags = {0x17, 0x02, inv};
            } else {
                auto cmp = next_operand(i);
                if (!cmp)
                    throw UsageError("--tcp-flags requires two args.");
                r.flags = {parse_tcp_flags(val), parse_tcp_flags(*cmp), inv};
            }
        } else if (is("icmp-type") || is("icmpv6-type")) {
            // The icmp match of iptables, the icmp6 match of ip6tables (the
            // other family has no such option).
            bool v6 = is("icmpv6-type");
            const char* mname = v6 ? "icmp6" : "icmp";
            uint8_t want = v6 ? xt::icmp6::proto : uint8_t(IPPROTO_ICMP);
            if (v6 != (family == AF_INET6))
                throw UsageError("unknown option \"--" + key + "\"");
            Ext* x = loaded_ext(mname);
            if (!x) {
                // Loaded for "! -p icmp" too (the kernel then refuses the
                // rule).
                if (proto_used || r.proto != want)
                    throw UsageError("unknown option \"--" + key + "\"");
                x = &load(mname, v6 ? icmp6_ext() : icmp_ext());
                proto_used = true;
            }
            if (v6 && !given[x - r.exts.data()].insert(key).second)
                throw UsageError("icmp6: option \"--icmpv6-type\" can only be used once.\n");
            given[x - r.exts.data()].insert(key);
            bool inv = take_invert();
            parse_icmp_type(val, v6, x->xt.info);
            x->xt.info[3] = inv ? 0x01 : 0;
        } else if (is("pkt-type")) {
            Ext& x = ext_for("pkttype", key);
            auto it = std::find_if(std::begin(xt::pkttype::names), std::end(xt::pkttype::names),
                                   [&](const xt::pkttype::Name& n) {
                                       return strcasecmp(std::string(n.name).c_str(), val.c_str()) == 0;
                                   });
            if (it == std::end(xt::pkttype::names))
                throw UsageError("Bad packet type '" + val + "'");
            xt::put<int32_t>(x.xt.info, xt::pkttype::type, it->type);
            xt::put<int32_t>(x.xt.info, xt::pkttype::invert, take_invert() ? 1 : 0);
        } else if (is("src-range") || is("dst-range")) {
            Ext& x = ext_for("iprange", key);
            namespace ir = xt::iprange;
            bool src_range = is("src-range");
            auto dash = val.find('-');
            if (family == AF_INET6) {
                // libxt_iprange for IPv6: names the part it cannot read
                auto& d = x.xt.info;
                auto ip6 = [&](const std::string& a, size_t off) {
                    if (inet_pton(AF_INET6, a.c_str(), d.data() + off) != 1)
                        throw UsageError("iprange: Bad value for \"--" + key + "\" option: \"" + a + "\"");
                };
                size_t lo_off = src_range ? ir::src_min : ir::dst_min, hi_off = src_range ? ir::src_max : ir::dst_max;
                ip6(val.substr(0, dash), lo_off);
                if (dash == std::string::npos)
                    std::memcpy(d.data() + hi_off, d.data() + lo_off, 16);
                else
                    ip6(val.substr(dash + 1), hi_off);
                d[ir::flags] = static_cast<uint8_t>(d[ir::flags] | (src_range ? ir::src : ir::dst) |
                                                    (take_invert() ? (src_range ? ir::src_inv : ir::dst_inv) : 0));
                continue;
            }
            auto ip = [&](const std::string& a) {
                in_addr v{};
                if (inet_pton(AF_INET, a.c_str(), &v) != 1)
                    throw UsageError("iprange: Bad value for \"--" + key + "\" option: \"" + val + "\"");
                return v;
            };
            in_addr lo = ip(val.substr(0, dash)), hi = dash == std::string::npos ? lo : ip(val.substr(dash + 1));
            auto& d = x.xt.info;
            std::memcpy(d.data() + (src_range ? ir::src_min : ir::dst_min), &lo, 4);
            std::memcpy(d.data() + (src_range ? ir::src_max : ir::dst_max), &hi, 4);
            d[ir::flags] = static_cast<uint8_t>(d[ir::flags] | (src_range ? ir::src : ir::dst) |
                                                (take_invert() ? (src_range ? ir::src_inv : ir::dst_inv) : 0));
        } else if (is("mac-source")) {
            Ext& x = ext_for("mac", key);
            unsigned b[6];
            char tail;
            if (val.size() != 17 ||
                std::sscanf(val.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6)
                throw UsageError("Invalid MAC address specified.");
            for (size_t k = 0; k < 6; ++k)
                x.xt.info[k] = static_cast<uint8_t>(b[k]);
            xt::put<int32_t>(x.xt.info, xt::mac::invert, take_invert() ? 1 : 0);
        } else if (is("length")) {
            Ext& x = ext_for("length", key);
            auto [lo, hi] = parse_u16_range(val, "length", "length");
            xt::put<uint16_t>(x.xt.info, xt::length::min, lo);
            xt::put<uint16_t>(x.xt.info, xt::length::max, hi);
            x.xt.info[xt::length::invert] = take_invert() ? 1 : 0;
        } else if (is("uid-owner") || is("gid-owner") || is("socket-exists") || is("suppl-groups")) {
            Ext& x = ext_for("owner", key);
            namespace ow = xt::owner;
            auto& d = x.xt.info;
            if (!given_once.insert(key).second)
                throw UsageError("owner: option \"--" + key + "\" can only be used once.\n");
            if (is("suppl-groups")) {
                if (invert)
                    throw UsageError("owner: option \"--suppl-groups\" cannot be inverted.\n");
                if (!(d[ow::match] & ow::gid))
                    throw UsageError("owner: Bad value for \"--suppl-groups\" option: \"you need to use --gid-owner first\"");
                d[ow::match] |= ow::suppl_groups;
            } else {
                uint8_t bit = is("uid-owner") ? ow::uid : is("gid-owner") ? ow::gid : ow::socket;
                if (bit != ow::socket) {
                    // A name, else "ID" or "ID-ID" (or "ID:ID"), up to 2^32-2.
                    auto account = bit == ow::uid ? cli::user_by_name(val) : cli::group_by_name(val);
                    uint32_t from = 0, to = 0;
                    if (account) {
                        from = to = account->id;
                    } else {
                        auto bad = [&] {
                            return UsageError("owner: Bad value for \"--" + key + "\" option: \"" + val + "\"");
                        };
                        auto number = [&](const char* p, const char*& end) {
                            if (!std::isdigit(static_cast<unsigned char>(*p)) && *p != ' ' && *p != '+')
                                throw bad();
                            errno = 0;
                            char* e = nullptr;
                            unsigned long long v = std::strtoull(p, &e, 0);
                            if (e == p || errno || v > UINT32_MAX - 1)
                                throw bad();
                            end = e;
                            return static_cast<uint32_t>(v);
                        };
                        const char* end = nullptr;
                        from = to = number(val.c_str(), end);
                        if (*end == '-' || *end == ':')
                            to = number(end + 1, end);
                        if (*end != '\0')
                            throw bad();
                    }
                    size_t lo = bit == ow::uid ? ow::uid_min : ow::gid_min;
                    size_t hi = bit == ow::uid ? ow::uid_max : ow::gid_max;
                    xt::put<uint32_t>(d, lo, from);
                    xt::put<uint32_t>(d, hi, to);
                }
                d[ow::match] |= bit;
                if (take_invert())
                    d[ow::invert] |= bit;
            }
        } else if (is("mss")) {
            Ext& x = ext_for("tcpmss", key);
            if (!given_once.insert("mss").second)
                throw UsageError("tcpmss: option \"--mss\" can only be used once.\n");
            auto [lo, hi] = parse_u16_range(val, "tcpmss", "mss");
            if (lo > hi)
                throw UsageError("tcpmss: invalid range given");
            xt::put<uint16_t>(x.xt.info, xt::tcpmss::min, lo);
            xt::put<uint16_t>(x.xt.info, xt::tcpmss::max, hi);
            x.xt.info[xt::tcpmss::invert] = take_invert() ? 1 : 0;
        } else if (is("notrack") || is("zone") || is("helper")) {
            target_option({"CT"}, key);
            if (invert)
                throw UsageError("CT: option \"--" + key + "\" cannot be inverted.\n");
            if (!given_once.insert(key).second)
                throw UsageError("CT: option \"--" + key + "\" can only be used once.\n");
            namespace ct = xt::ct;
            auto& d = r.xt.info;
            if (is("notrack")) {
                xt::put<uint16_t>(d, ct::flags, xt::get<uint16_t>(d, ct::flags) | ct::notrack);
            } else if (is("zone")) {
                auto z = parse_u32(val, 65535);
                if (!z)
                    throw UsageError("Cannot parse " + val + " as a zone ID");
                xt::put<uint16_t>(d, ct::zone, static_cast<uint16_t>(*z));
            } else {
                // Cut to the field, NUL kept, as libxtables copies a string.
                std::fill(d.begin() + ct::helper, d.begin() + ct::helper + ct::helper_max, 0);
                std::memcpy(d.data() + ct::helper, val.data(), std::min(val.size(), ct::helper_max - 1));
            }
        } else if (is("set-mss") || is("clamp-mss-to-pmtu")) {
            target_option({"TCPMSS"}, key);
            if (invert)
                throw UsageError("TCPMSS: option \"--" + key + "\" cannot be inverted.\n");
            if (!given_once.insert(key).second)
                throw UsageError("TCPMSS: option \"--" + key + "\" can only be used once.\n");
            uint32_t mss = xt::tcpmss::clamp_pmtu;
            if (is("set-mss")) {
                auto v = parse_u32(val, xt::tcpmss::set_max);
                if (!v)
                    throw UsageError("TCPMSS: bad value for option \"--set-mss\", or out of range (0-65515).\n");
                mss = *v;
            }
            xt::put<uint16_t>(r.xt.info, xt::tcpmss::mss, static_cast<uint16_t>(mss));
            target_opts |= 2;
        } else if (is("mode") || is("probability") || is("every") || is("packet")) {
            Ext& x = is("mode") ? ext_take("statistic", key) : ext_for("statistic", key);
            namespace st = xt::statistic;
            auto& d = x.xt.info;
            if (is("mode")) {
                if (val != "random" && val != "nth")
                    throw UsageError("Bad mode \"" + val + "\"");
                xt::put<uint16_t>(d, st::mode, val == "random" ? st::random : st::nth);
            } else if (is("probability")) {
                errno = 0;
                char* end = nullptr;
                double p = std::strtod(val.c_str(), &end);
                if (val.empty() || *end || errno || p < 0 || p > 1)
                    throw UsageError("statistic: bad value for option \"--probability\", or out of range (0-1).\n");
                xt::put<uint32_t>(d, st::probability, static_cast<uint32_t>(std::lround(0x80000000 * p)));
            } else {
                auto v = parse_u32(val);
                if (is("every") && (!v || *v == 0))
                    throw UsageError("statistic: bad value for option \"--every\", or out of range (1-4294967295).\n");
                if (!v)
                    throw UsageError("statistic: bad value for option \"--packet\", or out of range (0-4294967295).\n");
                xt::put<uint32_t>(d, is("every") ? st::every : st::packet, is("every") ? *v - 1 : *v);
            }
            if (key != "mode" && take_invert())
                xt::put<uint16_t>(d, st::flags, xt::get<uint16_t>(d, st::flags) | st::invert);
        } else if (is("src-type") || is("dst-type") || is("limit-iface-in") || is("limit-iface-out")) {
            bool iface = is("limit-iface-in") || is("limit-iface-out");
            Ext& x = iface ? ext_take("addrtype", key) : ext_for("addrtype", key);
            namespace a = xt::addrtype;
            auto& d = x.xt.info;
            uint32_t flags = xt::get<uint32_t>(d, a::flags);
            if (iface) {
                flags |= is("limit-iface-in") ? a::limit_in : a::limit_out;
            } else {
                uint16_t mask = 0;
                size_t at = 0;
                while (true) {
                    size_t comma = val.find(',', at);
                    std::string name = val.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
                    size_t bit = 0;
                    while (bit < std::size(a::types) &&
                           strcasecmp(std::string(a::types[bit]).c_str(), name.c_str()) != 0)
                        ++bit;
                    if (bit == std::size(a::types))
                        throw UsageError("addrtype: bad type \"" + name + "\"");
                    mask = static_cast<uint16_t>(mask | (1u << bit));
                    if (comma == std::string::npos)
                        break;
                    at = comma + 1;
                }
                bool src_type = is("src-type");
                xt::put<uint16_t>(d, src_type ? a::source : a::dest, mask);
                if (take_invert())
                    flags |= src_type ? a::invert_source : a::invert_dest;
            }
            xt::put<uint32_t>(d, a::flags, flags);
        } else if (conntrack::is_option(key)) {
            // libxtables' order: once per match, then the option's own
            // parsing (with its "!" rule).
            const std::string mname = is("state") ? "state" : "conntrack";
            Ext* x = loaded_ext(mname);
            if (!x)
                throw UsageError("unknown option \"--" + key + "\"");
            if (!given[x - r.exts.data()].insert(key).second)
                throw UsageError(mname + ": option \"--" + key + "\" can only be used once.\n");
            conntrack::parse(x->xt.info, key, val, take_invert(), family == AF_INET6);
        } else if (is("source-ports") || is("sports") || is("destination-ports") || is("dports") ||
                   is("ports")) {
            Ext& x = ext_for("multiport", key);
            std::string canon = is("sports") ? "source-ports" : is("dports") ? "destination-ports" : key;
            if (!multiport_opt.empty())
                throw UsageError("multiport: option \"--" + canon + "\" cannot be used together with \"--" +
                                 multiport_opt + "\".\n");
            multiport_opt = canon;
            const char* pname = r.proto == IPPROTO_TCP ? "tcp" : r.proto == IPPROTO_UDP ? "udp" : nullptr;
            if (r.proto_invert || !(r.proto == IPPROTO_TCP || r.proto == IPPROTO_UDP || r.proto == 136 ||
                                    r.proto == 132 || r.proto == 33))
                throw UsageError("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            namespace mp = xt::multiport;
            auto& d = x.xt.info;
            d[mp::flags] = canon == "source-ports" ? mp::source : canon == "destination-ports" ? mp::destination
                                                                                               : mp::either;
            unsigned n = 0;
            size_t at = 0;
            auto one = [&](const std::string& p) -> uint16_t {
                if (auto v = parse_u32(p, 65535); v && p.find_first_not_of("0123456789") == std::string::npos)
                    return static_cast<uint16_t>(*v);
                if (pname)
                    if (auto port = names::service_port(p, pname))
                        return *port;
                throw UsageError("invalid port/service `" + p + "' specified");
            };
            while (true) {
                size_t comma = val.find(',', at);
                std::string item = val.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
                auto colon = item.find(':');
                if (n >= mp::max_ports || (colon != std::string::npos && n + 1 >= mp::max_ports))
                    throw UsageError("too many ports specified");
                if (colon != std::string::npos) {
                    uint16_t lo = one(item.substr(0, colon)), hi = one(item.substr(colon + 1));
                    if (lo > hi)
                        throw UsageError("invalid portrange specified");
                    xt::put<uint16_t>(d, mp::ports + 2 * n, lo);
                    d[mp::pflags + n] = 1;
                    ++n;
                    xt::put<uint16_t>(d, mp::ports + 2 * n, hi);
                    ++n;
                } else {
                    xt::put<uint16_t>(d, mp::ports + 2 * n, one(item));
                    ++n;
                }
                if (comma == std::string::npos)
                    break;
                at = comma + 1;
            }
            d[mp::count] = static_cast<uint8_t>(n);
            d[mp::invert] = take_invert() ? 1 : 0;
        } else if (is("mark")) {
            // -m mark and -m connmark share --mark: the later loaded takes it.
            Ext* x = nullptr;
            std::string owner;
            for (auto it = loaded.rbegin(); it != loaded.rend() && !x; ++it)
                if (it->first == "mark" || it->first == "connmark")
                    x = &r.exts[it->second], owner = it->first;
            if (!x)
                throw UsageError("unknown option \"--mark\"");
            given[x - r.exts.data()].insert(key);
            auto mm = parse_mark_mask(val);
            if (!mm)
                throw UsageError(bad_integer(owner.c_str(), "mark"));
            if (owner == "mark") {
                x->mark = {mm->first, mm->second, take_invert()};
            } else {
                namespace c = xt::connmark;
                xt::put<uint32_t>(x->xt.info, c::match_mark, mm->first);
                xt::put<uint32_t>(x->xt.info, c::match_mask, mm->second);
                x->xt.info[c::match_invert] = take_invert() ? 1 : 0;
            }
        } else if (is("limit") || is("limit-burst")) {
            Ext& x = ext_take("limit", key);
            if (is("limit")) {
                x.limit.avg = parse_rate(val);
            } else {
                auto b = parse_u32(val, 10000);
                if (!b)
                    throw UsageError(bad_integer("limit", "limit-burst"));
                x.limit.burst = *b;
            }
        } else if (is("log-prefix") || is("log-level") || key.rfind("log-", 0) == 0) {
            target_option({"LOG"}, key);
            target_take(key);
            auto& d = r.xt.info;
            if (is("log-prefix")) {
                if (val.empty())
                    throw UsageError("No prefix specified for --log-prefix");
                std::fill(d.begin() + xt::log::prefix, d.end(), 0);
                std::memcpy(d.data() + xt::log::prefix, val.data(), std::min(val.size(), xt::log::prefix_max));
            } else if (is("log-level")) {
                std::optional<uint32_t> level = parse_u32(val, 7);
                for (const auto& l : xt::log::levels)
                    if (val == l.name)
                        level = l.level;
                if (!level)
                    throw UsageError("log level \"" + val + "\" unknown\n");
                d[xt::log::level] = static_cast<uint8_t>(*level);
            } else {
                for (const auto& fl : xt::log::flag_names)
                    if (key == fl.option)
                        d[xt::log::flags] = static_cast<uint8_t>(d[xt::log::flags] | fl.bit);
            }
        } else if (is("to-destination") || is("to-source")) {
            target_option({is("to-destination") ? "DNAT" : "SNAT"}, key);
            target_take(key);
            target_opts |= 1;
            // DNAT revision 2 (nf_nat_range2) or SNAT revision 0
            // (nf_nat_ipv4_multi_range_compat), or ip6tables' ranges:
            // flags, addresses, ports.
            const xt::NatLayout l = xt::nat_layout(target, family == AF_INET6);
            auto& d = r.xt.info;
            uint32_t flags = xt::get<uint32_t>(d, l.flags);
            std::string ips = val;
            std::string::size_type colon = std::string::npos;
            if (family == AF_INET6) {
                // libxt_NAT for IPv6: "[ADDR[-ADDR]]:PORTS", or an address
                // (range) alone, colons and all.
                if (auto open = val.find('['); open != std::string::npos) {
                    auto close = val.find(']', open);
                    if (close == std::string::npos)
                        throw UsageError("Invalid address format");
                    ips = val.substr(open + 1, close - open - 1);
                    colon = val.find(':', close);
                    if (colon != std::string::npos)
                        flags |= put_nat_ports(d, val.substr(colon + 1), l);
                }
                if (!ips.empty()) {
                    auto dash = ips.find('-');
                    auto parse6 = [](const std::string& a, uint8_t* into) {
                        if (inet_pton(AF_INET6, a.c_str(), into) != 1)
                            throw UsageError("Bad IP address \"" + a + "\"");
                    };
                    parse6(ips.substr(0, dash), d.data() + l.min_ip);
                    if (dash == std::string::npos)
                        std::memcpy(d.data() + l.max_ip, d.data() + l.min_ip, 16);
                    else
                        parse6(ips.substr(dash + 1), d.data() + l.max_ip);
                    flags |= xt::nat::map_ips;
                }
                xt::put<uint32_t>(d, l.flags, flags);
                continue;
            }
            if (val.find('[') != std::string::npos)
                throw UsageError("Invalid address format");
            // One colon starts the ports; a second makes the whole value
            // an address (a bad one, for IPv4).
            colon = val.find(':');
            if (colon != std::string::npos && val.find(':', colon + 1) != std::string::npos)
                colon = std::string::npos;
            if (colon != std::string::npos) {
                flags |= put_nat_ports(d, val.substr(colon + 1), l);
                ips = val.substr(0, colon);
            }
            if (colon != 0) {
                auto dash = ips.find('-');
                uint32_t lo = parse_nat_ip(ips.substr(0, dash));
                uint32_t hi = dash == std::string::npos ? lo : parse_nat_ip(ips.substr(dash + 1));
                for (size_t b = 0; b < 4; ++b) {
                    d[l.min_ip + b] = static_cast<uint8_t>(lo >> (24 - 8 * b));
                    d[l.max_ip + b] = static_cast<uint8_t>(hi >> (24 - 8 * b));
                }
                flags |= xt::nat::map_ips;
            }
            xt::put<uint32_t>(d, l.flags, flags);
        } else if (is("to-ports")) {
            target_option({"MASQUERADE", "REDIRECT"}, key);
            target_take(key);
            auto& d = r.xt.info;
            const xt::NatLayout l = xt::nat_layout(target, family == AF_INET6);
            xt::put<uint32_t>(d, l.flags, xt::get<uint32_t>(d, l.flags) | put_nat_ports(d, val, l));
        } else if (is("random") || is("random-fully") || is("persistent")) {
            if (is("persistent"))
                target_option({"DNAT", "SNAT"}, key);
            else if (is("random-fully"))
                target_option({"SNAT", "MASQUERADE"}, key);
            else
                target_option({"DNAT", "SNAT", "MASQUERADE", "REDIRECT"}, key);
            target_take(key);
            uint32_t bit = is("random") ? xt::nat::random : is("persistent") ? xt::nat::persistent
                                                                                     : xt::nat::random_fully;
            size_t off = xt::nat_layout(target, family == AF_INET6).flags;
            xt::put<uint32_t>(r.xt.info, off, xt::get<uint32_t>(r.xt.info, off) | bit);
        } else if (is("save-mark") || is("restore-mark") || is("mask") || is("nfmask") ||
                   is("ctmask")) {
            target_option({"CONNMARK"}, key);
            target_take(key);
            namespace c = xt::connmark;
            auto& d = r.xt.info;
            if (is("save-mark") || is("restore-mark")) {
                if (!mark_opt.empty())
                    throw UsageError("CONNMARK: option \"--" + mark_opt + "\" cannot be used together with \"--" + key +
                                     "\".\n");
                mark_opt = key;
                d[c::mode] = is("save-mark") ? c::save : c::restore;
            } else {
                auto v = parse_u32(val);
                if (!v)
                    throw UsageError("CONNMARK: bad value for option \"--" + key + "\", or out of range (0-4294967295).\n");
                if (key != "nfmask")
                    xt::put<uint32_t>(d, c::ctmask, *v);
                if (key != "ctmask")
                    xt::put<uint32_t>(d, c::nfmask, *v);
            }
        } else if (is("set-mark") || is("set-xmark") || is("and-mark") || is("or-mark") ||
                   is("xor-mark")) {
            target_option({"MARK", "CONNMARK"}, key);
            target_take(key);
            if (!mark_opt.empty())
                throw UsageError(target + ": option \"--" + mark_opt + "\" cannot be used together with \"--" + key +
                                 "\".\n");
            mark_opt = key;
            uint32_t mark = 0, mask = 0;
            if (is("set-mark") || is("set-xmark")) {
                auto mm = parse_mark_mask(val);
                if (!mm)
                    throw UsageError(bad_integer(target.c_str(), key));
                mark = mm->first;
                mask = is("set-mark") ? (mm->first | mm->second) : mm->second;
            } else {
                auto v = parse_u32(val);
                if (!v)
                    throw UsageError(target + ": bad value for option \"--" + key +
                                     "\", or out of range (0-4294967295).\n");
                if (is("and-mark"))
                    mask = ~*v;
                else if (is("or-mark"))
                    mark = mask = *v;
                else
                    mark = *v;
            }
            // MARK's (mark, mask) and CONNMARK's (ctmark, ctmask) share offsets.
            xt::put<uint32_t>(r.xt.info, xt::mark::value, mark);
            xt::put<uint32_t>(r.xt.info, xt::mark::mask, mask);
        } else if (is("reject-with")) {
            if (!reject_target)
                throw UsageError("unknown option \"--reject-with\"");
            target_take(key);
            if (family == AF_INET6) {
                auto starts = [&](const char* n) { return strncasecmp(n, val.c_str(), val.size()) == 0; };
                auto it = std::find_if(std::begin(reject_names6), std::end(reject_names6),
                                       [&](const RejectName& n) { return starts(n.name) || starts(n.alias); });
                if (it == std::end(reject_names6))
                    throw UsageError("unknown reject type \"" + val + "\"");
                r.xt.info = reject_info(it->with);
            } else {
                auto it = std::find_if(std::begin(reject_names), std::end(reject_names), [&](const RejectName& n) {
                    return val == n.name || val == n.alias;
                });
                if (it == std::end(reject_names))
                    throw UsageError("unknown reject type \"" + val + "\"");
                r.xt.info = reject_info(it->with);
            }
        }
    }

    if (words_after_end)
        throw UsageError("unknown arguments found on commandline");
    if (c.cmd == Cmd::None)
        throw UsageError("no command specified");
    for (const auto& [name, index] : loaded) {
        auto& d = r.exts[index].xt.info;
        const auto& ext_opts = given[static_cast<long>(index)];
        if (const ext::Extension* e = ext::find(name, false))
            e->check(d, ext_states[static_cast<long>(index)]);
        // The options each match cannot do without, in libxtables' words.
        static const std::map<std::string, std::string> mandatory = {
            {"comment", "comment"}, {"state", "state"},       {"mark", "mark"},     {"connmark", "mark"},
            {"icmp", "icmp-type"},  {"icmp6", "icmpv6-type"}, {"mac", "mac-source"},    {"pkttype", "pkt-type"}, {"length", "length"},
            {"tcpmss", "mss"},
        };
        if (auto m = mandatory.find(name); m != mandatory.end() && !ext_opts.count(m->second))
            throw UsageError(name + ": option \"--" + m->second + "\" must be specified\n");
        if (name == "conntrack" && ext_opts.empty())
            throw UsageError("conntrack: At least one option is required");
        if (name == "multiport" && ext_opts.empty())
            throw UsageError("multiport expection an option");
        if (name == "owner" && ext_opts.empty())
            throw UsageError("owner: At least one of --uid-owner, --gid-owner or --socket-exists is required");
        if (name == "iprange" && ext_opts.empty())
            throw UsageError("iprange match: You must specify `--src-range' or `--dst-range'");
        if (name == "statistic") {
            namespace st = xt::statistic;
            const auto& opts_given = given[static_cast<long>(index)];
            auto has = [&](const char* k) { return opts_given.count(k) != 0; };
            bool random = xt::get<uint16_t>(d, st::mode) == st::random; // random unless told
            if (random && !has("probability"))
                throw UsageError("--probability must be specified when using random mode");
            if (!has("mode"))
                throw UsageError("statistic: option \"--mode\" must be specified\n");
            if (has("every") && !has("packet"))
                throw UsageError("statistic: option \"--every\" also requires \"--packet\".\n");
            if (has("packet") && !has("every"))
                throw UsageError("statistic: option \"--packet\" also requires \"--every\".\n");
            if (!random && !has("every"))
                throw UsageError("--every must be specified when using nth mode");
            if (random && (has("every") || has("packet")))
                throw UsageError("--every and --packet can't be specified when using random mode");
            if (!random && has("probability"))
                throw UsageError("--probability can only be specified when using random mode");
            if (!random && xt::get<uint32_t>(d, st::packet) > xt::get<uint32_t>(d, st::every))
                throw UsageError("the --packet p must be 0 <= p <= n-1");
            // libxt_statistic sets the nth counter whatever the mode; in
            // random mode `every` overlays the probability.
            xt::put<uint32_t>(d, st::count, xt::get<uint32_t>(d, st::every) - xt::get<uint32_t>(d, st::packet));
        }
        if (name == "addrtype" && !xt::get<uint16_t>(d, xt::addrtype::source) &&
            !xt::get<uint16_t>(d, xt::addrtype::dest))
            throw UsageError("addrtype: you must specify --src-type or --dst-type");
    }
    if (target_ext)
        target_ext->check(r.xt.info, target_state);
    if (target == "TCPMSS" && !(target_opts & 2))
        throw UsageError("TCPMSS target: At least one parameter is required");
    if (target == "CONNMARK" && mark_opt.empty())
        throw UsageError("CONNMARK target: No operation specified");
    // libxtables' exclusions, checked after the target's own check: --mask
    // sets both masks ("--ctmask" is first in CONNMARK's option table).
    if (target == "CONNMARK" && target_given.count("mask"))
        for (const char* m : {"ctmask", "nfmask"})
            if (target_given.count(m))
                throw UsageError(std::string("CONNMARK: option \"--") + m +
                                 "\" cannot be used together with \"--mask\".\n");
    if (target == "MARK" && mark_opt.empty())
        throw UsageError("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
    if ((target == "DNAT" || target == "SNAT") && !(target_opts & 1))
        throw UsageError(target + ": option \"--to-" + (target == "DNAT" ? "destination" : "source") +
                         "\" must be specified\n");
    // REDIRECT has only revision 0 (the compat range): libxt_NAT refuses a
    // shifted portmap there; SNAT and MASQUERADE keep the flag.
    if (target == "REDIRECT" &&
        (xt::get<uint32_t>(r.xt.info, xt::nat_layout(target, family == AF_INET6).flags) & xt::nat::proto_offset))
        throw UsageError("Shifted portmap ranges not supported with this kernel");
    if (r.l4match && r.proto != r.l4match && (r.sport.set() || r.dport.set() || r.flags.set()))
        throw UsageError(r.l4match == IPPROTO_TCP ? "TCP match requires '-p tcp'" : "UDP match requires '-p udp'");
    if (invert)
        throw UsageError("nothing appropriate following !");
    if (c.table == "nat" && (c.policy == "DROP" || c.jump == "DROP"))
        throw UsageError("\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore "
                         "inhibited.\n\n");
    for (const OptInfo& i : opt_info) {
        if (!(options & i.opt) || i.opt == OptVerbose)
            continue;
        bool ok = i.opt == OptCounters ? (c.cmd == Cmd::Append || c.cmd == Cmd::Insert || c.cmd == Cmd::Replace ||
                                          c.cmd == Cmd::Policy)
                  : i.rule_cmds ? rule_command(c.cmd)
                                : (c.cmd == Cmd::List || c.cmd == Cmd::Zero);
        if (!ok)
            throw UsageError(std::string("Illegal option `-") + i.letter + "' with this command");
    }
    // ip6tables-nft 1.8.9 checks -c but does not put the counters into the
    // rule it adds (a built-in chain's -P counters it does set).
    if (family == AF_INET6 && c.cmd != Cmd::Policy)
        r.packets = r.bytes = 0;
    if (rule_command(c.cmd)) {
        // "-s a,b/16": one rule per address (xtables_ipparse_multiple);
        // each element is refused alone.
        auto parse_addrs = [&](const std::optional<std::string>& s, AddrMatch& a, std::vector<AddrMatch>& all) {
            if (!s)
                return;
            bool inv = a.invert;
            for (size_t start = 0;;) {
                size_t comma = s->find(',', start);
                std::string one = s->substr(start, comma - start);
                // (a host name stands for each of its addresses)
                auto parsed = family == AF_INET6 ? parse_hosts6(one) : parse_hosts(one);
                if (parsed.empty()) // (ip6tables names the host part alone)
                    throw UsageError("host/network `" + (family == AF_INET6 ? one.substr(0, one.find('/')) : one) +
                                     "' not found");
                for (AddrMatch& m : parsed) {
                    m.invert = inv;
                    all.push_back(m);
                }
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
            a = all.front();
            if (all.size() == 1)
                all.clear();
        };
        parse_addrs(src, r.src, c.srcs);
        parse_addrs(dst, r.dst, c.dsts);
        if (!c.srcs.empty() || !c.dsts.empty()) {
            if (r.src.invert || r.dst.invert)
                throw UsageError("! not allowed with multiple source or destination IP addresses");
            if (c.cmd == Cmd::Replace)
                throw UsageError("Replacement rule does not specify a unique address");
        }
    }
    return;
}

} // namespace

Command parse_command_line(int argc, char** argv, bool fast, int family)
{
    Command c;
    try {
        parse_into(c, words::split(argc, argv, fast, family), family, fast);
    } catch (UsageError& e) {
        // (iptables prints a warning as it parses, before a later refusal)
        e.warnings = std::move(c.warnings);
        throw;
    }
    return c;
}

Command parse_command_line(const char* prog, const std::vector<std::string>& words, bool fast, int family)
{
    Command c;
    try {
        parse_into(c, words::split(prog, words, fast, family), family, fast);
    } catch (UsageError& e) {
        // (iptables prints a warning as it parses, before a later refusal)
        e.warnings = std::move(c.warnings);
        throw;
    }
    return c;
}

} // namespace nsbox::iptables
