// IPv4 (RFC 791): the -v header line, options, and the protocol dispatch.

#include "libnet/packet/checksum.hpp"

#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t ip_hdrlen = 20;
constexpr uint16_t ip_df = 0x4000;
constexpr uint16_t ip_mf = 0x2000;
constexpr uint16_t ip_res = 0x8000;
constexpr uint16_t ip_offmask = 0x1fff;

namespace proto {
constexpr uint8_t tcp = 6;
constexpr uint8_t udp = 17;
constexpr uint8_t dccp = 33;
constexpr uint8_t sctp = 132;
} // namespace proto

namespace opt {
constexpr uint8_t eol = 0;
constexpr uint8_t nop = 1;
constexpr uint8_t rr = 7;
constexpr uint8_t ts = 68;
constexpr uint8_t security = 130;
constexpr uint8_t lsrr = 131;
constexpr uint8_t ssrr = 137;
constexpr uint8_t ra = 148;
} // namespace opt

constexpr Tok ip_option_values[] = {
    {opt::eol, "EOL"},       {opt::nop, "NOP"},   {opt::ts, "timestamp"}, {opt::security, "security"},
    {opt::rr, "RR"},         {opt::ssrr, "SSRR"}, {opt::lsrr, "LSRR"},    {opt::ra, "RA"},
    {82, "traceroute"},
};

// One IP option's bytes, all captured (the caller checked).
uint8_t at(Bytes b, size_t i) { return static_cast<uint8_t>(b[i]); }

std::array<uint8_t, 4> addr_at(Bytes b, size_t i)
{
    if (b.size() < i + 4)
        throw Truncated();
    return {at(b, i), at(b, i + 1), at(b, i + 2), at(b, i + 3)};
}

// Recorded route of RR, LSRR and SSRR. False when the option is cut short.
bool print_route(Ctx& c, Bytes o, uint32_t length)
{
    if (length < 3) {
        c.print(" [bad length {}]", length);
        return true;
    }
    if ((length + 1) & 3)
        c.print(" [bad length {}]", length);
    uint32_t ptr = uint32_t(at(o, 2)) - 1;
    if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
        c.print(" [bad ptr {}]", at(o, 2));
    for (uint32_t len = 3; len < length; len += 4) {
        if (o.size() < len + 4)
            return false;
        c.print(" {}", ipaddr_string(c, addr_at(o, len)));
        if (ptr > len)
            c.put(',');
    }
    return true;
}

// The timestamp option. False when cut short.
bool print_timestamp(Ctx& c, Bytes o, uint32_t length)
{
    if (length < 4) {
        c.print("[bad length {}]", length);
        return true;
    }
    c.put(" TS{");
    uint32_t hoplen = (at(o, 3) & 0xf) != 0 ? 8 : 4;
    if ((length - 4) & (hoplen - 1))
        c.print("[bad length {}]", length);
    uint32_t ptr = uint32_t(at(o, 2)) - 1;
    uint32_t len = 0;
    if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
        c.print("[bad ptr {}]", at(o, 2));
    bool known = true;
    switch (at(o, 3) & 0xf) {
    case 0:
        c.put("TSONLY");
        break;
    case 1:
        c.put("TS+ADDR");
        break;
    case 3:
        c.put("PRESPEC");
        break;
    default:
        c.print("[bad ts type {}]", at(o, 3) & 0xf);
        known = false;
        break;
    }
    if (known) {
        std::string_view type = " ";
        for (len = 4; len < length; len += hoplen) {
            if (ptr == len)
                type = " ^ ";
            if (o.size() < len + hoplen)
                return false;
            uint32_t t = uint32_t(at(o, len + hoplen - 4)) << 24 | uint32_t(at(o, len + hoplen - 3)) << 16 |
                         uint32_t(at(o, len + hoplen - 2)) << 8 | at(o, len + hoplen - 1);
            c.print("{}{}@{}", type, t, hoplen != 8 ? std::string() : ipaddr_string(c, addr_at(o, len)));
            type = " ";
        }
    }
    c.put(ptr == len ? " ^ " : "");
    if (at(o, 3) >> 4)
        c.print(" [{} hops not recorded]}} ", at(o, 3) >> 4);
    else
        c.put('}');
    return true;
}

// The options of -v's header line. False when one is cut short.
bool print_options(Ctx& c, Bytes opts, uint32_t length)
{
    std::string_view sep;
    size_t pos = 0;
    while (length > 0) {
        c.put(sep);
        sep = ",";
        if (opts.size() <= pos)
            throw Truncated();
        uint8_t code = at(opts, pos);
        c.put(tok_or(ip_option_values, code, [](uint32_t v) { return fmt::format("unknown {}", v); }));
        uint32_t option_len;
        if (code == opt::nop || code == opt::eol) {
            option_len = 1;
        } else {
            if (opts.size() <= pos + 1)
                throw Truncated();
            option_len = at(opts, pos + 1);
            if (option_len < 2) {
                c.print(" [bad length {}]", option_len);
                return true;
            }
        }
        if (option_len > length) {
            c.print(" [bad length {}]", option_len);
            return true;
        }
        if (opts.size() < pos + option_len)
            return false;
        Bytes o = opts.subspan(pos);
        switch (code) {
        case opt::eol:
            return true;
        case opt::ts:
            if (!print_timestamp(c, o, option_len))
                return false;
            break;
        case opt::rr:
        case opt::ssrr:
        case opt::lsrr:
            if (!print_route(c, o, option_len))
                return false;
            break;
        case opt::ra:
            if (option_len < 4) {
                c.print(" [bad length {}]", option_len);
                break;
            }
            if (o.size() < 4)
                return false;
            if (uint16_t v = uint16_t(at(o, 2) << 8 | at(o, 3)); v != 0)
                c.print(" value {}", v);
            break;
        default:
            break;
        }
        pos += option_len;
        length -= option_len;
    }
    return true;
}

std::string frag_flags(uint16_t off)
{
    std::string s;
    auto add = [&](std::string_view f) {
        if (!s.empty())
            s += ", ";
        s += f;
    };
    if (off & ip_mf)
        add("+");
    if (off & ip_df)
        add("DF");
    if (off & ip_res)
        add("rsvd");
    return s.empty() ? "none" : s;
}

void addresses(Ctx& c, const Reader& ip)
{
    std::string src = ipaddr_string(c, peek_addr4(ip, 12));
    std::string dst = ipaddr_string(c, peek_addr4(ip, 16));
    c.put(src);
    c.put(" > ");
    c.put(dst);
}

} // namespace

std::array<uint8_t, 4> peek_addr4(const Reader& r, size_t off)
{
    Bytes b = r.rest();
    if (b.size() < off + 4)
        throw Truncated();
    return {uint8_t(b[off]), uint8_t(b[off + 1]), uint8_t(b[off + 2]), uint8_t(b[off + 3])};
}

void ip_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ip";
    Reader r(p);
    uint8_t vhl = r.peek_u8(0);
    if (vhl >> 4 != 4) {
        if (vhl >> 4 == 6)
            c.put("IP6, wrong link-layer encapsulation");
        else
            c.print("IP{}", vhl >> 4);
        c.print_invalid();
        return;
    }
    if (!c.opt.eflag)
        c.put("IP ");
    if (!r.has(ip_hdrlen)) {
        c.print_trunc();
        return;
    }
    if (length < ip_hdrlen) {
        c.print("truncated-ip {}", length);
        return;
    }
    uint32_t hlen = uint32_t(vhl & 0x0f) * 4;
    if (hlen < ip_hdrlen) {
        c.print("bad-hlen {}", hlen);
        return;
    }
    uint32_t len = r.peek_be16(2);
    if (length < len)
        c.print("truncated-ip - {} bytes missing! ", len - length);
    if (len < hlen) {
        c.print("bad-len {}", len);
        return;
    }
    // Nothing past the length the header claims belongs to this packet.
    Reader ip(p.first(std::min<size_t>(p.size(), len)));
    uint16_t off = ip.peek_be16(6);
    IpInfo info{4, ip.rest(), ip.peek_u8(9), ip.peek_u8(8)};

    if (c.opt.vflag) {
        uint8_t tos = ip.peek_u8(1);
        c.print("(tos {:#x}", tos);
        switch (tos & 0x03) {
        case 1:
            c.put(",ECT(1)");
            break;
        case 2:
            c.put(",ECT(0)");
            break;
        case 3:
            c.put(",CE");
            break;
        default:
            break;
        }
        if (info.ttl >= 1)
            c.print(", ttl {}", info.ttl);
        c.print(", id {}, offset {}, flags [{}], proto {} ({})", ip.peek_be16(4), (off & ip_offmask) * 8,
                frag_flags(off), tok_lookup(ipproto_names, info.proto).value_or("unknown"), info.proto);
        c.print(", length {}", ip.peek_be16(2));
        bool truncated = false;
        if (hlen > ip_hdrlen) {
            c.put(", options (");
            if (!print_options(c, ip.rest().subspan(ip_hdrlen), hlen - ip_hdrlen)) {
                c.put(" [truncated-option]");
                truncated = true;
            }
            c.put(')');
        }
        if (ip.has(hlen)) {
            uint16_t sum = net::packet::checksum(ip.rest().first(hlen));
            if (sum != 0) {
                uint16_t ip_sum = ip.peek_be16(10);
                c.print(", bad cksum {:x} (->{:x})!", ip_sum, cksum_shouldbe(ip_sum, sum));
            }
        }
        c.put(")\n    ");
        if (truncated) {
            addresses(c, ip);
            c.put(": ");
            c.print_trunc();
            return;
        }
    }

    if ((off & ip_offmask) == 0) {
        uint8_t nh = info.proto;
        if (nh != proto::tcp && nh != proto::udp && nh != proto::sctp && nh != proto::dccp) {
            addresses(c, ip);
            c.put(": ");
        }
        if (!ip.has(hlen)) {
            c.print(" [remaining caplen({}) < header length({})]", ip.remaining(), hlen);
            throw Truncated();
        }
        ip_demux_print(c, ip.rest().subspan(hlen), len - hlen, info, (off & (ip_mf | ip_offmask)) != 0, nh);
    } else {
        if (c.opt.qflag > 1)
            return;
        addresses(c, ip);
        c.put(':');
        if (!c.opt.nflag && !netdb_protonames[info.proto].empty())
            c.print(" {}", netdb_protonames[info.proto]);
        else
            c.print(" ip-proto-{}", info.proto);
    }
}

void ipN_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ipN";
    if (length < 1) {
        c.print("truncated-ip {}", length);
        return;
    }
    Reader r(p);
    switch (r.peek_u8(0) & 0xf0) {
    case 0x40:
        ip_print(c, p, length);
        break;
    case 0x60:
        ip6_print(c, p, length);
        break;
    default:
        c.print("unknown ip {}", (r.peek_u8(0) & 0xf0) >> 4);
        break;
    }
}

} // namespace nsbox::tcpdump
