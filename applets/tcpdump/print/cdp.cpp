// Cisco Discovery Protocol (LLC SNAP, OUI 0x00000c, PID 0x2000), as tcpdump
// 4.99.3 prints it: version, TTL and the Device-ID by default; from -v on the
// checksum and one line per TLV with its decoded value (addresses, prefixes,
// capabilities, the version text re-indented, ...) or a hex dump.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr unsigned header_len = 4, tlv_header_len = 4;
constexpr uint16_t t_dev_id = 0x01;
constexpr uint8_t nlpid_ip = 0xcc;

constexpr Tok cdp_capability_names[] = {
    {0x01, "Router"},    {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"}, {0x08, "L2 Switch"},
    {0x10, "L3 capable"}, {0x20, "IGMP snooping"},     {0x40, "L1 capable"},
};

enum class Kind { none, string, addr, capability, version, prefixes, uint16, duplex, ata186, power, mtu, uint8x, phys_loc };

struct TlvInfo {
    std::string_view name;
    Kind kind = Kind::none;
    int min_len = -1, max_len = -1;
};

// Indexed by type; a row without a name is a type tcpdump does not know.
constexpr TlvInfo cdp_tlvs[] = {
    {},
    {"Device-ID", Kind::string},
    {"Address", Kind::addr},
    {"Port-ID", Kind::string},
    {"Capability", Kind::capability, 4, 4},
    {"Version String", Kind::version},
    {"Platform", Kind::string},
    {"Prefixes", Kind::prefixes},
    {"Protocol-Hello option", Kind::none},
    {"VTP Management Domain", Kind::string},
    {"Native VLAN ID", Kind::uint16, 2, 2},
    {"Duplex", Kind::duplex, 1, 1},
    {},
    {},
    {"ATA-186 VoIP VLAN assignment", Kind::ata186, 3, 3},
    {"ATA-186 VoIP VLAN request", Kind::ata186, 2, 3},
    {"power consumption", Kind::power, 1, 3},
    {"MTU", Kind::mtu, 4, 4},
    {"AVVID trust bitmap", Kind::uint8x, 1, 1},
    {"AVVID untrusted ports CoS", Kind::uint8x, 1, 1},
    {"System Name", Kind::string},
    {"System Object ID (not decoded)", Kind::none},
    {"Management Addresses", Kind::addr, 4, -1},
    {"Physical Location", Kind::phys_loc, 1, -1},
};

const char* plural(unsigned n) { return n == 1 ? "" : "s"; }


// Throws Truncated unless `n` bytes at `off` are captured (ND_TCHECK_LEN).
void tcheck(const Reader& r, size_t off, size_t n)
{
    if (!r.has(off + n))
        throw Truncated();
}

void print_addr(Ctx& c, const Reader& r, size_t p, unsigned l)
{
    if (l < 4) {
        c.put(" (not enough space for num)");
        tcheck(r, p, l);
        return;
    }
    uint32_t num = r.peek_be32(p);
    p += 4;
    l -= 4;
    while (num) {
        if (l < 2) {
            c.put(" (not enough space for PT+PL)");
            tcheck(r, p, l);
            return;
        }
        unsigned pt = r.peek_u8(p), pl = r.peek_u8(p + 1);
        p += 2;
        l -= 2;
        if (l < pl + 2) {
            c.put(" (not enough space for P+AL)");
            tcheck(r, p, l);
            return;
        }
        unsigned al = r.peek_be16(p + pl);
        static constexpr uint8_t llc_ipv6[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd};
        bool is_ipv6 = false;
        if (pt == 2 && pl == 8 && al == 16) {
            is_ipv6 = true;
            for (size_t i = 0; i < 8; ++i)
                if (r.peek_u8(p + i) != llc_ipv6[i])
                    is_ipv6 = false;
        }
        bool is_ipv4 = pt == 1 && pl == 1 && r.peek_u8(p) == nlpid_ip && al == 4;
        if (is_ipv4 || is_ipv6) {
            p += pl + 2;
            l -= pl + 2;
            if (l < al) {
                c.put(" (not enough space for A)");
                tcheck(r, p, l);
                return;
            }
            if (is_ipv4)
                c.print("IPv4 ({}) {}", num, ipaddr_string(c, peek_addr4(r, p)));
            else
                c.print("IPv6 ({}) {}", num, ip6addr_string(c, peek_addr6(r, p)));
            p += al;
            l -= al;
        } else {
            c.print("pt=0x{:02x}, pl={}, pb=", pt, pl);
            for (; pl != 0; --pl, ++p, --l)
                c.print(" {:02x}", r.peek_u8(p));
            c.print(", al={}, a=", al);
            p += 2;
            l -= 2;
            if (l < al) {
                c.put(" (not enough space for A)");
                tcheck(r, p, l);
                return;
            }
            for (; al != 0; --al, ++p, --l)
                c.print(" {:02x}", r.peek_u8(p));
        }
        --num;
        if (num)
            c.put(' ');
    }
    if (l)
        c.print(" ({} bytes of stray data)", l);
}

void print_value(Ctx& c, const Reader& r, Kind kind, size_t p, unsigned len)
{
    switch (kind) {
    case Kind::none:
        tcheck(r, p, len);
        return;
    case Kind::string:
        c.put('\'');
        printn(c, r, p, len);
        c.put('\'');
        return;
    case Kind::addr:
        print_addr(c, r, p, len);
        return;
    case Kind::capability: {
        uint32_t v = r.peek_be32(p);
        c.print("(0x{:08x}): {}", v, bittok_string(cdp_capability_names, v, "none"));
        return;
    }
    case Kind::version:
        c.put("\n\t  ");
        for (unsigned i = 0; i < len; ++i) {
            uint8_t ch = r.peek_u8(p + i);
            if (ch == '\n')
                c.put("\n\t  ");
            else
                print_char(c, ch);
        }
        return;
    case Kind::prefixes:
        if (len % 5) {
            c.print(" [length {} is not a multiple of 5]", len);
            tcheck(r, p, len);
            return;
        }
        c.print(" IPv4 Prefixes ({}):", len / 5);
        for (; len > 0; len -= 5, p += 5)
            c.print(" {}.{}.{}.{}/{}", r.peek_u8(p), r.peek_u8(p + 1), r.peek_u8(p + 2), r.peek_u8(p + 3),
                    r.peek_u8(p + 4));
        return;
    case Kind::uint16:
        c.print("{}", r.peek_be16(p));
        return;
    case Kind::duplex:
        c.put(r.peek_u8(p) ? "full" : "half");
        return;
    case Kind::ata186:
        if (len == 2)
            c.print("unknown 0x{:04x}", r.peek_be16(p));
        else
            c.print("app {}, vlan {}", r.peek_u8(p), r.peek_be16(p + 1));
        return;
    case Kind::power: {
        uint32_t v = 0;
        for (unsigned i = 0; i < len; ++i)
            v = v << 8 | r.peek_u8(p + i);
        c.print("{:.2f}W", v / 1000.0);
        return;
    }
    case Kind::mtu:
        c.print("{} bytes", r.peek_be32(p));
        return;
    case Kind::uint8x:
        c.print("0x{:02x}", r.peek_u8(p));
        return;
    case Kind::phys_loc:
        c.print("0x{:02x}", r.peek_u8(p));
        if (len > 1) {
            c.put('/');
            printn(c, r, p + 1, len - 1);
        }
        return;
    }
}

} // namespace

void cdp_print(Ctx& c, Bytes bytes, uint32_t length)
{
    c.proto = "cdp";
    Reader r(bytes);
    size_t p = 0;
    uint32_t orig_length = length;
    auto invalid = [&] {
        c.print_invalid();
        tcheck(r, p, length);
    };
    if (length < header_len) {
        c.print(" (packet length {} < {})", length, header_len);
        invalid();
        return;
    }
    c.print("CDPv{}, ttl: {}s", r.peek_u8(0), r.peek_u8(1));
    uint16_t checksum = r.peek_be16(2);
    if (c.opt.vflag)
        c.print(", checksum: 0x{:04x} (unverified), length {}", checksum, orig_length);
    p += header_len;
    length -= header_len;
    while (length) {
        if (length < tlv_header_len) {
            c.print(" (remaining packet length {} < {})", length, tlv_header_len);
            invalid();
            return;
        }
        unsigned type = r.peek_be16(p), len = r.peek_be16(p + 2);
        const TlvInfo* info = type < std::size(cdp_tlvs) && !cdp_tlvs[type].name.empty() ? &cdp_tlvs[type] : nullptr;
        // Types 0x00, 0x0c and 0x0d are in tcpdump's table without a name.
        bool in_table = type < std::size(cdp_tlvs);
        std::string_view name = info ? info->name : "unknown field type";
        if (len < tlv_header_len) {
            if (c.opt.vflag)
                c.print("\n\t{} (0x{:02x}), TLV length: {} byte{} (too short)", name, type, len, plural(len));
            else
                c.print(", {} TLV length {} too short", name, len);
            invalid();
            return;
        }
        if (len > length) {
            c.print(" (TLV length {} > {})", len, length);
            invalid();
            return;
        }
        p += tlv_header_len;
        length -= tlv_header_len;
        len -= tlv_header_len;
        if (!c.opt.vflag && type == t_dev_id)
            c.put(", Device-ID ");
        else if (c.opt.vflag)
            c.print("\n\t{} (0x{:02x}), value length: {} byte{}: ", name, type, len, plural(len));
        bool covered = false;
        if (in_table) {
            const TlvInfo& t = cdp_tlvs[type];
            if ((t.min_len > 0 && len < unsigned(t.min_len)) || (t.max_len > 0 && len > unsigned(t.max_len))) {
                c.put(" (malformed TLV)");
            } else if (c.opt.vflag || type == t_dev_id) {
                print_value(c, r, t.kind, p, len);
                covered = true;
            }
        }
        if (!covered) {
            tcheck(r, p, len);
            print_unknown_data(c, r.whole(), p, "\n\t  ", len);
        }
        p += len;
        length -= len;
    }
    if (c.opt.vflag < 1)
        c.print(", length {}", orig_length);
}

} // namespace nsbox::tcpdump
