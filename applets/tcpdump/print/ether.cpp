// Ethernet II, 802.1Q/802.1ad tags, 802.3 with an LLC header, and the
// ethertype dispatch shared with the other link layers.

#include "applets/tcpdump/print/llc.hpp"
#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t ether_hdrlen = 14;
constexpr uint16_t max_ethernet_length = 1500;
constexpr uint16_t ethertype_jumbo = 0x8870;
constexpr uint16_t ethertype_macsec = 0x88e5;

bool is_vlan(uint16_t t)
{
    return t == ethertype::vlan || t == ethertype::vlan9100 || t == ethertype::vlan9200 || t == ethertype::qinq;
}

void ether_type_print(Ctx& c, uint16_t type)
{
    if (!c.opt.qflag)
        c.print("ethertype {} ({:#06x})", tok_lookup(ethertype_names, type).value_or("Unknown"), type);
    else if (auto n = tok_lookup(ethertype_names, type))
        c.put(*n);
    else
        c.print("Unknown Ethertype ({:#06x})", type);
}

void addresses_print(Ctx& c, const std::array<uint8_t, 6>& src, const std::array<uint8_t, 6>& dst)
{
    c.print("{} > {}, ", etheraddr_string(c, src), etheraddr_string(c, dst));
}

// ieee8021q_tci_string(): "vlan 10, p 3" with ", DEI" when set.
std::string tci_string(uint16_t tci)
{
    std::string s = fmt::format("vlan {}, p {}", tci & 0xfff, tci >> 13);
    if (tci & 0x1000)
        s += ", DEI";
    return s;
}

} // namespace

// Truncation is reported under the caller's protocol name, as tcpdump's
// ether_print() leaves ndo_protocol alone (ether_if_print() sets "ether").
uint32_t ether_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen)
{
    if (length < caplen) {
        c.print("[length {} < caplen {}]", length, caplen);
        c.print_invalid();
        return length;
    }
    if (caplen < ether_hdrlen) {
        // An inner frame (GRE, VXLAN, Geneve) cut inside its Ethernet
        // header ends in [|ether], as in tcpdump.
        c.proto = "ether";
        c.print_trunc();
        return caplen;
    }
    Reader r(p.first(caplen));
    uint32_t orig_length = length;
    auto dst = r.mac();
    auto src = r.mac();
    length -= 12;
    caplen -= 12;
    uint32_t hdrlen = 12;
    if (c.opt.eflag)
        addresses_print(c, src, dst);

    uint16_t type = r.be16();
    length -= 2;
    caplen -= 2;
    hdrlen += 2;

    bool printed_length = false;
    while (is_vlan(type)) {
        if (caplen < 4) {
            c.proto = "vlan";
            c.print_trunc();
            return hdrlen + caplen;
        }
        if (length < 4) {
            c.proto = "vlan";
            c.print_trunc();
            return hdrlen + length;
        }
        uint16_t tag = r.peek_be16(0);
        if (c.opt.eflag) {
            ether_type_print(c, type);
            if (!printed_length) {
                c.print(", length {}: ", orig_length);
                printed_length = true;
            } else {
                c.put(", ");
            }
            c.print("{}, ", tci_string(tag));
        }
        type = r.peek_be16(2);
        r.skip(4);
        length -= 4;
        caplen -= 4;
        hdrlen += 4;
    }

    if (type == ethertype_macsec) {
        if (c.opt.eflag) {
            ether_type_print(c, type);
            c.print(", length {}: ", orig_length);
            printed_length = true;
        }
        int ret = macsec_print(c, r, length, caplen, hdrlen, etheraddr_string(c, src), etheraddr_string(c, dst));
        if (ret == 0) {
            r.skip(hdrlen - r.offset());
            if (!c.opt.suppress_default_print)
                default_print(c, r.rest().first(std::min<size_t>(r.remaining(), caplen)), caplen);
            return hdrlen;
        }
        if (ret > 0)
            return uint32_t(ret);
        r.skip(hdrlen - r.offset());
        if (caplen < 2)
            throw Truncated(); // the ICV is not the inner type
        type = r.be16();
        length -= 2;
        caplen -= 2;
        hdrlen += 2;
    }

    if (type <= max_ethernet_length) {
        // A length field: the payload is that long, if the frame holds it
        // (the rest is padding).
        if (type < length) {
            length = type;
            if (caplen > length)
                caplen = length;
        }
        if (c.opt.eflag) {
            c.put("802.3");
            if (!printed_length)
                c.print(", length {}: ", length);
        }
        Bytes payload = r.rest().first(caplen);
        int llc_hdrlen = llc_print(c, payload, length, caplen, &src, &dst);
        if (llc_hdrlen < 0) {
            if (!c.opt.suppress_default_print)
                default_print(c, payload, caplen);
            llc_hdrlen = -llc_hdrlen;
        }
        return hdrlen + static_cast<uint32_t>(llc_hdrlen);
    }
    if (type == ethertype_jumbo) {
        Bytes payload = r.rest();
        int llc_hdrlen = llc_print(c, payload, length, caplen, &src, &dst);
        if (llc_hdrlen < 0) {
            if (!c.opt.suppress_default_print)
                default_print(c, payload, caplen);
            llc_hdrlen = -llc_hdrlen;
        }
        return hdrlen + static_cast<uint32_t>(llc_hdrlen);
    }
    if (c.opt.eflag) {
        ether_type_print(c, type);
        if (!printed_length)
            c.print(", length {}: ", orig_length);
        else
            c.put(", ");
    }
    Bytes payload = r.rest();
    if (!ethertype_print(c, type, payload, length, caplen)) {
        if (!c.opt.eflag) {
            addresses_print(c, src, dst);
            ether_type_print(c, type);
            c.print(", length {}: ", orig_length);
        }
        if (!c.opt.suppress_default_print)
            default_print(c, payload, caplen);
    }
    return hdrlen;
}

uint32_t ether_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "ether";
    return ether_print(c, p, h.len, h.caplen);
}

bool ethertype_print(Ctx& c, uint16_t type, Bytes p, uint32_t length, uint32_t caplen)
{
    Bytes captured = p.first(std::min<size_t>(p.size(), caplen));
    switch (type) {
    case ethertype::ipv4:
        ip_print(c, captured, length);
        return true;
    case ethertype::ipv6:
        ip6_print(c, captured, length);
        return true;
    case ethertype::arp:
    case ethertype::revarp:
        arp_print(c, captured, length, caplen);
        return true;
    case ethertype::lldp:
        lldp_print(c, captured, length);
        return true;
    case ethertype::eapol:
        eapol_print(c, captured);
        return true;
    case ethertype::mpls:
    case ethertype::mpls_multicast:
        mpls_print(c, captured, length);
        return true;
    case ethertype::nsh:
        nsh_print(c, captured, length);
        return true;
    default:
        return false;
    }
}

} // namespace nsbox::tcpdump
