// RIP v1/v2 (RFC 1058, 2453, 4822) on UDP port 520 and RIPng (RFC 2080) on
// 521, as tcpdump 4.99.3 prints them. RIP: the version, command and length;
// from -v on one line per route entry (v2 also authentication entries), and
// from -vv on a hex dump of the whole message. RIPng: the command with its
// entries, one per line from -vv on.

#include <algorithm>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok rip_cmd_names[] = {
    {1, "Request"}, {2, "Response"}, {3, "Trace on"}, {4, "Trace off"}, {5, "Poll"}, {6, "Poll Entry"},
};

// tcpdump's bsd_af_values (BSD address family numbers).
constexpr Tok bsd_af_names[] = {
    {2, "IPv4"}, {6, "NS"}, {7, "ISO"}, {16, "Appletalk"}, {23, "IPX"}, {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"},
};

constexpr uint16_t af_inet = 2;
constexpr unsigned route_len = 20, auth_len = 16, header_len = 4;

// The prefix length of a contiguous netmask, -1 for any other.
int mask2plen(uint32_t mask)
{
    for (int bits = 32; bits >= 0; --bits) {
        uint32_t m = bits == 0 ? 0 : ~uint32_t(0) << (32 - bits);
        if (m == mask)
            return bits;
    }
    return -1;
}

// One RIPv1 entry at `off`: its size, or 0 when it is cut short.
unsigned entry_v1(Ctx& c, Reader& r, size_t off, unsigned remaining)
{
    if (remaining < route_len || !r.has(off + route_len))
        return 0;
    uint16_t family = r.peek_be16(off);
    if (family != af_inet && family != 0) {
        c.print("\n\t AFI {}, ",
                tok_or(bsd_af_names, family, [](uint32_t v) { return fmt::format("Unknown ({})", v); }));
        print_unknown_data(c, r.rest(), off + header_len, "\n\t  ", route_len - header_len);
        return route_len;
    }
    if (r.peek_be16(off + 2) || r.peek_be16(off + 8) || r.peek_be16(off + 10) || r.peek_be16(off + 12) ||
        r.peek_be16(off + 14)) {
        print_unknown_data(c, r.rest(), off, "\n\t  ", route_len);
        return route_len;
    }
    uint32_t metric = r.peek_be32(off + 16);
    c.print("\n\t  {}{}, metric: {}", family == 0 ? "AFI 0, " : "", ipaddr_string(c, peek_addr4(r, off + 4)),
            metric);
    return route_len;
}


// One RIPv2 entry at `off`: its size, or 0 when it is cut short.
unsigned entry_v2(Ctx& c, Reader& r, size_t off, unsigned remaining)
{
    if (remaining < header_len || !r.has(off + header_len))
        return 0;
    uint16_t family = r.peek_be16(off);
    if (family == 0xffff) {
        uint16_t auth_type = r.peek_be16(off + 2);
        off += header_len;
        remaining -= header_len;
        if (auth_type == 2) {
            c.put("\n\t  Simple Text Authentication data: ");
            for (unsigned i = 0; i < auth_len; ++i) {
                uint8_t ch = r.peek_u8(off + i);
                if (ch == 0)
                    break;
                print_char(c, ch);
            }
        } else if (auth_type == 3) {
            if (!r.has(off + 16) || remaining < 16)
                return 0;
            c.print("\n\t  Auth header: Packet Len {}, Key-ID {}, Auth Data Len {}, SeqNo {}, MBZ {}, MBZ {}",
                    r.peek_be16(off), r.peek_u8(off + 2), r.peek_u8(off + 3), r.peek_be32(off + 4),
                    r.peek_be32(off + 8), r.peek_be32(off + 12));
        } else if (auth_type == 1) {
            c.put("\n\t  Auth trailer:");
            print_unknown_data(c, r.rest(), off, "\n\t  ", remaining);
            return header_len + remaining;
        } else {
            c.print("\n\t  Unknown ({}) Authentication data:", auth_type);
            print_unknown_data(c, r.rest(), off, "\n\t  ", remaining);
            return header_len + remaining;
        }
    } else if (family != af_inet && family != 0) {
        c.print("\n\t  AFI {}",
                tok_or(bsd_af_names, family, [](uint32_t v) { return fmt::format("Unknown ({})", v); }));
        print_unknown_data(c, r.rest(), off + header_len, "\n\t  ", route_len - header_len);
    } else {
        if (!r.has(off + route_len) || remaining < route_len)
            return 0;
        c.print("\n\t  AFI {}, {:>15}/{:<2}, tag 0x{:04x}, metric: {}, next-hop: ",
                tok_or(bsd_af_names, family, [](uint32_t v) { return fmt::format("{}", v); }),
                ipaddr_string(c, peek_addr4(r, off + 4)), mask2plen(r.peek_be32(off + 8)), r.peek_be16(off + 2),
                r.peek_be32(off + 16));
        if (r.peek_be32(off + 12))
            c.put(ipaddr_string(c, peek_addr4(r, off + 12)));
        else
            c.put("self");
    }
    return route_len;
}

} // namespace

void rip_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "rip";
    Reader r(p);
    uint32_t len = std::min<uint32_t>(uint32_t(p.size()), length);
    if (len < header_len) {
        c.print_trunc();
        return;
    }
    len -= header_len;
    uint8_t vers = r.peek_u8(1);
    c.print("{}RIPv{}", c.opt.vflag >= 1 ? "\n\t" : "", vers);
    if (vers == 0) {
        // RFC 1058 ignores version 0: tcpdump dumps it whole.
        print_unknown_data(c, p, 0, "\n\t", length);
        return;
    }
    uint8_t cmd = r.peek_u8(0);
    c.print(", {}, length: {}",
            tok_or(rip_cmd_names, cmd, [](uint32_t v) { return fmt::format("unknown command ({})", v); }), length);
    if (c.opt.vflag < 1)
        return;
    switch (cmd) {
    case 1:
    case 2:
        if (vers == 1 || vers == 2) {
            c.print(", routes: {}{}", length / route_len, vers == 2 ? " or less" : "");
            size_t off = header_len;
            while (len != 0) {
                unsigned n = vers == 1 ? entry_v1(c, r, off, len) : entry_v2(c, r, off, len);
                if (n == 0) {
                    c.print_trunc();
                    break;
                }
                if (len < n) {
                    c.print(" [remaining entries length {} < {}]", len, n);
                    c.print_invalid();
                    break;
                }
                off += n;
                len -= n;
            }
        } else {
            c.put(", unknown version");
        }
        break;
    case 4: // 4.99.3 dumps "Trace on" (3) as it does unknown commands
    case 5:
    case 6:
        break;
    default:
        if (c.opt.vflag <= 1)
            print_unknown_data(c, p, 0, "\n\t", length);
        break;
    }
    if (c.opt.vflag > 1)
        print_unknown_data(c, p, 0, "\n\t", length);
}

void ripng_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ripng";
    Reader r(p);
    constexpr unsigned hdr = 4, entry = 20;
    uint8_t vers = r.peek_u8(1);
    if (vers != 1) {
        c.print(" [vers {}]", vers);
        c.print_invalid();
        return;
    }
    uint8_t cmd = r.peek_u8(0);
    if (cmd != 1 && cmd != 2) {
        c.print(" ripng-{} ?? {}", cmd, length);
        c.print_invalid();
        return;
    }
    if (length < hdr) {
        c.print_invalid();
        return;
    }
    unsigned left = length - hdr;
    unsigned j = left / entry;
    if (cmd == 1 && j == 1 && r.peek_u8(hdr + 19) == 16) {
        auto dst = peek_addr6(r, hdr);
        if (std::all_of(dst.begin(), dst.end(), [](uint8_t b) { return b == 0; })) {
            c.put(" ripng-req dump");
            return;
        }
    }
    const char* what = cmd == 1 ? "req" : "resp";
    if (j * entry != left)
        c.print(" ripng-{} {}[{}]:", what, j, length);
    else
        c.print(" ripng-{} {}:", what, j);
    for (size_t off = hdr; left >= entry; left -= entry, off += entry) {
        c.put(c.opt.vflag > 1 ? "\n\t" : " ");
        c.print("{}/{}", ip6addr_string(c, peek_addr6(r, off)), r.peek_u8(off + 18));
        uint16_t tag = r.peek_be16(off + 16);
        if (tag)
            c.print(" [{}]", tag);
        uint8_t metric = r.peek_u8(off + 19);
        if (metric && cmd == 2)
            c.print(" ({})", metric);
    }
    if (left != 0)
        c.print_invalid();
}

} // namespace nsbox::tcpdump
