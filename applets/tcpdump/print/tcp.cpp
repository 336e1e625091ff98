// TCP (RFC 793, 7323, 2018, 7413, 5925): flags, relative sequence numbers,
// window, options. Payloads of text protocols (HTTP, FTP, SMTP, ...) get
// their first line; others end at ", length N", which is what tcpdump
// prints for ports it has no dissector for.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"
#include "applets/tcpdump/print/text.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t tcp_hdrlen = 20;

namespace th {
constexpr uint8_t fin = 0x01;
constexpr uint8_t syn = 0x02;
constexpr uint8_t rst = 0x04;
constexpr uint8_t ack = 0x10;
constexpr uint8_t urg = 0x20;
} // namespace th

constexpr std::pair<uint8_t, char> flag_letters[] = {
    {0x01, 'F'}, {0x02, 'S'}, {0x04, 'R'}, {0x08, 'P'}, {0x10, '.'}, {0x20, 'U'}, {0x40, 'E'}, {0x80, 'W'},
};

namespace opt {
constexpr uint8_t eol = 0;
constexpr uint8_t nop = 1;
constexpr uint8_t maxseg = 2;
constexpr uint8_t wscale = 3;
constexpr uint8_t sackok = 4;
constexpr uint8_t sack = 5;
constexpr uint8_t echo = 6;
constexpr uint8_t echoreply = 7;
constexpr uint8_t timestamp = 8;
constexpr uint8_t cc = 11;
constexpr uint8_t ccnew = 12;
constexpr uint8_t ccecho = 13;
constexpr uint8_t signature = 19;
constexpr uint8_t scps = 20;
constexpr uint8_t uto = 28;
constexpr uint8_t tcpao = 29;
constexpr uint8_t mptcp = 30;
constexpr uint8_t fastopen = 34;
constexpr uint8_t experiment2 = 254;
} // namespace opt

constexpr Tok option_names[] = {
    {opt::eol, "eol"},         {opt::nop, "nop"},         {opt::maxseg, "mss"},     {opt::wscale, "wscale"},
    {opt::sackok, "sackOK"},   {opt::sack, "sack"},       {opt::echo, "echo"},      {opt::echoreply, "echoreply"},
    {opt::timestamp, "TS"},    {opt::cc, "cc"},           {opt::ccnew, "ccnew"},    {opt::ccecho, ""},
    {opt::signature, "md5"},   {opt::scps, "scps"},       {opt::uto, "uto"},        {opt::tcpao, "tcp-ao"},
    {opt::mptcp, "mptcp"},     {opt::fastopen, "tfo"},    {opt::experiment2, "exp"},
};

constexpr uint32_t tcp_siglen = 16;
constexpr uint32_t max_rst_data_len = 30;

// How the option loop ended early.
enum class Stop { none, bad, trunc };

uint32_t be32(Bytes b, size_t off)
{
    return uint32_t(uint8_t(b[off])) << 24 | uint32_t(uint8_t(b[off + 1])) << 16 |
           uint32_t(uint8_t(b[off + 2])) << 8 | uint8_t(b[off + 3]);
}


void fastopen_print(Ctx& c, Bytes cp, uint32_t datalen, bool exp)
{
    if (exp)
        c.put("tfo");
    if (datalen == 0) {
        c.put(" cookiereq");
    } else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
        c.print_invalid();
    } else {
        c.put(" cookie ");
        for (uint32_t i = 0; i < datalen; ++i)
            c.print("{:02x}", uint8_t(cp[i]));
    }
}

} // namespace

void tcp_print(Ctx& c, Bytes bp, uint32_t length, const IpInfo& ip, bool fragmented)
{
    c.proto = "tcp";
    Reader r(bp);
    if (!r.has(4)) {
        std::string src = ip_src_string(c, ip);
        c.print("{} > {}:", src, ip_dst_string(c, ip));
        c.print_trunc();
        return;
    }
    uint16_t sport = r.peek_be16(0);
    uint16_t dport = r.peek_be16(2);
    if (ip.proto == 6) {
        std::string src = ip_src_string(c, ip);
        std::string sp = tcpport_string(c, sport);
        std::string dst = ip_dst_string(c, ip);
        std::string dp = tcpport_string(c, dport);
        c.put_endpoints(src, sp, dst, dp);
    } else {
        c.print("{} > {}: ", tcpport_string(c, sport), tcpport_string(c, dport));
    }
    if (!r.has(tcp_hdrlen)) {
        c.print_trunc();
        return;
    }
    uint32_t hlen = uint32_t(r.peek_u8(12) >> 4) * 4;
    if (hlen < tcp_hdrlen) {
        c.print(" tcp {} [bad hdr length {} - too short, < {}]", length - hlen, hlen, tcp_hdrlen);
        return;
    }
    uint32_t seq = r.peek_be32(4);
    uint32_t ack = r.peek_be32(8);
    uint16_t win = r.peek_be16(14);
    uint16_t urp = r.peek_be16(18);

    if (c.opt.qflag) {
        c.print("tcp {}", length - hlen);
        if (hlen > length)
            c.print(" [bad hdr length {} - too long, > {}]", hlen, length);
        return;
    }

    uint8_t flags = r.peek_u8(13);
    std::string letters;
    for (auto [bit, letter] : flag_letters)
        if (flags & bit)
            letters += letter;
    c.put("Flags [");
    c.put(letters.empty() ? "none" : letters);
    c.put(']');

    uint32_t thseq = 0, thack = 0;
    bool rev = false;
    if (!c.opt.Sflag && (flags & th::ack)) {
        // Relative sequence numbers: one entry per connection, keyed in an
        // order that is the same for both directions.
        size_t alen = ip.version == 6 ? 16 : 4;
        Bytes src = ip.packet.subspan(ip.version == 6 ? 8 : 12, alen);
        Bytes dst = ip.packet.subspan(ip.version == 6 ? 24 : 16, alen);
        if (sport > dport)
            rev = true;
        else if (sport == dport)
            rev = std::lexicographical_compare(dst.begin(), dst.end(), src.begin(), src.end());
        PrintState::TcpKey key;
        Bytes a = rev ? dst : src;
        Bytes b = rev ? src : dst;
        for (size_t i = 0; i < alen; ++i) {
            key.src[i] = uint8_t(a[i]);
            key.dst[i] = uint8_t(b[i]);
        }
        key.v6 = ip.version == 6;
        key.port = rev ? (uint32_t(dport) << 16 | sport) : (uint32_t(sport) << 16 | dport);
        auto it = c.state.tcp.find(key);
        if (it == c.state.tcp.end() || (flags & th::syn)) {
            PrintState::TcpSeq s;
            if (rev) {
                s.ack = seq;
                s.seq = ack - 1;
            } else {
                s.seq = seq;
                s.ack = ack - 1;
            }
            it = c.state.tcp.insert_or_assign(key, s).first;
        } else if (rev) {
            seq -= it->second.ack;
            ack -= it->second.seq;
        } else {
            seq -= it->second.seq;
            ack -= it->second.ack;
        }
        thseq = it->second.seq;
        thack = it->second.ack;
    }
    if (hlen > length) {
        c.print(" [bad hdr length {} - too long, > {}]", hlen, length);
        return;
    }

    if (c.opt.vflag && !fragmented && r.has(length)) {
        uint16_t sum = nextproto_cksum(ip, bp.first(length), 6);
        uint16_t tcp_sum = r.peek_be16(16);
        c.print(", cksum {:#06x}", tcp_sum);
        if (sum != 0)
            c.print(" (incorrect -> {:#06x})", cksum_shouldbe(tcp_sum, sum));
        else
            c.put(" (correct)");
    }

    length -= hlen;
    if (c.opt.vflag > 1 || length > 0 || (flags & (th::syn | th::fin | th::rst))) {
        c.put(", seq ");
        c.put_dec(seq);
        if (length > 0) {
            c.put(':');
            c.put_dec(uint32_t(seq + length));
        }
    }
    if (flags & th::ack) {
        c.put(", ack ");
        c.put_dec(ack);
    }
    c.put(", win ");
    c.put_dec(win);
    if (flags & th::urg)
        c.print(", urg {}", urp);

    if (hlen > tcp_hdrlen) {
        uint32_t left = hlen - tcp_hdrlen;
        Bytes all = bp;
        size_t cp = tcp_hdrlen;
        char ch = '\0';
        c.put(", options [");
        Stop stop = Stop::none;
        auto u8 = [&](size_t off) {
            if (all.size() <= off)
                throw Truncated();
            return uint8_t(all[off]);
        };
        while (left > 0 && stop == Stop::none) {
            if (ch != '\0')
                c.put(ch);
            uint8_t o = u8(cp++);
            uint32_t len;
            if (o == opt::eol || o == opt::nop) {
                len = 1;
            } else {
                len = u8(cp++);
                if (len < 2 || len > left) {
                    stop = Stop::bad;
                    break;
                }
                --left;
            }
            --left;
            uint32_t datalen = 0;
            // LENCHECK: `l` bytes of option data must be in the header and
            // captured.
            auto lencheck = [&](uint32_t l) {
                if (l > left) {
                    stop = Stop::bad;
                    return false;
                }
                if (all.size() < cp + l) {
                    stop = Stop::trunc;
                    return false;
                }
                return true;
            };
            c.put(tok_or(option_names, o, [](uint32_t v) { return fmt::format("unknown-{}", v); }));
            switch (o) {
            case opt::maxseg:
                datalen = 2;
                if (lencheck(datalen))
                    c.print(" {}", uint16_t(u8(cp) << 8 | u8(cp + 1)));
                break;
            case opt::wscale:
                datalen = 1;
                if (lencheck(datalen))
                    c.print(" {}", u8(cp));
                break;
            case opt::sack:
                datalen = len - 2;
                if (datalen % 8 != 0) {
                    c.put(" invalid sack");
                } else {
                    c.print(" {} ", datalen / 8);
                    for (uint32_t i = 0; i < datalen && stop == Stop::none; i += 8) {
                        if (!lencheck(i + 4))
                            break;
                        uint32_t s = be32(all, cp + i);
                        if (!lencheck(i + 8))
                            break;
                        uint32_t e = be32(all, cp + i + 4);
                        if (rev) {
                            s -= thseq;
                            e -= thseq;
                        } else {
                            s -= thack;
                            e -= thack;
                        }
                        c.print("{{{}:{}}}", s, e);
                    }
                }
                break;
            case opt::cc:
            case opt::ccnew:
            case opt::ccecho:
            case opt::echo:
            case opt::echoreply:
                datalen = 4;
                if (lencheck(datalen))
                    c.print(" {}", be32(all, cp));
                break;
            case opt::timestamp:
                datalen = 8;
                if (lencheck(datalen))
                    c.print(" val {} ecr {}", be32(all, cp), be32(all, cp + 4));
                break;
            case opt::signature:
                datalen = tcp_siglen;
                if (lencheck(datalen)) {
                    c.put(" can't check - ");
                    for (uint32_t i = 0; i < tcp_siglen; ++i)
                        c.print("{:02x}", u8(cp + i));
                }
                break;
            case opt::scps:
                datalen = 2;
                if (lencheck(datalen))
                    c.print(" cap {:02x} id {}", u8(cp), u8(cp + 1));
                break;
            case opt::tcpao:
                datalen = len - 2;
                if (datalen < 2) {
                    c.print_invalid();
                } else {
                    if (!lencheck(1))
                        break;
                    c.print(" keyid {}", u8(cp));
                    if (!lencheck(2))
                        break;
                    c.print(" rnextkeyid {}", u8(cp + 1));
                    if (datalen > 2) {
                        c.put(" mac 0x");
                        for (uint32_t i = 2; i < datalen; i++) {
                            if (!lencheck(i + 1))
                                break;
                            c.print("{:02x}", u8(cp + i));
                        }
                    }
                }
                break;
            case opt::eol:
            case opt::nop:
            case opt::sackok:
                break;
            case opt::uto:
                datalen = 2;
                if (lencheck(datalen)) {
                    uint32_t v = uint16_t(u8(cp) << 8 | u8(cp + 1));
                    c.print(" {:#x}", v);
                    v = (v & 1) ? (v >> 1) * 60 : v >> 1;
                    c.print(" {}", v);
                }
                break;
            case opt::fastopen:
                datalen = len - 2;
                if (lencheck(datalen)) {
                    c.put(' ');
                    fastopen_print(c, all.subspan(cp), datalen, false);
                }
                break;
            case opt::experiment2:
                datalen = len - 2;
                if (!lencheck(datalen))
                    break;
                if (datalen < 2) {
                    stop = Stop::bad;
                    break;
                }
                c.put('-');
                if (uint16_t magic = uint16_t(u8(cp) << 8 | u8(cp + 1)); magic == 0xf989)
                    fastopen_print(c, all.subspan(cp + 2), datalen - 2, true);
                else
                    c.print("{:04x}", magic);
                break;
            default:
                // Unknown options, and MPTCP (whose decoder is not carried),
                // as hex.
                datalen = len - 2;
                if (datalen)
                    c.put(" 0x");
                for (uint32_t i = 0; i < datalen; ++i) {
                    if (!lencheck(i + 1))
                        break;
                    c.print("{:02x}", u8(cp + i));
                }
                break;
            }
            if (stop != Stop::none)
                break;
            cp += datalen;
            left -= datalen;
            ++datalen;
            if (o != opt::eol && o != opt::nop)
                ++datalen;
            if (datalen != len)
                c.print("[len {}]", len);
            ch = ',';
            if (o == opt::eol)
                break;
        }
        if (stop == Stop::bad) {
            c.put("[bad opt]");
            if (ch != '\0')
                c.put(']');
            return;
        }
        if (stop == Stop::trunc) {
            c.print_trunc();
            if (ch != '\0')
                c.put('>');
            return;
        }
        c.put(']');
    }

    c.put(", length ");
    c.put_dec(length);
    if (length == 0)
        return;
    if (!r.has(hlen)) {
        c.print(" [remaining caplen({}) < header length({})]", r.remaining(), hlen);
        throw Truncated();
    }
    if ((flags & th::rst) && c.opt.vflag) {
        Bytes data = bp.subspan(hlen);
        c.put(data.size() >= length ? " [RST" : " [!RST");
        uint32_t n = length;
        if (n > max_rst_data_len) {
            n = max_rst_data_len;
            c.put('+');
        }
        c.put(' ');
        for (size_t i = 0; n && i < data.size(); ++i, --n)
            print_char(c, uint8_t(data[i]));
        c.put(']');
        return;
    }
    // -T: no dissector by port; domain is DNS over TCP.
    if (c.opt.packettype != PacketType::none) {
        if (c.opt.packettype == PacketType::domain)
            domain_print(c, bp.subspan(hlen), length, true, false);
        else if (c.opt.packettype == PacketType::resp)
            resp_print(c, bp.subspan(hlen), length);
        else if (c.opt.packettype == PacketType::zmtp1)
            zmtp1_print(c, bp.subspan(hlen), length);
        return;
    }
    tcp_text_print(c, sport, dport, bp.subspan(hlen), length);
}

} // namespace nsbox::tcpdump
