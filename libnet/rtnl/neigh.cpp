#include "libnet/rtnl/neigh.hpp"

#include <linux/rtnetlink.h>

#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::net::rtnl {

Message encode(uint16_t type, uint16_t flags, const Neigh& n)
{
    ndmsg ndm{};
    ndm.ndm_family = n.family;
    ndm.ndm_ifindex = static_cast<int32_t>(n.index);
    ndm.ndm_state = n.state;
    ndm.ndm_flags = n.flags;
    ndm.ndm_type = n.type;
    Message m(type, flags, ndm);
    if (n.protocol)
        m.put_u8(NDA_PROTOCOL, *n.protocol);
    if (n.dst)
        m.put(NDA_DST, n.dst->span());
    if (n.flags_ext)
        m.put_u32(NDA_FLAGS_EXT, *n.flags_ext);
    if (n.lladdr)
        m.put(NDA_LLADDR, Bytes(*n.lladdr));
    if (n.filter_index)
        m.put_u32(NDA_IFINDEX, *n.filter_index);
    if (n.filter_master)
        m.put_u32(NDA_MASTER, *n.filter_master);
    return m;
}

Neigh decode_neigh(const Msg& m)
{
    auto ndm = m.family<ndmsg>();
    Neigh n;
    n.family = ndm.ndm_family;
    n.index = static_cast<uint32_t>(ndm.ndm_ifindex);
    n.state = ndm.ndm_state;
    n.flags = ndm.ndm_flags;
    n.type = ndm.ndm_type;
    AttrTable t(m.attrs<ndmsg>(), NDA_MAX);
    if (const Attr* a = t.get(NDA_DST)) {
        // A bridge FDB entry's NDA_DST is the VTEP of either family; the
        // size tells which (iproute2 does the same for AF_BRIDGE).
        int fam = n.family;
        if (fam != AF_INET && fam != AF_INET6)
            fam = a->payload().size() == 16 ? AF_INET6 : AF_INET;
        n.dst = IpAddress::from(fam, a->payload());
    }
    if (const Attr* a = t.get(NDA_LLADDR))
        n.lladdr = std::vector<std::byte>(a->payload().begin(), a->payload().end());
    n.cacheinfo = t.as<nda_cacheinfo>(NDA_CACHEINFO);
    n.probes = t.as<uint32_t>(NDA_PROBES);
    n.protocol = t.as<uint8_t>(NDA_PROTOCOL);
    n.flags_ext = t.as<uint32_t>(NDA_FLAGS_EXT);
    return n;
}

std::vector<Neigh> decode_neighs(Bytes dump)
{
    std::vector<Neigh> out;
    for (const Msg& m : split_messages(dump))
        if (m.type() == RTM_NEWNEIGH)
            out.push_back(decode_neigh(m));
    return out;
}

Message neigh_dump_request(const Neigh& filter)
{
    ndmsg ndm{};
    ndm.ndm_family = filter.family;
    ndm.ndm_flags = filter.flags;
    Message m(RTM_GETNEIGH, 0, ndm);
    if (filter.filter_index)
        m.put_u32(NDA_IFINDEX, *filter.filter_index);
    if (filter.filter_master)
        m.put_u32(NDA_MASTER, *filter.filter_master);
    return m;
}

NeighDump dump_neighs(Session& s, const Neigh& filter)
{
    Message m = neigh_dump_request(filter);
    auto bytes = s.socket().dump(m);
    NeighDump d;
    for (const Msg& r : split_messages(bytes)) {
        if (r.type() != RTM_NEWNEIGH)
            continue;
        if (r.flags() & NLM_F_DUMP_FILTERED)
            d.filtered = true;
        d.neighs.push_back(decode_neigh(r));
    }
    return d;
}

std::vector<Ack> delete_neighs(Socket& s, std::span<const Neigh> neighs)
{
    BoundedBatch batch(s);
    for (const Neigh& n : neighs) {
        // The entry as dumped, minus what only a dump reports.
        Neigh d = n;
        d.cacheinfo.reset();
        d.probes.reset();
        Message m = encode(RTM_DELNEIGH, NLM_F_REQUEST, d);
        batch.add(m);
    }
    return batch.finish();
}

} // namespace nsbox::net::rtnl
