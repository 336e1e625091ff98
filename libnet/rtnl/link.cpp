#include "libnet/rtnl/link.hpp"

#include <cstring>

#include <linux/if_addr.h>
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

void put_bytes(Message& m, uint16_t type, const std::vector<std::byte>& b) { m.put(type, Bytes(b)); }

void put_ip(Message& m, uint16_t v4, uint16_t v6, const IpAddress& a)
{
    m.put(a.family == AF_INET6 ? v6 : v4, a.span());
}

// The attributes a link and a veth peer share, in iproute2's order for
// options written in the order of LinkRequestAttrs.
void encode_common(Message& m, const LinkRequestAttrs& l)
{
    if (l.address)
        put_bytes(m, IFLA_ADDRESS, *l.address);
    if (l.broadcast)
        put_bytes(m, IFLA_BROADCAST, *l.broadcast);
    if (l.txqlen)
        m.put_u32(IFLA_TXQLEN, *l.txqlen);
    if (l.mtu)
        m.put_u32(IFLA_MTU, *l.mtu);
    if (l.net_ns_fd)
        m.put_u32(IFLA_NET_NS_FD, static_cast<uint32_t>(*l.net_ns_fd));
    if (l.net_ns_pid)
        m.put_u32(IFLA_NET_NS_PID, *l.net_ns_pid);
    if (l.master)
        m.put_u32(IFLA_MASTER, *l.master);
    if (l.alias)
        m.put(IFLA_IFALIAS, l.alias->data(), l.alias->size());
    if (l.group)
        m.put_u32(IFLA_GROUP, *l.group);
    if (l.num_tx_queues)
        m.put_u32(IFLA_NUM_TX_QUEUES, *l.num_tx_queues);
    if (l.num_rx_queues)
        m.put_u32(IFLA_NUM_RX_QUEUES, *l.num_rx_queues);
    if (l.link)
        m.put_u32(IFLA_LINK, *l.link);
    if (l.set_carrier)
        m.put_u8(IFLA_CARRIER, *l.set_carrier);
    if (l.set_proto_down)
        m.put_u8(IFLA_PROTO_DOWN, *l.set_proto_down);
    if (l.set_addr_gen_mode) {
        auto spec = m.nest(IFLA_AF_SPEC);
        auto in6 = m.nest(AF_INET6);
        m.put_u8(IFLA_INET6_ADDR_GEN_MODE, *l.set_addr_gen_mode);
    }
}

void encode_kind_attrs(Message& m, const std::vector<KindAttr>& attrs)
{
    for (const KindAttr& a : attrs) {
        if (auto* v8 = std::get_if<uint8_t>(&a.value))
            m.put_u8(a.type, *v8);
        else if (auto* v16 = std::get_if<uint16_t>(&a.value))
            m.put_u16(a.type, *v16);
        else if (auto* v32 = std::get_if<uint32_t>(&a.value))
            m.put_u32(a.type, *v32);
        else if (auto* v64 = std::get_if<uint64_t>(&a.value))
            m.put_u64(a.type, *v64);
        else if (auto* b = std::get_if<std::vector<std::byte>>(&a.value))
            m.put(a.type, Bytes(b->data(), b->size()));
        else
            m.put_flag(a.type);
    }
}

void encode_vlan(Message& m, const VlanData& v)
{
    if (v.protocol_be)
        m.put_u16(IFLA_VLAN_PROTOCOL, *v.protocol_be);
    if (v.id)
        m.put_u16(IFLA_VLAN_ID, *v.id);
    if (v.flags)
        m.put(IFLA_VLAN_FLAGS, *v.flags);
}

void encode_macvlan(Message& m, const MacvlanData& v)
{
    if (v.bc_queue_len)
        m.put_u32(IFLA_MACVLAN_BC_QUEUE_LEN, *v.bc_queue_len);
    if (v.mode)
        m.put_u32(IFLA_MACVLAN_MODE, *v.mode);
    if (v.flags)
        m.put_u16(IFLA_MACVLAN_FLAGS, *v.flags);
}

void encode_vxlan(Message& m, const VxlanData& v)
{
    if (v.link)
        m.put_u32(IFLA_VXLAN_LINK, *v.link);
    if (v.ttl_inherit)
        m.put_flag(IFLA_VXLAN_TTL_INHERIT);
    if (v.ttl)
        m.put_u8(IFLA_VXLAN_TTL, *v.ttl);
    if (v.tos)
        m.put_u8(IFLA_VXLAN_TOS, *v.tos);
    if (v.df)
        m.put_u8(IFLA_VXLAN_DF, *v.df);
    if (v.label_be)
        m.put_u32(IFLA_VXLAN_LABEL, *v.label_be);
    if (v.ageing)
        m.put_u32(IFLA_VXLAN_AGEING, *v.ageing);
    if (v.limit)
        m.put_u32(IFLA_VXLAN_LIMIT, *v.limit);
    if (v.port_range)
        m.put(IFLA_VXLAN_PORT_RANGE, *v.port_range);
    const std::pair<const std::optional<uint8_t>*, uint16_t> bytes[] = {
        {&v.proxy, IFLA_VXLAN_PROXY},
        {&v.rsc, IFLA_VXLAN_RSC},
        {&v.l2miss, IFLA_VXLAN_L2MISS},
        {&v.l3miss, IFLA_VXLAN_L3MISS},
        {&v.udp_csum, IFLA_VXLAN_UDP_CSUM},
        {&v.udp_zero_csum6_tx, IFLA_VXLAN_UDP_ZERO_CSUM6_TX},
        {&v.udp_zero_csum6_rx, IFLA_VXLAN_UDP_ZERO_CSUM6_RX},
        {&v.remcsum_tx, IFLA_VXLAN_REMCSUM_TX},
        {&v.remcsum_rx, IFLA_VXLAN_REMCSUM_RX},
        {&v.collect_metadata, IFLA_VXLAN_COLLECT_METADATA},
    };
    for (auto [value, type] : bytes)
        if (*value)
            m.put_u8(type, **value);
    if (v.gbp)
        m.put_flag(IFLA_VXLAN_GBP);
    if (v.gpe)
        m.put_flag(IFLA_VXLAN_GPE);
    if (v.vnifilter)
        m.put_u8(IFLA_VXLAN_VNIFILTER, *v.vnifilter);
    if (v.id)
        m.put_u32(IFLA_VXLAN_ID, *v.id);
    if (v.local)
        put_ip(m, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6, *v.local);
    if (v.group)
        put_ip(m, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6, *v.group);
    if (v.learning)
        m.put_u8(IFLA_VXLAN_LEARNING, *v.learning);
    if (v.port)
        m.put_be16(IFLA_VXLAN_PORT, *v.port);
}

// Widens the 32-bit counters of an old-style IFLA_STATS.
rtnl_link_stats64 widen(const rtnl_link_stats& s)
{
    rtnl_link_stats64 w{};
    w.rx_packets = s.rx_packets;
    w.tx_packets = s.tx_packets;
    w.rx_bytes = s.rx_bytes;
    w.tx_bytes = s.tx_bytes;
    w.rx_errors = s.rx_errors;
    w.tx_errors = s.tx_errors;
    w.rx_dropped = s.rx_dropped;
    w.tx_dropped = s.tx_dropped;
    w.multicast = s.multicast;
    w.collisions = s.collisions;
    w.rx_length_errors = s.rx_length_errors;
    w.rx_over_errors = s.rx_over_errors;
    w.rx_crc_errors = s.rx_crc_errors;
    w.rx_frame_errors = s.rx_frame_errors;
    w.rx_fifo_errors = s.rx_fifo_errors;
    w.rx_missed_errors = s.rx_missed_errors;
    w.tx_aborted_errors = s.tx_aborted_errors;
    w.tx_carrier_errors = s.tx_carrier_errors;
    w.tx_fifo_errors = s.tx_fifo_errors;
    w.tx_heartbeat_errors = s.tx_heartbeat_errors;
    w.tx_window_errors = s.tx_window_errors;
    w.rx_compressed = s.rx_compressed;
    w.tx_compressed = s.tx_compressed;
    w.rx_nohandler = s.rx_nohandler;
    return w;
}

// A statistics block shorter than the structure is zero-filled (an older
// kernel's), a longer one cut (a newer kernel's), as iproute2 does.
template <class T>
T stats_from(const Attr* a)
{
    T s{};
    auto p = a->payload();
    std::memcpy(&s, p.data(), std::min(p.size(), sizeof s));
    return s;
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
    encode_common(m, l);
    if (l.linkmode)
        m.put_u8(IFLA_LINKMODE, *l.linkmode);
    if (l.operstate)
        m.put_u8(IFLA_OPERSTATE, *l.operstate);
    if (l.name)
        m.put_str(IFLA_IFNAME, *l.name);
    if (l.kind) {
        auto info = m.nest(IFLA_LINKINFO);
        // The kind without its NUL, as iproute2 sends it.
        m.put(IFLA_INFO_KIND, l.kind->data(), l.kind->size());
        const bool data = l.veth_peer || l.vlan || l.macvlan || l.vxlan || l.data_attrs || l.empty_info_data;
        if (data) {
            auto nest = m.nest(IFLA_INFO_DATA);
            if (l.veth_peer) {
                const VethPeer& p = *l.veth_peer;
                ifinfomsg hdr{};
                hdr.ifi_flags = p.flags;
                hdr.ifi_change = p.change;
                auto peer = m.nest_with_header(VETH_INFO_PEER, hdr);
                encode_common(m, p);
                if (p.name)
                    m.put_str(IFLA_IFNAME, *p.name);
            }
            if (l.vlan)
                encode_vlan(m, *l.vlan);
            if (l.macvlan)
                encode_macvlan(m, *l.macvlan);
            if (l.vxlan)
                encode_vxlan(m, *l.vxlan);
            if (l.data_attrs)
                encode_kind_attrs(m, *l.data_attrs);
        }
        if (l.slave_attrs) {
            auto nest = m.nest(IFLA_INFO_SLAVE_DATA);
            encode_kind_attrs(m, *l.slave_attrs);
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
    // A repeated attribute counts once, the last one, as in a table; the
    // nests and the statistics are read after the walk.
    std::optional<Attr> xdp, props, af_spec, stats64, stats32, linkinfo;
    auto str = [](const Attr& a) { return std::string(a.str()); };
    for_each_attr(msg.attrs<ifinfomsg>().bytes(), [&](uint16_t type, const Attr& a) {
        switch (type) {
        case IFLA_IFNAME: l.name = str(a); break;
        case IFLA_MTU: l.mtu = a.as<uint32_t>(); break;
        case IFLA_TXQLEN: l.txqlen = a.as<uint32_t>(); break;
        case IFLA_MASTER: l.master = a.as<uint32_t>(); break;
        case IFLA_LINK: l.link = a.as<uint32_t>(); break;
        case IFLA_LINK_NETNSID: l.link_netnsid = a.as<int32_t>(); break;
        case IFLA_GROUP: l.group = a.as<uint32_t>(); break;
        case IFLA_OPERSTATE: l.operstate = a.as<uint8_t>(); break;
        case IFLA_LINKMODE: l.linkmode = a.as<uint8_t>(); break;
        case IFLA_PROTO_DOWN: l.proto_down = a.as<uint8_t>(); break;
        case IFLA_EVENT: l.event = a.as<uint32_t>(); break;
        case IFLA_QDISC: l.qdisc = str(a); break;
        case IFLA_IFALIAS: l.alias = str(a); break;
        case IFLA_ADDRESS: l.address = copy(&a); break;
        case IFLA_BROADCAST: l.broadcast = copy(&a); break;
        case IFLA_PERM_ADDRESS: l.perm_address = copy(&a); break;
        case IFLA_XDP: xdp = a; break;
        case IFLA_PROP_LIST: props = a; break;
        case IFLA_PROMISCUITY: l.promiscuity = a.as<uint32_t>(); break;
        case IFLA_ALLMULTI: l.allmulti = a.as<uint32_t>(); break;
        case IFLA_MIN_MTU: l.min_mtu = a.as<uint32_t>(); break;
        case IFLA_MAX_MTU: l.max_mtu = a.as<uint32_t>(); break;
        case IFLA_NUM_TX_QUEUES: l.num_tx_queues = a.as<uint32_t>(); break;
        case IFLA_NUM_RX_QUEUES: l.num_rx_queues = a.as<uint32_t>(); break;
        case IFLA_GSO_MAX_SIZE: l.gso_max_size = a.as<uint32_t>(); break;
        case IFLA_GSO_MAX_SEGS: l.gso_max_segs = a.as<uint32_t>(); break;
        case IFLA_TSO_MAX_SIZE: l.tso_max_size = a.as<uint32_t>(); break;
        case IFLA_TSO_MAX_SEGS: l.tso_max_segs = a.as<uint32_t>(); break;
        case IFLA_GRO_MAX_SIZE: l.gro_max_size = a.as<uint32_t>(); break;
        case IFLA_PHYS_PORT_NAME: l.phys_port_name = str(a); break;
        case IFLA_PARENT_DEV_BUS_NAME: l.parent_bus = str(a); break;
        case IFLA_PARENT_DEV_NAME: l.parent_dev = str(a); break;
        case IFLA_PHYS_PORT_ID: l.phys_port_id = copy(&a); break;
        case IFLA_PHYS_SWITCH_ID: l.phys_switch_id = copy(&a); break;
        case IFLA_AF_SPEC: af_spec = a; break;
        case IFLA_STATS64: stats64 = a; break;
        case IFLA_STATS: stats32 = a; break;
        case IFLA_CARRIER_CHANGES: l.carrier_changes = a.as<uint32_t>(); break;
        case IFLA_LINKINFO: linkinfo = a; break;
        default: break;
        }
    });
    if (xdp) {
        AttrTable x(xdp->nested(), IFLA_XDP_MAX);
        l.xdp_attached = x.as<uint8_t>(IFLA_XDP_ATTACHED);
    }
    if (props)
        for (Attr p : props->nested())
            if (p.type() == IFLA_ALT_IFNAME)
                l.altnames.emplace_back(p.str());
    if (af_spec) {
        l.has_af_spec = true;
        for (Attr fam : af_spec->nested()) {
            if (fam.type() != AF_INET6)
                continue;
            std::optional<uint8_t> mode;
            for_each_attr(fam.payload(), [&](uint16_t type, const Attr& a) {
                if (type == IFLA_INET6_ADDR_GEN_MODE)
                    mode = a.as<uint8_t>();
            });
            l.addr_gen_mode = mode;
            break;
        }
    }
    if (stats64) {
        l.stats = stats_from<rtnl_link_stats64>(&*stats64);
        l.stats_are_64 = true;
    } else if (stats32) {
        l.stats = widen(stats_from<rtnl_link_stats>(&*stats32));
    }
    if (linkinfo) {
        l.has_linkinfo = true;
        AttrTable info(linkinfo->nested(), IFLA_INFO_MAX);
        if (auto s = info.str(IFLA_INFO_KIND))
            l.kind = std::string(*s);
        if (auto s = info.str(IFLA_INFO_SLAVE_KIND))
            l.slave_kind = std::string(*s);
        if (const Attr* d = info.get(IFLA_INFO_DATA))
            l.info_data = AttrBlob(d->payload());
        if (const Attr* d = info.get(IFLA_INFO_SLAVE_DATA))
            l.slave_data = AttrBlob(d->payload());
    }
    return l;
}

Message link_prop_request(uint16_t type, uint16_t flags, uint8_t family, int32_t index,
                          const std::vector<std::string>& altnames)
{
    ifinfomsg ifi{};
    ifi.ifi_family = family;
    ifi.ifi_index = index;
    Message m(type, flags, ifi);
    auto list = m.nest(IFLA_PROP_LIST | NLA_F_NESTED);
    for (const std::string& n : altnames)
        m.put_str(IFLA_ALT_IFNAME, n);
    return m;
}

Message link_dump_request(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master,
                          std::optional<std::string_view> kind)
{
    ifinfomsg ifi{};
    ifi.ifi_family = family;
    Message m(RTM_GETLINK, 0, ifi);
    if (ext_mask)
        m.put_u32(IFLA_EXT_MASK, ext_mask);
    if (master)
        m.put_u32(IFLA_MASTER, *master);
    if (kind) {
        auto info = m.nest(IFLA_LINKINFO);
        m.put(IFLA_INFO_KIND, kind->data(), kind->size());
    }
    return m;
}

} // namespace nsbox::net::rtnl
