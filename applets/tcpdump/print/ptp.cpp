// PTP, the Precision Time Protocol (IEEE 1588), on UDP ports 319 and 320
// and under -T ptp: the version byte, then for version 2 the common header
// (v1 compatibility, message type, length, domain, flags, correction, clock
// and port identity, sequence, control, log interval) and each message's
// body, as tcpdump 4.99.3 prints them. Version 1 is "(not implemented)"
// there too; a management message's four one-byte fields all show the
// body's first byte, as 4.99.3 shows them.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t ptp_hdrlen = 34;

enum : uint8_t {
    sync = 0x0,
    delay_req = 0x1,
    pdelay_req = 0x2,
    pdelay_resp = 0x3,
    follow_up = 0x8,
    delay_resp = 0x9,
    pdelay_resp_follow_up = 0xa,
    announce = 0xb,
    signaling = 0xc,
    management = 0xd,
};

constexpr Tok message_types[] = {
    {sync, "sync msg"},          {delay_req, "delay req msg"},    {pdelay_req, "peer delay req msg"},
    {pdelay_resp, "peer delay resp msg"}, {follow_up, "follow up msg"}, {delay_resp, "delay resp msg"},
    {pdelay_resp_follow_up, "pdelay resp fup msg"}, {announce, "announce msg"}, {signaling, "signalling msg"},
    {management, "management msg"}};
constexpr Tok control_fields[] = {{0, "Sync"},       {1, "Delay_Req"},  {2, "Follow_Up"},
                                  {3, "Delay_Resp"}, {4, "Management"}, {5, "Other"}};
constexpr Tok flag_names[] = {
    {0x1, "l1 61"},           {0x2, "l1 59"},         {0x4, "utc reasonable"},       {0x8, "timescale"},
    {0x10, "time tracable"},  {0x20, "frequency tracable"}, {0x100, "alternate master"}, {0x200, "two step"},
    {0x400, "unicast"},       {0x1000, "profile specific 1"}, {0x2000, "profile specific 2"},
    {0x4000, "security mask"}, {0x18c0, "unknown"}};

uint64_t be48(Reader& r)
{
    uint64_t hi = r.be16();
    return hi << 32 | r.be32();
}

void timestamp(Ctx& c, Reader& r, const char* name, bool comma = true)
{
    c.print(", {} :", name);
    uint64_t secs = be48(r);
    c.print(" {} seconds{}", secs, comma ? "," : "");
    c.print(" {} nanoseconds", r.be32());
}

void port_identity(Ctx& c, Reader& r)
{
    c.print(", port identity : {:#x}", r.be64());
    c.print(", port id : {}", r.be16());
}

void announce_body(Ctx& c, Reader& r)
{
    timestamp(c, r, "originTimeStamp", false);
    c.print(", origin cur utc :{}", r.be16());
    c.print(", rsvd : {}", r.u8());
    c.print(", gm priority_1 : {}", r.u8());
    c.print(", gm clock class : {}", r.u8());
    c.print(", gm clock accuracy : {}", r.u8());
    c.print(", gm clock variance : {}", r.be16());
    c.print(", gm priority_2 : {}", r.u8());
    c.print(", gm clock id : {:#x}", r.be64());
    c.print(", steps removed : {}", r.be16());
    c.print(", time source : {:#x}", r.u8());
}

// The port identity, then four one-byte fields that tcpdump 4.99.3 reads
// all from the body's first byte (it does not move past the identity).
void management_body(Ctx& c, Reader r)
{
    Reader id = r;
    port_identity(c, id);
    uint8_t first = r.peek_u8(0);
    c.print(", , start boundary hops  {}", first);
    c.print(", , boundary hops  {}", first);
    c.print(", , flags  {:#x}", first);
    c.print(", , reserved  {:#x}", first);
}

void ptp_v2(Ctx& c, Reader r)
{
    uint8_t first = r.peek_u8(0);
    c.print(", v1 compat : {}", first & 0x10 ? "yes" : "no");
    uint8_t type = first & 0x0f;
    c.print(", msg type : {}", tok_lookup(message_types, type).value_or("Reserved"));
    r.skip(2);
    c.print(", length : {}", r.be16());
    c.print(", domain : {}", r.peek_u8(0));
    c.print(", reserved1 : {}", r.peek_be16(0) & 0xff);
    r.skip(2);
    c.print(", Flags [{}]", bittok_string(flag_names, r.be16(), "none"));
    c.print(", NS correction : {}", be48(r));
    c.print(", sub NS correction : {}", r.be16());
    c.print(", reserved2 : {}", r.be32());
    c.print(", clock identity : {:#x}", r.be64());
    c.print(", port id : {}", r.be16());
    c.print(", seq id : {}", r.be16());
    uint8_t control = r.peek_u8(0);
    c.print(", control : {} ({})", control, tok_lookup(control_fields, control).value_or("Reserved"));
    c.print(", log message interval : {}", r.peek_be16(0) & 0xff);
    r.skip(2);
    switch (type) {
    case sync:
    case delay_req:
        timestamp(c, r, "originTimeStamp");
        break;
    case follow_up:
        timestamp(c, r, "preciseOriginTimeStamp");
        break;
    case pdelay_req:
    case pdelay_resp_follow_up:
        timestamp(c, r, "preciseOriginTimeStamp");
        port_identity(c, r);
        break;
    case pdelay_resp:
    case delay_resp:
        timestamp(c, r, "receiveTimeStamp");
        port_identity(c, r);
        break;
    case announce:
        announce_body(c, r);
        break;
    case signaling:
        port_identity(c, r);
        break;
    case management:
        management_body(c, r);
        break;
    default:
        break;
    }
}

} // namespace

void ptp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ptp";
    if (length < ptp_hdrlen) {
        c.print(" [length {} < {}]", length, ptp_hdrlen);
        c.print_invalid();
        return;
    }
    Reader r(p);
    unsigned version = r.peek_be16(0) & 0xff;
    c.print("PTPv{}", version);
    if (version == 1)
        c.put(" (not implemented)");
    else if (version == 2)
        ptp_v2(c, r);
}

} // namespace nsbox::tcpdump
