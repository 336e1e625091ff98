// RESP, the Redis serialization protocol (TCP port 6379 and -T resp): simple
// strings, errors, integers, bulk strings and arrays (nested), and inline
// commands, one quoted segment each, several per segment when pipelined,
// as tcpdump 4.99.3 prints them. tcpdump stops at the first element it
// cannot finish with " [|resp]"; where it finds that out from its length
// checks the line ends normally, where a byte read runs off the capture it
// ends as any cut packet does (for -x, the whole frame is dumped).

#include <climits>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr int cut = -1; // an element that could not be finished

class Resp {
public:
    Resp(Ctx& c, Bytes p) : c_(c), p_(p) {}

    // One element at `at` within `length` bytes: the bytes it took, or cut.
    int parse(size_t at, int length)
    {
        if (length < 1)
            return cut;
        switch (byte(at)) {
        case '+':
        case '-':
        case ':':
            return line(at, length);
        case '$':
            return bulk_string(at, length);
        case '*':
            return array(at, length);
        default:
            return inline_command(at, length);
        }
    }

private:
    // A byte that must be captured (tcpdump's GET_U_1: a cut packet).
    uint8_t byte(size_t at) const
    {
        if (at >= p_.size())
            throw Truncated();
        return uint8_t(p_[at]);
    }
    bool captured(size_t at, size_t n) const { return at + n <= p_.size(); }

    // ' "TEXT"'; false when the text runs off the capture (no closing quote).
    bool segment(size_t at, int len)
    {
        c_.put(" \"");
        for (int i = 0; i < len; ++i) {
            if (at + size_t(i) >= p_.size())
                return false;
            print_char(c_, byte(at + size_t(i)));
        }
        c_.put('"');
        return true;
    }

    // Moves `at` to the next "\r\n" within `len` bytes.
    bool find_crlf(size_t& at, int& len) const
    {
        for (;;) {
            if (len < 2 || !captured(at, 2))
                return false;
            if (byte(at) == '\r' && byte(at + 1) == '\n')
                return true;
            ++at;
            --len;
        }
    }

    // Moves `at` past every "\r" and "\n"; false when the bytes end before
    // one was seen.
    bool skip_cr_lf(size_t& at, int& len) const
    {
        bool seen = false;
        for (;;) {
            if (len == 0 || !captured(at, 1))
                return seen;
            uint8_t ch = byte(at);
            if (ch != '\r' && ch != '\n')
                return true;
            seen = true;
            ++at;
            --len;
        }
    }

    // +text, -error, :integer, each up to "\r\n".
    int line(size_t at, int length)
    {
        int left = length - 1;
        size_t start = at + 1, end = start;
        if (!find_crlf(end, left))
            return cut;
        int len = int(end - start);
        if (!segment(start, len))
            return cut;
        return 1 + len + 2;
    }

    // A bulk string's or array's length and the "\r\n" after it, from `at`
    // within `len` bytes; `at` ends where reading stopped. -1 for "-1"
    // (null), -2 cut, -3 too large, -4 another negative, -5 invalid.
    int get_length(size_t& at, int len)
    {
        if (len == 0)
            return -2;
        bool neg = false, too_large = false, saw_digit = false;
        if (byte(at) == '-') {
            neg = true;
            ++at;
            --len;
        }
        int result = 0;
        for (;;) {
            if (len == 0)
                return -2;
            uint8_t ch = byte(at);
            if (ch < '0' || ch > '9') {
                if (!saw_digit) {
                    ++at;
                    return -5;
                }
                break;
            }
            int d = ch - '0';
            if (result > INT_MAX / 10)
                too_large = true;
            else {
                result *= 10;
                if (result == (INT_MAX / 10) * 10 && d > INT_MAX % 10)
                    too_large = true;
                else
                    result += d;
            }
            ++at;
            --len;
            saw_digit = true;
        }
        if (byte(at) != '\r') {
            ++at;
            return -5;
        }
        ++at;
        --len;
        if (len == 0)
            return -2;
        if (byte(at) != '\n') {
            ++at;
            return -5;
        }
        ++at;
        if (neg)
            return too_large || result != 1 ? -4 : -1;
        return too_large ? -3 : result;
    }

    // A length that is not one: what tcpdump says, or cut.
    bool odd_length(int n)
    {
        switch (n) {
        case -1:
            c_.put(" null");
            return true;
        case -2:
            return false;
        case -3:
            c_.put(" length too large");
            return true;
        case -4:
            c_.put(" length negative and not -1");
            return true;
        default:
            c_.put(" invalid");
            return true;
        }
    }

    int bulk_string(size_t at, int length)
    {
        size_t pos = at + 1;
        int left = length - 1;
        int n = get_length(pos, left);
        left -= int(pos - (at + 1));
        if (n >= 0) {
            if (n == 0)
                c_.put(" empty");
            else {
                if (left < n || !captured(pos, size_t(n)))
                    return cut;
                if (!segment(pos, n))
                    return cut;
                pos += size_t(n);
                left -= n;
            }
            if (!find_crlf(pos, left))
                return cut;
            left -= 2;
        } else if (!odd_length(n)) {
            return cut;
        }
        return length - left;
    }

    int array(size_t at, int length)
    {
        size_t pos = at + 1;
        unsigned left = unsigned(length - 1);
        int n = get_length(pos, int(left));
        left -= unsigned(pos - (at + 1));
        if (n > 0) {
            for (int i = 0; i < n; ++i) {
                int used = parse(pos, int(left));
                if (used < 0)
                    return cut;
                pos += size_t(used);
                left -= unsigned(used);
            }
        } else if (n == 0) {
            c_.put(" empty");
        } else if (!odd_length(n)) {
            return cut;
        }
        return length - int(left);
    }

    // Text up to "\r" or "\n", after any of them.
    int inline_command(size_t at, int length)
    {
        int left = length;
        if (!skip_cr_lf(at, left))
            return cut;
        size_t end = at;
        for (;;) {
            if (left < 1)
                return cut;
            uint8_t ch = byte(end);
            if (ch == '\r' || ch == '\n')
                break;
            ++end;
            --left;
        }
        if (!segment(at, int(end - at)))
            return cut;
        if (!skip_cr_lf(end, left))
            return cut;
        return length - left;
    }

    Ctx& c_;
    Bytes p_;
};

} // namespace

void resp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "resp";
    c.put(": RESP");
    Resp resp(c, p);
    size_t at = 0;
    int left = int(length);
    while (left != 0) {
        int used = resp.parse(at, left);
        if (used < 0) {
            c.print_trunc();
            return;
        }
        at += size_t(used);
        left -= used;
    }
}

} // namespace nsbox::tcpdump
