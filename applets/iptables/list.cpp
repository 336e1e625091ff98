#include "applets/iptables/list.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <span>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <fmt/format.h>

#include "applets/common/accounts.hpp"
#include "applets/common/left.hpp"
#include "applets/iptables/conntrack.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/names.hpp"
#include "applets/iptables/xt.hpp"

namespace nsbox::iptables {

namespace {

// xtables_print_num: a counter column, shortened with K/M/G/T unless -x.
void print_num(std::string& out, uint64_t n, const Format& f, bool table)
{
    if (f.exact) {
        out += table ? fmt::format("{:8} ", n) : fmt::format("{} ", n);
        return;
    }
    if (n <= 99999) {
        out += table ? fmt::format("{:5} ", n) : fmt::format("{} ", n);
        return;
    }
    for (char unit : {'K', 'M', 'G', 'T'}) {
        n = (n + 500) / 1000;
        if (n <= 9999 || unit == 'T') {
            out += table ? fmt::format("{:4}{} ", n, unit) : fmt::format("{}{} ", n, unit);
            return;
        }
    }
}

std::string dotted(uint32_t a)
{
    // (every address of a listing: by hand, not through a run-time format)
    char buf[16];
    auto r = std::to_chars(buf, buf + 3, a >> 24);
    for (int shift = 16; shift >= 0; shift -= 8) {
        *r.ptr = '.';
        r = std::to_chars(r.ptr + 1, r.ptr + 4, (a >> shift) & 0xff);
    }
    return std::string(buf, r.ptr);
}

// printf's "%-Ns ": `s` padded with blanks to `width` bytes, then a blank
// (fmt's "{:<N}" would count code points, and parse its format each time).
void left(std::string& out, std::string_view s, size_t width)
{
    out += s;
    if (s.size() < width)
        out.append(width - s.size(), ' ');
    out += ' ';
}

void left(std::string& out, unsigned n, size_t width)
{
    char buf[16];
    left(out, std::string_view(buf, std::to_chars(buf, buf + sizeof buf, n).ptr), width);
}

// xtables_ipmask_to_numeric: "" for /32, "/N" for a prefix, else "/A.B.C.D".
std::string mask_suffix(uint32_t mask)
{
    if (mask == ~0u)
        return "";
    int n = std::countl_one(mask);
    if (n == 32 || (mask << n) == 0)
        return "/" + std::to_string(n);
    return "/" + dotted(mask);
}

std::string ntop6(const std::array<uint8_t, 16>& a)
{
    char buf[INET6_ADDRSTRLEN] = "";
    inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
    return buf;
}

// xtables_ip6mask_to_cidr: the prefix length, or -1 when not contiguous.
int cidr6(const std::array<uint8_t, 16>& m)
{
    int n = 0;
    while (n < 128 && (m[size_t(n / 8)] & (0x80 >> (n % 8))))
        ++n;
    for (int i = n; i < 128; ++i)
        if (m[size_t(i / 8)] & (0x80 >> (i % 8)))
            return -1;
    return n;
}

} // namespace

std::string host_text(const AddrMatch& a, bool numeric)
{
    std::string host;
    if (!a.v6) {
        if (!numeric)
            if (auto name = names::address_name(a.addr))
                host = *name;
        return (host.empty() ? dotted(a.addr) : host) + mask_suffix(a.mask);
    }
    if (!numeric)
        if (auto name = names::address_name6(a.addr6))
            host = *name;
    if (host.empty())
        host = ntop6(a.addr6);
    // xtables_ip6mask_to_numeric
    int l = cidr6(a.mask6);
    if (l == 128)
        return host;
    return host + "/" + (l < 0 ? ntop6(a.mask6) : std::to_string(l));
}

// xtables_save_string: bare when safe, else double-quoted with \" \\ \' escaped.
std::string save_string(const std::string& v)
{
    constexpr std::string_view safe = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (!v.empty() && v.find_first_not_of(safe) == std::string::npos)
        return " " + v;
    std::string out = " \"";
    for (char ch : v) {
        if (ch == '"' || ch == '\\' || ch == '\'')
            out += '\\';
        out += ch;
    }
    return out + "\"";
}

namespace {

std::string addr_text(const AddrMatch& a, const Format& f)
{
    bool any = a.v6 ? a.mask6 == std::array<uint8_t, 16>{} : a.mask == 0;
    if (any && !f.numeric)
        return "anywhere";
    return host_text(a, f.numeric);
}

// The mask as -S writes it: a prefix length, or dotted when not contiguous.
std::string save_mask(uint32_t mask)
{
    int n = std::countl_one(mask);
    if (n == 32 || (mask << n) == 0)
        return std::to_string(n);
    return dotted(mask);
}

std::string port_text(uint16_t port, const char* proto, bool numeric)
{
    if (!numeric)
        if (auto name = names::service_name(port, proto))
            return *name;
    return std::to_string(port);
}

void print_ports(std::string& out, const char* name, const PortMatch& p, const char* proto, bool numeric)
{
    if (!p.set())
        return;
    const char* inv = p.invert ? "!" : "";
    if (p.lo == p.hi)
        out += fmt::format(" {}:{}{}", name, inv, port_text(p.lo, proto, numeric));
    else
        out += fmt::format(" {}s:{}{}:{}", name, inv, port_text(p.lo, proto, numeric),
                           port_text(p.hi, proto, numeric));
}

// The reject type's name: ipt_reject_with, or ip6t_reject_with for ip6tables
// (`v6`).
const char* reject_name(const net::nft::Data& info, bool v6)
{
    static constexpr const char* names[] = {
        "icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-port-unreachable",
        "icmp-echo-reply",      "icmp-net-prohibited",   "icmp-host-prohibited",   "tcp-reset",
        "icmp-admin-prohibited",
    };
    static constexpr const char* names6[] = {
        "icmp6-no-route", "icmp6-adm-prohibited", "icmp6-not-neighbour", "icmp6-addr-unreachable",
        "icmp6-port-unreachable", "icmp6-echo-reply", "tcp-reset", "icmp6-policy-fail", "icmp6-reject-route",
    };
    uint32_t with = 0;
    if (info.size() >= 4)
        std::memcpy(&with, info.data(), 4);
    if (v6)
        return with < std::size(names6) ? names6[with] : "?";
    return with < std::size(names) ? names[with] : "?";
}

std::string tcp_flag_text(uint8_t flags)
{
    // The first name that covers a remaining bit, until none is left; the
    // decoder admits only the six named bits, so every bit finds a name.
    std::string out;
    for (bool found = true; flags && found;) {
        found = false;
        for (const auto& n : xt::tcp_flags) {
            if (n.flag & flags) {
                if (!out.empty())
                    out += ',';
                out += n.name;
                flags = static_cast<uint8_t>(flags & ~n.flag);
                found = true;
                break;
            }
        }
    }
    return out.empty() ? "NONE" : out;
}

const char* proto_name(uint8_t proto)
{
    switch (proto) {
    case IPPROTO_TCP: return "tcp";
    case IPPROTO_UDP: return "udp";
    default: return nullptr;
    }
}

// The port list of a multiport match: "80,443,8000:8080".
std::string multiport_list(const net::nft::Data& d, const char* proto, bool numeric)
{
    namespace mp = xt::multiport;
    std::string out;
    unsigned count = std::min<unsigned>(d.size() > mp::count ? d[mp::count] : 0, mp::max_ports);
    for (unsigned i = 0; i < count; ++i) {
        if (i)
            out += ',';
        auto port = xt::get<uint16_t>(d, mp::ports + 2 * i);
        out += proto ? port_text(port, proto, numeric) : std::to_string(port);
        if (d[mp::pflags + i] && i + 1 < count) {
            out += ':' + (proto ? port_text(xt::get<uint16_t>(d, mp::ports + 2 * (i + 1)), proto, numeric)
                                : std::to_string(xt::get<uint16_t>(d, mp::ports + 2 * (i + 1))));
            ++i;
        }
    }
    return out;
}

const char* multiport_kind(const net::nft::Data& d)
{
    switch (d.empty() ? 0 : d[0]) {
    case xt::multiport::source: return "sports";
    case xt::multiport::destination: return "dports";
    default: return "ports";
    }
}

// libxt_limit's print_rate: the largest unit that still divides evenly.
std::string rate_text(uint32_t period)
{
    static constexpr struct {
        const char* name;
        uint32_t mult;
    } rates[] = {{"day", limit_scale * 24 * 60 * 60}, {"hour", limit_scale * 60 * 60}, {"min", limit_scale * 60},
                 {"sec", limit_scale}};
    if (period == 0)
        return "inf";
    size_t i = 1;
    for (; i < std::size(rates); ++i)
        if (period > rates[i].mult || rates[i].mult / period < rates[i].mult % period)
            break;
    return fmt::format("{}/{}", rates[i - 1].mult / period, rates[i - 1].name);
}

std::string mark_text(uint32_t value, uint32_t mask)
{
    return mask == ~0u ? fmt::format("0x{:x}", value) : fmt::format("0x{:x}/0x{:x}", value, mask);
}

// libxt_icmp's print, and libip6t_icmp6's (" ipv6-icmp", its names).
void list_icmp(std::string& out, const net::nft::Data& d, bool numeric, bool v6 = false)
{
    uint8_t type = d[0], lo = d[1], hi = d[2];
    bool inv = d[3] & 0x01;
    out += v6 ? " ipv6-icmp" : " icmp";
    std::span<const xt::icmp::Name> names = v6 ? std::span<const xt::icmp::Name>(xt::icmp6::names)
                                                : std::span<const xt::icmp::Name>(xt::icmp::names);
    if (!numeric) {
        for (const auto& n : names) {
            if (n.type == type && n.code_min == lo && n.code_max == hi) {
                out += fmt::format(" {}{}", inv ? "!" : "", n.name);
                return;
            }
        }
    }
    if (inv)
        out += " !";
    out += fmt::format("type {}", type);
    if (lo == hi)
        out += fmt::format(" code {}", lo);
    else if (lo != 0 || hi != 0xFF)
        out += fmt::format(" codes {}-{}", lo, hi);
}

uint32_t nat_flags(const net::nft::Target& t, bool v6)
{
    return xt::get<uint32_t>(t.info, xt::nat_layout(t.name, v6).flags);
}

std::string addr4(const net::nft::Data& d, size_t off)
{
    uint32_t a = 0;
    for (size_t i = 0; i < 4 && off + i < d.size(); ++i)
        a = (a << 8) | d[off + i];
    return dotted(a);
}

std::string addr6(const net::nft::Data& d, size_t off)
{
    std::array<uint8_t, 16> a{};
    if (off + 16 <= d.size())
        std::memcpy(a.data(), d.data() + off, 16);
    return ntop6(a);
}

// DNAT's (nf_nat_range2) or SNAT's (compat range) range:
// "10.0.0.2-10.0.0.9:80-90"; ip6tables' "[fd00::1-fd00::9]:80-90".
std::string nat_range(const net::nft::Target& t, bool v6)
{
    const auto& d = t.info;
    const xt::NatLayout l = xt::nat_layout(t.name, v6);
    auto flags = nat_flags(t, v6);
    bool ports = flags & xt::nat::proto_specified;
    std::string out;
    if (flags & xt::nat::map_ips) {
        size_t n = v6 ? 16 : 4;
        if (v6 && ports)
            out += '[';
        out += v6 ? addr6(d, l.min_ip) : addr4(d, l.min_ip);
        if (std::memcmp(d.data() + l.min_ip, d.data() + l.max_ip, n) != 0)
            out += '-' + (v6 ? addr6(d, l.max_ip) : addr4(d, l.max_ip));
        if (v6 && ports)
            out += ']';
    }
    if (ports) {
        uint16_t lo = xt::get_be16(d, l.min_port);
        uint16_t hi = xt::get_be16(d, l.max_port);
        out += fmt::format(":{}", lo);
        if (hi != lo)
            out += fmt::format("-{}", hi);
        // A shifted portmap: the compat range has no base port (0).
        if (flags & xt::nat::proto_offset)
            out += fmt::format("/{}", l.base ? xt::get_be16(d, xt::nat::base_proto) : 0);
    }
    return out;
}

// MASQUERADE's and REDIRECT's ports (compat range, or nf_nat_range for
// ip6tables): "1000-2000", "80", "1000-2000/0" for a shifted portmap.
std::string compat_ports(const net::nft::Data& d, uint32_t flags, const xt::NatLayout& l)
{
    uint16_t lo = xt::get_be16(d, l.min_port), hi = xt::get_be16(d, l.max_port);
    std::string out = std::to_string(lo);
    if (hi != lo)
        out += fmt::format("-{}", hi);
    if (flags & xt::nat::proto_offset)
        out += "/0";
    return out;
}

std::string log_level_name(uint8_t level)
{
    return level < std::size(xt::log::level_print_names) ? std::string(xt::log::level_print_names[level]) : "";
}

std::string log_prefix(const net::nft::Data& d)
{
    auto begin = d.begin() + static_cast<long>(xt::log::prefix);
    return std::string(begin, std::find(begin, d.end(), uint8_t(0)));
}

std::string addr_types(uint16_t mask)
{
    std::string out;
    for (size_t i = 0; i < std::size(xt::addrtype::types); ++i) {
        if (mask & (1u << i)) {
            if (!out.empty())
                out += ',';
            out += xt::addrtype::types[i];
        }
    }
    return out;
}

// libxt_statistic's text, for -L (prefix "") and -S (prefix "--").
std::string statistic_text(const net::nft::Data& d, const char* prefix)
{
    namespace st = xt::statistic;
    bool inv = xt::get<uint16_t>(d, st::flags) & st::invert;
    if (xt::get<uint16_t>(d, st::mode) == st::random)
        return fmt::format(" {}mode random{} {}probability {:.11f}", prefix, inv ? " !" : "", prefix,
                           1.0 * xt::get<uint32_t>(d, st::probability) / 0x80000000);
    std::string out = fmt::format(" {}mode nth {}{}every {}", prefix, inv ? "! " : "", prefix,
                                  xt::get<uint32_t>(d, st::every) + 1);
    auto packet = xt::get<uint32_t>(d, st::packet);
    if (packet || *prefix)
        out += fmt::format(" {}packet {}", prefix, packet);
    return out;
}

std::string pkttype_name(const net::nft::Data& d)
{
    auto type = xt::get<int32_t>(d, xt::pkttype::type);
    for (const auto& n : xt::pkttype::names)
        if (n.type == type)
            return std::string(n.name);
    return std::to_string(type);
}

std::string mac_text(const net::nft::Data& d)
{
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", d[0], d[1], d[2], d[3], d[4], d[5]);
}

std::string length_text(const net::nft::Data& d)
{
    auto lo = xt::get<uint16_t>(d, xt::length::min), hi = xt::get<uint16_t>(d, xt::length::max);
    return lo == hi ? std::to_string(lo) : fmt::format("{}:{}", lo, hi);
}

// CT's helper name (NUL-terminated within its field).
std::string ct_helper(const net::nft::Data& d)
{
    auto begin = d.begin() + static_cast<long>(xt::ct::helper);
    auto end = begin + static_cast<long>(xt::ct::helper_max);
    return std::string(begin, std::find(begin, end, uint8_t(0)));
}

// The tcpmss match's "[!]MIN[:MAX]".
std::string tcpmss_text(const net::nft::Data& d)
{
    auto lo = xt::get<uint16_t>(d, xt::tcpmss::min), hi = xt::get<uint16_t>(d, xt::tcpmss::max);
    std::string out = d[xt::tcpmss::invert] ? "!" : "";
    out += std::to_string(lo);
    if (hi != lo)
        out += fmt::format(":{}", hi);
    return out;
}

// libxt_owner's items, in its order, for -L (labels, names unless -n) and
// -S (options, numbers).
std::string owner_text(const net::nft::Data& d, bool save, bool numeric)
{
    namespace ow = xt::owner;
    uint8_t match = d[ow::match], inv = d[ow::invert];
    std::string out;
    auto item = [&](uint8_t bit, const char* label, const char* option) {
        if (!(match & bit))
            return;
        if (inv & bit)
            out += " !";
        out += ' ';
        out += save ? option : label;
        if (bit != ow::uid && bit != ow::gid)
            return;
        auto lo = xt::get<uint32_t>(d, bit == ow::uid ? ow::uid_min : ow::gid_min);
        auto hi = xt::get<uint32_t>(d, bit == ow::uid ? ow::uid_max : ow::gid_max);
        if (lo != hi) {
            out += fmt::format(" {}-{}", lo, hi);
            return;
        }
        if (!save && !numeric) {
            auto a = bit == ow::uid ? cli::user_by_id(lo) : cli::group_by_id(lo);
            if (a) {
                out += ' ' + a->name;
                return;
            }
        }
        out += fmt::format(" {}", lo);
    };
    item(ow::socket, "owner socket exists", "--socket-exists");
    item(ow::uid, "owner UID match", "--uid-owner");
    item(ow::gid, "owner GID match", "--gid-owner");
    item(ow::suppl_groups, "incl. suppl. groups", "--suppl-groups");
    return out;
}

bool is_state_alias(const net::nft::Data& d)
{
    return xt::get<uint16_t>(d, xt::conntrack::match_flags) & xt::conntrack::f_state_alias;
}

// -L text of one match other than tcp/udp.
void list_ext(std::string& out, const Rule& r, const Ext& x, const Format& f)
{
    switch (x.kind) {
    case Ext::Kind::Mark:
        out += " mark match";
        if (x.mark.invert)
            out += " !";
        out += ' ' + mark_text(x.mark.value, x.mark.mask);
        return;
    case Ext::Kind::Limit:
        out += fmt::format(" limit: avg {} burst {}", rate_text(x.limit.avg), x.limit.burst);
        return;
    case Ext::Kind::Xt: break;
    }
    const auto& d = x.xt.info;
    if (const ext::Extension* e = ext::find(x.xt.name, false)) {
        e->list(out, d, f.numeric, r.src.v6);
        return;
    }
    if (x.xt.name == "comment") {
        out += " /* " + std::string(d.begin(), std::find(d.begin(), d.end(), uint8_t(0))) + " */";
    } else if (x.xt.name == "conntrack") {
        conntrack::list(out, d, f.numeric, r.src.v6);
    } else if (x.xt.name == "multiport") {
        out += fmt::format(" multiport {} {}{}", multiport_kind(d), d[xt::multiport::invert] ? " !" : "",
                           multiport_list(d, proto_name(r.proto), f.numeric));
    } else if (x.xt.name == "icmp") {
        list_icmp(out, d, f.numeric);
    } else if (x.xt.name == "icmp6") {
        list_icmp(out, d, f.numeric, true);
    } else if (x.xt.name == "statistic") {
        out += " statistic" + statistic_text(d, "");
    } else if (x.xt.name == "pkttype") {
        out += fmt::format(" PKTTYPE {}= {}", xt::get<int32_t>(d, xt::pkttype::invert) ? "!" : "", pkttype_name(d));
    } else if (x.xt.name == "iprange") {
        namespace ir = xt::iprange;
        uint8_t flags = d[ir::flags];
        auto a = [&](size_t off) { return r.src.v6 ? addr6(d, off) : addr4(d, off); };
        if (flags & ir::src)
            out += fmt::format(" source IP range{} {}-{}", flags & ir::src_inv ? " !" : "", a(ir::src_min),
                               a(ir::src_max));
        if (flags & ir::dst)
            out += fmt::format(" destination IP range{} {}-{}", flags & ir::dst_inv ? " !" : "", a(ir::dst_min),
                               a(ir::dst_max));
    } else if (x.xt.name == "mac") {
        out += fmt::format(" MAC{} {}", xt::get<int32_t>(d, xt::mac::invert) ? " !" : "", mac_text(d));
    } else if (x.xt.name == "length") {
        out += fmt::format(" length {}{}", d[xt::length::invert] ? "!" : "", length_text(d));
    } else if (x.xt.name == "owner") {
        out += owner_text(d, false, f.numeric);
    } else if (x.xt.name == "tcpmss") {
        out += " tcpmss match " + tcpmss_text(d);
    } else if (x.xt.name == "connmark") {
        namespace c = xt::connmark;
        out += fmt::format(" connmark match {} {}", d[c::match_invert] ? "!" : "",
                           mark_text(xt::get<uint32_t>(d, c::match_mark), xt::get<uint32_t>(d, c::match_mask)));
    } else if (x.xt.name == "addrtype") {
        namespace a = xt::addrtype;
        auto src = xt::get<uint16_t>(d, a::source), dst = xt::get<uint16_t>(d, a::dest);
        auto flags = xt::get<uint32_t>(d, a::flags);
        out += " ADDRTYPE match";
        if (src)
            out += fmt::format(" src-type {}{}", flags & a::invert_source ? "!" : "", addr_types(src));
        if (dst)
            out += fmt::format(" dst-type {}{}", flags & a::invert_dest ? "!" : "", addr_types(dst));
        if (flags & a::limit_in)
            out += " limit-in";
        if (flags & a::limit_out)
            out += " limit-out";
    }
}

void save_ext(std::string& out, const Ext& x, bool v6)
{
    switch (x.kind) {
    case Ext::Kind::Mark:
        out += x.mark.invert ? " -m mark ! --mark " : " -m mark --mark ";
        out += mark_text(x.mark.value, x.mark.mask);
        return;
    case Ext::Kind::Limit:
        out += " -m limit --limit " + rate_text(x.limit.avg);
        if (x.limit.burst != 5)
            out += fmt::format(" --limit-burst {}", x.limit.burst);
        return;
    case Ext::Kind::Xt: break;
    }
    const auto& d = x.xt.info;
    if (const ext::Extension* e = ext::find(x.xt.name, false)) {
        out += " -m " + x.xt.name;
        e->save(out, d, v6);
        return;
    }
    if (x.xt.name == "comment") {
        out += " -m comment --comment" + save_string(std::string(d.begin(), std::find(d.begin(), d.end(), uint8_t(0))));
    } else if (x.xt.name == "conntrack") {
        out += is_state_alias(d) ? " -m state" : " -m conntrack";
        conntrack::save(out, d, v6);
    } else if (x.xt.name == "multiport") {
        out += " -m multiport";
        if (d[xt::multiport::invert])
            out += " !";
        out += fmt::format(" --{} {}", multiport_kind(d), multiport_list(d, nullptr, true));
    } else if (x.xt.name == "icmp6") {
        // libip6t_icmp6's save: always the number
        out += " -m icmp6";
        if (d[3] & 0x01)
            out += " !";
        out += fmt::format(" --icmpv6-type {}", d[0]);
        if (d[1] != 0 || d[2] != 0xFF)
            out += fmt::format("/{}", d[1]);
    } else if (x.xt.name == "icmp") {
        out += " -m icmp";
        if (d[3] & 0x01)
            out += " !";
        if (d[0] == 0xFF) {
            out += " --icmp-type any";
        } else {
            out += fmt::format(" --icmp-type {}", d[0]);
            if (d[1] != 0 || d[2] != 0xFF)
                out += fmt::format("/{}", d[1]);
        }
    } else if (x.xt.name == "statistic") {
        out += " -m statistic" + statistic_text(d, "--");
    } else if (x.xt.name == "pkttype") {
        out += fmt::format(" -m pkttype{} --pkt-type {}", xt::get<int32_t>(d, xt::pkttype::invert) ? " !" : "",
                           pkttype_name(d));
    } else if (x.xt.name == "iprange") {
        namespace ir = xt::iprange;
        uint8_t flags = d[ir::flags];
        out += " -m iprange";
        auto a = [&](size_t off) { return v6 ? addr6(d, off) : addr4(d, off); };
        if (flags & ir::src)
            out += fmt::format("{} --src-range {}-{}", flags & ir::src_inv ? " !" : "", a(ir::src_min),
                               a(ir::src_max));
        if (flags & ir::dst)
            out += fmt::format("{} --dst-range {}-{}", flags & ir::dst_inv ? " !" : "", a(ir::dst_min),
                               a(ir::dst_max));
    } else if (x.xt.name == "mac") {
        out += fmt::format(" -m mac{} --mac-source {}", xt::get<int32_t>(d, xt::mac::invert) ? " !" : "", mac_text(d));
    } else if (x.xt.name == "length") {
        out += fmt::format(" -m length{} --length {}", d[xt::length::invert] ? " !" : "", length_text(d));
    } else if (x.xt.name == "owner") {
        out += " -m owner" + owner_text(d, true, true);
    } else if (x.xt.name == "tcpmss") {
        std::string v = tcpmss_text(d);
        out += v[0] == '!' ? " -m tcpmss ! --mss " + v.substr(1) : " -m tcpmss --mss " + v;
    } else if (x.xt.name == "connmark") {
        namespace c = xt::connmark;
        out += fmt::format(" -m connmark{} --mark {}", d[c::match_invert] ? " !" : "",
                           mark_text(xt::get<uint32_t>(d, c::match_mark), xt::get<uint32_t>(d, c::match_mask)));
    } else if (x.xt.name == "addrtype") {
        namespace a = xt::addrtype;
        auto src = xt::get<uint16_t>(d, a::source), dst = xt::get<uint16_t>(d, a::dest);
        auto flags = xt::get<uint32_t>(d, a::flags);
        out += " -m addrtype";
        if (src)
            out += fmt::format("{} --src-type {}", flags & a::invert_source ? " !" : "", addr_types(src));
        if (dst)
            out += fmt::format("{} --dst-type {}", flags & a::invert_dest ? " !" : "", addr_types(dst));
        if (flags & a::limit_in)
            out += " --limit-iface-in";
        if (flags & a::limit_out)
            out += " --limit-iface-out";
    }
}

// MARK's and CONNMARK's "set value under mask" as the operation it is.
std::string mark_op_text(const char* name, uint32_t mark, uint32_t mask)
{
    if (mark == 0)
        return fmt::format(" {} and 0x{:x}", name, ~mask);
    if (mark == mask)
        return fmt::format(" {} or 0x{:x}", name, mark);
    if (mask == 0)
        return fmt::format(" {} xor 0x{:x}", name, mark);
    if (mask == ~0u)
        return fmt::format(" {} set 0x{:x}", name, mark);
    return fmt::format(" {} xset 0x{:x}/0x{:x}", name, mark, mask);
}

// -L text of an x_tables target's options.
void list_target(std::string& out, const net::nft::Target& t, const Format& f, bool v6)
{
    const auto& d = t.info;
    if (const ext::Extension* e = ext::find(t.name, true)) {
        e->list(out, d, f.numeric, v6);
        return;
    }
    if (t.name == "REJECT") {
        out += fmt::format(" reject-with {}", reject_name(d, v6));
    } else if (t.name == "MASQUERADE" || t.name == "REDIRECT") {
        const xt::NatLayout l = xt::nat_layout(t.name, v6);
        auto flags = xt::get<uint32_t>(d, l.flags);
        if (flags & xt::nat::proto_specified)
            out += (t.name == "MASQUERADE" ? " masq ports: " : " redir ports ") + compat_ports(d, flags, l);
        if (flags & xt::nat::random)
            out += " random";
        if (t.name == "MASQUERADE" && (flags & xt::nat::random_fully))
            out += " random-fully";
    } else if (t.name == "DNAT" || t.name == "SNAT") {
        auto flags = nat_flags(t, v6);
        out += " to:" + nat_range(t, v6);
        if (flags & xt::nat::random)
            out += " random";
        if (flags & xt::nat::random_fully)
            out += " random-fully";
        if (flags & xt::nat::persistent)
            out += " persistent";
    } else if (t.name == "LOG") {
        uint8_t level = d[xt::log::level], flags = d[xt::log::flags];
        out += " LOG";
        if (f.numeric) {
            out += fmt::format(" flags {} level {}", flags, level);
        } else {
            std::string name = log_level_name(level);
            out += name.empty() ? fmt::format(" UNKNOWN level {}", level) : " level " + name;
            for (const auto& fl : xt::log::flag_names)
                if (flags & fl.bit)
                    out += fmt::format(" {}", fl.word);
            if (flags & ~0x2f)
                out += " unknown-flags";
        }
        std::string prefix = log_prefix(d);
        if (!prefix.empty())
            out += " prefix \"" + prefix + "\"";
    } else if (t.name == "TCPMSS") {
        auto mss = xt::get<uint16_t>(d, xt::tcpmss::mss);
        out += mss == xt::tcpmss::clamp_pmtu ? " TCPMSS clamp to PMTU" : fmt::format(" TCPMSS set {}", mss);
    } else if (t.name == "CT") {
        auto flags = xt::get<uint16_t>(d, xt::ct::flags);
        if (flags & xt::ct::notrack_alias) {
            out += " NOTRACK";
            return;
        }
        out += " CT";
        if (flags & xt::ct::notrack)
            out += " notrack";
        if (std::string h = ct_helper(d); !h.empty())
            out += " helper " + h;
        if (auto zone = xt::get<uint16_t>(d, xt::ct::zone))
            out += fmt::format(" zone {}", zone);
    } else if (t.name == "MARK") {
        out += mark_op_text("MARK", xt::get<uint32_t>(d, xt::mark::value), xt::get<uint32_t>(d, xt::mark::mask));
    } else if (t.name == "CONNMARK") {
        namespace c = xt::connmark;
        auto ctmark = xt::get<uint32_t>(d, c::ctmark), ctmask = xt::get<uint32_t>(d, c::ctmask);
        auto nfmask = xt::get<uint32_t>(d, c::nfmask);
        switch (d[c::mode]) {
        case c::set: out += mark_op_text("CONNMARK", ctmark, ctmask); break;
        case c::save:
        case c::restore: {
            bool save = d[c::mode] == c::save;
            out += save ? " CONNMARK save" : " CONNMARK restore";
            if (nfmask == ~0u && ctmask == ~0u)
                break;
            if (nfmask == ctmask)
                out += fmt::format(" mask 0x{:x}", nfmask);
            else if (save)
                out += fmt::format(" nfmask 0x{:x} ctmask ~0x{:x}", nfmask, ctmask);
            else
                out += fmt::format(" ctmask 0x{:x} nfmask ~0x{:x}", ctmask, nfmask);
            break;
        }
        default: out += " ERROR: UNKNOWN CONNMARK MODE"; break;
        }
    }
}

void save_target(std::string& out, const net::nft::Target& t, bool v6)
{
    const auto& d = t.info;
    if (t.name == "CT" && (xt::get<uint16_t>(d, xt::ct::flags) & xt::ct::notrack_alias)) {
        out += " -j NOTRACK";
        return;
    }
    out += " -j " + t.name;
    if (const ext::Extension* e = ext::find(t.name, true)) {
        e->save(out, d, v6);
        return;
    }
    if (t.name == "CT") {
        if (xt::get<uint16_t>(d, xt::ct::flags) & xt::ct::notrack)
            out += " --notrack";
        if (std::string h = ct_helper(d); !h.empty())
            out += " --helper " + h;
        if (auto zone = xt::get<uint16_t>(d, xt::ct::zone))
            out += fmt::format(" --zone {}", zone);
        return;
    }
    if (t.name == "REJECT") {
        out += fmt::format(" --reject-with {}", reject_name(d, v6));
    } else if (t.name == "MASQUERADE" || t.name == "REDIRECT") {
        const xt::NatLayout l = xt::nat_layout(t.name, v6);
        auto flags = xt::get<uint32_t>(d, l.flags);
        if (flags & xt::nat::proto_specified)
            out += " --to-ports " + compat_ports(d, flags, l);
        if (flags & xt::nat::random)
            out += " --random";
        if (t.name == "MASQUERADE" && (flags & xt::nat::random_fully))
            out += " --random-fully";
    } else if (t.name == "DNAT" || t.name == "SNAT") {
        auto flags = nat_flags(t, v6);
        out += fmt::format(" --to-{} {}", t.name == "DNAT" ? "destination" : "source", nat_range(t, v6));
        if (flags & xt::nat::random)
            out += " --random";
        if (flags & xt::nat::random_fully)
            out += " --random-fully";
        if (flags & xt::nat::persistent)
            out += " --persistent";
    } else if (t.name == "LOG") {
        uint8_t level = d[xt::log::level], flags = d[xt::log::flags];
        std::string prefix = log_prefix(d);
        if (!prefix.empty())
            out += " --log-prefix" + save_string(prefix);
        if (level != xt::log::default_level)
            out += fmt::format(" --log-level {}", level);
        for (const auto& fl : xt::log::flag_names)
            if (flags & fl.bit)
                out += fmt::format(" --{}", fl.option);
    } else if (t.name == "TCPMSS") {
        auto mss = xt::get<uint16_t>(d, xt::tcpmss::mss);
        out += mss == xt::tcpmss::clamp_pmtu ? " --clamp-mss-to-pmtu" : fmt::format(" --set-mss {}", mss);
    } else if (t.name == "MARK") {
        out += fmt::format(" --set-xmark 0x{:x}/0x{:x}", xt::get<uint32_t>(d, xt::mark::value),
                           xt::get<uint32_t>(d, xt::mark::mask));
    } else if (t.name == "CONNMARK") {
        namespace c = xt::connmark;
        auto ctmark = xt::get<uint32_t>(d, c::ctmark), ctmask = xt::get<uint32_t>(d, c::ctmask);
        auto nfmask = xt::get<uint32_t>(d, c::nfmask);
        if (d[c::mode] == c::set)
            out += fmt::format(" --set-xmark 0x{:x}/0x{:x}", ctmark, ctmask);
        else
            out += fmt::format(" --{}-mark --nfmask 0x{:x} --ctmask 0x{:x}", d[c::mode] == c::save ? "save" : "restore",
                               nfmask, ctmask);
    }
}

} // namespace

void list_header(std::string& out, const ChainView& c, const Format& f)
{
    out += "Chain " + c.name;
    if (c.builtin) {
        out += fmt::format(" (policy {}", c.policy_drop ? "DROP" : "ACCEPT");
        if (f.verbose) {
            out += ' ';
            print_num(out, c.packets, f, false);
            out += "packets, ";
            print_num(out, c.bytes, f, false);
            out += "bytes";
        }
        out += ")\n";
    } else {
        out += fmt::format(" ({} references)\n", c.references);
    }
    if (f.line_numbers)
        out += fmt::format("{:<4} ", "num");
    if (f.verbose) {
        if (!f.exact)
            out += fmt::format("{:>5} {:>5} ", "pkts", "bytes");
        else
            out += fmt::format("{:>8} {:>10} ", "pkts", "bytes");
    }
    out += fmt::format("{:<9} ", "target");
    out += " prot opt";
    if (f.verbose)
        out += fmt::format(" {:<6} {:<6} ", "in", "out");
    out += fmt::format(" {:<19} ", "source");
    out += fmt::format(" {:<19} ", "destination");
    out += '\n';
}

namespace {

// The in/out column: "*" (or "any" without -n) for every interface; "-i +"
// matches any interface and lists as such.
std::string iface_text(const IfaceMatch& m, const Format& f)
{
    bool all = m.name.empty() || (m.name == "+" && !m.invert);
    return (m.invert ? "!" : "") + (all ? std::string(f.numeric ? "*" : "any") : m.name);
}

} // namespace

void list_rule(std::string& out, const Rule& r, unsigned num, const Format& f)
{
    if (f.line_numbers)
        left(out, num, 4);
    if (f.verbose) {
        print_num(out, r.packets, f, true);
        print_num(out, r.bytes, f, true);
    }
    left(out, target_name(r), 9);
    out += r.proto_invert ? '!' : ' ';
    // Upstream iptables prints the name ("all", "tcp") under -n too; 1.8.9
    // alone printed the number there, a regression fixed after it.
    if (auto name = names::protocol_name(r.proto, !f.numeric))
        left(out, *name, 4);
    else
        left(out, r.proto, 4);
    out += r.frag_invert ? '!' : '-';
    out += r.frag ? "f " : "- ";
    if (f.verbose) {
        std::string in = iface_text(r.in, f), o = iface_text(r.out, f);
        out += fmt::format(" {} {} ", cli::Left{in, 6}, cli::Left{o, 6});
    }
    out += r.src.invert ? '!' : ' ';
    left(out, addr_text(r.src, f), 19);
    out += r.dst.invert ? '!' : ' ';
    left(out, addr_text(r.dst, f), 19);
    list_tail(out, r, f);
    out += '\n';
}

void echo_rule(std::string& out, const Rule& r)
{
    // iptables' FMT_PRINT_RULE: numeric, no counters, the table layout's
    // columns as "name value" words without padding.
    const Format f{.numeric = true};
    out += target_name(r) + ' ';
    out += r.proto_invert ? '!' : ' ';
    if (auto name = names::protocol_name(r.proto, false))
        out += *name + ' ';
    else
        out += fmt::format("{} ", r.proto);
    out += "opt ";
    out += r.frag_invert ? '!' : '-';
    out += r.frag ? "f " : "- ";
    out += "in " + iface_text(r.in, f) + " out " + iface_text(r.out, f) + ' ';
    out += r.src.invert ? '!' : ' ';
    out += addr_text(r.src, f) + ' ';
    out += r.dst.invert ? '!' : ' ';
    out += "-> " + addr_text(r.dst, f) + "  ";
    list_tail(out, r, f);
    out += '\n';
}

// What follows the address columns in -L and in the -v echo: [goto], the
// matches in command-line order, the target's options.
void list_tail(std::string& out, const Rule& r, const Format& f)
{
    if (r.verdict == Verdict::Goto)
        out += "[goto] ";
    size_t next_ext = 0;
    for (char m : r.match_order) {
        if (m == 'p' && r.l4match) {
            const char* proto = r.l4match == IPPROTO_TCP ? "tcp" : "udp";
            out += ' ';
            out += proto;
            print_ports(out, "spt", r.sport, proto, f.numeric);
            print_ports(out, "dpt", r.dport, proto, f.numeric);
            if (r.tcp_option || r.tcp_option_invert)
                out += fmt::format(" option={}{}", r.tcp_option_invert ? "!" : "", r.tcp_option);
            if (r.flags.set()) {
                out += fmt::format(" flags:{}", r.flags.invert ? "!" : "");
                if (f.numeric)
                    out += fmt::format("0x{:02X}/0x{:02X}", r.flags.mask, r.flags.cmp);
                else
                    out += tcp_flag_text(r.flags.mask) + "/" + tcp_flag_text(r.flags.cmp);
            }
        } else if (m == 'e' && next_ext < r.exts.size()) {
            list_ext(out, r, r.exts[next_ext++], f);
        }
    }
    if (r.verdict == Verdict::Xt)
        list_target(out, r.xt, f, r.src.v6);
}

void save_chain(std::string& out, const ChainView& c, bool counters)
{
    if (!c.builtin) {
        out += "-N " + c.name + "\n";
        return;
    }
    out += fmt::format("-P {} {}", c.name, c.policy_drop ? "DROP" : "ACCEPT");
    if (counters)
        out += fmt::format(" -c {} {}", c.packets, c.bytes);
    out += '\n';
}

void save_rule(std::string& out, const std::string& chain, const Rule& r, bool counters)
{
    out += "-A " + chain;
    auto addr = [&](char letter, const AddrMatch& a) {
        if (a.v6) {
            // nft-ipv6.c's save_ipv6_addr
            int l = cidr6(a.mask6);
            if (!a.invert && l == 0)
                return;
            out += fmt::format("{} -{} {}/{}", a.invert ? " !" : "", letter, ntop6(a.addr6),
                               l < 0 ? ntop6(a.mask6) : std::to_string(l));
            return;
        }
        if (a.mask == 0 && !a.invert && a.addr == 0)
            return;
        out += fmt::format("{} -{} {}/{}", a.invert ? " !" : "", letter, dotted(a.addr), save_mask(a.mask));
    };
    addr('s', r.src);
    addr('d', r.dst);
    auto iface = [&](char letter, const IfaceMatch& m) {
        if (!m.name.empty() && (m.name != "+" || m.invert))
            out += fmt::format("{} -{} {}", m.invert ? " !" : "", letter, m.name);
    };
    iface('i', r.in);
    iface('o', r.out);
    if (r.proto != 0) {
        if (r.proto_invert)
            out += " !";
        if (auto name = names::protocol_name(r.proto, true))
            out += " -p " + *name;
        else
            out += fmt::format(" -p {}", r.proto);
    }
    if (r.frag)
        out += r.frag_invert ? " ! -f" : " -f";
    size_t next_ext = 0;
    for (char m : r.match_order) {
        if (m == 'p' && r.l4match) {
            out += r.l4match == IPPROTO_TCP ? " -m tcp" : " -m udp";
            auto ports = [&](const char* opt, const PortMatch& p) {
                if (p.lo == 0 && p.hi == 0xffff)
                    return;
                if (p.invert)
                    out += " !";
                if (p.lo != p.hi)
                    out += fmt::format(" --{} {}:{}", opt, p.lo, p.hi);
                else
                    out += fmt::format(" --{} {}", opt, p.lo);
            };
            ports("sport", r.sport);
            ports("dport", r.dport);
            if (r.tcp_option || r.tcp_option_invert)
                out += fmt::format("{} --tcp-option {}", r.tcp_option_invert ? " !" : "", r.tcp_option);
            if (r.flags.set())
                out += fmt::format("{} --tcp-flags {} {}", r.flags.invert ? " !" : "", tcp_flag_text(r.flags.mask),
                                   tcp_flag_text(r.flags.cmp));
        } else if (m == 'e' && next_ext < r.exts.size()) {
            save_ext(out, r.exts[next_ext++], r.src.v6);
        }
    }
    if (counters)
        out += fmt::format(" -c {} {}", r.packets, r.bytes);
    switch (r.verdict) {
    case Verdict::None: break;
    case Verdict::Goto: out += " -g " + r.chain; break;
    case Verdict::Xt: save_target(out, r.xt, r.src.v6); break;
    default: out += " -j " + target_name(r); break;
    }
    out += '\n';
}

} // namespace nsbox::iptables
