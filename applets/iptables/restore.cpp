// iptables-restore: the file read without the kernel (parse_restore: table
// blocks, chain lines, command lines through the command-line parser),
// then each block planned line by line in the file's order against what
// the lines before it left (RestoreBlock), and the whole file sent as one
// nf_tables batch.

#include "applets/iptables/restore.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_set>

#include <sys/socket.h>

#include <fmt/format.h>

#include "applets/applet.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/list.hpp"
#include "applets/iptables/plan.hpp"
#include "libnet/nft/nft.hpp"

namespace nsbox::iptables {

namespace {

// "[PACKETS:BYTES]".
bool parse_counters(const std::string& s, uint64_t& packets, uint64_t& bytes)
{
    unsigned long long p = 0, b = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "[%llu:%llu]%c", &p, &b, &tail) != 3 || tail != 0)
        if (std::sscanf(s.c_str(), "[%llu:%llu%c", &p, &b, &tail) != 3 || tail != ']')
            return false;
    packets = p;
    bytes = b;
    return true;
}

} // namespace

namespace {

// (always inlined: this file is built with -Os, and a call per character
// of every restore line costs more than the test)
[[gnu::always_inline]] inline bool blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

} // namespace

std::vector<std::string> split_words(std::string_view line, size_t room)
{
    std::vector<std::string> out(room);
    size_t i = 0, n = line.size();
    while (i < n) {
        if (blank(line[i])) {
            ++i;
            continue;
        }
        // One word: runs of plain characters and quoted parts, up to a
        // blank outside quotes ("" alone is an empty word).
        std::string& word = out.emplace_back();
        while (i < n && !blank(line[i])) {
            if (line[i] != '"') {
                size_t j = i;
                while (j < n && !blank(line[j]) && line[j] != '"')
                    ++j;
                word.append(line.substr(i, j - i));
                i = j;
                continue;
            }
            for (++i; i < n && line[i] != '"';) {
                if (line[i] == '\\') { // (the next character, whatever it is)
                    if (i + 1 < n)
                        word += line[i + 1];
                    i += 2;
                    continue;
                }
                size_t j = i;
                while (j < n && line[j] != '"' && line[j] != '\\')
                    ++j;
                word.append(line.substr(i, j - i));
                i = j;
            }
            if (i < n) // (the closing quote)
                ++i;
        }
    }
    return out;
}

RestoreInput parse_restore(std::string_view text, const std::string& prog, bool counters,
                           const std::string& only_table, int family)
{
    RestoreInput in;
    const std::string head = fmt::format("{} v{} (nf_tables): ", prog, ref_version);
    auto fail = [&](std::string msg, int code) {
        in.blocks.clear();
        in.error = std::move(msg);
        in.code = code;
        return std::move(in);
    };
    auto usage_at = [&](const std::string& msg, unsigned line) {
        return fail(fmt::format("{}{}\nError occurred at line: {}\nTry `{} -h' or '{} --help' for more information.\n",
                                head, msg, line, prog, prog),
                    parameter_problem);
    };

    std::optional<RestoreTable> cur;
    unsigned lineno = 0;
    size_t at = 0;
    while (at < text.size()) {
        size_t nl = text.find('\n', at);
        std::string line(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
        at = nl == std::string_view::npos ? text.size() : nl + 1;
        ++lineno;
        // iptables-restore parses each line as a C string: a NUL ends it
        // ("-o \0eth0" lacks its argument there, not a match dropped here).
        if (size_t nul = line.find('\0'); nul != std::string::npos)
            line.resize(nul);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
            continue;
        if (!cur) {
            if (line[0] != '*')
                return fail(fmt::format("{}: line {} failed\n", prog, lineno), other_problem);
            std::string name = line.substr(1);
            while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
                name.pop_back();
            const BuiltinTable* t = find_table(name);
            if (!t)
                return usage_at(fmt::format("{}: line {} table name '{}' invalid", prog, lineno, name), lineno);
            cur = RestoreTable{t, lineno, {}, {}, 0};
            // Room for a rule a line left (not touched until used: a
            // vector grown rule by rule would touch each size on the way).
            cur->rules.reserve(static_cast<size_t>(std::count(text.begin() + static_cast<ptrdiff_t>(at), text.end(), '\n')) + 1);
            continue;
        }
        if (line == "COMMIT" || line.rfind("COMMIT ", 0) == 0) {
            cur->commit_line = lineno;
            if (only_table.empty() || only_table == cur->table->name)
                in.blocks.push_back(std::move(*cur));
            cur.reset();
            continue;
        }
        if (line[0] == ':') {
            std::vector<std::string> w = split_words(std::string_view(line).substr(1));
            if (w.empty())
                return usage_at(fmt::format("{}: line {} chain name invalid", prog, lineno), lineno);
            try {
                check_chain_name(w[0]);
            } catch (const UsageError& e) {
                return usage_at(e.what(), lineno);
            }
            if (w.size() < 2)
                return usage_at(fmt::format("{}: line {} policy invalid", prog, lineno), lineno);
            RestoreChain ch{w[0], w[1], 0, 0, lineno};
            if (w.size() >= 3 && !parse_counters(w[2], ch.packets, ch.bytes))
                return usage_at(fmt::format("{}: line {} invalid counters", prog, lineno), lineno);
            bool builtin = builtin_chain(*cur->table, ch.name) != nullptr;
            if (builtin && ch.policy != "ACCEPT" && ch.policy != "DROP")
                return fail(fmt::format("{}: line {} failed: Bad policy name.\n", prog, lineno), other_problem);
            if (!builtin && ch.policy != "-")
                return fail(fmt::format("{}: line {} failed: Bad built-in chain name.\n", prog, lineno),
                            other_problem);
            cur->chains.push_back(std::move(ch));
            continue;
        }
        std::string rest = line;
        uint64_t packets = 0, bytes = 0;
        bool have_counters = false;
        if (rest[0] == '[') {
            auto close = rest.find(']');
            if (close == std::string::npos || !parse_counters(rest.substr(0, close + 1), packets, bytes))
                return usage_at("Bad counter", lineno);
            have_counters = true;
            rest = rest.substr(close + 1);
        }
        // "-t TABLE" and the line's words, as iptables-restore hands them on
        std::vector<std::string> words = split_words(rest, 2);
        words[0] = "-t";
        words[1] = cur->table->name;
        RestoreRule rr;
        rr.line = lineno;
        try {
            rr.cmd = parse_command_line(prog.c_str(), words, true, family);
        } catch (const UsageError& e) {
            in.warnings += e.warnings;
            if (e.code() != parameter_problem)
                return fail(head + e.what() + "\n", e.code());
            return usage_at(e.what(), lineno);
        }
        in.warnings += rr.cmd.warnings;
        Cmd k = rr.cmd.cmd;
        if (k == Cmd::List || k == Cmd::ListRules || k == Cmd::Help || k == Cmd::Version || k == Cmd::None)
            return usage_at("nsbox's iptables-restore does not take -L, -S, -h or -V lines", lineno);
        // (ip6tables-nft-restore 1.8.9 reads a rule's [p:b] but adds the
        // rule with zero counters; chain counters it keeps.)
        if (have_counters && counters && family != AF_INET6) {
            rr.cmd.rule.packets = packets;
            rr.cmd.rule.bytes = bytes;
        }
        cur->rules.push_back(std::move(rr));
    }
    if (cur)
        return fail(fmt::format("{}: COMMIT expected at line {}\n", prog, lineno + 1), other_problem);
    return in;
}

// ---------------------------------------------------------------------------
// Applying it: one nf_tables batch for the whole file

namespace {

namespace nft = net::nft;
using cli::Failure;

struct RestoreOptions {
    bool noflush = false, test = false, counters = false, verbose = false;
    std::string only_table;
    std::string file;
};

// One table block of a restore, turned into batch messages line by line in
// the order of the file, as iptables-nft-restore's cache sees each line: the
// chains there are after the lines before it, and each chain's rules in
// order, each either the kernel's (by handle; read when a line first needs
// the chain's order) or one this batch adds (by its batch id, which the
// kernel lets later messages of the batch name).
class RestoreBlock {
public:
    // `say`: where -v's lines go, or nullptr.
    RestoreBlock(net::Socket& sock, uint8_t family, const RestoreTable& b, const std::string& prog, bool noflush,
                 bool exists, Plan& plan, uint32_t& next_id, std::string* say)
        : sock_(sock), fam_(family), b_(b), t_(*b.table), prog_(prog), p_(plan), next_id_(next_id), say_(say)
    {
        // The kernel's chains: what -n builds on, what -v names as flushed.
        std::vector<nft::Chain> kernel;
        if (exists && (noflush || say_))
            kernel = nft::dump_chains(sock, family, t_.name);
        if (noflush)
            for (const auto& c : kernel) {
                add_chain(c.name);
                if (c.handle)
                    handle_[c.name] = *c.handle;
                if (c.hook)
                    policy_of_[c.name] = c.policy.value_or(NF_ACCEPT);
            }
        if (say_) {
            // What the flush does, as iptables-nft-restore -v says it: the
            // table's built-in chains, then the user chains the kernel has,
            // by name, flushed and then deleted.
            for (const auto& bc : t_.chains)
                *say_ += fmt::format("Flushing chain `{}'\n", bc.name);
            std::vector<std::string> user;
            for (const auto& c : kernel)
                if (!c.hook)
                    user.push_back(c.name);
            std::sort(user.begin(), user.end());
            for (const auto& n : user)
                *say_ += fmt::format("Flushing chain `{}'\n", n);
            for (const auto& n : user)
                *say_ += fmt::format("Deleting chain `{}'\n", n);
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

    // (a set beside the ordered list: kube-proxy's files declare thousands
    // of chains, and every line asks)
    bool known(const std::string& name) const { return chain_set_.count(name) != 0; }
    void add_chain(const std::string& name)
    {
        chains_.push_back(name);
        chain_set_.insert(name);
    }
    bool line_failed(unsigned line, const std::string& msg)
    {
        failed_ = Failure(other_problem, fmt::format("{}: line {} failed: {}.\n", prog_, line, msg));
        return false;
    }
    // (one per message of the batch, used only if the kernel refuses it:
    // joined by hand, not through a run-time format)
    std::string label(unsigned line, const char* what, const char* kind, const std::string& name) const
    {
        std::string l = "line ";
        l += std::to_string(line);
        l += ": ";
        l += what;
        l += " failed ({}): ";
        l += kind;
        l += ' ';
        l += name;
        return l;
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
        add_chain(name);
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
            add_chain(bc.name);
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
    // Deletes a chain; `listed`: take it out of chains_ too (-X of all
    // chains rebuilds the list itself, in one pass).
    void delete_chain(const std::string& name, unsigned line, bool listed = true)
    {
        nft::Chain c;
        c.table = t_.name;
        c.name = name;
        // (NONREC: the kernel refuses a chain with rules, EBUSY, as for
        // iptables-nft, instead of deleting them too)
        p_.add(nft::chain_message(NFT_MSG_DELCHAIN, NLM_F_NONREC, fam_, c), label(line, "CHAIN_DEL", "chain", name));
        if (listed)
            chains_.erase(std::find(chains_.begin(), chains_.end(), name));
        chain_set_.erase(name);
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
    // -v: the rule a line adds, deletes, checks or puts in place, echoed as
    // iptables echoes it.
    void echo(const nft::Rule& nr)
    {
        if (say_)
            echo_rule(*say_, decode(nr, fam_));
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
                std::vector<std::string> kept;
                for (const std::string& n : chains_) {
                    if (!builtin_chain(t_, n) || unused_builtin(n))
                        delete_chain(n, line, false);
                    else
                        kept.push_back(n);
                }
                chains_ = std::move(kept);
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
            for (size_t i : found)
                echo(rule_of(*r, r->slots[i]));
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
            echo(nr);
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
                nft::Rule nr = encode(one, t_.name, name, fam_);
                echo(nr);
                put_rule(name, index, std::move(nr), what);
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
    std::string* say_;
    std::vector<std::string> chains_;                 // the chains there are, in order
    std::unordered_set<std::string> chain_set_;       // the same, to ask
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
        std::string said; // -v's lines, printed once whatever the batch's fate
        auto refusal = nft::transact(sock, [&](uint32_t genid) -> std::optional<nft::Transaction> {
            fail.reset();
            labels.clear();
            said.clear();
            Plan plan(genid);
            uint32_t next_id = 0;
            std::vector<std::string> existing;
            for (const auto& t : nft::dump_tables(sock, family))
                existing.push_back(t.name);
            for (const RestoreTable& b : blocks) {
                bool exists = std::find(existing.begin(), existing.end(), b.table->name) != existing.end();
                // (iptables-nft-restore -v says nothing at all under -n)
                RestoreBlock block(sock, family, b, prog, o.noflush, exists, plan, next_id,
                                   o.verbose && !o.noflush ? &said : nullptr);
                if ((fail = block.plan(o.counters)))
                    return std::nullopt;
            }
            labels = std::move(plan.labels);
            return std::move(plan.tx);
        });
        return transaction_outcome(said, fail, refusal, labels, head + "\n", "COMMIT failed ({}): ruleset");
    } catch (const net::Error& e) {
        std::fprintf(stderr, "%sCould not fetch rule set generation id: %s\n", head.c_str(),
                     e.code() == EPERM ? "Permission denied (you must be root)" : std::strerror(e.code()));
        return resource_problem;
    }
}

} // namespace

} // namespace nsbox::iptables

int nsbox::iptables_restore_main(int argc, char** argv) { return iptables::restore_main(AF_INET, argc, argv); }
int nsbox::ip6tables_restore_main(int argc, char** argv) { return iptables::restore_main(AF_INET6, argc, argv); }
