// The x_tables info layouts iptables-nft 1.8.9 sends through nft_compat
// for the matches and targets nsbox knows: sizes (XT_ALIGNed), field
// offsets, flag bits and name tables, in one place for the parser (cli),
// the printers (list) and the decoder (codec).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "libnet/nft/nft.hpp"

namespace nsbox::iptables::xt {

using net::nft::Data;

template <class T>
T get(const Data& d, size_t off)
{
    T v{};
    if (off + sizeof(T) <= d.size())
        std::memcpy(&v, d.data() + off, sizeof(T));
    return v;
}
template <class T>
void put(Data& d, size_t off, T v)
{
    std::memcpy(d.data() + off, &v, sizeof(T));
}
inline uint16_t get_be16(const Data& d, size_t off)
{
    return off + 2 <= d.size() ? static_cast<uint16_t>((d[off] << 8) | d[off + 1]) : 0;
}
inline void put_be16(Data& d, size_t off, uint16_t v)
{
    d[off] = static_cast<uint8_t>(v >> 8);
    d[off + 1] = static_cast<uint8_t>(v);
}

// struct xt_comment_info
constexpr size_t comment_size = 256;

// struct xt_conntrack_mtinfo3 (revision 3; -m state is the same match with
// the STATE_ALIAS flag)
namespace conntrack {
constexpr size_t size = 168;
// The four addresses, each followed by its mask (union nf_inet_addr: an
// IPv4 address in the first 4 bytes): original source and destination,
// reply source and destination.
constexpr size_t addrs = 0, addr_stride = 32;
constexpr size_t expires_min = 128, expires_max = 132, l4proto = 136;
constexpr size_t ports = 138;      // origsrc, origdst, replsrc, repldst (u16 each, host order)
constexpr size_t ports_high = 154; // the same four, the top of each range
constexpr size_t match_flags = 146, invert_flags = 148, state_mask = 150, status_mask = 152;
constexpr uint16_t f_state = 1 << 0, f_proto = 1 << 1, f_addr0 = 1 << 2, f_status = 1 << 6, f_expires = 1 << 7,
                   f_port0 = 1 << 8, f_direction = 1 << 12, f_state_alias = 1 << 13;
} // namespace conntrack

// NFLOG: iptables-nft 1.8.9 writes it as a native `log` expression and
// reads any `log` expression back into this layout (struct xt_nflog_info
// with the 128-byte prefix of nf_tables' log).
namespace nflog {
constexpr size_t size = 140, len = 0, group = 4, threshold = 6, flags = 8, prefix = 12, prefix_size = 128;
constexpr uint16_t f_copy_len = 1;
} // namespace nflog

// struct xt_multiport_v1 (revision 1)
namespace multiport {
constexpr size_t size = 48, max_ports = 15;
constexpr size_t flags = 0, count = 1, ports = 2, pflags = 32, invert = 47;
enum : uint8_t { source = 0, destination = 1, either = 2 };
} // namespace multiport

// struct xt_addrtype_info_v1 (revision 1)
namespace addrtype {
constexpr size_t size = 8, source = 0, dest = 2, flags = 4;
constexpr uint32_t invert_source = 0x1, invert_dest = 0x2, limit_in = 0x4, limit_out = 0x8;
// Route types by bit, as iptables names them.
constexpr std::string_view types[] = {"UNSPEC", "UNICAST",     "LOCAL",    "BROADCAST", "ANYCAST", "MULTICAST",
                                      "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW",     "NAT",     "XRESOLVE"};
} // namespace addrtype

// struct xt_statistic_info (revision 0; the kernel's master pointer last)
namespace statistic {
constexpr size_t size = 24, mode = 0, flags = 2, probability = 4, every = 4, packet = 8, count = 12;
constexpr uint16_t random = 0, nth = 1, invert = 0x1;
} // namespace statistic

// struct xt_pkttype_info, struct xt_iprange_mtinfo (revision 1),
// struct xt_mac_info, struct xt_length_info
namespace pkttype {
constexpr size_t size = 8, type = 0, invert = 4;
struct Name {
    std::string_view name;
    int32_t type;
};
constexpr Name names[] = {{"unicast", 0},  {"broadcast", 1}, {"multicast", 2}, {"host", 0},
                          {"otherhost", 3}, {"outgoing", 4},  {"loopback", 5}};
} // namespace pkttype
namespace iprange {
constexpr size_t size = 72, src_min = 0, src_max = 16, dst_min = 32, dst_max = 48, flags = 64;
constexpr uint8_t src = 1 << 0, dst = 1 << 1, src_inv = 1 << 4, dst_inv = 1 << 5;
} // namespace iprange
namespace mac {
constexpr size_t size = 16, addr = 0, invert = 8;
}
namespace length {
constexpr size_t size = 8, min = 0, max = 2, invert = 4;
}

// struct xt_tcpmss_match_info (tcpmss match, revision 0) and struct
// xt_tcpmss_info (TCPMSS target, revision 0)
namespace tcpmss {
constexpr size_t match_size = 8, min = 0, max = 2, invert = 4;
constexpr size_t size = 8, mss = 0;
constexpr uint16_t clamp_pmtu = 0xffff; // --clamp-mss-to-pmtu
constexpr uint32_t set_max = 65515;     // --set-mss, as libxt_TCPMSS bounds it for IPv4
} // namespace tcpmss

// struct xt_owner_match_info (owner match, revision 1)
namespace owner {
constexpr size_t size = 24, uid_min = 0, uid_max = 4, gid_min = 8, gid_max = 12, match = 16, invert = 17;
constexpr uint8_t uid = 1 << 0, gid = 1 << 1, socket = 1 << 2, suppl_groups = 1 << 3;
} // namespace owner

// struct xt_ct_target_info_v1 (CT, revision 2; NOTRACK is CT with the alias
// flag). The kernel's conntrack pointer follows, at 64.
namespace ct {
constexpr size_t size = 72, flags = 0, zone = 2, ct_events = 4, exp_events = 8, helper = 12, helper_max = 16,
                 timeout = 28, timeout_max = 32, user_part = 60;
constexpr uint16_t notrack = 1 << 0, notrack_alias = 1 << 1;
} // namespace ct

// struct ipt_icmp
namespace icmp {
constexpr size_t size = 8;
struct Name {
    std::string_view name;
    uint8_t type, code_min, code_max;
};
constexpr Name names[] = {
    {"any", 0xFF, 0, 0xFF},
    {"echo-reply", 0, 0, 0xFF},
    {"pong", 0, 0, 0xFF},
    {"destination-unreachable", 3, 0, 0xFF},
    {"network-unreachable", 3, 0, 0},
    {"host-unreachable", 3, 1, 1},
    {"protocol-unreachable", 3, 2, 2},
    {"port-unreachable", 3, 3, 3},
    {"fragmentation-needed", 3, 4, 4},
    {"source-route-failed", 3, 5, 5},
    {"network-unknown", 3, 6, 6},
    {"host-unknown", 3, 7, 7},
    {"network-prohibited", 3, 9, 9},
    {"host-prohibited", 3, 10, 10},
    {"TOS-network-unreachable", 3, 11, 11},
    {"TOS-host-unreachable", 3, 12, 12},
    {"communication-prohibited", 3, 13, 13},
    {"host-precedence-violation", 3, 14, 14},
    {"precedence-cutoff", 3, 15, 15},
    {"source-quench", 4, 0, 0xFF},
    {"redirect", 5, 0, 0xFF},
    {"network-redirect", 5, 0, 0},
    {"host-redirect", 5, 1, 1},
    {"TOS-network-redirect", 5, 2, 2},
    {"TOS-host-redirect", 5, 3, 3},
    {"echo-request", 8, 0, 0xFF},
    {"ping", 8, 0, 0xFF},
    {"router-advertisement", 9, 0, 0xFF},
    {"router-solicitation", 10, 0, 0xFF},
    {"time-exceeded", 11, 0, 0xFF},
    {"ttl-exceeded", 11, 0, 0xFF},
    {"ttl-zero-during-transit", 11, 0, 0},
    {"ttl-zero-during-reassembly", 11, 1, 1},
    {"parameter-problem", 12, 0, 0xFF},
    {"ip-header-bad", 12, 0, 0},
    {"required-option-missing", 12, 1, 1},
    {"timestamp-request", 13, 0, 0xFF},
    {"timestamp-reply", 14, 0, 0xFF},
    {"address-mask-request", 17, 0, 0xFF},
    {"address-mask-reply", 18, 0, 0xFF},
};
} // namespace icmp

// struct ip6t_icmp (the icmp6 match of ip6tables): type, code range,
// invflags; the names of libxt_icmp.h's icmpv6_codes, in its order.
namespace icmp6 {
constexpr size_t size = 8;
constexpr uint8_t proto = 58;
constexpr icmp::Name names[] = {
    {"destination-unreachable", 1, 0, 0xFF},
    {"no-route", 1, 0, 0},
    {"communication-prohibited", 1, 1, 1},
    {"beyond-scope", 1, 2, 2},
    {"address-unreachable", 1, 3, 3},
    {"port-unreachable", 1, 4, 4},
    {"failed-policy", 1, 5, 5},
    {"reject-route", 1, 6, 6},
    {"packet-too-big", 2, 0, 0xFF},
    {"time-exceeded", 3, 0, 0xFF},
    {"ttl-exceeded", 3, 0, 0xFF},
    {"ttl-zero-during-transit", 3, 0, 0},
    {"ttl-zero-during-reassembly", 3, 1, 1},
    {"parameter-problem", 4, 0, 0xFF},
    {"bad-header", 4, 0, 0},
    {"unknown-header-type", 4, 1, 1},
    {"unknown-option", 4, 2, 2},
    {"echo-request", 128, 0, 0xFF},
    {"ping", 128, 0, 0xFF},
    {"echo-reply", 129, 0, 0xFF},
    {"pong", 129, 0, 0xFF},
    {"router-solicitation", 133, 0, 0xFF},
    {"router-advertisement", 134, 0, 0xFF},
    {"neighbour-solicitation", 135, 0, 0xFF},
    {"neighbor-solicitation", 135, 0, 0xFF},
    {"neighbour-advertisement", 136, 0, 0xFF},
    {"neighbor-advertisement", 136, 0, 0xFF},
    {"redirect", 137, 0, 0xFF},
};
} // namespace icmp6

// TCP flag names, in the order iptables prints them.
struct TcpFlagName {
    std::string_view name;
    uint8_t flag;
};
constexpr TcpFlagName tcp_flags[] = {
    {"FIN", 0x01}, {"SYN", 0x02}, {"RST", 0x04}, {"PSH", 0x08},
    {"ACK", 0x10}, {"URG", 0x20}, {"ALL", 0x3F}, {"NONE", 0},
};

// struct xt_log_info (LOG, revision 0)
namespace log {
constexpr size_t size = 32, level = 0, flags = 1, prefix = 2, prefix_max = 29;
constexpr uint8_t default_level = 4;
// The syslog level names --log-level accepts.
struct LevelName {
    std::string_view name;
    uint8_t level;
};
constexpr LevelName levels[] = {
    {"alert", 1}, {"crit", 2}, {"debug", 7}, {"emerg", 0}, {"error", 3},
    {"info", 6},  {"notice", 5}, {"panic", 0}, {"warning", 4},
};
// ... and the names -L prints, by level.
constexpr std::string_view level_print_names[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
struct FlagName {
    std::string_view option; // --log-...
    std::string_view word;   // as -L prints it
    uint8_t bit;
};
constexpr FlagName flag_names[] = {
    {"log-tcp-sequence", "tcp-sequence", 0x01}, {"log-tcp-options", "tcp-options", 0x02},
    {"log-ip-options", "ip-options", 0x04},     {"log-uid", "uid", 0x08},
    {"log-macdecode", "macdecode", 0x20},
};
} // namespace log

// struct xt_mark_tginfo2 (MARK, revision 2)
namespace mark {
constexpr size_t size = 8, value = 0, mask = 4;
}

// struct xt_connmark_tginfo2 (CONNMARK, revision 2) and struct
// xt_connmark_mtinfo1 (connmark match, revision 1)
namespace connmark {
constexpr size_t size = 16, ctmark = 0, ctmask = 4, nfmask = 8, shift_dir = 12, shift_bits = 13, mode = 14;
enum : uint8_t { set = 0, save = 1, restore = 2 };
constexpr size_t match_size = 16, match_mark = 0, match_mask = 4, match_invert = 8;
} // namespace connmark

// struct nf_nat_range2 (DNAT/SNAT, revision 2)
namespace nat {
constexpr size_t size = 48, flags = 0, min_addr = 4, max_addr = 20, min_proto = 36, max_proto = 38,
                 base_proto = 40;
constexpr uint32_t map_ips = 1 << 0, proto_specified = 1 << 1, random = 1 << 2, persistent = 1 << 3,
                   random_fully = 1 << 4, proto_offset = 1 << 5;
} // namespace nat

// struct nf_nat_ipv4_multi_range_compat (SNAT, MASQUERADE, REDIRECT, revision 0;
// no room for a base port: a "/BASE" sets proto_offset alone, listed "/0")
namespace compat_nat {
constexpr size_t size = 24, rangesize = 0, flags = 4, min_ip = 8, max_ip = 12, min = 16, max = 18;
}

// Where a NAT target keeps its fields: iptables' DNAT (nf_nat_range2) and
// every ip6tables NAT target (nf_nat_range for SNAT revision 1, MASQUERADE
// and REDIRECT; nf_nat_range2 for DNAT) at the nat:: offsets; iptables'
// SNAT, MASQUERADE and REDIRECT in the compat range. `base`: room for a
// base port (nf_nat_range2 only).
struct NatLayout {
    size_t flags, min_ip, max_ip, min_port, max_port;
    bool base, v6;
};
constexpr size_t nat_range_size = 40; // struct nf_nat_range
inline NatLayout nat_layout(std::string_view target, bool v6)
{
    if (v6 || target == "DNAT")
        return {nat::flags, nat::min_addr, nat::max_addr, nat::min_proto, nat::max_proto, target == "DNAT", v6};
    return {compat_nat::flags, compat_nat::min_ip, compat_nat::max_ip, compat_nat::min, compat_nat::max, false, false};
}

} // namespace nsbox::iptables::xt
