// IEEE 802.1AB Link Layer Discovery Protocol (ethertype 0x88cc), as tcpdump
// 4.99.3 prints it: "LLDP, length N" and the system name by default; from
// -v on one line per TLV with its decoded value, and from -vv on (or -v for
// a TLV it cannot decode) a hex dump of the TLV.
//
// Decoded: the mandatory and optional basic TLVs, the management address,
// the IEEE 802.1 subtypes 1-4 (port VLAN, protocol VLAN, VLAN name,
// protocol identity), the IEEE 802.3 subtypes (MAC/PHY, power via MDI, link
// aggregation, max frame size) and IANA's MUD-URL. TIA (LLDP-MED), DCBX and
// the 802.1 DCB/EVB subtypes (8-14) are not decoded yet: they print their
// subtype line and a hex dump, where tcpdump decodes them.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok tlv_names[] = {
    {0, "End"},
    {1, "Chassis ID"},
    {2, "Port ID"},
    {3, "Time to Live"},
    {4, "Port Description"},
    {5, "System Name"},
    {6, "System Description"},
    {7, "System Capabilities"},
    {8, "Management Address"},
    {127, "Organization specific"},
};

constexpr Tok chassis_subtypes[] = {
    {1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"}, {4, "MAC address"},
    {5, "Network address"},   {6, "Interface name"},  {7, "Local"},
};

constexpr Tok port_subtypes[] = {
    {1, "Interface alias"}, {2, "Port component"},   {3, "MAC address"}, {4, "Network Address"},
    {5, "Interface Name"},  {6, "Agent circuit ID"}, {7, "Local"},
};

constexpr Tok capability_names[] = {
    {1 << 0, "Other"},  {1 << 1, "Repeater"},  {1 << 2, "Bridge"}, {1 << 3, "WLAN AP"},
    {1 << 4, "Router"}, {1 << 5, "Telephone"}, {1 << 6, "Docsis"}, {1 << 7, "Station Only"},
};

constexpr Tok ieee8021_subtypes[] = {
    {1, "Port VLAN Id"},
    {2, "Port and Protocol VLAN ID"},
    {3, "VLAN name"},
    {4, "Protocol Identity"},
    {8, "Congestion Notification"},
    {9, "ETS Configuration"},
    {10, "ETS Recommendation"},
    {11, "Priority Flow Control Configuration"},
    {12, "Application Priority"},
    {13, "EVB"},
    {14, "CDCP"},
};

constexpr Tok protocol_vlan_flags[] = {{1 << 1, "supported"}, {1 << 2, "enabled"}};

constexpr Tok ieee8023_subtypes[] = {
    {1, "MAC/PHY configuration/status"},
    {2, "Power via MDI"},
    {3, "Link aggregation"},
    {4, "Max frame size"},
};

constexpr Tok mau_types[] = {
    {0, "Unknown"},        {1, "AUI"},            {2, "10BASE_5"},       {3, "FOIRL"},
    {4, "10BASE2"},        {5, "10BASET duplex mode unknown"},           {6, "10BASEFP"},
    {7, "10BASEFB"},       {8, "10BASEFL duplex mode unknown"},          {9, "10BROAD36"},
    {10, "10BASET hdx"},   {11, "10BASET fdx"},   {12, "10BASEFL hdx"},  {13, "10BASEFL fdx"},
    {14, "100BASET4"},     {15, "100BASETX hdx"}, {16, "100BASETX fdx"}, {17, "100BASEFX hdx"},
    {18, "100BASEFX fdx"}, {19, "100BASET2 hdx"}, {20, "100BASET2 fdx"}, {21, "1000BASEX hdx"},
    {22, "1000BASEX fdx"}, {23, "1000BASELX hdx"}, {24, "1000BASELX fdx"}, {25, "1000BASESX hdx"},
    {26, "1000BASESX fdx"}, {27, "1000BASECX hdx"}, {28, "1000BASECX fdx"}, {29, "1000BASET hdx"},
    {30, "1000BASET fdx"}, {31, "10GBASEX"},      {32, "10GBASELX4"},    {33, "10GBASER"},
    {34, "10GBASEER"},     {35, "10GBASELR"},     {36, "10GBASESR"},     {37, "10GBASEW"},
    {38, "10GBASEEW"},     {39, "10GBASELW"},     {40, "10GBASESW"},
};

constexpr Tok autoneg_flags[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}};

constexpr Tok pmd_capabilities[] = {
    {1 << 14, "10BASE-T hdx"},
    {1 << 13, "10BASE-T fdx"},
    {1 << 12, "100BASE-T4"},
    {1 << 11, "100BASE-TX hdx"},
    {1 << 10, "100BASE-TX fdx"},
    {1 << 9, "100BASE-T2 hdx"},
    {1 << 8, "100BASE-T2 fdx"},
    {1 << 7, "Pause for fdx links"},
    {1 << 6, "Asym PAUSE for fdx"},
    {1 << 5, "Sym PAUSE for fdx"},
    {1 << 4, "Asym and Sym PAUSE for fdx"},
    {1 << 3, "1000BASE-{X LX SX CX} hdx"},
    {1 << 2, "1000BASE-{X LX SX CX} fdx"},
    {1 << 1, "1000BASE-T hdx"},
    {1 << 0, "1000BASE-T fdx"},
};

constexpr Tok mdi_flags[] = {{1 << 0, "PSE"}, {1 << 1, "supported"}, {1 << 2, "enabled"}, {1 << 3, "can be controlled"}};
constexpr Tok mdi_power_pairs[] = {{1, "signal"}, {2, "spare"}};
constexpr Tok mdi_power_classes[] = {{1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}};
constexpr Tok aggregation_flags[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}};

constexpr Tok iana_subtypes[] = {{1, "MUD-URL"}};

constexpr Tok interface_numbering[] = {{2, "Interface Index"}, {3, "System Port Number"}};

// tcpdump's af_values (IANA address family numbers).
constexpr Tok af_names[] = {
    {0, "Reserved"},      {1, "IPv4"},           {2, "IPv6"},         {3, "NSAP"},
    {4, "HDLC"},          {5, "BBN 1822"},       {6, "802"},          {7, "E.163"},
    {8, "E.164"},         {9, "F.69"},           {10, "X.121"},       {11, "Novell IPX"},
    {12, "Appletalk"},    {13, "Decnet IV"},     {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"},
    {25, "Layer-2 VPN"},  {196, "Layer-2 VPN (old)"},
};

constexpr unsigned t_end = 0, t_chassis = 1, t_port = 2, t_ttl = 3, t_port_descr = 4, t_sys_name = 5,
                   t_sys_descr = 6, t_sys_cap = 7, t_mgmt_addr = 8, t_private = 127;
constexpr uint32_t oui_8021 = 0x0080c2, oui_8023 = 0x00120f, oui_iana = 0x00005e;

// The TLV's value, all captured (the caller checked), with tcpdump's
// EXTRACT_* at offsets.
struct Value {
    Reader r;
    uint8_t u8(size_t off) const { return r.peek_u8(off); }
    uint16_t be16(size_t off) const { return r.peek_be16(off); }
    uint32_t be24(size_t off) const { return uint32_t(r.peek_u8(off)) << 16 | r.peek_be16(off + 1); }
    uint32_t be32(size_t off) const { return uint32_t(r.peek_be16(off)) << 16 | r.peek_be16(off + 2); }
};

// nd_printzp(): at most `n` characters, stopping at a NUL.
void printzp(Ctx& c, const Value& v, size_t off, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        uint8_t ch = v.u8(off + i);
        if (ch == 0)
            return;
        print_char(c, ch);
    }
}

// lldp_network_addr_print(): "AFI name (n): address", or nullopt when the
// address is shorter than its family needs.
std::optional<std::string> network_addr(Ctx& c, const Value& v, size_t off, unsigned len)
{
    if (len < 1)
        return std::nullopt;
    --len;
    uint8_t af = v.u8(off);
    std::string name(tok_lookup(af_names, af).value_or("Unknown"));
    std::string addr;
    switch (af) {
    case 1:
        if (len < 4)
            return std::nullopt;
        addr = ipaddr_string(c, peek_addr4(v.r, off + 1));
        break;
    case 2:
        if (len < 16)
            return std::nullopt;
        addr = ip6addr_string(c, peek_addr6(v.r, off + 1));
        break;
    case 6: {
        if (len < 6)
            return std::nullopt;
        std::array<uint8_t, 6> mac{};
        for (size_t i = 0; i < 6; ++i)
            mac[i] = v.u8(off + 1 + i);
        addr = etheraddr_string(c, mac);
        break;
    }
    default:
        return fmt::format("AFI {} ({}), no AF printer !", name, af);
    }
    return fmt::format("AFI {} ({}): {}", name, af, addr);
}

std::array<uint8_t, 6> mac_at(const Value& v, size_t off)
{
    std::array<uint8_t, 6> mac{};
    for (size_t i = 0; i < 6; ++i)
        mac[i] = v.u8(off + i);
    return mac;
}

bool mgmt_addr_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 1)
        return false;
    unsigned addr_len = v.u8(0);
    size_t p = 1;
    unsigned left = len - 1;
    if (left < addr_len)
        return false;
    auto addr = network_addr(c, v, p, addr_len);
    if (!addr)
        return false;
    c.print("\n\t  Management Address length {}, {}", addr_len, *addr);
    p += addr_len;
    left -= addr_len;
    if (left < 5)
        return false;
    uint8_t numbering = v.u8(p);
    c.print("\n\t  {} Interface Numbering ({}): {}", tok_lookup(interface_numbering, numbering).value_or("Unknown"),
            numbering, v.be32(p + 1));
    p += 5;
    left -= 5;
    if (left) {
        unsigned oid_len = v.u8(p);
        if (left < 1 + oid_len)
            return false;
        if (oid_len) {
            c.print("\n\t  OID length {}", oid_len);
            printzp(c, v, p + 1, oid_len);
        }
    }
    return true;
}

// The organisation-specific printers return whether the TLV wants a hex dump.
bool private_8021_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 4)
        return false;
    uint8_t subtype = v.u8(3);
    c.print("\n\t  {} Subtype ({})", tok_lookup(ieee8021_subtypes, subtype).value_or("unknown"), subtype);
    switch (subtype) {
    case 1:
        if (len < 6)
            return false;
        c.print("\n\t    port vlan id (PVID): {}", v.be16(4));
        return false;
    case 2:
        if (len < 7)
            return false;
        c.print("\n\t    port and protocol vlan id (PPVID): {}, flags [{}] (0x{:02x})", v.be16(5),
                bittok_string(protocol_vlan_flags, v.u8(4), "none"), v.u8(4));
        return false;
    case 3: {
        if (len < 6)
            return false;
        c.print("\n\t    vlan id (VID): {}", v.be16(4));
        if (len < 7)
            return false;
        unsigned sublen = v.u8(6);
        if (len < 7 + sublen)
            return false;
        c.put("\n\t    vlan name: ");
        printzp(c, v, 7, sublen);
        return false;
    }
    case 4: {
        if (len < 5)
            return false;
        unsigned sublen = v.u8(4);
        if (len < 5 + sublen)
            return false;
        c.put("\n\t    protocol identity: ");
        printzp(c, v, 5, sublen);
        return false;
    }
    default:
        return true;
    }
}

bool private_8023_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 4)
        return false;
    uint8_t subtype = v.u8(3);
    c.print("\n\t  {} Subtype ({})", tok_lookup(ieee8023_subtypes, subtype).value_or("unknown"), subtype);
    switch (subtype) {
    case 1:
        if (len < 9)
            return false;
        c.print("\n\t    autonegotiation [{}] (0x{:02x})", bittok_string(autoneg_flags, v.u8(4), "none"), v.u8(4));
        c.print("\n\t    PMD autoneg capability [{}] (0x{:04x})", bittok_string(pmd_capabilities, v.be16(5), "unknown"),
                v.be16(5));
        c.print("\n\t    MAU type {} (0x{:04x})", tok_lookup(mau_types, v.be16(7)).value_or("unknown"), v.be16(7));
        return false;
    case 2:
        if (len < 7)
            return false;
        c.print("\n\t    MDI power support [{}], power pair {}, power class {}", bittok_string(mdi_flags, v.u8(4), "none"),
                tok_lookup(mdi_power_pairs, v.u8(5)).value_or("unknown"),
                tok_lookup(mdi_power_classes, v.u8(6)).value_or("unknown"));
        return false;
    case 3:
        if (len < 9)
            return false;
        c.print("\n\t    aggregation status [{}], aggregation port ID {}", bittok_string(aggregation_flags, v.u8(4), "none"),
                v.be32(5));
        return false;
    case 4:
        if (len < 6)
            return false;
        c.print("\n\t    MTU size {}", v.be16(4));
        return false;
    default:
        return true;
    }
}

bool private_iana_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 8)
        return false;
    uint8_t subtype = v.u8(3);
    c.print("\n\t  {} Subtype ({})", tok_lookup(iana_subtypes, subtype).value_or("unknown"), subtype);
    if (subtype != 1)
        return true;
    c.put("\n\t  MUD-URL=");
    for (size_t i = 4; i < len; ++i)
        print_char(c, v.u8(i));
    return false;
}

// A chassis or port id: "Subtype name (n): value"; false when too short.
bool id_print(Ctx& c, const Value& v, unsigned len, std::span<const Tok> names, uint8_t mac_subtype,
              uint8_t addr_subtype, bool& hexdump)
{
    if (len < 2)
        return false;
    uint8_t subtype = v.u8(0);
    c.print("\n\t  Subtype {} ({}): ", tok_lookup(names, subtype).value_or("Unknown"), subtype);
    if (subtype == mac_subtype) {
        if (len < 7)
            return false;
        c.put(etheraddr_string(c, mac_at(v, 1)));
    } else if (subtype == addr_subtype) {
        auto addr = network_addr(c, v, 1, len - 1);
        if (!addr)
            return false;
        c.put(*addr);
    } else if (subtype >= 1 && subtype <= 7) {
        printzp(c, v, 1, len - 1);
    } else {
        hexdump = true;
    }
    return true;
}

} // namespace

void lldp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "lldp";
    c.print("LLDP, length {}", length);
    Reader r(p);
    uint32_t left = length;
    size_t off = 0;
    while (left >= 2) {
        if (!r.has(off + 2)) {
            c.print_trunc();
            return;
        }
        uint16_t tlv = r.peek_be16(off);
        unsigned type = tlv >> 9, len = tlv & 0x1ff;
        bool hexdump = false;
        left -= 2;
        off += 2;
        if (c.opt.vflag)
            c.print("\n\t{} TLV ({}), length {}", tok_lookup(tlv_names, type).value_or("Unknown"), type, len);
        if (type == t_end || len == 0)
            break;
        if (!r.has(off + len) || left < len) {
            c.print_trunc();
            return;
        }
        Value v{Reader(p.subspan(off, len))};
        bool ok = true;
        switch (type) {
        case t_chassis:
            if (c.opt.vflag)
                ok = id_print(c, v, len, chassis_subtypes, 4, 5, hexdump);
            break;
        case t_port:
            if (c.opt.vflag)
                ok = id_print(c, v, len, port_subtypes, 3, 4, hexdump);
            break;
        case t_ttl:
            if (c.opt.vflag) {
                if (len < 2)
                    ok = false;
                else
                    c.print(": TTL {}s", v.be16(0));
            }
            break;
        case t_port_descr:
            if (c.opt.vflag) {
                c.put(": ");
                printzp(c, v, 0, len);
            }
            break;
        case t_sys_name:
            c.put(": ");
            printzp(c, v, 0, len);
            break;
        case t_sys_descr:
            if (c.opt.vflag) {
                c.put("\n\t  ");
                printzp(c, v, 0, len);
            }
            break;
        case t_sys_cap:
            if (c.opt.vflag) {
                if (len < 4) {
                    ok = false;
                    break;
                }
                uint16_t cap = v.be16(0), enabled = v.be16(2);
                c.print("\n\t  System  Capabilities [{}] (0x{:04x})", bittok_string(capability_names, cap, "none"), cap);
                c.print("\n\t  Enabled Capabilities [{}] (0x{:04x})", bittok_string(capability_names, enabled, "none"),
                        enabled);
            }
            break;
        case t_mgmt_addr:
            if (c.opt.vflag)
                ok = mgmt_addr_print(c, v, len);
            break;
        case t_private:
            if (c.opt.vflag) {
                if (len < 3) {
                    ok = false;
                    break;
                }
                uint32_t oui = v.be24(0);
                c.print(": OUI {} (0x{:06x})", tok_lookup(oui_names, oui).value_or("Unknown"), oui);
                if (oui == oui_8021)
                    hexdump = private_8021_print(c, v, len);
                else if (oui == oui_8023)
                    hexdump = private_8023_print(c, v, len);
                else if (oui == oui_iana)
                    hexdump = private_iana_print(c, v, len);
                else
                    hexdump = true;
            }
            break;
        default:
            hexdump = true;
            break;
        }
        if (!ok) {
            c.print_trunc();
            return;
        }
        if (c.opt.vflag > 1 || (c.opt.vflag && hexdump))
            print_unknown_data(c, p, off, "\n\t  ", len);
        left -= len;
        off += len;
    }
}

} // namespace nsbox::tcpdump
