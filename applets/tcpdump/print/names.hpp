// Names for addresses and ports, as tcpdump prints them without -n: host
// names (/etc/hosts, then DNS), service names (/etc/services), Ethernet names
// (/etc/ethers, "Broadcast", the OUI's vendor). With -n everything is
// numeric. Answers are cached for the life of the capture, as tcpdump does.
//
// The lookups are done here rather than through glibc's NSS, which a static
// binary cannot load.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace nsbox::tcpdump {

class Resolver;

class Names {
public:
    // A reverse lookup: the name for an IPv4 address, or "" when it has none.
    using HostLookup = std::function<std::string(const std::array<uint8_t, 4>&)>;
    using Host6Lookup = std::function<std::string(const std::array<uint8_t, 16>&)>;

    // numeric: -n. short_hosts: -N (strip the domain from host names).
    explicit Names(bool numeric, bool short_hosts = false);
    ~Names();

    // Replaces the host-name lookup (the default reads /etc/hosts, then asks
    // the DNS servers of /etc/resolv.conf). Tests use it to stay offline.
    void set_host_lookup(HostLookup lookup, Host6Lookup lookup6)
    {
        host_lookup_ = std::move(lookup);
        host6_lookup_ = std::move(lookup6);
    }

    const std::string& ipv4(const std::array<uint8_t, 4>& a);
    const std::string& ipv6(const std::array<uint8_t, 16>& a);
    const std::string& ether(const std::array<uint8_t, 6>& a);
    const std::string& udp_port(uint16_t port);
    const std::string& tcp_port(uint16_t port);

    bool numeric() const { return numeric_; }

private:
    void load_services();
    void load_ethers();

    bool numeric_;
    bool short_hosts_;
    bool services_loaded_ = false;
    bool ethers_loaded_ = false;
    HostLookup host_lookup_;
    Host6Lookup host6_lookup_;
    std::map<std::array<uint8_t, 16>, std::string> hosts6_;
    std::unique_ptr<Resolver> resolver_;
    std::unordered_map<uint32_t, std::string> hosts_;
    std::map<std::array<uint8_t, 6>, std::string> ethers_;
    std::unordered_map<uint32_t, std::string> udp_ports_;
    std::unordered_map<uint32_t, std::string> tcp_ports_;
};

} // namespace nsbox::tcpdump
