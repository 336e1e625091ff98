// ZMTP/1.0, ZeroMQ's framing over TCP (-T zmtp1 only): each frame's length
// (8 or 64 bits), how much of it was captured, its flags, and from -v on
// the flag bits and the body's first bytes (all of them from -vv on), as
// tcpdump 4.99.3 prints them.

#include <algorithm>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint64_t vbytes = 128; // body bytes shown at -v

// One frame at `at`; returns where the next one starts.
size_t frame(Ctx& c, Bytes p, size_t at, size_t end)
{
    c.put("\n\t");
    // A cut frame ends the packet as any cut packet ends (tcpdump 4.99.3
    // longjmps out: -x then dumps the whole frame).
    auto captured = [&](uint64_t n) { return at <= p.size() && n <= p.size() - at; };
    auto cut = []() -> size_t { throw Truncated(); };
    if (!captured(1))
        return cut();
    Reader r(p.subspan(at));
    uint64_t header_len, declared;
    if (r.peek_u8(0) != 0xff) {
        header_len = 1;
        declared = r.peek_u8(0);
        c.print(" frame flags+body  (8-bit) length {}", declared);
    } else {
        header_len = 9;
        c.put(" frame flags+body (64-bit) length");
        if (!captured(header_len))
            return cut();
        r.skip(1);
        declared = r.be64();
        c.print(" {}", declared);
    }
    if (declared == 0)
        return at + header_len;
    if (!captured(header_len + 1))
        return cut();
    uint8_t flags = uint8_t(p[at + header_len]);
    uint64_t body_captured = end - at - header_len;
    if (declared > body_captured)
        c.print(" ({} captured)", body_captured);
    c.print(", flags {:#04x}", flags);
    if (c.opt.vflag) {
        auto bit = [&](uint8_t b, const char* name) { return flags & b ? name : "-"; };
        c.print(" ({}|{}|{}|{}|{}|{}|{}|{})", bit(0x80, "MBZ"), bit(0x40, "MBZ"), bit(0x20, "MBZ"), bit(0x10, "MBZ"),
                bit(0x08, "MBZ"), bit(0x04, "MBZ"), bit(0x02, "MBZ"), bit(0x01, "MORE"));
        uint64_t shown = std::min(body_captured, declared);
        if (c.opt.vflag == 1)
            shown = std::min(vbytes + 1, shown);
        if (shown > 1) {
            c.print(", first {} byte(s) of body:", shown - 1);
            hex_and_ascii_print(c, "\n\t ", p.subspan(at + header_len + 1), uint32_t(shown - 1));
        }
    }
    at += header_len;
    if (!captured(declared))
        return cut();
    return at + declared;
}

} // namespace

void zmtp1_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "zmtp1";
    c.put(": ZMTP/1.0");
    size_t end = std::min<size_t>(p.size(), length);
    for (size_t at = 0; at < end;)
        at = frame(c, p, at, end);
}

} // namespace nsbox::tcpdump
