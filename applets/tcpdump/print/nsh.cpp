// The Network Service Header (RFC 8300), as tcpdump 4.99.3 prints it: on
// Ethernet (0x894f) and inside VXLAN-GPE. The flags and the service path;
// from -vv on the version and next protocol, from -vvv on the TTL, length,
// MD type and the context headers (four words of MD type 1, the TLVs of MD
// type 2); then the IPv4, IPv6 or Ethernet packet inside.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok md_types[] = {{0, "reserved"}, {1, "1"}, {2, "2"}, {15, "experimental"}};
constexpr Tok next_protocols[] = {{1, "IPv4"}, {2, "IPv6"},          {3, "Ethernet"},        {4, "NSH"},
                                  {5, "MPLS"}, {0xfe, "Experiment 1"}, {0xff, "Experiment 2"}};
constexpr uint32_t word = 4, base_len = 4, path_len = 4;

std::string unknown_02x(uint32_t v) { return fmt::format("unknown (0x{:02x})", v); }

} // namespace

void nsh_print(Ctx& c, Bytes p, uint32_t len)
{
    c.proto = "nsh";
    if (len < base_len + path_len) {
        c.print(" (packet length {} < {})", len, base_len + path_len);
        return c.print_invalid();
    }
    // (every captured-length check here is tcpdump's longjmp)
    Reader r(p);
    uint32_t base = r.be32();
    uint32_t ver = base >> 30, length = base >> 16 & 0x3f, md = base >> 8 & 0xf;
    uint8_t next = base & 0xff;
    c.put("NSH, ");
    int v = c.opt.vflag;
    if (v > 1)
        c.print("ver {}, ", ver);
    if (ver != 0)
        return;
    c.print("flags [{}], ", base >> 28 & 2 ? "O" : "none");
    if (v > 2) {
        c.print("TTL {}, ", base >> 22 & 0x3f);
        c.print("length {}, ", length);
        c.print("md type {}, ", tok_or(md_types, md, unknown_02x));
    }
    if (v > 1)
        c.print("next-protocol {}, ", tok_or(next_protocols, next, unknown_02x));
    if (len < length * word) {
        c.print(" (too many headers for packet length {})", len);
        return c.print_invalid();
    }
    uint32_t spi = r.be24();
    c.print("service-path-id 0x{:06x}, ", spi);
    uint8_t si = r.u8();
    c.print("service-index 0x{:x}", si);
    if (length < 2) {
        c.put(" (less than two headers)");
        return c.print_invalid();
    }
    bool past_headers = false;
    if (v > 2 && md == 1) {
        if (length != 6) {
            c.put(" (invalid length for the MD type)");
            return c.print_invalid();
        }
        for (uint32_t n = 0; n < length - 2; ++n)
            c.print("\n        Context[{:02}]: 0x{:08x}", n, r.be32());
        past_headers = true;
    } else if (v > 2 && md == 2) {
        for (uint32_t n = 0; n < length - 2;) {
            uint16_t tlv_class = r.be16();
            uint8_t type = r.u8();
            uint8_t tlv_len = r.u8() & 0x7f;
            uint32_t padded = (tlv_len + word - 1) / word * word;
            c.print("\n        TLV Class {}, Type {}, Len {}", tlv_class, type, tlv_len);
            n += 1;
            if (length - 2 < n + padded / word) {
                c.put(" (length too big)");
                return c.print_invalid();
            }
            if (tlv_len) {
                c.put("\n            Value: ");
                const char* sep = "0x";
                for (uint8_t i = 0; i < tlv_len; ++i) {
                    c.print("{}{:02x}", sep, r.u8());
                    sep = ":";
                }
                r.skip(padded - tlv_len);
                n += padded / word;
            }
        }
        past_headers = true;
    }
    if (!past_headers)
        r.skip((length - 2) * word);
    c.put(v ? "\n    " : ": ");
    if (!nsh_next_print(c, next, r.rest(), len - length * word))
        c.put("ERROR: unknown-next-protocol");
}

bool nsh_next_print(Ctx& c, uint8_t next, Bytes p, uint32_t length)
{
    switch (next) {
    case 1: ip_print(c, p, length); return true;
    case 2: ip6_print(c, p, length); return true;
    case 3:
        c.proto = "ether";
        ether_print(c, p, length, uint32_t(p.size()));
        return true;
    default: return false;
    }
}

} // namespace nsbox::tcpdump
