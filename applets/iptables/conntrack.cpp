#include "applets/iptables/conntrack.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <span>

#include <arpa/inet.h>
#include <strings.h>

#include <fmt/format.h>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/names.hpp"
#include "applets/iptables/xt.hpp"

namespace nsbox::iptables::conntrack {

namespace {

namespace ct = xt::conntrack;
using net::nft::Data;

struct Name {
    std::string_view name;
    uint16_t bit;
};
// In the order libxt_conntrack tries them (a word matches every name it is
// a prefix of: "EST" is ESTABLISHED, "N" NEW).
constexpr Name ctstates[] = {{"INVALID", 1 << 0},   {"NEW", 1 << 3},  {"ESTABLISHED", 1 << 1}, {"RELATED", 1 << 2},
                             {"UNTRACKED", 1 << 8}, {"SNAT", 1 << 6}, {"DNAT", 1 << 7}};
constexpr Name states[] = {{"INVALID", 1 << 0}, {"NEW", 1 << 3}, {"ESTABLISHED", 1 << 1}, {"RELATED", 1 << 2},
                           {"UNTRACKED", 1 << 8}};
constexpr Name statuses[] = {
    {"NONE", 0}, {"EXPECTED", 1 << 0}, {"SEEN_REPLY", 1 << 1}, {"ASSURED", 1 << 2}, {"CONFIRMED", 1 << 3}};
// The four tuple parts, in the order of the info's addresses and ports.
constexpr std::string_view parts[] = {"origsrc", "origdst", "replsrc", "repldst"};

std::optional<uint16_t> lookup(std::span<const Name> table, std::string_view word)
{
    for (const Name& n : table)
        if (strncasecmp(std::string(word).c_str(), n.name.data(), word.size()) == 0)
            return n.bit;
    return std::nullopt;
}

// "A,B,...": an empty or unknown item is refused with the rest of the list
// from that item. The state match alone refuses an empty last item with
// its own sentence.
uint16_t parse_list(std::span<const Name> table, const std::string& arg, const char* what, bool state)
{
    uint16_t mask = 0;
    for (size_t at = 0;;) {
        size_t comma = arg.find(',', at);
        std::string_view item = std::string_view(arg).substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        if (state && comma == std::string::npos && item.empty())
            throw UsageError("\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED");
        auto bit = item.empty() ? std::nullopt : lookup(table, item);
        if (!bit)
            throw UsageError(fmt::format("Bad {} \"{}\"", what, arg.substr(at)));
        mask = static_cast<uint16_t>(mask | *bit);
        if (comma == std::string::npos)
            return mask;
        at = comma + 1;
    }
}

// XTTYPE_HOSTMASK: a host (an address as getaddrinfo reads it, or a name
// from /etc/hosts), then "/N" or "/MASK". The address is kept as given;
// the mask is N bits (of 128); no mask, or a MASK that is not contiguous,
// is all 128 bits.
void parse_addr(Data& d, size_t part, std::string_view opt, const std::string& val, bool v6)
{
    size_t slash = val.find('/');
    std::string host = val.substr(0, slash);
    std::array<uint8_t, 16> addr{}, mask;
    mask.fill(0xff);
    bool found = false;
    if (!v6) {
        in_addr a{};
        if (inet_aton(host.c_str(), &a)) {
            std::memcpy(addr.data(), &a, 4);
            found = true;
        } else if (auto h = names::host_address(host)) {
            uint32_t be = htonl(*h);
            std::memcpy(addr.data(), &be, 4);
            found = true;
        }
    } else if (inet_pton(AF_INET6, host.c_str(), addr.data()) == 1) {
        found = true;
    } else if (auto h = names::host_address6(host)) {
        addr = *h;
        found = true;
    }
    if (!found) {
        // (an address of the other family: getaddrinfo's EAI_ADDRFAMILY)
        std::array<uint8_t, 16> other{};
        bool other_family = v6 ? inet_aton(host.c_str(), reinterpret_cast<in_addr*>(other.data())) != 0
                               : inet_pton(AF_INET6, host.c_str(), other.data()) == 1;
        throw UsageError(std::string("getaddrinfo: ") +
                         (other_family ? "Address family for hostname not supported" : "Name or service not known") +
                         "\n");
    }
    if (slash != std::string::npos) {
        std::string m = val.substr(slash + 1);
        const uint32_t bits = v6 ? 128 : 32;
        std::optional<uint32_t> plen;
        size_t used = 0;
        if (auto n = strtoui_prefix(m, 0, bits, used); n && used == m.size()) {
            plen = n;
        } else {
            std::array<uint8_t, 16> given{};
            bool ok = v6 ? inet_pton(AF_INET6, m.c_str(), given.data()) == 1
                         : inet_aton(m.c_str(), reinterpret_cast<in_addr*>(given.data())) != 0;
            if (!ok)
                throw UsageError(fmt::format("conntrack: bad value for option \"--{}\", neither a valid network "
                                             "mask nor valid CIDR (0-{}).\n",
                                             opt, bits));
            uint32_t ones = 0;
            while (ones < bits && (given[ones / 8] & (0x80 >> (ones % 8))))
                ++ones;
            bool contiguous = true;
            for (uint32_t i = ones; i < bits; ++i)
                contiguous = contiguous && !(given[i / 8] & (0x80 >> (i % 8)));
            if (contiguous)
                plen = ones;
        }
        if (plen) {
            mask.fill(0);
            for (uint32_t i = 0; i < *plen; ++i)
                mask[i / 8] = static_cast<uint8_t>(mask[i / 8] | (0x80 >> (i % 8)));
        }
    }
    std::copy(addr.begin(), addr.end(), d.begin() + static_cast<long>(ct::addrs + part * ct::addr_stride));
    std::copy(mask.begin(), mask.end(), d.begin() + static_cast<long>(ct::addrs + part * ct::addr_stride + 16));
}

// A port as getaddrinfo(NULL, port) in glibc 2.36 reads it: strtoul's
// decimal number, kept in an int (negative: looked up as a name, which
// "-1" is not) and cut to 16 bits as it goes into sin_port; else a service
// name of any protocol.
std::optional<uint16_t> port_number(const std::string& s)
{
    char* end = nullptr;
    unsigned long v = std::strtoul(s.c_str(), &end, 10);
    if (*end == '\0' && static_cast<int>(static_cast<unsigned>(v)) >= 0)
        return static_cast<uint16_t>(v);
    return names::service_port_any(s);
}

void parse_ports(Data& d, size_t part, std::string_view opt, const std::string& val)
{
    auto range = port_range("conntrack", opt, val);
    xt::put<uint16_t>(d, ct::ports + 2 * part, range[0]);
    xt::put<uint16_t>(d, ct::ports_high + 2 * part, range[1]);
}

// XTTYPE_UINT32RC: "N", "MIN:MAX", "MIN:", ":MAX".
void parse_expire(Data& d, const std::string& val)
{
    uint32_t v[2] = {0, 0};
    unsigned n = 0;
    for (size_t at = 0;;) {
        if (n == 2)
            throw UsageError("conntrack: Too many components for option \"--ctexpire\" (max: 2)\n");
        size_t end = at;
        if (at == val.size() || val[at] == ':') {
            v[n] = n == 1 ? UINT32_MAX : 0;
        } else {
            size_t used = 0;
            std::string rest = val.substr(at);
            auto x = strtoui_prefix(rest, 0, UINT32_MAX, used);
            if (!x)
                throw UsageError(fmt::format(
                    "conntrack: bad value for option \"--ctexpire\" near \"{}\", or out of range (0-4294967295).\n",
                    rest));
            end = at + used;
            if (end < val.size() && val[end] != ':')
                throw UsageError(fmt::format(
                    "conntrack: Argument to \"--ctexpire\" has unexpected characters near \"{}\".\n", val.substr(end)));
            v[n] = *x;
        }
        ++n;
        if (end >= val.size())
            break;
        at = end + 1;
    }
    xt::put<uint32_t>(d, ct::expires_min, v[0]);
    xt::put<uint32_t>(d, ct::expires_max, n >= 2 ? v[1] : v[0]);
}

void set_flag(Data& d, uint16_t flag, bool invert)
{
    xt::put<uint16_t>(d, ct::match_flags, static_cast<uint16_t>(xt::get<uint16_t>(d, ct::match_flags) | flag));
    if (invert)
        xt::put<uint16_t>(d, ct::invert_flags, static_cast<uint16_t>(xt::get<uint16_t>(d, ct::invert_flags) | flag));
}

// Which of `parts` "ct" PART SUFFIX names (std::size(parts): none). Asked
// for every option of every rule a restore parses: no string is built.
size_t part_of(std::string_view opt, std::string_view suffix)
{
    if (opt.size() < 2 + suffix.size() || !opt.starts_with("ct") || !opt.ends_with(suffix))
        return std::size(parts);
    std::string_view part = opt.substr(2, opt.size() - 2 - suffix.size());
    for (size_t i = 0; i < std::size(parts); ++i)
        if (part == parts[i])
            return i;
    return std::size(parts);
}

void names_text(std::string& out, std::span<const Name> table, uint16_t mask)
{
    char sep = ' ';
    for (const Name& n : table)
        if (n.bit && (mask & n.bit)) {
            out += sep;
            out += n.name;
            sep = ',';
        }
}

// conntrack_dump: `pfx` is "" for -L and "--" for -S.
void dump(std::string& out, const Data& d, const char* pfx, bool numeric, bool v6)
{
    if (d.size() < ct::size)
        return;
    const auto flags = xt::get<uint16_t>(d, ct::match_flags), inv = xt::get<uint16_t>(d, ct::invert_flags);
    auto bang = [&](uint16_t f) {
        if (inv & f)
            out += " !";
    };
    if (flags & ct::f_state) {
        bang(ct::f_state);
        out += fmt::format(" {}{}", pfx, flags & ct::f_state_alias ? "state" : "ctstate");
        // (printed in another order than parsed)
        static constexpr Name printed[] = {{"INVALID", 1 << 0},   {"NEW", 1 << 3},  {"RELATED", 1 << 2},
                                           {"ESTABLISHED", 1 << 1}, {"UNTRACKED", 1 << 8}, {"SNAT", 1 << 6},
                                           {"DNAT", 1 << 7}};
        names_text(out, printed, xt::get<uint16_t>(d, ct::state_mask));
    }
    if (flags & ct::f_proto) {
        bang(ct::f_proto);
        out += fmt::format(" {}ctproto {}", pfx, xt::get<uint16_t>(d, ct::l4proto));
    }
    for (size_t i = 0; i < std::size(parts); ++i) {
        const auto f = static_cast<uint16_t>(ct::f_addr0 << i);
        if (!(flags & f))
            continue;
        bang(f);
        out += fmt::format(" {}ct{}", pfx, parts[i]);
        const size_t at = ct::addrs + i * ct::addr_stride;
        AddrMatch a;
        a.v6 = v6;
        if (v6) {
            std::copy_n(d.begin() + static_cast<long>(at), 16, a.addr6.begin());
            std::copy_n(d.begin() + static_cast<long>(at + 16), 16, a.mask6.begin());
        } else {
            a.addr = ntohl(xt::get<uint32_t>(d, at));
            a.mask = ntohl(xt::get<uint32_t>(d, at + 16));
        }
        bool zero = v6 ? a.addr6 == std::array<uint8_t, 16>{} : a.addr == 0;
        out += !numeric && zero ? " anywhere" : " " + host_text(a, numeric);
    }
    for (size_t i = 0; i < std::size(parts); ++i) {
        const auto f = static_cast<uint16_t>(ct::f_port0 << i);
        if (!(flags & f))
            continue;
        bang(f);
        auto lo = xt::get<uint16_t>(d, ct::ports + 2 * i), hi = xt::get<uint16_t>(d, ct::ports_high + 2 * i);
        out += fmt::format(" {}ct{}port {}", pfx, parts[i], lo);
        if (hi != 0 && hi != lo)
            out += fmt::format(":{}", hi);
    }
    if (flags & ct::f_status) {
        bang(ct::f_status);
        out += fmt::format(" {}ctstatus", pfx);
        auto mask = xt::get<uint16_t>(d, ct::status_mask);
        names_text(out, statuses, mask);
        if (mask == 0)
            out += " NONE";
    }
    if (flags & ct::f_expires) {
        bang(ct::f_expires);
        auto lo = xt::get<uint32_t>(d, ct::expires_min), hi = xt::get<uint32_t>(d, ct::expires_max);
        out += fmt::format(" {}ctexpire {}", pfx, lo);
        if (hi != lo)
            out += fmt::format(":{}", hi);
    }
    if (flags & ct::f_direction)
        out += fmt::format(" {}ctdir {}", pfx, inv & ct::f_direction ? "REPLY" : "ORIGINAL");
}

} // namespace

std::array<uint16_t, 2> port_range(std::string_view ext, std::string_view opt, const std::string& val)
{
    std::array<uint16_t, 2> range = {0, 65535};
    unsigned n = 0;
    for (size_t at = 0;;) {
        size_t colon = val.find(':', at);
        std::string item = val.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
        if (n == 2)
            throw UsageError(fmt::format("{}: Too many components for option \"--{}\" (max: 2)\n", ext, opt));
        if (!item.empty()) {
            auto p = port_number(item);
            if (!p)
                throw UsageError(fmt::format("Port \"{}\" does not resolve to anything.\n", item));
            range[n] = *p;
        }
        ++n;
        if (colon == std::string::npos)
            break;
        at = colon + 1;
    }
    if (n == 1)
        range[1] = range[0];
    return range;
}

bool is_option(std::string_view opt)
{
    return opt == "state" || opt == "ctstate" || opt == "ctproto" || opt == "ctstatus" || opt == "ctexpire" ||
           opt == "ctdir" || part_of(opt, "") < std::size(parts) || part_of(opt, "port") < std::size(parts);
}

void parse(Data& d, std::string_view opt, const std::string& val, bool invert, bool v6)
{
    if (opt == "state" || opt == "ctstate") {
        bool state = opt == "state";
        xt::put<uint16_t>(d, ct::state_mask,
                          parse_list(state ? std::span<const Name>(states) : std::span<const Name>(ctstates), val,
                                     state ? "state" : "ctstate", state));
        set_flag(d, state ? ct::f_state | ct::f_state_alias : ct::f_state, invert);
        if (invert && state) // (the alias bit is not inverted)
            xt::put<uint16_t>(d, ct::invert_flags, static_cast<uint16_t>(xt::get<uint16_t>(d, ct::invert_flags) &
                                                                          ~ct::f_state_alias));
    } else if (opt == "ctproto") {
        auto p = parse_protocol(val);
        if (!p)
            throw UsageError("unknown protocol \"" + val + "\" specified");
        xt::put<uint16_t>(d, ct::l4proto, *p);
        set_flag(d, ct::f_proto, invert);
    } else if (opt == "ctstatus") {
        xt::put<uint16_t>(d, ct::status_mask, parse_list(statuses, val, "ctstatus", false));
        set_flag(d, ct::f_status, invert);
    } else if (opt == "ctexpire") {
        parse_expire(d, val);
        set_flag(d, ct::f_expires, invert);
    } else if (opt == "ctdir") {
        if (invert)
            throw UsageError("conntrack: option \"--ctdir\" cannot be inverted.\n");
        bool reply = strcasecmp(val.c_str(), "REPLY") == 0;
        if (!reply && strcasecmp(val.c_str(), "ORIGINAL") != 0)
            throw UsageError("conntrack: Bad value for \"--ctdir\" option: \"" + val + "\"");
        // ORIGINAL clears a REPLY given before it (only once is allowed).
        set_flag(d, ct::f_direction, reply);
    } else if (size_t i = part_of(opt, ""); i < std::size(parts)) {
        parse_addr(d, i, opt, val, v6);
        set_flag(d, static_cast<uint16_t>(ct::f_addr0 << i), invert);
    } else if (size_t j = part_of(opt, "port"); j < std::size(parts)) {
        parse_ports(d, j, opt, val);
        set_flag(d, static_cast<uint16_t>(ct::f_port0 << j), invert);
    }
}

void list(std::string& out, const Data& d, bool numeric, bool v6) { dump(out, d, "", numeric, v6); }

void save(std::string& out, const Data& d, bool v6) { dump(out, d, "--", true, v6); }

} // namespace nsbox::iptables::conntrack
