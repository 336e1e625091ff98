// The printer's colours (iproute2's escapes, both palettes, text only), its
// JSON string escapes and pretty layout, reset() between batch commands, and
// long outputs written out in pieces.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "applets/common/output.hpp"

using namespace nsbox::cli;

namespace {

// Runs f(Output&) with output into a string.
template <class F>
std::string capture(Output::Format format, F f, bool color = false, bool dark = false)
{
    char* buf = nullptr;
    size_t len = 0;
    FILE* m = open_memstream(&buf, &len);
    {
        Output o(format, m);
        if (color)
            o.enable_color(dark);
        f(o);
    }
    std::fclose(m);
    std::string s(buf, len);
    std::free(buf);
    return s;
}

// A brief link line as `ip -c -br link` prints it.
void brief_link(Output& o)
{
    auto doc = o.document();
    auto obj = o.object();
    o.field(Color::ifname, "ifname", "{:<16} ", std::string_view("v1@v2"));
    o.field(Color::oper_down, "operstate", "{:<14} ", std::string_view("DOWN"));
    o.field(Color::mac, "address", "{} ", std::string_view("02:00:00:00:01:01"));
    o.text("\n");
}

} // namespace

TEST(OutputColor, EscapesWrapTheWholeFieldText)
{
    EXPECT_EQ(capture(Output::Format::text, brief_link, true),
              "\033[36mv1@v2            \033[0m\033[31mDOWN           \033[0m\033[33m02:00:00:00:01:01 \033[0m\n");
}

TEST(OutputColor, DarkBackgroundIsBold)
{
    EXPECT_EQ(capture(Output::Format::text, brief_link, true, true),
              "\033[1;36mv1@v2            \033[0m\033[1;31mDOWN           \033[0m\033[1;33m02:00:00:00:01:01 "
              "\033[0m\n");
}

TEST(OutputColor, OffUnlessEnabled)
{
    EXPECT_EQ(capture(Output::Format::text, brief_link), "v1@v2            DOWN           02:00:00:00:01:01 \n");
}

TEST(OutputColor, NeverInJson)
{
    EXPECT_EQ(capture(Output::Format::json, brief_link, true),
              "[{\"ifname\":\"v1@v2\",\"operstate\":\"DOWN\",\"address\":\"02:00:00:00:01:01\"}]\n");
}

TEST(OutputColor, NoneAndScopes)
{
    auto print = [](Output& o) {
        o.field(Color::none, "k", "{} ", 1);
        {
            auto c = o.color(Color::inet6);
            o.textf("{}/{} ", "fd00::1", 64);
        }
        {
            auto c = o.color(Color::none);
            o.text("plain");
        }
        {
            auto c = o.color(Color::oper_up);
            o.text("UP");
        }
    };
    EXPECT_EQ(capture(Output::Format::text, print, true), "1 \033[34mfd00::1/64 \033[0mplain\033[32mUP\033[0m");
    EXPECT_EQ(capture(Output::Format::text, print, false), "1 fd00::1/64 plainUP");
}

TEST(OutputColor, EveryClassHasIproute2sCode)
{
    EXPECT_EQ(color_code(Color::ifname, false), "\033[36m");
    EXPECT_EQ(color_code(Color::mac, false), "\033[33m");
    EXPECT_EQ(color_code(Color::inet, false), "\033[35m");
    EXPECT_EQ(color_code(Color::inet6, false), "\033[34m");
    EXPECT_EQ(color_code(Color::oper_up, false), "\033[32m");
    EXPECT_EQ(color_code(Color::oper_down, false), "\033[31m");
    EXPECT_EQ(color_code(Color::inet, true), "\033[1;35m");
    EXPECT_EQ(color_code(Color::none, true), "");
}

TEST(OutputColor, ColorfgbgLikeIproute2)
{
    EXPECT_TRUE(dark_background("15;0"));
    EXPECT_TRUE(dark_background("15;default;8"));
    EXPECT_TRUE(dark_background("7;6"));
    EXPECT_FALSE(dark_background("0;15"));
    EXPECT_FALSE(dark_background("0;7"));
    EXPECT_FALSE(dark_background("15;9"));
    EXPECT_FALSE(dark_background("0"));
    EXPECT_FALSE(dark_background("15;"));
    EXPECT_FALSE(dark_background(nullptr));
}

TEST(OutputJson, EscapesEveryControlAndQuote)
{
    auto print = [](Output& o) {
        auto d = o.document();
        auto obj = o.object();
        // Long enough to take the eight-bytes-at-a-time path around escapes.
        o.json_field("s", std::string_view("plain-plain-\"quoted\"-back\\slash\ttab\nnl\rcr\ffeed\bbs\x1f-end"));
        o.json_field("utf8", std::string_view("caf\xc3\xa9-\xe2\x82\xac-longer-than-eight"));
        o.json_field("empty", std::string_view(""));
        o.json_field("k\"ey", std::string_view("'single'"));
    };
    EXPECT_EQ(capture(Output::Format::json, print),
              "[{\"s\":\"plain-plain-\\\"quoted\\\"-back\\\\slash\\ttab\\nnl\\rcr\\ffeed\\bbs\\u001f-end\","
              "\"utf8\":\"caf\xc3\xa9-\xe2\x82\xac-longer-than-eight\",\"empty\":\"\",\"k\\\"ey\":\"'single'\"}]\n");
}

TEST(OutputJson, EscapeAtEveryPositionOfAWord)
{
    for (size_t pos = 0; pos < 20; ++pos) {
        std::string s(20, 'a');
        s[pos] = '"';
        std::string want = "[{\"k\":\"" + std::string(pos, 'a') + "\\\"" + std::string(19 - pos, 'a') + "\"}]\n";
        auto print = [&](Output& o) {
            auto d = o.document();
            auto obj = o.object();
            o.json_field("k", s);
        };
        EXPECT_EQ(capture(Output::Format::json, print), want) << pos;
    }
}

TEST(OutputJson, PrettyNestedLayout)
{
    auto print = [](Output& o) {
        auto d = o.document();
        auto obj = o.object();
        o.field("nsid", "nsid {} ", 5);
        {
            auto a = o.array("list");
            o.element("{}", 1);
            o.element("{}", 2);
        }
        {
            auto inner = o.object("info");
            o.json_field("on", true);
            o.json_null("none");
        }
        auto empty = o.array("empty");
    };
    EXPECT_EQ(capture(Output::Format::pretty, print), "[ {\n"
                                                      "        \"nsid\": 5,\n"
                                                      "        \"list\": [ 1,2 ],\n"
                                                      "        \"info\": {\n"
                                                      "            \"on\": true,\n"
                                                      "            \"none\": null\n"
                                                      "        },\n"
                                                      "        \"empty\": [ ]\n"
                                                      "    } ]\n");
}

TEST(OutputJson, ResetStartsAFreshDocument)
{
    auto print = [](Output& o) {
        {
            auto d = o.document();
            auto obj = o.object();
            o.json_field("a", 1);
            d.abandon(); // a command that failed part way: no closing bytes
        }
        o.reset();
        auto d = o.document();
        auto obj = o.object();
        o.json_field("b", 2);
    };
    EXPECT_EQ(capture(Output::Format::json, print), "[{\"a\":1[{\"b\":2}]\n");
    // reset() with scopes still open: they close as nothing
    auto open_scopes = [](Output& o) {
        auto d = o.document();
        auto obj = o.object();
        o.json_field("a", 1);
        o.reset();
    };
    EXPECT_EQ(capture(Output::Format::json, open_scopes), "[{\"a\":1");
}

TEST(OutputText, LongOutputIsWrittenWhole)
{
    // Far beyond the 64 KiB at which the buffer is written out.
    std::string want;
    auto print = [&](Output& o) {
        for (int i = 0; i < 20000; ++i) {
            o.textf("{}: line {}", i, "x");
            o.text("\n");
        }
    };
    for (int i = 0; i < 20000; ++i)
        want += std::to_string(i) + ": line x\n";
    EXPECT_EQ(capture(Output::Format::text, print), want);
}

TEST(OutputJson, LongDocumentIsWrittenWhole)
{
    auto print = [](Output& o) {
        auto d = o.document();
        for (int i = 0; i < 5000; ++i) {
            auto obj = o.object();
            o.field("ifindex", "{}", i);
            o.field("ifname", "{}", std::string("veth") + std::to_string(i));
        }
    };
    std::string s = capture(Output::Format::json, print);
    EXPECT_EQ(s.substr(0, 36), "[{\"ifindex\":0,\"ifname\":\"veth0\"},{\"if");
    EXPECT_TRUE(s.ends_with("},{\"ifindex\":4999,\"ifname\":\"veth4999\"}]\n"));
    size_t objects = 0;
    for (size_t p = s.find("{\"ifindex\""); p != std::string::npos; p = s.find("{\"ifindex\"", p + 1))
        ++objects;
    EXPECT_EQ(objects, 5000u);
}

TEST(OutputText, LeftPadsBytesLikePrintf)
{
    auto print = [](Output& o) {
        o.textf("{}|", Left{"lo", 5});
        o.textf("{}|", Left{"caf\xc3\xa9", 6}); // 5 bytes, 4 code points
        o.textf("{}|", Left{"longer-than", 4});
    };
    EXPECT_EQ(capture(Output::Format::text, print), "lo   |caf\xc3\xa9 |longer-than|");
}
