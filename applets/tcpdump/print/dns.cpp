// DNS (RFC 1035) and multicast DNS (RFC 6762) messages over UDP and TCP, as
// tcpdump 4.99.3's domain printer prints them: "1234+ A? example.com. (29)"
// for a query, "1234 1/0/0 A 192.0.2.1 (45)" for a response, the other
// sections and question details with -vv, TTLs with -vvv.
//
// tcpdump walks a DNS message with pointers that may run past what was
// captured and compares them against the end of the capture; its output for
// damaged messages depends on exactly where those checks sit. This printer
// keeps that shape with signed offsets into the captured bytes (`Pos`), a
// `ttest()` that is tcpdump's ND_TTEST, and reads that throw Truncated where
// tcpdump's GET_ macros give up on the packet. The two ways of stopping
// differ in what -x dumps: a failed read dumps the link-layer header too,
// an explicit check (which ends the line itself) does not.

#include <arpa/inet.h>

#include <array>
#include <optional>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

// tcpdump's unsigned_relts_print(): "1h2m3s".
void relts_print(Ctx& c, uint32_t secs)
{
    static constexpr const char* units[] = {"y", "w", "d", "h", "m", "s"};
    static constexpr uint32_t seconds[] = {31536000, 604800, 86400, 3600, 60, 1};
    if (secs == 0) {
        c.put("0s");
        return;
    }
    for (size_t i = 0; secs > 0; ++i) {
        if (secs >= seconds[i]) {
            c.print("{}{}", secs / seconds[i], units[i]);
            secs %= seconds[i];
        }
    }
}

namespace {

using Pos = int64_t;
using OptPos = std::optional<Pos>;

// Resource record types and classes (tcpdump 4.99.3's ns_type2str and
// ns_class2str, swept from the reference binary).
constexpr Tok dns_types[] = {
    {1, "A"},          {2, "NS"},         {3, "MD"},         {4, "MF"},         {5, "CNAME"},      {6, "SOA"},
    {7, "MB"},         {8, "MG"},         {9, "MR"},         {10, "NULL"},      {11, "WKS"},       {12, "PTR"},
    {13, "HINFO"},     {14, "MINFO"},     {15, "MX"},        {16, "TXT"},       {17, "RP"},        {18, "AFSDB"},
    {19, "X25"},       {20, "ISDN"},      {21, "RT"},        {22, "NSAP"},      {23, "NSAP_PTR"},  {24, "SIG"},
    {25, "KEY"},       {26, "PX"},        {27, "GPOS"},      {28, "AAAA"},      {29, "LOC"},       {30, "NXT"},
    {31, "EID"},       {32, "NIMLOC"},    {33, "SRV"},       {34, "ATMA"},      {35, "NAPTR"},     {36, "KX"},
    {37, "CERT"},      {38, "A6"},        {39, "DNAME"},     {40, "SINK"},      {41, "OPT"},       {42, "APL"},
    {43, "DS"},        {44, "SSHFP"},     {45, "IPSECKEY"},  {46, "RRSIG"},     {47, "NSEC"},      {48, "DNSKEY"},
    {99, "SPF"},       {100, "UINFO"},    {101, "UID"},      {102, "GID"},      {103, "UNSPEC"},   {104, "UNSPECA"},
    {249, "TKEY"},     {250, "TSIG"},     {251, "IXFR"},     {252, "AXFR"},     {253, "MAILB"},    {254, "MAILA"},
    {255, "ANY"},      {256, "URI"},
};

constexpr Tok dns_classes[] = {{1, "IN"}, {3, "CHAOS"}, {4, "HS"}, {255, "ANY"}};

// EDNS(0) option codes (RFC 6891 and later).
constexpr Tok edns_options[] = {
    {1, "LLQ"},          {2, "UL"},           {3, "NSID"},         {5, "DAU"},          {6, "DHU"},
    {7, "N3U"},          {8, "ECS"},          {9, "EXPIRE"},       {10, "COOKIE"},      {11, "KEEPALIVE"},
    {12, "PADDING"},     {13, "CHAIN"},       {14, "KEY-TAG"},     {16, "CLIENT-TAG"},  {17, "SERVER-TAG"},
};

// Algorithms the DAU, DHU and N3U options list (RFC 6975).
constexpr Tok dau_algorithms[] = {
    {0, "DELETE"},              {1, "RSAMD5"},              {2, "DH"},                  {3, "DS"},
    {5, "RSASHA1"},             {6, "DSA-NSEC3-SHA1"},      {7, "RSASHA1-NSEC3-SHA1"},  {8, "RSASHA256"},
    {10, "RSASHA512"},          {12, "ECC-GOST"},           {13, "ECDSAP256SHA256"},    {14, "ECDSAP384SHA384"},
    {15, "ED25519"},            {16, "ED448"},              {252, "INDIRECT"},          {253, "PRIVATEDNS"},
    {254, "PRIVATEOID"},
};
constexpr Tok dhu_algorithms[] = {{1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST_R_34.11-94"}, {4, "SHA-384"}};
constexpr Tok n3u_algorithms[] = {{1, "SHA-1"}};

// Opcodes after the id, and response codes (with the EDNS extended bits).
// Two of tcpdump's response code names lack their leading space.
constexpr const char* dns_opcodes[] = {
    "",      " inv_q",   " stat",    " op3",      " notify",  " update",   " op6",      " op7",
    " op8",  " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
};
constexpr const char* dns_rcodes[] = {
    "",          " FormErr", " ServFail", " NXDomain", " NotImp",  " Refused", " YXDomain", " YXRRSet",
    " NXRRSet",  " NotAuth", " NotZone",  " Resp11",   " Resp12",  " Resp13",  " Resp14",   " NoChange",
    " BadVers",  "Resp17",   " Resp18",   " Resp19",   " Resp20",  "Resp21",   " Resp22",   " BadCookie",
};

namespace t {
constexpr uint16_t a = 1, ns = 2, cname = 5, soa = 6, ptr = 12, mx = 15, txt = 16, aaaa = 28, srv = 33,
                   a6 = 38, dname = 39, opt = 41, unspeca = 104, tsig = 250, uri = 256;
} // namespace t

namespace edns {
constexpr uint16_t dau = 5, dhu = 6, n3u = 7, ecs = 8, expire = 9, cookie = 10, keepalive = 11, padding = 12,
                   chain = 13, keytag = 14;
} // namespace edns

constexpr uint16_t class_in = 1;
constexpr uint16_t class_mdns_bit = 0x8000;  // QU in a question, cache flush in a record
constexpr uint32_t max_name_chars = 255;     // MAXCDNAME
constexpr uint32_t header_len = 12;

// Label types: the top two bits of a length byte.
constexpr uint8_t label_mask = 0xc0, label_indirect = 0xc0, label_edns0 = 0x40, label_reserved = 0x80;
constexpr uint8_t edns0_bitlabel = 0x01;

std::string ntop6(const std::array<uint8_t, 16>& a)
{
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
    return buf;
}


class DnsPrinter {
public:
    DnsPrinter(Ctx& c, Bytes data, bool mdns) : c_(c), data_(data), end_(Pos(data.size())), mdns_(mdns) {}

    void print(Pos bp, uint32_t length, bool over_tcp);
    OptPos name(Pos cp, Pos bp) { return fqdn_print(cp, bp); }

private:
    Ctx& c_;
    Bytes data_;
    Pos end_;  // tcpdump's snapend
    bool mdns_;

    bool ttest(Pos p, Pos n) const { return n >= 0 && p >= 0 && n <= end_ && p <= end_ - n; }
    uint8_t u8(Pos p) const
    {
        if (!ttest(p, 1))
            throw Truncated();
        return uint8_t(data_[size_t(p)]);
    }
    uint16_t be16(Pos p) const { return uint16_t(u8(p) << 8 | u8(p + 1)); }
    uint32_t be32(Pos p) const { return uint32_t(be16(p)) << 16 | be16(p + 2); }

    bool printn(Pos p, uint32_t n);
    OptPos nskip(Pos cp) const;
    std::optional<uint32_t> labellen(Pos cp);
    OptPos blabel_print(Pos cp);
    OptPos fqdn_print(Pos cp, Pos bp);
    OptPos cprint(Pos cp);
    void ecs_print(Pos cp, uint32_t len);
    OptPos eopt_print(Pos cp);
    OptPos qprint(Pos cp, Pos bp);
    OptPos rprint(Pos cp, Pos bp);
    bool section(Pos& cp, Pos bp, uint32_t& count, const char* label);
};

// nd_printn(): up to `n` characters, stopping at the end of the capture;
// true when it stopped early.
bool DnsPrinter::printn(Pos p, uint32_t n)
{
    while (n > 0 && p < end_) {
        --n;
        print_char(c_, u8(p++));
    }
    return n != 0;
}

// ns_nskip(): the position after the name at `cp`, without printing it.
OptPos DnsPrinter::nskip(Pos cp) const
{
    if (!ttest(cp, 1))
        return std::nullopt;
    uint8_t i = u8(cp++);
    while (i) {
        switch (i & label_mask) {
        case label_indirect:
            return cp + 1;
        case label_edns0: {
            if ((i & ~label_mask) != edns0_bitlabel)
                return std::nullopt;
            if (!ttest(cp, 1))
                return std::nullopt;
            Pos bitlen = u8(cp) ? u8(cp) : 256;
            cp += 1 + (bitlen + 7) / 8;
            break;
        }
        case label_reserved:
            return std::nullopt;
        default:
            cp += i;
            break;
        }
        if (!ttest(cp, 1))
            return std::nullopt;
        i = u8(cp++);
    }
    return cp;
}

// labellen(): the length of the label at `cp` (a bit label's bytes plus its
// count byte; a pointer's first byte as is).
std::optional<uint32_t> DnsPrinter::labellen(Pos cp)
{
    if (!ttest(cp, 1))
        return std::nullopt;
    uint8_t i = u8(cp);
    switch (i & label_mask) {
    case label_edns0: {
        uint32_t elt = i & ~label_mask;
        if (elt != edns0_bitlabel) {
            c_.print("<ELT {}>", elt);
            return std::nullopt;
        }
        if (!ttest(cp + 1, 1))
            return std::nullopt;
        uint32_t bitlen = u8(cp + 1) ? u8(cp + 1) : 256;
        return (bitlen + 7) / 8 + 1;
    }
    case label_reserved:
        c_.put("<BAD LABEL TYPE>");
        return std::nullopt;
    default:
        return i;
    }
}

// A bit-string label (RFC 2673): "\[x<hex>/<bits>]".
OptPos DnsPrinter::blabel_print(Pos cp)
{
    if (!ttest(cp, 1))
        return std::nullopt;
    uint32_t bitlen = u8(cp) ? u8(cp) : 256;
    Pos lim = cp + 1 + (bitlen + 3) / 4;
    c_.put("\\[x");
    Pos bitp = cp + 1;
    uint32_t b = bitlen;
    for (; bitp < lim && b > 7; b -= 8, ++bitp)
        c_.print("{:02x}", u8(bitp));
    if (b > 4) {
        uint8_t tc = u8(bitp);
        c_.print("{:02x}", tc & (0xff << (8 - b)) & 0xff);
    } else if (b > 0) {
        uint8_t tc = u8(bitp);
        c_.print("{:1x}", ((tc >> 4) & 0x0f) & (0x0f << (4 - b)));
    }
    c_.print("/{}]", bitlen);
    return lim;
}

// fqdn_print(): the name at `cp`, following compression pointers (which
// must point backwards) relative to the message start `bp`. Returns the
// position after the name where it was stored, or nullopt when it could not
// be printed whole.
OptPos DnsPrinter::fqdn_print(Pos cp, Pos bp)
{
    auto l = labellen(cp);
    if (!l)
        return std::nullopt;
    if (!ttest(cp, 1))
        return std::nullopt;
    uint32_t max_offset = uint32_t(cp - bp);
    uint32_t name_chars = 0;
    bool compress = false;
    OptPos rp;
    uint8_t i = u8(cp++);
    if ((i & label_mask) != label_indirect)
        rp = cp + *l;

    if (i == 0) {
        c_.put('.');
        return rp;
    }
    while (i && cp < end_) {
        switch (i & label_mask) {
        case label_indirect: {
            if (!compress) {
                rp = cp + 1;
                compress = true;
            }
            if (!ttest(cp, 1))
                return std::nullopt;
            uint32_t offset = ((uint32_t(i) << 8) | u8(cp)) & 0x3fff;
            if (offset >= max_offset) {
                c_.put("<BAD PTR>");
                return std::nullopt;
            }
            max_offset = offset;
            cp = bp + offset;
            if (!ttest(cp, 1))
                return std::nullopt;
            i = u8(cp);
            l = labellen(cp);
            if (!l)
                return std::nullopt;
            ++cp;
            continue;
        }
        case label_edns0: {
            uint32_t elt = i & ~label_mask;
            if (elt != edns0_bitlabel) {
                c_.print("<ELT {}>", elt);
                return std::nullopt;
            }
            if (!blabel_print(cp))
                return std::nullopt;
            break;
        }
        case label_reserved:
            c_.put("<BAD LABEL TYPE>");
            return std::nullopt;
        default:
            if (name_chars + *l <= max_name_chars) {
                if (printn(cp, *l))
                    return std::nullopt;
            } else if (name_chars < max_name_chars) {
                if (printn(cp, max_name_chars - name_chars))
                    return std::nullopt;
            }
            name_chars += *l;
            break;
        }
        cp += *l;
        if (name_chars <= max_name_chars)
            c_.put('.');
        ++name_chars;
        if (!ttest(cp, 1))
            return std::nullopt;
        i = u8(cp);
        l = labellen(cp);
        if (!l)
            return std::nullopt;
        ++cp;
        if (!compress && rp)
            *rp += *l + 1;
    }
    if (name_chars > max_name_chars)
        c_.put("<DOMAIN NAME TOO LONG>");
    return rp;
}

// A <character-string>: its length byte, then the characters.
OptPos DnsPrinter::cprint(Pos cp)
{
    if (!ttest(cp, 1))
        return std::nullopt;
    uint8_t n = u8(cp++);
    if (printn(cp, n))
        return std::nullopt;
    return cp + n;
}

// EDNS Client Subnet (RFC 7871): "address/source/scope".
void DnsPrinter::ecs_print(Pos cp, uint32_t len)
{
    if (len < 4) {
        c_.print_invalid();
        return;
    }
    uint16_t family = be16(cp);
    uint32_t src_len = u8(cp + 2);
    uint32_t scope_len = u8(cp + 3);
    cp += 4;
    uint32_t addr_bits;
    if (family == 1)
        addr_bits = 32;
    else if (family == 2)
        addr_bits = 128;
    else {
        c_.print_invalid();
        return;
    }
    if (len - 4 > addr_bits / 8 || src_len > addr_bits || scope_len > addr_bits ||
        (src_len + 7) / 8 != len - 4) {
        c_.print_invalid();
        return;
    }
    std::array<uint8_t, 16> a{};
    for (uint32_t k = 0; k < len - 4; ++k)
        a[k] = u8(cp + k);
    if (family == 1)
        c_.print("{}/{}/{}", ntop4({a[0], a[1], a[2], a[3]}), src_len, scope_len);
    else
        c_.print("{}/{}/{}", ntop6(a), src_len, scope_len);
}

// One EDNS option of an OPT record.
OptPos DnsPrinter::eopt_print(Pos cp)
{
    if (!ttest(cp, 2))
        return std::nullopt;
    uint16_t opt = be16(cp);
    cp += 2;
    c_.put(tok_or(edns_options, opt, [](uint32_t v) { return fmt::format("Opt{}", v); }));
    if (!ttest(cp, 2))
        return std::nullopt;
    uint16_t len = be16(cp);
    cp += 2;
    if (!ttest(cp, len))
        return std::nullopt;
    if (len == 0)
        return cp;

    c_.put(' ');
    auto algorithms = [&](std::span<const Tok> table) {
        for (uint32_t k = 0; k < len; ++k) {
            if (k > 0)
                c_.put(' ');
            c_.put(tok_or(table, u8(cp + k), [](uint32_t v) { return fmt::format("Alg_{}", v); }));
        }
    };
    switch (opt) {
    case edns::ecs:
        ecs_print(cp, len);
        break;
    case edns::cookie:
        if (len < 8 || (len > 8 && len < 16) || len > 40) {
            c_.print_invalid();
        } else {
            for (uint32_t k = 0; k < len; ++k) {
                if (k == 8)
                    c_.put(' ');
                c_.print("{:02x}", u8(cp + k));
            }
        }
        break;
    case edns::keepalive:
        if (len != 2)
            c_.print_invalid();
        else
            c_.print("{:.1f} sec", be16(cp) / 10.0);
        break;
    case edns::expire:
        if (len != 4)
            c_.print_invalid();
        else
            c_.print("{} sec", be32(cp));
        break;
    case edns::padding:
        c_.print("({})", len);
        break;
    case edns::keytag:
        if (len % 2 != 0) {
            c_.print_invalid();
        } else {
            for (uint32_t k = 0; k < len; k += 2) {
                if (k > 0)
                    c_.put(' ');
                c_.print("{}", be16(cp + k));
            }
        }
        break;
    case edns::dau:
        algorithms(dau_algorithms);
        break;
    case edns::dhu:
        algorithms(dhu_algorithms);
        break;
    case edns::n3u:
        algorithms(n3u_algorithms);
        break;
    case edns::chain:
        // tcpdump passes the end of the option as the message start here.
        fqdn_print(cp, cp + len);
        break;
    default:  // NSID and unknown options: the bytes in hex
        for (uint32_t k = 0; k < len; ++k)
            c_.print("{:02x}", u8(cp + k));
        break;
    }
    return cp + len;
}

std::string class_name(uint32_t cls)
{
    return tok_or(dns_classes, cls, [](uint32_t v) { return fmt::format("(Class {})", v); });
}

std::string type_name(uint32_t type)
{
    return tok_or(dns_types, type, [](uint32_t v) { return fmt::format("Type{}", v); });
}

// A question: " A? name." (mDNS adds QU or QM).
OptPos DnsPrinter::qprint(Pos cp, Pos bp)
{
    Pos np = cp;
    OptPos after = nskip(cp);
    if (!after || !ttest(*after, 4))
        return std::nullopt;
    cp = *after;
    c_.print(" {}", type_name(be16(cp)));
    uint16_t i = be16(cp + 2);
    uint16_t cls = mdns_ ? uint16_t(i & ~class_mdns_bit) : i;
    if (cls != class_in)
        c_.print(" {}", class_name(cls));
    if (mdns_)
        c_.put(i & class_mdns_bit ? " (QU)" : " (QM)");
    c_.put("? ");
    OptPos rp = fqdn_print(np, bp);
    if (!rp)
        return std::nullopt;
    return *rp + 4;
}

// A resource record: " A 192.0.2.1" (the owner name first with -v).
OptPos DnsPrinter::rprint(Pos cp, Pos bp)
{
    OptPos p;
    if (c_.opt.vflag) {
        c_.put(' ');
        p = fqdn_print(cp, bp);
        if (!p)
            return std::nullopt;
    } else {
        p = nskip(cp);
    }
    if (!p || !ttest(*p, 10))
        return end_;
    cp = *p;

    uint16_t typ = be16(cp);
    uint16_t i = be16(cp + 2);
    cp += 4;
    uint16_t cls = mdns_ ? uint16_t(i & ~class_mdns_bit) : i;
    if (cls != class_in && typ != t::opt)
        c_.print(" {}", class_name(cls));
    if (mdns_ && (i & class_mdns_bit))
        c_.put(" (Cache flush)");

    uint16_t opt_flags = 0;
    if (typ == t::opt) {
        opt_flags = be16(cp + 2);
        cp += 4;
    } else if (c_.opt.vflag > 2) {
        c_.put(" [");
        relts_print(c_, be32(cp));
        c_.put(']');
        cp += 4;
    } else {
        cp += 4;
    }
    uint16_t len = be16(cp);
    cp += 2;
    Pos rp = cp + len;
    c_.print(" {}", type_name(typ));
    if (rp > end_)
        return std::nullopt;

    switch (typ) {
    case t::a:
        if (!ttest(cp, 4))
            return std::nullopt;
        c_.print(" {}", ntop4({u8(cp), u8(cp + 1), u8(cp + 2), u8(cp + 3)}));
        break;
    case t::ns:
    case t::cname:
    case t::ptr:
    case t::dname:
        c_.put(' ');
        if (!fqdn_print(cp, bp))
            return std::nullopt;
        break;
    case t::soa: {
        if (!c_.opt.vflag)
            break;
        c_.put(' ');
        OptPos q = fqdn_print(cp, bp);
        if (!q)
            return std::nullopt;
        c_.put(' ');
        q = fqdn_print(*q, bp);
        if (!q)
            return std::nullopt;
        cp = *q;
        if (!ttest(cp, 20))
            return std::nullopt;
        for (int k = 0; k < 5; ++k)
            c_.print(" {}", be32(cp + 4 * k));
        break;
    }
    case t::mx:
        c_.put(' ');
        if (!ttest(cp, 2))
            return std::nullopt;
        if (!fqdn_print(cp + 2, bp))
            return std::nullopt;
        c_.print(" {}", be16(cp));
        break;
    case t::txt:
        while (cp < rp) {
            c_.put(" \"");
            OptPos q = cprint(cp);
            if (!q)
                return std::nullopt;
            cp = *q;
            c_.put('"');
        }
        break;
    case t::srv:
        c_.put(' ');
        if (!ttest(cp, 6))
            return std::nullopt;
        if (!fqdn_print(cp + 6, bp))
            return std::nullopt;
        c_.print(":{} {} {}", be16(cp + 4), be16(cp), be16(cp + 2));
        break;
    case t::aaaa: {
        if (!ttest(cp, 16))
            return std::nullopt;
        std::array<uint8_t, 16> a{};
        for (size_t k = 0; k < 16; ++k)
            a[k] = u8(cp + Pos(k));
        c_.print(" {}", ntop6(a));
        break;
    }
    case t::a6: {
        if (!ttest(cp, 1))
            return std::nullopt;
        uint32_t pbit = u8(cp);
        uint32_t pbyte = (pbit & ~7u) / 8;
        if (pbit > 128) {
            c_.print(" {}(bad plen)", pbit);
            break;
        }
        if (pbit < 128) {
            if (!ttest(cp + 1, 16 - pbyte))
                throw Truncated();
            std::array<uint8_t, 16> a{};
            for (uint32_t k = pbyte; k < 16; ++k)
                a[k] = u8(cp + 1 + (k - pbyte));
            c_.print(" {} {}", pbit, ntop6(a));
        }
        if (pbit > 0) {
            c_.put(' ');
            if (!fqdn_print(cp + 1 + 16 - pbyte, bp))
                return std::nullopt;
        }
        break;
    }
    case t::uri:
        if (!ttest(cp, len))
            return std::nullopt;
        c_.print(" {} {} ", be16(cp), be16(cp + 2));
        // A length under 4 wraps around, as in tcpdump: the printing then
        // runs to the end of the capture.
        if (printn(cp + 4, uint32_t(int32_t(len) - 4)))
            return std::nullopt;
        break;
    case t::unspeca:  // one long string, right after the type
        if (printn(cp, len))
            return std::nullopt;
        break;
    case t::opt:
        c_.print(" UDPsize={}", cls);
        if (opt_flags & 0x8000)
            c_.put(" DO");
        if (cp < rp) {
            c_.put(" [");
            while (cp < rp) {
                OptPos q = eopt_print(cp);
                if (!q)
                    return std::nullopt;
                cp = *q;
                if (cp < rp)
                    c_.put(',');
            }
            c_.put(']');
        }
        break;
    case t::tsig: {
        if (cp + len > end_)
            return std::nullopt;
        if (!c_.opt.vflag)
            break;
        c_.put(' ');
        OptPos q = fqdn_print(cp, bp);
        if (!q)
            return std::nullopt;
        cp = *q + 6;
        if (!ttest(cp, 2))
            return std::nullopt;
        c_.print(" fudge={}", be16(cp));
        cp += 2;
        if (!ttest(cp, 2))
            return std::nullopt;
        c_.print(" maclen={}", be16(cp));
        cp += 2 + be16(cp);
        if (!ttest(cp, 2))
            return std::nullopt;
        c_.print(" origid={}", be16(cp));
        cp += 2;
        if (!ttest(cp, 2))
            return std::nullopt;
        c_.print(" error={}", be16(cp));
        cp += 2;
        if (!ttest(cp, 2))
            return std::nullopt;
        c_.print(" otherlen={}", be16(cp));
        break;
    }
    default:
        break;
    }
    return rp;
}

// The records of one section, comma-separated, after " ns:" or " ar:" (or
// nothing for the answers). False when a record could not be printed or
// the capture ended before all of them.
bool DnsPrinter::section(Pos& cp, Pos bp, uint32_t& count, const char* label)
{
    if (label) {
        if (!(cp < end_ && count))
            return count == 0;
        c_.put(label);
    } else if (!count) {
        return true;
    }
    OptPos q = rprint(cp, bp);
    if (!q)
        return false;
    cp = *q;
    --count;
    while (cp < end_ && count) {
        c_.put(',');
        q = rprint(cp, bp);
        if (!q)
            return false;
        cp = *q;
        --count;
    }
    return count == 0;
}

void DnsPrinter::print(Pos bp, uint32_t length, bool over_tcp)
{
    c_.proto = "domain";
    if (over_tcp) {
        // RFC 1035 4.2.2: a two-byte length before each message.
        if (length < 2) {
            c_.print(" [DNS over TCP: length {} < 2]", length);
            c_.print_invalid();
            return;
        }
        length -= 2;
        if (be16(bp) != length) {
            c_.print(" [prefix length({}) != length({})]", be16(bp), length);
            c_.print_invalid();
            return;
        }
        bp += 2;
        c_.put(' ');
    }
    if (length < header_len) {
        c_.print("domain [length {} < {}]", length, header_len);
        c_.print_invalid();
        return;
    }
    // tcpdump's ND_TCHECK: the line ends in " [|domain]" but, unlike a
    // failed read, keeps the link-layer header out of -x dumps.
    if (!ttest(bp, header_len)) {
        c_.print_trunc();
        return;
    }
    uint16_t id = be16(bp);
    uint16_t flags = be16(bp + 2);
    uint32_t qdcount = be16(bp + 4);
    uint32_t ancount = be16(bp + 6);
    uint32_t nscount = be16(bp + 8);
    uint32_t arcount = be16(bp + 10);

    // The extended response code lives in the OPT record's TTL: find it.
    uint32_t rcode = flags & 0xf;
    [&] {
        Pos cp = bp + header_len;
        for (uint32_t k = 0; k < qdcount; ++k) {
            OptPos q = nskip(cp);
            if (!q)
                return;
            cp = *q + 4;
            if (cp >= end_)
                return;
        }
        for (uint32_t k = 0; k < ancount + nscount; ++k) {
            OptPos q = nskip(cp);
            if (!q)
                return;
            cp = *q + 8;
            if (cp + 2 > end_)
                return;
            cp += 2 + be16(cp);
            if (cp >= end_)
                return;
        }
        for (uint32_t k = 0; k < arcount; ++k) {
            OptPos q = nskip(cp);
            if (!q)
                return;
            cp = *q;
            if (cp + 2 > end_)
                return;
            uint16_t type = be16(cp);
            cp += 4;
            if (cp + 1 > end_)
                return;
            if (type == t::opt) {
                rcode |= uint32_t(u8(cp)) << 4;
                return;
            }
            cp += 4;
            if (cp + 2 > end_)
                return;
            cp += 2 + be16(cp);
            if (cp >= end_)
                return;
        }
    }();

    Pos cp = bp + header_len;
    bool vv = c_.opt.vflag > 1;
    bool ok = true;
    if (flags & 0x8000) {
        // A response.
        c_.print("{}{}", id, dns_opcodes[(flags >> 11) & 0xf]);
        if (rcode < std::size(dns_rcodes))
            c_.put(dns_rcodes[rcode]);
        else
            c_.print(" Resp{}", rcode & 0xfff);
        c_.put(flags & 0x0400 ? "*" : "");
        c_.put(flags & 0x0080 ? "" : "-");
        c_.put(flags & 0x0200 ? "|" : "");
        c_.put(flags & 0x0020 ? "$" : "");
        if (qdcount != 1)
            c_.print(" [{}q]", qdcount);
        for (uint32_t k = 0; ok && k < qdcount; ++k) {
            if (k != 0)
                c_.put(',');
            OptPos q;
            if (vv) {
                c_.put(" q:");
                q = qprint(cp, bp);
            } else {
                q = nskip(cp);
                if (q)
                    *q += 4;
            }
            if (!q)
                ok = false;
            else
                cp = *q;
        }
        if (ok) {
            c_.print(" {}/{}/{}", ancount, nscount, arcount);
            ok = section(cp, bp, ancount, nullptr);
        }
    } else {
        // A query.
        c_.print("{}{}{}{}", id, dns_opcodes[(flags >> 11) & 0xf], flags & 0x0100 ? "+" : "",
                 flags & 0x0010 ? "%" : "");
        if (flags & 0x6cf)
            c_.print(" [b2&3={:#x}]", flags);
        if (((flags >> 11) & 0xf) == 1) {  // IQUERY
            if (qdcount)
                c_.print(" [{}q]", qdcount);
            if (ancount != 1)
                c_.print(" [{}a]", ancount);
        } else {
            if (ancount)
                c_.print(" [{}a]", ancount);
            if (qdcount != 1)
                c_.print(" [{}q]", qdcount);
        }
        if (nscount)
            c_.print(" [{}n]", nscount);
        if (arcount)
            c_.print(" [{}au]", arcount);
        if (qdcount) {
            OptPos q = qprint(cp, bp);
            ok = q.has_value();
            if (ok) {
                cp = *q;
                --qdcount;
            }
            while (ok && cp < end_ && qdcount) {
                q = qprint(cp, bp);
                ok = q.has_value();
                if (ok) {
                    cp = *q;
                    --qdcount;
                }
            }
        }
        ok = ok && qdcount == 0;
        if (ok && vv)
            ok = section(cp, bp, ancount, nullptr);
    }
    if (ok && vv)
        ok = section(cp, bp, nscount, " ns:") && section(cp, bp, arcount, " ar:");
    if (!ok) {
        c_.print_trunc();
        return;
    }
    c_.print(" ({})", length);
}

} // namespace

void domain_print(Ctx& c, Bytes p, uint32_t length, bool over_tcp, bool mdns)
{
    DnsPrinter(c, p, mdns).print(0, length, over_tcp);
}

std::optional<int64_t> fqdn_print(Ctx& c, Bytes data, int64_t cp, int64_t bp)
{
    return DnsPrinter(c, data, false).name(cp, bp);
}

} // namespace nsbox::tcpdump
