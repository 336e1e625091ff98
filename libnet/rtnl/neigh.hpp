// Typed rtnetlink neighbour messages (RTM_NEWNEIGH / RTM_DELNEIGH /
// RTM_GETNEIGH): the ARP and NDISC caches, and proxy entries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <linux/neighbour.h>

#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

class Session;

struct Neigh {
    // struct ndmsg
    uint8_t family = 0;
    uint32_t index = 0;  // ndm_ifindex (0: none, e.g. a proxy entry for all links)
    uint16_t state = 0;  // NUD_*
    uint8_t flags = 0;   // NTF_*
    uint8_t type = 0;    // RTN_*

    std::optional<IpAddress> dst;                  // NDA_DST
    std::optional<std::vector<std::byte>> lladdr;  // NDA_LLADDR
    std::optional<nda_cacheinfo> cacheinfo;        // NDA_CACHEINFO
    std::optional<uint32_t> probes;                // NDA_PROBES
    std::optional<uint8_t> protocol;               // NDA_PROTOCOL
    std::optional<uint32_t> flags_ext;             // NDA_FLAGS_EXT (NTF_EXT_*)
    // Dump filters only.
    std::optional<uint32_t> filter_index;          // NDA_IFINDEX
    std::optional<uint32_t> filter_master;         // NDA_MASTER
};

// A request of `type` carrying every field that is set, attributes in the
// order iproute2 sends them (protocol, destination, extended flags,
// link-layer address).
Message encode(uint16_t type, uint16_t flags, const Neigh& n);
// An RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH message. Throws Malformed
// on broken framing; attributes of the wrong size are absent.
Neigh decode_neigh(const Msg& m);
std::vector<Neigh> decode_neighs(Bytes dump);

// A neighbour dump request: ndmsg with `family` and the header flags of
// `filter` (NTF_PROXY selects the proxy table), NDA_IFINDEX and NDA_MASTER
// when the filter has them (a strict-checking kernel filters by them).
Message neigh_dump_request(const Neigh& filter);

// One dump, decoded. The second member tells whether the kernel applied
// the index/master filters itself (NLM_F_DUMP_FILTERED).
struct NeighDump {
    std::vector<Neigh> neighs;
    bool filtered = false;
};
NeighDump dump_neighs(Session& s, const Neigh& filter);

// Deletes `neighs` (as dumped) the way iproute2's flush does: RTM_DELNEIGH
// requests without NLM_F_ACK, sent together; returns the refusals, in the
// order the kernel sent them.
std::vector<Ack> delete_neighs(Socket& s, std::span<const Neigh> neighs);

} // namespace nsbox::net::rtnl
