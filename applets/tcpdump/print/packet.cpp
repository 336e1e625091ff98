#include "applets/tcpdump/print/packet.hpp"

#include <ctime>

#include <pcap/dlt.h>

namespace nsbox::tcpdump {

namespace {

// libpcap's MAXIMUM_SNAPLEN: larger capture headers are corrupt.
constexpr uint32_t maximum_snaplen = 262144;

struct LinkPrinter {
    int linktype;
    IfPrinter printer;
};

constexpr LinkPrinter link_printers[] = {
    {DLT_NULL, null_if_print},
    {DLT_EN10MB, ether_if_print},
    {DLT_RAW, raw_if_print},
    {DLT_LOOP, null_if_print},
    {DLT_LINUX_SLL, sll_if_print},
    {DLT_IPV4, raw_if_print},
    {DLT_IPV6, raw_if_print},
    {DLT_LINUX_SLL2, sll2_if_print},
};

// tcpdump's unsupported_if_print(): the link type's name in capitals and the
// whole frame in hex.
uint32_t unsupported_if_print(Ctx& c, const PacketHeader& h, Bytes p)
{
    c.proto = "unsupported";
    c.put("UNSUPPORTED");
    hex_and_ascii_print(c, "\n\t", p, h.caplen);
    return h.caplen;
}

void print_frac(Ctx& c, bool nano, int64_t frac)
{
    // ".%06u" (".%09u"): written by hand, the formatted print was a good
    // part of a plain line's cost; a value too wide for the field (a
    // malformed header) still prints all its digits.
    auto v = static_cast<uint32_t>(frac);
    int width = nano ? 9 : 6;
    if (v >= (nano ? 1000000000u : 1000000u)) {
        c.print(".{}", v);
        return;
    }
    char buf[10];
    buf[0] = '.';
    for (int i = width; i >= 1; --i) {
        buf[i] = char('0' + v % 10);
        v /= 10;
    }
    c.put(std::string_view(buf, size_t(width) + 1));
}

// HH:MM:SS.frac, with the date in front for -tttt; local time or UTC.
void print_hms(Ctx& c, int64_t sec, int64_t frac, bool date, bool local)
{
    // tcpdump 4.99 refuses times with bit 31 set (before 1970 or after 2038
    // in a 32-bit time_t).
    if (static_cast<uint32_t>(sec) & 0x80000000u) {
        c.put("[Error converting time]");
        return;
    }
    // The converted second is kept: a capture has many packets in each
    // second, and localtime_r + strftime were a tenth of a plain line's cost.
    struct Last {
        int64_t sec = 0;
        bool date = false, local = false, valid = false;
        char buf[32];
        size_t n = 0;
    };
    thread_local Last last;
    if (!last.valid || last.sec != sec || last.date != date || last.local != local) {
        time_t t = static_cast<time_t>(sec);
        struct tm tm{};
        last.valid = false;
        if ((local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)) == nullptr) {
            c.put("[Error converting time]");
            return;
        }
        last.n = strftime(last.buf, sizeof last.buf, date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
        last.sec = sec;
        last.date = date;
        last.local = local;
        last.valid = true;
    }
    c.put(std::string_view(last.buf, last.n));
    print_frac(c, c.opt.nano, frac);
}

} // namespace

IfPrinter find_if_printer(int linktype)
{
    for (const auto& lp : link_printers)
        if (lp.linktype == linktype)
            return lp.printer;
    return nullptr;
}

PacketPrinter::PacketPrinter(const PrintOptions& opt, Names& names, int linktype)
    : opt_(opt), names_(names)
{
    set_linktype(linktype);
}

void PacketPrinter::set_linktype(int linktype)
{
    if_printer_ = find_if_printer(linktype);
    if (!if_printer_)
        if_printer_ = unsupported_if_print;
}

void PacketPrinter::print_timestamp(Ctx& c, const PacketHeader& h)
{
    switch (opt_.tflag) {
    case 0:
        print_hms(c, h.sec, h.frac, false, true);
        c.put(' ');
        break;
    case 1:
        break;
    case 2:
        if (static_cast<uint32_t>(h.sec) & 0x80000000u) {
            c.put("[Error converting time]");
        } else {
            c.print("{}", static_cast<uint32_t>(h.sec));
            print_frac(c, opt_.nano, h.frac);
        }
        c.put(' ');
        break;
    case 3:
    case 5: {
        // Delta from the previous packet (-ttt) or the first one (-ttttt).
        // Like tcpdump, a reference time of exactly zero counts as unset.
        if (ref_sec_ == 0 && ref_frac_ == 0) {
            ref_sec_ = h.sec;
            ref_frac_ = h.frac;
        }
        bool negative = h.sec < ref_sec_ || (h.sec == ref_sec_ && h.frac < ref_frac_);
        int64_t a_sec = negative ? ref_sec_ : h.sec, b_sec = negative ? h.sec : ref_sec_;
        int64_t a_frac = negative ? ref_frac_ : h.frac, b_frac = negative ? h.frac : ref_frac_;
        int64_t sec = a_sec - b_sec, frac = a_frac - b_frac;
        if (frac < 0) {
            --sec;
            frac += opt_.nano ? 1000000000 : 1000000;
        }
        c.put(negative ? '-' : ' ');
        print_hms(c, sec, frac, false, false);
        c.put(' ');
        if (opt_.tflag == 3) {
            ref_sec_ = h.sec;
            ref_frac_ = h.frac;
        }
        break;
    }
    case 4:
        print_hms(c, h.sec, h.frac, true, true);
        c.put(' ');
        break;
    }
}

void PacketPrinter::print(const PacketHeader& h, Bytes data, uint32_t number, std::string& out)
{
    Ctx c{opt_, out, names_, state_};
    if (opt_.packet_number)
        c.print("{:5}  ", number);

    // Capture headers a printer cannot trust.
    bool invalid = false;
    auto open = [&] {
        c.put(invalid ? "," : "[Invalid header:");
        invalid = true;
    };
    if (h.caplen == 0) {
        invalid = true;
        c.put("[Invalid header: caplen==0");
    }
    if (h.len == 0) {
        open();
        c.put(" len==0");
    } else if (h.len < h.caplen) {
        open();
        c.print(" len({}) < caplen({})", h.len, h.caplen);
    }
    if (h.caplen > maximum_snaplen) {
        open();
        c.print(" caplen({}) > {}", h.caplen, maximum_snaplen);
    }
    if (h.len > maximum_snaplen) {
        open();
        c.print(" len({}) > {}", h.len, maximum_snaplen);
    }
    if (invalid) {
        c.put("]\n");
        return;
    }

    print_timestamp(c, h);

    Bytes captured = data.first(std::min<size_t>(data.size(), h.caplen));
    uint32_t hdrlen = 0;
    try {
        hdrlen = if_printer_(c, h, captured);
    } catch (const Truncated&) {
        c.print_trunc();
        hdrlen = 0;
    }

    // The raw dumps leave the link-layer header out unless doubled (-xx).
    if (opt_.Xflag || opt_.xflag || opt_.Aflag) {
        int level = opt_.Xflag ? opt_.Xflag : opt_.xflag ? opt_.xflag : opt_.Aflag;
        Bytes dump = captured;
        if (level <= 1) {
            if (captured.size() <= hdrlen)
                dump = {};
            else
                dump = captured.subspan(hdrlen);
        }
        if (level > 1 || captured.size() > hdrlen) {
            auto len = static_cast<uint32_t>(dump.size());
            if (opt_.Xflag)
                hex_and_ascii_print(c, "\n\t", dump, len);
            else if (opt_.xflag)
                hex_print(c, "\n\t", dump, len);
            else
                ascii_print(c, dump);
        }
    }
    c.put('\n');
}

} // namespace nsbox::tcpdump
