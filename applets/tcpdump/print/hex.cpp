// Raw dumps: -x (hex), -X (hex and ASCII), -A (ASCII), and the hex and
// ASCII dump tcpdump prints for payloads nothing decodes.

#include <algorithm>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t bytes_per_line = 16;
constexpr int hexstuff_per_line = 40; // 8 groups of " xxxx"

bool is_graph(uint8_t b) { return b > 0x20 && b < 0x7f; }

// Clamps `length` to what is captured; true when that cut it short.
bool clamp(Bytes data, uint32_t& length)
{
    if (length > data.size()) {
        length = static_cast<uint32_t>(data.size());
        return true;
    }
    return false;
}

} // namespace

void hex_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset)
{
    bool truncated = clamp(data, length);
    uint32_t i = 0;
    size_t pos = 0;
    for (uint32_t shorts = length / 2; shorts != 0; --shorts) {
        if (i++ % 8 == 0) {
            c.print("{}0x{:04x}: ", indent, offset);
            offset += bytes_per_line;
        }
        c.print(" {:02x}{:02x}", uint8_t(data[pos]), uint8_t(data[pos + 1]));
        pos += 2;
    }
    if (length & 1) {
        if (i % 8 == 0)
            c.print("{}0x{:04x}: ", indent, offset);
        c.print(" {:02x}", uint8_t(data[pos]));
    }
    if (truncated)
        c.print_trunc();
}

void hex_and_ascii_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset)
{
    bool truncated = clamp(data, length);
    std::string hex;
    std::string ascii;
    auto flush = [&] {
        c.print("{}0x{:04x}: {:<{}}  {}", indent, offset, hex, hexstuff_per_line, ascii);
        hex.clear();
        ascii.clear();
    };
    size_t pos = 0;
    uint32_t i = 0;
    for (uint32_t shorts = length / 2; shorts != 0; --shorts) {
        uint8_t s1 = uint8_t(data[pos]), s2 = uint8_t(data[pos + 1]);
        pos += 2;
        fmt::format_to(std::back_inserter(hex), " {:02x}{:02x}", s1, s2);
        ascii += is_graph(s1) ? char(s1) : '.';
        ascii += is_graph(s2) ? char(s2) : '.';
        if (++i >= 8) {
            flush();
            i = 0;
            offset += bytes_per_line;
        }
    }
    if (length & 1) {
        uint8_t s1 = uint8_t(data[pos]);
        fmt::format_to(std::back_inserter(hex), " {:02x}", s1);
        ascii += is_graph(s1) ? char(s1) : '.';
        ++i;
    }
    if (i > 0)
        flush();
    if (truncated)
        c.print_trunc();
}

void ascii_print(Ctx& c, Bytes data)
{
    // tcpdump's ascii_print(): LF, tab and space pass through, other
    // unprintable bytes become '.'. A CR prints nothing when an LF follows
    // it or when it is one of the last two bytes, else '.'.
    c.put('\n');
    for (size_t i = 0; i < data.size(); ++i) {
        uint8_t s = uint8_t(data[i]);
        size_t left = data.size() - i - 1;
        if (s == '\r') {
            if (left > 1 && uint8_t(data[i + 1]) != '\n')
                c.put('.');
            continue;
        }
        if (s == '\n' || s == '\t' || s == ' ' || is_graph(s))
            c.put(char(s));
        else
            c.put('.');
    }
}

void default_print(Ctx& c, Bytes data, uint32_t length) { hex_and_ascii_print(c, "\n\t", data, length); }

void print_unknown_data(Ctx& c, Bytes data, size_t off, std::string_view indent, uint32_t len)
{
    if (data.size() < off) {
        c.print("{}Dissector error: print_unknown_data called with pointer past end of packet", indent);
        return;
    }
    Bytes d = data.subspan(off);
    hex_print(c, indent, d, std::min<uint32_t>(len, static_cast<uint32_t>(d.size())));
}

} // namespace nsbox::tcpdump
