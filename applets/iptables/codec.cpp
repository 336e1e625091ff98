#include "applets/iptables/codec.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/xt.hpp"

#include <algorithm>
#include <cstring>
#include <netinet/in.h>
#include <span>

#include <fmt/format.h>

#include <linux/netfilter/nf_tables.h>

namespace nsbox::iptables {

namespace nft = net::nft;
using nft::Data;

std::string target_name(const Rule& r)
{
    switch (r.verdict) {
    case Verdict::None: return "";
    case Verdict::Accept: return "ACCEPT";
    case Verdict::Drop: return "DROP";
    case Verdict::Return: return "RETURN";
    case Verdict::Jump:
    case Verdict::Goto: return r.chain;
    case Verdict::Xt: return r.xt.name;
    case Verdict::Trace: return "TRACE";
    }
    return "";
}

namespace {

// Offsets in the IPv4 header and the tcp/udp header.
constexpr uint32_t ip_frag_off = 6, ip_saddr = 12, ip_daddr = 16, l4_sport = 0, l4_dport = 2;
// The same in the IPv6 header.
constexpr uint32_t ip6_saddr = 8, ip6_daddr = 24;

// x_tables' info layouts for the tcp and udp matches (struct xt_tcp,
// struct xt_udp, padded to XT_ALIGN): ports, then flags, in host order.
constexpr size_t xt_tcp_size = 16, xt_udp_size = 16;
constexpr uint8_t xt_inv_srcpt = 0x01, xt_inv_dstpt = 0x02, xt_inv_flags = 0x04, xt_inv_option = 0x08;

Data be16_bytes(uint16_t v) { return {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)}; }

Data be32_bytes(uint32_t v)
{
    return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
            static_cast<uint8_t>(v)};
}

// iptables-nft's name for "no interface" ('/' is not allowed in one).
constexpr std::string_view no_iface = "INVAL/D";

void add_iface(std::vector<nft::Expr>& out, uint32_t key, const IfaceMatch& m)
{
    out.push_back(nft::Meta{key, NFT_REG_1});
    if (m.name == "+") {
        // Any interface: iptables-nft 1.8.9 loads the name and compares
        // nothing; "! -i +" compares it with a name no interface has.
        if (m.invert) {
            Data d(no_iface.begin(), no_iface.end());
            d.push_back(0);
            out.push_back(nft::Cmp{NFT_REG_1, NFT_CMP_EQ, std::move(d)});
        }
        return;
    }
    Data d(m.name.begin(), m.name.end());
    if (!m.name.empty() && m.name.back() == '+')
        d.pop_back(); // prefix match: compare only the given bytes
    else
        d.push_back(0);
    out.push_back(nft::Cmp{NFT_REG_1, m.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ), std::move(d)});
}

// An address match as nft-ipv4.c and nft-ipv6.c write it (`addr` and
// `mask` in network order, 4 or 16 bytes): a whole-byte prefix loads only
// its bytes; any other mask (a prefix ending inside a byte, a non-contiguous
// mask, /0) loads the whole address and masks it.
void add_addr(std::vector<nft::Expr>& out, uint32_t offset, Data addr, Data mask, bool invert)
{
    uint32_t op = invert ? NFT_CMP_NEQ : NFT_CMP_EQ;
    const size_t bits = mask.size() * 8;
    auto bit = [&](size_t i) { return (mask[i / 8] & (0x80 >> (i % 8))) != 0; };
    size_t plen = 0;
    while (plen < bits && bit(plen))
        ++plen;
    bool contiguous = true;
    for (size_t i = plen; i < bits; ++i)
        contiguous = contiguous && !bit(i);
    for (size_t i = 0; i < addr.size(); ++i)
        addr[i] &= mask[i];
    auto width = static_cast<uint32_t>(addr.size());
    if (contiguous && plen > 0 && plen % 8 == 0) {
        auto len = static_cast<uint32_t>(plen / 8);
        out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, offset, len});
        addr.resize(len);
        out.push_back(nft::Cmp{NFT_REG_1, op, std::move(addr)});
        return;
    }
    out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, offset, width});
    out.push_back(nft::Bitwise{NFT_REG_1, NFT_REG_1, std::nullopt, width, std::move(mask), Data(width, 0)});
    out.push_back(nft::Cmp{NFT_REG_1, op, std::move(addr)});
}

void add_addr(std::vector<nft::Expr>& out, uint32_t offset, const AddrMatch& a)
{
    if (a.v6)
        add_addr(out, offset, Data(a.addr6.begin(), a.addr6.end()), Data(a.mask6.begin(), a.mask6.end()), a.invert);
    else
        add_addr(out, offset, be32_bytes(a.addr), be32_bytes(a.mask), a.invert);
}

void add_port(std::vector<nft::Expr>& out, uint32_t offset, const PortMatch& p)
{
    if (p.invert && p.lo == 0 && p.hi == 0xffff)
        return; // iptables-nft writes nothing for "! 0:65535" (the rule is -p's alone)
    out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_TRANSPORT_HEADER, offset, 2});
    if (p.lo == 0 && p.hi != p.lo) // 0:N is "<= N", and inverted "> N"
        out.push_back(nft::Cmp{NFT_REG_1, p.invert ? uint32_t(NFT_CMP_GT) : uint32_t(NFT_CMP_LTE), be16_bytes(p.hi)});
    else if (p.lo == p.hi)
        out.push_back(nft::Cmp{NFT_REG_1, p.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ), be16_bytes(p.lo)});
    else
        out.push_back(nft::Range{NFT_REG_1, p.invert ? uint32_t(NFT_RANGE_NEQ) : uint32_t(NFT_RANGE_EQ),
                                 be16_bytes(p.lo), be16_bytes(p.hi)});
}

// struct xt_tcp / xt_udp for a tcp/udp match iptables-nft does not write
// natively: one with no port at all (`-m tcp` alone), or with --tcp-option.
nft::Match xt_ports(const Rule& r)
{
    Data info(r.l4match == IPPROTO_TCP ? xt_tcp_size : xt_udp_size, 0);
    auto put16 = [&](size_t off, uint16_t v) { std::memcpy(info.data() + off, &v, 2); };
    put16(0, r.sport.lo);
    put16(2, r.sport.hi);
    put16(4, r.dport.lo);
    put16(6, r.dport.hi);
    uint8_t inv = static_cast<uint8_t>((r.sport.invert ? xt_inv_srcpt : 0) | (r.dport.invert ? xt_inv_dstpt : 0));
    if (r.l4match == IPPROTO_TCP) {
        info[8] = r.tcp_option;
        info[9] = r.flags.mask;
        info[10] = r.flags.cmp;
        inv = static_cast<uint8_t>(inv | (r.flags.invert ? xt_inv_flags : 0) | (r.tcp_option_invert ? xt_inv_option : 0));
    }
    info[r.l4match == IPPROTO_TCP ? 11 : 8] = inv;
    return nft::Match{r.l4match == IPPROTO_TCP ? "tcp" : "udp", 0, std::move(info)};
}

// Native host-order u32 bytes, as nf_tables registers hold meta mark.
Data host32_bytes(uint32_t v)
{
    Data d(4);
    std::memcpy(d.data(), &v, 4);
    return d;
}

void add_ext(std::vector<nft::Expr>& out, const Ext& x)
{
    switch (x.kind) {
    case Ext::Kind::Xt: out.push_back(x.xt); break;
    case Ext::Kind::Mark:
        out.push_back(nft::Meta{NFT_META_MARK, NFT_REG_1});
        if (x.mark.mask != ~0u)
            out.push_back(nft::Bitwise{NFT_REG_1, NFT_REG_1, std::nullopt, 4, host32_bytes(x.mark.mask), Data(4, 0)});
        out.push_back(nft::Cmp{NFT_REG_1, x.mark.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ),
                               host32_bytes(x.mark.value)});
        break;
    case Ext::Kind::Limit: {
        // iptables-nft's conversion of xt_rateinfo: the largest unit (day,
        // hour, minute, second) that still gives a whole rate.
        static constexpr uint32_t mult[] = {limit_scale * 24 * 60 * 60, limit_scale * 60 * 60, limit_scale * 60,
                                            limit_scale};
        uint32_t avg = x.limit.avg ? x.limit.avg : 1;
        size_t i = 1;
        for (; i < std::size(mult); ++i)
            if (avg > mult[i] || mult[i] / avg < mult[i] % avg)
                break;
        out.push_back(nft::Limit{mult[i - 1] / avg, mult[i - 1] / limit_scale, x.limit.burst, NFT_LIMIT_PKTS, 0});
        break;
    }
    }
}

// NFLOG as iptables-nft 1.8.9 writes it: a native `log` expression with
// the prefix (when not empty), the group, the snaplen (when --nflog-size
// was given) and the queue threshold (when not 0), in that order.
nft::Unknown nflog_expr(const Data& info)
{
    namespace n = xt::nflog;
    Data out;
    auto attr = [&](uint16_t type, Data v) {
        const auto len = static_cast<uint16_t>(4 + v.size());
        out.insert(out.end(), {static_cast<uint8_t>(len), static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(type),
                               static_cast<uint8_t>(type >> 8)});
        out.insert(out.end(), v.begin(), v.end());
        out.resize((out.size() + 3) & ~size_t(3), 0);
    };
    if (info.size() < n::size)
        return nft::Unknown{"log", {}};
    auto p = info.begin() + static_cast<long>(n::prefix);
    Data prefix(p, std::find(p, p + static_cast<long>(n::prefix_size) - 1, uint8_t(0)));
    if (!prefix.empty()) {
        prefix.push_back(0);
        attr(NFTA_LOG_PREFIX, std::move(prefix));
    }
    auto group = xt::get<uint16_t>(info, n::group), threshold = xt::get<uint16_t>(info, n::threshold);
    attr(NFTA_LOG_GROUP, {static_cast<uint8_t>(group >> 8), static_cast<uint8_t>(group)});
    if (xt::get<uint16_t>(info, n::flags) & n::f_copy_len)
        attr(NFTA_LOG_SNAPLEN, be32_bytes(xt::get<uint32_t>(info, n::len)));
    if (threshold)
        attr(NFTA_LOG_QTHRESHOLD, {static_cast<uint8_t>(threshold >> 8), static_cast<uint8_t>(threshold)});
    return nft::Unknown{"log", std::move(out)};
}

// Any `log` expression read back as iptables-nft 1.8.9 reads it: NFLOG
// with its group, threshold, prefix, and the snaplen as --nflog-size.
// Throws Malformed on bad attribute framing.
nft::Target nflog_target(const Data& data)
{
    namespace n = xt::nflog;
    nft::Target t{"NFLOG", 0, Data(n::size, 0)};
    auto be = [](net::Bytes b) {
        uint32_t v = 0;
        for (std::byte x : b)
            v = (v << 8) | static_cast<uint8_t>(x);
        return v;
    };
    for (net::Attr a : net::Attrs(std::as_bytes(std::span(data)))) {
        auto v = a.payload();
        if (a.type() == NFTA_LOG_GROUP && v.size() == 2) {
            xt::put<uint16_t>(t.info, n::group, static_cast<uint16_t>(be(v)));
        } else if (a.type() == NFTA_LOG_QTHRESHOLD && v.size() == 2) {
            xt::put<uint16_t>(t.info, n::threshold, static_cast<uint16_t>(be(v)));
        } else if (a.type() == NFTA_LOG_SNAPLEN && v.size() == 4) {
            xt::put<uint32_t>(t.info, n::len, be(v));
            xt::put<uint16_t>(t.info, n::flags, n::f_copy_len);
        } else if (a.type() == NFTA_LOG_PREFIX) {
            std::string_view text = a.str().substr(0, n::prefix_size - 1);
            std::copy(text.begin(), text.end(), t.info.begin() + static_cast<long>(n::prefix));
        }
    }
    return t;
}

// -j TRACE as iptables-nft 1.8.9 writes it: the value 1 loaded into 32-bit
// register 9, then "meta set nftrace" from it. libnet models neither an
// immediate of data nor a meta set, so these are kept as their attribute
// bytes (NFTA_IMMEDIATE_DREG, NFTA_IMMEDIATE_DATA { NFTA_DATA_VALUE, one byte };
// NFTA_META_KEY, NFTA_META_SREG).
constexpr uint8_t trace_reg = NFT_REG32_01, meta_nftrace = NFT_META_NFTRACE;
nft::Expr trace_immediate()
{
    return nft::Unknown{"immediate", Data{8, 0, 1, 0, 0, 0, 0, trace_reg, 12, 0, 2, 0x80, 5, 0, 1, 0, 1, 0, 0, 0}};
}
nft::Expr trace_meta()
{
    return nft::Unknown{"meta", Data{8, 0, 2, 0, 0, 0, 0, meta_nftrace, 8, 0, 3, 0, 0, 0, 0, trace_reg}};
}

// The immediate as the kernel dumps it: its nest without NLA_F_NESTED.
bool is_trace_immediate(const nft::Expr& e)
{
    const auto* u = std::get_if<nft::Unknown>(&e);
    const nft::Expr want_expr = trace_immediate();
    const auto& want = std::get<nft::Unknown>(want_expr);
    if (!u || u->name != want.name || u->data.size() != want.data.size())
        return false;
    for (size_t i = 0; i < want.data.size(); ++i)
        if (u->data[i] != want.data[i] && !(i == 11 && u->data[i] == 0))
            return false;
    return true;
}

} // namespace

nft::Rule encode(const Rule& r, const std::string& table, const std::string& chain, int family)
{
    bool v6 = family == AF_INET6;
    nft::Rule out;
    out.table = table;
    out.chain = chain;
    auto& e = out.exprs;
    if (!r.in.name.empty())
        add_iface(e, NFT_META_IIFNAME, r.in);
    if (!r.out.name.empty())
        add_iface(e, NFT_META_OIFNAME, r.out);
    if (r.proto != 0 || r.proto_invert) {
        e.push_back(nft::Meta{NFT_META_L4PROTO, NFT_REG_1});
        e.push_back(nft::Cmp{NFT_REG_1, r.proto_invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ), Data{r.proto}});
    }
    if (r.src.set())
        add_addr(e, v6 ? ip6_saddr : ip_saddr, r.src);
    if (r.dst.set())
        add_addr(e, v6 ? ip6_daddr : ip_daddr, r.dst);
    if (r.frag) {
        // The 13 offset bits of frag_off: non-zero for -f, zero for "! -f".
        e.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, ip_frag_off, 2});
        e.push_back(nft::Bitwise{NFT_REG_1, NFT_REG_1, std::nullopt, 2, Data{0x1f, 0xff}, Data{0, 0}});
        e.push_back(nft::Cmp{NFT_REG_1, r.frag_invert ? uint32_t(NFT_CMP_EQ) : uint32_t(NFT_CMP_NEQ), Data{0, 0}});
    }
    size_t next_ext = 0;
    for (char m : r.match_order) {
        if (m == 'e' && next_ext < r.exts.size()) {
            add_ext(e, r.exts[next_ext++]);
        } else if (m == 'p' && r.l4match) {
            if (r.tcp_option || (!r.sport.set() && !r.dport.set() && !r.flags.set())) {
                e.push_back(xt_ports(r));
            } else {
                if (r.flags.set()) {
                    e.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_TRANSPORT_HEADER, 13, 1});
                    e.push_back(nft::Bitwise{NFT_REG_1, NFT_REG_1, std::nullopt, 1, Data{r.flags.mask}, Data{0}});
                    e.push_back(nft::Cmp{NFT_REG_1, r.flags.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ),
                                         Data{r.flags.cmp}});
                }
                if (r.sport.set())
                    add_port(e, l4_sport, r.sport);
                if (r.dport.set())
                    add_port(e, l4_dport, r.dport);
            }
        }
    }
    e.push_back(nft::Counter{r.bytes, r.packets});
    switch (r.verdict) {
    case Verdict::None: break;
    case Verdict::Accept: e.push_back(nft::Immediate{NFT_REG_VERDICT, NF_ACCEPT, {}}); break;
    case Verdict::Drop: e.push_back(nft::Immediate{NFT_REG_VERDICT, NF_DROP, {}}); break;
    case Verdict::Return: e.push_back(nft::Immediate{NFT_REG_VERDICT, NFT_RETURN, {}}); break;
    case Verdict::Jump: e.push_back(nft::Immediate{NFT_REG_VERDICT, NFT_JUMP, r.chain}); break;
    case Verdict::Goto: e.push_back(nft::Immediate{NFT_REG_VERDICT, NFT_GOTO, r.chain}); break;
    case Verdict::Xt:
        if (r.xt.name == "NFLOG")
            e.push_back(nflog_expr(r.xt.info));
        else
            e.push_back(r.xt);
        break;
    case Verdict::Trace:
        e.push_back(trace_immediate());
        e.push_back(trace_meta());
        break;
    }
    out.compat = nft::Compat{r.proto, r.proto_invert ? uint32_t(NFT_RULE_COMPAT_F_INV) : 0u};
    return out;
}

namespace {

uint32_t load_be(const Data& d)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i)
        v = (v << 8) | (i < d.size() ? d[i] : 0);
    return v;
}

// Reads a tcp/udp x_tables match back into the rule's port fields.
bool decode_xt_ports(Rule& r, const nft::Match& m)
{
    size_t need = m.name == "tcp" ? 12 : 9;
    if (m.info.size() < need || m.rev != 0)
        return false;
    auto get16 = [&](size_t off) {
        uint16_t v;
        std::memcpy(&v, m.info.data() + off, 2);
        return v;
    };
    uint8_t inv = m.info[m.name == "tcp" ? 11 : 8];
    if (m.name == "tcp") {
        if ((m.info[9] | m.info[10]) > 0x3f || (inv & ~0x0f))
            return false; // flags --tcp-flags has no name for
        r.tcp_option = m.info[8];
        r.tcp_option_invert = inv & xt_inv_option;
        r.flags = {m.info[9], m.info[10], bool(inv & xt_inv_flags)};
    } else if (inv & ~0x03) {
        return false;
    }
    r.l4match = m.name == "tcp" ? IPPROTO_TCP : IPPROTO_UDP;
    r.sport = {get16(0), get16(2), bool(inv & xt_inv_srcpt)};
    r.dport = {get16(4), get16(6), bool(inv & xt_inv_dstpt)};
    return true;
}

} // namespace

namespace {

// The expression kinds iptables-nft 1.8.9 accepts in a table it manages;
// any other kind makes it call the whole table incompatible.
bool iptables_expr_kind(const nft::Expr& e)
{
    if (const auto* l = std::get_if<nft::Limit>(&e))
        return l->type == NFT_LIMIT_PKTS && l->flags == 0;
    if (const auto* u = std::get_if<nft::Unknown>(&e)) {
        static constexpr std::string_view kinds[] = {"match",   "target",    "payload", "meta",  "cmp", "bitwise",
                                                     "counter", "immediate", "lookup",  "range", "log"};
        return std::find(std::begin(kinds), std::end(kinds), u->name) != std::end(kinds);
    }
    return true;
}

uint32_t load_host32(const Data& d)
{
    uint32_t v = 0;
    std::memcpy(&v, d.data(), std::min<size_t>(d.size(), 4));
    return v;
}

// x_tables matches nsbox decodes and prints, with the revision and info
// size iptables 1.8.9 uses.
struct KnownXt {
    std::string_view name;
    uint32_t rev;
    size_t size;
};
constexpr KnownXt known_matches[] = {
    {"comment", 0, 256}, {"conntrack", 3, 168}, {"multiport", 1, 48}, {"icmp", 0, 8}, {"icmp6", 0, 8}, {"addrtype", 1, 8}, {"connmark", 1, 16}, {"statistic", 0, 24},
    {"pkttype", 0, 8},   {"iprange", 1, 72},     {"mac", 0, 16},        {"length", 0, 8},
    {"tcpmss", 0, 8},    {"owner", 1, 24},
};
constexpr KnownXt known_targets[] = {
    {"MASQUERADE", 0, 24}, {"REJECT", 0, 8}, {"REDIRECT", 0, 24}, {"DNAT", 2, 48},
    {"SNAT", 0, 24},       {"LOG", 0, 32},   {"MARK", 2, 8}, {"CONNMARK", 2, 16},
    {"TCPMSS", 0, 8},      {"CT", 2, 72},
};
// The same for ip6tables: its NAT targets keep nf_nat_range (SNAT revision
// 1, MASQUERADE, REDIRECT) or nf_nat_range2 (DNAT).
constexpr KnownXt known_targets6[] = {
    {"MASQUERADE", 0, 40}, {"REJECT", 0, 8}, {"REDIRECT", 0, 40}, {"DNAT", 2, 48},
    {"SNAT", 1, 40},       {"LOG", 0, 32},   {"MARK", 2, 8},      {"CONNMARK", 2, 16},
    {"TCPMSS", 0, 8},      {"CT", 2, 72},
};
template <class T>
bool known(std::span<const KnownXt> table, const T& x)
{
    if (const ext::Extension* e = ext::find(x.name, std::is_same_v<T, nft::Target>))
        return e->rev == x.rev && e->size == x.info.size();
    return std::any_of(table.begin(), table.end(), [&](const KnownXt& k) {
        return k.rev == x.rev && k.size == x.info.size() && k.name == x.name;
    });
}

} // namespace

Rule decode(const nft::Rule& nr_in, int family)
{
    Rule r;
    const bool v6 = family == AF_INET6;
    r.src.v6 = r.dst.v6 = v6;
    // -j TRACE: the last two expressions, as encode() writes them.
    const nft::Rule* source = &nr_in;
    nft::Rule trimmed;
    if (size_t n = nr_in.exprs.size(); n >= 2 && is_trace_immediate(nr_in.exprs[n - 2]) && nr_in.exprs[n - 1] == trace_meta()) {
        trimmed = nr_in;
        trimmed.exprs.resize(n - 2);
        source = &trimmed;
        r.verdict = Verdict::Trace;
    }
    const nft::Rule& nr = *source;
    // What the last load put in register 1, waiting for its cmp/range.
    // (Plain flags rather than std::optional: GCC 12 misreads those here.)
    bool have_meta = false, have_payload = false, have_mask = false;
    nft::Meta meta{};
    nft::Payload payload{};
    Data mask;
    auto clear = [&] { have_meta = have_payload = have_mask = false; };
    auto unsupported = [&](std::string what) {
        if (!r.unsupported)
            r.unsupported_what = std::move(what);
        r.unsupported = true;
    };
    auto bad_expr = [&](const nft::Expr& e) {
        unsupported(fmt::format("expression `{}'", nft::expr_name(e)));
    };
    // Stores a port match read at `offset` of the transport header; false
    // when the rule's protocol has no ports there.
    auto l4 = [&]() {
        if (r.proto != IPPROTO_TCP && r.proto != IPPROTO_UDP)
            return false;
        r.l4match = r.proto;
        if (r.match_order.find('p') == std::string::npos)
            r.match_order.push_back('p');
        return true;
    };
    auto set_ports = [&](uint32_t offset, PortMatch pm) {
        if ((offset != l4_sport && offset != l4_dport) || !l4())
            return false;
        if (offset == l4_sport)
            r.sport = pm;
        else
            r.dport = pm;
        return true;
    };
    auto push_ext = [&](Ext x) {
        r.exts.push_back(std::move(x));
        r.match_order.push_back('e');
    };

    for (const nft::Expr& e : nr.exprs) {
        if (!iptables_expr_kind(e))
            r.incompatible = true;
        // An interface name loaded and compared with nothing ("-i +"):
        // any interface, read as no match at all, as iptables-nft reads it.
        if (have_meta && !have_mask && (meta.key == NFT_META_IIFNAME || meta.key == NFT_META_OIFNAME) &&
            !std::holds_alternative<nft::Cmp>(e) && !std::holds_alternative<nft::Bitwise>(e))
            clear();
        if (const auto* m = std::get_if<nft::Meta>(&e)) {
            clear();
            meta = *m;
            have_meta = true;
        } else if (const auto* p = std::get_if<nft::Payload>(&e)) {
            clear();
            payload = *p;
            have_payload = true;
        } else if (const auto* b = std::get_if<nft::Bitwise>(&e)) {
            bool zero_xor = std::all_of(b->xor_.begin(), b->xor_.end(), [](uint8_t x) { return x == 0; });
            if ((!have_payload && !have_meta) || have_mask || b->mask.size() != b->len || !zero_xor) {
                bad_expr(e);
            } else {
                mask = b->mask;
                have_mask = true;
            }
        } else if (const auto* c = std::get_if<nft::Cmp>(&e)) {
            bool inv = c->op == NFT_CMP_NEQ;
            bool ordered = c->op == NFT_CMP_LT || c->op == NFT_CMP_LTE || c->op == NFT_CMP_GT || c->op == NFT_CMP_GTE;
            bool transport = have_payload && payload.base == NFT_PAYLOAD_TRANSPORT_HEADER;
            if (ordered && transport && !have_mask && payload.len == 2 && c->data.size() == 2) {
                // How iptables-nft writes a port range starting or ending at
                // the edge: "<= N" is 0:N, "> N" is N+1:65535.
                auto port = static_cast<uint16_t>((c->data[0] << 8) | c->data[1]);
                PortMatch pm;
                switch (c->op) {
                case NFT_CMP_LT: pm.hi = static_cast<uint16_t>(port - 1); break;
                case NFT_CMP_LTE: pm.hi = port; break;
                case NFT_CMP_GT: pm.lo = static_cast<uint16_t>(port + 1); break;
                default: pm.lo = port; break;
                }
                if ((c->op == NFT_CMP_LT && port == 0) || (c->op == NFT_CMP_GT && port == 0xffff) ||
                    !set_ports(payload.offset, pm))
                    bad_expr(e);
            } else if (c->op != NFT_CMP_EQ && c->op != NFT_CMP_NEQ) {
                bad_expr(e);
            } else if (have_meta && !have_mask && (meta.key == NFT_META_IIFNAME || meta.key == NFT_META_OIFNAME)) {
                IfaceMatch& im = meta.key == NFT_META_IIFNAME ? r.in : r.out;
                const Data& d = c->data;
                auto nul = std::find(d.begin(), d.end(), uint8_t(0));
                im.name.assign(d.begin(), nul);
                if (nul == d.end())
                    im.name.push_back('+');
                im.invert = inv;
                if (!inv && nul != d.end() && im.name == no_iface)
                    im = IfaceMatch{"+", true}; // "! -i +"
            } else if (have_meta && !have_mask && meta.key == NFT_META_L4PROTO && c->data.size() == 1) {
                r.proto = c->data[0];
                r.proto_invert = inv;
            } else if (have_meta && meta.key == NFT_META_MARK && c->data.size() == 4 &&
                       (!have_mask || mask.size() == 4)) {
                Ext x;
                x.kind = Ext::Kind::Mark;
                x.mark = {load_host32(c->data), have_mask ? load_host32(mask) : ~0u, inv};
                push_ext(std::move(x));
            } else if (v6 && have_payload && payload.base == NFT_PAYLOAD_NETWORK_HEADER &&
                       (payload.offset == ip6_saddr || payload.offset == ip6_daddr) && payload.len >= 1 &&
                       payload.len <= 16 && c->data.size() == payload.len && (!have_mask || mask.size() == 16)) {
                AddrMatch& a = payload.offset == ip6_saddr ? r.src : r.dst;
                a.addr6 = {};
                a.mask6 = {};
                std::copy(c->data.begin(), c->data.end(), a.addr6.begin());
                if (have_mask)
                    std::copy(mask.begin(), mask.end(), a.mask6.begin());
                else
                    std::fill_n(a.mask6.begin(), payload.len, uint8_t(0xff));
                a.invert = inv;
            } else if (!v6 && have_payload && payload.base == NFT_PAYLOAD_NETWORK_HEADER && payload.offset == ip_frag_off &&
                       payload.len == 2 && have_mask && mask == Data{0x1f, 0xff} && c->data == Data{0, 0}) {
                r.frag = true;
                r.frag_invert = !inv;
            } else if (!v6 && have_payload && payload.base == NFT_PAYLOAD_NETWORK_HEADER &&
                       (payload.offset == ip_saddr || payload.offset == ip_daddr) && payload.len >= 1 &&
                       payload.len <= 4 && c->data.size() == payload.len && (!have_mask || mask.size() == 4)) {
                AddrMatch& a = payload.offset == ip_saddr ? r.src : r.dst;
                a.addr = load_be(c->data);
                a.mask = have_mask ? load_be(mask) : (payload.len == 4 ? ~0u : ~(~0u >> (payload.len * 8)));
                a.invert = inv;
            } else if (transport && have_mask && payload.offset == 13 && payload.len == 1 && mask.size() == 1 &&
                       c->data.size() == 1 && r.proto == IPPROTO_TCP && l4() && (mask[0] | c->data[0]) <= 0x3f) {
                // Only the six flags the tcp match names (ECE and CWR, which
                // nft can match, have no --tcp-flags spelling).
                r.flags = {mask[0], c->data[0], inv};
            } else if (transport && !have_mask && payload.len == 2 && c->data.size() == 2) {
                auto port = static_cast<uint16_t>((c->data[0] << 8) | c->data[1]);
                if (!set_ports(payload.offset, PortMatch{port, port, inv}))
                    bad_expr(e);
            } else {
                bad_expr(e);
            }
            clear();
        } else if (const auto* rg = std::get_if<nft::Range>(&e)) {
            bool ok = have_payload && !have_mask && payload.base == NFT_PAYLOAD_TRANSPORT_HEADER &&
                      payload.len == 2 && rg->from.size() == 2 && rg->to.size() == 2 &&
                      set_ports(payload.offset, PortMatch{static_cast<uint16_t>((rg->from[0] << 8) | rg->from[1]),
                                                          static_cast<uint16_t>((rg->to[0] << 8) | rg->to[1]),
                                                          rg->op == NFT_RANGE_NEQ});
            if (!ok)
                bad_expr(e);
            clear();
        } else if (const auto* k = std::get_if<nft::Counter>(&e)) {
            r.packets = k->packets;
            r.bytes = k->bytes;
        } else if (const auto* l = std::get_if<nft::Limit>(&e)) {
            if (l->type != NFT_LIMIT_PKTS || l->flags != 0 || l->rate == 0) {
                bad_expr(e);
            } else {
                Ext x;
                x.kind = Ext::Kind::Limit;
                x.limit = {static_cast<uint32_t>(limit_scale * l->unit / l->rate), l->burst};
                push_ext(std::move(x));
            }
        } else if (const auto* im = std::get_if<nft::Immediate>(&e)) {
            switch (im->verdict) {
            case NF_ACCEPT: r.verdict = Verdict::Accept; break;
            case NF_DROP: r.verdict = Verdict::Drop; break;
            case NFT_RETURN: r.verdict = Verdict::Return; break;
            case NFT_JUMP: r.verdict = Verdict::Jump; r.chain = im->chain; break;
            case NFT_GOTO: r.verdict = Verdict::Goto; r.chain = im->chain; break;
            default: bad_expr(e); break;
            }
        } else if (const auto* mt = std::get_if<nft::Match>(&e)) {
            if ((mt->name == "tcp" || mt->name == "udp") && decode_xt_ports(r, *mt)) {
                r.match_order.push_back('p');
            } else if (known(known_matches, *mt)) {
                Ext x;
                x.xt = *mt;
                // The kernel keeps its own state after the user part of
                // statistic (a pointer); iptables compares only the user part.
                if (mt->name == "statistic")
                    std::fill(x.xt.info.begin() + 16, x.xt.info.end(), 0);
                if (const ext::Extension* te = ext::find(mt->name, false))
                    std::fill(x.xt.info.begin() + static_cast<long>(te->user_size), x.xt.info.end(), 0);
                push_ext(std::move(x));
            } else {
                unsupported(fmt::format("match `{}' (revision {})", mt->name, mt->rev));
            }
        } else if (const auto* t = std::get_if<nft::Target>(&e)) {
            // (CONNMARK's bit shifts, CT's events, timeout policies and
            // zone directions are not modelled.)
            bool ct_more = t->name == "CT" && known(known_targets, *t) &&
                           ((xt::get<uint16_t>(t->info, xt::ct::flags) & ~(xt::ct::notrack | xt::ct::notrack_alias)) ||
                            xt::get<uint32_t>(t->info, xt::ct::ct_events) ||
                            xt::get<uint32_t>(t->info, xt::ct::exp_events) || t->info[xt::ct::timeout]);
            if (!known(v6 ? std::span<const KnownXt>(known_targets6) : std::span<const KnownXt>(known_targets), *t) ||
                (t->name == "CONNMARK" && (t->info[12] || t->info[13])) || ct_more)
                unsupported(fmt::format("target `{}' (revision {})", t->name, t->rev));
            r.verdict = Verdict::Xt;
            r.xt = *t;
            // The kernel's own state after CT's user part: not compared.
            if (t->name == "CT" && t->info.size() == xt::ct::size)
                std::fill(r.xt.info.begin() + xt::ct::user_part, r.xt.info.end(), 0);
        } else if (const auto* lg = std::get_if<nft::Unknown>(&e); lg && lg->name == "log") {
            r.verdict = Verdict::Xt;
            r.xt = nflog_target(lg->data);
        } else {
            bad_expr(e);
        }
    }
    if (have_meta || have_payload)
        unsupported("a load without a comparison");
    return r;
}

} // namespace nsbox::iptables
