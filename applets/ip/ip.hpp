// What the `ip` objects share: the global options, the session they run in,
// and the iproute2 sentences for kernel refusals and unknown devices.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sys/socket.h>

#include "applets/common/keyword.hpp"
#include "applets/common/output.hpp"
#include "libnet/inet.hpp"
#include "libnet/netlink.hpp"
#include "libnet/rtnl/rtnl.hpp"

namespace nsbox::ip {

class Context;

// The global options before the object (ip [ OPTIONS ] OBJECT ...).
struct Options {
    int family = AF_UNSPEC; // -4 -6 -0 -f FAMILY
    int json = 0;           // -j
    int pretty = 0;         // -p
    int brief = 0;          // -br
    int details = 0;        // -d
    int stats = 0;          // -s
    int oneline = 0;        // -o
    int force = 0;          // -force
    int all = 0;            // -all
    int human = 0;          // -h[uman-readable]
    int iec = 0;            // -iec
    int timestamp = 0;      // -t[imestamp], -ts[hort]
    int tshort = 0;         // -ts[hort]
    int batch_mode = 0;     // running the commands of -batch
    int numeric = 0;        // -N[umeric]: numbers instead of names in output
    int netns = 0;          // -n NETNS: entered in-process (/sys not remounted)
};

// Colour of an address of `family` (iproute2's ifa_family_color) and of an
// operstate (oper_state_color: UP green, DOWN red, others plain).
cli::Color family_color(int family);
cli::Color operstate_color(uint8_t state);
// The line iproute2's flushes print under -s when `rounds` rounds emptied
// what the filter selected.
void print_flush_complete(cli::Output& out, int rounds);

// iproute2's ll_map (lib/ll_map.c): the one link cache of a command,
// owned by its Context. It has two sides.
//
// By name (ll_name_to_index), kept for the whole process and so for a
// whole -batch: a name resolved once is not asked for again until the
// device is dropped from it, which only a successful `ip link
// add/set/delete` of that device does (iplink_modify's ll_drop_by_index). A
// device renamed or deleted any other way (the peer of a deleted veth, ...)
// keeps its stale entry, so a later command uses the old index, as
// iproute2's does.
//
// By index (ll_index_to_name, ll_index_to_flags, ll_index_to_type), filled
// by the listings as their dumps stream past (remember) and forgotten at
// the start of each command (begin_command): a name, IFF_* flags and
// ARPHRD_* type per ifindex, 28 bytes an entry, in a vector sorted by
// index. An index no dump brought is asked of the kernel once, on the
// cache's own socket ("ifN" when it has no such link), unless the cache is
// offline (printing recorded dumps in tests).
class LinkCache {
public:
    explicit LinkCache(Context& c) : c_(c) {}
    LinkCache(const LinkCache&) = delete;
    LinkCache& operator=(const LinkCache&) = delete;

    // --- by name, for the whole process
    std::optional<uint32_t> find(std::string_view name) const;
    // An RTM_NEWLINK answer for `index` named `name` (ll_remember_index).
    // An index already known under another name is re-hashed by iproute2
    // without its name being updated: neither name finds it any more.
    void remember_name(uint32_t index, const std::string& name);
    void drop(uint32_t index);

    // --- by index, for one command
    // A new command of a batch: what the last one listed is forgotten.
    void begin_command();
    // Never asks the kernel: only what was remembered is known.
    void offline() { offline_ = true; }
    // A link a dump or a query brought (under -batch also remembered by
    // name, as iproute2's one cache does).
    void remember(const net::rtnl::Link& l);
    void remember(uint32_t index, std::string_view name, uint32_t flags, uint16_t type);
    bool known(uint32_t index) const { return find_entry(index) != nullptr; }
    // The name, or "ifN" when this namespace has no such index.
    std::string name(uint32_t index);
    // IFF_* flags, or nullopt when unknown.
    std::optional<uint32_t> flags(uint32_t index);
    // name() and flags() in one lookup; the view lasts until the cache
    // next changes.
    std::string_view name_and_flags(uint32_t index, std::optional<uint32_t>& flags);
    // ARPHRD_* type of a link a dump brought, or -1 (never asks).
    int type(uint32_t index);
    // Every link of the namespace, read once per command in one streamed
    // dump (the neighbour and route printers' lookups).
    void load_all();
    // The /run/netns name of the namespace this one calls `nsid`, or "".
    std::string netns_name(int32_t nsid);
    void remember_netns(int32_t nsid, std::string name) { nsids_[nsid] = std::move(name); }

private:
    struct Entry {
        uint32_t index;
        uint32_t flags;
        uint16_t type;
        bool has_flags;
        bool has_type;
        char name[16]; // IFNAMSIZ, NUL-terminated
    };
    const Entry* find_entry(uint32_t index) const;
    const Entry& lookup(uint32_t index);
    net::rtnl::Session& ask();
    Entry& put(uint32_t index);
    Context& c_;
    // Its own socket for single lookups, so that a name can be asked for
    // while a listing's dump is still arriving on the command's socket.
    std::unique_ptr<net::rtnl::Session> ask_;
    bool offline_ = false;
    bool loaded_ = false;
    std::vector<Entry> entries_; // sorted by index
    std::map<int32_t, std::string> nsids_;

    struct Named {
        std::string name;
        bool by_name; // still found by its name
    };
    std::unordered_map<uint32_t, Named> by_index_;
    // The indexes under one name, newest last (iproute2 adds at the head
    // of a hash chain and takes the first match).
    std::unordered_map<std::string, std::vector<uint32_t>> by_name_;
};

class Context {
public:
    explicit Context(const Options& o, std::FILE* to = stdout)
        : opt(o), out(o.json ? (o.pretty ? cli::Output::Format::pretty : cli::Output::Format::json)
                             : cli::Output::Format::text,
                      to)
    {
    }
    const Options& opt;
    cli::Output out;
    // An `ip link show` ran in this batch: iproute2's do_link stays set
    // for the rest of it, and its `address show` then prints links as
    // `ip link show` does (see list_links).
    bool link_listed = false;

    // The route-netlink session, opened on first use (after any -n switch).
    net::rtnl::Session& rtnl();
    // The link cache (see LinkCache).
    LinkCache links{*this};

private:
    std::unique_ptr<net::rtnl::Session> rtnl_;
};

// Object entry points. `a` is at the word after the object.
int do_netns(Context& c, cli::Args& a);
int do_link(Context& c, cli::Args& a);
int do_addr(Context& c, cli::Args& a);
int do_route(Context& c, cli::Args& a);
int do_rule(Context& c, cli::Args& a);
int do_neigh(Context& c, cli::Args& a);
int do_tuntap(Context& c, cli::Args& a);

// A kernel refusal as iproute2 prints it: the extended-ACK line
// ("Error: MSG." ) when the kernel sent one, else "RTNETLINK answers: ERR";
// exit 2.
[[noreturn]] void kernel_refused(const net::Error& e);
// The text kernel_refused() prints, for callers that go on after a refusal
// (iproute2's rtnl_talk prints and returns).
std::string refusal_text(const net::Error& e);
// The fact iproute2 leaves out when a /run/netns entry it could not use is
// stale (a file that is no longer a namespace mount): a line saying so and
// how to remove it; "" when the entry is not stale.
std::string stale_note(std::string_view name);
// Sends `m` and turns a refusal into kernel_refused().
void talk(Context& c, net::Message& m);

// ifindex of `name` (iproute2's ll_name_to_index): from c.links, else
// asking the kernel and remembering its answer; 0 when there is no such
// device.
uint32_t index_of(Context& c, std::string_view name);
// iproute2's last resort for a name the kernel does not know (ll_idx_a2n):
// "ifN" is index N, read as sscanf's %u reads it; 0 for any other name.
uint32_t index_name(std::string_view name);
// The one link a listing's "dev NAME" names, found as iproute2's listings
// find it: by name, else "ifN" as index N, asked for by index (`by_index`,
// iproute2's ipaddr_link_get) or again by name (iplink_get, which fails,
// exit 1). Any other unknown name: "Device "NAME" does not exist.", exit 1.
// nullopt when index N is no link; the messages are printed then.
std::optional<net::rtnl::Link> listed_link(Context& c, std::string_view dev, uint8_t family, uint32_t ext_mask,
                                           bool by_index);
// "Cannot find device "NAME"", exit 1 (iproute2's nodev()).
[[noreturn]] void no_device(std::string_view name);

// iproute2's ll_addr_a2n into a buffer of `max_len` bytes (32 for
// `ip link`, 20 for `ip neigh`): "a.b.c.d" (an IPv4 address as 4 bytes)
// or hex bytes separated by ':', each read as sscanf("%x") reads it;
// parts past max_len are ignored. "\"PART\" is invalid lladdr.", exit 1,
// on a bad part. The one lladdr parser of ip.
std::vector<std::byte> parse_lladdr(std::string_view w, size_t max_len = 32);

// iproute2's check_ifname: non-empty, shorter than IFNAMSIZ, no '/' or
// white space; with `alt`, its check_altifname (no length limit in 6.1).
bool valid_ifname(std::string_view name, bool alt = false);

// rtnl_rtscope_n2a: "global", "host", "link", "site", "nowhere" or N.
std::string scope_name(unsigned scope);

} // namespace nsbox::ip

namespace nsbox::ip {

// What `ip link show`, `ip address show` and `ip address flush` select
// (iproute2's struct link_filter). The address part applies to each
// address; the link part to each link, as iproute2's printers apply them.
struct LinkFilter {
    bool up = false;
    // Addresses: scope (under scopemask), IFA_F_* flags (under flagmask),
    // label (an fnmatch pattern, matched against the label or else the
    // link's name), and the local address within `to` PREFIX.
    uint8_t scope = 0;
    uint8_t scopemask = 0;
    uint32_t flags = 0;
    uint32_t flagmask = 0;
    std::optional<std::string> label;
    std::optional<net::Prefix> to;
    // Links: group, master (-1: no master), kind and slave kind ("type").
    std::optional<uint32_t> group;
    int64_t master = 0;
    std::string kind;
    std::string slave_kind;
};
// Prints links (and, unless do_link, their addresses) as iproute2's
// ipaddr_list_flush_or_save does, from dumps already read.
void print_links(Context& c, LinkCache& names, const std::vector<net::rtnl::Link>& links,
                 const std::vector<net::rtnl::Addr>& addrs, const LinkFilter& f, bool do_link);
// Prints routes as iproute2's `ip route show` with the table filter `table`
// (0: all tables).
void print_routes(Context& c, LinkCache& names, const std::vector<net::rtnl::Route>& routes, uint32_t table);

// The show side shared by `ip link show` and `ip address show` (iproute2's
// ipaddr_list_flush_or_save): one link dump (or one link by name), one
// address dump, joined by ifindex in memory.
int list_links(Context& c, cli::Args& a, bool do_link);

// One link's lines (iproute2's print_linkinfo). `do_link` is true for
// `ip link` (prints "mode"), false for `ip address`.
// `family` is the family of the listing (-1: AF_PACKET for `ip link`,
// else the options' family).
void print_link(Context& c, LinkCache& names, const net::rtnl::Link& l, bool do_link, int family = -1);

// The name in /run/netns of the namespace this one calls `nsid`, or "".
std::string name_of_nsid(Context& c, int32_t nsid);
std::string name_of_nsid(net::rtnl::Session& s, int32_t nsid);

// The words of link flags, in iproute2's order; the remainder in hex.
void print_link_flags(cli::Output& out, uint32_t flags, bool m_down);

// The statistics block of one link under -s and -s -s (iproute2's
// print_stats64): RX and TX lines, columns sized to the widest number.
void print_link_stats(Context& c, const net::rtnl::Link& l);
// Fails (before anything is printed) when a link has what nsbox cannot
// print yet in the current options: the -d details of a kind it does not
// decode, an attached XDP program.
void check_printable(const Context& c, const net::rtnl::Link& l);

} // namespace nsbox::ip
