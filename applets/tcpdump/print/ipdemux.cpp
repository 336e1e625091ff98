// What IPv4 and IPv6 share: the protocol dispatch after the IP headers,
// the address prefix of transport lines, pseudo-header checksums.

#include "libnet/packet/checksum.hpp"

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace proto {
constexpr uint8_t hopopts = 0;
constexpr uint8_t icmp = 1;
constexpr uint8_t igmp = 2;
constexpr uint8_t ipv4 = 4;
constexpr uint8_t tcp = 6;
constexpr uint8_t udp = 17;
constexpr uint8_t ipv6 = 41;
constexpr uint8_t gre = 47;
constexpr uint8_t esp = 50;
constexpr uint8_t ah = 51;
constexpr uint8_t routing = 43;
constexpr uint8_t fragment = 44;
constexpr uint8_t icmpv6 = 58;
constexpr uint8_t none = 59;
constexpr uint8_t dstopts = 60;
constexpr uint8_t mobility_old = 62;
constexpr uint8_t nd = 77;
constexpr uint8_t ipcomp = 108;
constexpr uint8_t vrrp = 112;
constexpr uint8_t sctp = 132;
constexpr uint8_t mobility = 135;
constexpr uint8_t ethernet = 143;
} // namespace proto

uint8_t at(Bytes b, size_t i)
{
    if (b.size() <= i)
        throw Truncated();
    return uint8_t(b[i]);
}

// ip_finddst() for IPv4: the last hop of a complete LSRR/SSRR option.
size_t ipv4_final_dst(Bytes h)
{
    size_t hlen = (at(h, 0) & 0x0f) * 4u;
    size_t length = hlen > 20 ? hlen - 20 : 0;
    size_t pos = 20;
    while (length != 0) {
        uint8_t tt = at(h, pos);
        size_t len;
        if (tt == 0)
            break;
        if (tt == 1) {
            len = 1;
        } else {
            len = at(h, pos + 1);
            if (len < 2)
                break;
        }
        if (length < len || h.size() < pos + len)
            break;
        if ((tt == 131 || tt == 137) && len >= 7)
            return pos + len - 4;
        pos += len;
        length -= len;
    }
    return 16;
}

// ip6_finddst(): the final destination of a routing header, if any.
size_t ipv6_final_dst(Bytes p)
{
    size_t cp = 0, advance = 40, dst = 24;
    uint8_t nh = at(p, 6);
    while (cp < p.size()) {
        cp += advance;
        switch (nh) {
        case proto::hopopts:
        case proto::dstopts:
        case proto::mobility_old:
        case proto::mobility:
            advance = size_t(at(p, cp + 1) + 1) << 3;
            nh = at(p, cp);
            break;
        case proto::fragment:
            advance = 8;
            nh = at(p, cp);
            break;
        case proto::routing: {
            if (p.size() < cp + 4)
                return dst;
            uint8_t len = uint8_t(p[cp + 1]);
            uint8_t type = uint8_t(p[cp + 2]);
            if (type == 0 || type == 2) {
                if (len % 2 == 1)
                    return dst;
                size_t a = cp + 8;
                for (int i = 0; i < len / 2; ++i, a += 16) {
                    if (p.size() < a + 16)
                        return dst;
                    dst = a;
                }
            } else if (type == 4) {
                if (len % 2 == 1 || p.size() < cp + 8 + 16)
                    return dst;
                dst = cp + 8;
            }
            return dst;
        }
        default:
            return dst;
        }
    }
    return dst;
}

} // namespace

std::string ip_src_string(Ctx& c, const IpInfo& ip)
{
    Reader r(ip.packet);
    if (ip.version == 6)
        return ip6addr_string(c, peek_addr6(r, 8));
    return ipaddr_string(c, peek_addr4(r, 12));
}

std::string ip_dst_string(Ctx& c, const IpInfo& ip)
{
    Reader r(ip.packet);
    if (ip.version == 6)
        return ip6addr_string(c, peek_addr6(r, 24));
    return ipaddr_string(c, peek_addr4(r, 16));
}

uint16_t cksum_shouldbe(uint16_t sum, uint16_t computed)
{
    uint32_t v = uint32_t(sum) + computed;
    v = (v & 0xffff) + (v >> 16);
    v = (v & 0xffff) + (v >> 16);
    return static_cast<uint16_t>(v);
}

uint16_t nextproto_cksum(const IpInfo& ip, Bytes data, uint8_t next)
{
    using net::packet::checksum_add;
    Bytes p = ip.packet;
    uint32_t sum = 0;
    auto add = [&](size_t off, size_t n) { sum = checksum_add(sum, p.subspan(off, n)); };
    if (ip.version == 6) {
        add(8, 16);
        uint8_t nh = at(p, 6);
        bool scan = nh == proto::hopopts || nh == proto::dstopts || nh == proto::mobility_old ||
                    nh == proto::mobility || nh == proto::fragment || nh == proto::routing;
        add(scan ? ipv6_final_dst(p) : 24, 16);
        std::array<std::byte, 8> tail{std::byte(data.size() >> 24), std::byte(data.size() >> 16),
                                      std::byte(data.size() >> 8), std::byte(data.size()),
                                      std::byte{0}, std::byte{0}, std::byte{0}, std::byte(next)};
        sum = checksum_add(sum, tail);
    } else {
        add(12, 4);
        add((at(p, 0) & 0x0f) == 5 ? 16 : ipv4_final_dst(p), 4);
        std::array<std::byte, 4> tail{std::byte{0}, std::byte(next), std::byte(data.size() >> 8),
                                      std::byte(data.size())};
        sum = checksum_add(sum, tail);
    }
    return net::packet::checksum_finish(checksum_add(sum, data));
}

void ip_demux_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip, bool fragmented, uint8_t nh)
{
    auto requires_version = [&](int v) {
        c.print("[{} requires IPv{}]", tok_lookup(ipproto_names, nh).value_or("unknown"), v);
        c.print_invalid();
    };
    // AH's next header is printed after it, from the bytes it covers.
    while (nh == proto::ah) {
        if (p.empty()) {
            c.proto = "ah";
            c.print_trunc();
            return;
        }
        auto next = uint8_t(p[0]);
        uint32_t advance = ah_print(c, p);
        p = p.subspan(advance);
        length -= advance;
        nh = next;
    }
    switch (nh) {
    case proto::tcp:
        tcp_print(c, p, length, ip, fragmented);
        break;
    case proto::udp:
        udp_print(c, p, length, ip, fragmented);
        break;
    case proto::icmp:
        if (ip.version == 4)
            icmp_print(c, p, length, ip, fragmented);
        else
            requires_version(4);
        break;
    case proto::icmpv6:
        if (ip.version == 6)
            icmp6_print(c, p, length, ip, fragmented);
        else
            requires_version(6);
        break;
    case proto::igmp:
        if (ip.version == 4)
            igmp_print(c, p, length);
        else
            requires_version(4);
        break;
    case proto::vrrp:
        if (c.opt.packettype == PacketType::carp)
            carp_print(c, p, length, ip);
        else
            vrrp_print(c, p, length, ip);
        break;
    case proto::sctp:
        sctp_print(c, p, length, ip);
        break;
    case proto::nd:
        c.print(" nd {}", length);
        break;
    case proto::ipv4:
        ip_print(c, p, length);
        break;
    case proto::ipv6:
        ip6_print(c, p, length);
        break;
    case proto::gre:
        gre_print(c, p, length);
        break;
    case proto::esp:
        esp_print(c, p, length);
        break;
    case proto::ipcomp:
        ipcomp_print(c, p);
        break;
    case proto::ethernet:
        if (ip.version == 6)
            ether_print(c, p, length, static_cast<uint32_t>(p.size()));
        else
            requires_version(6);
        break;
    case proto::none:
        c.put("no next header");
        break;
    default:
        if (!c.opt.nflag && !netdb_protonames[nh].empty())
            c.print(" {}", netdb_protonames[nh]);
        else
            c.print(" ip-proto-{}", nh);
        c.print(" {}", length);
        break;
    }
}

} // namespace nsbox::tcpdump
