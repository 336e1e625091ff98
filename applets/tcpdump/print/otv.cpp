// OTV (draft-hasmit-otv-04) on UDP port 8472, as tcpdump 4.99.3 prints it:
// the flags, overlay and instance ids, then the inner Ethernet frame on the
// next line. 8472 is also the port Linux's vxlan links use unless told
// otherwise ("ip link add ... type vxlan" without dstport), whose VXLAN
// frames tcpdump therefore prints as OTV, instance for VNI.

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

void otv_print(Ctx& c, Bytes p, uint32_t length)
{
    constexpr uint32_t hdr = 8;
    c.proto = "otv";
    c.put("OTV, ");
    Reader r(p);
    if (length < hdr) {
        c.print("[length {} < {}]", length, hdr);
        c.print_invalid();
        if (!r.has(length))
            throw Truncated();
        return;
    }
    uint8_t flags = r.peek_u8(0);
    c.print("flags [{}] (0x{:02x}), ", flags & 0x08 ? "I" : ".", flags);
    c.print("overlay {}, ", r.peek_be24(1));
    c.print("instance {}\n", r.peek_be24(4));
    r.peek_u8(7); // (the reserved byte, which must be captured)
    Bytes inner = p.subspan(hdr);
    c.proto = "ether";
    ether_print(c, inner, length - hdr, uint32_t(inner.size()));
}

} // namespace nsbox::tcpdump
