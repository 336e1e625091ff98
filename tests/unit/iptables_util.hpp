// What the iptables unit tests share: a command line parsed as iptables
// would parse it, its words for failure messages, a recorded NEWRULE
// message read back into an nf_tables rule, and the two checks every table
// of rules recorded from iptables-nft makes (nsbox sends the same bytes;
// nsbox reads those bytes back as the same rule).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include <sys/socket.h>

#include "applets/iptables/cli.hpp"
#include "applets/iptables/codec.hpp"
#include "applets/iptables/list.hpp"
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

// `iptables ARGS` (ip6tables for AF_INET6) makes the very NEWRULE message
// iptables-nft sent for it, `hex`.
inline void expect_encodes_as(const std::vector<std::string>& args, const std::string& hex_, int family = AF_INET)
{
    namespace nft = nsbox::net::nft;
    nsbox::iptables::Command c = parse(args, family);
    nft::Rule nr = nsbox::iptables::encode(c.rule, c.table, c.chain, family);
    nsbox::net::Message m = nft::rule_message(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, static_cast<uint8_t>(family), nr);
    EXPECT_EQ(hex(m.bytes()), hex_) << joined(args);
}

// The NEWRULE message iptables-nft sent for `iptables ARGS`, `hex`, reads
// back whole as the rule ARGS make, and `-S` lists it as `save` (when not
// empty). Returns the rule read.
inline nsbox::iptables::Rule expect_decodes_as(const std::vector<std::string>& args, const std::string& hex_,
                                               const std::string& save = {}, int family = AF_INET)
{
    nsbox::iptables::Command c = parse(args, family);
    nsbox::net::nft::Rule nr = read_rule(unhex(hex_));
    nsbox::iptables::Rule r = nsbox::iptables::decode(nr, family);
    EXPECT_FALSE(r.unsupported) << joined(args) << r.unsupported_what;
    EXPECT_TRUE(r.same_as(c.rule)) << joined(args);
    if (!save.empty()) {
        std::string out;
        nsbox::iptables::save_rule(out, nr.chain, r, false);
        EXPECT_EQ(out, save) << joined(args);
    }
    return r;
}

} // namespace nsbox_test
