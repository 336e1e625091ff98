// Where a fuzz target sends the output of the code it runs: /dev/null,
// opened once per process (the printers still format every byte, nothing
// reaches the terminal). Shared by the targets that drive `ip`'s printers.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace nsbox_fuzz {

inline std::FILE* sink()
{
    static std::FILE* f = [] {
        std::FILE* s = std::fopen("/dev/null", "w");
        if (!s)
            std::abort();
        return s;
    }();
    return f;
}

} // namespace nsbox_fuzz
