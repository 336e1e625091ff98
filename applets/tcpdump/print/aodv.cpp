// AODV (RFC 3561, Ad hoc On-Demand Distance Vector routing) on UDP port
// 654 and under -T aodv: route requests, replies, errors and reply
// acknowledgements over IPv4 and IPv6, the IPv6 draft-01 message types, and
// the hello extension, as tcpdump 4.99.3 prints them. Like 4.99.3, the
// request and reply flags are read from the type byte (so only the draft
// types show any).

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

enum : uint8_t {
    rreq = 1,
    rrep = 2,
    rerr = 3,
    rrep_ack = 4,
    v6_draft_rreq = 16,
    v6_draft_rrep = 17,
    v6_draft_rerr = 18,
    v6_draft_rrep_ack = 19,
};

class Aodv {
public:
    Aodv(Ctx& c, Bytes p, uint32_t length) : c_(c), r_(p), length_(length) {}

    void print(bool ip6)
    {
        uint8_t type = r_.peek_u8(0);
        c_.put(" aodv");
        switch (type) {
        case rreq:
            ip6 ? request(" v6 rreq", Layout::v6) : request(" rreq", Layout::v4);
            break;
        case rrep:
            reply(ip6 ? Layout::v6 : Layout::v4);
            break;
        case rerr:
            error(ip6 ? 16 : 4);
            break;
        case v6_draft_rreq:
            request(" rreq", Layout::v6_draft);
            break;
        case v6_draft_rrep:
            reply(Layout::v6_draft);
            break;
        case v6_draft_rerr:
            error(16);
            break;
        case rrep_ack:
        case v6_draft_rrep_ack:
            c_.print(" rrep-ack {}", length_);
            break;
        default:
            c_.print(" type {} {}", type, length_);
            break;
        }
    }

private:
    enum class Layout { v4, v6, v6_draft };

    // A message of `size` bytes, captured and within the length; otherwise
    // tcpdump's " [|aodv]" and the line goes on no further.
    bool whole(size_t size)
    {
        if (r_.has(size) && length_ >= size)
            return true;
        c_.print_trunc();
        return false;
    }
    std::string addr(size_t off, bool v6)
    {
        return v6 ? ip6addr_string(c_, peek_addr6(r_, off)) : ipaddr_string(c_, peek_addr4(r_, off));
    }

    void request(const char* what, Layout l)
    {
        bool v6 = l != Layout::v4;
        size_t alen = v6 ? 16 : 4, size = 16 + 2 * alen;
        if (!whole(size))
            return;
        uint8_t bits = r_.peek_u8(0);
        // Offsets of the destination, its sequence, the originator, its sequence.
        size_t da = 8, ds = 8 + alen, oa = 12 + alen, os = 12 + 2 * alen;
        if (l == Layout::v6_draft) {
            ds = 8;
            os = 12;
            da = 16;
            oa = 32;
        }
        c_.print("{} {} {}{}{}{}{}hops {} id {:#010x}\n\tdst {} seq {} src {} seq {}", what, length_,
                 bits & 0x80 ? "[J]" : "", bits & 0x40 ? "[R]" : "", bits & 0x20 ? "[G]" : "", bits & 0x10 ? "[D]" : "",
                 bits & 0x08 ? "[U] " : " ", r_.peek_u8(3), r_.peek_be32(4), addr(da, v6), r_.peek_be32(ds),
                 addr(oa, v6), r_.peek_be32(os));
        extension(size);
    }

    void reply(Layout l)
    {
        bool v6 = l != Layout::v4;
        size_t alen = v6 ? 16 : 4, size = 12 + 2 * alen;
        if (!whole(size))
            return;
        uint8_t bits = r_.peek_u8(0);
        size_t da = 4, ds = 4 + alen, oa = 8 + alen, life = 8 + 2 * alen;
        if (l == Layout::v6_draft) {
            ds = 4;
            da = 8;
            oa = 24;
            life = 40;
        }
        c_.print(" rrep {} {}{}prefix {} hops {}\n\tdst {} dseq {} src {} {} ms", length_, bits & 0x80 ? "[R]" : "",
                 bits & 0x40 ? "[A] " : " ", r_.peek_u8(2) & 0x1f, r_.peek_u8(3), addr(da, v6), r_.peek_be32(ds),
                 addr(oa, v6), r_.peek_be32(life));
        extension(size);
    }

    void error(size_t alen)
    {
        if (!whole(4))
            return;
        unsigned count = r_.peek_u8(3);
        c_.print(" rerr {} [items {}] [{}]:", r_.peek_u8(1) & 0x80 ? "[D]" : "", count, length_);
        size_t off = 4, item = alen + 4;
        uint32_t left = length_ - 4;
        for (; count != 0; --count, off += item, left -= uint32_t(item)) {
            if (!r_.has(off + item) || left < item) {
                c_.print_trunc();
                return;
            }
            c_.print(" {{{}}}({})", addr(off, alen == 16), r_.peek_be32(off + alen));
        }
    }

    // The extension after a request or reply, when there is room for one.
    void extension(size_t off)
    {
        uint32_t left = length_ - uint32_t(off);
        if (left < 2)
            return;
        if (!r_.has(off + 2)) {
            c_.print_trunc();
            return;
        }
        uint8_t type = r_.peek_u8(off), len = r_.peek_u8(off + 1);
        if (type != 1) {
            c_.print("\n\text {} {}", type, len);
            return;
        }
        if (!r_.has(off + 6) || left < 6) {
            c_.print_trunc();
            return;
        }
        if (len < 4)
            c_.print("\n\text HELLO - bad length {}", len);
        else
            c_.print("\n\text HELLO {} ms", r_.peek_be32(off + 2));
    }

    Ctx& c_;
    Reader r_;
    uint32_t length_;
};

} // namespace

void aodv_print(Ctx& c, Bytes p, uint32_t length, bool ip6)
{
    c.proto = "aodv";
    Aodv(c, p, length).print(ip6);
}

} // namespace nsbox::tcpdump
