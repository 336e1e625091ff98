// ip link: type veth (iproute2's link_veth.c): "peer" and the peer's own
// link words. iproute2 prints no veth data.

#include <fmt/format.h>

#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"

namespace nsbox::ip::kinds {

std::string veth_usage(std::string_view)
{
    return "Usage: ip link <options> type veth [peer <options>]\n"
           "To get <options> type 'ip link add help'\n";
}

void veth_parse(Context& c, cli::Args& a, net::rtnl::Link& req, bool)
{
    if (!a.is("peer")) {
        // iproute2 prints this usage on stdout.
        c.out.text(veth_usage("veth"));
        c.out.flush();
        cli::fail(cli::exit_failure, "");
    }
    a.next();
    LinkArgs q = parse_link_args(c, a, true);
    if (q.type)
        cli::duparg("type", *q.type);
    net::rtnl::VethPeer peer;
    static_cast<net::rtnl::LinkRequestAttrs&>(peer) = q.attrs;
    peer.flags = q.flags;
    peer.change = q.change;
    if (q.attrs.group && !q.dev)
        cli::fail(cli::exit_usage, "group cannot be used when creating devices.\n");
    if (q.name && q.dev && !q.dev_from_name && q.name != q.dev)
        cli::fail(cli::exit_usage, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
    if (q.link) {
        uint32_t idx = index_of(c, *q.link);
        if (!idx)
            no_device(*q.link);
        peer.link = idx;
    }
    if (q.index)
        cli::fail(cli::exit_usage, "nsbox ip: \"index\" for a veth peer is not supported yet\n");
    peer.name = q.dev;
    req.veth_peer = std::move(peer);
}

} // namespace nsbox::ip::kinds
