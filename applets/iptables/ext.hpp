// The x_tables extensions described by one table row each (hashlimit,
// recent, physdev, set, ah; the ip6tables-only hl, frag, hbh, dst, rt, mh,
// ipv6header, eui64; CLASSIFY, HL): the options they take, how each option fills
// the info bytes iptables-nft 1.8.9 sends through nft_compat, their final
// check, and how -L and -S print them. cli.cpp, codec.cpp and list.cpp
// consult this table before their own older, hand-written cases.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "libnet/ipset.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables::ext {

using net::nft::Data;

// One option: its long name, whether it takes an argument, whether it
// takes the word after that too when it is no option (set's "--match-set
// NAME src,dst", read as libxt_set reads it: argv[optind]), and whether
// only ip6tables' variant of the extension has it (ah's --ahlen: iptables
// does not know the name at all, so "--ahl" is no abbreviation there).
struct Option {
    std::string_view name;
    bool arg;
    bool operand = false;
    bool v6_only = false;
};

// What the parser remembers of one loaded extension between its options.
struct State {
    std::set<std::string> given; // option names seen (aliases by their first name)
    uint32_t mult = 1;           // hashlimit: the rate's unit in seconds
    std::string warnings;        // for stderr, each line with its newline
    bool v6 = false;             // parsing for ip6tables
    std::optional<std::string> operand; // the word after an Option::operand option's argument
};

struct Extension {
    std::string_view name; // as -m / -j names it
    bool target;
    uint32_t rev;
    size_t size;      // XT_ALIGNed info size sent
    size_t user_size; // the part userspace owns; the kernel's state follows
    std::span<const Option> options;
    // `v6`: for ip6tables (hashlimit's masks are 128 bits there, recent's
    // mask an IPv6 address, ah's struct another).
    void (*init)(Data&, bool v6);
    // One option (`invert`: a "!" came before it). Throws UsageError.
    void (*parse)(Data&, State&, std::string_view opt, const std::string& val, bool invert);
    // After the last option. Throws UsageError.
    void (*check)(Data&, const State&);
    // -L text (with its leading blank) and -S text (the options after
    // "-m NAME" or "-j NAME", with their leading blank).
    void (*list)(std::string&, const Data&, bool numeric, bool v6);
    void (*save)(std::string&, const Data&, bool v6);
    bool v6_only = false; // ip6tables alone has it (hl, frag, ...)
};

// How the set match asks for a set by name and by index: the kernel's
// ipset (libnet/ipset) unless a test or a fuzzer puts its own.
struct SetLookup {
    std::optional<net::ipset::SetRef> (*by_name)(const std::string& name);
    std::string (*by_index)(uint16_t index);
};
extern SetLookup set_lookup;

// The extension of that name, or nullptr.
const Extension* find(std::string_view name, bool target);
// Every option name of every extension in the table.
std::span<const Extension> all();
bool has_option(const Extension& e, std::string_view opt);

} // namespace nsbox::iptables::ext
