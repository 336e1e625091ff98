// Typed rtnetlink link messages (RTM_NEWLINK / RTM_GETLINK / RTM_DELLINK).
// Presence is std::optional: "mtu 0" and "no mtu" are different things.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <linux/if_link.h>

#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"

namespace nsbox::net::rtnl {

// A nest of attributes kept with its own bytes (a link kind's
// IFLA_INFO_DATA, a bridge port's IFLA_INFO_SLAVE_DATA), read through a
// bounds-checked table: kinds have dozens of attributes that printers walk
// by type, so they are kept as received rather than copied field by field.
class AttrBlob {
public:
    AttrBlob() = default;
    explicit AttrBlob(Bytes payload) : bytes_(payload.begin(), payload.end()) {}
    // The attributes up to type `max` (later ones, from newer kernels, are
    // skipped). Throws Malformed on broken framing.
    AttrTable table(uint16_t max) const { return AttrTable(Attrs({bytes_.data(), bytes_.size()}), max); }
    Bytes bytes() const noexcept { return {bytes_.data(), bytes_.size()}; }

private:
    std::vector<std::byte> bytes_;
};

// Kind-specific request data. Attributes go out in the order iproute2 6.1
// sends them for options written in the order of these fields.

// type vlan (IFLA_VLAN_*).
struct VlanData {
    std::optional<uint16_t> protocol_be; // IFLA_VLAN_PROTOCOL, network order
    std::optional<uint16_t> id;          // IFLA_VLAN_ID
    std::optional<ifla_vlan_flags> flags; // IFLA_VLAN_FLAGS
};

// type macvlan / macvtap (IFLA_MACVLAN_*).
struct MacvlanData {
    std::optional<uint32_t> bc_queue_len; // IFLA_MACVLAN_BC_QUEUE_LEN
    std::optional<uint32_t> mode;         // IFLA_MACVLAN_MODE
    std::optional<uint16_t> flags;        // IFLA_MACVLAN_FLAGS
};

// type vxlan (IFLA_VXLAN_*). The options first, then id, local, remote or
// group, learning and port, which iproute2 appends after its option loop.
struct VxlanData {
    std::optional<uint32_t> link;         // IFLA_VXLAN_LINK (dev)
    bool ttl_inherit = false;             // IFLA_VXLAN_TTL_INHERIT (flag)
    std::optional<uint8_t> ttl;           // IFLA_VXLAN_TTL (0: auto)
    std::optional<uint8_t> tos;           // IFLA_VXLAN_TOS (1: inherit)
    std::optional<uint8_t> df;            // IFLA_VXLAN_DF
    std::optional<uint32_t> label_be;     // IFLA_VXLAN_LABEL, network order
    std::optional<uint32_t> ageing;       // IFLA_VXLAN_AGEING
    std::optional<uint32_t> limit;        // IFLA_VXLAN_LIMIT
    std::optional<ifla_vxlan_port_range> port_range; // network order
    std::optional<uint8_t> proxy, rsc, l2miss, l3miss, udp_csum, udp_zero_csum6_tx, udp_zero_csum6_rx,
        remcsum_tx, remcsum_rx, collect_metadata;
    bool gbp = false, gpe = false;        // flags
    std::optional<uint8_t> vnifilter;

    std::optional<uint32_t> id;           // IFLA_VXLAN_ID
    std::optional<IpAddress> local;       // IFLA_VXLAN_LOCAL / LOCAL6
    std::optional<IpAddress> group;       // IFLA_VXLAN_GROUP / GROUP6 (remote too)
    std::optional<uint8_t> learning;      // IFLA_VXLAN_LEARNING
    std::optional<uint16_t> port;         // IFLA_VXLAN_PORT, host order
};

// One attribute of a kind's data in a request, for kinds whose options
// iproute2 appends one by one in command-line order (bridge,
// bridge_slave): an empty (flag) attribute, a number in host order, or
// raw bytes.
struct KindAttr {
    uint16_t type;
    std::variant<std::monostate, uint8_t, uint16_t, uint32_t, uint64_t, std::vector<std::byte>> value;
};

// The generic attributes of a link request that a veth peer has too, in
// the order iproute2 6.1 appends them for options written in this order
// (it appends in command-line order; the link and the name come last).
struct LinkRequestAttrs {
    std::optional<std::vector<std::byte>> address;   // IFLA_ADDRESS
    std::optional<std::vector<std::byte>> broadcast; // IFLA_BROADCAST
    std::optional<uint32_t> txqlen;        // IFLA_TXQLEN
    std::optional<uint32_t> mtu;           // IFLA_MTU
    std::optional<int> net_ns_fd;          // IFLA_NET_NS_FD: move to this namespace
    std::optional<uint32_t> net_ns_pid;    // IFLA_NET_NS_PID
    std::optional<uint32_t> master;        // IFLA_MASTER (0: nomaster)
    std::optional<std::string> alias;      // IFLA_IFALIAS (no NUL, as iproute2)
    std::optional<uint32_t> group;         // IFLA_GROUP
    std::optional<uint32_t> num_tx_queues; // IFLA_NUM_TX_QUEUES
    std::optional<uint32_t> num_rx_queues; // IFLA_NUM_RX_QUEUES
    std::optional<uint32_t> link;          // IFLA_LINK (link DEV)
    // Requests only (a dump's values are Link::proto_down and
    // Link::addr_gen_mode).
    std::optional<uint8_t> set_carrier;       // IFLA_CARRIER
    std::optional<uint8_t> set_proto_down;    // IFLA_PROTO_DOWN
    std::optional<uint8_t> set_addr_gen_mode; // IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_ADDR_GEN_MODE
};

// The other end of a veth being created (VETH_INFO_PEER): its own
// ifinfomsg and attributes.
struct VethPeer : LinkRequestAttrs {
    uint32_t flags = 0;
    uint32_t change = 0;
    std::optional<std::string> name;
};

struct Link : LinkRequestAttrs {
    // struct ifinfomsg
    uint8_t family = 0;
    uint16_t type = 0;   // ARPHRD_*
    int32_t index = 0;
    uint32_t flags = 0;  // IFF_*
    uint32_t change = 0; // which IFF_* bits a request changes

    std::optional<std::string> name;       // IFLA_IFNAME
    std::optional<int32_t> link_netnsid;   // IFLA_LINK_NETNSID
    std::optional<uint8_t> operstate;      // IFLA_OPERSTATE
    std::optional<uint8_t> linkmode;       // IFLA_LINKMODE
    std::optional<uint8_t> proto_down;     // IFLA_PROTO_DOWN
    std::optional<std::string> qdisc;      // IFLA_QDISC
    std::optional<std::vector<std::byte>> perm_address; // IFLA_PERM_ADDRESS
    std::optional<uint32_t> event;         // IFLA_EVENT
    std::optional<uint8_t> xdp_attached;   // IFLA_XDP / IFLA_XDP_ATTACHED
    std::vector<std::string> altnames;     // IFLA_PROP_LIST / IFLA_ALT_IFNAME

    // The details (ip -d).
    std::optional<uint32_t> promiscuity, allmulti, min_mtu, max_mtu, gso_max_size, gso_max_segs,
        tso_max_size, tso_max_segs, gro_max_size;
    std::optional<std::string> phys_port_name, parent_bus, parent_dev;
    std::optional<std::vector<std::byte>> phys_port_id, phys_switch_id;
    std::optional<uint8_t> addr_gen_mode;  // IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_ADDR_GEN_MODE
    bool has_af_spec = false;

    // The statistics (ip -s): IFLA_STATS64, else IFLA_STATS widened.
    std::optional<rtnl_link_stats64> stats;
    bool stats_are_64 = false;
    std::optional<uint32_t> carrier_changes; // IFLA_CARRIER_CHANGES

    // IFLA_LINKINFO
    bool has_linkinfo = false;
    std::optional<std::string> kind;       // IFLA_INFO_KIND
    std::optional<AttrBlob> info_data;     // IFLA_INFO_DATA
    std::optional<std::string> slave_kind; // IFLA_INFO_SLAVE_KIND
    std::optional<AttrBlob> slave_data;    // IFLA_INFO_SLAVE_DATA

    // Requests only.
    std::optional<VethPeer> veth_peer;     // IFLA_INFO_DATA / VETH_INFO_PEER
    std::optional<VlanData> vlan;
    std::optional<MacvlanData> macvlan;
    std::optional<VxlanData> vxlan;
    std::optional<std::vector<KindAttr>> data_attrs;  // IFLA_INFO_DATA, in order
    std::optional<std::vector<KindAttr>> slave_attrs; // IFLA_INFO_SLAVE_DATA, in order
    // An IFLA_INFO_DATA nest even with nothing in it (iproute2 opens one
    // whenever words follow "type KIND" for a kind it knows).
    bool empty_info_data = false;
};

// The request for `type` (RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK) carrying
// every field of `l` that is set. Flags are NLM_F_* beyond REQUEST/ACK.
Message encode(uint16_t type, uint16_t flags, const Link& l);

// An RTM_NEWLINKPROP or RTM_DELLINKPROP request for link `index`: an
// IFLA_PROP_LIST nest (NLA_F_NESTED) with one IFLA_ALT_IFNAME per name, in
// order, sent even when empty. Flags are NLM_F_* beyond REQUEST/ACK.
Message link_prop_request(uint16_t type, uint16_t flags, uint8_t family, int32_t index,
                          const std::vector<std::string>& altnames);

// An RTM_NEWLINK message. Throws Malformed on broken framing.
Link decode_link(const Msg& m);

// A link dump request for `family` (AF_UNSPEC, AF_PACKET, AF_INET6 ...),
// with IFLA_EXT_MASK `ext_mask` (RTEXT_FILTER_*) unless it is 0 (the
// AF_INET6 link dump refuses attributes after its header). With `master`,
// only that master's ports are dumped; with `kind`, only links of the
// kind (the kernel ignores a kind it does not know).
Message link_dump_request(uint8_t family, uint32_t ext_mask, std::optional<uint32_t> master = std::nullopt,
                          std::optional<std::string_view> kind = std::nullopt);

} // namespace nsbox::net::rtnl
