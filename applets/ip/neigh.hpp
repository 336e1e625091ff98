// ip neighbour's printer, for printing recorded dumps without a kernel.
#pragma once

#include <vector>

#include "applets/ip/ip.hpp"
#include "libnet/rtnl/link.hpp"
#include "libnet/rtnl/neigh.hpp"

namespace nsbox::ip {

// Prints the entries of `neighs` that `ip neigh show WORDS` selects, as it
// prints them, naming links (and typing their link-layer addresses) from
// `links`. WORDS that name a device ask the kernel for it.
void print_neighs(Context& c, cli::Args& words, const std::vector<net::rtnl::Link>& links,
                  const std::vector<net::rtnl::Neigh>& neighs);

} // namespace nsbox::ip
