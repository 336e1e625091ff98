// SCTP (RFC 9260; IP protocol 132), as tcpdump 4.99.3 prints it: the
// addresses and ports, then one "(n) [NAME] ..." part per chunk (on its own
// line from -vv on). DATA prints its flags, TSN, stream, sequence and
// payload protocol (from -vv on the payload in hex, or M3UA decoded); INIT and INIT ACK their
// tag, window, streams and initial TSN; SACK its cumulative ack, window, gap
// blocks and duplicate TSNs. Every other chunk is named only, as tcpdump
// does. Not decoded: ForCES (ports 6704-6706, PPIDs 21-23), which tcpdump
// hands to its own printer.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok chunk_names[] = {
    {0x00, "DATA"},       {0x01, "INIT"},          {0x02, "INIT ACK"},    {0x03, "SACK"},
    {0x04, "HB REQ"},     {0x05, "HB ACK"},        {0x06, "ABORT"},       {0x07, "SHUTDOWN"},
    {0x08, "SHUTDOWN ACK"}, {0x09, "OP ERR"},      {0x0a, "COOKIE ECHO"}, {0x0b, "COOKIE ACK"},
    {0x0c, "ECN ECHO"},   {0x0d, "ECN CWR"},       {0x0e, "SHUTDOWN COMPLETE"},
    {0xc0, "FOR CUM TSN"}, {0xc1, "REL CTRL"},     {0xc2, "REL CTRL ACK"},
};

// Payload protocol identifiers.
constexpr Tok ppid_names[] = {
    {1, "ISDN Q.921"}, {2, "M2UA"},       {3, "M3UA"},       {4, "SUA"},        {5, "M2PA"},   {6, "V5.2"},
    {7, "H.248"},      {8, "BICC"},       {9, "TALI"},       {10, "DUA"},       {11, "ASAP"},  {12, "ENRP"},
    {13, "H.323"},     {14, "Q.IPC"},     {15, "SIMCO"},     {16, "DDPSC"},     {17, "DDPSSC"}, {18, "S1AP"},
    {19, "RUA"},       {20, "HNBAP"},     {21, "ForCES HP"}, {22, "ForCES MP"}, {23, "ForCES LP"},
    {24, "SBc-AP"},    {25, "NBAP"},      {27, "X2AP"},
};

constexpr Tok forces_channels[] = {{6704, "ForCES HP"}, {6705, "ForCES MP"}, {6706, "ForCES LP"}};

constexpr uint32_t header_len = 12, chunk_desc_len = 4;
constexpr uint8_t data_unordered = 0x04, data_first = 0x02, data_last = 0x01;

void sctp_body(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip);

} // namespace

// tcpdump checks each chunk against the capture before reading it and ends
// with " [|sctp]" when it is cut (the packet's line then goes on normally,
// so -x still leaves out the link-layer header).
void sctp_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip)
{
    c.proto = "sctp";
    try {
        sctp_body(c, p, length, ip);
    } catch (const Truncated&) {
        c.print_trunc();
    }
}

namespace {

void sctp_body(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip)
{
    if (length < header_len) {
        c.print("truncated-sctp - {} bytes missing!", header_len - length);
        return;
    }
    Reader r(p);
    if (!r.has(header_len))
        throw Truncated();
    uint16_t sport = r.peek_be16(0);
    uint16_t dport = r.peek_be16(2);
    c.print("{}.{} > {}.{}: sctp", ip_src_string(c, ip), sport, ip_dst_string(c, ip), dport);
    if (auto n = tok_lookup(forces_channels, sport))
        c.print("[{}]", *n);
    if (auto n = tok_lookup(forces_channels, dport))
        c.print("[{}]", *n);

    size_t bp = header_len;
    uint32_t remaining = length - header_len;
    const char* sep = c.opt.vflag >= 2 ? "\n\t" : " (";
    for (uint32_t count = 1; remaining != 0; ++count) {
        if (remaining < chunk_desc_len) {
            c.print("{}{}) [chunk descriptor cut off at end of packet]", sep, count);
            break;
        }
        if (!r.has(bp + chunk_desc_len))
            throw Truncated();
        uint16_t chunk_len = r.peek_be16(bp + 2);
        if (chunk_len < chunk_desc_len) {
            c.print("{}{}) [Bad chunk length {}, < size of chunk descriptor]", sep, count, chunk_len);
            break;
        }
        uint16_t chunk_left = chunk_len;
        uint16_t align = chunk_len % 4;
        if (align != 0)
            align = uint16_t(4 - align);
        if (remaining < align) {
            c.print("{}{}) [Bad chunk length {}, > remaining data in packet]", sep, count, chunk_len);
            break;
        }
        if (!r.has(bp + chunk_len))
            throw Truncated();
        uint8_t id = r.peek_u8(bp);
        uint8_t flags = r.peek_u8(bp + 1);
        bp += chunk_desc_len;
        remaining -= chunk_desc_len;
        chunk_left = uint16_t(chunk_left - chunk_desc_len);

        c.print("{}{}) [{}] ", sep, count,
                tok_or(chunk_names, id, [](uint32_t v) { return fmt::format("Unknown chunk type: 0x{:x}", v); }));
        // Skips what is left of a chunk tcpdump does not decode further.
        auto skip = [&](uint32_t n) {
            bp += n;
            remaining -= n;
            chunk_left = uint16_t(chunk_left - n);
        };
        auto bogus = [&] { c.print("bogus chunk length {}]", chunk_len); };
        switch (id) {
        case 0x00: {  // DATA
            if (flags & data_unordered)
                c.put("(U)");
            if (flags & data_first)
                c.put("(B)");
            if (flags & data_last)
                c.put("(E)");
            if (flags & (data_unordered | data_first | data_last))
                c.put(' ');
            if (chunk_left < 12) {
                bogus();
                return;
            }
            uint32_t ppid = r.peek_be32(bp + 8);
            c.print("[TSN: {}] ", r.peek_be32(bp));
            c.print("[SID: {}] ", r.peek_be16(bp + 4));
            c.print("[SSEQ {}] ", r.peek_be16(bp + 6));
            c.print("[PPID {}] ", tok_or(ppid_names, ppid, [](uint32_t v) { return fmt::format("0x{:x}", v); }));
            skip(12);
            uint16_t payload = chunk_left;
            if (payload == 0) {
                bogus();
                return;
            }
            if (c.opt.vflag >= 2 && ppid == 3) {
                m3ua_print(c, r.whole().subspan(std::min(bp, r.whole().size())), payload);
            } else if (c.opt.vflag >= 2) {
                c.put("[Payload");
                if (!c.opt.suppress_default_print) {
                    c.put(':');
                    default_print(c, r.whole().subspan(std::min(bp, r.whole().size())), payload);
                }
                c.put(']');
            }
            skip(payload);
            break;
        }
        case 0x01:    // INIT
        case 0x02: {  // INIT ACK
            if (chunk_left < 16) {
                bogus();
                return;
            }
            c.print("[init tag: {}] ", r.peek_be32(bp));
            c.print("[rwnd: {}] ", r.peek_be32(bp + 4));
            c.print("[OS: {}] ", r.peek_be16(bp + 8));
            c.print("[MIS: {}] ", r.peek_be16(bp + 10));
            c.print("[init TSN: {}] ", r.peek_be32(bp + 12));
            skip(16);
            skip(chunk_left);
            break;
        }
        case 0x03: {  // SACK
            if (chunk_left < 12) {
                bogus();
                return;
            }
            uint32_t cum = r.peek_be32(bp);
            uint16_t gaps = r.peek_be16(bp + 8);
            uint16_t dups = r.peek_be16(bp + 10);
            c.print("[cum ack {}] ", cum);
            c.print("[a_rwnd {}] ", r.peek_be32(bp + 4));
            c.print("[#gap acks {}] ", gaps);
            c.print("[#dup tsns {}] ", dups);
            skip(12);
            for (uint32_t n = 0; chunk_left != 0 && n < gaps; ++n) {
                if (chunk_left < 4) {
                    bogus();
                    return;
                }
                c.print("\n\t\t[gap ack block #{}: start = {}, end = {}] ", n + 1, cum + r.peek_be16(bp),
                        cum + r.peek_be16(bp + 2));
                skip(4);
            }
            for (uint32_t n = 0; chunk_left != 0 && n < dups; ++n) {
                if (chunk_left < 4) {
                    bogus();
                    return;
                }
                c.print("\n\t\t[dup TSN #{}: {}] ", n + 1, r.peek_be32(bp));
                skip(4);
            }
            break;
        }
        default:
            skip(chunk_left);
            break;
        }
        // Whatever the chunk has left over.
        bp += chunk_left;
        remaining -= chunk_left;
        if (c.opt.vflag < 2)
            sep = ", (";
        if (align != 0) {
            if (!r.has(bp + align))
                throw Truncated();
            bp += align;
            remaining -= align;
        }
    }
}

} // namespace

} // namespace nsbox::tcpdump
