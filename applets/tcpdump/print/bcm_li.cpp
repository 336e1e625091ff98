// Broadcom's lawful-intercept shim (UDP, from port 49152), as tcpdump 4.99.3
// prints it: the shim's direction, packet type and subtype and intercept id;
// from -v on the packet behind it (Ethernet, IPv4, IPv6, or by its first
// nibble). 49152 is also the first ephemeral port, so any datagram sent from
// it prints this way (real BFD sessions often do), as in tcpdump.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : unsigned { undecided = 4, ipv4 = 5, ipv6 = 6, ethernet = 7 };

constexpr Tok directions[] = {{1, "unused"}, {2, "egress"}, {3, "ingress"}};
constexpr Tok pkt_types[] = {{undecided, "undecided"}, {ipv4, "ipv4"}, {ipv6, "ipv6"}, {ethernet, "ethernet"}};
constexpr Tok pkt_subtypes[] = {{1, "single VLAN tag"}, {2, "double VLAN tag"}, {3, "untagged"}};

} // namespace

void bcm_li_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "bcm_li";
    constexpr uint32_t shim_len = 4;
    if (length < shim_len) {
        c.print(" (length {} < {})", length, shim_len);
        return c.print_invalid();
    }
    Reader r(p);
    uint32_t shim = r.peek_be32(0);
    unsigned type = (shim >> 25) & 0xf;
    const char* nl = c.opt.vflag ? "\n    " : "";
    c.print("{}BCM-LI-SHIM: direction {}, pkt-type {}, pkt-subtype {}, li-id {}{}", nl,
            tok_lookup(directions, (shim >> 29) & 7).value_or("unknown"),
            tok_lookup(pkt_types, type).value_or("unknown"),
            tok_lookup(pkt_subtypes, (shim >> 22) & 7).value_or("unknown"), shim & 0x3fffff, nl);
    length -= shim_len;
    Bytes inner = p.subspan(std::min<size_t>(shim_len, p.size()));
    if (!c.opt.vflag) {
        if (inner.size() < length)
            throw Truncated();
        return;
    }
    if (type == undecided) {
        uint8_t version = Reader(inner).peek_u8(0) >> 4;
        if (version != 4 && version != 6)
            return c.put("unknown payload");
        type = version == 4 ? ipv4 : ipv6;
    }
    switch (type) {
    case ethernet: ether_print(c, inner, length, static_cast<uint32_t>(inner.size())); break;
    case ipv4: ip_print(c, inner, length); break;
    case ipv6: ip6_print(c, inner, length); break;
    default: c.print_invalid(); break;
    }
}

} // namespace nsbox::tcpdump
