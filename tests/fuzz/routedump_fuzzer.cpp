// libFuzzer target for the input of `ip route restore`, `ip route
// showdump` and `ip rule restore`: the bytes are standard input (what `ip
// route save` or `ip rule save` wrote: a 4-byte magic, then netlink
// messages). Byte 0 picks the command (bit 7: ip rule restore, through
// do_rule; else bit 0: route restore or showdump) and the options; the
// rest is stdin, read through ip's own entry point (do_route):
// the magic check, rtnl_from_file's framing (truncated and malformed
// messages), the split into messages, then
//  - showdump: the route decoder and the text printer (-d, -s, -N, -4/-6);
//  - restore: its three passes' selection by gateway and preferred source
//    and the copy of each message into a request, up to the first send;
//  - rule restore: rtnl_from_file's framing and the copy of a message into
//    a request (copy_rule), up to the first send.
// Nothing reaches the kernel: socket(2) fails in this process
// (no_sockets.hpp), so restore ends at its first request with the error
// nsbox gets on a machine without netlink, and the link cache is offline
// (an unknown ifindex prints as "ifN").
//
//   cmake --build build-fuzz --target fuzz_routedump_fuzzer && build-fuzz/fuzz_routedump_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/socket.h>
#include <unistd.h>

#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/netlink.hpp"
#include "tests/fuzz/no_sockets.hpp"
#include "tests/fuzz/sink.hpp"

namespace {

using namespace nsbox;

// One scratch file per fuzzing process: stdin is reopened on it per input.
const std::string& scratch()
{
    static const std::string path = [] {
        char tmpl[] = "/tmp/nsbox-routedump-fuzz.XXXXXX";
        int fd = ::mkstemp(tmpl);
        if (fd < 0)
            std::abort();
        ::close(fd);
        return std::string(tmpl);
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nsbox_fuzz::forbid_sockets();
    if (size < 1)
        return 0;
    const uint8_t sel = data[0];
    {
        std::FILE* f = std::fopen(scratch().c_str(), "w");
        if (!f)
            std::abort();
        std::fwrite(data + 1, 1, size - 1, f);
        std::fclose(f);
    }
    if (!std::freopen(scratch().c_str(), "r", stdin))
        std::abort();
    // showdump prints on stdout through its own writer; keep it quiet.
    static bool quiet = std::freopen("/dev/null", "w", stdout) != nullptr;
    (void)quiet;

    ip::Options opt;
    opt.details = sel & 2 ? 1 : 0;
    opt.stats = sel & 4 ? 1 : 0;
    opt.numeric = sel & 8 ? 1 : 0;
    opt.family = sel & 16 ? AF_INET : sel & 32 ? AF_INET6 : AF_UNSPEC;
    opt.oneline = sel & 64 ? 1 : 0;
    ip::Context c(opt, nsbox_fuzz::sink());
    c.links.offline();
    cli::Args a(std::vector<std::string>{sel & 0x81 ? "restore" : "showdump"});
    try {
        if (sel & 0x80)
            (void)ip::do_rule(c, a);
        else
            (void)ip::do_route(c, a);
    } catch (const cli::Failure&) {
    } catch (const net::Error&) {
    } catch (const net::Malformed&) {
    }
    std::fflush(stdout);
    return 0;
}
