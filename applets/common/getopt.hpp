// getopt(3) semantics on top of Boost.Program_options, for the applets whose
// reference tool parses with getopt_long (ping, tcpdump, iptables).
//
// What users rely on and this keeps: "-c3" and "-c 3", clustered flags
// ("-nq"), options after operands ("ping HOST -c 3", GNU permutation), "--"
// ending options, long options with "=" or a separate value, and getopt's own
// error sentences, so a bad option reads exactly as the reference prints it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>

namespace nsbox::cli {

namespace po = boost::program_options;

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
};

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
// from the same word ("-c3", "--count=3") or the next one.
Parsed getopt(int argc, char** argv, const po::options_description& desc);

} // namespace nsbox::cli
