// BOOTP and DHCPv4 (RFC 951, 1048, 2131, 2132 and the option RFCs tcpdump
// 4.99.3 knows) on UDP ports 67 and 68: the op and client address on the
// first line; from -v on the fixed header's interesting fields, then the
// vendor area, RFC 1048 options (with the DHCP ones) or CMU's layout.

#include <cstring>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

// Offsets into the fixed BOOTP header.
constexpr size_t off_chaddr = 28;
constexpr size_t off_sname = 44;
constexpr size_t off_file = 108;
constexpr size_t off_vend = 236;
constexpr size_t sname_len = 64;
constexpr size_t file_len = 128;

// An option's name and how its data prints (tcpdump's tag2str): i IPv4
// addresses, p address pairs, l unsigned 32-bit, L signed 32-bit, s 16-bit,
// b decimal bytes, x hex bytes, a text, B booleans, $ decoded by hand, ' '
// (PAD, END, DHCP message type) no generic form.
struct DhcpTag {
    uint8_t tag;
    char format;
    std::string_view name;
};

constexpr DhcpTag dhcp_tags[] = {
    {0, ' ', "PAD"},
    {1, 'i', "Subnet-Mask"},
    {2, 'L', "Time-Zone"},
    {3, 'i', "Default-Gateway"},
    {4, 'i', "Time-Server"},
    {5, 'i', "IEN-Name-Server"},
    {6, 'i', "Domain-Name-Server"},
    {7, 'i', "LOG"},
    {8, 'i', "CS"},
    {9, 'i', "LPR-Server"},
    {10, 'i', "IM"},
    {11, 'i', "RL"},
    {12, 'a', "Hostname"},
    {13, 's', "BS"},
    {255, ' ', "END"},
    {14, 'a', "DP"},
    {15, 'a', "Domain-Name"},
    {16, 'i', "SS"},
    {17, 'a', "RP"},
    {18, 'a', "EP"},
    {19, 'B', "IPF"},
    {20, 'B', "SRT"},
    {21, 'p', "PF"},
    {22, 's', "RSZ"},
    {23, 'b', "TTL"},
    {24, 'l', "MTU-Timeout"},
    {25, 's', "MTU-Table"},
    {26, 's', "MTU"},
    {27, 'B', "LSN"},
    {28, 'i', "BR"},
    {29, 'B', "MD"},
    {30, 'B', "MS"},
    {31, 'B', "Router-Discovery"},
    {32, 'i', "RSA"},
    {33, 'p', "Static-Route"},
    {34, 'B', "UT"},
    {35, 'l', "AT"},
    {36, 'B', "IE"},
    {37, 'b', "TT"},
    {38, 'l', "KI"},
    {39, 'B', "KG"},
    {40, 'a', "YD"},
    {41, 'i', "YS"},
    {42, 'i', "NTP"},
    {43, 'b', "Vendor-Option"},
    {44, 'i', "Netbios-Name-Server"},
    {45, 'i', "WDD"},
    {46, '$', "Netbios-Node"},
    {47, 'a', "Netbios-Scope"},
    {48, 'i', "XFS"},
    {49, 'i', "XDM"},
    {64, 's', "N+D"},
    {65, 'i', "N+S"},
    {68, 'i', "MH"},
    {69, 'i', "SMTP"},
    {70, 'i', "POP3"},
    {71, 'i', "NNTP"},
    {72, 'i', "WWW"},
    {73, 'i', "FG"},
    {74, 'i', "IRC"},
    {75, 'i', "STS"},
    {76, 'i', "STDA"},
    {50, 'i', "Requested-IP"},
    {51, 'l', "Lease-Time"},
    {52, '$', "OO"},
    {66, 'a', "TFTP"},
    {67, 'a', "BF"},
    {53, ' ', "DHCP-Message"},
    {54, 'i', "Server-ID"},
    {55, 'b', "Parameter-Request"},
    {56, 'a', "MSG"},
    {57, 's', "MSZ"},
    {58, 'l', "RN"},
    {59, 'l', "RB"},
    {60, 'a', "Vendor-Class"},
    {61, '$', "Client-ID"},
    {98, 'a', "UAP"},
    {116, 'B', "NOAUTO"},
    {78, 'b', "SLP-DA"},
    {79, 'b', "SLP-SCOPE"},
    {117, 's', "NSSEARCH"},
    {77, '$', "User-Class"},
    {118, 'i', "SUBNET"},
    {121, '$', "Classless-Static-Route"},
    {249, '$', "Classless-Static-Route-Microsoft"},
    {150, 'i', "TFTP-Server-Address"},
    {80, 'a', "SLP-NA"},
    {81, '$', "FQDN"},
    {82, '$', "Agent-Information"},
    {83, 'b', "ARMT"},
    {88, 'a', "TZSTR"},
    {89, 'b', "FQDNS"},
    {90, 'b', "AUTH"},
    {91, 'L', "Last-Transaction-Time"},
    {92, 'i', "Associated-IP"},
    {93, 's', "ARCH"},
    {94, 'b', "NDI"},
    {97, 'b', "GUID"},
    {95, 'a', "LDAP"},
    {100, 'a', "POSIX-TZ"},
    {101, 'a', "TZ-Name"},
    {112, 'i', "NI"},
    {113, 'a', "NITAG"},
    {114, 'a', "URL"},
    {161, 'a', "MUD-URL"},
};

constexpr DhcpTag unknown_tag{0, '?', "Unknown"};

const DhcpTag& dhcp_tag(uint8_t tag)
{
    for (const auto& t : dhcp_tags)
        if (t.tag == tag)
            return t;
    return unknown_tag;
}

constexpr Tok bootp_op_names[] = {{1, "Request"}, {2, "Reply"}};
constexpr Tok oo_names[] = {{1, "file"}, {2, "sname"}, {3, "file+sname"}};
constexpr Tok netbios_node_names[] = {{0x1, "b-node"}, {0x2, "p-node"}, {0x4, "m-node"}, {0x8, "h-node"}};
// ARP hardware types, for the Client-ID option.
constexpr Tok client_id_hw_names[] = {{0x1, "ether"},   {0x6, "ieee802"},   {0x7, "arcnet"},
                                      {0xf, "frelay"},  {0x17, "strip"},    {0x18, "ieee1394"}};
constexpr Tok dhcp_msg_names[] = {
    {1, "Discover"},      {2, "Offer"},           {3, "Request"},       {4, "Decline"},
    {5, "ACK"},           {6, "NACK"},            {7, "Release"},       {8, "Inform"},
    {10, "LeaseQuery"},   {11, "LeaseUnassigned"}, {12, "LeaseUnknown"}, {13, "LeaseActive"},
};
constexpr Tok agent_suboption_names[] = {{1, "Circuit-ID"}, {2, "Remote-ID"}, {6, "Subscriber-ID"}};

// Text bytes as fn_print_char() shows them; all `n` must be captured.
void print_text(Ctx& c, Reader& r, size_t n)
{
    for (size_t k = 0; k < n; ++k)
        print_char(c, r.u8());
}

// A NUL-terminated string in a field of `n` bytes (nd_printztn): false
// when the field ends, or the capture does, before the NUL.
bool print_zstring(Ctx& c, Reader r, size_t n)
{
    for (; n > 0 && r.has(1); --n) {
        uint8_t ch = r.u8();
        if (ch == 0)
            return true;
        print_char(c, ch);
    }
    return false;
}

std::string client_fqdn_flags(uint8_t flags)
{
    std::string s;
    if (flags & 0x01)
        s += 'S';
    if (flags & 0x02)
        s += 'O';
    if (flags & 0x04)
        s += 'E';
    if (flags & 0x08)
        s += 'N';
    return s;
}

// The options tcpdump decodes by hand ('$'). Reads from `r`, which holds
// exactly the option's data; what is left unread is "trailing data".
void print_special(Ctx& c, uint8_t tag, Reader& r)
{
    bool first = true;
    switch (tag) {
    case 46: // Netbios-Node
    case 52: // OO
        if (r.empty()) {
            c.put("[ERROR: length < 1 bytes]");
            break;
        }
        {
            uint8_t v = r.u8();
            auto name = tok_lookup(tag == 46 ? std::span<const Tok>(netbios_node_names)
                                             : std::span<const Tok>(oo_names),
                                   v);
            if (name)
                c.put(*name);
            else
                c.print("#{}", v);
        }
        break;

    case 81: { // Client FQDN
        if (r.remaining() < 3) {
            c.put("[ERROR: length < 3 bytes]");
            r.skip(r.remaining());
            break;
        }
        uint8_t flags = r.peek_u8();
        if (flags & 0xf0)
            c.print("[ERROR: MBZ nibble 0x{:x} != 0] ", (flags & 0xf0) >> 4);
        if (flags & 0x0f)
            c.print("[{}] ", client_fqdn_flags(flags));
        r.skip(1);
        uint8_t rc1 = r.u8(), rc2 = r.u8();
        if (rc1 || rc2)
            c.print("{}/{} ", rc1, rc2);
        c.put('"');
        print_text(c, r, r.remaining());
        c.put('"');
        break;
    }

    case 61: { // Client-ID
        if (r.empty()) {
            c.put("[ERROR: length < 1 bytes]");
            break;
        }
        uint8_t type = r.u8();
        if (type == 0) {
            c.put('"');
            print_text(c, r, r.remaining());
            c.put('"');
            break;
        }
        if (auto name = tok_lookup(client_id_hw_names, type))
            c.print("{} ", *name);
        else
            c.print("hardware-type {}, ", type);
        while (!r.empty()) {
            if (!first)
                c.put(':');
            c.print("{:02x}", r.u8());
            first = false;
        }
        break;
    }

    case 82: // Relay agent information
        while (r.remaining() >= 2) {
            uint8_t subopt = r.u8();
            uint8_t sublen = r.u8();
            auto name = tok_or(agent_suboption_names, subopt, [](uint32_t) { return std::string("Unknown"); });
            if (sublen > r.remaining()) {
                c.print("\n\t      {} SubOption {}, length {}: length goes past end of option", name, subopt,
                        sublen);
                r.skip(r.remaining());
                break;
            }
            c.print("\n\t      {} SubOption {}, length {}: ", name, subopt, sublen);
            Reader sub = r.sub(sublen);
            if (subopt == 1 || subopt == 2 || subopt == 6)
                print_text(c, sub, sublen);
            else
                hex_print(c, "\n\t\t", sub.rest(), sublen);
        }
        break;

    case 121: // Classless static routes
    case 249:
        if (r.remaining() < 5) {
            c.put("[ERROR: length < 5 bytes]");
            r.skip(r.remaining());
            break;
        }
        while (!r.empty()) {
            if (!first)
                c.put(',');
            unsigned width = r.u8();
            if (width > 32) {
                c.print("[ERROR: Mask width ({}) > 32]", width);
                r.skip(r.remaining());
                break;
            }
            size_t octets = (width + 7) / 8;
            if (r.remaining() < octets + 4) {
                c.print("[ERROR: Remaining length ({}) < {} bytes]", r.remaining(), octets + 4);
                r.skip(r.remaining());
                break;
            }
            c.put('(');
            if (width == 0) {
                c.put("default");
            } else {
                for (size_t i = 0; i < octets; ++i) {
                    if (i > 0)
                        c.put('.');
                    c.print("{}", r.u8());
                }
                for (size_t i = octets; i < 4; ++i)
                    c.put(".0");
                c.print("/{}", width);
            }
            c.print(":{})", ipaddr_string(c, r.addr4()));
            first = false;
        }
        break;

    case 77: { // User class
        unsigned number = 1;
        if (r.remaining() < 2) {
            c.put("[ERROR: length < 2 bytes]");
            r.skip(r.remaining());
            break;
        }
        while (!r.empty()) {
            uint8_t sublen = r.u8();
            c.print("\n\t      instance#{}: ", number);
            if (sublen == 0) {
                c.put("[ERROR: suboption length must be non-zero]");
                r.skip(r.remaining());
                break;
            }
            if (r.remaining() < sublen) {
                c.put("[ERROR: invalid option]");
                r.skip(r.remaining());
                break;
            }
            c.put('"');
            print_text(c, r, sublen);
            c.print("\", length {}", sublen);
            ++number;
        }
        break;
    }

    default:
        c.print("[unknown special tag {}, size {}]", tag, r.remaining());
        r.skip(r.remaining());
        break;
    }
}

void rfc1048_print(Ctx& c, Reader r)
{
    c.put("\n\t  Vendor-rfc1048 Extensions");
    c.print("\n\t    Magic Cookie 0x{:08x}", r.be32());
    while (r.has(1)) {
        uint8_t tag = r.u8();
        if ((tag == 0 || tag == 255) && c.opt.vflag < 3) {
            if (tag == 0)
                continue;
            return;
        }
        const DhcpTag& t = dhcp_tag(tag);
        char format = t.format;
        uint32_t len = 0;
        if (tag != 0 && tag != 255)
            len = r.u8();
        c.print("\n\t    {} ({}), length {}{}", t.name, tag, len, len > 0 ? ": " : "");
        if (tag == 0 && c.opt.vflag > 2) {
            unsigned ntag = 1;
            while (r.has(1) && r.peek_u8() == 0) {
                r.skip(1);
                ++ntag;
            }
            if (ntag > 1)
                c.print(", occurs {}", ntag);
        }
        Reader o = r.sub(len);

        if (tag == 53 && len == 1) {
            uint8_t type = o.u8();
            c.put(tok_or(dhcp_msg_names, type, [](uint32_t v) { return fmt::format("Unknown ({})", v); }));
            continue;
        }
        if (tag == 55) {
            for (int idx = 0; !o.empty(); ++idx) {
                uint8_t inner = o.u8();
                c.put(idx % 4 == 0 ? "\n\t      " : ", ");
                c.print("{} ({})", dhcp_tag(inner).name, inner);
            }
            continue;
        }

        if (format == '?')
            format = (len & 1) ? 'b' : (len & 2) ? 's' : 'l';
        bool first = true;
        switch (format) {
        case 'a':
            c.put('"');
            print_text(c, o, len);
            c.put('"');
            break;
        case 'i':
        case 'l':
        case 'L':
            while (o.remaining() >= 4) {
                if (!first)
                    c.put(',');
                if (format == 'i')
                    c.put(ipaddr_string(c, o.addr4()));
                else if (format == 'L')
                    c.print("{}", int32_t(o.be32()));
                else
                    c.print("{}", o.be32());
                first = false;
            }
            break;
        case 'p':
            while (o.remaining() >= 8) {
                if (!first)
                    c.put(',');
                c.print("({}:", ipaddr_string(c, o.addr4()));
                c.print("{})", ipaddr_string(c, o.addr4()));
                first = false;
            }
            break;
        case 's':
            while (o.remaining() >= 2) {
                if (!first)
                    c.put(',');
                c.print("{}", o.be16());
                first = false;
            }
            break;
        case 'B':
            while (!o.empty()) {
                if (!first)
                    c.put(',');
                uint8_t v = o.u8();
                if (v == 0)
                    c.put('N');
                else if (v == 1)
                    c.put('Y');
                else
                    c.print("{}?", v);
                first = false;
            }
            break;
        case '$':
            print_special(c, tag, o);
            break;
        default: // 'b', 'x', and PAD/END's empty data
            while (!o.empty()) {
                if (!first)
                    c.put(format == 'x' ? ':' : '.');
                if (format == 'x')
                    c.print("{:02x}", o.u8());
                else
                    c.print("{}", o.u8());
                first = false;
            }
            break;
        }
        if (!o.empty())
            c.print("\n\t  trailing data length {}", o.remaining());
    }
}

void cmu_print(Ctx& c, Reader r)
{
    c.put(" vend-cmu");
    r.skip(4);
    Reader flags = r.sub(4);
    uint8_t v_flags = flags.u8();
    if (v_flags & ~1u)
        c.print(" F:0x{:x}", v_flags);
    // The subnet mask comes first in the layout, the gateway first in print.
    auto smask = peek_addr4(r, 0);
    auto field = [&](size_t off, std::string_view label) {
        auto a = peek_addr4(r, off);
        if (a != std::array<uint8_t, 4>{})
            c.print(" {}:{}", label, ipaddr_string(c, a));
    };
    field(4, "DG");
    if (smask != std::array<uint8_t, 4>{})
        c.print(" {}:{}", v_flags & 1 ? "SM" : "SM*", ipaddr_string(c, smask));
    field(8, "NS1");
    field(12, "NS2");
    field(16, "IEN1");
    field(20, "IEN2");
    field(24, "TS1");
    field(28, "TS2");
}

} // namespace

void bootp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "bootp";
    Reader r(p);
    uint8_t op = r.peek_u8(0);
    c.print("BOOTP/DHCP, {}", tok_or(bootp_op_names, op, [](uint32_t v) { return fmt::format("unknown (0x{:02x})", v); }));
    uint8_t htype = r.peek_u8(1);
    uint8_t hlen = r.peek_u8(2);
    bool ether = htype == 1 && hlen == 6;
    if (ether && op == 1) {
        Reader ch(p);
        ch.skip(off_chaddr);
        c.print(" from {}", etheraddr_string(c, ch.mac()));
    }
    c.print(", length {}", length);
    if (!c.opt.vflag)
        return;

    r.skip(4);
    if (!r.has(6))
        throw Truncated();
    if (htype != 1)
        c.print(", htype {}", htype);
    if (htype != 1 || hlen != 6)
        c.print(", hlen {}", hlen);
    Reader h(p);
    h.skip(3);
    uint8_t hops = h.u8();
    uint32_t xid = h.be32();
    uint16_t secs = h.be16();
    if (hops)
        c.print(", hops {}", hops);
    if (xid)
        c.print(", xid 0x{:x}", xid);
    if (secs)
        c.print(", secs {}", secs);
    uint16_t flags = h.be16();
    c.print(", Flags [{}]", flags & 0x8000 ? "Broadcast" : "none");
    if (c.opt.vflag > 1)
        c.print(" (0x{:04x})", flags);

    static constexpr std::string_view addr_labels[4] = {"Client-IP", "Your-IP", "Server-IP", "Gateway-IP"};
    for (auto label : addr_labels) {
        auto a = h.addr4();
        if (a != std::array<uint8_t, 4>{})
            c.print("\n\t  {} {}", label, ipaddr_string(c, a));
    }
    if (ether) {
        Reader ch(p);
        ch.skip(off_chaddr);
        c.print("\n\t  Client-Ethernet-Address {}", etheraddr_string(c, ch.mac()));
    }

    Reader rest(p);
    rest.skip(off_sname);
    if (rest.peek_u8() != 0) {
        c.put("\n\t  sname \"");
        if (!print_zstring(c, rest, sname_len)) {
            c.put('"');
            c.print_trunc();
            return;
        }
        c.put('"');
    }
    rest = Reader(p);
    rest.skip(off_file);
    if (rest.peek_u8() != 0) {
        c.put("\n\t  file \"");
        if (!print_zstring(c, rest, file_len)) {
            c.put('"');
            c.print_trunc();
            return;
        }
        c.put('"');
    }

    Reader vend(p);
    vend.skip(off_vend);
    if (!vend.has(4))
        throw Truncated();
    static constexpr uint8_t rfc1048_magic[4] = {99, 130, 83, 99};
    static constexpr uint8_t cmu_magic[4] = {'C', 'M', 'U', 0};
    Bytes magic = vend.rest().first(4);
    if (std::memcmp(magic.data(), rfc1048_magic, 4) == 0)
        rfc1048_print(c, vend);
    else if (std::memcmp(magic.data(), cmu_magic, 4) == 0)
        cmu_print(c, vend);
    else if (uint32_t ul = vend.be32(); ul != 0)
        c.print("\n\t  Vendor-#0x{:x}", ul);
}

} // namespace nsbox::tcpdump
