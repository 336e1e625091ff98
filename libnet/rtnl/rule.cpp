#include "libnet/rtnl/rule.hpp"

#include <algorithm>
#include <array>

namespace nsbox::net::rtnl {

namespace {

std::optional<IpAddress> get_addr(const AttrTable& t, uint16_t type, int family)
{
    const Attr* a = t.get(type);
    return a ? IpAddress::from(family, a->payload()) : std::nullopt;
}

std::optional<std::string> get_str(const AttrTable& t, uint16_t type)
{
    auto s = t.str(type);
    return s ? std::optional<std::string>(std::string(*s)) : std::nullopt;
}

uint64_t swap64(uint64_t v)
{
    uint64_t out = 0;
    for (int i = 0; i < 8; ++i) {
        out = (out << 8) | (v & 0xff);
        v >>= 8;
    }
    return out;
}

// Writes attribute `type` of `r` if present.
void put_one(Message& m, const Rule& r, uint16_t type)
{
    auto addr = [&](const std::optional<IpAddress>& a) {
        if (a)
            m.put(type, a->span());
    };
    auto u32 = [&](const std::optional<uint32_t>& v) {
        if (v)
            m.put_u32(type, *v);
    };
    auto u8 = [&](const std::optional<uint8_t>& v) {
        if (v)
            m.put_u8(type, *v);
    };
    auto str = [&](const std::optional<std::string>& s) {
        if (s)
            m.put_str(type, *s);
    };
    switch (type) {
    case FRA_DST: addr(r.dst); break;
    case FRA_SRC: addr(r.src); break;
    case FRA_IIFNAME: str(r.iifname); break;
    case FRA_OIFNAME: str(r.oifname); break;
    case FRA_GOTO: u32(r.goto_target); break;
    case FRA_PRIORITY: u32(r.priority); break;
    case FRA_FWMARK: u32(r.fwmark); break;
    case FRA_FWMASK: u32(r.fwmask); break;
    case FRA_FLOW: u32(r.flow); break;
    case FRA_TUN_ID:
        if (r.tun_id)
            m.put_be64(type, *r.tun_id);
        break;
    case FRA_SUPPRESS_IFGROUP: u32(r.suppress_ifgroup); break;
    case FRA_SUPPRESS_PREFIXLEN: u32(r.suppress_prefixlen); break;
    case FRA_TABLE: u32(r.table_attr); break;
    case FRA_L3MDEV: u8(r.l3mdev); break;
    case FRA_UID_RANGE:
        if (r.uid_range) {
            fib_rule_uid_range u{r.uid_range->start, r.uid_range->end};
            m.put(type, u);
        }
        break;
    case FRA_PROTOCOL: u8(r.protocol); break;
    case FRA_IP_PROTO: u8(r.ip_proto); break;
    case FRA_SPORT_RANGE:
    case FRA_DPORT_RANGE:
        if (const auto& p = type == FRA_SPORT_RANGE ? r.sport : r.dport) {
            fib_rule_port_range pr{p->start, p->end};
            m.put(type, pr);
        }
        break;
    case fra_dscp: u8(r.dscp); break;
    case fra_gateway: addr(r.gateway); break;
    default: break;
    }
}

// Every attribute encode() knows, in the order written when Rule::order
// does not say otherwise.
constexpr std::array<uint16_t, 21> fixed_order = {
    FRA_SRC,        FRA_DST,        FRA_PRIORITY,         FRA_FWMARK,   FRA_FWMASK,
    FRA_FLOW,       FRA_PROTOCOL,   FRA_TUN_ID,           FRA_TABLE,    FRA_SUPPRESS_PREFIXLEN,
    FRA_SUPPRESS_IFGROUP, FRA_IIFNAME, FRA_OIFNAME,       FRA_L3MDEV,   FRA_UID_RANGE,
    fra_gateway,    FRA_IP_PROTO,   FRA_SPORT_RANGE,      FRA_DPORT_RANGE, fra_dscp,
    FRA_GOTO,
};

} // namespace

Message encode(uint16_t type, uint16_t flags, const Rule& r)
{
    fib_rule_hdr h{};
    h.family = r.family;
    h.dst_len = r.dst_len;
    h.src_len = r.src_len;
    h.tos = r.tos;
    h.table = r.table;
    h.action = r.action;
    h.flags = r.flags;
    Message m(type, flags, h);
    for (uint16_t t : r.order)
        put_one(m, r, t);
    for (uint16_t t : fixed_order)
        if (std::find(r.order.begin(), r.order.end(), t) == r.order.end())
            put_one(m, r, t);
    return m;
}

Rule decode_rule(const Msg& m)
{
    auto h = m.family<fib_rule_hdr>();
    Rule r;
    r.family = h.family;
    r.dst_len = h.dst_len;
    r.src_len = h.src_len;
    r.tos = h.tos;
    r.table = h.table;
    r.action = h.action;
    r.flags = h.flags;
    AttrTable t(m.attrs<fib_rule_hdr>(), fra_dscp);
    r.dst = get_addr(t, FRA_DST, r.family);
    r.src = get_addr(t, FRA_SRC, r.family);
    r.iifname = get_str(t, FRA_IIFNAME);
    r.oifname = get_str(t, FRA_OIFNAME);
    r.goto_target = t.as<uint32_t>(FRA_GOTO);
    r.priority = t.as<uint32_t>(FRA_PRIORITY);
    r.fwmark = t.as<uint32_t>(FRA_FWMARK);
    r.fwmask = t.as<uint32_t>(FRA_FWMASK);
    r.flow = t.as<uint32_t>(FRA_FLOW);
    if (auto v = t.as<uint64_t>(FRA_TUN_ID))
        r.tun_id = swap64(*v);
    r.suppress_ifgroup = t.as<uint32_t>(FRA_SUPPRESS_IFGROUP);
    r.suppress_prefixlen = t.as<uint32_t>(FRA_SUPPRESS_PREFIXLEN);
    r.table_attr = t.as<uint32_t>(FRA_TABLE);
    r.l3mdev = t.as<uint8_t>(FRA_L3MDEV);
    if (auto u = t.as<fib_rule_uid_range>(FRA_UID_RANGE))
        r.uid_range = UidRange{u->start, u->end};
    r.protocol = t.as<uint8_t>(FRA_PROTOCOL);
    r.ip_proto = t.as<uint8_t>(FRA_IP_PROTO);
    if (auto p = t.as<fib_rule_port_range>(FRA_SPORT_RANGE))
        r.sport = PortRange{p->start, p->end};
    if (auto p = t.as<fib_rule_port_range>(FRA_DPORT_RANGE))
        r.dport = PortRange{p->start, p->end};
    r.dscp = t.as<uint8_t>(fra_dscp);
    r.gateway = get_addr(t, fra_gateway, AF_INET);
    return r;
}

std::vector<Rule> decode_rules(Bytes dump)
{
    std::vector<Rule> out;
    for (const Msg& m : split_messages(dump))
        if (m.type() == RTM_NEWRULE)
            out.push_back(decode_rule(m));
    return out;
}

Message rule_dump_request(uint8_t family)
{
    fib_rule_hdr h{};
    h.family = family;
    return Message(RTM_GETRULE, 0, h);
}

Message copy_rule(const Msg& src, uint16_t type, uint16_t flags)
{
    Message m(type, flags, src.family<fib_rule_hdr>());
    for (Attr a : src.attrs<fib_rule_hdr>())
        m.put(a.type(), a.payload());
    return m;
}

} // namespace nsbox::net::rtnl
