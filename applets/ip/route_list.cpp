// ip route { show | flush | save } SELECTOR, restore and showdump
// (iproute2's iproute_list_flush_or_save, iproute_flush, iproute_restore,
// iproute_showdump).

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <linux/rtnetlink.h>

#include "applets/ip/route.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::ip::route {

namespace {

using net::rtnl::Route;

constexpr uint32_t dump_magic = 0x45311224;

// get_prefix into a selector prefix.
PrefixMatch selector_prefix(std::string_view w, int family)
{
    net::Prefix p = prefix_arg(w, family);
    PrefixMatch m;
    m.family = p.addr.family ? p.addr.family : (p.any ? family : 0);
    if (m.family == AF_PACKET)
        m.family = 0;
    m.bitlen = p.len;
    // get_addr_1 marks "default" as having a length; "all"/"any" not.
    m.specified = p.len_given || w.substr(0, w.find('/')) == "default";
    m.data = p.addr.bytes;
    return m;
}

// How rtnl_dump_filter reports a failed dump, then `tail` ("Dump
// terminated"); exit 2.
[[noreturn]] void dump_failed(const net::Error& e, std::string_view tail, cli::Stop stop)
{
    if (!e.context().empty())
        throw e;
    std::string msg;
    if (!e.extack().empty())
        msg = fmt::format("Error: {}{}\n", e.extack(), e.extack().ends_with('.') ? "" : ".");
    else if (e.code() == EMSGSIZE)
        msg = "Error: Buffer too small for object.\n";
    else if (e.code() != ENOENT && e.code() != EOPNOTSUPP)
        msg = fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code()));
    cli::fail(cli::exit_kernel, msg + std::string(tail), stop);
}

std::vector<std::byte> dump_routes(Cmd& cmd, int family, std::string_view tail, bool suppress_main_enoent,
                                   cli::Stop stop = cli::Stop::command)
{
    const Filter& f = cmd.filter;
    net::rtnl::RouteDump d;
    d.family = static_cast<uint8_t>(family);
    d.table = f.tb;
    d.protocol = static_cast<uint8_t>(f.protocol);
    d.cloned = f.cloned != 0;
    d.oif = static_cast<uint32_t>(f.oif);
    net::Message m = net::rtnl::route_dump_request(d);
    try {
        return cmd.c.rtnl().socket().dump(m);
    } catch (const net::Error& e) {
        // iproute2's save_route_errhndlr: a main table that does not exist
        // is an empty one.
        if (suppress_main_enoent && e.context().empty() && f.tb == RT_TABLE_MAIN && e.code() == ENOENT)
            return {};
        dump_failed(e, tail, stop);
    }
}

void remember_links(Context&, LinkCache& links) { links.load_all(); }

// A context that prints text whatever -j says: iproute2 prints flushed
// routes and showdump without a JSON writer.
Options text_options(const Options& o)
{
    Options t = o;
    t.json = 0;
    t.pretty = 0;
    return t;
}

// iproute_flush_cache.
int flush_cache()
{
    constexpr const char* path = "/proc/sys/net/ipv4/route/flush";
    int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        cli::fail(cli::exit_failure, fmt::format("Cannot open \"{}\": {}\n", path, std::strerror(errno)));
    ssize_t n = ::write(fd, "-1", 2);
    ::close(fd);
    if (n < 2)
        cli::fail(cli::exit_failure, "Cannot flush routing cache\n");
    return 0;
}

int flush(Cmd& cmd, int family)
{
    Context& c = cmd.c;
    Filter& f = cmd.filter;
    Options topt = text_options(c.opt);
    Context tc(topt);
    cli::Output& out = tc.out;
    if (f.cloned) {
        if (family != AF_INET6) {
            flush_cache();
            if (c.opt.stats)
                out.text("*** IPv4 routing cache is flushed.\n");
        }
        if (family == AF_INET)
            return 0;
    }
    f.flushing = true;
    LinkCache& links = c.links;
    bool links_known = false;
    net::Socket& sock = c.rtnl().socket();
    const time_t start = std::time(nullptr);
    // iproute2 queues deletions in a 3.5 KiB buffer and sends it whenever
    // the next one would not fit, then once at the end of each round.
    constexpr size_t flush_buffer = 4096 - 512;
    net::Batch batch;
    size_t batched = 0;
    auto send = [&]() -> bool {
        if (batch.empty())
            return true;
        auto acks = sock.send_batch(batch);
        batch = net::Batch();
        batched = 0;
        for (const auto& a : acks) {
            if (a.error) {
                out.flush();
                cli::fail(cli::exit_kernel,
                          fmt::format("Failed to send flush request: {}\n", std::strerror(a.error)));
            }
        }
        return true;
    };
    for (int round = 0;; ) {
        auto bytes = dump_routes(cmd, family, "Flush terminated\n", false);
        int flushed = 0;
        for (const net::Msg& m : net::split_messages(bytes)) {
            if (m.type() != RTM_NEWROUTE)
                continue;
            Route r = net::rtnl::decode_route(m);
            if (!filter_match(f, r, family))
                continue;
            if (NLMSG_ALIGN(batched) + m.header().nlmsg_len > flush_buffer) {
                try {
                    send();
                } catch (const cli::Failure& e) {
                    cli::fail(e.code(), e.message() + "Flush terminated\n");
                }
            }
            net::Message del = net::rtnl::copy_route(m, RTM_DELROUTE, NLM_F_REQUEST);
            if (batch.empty())
                batch.start_at(sock.next_seq());
            batch.add(del);
            batched = NLMSG_ALIGN(batched) + m.header().nlmsg_len;
            ++flushed;
            if (c.opt.stats >= 2) {
                if (!links_known) {
                    remember_links(c, links);
                    links_known = true;
                }
                print_route(tc, links, cmd.names, f, r);
            }
        }
        if (flushed == 0) {
            if (c.opt.stats) {
                if (round == 0 && (!f.cloned || family == AF_INET6))
                    out.text("Nothing to flush.\n");
                else
                    print_flush_complete(out, round);
            }
            return 0;
        }
        ++round;
        send();
        const time_t spent = std::time(nullptr) - start;
        if (spent > 30) {
            out.textf("\n*** Flush not completed after {} seconds, {} entries remain ***\n",
                      static_cast<long>(spent), flushed);
            return cli::exit_failure;
        }
        if (c.opt.stats)
            out.textf("\n*** Round {}, deleting {} entries ***\n", round, flushed);
        out.flush();
    }
}

// rtnl_from_file: the saved messages up to the end, or up to a message
// cut short or malformed (then `error` holds iproute2's words for it).
struct Saved {
    std::vector<std::vector<std::byte>> msgs;
    std::string error;
};

Saved read_saved(std::FILE* in)
{
    Saved out;
    for (;;) {
        nlmsghdr h;
        size_t n = std::fread(&h, 1, sizeof h, in);
        if (n == 0 && std::feof(in))
            return out;
        if (n != sizeof h) {
            out.error = "rtnl-from_file: truncated message\n";
            return out;
        }
        if (h.nlmsg_len < sizeof h || h.nlmsg_len > 16384) {
            out.error = fmt::format("!!!malformed message: len={} @{}\n", static_cast<int>(h.nlmsg_len), std::ftell(in));
            return out;
        }
        std::vector<std::byte> msg(sizeof h + NLMSG_ALIGN(h.nlmsg_len - sizeof h));
        std::memcpy(msg.data(), &h, sizeof h);
        size_t want = msg.size() - sizeof h;
        if (std::fread(msg.data() + sizeof h, 1, want, in) != want) {
            out.error = "rtnl-from_file: truncated message\n";
            return out;
        }
        out.msgs.push_back(std::move(msg));
    }
}

void check_magic(std::FILE* in)
{
    if (isatty(fileno(in)))
        cli::fail(cli::exit_failure, "Can't restore route dump from a terminal\n");
    uint32_t magic = 0;
    size_t n = std::fread(&magic, sizeof magic, 1, in);
    if (magic != dump_magic)
        cli::fail(cli::exit_failure, fmt::format("Magic mismatch ({} elems, {:x} magic)\n", n, magic));
}

} // namespace

int list_flush_save(Cmd& cmd, cli::Args& a, Action action)
{
    Context& c = cmd.c;
    Filter& f = cmd.filter;
    f = Filter{};
    f.tb = RT_TABLE_MAIN;
    int dump_family = c.opt.family;
    if (action == Action::save) {
        if (c.opt.json)
            unsupported("save with -j");
        if (isatty(STDOUT_FILENO))
            cli::fail(cli::exit_failure, "Not sending a binary stream to stdout\n");
        c.out.flush();
        std::fwrite(&dump_magic, sizeof dump_magic, 1, stdout);
    }
    if (action == Action::flush && a.empty())
        cli::fail(cli::exit_failure, "\"ip route flush\" requires arguments.\n");
    std::string_view idev, odev;
    for (; !a.empty(); a.next()) {
        if (a.matches("table")) {
            std::string_view w = a.value();
            if (auto t = cmd.names.table_id(w))
                f.tb = *t;
            else if (w == "all")
                f.tb = 0;
            else if (w == "cache")
                f.cloned = 1;
            else if (w == "help")
                usage();
            else
                cli::invarg("table id value is invalid\n", w);
        } else if (a.matches("vrf")) {
            std::string_view w = a.value();
            uint32_t t = vrf_table(cmd, w);
            if (!t)
                cli::invarg("Invalid VRF\n", w);
            f.tb = t;
            f.typemask = ~((uint64_t{1} << RTN_LOCAL) | (uint64_t{1} << RTN_BROADCAST));
        } else if (a.matches("cached") || a.matches("cloned")) {
            f.cloned = 1;
        } else if (a.is("tos") || a.matches("dsfield")) {
            std::string_view w = a.value();
            auto t = cmd.names.dsfield_id(w);
            if (!t)
                cli::invarg("TOS value is invalid\n", w);
            f.tos = static_cast<int>(*t);
            f.tosmask = -1;
        } else if (a.matches("protocol")) {
            std::string_view w = a.value();
            f.protocolmask = -1;
            auto p = cmd.names.protocol_id(w);
            if (!p) {
                if (w != "all")
                    cli::invarg("invalid \"protocol\"\n", w);
                p = 0;
                f.protocolmask = 0;
            }
            f.protocol = static_cast<int>(*p);
        } else if (a.matches("scope")) {
            std::string_view w = a.value();
            f.scopemask = -1;
            auto s = cmd.names.scope_id(w);
            if (!s) {
                if (w != "all")
                    cli::invarg("invalid \"scope\"\n", w);
                s = RT_SCOPE_NOWHERE;
                f.scopemask = 0;
            }
            f.scope = static_cast<int>(*s);
        } else if (a.matches("type")) {
            std::string_view w = a.value();
            auto t = type_word(w);
            if (!t)
                cli::invarg("node type value is invalid\n", w);
            // iproute2 shifts an int: a sign-extended bit for type 31.
            f.typemask = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(1u << (*t & 31))));
        } else if (a.is("dev") || a.is("oif")) {
            odev = a.value();
        } else if (a.is("iif")) {
            idev = a.value();
        } else if (a.is("mark")) {
            std::string_view w = a.value();
            auto m = net::parse_unsigned(w, 0);
            if (!m)
                cli::invarg("invalid mark value", w);
            f.mark = static_cast<int>(*m);
            f.markmask = -1;
        } else if (a.matches("metric") || a.matches("priority") || a.is("preference")) {
            std::string_view w = a.value();
            auto m = net::parse_unsigned(w, 0);
            if (!m)
                cli::invarg("\"metric\" value is invalid\n", w);
            f.metric = *m;
            f.metricmask = 0xffffffffu;
        } else if (a.is("via")) {
            std::string_view w = a.value();
            int family = family_word(w);
            if (family == AF_UNSPEC)
                family = dump_family;
            else
                w = a.value();
            f.rvia = selector_prefix(w, family);
        } else if (a.is("src")) {
            f.rprefsrc = selector_prefix(a.value(), dump_family);
        } else if (a.matches("realms")) {
            std::string_view w = a.value();
            auto r = cmd.names.realms(w);
            if (!r)
                cli::invarg("invalid realms\n", w);
            f.realm = *r;
            f.realmmask = 0xffffffffu;
            if ((f.realm & 0xffff) == 0 && w.ends_with('/'))
                f.realmmask &= ~0xffffu;
            if ((f.realm & 0xffff0000u) == 0 && (w.find('/') == std::string_view::npos || w.starts_with('/')))
                f.realmmask &= ~0xffff0000u;
        } else if (a.matches("from")) {
            std::string_view w = a.value();
            if (cli::matches(w, "root")) {
                f.rsrc = selector_prefix(a.value(), dump_family);
            } else if (cli::matches(w, "match")) {
                f.msrc = selector_prefix(a.value(), dump_family);
            } else {
                if (cli::matches(w, "exact"))
                    w = a.value();
                f.msrc = selector_prefix(w, dump_family);
                f.rsrc = f.msrc;
            }
        } else {
            std::string_view w = a.peek();
            if (cli::matches(w, "to"))
                w = a.value();
            if (cli::matches(w, "root")) {
                f.rdst = selector_prefix(a.value(), dump_family);
            } else if (cli::matches(w, "match")) {
                f.mdst = selector_prefix(a.value(), dump_family);
            } else {
                if (cli::matches(w, "exact"))
                    w = a.value();
                f.mdst = selector_prefix(w, dump_family);
                f.rdst = f.mdst;
            }
        }
    }
    if (dump_family == AF_UNSPEC && f.tb)
        dump_family = AF_INET;
    if (!idev.empty() || !odev.empty()) {
        if (!idev.empty()) {
            uint32_t idx = index_of(c, idev);
            if (!idx)
                no_device(idev);
            f.iif = static_cast<int>(idx);
            f.iifmask = -1;
        }
        if (!odev.empty()) {
            uint32_t idx = index_of(c, odev);
            if (!idx)
                no_device(odev);
            f.oif = static_cast<int>(idx);
            f.oifmask = -1;
        }
    }
    if (action == Action::flush) {
        int rc = flush(cmd, dump_family);
        return rc;
    }
    auto doc = action == Action::list ? c.out.document() : cli::Output::Scope(c.out, cli::Output::Scope::What::nothing);
    std::vector<std::byte> bytes;
    try {
        bytes = dump_routes(cmd, dump_family, "Dump terminated\n", true, cli::Stop::batch);
    } catch (const cli::Failure&) {
        doc.abandon();
        throw;
    }
    if (action == Action::save) {
        for (const net::Msg& m : net::split_messages(bytes)) {
            if (m.type() != RTM_NEWROUTE)
                continue;
            Route r = net::rtnl::decode_route(m);
            if (filter_match(f, r, dump_family))
                std::fwrite(&m.header(), 1, m.header().nlmsg_len, stdout);
        }
        return 0;
    }
    LinkCache& links = c.links;
    remember_links(c, links);
    for (const net::Msg& m : net::split_messages(bytes)) {
        if (m.type() != RTM_NEWROUTE)
            continue;
        Route r = net::rtnl::decode_route(m);
        if (filter_match(f, r, dump_family))
            print_route(c, links, cmd.names, f, r);
    }
    doc.close();
    return 0;
}

int restore(Cmd& cmd)
{
    Context& c = cmd.c;
    check_magic(stdin);
    Saved saved = read_saved(stdin);
    // iproute2 restores in three passes: routes to local addresses, to
    // local networks, then through gateways; "File exists" is reported and
    // passed over.
    for (int prio = 0; prio < 3; ++prio) {
        for (const auto& raw : saved.msgs) {
            for (const net::Msg& m : net::split_messages(raw)) {
                net::AttrTable t(m.attrs<rtmsg>(), RTA_MAX);
                const net::Attr* gw = t.get(RTA_GATEWAY);
                const net::Attr* ps = t.get(RTA_PREFSRC);
                const net::Attr* dst = t.get(RTA_DST);
                auto same = [](const net::Attr* x, const net::Attr* y) {
                    return x && y && x->payload().size() == y->payload().size() &&
                           std::equal(x->payload().begin(), x->payload().end(), y->payload().begin());
                };
                bool go = (prio == 0 && !gw && (!ps || same(ps, dst))) ||
                          (prio == 1 && !gw && ps && !same(ps, dst)) || (prio == 2 && gw);
                if (!go)
                    continue;
                net::Message req = net::rtnl::copy_route(m, m.type(), m.flags() | NLM_F_CREATE);
                try {
                    c.rtnl().request(req);
                } catch (const net::Error& e) {
                    if (!e.context().empty())
                        throw;
                    std::string msg = e.extack().empty()
                                          ? fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code()))
                                          : fmt::format("Error: {}{}\n", e.extack(), e.extack().ends_with('.') ? "" : ".");
                    if (e.code() != EEXIST)
                        cli::fail(cli::exit_kernel, msg);
                    std::fputs(msg.c_str(), stderr);
                }
            }
        }
        if (!saved.error.empty())
            cli::fail(cli::exit_kernel, saved.error);
    }
    return 0;
}

int showdump(Cmd& cmd)
{
    Context& c = cmd.c;
    check_magic(stdin);
    Saved saved = read_saved(stdin);
    // Printed without a JSON writer, and with an empty filter: every table,
    // no cached routes.
    Options topt = text_options(c.opt);
    Context tc(topt);
    LinkCache& links = c.links;
    Filter f;
    for (const auto& raw : saved.msgs) {
        for (const net::Msg& m : net::split_messages(raw)) {
            if (m.type() != RTM_NEWROUTE) {
                tc.out.flush();
                std::fprintf(stderr, "Not a route: %08x %08x %08x\n", m.header().nlmsg_len, m.type(), m.flags());
                continue;
            }
            Route r = net::rtnl::decode_route(m);
            if (filter_match(f, r, c.opt.family))
                print_route(tc, links, cmd.names, f, r);
        }
    }
    if (!saved.error.empty()) {
        tc.out.flush();
        cli::fail(cli::exit_kernel, saved.error);
    }
    return 0;
}

} // namespace nsbox::ip::route
