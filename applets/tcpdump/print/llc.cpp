#include "applets/tcpdump/print/llc.hpp"

#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace sap {
constexpr uint8_t global = 0xff;
constexpr uint8_t ip = 0x06;
constexpr uint8_t stp = 0x42;
constexpr uint8_t snap = 0xaa;
constexpr uint8_t ipx = 0xe0;
constexpr uint8_t isons = 0xfe;
} // namespace sap

namespace pid {
constexpr uint16_t cisco_cdp = 0x2000;
constexpr uint16_t cisco_pvst = 0x010b;
constexpr uint16_t cisco_vlan_bridge = 0x010c;
constexpr uint16_t rfc2684_bpdu = 0x000e;
} // namespace pid

constexpr uint16_t u_fmt = 0x03;  // U frames have both low bits set
constexpr uint16_t s_fmt = 0x01;
constexpr uint8_t gsap = 0x01;    // SSAP command/response bit
constexpr uint8_t ig = 0x01;      // DSAP individual/group bit
constexpr uint16_t u_poll = 0x10;
constexpr uint16_t is_poll = 0x0100;
constexpr uint16_t cmd_ui = 0x03;
constexpr uint16_t cmd_xid = 0xaf;
constexpr uint8_t xid_fi = 0x81;

constexpr Tok llc_values[] = {
    {0x00, "Null"},    {0xff, "Global"},  {0x02, "802.1B I"}, {0x03, "802.1B G"},  {0x06, "IP"},
    {0x04, "SNA"},     {0x0e, "ProWay NM"}, {0x42, "STP"},    {0x4e, "RS511"},     {0x7e, "ISO8208"},
    {0x8e, "ProWay"},  {0xaa, "SNAP"},    {0xe0, "IPX"},      {0xf0, "NetBeui"},   {0xfe, "OSI"},
};

constexpr Tok llc_cmd_values[] = {
    {0x03, "ui"},   {0xe3, "test"}, {0xaf, "xid"},   {0x63, "ua"},
    {0x43, "disc"}, {0x0f, "dm"},   {0x6f, "sabme"}, {0x87, "frmr"},
};

constexpr Tok llc_flag_values[] = {
    {0, "Command"}, {gsap, "Response"}, {u_poll, "Poll"}, {gsap | u_poll, "Final"},
    {is_poll, "Poll"}, {gsap | is_poll, "Final"},
};

constexpr Tok llc_supervisory_values[] = {
    {0, "Receiver Ready"},
    {1, "Receiver not Ready"},
    {2, "Reject"},
};

constexpr Tok cisco_values[] = {
    {0x2000, "CDP"}, {0x2003, "VTP"}, {0x2004, "DTP"}, {0x0111, "UDLD"}, {0x010b, "PVST"}, {0x010c, "VLAN Bridge"},
};

constexpr Tok bridged_values[] = {
    {0x0001, "Ethernet + FCS"},     {0x0007, "Ethernet w/o FCS"},  {0x0002, "802.4 + FCS"},
    {0x0008, "802.4 w/o FCS"},      {0x0003, "Token Ring + FCS"},  {0x0009, "Token Ring w/o FCS"},
    {0x0004, "FDDI + FCS"},         {0x000a, "FDDI w/o FCS"},      {0x0005, "802.6 + FCS"},
    {0x000b, "802.6 w/o FCS"},      {0x000e, "BPDU"},
};

std::span<const Tok> oui_pid_names(uint32_t oui)
{
    switch (oui) {
    case 0x000000:
    case 0x0000f8:
    case 0x080007:
        return ethertype_names;
    case 0x00000c:
        return cisco_values;
    case 0x0080c2:
        return bridged_values;
    default:
        return {};
    }
}

std::string_view tok(std::span<const Tok> t, uint32_t v, std::string_view fallback)
{
    return tok_lookup(t, v).value_or(fallback);
}

// snap_print(): true when the payload was printed.
bool snap_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen, const std::array<uint8_t, 6>* src,
                const std::array<uint8_t, 6>* dst)
{
    c.proto = "snap";
    Reader r(p);
    if (!r.has(5) || caplen < 5 || length < 5) {
        c.print_trunc();
        return true;
    }
    uint32_t oui = uint32_t(r.u8()) << 16;
    oui |= uint32_t(r.be16());
    uint16_t et = r.be16();
    if (c.opt.eflag) {
        c.print("oui {} ({:#08x}), {} {} ({:#06x}), length {}: ", tok(oui_names, oui, "Unknown"), oui,
                oui == 0 ? "ethertype" : "pid", tok(oui_pid_names(oui), et, "Unknown"), et, length - 5);
    }
    length -= 5;
    caplen -= 5;
    switch (oui) {
    case 0x000000:
    case 0x0000f8:
        if (ethertype_print(c, et, r.rest(), length, caplen))
            return true;
        break;
    case 0x080007:
        if (et == 0x809b && ethertype_print(c, et, r.rest(), length, caplen))
            return true;
        break;
    case 0x00000c:
        if (et == pid::cisco_cdp) {
            cdp_print(c, r.rest(), length);
            return true;
        }
        if (et == pid::cisco_pvst || et == pid::cisco_vlan_bridge) {
            stp_print(c, r.rest(), length);
            return true;
        }
        break;
    case 0x0080c2:
        if (et == pid::rfc2684_bpdu) {
            stp_print(c, r.rest(), length);
            return true;
        }
        break;
    default:
        break;
    }
    if (!c.opt.eflag) {
        if (src && dst)
            c.print("{} > {} ", etheraddr_string(c, *src), etheraddr_string(c, *dst));
        if (oui == 0)
            c.print("SNAP, ethertype {} ({:#06x}), length {}: ", tok(ethertype_names, et, "Unknown"), et, length);
        else
            c.print("SNAP, oui {} ({:#08x}), pid {} ({:#06x}), length {}: ", tok(oui_names, oui, "Unknown"), oui,
                    tok(oui_pid_names(oui), et, "Unknown"), et, length);
    }
    return false;
}

} // namespace

int llc_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen, const std::array<uint8_t, 6>* src,
              const std::array<uint8_t, 6>* dst)
{
    c.proto = "llc";
    if (caplen < 3) {
        c.print_trunc();
        default_print(c, p, caplen);
        return static_cast<int>(caplen);
    }
    if (length < 3) {
        c.print_trunc();
        default_print(c, p, caplen);
        return static_cast<int>(length);
    }
    Reader r(p);
    uint8_t dsap_field = r.u8();
    uint8_t ssap_field = r.u8();
    uint16_t control = r.peek_u8(0);
    bool is_u;
    uint32_t hdrlen;
    if ((control & u_fmt) == u_fmt) {
        is_u = true;
        hdrlen = 3;
        r.skip(1);
    } else {
        if (caplen < 4) {
            c.print_trunc();
            default_print(c, p, caplen);
            return static_cast<int>(caplen);
        }
        if (length < 4) {
            c.print_trunc();
            default_print(c, p, caplen);
            return static_cast<int>(length);
        }
        control = r.le16();
        is_u = false;
        hdrlen = 4;
    }

    if (ssap_field == sap::global && dsap_field == sap::global) {
        // Novell "raw" 802.3 IPX: no LLC header at all. Not decoded.
        if (c.opt.eflag)
            c.put("IPX 802.3: ");
        return 0;
    }

    uint8_t dsap = dsap_field & uint8_t(~ig);
    uint8_t ssap = ssap_field & uint8_t(~gsap);
    if (c.opt.eflag) {
        c.print("LLC, dsap {} ({:#04x}) {}, ssap {} ({:#04x}) {}", tok(llc_values, dsap, "Unknown"), dsap,
                (dsap_field & ig) ? "Group" : "Individual", tok(llc_values, ssap, "Unknown"), ssap,
                (ssap_field & gsap) ? "Response" : "Command");
        if (is_u)
            c.print(", ctrl {:#04x}: ", control);
        else
            c.print(", ctrl {:#06x}: ", control);
    }
    length -= hdrlen;
    caplen -= hdrlen;
    Bytes payload = r.rest();

    if (ssap == sap::snap && dsap == sap::snap && control == cmd_ui) {
        if (!snap_print(c, payload, length, caplen, src, dst))
            return -static_cast<int>(hdrlen + 5);
        return static_cast<int>(hdrlen + 5);
    }
    if (ssap == sap::stp && dsap == sap::stp && control == cmd_ui) {
        stp_print(c, payload, length);
        return static_cast<int>(hdrlen);
    }
    if (ssap == sap::ip && dsap == sap::ip && control == cmd_ui) {
        ip_print(c, payload, length);
        return static_cast<int>(hdrlen);
    }
    (void)sap::ipx;
    (void)sap::isons;

    if (!c.opt.eflag) {
        auto dname = tok_or(llc_values, dsap, [](uint32_t v) { return fmt::format("Unknown DSAP {:#04x}", v); });
        auto sname = tok_or(llc_values, ssap, [](uint32_t v) { return fmt::format("Unknown SSAP {:#04x}", v); });
        if (ssap == dsap) {
            if (!src || !dst)
                c.print("{} ", dname);
            else
                c.print("{} > {} {} ", etheraddr_string(c, *src), etheraddr_string(c, *dst), dname);
        } else if (!src || !dst) {
            c.print("{} > {} ", sname, dname);
        } else {
            c.print("{} {} > {} {} ", etheraddr_string(c, *src), sname, etheraddr_string(c, *dst), dname);
        }
    }

    if (is_u) {
        c.print("Unnumbered, {}, Flags [{}], length {}",
                tok_or(llc_cmd_values, control & 0xef, [](uint32_t v) { return fmt::format("{:02x}", v); }),
                tok(llc_flag_values, (ssap_field & gsap) | (control & u_poll), "?"), length + hdrlen);
        if ((control & ~u_poll) == cmd_xid) {
            if (length == 0)
                return static_cast<int>(hdrlen);
            if (caplen < 1) {
                c.print_trunc();
                return static_cast<int>(hdrlen);
            }
            Reader x(payload);
            if (x.peek_u8(0) == xid_fi) {
                if (caplen < 3 || length < 3) {
                    c.print_trunc();
                    default_print(c, payload, caplen);
                } else {
                    c.print(": {:02x} {:02x}", x.peek_u8(1), x.peek_u8(2));
                }
                return static_cast<int>(hdrlen);
            }
        }
    } else if ((control & s_fmt) == s_fmt) {
        c.print("Supervisory, {}, rcv seq {}, Flags [{}], length {}",
                tok(llc_supervisory_values, (control >> 2) & 0x03, "?"), (control >> 9) & 0x7f,
                tok(llc_flag_values, (ssap_field & gsap) | (control & is_poll), "?"), length + hdrlen);
        return static_cast<int>(hdrlen);
    } else {
        c.print("Information, send seq {}, rcv seq {}, Flags [{}], length {}", (control >> 1) & 0x7f,
                (control >> 9) & 0x7f, tok(llc_flag_values, (ssap_field & gsap) | (control & is_poll), "?"),
                length + hdrlen);
    }
    return -static_cast<int>(hdrlen);
}

} // namespace nsbox::tcpdump
