// What the iptables unit tests share: a command line parsed as iptables
// would parse it, its words for failure messages, and a recorded NEWRULE
// message read back into an nf_tables rule.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include <sys/socket.h>

#include "applets/iptables/cli.hpp"
#include "libnet/netlink.hpp"
#include "libnet/nft/nft.hpp"
#include "tests/unit/hex.hpp"

namespace nsbox_test {

inline std::string hex(nsbox::net::Bytes b) { return to_hex(b); }

// `iptables ARGS...` (`ip6tables ARGS...` for AF_INET6) through the
// applet's own parser.
inline nsbox::iptables::Command parse(std::vector<std::string> args, int family = AF_INET)
{
    args.insert(args.begin(), family == AF_INET6 ? "ip6tables" : "iptables");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return nsbox::iptables::parse_command_line(static_cast<int>(args.size()), argv.data(), true, family);
}
inline nsbox::iptables::Command parse6(std::vector<std::string> args) { return parse(std::move(args), AF_INET6); }

inline std::string joined(const std::vector<std::string>& args)
{
    std::string s;
    for (const auto& a : args)
        s += a + " ";
    return s;
}

// The one NEWRULE message in `bytes`, parsed.
inline nsbox::net::nft::Rule read_rule(const std::vector<std::byte>& bytes)
{
    auto msgs = nsbox::net::split_messages(bytes);
    EXPECT_EQ(msgs.size(), 1u);
    return nsbox::net::nft::parse_rule(msgs.at(0));
}

} // namespace nsbox_test
