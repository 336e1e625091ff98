// VXLAN (RFC 7348) on UDP port 4789: the flags and VNI, then the inner
// Ethernet frame on the next line, printed as any Ethernet frame is.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {
constexpr uint32_t vxlan_hdrlen = 8;
}

void vxlan_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "vxlan";
    c.put("VXLAN");
    Reader r(p);
    if (length < vxlan_hdrlen) {
        c.print_invalid();
        return;
    }
    uint8_t flags = r.peek_u8(0);
    c.print(", flags [{}] ({:#04x}), ", flags & 0x08 ? "I" : "invalid", flags);
    r.skip(4);
    uint32_t vni = r.be24();
    c.print("vni {}\n", vni);
    r.skip(1);
    Bytes inner = r.rest();
    // A frame cut inside the VXLAN header is vxlan's truncation (above);
    // one cut inside the inner frame is ether's.
    c.proto = "ether";
    ether_print(c, inner, length - vxlan_hdrlen, uint32_t(inner.size()));
}

} // namespace nsbox::tcpdump

namespace nsbox::tcpdump {

// VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe; UDP port 4790): the flags and VNI,
// then the packet its next-protocol field names (IPv4, IPv6, Ethernet or
// NSH; 4.99.3 decodes no other), on the next line under -v.
void vxlan_gpe_print(Ctx& c, Bytes p, uint32_t length)
{
    static constexpr Tok flag_names[] = {{0x08, "I"}, {0x04, "P"}, {0x02, "B"}, {0x01, "O"}};
    c.proto = "vxlan_gpe";
    c.put("VXLAN-GPE, ");
    if (length < vxlan_hdrlen) {
        c.print(" (len {} < {})", length, vxlan_hdrlen);
        return c.print_invalid();
    }
    Reader r(p);
    uint8_t flags = r.u8();
    c.print("flags [{}], ", bittok_string(flag_names, flags, "none", ""));
    if (!r.has(vxlan_hdrlen - 1))
        throw Truncated(); // (the rest of the header is read at once)
    r.skip(2);
    uint8_t next = r.u8();
    uint32_t vni = r.be24();
    r.skip(1);
    c.print("vni {}", vni);
    c.put(c.opt.vflag ? "\n    " : ": ");
    Bytes inner = r.rest();
    uint32_t inner_len = length - vxlan_hdrlen;
    if (next == 4) {
        nsh_print(c, inner, inner_len);
    } else if (!nsh_next_print(c, next, inner, inner_len)) {
        c.put("ERROR: unknown-next-protocol");
        c.print_invalid();
    }
}

} // namespace nsbox::tcpdump
