// ping's bookkeeping and the text iputils derives from it: which sequence
// numbers came back, round-trip times, the "pipe" (most probes in flight),
// the reply line's time field and the statistics block.
//
// Pure arithmetic and formatting, no I/O, so that every number iputils
// prints can be checked in unit tests.
#pragma once

#include <bitset>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>

namespace nsbox::ping {

// " time=0.045 ms": a round trip in microseconds, with the precision iputils
// gives each magnitude (3 decimals below 1 ms, 2 below 10 ms, 1 below 100 ms,
// none above; each rounded half up).
std::string format_time(long triptime_us);

// The "%ld.%03ld" milliseconds form of the rtt summary line.
std::string format_ms(long us);

class Statistics {
public:
    // What a reply turned out to be.
    enum class Kind { fresh, duplicate, corrupted };

    // A probe with this sequence number is about to be sent: forget an
    // earlier reply with the same number (they wrap at 65536).
    void forget(uint16_t seq) { received_.reset(seq); }
    // Whether a reply for `seq` has come back since it was last sent.
    bool was_received(uint16_t seq) const { return received_.test(seq); }
    // A probe was sent (or a send failed in a way that counts as sent).
    void transmitted();
    // An answer (reply or error) for `seq` arrived: updates the pipe size.
    void acknowledge(uint16_t seq);
    // An echo reply for `seq`. `rtt_us` is the round trip when the payload
    // carried a timestamp. A reply with a bad checksum is counted apart.
    Kind reply(uint16_t seq, std::optional<long> rtt_us, bool checksum_ok);
    // An ICMP error about one of our probes, or a local send error.
    void error() { ++errors_; }

    long transmitted_count() const noexcept { return transmitted_; }
    long received() const noexcept { return received_count_; }
    long duplicates() const noexcept { return repeats_; }
    long corrupted() const noexcept { return checksum_; }
    long errors() const noexcept { return errors_; }
    long rtt_min() const noexcept { return tmin_; }
    long rtt_max() const noexcept { return tmax_; }
    int pipe() const noexcept { return pipesize_; }
    // Probes sent and not yet answered.
    long in_flight() const noexcept;
    // The smoothed round trip in iputils' fixed point (microseconds * 8).
    uint64_t ewma() const noexcept { return rtt_; }

    // "rtt min/avg/max/mdev = a/b/c/d ms" (without newline), or nothing when
    // no reply carried a time.
    std::string rtt_line() const;

    struct Summary {
        std::string hostname;
        long elapsed_ms = 0;  // from the first to the last probe sent
        bool timing = false;  // probes carried timestamps
        bool ipg = false;     // print "ipg/ewma" (interval 0, flood, adaptive)
        long ipg_us = 0;      // elapsed time / (transmitted - 1), when ipg
    };
    // The block finish() prints, from the blank line to the last newline.
    std::string summary(const Summary& s) const;
    // The SIGQUIT status line, "\r1/1 packets, 0% loss[, min/avg/ewma/max = ...]\n".
    std::string status_line(bool timing) const;
    // 0 when a reply came back (and, with a deadline, as many as asked for).
    int exit_code(bool deadline, long count) const;

private:
    std::bitset<65536> received_;
    long transmitted_ = 0;
    long received_count_ = 0;
    long repeats_ = 0;
    long checksum_ = 0;
    long errors_ = 0;
    long tmin_ = LONG_MAX;
    long tmax_ = 0;
    double tsum_ = 0;
    double tsum2_ = 0;
    uint64_t rtt_ = 0;
    uint16_t acked_ = 0;
    int pipesize_ = -1;
};

} // namespace nsbox::ping
