// The /etc/passwd and /etc/group reader shared by tcpdump -Z and ip tuntap:
// glibc "files" lines, and the lines it skips.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <unistd.h>

#include "applets/common/accounts.hpp"

using namespace nsbox;

namespace {

// A file in the test's temporary directory, removed at the end.
class TempFile {
public:
    explicit TempFile(const std::string& text)
    {
        char tmpl[] = "/tmp/nsbox-accounts-XXXXXX";
        int fd = mkstemp(tmpl);
        path_ = tmpl;
        if (fd >= 0) {
            (void)!write(fd, text.data(), text.size());
            close(fd);
        }
    }
    ~TempFile() { unlink(path_.c_str()); }
    const char* path() const { return path_.c_str(); }

private:
    std::string path_;
};

} // namespace

TEST(Accounts, Passwd)
{
    TempFile f("# comment\n"
               "+nis::0:0:::\n"
               "root:x:0:0:root:/root:/bin/bash\n"
               "short:x:12\n"
               "bad:x:1x:5::/:/bin/sh\n"
               "alice:x:1000:100:Alice:/home/alice:/bin/sh\n"
               "alice:x:1001:101::/:/bin/sh\n"
               "big:x:4294967295:0::/:/bin/sh\n"
               "last:x:7:8");
    auto a = cli::user_by_name("alice", f.path());
    ASSERT_TRUE(a);
    EXPECT_EQ(a->id, 1000u);
    EXPECT_EQ(a->gid, 100u);
    EXPECT_EQ(cli::user_by_id(1001, f.path())->name, "alice");
    EXPECT_EQ(cli::user_by_id(0, f.path())->name, "root");
    EXPECT_FALSE(cli::user_by_name("short", f.path()));
    EXPECT_FALSE(cli::user_by_name("bad", f.path()));
    EXPECT_FALSE(cli::user_by_name("+nis", f.path()));
    EXPECT_FALSE(cli::user_by_name("", f.path()));
    EXPECT_EQ(cli::user_by_name("big", f.path())->id, 4294967295u);
    EXPECT_EQ(cli::user_by_name("last", f.path())->gid, 8u);
    EXPECT_FALSE(cli::user_by_id(5, f.path()));
    EXPECT_FALSE(cli::user_by_name("root", "/nonexistent/passwd"));
}

TEST(Accounts, Group)
{
    TempFile f("root:x:0:\n"
               "users:x:100:alice,bob\n"
               "wheel:x:10:bob\n"
               "odd::11\n"
               "nogid:x::alice\n");
    EXPECT_EQ(cli::group_by_name("users", f.path())->id, 100u);
    EXPECT_EQ(cli::group_by_id(0, f.path())->name, "root");
    EXPECT_EQ(cli::group_by_name("odd", f.path())->id, 11u);
    EXPECT_FALSE(cli::group_by_name("nogid", f.path()));
    EXPECT_EQ(cli::groups_with_member("bob", f.path()), (std::vector<uint32_t>{100, 10}));
    EXPECT_EQ(cli::groups_with_member("alice", f.path()), (std::vector<uint32_t>{100}));
    EXPECT_TRUE(cli::groups_with_member("carol", f.path()).empty());
}
