// Host name and address lookup that works in a static binary.
//
// glibc's getaddrinfo/getnameinfo load NSS modules (shared objects) that a
// static binary in a scratch container does not have. This does what they do
// for the two sources that matter, in the order /etc/nsswitch.conf's "hosts:"
// line gives (files, then dns, when the file or the line is missing):
//   files  /etc/hosts, read here with glibc's rules (first name on a line is
//          the canonical name, every matching line contributes addresses);
//   dns    c-ares, configured from /etc/resolv.conf (servers, search, ndots).
//
// Numeric addresses never reach either: parse_ipv4_numeric and
// parse_ipv6_numeric decide them locally, as getaddrinfo does before NSS.
// Nothing here prints; failures are returned as a LookupStatus that maps onto
// getaddrinfo's EAI_* codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>

namespace nsbox::net {

// One address, IPv4 or IPv6, as the resolver hands it out. (Not named
// IpAddress: libnet/inet.hpp's nsbox::net::IpAddress has another layout,
// and two classes of one name break the one-definition rule: the linker
// keeps one copy of std::optional<IpAddress>'s code for both.)
struct HostAddress {
    int family = AF_INET; // AF_INET or AF_INET6
    in_addr v4{};
    in6_addr v6{};

    static HostAddress from_v4(in_addr a)
    {
        HostAddress r;
        r.family = AF_INET;
        r.v4 = a;
        return r;
    }
    static HostAddress from_v6(const in6_addr& a)
    {
        HostAddress r;
        r.family = AF_INET6;
        r.v6 = a;
        return r;
    }
    bool operator==(const HostAddress& o) const noexcept;
};

// Dotted-quad text ("10.0.0.3"), or RFC 5952 text for IPv6.
std::string to_string(const HostAddress& a);

// An IPv4 address in the forms inet_aton accepts (a.b.c.d, a.b.c, a.b, a;
// each part decimal, 0x-hex or 0-octal), the whole string and nothing else:
// the test getaddrinfo applies before it asks NSS. "10.3" is 10.0.0.3.
std::optional<in_addr> parse_ipv4_numeric(std::string_view text);
// An IPv6 address as inet_pton accepts it (no scope suffix).
std::optional<in6_addr> parse_ipv6_numeric(std::string_view text);

// How a lookup ended, in getaddrinfo's terms.
enum class LookupStatus {
    ok,
    not_found, // EAI_NONAME: no source knows the name
    try_again, // EAI_AGAIN: a name server could not be reached or failed
    no_data,   // EAI_NODATA: the name exists but has no address of that family
    failure,   // EAI_FAIL: a non-recoverable error
};

// Where the lookups read their configuration. Tests point these at files of
// their own; the defaults are the system's.
struct ResolverConfig {
    std::string hosts_path = "/etc/hosts";
    std::string resolv_conf_path = "/etc/resolv.conf";
    std::string nsswitch_path = "/etc/nsswitch.conf";
};

// One line of a hosts file.
struct HostsEntry {
    HostAddress address;
    std::string canonical;            // the first name on the line
    std::vector<std::string> aliases; // the others
};

// Parses hosts(5) text: comments from '#', blank lines and lines whose
// address does not parse are skipped.
std::vector<HostsEntry> parse_hosts(std::string_view text);
// The entries of the hosts file at `path` (empty when it cannot be read).
std::vector<HostsEntry> read_hosts(const std::string& path = "/etc/hosts");

// The sources of the "hosts:" line of nsswitch.conf text, in order, keeping
// only "files" and "dns" (the others need modules nsbox does not have).
// Empty when there is no "hosts:" line.
enum class HostsSource { files, dns };
std::vector<HostsSource> parse_nsswitch_hosts(std::string_view text);

struct HostLookup {
    LookupStatus status = LookupStatus::not_found;
    // The canonical name (getaddrinfo's AI_CANONNAME): the first name of the
    // first matching hosts line, or the name the DNS answer is for.
    std::string canonical;
    std::vector<HostAddress> addresses; // in source order
};

// Looks a host name up. family is AF_INET, AF_INET6 or AF_UNSPEC. A numeric
// name is answered without consulting any source.
HostLookup resolve_host(std::string_view name, int family, const ResolverConfig& config = {});

struct AddressLookup {
    LookupStatus status = LookupStatus::not_found;
    std::string name; // set when status is ok
};

// The name for an address (what getnameinfo finds without NI_NUMERICHOST):
// the canonical name of the first hosts line with that address, else a PTR
// answer. not_found means every source answered "no such name"; try_again
// means a name server was unreachable.
AddressLookup reverse_lookup(const HostAddress& address, const ResolverConfig& config = {});

// Orders destinations as glibc's getaddrinfo does with its default policy
// table (RFC 3484, no /etc/gai.conf): usable destinations first (the kernel
// has a route and picks a source), then a source of the same scope, of the
// same label, higher precedence, smaller scope; else the original order.
// resolve_host applies it to every answer with more than one address.
void sort_destinations(std::vector<HostAddress>& addresses);

// The rules alone, for tests: each destination with the source address the
// kernel would use for it (nullopt: no route).
struct Destination {
    HostAddress address;
    std::optional<HostAddress> source;
};
void sort_destinations(std::vector<Destination>& destinations);

// Lookups against a hosts file's text only (no DNS): what the "files" source
// answers. Exposed for tests.
HostLookup lookup_hosts(const std::vector<HostsEntry>& hosts, std::string_view name, int family);
AddressLookup reverse_hosts(const std::vector<HostsEntry>& hosts, const HostAddress& address);

} // namespace nsbox::net
