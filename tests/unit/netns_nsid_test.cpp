// Named namespaces: iproute2's name rules, and the AttrTable paths the nsid
// and rtnetlink parsers rely on (inline and spilled tables, truncation).

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include <linux/netlink.h>

#include "libnet/netlink.hpp"
#include "libnet/netns.hpp"

using namespace nsbox::net;

namespace {

std::vector<std::byte> attr(uint16_t type, std::vector<uint8_t> payload)
{
    nlattr h{static_cast<uint16_t>(sizeof(nlattr) + payload.size()), type};
    std::vector<std::byte> out(NLA_ALIGN(h.nla_len));
    std::memcpy(out.data(), &h, sizeof h);
    if (!payload.empty())
        std::memcpy(out.data() + sizeof h, payload.data(), payload.size());
    return out;
}

std::vector<std::byte> cat(std::initializer_list<std::vector<std::byte>> parts)
{
    std::vector<std::byte> out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

} // namespace

TEST(NetnsName, Iproute2sRules)
{
    EXPECT_TRUE(netns::valid_name("red"));
    EXPECT_TRUE(netns::valid_name("..."));
    EXPECT_TRUE(netns::valid_name(std::string(255, 'x')));
    EXPECT_FALSE(netns::valid_name(std::string(256, 'x')));
    EXPECT_FALSE(netns::valid_name(""));
    EXPECT_FALSE(netns::valid_name("."));
    EXPECT_FALSE(netns::valid_name(".."));
    EXPECT_FALSE(netns::valid_name("a/b"));
    EXPECT_EQ(netns::path_of("red"), "/run/netns/red");
}

TEST(AttrTableLayout, InlineTableFindsEveryTypeAndKeepsTheLast)
{
    auto bytes = cat({attr(1, {1, 0, 0, 0}), attr(127, {7}), attr(64, {}), attr(1, {2, 0, 0, 0}), attr(200, {9})});
    AttrTable t(Attrs(bytes), 127);
    EXPECT_EQ(t.as<uint32_t>(1), 2u);
    EXPECT_EQ(t.as<uint8_t>(127), 7);
    ASSERT_TRUE(t.has(64)); // zero-length attributes are present
    EXPECT_EQ(t.get(64)->payload().size(), 0u);
    EXPECT_FALSE(t.has(2));
    EXPECT_FALSE(t.has(63));
    EXPECT_FALSE(t.has(128)); // past max
    EXPECT_FALSE(t.has(200));
}

TEST(AttrTableLayout, LargeTablesSpill)
{
    auto bytes = cat({attr(300, {3, 0}), attr(5, {5}), attr(129, {})});
    AttrTable t(Attrs(bytes), 400);
    EXPECT_EQ(t.as<uint16_t>(300), 3);
    EXPECT_EQ(t.as<uint8_t>(5), 5);
    EXPECT_TRUE(t.has(129));
    EXPECT_FALSE(t.has(301));
    EXPECT_FALSE(t.has(401));
}

TEST(AttrTableLayout, NestedTablesCopyWithTheirAttributes)
{
    auto inner = cat({attr(1, {0xaa}), attr(2, {0xbb})});
    std::vector<uint8_t> in(reinterpret_cast<const uint8_t*>(inner.data()),
                            reinterpret_cast<const uint8_t*>(inner.data()) + inner.size());
    auto bytes = attr(NLA_F_NESTED | 3, in);
    AttrTable outer(Attrs(bytes), 3);
    AttrTable n = outer.nested(3, 2);
    AttrTable copy = n;
    EXPECT_EQ(copy.as<uint8_t>(1), 0xaa);
    EXPECT_EQ(copy.as<uint8_t>(2), 0xbb);
    EXPECT_FALSE(outer.nested(2, 2).has(1));
}

TEST(AttrTableLayout, TruncationAnywhereIsMalformed)
{
    auto bytes = cat({attr(1, {1, 2, 3, 4}), attr(2, {5, 6, 7})});
    // The last attribute's padding may be missing; anything shorter breaks it.
    for (size_t n = 1; n < bytes.size() - 1; ++n) {
        if (n == 8)
            continue; // exactly the first attribute
        std::vector<std::byte> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
        EXPECT_THROW(AttrTable(Attrs(cut), 4), Malformed) << n;
    }
    std::vector<std::byte> unpadded(bytes.begin(), bytes.end() - 1);
    EXPECT_EQ(AttrTable(Attrs(unpadded), 4).get(2)->payload().size(), 3u);
}
