#include "applets/iptables/list.hpp"

#include <bit>
#include <cstring>
#include <netinet/in.h>

#include <fmt/format.h>

#include "applets/common/left.hpp"
#include "applets/iptables/names.hpp"

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
    return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

// xtables_ipmask_to_numeric: "" for /32, "/N" for a prefix, else "/A.B.C.D".
std::string mask_suffix(uint32_t mask)
{
    if (mask == ~0u)
        return "";
    int n = std::countl_one(mask);
    if (n == 32 || (mask << n) == 0)
        return fmt::format("/{}", n);
    return fmt::format("/{}", dotted(mask));
}

std::string addr_text(const AddrMatch& a, const Format& f)
{
    if (a.mask == 0 && !f.numeric)
        return "anywhere";
    std::string host;
    if (!f.numeric)
        if (auto name = names::address_name(a.addr))
            host = *name;
    if (host.empty())
        host = dotted(a.addr);
    return host + mask_suffix(a.mask);
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

const char* reject_name(const net::nft::Data& info)
{
    static constexpr const char* names[] = {
        "icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-port-unreachable",
        "icmp-echo-reply",      "icmp-net-prohibited",   "icmp-host-prohibited",   "tcp-reset",
        "icmp-admin-prohibited",
    };
    uint32_t with = 0;
    if (info.size() >= 4)
        std::memcpy(&with, info.data(), 4);
    return with < std::size(names) ? names[with] : "?";
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

uint16_t masq_flags(const net::nft::Data& info, uint16_t& lo, uint16_t& hi)
{
    // nf_nat_ipv4_multi_range_compat: rangesize, then flags, min_ip, max_ip,
    // min port, max port of the first range.
    uint32_t flags = 0;
    if (info.size() >= 20) {
        std::memcpy(&flags, info.data() + 4, 4);
        lo = static_cast<uint16_t>((info[16] << 8) | info[17]);
        hi = static_cast<uint16_t>((info[18] << 8) | info[19]);
    }
    return static_cast<uint16_t>(flags);
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

void list_rule(std::string& out, const Rule& r, unsigned num, const Format& f)
{
    if (f.line_numbers)
        out += fmt::format("{:<4} ", num);
    if (f.verbose) {
        print_num(out, r.packets, f, true);
        print_num(out, r.bytes, f, true);
    }
    out += fmt::format("{} ", cli::Left{target_name(r), 9});
    out += r.proto_invert ? '!' : ' ';
    // Upstream iptables prints the name ("all", "tcp") under -n too; 1.8.9
    // alone printed the number there, a regression fixed after it.
    if (auto name = names::protocol_name(r.proto, !f.numeric))
        out += fmt::format("{:<4} ", *name);
    else
        out += fmt::format("{:<4} ", r.proto);
    out += "-- ";
    if (f.verbose) {
        const char* any = f.numeric ? "*" : "any";
        std::string in = (r.in.invert ? "!" : "") + (r.in.name.empty() ? std::string(any) : r.in.name);
        std::string o = (r.out.invert ? "!" : "") + (r.out.name.empty() ? std::string(any) : r.out.name);
        out += fmt::format(" {} {} ", cli::Left{in, 6}, cli::Left{o, 6});
    }
    out += r.src.invert ? '!' : ' ';
    out += fmt::format("{:<19} ", addr_text(r.src, f));
    out += r.dst.invert ? '!' : ' ';
    out += fmt::format("{:<19} ", addr_text(r.dst, f));
    if (r.verdict == Verdict::Goto)
        out += "[goto] ";
    for (char m : r.match_order) {
        if (m == 'p' && r.l4match) {
            const char* proto = r.l4match == IPPROTO_TCP ? "tcp" : "udp";
            out += ' ';
            out += proto;
            print_ports(out, "spt", r.sport, proto, f.numeric);
            print_ports(out, "dpt", r.dport, proto, f.numeric);
        } else if (m == 'c' && r.comment) {
            out += " /* " + *r.comment + " */";
        }
    }
    if (r.verdict == Verdict::Xt) {
        if (r.xt.name == "REJECT") {
            out += fmt::format(" reject-with {}", reject_name(r.xt.info));
        } else if (r.xt.name == "MASQUERADE") {
            uint16_t lo = 0, hi = 0;
            uint16_t flags = masq_flags(r.xt.info, lo, hi);
            if (flags & 0x02) { // NF_NAT_RANGE_PROTO_SPECIFIED
                out += fmt::format(" masq ports: {}", lo);
                if (hi != lo)
                    out += fmt::format("-{}", hi);
            }
            if (flags & 0x04) // NF_NAT_RANGE_PROTO_RANDOM
                out += " random";
        }
    }
    out += '\n';
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
        } else if (m == 'c' && r.comment) {
            out += " -m comment --comment" + save_string(*r.comment);
        }
    }
    if (counters)
        out += fmt::format(" -c {} {}", r.packets, r.bytes);
    switch (r.verdict) {
    case Verdict::None: break;
    case Verdict::Goto: out += " -g " + r.chain; break;
    case Verdict::Xt:
        out += " -j " + r.xt.name;
        if (r.xt.name == "REJECT") {
            out += fmt::format(" --reject-with {}", reject_name(r.xt.info));
        } else if (r.xt.name == "MASQUERADE") {
            uint16_t lo = 0, hi = 0;
            uint16_t flags = masq_flags(r.xt.info, lo, hi);
            if (flags & 0x02) {
                out += fmt::format(" --to-ports {}", lo);
                if (hi != lo)
                    out += fmt::format("-{}", hi);
            }
            if (flags & 0x04)
                out += " --random";
        }
        break;
    default: out += " -j " + target_name(r); break;
    }
    out += '\n';
}

} // namespace nsbox::iptables
