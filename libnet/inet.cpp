#include "libnet/inet.hpp"

#include <arpa/inet.h>
#include <climits>
#include <cstring>

#include <fmt/format.h>
#include <linux/if_arp.h>

namespace nsbox::net {

std::optional<IpAddress> IpAddress::from(int family, std::span<const std::byte> raw)
{
    IpAddress a;
    a.family = static_cast<uint8_t>(family);
    if (a.size() == 0 || raw.size() != a.size())
        return std::nullopt;
    std::memcpy(a.bytes.data(), raw.data(), raw.size());
    return a;
}

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

int digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

// strtoul: returns the value and how many characters it used (0 = no
// number). Overflow saturates at ULONG_MAX, as strtoul does.
struct Parsed {
    unsigned long value;
    size_t used;
};

Parsed strtoul_like(std::string_view s, int base)
{
    size_t i = 0;
    while (i < s.size() && blank(s[i]))
        ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if ((base == 0 || base == 16) && i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
        i + 2 < s.size() && digit(s[i + 2]) < 16) {
        base = 16;
        i += 2;
    } else if (base == 0) {
        base = i < s.size() && s[i] == '0' ? 8 : 10;
    }
    size_t start = i;
    unsigned long v = 0;
    bool overflow = false;
    for (; i < s.size() && digit(s[i]) < base; ++i) {
        auto d = static_cast<unsigned long>(digit(s[i]));
        if (v > (ULONG_MAX - d) / static_cast<unsigned long>(base))
            overflow = true;
        else
            v = v * static_cast<unsigned long>(base) + d;
    }
    if (i == start)
        return {0, 0};
    if (overflow)
        v = ULONG_MAX;
    else if (neg)
        v = -v;
    return {v, i};
}

// iproute2's get_addr_ipv4: up to four parts, each strtoul base 0, <= 255.
std::optional<IpAddress> parse_ipv4(std::string_view s)
{
    IpAddress a;
    a.family = AF_INET;
    for (int i = 0; i < 4; ++i) {
        Parsed p = strtoul_like(s, 0);
        if (p.used == 0 || p.value > 255)
            return std::nullopt;
        a.bytes[static_cast<size_t>(i)] = static_cast<std::byte>(p.value);
        s.remove_prefix(p.used);
        if (s.empty())
            return a;
        if (i == 3 || s.front() != '.')
            return std::nullopt;
        s.remove_prefix(1);
    }
    return a;
}

// Contiguous-ones netmask to a prefix length (iproute2's mask2bits).
std::optional<int> mask_bits(const IpAddress& m)
{
    uint32_t v = (uint32_t(m.bytes[0]) << 24) | (uint32_t(m.bytes[1]) << 16) | (uint32_t(m.bytes[2]) << 8) |
                 uint32_t(m.bytes[3]);
    int bits = 0;
    while (bits < 32 && (v & (0x80000000u >> bits)))
        ++bits;
    if (bits < 32 && (v << bits) != 0)
        return std::nullopt;
    return bits;
}

} // namespace

std::optional<uint32_t> parse_unsigned(std::string_view s, int base)
{
    Parsed p = strtoul_like(s, base);
    if (p.used == 0 || p.used != s.size() || p.value == ULONG_MAX || p.value > UINT_MAX)
        return std::nullopt;
    return static_cast<uint32_t>(p.value);
}

std::optional<uint32_t> parse_unsigned(std::string_view s, int base, uint32_t max)
{
    auto v = parse_unsigned(s, base);
    return v && *v <= max ? v : std::nullopt;
}

std::optional<int> parse_integer(std::string_view s, int base)
{
    if (s.empty())
        return std::nullopt;
    std::string text(s);
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text.c_str(), &end, base);
    if (end == text.c_str() || *end || errno == ERANGE || v < INT_MIN || v > INT_MAX)
        return std::nullopt;
    return static_cast<int>(v);
}

std::optional<uint64_t> parse_u64(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    std::string text(s);
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (end == text.c_str() || *end || (v == ULLONG_MAX && errno == ERANGE))
        return std::nullopt;
    return static_cast<uint64_t>(v);
}

std::optional<IpAddress> parse_address(std::string_view s, int family)
{
    if (s.find(':') != std::string_view::npos) {
        if (family != AF_UNSPEC && family != AF_INET6)
            return std::nullopt;
        std::string z(s);
        IpAddress a;
        a.family = AF_INET6;
        if (inet_pton(AF_INET6, z.c_str(), a.bytes.data()) <= 0)
            return std::nullopt;
        return a;
    }
    if (family != AF_UNSPEC && family != AF_INET)
        return std::nullopt;
    return parse_ipv4(s);
}

std::optional<Prefix> parse_prefix(std::string_view s, int family)
{
    auto slash = s.find('/');
    std::string_view addr = s.substr(0, slash);
    Prefix p;
    if (addr == "default" || addr == "all" || addr == "any") {
        p.any = true;
        // "default" carries zero bytes of the requested family; "all" and
        // "any" carry none (iproute2's bytelen).
        if (addr == "default" && (family == AF_INET || family == AF_INET6))
            p.addr.family = static_cast<uint8_t>(family);
        if (slash != std::string_view::npos)
            return std::nullopt;
        p.len = 0;
        return p;
    }
    auto a = parse_address(addr, family);
    if (!a)
        return std::nullopt;
    p.addr = *a;
    p.len = family_bits(a->family);
    if (slash == std::string_view::npos)
        return p;
    std::string_view len = s.substr(slash + 1);
    std::optional<int> bits;
    if (auto n = parse_unsigned(len, 0))
        bits = *n > INT_MAX ? -1 : static_cast<int>(*n);
    else if (auto m = parse_address(len, AF_INET))
        bits = mask_bits(*m);
    if (!bits || *bits < 0 || *bits > family_bits(a->family))
        return std::nullopt;
    p.len = *bits;
    p.len_given = true;
    return p;
}

std::string format_address(int family, std::span<const std::byte> raw)
{
    char buf[INET6_ADDRSTRLEN];
    if ((family == AF_INET && raw.size() == 4) || (family == AF_INET6 && raw.size() == 16))
        if (inet_ntop(family, raw.data(), buf, sizeof buf))
            return buf;
    return {};
}

std::string format_address(const IpAddress& a) { return format_address(a.family, a.span()); }

std::string format_lladdr(std::span<const std::byte> raw, unsigned arphrd)
{
    if (raw.size() == 4 && (arphrd == ARPHRD_TUNNEL || arphrd == ARPHRD_SIT || arphrd == ARPHRD_IPGRE))
        return format_address(AF_INET, raw);
    if (raw.size() == 16 && (arphrd == ARPHRD_TUNNEL6 || arphrd == ARPHRD_IP6GRE))
        return format_address(AF_INET6, raw);
    std::string s;
    if (raw.empty())
        return s;
    s.resize(raw.size() * 3 - 1);
    static constexpr char hex[] = "0123456789abcdef";
    char* p = s.data();
    for (size_t i = 0; i < raw.size(); ++i) {
        auto b = static_cast<unsigned>(raw[i]);
        p[0] = hex[b >> 4];
        p[1] = hex[b & 15];
        if (i + 1 < raw.size())
            p[2] = ':';
        p += 3;
    }
    return s;
}

namespace {

struct TypeName {
    unsigned type;
    std::string_view name;
};

// iproute2's ll_types table (lib/ll_types.c), the names it prints.
constexpr TypeName link_types[] = {
    {ARPHRD_NETROM, "netrom"},     {ARPHRD_ETHER, "ether"},         {ARPHRD_EETHER, "eether"},
    {ARPHRD_AX25, "ax25"},         {ARPHRD_PRONET, "pronet"},       {ARPHRD_CHAOS, "chaos"},
    {ARPHRD_IEEE802, "ieee802"},   {ARPHRD_ARCNET, "arcnet"},       {ARPHRD_APPLETLK, "atalk"},
    {ARPHRD_DLCI, "dlci"},         {ARPHRD_ATM, "atm"},             {ARPHRD_METRICOM, "metricom"},
    {ARPHRD_IEEE1394, "ieee1394"}, {ARPHRD_INFINIBAND, "infiniband"}, {ARPHRD_SLIP, "slip"},
    {ARPHRD_CSLIP, "cslip"},       {ARPHRD_SLIP6, "slip6"},         {ARPHRD_CSLIP6, "cslip6"},
    {ARPHRD_RSRVD, "rsrvd"},       {ARPHRD_ADAPT, "adapt"},         {ARPHRD_ROSE, "rose"},
    {ARPHRD_X25, "x25"},           {ARPHRD_HWX25, "hwx25"},         {ARPHRD_CAN, "can"},
    {ARPHRD_PPP, "ppp"},           {ARPHRD_HDLC, "hdlc"},           {ARPHRD_LAPB, "lapb"},
    {ARPHRD_DDCMP, "ddcmp"},       {ARPHRD_RAWHDLC, "rawhdlc"},     {ARPHRD_TUNNEL, "ipip"},
    {ARPHRD_TUNNEL6, "tunnel6"},   {ARPHRD_FRAD, "frad"},           {ARPHRD_SKIP, "skip"},
    {ARPHRD_LOOPBACK, "loopback"}, {ARPHRD_LOCALTLK, "ltalk"},      {ARPHRD_FDDI, "fddi"},
    {ARPHRD_BIF, "bif"},           {ARPHRD_SIT, "sit"},             {ARPHRD_IPDDP, "ip/ddp"},
    {ARPHRD_IPGRE, "gre"},         {ARPHRD_PIMREG, "pimreg"},       {ARPHRD_HIPPI, "hippi"},
    {ARPHRD_ASH, "ash"},           {ARPHRD_ECONET, "econet"},       {ARPHRD_IRDA, "irda"},
    {ARPHRD_FCPP, "fcpp"},         {ARPHRD_FCAL, "fcal"},           {ARPHRD_FCPL, "fcpl"},
    {ARPHRD_FCFABRIC, "fcfb0"},    {ARPHRD_IEEE802_TR, "tr"},       {ARPHRD_IEEE80211, "ieee802.11"},
    {ARPHRD_IEEE80211_PRISM, "ieee802.11/prism"}, {ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap"},
    {ARPHRD_IEEE802154, "ieee802.15.4"}, {ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor"},
    {ARPHRD_PHONET, "phonet"},     {ARPHRD_PHONET_PIPE, "phonet_pipe"}, {ARPHRD_CAIF, "caif"},
    {ARPHRD_IP6GRE, "gre6"},       {ARPHRD_NETLINK, "netlink"},     {ARPHRD_6LOWPAN, "6lowpan"},
    {ARPHRD_NONE, "none"},         {ARPHRD_VOID, "void"},
};

} // namespace

std::string link_type_name(unsigned arphrd)
{
    for (const auto& t : link_types)
        if (t.type == arphrd)
            return std::string(t.name);
    return fmt::format("[{}]", arphrd);
}

std::string family_name(int family)
{
    switch (family) {
    case AF_INET: return "inet";
    case AF_INET6: return "inet6";
    case AF_PACKET: return "link";
    case AF_MPLS: return "mpls";
    case AF_BRIDGE: return "bridge";
    case AF_UNSPEC: return "none";
    default: return fmt::format("[{}]", family);
    }
}

std::string_view family_name_verbose(int family)
{
    return family == AF_UNSPEC ? "any valid" : family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "";
}

bool prefix_match(const IpAddress& a, const IpAddress& b, int bits) noexcept
{
    for (size_t i = 0; bits > 0; ++i, bits -= 8) {
        auto x = static_cast<unsigned>(a.bytes[i]);
        auto y = static_cast<unsigned>(b.bytes[i]);
        if (bits < 8) {
            unsigned mask = (0xffu << (8 - bits)) & 0xffu;
            return (x & mask) == (y & mask);
        }
        if (x != y)
            return false;
    }
    return true;
}

} // namespace nsbox::net
