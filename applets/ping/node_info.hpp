// IPv6 node information queries (RFC 4620), as iputils 20221126's ping -N
// sends them and prints their replies (its node_info.c and the NI part of
// ping6_common.c): the -N words, the query a probe carries, and the text of
// a reply. Pure: no sockets, no printing; unit tests reach all of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox::ping {

namespace ni {
// Query types (the Qtype field).
inline constexpr uint16_t qtype_noop = 0;
inline constexpr uint16_t qtype_name = 2;
inline constexpr uint16_t qtype_ipv6 = 3;
inline constexpr uint16_t qtype_ipv4 = 4;
// Subject types (the code of a query).
inline constexpr uint8_t subject_ipv6 = 0;
inline constexpr uint8_t subject_name = 1;
inline constexpr uint8_t subject_ipv4 = 2;
// Reply codes.
inline constexpr uint8_t code_success = 0;
inline constexpr uint8_t code_refused = 1;
inline constexpr uint8_t code_unknown = 2;
// Flags of the address queries (host order; the field is big-endian).
inline constexpr uint16_t flag_truncate = 0x0001;
inline constexpr uint16_t flag_all = 0x0002;
inline constexpr uint16_t flag_compat = 0x0004;
inline constexpr uint16_t flag_linklocal = 0x0008;
inline constexpr uint16_t flag_sitelocal = 0x0010;
inline constexpr uint16_t flag_global = 0x0020;
// The header: type, code, checksum, qtype, flags, 8 bytes of nonce.
inline constexpr size_t header_len = 16;
inline constexpr size_t nonce_len = 8;
} // namespace ni

// What -N asked for. No qtype: no query is sent (a subject alone only
// makes the socket a raw one, as in iputils 20221126).
struct NodeInfo {
    bool given = false; // some -N was given: a raw socket
    std::optional<uint16_t> qtype;
    uint16_t flags = 0;
    std::optional<uint8_t> subject_type;
    std::vector<uint8_t> subject; // empty with subject_type: the target's address
    bool enabled() const { return qtype.has_value(); }
};

// The outcome of one -N word, iputils' way: `out` goes to stdout ("Qtype
// conflict"), `err` to stderr (a lookup failure, then the help text);
// exit_code set when ping stops here (0 after "help", 2 for a bad word, 1
// for a subject name that cannot be encoded).
struct NiWordResult {
    std::string out;
    std::string err;
    std::optional<int> exit_code;
};

// The help text -N help prints (on stdout; on stderr after a bad word).
std::string ni_help_text();

// Applies one -N word to `ni`. `lookup` turns a subject-ipv6=/subject-ipv4=
// value into its address bytes (16 or 4) or, on failure, the getaddrinfo
// error text ("Name or service not known"); `prog` prefixes messages.
struct SubjectLookup {
    std::vector<uint8_t> address;
    std::string error;
};
using SubjectResolver = SubjectLookup (*)(const std::string& text, int family);
NiWordResult apply_ni_word(NodeInfo& ni, std::string_view word, const char* prog, SubjectResolver lookup);

// A subject name in DNS wire form as iputils sends it: labels of the name
// in lower case, a '%scope' cut off, and an extra zero byte when the name
// is not fully qualified (subject-fqdn= always, as 20221126's table
// says; subject-name= when the name has no dot). nullopt: a label longer
// than 63 bytes, an empty label or a name over 255 bytes.
std::optional<std::vector<uint8_t>> ni_subject_name(std::string_view name, bool fqdn_word);

// Writes the query of probe `seq` into `out` (resized): the header with
// `nonce` (its first two bytes are the sequence number), then the subject.
void build_ni_query(std::vector<std::byte>& out, const NodeInfo& ni, std::span<const uint8_t> subject,
                    std::span<const uint8_t, ni::nonce_len> nonce);

// The text iputils prints after "N bytes from ADDRESS:" for a reply `msg`
// (the whole ICMPv6 message, header included): the names or addresses it
// carries, "refused", "unknown", or a parse error, then "; seq=N;".
std::string ni_reply_text(std::span<const std::byte> msg);

// The name at `pos` of `data` as glibc's dn_expand() prints it (escapes,
// compression pointers relative to the start of `data`), and how many
// bytes it takes at `pos`; nullopt when it cannot be read.
struct ExpandedName {
    std::string text;
    size_t length = 0;
};
std::optional<ExpandedName> dn_expand_text(std::span<const uint8_t> data, size_t pos);

} // namespace nsbox::ping
