// The probe loop every family shares: iputils' ping_common.c.

#include "applets/ping/session.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/random.h>
#include <sched.h>
#include <sys/time.h>
#include <unistd.h>

#include "libnet/idna.hpp"

namespace nsbox::ping {

namespace {

namespace pk = net::packet;

constexpr int min_interval_ms = 10; // the shortest gap iputils waits for replies
constexpr int clock_tick_ms = 10;   // 1000 / HZ: shorter waits are not slept

// The signal handlers' flags, the only state a handler may reach.
volatile sig_atomic_t exit_signal = 0;
volatile sig_atomic_t status_signal = 0;

void on_exit_signal(int)
{
    exit_signal = 1;
}

void on_status_signal(int)
{
    status_signal = 1;
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

} // namespace

std::string_view lookup_error_text(net::LookupStatus s)
{
    switch (s) {
    case net::LookupStatus::not_found: return "Name or service not known";
    case net::LookupStatus::try_again: return "Temporary failure in name resolution";
    case net::LookupStatus::no_data: return "No address associated with hostname";
    default: return "Non-recoverable failure in name resolution";
    }
}

// ----- output: stdio, flushed where iputils flushes

void Session::out(std::string_view s)
{
    std::fwrite(s.data(), 1, s.size(), stdout);
}

void Session::flush()
{
    std::fflush(stdout);
}

void Session::warn(const std::string& message, int errnum)
{
    ping::warn(prog_, message, errnum);
}

void Session::print_timestamp()
{
    if (!o_.timestamps)
        return;
    timeval tv{};
    gettimeofday(&tv, nullptr);
    out(fmt::format("[{}.{:06}] ", static_cast<unsigned long>(tv.tv_sec), static_cast<unsigned long>(tv.tv_usec)));
}

[[noreturn]] void Session::usage_exit()
{
    flush();
    std::fputs(usage_text().c_str(), stderr);
    fatal(prog_, 2, "");
}

// ----- socket setup both families share

unsigned Session::if_nametoindex_or_fail()
{
    unsigned i = if_nametoindex(o_.device.c_str());
    if (!i)
        fatal(prog_, 2, "unknown iface: " + o_.device);
    return i;
}

void Session::set_mark(int fd)
{
    if (!o_.mark)
        return;
    unsigned mark = *o_.mark;
    if (setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof mark) < 0)
        warn(fmt::format("WARNING: failed to set mark: {}", mark), errno);
}

void Session::set_buffers(int header_overhead)
{
    int fd = sock_.fd.get();
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

void Session::check_device_source(int family, const void* addr)
{
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0)
        fatal(prog_, 2, with_errno(family == AF_INET ? "gatifaddrs failed" : "getifaddrs", errno));
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

void Session::setup()
{
    if (o_.flood && !o_.interval_given)
        interval_ = 0;
    if (!root_ && interval_ < min_user_interval_ms)
        fatal(prog_, 2, fmt::format("cannot flood; minimal interval allowed for user is {}ms", min_user_interval_ms));
    if (interval_ >= INT_MAX / o_.preload)
        fatal(prog_, 2, fmt::format("illegal preload and/or interval: {}", interval_));
    int fd = sock_.fd.get();
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
    // A blocking recvmsg() waits at most the interval (main_loop).
    int rcv_ms = std::max(interval_, min_interval_ms);
    tv.tv_sec = rcv_ms / 1000;
    tv.tv_usec = 1000 * (rcv_ms % 1000);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

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
    if (sock_.raw) {
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

    // SIGINT (and SIGALRM: -w, or the wait for the last replies) ends
    // with statistics, SIGQUIT prints a status line. Their handlers only
    // set a flag; without SA_RESTART a blocked recvmsg() returns at once.
    exit_signal = 0;
    status_signal = 0;
    struct sigaction sa{};
    sa.sa_handler = on_exit_signal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGALRM, &sa, nullptr);
    sa.sa_handler = on_status_signal;
    sigaction(SIGQUIT, &sa, nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);

    start_time_ = now_raw();
    if (o_.deadline_s) {
        itimerval it{};
        it.it_value.tv_sec = o_.deadline_s;
        setitimer(ITIMER_REAL, &it, nullptr);
    }
}

// ----- the loop

int Session::main_loop()
{
    std::vector<std::byte> packet(packlen_);
    int fd = sock_.fd.get();
    for (;;) {
        if (exiting())
            break;
        if (o_.count && stats_.received() + stats_.errors() >= o_.count)
            break;
        if (o_.deadline_s && stats_.errors())
            break;
        if (status_signal) {
            status_signal = 0;
            std::fputs(stats_.status_line(timing_).c_str(), stderr);
        }
        long next;
        do {
            next = pinger();
            next = schedule_exit(next);
        } while (next <= 0);

        // As iputils waits: a blocking recvmsg() (SO_RCVTIMEO is the
        // interval) when the next probe is an interval away, so that an
        // echo costs a send and a receive. A shorter wait, or -A, polls;
        // a wait shorter than a clock tick with nothing in flight spins.
        int flags = 0;
        bool pollerr = false;
        if (o_.adaptive || next < std::max(interval_, min_interval_ms)) {
            if (next <= clock_tick_ms) {
                if (stats_.in_flight()) {
                    next = min_interval_ms;
                } else {
                    next = 0;
                    flags = MSG_DONTWAIT;
                    sched_yield();
                }
            }
            if (!flags && (o_.adaptive || interval_)) {
                pollfd p{fd, POLLIN, 0};
                if (poll(&p, 1, int(std::min<long>(next, INT_MAX))) < 1 || !(p.revents & (POLLIN | POLLERR)))
                    continue;
                flags = MSG_DONTWAIT;
                pollerr = p.revents & POLLERR;
            }
        }
        receive(packet, flags, pollerr);
    }
    itimerval off{};
    setitimer(ITIMER_REAL, &off, nullptr);
    return finish();
}

bool Session::exiting() const
{
    return exit_signal != 0;
}

long Session::pinger()
{
    if (exiting() || (o_.count && stats_.transmitted_count() >= o_.count && !o_.deadline_s))
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

void Session::update_interval()
{
    long est = stats_.ewma() ? long(stats_.ewma() / 8) : long(interval_) * 1000;
    interval_ = int((est + rtt_addend_ + 500) / 1000);
    if (!root_ && interval_ < min_user_interval_ms)
        interval_ = min_user_interval_ms;
}

int Session::send_probe()
{
    uint16_t seq = uint16_t(stats_.transmitted_count() + 1);
    stats_.forget(seq);
    // The probe is built and summed before the clock is read, and the
    // timestamp's share of the checksum is added last (as iputils
    // does): the time it carries is as close to the send as it gets.
    size_t len = pk::icmp_header_len + payload_.size();
    if (probe_.size() != len)
        probe_.resize(len);
    len = build_probe(seq);
    if (timing_) {
        // payload_'s stamp area is zero: the sum so far leaves it out.
        std::span<std::byte> stamp(probe_.data() + pk::icmp_header_len, timeval_len);
        timeval tv{};
        gettimeofday(&tv, nullptr);
        std::memcpy(stamp.data(), &tv, sizeof tv);
        sum_stamp(stamp);
    }
    int flags = confirm_ && confirm_allowed_ ? MSG_CONFIRM : 0;
    confirm_ = false;
    socklen_t dlen = 0;
    const sockaddr* dest = destination(dlen);
    ssize_t n = sendto(sock_.fd.get(), probe_.data(), len, flags, dest, dlen);
    if (n == ssize_t(len))
        return 0;
    return n < 0 ? errno : EIO;
}

// Once the last probe is out, how long to wait for stragglers: twice the
// longest round trip (at least the interval) when anything came back,
// else -W.
long Session::schedule_exit(long next)
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
    if (waittime_us_) { // iputils' timer with a zero value never fires
        itimerval it{};
        it.it_value.tv_sec = long(waittime_us_ / 1000000);
        it.it_value.tv_usec = long(waittime_us_ % 1000000);
        setitimer(ITIMER_REAL, &it, nullptr);
    }
    return next;
}

// Reads what the socket holds: replies, then queued errors.
void Session::receive(std::vector<std::byte>& packet, int flags, bool pollerr)
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
        ssize_t cc = recvmsg(sock_.fd.get(), &msg, flags);
        flags = MSG_DONTWAIT;
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
            parse_reply(read_cmsgs(msg), data, from);
        }
        if (stats_.in_flight() == 0)
            break;
    }
}

Session::Reply Session::read_cmsgs(const msghdr& msg)
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

void Session::read_error_queue(QueuedError& q, int level, int type)
{
    iovec iov{q.icmph, sizeof q.icmph};
    msghdr msg{};
    msg.msg_name = &q.target;
    msg.msg_namelen = sizeof q.target;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = q.control;
    msg.msg_controllen = sizeof q.control;
    q.res = recvmsg(sock_.fd.get(), &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
    if (q.res < 0)
        return;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == level && c->cmsg_type == type)
            q.e = reinterpret_cast<const sock_extended_err*>(CMSG_DATA(c));
}

void Session::local_error(const std::string& text)
{
    if (o_.quiet)
        return;
    if (o_.flood)
        out(flood_mark::local_error);
    else
        warn(text);
    stats_.error();
}

bool Session::payload_matches(std::span<const std::byte> body) const
{
    size_t end = std::min(payload_.size(), body.size());
    for (size_t i = timeval_len; i < end; ++i)
        if (body[i] != payload_[i])
            return false;
    return true;
}

bool Session::gather_statistics(const pk::IcmpMessage& icmp, uint16_t seq, bool csfailed, int ttl,
                                timeval recv_time, const std::string& from, bool wrong_source,
                                std::string_view what)
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
    auto kind = stats_.reply(seq, triptime, !csfailed);
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
    if (what.empty())
        out(fmt::format("{} bytes from {}: icmp_seq={}", cc, from, seq));
    else
        out(fmt::format("{} bytes from {}:{}", cc, from, what));
    // -v names the identifier where ping chose it (raw socket, or -e).
    if (o_.verbose && (sock_.raw || o_.ident))
        out(fmt::format(" ident={}", what.empty() ? icmp.id() : ident_)); // -N: the session's
    if (ttl >= 0)
        out(fmt::format(" ttl={}", ttl));
    if (cc < size_t(datalen_) + pk::icmp_header_len) {
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

std::string Session::numeric_text(const net::HostAddress& a, uint32_t scope_id)
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

std::string Session::pr_addr(const net::HostAddress& a, uint32_t scope_id)
{
    if (last_addr_ && *last_addr_ == a && last_scope_ == scope_id)
        return last_text_;
    std::string text = numeric_text(a, scope_id);
    std::string name;
    if (!exiting() && !numeric_) {
        auto r = net::reverse_lookup(a);
        if (r.status == net::LookupStatus::ok) // (NI_IDN: "xn--" labels in Unicode)
            name = net::idna::utf8_locale() ? net::idna::to_unicode(r.name) : r.name;
        else if (r.status == net::LookupStatus::not_found)
            name = text; // getnameinfo falls back to the number
    }
    last_addr_ = a;
    last_scope_ = scope_id;
    last_text_ = name.empty() ? text : fmt::format("{} ({})", name, text);
    return last_text_;
}

int Session::finish()
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

} // namespace nsbox::ping
