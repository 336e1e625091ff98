// Whole decimal numbers from the command line, checked as iputils'
// strtol_or_err / strtoul_or_err check them (ping and arping share it): the
// whole word must be a number that fits, within [min, max].
#pragma once

#include <stdexcept>

namespace nsbox::cli {

// A word that is not such a number. what() is iputils' sentence without the
// program name: "invalid argument: 'x'" (with ": strerror" when strtol set
// errno, as for an overflow), or "invalid argument: 'x': out of range:
// MIN <= value <= MAX". iputils exits with status 1 after it.
class BadNumber : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

long to_long(const char* s, long min, long max);
unsigned long to_ulong(const char* s, unsigned long min, unsigned long max);

} // namespace nsbox::cli
