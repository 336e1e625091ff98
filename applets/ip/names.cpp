// iproute2's rt_names, with no global tables: one RtNames per command.

#include "applets/ip/names.hpp"

#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <memory>

#include <fmt/format.h>
#include <linux/rtnetlink.h>

#include "libnet/inet.hpp"
#include "libnet/netdb.hpp"

namespace nsbox::ip {

namespace {

struct Builtin {
    unsigned id;
    std::string_view name;
};

// The names iproute2 6.1 knows without any file.
constexpr Builtin builtin_protos[] = {
    {RTPROT_UNSPEC, "unspec"}, {RTPROT_REDIRECT, "redirect"}, {RTPROT_KERNEL, "kernel"},
    {RTPROT_BOOT, "boot"},     {RTPROT_STATIC, "static"},     {RTPROT_GATED, "gated"},
    {RTPROT_RA, "ra"},         {RTPROT_MRT, "mrt"},           {RTPROT_ZEBRA, "zebra"},
    {RTPROT_BIRD, "bird"},     {RTPROT_BABEL, "babel"},       {RTPROT_DNROUTED, "dnrouted"},
    {RTPROT_XORP, "xorp"},     {RTPROT_NTK, "ntk"},           {RTPROT_DHCP, "dhcp"},
    {RTPROT_KEEPALIVED, "keepalived"}, {RTPROT_BGP, "bgp"},   {RTPROT_ISIS, "isis"},
    {RTPROT_OSPF, "ospf"},     {RTPROT_RIP, "rip"},           {RTPROT_EIGRP, "eigrp"},
};
constexpr Builtin builtin_scopes[] = {
    {RT_SCOPE_UNIVERSE, "global"}, {RT_SCOPE_NOWHERE, "nowhere"}, {RT_SCOPE_HOST, "host"},
    {RT_SCOPE_LINK, "link"},       {RT_SCOPE_SITE, "site"},
};
constexpr Builtin builtin_realms[] = {{0, "unknown"}};
constexpr Builtin builtin_dsfields[] = {{0, "0"}};
constexpr Builtin builtin_tables[] = {
    {RT_TABLE_DEFAULT, "default"}, {RT_TABLE_MAIN, "main"}, {RT_TABLE_LOCAL, "local"}};

template <size_t N>
void fill(std::array<std::optional<std::string>, 256>& tab, const Builtin (&b)[N])
{
    for (const Builtin& e : b)
        tab[e.id] = std::string(e.name);
}

constexpr std::string_view f_protos = "rt_protos";
constexpr std::string_view f_scopes = "rt_scopes";
constexpr std::string_view f_realms = "rt_realms";
constexpr std::string_view f_dsfield = "rt_dsfield";
constexpr std::string_view f_tables = "rt_tables";

} // namespace

RtNames::RtNames(std::string confdir, std::FILE* err) : confdir_(std::move(confdir)), err_(err)
{
    fill(protos_.names, builtin_protos);
    fill(scopes_.names, builtin_scopes);
    fill(realms_.names, builtin_realms);
    fill(dsfields_.names, builtin_dsfields);
    for (const Builtin& b : builtin_tables)
        tables_.push_back({b.id, std::string(b.name)});
}

std::vector<std::pair<int, std::string>> RtNames::read_file(const std::string& path)
{
    std::vector<std::pair<int, std::string>> out;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "re"), std::fclose);
    if (!f)
        return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, f.get())) {
        char* p = buf;
        while (*p == ' ' || *p == '\t')
            ++p;
        if (*p == '#' || *p == '\n' || *p == 0)
            continue;
        // The four forms iproute2 tries, in its order; %s is bounded by the
        // line's own length.
        int id = 0;
        unsigned hex = 0;
        char name[512] = {};
        if (std::sscanf(p, "0x%x %511s\n", &hex, name) == 2 || std::sscanf(p, "0x%x %511s #", &hex, name) == 2) {
            id = static_cast<int>(hex);
        } else if (std::sscanf(p, "%d %511s\n", &id, name) != 2 && std::sscanf(p, "%d %511s #", &id, name) != 2) {
            if (err_)
                std::fprintf(err_, "Database %s is corrupted at %s\n", path.c_str(), p);
            return out;
        }
        out.emplace_back(id, name);
    }
    return out;
}

std::vector<std::string> RtNames::files(std::string_view file, bool with_dir) const
{
    std::vector<std::string> out{fmt::format("{}/{}", confdir_, file)};
    if (!with_dir)
        return out;
    std::string dir = fmt::format("{}/{}.d", confdir_, file);
    std::unique_ptr<DIR, int (*)(DIR*)> d(opendir(dir.c_str()), closedir);
    if (!d)
        return out;
    while (dirent* de = readdir(d.get())) {
        std::string_view n = de->d_name;
        if (n.starts_with('.') || n.size() <= 5 || !n.ends_with(".conf"))
            continue;
        out.push_back(fmt::format("{}/{}", dir, n));
    }
    return out;
}

void RtNames::load_tab(Tab& t, std::string_view file, bool with_dir)
{
    t.loaded = true;
    for (const std::string& path : files(file, with_dir))
        for (auto& [id, name] : read_file(path))
            if (id >= 0 && id < 256)
                t.names[static_cast<size_t>(id)] = std::move(name);
}

std::optional<uint32_t> RtNames::tab_a2n(Tab& t, std::string_view file, std::string_view name, bool with_dir)
{
    if (!t.loaded)
        load_tab(t, file, with_dir);
    for (unsigned i = 0; i < 256; ++i)
        if (t.names[i] && *t.names[i] == name)
            return i;
    return net::parse_unsigned(name, 0, 255);
}

std::string RtNames::tab_n2a(Tab& t, std::string_view file, unsigned id, bool with_dir)
{
    if (id >= 256 || numeric_)
        return std::to_string(id);
    if (!t.names[id] && !t.loaded)
        load_tab(t, file, with_dir);
    if (t.names[id])
        return *t.names[id];
    return std::to_string(id);
}

std::string RtNames::protocol(unsigned id) { return tab_n2a(protos_, f_protos, id, true); }
std::optional<uint32_t> RtNames::protocol_id(std::string_view name) { return tab_a2n(protos_, f_protos, name, true); }
std::string RtNames::scope(unsigned id) { return tab_n2a(scopes_, f_scopes, id); }
std::optional<uint32_t> RtNames::scope_id(std::string_view name) { return tab_a2n(scopes_, f_scopes, name); }
std::string RtNames::realm(unsigned id) { return tab_n2a(realms_, f_realms, id); }
std::optional<uint32_t> RtNames::realm_id(std::string_view name) { return tab_a2n(realms_, f_realms, name); }

std::string RtNames::dsfield(unsigned id)
{
    if (id < 256 && !numeric_ && !dsfields_.names[id] && !dsfields_.loaded)
        load_tab(dsfields_, f_dsfield);
    if (id < 256 && !numeric_ && dsfields_.names[id])
        return *dsfields_.names[id];
    return id < 256 ? fmt::format("0x{:02x}", id) : std::to_string(id);
}

std::optional<uint32_t> RtNames::dsfield_id(std::string_view name)
{
    if (!dsfields_.loaded)
        load_tab(dsfields_, f_dsfield);
    for (unsigned i = 0; i < 256; ++i)
        if (dsfields_.names[i] && *dsfields_.names[i] == name)
            return i;
    return net::parse_unsigned(name, 16, 255);
}

std::optional<uint32_t> RtNames::realms(std::string_view arg)
{
    // get_rt_realms: [FROM/]TO by name or number; else a raw number.
    auto named = [&]() -> std::optional<uint32_t> {
        uint32_t v = 0;
        std::string_view to = arg;
        if (auto slash = arg.find('/'); slash != std::string_view::npos) {
            auto from = realm_id(arg.substr(0, slash));
            if (!from)
                return std::nullopt;
            v = *from << 16;
            to = arg.substr(slash + 1);
        }
        if (!to.empty()) {
            auto t = realm_id(to);
            if (!t)
                return std::nullopt;
            v |= *t;
        }
        return v;
    };
    if (auto v = named())
        return v;
    return net::parse_unsigned(arg, 0);
}

void RtNames::load_tables()
{
    tables_loaded_ = true;
    for (const std::string& path : files(f_tables, true))
        for (auto& [id, name] : read_file(path))
            if (id >= 0)
                tables_.push_back({static_cast<uint32_t>(id), std::move(name)});
}

std::string RtNames::table(uint32_t id)
{
    if (numeric_)
        return std::to_string(id);
    if (!tables_loaded_)
        load_tables();
    for (auto it = tables_.rbegin(); it != tables_.rend(); ++it)
        if (it->id == id)
            return it->name;
    return std::to_string(id);
}

std::optional<uint32_t> RtNames::table_id(std::string_view name)
{
    if (!tables_loaded_)
        load_tables();
    // iproute2 walks its 256 hash chains in order, each newest first.
    for (unsigned bucket = 0; bucket < 256; ++bucket)
        for (auto it = tables_.rbegin(); it != tables_.rend(); ++it)
            if ((it->id & 255) == bucket && it->name == name)
                return it->id;
    return net::parse_unsigned(name, 0, RT_TABLE_MAX);
}

namespace {

// The protocols every system has, for a system without /etc/protocols.
struct Proto {
    std::string_view name;
    unsigned num;
};
constexpr Proto builtin_ip_protos[] = {{"ip", 0},   {"icmp", 1},  {"igmp", 2},       {"tcp", 6},
                                       {"udp", 17}, {"ipv6", 41}, {"ipv6-icmp", 58}, {"sctp", 132}};

} // namespace

std::optional<unsigned> ip_protocol_id(std::string_view name)
{
    bool readable = false;
    if (auto num = net::netdb::protocol_number(name, &readable); readable)
        return num;
    for (const Proto& p : builtin_ip_protos)
        if (p.name == name)
            return p.num;
    return std::nullopt;
}

std::optional<std::string> ip_protocol_name(unsigned num)
{
    return net::netdb::protocol_name(num);
}

} // namespace nsbox::ip
