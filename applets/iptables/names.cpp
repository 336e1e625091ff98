#include "applets/iptables/names.hpp"

#include <cstring>
#include <map>
#include <utility>

#include <arpa/inet.h>
#include <string_view>

#include "libnet/netdb.hpp"
#include "libnet/resolve.hpp"

namespace nsbox::iptables::names {

namespace {

struct ChainProto {
    std::string_view name;
    uint8_t num;
};
// xtables_chain_protos as 1.8.9 has it, in its order (the first name of a
// number is the one listed: 58 is "ipv6-icmp", 135 "mobility-header", as in
// /etc/protocols).
constexpr ChainProto chain_protos[] = {
    {"tcp", 6},  {"sctp", 132}, {"udp", 17},  {"udplite", 136}, {"icmp", 1},  {"ipv6-icmp", 58},  {"icmpv6", 58},
    {"esp", 50}, {"ah", 51},    {"mobility-header", 135},       {"ipv6-mh", 135}, {"mh", 135}, {"all", 0},
};

} // namespace

// xtables_parse_protocol (1.8.9) looks in its own table before
// getprotobyname: "-p tcp" is 6 whatever /etc/protocols says, and the file
// is read only for other names (not once per rule of a restore file).
std::optional<uint8_t> protocol_number(const std::string& name)
{
    for (const auto& p : chain_protos)
        if (p.name == name)
            return p.num;
    if (auto n = net::netdb::protocol_number(name))
        return *n <= 255 ? std::optional<uint8_t>(static_cast<uint8_t>(*n)) : std::nullopt;
    return std::nullopt;
}

std::optional<std::string> protocol_name(uint8_t proto, bool lookup)
{
    for (const auto& p : chain_protos)
        if (p.num == proto)
            return std::string(p.name);
    if (!lookup || proto == 0)
        return std::nullopt;
    return net::netdb::protocol_name(proto);
}

std::optional<uint16_t> service_port(const std::string& name, const char* proto)
{
    return net::netdb::service_port(name, proto);
}

std::optional<uint16_t> service_port_any(const std::string& name)
{
    std::optional<uint16_t> out;
    net::netdb::each_service([&](uint16_t port, std::string_view, std::span<const std::string_view> names) {
        for (auto n : names)
            if (n == name)
                return (out = port), true;
        return false;
    });
    return out;
}

std::optional<std::string> service_name(uint16_t port, const char* proto)
{
    return net::netdb::service_name(port, proto);
}

std::vector<uint32_t> host_addresses(const std::string& name)
{
    // (xtables: a network name first, then getaddrinfo)
    if (auto n = net::netdb::network_number(name))
        return {*n};
    std::vector<uint32_t> out;
    auto found = net::resolve_host(name, AF_INET);
    if (found.status == net::LookupStatus::ok)
        for (const auto& a : found.addresses)
            if (a.family == AF_INET)
                out.push_back(ntohl(a.v4.s_addr));
    return out;
}

std::optional<uint32_t> host_address(const std::string& name)
{
    std::vector<uint32_t> all = host_addresses(name);
    return all.empty() ? std::nullopt : std::optional<uint32_t>(all.front());
}

namespace {

// getnameinfo's answer for an address, each address asked once a run (a
// listing names the same addresses rule after rule).
const net::AddressLookup& reverse_once(const net::HostAddress& a)
{
    static std::map<std::pair<int, std::array<uint8_t, 16>>, net::AddressLookup> seen;
    std::array<uint8_t, 16> key{};
    if (a.family == AF_INET)
        std::memcpy(key.data(), &a.v4, 4);
    else
        std::memcpy(key.data(), &a.v6, 16);
    auto [it, fresh] = seen.try_emplace({a.family, key});
    if (fresh)
        it->second = net::reverse_lookup(a);
    return it->second;
}

} // namespace

std::optional<std::string> address_name(uint32_t addr)
{
    const net::AddressLookup& found = reverse_once(net::HostAddress::from_v4(in_addr{htonl(addr)}));
    if (found.status == net::LookupStatus::ok)
        return found.name;
    // getnameinfo gives the number when every source said "no such name";
    // only when one failed does xtables try the network's name.
    if (found.status == net::LookupStatus::try_again)
        return net::netdb::network_name(addr);
    return std::nullopt;
}

std::vector<std::array<uint8_t, 16>> host_addresses6(const std::string& name)
{
    std::vector<std::array<uint8_t, 16>> out;
    auto found = net::resolve_host(name, AF_INET6);
    for (const auto& a : found.addresses) {
        if (found.status != net::LookupStatus::ok || a.family != AF_INET6)
            continue;
        std::memcpy(out.emplace_back().data(), &a.v6, 16);
    }
    return out;
}

std::optional<std::array<uint8_t, 16>> host_address6(const std::string& name)
{
    auto all = host_addresses6(name);
    return all.empty() ? std::nullopt : std::optional<std::array<uint8_t, 16>>(all.front());
}

std::optional<std::string> address_name6(const std::array<uint8_t, 16>& addr)
{
    in6_addr a{};
    std::memcpy(&a, addr.data(), 16);
    const net::AddressLookup& found = reverse_once(net::HostAddress::from_v6(a));
    if (found.status == net::LookupStatus::ok)
        return found.name;
    return std::nullopt;
}

} // namespace nsbox::iptables::names
