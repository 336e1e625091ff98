// The netdb files glibc's "files" backend reads, read here directly so that
// a static binary without NSS modules gets the same answers:
// /etc/protocols, /etc/services and /etc/networks (/etc/hosts is
// libnet/resolve's). One line reader serves all three: '#' starts a comment,
// words are separated by blanks, and a line whose number field does not
// parse is skipped, as glibc skips it. The files are streamed, never kept:
// a lookup touches no more memory than one line.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nsbox::net::netdb {

// Calls fn(words) for each line of `path` that has a word, until fn returns
// true. False when the file cannot be opened.
bool each_line(const char* path, const std::function<bool(std::span<const std::string_view>)>& fn);

// /etc/protocols: fn(number, names) with the official name first, then the
// aliases. False when the file cannot be opened.
bool each_protocol(const std::function<bool(unsigned, std::span<const std::string_view>)>& fn);
// The number of the first entry that has `name` as its name or an alias;
// *readable (when given) says whether the file could be read at all.
std::optional<unsigned> protocol_number(std::string_view name, bool* readable = nullptr);
// The official name of the first entry with that number.
std::optional<std::string> protocol_name(unsigned number);

// /etc/services: fn(port, protocol, names), the official name first.
bool each_service(const std::function<bool(uint16_t, std::string_view, std::span<const std::string_view>)>& fn);
std::optional<uint16_t> service_port(std::string_view name, std::string_view proto);
std::optional<std::string> service_name(uint16_t port, std::string_view proto);

// /etc/networks: the network number (host order, inet_network's rules) of
// the first entry named `name`, and the name of the first entry for `net`.
std::optional<uint32_t> network_number(std::string_view name);
std::optional<std::string> network_name(uint32_t net);

} // namespace nsbox::net::netdb
