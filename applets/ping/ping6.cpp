// IPv6 (iputils' ping6_run, ping6_send_probe, ping6_parse_reply,
// ping6_receive_error_msg): the source address, IPv6 socket options (hop
// limits, -F flow labels), echo requests the kernel sums, replies without
// an IPv6 header, and errors, which come only through the error queue.

#include <algorithm>
#include <array>
#include <ctime>
#include <cerrno>
#include <cstring>
#include <optional>

#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/ping/node_info.hpp"
#include "applets/ping/reply.hpp"
#include "applets/ping/session.hpp"

namespace nsbox::ping {
namespace {

namespace pk = net::packet;

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

class Ping6 final : public Session {
public:
    using Session::Session;
    std::optional<int> run(const Dest& d, const std::string& target, bool last) override;

private:
    size_t build_probe(uint16_t seq) override;
    const sockaddr* destination(socklen_t& len) const override
    {
        len = sizeof whereto6_;
        return reinterpret_cast<const sockaddr*>(&whereto6_);
    }
    void parse_reply(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from) override;
    int receive_error() override;

    // -N: the nonce of query `seq`: the sequence number, then six bytes
    // derived from it and a secret of this run (a reply must bring them
    // back, as iputils checks its MD5-derived ones).
    std::array<uint8_t, ni::nonce_len> nonce(uint16_t seq) const;

    sockaddr_in6 whereto6_{};
    sockaddr_in6 source6_{};
    bool subnet_router_anycast_ = false;
    uint64_t nonce_secret_ = 0;
    std::vector<uint8_t> ni_subject_; // the subject the queries carry
};

std::array<uint8_t, ni::nonce_len> Ping6::nonce(uint16_t seq) const
{
    // splitmix64 of the secret and the sequence number.
    uint64_t z = nonce_secret_ + (uint64_t(seq) + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    std::array<uint8_t, ni::nonce_len> n{};
    n[0] = uint8_t(seq >> 8);
    n[1] = uint8_t(seq & 0xff);
    for (size_t i = 2; i < n.size(); ++i)
        n[i] = uint8_t(z >> (8 * i));
    return n;
}

size_t Ping6::build_probe(uint16_t seq)
{
    if (!o_.node_info.enabled())
        return pk::build_echo6_request(probe_, ident_, seq, payload_);
    auto n = nonce(seq);
    build_ni_query(probe_, o_.node_info, ni_subject_, n);
    datalen_ = 0;
    return probe_.size();
}

// ping6_run: the same for IPv6. The header names the target as typed
// and its address through pr_addr.
std::optional<int> Ping6::run(const Dest& d, const std::string& target, bool last)
{
    int fd = sock_.fd.get();
    if (o_.operands.size() > 1)
        fatal(prog_, 2, "more than one destination is not supported by nsbox");
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
        net::Fd probe(socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        if (probe.get() < 0)
            fatal(prog_, 2, with_errno("socket", errno));
        if (!o_.device.empty()) {
            unsigned iface = if_nametoindex_or_fail();
            if (IN6_IS_ADDR_LINKLOCAL(&firsthop.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&firsthop.sin6_addr))
                firsthop.sin6_scope_id = iface;
            in6_pktinfo ipi{};
            ipi.ipi6_ifindex = int(iface);
            if (setsockopt(probe.get(), IPPROTO_IPV6, IPV6_PKTINFO, &ipi, sizeof ipi) < 0 ||
                setsockopt(fd, IPPROTO_IPV6, IPV6_PKTINFO, &ipi, sizeof ipi) < 0)
                fatal(prog_, 2, with_errno("setsockopt(IPV6_PKTINFO)", errno));
            if (setsockopt(probe.get(), SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(),
                           socklen_t(o_.device.size() + 1)) < 0 ||
                setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) < 0)
                fatal(prog_, 2, with_errno("setsockopt(SO_BINDTODEVICE) " + o_.device, errno));
        }
        if (o_.tos && setsockopt(probe.get(), IPPROTO_IPV6, IPV6_TCLASS, &o_.tos, sizeof o_.tos) < 0)
            fatal(prog_, 2, with_errno("setsockopt(IPV6_TCLASS)", errno));
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
            fatal(prog_, 2, with_errno("connect", errno));
        }
        socklen_t alen = sizeof source6_;
        if (getsockname(probe.get(), reinterpret_cast<sockaddr*>(&source6_), &alen) < 0)
            fatal(prog_, 2, with_errno("getsockname", errno));
        source6_.sin6_family = AF_INET6;
        source6_.sin6_port = 0;
        if (!o_.device.empty())
            check_device_source(AF_INET6, &source6_.sin6_addr);
    }
    if (!o_.device.empty() && o_.strict_source &&
        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o_.device.c_str(), socklen_t(o_.device.size() + 1)) < 0)
        fatal(prog_, 2, with_errno("SO_BINDTODEVICE " + o_.device, errno));

    int pmtudisc = o_.pmtudisc;
    if (IN6_IS_ADDR_MULTICAST(&whereto6_.sin6_addr)) {
        multicast_ = true;
        if (!root_) {
            if (interval_ < 1000)
                fatal(prog_, 2, fmt::format("multicast ping with too short interval: {}", interval_));
            if (pmtudisc >= 0 && pmtudisc != IPV6_PMTUDISC_DO)
                fatal(prog_, 2, "multicast ping does not fragment");
        }
        if (pmtudisc < 0)
            pmtudisc = IPV6_PMTUDISC_DO;
    }
    // A Subnet-Router anycast address (for /64) answers from another one.
    subnet_router_anycast_ = std::all_of(whereto6_.sin6_addr.s6_addr + 8, whereto6_.sin6_addr.s6_addr + 16,
                                         [](uint8_t b) { return b == 0; });
    if (pmtudisc >= 0 && setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtudisc, sizeof pmtudisc) < 0)
        fatal(prog_, 2, with_errno("IPV6_MTU_DISCOVER", errno));

    bool set_ident = o_.ident && *o_.ident > 0 && !sock_.raw;
    sockaddr_in6 bind_addr = source6_;
    if (set_ident)
        bind_addr.sin6_port = htons(*o_.ident);
    if ((o_.strict_source || set_ident) &&
        bind(fd, reinterpret_cast<const sockaddr*>(&bind_addr), sizeof bind_addr) < 0)
        fatal(prog_, 2, with_errno("bind icmp socket", errno));

    const NodeInfo& ni = o_.node_info;
    if (ni.enabled()) {
        // Without a subject of its own, a query asks about the target.
        if (ni.subject_type && !ni.subject.empty())
            ni_subject_ = ni.subject;
        else
            ni_subject_.assign(whereto6_.sin6_addr.s6_addr, whereto6_.sin6_addr.s6_addr + 16);
        if (getrandom(&nonce_secret_, sizeof nonce_secret_, 0) != ssize_t(sizeof nonce_secret_))
            nonce_secret_ = uint64_t(getpid()) << 32 ^ uint64_t(time(nullptr));
    }
    timing_ = o_.datalen >= long(timeval_len) && !ni.enabled();
    packlen_ = size_t(o_.datalen) + 8 + 4096 + 40 + 8;
    int on = 1;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on) < 0)
        fatal(prog_, 2, with_errno("IPV6_RECVERR", errno));
    set_buffers(40);
    if (sock_.raw) {
        int csum_offset = 2;
        if (setsockopt(fd, SOL_RAW, IPV6_CHECKSUM, &csum_offset, sizeof csum_offset) < 0)
            warn("setsockopt(RAW_CHECKSUM) failed - try to continue", errno);
        icmp6_filter filter;
        ICMP6_FILTER_SETBLOCKALL(&filter);
        ICMP6_FILTER_SETPASS(ni.enabled() ? pk::icmp6_type::ni_reply : pk::icmp6_type::echo_reply, &filter);
        if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) < 0)
            fatal(prog_, 2, with_errno("setsockopt(ICMP6_FILTER)", errno));
    }
    if (o_.no_loop) {
        int loop = 0;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) < 0)
            fatal(prog_, 2, with_errno("can't disable multicast loopback", errno));
    }
    if (o_.ttl) {
        int hops = *o_.ttl;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) < 0)
            fatal(prog_, 2, with_errno("can't set multicast hop limit", errno));
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops) < 0)
            fatal(prog_, 2, with_errno("can't set unicast hop limit", errno));
    }
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on) < 0)
        fatal(prog_, 2, with_errno("can't receive hop limit", errno));
    if (o_.flowlabel) {
        FlowlabelReq req{};
        req.dst = whereto6_.sin6_addr;
        req.label = htonl(*o_.flowlabel & 0xfffff);
        req.action = 0;
        req.share = 1;
        req.flags = 1;
        if (setsockopt(fd, IPPROTO_IPV6, ipv6_flowlabel_mgr, &req, sizeof req) < 0)
            fatal(prog_, 2, with_errno("can't set flowlabel", errno));
        whereto6_.sin6_flowinfo = req.label;
        if (setsockopt(fd, IPPROTO_IPV6, ipv6_flowinfo_send, &on, sizeof on) < 0)
            fatal(prog_, 2, with_errno("can't send flowinfo", errno));
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

// IPv6: the kernel checks checksums and delivers no IPv6 header; errors
// come only through the error queue.
void Ping6::parse_reply(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from)
{
    pk::IcmpMessage icmp;
    try {
        icmp = pk::parse_icmp(data);
    } catch (const pk::Truncated&) {
        return;
    }
    if (icmp.type == pk::icmp6_type::ni_reply && o_.node_info.enabled()) {
        // Ours when it brings back the nonce of one of our queries.
        if (data.size() < ni::header_len)
            return;
        const auto* got = reinterpret_cast<const uint8_t*>(data.data()) + 8;
        uint16_t seq = uint16_t(got[0] << 8 | got[1]);
        auto want = nonce(seq);
        if (std::memcmp(got, want.data(), want.size()) != 0)
            return;
        std::string from_text = pr_addr(net::HostAddress::from_v6(from.sin6_addr), from.sin6_scope_id);
        if (gather_statistics(icmp, seq, false, r.ttl, r.when, from_text, false, ni_reply_text(data)))
            return;
        if (o_.audible)
            out("\a");
        out("\n");
        flush();
        return;
    }
    if (icmp.type != pk::icmp6_type::echo_reply || !is_ours(icmp.id()))
        return;
    bool wrong_source = !multicast_ && !subnet_router_anycast_ &&
                        std::memcmp(&from.sin6_addr, &whereto6_.sin6_addr, 16) != 0;
    std::string from_text = pr_addr(net::HostAddress::from_v6(from.sin6_addr), from.sin6_scope_id);
    if (gather_statistics(icmp, icmp.seq(), false, r.ttl, r.when, from_text, wrong_source))
        return;
    if (o_.audible)
        out("\a");
    out("\n");
    flush();
}

// The IPv6 error queue, where iputils differs: an empty queue counts as
// a local error, an ICMPv6 error does not answer its probe (no pipe).
int Ping6::receive_error()
{
    int saved_errno = errno;
    int net_errors = 0, local_errors = 0;
    QueuedError q;
    read_error_queue(q, IPPROTO_IPV6, IPV6_RECVERR);
    if (q.res < 0) {
        if (errno == EAGAIN || errno == EINTR)
            ++local_errors;
    } else {
        const sock_extended_err* e = q.e;
        if (!e) {
            saved_errno = 0;
        } else if (e->ee_origin == SO_EE_ORIGIN_LOCAL) {
            ++local_errors;
            local_error(e->ee_errno != EMSGSIZE ? with_errno("local error", int(e->ee_errno))
                                                : fmt::format("local error: message too long, mtu: {}", e->ee_info));
        } else if (e->ee_origin == SO_EE_ORIGIN_ICMP6) {
            sockaddr_in6 offender{};
            std::memcpy(&offender, SO_EE_OFFENDER(e), sizeof offender);
            uint16_t seq = q.seq();
            if (q.res < 8 || std::memcmp(&q.target.sin6_addr, &whereto6_.sin6_addr, 16) != 0 ||
                q.icmph[0] != pk::icmp6_type::echo_request || !is_ours(q.id())) {
                saved_errno = 0;
            } else {
                ++net_errors;
                net_error(seq, net::HostAddress::from_v6(offender.sin6_addr), offender.sin6_scope_id,
                          [&] { return icmp6_text(e->ee_type, e->ee_code, e->ee_info) + "\n"; });
            }
        }
    }
    errno = saved_errno;
    return net_errors ? net_errors : -local_errors;
}

} // namespace

std::unique_ptr<Session> ipv6_session(const Options& o, const char* prog, IcmpSocket& sock)
{
    return std::make_unique<Ping6>(o, prog, sock);
}

} // namespace nsbox::ping
