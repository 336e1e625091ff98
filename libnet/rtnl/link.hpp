// Typed rtnetlink link messages (RTM_NEWLINK / RTM_GETLINK / RTM_DELLINK).
// Presence is std::optional: "mtu 0" and "no mtu" are different things.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

// The other end of a veth being created (VETH_INFO_PEER): its own
// ifinfomsg and attributes.
struct VethPeer {
    uint32_t flags = 0;
    uint32_t change = 0;
    std::optional<std::string> name;
    std::optional<uint32_t> mtu;
    std::optional<uint32_t> txqlen;
    std::optional<std::vector<std::byte>> address;
    std::optional<int> net_ns_fd;
    std::optional<uint32_t> net_ns_pid;
};

struct Link {
    // struct ifinfomsg
    uint8_t family = 0;
    uint16_t type = 0;   // ARPHRD_*
    int32_t index = 0;
    uint32_t flags = 0;  // IFF_*
    uint32_t change = 0; // which IFF_* bits a request changes

    std::optional<std::string> name;       // IFLA_IFNAME
    std::optional<uint32_t> mtu;           // IFLA_MTU
    std::optional<uint32_t> txqlen;        // IFLA_TXQLEN
    std::optional<uint32_t> master;        // IFLA_MASTER (0 in a request: nomaster)
    std::optional<uint32_t> link;          // IFLA_LINK (the peer or lower device)
    std::optional<int32_t> link_netnsid;   // IFLA_LINK_NETNSID
    std::optional<uint32_t> group;         // IFLA_GROUP
    std::optional<uint8_t> operstate;      // IFLA_OPERSTATE
    std::optional<uint8_t> linkmode;       // IFLA_LINKMODE
    std::optional<uint8_t> proto_down;     // IFLA_PROTO_DOWN
    std::optional<std::string> qdisc;      // IFLA_QDISC
    std::optional<std::vector<std::byte>> address;   // IFLA_ADDRESS
    std::optional<std::vector<std::byte>> broadcast; // IFLA_BROADCAST
    std::optional<std::string> kind;       // IFLA_LINKINFO / IFLA_INFO_KIND
    std::optional<std::string> slave_kind; // IFLA_LINKINFO / IFLA_INFO_SLAVE_KIND

    // Requests only.
    std::optional<VethPeer> veth_peer;     // IFLA_INFO_DATA / VETH_INFO_PEER
    std::optional<int> net_ns_fd;          // IFLA_NET_NS_FD: move to this namespace
    std::optional<uint32_t> net_ns_pid;    // IFLA_NET_NS_PID
};

// The request for `type` (RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK) carrying
// every field of `l` that is set. Flags are NLM_F_* beyond REQUEST/ACK.
Message encode(uint16_t type, uint16_t flags, const Link& l);

// An RTM_NEWLINK message. Throws Malformed on broken framing.
Link decode_link(const Msg& m);

// A link dump request for `family` (AF_UNSPEC, AF_PACKET, AF_INET6 ...),
// with IFLA_EXT_MASK `ext_mask` (RTEXT_FILTER_*) unless it is 0 (the
// AF_INET6 link dump refuses attributes after its header).
Message link_dump_request(uint8_t family, uint32_t ext_mask);

} // namespace nsbox::net::rtnl
