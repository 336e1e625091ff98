#include "applets/tcpdump/print/names.hpp"

#include <cctype>
#include <cstdio>
#include <optional>
#include <fstream>
#include <sstream>

#include <arpa/inet.h>

#include <fmt/format.h>

#include "applets/tcpdump/print/resolver.hpp"
#include "applets/tcpdump/print/tables.hpp"
#include "libnet/netdb.hpp"

namespace nsbox::tcpdump {

namespace {

uint32_t key(const std::array<uint8_t, 4>& a)
{
    return uint32_t(a[0]) << 24 | uint32_t(a[1]) << 16 | uint32_t(a[2]) << 8 | a[3];
}

std::string dotted(const std::array<uint8_t, 4>& a)
{
    return fmt::format("{}.{}.{}.{}", a[0], a[1], a[2], a[3]);
}

std::string hex_mac(const std::array<uint8_t, 6>& a)
{
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", a[0], a[1], a[2], a[3], a[4], a[5]);
}

// "12:34:56:78:9a:bc" (one or two hex digits per byte, as ether_aton takes).
std::optional<std::array<uint8_t, 6>> parse_mac(std::string_view s)
{
    std::array<uint8_t, 6> m{};
    size_t pos = 0;
    for (size_t i = 0; i < 6; ++i) {
        unsigned v = 0;
        size_t digits = 0;
        while (pos < s.size() && digits < 2 && std::isxdigit(static_cast<unsigned char>(s[pos]))) {
            char ch = s[pos++];
            v = v * 16 + unsigned(std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : (std::tolower(ch) - 'a' + 10));
            ++digits;
        }
        if (digits == 0)
            return std::nullopt;
        m[i] = static_cast<uint8_t>(v);
        if (i < 5) {
            if (pos >= s.size() || s[pos] != ':')
                return std::nullopt;
            ++pos;
        }
    }
    if (pos != s.size())
        return std::nullopt;
    return m;
}

} // namespace

Names::Names(bool numeric, bool short_hosts) : numeric_(numeric), short_hosts_(short_hosts)
{
    host_lookup_ = [this](const std::array<uint8_t, 4>& a) {
        if (!resolver_)
            resolver_ = std::make_unique<Resolver>();
        return resolver_->reverse(a.data(), a.size());
    };
    host6_lookup_ = [this](const std::array<uint8_t, 16>& a) {
        if (!resolver_)
            resolver_ = std::make_unique<Resolver>();
        return resolver_->reverse(a.data(), a.size());
    };
}

Names::~Names() = default;

const std::string& Names::ipv4(const std::array<uint8_t, 4>& a)
{
    auto [it, inserted] = hosts_.try_emplace(key(a));
    if (!inserted)
        return it->second;
    if (!numeric_) {
        std::string name = host_lookup_(a);
        if (!name.empty()) {
            if (short_hosts_) {
                if (auto dot = name.find('.'); dot != std::string::npos)
                    name.resize(dot);
            }
            it->second = std::move(name);
            return it->second;
        }
    }
    it->second = dotted(a);
    return it->second;
}

const std::string& Names::ipv6(const std::array<uint8_t, 16>& a)
{
    auto [it, inserted] = hosts6_.try_emplace(a);
    if (!inserted)
        return it->second;
    if (!numeric_) {
        std::string name = host6_lookup_(a);
        if (!name.empty()) {
            if (short_hosts_) {
                if (auto dot = name.find('.'); dot != std::string::npos)
                    name.resize(dot);
            }
            it->second = std::move(name);
            return it->second;
        }
    }
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
    it->second = buf;
    return it->second;
}

void Names::load_ethers()
{
    ethers_loaded_ = true;
    std::ifstream in("/etc/ethers");
    std::string line;
    while (std::getline(in, line)) {
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream words(line);
        std::string addr, name;
        if (!(words >> addr >> name))
            continue;
        if (auto m = parse_mac(addr))
            ethers_.try_emplace(*m, name);
    }
    // tcpdump wires in this one name unless /etc/ethers has its own.
    ethers_.try_emplace(std::array<uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, "Broadcast");
}

const std::string& Names::ether(const std::array<uint8_t, 6>& a)
{
    if (!numeric_ && !ethers_loaded_)
        load_ethers();
    auto it = ethers_.find(a);
    if (it != ethers_.end())
        return it->second;
    std::string s = hex_mac(a);
    if (!numeric_) {
        uint32_t oui = uint32_t(a[0]) << 16 | uint32_t(a[1]) << 8 | a[2];
        auto vendor = tok_lookup(oui_names, oui);
        s += fmt::format(" (oui {})", vendor ? *vendor : "Unknown");
    }
    return ethers_.emplace(a, std::move(s)).first->second;
}

void Names::load_services()
{
    services_loaded_ = true;
    // The first line for a port wins, as in tcpdump's table.
    net::netdb::each_service([&](uint16_t port, std::string_view proto, std::span<const std::string_view> names) {
        if (proto == "tcp")
            tcp_ports_.try_emplace(port, names.front());
        else if (proto == "udp")
            udp_ports_.try_emplace(port, names.front());
        return false;
    });
}

const std::string& Names::udp_port(uint16_t port)
{
    if (!numeric_ && !services_loaded_)
        load_services();
    auto [it, inserted] = udp_ports_.try_emplace(port);
    if (inserted)
        it->second = fmt::format("{}", port);
    return it->second;
}

const std::string& Names::tcp_port(uint16_t port)
{
    if (!numeric_ && !services_loaded_)
        load_services();
    auto [it, inserted] = tcp_ports_.try_emplace(port);
    if (inserted)
        it->second = fmt::format("{}", port);
    return it->second;
}

} // namespace nsbox::tcpdump
