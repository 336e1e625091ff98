#include "applets/ping/socket.hpp"

#include <cerrno>
#include <cstdio>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "applets/ping/ping.hpp"

namespace nsbox::ping {

void warn(const char* prog, const std::string& message, int errnum)
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", prog, with_errno(message, errnum).c_str());
}

IcmpSocket open_icmp_socket(const Options& o, int family, bool requisite, const char* prog)
{
    IcmpSocket sock;
    int proto = family == AF_INET ? int(IPPROTO_ICMP) : int(IPPROTO_ICMPV6);
    // Identifier 0 needs a raw socket, and so does -N (a datagram socket
    // sends only echo requests).
    bool want_dgram = !(o.ident && *o.ident == 0) && !o.node_info.given;
    int fd = -1;
    bool fallback = false;
    errno = 0;
    if (want_dgram) {
        fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, proto);
        if (fd < 0 &&
            ((errno == EAFNOSUPPORT && family == AF_INET) || errno == EPROTONOSUPPORT || errno == EACCES))
            fallback = true;
    }
    sock.raw = !want_dgram || fallback;
    if (sock.raw)
        fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
    if (fd >= 0) {
        sock.fd.reset(fd);
        return sock;
    }
    if (!requisite)
        return sock;
    int err = errno;
    warn(prog, sock.raw ? "socktype: SOCK_RAW" : "socktype: SOCK_DGRAM");
    warn(prog, "socket", err);
    if (sock.raw && geteuid() != 0)
        warn(prog, "=> missing cap_net_raw+p capability or setuid?");
    fatal(prog, 2, "");
}

} // namespace nsbox::ping
