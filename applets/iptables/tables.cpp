#include "applets/iptables/tables.hpp"

#include <netinet/in.h> // before the UAPI header, which then skips its copy

#include <linux/netfilter.h>

namespace nsbox::iptables {

const std::vector<BuiltinTable>& builtin_tables()
{
    static const std::vector<BuiltinTable> tables = {
        {"raw", {{"PREROUTING", NF_INET_PRE_ROUTING, -300, "filter"}, {"OUTPUT", NF_INET_LOCAL_OUT, -300, "filter"}}},
        {"mangle",
         {{"PREROUTING", NF_INET_PRE_ROUTING, -150, "filter"}, {"INPUT", NF_INET_LOCAL_IN, -150, "filter"},
          {"FORWARD", NF_INET_FORWARD, -150, "filter"}, {"OUTPUT", NF_INET_LOCAL_OUT, -150, "route"},
          {"POSTROUTING", NF_INET_POST_ROUTING, -150, "filter"}}},
        {"filter",
         {{"INPUT", NF_INET_LOCAL_IN, 0, "filter"}, {"FORWARD", NF_INET_FORWARD, 0, "filter"},
          {"OUTPUT", NF_INET_LOCAL_OUT, 0, "filter"}}},
        {"security",
         {{"INPUT", NF_INET_LOCAL_IN, 150, "filter"}, {"FORWARD", NF_INET_FORWARD, 150, "filter"},
          {"OUTPUT", NF_INET_LOCAL_OUT, 150, "filter"}}},
        {"nat",
         {{"PREROUTING", NF_INET_PRE_ROUTING, -100, "nat"}, {"INPUT", NF_INET_LOCAL_IN, 100, "nat"},
          {"OUTPUT", NF_INET_LOCAL_OUT, -100, "nat"}, {"POSTROUTING", NF_INET_POST_ROUTING, 100, "nat"}}},
    };
    return tables;
}

const BuiltinTable* find_table(const std::string& name)
{
    for (const auto& t : builtin_tables())
        if (name == t.name)
            return &t;
    return nullptr;
}

const BuiltinChain* builtin_chain(const BuiltinTable& t, const std::string& name)
{
    for (const auto& c : t.chains)
        if (name == c.name)
            return &c;
    return nullptr;
}

} // namespace nsbox::iptables
