// ip netns: list, list-id, add, attach, set, delete, identify, pids, exec,
// monitor (iproute2's ipnetns.c), and ip -all netns exec|delete.

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unistd.h>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "applets/ip/ip.hpp"
#include "applets/ip/usage.hpp"
#include "libnet/netns.hpp"

namespace nsbox::ip {

namespace {

namespace step = net::netns::step;

[[noreturn]] void failed(int code, std::string msg) { cli::fail(code, std::move(msg)); }

// iproute2 words: a command that returns -1 exits 1.
[[noreturn]] void returns_failure(std::string msg) { failed(cli::exit_failure, std::move(msg)); }

// The state iproute2 keeps for one `ip netns` command: whether the kernel
// answers RTM_GETNSID, and the nsid -> name map it fills from /run/netns.
class Nsids {
public:
    explicit Nsids(Context& c) : c_(c) {}

    // iproute2's ipnetns_have_nsid. In 6.1 its probe never runs (it tests
    // have_rtnl_getnsid >= 0 on a flag that starts at -1), so it always
    // answers yes, and a kernel without RTM_GETNSID shows up as refusals.
    bool supported() const { return true; }

    // iproute2's get_netnsid_from_name: the id of /run/netns/NAME, -1 when it
    // has none or cannot be opened. A refusal (a stale entry) is printed as
    // rtnl_talk prints it, and gives -2.
    int32_t id_of(const std::string& name)
    {
        int fd = ::open(net::netns::path_of(name).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return -1;
        int32_t id = -1;
        try {
            id = net::netns::nsid_of(c_.rtnl().socket(), fd).value_or(-1);
        } catch (const net::Error& e) {
            std::fputs(refusal_text(e).c_str(), stderr);
            id = -2;
        }
        ::close(fd);
        return id;
    }

    // iproute2's netns_map_init: the ids of every /run/netns entry.
    void load()
    {
        if (loaded_ || !supported())
            return;
        for (const std::string& n : net::netns::list()) {
            int32_t id = id_of(n);
            if (id >= 0 && !map_.count(id))
                map_.emplace(id, n);
        }
        loaded_ = true;
    }

    // The name remembered for `id` (and forgotten, as print_nsid does).
    std::optional<std::string> take(int32_t id)
    {
        auto it = map_.find(id);
        if (it == map_.end())
            return std::nullopt;
        std::string n = std::move(it->second);
        map_.erase(it);
        return n;
    }
    void remember(int32_t id, const std::string& name) { map_.emplace(id, name); }

    // iproute2's netns_get_name: the first /run/netns entry with this id.
    std::optional<std::string> search(int32_t id)
    {
        if (id < 0 || ::access(std::string(net::netns::run_dir).c_str(), F_OK) != 0)
            return std::nullopt;
        for (const std::string& n : net::netns::list())
            if (int32_t i = id_of(n); i >= 0 && i == id)
                return n;
        return std::nullopt;
    }

private:
    Context& c_;
    bool loaded_ = false;
    std::map<int32_t, std::string> map_;
};

int netns_list(Context& c, Nsids& ids)
{
    // iproute2 prints nothing at all, not even "[]", without /run/netns.
    if (::access(std::string(net::netns::run_dir).c_str(), F_OK) != 0)
        return 0;
    auto doc = c.out.document();
    for (const std::string& n : net::netns::list()) {
        auto o = c.out.object();
        c.out.field("name", "{}", n);
        if (ids.supported()) {
            int32_t id = ids.id_of(n);
            if (id == -2) {
                c.out.flush();
                std::fputs(stale_note(n).c_str(), stderr);
            }
            if (id >= 0)
                c.out.field("id", " (id: {})", id);
        }
        c.out.text("\n");
    }
    return 0;
}

// One RTM_NEWNSID as iproute2's print_nsid prints it.
void print_nsid(Context& c, Nsids& ids, const net::netns::Nsid& n)
{
    auto o = c.out.object();
    if (n.nsid < 0)
        c.out.text("nsid unassigned ");
    else
        c.out.field("nsid", "nsid {} ", n.nsid);
    if (n.current) {
        if (*n.current < 0)
            c.out.text("current-nsid unassigned ");
        else
            c.out.field("current-nsid", "current-nsid {} ", *n.current);
    }
    auto name = ids.take(n.current ? *n.current : n.nsid);
    if (name) {
        c.out.field("name", "(iproute2 netns name: {})", *name);
    } else if ((name = ids.search(n.nsid))) {
        c.out.field("name", "(iproute2 netns name: {})", *name);
        ids.remember(n.nsid, *name);
    }
    c.out.text("\n");
}

int netns_list_id(Context& c, Nsids& ids, cli::Args& a)
{
    if (!ids.supported())
        failed(EOPNOTSUPP, "RTM_GETNSID is not supported by the kernel.\n");
    std::optional<int32_t> target;
    std::optional<int32_t> nsid;
    // iproute2 names the word after the value (argv[1]) when a value is
    // negative, "(null)" when there is none.
    auto after = [&] {
        cli::Args n = a;
        n.next();
        return n.empty() ? std::string("(null)") : std::string(n.peek());
    };
    for (; !a.empty(); a.next()) {
        bool is_target = a.is("target-nsid");
        if (!is_target && !a.is("nsid"))
            failed(cli::exit_usage, std::string(netns_usage));
        std::optional<int32_t>& slot = is_target ? target : nsid;
        std::string_view key = is_target ? "target-nsid" : "nsid";
        if (slot)
            cli::duparg(key, a.peek());
        std::string_view w = a.value();
        auto v = net::parse_integer(w);
        if (!v)
            cli::invarg(fmt::format("\"{}\" value is invalid", key), w);
        if (*v < 0)
            cli::invarg(fmt::format("\"{}\" value should be >= 0", key), after());
        slot = *v;
    }
    auto& sock = c.rtnl().socket();
    if (nsid) {
        net::netns::Nsid n;
        try {
            n = net::netns::lookup_nsid(sock, *nsid, target);
        } catch (const net::Error& e) {
            failed(cli::exit_kernel, refusal_text(e));
        }
        auto doc = c.out.document();
        print_nsid(c, ids, n);
        return 0;
    }
    std::vector<net::netns::Nsid> all;
    try {
        all = net::netns::dump_nsids(sock, target);
    } catch (const net::Error& e) {
        cli::fail(cli::exit_failure, refusal_text(e) + "Dump terminated\n", cli::Stop::batch);
    }
    auto doc = c.out.document();
    for (const auto& n : all)
        print_nsid(c, ids, n);
    return 0;
}

// The errors of netns add and attach, in iproute2's words.
[[noreturn]] void add_failed(const net::Error& e, std::string_view name, std::string_view bind_source)
{
    const char* err = std::strerror(e.code());
    std::string path = net::netns::path_of(name);
    std::string dir(net::netns::run_dir);
    std::string_view s = e.context();
    if (s == step::mkdir)
        returns_failure(fmt::format("mkdir {} failed: {}\n", dir, err));
    if (s == step::lock)
        returns_failure(fmt::format("Cannot open netns runtime directory \"{}\": {}\n", dir, err));
    if (s == step::make_shared)
        returns_failure(fmt::format("mount --make-shared {} failed: {}\n", dir, err));
    if (s == step::bind_run_dir)
        returns_failure(fmt::format("mount --bind {} {} failed: {}\n", dir, dir, err));
    if (s == step::create_file)
        returns_failure(fmt::format("Cannot create namespace file \"{}\": {}\n", path, err));
    // Without /proc (iproute2 leaves the empty file behind; nsbox removes it).
    if (s == step::open_init)
        returns_failure(fmt::format("Cannot open init namespace: {}\n", err));
    if (s == step::unshare_net) {
        std::string msg = fmt::format("Failed to create a new network namespace \"{}\": {}\n", name, err);
        if (!net::netns::supported())
            msg += "Note: this kernel has no network namespaces (CONFIG_NET_NS is off)\n";
        returns_failure(std::move(msg));
    }
    if (s == step::bind_ns)
        returns_failure(fmt::format("Bind {} -> {} failed: {}\n", bind_source, path, err));
    returns_failure(fmt::format("setns back to the original namespace failed: {}\n", err));
}

int netns_add(cli::Args& a)
{
    if (a.empty())
        returns_failure("No netns name specified\n");
    std::string name(a.peek());
    try {
        net::netns::create(name);
    } catch (const net::Error& e) {
        add_failed(e, name, "/proc/self/ns/net");
    }
    return 0;
}

int netns_attach(cli::Args& a)
{
    if (a.left() < 2)
        returns_failure("No netns name and PID specified\n");
    std::string name(a.take());
    std::string_view pid_word = a.peek();
    auto pid = net::parse_integer(pid_word);
    if (!pid || *pid == 0)
        returns_failure(fmt::format("Invalid PID: {}\n", pid_word));
    int unlink_error = 0;
    try {
        net::netns::attach(name, *pid, &unlink_error);
    } catch (const net::Error& e) {
        std::string proc = fmt::format("/proc/{}/ns/net", *pid);
        if (e.context() == step::bind_ns) {
            std::string msg = fmt::format("Bind {} -> {} failed: {}\n", proc, net::netns::path_of(name),
                                          std::strerror(e.code()));
            if (unlink_error)
                msg += fmt::format("Cannot remove namespace file \"{}\": {}\n", net::netns::path_of(name),
                                   std::strerror(unlink_error));
            returns_failure(std::move(msg));
        }
        add_failed(e, name, proc);
    }
    return 0;
}

int netns_set(Context& c, cli::Args& a)
{
    if (a.empty())
        returns_failure("No netns name specified\n");
    if (a.left() < 2)
        returns_failure("No nsid specified\n");
    std::string name(a.take());
    std::string_view w = a.peek();
    int32_t nsid = -1; // "auto": the kernel chooses
    if (w != "auto") {
        auto v = net::parse_integer(w);
        if (!v)
            cli::invarg("Invalid \"netnsid\" value", w);
        if (*v < 0)
            cli::invarg("\"netnsid\" value should be >= 0", w);
        nsid = *v;
    }
    int fd = ::open(net::netns::path_of(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        returns_failure(fmt::format("Cannot open network namespace \"{}\": {}\n", name, std::strerror(errno)));
    try {
        net::netns::set_nsid(c.rtnl().socket(), fd, nsid);
    } catch (const net::Error& e) {
        ::close(fd);
        failed(cli::exit_kernel, refusal_text(e) + stale_note(name));
    }
    ::close(fd);
    return 0;
}

// Removes one /run/netns entry; false (after iproute2's message) on failure.
bool delete_one(const std::string& name)
{
    try {
        net::netns::remove(name);
    } catch (const net::Error& e) {
        std::fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", net::netns::path_of(name).c_str(),
                     std::strerror(e.code()));
        return false;
    }
    return true;
}

int netns_delete(Context& c, cli::Args& a)
{
    if (c.opt.all) {
        // iproute2 stops at the first failure and still exits 0.
        for (const std::string& n : net::netns::list())
            if (!delete_one(n))
                break;
        return 0;
    }
    if (a.empty())
        returns_failure("No netns name specified\n");
    if (!delete_one(std::string(a.peek())))
        failed(cli::exit_failure, "");
    return 0;
}

bool all_digits(std::string_view s)
{
    for (char ch : s)
        if (ch < '0' || ch > '9')
            return false;
    return true;
}

int netns_identify(Context& c, cli::Args& a)
{
    std::string pid = "self";
    if (a.left() > 1)
        returns_failure("extra arguments specified\n");
    if (!a.empty()) {
        pid = std::string(a.peek());
        if (!all_digits(pid))
            returns_failure(fmt::format("Specified string '{}' is not a pid\n", pid));
    }
    std::string path = "/proc/" + pid + "/ns/net";
    struct stat self{};
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        returns_failure(fmt::format("Cannot open network namespace: {}\n", std::strerror(errno)));
    if (::fstat(fd, &self) != 0) {
        int e = errno;
        ::close(fd);
        returns_failure(fmt::format("Stat of netns failed: {}\n", std::strerror(e)));
    }
    ::close(fd);
    std::string found;
    DIR* dir = ::opendir(std::string(net::netns::run_dir).c_str());
    if (!dir) {
        if (errno != ENOENT)
            returns_failure(fmt::format("Failed to open directory {}:{}\n", net::netns::run_dir,
                                        std::strerror(errno)));
    } else {
        // The last entry that is this namespace wins, as in iproute2.
        while (const dirent* e = ::readdir(dir)) {
            std::string_view n = e->d_name;
            if (n == "." || n == "..")
                continue;
            struct stat st{};
            if (::stat(net::netns::path_of(n).c_str(), &st) == 0 && st.st_dev == self.st_dev &&
                st.st_ino == self.st_ino)
                found = n;
        }
        ::closedir(dir);
    }
    // printf, as iproute2: plain text even under -j.
    c.out.flush();
    std::printf("%s\n", found.c_str());
    return 0;
}

int netns_pids(Context& c, cli::Args& a)
{
    c.out.flush();
    if (a.empty())
        returns_failure("No netns name specified\n");
    if (a.left() > 1)
        returns_failure("extra arguments specified\n");
    int fd = ::open(net::netns::path_of(a.peek()).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        returns_failure(fmt::format("Cannot open network namespace: {}\n", std::strerror(errno)));
    struct stat ns{};
    if (::fstat(fd, &ns) != 0) {
        int e = errno;
        ::close(fd);
        returns_failure(fmt::format("Stat of netns failed: {}\n", std::strerror(e)));
    }
    ::close(fd);
    DIR* dir = ::opendir("/proc/");
    if (!dir)
        returns_failure(fmt::format("Open of /proc failed: {}\n", std::strerror(errno)));
    while (const dirent* e = ::readdir(dir)) {
        std::string_view n = e->d_name;
        if (!all_digits(n))
            continue;
        struct stat st{};
        std::string p = "/proc/" + std::string(n) + "/ns/net";
        if (::stat(p.c_str(), &st) == 0 && st.st_dev == ns.st_dev && st.st_ino == ns.st_ino)
            std::printf("%.*s\n", static_cast<int>(n.size()), n.data()); // plain text even under -j
    }
    ::closedir(dir);
    return 0;
}

// iproute2's netns_switch for `netns exec`: enters NAME for good (network
// namespace, a private mount namespace, its /sys, /etc/netns/NAME). Prints
// iproute2's message and returns false when a step fails.
bool switch_to(std::string_view name)
{
    std::vector<net::netns::BindFailure> binds;
    try {
        binds = net::netns::switch_for_exec(name);
    } catch (const net::Error& e) {
        const char* err = std::strerror(e.code());
        std::string_view s = e.context();
        std::string msg;
        if (s == step::open)
            msg = fmt::format("Cannot open network namespace \"{}\": {}\n", name, err);
        else if (s == step::setns)
            msg = fmt::format("setting the network namespace \"{}\" failed: {}\n{}", name, err, stale_note(name));
        else if (s == step::unshare_mnt)
            msg = fmt::format("unshare failed: {}\n", err);
        else if (s == step::make_rslave)
            msg = fmt::format("\"mount --make-rslave /\" failed: {}\n", err);
        else
            msg = fmt::format("mount of /sys failed: {}\n", err);
        std::fputs(msg.c_str(), stderr);
        return false;
    }
    for (const auto& b : binds)
        std::fprintf(stderr, "Bind %s -> %s failed: %s\n", b.source.c_str(), b.target.c_str(),
                     std::strerror(b.error));
    return true;
}

[[noreturn]] void exec_command(std::span<const std::string> cmd)
{
    std::vector<std::string> words(cmd.begin(), cmd.end());
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

// iproute2's cmd_exec with a fork: the child switches to NAME and runs the
// command; the parent returns its exit status, or exits 1 when it did not
// exit (a signal). When the switch fails, the child goes on from here like
// iproute2's does (it returns -1 into the caller's loop); nullopt says so.
std::optional<int> run_in(Context& c, std::string_view name, std::span<const std::string> cmd)
{
    c.out.flush();
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (pid == 0) {
        if (!switch_to(name))
            return std::nullopt;
        exec_command(cmd);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) < 0) {
        std::perror("waitpid");
        std::exit(1);
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    failed(cli::exit_failure, "");
}

int netns_exec(Context& c, cli::Args& a)
{
    if (c.opt.all) {
        if (a.empty())
            returns_failure("No command specified\n");
        std::vector<std::string> cmd(a.rest().begin(), a.rest().end());
        for (const std::string& n : net::netns::list()) {
            std::printf("\nnetns: %s\n", n.c_str()); // printf, as iproute2: plain even under -j
            run_in(c, n, cmd);
        }
        return 0;
    }
    if (a.empty())
        returns_failure("No netns name specified\n");
    if (a.left() < 2)
        returns_failure("No command specified\n");
    std::string name(a.take());
    if (c.opt.batch_mode) {
        // Inside -batch, iproute2 forks and the command's status is the
        // batch line's.
        // When the switch fails, the forked child carries on with the batch
        // as iproute2's does, this line failed.
        auto rc = run_in(c, name, a.rest());
        return rc ? *rc : 255;
    }
    if (!switch_to(name))
        failed(cli::exit_usage, "");
    c.out.flush();
    exec_command(a.rest());
}

int netns_monitor()
{
    int fd = ::inotify_init();
    if (fd < 0)
        returns_failure(fmt::format("inotify_init failed: {}\n", std::strerror(errno)));
    std::string dir(net::netns::run_dir);
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        returns_failure(fmt::format("mkdir {} failed: {}\n", dir, std::strerror(errno)));
    if (::inotify_add_watch(fd, dir.c_str(), IN_CREATE | IN_DELETE) < 0)
        returns_failure(fmt::format("inotify_add_watch failed: {}\n", std::strerror(errno)));
    alignas(inotify_event) char buf[4096];
    for (;;) {
        ssize_t len = ::read(fd, buf, sizeof buf);
        if (len < 0)
            returns_failure(fmt::format("read failed: {}\n", std::strerror(errno)));
        // Through stdio, as iproute2: the same buffering when piped.
        for (ssize_t off = 0; off < len;) {
            inotify_event ev;
            std::memcpy(&ev, buf + off, sizeof ev);
            const char* name = buf + off + sizeof ev;
            if (ev.mask & IN_CREATE)
                std::printf("add %s\n", name);
            if (ev.mask & IN_DELETE)
                std::printf("delete %s\n", name);
            off += static_cast<ssize_t>(sizeof ev + ev.len);
        }
    }
}

} // namespace

std::string name_of_nsid(Context& c, int32_t nsid) { return name_of_nsid(c.rtnl(), nsid); }

std::string name_of_nsid(net::rtnl::Session& s, int32_t nsid)
{
    for (const std::string& n : net::netns::list()) {
        int fd = ::open(net::netns::path_of(n).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        std::optional<int32_t> id;
        try {
            id = s.nsid_of(fd);
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
    Nsids ids(c);
    if (a.empty()) {
        ids.load();
        return netns_list(c, ids);
    }
    // iproute2 checks the word after the command as a name, whatever the
    // command (but not under -all).
    if (!c.opt.all && a.has_next()) {
        cli::Args peek = a;
        peek.next();
        if (!net::netns::valid_name(peek.peek()))
            failed(cli::exit_usage, fmt::format("Invalid netns name \"{}\"\n", peek.peek()));
    }
    // iproute2's order: "s" is show, "d" delete, "e" exec, "a" add.
    if (a.matches("list") || a.matches("show") || a.matches("lst")) {
        ids.load();
        return netns_list(c, ids);
    }
    if (a.matches("list-id")) {
        ids.load();
        a.next();
        return netns_list_id(c, ids, a);
    }
    if (a.matches("help"))
        failed(cli::exit_usage, std::string(netns_usage));
    if (a.matches("add")) {
        a.next();
        return netns_add(a);
    }
    if (a.matches("set")) {
        a.next();
        return netns_set(c, a);
    }
    if (a.matches("delete")) {
        a.next();
        return netns_delete(c, a);
    }
    if (a.matches("identify")) {
        a.next();
        return netns_identify(c, a);
    }
    if (a.matches("pids")) {
        a.next();
        return netns_pids(c, a);
    }
    if (a.matches("exec")) {
        a.next();
        return netns_exec(c, a);
    }
    if (a.matches("monitor"))
        return netns_monitor();
    if (a.matches("attach")) {
        a.next();
        return netns_attach(a);
    }
    failed(cli::exit_usage, fmt::format("Command \"{}\" is unknown, try \"ip netns help\".\n", a.peek()));
}

} // namespace nsbox::ip
