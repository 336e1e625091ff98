#include "applets/common/getopt.hpp"

#include <boost/program_options/errors.hpp>

namespace nsbox::cli {

namespace {

constexpr const char* operand_key = "\x01operand";

// getopt's wording for each way a word can fail. `last` is the last word of
// the command line: the only one whose option can lack its argument.
[[noreturn]] void rethrow_as_getopt(const po::error& e, const std::string& last)
{
    if (const auto* u = dynamic_cast<const po::unknown_option*>(&e)) {
        std::string name = u->get_option_name();
        if (name.starts_with("--"))
            throw UsageError("unrecognized option '" + name + "'");
        throw UsageError("invalid option -- '" + name.substr(name.size() - 1) + "'");
    }
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
                throw UsageError("option '" + last.substr(0, last.find('=')) + "' requires an argument");
            if (last.size() > 1 && last[0] == '-')
                throw UsageError("option requires an argument -- '" + last.substr(last.size() - 1) + "'");
            if (is_long)
                throw UsageError("option '" + name + "' requires an argument");
            throw UsageError("option requires an argument -- '" + name.substr(name.size() - 1) + "'");
        case po::invalid_syntax::extra_parameter:
            throw UsageError("option '" + name + "' doesn't allow an argument");
        default:
            break;
        }
    }
    if (const auto* a = dynamic_cast<const po::ambiguous_option*>(&e))
        throw UsageError("option '" + a->get_option_name() + "' is ambiguous");
    throw UsageError(e.what());
}

} // namespace

Parsed getopt(int argc, char** argv, const po::options_description& desc)
{
    po::options_description all;
    all.add(desc);
    all.add_options()(operand_key, po::value<std::vector<std::string>>());
    po::positional_options_description pos;
    pos.add(operand_key, -1);

    po::parsed_options parsed(nullptr);
    try {
        parsed = po::command_line_parser(argc, argv)
                     .options(all)
                     .positional(pos)
                     .style(po::command_line_style::allow_short | po::command_line_style::short_allow_adjacent |
                            po::command_line_style::short_allow_next | po::command_line_style::allow_long |
                            po::command_line_style::long_allow_adjacent | po::command_line_style::long_allow_next |
                            po::command_line_style::allow_sticky | po::command_line_style::allow_dash_for_short |
                            // getopt_long takes any unambiguous prefix of a long option.
                            po::command_line_style::allow_guessing)
                     .run();
    } catch (const po::error& e) {
        rethrow_as_getopt(e, argc > 1 ? std::string(argv[argc - 1]) : std::string());
    }

    Parsed out;
    for (auto& o : parsed.options) {
        if (o.string_key == operand_key) {
            out.operands.insert(out.operands.end(), o.value.begin(), o.value.end());
            continue;
        }
        out.options.push_back(std::move(o));
    }
    return out;
}

} // namespace nsbox::cli
