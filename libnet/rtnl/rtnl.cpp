#include "libnet/rtnl/rtnl.hpp"

#include <cerrno>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/if.h>
#include <linux/sockios.h>

#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

namespace nsbox::net::rtnl {

namespace {

template <class T, class F>
std::vector<T> decode_all(Bytes dump, uint16_t type, F decode)
{
    std::vector<T> out;
    for (const Msg& m : split_messages(dump))
        if (m.type() == type)
            out.push_back(decode(m));
    return out;
}

// One dump decoded message by message as it arrives: no copy of the dump's
// bytes is kept.
template <class T, class F>
std::vector<T> dump_decoded(Socket& sock, Message& m, uint16_t type, F decode)
{
    std::vector<T> out;
    sock.dump_each(m, [&](const Msg& r) {
        if (r.type() == type)
            out.push_back(decode(r));
    });
    return out;
}

} // namespace

std::vector<Link> decode_links(Bytes dump) { return decode_all<Link>(dump, RTM_NEWLINK, decode_link); }
std::vector<Addr> decode_addrs(Bytes dump) { return decode_all<Addr>(dump, RTM_NEWADDR, decode_addr); }
std::vector<Route> decode_routes(Bytes dump) { return decode_all<Route>(dump, RTM_NEWROUTE, decode_route); }

std::optional<uint32_t> txqlen_by_name(std::string_view name)
{
    ifreq ifr{};
    if (name.size() >= sizeof ifr.ifr_name)
        return std::nullopt;
    std::memcpy(ifr.ifr_name, name.data(), name.size());
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::nullopt;
    int rc = ::ioctl(fd, SIOCGIFTXQLEN, &ifr);
    ::close(fd);
    if (rc < 0)
        return std::nullopt;
    return static_cast<uint32_t>(ifr.ifr_qlen);
}

Session::Session() : sock_(NETLINK_ROUTE) {}

std::vector<Link> Session::links(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master,
                                 std::optional<std::string_view> kind)
{
    Message m = link_dump_request(family, ext_mask, master, kind);
    return dump_decoded<Link>(sock_, m, RTM_NEWLINK, decode_link);
}

bool Session::each_link(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master,
                        std::optional<std::string_view> kind, const std::function<void(Link&&)>& each)
{
    Message m = link_dump_request(family, ext_mask, master, kind);
    return sock_.dump_each(m, [&](const Msg& r) {
        if (r.type() == RTM_NEWLINK)
            each(decode_link(r));
    });
}

bool Session::each_addr(uint8_t family, uint32_t index, const std::function<void(Addr&&)>& each)
{
    Message m = addr_dump_request(family, index);
    return sock_.dump_each(m, [&](const Msg& r) {
        if (r.type() == RTM_NEWADDR)
            each(decode_addr(r));
    });
}

std::optional<Link> Session::get_link(Message& m)
{
    try {
        auto bytes = sock_.query_noack(m);
        auto links = decode_links(bytes);
        if (links.empty())
            return std::nullopt;
        return std::move(links.front());
    } catch (const Error& e) {
        if (e.code() == ENODEV)
            return std::nullopt;
        throw;
    }
}

std::optional<Link> Session::link(std::string_view name, uint8_t family, uint32_t ext_mask)
{
    Link l;
    l.family = family;
    l.name = std::string(name);
    Message m = encode(RTM_GETLINK, 0, l);
    m.put_u32(IFLA_EXT_MASK, ext_mask);
    return get_link(m);
}

std::optional<Link> Session::link(int32_t index, uint8_t family, uint32_t ext_mask)
{
    Link l;
    l.family = family;
    l.index = index;
    Message m = encode(RTM_GETLINK, 0, l);
    m.put_u32(IFLA_EXT_MASK, ext_mask);
    return get_link(m);
}

std::vector<Addr> Session::addrs(uint8_t family, uint32_t index)
{
    Message m = addr_dump_request(family, index);
    return dump_decoded<Addr>(sock_, m, RTM_NEWADDR, decode_addr);
}

std::vector<Route> Session::routes(uint8_t family, uint32_t table)
{
    Message m = route_dump_request(family, table);
    return dump_decoded<Route>(sock_, m, RTM_NEWROUTE, decode_route);
}

std::optional<int32_t> Session::nsid_of(int fd)
{
    rtgenmsg g{};
    g.rtgen_family = AF_UNSPEC;
    Message m(RTM_GETNSID, 0, g);
    m.put_u32(NETNSA_FD, static_cast<uint32_t>(fd));
    auto bytes = sock_.query(m);
    for (const Msg& r : split_messages(bytes)) {
        if (r.type() != RTM_NEWNSID)
            continue;
        AttrTable t(r.attrs<rtgenmsg>(), NETNSA_MAX);
        auto id = t.as<int32_t>(NETNSA_NSID);
        if (id && *id >= 0)
            return id;
    }
    return std::nullopt;
}

} // namespace nsbox::net::rtnl
