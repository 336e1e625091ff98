// UDP (RFC 768). Payloads are not decoded: this prints tcpdump's generic
// "UDP, length N" for every port, which is what tcpdump prints for ports it
// has no dissector for (it decodes DNS, DHCP, NTP, SNMP, ... by port).

#include "libnet/packet/checksum.hpp"

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t udp_hdrlen = 8;

// "a.b.c.d.sport > e.f.g.h.dport: ", or "a.b.c.d > e.f.g.h: " before the
// ports are known.
void udpipaddr_print(Ctx& c, const Ipv4Info& ip, int sport, int dport)
{
    Reader h(ip.header);
    if (ip.proto == 17) {
        std::string src = ipaddr_string(c, peek_addr4(h, 12));
        std::string dst = ipaddr_string(c, peek_addr4(h, 16));
        if (sport == -1)
            c.print("{} > {}: ", src, dst);
        else
            c.print("{}.{} > {}.{}: ", src, udpport_string(c, uint16_t(sport)), dst,
                    udpport_string(c, uint16_t(dport)));
    } else if (sport != -1) {
        c.print("{} > {}: ", udpport_string(c, uint16_t(sport)), udpport_string(c, uint16_t(dport)));
    }
}

// The IPv4 pseudo-header checksum over `data` (the UDP header and payload).
// Source routes (LSRR/SSRR) make the last listed hop the destination.
uint16_t udp_cksum(const Ipv4Info& ip, Bytes data)
{
    Bytes h = ip.header;
    std::array<std::byte, 12> ph{};
    for (size_t i = 0; i < 4; ++i) {
        ph[i] = h[12 + i];
        ph[4 + i] = h[16 + i];
    }
    // ip_finddst(): walk the options for a complete source route.
    size_t hlen = (uint8_t(h[0]) & 0x0f) * 4u;
    if (hlen > 20) {
        size_t pos = 20;
        while (pos < hlen) {
            if (pos >= h.size())
                break;
            uint8_t tt = uint8_t(h[pos]);
            size_t len;
            if (tt == 0)
                break;
            if (tt == 1) {
                len = 1;
            } else {
                if (pos + 1 >= h.size())
                    break;
                len = uint8_t(h[pos + 1]);
                if (len < 2)
                    break;
            }
            if (hlen - pos < len || h.size() < pos + len)
                break;
            if ((tt == 131 || tt == 137) && len >= 7) {
                for (size_t i = 0; i < 4; ++i)
                    ph[4 + i] = h[pos + len - 4 + i];
                break;
            }
            pos += len;
        }
    }
    ph[9] = std::byte{17};
    ph[10] = std::byte(data.size() >> 8);
    ph[11] = std::byte(data.size() & 0xff);
    uint32_t sum = net::packet::checksum_add(0, ph);
    return net::packet::checksum_finish(net::packet::checksum_add(sum, data));
}

uint16_t cksum_shouldbe(uint16_t sum, uint16_t computed)
{
    uint32_t v = uint32_t(sum) + computed;
    v = (v & 0xffff) + (v >> 16);
    v = (v & 0xffff) + (v >> 16);
    return static_cast<uint16_t>(v);
}

} // namespace

void udp_print(Ctx& c, Bytes p, uint32_t length, const Ipv4Info& ip, bool fragmented)
{
    c.proto = "udp";
    Reader r(p);
    if (!r.has(4)) {
        udpipaddr_print(c, ip, -1, -1);
        c.print_trunc();
        return;
    }
    uint16_t sport = r.peek_be16(0);
    uint16_t dport = r.peek_be16(2);
    if (length < udp_hdrlen) {
        udpipaddr_print(c, ip, sport, dport);
        c.print("truncated-udp {}", length);
        return;
    }
    if (!r.has(6)) {
        udpipaddr_print(c, ip, sport, dport);
        c.print_trunc();
        return;
    }
    uint32_t ulen = r.peek_be16(4);
    if (ulen == 0 && length > 65535)
        ulen = length;
    if (ulen < udp_hdrlen) {
        udpipaddr_print(c, ip, sport, dport);
        c.print("truncated-udplength {}", ulen);
        return;
    }
    ulen -= udp_hdrlen;
    length -= udp_hdrlen;
    if (ulen < length)
        length = ulen;
    if (!r.has(udp_hdrlen)) {
        udpipaddr_print(c, ip, sport, dport);
        c.print_trunc();
        return;
    }
    udpipaddr_print(c, ip, sport, dport);
    Bytes payload = p.subspan(udp_hdrlen);

    if (c.opt.vflag && !fragmented && c.opt.vflag > 1) {
        uint16_t udp_sum = r.peek_be16(6);
        if (udp_sum == 0) {
            c.put("[no cksum] ");
        } else if (payload.size() >= length) {
            uint16_t sum = udp_cksum(ip, p.first(length + udp_hdrlen));
            if (sum != 0)
                c.print("[bad udp cksum {:#06x} -> {:#06x}!] ", udp_sum, cksum_shouldbe(udp_sum, sum));
            else
                c.put("[udp sum ok] ");
        }
    }

    if (ulen > length && !fragmented)
        c.print("UDP, bad length {} > {}", ulen, length);
    else
        c.print("UDP, length {}", ulen);
}

} // namespace nsbox::tcpdump
