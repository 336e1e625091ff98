// sysctl: procps' key spelling rules (slashdot), setting lines, the
// getopt_long command line, and reading/writing keys below a fake
// /proc/sys made of plain files.

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "applets/sysctl/sysctl.hpp"

namespace sc = nsbox::sysctl;
namespace fs = std::filesystem;

TEST(SysctlKeys, Slashdot)
{
    std::string k = "net.ipv4.ip_forward";
    EXPECT_FALSE(sc::slashdot(k, '.', '/'));
    EXPECT_EQ(k, "net/ipv4/ip_forward");
    // Already in the wanted form: untouched.
    k = "net/ipv4/conf/lo.forwarding";
    sc::slashdot(k, '.', '/');
    EXPECT_EQ(k, "net/ipv4/conf/lo.forwarding");
    // Otherwise every separator swaps: a dot inside an interface name
    // is written as a slash.
    k = "net.ipv4.conf.eth0/100.rp_filter";
    sc::slashdot(k, '.', '/');
    EXPECT_EQ(k, "net/ipv4/conf/eth0.100/rp_filter");
    k = "net/ipv4/conf/eth0.100/rp_filter";
    sc::slashdot(k, '/', '.');
    EXPECT_EQ(k, "net.ipv4.conf.eth0/100.rp_filter");
    k = "nosep";
    EXPECT_FALSE(sc::slashdot(k, '.', '/'));
    EXPECT_EQ(k, "nosep");
}

TEST(SysctlKeys, DoubledSeparatorWarnsOnce)
{
    std::string k = "net..ipv4..ip_forward";
    auto w = sc::slashdot(k, '.', '/');
    ASSERT_TRUE(w);
    EXPECT_EQ(*w, "separators should not be repeated: ..ipv4..ip_forward");
    EXPECT_EQ(k, "net//ipv4//ip_forward");
}

TEST(SysctlKeys, SettingLines)
{
    std::optional<std::string> none;
    bool syntax = false;
    auto s = sc::parse_setting_line("  net.ipv4.ip_forward =  1 \n", none, "/proc/sys/", &syntax);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->key, "net.ipv4.ip_forward");
    EXPECT_EQ(s->path, "/proc/sys/net/ipv4/ip_forward");
    EXPECT_EQ(s->value, "1");
    EXPECT_FALSE(s->ignore_failure);

    auto values = sc::parse_setting_line("net.ipv4.ip_local_port_range = 1025   60000", none, "/proc/sys/", &syntax);
    EXPECT_EQ(values->value, "1025   60000");

    auto ignore = sc::parse_setting_line("-net.ipv4.ip_forward=1", none, "/proc/sys/", &syntax);
    EXPECT_TRUE(ignore->ignore_failure);
    EXPECT_EQ(ignore->key, "net.ipv4.ip_forward");

    auto exclude = sc::parse_setting_line("-net.ipv4.conf.lo.forwarding", none, "/proc/sys/", &syntax);
    ASSERT_TRUE(exclude);
    EXPECT_TRUE(exclude->glob_exclude);
    EXPECT_FALSE(exclude->value);
    EXPECT_EQ(exclude->path, "/proc/sys/net/ipv4/conf/lo/forwarding");

    for (const char* skip : {"# net.ipv4.ip_forward=1", "; x=1", "a", "", "  \n"}) {
        EXPECT_FALSE(sc::parse_setting_line(skip, none, "/proc/sys/", &syntax)) << skip;
        EXPECT_FALSE(syntax) << skip;
    }
    EXPECT_FALSE(sc::parse_setting_line("bogus line", none, "/proc/sys/", &syntax));
    EXPECT_TRUE(syntax);

    // A pattern selects on the whole line.
    std::optional<std::string> ttl = "ttl";
    EXPECT_FALSE(sc::parse_setting_line("net.ipv4.ip_forward=1", ttl, "/proc/sys/", &syntax));
    EXPECT_TRUE(sc::parse_setting_line("net.ipv4.ip_default_ttl=64", ttl, "/proc/sys/", &syntax));

    auto doubled = sc::parse_setting_line("net..ipv4.ip_forward=1", none, "/proc/sys/", &syntax);
    EXPECT_EQ(doubled->path, "/proc/sys/net//ipv4/ip_forward");
    EXPECT_EQ(doubled->warning, "separators should not be repeated: ..ipv4.ip_forward");
}

namespace {

sc::CommandLine parse(std::vector<std::string> args)
{
    args.insert(args.begin(), "sysctl");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return sc::parse_command_line(int(args.size()), argv.data());
}

} // namespace

TEST(SysctlOptions, GetoptLong)
{
    auto cl = parse({"-nq", "net.ipv4.ip_forward", "-e"});
    EXPECT_FALSE(cl.options.print_name);
    EXPECT_TRUE(cl.options.quiet);
    EXPECT_TRUE(cl.options.ignore_errors);
    EXPECT_EQ(cl.operands, std::vector<std::string>{"net.ipv4.ip_forward"});

    EXPECT_FALSE(parse({"--val", "k"}).options.print_name); // an unambiguous prefix
    EXPECT_EQ(parse({"--", "-k"}).operands, std::vector<std::string>{"-k"});
    EXPECT_EQ(parse({"-r", "--foo"}).options.pattern, "--foo"); // a required argument takes the next word
    EXPECT_EQ(parse({"--pattern=x"}).options.pattern, "x");
}

TEST(SysctlOptions, OptionalLoadArgument)
{
    auto bare = parse({"-p", "file"});
    EXPECT_TRUE(bare.options.load);
    EXPECT_FALSE(bare.options.load_file);
    EXPECT_EQ(bare.operands, std::vector<std::string>{"file"});
    EXPECT_EQ(parse({"-pfile"}).options.load_file, "file");
    EXPECT_EQ(parse({"--load=file"}).options.load_file, "file");
    EXPECT_FALSE(parse({"--load", "file"}).options.load_file);
    EXPECT_EQ(parse({"-qffile"}).options.load_file, "file");
}

TEST(SysctlOptions, Errors)
{
    EXPECT_EQ(parse({"-z"}).error, "invalid option -- 'z'");
    EXPECT_EQ(parse({"-r"}).error, "option requires an argument -- 'r'");
    EXPECT_EQ(parse({"--pattern"}).error, "option '--pattern' requires an argument");
    EXPECT_EQ(parse({"--all=1"}).error, "option '--all' doesn't allow an argument");
    EXPECT_EQ(parse({"--foo=bar"}).error, "unrecognized option '--foo=bar'");
    EXPECT_EQ(parse({"--d"}).error, "option '--d' is ambiguous; possibilities: '--deprecated' '--dry-run'");
    EXPECT_EQ(parse({"--v"}).error, "option '--v' is ambiguous; possibilities: '--values' '--version'");
    // The options before the bad word are acted on, as in getopt's loop.
    EXPECT_EQ(parse({"-h", "-z"}).stop, sc::Stop::usage);
    EXPECT_EQ(parse({"-e", "--al=1", "-V"}).error, "option '--all' doesn't allow an argument");
    EXPECT_TRUE(parse({"-e", "--al=1", "-V"}).options.ignore_errors);
    // Options before the bad one still apply.
    auto cl = parse({"-a", "-z", "-n"});
    EXPECT_TRUE(cl.options.display_all);
    EXPECT_TRUE(cl.options.print_name);
}

TEST(SysctlOptions, StopOptions)
{
    EXPECT_EQ(parse({"-V", "-z"}).stop, sc::Stop::version);
    EXPECT_EQ(parse({"-d"}).stop, sc::Stop::usage);
    EXPECT_EQ(parse({"--h"}).stop, sc::Stop::usage);
    auto sys = parse({"-q", "--system", "-n"});
    EXPECT_EQ(sys.stop, sc::Stop::system);
    EXPECT_TRUE(sys.options.quiet);
    EXPECT_TRUE(sys.options.print_name); // -n came after --system
}

namespace {

// A fake /proc/sys of plain files.
class FakeProc : public ::testing::Test {
protected:
    void SetUp() override
    {
        char buf[PATH_MAX];
        std::string base = ::testing::TempDir() + "nsbox_sysctl_" + std::to_string(getpid());
        fs::remove_all(base);
        fs::create_directories(base + "/net/ipv4/conf/lo");
        root_ = std::string(realpath(base.c_str(), buf)) + "/";
        put("net/ipv4/ip_forward", "0\n");
        put("net/ipv4/ip_local_port_range", "32768\t60999\n");
        put("net/ipv4/conf/lo/forwarding", "1\n");
        put("net/ipv4/multi", "a\nb\n");
        put("net/ipv4/route_flush", "");
        chmod((root_ + "net/ipv4/route_flush").c_str(), 0200);
    }
    void TearDown() override { fs::remove_all(root_); }
    void put(const std::string& rel, const std::string& text) { std::ofstream(root_ + rel) << text; }
    std::string get(const std::string& rel)
    {
        std::ifstream in(root_ + rel);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // Runs f with stdout and stderr captured.
    template <class F>
    int capture(F f, std::string& out, std::string& err)
    {
        ::testing::internal::CaptureStdout();
        ::testing::internal::CaptureStderr();
        int rc = f();
        std::fflush(stdout);
        out = ::testing::internal::GetCapturedStdout();
        err = ::testing::internal::GetCapturedStderr();
        return rc;
    }
    std::string root_;
};

} // namespace

TEST_F(FakeProc, ReadsKeys)
{
    sc::Options o;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    EXPECT_EQ(capture([&] { return s.read_setting("net.ipv4.ip_forward"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.ip_forward = 0\n");
    EXPECT_EQ(capture([&] { return s.read_setting("net/ipv4/ip_local_port_range"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.ip_local_port_range = 32768\t60999\n");
    // Each line of a multi-line value is named.
    capture([&] { return s.read_setting("net.ipv4.multi"); }, out, err);
    EXPECT_EQ(out, "net.ipv4.multi = a\nnet.ipv4.multi = b\n");
    // Write-only keys are skipped without a word.
    EXPECT_EQ(capture([&] { return s.read_setting("net.ipv4.route_flush"); }, out, err), 0);
    EXPECT_EQ(out, "");
    EXPECT_EQ(capture([&] { return s.read_setting("x.y"); }, out, err), 1);
    EXPECT_EQ(err, "sysctl: cannot stat " + root_ + "x/y: No such file or directory\n");
    EXPECT_EQ(capture([&] { return s.read_setting(""); }, out, err), -1);
    EXPECT_EQ(err, "sysctl: \"\" is an unknown key\n");
}

TEST_F(FakeProc, ValuesOnlyAndBinary)
{
    sc::Options o;
    o.print_name = false;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    capture([&] { return s.read_setting("net.ipv4.multi"); }, out, err);
    EXPECT_EQ(out, "a\nb\n");
    o.print_newline = false;
    capture([&] { return s.read_setting("net.ipv4.multi"); }, out, err);
    EXPECT_EQ(out, "ab");
}

TEST_F(FakeProc, DirectoriesList)
{
    sc::Options o;
    o.names_only = true;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    EXPECT_EQ(capture([&] { return s.read_setting("net.ipv4.conf"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.conf.lo.forwarding\n");
}

TEST_F(FakeProc, WritesKeys)
{
    sc::Options o;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    EXPECT_EQ(capture([&] { return s.write_argument("net.ipv4.ip_forward=1"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.ip_forward = 1\n");
    EXPECT_EQ(get("net/ipv4/ip_forward"), "1\n");

    EXPECT_EQ(capture([&] { return s.write_argument("net/ipv4/ip_forward = 0"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.ip_forward = 0\n");

    EXPECT_EQ(capture([&] { return s.write_argument("x.y=1"); }, out, err), 1);
    EXPECT_EQ(err, "sysctl: cannot stat " + root_ + "x/y: No such file or directory\n");

    EXPECT_EQ(capture([&] { return s.write_argument("net.ipv4.ip_forward"); }, out, err), 1);
    EXPECT_EQ(err, "sysctl: command line(0): invalid syntax, continuing...\n");

    // A directory is not writable: procps 4.0.2 says "Invalid argument" and
    // carries on with status 0.
    EXPECT_EQ(capture([&] { return s.write_argument("net.ipv4.conf=1"); }, out, err), 0);
    EXPECT_EQ(err, "sysctl: setting key \"net.ipv4.conf\": Invalid argument\n");
}

TEST_F(FakeProc, DryRunAndQuiet)
{
    sc::Options o;
    o.dry_run = true;
    o.quiet = true;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    EXPECT_EQ(capture([&] { return s.write_argument("net.ipv4.ip_forward=1"); }, out, err), 0);
    EXPECT_EQ(out, "net.ipv4.ip_forward = 1\n"); // a dry run always shows
    EXPECT_EQ(get("net/ipv4/ip_forward"), "0\n");
}

TEST_F(FakeProc, PreloadWithGlobsAndExclusions)
{
    fs::create_directories(root_ + "net/ipv4/conf/all");
    put("net/ipv4/conf/all/forwarding", "0\n");
    std::string conf = root_ + "../nsbox_sysctl_test.conf";
    std::ofstream(conf) << "# comment\n"
                           "net.ipv4.conf.*.forwarding = 7\n"
                           "-net.ipv4.conf.lo.forwarding\n"
                           "bogus\n"
                           "net.ipv4.ip_forward=1\n";
    sc::Options o;
    sc::Sysctl s(o, "sysctl", root_);
    std::string out, err;
    EXPECT_EQ(capture([&] { return s.preload({conf}); }, out, err), 0);
    EXPECT_EQ(err, "sysctl: " + conf + "(4): invalid syntax, continuing...\n");
    EXPECT_EQ(out, "net.ipv4.conf.all.forwarding = 7\nnet.ipv4.ip_forward = 1\n");
    EXPECT_EQ(get("net/ipv4/conf/all/forwarding"), "7\n");
    EXPECT_EQ(get("net/ipv4/conf/lo/forwarding"), "1\n");
    std::remove(conf.c_str());

    EXPECT_EQ(capture([&] { return s.preload({"/nonexistent/x.conf"}); }, out, err), 1);
    EXPECT_EQ(err, "sysctl: cannot open \"/nonexistent/x.conf\": No such file or directory\n");
}
