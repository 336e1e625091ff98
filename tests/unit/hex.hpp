// Hex text and bytes for the unit tests: recorded kernel replies and
// iproute2's requests are kept as hex strings, and byte comparisons print
// as hex so that a failure shows where two messages part.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox_test {

namespace detail {

// Calls put(byte) for each pair of hex digits in `h`; spaces and newlines
// between them are ignored.
template <class Put>
void each_hex_byte(std::string_view h, Put put)
{
    auto value = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    int hi = -1;
    for (char c : h) {
        if (c == ' ' || c == '\n')
            continue;
        if (hi < 0) {
            hi = value(c);
        } else {
            put(static_cast<unsigned char>(hi << 4 | value(c)));
            hi = -1;
        }
    }
}

inline std::string to_hex(const unsigned char* p, size_t n)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

} // namespace detail

inline std::vector<std::byte> unhex(std::string_view h)
{
    std::vector<std::byte> out;
    detail::each_hex_byte(h, [&](unsigned char b) { out.push_back(std::byte{b}); });
    return out;
}

// The same bytes in a std::string.
inline std::string unhex_string(std::string_view h)
{
    std::string out;
    detail::each_hex_byte(h, [&](unsigned char b) { out.push_back(static_cast<char>(b)); });
    return out;
}

inline std::string to_hex(std::span<const std::byte> b)
{
    return detail::to_hex(reinterpret_cast<const unsigned char*>(b.data()), b.size());
}

inline std::string to_hex(std::string_view s)
{
    return detail::to_hex(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

} // namespace nsbox_test
