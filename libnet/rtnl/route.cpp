#include "libnet/rtnl/route.hpp"

#include <algorithm>
#include <array>

namespace nsbox::net::rtnl {

namespace {

std::optional<IpAddress> get_addr(const AttrTable& t, uint16_t type, int family)
{
    const Attr* a = t.get(type);
    return a ? IpAddress::from(family, a->payload()) : std::nullopt;
}

// struct rtvia: a 16-bit family, then the address bytes.
std::optional<Via> get_via(const Attr* a)
{
    if (!a || a->payload().size() < sizeof(uint16_t))
        return std::nullopt;
    Via v;
    std::memcpy(&v.family, a->payload().data(), sizeof v.family);
    auto rest = a->payload().subspan(sizeof v.family);
    v.raw.assign(rest.begin(), rest.end());
    return v;
}

void put_via(Message& m, uint16_t type, const Via& v)
{
    std::vector<std::byte> b(sizeof v.family + v.raw.size());
    std::memcpy(b.data(), &v.family, sizeof v.family);
    std::copy(v.raw.begin(), v.raw.end(), b.begin() + sizeof v.family);
    m.put(type, Bytes(b));
}

uint16_t be16(uint16_t v) { return static_cast<uint16_t>((v >> 8) | (v << 8)); }

// The RTA_MULTIPATH payload: rtnexthop headers each followed by their
// attributes, rtnh_len covering both.
void put_nexthops(Message& m, const std::vector<Nexthop>& nhs)
{
    std::vector<std::byte> buf;
    auto append = [&](const void* p, size_t n) {
        const auto* b = static_cast<const std::byte*>(p);
        buf.insert(buf.end(), b, b + n);
        buf.resize(RTA_ALIGN(buf.size()));
    };
    auto attr = [&](uint16_t type, Bytes payload) {
        rtattr h{};
        h.rta_len = static_cast<unsigned short>(RTA_LENGTH(payload.size()));
        h.rta_type = type;
        size_t off = buf.size();
        buf.resize(off + RTA_LENGTH(payload.size()));
        std::memcpy(buf.data() + off, &h, sizeof h);
        std::copy(payload.begin(), payload.end(), buf.begin() + static_cast<long>(off + RTA_LENGTH(0)));
        buf.resize(RTA_ALIGN(buf.size()));
    };
    for (const Nexthop& nh : nhs) {
        size_t start = buf.size();
        rtnexthop h{};
        h.rtnh_flags = nh.flags;
        h.rtnh_hops = nh.hops;
        h.rtnh_ifindex = nh.ifindex;
        append(&h, sizeof h);
        if (nh.gateway)
            attr(RTA_GATEWAY, nh.gateway->span());
        if (nh.via) {
            std::vector<std::byte> v(sizeof nh.via->family + nh.via->raw.size());
            std::memcpy(v.data(), &nh.via->family, sizeof nh.via->family);
            std::copy(nh.via->raw.begin(), nh.via->raw.end(), v.begin() + sizeof nh.via->family);
            attr(RTA_VIA, v);
        }
        if (nh.flow) {
            uint32_t f = *nh.flow;
            attr(RTA_FLOW, Bytes(reinterpret_cast<const std::byte*>(&f), sizeof f));
        }
        if (nh.newdst)
            attr(RTA_NEWDST, nh.newdst->span());
        auto len = static_cast<unsigned short>(buf.size() - start);
        std::memcpy(buf.data() + start, &len, sizeof len);
    }
    m.put(RTA_MULTIPATH, Bytes(buf));
}

// RTA_METRICS as iproute2 writes it: a nest without NLA_F_NESTED, the
// congestion control name without its NUL.
void put_metrics(Message& m, const Route& r)
{
    std::vector<std::byte> buf;
    auto attr = [&](uint16_t type, const void* p, size_t n) {
        rtattr h{};
        h.rta_len = static_cast<unsigned short>(RTA_LENGTH(n));
        h.rta_type = type;
        size_t off = buf.size();
        buf.resize(off + RTA_ALIGN(RTA_LENGTH(n)));
        std::memcpy(buf.data() + off, &h, sizeof h);
        std::memcpy(buf.data() + off + RTA_LENGTH(0), p, n);
    };
    for (const auto& v : *r.metrics) {
        if (v.type == RTAX_CC_ALGO) {
            const std::string& s = r.congctl.value_or("");
            attr(RTAX_CC_ALGO, s.data(), s.size());
        } else {
            attr(v.type, &v.value, sizeof v.value);
        }
    }
    m.put(RTA_METRICS, Bytes(buf));
}

std::vector<Nexthop> get_nexthops(const Attr& a, int family)
{
    std::vector<Nexthop> out;
    Bytes rest = a.payload();
    while (rest.size() >= sizeof(rtnexthop)) {
        rtnexthop h;
        std::memcpy(&h, rest.data(), sizeof h);
        if (h.rtnh_len < sizeof h || h.rtnh_len > rest.size())
            throw Malformed("rtnexthop length runs past RTA_MULTIPATH");
        Nexthop nh;
        nh.flags = h.rtnh_flags;
        nh.hops = h.rtnh_hops;
        nh.ifindex = h.rtnh_ifindex;
        Bytes attrs = rest.subspan(RTNH_ALIGN(sizeof h), h.rtnh_len - std::min<size_t>(h.rtnh_len, RTNH_ALIGN(sizeof h)));
        AttrTable t(Attrs(attrs), RTA_MAX);
        nh.gateway = get_addr(t, RTA_GATEWAY, family);
        nh.via = get_via(t.get(RTA_VIA));
        nh.flow = t.as<uint32_t>(RTA_FLOW);
        nh.newdst = get_addr(t, RTA_NEWDST, family);
        nh.encap = t.has(RTA_ENCAP);
        out.push_back(std::move(nh));
        rest = rest.subspan(std::min(rest.size(), static_cast<size_t>(RTNH_ALIGN(h.rtnh_len))));
    }
    return out;
}

// Writes attribute `type` of `r` if present.
void put_one(Message& m, const Route& r, uint16_t type)
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
    switch (type) {
    case RTA_DST: addr(r.dst); break;
    case RTA_SRC: addr(r.src); break;
    case RTA_GATEWAY: addr(r.gateway); break;
    case RTA_VIA:
        if (r.via)
            put_via(m, RTA_VIA, *r.via);
        break;
    case RTA_PREFSRC: addr(r.prefsrc); break;
    case RTA_NEWDST: addr(r.newdst); break;
    case RTA_PRIORITY: u32(r.priority); break;
    case RTA_TABLE: u32(r.table_attr); break;
    case RTA_FLOW: u32(r.flow); break;
    case RTA_EXPIRES: u32(r.expires); break;
    case RTA_NH_ID: u32(r.nhid); break;
    case RTA_IIF: u32(r.iif); break;
    case RTA_OIF: u32(r.oif); break;
    case RTA_MARK: u32(r.mark); break;
    case RTA_UID: u32(r.uid); break;
    case RTA_PREF: u8(r.pref); break;
    case RTA_TTL_PROPAGATE: u8(r.ttl_propagate); break;
    case RTA_IP_PROTO: u8(r.ip_proto); break;
    case RTA_SPORT:
        if (r.sport)
            m.put_u16(type, be16(*r.sport));
        break;
    case RTA_DPORT:
        if (r.dport)
            m.put_u16(type, be16(*r.dport));
        break;
    case RTA_METRICS:
        if (r.metrics && !r.metrics->empty())
            put_metrics(m, r);
        break;
    case RTA_MULTIPATH:
        if (r.nexthops)
            put_nexthops(m, *r.nexthops);
        break;
    default: break;
    }
}

// Every attribute encode() knows, in the order written when Route::order
// does not say otherwise (iproute2's order for the usual command lines:
// the selectors, then the device, the metrics and the next hops).
constexpr std::array<uint16_t, 23> fixed_order = {
    RTA_DST,     RTA_SRC,     RTA_NEWDST,  RTA_GATEWAY,   RTA_VIA,      RTA_PRIORITY,
    RTA_PREFSRC, RTA_TABLE,   RTA_FLOW,    RTA_EXPIRES,   RTA_NH_ID,    RTA_PREF,
    RTA_TTL_PROPAGATE, RTA_UID, RTA_SPORT, RTA_DPORT,     RTA_IP_PROTO,
    RTA_IIF,     RTA_OIF,     RTA_MARK,    RTA_METRICS,   RTA_MULTIPATH, RTA_UNSPEC,
};

} // namespace

Message encode(uint16_t type, uint16_t flags, const Route& r)
{
    rtmsg rtm{};
    rtm.rtm_family = r.family;
    rtm.rtm_dst_len = r.dst_len;
    rtm.rtm_src_len = r.src_len;
    rtm.rtm_tos = r.tos;
    rtm.rtm_table = r.table;
    rtm.rtm_protocol = r.protocol;
    rtm.rtm_scope = r.scope;
    rtm.rtm_type = r.type;
    rtm.rtm_flags = r.flags;
    Message m(type, flags, rtm);
    for (uint16_t t : r.order)
        put_one(m, r, t);
    for (uint16_t t : fixed_order)
        if (t != RTA_UNSPEC && std::find(r.order.begin(), r.order.end(), t) == r.order.end())
            put_one(m, r, t);
    return m;
}

Route decode_route(const Msg& m)
{
    auto rtm = m.family<rtmsg>();
    Route r;
    r.family = rtm.rtm_family;
    r.dst_len = rtm.rtm_dst_len;
    r.src_len = rtm.rtm_src_len;
    r.tos = rtm.rtm_tos;
    r.table = rtm.rtm_table;
    r.protocol = rtm.rtm_protocol;
    r.scope = rtm.rtm_scope;
    r.type = rtm.rtm_type;
    r.flags = rtm.rtm_flags;
    AttrTable t(m.attrs<rtmsg>(), RTA_MAX);
    r.dst = get_addr(t, RTA_DST, r.family);
    r.src = get_addr(t, RTA_SRC, r.family);
    r.gateway = get_addr(t, RTA_GATEWAY, r.family);
    r.via = get_via(t.get(RTA_VIA));
    r.prefsrc = get_addr(t, RTA_PREFSRC, r.family);
    r.newdst = get_addr(t, RTA_NEWDST, r.family);
    r.oif = t.as<uint32_t>(RTA_OIF);
    r.iif = t.as<uint32_t>(RTA_IIF);
    r.priority = t.as<uint32_t>(RTA_PRIORITY);
    r.table_attr = t.as<uint32_t>(RTA_TABLE);
    r.pref = t.as<uint8_t>(RTA_PREF);
    r.flow = t.as<uint32_t>(RTA_FLOW);
    r.mark = t.as<uint32_t>(RTA_MARK);
    r.uid = t.as<uint32_t>(RTA_UID);
    r.expires = t.as<uint32_t>(RTA_EXPIRES);
    r.nhid = t.as<uint32_t>(RTA_NH_ID);
    r.ttl_propagate = t.as<uint8_t>(RTA_TTL_PROPAGATE);
    r.cacheinfo = t.as<rta_cacheinfo>(RTA_CACHEINFO);
    r.encap = t.has(RTA_ENCAP);
    if (const Attr* mp = t.get(RTA_MULTIPATH))
        r.nexthops = get_nexthops(*mp, r.family);
    if (const Attr* mx = t.get(RTA_METRICS)) {
        r.metrics.emplace();
        for (Attr a : mx->nested()) {
            if (a.type() == RTAX_CC_ALGO) {
                r.congctl = std::string(a.str());
                r.metrics->push_back({a.type(), 0});
            } else if (auto v = a.as<uint32_t>()) {
                r.metrics->push_back({a.type(), *v});
            }
        }
    }
    return r;
}

Message route_dump_request(const RouteDump& d)
{
    rtmsg rtm{};
    rtm.rtm_family = d.family;
    rtm.rtm_protocol = d.protocol;
    if (d.cloned)
        rtm.rtm_flags |= RTM_F_CLONED;
    Message m(RTM_GETROUTE, 0, rtm);
    if (d.table)
        m.put_u32(RTA_TABLE, d.table);
    if (d.oif)
        m.put_u32(RTA_OIF, d.oif);
    return m;
}

Message route_dump_request(uint8_t family, uint32_t table)
{
    RouteDump d;
    d.family = family;
    d.table = table;
    return route_dump_request(d);
}

Message copy_route(const Msg& src, uint16_t type, uint16_t flags)
{
    Message m(type, flags, src.family<rtmsg>());
    for (Attr a : src.attrs<rtmsg>())
        m.put(a.type(), a.payload());
    return m;
}

} // namespace nsbox::net::rtnl
