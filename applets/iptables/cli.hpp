// The iptables command line: getopt_long semantics (clustered flags, "-A X"
// and "-AX", "--opt=value", long prefixes unique among the options loaded
// so far; words.hpp), processed in command-line order because iptables is
// order-sensitive: "!" inverts the option after it, and --sport/--dport
// exist only after "-p tcp|udp" or "-m tcp|udp" has loaded their match.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sys/socket.h>

#include "applets/common/failure.hpp"
#include "applets/iptables/rule.hpp"

namespace nsbox::iptables {

// The version iptables-nft scripts see in errors and -V. nsbox implements
// the behaviour of this release; -V adds which implementation answers.
constexpr const char* ref_version = "1.8.9";

enum class Cmd { None, Append, Check, Delete, DeleteNum, Insert, Replace, List, ListRules, Flush, Zero, NewChain,
                 DeleteChain, Rename, Policy, Version, Help };

struct Command {
    Cmd cmd = Cmd::None;
    int family = AF_INET;              // AF_INET (iptables) or AF_INET6 (ip6tables)
    std::string table = "filter";
    std::string chain;                 // empty: every chain (-L, -S, -F, -Z, -X)
    std::optional<unsigned> rulenum;   // -D N, -I N, -R N, -L/-S CHAIN N
    std::string policy;                // -P
    std::string new_name;              // -E
    bool zero = false;                 // -Z together with -L
    Rule rule;                         // -A, -C, -D, -I, -R
    // "-s A,B" / "-d C,D": every address when more than one was given
    // (`rule` holds the first); see for_each_rule.
    std::vector<AddrMatch> srcs, dsts;
    std::string jump;                  // -j/-g argument as given
    // -h: the matches (false) and targets (true) named before it, whose
    // options the help lists.
    std::vector<std::pair<std::string, bool>> help_exts;
    bool numeric = false;
    bool verbose = false;
    bool exact = false;
    bool line_numbers = false;
    // What iptables warns of while parsing (a weird interface name), each
    // line with its newline, for the caller to print on stderr.
    std::string warnings;
};

// Calls f(rule) for each rule the command stands for: `c.rule`, or with
// -s/-d lists one per source and destination, sources outermost (the order
// iptables adds them in). Stops when f returns false and returns false.
template <class F>
bool for_each_rule(const Command& c, F&& f)
{
    if (c.srcs.empty() && c.dsts.empty())
        return f(c.rule);
    std::span<const AddrMatch> ss = c.srcs, ds = c.dsts;
    if (ss.empty())
        ss = {&c.rule.src, 1};
    if (ds.empty())
        ds = {&c.rule.dst, 1};
    Rule r = c.rule;
    for (const AddrMatch& s : ss)
        for (const AddrMatch& d : ds) {
            r.src = s;
            r.dst = d;
            if (!f(static_cast<const Rule&>(r)))
                return false;
        }
    return true;
}

// iptables' exit codes (xtables.h's enum exittype).
constexpr int other_problem = 1, parameter_problem = 2, version_problem = 3, resource_problem = 4;

// A command line iptables refuses before touching the kernel: nsbox's one
// failure type, with exit code 2. `message()` is the text after "iptables
// v1.8.9 (nf_tables): " (or the whole line when `bare`); whoever catches it
// adds that prefix, the restore line and the "Try `iptables -h'" hint, as
// iptables prints them for a command line or for a restore file. With
// code 1 (other_problem: an extension that cannot ask the kernel what it
// needs, as libxt_set's "Can't open socket to ipset.") only the prefix is
// added, and a newline.
struct UsageError : cli::Failure {
    explicit UsageError(const std::string& m, bool bare_ = false, int code = parameter_problem)
        : cli::Failure(code, m), bare(bare_)
    {
    }
    bool bare;
    std::string warnings; // what iptables warned of before refusing (stderr, first)
};

// Parses argv (argv[0] is the program name). Throws UsageError.
// `fast` splits a plain line (full option names, values in their own
// words) by one lookup a word in name tables built on first use: worth
// their cost (about a million instructions and 20 pages) over the lines of
// a restore, not for one command line. false always walks getopt's table
// (the tests compare the two).
// `family` is AF_INET for iptables, AF_INET6 for ip6tables.
Command parse_command_line(int argc, char** argv, bool fast = true, int family = AF_INET);
// The same for words already split (`prog` is argv[0], `words` the rest).
Command parse_command_line(const char* prog, const std::vector<std::string>& words, bool fast = true,
                           int family = AF_INET);

// Refuses a chain name iptables refuses wherever a chain is declared (-N,
// an iptables-restore chain line): too long, starting with '-' or '!', or
// holding a blank. Throws UsageError.
void check_chain_name(const std::string& name);
// Whether iptables 1.8.9 finds a target of that name (a chain may not be
// called so).
bool is_target_name(std::string_view name, int family = AF_INET);

// xtables_strtoui(s, &end, ..., min, max): a number at the start of `s`
// (leading blanks, no minus sign, base 0) within [min, max]; `used` is how
// many characters it took.
std::optional<uint32_t> strtoui_prefix(const std::string& s, uint32_t min, uint32_t max, size_t& used);

// The protocol number for a -p argument ("tcp", "6", "all"), or nullopt.
std::optional<uint8_t> parse_protocol(const std::string& s);
// "A.B.C.D[/N|/A.B.C.D]" (or a name from /etc/hosts, /etc/networks): each
// address it stands for (a name may have several), masked; empty when the
// name is unknown. Throws UsageError for a bad mask.
std::vector<AddrMatch> parse_hosts(const std::string& s);
// The first of them, or nullopt.
std::optional<AddrMatch> parse_address(const std::string& s);
// "ADDR[/N|/MASK]" for ip6tables (an IPv6 address or a name from
// /etc/hosts), the same way.
std::vector<AddrMatch> parse_hosts6(const std::string& s);
std::optional<AddrMatch> parse_address6(const std::string& s);

} // namespace nsbox::iptables
