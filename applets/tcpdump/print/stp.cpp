// Spanning tree BPDUs (802.1D STP, 802.1w RSTP, 802.1s MSTP, 802.1aq SPB)
// behind LLC SAP 0x42, Cisco PVST SNAP and RFC 2684 bridged BPDUs, as
// tcpdump 4.99.3's stp_print() shows them.
//
// Fields are read at their offsets from the BPDU's first byte. Each output
// statement reads all of its fields before writing, so a BPDU cut short
// prints the statements that were whole and then ` [|stp]`, as tcpdump.

#include <cstdio>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace off {
constexpr size_t protocol_id = 0;
constexpr size_t version = 2;
constexpr size_t type = 3;
constexpr size_t flags = 4;
constexpr size_t root_id = 5;
constexpr size_t root_path_cost = 13;
constexpr size_t bridge_id = 17;
constexpr size_t port_id = 25;
constexpr size_t message_age = 27;
constexpr size_t max_age = 29;
constexpr size_t hello_time = 31;
constexpr size_t forward_delay = 33;
constexpr size_t v1_length = 35;
// MSTP (802.1Q-2003 clause 14)
constexpr size_t v3_length = 36;
constexpr size_t mcid_name = 39;
constexpr size_t mcid_rev = 71;
constexpr size_t mcid_digest = 73;
constexpr size_t cist_int_path_cost = 89;
constexpr size_t cist_bridge_id = 93;
constexpr size_t cist_remaining_hops = 101;
constexpr size_t msti = 102;
// within one MSTI configuration message
constexpr size_t msti_root = 1;
constexpr size_t msti_path_cost = 9;
constexpr size_t msti_bridge_prio = 13;
constexpr size_t msti_port_prio = 14;
constexpr size_t msti_hops = 15;
// within the SPB (802.1aq) extension, from its v4 length
constexpr size_t spb_name = 3;
constexpr size_t spb_rev = 35;
constexpr size_t spb_digest = 37;
constexpr size_t spb_agreement = 53;
constexpr size_t spb_format = 55;
constexpr size_t spb_convention = 56;
constexpr size_t spb_edge = 57;
constexpr size_t spb_agreement_digest = 67;
} // namespace off

constexpr uint32_t config_bpdu_len = 35;  // up to the v1 length byte, exclusive
constexpr uint32_t rstp_bpdu_len = 36;    // with the v1 length byte
constexpr uint32_t mstp_min_len = 102;
constexpr uint32_t msti_len = 16;
constexpr uint32_t mst_config_info_len = 64;
constexpr uint32_t spb_min_len = 87;

namespace version {
constexpr uint8_t stp = 0;
constexpr uint8_t rstp = 2;
constexpr uint8_t mstp = 3;
constexpr uint8_t spb = 4;
} // namespace version

namespace type {
constexpr uint8_t config = 0x00;
constexpr uint8_t rstp = 0x02;
} // namespace type

constexpr Tok version_names[] = {
    {version::stp, "802.1d"},
    {version::rstp, "802.1w"},
    {version::mstp, "802.1s"},
    {version::spb, "802.1aq"},
};

constexpr Tok type_names[] = {
    {0x00, "Config"},
    {0x02, "Rapid STP"},
    {0x80, "Topology Change"},
};

constexpr Tok flag_names[] = {
    {0x01, "Topology change"}, {0x02, "Proposal"},  {0x10, "Learn"},
    {0x20, "Forward"},         {0x40, "Agreement"}, {0x80, "Topology change ACK"},
};

constexpr Tok port_role_names[] = {
    {0, "Unknown"},
    {1, "Alternate"},
    {2, "Root"},
    {3, "Designated"},
};

std::string_view port_role(uint8_t flags)
{
    return tok_lookup(port_role_names, (flags & 0x0c) >> 2).value_or("Unknown");
}

// Reads at absolute offsets of the BPDU; a read past the captured bytes
// throws Truncated.
class Bpdu {
public:
    explicit Bpdu(Bytes p) : r_(p) {}
    uint8_t u8(size_t o) const { return r_.peek_u8(o); }
    uint16_t be16(size_t o) const { return r_.peek_be16(o); }
    uint32_t be32(size_t o) const { return r_.peek_be32(o); }
    // "8000.02:00:00:00:00:10": priority, then the MAC address.
    std::string bridge_id(size_t o) const
    {
        uint8_t b[8];
        for (size_t i = 0; i < 8; ++i)
            b[i] = u8(o + i);
        return fmt::format("{:02x}{:02x}.{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4],
                           b[5], b[6], b[7]);
    }
    // A timer in 1/256 s, as printf's "%.2f" shows the float tcpdump computes.
    std::string seconds(size_t o) const
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", double(float(be16(o)) / 256));
        return buf;
    }
    std::string digest(size_t o, int words) const
    {
        std::string s;
        for (int i = 0; i < words; ++i)
            s += fmt::format("{:08x}", be32(o + 4 * size_t(i)));
        return s;
    }
    // nd_printjnp(): up to n bytes of text, ending at a NUL.
    void text(Ctx& c, size_t o, size_t n) const
    {
        for (size_t i = 0; i < n; ++i) {
            uint8_t ch = u8(o + i);
            if (ch == 0)
                break;
            print_char(c, ch);
        }
    }

private:
    Reader r_;
};

void timers_print(Ctx& c, const Bpdu& b)
{
    auto age = b.seconds(off::message_age), max = b.seconds(off::max_age), hello = b.seconds(off::hello_time),
         fwd = b.seconds(off::forward_delay);
    c.print("\n\tmessage-age {}s, max-age {}s, hello-time {}s, forwarding-delay {}s", age, max, hello, fwd);
}

void config_print(Ctx& c, const Bpdu& b, uint32_t length)
{
    uint8_t flags = b.u8(off::flags);
    c.print(", Flags [{}]", bittok_string(flag_names, flags, "none"));
    auto bridge = b.bridge_id(off::bridge_id);
    c.print(", bridge-id {}.{:04x}, length {}", bridge, b.be16(off::port_id), length);
    if (!c.opt.vflag)
        return;
    timers_print(c, b);
    auto root = b.bridge_id(off::root_id);
    c.print("\n\troot-id {}, root-pathcost {}", root, b.be32(off::root_path_cost));
    if (b.u8(off::version) == version::rstp)
        c.print(", port-role {}", port_role(flags));
}

void mstp_print(Ctx& c, const Bpdu& b, uint32_t length)
{
    uint8_t flags = b.u8(off::flags);
    c.print(", CIST Flags [{}], length {}", bittok_string(flag_names, flags, "none"), length);
    if (!c.opt.vflag)
        return;
    c.print("\n\tport-role {}, ", port_role(flags));
    auto root = b.bridge_id(off::root_id);
    c.print("CIST root-id {}, CIST ext-pathcost {}", root, b.be32(off::root_path_cost));
    c.print("\n\tCIST regional-root-id {}, ", b.bridge_id(off::bridge_id));
    c.print("CIST port-id {:04x},", b.be16(off::port_id));
    timers_print(c, b);
    c.print("\n\tv3len {}, ", b.be16(off::v3_length));
    c.put("MCID Name ");
    b.text(c, off::mcid_name, 32);
    auto rev = b.be16(off::mcid_rev);
    auto digest = b.digest(off::mcid_digest, 4);
    c.print(", rev {},\n\t\tdigest {}, ", rev, digest);
    c.print("CIST int-root-pathcost {},", b.be32(off::cist_int_path_cost));
    c.print("\n\tCIST bridge-id {}, ", b.bridge_id(off::cist_bridge_id));
    c.print("CIST remaining-hops {}", b.u8(off::cist_remaining_hops));

    uint16_t v3len = b.be16(off::v3_length);
    if (v3len <= mst_config_info_len)
        return;
    uint16_t left = static_cast<uint16_t>(v3len - mst_config_info_len);
    for (size_t o = off::msti; left >= msti_len; o += msti_len, left = static_cast<uint16_t>(left - msti_len)) {
        uint16_t id = b.be16(o + off::msti_root) & 0x0fff;
        uint8_t mflags = b.u8(o);
        c.print("\n\tMSTI {}, Flags [{}], port-role {}", id, bittok_string(flag_names, mflags, "none"),
                port_role(mflags));
        auto mroot = b.bridge_id(o + off::msti_root);
        c.print("\n\t\tMSTI regional-root-id {}, pathcost {}", mroot, b.be32(o + off::msti_path_cost));
        uint8_t bprio = b.u8(o + off::msti_bridge_prio), pprio = b.u8(o + off::msti_port_prio);
        c.print("\n\t\tMSTI bridge-prio {}, port-prio {}, hops {}", bprio >> 4, pprio >> 4, b.u8(o + off::msti_hops));
    }
}

void spb_print(Ctx& c, const Bpdu& b, size_t o)
{
    if (!c.opt.vflag)
        return;
    c.print("\n\tv4len {}, ", b.be16(o));
    c.put("AUXMCID Name ");
    b.text(c, o + off::spb_name, 32);
    auto rev = b.be16(o + off::spb_rev);
    auto digest = b.digest(o + off::spb_digest, 4);
    c.print(", Rev {},\n\t\tdigest {}", rev, digest);
    uint8_t agr = b.u8(o + off::spb_agreement), fmt_id = b.u8(o + off::spb_format),
            conv = b.u8(o + off::spb_convention);
    uint16_t edge = b.be16(o + off::spb_edge);
    auto adigest = b.digest(o + off::spb_agreement_digest, 5);
    c.print("\n\tAgreement num {}, Discarded Agreement num {}, Agreement valid-flag {},\n\tRestricted role-flag: {}, "
            "Format id {} cap {}, Convention id {} cap {},\n\tEdge count {}, Agreement digest {}",
            agr >> 6, (agr >> 4) & 0x3, (agr >> 3) & 0x1, (agr >> 2) & 0x1, fmt_id >> 4, fmt_id, conv >> 4, conv, edge,
            adigest);
}

} // namespace

void stp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "stp";
    Bpdu b(p);
    if (length < 4) {
        c.print_invalid();
        return;
    }
    if (b.be16(off::protocol_id) != 0) {
        c.print("unknown STP version, length {}", length);
        return;
    }
    uint8_t ver = b.u8(off::version);
    c.print("STP {}",
            tok_or(version_names, ver, [](uint32_t v) { return fmt::format("Unknown STP protocol (0x{:02x})", v); }));
    if (ver != version::stp && ver != version::rstp && ver != version::mstp && ver != version::spb)
        return;
    uint8_t type = b.u8(off::type);
    c.print(", {}", tok_or(type_names, type, [](uint32_t v) { return fmt::format("Unknown BPDU Type (0x{:02x})", v); }));
    switch (type) {
    case type::config:
        if (length < config_bpdu_len) {
            c.print_invalid();
            return;
        }
        config_print(c, b, length);
        break;
    case type::rstp:
        if (ver == version::rstp) {
            if (length < rstp_bpdu_len) {
                c.print_invalid();
                return;
            }
            config_print(c, b, length);
        } else if (ver == version::mstp || ver == version::spb) {
            if (length < mstp_min_len || b.u8(off::v1_length) != 0) {
                c.print_invalid();
                return;
            }
            uint32_t mstp_len = b.be16(off::v3_length) + 2u;
            if (length < rstp_bpdu_len + mstp_len) {
                c.print_invalid();
                return;
            }
            mstp_print(c, b, length);
            if (ver == version::spb) {
                uint32_t spb_len = b.be16(off::v3_length + mstp_len) + 2u;
                if (length < rstp_bpdu_len + mstp_len + spb_len || spb_len < spb_min_len) {
                    c.print_invalid();
                    return;
                }
                spb_print(c, b, rstp_bpdu_len + mstp_len);
            }
        }
        break;
    default:
        break;
    }
}

} // namespace nsbox::tcpdump
