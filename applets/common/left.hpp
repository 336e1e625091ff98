#pragma once
// Left: a string padded on the right to a width counted in bytes.

#include <algorithm>
#include <cstddef>
#include <string_view>

#include <fmt/format.h>

namespace nsbox::cli {

// A string left-aligned in `width` bytes, as printf's "%-16s" pads it.
// fmt's own width ("{:<16}") counts code points, which gives a UTF-8 name
// ("café0") fewer spaces than iproute2 prints.
struct Left {
    std::string_view s;
    size_t width;
};

} // namespace nsbox::cli

template <>
struct fmt::formatter<nsbox::cli::Left> {
    constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
    template <class Ctx>
    auto format(const nsbox::cli::Left& l, Ctx& ctx) const
    {
        auto out = std::copy(l.s.begin(), l.s.end(), ctx.out());
        for (size_t i = l.s.size(); i < l.width; ++i)
            *out++ = ' ';
        return out;
    }
};
