// Cisco's Hot Standby Router Protocol, version 0 (RFC 2281; UDP, to port
// 1985), as tcpdump 4.99.3 prints it: the op code, length, state, group and
// virtual address; from -v on the hello and hold times, the priority and the
// authentication data. Other versions print their number alone.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr std::string_view op_codes[] = {"hello", "coup", "resign"};
constexpr Tok states[] = {{0, "initial"}, {1, "learn"}, {2, "listen"}, {4, "speak"}, {8, "standby"}, {16, "active"}};

} // namespace

void hsrp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "hsrp";
    Reader r(p);
    uint8_t version = r.peek_u8(0);
    c.print("HSRPv{}", version);
    if (version != 0)
        return;
    c.put('-');
    uint8_t op = r.peek_u8(1);
    if (op < std::size(op_codes))
        c.print("{} ", op_codes[op]);
    else
        c.print("unknown ({}) ", op);
    c.print("{}: state={} ", length, tok_or(states, r.peek_u8(2), [](uint32_t s) {
                return fmt::format("Unknown ({})", s);
            }));
    c.print("group={} ", r.peek_u8(6));
    if (uint8_t reserved = r.peek_u8(7))
        c.print("[reserved={}!] ", reserved);
    c.print("addr={}", ipaddr_string(c, peek_addr4(r, 16)));
    if (c.opt.vflag) {
        c.put(" hellotime=");
        relts_print(c, r.peek_u8(3));
        c.put(" holdtime=");
        relts_print(c, r.peek_u8(4));
        c.print(" priority={} auth=\"", r.peek_u8(5));
        printjnp(c, r, 8, 8);
        c.put('"');
    }
}

} // namespace nsbox::tcpdump
