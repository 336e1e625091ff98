// Rule <-> nf_tables expressions, laid out exactly as iptables-nft 1.8.9
// lays them out: interfaces, protocol, source, destination, the tcp/udp
// ports as native payload matches, x_tables matches, a counter, then the
// verdict (an immediate) or an x_tables target through nft_compat.
#pragma once

#include <sys/socket.h>

#include "applets/iptables/rule.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

// The expressions and compat attribute of `r` in table/chain.
// `family` is AF_INET (iptables: ip saddr/daddr at 12/16) or AF_INET6
// (ip6tables: ip6 saddr/daddr at 8/24).
net::nft::Rule encode(const Rule& r, const std::string& table, const std::string& chain, int family = AF_INET);

// Reads a rule back. Expressions that iptables-nft would not have written
// set `unsupported` (the rule still lists with what was understood).
Rule decode(const net::nft::Rule& r, int family = AF_INET);

} // namespace nsbox::iptables
