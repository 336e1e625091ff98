// libFuzzer target for `ip -batch FILE` input: the bytes are the file.
// iproute2's line reader (cli::BatchReader: comments, continuation lines,
// quotes, the 511-word limit) cuts them into commands, and each command of
// the objects below goes through `ip`'s own entry point for its object
// (do_route, do_rule, do_link, do_addr, do_neigh): the keyword parsers, the
// address, prefix, lladdr and name parsers, the link kinds' option parsers,
// and the request encoders.
//
// Nothing reaches the kernel: socket(2) fails in this process
// (no_sockets.hpp), so a command ends where it would first talk to netlink
// with the error nsbox gets on a machine without it. Devices named lo, eth0,
// v1, v2, v3, br0 and veth0 are known to the link cache beforehand, so that
// the words after "dev NAME" are parsed too. Only the verbs that do nothing
// but parse and send run (add, change, chg, replace, prepend, append, test,
// delete, get, set, show, list, lst, written in full): flush (which writes
// /proc/sys/net/ipv4/route/flush), save, restore, showdump, netns and the
// other objects are skipped, and so is a command with ".." in a word (a
// "netns NAME" value is opened as /run/netns/NAME). A line starting with
// "-4", "-6" or "-0" runs under that family (this target's convention; a
// batch file has no per-line options).
//
//   cmake --build build-fuzz --target fuzz_batch_fuzzer && build-fuzz/fuzz_batch_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <sys/socket.h>

#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/netlink.hpp"
#include "tests/fuzz/no_sockets.hpp"
#include "tests/fuzz/sink.hpp"

namespace {

using namespace nsbox;

using Handler = int (*)(ip::Context&, cli::Args&);

struct Object {
    std::string_view names[4];
    Handler handler;
    std::string_view verbs[12];
};

const Object objects[] = {
    {{"route", "r", "ro"},
     ip::do_route,
     {"add", "change", "chg", "replace", "prepend", "append", "test", "delete", "get", "show", "list", "lst"}},
    {{"rule", "ru"}, ip::do_rule, {"add", "delete", "show", "list", "lst"}},
    {{"link", "l"}, ip::do_link, {"add", "set", "change", "replace", "delete", "show", "list", "lst"}},
    {{"address", "addr", "a"}, ip::do_addr, {"add", "change", "chg", "replace", "delete", "show", "list", "lst"}},
    {{"neighbour", "neighbor", "neigh", "n"},
     ip::do_neigh,
     {"add", "change", "chg", "replace", "delete", "get", "show", "list", "lst"}},
};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w)
{
    for (std::string_view x : list)
        if (!x.empty() && x == w)
            return true;
    return false;
}

void command(ip::Options& opt, ip::Context& c, std::vector<std::string> words)
{
    opt.family = AF_UNSPEC;
    if (!words.empty() && (words[0] == "-4" || words[0] == "-6" || words[0] == "-0")) {
        opt.family = words[0] == "-4" ? AF_INET : words[0] == "-6" ? AF_INET6 : AF_PACKET;
        words.erase(words.begin());
    }
    if (words.size() < 2)
        return;
    for (const std::string& w : words)
        if (w.find("..") != std::string::npos)
            return;
    for (const Object& o : objects) {
        if (!listed(o.names, words[0]))
            continue;
        if (!listed(o.verbs, words[1]))
            return;
        cli::Args a(std::move(words));
        a.next();
        c.links.begin_command();
        try {
            (void)o.handler(c, a);
        } catch (const cli::Failure&) {
        } catch (const net::Error&) {
        } catch (const net::Malformed&) {
        }
        c.out.reset();
        return;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nsbox_fuzz::forbid_sockets();
    if (size == 0)
        return 0;
    std::FILE* in = ::fmemopen(const_cast<uint8_t*>(data), size, "r");
    if (!in)
        std::abort();
    ip::Options opt;
    opt.batch_mode = 1;
    ip::Context c(opt, nsbox_fuzz::sink());
    const char* known[] = {"lo", "eth0", "v1", "v2", "v3", "br0", "veth0"};
    for (uint32_t i = 0; i < std::size(known); ++i)
        c.links.remember_name(i + 1, known[i]);
    cli::BatchReader reader(in);
    int last_line = 0;
    try {
        while (auto words = reader.next()) {
            if (reader.line() <= last_line)
                std::abort(); // every command moves on by a line at least
            last_line = reader.line();
            if (words->size() > 511)
                std::abort();
            command(opt, c, std::move(*words));
        }
    } catch (const cli::Failure&) {
        // An unterminated quote or too many words: iproute2 exits there.
    }
    std::fclose(in);
    return 0;
}
