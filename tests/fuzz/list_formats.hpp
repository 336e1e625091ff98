// A rule printed as every -L form prints it (names or -n, -v, -x with
// --line-numbers): shared by the targets that decode iptables rules.
#pragma once

#include <string>

#include "applets/iptables/list.hpp"
#include "applets/iptables/rule.hpp"

namespace nsbox_fuzz {

inline void list_every_format(std::string& out, const nsbox::iptables::Rule& r)
{
    for (int f = 0; f < 4; ++f) {
        nsbox::iptables::Format fmt;
        fmt.numeric = f & 1;
        fmt.verbose = f & 2;
        fmt.exact = f == 3;
        fmt.line_numbers = f == 3;
        nsbox::iptables::list_rule(out, r, 1, fmt);
    }
}

} // namespace nsbox_fuzz
