// Reverse lookups for tcpdump's host names: /etc/hosts, then the DNS
// servers of /etc/resolv.conf, through c-ares (a static binary cannot load
// glibc's NSS modules).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace nsbox::tcpdump {

class Resolver {
public:
    Resolver();
    ~Resolver();
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;

    // The host name for an IPv4 (4 bytes) or IPv6 (16 bytes) address, or ""
    // when nothing names it.
    std::string reverse(const uint8_t* addr, size_t len);

private:
    struct Channel;
    std::unique_ptr<Channel> channel_;
};

} // namespace nsbox::tcpdump
