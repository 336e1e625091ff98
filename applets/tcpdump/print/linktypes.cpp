// Link layers other than Ethernet: raw IP (DLT_RAW, DLT_IPV4), BSD loopback
// (DLT_NULL, DLT_LOOP), and Linux cooked captures (DLT_LINUX_SLL, SLL2 -
// what "-i any" captures).

#include <net/if.h>

#include "applets/common/left.hpp"
#include "applets/tcpdump/print/llc.hpp"
#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint16_t max_ethernet_length = 1500;
constexpr uint32_t null_hdrlen = 4;
constexpr uint32_t sll_hdrlen = 16;
constexpr uint32_t sll2_hdrlen = 20;
constexpr uint16_t sll_p_802_3 = 0x0001;
constexpr uint16_t sll_p_802_2 = 0x0004;

constexpr Tok bsd_af_values[] = {
    {2, "IPv4"}, {7, "OSI"}, {16, "Appletalk"}, {23, "IPX"}, {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"},
};

constexpr Tok sll_pkttype_values[] = {
    {0, "In"}, {1, "B"}, {2, "M"}, {3, "P"}, {4, "Out"},
};

void null_hdr_print(Ctx& c, uint32_t family, uint32_t length)
{
    if (!c.opt.qflag)
        c.print("AF {} ({})", tok_lookup(bsd_af_values, family).value_or("Unknown"), family);
    else
        c.put(tok_or(bsd_af_values, family, [](uint32_t v) { return fmt::format("Unknown AF {}", v); }));
    c.print(", length {}: ", length);
}

// The ", ethertype X (0x...), length N: " part of a cooked header.
void sll_type_print(Ctx& c, uint16_t type, uint32_t length)
{
    if (c.opt.qflag)
        return;
    if (type <= max_ethernet_length) {
        if (type == sll_p_802_3)
            c.put("802.3");
        else if (type == sll_p_802_2)
            c.put("802.2");
        else
            c.print("ethertype Unknown ({:#06x})", type);
    } else {
        c.print("ethertype {} ({:#06x})", tok_lookup(ethertype_names, type).value_or("Unknown"), type);
    }
    c.print(", length {}: ", length);
}

void sll_print(Ctx& c, const Reader& h, uint32_t length)
{
    c.proto = "sll";
    c.print("{:>3} ", tok_lookup(sll_pkttype_values, h.peek_be16(0)).value_or("?"));
    if (h.peek_be16(4) == 6)
        c.print("{} ", etheraddr_string(c, {h.peek_u8(6), h.peek_u8(7), h.peek_u8(8), h.peek_u8(9),
                                            h.peek_u8(10), h.peek_u8(11)}));
    sll_type_print(c, h.peek_be16(14), length);
}

void sll2_print(Ctx& c, const Reader& h, uint32_t length)
{
    c.proto = "sll2";
    c.print("ifindex {} ", h.peek_be32(4));
    if (h.peek_u8(11) == 6)
        c.print("{} ", etheraddr_string(c, {h.peek_u8(12), h.peek_u8(13), h.peek_u8(14), h.peek_u8(15),
                                            h.peek_u8(16), h.peek_u8(17)}));
    sll_type_print(c, h.peek_be16(0), length);
}

// What follows a cooked header: an ethertype, 802.1Q, or an 802.2 frame.
// Returns the header length past the cooked header.
uint32_t cooked_payload(Ctx& c, const Reader& h, uint16_t type, Bytes p, uint32_t length, uint32_t caplen,
                        bool sll2, uint32_t hdrlen)
{
    Reader r(p);
    for (;;) {
        if (type <= max_ethernet_length) {
            if (type == sll_p_802_2) {
                int llc_hdrlen = llc_print(c, r.rest(), length, caplen, nullptr, nullptr);
                if (llc_hdrlen >= 0)
                    return hdrlen + static_cast<uint32_t>(llc_hdrlen);
            }
            // Novell 802.3 (not decoded) and unknown types: raw bytes.
            if (!c.opt.suppress_default_print)
                default_print(c, r.rest(), caplen);
            return hdrlen;
        }
        if (type == ethertype::vlan) {
            if (caplen < 4) {
                c.proto = "vlan";
                c.print_trunc();
                return hdrlen + caplen;
            }
            if (c.opt.eflag) {
                uint16_t tci = r.peek_be16(0);
                c.print("vlan {}, p {}{}, ", tci & 0xfff, tci >> 13, (tci & 0x1000) ? ", DEI" : "");
            }
            type = r.peek_be16(2);
            if (type <= max_ethernet_length)
                type = sll_p_802_2;
            if (!c.opt.qflag)
                c.print("ethertype {}, ", tok_lookup(ethertype_names, type).value_or("Unknown"));
            r.skip(4);
            length -= 4;
            caplen -= 4;
            hdrlen += 4;
            continue;
        }
        if (!ethertype_print(c, type, r.rest(), length, caplen)) {
            if (!c.opt.eflag) {
                if (sll2)
                    sll2_print(c, h, length + sll2_hdrlen);
                else
                    sll_print(c, h, length + sll_hdrlen);
            }
            if (!c.opt.suppress_default_print)
                default_print(c, r.rest(), caplen);
        }
        return hdrlen;
    }
}

} // namespace

uint32_t raw_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "raw";
    if (c.opt.eflag)
        c.put("ip: ");
    ipN_print(c, p, h.len);
    return 0;
}

uint32_t null_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "null";
    Reader r(p);
    if (!r.has(null_hdrlen))
        throw Truncated();
    uint32_t family = r.le32();
    if (family & 0xffff0000u)
        family = __builtin_bswap32(family);
    uint32_t length = h.len - null_hdrlen;
    uint32_t caplen = h.caplen - null_hdrlen;
    if (c.opt.eflag)
        null_hdr_print(c, family, h.len);
    switch (family) {
    case 2:
        ip_print(c, r.rest(), length);
        break;
    case 24:
    case 28:
    case 30:
        ip6_print(c, r.rest(), length);
        break;
    default:
        // OSI, Appletalk and IPX are not decoded.
        if (!c.opt.eflag)
            null_hdr_print(c, family, length + null_hdrlen);
        if (!c.opt.suppress_default_print)
            default_print(c, r.rest(), caplen);
        break;
    }
    return null_hdrlen;
}

uint32_t sll_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "sll";
    Reader r(p);
    if (!r.has(sll_hdrlen))
        throw Truncated();
    Reader hdr(p.first(sll_hdrlen));
    if (c.opt.eflag)
        sll_print(c, hdr, h.len);
    r.skip(sll_hdrlen);
    return cooked_payload(c, hdr, hdr.peek_be16(14), r.rest(), h.len - sll_hdrlen, h.caplen - sll_hdrlen, false,
                          sll_hdrlen);
}

uint32_t sll2_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "sll2";
    Reader r(p);
    if (!r.has(sll2_hdrlen))
        throw Truncated();
    Reader hdr(p.first(sll2_hdrlen));
    uint32_t ifindex = hdr.peek_be32(4);
    char name[IF_NAMESIZE];
    if (!if_indextoname(ifindex, name)) {
        name[0] = '?';
        name[1] = '\0';
    }
    c.print("{} ", cli::Left{name, 5});
    c.print("{:<3} ", tok_lookup(sll_pkttype_values, hdr.peek_u8(10)).value_or("?"));
    if (c.opt.eflag)
        sll2_print(c, hdr, h.len);
    r.skip(sll2_hdrlen);
    return cooked_payload(c, hdr, hdr.peek_be16(0), r.rest(), h.len - sll2_hdrlen, h.caplen - sll2_hdrlen, true,
                          sll2_hdrlen);
}

} // namespace nsbox::tcpdump
