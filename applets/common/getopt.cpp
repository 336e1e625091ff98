#include "applets/common/getopt.hpp"

#include <boost/program_options/errors.hpp>

namespace nsbox::cli {

namespace {

constexpr const char* operand_key = "\x01operand";

// getopt's wording for each way a word can fail. `last` is the last word of
// the command line: the only one whose option can lack its argument.
std::string getopt_sentence(const po::error& e, const std::string& last)
{
    if (const auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
        std::string name = s->get_option_name();
        // Boost names a short-only option "--c"; getopt has no one-letter
        // long options, so that is the short option -c.
        bool is_long = name.starts_with("--") && name.size() > 3;
        switch (s->kind()) {
        case po::invalid_syntax::missing_parameter:
            // Boost names a short option by its long name ("--count" for
            // "-c"), or as "--c" when it has none: ask the word itself.
            if (last.starts_with("--"))
                return "option '" + last.substr(0, last.find('=')) + "' requires an argument";
            if (last.size() > 1 && last[0] == '-')
                return "option requires an argument -- '" + last.substr(last.size() - 1) + "'";
            if (is_long)
                return "option '" + name + "' requires an argument";
            return "option requires an argument -- '" + name.substr(name.size() - 1) + "'";
        case po::invalid_syntax::extra_parameter:
            return "option '" + name + "' doesn't allow an argument";
        default:
            break;
        }
    }
    if (const auto* a = dynamic_cast<const po::ambiguous_option*>(&e)) {
        std::string msg = "option '" + a->get_option_name() + "' is ambiguous; possibilities:";
        for (const auto& alt : a->alternatives())
            msg += " '--" + alt + "'";
        return msg;
    }
    return e.what();
}

// The sentence for a word no option matched (kept by allow_unregistered, so
// that the options before it survive).
std::string unknown_sentence(const po::option& o)
{
    const std::string& word = o.original_tokens.empty() ? o.string_key : o.original_tokens.front();
    if (word.starts_with("--"))
        return "unrecognized option '" + word + "'";
    return "invalid option -- '" + o.string_key.substr(o.string_key.size() - 1) + "'";
}

bool takes_optional_value(const po::option_description& d)
{
    return d.semantic()->min_tokens() == 0 && d.semantic()->max_tokens() == 1;
}

bool takes_value(const po::option_description& d)
{
    return d.semantic()->min_tokens() == 1;
}

// What Boost cannot say, for the words that reach an option with an
// argument: an optional argument is taken only when attached ("--load",
// "--lo=F", "-qpF"), and a required one that is not attached is the next
// word whatever it is ("-I -c" names the interface "-c"; Boost would read
// "-c" as an option). Every other word is left to Boost's own parsers,
// which also report a required argument missing at the end.
std::vector<po::option> getopt_word_parser(const po::options_description& desc, std::vector<std::string>& args)
{
    const std::string word = args.front();
    auto option_for = [&](const po::option_description& d, const std::string& name, std::optional<std::string> value,
                          bool next) {
        po::option o;
        o.string_key = d.key(name);
        o.original_tokens = {word};
        if (value) {
            o.value = {std::move(*value)};
            if (next)
                o.original_tokens.push_back(o.value.front());
        }
        return o;
    };
    if (word.size() > 2 && word.starts_with("--")) {
        size_t eq = word.find('=');
        std::string name = word.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        // Exact, or an unambiguous prefix (allow_guessing); anything else
        // is Boost's to report.
        const po::option_description* d = nullptr;
        try {
            d = desc.find_nothrow(name, true);
        } catch (po::ambiguous_option& e) {
            // Named by the word, as Boost's own long-option parser names it.
            e.set_original_token("--" + name);
            throw;
        }
        if (!d)
            return {};
        if (takes_optional_value(*d)) {
            std::optional<std::string> value;
            if (eq != std::string::npos)
                value = word.substr(eq + 1);
            args.erase(args.begin());
            return {option_for(*d, name, value, false)};
        }
        if (takes_value(*d) && eq == std::string::npos && args.size() > 1) {
            auto o = option_for(*d, name, args[1], true);
            args.erase(args.begin(), args.begin() + 2);
            return {o};
        }
        return {};
    }
    if (word.size() < 2 || word[0] != '-' || word[1] == '-')
        return {};
    // A cluster of flags that reaches a letter with an argument: the rest of
    // the word, if any, is its value; else the next word for a required one.
    std::vector<po::option> out;
    for (size_t i = 1; i < word.size(); ++i) {
        std::string name = std::string("-") + word[i];
        const po::option_description* d = desc.find_nothrow(name, false);
        if (!d)
            return {};
        bool attached = i + 1 < word.size();
        if (takes_optional_value(*d)) {
            std::optional<std::string> value;
            if (attached)
                value = word.substr(i + 1);
            out.push_back(option_for(*d, name, value, false));
            args.erase(args.begin());
            return out;
        }
        if (takes_value(*d)) {
            if (attached || args.size() < 2)
                return {};
            out.push_back(option_for(*d, name, args[1], true));
            args.erase(args.begin(), args.begin() + 2);
            return out;
        }
        if (d->semantic()->max_tokens() != 0)
            return {};
        out.push_back(option_for(*d, name, std::nullopt, false));
    }
    return {};
}

po::parsed_options run(int argc, char** argv, const po::options_description& all)
{
    po::positional_options_description pos;
    pos.add(operand_key, -1);
    return po::command_line_parser(argc, argv)
        .options(all)
        .positional(pos)
        .style(getopt_style)
        .extra_style_parser([&all](std::vector<std::string>& args) { return getopt_word_parser(all, args); })
        .allow_unregistered()
        .run();
}

// Options and operands in order, up to the first unknown word.
void collect(po::parsed_options& parsed, const po::options_description& all, Parsed& out)
{
    for (auto& o : parsed.options) {
        if (o.unregistered) {
            out.error = unknown_sentence(o);
            return;
        }
        if (o.string_key == operand_key) {
            out.operands.insert(out.operands.end(), o.value.begin(), o.value.end());
            continue;
        }
        out.options.push_back(std::move(o));
        po::option& kept = out.options.back();
        // After parsing, Boost hands the operand that follows an option
        // with an optional value to it ("-p FILE"); getopt never does, and
        // getopt_word_parser() left only the option's own word in
        // original_tokens.
        const po::option_description* d = all.find_nothrow(kept.string_key, false);
        if (d && takes_optional_value(*d) && kept.original_tokens.size() > 1) {
            out.operands.push_back(std::move(kept.value.back()));
            kept.value.clear();
            kept.original_tokens.resize(1);
        }
    }
}

} // namespace

Parsed parse_options(int argc, char** argv, const po::options_description& desc)
{
    po::options_description all;
    all.add(desc);
    all.add_options()(operand_key, po::value<std::vector<std::string>>());

    Parsed out;
    try {
        po::parsed_options parsed = run(argc, argv, all);
        collect(parsed, all, out);
        return out;
    } catch (const po::error& e) {
        out.error = getopt_sentence(e, argc > 1 ? std::string(argv[argc - 1]) : std::string());
    }
    // Boost stops at the first word it cannot take without saying which:
    // the longest prefix of the command line that parses holds the options
    // getopt would have seen before it (an unknown word in it comes first).
    std::string rejected = std::move(*out.error);
    for (int n = argc - 1; n >= 1; --n) {
        try {
            po::parsed_options parsed = run(n, argv, all);
            out = Parsed{};
            collect(parsed, all, out);
            if (!out.error)
                out.error = std::move(rejected);
            return out;
        } catch (const po::error&) {
        }
    }
    out = Parsed{};
    out.error = std::move(rejected);
    return out;
}

Parsed getopt(int argc, char** argv, const po::options_description& desc)
{
    Parsed p = parse_options(argc, argv, desc);
    if (p.error)
        throw UsageError(*p.error);
    return p;
}

} // namespace nsbox::cli
