#include "applets/tcpdump/print/resolver.hpp"

#include <cstring>
#include <poll.h>

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>

namespace nsbox::tcpdump {

namespace {

struct Answer {
    bool done = false;
    std::string name;
};

void on_host(void* arg, int status, int, struct hostent* host)
{
    auto* a = static_cast<Answer*>(arg);
    a->done = true;
    if (status == ARES_SUCCESS && host && host->h_name)
        a->name = host->h_name;
}

} // namespace

// One c-ares channel for the whole capture.
struct Resolver::Channel {
    Channel()
    {
        if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
            return;
        ares_options opts{};
        char lookups[] = "fb"; // /etc/hosts first, then DNS, as nsswitch's "files dns"
        opts.lookups = lookups;
        ok_ = ares_init_options(&channel_, &opts, ARES_OPT_LOOKUPS) == ARES_SUCCESS;
    }
    ~Channel()
    {
        if (ok_)
            ares_destroy(channel_);
        ares_library_cleanup();
    }
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    std::string lookup(const uint8_t* addr, size_t len)
    {
        if (!ok_)
            return {};
        Answer answer;
        ares_gethostbyaddr(channel_, addr, static_cast<int>(len), len == 4 ? AF_INET : AF_INET6, on_host, &answer);
        // Bounded: c-ares gives up after its own timeouts and retries.
        for (int rounds = 0; !answer.done && rounds < 10000; ++rounds) {
            ares_socket_t socks[ARES_GETSOCK_MAXNUM];
            int mask = ares_getsock(channel_, socks, ARES_GETSOCK_MAXNUM);
            pollfd fds[ARES_GETSOCK_MAXNUM];
            nfds_t n = 0;
            for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
                short ev = 0;
                if (ARES_GETSOCK_READABLE(mask, i))
                    ev |= POLLIN;
                if (ARES_GETSOCK_WRITABLE(mask, i))
                    ev |= POLLOUT;
                if (ev)
                    fds[n++] = pollfd{socks[i], ev, 0};
            }
            timeval tv{};
            timeval* tvp = ares_timeout(channel_, nullptr, &tv);
            int ms = tvp ? int(tvp->tv_sec * 1000 + tvp->tv_usec / 1000) : 1000;
            if (poll(fds, n, ms) < 0)
                continue;
            for (nfds_t i = 0; i < n; ++i) {
                ares_socket_t r = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD;
                ares_socket_t w = (fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD;
                ares_process_fd(channel_, r, w);
            }
            if (n == 0)
                ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
        }
        return answer.name;
    }

    ares_channel channel_{};
    bool ok_ = false;
};

Resolver::Resolver() : channel_(std::make_unique<Channel>()) {}
Resolver::~Resolver() = default;

std::string Resolver::reverse(const uint8_t* addr, size_t len) { return channel_->lookup(addr, len); }

} // namespace nsbox::tcpdump
