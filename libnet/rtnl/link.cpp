#include "libnet/rtnl/link.hpp"

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

namespace nsbox::net::rtnl {

namespace {

std::vector<std::byte> copy(const Attr* a)
{
    auto p = a->payload();
    return {p.begin(), p.end()};
}

template <Plain T>
std::optional<T> get(const AttrTable& t, uint16_t type)
{
    return t.as<T>(type);
}

} // namespace

Message encode(uint16_t type, uint16_t flags, const Link& l)
{
    ifinfomsg ifi{};
    ifi.ifi_family = l.family;
    ifi.ifi_type = l.type;
    ifi.ifi_index = l.index;
    ifi.ifi_flags = l.flags;
    ifi.ifi_change = l.change;
    Message m(type, flags, ifi);
    if (l.name)
        m.put_str(IFLA_IFNAME, *l.name);
    if (l.mtu)
        m.put_u32(IFLA_MTU, *l.mtu);
    if (l.txqlen)
        m.put_u32(IFLA_TXQLEN, *l.txqlen);
    if (l.master)
        m.put_u32(IFLA_MASTER, *l.master);
    if (l.link)
        m.put_u32(IFLA_LINK, *l.link);
    if (l.group)
        m.put_u32(IFLA_GROUP, *l.group);
    if (l.address)
        m.put(IFLA_ADDRESS, Bytes(*l.address));
    if (l.broadcast)
        m.put(IFLA_BROADCAST, Bytes(*l.broadcast));
    if (l.net_ns_fd)
        m.put_u32(IFLA_NET_NS_FD, static_cast<uint32_t>(*l.net_ns_fd));
    if (l.net_ns_pid)
        m.put_u32(IFLA_NET_NS_PID, *l.net_ns_pid);
    if (l.kind) {
        auto info = m.nest(IFLA_LINKINFO);
        // The kind without its NUL, as iproute2 sends it.
        m.put(IFLA_INFO_KIND, l.kind->data(), l.kind->size());
        if (l.veth_peer) {
            auto data = m.nest(IFLA_INFO_DATA);
            const VethPeer& p = *l.veth_peer;
            ifinfomsg hdr{};
            hdr.ifi_flags = p.flags;
            hdr.ifi_change = p.change;
            auto peer = m.nest_with_header(VETH_INFO_PEER, hdr);
            if (p.name)
                m.put_str(IFLA_IFNAME, *p.name);
            if (p.mtu)
                m.put_u32(IFLA_MTU, *p.mtu);
            if (p.txqlen)
                m.put_u32(IFLA_TXQLEN, *p.txqlen);
            if (p.address)
                m.put(IFLA_ADDRESS, Bytes(*p.address));
            if (p.net_ns_fd)
                m.put_u32(IFLA_NET_NS_FD, static_cast<uint32_t>(*p.net_ns_fd));
            if (p.net_ns_pid)
                m.put_u32(IFLA_NET_NS_PID, *p.net_ns_pid);
        }
    }
    return m;
}

Link decode_link(const Msg& msg)
{
    auto ifi = msg.family<ifinfomsg>();
    Link l;
    l.family = ifi.ifi_family;
    l.type = ifi.ifi_type;
    l.index = ifi.ifi_index;
    l.flags = ifi.ifi_flags;
    l.change = ifi.ifi_change;
    AttrTable t(msg.attrs<ifinfomsg>(), IFLA_MAX);
    if (auto s = t.str(IFLA_IFNAME))
        l.name = std::string(*s);
    l.mtu = get<uint32_t>(t, IFLA_MTU);
    l.txqlen = get<uint32_t>(t, IFLA_TXQLEN);
    l.master = get<uint32_t>(t, IFLA_MASTER);
    l.link = get<uint32_t>(t, IFLA_LINK);
    l.link_netnsid = get<int32_t>(t, IFLA_LINK_NETNSID);
    l.group = get<uint32_t>(t, IFLA_GROUP);
    l.operstate = get<uint8_t>(t, IFLA_OPERSTATE);
    l.linkmode = get<uint8_t>(t, IFLA_LINKMODE);
    l.proto_down = get<uint8_t>(t, IFLA_PROTO_DOWN);
    if (auto s = t.str(IFLA_QDISC))
        l.qdisc = std::string(*s);
    if (const Attr* a = t.get(IFLA_ADDRESS))
        l.address = copy(a);
    if (const Attr* a = t.get(IFLA_BROADCAST))
        l.broadcast = copy(a);
    if (t.has(IFLA_LINKINFO)) {
        AttrTable info = t.nested(IFLA_LINKINFO, IFLA_INFO_MAX);
        if (auto s = info.str(IFLA_INFO_KIND))
            l.kind = std::string(*s);
        if (auto s = info.str(IFLA_INFO_SLAVE_KIND))
            l.slave_kind = std::string(*s);
    }
    return l;
}

Message link_dump_request(uint8_t family, uint32_t ext_mask)
{
    ifinfomsg ifi{};
    ifi.ifi_family = family;
    Message m(RTM_GETLINK, 0, ifi);
    if (ext_mask)
        m.put_u32(IFLA_EXT_MASK, ext_mask);
    return m;
}

} // namespace nsbox::net::rtnl
