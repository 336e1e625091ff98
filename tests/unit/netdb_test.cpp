// The netdb line reader: comments, blanks, empty lines, a last line without
// a newline, and stopping early.
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "libnet/netdb.hpp"

namespace {

using nsbox::net::netdb::each_line;

std::string write_temp(const std::string& text)
{
    char path[] = "/tmp/nsbox-netdb-XXXXXX";
    int fd = mkstemp(path);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    close(fd);
    return path;
}

std::vector<std::string> lines_of(const std::string& path, size_t stop_after = 100)
{
    std::vector<std::string> out;
    each_line(path.c_str(), [&](std::span<const std::string_view> words) {
        std::string l;
        for (auto w : words)
            l += (l.empty() ? "" : "|") + std::string(w);
        out.push_back(l);
        return out.size() >= stop_after;
    });
    return out;
}

TEST(Netdb, WordsCommentsAndBlankLines)
{
    std::string path = write_temp("# comment only\n\n  \t\nip\t0\tIP # internet\nicmp 1 ICMP\r\nlast 7");
    EXPECT_EQ(lines_of(path), (std::vector<std::string>{"ip|0|IP", "icmp|1|ICMP", "last|7"}));
    EXPECT_EQ(lines_of(path, 1), (std::vector<std::string>{"ip|0|IP"}));
    unlink(path.c_str());
}

TEST(Netdb, MissingFileIsNotReadable)
{
    EXPECT_FALSE(each_line("/nonexistent/nsbox-netdb", [](auto) { return false; }));
}

} // namespace
