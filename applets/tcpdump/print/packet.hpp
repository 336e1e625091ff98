// One packet in, one line (or a few, with -v/-x) out: the timestamp, the
// link-layer printer for the capture's link type, and the raw dumps.
#pragma once

#include <cstdint>
#include <string>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

using IfPrinter = uint32_t (*)(Ctx&, const PacketHeader&, Bytes);

// The printer for a DLT_* link type, or nullptr when tcpdump's would not be
// one we carry.
IfPrinter find_if_printer(int linktype);

class PacketPrinter {
public:
    PacketPrinter(const PrintOptions& opt, Names& names, int linktype);

    // Appends the packet's text and its final newline to `out`.
    // `number` is the packet's 1-based index (for -#).
    void print(const PacketHeader& h, Bytes data, uint32_t number, std::string& out);

    // The next packets are of another link type (tcpdump -V reading a file
    // of another type); what the printer remembers (-ttt's previous time,
    // TCP sequence numbers) stays.
    void set_linktype(int linktype);

private:
    void print_timestamp(Ctx& c, const PacketHeader& h);

    const PrintOptions& opt_;
    Names& names_;
    IfPrinter if_printer_;
    PrintState state_;
    // -ttt/-ttttt: the previous (or first) packet's time.
    int64_t ref_sec_ = 0;
    uint32_t ref_frac_ = 0;
};

} // namespace nsbox::tcpdump
