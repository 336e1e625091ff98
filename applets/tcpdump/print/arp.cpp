// ARP and RARP (RFC 826, RFC 903, inverse ARP RFC 2390).

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint16_t hrd_frelay = 15;
constexpr uint16_t hrd_atm2225 = 19;

enum Op : uint16_t {
    request = 1,
    reply = 2,
    rev_request = 3,
    rev_reply = 4,
    inv_request = 8,
    inv_reply = 9,
};

constexpr Tok arpop_values[] = {
    {1, "Request"},         {2, "Reply"},         {3, "Reverse Request"}, {4, "Reverse Reply"},
    {8, "Inverse Request"}, {9, "Inverse Reply"}, {10, "NACK Reply"},
};

constexpr Tok arphrd_values[] = {
    {1, "Ethernet"}, {6, "TokenRing"}, {7, "ArcNet"}, {15, "FrameRelay"},
    {23, "Strip"},   {24, "IEEE 1394"}, {19, "ATM"},  {32, "InfiniBand"},
};

// The four variable-length addresses after the fixed 8-byte header.
struct ArpFields {
    Bytes sha, spa, tha, tpa;
};

bool is_ip(uint16_t pro) { return pro == ethertype::ipv4 || pro == ethertype::trail; }

void proto_addr_print(Ctx& c, uint16_t pro, Bytes addr)
{
    if (!is_ip(pro)) {
        c.put("<wrong proto type>");
    } else if (addr.size() != 4) {
        c.put("<wrong len>");
    } else {
        std::array<uint8_t, 4> a{};
        for (size_t i = 0; i < 4; ++i)
            a[i] = uint8_t(addr[i]);
        c.put(ipaddr_string(c, a));
    }
}

bool nonzero(Bytes b)
{
    for (auto x : b)
        if (x != std::byte{0})
            return true;
    return false;
}

void atm_addr_print(Ctx& c, Bytes ha, Bytes sa)
{
    if (ha.empty()) {
        c.put("<No address>");
        return;
    }
    c.put(linkaddr_string(c, ha));
    if (!sa.empty())
        c.print(",{}", linkaddr_string(c, sa));
}

void atm_proto_addr_print(Ctx& c, uint16_t pro, Bytes addr, const char* wrong_len)
{
    if (!is_ip(pro))
        c.put("<wrong proto type>");
    else if (addr.size() != 4)
        c.put(wrong_len);
    else
        proto_addr_print(c, pro, addr);
}

// ATM ARP (RFC 2225): type/length fields instead of fixed address lengths.
void atmarp_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen)
{
    Reader r(p);
    if (!r.has(12))
        throw Truncated();
    uint16_t hrd = r.be16();
    uint16_t pro = r.be16();
    uint8_t shtl = r.u8() & 0x3f;
    uint8_t sstl = r.u8() & 0x3f;
    uint16_t op = r.be16();
    uint8_t spln = r.u8();
    uint8_t thtl = r.u8() & 0x3f;
    uint8_t tstl = r.u8() & 0x3f;
    uint8_t tpln = r.u8();
    Bytes sha = r.bytes(shtl), ssa = r.bytes(sstl), spa = r.bytes(spln);
    Bytes tha = r.bytes(thtl), tsa = r.bytes(tstl), tpa = r.bytes(tpln);

    if (!c.opt.eflag)
        c.put("ARP, ");
    if (!is_ip(pro) || spln != 4 || tpln != 4 || c.opt.vflag) {
        c.print("{}, {} (len {}/{})",
                tok_or(arphrd_values, hrd, [](uint32_t v) { return fmt::format("Unknown Hardware ({})", v); }),
                tok_or(ethertype_names, pro, [](uint32_t v) { return fmt::format("Unknown Protocol ({:#06x})", v); }),
                spln, tpln);
        if (!c.opt.vflag) {
            c.print(", length {}", length);
            return;
        }
    }
    c.print("{}{} ", c.opt.vflag ? ", " : "",
            tok_or(arpop_values, op, [](uint32_t v) { return fmt::format("Unknown ({})", v); }));
    switch (op) {
    case request:
        c.put("who-has ");
        atm_proto_addr_print(c, pro, tpa, "<wrong tplen>");
        if (thtl != 0) {
            c.put(" (");
            atm_addr_print(c, tha, tsa);
            c.put(')');
        }
        c.put(" tell ");
        atm_proto_addr_print(c, pro, spa, "<wrong splen>");
        break;
    case reply:
        atm_proto_addr_print(c, pro, spa, "<wrong splen>");
        c.put(" is-at ");
        atm_addr_print(c, sha, ssa);
        break;
    case inv_request:
        c.put("who-is ");
        atm_addr_print(c, tha, tsa);
        c.put(" tell ");
        atm_addr_print(c, sha, ssa);
        break;
    case inv_reply:
        atm_addr_print(c, sha, ssa);
        c.put("at ");
        atm_proto_addr_print(c, pro, spa, "<wrong splen>");
        break;
    case 10: // NAK
        c.put("for ");
        atm_proto_addr_print(c, pro, spa, "<wrong splen>");
        break;
    default:
        default_print(c, p, caplen);
        return;
    }
    c.print(", length {}", length);
}

} // namespace

void arp_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen)
{
    c.proto = "arp";
    Reader r(p);
    if (!r.has(8))
        throw Truncated();
    uint16_t hrd = r.be16();
    uint16_t pro = r.be16();
    uint8_t hln = r.u8();
    uint8_t pln = r.u8();
    uint16_t op = r.be16();
    if (hrd == hrd_atm2225) {
        atmarp_print(c, p, length, caplen);
        return;
    }
    auto link = [&](Bytes a) {
        if (a.empty())
            return std::string("<empty>");
        return hrd == hrd_frelay ? q922_string(a) : linkaddr_string(c, a);
    };

    // Every address must be captured before anything is printed.
    ArpFields f;
    f.sha = r.bytes(hln);
    f.spa = r.bytes(pln);
    f.tha = r.bytes(hln);
    f.tpa = r.bytes(pln);

    if (!c.opt.eflag)
        c.put("ARP, ");
    if (!is_ip(pro) || pln != 4 || hln == 0 || c.opt.vflag) {
        c.print("{} (len {}), {} (len {})",
                tok_or(arphrd_values, hrd, [](uint32_t v) { return fmt::format("Unknown Hardware ({})", v); }), hln,
                tok_or(ethertype_names, pro, [](uint32_t v) { return fmt::format("Unknown Protocol ({:#06x})", v); }),
                pln);
        if (!c.opt.vflag) {
            c.print(", length {}", length);
            return;
        }
    }
    c.print("{}{} ", c.opt.vflag ? ", " : "",
            tok_or(arpop_values, op, [](uint32_t v) { return fmt::format("Unknown ({})", v); }));

    switch (op) {
    case request:
        c.put("who-has ");
        proto_addr_print(c, pro, f.tpa);
        if (nonzero(f.tha))
            c.print(" ({})", link(f.tha));
        c.put(" tell ");
        proto_addr_print(c, pro, f.spa);
        break;
    case reply:
        proto_addr_print(c, pro, f.spa);
        c.print(" is-at {}", link(f.sha));
        break;
    case rev_request:
    case inv_request:
        c.print("who-is {}", link(f.tha));
        c.print(" tell {}", link(f.sha));
        break;
    case rev_reply:
        c.print("{} at ", link(f.tha));
        proto_addr_print(c, pro, f.tpa);
        break;
    case inv_reply:
        c.print("{} at ", link(f.sha));
        proto_addr_print(c, pro, f.spa);
        break;
    default:
        default_print(c, p, caplen);
        return;
    }
    c.print(", length {}", length);
}

} // namespace nsbox::tcpdump
