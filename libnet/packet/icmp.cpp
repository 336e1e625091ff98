#include "libnet/packet/icmp.hpp"

#include <cstring>

#include "libnet/packet/checksum.hpp"

namespace nsbox::net::packet {

namespace {

void put_be16(std::span<std::byte> out, size_t at, uint16_t v)
{
    out[at] = std::byte(v >> 8);
    out[at + 1] = std::byte(v & 0xff);
}

} // namespace

size_t build_echo_request(std::span<std::byte> out, uint16_t id, uint16_t seq,
                          std::span<const std::byte> payload)
{
    size_t len = icmp_header_len + payload.size();
    if (out.size() < len)
        throw std::length_error("echo request does not fit the buffer");
    out[0] = std::byte(icmp_type::echo_request);
    out[1] = std::byte(0);
    put_be16(out, 2, 0);
    put_be16(out, 4, id);
    put_be16(out, 6, seq);
    if (!payload.empty())
        std::memmove(out.data() + icmp_header_len, payload.data(), payload.size());
    put_be16(out, 2, checksum(out.first(len)));
    return len;
}

size_t build_echo6_request(std::span<std::byte> out, uint16_t id, uint16_t seq,
                           std::span<const std::byte> payload)
{
    size_t len = icmp_header_len + payload.size();
    if (out.size() < len)
        throw std::length_error("echo request does not fit the buffer");
    out[0] = std::byte(icmp6_type::echo_request);
    out[1] = std::byte(0);
    put_be16(out, 2, 0);
    put_be16(out, 4, id);
    put_be16(out, 6, seq);
    if (!payload.empty())
        std::memmove(out.data() + icmp_header_len, payload.data(), payload.size());
    return len;
}

bool icmp_checksum_ok(Bytes message)
{
    return checksum(message) == 0;
}

Ipv4Header parse_ipv4(Reader& r)
{
    Ipv4Header h;
    uint8_t vihl = r.u8();
    h.version = static_cast<uint8_t>(vihl >> 4);
    h.header_len = size_t(vihl & 0x0f) * 4;
    if (h.header_len < ipv4_min_header_len)
        throw BadHeader("IPv4 header length below 20 bytes");
    h.tos = r.u8();
    h.total_len = r.be16();
    h.id = r.be16();
    h.frag = r.be16();
    h.ttl = r.u8();
    h.protocol = r.u8();
    h.checksum = r.be16();
    h.src = r.addr4();
    h.dst = r.addr4();
    h.options = r.bytes(h.header_len - ipv4_min_header_len);
    return h;
}

bool IcmpMessage::is_error() const noexcept
{
    switch (type) {
    case icmp_type::dest_unreach:
    case icmp_type::source_quench:
    case icmp_type::redirect:
    case icmp_type::time_exceeded:
    case icmp_type::param_problem:
        return true;
    default:
        return false;
    }
}

IcmpMessage parse_icmp(Bytes message)
{
    Reader r(message);
    IcmpMessage m;
    m.type = r.u8();
    m.code = r.u8();
    m.checksum = r.be16();
    m.rest = r.be32();
    m.body = r.rest();
    m.whole = message;
    return m;
}

Ipv4Icmp parse_ipv4_icmp(Bytes datagram)
{
    Reader r(datagram);
    Ipv4Icmp out;
    out.ip = parse_ipv4(r);
    out.icmp = parse_icmp(r.rest());
    return out;
}

std::optional<QuotedEcho> quoted_echo(const IcmpMessage& error)
{
    if (!error.is_error())
        return std::nullopt;
    try {
        Reader r(error.body);
        QuotedEcho q;
        q.ip = parse_ipv4(r);
        if (q.ip.protocol != 1) // IPPROTO_ICMP
            return std::nullopt;
        if (r.u8() != icmp_type::echo_request)
            return std::nullopt;
        r.skip(3); // code, checksum
        q.id = r.be16();
        q.seq = r.be16();
        return q;
    } catch (const Truncated&) {
        return std::nullopt;
    } catch (const BadHeader&) {
        return std::nullopt;
    }
}

} // namespace nsbox::net::packet
