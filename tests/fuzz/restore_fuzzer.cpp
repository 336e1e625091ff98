// libFuzzer target for iptables-restore's parser and what follows it without
// the kernel: any bytes as a restore file, parsed by parse_restore (with
// -c), and every rule it accepts encoded as the NEWRULE message nsbox would
// send, decoded back from those bytes and printed as -S, -L and -L -n -v
// print it. The sanitizers catch bad reads; besides those, three things
// must hold, else the target aborts:
//  - a refused file says why (an error text and exit code 1 or 2);
//  - the encoder writes only what the decoder reads back as the same rule
//    (what nsbox adds, it lists and deletes);
//  - the -S line of that rule, parsed again, is the same rule (what
//    iptables-save prints, iptables-restore reads back unchanged).
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_restore_fuzzer && build-fuzz/fuzz_restore_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <linux/netfilter/nf_tables.h>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/restore.hpp"
#include "libnet/netlink.hpp"
#include "libnet/nft/nft.hpp"

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
    for (int f = 0; f < 4; ++f) {
        iptables::Format fmt;
        fmt.numeric = f & 1;
        fmt.verbose = f & 2;
        fmt.exact = f == 3;
        fmt.line_numbers = f == 3;
        iptables::list_rule(out, back, 1, fmt);
    }
    // The -S line, without its counters, parsed as iptables-restore would.
    // (An interface name with a blank is written unquoted, as iptables-save
    // writes it, and iptables warns that the kernel does not allow it: no
    // line reads such a rule back, with either tool.)
    auto blank = [](const std::string& n) { return n.find_first_of(" \t\n\v\f\r") != std::string::npos; };
    if (blank(back.in.name) || blank(back.out.name))
        return;
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
    if (!again.rule.same_as(back))
        fail("iptables-save's line for a rule reads back as another rule", plain);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
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
                check_rule(b.table->name, rr.cmd.chain, rr.cmd.rule);
        }
    }
    return 0;
}
