// Geneve (RFC 8926) on UDP port 6081, as tcpdump 4.99.3's geneve_print()
// shows it: flags, VNI, the options (-v: each option's class, type and
// length; -vv: its data words), then the inner packet by its protocol type.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t geneve_hdrlen = 8;
constexpr uint16_t ethertype_teb = 0x6558;

constexpr Tok flag_names[] = {
    {0x80, "O"},  {0x40, "C"},  {0x20, "R1"}, {0x10, "R2"},
    {0x08, "R3"}, {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"},
};

// The option classes tcpdump 4.99.3 names (later releases name more of
// IANA's assignments; 4.99.3 prints those as "Unknown").
struct ClassRange {
    uint16_t first, last;
    std::string_view name;
};
constexpr ClassRange option_classes[] = {
    {0x0100, 0x0100, "Linux"},
    {0x0101, 0x0101, "Open vSwitch"},
    {0x0102, 0x0102, "Open Virtual Networking (OVN)"},
    {0x0103, 0x0103, "In-band Network Telemetry (INT)"},
    {0x0104, 0x0104, "VMware"},
};

std::string_view option_class_name(uint16_t cls)
{
    for (const auto& r : option_classes)
        if (cls >= r.first && cls <= r.last)
            return r.name;
    if (cls <= 0x00ff)
        return "Standard";
    if (cls >= 0xfff0)
        return "Experimental";
    return "Unknown";
}

// The options of `len` bytes, all captured (the caller checked).
void options_print(Ctx& c, Reader r, uint32_t len)
{
    const char* sep = "";
    while (len > 0) {
        c.put(sep);
        sep = ", ";
        uint16_t cls = r.peek_be16(0);
        uint8_t type = r.peek_u8(2);
        uint32_t opt_len = 4 + (r.peek_u8(3) & 0x1fu) * 4;
        c.print("class {} (0x{:x}) type 0x{:x}{} len {}", option_class_name(cls), cls, type,
                type & 0x80 ? "(C)" : "", opt_len);
        if (opt_len > len) {
            c.put(" [bad length]");
            return;
        }
        Reader opt = r.sub(opt_len);
        if (c.opt.vflag > 1 && opt_len > 4) {
            c.put(" data");
            opt.skip(4);
            for (uint32_t i = 4; i < opt_len; i += 4)
                c.print(" {:08x}", opt.be32());
        }
        len -= opt_len;
    }
}

} // namespace

void geneve_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "geneve";
    c.put("Geneve");
    Reader r(p);
    // A header or option area cut by the capture ends the line here, as
    // tcpdump's `goto trunc` (the link header stays out of -x dumps).
    if (!r.has(geneve_hdrlen)) {
        c.print_trunc();
        return;
    }
    uint8_t ver_opt = r.u8();
    uint32_t len = length - 1;
    if (ver_opt >> 6 != 0) {
        c.print(" ERROR: unknown-version {}", ver_opt >> 6);
        return;
    }
    uint8_t flags = r.u8();
    uint16_t prot = r.be16();
    uint32_t vni = r.be24();
    uint8_t reserved = r.u8();
    len -= 7;
    c.print(", Flags [{}]", bittok_string(flag_names, flags, "none", ""));
    c.print(", vni 0x{:x}", vni);
    if (reserved)
        c.print(", rsvd 0x{:x}", reserved);
    if (c.opt.eflag)
        c.print(", proto {} (0x{:04x})", tok_lookup(ethertype_names, prot).value_or("unknown"), prot);

    uint32_t opts_len = (ver_opt & 0x3fu) * 4;
    if (len < opts_len) {
        c.print(" truncated-geneve - {} bytes missing", opts_len - len);
        return;
    }
    if (!r.has(opts_len)) {
        c.print_trunc();
        return;
    }
    Reader opts = r.sub(opts_len);
    if (opts_len > 0) {
        c.put(", options [");
        if (c.opt.vflag)
            options_print(c, opts, opts_len);
        else
            c.print("{} bytes", opts_len);
        c.put(']');
    }
    len -= opts_len;
    c.put(c.opt.vflag < 1 ? ": " : "\n\t");

    Bytes inner = r.rest();
    auto caplen = uint32_t(inner.size());
    if (ethertype_print(c, prot, inner, len, caplen))
        return;
    if (prot == ethertype_teb)
        ether_print(c, inner, len, caplen);
    else
        c.print("geneve-proto-0x{:x}", prot);
}

} // namespace nsbox::tcpdump
