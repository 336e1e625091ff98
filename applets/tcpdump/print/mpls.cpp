// MPLS label stacks (RFC 3032), as tcpdump 4.99.3 prints them: each label
// with its traffic class, bottom-of-stack mark and TTL (the reserved labels
// named under -v, one per line), then the payload, which MPLS does not
// name: IPv4 under labels 0 and 3, IPv6 under label 2, otherwise guessed
// from its first byte. OSI payloads (first byte 0x81 to 0x83, tcpdump's
// IS-IS, CLNP and ES-IS printers) end the line after the stack: nsbox does
// not decode them. Reached from Ethernet (0x8847, 0x8848), GRE and UDP
// port 6635.

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr std::string_view reserved_names[16] = {
    "IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd", "rsvd", "rsvd", "rsvd",
    "rsvd",               "rsvd",         "rsvd",               "rsvd",          "rsvd", "rsvd", "rsvd", "rsvd",
};

enum class Payload { unknown, ipv4, ipv6, osi };

Payload guess(uint8_t first)
{
    if (first >= 0x45 && first <= 0x4f)
        return Payload::ipv4;
    if (first >= 0x60 && first <= 0x6f)
        return Payload::ipv6;
    if (first >= 0x81 && first <= 0x83)
        return Payload::osi;
    return Payload::unknown;
}

} // namespace

void mpls_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "mpls";
    c.put("MPLS");
    Reader r(p);
    uint32_t entry = 0;
    bool first = true;
    do {
        if (length < 4) {
            c.print_invalid();
            if (!r.has(length))
                throw Truncated();
            return;
        }
        entry = r.be32();
        uint32_t label = entry >> 12;
        c.put(!first && c.opt.vflag ? "\n\t(label " : " (label ");
        first = false;
        c.put_dec(label);
        if (c.opt.vflag && label < std::size(reserved_names)) {
            c.put(" (");
            c.put(reserved_names[label]);
            c.put(')');
        }
        c.put(", tc ");
        c.put_dec(entry >> 9 & 7);
        if (entry & 0x100)
            c.put(", [S]");
        c.put(", ttl ");
        c.put_dec(entry & 0xff);
        c.put(')');
        length -= 4;
    } while (!(entry & 0x100));

    Payload pt;
    switch (entry >> 12) {
    case 0:
    case 3: pt = Payload::ipv4; break;
    case 2: pt = Payload::ipv6; break;
    default:
        if (length < 1)
            return;
        pt = guess(r.peek_u8(0));
    }
    Bytes rest = r.rest();
    if (pt == Payload::unknown) {
        if (!c.opt.suppress_default_print)
            default_print(c, rest, length);
        return;
    }
    if (pt == Payload::osi)
        return;
    c.put(c.opt.vflag ? "\n\t" : " ");
    if (pt == Payload::ipv4)
        ip_print(c, rest, length);
    else if (pt == Payload::ipv6)
        ip6_print(c, rest, length);
}

} // namespace nsbox::tcpdump
