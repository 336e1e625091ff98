// The tables iptables-nft manages and their built-in chains (hook, priority,
// chain type), in the order iptables lists them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nsbox::iptables {

struct BuiltinChain {
    const char* name;
    uint32_t hook;
    int32_t priority;
    const char* type;
};
struct BuiltinTable {
    const char* name;
    std::vector<BuiltinChain> chains; // in hook order, as iptables lists them
};

// raw, mangle, filter, security, nat.
const std::vector<BuiltinTable>& builtin_tables();
// The table of that name, or nullptr.
const BuiltinTable* find_table(const std::string& name);
// The built-in chain of that name in `t`, or nullptr.
const BuiltinChain* builtin_chain(const BuiltinTable& t, const std::string& name);

} // namespace nsbox::iptables
