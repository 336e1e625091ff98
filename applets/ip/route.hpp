// What the files of `ip route` share (iproute2's iproute.c, split):
// route.cpp (dispatch, add/change/replace/del), route_show.cpp (the
// selector, show/flush/save, the printer), route_get.cpp (get).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "applets/ip/ip.hpp"
#include "applets/ip/names.hpp"
#include "libnet/rtnl/route.hpp"

namespace nsbox::ip::route {

// A prefix in a selector (iproute2's inet_prefix as the route filter uses
// it): family 0 means "not given" unless `specified` (the word "default"
// of no family, which still has a length).
struct PrefixMatch {
    int family = 0;
    int bitlen = 0;
    bool specified = false; // PREFIXLEN_SPECIFIED
    std::array<std::byte, 16> data{};
};

// iproute2's route filter: value/mask pairs (a mask of -1 also hides the
// field when printing, since every route shown has the same value).
struct Filter {
    uint32_t tb = 0;      // table, 0 for all
    int cloned = 0;       // 0: FIB routes, 1: the cache, 2: both (get)
    int protocol = 0, protocolmask = 0;
    int scope = 0, scopemask = 0;
    uint64_t typemask = 0;
    int tos = 0, tosmask = 0;
    int iif = 0, iifmask = 0;
    int oif = 0, oifmask = 0;
    int mark = 0, markmask = 0;
    uint32_t realm = 0, realmmask = 0;
    uint32_t metric = 0, metricmask = 0;
    PrefixMatch rprefsrc, rvia, rdst, mdst{0, -1}, rsrc, msrc{0, -1};
    bool flushing = false;
    // iproute2's static ip6_multiple_tables: set once an IPv6 route of
    // another table than main was seen.
    bool ip6_multiple_tables = false;
};

// The state of one `ip route` command: the session, the names, the filter.
struct Cmd {
    Context& c;
    RtNames names;
    Filter filter;
    explicit Cmd(Context& ctx) : c(ctx) { names.numeric(ctx.opt.numeric); }
};

// Whether `r` passes the filter (iproute2's filter_nlmsg). `family` is the
// -4/-6 preference.
bool filter_match(Filter& f, const net::rtnl::Route& r, int family);

// One route as iproute2's print_route: text line(s) or a JSON object.
void print_route(Context& c, LinkCache& links, RtNames& names, const Filter& f, const net::rtnl::Route& r);

// The usage text on stderr, exit 255.
[[noreturn]] void usage();
// "nsbox ip: route WHAT is not supported yet", exit 255.
[[noreturn]] void unsupported(std::string_view what);
// "Error: FAMILY prefix is expected rather than "ARG"." and its address
// twin, exit 1 (iproute2's get_prefix / get_addr).
[[noreturn]] void bad_prefix(int family, std::string_view arg);
[[noreturn]] void bad_address(int family, std::string_view arg);

// The prefix or address of a command line as get_prefix / get_addr take it.
net::Prefix prefix_arg(std::string_view w, int family);
net::IpAddress address_arg(std::string_view w, int family);
// iproute2's read_family for "via [FAMILY] ADDRESS": AF_UNSPEC if `w` is
// not a family word.
int family_word(std::string_view w);
// iproute2's rtnl_rtntype_a2n: a route type name (some abbreviated) or a
// number up to 255.
std::optional<unsigned> type_word(std::string_view w);
// iproute2's rtnl_rtntype_n2a: "unicast", "blackhole", ... or the number
// (always the number under -N).
std::string type_name(unsigned type, bool numeric = false);

// iproute2's ipvrf_get_table: the table of VRF device `name`, the main
// table for "default" when no device has that name, else 0. A real VRF
// device is refused as not supported yet.
uint32_t vrf_table(Cmd& cmd, std::string_view name);
// iproute2's name_is_vrf.
bool name_is_vrf(Cmd& cmd, std::string_view name);

// The route an add/change/replace/prepend/append/test/del command line
// asks for (iproute2's iproute_modify up to rtnl_talk); `nl_cmd` is
// RTM_NEWROUTE or RTM_DELROUTE. Devices are looked up in the kernel.
net::rtnl::Route modify_request(Cmd& cmd, cli::Args& a, uint16_t nl_cmd);

// What an `ip route get` command line asks (iproute2's iproute_get up to
// rtnl_talk).
struct GetRequest {
    net::rtnl::Route route;
    bool connected = false;
    bool from_ok = false;
};
GetRequest get_request(Cmd& cmd, cli::Args& a);

// ip route { list | flush | save } SELECTOR; `a` after the verb.
enum class Action { list, flush, save };
int list_flush_save(Cmd& cmd, cli::Args& a, Action action);
// ip route get ...
int get(Cmd& cmd, cli::Args& a);
// ip route restore / showdump (stdin).
int restore(Cmd& cmd);
int showdump(Cmd& cmd);

} // namespace nsbox::ip::route
