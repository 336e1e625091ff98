// libFuzzer target for the readers of the files nsbox reads at fixed paths
// (libnet/netdb and libnet/resolve, through their callers)
// in place of glibc's NSS: /etc/protocols (ip's ip_protocol_id/name,
// iptables' protocol_number/name), /etc/services (iptables'
// service_port/name, tcpdump's port names), /etc/hosts and /etc/networks
// (iptables' host_address/address_name), /etc/ethers (tcpdump's Ethernet
// names). etc_fuzzer covers the readers that take a path or the text.
//
// The paths are fixed, so this process gets its own mount namespace (made
// private first, so nothing propagates to the host) with an empty tmpfs on
// /etc, and writes the input there. Byte 0 picks the file (the others are
// absent); the rest is its text. The names asked for are the words of the
// text itself, so that lookups find entries; the numbers are bytes of it.
// socket(2) fails in this process (no_sockets.hpp): nothing asks DNS.
//
//   cmake --build build-fuzz --target fuzz_netdb_fuzzer && build-fuzz/fuzz_netdb_fuzzer -max_total_time=60

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sched.h>
#include <string>
#include <string_view>
#include <vector>

#include <sys/mount.h>
#include <unistd.h>

#include "applets/ip/names.hpp"
#include "applets/iptables/names.hpp"
#include "applets/tcpdump/print/names.hpp"
#include "tests/fuzz/no_sockets.hpp"

namespace {

using namespace nsbox;

constexpr const char* files[] = {"/etc/protocols", "/etc/services", "/etc/hosts", "/etc/networks", "/etc/ethers"};

void write_file(const char* path, std::string_view text)
{
    std::FILE* f = std::fopen(path, "w");
    if (!f)
        std::abort();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
}

// Up to `max` words of `text` (split at white space), each at most 64 bytes.
std::vector<std::string> words_of(std::string_view text, size_t max)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (out.size() < max && i < text.size()) {
        i = text.find_first_not_of(" \t\r\n", i);
        if (i == std::string_view::npos)
            break;
        size_t j = text.find_first_of(" \t\r\n", i);
        if (j == std::string_view::npos)
            j = text.size();
        out.emplace_back(text.substr(i, std::min<size_t>(j - i, 64)));
        i = j;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // Before libFuzzer starts its threads: unshare(CLONE_NEWNS) needs a
    // process that shares its fs_struct with no other thread.
    // The dynamic loader's cache, kept on the new /etc for the programs the
    // sanitizers start (llvm-symbolizer).
    std::string ld_cache;
    if (std::FILE* f = std::fopen("/etc/ld.so.cache", "rb")) {
        char buf[65536];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
            ld_cache.append(buf, n);
        std::fclose(f);
    }
    if (::unshare(CLONE_NEWNS) != 0) {
        std::perror("netdb_fuzzer: unshare(CLONE_NEWNS) (needs root)");
        std::abort();
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("nsbox-netdb-fuzz", "/etc", "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,mode=0755") != 0) {
        std::perror("netdb_fuzzer: mount");
        std::abort();
    }
    if (!ld_cache.empty())
        write_file("/etc/ld.so.cache", ld_cache);
    nsbox_fuzz::forbid_sockets();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const unsigned which = data[0] % std::size(files);
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    for (const char* f : files)
        ::unlink(f);
    write_file(files[which], text);
    std::vector<std::string> words = words_of(text, 4);
    words.push_back("tcp");
    words.push_back("localhost");
    const uint8_t b1 = size > 1 ? data[1] : 0, b2 = size > 2 ? data[2] : 0;

    switch (which) {
    case 0: // /etc/protocols
        for (const std::string& w : words) {
            (void)ip::ip_protocol_id(w);
            (void)iptables::names::protocol_number(w);
        }
        for (unsigned n : {0u, 1u, 6u, 17u, 58u, 255u, unsigned(b1)}) {
            (void)ip::ip_protocol_name(n);
            (void)iptables::names::protocol_name(uint8_t(n), true);
        }
        break;
    case 1: { // /etc/services
        for (const std::string& w : words) {
            (void)iptables::names::service_port(w, "tcp");
            (void)iptables::names::service_port(w, "udp");
        }
        tcpdump::Names names(false);
        for (unsigned port : {0u, 22u, 53u, 80u, 65535u, unsigned(b1) << 8 | b2}) {
            (void)iptables::names::service_name(uint16_t(port), "tcp");
            (void)iptables::names::service_name(uint16_t(port), "udp");
            (void)names.tcp_port(uint16_t(port));
            (void)names.udp_port(uint16_t(port));
        }
        break;
    }
    case 2: // /etc/hosts
    case 3: // /etc/networks
        for (const std::string& w : words)
            (void)iptables::names::host_address(w);
        for (uint32_t a : {0x7f000001u, 0x0a000000u, 0xc0a80001u, uint32_t(b1) << 24 | uint32_t(b2) << 16})
            (void)iptables::names::address_name(a);
        break;
    default: { // /etc/ethers
        tcpdump::Names names(false);
        std::array<uint8_t, 6> mac{};
        for (size_t i = 0; i < 6; ++i)
            mac[i] = i + 1 < size ? data[i + 1] : 0;
        (void)names.ether(mac);
        (void)names.ether({0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
        (void)names.ether({0, 0, 0, 0, 0, 0});
        // The first word as a MAC, so that the entries of the file are found.
        unsigned m[6];
        if (!words.empty() && std::sscanf(words[0].c_str(), "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
                                          &m[5]) == 6) {
            for (size_t i = 0; i < 6; ++i)
                mac[i] = uint8_t(m[i]);
            (void)names.ether(mac);
        }
        break;
    }
    }
    return 0;
}
