// ping's arithmetic and text: the time field's precision rules, the
// statistics block, the SIGQUIT status line, pipe size and exit codes.
// Expected strings are what iputils 20221126 printed for the same numbers.

#include <gtest/gtest.h>

#include "applets/ping/stats.hpp"

using nsbox::ping::format_time;
using nsbox::ping::Statistics;

TEST(PingTime, PrecisionFollowsMagnitude)
{
    EXPECT_EQ(format_time(0), " time=0.000 ms");
    EXPECT_EQ(format_time(45), " time=0.045 ms");
    EXPECT_EQ(format_time(999), " time=0.999 ms");
    EXPECT_EQ(format_time(1000), " time=1.00 ms");
    EXPECT_EQ(format_time(1004), " time=1.00 ms");
    EXPECT_EQ(format_time(1005), " time=1.01 ms"); // rounded half up
    EXPECT_EQ(format_time(9994), " time=9.99 ms");
    EXPECT_EQ(format_time(9995), " time=10.0 ms");
    EXPECT_EQ(format_time(16969), " time=17.0 ms");
    EXPECT_EQ(format_time(99949), " time=99.9 ms");
    EXPECT_EQ(format_time(99950), " time=100 ms");
    EXPECT_EQ(format_time(123456), " time=123 ms");
    EXPECT_EQ(format_time(1234567), " time=1235 ms");
}

namespace {

Statistics three_replies()
{
    // A real run: 0.363, 0.060 and 0.063 ms.
    Statistics s;
    long rtts[] = {363, 60, 63};
    for (uint16_t seq = 1; seq <= 3; ++seq) {
        s.forget(seq);
        s.transmitted();
        EXPECT_EQ(s.reply(seq, rtts[seq - 1], true), Statistics::Kind::fresh);
    }
    return s;
}

} // namespace

TEST(PingStats, SummaryOfReplies)
{
    Statistics s = three_replies();
    Statistics::Summary sum{"10.0.0.3", 637, true, false, 0};
    EXPECT_EQ(s.summary(sum), "\n--- 10.0.0.3 ping statistics ---\n"
                              "3 packets transmitted, 3 received, 0% packet loss, time 637ms\n"
                              "rtt min/avg/max/mdev = 0.060/0.162/0.363/0.142 ms\n");
    EXPECT_EQ(s.exit_code(false, 0), 0);
    EXPECT_EQ(s.in_flight(), 0);
}

TEST(PingStats, StatusLine)
{
    Statistics s = three_replies();
    EXPECT_EQ(s.status_line(true), "\r3/3 packets, 0% loss, min/avg/ewma/max = 0.060/0.162/0.292/0.363 ms\n");
    EXPECT_EQ(s.status_line(false), "\r3/3 packets, 0% loss\n");
    Statistics none;
    none.transmitted();
    EXPECT_EQ(none.status_line(true), "\r0/1 packets, 100% loss\n");
}

TEST(PingStats, NoTimingNoRttLine)
{
    Statistics s;
    s.transmitted();
    s.reply(1, std::nullopt, true);
    Statistics::Summary sum{"h", 0, false, false, 0};
    EXPECT_EQ(s.summary(sum), "\n--- h ping statistics ---\n"
                              "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n\n");
}

TEST(PingStats, ErrorsAndPipe)
{
    // Four probes out before the neighbour lookup fails for all of them.
    Statistics s;
    for (int i = 0; i < 4; ++i)
        s.transmitted();
    EXPECT_EQ(s.in_flight(), 4);
    for (uint16_t seq = 1; seq <= 4; ++seq) {
        s.acknowledge(seq);
        s.error();
    }
    EXPECT_EQ(s.pipe(), 4);
    Statistics::Summary sum{"10.0.0.9", 1543, true, false, 0};
    EXPECT_EQ(s.summary(sum), "\n--- 10.0.0.9 ping statistics ---\n"
                              "4 packets transmitted, 0 received, +4 errors, 100% packet loss, time 1543ms\n"
                              "pipe 4\n");
    EXPECT_EQ(s.exit_code(false, 4), 1);
}

TEST(PingStats, LossIsPrintedWithPercentG)
{
    Statistics s;
    for (int i = 0; i < 3; ++i)
        s.transmitted();
    s.reply(2, 1000, true);
    Statistics::Summary sum{"h", 2000, true, false, 0};
    std::string text = s.summary(sum);
    EXPECT_NE(text.find("3 packets transmitted, 1 received, 66.6667% packet loss, time 2000ms\n"), std::string::npos)
        << text;
    // The reply to probe 2 came when 3 was out: two in flight at once.
    EXPECT_NE(text.find("rtt min/avg/max/mdev = 1.000/1.000/1.000/0.000 ms, pipe 2\n"), std::string::npos) << text;

    Statistics seven;
    for (int i = 0; i < 7; ++i) {
        seven.transmitted();
        if (i)
            seven.reply(uint16_t(i + 1), std::nullopt, true);
    }
    EXPECT_NE(seven.summary({"h", 0, false, false, 0}).find(", 14.2857% packet loss"), std::string::npos);
}

TEST(PingStats, DuplicatesAndCorrupted)
{
    Statistics s;
    s.transmitted();
    EXPECT_EQ(s.reply(1, 100, true), Statistics::Kind::fresh);
    EXPECT_EQ(s.reply(1, 300, true), Statistics::Kind::duplicate);
    EXPECT_EQ(s.reply(1, 50, false), Statistics::Kind::corrupted);
    EXPECT_EQ(s.received(), 1);
    EXPECT_EQ(s.duplicates(), 1);
    EXPECT_EQ(s.corrupted(), 1);
    std::string text = s.summary({"h", 0, true, false, 0});
    // The average counts duplicates; a corrupted reply adds no time.
    EXPECT_NE(text.find("1 packets transmitted, 1 received, +1 duplicates, +1 corrupted, 0% packet loss"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("rtt min/avg/max/mdev = 0.100/0.200/0.300/0.100 ms"), std::string::npos) << text;
    // A probe sent again under the same number may be answered again.
    s.forget(1);
    EXPECT_EQ(s.reply(1, 100, true), Statistics::Kind::fresh);
}

TEST(PingStats, InterpacketGap)
{
    Statistics s = three_replies();
    Statistics::Summary sum{"h", 2, true, true, 1234};
    EXPECT_NE(s.summary(sum).find("rtt min/avg/max/mdev = 0.060/0.162/0.363/0.142 ms, ipg/ewma 1.234/0.292 ms\n"),
              std::string::npos);
}

TEST(PingStats, ExitCodes)
{
    Statistics none;
    none.transmitted();
    EXPECT_EQ(none.exit_code(false, 0), 1);
    Statistics one;
    one.transmitted();
    one.transmitted();
    one.reply(1, 10, true);
    EXPECT_EQ(one.exit_code(false, 2), 0);
    // With -w, fewer replies than -c asked for is a failure.
    EXPECT_EQ(one.exit_code(true, 2), 1);
    EXPECT_EQ(one.exit_code(true, 1), 0);
}

TEST(PingStats, LargeTimesUseTheOtherVarianceFormula)
{
    Statistics s;
    s.transmitted();
    s.transmitted();
    s.reply(1, 3000000000L, true);
    s.reply(2, 3000000000L, true);
    EXPECT_EQ(s.rtt_line(), "rtt min/avg/max/mdev = 3000000.000/3000000.000/3000000.000/0.000 ms");
}

TEST(PingStats, SequenceWrap)
{
    Statistics s;
    for (long i = 0; i < 65540; ++i)
        s.transmitted();
    // Probe 65540 went out as sequence 4.
    s.acknowledge(4);
    EXPECT_EQ(s.in_flight(), 0);
    s.transmitted();
    EXPECT_EQ(s.in_flight(), 1);
    EXPECT_EQ(s.pipe(), 1);
}
