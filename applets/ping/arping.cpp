// arping: ARP requests (and gratuitous ARP) in the manner of iputils-arping
// 20221126: find the device (the route towards the target unless -I names
// it), the source address (as the kernel would pick it), then send one
// probe per interval on a packet socket and print the ARP answers, the
// counts and iputils' exit code (duplicate found, no reply, success).

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/applet.hpp"
#include "applets/common/failure.hpp"
#include "applets/common/getopt.hpp"
#include "applets/common/number.hpp"
#include "applets/ping/ping.hpp"
#include "applets/ping/session.hpp"
#include "libnet/fd.hpp"
#include "libnet/netlink.hpp"
#include "libnet/resolve.hpp"
#include "libnet/rtnl/route.hpp"
#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::arping {
namespace {

struct Options {
    bool broadcast_only = false; // -b
    bool dad = false;            // -D
    bool unsolicited = false;    // -U (and -A)
    bool advert = false;         // -A
    bool quiet = false;          // -q
    bool quit_on_reply = false;  // -f (and -D)
    int count = -1;              // -c (-1: until interrupted)
    int timeout = 0;             // -w seconds (0: none)
    unsigned interval = 1;       // -i seconds
    std::string device;          // -I
    std::optional<std::string> source; // -s
};

struct OptionSpec {
    char flag;
    const char* arg;
    const char* help;
    void (*apply)(Options&, const char* value);
};

using cli::to_long; // a bad number exits 1 (caught in arping())

// The table, in the order of iputils' usage text.
constexpr OptionSpec options_table[] = {
    {'f', nullptr, "quit on first reply", [](Options& o, const char*) { o.quit_on_reply = true; }},
    {'q', nullptr, "be quiet", [](Options& o, const char*) { o.quiet = true; }},
    {'b', nullptr, "keep on broadcasting, do not unicast", [](Options& o, const char*) { o.broadcast_only = true; }},
    {'D', nullptr, "duplicate address detection mode",
     [](Options& o, const char*) {
         o.dad = true;
         o.quit_on_reply = true;
     }},
    {'U', nullptr, "unsolicited ARP mode, update your neighbours", [](Options& o, const char*) { o.unsolicited = true; }},
    {'A', nullptr, "ARP answer mode, update your neighbours",
     [](Options& o, const char*) {
         o.advert = true;
         o.unsolicited = true;
     }},
    {'V', nullptr, "print version and exit", nullptr},
    {'c', "<count>", "how many packets to send",
     [](Options& o, const char* v) { o.count = int(to_long(v, 1, INT_MAX)); }},
    {'w', "<timeout>", "how long to wait for a reply",
     [](Options& o, const char* v) { o.timeout = int(to_long(v, 0, INT_MAX)); }},
    {'i', "<interval>", "set interval between packets (default: 1 second)",
     [](Options& o, const char* v) { o.interval = unsigned(to_long(v, 0, INT_MAX)); }},
    {'I', "<device>", "which ethernet device to use", [](Options& o, const char* v) { o.device = v; }},
    {'s', "<source>", "source ip address", [](Options& o, const char* v) { o.source = std::string(v); }},
    {'h', nullptr, nullptr, nullptr},
    {'?', nullptr, nullptr, nullptr},
};

std::string usage_text()
{
    std::string out = "\nUsage:\n  arping [options] <destination>\n\nOptions:\n";
    for (const auto& spec : options_table) {
        if (!spec.help)
            continue;
        std::string head = fmt::format("-{}", spec.flag);
        if (spec.arg)
            head += fmt::format(" {}", spec.arg);
        out += fmt::format("  {:<13} {}\n", head, spec.help);
    }
    out += "  <destination> dns name or ip address\n\nFor more details see arping(8).\n";
    return out;
}

std::string mac_text(const uint8_t* p, size_t len)
{
    std::string s;
    for (size_t i = 0; i < len; ++i) {
        s += fmt::format("{:02X}", p[i]);
        if (i + 1 < len)
            s += ':';
    }
    return s;
}

std::string ntoa(in_addr a)
{
    char buf[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &a, buf, sizeof buf);
}

using net::Fd;
using ping::fatal;
using ping::lookup_error_text;
using ping::with_errno;

class Arping {
public:
    Arping(const Options& o, const char* prog, std::string target) : o_(o), prog_(prog), target_(std::move(target)) {}

    int run()
    {
        sock_ = socket(PF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (sock_ < 0)
            fatal(prog_, 2, with_errno("socket", errno));
        Fd guard(sock_);
        device_ = o_.device;
        if (!inet_aton(target_.c_str(), &gdst_)) {
            auto r = net::resolve_host(target_, AF_INET);
            if (r.status != net::LookupStatus::ok || r.addresses.empty())
                fatal(prog_, 2, fmt::format("{}: {}", target_, lookup_error_text(r.status)));
            gdst_ = r.addresses.front().v4;
        }
        if (device_.empty())
            guess_device();
        if (check_device() < 0)
            fatal(prog_, 2, "");
        if (!ifindex_) {
            if (!device_.empty())
                fatal(prog_, 2, fmt::format("Device {} not available.", device_));
            warn("Suitable device could not be determined. Please, use option -I.");
        }
        if (o_.source && !inet_aton(o_.source->c_str(), &gsrc_))
            fatal(prog_, 2, fmt::format("invalid source {}", *o_.source));
        if (!o_.dad && o_.unsolicited && !o_.source)
            gsrc_ = gdst_;
        if (!o_.dad || o_.source)
            find_source();

        // The packet socket, bound to the device; its address is ours.
        sockaddr_ll me{};
        me.sll_family = AF_PACKET;
        me.sll_ifindex = ifindex_;
        me.sll_protocol = htons(ETH_P_ARP);
        if (bind(sock_, reinterpret_cast<sockaddr*>(&me), sizeof me) < 0)
            fatal(prog_, 2, with_errno("bind", errno));
        socklen_t alen = sizeof me;
        if (getsockname(sock_, reinterpret_cast<sockaddr*>(&me), &alen) < 0)
            fatal(prog_, 2, with_errno("getsockname", errno));
        me_ = me;
        if (me_.sll_halen == 0) {
            if (!o_.quiet)
                out(fmt::format("Interface \"{}\" is not ARPable (no ll address)\n", device_));
            fatal(prog_, o_.dad ? 0 : 2, "");
        }
        he_ = me_;
        find_broadcast_address();
        if (!o_.quiet)
            out(fmt::format("ARPING {} from {} {}\n", ntoa(gdst_), ntoa(gsrc_), device_));
        if (!o_.source && !gsrc_.s_addr && !o_.dad)
            fatal(prog_, 2, "no source address in not-DAD mode");
        event_loop();
        int rc = finish();
        // iputils 20221126 also fails when more replies came than probes
        // went out (two hosts answering for one address, say).
        if (received_ > sent_)
            rc = 1;
        return rc;
    }

private:
    void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }
    void warn(const std::string& m)
    {
        std::fflush(stdout);
        std::fprintf(stderr, "arping: %s\n", m.c_str());
    }

    // The device of the route towards the target (RTM_GETROUTE's RTA_OIF).
    void guess_device()
    {
        net::rtnl::Route req;
        req.family = AF_INET;
        req.dst_len = 32;
        net::IpAddress dst;
        dst.family = AF_INET;
        std::memcpy(dst.bytes.data(), &gdst_, 4);
        req.dst = dst;
        net::Message m = net::rtnl::encode(RTM_GETROUTE, 0, req);
        try {
            net::Socket nl(NETLINK_ROUTE);
            auto routes = net::rtnl::decode_routes(nl.query_noack(m));
            for (const auto& r : routes) {
                if (!r.oif)
                    continue;
                char name[IF_NAMESIZE];
                if (!if_indextoname(*r.oif, name))
                    fatal(prog_, 1, with_errno("if_indextoname failed", errno));
                device_ = name;
            }
        } catch (const net::Error&) {
            // iputils reads the kernel's refusal as an unexpected message.
            fatal(prog_, 1, "NETLINK_ROUTE unexpected iov element");
        }
    }

    // iputils' check_ifflags: <0 skips the interface; a named one that cannot
    // do ARP ends the program.
    int check_ifflags(unsigned flags)
    {
        if (!(flags & IFF_UP)) {
            if (!device_.empty()) {
                if (!o_.quiet)
                    out(fmt::format("Interface \"{}\" is down\n", device_));
                fatal(prog_, 2, "");
            }
            return -1;
        }
        if (flags & (IFF_NOARP | IFF_LOOPBACK)) {
            if (!device_.empty()) {
                if (!o_.quiet)
                    out(fmt::format("Interface \"{}\" is not ARPable\n", device_));
                fatal(prog_, o_.dad ? 0 : 2, "");
            }
            return -1;
        }
        return 0;
    }

    // The device, checked (or the only suitable one): 0 found, 1 not found.
    int check_device()
    {
        ifaddrs* ifa0 = nullptr;
        if (getifaddrs(&ifa0) != 0) {
            warn(with_errno("getifaddrs", errno));
            return -1;
        }
        // Freed on every way out, check_ifflags' Exit included.
        std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> list(ifa0, freeifaddrs);
        int n = 0;
        ifaddrs* found = nullptr;
        for (ifaddrs* ifa = ifa0; ifa; ifa = ifa->ifa_next) {
            if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_PACKET)
                continue;
            if (!device_.empty() && ifa->ifa_name && device_ != ifa->ifa_name)
                continue;
            if (check_ifflags(ifa->ifa_flags) < 0)
                continue;
            sockaddr_ll sll{};
            std::memcpy(&sll, ifa->ifa_addr, sizeof sll);
            if (!sll.sll_halen || !ifa->ifa_broadaddr)
                continue;
            found = ifa;
            if (n++)
                break;
        }
        if (n == 1 && found) {
            ifindex_ = int(if_nametoindex(found->ifa_name));
            if (!ifindex_) {
                warn(with_errno("if_nametoindex", errno));
                return -1;
            }
            device_ = found->ifa_name;
            std::memcpy(&broadcast_, found->ifa_broadaddr, sizeof broadcast_);
            have_broadcast_ = true;
            return 0;
        }
        return 1;
    }

    // The source address: -s bound as given, else what the kernel would use
    // towards the target (not for -U/-A, which send from the target).
    void find_source()
    {
        Fd probe(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        if (probe.get() < 0)
            fatal(prog_, 2, with_errno("socket", errno));
        if (!device_.empty() &&
            setsockopt(probe.get(), SOL_SOCKET, SO_BINDTODEVICE, device_.c_str(), socklen_t(device_.size() + 1)) < 0)
            warn(with_errno("WARNING: interface is ignored", errno));
        sockaddr_in saddr{};
        saddr.sin_family = AF_INET;
        if (o_.source || gsrc_.s_addr) {
            saddr.sin_addr = gsrc_;
            if (bind(probe.get(), reinterpret_cast<sockaddr*>(&saddr), sizeof saddr) < 0)
                fatal(prog_, 2, with_errno("bind", errno));
        } else if (!o_.dad) {
            saddr.sin_port = htons(1025);
            saddr.sin_addr = gdst_;
            if (!o_.unsolicited) {
                int on = 1;
                if (setsockopt(probe.get(), SOL_SOCKET, SO_DONTROUTE, &on, sizeof on) < 0)
                    warn(with_errno("WARNING: setsockopt(SO_DONTROUTE)", errno));
                if (connect(probe.get(), reinterpret_cast<sockaddr*>(&saddr), sizeof saddr) < 0)
                    fatal(prog_, 2, with_errno("connect", errno));
                socklen_t alen = sizeof saddr;
                if (getsockname(probe.get(), reinterpret_cast<sockaddr*>(&saddr), &alen) < 0)
                    fatal(prog_, 2, with_errno("getsockname", errno));
            }
            gsrc_ = saddr.sin_addr;
        }
    }

    void find_broadcast_address()
    {
        if (have_broadcast_ && broadcast_.sll_halen == he_.sll_halen) {
            std::memcpy(he_.sll_addr, broadcast_.sll_addr, he_.sll_halen);
            return;
        }
        if (!o_.quiet) {
            std::fflush(stdout);
            std::fputs("WARNING: using default broadcast address.\n", stderr);
        }
        std::memset(he_.sll_addr, 0xff, he_.sll_halen);
    }

    void send_pack()
    {
        uint8_t buf[256];
        arphdr ah{};
        ah.ar_hrd = htons(me_.sll_hatype == ARPHRD_FDDI ? ARPHRD_ETHER : me_.sll_hatype);
        ah.ar_pro = htons(ah.ar_hrd == htons(ARPHRD_AX25) || ah.ar_hrd == htons(ARPHRD_NETROM) ? 0xcc : ETH_P_IP);
        ah.ar_hln = me_.sll_halen;
        ah.ar_pln = 4;
        ah.ar_op = htons(o_.advert ? ARPOP_REPLY : ARPOP_REQUEST);
        std::memcpy(buf, &ah, sizeof ah);
        uint8_t* p = buf + sizeof ah;
        std::memcpy(p, me_.sll_addr, ah.ar_hln);
        p += ah.ar_hln;
        std::memcpy(p, &gsrc_, 4);
        p += 4;
        std::memcpy(p, o_.advert ? me_.sll_addr : he_.sll_addr, ah.ar_hln);
        p += ah.ar_hln;
        std::memcpy(p, &gdst_, 4);
        p += 4;
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        socklen_t sll_len = socklen_t(std::max(sizeof(sockaddr_ll), offsetof(sockaddr_ll, sll_addr) + ah.ar_hln));
        ssize_t n = sendto(sock_, buf, size_t(p - buf), 0, reinterpret_cast<sockaddr*>(&he_), sll_len);
        if (n == p - buf) {
            last_ = now;
            ++sent_;
            if (!unicasting_)
                ++brd_sent_;
        }
    }

    // One ARP packet: true when it ends the run.
    bool recv_pack(const uint8_t* buf, ssize_t len, const sockaddr_ll& from)
    {
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        if (from.sll_pkttype != PACKET_HOST && from.sll_pkttype != PACKET_BROADCAST &&
            from.sll_pkttype != PACKET_MULTICAST)
            return false;
        arphdr ah{};
        if (len < ssize_t(sizeof ah))
            return false;
        std::memcpy(&ah, buf, sizeof ah);
        if (ah.ar_op != htons(ARPOP_REQUEST) && ah.ar_op != htons(ARPOP_REPLY))
            return false;
        if (ah.ar_hrd != htons(from.sll_hatype) &&
            (from.sll_hatype != ARPHRD_FDDI || ah.ar_hrd != htons(ARPHRD_ETHER)))
            return false;
        if (ah.ar_hrd == htons(ARPHRD_AX25) || ah.ar_hrd == htons(ARPHRD_NETROM)) {
            if (ah.ar_pro != htons(0xcc))
                return false;
        } else if (ah.ar_pro != htons(ETH_P_IP)) {
            return false;
        }
        if (ah.ar_pln != 4 || ah.ar_hln != me_.sll_halen)
            return false;
        if (len < ssize_t(sizeof ah) + 2 * (4 + ah.ar_hln))
            return false;
        const uint8_t* p = buf + sizeof ah;
        const uint8_t* sha = p;
        const uint8_t* tha = p + ah.ar_hln + 4;
        in_addr src_ip{}, dst_ip{};
        std::memcpy(&src_ip, p + ah.ar_hln, 4);
        std::memcpy(&dst_ip, tha + ah.ar_hln, 4);
        if (!o_.dad) {
            if (src_ip.s_addr != gdst_.s_addr || gsrc_.s_addr != dst_ip.s_addr ||
                std::memcmp(tha, me_.sll_addr, ah.ar_hln) != 0)
                return false;
        } else {
            // A duplicate: the tested address, from a hardware address not ours.
            if (src_ip.s_addr != gdst_.s_addr || std::memcmp(sha, me_.sll_addr, me_.sll_halen) == 0)
                return false;
            if (gsrc_.s_addr && gsrc_.s_addr != dst_ip.s_addr)
                return false;
        }
        if (!o_.quiet) {
            std::string line = from.sll_pkttype == PACKET_HOST ? "Unicast " : "Broadcast ";
            line += ah.ar_op == htons(ARPOP_REPLY) ? "reply from " : "request from ";
            line += fmt::format("{} [{}] ", ntoa(src_ip), mac_text(sha, ah.ar_hln));
            bool for_printed = false;
            if (dst_ip.s_addr != gsrc_.s_addr) {
                line += fmt::format("for {} ", ntoa(dst_ip));
                for_printed = true;
            }
            if (std::memcmp(tha, me_.sll_addr, ah.ar_hln) != 0) {
                if (!for_printed)
                    line += "for ";
                line += fmt::format("[{}]", mac_text(tha, ah.ar_hln));
            }
            if (last_.tv_sec) {
                long usecs = (ts.tv_sec - last_.tv_sec) * 1000000 + (ts.tv_nsec - last_.tv_nsec + 500) / 1000;
                long msecs = (usecs + 500) / 1000;
                usecs -= msecs * 1000 - 500;
                line += fmt::format(" {}.{:03}ms\n", msecs, usecs);
            } else {
                line += " UNSOLICITED?\n";
            }
            out(line);
            std::fflush(stdout);
        }
        ++received_;
        if (o_.timeout && received_ == o_.count)
            return true;
        if (from.sll_pkttype != PACKET_HOST)
            ++brd_recv_;
        if (ah.ar_op == htons(ARPOP_REQUEST))
            ++req_recv_;
        if (o_.quit_on_reply || (o_.count == 0 && received_ == sent_))
            return true;
        if (!o_.broadcast_only) {
            std::memcpy(he_.sll_addr, sha, me_.sll_halen);
            unicasting_ = true;
        }
        return false;
    }

    // A probe every -i seconds, until -c probes, -w seconds, a final reply
    // or a signal; all through one poll.
    void event_loop()
    {
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGINT);
        sigaddset(&mask, SIGQUIT);
        sigaddset(&mask, SIGTERM);
        sigprocmask(SIG_BLOCK, &mask, nullptr);
        Fd sfd(signalfd(-1, &mask, SFD_CLOEXEC));
        Fd tfd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
        Fd timeoutfd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
        if (sfd.get() < 0 || tfd.get() < 0 || timeoutfd.get() < 0)
            fatal(prog_, 1, with_errno("timerfd_create failed", errno));
        itimerspec iv{};
        iv.it_interval.tv_sec = time_t(o_.interval);
        iv.it_value.tv_sec = time_t(o_.interval);
        itimerspec to{};
        to.it_interval.tv_sec = o_.timeout;
        to.it_value.tv_sec = o_.timeout;
        timerfd_settime(tfd.get(), 0, &iv, nullptr);
        timerfd_settime(timeoutfd.get(), 0, &to, nullptr);
        pollfd pfds[4] = {{sfd.get(), POLLIN | POLLERR | POLLHUP, 0},
                          {tfd.get(), POLLIN | POLLERR | POLLHUP, 0},
                          {timeoutfd.get(), POLLIN | POLLERR | POLLHUP, 0},
                          {sock_, POLLIN | POLLERR | POLLHUP, 0}};
        uint64_t total_expires = 1;
        send_pack();
        bool exit_loop = false;
        // iputils 20221126 ends -U/-A by the timer too, like any other run.
        while (!exit_loop) {
            int ret = poll(pfds, 4, -1);
            if (ret <= 0) {
                if (errno == EAGAIN)
                    continue;
                break;
            }
            for (int i = 0; i < 4; ++i) {
                if (!pfds[i].revents)
                    continue;
                if (i == 0) {
                    signalfd_siginfo si{};
                    if (read(sfd.get(), &si, sizeof si) == ssize_t(sizeof si))
                        exit_loop = true;
                } else if (i == 1) {
                    uint64_t exp = 0;
                    if (read(tfd.get(), &exp, sizeof exp) != ssize_t(sizeof exp))
                        continue;
                    total_expires += exp;
                    if (o_.count > 0 && uint64_t(o_.count) < total_expires) {
                        exit_loop = true;
                        continue;
                    }
                    send_pack();
                } else if (i == 2) {
                    exit_loop = true;
                } else {
                    uint8_t packet[4096];
                    sockaddr_ll from{};
                    socklen_t alen = sizeof from;
                    ssize_t s = recvfrom(sock_, packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&from), &alen);
                    if (s < 0) {
                        warn(with_errno("recvfrom", errno));
                        if (errno == ENETDOWN)
                            fatal(prog_, 2, "");
                        continue;
                    }
                    if (recv_pack(packet, s, from))
                        exit_loop = true;
                }
            }
        }
    }

    int finish()
    {
        if (!o_.quiet) {
            std::string s = fmt::format("Sent {} probes ({} broadcast(s))\nReceived {} response(s)", sent_,
                                        brd_sent_, received_);
            if (brd_recv_ || req_recv_) {
                s += " (";
                if (req_recv_)
                    s += fmt::format("{} request(s)", req_recv_);
                if (brd_recv_)
                    s += fmt::format("{}{} broadcast(s)", req_recv_ ? ", " : "", brd_recv_);
                s += ")";
            }
            s += "\n";
            out(s);
            std::fflush(stdout);
        }
        if (o_.dad)
            return received_ ? 1 : 0;
        if (o_.unsolicited)
            return 0;
        if (o_.timeout && o_.count > 0 && !o_.quit_on_reply)
            return o_.count <= received_ ? 0 : 1;
        return received_ ? 0 : 1;
    }

    const Options& o_;
    const char* prog_;
    std::string target_;
    std::string device_;
    int ifindex_ = 0;
    sockaddr_ll broadcast_{};
    bool have_broadcast_ = false;
    int sock_ = -1;
    in_addr gsrc_{};
    in_addr gdst_{};
    sockaddr_ll me_{};
    sockaddr_ll he_{};
    timespec last_{};
    int sent_ = 0;
    int brd_sent_ = 0;
    int received_ = 0;
    int brd_recv_ = 0;
    int req_recv_ = 0;
    bool unicasting_ = false;
};

int arping(int argc, char** argv)
{
    auto desc = cli::short_options(options_table);
    Options o;
    cli::Parsed parsed;
    try {
        parsed = cli::getopt(argc, argv, desc);
    } catch (const cli::UsageError& e) {
        std::string what = e.what();
        if (what.starts_with("unrecognized option '--"))
            what = "invalid option -- '-'";
        std::fprintf(stderr, "%s: %s\n%s", argv[0], what.c_str(), usage_text().c_str());
        return 2;
    }
    try {
        for (const auto& opt : parsed.options) {
            const OptionSpec* spec = nullptr;
            for (const auto& s : options_table)
                if (opt.string_key.size() == 2 && opt.string_key[1] == s.flag)
                    spec = &s;
            if (spec && spec->flag == 'V') {
                std::printf("arping from nsbox %s (iputils 20221126 compatible)\n", NSBOX_VERSION);
                return 0;
            }
            if (!spec || !spec->apply) {
                std::fputs(usage_text().c_str(), stderr);
                return 2;
            }
            spec->apply(o, opt.value.empty() ? "" : opt.value.front().c_str());
        }
        if (parsed.operands.size() != 1) {
            std::fputs(usage_text().c_str(), stderr);
            return 2;
        }
        Arping a(o, argv[0], parsed.operands.front());
        return a.run();
    } catch (const cli::Failure& f) {
        std::fflush(stdout);
        std::fputs(f.message().c_str(), stderr);
        return f.code();
    } catch (const cli::BadNumber& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 1;
    }
}

} // namespace
} // namespace nsbox::arping

int nsbox::arping_main(int argc, char** argv)
{
    int rc = arping::arping(argc, argv);
    if (std::fflush(stdout) != 0 && rc == 0)
        rc = 1;
    return rc;
}
