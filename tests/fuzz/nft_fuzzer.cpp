// libFuzzer target for the nf_tables decoders and the iptables rule decoder:
// any bytes as NEWTABLE / NEWCHAIN / NEWRULE messages, parsed by libnet/nft,
// each rule decoded to the iptables model (IPv4 and IPv6) and printed as -S, -L and -L -n -v
// print it. Malformed is the only exception allowed; a rule the decoder
// does not understand must come back marked unsupported, never crash. The
// set match's names come from a table here, not from the kernel's ipset.
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_nft_fuzzer && build-fuzz/fuzz_nft_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <string>

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>

#include "applets/iptables/codec.hpp"
#include "applets/iptables/ext.hpp"
#include "applets/iptables/list.hpp"
#include "libnet/netlink.hpp"
#include "libnet/nft/nft.hpp"
#include "tests/fuzz/list_formats.hpp"

#include <sys/socket.h>

namespace {

std::optional<nsbox::net::ipset::SetRef> no_set(const std::string&) { return std::nullopt; }
std::string set_name(uint16_t index) { return "set" + std::to_string(index); }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace nsbox;
    iptables::ext::set_lookup = {no_set, set_name};
    net::Bytes bytes(reinterpret_cast<const std::byte*>(data), size);
    std::string out;
    try {
        for (const net::Msg& m : net::split_messages(bytes)) {
            try {
                switch (m.type() & 0xff) {
                case NFT_MSG_NEWTABLE:
                    (void)net::nft::parse_table(m);
                    break;
                case NFT_MSG_NEWCHAIN:
                    (void)net::nft::parse_chain(m);
                    break;
                default: {
                    // Every other type is read as a rule, so the fuzzer need
                    // not find the subsystem bits first; as iptables' and
                    // as ip6tables' rule.
                    net::nft::Rule nr = net::nft::parse_rule(m);
                    for (int family : {AF_INET, AF_INET6}) {
                        iptables::Rule r = iptables::decode(nr, family);
                        if (r.unsupported || r.incompatible)
                            continue;
                        iptables::save_rule(out, "FORWARD", r, true);
                        nsbox_fuzz::list_every_format(out, r);
                    }
                    break;
                }
                }
            } catch (const net::Malformed&) {
            }
            out.clear();
        }
    } catch (const net::Malformed&) {
    }
    return 0;
}
