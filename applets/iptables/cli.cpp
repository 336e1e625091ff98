#include "applets/iptables/cli.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <climits>
#include <cstring>
#include <netinet/in.h>

#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>

#include "applets/iptables/names.hpp"

namespace nsbox::iptables {

namespace po = boost::program_options;

namespace {

constexpr const char* operand_key = "\x01operand";

// Every option iptables (and the matches and targets nsbox knows) accepts,
// declared once. `arg` is "" (flag), "=" (required) or "?" (optional: taken
// only from the same word or the next word that is not an option).
struct OptionSpec {
    const char* long_name;
    char short_name;
    const char* arg;
};
constexpr OptionSpec option_table[] = {
    {"append", 'A', "="},        {"check", 'C', "="},         {"delete", 'D', "="},
    {"insert", 'I', "="},        {"list", 'L', "?"},          {"list-rules", 'S', "?"},
    {"flush", 'F', "?"},         {"zero", 'Z', "?"},          {"new-chain", 'N', "="},
    {"delete-chain", 'X', "?"},  {"policy", 'P', "="},        {"rename-chain", 'E', "="},
    {"version", 'V', ""},
    {"help", 'h', ""},           {"table", 't', "="},         {"source", 's', "="},
    {"src", 0, "="},             {"destination", 'd', "="},   {"dst", 0, "="},
    {"protocol", 'p', "="},      {"in-interface", 'i', "="},  {"out-interface", 'o', "="},
    {"jump", 'j', "="},          {"goto", 'g', "="},          {"match", 'm', "="},
    {"numeric", 'n', ""},        {"verbose", 'v', ""},        {"exact", 'x', ""},
    {"line-numbers", 0, ""},     {"wait", 'w', "?"},          {"wait-interval", 'W', "="},
    {"ipv4", '4', ""},           {"ipv6", '6', ""},           {"fragment", 'f', ""},
    {"set-counters", 'c', "="},  {"modprobe", 'M', "="},
    // tcp and udp matches
    {"source-port", 0, "="},     {"sport", 0, "="},           {"destination-port", 0, "="},
    {"dport", 0, "="},
    // comment match
    {"comment", 0, "="},
    // REJECT target
    {"reject-with", 0, "="},
};

po::options_description make_description()
{
    po::options_description d;
    for (const auto& o : option_table) {
        std::string names = o.long_name;
        if (o.short_name)
            names += std::string(",") + o.short_name;
        if (std::string_view(o.arg) == "=")
            d.add_options()(names.c_str(), po::value<std::string>());
        else if (std::string_view(o.arg) == "?")
            d.add_options()(names.c_str(), po::value<std::string>()->implicit_value(""));
        else
            d.add_options()(names.c_str(), po::bool_switch());
    }
    d.add_options()(operand_key, po::value<std::vector<std::string>>());
    return d;
}

// iptables' command bits, for its "Cannot use -X with -Y" sentence.
char cmd_char(Cmd c)
{
    switch (c) {
    case Cmd::Append: return 'A';
    case Cmd::Check: return 'C';
    case Cmd::Delete:
    case Cmd::DeleteNum: return 'D';
    case Cmd::Insert: return 'I';
    case Cmd::List: return 'L';
    case Cmd::ListRules: return 'S';
    case Cmd::Flush: return 'F';
    case Cmd::Zero: return 'Z';
    case Cmd::NewChain: return 'N';
    case Cmd::DeleteChain: return 'X';
    case Cmd::Policy: return 'P';
    case Cmd::Rename: return 'E';
    default: return '?';
    }
}

// The rule options and the commands they are legal with
// (iptables' options_v_commands).
enum Opt : unsigned {
    OptNumeric = 1u << 0, OptSource = 1u << 1, OptDestination = 1u << 2, OptProtocol = 1u << 3,
    OptJump = 1u << 4, OptVerbose = 1u << 5, OptExpanded = 1u << 6, OptIn = 1u << 7, OptOut = 1u << 8,
    OptLineNumbers = 1u << 9,
};
struct OptInfo {
    Opt opt;
    char letter;
    bool invertible;
    bool rule_cmds; // else: list/zero only (verbose: any)
};
constexpr OptInfo opt_info[] = {
    {OptNumeric, 'n', false, false},    {OptSource, 's', true, true},      {OptDestination, 'd', true, true},
    {OptProtocol, 'p', true, true},     {OptJump, 'j', false, true},       {OptVerbose, 'v', false, false},
    {OptExpanded, 'x', false, false},   {OptIn, 'i', true, true},          {OptOut, 'o', true, true},
    {OptLineNumbers, '0', false, false},
};
const OptInfo& info_of(Opt o)
{
    return *std::find_if(std::begin(opt_info), std::end(opt_info), [&](const OptInfo& i) { return i.opt == o; });
}

bool rule_command(Cmd c)
{
    return c == Cmd::Append || c == Cmd::Check || c == Cmd::Delete || c == Cmd::Insert;
}

// "80", "http", "1000:2000", ":1024", "1024:".
PortMatch parse_ports(const std::string& s, const char* proto)
{
    auto one = [&](const std::string& p) -> uint16_t {
        if (!p.empty() && p.size() <= 5 && p.find_first_not_of("0123456789") == std::string::npos) {
            unsigned long v = std::stoul(p);
            if (v <= 65535)
                return static_cast<uint16_t>(v);
        } else if (auto port = names::service_port(p, proto)) {
            return *port;
        }
        throw UsageError("invalid port/service `" + p + "' specified");
    };
    PortMatch m;
    auto colon = s.find(':');
    if (colon == std::string::npos) {
        m.lo = m.hi = one(s);
        return m;
    }
    std::string lo = s.substr(0, colon), hi = s.substr(colon + 1);
    m.lo = lo.empty() ? 0 : one(lo);
    m.hi = hi.empty() ? 0xffff : one(hi);
    if (m.lo > m.hi)
        throw UsageError("invalid portrange (min > max)");
    return m;
}

struct RejectName {
    const char* name;
    const char* alias;
    uint32_t with;
};
// ipt_reject_with, with the names libipt_REJECT accepts.
constexpr RejectName reject_names[] = {
    {"icmp-net-unreachable", "net-unreach", 0},  {"icmp-host-unreachable", "host-unreach", 1},
    {"icmp-proto-unreachable", "proto-unreach", 2}, {"icmp-port-unreachable", "port-unreach", 3},
    {"icmp-net-prohibited", "net-prohib", 5},    {"icmp-host-prohibited", "host-prohib", 6},
    {"tcp-reset", "tcp-rst", 7},                 {"icmp-admin-prohibited", "admin-prohib", 8},
};

net::nft::Data reject_info(uint32_t with)
{
    net::nft::Data info(8, 0); // struct ipt_reject_info, XT_ALIGNed
    std::memcpy(info.data(), &with, sizeof with);
    return info;
}

// Targets of x_tables that iptables ships but nsbox does not implement: named
// so the error says so instead of treating them as chains.
constexpr std::string_view unsupported_targets[] = {
    "AUDIT", "CHECKSUM", "CLASSIFY", "CONNMARK", "CT", "DNAT", "DSCP", "ECN", "HMARK", "IDLETIMER", "LED",
    "LOG", "MARK", "NETMAP", "NFLOG", "NFQUEUE", "NOTRACK", "QUEUE", "REDIRECT", "SAME", "SECMARK",
    "SET", "SNAT", "SYNPROXY", "TCPMSS", "TCPOPTSTRIP", "TEE", "TOS", "TPROXY", "TRACE", "TTL", "ULOG",
};

} // namespace

std::optional<uint8_t> parse_protocol(const std::string& s)
{
    if (!s.empty() && s.size() <= 3 && s.find_first_not_of("0123456789") == std::string::npos) {
        unsigned long v = std::stoul(s);
        if (v <= 255)
            return static_cast<uint8_t>(v);
        return std::nullopt;
    }
    if (s == "all")
        return 0;
    return names::protocol_number(s);
}

std::optional<AddrMatch> parse_address(const std::string& s)
{
    auto bad_mask = [](const std::string& m) -> std::optional<AddrMatch> {
        throw UsageError("invalid mask `" + m + "' specified");
    };
    AddrMatch a;
    std::string host = s;
    a.mask = ~0u;
    if (auto slash = s.find('/'); slash != std::string::npos) {
        host = s.substr(0, slash);
        std::string m = s.substr(slash + 1);
        in_addr dotted{};
        if (m.find('.') != std::string::npos) {
            if (inet_pton(AF_INET, m.c_str(), &dotted) != 1)
                return bad_mask(m);
            a.mask = ntohl(dotted.s_addr);
        } else {
            if (m.empty() || m.size() > 2 || m.find_first_not_of("0123456789") != std::string::npos)
                return bad_mask(m);
            unsigned long bits = std::stoul(m);
            if (bits > 32)
                return bad_mask(m);
            a.mask = bits == 0 ? 0 : ~0u << (32 - bits);
        }
    }
    in_addr addr{};
    if (inet_pton(AF_INET, host.c_str(), &addr) == 1) {
        a.addr = ntohl(addr.s_addr);
    } else if (auto h = names::host_address(host)) {
        a.addr = *h;
    } else {
        return std::nullopt;
    }
    a.addr &= a.mask;
    return a;
}

Command parse_command_line(int argc, char** argv)
{
    static const po::options_description desc = make_description();
    po::positional_options_description pos;
    pos.add(operand_key, -1);

    std::vector<po::option> opts;
    try {
        opts = po::command_line_parser(argc, argv)
                   .options(desc)
                   .positional(pos)
                   .style(po::command_line_style::allow_short | po::command_line_style::short_allow_adjacent |
                          po::command_line_style::short_allow_next | po::command_line_style::allow_long |
                          po::command_line_style::long_allow_adjacent | po::command_line_style::long_allow_next |
                          po::command_line_style::allow_sticky | po::command_line_style::allow_dash_for_short |
                          po::command_line_style::allow_guessing)
                   .run()
                   .options;
    } catch (const po::invalid_command_line_syntax& e) {
        if (e.kind() == po::invalid_syntax::missing_parameter)
            throw UsageError("option \"" + std::string(argv[argc - 1]) + "\" requires an argument");
        throw UsageError("unknown option \"" + e.get_option_name() + "\"");
    } catch (const po::error_with_option_name& e) {
        throw UsageError("unknown option \"" + e.get_option_name() + "\"");
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }

    Command c;
    Rule& r = c.rule;
    unsigned options = 0;
    bool invert = false;
    std::optional<std::string> src, dst;
    bool proto_used = false; // the -p protocol's match has been loaded
    bool reject_target = false;
    int sport_given = 0, dport_given = 0;

    auto add_command = [&](Cmd cmd) {
        if (invert)
            throw UsageError("unexpected ! flag before --" + std::string(cmd == Cmd::Policy ? "policy" : "command"));
        // -L and -Z go together: list, then zero.
        if ((cmd == Cmd::Zero && c.cmd == Cmd::List) || (cmd == Cmd::List && c.cmd == Cmd::Zero && !c.zero)) {
            c.cmd = Cmd::List;
            c.zero = true;
            return;
        }
        if (c.cmd != Cmd::None)
            throw UsageError(std::string("Cannot use -") + cmd_char(cmd) + " with -" + cmd_char(c.cmd));
        c.cmd = cmd;
    };
    auto set_option = [&](Opt o) {
        const OptInfo& i = info_of(o);
        if (options & o)
            throw UsageError(std::string("multiple -") + i.letter + " flags not allowed");
        options |= o;
        bool inv = invert;
        if (inv && !i.invertible)
            throw UsageError(std::string("cannot have ! before -") + i.letter);
        invert = false;
        return inv;
    };
    // The operand right after opts[i], if it is one (iptables' xs_has_arg).
    auto next_operand = [&](size_t& i) -> std::optional<std::string> {
        if (i + 1 < opts.size() && opts[i + 1].string_key == operand_key) {
            const std::string& v = opts[i + 1].value.front();
            if (!v.empty() && v[0] != '-' && v[0] != '!') {
                ++i;
                return v;
            }
        }
        return std::nullopt;
    };
    auto rule_number = [](const std::string& s) -> unsigned {
        if (!s.empty() && s.size() <= 10 && s.find_first_not_of("0123456789") == std::string::npos) {
            unsigned long v = std::stoul(s);
            if (v >= 1 && v <= INT_MAX)
                return static_cast<unsigned>(v);
        }
        throw UsageError("Invalid rule number `" + s + "'");
    };
    auto l4_option = [&](const std::string& name) {
        if (!r.l4match) {
            if (!proto_used && !r.proto_invert && (r.proto == IPPROTO_TCP || r.proto == IPPROTO_UDP)) {
                r.l4match = r.proto;
                r.match_order += 'p';
                proto_used = true;
            } else {
                throw UsageError("unknown option \"--" + name + "\"");
            }
        }
    };

    for (size_t i = 0; i < opts.size(); ++i) {
        const po::option& o = opts[i];
        const std::string& key = o.string_key;
        std::string val = o.value.empty() ? std::string() : o.value.front();
        if (key == operand_key) {
            if (val == "!") {
                if (invert)
                    throw UsageError("multiple consecutive ! not allowed");
                invert = true;
                continue;
            }
            throw UsageError("Bad argument `" + val + "'", true);
        }
        if (key == "append" || key == "check" || key == "delete" || key == "insert") {
            add_command(key == "append" ? Cmd::Append : key == "check" ? Cmd::Check
                        : key == "delete" ? Cmd::Delete : Cmd::Insert);
            c.chain = val;
            if (key == "delete" || key == "insert") {
                if (auto n = next_operand(i)) {
                    c.rulenum = rule_number(*n);
                    if (key == "delete")
                        c.cmd = Cmd::DeleteNum;
                }
            }
        } else if (key == "list" || key == "list-rules" || key == "zero") {
            add_command(key == "list" ? Cmd::List : key == "zero" ? Cmd::Zero : Cmd::ListRules);
            if (!val.empty())
                c.chain = val;
            else if (auto ch = next_operand(i))
                c.chain = *ch;
            if (!c.chain.empty())
                if (auto n = next_operand(i))
                    c.rulenum = rule_number(*n);
        } else if (key == "flush" || key == "delete-chain") {
            add_command(key == "flush" ? Cmd::Flush : Cmd::DeleteChain);
            if (!val.empty())
                c.chain = val;
            else if (auto ch = next_operand(i))
                c.chain = *ch;
        } else if (key == "rename-chain") {
            add_command(Cmd::Rename);
            c.chain = val;
            auto n = next_operand(i);
            if (!n)
                throw UsageError("-E requires old-chain-name and new-chain-name");
            c.new_name = *n;
        } else if (key == "new-chain") {
            add_command(Cmd::NewChain);
            c.chain = val;
        } else if (key == "policy") {
            add_command(Cmd::Policy);
            c.chain = val;
            auto p = next_operand(i);
            if (!p)
                throw UsageError("-P requires a chain and a policy");
            c.policy = *p;
        } else if (key == "version") {
            c.cmd = Cmd::Version;
            return c;
        } else if (key == "help") {
            c.cmd = Cmd::Help;
            return c;
        } else if (key == "table") {
            if (invert)
                throw UsageError("unexpected ! flag before --table");
            c.table = val;
        } else if (key == "source" || key == "src") {
            r.src.invert = set_option(OptSource);
            src = val;
        } else if (key == "destination" || key == "dst") {
            r.dst.invert = set_option(OptDestination);
            dst = val;
        } else if (key == "protocol") {
            r.proto_invert = set_option(OptProtocol);
            std::string p = val;
            std::transform(p.begin(), p.end(), p.begin(), [](unsigned char ch) { return std::tolower(ch); });
            auto num = parse_protocol(p);
            if (!num)
                throw UsageError("unknown protocol \"" + p + "\" specified");
            r.proto = *num;
            if (r.proto == 0 && r.proto_invert)
                throw UsageError("rule would never match protocol");
        } else if (key == "in-interface" || key == "out-interface") {
            IfaceMatch& m = key == "in-interface" ? r.in : r.out;
            m.invert = set_option(key == "in-interface" ? OptIn : OptOut);
            if (val.size() >= 16)
                throw UsageError("interface name `" + val + "' must be shorter than IFNAMSIZ (15)");
            m.name = val;
        } else if (key == "jump" || key == "goto") {
            set_option(OptJump);
            c.jump = val;
            if (val.empty())
                throw UsageError("Invalid target name (too short)");
            if (val.size() >= 29)
                throw UsageError("Invalid target name `" + val + "' (28 chars max)");
            if (key == "goto") {
                r.verdict = Verdict::Goto;
                r.chain = val;
            } else if (val == "ACCEPT") {
                r.verdict = Verdict::Accept;
            } else if (val == "DROP") {
                r.verdict = Verdict::Drop;
            } else if (val == "RETURN") {
                r.verdict = Verdict::Return;
            } else if (val == "MASQUERADE") {
                r.verdict = Verdict::Xt;
                net::nft::Data info(24, 0); // nf_nat_ipv4_multi_range_compat, rangesize 1
                info[0] = 1;
                r.xt = {"MASQUERADE", 0, std::move(info)};
            } else if (val == "REJECT") {
                r.verdict = Verdict::Xt;
                r.xt = {"REJECT", 0, reject_info(3)};
                reject_target = true;
            } else if (std::find(std::begin(unsupported_targets), std::end(unsupported_targets), val) !=
                       std::end(unsupported_targets)) {
                throw UsageError("Couldn't load target `" + val + "':No such file or directory");
            } else {
                r.verdict = Verdict::Jump;
                r.chain = val;
            }
        } else if (key == "match") {
            if (invert)
                throw UsageError("unexpected ! flag before --match");
            if (val == "tcp" || val == "udp") {
                if (r.l4match)
                    continue; // loaded already: iptables ignores the repeat
                r.l4match = val == "tcp" ? IPPROTO_TCP : IPPROTO_UDP;
                r.match_order += 'p';
                if (r.proto == r.l4match)
                    proto_used = true;
            } else if (val == "comment") {
                if (r.match_order.find('c') == std::string::npos)
                    r.match_order += 'c';
            } else {
                throw UsageError("Couldn't load match `" + val + "':No such file or directory");
            }
        } else if (key == "numeric") {
            set_option(OptNumeric);
            c.numeric = true;
        } else if (key == "verbose") {
            if (!(options & OptVerbose))
                set_option(OptVerbose);
            c.verbose = true;
        } else if (key == "exact") {
            set_option(OptExpanded);
            c.exact = true;
        } else if (key == "line-numbers") {
            set_option(OptLineNumbers);
            c.line_numbers = true;
        } else if (key == "wait" || key == "wait-interval" || key == "ipv4" || key == "modprobe") {
            // nf_tables needs no lock; -w and -W are accepted and ignored, as
            // iptables-nft does.
            if (key == "wait" && val.empty())
                next_operand(i);
        } else if (key == "ipv6") {
            // iptables-nft 1.8.9 says no more than the hint here.
            throw UsageError("", true);
        } else if (key == "fragment" || key == "set-counters") {
            throw UsageError("unknown option \"" + o.original_tokens.front() + "\"");
        } else if (key == "sport" || key == "source-port" || key == "dport" || key == "destination-port") {
            l4_option(key);
            bool is_src = key == "sport" || key == "source-port";
            if ((is_src ? sport_given : dport_given)++) {
                // libxt_tcp's own parser, and the generic one libxt_udp uses.
                std::string opt = std::string(is_src ? "source" : "destination") + "-port";
                if (r.l4match == IPPROTO_TCP)
                    throw UsageError("Only one `--" + opt + "' allowed");
                throw UsageError("udp: option \"--" + opt + "\" can only be used once.\n");
            }
            PortMatch parsed = parse_ports(val, r.l4match == IPPROTO_TCP ? "tcp" : "udp");
            parsed.invert = invert;
            invert = false;
            (is_src ? r.sport : r.dport) = parsed;
        } else if (key == "comment") {
            if (invert)
                throw UsageError("unexpected ! flag before --comment");
            r.comment = val.substr(0, 255);
        } else if (key == "reject-with") {
            if (!reject_target)
                throw UsageError("unknown option \"--reject-with\"");
            auto it = std::find_if(std::begin(reject_names), std::end(reject_names), [&](const RejectName& n) {
                return val == n.name || val == n.alias;
            });
            if (it == std::end(reject_names))
                throw UsageError("unknown reject type \"" + val + "\"");
            r.xt.info = reject_info(it->with);
        }
    }

    if (c.cmd == Cmd::None)
        throw UsageError("no command specified");
    if (invert)
        throw UsageError("nothing appropriate following !");
    if (c.table == "nat" && (c.policy == "DROP" || c.jump == "DROP"))
        throw UsageError("\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore "
                         "inhibited.\n\n");
    for (const OptInfo& i : opt_info) {
        if (!(options & i.opt) || i.opt == OptVerbose)
            continue;
        bool ok = i.rule_cmds ? rule_command(c.cmd) : (c.cmd == Cmd::List || c.cmd == Cmd::Zero);
        if (!ok)
            throw UsageError(std::string("Illegal option `-") + i.letter + "' with this command");
    }
    if (rule_command(c.cmd)) {
        auto parse_addr = [](const std::optional<std::string>& s, AddrMatch& a) {
            if (!s)
                return;
            auto parsed = parse_address(*s);
            if (!parsed)
                throw UsageError("host/network `" + *s + "' not found");
            parsed->invert = a.invert;
            a = *parsed;
        };
        parse_addr(src, r.src);
        parse_addr(dst, r.dst);
    }
    return c;
}

} // namespace nsbox::iptables
