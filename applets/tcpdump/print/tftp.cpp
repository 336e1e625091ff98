// TFTP (RFC 1350, options RFC 2347) on UDP port 69: the opcode, a request's
// file name, mode and options, a block number, an error's code and text.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint16_t rrq = 1, wrq = 2, data = 3, ack = 4, error = 5, oack = 6;

constexpr Tok tftp_op_names[] = {
    {rrq, "RRQ"}, {wrq, "WRQ"}, {data, "DATA"}, {ack, "ACK"}, {error, "ERROR"}, {oack, "OACK"},
};

constexpr Tok tftp_error_names[] = {
    {0, "EUNDEF"}, {1, "ENOTFOUND"}, {2, "EACCESS"}, {3, "ENOSPACE"},
    {4, "EBADOP"}, {5, "EBADID"},    {6, "EEXISTS"}, {7, "ENOUSER"},
};

// nd_printztn(): a NUL-terminated string within `n` bytes; the bytes it
// took (with the NUL), or 0 when no NUL came before the end of the field
// or of the capture.
size_t printztn(Ctx& c, Reader& r, size_t n)
{
    size_t bytes = 0;
    for (;;) {
        if (n == 0 || !r.has(1))
            return 0;
        uint8_t ch = r.u8();
        ++bytes;
        --n;
        if (ch == 0)
            return bytes;
        print_char(c, ch);
    }
}

} // namespace

void tftp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "tftp";
    c.print("TFTP, length {}", length);
    // tcpdump's explicit "goto trunc": the marker, and the link header
    // still left out of -x (unlike a read past the capture).
    auto trunc = [&] { c.print_trunc(); };
    if (length < 2)
        return trunc();
    Reader r(p);
    uint16_t opcode = r.be16();
    auto name = tok_lookup(tftp_op_names, opcode);
    if (!name) {
        c.print(", tftp-#{}", opcode);
        return;
    }
    c.print(", {}", *name);
    length -= 2;
    size_t ui;
    switch (opcode) {
    case rrq:
    case wrq:
        if (length == 0)
            return trunc();
        c.put(" \"");
        ui = printztn(c, r, length);
        c.put('"');
        if (ui == 0)
            return trunc();
        length -= uint32_t(ui);
        if (length == 0)
            return trunc();
        c.put(' ');
        ui = printztn(c, r, length);
        if (ui == 0)
            return trunc();
        length -= uint32_t(ui);
        [[fallthrough]];
    case oack:
        while (length != 0) {
            if (r.peek_u8() != 0)
                c.put(' ');
            ui = printztn(c, r, length);
            if (ui == 0)
                return trunc();
            length -= uint32_t(ui);
        }
        break;
    case data:
    case ack:
        if (length < 2)
            return trunc();
        c.print(" block {}", r.be16());
        break;
    case error: {
        if (length < 2)
            return trunc();
        uint16_t code = r.be16();
        if (auto e = tok_lookup(tftp_error_names, code))
            c.print(" {}", *e);
        else
            c.print(" tftp-err-#{} \"", code);
        length -= 2;
        if (length == 0)
            return trunc();
        c.put(" \"");
        ui = printztn(c, r, length);
        c.put('"');
        if (ui == 0)
            return trunc();
        break;
    }
    }
}

} // namespace nsbox::tcpdump
