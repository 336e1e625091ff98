// LWAPP, Cisco's Lightweight Access Point Protocol (UDP ports 12222 for
// data, 12223 for control), as tcpdump 4.99.3 prints it: the transport
// header's version, frame kind and flags; from -v on the radio and
// fragment ids, then each control message header (after the access
// point's MAC address when it is sent to the controller's port), or a
// data frame's 802.11 payload in hex.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok header_bits[] = {{0x01, "Last Fragment Bit"}, {0x02, "Fragment Bit"}, {0x04, "Control Bit"}};
constexpr Tok msg_types[] = {
    {1, "Discovery req"},          {2, "Discovery resp"},        {3, "Join req"},
    {4, "Join resp"},              {5, "Join ack"},              {6, "Join confirm"},
    {10, "Configure req"},         {11, "Configure resp"},       {12, "Update req"},
    {13, "Update resp"},           {14, "WTP event req"},        {15, "WTP event resp"},
    {16, "Change state event req"}, {17, "Change state event resp"}, {22, "Echo req"},
    {23, "Echo resp"},             {24, "Image data req"},       {25, "Image data resp"},
    {26, "Channel status req"},    {27, "Channel status resp"},  {30, "Key update req"},
    {31, "Key update resp"},       {32, "Primary discovery req"}, {33, "Primary discovery resp"},
    {34, "Data transfer req"},     {35, "Data transfer resp"},   {36, "Clear config ind"},
    {37, "Wlan config req"},       {38, "Wlan config resp"},     {39, "Mobile config req"},
    {40, "Mobile config resp"},
};
constexpr size_t transport_len = 6, control_len = 8, ap_ident_len = 6;

const char* kind(uint8_t v) { return v & 0x04 ? "Control" : "Data"; }
std::string flags(uint8_t v) { return bittok_string(header_bits, v & 0x07, "none"); }

// The version check and the line below -v; false when that is all.
bool lwapp_head(Ctx& c, uint8_t v, uint32_t length)
{
    if (v >> 6 != 0) {
        c.print("LWAPP version {} packet not supported", v >> 6);
        return false;
    }
    if (!c.opt.vflag) {
        c.print("LWAPPv{}, {} frame, Flags [{}], length {}", v >> 6, kind(v), flags(v), length);
        return false;
    }
    return true;
}

} // namespace

void lwapp_control_print(Ctx& c, Bytes p, uint32_t length, bool ap_ident)
{
    c.proto = "lwapp_control";
    Reader r(p);
    // (tcpdump's captured-length checks here are `goto trunc`: the marker
    // and a normal end)
    size_t ident = ap_ident ? ap_ident_len : 0;
    if (!r.has(ident + transport_len))
        return c.print_trunc();
    Reader t = r;
    t.skip(ident);
    uint8_t v = t.peek_u8(0);
    if (!lwapp_head(c, v, length))
        return;
    uint32_t tlen = t.peek_be16(2);
    c.print("LWAPPv{}, {} frame, Radio-id {}, Flags [{}], Frag-id {}, length {}", v >> 6, kind(v), v >> 3 & 7,
            flags(v), t.peek_u8(1), tlen);
    if (ap_ident)
        c.print("\n\tAP identity: {}", etheraddr_string(c, peek_mac(r, 0)));
    r.skip(ident + transport_len);
    while (tlen != 0) {
        if (!r.has(control_len))
            return c.print_trunc();
        uint16_t msg_len = r.peek_be16(2);
        if (tlen < control_len || tlen < control_len + msg_len) {
            c.put("\n\t  Msg goes past end of PDU");
            break;
        }
        uint8_t type = r.peek_u8(0);
        c.print("\n\t  Msg type: {} ({}), Seqnum: {}, Msg len: {}, Session: 0x{:08x}",
                tok_lookup(msg_types, type).value_or("Unknown"), type, r.peek_u8(1), msg_len, r.peek_be32(4));
        if (!r.has(msg_len))
            return c.print_trunc();
        r.skip(std::min<size_t>(control_len + msg_len, r.remaining()));
        tlen -= uint32_t(control_len + msg_len);
    }
}

void lwapp_data_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "lwapp_data";
    Reader r(p);
    if (!r.has(transport_len))
        return c.print_trunc();
    uint8_t v = r.peek_u8(0);
    if (!lwapp_head(c, v, length))
        return;
    uint32_t tlen = r.peek_be16(2);
    if (tlen < transport_len) {
        c.print("LWAPPv{}, {} frame, Radio-id  {}, Flags [{}], length {} < transport header length", v >> 6, kind(v),
                v >> 3 & 7, flags(v), tlen);
        return;
    }
    // (two spaces after Radio-id and Frag-id on data frames, as 4.99.3)
    c.print("LWAPPv{}, {} frame, Radio-id  {}, Flags [{}], Frag-id  {}, length {}", v >> 6, kind(v), v >> 3 & 7,
            flags(v), r.peek_u8(1), tlen);
    r.skip(transport_len);
    print_unknown_data(c, r.rest(), 0, "\n\t", tlen - uint32_t(transport_len));
}

} // namespace nsbox::tcpdump
