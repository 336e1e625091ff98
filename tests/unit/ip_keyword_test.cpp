// The iproute2 keyword cursor and its error sentences.

#include <gtest/gtest.h>

#include "applets/common/keyword.hpp"

using namespace nsbox::cli;

namespace {

Args args(std::vector<std::string> w) { return Args(std::move(w)); }

template <class F>
std::pair<int, std::string> failure(F f)
{
    try {
        f();
    } catch (const Failure& e) {
        return {e.code(), e.message()};
    }
    return {0, ""};
}

} // namespace

TEST(Keyword, MatchesIsANonEmptyPrefix)
{
    EXPECT_TRUE(matches("a", "address"));
    EXPECT_TRUE(matches("address", "address"));
    EXPECT_FALSE(matches("addresses", "address"));
    EXPECT_FALSE(matches("", "address"));
    EXPECT_FALSE(matches("x", "address"));
}

TEST(Keyword, CursorWalksAndTakesValues)
{
    Args a = args({"add", "dev", "v1", "up"});
    EXPECT_TRUE(a.matches("add"));
    EXPECT_FALSE(a.is("ad"));
    a.next();
    EXPECT_TRUE(a.is("dev"));
    EXPECT_EQ(a.value(), "v1");
    a.next();
    EXPECT_EQ(a.take(), "up");
    EXPECT_TRUE(a.empty());
    EXPECT_EQ(a.peek(), "");
    a.next();  // harmless at the end
    EXPECT_TRUE(a.empty());
}

TEST(Keyword, MissingValueIsCommandLineNotComplete)
{
    Args a = args({"dev"});
    auto [code, msg] = failure([&] { a.value(); });
    EXPECT_EQ(code, 255);
    EXPECT_EQ(msg, "Command line is not complete. Try option \"help\"\n");
}

TEST(Keyword, ErrorSentences)
{
    EXPECT_EQ(failure([] { invarg("Invalid \"mtu\" value\n", "foo"); }),
              std::make_pair(255, std::string("Error: argument \"foo\" is wrong: Invalid \"mtu\" value\n\n")));
    EXPECT_EQ(failure([] { duparg("name", "z"); }),
              std::make_pair(255, std::string("Error: duplicate \"name\": \"z\" is the second value.\n")));
    EXPECT_EQ(failure([] { duparg2("dev", "foo"); }),
              std::make_pair(255, std::string("Error: either \"dev\" is duplicate, or \"foo\" is a garbage.\n")));
    EXPECT_EQ(failure([] { missarg("dev"); }),
              std::make_pair(255, std::string("Error: argument \"dev\" is required\n")));
}

TEST(Keyword, RestIsWhatRemains)
{
    Args a = args({"exec", "red", "sh", "-c", "true"});
    a.next();
    a.next();
    auto r = a.rest();
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0], "sh");
    EXPECT_EQ(r[2], "true");
}
