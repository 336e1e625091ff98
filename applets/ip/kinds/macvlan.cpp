// ip link: types macvlan and macvtap (iproute2's iplink_macvlan.c, one
// link_util for each name): their options, help and data under ip -d.

#include <fmt/format.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/kind.hpp"

namespace nsbox::ip::kinds {

std::string macvlan_usage(std::string_view kind)
{
    return fmt::format("Usage: ... {} mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"
                       "\n"
                       "MODE: private | vepa | bridge | passthru | source\n"
                       "MODE_FLAG: null | nopromisc | nodst\n"
                       "MODE_OPTS: for mode \"source\":\n"
                       "\tmacaddr {{ {{ add | del }} <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }}\n"
                       "BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n",
                       kind);
}

constexpr std::pair<std::string_view, uint32_t> macvlan_modes[] = {{"private", MACVLAN_MODE_PRIVATE},
                                                                   {"vepa", MACVLAN_MODE_VEPA},
                                                                   {"bridge", MACVLAN_MODE_BRIDGE},
                                                                   {"passthru", MACVLAN_MODE_PASSTHRU},
                                                                   {"source", MACVLAN_MODE_SOURCE}};

void macvlan_parse(Context&, cli::Args& a, net::rtnl::Link& req, bool)
{
    const std::string& kind = *req.kind;
    net::rtnl::MacvlanData v;
    uint32_t mode = 0;
    uint16_t flags = 0;
    bool has_flags = false;
    auto fail = [&](std::string_view msg) {
        cli::fail(cli::exit_failure, fmt::format("{}: {}\n{}", kind, msg, macvlan_usage(kind)));
    };
    for (; !a.empty(); a.next()) {
        if (a.matches("mode")) {
            std::string_view w = a.value();
            bool found = false;
            for (auto [name, m] : macvlan_modes)
                if (w == name) {
                    mode = m;
                    found = true;
                }
            if (!found)
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", "
                                      "\"passthru\" or \"source\", not \"{}\"\n",
                                      w));
        } else if (a.matches("flag")) {
            std::string_view w = a.value();
            if (w == "nopromisc")
                flags |= MACVLAN_FLAG_NOPROMISC;
            else if (w == "nodst")
                flags |= MACVLAN_FLAG_NODST;
            else if (w != "null")
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", "
                                      "not \"{}\"\n",
                                      w));
            has_flags = true;
        } else if (a.matches("macaddr")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: {} option \"macaddr\" is not supported yet\n", kind));
        } else if (a.matches("nopromisc")) {
            flags |= MACVLAN_FLAG_NOPROMISC;
            has_flags = true;
        } else if (a.matches("nodst")) {
            flags |= MACVLAN_FLAG_NODST;
            has_flags = true;
        } else if (a.matches("bcqueuelen")) {
            std::string_view w = a.value();
            auto n = net::parse_unsigned(w, 0, 0xffffffffu);
            if (!n)
                cli::fail(cli::exit_failure,
                          fmt::format("Error: argument of \"bcqueuelen\" must be a positive integer "
                                      "[0-4294967295], not \"{}\"\n",
                                      w));
            v.bc_queue_len = static_cast<uint32_t>(*n);
        } else if (a.matches("help")) {
            cli::fail(cli::exit_failure, macvlan_usage(kind));
        } else {
            fail(fmt::format("unknown option \"{}\"?", a.peek()));
        }
    }
    if (mode)
        v.mode = mode;
    if (has_flags) {
        if ((flags & MACVLAN_FLAG_NOPROMISC) && mode != MACVLAN_MODE_PASSTHRU)
            fail("nopromisc flag only valid in passthru mode");
        v.flags = flags;
    }
    req.macvlan = v;
}

void macvlan_print(Context& c, LinkCache&, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    auto mode = t.as<uint32_t>(IFLA_MACVLAN_MODE);
    if (!mode)
        return;
    std::string_view name = "unknown";
    for (auto [n, m] : macvlan_modes)
        if (m == *mode)
            name = n;
    out.field("mode", "mode {} ", name);
    uint16_t flags = t.as<uint16_t>(IFLA_MACVLAN_FLAGS).value_or(0);
    if (flags & MACVLAN_FLAG_NOPROMISC)
        out.json_field("nopromisc", true), out.text("nopromisc ");
    if (flags & MACVLAN_FLAG_NODST)
        out.json_field("nodst", true), out.text("nodst ");
    if (auto q = t.as<uint32_t>(IFLA_MACVLAN_BC_QUEUE_LEN))
        out.field("bcqueuelen", "bcqueuelen {} ", *q);
    if (auto q = t.as<uint32_t>(IFLA_MACVLAN_BC_QUEUE_LEN_USED))
        out.field("usedbcqueuelen", "usedbcqueuelen {} ", *q);
    if (*mode != MACVLAN_MODE_SOURCE)
        return;
    auto count = t.as<uint32_t>(IFLA_MACVLAN_MACADDR_COUNT);
    if (!count)
        return;
    out.field("macaddr_count", "remotes ({}) ", static_cast<int>(*count));
    const net::Attr* data = t.get(IFLA_MACVLAN_MACADDR_DATA);
    if (!data)
        return;
    auto arr = out.array("macaddr_data", cli::In::json);
    for (net::Attr e : data->nested()) {
        if (e.type() != IFLA_MACVLAN_MACADDR || e.payload().size() < 6)
            continue;
        std::string m = net::format_lladdr(e.payload().first(6), 1);
        out.element("{} ", m);
    }
}

} // namespace nsbox::ip::kinds
