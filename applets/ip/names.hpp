// The names iproute2 gives route tables, protocols, scopes, DS fields and
// realms (its lib/rt_names.c): built-in names, completed and overridden by
// CONFDIR/rt_tables (+ rt_tables.d/*.conf), rt_protos (+ rt_protos.d),
// rt_scopes, rt_dsfield and rt_realms when those files exist. With no /etc
// at all (a scratch container) the built-ins alone answer.
//
// Files are read lazily and at the moments iproute2 reads them, so the
// answers match it even where that is surprising: a protocol number with a
// built-in name is printed without reading rt_protos, but once the file was
// read its entries win.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox::ip {

class RtNames {
public:
    // `confdir` is iproute2's CONFDIR (Debian: /etc/iproute2). A corrupt
    // line is reported on `err` as iproute2 does ("Database FILE is
    // corrupted at LINE") and ends the reading of that file.
    explicit RtNames(std::string confdir = "/etc/iproute2", std::FILE* err = stderr);
    // -N: every *_n2a answers with the number (a DS field in hex), as
    // iproute2's do under its `numeric`; names are still read as input.
    void numeric(bool on) { numeric_ = on; }

    // rtnl_rttable_n2a / rtnl_rttable_a2n (a number up to 2^32-1).
    std::string table(uint32_t id);
    std::optional<uint32_t> table_id(std::string_view name);
    // rtnl_rtprot_n2a / _a2n (0..255).
    std::string protocol(unsigned id);
    std::optional<uint32_t> protocol_id(std::string_view name);
    // rtnl_rtscope_n2a / _a2n.
    std::string scope(unsigned id);
    std::optional<uint32_t> scope_id(std::string_view name);
    // rtnl_dsfield_n2a ("AF11", else 0x%02x) / _a2n (a name or hex).
    std::string dsfield(unsigned id);
    std::optional<uint32_t> dsfield_id(std::string_view name);
    // rtnl_rtrealm_n2a / _a2n.
    std::string realm(unsigned id);
    std::optional<uint32_t> realm_id(std::string_view name);
    // get_rt_realms_or_raw: "FROM/TO", "TO", or a raw 32-bit number.
    std::optional<uint32_t> realms(std::string_view arg);

private:
    // A 256-entry id -> name table and whether its file was read.
    struct Tab {
        std::array<std::optional<std::string>, 256> names;
        bool loaded = false;
    };
    void load_tab(Tab& t, std::string_view file, bool with_dir = false);
    std::optional<uint32_t> tab_a2n(Tab& t, std::string_view file, std::string_view name, bool with_dir = false);
    std::string tab_n2a(Tab& t, std::string_view file, unsigned id, bool with_dir = false);
    void load_tables();
    // The id/name lines of `path` (iproute2's fread_id_name), up to the
    // first corrupt one.
    std::vector<std::pair<int, std::string>> read_file(const std::string& path);
    // `path` and, with `with_dir`, path.d/*.conf in directory order.
    std::vector<std::string> files(std::string_view file, bool with_dir) const;

    std::string confdir_;
    Tab protos_, scopes_, realms_, dsfields_;
    // rt_tables: entries in the order added (the built-ins first); the
    // latest with an id names it, and a name resolves to the entry found
    // first walking ids' low bytes 0..255, newest first within one.
    struct TableEntry {
        uint32_t id;
        std::string name;
    };
    std::vector<TableEntry> tables_;
    bool tables_loaded_ = false;
    std::FILE* err_;
    bool numeric_ = false;
};

// IP protocols by name and number as getprotobyname / getprotobynumber
// find them, in a way a static binary can: /etc/protocols read directly
// (names and aliases; the official name is returned). Without the file,
// a name is still looked up among the few protocols every system has (as
// `ip route get ... ipproto` always did), but a number has no name, so
// that printing matches iproute2's "ipproto-N" there.
std::optional<unsigned> ip_protocol_id(std::string_view name);
std::optional<std::string> ip_protocol_name(unsigned num);

} // namespace nsbox::ip
