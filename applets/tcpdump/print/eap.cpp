// EAP requests, responses, successes and failures (RFC 3748), as tcpdump
// 4.99.3 prints them inside RADIUS's EAP-Message attribute and in 802.1X
// EAPOL frames (ethertype 0x888e, whose header comes first): the code, id and
// length, and for requests and responses the type with what each type
// carries in its first bytes (identity and notification text, the types a
// NAK asks for, the TLS/TTLS/FAST flags and length, the SIM/AKA subtype).
// A message whose length is not its container's is "EAP fragment?".

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint8_t { request = 1, response = 2 };
enum : uint8_t { identity = 1, notification = 2, nak = 3, tls = 13, sim = 18, ttls = 21, aka = 23, fast = 43 };

constexpr Tok frame_types[] = {{0, "EAP packet"},  {1, "EAPOL start"}, {2, "EAPOL logoff"},
                               {3, "EAPOL key"},   {4, "Encapsulated ASF alert"}};

constexpr Tok code_names[] = {{1, "Request"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}};

constexpr Tok type_names[] = {{0, "No proposed"},   {1, "Identity"}, {2, "Notification"}, {3, "Nak"},
                              {4, "MD5-challenge"}, {5, "OTP"},      {6, "GTC"},          {13, "TLS"},
                              {18, "SIM"},          {21, "TTLS"},    {23, "AKA"},         {43, "FAST"},
                              {254, "Expanded types"}, {255, "Experimental"}};

constexpr Tok tls_flag_names[] = {{0x80, "L bit"}, {0x40, "More fragments bit"}, {0x20, "Start bit"}};

constexpr Tok aka_subtype_names[] = {{1, "Challenge"}, {2, "Auth reject"},  {4, "Sync failure"},
                                     {5, "Identity"},  {10, "Start"},       {11, "Challenge"},
                                     {12, "Notification"}, {13, "Reauth"},  {14, "Client error"}};

std::string_view type_name(uint8_t t) { return tok_lookup(type_names, t).value_or("unknown"); }

// The flags byte of TLS, TTLS and FAST, and the length the L bit announces.
// false: too short for it (the caller's words said).
bool tls_flags(Ctx& c, const Reader& r, uint32_t len, const char* what)
{
    uint8_t flags = r.peek_u8(5);
    c.print(" flags [{}] 0x{:02x}", bittok_string(tls_flag_names, flags, "none"), flags);
    if (flags & 0x80) {
        if (len < 10) {
            c.print(" (too short for EAP {} request/response with length)", what);
            return false;
        }
        c.print(", len {}", r.peek_be32(6));
    }
    return true;
}

} // namespace

void eap_print(Ctx& c, Bytes p, uint32_t length)
{
    Reader r(p);
    uint8_t code = r.peek_u8(0);
    uint32_t len = r.peek_be16(2);
    if (len != length) {
        c.put("EAP fragment?");
        return;
    }
    c.print("{} ({}), id {}, len {}", tok_lookup(code_names, code).value_or("unknown"), code, r.peek_u8(1), len);
    if (len < 4) {
        c.put(" (too short for EAP header)");
        return;
    }
    if (!r.has(len)) {
        c.print_trunc();
        return;
    }
    if (code != request && code != response)
        return;
    if (len < 5) {
        c.put(" (too short for EAP request/response)");
        return;
    }
    uint8_t type = r.peek_u8(4);
    c.print("\n\t\t Type {} ({})", type_name(type), type);
    switch (type) {
    case identity:
        if (len > 5) {
            c.put(", Identity: ");
            printjnp(c, r, 5, len - 5);
        }
        break;
    case notification:
        if (len < 6) {
            c.put(" (too short for EAP Notification request/response)");
            return;
        }
        c.put(", Notification: ");
        printjnp(c, r, 5, len - 5);
        break;
    case nak:
        if (len < 6) {
            c.put(" (too short for EAP Legacy NAK request/response)");
            return;
        }
        for (uint32_t i = 5; i < len; ++i) {
            uint8_t t = r.peek_u8(i);
            c.print("{} {} ({})", i == 5 ? "" : ",", type_name(t), t);
        }
        break;
    case ttls:
    case tls:
        if (len < 6) {
            c.put(" (too short for EAP TLS/TTLS request/response)");
            return;
        }
        if (type == ttls)
            c.print(" TTLSv{}", r.peek_u8(5) & 7);
        tls_flags(c, r, len, "TLS/TTLS");
        break;
    case fast:
        if (len < 6) {
            c.put(" (too short for EAP FAST request/response)");
            return;
        }
        c.print(" FASTv{}", r.peek_u8(5) & 7);
        tls_flags(c, r, len, "FAST");
        break;
    case aka:
    case sim:
        if (len < 6) {
            c.put(" (too short for EAP SIM/AKA request/response)");
            return;
        }
        c.print(" subtype [{}] 0x{:02x}", tok_lookup(aka_subtype_names, r.peek_u8(5)).value_or("unknown"),
                r.peek_u8(5));
        break;
    default: // (MD5-challenge, OTP, GTC, expanded, experimental: the type alone)
        break;
    }
}

void eapol_print(Ctx& c, Bytes p)
{
    c.proto = "eap";
    Reader r(p);
    constexpr size_t hdr = 4;
    if (!r.has(hdr))
        return c.print_trunc();
    uint8_t type = r.peek_u8(1);
    uint16_t len = r.peek_be16(2);
    c.print("{} ({}) v{}, len {}", tok_lookup(frame_types, type).value_or("unknown"), type, r.peek_u8(0), len);
    if (c.opt.vflag < 1 || type != 0) // (only EAP packets carry more that tcpdump reads)
        return;
    if (len == 0)
        return c.print_trunc();
    c.put(", ");
    eap_print(c, p.subspan(hdr), len);
}

} // namespace nsbox::tcpdump
