// LISP control messages (RFC 6830; UDP port 4342), as tcpdump 4.99.3 prints
// them: the message type, and for Map-Register and Map-Notify (the only two
// it decodes) the flags under -v, the records with their EID prefixes and
// locators (TTL, action, map version, priorities and flags under -v), then
// the xTR and site ids or the bytes left over.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint8_t { map_register = 3, map_notify = 4 };
constexpr Tok types[] = {{0, "LISP-Reserved"},     {1, "LISP-Map-Request"}, {2, "LISP-Map-Reply"},
                         {3, "LISP-Map-Register"}, {4, "LISP-Map-Notify"},
                         {8, "LISP-Encapsulated-Contol-Message"}};
constexpr Tok register_flags[] = {{0x08000000, "P-Proxy-Map-Reply"},
                                  {0x04000000, "S-LISP-SEC-Capable"},
                                  {0x02000000, "I-xTR-ID-Present"},
                                  {0x01000000, "R-Build-For-RTR"},
                                  {0x00000100, "M-Want-Map-Notify"}};
constexpr Tok notify_flags[] = {{0x08000000, "I-xTR-ID-Present"}, {0x04000000, "R-Build-For-RTR"}};
constexpr Tok auth_types[] = {{0, "None"}, {1, "SHA1"}, {2, "SHA256"}};
constexpr Tok actions[] = {{0, "No-Action"}, {1, "Natively-Forward"}, {2, "Send-Map-Request"}, {3, "Drop"}};
constexpr Tok locator_flags[] = {{0x0004, "Local-Locator"}, {0x0002, "RLoc-Probed"}, {0x0001, "Reachable"}};
constexpr uint16_t header_len = 16, record_len = 12, locator_len = 8;

// tcpdump's `goto trunc` (its ND_TCHECKs here): the marker and a normal end.
struct Cut {};

} // namespace

void lisp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "lisp";
    Reader r(p);
    // (EID addresses are read as tcpdump's GET_IPADDR_STRING: a cut there
    // is its longjmp, a Truncated from peek_addr4/6)
    auto need = [&](size_t off, size_t n) {
        if (!r.has(off + n))
            throw Cut();
    };
    try {
        need(0, header_len);
        uint8_t first = r.peek_u8(0);
        uint8_t type = first >> 4;
        c.print("{},", tok_or(types, type, [](uint32_t t) { return fmt::format("unknown-type-{}", t); }));
        if (c.opt.vflag && type == map_register)
            c.print(" flags [{}],", bittok_string(register_flags, r.peek_be32(0), "none"));
        else if (c.opt.vflag && type == map_notify)
            c.print(" flags [{}],", bittok_string(notify_flags, r.peek_be32(0), "none"));
        if (type != map_register && type != map_notify)
            return;
        bool xtr = type == map_register ? first & 2 : first & 8;
        uint16_t auth_len = r.peek_be16(14);
        uint16_t off = header_len; // (16 bits, as tcpdump's offset: it wraps)
        uint8_t records = r.peek_u8(3);
        if (c.opt.vflag) {
            c.print("\n    {} record(s), ", records);
            c.print("Authentication {},", tok_lookup(auth_types, r.peek_be16(12)).value_or("unknown-type"));
            // (what is captured of it; a cut one ends the packet as tcpdump's
            // longjmp)
            Bytes auth = r.rest().subspan(std::min<size_t>(off, r.remaining()));
            hex_print(c, "\n    Authentication-Data: ", auth, std::min<uint32_t>(auth_len, uint32_t(auth.size())));
            if (auth.size() < auth_len)
                throw Truncated();
        } else {
            c.print(" {} record(s),", records);
        }
        off = uint16_t(off + auth_len);
        if (records == 0) {
            c.print_invalid();
            return;
        }
        while (length > off && records--) {
            need(off, record_len);
            c.put('\n');
            uint16_t rec = off;
            off = uint16_t(off + record_len);
            uint8_t mask = r.peek_u8(rec + 5);
            uint16_t afi = r.peek_be16(rec + 10);
            uint8_t locators = r.peek_u8(rec + 4);
            if (c.opt.vflag) {
                c.print("      Record TTL {},", r.peek_be32(rec));
                uint8_t act = r.peek_u8(rec + 6);
                c.put(act >> 4 & 1 ? " Authoritative," : " Non-Authoritative,");
                c.print(" {},", tok_lookup(actions, act >> 5).value_or("unknown"));
                c.print(" Map Version: {},", r.peek_be16(rec + 8) & 0x0fff);
            }
            if (afi == 1) {
                c.print(" EID {}/{},", ipaddr_string(c, peek_addr4(r, off)), mask);
                off = uint16_t(off + 4);
            } else if (afi == 2) {
                c.print(" EID {}/{},", ip6addr_string(c, peek_addr6(r, off)), mask);
                off = uint16_t(off + 16);
            } else {
                return; // (LCAF and others: not decoded by 4.99.3)
            }
            c.print(" {} locator(s)", locators);
            while (locators--) {
                need(off, locator_len);
                uint16_t loc = off;
                off = uint16_t(off + locator_len);
                uint16_t loc_afi = r.peek_be16(loc + 6);
                if (c.opt.vflag)
                    c.put("\n       ");
                if (loc_afi == 1) {
                    need(off, 4);
                    c.print(" LOC {}", ipaddr_string(c, peek_addr4(r, off)));
                    off = uint16_t(off + 4);
                } else if (loc_afi == 2) {
                    need(off, 16);
                    c.print(" LOC {}", ip6addr_string(c, peek_addr6(r, off)));
                    off = uint16_t(off + 16);
                }
                if (c.opt.vflag) {
                    c.print("\n          Priority/Weight {}/{}, Multicast Priority/Weight {}/{},", r.peek_u8(loc),
                            r.peek_u8(loc + 1), r.peek_u8(loc + 2), r.peek_u8(loc + 3));
                    c.print(" flags [{}],", bittok_string(locator_flags, r.peek_be16(loc + 4), "none"));
                }
            }
        }
        if (xtr) {
            if (!r.has(size_t(off) + 24)) {
                c.print_invalid();
                return;
            }
            hex_print(c, "\n    xTR-ID: ", r.rest().subspan(off), 16);
            c.print("\n    SITE-ID: {}", (uint64_t(r.peek_be32(off + 16)) << 32) | r.peek_be32(off + 20));
        } else if (off < r.remaining()) {
            Bytes left = r.rest().subspan(off);
            hex_print(c, "\n    Data: ", left, uint32_t(left.size()));
        }
    } catch (const Cut&) {
        c.print_trunc();
    }
}

} // namespace nsbox::tcpdump
