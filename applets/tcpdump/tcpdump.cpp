// tcpdump: options, capture (live or from a file), printing or saving, the
// summary. Behaves like tcpdump 4.99.3, except that it never switches to
// another user unless -Z asks (Debian's tcpdump drops to "tcpdump").
//
// The packet printers live in print/; this file only drives libpcap.

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <climits>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <algorithm>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <pcap/pcap.h>
#include <strings.h>
#include <sys/time.h>
#include <unistd.h>

#include "applets/applet.hpp"
#include "applets/common/accounts.hpp"
#include "applets/common/getopt.hpp"
#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/packet.hpp"
#include "applets/tcpdump/netns_capture.hpp"
#include "libnet/netns.hpp"
#include "applets/tcpdump/rotate.hpp"
#include "applets/tcpdump/signals.hpp"

namespace nsbox {

namespace {

namespace po = boost::program_options;
using tcpdump::Names;
using tcpdump::PacketPrinter;
using tcpdump::PacketType;
using tcpdump::PrintOptions;
using tcpdump::RotateOptions;
using tcpdump::Rotator;
using tcpdump::set_signal;

constexpr int maximum_snaplen = 262144;
constexpr std::string_view version = "4.99.3";

// Every option, once. `arg` is the value's name in the usage text, empty for
// flags; options nsbox does not carry have `supported == false` and fail
// with a clear message instead of being ignored.
struct OptionSpec {
    char short_name;            // '\0' for long-only options
    std::string_view long_name; // "" for short-only options
    std::string_view arg;
    bool supported;
};

constexpr OptionSpec option_table[] = {
    {'A', "", "", true},
    {'b', "", "", false},
    {'B', "buffer-size", "size", true},
    {'c', "", "count", true},
    {'C', "", "file_size", true},
    {'d', "", "", true},
    {'D', "list-interfaces", "", true},
    {'e', "", "", true},
    {'E', "", "algo:secret", false},
    {'f', "", "", false},
    {'F', "", "file", true},
    {'G', "", "seconds", true},
    {'h', "help", "", true},
    {'H', "", "", false},
    {'i', "interface", "interface", true},
    {'I', "monitor-mode", "", true},
    {'j', "time-stamp-type", "tstamptype", true},
    {'J', "list-time-stamp-types", "", true},
    {'K', "dont-verify-checksums", "", true},
    {'l', "", "", true},
    {'L', "list-data-link-types", "", true},
    {'m', "", "module", false},
    {'M', "", "secret", false},
    {'n', "", "", true},
    {'N', "", "", true},
    {'O', "no-optimize", "", true},
    {'p', "no-promiscuous-mode", "", true},
    {'q', "", "", true},
    {'Q', "direction", "in|out|inout", true},
    {'r', "", "file", true},
    {'s', "snapshot-length", "snaplen", true},
    {'S', "absolute-tcp-sequence-numbers", "", true},
    {'t', "", "", true},
    {'T', "", "type", true},
    {'u', "", "", true},
    {'U', "packet-buffered", "", true},
    {'v', "", "", true},
    {'V', "", "file", true},
    {'w', "", "file", true},
    {'W', "", "filecount", true},
    {'x', "", "", true},
    {'X', "", "", true},
    {'y', "linktype", "datalinktype", true},
    {'Y', "debug-filter-parser", "", false},
    {'z', "", "postrotate-command", true},
    {'Z', "relinquish-privileges", "user", true},
    {'#', "number", "", true},
    {'\0', "count", "", true},
    {'\0', "immediate-mode", "", true},
    {'\0', "micro", "", true},
    {'\0', "nano", "", true},
    {'\0', "print", "", true},
    {'\0', "time-stamp-precision", "precision", true},
    {'\0', "version", "", true},
    {'\0', "fp-type", "", false},
};

struct Options {
    PrintOptions print;
    RotateOptions rotate; // -C -G -W -z
    int count = -1;
    int buffer_size = 0;
    int dflag = 0;
    bool list_interfaces = false;
    bool list_datalinks = false;
    bool list_tstamp_types = false;
    bool monitor = false;
    bool line_buffered = false;
    bool packet_buffered = false;
    bool optimize = true;
    bool promisc = true;
    bool immediate = false;
    bool count_only = false;  // --count
    bool print_too = false;   // --print: print while writing with -w
    int snaplen = 0;          // 0: libpcap's default
    int tstamp_type = -1;
    int direction = -1;
    int short_hosts = 0;
    std::optional<std::string> device, read_file, write_file, filter_file, user, datalink;
    std::optional<std::string> file_list; // -V: a file naming the capture files to read
    std::vector<std::string> expression;
    std::vector<std::string> netns; // --netns NAME|all, in order
};

// Pieces of state the signal handlers reach: the capture to break out of
// and the requests they leave for the capture loop. Signal handlers cannot
// take arguments, so these are the one unavoidable process-wide state.
pcap_t* g_capture = nullptr;
std::atomic<bool> g_info_requested{false};
std::atomic<bool> g_flush_requested{false};
std::atomic<bool> g_stop_requested{false};

void on_stop_signal(int)
{
    g_stop_requested = true;
    if (g_capture)
        pcap_breakloop(g_capture);
}

// SIGUSR1 and SIGUSR2 are answered at once, as tcpdump answers them in its
// handlers: the capture loop is woken (libpcap's breakloop also wakes its
// poll), does what was asked and goes on, since no stop was asked.
void on_info_signal(int)
{
    g_info_requested = true;
    if (g_capture)
        pcap_breakloop(g_capture);
}

// SIGUSR2: tcpdump flushes its -w file (SIGNAL_FLUSH_PCAP), reading or
// capturing, and carries on.
void on_flush_signal(int)
{
    g_flush_requested = true;
    if (g_capture)
        pcap_breakloop(g_capture);
}

void catch_flush_signal() { set_signal(SIGUSR2, on_flush_signal, SA_RESTART); }

void catch_info_signal() { set_signal(SIGUSR1, on_info_signal); }

// The signals that end a capture, as tcpdump sets them: SIGPIPE, SIGTERM,
// SIGINT, and SIGHUP unless it was ignored (nohup keeps ignoring it).
void catch_stop_signals()
{
    set_signal(SIGPIPE, on_stop_signal);
    set_signal(SIGTERM, on_stop_signal);
    set_signal(SIGINT, on_stop_signal);
    struct sigaction old = set_signal(SIGHUP, on_stop_signal);
    if (old.sa_handler != SIG_DFL)
        sigaction(SIGHUP, &old, nullptr);
}

[[noreturn]] void fail(const std::string& msg)
{
    std::fflush(stdout);
    std::fprintf(stderr, "tcpdump: %s\n", msg.c_str());
    std::exit(1);
}

// fail() for a handle not yet published in g_capture: exit() runs no
// destructors, and the sanitizer build counts the open handle as a leak.
[[noreturn]] void fail_closing(pcap_t* pc, const std::string& msg)
{
    pcap_close(pc);
    fail(msg);
}

void warn(const std::string& msg) { std::fprintf(stderr, "tcpdump: WARNING: %s\n", msg.c_str()); }

// The snapshot length the handle really uses becomes the one printed and
// written, with tcpdump's warning when it differs from -s.
void fit_snaplen(Options& opt, int snap)
{
    if (opt.snaplen < snap) {
        if (opt.snaplen != 0)
            warn(fmt::format("snaplen raised from {} to {}", opt.snaplen, snap));
        opt.snaplen = snap;
    } else if (opt.snaplen > snap) {
        warn(fmt::format("snaplen lowered from {} to {}", opt.snaplen, snap));
        opt.snaplen = snap;
    }
}

void print_version(FILE* f)
{
    std::fprintf(f, "tcpdump version %.*s\n%s\n", int(version.size()), version.data(), pcap_lib_version());
}

void print_usage(FILE* f)
{
    print_version(f);
    std::fputs("Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n"
               "\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n"
               "\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n"
               "\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n"
               "\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n"
               "\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n"
               "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n"
               "\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n",
               f);
}

po::options_description describe_options()
{
    po::options_description desc;
    for (const auto& o : option_table) {
        std::string name(o.long_name);
        if (o.short_name)
            name += std::string(",") + o.short_name;
        if (o.arg.empty())
            desc.add_options()(name.c_str(), "");
        else
            desc.add_options()(name.c_str(), po::value<std::string>(), "");
    }
    return desc;
}

const OptionSpec& spec_for(const std::string& key)
{
    for (const auto& o : option_table) {
        if (!o.long_name.empty() && key == o.long_name)
            return o;
        if (o.short_name && key.size() == 2 && key[0] == '-' && key[1] == o.short_name)
            return o;
    }
    fail("internal error: unknown option " + key);
}

// C's atoi(): leading blanks, a sign, digits; anything else ends it.
int atoi_like(const std::string& s) { return std::atoi(s.c_str()); }

// --netns NAME and --netns=NAME, nsbox's own option, taken out before
// getopt sees the rest: spelled in full only, so that getopt's messages for
// tcpdump's options (an abbreviation's "possibilities") stay tcpdump's.
std::vector<std::string> take_netns(int& argc, char** argv)
{
    std::vector<std::string> names;
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if (a == "--netns") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "tcpdump: option '--netns' requires an argument\n");
                print_usage(stderr);
                std::exit(1);
            }
            names.emplace_back(argv[++i]);
            continue;
        }
        if (a.starts_with("--netns=")) {
            names.emplace_back(a.substr(8));
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = nullptr;
    argc = out;
    return names;
}

// -T TYPE, named as tcpdump 4.99.3 names them (any case); the ones whose
// printers nsbox does not carry are refused by name.
PacketType packet_type(const std::string& arg)
{
    static constexpr std::pair<std::string_view, PacketType> carried[] = {
        {"domain", PacketType::domain}, {"snmp", PacketType::snmp}, {"tftp", PacketType::tftp},
        {"vxlan", PacketType::vxlan},   {"vat", PacketType::vat},   {"rtp", PacketType::rtp},
        {"rtcp", PacketType::rtcp},     {"carp", PacketType::carp}, {"someip", PacketType::someip},
        {"cnfp", PacketType::cnfp},     {"resp", PacketType::resp},
        {"ptp", PacketType::ptp},       {"zmtp1", PacketType::zmtp1},
        {"aodv", PacketType::aodv},     {"wb", PacketType::wb},
        {"rpc", PacketType::rpc},       {"radius", PacketType::radius}};
    static constexpr std::string_view others[] = {"pgm", "pgm_zmtp1", "lmp"};
    auto same = [&](std::string_view name) { return strcasecmp(arg.c_str(), std::string(name).c_str()) == 0; };
    for (const auto& [name, type] : carried)
        if (same(name))
            return type;
    for (std::string_view name : others)
        if (same(name))
            fail(fmt::format("packet type {} (-T) is not supported by nsbox", name));
    fail(fmt::format("unknown packet type `{}'", arg));
}

Options parse(int argc, char** argv)
{
    Options opt;
    opt.netns = take_netns(argc, argv);
    cli::Parsed parsed;
    try {
        parsed = cli::getopt(argc, argv, describe_options());
    } catch (const cli::UsageError& e) {
        std::fprintf(stderr, "tcpdump: %s\n", e.what());
        print_usage(stderr);
        std::exit(1);
    }
    for (const auto& o : parsed.options) {
        const OptionSpec& s = spec_for(o.string_key);
        std::string arg = o.value.empty() ? std::string() : o.value.front();
        if (!s.supported) {
            if (s.short_name)
                fail(fmt::format("option -{} is not supported by nsbox", s.short_name));
            fail(fmt::format("option --{} is not supported by nsbox", s.long_name));
        }
        switch (s.short_name) {
        case 'A':
            ++opt.print.Aflag;
            break;
        case 'B':
            opt.buffer_size = atoi_like(arg) * 1024;
            if (opt.buffer_size <= 0)
                fail("invalid packet buffer size " + arg);
            break;
        case 'c':
            opt.count = atoi_like(arg);
            if (opt.count <= 0)
                fail("invalid packet count " + arg);
            break;
        case 'C':
            if (auto err = tcpdump::parse_file_size(arg, opt.rotate); !err.empty())
                fail(err);
            break;
        case 'd':
            ++opt.dflag;
            break;
        case 'D':
            opt.list_interfaces = true;
            break;
        case 'e':
            ++opt.print.eflag;
            break;
        case 'F':
            opt.filter_file = arg;
            break;
        case 'G':
            if (auto err = tcpdump::parse_seconds(arg, opt.rotate); !err.empty())
                fail(err);
            break;
        case 'h':
            print_usage(stdout);
            std::exit(0);
        case 'i':
            opt.device = arg;
            break;
        case 'I':
            opt.monitor = true;
            break;
        case 'j':
            opt.tstamp_type = pcap_tstamp_type_name_to_val(arg.c_str());
            if (opt.tstamp_type < 0)
                fail("invalid time stamp type " + arg);
            break;
        case 'J':
            opt.list_tstamp_types = true;
            break;
        case 'K':
            break;
        case 'l':
            opt.line_buffered = true;
            break;
        case 'L':
            opt.list_datalinks = true;
            break;
        case 'n':
            ++opt.print.nflag;
            break;
        case 'N':
            ++opt.short_hosts;
            break;
        case 'O':
            opt.optimize = false;
            break;
        case 'p':
            opt.promisc = false;
            break;
        case 'q':
            ++opt.print.qflag;
            opt.print.suppress_default_print = true;
            break;
        case 'Q':
            if (strcasecmp(arg.c_str(), "in") == 0)
                opt.direction = PCAP_D_IN;
            else if (strcasecmp(arg.c_str(), "out") == 0)
                opt.direction = PCAP_D_OUT;
            else if (strcasecmp(arg.c_str(), "inout") == 0)
                opt.direction = PCAP_D_INOUT;
            else
                fail("unknown capture direction `" + arg + "'");
            break;
        case 'r':
            opt.read_file = arg;
            break;
        case 'T':
            opt.print.packettype = packet_type(arg);
            break;
        case 'V':
            opt.file_list = arg;
            break;
        case 's': {
            char* end = nullptr;
            long v = std::strtol(arg.c_str(), &end, 0);
            if (end == arg.c_str() || *end != '\0' || v < 0 || v > maximum_snaplen)
                fail(fmt::format("invalid snaplen {} (must be >= 0 and <= {})", arg, maximum_snaplen));
            opt.snaplen = static_cast<int>(v);
            break;
        }
        case 'S':
            ++opt.print.Sflag;
            break;
        case 't':
            ++opt.print.tflag;
            break;
        case 'u':
            break;
        case 'U':
            opt.packet_buffered = true;
            break;
        case 'v':
            ++opt.print.vflag;
            break;
        case 'w':
            opt.write_file = arg;
            break;
        case 'W':
            if (auto err = tcpdump::parse_file_count(arg, opt.rotate); !err.empty())
                fail(err);
            break;
        case 'x':
            ++opt.print.xflag;
            opt.print.suppress_default_print = true;
            break;
        case 'X':
            ++opt.print.Xflag;
            opt.print.suppress_default_print = true;
            break;
        case 'y':
            if (pcap_datalink_name_to_val(arg.c_str()) < 0)
                fail("invalid data link type " + arg);
            opt.datalink = arg;
            break;
        case 'z':
            opt.rotate.command = arg;
            break;
        case 'Z':
            opt.user = arg;
            break;
        case '#':
            opt.print.packet_number = true;
            break;
        default:
            if (s.long_name == "count")
                opt.count_only = true;
            else if (s.long_name == "immediate-mode")
                opt.immediate = true;
            else if (s.long_name == "micro")
                opt.print.nano = false;
            else if (s.long_name == "nano")
                opt.print.nano = true;
            else if (s.long_name == "print")
                opt.print_too = true;
            else if (s.long_name == "time-stamp-precision") {
                // (tcpdump compares the start of the word only)
                if (arg.starts_with("nano"))
                    opt.print.nano = true;
                else if (arg.starts_with("micro"))
                    opt.print.nano = false;
                else
                    fail("unsupported time stamp precision");
            } else if (s.long_name == "version") {
                print_version(stdout);
                std::exit(0);
            }
            break;
        }
    }
    opt.expression = parsed.operands;
    if (opt.print.tflag > 5)
        fail("only -t, -tt, -ttt, -tttt and -ttttt are supported");
    if (opt.file_list && opt.read_file)
        fail("-V and -r are mutually exclusive.");
    return opt;
}

// "-F file": the filter from a file, with '#' comments blanked out.
std::string read_filter_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(fmt::format("can't open {}: {}", path, std::strerror(errno)));
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] == '#')
            while (i < s.size() && s[i] != '\n')
                s[i++] = ' ';
    return s;
}

std::string join(const std::vector<std::string>& words)
{
    std::string s;
    for (const auto& w : words) {
        if (!s.empty())
            s += ' ';
        s += w;
    }
    return s;
}

void list_interfaces()
{
    pcap_if_t* devs = nullptr;
    char ebuf[PCAP_ERRBUF_SIZE];
    if (pcap_findalldevs(&devs, ebuf) < 0)
        fail(ebuf);
    int i = 0;
    for (pcap_if_t* d = devs; d; d = d->next) {
        std::printf("%d.%s", ++i, d->name);
        if (d->description)
            std::printf(" (%s)", d->description);
        if (d->flags != 0) {
            std::string flags;
            auto add = [&](bpf_u_int32 bit, const char* name) {
                if (d->flags & bit)
                    flags += flags.empty() ? name : std::string(", ") + name;
            };
            add(PCAP_IF_UP, "Up");
            add(PCAP_IF_RUNNING, "Running");
            add(PCAP_IF_LOOPBACK, "Loopback");
            add(PCAP_IF_WIRELESS, "Wireless");
            std::printf(" [%s", flags.empty() ? "none" : flags.c_str());
            bpf_u_int32 status = d->flags & PCAP_IF_CONNECTION_STATUS;
            bool wireless = d->flags & PCAP_IF_WIRELESS;
            if (status == PCAP_IF_CONNECTION_STATUS_UNKNOWN)
                std::printf(wireless ? ", Association status unknown" : ", Connection status unknown");
            else if (status == PCAP_IF_CONNECTION_STATUS_CONNECTED)
                std::printf(wireless ? ", Associated" : ", Connected");
            else if (status == PCAP_IF_CONNECTION_STATUS_DISCONNECTED)
                std::printf(wireless ? ", Not associated" : ", Disconnected");
            std::printf("]");
        }
        std::printf("\n");
    }
    pcap_freealldevs(devs);
    std::exit(0);
}

[[noreturn]] void list_datalinks(pcap_t* pc, const std::string& device)
{
    int* dlts = nullptr;
    int n = pcap_list_datalinks(pc, &dlts);
    if (n < 0)
        fail(pcap_geterr(pc));
    if (n == 0 || !dlts)
        fail("No data link types.");
    std::fprintf(stderr, "Data link types for %s (use option -y to set):\n", device.c_str());
    for (int i = 0; i < n; ++i) {
        const char* name = pcap_datalink_val_to_name(dlts[i]);
        if (name) {
            std::fprintf(stderr, "  %s (%s)", name, pcap_datalink_val_to_description(dlts[i]));
            if (!tcpdump::find_if_printer(dlts[i]))
                std::fprintf(stderr, " (printing not supported)");
            std::fprintf(stderr, "\n");
        } else {
            std::fprintf(stderr, "  DLT %d (printing not supported)\n", dlts[i]);
        }
    }
    pcap_free_datalinks(dlts);
    pcap_close(pc);
    std::exit(0);
}

[[noreturn]] void list_tstamp_types(pcap_t* pc, const std::string& device)
{
    int* types = nullptr;
    int n = pcap_list_tstamp_types(pc, &types);
    if (n < 0)
        fail(pcap_geterr(pc));
    if (n == 0) {
        std::fprintf(stderr, "Time stamp type cannot be set for %s\n", device.c_str());
        pcap_close(pc);
        std::exit(0);
    }
    std::fprintf(stderr, "Time stamp types for %s (use option -j to set):\n", device.c_str());
    for (int i = 0; i < n; ++i) {
        const char* name = pcap_tstamp_type_val_to_name(types[i]);
        if (name)
            std::fprintf(stderr, "  %s (%s)\n", name, pcap_tstamp_type_val_to_description(types[i]));
        else
            std::fprintf(stderr, "  %d\n", types[i]);
    }
    pcap_free_tstamp_types(types);
    pcap_close(pc);
    std::exit(0);
}

// pcap_create() + settings + pcap_activate(), with tcpdump's messages.
// nullopt when the device does not exist (the caller may then try it as an
// interface number).
pcap_t* open_interface(const std::string& device, Options& opt, std::string& err)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* pc = pcap_create(device.c_str(), ebuf);
    if (!pc) {
        if (std::strstr(ebuf, "No such device")) {
            err = ebuf;
            return nullptr;
        }
        fail(ebuf);
    }
    if (opt.list_tstamp_types)
        list_tstamp_types(pc, device);
    int status;
    if (opt.snaplen != 0 && (status = pcap_set_snaplen(pc, opt.snaplen)) != 0)
        fail_closing(pc, fmt::format("{}: Can't set snapshot length: {}", device, pcap_statustostr(status)));
    if ((status = pcap_set_promisc(pc, opt.promisc)) != 0)
        fail_closing(pc, fmt::format("{}: Can't set promiscuous mode: {}", device, pcap_statustostr(status)));
    if (opt.monitor && (status = pcap_set_rfmon(pc, 1)) != 0)
        fail_closing(pc, fmt::format("{}: Can't set monitor mode: {}", device, pcap_statustostr(status)));
    if ((status = pcap_set_timeout(pc, 1000)) != 0)
        fail_closing(pc, fmt::format("{}: pcap_set_timeout failed: {}", device, pcap_statustostr(status)));
    if (opt.immediate && (status = pcap_set_immediate_mode(pc, 1)) != 0)
        fail_closing(pc, fmt::format("{}: Can't set immediate mode: {}", device, pcap_statustostr(status)));
    if (opt.buffer_size != 0 && (status = pcap_set_buffer_size(pc, opt.buffer_size)) != 0)
        fail_closing(pc, fmt::format("{}: Can't set buffer size: {}", device, pcap_statustostr(status)));
    if (opt.tstamp_type != -1) {
        status = pcap_set_tstamp_type(pc, opt.tstamp_type);
        if (status < 0)
            fail_closing(pc, fmt::format("{}: Can't set time stamp type: {}", device, pcap_statustostr(status)));
        if (status > 0)
            warn(fmt::format("When trying to set timestamp type '{}' on {}: {}",
                             pcap_tstamp_type_val_to_name(opt.tstamp_type), device, pcap_statustostr(status)));
    }
    status = pcap_set_tstamp_precision(pc, opt.print.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
    if (status != 0)
        fail_closing(pc, fmt::format("{}: Can't set {}second time stamp precision: {}", device, opt.print.nano ? "nano" : "micro",
                         pcap_statustostr(status)));

    status = pcap_activate(pc);
    if (status < 0) {
        std::string cp = pcap_geterr(pc);
        if (status == PCAP_ERROR)
            fail_closing(pc, cp);
        if (status == PCAP_ERROR_NO_SUCH_DEVICE) {
            err = fmt::format("{}: {}\n({})", device, pcap_statustostr(status), cp);
            pcap_close(pc);
            return nullptr;
        }
        if (status == PCAP_ERROR_PERM_DENIED && !cp.empty()) {
            std::string msg = fmt::format("{}: {}\n({})", device, pcap_statustostr(status), cp);
            // What tcpdump leaves out: which privilege is missing.
            if (cp.find("Operation not permitted") != std::string::npos)
                msg += "\n(capturing needs the CAP_NET_RAW capability)";
            fail_closing(pc, msg);
        }
        fail_closing(pc, fmt::format("{}: {}", device, pcap_statustostr(status)));
    }
    if (status > 0) {
        std::string cp = pcap_geterr(pc);
        if (status == PCAP_WARNING)
            warn(cp);
        else if (status == PCAP_WARNING_PROMISC_NOTSUP && !cp.empty())
            warn(fmt::format("{}: {}\n({})", device, pcap_statustostr(status), cp));
        else
            warn(fmt::format("{}: {}", device, pcap_statustostr(status)));
    }
    if (opt.direction != -1 && pcap_setdirection(pc, static_cast<pcap_direction_t>(opt.direction)) != 0)
        fail_closing(pc, fmt::format("{}: pcap_setdirection() failed: {}", device, pcap_geterr(pc)));
    return pc;
}

// An all-digits device name is a 1-based index into pcap_findalldevs().
std::optional<std::string> interface_by_number(const std::string& device)
{
    if (device.empty() || device.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    long n = std::strtol(device.c_str(), nullptr, 10);
    if (n <= 0)
        fail("Invalid adapter index");
    pcap_if_t* devs = nullptr;
    char ebuf[PCAP_ERRBUF_SIZE];
    if (pcap_findalldevs(&devs, ebuf) < 0)
        fail(ebuf);
    long i = 0;
    std::optional<std::string> name;
    for (pcap_if_t* d = devs; d; d = d->next)
        if (++i == n) {
            name = d->name;
            break;
        }
    pcap_freealldevs(devs);
    if (!name)
        fail("Invalid adapter index");
    return name;
}

// -Z USER: switch to USER's uid, gid and groups, found in /etc/passwd and
// /etc/group directly (no NSS in a static binary).
void drop_privileges(const std::string& user)
{
    auto acct = cli::user_by_name(user);
    if (!acct)
        fail(fmt::format("Couldn't find user '{:.32}'", user));
    auto uid = static_cast<uid_t>(acct->id);
    auto gid = static_cast<gid_t>(acct->gid);
    std::vector<gid_t> groups{gid};
    for (uint32_t g : cli::groups_with_member(user))
        groups.push_back(static_cast<gid_t>(g));
    if (setgroups(groups.size(), groups.data()) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
        fail(fmt::format("Couldn't change to '{:.32}' uid={} gid={}: {}", user, uid, gid, std::strerror(errno)));
}

// What the per-packet callback needs.
struct Session {
    Options* opt = nullptr;
    PacketPrinter* printer = nullptr;
    Rotator* output = nullptr; // -w
    pcap_t* pc = nullptr;
    uint32_t captured = 0;
    std::string line;
};

void print_stats(Session& s, bool verbose)
{
    pcap_stat st{};
    if (pcap_stats(s.pc, &st) < 0) {
        std::fprintf(stderr, "pcap_stats: %s\n", pcap_geterr(s.pc));
        return;
    }
    auto plural = [](unsigned n) { return n == 1 ? "" : "s"; };
    const char* sep = verbose ? "\n" : ", ";
    if (!verbose)
        std::fprintf(stderr, "tcpdump: ");
    std::fprintf(stderr, "%u packet%s captured%s", s.captured, plural(s.captured), sep);
    std::fprintf(stderr, "%u packet%s received by filter%s", st.ps_recv, plural(st.ps_recv), sep);
    std::fprintf(stderr, "%u packet%s dropped by kernel", st.ps_drop, plural(st.ps_drop));
    if (st.ps_ifdrop != 0)
        std::fprintf(stderr, "%s%u packet%s dropped by interface\n", sep, st.ps_ifdrop, plural(st.ps_ifdrop));
    else
        std::fputc('\n', stderr);
}

// -V: the next line of the list, as tcpdump's get_next_file() reads it
// (fgets of up to PATH_MAX - 1 bytes, one trailing newline cut; an empty
// line names the file "").
std::optional<std::string> next_capture_file(FILE* list)
{
    char line[PATH_MAX];
    if (!std::fgets(line, sizeof line, list))
        return std::nullopt;
    size_t n = std::strlen(line);
    if (n > 0 && line[n - 1] == '\n')
        line[--n] = '\0';
    return std::string(line, n);
}

void print_reading(pcap_t* pc, const std::string& path)
{
    int dlt = pcap_datalink(pc);
    if (const char* name = pcap_datalink_val_to_name(dlt))
        std::fprintf(stderr, "reading from file %s, link-type %s (%s), snapshot length %d\n", path.c_str(), name,
                     pcap_datalink_val_to_description(dlt), pcap_snapshot(pc));
    else
        std::fprintf(stderr, "reading from file %s, link-type %u, snapshot length %d\n", path.c_str(), dlt,
                     pcap_snapshot(pc));
}

void on_packet(u_char* user, const pcap_pkthdr* h, const u_char* bytes)
{
    auto& s = *reinterpret_cast<Session*>(user);
    ++s.captured;
    if (s.output) {
        switch (s.output->before_packet()) {
        case Rotator::Step::write:
            break;
        case Rotator::Step::limit:
            // -G with -W: the packet that found the time up is counted,
            // not written; tcpdump leaves at once, with its summary.
            std::fprintf(stderr, "Maximum file limit reached: %d\n", s.output->file_count());
            print_stats(s, true);
            std::exit(0);
        case Rotator::Step::failed:
            fail(s.output->error());
        }
        pcap_dumper_t* dumper = s.output->dumper();
        pcap_dump(reinterpret_cast<u_char*>(dumper), h, bytes);
        if (s.opt->packet_buffered)
            pcap_dump_flush(dumper);
    }
    if (s.printer && !s.opt->count_only) {
        tcpdump::PacketHeader ph{h->ts.tv_sec, static_cast<uint32_t>(h->ts.tv_usec), h->caplen, h->len};
        s.line.clear();
        s.printer->print(ph, {reinterpret_cast<const std::byte*>(bytes), h->caplen}, s.captured, s.line);
        std::fwrite(s.line.data(), 1, s.line.size(), stdout);
        // tcpdump checks every write: a closed pipe (SIGPIPE caught, or
        // ignored) ends it at once with its write-error status.
        if (std::ferror(stdout)) {
            int err = errno;
            std::fprintf(stderr, "tcpdump: Unable to write output: %s\n", std::strerror(err));
            std::exit(14);
        }
    }
}


// --netns: one capture across network namespaces. Each namespace gets its
// own "any" handle (cooked v2, opened after setns into the namespace, which
// the packet socket keeps); -i DEV narrows a handle to DEV's ifindex there.
// Packets are gathered from every handle, put in time-stamp order, and
// printed with the namespace and the interface's name in that namespace.
struct NetnsHandle {
    std::string label;
    pcap_t* pc = nullptr;
    int ifsock = -1; // a socket in the handle's namespace, for SIOCGIFNAME
    size_t id = 0;   // never reused, unlike the handle's place in the list
    dev_t ns_dev = 0; // the namespace's file
    ino_t ns_ino = 0;
    bool current = false; // the namespace tcpdump runs in
};

struct NetnsPacket {
    int64_t sec;
    uint32_t frac;
    uint32_t caplen;
    uint32_t len;
    size_t handle;
    std::vector<u_char> data;
};

struct NetnsCollector {
    std::vector<NetnsPacket>* pending;
    size_t handle;
};

void netns_collect(u_char* user, const pcap_pkthdr* h, const u_char* bytes)
{
    auto& c = *reinterpret_cast<NetnsCollector*>(user);
    c.pending->push_back({h->ts.tv_sec, static_cast<uint32_t>(h->ts.tv_usec), h->caplen, h->len, c.handle,
                          std::vector<u_char>(bytes, bytes + h->caplen)});
}

int ifname_socket()
{
    int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        s = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    return s;
}

// if_indextoname() in the namespace of `sock`; "?" as the cooked printer
// shows an unknown index.
std::string ifname_of(int sock, uint32_t ifindex)
{
    ifreq ifr{};
    ifr.ifr_ifindex = static_cast<int>(ifindex);
    if (sock < 0 || ::ioctl(sock, SIOCGIFNAME, &ifr) != 0)
        return "?";
    return std::string(ifr.ifr_name, strnlen(ifr.ifr_name, IF_NAMESIZE));
}

int netns_main(Options& opt)
{
    if (opt.read_file)
        fail("--netns captures live: it cannot be used with -r");
    if (opt.write_file && (opt.rotate.rotates() || opt.rotate.file_count != 0 || opt.rotate.command))
        fail("--netns cannot be used with -C, -G, -W or -z");
    if (opt.list_datalinks || opt.list_tstamp_types || opt.dflag)
        fail("--netns cannot be used with -L, -J or -d");
    if (opt.datalink)
        fail("--netns captures Linux cooked v2 packets: -y cannot be used with it");

    std::vector<tcpdump::NetnsTarget> targets;
    std::string err;
    if (!tcpdump::resolve_netns(opt.netns, targets, err))
        fail(err);
    std::string device = opt.device.value_or("any");
    if (device.starts_with("any"))
        device = "any";
    int home = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0)
        fail(fmt::format("--netns: cannot open /proc/self/ns/net: {}", std::strerror(errno)));
    // Packets show up as they come: their order across namespaces is the
    // order of their time stamps, which needs them all at hand at once.
    opt.immediate = true;

    std::string filter = opt.filter_file ? read_filter_file(*opt.filter_file) : join(opt.expression);
    // Stamped to the nanosecond whatever is printed: copies of one packet
    // in two namespaces can be less than a microsecond apart.
    std::vector<NetnsHandle> handles;
    size_t next_id = 0;
    bool capturing = false;
    // Opens the handle of one namespace; false when `t` was found by "all"
    // and has no DEV, or (once capturing) cannot be entered: said on stderr.
    // Other failures end tcpdump.
    auto open_target = [&](const tcpdump::NetnsTarget& t) {
        if (t.fd >= 0 && ::setns(t.fd, CLONE_NEWNET) != 0) {
            std::string msg = fmt::format("Cannot enter network namespace \"{}\": {}", t.label, std::strerror(errno));
            if (capturing) { // one that came later (after -Z, say): said, and left out
                std::fprintf(stderr, "tcpdump: %s: not captured\n", msg.c_str());
                return false;
            }
            fail(msg);
        }
        struct stat ns{};
        (void)::stat("/proc/self/ns/net", &ns);
        uint32_t ifindex = 0;
        if (device != "any") {
            ifindex = if_nametoindex(device.c_str());
            if (ifindex == 0) {
                if (t.fd >= 0)
                    (void)::setns(home, CLONE_NEWNET);
                if (t.listed) {
                    std::fprintf(stderr, "tcpdump: network namespace %s has no interface %s: not captured\n",
                                 t.label.c_str(), device.c_str());
                    return false;
                }
                fail(fmt::format("{}: {}: No such device exists", t.label, device));
            }
        }
        bool print_nano = opt.print.nano;
        opt.print.nano = true;
        std::string e;
        pcap_t* pc = open_interface("any", opt, e);
        opt.print.nano = print_nano;
        if (!pc)
            fail(e);
        if (pcap_set_datalink(pc, DLT_LINUX_SLL2) < 0)
            fail_closing(pc, pcap_geterr(pc));
        int ifsock = ifname_socket();
        if (t.fd >= 0 && ::setns(home, CLONE_NEWNET) != 0)
            fail(fmt::format("--netns: cannot go back to the first network namespace: {}", std::strerror(errno)));

        bpf_program code{};
        if (pcap_compile(pc, &code, filter.c_str(), opt.optimize, PCAP_NETMASK_UNKNOWN) < 0)
            fail_closing(pc, pcap_geterr(pc));
        if (ifindex != 0) {
            pcap_freecode(&code);
            std::string narrowed = fmt::format("ifindex {}", ifindex);
            if (filter.find_first_not_of(" \t\r\n") != std::string::npos)
                narrowed += " and (" + filter + ")";
            if (pcap_compile(pc, &code, narrowed.c_str(), opt.optimize, PCAP_NETMASK_UNKNOWN) < 0)
                fail_closing(pc, pcap_geterr(pc));
        }
        if (pcap_setfilter(pc, &code) < 0)
            fail_closing(pc, pcap_geterr(pc));
        pcap_freecode(&code);
        char nb_err[PCAP_ERRBUF_SIZE];
        if (pcap_setnonblock(pc, 1, nb_err) < 0)
            fail_closing(pc, nb_err);
        handles.push_back({t.label, pc, ifsock, next_id++, ns.st_dev, ns.st_ino, t.fd < 0});
        return true;
    };
    for (const auto& t : targets)
        open_target(t);
    if (handles.empty())
        fail(fmt::format("no network namespace has an interface {}", device));
    fit_snaplen(opt, pcap_snapshot(handles.front().pc));

    Names names(opt.print.nflag != 0, opt.short_hosts != 0);
    catch_stop_signals();
    catch_info_signal();
    catch_flush_signal();
    if (opt.user)
        drop_privileges(*opt.user);

    PacketPrinter printer(opt.print, names, DLT_LINUX_SLL2);
    bool printing = !opt.write_file || opt.print_too;
    std::optional<tcpdump::PcapngWriter> writer;
    // (namespace handle, ifindex) -> the pcapng interface id.
    std::map<std::pair<size_t, uint32_t>, uint32_t> interfaces;
    if (opt.write_file) {
        writer.emplace();
        if (!writer->open(*opt.write_file, err))
            fail(err);
        if (opt.packet_buffered)
            writer->flush();
    }
    if (opt.line_buffered)
        setvbuf(stdout, nullptr, _IOLBF, 0);
    if (!opt.print.vflag && !opt.write_file)
        std::fprintf(stderr, "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
    for (size_t i = 0; i < handles.size(); ++i)
        std::fprintf(stderr, "%slistening on %s/%s, link-type LINUX_SLL2 (Linux cooked v2), snapshot length %d bytes\n",
                     i == 0 && (opt.print.vflag || opt.write_file) ? "tcpdump: " : "", handles[i].label.c_str(), device.c_str(),
                     opt.snaplen);
    std::fflush(stderr);

    int here = ifname_socket();
    uint32_t captured = 0;
    // The counts of the handles already closed (their namespaces gone).
    unsigned closed_recv = 0, closed_drop = 0, closed_ifdrop = 0;
    auto print_netns_stats = [&](bool verbose) {
        unsigned recv = closed_recv, drop = closed_drop, ifdrop = closed_ifdrop;
        for (auto& h : handles) {
            pcap_stat st{};
            if (pcap_stats(h.pc, &st) == 0) {
                recv += st.ps_recv;
                drop += st.ps_drop;
                ifdrop += st.ps_ifdrop;
            }
        }
        auto plural = [](unsigned n) { return n == 1 ? "" : "s"; };
        const char* sep = verbose ? "\n" : ", ";
        if (!verbose)
            std::fprintf(stderr, "tcpdump: ");
        std::fprintf(stderr, "%u packet%s captured%s", captured, plural(captured), sep);
        std::fprintf(stderr, "%u packet%s received by filter%s", recv, plural(recv), sep);
        std::fprintf(stderr, "%u packet%s dropped by kernel", drop, plural(drop));
        if (ifdrop != 0)
            std::fprintf(stderr, "%s%u packet%s dropped by interface\n", sep, ifdrop, plural(ifdrop));
        else
            std::fputc('\n', stderr);
    };

    std::vector<NetnsPacket> pending;
    std::string line;
    bool done = false;
    // Prints the gathered packets in time-stamp order (a stable sort: one
    // handle's packets keep their order), up to -c.
    auto flush = [&] {
        std::stable_sort(pending.begin(), pending.end(), [](const NetnsPacket& a, const NetnsPacket& b) {
            return a.sec != b.sec ? a.sec < b.sec : a.frac < b.frac;
        });
        for (auto& p : pending) {
            if (opt.count >= 0 && captured >= static_cast<uint32_t>(opt.count)) {
                done = true;
                break;
            }
            ++captured;
            const NetnsHandle& h = handles[p.handle];
            uint32_t ifindex = 0;
            if (p.caplen >= 20)
                ifindex = uint32_t(p.data[4]) << 24 | uint32_t(p.data[5]) << 16 | uint32_t(p.data[6]) << 8 | p.data[7];
            if (writer) {
                auto [it, added] = interfaces.try_emplace({h.id, ifindex}, 0);
                if (added)
                    it->second = writer->add_interface(h.label + "/" + ifname_of(h.ifsock, ifindex), DLT_LINUX_SLL2,
                                                       static_cast<uint32_t>(opt.snaplen));
                writer->packet(it->second, p.sec, p.frac, p.data.data(), p.caplen, p.len);
                if (opt.packet_buffered)
                    writer->flush();
                if (!writer->ok())
                    fail(fmt::format("{}: {}", *opt.write_file, std::strerror(errno)));
            }
            if (opt.count_only || !printing)
                continue;
            tcpdump::PacketHeader ph{p.sec, opt.print.nano ? p.frac : p.frac / 1000, p.caplen, p.len};
            line.clear();
            printer.print(ph, {reinterpret_cast<const std::byte*>(p.data.data()), p.caplen}, captured, line);
            if (p.caplen >= 20) {
                tcpdump::label_line(line, ifname_of(here, ifindex), p.data[10], h.label, ifname_of(h.ifsock, ifindex));
            } else {
                tcpdump::label_line(line, "", 0, h.label, "");
            }
            std::fwrite(line.data(), 1, line.size(), stdout);
            if (std::ferror(stdout)) {
                int e = errno;
                std::fprintf(stderr, "tcpdump: Unable to write output: %s\n", std::strerror(e));
                std::exit(14);
            }
        }
        if (opt.count >= 0 && captured >= static_cast<uint32_t>(opt.count))
            done = true;
        pending.clear();
    };

    std::vector<pollfd> pfds;
    for (auto& h : handles)
        pfds.push_back({pcap_get_selectable_fd(h.pc), POLLIN, 0});
    int status = 0;
    timespec batch_start{};
    auto ms_since = [](const timespec& t) {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        return (now.tv_sec - t.tv_sec) * 1000 + (now.tv_nsec - t.tv_nsec) / 1000000;
    };
    // Namespaces come and go: /run/netns is looked at every 250 ms. A
    // captured name that is gone (or now names another namespace) has its
    // handle closed; with "all", a new name gets a handle. Each says so on
    // stderr. (An inotify watch would not do: `ip netns add` creates the
    // file and then mounts the namespace on it, which inotify does not see.)
    bool all = std::find(opt.netns.begin(), opt.netns.end(), "all") != opt.netns.end();
    std::set<std::pair<std::string, ino_t>> without_device; // found by "all", no DEV: not tried again
    timespec last_scan{};
    clock_gettime(CLOCK_MONOTONIC, &last_scan);
    auto rescan = [&] {
        for (size_t i = 0; i < handles.size();) {
            NetnsHandle& h = handles[i];
            struct stat st{};
            std::string path = net::netns::path_of(h.label);
            if (h.current || (::stat(path.c_str(), &st) == 0 && st.st_dev == h.ns_dev && st.st_ino == h.ns_ino)) {
                ++i;
                continue;
            }
            if (!pending.empty())
                flush();
            pcap_stat ps{};
            if (pcap_stats(h.pc, &ps) == 0) {
                closed_recv += ps.ps_recv;
                closed_drop += ps.ps_drop;
                closed_ifdrop += ps.ps_ifdrop;
            }
            std::fprintf(stderr, "tcpdump: network namespace %s is gone: no longer listening on %s/%s\n",
                         h.label.c_str(), h.label.c_str(), device.c_str());
            std::fflush(stderr);
            pcap_close(h.pc);
            if (h.ifsock >= 0)
                ::close(h.ifsock);
            handles.erase(handles.begin() + static_cast<std::ptrdiff_t>(i));
            pfds.erase(pfds.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (!all) {
            if (handles.empty()) {
                std::fprintf(stderr, "tcpdump: no network namespace left to capture\n");
                done = true;
            }
            return;
        }
        auto listed = net::netns::list();
        std::sort(listed.begin(), listed.end());
        for (const auto& name : listed) {
            bool have = false;
            for (const auto& h : handles)
                have = have || (!h.current && h.label == name);
            if (have || !net::netns::valid_name(name) || net::netns::is_stale(name))
                continue;
            int fd = ::open(net::netns::path_of(name).c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                continue;
            struct stat st{};
            bool known = ::fstat(fd, &st) != 0 || without_device.contains({name, st.st_ino});
            for (const auto& h : handles)
                known = known || (h.ns_dev == st.st_dev && h.ns_ino == st.st_ino);
            if (known) {
                ::close(fd);
                continue;
            }
            if (!pending.empty())
                flush();
            if (open_target(tcpdump::NetnsTarget{name, fd, true})) {
                pfds.push_back({pcap_get_selectable_fd(handles.back().pc), POLLIN, 0});
                std::fprintf(stderr, "tcpdump: network namespace %s appeared: listening on %s/%s\n", name.c_str(),
                             name.c_str(), device.c_str());
            } else {
                without_device.insert({name, st.st_ino});
            }
            std::fflush(stderr);
            ::close(fd);
        }
    };
    capturing = true;
    while (!done) {
        if (g_stop_requested) {
            status = -2;
            break;
        }
        if (ms_since(last_scan) >= 250) {
            rescan();
            clock_gettime(CLOCK_MONOTONIC, &last_scan);
            if (done)
                break;
        }
        // A batch closes when the handles have been quiet for 2 ms (every
        // copy of a packet crossing veths and bridges is stamped within
        // microseconds of the first), or after 50 ms of steady traffic.
        int n = ::poll(pfds.data(), pfds.size(), pending.empty() ? 250 : 2);
        if (n < 0 && errno != EINTR)
            fail(fmt::format("poll: {}", std::strerror(errno)));
        if (g_info_requested.exchange(false))
            print_netns_stats(false);
        if (g_flush_requested.exchange(false) && writer)
            writer->flush();
        bool got = false;
        for (size_t i = 0; n > 0 && i < handles.size(); ++i) {
            if (!(pfds[i].revents & (POLLIN | POLLERR | POLLHUP)))
                continue;
            bool was_empty = pending.empty();
            NetnsCollector col{&pending, i};
            int r = pcap_dispatch(handles[i].pc, -1, netns_collect, reinterpret_cast<u_char*>(&col));
            if (r == PCAP_ERROR) {
                std::fprintf(stderr, "tcpdump: pcap_loop: %s/%s: %s\n", handles[i].label.c_str(), device.c_str(),
                             pcap_geterr(handles[i].pc));
                status = -1;
                done = true;
                break;
            }
            if (was_empty && !pending.empty())
                clock_gettime(CLOCK_MONOTONIC, &batch_start);
            got = got || r > 0;
        }
        if (!pending.empty() && (!got || ms_since(batch_start) >= 50))
            flush();
    }
    if (!pending.empty() && status != -1)
        flush();
    if (status == -2 && printing)
        std::putchar('\n');
    std::fflush(stdout);
    print_netns_stats(true);
    if (writer && !writer->close())
        std::fprintf(stderr, "tcpdump: %s: %s\n", opt.write_file->c_str(), std::strerror(errno));
    for (auto& h : handles) {
        pcap_close(h.pc);
        if (h.ifsock >= 0)
            ::close(h.ifsock);
    }
    if (here >= 0)
        ::close(here);
    ::close(home);
    tcpdump::close_netns(targets);
    std::fflush(stdout);
    return status == -1 ? 1 : 0;
}

} // namespace

int tcpdump_main(int argc, char** argv)
{
    Options opt = parse(argc, argv);
    if (opt.list_interfaces)
        list_interfaces();
    if (!opt.netns.empty())
        return netns_main(opt);

    // Printing to a terminal: packets show up as they come, not a buffer
    // of them a second later.
    if (!opt.write_file && isatty(STDOUT_FILENO))
        opt.immediate = true;

    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* pc = nullptr;
    std::string device;
    bpf_u_int32 netmask = PCAP_NETMASK_UNKNOWN;
    FILE* file_list = nullptr;
    if (opt.file_list) {
        file_list = *opt.file_list == "-" ? stdin : std::fopen(opt.file_list->c_str(), "r");
        if (!file_list)
            fail(fmt::format("Unable to open file: {}", std::strerror(errno)));
        opt.read_file = next_capture_file(file_list);
        if (!opt.read_file)
            fail(fmt::format("Nothing in {}", *opt.file_list));
    }
    if (opt.read_file) {
        pc = pcap_open_offline_with_tstamp_precision(
            opt.read_file->c_str(), opt.print.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
        if (!pc)
            fail(ebuf);
        int dlt = pcap_datalink(pc);
        print_reading(pc, *opt.read_file);
        // (tcpdump's own caveat: the ifindex in a cooked v2 header is named
        // by the interfaces of the machine that reads the file)
        if (dlt == DLT_LINUX_SLL2)
            std::fputs("Warning: interface names might be incorrect\n", stderr);
    } else {
        if (opt.device) {
            device = *opt.device;
        } else {
            pcap_if_t* devs = nullptr;
            if (pcap_findalldevs(&devs, ebuf) >= 0 && devs)
                device = devs->name;
            if (devs)
                pcap_freealldevs(devs);
            if (device.empty())
                fail(ebuf[0] ? ebuf : "no suitable device found");
        }
        // Like tcpdump 4.99: "any" (and any name starting so) is captured
        // as Linux cooked v2 unless -y says otherwise.
        if (!opt.datalink && device.starts_with("any"))
            opt.datalink = "LINUX_SLL2";
        std::string err;
        pc = open_interface(device, opt, err);
        if (!pc) {
            auto by_number = interface_by_number(device);
            if (!by_number)
                fail(err);
            device = *by_number;
            pc = open_interface(device, opt, err);
            if (!pc)
                fail(err);
        }
        if (opt.list_datalinks)
            list_datalinks(pc, device);
        if (opt.datalink) {
            if (pcap_set_datalink(pc, pcap_datalink_name_to_val(opt.datalink->c_str())) < 0)
                fail(pcap_geterr(pc));
            std::fprintf(stderr, "tcpdump: data link type %s\n", opt.datalink->c_str());
            std::fflush(stderr);
        }
        fit_snaplen(opt, pcap_snapshot(pc));
    }

    std::string filter = opt.filter_file ? read_filter_file(*opt.filter_file) : join(opt.expression);
    bpf_program code{};
    if (pcap_compile(pc, &code, filter.c_str(), opt.optimize, netmask) < 0)
        fail(pcap_geterr(pc));
    if (opt.dflag) {
        // -d: the compiled filter, as bpf_dump() prints it.
        if (opt.dflag > 2) {
            std::printf("%u\n", code.bf_len);
            for (u_int i = 0; i < code.bf_len; ++i)
                std::printf("%u %u %u %u\n", code.bf_insns[i].code, code.bf_insns[i].jt, code.bf_insns[i].jf,
                            code.bf_insns[i].k);
        } else if (opt.dflag > 1) {
            for (u_int i = 0; i < code.bf_len; ++i)
                std::printf("{ 0x%x, %d, %d, 0x%08x },\n", code.bf_insns[i].code, code.bf_insns[i].jt,
                            code.bf_insns[i].jf, code.bf_insns[i].k);
        } else {
            for (u_int i = 0; i < code.bf_len; ++i)
                std::puts(bpf_image(&code.bf_insns[i], static_cast<int>(i)));
        }
        pcap_freecode(&code);
        pcap_close(pc);
        return 0;
    }

    Names names(opt.print.nflag != 0, opt.short_hosts != 0);

    g_capture = pc;
    catch_stop_signals();
    tcpdump::reap_children_on_sigchld();

    if (opt.user)
        drop_privileges(*opt.user);

    if (pcap_setfilter(pc, &code) < 0)
        fail(pcap_geterr(pc));

    Session session;
    session.opt = &opt;
    session.pc = pc;
    std::optional<PacketPrinter> printer;
    std::optional<Rotator> output;
    if (opt.write_file) {
        output.emplace(pc, *opt.write_file, opt.rotate);
        if (!output->open_first())
            fail(output->error());
        session.output = &*output;
        if (opt.packet_buffered)
            pcap_dump_flush(output->dumper());
    }
    if (!opt.write_file || opt.print_too) {
        printer.emplace(opt.print, names, pcap_datalink(pc));
        session.printer = &*printer;
    }
    if (opt.line_buffered)
        setvbuf(stdout, nullptr, _IOLBF, 0);
    catch_flush_signal();

    if (!opt.read_file) {
        catch_info_signal();

        if (!opt.print.vflag && !opt.write_file)
            std::fprintf(stderr, "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
        else
            std::fprintf(stderr, "tcpdump: ");
        int dlt = pcap_datalink(pc);
        std::fprintf(stderr, "listening on %s", device.c_str());
        if (const char* name = pcap_datalink_val_to_name(dlt))
            std::fprintf(stderr, ", link-type %s (%s)", name, pcap_datalink_val_to_description(dlt));
        else
            std::fprintf(stderr, ", link-type %u", dlt);
        std::fprintf(stderr, ", snapshot length %d bytes\n", opt.snaplen);
        std::fflush(stderr);
    }

    // -v with -w on a live capture: a running count on stderr, once a second.
    bool got_counter = opt.print.vflag > 0 && opt.write_file && !opt.read_file && !opt.print_too;
    timeval last_got{};
    gettimeofday(&last_got, nullptr);
    uint32_t got_printed = 0;
    bool got_first = true;

    int status = 0;
    // -V: each file is read up to -c packets, as tcpdump runs pcap_loop()
    // once per file; the first handle stays open for the -w output.
    pcap_t* first_pc = pc;
    uint32_t file_start = 0;
    for (;;) {
        status = 0;
        for (;;) {
            int want = opt.count < 0 ? -1 : opt.count - static_cast<int>(session.captured - file_start);
            if (opt.count >= 0 && want <= 0)
                break;
            int n = pcap_dispatch(pc, want, on_packet, reinterpret_cast<u_char*>(&session));
            if (g_info_requested.exchange(false))
                print_stats(session, false);
            if (g_flush_requested.exchange(false) && output && output->dumper())
                pcap_dump_flush(output->dumper());
            if (got_counter) {
                timeval now{};
                gettimeofday(&now, nullptr);
                if (now.tv_sec > last_got.tv_sec && (got_first || session.captured != got_printed)) {
                    std::fprintf(stderr, "Got %u\r", session.captured);
                    got_first = false;
                    got_printed = session.captured;
                    last_got = now;
                }
            }
            if (n == PCAP_ERROR_BREAK && !g_stop_requested)
                continue; // (woken by SIGUSR1 or SIGUSR2)
            if (n == PCAP_ERROR_BREAK) {
                status = -2;
                break;
            }
            if (n == PCAP_ERROR) {
                status = -1;
                break;
            }
            if (n == 0 && opt.read_file)
                break;
        }

        if (!opt.write_file) {
            // Interrupted mid-line, perhaps: end it.
            if (status == -2)
                std::putchar('\n');
            std::fflush(stdout);
        }
        if (status == -1)
            std::fprintf(stderr, "tcpdump: pcap_loop: %s\n", pcap_geterr(pc));
        if (!opt.read_file)
            print_stats(session, true);
        if (!file_list || status == -2)
            break;
        std::optional<std::string> next = next_capture_file(file_list);
        if (!next)
            break;
        // The next file of -V: opened at microsecond precision whatever
        // --nano said (tcpdump 4.99.3 does so), the printer and the filter
        // changed when its link type is another.
        pcap_t* npc = pcap_open_offline(next->c_str(), ebuf);
        if (!npc)
            fail(ebuf);
        int dlt = pcap_datalink(pc);
        int new_dlt = pcap_datalink(npc);
        if (new_dlt != dlt) {
            if (opt.write_file)
                fail(*next + ": new dlt does not match original");
            if (printer)
                printer->set_linktype(new_dlt);
            pcap_freecode(&code);
            if (pcap_compile(npc, &code, filter.c_str(), opt.optimize, netmask) < 0)
                fail(pcap_geterr(npc));
        }
        if (pcap_setfilter(npc, &code) < 0)
            fail(pcap_geterr(npc));
        print_reading(npc, *next);
        if (pc != first_pc)
            pcap_close(pc);
        pc = npc;
        session.pc = pc;
        g_capture = pc;
        file_start = session.captured;
    }
    if (output)
        output->close();
    g_capture = nullptr;
    if (pc != first_pc)
        pcap_close(pc);
    pcap_close(first_pc);
    if (file_list && file_list != stdin)
        std::fclose(file_list);
    pcap_freecode(&code);
    if (opt.count_only && opt.read_file)
        std::printf("%u packet%s\n", session.captured, session.captured == 1 ? "" : "s");
    std::fflush(stdout);
    return status == -1 ? 1 : 0;
}

} // namespace nsbox
