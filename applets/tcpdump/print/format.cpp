// Address and port formatting shared by the printers (tcpdump's
// addrtoname.c), through the capture's Names (numeric under -n).

#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

std::string ipaddr_string(Ctx& c, const std::array<uint8_t, 4>& a) { return c.names.ipv4(a); }

std::string ntop4(const std::array<uint8_t, 4>& a) { return fmt::format("{}.{}.{}.{}", a[0], a[1], a[2], a[3]); }

std::string ip6addr_string(Ctx& c, const std::array<uint8_t, 16>& a) { return c.names.ipv6(a); }

std::array<uint8_t, 16> peek_addr6(const Reader& r, size_t off)
{
    Bytes b = r.rest();
    if (b.size() < off + 16)
        throw Truncated();
    std::array<uint8_t, 16> a{};
    for (size_t i = 0; i < 16; ++i)
        a[i] = uint8_t(b[off + i]);
    return a;
}

std::string etheraddr_string(Ctx& c, const std::array<uint8_t, 6>& a) { return c.names.ether(a); }

std::array<uint8_t, 6> peek_mac(const Reader& r, size_t off)
{
    if (!r.has(off) || !r.has(off + 6))
        throw Truncated();
    std::array<uint8_t, 6> m{};
    for (size_t i = 0; i < 6; ++i)
        m[i] = r.peek_u8(off + i);
    return m;
}

std::string linkaddr_string(Ctx& c, Bytes a)
{
    if (a.empty())
        return "<empty>";
    if (a.size() == 6) {
        std::array<uint8_t, 6> m{};
        for (size_t i = 0; i < 6; ++i)
            m[i] = uint8_t(a[i]);
        return etheraddr_string(c, m);
    }
    std::string s;
    for (size_t i = 0; i < a.size(); ++i)
        fmt::format_to(std::back_inserter(s), "{}{:02x}", i ? ":" : "", uint8_t(a[i]));
    return s;
}

std::string q922_string(Bytes p)
{
    // parse_q922_header(): 2 to 4 address bytes, the last with EA set.
    // Running out of bytes is "<Truncated>", a malformed address invalid.
    auto at = [&](size_t i) { return uint8_t(p[i]); };
    size_t length = p.size();
    if (length < 1)
        return "<Truncated>";
    if (at(0) & 1)
        return "<Invalid DLCI>";
    if (length < 2)
        return "<Truncated>";
    uint32_t dlci = uint32_t(at(0) & 0xfc) << 2 | uint32_t(at(1) & 0xf0) >> 4;
    if (at(1) & 1)
        return fmt::format("DLCI {}", dlci);
    size_t i = 2;
    if (length < 3)
        return "<Truncated>";
    if ((at(i) & 1) == 0) {
        dlci = dlci << 7 | at(i) >> 1;
        ++i;
    }
    if (length < i + 1)
        return "<Truncated>";
    if ((at(i) & 1) == 0)
        return "<Invalid DLCI>";
    dlci = dlci << 6 | at(i) >> 2;
    return fmt::format("DLCI {}", dlci);
}

std::string udpport_string(Ctx& c, uint16_t port) { return c.names.udp_port(port); }

std::string tcpport_string(Ctx& c, uint16_t port) { return c.names.tcp_port(port); }

// tcpdump's fn_print_char(): printable ASCII as is, M- for the high bit,
// ^ for control characters.
void print_char(Ctx& c, uint8_t ch)
{
    if (ch & 0x80) {
        ch &= 0x7f;
        c.put("M-");
    }
    if (ch < 0x20 || ch == 0x7f) {
        ch ^= 0x40;
        c.put('^');
    }
    c.put(char(ch));
}

void printn(Ctx& c, const Reader& r, size_t off, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        print_char(c, r.peek_u8(off + i));
}

void printjnp(Ctx& c, const Reader& r, size_t off, size_t n)
{
    for (; n > 0; --n, ++off) {
        uint8_t ch = r.peek_u8(off);
        if (ch == 0)
            break;
        print_char(c, ch);
    }
}

} // namespace nsbox::tcpdump
