// iptables on nf_tables: parse the command line (cli), read only the state
// the command needs, turn the change into one nf_tables batch (codec, libnet
// nft) pinned to the ruleset generation it was computed from, and report
// errors in iptables-nft 1.8.9's words and exit codes.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
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
#include "applets/iptables/plan.hpp"
#include "applets/iptables/tables.hpp"
#include "applets/iptables/words.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

namespace {

namespace nft = net::nft;

// The program's name in its messages, and the head of its errors.
const char* tool_name(int family) { return family == AF_INET6 ? "ip6tables" : "iptables"; }
std::string prefix_of(int family) { return fmt::format("{} v{} (nf_tables): ", tool_name(family), ref_version); }

// Exit codes of xtables_error.


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
    // The rules of `chain`, each handed to `each` as the dump is read (none
    // kept: a chain of thousands touches only what the caller keeps).
    void each_rule_of(const std::string& chain, const std::function<void(nft::Rule&&)>& each)
    {
        nft::each_rule(sock_, fam_, t_.name, chain, each);
    }
    // Rule N (1-based) of `chain`, if there is one, how many there are and
    // the last one's handle.
    struct Nth {
        std::optional<nft::Rule> rule;
        unsigned count = 0;
        std::optional<uint64_t> last_handle;
    };
    Nth nth_rule(const std::string& chain, unsigned n)
    {
        Nth nth;
        each_rule_of(chain, [&](nft::Rule&& r) {
            nth.last_handle = r.handle;
            if (++nth.count == n)
                nth.rule = std::move(r);
        });
        return nth;
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

    // Prints one rule of a chain (num: its position) into the chain's text.
    using RulePrinter = std::function<void(std::string& text, const std::string& chain, const Rule& r, unsigned num)>;
    // ONLY: one chain (or all); RULE: the one rule of -L/-S CHAIN N, so a
    // rule nsbox cannot decode elsewhere in the chain is no reason to refuse.
    std::vector<ChainView> chain_views(const State& st, const std::string& only, const RulePrinter& print,
                                       std::optional<unsigned> rule = std::nullopt);

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
    return transaction_outcome(echo_, fail_, refusal, labels_, prefix_, " COMMIT failed ({}): ruleset");
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
            Nth rules = existed ? nth_rule(c_.chain, n) : Nth{};
            if (n > rules.count + 1 || (n > 1 && rules.count == 0)) {
                fail_ = strerror_failure(fam_, "Index of insertion too big");
                return std::nullopt;
            }
            if (n == 1 && rules.count == 0) {
                flags = NLM_F_CREATE;
            } else if (n <= rules.count) {
                flags = NLM_F_CREATE;
                before = rules.rule->handle;
            } else if (rules.count != 0) {
                after = rules.last_handle; // N is one past the last
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
        // found again. Only the chain's rules that are one of them are
        // kept from the dump, in chain order.
        std::vector<Rule> wanted;
        for_each_rule(c_, [&](const Rule& r) {
            wanted.push_back(r);
            return true;
        });
        std::vector<std::pair<nft::Rule, Rule>> rules;
        each_rule_of(c_.chain, [&](nft::Rule&& nr) {
            Rule d = decode(nr, fam_);
            if (std::any_of(wanted.begin(), wanted.end(), [&](const Rule& w) { return d.same_as(w); }))
                rules.emplace_back(std::move(nr), std::move(d));
        });
        std::vector<bool> taken(rules.size());
        Plan p(genid_);
        bool all = for_each_rule(c_, [&](const Rule& r) {
            for (size_t i = 0; i < rules.size(); ++i) {
                if (taken[i] || !rules[i].second.same_as(r))
                    continue;
                echo(rules[i].first);
                if (!check) {
                    taken[i] = true;
                    p.add(delete_message(fam_, rules[i].first),
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
        Nth rule = nth_rule(c_.chain, *c_.rulenum);
        if (!rule.rule) {
            fail_ = strerror_failure(fam_, "Index of deletion too big");
            return std::nullopt;
        }
        Plan p(genid_);
        p.add(delete_message(fam_, *rule.rule),
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
        Nth rule = nth_rule(c_.chain, *c_.rulenum);
        if (!rule.rule) {
            fail_ = strerror_failure(fam_, "Index of replacement too big");
            return std::nullopt;
        }
        nft::Rule nr = encode(c_.rule, t_.name, c_.chain, fam_);
        nr.handle = rule.rule->handle;
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
            each_rule_of(c->name, [&](nft::Rule&& r) {
                ++num;
                if ((c_.rulenum && num != *c_.rulenum) || !zero_counters(r))
                    return;
                r.position.reset();
                p.add(nft::rule_message(NFT_MSG_NEWRULE, NLM_F_REPLACE, fam_, r),
                      fmt::format(" RULE_REPLACE failed ({{}}): rule in chain {}", c->name));
            });
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

namespace {

// Refuses a listing with a rule nsbox cannot decode, naming the first one
// (HEAD, then the rule, then what the command does instead).
bool refused_undecodable(const std::vector<ChainView>& views, const std::string& head, const char* table,
                         const char* instead)
{
    for (const ChainView& v : views) {
        if (v.unsupported) {
            std::fprintf(stderr, "%srule %u in chain `%s' of table `%s' uses %s, which nsbox cannot decode; %s.\n",
                         head.c_str(), v.unsupported, v.name.c_str(), table, v.unsupported_what.c_str(), instead);
            return true;
        }
    }
    return false;
}

} // namespace

std::vector<ChainView> Runner::chain_views(const State& st, const std::string& only, const RulePrinter& print,
                                           std::optional<unsigned> rule)
{
    std::vector<ChainView> views;
    // Each chain's rules are printed as they are decoded, into the chain's
    // own text: the listing follows the table's chain order, not the dump's,
    // and only the text is kept (a few dozen bytes a rule, not the decoded
    // rule's several hundred).
    std::map<std::string, ChainView> texts;
    // iptables counts a user chain's references itself, from the jumps and
    // gotos of every rule in the table (the kernel's use count also counts
    // the chain's own rules).
    std::map<std::string, uint32_t> refs;
    bool incompatible = false;
    if (st.table_exists) {
        // (The kernel's use count of a chain is its rules and the jumps to
        // it: room reserved once for its text; only what is written is
        // touched.)
        for (const nft::Chain& c : st.chains)
            if (c.use && (only.empty() || c.name == only))
                texts[c.name].text.reserve(size_t{*c.use} * 128);
        nft::each_rule(sock_, fam_, t_.name, "", [&](nft::Rule&& r) {
            Rule d = decode(r, fam_);
            if (d.verdict == Verdict::Jump || d.verdict == Verdict::Goto)
                ++refs[d.chain];
            if (!only.empty() && r.chain != only)
                return;
            incompatible |= d.incompatible;
            ChainView& v = texts[r.chain];
            ++v.rules;
            if (rule && v.rules != *rule)
                return;
            if (d.unsupported) {
                if (!v.unsupported)
                    v.unsupported = v.rules, v.unsupported_what = std::move(d.unsupported_what);
            } else if (!incompatible && !v.unsupported && !v.stop) {
                try {
                    print(v.text, r.chain, d, v.rules);
                } catch (const UsageError&) {
                    v.stop = std::current_exception();
                }
            }
        });
    }
    auto view_of = [&](const std::string& name, const nft::Chain* c, bool builtin) {
        ChainView v = std::move(texts[name]);
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
        v.incompatible = incompatible;
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
    Format f{c_.numeric, c_.verbose, c_.exact, c_.line_numbers};
    std::optional<unsigned> only = c_.rulenum;
    RulePrinter print;
    if (save)
        print = [&](std::string& out, const std::string& chain, const Rule& r, unsigned num) {
            if (num == only.value_or(num))
                save_rule(out, chain, r, c_.verbose);
        };
    else
        print = [&](std::string& out, const std::string&, const Rule& r, unsigned num) {
            if (num == only.value_or(num))
                list_rule(out, r, num, f);
        };
    State st;
    std::vector<ChainView> views;
    nft::consistent(sock_, [&] {
        st = load_state(sock_, t_.name, fam_);
        views = chain_views(st, c_.chain, print, only);
    });
    if (!c_.chain.empty() && !st.chain(c_.chain) && !builtin_chain(t_, c_.chain)) {
        std::fprintf(stderr, "%schain `%s' in table `%s' is incompatible, use 'nft' tool.\n", prefix_.c_str(),
                     c_.chain.c_str(), t_.name);
        return other_problem;
    }
    // Never list a rule as less than it is: a rule with an expression kind
    // iptables-nft never writes makes the table incompatible (its own words);
    // one with an extension nsbox does not decode is refused by name.
    if (!views.empty() && views.front().incompatible) {
        std::fprintf(stderr, "%stable `%s' is incompatible, use 'nft' tool.\n", prefix_.c_str(), t_.name);
        return other_problem;
    }
    if (refused_undecodable(views, prefix_, t_.name, "list it with iptables-nft or nft"))
        return other_problem;
    std::string out;
    bool first = true;
    for (const ChainView& v : views) {
        if (only) {
            // -L/-S CHAIN N: that rule alone
        } else if (save) {
            save_chain(out, v, c_.verbose);
        } else {
            if (!first)
                out += '\n';
            first = false;
            list_header(out, v, f);
        }
        if (!save || only) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            std::fwrite(v.text.data(), 1, v.text.size(), stdout);
            out.clear();
            if (v.stop)
                std::rethrow_exception(v.stop);
        }
    }
    if (save && !only)
        for (const ChainView& v : views) {
            out += v.text;
            if (v.stop) {
                std::fwrite(out.data(), 1, out.size(), stdout);
                std::rethrow_exception(v.stop);
            }
        }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

int Runner::save_table(std::string& out, bool counters, const std::string& prog, const std::string& when)
{
    std::vector<ChainView> views;
    nft::consistent(sock_, [&] {
        State st = load_state(sock_, t_.name, fam_);
        views = chain_views(st, "", [&](std::string& text, const std::string& chain, const Rule& r, unsigned) {
            if (counters)
                text += fmt::format("[{}:{}] ", r.packets, r.bytes);
            save_rule(text, chain, r, false);
        });
    });
    if (!views.empty() && views.front().incompatible) {
        out += fmt::format("# Table `{}' is incompatible, use 'nft' tool.\n", t_.name);
        return 0;
    }
    if (refused_undecodable(views, prog + ": ", t_.name, "nothing saved"))
        return other_problem;
    out += fmt::format("# Generated by {} v{} (nf_tables) on {}", prog, ref_version, when);
    out += fmt::format("*{}\n", t_.name);
    for (const ChainView& v : views)
        out += fmt::format(":{} {} [{}:{}]\n", v.name, v.builtin ? (v.policy_drop ? "DROP" : "ACCEPT") : "-", v.packets,
                           v.bytes);
    for (const ChainView& v : views) {
        out += v.text;
        if (v.stop)
            std::rethrow_exception(v.stop);
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

void print_help(int family, const std::vector<std::pair<std::string, bool>>& exts)
{
    fmt::print("{0} v{1} (nf_tables)\n\n"
               "Usage: {0} -[ACD] chain rule-specification [options]\n"
               "       {0} -I chain [rulenum] rule-specification [options]\n"
               "       {0} -R chain rulenum rule-specification [options]\n"
               "       {0} -D chain rulenum [options]\n"
               "       {0} -[LS] [chain [rulenum]] [options]\n"
               "       {0} -[FZ] [chain] [options]\n"
               "       {0} -[NX] chain\n"
               "       {0} -E old-chain-name new-chain-name\n"
               "       {0} -P chain target [options]\n"
               "       {0} -h (print this help information)\n"
               "\n"
               "nsbox implements: -A -C -D -I -R -L -S -F -Z -N -X -E -P; -t filter|nat|mangle|raw|security;\n"
               "[!] -s/-d ADDR[/MASK][,...], [!] -p PROTO, [!] -i/-o IFACE[+], [!] -f, -c PKTS BYTES;\n"
               "-j ACCEPT|DROP|RETURN|CHAIN, -g CHAIN; -n -v -x --line-numbers, -w, -W, -4, -6.\n",
               tool_name(family), ref_version);
    // ... and every match and target it takes (-m NAME -h lists one's options).
    std::string matches, targets;
    for (const auto& [name, target] : words::extension_names(family))
        (target ? targets : matches) += fmt::format(" {}", name);
    fmt::print("Matches (-m NAME -h lists its options):{}.\nTargets (-j NAME -h):{}.\n", matches, targets);
    // -m NAME -h, -j NAME -h: that extension's options, as nsbox takes them.
    for (const auto& [name, target] : exts) {
        std::vector<std::string> lines = words::help_lines(name, target, family);
        if (lines.empty())
            continue;
        fmt::print("\n{} {} options:\n", name, target ? "target" : "match");
        for (const std::string& l : lines)
            fmt::print("  {}\n", l);
    }
}

} // namespace

} // namespace nsbox::iptables

namespace nsbox::iptables {

namespace {

// iptables (AF_INET) or ip6tables (AF_INET6).
int tool_main(int family, int argc, char** argv)
{
    const std::string prefix = prefix_of(family);
    auto report = [&](const UsageError& e) {
        std::fputs(e.warnings.c_str(), stderr);
        if (e.code() != parameter_problem) {
            std::fprintf(stderr, "%s%s\n", prefix.c_str(), e.what());
            return e.code();
        }
        std::fputs(usage(family, e.what(), e.bare).message().c_str(), stderr);
        return parameter_problem;
    };
    Command c;
    try {
        c = parse_command_line(argc, argv, false, family); // (one line: no name tables)
    } catch (const UsageError& e) {
        return report(e);
    }
    std::fputs(c.warnings.c_str(), stderr);
    if (c.cmd == Cmd::Version) {
        // The reference's shape (scripts match "v1.8.9 (nf_tables)"), then
        // which implementation it is.
        std::printf("%s v%s (nf_tables) nsbox %s\n", tool_name(family), ref_version, NSBOX_VERSION);
        return 0;
    }
    if (c.cmd == Cmd::Help) {
        print_help(family, c.help_exts);
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
    } catch (const UsageError& e) { // (a listing that stopped halfway)
        return report(e);
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
// iptables-save

namespace nsbox::iptables {

namespace {


// The tables in the order iptables-nft-save visits them.
constexpr const char* save_order[] = {"mangle", "security", "raw", "filter", "nat"};


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
        std::optional<UsageError> stopped; // (what is saved before it is written)
        try {
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
        } catch (const UsageError& e) {
            stopped = e;
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
        if (stopped) {
            std::fprintf(stderr, "%s v%s (nf_tables): %s\n", prog.c_str(), ref_version, stopped->what());
            return stopped->code();
        }
        return 0;
    } catch (const net::Error& e) {
        std::fprintf(stderr, "%s v%s (nf_tables): Could not fetch rule set generation id: %s\n", prog.c_str(),
                     ref_version, e.code() == EPERM ? "Permission denied (you must be root)" : std::strerror(e.code()));
        return resource_problem;
    }
}

} // namespace

} // namespace nsbox::iptables

int nsbox::iptables_save_main(int argc, char** argv) { return iptables::save_main(AF_INET, argc, argv); }
int nsbox::ip6tables_save_main(int argc, char** argv) { return iptables::save_main(AF_INET6, argc, argv); }

// ---------------------------------------------------------------------------
// What the commands and iptables-restore share (plan.hpp)

namespace nsbox::iptables {

int transaction_outcome(const std::string& said, const std::optional<cli::Failure>& fail,
                        const std::optional<net::nft::Refusal>& refusal, const std::vector<std::string>& labels,
                        const std::string& head, const std::string& fallback)
{
    std::fputs(said.c_str(), stdout);
    std::fflush(stdout);
    if (fail) {
        std::fputs(fail->message().c_str(), stderr);
        return fail->code();
    }
    if (!refusal)
        return 0;
    const net::nft::Refusal& r = *refusal;
    const std::string& label = r.index >= 0 && size_t(r.index) < labels.size() ? labels[size_t(r.index)] : fallback;
    std::fputs((head + fmt::format(fmt::runtime(label), std::strerror(r.error)) + "\n").c_str(), stderr);
    return resource_problem;
}

net::nft::Chain builtin_nft_chain(const BuiltinTable& t, const BuiltinChain& b, uint32_t policy)
{
    net::nft::Chain c;
    c.table = t.name;
    c.name = b.name;
    c.hook = net::nft::Hook{b.hook, b.priority};
    c.policy = policy;
    c.type = b.type;
    return c;
}

// Sets each counter of `r` to zero; true when one was not.
bool zero_counters(net::nft::Rule& r)
{
    bool nonzero = false;
    for (auto& e : r.exprs) {
        if (auto* k = std::get_if<net::nft::Counter>(&e); k && (k->packets || k->bytes)) {
            *k = net::nft::Counter{};
            nonzero = true;
        }
    }
    return nonzero;
}

std::string prog_name(const char* argv0)
{
    std::string p = argv0 ? argv0 : "iptables";
    auto slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

} // namespace nsbox::iptables
