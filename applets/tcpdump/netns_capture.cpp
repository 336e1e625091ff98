#include "applets/tcpdump/netns_capture.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "applets/common/left.hpp"
#include "libnet/netns.hpp"

namespace nsbox::tcpdump {

namespace {

bool same_file(int fd, const struct stat& st)
{
    struct stat o{};
    return ::fstat(fd, &o) == 0 && o.st_dev == st.st_dev && o.st_ino == st.st_ino;
}

} // namespace

void close_netns(std::vector<NetnsTarget>& targets)
{
    for (auto& t : targets)
        if (t.fd >= 0) {
            ::close(t.fd);
            t.fd = -1;
        }
    targets.clear();
}

bool resolve_netns(const std::vector<std::string>& args, std::vector<NetnsTarget>& out, std::string& err)
{
    out.clear();
    bool all = false;
    std::vector<std::string> names;
    auto add_name = [&](const std::string& n) {
        for (const auto& m : names)
            if (m == n)
                return;
        names.push_back(n);
    };
    for (const auto& a : args) {
        if (a == "all") {
            all = true;
            continue;
        }
        add_name(a);
    }
    // Named ones first, in the order given; then /run/netns for "all".
    std::vector<std::string> listed;
    if (all) {
        listed = net::netns::list();
        std::sort(listed.begin(), listed.end());
    }
    size_t explicit_count = names.size();
    for (const auto& n : listed)
        add_name(n);

    struct stat self{};
    bool have_self = ::stat(std::string(net::netns::self_path).c_str(), &self) == 0;
    bool self_named = false;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string& n = names[i];
        bool must = i < explicit_count;
        if (!net::netns::valid_name(n)) {
            close_netns(out);
            err = fmt::format("Invalid network namespace name \"{}\"", n);
            return false;
        }
        std::string path = net::netns::path_of(n);
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (!must)
                continue; // deleted since it was listed
            int e = errno;
            close_netns(out);
            err = fmt::format("Cannot open network namespace \"{}\": {}", n, std::strerror(e));
            return false;
        }
        if (net::netns::is_stale(n)) {
            ::close(fd);
            if (!must)
                continue;
            close_netns(out);
            err = fmt::format("Cannot open network namespace \"{}\": {}", n, std::strerror(EINVAL));
            return false;
        }
        if (have_self && same_file(fd, self))
            self_named = true;
        out.push_back({n, fd, !must});
    }
    if (all && !self_named)
        out.push_back({std::string(current_netns_label), -1, true});
    return true;
}

std::string_view cooked_direction(uint8_t pkttype)
{
    switch (pkttype) {
    case 0:
        return "In";
    case 1:
        return "B";
    case 2:
        return "M";
    case 3:
        return "P";
    case 4:
        return "Out";
    default:
        return "?";
    }
}

bool label_line(std::string& line, std::string_view printed_if, uint8_t pkttype, std::string_view label,
                std::string_view real_if)
{
    std::string field = fmt::format("{} {:<3} ", cli::Left{printed_if, 5}, cooked_direction(pkttype));
    size_t end = line.find('\n');
    if (end == std::string::npos)
        end = line.size();
    size_t name_len = std::max<size_t>(printed_if.size(), 5) + 1;
    size_t pos = 0;
    for (;;) {
        pos = line.find(field, pos);
        if (pos == std::string::npos || pos >= end)
            break;
        if (pos == 0 || line[pos - 1] == ' ') {
            line.replace(pos, name_len, fmt::format("{} {} ", label, cli::Left{real_if, 5}));
            return true;
        }
        ++pos;
    }
    line.insert(0, fmt::format("{} ", label));
    return false;
}

} // namespace nsbox::tcpdump
