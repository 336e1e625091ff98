// tcpdump's packet printers: one file per protocol, each writing tcpdump
// 4.99's exact text into the packet's output line.
//
// Every printer reads the captured bytes through a bounded Reader. A read
// past what was captured throws Truncated; print_packet() catches it once
// and ends the line with ` [|proto]`, naming the protocol that was being
// decoded (Ctx::proto), as tcpdump does. Three lengths stay apart: the wire
// length handed down from the capture header, the captured bytes (the
// Reader's span), and whatever length a protocol header claims.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "libnet/packet/reader.hpp"

namespace nsbox::tcpdump {

class Names;

using net::packet::Bytes;
using net::packet::Reader;
using net::packet::Truncated;

// What the command line asked of the printers (tcpdump's ndo_* flags).
// -T TYPE: UDP payloads printed as TYPE whatever their ports, and TCP
// payloads not dissected by port (DNS over TCP for domain), as tcpdump
// 4.99.3 does; the other types of 4.99.3 are refused by the command line.
enum class PacketType : uint8_t { none, domain, snmp, tftp, vxlan, vat, rtp, rtcp, carp, someip, cnfp, resp, ptp, zmtp1, aodv, wb, rpc, radius };

struct PrintOptions {
    int eflag = 0;   // -e: link-level header
    int nflag = 0;   // -n: no name lookups
    int qflag = 0;   // -q: quiet
    int vflag = 0;   // -v, -vv, -vvv
    int tflag = 0;   // -t count: 0 default, 1 none, 2 epoch, 3 delta, 4 date, 5 since first
    int xflag = 0;   // -x / -xx: hex
    int Xflag = 0;   // -X / -XX: hex and ASCII
    int Aflag = 0;   // -A / -AA: ASCII
    int Sflag = 0;   // -S: absolute TCP sequence numbers
    bool packet_number = false;          // -#
    bool nano = false;                   // --nano: timestamps in nanoseconds
    bool suppress_default_print = false; // set by -q, -x, -X
    PacketType packettype = PacketType::none; // -T
};

// What printers remember from one packet to the next: TCP's initial
// sequence numbers per connection, so later segments print relative ones.
struct PrintState {
    struct TcpKey {
        std::array<uint8_t, 16> src{}, dst{};
        uint32_t port = 0;
        bool v6 = false;
        auto operator<=>(const TcpKey&) const = default;
    };
    struct TcpSeq {
        uint32_t seq = 0, ack = 0;
    };
    std::map<TcpKey, TcpSeq> tcp;
};

// One packet's printing context: the options, the output line being built,
// and the name of the protocol being decoded (for ` [|proto]`).
struct Ctx {
    const PrintOptions& opt;
    std::string& out;
    Names& names;
    PrintState& state;
    const char* proto = "";

    template <typename... A>
    void print(fmt::format_string<A...> f, A&&... args)
    {
        fmt::format_to(std::back_inserter(out), f, std::forward<A>(args)...);
    }
    void put(std::string_view s) { out.append(s); }
    void put(char c) { out.push_back(c); }
    // The decimal of v: what print("{}", v) writes, without parsing a
    // format string at run time (the per-packet lines use it).
    void put_dec(uint64_t v) { append_dec(out, v); }
    // "SRC.SPORT > DST.DPORT: ", the TCP and UDP line's start (each part
    // read before: a truncated one writes nothing).
    void put_endpoints(std::string_view src, std::string_view sport, std::string_view dst, std::string_view dport)
    {
        put(src);
        put('.');
        put(sport);
        put(" > ");
        put(dst);
        put('.');
        put(dport);
        put(": ");
    }
    static void append_dec(std::string& s, uint64_t v)
    {
        fmt::format_int d(v);
        s.append(d.data(), d.size());
    }
    // tcpdump's nd_print_trunc() and nd_print_invalid().
    void print_trunc()
    {
        out += " [|";
        out += proto;
        out += ']';
    }
    void print_invalid() { out += " (invalid)"; }
};

// The capture header of one packet (struct pcap_pkthdr, decoupled from pcap).
struct PacketHeader {
    int64_t sec = 0;
    uint32_t frac = 0;    // microseconds, or nanoseconds under --nano
    uint32_t caplen = 0;  // bytes captured
    uint32_t len = 0;     // bytes on the wire
};

// Hex and ASCII dumps (tcpdump's hex_print, hex_and_ascii_print,
// ascii_print). `r` holds what is captured; `length` is how much to dump.
// A dump that wants more than is captured ends with ` [|proto]`.
void hex_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset = 0);
void hex_and_ascii_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset = 0);
void ascii_print(Ctx& c, Bytes data);
// print_unknown_data(): what is captured of `len` bytes at `off` of `data`,
// in hex after `indent`.
void print_unknown_data(Ctx& c, Bytes data, size_t off, std::string_view indent, uint32_t len);
// ND_DEFAULTPRINT: raw bytes of a payload nothing decodes. Callers skip it
// under -q/-x/-X/-A where tcpdump does (opt.suppress_default_print).
void default_print(Ctx& c, Bytes data, uint32_t length);

// Link-layer printers. They return the link-layer header length, which -x
// and -X leave out of the dump.
uint32_t ether_if_print(Ctx& c, const PacketHeader& h, Bytes p);
uint32_t ether_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen);
uint32_t raw_if_print(Ctx& c, const PacketHeader& h, Bytes p);
uint32_t null_if_print(Ctx& c, const PacketHeader& h, Bytes p);
uint32_t sll_if_print(Ctx& c, const PacketHeader& h, Bytes p);
uint32_t sll2_if_print(Ctx& c, const PacketHeader& h, Bytes p);

// The MACsec SecTAG at `r` (tcpdump's macsec_print()): 0 when the payload
// is encrypted (the caller dumps it raw), -1 when the caller goes on with the
// inner ethertype (the lengths and hdrlen then leave out the SecTAG and the
// ICV), or the header length to return after a bad or cut SecTAG.
int macsec_print(Ctx& c, Reader r, uint32_t& length, uint32_t& caplen, uint32_t& hdrlen, const std::string& src,
                 const std::string& dst);

// Returns false when the ethertype has no printer (the caller then prints
// the raw payload).
bool ethertype_print(Ctx& c, uint16_t type, Bytes p, uint32_t length, uint32_t caplen);

// Network and transport printers. `length` is what the enclosing layer says
// this protocol's part of the packet is; `p` is what is captured of it.
void arp_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen);
void ip_print(Ctx& c, Bytes p, uint32_t length);
void ipN_print(Ctx& c, Bytes p, uint32_t length);

// The IP header a transport printer sits on: its addresses for the
// "a.b.c.d.port" prefix and the pseudo-header checksums.
struct IpInfo {
    int version = 4;
    Bytes packet;       // the IP packet from its first byte, as captured
    uint8_t proto = 0;  // IPv4: the protocol; IPv6: the fixed header's next header
    uint8_t ttl = 0;    // IPv4 TTL or IPv6 hop limit
};

std::string ip_src_string(Ctx& c, const IpInfo& ip);
std::string ip_dst_string(Ctx& c, const IpInfo& ip);
// The Internet checksum of `data` with the IPv4 or IPv6 pseudo-header for
// `proto` (the final destination of a source route, as tcpdump does).
uint16_t nextproto_cksum(const IpInfo& ip, Bytes data, uint8_t proto);
// tcpdump's in_cksum_shouldbe(): the checksum a header should carry.
uint16_t cksum_shouldbe(uint16_t sum, uint16_t computed);

// The protocol after IPv4 or IPv6 headers (tcpdump's ip_demux_print()).
void ip_demux_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented, uint8_t nh);
void ip6_print(Ctx& c, Bytes p, uint32_t length);
std::string ip6addr_string(Ctx& c, const std::array<uint8_t, 16>& a);
std::array<uint8_t, 16> peek_addr6(const Reader& r, size_t off);

void icmp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented);
void icmp6_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented);
void igmp_print(Ctx& c, Bytes p, uint32_t length);
void vrrp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip);
// CARP, printed instead of VRRP under -T carp.
void carp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip);
// IPsec: ESP's SPI and sequence number; AH's header, whose length it
// returns (the caller goes on with AH's next header).
void esp_print(Ctx& c, Bytes p, uint32_t length);
uint32_t ah_print(Ctx& c, Bytes p);
// UDP port 4500 (RFC 3948): ESP in UDP and NAT keep-alives; false (nothing
// printed) for IKE behind the non-ESP marker, which nsbox does not decode.
bool isakmp_rfc3948_print(Ctx& c, Bytes p, uint32_t length);
// IP payload compression (RFC 3173, IP protocol 108): its CPI; tcpdump does
// not decompress.
void ipcomp_print(Ctx& c, Bytes p);
// GRE versions 0 and 1 (IP protocol 47).
void gre_print(Ctx& c, Bytes p, uint32_t length);
// Spanning tree BPDUs (LLC SAP 0x42, Cisco PVST, RFC 2684 bridged BPDUs).
void stp_print(Ctx& c, Bytes p, uint32_t length);
// Cisco Discovery Protocol (SNAP OUI 0x00000c, PID 0x2000).
void cdp_print(Ctx& c, Bytes p, uint32_t length);
// Link Layer Discovery Protocol (ethertype 0x88cc).
void lldp_print(Ctx& c, Bytes p, uint32_t length);
void udp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented);
// SCTP (IP protocol 132): the common header and each chunk.
void sctp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip);
// M3UA in an SCTP DATA chunk (payload protocol 3), printed from -vv on.
void m3ua_print(Ctx& c, Bytes p, uint32_t size);
void tcp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented);
// A DNS message (tcpdump's domain_print()): over TCP it starts with its
// two-byte length; multicast DNS marks the QU and cache-flush bits.
void domain_print(Ctx& c, Bytes p, uint32_t length, bool over_tcp, bool mdns);
// A domain name outside DNS (tcpdump's fqdn_print()): the name at offset
// `cp` of `data` (which ends where the capture does), compression pointers
// taken relative to offset `bp`. The offset after the name, or nullopt when
// it could not be printed whole.
std::optional<int64_t> fqdn_print(Ctx& c, Bytes data, int64_t cp, int64_t bp);
// UDP payloads by port: NTP (123), BOOTP/DHCP (67, 68), TFTP (69), syslog
// (514), VXLAN (4789), Geneve (6081).
void ntp_print(Ctx& c, Bytes p, uint32_t length);
void bootp_print(Ctx& c, Bytes p, uint32_t length);
void vxlan_print(Ctx& c, Bytes p, uint32_t length);
void geneve_print(Ctx& c, Bytes p, uint32_t length);
void tftp_print(Ctx& c, Bytes p, uint32_t length);
void syslog_print(Ctx& c, Bytes p, uint32_t length);
// DHCPv6 (546, 547), RIP (520), RIPng (521), SNMP (161, 162).
void dhcp6_print(Ctx& c, Bytes p, uint32_t length);
void rip_print(Ctx& c, Bytes p, uint32_t length);
void ripng_print(Ctx& c, Bytes p, uint32_t length);
void snmp_print(Ctx& c, Bytes p, uint32_t length);
// PTP (UDP ports 319, 320; -T ptp).
void ptp_print(Ctx& c, Bytes p, uint32_t length);
// AODV (UDP port 654, -T aodv); ip6: the datagram came over IPv6.
void aodv_print(Ctx& c, Bytes p, uint32_t length, bool ip6);
// LBL's whiteboard (UDP, to port 4567; -T wb).
void wb_print(Ctx& c, Bytes p, uint32_t length);
// RADIUS (UDP ports 1645, 1646, 1700, 1812, 1813, 3799; -T radius).
void radius_print(Ctx& c, Bytes p, uint32_t length);
// Kerberos (UDP ports 88, 750).
void krb_print(Ctx& c, Bytes p);
// OTV (UDP port 8472, which is also Linux's default VXLAN port).
void otv_print(Ctx& c, Bytes p, uint32_t length);
void mpls_print(Ctx& c, Bytes p, uint32_t length);
void timed_print(Ctx& c, Bytes p);
void vqp_print(Ctx& c, Bytes p, uint32_t length);
void autorp_print(Ctx& c, Bytes p, uint32_t length);
void babel_print(Ctx& c, Bytes p, uint32_t length);
void ahcp_print(Ctx& c, Bytes p, uint32_t length);
void lisp_print(Ctx& c, Bytes p, uint32_t length);
void nsh_print(Ctx& c, Bytes p, uint32_t length);
// The packet a next-protocol field of NSH or VXLAN-GPE names (1 IPv4,
// 2 IPv6, 3 Ethernet; the numbers are the same in both); false for others.
bool nsh_next_print(Ctx& c, uint8_t next, Bytes p, uint32_t length);
void vxlan_gpe_print(Ctx& c, Bytes p, uint32_t length);
// (ap_ident: sent to the control port, so led by the access point's MAC)
void lwapp_control_print(Ctx& c, Bytes p, uint32_t length, bool ap_ident);
void lwapp_data_print(Ctx& c, Bytes p, uint32_t length);
// Broadcom's LI shim (UDP, from port 49152).
void bcm_li_print(Ctx& c, Bytes p, uint32_t length);
// BFD (UDP, to ports 3784, 3785, 4784, 6784), by destination port.
void bfd_print(Ctx& c, Bytes p, uint32_t length, uint16_t port);
// HSRP (UDP, to port 1985).
void hsrp_print(Ctx& c, Bytes p, uint32_t length);
// An EAP message of `length` bytes (RADIUS's EAP-Message attribute, an
// EAPOL packet).
void eap_print(Ctx& c, Bytes p, uint32_t length);
// 802.1X EAPOL (ethertype 0x888e): the frame type, version and length; from
// -v on the EAP packet inside.
void eapol_print(Ctx& c, Bytes p);
// A 32.32 NTP timestamp: seconds.nanoseconds and, when not zero, its UTC
// date (tcpdump's p_ntp_time()).
void p_ntp_time(Ctx& c, uint32_t seconds, uint32_t fraction);
// Sun RPC (-T rpc only): calls, and replies' status; no ports printed.
void sunrpc_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip);
// ZMTP/1.0 (TCP, -T zmtp1 only).
void zmtp1_print(Ctx& c, Bytes p, uint32_t length);
// RESP, Redis' protocol (TCP port 6379, -T resp).
void resp_print(Ctx& c, Bytes p, uint32_t length);
// NetFlow v1, v5, v6 (-T cnfp only).
void cnfp_print(Ctx& c, Bytes p);
// Only under -T: vat and vt audio, RTP and RTCP (rtp.cpp).
void vat_print(Ctx& c, Bytes p, uint32_t length);
void rtp_print(Ctx& c, Bytes p, uint32_t length);
void rtcp_print(Ctx& c, Bytes p);
// SOME/IP (UDP port 30490, -T someip).
void someip_print(Ctx& c, Bytes p, uint32_t length);

// Formatting shared by the printers.
// A count of seconds as tcpdump's unsigned_relts_print() shows it: "1h2m3s".
void relts_print(Ctx& c, uint32_t secs);
std::string ipaddr_string(Ctx& c, const std::array<uint8_t, 4>& a);
// a.b.c.d, never a name (tcpdump's intoa()).
std::string ntop4(const std::array<uint8_t, 4>& a);
std::string etheraddr_string(Ctx& c, const std::array<uint8_t, 6>& a);
// The 6 bytes at `off` of `r` (from its position) as a MAC address,
// throwing Truncated when they are not captured.
std::array<uint8_t, 6> peek_mac(const Reader& r, size_t off);
std::string linkaddr_string(Ctx& c, Bytes a);
// A Frame Relay (Q.922) address, as ARP prints it: "DLCI n".
std::string q922_string(Bytes a);
std::string udpport_string(Ctx& c, uint16_t port);
std::string tcpport_string(Ctx& c, uint16_t port);
// One byte of text as tcpdump's fn_print_char() shows it: printable ASCII
// as is, "M-" before a byte with the high bit set, "^" before a control
// character.
void print_char(Ctx& c, uint8_t ch);
// nd_printn(): the n bytes at `off` of `r` as print_char() shows them,
// throwing Truncated past the capture; nd_printjnp(): the same, stopping at
// a NUL.
void printn(Ctx& c, const Reader& r, size_t off, size_t n);
void printjnp(Ctx& c, const Reader& r, size_t off, size_t n);

// Reads 4 bytes at `off` of `r`'s span (from its current position) as an
// IPv4 address, throwing Truncated when they are not captured.
std::array<uint8_t, 4> peek_addr4(const Reader& r, size_t off);

} // namespace nsbox::tcpdump
