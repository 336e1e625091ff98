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

#include <concepts>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace nsbox::cli {

// Where a field appears: both outputs, text only, JSON only (iproute2's
// PRINT_ANY, PRINT_FP, PRINT_JSON).
enum class In { any, text, json };

class Output {
public:
    enum class Format { text, json, pretty };

    explicit Output(Format f = Format::text, std::FILE* to = stdout) : format_(f), to_(to) {}
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    Format format() const noexcept { return format_; }
    bool json() const noexcept { return format_ != Format::text; }

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
                fmt::format_to(std::back_inserter(buf_), text, v);
            return;
        }
        if (where != In::text) {
            name(key);
            value(v);
        }
    }
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
                fmt::format_to(std::back_inserter(buf_), text, v);
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
        if (!json())
            buf_.append(s);
    }
    template <class... A>
    void textf(fmt::format_string<A...> f, A&&... a)
    {
        if (!json())
            fmt::format_to(std::back_inserter(buf_), f, std::forward<A>(a)...);
    }

    // Writes what is buffered. Called on destruction too.
    void flush();
    // What is buffered and not yet flushed (for tests).
    const std::string& pending() const noexcept { return buf_; }

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
    void value(std::string_view s) { separator(), quoted(s); }
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(const char* s) { value(std::string_view(s)); }
    void value(bool b) { separator(), buf_.append(b ? "true" : "false"); }
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    void value(T v)
    {
        separator();
        fmt::format_to(std::back_inserter(buf_), "{}", v);
    }

    Format format_;
    std::FILE* to_;
    std::string buf_;
    std::vector<Kind> stack_;
    char sep_ = '\0';        // json_writer's pending separator
    bool named_ = false;     // a key was written and awaits its value
};

} // namespace nsbox::cli
