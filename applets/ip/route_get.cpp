// ip route get (iproute2's iproute_get): one RTM_GETROUTE, the kernel's
// answer printed as a route.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <linux/rtnetlink.h>

#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::ip::route {

namespace {

using net::rtnl::Route;

} // namespace

GetRequest get_request(Cmd& cmd, cli::Args& a)
{
    Context& c = cmd.c;
    Filter& f = cmd.filter;
    f = Filter{};
    f.cloned = 2;
    GetRequest g;
    Route& req = g.route;
    req.family = static_cast<uint8_t>(c.opt.family);
    std::string_view idev, odev;
    bool fibmatch = false, address_found = false;
    uint32_t mark = 0;
    for (; !a.empty(); a.next()) {
        if (a.is("tos") || a.matches("dsfield")) {
            std::string_view w = a.value();
            auto t = cmd.names.dsfield_id(w);
            if (!t)
                cli::invarg("TOS value is invalid\n", w);
            req.tos = static_cast<uint8_t>(*t);
        } else if (a.matches("from")) {
            std::string_view w = a.value();
            if (cli::matches(w, "help"))
                usage();
            g.from_ok = true;
            net::Prefix p = prefix_arg(w, req.family);
            if (req.family == AF_UNSPEC)
                req.family = p.addr.family;
            if (p.has_bytes()) {
                req.src = p.addr;
                req.order.push_back(RTA_SRC);
            }
            req.src_len = static_cast<uint8_t>(p.len);
        } else if (a.matches("iif")) {
            idev = a.value();
        } else if (a.matches("mark")) {
            std::string_view w = a.value();
            auto m = net::parse_unsigned(w, 0);
            if (!m)
                cli::invarg("invalid mark value", w);
            mark = *m;
        } else if (a.matches("oif") || a.is("dev")) {
            odev = a.value();
        } else if (a.matches("notify")) {
            req.flags |= RTM_F_NOTIFY;
        } else if (a.matches("connected")) {
            g.connected = true;
        } else if (a.matches("vrf")) {
            std::string_view w = a.value();
            if (!name_is_vrf(cmd, w))
                cli::invarg("Invalid VRF\n", w);
            odev = w;
        } else if (a.matches("uid")) {
            std::string_view w = a.value();
            auto u = net::parse_unsigned(w, 0);
            if (!u)
                cli::invarg("invalid UID\n", w);
            req.uid = *u;
            req.order.push_back(RTA_UID);
        } else if (a.matches("fibmatch")) {
            fibmatch = true;
        } else if (a.is("as")) {
            std::string_view w = a.value();
            if (w == "to")
                w = a.value();
            net::IpAddress addr = address_arg(w, req.family);
            if (req.family == AF_UNSPEC)
                req.family = addr.family;
            req.newdst = addr;
            req.order.push_back(RTA_NEWDST);
        } else if (a.matches("sport")) {
            std::string_view w = a.value();
            auto p = net::parse_unsigned(w, 0, 0xffff);
            if (!p)
                cli::invarg("invalid sport\n", w);
            req.sport = static_cast<uint16_t>(*p);
            req.order.push_back(RTA_SPORT);
        } else if (a.matches("dport")) {
            std::string_view w = a.value();
            auto p = net::parse_unsigned(w, 0, 0xffff);
            if (!p)
                cli::invarg("invalid dport\n", w);
            req.dport = static_cast<uint16_t>(*p);
            req.order.push_back(RTA_DPORT);
        } else if (a.matches("ipproto")) {
            std::string_view w = a.value();
            std::optional<unsigned> proto = ip_protocol_id(w);
            if (!proto) {
                auto n = net::parse_unsigned(w, 0);
                if (n && *n <= 255)
                    proto = *n;
            }
            if (!proto)
                cli::invarg("Invalid \"ipproto\" value\n", w);
            req.ip_proto = static_cast<uint8_t>(*proto);
            req.order.push_back(RTA_IP_PROTO);
        } else {
            std::string_view w = a.peek();
            if (w == "to")
                w = a.value();
            if (cli::matches(w, "help"))
                usage();
            net::Prefix p = prefix_arg(w, req.family);
            if (req.family == AF_UNSPEC)
                req.family = p.addr.family;
            if (p.has_bytes()) {
                // A second address replaces the first (the kernel keeps
                // the last of iproute2's two RTA_DST).
                req.dst = p.addr;
                if (std::find(req.order.begin(), req.order.end(), RTA_DST) == req.order.end())
                    req.order.push_back(RTA_DST);
            }
            if (req.family == AF_INET && p.len != 32) {
                std::fprintf(stderr, "Warning: /%d as prefix is invalid, only /32 (or none) is supported.\n", p.len);
                req.dst_len = 32;
            } else if (req.family == AF_INET6 && p.len != 128) {
                std::fprintf(stderr, "Warning: /%d as prefix is invalid, only /128 (or none) is supported.\n", p.len);
                req.dst_len = 128;
            } else {
                req.dst_len = static_cast<uint8_t>(p.len);
            }
            address_found = true;
        }
    }
    if (!address_found)
        cli::fail(cli::exit_failure, "need at least a destination address\n");
    if (!idev.empty()) {
        uint32_t idx = index_of(c, idev);
        if (!idx)
            no_device(idev);
        req.iif = idx;
    }
    if (!odev.empty()) {
        uint32_t idx = index_of(c, odev);
        if (!idx)
            no_device(odev);
        req.oif = idx;
    }
    if (mark)
        req.mark = mark;
    if (req.family == AF_UNSPEC)
        req.family = AF_INET;
    // Only IPv4 knows RTM_F_LOOKUP_TABLE.
    if (req.family == AF_INET)
        req.flags |= RTM_F_LOOKUP_TABLE;
    if (fibmatch)
        req.flags |= RTM_F_FIB_MATCH;
    // iproute2 writes the selectors in command-line order, then the
    // devices and the mark.
    for (uint16_t t : {RTA_IIF, RTA_OIF, RTA_MARK})
        req.order.push_back(t);
    return g;
}

int get(Cmd& cmd, cli::Args& a)
{
    Context& c = cmd.c;
    Filter& f = cmd.filter;
    GetRequest g = get_request(cmd, a);
    const Route& req = g.route;
    const bool connected = g.connected, from_ok = g.from_ok;
    net::Message m = net::rtnl::encode(RTM_GETROUTE, 0, req);
    auto ask = [&]() -> Route {
        std::vector<std::byte> bytes;
        try {
            bytes = c.rtnl().socket().query(m);
        } catch (const net::Error& e) {
            kernel_refused(e);
        }
        auto routes = net::rtnl::decode_routes(bytes);
        if (routes.empty())
            cli::fail(cli::exit_failure, "Not a route?\n");
        return routes.front();
    };
    Route answer = ask();
    LinkCache& links = c.links;
    auto doc = c.out.document();
    if (connected && !from_ok) {
        if (filter_match(f, answer, c.opt.family))
            print_route(c, links, cmd.names, f, answer);
        if (!answer.prefsrc && !answer.src) {
            doc.close();
            c.out.flush();
            cli::fail(cli::exit_failure, "Failed to connect the route\n");
        }
        doc.close();
        // iproute2 rewrites its copy of the answer, then sends the original
        // request again and prints that answer without a JSON writer.
        Route again = ask();
        Options topt = c.opt;
        topt.json = 0;
        topt.pretty = 0;
        Context tc(topt);
        c.out.flush();
        if (filter_match(f, again, c.opt.family))
            print_route(tc, links, cmd.names, f, again);
        return 0;
    }
    if (filter_match(f, answer, c.opt.family))
        print_route(c, links, cmd.names, f, answer);
    doc.close();
    return 0;
}

} // namespace nsbox::ip::route
