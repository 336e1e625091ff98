// libFuzzer target for tcpdump's packet printers: any bytes, any captured
// length, any wire length, under every option the printers look at. The
// sanitizers catch reads past the captured bytes; the printers must never
// throw anything but what they catch themselves.
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_print_fuzzer && build-fuzz/fuzz_print_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <string>

#include <pcap/dlt.h>

#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/packet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace nsbox::tcpdump;
    if (size < 4)
        return 0;
    // Byte 0: link type (bits 0-2), -T type (bits 3-6 and byte 2's bit 7;
    // 0: none), names without -n (bit 7: only the printers' own tables, such
    // as SNMP's OID names: the Names object stays numeric); byte 1: option
    // bits; bytes 2-3 (but byte 2's top bit): extra wire length.
    constexpr int linktypes[] = {DLT_EN10MB, DLT_RAW, DLT_NULL, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_IPV4, DLT_IPV6, DLT_LOOP};
    int linktype = linktypes[data[0] & 7];
    constexpr PacketType types[] = {PacketType::none, PacketType::domain, PacketType::snmp, PacketType::tftp,
                                    PacketType::vxlan, PacketType::vat, PacketType::rtp, PacketType::rtcp,
                                    PacketType::carp, PacketType::someip, PacketType::cnfp,
                                    PacketType::resp, PacketType::ptp, PacketType::zmtp1,
                                    PacketType::aodv, PacketType::wb,
                                    PacketType::rpc, PacketType::radius};
    uint8_t bits = data[1];
    PrintOptions opt;
    opt.nflag = (data[0] & 0x80) ? 0 : 1;
    unsigned type = ((data[0] >> 3) & 15) | (data[2] >> 7) << 4;
    opt.packettype = types[type % (sizeof types / sizeof types[0])];
    opt.vflag = bits & 3;
    opt.eflag = (bits >> 2) & 1;
    opt.qflag = (bits >> 3) & 1;
    opt.xflag = (bits >> 4) & 1;
    opt.Xflag = (bits >> 5) & 1;
    opt.Aflag = (bits >> 6) & 1;
    opt.Sflag = (bits >> 7) & 1;
    opt.suppress_default_print = opt.qflag || opt.xflag || opt.Xflag;
    opt.tflag = 1;
    uint32_t extra = uint32_t(data[2] & 0x7f) << 8 | data[3];
    const auto* packet = reinterpret_cast<const std::byte*>(data + 4);
    size_t caplen = size - 4;

    Names names(true);
    PacketPrinter printer(opt, names, linktype);
    std::string out;
    PacketHeader h{0, 0, static_cast<uint32_t>(caplen), static_cast<uint32_t>(caplen + extra)};
    printer.print(h, {packet, caplen}, 1, out);
    // A second packet through the same printer exercises the state kept
    // between packets (TCP sequence numbers).
    printer.print(h, {packet, caplen}, 2, out);
    return 0;
}
