// The OID names tcpdump 4.99.3 prints without -n when it is built without
// libsmi (as Debian's is): a fixed tree of 362 nodes, the MIB-II groups of
// RFC 1213 and a few branches beside them.
#pragma once

#include <cstdint>

namespace nsbox::tcpdump::mib {

// A node of the tree, or none.
using Node = int;
constexpr Node none = -1;
constexpr Node root = -2; // the list the first sub-identifier is looked up in

// The child of `parent` with sub-identifier `oid`, or none (also for
// parent none).
Node child(Node parent, uint32_t oid);
const char* name(Node n);

// The abbreviated prefixes: .iso.org.dod.internet.mgmt.mib (""),
// .private.enterprises ("E:"), .experimental ("X:") and
// .snmpV2.snmpModules ("S:"), with their BER bytes.
struct Abbrev {
    const char* prefix;
    Node node;
    uint8_t len;
    uint8_t ber[5];
};
extern const Abbrev abbrevs[4];

} // namespace nsbox::tcpdump::mib
