#include "applets/iptables/restore.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

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

} // namespace nsbox::iptables
