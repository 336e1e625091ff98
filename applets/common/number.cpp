#include "applets/common/number.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace nsbox::cli {

namespace {

template <class T>
T checked(const char* s, T min, T max, T (*parse)(const char*, char**, int))
{
    errno = 0;
    char* end = nullptr;
    T v = 0;
    if (*s)
        v = parse(s, &end, 10);
    if (!*s || errno || end == s || *end) {
        int err = errno;
        throw BadNumber(fmt::format("invalid argument: '{}'{}{}", s, err ? ": " : "", err ? std::strerror(err) : ""));
    }
    if (v < min || v > max)
        throw BadNumber(fmt::format("invalid argument: '{}': out of range: {} <= value <= {}", s, min, max));
    return v;
}

} // namespace

long to_long(const char* s, long min, long max)
{
    return checked<long>(s, min, max, std::strtol);
}

unsigned long to_ulong(const char* s, unsigned long min, unsigned long max)
{
    return checked<unsigned long>(s, min, max, std::strtoul);
}

} // namespace nsbox::cli
