#include "applets/ping/reply.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace nsbox::ping {
namespace {

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

} // namespace nsbox::ping
