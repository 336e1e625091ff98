// Name <-> number lookups iptables does through libc (getprotobyname,
// getservbyport, getnameinfo, getnetbyaddr), done here by reading the files
// directly so that they work the same in a static binary without NSS
// modules. DNS is not consulted (a listing never waits on the network).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsbox::iptables::names {

// Protocols: iptables' own table first (tcp, udp, icmp, all, ...), then
// /etc/protocols (for a name: always; for a number: when `lookup` is set).
std::optional<uint8_t> protocol_number(const std::string& name);
std::optional<std::string> protocol_name(uint8_t proto, bool lookup);

// /etc/services for "tcp" or "udp".
std::optional<uint16_t> service_port(const std::string& name, const char* proto);
std::optional<std::string> service_name(uint16_t port, const char* proto);
// getservbyname(name, NULL): the first entry of that name, any protocol.
std::optional<uint16_t> service_port_any(const std::string& name);

// Addresses in host byte order, as xtables finds them: an /etc/networks
// name gives its one number; else every address getaddrinfo would give
// (/etc/hosts and DNS in nsswitch.conf's order, a name on several hosts
// lines several times); empty when no source has it.
std::optional<uint32_t> host_address(const std::string& name);
std::vector<uint32_t> host_addresses(const std::string& name);
// An address's name as xtables lists it: getnameinfo's (/etc/hosts, DNS);
// when a source failed (a name server unreachable), the /etc/networks name;
// none when every source said there is no name.
std::optional<std::string> address_name(uint32_t addr);
// IPv6 (network byte order): getaddrinfo and getnameinfo, no network names.
std::optional<std::array<uint8_t, 16>> host_address6(const std::string& name);
std::vector<std::array<uint8_t, 16>> host_addresses6(const std::string& name);
std::optional<std::string> address_name6(const std::array<uint8_t, 16>& addr);

} // namespace nsbox::iptables::names
