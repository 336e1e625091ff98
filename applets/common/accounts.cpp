// /etc/passwd and /etc/group lookups (see accounts.hpp).

#include "applets/common/accounts.hpp"

#include <charconv>
#include <fstream>

namespace nsbox::cli {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    for (;;) {
        size_t p = s.find(sep);
        out.push_back(s.substr(0, p));
        if (p == std::string_view::npos)
            return out;
        s.remove_prefix(p + 1);
    }
}

// A whole field of decimal digits that fits in 32 bits.
std::optional<uint32_t> number(std::string_view f)
{
    uint32_t v = 0;
    auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (f.empty() || ec != std::errc() || end != f.data() + f.size())
        return std::nullopt;
    return v;
}

// One entry of a passwd ("name:pw:uid:gid:...") or group
// ("name:pw:gid:members") line; nullopt for a comment, a NIS "+"/"-"
// line or a line glibc would not parse.
std::optional<Account> parse(std::string_view line, bool user)
{
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-')
        return std::nullopt;
    auto f = split(line, ':');
    if (f.size() < (user ? 4u : 3u) || f[0].empty())
        return std::nullopt;
    auto id = number(f[2]);
    if (!id)
        return std::nullopt;
    Account a;
    a.name = f[0];
    a.id = *id;
    if (user) {
        auto gid = number(f[3]);
        if (!gid)
            return std::nullopt;
        a.gid = *gid;
    } else if (f.size() > 3 && !f[3].empty()) {
        for (std::string_view m : split(f[3], ','))
            if (!m.empty())
                a.members.emplace_back(m);
    }
    return a;
}

template <class Match>
std::optional<Account> find(const char* path, bool user, Match match)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (auto a = parse(line, user); a && match(*a))
            return a;
    return std::nullopt;
}

} // namespace

std::optional<Account> user_by_name(std::string_view name, const char* path)
{
    return find(path, true, [&](const Account& a) { return a.name == name; });
}

std::optional<Account> user_by_id(uint32_t uid, const char* path)
{
    return find(path, true, [&](const Account& a) { return a.id == uid; });
}

std::optional<Account> group_by_name(std::string_view name, const char* path)
{
    return find(path, false, [&](const Account& a) { return a.name == name; });
}

std::optional<Account> group_by_id(uint32_t gid, const char* path)
{
    return find(path, false, [&](const Account& a) { return a.id == gid; });
}

std::vector<uint32_t> groups_with_member(std::string_view user, const char* path)
{
    std::vector<uint32_t> out;
    find(path, false, [&](const Account& a) {
        for (const std::string& m : a.members)
            if (m == user) {
                out.push_back(a.id);
                break;
            }
        return false;
    });
    return out;
}

} // namespace nsbox::cli
