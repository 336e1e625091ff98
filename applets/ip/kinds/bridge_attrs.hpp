// ip link: what the bridge and bridge port kinds share (bridge.cpp,
// bridge_slave.cpp): their options are one attribute each, appended in
// command-line order, and their data is printed field by field.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "applets/ip/kinds/kind.hpp"

namespace nsbox::ip::kinds {

enum class Fmt : uint8_t { u8, u16, u32, u64, i16, i32, hex16, on_off, timer, bridge_id, mac, proto, fast_leave_text };

struct Field {
    uint16_t attr;
    Fmt fmt;
    std::string_view key;  // JSON key
    std::string_view word; // text word
};

void print_fields(Context& c, const net::AttrTable& t, std::span<const Field> fields);

// How an option of "type bridge" or "type bridge_slave" takes its value.
enum class Val : uint8_t {
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

struct KindOpt {
    std::string_view word;
    uint16_t type; // attribute, or the BR_BOOLOPT_* bit for Val::boolopt
    Val val;
    bool exact = false; // iproute2 6.1 takes only the whole word (strcmp)
};


// The words after "type bridge" or "type bridge_slave", appended in
// command-line order as iproute2 does; the bridge's boolean options go
// together in one IFLA_BR_MULTI_BOOLOPT after them.
void parse_bridge(Context& c, cli::Args& a, net::rtnl::Link& req, bool slave, std::span<const KindOpt> opts,
                  std::string_view usage);

} // namespace nsbox::ip::kinds
