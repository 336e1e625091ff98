#include "applets/ping/stats.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace nsbox::ping {

std::string format_time(long t)
{
    if (t >= 100000 - 50)
        return fmt::format(" time={} ms", (t + 500) / 1000);
    if (t >= 10000 - 5)
        return fmt::format(" time={}.{:01} ms", (t + 50) / 1000, ((t + 50) % 1000) / 100);
    if (t >= 1000)
        return fmt::format(" time={}.{:02} ms", (t + 5) / 1000, ((t + 5) % 1000) / 10);
    return fmt::format(" time={}.{:03} ms", t / 1000, t % 1000);
}

std::string format_ms(long us)
{
    return fmt::format("{}.{:03}", us / 1000, us % 1000);
}

void Statistics::transmitted()
{
    ++transmitted_;
    // Sequence numbers are 16 bits: when they wrap far past the last
    // acknowledged one, that one no longer says anything.
    if (uint16_t(uint16_t(transmitted_) - acked_) > 0x7fff)
        acked_ = uint16_t(uint16_t(transmitted_) + 1);
}

void Statistics::acknowledge(uint16_t seq)
{
    uint16_t diff = uint16_t(uint16_t(transmitted_) - seq);
    if (diff > 0x7fff)
        return;
    if (int(diff) + 1 > pipesize_)
        pipesize_ = int(diff) + 1;
    if (int16_t(uint16_t(seq - acked_)) > 0 || uint16_t(uint16_t(transmitted_) - acked_) > 0x7fff)
        acked_ = seq;
}

long Statistics::in_flight() const noexcept
{
    uint16_t diff = uint16_t(uint16_t(transmitted_) - acked_);
    return diff <= 0x7fff ? long(diff) : transmitted_ - received_count_ - errors_;
}

Statistics::Kind Statistics::reply(uint16_t seq, std::optional<long> rtt_us, bool checksum_ok)
{
    ++received_count_;
    if (checksum_ok)
        acknowledge(seq);
    if (rtt_us && checksum_ok) {
        long t = *rtt_us;
        tsum_ += double(t);
        tsum2_ += double(static_cast<long long>(t) * static_cast<long long>(t));
        if (t < tmin_)
            tmin_ = t;
        if (t > tmax_)
            tmax_ = t;
        if (rtt_ == 0)
            rtt_ = uint64_t(t) * 8;
        else
            rtt_ += uint64_t(t) - rtt_ / 8;
    }
    if (!checksum_ok) {
        ++checksum_;
        --received_count_;
        return Kind::corrupted;
    }
    if (received_.test(seq)) {
        ++repeats_;
        --received_count_;
        return Kind::duplicate;
    }
    received_.set(seq);
    return Kind::fresh;
}

namespace {

// Integer square root by Newton's method, rounding down.
long llsqrt(long long a)
{
    long long prev = LLONG_MAX;
    long long x = a;
    if (x > 0) {
        while (x < prev) {
            prev = x;
            x = (x + (a / x)) / 2;
        }
    }
    return long(x);
}

} // namespace

std::string Statistics::rtt_line() const
{
    long total = received_count_ + repeats_;
    if (total <= 0)
        return {};
    long tmavg = long(tsum_ / double(total));
    long long tmvar;
    // The order of operations is iputils': it keeps small times exact.
    if (tsum_ < double(INT_MAX))
        tmvar = static_cast<long long>((tsum2_ - ((tsum_ * tsum_) / double(total))) / double(total));
    else
        tmvar = static_cast<long long>(tsum2_ / double(total)) - static_cast<long long>(tmavg) * tmavg;
    long tmdev = llsqrt(tmvar);
    return fmt::format("rtt min/avg/max/mdev = {}/{}/{}/{} ms", format_ms(tmin_), format_ms(tmavg),
                       format_ms(tmax_), format_ms(tmdev));
}

std::string Statistics::summary(const Summary& s) const
{
    std::string out = fmt::format("\n--- {} ping statistics ---\n", s.hostname);
    out += fmt::format("{} packets transmitted, {} received", transmitted_, received_count_);
    if (repeats_)
        out += fmt::format(", +{} duplicates", repeats_);
    if (checksum_)
        out += fmt::format(", +{} corrupted", checksum_);
    if (errors_)
        out += fmt::format(", +{} errors", errors_);
    if (transmitted_) {
        // iputils prints the loss as a float through %g.
        float loss = float((double(static_cast<long long>(transmitted_ - received_count_)) * 100.0) /
                           double(transmitted_));
        char buf[64];
        std::snprintf(buf, sizeof buf, ", %g%% packet loss", double(loss));
        out += buf;
        out += fmt::format(", time {}ms", s.elapsed_ms);
    }
    out += '\n';
    const char* comma = "";
    if (received_count_ && s.timing) {
        out += rtt_line();
        comma = ", ";
    }
    if (pipesize_ > 1) {
        out += fmt::format("{}pipe {}", comma, pipesize_);
        comma = ", ";
    }
    if (received_count_ && s.ipg && transmitted_ > 1) {
        long ipg = s.ipg_us;
        out += fmt::format("{}ipg/ewma {}.{:03}/{}.{:03} ms", comma, ipg / 1000, ipg % 1000, rtt_ / 8000,
                           (rtt_ / 8) % 1000);
    }
    out += '\n';
    return out;
}

std::string Statistics::status_line(bool timing) const
{
    int loss = 0;
    if (transmitted_)
        loss = int((static_cast<long long>(transmitted_ - received_count_) * 100) / transmitted_);
    std::string out = fmt::format("\r{}/{} packets, {}% loss", received_count_, transmitted_, loss);
    if (received_count_ && timing) {
        long tavg = long(tsum_ / double(received_count_ + repeats_));
        out += fmt::format(", min/avg/ewma/max = {}/{}/{}.{:03}/{} ms", format_ms(tmin_), format_ms(tavg),
                           rtt_ / 8000, (rtt_ / 8) % 1000, format_ms(tmax_));
    }
    out += '\n';
    return out;
}

int Statistics::exit_code(bool deadline, long count) const
{
    return (!received_count_ || (deadline && received_count_ < count)) ? 1 : 0;
}

} // namespace nsbox::ping
