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

namespace {

template <class T>
void put(std::string& b, T v)
{
    b.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void pad4(std::string& b)
{
    while (b.size() % 4)
        b.push_back('\0');
}

void option(std::string& b, uint16_t code, std::string_view value)
{
    put(b, code);
    put(b, static_cast<uint16_t>(value.size()));
    b.append(value);
    pad4(b);
}

constexpr uint32_t shb_type = 0x0A0D0D0A;
constexpr uint32_t idb_type = 1;
constexpr uint32_t epb_type = 6;
constexpr uint16_t opt_endofopt = 0;
constexpr uint16_t opt_shb_userappl = 4;
constexpr uint16_t opt_if_name = 2;
constexpr uint16_t opt_if_tsresol = 9;

} // namespace

PcapngWriter::~PcapngWriter() { close(); }

void PcapngWriter::block(uint32_t type, const std::string& body)
{
    uint32_t total = static_cast<uint32_t>(body.size() + 12);
    std::fwrite(&type, 4, 1, f_);
    std::fwrite(&total, 4, 1, f_);
    std::fwrite(body.data(), 1, body.size(), f_);
    std::fwrite(&total, 4, 1, f_);
}

bool PcapngWriter::open(const std::string& path, std::string& err)
{
    if (path == "-") {
        f_ = stdout;
        own_ = false;
    } else {
        f_ = std::fopen(path.c_str(), "wbe");
        own_ = true;
        if (!f_) {
            err = fmt::format("{}: {}", path, std::strerror(errno));
            return false;
        }
    }
    std::string b;
    put(b, uint32_t{0x1A2B3C4D});
    put(b, uint16_t{1});
    put(b, uint16_t{0});
    put(b, int64_t{-1});
    option(b, opt_shb_userappl, "nsbox tcpdump --netns");
    put(b, opt_endofopt);
    put(b, uint16_t{0});
    block(shb_type, b);
    return true;
}

uint32_t PcapngWriter::add_interface(std::string_view name, uint16_t linktype, uint32_t snaplen)
{
    std::string b;
    put(b, linktype);
    put(b, uint16_t{0});
    put(b, snaplen);
    option(b, opt_if_name, name);
    option(b, opt_if_tsresol, std::string_view("\x09", 1));
    put(b, opt_endofopt);
    put(b, uint16_t{0});
    block(idb_type, b);
    return interfaces_++;
}

void PcapngWriter::packet(uint32_t interface, int64_t sec, uint32_t nsec, const unsigned char* data, uint32_t caplen,
                          uint32_t len)
{
    uint64_t ts = static_cast<uint64_t>(sec) * 1000000000u + nsec;
    std::string b;
    put(b, interface);
    put(b, static_cast<uint32_t>(ts >> 32));
    put(b, static_cast<uint32_t>(ts));
    put(b, caplen);
    put(b, len);
    b.append(reinterpret_cast<const char*>(data), caplen);
    pad4(b);
    block(epb_type, b);
}

bool PcapngWriter::flush() { return f_ && std::fflush(f_) == 0 && !std::ferror(f_); }

bool PcapngWriter::close()
{
    if (!f_)
        return true;
    bool good = flush();
    if (own_)
        good = std::fclose(f_) == 0 && good;
    f_ = nullptr;
    return good;
}

} // namespace nsbox::tcpdump
