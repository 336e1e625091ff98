// iptables on nf_tables: parse the command line (cli), read only the state
// the command needs, turn the change into one nf_tables batch (codec, libnet
// nft) pinned to the ruleset generation it was computed from, and report
// errors in iptables-nft 1.8.9's words and exit codes.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include <sys/socket.h>

#include <fmt/format.h>

#include "applets/applet.hpp"
#include "applets/iptables/cli.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/restore.hpp"
#include "applets/iptables/tables.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

namespace {

namespace nft = net::nft;

// The program's name in its messages, and the head of its errors.
const char* tool_name(int family) { return family == AF_INET6 ? "ip6tables" : "iptables"; }
std::string prefix_of(int family) { return fmt::format("{} v{} (nf_tables): ", tool_name(family), ref_version); }

// Exit codes of xtables_error.

// What iptables says of the batch message the kernel refused: that
// message's label (a format with {} for the error), or `fallback` when the
// refusal was for the batch itself.
std::string refusal_text(const std::vector<std::string>& labels, const nft::Refusal& r, const std::string& fallback)
{
    const std::string& label = r.index >= 0 && size_t(r.index) < labels.size() ? labels[size_t(r.index)] : fallback;
    return fmt::format(fmt::runtime(label), std::strerror(r.error));
}

// A failure with its full stderr text and exit code.
using cli::Failure;

Failure usage(int family, const std::string& msg, bool bare = false)
{
    std::string head = msg.empty() && bare ? "" : (bare ? "" : prefix_of(family)) + msg + "\n";
    return Failure(parameter_problem,
                   head + fmt::format("Try `{0} -h' or '{0} --help' for more information.\n", tool_name(family)));
}

// iptables' "iptables: <nft_strerror>." for a refused command.
Failure strerror_failure(int family, const std::string& msg, bool einval = false)
{
    return Failure(other_problem, std::string(tool_name(family)) + ": " + msg +
                                      (einval ? ". Run `dmesg' for more information.\n" : ".\n"));
}

Failure no_such_chain(int family) { return strerror_failure(family, "No chain/target/match by that name"); }

nft::Chain builtin_nft_chain(const BuiltinTable& t, const BuiltinChain& b, uint32_t policy)
{
    nft::Chain c;
    c.table = t.name;
    c.name = b.name;
    c.hook = nft::Hook{b.hook, b.priority};
    c.policy = policy;
    c.type = b.type;
    return c;
}

// Sets each counter of `r` to zero; true when one was not.
bool zero_counters(nft::Rule& r)
{
    bool nonzero = false;
    for (auto& e : r.exprs) {
        if (auto* k = std::get_if<nft::Counter>(&e); k && (k->packets || k->bytes)) {
            *k = nft::Counter{};
            nonzero = true;
        }
    }
    return nonzero;
}

// The part of the kernel's state a command reads.
struct State {
    bool table_exists = false;
    std::vector<nft::Chain> chains;

    const nft::Chain* chain(const std::string& name) const
    {
        for (const auto& c : chains)
            if (c.name == name)
                return &c;
        return nullptr;
    }
};

State load_state(net::Socket& s, const std::string& table, uint8_t family)
{
    State st;
    for (const auto& t : nft::dump_tables(s, family))
        if (t.name == table)
            st.table_exists = true;
    if (st.table_exists)
        st.chains = nft::dump_chains(s, family, table);
    return st;
}

// The messages of one batch, each with how iptables names it when the kernel
// refuses it (" RULE_APPEND failed ({}): rule in chain X", {} the errno text).
struct Plan {
    nft::Transaction tx;
    std::vector<std::string> labels;
    explicit Plan(uint32_t genid) : tx(genid) {}
    // Returns the message's index.
    size_t add(net::Message m, std::string label)
    {
        labels.push_back(std::move(label));
        return tx.add(m);
    }
};

class Runner {
public:
    Runner(const Command& c, const BuiltinTable& t)
        : c_(c), t_(t), fam_(static_cast<uint8_t>(c.family)), prefix_(prefix_of(c.family)), sock_(NETLINK_NETFILTER)
    {
    }

    // Runs the command; returns the exit code after printing what it must.
    int run();

    // iptables-save's block for this table, appended to `out`; `when` is
    // the ctime() text of the header lines. Returns an exit code (a table
    // with a rule nsbox cannot decode is refused, never saved without it).
    int save_table(std::string& out, bool counters, const std::string& prog, const std::string& when);

private:
    // Commits what build() plans, rebuilding on a generation change.
    // build returns nullopt to commit nothing (the failure is then in fail_).
    template <class Build>
    int change(Build&& build);

    void table_if_missing(Plan& p, const State& st)
    {
        if (!st.table_exists)
            p.add(nft::table_message(NFT_MSG_NEWTABLE, NLM_F_CREATE, fam_, t_.name),
                  fmt::format(" TABLE_ADD failed ({{}}): table {}", t_.name));
    }
    void chain_add(Plan& p, const BuiltinChain& b)
    {
        p.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, fam_, builtin_nft_chain(t_, b, NF_ACCEPT)),
              fmt::format(" CHAIN_ADD failed ({{}}): chain {}", b.name));
    }
    // Ensures c_.chain exists (creating a built-in chain on demand as
    // iptables-nft does). False, with fail_ set, for a missing user chain.
    bool need_chain(Plan& p, const State& st, const Failure& missing)
    {
        if (st.chain(c_.chain))
            return true;
        const BuiltinChain* b = builtin_chain(t_, c_.chain);
        if (!b) {
            fail_ = missing;
            return false;
        }
        table_if_missing(p, st);
        chain_add(p, *b);
        return true;
    }
    bool check_jump(const State& st)
    {
        const Rule& r = c_.rule;
        if ((r.verdict == Verdict::Jump || r.verdict == Verdict::Goto) && !st.chain(r.chain)) {
            fail_ = usage(fam_, "Chain '" + r.chain + "' does not exist");
            return false;
        }
        return true;
    }
    std::vector<nft::Rule> rules_of(const std::string& chain)
    {
        return nft::dump_rules(sock_, fam_, t_.name, chain);
    }
    std::optional<nft::Transaction> finish(Plan& p)
    {
        labels_ = std::move(p.labels);
        return std::move(p.tx);
    }

    int append_or_insert();
    int delete_or_check();
    int delete_num();
    int replace();
    int flush();
    int zero();
    int new_chain();
    int delete_chain();
    int policy();
    int rename();
    int list(bool rules);

    std::vector<ChainView> chain_views(const State& st, const std::string& only);

    const Command& c_;
    const BuiltinTable& t_;
    uint8_t fam_;
    std::string prefix_;
    net::Socket sock_;
    std::optional<Failure> fail_;
    std::vector<std::string> labels_;
    uint32_t genid_ = 0; // the generation the batch being built starts from
    // -v: the rule iptables echoes before acting on it (set by the last
    // attempt of the transaction, printed once).
    std::string echo_;
    void echo(const nft::Rule& nr)
    {
        if (c_.verbose)
            echo_rule(echo_, decode(nr, fam_));
    }
};

template <class Build>
int Runner::change(Build&& build)
{
    auto refusal = nft::transact(sock_, [&](uint32_t genid) -> std::optional<nft::Transaction> {
        genid_ = genid;
        fail_.reset();
        echo_.clear();
        return build();
    });
    if (!echo_.empty()) {
        std::fputs(echo_.c_str(), stdout);
        std::fflush(stdout);
    }
    if (fail_) {
        std::fputs(fail_->message().c_str(), stderr);
        return fail_->code();
    }
    if (!refusal)
        return 0;
    std::string text = prefix_ + refusal_text(labels_, *refusal, " COMMIT failed ({}): ruleset") + "\n";
    std::fputs(text.c_str(), stderr);
    return resource_problem;
}

int Runner::append_or_insert()
{
    bool insert = c_.cmd == Cmd::Insert;
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        Plan p(genid_);
        bool existed = st.chain(c_.chain) != nullptr;
        bool have = need_chain(p, st, no_such_chain(fam_));
        if (have && !check_jump(st))
            return std::nullopt;
        uint16_t flags = NLM_F_CREATE | NLM_F_APPEND;
        std::optional<uint64_t> before, after; // -I N: the handle of rule N (N - 1)
        if (insert && !have)
            return std::nullopt; // (no echo: the place is not known)
        if (insert) {
            unsigned n = c_.rulenum.value_or(1);
            std::vector<nft::Rule> rules = existed ? rules_of(c_.chain) : std::vector<nft::Rule>{};
            if (n > rules.size() + 1 || (n > 1 && rules.empty())) {
                fail_ = strerror_failure(fam_, "Index of insertion too big");
                return std::nullopt;
            }
            if (n == 1 && rules.empty()) {
                flags = NLM_F_CREATE;
            } else if (n <= rules.size()) {
                flags = NLM_F_CREATE;
                before = rules[n - 1].handle;
            } else if (!rules.empty()) {
                after = rules.back().handle; // N is one past the last
            }
        }
        // iptables-nft echoes an appended rule even when the chain turns
        // out not to exist; an inserted one only once its place is known.
        // With -s/-d lists each rule goes in at the place the one before
        // it went (iptables-nft names it by its batch id), so an inserted
        // list ends up in reverse order: sent in reverse before rule N,
        // in order after rule N - 1 or at the head.
        std::vector<net::Message> msgs;
        for_each_rule(c_, [&](const Rule& r) {
            nft::Rule nr = encode(r, t_.name, c_.chain, fam_);
            echo(nr);
            if (!have)
                return false;
            nr.position = before ? before : after;
            msgs.push_back(nft::rule_message(NFT_MSG_NEWRULE, flags, fam_, nr));
            return true;
        });
        if (!have)
            return std::nullopt;
        if (before)
            std::reverse(msgs.begin(), msgs.end());
        std::string label = fmt::format(" {} failed ({{}}): rule in chain {}", insert ? "RULE_INSERT" : "RULE_APPEND",
                                        c_.chain);
        for (net::Message& m : msgs)
            p.add(std::move(m), label);
        return finish(p);
    });
}

// DELRULE for a rule read from the kernel, written back as iptables-nft
// writes it: table, chain, handle and the expressions as they were read.
net::Message delete_message(uint8_t family, const nft::Rule& r)
{
    nft::Rule d;
    d.table = r.table;
    d.chain = r.chain;
    d.handle = r.handle;
    d.userdata = r.userdata;
    d.exprs = r.exprs;
    return nft::rule_message(NFT_MSG_DELRULE, 0, family, d);
}

int Runner::delete_or_check()
{
    bool check = c_.cmd == Cmd::Check;
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        const Failure bad_rule = strerror_failure(fam_, "Bad rule (does a matching rule exist in that chain?)");
        if (!st.chain(c_.chain)) {
            fail_ = bad_rule;
            return std::nullopt;
        }
        if (!check_jump(st))
            return std::nullopt;
        // Each rule of a -s/-d list in turn, stopping at the first that
        // is not there (then nothing is deleted); a rule deleted is not
        // found again.
        std::vector<nft::Rule> rules = rules_of(c_.chain);
        std::vector<bool> taken(rules.size());
        Plan p(genid_);
        bool all = for_each_rule(c_, [&](const Rule& r) {
            for (size_t i = 0; i < rules.size(); ++i) {
                if (taken[i] || !decode(rules[i], fam_).same_as(r))
                    continue;
                echo(rules[i]);
                if (!check) {
                    taken[i] = true;
                    p.add(delete_message(fam_, rules[i]),
                          fmt::format(" RULE_DELETE failed ({{}}): rule in chain {}", c_.chain));
                }
                return true;
            }
            return false;
        });
        if (!all) {
            fail_ = bad_rule;
            return std::nullopt;
        }
        if (check)
            return std::nullopt;
        return finish(p);
    });
}

int Runner::delete_num()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        if (!st.chain(c_.chain)) {
            fail_ = no_such_chain(fam_);
            return std::nullopt;
        }
        std::vector<nft::Rule> rules = rules_of(c_.chain);
        if (*c_.rulenum > rules.size()) {
            fail_ = strerror_failure(fam_, "Index of deletion too big");
            return std::nullopt;
        }
        Plan p(genid_);
        p.add(delete_message(fam_, rules[*c_.rulenum - 1]),
              fmt::format(" RULE_DELETE failed ({{}}): rule in chain {}", c_.chain));
        return finish(p);
    });
}

int Runner::replace()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        if (!st.chain(c_.chain)) {
            fail_ = no_such_chain(fam_);
            return std::nullopt;
        }
        if (!check_jump(st))
            return std::nullopt;
        std::vector<nft::Rule> rules = rules_of(c_.chain);
        if (*c_.rulenum > rules.size()) {
            fail_ = strerror_failure(fam_, "Index of replacement too big");
            return std::nullopt;
        }
        nft::Rule nr = encode(c_.rule, t_.name, c_.chain, fam_);
        nr.handle = rules[*c_.rulenum - 1].handle;
        echo(nr);
        Plan p(genid_);
        p.add(nft::rule_message(NFT_MSG_NEWRULE, NLM_F_REPLACE | NLM_F_CREATE, fam_, nr),
              fmt::format(" RULE_REPLACE failed ({{}}): rule in chain {}", c_.chain));
        return finish(p);
    });
}

// Chains in the order iptables lists them: built-in chains by hook, then
// user chains by name.
std::vector<const nft::Chain*> ordered(const State& st)
{
    std::vector<const nft::Chain*> out;
    for (const auto& c : st.chains)
        out.push_back(&c);
    std::stable_sort(out.begin(), out.end(), [](const nft::Chain* a, const nft::Chain* b) {
        if (a->hook.has_value() != b->hook.has_value())
            return a->hook.has_value();
        if (a->hook)
            return a->hook->num < b->hook->num;
        return a->name < b->name;
    });
    return out;
}

int Runner::flush()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        Plan p(genid_);
        auto flush_one = [&](const std::string& chain) {
            nft::Rule r;
            r.table = t_.name;
            r.chain = chain;
            p.add(nft::rule_message(NFT_MSG_DELRULE, 0, fam_, r),
                  fmt::format(" RULE_FLUSH failed ({{}}): rule in chain {}", chain));
        };
        if (!c_.chain.empty()) {
            if (!st.table_exists && builtin_chain(t_, c_.chain))
                return finish(p);
            if (!need_chain(p, st, no_such_chain(fam_)))
                return std::nullopt;
            flush_one(c_.chain);
            return finish(p);
        }
        for (const nft::Chain* c : ordered(st))
            flush_one(c->name);
        return finish(p);
    });
}

int Runner::zero()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        Plan p(genid_);
        if (!c_.chain.empty() && !st.chain(c_.chain)) {
            if (builtin_chain(t_, c_.chain))
                return finish(p);
            fail_ = no_such_chain(fam_);
            return std::nullopt;
        }
        if (c_.verbose) // iptables names each chain the kernel has
            for (const nft::Chain* c : ordered(st))
                if (c_.chain.empty() || c->name == c_.chain)
                    std::printf("Zeroing chain `%s'\n", c->name.c_str());
        for (const nft::Chain* c : ordered(st)) {
            if (!c_.chain.empty() && c->name != c_.chain)
                continue;
            if (c->hook) {
                nft::Chain z;
                z.table = t_.name;
                z.name = c->name;
                z.hook = c->hook;
                z.policy = c->policy;
                z.counters = nft::Counter{};
                z.type = c->type;
                p.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, fam_, z),
                      fmt::format(" CHAIN_ZERO failed ({{}}): chain {}", c->name));
            }
            unsigned num = 0;
            for (nft::Rule r : rules_of(c->name)) {
                ++num;
                if (c_.rulenum && num != *c_.rulenum)
                    continue;
                if (!zero_counters(r))
                    continue;
                r.position.reset();
                p.add(nft::rule_message(NFT_MSG_NEWRULE, NLM_F_REPLACE, fam_, r),
                      fmt::format(" RULE_REPLACE failed ({{}}): rule in chain {}", c->name));
            }
        }
        return finish(p);
    });
}

int Runner::new_chain()
{
    const std::string& name = c_.chain; // checked by the parser
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        if (st.chain(name) || builtin_chain(t_, name)) {
            fail_ = strerror_failure(fam_, "Chain already exists");
            return std::nullopt;
        }
        Plan p(genid_);
        table_if_missing(p, st);
        nft::Chain c;
        c.table = t_.name;
        c.name = name;
        p.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_EXCL, fam_, c),
              fmt::format(" CHAIN_USER_ADD failed ({{}}): chain {}", name));
        return finish(p);
    });
}

int Runner::delete_chain()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        Plan p(genid_);
        auto del = [&](const nft::Chain& c) {
            nft::Chain d;
            d.table = t_.name;
            d.name = c.name;
            d.use = c.use;
            p.add(nft::chain_message(NFT_MSG_DELCHAIN, NLM_F_NONREC, fam_, d),
                  fmt::format(" CHAIN_DEL failed ({{}}): chain {}", c.name));
        };
        if (!c_.chain.empty()) {
            const nft::Chain* c = st.chain(c_.chain);
            if (!c) {
                fail_ = no_such_chain(fam_);
                return std::nullopt;
            }
            // A built-in chain goes as a user one does (the kernel refuses it
            // with rules), unless its policy is not ACCEPT.
            if (c->hook && c->policy.value_or(NF_ACCEPT) != NF_ACCEPT) {
                fail_ = strerror_failure(fam_, "Directory not empty");
                return std::nullopt;
            }
            del(*c);
            return finish(p);
        }
        // iptables-nft deletes the built-in chains too that are empty with
        // policy ACCEPT (nf_tables makes them on demand).
        for (const nft::Chain* c : ordered(st))
            if (!c->hook || (c->policy.value_or(NF_ACCEPT) == NF_ACCEPT &&
                             nft::dump_rules(sock_, fam_, t_.name, c->name).empty()))
                del(*c);
        return finish(p);
    });
}

int Runner::rename()
{
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        const nft::Chain* c = st.chain(c_.chain);
        if (!c) {
            fail_ = no_such_chain(fam_);
            return std::nullopt;
        }
        if (st.chain(c_.new_name) || builtin_chain(t_, c_.new_name)) {
            fail_ = strerror_failure(fam_, "File exists");
            return std::nullopt;
        }
        Plan p(genid_);
        nft::Chain r;
        r.table = t_.name;
        r.name = c_.new_name;
        r.handle = c->handle;
        p.add(nft::chain_message(NFT_MSG_NEWCHAIN, 0, fam_, r),
              fmt::format(" CHAIN_RENAME failed ({{}}): chain {}", c_.new_name));
        return finish(p);
    });
}

int Runner::policy()
{
    if (c_.policy != "ACCEPT" && c_.policy != "DROP") {
        std::fputs(strerror_failure(fam_, "Bad policy name", true).message().c_str(), stderr);
        return other_problem;
    }
    const BuiltinChain* b = builtin_chain(t_, c_.chain);
    if (!b) {
        std::fputs(strerror_failure(fam_, "Bad built-in chain name").message().c_str(), stderr);
        return other_problem;
    }
    return change([&]() -> std::optional<nft::Transaction> {
        State st = load_state(sock_, t_.name, fam_);
        Plan p(genid_);
        if (!st.chain(c_.chain)) {
            table_if_missing(p, st);
            chain_add(p, *b);
        }
        nft::Chain c = builtin_nft_chain(t_, *b, c_.policy == "DROP" ? NF_DROP : NF_ACCEPT);
        c.counters = nft::Counter{};
        p.add(nft::chain_message(NFT_MSG_NEWCHAIN, 0, fam_, c),
              fmt::format(" CHAIN_UPDATE failed ({{}}): chain {}", c_.chain));
        return finish(p);
    });
}

std::vector<ChainView> Runner::chain_views(const State& st, const std::string& only)
{
    std::vector<ChainView> views;
    std::map<std::string, std::vector<Rule>> rules;
    // iptables counts a user chain's references itself, from the jumps and
    // gotos of every rule in the table (the kernel's use count also counts
    // the chain's own rules).
    std::map<std::string, uint32_t> refs;
    if (st.table_exists) {
        // (The kernel's use count of a chain is its rules and the jumps to
        // it: room enough, taken once, for its rules. Only what is used is
        // touched.)
        for (const nft::Chain& c : st.chains)
            if (c.use && (only.empty() || c.name == only))
                rules[c.name].reserve(*c.use);
        nft::each_rule(sock_, fam_, t_.name, "", [&](nft::Rule&& r) {
            Rule d = decode(r, fam_);
            if (d.verdict == Verdict::Jump || d.verdict == Verdict::Goto)
                ++refs[d.chain];
            if (only.empty() || r.chain == only)
                rules[r.chain].push_back(std::move(d));
        });
    }
    auto view_of = [&](const std::string& name, const nft::Chain* c, bool builtin) {
        ChainView v;
        v.name = name;
        v.builtin = builtin;
        if (c) {
            v.policy_drop = c->policy && *c->policy == NF_DROP;
            if (c->counters) {
                v.packets = c->counters->packets;
                v.bytes = c->counters->bytes;
            }
            v.references = refs[name];
        }
        v.rules = std::move(rules[name]);
        return v;
    };
    for (const auto& b : t_.chains)
        if (only.empty() || only == b.name)
            views.push_back(view_of(b.name, st.chain(b.name), true));
    for (const nft::Chain* c : ordered(st))
        if (!builtin_chain(t_, c->name) && (only.empty() || only == c->name))
            views.push_back(view_of(c->name, c, false));
    return views;
}

int Runner::list(bool save)
{
    State st = load_state(sock_, t_.name, fam_);
    if (!c_.chain.empty() && !st.chain(c_.chain) && !builtin_chain(t_, c_.chain)) {
        std::fprintf(stderr, "%schain `%s' in table `%s' is incompatible, use 'nft' tool.\n", prefix_.c_str(),
                     c_.chain.c_str(), t_.name);
        return other_problem;
    }
    std::vector<ChainView> views = chain_views(st, c_.chain);
    // Never list a rule as less than it is: a rule with an expression kind
    // iptables-nft never writes makes the table incompatible (its own words);
    // one with an extension nsbox does not decode is refused by name.
    for (const ChainView& v : views) {
        for (const Rule& r : v.rules) {
            if (r.incompatible) {
                std::fprintf(stderr, "%stable `%s' is incompatible, use 'nft' tool.\n", prefix_.c_str(), t_.name);
                return other_problem;
            }
        }
    }
    for (const ChainView& v : views) {
        unsigned num = 0;
        for (const Rule& r : v.rules) {
            ++num;
            if (r.unsupported) {
                std::fprintf(stderr,
                             "%srule %u in chain `%s' of table `%s' uses %s, which nsbox cannot decode; "
                             "list it with iptables-nft or nft.\n",
                             prefix_.c_str(), num, v.name.c_str(), t_.name, r.unsupported_what.c_str());
                return other_problem;
            }
        }
    }
    Format f{c_.numeric, c_.verbose, c_.exact, c_.line_numbers};
    std::string out;
    if (save) {
        if (!c_.rulenum)
            for (const ChainView& v : views)
                save_chain(out, v, c_.verbose);
        for (const ChainView& v : views) {
            unsigned num = 0;
            for (const Rule& r : v.rules)
                if (++num == c_.rulenum.value_or(num))
                    save_rule(out, v.name, r, c_.verbose);
        }
    } else {
        bool first = true;
        for (const ChainView& v : views) {
            if (c_.rulenum) {
                if (*c_.rulenum <= v.rules.size())
                    list_rule(out, v.rules[*c_.rulenum - 1], *c_.rulenum, f);
                continue;
            }
            if (!first)
                out += '\n';
            first = false;
            list_header(out, v, f);
            unsigned num = 0;
            for (const Rule& r : v.rules)
                list_rule(out, r, ++num, f);
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

int Runner::save_table(std::string& out, bool counters, const std::string& prog, const std::string& when)
{
    State st = load_state(sock_, t_.name, fam_);
    std::vector<ChainView> views = chain_views(st, "");
    for (const ChainView& v : views) {
        for (const Rule& r : v.rules) {
            if (r.incompatible) {
                out += fmt::format("# Table `{}' is incompatible, use 'nft' tool.\n", t_.name);
                return 0;
            }
        }
    }
    for (const ChainView& v : views) {
        unsigned num = 0;
        for (const Rule& r : v.rules) {
            ++num;
            if (r.unsupported) {
                std::fprintf(stderr,
                             "%s: rule %u in chain `%s' of table `%s' uses %s, which nsbox cannot decode; "
                             "nothing saved.\n",
                             prog.c_str(), num, v.name.c_str(), t_.name, r.unsupported_what.c_str());
                return other_problem;
            }
        }
    }
    out += fmt::format("# Generated by {} v{} (nf_tables) on {}", prog, ref_version, when);
    out += fmt::format("*{}\n", t_.name);
    for (const ChainView& v : views)
        out += fmt::format(":{} {} [{}:{}]\n", v.name, v.builtin ? (v.policy_drop ? "DROP" : "ACCEPT") : "-", v.packets,
                           v.bytes);
    for (const ChainView& v : views) {
        for (const Rule& r : v.rules) {
            if (counters)
                out += fmt::format("[{}:{}] ", r.packets, r.bytes);
            save_rule(out, v.name, r, false);
        }
    }
    out += fmt::format("COMMIT\n# Completed on {}", when);
    return 0;
}

int Runner::run()
{
    switch (c_.cmd) {
    case Cmd::Append:
    case Cmd::Insert: return append_or_insert();
    case Cmd::Delete:
    case Cmd::Check: return delete_or_check();
    case Cmd::DeleteNum: return delete_num();
    case Cmd::Replace: return replace();
    case Cmd::Flush: return flush();
    case Cmd::Zero: return zero();
    case Cmd::NewChain: return new_chain();
    case Cmd::DeleteChain: return delete_chain();
    case Cmd::Policy: return policy();
    case Cmd::Rename: return rename();
    case Cmd::List: {
        int rc = list(false);
        return rc == 0 && c_.zero ? zero() : rc;
    }
    case Cmd::ListRules: return list(true);
    default: return 0;
    }
}

void print_help(int family)
{
    fmt::print("{0} v{1} (nf_tables)\n\n"
                "Usage: {0} -[ACD] chain rule-specification [options]\n"
                "       {0} -I chain [rulenum] rule-specification [options]\n"
                "       {0} -D chain rulenum [options]\n"
                "       {0} -[LS] [chain [rulenum]] [options]\n"
                "       {0} -[FZ] [chain] [options]\n"
                "       {0} -[NX] chain\n"
                "       {0} -P chain target [options]\n"
                "       {0} -h (print this help information)\n"
                "\n"
                "nsbox implements: -A -C -D -I -R -L -S -F -Z -N -X -E -P; -t filter|nat|mangle|raw|security;\n"
                "[!] -s/-d ADDR[/MASK], [!] -p PROTO, [!] -i/-o IFACE[+], -m tcp|udp (--sport --dport\n"
                "--tcp-flags --syn), icmp, conntrack, state, comment, multiport, mark, connmark,\n"
                "limit, addrtype, statistic, pkttype, iprange, mac, length; -j ACCEPT|DROP|RETURN|CHAIN, -g CHAIN, REJECT, MASQUERADE,\n"
                "DNAT, SNAT, REDIRECT, LOG, MARK, CONNMARK; -n -v -x --line-numbers.\n",
                tool_name(family), ref_version);
    // ... and every row of the extension table this family has.
    std::string matches, targets;
    for (const auto& e : ext::all())
        if (!e.v6_only || family == AF_INET6)
            (e.target ? targets : matches) += fmt::format(" {}", e.name);
    fmt::print("Also -m{}; -j{}.\n", matches, targets);
}

} // namespace

} // namespace nsbox::iptables

namespace nsbox::iptables {

namespace {

// iptables (AF_INET) or ip6tables (AF_INET6).
int tool_main(int family, int argc, char** argv)
{
    const std::string prefix = prefix_of(family);
    Command c;
    try {
        c = parse_command_line(argc, argv, true, family);
    } catch (const UsageError& e) {
        std::fputs(e.warnings.c_str(), stderr);
        std::fputs(usage(family, e.what(), e.bare).message().c_str(), stderr);
        return parameter_problem;
    }
    std::fputs(c.warnings.c_str(), stderr);
    if (c.cmd == Cmd::Version) {
        // The reference's shape (scripts match "v1.8.9 (nf_tables)"), then
        // which implementation it is.
        std::printf("%s v%s (nf_tables) nsbox %s\n", tool_name(family), ref_version, NSBOX_VERSION);
        return 0;
    }
    if (c.cmd == Cmd::Help) {
        print_help(family);
        return 0;
    }
    const auto& tables = builtin_tables();
    auto t = std::find_if(tables.begin(), tables.end(), [&](const BuiltinTable& b) { return c.table == b.name; });
    if (t == tables.end()) {
        std::fprintf(stderr, "%stable '%s' does not exist\nPerhaps %s or your kernel needs to be upgraded.\n",
                     prefix.c_str(), c.table.c_str(), tool_name(family));
        return version_problem;
    }
    try {
        Runner runner(c, *t);
        return runner.run();
    } catch (const net::Error& e) {
        std::string why = e.code() == EPERM ? "Permission denied (you must be root)" : std::strerror(e.code());
        std::fprintf(stderr, "%sCould not fetch rule set generation id: %s\n", prefix.c_str(), why.c_str());
        return resource_problem;
    } catch (const net::Malformed& e) {
        std::fprintf(stderr, "%sunexpected reply from the kernel: %s\n", prefix.c_str(), e.what());
        return other_problem;
    }
}

} // namespace

} // namespace nsbox::iptables

int nsbox::iptables_main(int argc, char** argv) { return iptables::tool_main(AF_INET, argc, argv); }
int nsbox::ip6tables_main(int argc, char** argv) { return iptables::tool_main(AF_INET6, argc, argv); }

// ---------------------------------------------------------------------------
// iptables-save and iptables-restore

namespace nsbox::iptables {

namespace {

std::string prog_name(const char* argv0)
{
    std::string p = argv0 ? argv0 : "iptables";
    auto slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

// The tables in the order iptables-nft-save visits them.
constexpr const char* save_order[] = {"mangle", "security", "raw", "filter", "nat"};

struct RestoreOptions {
    bool noflush = false, test = false, counters = false, verbose = false;
    std::string only_table;
    std::string file;
};

} // namespace

} // namespace nsbox::iptables

namespace nsbox::iptables {

namespace {

// iptables-save (family) or ip6tables-save (family6).
int save_main(int family_arg, int argc, char** argv)
{
    const auto family = static_cast<uint8_t>(family_arg);
    std::string prog = prog_name(argv[0]);
    std::string table, file;
    bool counters = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const std::string& longname, char shortname, std::string& into) {
            if (a == std::string("-") + shortname || a == "--" + longname) {
                if (i + 1 >= argc)
                    return false;
                into = argv[++i];
                return true;
            }
            if (a.rfind("--" + longname + "=", 0) == 0) {
                into = a.substr(longname.size() + 3);
                return true;
            }
            if (a.size() > 2 && a[0] == '-' && a[1] == shortname) {
                into = a.substr(2);
                return true;
            }
            return false;
        };
        std::string ignored;
        if (a == "-c" || a == "--counters") {
            counters = true;
        } else if (value("table", 't', table) || value("modprobe", 'M', ignored) || value("file", 'f', file)) {
        } else if (a == "-V" || a == "--version") {
            std::printf("%s v%s (nf_tables) nsbox %s\n", prog.c_str(), ref_version, NSBOX_VERSION);
            return 0;
        } else {
            std::fprintf(stderr, "Unknown arguments found on commandline\n");
            return parameter_problem;
        }
    }
    if (!table.empty() && !find_table(table)) {
        std::fprintf(stderr, "Table `%s' does not exist\n", table.c_str());
        return other_problem;
    }
    try {
        net::Socket probe(NETLINK_NETFILTER);
        std::vector<std::string> existing;
        for (const auto& t : net::nft::dump_tables(probe, family))
            existing.push_back(t.name);
        std::time_t now = std::time(nullptr);
        char when[64] = "";
        ctime_r(&now, when);
        std::string out;
        for (const char* name : save_order) {
            bool listed = table.empty() ? std::find(existing.begin(), existing.end(), name) != existing.end()
                                        : table == name;
            if (!listed)
                continue;
            Command c;
            c.family = family;
            c.table = name;
            Runner runner(c, *find_table(name));
            if (int rc = runner.save_table(out, counters, prog, when))
                return rc;
        }
        if (!file.empty()) {
            std::FILE* f = std::fopen(file.c_str(), "w");
            if (!f) {
                std::fprintf(stderr, "Failed to open file, error: %s\n", std::strerror(errno));
                return resource_problem;
            }
            std::fwrite(out.data(), 1, out.size(), f);
            std::fclose(f);
        } else {
            std::fwrite(out.data(), 1, out.size(), stdout);
        }
        return 0;
    } catch (const net::Error& e) {
        std::fprintf(stderr, "%s v%s (nf_tables): Could not fetch rule set generation id: %s\n", prog.c_str(),
                     ref_version, e.code() == EPERM ? "Permission denied (you must be root)" : std::strerror(e.code()));
        return resource_problem;
    }
}

// One table block of a restore, turned into batch messages line by line in
// the order of the file, as iptables-nft-restore's cache sees each line: the
// chains there are after the lines before it, and each chain's rules in
// order, each either the kernel's (by handle; read when a line first needs
// the chain's order) or one this batch adds (by its batch id, which the
// kernel lets later messages of the batch name).
class RestoreBlock {
public:
    RestoreBlock(net::Socket& sock, uint8_t family, const RestoreTable& b, const std::string& prog, bool noflush,
                 bool exists, Plan& plan, uint32_t& next_id)
        : sock_(sock), fam_(family), b_(b), t_(*b.table), prog_(prog), p_(plan), next_id_(next_id)
    {
        if (noflush && exists)
            for (const auto& c : nft::dump_chains(sock, family, t_.name)) {
                chains_.push_back(c.name);
                if (c.handle)
                    handle_[c.name] = *c.handle;
                if (c.hook)
                    policy_of_[c.name] = c.policy.value_or(NF_ACCEPT);
            }
        for (const RestoreRule& rr : b.rules) {
            Cmd k = rr.cmd.cmd;
            track_ = track_ || k == Cmd::Delete || k == Cmd::DeleteNum || k == Cmd::Check || k == Cmd::Replace ||
                     k == Cmd::Zero || (k == Cmd::Insert && rr.cmd.rulenum.value_or(1) > 1);
        }
        std::string at = fmt::format("line {}:", b.line);
        if (!noflush && exists)
            p_.add(nft::table_message(NFT_MSG_DELTABLE, 0, family, t_.name),
                   at + fmt::format(" TABLE_FLUSH failed ({{}}): table {}", t_.name));
        // An empty block only flushes: iptables-nft creates the table
        // again only for what the block declares.
        auto declares_nothing = [](const RestoreRule& rr) {
            return rr.cmd.cmd == Cmd::DeleteChain ||
                   ((rr.cmd.cmd == Cmd::Flush || rr.cmd.cmd == Cmd::Zero) && rr.cmd.chain.empty());
        };
        bool empty = b.chains.empty() && std::all_of(b.rules.begin(), b.rules.end(), declares_nothing);
        if ((!noflush || !exists) && !empty)
            p_.add(nft::table_message(NFT_MSG_NEWTABLE, NLM_F_CREATE, family, t_.name),
                   at + fmt::format(" TABLE_ADD failed ({{}}): table {}", t_.name));
    }

    // Plans every line of the block; the failure iptables-nft-restore
    // reports for it, if any: the first line that fails stops it.
    std::optional<Failure> plan(bool counters)
    {
        size_t ci = 0, ri = 0;
        while (ci < b_.chains.size() || ri < b_.rules.size()) {
            if (ri == b_.rules.size() || (ci < b_.chains.size() && b_.chains[ci].line < b_.rules[ri].line)) {
                chain_line(b_.chains[ci++], counters);
                continue;
            }
            if (!command(b_.rules[ri++]))
                return failed_;
        }
        return std::nullopt;
    }

private:
    // A rule of a chain: the kernel's (an index into the chain's rules as
    // read) or one this batch adds (its batch id and its message).
    struct Slot {
        uint32_t kernel = UINT32_MAX;
        uint32_t id = 0;
        size_t msg = SIZE_MAX;
    };
    struct Rules {
        std::vector<Slot> slots;       // in order, kept when track_ is set
        std::vector<nft::Rule> kernel; // the kernel's rules, read on first need
        bool loaded = false;           // the kernel's rules are among `slots`
        bool added = false;            // this batch put a rule in
        size_t head = 0;               // until loaded: how many of `slots` went in at the head
    };

    bool known(const std::string& name) const
    {
        return std::find(chains_.begin(), chains_.end(), name) != chains_.end();
    }
    bool line_failed(unsigned line, const std::string& msg)
    {
        failed_ = Failure(other_problem, fmt::format("{}: line {} failed: {}.\n", prog_, line, msg));
        return false;
    }
    std::string label(unsigned line, const char* what, const char* kind, const std::string& name) const
    {
        return fmt::format("line {}: {} failed ({{}}): {} {}", line, what, kind, name);
    }
    // A chain's rules in order, the kernel's read in on first need.
    Rules& rules(const std::string& name)
    {
        Rules& r = rules_[name];
        if (!r.loaded) {
            if (handle_.count(name))
                r.kernel = nft::dump_rules(sock_, fam_, t_.name, name);
            std::vector<Slot> kernel(r.kernel.size());
            for (size_t i = 0; i < kernel.size(); ++i)
                kernel[i].kernel = static_cast<uint32_t>(i);
            r.slots.insert(r.slots.begin() + static_cast<ptrdiff_t>(r.head), kernel.begin(), kernel.end());
            r.loaded = true;
        }
        return r;
    }
    bool empty(const std::string& name)
    {
        if (track_)
            return rules(name).slots.empty();
        Rules& r = rules_[name];
        if (r.added || r.loaded)
            return !r.added;
        return !handle_.count(name) || nft::dump_rules(sock_, fam_, t_.name, name).empty();
    }
    // A rule as the kernel has it or as this batch sends it.
    nft::Rule rule_of(const Rules& r, const Slot& s) const
    {
        if (s.kernel != UINT32_MAX)
            return r.kernel[s.kernel];
        return nft::parse_rule(p_.tx.message(s.msg));
    }
    void flush_chain(const std::string& name, unsigned line)
    {
        nft::Rule flush;
        flush.table = t_.name;
        flush.chain = name;
        p_.add(nft::rule_message(NFT_MSG_DELRULE, 0, fam_, flush), label(line, "RULE_FLUSH", "rule in chain", name));
        rules_[name] = Rules{{}, {}, true, false, 0};
    }
    // A ":NAME" (or -N) line: a chain there already is flushed.
    void user_chain(const std::string& name, unsigned line)
    {
        if (known(name))
            return flush_chain(name, line);
        nft::Chain c;
        c.table = t_.name;
        c.name = name;
        p_.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, fam_, c), label(line, "CHAIN_USER_ADD", "chain", name));
        chains_.push_back(name);
        rules_[name] = Rules{{}, {}, true, false, 0};
    }
    void base_chain(const BuiltinChain& bc, uint32_t policy, const nft::Counter* counters, unsigned line)
    {
        nft::Chain c = builtin_nft_chain(t_, bc, policy);
        if (counters)
            c.counters = *counters;
        p_.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, fam_, c), label(line, "CHAIN_ADD", "chain", bc.name));
        if (!known(bc.name)) {
            // (-X sees a built-in chain this batch makes as iptables-nft's
            // cache does: policy ACCEPT, whatever the line said)
            policy_of_[bc.name] = NF_ACCEPT;
            chains_.push_back(bc.name);
            rules_[bc.name] = Rules{{}, {}, true, false, 0};
        }
    }
    // The chain a rule line names; a built-in one the table lacks is made.
    bool need_chain(const std::string& name, unsigned line)
    {
        if (known(name))
            return true;
        const BuiltinChain* bc = builtin_chain(t_, name);
        if (!bc)
            return line_failed(line, "No chain/target/match by that name");
        base_chain(*bc, NF_ACCEPT, nullptr, line);
        return true;
    }
    void delete_chain(const std::string& name, unsigned line)
    {
        nft::Chain c;
        c.table = t_.name;
        c.name = name;
        // (NONREC: the kernel refuses a chain with rules, EBUSY, as for
        // iptables-nft, instead of deleting them too)
        p_.add(nft::chain_message(NFT_MSG_DELCHAIN, NLM_F_NONREC, fam_, c), label(line, "CHAIN_DEL", "chain", name));
        chains_.erase(std::find(chains_.begin(), chains_.end(), name));
        handle_.erase(name);
        rules_.erase(name);
        policy_of_.erase(name);
    }
    // What -X (all) takes besides user chains: an empty built-in chain
    // with policy ACCEPT, as iptables-nft does.
    bool unused_builtin(const std::string& name)
    {
        auto p = policy_of_.find(name);
        return p != policy_of_.end() && p->second == NF_ACCEPT && empty(name);
    }

    // Puts `nr` in `chain` at `index` (SIZE_MAX: appended; 0: at the head,
    // where a rule goes without a place; else the chain is loaded).
    void put_rule(const std::string& chain, size_t index, nft::Rule nr, const std::string& what)
    {
        Rules& r = rules_[chain];
        r.added = true;
        if (track_)
            nr.id = ++next_id_;
        uint16_t flags = NLM_F_CREATE;
        if (index == SIZE_MAX) {
            flags |= NLM_F_APPEND;
        } else if (index > 0) {
            const Slot& s = index < r.slots.size() ? r.slots[index] : r.slots.back();
            if (index >= r.slots.size())
                flags |= NLM_F_APPEND; // (after the last)
            if (s.kernel != UINT32_MAX)
                nr.position = r.kernel[s.kernel].handle;
            else
                nr.position_id = s.id;
        }
        size_t msg = p_.add(nft::rule_message(NFT_MSG_NEWRULE, flags, fam_, nr), what);
        if (!track_)
            return;
        Slot s{UINT32_MAX, *nr.id, msg};
        if (index == SIZE_MAX) {
            r.slots.push_back(s);
        } else {
            r.slots.insert(r.slots.begin() + static_cast<ptrdiff_t>(index), s);
            if (!r.loaded)
                ++r.head;
        }
    }
    void delete_rule(const std::string& chain, size_t index, unsigned line)
    {
        Rules& r = rules(chain);
        const Slot& s = r.slots[index];
        nft::Rule d;
        d.table = t_.name;
        d.chain = chain;
        if (s.kernel != UINT32_MAX) { // (as iptables-nft writes it back: with what was read)
            const nft::Rule& old = r.kernel[s.kernel];
            d.handle = old.handle;
            d.userdata = old.userdata;
            d.exprs = old.exprs;
        } else {
            d.id = s.id;
        }
        p_.add(nft::rule_message(NFT_MSG_DELRULE, 0, fam_, d), label(line, "RULE_DELETE", "rule in chain", chain));
        r.slots.erase(r.slots.begin() + static_cast<ptrdiff_t>(index));
    }
    void zero_rule(const std::string& chain, Rules& r, const Slot& s, unsigned line)
    {
        if (s.kernel == UINT32_MAX) { // a rule of this batch goes in with zeros
            nft::Rule nr = rule_of(r, s);
            if (zero_counters(nr)) {
                net::Message m = nft::rule_message(NFT_MSG_NEWRULE, p_.tx.message(s.msg).flags(), fam_, nr);
                p_.tx.replace(s.msg, m);
            }
            return;
        }
        nft::Rule& k = r.kernel[s.kernel];
        if (!zero_counters(k))
            return;
        nft::Rule z = k;
        z.position.reset();
        p_.add(nft::rule_message(NFT_MSG_NEWRULE, NLM_F_REPLACE, fam_, z), label(line, "RULE_REPLACE", "rule in chain", chain));
    }
    // A -j/-g to a chain not there at this line. (iptables-nft-restore
    // reports it with the line number of the block's COMMIT.)
    bool jump_ok(const Rule& r)
    {
        if ((r.verdict != Verdict::Jump && r.verdict != Verdict::Goto) || known(r.chain))
            return true;
        failed_ = Failure(parameter_problem,
                                   fmt::format("{} v{} (nf_tables): Chain '{}' does not exist\n", prog_, ref_version,
                                               r.chain) +
                                       fmt::format("Error occurred at line: {}\n", b_.commit_line) +
                                       fmt::format("Try `{0} -h' or '{0} --help' for more information.\n", prog_));
        return false;
    }

    void chain_line(const RestoreChain& ch, bool counters)
    {
        if (const BuiltinChain* bc = builtin_chain(t_, ch.name)) {
            nft::Counter k{ch.bytes, ch.packets};
            base_chain(*bc, ch.policy == "DROP" ? NF_DROP : NF_ACCEPT, counters ? &k : nullptr, ch.line);
        } else {
            user_chain(ch.name, ch.line);
        }
    }

    // One command line; false when it failed (failed_ set).
    bool command(const RestoreRule& rr)
    {
        const Command& c = rr.cmd;
        const std::string& name = c.chain;
        const unsigned line = rr.line;
        switch (c.cmd) {
        case Cmd::NewChain:
            if (known(name))
                return line_failed(line, "Chain already exists");
            user_chain(name, line);
            return true;
        case Cmd::Flush:
            // A built-in chain the table does not have yet is made, empty,
            // as iptables-nft makes it.
            if (name.empty()) {
                for (const std::string& n : std::vector<std::string>(chains_))
                    flush_chain(n, line);
            } else if (known(name)) {
                flush_chain(name, line);
            } else if (!need_chain(name, line)) {
                return false;
            }
            return true;
        case Cmd::DeleteChain:
            if (name.empty()) {
                for (const std::string& n : std::vector<std::string>(chains_))
                    if (!builtin_chain(t_, n) || unused_builtin(n))
                        delete_chain(n, line);
            } else if (known(name)) { // (a built-in one too: the kernel says no)
                delete_chain(name, line);
            } else {
                return line_failed(line, "No chain/target/match by that name");
            }
            return true;
        case Cmd::Rename: {
            if (known(c.new_name) || builtin_chain(t_, c.new_name))
                return line_failed(line, "File exists");
            if (!known(name))
                return line_failed(line, "No chain/target/match by that name");
            // A chain this batch made has no handle yet: the kernel says
            // ENOENT, as it does to iptables-nft-restore. The lines after
            // see the chain by its old name, as iptables-nft-restore's
            // cache does.
            nft::Chain r;
            r.table = t_.name;
            r.name = c.new_name;
            auto h = handle_.find(name);
            r.handle = h != handle_.end() ? h->second : 0;
            p_.add(nft::chain_message(NFT_MSG_NEWCHAIN, 0, fam_, r), label(line, "CHAIN_RENAME", "chain", c.new_name));
            return true;
        }
        case Cmd::Policy: {
            if (c.policy != "ACCEPT" && c.policy != "DROP")
                return line_failed(line, "Bad policy name");
            const BuiltinChain* bc = builtin_chain(t_, name);
            if (!bc)
                return line_failed(line, "Bad built-in chain name");
            uint32_t policy = c.policy == "DROP" ? NF_DROP : NF_ACCEPT;
            nft::Counter zero{};
            if (!known(name)) {
                base_chain(*bc, policy, &zero, line);
                policy_of_[name] = policy;
                return true;
            }
            nft::Chain u = builtin_nft_chain(t_, *bc, policy);
            u.counters = zero;
            p_.add(nft::chain_message(NFT_MSG_NEWCHAIN, 0, fam_, u), label(line, "CHAIN_UPDATE", "chain", name));
            policy_of_[name] = policy;
            return true;
        }
        case Cmd::Zero:
            if (!name.empty() && !known(name))
                return line_failed(line, "No chain/target/match by that name");
            for (const std::string& n : chains_) {
                if (!name.empty() && n != name)
                    continue;
                if (const BuiltinChain* bc = builtin_chain(t_, n)) {
                    nft::Chain z = builtin_nft_chain(t_, *bc, policy_of_[n]);
                    z.counters = nft::Counter{};
                    p_.add(nft::chain_message(NFT_MSG_NEWCHAIN, NLM_F_CREATE, fam_, z),
                           label(line, "CHAIN_ZERO", "chain", n));
                }
                Rules& r = rules(n);
                for (size_t i = 0; i < r.slots.size(); ++i)
                    if (!c.rulenum || i + 1 == *c.rulenum)
                        zero_rule(n, r, r.slots[i], line);
            }
            return true;
        case Cmd::DeleteNum: {
            if (!known(name))
                return line_failed(line, "No chain/target/match by that name");
            if (*c.rulenum > rules(name).slots.size())
                return line_failed(line, "Index of deletion too big");
            delete_rule(name, *c.rulenum - 1, line);
            return true;
        }
        case Cmd::Delete:
        case Cmd::Check: {
            if (!jump_ok(c.rule))
                return false;
            // Each rule of a -s/-d list in turn, stopping at the first that
            // is not there; a rule deleted is not found again.
            Rules* r = known(name) ? &rules(name) : nullptr;
            std::vector<size_t> found;
            bool all = r && for_each_rule(c, [&](const Rule& want) {
                for (size_t i = 0; i < r->slots.size(); ++i)
                    if (std::find(found.begin(), found.end(), i) == found.end() &&
                        decode(rule_of(*r, r->slots[i]), fam_).same_as(want)) {
                        found.push_back(i);
                        return true;
                    }
                return false;
            });
            if (!all)
                return line_failed(line, "Bad rule (does a matching rule exist in that chain?)");
            if (c.cmd == Cmd::Delete) {
                std::sort(found.rbegin(), found.rend());
                for (size_t i : found)
                    delete_rule(name, i, line);
            }
            return true;
        }
        case Cmd::Replace: {
            if (!jump_ok(c.rule))
                return false;
            if (!known(name))
                return line_failed(line, "No chain/target/match by that name");
            Rules& r = rules(name);
            if (*c.rulenum > r.slots.size())
                return line_failed(line, "Index of replacement too big");
            size_t i = *c.rulenum - 1;
            nft::Rule nr = encode(c.rule, t_.name, name, fam_);
            if (uint32_t k = r.slots[i].kernel; k != UINT32_MAX) {
                nr.handle = r.kernel[k].handle;
                p_.add(nft::rule_message(NFT_MSG_NEWRULE, NLM_F_REPLACE | NLM_F_CREATE, fam_, nr),
                       label(line, "RULE_REPLACE", "rule in chain", name));
                r.kernel[k] = std::move(nr);
                return true;
            }
            // A rule of this batch: the new one goes in before it, and it
            // goes. (iptables-nft-restore 1.8.9 crashes here.)
            put_rule(name, i, std::move(nr), label(line, "RULE_REPLACE", "rule in chain", name));
            delete_rule(name, i + 1, line);
            return true;
        }
        case Cmd::Append:
        case Cmd::Insert: {
            if (!jump_ok(c.rule) || !need_chain(name, line))
                return false;
            bool insert = c.cmd == Cmd::Insert;
            size_t index = SIZE_MAX;
            if (insert) {
                unsigned n = c.rulenum.value_or(1);
                if (n > 1 && n > rules(name).slots.size() + 1)
                    return line_failed(line, "Index of insertion too big");
                index = n - 1;
            }
            std::string what = label(line, insert ? "RULE_INSERT" : "RULE_APPEND", "rule in chain", name);
            for_each_rule(c, [&](const Rule& one) {
                put_rule(name, index, encode(one, t_.name, name, fam_), what);
                return true;
            });
            return true;
        }
        default:
            return line_failed(line, "Unknown command"); // (the parser lets no other through)
        }
    }

    net::Socket& sock_;
    uint8_t fam_;
    const RestoreTable& b_;
    const BuiltinTable& t_;
    const std::string& prog_;
    Plan& p_;
    uint32_t& next_id_;
    std::vector<std::string> chains_;                 // the chains there are, in order
    std::map<std::string, uint64_t> handle_;          // those the kernel has: their handles
    std::map<std::string, uint32_t> policy_of_;       // the built-in ones: their policies
    std::map<std::string, Rules> rules_;
    // The block has a line that needs each chain's order (-I N, -D, -R,
    // -C, -Z): only then are the slots kept and the rules given ids.
    bool track_ = false;
    std::optional<Failure> failed_;
};

// iptables-restore (family) or ip6tables-restore (family6).
int restore_main(int family_arg, int argc, char** argv)
{
    const auto family = static_cast<uint8_t>(family_arg);
    std::string prog = prog_name(argv[0]);
    const std::string head = fmt::format("{} v{} (nf_tables): ", prog, ref_version);
    RestoreOptions o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-n" || a == "--noflush") {
            o.noflush = true;
        } else if (a == "-t" || a == "--test") {
            o.test = true;
        } else if (a == "-c" || a == "--counters") {
            o.counters = true;
        } else if (a == "-v" || a == "--verbose") {
            o.verbose = true;
        } else if (a == "-T" || a == "--table") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%soption \"%s\" requires an argument\n", head.c_str(), a.c_str());
                return parameter_problem;
            }
            o.only_table = argv[++i];
        } else if (a.rfind("--table=", 0) == 0) {
            o.only_table = a.substr(8);
        } else if (a == "-w" || a == "--wait" || a == "-W" || a == "--wait-interval" || a == "-M" ||
                   a == "--modprobe") {
            // No lock on nf_tables: accepted and ignored, as iptables-nft does.
            bool takes = a == "-W" || a == "--wait-interval" || a == "-M" || a == "--modprobe";
            if ((takes || (i + 1 < argc && std::isdigit(static_cast<unsigned char>(argv[i + 1][0])))) && i + 1 < argc)
                ++i;
        } else if (a.rfind("--wait=", 0) == 0 || a.rfind("--wait-interval=", 0) == 0 || a.rfind("-w", 0) == 0 ||
                   a.rfind("-W", 0) == 0) {
        } else if (a == "-V" || a == "--version") {
            std::printf("%s v%s (nf_tables) nsbox %s\n", prog.c_str(), ref_version, NSBOX_VERSION);
            return 0;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::fprintf(stderr, "%sunknown option \"%s\"\nTry `%s -h' or '%s --help' for more information.\n",
                         head.c_str(), a.c_str(), prog.c_str(), prog.c_str());
            return parameter_problem;
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            std::fprintf(stderr, "Unknown arguments found on commandline\n");
            return parameter_problem;
        }
    }
    std::FILE* in = stdin;
    if (!o.file.empty() && o.file != "-") {
        in = std::fopen(o.file.c_str(), "r");
        if (!in) {
            std::fprintf(stderr, "Can't open %s: %s\n", o.file.c_str(), std::strerror(errno));
            return other_problem;
        }
    }

    // Read the whole file first: nothing is sent unless all of it parses.
    std::string text;
    char chunk[65536];
    for (size_t got; (got = std::fread(chunk, 1, sizeof chunk, in)) > 0;)
        text.append(chunk, got);
    if (in != stdin)
        std::fclose(in);
    RestoreInput parsed = parse_restore(text, prog, o.counters, o.only_table, family);
    std::fputs(parsed.warnings.c_str(), stderr);
    if (parsed.code) {
        std::fputs(parsed.error.c_str(), stderr);
        return parsed.code;
    }
    const std::vector<RestoreTable>& blocks = parsed.blocks;
    if (o.test)
        return 0;

    try {
        net::Socket sock(NETLINK_NETFILTER);
        std::optional<Failure> fail;
        std::vector<std::string> labels;
        auto refusal = nft::transact(sock, [&](uint32_t genid) -> std::optional<nft::Transaction> {
            fail.reset();
            labels.clear();
            Plan plan(genid);
            uint32_t next_id = 0;
            std::vector<std::string> existing;
            for (const auto& t : nft::dump_tables(sock, family))
                existing.push_back(t.name);
            for (const RestoreTable& b : blocks) {
                bool exists = std::find(existing.begin(), existing.end(), b.table->name) != existing.end();
                RestoreBlock block(sock, family, b, prog, o.noflush, exists, plan, next_id);
                if ((fail = block.plan(o.counters)))
                    return std::nullopt;
            }
            labels = std::move(plan.labels);
            return std::move(plan.tx);
        });
        if (fail) {
            std::fputs(fail->message().c_str(), stderr);
            return fail->code();
        }
        if (!refusal)
            return 0;
        std::fprintf(stderr, "%s\n%s\n", head.c_str(),
                     iptables::refusal_text(labels, *refusal, "COMMIT failed ({}): ruleset").c_str());
        return resource_problem;
    } catch (const net::Error& e) {
        std::fprintf(stderr, "%sCould not fetch rule set generation id: %s\n", head.c_str(),
                     e.code() == EPERM ? "Permission denied (you must be root)" : std::strerror(e.code()));
        return resource_problem;
    }
}

} // namespace

} // namespace nsbox::iptables

int nsbox::iptables_save_main(int argc, char** argv) { return iptables::save_main(AF_INET, argc, argv); }
int nsbox::ip6tables_save_main(int argc, char** argv) { return iptables::save_main(AF_INET6, argc, argv); }
int nsbox::iptables_restore_main(int argc, char** argv) { return iptables::restore_main(AF_INET, argc, argv); }
int nsbox::ip6tables_restore_main(int argc, char** argv) { return iptables::restore_main(AF_INET6, argc, argv); }
