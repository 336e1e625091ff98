#include "applets/iptables/ext.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <arpa/inet.h>
#include <netdb.h>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cctype>
#include <vector>
#include <initializer_list>
#include <strings.h>
#include <tuple>

#include <fmt/format.h>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/names.hpp"
#include "libnet/netdb.hpp"
#include "libnet/resolve.hpp"
#include "applets/iptables/xt.hpp"

namespace nsbox::iptables::ext {

namespace {

// ---------------------------------------------------------------------------
// libxtables' generic option rules: each option once, "!" only where
// allowed; each extension's check then applies its mandatory options,
// exclusions and "also requires" pairs in its option table's order.

[[noreturn]] void fail(const std::string& m) { throw UsageError(m); }

std::string opt_msg(std::string_view ext, std::string_view opt, std::string_view what)
{
    return fmt::format("{}: option \"--{}\" {}\n", ext, opt, what);
}

// libxtables' exclusions among `options` (in its option table's order):
// the first two given together fail.
void exclusive(const State& st, std::string_view ext, std::initializer_list<std::string_view> options)
{
    for (std::string_view a : options)
        for (std::string_view b : options)
            if (a != b && st.given.count(std::string(a)) && st.given.count(std::string(b)))
                fail(opt_msg(ext, a, fmt::format("cannot be used together with \"--{}\".", b)));
}

// The once and "!" rules of one option; records it as given under `id`.
void take(State& st, std::string_view ext, std::string_view id, std::string_view opt, bool invert, bool invertible)
{
    if (!st.given.insert(std::string(id)).second)
        fail(opt_msg(ext, opt, "can only be used once."));
    if (invert && !invertible)
        fail(opt_msg(ext, opt, "cannot be inverted."));
}

// xtables_strtoul over the whole string (or up to *endp), within [min, max].
std::optional<uint64_t> strtoul_all(const char* s, uint64_t min, uint64_t max, char** endp = nullptr)
{
    // (strtoumax takes a leading minus; xtables_strtoul refuses it)
    const char* p = s;
    while (std::isspace(static_cast<unsigned char>(*p)))
        ++p;
    if (*p == '-')
        return std::nullopt;
    errno = 0;
    char* end = nullptr;
    uintmax_t v = std::strtoumax(s, &end, 0);
    if (end == s || errno == ERANGE || v < min || v > max)
        return std::nullopt;
    if (endp)
        *endp = end;
    else if (*end)
        return std::nullopt;
    return v;
}
std::optional<uint64_t> strtoul_all(const std::string& s, uint64_t min, uint64_t max, char** endp = nullptr)
{
    return strtoul_all(s.c_str(), min, max, endp);
}

uint32_t parse_uint32(std::string_view ext, std::string_view opt, const std::string& val, uint32_t min = 0)
{
    auto v = strtoul_all(val, min, UINT32_MAX);
    if (!v)
        fail(fmt::format("{}: bad value for option \"--{}\", or out of range ({}-{}).\n", ext, opt, min, UINT32_MAX));
    return static_cast<uint32_t>(*v);
}

// XTTYPE_UINT*RC as libxtables 1.8.9 parses it: up to `maxiter` numbers
// within [0, lmax] joined by ':', an empty one being 0 (first) or lmax
// (second). "5:3" stays 5:3: 1.8.9 does not order the two.
std::vector<uint64_t> parse_mint(std::string_view ext, std::string_view opt, const std::string& val, uint64_t lmax,
                                 unsigned maxiter = 2)
{
    std::vector<uint64_t> vals;
    const char* arg = val.c_str();
    for (;;) {
        if (vals.size() == maxiter)
            fail(fmt::format("{}: Too many components for option \"--{}\" (max: {})\n", ext, opt, maxiter));
        const char* end = arg;
        uint64_t v;
        if (*arg == '\0' || *arg == ':') {
            v = vals.size() == 1 ? lmax : 0;
        } else {
            char* e = nullptr;
            auto got = strtoul_all(arg, 0, lmax, &e);
            if (!got)
                fail(fmt::format("{}: bad value for option \"--{}\" near \"{}\", or out of range (0-{}).\n", ext, opt,
                                 arg, lmax));
            end = e;
            if (*end != '\0' && *end != ':')
                fail(fmt::format("{}: Argument to \"--{}\" has unexpected characters near \"{}\".\n", ext, opt, end));
            v = *got;
        }
        vals.push_back(v);
        if (*end == '\0')
            return vals;
        arg = end + 1;
    }
}

[[noreturn]] void bad_value(std::string_view ext, std::string_view opt, const std::string& val)
{
    fail(fmt::format("{}: Bad value for \"--{}\" option: \"{}\"", ext, opt, val));
}

// Copies a string option into a fixed field as XTOPT_PUT does: cut to
// the field and NUL-terminated, the bytes after the NUL left as they were
// (recent's "--name foo" sends "foo\0ULT", over the default "DEFAULT").
void put_string(Data& d, size_t off, size_t field, const std::string& v)
{
    size_t n = std::min(v.size(), field - 1);
    std::memcpy(d.data() + off, v.data(), n);
    d[off + n] = 0;
}

std::string get_string(const Data& d, size_t off, size_t field)
{
    auto b = d.begin() + static_cast<long>(off);
    return std::string(b, std::find(b, b + static_cast<long>(field), uint8_t(0)));
}

std::string dotted(const Data& d, size_t off)
{
    return fmt::format("{}.{}.{}.{}", d[off], d[off + 1], d[off + 2], d[off + 3]);
}

// ---------------------------------------------------------------------------
// hashlimit, revision 3 (struct xt_hashlimit_mtinfo3)

namespace hl {
constexpr size_t name = 0, name_max = 255, avg = 256, burst = 264, o_mode = 272, size = 276, max = 280, gc = 284,
                 expire = 288, interval = 292, srcmask = 296, dstmask = 297;
constexpr uint32_t dip = 1, dpt = 2, sip = 4, spt = 8, f_invert = 0x10, f_bytes = 0x20, rate_match = 0x40;
constexpr uint64_t scale = 1000000;
constexpr uint32_t default_burst = 5, burst_max = 1000000, gc_default = 1000;
constexpr uint32_t byte_expire = 15, byte_expire_burst = 60;

constexpr Option options[] = {
    {"hashlimit-upto", true},           {"hashlimit-above", true},       {"hashlimit", true},
    {"hashlimit-srcmask", true},        {"hashlimit-dstmask", true},     {"hashlimit-burst", true},
    {"hashlimit-htable-size", true},    {"hashlimit-htable-max", true},  {"hashlimit-htable-gcinterval", true},
    {"hashlimit-htable-expire", true},  {"hashlimit-mode", true},        {"hashlimit-name", true},
    {"hashlimit-rate-match", false},    {"hashlimit-rate-interval", true},
};

uint64_t cost_to_bytes(uint64_t cost)
{
    uint64_t r = cost ? UINT32_MAX / cost : UINT32_MAX;
    return (r - 1) << 4;
}
uint64_t bytes_to_cost(uint64_t n)
{
    uint32_t r = static_cast<uint32_t>(n >> 4);
    return UINT32_MAX / (static_cast<uint64_t>(r) + 1);
}
uint64_t factor(char c) { return c == 'm' ? 1024 * 1024 : c == 'k' ? 1024 : 1; }

void init(Data& d, bool v6)
{
    xt::put<uint64_t>(d, burst, default_burst);
    xt::put<uint32_t>(d, gc, gc_default);
    d[srcmask] = v6 ? 128 : 32;
    d[dstmask] = v6 ? 128 : 32;
}

// "N[k|m]b/s": a byte rate, as a cost.
bool parse_bytes(const std::string& rate, uint64_t& out, State& st)
{
    auto at = rate.find("b/s");
    if (at == std::string::npos || at == 0)
        return false;
    long long r = std::atoll(rate.c_str());
    if (r == 0)
        return false;
    uint64_t cost = bytes_to_cost(static_cast<uint64_t>(r) * factor(rate[at - 1]));
    if (cost == 0)
        fail("Rate too high \"" + rate + "\"");
    st.mult = byte_expire;
    out = cost;
    return true;
}

// "N[/second|/minute|/hour|/day]" (unit prefixes, any case).
bool parse_rate(const std::string& rate, uint64_t& out, State& st)
{
    st.mult = 1;
    if (auto slash = rate.find('/'); slash != std::string::npos) {
        std::string unit = rate.substr(slash + 1);
        if (unit.empty())
            return false;
        auto is = [&](const char* word) { return strncasecmp(unit.c_str(), word, unit.size()) == 0; };
        if (is("second"))
            st.mult = 1;
        else if (is("minute"))
            st.mult = 60;
        else if (is("hour"))
            st.mult = 60 * 60;
        else if (is("day"))
            st.mult = 24 * 60 * 60;
        else
            return false;
    }
    long long r = std::atoll(rate.c_str());
    if (!r)
        return false;
    uint64_t v = scale * st.mult / static_cast<uint64_t>(r);
    if (v == 0)
        fail("Rate too fast \"" + rate + "\"");
    out = v;
    return true;
}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "hashlimit";
    std::string_view id = opt == "hashlimit" ? "hashlimit-upto" : opt;
    bool invertible = id == "hashlimit-upto" || id == "hashlimit-above";
    take(st, ext, id, id, inv, invertible);
    auto mo = xt::get<uint32_t>(d, hl::o_mode);
    if (invertible) {
        bool above = id == "hashlimit-above";
        if (above != inv)
            mo |= f_invert;
        uint64_t v = 0;
        if (parse_bytes(val, v, st))
            mo |= f_bytes;
        else if (!parse_rate(val, v, st))
            bad_value(ext, id, val);
        xt::put<uint64_t>(d, avg, v);
    } else if (id == "hashlimit-burst") {
        char* end = nullptr;
        auto v = strtoul_all(val, 1, UINT64_MAX, &end);
        if (!v || (*end == '\0' && *v > burst_max))
            fail("bad value for option \"--hashlimit-burst\", or out of range (1-1000000).");
        xt::put<uint64_t>(d, burst, *v * factor(*end));
    } else if (id == "hashlimit-srcmask" || id == "hashlimit-dstmask") {
        // xtopt_parse_plen: a prefix length, else a mask in any form
        // inet_aton reads ("255.255.0.0", "33" as 0.0.0.33): its prefix
        // length, or 255 when it has none (the kernel refuses that).
        if (st.v6) {
            // For IPv6: 0-128, else a mask as an IPv6 address.
            auto v = strtoul_all(val, 0, 128);
            if (!v) {
                std::array<uint8_t, 16> a{};
                if (inet_pton(AF_INET6, val.c_str(), a.data()) != 1)
                    fail(fmt::format("{}: bad value for option \"--{}\", neither a valid network mask nor valid "
                                     "CIDR (0-128).\n", ext, id));
                int n = 0;
                while (n < 128 && (a[size_t(n / 8)] & (0x80 >> (n % 8))))
                    ++n;
                bool contiguous = true;
                for (int i = n; i < 128; ++i)
                    if (a[size_t(i / 8)] & (0x80 >> (i % 8)))
                        contiguous = false;
                v = contiguous ? static_cast<uint64_t>(n) : 255;
            }
            d[id == "hashlimit-srcmask" ? srcmask : dstmask] = static_cast<uint8_t>(*v);
            return;
        }
        auto v = strtoul_all(val, 0, 32);
        if (!v) {
            in_addr a{};
            if (inet_aton(val.c_str(), &a) == 0)
                fail(fmt::format("{}: bad value for option \"--{}\", neither a valid network mask nor valid CIDR "
                                 "(0-32).\n", ext, id));
            uint32_t m = ntohl(a.s_addr);
            int n = std::countl_one(m);
            v = (n == 32 || (m << n) == 0) ? static_cast<uint64_t>(n) : 255;
        }
        d[id == "hashlimit-srcmask" ? srcmask : dstmask] = static_cast<uint8_t>(*v);
    } else if (id == "hashlimit-htable-size" || id == "hashlimit-htable-max" || id == "hashlimit-htable-gcinterval" ||
               id == "hashlimit-htable-expire") {
        size_t off = id == "hashlimit-htable-size" ? size : id == "hashlimit-htable-max" ? max
                     : id == "hashlimit-htable-gcinterval"                             ? gc
                                                                                       : expire;
        xt::put<uint32_t>(d, off, parse_uint32(ext, id, val));
    } else if (id == "hashlimit-mode") {
        size_t at = 0;
        while (at <= val.size()) {
            size_t sep = val.find_first_of(",|", at);
            std::string tok = val.substr(at, sep == std::string::npos ? std::string::npos : sep - at);
            if (tok == "dstip")
                mo |= dip;
            else if (tok == "srcip")
                mo |= sip;
            else if (tok == "srcport")
                mo |= spt;
            else if (tok == "dstport")
                mo |= dpt;
            else if (!tok.empty()) // (strtok skips empty tokens)
                bad_value(ext, id, val);
            if (sep == std::string::npos)
                break;
            at = sep + 1;
        }
    } else if (id == "hashlimit-name") {
        if (val.empty())
            fail("Argument must have a minimum length of 1 characters\n");
        put_string(d, name, name_max, val);
    } else if (id == "hashlimit-rate-match") {
        mo |= rate_match;
    } else if (id == "hashlimit-rate-interval") {
        int r = std::atoi(val.c_str());
        if (r <= 0)
            bad_value(ext, id, val);
        xt::put<uint32_t>(d, interval, static_cast<uint32_t>(r));
    }
    xt::put<uint32_t>(d, hl::o_mode, mo);
}

void check(Data& d, const State& st)
{
    auto given = [&](const char* o) { return st.given.count(o) != 0; };
    if (!given("hashlimit-upto") && !given("hashlimit-above"))
        fail("You have to specify --hashlimit");
    if (!given("hashlimit-htable-expire"))
        xt::put<uint32_t>(d, expire, st.mult * 1000);
    auto mo = xt::get<uint32_t>(d, hl::o_mode);
    auto cost = xt::get<uint64_t>(d, avg);
    if (mo & f_bytes) {
        uint64_t b = 0;
        if (given("hashlimit-burst")) {
            uint64_t per = cost_to_bytes(cost);
            // Below 16b/s a byte costs the whole token bucket: iptables
            // 1.8.9 divides by zero here (SIGFPE, exit 136); nsbox refuses.
            if (per == 0)
                fail("hashlimit: a byte rate with --hashlimit-burst must be at least 16b/s");
            uint64_t want = xt::get<uint64_t>(d, burst);
            if (want < per)
                fail(fmt::format("burst cannot be smaller than {}b", per));
            b = static_cast<uint32_t>(want) / per;
            if (want % per)
                ++b;
            if (!given("hashlimit-htable-expire"))
                xt::put<uint32_t>(d, expire, byte_expire_burst * 1000);
        }
        xt::put<uint64_t>(d, burst, b);
    } else if (xt::get<uint64_t>(d, burst) > burst_max) {
        fail("bad value for option \"--hashlimit-burst\", or out of range (1-1000000).");
    }
    if (given("hashlimit-rate-match")) {
        if (!(mo & f_bytes))
            xt::put<uint64_t>(d, avg, cost / st.mult);
        if (xt::get<uint32_t>(d, interval) == 0)
            xt::put<uint32_t>(d, interval, (mo & f_bytes) ? 1 : st.mult);
    }
    if (given("hashlimit-upto") && given("hashlimit-above"))
        fail(opt_msg("hashlimit", "hashlimit-upto", "cannot be used together with \"--hashlimit-above\"."));
    if (!given("hashlimit-name"))
        fail(opt_msg("hashlimit", "hashlimit-name", "must be specified"));
}

// The rate as libxt_hashlimit prints it; returns its quantum in ms.
uint64_t print_rate(std::string& out, uint64_t period)
{
    static constexpr struct {
        const char* name;
        uint64_t mult;
    } rates[] = {{"day", scale * 24 * 60 * 60}, {"hour", scale * 60 * 60}, {"min", scale * 60}, {"sec", scale}};
    if (period == 0) {
        out += " inf";
        return 0;
    }
    size_t i = 1;
    for (; i < std::size(rates); ++i)
        if (period > rates[i].mult || rates[i].mult / period < rates[i].mult % period)
            break;
    out += fmt::format(" {}/{}", rates[i - 1].mult / period, rates[i - 1].name);
    return rates[i - 1].mult / scale * 1000;
}

uint64_t print_bytes(std::string& out, uint64_t cost, uint64_t burst_n, const char* prefix)
{
    static constexpr struct {
        const char* name;
        uint64_t thresh;
    } units[] = {{"m", 1024 * 1024}, {"k", 1024}, {"", 1}};
    uint64_t r = cost_to_bytes(cost);
    size_t i = 0;
    for (; i < std::size(units) - 1; ++i)
        if (r >= units[i].thresh && bytes_to_cost(r & ~(units[i].thresh - 1)) == cost)
            break;
    out += fmt::format(" {}{}b/s", r / units[i].thresh, units[i].name);
    if (burst_n == 0)
        return byte_expire * 1000;
    r *= burst_n;
    out += fmt::format(" {}", prefix);
    for (i = 0; i < std::size(units) - 1; ++i)
        if (r >= units[i].thresh)
            break;
    out += fmt::format("burst {}{}b", r / units[i].thresh, units[i].name);
    return byte_expire_burst * 1000;
}

std::string mode_text(uint32_t mo, char sep)
{
    std::string out;
    for (auto [bit, word] : {std::pair{sip, "srcip"}, {spt, "srcport"}, {dip, "dstip"}, {dpt, "dstport"}}) {
        if (mo & bit) {
            if (!out.empty())
                out += sep;
            out += word;
        }
    }
    return " " + out;
}

void print(std::string& out, const Data& d, bool save, bool v6)
{
    const uint8_t full = v6 ? 128 : 32;
    auto mo = xt::get<uint32_t>(d, hl::o_mode);
    auto cost = xt::get<uint64_t>(d, avg), b = xt::get<uint64_t>(d, burst);
    auto ival = xt::get<uint32_t>(d, interval);
    const char* p = save ? "--hashlimit-" : "";
    out += (mo & f_invert) ? (save ? " --hashlimit-above" : " limit: above") : (save ? " --hashlimit-upto" : " limit: up to");
    uint64_t quantum;
    if (mo & f_bytes) {
        quantum = print_bytes(out, cost, b, p);
    } else {
        quantum = print_rate(out, save || ival == 0 ? cost : cost * ival);
        out += fmt::format(" {}burst {}", p, b);
    }
    if (mo & (sip | spt | dip | dpt))
        out += fmt::format(" {}mode", p) + mode_text(mo, save ? ',' : '-');
    if (save)
        out += " --hashlimit-name " + get_string(d, name, name_max);
    if (auto v = xt::get<uint32_t>(d, size))
        out += fmt::format(" {}htable-size {}", p, v);
    if (auto v = xt::get<uint32_t>(d, max))
        out += fmt::format(" {}htable-max {}", p, v);
    if (auto v = xt::get<uint32_t>(d, gc); v != gc_default)
        out += fmt::format(" {}htable-gcinterval {}", p, v);
    if (auto v = xt::get<uint32_t>(d, expire); v != quantum)
        out += fmt::format(" {}htable-expire {}", p, v);
    if (d[srcmask] != full)
        out += fmt::format(" {}srcmask {}", p, d[srcmask]);
    if (d[dstmask] != full)
        out += fmt::format(" {}dstmask {}", p, d[dstmask]);
    if (mo & rate_match) {
        out += fmt::format(" {}rate-match", p);
        if (ival != 1)
            out += fmt::format(" {}rate-interval {}", p, ival);
    }
}
void list(std::string& out, const Data& d, bool, bool v6) { print(out, d, false, v6); }
void save(std::string& out, const Data& d, bool v6) { print(out, d, true, v6); }
} // namespace hl

// ---------------------------------------------------------------------------
// recent, revision 1 (struct xt_recent_mtinfo_v1)

namespace rc {
constexpr size_t seconds = 0, hit_count = 4, check_set = 8, invert = 9, name = 10, name_max = 200, side = 210, mask = 212;
constexpr uint8_t f_check = 1 << 0, f_set = 1 << 1, f_update = 1 << 2, f_remove = 1 << 3, f_ttl = 1 << 4, f_reap = 1 << 5;

// In libxt_recent's table order.
constexpr Option options[] = {
    {"set", false},     {"rcheck", false}, {"update", false}, {"remove", false}, {"seconds", true}, {"reap", false},
    {"hitcount", true}, {"rttl", false},   {"name", true},    {"rsource", false}, {"rdest", false},  {"mask", true},
};
constexpr std::string_view ops[] = {"set", "rcheck", "update", "remove"};

void init(Data& d, bool)
{
    put_string(d, name, name_max, "DEFAULT");
    std::fill(d.begin() + mask, d.begin() + mask + 16, 0xff);
}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "recent";
    bool is_op = std::find(std::begin(ops), std::end(ops), opt) != std::end(ops);
    take(st, ext, opt, opt, inv, is_op);
    if (is_op) {
        d[check_set] |= opt == "set" ? f_set : opt == "rcheck" ? f_check : opt == "update" ? f_update : f_remove;
        if (inv)
            d[invert] = 1;
    } else if (opt == "seconds") {
        xt::put<uint32_t>(d, seconds, parse_uint32(ext, opt, val, 1));
    } else if (opt == "hitcount") {
        xt::put<uint32_t>(d, hit_count, parse_uint32(ext, opt, val));
    } else if (opt == "reap") {
        d[check_set] |= f_reap;
    } else if (opt == "rttl") {
        d[check_set] |= f_ttl;
    } else if (opt == "name") {
        put_string(d, name, name_max, val);
    } else if (opt == "rsource" || opt == "rdest") {
        d[side] = opt == "rdest" ? 1 : 0;
    } else if (opt == "mask" && st.v6) {
        // XTTYPE_HOST for IPv6: an IPv6 address (an IPv4 one is of the
        // wrong family for getaddrinfo).
        in6_addr a6{};
        in_addr a4{};
        if (inet_pton(AF_INET6, val.c_str(), &a6) != 1) {
            if (inet_pton(AF_INET, val.c_str(), &a4) == 1)
                fail(fmt::format("getaddrinfo: {}\n", gai_strerror(EAI_ADDRFAMILY)));
            net::HostLookup lk = net::resolve_host(val, AF_INET6);
            if (lk.status != net::LookupStatus::ok || lk.addresses.empty()) {
                int code = lk.status == net::LookupStatus::try_again ? EAI_AGAIN
                           : lk.status == net::LookupStatus::no_data ? EAI_NODATA
                           : lk.status == net::LookupStatus::failure ? EAI_FAIL
                                                                     : EAI_NONAME;
                fail(fmt::format("getaddrinfo: {}\n", gai_strerror(code)));
            }
            a6 = lk.addresses.front().v6;
        }
        std::memcpy(d.data() + mask, &a6, 16);
    } else if (opt == "mask") {
        // XTTYPE_HOST: getaddrinfo's first IPv4 answer, or its error.
        net::HostLookup lk = net::resolve_host(val, AF_INET);
        if (lk.status != net::LookupStatus::ok || lk.addresses.empty()) {
            int code = lk.status == net::LookupStatus::try_again ? EAI_AGAIN
                       : lk.status == net::LookupStatus::no_data ? EAI_NODATA
                       : lk.status == net::LookupStatus::failure ? EAI_FAIL
                                                                 : EAI_NONAME;
            fail(fmt::format("getaddrinfo: {}\n", gai_strerror(code)));
        }
        in_addr a = lk.addresses.front().v4;
        std::fill(d.begin() + mask, d.begin() + mask + 16, 0);
        std::memcpy(d.data() + mask, &a, 4);
    }
}

void check(Data&, const State& st)
{
    auto given = [&](std::string_view o) { return st.given.count(std::string(o)) != 0; };
    if (!std::any_of(std::begin(ops), std::end(ops), given))
        fail("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
    // libxtables' final pass over the option table: exclusions, then
    // "also requires", in table order.
    for (auto op : ops)
        if (given(op))
            for (auto other : ops)
                if (other != op && given(other))
                    fail(fmt::format("recent: option \"--{}\" cannot be used together with \"--{}\".\n", op, other));
    if (given("reap") && !given("seconds"))
        fail("recent: option \"--reap\" also requires \"--seconds\".\n");
    if (given("rttl"))
        for (auto other : {"set", "remove"})
            if (given(other))
                fail(fmt::format("recent: option \"--rttl\" cannot be used together with \"--{}\".\n", other));
}

void print(std::string& out, const Data& d, bool save, bool v6)
{
    uint8_t cs = d[check_set];
    if (d[invert])
        out += " !";
    if (!save)
        out += " recent:";
    for (auto [bit, word, opt] : {std::tuple{f_set, " SET", " --set"}, {f_check, " CHECK", " --rcheck"},
                                  {f_update, " UPDATE", " --update"}, {f_remove, " REMOVE", " --remove"}})
        if (cs & bit)
            out += save ? opt : word;
    // libxt_recent prints both with "%d": 4294967295 seconds is "-1".
    if (auto s = xt::get<uint32_t>(d, seconds))
        out += (save ? " --seconds " : " seconds: ") + std::to_string(static_cast<int32_t>(s));
    if (cs & f_reap)
        out += save ? " --reap" : " reap";
    if (auto h = xt::get<uint32_t>(d, hit_count))
        out += (save ? " --hitcount " : " hit_count: ") + std::to_string(static_cast<int32_t>(h));
    if (cs & f_ttl)
        out += save ? " --rttl" : " TTL-Match";
    std::string nm = get_string(d, name, name_max);
    std::string side_text = d[side] == 0 ? (save ? " --rsource" : " side: source")
                            : d[side] == 1 ? (save ? " --rdest" : " side: dest")
                                           : "";
    std::string m = dotted(d, mask);
    if (v6) {
        char buf[INET6_ADDRSTRLEN] = "";
        inet_ntop(AF_INET6, d.data() + mask, buf, sizeof buf);
        m = buf;
    }
    if (save) {
        out += " --name " + nm + " --mask " + m + side_text;
    } else {
        out += " name: " + nm + side_text + " mask: " + m;
    }
}
void list(std::string& out, const Data& d, bool, bool v6) { print(out, d, false, v6); }
void save(std::string& out, const Data& d, bool v6) { print(out, d, true, v6); }
} // namespace rc

// ---------------------------------------------------------------------------
// physdev, revision 0 (struct xt_physdev_info)

namespace pd {
constexpr size_t indev = 0, in_mask = 16, outdev = 32, out_mask = 48, invert = 64, bitmask = 65;
constexpr uint8_t f_in = 0x01, f_out = 0x02, f_bridged = 0x04, f_isin = 0x08, f_isout = 0x10;

constexpr Option options[] = {
    {"physdev-in", true}, {"physdev-out", true}, {"physdev-is-in", false}, {"physdev-is-out", false},
    {"physdev-is-bridged", false},
};

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "physdev", opt, opt, false, true);
    uint8_t bit = opt == "physdev-in" ? f_in : opt == "physdev-out" ? f_out : opt == "physdev-is-in" ? f_isin
                  : opt == "physdev-is-out"                                                     ? f_isout
                                                                                                : f_bridged;
    if (bit == f_in || bit == f_out) {
        // xtables_parse_interface: the name as given ('+' kept) and the
        // bytes it compares: all but a trailing '+', else with the NUL.
        if (val.size() >= 16)
            fail("interface name `" + val + "' must be shorter than IFNAMSIZ (15)");
        size_t name_off = bit == f_in ? indev : outdev, mask_off = bit == f_in ? in_mask : out_mask;
        std::fill(d.begin() + static_cast<long>(name_off), d.begin() + static_cast<long>(name_off + 32), 0);
        std::memcpy(d.data() + name_off, val.data(), val.size());
        if (!val.empty()) {
            size_t n = val.back() == '+' ? val.size() - 1 : val.size() + 1;
            std::fill(d.begin() + static_cast<long>(mask_off), d.begin() + static_cast<long>(mask_off + n), 0xff);
        }
        if (val.find_first_of("/ ") != std::string::npos)
            st.warnings += "Warning: weird character in interface `" + val +
                           "' ('/' and ' ' are not allowed by the kernel).\n";
    }
    d[bitmask] |= bit;
    if (inv)
        d[invert] |= bit;
}

void check(Data&, const State& st)
{
    if (st.given.empty())
        fail("PHYSDEV: no physdev option specified");
}

void print(std::string& text, const Data& d, bool save)
{
    uint8_t bits = d[bitmask], inv = d[invert];
    if (!save)
        text += " PHYSDEV match";
    auto item = [&](uint8_t bit, const char* opt, size_t name_off) {
        if (!(bits & bit))
            return;
        text += (inv & bit) ? " ! --" : " --";
        text += opt;
        if (name_off != SIZE_MAX)
            text += ' ' + get_string(d, name_off, 16);
    };
    item(f_isin, "physdev-is-in", SIZE_MAX);
    item(f_in, "physdev-in", indev);
    item(f_isout, "physdev-is-out", SIZE_MAX);
    item(f_out, "physdev-out", outdev);
    item(f_bridged, "physdev-is-bridged", SIZE_MAX);
}
void list(std::string& text, const Data& d, bool, bool) { print(text, d, false); }
void save(std::string& text, const Data& d, bool) { print(text, d, true); }
} // namespace pd

// ---------------------------------------------------------------------------
// CLASSIFY, revision 0 (struct xt_classify_target_info)

namespace cl {
constexpr Option options[] = {{"set-class", true}};
void init(Data&, bool) {}
void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "CLASSIFY", opt, opt, inv, false);
    unsigned maj = 0, min = 0;
    if (std::sscanf(val.c_str(), "%x:%x", &maj, &min) != 2)
        fail("Bad class value \"" + val + "\"");
    xt::put<uint32_t>(d, 0, ((maj << 16) & 0xffff0000u) | (min & 0xffffu));
}
void check(Data&, const State& st)
{
    if (st.given.empty())
        fail(opt_msg("CLASSIFY", "set-class", "must be specified"));
}
void list(std::string& out, const Data& d, bool, bool)
{
    auto p = xt::get<uint32_t>(d, 0);
    out += fmt::format(" CLASSIFY set {:x}:{:x}", p >> 16, p & 0xffff);
}
void save(std::string& out, const Data& d, bool)
{
    auto p = xt::get<uint32_t>(d, 0);
    out += fmt::format(" --set-class {:04x}:{:04x}", p >> 16, p & 0xffff);
}
} // namespace cl

// ---------------------------------------------------------------------------
// hl (ip6tables only), revision 0 (struct ip6t_hl_info: mode, hop limit)

namespace hop {
constexpr uint8_t eq = 0, ne = 1, lt = 2, gt = 3;

// In libip6t_hl's table order; "hl" is "hl-eq" without the "!".
constexpr Option options[] = {{"hl-lt", true}, {"hl-gt", true}, {"hl-eq", true}, {"hl", true}};

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "hl";
    std::string_view id = opt == "hl" ? "hl-eq" : opt;
    take(st, ext, id, opt, inv, id == "hl-eq");
    auto v = strtoul_all(val, 0, 255);
    if (!v)
        fail(fmt::format("{}: bad value for option \"--{}\", or out of range (0-255).\n", ext, opt));
    d[0] = id == "hl-lt" ? lt : id == "hl-gt" ? gt : inv ? ne : eq;
    d[1] = static_cast<uint8_t>(*v);
}

void check(Data&, const State& st)
{
    if (st.given.empty())
        fail("HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'");
    exclusive(st, "hl", {"hl-lt", "hl-gt", "hl-eq"});
}

void list(std::string& out, const Data& d, bool, bool)
{
    static constexpr const char* ops[] = {"==", "!=", "<", ">"};
    out += fmt::format(" HL match HL {} {}", d[0] < 4 ? ops[d[0]] : "?", d[1]);
}
void save(std::string& out, const Data& d, bool)
{
    static constexpr const char* ops[] = {"--hl-eq", "! --hl-eq", "--hl-lt", "--hl-gt"};
    out += fmt::format(" {} {}", d[0] < 4 ? ops[d[0]] : "?", d[1]);
}
} // namespace hop

// ---------------------------------------------------------------------------
// HL target (ip6tables only), revision 0 (struct ip6t_HL_info: mode, value)

namespace hlt {
constexpr uint8_t set = 0, inc = 1, dec = 2;

constexpr Option options[] = {{"hl-set", true}, {"hl-dec", true}, {"hl-inc", true}};

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "HL", opt, opt, inv, false);
    uint64_t min = opt == "hl-set" ? 0 : 1;
    auto v = strtoul_all(val, min, 255);
    if (!v)
        fail(fmt::format("HL: bad value for option \"--{}\", or out of range ({}-255).\n", opt, min));
    d[0] = opt == "hl-set" ? set : opt == "hl-inc" ? inc : dec;
    d[1] = static_cast<uint8_t>(*v);
}

void check(Data&, const State& st)
{
    if (st.given.empty())
        fail("HL: You must specify an action");
    exclusive(st, "HL", {"hl-set", "hl-dec", "hl-inc"});
}

void list(std::string& out, const Data& d, bool, bool)
{
    static constexpr const char* words[] = {"set to", "increment by", "decrement by"};
    out += fmt::format(" HL {} {}", d[0] < 3 ? words[d[0]] : "?", d[1]);
}
void save(std::string& out, const Data& d, bool)
{
    static constexpr const char* opts[] = {"--hl-set", "--hl-inc", "--hl-dec"};
    out += fmt::format(" {} {}", d[0] < 3 ? opts[d[0]] : "?", d[1]);
}
} // namespace hlt

// ---------------------------------------------------------------------------
// frag (ip6tables only), revision 0 (struct ip6t_frag: ids[2], hdrlen,
// flags, invflags)

namespace frag {
constexpr size_t ids = 0, hdrlen = 8, flags = 12, invflags = 13;
constexpr uint8_t f_ids = 0x01, f_len = 0x02, f_res = 0x04, f_first = 0x08, f_more = 0x10, f_last = 0x20;
constexpr uint8_t inv_ids = 0x01, inv_len = 0x02;

// In libip6t_frag's table order.
constexpr Option options[] = {{"fragid", true},    {"fraglen", true},   {"fragres", false},
                              {"fragfirst", false}, {"fragmore", false}, {"fraglast", false}};

void init(Data& d, bool) { xt::put<uint32_t>(d, ids + 4, UINT32_MAX); }

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "frag";
    take(st, ext, opt, opt, inv, opt == "fragid" || opt == "fraglen");
    if (opt == "fragid") {
        auto v = parse_mint(ext, opt, val, UINT32_MAX);
        xt::put<uint32_t>(d, ids, static_cast<uint32_t>(v[0]));
        xt::put<uint32_t>(d, ids + 4, static_cast<uint32_t>(v.size() == 1 ? v[0] : v[1]));
        d[flags] |= f_ids;
        if (inv)
            d[invflags] |= inv_ids;
    } else if (opt == "fraglen") {
        xt::put<uint32_t>(d, hdrlen, parse_uint32(ext, opt, val));
        d[flags] |= f_len;
        if (inv)
            d[invflags] |= inv_len;
    } else {
        d[flags] |= opt == "fragres" ? f_res : opt == "fragfirst" ? f_first : opt == "fragmore" ? f_more : f_last;
    }
}

void check(Data&, const State& st) { exclusive(st, "frag", {"fragmore", "fraglast"}); }

// The flag words of -L and -S, in the order both print them.
constexpr std::tuple<uint8_t, const char*, const char*> words[] = {
    {f_res, " reserved", " --fragres"},
    {f_first, " first", " --fragfirst"},
    {f_more, " more", " --fragmore"},
    {f_last, " last", " --fraglast"},
};

void list(std::string& out, const Data& d, bool, bool)
{
    auto lo = xt::get<uint32_t>(d, ids), hi = xt::get<uint32_t>(d, ids + 4), len = xt::get<uint32_t>(d, hdrlen);
    const char* inv = d[invflags] & inv_ids ? "!" : "";
    out += " frag ";
    if (lo != 0 || hi != UINT32_MAX || *inv)
        out += lo == hi ? fmt::format("id:{}{}", inv, lo) : fmt::format("ids:{}{}:{}", inv, lo, hi);
    if (d[flags] & f_len)
        out += fmt::format(" length:{}{}", d[invflags] & inv_len ? "!" : "", len);
    for (auto [bit, word, opt] : words)
        if (d[flags] & bit)
            out += word;
    if (d[invflags] & ~(inv_ids | inv_len))
        out += fmt::format(" Unknown invflags: 0x{:X}", d[invflags] & ~(inv_ids | inv_len));
}

void save(std::string& out, const Data& d, bool)
{
    auto lo = xt::get<uint32_t>(d, ids), hi = xt::get<uint32_t>(d, ids + 4), len = xt::get<uint32_t>(d, hdrlen);
    if (lo != 0 || hi != UINT32_MAX) {
        out += d[invflags] & inv_ids ? " ! --fragid " : " --fragid ";
        out += lo == hi ? fmt::format("{}", lo) : fmt::format("{}:{}", lo, hi);
    }
    if (d[flags] & f_len)
        out += fmt::format("{} --fraglen {}", d[invflags] & inv_len ? " !" : "", len);
    for (auto [bit, word, opt] : words)
        if (d[flags] & bit)
            out += opt;
}
} // namespace frag

// ---------------------------------------------------------------------------
// hbh and dst (ip6tables only), revision 0 (struct ip6t_opts: hdrlen, flags,
// invflags, opts[16], optsnr); the two differ only in their names and one
// word of one message.

namespace opts {
constexpr size_t hdrlen = 0, flags = 4, invflags = 5, list = 6, count = 38;
constexpr size_t max = 16;
constexpr uint8_t f_len = 0x01, f_opts = 0x02, inv_len = 0x01;

constexpr Option hbh_options[] = {{"hbh-len", true}, {"hbh-opts", true}};
constexpr Option dst_options[] = {{"dst-len", true}, {"dst-opts", true}};

// libip6t_hbh/dst's parse_opts_num: strtoul, whose ERANGE alone is "too big".
uint32_t number(std::string_view ext, const std::string& s, const char* what)
{
    errno = 0;
    char* end = nullptr;
    unsigned long v = std::strtoul(s.c_str(), &end, 0);
    if (end == s.c_str())
        fail(fmt::format("{}: no valid digits in {} `{}'", ext, what, s));
    if (v == ULONG_MAX && errno == ERANGE)
        fail(fmt::format("{} `{}' specified too big: would overflow", what, s));
    if (*end)
        fail(fmt::format("{}: error parsing {} `{}'", ext, what, s));
    return static_cast<uint32_t>(v);
}

// "TYPE[:LEN],...": up to 16 options, each type in the high byte and its
// length (0xff: any) in the low one.
void parse_list(Data& d, std::string_view ext, const std::string& val)
{
    size_t i = 0, at = 0;
    for (; at != std::string::npos && i < max; ++i) {
        size_t comma = val.find(',', at);
        std::string item = val.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        at = comma == std::string::npos ? comma : comma + 1;
        size_t colon = item.find(':');
        if (colon != std::string::npos && i == max - 1)
            fail("too many ports specified");
        uint16_t o = static_cast<uint16_t>((number(ext, item.substr(0, colon), "opt") & 0xff) << 8);
        if (colon == std::string::npos) {
            o |= 0xff;
        } else {
            if (o == 0)
                fail(ext == "hbh" ? "PAD0 has not got length" : "PAD0 hasn't got length");
            o = static_cast<uint16_t>(o | (number(ext, item.substr(colon + 1), "length") & 0xff));
        }
        xt::put<uint16_t>(d, list + 2 * i, o);
    }
    if (at != std::string::npos)
        fail("too many addresses specified");
    d[count] = static_cast<uint8_t>(i);
}

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    std::string_view ext = opt.substr(0, 3);
    bool is_len = opt.substr(3) == "-len";
    take(st, ext, opt, opt, inv, is_len);
    if (is_len) {
        xt::put<uint32_t>(d, hdrlen, parse_uint32(ext, opt, val));
        d[flags] |= f_len;
        if (inv)
            d[invflags] |= inv_len;
    } else {
        parse_list(d, ext, val);
        d[flags] |= f_opts;
    }
}

void check(Data&, const State&) {}

void put_list(std::string& out, const Data& d)
{
    for (size_t i = 0; i < d[count] && i < max; ++i) {
        auto o = xt::get<uint16_t>(d, list + 2 * i);
        out += fmt::format("{}{}", i ? ',' : ' ', o >> 8);
        if ((o & 0xff) != 0xff)
            out += fmt::format(":{}", o & 0xff);
    }
}

void print(std::string& out, const Data& d, std::string_view ext)
{
    out += fmt::format(" {}", ext);
    if (d[flags] & f_len)
        out += fmt::format(" length:{}{}", d[invflags] & inv_len ? "!" : "", xt::get<uint32_t>(d, hdrlen));
    if (d[flags] & f_opts)
        out += " opts";
    put_list(out, d);
    if (d[invflags] & ~inv_len)
        out += fmt::format(" Unknown invflags: 0x{:X}", d[invflags] & ~inv_len);
}

void save(std::string& out, const Data& d, std::string_view ext)
{
    if (d[flags] & f_len)
        out += fmt::format("{} --{}-len {}", d[invflags] & inv_len ? " !" : "", ext, xt::get<uint32_t>(d, hdrlen));
    if (d[flags] & f_opts)
        out += fmt::format(" --{}-opts", ext);
    put_list(out, d);
}

void hbh_list(std::string& out, const Data& d, bool, bool) { print(out, d, "hbh"); }
void hbh_save(std::string& out, const Data& d, bool) { save(out, d, "hbh"); }
void dst_list(std::string& out, const Data& d, bool, bool) { print(out, d, "dst"); }
void dst_save(std::string& out, const Data& d, bool) { save(out, d, "dst"); }
} // namespace opts

// ---------------------------------------------------------------------------
// rt (ip6tables only), revision 0 (struct ip6t_rt: rt_type, segsleft[2],
// hdrlen, flags, invflags, addrs[16], addrnr)

namespace rt {
constexpr size_t type = 0, segs = 4, hdrlen = 12, flags = 16, invflags = 17, addrs = 20, addrnr = 276;
constexpr size_t hops = 16;
constexpr uint8_t f_type = 0x01, f_segs = 0x02, f_len = 0x04, f_res = 0x08, f_addrs = 0x10, f_nstrict = 0x20;
constexpr uint8_t inv_type = 0x01, inv_segs = 0x02, inv_len = 0x04, inv_mask = 0x07;

// In libip6t_rt's table order.
constexpr Option options[] = {{"rt-type", true}, {"rt-segsleft", true}, {"rt-len", true},
                              {"rt-0-res", false}, {"rt-0-addrs", true}, {"rt-0-not-strict", false}};

void init(Data& d, bool) { xt::put<uint32_t>(d, segs + 4, UINT32_MAX); }

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "rt";
    take(st, ext, opt, opt, inv, opt == "rt-type" || opt == "rt-segsleft" || opt == "rt-len");
    // (--rt-0-res and --rt-0-addrs need an uninverted "--rt-type 0" before them)
    bool type0 = st.given.count("rt-type") && xt::get<uint32_t>(d, type) == 0 && !(d[invflags] & inv_type);
    if (opt == "rt-type") {
        xt::put<uint32_t>(d, type, parse_uint32(ext, opt, val));
        d[flags] |= f_type;
        d[invflags] |= inv ? inv_type : 0;
    } else if (opt == "rt-segsleft") {
        auto v = parse_mint(ext, opt, val, UINT32_MAX);
        xt::put<uint32_t>(d, segs, static_cast<uint32_t>(v[0]));
        xt::put<uint32_t>(d, segs + 4, static_cast<uint32_t>(v.size() == 1 ? v[0] : v[1]));
        d[flags] |= f_segs;
        d[invflags] |= inv ? inv_segs : 0;
    } else if (opt == "rt-len") {
        xt::put<uint32_t>(d, hdrlen, parse_uint32(ext, opt, val));
        d[flags] |= f_len;
        d[invflags] |= inv ? inv_len : 0;
    } else if (opt == "rt-0-res") {
        if (!type0)
            fail("`--rt-type 0' required before `--rt-0-res'");
        d[flags] |= f_res;
    } else if (opt == "rt-0-addrs") {
        if (!type0)
            fail("`--rt-type 0' required before `--rt-0-addrs'");
        // "ADDR,...": numeric IPv6 addresses only, 16 at most.
        size_t i = 0, at = 0;
        for (; at != std::string::npos && i < hops; ++i) {
            size_t comma = val.find(',', at);
            std::string a = val.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            at = comma == std::string::npos ? comma : comma + 1;
            in6_addr a6{};
            if (inet_pton(AF_INET6, a.c_str(), &a6) != 1)
                fail("bad address: " + a);
            std::memcpy(d.data() + addrs + 16 * i, &a6, 16);
        }
        if (at != std::string::npos)
            fail("too many addresses specified");
        d[addrnr] = static_cast<uint8_t>(i);
        d[flags] |= f_addrs;
    } else {
        if (!st.given.count("rt-0-addrs"))
            fail("`--rt-0-addr ...' required before `--rt-0-not-strict'");
        d[flags] |= f_nstrict;
    }
}

void check(Data&, const State&) {}

void put_addrs(std::string& out, const Data& d)
{
    for (size_t i = 0; i < d[addrnr] && i < hops; ++i) {
        char buf[INET6_ADDRSTRLEN] = "";
        inet_ntop(AF_INET6, d.data() + addrs + 16 * i, buf, sizeof buf);
        out += i ? ',' : ' ';
        out += buf;
    }
}

void list(std::string& out, const Data& d, bool, bool)
{
    auto lo = xt::get<uint32_t>(d, segs), hi = xt::get<uint32_t>(d, segs + 4);
    const char* inv = d[invflags] & inv_segs ? "!" : "";
    out += " rt";
    // (libip6t_rt prints the type with "%d")
    if (d[flags] & f_type)
        out += fmt::format(" type:{}{}", d[invflags] & inv_type ? "!" : "", static_cast<int32_t>(xt::get<uint32_t>(d, type)));
    if (lo != 0 || hi != UINT32_MAX || *inv)
        out += lo == hi ? fmt::format(" segsleft:{}{}", inv, lo) : fmt::format(" segslefts:{}{}:{}", inv, lo, hi);
    if (d[flags] & f_len)
        out += fmt::format(" length:{}{}", d[invflags] & inv_len ? "!" : "", xt::get<uint32_t>(d, hdrlen));
    if (d[flags] & f_res)
        out += " reserved";
    if (d[flags] & f_addrs)
        out += " 0-addrs";
    put_addrs(out, d);
    if (d[flags] & f_nstrict)
        out += " 0-not-strict";
    if (d[invflags] & ~inv_mask)
        out += fmt::format(" Unknown invflags: 0x{:X}", d[invflags] & ~inv_mask);
}

void save(std::string& out, const Data& d, bool)
{
    auto lo = xt::get<uint32_t>(d, segs), hi = xt::get<uint32_t>(d, segs + 4);
    if (d[flags] & f_type)
        out += fmt::format("{} --rt-type {}", d[invflags] & inv_type ? " !" : "", xt::get<uint32_t>(d, type));
    if (lo != 0 || hi != UINT32_MAX) {
        out += d[invflags] & inv_segs ? " ! --rt-segsleft " : " --rt-segsleft ";
        out += lo == hi ? fmt::format("{}", lo) : fmt::format("{}:{}", lo, hi);
    }
    if (d[flags] & f_len)
        out += fmt::format("{} --rt-len {}", d[invflags] & inv_len ? " !" : "", xt::get<uint32_t>(d, hdrlen));
    if (d[flags] & f_res)
        out += " --rt-0-res";
    if (d[flags] & f_addrs)
        out += " --rt-0-addrs";
    put_addrs(out, d);
    if (d[flags] & f_nstrict)
        out += " --rt-0-not-strict";
}
} // namespace rt

// ---------------------------------------------------------------------------
// ah, revision 0: struct ip6t_ah for ip6tables (spis[2], hdrlen, hdrres,
// invflags) and struct ipt_ah for iptables (spis[2], invflags; --ahspi
// alone). Both are 16 bytes XT_ALIGNed.

namespace ah {
constexpr size_t spis = 0, hdrlen = 8, hdrres = 12, invflags6 = 13, invflags4 = 8;
constexpr uint8_t inv_spi = 0x01, inv_len = 0x02;

constexpr Option options[] = {{"ahspi", true}, {"ahlen", true, false, true}, {"ahres", false, false, true}};

void init(Data& d, bool) { xt::put<uint32_t>(d, spis + 4, UINT32_MAX); }

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    constexpr std::string_view ext = "ah";
    if (!st.v6 && opt != "ahspi") // (libipt_ah has --ahspi only)
        fail(fmt::format("unknown option \"--{}\"", opt));
    take(st, ext, opt, opt, inv, opt != "ahres");
    uint8_t& flags = d[st.v6 ? invflags6 : invflags4];
    if (opt == "ahspi") {
        auto v = parse_mint(ext, opt, val, UINT32_MAX);
        xt::put<uint32_t>(d, spis, static_cast<uint32_t>(v[0]));
        xt::put<uint32_t>(d, spis + 4, static_cast<uint32_t>(v.size() == 1 ? v[0] : v[1]));
        flags |= inv ? inv_spi : 0;
    } else if (opt == "ahlen") {
        xt::put<uint32_t>(d, hdrlen, parse_uint32(ext, opt, val));
        flags |= inv ? inv_len : 0;
    } else {
        d[hdrres] = 1;
    }
}

void check(Data&, const State&) {}

void list(std::string& out, const Data& d, bool, bool v6)
{
    auto lo = xt::get<uint32_t>(d, spis), hi = xt::get<uint32_t>(d, spis + 4);
    uint8_t flags = d[v6 ? invflags6 : invflags4];
    const char* inv = flags & inv_spi ? "!" : "";
    out += " ah ";
    if (lo != 0 || hi != UINT32_MAX || *inv)
        out += lo == hi ? fmt::format("spi:{}{}", inv, lo) : fmt::format("spis:{}{}:{}", inv, lo, hi);
    uint8_t known = inv_spi;
    if (v6) {
        // (1.8.9 prints "length" right after the spis, without a blank)
        known |= inv_len;
        if (auto len = xt::get<uint32_t>(d, hdrlen); len != 0 || (flags & inv_len))
            out += fmt::format("length:{}{}", flags & inv_len ? "!" : "", len);
        if (d[hdrres])
            out += " reserved";
    }
    if (flags & ~known)
        out += fmt::format(" Unknown invflags: 0x{:X}", flags & ~known);
}

void save(std::string& out, const Data& d, bool v6)
{
    auto lo = xt::get<uint32_t>(d, spis), hi = xt::get<uint32_t>(d, spis + 4);
    uint8_t flags = d[v6 ? invflags6 : invflags4];
    if (lo != 0 || hi != UINT32_MAX) {
        out += flags & inv_spi ? " ! --ahspi " : " --ahspi ";
        out += lo == hi ? fmt::format("{}", lo) : fmt::format("{}:{}", lo, hi);
    }
    if (!v6)
        return;
    if (auto len = xt::get<uint32_t>(d, hdrlen); len != 0 || (flags & inv_len))
        out += fmt::format("{} --ahlen {}", flags & inv_len ? " !" : "", len);
    if (d[hdrres])
        out += " --ahres";
}
} // namespace ah

// ---------------------------------------------------------------------------
// mh (ip6tables only), revision 0 (struct ip6t_mh: types[2], invflags)

namespace mh {
constexpr size_t types = 0, invflags = 2;
constexpr uint8_t inv_type = 0x01;

constexpr Option options[] = {{"mh-type", true}};

struct Name {
    std::string_view name;
    uint8_t type;
};
// libip6t_mh's table, in its order: each type's long name, then its alias.
constexpr Name names[] = {
    {"binding-refresh-request", 0}, {"brr", 0}, {"home-test-init", 1},  {"hoti", 1},
    {"careof-test-init", 2},        {"coti", 2}, {"home-test", 3},      {"hot", 3},
    {"careof-test", 4},             {"cot", 4},  {"binding-update", 5}, {"bu", 5},
    {"binding-acknowledgement", 6}, {"ba", 6},   {"binding-error", 7},  {"be", 7},
};

// A name or any prefix of one (the first in table order, unless a later
// name is exactly that long), any case; else a number 0-255.
uint8_t type_of(const std::string& s)
{
    const Name* match = nullptr;
    for (const auto& n : names)
        if (strncasecmp(n.name.data(), s.c_str(), s.size()) == 0 && (!match || n.name.size() == s.size()))
            match = &n;
    if (match)
        return match->type;
    auto v = strtoul_all(s, 0, UINT8_MAX);
    if (!v)
        fail("Invalid MH type `" + s + "'");
    return static_cast<uint8_t>(*v);
}

void init(Data& d, bool) { d[types + 1] = 0xff; }

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "mh", opt, opt, inv, true);
    auto colon = val.find(':');
    if (colon == std::string::npos) {
        d[types] = d[types + 1] = type_of(val);
    } else {
        std::string lo = val.substr(0, colon), hi = val.substr(colon + 1);
        d[types] = lo.empty() ? 0 : type_of(lo);
        d[types + 1] = hi.empty() ? 0xff : type_of(hi);
        if (d[types] > d[types + 1])
            fail("Invalid MH type range (min > max)");
    }
    if (inv)
        d[invflags] |= inv_type;
}

void check(Data&, const State&) {}

std::string type_text(uint8_t t, bool numeric)
{
    if (!numeric)
        for (const auto& n : names)
            if (n.type == t)
                return std::string(n.name);
    return std::to_string(t);
}

void list(std::string& out, const Data& d, bool numeric, bool)
{
    uint8_t lo = d[types], hi = d[types + 1];
    bool inv = d[invflags] & inv_type;
    out += " mh";
    if (lo != 0 || hi != 0xff || inv) {
        out += inv ? " !" : " ";
        out += type_text(lo, numeric);
        if (lo != hi)
            out += ":" + type_text(hi, numeric);
    }
    if (d[invflags] & ~inv_type)
        out += fmt::format(" Unknown invflags: 0x{:X}", d[invflags] & ~inv_type);
}

void save(std::string& out, const Data& d, bool)
{
    uint8_t lo = d[types], hi = d[types + 1];
    if (lo == 0 && hi == 0xff)
        return;
    if (d[invflags] & inv_type)
        out += " !";
    out += lo == hi ? fmt::format(" --mh-type {}", lo) : fmt::format(" --mh-type {}:{}", lo, hi);
}
} // namespace mh

// ---------------------------------------------------------------------------
// ipv6header (ip6tables only), revision 0 (struct ip6t_ipv6header_info:
// matchflags, invflags, modeflag)

namespace v6h {
constexpr size_t matchflags = 0, invflags = 1, modeflag = 2;

constexpr Option options[] = {{"header", true}, {"soft", false}};

struct Header {
    uint8_t proto, flag;
};
// libip6t_ipv6header's chain_flags, in the order it prints them.
constexpr Header headers[] = {
    {IPPROTO_HOPOPTS, 0x80}, {IPPROTO_DSTOPTS, 0x40}, {IPPROTO_ROUTING, 0x20}, {IPPROTO_FRAGMENT, 0x10},
    {IPPROTO_AH, 0x08},      {IPPROTO_ESP, 0x04},     {IPPROTO_NONE, 0x02},    {IPPROTO_RAW, 0x01},
};
struct Name {
    std::string_view name;
    uint8_t proto;
};
// Its own names, after /etc/protocols' (the first of a number is the one
// printed when /etc/protocols has none).
constexpr Name names[] = {
    {"hop-by-hop", IPPROTO_HOPOPTS}, {"protocol", IPPROTO_RAW}, {"hop", IPPROTO_HOPOPTS},
    {"dst", IPPROTO_DSTOPTS},        {"route", IPPROTO_ROUTING}, {"frag", IPPROTO_FRAGMENT},
    {"auth", IPPROTO_AH},            {"esp", IPPROTO_ESP},       {"none", IPPROTO_NONE},
    {"prot", IPPROTO_RAW},           {"0", IPPROTO_HOPOPTS},     {"60", IPPROTO_DSTOPTS},
    {"43", IPPROTO_ROUTING},         {"44", IPPROTO_FRAGMENT},   {"51", IPPROTO_AH},
    {"50", IPPROTO_ESP},             {"59", IPPROTO_NONE},       {"255", IPPROTO_RAW},
};

// "NAME,...": each a /etc/protocols name or alias, else one of the names
// above, and then one of the headers above.
uint8_t parse_headers(const std::string& val)
{
    uint8_t out = 0;
    size_t at = 0;
    while (at < val.size()) {
        size_t comma = val.find(',', at);
        std::string w = val.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        at = comma == std::string::npos ? val.size() : comma + 1;
        if (w.empty()) // (strtok: empty words are skipped)
            continue;
        unsigned proto;
        if (auto n = net::netdb::protocol_number(w)) {
            proto = *n;
        } else {
            auto it = std::find_if(std::begin(names), std::end(names), [&](const Name& e) { return e.name == w; });
            if (it == std::end(names))
                fail("unknown header `" + w + "' specified");
            proto = it->proto;
        }
        auto h = std::find_if(std::begin(headers), std::end(headers), [&](const Header& x) { return x.proto == proto; });
        if (h == std::end(headers))
            fail(fmt::format("unknown header `{}' specified", proto));
        out |= h->flag;
    }
    if (!out)
        fail("ip6t_ipv6header: cannot parse header names");
    return out;
}

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "ipv6header", opt, opt, inv, opt == "header");
    if (opt == "header") {
        d[matchflags] = parse_headers(val);
        if (inv)
            d[invflags] = 0xff;
    } else {
        d[modeflag] = 0xff;
    }
}

void check(Data&, const State& st)
{
    if (!st.given.count("header"))
        fail(opt_msg("ipv6header", "header", "must be specified"));
}

// The headers' names: /etc/protocols' first name of each number (but for
// 0), else the first of the names above; "NONE" when there is none.
std::string header_names(uint8_t flags)
{
    std::string out;
    for (const auto& h : headers) {
        if (!(flags & h.flag))
            continue;
        if (!out.empty())
            out += ',';
        std::optional<std::string> n;
        if (h.proto)
            n = net::netdb::protocol_name(h.proto);
        if (!n)
            for (const auto& x : names)
                if (x.proto == h.proto) {
                    n = std::string(x.name);
                    break;
                }
        out += *n;
    }
    return out.empty() ? "NONE" : out;
}

void list(std::string& out, const Data& d, bool numeric, bool)
{
    out += " ipv6header";
    if (d[matchflags] || d[invflags]) {
        out += d[invflags] ? " flags:!" : " flags:";
        out += numeric ? fmt::format("0x{:02X}", d[matchflags]) : header_names(d[matchflags]);
    }
    if (d[modeflag])
        out += " soft";
}

void save(std::string& out, const Data& d, bool)
{
    out += d[invflags] ? " ! --header " : " --header ";
    out += header_names(d[matchflags]);
    if (d[modeflag])
        out += " --soft";
}
} // namespace v6h

// ---------------------------------------------------------------------------
// eui64 (ip6tables only), revision 0: no options, an int of info; 1.8.9
// prints nothing of it under -L (and -S names it alone)

namespace eui {
void init(Data&, bool) {}
void parse(Data&, State&, std::string_view, const std::string&, bool) {}
void check(Data&, const State&) {}
void list(std::string&, const Data&, bool, bool) {}
void save(std::string&, const Data&, bool) {}
} // namespace eui

// ---------------------------------------------------------------------------
// NFLOG target (xt.hpp's nflog layout; the codec writes it as nf_tables'
// native log expression, as iptables-nft does)

namespace nfl {
namespace n = xt::nflog;

constexpr Option options[] = {{"nflog-group", true},
                              {"nflog-prefix", true},
                              {"nflog-range", true},
                              {"nflog-size", true},
                              {"nflog-threshold", true}};

void init(Data&, bool) {}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    take(st, "NFLOG", opt, opt, inv, false);
    auto number = [&](uint64_t max) {
        auto v = strtoul_all(val, 0, max);
        if (!v)
            fail(fmt::format("NFLOG: bad value for option \"--{}\", or out of range (0-{}).\n", opt, max));
        return *v;
    };
    if (opt == "nflog-group") {
        xt::put<uint16_t>(d, n::group, static_cast<uint16_t>(number(UINT16_MAX)));
    } else if (opt == "nflog-threshold") {
        xt::put<uint16_t>(d, n::threshold, static_cast<uint16_t>(number(UINT16_MAX)));
    } else if (opt == "nflog-size") {
        xt::put<uint32_t>(d, n::len, static_cast<uint32_t>(number(UINT32_MAX)));
        xt::put<uint16_t>(d, n::flags, static_cast<uint16_t>(xt::get<uint16_t>(d, n::flags) | n::f_copy_len));
    } else if (opt == "nflog-range") {
        number(UINT32_MAX); // read and dropped, with libxt_NFLOG's warning
        st.warnings += "warn: --nflog-range has never worked and is no longer supported, please use --nflog-size "
                       "instead\n";
    } else if (val.empty()) {
        fail("Argument must have a minimum length of 1 characters\n");
    } else if (val.find('\n') != std::string::npos) {
        fail("Newlines not allowed in --log-prefix");
    } else {
        put_string(d, n::prefix, n::prefix_size, val);
    }
}

void check(Data&, const State& st) { exclusive(st, "NFLOG", {"nflog-range", "nflog-size"}); }

// -L (`pfx` "") and -S (`pfx` "--").
void print(std::string& out, const Data& d, const char* pfx)
{
    if (std::string prefix = get_string(d, n::prefix, n::prefix_size); !prefix.empty())
        out += fmt::format(" {}nflog-prefix{}", pfx, save_string(prefix));
    if (auto g = xt::get<uint16_t>(d, n::group))
        out += fmt::format(" {}nflog-group {}", pfx, g);
    if (xt::get<uint16_t>(d, n::flags) & n::f_copy_len)
        out += fmt::format(" {}nflog-size {}", pfx, xt::get<uint32_t>(d, n::len));
    if (auto t = xt::get<uint16_t>(d, n::threshold))
        out += fmt::format(" {}nflog-threshold {}", pfx, t);
}
void list(std::string& out, const Data& d, bool, bool) { print(out, d, ""); }
void save(std::string& out, const Data& d, bool) { print(out, d, "--"); }
} // namespace nfl

// ---------------------------------------------------------------------------
// set, revision 4 (struct xt_set_info_match_v4): the set by its kernel
// index, asked by name when parsed and turned back into its name when
// printed, as libxt_set does.

namespace set {
constexpr size_t index = 0, dim = 2, flags = 3, packets = 8, bytes = 24, op = 8, match_flags = 40;
constexpr uint8_t inv_match = 1; // IPSET_INV_MATCH; bit N: dimension N is "src"
constexpr uint32_t skip_counters = 1 << 3, skip_subcounters = 1 << 4, return_nomatch = 1 << 7;
constexpr uint8_t eq = 1, ne = 2, lt = 3, gt = 4; // IPSET_COUNTER_*
constexpr unsigned dim_max = 6, name_max = 31;

// In libxt_set's table order.
constexpr Option options[] = {
    {"match-set", true, true}, {"set", true, true}, {"return-nomatch", false}, {"update-counters", false},
    {"packets-eq", true},      {"packets-lt", true}, {"packets-gt", true},      {"bytes-eq", true},
    {"bytes-lt", true},        {"bytes-gt", true},   {"update-subcounters", false},
};

void init(Data&, bool) {}

// ipset could not be asked: libxt_set's words, each an exit with code 1,
// when a rule is parsed and when one is printed.
[[noreturn]] void unreachable_ipset(const net::Error& e)
{
    throw UsageError(e.context() == "socket"    ? "Can't open socket to ipset.\n"
                     : e.context() == "version" ? "Kernel module xt_set is not loaded in.\n"
                                                : fmt::format("Problem when communicating with ipset, errno={}.\n",
                                                              e.code()),
                     false, other_problem);
}

void match_set(Data& d, State& st, const std::string& name, bool inv)
{
    if (d[dim])
        fail("--match-set can be specified only once");
    if (inv)
        d[flags] |= inv_match;
    if (!st.operand)
        fail("--match-set requires two args.");
    if (name.size() > name_max)
        fail(fmt::format("setname `{}' too long, max {} characters.", name, name_max));
    std::optional<net::ipset::SetRef> ref;
    try {
        ref = set_lookup.by_name(name);
    } catch (const net::Error& e) {
        unreachable_ipset(e);
    }
    if (!ref)
        fail(fmt::format("Set {} doesn't exist.\n", name));
    if (ref->family != (st.v6 ? NFPROTO_IPV6 : NFPROTO_IPV4) && ref->family != NFPROTO_UNSPEC)
        fail(fmt::format("The protocol family of set {} is {}, which is not applicable.\n", name,
                         ref->family == NFPROTO_IPV4 ? "IPv4" : "IPv6"));
    xt::put<uint16_t>(d, index, ref->index);
    // The dimensions: "src" or "dst" (only the first three letters are
    // looked at), at most six.
    std::string_view dirs = *st.operand;
    bool more = true;
    while (d[dim] < dim_max && more) {
        size_t comma = dirs.find(',');
        std::string_view one = dirs.substr(0, comma);
        more = comma != std::string_view::npos;
        dirs = more ? dirs.substr(comma + 1) : std::string_view();
        ++d[dim];
        if (one.substr(0, 3) == "src")
            d[flags] = static_cast<uint8_t>(d[flags] | (1u << d[dim]));
        else if (one.substr(0, 3) != "dst")
            fail("You must spefify (the comma separated list of) 'src' or 'dst'.");
    }
    if (more)
        fail(fmt::format("Can't be more src/dst options than {}.", dim_max));
    st.given.insert("match-set");
}

void parse(Data& d, State& st, std::string_view opt, const std::string& val, bool inv)
{
    uint32_t mf = xt::get<uint32_t>(d, match_flags);
    if (opt == "match-set" || opt == "set") {
        if (opt == "set")
            st.warnings += "--set option deprecated, please use --match-set\n";
        return match_set(d, st, val, inv);
    }
    if (opt == "return-nomatch") {
        if (inv)
            fail("--return-nomatch flag cannot be inverted");
        mf |= return_nomatch;
    } else if (opt == "update-counters" || opt == "update-subcounters") {
        if (inv) // (given without "!", they say what is done anyway)
            mf |= opt == "update-counters" ? skip_counters : skip_subcounters;
    } else {
        // --packets-eq and the others: one of each kind, "!" only for -eq.
        std::string_view what = opt.substr(0, opt.find('-'));
        std::string_view cmp = opt.substr(opt.find('-') + 1);
        size_t at = what == "packets" ? packets : bytes;
        if (d[at + op])
            fail(fmt::format("only one of the --{}-[eq|lt|gt] is allowed", what));
        if (inv && cmp != "eq")
            fail(fmt::format("--{} option cannot be inverted", opt));
        auto v = strtoul_all(val, 0, UINT64_MAX);
        if (!v)
            fail(fmt::format("Cannot parse {} as a counter value", val));
        d[at + op] = cmp == "eq" ? (inv ? ne : eq) : cmp == "lt" ? lt : gt;
        xt::put<uint64_t>(d, at, *v);
    }
    xt::put<uint32_t>(d, match_flags, mf);
}

void check(Data&, const State& st)
{
    if (!st.given.count("match-set"))
        fail("You must specify `--match-set' with proper arguments");
}

void print(std::string& out, const Data& d, bool save)
{
    // (A failure ends the listing there, after what is printed before it:
    // the lister stops at this UsageError, as libxt_set exits.)
    std::string name;
    uint16_t id = xt::get<uint16_t>(d, index);
    try {
        name = set_lookup.by_index(id);
    } catch (const net::Error& e) {
        unreachable_ipset(e);
    }
    if (name.empty()) // (the kernel's answer for an index no set has)
        throw UsageError(fmt::format("Set with index {} in kernel doesn't exist.\n", id));
    out += d[flags] & inv_match ? " !" : "";
    out += save ? " --match-set " : " match-set ";
    out += name;
    for (unsigned i = 1; i <= d[dim]; ++i) {
        out += i == 1 ? " " : ",";
        out += i < 8 && (d[flags] & (1u << i)) ? "src" : "dst"; // (flags is one byte)
    }
    const char* sep = save ? "--" : "";
    uint32_t mf = xt::get<uint32_t>(d, match_flags);
    if (mf & return_nomatch)
        out += fmt::format(" {}return-nomatch", sep);
    if (mf & skip_counters)
        out += fmt::format(" ! {}update-counters", sep);
    if (mf & skip_subcounters)
        out += fmt::format(" ! {}update-subcounters", sep);
    for (auto [at, what] : {std::pair{packets, "packets"}, {bytes, "bytes"}}) {
        uint64_t v = xt::get<uint64_t>(d, at);
        switch (d[at + op]) {
        case eq: out += fmt::format(" {}{}-eq {}", sep, what, v); break;
        case ne: out += fmt::format(" ! {}{}-eq {}", sep, what, v); break;
        case lt: out += fmt::format(" {}{}-lt {}", sep, what, v); break;
        case gt: out += fmt::format(" {}{}-gt {}", sep, what, v); break;
        default: break;
        }
    }
}
void list(std::string& out, const Data& d, bool, bool) { print(out, d, false); }
void save(std::string& out, const Data& d, bool) { print(out, d, true); }
} // namespace set

constexpr Extension table[] = {
    {"hashlimit", false, 3, 312, 304, hl::options, hl::init, hl::parse, hl::check, hl::list, hl::save},
    {"recent", false, 1, 232, 232, rc::options, rc::init, rc::parse, rc::check, rc::list, rc::save},
    {"physdev", false, 0, 72, 72, pd::options, pd::init, pd::parse, pd::check, pd::list, pd::save},
    {"set", false, 4, 48, 48, set::options, set::init, set::parse, set::check, set::list, set::save},
    {"hl", false, 0, 8, 8, hop::options, hop::init, hop::parse, hop::check, hop::list, hop::save, true},
    {"CLASSIFY", true, 0, 8, 8, cl::options, cl::init, cl::parse, cl::check, cl::list, cl::save},
    {"HL", true, 0, 8, 8, hlt::options, hlt::init, hlt::parse, hlt::check, hlt::list, hlt::save, true},
    {"NFLOG", true, 0, xt::nflog::size, xt::nflog::size, nfl::options, nfl::init, nfl::parse, nfl::check, nfl::list,
     nfl::save},
    {"frag", false, 0, 16, 16, frag::options, frag::init, frag::parse, frag::check, frag::list, frag::save, true},
    {"hbh", false, 0, 40, 40, opts::hbh_options, opts::init, opts::parse, opts::check, opts::hbh_list, opts::hbh_save, true},
    {"dst", false, 0, 40, 40, opts::dst_options, opts::init, opts::parse, opts::check, opts::dst_list, opts::dst_save, true},
    {"rt", false, 0, 280, 280, rt::options, rt::init, rt::parse, rt::check, rt::list, rt::save, true},
    {"ah", false, 0, 16, 16, ah::options, ah::init, ah::parse, ah::check, ah::list, ah::save},
    {"mh", false, 0, 8, 8, mh::options, mh::init, mh::parse, mh::check, mh::list, mh::save, true},
    {"ipv6header", false, 0, 8, 8, v6h::options, v6h::init, v6h::parse, v6h::check, v6h::list, v6h::save, true},
    {"eui64", false, 0, 8, 8, {}, eui::init, eui::parse, eui::check, eui::list, eui::save, true},
};

} // namespace

SetLookup set_lookup = {net::ipset::by_name, net::ipset::by_index};

const Extension* find(std::string_view name, bool target)
{
    for (const auto& e : table) // (lengths first: this file is built with -Os, where == is a call)
        if (e.name.size() == name.size() && e.target == target && e.name == name)
            return &e;
    return nullptr;
}

std::span<const Extension> all() { return table; }

bool has_option(const Extension& e, std::string_view opt)
{
    return std::any_of(e.options.begin(), e.options.end(), [&](const Option& o) { return o.name == opt; });
}

} // namespace nsbox::iptables::ext
