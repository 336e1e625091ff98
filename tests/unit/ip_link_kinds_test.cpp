// The link kinds of ip link (applets/ip/kinds/): the table is sorted and
// found by name, and the dispatch of linktypes.hpp follows iproute2's
// link_util semantics (no parser: the words are ignored; no help: the link
// usage) and says what nsbox does not do yet.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/unit/memstream.hpp"
#include "applets/common/keyword.hpp"
#include "applets/ip/ip.hpp"
#include "applets/ip/kinds/kind.hpp"
#include "applets/ip/linktypes.hpp"

using namespace nsbox;

namespace {

// What `f` prints through a text Context, or the failure it ends with
// ("exit CODE: MESSAGE").
template <class F>
std::string run(F f)
{
    nsbox_test::MemStream mem;
    ip::Options o;
    try {
        ip::Context c(o, mem.file());
        f(c);
    } catch (const cli::Failure& e) {
        return fmt::format("exit {}: {}", e.code(), e.message());
    }
    return mem.take();
}

std::string help(std::string_view kind)
{
    return run([&](ip::Context& c) { ip::kind_help(c, kind); });
}

// Parses "type KIND WORDS..." into a request.
net::rtnl::Link parse(std::string_view kind, std::vector<std::string> words, bool set_op = false)
{
    nsbox_test::MemStream mem;
    ip::Options o;
    ip::Context c(o, mem.file());
    c.links.offline();
    net::rtnl::Link req;
    req.kind = std::string(kind);
    cli::Args a(std::move(words));
    ip::parse_kind_options(c, a, req, set_op);
    return req;
}

std::string parse_error(std::string_view kind, std::vector<std::string> words)
{
    try {
        parse(kind, std::move(words));
    } catch (const cli::Failure& e) {
        return fmt::format("exit {}: {}", e.code(), e.message());
    }
    return "no failure";
}

} // namespace

TEST(IpLinkKinds, TableSortedAndFoundByName)
{
    auto kinds = ip::link_kinds();
    ASSERT_GT(kinds.size(), 40u);
    EXPECT_TRUE(std::ranges::is_sorted(kinds, {}, &ip::LinkKind::name));
    EXPECT_EQ(std::ranges::adjacent_find(kinds, {}, &ip::LinkKind::name), kinds.end());
    for (const ip::LinkKind& k : kinds)
        EXPECT_EQ(ip::find_kind(k.name), &k) << k.name;
    EXPECT_EQ(ip::find_kind("bridg"), nullptr);
    EXPECT_EQ(ip::find_kind("bridge_slav"), nullptr);
    EXPECT_EQ(ip::find_kind("zzz"), nullptr);
    EXPECT_EQ(ip::find_kind(""), nullptr);
}

TEST(IpLinkKinds, WhatNsboxDoesNotPrintYet)
{
    EXPECT_TRUE(ip::kind_data_unsupported("bond", false));
    EXPECT_TRUE(ip::kind_data_unsupported("bond", true));
    EXPECT_TRUE(ip::kind_data_unsupported("vrf", true));
    EXPECT_FALSE(ip::kind_data_unsupported("bridge", false));
    EXPECT_FALSE(ip::kind_data_unsupported("bridge", true));
    EXPECT_FALSE(ip::kind_data_unsupported("dummy", false)); // iproute2 prints none
    EXPECT_FALSE(ip::kind_data_unsupported("veth", false));
    EXPECT_FALSE(ip::kind_data_unsupported("nosuch", false));
}

TEST(IpLinkKinds, Help)
{
    EXPECT_EQ(help("dummy"), "Usage: ... dummy\n");
    EXPECT_EQ(help("veth"), "Usage: ip link <options> type veth [peer <options>]\n"
                            "To get <options> type 'ip link add help'\n");
    EXPECT_TRUE(help("macvtap").starts_with("Usage: ... macvtap mode MODE [flag MODE_FLAG]"));
    EXPECT_TRUE(help("vxlan").starts_with("Usage: ... vxlan id VNI\n"));
    EXPECT_TRUE(help("vlan").starts_with("Usage: ... vlan id VLANID\n"));
    // No help in iproute2 (tun), or no such kind: the link usage, exit 255.
    EXPECT_TRUE(help("tun").starts_with("exit 255: Usage: ip link add [link DEV"));
    EXPECT_TRUE(help("nosuch").starts_with("exit 255: Usage: ip link add [link DEV"));
    EXPECT_EQ(help("bond"), "exit 255: nsbox ip: link help bond is not supported yet\n");
}

TEST(IpLinkKinds, OptionsDispatch)
{
    // No parser in iproute2: the words are ignored, an empty data nest sent.
    EXPECT_TRUE(parse("dummy", {"whatever"}).empty_info_data);
    EXPECT_FALSE(parse("dummy", {}).empty_info_data);
    EXPECT_EQ(parse_error("bond", {"mode", "1"}), "exit 255: nsbox ip: options of \"type bond\" are not supported yet\n");
    EXPECT_EQ(parse_error("nosuch", {"x"}),
              "exit 1: Garbage instead of arguments \"x ...\". Try \"ip link help\".\n");
    auto v = parse("vlan", {"id", "7", "protocol", "802.1ad"});
    ASSERT_TRUE(v.vlan.has_value());
    EXPECT_EQ(v.vlan->id, 7);
    auto m = parse("macvtap", {"mode", "bridge"});
    ASSERT_TRUE(m.macvlan.has_value());
    EXPECT_EQ(m.macvlan->mode, 4u); // MACVLAN_MODE_BRIDGE
    EXPECT_EQ(parse_error("macvtap", {"bogus"}).substr(0, 43), "exit 1: macvtap: unknown option \"bogus\"?\nUs");
}
