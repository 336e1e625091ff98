// ip link: type vlan (iproute2's iplink_vlan.c): its options, its help
// and its data under ip -d.

#include <arpa/inet.h>
#include <cstring>
#include <tuple>

#include <fmt/format.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>

#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"

namespace nsbox::ip::kinds {

namespace {

constexpr std::string_view vlan_help = "Usage: ... vlan id VLANID\n"
                                        "\t\t[ protocol VLANPROTO ]\n"
                                        "\t\t[ reorder_hdr { on | off } ]\n"
                                        "\t\t[ gvrp { on | off } ]\n"
                                        "\t\t[ mvrp { on | off } ]\n"
                                        "\t\t[ loose_binding { on | off } ]\n"
                                        "\t\t[ bridge_binding { on | off } ]\n"
                                        "\t\t[ ingress-qos-map QOS-MAP ]\n"
                                        "\t\t[ egress-qos-map QOS-MAP ]\n"
                                        "\n"
                                        "VLANID := 0-4095\n"
                                        "VLANPROTO: [ 802.1Q | 802.1ad ]\n"
                                        "QOS-MAP := [ QOS-MAP ] QOS-MAPPING\n"
                                        "QOS-MAPPING := FROM:TO\n";

struct VlanFlag {
    std::string_view word; // option word
    uint32_t bit;
    std::string_view name; // printed
};
constexpr VlanFlag vlan_flags[] = {
    {"reorder_hdr", VLAN_FLAG_REORDER_HDR, "REORDER_HDR"},
    {"gvrp", VLAN_FLAG_GVRP, "GVRP"},
    {"mvrp", VLAN_FLAG_MVRP, "MVRP"},
    {"loose_binding", VLAN_FLAG_LOOSE_BINDING, "LOOSE_BINDING"},
    {"bridge_binding", VLAN_FLAG_BRIDGE_BINDING, "BRIDGE_BINDING"},
};

} // namespace

std::string vlan_usage(std::string_view) { return std::string(vlan_help); }

void vlan_parse(Context&, cli::Args& a, net::rtnl::Link& req, bool)
{
    net::rtnl::VlanData v;
    ifla_vlan_flags flags{};
    for (; !a.empty(); a.next()) {
        const VlanFlag* fl = nullptr;
        for (const VlanFlag& f : vlan_flags)
            if (a.matches(f.word)) {
                fl = &f;
                break;
            }
        if (a.matches("protocol")) {
            std::string_view w = a.value();
            auto p = parse_vlan_proto(w);
            if (!p)
                cli::invarg("protocol is invalid", w);
            v.protocol_be = *p;
        } else if (a.matches("id")) {
            std::string_view w = a.value();
            auto id = net::parse_unsigned(w, 0, 0xffff);
            if (!id)
                cli::invarg("id is invalid", w);
            v.id = static_cast<uint16_t>(*id);
        } else if (fl) {
            std::string_view w = a.value();
            flags.mask |= fl->bit;
            if (w == "on")
                flags.flags |= fl->bit;
            else if (w == "off")
                flags.flags &= ~fl->bit;
            else
                on_off_error(fl->word, w);
        } else if (a.matches("ingress-qos-map") || a.matches("egress-qos-map")) {
            cli::fail(cli::exit_usage, fmt::format("nsbox ip: vlan option \"{}\" is not supported yet\n", a.peek()));
        } else if (a.matches("help")) {
            cli::fail(cli::exit_failure, std::string(vlan_help));
        } else {
            cli::fail(cli::exit_failure, fmt::format("vlan: unknown command \"{}\"?\n{}", a.peek(), vlan_help));
        }
    }
    if (flags.mask)
        v.flags = flags;
    req.vlan = v;
}

void vlan_print(Context& c, LinkCache&, const net::AttrTable& t)
{
    cli::Output& out = c.out;
    const net::Attr* proto = t.get(IFLA_VLAN_PROTOCOL);
    if (proto && proto->payload().size() < 2)
        return;
    auto id = t.get(IFLA_VLAN_ID);
    if (!id || id->payload().size() < 2)
        return;
    uint16_t pbe = 0, idv = 0;
    if (proto)
        std::memcpy(&pbe, proto->payload().data(), 2);
    std::memcpy(&idv, id->payload().data(), 2);
    out.field("protocol", "protocol {} ", proto ? proto_name(pbe) : std::string("802.1q"));
    out.field("id", "id {} ", static_cast<unsigned>(idv));
    if (const net::Attr* fa = t.get(IFLA_VLAN_FLAGS)) {
        auto f = fa->as<ifla_vlan_flags>();
        if (!f)
            return;
        uint32_t flags = f->flags;
        auto arr = out.array("flags", cli::In::any, "<", "> ");
        for (const VlanFlag& vf : vlan_flags) {
            if (!(flags & vf.bit))
                continue;
            flags &= ~vf.bit;
            if (flags)
                out.element("{},", vf.name);
            else
                out.element("{}", vf.name);
        }
        if (flags)
            out.element("{}", fmt::format("{:x}", flags));
    }
    for (auto [attr, key, word] : {std::tuple{IFLA_VLAN_INGRESS_QOS, "ingress_qos", "ingress-qos-map"},
                                   std::tuple{IFLA_VLAN_EGRESS_QOS, "egress_qos", "egress-qos-map"}}) {
        const net::Attr* m = t.get(static_cast<uint16_t>(attr));
        if (!m)
            continue;
        auto arr = out.array(key, cli::In::json);
        out.text(c.opt.oneline ? std::string_view("\\", 1) : std::string_view("\n", 1));
        out.textf("      {} {{ ", word);
        for (net::Attr e : m->nested()) {
            auto q = e.as<ifla_vlan_qos_mapping>();
            if (!q)
                continue;
            auto o = out.object(cli::In::json);
            out.json_field("from", q->from);
            out.json_field("to", q->to);
            out.textf("{}:{} ", q->from, q->to);
        }
        arr.close();
        out.text("} ");
    }
}

} // namespace nsbox::ip::kinds
