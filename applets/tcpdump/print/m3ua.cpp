// M3UA (RFC 4666) inside SCTP DATA chunks with payload protocol 3, as
// tcpdump 4.99.3 prints it from -vv on: the message class and type, then
// each parameter's name with its value (the 32-bit ones) or its length.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok message_classes[] = {
    {0, "Management"}, {1, "Transfer"}, {2, "SS7"}, {3, "ASP"}, {4, "ASP"}, {9, "Routing Key Management"},
};
constexpr Tok mgmt_messages[] = {{0, "Error"}, {1, "Notify"}};
constexpr Tok transfer_messages[] = {{1, "Data"}};
constexpr Tok ss7_messages[] = {
    {1, "Destination Unavailable"}, {2, "Destination Available"},
    {3, "Destination State Audit"}, {4, "Signalling Congestion"},
    {5, "Destination User Part Unavailable"}, {6, "Destination Restricted"},
};
constexpr Tok asp_state_messages[] = {
    {1, "Up"}, {2, "Down"}, {3, "Heartbeat"}, {4, "Up Acknowledgement"}, {5, "Down Acknowledgement"},
    {6, "Heartbeat Acknowledgement"},
};
constexpr Tok asp_traffic_messages[] = {
    {1, "Active"}, {2, "Inactive"}, {3, "Active Acknowledgement"}, {4, "Inactive Acknowledgement"},
};
constexpr Tok rkm_messages[] = {
    {1, "Registration Request"}, {2, "Registration Response"}, {3, "Deregistration Request"},
    {4, "Deregistration Response"},
};
constexpr Tok param_names[] = {
    {0x0004, "INFO String"}, {0x0006, "Routing Context"}, {0x0007, "Diagnostic Info"},
    {0x0009, "Heartbeat Data"}, {0x000b, "Traffic Mode Type"}, {0x000c, "Error Code"},
    {0x000d, "Status"}, {0x0011, "ASP Identifier"}, {0x0012, "Affected Point Code"},
    {0x0013, "Correlation ID"}, {0x0200, "Network Appearance"}, {0x0204, "User/Cause"},
    {0x0205, "Congestion Indications"}, {0x0206, "Concerned Destination"}, {0x0207, "Routing Key"},
    {0x0208, "Registration Result"}, {0x0209, "Deregistration Result"},
    {0x020a, "Local Routing Key Identifier"}, {0x020b, "Destination Point Code"},
    {0x020c, "Service Indicators"}, {0x020e, "Originating Point Code List"}, {0x0210, "Protocol Data"},
    {0x0212, "Registration Status"}, {0x0213, "Deregistration Status"},
};

// " (invalid)", then " [|m3ua]" when the rest is not all captured.
void invalid(Ctx& c, const Reader& r, size_t off, uint32_t size)
{
    c.print_invalid();
    if (!r.has(off + size))
        c.print_trunc();
}

void tags_print(Ctx& c, const Reader& r, size_t buf, uint32_t size)
{
    size_t p = buf;
    while (p < buf + size) {
        if (p + 4 > buf + size)
            return invalid(c, r, buf, size);
        if (!r.has(p + 4))
            return c.print_trunc();
        uint16_t tag = r.peek_be16(p);
        c.print("\n\t\t\t{}: ",
                tok_or(param_names, tag, [](uint32_t v) { return fmt::format("Unknown Parameter (0x{:04x})", v); }));
        uint16_t len = r.peek_be16(p + 2);
        if (len < 4)
            return invalid(c, r, buf, size);
        size_t align = (p + len - buf) % 4;
        align = align ? 4 - align : 0;
        if (!r.has(p + len + align))
            return c.print_trunc();
        uint16_t vsize = uint16_t(len - 4);
        // tcpdump hands the value printer the parameter's header, not its
        // value: the 32-bit values it prints are the tag and length.
        size_t value = p;
        switch (tag) {
        case 0x0200:
        case 0x0006:
        case 0x0013:
            if (vsize < 4) {
                c.print_invalid();
                if (!r.has(value + vsize))
                    return c.print_trunc();
                break;
            }
            c.print("0x{:08x}", r.peek_be32(value));
            break;
        default:
            c.print("(length {})", uint32_t(vsize) + 4);
            break;
        }
        p += len + align;
    }
}

} // namespace

void m3ua_print(Ctx& c, Bytes data, uint32_t size)
{
    const char* outer = c.proto;
    c.proto = "m3ua";
    Reader r(data);
    [&] {
        if (size < 8)
            return invalid(c, r, 0, size);
        if (!r.has(8))
            return c.print_trunc();
        if (r.peek_u8(0) != 1)
            return;
        uint8_t cls = r.peek_u8(2);
        uint8_t type = r.peek_u8(3);
        std::span<const Tok> dict;
        switch (cls) {
        case 0: dict = mgmt_messages; break;
        case 1: dict = transfer_messages; break;
        case 2: dict = ss7_messages; break;
        case 3: dict = asp_state_messages; break;
        case 4: dict = asp_traffic_messages; break;
        case 9: dict = rkm_messages; break;
        default: break;
        }
        c.print("\n\t\t{}",
                tok_or(message_classes, cls, [](uint32_t v) { return fmt::format("Unknown message class {}", v); }));
        if (!dict.empty())
            c.print(" {} Message", tok_or(dict, type, [](uint32_t v) { return fmt::format("Unknown (0x{:02x})", v); }));
        uint32_t len = r.peek_be32(4);
        if (size != len)
            c.print("\n\t\t\t@@@@@@ Corrupted length {} of message @@@@@@", len);
        else
            tags_print(c, r, 8, len - 8);
    }();
    c.proto = outer;
}

} // namespace nsbox::tcpdump
