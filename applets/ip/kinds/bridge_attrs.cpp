// ip link: the parser, printer and usage writer over the attribute
// tables of bridge_attrs.hpp.

#include <climits>
#include <cstring>

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip::kinds {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view port_states[] = {"disabled", "listening", "learning", "forwarding", "blocking"};

// iproute2's _bitmask2str over its fwd_mask_tbl.
std::string fwd_mask_str(uint16_t mask)
{
    std::string s;
    for (unsigned i = 0; mask; ++i, mask = static_cast<uint16_t>(mask >> 1)) {
        if (!(mask & 1))
            continue;
        std::string_view name = i == 0 ? "stp" : i == 2 ? "lacp" : i == 14 ? "lldp" : "";
        s += name.empty() ? fmt::format("{:#x},", 1u << i) : fmt::format("{},", name);
    }
    if (s.empty())
        return "0x0";
    s.pop_back();
    return s;
}

std::string hex16(uint16_t v) { return v ? fmt::format("{:#x}", v) : std::string("0"); }

} // namespace

void parse_attrs(Context& c, cli::Args& a, const AttrKind& k, std::optional<std::vector<net::rtnl::KindAttr>>& to)
{
    std::vector<net::rtnl::KindAttr> attrs;
    br_boolopt_multi bm{};
    for (; !a.empty(); a.next()) {
        const AttrDesc* o = nullptr;
        for (const AttrDesc& d : k.attrs)
            if (d.in != In::none && (!o || d.parse_at < o->parse_at) &&
                ((d.flags & exact) ? a.is(d.word) : a.matches(d.word)))
                o = &d;
        if (!o) {
            if (a.matches("help"))
                cli::fail(cli::exit_failure, attrs_usage(k));
            cli::fail(cli::exit_failure,
                      fmt::format("{}: unknown {} \"{}\"?\n{}", k.name, k.unknown, a.peek(), attrs_usage(k)));
        }
        // get_u8/u16/u32, and get_u64 for the 64-bit attributes.
        auto num = [&](uint64_t max) {
            std::string_view w = a.value();
            auto v = max > UINT32_MAX ? net::parse_u64(w)
                                      : std::optional<uint64_t>(net::parse_unsigned(w, 0, static_cast<uint32_t>(max)));
            if (!v)
                cli::invarg((o->flags & old_invalid) ? fmt::format("{} is invalid", o->word)
                                                     : fmt::format("invalid {}", o->word),
                            w);
            return *v;
        };
        net::rtnl::KindAttr attr{o->type, std::monostate{}};
        switch (o->in) {
            case In::none: // not matched
            case In::flag:
                break;
            case In::u8:
                attr.value = static_cast<uint8_t>(num(0xff));
                break;
            case In::u16:
                attr.value = static_cast<uint16_t>(num(0xffff));
                break;
            case In::u32:
                attr.value = static_cast<uint32_t>(num(0xffffffffu));
                break;
            case In::u64:
                attr.value = static_cast<uint64_t>(num(UINT64_MAX));
                break;
            case In::proto: {
                std::string_view w = a.value();
                auto p = parse_vlan_proto(w);
                if (!p)
                    cli::invarg(fmt::format("invalid {}", o->word), w);
                attr.value = *p;
                break;
            }
            case In::lladdr:
                attr.value = parse_lladdr(a.value());
                break;
            case In::on_off: {
                std::string_view w = a.value();
                if (w != "on" && w != "off")
                    cli::fail(cli::exit_failure,
                              fmt::format("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n",
                                          o->word, w));
                attr.value = static_cast<uint8_t>(w == "on");
                break;
            }
            case In::boolopt: {
                const uint32_t bit = 1u << o->type;
                bm.optmask |= bit;
                if (num(0xff))
                    bm.optval |= bit;
                else
                    bm.optval &= ~bit;
                continue;
            }
            case In::dev: {
                std::string_view w = a.value();
                uint32_t idx = index_of(c, w);
                if (!idx)
                    cli::invarg("Device does not exist\n", w);
                attr.value = idx;
                break;
            }
            case In::zero_u32:
                attr.value = uint32_t{0};
                break;
        }
        attrs.push_back(std::move(attr));
    }
    if (bm.optmask) {
        std::vector<std::byte> b(sizeof bm);
        std::memcpy(b.data(), &bm, sizeof bm);
        attrs.push_back({IFLA_BR_MULTI_BOOLOPT, std::move(b)});
    }
    to = std::move(attrs);
}

void print_attrs(Context& c, LinkCache& names, const net::AttrTable& t, const AttrKind& k)
{
    cli::Output& out = c.out;
    for (const AttrDesc& d : k.attrs) {
        const net::Attr* a = t.get(d.out == Out::boolopt ? uint16_t{IFLA_BR_MULTI_BOOLOPT} : d.type);
        if (!a)
            continue;
        const std::string_view key = d.key();
        auto text = [&](std::string_view v) { out.textf("{} {} ", d.word, v); };
        auto str = [&](std::string_view v) { out.json_field(key, v), text(v); };
        switch (d.out) {
        case Out::none:
            break;
        case Out::u8:
            if (auto v = a->as<uint8_t>())
                out.json_field(key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Out::u16:
            if (auto v = a->as<uint16_t>())
                out.json_field(key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Out::u32:
            if (auto v = a->as<uint32_t>())
                out.json_field(key, *v), text(std::to_string(*v));
            break;
        case Out::u64:
            if (auto v = a->as<uint64_t>())
                out.json_field(key, *v), text(std::to_string(*v));
            break;
        case Out::i16:
            if (auto v = a->as<uint16_t>())
                out.json_field(key, static_cast<int>(*v)), text(std::to_string(*v));
            break;
        case Out::i32:
            if (auto v = a->as<uint32_t>())
                out.json_field(key, static_cast<int>(*v)), text(std::to_string(static_cast<int>(*v)));
            break;
        case Out::hex16:
            if (auto v = a->as<uint16_t>())
                str(hex16(*v));
            break;
        case Out::on_off:
            if (auto v = a->as<uint8_t>())
                out.json_field(key, *v != 0), text(*v ? "on"sv : "off"sv);
            break;
        case Out::on_off_text:
            if (auto v = a->as<uint8_t>())
                text(*v ? "on"sv : "off"sv);
            break;
        case Out::timer:
            if (auto v = a->as<uint64_t>()) {
                int sec = static_cast<int>(*v / 100);
                int hundredths = static_cast<int>(*v % 100);
                out.json_raw(key, fmt::format("{}.{:02}", sec, hundredths));
                out.textf("{} {:4}.{:02} ", d.word, sec, hundredths);
            }
            break;
        case Out::bridge_id:
            str(bridge_id(a->payload()));
            break;
        case Out::mac:
            str(net::format_lladdr(a->payload(), 1));
            break;
        case Out::proto:
            if (auto v = a->as<uint16_t>())
                str(proto_name(*v));
            break;
        case Out::boolopt:
            if (auto bm = a->as<br_boolopt_multi>()) {
                const uint32_t bit = 1u << d.type;
                if (bm->optmask & bit)
                    out.json_field(key, (bm->optval & bit) ? 1u : 0u), text((bm->optval & bit) ? "1"sv : "0"sv);
            }
            break;
        case Out::root_id: {
            const net::Attr* id = t.get(IFLA_BR_BRIDGE_ID);
            str(id ? bridge_id(id->payload()) : std::string());
            break;
        }
        case Out::port_state:
            if (auto v = a->as<uint8_t>()) {
                if (*v < std::size(port_states))
                    str(port_states[*v]);
                else
                    out.field("state_index", "state ({}) ", static_cast<int>(*v));
            }
            break;
        case Out::fwd_mask:
            if (auto v = a->as<uint16_t>()) {
                str(hex16(*v));
                out.field("group_fwd_mask_str", "group_fwd_mask_str {} ", fwd_mask_str(*v));
            }
            break;
        case Out::dev:
            if (auto v = a->as<uint32_t>())
                str(names.name(*v));
            break;
        }
    }
}

std::string attrs_usage(const AttrKind& k)
{
    std::string s = fmt::format("Usage: ... {} ", k.name);
    for (uint8_t r = 0;; ++r) {
        const AttrDesc* d = nullptr;
        for (const AttrDesc& e : k.attrs)
            if (e.usage_at == r)
                d = &e;
        if (!d)
            break;
        // The first after "Usage: ... KIND ", the others each on a line
        // of their own unless `same_line`.
        const bool own_line = r && !(d->flags & same_line);
        s += fmt::format("{}{}[ {}{}{} ]", own_line ? "\n" : r ? " " : "", own_line ? k.indent : ""sv, d->word,
                         *d->meta ? " " : "", d->meta);
    }
    s += '\n';
    s += k.usage_end;
    return s;
}

} // namespace nsbox::ip::kinds
