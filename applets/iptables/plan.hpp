// What the iptables commands (iptables.cpp) and iptables-restore
// (restore.cpp) share to build one nf_tables batch: the plan of messages
// with the names iptables gives them when the kernel refuses one, a
// built-in chain as iptables-nft creates it, and the program's name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

// What iptables says of the batch message the kernel refused: that
// message's label (a format with {} for the error), or `fallback` when the
// refusal was for the batch itself.
std::string refusal_text(const std::vector<std::string>& labels, const net::nft::Refusal& r,
                         const std::string& fallback);

// A built-in chain as iptables-nft creates it, with `policy`.
net::nft::Chain builtin_nft_chain(const BuiltinTable& t, const BuiltinChain& b, uint32_t policy);

// Sets each counter of `r` to zero; true when one was not.
bool zero_counters(net::nft::Rule& r);

// The program's name in its messages: argv[0]'s last component.
std::string prog_name(const char* argv0);

} // namespace nsbox::iptables
