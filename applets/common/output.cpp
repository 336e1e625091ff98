#include "applets/common/output.hpp"

#include <cstdint>
#include <cstring>

namespace nsbox::cli {

std::string_view color_code(Color c, bool dark) noexcept
{
    // iproute2's attr_colors: cyan, yellow, magenta, blue, green, red; bold
    // on a dark background.
    switch (c) {
    case Color::ifname: return dark ? "\033[1;36m" : "\033[36m";
    case Color::mac: return dark ? "\033[1;33m" : "\033[33m";
    case Color::inet: return dark ? "\033[1;35m" : "\033[35m";
    case Color::inet6: return dark ? "\033[1;34m" : "\033[34m";
    case Color::oper_up: return dark ? "\033[1;32m" : "\033[32m";
    case Color::oper_down: return dark ? "\033[1;31m" : "\033[31m";
    case Color::none: break;
    }
    return {};
}

bool dark_background(const char* colorfgbg) noexcept
{
    if (!colorfgbg)
        return false;
    std::string_view v(colorfgbg);
    size_t semi = v.rfind(';');
    if (semi == std::string_view::npos)
        return false;
    std::string_view bg = v.substr(semi + 1);
    return bg.size() == 1 && ((bg[0] >= '0' && bg[0] <= '6') || bg[0] == '8');
}

Output::~Output()
{
    try {
        flush();
    } catch (...) {
    }
}

void Output::write_out()
{
    if (!buf_.empty())
        std::fwrite(buf_.data(), 1, buf_.size(), to_);
    buf_.clear();
}

void Output::flush()
{
    write_out();
    std::fflush(to_);
}

void Output::reset() noexcept
{
    stack_.clear();
    named_ = false;
    sep_ = '\0';
}

// json_writer's separator: a comma before every value but the first of a
// container.
void Output::separator()
{
    if (!stack_.empty() && stack_.back() == Kind::object) {
        if (!named_)
            throw std::logic_error("JSON value without a key inside an object");
        named_ = false;
    }
    if (sep_ != '\0')
        buf_.push_back(sep_);
    sep_ = ',';
}

void Output::newline_indent()
{
    if (!pretty())
        return;
    buf_.push_back('\n');
    buf_.append(4 * stack_.size(), ' ');
}

void Output::name(std::string_view key)
{
    if (stack_.empty() || stack_.back() != Kind::object || named_)
        throw std::logic_error("JSON key outside an object or without a value");
    if (sep_ != '\0')
        buf_.push_back(sep_);
    newline_indent();
    sep_ = '\0';
    quoted(key);
    buf_.push_back(':');
    if (pretty())
        buf_.push_back(' ');
    named_ = true;
}

void Output::expect_array() const
{
    if (stack_.empty() || stack_.back() != Kind::array)
        throw std::logic_error("JSON array element outside an array");
}

namespace {

// Whether any of the eight bytes in `v` needs a JSON escape: below 0x20,
// '"' or '\\' (the classic has-less/has-zero bit tricks; exact).
constexpr bool needs_escape(uint64_t v)
{
    constexpr uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
}

constexpr bool needs_escape(char c)
{
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
}

} // namespace

// json_writer's escapes. Names and addresses almost never need one, so the
// string is first copied as is, eight bytes at a time while checking them;
// only when an escape turns up is it written again byte by byte.
void Output::quoted(std::string_view s)
{
    const char* d = s.data();
    const size_t n = s.size();
    const size_t old = buf_.size();
    buf_.resize(old + n + 2 + 8); // 8: room for the last whole-word store
    char* out = buf_.data() + old + 1;
    out[-1] = '"';
    size_t j = 0;
    bool plain = true;
    for (; j + 8 <= n; j += 8) {
        uint64_t v;
        std::memcpy(&v, d + j, sizeof v);
        if (needs_escape(v)) {
            plain = false;
            break;
        }
        std::memcpy(out + j, &v, sizeof v);
    }
    for (; plain && j < n; ++j) {
        if (needs_escape(d[j]))
            plain = false;
        else
            out[j] = d[j];
    }
    if (plain) {
        out[n] = '"';
        buf_.resize(old + n + 2);
        return;
    }
    buf_.resize(old);
    buf_.push_back('"');
    size_t i = 0;
    while (i < n) {
        j = i;
        while (j < n && !needs_escape(d[j]))
            ++j;
        buf_.append(d + i, j - i);
        if (j == n)
            break;
        char c = d[j];
        i = j + 1;
        switch (c) {
        case '\t': buf_.append("\\t"); break;
        case '\n': buf_.append("\\n"); break;
        case '\r': buf_.append("\\r"); break;
        case '\f': buf_.append("\\f"); break;
        case '\b': buf_.append("\\b"); break;
        case '\\': buf_.append("\\\\"); break;
        case '"': buf_.append("\\\""); break;
        default: fmt::format_to(buf_.out(), "\\u{:04x}", static_cast<unsigned>(c)); break;
        }
    }
    buf_.push_back('"');
}

void Output::begin(Kind k)
{
    if (!stack_.empty())
        separator();
    else if (sep_ != '\0')
        throw std::logic_error("a second JSON document");
    buf_.push_back(k == Kind::array ? '[' : '{');
    stack_.push_back(k);
    sep_ = '\0';
    if (k == Kind::array && pretty())
        buf_.push_back(' ');
}

void Output::end(Kind k)
{
    if (stack_.empty() || stack_.back() != k || named_)
        throw std::logic_error("JSON scopes closed out of order");
    if (k == Kind::array) {
        if (pretty() && sep_ != '\0')
            buf_.push_back(' ');
        sep_ = '\0';
    }
    stack_.pop_back();
    if (sep_ != '\0')
        newline_indent();
    buf_.push_back(k == Kind::array ? ']' : '}');
    sep_ = ',';
}

void Output::json_null(std::string_view key)
{
    if (!json())
        return;
    name(key);
    separator();
    buf_.append("null");
}

void Output::json_raw(std::string_view key, std::string_view raw)
{
    if (!json())
        return;
    name(key);
    separator();
    buf_.append(raw);
}

Output::Scope Output::document()
{
    if (!json())
        return Scope(*this, Scope::What::nothing);
    begin(Kind::array);
    return Scope(*this, Scope::What::document);
}

Output::Scope Output::object(In where)
{
    if (!json() || where == In::text)
        return Scope(*this, Scope::What::nothing);
    expect_array();
    begin(Kind::object);
    return Scope(*this, Scope::What::object);
}

Output::Scope Output::object(std::string_view key, In where)
{
    if (!json() || where == In::text)
        return Scope(*this, Scope::What::nothing);
    name(key);
    begin(Kind::object);
    return Scope(*this, Scope::What::object);
}

Output::Scope Output::color(Color c)
{
    if (json() || !color_ || c == Color::none)
        return Scope(*this, Scope::What::nothing);
    buf_.append(color_code(c, dark_));
    return Scope(*this, Scope::What::text, color_clear);
}

Output::Scope Output::array(std::string_view key, In where, std::string_view text_open,
                            std::string_view text_close)
{
    if (!json()) {
        if (where == In::json)
            return Scope(*this, Scope::What::nothing);
        buf_.append(text_open);
        return Scope(*this, Scope::What::text, text_close);
    }
    if (where == In::text)
        return Scope(*this, Scope::What::nothing);
    name(key);
    begin(Kind::array);
    return Scope(*this, Scope::What::array);
}

void Output::Scope::abandon()
{
    if (!out_)
        return;
    out_->stack_.clear();
    out_->named_ = false;
    out_->sep_ = '\0';
    out_ = nullptr;
}

void Output::Scope::close()
{
    if (!out_)
        return;
    Output& o = *out_;
    out_ = nullptr;
    // After abandon() or reset() the JSON scopes are gone: nothing to close.
    if (what_ != What::nothing && what_ != What::text && o.stack_.empty())
        return;
    switch (what_) {
    case What::nothing: break;
    case What::text: o.buf_.append(text_close_); break;
    case What::array: o.end(Kind::array); break;
    case What::object:
        o.end(Kind::object);
        o.maybe_flush();
        break;
    case What::document:
        o.end(Kind::array);
        o.buf_.push_back('\n');
        o.sep_ = '\0';
        break;
    }
}

} // namespace nsbox::cli
