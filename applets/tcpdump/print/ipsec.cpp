// IPsec headers as tcpdump 4.99.3 prints them without -E secrets: ESP
// (RFC 4303) shows its SPI and sequence number, the encrypted rest is not
// printed; AH (RFC 4302) shows its fields and ICV, and the protocol it
// protects follows (ip_demux_print() goes on with AH's next header).
// UDP port 4500 (RFC 3948 NAT traversal) carries ESP behind UDP, NAT
// keep-alives, or IKE behind a zero non-ESP marker (IKE is not decoded yet).
// IPComp (RFC 3173) shows its compression parameter index.

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

void esp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "esp";
    Reader r(p);
    // tcpdump wants more than the 8 header bytes captured.
    if (r.remaining() <= 8) {
        c.print_trunc();
        return;
    }
    uint32_t spi = r.be32();
    c.print("ESP(spi=0x{:08x}", spi);
    c.print(",seq=0x{:x})", r.be32());
    c.print(", length {}", length);
}

uint32_t ah_print(Ctx& c, Bytes p)
{
    c.proto = "ah";
    c.put("AH");
    Reader r(p);
    r.skip(1);
    uint8_t ah_len = r.u8();
    uint32_t hdr_len = (ah_len + 2u) * 4;
    c.put('(');
    if (c.opt.vflag)
        c.print("length={}({}-bytes),", ah_len, hdr_len);
    uint16_t reserved = r.be16();
    if (reserved)
        c.print("reserved=0x{:x}[MustBeZero],", reserved);
    c.print("spi=0x{:08x},", r.be32());
    c.print("seq=0x{:x},", r.be32());
    c.put("icv=0x");
    for (uint32_t i = 12; i < hdr_len; ++i)
        c.print("{:02x}", r.u8());
    c.put("): ");
    return hdr_len;
}

void ipcomp_print(Ctx& c, Bytes p)
{
    c.proto = "ipcomp";
    Reader r(p);
    r.skip(2); // next header, flags
    c.print("IPComp(cpi=0x{:04x})", r.be16());
}

bool isakmp_rfc3948_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "isakmp_rfc3948";
    Reader r(p);
    if (length == 1) {
        if (r.peek_u8() == 0xff) {
            c.put("isakmp-nat-keep-alive");
            return true;
        }
    }
    if (length < 4) {
        c.print_trunc();
        return true;
    }
    if (r.be32() == 0)
        return false; // NONESP-encap: IKE, which nsbox does not decode
    c.put("UDP-encap: ");
    esp_print(c, p, length);
    return true;
}

} // namespace nsbox::tcpdump
