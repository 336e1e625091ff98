// ICMPv6 (RFC 4443), neighbor discovery (RFC 4861) and its options, MLD
// (RFC 2710, RFC 3810), node information (RFC 4620), router renumbering
// (RFC 2894), RPL (RFC 6550).

#include "libnet/packet/icmp.hpp"

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace t6 = net::packet::icmp6_type;

constexpr Tok icmp6_type_values[] = {
    {1, "destination unreachable"},
    {2, "packet too big"},
    {3, "time exceeded in-transit"},
    {4, "parameter problem"},
    {128, "echo request"},
    {129, "echo reply"},
    {130, "multicast listener query"},
    {131, "multicast listener report"},
    {132, "multicast listener done"},
    {133, "router solicitation"},
    {134, "router advertisement"},
    {135, "neighbor solicitation"},
    {136, "neighbor advertisement"},
    {137, "redirect"},
    {138, "router renumbering"},
    {141, "inverse neighbor solicitation"},
    {142, "inverse neighbor advertisement"},
    {143, "multicast listener report v2"},
    {144, "ha discovery request"},
    {145, "ha discovery reply"},
    {146, "mobile router solicitation"},
    {147, "mobile router advertisement"},
    {139, "who-are-you request"},
    {140, "who-are-you reply"},
    {201, "mtrace message"},
    {200, "mtrace response"},
    {155, "RPL"},
};

constexpr Tok dst_unreach_codes[] = {
    {0, "unreachable route"}, {1, " unreachable prohibited"}, {2, "beyond scope"},
    {3, "unreachable address"}, {4, "unreachable port"},
};

constexpr Tok pi_flags[] = {{0x80, "onlink"}, {0x40, "auto"}, {0x20, "router"}};
constexpr Tok ra_flags[] = {{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x02, "ipv6 only"}};
constexpr Tok na_flags[] = {{0x80000000, "router"}, {0x40000000, "solicited"}, {0x20000000, "override"}};

constexpr Tok nd_opt_names[] = {
    {1, "source link-address"}, {2, "destination link-address"}, {3, "prefix info"}, {4, "redirected header"},
    {5, "mtu"},                 {25, "rdnss"},                   {31, "dnssl"},      {7, "advertisement interval"},
    {8, "homeagent information"}, {24, "route info"},
};

constexpr Tok mldv2_report_types[] = {
    {1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"},
};

uint8_t u8(Bytes b, size_t i)
{
    if (b.size() <= i)
        throw Truncated();
    return uint8_t(b[i]);
}
uint16_t be16(Bytes b, size_t i) { return uint16_t(u8(b, i) << 8 | u8(b, i + 1)); }
uint32_t be32(Bytes b, size_t i) { return uint32_t(be16(b, i)) << 16 | be16(b, i + 2); }
std::string addr6(Ctx& c, Bytes b, size_t i) { return ip6addr_string(c, peek_addr6(Reader(b), i)); }

// bittok2str(): the names of the set bits, ", "-separated, or "none".
std::string bits(std::span<const Tok> t, uint32_t v)
{
    std::string s;
    for (const auto& x : t)
        if (x.value && (v & x.value) == x.value) {
            if (!s.empty())
                s += ", ";
            s += x.name;
        }
    return s.empty() ? "none" : s;
}

std::string_view rtpref(uint8_t v)
{
    constexpr std::string_view names[] = {"medium", "high", "rsv", "low"};
    return names[(v & 0x18) >> 3];
}

std::string lifetime(uint32_t v) { return v == 0xffffffffu ? "infinity" : fmt::format("{}s", v); }

// A domain name of the DNSSL option (no compression there): "a.b.c.".
size_t fqdn_print(Ctx& c, Bytes b, size_t pos)
{
    for (;;) {
        uint8_t l = u8(b, pos++);
        if (l == 0) {
            c.put('.');
            return pos;
        }
        if (l & 0xc0)
            throw Truncated();
        for (uint8_t i = 0; i < l; ++i) {
            uint8_t ch = u8(b, pos++);
            if (ch == '.' || ch == '\\')
                c.put('\\');
            if (ch < 0x20 || ch >= 0x7f)
                c.print("\\{:03}", ch);
            else
                c.put(char(ch));
        }
        c.put('.');
        if (u8(b, pos) == 0) {
            ++pos;
            return pos;
        }
    }
}

// Neighbor discovery options from `off`. False when one is cut short.
bool opt_print(Ctx& c, Bytes b, size_t off, int resid)
{
    size_t cp = off;
    while (cp < b.size()) {
        if (b.size() < cp + 2)
            return false;
        if (resid <= 0)
            return true;
        uint8_t type = u8(b, cp);
        uint32_t len = u8(b, cp + 1);
        if (len == 0)
            return false;
        if (cp + (len << 3) > b.size())
            return false;
        c.print("\n\t  {} option ({}), length {} ({}): ", tok_lookup(nd_opt_names, type).value_or("unknown"), type,
                len << 3, len);
        switch (type) {
        case 1:
        case 2:
            for (size_t i = 0; i < (len << 3) - 2; ++i)
                c.print("{}{:02x}", i ? ":" : "", u8(b, cp + 2 + i));
            break;
        case 3:
            c.print("{}/{}{}, Flags [{}], valid time {}", addr6(c, b, cp + 16), u8(b, cp + 2), len != 4 ? "badlen" : "",
                    bits(pi_flags, u8(b, cp + 3)), lifetime(be32(b, cp + 4)));
            c.print(", pref. time {}", lifetime(be32(b, cp + 8)));
            break;
        case 4:
            print_unknown_data(c, b, off, "\n\t    ", len << 3);
            break;
        case 5:
            c.print(" {}{}", be32(b, cp + 4), len != 1 ? "bad option length" : "");
            break;
        case 25: {
            c.print(" lifetime {}s,", be32(b, cp + 4));
            for (uint32_t i = 0; i < (len - 1) / 2; ++i)
                c.print(" addr: {}", addr6(c, b, cp + 8 + 16 * i));
            break;
        }
        case 31: {
            c.print(" lifetime {}s, domain(s):", be32(b, cp + 4));
            size_t domp = cp + 8;
            while (domp < cp + (len << 3) && u8(b, domp) != 0) {
                c.put(' ');
                domp = fqdn_print(c, b, domp);
            }
            break;
        }
        case 7:
            c.print(" {}ms", be32(b, cp + 4));
            break;
        case 8:
            c.print(" preference {}, lifetime {}", be16(b, cp + 4), be16(b, cp + 6));
            break;
        case 24: {
            if (b.size() < cp + 8)
                return false;
            std::array<uint8_t, 16> in6{};
            if (len == 2 || len == 3) {
                for (size_t i = 0; i < (len == 2 ? 8u : 16u); ++i)
                    in6[i] = u8(b, cp + 8 + i);
            } else if (len != 1) {
                return false;
            }
            c.print(" {}/{}", ip6addr_string(c, in6), u8(b, cp + 2));
            c.print(", pref={}", rtpref(u8(b, cp + 3)));
            c.print(", lifetime={}", lifetime(be32(b, cp + 4)));
            break;
        }
        default:
            if (c.opt.vflag <= 1) {
                print_unknown_data(c, b, cp + 2, "\n\t  ", (len << 3) - 2);
                return true;
            }
            break;
        }
        if (c.opt.vflag > 1)
            print_unknown_data(c, b, cp + 2, "\n\t    ", (len << 3) - 2);
        cp += len << 3;
        resid -= int(len << 3);
    }
    return true;
}

void mld6_print(Ctx& c, Bytes b)
{
    if (b.size() < 24)
        return;
    c.print("max resp delay: {} ", be16(b, 4));
    c.print("addr: {}", addr6(c, b, 8));
}

void mldv2_report_print(Ctx& c, Bytes b, uint32_t len)
{
    if (len < 8) {
        c.print(" [invalid len {}]", len);
        return;
    }
    uint32_t ngroups = be16(b, 6);
    c.print(", {} group record(s)", ngroups);
    if (c.opt.vflag == 0)
        return;
    uint32_t group = 8;
    for (uint32_t i = 0; i < ngroups; ++i) {
        if (len < group + 20) {
            c.put(" [invalid number of groups]");
            return;
        }
        c.print(" [gaddr {}", addr6(c, b, group + 4));
        c.print(" {}", tok_or(mldv2_report_types, u8(b, group),
                              [](uint32_t v) { return fmt::format(" [v2-report-#{}]", v); }));
        uint32_t nsrcs = be16(b, group + 2);
        if (len < group + 20 + nsrcs * 16) {
            c.print(" [invalid number of sources {}]", nsrcs);
            return;
        }
        if (c.opt.vflag == 1) {
            c.print(", {} source(s)", nsrcs);
        } else {
            c.put(" {");
            for (uint32_t j = 0; j < nsrcs; ++j)
                c.print(" {}", addr6(c, b, group + 20 + j * 16));
            c.put(" }");
        }
        group += 20 + nsrcs * 16;
        c.put(']');
    }
}

void mldv2_query_print(Ctx& c, Bytes b, uint32_t len)
{
    if (len < 28) {
        c.print(" [invalid len {}]", len);
        return;
    }
    uint32_t mrc = be16(b, 4);
    uint32_t mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
    if (c.opt.vflag)
        c.print(" [max resp delay={}]", mrt);
    c.print(" [gaddr {}", addr6(c, b, 8));
    if (c.opt.vflag) {
        if (u8(b, 24) & 0x08)
            c.put(" sflag");
        if (u8(b, 24) & 0x07)
            c.print(" robustness={}", u8(b, 24) & 0x07);
        uint32_t q = u8(b, 25);
        uint32_t qqi = q < 128 ? q : ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3);
        c.print(" qqi={}", qqi);
    }
    uint32_t nsrcs = be16(b, 26);
    if (nsrcs > 0) {
        if (len < 28 + nsrcs * 16) {
            c.put(" [invalid number of sources]");
        } else if (c.opt.vflag > 1) {
            c.put(" {");
            for (uint32_t i = 0; i < nsrcs; ++i)
                c.print(" {}", addr6(c, b, 28 + i * 16));
            c.put(" }");
        } else {
            c.print(", {} source(s)", nsrcs);
        }
    }
    c.put(']');
}

// get_upperlayer(): the quoted packet's TCP or UDP header, past extension
// headers; its offset in `b` and the protocol, or nullopt.
std::optional<std::pair<size_t, uint8_t>> upper_layer(Bytes b, size_t ip6)
{
    if (b.size() <= ip6 + 6)
        return std::nullopt;
    uint8_t nh = uint8_t(b[ip6 + 6]);
    size_t hlen = 40, bp = ip6;
    while (bp < b.size()) {
        bp += hlen;
        switch (nh) {
        case 17:
        case 6:
            if (b.size() < bp + 4)
                return std::nullopt;
            return std::make_pair(bp, nh);
        case 0:
        case 60:
        case 43:
            if (b.size() <= bp + 1)
                return std::nullopt;
            nh = uint8_t(b[bp]);
            hlen = size_t(uint8_t(b[bp + 1]) + 1) << 3;
            break;
        case 44:
            if (b.size() < bp + 4)
                return std::nullopt;
            if ((uint16_t(uint8_t(b[bp + 2]) << 8 | uint8_t(b[bp + 3])) & 0xfff8) != 0)
                return std::nullopt;
            nh = uint8_t(b[bp]);
            hlen = 8;
            break;
        case 51:
            if (b.size() <= bp + 1)
                return std::nullopt;
            nh = uint8_t(b[bp]);
            hlen = size_t(uint8_t(b[bp + 1]) + 2) << 2;
            break;
        default:
            return std::nullopt;
        }
    }
    return std::nullopt;
}



// dnsname_print(): a name without compression, between quotes.
void dnsname_print(Ctx& c, Bytes b, size_t cp, size_t ep)
{
    c.put(", \"");
    while (cp < ep) {
        uint32_t i = u8(b, cp++);
        if (i) {
            if (i > ep - cp) {
                c.put("???");
                break;
            }
            while (i-- && cp < ep)
                print_char(c, u8(b, cp++));
            if (cp + 1 < ep && u8(b, cp))
                c.put('.');
        } else {
            if (cp == ep)
                c.put('.');
            else if (cp + 1 == ep && u8(b, cp) == 0) {
            } else
                c.put("???");
            break;
        }
    }
    c.put('"');
}

// The FQDN of a node information message: a Pascal string in drafts, a
// DNS name otherwise.
void ni_name(Ctx& c, Bytes b, size_t cp, size_t ep)
{
    if (u8(b, cp) == ep - cp - 1) {
        if (c.opt.vflag)
            c.put(", 03 draft");
        ++cp;
        c.put(", \"");
        while (cp < ep)
            print_char(c, u8(b, cp++));
        c.put('"');
    } else {
        dnsname_print(c, b, cp, ep);
    }
}

// Node information queries and replies. `b` ends where the capture does.
void nodeinfo_print(Ctx& c, uint32_t icmp6len, Bytes b)
{
    size_t siz = b.size();
    constexpr size_t ni_size = 16;
    auto flags_text = [](uint32_t i, bool with_t) {
        return fmt::format(" [{}{}{}{}{}{}{}]", (i & 0x40) ? "a" : "", (i & 0x20) ? "G" : "", (i & 0x10) ? "S" : "",
                           (i & 0x08) ? "L" : "", (i & 0x04) ? "C" : "", (i & 0x02) ? "A" : "",
                           with_t && (i & 0x01) ? "T" : "");
    };
    switch (u8(b, 0)) {
    case 139: {
        if (siz == 8 + 4) {
            c.put(" who-are-you request");
            break;
        }
        c.put(" node information query");
        if (siz < ni_size) {
            c.print_trunc();
            return;
        }
        c.put(" (");
        uint16_t qtype = be16(b, 4);
        switch (qtype) {
        case 0:
            c.put("noop");
            break;
        case 1:
            c.put("supported qtypes");
            if (uint32_t i = be16(b, 6))
                c.print(" [{}]", (i & 1) ? "C" : "");
            break;
        case 2:
            c.put("DNS name");
            break;
        case 3: {
            c.put("node addresses");
            uint32_t i = be16(b, 6);
            if (i)
                c.put(flags_text(i, false));
            break;
        }
        default:
            c.put("unknown");
            break;
        }
        if (qtype == 0 || qtype == 1) {
            if (siz != ni_size && c.opt.vflag)
                c.put(", invalid len");
            c.put(')');
            break;
        }
        if (siz == ni_size) {
            c.put(", 03 draft)");
            break;
        }
        size_t cp = ni_size;
        switch (u8(b, 1)) {
        case 0:
            if (siz < ni_size + 16)
                break;
            if (siz != ni_size + 16) {
                if (c.opt.vflag)
                    c.put(", invalid subject len");
                break;
            }
            c.print(", subject={}", addr6(c, b, cp));
            break;
        case 1:
            c.put(", subject=DNS name");
            ni_name(c, b, cp, siz);
            break;
        case 2:
            if (siz < ni_size + 4)
                break;
            if (siz != ni_size + 4) {
                if (c.opt.vflag)
                    c.put(", invalid subject len");
                break;
            }
            c.print(", subject={}", ipaddr_string(c, peek_addr4(Reader(b), cp)));
            break;
        default:
            c.put(", unknown subject");
            break;
        }
        c.put(')');
        break;
    }
    case 140: {
        if (icmp6len > siz) {
            c.print_trunc();
            return;
        }
        bool needcomma = false;
        if (siz < ni_size) {
            c.print_trunc();
            return;
        }
        c.put(" node information reply");
        c.put(" (");
        uint8_t code = u8(b, 1);
        switch (code) {
        case 0:
            if (c.opt.vflag) {
                c.put("success");
                needcomma = true;
            }
            break;
        case 1:
        case 2:
            c.put(code == 1 ? "refused" : "unknown");
            needcomma = true;
            if (siz != ni_size && c.opt.vflag)
                c.put(", invalid length");
            break;
        default:
            break;
        }
        if (code != 0) {
            c.put(')');
            break;
        }
        if (needcomma)
            c.put(", ");
        switch (be16(b, 4)) {
        case 0:
            c.put("noop");
            if (siz != ni_size && c.opt.vflag)
                c.put(", invalid length");
            break;
        case 1:
            c.put("supported qtypes");
            if (uint32_t i = be16(b, 6))
                c.print(" [{}]", (i & 1) ? "C" : "");
            break;
        case 2:
            c.put("DNS name");
            ni_name(c, b, ni_size + 4, siz);
            if (be16(b, 6) & 1)
                c.print(" [TTL={}]", be32(b, ni_size));
            break;
        case 3: {
            c.put("node addresses");
            for (size_t i = ni_size; i + 4 + 16 <= siz; i += 4 + 16)
                c.print(" {}({})", addr6(c, b, i + 4), be32(b, i));
            uint32_t i = be16(b, 6);
            if (i)
                c.put(flags_text(i, true));
            break;
        }
        default:
            c.put("unknown");
            break;
        }
        c.put(')');
        break;
    }
    default:
        break;
    }
}

// Router renumbering commands and results. `b` ends where the capture does.
void rrenum_print(Ctx& c, Bytes b)
{
    if (b.size() < 16) {
        c.print_trunc();
        return;
    }
    uint8_t code = u8(b, 1);
    switch (code) {
    case 0:
        c.put(", command");
        break;
    case 1:
        c.put(", result");
        break;
    case 255:
        c.put(", sequence number reset");
        break;
    default:
        c.print(", code-#{}", code);
        break;
    }
    c.print(", seq={}", be32(b, 4));
    if (c.opt.vflag) {
        uint8_t f = u8(b, 9);
        c.put('[');
        if (f)
            c.print("{}{}{}{}{},", (f & 0x80) ? "T" : "", (f & 0x40) ? "R" : "", (f & 0x20) ? "A" : "",
                    (f & 0x10) ? "S" : "", (f & 0x08) ? "P" : "");
        c.print("seg={},", u8(b, 8));
        c.print("maxdelay={}", be16(b, 10));
        if (uint32_t rsvd = be32(b, 12))
            c.print("rsvd={:#x}", rsvd);
        c.put(']');
    }
    if (code != 0)
        return;
    size_t match = 16;
    if (b.size() < match + 24) {
        c.print_trunc();
        return;
    }
    c.put(c.opt.vflag > 1 ? "\n\t" : " ");
    c.put("match(");
    switch (uint8_t m = u8(b, match)) {
    case 1:
        c.put("add");
        break;
    case 2:
        c.put("change");
        break;
    case 3:
        c.put("setglobal");
        break;
    default:
        c.print("#{}", m);
        break;
    }
    if (c.opt.vflag) {
        c.print(",ord={}", u8(b, match + 2));
        c.print(",min={}", u8(b, match + 4));
        c.print(",max={}", u8(b, match + 5));
    }
    c.print(",{}/{}", addr6(c, b, match + 8), u8(b, match + 3));
    c.put(')');
    int n = int(u8(b, match + 1)) - 3;
    if (n % 4) {
        c.print_trunc();
        return;
    }
    n /= 4;
    size_t use = match + 24;
    while (n-- > 0) {
        if (b.size() < use + 32) {
            c.print_trunc();
            return;
        }
        c.put(c.opt.vflag > 1 ? "\n\t" : " ");
        c.put("use(");
        if (uint8_t f = u8(b, use + 16))
            c.print("{}{},", (f & 0x80) ? "V" : "", (f & 0x40) ? "P" : "");
        if (c.opt.vflag) {
            c.print("mask={:#x},", u8(b, use + 2));
            c.print("raflags={:#x},", u8(b, use + 3));
            uint32_t vl = be32(b, use + 4), pl = be32(b, use + 8);
            if (vl == 0xffffffffu)
                c.put("vltime=infty,");
            else
                c.print("vltime={},", vl);
            if (pl == 0xffffffffu)
                c.put("pltime=infty,");
            else
                c.print("pltime={},", pl);
        }
        c.print("{}/{}/{}", addr6(c, b, use + 16), u8(b, use), u8(b, use + 1));
        c.put(')');
        use += 32;
    }
}

constexpr Tok rpl_mop_values[] = {{0, "nonstoring"}, {1, "storing"}, {2, "nonstoring-multicast"}, {3, "storing-multicast"}};
constexpr Tok rpl_subopt_values[] = {
    {0, "pad1"}, {1, "padN"}, {2, "metrics"}, {3, "routinginfo"}, {4, "config"},
    {5, "rpltarget"}, {6, "transitinfo"}, {8, "destprefix"}, {9, "rpltargetdesc"},
};

void rpl_printopts(Ctx& c, Bytes b, size_t opts, uint32_t length)
{
    while (length != 0) {
        uint8_t type = u8(b, opts);
        uint32_t optlen;
        if (type == 0) {
            optlen = 1;
            c.put(" opt:pad1");
        } else {
            if (length < 2) {
                c.print_trunc();
                return;
            }
            optlen = u8(b, opts + 1) + 2u;
            c.print(" opt:{} len:{} ", tok_or(rpl_subopt_values, type, [](uint32_t v) { return fmt::format("subopt:{}", v); }),
                    optlen);
            if (b.size() < opts + optlen || length < optlen) {
                c.print_trunc();
                return;
            }
            if (c.opt.vflag > 2)
                hex_print(c, " ", b.subspan(opts + 2), optlen - 2);
        }
        opts += optlen;
        length -= optlen;
    }
}

// RPL control messages; `off` is where the message body starts.
void rpl_print(Ctx& c, uint8_t code, Bytes b, size_t off, uint32_t length)
{
    if (code & 0x80) {
        c.put(", (SEC) [worktodo]");
        return;
    }
    c.put(", (CLR)");
    switch (code & 0x7f) {
    case 0:
        c.put("DODAG Information Solicitation");
        break;
    case 1:
        c.put("DODAG Information Object");
        if (c.opt.vflag) {
            if (length < 24) {
                c.print(" [length {} < 24]", length);
                c.print_invalid();
                break;
            }
            uint8_t mopprf = u8(b, off + 4);
            c.print(" [dagid:{},seq:{},instance:{},rank:{},{}mop:{},prf:{}]", addr6(c, b, off + 8), u8(b, off + 5),
                    u8(b, off), be16(b, off + 2), (mopprf & 0x80) ? "grounded," : "",
                    tok_or(rpl_mop_values, (mopprf >> 3) & 7, [](uint32_t v) { return fmt::format("mop{}", v); }),
                    mopprf & 7);
            if (c.opt.vflag > 1)
                rpl_printopts(c, b, off + 24, length - 24);
        }
        break;
    case 2:
        c.put("Destination Advertisement Object");
        if (c.opt.vflag) {
            if (b.size() < off + 20) {
                c.print_trunc();
                break;
            }
            if (length < 4) {
                c.put(" [|length too short]");
                break;
            }
            size_t p = off + 4;
            length -= 4;
            uint8_t flags = u8(b, off + 1);
            std::string dagid = "<elided>";
            if (flags & 0x40) {
                if (length < 16) {
                    c.put(" [|length too short]");
                    break;
                }
                dagid = addr6(c, b, off + 4);
                p += 16;
                length -= 16;
            }
            c.print(" [dagid:{},seq:{},instance:{}{}{},{:02x}]", dagid, u8(b, off + 3), u8(b, off),
                    (flags & 0x80) ? ",acK" : "", (flags & 0x40) ? ",Dagid" : "", flags);
            if (c.opt.vflag > 1)
                rpl_printopts(c, b, p, length);
        }
        break;
    case 3:
        c.put("Destination Advertisement Object Ack");
        if (c.opt.vflag) {
            if (b.size() < off + 4) {
                c.print_trunc();
                break;
            }
            if (length < 4) {
                c.put(" [|dao-length too short]");
                break;
            }
            size_t p = off + 4;
            length -= 4;
            std::string dagid = "<elided>";
            if (u8(b, off + 1) & 0x80) {
                if (b.size() < off + 20) {
                    c.print_trunc();
                    break;
                }
                if (length < 16) {
                    c.put(" [|dao-length too short]");
                    break;
                }
                dagid = addr6(c, b, off + 4);
                p += 16;
                length -= 16;
            }
            c.print(" [dagid:{},seq:{},instance:{},status:{}]", dagid, u8(b, off + 2), u8(b, off), u8(b, off + 3));
            if (c.opt.vflag > 1)
                rpl_printopts(c, b, p, length);
        }
        break;
    default:
        c.print("RPL message, unknown code {}", code);
        break;
    }
}

} // namespace

void icmp6_print(Ctx& c, Bytes b, uint32_t length, const IpInfo& ip, bool fragmented)
{
    c.proto = "icmp6";
    if (length == 0) {
        c.put("ICMP6, length 0");
        c.print_invalid();
        return;
    }
    if (c.opt.vflag && !fragmented && b.size() >= length) {
        uint16_t sum_field = be16(b, 2);
        uint16_t sum = nextproto_cksum(ip, b.first(length), 58);
        if (sum != 0)
            c.print("[bad icmp6 cksum {:#06x} -> {:#06x}!] ", sum_field, cksum_shouldbe(sum_field, sum));
        else
            c.put("[icmp6 sum ok] ");
    }
    uint8_t type = u8(b, 0);
    c.print("ICMP6, {}", tok_or(icmp6_type_values, type, [](uint32_t v) { return fmt::format("unknown icmp6 type ({})", v); }));
    if (c.opt.vflag && (type == t6::router_solicit || type == t6::router_advert || type == t6::neighbor_advert ||
                        type == t6::neighbor_solicit || type == t6::redirect || type == t6::hadiscov_reply ||
                        type == t6::mobileprefix_advert))
        c.print(", length {}", length);
    uint8_t code = u8(b, 1);
    constexpr size_t oip = 8; // the quoted packet of error messages

    auto trunc = [&] { c.print_trunc(); };
    switch (type) {
    case t6::dest_unreach:
        c.print(", {}", tok_or(dst_unreach_codes, code, [](uint32_t v) { return fmt::format("unknown unreach code ({})", v); }));
        switch (code) {
        case 0:
        case 1:
        case 3:
            c.print(" {}", addr6(c, b, oip + 24));
            break;
        case 2: {
            std::string d = addr6(c, b, oip + 24);
            c.print(" {}, source address {}", d, addr6(c, b, oip + 8));
            break;
        }
        case 4: {
            auto up = upper_layer(b, oip);
            if (!up) {
                trunc();
                return;
            }
            uint16_t dport = be16(b, up->first + 2);
            std::string d = addr6(c, b, oip + 24);
            if (up->second == 6)
                c.print(", {} tcp port {}", d, tcpport_string(c, dport));
            else if (up->second == 17)
                c.print(", {} udp port {}", d, udpport_string(c, dport));
            else
                c.print(", {} protocol {} port {} unreachable", d, up->second, dport);
            break;
        }
        default:
            if (c.opt.vflag <= 1) {
                print_unknown_data(c, b, 0, "\n\t", length);
                return;
            }
            break;
        }
        break;
    case t6::packet_too_big:
        c.print(", mtu {}", be32(b, 4));
        break;
    case t6::time_exceeded:
        switch (code) {
        case 0:
            c.print(" for {}", addr6(c, b, oip + 24));
            break;
        case 1:
            c.put(" (reassembly)");
            break;
        default:
            c.print(", unknown code ({})", code);
            break;
        }
        break;
    case t6::param_problem: {
        if (b.size() < oip + 40) {
            trunc();
            return;
        }
        constexpr std::string_view texts[] = {", erroneous - octet ", ", next header - octet ", ", option - octet ",
                                              ", incomplete header chain - octet "};
        if (code < 4)
            c.print("{}{}", texts[code], be32(b, 4));
        else
            c.print(", code-#{}", code);
        break;
    }
    case t6::echo_request:
    case t6::echo_reply:
        c.print(", id {}, seq {}", be16(b, 4), be16(b, 6));
        break;
    case t6::mld_query:
        if (length == 24) {
            mld6_print(c, b);
        } else if (length >= 28) {
            c.put(" v2");
            mldv2_query_print(c, b, length);
        } else {
            c.print(" unknown-version (len {}) ", length);
        }
        break;
    case t6::mld_report:
    case t6::mld_reduction:
        mld6_print(c, b);
        break;
    case t6::router_solicit:
        if (c.opt.vflag && !opt_print(c, b, 8, int(length) - 8)) {
            trunc();
            return;
        }
        break;
    case t6::router_advert:
        if (c.opt.vflag) {
            uint8_t flags = u8(b, 5);
            c.print("\n\thop limit {}, Flags [{}], pref {}, router lifetime {}s, reachable time {}ms, retrans timer {}ms",
                    u8(b, 4), bits(ra_flags, flags), rtpref(flags), be16(b, 6), be32(b, 8), be32(b, 12));
            if (!opt_print(c, b, 16, int(length) - 16)) {
                trunc();
                return;
            }
        }
        break;
    case t6::neighbor_solicit:
        c.print(", who has {}", addr6(c, b, 8));
        if (c.opt.vflag && !opt_print(c, b, 24, int(length) - 24)) {
            trunc();
            return;
        }
        break;
    case t6::neighbor_advert:
        c.print(", tgt is {}", addr6(c, b, 8));
        if (c.opt.vflag) {
            c.print(", Flags [{}]", bits(na_flags, be32(b, 4)));
            if (!opt_print(c, b, 24, int(length) - 24)) {
                trunc();
                return;
            }
        }
        break;
    case t6::redirect:
        c.print(", {}", addr6(c, b, 24));
        c.print(" to {}", addr6(c, b, 8));
        if (c.opt.vflag && !opt_print(c, b, 40, int(length) - 40)) {
            trunc();
            return;
        }
        break;
    case t6::ind_solicit:
    case t6::ind_advert:
        break;
    case t6::mldv2_report:
        mldv2_report_print(c, b, length);
        break;
    case t6::mobileprefix_solicit:
    case t6::hadiscov_request:
        c.print(", id {:#06x}", be16(b, 4));
        break;
    case t6::hadiscov_reply:
        if (c.opt.vflag) {
            c.print(", id {:#06x}", be16(b, 4));
            for (size_t p = 8; p < length; p += 16) {
                if (b.size() < p + 16) {
                    trunc();
                    return;
                }
                c.print(", {}", addr6(c, b, p));
            }
        }
        break;
    case t6::mobileprefix_advert:
        if (c.opt.vflag) {
            c.print(", id {:#06x}", be16(b, 4));
            uint16_t flags = be16(b, 6);
            if (flags & 0xc000)
                c.put(' ');
            if (flags & 0x8000)
                c.put('M');
            if (flags & 0x4000)
                c.put('O');
            if (!opt_print(c, b, 8, int(length) - 8)) {
                trunc();
                return;
            }
        }
        break;
    case 138:
        rrenum_print(c, b);
        break;
    case 139:
    case 140:
        nodeinfo_print(c, length, b);
        break;
    case 155:
        rpl_print(c, code, b, 4, length - 4);
        break;
    default:
        c.print(", length {}", length);
        if (c.opt.vflag <= 1)
            print_unknown_data(c, b, 0, "\n\t", length);
        return;
    }
    if (!c.opt.vflag)
        c.print(", length {}", length);
}

} // namespace nsbox::tcpdump
