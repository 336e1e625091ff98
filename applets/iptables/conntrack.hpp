// The conntrack match (and -m state, the same match under its alias) as
// libxt_conntrack 1.8.9 reads and prints it: struct xt_conntrack_mtinfo3
// (revision 3, the layout in xt.hpp) for every option, --ctstate to
// --ctdir, in both families.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "libnet/nft/nft.hpp"

namespace nsbox::iptables::conntrack {

// Whether `opt` (a long option name without "--") belongs to conntrack
// ("ctstate" ... "ctdir") or to state ("state").
bool is_option(std::string_view opt);

// One option into the info bytes (`invert`: a "!" came before it), with
// libxt_conntrack's messages. Throws UsageError. The caller has checked
// that the option is given once.
void parse(net::nft::Data& d, std::string_view opt, const std::string& val, bool invert, bool v6);

// An XTTYPE_PORTRC argument as libxtables 1.8.9 reads it (conntrack's
// ports, and udp's): "PORT", "LO:HI", "LO:", ":HI", an empty end 0 or 65535,
// each a decimal number cut to 16 bits or a service of any protocol; "5:3"
// stays so. `ext` and `opt` name the option in the refusals.
std::array<uint16_t, 2> port_range(std::string_view ext, std::string_view opt, const std::string& val);

// -L's text (" ctstate NEW ctproto 6 ...") and -S's (" --ctstate NEW
// --ctproto 6 ..."), each part with its leading blank, in iptables' order.
void list(std::string& out, const net::nft::Data& d, bool numeric, bool v6);
void save(std::string& out, const net::nft::Data& d, bool v6);

} // namespace nsbox::iptables::conntrack
