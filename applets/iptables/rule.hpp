// The iptables rule model: what one `-A CHAIN ...` says, independent of how
// nf_tables stores it (codec.hpp translates) or how it is printed (list.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

// An address match (-s/-d) of either family: IPv4 (iptables) keeps address
// and mask in host byte order in addr/mask; IPv6 (ip6tables, `v6` set)
// keeps them in network byte order in addr6/mask6.
struct AddrMatch {
    uint32_t addr = 0;
    uint32_t mask = 0;
    bool invert = false;
    bool v6 = false;
    std::array<uint8_t, 16> addr6{};
    std::array<uint8_t, 16> mask6{};
    bool operator==(const AddrMatch&) const = default;
    bool set() const
    {
        if (v6)
            return invert || mask6 != std::array<uint8_t, 16>{} || addr6 != std::array<uint8_t, 16>{};
        return mask != 0 || invert || addr != 0;
    }
};

// An interface match (-i/-o); a trailing '+' matches every name with that
// prefix.
struct IfaceMatch {
    std::string name;
    bool invert = false;
    bool operator==(const IfaceMatch&) const = default;
    // "-i +" (any interface) is no interface match at all.
    IfaceMatch canonical() const { return name == "+" && !invert ? IfaceMatch{} : *this; }
};

// A port range of the tcp/udp match; 0:65535 not inverted means "any".
struct PortMatch {
    uint16_t lo = 0;
    uint16_t hi = 0xffff;
    bool invert = false;
    bool operator==(const PortMatch&) const = default;
    bool set() const { return lo != 0 || hi != 0xffff || invert; }
    // "! 0:N" is stored as "> N" and reads back as "N+1:65535".
    PortMatch canonical() const
    {
        if (invert && lo == 0 && hi != 0xffff)
            return {static_cast<uint16_t>(hi + 1), 0xffff, false};
        return *this;
    }
};

// The tcp match's --tcp-flags / --syn: (flags & mask) == cmp, or != when
// inverted.
struct TcpFlags {
    uint8_t mask = 0;
    uint8_t cmp = 0;
    bool invert = false;
    bool operator==(const TcpFlags&) const = default;
    bool set() const { return mask != 0 || cmp != 0 || invert; }
};

// -m mark --mark VALUE[/MASK] (iptables-nft writes it as native meta mark).
struct MarkMatch {
    uint32_t value = 0;
    uint32_t mask = ~0u;
    bool invert = false;
    bool operator==(const MarkMatch&) const = default;
};

// -m limit: xt_rateinfo's average (XT_LIMIT_SCALE units per packet) and
// burst (iptables-nft writes it as a native limit expression).
constexpr uint32_t limit_scale = 10000;
struct LimitMatch {
    uint32_t avg = limit_scale * 3600 / 3; // 3/hour
    uint32_t burst = 5;
    bool operator==(const LimitMatch&) const = default;
};

// A match other than the tcp/udp ports, in command-line order: an x_tables
// match kept as its info bytes (comment, conntrack and state, multiport,
// icmp) or one iptables-nft writes natively (mark, limit).
struct Ext {
    enum class Kind : uint8_t { Xt, Mark, Limit };
    Kind kind = Kind::Xt;
    net::nft::Match xt;
    MarkMatch mark;
    LimitMatch limit;
    bool operator==(const Ext&) const = default;
};

// Trace: -j TRACE, which iptables-nft writes natively (meta nftrace set 1).
enum class Verdict { None, Accept, Drop, Return, Jump, Goto, Xt, Trace };

struct Rule {
    IfaceMatch in;
    IfaceMatch out;
    uint8_t proto = 0; // 0: all
    bool proto_invert = false;
    AddrMatch src;
    AddrMatch dst;
    // -f: only second and later fragments (offset != 0); "! -f" the others.
    bool frag = false;
    bool frag_invert = false;
    // The tcp or udp match (-m tcp/-m udp, implied by --sport/--dport after
    // -p tcp|udp): the protocol it belongs to, or 0 when absent.
    uint8_t l4match = 0;
    PortMatch sport;
    PortMatch dport;
    TcpFlags flags;
    // --tcp-option N (1-255; 0: none). iptables-nft then sends the whole
    // tcp match through nft_compat.
    uint8_t tcp_option = 0;
    bool tcp_option_invert = false;
    // The other matches, in order.
    std::vector<Ext> exts;
    // The order the matches were given in (and are encoded and printed in):
    // 'p' for the tcp/udp match, 'e' for the next of `exts`.
    std::string match_order;

    Verdict verdict = Verdict::None;
    std::string chain;            // Jump/Goto
    net::nft::Target xt;          // Verdict::Xt: MASQUERADE, REJECT

    // Counters and "not understood" are facts about a rule read from the
    // kernel; they do not take part in comparing rules.
    uint64_t packets = 0;
    uint64_t bytes = 0;
    bool unsupported = false;
    // What was not understood ("match `hashlimit'", "expression `ct'") and
    // whether iptables-nft itself would call the table incompatible (an
    // expression kind it never writes).
    std::string unsupported_what;
    bool incompatible = false;

    bool same_as(const Rule& o) const
    {
        return in.canonical() == o.in.canonical() && out.canonical() == o.out.canonical() && proto == o.proto && proto_invert == o.proto_invert &&
               src == o.src && dst == o.dst && frag == o.frag && frag_invert == o.frag_invert && l4match == o.l4match &&
               sport.canonical() == o.sport.canonical() && dport.canonical() == o.dport.canonical() &&
               flags == o.flags && tcp_option == o.tcp_option && tcp_option_invert == o.tcp_option_invert && exts == o.exts && match_order == o.match_order && verdict == o.verdict &&
               chain == o.chain && (verdict != Verdict::Xt || xt == o.xt) && !unsupported && !o.unsupported;
    }
};

// The name -L prints in the target column ("ACCEPT", a chain, "MASQUERADE").
std::string target_name(const Rule& r);

} // namespace nsbox::iptables
