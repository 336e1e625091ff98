// The one error type every applet throws: a failure already worded as the
// reference tool words it, with the exit status the reference uses and
// whether it ends a batch. Whoever can finish the command (ip's batch loop,
// an applet's entry point) catches it; anything that escapes is printed by
// nsbox's main() (stdout flushed first, then message() to stderr as is) and
// the process exits with code().
#pragma once

#include <exception>
#include <string>

namespace nsbox::cli {

// Whether a failure ends only the command (a batch goes on with its next
// line unless told to stop) or the whole process, as where the reference
// tool calls exit() in the middle of a command (a batch stops at once,
// even under -force).
enum class Stop : char { command, batch };

class Failure : public std::exception {
public:
    Failure(int code, std::string message, Stop stop = Stop::command)
        : code_(code), message_(std::move(message)), stop_(stop)
    {
    }
    int code() const noexcept { return code_; }
    const std::string& message() const noexcept { return message_; }
    const char* what() const noexcept override { return message_.c_str(); }
    // The reference exits the process here: a batch stops.
    bool stops_batch() const noexcept { return stop_ == Stop::batch; }

private:
    int code_;
    std::string message_;
    Stop stop_;
};

[[noreturn]] void fail(int code, std::string message);
[[noreturn]] void fail(int code, std::string message, Stop stop);

// Runs an applet's entry point; a Failure that escapes it is printed and
// becomes the exit status.
int run_entry(int (*entry)(int, char**), int argc, char** argv);

} // namespace nsbox::cli
