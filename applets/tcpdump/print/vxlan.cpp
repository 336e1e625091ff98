// VXLAN (RFC 7348) on UDP port 4789: the flags and VNI, then the inner
// Ethernet frame on the next line, printed as any Ethernet frame is.

#include "applets/tcpdump/print/print.hpp"

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
