#include "applets/common/output.hpp"

namespace nsbox::cli {

Output::~Output()
{
    try {
        flush();
    } catch (...) {
    }
}

void Output::flush()
{
    if (!buf_.empty())
        std::fwrite(buf_.data(), 1, buf_.size(), to_);
    buf_.clear();
    std::fflush(to_);
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

void Output::quoted(std::string_view s)
{
    buf_.push_back('"');
    for (char c : s) {
        switch (c) {
        case '\t': buf_.append("\\t"); break;
        case '\n': buf_.append("\\n"); break;
        case '\r': buf_.append("\\r"); break;
        case '\f': buf_.append("\\f"); break;
        case '\b': buf_.append("\\b"); break;
        case '\\': buf_.append("\\\\"); break;
        case '"': buf_.append("\\\""); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                fmt::format_to(std::back_inserter(buf_), "\\u{:04x}", static_cast<unsigned>(c));
            else
                buf_.push_back(c);
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
    switch (what_) {
    case What::nothing: break;
    case What::text: o.buf_.append(text_close_); break;
    case What::array: o.end(Kind::array); break;
    case What::object: o.end(Kind::object); break;
    case What::document:
        o.end(Kind::array);
        o.buf_.push_back('\n');
        o.sep_ = '\0';
        break;
    }
}

} // namespace nsbox::cli
