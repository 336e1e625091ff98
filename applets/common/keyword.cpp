#include "applets/common/keyword.hpp"

#include <fmt/format.h>

namespace nsbox::cli {

void fail(int code, std::string message) { throw Failure(code, std::move(message)); }

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

} // namespace nsbox::cli
