// What -L, -S (and their -v, -n, -x, --line-numbers variants) print, as
// iptables-nft prints it. Pure functions from the model to text, so that
// GoogleTest can pin every column.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "applets/iptables/rule.hpp"

namespace nsbox::iptables {

struct Format {
    bool numeric = false;
    bool verbose = false;
    bool exact = false;
    bool line_numbers = false;
};

// A chain as listed: a built-in chain has a policy and counters (all zero
// when it does not exist in the kernel yet); a user chain has references.
// Its rules are kept as the text the command prints for them.
struct ChainView {
    std::string name;
    bool builtin = false;
    bool policy_drop = false;
    uint64_t packets = 0;
    uint64_t bytes = 0;
    uint32_t references = 0;
    std::string text;
    unsigned rules = 0;
    // The first rule nsbox cannot decode (its position, 0: none) and what
    // in it; whether the table holds a rule iptables-nft calls
    // incompatible. The text stops before either.
    unsigned unsupported = 0;
    std::string unsupported_what;
    bool incompatible = false;
    // What ended the printing of a rule halfway (the set match that cannot
    // ask ipset its set's name): the text stops there, mid-line, and so does
    // the listing, with this error, as iptables exits.
    std::exception_ptr stop;
};

// -L: the header of one chain ("Chain X (...)" and the column titles).
void list_header(std::string& out, const ChainView& c, const Format& f);
// -L: one rule line (num is its 1-based position).
void list_rule(std::string& out, const Rule& r, unsigned num, const Format& f);

// -A/-I/-R/-C/-D under -v: the rule echoed on one line, as iptables-nft
// prints it before acting ("ACCEPT  tcp opt -- in eth0 out *  ...").
void echo_rule(std::string& out, const Rule& r);
// The part of -L's rule line after the addresses ([goto], matches, target),
// shared by list_rule and echo_rule.
void list_tail(std::string& out, const Rule& r, const Format& f);

// An address as xtables prints it (no "anywhere"): its name from
// /etc/hosts (unless numeric) or its number, then "" for a full mask, "/N"
// for a prefix, else "/MASK".
std::string host_text(const AddrMatch& a, bool numeric);

// xtables_save_string, with its leading blank: bare when safe, else
// double-quoted with \" \\ \' escaped.
std::string save_string(const std::string& v);

// -S: "-P CHAIN POLICY" / "-N CHAIN".
void save_chain(std::string& out, const ChainView& c, bool counters);
// -S: "-A CHAIN ...".
void save_rule(std::string& out, const std::string& chain, const Rule& r, bool counters);

} // namespace nsbox::iptables
