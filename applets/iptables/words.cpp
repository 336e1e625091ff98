#include "applets/iptables/words.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <string>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/ext.hpp"

namespace nsbox::iptables::words {

namespace po = boost::program_options;

namespace {

// iptables' own options. `arg` is "" (flag), "=" (required) or "?"
// (optional: taken only from the same word or the next word that is not an
// option). --src and --dst are second names of --source and --destination.
struct OptionSpec {
    const char* long_name;
    char short_name;
    const char* arg;
};
constexpr OptionSpec base_options[] = {
    {"append", 'A', "="},        {"check", 'C', "="},         {"replace", 'R', "="},         {"delete", 'D', "="},
    {"insert", 'I', "="},        {"list", 'L', "?"},          {"list-rules", 'S', "?"},
    {"flush", 'F', "?"},         {"zero", 'Z', "?"},          {"new-chain", 'N', "="},
    {"delete-chain", 'X', "?"},  {"policy", 'P', "="},        {"rename-chain", 'E', "="},
    {"version", 'V', ""},
    {"help", 'h', ""},           {"table", 't', "="},         {"source", 's', "="},
    {"src", 0, "="},             {"destination", 'd', "="},   {"dst", 0, "="},
    {"protocol", 'p', "="},      {"in-interface", 'i', "="},  {"out-interface", 'o', "="},
    {"jump", 'j', "="},          {"goto", 'g', "="},          {"match", 'm', "="},
    {"numeric", 'n', ""},        {"verbose", 'v', ""},        {"exact", 'x', ""},
    {"line-numbers", 0, ""},     {"wait", 'w', "?"},          {"wait-interval", 'W', "="},
    {"ipv4", '4', ""},           {"ipv6", '6', ""},           {"fragment", 'f', ""},
    {"set-counters", 'c', "="},  {"modprobe", 'M', "="},
};

// The matches and targets cli.cpp parses itself, each with its options in
// iptables' order: "name=" takes an argument, "a|b" are two names of one
// option. Only the options nsbox implements are here.
struct BuiltinExt {
    const char* name; // as -m or -j names it
    const char* options;
};
constexpr BuiltinExt builtin_exts[] = {
    {"tcp", "source-port=|sport= destination-port=|dport= syn tcp-flags= tcp-option="},
    {"udp", "source-port=|sport= destination-port=|dport="},
    {"comment", "comment="},
    {"conntrack", "ctstate= ctproto= ctorigsrc= ctorigdst= ctreplsrc= ctrepldst= ctstatus= ctexpire= "
                  "ctorigsrcport= ctorigdstport= ctreplsrcport= ctrepldstport= ctdir="},
    {"state", "state="},
    {"multiport", "source-ports=|sports= destination-ports=|dports= ports="},
    {"mark", "mark="},
    {"connmark", "mark="},
    {"limit", "limit= limit-burst="},
    {"icmp", "icmp-type="},
    {"icmp6", "icmpv6-type="},
    {"addrtype", "src-type= dst-type= limit-iface-in limit-iface-out"},
    {"statistic", "mode= probability= every= packet="},
    {"pkttype", "pkt-type="},
    {"iprange", "src-range= dst-range="},
    {"mac", "mac-source="},
    {"length", "length="},
    {"tcpmss", "mss="},
    {"owner", "uid-owner= gid-owner= socket-exists suppl-groups"},
    {"REJECT", "reject-with="},
    {"LOG", "log-level= log-prefix= log-tcp-sequence log-tcp-options log-ip-options log-uid log-macdecode"},
    {"DNAT", "to-destination= random persistent"},
    {"SNAT", "to-source= random random-fully persistent"},
    {"MASQUERADE", "to-ports= random random-fully"},
    {"REDIRECT", "to-ports= random"},
    {"MARK", "set-xmark= set-mark= and-mark= or-mark= xor-mark="},
    {"CONNMARK", "set-xmark= save-mark restore-mark and-mark= or-mark= xor-mark= set-mark= mask= ctmask= nfmask="},
    {"TCPMSS", "set-mss= clamp-mss-to-pmtu"},
    {"CT", "notrack helper= zone="},
};

// One entry of getopt's table: a name, its argument ('=' required, '?'
// optional, ' ' none), and which option it is (two names of one option
// share `id`: a prefix of both is no ambiguity).
struct Entry {
    std::string_view name;
    char arg;
    int id;
};

// The entries of each builtin extension, parsed from its row once.
const std::vector<Entry>& builtin_entries(const BuiltinExt& e)
{
    static std::map<const BuiltinExt*, std::vector<Entry>> parsed;
    auto [it, fresh] = parsed.try_emplace(&e);
    if (fresh) {
        std::string_view s = e.options;
        int id = 0;
        while (!s.empty()) {
            size_t end = s.find(' ');
            std::string_view opt = s.substr(0, end);
            s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
            ++id;
            while (!opt.empty()) {
                size_t bar = opt.find('|');
                std::string_view name = opt.substr(0, bar);
                opt = bar == std::string_view::npos ? std::string_view() : opt.substr(bar + 1);
                bool arg = name.back() == '=';
                if (arg)
                    name.remove_suffix(1);
                it->second.push_back({name, arg ? '=' : ' ', id});
            }
        }
    }
    return it->second;
}

// The targets' names are upper case, the matches' lower case.
bool is_target(const BuiltinExt& e) { return std::isupper(static_cast<unsigned char>(e.name[0])); }

const BuiltinExt* find_builtin(std::string_view name)
{
    for (const auto& e : builtin_exts)
        if (name == e.name)
            return &e;
    return nullptr;
}

// A -m argument as the match it loads: lower case, and icmpv6 and
// ipv6-icmp are icmp6 (the walk and the plain split both name matches so).
std::string match_name(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == "icmpv6" || name == "ipv6-icmp")
        name = "icmp6";
    return name;
}

// The extensions whose options are in getopt's table at a word: their
// -m/-j names in load order.
struct Loaded {
    std::vector<std::string> names; // "m:tcp", "t:DNAT": a match and a target
    std::string proto;              // -p's argument, lower case
    bool proto_loaded = false;

    static std::string key(std::string_view name, bool target) { return (target ? "t:" : "m:") + std::string(name); }
    bool has(std::string_view name, bool target) const
    {
        return std::find(names.begin(), names.end(), key(name, target)) != names.end();
    }
};

// Every name of an option of a match or target: the extensions declaring it
// (as Loaded keys), and for a name that is a strict prefix of another one
// declared by some other extension or by iptables itself, those others
// (for the plain split: the line needs the full table walk when one of them
// is loaded and none of its own extensions is).
struct NameInfo {
    bool arg = false;     // takes an argument
    bool arg_differs = false; // for one owner and not another (recent's --set, set's --set NAME)
    bool builtin = false; // a builtin extension or iptables itself declares it too
    std::vector<std::string> owners;
    std::vector<std::string> rivals; // "" is iptables itself
};

// The plain form of a command line, every option written as its full name
// ("--dport", "-s") and each value in the next word, is split by one map
// lookup a word: a restore of 20,000 rules is mostly this. Whatever else a
// line holds (an abbreviation, "-nvx", "-p6", "--opt=value", an optional
// argument, a value starting with '-', "--", an unknown name, a name getopt
// could take for a prefix of another) takes the full walk, which gives the
// same options for a plain line (a unit test holds the two together).
struct PlainOption {
    std::string key;                // the long name
    char arg = 0;                   // ' ' flag, '=' value, '?' optional value
    const NameInfo* info = nullptr; // an extension's option
};

const std::map<std::string, NameInfo, std::less<>>& name_infos()
{
    static const auto infos = [] {
        std::map<std::string, NameInfo, std::less<>> m;
        auto owned = [](NameInfo& info, bool arg, std::string owner) {
            if (!info.owners.empty() && info.arg != arg)
                info.arg_differs = true;
            info.arg |= arg;
            info.owners.push_back(std::move(owner));
        };
        for (const auto& e : builtin_exts)
            for (const Entry& o : builtin_entries(e)) {
                NameInfo& info = m[std::string(o.name)];
                info.builtin = true;
                owned(info, o.arg == '=', Loaded::key(e.name, is_target(e)));
            }
        for (const auto& e : ext::all())
            for (const auto& o : e.options)
                owned(m[std::string(o.name)], o.arg, Loaded::key(e.name, e.target));
        for (const auto& b : base_options)
            if (auto it = m.find(b.long_name); it != m.end())
                it->second.builtin = true;
        for (auto& [name, info] : m) {
            for (auto it = std::next(m.find(name)); it != m.end() && it->first.starts_with(name); ++it)
                for (const auto& o : it->second.owners)
                    if (std::find(info.owners.begin(), info.owners.end(), o) == info.owners.end())
                        info.rivals.push_back(o);
            for (const auto& b : base_options)
                if (std::string_view(b.long_name).starts_with(name) && name != b.long_name)
                    info.rivals.push_back("");
        }
        return m;
    }();
    return infos;
}

// A hash of a word, for the tables looked up once per word of every line.
struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using PlainTable = std::unordered_map<std::string, PlainOption, WordHash, std::equal_to<>>;

const PlainTable& plain_options()
{
    static const auto table = [] {
        PlainTable m;
        auto add = [&](const std::string& word, const std::string& key, char arg) {
            m.try_emplace(word, PlainOption{key, arg});
        };
        for (const auto& o : base_options) {
            char arg = o.arg[0] ? o.arg[0] : ' ';
            add(std::string("--") + o.long_name, o.long_name, arg);
            if (o.short_name)
                add(std::string("-") + o.short_name, o.long_name, arg);
        }
        for (const auto& [name, info] : name_infos()) {
            std::string word = "--" + name;
            if (auto [it, fresh] = m.try_emplace(word, PlainOption{name, info.arg ? '=' : ' '}); fresh)
                it->second.info = &info;
        }
        return m;
    }();
    return table;
}

std::optional<std::vector<po::option>> split_plain(const std::vector<std::string>& words)
{
    const auto& table = plain_options();
    std::vector<po::option> out;
    out.reserve(words.size());
    std::vector<std::string> loaded; // "m:NAME" / "t:NAME" keys, as Loaded has them
    int position = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string_view tok = words[i];
        if (tok.size() < 2 || tok[0] != '-') {
            // (an operand's original_tokens are never read)
            po::option& o = out.emplace_back(operand_key, std::vector<std::string>{std::string(tok)});
            o.position_key = position++;
            continue;
        }
        auto it = table.find(tok);
        if (it == table.end() || it->second.arg == '?' || (it->second.info && it->second.info->arg_differs))
            return std::nullopt;
        if (const NameInfo* info = it->second.info; info && !info->rivals.empty()) {
            // A name that getopt could take for a prefix of a loaded rival.
            auto is_loaded = [&](const std::string& k) {
                return k.empty() || std::find(loaded.begin(), loaded.end(), k) != loaded.end();
            };
            if (std::none_of(info->owners.begin(), info->owners.end(), is_loaded) &&
                std::any_of(info->rivals.begin(), info->rivals.end(), is_loaded))
                return std::nullopt;
        }
        po::option& o = out.emplace_back();
        o.string_key = it->second.key;
        o.original_tokens.reserve(it->second.arg == '=' ? 2 : 1);
        o.original_tokens.emplace_back(tok);
        if (it->second.arg == '=') {
            if (i + 1 >= words.size() || words[i + 1].empty() || words[i + 1][0] == '-')
                return std::nullopt;
            o.value.push_back(words[++i]);
            o.original_tokens.push_back(o.value.back());
            if (is(o.string_key, "match"))
                loaded.push_back(Loaded::key(match_name(o.value.back()), false));
            else if (is(o.string_key, "jump"))
                loaded.push_back(Loaded::key(o.value.back(), true));
        }
    }
    return out;
}

// getopt's table as iptables has it at one word: its own options, then
// each loaded extension's.
class Table {
public:
    explicit Table(int family) : family_(family)
    {
        int id = 0;
        for (const auto& o : base_options) {
            std::string_view n = o.long_name;
            int same = n == "src" ? id_of("source") : n == "dst" ? id_of("destination") : ++id;
            entries_.push_back({n, o.arg[0] ? o.arg[0] : ' ', same});
        }
        next_id_ = id + 1000;
    }

    // Adds the options of the extension -m NAME (or -j NAME) loads.
    void load(std::string name, bool target)
    {
        if (!target) {
            name = match_name(std::move(name));
            if ((name == "icmp" && family_ == AF_INET6) || (name == "icmp6" && family_ == AF_INET))
                return;
        }
        if (loaded_.has(name, target))
            return; // (a second instance adds no options)
        loaded_.names.push_back(Loaded::key(name, target));
        int base = next_id_;
        next_id_ += 1000;
        if (const BuiltinExt* b = find_builtin(name); b && target == is_target(*b)) {
            for (const Entry& o : builtin_entries(*b))
                entries_.push_back({o.name, o.arg, base + o.id});
        } else if (const ext::Extension* e = ext::find(name, target); e && (!e->v6_only || family_ == AF_INET6)) {
            int n = 0;
            for (const auto& o : e->options)
                if (!o.v6_only || family_ == AF_INET6)
                    entries_.push_back({o.name, o.arg ? '=' : ' ', base + ++n});
        }
    }

    // The -p protocol's match, at the first option nothing loaded takes;
    // false when there is none to load (or it was loaded so already).
    bool load_protocol()
    {
        if (loaded_.proto.empty() || loaded_.proto_loaded)
            return false;
        loaded_.proto_loaded = true;
        std::string name = loaded_.proto;
        if (auto num = parse_protocol(name)) {
            switch (*num) {
            case 1: name = "icmp"; break;
            case 6: name = "tcp"; break;
            case 17: name = "udp"; break;
            case 51: name = "ah"; break;
            case 58: name = "icmp6"; break;
            case 135: name = "mh"; break;
            default: return false;
            }
        }
        load(name, false);
        return true;
    }

    void protocol(const std::string& p)
    {
        loaded_.proto = p;
        std::transform(loaded_.proto.begin(), loaded_.proto.end(), loaded_.proto.begin(),
                       [](unsigned char c) { return std::tolower(c); });
    }

    // getopt_long's choice for "--NAME": the first entry of that exact
    // name, else the one entry NAME is a prefix of (several names of one
    // option count once); nullptr if none or ambiguous.
    const Entry* find(std::string_view name) const
    {
        for (const Entry& e : entries_)
            if (e.name == name)
                return &e;
        const Entry* found = nullptr;
        for (const Entry& e : entries_) {
            if (!e.name.starts_with(name))
                continue;
            if (found && found->id != e.id)
                return nullptr;
            if (!found)
                found = &e;
        }
        return found;
    }

    const Entry* find_short(char c) const
    {
        for (const auto& o : base_options)
            if (o.short_name == c)
                for (const Entry& e : entries_)
                    if (e.name == o.long_name)
                        return &e;
        return nullptr;
    }

private:
    int id_of(std::string_view n) const
    {
        for (const Entry& e : entries_)
            if (e.name == n)
                return e.id;
        return 0;
    }

    int family_;
    int next_id_ = 0;
    std::vector<Entry> entries_;
    Loaded loaded_;
};

// getopt_long's loop over the words, with the table growing as iptables'
// does. A word getopt refuses ends the options with an unknown_key option
// holding iptables' sentence, for cli.cpp to throw at that point in order.
std::vector<po::option> walk(const char* argv0, const std::vector<std::string>& words, int family)
{
    Table table(family);
    std::vector<po::option> out;
    int position = 0;
    auto operand = [&](const std::string& w) {
        po::option o(operand_key, {w});
        o.position_key = position++;
        o.original_tokens = o.value;
        out.push_back(std::move(o));
    };
    auto option = [&](std::string_view name, std::vector<std::string> tokens, const std::string* value) {
        po::option o;
        o.string_key = name;
        if (value)
            o.value.push_back(*value);
        o.original_tokens = std::move(tokens);
        if (name == "match")
            table.load(*value, false);
        else if (name == "jump")
            table.load(*value, true);
        else if (name == "protocol")
            table.protocol(*value);
        out.push_back(std::move(o));
    };
    auto refuse = [&](std::string sentence) {
        po::option o(unknown_key, {std::move(sentence)});
        out.push_back(std::move(o));
        return out;
    };
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "--") {
            if (i + 1 < words.size())
                out.emplace_back(end_key, std::vector<std::string>{});
            break;
        }
        if (w.size() < 2 || w[0] != '-') {
            operand(w);
            continue;
        }
        if (w[1] == '-') {
            size_t eq = w.find('=');
            std::string name = w.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const Entry* e = table.find(name);
            while (!e && table.load_protocol())
                e = table.find(name);
            if (!e || (eq != std::string::npos && e->arg == ' '))
                return refuse("unknown option \"" + w + "\"");
            if (eq != std::string::npos) {
                std::string value = w.substr(eq + 1);
                option(e->name, {w}, &value);
            } else if (e->arg == '=') {
                if (i + 1 >= words.size())
                    return refuse("option \"" + w + "\" requires an argument");
                ++i;
                option(e->name, {w, words[i]}, &words[i]);
            } else {
                option(e->name, {w}, nullptr);
            }
            continue;
        }
        for (size_t j = 1; j < w.size(); ++j) {
            const Entry* e = table.find_short(w[j]);
            if (!e) // (getopt names the word it has moved past)
                return refuse("unknown option \"" + (j + 1 == w.size() ? w : i ? words[i - 1] : argv0) + "\"");
            if (e->arg == ' ') {
                option(e->name, {w}, nullptr);
                continue;
            }
            std::string rest = w.substr(j + 1);
            if (!rest.empty() || e->arg == '?') {
                option(e->name, {w}, &rest);
            } else if (i + 1 >= words.size()) {
                return refuse("option \"" + w + "\" requires an argument");
            } else {
                ++i;
                option(e->name, {w, words[i]}, &words[i]);
            }
            break;
        }
    }
    return out;
}

} // namespace

std::vector<po::option> split(const char* prog, const std::vector<std::string>& words, bool fast, int family)
{
    if (fast)
        if (auto plain = split_plain(words))
            return std::move(*plain);
    return walk(prog, words, family);
}

std::vector<po::option> split(int argc, char** argv, bool fast, int family)
{
    return split(argc ? argv[0] : "iptables", std::vector<std::string>(argv + std::min(argc, 1), argv + argc), fast,
                 family);
}

std::vector<std::string> help_lines(std::string_view name, bool target, int family)
{
    std::vector<std::string> out;
    const std::string n = target ? std::string(name) : match_name(std::string(name)); // (as the walk loads it)
    if (const BuiltinExt* b = find_builtin(n); b && target == is_target(*b)) {
        int last = 0;
        for (const Entry& e : builtin_entries(*b)) {
            std::string word = "--" + std::string(e.name);
            if (e.id == last) {
                out.back().insert(out.back().find(' ') == std::string::npos ? out.back().size() : out.back().find(' '),
                                  "|" + word);
            } else {
                out.push_back(word + (e.arg == '=' ? " VALUE" : ""));
            }
            last = e.id;
        }
    } else if (const ext::Extension* e = ext::find(n, target); e && (!e->v6_only || family == AF_INET6)) {
        for (const auto& o : e->options)
            if (!o.v6_only || family == AF_INET6)
                out.push_back("--" + std::string(o.name) + (o.arg ? " VALUE" : ""));
    }
    return out;
}

std::vector<std::pair<std::string_view, bool>> extension_names(int family)
{
    std::vector<std::pair<std::string_view, bool>> out;
    for (const auto& b : builtin_exts)
        if (std::string_view(b.name) != (family == AF_INET6 ? "icmp" : "icmp6"))
            out.emplace_back(b.name, is_target(b));
    for (const auto& e : ext::all())
        if (!e.v6_only || family == AF_INET6)
            out.emplace_back(e.name, e.target);
    return out;
}

bool table_extension_option(std::string_view key, bool many)
{
    if (!many) {
        auto declares = [&](std::string_view row) { // a builtin_exts row
            while (!row.empty()) {
                size_t end = row.find_first_of(" |");
                std::string_view name = row.substr(0, end);
                if (name.ends_with('='))
                    name.remove_suffix(1);
                if (name == key)
                    return true;
                row = end == std::string_view::npos ? std::string_view() : row.substr(end + 1);
            }
            return false;
        };
        for (const auto& b : base_options)
            if (key == b.long_name)
                return false;
        for (const auto& b : builtin_exts)
            if (declares(b.options))
                return false;
        for (const auto& e : ext::all())
            for (const auto& o : e.options)
                if (key == o.name)
                    return true;
        return false;
    }
    // (once per option of every line of a restore: a hashed set of the answers)
    static const auto names = [] {
        std::unordered_set<std::string, WordHash, std::equal_to<>> set;
        for (const auto& [name, info] : name_infos())
            if (!info.builtin)
                set.insert(name);
        return set;
    }();
    return names.find(key) != names.end();
}

} // namespace nsbox::iptables::words
