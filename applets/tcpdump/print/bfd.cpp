// Bidirectional Forwarding Detection (RFC 5880, 5881, 5883, 7130), as
// tcpdump 4.99.3 prints it, by destination port: control packets (3784
// single hop, 4784 multihop, 6784 LAG) of versions 0 and 1 with their
// flags, state, diagnostic, timers and authentication section; echo packets
// (3785); any other version's bytes in hex from -v on.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint16_t { control_port = 3784, echo_port = 3785, multihop_port = 4784, lag_port = 6784 };
enum : uint8_t { auth_password = 1, auth_md5 = 2, auth_met_md5 = 3, auth_sha1 = 4, auth_met_sha1 = 5 };
constexpr uint8_t flag_auth = 0x04;
constexpr size_t header_len = 24;

constexpr Tok auth_names[] = {{1, "Simple Password"}, {2, "Keyed MD5"}, {3, "Meticulous Keyed MD5"},
                              {4, "Keyed SHA1"},      {5, "Meticulous Keyed SHA1"}};
constexpr Tok diag_names[] = {{0, "No Diagnostic"},
                              {1, "Control Detection Time Expired"},
                              {2, "Echo Function Failed"},
                              {3, "Neighbor Signaled Session Down"},
                              {4, "Forwarding Plane Reset"},
                              {5, "Path Down"},
                              {6, "Concatenated Path Down"},
                              {7, "Administratively Down"},
                              {8, "Reverse Concatenated Path Down"}};
constexpr Tok port_names[] = {{control_port, "Control"}, {multihop_port, "Multihop"}, {lag_port, "Lag"}};
constexpr Tok v0_flags[] = {{0x80, "I Hear You"}, {0x40, "Demand"}, {0x20, "Poll"}, {0x10, "Final"},
                            {0x08, "Control Plane Independent"}, {flag_auth, "Authentication Present"},
                            {0x02, "Reserved"}, {0x01, "Reserved"}};
constexpr Tok v1_flags[] = {{0x20, "Poll"}, {0x10, "Final"}, {0x08, "Control Plane Independent"},
                            {flag_auth, "Authentication Present"}, {0x02, "Demand"}, {0x01, "Multipoint"}};
constexpr Tok v1_states[] = {{0, "AdminDown"}, {1, "Down"}, {2, "Init"}, {3, "Up"}};

std::string unknown(uint32_t v) { return fmt::format("unknown ({})", v); }

// The authentication section after the 24-byte header.
void auth_print(Ctx& c, const Reader& r)
{
    constexpr size_t at = header_len;
    if (!r.has(at + 4))
        throw Truncated();
    uint8_t type = r.peek_u8(at), len = r.peek_u8(at + 1);
    c.print("\n\tAuthentication: {} ({}), length: {}", tok_lookup(auth_names, type).value_or("Unknown"), type, len);
    c.print("\n\t  Auth Key ID: {}", r.peek_u8(at + 2));
    switch (type) {
    case auth_password:
        if (len < 4 || len > 19)
            return c.print("[invalid length {}]", len);
        c.put(", Password: ");
        printn(c, r, at + 3, len - 3u);
        break;
    case auth_md5:
    case auth_met_md5:
    case auth_sha1:
    case auth_met_sha1: {
        bool md5 = type == auth_md5 || type == auth_met_md5;
        if (len != (md5 ? 24 : 28))
            return c.print("[invalid length {}]", len);
        c.print(", Sequence Number: 0x{:08x}", r.peek_be32(at + 4));
        size_t n = md5 ? 16 : 20;
        if (!r.has(at + 8 + n))
            throw Truncated();
        c.put(md5 ? "\n\t  Digest: " : "\n\t  Hash: ");
        for (size_t i = 0; i < n; ++i)
            c.print("{:02x}", r.peek_u8(at + 8 + i));
        break;
    }
    default:
        break;
    }
}

} // namespace

void bfd_print(Ctx& c, Bytes p, uint32_t length, uint16_t port)
{
    c.proto = "bfd";
    Reader r(p);
    if (port != control_port && port != multihop_port && port != lag_port) {
        if (port == echo_port)
            c.print("BFD, Echo, length: {}", length);
        else
            c.print("BFD, unknown ({}), length: {}", port, length);
        if (c.opt.vflag >= 1)
            print_unknown_data(c, p, 0, "\n\t", length);
        return;
    }
    if (!r.has(header_len))
        throw Truncated();
    uint8_t version_diag = r.peek_u8(0), flags = r.peek_u8(1);
    unsigned version = version_diag >> 5, diag = version_diag & 0x1f;
    std::string port_name = tok_or(port_names, port, unknown);
    switch (version) {
    case 0:
        if (c.opt.vflag < 1)
            return c.print("BFDv0, Control, Flags: [{}], length: {}", bittok_string(v0_flags, flags, "none"), length);
        c.print("BFDv0, length: {}\n\tControl, Flags: [{}], Diagnostic: {} (0x{:02x})", length,
                bittok_string(v0_flags, flags, "none"), tok_lookup(diag_names, diag).value_or("unknown"), diag);
        break;
    case 1: {
        std::string state = tok_or(v1_states, flags >> 6, unknown);
        std::string names = bittok_string(v1_flags, flags & 0x3f, "none");
        if (c.opt.vflag < 1)
            return c.print("BFDv1, {}, State {}, Flags: [{}], length: {}", port_name, state, names, length);
        c.print("BFDv1, length: {}\n\t{}, State {}, Flags: [{}], Diagnostic: {} (0x{:02x})", length, port_name,
                state, names, tok_lookup(diag_names, diag).value_or("unknown"), diag);
        break;
    }
    default:
        c.print("BFDv{}, Control, length: {}", version, length);
        if (c.opt.vflag >= 1)
            print_unknown_data(c, p, 0, "\n\t", length);
        return;
    }
    uint8_t mult = r.peek_u8(2);
    uint32_t tx = r.peek_be32(12);
    c.print("\n\tDetection Timer Multiplier: {} ({} ms Detection time), BFD Length: {}", mult, mult * tx / 1000,
            r.peek_u8(3));
    c.print("\n\tMy Discriminator: 0x{:08x}, Your Discriminator: 0x{:08x}", r.peek_be32(4), r.peek_be32(8));
    c.print("\n\t  Desired min Tx Interval:    {:4} ms", tx / 1000);
    c.print("\n\t  Required min Rx Interval:   {:4} ms", r.peek_be32(16) / 1000);
    c.print("\n\t  Required min Echo Interval: {:4} ms", r.peek_be32(20) / 1000);
    if (flags & flag_auth)
        auth_print(c, r);
}

} // namespace nsbox::tcpdump
