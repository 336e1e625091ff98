// CARP (OpenBSD's Common Address Redundancy Protocol), which shares IP
// protocol 112 with VRRP: tcpdump prints it instead of VRRP under -T carp.
// Version and type, the hop limit when not 255, then for a version 2
// advertisement the vhid, intervals, auth length, from -v on a bad
// checksum, and the counter.

#include "applets/tcpdump/print/print.hpp"
#include "libnet/packet/checksum.hpp"

namespace nsbox::tcpdump {

void carp_print(Ctx& c, Bytes p, uint32_t len, const IpInfo& ip)
{
    c.proto = "carp";
    Reader r(p);
    uint8_t vt = r.peek_u8(0);
    unsigned version = vt >> 4, type = vt & 0x0f;
    c.print("CARPv{}-{} {}: ", version, type == 1 ? "advertise" : "unknown", len);
    if (ip.ttl != 255)
        c.print("[ttl={}!] ", ip.ttl);
    if (version != 2 || type != 1)
        return;
    c.print("vhid={} advbase={} advskew={} authlen={} ", r.peek_u8(1), r.peek_u8(5), r.peek_u8(2), r.peek_u8(3));
    if (c.opt.vflag && r.has(len) && net::packet::checksum(p.first(len)) != 0)
        c.print(" (bad carp cksum {:x}!)", r.peek_be16(6));
    r.skip(8);
    c.print("counter={}", r.be64());
}

} // namespace nsbox::tcpdump
