// The text of a reply beyond its first line, as iputils 20221126 prints it:
// the IPv4 options a reply carries back (-R's "RR:" list and "(same route)",
// -T's "TS:" list), the description of an ICMP or ICMPv6 error ("From X
// icmp_seq=N " is followed by it) and the marks flood mode writes instead of
// lines.
//
// Pure formatting: addresses are named through a callback, the memory of
// the last route lives in a value the caller keeps. Unit tests reach all of
// it without a socket.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>

namespace nsbox::ping {

// IPv4 option types (RFC 791) and the timestamp flags (-T).
namespace ipopt {
inline constexpr uint8_t eol = 0;
inline constexpr uint8_t nop = 1;
inline constexpr uint8_t rr = 7;
inline constexpr uint8_t ts = 68;
inline constexpr uint8_t lsrr = 131;
inline constexpr uint8_t ssrr = 137;
inline constexpr uint8_t minoff = 4;
inline constexpr uint8_t ts_tsonly = 0;
inline constexpr uint8_t ts_tsandaddr = 1;
inline constexpr uint8_t ts_prespec = 3;
} // namespace ipopt

// Names an address as the reply lines do ("10.0.0.1", or "host (10.0.0.1)").
using AddressNamer = std::function<std::string(in_addr)>;

// The record route seen last: a reply with the same one prints
// "\t(same route)" instead of the list.
struct RouteMemory {
    std::vector<uint8_t> last;
};

// iputils' pr_options over `opts`: `totlen` is how many bytes it walks (the
// option bytes of a raw reply's IP header; for IP_RETOPTS the control
// message's whole cmsg_len, as iputils passes it). Bytes past `opts.size()`
// read as zero. Returns the text that follows the reply line, starting
// with "\n" for each option printed, without the final newline.
std::string ip_options_text(std::span<const uint8_t> opts, int totlen, RouteMemory& memory, bool flood,
                            const AddressNamer& name);

// The IP_OPTIONS bytes -R sends: a NOP, then an empty 39-byte record route.
std::vector<uint8_t> record_route_option();
// The IP_OPTIONS bytes -T sends; `hosts` are the prespecified addresses of
// tsprespec.
std::vector<uint8_t> timestamp_option(uint8_t ts_type, std::span<const in_addr> hosts);

// pr_icmph: what iputils says about an ICMP message, newline included.
// `info` is the error's extra word as the error queue gives it (ee_info: the
// MTU of "fragmentation needed", the pointer of a parameter problem);
// `gateway` names a redirect's new next hop.
std::string icmp_text(uint8_t type, uint8_t code, uint32_t info, std::string_view gateway = {});

// print_icmp: the same for ICMPv6, without the newline.
std::string icmp6_text(uint8_t type, uint8_t code, uint32_t info);

// Flood mode's marks on stdout: a dot per probe sent, a backspace per reply.
namespace flood_mark {
inline constexpr std::string_view sent = ".";
inline constexpr std::string_view reply = "\b \b";
inline constexpr std::string_view corrupted_reply = "\bC";
inline constexpr std::string_view local_error = "E";
inline constexpr std::string_view icmp_error = "\bE";
} // namespace flood_mark

} // namespace nsbox::ping
