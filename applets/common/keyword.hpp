// The argument cursor of iproute2's keyword grammar ("ip a s dev x"): walk
// the words with next(), test them with is() (exact) or matches() (prefix,
// as iproute2's matches(): "a" is "address" when tried first), take a
// keyword's value with value(), and fail with iproute2's own sentences.
#pragma once

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "applets/common/failure.hpp"

namespace nsbox::cli {

// iproute2's matches(word, full) == 0: `word` is a non-empty prefix of `full`.
constexpr bool matches(std::string_view word, std::string_view full)
{
    return !word.empty() && full.starts_with(word);
}

// iproute2's exit(-1) and its return -1 from a command.
inline constexpr int exit_usage = 255;
inline constexpr int exit_failure = 1;
// A kernel refusal (rtnl_talk failed).
inline constexpr int exit_kernel = 2;

// "Command line is not complete. Try option "help"", exit 255.
[[noreturn]] void incomplete_command();
// "Error: argument "ARG" is wrong: MSG", exit 255.
[[noreturn]] void invarg(std::string_view msg, std::string_view arg);
// "Error: duplicate "KEY": "ARG" is the second value.", exit 255.
[[noreturn]] void duparg(std::string_view key, std::string_view arg);
// "Error: either "KEY" is duplicate, or "ARG" is a garbage.", exit 255.
[[noreturn]] void duparg2(std::string_view key, std::string_view arg);
// "Error: argument "KEY" is required", exit 255.
[[noreturn]] void missarg(std::string_view key);

class Args {
public:
    Args() = default;
    explicit Args(std::vector<std::string> words) : words_(std::move(words)) {}
    Args(int argc, char** argv) : words_(argv, argv + argc) {}

    bool empty() const noexcept { return pos_ >= words_.size(); }
    size_t left() const noexcept { return empty() ? 0 : words_.size() - pos_; }
    // The current word ("" at the end).
    std::string_view peek() const noexcept
    {
        return empty() ? std::string_view() : std::string_view(words_[pos_]);
    }
    // The current word compared exactly (strcmp) or as an abbreviation.
    bool is(std::string_view exact) const noexcept { return !empty() && peek() == exact; }
    bool matches(std::string_view full) const noexcept { return !empty() && cli::matches(peek(), full); }
    // True when there is a word after the current one.
    bool has_next() const noexcept { return pos_ + 1 < words_.size(); }

    void next() noexcept
    {
        if (!empty())
            ++pos_;
    }
    // The current word, then advances.
    std::string_view take()
    {
        std::string_view w = peek();
        next();
        return w;
    }
    // iproute2's NEXT_ARG(): moves to the keyword's value and returns it;
    // without one, "Command line is not complete".
    std::string_view value();
    // The words from the current one on.
    std::span<const std::string> rest() const
    {
        return empty() ? std::span<const std::string>() : std::span(words_).subspan(pos_);
    }

private:
    std::vector<std::string> words_;
    size_t pos_ = 0;
};

// The command reader of iproute2's -batch (its getcmdline and makeargs):
// one command per line; '#' starts a comment anywhere in a line; a line
// ending in a backslash continues on the next; words are separated by
// spaces, tabs and CRs, and a word that begins with ' or " runs to the same
// quote (which need not be followed by a space: "a b"c is two words). line()
// is the number of the last line read, continuation lines counted, as
// iproute2's "Command failed FILE:LINE" reports it.
class BatchReader {
public:
    explicit BatchReader(std::FILE* in) : in_(in) {}
    BatchReader(const BatchReader&) = delete;
    BatchReader& operator=(const BatchReader&) = delete;

    // The next command's words (empty for a blank or comment line), or
    // nullopt at the end of the input. A continuation line missing at the
    // end of the input prints iproute2's "Missing continuation line" and
    // ends the input. Throws Failure (exit 1, iproute2's exit(1)) for an
    // unterminated quote or more words than iproute2 takes (511).
    std::optional<std::vector<std::string>> next();
    int line() const noexcept { return line_; }

    // makeargs alone: the words of one line.
    static std::vector<std::string> split(std::string_view line);

private:
    std::optional<std::string> read_line();
    std::FILE* in_;
    int line_ = 0;
};

} // namespace nsbox::cli
