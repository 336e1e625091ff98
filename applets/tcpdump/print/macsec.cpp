// MACsec (IEEE 802.1AE) SecTAG after an Ethernet header: with -e its
// fields; an encrypted payload is shown as raw data, a clear one is handed
// back to the Ethernet printer without the SecTAG and the ICV.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t icv_len = 16;
constexpr uint32_t sectag_len_nosci = 6;
constexpr uint32_t sectag_len_sci = 14;
constexpr uint8_t tci_version = 0x80;
constexpr uint8_t tci_sc = 0x20;
constexpr uint8_t tci_flags = 0x7c;
constexpr uint8_t tci_confid = 0x0c;
constexpr uint8_t an_mask = 0x03;
constexpr uint8_t sl_mask = 0x3f;

// The TCI flags, printed without separators in this order.
constexpr Tok macsec_flag_names[] = {{0x08, "E"}, {0x04, "C"}, {0x40, "S"}, {0x10, "B"}, {0x20, "I"}};

void header_print(Ctx& c, Reader r, uint32_t short_length)
{
    uint8_t tci_an = r.u8();
    r.skip(1);
    uint32_t pn = r.be32();
    std::string flags;
    for (const auto& t : macsec_flag_names)
        if (tci_an & tci_flags & t.value)
            flags += t.name;
    c.print("an {}, pn {}, flags {}", tci_an & an_mask, pn, flags.empty() ? "none" : flags);
    if (short_length != 0)
        c.print(", sl {}", short_length);
    if (tci_an & tci_sc)
        c.print(", sci {:016x}", r.be64());
    c.put(", ");
}

} // namespace

int macsec_print(Ctx& c, Reader r, uint32_t& length, uint32_t& caplen, uint32_t& hdrlen, const std::string& src,
                 const std::string& dst)
{
    const char* saved = c.proto;
    c.proto = "macsec";
    uint32_t start_hdrlen = hdrlen, start_caplen = caplen;
    auto fail = [&](bool invalid) {
        if (invalid)
            c.print_invalid();
        else
            c.print_trunc();
        c.proto = saved;
        return int(start_hdrlen + start_caplen);
    };
    if (caplen < sectag_len_nosci || length < sectag_len_nosci)
        return fail(false);
    uint8_t tci_an = r.peek_u8(0);
    uint32_t sectag_len = sectag_len_nosci;
    if (tci_an & tci_sc) {
        sectag_len = sectag_len_sci;
        if (caplen < sectag_len_sci || length < sectag_len_sci)
            return fail(false);
    }
    uint8_t sl = r.peek_u8(1);
    if ((sl & ~sl_mask) != 0 || (tci_an & tci_version))
        return fail(true);
    uint32_t short_length = sl & sl_mask;
    if (c.opt.eflag)
        header_print(c, r, short_length);

    hdrlen += sectag_len;
    length -= sectag_len;
    caplen -= sectag_len;

    if (tci_an & tci_confid) {
        if (!c.opt.eflag) {
            c.print("{} > {} ", src, dst);
            c.put("802.1AE MACsec, ");
            header_print(c, r, short_length);
        }
        c.proto = saved;
        return 0;
    }
    if (length < icv_len || caplen < icv_len)
        return fail(false);
    length -= icv_len;
    caplen -= icv_len;
    if (short_length != 0) {
        if (short_length > length || short_length > caplen)
            return fail(false);
        length = std::min(length, short_length);
        caplen = std::min(caplen, short_length);
    }
    c.proto = saved;
    return -1;
}

} // namespace nsbox::tcpdump
