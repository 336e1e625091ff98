// IPv4 (iputils' ping4_run, ping4_send_probe, ping4_parse_reply,
// ping4_receive_error_msg): the source address, IPv4 socket options and IP
// options (-R, -T), echo requests with their checksum, replies with or
// without an IP header, and errors from the error queue or (redirect,
// source quench) from the socket.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/ping/reply.hpp"
#include "applets/ping/session.hpp"
#include "libnet/packet/checksum.hpp"

namespace nsbox::ping {
namespace {

namespace pk = net::packet;

constexpr int max_ip_len = 60;
constexpr int max_icmp_len = 76;

// The raw-socket ICMP type filter of <linux/icmp.h> (which clashes with
// <net/if.h>): a set bit drops that type.
constexpr int icmp_filter_option = 1; // ICMP_FILTER
struct IcmpFilter {
    uint32_t data;
};

class Ping4 final : public Session {
public:
    using Session::Session;
    std::optional<int> run(const Dest& d, const std::string& target, bool last) override;

private:
    size_t build_probe(uint16_t seq) override { return pk::build_echo_request(probe_, ident_, seq, payload_); }
    void sum_stamp(std::span<const std::byte> stamp) override;
    const sockaddr* destination(socklen_t& len) const override
    {
        len = sizeof whereto_;
        return reinterpret_cast<const sockaddr*>(&whereto_);
    }
    void parse_reply(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from) override;
    int receive_error() override;

    void bind_to_device(int fd);
    unsigned if_index(int fd);
    // A hop named on the command line (-T tsprespec), as iputils looks it up.
    in_addr resolve4(const std::string& name);
    // A redirect's new next hop (`gateway` in host order) as pr_addr names
    // it; empty for other types.
    std::string gateway_text(uint8_t type, uint32_t gateway)
    {
        if (type != pk::icmp_type::redirect)
            return {};
        in_addr gw{};
        gw.s_addr = htonl(gateway);
        return pr_addr(net::HostAddress::from_v4(gw));
    }

    sockaddr_in whereto_{};
    sockaddr_in source_{};
    sockaddr_in probe_dst_{};
    std::vector<in_addr> route_; // -T tsprespec's hops
    int optlen_ = 0;             // IP option bytes each probe carries (-R, -T)
    RouteMemory rr_memory_;      // -R: the route printed last
};

// ping4_run: our source address (a UDP socket connected towards the
// target tells), the device binding and IPv4 socket options. nullopt:
// no route, try the next address.
std::optional<int> Ping4::run(const Dest& d, const std::string& target, bool last)
{
    if (o_.datalen > max_datalen)
        fatal(prog_, 1, fmt::format("invalid -s value: '{}': out of range: 0 <= value <= {}", o_.datalen,
                                   max_datalen));
    int fd = sock_.fd.get();
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
            fatal(prog_, 2, "source routing (more than one destination) is not supported by nsbox");
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
        net::Fd probe(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        if (probe.get() < 0)
            fatal(prog_, 2, with_errno("socket", errno));
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
                    fatal(prog_, 2, "Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
                flush();
                std::fputs("WARNING: pinging broadcast address\n", stderr);
                int on = 1;
                if (setsockopt(probe.get(), SOL_SOCKET, SO_BROADCAST, &on, sizeof on) < 0)
                    fatal(prog_, 2, with_errno("cannot set broadcasting", errno));
                if (connect(probe.get(), reinterpret_cast<const sockaddr*>(&first_hop), sizeof first_hop) < 0)
                    fatal(prog_, 2, with_errno("connect", errno));
            } else if ((errno == EHOSTUNREACH || errno == ENETUNREACH) && !last) {
                return std::nullopt;
            } else {
                fatal(prog_, 2, with_errno("connect", errno));
            }
        }
        socklen_t alen = sizeof source_;
        if (getsockname(probe.get(), reinterpret_cast<sockaddr*>(&source_), &alen) < 0)
            fatal(prog_, 2, with_errno("getsockname", errno));
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
        if (!root_) {
            if (interval_ < 1000)
                fatal(prog_, 2, fmt::format("broadcast ping with too short interval: {}", interval_));
            if (pmtudisc >= 0 && pmtudisc != IP_PMTUDISC_DO)
                fatal(prog_, 2, "broadcast ping does not fragment");
        }
        if (pmtudisc < 0)
            pmtudisc = IP_PMTUDISC_DO;
    }
    if (pmtudisc >= 0 && setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, &pmtudisc, sizeof pmtudisc) < 0)
        fatal(prog_, 2, with_errno("IP_MTU_DISCOVER", errno));

    // A datagram socket takes its identifier from the port it is bound to.
    bool set_ident = o_.ident && *o_.ident > 0 && !sock_.raw;
    sockaddr_in bind_addr = source_;
    if (set_ident)
        bind_addr.sin_port = htons(*o_.ident);
    if ((o_.strict_source || set_ident) &&
        bind(fd, reinterpret_cast<const sockaddr*>(&bind_addr), sizeof bind_addr) < 0)
        fatal(prog_, 2, with_errno("bind", errno));

    int on = 1;
    if (sock_.raw) {
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
    if (!sock_.raw) {
        if (setsockopt(fd, SOL_IP, IP_RECVTTL, &on, sizeof on) < 0)
            warn("WARNING: setsockopt(IP_RECVTTL)", errno);
        if (setsockopt(fd, SOL_IP, IP_RETOPTS, &on, sizeof on) < 0)
            warn("WARNING: setsockopt(IP_RETOPTS)", errno);
    }
    // -R and -T: the IP option every probe carries.
    if (o_.record_route) {
        auto opt = record_route_option();
        if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0)
            fatal(prog_, 2, with_errno("record route", errno));
        optlen_ = 40;
    }
    if (o_.ts_type) {
        auto opt = timestamp_option(uint8_t(*o_.ts_type), route_);
        if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0) {
            opt[3] = 2; // iputils' second try
            if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(), socklen_t(opt.size())) < 0)
                fatal(prog_, 2, with_errno("ts option", errno));
        }
        optlen_ = 40;
    }
    set_buffers(optlen_ + 20);
    if (o_.broadcast) {
        int yes = 1;
        if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &yes, sizeof yes) < 0)
            fatal(prog_, 2, with_errno("cannot set broadcasting", errno));
    }
    if (o_.no_loop) {
        int loop = 0;
        if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) < 0)
            fatal(prog_, 2, with_errno("cannot disable multicast loopback", errno));
    }
    if (o_.ttl) {
        int ttl = *o_.ttl;
        if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) < 0)
            fatal(prog_, 2, with_errno("cannot set multicast time-to-live", errno));
        if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl) < 0)
            fatal(prog_, 2, with_errno("cannot set unicast time-to-live", errno));
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
        fatal(prog_, 2, with_errno("connect failed", errno));
    return main_loop();
}

void Ping4::sum_stamp(std::span<const std::byte> stamp)
{
    uint16_t sum = uint16_t(uint16_t(probe_[2]) << 8 | uint16_t(probe_[3]));
    sum = pk::checksum_finish(pk::checksum_add(uint16_t(~sum), stamp));
    probe_[2] = std::byte(sum >> 8);
    probe_[3] = std::byte(sum & 0xff);
}

void Ping4::bind_to_device(int fd)
{
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) == 0)
        return;
    int err = errno;
    if (IN_MULTICAST(ntohl(whereto_.sin_addr.s_addr))) {
        ip_mreqn imr{};
        imr.imr_ifindex = int(if_index(fd));
        if (setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &imr, sizeof imr) < 0)
            fatal(prog_, 2, with_errno("IP_MULTICAST_IF", errno));
        return;
    }
    fatal(prog_, 2, with_errno("SO_BINDTODEVICE " + o_.device, err));
}

unsigned Ping4::if_index(int fd)
{
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, o_.device.c_str(), IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
        fatal(prog_, 2, "unknown iface: " + o_.device);
    return unsigned(ifr.ifr_ifindex);
}

in_addr Ping4::resolve4(const std::string& name)
{
    in_addr a{};
    if (inet_aton(name.c_str(), &a))
        return a;
    auto r = net::resolve_host(name, AF_INET);
    if (r.status != net::LookupStatus::ok || r.addresses.empty())
        fatal(prog_, 2, fmt::format("{}: {}", name, lookup_error_text(r.status)));
    return r.addresses.front().v4;
}

void Ping4::parse_reply(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from6)
{
    sockaddr_in from{};
    std::memcpy(&from, &from6, sizeof from);
    int reply_ttl = r.ttl < 0 ? 0 : r.ttl; // a datagram socket without IP_TTL says 0
    pk::IcmpMessage icmp;
    std::span<const uint8_t> options(r.options);
    int options_total = r.options_total;
    try {
        if (sock_.raw) {
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
        if (gather_statistics(icmp, icmp.seq(), csfailed, reply_ttl, r.when, pr_addr(from_addr), false))
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
        out(icmp_text(icmp.type, icmp.code, icmp.rest, gateway_text(icmp.type, icmp.rest)));
        return;
    }
    default:
        return;
    }
}

int Ping4::receive_error()
{
    int saved_errno = errno;
    int net_errors = 0, local_errors = 0;
    QueuedError q;
    read_error_queue(q, SOL_IP, IP_RECVERR);
    if (q.res >= 0) {
        const sock_extended_err* e = q.e;
        sockaddr_in target{};
        std::memcpy(&target, &q.target, sizeof target);
        if (!e) {
            saved_errno = 0;
        } else if (e->ee_origin == SO_EE_ORIGIN_LOCAL) {
            ++local_errors;
            local_error(e->ee_errno != EMSGSIZE ? with_errno("local error", int(e->ee_errno))
                                                : fmt::format("local error: message too long, mtu={}", e->ee_info));
        } else if (e->ee_origin == SO_EE_ORIGIN_ICMP) {
            sockaddr_in offender{};
            std::memcpy(&offender, SO_EE_OFFENDER(e), sizeof offender);
            uint16_t seq = q.seq();
            if (q.res < 8 || target.sin_addr.s_addr != whereto_.sin_addr.s_addr ||
                q.icmph[0] != pk::icmp_type::echo_request || !is_ours(q.id())) {
                saved_errno = 0; // not our error, not an error at all
            } else {
                stats_.acknowledge(seq);
                if (sock_.raw) {
                    // From now on only echo replies and the rarer errors.
                    IcmpFilter filt{};
                    using namespace pk::icmp_type;
                    filt.data = ~((1u << source_quench) | (1u << redirect) | (1u << echo_reply));
                    if (setsockopt(sock_.fd.get(), SOL_RAW, icmp_filter_option, &filt, sizeof filt) < 0)
                        fatal(prog_, 2, with_errno("setsockopt(ICMP_FILTER)", errno));
                }
                ++net_errors;
                net_error(seq, net::HostAddress::from_v4(offender.sin_addr), 0, [&] {
                    return icmp_text(e->ee_type, e->ee_code, e->ee_info, gateway_text(e->ee_type, e->ee_info));
                });
            }
        }
    }
    errno = saved_errno;
    return net_errors ? net_errors : -local_errors;
}

} // namespace

std::unique_ptr<Session> ipv4_session(const Options& o, const char* prog, IcmpSocket& sock)
{
    return std::make_unique<Ping4>(o, prog, sock);
}

} // namespace nsbox::ping
