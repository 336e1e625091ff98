// Internationalized domain names as glibc's getaddrinfo(AI_IDN) and
// getnameinfo(NI_IDN) hand them to ping through libidn2: a name in the
// locale's characters goes out as ASCII ("bücher.example" is
// "xn--bcher-kva.example"), and an ASCII-compatible name comes back in
// Unicode for display. nsbox carries no locale data: the environment's
// LC_ALL, LC_CTYPE or LANG says whether characters are UTF-8 (C and POSIX
// are ASCII, where a non-ASCII name cannot be converted at all).
//
// What nsbox does of UTS #46 (libidn2's non-transitional processing): ASCII
// letters, Latin-1, Latin Extended-A, Greek and Cyrillic capitals are
// lowered; other characters go through as given (no NFC, no other case
// mapping, no validity or bidi rules), so a name typed in lower case and
// composed form, as names almost always are, converts as libidn2 converts it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nsbox::net::idna {

// Whether the locale the environment names has UTF-8 characters.
bool utf8_locale();

bool is_ascii(std::string_view s);

// The name as a lookup sends it: each label lowered, and one with a
// non-ASCII character written as "xn--" + its Punycode (RFC 3492). nullopt
// when the name is not valid UTF-8.
std::optional<std::string> to_ascii(std::string_view name);

// The name with each "xn--" label decoded back to UTF-8; a label that does
// not decode stays as it is.
std::string to_unicode(std::string_view name);

// RFC 3492 on one label's code points and back; exposed for tests.
std::optional<std::string> punycode_encode(std::u32string_view label);
std::optional<std::u32string> punycode_decode(std::string_view ascii);

} // namespace nsbox::net::idna
