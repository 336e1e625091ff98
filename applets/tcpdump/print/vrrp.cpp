// VRRP v2 and v3 (RFC 3768, 5798), IP protocol 112: version, type, the
// hop limit when not 255, the advertisement's router id, priority, auth type
// and interval; from -v on the checksum, the addresses and a v2 password.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"
#include "libnet/packet/checksum.hpp"

namespace nsbox::tcpdump {

namespace {
constexpr uint8_t type_advertisement = 1;
constexpr uint8_t auth_simple = 1;
constexpr uint8_t ipproto_vrrp = 112;
constexpr Tok vrrp_type_names[] = {{type_advertisement, "Advertisement"}};
constexpr Tok vrrp_auth_names[] = {{0, "none"}, {1, "simple"}, {2, "ah"}};
} // namespace

void vrrp_print(Ctx& c, Bytes p, uint32_t len, const IpInfo& ip)
{
    c.proto = "vrrp";
    Reader r(p);
    c.put("VRRP");
    uint8_t vt = r.peek_u8(0);
    unsigned version = vt >> 4, type = vt & 0x0f;
    c.print("v{}, {}", version,
            tok_or(vrrp_type_names, type, [](uint32_t v) { return fmt::format("unknown type ({})", v); }));
    if (ip.ttl != 255)
        c.print(", (ttl {})", ip.ttl);
    if (version < 2 || version > 3 || type != type_advertisement)
        return;
    c.print(", vrid {}, prio {}", r.peek_u8(1), r.peek_u8(2));
    uint8_t auth_type = 0;
    if (version == 2) {
        auth_type = r.peek_u8(4);
        c.print(", authtype {}",
                tok_or(vrrp_auth_names, auth_type, [](uint32_t v) { return fmt::format("#{}", v); }));
        c.print(", intvl {}s, length {}", r.peek_u8(5), len);
    } else {
        unsigned intvl = (r.peek_u8(4) & 0x0f) << 8 | r.peek_u8(5);
        c.print(", intvl {}cs, length {}", intvl, len);
    }
    if (!c.opt.vflag)
        return;
    unsigned naddrs = r.peek_u8(3);
    if (r.has(len)) {
        uint16_t sum = version == 2 ? net::packet::checksum(p.first(len))
                                    : nextproto_cksum(ip, p.first(len), ipproto_vrrp);
        if (sum != 0)
            c.print(", (bad vrrp cksum {:x})", r.peek_be16(6));
    }
    c.put(", addrs");
    if (naddrs > 1)
        c.print("({})", naddrs);
    c.put(':');
    char sep = ' ';
    size_t off = 8;
    for (unsigned i = 0; i < naddrs; ++i) {
        if (ip.version == 4) {
            c.print("{}{}", sep, ipaddr_string(c, peek_addr4(r, off)));
            off += 4;
        } else {
            c.print("{}{}", sep, ip6addr_string(c, peek_addr6(r, off)));
            off += 16;
        }
        sep = ',';
    }
    if (version == 2 && auth_type == auth_simple) {
        c.put(" auth \"");
        for (size_t k = 0; k < 8; ++k) {
            uint8_t ch = r.peek_u8(off + k);
            if (ch == 0)
                break;
            print_char(c, ch);
        }
        c.put('"');
    }
}

} // namespace nsbox::tcpdump
