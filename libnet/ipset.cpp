#include "libnet/ipset.hpp"

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/netfilter/ipset/ip_set.h>

#include "libnet/fd.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::ipset {

namespace {

// A raw socket that has asked the kernel's ipset protocol version, which
// every later request carries.
struct Asker {
    Fd fd;
    unsigned version = 0;

    Asker() : fd(::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW))
    {
        if (!fd)
            throw Error(errno, {}, "socket");
        ip_set_req_version req{};
        req.op = IP_SET_OP_VERSION;
        try {
            ask(&req, sizeof req);
        } catch (const Error& e) {
            throw Error(e.code(), {}, "version");
        }
        version = req.version;
    }
    void ask(void* req, socklen_t size)
    {
        socklen_t got = size;
        if (::getsockopt(fd.get(), SOL_IP, SO_IP_SET, req, &got) != 0)
            throw Error(errno, {}, "getsockopt");
        if (got != size)
            throw Error(EPROTO, {}, "getsockopt");
    }
};

} // namespace

std::optional<SetRef> by_name(const std::string& name)
{
    Asker a;
    ip_set_req_get_set_family req{};
    req.op = IP_SET_OP_GET_FNAME;
    req.version = a.version;
    std::strncpy(req.set.name, name.c_str(), IPSET_MAXNAMELEN - 1);
    a.ask(&req, sizeof req);
    if (req.set.index == IPSET_INVALID_ID)
        return std::nullopt;
    return SetRef{req.set.index, static_cast<uint8_t>(req.family)};
}

std::string by_index(uint16_t index)
{
    Asker a;
    ip_set_req_get_set req{};
    req.op = IP_SET_OP_GET_BYINDEX;
    req.version = a.version;
    req.set.index = index;
    a.ask(&req, sizeof req);
    return std::string(req.set.name, strnlen(req.set.name, IPSET_MAXNAMELEN));
}

} // namespace nsbox::net::ipset
