// cli::to_long / cli::to_ulong: iputils' strtol_or_err rules and sentences,
// shared by ping and arping.
#include <gtest/gtest.h>

#include <climits>
#include <string>

#include "applets/common/number.hpp"

namespace {

using nsbox::cli::BadNumber;
using nsbox::cli::to_long;
using nsbox::cli::to_ulong;

std::string error_of(const char* s, long min, long max)
{
    try {
        to_long(s, min, max);
    } catch (const BadNumber& e) {
        return e.what();
    }
    return "";
}

TEST(Number, WholeDecimalWithinRange)
{
    EXPECT_EQ(to_long("3", 1, 10), 3);
    EXPECT_EQ(to_long("-5", -10, 10), -5);
    EXPECT_EQ(to_long("10", 1, 10), 10);
    EXPECT_EQ(to_ulong("65535", 0, 0xffff), 65535UL);
}

TEST(Number, IputilsSentences)
{
    EXPECT_EQ(error_of("", 1, 10), "invalid argument: ''");
    EXPECT_EQ(error_of("3x", 1, 10), "invalid argument: '3x'");
    EXPECT_EQ(error_of("abc", 1, 10), "invalid argument: 'abc'");
    EXPECT_EQ(error_of("0", 1, 10), "invalid argument: '0': out of range: 1 <= value <= 10");
    EXPECT_EQ(error_of("99999999999999999999", 1, LONG_MAX),
              "invalid argument: '99999999999999999999': Numerical result out of range");
    try {
        to_ulong("65536", 0, 0xffff);
        ADD_FAILURE() << "65536 accepted";
    } catch (const BadNumber& e) {
        EXPECT_STREQ(e.what(), "invalid argument: '65536': out of range: 0 <= value <= 65535");
    }
}

} // namespace
