#include "applets/common/failure.hpp"

#include <cstdio>

namespace nsbox::cli {

void fail(int code, std::string message) { throw Failure(code, std::move(message)); }
void fail(int code, std::string message, Stop stop) { throw Failure(code, std::move(message), stop); }

int run_entry(int (*entry)(int, char**), int argc, char** argv)
{
    try {
        return entry(argc, argv);
    } catch (const Failure& f) {
        std::fflush(stdout);
        std::fputs(f.message().c_str(), stderr);
        return f.code();
    }
}

} // namespace nsbox::cli
