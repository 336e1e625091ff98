// Route table, protocol, scope, DS field and realm names as iproute2 6.1
// resolves them: built-ins alone with no configuration directory, and the
// files of a custom one (lines iproute2 accepts, comments, rt_tables.d,
// corrupt lines, the moment each file is read).

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "applets/ip/names.hpp"

using nsbox::ip::RtNames;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir()
    {
        char tmpl[] = "/tmp/nsbox-names-XXXXXX";
        path_ = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path_); }
    const std::string& path() const { return path_; }
    void write(const std::string& name, const std::string& text) const
    {
        fs::create_directories(fs::path(path_ + "/" + name).parent_path());
        std::ofstream(path_ + "/" + name) << text;
    }

private:
    std::string path_;
};

} // namespace

TEST(IpRouteNames, BuiltinsWithoutFiles)
{
    RtNames n("/nonexistent/iproute2", nullptr);
    EXPECT_EQ(n.table(254), "main");
    EXPECT_EQ(n.table(255), "local");
    EXPECT_EQ(n.table(253), "default");
    EXPECT_EQ(n.table(0), "0");  // "unspec" only comes from rt_tables
    EXPECT_EQ(n.table(1000), "1000");
    EXPECT_EQ(n.table_id("main"), 254u);
    EXPECT_EQ(n.table_id("4294967295"), 4294967295u);
    EXPECT_FALSE(n.table_id("unspec"));
    EXPECT_FALSE(n.table_id("blue"));
    EXPECT_EQ(n.protocol(4), "static");
    EXPECT_EQ(n.protocol(186), "bgp");
    EXPECT_EQ(n.protocol(99), "99");  // "openr" is Debian's rt_protos only
    EXPECT_EQ(n.protocol_id("kernel"), 2u);
    EXPECT_EQ(n.protocol_id("0x10"), 16u);
    EXPECT_FALSE(n.protocol_id("256"));
    EXPECT_EQ(n.scope(253), "link");
    EXPECT_EQ(n.scope(200), "site");
    EXPECT_EQ(n.scope(7), "7");
    EXPECT_EQ(n.scope_id("host"), 254u);
    EXPECT_EQ(n.dsfield(0x28), "0x28");
    EXPECT_EQ(n.dsfield(4), "0x04");
    EXPECT_EQ(n.dsfield_id("28"), 0x28u);  // hexadecimal without 0x
    EXPECT_EQ(n.realm(0), "unknown");
    EXPECT_EQ(n.realm(5), "5");
    EXPECT_EQ(n.realms("3/5"), (3u << 16) | 5u);
    EXPECT_EQ(n.realms("5"), 5u);
    EXPECT_EQ(n.realms("0x30005"), 0x30005u);  // raw
    EXPECT_FALSE(n.realms("x/5"));
}

TEST(IpRouteNames, FilesAddAndOverride)
{
    TempDir d;
    d.write("rt_tables", "#\n# reserved\n255\tlocal\n254 main\n  100 blue # comment\n0x65\tgreen\n"
                         "200 red\n1000 red\n0 unspec\n");
    d.write("rt_tables.d/a.conf", "77 pink\n");
    d.write("rt_tables.d/b.txt", "88 ignored\n");
    d.write("rt_tables.d/.hidden.conf", "89 hidden\n");
    d.write("rt_protos", "4 mystatic\n99 openr\n");
    d.write("rt_protos.d/x.conf", "151 fromdir\n");
    d.write("rt_scopes", "253 mylink\n");
    d.write("rt_realms", "5 five\n0 cosmos\n");
    d.write("rt_dsfield", "0x28\tAF11\n");
    RtNames n(d.path(), nullptr);
    EXPECT_EQ(n.table(100), "blue");
    EXPECT_EQ(n.table(101), "green");
    EXPECT_EQ(n.table(77), "pink");
    EXPECT_EQ(n.table(0), "unspec");
    EXPECT_EQ(n.table(88), "88");
    EXPECT_EQ(n.table(89), "89");
    EXPECT_EQ(n.table_id("blue"), 100u);
    // Two ids named "red": the one whose low byte comes first wins (200 is
    // 0xc8, 1000 is 0x3e8).
    EXPECT_EQ(n.table_id("red"), 200u);
    EXPECT_EQ(n.table(1000), "red");
    // A built-in protocol name is printed without reading rt_protos...
    EXPECT_EQ(n.protocol(4), "static");
    // ...until a name the built-ins lack makes iproute2 read it.
    EXPECT_EQ(n.protocol(99), "openr");
    EXPECT_EQ(n.protocol(4), "mystatic");
    EXPECT_EQ(n.protocol(151), "fromdir");
    EXPECT_EQ(n.protocol_id("mystatic"), 4u);
    EXPECT_EQ(n.scope(253), "link");  // built-in, file not read yet
    EXPECT_EQ(n.scope_id("mylink"), 253u);
    EXPECT_EQ(n.scope(253), "mylink");
    EXPECT_EQ(n.realm(0), "unknown");
    EXPECT_EQ(n.realm(5), "five");
    EXPECT_EQ(n.realm(0), "cosmos");
    EXPECT_EQ(n.realms("five/five"), (5u << 16) | 5u);
    EXPECT_EQ(n.dsfield(0x28), "AF11");
    EXPECT_EQ(n.dsfield_id("AF11"), 0x28u);
}

TEST(IpRouteNames, CorruptLineStopsTheFile)
{
    TempDir d;
    d.write("rt_tables", "100 blue\nnot a line\n200 red\n");
    char* buf = nullptr;
    size_t len = 0;
    FILE* err = open_memstream(&buf, &len);
    {
        RtNames n(d.path(), err);
        EXPECT_EQ(n.table(100), "blue");
        EXPECT_EQ(n.table(200), "200");
        EXPECT_FALSE(n.table_id("red"));
    }
    std::fclose(err);
    std::string msg(buf, len);
    std::free(buf);
    // iproute2 prints the rest of the line, newline included, then one more.
    EXPECT_EQ(msg, "Database " + d.path() + "/rt_tables is corrupted at not a line\n\n");
}
