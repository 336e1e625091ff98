// A route-netlink session: one socket, the typed requests and dumps every
// `ip` object needs. One dump per object type; a single link is fetched by
// name or index, never by dumping and filtering.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/netlink.hpp"
#include "libnet/rtnl/addr.hpp"
#include "libnet/rtnl/link.hpp"
#include "libnet/rtnl/route.hpp"

namespace nsbox::net::rtnl {

// Decodes every message of `type` in a dump's bytes (other types skipped).
std::vector<Link> decode_links(Bytes dump);
std::vector<Addr> decode_addrs(Bytes dump);
std::vector<Route> decode_routes(Bytes dump);

// The transmit queue length of a device by name (SIOCGIFTXQLEN), for link
// messages that do not carry IFLA_TXQLEN (the AF_INET6 link dump).
std::optional<uint32_t> txqlen_by_name(std::string_view name);

class Session {
public:
    Session();

    Socket& socket() noexcept { return sock_; }

    // Sends a request and waits for its ACK; throws Error on refusal.
    void request(Message& m) { sock_.request(m); }

    // With `master` or `kind`, the kernel dumps only that master's ports or
    // links of that kind (see link_dump_request).
    std::vector<Link> links(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master = std::nullopt,
                            std::optional<std::string_view> kind = std::nullopt);
    // The same dumps streamed: `each` sees every link (address) as its
    // message arrives, decoded from the one receive buffer, and nothing is
    // collected. Returns whether the kernel marked the dump interrupted
    // (see Socket::dump_each).
    bool each_link(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master,
                   std::optional<std::string_view> kind, const std::function<void(Link&&)>& each);
    bool each_addr(uint8_t family, uint32_t index, const std::function<void(Addr&&)>& each);
    // One link by name or index; nullopt when the kernel says there is none
    // (ENODEV). Other errors are thrown.
    std::optional<Link> link(std::string_view name, uint8_t family, uint32_t ext_mask);
    std::optional<Link> link(int32_t index, uint8_t family, uint32_t ext_mask);
    std::vector<Addr> addrs(uint8_t family, uint32_t index = 0);
    std::vector<Route> routes(uint8_t family, uint32_t table);
    // The id this namespace gives the namespace open at `fd`, or nullopt
    // when none is assigned (RTM_GETNSID, NETNSA_FD).
    std::optional<int32_t> nsid_of(int fd);

private:
    std::optional<Link> get_link(Message& m);
    Socket sock_;
};

} // namespace nsbox::net::rtnl
