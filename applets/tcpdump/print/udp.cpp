// UDP (RFC 768). By port: DNS (53), BOOTP/DHCP (67, 68), TFTP (69), NTP
// (123), SNMP (161, 162), syslog (514), RIP (520), RIPng (521), DHCPv6 (546,
// 547), AODV (654), ESP in UDP (4500), Kerberos (88, 750), vat (to 3456), wb
// (to 4567), RADIUS (1645, 1646, 1700, 1812, 1813, 3799), HSRP (to 1985),
// Broadcom's LI shim (from 49152), BFD (to 3784, 3785, 4784, 6784), SIP
// (5060), OTV (8472), VXLAN (4789), Geneve (6081), PTP (319, 320), SOME/IP
// (30490) and multicast DNS (5353); every other port prints tcpdump's
// generic "UDP, length N", which is what tcpdump prints for ports it has no
// dissector for (it also decodes other protocols by port, which nsbox does
// not yet: the README lists them). tcpdump 4.99.3 does not decode SNMP on
// 10161/10162 (RFC 6353's TLS ports).

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/text.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t udp_hdrlen = 8;

// "a.b.c.d.sport > e.f.g.h.dport: ", or "a.b.c.d > e.f.g.h: " before the
// ports are known, or just the ports when UDP is not the IP header's own
// protocol (behind IPv6 extension headers).
void udpipaddr_print(Ctx& c, const IpInfo& ip, int sport, int dport)
{
    if (ip.proto == 17) {
        std::string src = ip_src_string(c, ip);
        std::string dst = ip_dst_string(c, ip);
        if (sport == -1)
            c.print("{} > {}: ", src, dst);
        else {
            std::string sp = udpport_string(c, uint16_t(sport));
            std::string dp = udpport_string(c, uint16_t(dport));
            c.put_endpoints(src, sp, dst, dp);
        }
    } else if (sport != -1) {
        c.print("{} > {}: ", udpport_string(c, uint16_t(sport)), udpport_string(c, uint16_t(dport)));
    }
}

} // namespace

void udp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented)
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
    Bytes payload = p.subspan(udp_hdrlen);
    // -T: the forced type, before checksums and whatever -q says. Each prints
    // the addresses and ports first, but rpc (its own addresses, with the
    // transaction id for the ports) and the types with no UDP printer (carp,
    // resp, zmtp1: nothing at all), as in tcpdump's own cases.
    auto ports = [&] { udpipaddr_print(c, ip, sport, dport); };
    switch (c.opt.packettype) {
    case PacketType::none:
        break;
    case PacketType::domain:
        ports();
        domain_print(c, payload, length, false, false);
        return;
    case PacketType::snmp:
        ports();
        snmp_print(c, payload, length);
        return;
    case PacketType::tftp:
        ports();
        tftp_print(c, payload, length);
        return;
    case PacketType::vxlan:
        ports();
        vxlan_print(c, payload, length);
        return;
    case PacketType::vat:
        ports();
        vat_print(c, payload, length);
        return;
    case PacketType::rtp:
        ports();
        rtp_print(c, payload, length);
        return;
    case PacketType::rtcp:
        ports();
        rtcp_print(c, payload);
        return;
    case PacketType::someip:
        ports();
        someip_print(c, payload, length);
        return;
    case PacketType::cnfp:
        ports();
        cnfp_print(c, payload);
        return;
    case PacketType::ptp:
        ports();
        ptp_print(c, payload, length);
        return;
    case PacketType::aodv:
        ports();
        aodv_print(c, payload, length, ip.version == 6);
        return;
    case PacketType::wb:
        ports();
        wb_print(c, payload, length);
        return;
    case PacketType::radius:
        ports();
        radius_print(c, payload, length);
        return;
    case PacketType::rpc:
        sunrpc_print(c, payload, length, ip);
        return;
    case PacketType::carp:
    case PacketType::resp:
    case PacketType::zmtp1:
        return;
    }
    ports();

    if (c.opt.vflag && !fragmented) {
        // IPv4 checksums from -vv on (0 means none); IPv6's are mandatory
        // and checked from -v on.
        uint16_t udp_sum = 0;
        bool check = false;
        if (ip.version == 4 && c.opt.vflag > 1) {
            udp_sum = r.peek_be16(6);
            if (udp_sum == 0)
                c.put("[no cksum] ");
            else
                check = payload.size() >= length;
        } else if (ip.version == 6) {
            check = payload.size() >= length;
        }
        if (check) {
            uint16_t sum = nextproto_cksum(ip, p.first(length + udp_hdrlen), 17);
            udp_sum = r.peek_be16(6);
            if (sum != 0)
                c.print("[bad udp cksum {:#06x} -> {:#06x}!] ", udp_sum, cksum_shouldbe(udp_sum, sum));
            else
                c.put("[udp sum ok] ");
        }
    }

    // tcpdump tries its port dissectors in a fixed order (a packet between
    // two known ports goes to the first); -q skips them. The order is
    // 4.99.3's, measured with every pair of these ports.
    auto generic = [&] {
        if (ulen > length && !fragmented)
            c.print("UDP, bad length {} > {}", ulen, length);
        else {
            c.put("UDP, length ");
            c.put_dec(ulen);
        }
    };
    if (!c.opt.qflag) {
        auto is = [&](uint16_t port) { return sport == port || dport == port; };
        if (is(53)) {
            domain_print(c, payload, length, false, false);
            return;
        }
        if (is(5353)) {
            domain_print(c, payload, length, false, true);
            return;
        }
        if (is(525)) {
            timed_print(c, payload);
            return;
        }
        if (is(69)) {
            tftp_print(c, payload, length);
            return;
        }
        if (is(67) || is(68)) {
            bootp_print(c, payload, length);
            return;
        }
        if (is(520)) {
            rip_print(c, payload, length);
            return;
        }
        if (is(654)) {
            aodv_print(c, payload, length, ip.version == 6);
            return;
        }
        // ISAKMP (500), tried before 4500, is not decoded. IKE behind
        // 4500's non-ESP marker is not either: it gets the generic line, and
        // no later port is tried (tcpdump would not).
        if (is(4500) && !is(500)) {
            if (!isakmp_rfc3948_print(c, payload, length))
                generic();
            return;
        }
        if (is(161) || is(162)) {
            snmp_print(c, payload, length);
            return;
        }
        if (is(123)) {
            ntp_print(c, payload, length);
            return;
        }
        if (is(88) || is(750)) {
            krb_print(c, payload);
            return;
        }
        if (dport == 3456) { // vat, to its port only
            vat_print(c, payload, length);
            return;
        }
        if (is(521)) {
            ripng_print(c, payload, length);
            return;
        }
        if (is(546) || is(547)) {
            dhcp6_print(c, payload, length);
            return;
        }
        if (is(5359)) {
            ahcp_print(c, payload, length);
            return;
        }
        if (is(6696) || is(6697)) {
            babel_print(c, payload, length);
            return;
        }
        if (dport == 4567) { // wb, to its port only
            wb_print(c, payload, length);
            return;
        }
        if (is(496)) {
            autorp_print(c, payload, length);
            return;
        }
        if (is(1645) || is(1812) || is(1646) || is(1813) || is(1700) || is(3799)) {
            radius_print(c, payload, length);
            return;
        }
        if (dport == 1985) { // HSRP, to its port only
            hsrp_print(c, payload, length);
            return;
        }
        if (sport == 49152) { // (from that port only)
            bcm_li_print(c, payload, length);
            return;
        }
        if (dport == 3784 || dport == 4784 || dport == 6784 || dport == 3785) { // BFD, to its ports only
            bfd_print(c, payload, length, dport);
            return;
        }
        if (is(1589)) {
            vqp_print(c, payload, length);
            return;
        }
        if (dport == 12223 || sport == 12223) {
            lwapp_control_print(c, payload, length, dport == 12223);
            return;
        }
        if (is(12222)) {
            lwapp_data_print(c, payload, length);
            return;
        }
        if (is(5060)) {
            sip_print(c, payload, length);
            return;
        }
        if (is(514)) {
            syslog_print(c, payload, length);
            return;
        }
        if (is(8472)) {
            otv_print(c, payload, length);
            return;
        }
        if (is(4789)) {
            vxlan_print(c, payload, length);
            return;
        }
        if (is(6081)) {
            geneve_print(c, payload, length);
            return;
        }
        if (is(4342)) {
            lisp_print(c, payload, length);
            return;
        }
        if (is(4790)) {
            vxlan_gpe_print(c, payload, length);
            return;
        }
        if (is(6635)) { // MPLS in UDP (RFC 7510)
            mpls_print(c, payload, length);
            return;
        }
        if (is(319) || is(320)) {
            ptp_print(c, payload, length);
            return;
        }
        if (is(30490)) {
            someip_print(c, payload, length);
            return;
        }
    }

    generic();
}

} // namespace nsbox::tcpdump
