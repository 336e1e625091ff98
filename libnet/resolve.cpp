#include "libnet/resolve.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include <arpa/inet.h>
#include <ares.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>

namespace nsbox::net {

bool HostAddress::operator==(const HostAddress& o) const noexcept
{
    if (family != o.family)
        return false;
    if (family == AF_INET)
        return v4.s_addr == o.v4.s_addr;
    return std::memcmp(&v6, &o.v6, sizeof v6) == 0;
}

std::string to_string(const HostAddress& a)
{
    char buf[INET6_ADDRSTRLEN] = "";
    if (a.family == AF_INET)
        inet_ntop(AF_INET, &a.v4, buf, sizeof buf);
    else
        inet_ntop(AF_INET6, &a.v6, buf, sizeof buf);
    return buf;
}

// ---------------------------------------------------------------------------
// Numeric addresses

namespace {

// One part of an inet_aton address: decimal, 0x-hex or 0-octal digits only.
std::optional<uint64_t> aton_part(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    unsigned base = 10;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
        if (s.empty())
            return std::nullopt;
    } else if (s[0] == '0') {
        base = 8;
    }
    uint64_t v = 0;
    for (char c : s) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = unsigned(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = unsigned(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = unsigned(c - 'A' + 10);
        else
            return std::nullopt;
        if (d >= base)
            return std::nullopt;
        v = v * base + d;
        if (v > 0xffffffffu)
            return std::nullopt;
    }
    return v;
}

} // namespace

std::optional<in_addr> parse_ipv4_numeric(std::string_view text)
{
    uint64_t parts[4];
    size_t n = 0;
    while (true) {
        if (n == 4)
            return std::nullopt;
        size_t dot = text.find('.');
        auto part = aton_part(text.substr(0, dot));
        if (!part)
            return std::nullopt;
        parts[n++] = *part;
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
    }
    // All parts but the last are bytes; the last fills the remaining bytes.
    uint64_t addr = 0;
    for (size_t i = 0; i + 1 < n; ++i) {
        if (parts[i] > 0xff)
            return std::nullopt;
        addr |= parts[i] << (24 - 8 * i);
    }
    uint64_t last_max = 0xffffffffu >> (8 * (n - 1));
    if (parts[n - 1] > last_max)
        return std::nullopt;
    addr |= parts[n - 1];
    in_addr a{};
    a.s_addr = htonl(static_cast<uint32_t>(addr));
    return a;
}

std::optional<in6_addr> parse_ipv6_numeric(std::string_view text)
{
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN + 1)
        return std::nullopt;
    std::string s(text);
    in6_addr a{};
    if (inet_pton(AF_INET6, s.c_str(), &a) != 1)
        return std::nullopt;
    return a;
}

// ---------------------------------------------------------------------------
// hosts(5) and nsswitch.conf(5)

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string_view> fields(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_blank(line[i]))
            ++i;
        size_t start = i;
        while (i < line.size() && !is_blank(line[i]))
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

template <class F>
void for_each_line(std::string_view text, F&& f)
{
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        size_t hash = line.find('#');
        if (hash != std::string_view::npos)
            line = line.substr(0, hash);
        f(line);
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
}

bool same_name(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::optional<std::string> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

std::vector<HostsEntry> parse_hosts(std::string_view text)
{
    std::vector<HostsEntry> out;
    for_each_line(text, [&](std::string_view line) {
        auto f = fields(line);
        if (f.size() < 2)
            return;
        HostsEntry e;
        if (auto v4 = parse_ipv4_numeric(f[0]))
            e.address = HostAddress::from_v4(*v4);
        else if (auto v6 = parse_ipv6_numeric(f[0]))
            e.address = HostAddress::from_v6(*v6);
        else
            return;
        e.canonical = std::string(f[1]);
        for (size_t i = 2; i < f.size(); ++i)
            e.aliases.emplace_back(f[i]);
        out.push_back(std::move(e));
    });
    return out;
}

std::vector<HostsEntry> read_hosts(const std::string& path)
{
    auto text = read_file(path);
    return text ? parse_hosts(*text) : std::vector<HostsEntry>{};
}

std::vector<HostsSource> parse_nsswitch_hosts(std::string_view text)
{
    std::vector<HostsSource> out;
    bool seen = false;
    for_each_line(text, [&](std::string_view line) {
        while (!line.empty() && is_blank(line.front()))
            line.remove_prefix(1);
        if (seen || !line.starts_with("hosts"))
            return;
        line.remove_prefix(5);
        while (!line.empty() && is_blank(line.front()))
            line.remove_prefix(1);
        if (!line.starts_with(":"))
            return;
        seen = true;
        bool in_action = false; // inside "[NOTFOUND=return]"
        for (std::string_view w : fields(line.substr(1))) {
            if (in_action || w.front() == '[') {
                in_action = w.back() != ']';
                continue;
            }
            if (w == "files")
                out.push_back(HostsSource::files);
            else if (w == "dns")
                out.push_back(HostsSource::dns);
        }
    });
    return out;
}

HostLookup lookup_hosts(const std::vector<HostsEntry>& hosts, std::string_view name, int family)
{
    HostLookup r;
    bool name_seen = false;
    for (const auto& e : hosts) {
        bool match = same_name(e.canonical, name) ||
                     std::any_of(e.aliases.begin(), e.aliases.end(),
                                 [&](const std::string& a) { return same_name(a, name); });
        if (!match)
            continue;
        name_seen = true;
        if (family != AF_UNSPEC && e.address.family != family)
            continue;
        if (r.addresses.empty())
            r.canonical = e.canonical;
        r.addresses.push_back(e.address);
    }
    if (!r.addresses.empty())
        r.status = LookupStatus::ok;
    else
        r.status = name_seen ? LookupStatus::no_data : LookupStatus::not_found;
    return r;
}

AddressLookup reverse_hosts(const std::vector<HostsEntry>& hosts, const HostAddress& address)
{
    for (const auto& e : hosts)
        if (e.address == address)
            return {LookupStatus::ok, e.canonical};
    return {LookupStatus::not_found, {}};
}

// ---------------------------------------------------------------------------
// DNS through c-ares

namespace {

LookupStatus from_ares(int status)
{
    switch (status) {
    case ARES_SUCCESS:
        return LookupStatus::ok;
    case ARES_ENOTFOUND:
    case ARES_ENONAME:
    case ARES_EBADNAME:
        return LookupStatus::not_found;
    case ARES_ENODATA:
        return LookupStatus::no_data;
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
    case ARES_ECONNREFUSED:
    case ARES_ETIMEOUT:
    case ARES_EOF:
    case ARES_EFILE:
        return LookupStatus::try_again;
    default:
        return LookupStatus::failure;
    }
}

// One c-ares channel for one lookup, configured for DNS only (the hosts file
// is read by this module itself) from the given resolv.conf.
class AresChannel {
public:
    explicit AresChannel(const ResolverConfig& config)
    {
        if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
            return;
        library_ = true;
        ares_options opts{};
        std::string lookups = "b";
        resolv_ = config.resolv_conf_path;
        opts.lookups = lookups.data();
        opts.resolvconf_path = resolv_.data();
        if (ares_init_options(&channel_, &opts, ARES_OPT_LOOKUPS | ARES_OPT_RESOLVCONF) != ARES_SUCCESS)
            channel_ = nullptr;
    }
    ~AresChannel()
    {
        if (channel_)
            ares_destroy(channel_);
        if (library_)
            ares_library_cleanup();
    }
    AresChannel(const AresChannel&) = delete;
    AresChannel& operator=(const AresChannel&) = delete;

    ares_channel get() const { return channel_; }

    // Drives the channel until its queries are done, at most `limit`.
    void run(std::chrono::milliseconds limit)
    {
        auto end = std::chrono::steady_clock::now() + limit;
        while (true) {
            ares_socket_t socks[ARES_GETSOCK_MAXNUM];
            int bits = ares_getsock(channel_, socks, ARES_GETSOCK_MAXNUM);
            pollfd fds[ARES_GETSOCK_MAXNUM];
            nfds_t n = 0;
            for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
                short ev = 0;
                if (ARES_GETSOCK_READABLE(bits, i))
                    ev |= POLLIN;
                if (ARES_GETSOCK_WRITABLE(bits, i))
                    ev |= POLLOUT;
                if (ev)
                    fds[n++] = pollfd{socks[i], ev, 0};
            }
            if (n == 0)
                return;
            auto now = std::chrono::steady_clock::now();
            if (now >= end) {
                ares_cancel(channel_);
                return;
            }
            timeval max{}, tv{};
            auto left = std::chrono::duration_cast<std::chrono::microseconds>(end - now).count();
            max.tv_sec = left / 1000000;
            max.tv_usec = left % 1000000;
            timeval* t = ares_timeout(channel_, &max, &tv);
            int ms = int(t->tv_sec * 1000 + (t->tv_usec + 999) / 1000);
            int rc = poll(fds, n, ms);
            if (rc < 0 && errno != EINTR)
                return;
            if (rc <= 0) {
                ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
                continue;
            }
            for (nfds_t i = 0; i < n; ++i) {
                ares_socket_t r = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD;
                ares_socket_t w = (fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD;
                if (r != ARES_SOCKET_BAD || w != ARES_SOCKET_BAD)
                    ares_process_fd(channel_, r, w);
            }
        }
    }

private:
    ares_channel channel_ = nullptr;
    bool library_ = false;
    std::string resolv_;
};

constexpr std::chrono::milliseconds dns_limit{30000};

HostLookup dns_host(std::string_view name, int family, const ResolverConfig& config)
{
    HostLookup out;
    out.status = LookupStatus::try_again;
    AresChannel ch(config);
    if (!ch.get())
        return out;
    ares_addrinfo_hints hints{};
    hints.ai_family = family;
    hints.ai_flags = ARES_AI_CANONNAME | ARES_AI_NOSORT;
    std::string n(name);
    struct Done {
        HostLookup* out;
        bool called = false;
    } done{&out};
    ares_getaddrinfo(
        ch.get(), n.c_str(), nullptr, &hints,
        [](void* arg, int status, int, ares_addrinfo* res) {
            auto* d = static_cast<Done*>(arg);
            d->called = true;
            d->out->status = from_ares(status);
            if (status != ARES_SUCCESS || !res)
                return;
            for (auto* node = res->nodes; node; node = node->ai_next) {
                if (node->ai_family == AF_INET)
                    d->out->addresses.push_back(
                        HostAddress::from_v4(reinterpret_cast<sockaddr_in*>(node->ai_addr)->sin_addr));
                else if (node->ai_family == AF_INET6)
                    d->out->addresses.push_back(
                        HostAddress::from_v6(reinterpret_cast<sockaddr_in6*>(node->ai_addr)->sin6_addr));
            }
            // The canonical name: the end of the CNAME chain, else the name
            // the answer was for.
            const char* canon = res->name;
            for (auto* c = res->cnames; c; c = c->next)
                if (c->name)
                    canon = c->name;
            if (canon)
                d->out->canonical = canon;
            ares_freeaddrinfo(res);
            if (d->out->addresses.empty())
                d->out->status = LookupStatus::no_data;
        },
        &done);
    ch.run(dns_limit);
    if (!done.called)
        out.status = LookupStatus::try_again;
    if (out.status == LookupStatus::ok && out.canonical.empty())
        out.canonical = n;
    return out;
}

// The in-addr.arpa / ip6.arpa name of an address.
std::string ptr_name(const HostAddress& a)
{
    std::string n;
    if (a.family == AF_INET) {
        const auto* b = reinterpret_cast<const uint8_t*>(&a.v4);
        return std::to_string(b[3]) + "." + std::to_string(b[2]) + "." + std::to_string(b[1]) + "." +
               std::to_string(b[0]) + ".in-addr.arpa";
    }
    static constexpr char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        uint8_t b = a.v6.s6_addr[i];
        n += hex[b & 0xf];
        n += '.';
        n += hex[b >> 4];
        n += '.';
    }
    return n + "ip6.arpa";
}

// A PTR query of its own rather than ares_gethostbyaddr, which reports every
// DNS failure as "not found": getnameinfo tells an unreachable server
// (EAI_AGAIN) from a missing name, and ping prints the two differently.
AddressLookup dns_address(const HostAddress& address, const ResolverConfig& config)
{
    AddressLookup out{LookupStatus::try_again, {}};
    AresChannel ch(config);
    if (!ch.get())
        return out;
    struct Done {
        AddressLookup* out;
        const HostAddress* address;
        bool called = false;
    } done{&out, &address};
    ares_query(
        ch.get(), ptr_name(address).c_str(), 1 /* C_IN */, 12 /* T_PTR */,
        [](void* arg, int status, int, unsigned char* abuf, int alen) {
            auto* d = static_cast<Done*>(arg);
            d->called = true;
            d->out->status = from_ares(status);
            if (status != ARES_SUCCESS)
                return;
            const HostAddress& a = *d->address;
            const void* addr = a.family == AF_INET ? static_cast<const void*>(&a.v4) : static_cast<const void*>(&a.v6);
            int len = a.family == AF_INET ? int(sizeof a.v4) : int(sizeof a.v6);
            hostent* h = nullptr;
            int rc = ares_parse_ptr_reply(abuf, alen, addr, len, a.family, &h);
            if (rc == ARES_SUCCESS && h && h->h_name)
                d->out->name = h->h_name;
            else
                d->out->status = rc == ARES_SUCCESS || rc == ARES_ENODATA ? LookupStatus::not_found : from_ares(rc);
            if (h)
                ares_free_hostent(h);
        },
        &done);
    ch.run(dns_limit);
    if (!done.called)
        out.status = LookupStatus::try_again;
    if (out.status == LookupStatus::no_data)
        out.status = LookupStatus::not_found;
    return out;
}

std::vector<HostsSource> sources(const ResolverConfig& config)
{
    std::vector<HostsSource> s;
    if (auto text = read_file(config.nsswitch_path))
        s = parse_nsswitch_hosts(*text);
    if (s.empty())
        s = {HostsSource::files, HostsSource::dns};
    return s;
}

// Combines the failures of several sources as getaddrinfo reports them: a
// source that could not answer wins over one that had no data, which wins
// over plain "not found".
LookupStatus worse(LookupStatus a, LookupStatus b)
{
    auto rank = [](LookupStatus s) {
        switch (s) {
        case LookupStatus::try_again: return 3;
        case LookupStatus::failure: return 2;
        case LookupStatus::no_data: return 1;
        default: return 0;
        }
    };
    return rank(a) >= rank(b) ? a : b;
}

} // namespace

// ---------------------------------------------------------------------------
// Destination order (glibc's rfc3484_sort, rules 1, 2, 5, 6, 8 and 10)

namespace {

// An address as IPv6, IPv4 mapped into ::ffff:0:0/96.
in6_addr as_v6(const HostAddress& a)
{
    if (a.family == AF_INET6)
        return a.v6;
    in6_addr m{};
    m.s6_addr[10] = 0xff;
    m.s6_addr[11] = 0xff;
    std::memcpy(&m.s6_addr[12], &a.v4, 4);
    return m;
}

bool prefix_match(const in6_addr& a, const uint8_t (&prefix)[16], int bits)
{
    for (int i = 0; i < bits; ++i) {
        uint8_t mask = uint8_t(0x80 >> (i % 8));
        if ((a.s6_addr[i / 8] & mask) != (prefix[i / 8] & mask))
            return false;
    }
    return true;
}

struct PolicyEntry {
    uint8_t prefix[16];
    int bits;
    int value;
};

// glibc's default tables (RFC 3484 section 2.1), most specific first.
constexpr PolicyEntry default_labels[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, 0},
    {{0x20, 0x02}, 16, 2},
    {{}, 96, 3},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 4},
    {{0xfe, 0xc0}, 10, 5},
    {{0xfc, 0x00}, 7, 6},
    {{0x20, 0x01, 0, 0}, 32, 7},
    {{}, 0, 1},
};
constexpr PolicyEntry default_precedence[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, 50},
    {{0x20, 0x02}, 16, 30},
    {{}, 96, 20},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 10},
    {{}, 0, 40},
};

template <size_t N>
int policy(const PolicyEntry (&table)[N], const HostAddress& a)
{
    in6_addr v6 = as_v6(a);
    for (const auto& e : table)
        if (prefix_match(v6, e.prefix, e.bits))
            return e.value;
    return 0;
}

int scope(const HostAddress& a)
{
    if (a.family == AF_INET) {
        uint32_t h = ntohl(a.v4.s_addr);
        if ((h & 0xffff0000u) == 0xa9fe0000u || (h & 0xff000000u) == 0x7f000000u)
            return 2; // link-local and loopback
        return 14;
    }
    const uint8_t* b = a.v6.s6_addr;
    if (b[0] == 0xff)
        return b[1] & 0x0f;
    if ((b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || IN6_IS_ADDR_LOOPBACK(&a.v6))
        return 2;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        return 5;
    return 14;
}

// The source address the kernel picks for `dst`, found by connecting a UDP
// socket (no packet is sent).
std::optional<HostAddress> source_for(const HostAddress& dst)
{
    int fd = socket(dst.family, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_IP);
    if (fd < 0)
        return std::nullopt;
    std::optional<HostAddress> src;
    if (dst.family == AF_INET) {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        sin.sin_addr = dst.v4;
        sockaddr_in got{};
        socklen_t len = sizeof got;
        if (connect(fd, reinterpret_cast<const sockaddr*>(&sin), sizeof sin) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&got), &len) == 0)
            src = HostAddress::from_v4(got.sin_addr);
    } else {
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        sin6.sin6_addr = dst.v6;
        sockaddr_in6 got{};
        socklen_t len = sizeof got;
        if (connect(fd, reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&got), &len) == 0)
            src = HostAddress::from_v6(got.sin6_addr);
    }
    close(fd);
    return src;
}

} // namespace

void sort_destinations(std::vector<Destination>& d)
{
    auto before = [](const Destination& a, const Destination& b) {
        // Rule 1: avoid unusable destinations.
        if (a.source.has_value() != b.source.has_value())
            return a.source.has_value();
        if (a.source && b.source) {
            // Rule 2: prefer matching scope.
            bool sa = scope(a.address) == scope(*a.source), sb = scope(b.address) == scope(*b.source);
            if (sa != sb)
                return sa;
            // Rule 5: prefer matching label.
            bool la = policy(default_labels, a.address) == policy(default_labels, *a.source);
            bool lb = policy(default_labels, b.address) == policy(default_labels, *b.source);
            if (la != lb)
                return la;
        }
        // Rule 6: prefer higher precedence.
        int pa = policy(default_precedence, a.address), pb = policy(default_precedence, b.address);
        if (pa != pb)
            return pa > pb;
        // Rule 8: prefer smaller scope.
        return scope(a.address) < scope(b.address);
    };
    std::stable_sort(d.begin(), d.end(), before); // rule 10: otherwise as given
}

void sort_destinations(std::vector<HostAddress>& addresses)
{
    if (addresses.size() < 2)
        return;
    std::vector<Destination> d;
    for (const auto& a : addresses)
        d.push_back({a, source_for(a)});
    sort_destinations(d);
    for (size_t i = 0; i < d.size(); ++i)
        addresses[i] = d[i].address;
}

HostLookup resolve_host(std::string_view name, int family, const ResolverConfig& config)
{
    HostLookup r;
    if (family != AF_INET6) {
        if (auto v4 = parse_ipv4_numeric(name)) {
            r.status = LookupStatus::ok;
            r.canonical = std::string(name);
            r.addresses.push_back(HostAddress::from_v4(*v4));
            return r;
        }
    }
    if (family != AF_INET) {
        if (auto v6 = parse_ipv6_numeric(name)) {
            r.status = LookupStatus::ok;
            r.canonical = std::string(name);
            r.addresses.push_back(HostAddress::from_v6(*v6));
            return r;
        }
    }
    LookupStatus failed = LookupStatus::not_found;
    for (HostsSource s : sources(config)) {
        HostLookup got;
        if (s == HostsSource::files) {
            auto text = read_file(config.hosts_path);
            if (!text)
                continue;
            got = lookup_hosts(parse_hosts(*text), name, family);
        } else {
            got = dns_host(name, family, config);
        }
        if (got.status == LookupStatus::ok) {
            sort_destinations(got.addresses);
            return got;
        }
        failed = worse(failed, got.status);
    }
    r.status = failed;
    return r;
}

AddressLookup reverse_lookup(const HostAddress& address, const ResolverConfig& config)
{
    LookupStatus failed = LookupStatus::not_found;
    for (HostsSource s : sources(config)) {
        AddressLookup got;
        if (s == HostsSource::files) {
            auto text = read_file(config.hosts_path);
            if (!text)
                continue;
            got = reverse_hosts(parse_hosts(*text), address);
        } else {
            got = dns_address(address, config);
        }
        if (got.status == LookupStatus::ok)
            return got;
        failed = worse(failed, got.status);
    }
    return {failed, {}};
}

} // namespace nsbox::net
