// The probe loop: open ICMP sockets (datagram when net.ipv4.ping_group_range
// allows, raw otherwise), find the target and our source address, then send
// echo requests on iputils' schedule and print what comes back, line for
// line as iputils 20221126 prints it, over IPv4 or IPv6.

#include "applets/ping/ping.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/ping/reply.hpp"
#include "applets/ping/stats.hpp"
#include "libnet/packet/checksum.hpp"
#include "libnet/packet/icmp.hpp"
#include "libnet/resolve.hpp"

namespace nsbox::ping {

std::string with_errno(const std::string& message, int errnum)
{
    if (!errnum)
        return message;
    return message + ": " + std::strerror(errnum);
}

namespace {

namespace pk = net::packet;

constexpr int max_ip_len = 60;
constexpr int max_icmp_len = 76;
constexpr int min_interval_ms = 10; // the shortest gap iputils waits for replies
constexpr size_t timeval_len = sizeof(timeval);

// The raw-socket ICMP type filter of <linux/icmp.h> (which clashes with
// <net/if.h>): a set bit drops that type.
constexpr int icmp_filter_option = 1; // ICMP_FILTER
struct IcmpFilter {
    uint32_t data;
};

// IPv6 flow label management of <linux/in6.h> (which clashes with
// <netinet/in.h>): -F asks the kernel for a label of our own.
constexpr int ipv6_flowlabel_mgr = 32; // IPV6_FLOWLABEL_MGR
constexpr int ipv6_flowinfo_send = 33; // IPV6_FLOWINFO_SEND
struct FlowlabelReq {
    in6_addr dst;
    uint32_t label; // network order
    uint8_t action; // IPV6_FL_A_GET = 0
    uint8_t share;  // IPV6_FL_S_EXCL = 1
    uint16_t flags; // IPV6_FL_F_CREATE = 1
    uint16_t expires;
    uint16_t linger;
    uint32_t pad;
};

// iputils' texts for ICMP messages (pr_icmph), as constexpr tables.
constexpr std::string_view unreach_text[] = {
    "Destination Net Unreachable",
    "Destination Host Unreachable",
    "Destination Protocol Unreachable",
    "Destination Port Unreachable",
    "", // 4: fragmentation needed, printed with the MTU
    "Source Route Failed",
    "Destination Net Unknown",
    "Destination Host Unknown",
    "Source Host Isolated",
    "Destination Net Prohibited",
    "Destination Host Prohibited",
    "Destination Net Unreachable for Type of Service",
    "Destination Host Unreachable for Type of Service",
    "Packet filtered",
    "Precedence Violation",
    "Precedence Cutoff",
};
constexpr std::string_view redirect_text[] = {
    "Redirect Network",
    "Redirect Host",
    "Redirect Type of Service and Network",
    "Redirect Type of Service and Host",
};
constexpr std::string_view time_exceeded_text[] = {
    "Time to live exceeded",
    "Frag reassembly time exceeded",
};

// ICMPv6 (iputils' print_icmp).
constexpr std::string_view unreach6_text[] = {
    "No route",
    "Administratively prohibited",
    "Beyond scope of source address",
    "Address unreachable",
    "Port unreachable",
    "Source address failed ingress/egress policy",
    "Reject route to destination",
};

// getaddrinfo's gai_strerror texts for the ways a lookup fails.
std::string_view lookup_error_text(net::LookupStatus s)
{
    switch (s) {
    case net::LookupStatus::not_found: return "Name or service not known";
    case net::LookupStatus::try_again: return "Temporary failure in name resolution";
    case net::LookupStatus::no_data: return "No address associated with hostname";
    default: return "Non-recoverable failure in name resolution";
    }
}

// CLOCK_MONOTONIC_RAW readings and iputils' millisecond arithmetic on them.
timespec now_raw()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC_RAW, &t);
    return t;
}

long elapsed_ms(const timespec& from, const timespec& to)
{
    return (to.tv_sec - from.tv_sec) * 1000 + (to.tv_nsec - from.tv_nsec) / 1000000;
}

// A file descriptor closed on scope exit.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd()
    {
        if (fd_ >= 0)
            close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd& operator=(Fd&& o) noexcept
    {
        std::swap(fd_, o.fd_);
        return *this;
    }
    int get() const { return fd_; }

private:
    int fd_ = -1;
};

// One ICMP socket of one family, and whether it is a raw one.
struct IcmpSocket {
    Fd fd;
    bool raw = false;
    bool open() const { return fd.get() >= 0; }
};

class Pinger {
public:
    Pinger(const Options& o, const char* prog) : o_(o), prog_(prog), interval_(o.interval_ms) {}

    int run()
    {
        int family = o_.family;
        if (family != AF_INET6)
            open_socket(sock4_, AF_INET, family == AF_INET);
        if (family != AF_INET)
            open_socket(sock6_, AF_INET6, !sock4_.open());
        // One family only when the other has no socket.
        if (family == AF_UNSPEC)
            family = !sock4_.open() ? AF_INET6 : !sock6_.open() ? AF_INET : AF_UNSPEC;
        if (o_.verbose) {
            auto type = [](const IcmpSocket& s) { return !s.open() ? "0" : s.raw ? "SOCK_RAW" : "SOCK_DGRAM"; };
            flush();
            std::fprintf(stderr, "%s: sock4.fd: %d (socktype: %s), sock6.fd: %d (socktype: %s), hints.ai_family: %s\n\n",
                         prog_, sock4_.fd.get(), type(sock4_), sock6_.fd.get(), type(sock6_),
                         family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNSPEC");
        }
        if (o_.tos && sock4_.open() && setsockopt(sock4_.fd.get(), IPPROTO_IP, IP_TOS, &o_.tos, sizeof o_.tos) < 0)
            throw Fatal(2, with_errno("setsockopt", errno));
        if (o_.tos && sock6_.open() &&
            setsockopt(sock6_.fd.get(), IPPROTO_IPV6, IPV6_TCLASS, &o_.tos, sizeof o_.tos) < 0)
            throw Fatal(2, with_errno("setsockopt", errno));

        const std::string& target = o_.operands.back();
        auto addresses = resolve(target);
        for (size_t i = 0; i < addresses.size(); ++i) {
            const auto& a = addresses[i];
            bool last = i + 1 == addresses.size();
            if (family != AF_UNSPEC && a.address.family != family) {
                if (last)
                    throw Fatal(2, target + ": Address family for hostname not supported");
                continue;
            }
            if (o_.verbose)
                out(fmt::format("ai->ai_family: {}, ai->ai_canonname: '{}'\n",
                                a.address.family == AF_INET ? "AF_INET" : "AF_INET6", a.canonical));
            std::optional<int> rc = a.address.family == AF_INET ? run4(a, target, last) : run6(a, target, last);
            if (rc)
                return *rc;
        }
        return 2;
    }

private:
    // A destination: an address and, for a scoped IPv6 literal, its scope.
    struct Dest {
        net::HostAddress address;
        uint32_t scope_id = 0;
        std::string canonical;
    };

    // ----- output: stdio, flushed where iputils flushes
    void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }
    void flush() { std::fflush(stdout); }
    // error(0, errnum, ...): a warning on stderr, after what stdout holds.
    void warn(const std::string& message, int errnum = 0)
    {
        flush();
        std::fprintf(stderr, "%s: %s\n", prog_, with_errno(message, errnum).c_str());
    }
    void print_timestamp()
    {
        if (!o_.timestamps)
            return;
        timeval tv{};
        gettimeofday(&tv, nullptr);
        out(fmt::format("[{}.{:06}] ", static_cast<unsigned long>(tv.tv_sec), static_cast<unsigned long>(tv.tv_usec)));
    }

    // ----- setup

    // A datagram ICMP socket when the kernel lets this group have one, else a
    // raw one (CAP_NET_RAW). A failure is reported only when this family is
    // the last hope (`requisite`), as iputils does.
    void open_socket(IcmpSocket& sock, int family, bool requisite)
    {
        int proto = family == AF_INET ? int(IPPROTO_ICMP) : int(IPPROTO_ICMPV6);
        bool want_dgram = !(o_.ident && *o_.ident == 0); // identifier 0 needs a raw socket
        int fd = -1;
        bool fallback = false;
        errno = 0;
        if (want_dgram) {
            fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, proto);
            if (fd < 0 && ((errno == EAFNOSUPPORT && family == AF_INET) || errno == EPROTONOSUPPORT ||
                           errno == EACCES))
                fallback = true;
        }
        sock.raw = !want_dgram || fallback;
        if (sock.raw)
            fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
        if (fd >= 0) {
            sock.fd = Fd(fd);
            return;
        }
        if (!requisite)
            return;
        int err = errno;
        warn(sock.raw ? "socktype: SOCK_RAW" : "socktype: SOCK_DGRAM");
        warn("socket", err);
        if (sock.raw && geteuid() != 0)
            warn("=> missing cap_net_raw+p capability or setuid?");
        throw Fatal(2, "");
    }

    // getaddrinfo(AF_UNSPEC) as iputils calls it: a literal is decided here
    // (with an IPv6 "%scope"), a name goes to the hosts file and DNS.
    std::vector<Dest> resolve(const std::string& target)
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
                    throw Fatal(2, target + ": Name or service not known");
            }
            if (auto v6 = net::parse_ipv6_numeric(addr))
                return {Dest{net::HostAddress::from_v6(*v6), scope, target}};
        }
        auto r = net::resolve_host(target, AF_UNSPEC);
        if (r.status != net::LookupStatus::ok)
            throw Fatal(2, fmt::format("{}: {}", target, lookup_error_text(r.status)));
        // glibc puts the canonical name on the first answer only; iputils
        // 20221126 prints an empty name when it pings a later one.
        std::vector<Dest> out;
        for (const auto& a : r.addresses)
            out.push_back({a, 0, out.empty() ? (r.canonical.empty() ? target : r.canonical) : ""});
        return out;
    }

    void bind_to_device(int fd)
    {
        if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) == 0)
            return;
        int err = errno;
        if (IN_MULTICAST(ntohl(whereto_.sin_addr.s_addr))) {
            ip_mreqn imr{};
            imr.imr_ifindex = int(if_index(fd));
            if (setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &imr, sizeof imr) < 0)
                throw Fatal(2, with_errno("IP_MULTICAST_IF", errno));
            return;
        }
        throw Fatal(2, with_errno("SO_BINDTODEVICE " + o_.device, err));
    }

    unsigned if_index(int fd)
    {
        ifreq ifr{};
        std::strncpy(ifr.ifr_name, o_.device.c_str(), IFNAMSIZ - 1);
        if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
            throw Fatal(2, "unknown iface: " + o_.device);
        return unsigned(ifr.ifr_ifindex);
    }

    void set_mark(int fd)
    {
        if (!o_.mark)
            return;
        unsigned mark = *o_.mark;
        if (setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof mark) < 0)
            warn(fmt::format("WARNING: failed to set mark: {}", mark), errno);
    }

    // Buffers sized as iputils estimates a packet's memory.
    void set_buffers(int header_overhead)
    {
        int fd = sock_->fd.get();
        int hold = int(o_.datalen) + 8;
        hold += ((hold + 511) / 512) * (header_overhead + 16 + 64 + 160);
        int sndbuf = o_.sndbuf ? o_.sndbuf : hold;
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
        int rcvbuf = hold * o_.preload;
        int want = std::max(rcvbuf, 65536);
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want);
        int got = 0;
        socklen_t glen = sizeof got;
        if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &glen) == 0 && got < rcvbuf)
            warn("WARNING: probably, rcvbuf is not enough to hold preload");
    }

    // ping4_run: our source address (a UDP socket connected towards the
    // target tells), the device binding and IPv4 socket options. nullopt:
    // no route, try the next address.
    std::optional<int> run4(const Dest& d, const std::string& target, bool last)
    {
        if (o_.datalen > max_datalen)
            throw Fatal(1, fmt::format("invalid -s value: '{}': out of range: 0 <= value <= {}", o_.datalen,
                                       max_datalen));
        v6_ = false;
        sock_ = &sock4_;
        int fd = sock_->fd.get();
        whereto_.sin_family = AF_INET;
        whereto_.sin_addr = d.address.v4;
        // More than one operand: the hops of -T tsprespec (up to four), or
        // a source route (which nsbox does not send).
        size_t hops = o_.operands.size() - 1;
        if (hops) {
            if (o_.record_route || (o_.ts_type && (*o_.ts_type != ipopt::ts_prespec || hops > 4)) ||
                (!o_.ts_type && hops > 9))
                usage_exit();
            if (!o_.ts_type)
                throw Fatal(2, "source routing (more than one destination) is not supported by nsbox");
            route_.clear();
            for (size_t i = 0; i < hops; ++i)
                route_.push_back(resolve4(o_.operands[i]));
        }
        if (net::parse_ipv4_numeric(target)) {
            hostname_ = target;
            numeric_ = true; // a single numeric target: no reverse lookups
        } else {
            hostname_ = d.canonical;
        }
        if (o_.numeric)
            numeric_ = true;

        if (o_.source) {
            source_.sin_family = AF_INET;
            source_.sin_addr = *o_.source;
            if (!o_.device.empty())
                bind_to_device(fd);
        } else {
            Fd probe(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
            if (probe.get() < 0)
                throw Fatal(2, with_errno("socket", errno));
            if (!o_.device.empty()) {
                bind_to_device(probe.get());
                bind_to_device(fd);
            }
            if (o_.tos && setsockopt(probe.get(), IPPROTO_IP, IP_TOS, &o_.tos, sizeof o_.tos) < 0)
                warn("warning: QOS sockopts", errno);
            set_mark(probe.get());
            probe_dst_ = whereto_;
            probe_dst_.sin_port = htons(1025);
            sockaddr_in first_hop = probe_dst_;
            if (!route_.empty())
                first_hop.sin_addr = route_.front();
            if (connect(probe.get(), reinterpret_cast<const sockaddr*>(&first_hop), sizeof first_hop) < 0) {
                if (errno == EACCES) {
                    if (!o_.broadcast)
                        throw Fatal(2, "Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
                    flush();
                    std::fputs("WARNING: pinging broadcast address\n", stderr);
                    int on = 1;
                    if (setsockopt(probe.get(), SOL_SOCKET, SO_BROADCAST, &on, sizeof on) < 0)
                        throw Fatal(2, with_errno("cannot set broadcasting", errno));
                    if (connect(probe.get(), reinterpret_cast<const sockaddr*>(&first_hop), sizeof first_hop) < 0)
                        throw Fatal(2, with_errno("connect", errno));
                } else if ((errno == EHOSTUNREACH || errno == ENETUNREACH) && !last) {
                    return std::nullopt;
                } else {
                    throw Fatal(2, with_errno("connect", errno));
                }
            }
            socklen_t alen = sizeof source_;
            if (getsockname(probe.get(), reinterpret_cast<sockaddr*>(&source_), &alen) < 0)
                throw Fatal(2, with_errno("getsockname", errno));
            source_.sin_port = 0;
            if (!o_.device.empty())
                check_device_source(AF_INET, &source_.sin_addr);
        }
        if (whereto_.sin_addr.s_addr == 0)
            whereto_.sin_addr = source_.sin_addr;
        if (!o_.device.empty())
            if_index(fd);

        int pmtudisc = o_.pmtudisc;
        if (o_.broadcast || IN_MULTICAST(ntohl(whereto_.sin_addr.s_addr))) {
            multicast_ = true;
            if (getuid() != 0) {
                if (interval_ < 1000)
                    throw Fatal(2, fmt::format("broadcast ping with too short interval: {}", interval_));
                if (pmtudisc >= 0 && pmtudisc != IP_PMTUDISC_DO)
                    throw Fatal(2, "broadcast ping does not fragment");
            }
            if (pmtudisc < 0)
                pmtudisc = IP_PMTUDISC_DO;
        }
        if (pmtudisc >= 0 && setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, &pmtudisc, sizeof pmtudisc) < 0)
            throw Fatal(2, with_errno("IP_MTU_DISCOVER", errno));

        // A datagram socket takes its identifier from the port it is bound to.
        bool set_ident = o_.ident && *o_.ident > 0 && !sock_->raw;
        sockaddr_in bind_addr = source_;
        if (set_ident)
            bind_addr.sin_port = htons(*o_.ident);
        if ((o_.strict_source || set_ident) &&
            bind(fd, reinterpret_cast<const sockaddr*>(&bind_addr), sizeof bind_addr) < 0)
            throw Fatal(2, with_errno("bind", errno));

        int on = 1;
        if (sock_->raw) {
            // Only the ICMP types an echo can be answered with.
            IcmpFilter filt{};
            using namespace pk::icmp_type;
            filt.data = ~((1u << source_quench) | (1u << dest_unreach) | (1u << time_exceeded) |
                          (1u << param_problem) | (1u << redirect) | (1u << echo_reply));
            if (setsockopt(fd, SOL_RAW, icmp_filter_option, &filt, sizeof filt) < 0)
                warn("WARNING: setsockopt(ICMP_FILTER)", errno);
        }
        if (setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof on) < 0)
            warn("WARNING: your kernel is veeery old. No problems.");
        if (!sock_->raw) {
            if (setsockopt(fd, SOL_IP, IP_RECVTTL, &on, sizeof on) < 0)
                warn("WARNING: setsockopt(IP_RECVTTL)", errno);
            if (setsockopt(fd, SOL_IP, IP_RETOPTS, &on, sizeof on) < 0)
                warn("WARNING: setsockopt(IP_RETOPTS)", errno);
        }
        // -R and -T: the IP option every probe carries.
        if (o_.record_route) {
            auto opt = record_route_option();
            if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0)
                throw Fatal(2, with_errno("record route", errno));
            optlen_ = 40;
        }
        if (o_.ts_type) {
            auto opt = timestamp_option(uint8_t(*o_.ts_type), route_);
            if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0) {
                opt[3] = 2; // iputils' second try
                if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0)
                    throw Fatal(2, with_errno("ts option", errno));
            }
            optlen_ = 40;
        }
        set_buffers(optlen_ + 20);
        if (o_.broadcast) {
            int yes = 1;
            if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &yes, sizeof yes) < 0)
                throw Fatal(2, with_errno("cannot set broadcasting", errno));
        }
        if (o_.no_loop) {
            int loop = 0;
            if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) < 0)
                throw Fatal(2, with_errno("cannot disable multicast loopback", errno));
        }
        if (o_.ttl) {
            int ttl = *o_.ttl;
            if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) < 0)
                throw Fatal(2, with_errno("cannot set multicast time-to-live", errno));
            if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl) < 0)
                throw Fatal(2, with_errno("cannot set unicast time-to-live", errno));
        }
        timing_ = o_.datalen >= long(timeval_len);
        packlen_ = size_t(o_.datalen) + max_ip_len + max_icmp_len;

        char dst[INET_ADDRSTRLEN], src[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &whereto_.sin_addr, dst, sizeof dst);
        inet_ntop(AF_INET, &source_.sin_addr, src, sizeof src);
        out(fmt::format("PING {} ({}) ", hostname_, dst));
        if (!o_.device.empty() || o_.strict_source)
            out(fmt::format("from {} {}: ", src, o_.device));
        out(fmt::format("{}({}) bytes of data.\n", o_.datalen, o_.datalen + 8 + optlen_ + 20));

        setup();
        if (o_.connect_socket &&
            connect(fd, reinterpret_cast<const sockaddr*>(&probe_dst_), sizeof probe_dst_) < 0)
            throw Fatal(2, with_errno("connect failed", errno));
        return main_loop();
    }

    // ping6_run: the same for IPv6. The header names the target as typed
    // and its address through pr_addr.
    std::optional<int> run6(const Dest& d, const std::string& target, bool last)
    {
        v6_ = true;
        sock_ = &sock6_;
        int fd = sock_->fd.get();
        if (o_.operands.size() > 1)
            throw Fatal(2, "more than one destination is not supported by nsbox");
        whereto6_ = {};
        whereto6_.sin6_family = AF_INET6;
        whereto6_.sin6_addr = d.address.v6;
        whereto6_.sin6_scope_id = d.scope_id;
        whereto6_.sin6_port = htons(IPPROTO_ICMPV6);
        if (target.find(':') != std::string::npos || o_.numeric)
            numeric_ = true;
        hostname_ = target;

        sockaddr_in6 firsthop = whereto6_;
        if (o_.source6) {
            source6_.sin6_family = AF_INET6;
            source6_.sin6_addr = *o_.source6;
            if (!o_.device.empty() &&
                (IN6_IS_ADDR_LINKLOCAL(&source6_.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&source6_.sin6_addr)))
                source6_.sin6_scope_id = if_nametoindex_or_fail();
        } else {
            Fd probe(socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
            if (probe.get() < 0)
                throw Fatal(2, with_errno("socket", errno));
            if (!o_.device.empty()) {
                unsigned iface = if_nametoindex_or_fail();
                if (IN6_IS_ADDR_LINKLOCAL(&firsthop.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&firsthop.sin6_addr))
                    firsthop.sin6_scope_id = iface;
                in6_pktinfo ipi{};
                ipi.ipi6_ifindex = int(iface);
                if (setsockopt(probe.get(), IPPROTO_IPV6, IPV6_PKTINFO, &ipi, sizeof ipi) < 0 ||
                    setsockopt(fd, IPPROTO_IPV6, IPV6_PKTINFO, &ipi, sizeof ipi) < 0)
                    throw Fatal(2, with_errno("setsockopt(IPV6_PKTINFO)", errno));
                if (setsockopt(probe.get(), SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(),
                               socklen_t(o_.device.size() + 1)) < 0 ||
                    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) < 0)
                    throw Fatal(2, with_errno("setsockopt(SO_BINDTODEVICE) " + o_.device, errno));
            }
            if (o_.tos && setsockopt(probe.get(), IPPROTO_IPV6, IPV6_TCLASS, &o_.tos, sizeof o_.tos) < 0)
                throw Fatal(2, with_errno("setsockopt(IPV6_TCLASS)", errno));
            set_mark(probe.get());
            // iputils 20221126 leaves the family of a link-local first hop
            // unset: its connect() is an AF_UNSPEC "disconnect" and the
            // source it then reads is "::".
            if (IN6_IS_ADDR_LINKLOCAL(&firsthop.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&firsthop.sin6_addr))
                firsthop.sin6_family = AF_UNSPEC;
            firsthop.sin6_port = htons(1025);
            if (connect(probe.get(), reinterpret_cast<const sockaddr*>(&firsthop), sizeof firsthop) < 0) {
                if ((errno == EHOSTUNREACH || errno == ENETUNREACH) && !last)
                    return std::nullopt;
                throw Fatal(2, with_errno("connect", errno));
            }
            socklen_t alen = sizeof source6_;
            if (getsockname(probe.get(), reinterpret_cast<sockaddr*>(&source6_), &alen) < 0)
                throw Fatal(2, with_errno("getsockname", errno));
            source6_.sin6_family = AF_INET6;
            source6_.sin6_port = 0;
            if (!o_.device.empty())
                check_device_source(AF_INET6, &source6_.sin6_addr);
        }
        if (!o_.device.empty() && o_.strict_source &&
            setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) < 0)
            throw Fatal(2, with_errno("SO_BINDTODEVICE " + o_.device, errno));

        int pmtudisc = o_.pmtudisc;
        if (IN6_IS_ADDR_MULTICAST(&whereto6_.sin6_addr)) {
            multicast_ = true;
            if (getuid() != 0) {
                if (interval_ < 1000)
                    throw Fatal(2, fmt::format("multicast ping with too short interval: {}", interval_));
                if (pmtudisc >= 0 && pmtudisc != IPV6_PMTUDISC_DO)
                    throw Fatal(2, "multicast ping does not fragment");
            }
            if (pmtudisc < 0)
                pmtudisc = IPV6_PMTUDISC_DO;
        }
        // A Subnet-Router anycast address (for /64) answers from another one.
        subnet_router_anycast_ = std::all_of(whereto6_.sin6_addr.s6_addr + 8, whereto6_.sin6_addr.s6_addr + 16,
                                             [](uint8_t b) { return b == 0; });
        if (pmtudisc >= 0 && setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtudisc, sizeof pmtudisc) < 0)
            throw Fatal(2, with_errno("IPV6_MTU_DISCOVER", errno));

        bool set_ident = o_.ident && *o_.ident > 0 && !sock_->raw;
        sockaddr_in6 bind_addr = source6_;
        if (set_ident)
            bind_addr.sin6_port = htons(*o_.ident);
        if ((o_.strict_source || set_ident) &&
            bind(fd, reinterpret_cast<const sockaddr*>(&bind_addr), sizeof bind_addr) < 0)
            throw Fatal(2, with_errno("bind icmp socket", errno));

        timing_ = o_.datalen >= long(timeval_len);
        packlen_ = size_t(o_.datalen) + 8 + 4096 + 40 + 8;
        int on = 1;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on) < 0)
            throw Fatal(2, with_errno("IPV6_RECVERR", errno));
        set_buffers(40);
        if (sock_->raw) {
            int csum_offset = 2;
            if (setsockopt(fd, SOL_RAW, IPV6_CHECKSUM, &csum_offset, sizeof csum_offset) < 0)
                warn("setsockopt(RAW_CHECKSUM) failed - try to continue", errno);
            icmp6_filter filter;
            ICMP6_FILTER_SETBLOCKALL(&filter);
            ICMP6_FILTER_SETPASS(pk::icmp6_type::echo_reply, &filter);
            if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) < 0)
                throw Fatal(2, with_errno("setsockopt(ICMP6_FILTER)", errno));
        }
        if (o_.no_loop) {
            int loop = 0;
            if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) < 0)
                throw Fatal(2, with_errno("can't disable multicast loopback", errno));
        }
        if (o_.ttl) {
            int hops = *o_.ttl;
            if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) < 0)
                throw Fatal(2, with_errno("can't set multicast hop limit", errno));
            if (setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops) < 0)
                throw Fatal(2, with_errno("can't set unicast hop limit", errno));
        }
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on) < 0)
            throw Fatal(2, with_errno("can't receive hop limit", errno));
        if (o_.flowlabel) {
            FlowlabelReq req{};
            req.dst = whereto6_.sin6_addr;
            req.label = htonl(*o_.flowlabel & 0xfffff);
            req.action = 0;
            req.share = 1;
            req.flags = 1;
            if (setsockopt(fd, IPPROTO_IPV6, ipv6_flowlabel_mgr, &req, sizeof req) < 0)
                throw Fatal(2, with_errno("can't set flowlabel", errno));
            whereto6_.sin6_flowinfo = req.label;
            if (setsockopt(fd, IPPROTO_IPV6, ipv6_flowinfo_send, &on, sizeof on) < 0)
                throw Fatal(2, with_errno("can't send flowinfo", errno));
        }

        out(fmt::format("PING {}({}) ", hostname_, pr_addr(net::HostAddress::from_v6(whereto6_.sin6_addr),
                                                           whereto6_.sin6_scope_id)));
        if (!o_.device.empty() || o_.strict_source)
            out(fmt::format("from {} {}: ", numeric_text(net::HostAddress::from_v6(source6_.sin6_addr),
                                                         source6_.sin6_scope_id),
                            o_.device));
        if (o_.flowlabel)
            out(fmt::format(", flow 0x{:05x}, ", ntohl(whereto6_.sin6_flowinfo)));
        out(fmt::format("{} data bytes\n", o_.datalen));

        setup();
        return main_loop();
    }

    // usage(): the usage text on stderr, exit 2.
    [[noreturn]] void usage_exit()
    {
        flush();
        std::fputs(usage_text().c_str(), stderr);
        throw Fatal(2, "");
    }

    // A hop named on the command line (-T tsprespec), as iputils looks it up.
    in_addr resolve4(const std::string& name)
    {
        in_addr a{};
        if (inet_aton(name.c_str(), &a))
            return a;
        auto r = net::resolve_host(name, AF_INET);
        if (r.status != net::LookupStatus::ok || r.addresses.empty())
            throw Fatal(2, fmt::format("{}: {}", name, lookup_error_text(r.status)));
        return r.addresses.front().v4;
    }

    unsigned if_nametoindex_or_fail()
    {
        unsigned i = if_nametoindex(o_.device.c_str());
        if (!i)
            throw Fatal(2, "unknown iface: " + o_.device);
        return i;
    }

    // With -I DEVICE, warn when the source address the kernel picked is not
    // one of the device's.
    void check_device_source(int family, const void* addr)
    {
        ifaddrs* list = nullptr;
        if (getifaddrs(&list) != 0)
            throw Fatal(2, with_errno(family == AF_INET ? "gatifaddrs failed" : "getifaddrs", errno));
        bool found = false;
        for (ifaddrs* i = list; i && !found; i = i->ifa_next) {
            if (!i->ifa_name || !i->ifa_addr || i->ifa_addr->sa_family != family || o_.device != i->ifa_name)
                continue;
            if (family == AF_INET) {
                sockaddr_in sin{};
                std::memcpy(&sin, i->ifa_addr, sizeof sin);
                found = std::memcmp(&sin.sin_addr, addr, sizeof sin.sin_addr) == 0;
            } else {
                sockaddr_in6 sin6{};
                std::memcpy(&sin6, i->ifa_addr, sizeof sin6);
                found = std::memcmp(&sin6.sin6_addr, addr, sizeof sin6.sin6_addr) == 0;
            }
        }
        freeifaddrs(list);
        if (!found)
            warn("Warning: source address might be selected on device other than: " + o_.device);
    }

    // iputils' setup(): interval limits, socket options, the payload, the
    // identifier, signals and the deadline.
    void setup()
    {
        if (o_.flood && !o_.interval_given)
            interval_ = 0;
        if (getuid() != 0 && interval_ < min_user_interval_ms)
            throw Fatal(2, fmt::format("cannot flood; minimal interval allowed for user is {}ms", min_user_interval_ms));
        if (interval_ >= INT_MAX / o_.preload)
            throw Fatal(2, fmt::format("illegal preload and/or interval: {}", interval_));
        int fd = sock_->fd.get();
        int on = 1;
        if (o_.so_debug)
            setsockopt(fd, SOL_SOCKET, SO_DEBUG, &on, sizeof on);
        if (o_.dont_route)
            setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &on, sizeof on);
        latency_ = o_.latency;
        if (!latency_ && setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on) < 0)
            warn("Warning: no SO_TIMESTAMP support, falling back to SIOCGSTAMP");
        set_mark(fd);
        // Never block on a send longer than a second, or the interval.
        timeval tv{1, 0};
        if (interval_ < 1000) {
            tv.tv_sec = 0;
            tv.tv_usec = 1000 * std::max(interval_, min_interval_ms);
        }
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

        payload_.resize(size_t(o_.datalen));
        for (size_t i = 0; i < payload_.size(); ++i) {
            uint8_t b = static_cast<uint8_t>(i);
            if (o_.pattern)
                b = o_.pattern->empty() ? 0 : (*o_.pattern)[i % o_.pattern->size()];
            payload_[i] = std::byte(b);
        }
        // With timing, the first bytes carry the send time, written into
        // each probe just before it goes (send_probe): zero here.
        if (timing_)
            std::fill(payload_.begin(), payload_.begin() + long(timeval_len), std::byte(0));
        if (sock_->raw) {
            if (o_.ident) {
                ident_ = *o_.ident;
            } else {
                uint16_t r = 0;
                if (getrandom(&r, sizeof r, 0) != ssize_t(sizeof r))
                    r = static_cast<uint16_t>(getpid());
                ident_ = r;
            }
        } else {
            ident_ = o_.ident ? *o_.ident : 0xffff; // the kernel writes the socket's own
        }

        // SIGINT ends with statistics, SIGQUIT prints a status line: both
        // arrive through a signalfd polled with the socket.
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGQUIT);
        struct sigaction dfl{};
        dfl.sa_handler = SIG_DFL;
        sigaction(SIGINT, &dfl, nullptr); // a background job starts with SIGINT ignored
        sigaction(SIGQUIT, &dfl, nullptr);
        sigprocmask(SIG_BLOCK, &set, nullptr);
        sigfd_ = Fd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));

        start_time_ = now_raw();
        if (o_.deadline_s)
            deadline_at_ = add_us(start_time_, long(o_.deadline_s) * 1000000);
    }

    static timespec add_us(timespec t, long us)
    {
        t.tv_sec += us / 1000000;
        t.tv_nsec += (us % 1000000) * 1000;
        if (t.tv_nsec >= 1000000000) {
            ++t.tv_sec;
            t.tv_nsec -= 1000000000;
        }
        return t;
    }

    // ----- the loop

    int main_loop()
    {
        std::vector<std::byte> packet(packlen_);
        for (;;) {
            if (exiting_)
                break;
            if (o_.count && stats_.received() + stats_.errors() >= o_.count)
                break;
            if (o_.deadline_s && stats_.errors())
                break;
            if (status_snapshot_) {
                status_snapshot_ = false;
                std::fputs(stats_.status_line(timing_).c_str(), stderr);
            }
            long next;
            do {
                next = pinger();
                next = schedule_exit(next);
            } while (next <= 0);

            short revents = wait(next);
            if (exiting_ || !(revents & (POLLIN | POLLERR)))
                continue;
            receive(packet, revents & POLLERR);
        }
        return finish();
    }

    // Waits up to `next` ms for the socket, a signal or a timer.
    short wait(long next)
    {
        timespec now = now_raw();
        long timeout = next;
        for (const auto& t : {exit_at_, deadline_at_}) {
            if (!t)
                continue;
            long us = elapsed_to_us(now, *t);
            timeout = std::min(timeout, us <= 0 ? 0 : (us + 999) / 1000);
        }
        pollfd fds[2] = {{sock_->fd.get(), POLLIN, 0}, {sigfd_.get(), POLLIN, 0}};
        int rc = poll(fds, 2, int(std::min<long>(timeout, INT_MAX)));
        if (rc > 0 && (fds[1].revents & POLLIN))
            read_signals();
        now = now_raw();
        for (const auto& t : {exit_at_, deadline_at_})
            if (t && elapsed_to_us(now, *t) <= 0)
                exiting_ = true;
        return rc > 0 ? fds[0].revents : 0;
    }

    static long elapsed_to_us(const timespec& from, const timespec& to)
    {
        return (to.tv_sec - from.tv_sec) * 1000000 + (to.tv_nsec - from.tv_nsec) / 1000;
    }

    void read_signals()
    {
        signalfd_siginfo si{};
        while (read(sigfd_.get(), &si, sizeof si) == ssize_t(sizeof si)) {
            if (si.ssi_signo == SIGINT)
                exiting_ = true;
            else if (si.ssi_signo == SIGQUIT)
                status_snapshot_ = true;
        }
    }

    // Sends the probes due now; returns the milliseconds until the next one.
    long pinger()
    {
        if (exiting_ || (o_.count && stats_.transmitted_count() >= o_.count && !o_.deadline_s))
            return 1000;
        timespec now = now_raw();
        if (!started_) {
            started_ = true;
            cur_time_ = now;
            tokens_ = long(interval_) * (o_.preload - 1);
        } else {
            long ntokens = elapsed_ms(cur_time_, now);
            if (!interval_ && ntokens < min_interval_ms && stats_.in_flight() >= o_.preload)
                return min_interval_ms - ntokens;
            ntokens += tokens_;
            long cap = long(interval_) * o_.preload;
            if (cap < ntokens)
                ntokens = cap;
            if (ntokens < interval_)
                return interval_ - ntokens;
            cur_time_ = now;
            tokens_ = ntokens - interval_;
        }

        if (o_.outstanding && stats_.transmitted_count() > 0 &&
            !stats_.was_received(uint16_t(stats_.transmitted_count()))) {
            print_timestamp();
            out(fmt::format("no answer yet for icmp_seq={}\n", stats_.transmitted_count() % 65536));
            flush();
        }

        for (;;) {
            int err = send_probe();
            if (err == 0) {
                oom_count_ = 0;
                stats_.transmitted();
                if (!o_.quiet && o_.flood)
                    out(flood_mark::sent);
                return interval_ - tokens_;
            }
            bool report = true; // say "sendmsg: ..." for this failure
            if (err == ENOBUFS || err == ENOMEM) {
                // The device queue is full: the probe is not sent; wait a
                // little, up to -W in all, before calling it an error.
                tokens_ = 0;
                // Slow down: only -A acts on it.
                long rtt = long(stats_.ewma());
                rtt_addend_ += int(rtt < 8 * 50000 ? rtt / 8 : 50000);
                if (o_.adaptive)
                    update_interval();
                int nores = std::min(std::max(interval_ / 2, min_interval_ms), 500);
                ++oom_count_;
                if (long(oom_count_) * nores < long(o_.linger_ms))
                    return nores;
            } else if (err == EAGAIN) { // the socket buffer is full
                tokens_ += interval_;
                return min_interval_ms;
            } else {
                // An ICMP error for an earlier probe may be what failed this
                // send: report it, then the send's own error.
                errno = err;
                int r = receive_error();
                if (r == 0 && confirm_allowed_ && err == EINVAL) {
                    confirm_allowed_ = false; // an old kernel without MSG_CONFIRM
                    continue;
                }
                if (r == 0 && !errno)
                    continue; // someone else's error: send again
                report = r >= 0;
            }
            stats_.transmitted(); // a hard local error: as if sent
            if (report && !o_.quiet) {
                if (o_.flood)
                    out(flood_mark::local_error);
                else
                    warn("sendmsg", err);
            }
            tokens_ = 0;
            return std::max(interval_, min_interval_ms);
        }
    }

    // -A: the interval follows the smoothed round trip.
    void update_interval()
    {
        long est = stats_.ewma() ? long(stats_.ewma() / 8) : long(interval_) * 1000;
        interval_ = int((est + rtt_addend_ + 500) / 1000);
        if (getuid() != 0 && interval_ < min_user_interval_ms)
            interval_ = min_user_interval_ms;
    }

    // Returns 0 when the probe went out, else the errno of the send.
    int send_probe()
    {
        uint16_t seq = uint16_t(stats_.transmitted_count() + 1);
        stats_.forget(seq);
        // The probe is built and summed before the clock is read, and the
        // timestamp's share of the checksum is added last (as iputils
        // does): the time it carries is as close to the send as it gets.
        size_t len = pk::icmp_header_len + payload_.size();
        if (probe_.size() != len)
            probe_.resize(len);
        if (v6_)
            pk::build_echo6_request(probe_, ident_, seq, payload_);
        else
            pk::build_echo_request(probe_, ident_, seq, payload_);
        if (timing_) {
            // payload_'s stamp area is zero: the sum so far leaves it out.
            std::span<std::byte> stamp(probe_.data() + pk::icmp_header_len, timeval_len);
            timeval tv{};
            gettimeofday(&tv, nullptr);
            std::memcpy(stamp.data(), &tv, sizeof tv);
            if (!v6_) { // IPv6: the kernel sums
                uint16_t sum = uint16_t(uint16_t(probe_[2]) << 8 | uint16_t(probe_[3]));
                sum = pk::checksum_finish(pk::checksum_add(uint16_t(~sum), stamp));
                probe_[2] = std::byte(sum >> 8);
                probe_[3] = std::byte(sum & 0xff);
            }
        }
        int flags = confirm_ && confirm_allowed_ ? MSG_CONFIRM : 0;
        confirm_ = false;
        ssize_t n = v6_ ? sendto(sock_->fd.get(), probe_.data(), len, flags,
                                 reinterpret_cast<const sockaddr*>(&whereto6_), sizeof whereto6_)
                        : sendto(sock_->fd.get(), probe_.data(), len, flags,
                                 reinterpret_cast<const sockaddr*>(&whereto_), sizeof whereto_);
        if (n == ssize_t(len))
            return 0;
        return n < 0 ? errno : EIO;
    }

    // Once the last probe is out, how long to wait for stragglers: twice the
    // longest round trip (at least the interval) when anything came back,
    // else -W.
    long schedule_exit(long next)
    {
        if (!(o_.count && stats_.transmitted_count() >= o_.count && !o_.deadline_s))
            return next;
        if (waittime_us_)
            return next;
        if (stats_.received()) {
            waittime_us_ = 2 * static_cast<unsigned long>(stats_.rtt_max());
            if (waittime_us_ < 1000 * static_cast<unsigned long>(interval_))
                waittime_us_ = 1000 * static_cast<unsigned long>(interval_);
        } else {
            waittime_us_ = static_cast<unsigned long>(o_.linger_ms) * 1000;
        }
        if (next < 0 || static_cast<unsigned long>(next) < waittime_us_ / 1000)
            next = long(waittime_us_ / 1000);
        if (waittime_us_)
            exit_at_ = add_us(now_raw(), long(waittime_us_));
        else
            exit_at_.reset(); // iputils' timer with a zero value never fires
        return next;
    }

    // Reads what the socket holds: replies, then queued errors.
    void receive(std::vector<std::byte>& packet, bool pollerr)
    {
        bool recv_error = pollerr;
        for (;;) {
            sockaddr_in6 from{}; // large enough for either family
            alignas(cmsghdr) char control[4096];
            iovec iov{packet.data(), packet.size()};
            msghdr msg{};
            msg.msg_name = &from;
            msg.msg_namelen = sizeof from;
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            ssize_t cc = recvmsg(sock_->fd.get(), &msg, MSG_DONTWAIT);
            if (cc < 0) {
                if ((errno == EAGAIN && !recv_error) || errno == EINTR)
                    break;
                recv_error = false;
                if (receive_error() == 0 && errno) {
                    warn("recvmsg", errno);
                    break;
                }
            } else {
                std::span<const std::byte> data(packet.data(), size_t(cc));
                Reply r = read_cmsgs(msg);
                if (v6_)
                    parse_reply6(r, data, from);
                else
                    parse_reply4(r, data, reinterpret_cast<const sockaddr_in&>(from));
            }
            if (stats_.in_flight() == 0)
                break;
        }
    }

    int receive_error() { return v6_ ? receive_error6() : receive_error4(); }

    // One message from the error queue. Returns how many ICMP errors about
    // our probes it held, or minus the local errors; leaves errno as it was
    // on entry unless the message was someone else's (then 0).
    int receive_error4()
    {
        int saved_errno = errno;
        int net_errors = 0, local_errors = 0;
        uint8_t icmph[8] = {};
        sockaddr_in target{};
        alignas(cmsghdr) char control[512];
        iovec iov{icmph, sizeof icmph};
        msghdr msg{};
        msg.msg_name = &target;
        msg.msg_namelen = sizeof target;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t res = recvmsg(sock_->fd.get(), &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (res >= 0) {
            const sock_extended_err* e = nullptr;
            for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
                if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
                    e = reinterpret_cast<const sock_extended_err*>(CMSG_DATA(c));
            if (!e) {
                saved_errno = 0;
            } else if (e->ee_origin == SO_EE_ORIGIN_LOCAL) {
                ++local_errors;
                if (!o_.quiet) {
                    if (o_.flood)
                        out(flood_mark::local_error);
                    else if (e->ee_errno != EMSGSIZE)
                        warn("local error: " + std::string(std::strerror(int(e->ee_errno))));
                    else
                        warn(fmt::format("local error: message too long, mtu={}", e->ee_info));
                    stats_.error();
                }
            } else if (e->ee_origin == SO_EE_ORIGIN_ICMP) {
                sockaddr_in offender{};
                std::memcpy(&offender, SO_EE_OFFENDER(e), sizeof offender);
                uint16_t id = uint16_t(icmph[4] << 8 | icmph[5]);
                uint16_t seq = uint16_t(icmph[6] << 8 | icmph[7]);
                if (res < 8 || target.sin_addr.s_addr != whereto_.sin_addr.s_addr ||
                    icmph[0] != pk::icmp_type::echo_request || !is_ours(id)) {
                    saved_errno = 0; // not our error, not an error at all
                } else {
                    stats_.acknowledge(seq);
                    if (sock_->raw) {
                        // From now on only echo replies and the rarer errors.
                        IcmpFilter filt{};
                        using namespace pk::icmp_type;
                        filt.data = ~((1u << source_quench) | (1u << redirect) | (1u << echo_reply));
                        if (setsockopt(sock_->fd.get(), SOL_RAW, icmp_filter_option, &filt, sizeof filt) < 0)
                            throw Fatal(2, with_errno("setsockopt(ICMP_FILTER)", errno));
                    }
                    ++net_errors;
                    stats_.error();
                    if (o_.flood && !o_.quiet) {
                        out(flood_mark::icmp_error);
                    } else if (!o_.quiet) {
                        print_timestamp();
                        out(fmt::format("From {} icmp_seq={} ", pr_addr(net::HostAddress::from_v4(offender.sin_addr)),
                                        seq));
                        out(icmp_text(e->ee_type, e->ee_code, e->ee_info, nullptr));
                        flush();
                    }
                }
            }
        }
        errno = saved_errno;
        return net_errors ? net_errors : -local_errors;
    }

    // The IPv6 error queue, where iputils differs: an empty queue counts as
    // a local error, an ICMPv6 error does not answer its probe (no pipe).
    int receive_error6()
    {
        int saved_errno = errno;
        int net_errors = 0, local_errors = 0;
        uint8_t icmph[8] = {};
        sockaddr_in6 target{};
        alignas(cmsghdr) char control[512];
        iovec iov{icmph, sizeof icmph};
        msghdr msg{};
        msg.msg_name = &target;
        msg.msg_namelen = sizeof target;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t res = recvmsg(sock_->fd.get(), &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (res < 0) {
            if (errno == EAGAIN || errno == EINTR)
                ++local_errors;
        } else {
            const sock_extended_err* e = nullptr;
            for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
                if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)
                    e = reinterpret_cast<const sock_extended_err*>(CMSG_DATA(c));
            if (!e) {
                saved_errno = 0;
            } else if (e->ee_origin == SO_EE_ORIGIN_LOCAL) {
                ++local_errors;
                if (!o_.quiet) {
                    if (o_.flood)
                        out(flood_mark::local_error);
                    else if (e->ee_errno != EMSGSIZE)
                        warn("local error", int(e->ee_errno));
                    else
                        warn(fmt::format("local error: message too long, mtu: {}", e->ee_info));
                    stats_.error();
                }
            } else if (e->ee_origin == SO_EE_ORIGIN_ICMP6) {
                sockaddr_in6 offender{};
                std::memcpy(&offender, SO_EE_OFFENDER(e), sizeof offender);
                uint16_t id = uint16_t(icmph[4] << 8 | icmph[5]);
                uint16_t seq = uint16_t(icmph[6] << 8 | icmph[7]);
                if (res < 8 || std::memcmp(&target.sin6_addr, &whereto6_.sin6_addr, 16) != 0 ||
                    icmph[0] != pk::icmp6_type::echo_request || !is_ours(id)) {
                    saved_errno = 0;
                } else {
                    ++net_errors;
                    stats_.error();
                    if (o_.flood && !o_.quiet) {
                        out(flood_mark::icmp_error);
                    } else if (!o_.quiet) {
                        print_timestamp();
                        out(fmt::format("From {} icmp_seq={} ",
                                        pr_addr(net::HostAddress::from_v6(offender.sin6_addr), offender.sin6_scope_id),
                                        seq));
                        out(icmp6_text(e->ee_type, e->ee_code, e->ee_info));
                        out("\n");
                        flush();
                    }
                }
            }
        }
        errno = saved_errno;
        return net_errors ? net_errors : -local_errors;
    }

    bool is_ours(uint16_t id) const { return !sock_->raw || id == ident_; }

    // What the control messages of a reply say.
    struct Reply {
        int ttl = -1; // IP_TTL / IPV6_HOPLIMIT, -1 when absent
        timeval when{};
        // IP_RETOPTS (datagram socket): the option bytes and the length
        // iputils walks, the control message's whole cmsg_len.
        std::vector<uint8_t> options;
        int options_total = 0;
    };

    Reply read_cmsgs(const msghdr& msg)
    {
        Reply r;
        std::optional<timeval> stamp;
        for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(const_cast<msghdr*>(&msg), c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMP &&
                c->cmsg_len >= CMSG_LEN(sizeof(timeval))) {
                timeval tv;
                std::memcpy(&tv, CMSG_DATA(c), sizeof tv);
                stamp = tv;
            } else if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RETOPTS) {
                const auto* data = reinterpret_cast<const uint8_t*>(CMSG_DATA(c));
                size_t n = c->cmsg_len > CMSG_LEN(0) ? c->cmsg_len - CMSG_LEN(0) : 0;
                r.options.assign(data, data + n);
                r.options_total = int(c->cmsg_len);
            } else if (c->cmsg_len >= CMSG_LEN(sizeof(int)) &&
                       ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) ||
                        (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT))) {
                int ttl;
                std::memcpy(&ttl, CMSG_DATA(c), sizeof ttl);
                r.ttl = c->cmsg_level == SOL_IP ? (ttl & 0xff) : ttl;
            }
        }
        if (latency_ || !stamp)
            gettimeofday(&r.when, nullptr);
        else
            r.when = *stamp;
        return r;
    }

    void parse_reply4(const Reply& r, std::span<const std::byte> data, const sockaddr_in& from)
    {
        int reply_ttl = r.ttl < 0 ? 0 : r.ttl; // a datagram socket without IP_TTL says 0
        pk::IcmpMessage icmp;
        std::span<const uint8_t> options(r.options);
        int options_total = r.options_total;
        try {
            if (sock_->raw) {
                auto d = pk::parse_ipv4_icmp(data);
                reply_ttl = d.ip.ttl;
                icmp = d.icmp;
                options = {reinterpret_cast<const uint8_t*>(d.ip.options.data()), d.ip.options.size()};
                options_total = int(d.ip.options.size());
            } else {
                icmp = pk::parse_icmp(data);
            }
        } catch (const pk::Truncated&) {
            return; // shorter than an IP header and 8 bytes: not ours
        } catch (const pk::BadHeader&) {
            return;
        }
        bool csfailed = !pk::icmp_checksum_ok(icmp.whole);
        auto from_addr = net::HostAddress::from_v4(from.sin_addr);

        if (icmp.type == pk::icmp_type::echo_reply) {
            if (!is_ours(icmp.id()) || !payload_matches(icmp.body))
                return;
            if (gather_statistics(icmp, csfailed, reply_ttl, r.when, pr_addr(from_addr), false))
                return;
            if (o_.audible)
                out("\a");
            out(ip_options_text(options, options_total, rr_memory_, o_.flood,
                                [this](in_addr a) { return pr_addr(net::HostAddress::from_v4(a)); }));
            out("\n");
            flush();
            return;
        }
        switch (icmp.type) {
        case pk::icmp_type::source_quench:
        case pk::icmp_type::redirect:
        case pk::icmp_type::dest_unreach:
        case pk::icmp_type::time_exceeded:
        case pk::icmp_type::param_problem: {
            auto q = pk::quoted_echo(icmp);
            if (!q)
                return;
            in_addr qdst{};
            std::memcpy(&qdst, q->ip.dst.data(), 4);
            if (qdst.s_addr != whereto_.sin_addr.s_addr || !is_ours(q->id))
                return;
            if (icmp.type != pk::icmp_type::redirect && icmp.type != pk::icmp_type::source_quench) {
                // Reported through the error queue; here it only answers.
                stats_.acknowledge(q->seq);
                return;
            }
            if (o_.quiet || o_.flood)
                return;
            print_timestamp();
            out(fmt::format("From {}: icmp_seq={} ", pr_addr(from_addr), q->seq));
            if (csfailed)
                out("(BAD CHECKSUM)");
            out(icmp_text(icmp.type, icmp.code, icmp.rest, &icmp));
            return;
        }
        default:
            return;
        }
    }

    // IPv6: the kernel checks checksums and delivers no IPv6 header; errors
    // come only through the error queue.
    void parse_reply6(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from)
    {
        pk::IcmpMessage icmp;
        try {
            icmp = pk::parse_icmp(data);
        } catch (const pk::Truncated&) {
            return;
        }
        if (icmp.type != pk::icmp6_type::echo_reply || !is_ours(icmp.id()))
            return;
        bool wrong_source = !multicast_ && !subnet_router_anycast_ &&
                            std::memcmp(&from.sin6_addr, &whereto6_.sin6_addr, 16) != 0;
        std::string from_text = pr_addr(net::HostAddress::from_v6(from.sin6_addr), from.sin6_scope_id);
        if (gather_statistics(icmp, false, r.ttl, r.when, from_text, wrong_source))
            return;
        if (o_.audible)
            out("\a");
        out("\n");
        flush();
    }

    // The reply's payload after the timestamp is what we sent.
    bool payload_matches(std::span<const std::byte> body) const
    {
        size_t end = std::min(payload_.size(), body.size());
        for (size_t i = timeval_len; i < end; ++i)
            if (body[i] != payload_[i])
                return false;
        return true;
    }

    // Counts a reply and prints its line (without the newline). True when
    // nothing more is to be printed for it.
    bool gather_statistics(const pk::IcmpMessage& icmp, bool csfailed, int ttl, timeval recv_time,
                           const std::string& from, bool wrong_source)
    {
        size_t cc = icmp.whole.size();
        std::optional<long> triptime;
        if (timing_ && cc >= pk::icmp_header_len + timeval_len) {
            timeval sent;
            std::memcpy(&sent, icmp.body.data(), sizeof sent);
            long t = (recv_time.tv_sec - sent.tv_sec) * 1000000 + (recv_time.tv_usec - sent.tv_usec);
            if (t < 0) {
                warn(fmt::format("Warning: time of day goes back ({}us), taking countermeasures", t));
                t = 0;
                if (!latency_) {
                    latency_ = true;
                    timeval now{};
                    gettimeofday(&now, nullptr);
                    t = std::max(0L, (now.tv_sec - sent.tv_sec) * 1000000 + (now.tv_usec - sent.tv_usec));
                }
            }
            triptime = t;
        }
        auto kind = stats_.reply(icmp.seq(), triptime, !csfailed);
        if (o_.adaptive && triptime && !csfailed)
            update_interval();
        confirm_ = true;
        if (o_.quiet)
            return true;
        if (o_.flood) {
            out(csfailed ? flood_mark::corrupted_reply : flood_mark::reply);
            if (o_.audible)
                out("\a");
            return true;
        }

        print_timestamp();
        out(fmt::format("{} bytes from {}: icmp_seq={}", cc, from, icmp.seq()));
        // -v names the identifier where ping chose it (raw socket, or -e).
        if (o_.verbose && (sock_->raw || o_.ident))
            out(fmt::format(" ident={}", icmp.id()));
        if (ttl >= 0)
            out(fmt::format(" ttl={}", ttl));
        if (cc < size_t(o_.datalen) + pk::icmp_header_len) {
            out(" (truncated)\n");
            flush();
            return true;
        }
        if (triptime)
            out(format_time(*triptime));
        if (kind == Statistics::Kind::duplicate && (!multicast_ || o_.verbose))
            out(" (DUP!)");
        if (csfailed)
            out(" (BAD CHECKSUM!)");
        if (wrong_source)
            out(" (DIFFERENT ADDRESS!)");
        return false;
    }

    // The numeric form getnameinfo gives: an IPv6 link-local address with
    // its scope ("fe80::1%eth0").
    static std::string numeric_text(const net::HostAddress& a, uint32_t scope_id)
    {
        std::string text = net::to_string(a);
        if (a.family == AF_INET6 && scope_id &&
            (IN6_IS_ADDR_LINKLOCAL(&a.v6) || IN6_IS_ADDR_MC_LINKLOCAL(&a.v6))) {
            char name[IF_NAMESIZE];
            text += '%';
            text += if_indextoname(scope_id, name) ? std::string(name) : std::to_string(scope_id);
        }
        return text;
    }

    // An address as iputils' pr_addr shows it: "name (address)" after a
    // reverse lookup, the bare address with -n, a numeric target, or when
    // the lookup could not be made. The last answer is remembered.
    std::string pr_addr(const net::HostAddress& a, uint32_t scope_id = 0)
    {
        if (last_addr_ && *last_addr_ == a && last_scope_ == scope_id)
            return last_text_;
        std::string text = numeric_text(a, scope_id);
        std::string name;
        if (!exiting_ && !numeric_) {
            auto r = net::reverse_lookup(a);
            if (r.status == net::LookupStatus::ok)
                name = r.name;
            else if (r.status == net::LookupStatus::not_found)
                name = text; // getnameinfo falls back to the number
        }
        last_addr_ = a;
        last_scope_ = scope_id;
        last_text_ = name.empty() ? text : fmt::format("{} ({})", name, text);
        return last_text_;
    }

    // pr_icmph: the description of an ICMP message, newline included.
    // `icmp` is the message itself when it came from the socket (not the
    // error queue).
    std::string icmp_text(uint8_t type, uint8_t code, uint32_t info, const pk::IcmpMessage* icmp)
    {
        using namespace pk::icmp_type;
        switch (type) {
        case echo_reply: return "Echo Reply\n";
        case dest_unreach:
            if (code == 4)
                return fmt::format("Frag needed and DF set (mtu = {})\n", info);
            if (code < std::size(unreach_text))
                return std::string(unreach_text[code]) + "\n";
            return fmt::format("Dest Unreachable, Bad Code: {}\n", code);
        case source_quench: return "Source Quench\n";
        case redirect: {
            std::string s = code < std::size(redirect_text) ? std::string(redirect_text[code])
                                                            : fmt::format("Redirect, Bad Code: {}", code);
            in_addr gw{};
            gw.s_addr = htonl(icmp ? icmp->rest : info); // both in host order
            return s + fmt::format("(New nexthop: {})\n", pr_addr(net::HostAddress::from_v4(gw)));
        }
        case echo_request: return "Echo Request\n";
        case time_exceeded:
            if (code < std::size(time_exceeded_text))
                return std::string(time_exceeded_text[code]) + "\n";
            return fmt::format("Time exceeded, Bad Code: {}\n", code);
        case param_problem:
            return fmt::format("Parameter problem: pointer = {}\n", icmp ? (icmp->rest >> 24) : info);
        case timestamp: return "Timestamp\n";
        case timestamp_reply: return "Timestamp Reply\n";
        case info_request: return "Information Request\n";
        case info_reply: return "Information Reply\n";
        case mask_request: return "Address Mask Request\n";
        case mask_reply: return "Address Mask Reply\n";
        default: return fmt::format("Bad ICMP type: {}\n", type);
        }
    }

    // print_icmp: the same for ICMPv6, without the newline.
    static std::string icmp6_text(uint8_t type, uint8_t code, uint32_t info)
    {
        using namespace pk::icmp6_type;
        switch (type) {
        case dest_unreach:
            if (code < std::size(unreach6_text))
                return "Destination unreachable: " + std::string(unreach6_text[code]);
            return fmt::format("Destination unreachable: Unknown code {}", code);
        case packet_too_big:
            return fmt::format("Packet too big: mtu={}", info) + (code ? fmt::format(", code={}", code) : "");
        case time_exceeded:
            if (code == 0)
                return "Time exceeded: Hop limit";
            if (code == 1)
                return "Time exceeded: Defragmentation failure";
            return fmt::format("Time exceeded: code {}", code);
        case param_problem: {
            std::string what = code == 0   ? "Wrong header field "
                               : code == 1 ? "Unknown header "
                               : code == 2 ? "Unknown option "
                                           : fmt::format("code {} ", code);
            return "Parameter problem: " + what + fmt::format("at {}", info);
        }
        case echo_request: return "Echo request";
        case echo_reply: return "Echo reply";
        case mld_query: return "MLD Query";
        case mld_report: return "MLD Report";
        case mld_reduction: return "MLD Reduction";
        default: return fmt::format("unknown icmp type: {}", type);
        }
    }

    int finish()
    {
        out("\n");
        flush();
        Statistics::Summary s;
        s.hostname = hostname_;
        s.elapsed_ms = 0;
        if (started_) {
            long ns = (cur_time_.tv_sec - start_time_.tv_sec) * 1000000000L + (cur_time_.tv_nsec - start_time_.tv_nsec);
            s.elapsed_ms = (ns / 1000000000L) * 1000 + ((ns % 1000000000L) + 500000) / 1000000;
            s.ipg_us = stats_.transmitted_count() > 1 ? (ns / 1000) / (stats_.transmitted_count() - 1) : 0;
        }
        s.timing = timing_;
        s.ipg = interval_ == 0 || o_.flood || o_.adaptive;
        std::string text = stats_.summary(s);
        out(std::string_view(text).substr(1)); // its leading blank line is out already
        flush();
        return stats_.exit_code(o_.deadline_s != 0, o_.count);
    }

    const Options& o_;
    const char* prog_;
    int interval_;
    IcmpSocket sock4_;
    IcmpSocket sock6_;
    IcmpSocket* sock_ = nullptr; // the one in use
    bool v6_ = false;
    Fd sigfd_;
    uint16_t ident_ = 0;
    sockaddr_in whereto_{};
    sockaddr_in source_{};
    sockaddr_in probe_dst_{};
    std::vector<in_addr> route_; // -T tsprespec's hops
    int optlen_ = 0;             // IP option bytes each probe carries (-R, -T)
    RouteMemory rr_memory_;      // -R: the route printed last
    int rtt_addend_ = 0;         // -A: slows down after a full device queue (us)
    sockaddr_in6 whereto6_{};
    sockaddr_in6 source6_{};
    bool subnet_router_anycast_ = false;
    std::string hostname_;
    bool numeric_ = false;
    bool multicast_ = false;
    bool timing_ = false;
    bool latency_ = false;
    bool confirm_ = false;         // a reply came: confirm the neighbour
    bool confirm_allowed_ = true;
    size_t packlen_ = 0;
    std::vector<std::byte> payload_;
    std::vector<std::byte> probe_; // the probe being sent, reused
    Statistics stats_;

    timespec start_time_{};
    timespec cur_time_{};
    bool started_ = false;
    long tokens_ = 0;
    int oom_count_ = 0;
    unsigned long waittime_us_ = 0;
    std::optional<timespec> exit_at_;
    std::optional<timespec> deadline_at_;
    bool exiting_ = false;
    bool status_snapshot_ = false;

    std::optional<net::HostAddress> last_addr_;
    uint32_t last_scope_ = 0;
    std::string last_text_;
};

} // namespace

int run(const Options& options, const char* prog)
{
    Pinger p(options, prog);
    return p.run();
}

} // namespace nsbox::ping
