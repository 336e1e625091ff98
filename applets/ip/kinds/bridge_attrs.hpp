// ip link: the bridge and bridge port attributes, each described once
// (bridge.cpp, bridge_slave.cpp): its keyword, its IFLA_* type, how the
// command line writes its value, how ip -d prints it, and where it stands
// in iproute2 6.1's parser and usage text. One parser, one printer and one
// usage writer walk those tables.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "applets/ip/kinds/kind.hpp"

namespace nsbox::ip::kinds {

// How the command line writes the value.
enum class In : uint8_t {
    none,     // not an option: only the kernel reports it
    flag,     // no value: an empty attribute
    u8,       // get_u8 (base 0)
    u16,      // get_u16
    u32,      // get_u32
    u64,      // get_u64
    proto,    // ll_proto_a2n, network order
    lladdr,   // ll_addr_a2n
    on_off,   // parse_on_off: 1 or 0 in a u8
    boolopt,  // a bit of IFLA_BR_MULTI_BOOLOPT (get_u8, non-zero sets it)
    dev,      // a device's index (u32)
    zero_u32, // no value: 0 in a u32 (nobackup_port)
};

// How ip -d prints it: "WORD VALUE " in text, "JSON":VALUE in JSON.
enum class Out : uint8_t {
    none,        // not printed
    u8,
    u16,
    u32,
    u64,
    i16,         // a u16 printed signed (%d)
    i32,         // a u32 printed signed
    hex16,       // "0x4000", "0" for 0; a string in JSON
    on_off,      // "on"/"off"; true/false in JSON
    on_off_text, // "on"/"off" in text only
    timer,       // hundredths of a second: "%4i.%.2i"; a bare number in JSON
    bridge_id,   // br_dump_bridge_id
    mac,         // ll_addr_n2a
    proto,       // ll_proto_n2a
    boolopt,     // its bit of IFLA_BR_MULTI_BOOLOPT when in the mask: 0 or 1
    root_id,     // iproute2 6.1 prints IFLA_BR_BRIDGE_ID here (sic)
    port_state,  // "disabled" ... "blocking", else "(N)" as state_index
    fwd_mask,    // as hex16, then group_fwd_mask_str (stp, lacp, lldp, 0x..)
    dev,         // a device name
};

// AttrDesc::flags
inline constexpr uint8_t exact = 1;       // iproute2 takes only the whole word (strcmp)
inline constexpr uint8_t old_invalid = 2; // a bad value is "KEY is invalid", not "invalid KEY"
inline constexpr uint8_t same_line = 4;   // on the usage line of the one before

// AttrDesc::parse_at and usage_at for what is no option.
inline constexpr uint8_t no = 0xff;

// (Plain C strings keep a row at 32 bytes.)
struct AttrDesc {
    const char* word; // the keyword, and the word ip -d prints
    const char* json; // the JSON key, when it is not `word` ("")
    const char* meta; // the value in the usage text ("": none)
    uint16_t type;    // IFLA_*, or the BR_BOOLOPT_* bit for In::boolopt
    In in;
    Out out;          // rows are in the order ip -d prints them
    uint8_t parse_at; // rank in iproute2's parser: the first a prefix matches wins
    uint8_t usage_at; // rank in the usage text
    uint8_t flags;

    constexpr std::string_view key() const { return *json ? json : word; }
};

// A kind whose options and data are such attributes.
struct AttrKind {
    std::string_view name;      // "bridge"
    std::span<const AttrDesc> attrs;
    std::string_view unknown;   // "command" or "option", after "KIND: unknown "
    std::string_view indent;    // before each further usage line
    std::string_view usage_end; // after the options in the usage text
};

// Whether the ranks `rank` of the rows that are options are 0, 1, ... each
// once, and the rows that are no option have none (checked at compile
// time for each table).
constexpr bool ranks_ok(std::span<const AttrDesc> t, uint8_t AttrDesc::*rank)
{
    size_t options = 0;
    for (const AttrDesc& d : t) {
        if ((d.in == In::none) != (d.*rank == no))
            return false;
        options += d.in != In::none;
    }
    for (size_t r = 0; r < options; ++r) {
        size_t n = 0;
        for (const AttrDesc& d : t)
            n += d.*rank == r;
        if (n != 1)
            return false;
    }
    return true;
}

// The words after "type KIND", one attribute each in command-line order as
// iproute2 appends them; the In::boolopt options go together in one
// IFLA_BR_MULTI_BOOLOPT after them.
void parse_attrs(Context& c, cli::Args& a, const AttrKind& k, std::optional<std::vector<net::rtnl::KindAttr>>& to);
// The data under ip -d, in table order.
void print_attrs(Context& c, LinkCache& names, const net::AttrTable& t, const AttrKind& k);
// "ip link help KIND".
std::string attrs_usage(const AttrKind& k);

} // namespace nsbox::ip::kinds
