#include "applets/common/keyword.hpp"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace nsbox::cli {

void incomplete_command()
{
    fail(exit_usage, "Command line is not complete. Try option \"help\"\n");
}

void invarg(std::string_view msg, std::string_view arg)
{
    fail(exit_usage, fmt::format("Error: argument \"{}\" is wrong: {}\n", arg, msg));
}

void duparg(std::string_view key, std::string_view arg)
{
    fail(exit_usage, fmt::format("Error: duplicate \"{}\": \"{}\" is the second value.\n", key, arg));
}

void duparg2(std::string_view key, std::string_view arg)
{
    fail(exit_usage, fmt::format("Error: either \"{}\" is duplicate, or \"{}\" is a garbage.\n", key, arg));
}

void missarg(std::string_view key)
{
    fail(exit_usage, fmt::format("Error: argument \"{}\" is required\n", key));
}

std::string_view Args::value()
{
    if (!has_next())
        incomplete_command();
    ++pos_;
    return peek();
}

std::optional<std::string> BatchReader::read_line()
{
    char* buf = nullptr;
    size_t cap = 0;
    ssize_t n = ::getline(&buf, &cap, in_);
    std::optional<std::string> out;
    if (n >= 0)
        out.emplace(buf, static_cast<size_t>(n));
    std::free(buf);
    return out;
}

std::optional<std::vector<std::string>> BatchReader::next()
{
    std::optional<std::string> l = read_line();
    if (!l)
        return std::nullopt;
    ++line_;
    // getline stops at a NUL as the C string functions do.
    auto cut = [](std::string& s) {
        size_t z = s.find('\0');
        if (z != std::string::npos)
            s.resize(z);
        size_t hash = s.find('#');
        if (hash != std::string::npos)
            s.resize(hash);
    };
    std::string text = std::move(*l);
    cut(text);
    for (size_t bs; (bs = text.find("\\\n")) != std::string::npos;) {
        std::optional<std::string> more = read_line();
        if (!more) {
            std::fputs("Missing continuation line\n", stderr);
            return std::nullopt;
        }
        ++line_;
        text.resize(bs);
        cut(*more);
        text += *more;
    }
    return split(text);
}

std::vector<std::string> BatchReader::split(std::string_view line)
{
    // iproute2 keeps at most MAX_ARGS - 1 (511) words.
    constexpr size_t max_words = 511;
    constexpr std::string_view space = " \t\r\n";
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
        i = line.find_first_not_of(space, i);
        if (i == std::string_view::npos)
            break;
        if (words.size() >= max_words)
            fail(exit_failure, "Too many arguments to command\n");
        char q = line[i];
        if (q == '\'' || q == '"') {
            size_t end = line.find(q, i + 1);
            if (end == std::string_view::npos)
                fail(exit_failure, "Unterminated quoted string\n");
            words.emplace_back(line.substr(i + 1, end - i - 1));
            i = end + 1;
        } else {
            size_t end = line.find_first_of(space, i);
            if (end == std::string_view::npos)
                end = line.size();
            words.emplace_back(line.substr(i, end - i));
            i = end + 1;
        }
    }
    return words;
}

} // namespace nsbox::cli
