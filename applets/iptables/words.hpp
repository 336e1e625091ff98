// iptables' command-line words as its getopt_long loop reads them, split
// into Boost.Program_options options for cli.cpp's command-line-order pass.
//
// iptables' option table grows while it reads: "-m NAME" and "-j NAME" add
// the extension's options at that word, and the -p protocol's match adds its
// own at the first option nothing loaded takes. A long option may be written
// as any prefix that is unique in the table at that point ("--so" is
// --source until "-p tcp --dport" has loaded --source-port), and an
// option's argument is the next word whatever it is ("--comment -x"). The
// split here follows that table word by word and hands Boost full names.
#pragma once

#include <cstring>

#include <string_view>
#include <vector>

#include <boost/program_options/option.hpp>

namespace nsbox::iptables::words {

// The key of an operand (a word that is no option, such as "!").
inline constexpr char operand_key[] = "\x01operand";
// The key of a word getopt refuses, its value iptables' sentence ("unknown
// option \"--x\""); no option follows it.
inline constexpr char unknown_key[] = "\x01unknown";
// The last key when words follow "--" (iptables refuses them after its
// getopt loop, before its other checks).
inline constexpr char end_key[] = "\x01end";

// Whether `s` is `name`, a literal whose length is known when compiled: a
// length check, and memcmp only when the lengths agree (no strlen, even in
// code built with -Os). Every option of every restore line meets a few
// dozen of these.
template <size_t N>
bool is(std::string_view s, const char (&name)[N])
{
    return s.size() == N - 1 && std::memcmp(s.data(), name, N - 1) == 0;
}

// The options of argv[1..argc) in order. `fast`: split a plain line (every
// option by its full name, each value in the next word) without Boost;
// either way gives the same options (restore's speed needs the fast one).
// Throws UsageError.
std::vector<boost::program_options::option> split(int argc, char** argv, bool fast, int family);
// The same for words already split (a restore line's): `prog` names the
// program in getopt's messages; `words` are the arguments after it.
std::vector<boost::program_options::option> split(const char* prog, const std::vector<std::string>& words, bool fast,
                                                  int family);

// The options of match (or target) `name` as -h lists them, one line each:
// "--NAME" or "--NAME VALUE", two names of one option as "--a|--b"; empty
// when nsbox has no such extension.
std::vector<std::string> help_lines(std::string_view name, bool target, int family);
// Every match (false) and target (true) nsbox takes for this family, by
// name, the builtin ones first.
std::vector<std::pair<std::string_view, bool>> extension_names(int family);

// Whether only an extension of ext.hpp's table declares this option (no
// builtin match or target and not iptables itself). `many`: answered from a
// hashed set built on first use (for a restore's many lines), else by a scan
// of the tables (one command line: cheaper than building the set).
bool table_extension_option(std::string_view key, bool many);

} // namespace nsbox::iptables::words
