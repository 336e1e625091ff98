// ip netns: add, delete, list, exec (iproute2's ipnetns.c).

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

namespace {

namespace step = net::netns::step;

[[noreturn]] void failed(int code, std::string msg) { cli::fail(code, std::move(msg)); }

int netns_list(Context& c)
{
    auto names = net::netns::list();
    // iproute2 prints nothing at all, not even "[]", without /run/netns.
    if (names.empty() && access(std::string(net::netns::run_dir).c_str(), F_OK) != 0)
        return 0;
    auto doc = c.out.document();
    for (const std::string& n : names) {
        auto o = c.out.object();
        c.out.field("name", "{}", n);
        int fd = ::open(net::netns::path_of(n).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            std::optional<int32_t> id;
            try {
                id = c.rtnl().nsid_of(fd);
            } catch (const net::Error&) {
                // not a namespace (a stale file): no id, as iproute2
            }
            ::close(fd);
            if (id)
                c.out.field("id", " (id: {})", static_cast<uint32_t>(*id));
        }
        c.out.text("\n");
    }
    return 0;
}

int netns_add(cli::Args& a)
{
    if (a.empty())
        failed(cli::exit_failure, "No netns name specified\n");
    std::string name(a.peek());
    try {
        net::netns::create(name);
    } catch (const net::Error& e) {
        const char* err = std::strerror(e.code());
        std::string path = net::netns::path_of(name);
        std::string dir(net::netns::run_dir);
        std::string_view s = e.context();
        if (s == step::mkdir)
            failed(cli::exit_failure, fmt::format("mkdir {} failed: {}\n", dir, err));
        if (s == step::make_shared)
            failed(cli::exit_failure, fmt::format("mount --make-shared {} failed: {}\n", dir, err));
        if (s == step::bind_run_dir)
            failed(cli::exit_failure, fmt::format("mount --bind {} {} failed: {}\n", dir, dir, err));
        if (s == step::create_file)
            failed(cli::exit_failure, fmt::format("Cannot create namespace file \"{}\": {}\n", path, err));
        if (s == step::unshare_net)
            failed(cli::exit_failure,
                   fmt::format("Failed to create a new network namespace \"{}\": {}\n", name, err));
        if (s == step::bind_ns)
            failed(cli::exit_failure, fmt::format("Bind /proc/self/ns/net -> {} failed: {}\n", path, err));
        failed(cli::exit_failure, fmt::format("setns back to the original namespace failed: {}\n", err));
    }
    return 0;
}

int netns_delete(cli::Args& a)
{
    if (a.empty())
        failed(cli::exit_failure, "No netns name specified\n");
    std::string name(a.peek());
    try {
        net::netns::remove(name);
    } catch (const net::Error& e) {
        failed(cli::exit_failure, fmt::format("Cannot remove namespace file \"{}\": {}\n",
                                              net::netns::path_of(name), std::strerror(e.code())));
    }
    return 0;
}

[[noreturn]] int netns_exec(Context& c, cli::Args& a)
{
    if (a.empty())
        failed(cli::exit_failure, "No netns name specified\n");
    if (a.left() < 2)
        failed(cli::exit_failure, "No command specified\n");
    std::string name(a.take());
    std::vector<net::netns::BindFailure> binds;
    try {
        binds = net::netns::switch_for_exec(name);
    } catch (const net::Error& e) {
        const char* err = std::strerror(e.code());
        std::string_view s = e.context();
        if (s == step::open)
            failed(cli::exit_usage, fmt::format("Cannot open network namespace \"{}\": {}\n", name, err));
        if (s == step::setns)
            failed(cli::exit_usage, fmt::format("setting the network namespace \"{}\" failed: {}\n", name, err));
        if (s == step::unshare_mnt)
            failed(cli::exit_usage, fmt::format("unshare failed: {}\n", err));
        if (s == step::make_rslave)
            failed(cli::exit_usage, fmt::format("\"mount --make-rslave /\" failed: {}\n", err));
        failed(cli::exit_usage, fmt::format("mount of /sys failed: {}\n", err));
    }
    for (const auto& b : binds)
        std::fprintf(stderr, "Bind %s -> %s failed: %s\n", b.source.c_str(), b.target.c_str(),
                     std::strerror(b.error));
    c.out.flush();
    std::vector<std::string> words(a.rest().begin(), a.rest().end());
    std::vector<char*> argv;
    for (auto& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    int e = errno;
    std::fprintf(stderr, "exec of \"%s\" failed: %s\n", argv[0], std::strerror(e));
    std::fflush(stderr);
    _exit(1);
}

} // namespace

std::string name_of_nsid(Context& c, int32_t nsid)
{
    for (const std::string& n : net::netns::list()) {
        int fd = ::open(net::netns::path_of(n).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        std::optional<int32_t> id;
        try {
            id = c.rtnl().nsid_of(fd);
        } catch (const net::Error&) {
        }
        ::close(fd);
        if (id && *id == nsid)
            return n;
    }
    return {};
}

int do_netns(Context& c, cli::Args& a)
{
    if (a.empty())
        return netns_list(c);
    // iproute2 checks the word after the command as a name, whatever the
    // command.
    if (a.has_next()) {
        cli::Args peek = a;
        peek.next();
        if (!net::netns::valid_name(peek.peek()))
            failed(cli::exit_usage, fmt::format("Invalid netns name \"{}\"\n", peek.peek()));
    }
    // iproute2's order: "s" is show, "d" delete, "e" exec.
    if (a.matches("list") || a.matches("show") || a.matches("lst"))
        return netns_list(c);
    std::string_view cmd = a.peek();
    auto unsupported = [&] {
        failed(cli::exit_usage, fmt::format("nsbox ip: netns {} is not supported yet\n", cmd));
    };
    if (a.matches("list-id"))
        unsupported();
    if (a.matches("help"))
        failed(cli::exit_usage, std::string(netns_usage));
    if (a.matches("add")) {
        a.next();
        return netns_add(a);
    }
    if (a.matches("set"))
        unsupported();
    if (a.matches("delete")) {
        a.next();
        return netns_delete(a);
    }
    if (a.matches("identify") || a.matches("pids"))
        unsupported();
    if (a.matches("exec")) {
        a.next();
        netns_exec(c, a);
    }
    if (a.matches("monitor") || a.matches("attach"))
        unsupported();
    failed(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip netns help\".\n", a.peek()));
}

} // namespace nsbox::ip
