// The Ad-Hoc Configuration Protocol (AHCP, draft-chroboczek-ahcp; UDP port
// 5359), as tcpdump 4.99.3 prints it: the version; from -v on the hop
// counts, nonce, source and destination ids and the message type; from
// -vv on every option (times, addresses, prefixes). Lengths that do not add
// up print " (invalid)"; a capture that ends early, tcpdump's marker.

#include <ctime>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok messages[] = {{0, "Discover"}, {1, "Offer"}, {2, "Request"},
                            {3, "Ack"},      {4, "Nack"},  {5, "Release"}};
constexpr Tok options[] = {
    {0, "Pad"},          {1, "Mandatory"},    {2, "Origin Time"},           {3, "Expires"},
    {4, "My-IPv6-Address"}, {5, "My-IPv4-Address"}, {6, "IPv6 Prefix"},    {7, "IPv4 Prefix"},
    {8, "IPv6 Address"}, {9, "IPv4 Address"}, {10, "IPv6 Prefix Delegation"}, {11, "IPv4 Prefix Delegation"},
    {12, "Name Server"}, {13, "NTP Server"},
};
constexpr uint32_t header_len = 24, body_min = 4;

std::string unknown(uint32_t v) { return fmt::format("Unknown-{}", v); }

// The bytes [off, end) of `r`: checked as tcpdump's ND_TCHECK_LEN (which
// longjmps in this printer).
void need(const Reader& r, size_t off, size_t end)
{
    if (end > off && !r.has(end))
        throw Truncated();
}

// " (invalid)", then the rest of the span must still be captured.
void invalid(Ctx& c, const Reader& r, size_t off, size_t end)
{
    c.print_invalid();
    need(r, off, end);
}

// One option's value, [off, end) of `r`.
void option_value(Ctx& c, const Reader& r, uint8_t type, size_t off, size_t end)
{
    auto list = [&](size_t item, auto&& print) {
        const char* sep = ": ";
        for (; off < end; off += item) {
            if (off + item > end)
                return invalid(c, r, off, end);
            need(r, off, off + item);
            c.put(sep);
            print(off);
            sep = ", ";
        }
    };
    auto a4 = [&](size_t o) { c.put(ipaddr_string(c, peek_addr4(r, o))); };
    auto a6 = [&](size_t o) { c.put(ip6addr_string(c, peek_addr6(r, o))); };
    switch (type) {
    case 2:
    case 3: {
        if (off + 4 != end)
            return invalid(c, r, off, end);
        need(r, off, off + 4);
        uint32_t v = r.peek_be32(off);
        if (type == 3) {
            c.print(": {}s", v);
            break;
        }
        time_t t = v;
        tm tm{};
        char buf[64];
        if (!gmtime_r(&t, &tm))
            c.put(": gmtime() error");
        else if (std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm) == 0)
            c.put(": strftime() error");
        else
            c.print(": {} UTC", buf);
        break;
    }
    case 4:
    case 8:
    case 12:
    case 13: list(16, a6); break;
    case 5:
    case 9: list(4, a4); break;
    case 6:
    case 10:
        list(17, [&](size_t o) {
            a6(o);
            c.print("/{}", r.peek_u8(o + 16));
        });
        break;
    case 11:
        list(5, [&](size_t o) {
            a4(o);
            c.print("/{}", r.peek_u8(o + 4));
        });
        break;
    default: // (7, IPv4 Prefix, has no decoder in 4.99.3)
        c.print(" (Length {})", end - off);
        need(r, off, end);
    }
}

void options_print(Ctx& c, const Reader& r, size_t off, size_t end)
{
    while (off < end) {
        need(r, off, off + 1);
        uint8_t type = r.peek_u8(off++);
        c.print("\n\t {}", tok_or(options, type, unknown));
        if (type == 0 || type == 1)
            continue;
        if (off + 1 > end)
            return invalid(c, r, off, end);
        need(r, off, off + 1);
        uint8_t len = r.peek_u8(off++);
        if (off + len > end)
            return invalid(c, r, off, end);
        option_value(c, r, type, off, off + len);
        off += len;
    }
}

void body_print(Ctx& c, const Reader& r, size_t off, size_t end)
{
    if (off + body_min > end)
        return invalid(c, r, off, end);
    need(r, off, off + body_min);
    uint8_t type = r.peek_u8(off), mbz = r.peek_u8(off + 1);
    uint16_t len = r.peek_be16(off + 2);
    off += body_min;
    if (c.opt.vflag) {
        c.print("\n\t{}", tok_or(messages, type, unknown));
        if (mbz != 0)
            c.print(", MBZ {}", mbz);
        c.print(", Length {}", len);
    }
    if (off + len > end)
        return invalid(c, r, off, end);
    if (c.opt.vflag >= 2)
        options_print(c, r, off, off + len); // (not to `end`: extra data is ignored)
    else
        need(r, off, off + len);
}

} // namespace

void ahcp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ahcp";
    Reader r(p);
    size_t end = length;
    c.put("AHCP");
    if (length < 2)
        return invalid(c, r, 0, end);
    need(r, 0, 1);
    if (r.peek_u8(0) != 43)
        return invalid(c, r, 0, end);
    need(r, 1, 2);
    uint8_t version = r.peek_u8(1);
    if (version != 1) {
        c.print(" Version {} (unknown)", version);
        return;
    }
    c.put(" Version 1");
    if (length < header_len)
        return invalid(c, r, 2, end);
    if (!c.opt.vflag) {
        need(r, 2, header_len);
    } else {
        need(r, 2, 3);
        c.print("\n\tHopcount {}", r.peek_u8(2));
        need(r, 3, 4);
        c.print(", Original Hopcount {}", r.peek_u8(3));
        need(r, 4, 8);
        c.print(", Nonce 0x{:08x}", r.peek_be32(4));
        need(r, 8, 16);
        c.print(", Source Id {}", linkaddr_string(c, p.subspan(8, 8)));
        need(r, 16, 24);
        c.print(", Destination Id {}", linkaddr_string(c, p.subspan(16, 8)));
    }
    body_print(c, r, header_len, end);
}

} // namespace nsbox::tcpdump
