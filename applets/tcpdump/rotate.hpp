// tcpdump's -w file rotation: -C (size), -G (time), -W (count), -z (a
// command run on each file closed by a rotation), as tcpdump 4.99.3 does it.
//
// Naming (tcpdump's MakeFilename): with -G the -w name goes through
// strftime() at the time of the rotation; then, with -C, a count is
// appended (none on the first file), zero-padded to the digits of W-1 when
// -W is given, wrapping around at W. With -G and -W but no -C, the W-th
// rotation ends the capture ("Maximum file limit reached: W").
//
// -z runs COMMAND FILE the way tcpdump does: fork, the child lowers its
// priority to nice 19 and execlp()s the command (a PATH lookup, no shell);
// the capture does not wait for it, a SIGCHLD handler reaps it and its exit
// status is not looked at. It runs only for files closed by a rotation,
// never for the last one.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <pcap/pcap.h>

namespace nsbox::tcpdump {

struct RotateOptions {
    int64_t file_size = 0;              // -C, in bytes (the argument times 1,000,000); 0: off
    int seconds = 0;                    // -G; 0: off
    time_t rotated_at = 0;              // the time in the current file's -G name
    int file_count = 0;                 // -W; 0: none given
    int count_width = 0;                // the digits of file_count - 1
    std::optional<std::string> command; // -z

    bool rotates() const { return file_size != 0 || seconds != 0; }
};

// The option values as tcpdump reads them. Each returns "" and sets the
// option, or returns tcpdump's message (for "tcpdump: MESSAGE", exit 1).
std::string parse_file_size(const std::string& arg, RotateOptions& opt);  // -C
std::string parse_seconds(const std::string& arg, RotateOptions& opt);    // -G
std::string parse_file_count(const std::string& arg, RotateOptions& opt); // -W

// The digits needed for the numbers 0 .. count-1 (0 for a count of 1).
int count_width(int count);

// tcpdump's MakeFilename: PATTERN through strftime() when WHEN is given,
// then COUNT padded to WIDTH digits, unless both are 0. nullopt when the
// name would be longer than PATH_MAX.
std::optional<std::string> make_filename(std::string_view pattern, const std::tm* when, int count, int width);

// -z: starts COMMAND FILE in a child and returns at once (see above).
void run_postrotate(const std::string& command, const std::string& file);

// Reaps finished -z children (tcpdump's child_cleanup: wait(), status
// ignored), installed for the whole capture as tcpdump does.
void reap_children_on_sigchld();

// The -w output: one file, or a rotation of them.
class Rotator {
public:
    enum class Step {
        write,   // write the packet to dumper()
        limit,   // -G with -W: the W-th file is closed; the capture ends
        failed,  // error() says why (tcpdump: MESSAGE, exit 1)
    };

    Rotator(pcap_t* pc, std::string pattern, RotateOptions opt);
    ~Rotator();
    Rotator(const Rotator&) = delete;
    Rotator& operator=(const Rotator&) = delete;

    // Opens the first file; false with error() set if it cannot.
    bool open_first();
    // Before each packet: rotates when -G's time or -C's size says so.
    Step before_packet();
    // Writes out and closes the current file (the end of the capture).
    void close();

    pcap_dumper_t* dumper() const { return dumper_; }
    const std::string& error() const { return error_; }
    const std::string& current_name() const { return name_; }
    int file_count() const { return opt_.file_count; }

private:
    bool open(int count, int width);
    void close_and_compress();

    pcap_t* pc_;
    std::string pattern_;
    RotateOptions opt_;
    pcap_dumper_t* dumper_ = nullptr;
    std::string name_;
    std::string error_;
    int size_count_ = 0; // tcpdump's Cflag_count: the -C number of the current file
    int time_count_ = 0; // tcpdump's Gflag_count: the -G rotations so far
};

} // namespace nsbox::tcpdump
