// ICMP (RFC 792) echo builder and parsers for what an ICMP socket hands back:
// an echo reply, or an error that quotes the IPv4 header and the first eight
// bytes of the datagram it complains about.
//
// Everything reads through a bounded Reader; a message shorter than its
// headers throws Truncated, an IPv4 header that lies about its length throws
// BadHeader. Nothing here prints.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>

#include "libnet/packet/reader.hpp"

namespace nsbox::net::packet {

// ICMP message types (RFC 792, RFC 950, RFC 1256), for ping and tcpdump's
// printer.
namespace icmp_type {
inline constexpr uint8_t echo_reply = 0;
inline constexpr uint8_t dest_unreach = 3;
inline constexpr uint8_t source_quench = 4;
inline constexpr uint8_t redirect = 5;
inline constexpr uint8_t echo_request = 8;
inline constexpr uint8_t router_advert = 9;
inline constexpr uint8_t router_solicit = 10;
inline constexpr uint8_t time_exceeded = 11;
inline constexpr uint8_t param_problem = 12;
inline constexpr uint8_t timestamp = 13;
inline constexpr uint8_t timestamp_reply = 14;
inline constexpr uint8_t info_request = 15;
inline constexpr uint8_t info_reply = 16;
inline constexpr uint8_t mask_request = 17;
inline constexpr uint8_t mask_reply = 18;
} // namespace icmp_type

// ICMPv6 message types (RFC 4443; neighbour discovery, RFC 4861; MLD, RFC
// 2710 and 3810; inverse ND, RFC 3122; Mobile IPv6, RFC 6275; node
// information, RFC 4620), for ping and
// tcpdump's printer.
namespace icmp6_type {
inline constexpr uint8_t dest_unreach = 1;
inline constexpr uint8_t packet_too_big = 2;
inline constexpr uint8_t time_exceeded = 3;
inline constexpr uint8_t param_problem = 4;
inline constexpr uint8_t echo_request = 128;
inline constexpr uint8_t echo_reply = 129;
inline constexpr uint8_t mld_query = 130;
inline constexpr uint8_t mld_report = 131;
inline constexpr uint8_t mld_reduction = 132;
inline constexpr uint8_t router_solicit = 133;
inline constexpr uint8_t router_advert = 134;
inline constexpr uint8_t neighbor_solicit = 135;
inline constexpr uint8_t neighbor_advert = 136;
inline constexpr uint8_t redirect = 137;
inline constexpr uint8_t ind_solicit = 141;
inline constexpr uint8_t ind_advert = 142;
inline constexpr uint8_t mldv2_report = 143;
inline constexpr uint8_t hadiscov_request = 144;
inline constexpr uint8_t hadiscov_reply = 145;
inline constexpr uint8_t mobileprefix_solicit = 146;
inline constexpr uint8_t mobileprefix_advert = 147;
inline constexpr uint8_t ni_query = 139; // node information (RFC 4620)
inline constexpr uint8_t ni_reply = 140;
} // namespace icmp6_type

inline constexpr size_t icmp_header_len = 8;
inline constexpr size_t ipv4_min_header_len = 20;

// A header that claims an impossible length (IPv4 IHL below 5 words).
class BadHeader : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes an echo request (type 8, code 0) with `payload` after the 8-byte
// header into `out` and fills in the checksum. Returns the bytes written;
// throws std::length_error when `out` is too small.
size_t build_echo_request(std::span<std::byte> out, uint16_t id, uint16_t seq,
                          std::span<const std::byte> payload);

// The same for ICMPv6 (type 128), checksum left 0: it covers a pseudo-header
// with both addresses, so the kernel fills it in (raw sockets with
// IPV6_CHECKSUM, datagram sockets always).
size_t build_echo6_request(std::span<std::byte> out, uint16_t id, uint16_t seq,
                           std::span<const std::byte> payload);

// True when the RFC 1071 checksum over the whole ICMP message is correct.
bool icmp_checksum_ok(Bytes message);

struct Ipv4Header {
    uint8_t version = 0;
    size_t header_len = 0; // bytes, IHL * 4
    uint8_t tos = 0;
    uint16_t total_len = 0;
    uint16_t id = 0;
    uint16_t frag = 0; // flags and fragment offset, as on the wire
    uint8_t ttl = 0;
    uint8_t protocol = 0;
    uint16_t checksum = 0;
    std::array<uint8_t, 4> src{};
    std::array<uint8_t, 4> dst{};
    Bytes options; // header_len - 20 bytes
};

// Parses an IPv4 header (with its options) and leaves `r` after it.
Ipv4Header parse_ipv4(Reader& r);

// An ICMP message: the fixed 8-byte header and what follows it.
struct IcmpMessage {
    uint8_t type = 0;
    uint8_t code = 0;
    uint16_t checksum = 0;
    // The second header word: identifier and sequence for echo messages, the
    // gateway for a redirect, the pointer (top byte) for a parameter problem,
    // the next-hop MTU (low 16 bits) for "fragmentation needed".
    uint32_t rest = 0;
    Bytes body; // everything after the 8-byte header
    Bytes whole; // the message, header included

    uint16_t id() const noexcept { return static_cast<uint16_t>(rest >> 16); }
    uint16_t seq() const noexcept { return static_cast<uint16_t>(rest & 0xffff); }
    bool is_error() const noexcept;
};

// Parses an ICMP message (no IP header in front).
IcmpMessage parse_icmp(Bytes message);

// What a raw ICMP socket delivers: an IPv4 header and the ICMP message.
struct Ipv4Icmp {
    Ipv4Header ip;
    IcmpMessage icmp;
};
Ipv4Icmp parse_ipv4_icmp(Bytes datagram);

// The echo request an ICMP error quotes: the quoted IPv4 header and the
// request's identifier and sequence.
struct QuotedEcho {
    Ipv4Header ip;
    uint16_t id = 0;
    uint16_t seq = 0;
};

// The echo request quoted by an error message (destination unreachable, source
// quench, redirect, time exceeded, parameter problem), or nullopt when the
// message is not such an error, quotes something other than an ICMP echo
// request, or quotes fewer than the IPv4 header and 8 bytes.
std::optional<QuotedEcho> quoted_echo(const IcmpMessage& error);

} // namespace nsbox::net::packet
