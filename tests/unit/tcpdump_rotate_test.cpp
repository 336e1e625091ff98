// tcpdump's -C/-G/-W values and file names (applets/tcpdump/rotate.hpp), as
// tcpdump 4.99.3 reads and makes them.

#include <gtest/gtest.h>

#include <climits>
#include <ctime>
#include <string>

#include "applets/tcpdump/rotate.hpp"

using nsbox::tcpdump::count_width;
using nsbox::tcpdump::make_filename;
using nsbox::tcpdump::parse_file_count;
using nsbox::tcpdump::parse_file_size;
using nsbox::tcpdump::parse_seconds;
using nsbox::tcpdump::RotateOptions;

TEST(TcpdumpRotate, FileSizeIsMillionsOfBytesReadByStrtoll)
{
    RotateOptions o;
    EXPECT_EQ(parse_file_size("1", o), "");
    EXPECT_EQ(o.file_size, 1000000);
    EXPECT_EQ(parse_file_size(" +2", o), "");
    EXPECT_EQ(o.file_size, 2000000);
    EXPECT_EQ(parse_file_size("9223372036854", o), "");
    EXPECT_EQ(o.file_size, 9223372036854000000);
    EXPECT_EQ(parse_file_size("0", o), "invalid file size 0");
    EXPECT_EQ(parse_file_size("-1", o), "invalid file size -1");
    EXPECT_EQ(parse_file_size("1k", o), "invalid file size 1k");
    EXPECT_EQ(parse_file_size("", o), "invalid file size ");
    EXPECT_EQ(parse_file_size("99999999999999999999", o), "invalid file size 99999999999999999999");
    EXPECT_EQ(parse_file_size("9223372036855", o), "file size 9223372036855 is too large");
}

TEST(TcpdumpRotate, SecondsAndCountAreAtoi)
{
    RotateOptions o;
    EXPECT_EQ(parse_seconds("x", o), "");
    EXPECT_EQ(o.seconds, 0);
    EXPECT_FALSE(o.rotates());
    EXPECT_EQ(parse_seconds("5s", o), "");
    EXPECT_EQ(o.seconds, 5);
    EXPECT_TRUE(o.rotates());
    EXPECT_NE(o.rotated_at, 0);
    EXPECT_EQ(parse_seconds("-1", o), "invalid number of seconds -1");

    EXPECT_EQ(parse_file_count("1x", o), "");
    EXPECT_EQ(o.file_count, 1);
    EXPECT_EQ(o.count_width, 0);
    EXPECT_EQ(parse_file_count("11", o), "");
    EXPECT_EQ(o.count_width, 2);
    EXPECT_EQ(parse_file_count("0", o), "invalid number of output files 0");
    EXPECT_EQ(parse_file_count("x", o), "invalid number of output files x");
}

TEST(TcpdumpRotate, CountWidthIsTheDigitsOfCountMinusOne)
{
    EXPECT_EQ(count_width(1), 0);
    EXPECT_EQ(count_width(2), 1);
    EXPECT_EQ(count_width(10), 1);
    EXPECT_EQ(count_width(11), 2);
    EXPECT_EQ(count_width(100), 2);
    EXPECT_EQ(count_width(101), 3);
}

TEST(TcpdumpRotate, NamesCountsAndPadding)
{
    EXPECT_EQ(make_filename("cap", nullptr, 0, 0), "cap");
    EXPECT_EQ(make_filename("cap", nullptr, 1, 0), "cap1");
    EXPECT_EQ(make_filename("cap", nullptr, 12, 0), "cap12");
    EXPECT_EQ(make_filename("cap", nullptr, 0, 1), "cap0");
    EXPECT_EQ(make_filename("cap", nullptr, 3, 3), "cap003");
    // Without -G, '%' is not special.
    EXPECT_EQ(make_filename("c%Y", nullptr, 0, 0), "c%Y");
}

TEST(TcpdumpRotate, GNamesGoThroughStrftime)
{
    std::tm t{};
    t.tm_year = 2026 - 1900;
    t.tm_mon = 11;
    t.tm_mday = 6;
    t.tm_hour = 7;
    t.tm_min = 5;
    EXPECT_EQ(make_filename("cap-%Y%m%d-%H%M-%%", &t, 0, 0), "cap-20261206-0705-%");
    EXPECT_EQ(make_filename("cap-%H%M.", &t, 2, 2), "cap-0705.02");
}

TEST(TcpdumpRotate, NamesLongerThanPathMaxWithACountFail)
{
    std::string base(PATH_MAX, 'a');
    EXPECT_EQ(make_filename(base, nullptr, 0, 0), base);
    EXPECT_FALSE(make_filename(base, nullptr, 0, 1).has_value());
    EXPECT_TRUE(make_filename(std::string(PATH_MAX - 1, 'a'), nullptr, 5, 1).has_value());
}
