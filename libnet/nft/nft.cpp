#include "libnet/nft/nft.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

#include <linux/netfilter/nf_tables_compat.h>

namespace nsbox::net::nft {

namespace {

// Whether `s` is the literal `lit`: the length compared in place, memcmp only
// when it agrees (this file is built with -Os, where == on string_views is a
// call, once per expression name of every rule listed).
template <size_t N>
bool is(std::string_view s, const char (&lit)[N])
{
    return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

nfgenmsg genmsg(uint8_t family, uint16_t res_id = 0)
{
    nfgenmsg g{};
    g.nfgen_family = family;
    g.version = NFNETLINK_V0;
    g.res_id = htons(res_id);
    return g;
}

Bytes bytes_of(const Data& d) { return {reinterpret_cast<const std::byte*>(d.data()), d.size()}; }

Data data_of(Bytes b)
{
    const auto* p = reinterpret_cast<const uint8_t*>(b.data());
    return Data(p, p + b.size());
}

// NFTA_DATA_VALUE inside a nest of type `type`.
void put_value(Message& m, uint16_t type, const Data& d)
{
    auto n = m.nest(type);
    m.put(NFTA_DATA_VALUE, bytes_of(d));
}

uint32_t be32(const Attr& a)
{
    auto v = a.as<uint32_t>();
    if (!v)
        throw Malformed("nf_tables attribute is not 32 bits");
    return ntohl(*v);
}

uint64_t be64(const Attr& a)
{
    auto v = a.as<uint64_t>();
    if (!v)
        throw Malformed("nf_tables attribute is not 64 bits");
    return be64toh(*v);
}

const Attr& need(const AttrTable& t, uint16_t type, const char* what)
{
    const Attr* a = t.get(type);
    if (!a)
        throw Malformed(std::string("nf_tables expression lacks ") + what);
    return *a;
}

uint32_t need32(const AttrTable& t, uint16_t type, const char* what) { return be32(need(t, type, what)); }

// The NFTA_DATA_VALUE inside a data nest.
Data need_value(const AttrTable& t, uint16_t type, const char* what)
{
    AttrTable inner(need(t, type, what).nested(), NFTA_DATA_MAX);
    const Attr* v = inner.get(NFTA_DATA_VALUE);
    if (!v)
        throw Malformed(std::string("nf_tables expression data lacks a value: ") + what);
    return data_of(v->payload());
}

// -- encoding, one function per kind, attribute order as libnftnl ------------

void encode(Message& m, const Payload& e)
{
    m.put_be32(NFTA_PAYLOAD_DREG, e.dreg);
    m.put_be32(NFTA_PAYLOAD_BASE, e.base);
    m.put_be32(NFTA_PAYLOAD_OFFSET, e.offset);
    m.put_be32(NFTA_PAYLOAD_LEN, e.len);
}

void encode(Message& m, const Meta& e)
{
    m.put_be32(NFTA_META_KEY, e.key);
    m.put_be32(NFTA_META_DREG, e.dreg);
}

void encode(Message& m, const Cmp& e)
{
    m.put_be32(NFTA_CMP_SREG, e.sreg);
    m.put_be32(NFTA_CMP_OP, e.op);
    put_value(m, NFTA_CMP_DATA, e.data);
}

void encode(Message& m, const Bitwise& e)
{
    m.put_be32(NFTA_BITWISE_SREG, e.sreg);
    m.put_be32(NFTA_BITWISE_DREG, e.dreg);
    if (e.op)
        m.put_be32(NFTA_BITWISE_OP, *e.op);
    m.put_be32(NFTA_BITWISE_LEN, e.len);
    put_value(m, NFTA_BITWISE_MASK, e.mask);
    put_value(m, NFTA_BITWISE_XOR, e.xor_);
}

void encode(Message& m, const Range& e)
{
    m.put_be32(NFTA_RANGE_SREG, e.sreg);
    m.put_be32(NFTA_RANGE_OP, e.op);
    put_value(m, NFTA_RANGE_FROM_DATA, e.from);
    put_value(m, NFTA_RANGE_TO_DATA, e.to);
}

void encode(Message& m, const Counter& e)
{
    m.put_be64(NFTA_COUNTER_BYTES, e.bytes);
    m.put_be64(NFTA_COUNTER_PACKETS, e.packets);
}

void encode(Message& m, const Limit& e)
{
    m.put_be64(NFTA_LIMIT_RATE, e.rate);
    m.put_be64(NFTA_LIMIT_UNIT, e.unit);
    m.put_be32(NFTA_LIMIT_BURST, e.burst);
    m.put_be32(NFTA_LIMIT_TYPE, e.type);
    m.put_be32(NFTA_LIMIT_FLAGS, e.flags);
}

void encode(Message& m, const Immediate& e)
{
    m.put_be32(NFTA_IMMEDIATE_DREG, e.dreg);
    auto data = m.nest(NFTA_IMMEDIATE_DATA);
    auto verdict = m.nest(NFTA_DATA_VERDICT);
    m.put_be32(NFTA_VERDICT_CODE, static_cast<uint32_t>(e.verdict));
    if (!e.chain.empty())
        m.put_str(NFTA_VERDICT_CHAIN, e.chain);
}

void encode(Message& m, const Match& e)
{
    m.put_str(NFTA_MATCH_NAME, e.name);
    m.put_be32(NFTA_MATCH_REV, e.rev);
    m.put(NFTA_MATCH_INFO, bytes_of(e.info));
}

void encode(Message& m, const Target& e)
{
    m.put_str(NFTA_TARGET_NAME, e.name);
    m.put_be32(NFTA_TARGET_REV, e.rev);
    m.put(NFTA_TARGET_INFO, bytes_of(e.info));
}

// -- decoding ------------------------------------------------------------------

Expr decode(std::string_view name, const Attr* data_attr)
{
    Attrs data = data_attr ? data_attr->nested() : Attrs();
    if (is(name, "payload")) {
        AttrTable t(data, NFTA_PAYLOAD_MAX);
        return Payload{need32(t, NFTA_PAYLOAD_DREG, "payload dreg"), need32(t, NFTA_PAYLOAD_BASE, "payload base"),
                       need32(t, NFTA_PAYLOAD_OFFSET, "payload offset"), need32(t, NFTA_PAYLOAD_LEN, "payload len")};
    }
    if (is(name, "meta")) {
        AttrTable t(data, NFTA_META_MAX);
        if (!t.has(NFTA_META_DREG)) // a meta set: not something nsbox models
            return Unknown{std::string(name), data_of(data.bytes())};
        return Meta{need32(t, NFTA_META_KEY, "meta key"), need32(t, NFTA_META_DREG, "meta dreg")};
    }
    if (is(name, "cmp")) {
        AttrTable t(data, NFTA_CMP_MAX);
        return Cmp{need32(t, NFTA_CMP_SREG, "cmp sreg"), need32(t, NFTA_CMP_OP, "cmp op"),
                   need_value(t, NFTA_CMP_DATA, "cmp data")};
    }
    if (is(name, "bitwise")) {
        AttrTable t(data, NFTA_BITWISE_MAX);
        Bitwise b;
        b.sreg = need32(t, NFTA_BITWISE_SREG, "bitwise sreg");
        b.dreg = need32(t, NFTA_BITWISE_DREG, "bitwise dreg");
        if (const Attr* op = t.get(NFTA_BITWISE_OP)) {
            b.op = be32(*op);
            if (*b.op != NFT_BITWISE_BOOL)
                return Unknown{std::string(name), data_of(data.bytes())};
        }
        b.len = need32(t, NFTA_BITWISE_LEN, "bitwise len");
        b.mask = need_value(t, NFTA_BITWISE_MASK, "bitwise mask");
        b.xor_ = need_value(t, NFTA_BITWISE_XOR, "bitwise xor");
        return b;
    }
    if (is(name, "range")) {
        AttrTable t(data, NFTA_RANGE_MAX);
        return Range{need32(t, NFTA_RANGE_SREG, "range sreg"), need32(t, NFTA_RANGE_OP, "range op"),
                     need_value(t, NFTA_RANGE_FROM_DATA, "range from"),
                     need_value(t, NFTA_RANGE_TO_DATA, "range to")};
    }
    if (is(name, "counter")) {
        AttrTable t(data, NFTA_COUNTER_MAX);
        Counter c;
        if (const Attr* a = t.get(NFTA_COUNTER_BYTES))
            c.bytes = be64(*a);
        if (const Attr* a = t.get(NFTA_COUNTER_PACKETS))
            c.packets = be64(*a);
        return c;
    }
    if (is(name, "limit")) {
        AttrTable t(data, NFTA_LIMIT_MAX);
        Limit l;
        l.rate = be64(need(t, NFTA_LIMIT_RATE, "limit rate"));
        l.unit = be64(need(t, NFTA_LIMIT_UNIT, "limit unit"));
        if (const Attr* a = t.get(NFTA_LIMIT_BURST))
            l.burst = be32(*a);
        if (const Attr* a = t.get(NFTA_LIMIT_TYPE))
            l.type = be32(*a);
        if (const Attr* a = t.get(NFTA_LIMIT_FLAGS))
            l.flags = be32(*a);
        return l;
    }
    if (is(name, "immediate")) {
        AttrTable t(data, NFTA_IMMEDIATE_MAX);
        uint32_t dreg = need32(t, NFTA_IMMEDIATE_DREG, "immediate dreg");
        AttrTable d(need(t, NFTA_IMMEDIATE_DATA, "immediate data").nested(), NFTA_DATA_MAX);
        if (dreg != NFT_REG_VERDICT || !d.has(NFTA_DATA_VERDICT))
            return Unknown{std::string(name), data_of(data.bytes())};
        AttrTable v = d.nested(NFTA_DATA_VERDICT, NFTA_VERDICT_MAX);
        Immediate im;
        im.dreg = dreg;
        im.verdict = static_cast<int32_t>(need32(v, NFTA_VERDICT_CODE, "verdict code"));
        if (auto chain = v.str(NFTA_VERDICT_CHAIN))
            im.chain = std::string(*chain);
        return im;
    }
    if (is(name, "match") || is(name, "target")) {
        // NFTA_MATCH_* and NFTA_TARGET_* share their numbers.
        AttrTable t(data, NFTA_MATCH_MAX);
        std::string n(need(t, NFTA_MATCH_NAME, "xt name").str());
        uint32_t rev = need32(t, NFTA_MATCH_REV, "xt revision");
        Data info = data_of(need(t, NFTA_MATCH_INFO, "xt info").payload());
        if (is(name, "match"))
            return Match{std::move(n), rev, std::move(info)};
        return Target{std::move(n), rev, std::move(info)};
    }
    return Unknown{std::string(name), data_of(data.bytes())};
}

} // namespace

std::string_view expr_name(const Expr& e)
{
    struct {
        std::string_view operator()(const Payload&) const { return "payload"; }
        std::string_view operator()(const Meta&) const { return "meta"; }
        std::string_view operator()(const Cmp&) const { return "cmp"; }
        std::string_view operator()(const Bitwise&) const { return "bitwise"; }
        std::string_view operator()(const Range&) const { return "range"; }
        std::string_view operator()(const Counter&) const { return "counter"; }
        std::string_view operator()(const Limit&) const { return "limit"; }
        std::string_view operator()(const Immediate&) const { return "immediate"; }
        std::string_view operator()(const Match&) const { return "match"; }
        std::string_view operator()(const Target&) const { return "target"; }
        std::string_view operator()(const Unknown& u) const { return u.name; }
    } name;
    return std::visit(name, e);
}

void put_expressions(Message& m, std::span<const Expr> exprs)
{
    auto list = m.nest(NFTA_RULE_EXPRESSIONS);
    for (const Expr& e : exprs) {
        auto elem = m.nest(NFTA_LIST_ELEM);
        m.put_str(NFTA_EXPR_NAME, expr_name(e));
        if (const auto* u = std::get_if<Unknown>(&e)) {
            m.put(static_cast<uint16_t>(NFTA_EXPR_DATA | NLA_F_NESTED), bytes_of(u->data));
            continue;
        }
        auto data = m.nest(NFTA_EXPR_DATA);
        std::visit([&](const auto& x) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(x)>, Unknown>)
                encode(m, x);
        }, e);
    }
}

std::vector<Expr> parse_expressions(Attrs list)
{
    std::vector<Expr> out;
    size_t n = 0;
    for (Attr elem : list) // (room once: a rule has a dozen expressions, each moved at every growth)
        n += elem.type() == NFTA_LIST_ELEM;
    out.reserve(n);
    for (Attr elem : list) {
        if (elem.type() != NFTA_LIST_ELEM)
            continue;
        AttrTable t(elem.nested(), NFTA_EXPR_MAX);
        auto name = t.str(NFTA_EXPR_NAME);
        if (!name)
            throw Malformed("nf_tables expression without a name");
        out.push_back(decode(*name, t.get(NFTA_EXPR_DATA)));
    }
    return out;
}

// ---------------------------------------------------------------------------
// Objects

Message table_message(uint16_t nft_msg, uint16_t flags, uint8_t family, std::string_view name)
{
    Message m(msg_type(nft_msg), static_cast<uint16_t>(NLM_F_REQUEST | flags), genmsg(family));
    if (!name.empty())
        m.put_str(NFTA_TABLE_NAME, name);
    return m;
}

Message chain_message(uint16_t nft_msg, uint16_t flags, uint8_t family, const Chain& c)
{
    Message m(msg_type(nft_msg), static_cast<uint16_t>(NLM_F_REQUEST | flags), genmsg(family));
    if (!c.table.empty())
        m.put_str(NFTA_CHAIN_TABLE, c.table);
    if (!c.name.empty())
        m.put_str(NFTA_CHAIN_NAME, c.name);
    if (c.hook) {
        auto hook = m.nest(NFTA_CHAIN_HOOK);
        m.put_be32(NFTA_HOOK_HOOKNUM, c.hook->num);
        m.put_be32(NFTA_HOOK_PRIORITY, static_cast<uint32_t>(c.hook->priority));
    }
    if (c.policy)
        m.put_be32(NFTA_CHAIN_POLICY, *c.policy);
    if (c.use)
        m.put_be32(NFTA_CHAIN_USE, *c.use);
    if (c.counters) {
        auto counters = m.nest(NFTA_CHAIN_COUNTERS);
        m.put_be64(NFTA_COUNTER_PACKETS, c.counters->packets);
        m.put_be64(NFTA_COUNTER_BYTES, c.counters->bytes);
    }
    if (c.handle)
        m.put_be64(NFTA_CHAIN_HANDLE, *c.handle);
    if (!c.type.empty())
        m.put_str(NFTA_CHAIN_TYPE, c.type);
    if (c.flags)
        m.put_be32(NFTA_CHAIN_FLAGS, *c.flags);
    return m;
}

Message rule_message(uint16_t nft_msg, uint16_t flags, uint8_t family, const Rule& r)
{
    Message m(msg_type(nft_msg), static_cast<uint16_t>(NLM_F_REQUEST | flags), genmsg(family));
    if (!r.table.empty())
        m.put_str(NFTA_RULE_TABLE, r.table);
    if (!r.chain.empty())
        m.put_str(NFTA_RULE_CHAIN, r.chain);
    if (r.handle)
        m.put_be64(NFTA_RULE_HANDLE, *r.handle);
    if (r.position)
        m.put_be64(NFTA_RULE_POSITION, *r.position);
    if (r.userdata)
        m.put(NFTA_RULE_USERDATA, bytes_of(*r.userdata));
    if (!r.exprs.empty())
        put_expressions(m, r.exprs);
    if (r.compat) {
        auto compat = m.nest(NFTA_RULE_COMPAT);
        m.put_be32(NFTA_RULE_COMPAT_PROTO, r.compat->proto);
        m.put_be32(NFTA_RULE_COMPAT_FLAGS, r.compat->flags);
    }
    if (r.id)
        m.put_be32(NFTA_RULE_ID, *r.id);
    if (r.position_id)
        m.put_be32(NFTA_RULE_POSITION_ID, *r.position_id);
    return m;
}

Table parse_table(const Msg& m)
{
    AttrTable t(m.attrs<nfgenmsg>(), NFTA_TABLE_MAX);
    Table out;
    if (auto n = t.str(NFTA_TABLE_NAME))
        out.name = std::string(*n);
    if (const Attr* a = t.get(NFTA_TABLE_FLAGS))
        out.flags = be32(*a);
    if (const Attr* a = t.get(NFTA_TABLE_USE))
        out.use = be32(*a);
    if (const Attr* a = t.get(NFTA_TABLE_HANDLE))
        out.handle = be64(*a);
    return out;
}

Chain parse_chain(const Msg& m)
{
    AttrTable t(m.attrs<nfgenmsg>(), NFTA_CHAIN_MAX);
    Chain c;
    if (auto s = t.str(NFTA_CHAIN_TABLE))
        c.table = std::string(*s);
    if (auto s = t.str(NFTA_CHAIN_NAME))
        c.name = std::string(*s);
    if (const Attr* a = t.get(NFTA_CHAIN_HANDLE))
        c.handle = be64(*a);
    if (t.has(NFTA_CHAIN_HOOK)) {
        AttrTable h = t.nested(NFTA_CHAIN_HOOK, NFTA_HOOK_MAX);
        Hook hook;
        if (const Attr* a = h.get(NFTA_HOOK_HOOKNUM))
            hook.num = be32(*a);
        if (const Attr* a = h.get(NFTA_HOOK_PRIORITY))
            hook.priority = static_cast<int32_t>(be32(*a));
        c.hook = hook;
    }
    if (const Attr* a = t.get(NFTA_CHAIN_POLICY))
        c.policy = be32(*a);
    if (const Attr* a = t.get(NFTA_CHAIN_USE))
        c.use = be32(*a);
    if (auto s = t.str(NFTA_CHAIN_TYPE))
        c.type = std::string(*s);
    if (t.has(NFTA_CHAIN_COUNTERS)) {
        AttrTable k = t.nested(NFTA_CHAIN_COUNTERS, NFTA_COUNTER_MAX);
        Counter ctr;
        if (const Attr* a = k.get(NFTA_COUNTER_BYTES))
            ctr.bytes = be64(*a);
        if (const Attr* a = k.get(NFTA_COUNTER_PACKETS))
            ctr.packets = be64(*a);
        c.counters = ctr;
    }
    if (const Attr* a = t.get(NFTA_CHAIN_FLAGS))
        c.flags = be32(*a);
    return c;
}

Rule parse_rule(const Msg& m)
{
    AttrTable t(m.attrs<nfgenmsg>(), NFTA_RULE_MAX);
    Rule r;
    if (auto s = t.str(NFTA_RULE_TABLE))
        r.table = std::string(*s);
    if (auto s = t.str(NFTA_RULE_CHAIN))
        r.chain = std::string(*s);
    if (const Attr* a = t.get(NFTA_RULE_HANDLE))
        r.handle = be64(*a);
    if (const Attr* a = t.get(NFTA_RULE_POSITION))
        r.position = be64(*a);
    if (const Attr* a = t.get(NFTA_RULE_ID))
        r.id = be32(*a);
    if (const Attr* a = t.get(NFTA_RULE_POSITION_ID))
        r.position_id = be32(*a);
    if (const Attr* a = t.get(NFTA_RULE_USERDATA))
        r.userdata = data_of(a->payload());
    if (const Attr* a = t.get(NFTA_RULE_EXPRESSIONS))
        r.exprs = parse_expressions(a->nested());
    if (t.has(NFTA_RULE_COMPAT)) {
        AttrTable c = t.nested(NFTA_RULE_COMPAT, NFTA_RULE_COMPAT_MAX);
        Compat compat;
        if (const Attr* a = c.get(NFTA_RULE_COMPAT_PROTO))
            compat.proto = be32(*a);
        if (const Attr* a = c.get(NFTA_RULE_COMPAT_FLAGS))
            compat.flags = be32(*a);
        r.compat = compat;
    }
    return r;
}

// ---------------------------------------------------------------------------
// Reading the kernel's state

uint32_t generation(Socket& s)
{
    Message m(msg_type(NFT_MSG_GETGEN), NLM_F_REQUEST, genmsg(AF_UNSPEC));
    auto reply = s.query(m);
    for (const Msg& r : split_messages(reply)) {
        if (r.type() != msg_type(NFT_MSG_NEWGEN))
            continue;
        AttrTable t(r.attrs<nfgenmsg>(), NFTA_GEN_MAX);
        if (const Attr* a = t.get(NFTA_GEN_ID))
            return be32(*a);
    }
    throw Malformed("nf_tables generation reply without an id");
}

std::vector<Table> dump_tables(Socket& s, uint8_t family)
{
    Message m(msg_type(NFT_MSG_GETTABLE), NLM_F_REQUEST, genmsg(family));
    auto buf = s.dump(m);
    std::vector<Table> out;
    for (const Msg& r : split_messages(buf))
        if (r.type() == msg_type(NFT_MSG_NEWTABLE))
            out.push_back(parse_table(r));
    return out;
}

std::vector<Chain> dump_chains(Socket& s, uint8_t family, std::string_view table)
{
    Message m(msg_type(NFT_MSG_GETCHAIN), NLM_F_REQUEST, genmsg(family));
    if (!table.empty())
        m.put_str(NFTA_CHAIN_TABLE, table);
    auto buf = s.dump(m);
    std::vector<Chain> out;
    for (const Msg& r : split_messages(buf)) {
        if (r.type() != msg_type(NFT_MSG_NEWCHAIN))
            continue;
        Chain c = parse_chain(r);
        if (table.empty() || c.table == table)
            out.push_back(std::move(c));
    }
    return out;
}

std::optional<Chain> get_chain(Socket& s, uint8_t family, std::string_view table, std::string_view chain)
{
    Message m(msg_type(NFT_MSG_GETCHAIN), NLM_F_REQUEST, genmsg(family));
    m.put_str(NFTA_CHAIN_TABLE, table);
    m.put_str(NFTA_CHAIN_NAME, chain);
    std::vector<std::byte> reply;
    try {
        reply = s.query(m);
    } catch (const Error& e) {
        if (e.code() == ENOENT)
            return std::nullopt;
        throw;
    }
    for (const Msg& r : split_messages(reply))
        if (r.type() == msg_type(NFT_MSG_NEWCHAIN))
            return parse_chain(r);
    return std::nullopt;
}

void each_rule(Socket& s, uint8_t family, std::string_view table, std::string_view chain,
               const std::function<void(Rule&&)>& each)
{
    Message m(msg_type(NFT_MSG_GETRULE), NLM_F_REQUEST, genmsg(family));
    if (!table.empty())
        m.put_str(NFTA_RULE_TABLE, table);
    if (!chain.empty())
        m.put_str(NFTA_RULE_CHAIN, chain);
    s.dump_each(m, [&](const Msg& r) {
        if (r.type() == msg_type(NFT_MSG_NEWRULE))
            each(parse_rule(r));
    });
}

std::vector<Rule> dump_rules(Socket& s, uint8_t family, std::string_view table, std::string_view chain)
{
    std::vector<Rule> out;
    each_rule(s, family, table, chain, [&](Rule&& r) { out.push_back(std::move(r)); });
    return out;
}

// ---------------------------------------------------------------------------
// Transactions

Transaction::Transaction(uint32_t genid)
{
    b_.start_at(1);
    Message begin(NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, genmsg(AF_UNSPEC, NFNL_SUBSYS_NFTABLES));
    begin.put_be32(NFNL_BATCH_GENID, genid);
    b_.add(begin);
}

size_t Transaction::add(Message& m)
{
    at_.push_back(static_cast<uint32_t>(b_.size()));
    b_.add(m);
    return at_.size() - 1;
}

Msg Transaction::message(size_t i) const
{
    Bytes all = b_.bytes();
    const auto* h = reinterpret_cast<const nlmsghdr*>(all.data() + at_[i]);
    return Msg(*h, all.subspan(at_[i] + NLMSG_HDRLEN, h->nlmsg_len - NLMSG_HDRLEN));
}

void Transaction::replace(size_t i, Message& m)
{
    auto* h = reinterpret_cast<nlmsghdr*>(b_.data_at(at_[i]));
    if (m.size() != h->nlmsg_len)
        throw std::logic_error("nft::Transaction::replace: another length");
    m.set_seq(h->nlmsg_seq);
    std::memcpy(h, m.bytes().data(), m.size());
}

Batch& Transaction::finish()
{
    if (!ended_) {
        Message end(NFNL_MSG_BATCH_END, NLM_F_REQUEST, genmsg(AF_UNSPEC, NFNL_SUBSYS_NFTABLES));
        b_.add(end);
        ended_ = true;
    }
    return b_;
}

namespace {

Transaction make_transaction(uint32_t genid, std::vector<Message>& msgs)
{
    Transaction t(genid);
    for (Message& m : msgs)
        t.add(m);
    return t;
}

} // namespace

std::vector<std::byte> batch_bytes(uint32_t genid, std::vector<Message>& msgs)
{
    Transaction t = make_transaction(genid, msgs);
    Bytes bytes = t.finish().bytes();
    return {bytes.begin(), bytes.end()};
}

std::optional<Refusal> commit(Socket& s, uint32_t genid, std::vector<Message>& msgs)
{
    Transaction t = make_transaction(genid, msgs);
    return commit(s, genid, t);
}

std::optional<Refusal> commit(Socket& s, uint32_t, Transaction& t)
{
    std::optional<Refusal> first;
    for (const Ack& a : s.send_batch(t.finish())) {
        if (a.error == 0)
            continue;
        if (first && static_cast<int>(a.seq) - 2 >= first->index)
            continue;
        first = Refusal{static_cast<int>(a.seq) - 2, a.error, a.extack};
    }
    if (first && first->index >= static_cast<int>(t.size()))
        first->index = -1; // BATCH_END
    return first;
}

} // namespace nsbox::net::nft
