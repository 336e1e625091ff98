// SOME/IP (AUTOSAR's Scalable service-Oriented MiddlewarE over IP), UDP
// port 30490 and -T someip (tcpdump 4.99.3 does not decode it over TCP):
// the 16-byte header's service, method or event, length, client, session,
// versions, message type and return code. tcpdump ends the header's line
// with a newline of its own.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {
constexpr Tok message_types[] = {
    {0x00, "REQUEST"},    {0x01, "REQUEST_NO_RETURN"},    {0x02, "NOTIFICATION"},    {0x80, "RESPONSE"},
    {0x81, "ERROR"},      {0x20, "TP_REQUEST"},           {0x21, "TP_REQUEST_NO_RETURN"},
    {0x22, "TP_NOTIFICATION"}, {0xa0, "TP_RESPONSE"},     {0xa1, "TP_ERROR"}};
constexpr Tok return_codes[] = {
    {0x00, "E_OK"},           {0x01, "E_NOT_OK"},           {0x02, "E_UNKNOWN_SERVICE"},
    {0x03, "E_UNKNOWN_METHOD"}, {0x04, "E_NOT_READY"},      {0x05, "E_NOT_REACHABLE"},
    {0x06, "E_TIMEOUT"},      {0x07, "E_WRONG_PROTOCOL_VERSION"}, {0x08, "E_WRONG_INTERFACE_VERSION"},
    {0x09, "E_MALFORMED_MESSAGE"}, {0x0a, "E_WRONG_MESSAGE_TYPE"}, {0x0b, "E_E2E_REPEATED"},
    {0x0c, "E_E2E_WRONG_SEQUENCE"}, {0x0d, "E_E2E"},        {0x0e, "E_E2E_NOT_AVAILABLE"},
    {0x0f, "E_E2E_NO_NEW_DATA"}};
constexpr uint32_t someip_hdrlen = 16;
} // namespace

void someip_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "someip";
    c.put("SOMEIP");
    if (length < someip_hdrlen) {
        c.print_invalid();
        return;
    }
    Reader r(p);
    uint32_t message_id = r.be32();
    c.print(", service {}, {} {}", message_id >> 16, message_id & 0x8000 ? "event" : "method", message_id & 0x7fff);
    c.print(", len {}", r.be32());
    uint32_t request_id = r.be32();
    c.print(", client {}, session {}", request_id >> 16, request_id & 0xffff);
    c.print(", pver {}", r.u8());
    c.print(", iver {}", r.u8());
    auto name = [](std::span<const Tok> table, uint32_t v) { return tok_lookup(table, v).value_or("Unknown"); };
    c.print(", msgtype {}", name(message_types, r.u8()));
    c.print(", retcode {}\n", name(return_codes, r.u8()));
}

} // namespace nsbox::tcpdump
