// Payloads tcpdump prints after a TCP header by port: text protocols (see
// text.cpp) and DNS over TCP (dns.cpp).
#pragma once

#include <cstdint>

#include "applets/tcpdump/print/print.hpp"

namespace nsbox::tcpdump {

// Prints the payload when one of the ports is a text protocol or DNS, as tcpdump
// decodes; false (nothing printed) otherwise.
bool tcp_text_print(Ctx& c, uint16_t sport, uint16_t dport, Bytes payload, uint32_t length);
// SIP (UDP port 5060; 4.99.3 does not decode it over TCP): its first line,
// all lines from -v on.
void sip_print(Ctx& c, Bytes p, uint32_t length);

} // namespace nsbox::tcpdump
