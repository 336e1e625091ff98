// IPv4/IPv6 addresses, prefixes and link-layer addresses: parsed the way
// iproute2 parses them from a command line (get_addr_1, get_prefix_1,
// get_unsigned: strtoul rules, so "010.0.0.1" is 8.0.0.1 and "10.1/8" is
// 10.1.0.0/8) and formatted the way it prints them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <sys/socket.h>

namespace nsbox::net {

struct IpAddress {
    uint8_t family = AF_UNSPEC;
    std::array<std::byte, 16> bytes{};

    // 4, 16, or 0 for AF_UNSPEC.
    size_t size() const noexcept { return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0; }
    std::span<const std::byte> span() const noexcept { return {bytes.data(), size()}; }
    // From an attribute payload of the family's exact size.
    static std::optional<IpAddress> from(int family, std::span<const std::byte> raw);
    bool operator==(const IpAddress&) const = default;
};

// Bits in an address of `family` (iproute2's af_bit_len): 32, 128, else 0.
constexpr int family_bits(int family) { return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0; }

// Whether the first `bits` bits of a and b are equal (iproute2's
// inet_addr_match on the address bytes).
bool prefix_match(const IpAddress& a, const IpAddress& b, int bits) noexcept;

// A prefix from the command line (iproute2's inet_prefix).
struct Prefix {
    IpAddress addr;
    int len = 0;               // prefix length in bits
    bool len_given = false;    // written as ".../N"
    bool any = false;          // the words "default", "all" or "any"
    // Whether the prefix carries address bytes (iproute2's bytelen != 0):
    // false for "all"/"any", and for "default" when no family was known.
    bool has_bytes() const noexcept { return addr.size() != 0; }
};

// strtoul(s, base) accepted whole, as iproute2's get_unsigned: leading
// blanks and a sign allowed, base 0 means 0x.. hex and 0.. octal.
std::optional<uint32_t> parse_unsigned(std::string_view s, int base = 0);
// The same, at most `max` (get_u16, get_u8 and the others with a limit).
std::optional<uint32_t> parse_unsigned(std::string_view s, int base, uint32_t max);
// iproute2's get_integer and get_s32: strtol(s, base) accepted whole and
// within int.
std::optional<int> parse_integer(std::string_view s, int base = 0);
// iproute2's get_u64: strtoull(s, 0) accepted whole, not saturated.
std::optional<uint64_t> parse_u64(std::string_view s);

// An address (no keywords). `family` AF_UNSPEC accepts either; a ':' means
// IPv6. IPv4 is up to four strtoul parts, each at most 255.
std::optional<IpAddress> parse_address(std::string_view s, int family = AF_UNSPEC);
// ADDRESS[/LEN] or default/all/any. LEN may be a dotted netmask for IPv4.
std::optional<Prefix> parse_prefix(std::string_view s, int family = AF_UNSPEC);

// inet_ntop of `raw` (4 or 16 bytes for the family); "" when it does not fit.
std::string format_address(int family, std::span<const std::byte> raw);
std::string format_address(const IpAddress& a);
// Link-layer address as iproute2's ll_addr_n2a prints it for `arphrd`
// ("3e:76:08:e2:be:01", or an IPv4/IPv6 address for tunnel types).
std::string format_lladdr(std::span<const std::byte> raw, unsigned arphrd);
// "ether", "loopback", ... or "[N]" (iproute2's ll_type_n2a).
std::string link_type_name(unsigned arphrd);
// Family words iproute2 prints: "inet", "inet6", "link", ... or "[N]".
std::string family_name(int family);
// "inet", "inet6" or "any valid" (iproute2's family_name_verbose).
std::string_view family_name_verbose(int family);

} // namespace nsbox::net
