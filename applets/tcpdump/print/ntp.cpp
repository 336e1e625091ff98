// NTP (RFC 5905) on UDP port 123, as tcpdump 4.99.3 prints it: the version
// and mode on the first line; from -v on the leap indicator, then for the
// time modes (0-5) the stratum, poll, precision, root delay and dispersion,
// the reference id and the four timestamps with the two deltas and the
// optional key id and digest; for control messages (mode 6) the header
// words. Mode 7 (private) prints only the leap indicator, as 4.99 does.

#include <ctime>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t timemsg_minlen = 48;
constexpr uint32_t ctrlmsg_minlen = 12;
constexpr int64_t jan_1970 = 2208988800; // 1970 - 1900 in seconds

constexpr Tok ntp_mode_names[] = {
    {0, "unspecified"}, {1, "symmetric active"}, {2, "symmetric passive"}, {3, "Client"},
    {4, "Server"},      {5, "Broadcast"},        {6, "Control Message"},   {7, "Reserved"},
};

// The leap indicator, keyed by the two high bits left in place.
constexpr Tok ntp_leapind_names[] = {
    {0x00, ""},
    {0x40, "+1s"},
    {0x80, "-1s"},
    {0xc0, "clock unsynchronized"},
};

constexpr Tok ntp_stratum_names[] = {
    {0, "unspecified"},
    {1, "primary reference"},
};

// A 16.16 fixed-point value (root delay, root dispersion).
void p_sfix(Ctx& c, Reader& r)
{
    int i = r.be16();
    int f = r.be16();
    double ff = f / 65536.0;
    f = int(ff * 1000000.0);
    c.print("{}.{:06}", i, f);
}

uint32_t fraction_ns(uint32_t uf)
{
    double ff = double(uf) / 4294967296.0;
    return uint32_t(ff * 1000000000.0);
}

} // namespace

void p_ntp_time(Ctx& c, uint32_t i, uint32_t uf)
{
    c.print("{}.{:09}", i, fraction_ns(uf));
    if (i == 0)
        return;
    time_t seconds = time_t(int64_t(i) - jan_1970);
    struct tm tm;
    if (gmtime_r(&seconds, &tm) == nullptr) {
        c.put(" ([Time is out of range])");
        return;
    }
    char buf[128];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    c.print(" ({})", buf);
}

namespace {

// The difference of two timestamps, signed; the later one alone when the
// earlier is zero.
void p_ntp_delta(Ctx& c, uint32_t ou, uint32_t ouf, uint32_t u, uint32_t uf)
{
    if (ou == 0 && ouf == 0) {
        p_ntp_time(c, u, uf);
        return;
    }
    bool negative;
    uint32_t i, f;
    if (u > ou) {
        negative = false;
        i = u - ou;
        f = uf - ouf;
        if (ouf > uf)
            i -= 1;
    } else if (u < ou) {
        negative = true;
        i = ou - u;
        f = ouf - uf;
        if (uf > ouf)
            i -= 1;
    } else {
        i = 0;
        negative = uf <= ouf;
        f = negative ? ouf - uf : uf - ouf;
    }
    c.print("{}{}.{:09}", negative ? '-' : '+', i, fraction_ns(f));
}

void p_poll(Ctx& c, int poll)
{
    if (poll <= -32 || poll >= 32)
        return;
    if (poll >= 0)
        c.print(" ({}s)", 1U << poll);
    else
        c.print(" (1/{}s)", 1U << -poll);
}

// The captured part of the message must cover `length` bytes, or the
// message ends with the truncation marker.
void print_invalid_checked(Ctx& c, const Reader& whole, uint32_t length)
{
    c.print_invalid();
    if (!whole.has(length))
        throw Truncated();
}

void ntp_time_print(Ctx& c, Reader r, uint32_t length)
{
    if (length < timemsg_minlen) {
        print_invalid_checked(c, r, length);
        return;
    }
    r.skip(1);
    uint8_t stratum = r.u8();
    c.print(", Stratum {} ({})", stratum,
            tok_or(ntp_stratum_names, stratum, [](uint32_t s) {
                return std::string(s >= 2 && s <= 15 ? "secondary reference" : "reserved");
            }));
    int poll = int8_t(r.u8());
    c.print(", poll {}", poll);
    p_poll(c, poll);
    c.print(", precision {}", int8_t(r.u8()));

    Reader rd = r.sub(4);
    c.put("\n\tRoot Delay: ");
    p_sfix(c, rd);
    Reader rs = r.sub(4);
    c.put(", Root dispersion: ");
    p_sfix(c, rs);

    Reader refid = r.sub(4);
    c.put(", Reference-ID: ");
    switch (stratum) {
    case 0:
        c.put("(unspec)");
        break;
    case 1:
        for (int k = 0; k < 4; ++k)
            print_char(c, refid.u8());
        break;
    case 62:
        c.print("{} INFO_QUERY", ipaddr_string(c, peek_addr4(refid, 0)));
        return;
    case 63:
        c.print("{} INFO_REPLY", ipaddr_string(c, peek_addr4(refid, 0)));
        return;
    default:
        c.print("0x{:08x}", refid.be32());
        break;
    }

    uint32_t ts[4][2];
    static constexpr const char* labels[4] = {
        "\n\t  Reference Timestamp:  ",
        "\n\t  Originator Timestamp: ",
        "\n\t  Receive Timestamp:    ",
        "\n\t  Transmit Timestamp:   ",
    };
    for (int k = 0; k < 4; ++k) {
        Reader t = r.sub(8);
        ts[k][0] = t.be32();
        ts[k][1] = t.be32();
        c.put(labels[k]);
        p_ntp_time(c, ts[k][0], ts[k][1]);
    }
    c.put("\n\t    Originator - Receive Timestamp:  ");
    p_ntp_delta(c, ts[1][0], ts[1][1], ts[2][0], ts[2][1]);
    c.put("\n\t    Originator - Transmit Timestamp: ");
    p_ntp_delta(c, ts[1][0], ts[1][1], ts[3][0], ts[3][1]);

    // No extension fields: a key id, optionally with a 128- or 160-bit
    // digest, or the count of bytes past the header.
    if (length == timemsg_minlen + 4) {
        c.print("\n\tKey id: {}", r.be32());
    } else if (length == timemsg_minlen + 4 + 16 || length == timemsg_minlen + 4 + 20) {
        c.print("\n\tKey id: {}", r.be32());
        int words = length == timemsg_minlen + 4 + 16 ? 4 : 5;
        Reader digest = r.sub(size_t(words) * 4);
        c.put("\n\tAuthentication: ");
        for (int k = 0; k < words; ++k)
            c.print("{:08x}", digest.be32());
    } else if (length > timemsg_minlen) {
        c.print("\n\t({} more bytes after the header)", length - timemsg_minlen);
    }
}

void ntp_control_print(Ctx& c, Reader r, uint32_t length)
{
    if (length < ctrlmsg_minlen) {
        print_invalid_checked(c, r, length);
        return;
    }
    const Reader whole = r;
    r.skip(1);
    uint8_t control = r.u8();
    bool R = control & 0x80, E = control & 0x40, M = control & 0x20;
    c.print(", {}, {}, {}, OpCode={}\n", R ? "Response" : "Request", E ? "Error" : "OK", M ? "More" : "Last",
            control & 0x1f);
    c.print("\tSequence={}", r.be16());
    uint16_t status = r.be16();
    if (status == 0)
        c.put(", Status=0");
    else
        c.print(", Status={:#x}", status);
    c.print(", Assoc.={}", r.be16());
    c.print(", Offset={}", r.be16());
    uint16_t count = r.be16();
    c.print(", Count={}", count);
    if (ctrlmsg_minlen + uint32_t(count) > length) {
        print_invalid_checked(c, whole, length);
        return;
    }
    if (count != 0) {
        r.skip(count);
        c.put("\n\tTO-BE-DONE: data not interpreted");
    }
}

} // namespace

void ntp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "ntp";
    Reader r(p);
    uint8_t status = r.peek_u8();
    unsigned version = (status & 0x38) >> 3;
    unsigned mode = status & 0x07;
    c.print("NTPv{}", version);
    auto mode_name = tok_or(ntp_mode_names, mode, [](uint32_t) { return std::string("Unknown mode"); });
    if (!c.opt.vflag) {
        c.print(", {}, length {}", mode_name, length);
        return;
    }
    c.print(", {}, length {}\n", mode_name, length);
    unsigned leapind = status & 0xc0;
    c.print("\tLeap indicator: {} ({})", tok_or(ntp_leapind_names, leapind, [](uint32_t) {
                return std::string("Unknown");
            }),
            leapind);
    if (mode <= 5)
        ntp_time_print(c, r, length);
    else if (mode == 6)
        ntp_control_print(c, r, length);
}

} // namespace nsbox::tcpdump
