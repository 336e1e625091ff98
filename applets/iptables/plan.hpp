// What the iptables commands (iptables.cpp) and iptables-restore
// (restore.cpp) share to build one nf_tables batch: the plan of messages
// with the names iptables gives them when the kernel refuses one, a
// built-in chain as iptables-nft creates it, and the program's name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "applets/common/failure.hpp"
#include "applets/iptables/tables.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

// The messages of one batch, each with how iptables names it when the kernel
// refuses it (" RULE_APPEND failed ({}): rule in chain X", {} the errno text).
struct Plan {
    net::nft::Transaction tx;
    std::vector<std::string> labels;
    explicit Plan(uint32_t genid) : tx(genid) {}
    // Returns the message's index.
    size_t add(net::Message m, std::string label)
    {
        labels.push_back(std::move(label));
        return tx.add(m);
    }
};

// How a command or a restore ends once its transaction is over: `said`
// (-v's lines, the echo) on stdout whatever happened; then a failure found
// while planning (its message and exit code); else the batch message the
// kernel refused, named by its label (a format with {} for the error; for
// the batch itself, `fallback`) after `head`, exit 4; else 0.
int transaction_outcome(const std::string& said, const std::optional<cli::Failure>& fail,
                        const std::optional<net::nft::Refusal>& refusal, const std::vector<std::string>& labels,
                        const std::string& head, const std::string& fallback);

// A built-in chain as iptables-nft creates it, with `policy`.
net::nft::Chain builtin_nft_chain(const BuiltinTable& t, const BuiltinChain& b, uint32_t policy);

// Sets each counter of `r` to zero; true when one was not.
bool zero_counters(net::nft::Rule& r);

// The program's name in its messages: argv[0]'s last component.
std::string prog_name(const char* argv0);

} // namespace nsbox::iptables
