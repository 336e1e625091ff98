// One ping of one destination, in the manner of iputils 20221126: the probe
// loop every family shares (iputils' ping_common.c: the send schedule, the
// receive loop, reply lines, statistics, signals) in Session, and what IPv4
// and IPv6 do their own way (iputils' ping4_run / ping6_run, the echo they
// build, replies and the error queue) in its two implementations,
// ping4.cpp and ping6.cpp. The sockets are opened before (socket.hpp); the
// text of what is printed comes from reply.hpp and stats.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/ping/ping.hpp"
#include "applets/ping/reply.hpp"
#include "applets/ping/socket.hpp"
#include "applets/ping/stats.hpp"
#include "libnet/fd.hpp"
#include "libnet/inet.hpp"
#include "libnet/packet/icmp.hpp"
#include "libnet/resolve.hpp"

struct sock_extended_err;

namespace nsbox::ping {

// A destination: an address and, for a scoped IPv6 literal, its scope.
struct Dest {
    net::HostAddress address;
    uint32_t scope_id = 0;
    std::string canonical;
};

// The send time at the start of each probe's payload (when -s leaves room).
inline constexpr size_t timeval_len = sizeof(timeval);

// getaddrinfo's gai_strerror texts for the ways a lookup fails.
std::string_view lookup_error_text(net::LookupStatus s);

class Session {
public:
    Session(const Options& o, const char* prog, IcmpSocket& sock)
        : o_(o), prog_(prog), sock_(sock), interval_(o.interval_ms), root_(getuid() == 0)
    {
    }
    virtual ~Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Finds the source address, sets the socket up, prints the PING line
    // and runs the loop; returns the exit status. nullopt: no route to this
    // address and it is not the `last` one, try the next.
    virtual std::optional<int> run(const Dest& d, const std::string& target, bool last) = 0;

protected:
    // What the control messages of a reply say.
    struct Reply {
        int ttl = -1; // IP_TTL / IPV6_HOPLIMIT, -1 when absent
        timeval when{};
        // IP_RETOPTS (datagram socket): the option bytes and the length
        // iputils walks, the control message's whole cmsg_len.
        std::vector<uint8_t> options;
        int options_total = 0;
    };

    // One message read from the socket's error queue.
    struct QueuedError {
        ssize_t res = -1; // recvmsg's result; below 0, errno says why
        // The extended error (IP_RECVERR / IPV6_RECVERR), nullptr when the
        // message had none; it points into `control`.
        const sock_extended_err* e = nullptr;
        uint8_t icmph[8] = {}; // the start of the probe it is about
        sockaddr_in6 target{}; // where that probe went (either family fits)
        alignas(cmsghdr) char control[512];

        uint16_t id() const { return uint16_t(icmph[4] << 8 | icmph[5]); }
        uint16_t seq() const { return uint16_t(icmph[6] << 8 | icmph[7]); }
    };

    // ----- what each family does its own way

    // Writes probe `seq` into probe_ (sized for an echo request with
    // payload_ after the header) and returns its length: an echo request,
    // or (IPv6 -N) a node information query.
    virtual size_t build_probe(uint16_t seq) = 0;
    // Adds the send time just written at `stamp` to probe_'s checksum
    // (nothing for ICMPv6, whose checksum the kernel computes).
    virtual void sum_stamp(std::span<const std::byte> stamp) { (void)stamp; }
    // Where probes go.
    virtual const sockaddr* destination(socklen_t& len) const = 0;
    // One datagram from the socket (`from` is large enough for either family).
    virtual void parse_reply(const Reply& r, std::span<const std::byte> data, const sockaddr_in6& from) = 0;
    // One message from the error queue. Returns how many ICMP errors about
    // our probes it held, or minus the local errors; leaves errno as it was
    // on entry unless the message was someone else's (then 0).
    virtual int receive_error() = 0;

    // ----- shared with the families

    // stdio, flushed where iputils flushes.
    void out(std::string_view s);
    void flush();
    // error(0, errnum, ...): a warning on stderr, after what stdout holds.
    void warn(const std::string& message, int errnum = 0);
    void print_timestamp();
    // usage(): the usage text on stderr, exit 2.
    [[noreturn]] void usage_exit();

    unsigned if_nametoindex_or_fail();
    void set_mark(int fd);
    // Buffers sized as iputils estimates a packet's memory.
    void set_buffers(int header_overhead);
    // With -I DEVICE, warn when the source address the kernel picked is not
    // one of the device's.
    void check_device_source(int family, const void* addr);

    // iputils' setup(): interval limits, socket options, the payload, the
    // identifier, signals and the deadline. Then main_loop().
    void setup();
    int main_loop();

    bool is_ours(uint16_t id) const { return !sock_.raw || id == ident_; }
    // The reply's payload after the timestamp is what we sent.
    bool payload_matches(std::span<const std::byte> body) const;
    // Counts reply `seq` and prints its line (without the newline): after
    // "N bytes from FROM:" comes `what` (" icmp_seq=N" when empty). True
    // when nothing more is to be printed for it.
    bool gather_statistics(const net::packet::IcmpMessage& icmp, uint16_t seq, bool csfailed, int ttl,
                           timeval recv_time, const std::string& from, bool wrong_source,
                           std::string_view what = {});
    // The numeric form getnameinfo gives: an IPv6 link-local address with
    // its scope ("fe80::1%eth0").
    static std::string numeric_text(const net::HostAddress& a, uint32_t scope_id);
    // An address as iputils' pr_addr shows it: "name (address)" after a
    // reverse lookup, the bare address with -n, a numeric target, or when
    // the lookup could not be made. The last answer is remembered.
    std::string pr_addr(const net::HostAddress& a, uint32_t scope_id = 0);
    // Reads one message from the error queue into `q` (not copyable: q.e
    // points into it); `level` and `type` name the extended error's
    // control message (SOL_IP, IP_RECVERR or IPPROTO_IPV6, IPV6_RECVERR).
    void read_error_queue(QueuedError& q, int level, int type);
    // A local error from the error queue: counted and reported (`text`;
    // -f prints its mark instead), unless -q.
    void local_error(const std::string& text);
    // An ICMP error about probe `seq` from the error queue: counted, and
    // reported unless -q as "From ADDRESS icmp_seq=SEQ " and text() (-f
    // prints its mark instead). text() runs only when it is printed: it
    // may look a name up.
    template <class Text>
    void net_error(uint16_t seq, const net::HostAddress& from, uint32_t scope_id, Text text)
    {
        stats_.error();
        if (o_.quiet)
            return;
        if (o_.flood) {
            out(flood_mark::icmp_error);
            return;
        }
        print_timestamp();
        out(fmt::format("From {} icmp_seq={} ", pr_addr(from, scope_id), seq));
        out(text());
        flush();
    }

    const Options& o_;
    const char* prog_;
    IcmpSocket& sock_;
    int interval_;
    // Read once, as iputils keeps it: -A asks after every reply whether
    // the interval may go below the users' limit.
    bool root_;
    uint16_t ident_ = 0;
    std::string hostname_;
    bool numeric_ = false;
    bool multicast_ = false;
    bool timing_ = false;
    bool latency_ = false;
    size_t packlen_ = 0;
    // The payload length a full reply has: -s, or 0 once a node
    // information query went out (as iputils' build_niquery sets it).
    long datalen_ = o_.datalen;
    std::vector<std::byte> payload_;
    std::vector<std::byte> probe_; // the probe being sent, reused
    Statistics stats_;
    int rtt_addend_ = 0; // -A: slows down after a full device queue (us)

private:
    // What the signal handlers said (SIGINT or SIGALRM: exit; SIGQUIT: a
    // status line).
    bool exiting() const;
    // Sends the probes due now; returns the milliseconds until the next one.
    long pinger();
    // -A: the interval follows the smoothed round trip.
    void update_interval();
    // Returns 0 when the probe went out, else the errno of the send.
    int send_probe();
    long schedule_exit(long next);
    // Reads what the socket holds: replies, then queued errors. The first
    // recvmsg() takes `flags` (0: it blocks up to SO_RCVTIMEO, as iputils
    // waits), the next ones do not wait.
    void receive(std::vector<std::byte>& packet, int flags, bool pollerr);
    Reply read_cmsgs(const msghdr& msg);
    int finish();

    bool confirm_ = false; // a reply came: confirm the neighbour
    bool confirm_allowed_ = true;
    timespec start_time_{};
    timespec cur_time_{};
    bool started_ = false;
    long tokens_ = 0;
    int oom_count_ = 0;
    unsigned long waittime_us_ = 0;

    std::optional<net::HostAddress> last_addr_;
    uint32_t last_scope_ = 0;
    std::string last_text_;
};

// The two implementations.
std::unique_ptr<Session> ipv4_session(const Options& o, const char* prog, IcmpSocket& sock);
std::unique_ptr<Session> ipv6_session(const Options& o, const char* prog, IcmpSocket& sock);

} // namespace nsbox::ping
