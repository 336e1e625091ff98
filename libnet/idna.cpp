#include "libnet/idna.hpp"

#include <cstdint>
#include <cstdlib>

namespace nsbox::net::idna {

namespace {

// RFC 3492's parameters for IDNA.
constexpr uint32_t base = 36, tmin = 1, tmax = 26, skew = 38, damp = 700, initial_bias = 72, initial_n = 128;

uint32_t adapt(uint32_t delta, uint32_t points, bool first)
{
    delta = first ? delta / damp : delta / 2;
    delta += delta / points;
    uint32_t k = 0;
    while (delta > ((base - tmin) * tmax) / 2) {
        delta /= base - tmin;
        k += base;
    }
    return k + (base - tmin + 1) * delta / (delta + skew);
}

char digit(uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

std::optional<uint32_t> digit_value(char c)
{
    if (c >= 'a' && c <= 'z')
        return uint32_t(c - 'a');
    if (c >= 'A' && c <= 'Z')
        return uint32_t(c - 'A');
    if (c >= '0' && c <= '9')
        return uint32_t(c - '0' + 26);
    return std::nullopt;
}

uint32_t threshold(uint32_t k, uint32_t bias) { return k <= bias ? tmin : k >= bias + tmax ? tmax : k - bias; }

// UTF-8 to code points; nullopt on a malformed or overlong sequence, a
// surrogate or a value past U+10FFFF.
std::optional<std::u32string> decode_utf8(std::string_view s)
{
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        size_t n = b < 0x80 ? 0 : (b & 0xe0) == 0xc0 ? 1 : (b & 0xf0) == 0xe0 ? 2 : (b & 0xf8) == 0xf0 ? 3 : 4;
        if (n == 4 || i + n >= s.size() + (n == 0))
            return std::nullopt;
        char32_t c = n == 0 ? b : n == 1 ? b & 0x1f : n == 2 ? b & 0x0f : b & 0x07;
        for (size_t k = 1; k <= n; ++k) {
            auto cb = static_cast<unsigned char>(s[i + k]);
            if ((cb & 0xc0) != 0x80)
                return std::nullopt;
            c = (c << 6) | (cb & 0x3f);
        }
        constexpr char32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return std::nullopt;
        out += c;
        i += n + 1;
    }
    return out;
}

void encode_utf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xc0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xe0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    }
}

// UTS #46's mapping of capitals, for the scripts named in idna.hpp.
char32_t lower(char32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) ||
        (c >= 0x410 && c <= 0x42f))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40f)
        return c + 0x50;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) // even capital, odd small
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) // odd capital, even small
        return c % 2 ? c + 1 : c;
    if (c == 0x178)
        return 0xff;
    if (c == 0x386)
        return 0x3ac;
    if (c >= 0x388 && c <= 0x38a)
        return c + 0x25;
    if (c == 0x38c)
        return 0x3cc;
    if (c == 0x38e || c == 0x38f)
        return c + 0x3f;
    return c;
}

bool ace_label(std::string_view label)
{
    return label.size() > 4 && (label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n' && label[2] == '-' &&
           label[3] == '-';
}

// Calls f(label, last) for each dot-separated label of `name`.
template <class F>
void each_label(std::string_view name, F f)
{
    for (;;) {
        size_t dot = name.find('.');
        f(name.substr(0, dot), dot == std::string_view::npos);
        if (dot == std::string_view::npos)
            return;
        name.remove_prefix(dot + 1);
    }
}

} // namespace

bool utf8_locale()
{
    const char* v = nullptr;
    for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"})
        if ((v = std::getenv(var)) && *v)
            break;
    if (!v)
        return false;
    std::string_view s = v;
    size_t dot = s.find('.');
    if (dot == std::string_view::npos)
        return false;
    std::string_view codeset = s.substr(dot + 1);
    codeset = codeset.substr(0, codeset.find('@')); // ("de_DE.UTF-8@euro")
    std::string cs;
    for (char c : codeset)
        if (c != '-')
            cs += static_cast<char>(c | 0x20);
    return cs == "utf8";
}

bool is_ascii(std::string_view s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

std::optional<std::string> punycode_encode(std::u32string_view in)
{
    std::string out;
    for (char32_t c : in)
        if (c < 0x80)
            out += static_cast<char>(c);
    const uint32_t b = static_cast<uint32_t>(out.size());
    uint32_t h = b;
    if (b > 0)
        out += '-';
    uint32_t n = initial_n, delta = 0, bias = initial_bias;
    while (h < in.size()) {
        uint32_t m = UINT32_MAX;
        for (char32_t c : in)
            if (c >= n && c < m)
                m = c;
        if ((m - n) > (UINT32_MAX - delta) / (h + 1))
            return std::nullopt;
        delta += (m - n) * (h + 1);
        n = m;
        for (char32_t c : in) {
            if (c < n && ++delta == 0)
                return std::nullopt;
            if (c != n)
                continue;
            uint32_t q = delta;
            for (uint32_t k = base;; k += base) {
                uint32_t t = threshold(k, bias);
                if (q < t)
                    break;
                out += digit(t + (q - t) % (base - t));
                q = (q - t) / (base - t);
            }
            out += digit(q);
            bias = adapt(delta, h + 1, h == b);
            delta = 0;
            ++h;
        }
        ++delta;
        ++n;
    }
    return out;
}

std::optional<std::u32string> punycode_decode(std::string_view in)
{
    std::u32string out;
    size_t basic = in.rfind('-');
    if (basic == std::string_view::npos)
        basic = 0;
    for (size_t j = 0; j < basic; ++j) {
        if (static_cast<unsigned char>(in[j]) >= 0x80)
            return std::nullopt;
        out += static_cast<char32_t>(in[j]);
    }
    uint32_t n = initial_n, i = 0, bias = initial_bias;
    for (size_t at = basic > 0 ? basic + 1 : 0; at < in.size();) {
        uint32_t old = i, w = 1;
        for (uint32_t k = base;; k += base) {
            if (at >= in.size())
                return std::nullopt;
            auto d = digit_value(in[at++]);
            if (!d || *d > (UINT32_MAX - i) / w)
                return std::nullopt;
            i += *d * w;
            uint32_t t = threshold(k, bias);
            if (*d < t)
                break;
            if (w > UINT32_MAX / (base - t))
                return std::nullopt;
            w *= base - t;
        }
        uint32_t points = static_cast<uint32_t>(out.size()) + 1;
        bias = adapt(i - old, points, old == 0);
        if (i / points > UINT32_MAX - n)
            return std::nullopt;
        n += i / points;
        i %= points;
        if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff))
            return std::nullopt;
        out.insert(out.begin() + i, static_cast<char32_t>(n));
        ++i;
    }
    return out;
}

std::optional<std::string> to_ascii(std::string_view name)
{
    std::string out;
    bool ok = true;
    each_label(name, [&](std::string_view label, bool last) {
        if (!ok)
            return;
        auto points = decode_utf8(label);
        if (!points) {
            ok = false;
            return;
        }
        bool plain = true;
        for (char32_t& c : *points) {
            c = lower(c);
            plain = plain && c < 0x80;
        }
        if (plain) {
            for (char32_t c : *points)
                out += static_cast<char>(c);
        } else if (auto ace = punycode_encode(*points)) {
            out += "xn--" + *ace;
        } else {
            ok = false;
            return;
        }
        if (!last)
            out += '.';
    });
    return ok ? std::optional(out) : std::nullopt;
}

std::string to_unicode(std::string_view name)
{
    std::string out;
    each_label(name, [&](std::string_view label, bool last) {
        std::optional<std::u32string> points;
        if (ace_label(label) && is_ascii(label))
            points = punycode_decode(label.substr(4));
        if (points && !points->empty()) {
            for (char32_t c : *points)
                encode_utf8(out, c);
        } else {
            out += label;
        }
        if (!last)
            out += '.';
    });
    return out;
}

} // namespace nsbox::net::idna
