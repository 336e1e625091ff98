// ping's top level, as iputils 20221126's main() after the options: open
// the ICMP sockets of both families (socket.cpp), find the target's
// addresses, and ping the first one that can be reached with the session of
// its family (session.hpp: the shared probe loop, ping4.cpp and ping6.cpp).

#include "applets/ping/ping.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include "applets/common/failure.hpp"
#include "applets/ping/session.hpp"
#include "applets/ping/socket.hpp"
#include "libnet/idna.hpp"
#include "libnet/inet.hpp"
#include "libnet/resolve.hpp"

namespace nsbox::ping {

std::string with_errno(const std::string& message, int errnum)
{
    if (!errnum)
        return message;
    return message + ": " + std::strerror(errnum);
}

void fatal(const char* prog, int code, std::string_view message)
{
    if (message.empty())
        throw cli::Failure(code, "");
    throw cli::Failure(code, fmt::format("{}: {}\n", prog, message));
}

namespace {

// getaddrinfo(AF_UNSPEC) as iputils calls it: a literal is decided here
// (with an IPv6 "%scope"), a name goes to the hosts file and DNS.
std::vector<Dest> resolve(const std::string& target, const char* prog)
{
    if (target.find(':') != std::string::npos) {
        std::string addr = target;
        uint32_t scope = 0;
        if (size_t pct = addr.find('%'); pct != std::string::npos) {
            std::string sc = addr.substr(pct + 1);
            addr.resize(pct);
            scope = if_nametoindex(sc.c_str());
            if (!scope && !sc.empty() && sc.find_first_not_of("0123456789") == std::string::npos)
                scope = static_cast<uint32_t>(std::strtoul(sc.c_str(), nullptr, 10));
            if (!scope)
                fatal(prog, 2, target + ": Name or service not known");
        }
        if (auto v6 = net::parse_ipv6_numeric(addr))
            return {Dest{net::HostAddress::from_v6(*v6), scope, target}};
    }
    // AI_IDN: a name in the locale's characters is looked up in ASCII
    // (libnet/idna); in the C locale it cannot be converted at all.
    // AI_CANONIDN: the canonical name comes back in Unicode.
    const bool utf8 = net::idna::utf8_locale();
    std::string lookup = target;
    if (!net::idna::is_ascii(target)) {
        std::optional<std::string> ace = utf8 ? net::idna::to_ascii(target) : std::nullopt;
        if (!ace)
            fatal(prog, 2, target + ": Parameter string not correctly encoded");
        lookup = std::move(*ace);
    }
    auto r = net::resolve_host(lookup, AF_UNSPEC);
    if (r.status != net::LookupStatus::ok)
        fatal(prog, 2, fmt::format("{}: {}", target, lookup_error_text(r.status)));
    std::string canonical = r.canonical.empty() ? target : utf8 ? net::idna::to_unicode(r.canonical) : r.canonical;
    // glibc puts the canonical name on the first answer only; iputils
    // 20221126 prints an empty name when it pings a later one.
    std::vector<Dest> out;
    for (const auto& a : r.addresses)
        out.push_back({a, 0, out.empty() ? canonical : ""});
    return out;
}

} // namespace

int run(const Options& o, const char* prog)
{
    int family = o.family;
    IcmpSocket sock4, sock6;
    if (family != AF_INET6)
        sock4 = open_icmp_socket(o, AF_INET, family == AF_INET, prog);
    if (family != AF_INET)
        sock6 = open_icmp_socket(o, AF_INET6, !sock4.open(), prog);
    // One family only when the other has no socket.
    if (family == AF_UNSPEC)
        family = !sock4.open() ? AF_INET6 : !sock6.open() ? AF_INET : AF_UNSPEC;
    if (o.verbose) {
        auto type = [](const IcmpSocket& s) { return !s.open() ? "0" : s.raw ? "SOCK_RAW" : "SOCK_DGRAM"; };
        std::fflush(stdout);
        std::fprintf(stderr, "%s: sock4.fd: %d (socktype: %s), sock6.fd: %d (socktype: %s), hints.ai_family: %s\n\n",
                     prog, sock4.fd.get(), type(sock4), sock6.fd.get(), type(sock6),
                     family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNSPEC");
    }
    if (o.tos && sock4.open() && setsockopt(sock4.fd.get(), IPPROTO_IP, IP_TOS, &o.tos, sizeof o.tos) < 0)
        fatal(prog, 2, with_errno("setsockopt", errno));
    if (o.tos && sock6.open() && setsockopt(sock6.fd.get(), IPPROTO_IPV6, IPV6_TCLASS, &o.tos, sizeof o.tos) < 0)
        fatal(prog, 2, with_errno("setsockopt", errno));

    const std::string& target = o.operands.back();
    auto addresses = resolve(target, prog);
    for (size_t i = 0; i < addresses.size(); ++i) {
        const auto& a = addresses[i];
        bool last = i + 1 == addresses.size();
        if (family != AF_UNSPEC && a.address.family != family) {
            if (last)
                fatal(prog, 2, target + ": Address family for hostname not supported");
            continue;
        }
        if (o.verbose) {
            std::string line = fmt::format("ai->ai_family: {}, ai->ai_canonname: '{}'\n",
                                           a.address.family == AF_INET ? "AF_INET" : "AF_INET6", a.canonical);
            std::fwrite(line.data(), 1, line.size(), stdout);
        }
        auto session = a.address.family == AF_INET ? ipv4_session(o, prog, sock4) : ipv6_session(o, prog, sock6);
        if (std::optional<int> rc = session->run(a, target, last))
            return *rc;
    }
    return 2;
}

} // namespace nsbox::ping
