// libFuzzer target for the readers of configuration files a user or an
// image supplies: /etc/hosts and nsswitch.conf (libnet/resolve), passwd and
// group (applets/common/accounts), the /etc/iproute2 name files (ip's
// RtNames, and the device group names ip link reads), and sysctl.conf
// lines. Byte 0 picks the reader (modulo 11: 0 hosts, 1 nsswitch.conf,
// 2 passwd, 3 group, 4 sysctl.conf, 5-9 rt_tables, rt_protos, rt_scopes,
// rt_dsfield, rt_realms, 10 /etc/iproute2/group); the rest is the file.
// None of them may throw or read out of bounds on any text.
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_etc_fuzzer && build-fuzz/fuzz_etc_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <sys/stat.h>
#include <unistd.h>

#include "applets/common/accounts.hpp"
#include "applets/ip/linktypes.hpp"
#include "applets/ip/names.hpp"
#include "applets/sysctl/sysctl.hpp"
#include "libnet/resolve.hpp"

namespace {

// One scratch directory per fuzzing process, for the readers that take a path.
const std::string& scratch()
{
    static const std::string dir = [] {
        char tmpl[] = "/tmp/nsbox-etc-fuzz.XXXXXX";
        const char* d = ::mkdtemp(tmpl);
        if (!d)
            std::abort();
        return std::string(d);
    }();
    return dir;
}

void write_file(const std::string& path, std::string_view text)
{
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f)
        std::abort();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
}

void accounts(std::string_view text, bool group)
{
    std::string path = scratch() + (group ? "/group" : "/passwd");
    write_file(path, text);
    using namespace nsbox::cli;
    if (group) {
        (void)group_by_name("root", path.c_str());
        (void)group_by_id(0, path.c_str());
        (void)groups_with_member("root", path.c_str());
    } else {
        (void)user_by_name("root", path.c_str());
        (void)user_by_id(0, path.c_str());
    }
}

void rt_names(std::string_view text, uint8_t which)
{
    constexpr const char* files[] = {"rt_tables", "rt_protos", "rt_scopes", "rt_dsfield", "rt_realms"};
    std::string dir = scratch() + "/iproute2";
    ::mkdir(dir.c_str(), 0755);
    for (const char* f : files)
        ::unlink((dir + "/" + f).c_str());
    write_file(dir + "/" + files[which % 5], text);
    std::FILE* sink = std::fopen("/dev/null", "w");
    if (!sink)
        std::abort();
    {
        nsbox::ip::RtNames n(dir, sink);
        for (unsigned id : {0u, 1u, 7u, 200u, 253u, 255u}) {
            (void)n.table(id);
            (void)n.protocol(id);
            (void)n.scope(id);
            (void)n.dsfield(id);
            (void)n.realm(id);
        }
        for (std::string_view name : {"main", "local", "x", "0x10", "boot", "link"}) {
            (void)n.table_id(name);
            (void)n.protocol_id(name);
            (void)n.scope_id(name);
            (void)n.dsfield_id(name);
            (void)n.realm_id(name);
            (void)n.realms(name);
        }
    }
    std::fclose(sink);
}

// /etc/iproute2/group: iproute2's "NUMBER NAME" table reader.
void group_names(std::string_view text)
{
    std::string path = scratch() + "/iproute2-group";
    write_file(path, text);
    (void)nsbox::ip::read_id_table(path.c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 11) {
    case 0:
        (void)nsbox::net::parse_hosts(text);
        break;
    case 1:
        (void)nsbox::net::parse_nsswitch_hosts(text);
        break;
    case 2:
        accounts(text, false);
        break;
    case 3:
        accounts(text, true);
        break;
    case 4: {
        // Line by line, as sysctl -p reads a file; with and without a pattern.
        bool syntax_error = false;
        size_t start = 0;
        while (start <= text.size()) {
            size_t end = text.find('\n', start);
            std::string_view line = text.substr(start, end == text.npos ? text.npos : end - start);
            (void)nsbox::sysctl::parse_setting_line(line, std::nullopt, "/proc/sys/", &syntax_error);
            if (end == text.npos)
                break;
            start = end + 1;
        }
        break;
    }
    case 10:
        group_names(text);
        break;
    default:
        rt_names(text, data[0]);
        break;
    }
    return 0;
}
