// Syslog (RFC 3164) on UDP port 514: the facility and severity from the
// <PRI> prefix; from -v on the message text, from -vv on its bytes in hex.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr unsigned max_digits = 3;

constexpr Tok syslog_severity_names[] = {
    {0, "emergency"}, {1, "alert"},  {2, "critical"}, {3, "error"},
    {4, "warning"},   {5, "notice"}, {6, "info"},     {7, "debug"},
};

constexpr Tok syslog_facility_names[] = {
    {0, "kernel"},  {1, "user"},      {2, "mail"},     {3, "daemon"},   {4, "auth"},     {5, "syslog"},
    {6, "lpr"},     {7, "news"},      {8, "uucp"},     {9, "cron"},     {10, "authpriv"}, {11, "ftp"},
    {12, "ntp"},    {13, "security"}, {14, "console"}, {15, "cron"},    {16, "local0"},  {17, "local1"},
    {18, "local2"}, {19, "local3"},   {20, "local4"},  {21, "local5"},  {22, "local6"},  {23, "local7"},
};

std::string unknown(uint32_t v) { return fmt::format("unknown ({})", v); }

} // namespace

void syslog_print(Ctx& c, Bytes p, uint32_t len)
{
    c.proto = "syslog";
    Reader r(p);
    uint32_t off = 0;
    if (r.peek_u8(off) != '<') {
        c.print_invalid();
        return;
    }
    ++off;
    uint32_t pri = 0;
    while (off <= max_digits && r.peek_u8(off) >= '0' && r.peek_u8(off) <= '9') {
        pri = pri * 10 + (r.peek_u8(off) - '0');
        ++off;
    }
    if (r.peek_u8(off) != '>') {
        c.print_invalid();
        return;
    }
    ++off;
    uint32_t facility = (pri & 0x3f8) >> 3;
    uint32_t severity = pri & 0x07;
    auto fac = tok_or(syslog_facility_names, facility, unknown);
    auto sev = tok_or(syslog_severity_names, severity, unknown);
    if (c.opt.vflag < 1) {
        c.print("SYSLOG {}.{}, length: {}", fac, sev, len);
        return;
    }
    c.print("SYSLOG, length: {}\n\tFacility {} ({}), Severity {} ({})\n\tMsg: ", len, fac, facility, sev,
            severity);
    for (; off < len; ++off)
        print_char(c, r.peek_u8(off));
    if (c.opt.vflag > 1)
        hex_print(c, "\n\t", p, std::min<uint32_t>(len, uint32_t(p.size())));
}

} // namespace nsbox::tcpdump
