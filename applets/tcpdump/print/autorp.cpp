// Cisco's auto-RP (UDP port 496; pim-autorp-spec01, version 1+), as
// tcpdump 4.99.3 prints it: the message type and hold time, then each
// rendezvous point with the PIM versions it supports and its group
// ranges (negative ones with "!", bidirectional ones marked).

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

void autorp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "cisco_autorp";
    Reader r(p);
    // (the length checks are tcpdump's `goto trunc`: the marker and a
    // normal end; a read past the capture is its longjmp)
    auto cut = [&] { c.print_trunc(); };
    if (length < 8)
        return cut();
    c.put(" auto-rp ");
    uint8_t type = r.peek_u8(0);
    if (type == 0x11)
        c.put("candidate-advert");
    else if (type == 0x12)
        c.put("mapping");
    else
        c.print("type-0x{:02x}", type);
    uint8_t rps = r.peek_u8(1);
    c.put(" Hold ");
    if (uint16_t hold = r.peek_be16(2))
        relts_print(c, hold);
    else
        c.put("FOREVER");
    r.skip(std::min<size_t>(8, r.remaining()));
    uint32_t left = length - 8;
    static constexpr std::string_view versions[] = {" PIMv?", " PIMv1", " PIMv2", " PIMv1+2"};
    for (; rps != 0; --rps) {
        if (left < 4)
            return cut();
        std::string rp = ipaddr_string(c, peek_addr4(r, 0)); // (read before " RP ")
        c.put(" RP ");
        c.put(rp);
        r.skip(4);
        left -= 4;
        if (left < 1)
            return cut();
        uint8_t v = r.u8();
        left -= 1;
        c.put(versions[v & 3]);
        if (v & 0xfc)
            c.print(" [rsvd=0x{:02x}]", v & 0xfc);
        if (left < 1)
            return cut();
        uint8_t entries = r.u8();
        left -= 1;
        char sep = ' ';
        for (; entries != 0; --entries) {
            if (left < 6)
                return cut();
            // (the entry read whole before any of it is printed)
            uint8_t flags = r.peek_u8(0);
            std::string group = ipaddr_string(c, peek_addr4(r, 2));
            uint8_t mask = r.peek_u8(1);
            c.put(sep);
            if (flags & 1)
                c.put('!');
            c.put(group);
            c.put('/');
            c.put_dec(mask);
            if (flags & 0x02)
                c.put(" bidir");
            if (flags & 0xfc)
                c.print("[rsvd=0x{:02x}]", flags & 0xfc);
            sep = ',';
            r.skip(6);
            left -= 6;
        }
    }
}

} // namespace nsbox::tcpdump
