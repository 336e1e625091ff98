// The text/JSON printer: iproute2's json_writer bytes (compact and pretty),
// and misuse that would write invalid JSON refused.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "applets/common/output.hpp"

using namespace nsbox::cli;

namespace {

// A link-like document written through every kind of field.
void sample(Output& o)
{
    auto doc = o.document();
    for (int i = 1; i <= 2; ++i) {
        auto obj = o.object();
        o.field("ifindex", "{}: ", i);
        o.field("ifname", "{}: ", std::string(i == 1 ? "lo" : "br\"x"));
        {
            auto f = o.array("flags", In::any, "<", "> ");
            o.element("{},", std::string_view("UP"));
            o.element("{}", std::string_view("LOWER_UP"));
        }
        o.json_field("up", true);
        o.text("\n");
        auto a = o.array("addr_info", In::json);
        if (i == 1) {
            auto ai = o.object();
            o.field("local", "    inet {}", std::string_view("127.0.0.1"));
            o.text("\n");
        }
    }
}

std::string run(Output::Format f)
{
    char* buf = nullptr;
    size_t len = 0;
    FILE* m = open_memstream(&buf, &len);
    {
        Output o(f, m);
        sample(o);
    }
    std::fclose(m);
    std::string s(buf, len);
    std::free(buf);
    return s;
}

} // namespace

TEST(Output, Text)
{
    EXPECT_EQ(run(Output::Format::text), "1: lo: <UP,LOWER_UP> \n    inet 127.0.0.1\n2: br\"x: <UP,LOWER_UP> \n");
}

TEST(Output, CompactJson)
{
    EXPECT_EQ(run(Output::Format::json),
              "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"UP\",\"LOWER_UP\"],\"up\":true,"
              "\"addr_info\":[{\"local\":\"127.0.0.1\"}]},"
              "{\"ifindex\":2,\"ifname\":\"br\\\"x\",\"flags\":[\"UP\",\"LOWER_UP\"],\"up\":true,\"addr_info\":[]}]\n");
}

TEST(Output, PrettyJsonLikeJsonWriter)
{
    EXPECT_EQ(run(Output::Format::pretty), "[ {\n"
                                           "        \"ifindex\": 1,\n"
                                           "        \"ifname\": \"lo\",\n"
                                           "        \"flags\": [ \"UP\",\"LOWER_UP\" ],\n"
                                           "        \"up\": true,\n"
                                           "        \"addr_info\": [ {\n"
                                           "                \"local\": \"127.0.0.1\"\n"
                                           "            } ]\n"
                                           "    },{\n"
                                           "        \"ifindex\": 2,\n"
                                           "        \"ifname\": \"br\\\"x\",\n"
                                           "        \"flags\": [ \"UP\",\"LOWER_UP\" ],\n"
                                           "        \"up\": true,\n"
                                           "        \"addr_info\": [ ]\n"
                                           "    } ]\n");
}

TEST(Output, EmptyDocuments)
{
    char* buf = nullptr;
    size_t len = 0;
    FILE* m = open_memstream(&buf, &len);
    {
        Output a(Output::Format::json, m);
        { auto d = a.document(); }
        a.flush();
        Output b(Output::Format::pretty, m);
        { auto d = b.document(); }
    }
    std::fclose(m);
    EXPECT_EQ(std::string(buf, len), "[]\n[ ]\n");
    std::free(buf);
}

TEST(Output, Escapes)
{
    Output o(Output::Format::json);
    {
        auto d = o.document();
        auto obj = o.object();
        o.json_field("s", std::string_view("a\tb\nc\\d\x01"));
    }
    EXPECT_EQ(o.pending(), "[{\"s\":\"a\\tb\\nc\\\\d\\u0001\"}]\n");
}

TEST(Output, MisuseIsRefused)
{
    Output o(Output::Format::json);
    auto d = o.document();
    // A keyed field directly in an array.
    EXPECT_THROW(o.json_field("k", 1), std::logic_error);
    // A bare element inside an object.
    auto obj = o.object();
    EXPECT_THROW(o.element("{}", 1), std::logic_error);
    obj.close();
    d.close();
    // A second top-level document.
    EXPECT_THROW(o.object(), std::logic_error);
}

TEST(Output, AbandonLeavesTheDocumentOpen)
{
    Output o(Output::Format::json);
    auto d = o.document();
    d.abandon();
    EXPECT_EQ(o.pending(), "[");
}
