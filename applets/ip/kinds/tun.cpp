// ip link: type tun (iproute2's tun_link_util in iptuntap.c): the data
// ip -d prints. Print only: tun and tap devices are made with `ip tuntap
// add` (tuntap.cpp), iproute2 has no parser or help for the kind.

#include <fmt/format.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>

#include "applets/common/accounts.hpp"
#include "applets/ip/kinds/kind.hpp"

namespace nsbox::ip::kinds {

void tun_print(Context& c, LinkCache&, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    auto on_off = [&](std::string_view key, uint16_t type) {
        if (auto v = t.as<uint8_t>(type)) {
            out.json_field(key, *v != 0);
            out.textf("{} {} ", key, *v ? "on" : "off");
        }
    };
    if (auto type = t.as<uint8_t>(IFLA_TUN_TYPE)) {
        std::string s = *type == IFF_TUN ? "tun" : *type == IFF_TAP ? "tap" : fmt::format("UNKNOWN:{}", *type);
        out.field("type", "type {} ", s);
    }
    on_off("pi", IFLA_TUN_PI);
    on_off("vnet_hdr", IFLA_TUN_VNET_HDR);
    if (auto mq = t.as<uint8_t>(IFLA_TUN_MULTI_QUEUE); mq && *mq) {
        out.json_field("multi_queue", true);
        out.text("multi_queue ");
        if (auto n = t.as<uint32_t>(IFLA_TUN_NUM_QUEUES))
            out.field("numqueues", "numqueues {} ", *n);
        if (auto n = t.as<uint32_t>(IFLA_TUN_NUM_DISABLED_QUEUES))
            out.field("numdisabled", "numdisabled {} ", *n);
    } else {
        out.json_field("multi_queue", false);
    }
    on_off("persist", IFLA_TUN_PERSIST);
    // getpwuid / getgrgid: the name when there is one, else the number.
    if (auto uid = t.as<uint32_t>(IFLA_TUN_OWNER)) {
        if (auto u = cli::user_by_id(*uid))
            out.field("user", "user {} ", u->name);
        else
            out.field("user", "user {} ", *uid);
    }
    if (auto gid = t.as<uint32_t>(IFLA_TUN_GROUP)) {
        if (auto g = cli::group_by_id(*gid))
            out.field("group", "group {} ", g->name);
        else
            out.field("group", "group {} ", *gid);
    }
}

} // namespace nsbox::ip::kinds
