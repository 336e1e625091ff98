// The Internet checksum (RFC 1071), for building ICMP packets and verifying
// captured ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace nsbox::net::packet {

// Adds `data` to a running one's-complement sum (not yet folded).
inline uint32_t checksum_add(uint32_t sum, std::span<const std::byte> data)
{
    size_t i = 0;
    for (; i + 1 < data.size(); i += 2)
        sum += uint32_t(data[i]) << 8 | uint32_t(data[i + 1]);
    if (i < data.size())
        sum += uint32_t(data[i]) << 8;
    return sum;
}

// Folds a running sum and complements it: the value to store in a header
// (host order), or 0 when verifying a packet whose checksum is correct.
inline uint16_t checksum_finish(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<uint16_t>(~sum & 0xffff);
}

inline uint16_t checksum(std::span<const std::byte> data) { return checksum_finish(checksum_add(0, data)); }

} // namespace nsbox::net::packet
