// The audio and video conferencing formats tcpdump decodes only when asked
// (-T vat, -T rtp, -T rtcp): LBL's vat and vt audio headers, RTP v1 (the
// draft) and v2 (RFC 3550), and RTCP's sender and receiver reports (RFC
// 3550 section 6), each as tcpdump 4.99.3 prints them. The RTCP report
// blocks are printed from the first block as many times as the count says:
// that is what tcpdump 4.99.3 prints.

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

// The 32-bit word at word index i of p.
uint32_t word(Bytes p, size_t i) { return Reader(p).peek_be32(i * 4); }

// RTCP packet types and sizes (RFC 3550).
constexpr unsigned rtcp_sr = 200, rtcp_rr = 201, rtcp_sdes = 202, rtcp_bye = 203;
constexpr size_t rtcp_hdr = 8, rtcp_sr_len = 20, rtcp_rr_len = 24;

// One RTCP packet at the start of p; returns how far it says it reaches
// (from its length field), or nothing when it is cut short.
std::optional<size_t> rtcp_one(Ctx& c, Bytes p)
{
    if (p.size() < rtcp_hdr) {
        c.print_trunc();
        return std::nullopt;
    }
    Reader r(p);
    uint16_t flags = r.be16();
    size_t len = (size_t(r.be16()) + 1) * 4;
    uint32_t ssrc = r.be32();
    unsigned cnt = (flags >> 8) & 0x1f;
    size_t rr = 0; // offset of the first report block
    auto put_ssrc = [&] {
        if (c.opt.vflag)
            c.print(" {}", ssrc);
    };
    switch (flags & 0xff) {
    case rtcp_sr:
        c.put(" sr");
        if (len != cnt * rtcp_rr_len + rtcp_sr_len + rtcp_hdr)
            c.print(" [{}]", len);
        put_ssrc();
        if (p.size() < rtcp_hdr + rtcp_sr_len) {
            c.print_trunc();
            return std::nullopt;
        }
        {
            double ts = double(r.be32());
            ts += double(r.be32()) / 4294967296.0;
            uint32_t media = r.be32(), packets = r.be32(), bytes = r.be32();
            c.print(" @{:.2f} {} {}p {}b", ts, media, packets, bytes);
        }
        rr = rtcp_hdr + rtcp_sr_len;
        break;
    case rtcp_rr:
        c.put(" rr");
        if (len != cnt * rtcp_rr_len + rtcp_hdr)
            c.print(" [{}]", len);
        rr = rtcp_hdr;
        put_ssrc();
        break;
    case rtcp_sdes:
        c.print(" sdes {}", len);
        put_ssrc();
        cnt = 0;
        break;
    case rtcp_bye:
        c.print(" bye {}", len);
        put_ssrc();
        cnt = 0;
        break;
    default:
        c.print(" type-{:#x} {}", flags & 0xff, len);
        cnt = 0;
        break;
    }
    if (cnt > 1)
        c.print(" c{}", cnt);
    for (; cnt != 0; --cnt) {
        if (p.size() < rr + rtcp_rr_len) {
            c.print_trunc();
            return std::nullopt;
        }
        Reader b(p.subspan(rr, rtcp_rr_len));
        uint32_t src = b.be32(), lost = b.be32(), last = b.be32(), jitter = b.be32();
        double lsr = double(b.be32()) / 65536.;
        double dlsr = double(b.be32()) / 65536.;
        if (c.opt.vflag)
            c.print(" {}", src);
        c.print(" {}l {}s {}j @{:.2f}+{:.2f}", lost & 0x00ffffff, last, jitter, lsr, dlsr);
    }
    return len;
}

} // namespace

void vat_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "vat";
    if (length < 2) {
        c.print("udp/va/vat, length {} < 2", length);
        return;
    }
    Reader r(p);
    unsigned ts = r.peek_be16(0);
    if ((ts & 0xf060) != 0) { // vt
        c.print("udp/vt {} {} / {}", length, ts & 0x3ff, ts >> 10);
        return;
    }
    if (length < 8) {
        c.print("udp/vat, length {} < 8", length);
        return;
    }
    uint32_t i0 = word(p, 0), i1 = word(p, 1);
    c.print("udp/vat {} c{} {}{}", length - 8, i0 & 0xffff, i1, i0 & 0x800000 ? "*" : "");
    if (i0 & 0x1f0000)
        c.print(" f{}", (i0 >> 16) & 0x1f);
    if (i0 & 0x3f000000)
        c.print(" s{}", (i0 >> 24) & 0x3f);
}

void rtp_print(Ctx& c, Bytes p, uint32_t len)
{
    c.proto = "rtp";
    if (len < 8) {
        c.print("udp/rtp, length {} < 8", len);
        return;
    }
    uint32_t i0 = word(p, 0), i1 = word(p, 1);
    uint32_t dlen = len - 8;
    size_t at = 2;          // the word after the fixed header
    uint32_t words = len / 4 - 2; // words left from there, as tcpdump counts
    bool hasopt = false, hasext = false, hasmarker;
    unsigned contype;
    const char* ptype;
    if ((i0 >> 30) == 1) { // v1 (draft-ietf-avt-rtp-04)
        hasopt = i0 & 0x800000;
        contype = (i0 >> 16) & 0x3f;
        hasmarker = i0 & 0x400000;
        ptype = "rtpv1";
    } else { // v2 (RFC 3550)
        if (dlen < 4) {
            c.print("udp/rtp, length {} < 12", dlen + 8);
            return;
        }
        hasext = i0 & 0x10000000;
        contype = (i0 >> 16) & 0x7f;
        hasmarker = i0 & 0x800000;
        dlen -= 4;
        ptype = "rtp";
        at += 1;
        words -= 1;
    }
    c.print("udp/{} {} c{} {}{} {} {}", ptype, dlen, contype, hasopt || hasext ? "+" : "", hasmarker ? "*" : "",
            i0 & 0xffff, i1);
    if (!c.opt.vflag)
        return;
    c.print(" {}", word(p, 2));
    if (hasopt) {
        uint32_t i2;
        do {
            i2 = word(p, at);
            uint32_t optlen = (i2 >> 16) & 0xff;
            if (optlen == 0 || optlen > words) {
                c.put(" !opt");
                return;
            }
            at += optlen;
            words -= optlen;
        } while (int32_t(i2) >= 0);
    }
    if (hasext) {
        uint32_t extlen = (word(p, at) & 0xffff) + 1;
        if (extlen > words) {
            c.put(" !ext");
            return;
        }
        at += extlen;
    }
    if (contype == 0x1f) // H.261
        c.print(" {:#06x}", word(p, at) >> 16);
}

void rtcp_print(Ctx& c, Bytes p)
{
    c.proto = "rtcp";
    size_t off = 0;
    while (off < p.size()) {
        auto len = rtcp_one(c, p.subspan(off));
        if (!len)
            return;
        off += *len;
    }
}

} // namespace nsbox::tcpdump
