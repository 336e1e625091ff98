// Cisco's VLAN Query Protocol (UDP port 1589), as tcpdump 4.99.3 prints it:
// the message type and error code; from -v on the sequence number and each
// object (addresses, names, MAC addresses; unknown ones in hex under -v
// alone). A zero type or length ends the listing; a length wrong for the
// object's type is invalid.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok msg_types[] = {
    {1, "Request, Join Port"}, {2, "Response, VLAN"}, {3, "Request, Reconfirm"}, {4, "Response, Reconfirm"}};
constexpr Tok error_codes[] = {{0, "No error"}, {3, "Access denied"}, {4, "Shutdown port"}, {5, "Wrong VTP domain"}};
enum : uint32_t {
    ip_address = 0x0c01,
    port_name = 0x0c02,
    vlan_name = 0x0c03,
    vtp_domain = 0x0c04,
    ethernet_packet = 0x0c05,
    mac_null = 0x0c06,
    mac_address = 0x0c08,
};
constexpr Tok objects[] = {{ip_address, "Client IP Address"}, {port_name, "Port Name"},
                           {vlan_name, "VLAN Name"},          {vtp_domain, "VTP Domain"},
                           {ethernet_packet, "Ethernet Packet"}, {mac_null, "MAC Null"},
                           {mac_address, "MAC Address"}};
constexpr size_t header_len = 8, object_header_len = 6;

std::string unknown(uint32_t v) { return fmt::format("unknown ({})", v); }

} // namespace

void vqp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "vqp";
    Reader r(p);
    if (!r.has(header_len))
        throw Truncated();
    uint8_t version = r.peek_u8(0);
    if (version != 1) {
        c.print("VQP version {} packet not supported", version);
        return;
    }
    uint8_t type = r.peek_u8(1), error = r.peek_u8(2);
    if (!c.opt.vflag) {
        c.print("VQPv{} {} Message, error-code {} ({}), length {}", version, tok_or(msg_types, type, unknown),
                tok_lookup(error_codes, error).value_or("unknown"), error, length);
        return;
    }
    uint8_t nitems = r.peek_u8(3);
    c.print("\n\tVQPv{}, {} Message, error-code {} ({}), seq 0x{:08x}, items {}, length {}", version,
            tok_or(msg_types, type, unknown), tok_lookup(error_codes, error).value_or("unknown"), error, r.peek_be32(4), nitems,
            length);
    r.skip(header_len);
    uint32_t left = length - uint32_t(header_len);
    for (; nitems != 0 && left != 0; --nitems) {
        if (!r.has(object_header_len) || left < object_header_len)
            throw Truncated();
        uint32_t obj = r.be32();
        uint16_t len = r.be16();
        left -= uint32_t(object_header_len);
        c.print("\n\t  {} Object (0x{:08x}), length {}, value: ", tok_lookup(objects, obj).value_or("Unknown"), obj,
                len);
        if (obj == 0 || len == 0)
            return;
        if (!r.has(len) || len > left)
            throw Truncated();
        switch (obj) {
        case ip_address:
            if (len != 4) {
                c.print_invalid();
                return;
            }
            c.print("{} (0x{:08x})", ipaddr_string(c, peek_addr4(r, 0)), r.peek_be32(0));
            break;
        case port_name:
        case vlan_name:
        case vtp_domain:
        case ethernet_packet: printjnp(c, r, 0, len); break;
        case mac_address:
        case mac_null:
            if (len != 6) {
                c.print_invalid();
                return;
            }
            c.put(etheraddr_string(c, peek_mac(r, 0)));
            break;
        default:
            if (c.opt.vflag <= 1)
                print_unknown_data(c, r.rest(), 0, "\n\t    ", len);
        }
        r.skip(len);
        left -= len;
    }
}

} // namespace nsbox::tcpdump
