// ping: ICMP echo in the manner of iputils 20221126.
//
// main.cpp turns argv into Options (one option table, getopt semantics);
// ping.cpp opens the sockets (socket.cpp), resolves the target and hands
// each address to a Session of its family (session.hpp): the probe loop
// both families share, with one implementation for IPv4 (ping4.cpp) and
// one for IPv6 (ping6.cpp). What is printed is formatted by pure modules
// that unit tests reach: reply.cpp (options a reply carries, ICMP error
// texts, flood marks) and stats.cpp (the numbers and the statistics block).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>

#include "applets/ping/node_info.hpp"

namespace nsbox::ping {

inline constexpr long default_datalen = 56;
// iputils' send buffer holds 65535 bytes; a larger -s overruns it.
inline constexpr long max_datalen = 65535 - 8;
// Beyond it iputils 20221126 overruns that buffer and hangs on IPv4; nsbox
// refuses with the check later iputils releases make.
// Non-root users may not send faster than one probe per 2 ms.
inline constexpr int min_user_interval_ms = 2;

struct Options {
    int family = AF_UNSPEC;          // -4 / -6
    bool audible = false;            // -a
    bool adaptive = false;           // -A
    bool strict_source = false;      // -B (and -I ADDRESS): bind to the source
    bool flood = false;              // -f
    bool broadcast = false;          // -b
    bool verbose = false;            // -v
    bool record_route = false;       // -R
    std::optional<int> ts_type;      // -T (IPOPT_TS_*)
    std::optional<uint32_t> flowlabel; // -F
    NodeInfo node_info;              // -N (IPv6 node information queries)
    long count = 0;                  // -c (0: until interrupted)
    bool connect_socket = false;     // -C
    bool so_debug = false;           // -d
    bool timestamps = false;         // -D
    std::optional<uint16_t> ident;   // -e
    std::string device;              // -I NAME
    std::optional<in_addr> source;   // -I ADDRESS
    std::optional<in6_addr> source6; // -I ADDRESS6[%DEVICE]
    int interval_ms = 1000;          // -i
    bool interval_given = false;
    int preload = 1;                 // -l
    bool no_loop = false;            // -L
    std::optional<unsigned> mark;    // -m
    int pmtudisc = -1;               // -M (IP_PMTUDISC_*)
    bool numeric = false;            // -n
    bool outstanding = false;        // -O
    // -p: the payload repeats these bytes (none given: zeros); without -p
    // payload byte i is i.
    std::optional<std::vector<uint8_t>> pattern;
    bool quiet = false;              // -q
    int tos = 0;                     // -Q
    bool dont_route = false;         // -r
    long datalen = default_datalen;  // -s
    int sndbuf = 0;                  // -S (0: sized for the packet)
    std::optional<int> ttl;          // -t
    bool latency = false;            // -U
    int deadline_s = 0;              // -w (0: none)
    int linger_ms = 10000;           // -W
    std::vector<std::string> operands;
};

// A condition iputils reports with error(3) and exits on: throws
// cli::Failure(code, "PROG: MESSAGE\n"), PROG being the name ping was run
// as; an empty MESSAGE was reported already and prints nothing.
[[noreturn]] void fatal(const char* prog, int code, std::string_view message);

// The command line, parsed and checked as iputils does before it opens a
// socket. Nothing is printed: `out` (stdout) and `err` (stderr) hold what
// to print, in order (err first), and exit_code is set when ping stops here.
struct CommandLine {
    Options options;
    std::string out;
    std::string err;
    std::optional<int> exit_code;
};
CommandLine parse_command_line(int argc, char** argv);

// iputils' usage text (what -h prints on stderr).
std::string usage_text();

// Runs ping; `prog` prefixes error messages (argv[0], as iputils' error()
// does). Returns the exit status; throws cli::Failure.
int run(const Options& options, const char* prog);

// "message: strerror(errnum)" as error(3) words it.
std::string with_errno(const std::string& message, int errnum);

} // namespace nsbox::ping
