// ICMP (RFC 792, RFC 1191, RFC 1256, RFC 4884, RFC 4950).

#include "libnet/packet/checksum.hpp"
#include "libnet/packet/icmp.hpp"

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace type = net::packet::icmp_type;

constexpr Tok icmp2str[] = {
    {0, "echo reply"},          {4, "source quench"},        {8, "echo request"},
    {10, "router solicitation"}, {13, "time stamp request"}, {14, "time stamp reply"},
    {15, "information request"}, {16, "information reply"},  {17, "address mask request"},
};

// Unreachable codes whose text is just a pattern around the destination.
struct UnreachText {
    uint8_t code;
    std::string_view before, after;
};
constexpr UnreachText unreach_texts[] = {
    {0, "net ", " unreachable"},
    {1, "host ", " unreachable"},
    {5, "", " unreachable - source route failed"},
    {6, "net ", " unreachable - unknown"},
    {7, "host ", " unreachable - unknown"},
    {8, "", " unreachable - source host isolated"},
    {9, "net ", " unreachable - admin prohibited"},
    {10, "host ", " unreachable - admin prohibited"},
    {11, "net ", " unreachable - tos prohibited"},
    {12, "host ", " unreachable - tos prohibited"},
    {13, "host ", " unreachable - admin prohibited filter"},
    {14, "host ", " unreachable - host precedence violation"},
    {15, "host ", " unreachable - precedence cutoff"},
};

constexpr Tok redirect_texts[] = {
    {0, "redirect"},
    {1, "redirect"},
    {2, "redirect-tos"},
    {3, "redirect-tos"},
};

constexpr Tok multipart_objects[] = {
    {1, "MPLS Stack Entry"},
    {2, "Interface Identification"},
};

// Where an error message's quoted IP header sits.
constexpr size_t quoted_ip = 8;
constexpr size_t quoted_dst = quoted_ip + 16;
constexpr size_t quoted_proto = quoted_ip + 9;
// RFC 4884: the extension header follows 128 bytes of original datagram.
constexpr uint32_t extd_minlen = 136;
constexpr size_t ext_struct_size = 141;

bool is_error(uint8_t t)
{
    return t == type::dest_unreach || t == type::source_quench || t == type::redirect || t == type::time_exceeded ||
           t == type::param_problem;
}

bool has_multipart(uint8_t t) { return t == type::dest_unreach || t == type::time_exceeded || t == type::param_problem; }

// Milliseconds since midnight UTC, as "HH:MM:SS.mmm".
std::string tstamp(uint32_t ms)
{
    uint32_t msec = ms % 1000, sec = ms / 1000;
    uint32_t min = sec / 60;
    sec -= min * 60;
    uint32_t hrs = min / 60;
    min -= hrs * 60;
    return fmt::format("{:02}:{:02}:{:02}.{:03}", hrs, min, sec, msec);
}

std::string lifetime(uint32_t t)
{
    if (t < 60)
        return fmt::format("{}", t);
    if (t < 3600)
        return fmt::format("{}:{:02}", t / 60, t % 60);
    return fmt::format("{}:{:02}:{:02}", t / 3600, (t % 3600) / 60, t % 60);
}

// A bounds check tcpdump answers with " [|icmp]" and a normal return (its
// ND_TCHECK), rather than by abandoning the packet: the -x dump then still
// leaves the link-layer header out.
struct CheckFailed {};

void check(const Reader& r, size_t n)
{
    if (!r.has(n))
        throw CheckFailed();
}

// The text after "ICMP " for everything but the generic types and the
// echoes (icmp_print() writes those, the commonest, straight into the line).
std::string describe(Ctx& c, const Reader& r, uint8_t t, uint8_t code)
{
    auto dst = [&] { return ipaddr_string(c, peek_addr4(r, quoted_dst)); };
    switch (t) {
    case type::dest_unreach:
        switch (code) {
        case 2: {
            std::string d = dst();
            return fmt::format("{} protocol {} unreachable", d, r.peek_u8(quoted_proto));
        }
        case 3: {
            check(r, quoted_proto + 1);
            size_t hlen = size_t(r.peek_u8(quoted_ip) & 0x0f) * 4;
            uint16_t dport = r.peek_be16(quoted_ip + hlen + 2);
            uint8_t proto = r.peek_u8(quoted_proto);
            std::string d = dst();
            if (proto == 6)
                return fmt::format("{} tcp port {} unreachable", d, tcpport_string(c, dport));
            if (proto == 17)
                return fmt::format("{} udp port {} unreachable", d, udpport_string(c, dport));
            return fmt::format("{} protocol {} port {} unreachable", d, proto, dport);
        }
        case 4: {
            uint16_t mtu = r.peek_be16(6);
            std::string d = dst();
            if (mtu)
                return fmt::format("{} unreachable - need to frag (mtu {})", d, mtu);
            return fmt::format("{} unreachable - need to frag", d);
        }
        default:
            for (const auto& u : unreach_texts)
                if (u.code == code)
                    return fmt::format("{}{}{}", u.before, dst(), u.after);
            return fmt::format("{} unreachable - #{}", dst(), code);
        }
    case type::redirect: {
        std::string d = dst();
        std::string gw = ipaddr_string(c, peek_addr4(r, 4));
        if (auto name = tok_lookup(redirect_texts, code))
            return fmt::format("{} {} to {} {}", *name, d, (code & 1) ? "host" : "net", gw);
        return fmt::format("redirect-#{} {} to {}", code, d, gw);
    }
    case type::router_advert: {
        std::string s = "router advertisement";
        check(r, 8);
        s += " lifetime " + lifetime(r.peek_be16(6));
        uint32_t num = r.peek_u8(4);
        s += fmt::format(" {}:", num);
        uint32_t size = r.peek_u8(5);
        if (size != 2) {
            s += fmt::format(" [size {}]", size);
            return s;
        }
        for (size_t off = 8; num > 0; --num, off += 8) {
            check(r, off + 8);
            s += fmt::format(" {{{} {}}}", ipaddr_string(c, peek_addr4(r, off)), r.peek_be32(off + 4));
        }
        return s;
    }
    case type::time_exceeded:
        check(r, quoted_dst + 4);
        if (code == 0)
            return "time exceeded in-transit";
        if (code == 1)
            return "ip reassembly time exceeded";
        return fmt::format("time exceeded-#{}", code);
    case type::param_problem:
        if (code)
            return fmt::format("parameter problem - code {}", code);
        return fmt::format("parameter problem - octet {}", r.peek_u8(4));
    case type::mask_reply:
        return fmt::format("address mask is {:#010x}", r.peek_be32(8));
    case type::timestamp:
        return fmt::format("time stamp query id {} seq {}", r.peek_be16(4), r.peek_be16(6));
    case type::timestamp_reply: {
        check(r, 20);
        return fmt::format("time stamp reply id {} seq {}: org {}, recv {}, xmit {}", r.peek_be16(4), r.peek_be16(6),
                           tstamp(r.peek_be32(8)), tstamp(r.peek_be32(12)), tstamp(r.peek_be32(16)));
    }
    default:
        return tok_or(icmp2str, t, [](uint32_t v) { return fmt::format("type-#{}", v); });
    }
}

// RFC 4884 extension objects after the quoted datagram, with -v.
void print_multipart(Ctx& c, const Reader& r, uint32_t plen)
{
    if (!r.has(ext_struct_size)) {
        c.print_trunc();
        return;
    }
    Bytes whole = r.rest();
    if (r.peek_u8(5) == 0 && r.has(plen)) {
        if (net::packet::checksum(whole.subspan(extd_minlen, plen - extd_minlen)) != 0)
            return;
    }
    uint8_t version = r.peek_u8(extd_minlen) >> 4;
    c.print("\n\tICMP Multi-Part extension v{}", version);
    if (version != 2) {
        c.put(" packet not supported");
        return;
    }
    uint32_t hlen = plen - extd_minlen;
    if (r.has(extd_minlen + hlen)) {
        bool bad = net::packet::checksum(whole.subspan(extd_minlen, hlen)) != 0;
        c.print(", checksum {:#06x} ({}correct), length {}", r.peek_be16(extd_minlen + 2), bad ? "in" : "", hlen);
    }
    hlen -= 4;
    size_t obj = extd_minlen + 4;
    while (hlen > 4) {
        if (!r.has(obj + 4)) {
            c.print_trunc();
            return;
        }
        uint32_t obj_tlen = r.peek_be16(obj);
        uint8_t cls = r.peek_u8(obj + 2);
        uint8_t ctype = r.peek_u8(obj + 3);
        obj += 4;
        c.print("\n\t  {} Object ({}), Class-Type: {}, length {}",
                tok_lookup(multipart_objects, cls).value_or("unknown"), cls, ctype, obj_tlen);
        hlen -= 4;
        if (cls == 0 || obj_tlen < 4)
            return;
        obj_tlen -= 4;
        if (cls == 1 && ctype == 1) {
            uint32_t raw = r.peek_be32(obj);
            c.print("\n\t    label {}, tc {}", raw >> 12, (raw >> 9) & 7);
            if (raw & 0x100)
                c.put(", [S]");
            c.print(", ttl {}", raw & 0xff);
        } else {
            // print_unknown_data()
            if (whole.size() < obj) {
                c.put("\n\t    Dissector error: print_unknown_data called with pointer past end of packet");
            } else {
                Bytes data = whole.subspan(obj);
                hex_print(c, "\n\t    ", data, std::min<uint32_t>(obj_tlen, static_cast<uint32_t>(data.size())));
            }
        }
        if (hlen < obj_tlen)
            break;
        hlen -= obj_tlen;
        obj += obj_tlen;
    }
}

} // namespace

void icmp_print(Ctx& c, Bytes p, uint32_t plen, const IpInfo&, bool fragmented)
{
    c.proto = "icmp";
    Reader r(p);
    uint8_t t = r.peek_u8(0);
    uint8_t code = r.peek_u8(1);
    if (t == type::echo_request || t == type::echo_reply) {
        uint16_t id = r.peek_be16(4), seq = r.peek_be16(6);
        c.put(t == type::echo_request ? "ICMP echo request, id " : "ICMP echo reply, id ");
        c.put_dec(id);
        c.put(", seq ");
        c.put_dec(seq);
    } else {
        std::string text;
        try {
            text = describe(c, r, t, code);
        } catch (const CheckFailed&) {
            c.print_trunc();
            return;
        }
        c.put("ICMP ");
        c.put(text);
    }
    c.put(", length ");
    c.put_dec(plen);

    if (c.opt.vflag && !fragmented && r.has(plen)) {
        uint16_t sum = net::packet::checksum(p.first(plen));
        if (sum != 0) {
            uint16_t icmp_sum = r.peek_be16(2);
            c.print(" (wrong icmp cksum {:x} (->{:x})!)", icmp_sum, cksum_shouldbe(icmp_sum, sum));
        }
    }

    if (c.opt.vflag >= 1 && is_error(t)) {
        c.put("\n\t");
        uint16_t inner_len = r.peek_be16(quoted_ip + 2);
        Bytes inner = p.subspan(quoted_ip);
        inner = inner.first(std::min<size_t>(inner.size(), inner_len));
        // tcpdump reads the quoted length a second time after cutting the
        // capture to it: a quoted length under 4 cuts that read off too.
        if (inner.size() < 4)
            throw Truncated();
        ip_print(c, inner, inner_len);
    }
    c.proto = "icmp";

    if (c.opt.vflag >= 1 && plen > extd_minlen && has_multipart(t))
        print_multipart(c, r, plen);
}

} // namespace nsbox::tcpdump
