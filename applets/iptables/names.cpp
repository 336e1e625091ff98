#include "applets/iptables/names.hpp"

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

namespace nsbox::iptables::names {

namespace {

struct ChainProto {
    std::string_view name;
    uint8_t num;
};
// xtables_chain_protos, in its order.
constexpr ChainProto chain_protos[] = {
    {"tcp", 6}, {"sctp", 132}, {"udp", 17}, {"udplite", 136}, {"icmp", 1}, {"icmpv6", 58},
    {"ipv6-icmp", 58}, {"esp", 50}, {"ah", 51}, {"ipv6-mh", 135}, {"mh", 135}, {"all", 0},
};

// Calls fn(words) for each non-comment line of `path`; stops when fn
// returns true.
void each_line(const char* path, const std::function<bool(const std::vector<std::string>&)>& fn)
{
    FILE* f = std::fopen(path, "re");
    if (!f)
        return;
    char* line = nullptr;
    size_t cap = 0;
    std::vector<std::string> words;
    while (getline(&line, &cap, f) > 0) {
        std::string_view l = line;
        l = l.substr(0, l.find('#'));
        words.clear();
        size_t i = 0;
        while (i < l.size()) {
            size_t s = l.find_first_not_of(" \t\r\n", i);
            if (s == std::string_view::npos)
                break;
            size_t e = l.find_first_of(" \t\r\n", s);
            if (e == std::string_view::npos)
                e = l.size();
            words.emplace_back(l.substr(s, e - s));
            i = e;
        }
        if (!words.empty() && fn(words))
            break;
    }
    std::free(line);
    std::fclose(f);
}

std::optional<unsigned long> number(const std::string& s, unsigned long max)
{
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    unsigned long v = std::stoul(s);
    return v <= max ? std::optional(v) : std::nullopt;
}

} // namespace

std::optional<uint8_t> protocol_number(const std::string& name)
{
    std::optional<uint8_t> out;
    each_line("/etc/protocols", [&](const std::vector<std::string>& w) {
        if (w.size() < 2)
            return false;
        for (size_t i = 0; i < w.size(); ++i) {
            if (i == 1)
                continue;
            if (w[i] == name) {
                if (auto n = number(w[1], 255))
                    out = static_cast<uint8_t>(*n);
                return true;
            }
        }
        return false;
    });
    if (out)
        return out;
    for (const auto& p : chain_protos)
        if (p.name == name)
            return p.num;
    return std::nullopt;
}

std::optional<std::string> protocol_name(uint8_t proto, bool lookup)
{
    for (const auto& p : chain_protos)
        if (p.num == proto)
            return std::string(p.name);
    if (!lookup || proto == 0)
        return std::nullopt;
    std::optional<std::string> out;
    each_line("/etc/protocols", [&](const std::vector<std::string>& w) {
        if (w.size() >= 2 && number(w[1], 255) == proto) {
            out = w[0];
            return true;
        }
        return false;
    });
    return out;
}

std::optional<uint16_t> service_port(const std::string& name, const char* proto)
{
    std::optional<uint16_t> out;
    each_line("/etc/services", [&](const std::vector<std::string>& w) {
        if (w.size() < 2)
            return false;
        auto slash = w[1].find('/');
        if (slash == std::string::npos || w[1].substr(slash + 1) != proto)
            return false;
        for (size_t i = 0; i < w.size(); ++i) {
            if (i != 1 && w[i] == name) {
                if (auto n = number(w[1].substr(0, slash), 65535))
                    out = static_cast<uint16_t>(*n);
                return true;
            }
        }
        return false;
    });
    return out;
}

std::optional<std::string> service_name(uint16_t port, const char* proto)
{
    std::optional<std::string> out;
    std::string want = std::to_string(port) + "/" + proto;
    each_line("/etc/services", [&](const std::vector<std::string>& w) {
        if (w.size() >= 2 && w[1] == want) {
            out = w[0];
            return true;
        }
        return false;
    });
    return out;
}

std::optional<uint32_t> host_address(const std::string& name)
{
    std::optional<uint32_t> out;
    each_line("/etc/hosts", [&](const std::vector<std::string>& w) {
        in_addr a{};
        if (w.size() < 2 || inet_pton(AF_INET, w[0].c_str(), &a) != 1)
            return false;
        for (size_t i = 1; i < w.size(); ++i) {
            if (w[i] == name) {
                out = ntohl(a.s_addr);
                return true;
            }
        }
        return false;
    });
    if (out)
        return out;
    each_line("/etc/networks", [&](const std::vector<std::string>& w) {
        if (w.size() < 2)
            return false;
        for (size_t i = 0; i < w.size(); ++i) {
            if (i != 1 && w[i] == name) {
                in_addr_t n = inet_network(w[1].c_str());
                if (n != INADDR_NONE)
                    out = n;
                return true;
            }
        }
        return false;
    });
    return out;
}

std::optional<std::string> address_name(uint32_t addr)
{
    std::optional<std::string> out;
    each_line("/etc/hosts", [&](const std::vector<std::string>& w) {
        in_addr a{};
        if (w.size() >= 2 && inet_pton(AF_INET, w[0].c_str(), &a) == 1 && ntohl(a.s_addr) == addr) {
            out = w[1];
            return true;
        }
        return false;
    });
    if (out)
        return out;
    each_line("/etc/networks", [&](const std::vector<std::string>& w) {
        if (w.size() >= 2 && inet_network(w[1].c_str()) == addr) {
            out = w[0];
            return true;
        }
        return false;
    });
    return out;
}

} // namespace nsbox::iptables::names
