// ip address: add, change, replace, del, show, flush (iproute2's
// ipaddress.c), and the listing shared with `ip link show`.

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fnmatch.h>
#include <memory>
#include <utility>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/linktypes.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/inet.hpp"

namespace nsbox::ip {

namespace {

using net::rtnl::Addr;
using net::rtnl::Link;

constexpr uint32_t infinity_life = 0xffffffffu;
// iproute2's max_flush_loops default.
constexpr int flush_rounds = 10;

// iproute2's ifa_flag_data: the flag words, in the order it prints them.
// Read-only flags are refused on add (with a warning); v6-only ones are
// refused for other families.
struct FlagData {
    std::string_view name;
    uint32_t mask;
    bool readonly;
    bool v6only;
};
constexpr FlagData ifa_flag_data[] = {
    {"secondary", IFA_F_SECONDARY, true, false},
    {"temporary", IFA_F_SECONDARY, true, false},
    {"nodad", IFA_F_NODAD, false, true},
    {"optimistic", IFA_F_OPTIMISTIC, false, true},
    {"dadfailed", IFA_F_DADFAILED, true, true},
    {"home", IFA_F_HOMEADDRESS, false, true},
    {"deprecated", IFA_F_DEPRECATED, true, true},
    {"tentative", IFA_F_TENTATIVE, true, true},
    {"permanent", IFA_F_PERMANENT, true, true},
    {"mngtmpaddr", IFA_F_MANAGETEMPADDR, false, true},
    {"noprefixroute", IFA_F_NOPREFIXROUTE, false, false},
    {"autojoin", IFA_F_MCAUTOJOIN, false, false},
    {"stable-privacy", IFA_F_STABLE_PRIVACY, true, true},
};

const FlagData* lookup_flag(std::string_view name)
{
    for (const FlagData& f : ifa_flag_data)
        if (f.name == name)
            return &f;
    return nullptr;
}

void print_ifa_flags(cli::Output& out, const Addr& a)
{
    uint32_t flags = a.flags;
    for (const FlagData& f : ifa_flag_data) {
        if (f.mask == IFA_F_PERMANENT) {
            if (!(flags & f.mask)) {
                out.json_field("dynamic", true);
                out.text("dynamic ");
            }
        } else if (flags & f.mask) {
            std::string_view n = (f.mask == IFA_F_SECONDARY && a.family == AF_INET6) ? "temporary" : f.name;
            out.json_field(n, true);
            out.textf("{} ", n);
        }
        flags &= ~f.mask;
    }
    if (flags) {
        out.json_field("ifa_flags", fmt::format("{:02x}", flags));
        out.textf("flags {:02x} ", flags);
    }
}

// iproute2's get_filter: a flag word, "-" inverts it; "dynamic" is
// "-permanent" and "primary" is "-secondary".
bool parse_flag_filter(LinkFilter& f, std::string_view w)
{
    bool inv = false;
    if (w.starts_with('-')) {
        inv = true;
        w.remove_prefix(1);
    }
    if (w == "dynamic") {
        inv = !inv;
        w = "permanent";
    } else if (w == "primary") {
        inv = !inv;
        w = "secondary";
    }
    const FlagData* d = lookup_flag(w);
    if (!d)
        return false;
    if (inv)
        f.flags &= ~d->mask;
    else
        f.flags |= d->mask;
    f.flagmask |= d->mask;
    return true;
}

// rtnl_rtscope_a2n: the names of /etc/iproute2/rt_scopes, or 0..255.
std::optional<uint8_t> parse_scope(std::string_view w)
{
    if (w == "global")
        return RT_SCOPE_UNIVERSE;
    if (w == "host")
        return RT_SCOPE_HOST;
    if (w == "link")
        return RT_SCOPE_LINK;
    if (w == "site")
        return RT_SCOPE_SITE;
    if (w == "nowhere")
        return RT_SCOPE_NOWHERE;
    auto n = net::parse_unsigned(w, 0);
    if (!n || *n > 255)
        return std::nullopt;
    return static_cast<uint8_t>(*n);
}

std::string addr_str(const std::optional<net::IpAddress>& a) { return a ? net::format_address(*a) : std::string(); }

// The address the filters and printers call local: IFA_LOCAL, or
// IFA_ADDRESS when there is none (IPv6 carries only IFA_ADDRESS).
const std::optional<net::IpAddress>& local_of(const Addr& a) { return a.local ? a.local : a.address; }

// The per-address half of iproute2's filter (print_addrinfo and
// ipaddr_filter): scope, flags, family, label, "to" prefix.
bool addr_selected(const LinkFilter& f, int family, const Addr& a, LinkCache& names)
{
    if ((f.scope ^ a.scope) & f.scopemask)
        return false;
    if ((f.flags ^ a.flags) & f.flagmask)
        return false;
    if (family && family != a.family)
        return false;
    if (f.label) {
        std::string label = a.label ? *a.label : names.name(a.index);
        if (::fnmatch(f.label->c_str(), label.c_str(), 0) != 0)
            return false;
    }
    const auto& local = local_of(a);
    if (f.to && f.to->addr.family != AF_UNSPEC && f.to->len > 0 && local) {
        if (local->family != f.to->addr.family || !net::prefix_match(*local, f.to->addr, f.to->len))
            return false;
    }
    return true;
}

// The per-link half (print_linkinfo): -1 leaves the link out (its JSON
// object stays, empty), 0 prints its addresses without the link (a label
// filter), 1 prints it.
int link_selected(const LinkFilter& f, const Link& l)
{
    if (f.up && !(l.flags & IFF_UP))
        return -1;
    if (f.label)
        return 0;
    if (l.group && f.group && *l.group != *f.group)
        return -1;
    if (f.master > 0 && (!l.master || *l.master != f.master))
        return -1;
    if (!f.kind.empty() && l.kind.value_or("") != f.kind)
        return -1;
    if (!f.slave_kind.empty() && l.slave_kind.value_or("") != f.slave_kind)
        return -1;
    return 1;
}

// One address (iproute2's print_addrinfo once its filters passed).
// `with_dev` prefixes "INDEX: DEV" (-o, and the addresses a flush lists).
void print_addr(Context& c, LinkCache& names, const Addr& a, bool with_dev)
{
    cli::Output& out = c.out;
    const bool brief = c.opt.brief;
    if (!brief) {
        if (with_dev) {
            out.json_field("index", static_cast<int>(a.index));
            out.json_field("dev", names.name(a.index));
            out.textf("{}: {}", a.index, names.name(a.index));
        }
        std::string fam = net::family_name(a.family);
        if (a.family == AF_INET || a.family == AF_INET6)
            out.field("family", "    {} ", fam);
        else
            out.field("family_index", "    family {} ", static_cast<int>(a.family));
    }
    // IFA_LOCAL and IFA_ADDRESS stand in for each other.
    const auto& local = local_of(a);
    const auto& peer = a.address ? a.address : a.local;
    const cli::Color color = family_color(a.family);
    if (local) {
        out.field(color, "local", "{}", addr_str(local));
        // Compared as bytes, as iproute2 does.
        if (peer && !std::ranges::equal(peer->span(), local->span())) {
            out.text(" peer ");
            out.field(color, "address", "{}", addr_str(peer));
        }
        out.field("prefixlen", "/{} ", static_cast<int>(a.prefixlen));
        if (a.rt_priority)
            out.field("metric", "metric {} ", *a.rt_priority);
    }
    if (brief)
        return;
    // The separator after the address is coloured with it, the keyword is not.
    if (a.broadcast) {
        out.text("brd ");
        out.field(color, "broadcast", "{} ", addr_str(a.broadcast));
    }
    if (a.anycast) {
        out.text("any ");
        out.field(color, "anycast", "{} ", addr_str(a.anycast));
    }
    out.field("scope", "scope {} ", c.opt.numeric ? std::to_string(a.scope) : scope_name(a.scope));
    print_ifa_flags(out, a);
    if (a.label)
        out.field("label", "{}", *a.label);
    if (a.cacheinfo) {
        const ifa_cacheinfo& ci = *a.cacheinfo;
        out.text(c.opt.oneline ? "\\" : "\n");
        out.text("       valid_lft ");
        if (ci.ifa_valid == infinity_life) {
            out.json_field("valid_life_time", infinity_life);
            out.text("forever");
        } else {
            out.field("valid_life_time", "{}sec", ci.ifa_valid);
        }
        out.text(" preferred_lft ");
        if (ci.ifa_prefered == infinity_life) {
            out.json_field("preferred_life_time", infinity_life);
            out.text("forever");
        } else if (a.flags & IFA_F_DEPRECATED) {
            out.field("preferred_life_time", "{}sec", static_cast<int32_t>(ci.ifa_prefered));
        } else {
            out.field("preferred_life_time", "{}sec", ci.ifa_prefered);
        }
    }
    out.text("\n");
}

// The words after `ip address show|flush` and `ip link show` (iproute2's
// ipaddr_list_flush_or_save parser, which both commands run).
struct ListArgs {
    LinkFilter f;
    int family = AF_UNSPEC;      // what the filters and printers select
    int link_family = AF_UNSPEC; // what links are dumped with (-4/-6/-0)
    std::string dev;
};

ListArgs parse_list(Context& c, cli::Args& a, bool do_link)
{
    ListArgs r;
    r.family = do_link ? AF_PACKET : c.opt.family;
    r.link_family = r.family;
    LinkFilter& f = r.f;
    for (; !a.empty(); a.next()) {
        if (a.is("to")) {
            std::string_view w = a.value();
            if (do_link)
                cli::fail(cli::exit_usage, "nsbox ip: link show filter \"to\" is not supported yet\n");
            auto p = net::parse_prefix(w, r.family);
            if (!p)
                cli::fail(cli::exit_failure,
                          fmt::format("Error: {} prefix is expected rather than \"{}\".\n",
                                      net::family_name_verbose(r.family), w), cli::Stop::batch);
            f.to = *p;
            if (r.family == AF_UNSPEC)
                r.family = p->addr.family;
        } else if (a.is("scope")) {
            std::string_view w = a.value();
            f.scopemask = 0xff;
            if (auto s = parse_scope(w)) {
                f.scope = *s;
            } else {
                if (w != "all")
                    cli::invarg("invalid \"scope\"\n", w);
                f.scope = RT_SCOPE_NOWHERE;
                f.scopemask = 0;
            }
        } else if (a.is("up")) {
            f.up = true;
        } else if (parse_flag_filter(f, a.peek())) {
        } else if (a.is("label")) {
            f.label = std::string(a.value());
        } else if (a.is("group")) {
            std::string_view w = a.value();
            auto g = group_number(w);
            if (!g)
                cli::invarg("Invalid \"group\" value\n", w);
            f.group = *g;
        } else if (a.is("master")) {
            std::string_view w = a.value();
            uint32_t idx = index_of(c, w);
            if (!idx)
                cli::invarg("Device does not exist\n", w);
            f.master = idx;
        } else if (a.is("vrf")) {
            std::string_view w = a.value();
            std::optional<Link> l;
            if (!w.empty() && w.size() < IFNAMSIZ)
                l = c.rtnl().link(w, AF_UNSPEC, RTEXT_FILTER_SKIP_STATS);
            if (!l || l->kind.value_or("") != "vrf")
                cli::invarg("Not a valid VRF name\n", w);
            f.master = l->index;
        } else if (a.is("nomaster")) {
            f.master = -1;
        } else if (a.is("type")) {
            std::string_view w = a.value();
            if (w.size() >= 6 && w.ends_with("_slave"))
                f.slave_kind = std::string(w.substr(0, w.size() - 6));
            else
                f.kind = std::string(w);
        } else {
            if (a.is("dev"))
                a.value();
            else if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(do_link ? link_usage : addr_usage));
            if (!r.dev.empty())
                cli::duparg2("dev", a.peek());
            r.dev = std::string(a.peek());
        }
    }
    return r;
}

// Runs `f` with a Context whose options are `o`: the printers read the
// family and format from the options, and iproute2 prints with the
// family a "to" prefix implies, and prints flush listings as text even
// under -j.
template <class F>
int with_options(Context& c, const Options& o, F f)
{
    c.out.flush();
    Context e(o);
    e.link_listed = c.link_listed;
    int rc = f(e);
    e.out.flush();
    return rc;
}

// ipaddr_flush: dump, delete what the filter selects, until nothing is
// left (at most flush_rounds rounds).
int flush_addrs(Context& c, const LinkFilter& f, int family, uint32_t index)
{
    auto& rtnl = c.rtnl();
    LinkCache& names = c.links;
    for (int round = 0; round < flush_rounds;) {
        std::vector<Addr> all = rtnl.addrs(static_cast<uint8_t>(family), index);
        std::vector<Addr> doomed;
        for (Addr& a : all)
            if ((!index || a.index == index) && addr_selected(f, family, a, names))
                doomed.push_back(std::move(a));
        if (doomed.empty()) {
            if (c.opt.stats) {
                if (round == 0)
                    c.out.text("Nothing to flush.\n");
                else
                    print_flush_complete(c.out, round);
            }
            return 0;
        }
        ++round;
        if (c.opt.stats >= 2)
            for (const Addr& a : doomed)
                print_addr(c, names, a, true);
        // A delete may take others with it (an IPv4 primary takes its
        // secondaries): "not available" is not a failure here.
        for (const net::Ack& ack : net::rtnl::delete_addrs(rtnl.socket(), doomed)) {
            if (ack.error != EADDRNOTAVAIL)
                cli::fail(cli::exit_failure,
                          fmt::format("Failed to send flush request: {}\n", std::strerror(ack.error)));
        }
        if (c.opt.stats) {
            c.out.textf("\n*** Round {}, deleting {} addresses ***\n", round, doomed.size());
            c.out.flush();
        }
        // Flushing primaries is one round: the next would delete the
        // secondaries promoted in their place.
        if (!(f.flags & IFA_F_SECONDARY) && (f.flagmask & IFA_F_SECONDARY)) {
            if (c.opt.stats)
                print_flush_complete(c.out, round);
            return 0;
        }
    }
    c.out.flush();
    cli::fail(cli::exit_failure, fmt::format("*** Flush remains incomplete after {} rounds. ***\n", flush_rounds));
}

// The addresses of a listing, kept until their links come by: one compact
// record per address (about 40 bytes for an IPv4 address, against the 80
// of its message and the 200 of a decoded Addr) in 16 KiB chunks that never
// move, found by ifindex through a sorted index of 12-byte references.
class AddrStore {
public:
    void add(const Addr& a)
    {
        const size_t n = record_size(a);
        if (chunks_.empty() || used_ + n > chunk_size) {
            if (chunks_.size() == spare_)
                chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk_size));
            ++spare_;
            used_ = 0;
        }
        std::byte* p = chunks_[spare_ - 1].get() + used_;
        refs_.push_back(Ref{a.index, static_cast<uint32_t>(spare_ - 1), static_cast<uint32_t>(used_)});
        used_ += n;
        uint8_t present = (a.local ? 1 : 0) | (a.address ? 2 : 0) | (a.broadcast ? 4 : 0) | (a.anycast ? 8 : 0) |
                          (a.label ? 16 : 0) | (a.cacheinfo ? 32 : 0) | (a.rt_priority ? 64 : 0);
        put(p, a.index);
        put(p, a.flags);
        put(p, a.family);
        put(p, a.prefixlen);
        put(p, a.scope);
        put(p, present);
        for (const auto* ip : {&a.local, &a.address, &a.broadcast, &a.anycast})
            if (*ip) {
                put(p, (*ip)->family);
                std::memcpy(p, (*ip)->bytes.data(), (*ip)->size());
                p += (*ip)->size();
            }
        if (a.label) {
            auto len = static_cast<uint8_t>(std::min<size_t>(a.label->size(), 255));
            put(p, len);
            std::memcpy(p, a.label->data(), len);
            p += len;
        }
        if (a.cacheinfo)
            put(p, *a.cacheinfo);
        if (a.rt_priority)
            put(p, *a.rt_priority);
    }
    // Once every address is in: ordered by link, in dump order per link.
    void seal()
    {
        std::stable_sort(refs_.begin(), refs_.end(), [](const Ref& x, const Ref& y) { return x.index < y.index; });
    }
    bool has(uint32_t index) const { return range(index).first != range(index).second; }
    // Calls f(const Addr&) for each address of link `index`, in dump order.
    template <class F>
    void each(uint32_t index, F f) const
    {
        auto [b, e] = range(index);
        Addr a;
        for (auto it = b; it != e; ++it) {
            load(*it, a);
            f(static_cast<const Addr&>(a));
        }
    }

private:
    static constexpr size_t chunk_size = 16384;
    struct Ref {
        uint32_t index;
        uint32_t chunk;
        uint32_t offset;
    };
    static size_t record_size(const Addr& a)
    {
        size_t n = 12;
        for (const auto* ip : {&a.local, &a.address, &a.broadcast, &a.anycast})
            if (*ip)
                n += 1 + (*ip)->size();
        if (a.label)
            n += 1 + std::min<size_t>(a.label->size(), 255);
        if (a.cacheinfo)
            n += sizeof(ifa_cacheinfo);
        if (a.rt_priority)
            n += 4;
        return n;
    }
    template <class T>
    static void put(std::byte*& p, const T& v)
    {
        std::memcpy(p, &v, sizeof v);
        p += sizeof v;
    }
    template <class T>
    static void get(const std::byte*& p, T& v)
    {
        std::memcpy(&v, p, sizeof v);
        p += sizeof v;
    }
    std::pair<std::vector<Ref>::const_iterator, std::vector<Ref>::const_iterator> range(uint32_t index) const
    {
        return std::equal_range(refs_.begin(), refs_.end(), Ref{index, 0, 0},
                                [](const Ref& x, const Ref& y) { return x.index < y.index; });
    }
    void load(const Ref& r, Addr& a) const
    {
        const std::byte* p = chunks_[r.chunk].get() + r.offset;
        uint8_t present;
        get(p, a.index);
        get(p, a.flags);
        get(p, a.family);
        get(p, a.prefixlen);
        get(p, a.scope);
        get(p, present);
        int bit = 1;
        for (auto* ip : {&a.local, &a.address, &a.broadcast, &a.anycast}) {
            ip->reset();
            if (present & bit) {
                net::IpAddress x;
                get(p, x.family);
                std::memcpy(x.bytes.data(), p, x.size());
                p += x.size();
                *ip = x;
            }
            bit <<= 1;
        }
        a.label.reset();
        if (present & 16) {
            uint8_t len;
            get(p, len);
            a.label.emplace(reinterpret_cast<const char*>(p), len);
            p += len;
        }
        a.cacheinfo.reset();
        if (present & 32) {
            ifa_cacheinfo ci;
            get(p, ci);
            a.cacheinfo = ci;
        }
        a.rt_priority.reset();
        if (present & 64) {
            uint32_t v;
            get(p, v);
            a.rt_priority = v;
        }
    }
    std::vector<std::unique_ptr<std::byte[]>> chunks_;
    size_t spare_ = 0; // chunks in use
    size_t used_ = 0;  // bytes used in the last one
    std::vector<Ref> refs_;
};

// One listing of links (iproute2's ipaddr_list_flush_or_save, show side),
// for `ip link show` (do_link) and `ip address show`, in every format:
// each link is filtered and printed as its message arrives; only the
// addresses are kept (AddrStore), dumped first and joined by ifindex.
//
// A link that prints the name of a link later in the dump ("v1@p1: " where
// p1 comes next, "master br0" for a bridge created after its port) waits,
// and every link after it with it, until the dump brings that name: dumps
// come in ifindex order, so the wait is one or two links long, and the
// name is not asked of the kernel link by link.
class Listing {
public:
    Listing(Context& c, LinkCache& names, const LinkFilter& f, bool do_link, const AddrStore& addrs)
        : c_(c), names_(names), f_(f), addrs_(addrs), family_(do_link ? AF_PACKET : c.opt.family),
          link_style_(do_link || c.link_listed), no_link_(c.opt.oneline && family_ != AF_PACKET),
          doc_(c.out.document())
    {
    }
    // A link as a dump brings it.
    void arrive(Link&& l)
    {
        const auto index = static_cast<uint32_t>(l.index);
        names_.remember(l);
        highest_ = std::max(highest_, index);
        if (waiting_.empty() && !waits(l)) {
            print(l);
            return;
        }
        waiting_.push_back(std::move(l));
        drain(false);
    }
    // The end of the dump: what waits is printed, names the dump did not
    // bring asked of the kernel.
    void finish() { drain(true); }

    // Prints one link (and its addresses) now.
    void print(const Link& l)
    {
        const auto index = static_cast<uint32_t>(l.index);
        const int sel = link_selected(f_, l);
        // What -d cannot print yet fails with nothing of this listing printed
        // (unless a long one was already written out).
        if (sel > 0) {
            try {
                check_printable(c_, l);
            } catch (const cli::Failure&) {
                doc_.abandon();
                c_.out.discard();
                throw;
            }
        }
        if (family_ != AF_PACKET && !keep_link(index))
            return;
        // iproute2 opens the link's JSON object before its printer filters:
        // a link filtered out there leaves "{}".
        auto o = c_.out.object();
        int res = 0;
        if (c_.opt.brief || !no_link_) {
            res = sel;
            if (res < 0)
                return;
            if (res > 0)
                print_link(c_, names_, l, link_style_, family_);
        }
        if (family_ == AF_PACKET)
            return;
        auto arr = c_.out.array("addr_info", cli::In::json);
        addrs_.each(index, [&](const Addr& ad) {
            if (family_ && family_ != ad.family)
                return;
            if (f_.up && !(l.flags & IFF_UP))
                return;
            auto ao = c_.out.object();
            if (addr_selected(f_, family_, ad, names_))
                print_addr(c_, names_, ad, no_link_ && !c_.opt.brief);
        });
        arr.close();
        if (c_.opt.brief)
            c_.out.text("\n");
        // ip -s address: the link's statistics after its addresses.
        if (res > 0 && c_.opt.stats && !c_.opt.brief && !link_style_) {
            print_link_stats(c_, l);
            c_.out.text("\n");
        }
    }

private:
    // iproute2's ipaddr_filter: links with addresses of which none passes
    // the address filter go; links with no address at all stay unless a
    // family was asked for.
    bool keep_link(uint32_t index)
    {
        bool any = false, kept = false;
        addrs_.each(index, [&](const Addr& a) {
            any = true;
            if (!kept && addr_selected(f_, family_, a, names_))
                kept = true;
        });
        return kept || (!any && (family_ == AF_UNSPEC || family_ == AF_PACKET));
    }
    // Whether `l` names a link that the dump has not brought yet and may
    // still bring.
    bool waits(const Link& l) const
    {
        auto later = [&](uint32_t i) { return i != 0 && i > highest_ && !names_.known(i); };
        return (l.link && !l.link_netnsid && later(*l.link)) || (l.master && later(*l.master));
    }
    void drain(bool all)
    {
        size_t k = 0;
        for (; k < waiting_.size(); ++k) {
            if (!all && waits(waiting_[k]))
                break;
            print(waiting_[k]);
        }
        waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(k));
    }

    Context& c_;
    LinkCache& names_;
    const LinkFilter& f_;
    const AddrStore& addrs_;
    const int family_;
    // Links printed as `ip link show` prints them: in a batch after an
    // `ip link show`, also those of `ip address show` (Context::link_listed).
    const bool link_style_;
    // With -o, addresses are printed one per line with their link's name,
    // and the link itself (with its filters) is not printed.
    const bool no_link_;
    std::vector<Link> waiting_;
    uint32_t highest_ = 0;
    cli::Output::Scope doc_;
};

int list(Context& c, const ListArgs& r, bool do_link)
{
    const LinkFilter& f = r.f;
    const int family = r.family;
    auto& rtnl = c.rtnl();
    // Statistics are most of the kernel's work for a big dump: asked for
    // only when printed.
    const uint32_t ext_mask = RTEXT_FILTER_VF | (c.opt.stats ? 0 : RTEXT_FILTER_SKIP_STATS);
    std::optional<Link> one;
    if (!r.dev.empty()) {
        // `ip link show dev` asks by index only with a group filter
        // (iproute2's iplink_get, else ipaddr_link_get).
        one = listed_link(c, r.dev, static_cast<uint8_t>(family), ext_mask, !do_link || f.group.has_value());
        if (!one)
            return 0;
    }
    AddrStore addrs;
    if (family != AF_PACKET) {
        const uint32_t index = one ? static_cast<uint32_t>(one->index) : 0;
        rtnl.each_addr(static_cast<uint8_t>(family), index, [&](Addr&& a) { addrs.add(a); });
        addrs.seal();
    }
    Listing list(c, c.links, f, do_link, addrs);
    if (one) {
        list.arrive(std::move(*one));
        list.finish();
        return 0;
    }
    // The extended mask goes only with the unspecified and AF_PACKET dumps
    // (the AF_INET6 dump refuses any attribute); master and kind are
    // filtered by the kernel, as iproute2 asks it to. Other families'
    // dumps take no filter: "nomaster" then filters nothing, and master and
    // kind are left to link_selected.
    const int lf = r.link_family;
    const bool mask = lf == AF_UNSPEC || lf == AF_PACKET;
    std::optional<uint32_t> master;
    if (f.master && mask)
        master = static_cast<uint32_t>(f.master);
    std::optional<std::string_view> kind;
    if (!f.kind.empty() && mask)
        kind = f.kind;
    rtnl.each_link(static_cast<uint8_t>(lf), mask ? ext_mask : 0, master, kind,
                   [&](Link&& l) { list.arrive(std::move(l)); });
    list.finish();
    return 0;
}

// iproute2's iplink_get, which its `address show dev DEV` calls once
// do_link is set: the one link as `ip link show` prints it, with the
// listing's family (so no link/ether line under -4, and under -br no
// newline).
int show_as_link(Context& c, const ListArgs& r)
{
    const uint32_t ext_mask = RTEXT_FILTER_VF | (c.opt.stats ? 0 : RTEXT_FILTER_SKIP_STATS);
    std::optional<Link> l = listed_link(c, r.dev, static_cast<uint8_t>(r.family), ext_mask, false);
    check_printable(c, *l);
    c.links.remember(*l);
    auto doc = c.out.document();
    auto o = c.out.object();
    if (link_selected(r.f, *l) > 0)
        print_link(c, c.links, *l, true, r.family);
    return 0;
}

} // namespace

int list_links(Context& c, cli::Args& a, bool do_link)
{
    ListArgs r = parse_list(c, a, do_link);
    // After an `ip link show` in a batch, iproute2 shows one device
    // (without a group filter) the way `ip link show` does: no addresses.
    if (!do_link && c.link_listed && !r.dev.empty() && !r.f.group)
        return show_as_link(c, r);
    if (r.family != c.opt.family && !do_link) {
        Options o = c.opt;
        o.family = r.family;
        return with_options(c, o, [&](Context& e) { return list(e, r, do_link); });
    }
    return list(c, r, do_link);
}

void print_links(Context& c, LinkCache& names, const std::vector<Link>& links, const std::vector<Addr>& addrs,
                 const LinkFilter& f, bool do_link)
{
    // Recorded dumps: every name is known before the first line.
    for (const Link& l : links)
        names.remember(l);
    AddrStore stored;
    for (const Addr& a : addrs)
        stored.add(a);
    stored.seal();
    Listing list(c, names, f, do_link, stored);
    for (const Link& l : links)
        list.print(l);
}

namespace {

[[noreturn]] void prefix_expected(int family, std::string_view w)
{
    cli::fail(cli::exit_failure, fmt::format("Error: {} prefix is expected rather than \"{}\".\n",
                                             net::family_name_verbose(family), w), cli::Stop::batch);
}

[[noreturn]] void address_expected(int family, std::string_view w)
{
    cli::fail(cli::exit_failure, fmt::format("Error: {} address is expected rather than \"{}\".\n",
                                             net::family_name_verbose(family), w), cli::Stop::batch);
}

// get_addr: an address of `family` (or of either), or "default" / "any" /
// "all" (no bytes unless a family is known).
net::Prefix get_addr(std::string_view w, int family)
{
    if (w.find('/') == std::string_view::npos)
        if (auto p = net::parse_prefix(w, family))
            return *p;
    address_expected(family, w);
}

// iproute2's set_lifetime: "forever" or an unsigned number.
std::optional<uint32_t> parse_lifetime(std::string_view w)
{
    if (w == "forever")
        return infinity_life;
    return net::parse_unsigned(w, 0);
}

bool is_multicast(const net::IpAddress& a)
{
    auto b0 = static_cast<unsigned>(a.bytes[0]);
    if (a.family == AF_INET)
        return (b0 & 0xf0) == 0xe0;
    if (a.family == AF_INET6)
        return b0 == 0xff;
    return false;
}

void warn(const std::string& s)
{
    std::fflush(stdout);
    std::fputs(s.c_str(), stderr);
}

// iproute2's ipaddr_modify.
int addr_modify(Context& c, cli::Args& a, uint16_t cmd, uint16_t nl_flags)
{
    Addr req;
    int family = c.opt.family;
    std::optional<net::Prefix> local, peer;
    std::string local_arg;
    std::optional<std::string> dev;
    enum class Brd { none, given, plus, minus } brd = Brd::none;
    bool scoped = false;
    std::optional<uint32_t> valid_lft, preferred_lft;
    uint32_t ifa_flags = 0;
    auto learn_family = [&](int f) {
        if (family == AF_UNSPEC)
            family = f;
    };
    for (; !a.empty(); a.next()) {
        if (a.is("peer") || a.is("remote")) {
            std::string_view w = a.value();
            if (peer && peer->has_bytes())
                cli::duparg("peer", w);
            peer = net::parse_prefix(w, family);
            if (!peer)
                prefix_expected(family, w);
            learn_family(peer->addr.family);
            // "any"/"all" go as an empty attribute, as iproute2 sends them.
            req.address = peer->addr;
            req.prefixlen = static_cast<uint8_t>(peer->len);
        } else if (a.matches("broadcast") || a.is("brd")) {
            std::string_view w = a.value();
            if (brd != Brd::none)
                cli::duparg("broadcast", w);
            if (w == "+") {
                brd = Brd::plus;
            } else if (w == "-") {
                brd = Brd::minus;
            } else {
                net::Prefix b = get_addr(w, family);
                learn_family(b.addr.family);
                req.broadcast = b.addr;
                if (b.has_bytes())
                    brd = Brd::given;
            }
        } else if (a.is("anycast")) {
            std::string_view w = a.value();
            if (req.anycast && req.anycast->size())
                cli::duparg("anycast", w);
            net::Prefix b = get_addr(w, family);
            learn_family(b.addr.family);
            req.anycast = b.addr;
        } else if (a.is("scope")) {
            std::string_view w = a.value();
            auto s = parse_scope(w);
            if (!s)
                cli::invarg("invalid scope value.", w);
            req.scope = *s;
            scoped = true;
        } else if (a.is("dev")) {
            dev = std::string(a.value());
        } else if (a.is("label")) {
            req.label = std::string(a.value());
        } else if (a.matches("metric") || a.matches("priority") || a.matches("preference")) {
            std::string_view w = a.value();
            auto m = net::parse_unsigned(w, 0);
            if (!m)
                cli::invarg("\"metric\" value is invalid\n", w);
            req.rt_priority = *m;
        } else if (a.matches("valid_lft")) {
            if (valid_lft)
                cli::duparg("valid_lft", a.peek());
            std::string_view w = a.value();
            valid_lft = parse_lifetime(w);
            if (!valid_lft)
                cli::invarg("valid_lft value", w);
        } else if (a.matches("preferred_lft")) {
            if (preferred_lft)
                cli::duparg("preferred_lft", a.peek());
            std::string_view w = a.value();
            preferred_lft = parse_lifetime(w);
            if (!preferred_lft)
                cli::invarg("preferred_lft value", w);
        } else if (const FlagData* fd = lookup_flag(a.peek())) {
            if (fd->readonly)
                warn(fmt::format("Warning: {} option is not mutable from userspace\n", fd->name));
            else if (fd->v6only && family != AF_INET6)
                warn(fmt::format("Warning: {} option can be set only for IPv6 addresses\n", fd->name));
            else
                ifa_flags |= fd->mask;
        } else {
            if (a.is("local"))
                a.value();
            if (a.matches("help"))
                cli::fail(cli::exit_usage, std::string(addr_usage));
            if (local && local->has_bytes())
                cli::duparg2("local", a.peek());
            local_arg = std::string(a.peek());
            local = net::parse_prefix(a.peek(), family);
            if (!local)
                prefix_expected(family, a.peek());
            learn_family(local->addr.family);
            req.local = local->addr;
        }
    }
    req.family = static_cast<uint8_t>(family);
    req.flags = ifa_flags;
    if (!dev)
        cli::fail(cli::exit_failure, "Not enough information: \"dev\" argument is required.\n");
    const bool has_peer = peer && peer->has_bytes();
    if (!has_peer && local && local->has_bytes()) {
        if (cmd == RTM_DELADDR && local->addr.family == AF_INET && !local->len_given) {
            warn(fmt::format("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                             "         Explicitly specify the prefix length ({}/{}) to avoid this warning.\n"
                             "         This special behaviour is likely to disappear in further releases,\n"
                             "         fix your scripts!\n",
                             local_arg, 8 * local->addr.size()));
        } else {
            // (After "peer any" iproute2 sends a second IFA_ADDRESS; the
            // kernel refuses the empty first one either way.)
            if (!peer)
                req.address = local->addr;
            peer = local;
        }
    }
    if (req.prefixlen == 0 && local)
        req.prefixlen = static_cast<uint8_t>(local->len);
    if ((brd == Brd::plus || brd == Brd::minus) && cmd != RTM_DELADDR) {
        if (family != AF_INET)
            cli::fail(cli::exit_failure, "Broadcast can be set only for IPv4 addresses\n");
        // The network's last (brd +) or first (brd -) address, for
        // networks with a host part of at least two bits.
        if (peer && peer->len <= 30) {
            net::IpAddress b = peer->addr;
            for (int i = 31; i >= peer->len; --i) {
                auto byte = static_cast<size_t>(i / 8);
                auto bit = static_cast<unsigned>(0x80u >> (i % 8));
                auto v = static_cast<unsigned>(b.bytes[byte]);
                v = brd == Brd::plus ? (v | bit) : (v & ~bit);
                b.bytes[byte] = static_cast<std::byte>(v);
            }
            req.broadcast = b;
        }
    }
    if (!scoped && cmd != RTM_DELADDR && local && local->addr.family == AF_INET && local->has_bytes() &&
        local->addr.bytes[0] == std::byte{127})
        req.scope = RT_SCOPE_HOST;
    req.index = index_of(c, *dev);
    if (!req.index)
        no_device(*dev);
    if (valid_lft || preferred_lft) {
        uint32_t valid = valid_lft.value_or(infinity_life);
        uint32_t preferred = preferred_lft.value_or(infinity_life);
        if (valid == 0)
            cli::fail(cli::exit_failure, "valid_lft is zero\n");
        if (valid < preferred)
            cli::fail(cli::exit_failure, "preferred_lft is greater than valid_lft\n");
        ifa_cacheinfo ci{};
        ci.ifa_prefered = preferred;
        ci.ifa_valid = valid;
        req.cacheinfo = ci;
    }
    if ((ifa_flags & IFA_F_MCAUTOJOIN) && !(local && local->has_bytes() && is_multicast(local->addr)))
        cli::fail(cli::exit_failure, "autojoin needs multicast address\n");
    net::Message m = net::rtnl::encode(cmd, nl_flags, req);
    talk(c, m);
    return 0;
}

int addr_flush(Context& c, cli::Args& a)
{
    if (a.empty())
        cli::fail(cli::exit_failure, "Flush requires arguments.\n");
    if (c.opt.family == AF_PACKET)
        cli::fail(cli::exit_failure, "Cannot flush link addresses.\n");
    ListArgs r = parse_list(c, a, false);
    uint32_t index = 0;
    if (!r.dev.empty()) {
        index = index_of(c, r.dev);
        if (!index)
            cli::fail(cli::exit_failure, fmt::format("Device \"{}\" does not exist.\n", r.dev));
    }
    // The addresses a flush lists (-s -s) are text even under -j, with the
    // family a "to" prefix implies.
    Options o = c.opt;
    o.family = r.family;
    o.json = 0;
    o.pretty = 0;
    return with_options(c, o, [&](Context& e) { return flush_addrs(e, r.f, r.family, index); });
}

} // namespace

int do_addr(Context& c, cli::Args& a)
{
    if (a.empty())
        return list_links(c, a, false);
    if (a.matches("add")) {
        a.next();
        return addr_modify(c, a, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
    }
    if (a.matches("change") || a.is("chg")) {
        a.next();
        return addr_modify(c, a, RTM_NEWADDR, NLM_F_REPLACE);
    }
    if (a.matches("replace")) {
        a.next();
        return addr_modify(c, a, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE);
    }
    if (a.matches("delete")) {
        a.next();
        return addr_modify(c, a, RTM_DELADDR, 0);
    }
    if (a.matches("list") || a.matches("show") || a.matches("lst")) {
        a.next();
        return list_links(c, a, false);
    }
    if (a.matches("flush")) {
        a.next();
        return addr_flush(c, a);
    }
    if (a.matches("save") || a.matches("showdump") || a.matches("restore"))
        cli::fail(cli::exit_usage, fmt::format("nsbox ip: address {} is not supported yet\n", a.peek()));
    if (a.matches("help"))
        cli::fail(cli::exit_usage, std::string(addr_usage));
    cli::fail(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip address help\".\n", a.peek()));
}

} // namespace nsbox::ip
