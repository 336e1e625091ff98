// ip link: what link.cpp and the link kinds share. The kinds are one file
// each under kinds/ (iproute2's iplink_KIND.c files), rows of the table in
// kinds/kinds.cpp, which implements the kind functions below;
// linktypes.cpp has the device group names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/ip/ip.hpp"
#include "libnet/rtnl/link.hpp"

namespace nsbox::ip {

// The generic words of a link request (iproute2's iplink_parse), for a
// link and for a veth peer. Parsing stops after "type KIND".
struct LinkArgs {
    net::rtnl::LinkRequestAttrs attrs;
    std::optional<std::string> name;
    std::optional<std::string> dev;
    bool dev_from_name = false;
    std::optional<std::string> link; // "link DEV", resolved on creation
    std::optional<std::string> netns;
    int32_t index = 0;
    uint32_t flags = 0, change = 0;
    std::optional<uint8_t> linkmode, operstate; // "mode", "state"
    std::optional<std::string> type;
};
// `create`: the request has NLM_F_CREATE (add, replace, a veth peer).
LinkArgs parse_link_args(Context& c, cli::Args& a, bool create);

// iproute2's netns_get_fd, then a PID: the "netns" value of a request.
void set_netns(const std::string& w, net::rtnl::LinkRequestAttrs& attrs);

// The words after "type KIND" (iproute2's link_util parse_opt), into
// `req`. `set_op` is "ip link set" (RTM_NEWLINK without NLM_F_CREATE),
// where vxlan asks for less.
void parse_kind_options(Context& c, cli::Args& a, net::rtnl::Link& req, bool set_op);

// "ip link help TYPE": the kind's usage on stdout, or the link usage.
int kind_help(Context& c, std::string_view kind);

// Whether iproute2 6.1 prints IFLA_INFO_DATA (or IFLA_INFO_SLAVE_DATA for
// `slave`) of `kind` and nsbox does not yet: -d on such a link fails
// before anything is printed.
bool kind_data_unsupported(std::string_view kind, bool slave);
// The kind's IFLA_INFO_DATA (or slave data) after "    KIND " under -d,
// and the "info_data" object in JSON. False when iproute2 prints no data
// for the kind.
bool print_kind_data(Context& c, LinkCache& names, const net::rtnl::Link& l, bool slave);

// (parse_lladdr, iproute2's ll_addr_a2n, is in ip.hpp.)

// iproute2's "NUMBER NAME" tables (/etc/iproute2/group, rt_dsfield): the
// lines whose first word is a number, in file order; none when the file
// cannot be read.
std::vector<std::pair<uint32_t, std::string>> read_id_table(const char* path);

// Device group number to name (/etc/iproute2/group; 0 is "default") and
// back; nullopt for a name that is neither a known name nor a number.
std::string group_name(uint32_t group);
std::optional<uint32_t> group_number(std::string_view w);

// iproute2's on_off(): "Error: argument of "KEY" must be "on" or "off",
// not "VALUE"" (returns -1 from the command: exit 1).
[[noreturn]] void on_off_error(std::string_view key, std::string_view value);

} // namespace nsbox::ip
