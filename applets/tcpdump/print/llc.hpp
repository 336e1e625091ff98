// IEEE 802.2 LLC and SNAP, behind 802.3 length fields.
#pragma once

#include <array>
#include <cstdint>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

// tcpdump's llc_print(): returns the LLC (and SNAP) header length when it
// decoded the payload, or its negative when the caller should dump the
// payload raw. `src` and `dst` are the frame's MAC addresses, null where
// the link layer has none (Linux cooked captures).
int llc_print(Ctx& c, Bytes p, uint32_t length, uint32_t caplen, const std::array<uint8_t, 6>* src,
              const std::array<uint8_t, 6>* dst);

} // namespace nsbox::tcpdump
