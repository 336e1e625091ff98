// IPv6 (RFC 8200): the header, the -v line, and the extension headers
// tcpdump walks itself (hop-by-hop and destination options, routing,
// fragment) before the upper-layer protocol.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t ip6_hdrlen = 40;

namespace nh_ {
constexpr uint8_t hopopts = 0;
constexpr uint8_t tcp = 6;
constexpr uint8_t udp = 17;
constexpr uint8_t dccp = 33;
constexpr uint8_t routing = 43;
constexpr uint8_t fragment = 44;
constexpr uint8_t dstopts = 60;
constexpr uint8_t sctp = 132;
} // namespace nh_

namespace opt6 {
constexpr uint8_t pad1 = 0x00;
constexpr uint8_t padn = 0x01;
constexpr uint8_t router_alert = 0x05;
constexpr uint8_t jumbo = 0xc2;
constexpr uint8_t home_address = 0xc9;
constexpr int minlen = 2;
constexpr int rtalert_len = 4;
constexpr int jumbo_len = 6;
constexpr int homeaddr_minlen = 18;
} // namespace opt6

uint8_t u8(Bytes b, size_t i)
{
    if (b.size() <= i)
        throw Truncated();
    return uint8_t(b[i]);
}

uint16_t be16(Bytes b, size_t i) { return uint16_t(u8(b, i) << 8 | u8(b, i + 1)); }

uint32_t be32(Bytes b, size_t i) { return uint32_t(be16(b, i)) << 16 | be16(b, i + 2); }

std::string addr6_at(Ctx& c, Bytes b, size_t i) { return ip6addr_string(c, peek_addr6(Reader(b), i)); }

// The sub-options of a home address option. False when cut short.
bool sopt_print(Ctx& c, Bytes bp, size_t off, int len)
{
    int optlen = 0;
    for (int i = 0; i < len; i += optlen) {
        if (u8(bp, off + i) == opt6::pad1) {
            optlen = 1;
        } else {
            if (i + 1 >= len)
                return false;
            optlen = u8(bp, off + i + 1) + 2;
        }
        if (i + optlen > len)
            return false;
        switch (u8(bp, off + i)) {
        case opt6::pad1:
            c.put(", pad1");
            break;
        case opt6::padn:
            if (len - i < opt6::minlen) {
                c.put(", padn: trunc");
                return false;
            }
            c.put(", padn");
            break;
        default:
            if (len - i < opt6::minlen) {
                c.print(", sopt_type {}: trunc)", u8(bp, off + i));
                return false;
            }
            c.print(", sopt_type {:#04x}: len={}", u8(bp, off + i), u8(bp, off + i + 1));
            break;
        }
    }
    return true;
}

// Hop-by-hop and destination options. `payload_len` is null for
// destination options (where a jumbo payload is not valid). False when an
// option is cut short or malformed.
bool opt_process(Ctx& c, Bytes bp, size_t off, int len, bool* found_jumbop, uint32_t* payload_len)
{
    int optlen = 0;
    bool found_jumbo = false;
    if (len == 0)
        return true;
    for (int i = 0; i < len; i += optlen) {
        size_t o = off + size_t(i);
        if (u8(bp, o) == opt6::pad1) {
            optlen = 1;
        } else {
            if (i + 1 >= len)
                return false;
            optlen = u8(bp, o + 1) + 2;
        }
        if (i + optlen > len)
            return false;
        switch (u8(bp, o)) {
        case opt6::pad1:
            if (c.opt.vflag)
                c.put("(pad1)");
            break;
        case opt6::padn:
            if (len - i < opt6::minlen) {
                c.put("(padn: trunc)");
                return false;
            }
            if (c.opt.vflag)
                c.put("(padn)");
            break;
        case opt6::router_alert:
            if (len - i < opt6::rtalert_len) {
                c.put("(rtalert: trunc)");
                return false;
            }
            if (u8(bp, o + 1) != opt6::rtalert_len - 2) {
                c.print("(rtalert: invalid len {})", u8(bp, o + 1));
                return false;
            }
            if (c.opt.vflag)
                c.print("(rtalert: {:#06x}) ", be16(bp, o + 2));
            break;
        case opt6::jumbo: {
            if (len - i < opt6::jumbo_len) {
                c.put("(jumbo: trunc)");
                return false;
            }
            if (u8(bp, o + 1) != opt6::jumbo_len - 2) {
                c.print("(jumbo: invalid len {})", u8(bp, o + 1));
                return false;
            }
            uint32_t jumbolen = be32(bp, o + 2);
            if (found_jumbo) {
                if (c.opt.vflag)
                    c.print("(jumbo: {} - already seen) ", jumbolen);
            } else {
                found_jumbo = true;
                if (!payload_len) {
                    if (c.opt.vflag)
                        c.print("(jumbo: {} - not a hop-by-hop option) ", jumbolen);
                } else if (*payload_len != 0) {
                    if (c.opt.vflag)
                        c.print("(jumbo: {} - payload len != 0) ", jumbolen);
                } else if (jumbolen < 65536) {
                    if (c.opt.vflag)
                        c.print("(jumbo: {} - < 65536) ", jumbolen);
                } else {
                    *found_jumbop = true;
                    *payload_len = jumbolen;
                    if (c.opt.vflag)
                        c.print("(jumbo: {}) ", jumbolen);
                }
            }
            break;
        }
        case opt6::home_address:
            if (len - i < opt6::homeaddr_minlen) {
                c.put("(homeaddr: trunc)");
                return false;
            }
            if (u8(bp, o + 1) < opt6::homeaddr_minlen - 2) {
                c.print("(homeaddr: invalid len {})", u8(bp, o + 1));
                return false;
            }
            if (c.opt.vflag) {
                c.print("(homeaddr: {}", addr6_at(c, bp, o + 2));
                if (u8(bp, o + 1) > opt6::homeaddr_minlen - 2) {
                    if (!sopt_print(c, bp, o + opt6::homeaddr_minlen, optlen - opt6::homeaddr_minlen))
                        return false;
                }
                c.put(')');
            }
            break;
        default:
            if (len - i < opt6::minlen) {
                c.print("(type {}: trunc)", u8(bp, o));
                return false;
            }
            if (c.opt.vflag)
                c.print("(opt_type {:#04x}: len={})", u8(bp, o), u8(bp, o + 1));
            break;
        }
    }
    if (c.opt.vflag)
        c.put(' ');
    return true;
}

// hbhopt_process(), dstopt_process(): the header's length, or -1 when the
// packet ends here.
int hbhopt_process(Ctx& c, Bytes bp, size_t cp, bool* found_jumbo, uint32_t* payload_len)
{
    c.proto = "hbhopt";
    uint32_t hbhlen = uint32_t(u8(bp, cp + 1) + 1) << 3;
    if (bp.size() < cp + hbhlen) {
        c.print_trunc();
        return -1;
    }
    c.put("HBH ");
    if (!opt_process(c, bp, cp + 2, int(hbhlen) - 2, found_jumbo, payload_len)) {
        c.print_trunc();
        return -1;
    }
    return int(hbhlen);
}

int dstopt_process(Ctx& c, Bytes bp, size_t cp)
{
    c.proto = "dstopt";
    uint32_t len = uint32_t(u8(bp, cp + 1) + 1) << 3;
    if (bp.size() < cp + len) {
        c.print_trunc();
        return -1;
    }
    c.put("DSTOPT ");
    if (c.opt.vflag && !opt_process(c, bp, cp + 2, int(len) - 2, nullptr, nullptr)) {
        c.print_trunc();
        return -1;
    }
    return int(len);
}

int frag6_print(Ctx& c, Bytes bp, size_t cp)
{
    c.proto = "frag6";
    uint16_t offlg = be16(bp, cp + 2);
    uint64_t rest = uint64_t(ip6_hdrlen) + be16(bp, 4) - cp - 8; // size_t arithmetic, as in C
    if (c.opt.vflag)
        c.print("frag ({:#010x}:{}|{})", be32(bp, cp + 4), offlg & 0xfff8, rest);
    else
        c.print("frag ({}|{})", offlg & 0xfff8, rest);
    if ((offlg & 0xfff8) != 0)
        return -1;
    c.put(' ');
    return 8;
}

int rt6_print(Ctx& c, Bytes bp, size_t cp)
{
    c.proto = "rt6";
    c.put("RT6");
    uint32_t len = u8(bp, cp + 1);
    c.print(" (len={}", len);
    uint8_t type = u8(bp, cp + 2);
    c.print(", type={}", type);
    if (type == 0)
        c.put(" [Deprecated]");
    c.print(", segleft={}", u8(bp, cp + 3));
    switch (type) {
    case 0:
    case 2: {
        uint32_t rsv = be32(bp, cp + 4);
        if (rsv || c.opt.vflag)
            c.print(", rsv={:#x}", rsv);
        if (len % 2 == 1) {
            c.print(" (invalid length {})", len);
            c.print_invalid();
            return -1;
        }
        for (uint32_t i = 0; i < len / 2; ++i)
            c.print(", [{}]{}", i, addr6_at(c, bp, cp + 8 + 16 * i));
        c.put(") ");
        return int((len + 1) << 3);
    }
    case 4: {
        c.print(", last-entry={}", u8(bp, cp + 4));
        uint8_t flags = u8(bp, cp + 5);
        if (flags || c.opt.vflag)
            c.print(", flags={:#x}", flags);
        c.print(", tag={:x}", be16(bp, cp + 6));
        if (len % 2 == 1) {
            c.print(" (invalid length {})", len);
            c.print_invalid();
            return -1;
        }
        for (uint32_t i = 0; i < len / 2; ++i)
            c.print(", [{}]{}", i, addr6_at(c, bp, cp + 8 + 16 * i));
        c.put(") ");
        return int((len + 1) << 3);
    }
    default:
        c.put(" (unknown type)");
        c.print_invalid();
        return -1;
    }
}

} // namespace

void ip6_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ip6";
    Reader r(p);
    if (!r.has(ip6_hdrlen)) {
        c.print_trunc();
        return;
    }
    if (length < ip6_hdrlen) {
        c.print("truncated-ip6 {}", length);
        return;
    }
    if (!c.opt.eflag)
        c.put("IP6 ");
    if (r.peek_u8(0) >> 4 != 6) {
        c.print("version error: {} != 6", r.peek_u8(0) >> 4);
        return;
    }
    uint32_t payload_len = r.peek_be16(4);
    uint32_t len;
    if (payload_len != 0) {
        len = payload_len + ip6_hdrlen;
        if (length < len)
            c.print("truncated-ip6 - {} bytes missing!", len - length);
    } else {
        len = length + ip6_hdrlen;
    }
    uint8_t ph = 255;
    uint8_t nh = r.peek_u8(6);
    if (c.opt.vflag) {
        uint32_t flow = r.peek_be32(0);
        c.put('(');
        if (flow & 0x0ff00000)
            c.print("class {:#04x}, ", (flow & 0x0ff00000) >> 20);
        if (flow & 0x000fffff)
            c.print("flowlabel {:#07x}, ", flow & 0x000fffff);
        c.print("hlim {}, next-header {} ({}) payload length: {}) ", r.peek_u8(7),
                tok_lookup(ipproto_names, nh).value_or("unknown"), nh, payload_len);
    }
    // Nothing past the IPv6 length belongs to this packet.
    Bytes outer = p;
    Bytes bp = p.first(std::min<size_t>(p.size(), len));

    size_t cp = 0;
    int advance = ip6_hdrlen;
    uint32_t total_advance = 0;
    bool found_extension_header = false, found_jumbo = false, found_hbh = false, fragmented = false;
    while (cp < bp.size() && advance > 0) {
        if (len < uint32_t(advance)) {
            c.print_trunc();
            return;
        }
        cp += size_t(advance);
        len -= uint32_t(advance);
        total_advance += uint32_t(advance);
        if (cp == ip6_hdrlen && nh != nh_::tcp && nh != nh_::udp && nh != nh_::dccp && nh != nh_::sctp) {
            std::string src = addr6_at(c, bp, 8);
            c.print("{} > {}: ", src, addr6_at(c, bp, 24));
        }
        switch (nh) {
        case nh_::hopopts:
            if (found_hbh) {
                c.put("[The Hop-by-Hop Options header was already found]");
                c.print_invalid();
                return;
            }
            if (ph != 255) {
                c.put("[The Hop-by-Hop Options header don't follow the IPv6 header]");
                c.print_invalid();
                return;
            }
            advance = hbhopt_process(c, bp, cp, &found_jumbo, &payload_len);
            if (payload_len == 0 && !found_jumbo) {
                c.put("[No valid Jumbo Payload Hop-by-Hop option found]");
                c.print_invalid();
                return;
            }
            if (advance < 0)
                return;
            found_extension_header = found_hbh = true;
            nh = u8(bp, cp);
            break;
        case nh_::dstopts:
            advance = dstopt_process(c, bp, cp);
            if (advance < 0)
                return;
            found_extension_header = true;
            nh = u8(bp, cp);
            break;
        case nh_::fragment:
            advance = frag6_print(c, bp, cp);
            if (advance < 0 || bp.size() <= cp + size_t(advance))
                return;
            found_extension_header = true;
            nh = u8(bp, cp);
            fragmented = true;
            break;
        case nh_::routing:
            if (bp.size() <= cp) {
                c.print_trunc();
                return;
            }
            advance = rt6_print(c, bp, cp);
            if (advance < 0)
                return;
            found_extension_header = true;
            nh = u8(bp, cp);
            break;
        default: {
            if (found_jumbo) {
                len = payload_len + ip6_hdrlen;
                if (len < total_advance) {
                    c.print_trunc();
                    return;
                }
                if (length < len)
                    c.print("truncated-ip6 - {} bytes missing!", len - length);
                bp = outer.first(std::min<size_t>(outer.size(), len));
                len -= total_advance;
            } else if (payload_len == 0) {
                if (found_extension_header) {
                    c.print_trunc();
                    return;
                }
                len = ip6_hdrlen;
                bp = outer.first(std::min<size_t>(outer.size(), len));
                len -= total_advance;
            }
            IpInfo info{6, bp, Reader(bp).peek_u8(6), Reader(bp).peek_u8(7)};
            Bytes payload = cp <= bp.size() ? bp.subspan(cp) : Bytes{};
            ip_demux_print(c, payload, len, info, fragmented, nh);
            return;
        }
        }
        ph = nh;
        c.proto = "ip6";
    }
}

} // namespace nsbox::tcpdump
