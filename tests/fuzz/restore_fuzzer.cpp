// libFuzzer target for iptables-restore's parser and what follows it without
// the kernel: any bytes as a restore file, parsed by parse_restore (with
// -c), and every rule it accepts encoded as the NEWRULE message nsbox would
// send, decoded back from those bytes and printed as -S, -L and -L -n -v
// print it. The sanitizers catch bad reads; besides those, four things
// must hold, else the target aborts:
//  - a refused file says why (an error text and exit code 1 or 2);
//  - the encoder writes only what the decoder reads back as the same rule
//    (what nsbox adds, it lists and deletes);
//  - the -S line of that rule, parsed again, is the same rule (what
//    iptables-save prints, iptables-restore reads back unchanged);
//  - each line parsed as a command line gives the same command (or refusal)
//    whether parse_command_line splits it itself or through Boost.
// Nothing reaches the network: socket(2) fails in this process
// (no_sockets.hpp), so a host name in the input (recent's --mask NAME goes
// through getaddrinfo's path) is never asked of DNS, and the set match's
// ipset is a table here (set_by_name).
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_restore_fuzzer && build-fuzz/fuzz_restore_fuzzer -max_total_time=60

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <linux/netfilter/nf_tables.h>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/restore.hpp"
#include "libnet/netlink.hpp"
#include "libnet/nft/nft.hpp"
#include "tests/fuzz/list_formats.hpp"
#include "tests/fuzz/no_sockets.hpp"

namespace {

using namespace nsbox;

[[noreturn]] void fail(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "restore_fuzzer: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// The rule as the kernel would hold it: the NEWRULE bytes, parsed back.
net::nft::Rule through_bytes(const net::nft::Rule& nr)
{
    net::Message m = net::nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, AF_INET, nr);
    std::vector<net::Msg> msgs = net::split_messages(m.bytes());
    if (msgs.size() != 1)
        fail("a NEWRULE message does not frame as one message", "");
    return net::nft::parse_rule(msgs.front());
}

std::string c_string(const net::nft::Data& d, size_t off, size_t field)
{
    auto b = d.begin() + static_cast<long>(off);
    return std::string(b, std::find(b, b + static_cast<long>(field), uint8_t(0)));
}

// The rule iptables-nft 1.8.9 itself reads back from its -S line, where
// that differs from the rule (each checked with iptables-nft -C of its own
// -S line in a sandbox, which fails, 2026-12-06):
//  - recent without --mask keeps its default mask, all 16 bytes ff; -S
//    prints "--mask 255.255.255.255", which sets 4 bytes and zeroes the
//    other 12.
net::nft::Data recent_mask_reread(net::nft::Data d)
{
    constexpr size_t mask = 212;
    if (d.size() >= mask + 16)
        std::fill(d.begin() + mask + 4, d.begin() + mask + 16, uint8_t(0));
    return d;
}

//  - hashlimit with a byte rate prints its burst as the rate times the
//    burst count, cut down to whole k or m units ("--hashlimit-upto
//    100b/s --hashlimit-burst 2000" keeps a burst of 21 units of 96
//    bytes and saves as "96b/s --hashlimit-burst 1kb", which reads back
//    as 11 units): only that count may differ.
iptables::Rule as_reread(iptables::Rule r, const iptables::Rule& again)
{
    constexpr size_t hl_burst = 264, hl_mode = 272;
    constexpr uint32_t hl_bytes = 0x20;
    for (size_t i = 0; i < r.exts.size(); ++i) {
        iptables::Ext& x = r.exts[i];
        if (x.kind != iptables::Ext::Kind::Xt)
            continue;
        if (x.xt.name == "recent")
            x.xt.info = recent_mask_reread(std::move(x.xt.info));
        if (x.xt.name == "hashlimit" && i < again.exts.size() && again.exts[i].xt.name == "hashlimit" &&
            x.xt.info.size() >= hl_mode + 4 && again.exts[i].xt.info.size() == x.xt.info.size()) {
            uint32_t mode = 0;
            std::memcpy(&mode, x.xt.info.data() + hl_mode, 4);
            if (mode & hl_bytes)
                std::memcpy(x.xt.info.data() + hl_burst, again.exts[i].xt.info.data() + hl_burst, 8);
        }
    }
    return r;
}

// The native-endian 32-bit word at `at` of an extension's info (0 past its end).
uint32_t u32_at(const net::nft::Data& d, size_t at)
{
    uint32_t v = 0;
    if (d.size() >= at + 4)
        std::memcpy(&v, d.data() + at, 4);
    return v;
}

void check_rule(const std::string& table, const std::string& chain, const iptables::Rule& r)
{
    net::nft::Rule nr = iptables::encode(r, table, chain);
    iptables::Rule back;
    try {
        back = iptables::decode(through_bytes(nr));
    } catch (const net::Malformed& e) {
        fail("the encoder wrote bytes its own decoder refuses", e.what());
    }
    std::string line;
    iptables::save_rule(line, chain, back, true);
    if (back.unsupported || back.incompatible)
        fail("the encoder wrote a rule the decoder does not understand", back.unsupported_what + ": " + line);
    if (!back.same_as(r))
        fail("a rule read back differs from the rule written", line);
    std::string out;
    nsbox_fuzz::list_every_format(out, back);
    // The -S line, without its counters, parsed as iptables-restore would.
    // (An interface name with a blank is written unquoted, as iptables-save
    // writes it, and iptables warns that the kernel does not allow it: no
    // line reads such a rule back, with either tool.)
    auto blank = [](const std::string& n) { return n.find_first_of(" \t\n\v\f\r") != std::string::npos; };
    if (blank(back.in.name) || blank(back.out.name))
        return;
    // The same holds for the names hashlimit, recent and physdev print
    // unquoted: iptables-nft 1.8.9's -S line for "--hashlimit-name 'a b'"
    // or "--name 'c d'" reads back as "Bad argument `b'" (checked with
    // iptables-nft -C in a sandbox, 2026-12-06).
    for (const iptables::Ext& x : back.exts) {
        const net::nft::Data& d = x.xt.info;
        if (x.kind != iptables::Ext::Kind::Xt)
            continue;
        // libxt_hashlimit prints --hashlimit-rate-interval only with
        // --hashlimit-rate-match, but stores it without: iptables-nft
        // 1.8.9's -S line then reads back with no interval and -C/-D miss
        // the rule (checked in a sandbox, 2026-12-06).
        if (x.xt.name == "hashlimit" && u32_at(d, 292) != 0 && !(u32_at(d, 272) & 0x40))
            return;
        if ((x.xt.name == "hashlimit" && d.size() >= 255 && blank(c_string(d, 0, 255))) ||
            (x.xt.name == "recent" && d.size() >= 210 && blank(c_string(d, 10, 200))) ||
            (x.xt.name == "physdev" && d.size() >= 48 && (blank(c_string(d, 0, 16)) || blank(c_string(d, 32, 16)))))
            return;
    }
    // A shifted portmap ("PORT-PORT/BASE", NF_NAT_RANGE_PROTO_OFFSET) is
    // printed as iptables-nft 1.8.9 prints it, which it does not read back:
    // SNAT's and MASQUERADE's compat range has no base port and prints
    // "/0" ("Port `0' not valid"), and a one-port range prints
    // "PORT/BASE" ("Garbage after port value") (checked with iptables-nft
    // -C in a sandbox, 2026-12-06).
    if (back.verdict == iptables::Verdict::Xt) {
        const net::nft::Data& d = back.xt.info;
        constexpr uint32_t offset = 1 << 5;
        bool compat = back.xt.name == "SNAT" || back.xt.name == "MASQUERADE" || back.xt.name == "REDIRECT";
        if (compat && (u32_at(d, 4) & offset))
            return;
        if (back.xt.name == "DNAT" && (u32_at(d, 0) & offset) && d.size() >= 40 && d[36] == d[38] && d[37] == d[39])
            return;
    }
    std::string plain;
    iptables::save_rule(plain, chain, back, false);
    std::vector<std::string> args = {"iptables", "-t", table};
    for (std::string& w : iptables::split_words(plain))
        args.push_back(std::move(w));
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    iptables::Command again;
    try {
        again = iptables::parse_command_line(static_cast<int>(args.size()), argv.data());
    } catch (const iptables::UsageError& e) {
        fail("iptables-save's line for a rule is refused when read back", plain + "\n" + e.what());
    }
    if (!again.rule.same_as(as_reread(back, again.rule)))
        fail("iptables-save's line for a rule reads back as another rule", plain);
}

// parse_command_line splits a plain line itself, not through Boost (for
// restore's speed): each line of the input, parsed both ways, must give the
// same command or the same refusal.
std::string outcome(std::vector<std::string> args, bool fast, iptables::Command& c)
{
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    try {
        c = iptables::parse_command_line(static_cast<int>(args.size()), argv.data(), fast);
    } catch (const iptables::UsageError& e) {
        return std::string("refused: ") + e.what() + (e.bare ? " (bare)" : "");
    }
    return std::to_string(static_cast<int>(c.cmd)) + " " + c.table + " " + c.chain + " " +
           std::to_string(c.rulenum.value_or(0)) + " " + c.policy + " " + c.new_name + " " + c.jump + "|" +
           c.warnings;
}

void check_split(std::string_view text)
{
    for (size_t at = 0; at < text.size();) {
        size_t nl = text.find('\n', at);
        std::string line(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
        at = nl == std::string_view::npos ? text.size() : nl + 1;
        if (line.find('\0') != std::string::npos)
            continue;
        std::vector<std::string> args = {"iptables"};
        for (std::string& w : iptables::split_words(line))
            args.push_back(std::move(w));
        iptables::Command a, b;
        std::string fast = outcome(args, true, a), slow = outcome(args, false, b);
        if (fast != slow || !a.rule.same_as(b.rule) || a.srcs != b.srcs || a.dsts != b.dsts)
            fail("a command line split without Boost differs from Boost's split", line + "\n" + fast + "\n" + slow);
    }
}

// The set match asks the kernel's ipset for a set's index by name and for
// its name by index: here a table every name the input uses joins (up to
// 64 sets, of either family), so a "-m set" rule goes the whole way round.
// A name with a blank or a quote is no set here: iptables-save prints the
// name unquoted, so its -S line would not read back (as for hashlimit's
// names), and ipset is not nsbox's to fuzz.
std::vector<std::string>& set_names()
{
    static std::vector<std::string> names;
    return names;
}
std::optional<net::ipset::SetRef> set_by_name(const std::string& name)
{
    if (name.find_first_of(" \t\n\r\"") != std::string::npos)
        return std::nullopt;
    auto& names = set_names();
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
        if (names.size() == 64)
            return std::nullopt;
        it = names.insert(names.end(), name);
    }
    return net::ipset::SetRef{static_cast<uint16_t>(it - names.begin()), NFPROTO_UNSPEC};
}
std::string set_by_index(uint16_t index)
{
    return index < set_names().size() ? set_names()[index] : std::string();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    iptables::ext::set_lookup = {set_by_name, set_by_index};
    nsbox_fuzz::forbid_sockets();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    check_split(text);
    iptables::RestoreInput in = iptables::parse_restore(text, "iptables-restore", true, "");
    if (in.code) {
        if (in.error.empty() || (in.code != 1 && in.code != 2) || !in.blocks.empty())
            fail("a refusal without its text, or with a wrong exit code", in.error);
        return 0;
    }
    for (const iptables::RestoreTable& b : in.blocks) {
        for (const iptables::RestoreRule& rr : b.rules) {
            // A chain whose name is empty or holds a blank cannot exist (-N
            // and chain lines refuse it), so such a rule is always refused
            // when the batch is built; there is nothing to read back.
            if (rr.cmd.chain.empty() || rr.cmd.chain.find_first_of(" \t\n\v\f\r") != std::string::npos)
                continue;
            if (rr.cmd.cmd == iptables::Cmd::Append || rr.cmd.cmd == iptables::Cmd::Insert)
                iptables::for_each_rule(rr.cmd, [&](const iptables::Rule& r) {
                    check_rule(b.table->name, rr.cmd.chain, r);
                    return true;
                });
        }
    }
    return 0;
}
