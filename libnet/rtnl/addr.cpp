#include "libnet/rtnl/addr.hpp"

#include <linux/rtnetlink.h>

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

Message encode(uint16_t type, uint16_t flags, const Addr& a)
{
    ifaddrmsg ifa{};
    ifa.ifa_family = a.family;
    ifa.ifa_prefixlen = a.prefixlen;
    ifa.ifa_flags = a.flags <= 0xff ? static_cast<uint8_t>(a.flags) : 0;
    ifa.ifa_scope = a.scope;
    ifa.ifa_index = a.index;
    Message m(type, flags, ifa);
    put_addr(m, IFA_LOCAL, a.local);
    if (a.label)
        m.put_str(IFA_LABEL, *a.label);
    if (a.rt_priority)
        m.put_u32(IFA_RT_PRIORITY, *a.rt_priority);
    if (a.flags > 0xff)
        m.put_u32(IFA_FLAGS, a.flags);
    put_addr(m, IFA_ADDRESS, a.address);
    put_addr(m, IFA_BROADCAST, a.broadcast);
    put_addr(m, IFA_ANYCAST, a.anycast);
    if (a.cacheinfo)
        m.put(IFA_CACHEINFO, *a.cacheinfo);
    return m;
}

Addr decode_addr(const Msg& m)
{
    auto ifa = m.family<ifaddrmsg>();
    Addr a;
    a.family = ifa.ifa_family;
    a.prefixlen = ifa.ifa_prefixlen;
    a.scope = ifa.ifa_scope;
    a.index = ifa.ifa_index;
    a.flags = ifa.ifa_flags;
    AttrTable t(m.attrs<ifaddrmsg>(), IFA_MAX);
    if (auto f = t.as<uint32_t>(IFA_FLAGS))
        a.flags = *f;
    a.local = get_addr(t, IFA_LOCAL, a.family);
    a.address = get_addr(t, IFA_ADDRESS, a.family);
    a.broadcast = get_addr(t, IFA_BROADCAST, a.family);
    a.anycast = get_addr(t, IFA_ANYCAST, a.family);
    if (auto s = t.str(IFA_LABEL))
        a.label = std::string(*s);
    a.cacheinfo = t.as<ifa_cacheinfo>(IFA_CACHEINFO);
    a.rt_priority = t.as<uint32_t>(IFA_RT_PRIORITY);
    return a;
}

Message addr_dump_request(uint8_t family, uint32_t index)
{
    ifaddrmsg ifa{};
    ifa.ifa_family = family;
    ifa.ifa_index = index;
    return Message(RTM_GETADDR, 0, ifa);
}

std::vector<Ack> delete_addrs(Socket& s, std::span<const Addr> addrs)
{
    BoundedBatch batch(s);
    for (const Addr& a : addrs) {
        Message m = encode(RTM_DELADDR, NLM_F_REQUEST, a);
        batch.add(m);
    }
    return batch.finish();
}

} // namespace nsbox::net::rtnl
