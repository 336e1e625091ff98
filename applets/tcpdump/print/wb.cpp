// LBL's whiteboard (wb) on UDP, to port 4567 and under -T wb: drawing
// operations, announcements, repair and page requests and replies, as
// tcpdump 4.99.3 prints them (from -v on, each drawing operation's type).
// What 4.99.3 does and nsbox does with it: a page reply's id count is read
// from the first byte of its two-byte field.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint8_t { drawop = 0, id = 1, rreq = 2, rrep = 3, kill = 4, preq = 5, prep = 7 };

constexpr Tok dop_names[] = {{2, "RECT"},    {3, "LINE"},   {4, "ML"},      {5, "DEL"},     {6, "XFORM"},
                             {7, "ELL"},     {8, "CHAR"},   {9, "STR"},     {10, "NOP"},    {11, "PSCODE"},
                             {12, "PSCOMP"}, {13, "REF"},   {14, "SKIP"},   {15, "HOLE"}};
constexpr unsigned dt_skip = 14, dt_hole = 15;

class Wb {
public:
    Wb(Ctx& c, Bytes p) : c_(c), r_(p) {}

    // false: tcpdump's " (invalid)" follows.
    bool print(uint32_t len)
    {
        constexpr uint32_t hdr = 12;
        if (len < hdr)
            return false;
        if (!r_.has(hdr))
            throw Truncated();
        len -= hdr;
        if (r_.peek_u8(11))
            c_.put('*');
        uint8_t type = r_.peek_u8(10);
        size_t at = hdr;
        switch (type) {
        case kill:
            c_.put(" wb-kill");
            return true;
        case id:
            return announcement(at, len);
        case rreq:
            c_.put(" wb-rreq:");
            if (len < 20)
                return false;
            c_.print(" please repair {} {}:{}<{}:{}>", addr(at), addr(at + 4), r_.peek_be32(at + 8),
                     r_.peek_be32(at + 12), r_.peek_be32(at + 16));
            return true;
        case rrep:
            c_.put(" wb-rrep:");
            if (len < 20)
                return false;
            c_.print(" for {} {}:{}<{}:{}>", addr(at), addr(at + 4), r_.peek_be32(at + 8), r_.peek_be32(at + 12),
                     r_.peek_be32(at + 16));
            if (c_.opt.vflag)
                dops(at + 4);
            return true;
        case drawop:
            c_.put(" wb-dop:");
            if (len < 16)
                return false;
            c_.print(" {}:{}<{}:{}>", addr(at), r_.peek_be32(at + 4), r_.peek_be32(at + 8), r_.peek_be32(at + 12));
            if (c_.opt.vflag)
                dops(at);
            return true;
        case preq:
            c_.put(" wb-preq:");
            if (len < 16)
                return false;
            c_.print(" need {}/{}:{}", r_.peek_be32(at + 8), addr(at), r_.peek_be32(at + 4));
            need(at + 16);
            return true;
        case prep:
            return page_reply(at, len);
        default:
            c_.print(" wb-{}!", type);
            return false;
        }
    }

private:
    std::string addr(size_t off) { return ipaddr_string(c_, peek_addr4(r_, off)); }
    void need(size_t end) const
    {
        if (!r_.has(end))
            throw Truncated();
    }

    // An announcement: its page state, the ids and offsets, the site name.
    bool announcement(size_t at, uint32_t len)
    {
        c_.put(" wb-id:");
        constexpr uint32_t fixed = 28;
        if (len < fixed)
            return false;
        len -= fixed;
        c_.print(" {}/{}:{} (max {}/{}:{}) ", r_.peek_be32(at + 12), addr(at + 16), r_.peek_be32(at + 20),
                 r_.peek_be32(at), addr(at + 4), r_.peek_be32(at + 8));
        need(at + fixed);
        unsigned nid = r_.peek_be16(at + 24);
        if (len < 8 * nid)
            return false;
        len -= 8 * nid;
        size_t io = at + fixed;
        char sep = '<';
        for (unsigned i = 0; i < nid; ++i, io += 8) {
            c_.print("{}{}:{}", sep, addr(io), r_.peek_be32(io + 4));
            sep = ',';
        }
        c_.put("> \"");
        for (size_t i = 0; i < len; ++i) {
            uint8_t ch = r_.peek_u8(io + i);
            if (ch == 0)
                break;
            print_char(c_, ch);
        }
        c_.put('"');
        return true;
    }

    bool page_reply(size_t at, uint32_t len)
    {
        c_.put(" wb-prep:");
        if (len < 4)
            return false;
        uint32_t n = r_.peek_be32(at);
        size_t ps = at + 4;
        for (; n != 0; --n) {
            c_.print(" {}/{}:{}", r_.peek_be32(ps), addr(ps + 4), r_.peek_be32(ps + 8));
            need(ps + 16);
            size_t io = ps + 16, end = io + 8 * size_t(r_.peek_u8(ps + 12));
            char sep = '<';
            for (; io < end; io += 8) {
                c_.print("{}{}:{}", sep, addr(io), r_.peek_be32(io + 4));
                sep = ',';
            }
            c_.put('>');
            ps = io;
        }
        return true;
    }

    // The drawing operations after the operation header at `dop`, from
    // sequence ss to es.
    void dops(size_t dop)
    {
        uint32_t ss = r_.peek_be32(dop + 8), es = r_.peek_be32(dop + 12);
        size_t dh = dop + 16;
        c_.put(" <");
        for (; ss <= es; ++ss) {
            unsigned t = r_.peek_u8(dh + 7);
            if (auto name = tok_lookup(dop_names, t))
                c_.print(" {}", *name);
            else
                c_.print(" dop-{}!", t);
            if (t == dt_skip || t == dt_hole) {
                uint32_t ts = r_.peek_be32(dh);
                c_.print("{}", ts - ss + 1);
                if (ss > ts || ts > es) {
                    c_.put("[|]");
                    if (ts < ss)
                        return;
                }
                ss = ts;
            }
            // At least 8 bytes on each time: the capture's end stops a
            // sequence range that never ends (as tcpdump's reads do).
            dh += (size_t(r_.peek_be16(dh + 4)) + 8 + 3) & ~size_t(3);
        }
        c_.put(" >");
    }

    Ctx& c_;
    Reader r_;
};

} // namespace

void wb_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "wb";
    if (!Wb(c, p).print(length))
        c.print_invalid();
}

} // namespace nsbox::tcpdump
