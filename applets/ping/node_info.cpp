#include "applets/ping/node_info.hpp"

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <fmt/format.h>

#include "libnet/idna.hpp"

namespace nsbox::ping {

namespace {

// The words of -N in iputils' table order, which decides what a word
// means when two could match (none do: every word is taken whole).
enum class Word { name, ipv6, ipv6_flag, ipv4, ipv4_flag, subject_addr, subject_name, help };
struct NiOption {
    std::string_view name;
    bool has_arg;
    Word kind;
    int data; // a flag, a subject type, or the fqdn setting of a name
};
constexpr NiOption ni_options[] = {
    {"name", false, Word::name, 0},
    {"fqdn", false, Word::name, 0},
    {"ipv6", false, Word::ipv6, 0},
    {"ipv6-all", false, Word::ipv6_flag, ni::flag_all},
    {"ipv6-compatible", false, Word::ipv6_flag, ni::flag_compat},
    {"ipv6-linklocal", false, Word::ipv6_flag, ni::flag_linklocal},
    {"ipv6-sitelocal", false, Word::ipv6_flag, ni::flag_sitelocal},
    {"ipv6-global", false, Word::ipv6_flag, ni::flag_global},
    {"ipv4", false, Word::ipv4, 0},
    {"ipv4-all", false, Word::ipv4_flag, ni::flag_all},
    {"subject-ipv6", true, Word::subject_addr, ni::subject_ipv6},
    {"subject-ipv4", true, Word::subject_addr, ni::subject_ipv4},
    {"subject-name", true, Word::subject_name, 0},
    {"subject-fqdn", true, Word::subject_name, -1},
    {"help", false, Word::help, 0},
};

// False (and "Qtype conflict" on stdout) when another query type was set.
bool set_qtype(NodeInfo& ni, uint16_t type, NiWordResult& r)
{
    if (ni.qtype && *ni.qtype != type) {
        r.out += "Qtype conflict\n";
        return false;
    }
    ni.qtype = type;
    return true;
}

bool set_subject_type(NodeInfo& ni, uint8_t type, NiWordResult& r)
{
    if (ni.subject_type && !ni.subject.empty() && *ni.subject_type != type) {
        r.out += "Subject type conflict\n";
        return false;
    }
    ni.subject_type = type;
    return true;
}

// ns_name_ntop's view of a label byte.
bool special(uint8_t c)
{
    return c == '"' || c == '.' || c == ';' || c == '\\' || c == '(' || c == ')' || c == '@' || c == '$';
}

// What libidn2's lookup (iputils' idn2_lookup_ul) refuses in a name (the
// ASCII form, after libnet/idna converted a non-ASCII one), in its order:
// hyphens first, label by label, then the lengths.
std::optional<std::string_view> idn_error(std::string_view name)
{
    size_t longest = 0;
    size_t start = 0;
    for (;;) {
        size_t dot = name.find('.', start);
        std::string_view label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!label.empty() && (label.front() == '-' || label.back() == '-'))
            return "string start/ends with forbidden hyphen";
        if (label.size() >= 4 && label.substr(2, 2) == "--" && !label.starts_with("xn"))
            return "string contains forbidden two hyphens pattern";
        longest = std::max(longest, label.size());
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (name.size() - (name.ends_with('.') ? 1 : 0) > 253)
        return "domain name longer than 255 characters";
    if (longest > 63)
        return "domain label longer than 63 characters";
    return std::nullopt;
}

} // namespace

std::string ni_help_text()
{
    return "ping -6 -N <nodeinfo opt>\n"
           "Help:\n"
           "  help\n"
           "Query:\n"
           "  name\n"
           "  ipv6\n"
           "  ipv6-all\n"
           "  ipv6-compatible\n"
           "  ipv6-global\n"
           "  ipv6-linklocal\n"
           "  ipv6-sitelocal\n"
           "  ipv4\n"
           "  ipv4-all\n"
           "Subject:\n"
           "  subject-ipv6=addr\n"
           "  subject-ipv4=addr\n"
           "  subject-name=name\n"
           "  subject-fqdn=name\n";
}

std::optional<std::vector<uint8_t>> ni_subject_name(std::string_view name, bool fqdn_word)
{
    std::string canon;
    int dots = 0;
    for (char c : name) {
        canon += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        dots += c == '.';
    }
    // subject-fqdn= carries iputils' -1 ("not fully qualified"); subject-name=
    // guesses from the dots.
    bool partial = fqdn_word || !dots;
    std::vector<uint8_t> wire;
    size_t start = 0;
    if (!canon.empty() && canon != ".") {
        for (;;) {
            size_t dot = canon.find('.', start);
            std::string_view label = std::string_view(canon).substr(start, dot == std::string::npos ? dot : dot - start);
            if (label.empty() || label.size() > 63)
                return std::nullopt;
            wire.push_back(uint8_t(label.size()));
            wire.insert(wire.end(), label.begin(), label.end());
            if (dot == std::string::npos || dot + 1 == canon.size())
                break;
            start = dot + 1;
        }
    }
    wire.push_back(0);
    if (wire.size() > 255)
        return std::nullopt;
    if (partial)
        wire.push_back(0);
    return wire;
}

NiWordResult apply_ni_word(NodeInfo& ni, std::string_view word, const char* prog, SubjectResolver lookup)
{
    NiWordResult r;
    ni.given = true;
    for (const NiOption& opt : ni_options) {
        if (!word.starts_with(opt.name))
            continue;
        std::string_view rest = word.substr(opt.name.size());
        if (opt.has_arg ? !rest.starts_with('=') : !rest.empty())
            continue;
        std::string arg(opt.has_arg ? rest.substr(1) : std::string_view());
        bool ok = true;
        switch (opt.kind) {
        case Word::name: ok = set_qtype(ni, ni::qtype_name, r); break;
        case Word::ipv6: ok = set_qtype(ni, ni::qtype_ipv6, r); break;
        case Word::ipv4: ok = set_qtype(ni, ni::qtype_ipv4, r); break;
        case Word::ipv6_flag:
            ok = set_qtype(ni, ni::qtype_ipv6, r);
            if (ok)
                ni.flags |= uint16_t(opt.data);
            break;
        case Word::ipv4_flag:
            ok = set_qtype(ni, ni::qtype_ipv4, r);
            if (ok)
                ni.flags |= uint16_t(opt.data);
            break;
        case Word::subject_addr: {
            ok = set_subject_type(ni, uint8_t(opt.data), r);
            if (!ok)
                break;
            SubjectLookup a = lookup(arg, opt.data == ni::subject_ipv6 ? AF_INET6 : AF_INET);
            if (!a.error.empty()) {
                r.err += fmt::format("{}: {}: {}\n", prog, arg, a.error);
                ok = false;
                break;
            }
            ni.subject = std::move(a.address);
            break;
        }
        case Word::subject_name: {
            ok = set_subject_type(ni, ni::subject_name, r);
            if (!ok)
                break;
            // libidn2's lookup in the locale's characters (libnet/idna): in
            // the C locale a non-ASCII name cannot be converted.
            std::string name(arg);
            if (!net::idna::is_ascii(name)) {
                std::optional<std::string> ace =
                    net::idna::utf8_locale() ? net::idna::to_ascii(name) : std::nullopt;
                if (!ace) {
                    r.err += fmt::format("{}: IDN encoding error: could not convert string to UTF-8\n", prog);
                    r.exit_code = 2;
                    return r;
                }
                name = std::move(*ace);
            }
            if (auto e = idn_error(name)) {
                r.err += fmt::format("{}: IDN encoding error: {}\n", prog, *e);
                r.exit_code = 2;
                return r;
            }
            if (size_t pct = name.find('%'); pct != std::string::npos) {
                if (name.size() - pct - 1 >= 16) { // IFNAMSIZ
                    r.err += fmt::format("{}: too long scope name\n", prog);
                    r.exit_code = 1;
                    return r;
                }
                name.resize(pct);
            }
            auto wire = ni_subject_name(name, opt.data < 0);
            if (!wire) {
                std::string canon;
                for (char c : name)
                    canon += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
                r.err += fmt::format("{}: inappropriate subject name: {}\n", prog, canon);
                r.exit_code = 1;
                return r;
            }
            ni.subject = std::move(*wire);
            break;
        }
        case Word::help:
            r.out += ni_help_text();
            r.exit_code = 0;
            return r;
        }
        if (ok)
            return r;
    }
    // No word took it: the help, on stderr.
    r.err += ni_help_text();
    r.exit_code = 2;
    return r;
}

void build_ni_query(std::vector<std::byte>& out, const NodeInfo& ni, std::span<const uint8_t> subject,
                    std::span<const uint8_t, ni::nonce_len> nonce)
{
    out.assign(ni::header_len + subject.size(), std::byte(0));
    uint16_t qtype = ni.qtype.value_or(ni::qtype_noop);
    out[0] = std::byte(139); // ICMPv6 node information query
    out[1] = std::byte(ni.subject_type.value_or(ni::subject_ipv6));
    // The checksum (bytes 2 and 3) is the kernel's.
    out[4] = std::byte(qtype >> 8);
    out[5] = std::byte(qtype & 0xff);
    out[6] = std::byte(ni.flags >> 8);
    out[7] = std::byte(ni.flags & 0xff);
    std::memcpy(out.data() + 8, nonce.data(), ni::nonce_len);
    if (!subject.empty())
        std::memcpy(out.data() + ni::header_len, subject.data(), subject.size());
}

std::optional<ExpandedName> dn_expand_text(std::span<const uint8_t> data, size_t pos)
{
    // glibc's ns_name_unpack (into at most 255 bytes), then ns_name_ntop.
    const size_t eom = data.size();
    if (pos >= eom)
        return std::nullopt;
    std::string text;
    size_t src = pos;
    size_t unpacked = 0;
    long len = -1;
    size_t checked = 0;
    bool first = true;
    for (;;) {
        uint8_t n = data[src++];
        if (n == 0)
            break;
        switch (n & 0xc0) {
        case 0: {
            if (n >= 255 - unpacked || n >= eom - src)
                return std::nullopt;
            checked += n + 1;
            unpacked += n + 1;
            if (!first)
                text += '.';
            first = false;
            for (size_t i = 0; i < n; ++i) {
                uint8_t c = data[src + i];
                if (special(c)) {
                    text += '\\';
                    text += char(c);
                } else if (c > 0x20 && c < 0x7f) {
                    text += char(c);
                } else {
                    text += fmt::format("\\{:03d}", c);
                }
            }
            src += n;
            break;
        }
        case 0xc0: {
            if (src >= eom)
                return std::nullopt;
            if (len < 0)
                len = long(src - pos + 1);
            size_t target = size_t((n & 0x3f) << 8) | data[src];
            if (target >= eom)
                return std::nullopt;
            src = target;
            checked += 2;
            if (checked >= eom)
                return std::nullopt;
            break;
        }
        default: return std::nullopt;
        }
    }
    if (len < 0)
        len = long(src - pos);
    // ns_name_ntop writes the root as "."; dn_expand makes it empty.
    return ExpandedName{text, size_t(len)};
}

namespace {

// A name reply: a TTL, then names, each followed by one more zero byte when
// it is not fully qualified.
std::string name_reply_text(std::span<const uint8_t> msg)
{
    if (msg.size() < ni::header_len + 4)
        return " parse error (too short)";
    std::span<const uint8_t> data = msg.subspan(ni::header_len);
    std::string out;
    size_t p = 4;
    bool continued = false;
    while (p < data.size()) {
        if (continued)
            out += ',';
        auto name = dn_expand_text(data, p);
        if (!name) {
            out += " parse error (truncated)";
            break;
        }
        bool fqdn = !(p + name->length < data.size() && data[p + name->length] == 0);
        out += ' ';
        out += name->text;
        if (fqdn)
            out += '.';
        p += name->length + (fqdn ? 0 : 1);
        continued = true;
    }
    return out;
}

// An address reply: (TTL, address) pairs.
std::string addr_reply_text(std::span<const uint8_t> msg, uint16_t qtype, uint16_t flags)
{
    int af = qtype == ni::qtype_ipv4 ? AF_INET : AF_INET6;
    size_t alen = af == AF_INET ? 4 : 16;
    std::string out;
    size_t p = ni::header_len;
    bool continued = false;
    while (p < msg.size()) {
        if (continued)
            out += ',';
        if (p + 4 + alen > msg.size()) {
            out += " parse error (truncated)";
            break;
        }
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(af, msg.data() + p + 4, buf, sizeof buf);
        out += ' ';
        out += buf;
        p += 4 + alen;
        continued = true;
    }
    if (flags & ni::flag_truncate)
        out += " (truncated)";
    return out;
}

} // namespace

std::string ni_reply_text(std::span<const std::byte> bytes)
{
    std::span<const uint8_t> msg(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    if (msg.size() < ni::header_len)
        return {};
    uint8_t code = msg[1];
    uint16_t qtype = uint16_t(msg[4] << 8 | msg[5]);
    uint16_t flags = uint16_t(msg[6] << 8 | msg[7]);
    std::string out;
    switch (code) {
    case ni::code_success:
        if (qtype == ni::qtype_name)
            out = name_reply_text(msg);
        else if (qtype == ni::qtype_ipv4 || qtype == ni::qtype_ipv6)
            out = addr_reply_text(msg, qtype, flags);
        else
            out = fmt::format(" unknown qtype(0x{:02x})", qtype);
        break;
    case ni::code_refused: out = " refused"; break;
    case ni::code_unknown: out = " unknown"; break;
    // iputils passes the one-byte code through ntohs().
    default: out = fmt::format(" unknown code({:02x})", unsigned(code) << 8); break;
    }
    out += fmt::format("; seq={};", unsigned(msg[8] << 8 | msg[9]));
    return out;
}

} // namespace nsbox::ping
