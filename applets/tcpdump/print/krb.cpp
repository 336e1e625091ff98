// Kerberos on UDP ports 88 and 750, as tcpdump 4.99.3 prints it: the
// protocol version; Kerberos 4's message type and byte order, principal
// names, lifetimes and error codes. Kerberos 5 (whose first byte is an
// ASN.1 tag, 106 or 107) prints as "v5" alone: tcpdump does not decode it.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint8_t { kdc_request = 1 << 1, kdc_reply = 2 << 1, appl_request = 3 << 1, err_reply = 5 << 1 };

constexpr Tok types[] = {{1 << 1, "KDC_REQUEST"}, {2 << 1, "KDC_REPLY"},           {3 << 1, "APPL_REQUEST"},
                         {4 << 1, "APPL_REQUEST_MUTUAL"}, {5 << 1, "ERR_REPLY"}, {6 << 1, "PRIVATE"},
                         {7 << 1, "SAFE"},        {8 << 1, "APPL_ERR"},           {63 << 1, "DIE"}};
constexpr Tok errors[] = {{0, "OK"},
                          {1, "NAME_EXP"},
                          {2, "SERVICE_EXP"},
                          {3, "AUTH_EXP"},
                          {4, "PKT_VER"},
                          {5, "NAME_MAST_KEY_VER"},
                          {6, "SERV_MAST_KEY_VER"},
                          {7, "BYTE_ORDER"},
                          {8, "PRINCIPAL_UNKNOWN"},
                          {9, "PRINCIPAL_NOT_UNIQUE"},
                          {10, "NULL_KEY"}};

std::string number(uint32_t v) { return fmt::format("#{}", v); }

class Krb4 {
public:
    Krb4(Ctx& c, Bytes p) : c_(c), r_(p), le_(r_.peek_u8(1) & 1) {}

    void print()
    {
        uint8_t type = r_.peek_u8(1) & 0xfe;
        c_.print(" {} {}: ", le_ ? "le" : "be", tok_or(types, type, number));
        size_t at = 0;
        switch (type) {
        case kdc_request:
            if (!header(at))
                return;
            at += 4; // (the time)
            c_.print(" {}min ", r_.peek_u8(at) * 5u);
            ++at;
            if (!string(at))
                return c_.print_trunc();
            c_.put('.');
            if (!string(at))
                return c_.print_trunc();
            break;
        case appl_request:
            at = 2;
            c_.print("v{} ", r_.peek_u8(at));
            ++at;
            if (!string(at))
                return c_.print_trunc();
            c_.print(" ({})", r_.peek_u8(at));
            ++at;
            c_.print(" ({})", r_.peek_u8(at));
            break;
        case kdc_reply:
            if (!header(at))
                return;
            at += 10; // (the time, count, expiry and key version)
            c_.print(" ({})", u16(at));
            break;
        case err_reply:
            if (!header(at))
                return;
            at += 4; // (the time)
            c_.print(" {} ", tok_or(errors, u16(at), number));
            at += 4;
            if (!string(at))
                return c_.print_trunc();
            break;
        default:
            c_.put("(unknown)");
            break;
        }
    }

private:
    uint16_t u16(size_t at) const
    {
        uint16_t v = r_.peek_be16(at);
        return le_ ? uint16_t(v >> 8 | v << 8) : v;
    }
    // A NUL-terminated string at `at` (tcpdump's c_print): false when the
    // capture ends before its NUL; `at` moves past it.
    bool string(size_t& at)
    {
        for (; r_.has(at + 1); ++at) {
            uint8_t ch = r_.peek_u8(at);
            if (ch == 0) {
                ++at;
                return true;
            }
            print_char(c_, ch);
        }
        return false;
    }
    // NAME.INSTANCE@REALM after the first two bytes.
    bool header(size_t& at)
    {
        at = 2;
        for (std::string_view after : {".", "@", ""}) {
            if (!string(at)) {
                c_.print_trunc();
                return false;
            }
            c_.put(after);
        }
        return true;
    }

    Ctx& c_;
    Reader r_;
    bool le_;
};

} // namespace

void krb_print(Ctx& c, Bytes p)
{
    c.proto = "krb";
    if (p.empty()) // (a check of its own in tcpdump: the line ends normally)
        return c.print_trunc();
    uint8_t pvno = std::to_integer<uint8_t>(p[0]);
    switch (pvno) {
    case 1:
    case 2:
    case 3: c.print(" v{}", pvno); break;
    case 4:
        c.print(" v{}", pvno);
        Krb4(c, p).print();
        break;
    case 106:
    case 107: c.put(" v5"); break;
    default: break;
    }
}

} // namespace nsbox::tcpdump
