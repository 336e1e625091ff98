// sysctl: read and write /proc/sys the way procps-ng 4.0.2's sysctl does,
// messages, output buffering and exit codes included.
//
// main.cpp holds the option table and its getopt_long-style parser;
// sysctl.cpp reads, writes and lists keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox::sysctl {

struct Options {
    bool print_name = true;        // off with -n, -b
    bool print_newline = true;     // off with -b
    bool ignore_errors = false;    // -e
    bool names_only = false;       // -N
    bool write_mode = false;       // -w
    bool quiet = false;            // -q
    bool display_all = false;      // -a, -A, -X
    bool ignore_deprecated = true; // off with --deprecated
    bool dry_run = false;          // --dry-run
    bool load = false;             // -p, -f, --load
    std::optional<std::string> load_file;
    std::optional<std::string> pattern; // -r: extended regex on names
};

// The command line as getopt_long reads it with procps' option table:
// options applied in order up to the first that ends the loop (`stop`:
// --version, --help, --system) or getopt's first complaint (`error`, its
// message without the program name).
enum class Stop { none, version, usage, system };
struct CommandLine {
    Options options;
    std::vector<std::string> operands;
    Stop stop = Stop::none;
    std::optional<std::string> error;
};
CommandLine parse_command_line(int argc, char** argv);

// procps' slashdot(): turns the separators of a key from `from` to `to`
// ('.' to '/' for a path, '/' to '.' for display). When the first separator
// already is `to`, nothing changes; otherwise every '.' and '/' swap (so
// "conf/eth0.100" and "conf.eth0/100" name the same file). Returns the
// warning procps prints for a doubled separator, if any.
std::optional<std::string> slashdot(std::string& key, char from, char to);

// One "key = value" line of a sysctl.conf or the command line, parsed as
// procps' parse_setting_line does.
struct Setting {
    std::string key;                  // as written (a leading '-' removed)
    std::string path;                 // /proc/sys/... with '/' separators
    std::optional<std::string> value; // none for a "-key" exclusion line
    bool ignore_failure = false;      // "-key = value"
    bool glob_exclude = false;        // "-key"
    std::optional<std::string> warning; // a doubled separator in the key
};

// Parses `line`; nullopt for blank, comment and (with a pattern) unselected
// lines and for a line without '=' that is not an exclusion. `syntax_error`
// is set for that last case ("invalid syntax, continuing...").
std::optional<Setting> parse_setting_line(std::string_view line, const std::optional<std::string>& pattern,
                                          const std::string& proc_root, bool* syntax_error);

// Whether `name` matches the POSIX extended regular expression `pattern`.
bool pattern_match(const std::string& name, const std::string& pattern);

class Sysctl {
public:
    // proc_root ends in '/': "/proc/sys/" unless a test says otherwise.
    Sysctl(const Options& o, std::string prog, std::string proc_root = "/proc/sys/")
        : o_(o), prog_(std::move(prog)), root_(std::move(proc_root))
    {
    }

    // Prints one key (or every key below a directory). procps adds these
    // results: 0 ok, 1 failed, -1 for an empty name or a path outside /proc/sys.
    int read_setting(const std::string& name);
    // Writes `value` (procps ORs these: 0 or 1).
    int write_setting(const std::string& key, const std::string& path, const std::string& value,
                      bool ignore_failure);
    // Every key below `path` (which ends in '/').
    int display_all(const std::string& path);
    // -p FILE...: read settings from files (glob patterns allowed; "-" is
    // stdin), then write them, expanding globs in keys.
    int preload(const std::vector<std::string>& files);
    // A command-line "key=value" (or any argument with -w).
    int write_argument(const std::string& arg);

    const std::string& root() const { return root_; }

private:
    void warnx(const std::string& msg) const;
    void warn(const std::string& msg, int errnum) const;
    bool is_proc_path(const std::string& path) const;
    int load_file(const std::string& file, std::vector<Setting>& list);

    const Options& o_;
    std::string prog_;
    std::string root_;
};

} // namespace nsbox::sysctl
