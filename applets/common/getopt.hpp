// getopt(3) semantics on top of Boost.Program_options, for the applets whose
// reference tool parses with getopt_long (ping, tcpdump, iptables).
//
// What users rely on and this keeps: "-c3" and "-c 3", clustered flags
// ("-nq"), options after operands ("ping HOST -c 3", GNU permutation), "--"
// ending options, long options with "=" or a separate value, and getopt's own
// error sentences, so a bad option reads exactly as the reference prints it.
// An option declared with optional_value() takes getopt's optional argument:
// only when attached ("-pFILE", "--load=FILE"); "-p FILE" leaves FILE an
// operand.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/cmdline.hpp>
#include <boost/program_options/parsers.hpp>

namespace nsbox::cli {

namespace po = boost::program_options;

// Boost's command-line style closest to getopt_long: "-c3" and "-c 3",
// clusters ("-nq"), "--count=3" and "--count 3", and any unambiguous prefix
// of a long option.
inline constexpr int getopt_style =
    po::command_line_style::allow_short | po::command_line_style::short_allow_adjacent |
    po::command_line_style::short_allow_next | po::command_line_style::allow_long |
    po::command_line_style::long_allow_adjacent | po::command_line_style::long_allow_next |
    po::command_line_style::allow_sticky | po::command_line_style::allow_dash_for_short |
    po::command_line_style::allow_guessing;

// A command line getopt would reject. what() is getopt's sentence without the
// program name ("invalid option -- 'z'"); the applet prefixes argv[0].
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Parsed {
    // Options in command-line order; an option given twice appears twice.
    std::vector<po::option> options;
    // Everything that is not an option, in order (after "--" too).
    std::vector<std::string> operands;
    // From parse_options(): getopt's sentence for the first word it rejects.
    // `options` then holds only the options before that word, as a
    // getopt_long loop has seen them when it returns '?'.
    std::optional<std::string> error;
};

// The value semantic of an option with an optional argument (getopt's
// "p::"): no value when none is attached.
inline po::typed_value<std::string>* optional_value()
{
    return po::value<std::string>()->implicit_value(std::string());
}

// The description of a table of short options (ping's, arping's): each
// row's `flag` takes a value when its `arg` is set.
template <class Table>
po::options_description short_options(const Table& table)
{
    po::options_description desc;
    for (const auto& spec : table) {
        std::string name = std::string(",") + spec.flag;
        if (spec.arg)
            desc.add_options()(name.c_str(), po::value<std::string>());
        else
            desc.add_options()(name.c_str(), "");
    }
    return desc;
}

// Parses argv[1..] against `desc`. Options declared with a value take it
// from the same word ("-c3", "--count=3") or the next one. Throws UsageError
// at the first word getopt would reject.
Parsed getopt(int argc, char** argv, const po::options_description& desc);

// As getopt(), but a rejected word ends the parse instead of throwing: for
// the tools that act on the options before it (procps' sysctl -h -z prints
// its help).
Parsed parse_options(int argc, char** argv, const po::options_description& desc);

} // namespace nsbox::cli
