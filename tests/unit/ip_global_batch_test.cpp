// iproute2's -batch reader: comments, continuation lines, quoting, line
// numbers, and its limits.

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "applets/common/keyword.hpp"

using nsbox::cli::BatchReader;
using nsbox::cli::Failure;
using Words = std::vector<std::string>;

namespace {

// Every command of `text`, with the line number after each.
std::vector<std::pair<Words, int>> read_all(const std::string& text)
{
    std::unique_ptr<FILE, int (*)(FILE*)> f(fmemopen(const_cast<char*>(text.data()), text.size(), "r"), std::fclose);
    BatchReader r(f.get());
    std::vector<std::pair<Words, int>> out;
    while (auto w = r.next())
        out.emplace_back(std::move(*w), r.line());
    return out;
}

} // namespace

TEST(BatchSplit, WordsAndWhiteSpace)
{
    EXPECT_EQ(BatchReader::split("link show lo\n"), (Words{"link", "show", "lo"}));
    EXPECT_EQ(BatchReader::split("  link\tshow \r lo  \r\n"), (Words{"link", "show", "lo"}));
    EXPECT_EQ(BatchReader::split(""), Words{});
    EXPECT_EQ(BatchReader::split(" \t\r\n"), Words{});
}

TEST(BatchSplit, QuotedWords)
{
    EXPECT_EQ(BatchReader::split("link set dev lo alias \"a b\"\n"), (Words{"link", "set", "dev", "lo", "alias", "a b"}));
    EXPECT_EQ(BatchReader::split("x 'it\"s' \"it's\""), (Words{"x", "it\"s", "it's"}));
    // the closing quote ends the word even without a space after it
    EXPECT_EQ(BatchReader::split("\"a b\"c"), (Words{"a b", "c"}));
    // a quote inside a word is an ordinary character
    EXPECT_EQ(BatchReader::split("ab\"c d\""), (Words{"ab\"c", "d\""}));
    EXPECT_EQ(BatchReader::split("\"\" ''"), (Words{"", ""}));
}

TEST(BatchSplit, UnterminatedQuoteExitsOne)
{
    try {
        BatchReader::split("link show \"lo");
        FAIL();
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), 1);
        EXPECT_EQ(f.message(), "Unterminated quoted string\n");
    }
}

TEST(BatchSplit, At511WordsTooMany)
{
    std::string line;
    for (int i = 0; i < 511; ++i)
        line += "w ";
    EXPECT_EQ(BatchReader::split(line).size(), 511u);
    try {
        BatchReader::split(line + "one-more");
        FAIL();
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), 1);
        EXPECT_EQ(f.message(), "Too many arguments to command\n");
    }
}

TEST(BatchReader, CommentsBlankLinesAndLineNumbers)
{
    auto all = read_all("# head\n\nlink show lo # tail\n  # indented\naddr\n");
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all[0], (std::pair<Words, int>{{}, 1}));
    EXPECT_EQ(all[1], (std::pair<Words, int>{{}, 2}));
    EXPECT_EQ(all[2], (std::pair<Words, int>{{"link", "show", "lo"}, 3}));
    EXPECT_EQ(all[3], (std::pair<Words, int>{{}, 4}));
    EXPECT_EQ(all[4], (std::pair<Words, int>{{"addr"}, 5}));
}

TEST(BatchReader, HashCutsEvenInsideQuotes)
{
    // iproute2 cuts at the first '#' before it looks at quotes, so the
    // quote is left open.
    EXPECT_THROW(read_all("link set lo alias \"a#b\"\n"), Failure);
    auto all = read_all("link set lo alias 'a'#b\n");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].first, (Words{"link", "set", "lo", "alias", "a"}));
}

TEST(BatchReader, ContinuationLinesCountTowardsTheLineNumber)
{
    auto all = read_all("link \\\nshow \\\nlo\nroute\n");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0], (std::pair<Words, int>{{"link", "show", "lo"}, 3}));
    EXPECT_EQ(all[1], (std::pair<Words, int>{{"route"}, 4}));
}

TEST(BatchReader, ACommentBeforeTheBackslashStopsTheContinuation)
{
    auto all = read_all("link show lo # no \\\nroute\n");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].first, (Words{"link", "show", "lo"}));
    EXPECT_EQ(all[1].first, (Words{"route"}));
}

TEST(BatchReader, CommentInAContinuationLine)
{
    auto all = read_all("link \\\nshow # x\nlo\n");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0], (std::pair<Words, int>{{"link", "show"}, 2}));
    EXPECT_EQ(all[1], (std::pair<Words, int>{{"lo"}, 3}));
}

TEST(BatchReader, MissingContinuationEndsTheInput)
{
    auto all = read_all("link show lo\nlink \\\n");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].first, (Words{"link", "show", "lo"}));
}

TEST(BatchReader, LastLineWithoutNewlineAndBackslashAtEnd)
{
    auto all = read_all("link show lo\\");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].first, (Words{"link", "show", "lo\\"}));
}

TEST(BatchReader, ALineStopsAtANul)
{
    std::string text("link show lo\0garbage\nroute\n", 27);
    auto all = read_all(text);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].first, (Words{"link", "show", "lo"}));
    EXPECT_EQ(all[1].first, (Words{"route"}));
}
