// ping's sockets, opened before anything is resolved (as iputils does): an
// ICMP datagram socket when net.ipv4.ping_group_range lets this group have
// one, a raw one (CAP_NET_RAW) otherwise, for each family.
#pragma once

#include <string>

#include "libnet/fd.hpp"

namespace nsbox::ping {

struct Options;

// One ICMP socket of one family, and whether it is a raw one.
struct IcmpSocket {
    net::Fd fd;
    bool raw = false;
    bool open() const { return bool(fd); }
};

// Opens `family`'s socket (raw when -e 0 asks for identifier 0). A failure
// is reported only when this family is the last hope (`requisite`), as
// iputils does: its warnings on stderr ("PROG: ..."), then fatal(prog, 2, "");
// otherwise the socket stays closed.
IcmpSocket open_icmp_socket(const Options& o, int family, bool requisite, const char* prog);

// warn() as error(0, errnum, ...) prints it: stdout flushed first, then
// "PROG: MESSAGE[: strerror]" on stderr.
void warn(const char* prog, const std::string& message, int errnum = 0);

} // namespace nsbox::ping
