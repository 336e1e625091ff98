#include "applets/ping/reply.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "libnet/packet/icmp.hpp"

namespace nsbox::ping {
namespace {

namespace pk = net::packet;

// iputils' texts for ICMP messages (pr_icmph), by code.
constexpr std::string_view unreach_text[] = {
    "Destination Net Unreachable",
    "Destination Host Unreachable",
    "Destination Protocol Unreachable",
    "Destination Port Unreachable",
    "", // 4: fragmentation needed, printed with the MTU
    "Source Route Failed",
    "Destination Net Unknown",
    "Destination Host Unknown",
    "Source Host Isolated",
    "Destination Net Prohibited",
    "Destination Host Prohibited",
    "Destination Net Unreachable for Type of Service",
    "Destination Host Unreachable for Type of Service",
    "Packet filtered",
    "Precedence Violation",
    "Precedence Cutoff",
};
constexpr std::string_view redirect_text[] = {
    "Redirect Network",
    "Redirect Host",
    "Redirect Type of Service and Network",
    "Redirect Type of Service and Host",
};
constexpr std::string_view time_exceeded_text[] = {
    "Time to live exceeded",
    "Frag reassembly time exceeded",
};

// ICMPv6 destination unreachable (iputils' print_icmp), by code.
constexpr std::string_view unreach6_text[] = {
    "No route",
    "Administratively prohibited",
    "Beyond scope of source address",
    "Address unreachable",
    "Port unreachable",
    "Source address failed ingress/egress policy",
    "Reject route to destination",
};

// A byte of the option area, zero past what was received.
uint8_t at(std::span<const uint8_t> b, long i)
{
    return i >= 0 && size_t(i) < b.size() ? b[size_t(i)] : 0;
}

in_addr addr_at(std::span<const uint8_t> b, long i)
{
    uint8_t v[4] = {at(b, i), at(b, i + 1), at(b, i + 2), at(b, i + 3)};
    in_addr a{};
    std::memcpy(&a.s_addr, v, 4);
    return a;
}

std::string addr_text(std::span<const uint8_t> b, long i, const AddressNamer& name)
{
    in_addr a = addr_at(b, i);
    return a.s_addr == 0 ? std::string("\t0.0.0.0") : "\t" + name(a);
}

} // namespace

std::string ip_options_text(std::span<const uint8_t> b, int totlen, RouteMemory& memory, bool flood,
                            const AddressNamer& name)
{
    std::string out;
    long p = 0; // the option being read
    while (totlen > 0) {
        uint8_t type = at(b, p);
        if (type == ipopt::eol)
            break;
        if (type == ipopt::nop) {
            --totlen;
            ++p;
            out += "\nNOP";
            continue;
        }
        int olen = at(b, p + 1);
        if (olen < 2 || olen > totlen)
            break;
        switch (type) {
        case ipopt::ssrr:
        case ipopt::lsrr: {
            out += fmt::format("\n{}SRR: ", type == ipopt::ssrr ? 'S' : 'L');
            int j = at(b, p + 1);
            long c = p + 2;
            if (j > ipopt::minoff) {
                for (;;) {
                    out += addr_text(b, c, name);
                    c += 4;
                    j -= 4;
                    out += '\n';
                    if (j <= ipopt::minoff)
                        break;
                }
            }
            break;
        }
        case ipopt::rr: {
            int j = at(b, p + 1); // length
            int i = at(b, p + 2); // pointer
            i = std::min(i, j) - ipopt::minoff;
            if (i <= 0)
                break;
            // iputils compares from the pointer byte on, `i` bytes.
            std::vector<uint8_t> route;
            for (int k = 0; k < i; ++k)
                route.push_back(at(b, p + 2 + k));
            if (route == memory.last && !flood) {
                out += "\t(same route)";
                break;
            }
            memory.last = std::move(route);
            out += "\nRR: ";
            long c = p + 3;
            for (;;) {
                out += addr_text(b, c, name);
                c += 4;
                i -= 4;
                out += '\n';
                if (i <= 0)
                    break;
            }
            break;
        }
        case ipopt::ts: {
            long stdtime = 0, nonstdtime = 0;
            int j = at(b, p + 1);
            int i = at(b, p + 2);
            i = std::min(i, j) - 5;
            if (i <= 0)
                break;
            uint8_t flags = at(b, p + 3);
            out += "\nTS: ";
            long c = p + 4;
            for (;;) {
                if ((flags & 0xf) != ipopt::ts_tsonly) {
                    out += addr_text(b, c, name);
                    c += 4;
                    i -= 4;
                    if (i <= 0)
                        break;
                }
                long l = (long(at(b, c)) << 24) | (long(at(b, c + 1)) << 16) | (long(at(b, c + 2)) << 8) |
                         long(at(b, c + 3));
                c += 4;
                if (l & 0x80000000L) {
                    if (nonstdtime == 0)
                        out += fmt::format("\t{} absolute not-standard", l & 0x7fffffff);
                    else
                        out += fmt::format("\t{} not-standard", (l & 0x7fffffff) - nonstdtime);
                    nonstdtime = l & 0x7fffffff;
                } else {
                    if (stdtime == 0)
                        out += fmt::format("\t{} absolute", l);
                    else
                        out += fmt::format("\t{}", l - stdtime);
                    stdtime = l;
                }
                i -= 4;
                out += '\n';
                if (i <= 0)
                    break;
            }
            if (flags >> 4)
                out += fmt::format("Unrecorded hops: {}\n", flags >> 4);
            break;
        }
        default:
            out += fmt::format("\nunknown option {:x}", type);
            break;
        }
        totlen -= olen;
        p += olen;
    }
    return out;
}

std::vector<uint8_t> record_route_option()
{
    // NOP, then RR with room for nine addresses: 3 + 4 * 9 + 1 bytes in all.
    std::vector<uint8_t> r(40, 0);
    r[0] = ipopt::nop;
    r[1] = ipopt::rr;
    r[2] = uint8_t(r.size() - 1);
    r[3] = ipopt::minoff;
    return r;
}

std::vector<uint8_t> timestamp_option(uint8_t ts_type, std::span<const in_addr> hosts)
{
    std::vector<uint8_t> r(40, 0);
    r[0] = ipopt::ts;
    r[1] = ts_type == ipopt::ts_tsonly ? 40 : 36;
    r[2] = 5;
    r[3] = ts_type;
    if (ts_type == ipopt::ts_prespec) {
        r[1] = uint8_t(4 + hosts.size() * 8);
        for (size_t i = 0; i < hosts.size(); ++i)
            std::memcpy(&r[4 + i * 8], &hosts[i].s_addr, 4);
    }
    r.resize(r[1]);
    return r;
}

std::string icmp_text(uint8_t type, uint8_t code, uint32_t info, std::string_view gateway)
{
    using namespace pk::icmp_type;
    switch (type) {
    case echo_reply: return "Echo Reply\n";
    case dest_unreach:
        if (code == 4)
            return fmt::format("Frag needed and DF set (mtu = {})\n", info);
        if (code < std::size(unreach_text))
            return std::string(unreach_text[code]) + "\n";
        return fmt::format("Dest Unreachable, Bad Code: {}\n", code);
    case source_quench: return "Source Quench\n";
    case redirect:
        return (code < std::size(redirect_text) ? std::string(redirect_text[code])
                                                : fmt::format("Redirect, Bad Code: {}", code)) +
               fmt::format("(New nexthop: {})\n", gateway);
    case echo_request: return "Echo Request\n";
    case time_exceeded:
        if (code < std::size(time_exceeded_text))
            return std::string(time_exceeded_text[code]) + "\n";
        return fmt::format("Time exceeded, Bad Code: {}\n", code);
    case param_problem: return fmt::format("Parameter problem: pointer = {}\n", info);
    case timestamp: return "Timestamp\n";
    case timestamp_reply: return "Timestamp Reply\n";
    case info_request: return "Information Request\n";
    case info_reply: return "Information Reply\n";
    case mask_request: return "Address Mask Request\n";
    case mask_reply: return "Address Mask Reply\n";
    default: return fmt::format("Bad ICMP type: {}\n", type);
    }
}

std::string icmp6_text(uint8_t type, uint8_t code, uint32_t info)
{
    using namespace pk::icmp6_type;
    switch (type) {
    case dest_unreach:
        if (code < std::size(unreach6_text))
            return "Destination unreachable: " + std::string(unreach6_text[code]);
        return fmt::format("Destination unreachable: Unknown code {}", code);
    case packet_too_big:
        return fmt::format("Packet too big: mtu={}", info) + (code ? fmt::format(", code={}", code) : "");
    case time_exceeded:
        if (code == 0)
            return "Time exceeded: Hop limit";
        if (code == 1)
            return "Time exceeded: Defragmentation failure";
        return fmt::format("Time exceeded: code {}", code);
    case param_problem: {
        std::string what = code == 0   ? "Wrong header field "
                           : code == 1 ? "Unknown header "
                           : code == 2 ? "Unknown option "
                                       : fmt::format("code {} ", code);
        return "Parameter problem: " + what + fmt::format("at {}", info);
    }
    case echo_request: return "Echo request";
    case echo_reply: return "Echo reply";
    case mld_query: return "MLD Query";
    case mld_report: return "MLD Report";
    case mld_reduction: return "MLD Reduction";
    default: return fmt::format("unknown icmp type: {}", type);
    }
}

} // namespace nsbox::ping
