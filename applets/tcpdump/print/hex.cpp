// Raw dumps: -x (hex), -X (hex and ASCII), -A (ASCII), and the hex and
// ASCII dump tcpdump prints for payloads nothing decodes.

#include <algorithm>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t bytes_per_line = 16;
constexpr int hexstuff_per_line = 40; // 8 groups of " xxxx"

constexpr bool is_graph(uint8_t b) { return b > 0x20 && b < 0x7f; }

// Clamps `length` to what is captured; true when that cut it short.
bool clamp(Bytes data, uint32_t& length)
{
    if (length > data.size()) {
        length = static_cast<uint32_t>(data.size());
        return true;
    }
    return false;
}

// The dumps write straight into the packet's line: a table of hex digit
// pairs and one append per line, not a formatted print per byte (they were
// most of `-x`'s time).
struct HexPairs {
    char pair[256][2];
    char shown[256]; // the ASCII column: the byte, or '.'
    constexpr HexPairs() : pair{}, shown{}
    {
        constexpr char digits[] = "0123456789abcdef";
        for (int b = 0; b < 256; ++b) {
            pair[b][0] = digits[b >> 4];
            pair[b][1] = digits[b & 15];
            shown[b] = is_graph(uint8_t(b)) ? char(b) : '.';
        }
    }
};
constexpr HexPairs hex{};

// Writes "<indent>0x%04x: " (more digits when the offset needs them).
void put_offset(std::string& out, std::string_view indent, uint32_t offset)
{
    out.append(indent);
    char buf[16];
    char* q = buf;
    *q++ = '0';
    *q++ = 'x';
    int digits = 4;
    while (digits < 8 && (offset >> (4 * digits)) != 0)
        ++digits;
    for (int d = digits - 1; d >= 0; --d)
        *q++ = "0123456789abcdef"[(offset >> (4 * d)) & 15];
    *q++ = ':';
    *q++ = ' ';
    out.append(buf, size_t(q - buf));
}

// Writes " xxxx" for each pair of `n` bytes at `p` (and " xx" for an odd
// last byte) into `q`; returns the end.
char* put_shorts(char* q, const uint8_t* p, uint32_t n)
{
    for (uint32_t k = 0; k + 1 < n; k += 2) {
        *q++ = ' ';
        *q++ = hex.pair[p[k]][0];
        *q++ = hex.pair[p[k]][1];
        *q++ = hex.pair[p[k + 1]][0];
        *q++ = hex.pair[p[k + 1]][1];
    }
    if (n & 1) {
        *q++ = ' ';
        *q++ = hex.pair[p[n - 1]][0];
        *q++ = hex.pair[p[n - 1]][1];
    }
    return q;
}

} // namespace

void hex_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset)
{
    bool truncated = clamp(data, length);
    std::string& out = c.out;
    auto p = reinterpret_cast<const uint8_t*>(data.data());
    // Full lines of 8 pairs; then what is left: its pairs, and an odd last
    // byte, which tcpdump prints on a new line when the pairs filled theirs.
    uint32_t left = length;
    char line[hexstuff_per_line];
    while (left >= 2) {
        uint32_t n = std::min<uint32_t>(left & ~1u, bytes_per_line);
        put_offset(out, indent, offset);
        offset += bytes_per_line;
        out.append(line, size_t(put_shorts(line, p, n) - line));
        p += n;
        left -= n;
    }
    if (left == 1) {
        if ((length / 2) % 8 == 0)
            put_offset(out, indent, offset);
        out.append(line, size_t(put_shorts(line, p, 1) - line));
    }
    if (truncated)
        c.print_trunc();
}

void hex_and_ascii_print(Ctx& c, std::string_view indent, Bytes data, uint32_t length, uint32_t offset)
{
    bool truncated = clamp(data, length);
    std::string& out = c.out;
    auto p = reinterpret_cast<const uint8_t*>(data.data());
    // Each line: the offset, the hex of up to 16 bytes padded to 40
    // columns, two spaces and the ASCII column.
    char line[hexstuff_per_line + 2 + bytes_per_line];
    for (uint32_t left = length; left != 0;) {
        uint32_t n = std::min(left, bytes_per_line);
        put_offset(out, indent, offset);
        offset += bytes_per_line;
        char* q = put_shorts(line, p, n);
        std::fill(q, line + hexstuff_per_line, ' ');
        q = line + hexstuff_per_line;
        *q++ = ' ';
        *q++ = ' ';
        for (uint32_t k = 0; k < n; ++k)
            *q++ = hex.shown[p[k]];
        out.append(line, size_t(q - line));
        p += n;
        left -= n;
    }
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
