// ip link: the device group names (/etc/iproute2/group) and the reader of
// iproute2's "NUMBER NAME" tables. The link kinds are in kinds/.

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "applets/ip/linktypes.hpp"

namespace nsbox::ip {

std::vector<std::pair<uint32_t, std::string>> read_id_table(const char* path)
{
    std::vector<std::pair<uint32_t, std::string>> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string id, name;
        if (!(ls >> id) || id.starts_with('#') || !(ls >> name))
            continue;
        char* end = nullptr;
        long v = std::strtol(id.c_str(), &end, 0);
        if (*end || v < 0)
            continue;
        out.emplace_back(static_cast<uint32_t>(v), name);
    }
    return out;
}

// The group names, read once (iproute2 reads the file once too).
const std::vector<std::pair<uint32_t, std::string>>& group_table()
{
    static const auto table = read_id_table("/etc/iproute2/group");
    return table;
}

std::string group_name(uint32_t group)
{
    for (const auto& [id, name] : group_table())
        if (id == group)
            return name;
    return std::to_string(static_cast<int>(group));
}

std::optional<uint32_t> group_number(std::string_view w)
{
    for (const auto& [id, name] : group_table())
        if (name == w)
            return id;
    std::string s(w);
    if (s.empty())
        return std::nullopt;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 0);
    if (end == s.c_str() || *end || v < 0)
        return std::nullopt;
    return static_cast<uint32_t>(v);
}

} // namespace nsbox::ip
