// The BSD time daemon's protocol (timed, UDP port 525), as tcpdump 4.99.3
// prints it: the message type, version and sequence number, LOOP's hop
// count, the time carried by ADJTIME, SETTIME, SETDATE and SETDATEREQ
// (nothing more when its microseconds are negative), and the sender's
// host name, NUL-padded in a 256-byte field.

#include <cinttypes>
#include <cstdlib>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr std::string_view types[] = {
    "ANY",      "ADJTIME", "ACK",     "MASTERREQ", "MASTERACK", "SETTIME", "MASTERUP", "SLAVEUP",    "ELECTION",
    "ACCEPT",   "REFUSE",  "CONFLICT", "RESOLVE",  "QUIT",      "DATE",    "DATEREQ",  "DATEACK",    "TRACEON",
    "TRACEOFF", "MSITE",   "MSITEREQ", "TEST",     "SETDATE",   "SETDATEREQ", "LOOP",
};
enum : uint8_t { adjtime = 1, settime = 5, setdate = 22, setdatereq = 23, loop = 24 };
constexpr size_t name_off = 12, name_len = 256;

} // namespace

void timed_print(Ctx& c, Bytes p)
{
    c.proto = "timed";
    Reader r(p);
    uint8_t type = r.peek_u8(0);
    if (type < std::size(types)) {
        c.put("TSP_");
        c.put(types[type]);
    } else {
        c.print("(tsp_type {:#x})", type);
    }
    // (each field read before its label: a cut one prints neither)
    uint8_t vers = r.peek_u8(1);
    c.put(" vers ");
    c.put_dec(vers);
    uint16_t seq = r.peek_be16(2);
    c.put(" seq ");
    c.put_dec(seq);
    switch (type) {
    case loop: {
        uint8_t hops = r.peek_u8(4);
        c.put(" hopcnt ");
        c.put_dec(hops);
        break;
    }
    case adjtime:
    case settime:
    case setdate:
    case setdatereq: {
        auto sec = int64_t(int32_t(r.peek_be32(4)));
        auto usec = int32_t(r.peek_be32(8));
        if (usec < 0)
            return; // (tcpdump skips the rest)
        c.put(" time ");
        if (sec < 0 && usec != 0) {
            if (++sec == 0)
                c.put('-');
            usec = 1000000 - usec;
        }
        c.print("{}.{:06}", sec, usec);
        break;
    }
    default: break;
    }
    c.put(" name ");
    printjnp(c, r, name_off, name_len);
}

} // namespace nsbox::tcpdump
