// The Babel routing protocol (RFC 8966; UDP ports 6696 and 6697), as
// tcpdump 4.99.3 prints it: the magic, version and body length, then each
// TLV by name, and from -v on its fields: hello and IHU intervals, router
// ids, next hops, updates with their prefixes (rebuilt from the omitted
// bytes of the previous update, as a router reads them), route and seqno
// requests, the source-specific TLVs, HMAC digests, sub-TLVs; the trailer
// after the body the same way.

#include <cstring>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

using Addr = std::array<uint8_t, 16>;
constexpr Addr v4mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};

enum : uint8_t {
    pad1 = 0,
    padn = 1,
    ack_req = 2,
    ack = 3,
    hello = 4,
    ihu = 5,
    router_id = 6,
    next_hop = 7,
    update = 8,
    route_request = 9,
    seqno_request = 10,
    tspc = 11,
    hmac = 12,
    ss_update = 13,
    ss_request = 14,
    ss_mh_request = 15,
    mac = 16,
    pc = 17,
    challenge_request = 18,
    challenge_reply = 19,
};

// The TLV ended too soon for what it holds (tcpdump's `goto invalid`), or
// the capture did (its `goto trunc` through the length checks).
struct Invalid {};
struct Cut {};

bool is_v4(const Addr& a) { return std::memcmp(a.data(), v4mapped.data(), 12) == 0; }

std::array<uint8_t, 4> low4(const Addr& a) { return {a[12], a[13], a[14], a[15]}; }

std::string prefix_text(Ctx& c, const Addr& a, uint8_t plen)
{
    if (plen >= 96 && is_v4(a))
        return fmt::format("{}/{}", ipaddr_string(c, low4(a)), plen - 96);
    return fmt::format("{}/{}", ip6addr_string(c, a), plen);
}

std::string address_text(Ctx& c, const Addr& a)
{
    return is_v4(a) ? ipaddr_string(c, low4(a)) : ip6addr_string(c, a);
}

std::string interval(uint16_t i)
{
    if (i == 0)
        return "0.0s (bogus)";
    return fmt::format("{}.{:02}s", i / 100, i % 100);
}

std::string interval_update(uint16_t i) { return i == 0xffff ? "infinity" : interval(i); }

std::string timestamp(uint32_t t) { return fmt::format("{}.{:06}s", t / 1000000, t % 1000000); }

// The TLV's bytes, all captured (checked before it is decoded).
struct Tlv {
    const Reader& r; // at the TLV's type byte
    uint8_t u8(size_t off) const { return r.peek_u8(off); }
    uint16_t be16(size_t off) const { return r.peek_be16(off); }
    uint32_t be32(size_t off) const { return r.peek_be32(off); }
};

std::string router_id_text(const Tlv& t, size_t off)
{
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", t.u8(off), t.u8(off + 1),
                       t.u8(off + 2), t.u8(off + 3), t.u8(off + 4), t.u8(off + 5), t.u8(off + 6), t.u8(off + 7));
}

// A prefix of address encoding `ae`, `plen` bits long (negative: a whole
// address), whose first `omitted` bytes come from `prev`, the rest from
// `len` bytes at `off`. Returns the bytes it read, or -1 when they do not
// add up (tcpdump's network_prefix()).
int network_prefix(const Tlv& t, int ae, int plen, unsigned omitted, size_t off, const Addr* prev, unsigned len,
                   Addr& out)
{
    unsigned pb = plen >= 0 ? unsigned(plen + 7) / 8 : ae == 1 ? 4 : 16;
    if (pb > 16)
        return -1;
    Addr p{};
    int consumed = 0;
    auto copy = [&](size_t to, unsigned n) {
        for (unsigned i = 0; i < n; ++i)
            p[to + i] = t.u8(off + i);
    };
    switch (ae) {
    case 0: break;
    case 1: // (4.99.3 knows no AE 4, RFC 9229's IPv4 via IPv6)
        if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted))
            return -1;
        p = v4mapped;
        if (omitted) {
            if (!prev)
                return -1;
            std::memcpy(p.data(), prev->data(), 12 + omitted);
        }
        if (pb > omitted) {
            copy(12 + omitted, pb - omitted);
            consumed = int(pb - omitted);
        }
        break;
    case 2:
        if (omitted > 16 || (pb > omitted && len < pb - omitted))
            return -1;
        if (omitted) {
            if (!prev)
                return -1;
            std::memcpy(p.data(), prev->data(), omitted);
        }
        if (pb > omitted) {
            copy(omitted, pb - omitted);
            consumed = int(pb - omitted);
        }
        break;
    case 3:
        if (pb > 8 && len < pb - 8)
            return -1;
        p[0] = 0xfe;
        p[1] = 0x80;
        if (pb > 8) {
            copy(8, pb - 8);
            consumed = int(pb - 8);
        }
        break;
    default: return -1;
    }
    out = p;
    return consumed;
}

int network_address(const Tlv& t, int ae, size_t off, unsigned len, Addr& out)
{
    return network_prefix(t, ae, -1, 0, off, nullptr, len, out);
}

// Sub-TLVs from `off` to `end` of the TLV (the extra data of hello, IHU and
// updates).
void subtlvs_print(Ctx& c, const Tlv& t, size_t off, size_t end, uint8_t tlv_type)
{
    while (off < end) {
        uint8_t type = t.u8(off++);
        if (type == 0) {
            c.put(" sub-pad1");
            continue;
        }
        if (type & 0x80)
            c.put(" (M)");
        if (off == end)
            return c.print_invalid();
        uint8_t len = t.u8(off++);
        if (off + len > end)
            return c.print_invalid();
        switch (type) {
        case 1:
            c.put(" sub-padn");
            off += len;
            break;
        case 2: {
            c.put(" sub-diversity");
            if (len == 0) {
                c.put(" empty");
                break;
            }
            const char* sep = " ";
            for (; len; --len, ++off) {
                uint8_t ch = t.u8(off);
                c.put(sep);
                if (ch == 0)
                    c.put("reserved");
                else if (ch == 255)
                    c.put("all");
                else
                    c.put_dec(ch);
                sep = "-";
            }
            if (tlv_type != update && tlv_type != ss_update)
                c.put(" (bogus)");
            break;
        }
        case 3:
            c.put(" sub-timestamp");
            if (tlv_type == hello) {
                if (len < 4)
                    return c.print_invalid();
                c.put(' ');
                c.put(timestamp(t.be32(off)));
            } else if (tlv_type == ihu) {
                if (len < 8)
                    return c.print_invalid();
                c.put(' ');
                c.put(timestamp(t.be32(off)));
                c.put('|');
                c.put(timestamp(t.be32(off + 4)));
            } else {
                c.put(" (bogus)");
            }
            off += len;
            break;
        default:
            c.print(" sub-unknown-0x{:02x}", type);
            off += len;
        }
    }
}

// The destination and source prefixes of the source-specific TLVs, read
// from value byte `parsed` on (the destination's first `omitted` bytes from
// `prev`); on AE 1 each length counts the 96 bits of the mapped prefix.
// Throws Invalid where tcpdump's `goto invalid` is.
struct SourceSpecific {
    Addr dst{}, src{};
    uint8_t dst_len, src_len;
    unsigned parsed; // the value bytes read, both prefixes included
};

SourceSpecific source_specific(const Tlv& t, uint8_t ae, uint8_t dst_len, uint8_t omitted, const Addr* prev,
                               uint8_t src_len, unsigned parsed, unsigned len)
{
    SourceSpecific s{{}, {}, dst_len, src_len, parsed};
    int rc = network_prefix(t, ae, dst_len, omitted, 2 + s.parsed, prev, len - s.parsed, s.dst);
    if (rc < 0)
        throw Invalid();
    s.parsed += unsigned(rc);
    rc = network_prefix(t, ae, src_len, 0, 2 + s.parsed, nullptr, len - s.parsed, s.src);
    if (rc < 0)
        throw Invalid();
    s.parsed += unsigned(rc);
    if (ae == 1) {
        s.dst_len = uint8_t(s.dst_len + 96);
        s.src_len = uint8_t(s.src_len + 96);
    }
    return s;
}

// One TLV of `len` bytes of value, all captured, at `r`'s position.
void tlv_print(Ctx& c, const Tlv& t, uint8_t type, unsigned len, Addr& v4_prev, Addr& v6_prev)
{
    bool v = c.opt.vflag;
    auto need = [&](bool ok) {
        if (!ok)
            throw Invalid();
    };
    switch (type) {
    case padn:
        if (!v)
            c.put(" padN");
        else
            c.print("\n\tPad {}", len + 2);
        break;
    case ack_req:
        if (!v) {
            c.put(" ack-req");
            break;
        }
        c.put("\n\tAcknowledgment Request ");
        need(len >= 6);
        c.print("{:04x} {}", t.be16(4), interval(t.be16(6)));
        break;
    case ack:
        if (!v) {
            c.put(" ack");
            break;
        }
        c.put("\n\tAcknowledgment ");
        need(len >= 2);
        c.print("{:04x}", t.be16(2));
        break;
    case hello: {
        if (!v) {
            c.put(" hello");
            break;
        }
        c.put("\n\tHello ");
        need(len >= 6);
        if (t.be16(2) & 0x8000)
            c.put("(Unicast) ");
        c.print("seqno {} ", t.be16(4));
        if (uint16_t i = t.be16(6))
            c.print("interval {}", interval(i));
        else
            c.put("unscheduled");
        if (len > 6)
            subtlvs_print(c, t, 8, 2 + len, type);
        break;
    }
    case ihu: {
        if (!v) {
            c.put(" ihu");
            break;
        }
        c.put("\n\tIHU ");
        need(len >= 6);
        uint8_t ae = t.u8(2);
        Addr a{};
        int rc = network_address(t, ae, 8, len - 6, a);
        if (rc < 0) {
            c.print_trunc();
            break;
        }
        c.print("{} rxcost {} interval {}", ae == 0 ? std::string("any") : address_text(c, a), t.be16(4),
                interval(t.be16(6)));
        if (unsigned(rc) < len - 6)
            subtlvs_print(c, t, 8 + size_t(rc), 2 + len, type);
        break;
    }
    case router_id:
        if (!v) {
            c.put(" router-id");
            break;
        }
        c.put("\n\tRouter Id");
        need(len >= 10);
        c.put(' ');
        c.put(router_id_text(t, 4));
        break;
    case next_hop: {
        if (!v) {
            c.put(" nh");
            break;
        }
        c.put("\n\tNext Hop");
        need(len >= 2);
        uint8_t ae = t.u8(2);
        Addr a{};
        need(network_address(t, ae, 4, len - 2, a) >= 0);
        c.put(' ');
        c.put(ae == 0 ? std::string("invalid AE 0") : address_text(c, a));
        break;
    }
    case update: {
        uint8_t flags = len >= 10 ? t.u8(3) : 0;
        auto flag_text = [&] {
            c.put(flags & 0x80 ? "/prefix" : "");
            c.put(flags & 0x40 ? "/id" : "");
            c.put(flags & 0x3f ? "/unknown" : "");
        };
        if (!v) {
            c.put(" update");
            need(len >= 10);
            flag_text();
            break;
        }
        c.put("\n\tUpdate");
        need(len >= 10);
        uint8_t ae = t.u8(2);
        Addr* prev = nullptr;
        switch (ae) {
        case 0:
        case 2:
        case 3: prev = &v6_prev; break;
        case 1: prev = &v4_prev; break;
        default: throw Invalid();
        }
        auto plen = uint8_t(t.u8(4) + (ae == 1 ? 96 : 0));
        Addr p{};
        int rc = network_prefix(t, ae, t.u8(4), t.u8(5), 12, prev, len - 10, p);
        need(rc >= 0);
        flag_text();
        c.print(" {} metric {} seqno {} interval {}", ae == 0 ? std::string("any") : prefix_text(c, p, plen),
                t.be16(10), t.be16(8), interval_update(t.be16(6)));
        if (flags & 0x80)
            *prev = p;
        if (unsigned(rc) < len - 10)
            subtlvs_print(c, t, 12 + size_t(rc), 2 + len, type);
        break;
    }
    case route_request: {
        if (!v) {
            c.put(" route-request");
            break;
        }
        c.put("\n\tRoute Request ");
        need(len >= 2);
        uint8_t ae = t.u8(2);
        auto plen = uint8_t(t.u8(3) + (ae == 1 ? 96 : 0));
        Addr p{};
        need(network_prefix(t, ae, t.u8(3), 0, 4, nullptr, len - 2, p) >= 0);
        c.print("for {}", ae == 0 ? std::string("any") : prefix_text(c, p, plen));
        break;
    }
    case seqno_request: {
        if (!v) {
            c.put(" seqno-request");
            break;
        }
        c.put("\n\tSeqno Request ");
        need(len >= 14);
        uint8_t ae = t.u8(2);
        Addr p{};
        need(network_prefix(t, ae, t.u8(3), 0, 16, nullptr, len - 14, p) >= 0);
        auto plen = uint8_t(t.u8(3) + (ae == 1 ? 96 : 0));
        c.print("({} hops) for {} seqno {} id {}", t.u8(6),
                ae == 0 ? std::string("invalid AE 0") : prefix_text(c, p, plen), t.be16(4), router_id_text(t, 8));
        break;
    }
    case tspc:
        if (!v) {
            c.put(" tspc");
            break;
        }
        c.put("\n\tTS/PC ");
        need(len >= 6);
        c.print("timestamp {} packetcounter {}", t.be32(4), t.be16(2));
        break;
    case hmac:
        if (!v) {
            c.put(" hmac");
            break;
        }
        c.put("\n\tHMAC ");
        need(len >= 18);
        c.print("key-id {} digest-{} ", t.be16(2), len - 2);
        for (unsigned j = 0; j < len - 2; ++j)
            c.print("{:02X}", t.u8(4 + j));
        break;
    case ss_update: {
        if (!v) {
            c.put(" ss-update");
            break;
        }
        c.put("\n\tSS-Update");
        need(len >= 10);
        uint8_t ae = t.u8(2);
        SourceSpecific s =
            source_specific(t, ae, t.u8(4), t.u8(5), ae == 1 ? &v4_prev : &v6_prev, t.u8(3), 10, len);
        c.print(" {} from", prefix_text(c, s.dst, s.dst_len));
        c.print(" {} metric {} seqno {} interval {}", prefix_text(c, s.src, s.src_len), t.be16(10), t.be16(8),
                interval_update(t.be16(6)));
        if (s.parsed < len)
            subtlvs_print(c, t, 2 + s.parsed, 2 + len, type);
        break;
    }
    case ss_request: {
        if (!v) {
            c.put(" ss-request");
            break;
        }
        c.put("\n\tSS-Request ");
        need(len >= 3);
        uint8_t ae = t.u8(2);
        SourceSpecific s = source_specific(t, ae, t.u8(3), 0, nullptr, t.u8(4), 3, len);
        if (ae == 0)
            c.put("for any");
        else
            c.print("for ({}, {})", prefix_text(c, s.dst, s.dst_len), prefix_text(c, s.src, s.src_len));
        break;
    }
    case ss_mh_request: {
        if (!v) {
            c.put(" ss-mh-request");
            break;
        }
        c.put("\n\tSS-MH-Request ");
        need(len >= 14);
        SourceSpecific s = source_specific(t, t.u8(2), t.u8(3), 0, nullptr, t.u8(7), 14, len);
        c.print("({} hops) for ({}, ", t.u8(6), prefix_text(c, s.dst, s.dst_len));
        c.print("{}) seqno {} id {}", prefix_text(c, s.src, s.src_len), t.be16(4), router_id_text(t, 8));
        break;
    }
    case mac:
        if (!v)
            c.put(" mac");
        else
            c.print("\n\tMAC len {}", len);
        break;
    case pc:
        if (!v) {
            c.put(" pc");
            break;
        }
        c.put("\n\tPC");
        need(len >= 4);
        c.print(" value {} index len {}", t.be32(2), len - 4);
        break;
    case challenge_request:
    case challenge_reply:
        if (!v) {
            c.put(type == challenge_request ? " challenge_request" : " challenge_reply");
            break;
        }
        c.put(type == challenge_request ? "\n\tChallenge Request" : "\n\tChallenge Reply");
        need(len <= 192);
        c.print(" len {}", len);
        break;
    default:
        if (!v)
            c.put(" unknown");
        else
            c.print("\n\tUnknown message type {}", type);
    }
}

// The TLVs of `tlvs_len` bytes at `r`'s position, `left` bytes of the
// datagram remaining.
void tlvs_print(Ctx& c, Reader r, unsigned tlvs_len, unsigned left)
{
    Addr v4_prev = v4mapped, v6_prev{};
    auto check = [&](unsigned i, unsigned l) {
        if (i + l > tlvs_len || i + l > left)
            throw Invalid();
    };
    for (unsigned i = 0; i < tlvs_len;) {
        check(i, 1);
        uint8_t type = r.peek_u8(0);
        if (type == pad1) {
            c.put(c.opt.vflag ? "\n\tPad 1" : " pad1");
            r.skip(1);
            i += 1;
            continue;
        }
        check(i, 2);
        if (!r.has(2))
            throw Cut();
        unsigned len = r.peek_u8(1);
        check(i, 2 + len);
        if (!r.has(2 + len))
            throw Cut();
        Reader at = r;
        tlv_print(c, Tlv{at}, type, len, v4_prev, v6_prev);
        r.skip(2 + len);
        i += len + 2;
    }
}

} // namespace

void babel_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "babel";
    c.put("babel");
    Reader r(p);
    if (!r.has(4))
        return c.print_trunc();
    if (r.peek_u8(0) != 42) {
        c.put(" invalid header");
        return;
    }
    uint8_t version = r.peek_u8(1);
    c.put(' ');
    c.put_dec(version);
    if (version != 2) {
        c.put(" unknown version");
        return;
    }
    try {
        if (length < 4)
            throw Invalid();
        uint16_t body = r.peek_be16(2);
        c.print(" ({})", body);
        length -= 4;
        r.skip(4);
        if (length < body)
            throw Invalid();
        tlvs_print(c, r, body, length);
        length -= body;
        r.skip(std::min<size_t>(body, r.remaining()));
        if (length != 0) {
            c.put(c.opt.vflag ? "\n\t----" : " |");
            tlvs_print(c, r, length, length);
        }
    } catch (const Cut&) {
        c.print_trunc();
    } catch (const Invalid&) {
        c.print_invalid();
    }
}

} // namespace nsbox::tcpdump
