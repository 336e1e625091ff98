// One printer for text and JSON, after iproute2's print_*(PRINT_ANY, key,
// fmt, value): each field is declared once with its JSON key and its text
// format. Unlike iproute2 there is no global writer: an Output object owns
// the buffer, and objects and arrays are RAII scopes, so a key is always
// followed by its value and every scope is closed.
//
//     Output out(Output::Format::json);
//     {
//         auto doc = out.document();           // "[" ... "]\n" in JSON
//         auto o = out.object();
//         out.field("ifname", "{}: ", name);   // "ifname":"lo" or "lo: "
//         auto a = out.array("addr_info");
//         ...
//     }
//
// JSON bytes follow iproute2's json_writer exactly (compact, or with -p four
// spaces per level and its particular "[ {" / "},{" / "} ]" layout), so a
// jq filter written against iproute2 sees the same document.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "applets/common/left.hpp"

namespace nsbox::cli {

// Where a field appears: both outputs, text only, JSON only (iproute2's
// PRINT_ANY, PRINT_FP, PRINT_JSON).
enum class In { any, text, json };

// What a coloured text field is (iproute2's color_attr): interface names,
// link-layer addresses, IPv4 and IPv6 addresses, and the operstates UP and
// DOWN. `none` is never coloured. Colour applies to text output only.
enum class Color : char { none, ifname, mac, inet, inet6, oper_up, oper_down };

// The escape that starts `c` (iproute2's palette: plain for a light
// background, bold for a dark one), and the one that ends any colour.
std::string_view color_code(Color c, bool dark_background) noexcept;
inline constexpr std::string_view color_clear = "\033[0m";
// iproute2's test of COLORFGBG ("fg;bg" or "fg;other;bg"): the background
// is dark when its last field is a single digit 0-6 or 8.
bool dark_background(const char* colorfgbg) noexcept;


class Output {
public:
    enum class Format { text, json, pretty };

    explicit Output(Format f = Format::text, std::FILE* to = stdout) : format_(f), to_(to) {}
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    Format format() const noexcept { return format_; }
    bool json() const noexcept { return format_ != Format::text; }

    // Colours text fields tagged with a Color from now on (iproute2's -color);
    // JSON is never coloured.
    void enable_color(bool dark_background = false) noexcept
    {
        color_ = true;
        dark_ = dark_background;
    }
    bool colored() const noexcept { return color_ && !json(); }

    class Scope {
    public:
        enum class What : char { nothing, text, array, object, document };
        Scope(Output& o, What what, std::string_view text_close = {})
            : out_(&o), what_(what), text_close_(text_close)
        {
        }
        Scope(Scope&& s) noexcept : out_(s.out_), what_(s.what_), text_close_(s.text_close_)
        {
            s.out_ = nullptr;
        }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
        Scope& operator=(Scope&&) = delete;
        ~Scope() { close(); }
        void close();
        // Leaves the whole output unfinished: for a command that fails after
        // it began printing, where iproute2 stops mid-document (a failed
        // route dump under -j prints "[" and the error). Every open scope is
        // dropped without its closing bytes.
        void abandon();

    private:
        Output* out_;
        What what_;
        std::string_view text_close_;
    };

    // The whole output of a list command: a JSON array (iproute2's
    // new_json_obj/delete_json_obj) that ends with a newline. Nothing in text.
    [[nodiscard]] Scope document();
    // An object that is an array element (no key), or the value of `key`.
    [[nodiscard]] Scope object(In where = In::any);
    [[nodiscard]] Scope object(std::string_view key, In where = In::any);
    // An array under `key`. In text, `text_open` and `text_close` are printed
    // around the elements (the "<" and "> " of link flags) when `where`
    // includes text.
    [[nodiscard]] Scope array(std::string_view key, In where = In::any, std::string_view text_open = {},
                              std::string_view text_close = {});

    // A field: in text, `text` formatted with the value; in JSON, "key":value.
    template <class T>
    void field(std::string_view key, fmt::format_string<const T&> text, const T& v, In where = In::any)
    {
        if (!json()) {
            if (where != In::json)
                formatted(text, v);
            return;
        }
        if (where != In::text) {
            name(key);
            value(v);
        }
    }
    // A field whose text is coloured as `c` (iproute2's print_color_*): the
    // escape wraps the whole formatted text, separators included ("lo: ").
    template <class T>
    void field(Color c, std::string_view key, fmt::format_string<const T&> text, const T& v, In where = In::any)
    {
        if (!json()) {
            if (where != In::json) {
                open_color(c);
                formatted(text, v);
                close_color(c);
            }
            return;
        }
        if (where != In::text) {
            name(key);
            value(v);
        }
    }
    // Text printed inside this scope is coloured as `c` (text output only).
    [[nodiscard]] Scope color(Color c);
    // A JSON-only field.
    template <class T>
    void json_field(std::string_view key, const T& v)
    {
        if (json()) {
            name(key);
            value(v);
        }
    }
    // A JSON-only null ("link": null).
    void json_null(std::string_view key);
    // A JSON-only field whose value is written as given: a number the
    // caller formats itself (iproute2 prints bridge timers as 0.00).
    void json_raw(std::string_view key, std::string_view raw);
    // An array element (no key).
    template <class T>
    void element(fmt::format_string<const T&> text, const T& v, In where = In::any)
    {
        if (!json()) {
            if (where != In::json)
                formatted(text, v);
            return;
        }
        if (where != In::text) {
            expect_array();
            value(v);
        }
    }
    // Text only, printed as is.
    void text(std::string_view s)
    {
        if (!json()) {
            buf_.append(s);
            if (!s.empty() && s.back() == '\n')
                maybe_flush();
        }
    }
    template <class... A>
    void textf(fmt::format_string<A...> f, A&&... a)
    {
        if (!json())
            fmt::format_to(buf_.out(), f, std::forward<A>(a)...);
    }

    // Writes what is buffered. Called on destruction too.
    void flush();
    // What is buffered and not yet flushed (for tests).
    const std::string& pending() const
    {
        pending_.assign(buf_.data(), buf_.size());
        return pending_;
    }
    // Drops what is buffered and not yet written, and every open JSON scope:
    // for a command that fails after it began printing and must leave no
    // trace of what it printed (what was written out stays written).
    void discard() noexcept
    {
        buf_.clear();
        reset();
    }
    // Forgets every open JSON scope (the buffered bytes stay), so that the
    // next command of an `ip -batch` starts a fresh document after one that
    // failed part way.
    void reset() noexcept;

private:
    enum class Kind : char { array, object };
    bool pretty() const noexcept { return format_ == Format::pretty; }
    void begin(Kind k);
    void end(Kind k);
    void name(std::string_view key);
    void expect_array() const;
    void separator();
    void newline_indent();
    void quoted(std::string_view s);
    void open_color(Color c)
    {
        if (color_ && c != Color::none)
            buf_.append(color_code(c, dark_));
    }
    void close_color(Color c)
    {
        if (color_ && c != Color::none)
            buf_.append(color_clear);
    }
    // Writes the buffer out once it is this large, so that a long listing
    // needs neither a huge buffer nor one write per line.
    // fmt::format_to(text, v), without fmt's run-time parse for the
    // common "prefix{}suffix" with a string or an integer: the pattern is
    // split at its one "{}" and the value written by hand (every field of
    // every listed line goes through here). Anything else goes to fmt.
    template <class T>
    void formatted(fmt::format_string<const T&> text, const T& v)
    {
        constexpr bool str = std::is_convertible_v<const T&, std::string_view> || std::same_as<T, Left>;
        constexpr bool num = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                              !std::same_as<T, wchar_t> && !std::same_as<T, char8_t> &&
                              !std::same_as<T, char16_t> && !std::same_as<T, char32_t>;
        if constexpr (str || num) {
            const fmt::string_view fs = text;
            const char* p = fs.data();
            const size_t n = fs.size();
            // The position of the one "{}", or n when there is another
            // brace (a spec, an escape, a second field).
            size_t i = n;
            for (size_t k = 0; k < n; ++k) {
                if (p[k] != '{' && p[k] != '}')
                    continue;
                if (i != n || p[k] != '{' || k + 1 == n || p[k + 1] != '}') {
                    i = n;
                    break;
                }
                i = k++;
            }
            if (i != n) {
                buf_.append(p, i);
                if constexpr (num) {
                    fmt::format_int d(v);
                    buf_.append(d.data(), d.size());
                } else if constexpr (std::same_as<T, Left>) {
                    buf_.append(v.s);
                    if (v.s.size() < v.width)
                        buf_.append(v.width - v.s.size(), ' ');
                } else {
                    buf_.append(std::string_view(v));
                }
                buf_.append(p + i + 2, n - i - 2);
                return;
            }
        }
        fmt::format_to(buf_.out(), text, v);
    }
    static constexpr size_t flush_at = 64 * 1024;
    void maybe_flush()
    {
        if (buf_.size() >= flush_at)
            write_out();
    }
    void write_out();
    void value(std::string_view s) { separator(), quoted(s); }
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(const char* s) { value(std::string_view(s)); }
    void value(const Left& l) { value(l.s); } // the padding is text's alone
    void value(bool b) { separator(), buf_.append(b ? "true" : "false"); }
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    void value(T v)
    {
        separator();
        fmt::format_int d(v);
        buf_.append(d.data(), d.size());
    }

    Format format_;
    std::FILE* to_;
    // The bytes not yet written: fmt's own buffer, which {fmt} appends to
    // without the per-call overhead of a std::string back-inserter.
    class Buffer {
    public:
        fmt::appender out() { return fmt::appender(m_); }
        // One resize and one copy (fmt's append copies char by char).
        void append(std::string_view s) { append(s.data(), s.size()); }
        void append(const char* s, size_t n)
        {
            const size_t old = m_.size();
            m_.resize(old + n);
            char* d = m_.data() + old;
            // Most pieces are a few bytes: copied in place, the longer ones
            // by memcpy.
            if (n >= 8 && n <= 16) {
                uint64_t a, b;
                std::memcpy(&a, s, 8);
                std::memcpy(&b, s + n - 8, 8);
                std::memcpy(d, &a, 8);
                std::memcpy(d + n - 8, &b, 8);
            } else if (n >= 4 && n < 8) {
                uint32_t a, b;
                std::memcpy(&a, s, 4);
                std::memcpy(&b, s + n - 4, 4);
                std::memcpy(d, &a, 4);
                std::memcpy(d + n - 4, &b, 4);
            } else if (n < 4) {
                for (size_t i = 0; i < n; ++i)
                    d[i] = s[i];
            } else {
                std::memcpy(d, s, n);
            }
        }
        void append(size_t n, char c)
        {
            const size_t old = m_.size();
            m_.resize(old + n);
            std::fill_n(m_.data() + old, n, c);
        }
        void push_back(char c) { m_.push_back(c); }
        const char* data() const { return m_.data(); }
        char* data() { return m_.data(); }
        // Grows or shrinks without initialising new bytes.
        void resize(size_t n) { m_.resize(n); }
        size_t size() const { return m_.size(); }
        bool empty() const { return m_.size() == 0; }
        void clear() { m_.clear(); }

    private:
        fmt::memory_buffer m_;
    };
    Buffer buf_;
    mutable std::string pending_; // pending()'s copy
    std::vector<Kind> stack_;
    char sep_ = '\0';        // json_writer's pending separator
    bool named_ = false;     // a key was written and awaits its value
    bool color_ = false;     // -color: tagged text fields are coloured
    bool dark_ = false;      // ... with the dark-background palette
};

} // namespace nsbox::cli

