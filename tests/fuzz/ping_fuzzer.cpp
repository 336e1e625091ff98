// libFuzzer target for ping's reply parser (applets/ping/reply.hpp, its
// public API only): ip_options_text() walks the IPv4 options a reply
// carries back (-R's record route, -T's timestamps, source routes, NOPs,
// unknown options) and must stay within the bytes it is given whatever
// lengths and pointers they claim. The option builders of -R and -T are fed
// too, and what they build is parsed back.
//
// Byte 0: bit 0 flood mode; bit 1 the walk length `totlen` is byte 1 (as
// IP_RETOPTS' cmsg_len may claim more than there is) instead of the size;
// bit 2 the same options parsed twice with one RouteMemory (the "(same
// route)" path); bits 3-4 the -T type, bits 5-7 how many prespecified hops
// (at most four, as ping.cpp takes them) for timestamp_option. The rest is
// the option bytes.
//
//   cmake --build build-fuzz --target fuzz_ping_fuzzer && build-fuzz/fuzz_ping_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include <arpa/inet.h>

#include "applets/ping/reply.hpp"

namespace {

std::string name(in_addr a)
{
    char buf[INET_ADDRSTRLEN];
    if (!inet_ntop(AF_INET, &a, buf, sizeof buf))
        std::abort();
    return buf;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace nsbox::ping;
    if (size < 2)
        return 0;
    const uint8_t flags = data[0];
    const bool flood = flags & 1;
    const int totlen = (flags & 2) ? data[1] : int(size - 2);
    // A vector of exactly the option bytes, so that ASan sees any read past them.
    std::vector<uint8_t> opts(data + 2, data + size);
    RouteMemory memory;
    std::string text = ip_options_text(opts, totlen, memory, flood, name);
    if (flags & 4) {
        std::string again = ip_options_text(opts, totlen, memory, flood, name);
        (void)again;
    }
    // Every line the walk prints starts with "\n" or is "\t(same route)":
    // text never starts with anything else.
    if (!text.empty() && text[0] != '\n' && text[0] != '\t')
        std::abort();

    const uint8_t ts_types[] = {ipopt::ts_tsonly, ipopt::ts_tsandaddr, ipopt::ts_prespec, ipopt::ts_prespec};
    const uint8_t ts_type = ts_types[(flags >> 3) & 3];
    size_t nhosts = std::min<size_t>((flags >> 5) & 7, 4);
    std::vector<in_addr> hosts;
    for (size_t i = 0; i < nhosts; ++i) {
        in_addr a{};
        a.s_addr = 0;
        for (size_t k = 0; k < 4; ++k)
            a.s_addr |= uint32_t(i * 4 + k + 2 < size ? data[i * 4 + k + 2] : 0) << (8 * k);
        hosts.push_back(a);
    }
    std::vector<uint8_t> ts = timestamp_option(ts_type, hosts);
    if (ts.size() > 40 || ts.size() < 2 || ts[1] != ts.size())
        std::abort();
    RouteMemory fresh;
    (void)ip_options_text(ts, int(ts.size()), fresh, flood, name);
    std::vector<uint8_t> rr = record_route_option();
    (void)ip_options_text(rr, int(rr.size()), fresh, flood, name);
    return 0;
}
