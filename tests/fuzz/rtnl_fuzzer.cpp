// libFuzzer target for the netlink framing, the attribute parser and the
// typed rtnetlink decoders: any bytes as a dump, split into messages, each
// decoded by its type (link, address, route, neighbour, rule, nsid) and every
// attribute walked as a nest, two levels deep. Malformed is the only
// exception allowed; the sanitizers catch reads past a message or attribute.
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_rtnl_fuzzer && build-fuzz/fuzz_rtnl_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>

#include <linux/rtnetlink.h>

#include "libnet/netlink.hpp"
#include "libnet/netns.hpp"
#include "libnet/rtnl/addr.hpp"
#include "libnet/rtnl/link.hpp"
#include "libnet/rtnl/neigh.hpp"
#include "libnet/rtnl/route.hpp"
#include "libnet/rtnl/rule.hpp"

namespace {

using namespace nsbox::net;

// Walks every attribute as if it were a nest, `depth` levels down.
size_t walk(Attrs attrs, int depth)
{
    size_t n = 0;
    for (Attr a : attrs) {
        n += a.str().size() + a.payload().size();
        if (depth > 0) {
            try {
                n += walk(a.nested(), depth - 1);
            } catch (const Malformed&) {
            }
        }
    }
    return n;
}

void decode(const Msg& m)
{
    switch (m.type()) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
        (void)rtnl::decode_link(m);
        break;
    case RTM_NEWADDR:
    case RTM_DELADDR:
        (void)rtnl::decode_addr(m);
        break;
    case RTM_NEWROUTE:
    case RTM_DELROUTE:
        (void)rtnl::decode_route(m);
        break;
    case RTM_NEWNEIGH:
    case RTM_DELNEIGH:
        (void)rtnl::decode_neigh(m);
        break;
    case RTM_NEWRULE:
    case RTM_DELRULE:
        (void)rtnl::decode_rule(m);
        break;
    case RTM_NEWNSID:
    case RTM_DELNSID:
        (void)netns::decode_nsid(m);
        break;
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Bytes bytes(reinterpret_cast<const std::byte*>(data), size);
    try {
        for (const Msg& m : split_messages(bytes)) {
            try {
                decode(m);
            } catch (const Malformed&) {
            }
            // Any family header size: the attribute walk starts where a
            // 16-byte (ifinfomsg) or 12-byte (rtmsg, fib_rule_hdr) one ends.
            try {
                (void)walk(m.attrs<ifinfomsg>(), 2);
                (void)walk(m.attrs<rtmsg>(), 2);
                AttrTable t(m.attrs<ifinfomsg>(), IFLA_MAX);
                (void)t.nested(IFLA_LINKINFO, IFLA_INFO_MAX);
            } catch (const Malformed&) {
            }
        }
    } catch (const Malformed&) {
    }
    return 0;
}
