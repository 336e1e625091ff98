// iptables-restore's input, read without the kernel: table blocks
// ("*filter" ... "COMMIT"), chain lines (":NAME POLICY [p:b]") and command
// lines ("[p:b] -A CHAIN ...": every command but -L, -S, -h, -V), refused in
// iptables-restore's words and exit codes. The applet turns the blocks into one nf_tables batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/tables.hpp"

namespace nsbox::iptables {

struct RestoreChain {
    std::string name;
    std::string policy; // "-" for a user chain
    uint64_t packets = 0, bytes = 0;
    unsigned line = 0;
};
struct RestoreRule {
    Command cmd;
    unsigned line = 0;
};
struct RestoreTable {
    const BuiltinTable* table = nullptr;
    unsigned line = 0;
    std::vector<RestoreChain> chains;
    std::vector<RestoreRule> rules;
    unsigned commit_line = 0;
};

// What a restore file says, or why it is refused.
struct RestoreInput {
    std::vector<RestoreTable> blocks; // only -T's table when one is given
    std::string error;                // iptables-restore's stderr text; empty when parsed
    int code = 0;                     // its exit code; 0 when parsed
    std::string warnings;             // printed on stderr either way, first
};

// Parses the whole of `text` as `prog` (the name the messages start with)
// reads it: rule counters are kept only with `counters` (-c); blocks of
// tables other than `only_table` (-T, when not empty) are parsed and dropped.
RestoreInput parse_restore(std::string_view text, const std::string& prog, bool counters,
                           const std::string& only_table, int family = AF_INET);

// Splits a rule line as iptables-restore does: blanks separate words;
// double quotes group, and inside them a backslash takes the next
// character literally. The words follow `room` empty ones the caller fills.
std::vector<std::string> split_words(std::string_view line, size_t room = 0);

} // namespace nsbox::iptables
