// IEEE 802.1AB Link Layer Discovery Protocol (ethertype 0x88cc), as tcpdump
// 4.99.3 prints it: "LLDP, length N" and the system name by default; from
// -v on one line per TLV with its decoded value, and from -vv on (or -v for
// a TLV it cannot decode) a hex dump of the TLV.
//
// Decoded: the mandatory and optional basic TLVs, the management address,
// the IEEE 802.1 subtypes 1-4 (port VLAN, protocol VLAN, VLAN name,
// protocol identity), 7 (link aggregation) and 8-14 (congestion
// notification, ETS configuration and recommendation, PFC, application
// priority, EVB, CDCP), the IEEE 802.3 subtypes (MAC/PHY, power via MDI,
// link aggregation, max frame size), IANA's MUD-URL, TIA's LLDP-MED
// (capabilities, network policy, location, extended power, inventory) and
// DCBX 1.01 (control, priority groups, PFC, application). tcpdump 4.99.3's
// quirks are kept: the ETS "CBS" bit is shifted wrongly, LLDP-MED's power
// type tests the wrong bits, and a short DCBX sub-TLV ends the DCBX TLV
// without a truncation marker.

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
    {7, "Link aggregation"},
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

constexpr Tok evb_modes[] = {
    {0, "Not Supported"}, {1, "EVB Bridge"}, {2, "EVB Station"}, {3, "Reserved for future Standardization"}};

constexpr Tok tia_subtypes[] = {
    {1, "LLDP-MED Capabilities"},
    {2, "Network policy"},
    {3, "Location identification"},
    {4, "Extended power-via-MDI"},
    {5, "Inventory - hardware revision"},
    {6, "Inventory - firmware revision"},
    {7, "Inventory - software revision"},
    {8, "Inventory - serial number"},
    {9, "Inventory - manufacturer name"},
    {10, "Inventory - model name"},
    {11, "Inventory - asset ID"},
};

constexpr Tok tia_inventory[] = {
    {5, "Hardware revision"}, {6, "Firmware revision"}, {7, "Software revision"}, {8, "Serial number"},
    {9, "Manufacturer name"}, {10, "Model name"},       {11, "Asset ID"},
};

constexpr Tok tia_altitude_types[] = {{1, "meters"}, {2, "floors"}};

constexpr Tok tia_catypes[] = {
    {1, "national subdivisions (state,canton,region,province,prefecture)"},
    {2, "county, parish, gun, district"},
    {3, "city, township, shi"},
    {4, "city division, borough, city district, ward chou"},
    {5, "neighborhood, block"},
    {6, "street"},
};

constexpr Tok tia_lci_what[] = {
    {0, "location of DHCP server"},
    {1, "location of the network element believed to be closest to the client"},
    {2, "location of the client"},
};

constexpr Tok tia_capabilities[] = {
    {1 << 0, "LLDP-MED capabilities"},      {1 << 1, "network policy"},
    {1 << 2, "location identification"},    {1 << 3, "extended power via MDI-PSE"},
    {1 << 4, "extended power via MDI-PD"},  {1 << 5, "Inventory"},
};

constexpr Tok tia_device_types[] = {
    {1, "endpoint class 1"}, {2, "endpoint class 2"}, {3, "endpoint class 3"}, {4, "network connectivity"}};

constexpr Tok tia_application_types[] = {
    {1, "voice"},           {2, "voice signaling"},    {3, "guest voice"},     {4, "guest voice signaling"},
    {5, "softphone voice"}, {6, "video conferencing"}, {7, "streaming video"}, {8, "video signaling"},
};

constexpr Tok tia_policy_bits[] = {{1 << 7, "Unknown"}, {1 << 6, "Tagged"}, {1 << 5, "reserved"}};

constexpr Tok tia_location_formats[] = {{1, "coordinate-based LCI"}, {2, "civic address LCI"}, {3, "ECS ELIN"}};

constexpr Tok tia_datums[] = {
    {1, "World Geodesic System 1984"},
    {2, "North American Datum 1983 (NAVD88)"},
    {3, "North American Datum 1983 (MLLW)"},
};

constexpr Tok tia_power_sources[] = {
    {1, "PSE - primary power source"}, {2, "local - backup power source"}, {3, "PSE+local - reserved"}};

constexpr Tok tia_power_priorities[] = {{1, "critical"}, {2, "high"}, {3, "low"}};

constexpr Tok dcbx_subtypes[] = {
    {1, "DCB Capability Exchange Protocol Rev 1"},
    {2, "DCB Capability Exchange Protocol Rev 1.01"},
};

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
constexpr uint32_t oui_8021 = 0x0080c2, oui_8023 = 0x00120f, oui_iana = 0x00005e, oui_tia = 0x0012bb,
                   oui_dcbx = 0x001b21;

// The TLV's value, all captured (the caller checked), with tcpdump's
// EXTRACT_* at offsets.
struct Value {
    Reader r;
    uint8_t u8(size_t off) const { return r.peek_u8(off); }
    uint16_t be16(size_t off) const { return r.peek_be16(off); }
    uint32_t be24(size_t off) const { return r.peek_be24(off); }
    uint32_t be32(size_t off) const { return r.peek_be32(off); }
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
        addr = etheraddr_string(c, peek_mac(v.r, off + 1));
        break;
    }
    default:
        return fmt::format("AFI {} ({}), no AF printer !", name, af);
    }
    return fmt::format("AFI {} ({}): {}", name, af, addr);
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

// One byte as eight bits, priority 0 (the low bit) first.
void bits_row(Ctx& c, std::string_view title, uint8_t bits)
{
    c.put(title);
    c.put("\n\t     Priority : 0  1  2  3  4  5  6  7");
    c.put("\n\t     Value    : ");
    for (unsigned i = 0; i < 8; ++i)
        c.print("{:<2} ", (bits >> i) & 0x01);
}

// ETS: the priority assignment, TC bandwidth and TSA assignment tables.
void ets_tables(Ctx& c, const Value& v)
{
    c.put("\n\t    Priority Assignment Table");
    c.put("\n\t     Priority : 0   1   2   3   4   5   6   7");
    c.put("\n\t     Value    :");
    for (size_t i = 0; i < 4; ++i)
        c.print(" {:<3} {:<3}", v.u8(5 + i) >> 4, v.u8(5 + i) & 0x0f);
    c.put("\n\t    TC Bandwidth Table");
    c.put("\n\t     TC%   : 0   1   2   3   4   5   6   7");
    c.put("\n\t     Value :");
    for (size_t i = 0; i < 8; ++i)
        c.print(" {:<3}", v.u8(9 + i));
    c.put("\n\t    TSA Assignment Table");
    c.put("\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
    c.put("\n\t     Value        :");
    for (size_t i = 0; i < 8; ++i)
        c.print(" {:<3}", v.u8(17 + i));
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
    case 7: // link aggregation (802.1AX), printed as 802.3's subtype 3
        if (len < 9)
            return false;
        c.print("\n\t    aggregation status [{}], aggregation port ID {}",
                bittok_string(aggregation_flags, v.u8(4), "none"), v.be32(5));
        return false;
    case 8: // congestion notification
        if (len < 6)
            return false;
        bits_row(c, "\n\t    Pre-Priority CNPV Indicator", v.u8(4));
        bits_row(c, "\n\t    Pre-Priority Ready Indicator", v.u8(5));
        return false;
    case 9: { // ETS configuration
        if (len < 25)
            return false;
        uint8_t t = v.u8(4);
        c.print("\n\t    Willing:{}, CBS:{}, RES:{}, Max TCs:{}", t >> 7, (t >> 6) & 0x02, (t >> 3) & 0x07, t & 0x07);
        ets_tables(c, v);
        return false;
    }
    case 10: // ETS recommendation
        if (len < 25)
            return false;
        c.print("\n\t    RES: {}", v.u8(4));
        ets_tables(c, v);
        return false;
    case 11: { // PFC configuration
        if (len < 6)
            return false;
        uint8_t t = v.u8(4);
        c.print("\n\t    Willing: {}, MBC: {}, RES: {}, PFC cap:{} ", t >> 7, (t >> 6) & 0x01, (t >> 4) & 0x03,
                t & 0x0f);
        bits_row(c, "\n\t    PFC Enable", v.u8(5));
        return false;
    }
    case 12: { // application priority
        if (len < 5)
            return false;
        c.print("\n\t    RES: {}", v.u8(4));
        if (len <= 5)
            return false;
        unsigned sublen = len - 5;
        if (sublen % 3 != 0)
            return false;
        c.put("\n\t    Application Priority Table");
        for (unsigned i = 0; i < sublen; i += 3) {
            uint8_t t = v.u8(i + 5);
            c.print("\n\t      Priority: {}, RES: {}, Sel: {}, Protocol ID: {}", t >> 5, (t >> 3) & 0x03, t & 0x07,
                    v.be16(i + 6));
        }
        return false;
    }
    case 13: { // EVB
        if (len < 9)
            return false;
        uint8_t t = v.u8(4);
        c.put("\n\t    EVB Bridge Status");
        c.print("\n\t      RES: {}, BGID: {}, RRCAP: {}, RRCTR: {}", t >> 3, (t >> 2) & 0x01, (t >> 1) & 0x01,
                t & 0x01);
        t = v.u8(5);
        c.put("\n\t    EVB Station Status");
        c.print("\n\t      RES: {}, SGID: {}, RRREQ: {},RRSTAT: {}", t >> 4, (t >> 3) & 0x01, (t >> 2) & 0x01,
                t & 0x03);
        t = v.u8(6);
        c.print("\n\t    R: {}, RTE: {}, ", t >> 5, t & 0x1f);
        t = v.u8(7);
        c.print("EVB Mode: {} [{}]", tok_lookup(evb_modes, t >> 6).value_or("unknown"), t >> 6);
        c.print("\n\t    ROL: {}, RWD: {}, ", (t >> 5) & 0x01, t & 0x1f);
        t = v.u8(8);
        c.print("RES: {}, ROL: {}, RKA: {}", t >> 6, (t >> 5) & 0x01, t & 0x1f);
        return false;
    }
    case 14: { // CDCP
        if (len < 8)
            return false;
        uint8_t t = v.u8(4);
        c.print("\n\t    Role: {}, RES: {}, Scomp: {} ", t >> 7, (t >> 4) & 0x07, (t >> 3) & 0x01);
        c.print("ChnCap: {}", v.be16(6) & 0x0fff);
        unsigned sublen = len - 8;
        if (sublen % 3 != 0)
            return false;
        for (unsigned i = 0; i < sublen; i += 3) {
            uint32_t scid = v.be24(i + 8);
            c.print("\n\t    SCID: {}, SVID: {}", scid >> 12, scid & 0x000fff);
        }
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

bool private_tia_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 4)
        return false;
    uint8_t subtype = v.u8(3);
    c.print("\n\t  {} Subtype ({})", tok_lookup(tia_subtypes, subtype).value_or("unknown"), subtype);
    switch (subtype) {
    case 1:
        if (len < 7)
            return false;
        c.print("\n\t    Media capabilities [{}] (0x{:04x})", bittok_string(tia_capabilities, v.be16(4), "none"),
                v.be16(4));
        c.print("\n\t    Device type [{}] (0x{:02x})", tok_lookup(tia_device_types, v.u8(6)).value_or("unknown"),
                v.u8(6));
        return false;
    case 2:
        if (len < 8)
            return false;
        c.print("\n\t    Application type [{}] (0x{:02x})",
                tok_lookup(tia_application_types, v.u8(4)).value_or("none"), v.u8(4));
        c.print(", Flags [{}]", bittok_string(tia_policy_bits, v.u8(5), "none"));
        c.print("\n\t    Vlan id {}", (v.be16(5) & 0x1ffe) >> 1);
        c.print(", L2 priority {}", (v.be16(6) & 0x01ff) >> 6);
        c.print(", DSCP value {}", v.be16(6) & 0x003f);
        return false;
    case 3: {
        if (len < 5)
            return false;
        uint8_t format = v.u8(4);
        c.print("\n\t    Location data format {} (0x{:02x})",
                tok_lookup(tia_location_formats, format).value_or("unknown"), format);
        switch (format) {
        case 1: {
            if (len < 21)
                return false;
            auto latlon = [&](size_t off) { return uint64_t(v.u8(off) & 0x3) << 32 | v.be32(off + 1); };
            c.print("\n\t    Latitude resolution {}, latitude value {}", v.u8(5) >> 2, latlon(5));
            c.print("\n\t    Longitude resolution {}, longitude value {}", v.u8(10) >> 2, latlon(10));
            c.print("\n\t    Altitude type {} ({})", tok_lookup(tia_altitude_types, v.u8(15) >> 4).value_or("unknown"),
                    v.u8(15) >> 4);
            c.print("\n\t    Altitude resolution {}, altitude value 0x{:x}", (v.be16(15) >> 6) & 0x3f,
                    v.be32(16) & 0x3fffffff);
            c.print("\n\t    Datum {} (0x{:02x})", tok_lookup(tia_datums, v.u8(20)).value_or("unknown"), v.u8(20));
            return false;
        }
        case 2: {
            if (len < 6)
                return false;
            unsigned lci_len = v.u8(5);
            if (lci_len < 3 || len < 7 + lci_len)
                return false;
            c.print("\n\t    LCI length {}, LCI what {} (0x{:02x}), Country-code ", lci_len,
                    tok_lookup(tia_lci_what, v.u8(6)).value_or("unknown"), v.u8(6));
            printzp(c, v, 7, 2);
            lci_len -= 3;
            size_t p = 9;
            while (lci_len > 0) {
                if (lci_len < 2)
                    return false;
                uint8_t ca_type = v.u8(p), ca_len = v.u8(p + 1);
                p += 2;
                lci_len -= 2;
                c.print("\n\t      CA type '{}' ({}), length {}: ",
                        tok_lookup(tia_catypes, ca_type).value_or("unknown"), ca_type, ca_len);
                if (ca_type == 0 || ca_len == 0 || lci_len < ca_len)
                    return false;
                printzp(c, v, p, ca_len);
                p += ca_len;
                lci_len -= ca_len;
            }
            return false;
        }
        case 3:
            c.put("\n\t    ECS ELIN id ");
            printzp(c, v, 5, len - 5);
            return false;
        default:
            c.put("\n\t    Location ID ");
            print_unknown_data(c, v.r.whole(), 5, "\n\t      ", len - 5);
            return false;
        }
    }
    case 4: {
        if (len < 7)
            return false;
        uint8_t t = v.u8(4);
        // tcpdump tests t & (0xC0 >> 6), the two low bits.
        c.print("\n\t    Power type [{}]", (t & 0x03) ? "PD device" : "PSE device");
        c.print(", Power source [{}]", tok_lookup(tia_power_sources, (t & 0x30) >> 4).value_or("none"));
        c.print("\n\t    Power priority [{}] (0x{:02x})", tok_lookup(tia_power_priorities, t & 0x0f).value_or("none"),
                t & 0x0f);
        uint16_t power = v.be16(5);
        if (power < 1024)
            c.print(", Power {:.1f} Watts", double(float(power) / 10));
        else
            c.print(", Power {} (Reserved)", power);
        return false;
    }
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
        c.print("\n\t  {} ", tok_lookup(tia_inventory, subtype).value_or("unknown"));
        printzp(c, v, 4, len - 4);
        return false;
    default:
        return true;
    }
}

// "Enable bit: e, Willing bit: w, Error Bit: x" of a DCBX feature TLV.
void dcbx_feature_header(Ctx& c, const Value& v, size_t p)
{
    c.print("\n\t      Oper_Version: {}", v.u8(p));
    c.print("\n\t      Max_Version: {}", v.u8(p + 1));
    uint8_t t = v.u8(p + 2);
    c.print("\n\t      Info block(0x{:02X}): ", t);
    c.print("Enable bit: {}, Willing bit: {}, Error Bit: {}", (t & 0x80) ? 1 : 0, (t & 0x40) ? 1 : 0,
            (t & 0x20) ? 1 : 0);
    c.print("\n\t      SubType: {}", v.u8(p + 3));
}

// DCBX 1.01: its own TLVs inside the organisation TLV. A sub-TLV longer than
// what is left ends the list, without a truncation marker.
bool private_dcbx_print(Ctx& c, const Value& v, unsigned len)
{
    if (len < 4)
        return false;
    uint8_t subtype = v.u8(3);
    c.print("\n\t  {} Subtype ({})", tok_lookup(dcbx_subtypes, subtype).value_or("unknown"), subtype);
    if (subtype == 1)
        return true;
    bool hexdump = false;
    size_t p = 4;
    unsigned left = len - 4;
    while (left >= 2) {
        uint16_t tlv = v.be16(p);
        unsigned type = tlv >> 9, tlv_len = tlv & 0x1ff;
        hexdump = false;
        left -= 2;
        p += 2;
        if (type == 0 || tlv_len == 0)
            break;
        if (left < tlv_len)
            return hexdump;
        switch (type) {
        case 1:
            if (tlv_len < 10)
                return hexdump;
            c.print("\n\t    Control - Protocol Control (type 0x{:x}, length {})", type, tlv_len);
            c.print("\n\t      Oper_Version: {}", v.u8(p));
            c.print("\n\t      Max_Version: {}", v.u8(p + 1));
            c.print("\n\t      Sequence Number: {}", v.be32(p + 2));
            c.print("\n\t      Acknowledgement Number: {}", v.be32(p + 6));
            break;
        case 2: {
            if (tlv_len < 17)
                return hexdump;
            c.print("\n\t    Feature - Priority Group (type 0x{:x}, length {})", type, tlv_len);
            dcbx_feature_header(c, v, p);
            c.put("\n\t      Priority Allocation");
            uint32_t pg = v.be32(p + 4);
            for (unsigned i = 0; i <= 7; ++i)
                c.print("\n\t          PgId_{}: {}", i, (pg >> (28 - 4 * i)) & 0xf);
            c.put("\n\t      Priority Group Allocation");
            for (unsigned i = 0; i <= 7; ++i)
                c.print("\n\t          Pg percentage[{}]: {}", i, v.u8(p + 8 + i));
            c.print("\n\t      NumTCsSupported: {}", v.u8(p + 16));
            break;
        }
        case 3: {
            if (tlv_len < 6)
                return hexdump;
            c.put("\n\t    Feature - Priority Flow Control");
            c.print(" (type 0x{:x}, length {})", type, tlv_len);
            dcbx_feature_header(c, v, p);
            uint8_t t = v.u8(p + 4);
            c.print("\n\t      PFC Config (0x{:02X})", t);
            for (unsigned i = 0; i <= 7; ++i)
                c.print("\n\t          Priority Bit {}: {}", i, (t & (1 << i)) ? "Enabled" : "Disabled");
            c.print("\n\t      NumTCPFCSupported: {}", v.u8(p + 5));
            break;
        }
        case 4: {
            if (tlv_len < 4)
                return hexdump;
            c.print("\n\t    Feature - Application (type 0x{:x}, length {})", type, tlv_len);
            dcbx_feature_header(c, v, p);
            unsigned rest = tlv_len - 4;
            size_t m = p + 4;
            while (rest >= 6) {
                c.put("\n\t      Application Value");
                c.print("\n\t          Application Protocol ID: 0x{:04x}", v.be16(m));
                uint32_t u = v.be24(m + 2);
                c.print("\n\t          SF (0x{:x}) Application Protocol ID is {}", u >> 22,
                        (u >> 22) ? "Socket Number" : "L2 EtherType");
                c.print("\n\t          OUI: 0x{:06x}", u & 0x3fffff);
                c.print("\n\t          User Priority Map: 0x{:02x}", v.u8(m + 5));
                rest -= 6;
                m += 6;
            }
            break;
        }
        default:
            hexdump = true;
            break;
        }
        if (c.opt.vflag > 1 || (c.opt.vflag && hexdump))
            print_unknown_data(c, v.r.whole(), p, "\n\t    ", tlv_len);
        left -= tlv_len;
        p += tlv_len;
    }
    return hexdump;
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
        c.put(etheraddr_string(c, peek_mac(v.r, 1)));
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
                else if (oui == oui_tia)
                    hexdump = private_tia_print(c, v, len);
                else if (oui == oui_dcbx)
                    hexdump = private_dcbx_print(c, v, len);
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
