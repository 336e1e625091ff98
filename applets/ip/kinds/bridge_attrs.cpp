// ip link: the option parser and field printer of bridge_attrs.hpp.

#include <climits>
#include <cstring>

#include <fmt/format.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "applets/ip/kinds/bridge_attrs.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip::kinds {

namespace {


// A bridge timer: hundredths of a second, "%4i.%.2i" in text, a bare
// number in JSON.
void print_timer(cli::Output& out, std::string_view key, uint64_t v)
{
    int sec = static_cast<int>(v / 100);
    int hundredths = static_cast<int>(v % 100);
    out.json_raw(key, fmt::format("{}.{:02}", sec, hundredths));
    out.textf("{} {:4}.{:02} ", key, sec, hundredths);
}

} // namespace

void print_fields(Context& c, const net::AttrTable& t, std::span<const Field> fields)
{
    cli::Output& out = c.out;
    for (const Field& f : fields) {
        const net::Attr* a = t.get(f.attr);
        if (!a)
            continue;
        auto text = [&](const std::string& v) { out.textf("{} {} ", f.word, v); };
        switch (f.fmt) {
        case Fmt::u8:
            if (auto v = a->as<uint8_t>())
                out.json_field(f.key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Fmt::u16:
            if (auto v = a->as<uint16_t>())
                out.json_field(f.key, static_cast<unsigned>(*v)), text(std::to_string(*v));
            break;
        case Fmt::u32:
            if (auto v = a->as<uint32_t>())
                out.json_field(f.key, *v), text(std::to_string(*v));
            break;
        case Fmt::u64:
            if (auto v = a->as<uint64_t>())
                out.json_field(f.key, *v), text(std::to_string(*v));
            break;
        case Fmt::i16:
            if (auto v = a->as<uint16_t>())
                out.json_field(f.key, static_cast<int>(*v)), text(std::to_string(*v));
            break;
        case Fmt::i32:
            if (auto v = a->as<uint32_t>())
                out.json_field(f.key, static_cast<int>(*v)), text(std::to_string(static_cast<int>(*v)));
            break;
        case Fmt::hex16:
            if (auto v = a->as<uint16_t>()) {
                std::string h = *v ? fmt::format("{:#x}", *v) : "0";
                out.json_field(f.key, h), text(h);
            }
            break;
        case Fmt::on_off:
            if (auto v = a->as<uint8_t>())
                out.json_field(f.key, *v != 0), text(*v ? "on" : "off");
            break;
        case Fmt::fast_leave_text:
            if (auto v = a->as<uint8_t>())
                text(*v ? "on" : "off");
            break;
        case Fmt::timer:
            if (auto v = a->as<uint64_t>())
                print_timer(out, f.key, *v);
            break;
        case Fmt::bridge_id: {
            std::string id = bridge_id(a->payload());
            out.json_field(f.key, id), text(id);
            break;
        }
        case Fmt::mac: {
            std::string m = net::format_lladdr(a->payload(), 1);
            out.json_field(f.key, m), text(m);
            break;
        }
        case Fmt::proto:
            if (auto v = a->as<uint16_t>()) {
                std::string p = proto_name(*v);
                out.json_field(f.key, p), text(p);
            }
            break;
        }
    }
}

void parse_bridge(Context& c, cli::Args& a, net::rtnl::Link& req, bool slave, std::span<const KindOpt> opts,
                  std::string_view usage)
{
    std::vector<net::rtnl::KindAttr> attrs;
    br_boolopt_multi bm{};
    for (; !a.empty(); a.next()) {
        const KindOpt* o = nullptr;
        for (const KindOpt& k : opts)
            if (k.exact ? a.is(k.word) : a.matches(k.word)) {
                o = &k;
                break;
            }
        if (!o) {
            if (a.matches("help"))
                cli::fail(cli::exit_failure, std::string(usage));
            cli::fail(cli::exit_failure,
                      slave ? fmt::format("bridge_slave: unknown option \"{}\"?\n{}", a.peek(), usage)
                            : fmt::format("bridge: unknown command \"{}\"?\n{}", a.peek(), usage));
        }
        // bridge: "invalid KEY"; bridge_slave: "KEY is invalid" for its
        // first three, "invalid KEY" for the others.
        auto num = [&](uint64_t max) {
            std::string_view w = a.value();
            auto v = parse_ul(w, 0, max);
            if (!v) {
                const bool old = slave && (o->word == "state" || o->word == "priority" || o->word == "cost");
                cli::invarg(old ? fmt::format("{} is invalid", o->word) : fmt::format("invalid {}", o->word), w);
            }
            return *v;
        };
        net::rtnl::KindAttr attr{o->type, std::monostate{}};
        switch (o->val) {
            case Val::flag:
                break;
            case Val::u8:
                attr.value = static_cast<uint8_t>(num(0xff));
                break;
            case Val::u16:
                attr.value = static_cast<uint16_t>(num(0xffff));
                break;
            case Val::u32:
                attr.value = static_cast<uint32_t>(num(0xffffffffu));
                break;
            case Val::u64:
                attr.value = static_cast<uint64_t>(num(UINT64_MAX));
                break;
            case Val::proto: {
                std::string_view w = a.value();
                auto p = parse_vlan_proto(w);
                if (!p)
                    cli::invarg(fmt::format("invalid {}", o->word), w);
                attr.value = *p;
                break;
            }
            case Val::lladdr:
                attr.value = parse_lladdr(a.value());
                break;
            case Val::on_off: {
                std::string_view w = a.value();
                if (w != "on" && w != "off")
                    cli::fail(cli::exit_failure,
                              fmt::format("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n",
                                          o->word, w));
                attr.value = static_cast<uint8_t>(w == "on");
                break;
            }
            case Val::boolopt: {
                const uint32_t bit = 1u << o->type;
                bm.optmask |= bit;
                if (num(0xff))
                    bm.optval |= bit;
                else
                    bm.optval &= ~bit;
                continue;
            }
            case Val::dev: {
                std::string_view w = a.value();
                uint32_t idx = index_of(c, w);
                if (!idx)
                    cli::invarg("Device does not exist\n", w);
                attr.value = idx;
                break;
            }
            case Val::zero_u32:
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
    (slave ? req.slave_attrs : req.data_attrs) = std::move(attrs);
}

} // namespace nsbox::ip::kinds
