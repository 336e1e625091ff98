// Cisco NetFlow versions 1, 5 and 6 (-T cnfp; tcpdump has no port for it):
// the header's uptime, export time and sequence, then each flow record's
// times, endpoints, next hop, protocol, TCP flags, ToS and counts, as
// tcpdump 4.99.3 prints them. What 4.99.3 does and nsbox does with it:
// the record count is read as the four bytes from the count field on (the
// count and the top of the uptime), so records go on until the capture
// ends; v5 and v6 records are stepped by 52 bytes (v5's are 48 on the
// wire); a header or record is printed only when it is captured whole.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

struct Layout {
    size_t header; // header bytes
    size_t record; // record bytes, as tcpdump steps them
};

// The TCP flags cnfp names (not ECE or CWR), as letters.
constexpr std::pair<uint8_t, char> flag_letters[] = {{0x01, 'F'}, {0x02, 'S'}, {0x04, 'R'},
                                                     {0x08, 'P'}, {0x10, 'A'}, {0x20, 'U'}};

void records(Ctx& c, const Reader& r, unsigned version, const Layout& l)
{
    auto u8 = [&](size_t off) { return r.peek_u8(off); };
    auto be16 = [&](size_t off) { return r.peek_be16(off); };
    auto addr = [&](size_t off) { return ntop4(peek_addr4(r, off)); };
    if (!r.has(l.header))
        throw Truncated();
    uint32_t nrecs = r.peek_be32(2), uptime = r.peek_be32(4);
    c.print("NetFlow v{:x}, {}.{:03} uptime, {}.{:09}, ", version, uptime / 1000, uptime % 1000, r.peek_be32(8),
            r.peek_be32(12));
    if (version != 1)
        c.print("#{}, ", r.peek_be32(16));
    c.print("{:2} recs", nrecs);
    for (size_t off = l.header; nrecs != 0; off += l.record, --nrecs) {
        if (!r.has(off + l.record))
            throw Truncated();
        uint32_t start = r.peek_be32(off + 24), last = r.peek_be32(off + 28);
        c.print("\n  started {}.{:03}, last {}.{:03}", start / 1000, start % 1000, last / 1000, last % 1000);
        if (version == 1)
            c.print("\n    {}:{} > {}:{} ", addr(off), be16(off + 32), addr(off + 4), be16(off + 34));
        else
            c.print("\n    {}/{}:{}:{} > {}/{}:{}:{} ", addr(off), u8(off + 44), be16(off + 40), be16(off + 32),
                    addr(off + 4), u8(off + 45), be16(off + 42), be16(off + 34));
        c.print(">> {}\n    ", addr(off + 8));
        uint8_t proto = u8(off + 38);
        if (!c.opt.nflag && !netdb_protonames[proto].empty())
            c.print("{} ", netdb_protonames[proto]);
        else
            c.print("{} ", proto);
        if (proto == 6) {
            uint8_t flags = u8(off + (version == 1 ? 40 : 37));
            for (auto [bit, letter] : flag_letters)
                if (flags & bit)
                    c.put(letter);
            if (flags)
                c.put(' ');
        }
        c.print("tos {}, {} ({} octets)", u8(off + 39), r.peek_be32(off + 16), r.peek_be32(off + 20));
        if (version == 6)
            c.print(" ({}<>{} encaps)", u8(off + 46), u8(off + 47));
        else
            c.put(' ');
    }
}

} // namespace

void cnfp_print(Ctx& c, Bytes p)
{
    c.proto = "cnfp";
    Reader r(p);
    unsigned version = r.peek_be16(0);
    if (version != 1 && version != 5 && version != 6) {
        c.print("NetFlow v{:x}", version);
        return;
    }
    // tcpdump checks each header and record whole and ends the line itself
    // when one is cut, so -x still leaves the link-layer header out (a cut
    // version field, read before, ends the packet as any other cut does).
    try {
        records(c, r, version, version == 1 ? Layout{16, 48} : Layout{24, 52});
    } catch (const Truncated&) {
        c.print_trunc();
    }
}

} // namespace nsbox::tcpdump
