// Payloads tcpdump prints after a TCP header by port: text protocols (see
// text.cpp) and DNS over TCP (dns.cpp).
#pragma once

#include <cstdint>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

// Prints the payload when one of the ports is a text protocol or DNS, as tcpdump
// decodes; false (nothing printed) otherwise.
bool tcp_text_print(Ctx& c, uint16_t sport, uint16_t dport, Bytes payload, uint32_t length);

} // namespace nsbox::tcpdump
