// Line-oriented text protocols over TCP that tcpdump recognises by port and
// prints as their first line (all lines with -v): HTTP, RTSP, FTP, SMTP,
// WHOIS, and the SSH version banner; and SIP, which tcpdump 4.99.3 reads
// so over UDP only (tcpdump's txtproto_print()).

#include <cctype>
#include <strings.h>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/text.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr size_t max_token = 128;

constexpr const char* http_cmds[] = {
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL",
    "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS",
    "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
    "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
    "BASELINE-CONTROL", nullptr,
};

constexpr const char* sip_cmds[] = {
    "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK", "QAUTH", "REFER",
    "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH", nullptr,
};

constexpr const char* rtsp_cmds[] = {
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT", "SETUP",
    "SET_PARAMETER", "TEARDOWN", nullptr,
};

bool is_print(uint8_t c) { return c >= 0x20 && c < 0x7f; }

uint8_t u8(Bytes b, size_t i)
{
    if (b.size() <= i)
        throw Truncated();
    return uint8_t(b[i]);
}

// fetch_token(): the whitespace-delimited token at `idx` into `token`;
// returns the index past the whitespace after it, or 0 when there is no
// printable token.
size_t fetch_token(Bytes p, size_t idx, size_t len, std::string& token)
{
    token.clear();
    for (; idx < len; ++idx) {
        if (p.size() <= idx)
            return 0;
        uint8_t c = uint8_t(p[idx]);
        if (c & 0x80)
            return 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            break;
        if (!is_print(c))
            return 0;
        if (token.size() + 2 > max_token + 1)
            return 0;
        token.push_back(char(c));
    }
    if (token.empty())
        return 0;
    for (; idx < len; ++idx) {
        if (p.size() <= idx)
            break;
        uint8_t c = uint8_t(p[idx]);
        if (c == '\r' || c == '\n')
            break;
        if (!is_print(c))
            break;
        if (c != ' ' && c != '\t')
            break;
    }
    return idx;
}

// print_txt_line(): one CRLF- or LF-terminated line of printable text after
// `prefix`; returns the index of the next line, or 0 at the end or at
// binary data.
size_t print_txt_line(Ctx& c, std::string_view prefix, Bytes p, size_t idx, size_t len)
{
    size_t start = idx;
    while (idx < len) {
        uint8_t ch = u8(p, idx);
        if (ch == '\n') {
            c.put(prefix);
            c.put(std::string_view(reinterpret_cast<const char*>(p.data()) + start, idx - start));
            return idx + 1;
        }
        if (ch == '\r') {
            if (idx + 1 >= len)
                return 0;
            if (u8(p, idx + 1) == '\n') {
                c.put(prefix);
                c.put(std::string_view(reinterpret_cast<const char*>(p.data()) + start, idx - start));
                return idx + 2;
            }
            return 0;
        }
        if (!is_print(ch) && ch != '\t')
            return 0;
        ++idx;
    }
    // The data ends without a line end: print what there is, marked.
    c.put(prefix);
    c.put(std::string_view(reinterpret_cast<const char*>(p.data()) + start, idx - start));
    c.print_trunc();
    return 0;
}

void protocol_caps(Ctx& c)
{
    for (const char* s = c.proto; *s; ++s)
        c.put(char(std::toupper(static_cast<unsigned char>(*s))));
}

void txtproto_print(Ctx& c, Bytes p, uint32_t len, const char* const* cmds, bool resp_code_second)
{
    bool print_this = false;
    if (cmds) {
        std::string token;
        size_t idx = fetch_token(p, 0, len, token);
        if (idx != 0) {
            for (; *cmds; ++cmds)
                if (strcasecmp(token.c_str(), *cmds) == 0) {
                    print_this = true;
                    break;
                }
            if (resp_code_second)
                idx = fetch_token(p, idx, len, token);
            if (idx != 0 && token.size() == 3 && std::isdigit(static_cast<unsigned char>(token[0])) &&
                std::isdigit(static_cast<unsigned char>(token[1])) && std::isdigit(static_cast<unsigned char>(token[2])))
                print_this = true;
        }
    } else {
        print_this = true;
    }
    protocol_caps(c);
    if (!print_this)
        return;
    if (c.opt.vflag) {
        c.print(", length: {}", len);
        size_t eol;
        for (size_t idx = 0; idx < len && (eol = print_txt_line(c, "\n\t", p, idx, len)) != 0; idx = eol) {
        }
    } else {
        print_txt_line(c, ": ", p, 0, len);
    }
}

void ssh_print(Ctx& c, Bytes p, uint32_t len)
{
    c.proto = "ssh";
    if (u8(p, 0) != 'S' || u8(p, 1) != 'S' || u8(p, 2) != 'H' || u8(p, 3) != '-')
        return;
    for (size_t idx = 4; idx < len; ++idx) {
        uint8_t ch = u8(p, idx);
        if (ch == '\n' || (ch == '\r' && idx + 1 < len && u8(p, idx + 1) == '\n')) {
            c.put(": ");
            protocol_caps(c);
            c.print(": {}", std::string_view(reinterpret_cast<const char*>(p.data()), idx));
            return;
        }
        if (ch == '\r' || !is_print(ch))
            return;
    }
}

} // namespace

void sip_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "sip";
    txtproto_print(c, p, length, sip_cmds, true);
}

bool tcp_text_print(Ctx& c, uint16_t sport, uint16_t dport, Bytes p, uint32_t length)
{
    auto is = [&](uint16_t port) { return sport == port || dport == port; };
    if (is(25)) {
        c.put(": ");
        c.proto = "smtp";
        txtproto_print(c, p, length, nullptr, false);
    } else if (is(43)) {
        c.put(": ");
        c.proto = "whois";
        txtproto_print(c, p, length, nullptr, false);
    } else if (is(6379)) { // before SSH and the rest, as in tcpdump 4.99.3
        resp_print(c, p, length);
    } else if (is(22)) {
        ssh_print(c, p, length);
    } else if (is(21)) {
        c.put(": ");
        c.proto = "ftp";
        txtproto_print(c, p, length, nullptr, false);
    } else if (is(80) || is(8080)) {
        c.put(": ");
        c.proto = "http";
        txtproto_print(c, p, length, http_cmds, true);
    } else if (is(554) || is(8554)) {
        c.put(": ");
        c.proto = "rtsp";
        txtproto_print(c, p, length, rtsp_cmds, true);
    } else if (is(53)) {
        domain_print(c, p, length, true, false);
    } else {
        return false;
    }
    return true;
}

} // namespace nsbox::tcpdump
