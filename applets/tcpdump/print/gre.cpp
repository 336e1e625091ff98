// GRE (IP protocol 47) as tcpdump 4.99.3's gre_print() shows it: version 0
// (RFC 1701/2784/2890: checksum, offset, key, sequence, RFC 1701 source
// routes) with IPv4, IPv6 and transparent Ethernet bridging inside;
// version 1 (PPTP, RFC 2637) headers.
//
// Two lengths stay apart: `len`, what the IP layer says is left of the GRE
// packet, and the captured bytes. A field past either ends the line with
// " [|gre]", as tcpdump 4.99 does.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace flag {
constexpr uint16_t checksum = 0x8000;
constexpr uint16_t routing = 0x4000;
constexpr uint16_t key = 0x2000;
constexpr uint16_t sequence = 0x1000;
constexpr uint16_t ack = 0x0080;
} // namespace flag

constexpr uint16_t version_mask = 0x0007;

constexpr Tok flag_names[] = {
    {flag::checksum, "checksum present"}, {flag::routing, "routing present"}, {flag::key, "key present"},
    {flag::sequence, "sequence# present"}, {0x0800, "source routing present"}, {flag::ack, "ack present"},
};

namespace proto {
constexpr uint16_t ipv4 = 0x0800;
constexpr uint16_t ipv6 = 0x86dd;
constexpr uint16_t teb = 0x6558;
constexpr uint16_t ppp = 0x880b;
constexpr uint16_t mpls = 0x8847;
} // namespace proto

namespace sre {
constexpr uint16_t ip = 0x0800;
constexpr uint16_t asn = 0xfffe;
} // namespace sre

// Both checks tcpdump makes before each field: `n` bytes captured and `n`
// bytes left of the length the IP layer gave. Either failing ends the line
// with " [|gre]".
void need(const Reader& r, uint32_t len, uint32_t n)
{
    if (!r.has(n) || len < n)
        throw Truncated();
}

// Runs a header printer; a field cut short (by the capture or by the
// length) ends the line with " [|gre]" there and then, as tcpdump's
// `goto trunc` does: unlike a truncation deep in an inner printer, it keeps
// the link-layer header out of a -x dump. False when the line ended.
template <typename F>
bool guarded(Ctx& c, F&& header)
{
    try {
        return header();
    } catch (const Truncated&) {
        c.print_trunc();
        return false;
    }
}

// One source route entry's addresses (IPv4) or AS numbers, the current one
// starred. A malformed entry prints why and the walk goes on; false when
// the entry is cut (the caller then ends the line).
bool sre_print(Ctx& c, uint16_t af, uint8_t sreoff, uint8_t srelen, Reader r, uint32_t len)
{
    if (af != sre::ip && af != sre::asn) {
        c.print(", (rtaf=0x{:x})", af);
        return true;
    }
    bool ip = af == sre::ip;
    uint32_t unit = ip ? 4 : 2;
    c.put(ip ? ", (rtaf=ip" : ", (rtaf=asn");
    bool whole = true;
    if (sreoff & (unit - 1)) {
        c.print(", badoffset={}", sreoff);
    } else if (srelen & (unit - 1)) {
        c.print(", badlength={}", srelen);
    } else if (sreoff >= srelen) {
        c.print(", badoff/len={}/{}", sreoff, srelen);
    } else {
        for (uint32_t at = 0; srelen != 0; at += unit, srelen = uint8_t(srelen - unit), len -= unit) {
            if (!r.has(unit) || len < unit) {
                whole = false;
                break;
            }
            const char* star = at == sreoff ? "*" : "";
            if (ip) {
                auto a = r.addr4();
                c.print(" {}{}.{}.{}.{}", star, a[0], a[1], a[2], a[3]);
            } else {
                c.print(" {}{:x}", star, r.be16());
            }
        }
    }
    c.put(')');
    return whole;
}

// The version 0 header up to the payload; false when it ended the line.
bool gre_v0_header(Ctx& c, Reader& r, uint32_t length, uint32_t& len, uint16_t& prot)
{
    len = length;
    uint16_t flags = r.be16();
    if (c.opt.vflag)
        c.print(", Flags [{}]", bittok_string(flag_names, flags, "none"));
    len -= 2;
    need(r, len, 2);
    prot = r.be16();
    len -= 2;
    if (flags & (flag::checksum | flag::routing)) {
        need(r, len, 2);
        uint16_t sum = r.be16();
        if (c.opt.vflag)
            c.print(", sum 0x{:x}", sum);
        len -= 2;
        need(r, len, 2);
        c.print(", off 0x{:x}", r.be16());
        len -= 2;
    }
    if (flags & flag::key) {
        need(r, len, 4);
        c.print(", key=0x{:x}", r.be32());
        len -= 4;
    }
    if (flags & flag::sequence) {
        need(r, len, 4);
        c.print(", seq {}", r.be32());
        len -= 4;
    }
    if (flags & flag::routing) {
        for (;;) {
            need(r, len, 4);
            uint16_t af = r.be16();
            uint8_t sreoff = r.u8();
            uint8_t srelen = r.u8();
            len -= 4;
            if (af == 0 && srelen == 0)
                break;
            if (!sre_print(c, af, sreoff, srelen, Reader(r.rest()), len))
                throw Truncated();
            if (len < srelen)
                throw Truncated();
            // The entry's bytes are passed by its claimed length; what lies
            // past the captured end is read as truncated.
            if (r.remaining() < srelen)
                r = Reader();
            else
                r.skip(srelen);
            len -= srelen;
        }
    }
    if (c.opt.eflag)
        c.print(", proto {} (0x{:04x})", tok_lookup(ethertype_names, prot).value_or("unknown"), prot);
    c.print(", length {}", length);
    c.put(c.opt.vflag < 1 ? ": " : "\n\t");
    return true;
}

void gre_v0(Ctx& c, Reader& r, uint32_t length)
{
    uint32_t len = 0;
    uint16_t prot = 0;
    if (!guarded(c, [&] { return gre_v0_header(c, r, length, len, prot); }))
        return;
    switch (prot) {
    case proto::ipv4:
        ip_print(c, r.rest(), len);
        break;
    case proto::ipv6:
        ip6_print(c, r.rest(), len);
        break;
    case proto::teb:
        ether_print(c, r.rest(), len, uint32_t(r.remaining()));
        break;
    case proto::mpls:
        mpls_print(c, r.rest(), len);
        break;
    default:
        // IPX, AppleTalk and OSI payloads are not decoded here (tcpdump's
        // ipx_print(), atalk_print(), isoclns_print()); their lines end
        // after the GRE header.
        if (prot == 0x8137 || prot == 0x809b || prot == 0x00fe)
            break;
        c.print("gre-proto-0x{:x}", prot);
    }
}

void gre_v1_header(Ctx& c, Reader& r, uint32_t length)
{
    uint32_t len = length;
    uint16_t flags = r.be16();
    len -= 2;
    if (c.opt.vflag)
        c.print(", Flags [{}]", bittok_string(flag_names, flags, "none"));
    need(r, len, 2);
    uint16_t prot = r.be16();
    len -= 2;
    if (flags & flag::key) {
        need(r, len, 4);
        c.print(", call {}", r.be32() & 0xffff);
        len -= 4;
    }
    if (flags & flag::sequence) {
        need(r, len, 4);
        c.print(", seq {}", r.be32());
        len -= 4;
    }
    if (flags & flag::ack) {
        need(r, len, 4);
        c.print(", ack {}", r.be32());
        len -= 4;
    }
    if (!(flags & flag::sequence))
        c.put(", no-payload");
    if (c.opt.eflag)
        c.print(", proto {} (0x{:04x})", tok_lookup(ethertype_names, prot).value_or("unknown"), prot);
    c.print(", length {}", length);
    if (!(flags & flag::sequence))
        return;
    c.put(c.opt.vflag < 1 ? ": " : "\n\t");
    // PPP inside PPTP is not decoded here (tcpdump's ppp_print()).
    if (prot != proto::ppp)
        c.print("gre-proto-0x{:x}", prot);
}

void gre_v1(Ctx& c, Reader& r, uint32_t length)
{
    guarded(c, [&] {
        gre_v1_header(c, r, length);
        return true;
    });
}

} // namespace

void gre_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "gre";
    Reader r(p);
    if (!guarded(c, [&] {
            need(r, length, 2);
            return true;
        }))
        return;
    uint16_t vers = r.peek_be16(0) & version_mask;
    c.print("GREv{}", vers);
    switch (vers) {
    case 0:
        gre_v0(c, r, length);
        break;
    case 1:
        gre_v1(c, r, length);
        break;
    default:
        c.put(" ERROR: unknown-version");
        break;
    }
}

} // namespace nsbox::tcpdump
