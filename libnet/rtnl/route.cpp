#include "libnet/rtnl/route.hpp"

namespace nsbox::net::rtnl {

namespace {

void put_addr(Message& m, uint16_t type, const std::optional<IpAddress>& a)
{
    if (a)
        m.put(type, a->span());
}

std::optional<IpAddress> get_addr(const AttrTable& t, uint16_t type, int family)
{
    const Attr* a = t.get(type);
    return a ? IpAddress::from(family, a->payload()) : std::nullopt;
}

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
    put_addr(m, RTA_DST, r.dst);
    put_addr(m, RTA_SRC, r.src);
    if (r.priority)
        m.put_u32(RTA_PRIORITY, *r.priority);
    put_addr(m, RTA_PREFSRC, r.prefsrc);
    if (r.table_attr)
        m.put_u32(RTA_TABLE, *r.table_attr);
    put_addr(m, RTA_GATEWAY, r.gateway);
    if (r.oif)
        m.put_u32(RTA_OIF, *r.oif);
    if (r.iif)
        m.put_u32(RTA_IIF, *r.iif);
    if (r.metrics && (!r.metrics->empty() || r.congctl)) {
        auto mx = m.nest(RTA_METRICS);
        for (const auto& v : *r.metrics)
            m.put_u32(v.type, v.value);
        if (r.congctl)
            m.put_str(RTAX_CC_ALGO, *r.congctl);
    }
    if (r.pref)
        m.put_u8(RTA_PREF, *r.pref);
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
    r.prefsrc = get_addr(t, RTA_PREFSRC, r.family);
    r.oif = t.as<uint32_t>(RTA_OIF);
    r.iif = t.as<uint32_t>(RTA_IIF);
    r.priority = t.as<uint32_t>(RTA_PRIORITY);
    r.table_attr = t.as<uint32_t>(RTA_TABLE);
    r.pref = t.as<uint8_t>(RTA_PREF);
    r.cacheinfo = t.as<rta_cacheinfo>(RTA_CACHEINFO);
    r.multipath = t.has(RTA_MULTIPATH);
    if (const Attr* mx = t.get(RTA_METRICS)) {
        r.metrics.emplace();
        for (Attr a : mx->nested()) {
            if (a.type() == RTAX_CC_ALGO)
                r.congctl = std::string(a.str());
            else if (auto v = a.as<uint32_t>())
                r.metrics->push_back({a.type(), *v});
        }
    }
    return r;
}

Message route_dump_request(uint8_t family, uint32_t table)
{
    rtmsg rtm{};
    rtm.rtm_family = family;
    Message m(RTM_GETROUTE, 0, rtm);
    if (table)
        m.put_u32(RTA_TABLE, table);
    return m;
}

} // namespace nsbox::net::rtnl
