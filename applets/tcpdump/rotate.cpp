// tcpdump's -C/-G/-W/-z file rotation; see rotate.hpp.
//
// -z uses fork() and execlp() rather than Boost.Process: tcpdump's child
// sets its own priority, prints its own message when the command cannot be
// started and writes out the stdio output it inherited, and nobody waits
// for it (a SIGCHLD handler reaps it, the status unread). Boost.Process
// reports a failed exec in the parent, as an exception, and would add to
// the binary for none of that (README: "-z and Boost.Process").

#include "applets/tcpdump/rotate.hpp"
#include "applets/tcpdump/signals.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

namespace nsbox::tcpdump {

std::string parse_file_size(const std::string& arg, RotateOptions& opt)
{
    // strtoll() in base 10: leading blanks and a sign pass, anything after
    // the digits does not; the result is in millions of bytes.
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(arg.c_str(), &end, 10);
    if (end == arg.c_str() || *end != '\0' || errno != 0 || v <= 0)
        return "invalid file size " + arg;
    if (v > INT64_MAX / 1000000)
        return fmt::format("file size {} is too large", arg);
    opt.file_size = static_cast<int64_t>(v) * 1000000;
    return {};
}

std::string parse_seconds(const std::string& arg, RotateOptions& opt)
{
    // atoi(): "x" is 0, which turns -G off.
    opt.seconds = std::atoi(arg.c_str());
    if (opt.seconds < 0)
        return "invalid number of seconds " + arg;
    // The first file's name carries the time the option was read.
    opt.rotated_at = std::time(nullptr);
    return {};
}

std::string parse_file_count(const std::string& arg, RotateOptions& opt)
{
    opt.file_count = std::atoi(arg.c_str());
    if (opt.file_count <= 0)
        return "invalid number of output files " + arg;
    opt.count_width = count_width(opt.file_count);
    return {};
}

int count_width(int count)
{
    int digits = 0;
    for (int x = count - 1; x > 0; x /= 10)
        ++digits;
    return digits;
}

std::optional<std::string> make_filename(std::string_view pattern, const std::tm* when, int count, int width)
{
    std::string base;
    if (when) {
        // PATH_MAX bytes of strftime() output at most, as tcpdump's buffer.
        std::string fmt(pattern);
        base.resize(PATH_MAX);
        size_t n = std::strftime(base.data(), PATH_MAX, fmt.c_str(), when);
        base.resize(n);
    } else {
        base.assign(pattern.substr(0, PATH_MAX));
    }
    if (count == 0 && width == 0)
        return base;
    std::string name = fmt::format("{}{:0{}d}", base, count, width);
    if (name.size() > PATH_MAX)
        return std::nullopt;
    return name;
}

void run_postrotate(const std::string& command, const std::string& file)
{
    pid_t child = fork();
    if (child == -1) {
        std::fprintf(stderr, "compress_savefile: fork failed: %s\n", std::strerror(errno));
        return;
    }
    if (child != 0)
        return;
    // The child: the lowest priority, so that the command does not slow
    // the capture down.
    setpriority(PRIO_PROCESS, 0, 19);
    execlp(command.c_str(), command.c_str(), file.c_str(), static_cast<char*>(nullptr));
    std::fprintf(stderr, "compress_savefile: execlp(%s, %s) failed: %s\n", command.c_str(), file.c_str(),
                 std::strerror(errno));
    // tcpdump's child leaves through exit(), which writes out the stdio
    // output it inherited: --print text still buffered in the parent shows
    // twice. That is kept. Its exit() also resyncs the -r file's read
    // buffer, moving the offset the parent shares (a racy "invalid packet
    // capture length" in the parent): that is not, hence _exit().
    std::fflush(nullptr);
    _exit(1);
}

namespace {

void reap_child(int)
{
    int saved = errno;
    wait(nullptr);
    errno = saved;
}

} // namespace

void reap_children_on_sigchld()
{
    set_signal(SIGCHLD, reap_child, SA_RESTART);
}

Rotator::Rotator(pcap_t* pc, std::string pattern, RotateOptions opt)
    : pc_(pc), pattern_(std::move(pattern)), opt_(std::move(opt))
{
}

Rotator::~Rotator() { close(); }

bool Rotator::open(int count, int width)
{
    std::tm local{};
    const std::tm* when = nullptr;
    if (opt_.seconds != 0) {
        time_t t = opt_.rotated_at;
        when = localtime_r(&t, &local);
    }
    auto name = make_filename(pattern_, when, count, width);
    if (!name) {
        error_ = fmt::format("too many output files or filename is too long (> {})", PATH_MAX);
        return false;
    }
    name_ = std::move(*name);
    dumper_ = pcap_dump_open(pc_, name_.c_str());
    if (!dumper_) {
        error_ = pcap_geterr(pc_);
        return false;
    }
    return true;
}

bool Rotator::open_first()
{
    tzset();
    // No number on the first file, but -W's padding when -C is on.
    return open(0, opt_.file_size != 0 ? opt_.count_width : 0);
}

void Rotator::close()
{
    if (dumper_)
        pcap_dump_close(dumper_);
    dumper_ = nullptr;
}

void Rotator::close_and_compress()
{
    close();
    if (opt_.command)
        run_postrotate(*opt_.command, name_);
}

Rotator::Step Rotator::before_packet()
{
    if (!opt_.rotates())
        return Step::write;
    // -G: the first packet once the time is up starts the next file. A
    // -C boundary at the same moment then finds the new file empty.
    if (opt_.seconds != 0) {
        time_t now = std::time(nullptr);
        if (now - opt_.rotated_at >= opt_.seconds) {
            opt_.rotated_at = now;
            ++time_count_;
            close_and_compress();
            if (opt_.file_size == 0 && opt_.file_count > 0 && time_count_ >= opt_.file_count)
                return Step::limit;
            size_count_ = 0;
            if (!open(0, opt_.file_size != 0 ? opt_.count_width : 0))
                return Step::failed;
        }
    }
    // -C: the file already holds more than the size (the last packet may
    // have taken it past): the packet goes to the next one.
    if (opt_.file_size != 0) {
        int64_t size = pcap_dump_ftell64(dumper_);
        if (size == -1) {
            error_ = "ftell fails on output file";
            return Step::failed;
        }
        if (size > opt_.file_size) {
            close_and_compress();
            ++size_count_;
            if (opt_.file_count > 0 && size_count_ >= opt_.file_count)
                size_count_ = 0;
            if (!open(size_count_, opt_.count_width))
                return Step::failed;
        }
    }
    return Step::write;
}

} // namespace nsbox::tcpdump
