#include "applets/iptables/codec.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <netinet/in.h>

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
    }
    return "";
}

namespace {

// Offsets in the IPv4 header and the tcp/udp header.
constexpr uint32_t ip_saddr = 12, ip_daddr = 16, l4_sport = 0, l4_dport = 2;

// x_tables' info layouts for the tcp and udp matches (struct xt_tcp,
// struct xt_udp, padded to XT_ALIGN): ports, then flags, in host order.
constexpr size_t xt_tcp_size = 16, xt_udp_size = 16;
constexpr uint8_t xt_inv_srcpt = 0x01, xt_inv_dstpt = 0x02;

Data be16_bytes(uint16_t v) { return {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)}; }

Data be32_bytes(uint32_t v)
{
    return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
            static_cast<uint8_t>(v)};
}

// A prefix length when `mask` is contiguous, else -1.
int prefix_len(uint32_t mask)
{
    int n = std::countl_one(mask);
    return (n == 32 || (mask << n) == 0) ? n : -1;
}

void add_iface(std::vector<nft::Expr>& out, uint32_t key, const IfaceMatch& m)
{
    out.push_back(nft::Meta{key, NFT_REG_1});
    Data d(m.name.begin(), m.name.end());
    if (!m.name.empty() && m.name.back() == '+')
        d.pop_back(); // prefix match: compare only the given bytes
    else
        d.push_back(0);
    out.push_back(nft::Cmp{NFT_REG_1, m.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ), std::move(d)});
}

void add_addr(std::vector<nft::Expr>& out, uint32_t offset, const AddrMatch& a)
{
    uint32_t op = a.invert ? NFT_CMP_NEQ : NFT_CMP_EQ;
    int plen = prefix_len(a.mask);
    Data addr = be32_bytes(a.addr & a.mask);
    if (plen > 0 && plen % 8 == 0) {
        auto len = static_cast<uint32_t>(plen / 8);
        out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, offset, len});
        addr.resize(len);
        out.push_back(nft::Cmp{NFT_REG_1, op, std::move(addr)});
        return;
    }
    out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_NETWORK_HEADER, offset, 4});
    out.push_back(nft::Bitwise{NFT_REG_1, NFT_REG_1, std::nullopt, 4, be32_bytes(a.mask), Data(4, 0)});
    out.push_back(nft::Cmp{NFT_REG_1, op, std::move(addr)});
}

void add_port(std::vector<nft::Expr>& out, uint32_t offset, const PortMatch& p)
{
    out.push_back(nft::Payload{NFT_REG_1, NFT_PAYLOAD_TRANSPORT_HEADER, offset, 2});
    if (p.lo == 0 && p.hi != p.lo) // 0:N is "<= N", and inverted "> N"
        out.push_back(nft::Cmp{NFT_REG_1, p.invert ? uint32_t(NFT_CMP_GT) : uint32_t(NFT_CMP_LTE), be16_bytes(p.hi)});
    else if (p.lo == p.hi)
        out.push_back(nft::Cmp{NFT_REG_1, p.invert ? uint32_t(NFT_CMP_NEQ) : uint32_t(NFT_CMP_EQ), be16_bytes(p.lo)});
    else
        out.push_back(nft::Range{NFT_REG_1, p.invert ? uint32_t(NFT_RANGE_NEQ) : uint32_t(NFT_RANGE_EQ),
                                 be16_bytes(p.lo), be16_bytes(p.hi)});
}

// struct xt_tcp / xt_udp for a tcp/udp match nf_tables cannot express natively
// (here: one with no port at all, as `-m tcp` alone gives).
nft::Match xt_ports(const Rule& r)
{
    Data info(r.l4match == IPPROTO_TCP ? xt_tcp_size : xt_udp_size, 0);
    auto put16 = [&](size_t off, uint16_t v) { std::memcpy(info.data() + off, &v, 2); };
    put16(0, r.sport.lo);
    put16(2, r.sport.hi);
    put16(4, r.dport.lo);
    put16(6, r.dport.hi);
    uint8_t inv = static_cast<uint8_t>((r.sport.invert ? xt_inv_srcpt : 0) | (r.dport.invert ? xt_inv_dstpt : 0));
    info[r.l4match == IPPROTO_TCP ? 11 : 8] = inv;
    return nft::Match{r.l4match == IPPROTO_TCP ? "tcp" : "udp", 0, std::move(info)};
}

constexpr size_t xt_comment_size = 256;

} // namespace

nft::Rule encode(const Rule& r, const std::string& table, const std::string& chain)
{
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
        add_addr(e, ip_saddr, r.src);
    if (r.dst.set())
        add_addr(e, ip_daddr, r.dst);
    for (char m : r.match_order) {
        if (m == 'p' && r.l4match) {
            if (!r.sport.set() && !r.dport.set()) {
                e.push_back(xt_ports(r));
            } else {
                if (r.sport.set())
                    add_port(e, l4_sport, r.sport);
                if (r.dport.set())
                    add_port(e, l4_dport, r.dport);
            }
        } else if (m == 'c' && r.comment) {
            Data info(xt_comment_size, 0);
            std::memcpy(info.data(), r.comment->data(), std::min(r.comment->size(), xt_comment_size - 1));
            e.push_back(nft::Match{"comment", 0, std::move(info)});
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
    case Verdict::Xt: e.push_back(r.xt); break;
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
    if (m.name == "tcp" && (m.info[8] || m.info[9] || m.info[10]))
        return false; // --tcp-option / --tcp-flags: not modelled
    r.l4match = m.name == "tcp" ? IPPROTO_TCP : IPPROTO_UDP;
    r.sport = {get16(0), get16(2), bool(inv & xt_inv_srcpt)};
    r.dport = {get16(4), get16(6), bool(inv & xt_inv_dstpt)};
    return true;
}

} // namespace

Rule decode(const nft::Rule& nr)
{
    Rule r;
    // What the last load put in register 1, waiting for its cmp/range.
    // (Plain flags rather than std::optional: GCC 12 misreads those here.)
    bool have_meta = false, have_payload = false, have_mask = false;
    nft::Meta meta{};
    nft::Payload payload{};
    uint32_t mask = 0;
    auto clear = [&] { have_meta = have_payload = have_mask = false; };
    // Stores a port match read at `offset` of the transport header; false
    // when the rule's protocol has no ports there.
    auto set_ports = [&](uint32_t offset, PortMatch pm) {
        if ((r.proto != IPPROTO_TCP && r.proto != IPPROTO_UDP) || (offset != l4_sport && offset != l4_dport))
            return false;
        r.l4match = r.proto;
        if (r.match_order.find('p') == std::string::npos)
            r.match_order.push_back('p');
        if (offset == l4_sport)
            r.sport = pm;
        else
            r.dport = pm;
        return true;
    };

    for (const nft::Expr& e : nr.exprs) {
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
            if (!have_payload || b->len != 4 || b->mask.size() != 4 || !zero_xor) {
                r.unsupported = true;
            } else {
                mask = load_be(b->mask);
                have_mask = true;
            }
        } else if (const auto* c = std::get_if<nft::Cmp>(&e)) {
            bool inv = c->op == NFT_CMP_NEQ;
            bool ordered = c->op == NFT_CMP_LT || c->op == NFT_CMP_LTE || c->op == NFT_CMP_GT || c->op == NFT_CMP_GTE;
            if (ordered && have_payload && payload.base == NFT_PAYLOAD_TRANSPORT_HEADER && payload.len == 2 &&
                c->data.size() == 2) {
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
                    r.unsupported = true;
            } else if (c->op != NFT_CMP_EQ && c->op != NFT_CMP_NEQ) {
                r.unsupported = true;
            } else if (have_meta && (meta.key == NFT_META_IIFNAME || meta.key == NFT_META_OIFNAME)) {
                IfaceMatch& im = meta.key == NFT_META_IIFNAME ? r.in : r.out;
                const Data& d = c->data;
                auto nul = std::find(d.begin(), d.end(), uint8_t(0));
                im.name.assign(d.begin(), nul);
                if (nul == d.end())
                    im.name.push_back('+');
                im.invert = inv;
            } else if (have_meta && meta.key == NFT_META_L4PROTO && c->data.size() == 1) {
                r.proto = c->data[0];
                r.proto_invert = inv;
            } else if (have_payload && payload.base == NFT_PAYLOAD_NETWORK_HEADER &&
                       (payload.offset == ip_saddr || payload.offset == ip_daddr) && payload.len >= 1 &&
                       payload.len <= 4 && c->data.size() == payload.len) {
                AddrMatch& a = payload.offset == ip_saddr ? r.src : r.dst;
                a.addr = load_be(c->data);
                a.mask = have_mask ? mask : (payload.len == 4 ? ~0u : ~(~0u >> (payload.len * 8)));
                a.invert = inv;
            } else if (have_payload && payload.base == NFT_PAYLOAD_TRANSPORT_HEADER && payload.len == 2 &&
                       c->data.size() == 2) {
                auto port = static_cast<uint16_t>((c->data[0] << 8) | c->data[1]);
                if (!set_ports(payload.offset, PortMatch{port, port, inv}))
                    r.unsupported = true;
            } else {
                r.unsupported = true;
            }
            clear();
        } else if (const auto* rg = std::get_if<nft::Range>(&e)) {
            bool ok = have_payload && payload.base == NFT_PAYLOAD_TRANSPORT_HEADER && payload.len == 2 &&
                      rg->from.size() == 2 && rg->to.size() == 2 &&
                      set_ports(payload.offset, PortMatch{static_cast<uint16_t>((rg->from[0] << 8) | rg->from[1]),
                                                          static_cast<uint16_t>((rg->to[0] << 8) | rg->to[1]),
                                                          rg->op == NFT_RANGE_NEQ});
            if (!ok)
                r.unsupported = true;
            clear();
        } else if (const auto* k = std::get_if<nft::Counter>(&e)) {
            r.packets = k->packets;
            r.bytes = k->bytes;
        } else if (const auto* im = std::get_if<nft::Immediate>(&e)) {
            switch (im->verdict) {
            case NF_ACCEPT: r.verdict = Verdict::Accept; break;
            case NF_DROP: r.verdict = Verdict::Drop; break;
            case NFT_RETURN: r.verdict = Verdict::Return; break;
            case NFT_JUMP: r.verdict = Verdict::Jump; r.chain = im->chain; break;
            case NFT_GOTO: r.verdict = Verdict::Goto; r.chain = im->chain; break;
            default: r.unsupported = true; break;
            }
        } else if (const auto* mt = std::get_if<nft::Match>(&e)) {
            if (mt->name == "comment" && mt->rev == 0) {
                const Data& d = mt->info;
                r.comment = std::string(d.begin(), std::find(d.begin(), d.end(), uint8_t(0)));
                r.match_order.push_back('c');
            } else if ((mt->name == "tcp" || mt->name == "udp") && decode_xt_ports(r, *mt)) {
                r.match_order.push_back('p');
            } else {
                r.unsupported = true;
            }
        } else if (const auto* t = std::get_if<nft::Target>(&e)) {
            r.verdict = Verdict::Xt;
            r.xt = *t;
        } else {
            r.unsupported = true;
        }
    }
    return r;
}

} // namespace nsbox::iptables
