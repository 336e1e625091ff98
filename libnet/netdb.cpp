#include "libnet/netdb.hpp"

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace nsbox::net::netdb {

namespace {

constexpr std::string_view blanks = " \t\r\n";

// A decimal number of at most `max`, digits only.
std::optional<unsigned> decimal(std::string_view s, unsigned max)
{
    if (s.empty() || s.size() > 10)
        return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v <= max ? std::optional<unsigned>(static_cast<unsigned>(v)) : std::nullopt;
}

// The name fields of a line whose second word was its number: the first
// word, then the words after the number, in `names`.
std::span<const std::string_view> without_second(std::span<const std::string_view> w,
                                                 std::vector<std::string_view>& names)
{
    names.assign(w.begin(), w.end());
    names.erase(names.begin() + 1);
    return names;
}

std::optional<uint32_t> inet_network_of(std::string_view s)
{
    std::string text(s);
    in_addr_t n = inet_network(text.c_str());
    return n == INADDR_NONE ? std::nullopt : std::optional<uint32_t>(n);
}

} // namespace

bool each_line(const char* path, const std::function<bool(std::span<const std::string_view>)>& fn)
{
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path, "re"), std::fclose);
    if (!f)
        return false;
    char* buf = nullptr;
    size_t cap = 0;
    std::vector<std::string_view> words;
    ssize_t n;
    while ((n = getline(&buf, &cap, f.get())) > 0) {
        std::string_view line(buf, static_cast<size_t>(n));
        line = line.substr(0, line.find('#'));
        words.clear();
        for (size_t i = line.find_first_not_of(blanks); i != std::string_view::npos;) {
            size_t end = std::min(line.find_first_of(blanks, i), line.size());
            words.push_back(line.substr(i, end - i));
            i = line.find_first_not_of(blanks, end);
        }
        if (!words.empty() && fn(words))
            break;
    }
    std::free(buf);
    return true;
}

bool each_protocol(const std::function<bool(unsigned, std::span<const std::string_view>)>& fn)
{
    std::vector<std::string_view> names;
    return each_line("/etc/protocols", [&](std::span<const std::string_view> w) {
        auto num = w.size() >= 2 ? decimal(w[1], UINT32_MAX >> 1) : std::nullopt;
        return num && fn(*num, without_second(w, names));
    });
}

std::optional<unsigned> protocol_number(std::string_view name, bool* readable)
{
    std::optional<unsigned> out;
    bool opened = each_protocol([&](unsigned num, std::span<const std::string_view> names) {
        for (auto n : names)
            if (n == name)
                return (out = num), true;
        return false;
    });
    if (readable)
        *readable = opened;
    return out;
}

std::optional<std::string> protocol_name(unsigned number)
{
    std::optional<std::string> out;
    each_protocol([&](unsigned num, std::span<const std::string_view> names) {
        return num == number && (out = std::string(names.front()), true);
    });
    return out;
}

bool each_service(const std::function<bool(uint16_t, std::string_view, std::span<const std::string_view>)>& fn)
{
    std::vector<std::string_view> names;
    return each_line("/etc/services", [&](std::span<const std::string_view> w) {
        if (w.size() < 2)
            return false;
        auto slash = w[1].find('/');
        if (slash == std::string_view::npos)
            return false;
        auto port = decimal(w[1].substr(0, slash), 65535);
        return port && fn(static_cast<uint16_t>(*port), w[1].substr(slash + 1), without_second(w, names));
    });
}

std::optional<uint16_t> service_port(std::string_view name, std::string_view proto)
{
    std::optional<uint16_t> out;
    each_service([&](uint16_t port, std::string_view p, std::span<const std::string_view> names) {
        if (p != proto)
            return false;
        for (auto n : names)
            if (n == name)
                return (out = port), true;
        return false;
    });
    return out;
}

std::optional<std::string> service_name(uint16_t port, std::string_view proto)
{
    std::optional<std::string> out;
    each_service([&](uint16_t p, std::string_view pr, std::span<const std::string_view> names) {
        return p == port && pr == proto && (out = std::string(names.front()), true);
    });
    return out;
}

std::optional<uint32_t> network_number(std::string_view name)
{
    std::optional<uint32_t> out;
    std::vector<std::string_view> names;
    each_line("/etc/networks", [&](std::span<const std::string_view> w) {
        if (w.size() < 2)
            return false;
        for (auto n : without_second(w, names))
            if (n == name)
                return (out = inet_network_of(w[1])), true;
        return false;
    });
    return out;
}

std::optional<std::string> network_name(uint32_t net)
{
    std::optional<std::string> out;
    each_line("/etc/networks", [&](std::span<const std::string_view> w) {
        return w.size() >= 2 && inet_network_of(w[1]) == net && (out = std::string(w[0]), true);
    });
    return out;
}

} // namespace nsbox::net::netdb
