// ip link: the link kinds, one file each (iproute2's struct link_util and
// its iplink_KIND.c files). A kind is one row {name, parse, print, usage}
// of the table in kinds.cpp, found by name; its functions live in
// kinds/KIND.cpp and are declared here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "applets/ip/ip.hpp"
#include "libnet/netlink.hpp"
#include "libnet/rtnl/link.hpp"

namespace nsbox::ip {

// A null function means what a null pointer means in iproute2's
// link_util; what nsbox cannot do yet is a function that says so
// (kinds::parse_not_yet, print_not_yet, usage_not_yet).
struct LinkKind {
    const char* name; // (a C string keeps a row at 40 bytes)
    // The words after "type KIND", into `req`; `set_op` is "ip link set".
    // Null: iproute2 has no parser and ignores the words (it still sends
    // an empty IFLA_INFO_DATA).
    void (*parse)(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
    // IFLA_INFO_DATA (or the port's IFLA_INFO_SLAVE_DATA for KIND_slave)
    // under ip -d. Null: iproute2 prints none.
    void (*print)(Context& c, LinkCache& names, const net::AttrTable& t);
    // "ip link help KIND". Null: iproute2 prints the link usage.
    std::string (*usage)(std::string_view kind);
    uint16_t maxattr; // the last attribute type `print` reads
};

// The kind called `name` (a port's data is under "KIND_slave"), or null.
const LinkKind* find_kind(std::string_view name);
// Every kind iproute2 6.1 knows, sorted by name.
std::span<const LinkKind> link_kinds();

namespace kinds {

// --- What nsbox does not do yet for a kind iproute2 knows: fail with
// "nsbox ip: ... is not supported yet" (exit 255).
[[noreturn]] void parse_not_yet(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
[[noreturn]] void print_not_yet(Context& c, LinkCache& names, const net::AttrTable& t);
[[noreturn]] std::string usage_not_yet(std::string_view kind);
// "Usage: ... KIND": the help of kinds without options (dummy, ifb, ...).
std::string usage_plain(std::string_view kind);

// --- One file per kind.
// bridge.cpp
void bridge_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
void bridge_print(Context& c, LinkCache& names, const net::AttrTable& t);
std::string bridge_usage(std::string_view kind);
// bridge_slave.cpp
void bridge_slave_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
void bridge_slave_print(Context& c, LinkCache& names, const net::AttrTable& t);
std::string bridge_slave_usage(std::string_view kind);
// macvlan.cpp (macvlan and macvtap)
void macvlan_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
void macvlan_print(Context& c, LinkCache& names, const net::AttrTable& t);
std::string macvlan_usage(std::string_view kind);
// tun.cpp (print only: tun and tap devices are made by ip tuntap)
void tun_print(Context& c, LinkCache& names, const net::AttrTable& t);
// veth.cpp
void veth_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
std::string veth_usage(std::string_view kind);
// vlan.cpp
void vlan_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
void vlan_print(Context& c, LinkCache& names, const net::AttrTable& t);
std::string vlan_usage(std::string_view kind);
// vxlan.cpp
void vxlan_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);
void vxlan_print(Context& c, LinkCache& names, const net::AttrTable& t);
std::string vxlan_usage(std::string_view kind);

// --- What several kinds share (kinds.cpp).
// ll_proto_n2a for the protocols a bridge or vlan carries (network order).
std::string proto_name(uint16_t be);
// ll_proto_a2n for a bridge or vlan protocol: a name (any case) or a
// number; network order.
std::optional<uint16_t> parse_vlan_proto(std::string_view w);
// iproute2's br_dump_bridge_id: "8000.a:b:c:d:e:f"; "" when short.
std::string bridge_id(net::Bytes b);

} // namespace kinds
} // namespace nsbox::ip
