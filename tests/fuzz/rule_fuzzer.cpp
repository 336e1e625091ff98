// libFuzzer target for ip rule's decoder and printer: any bytes as an
// RTM_GETRULE dump, decoded (Malformed is the only exception allowed) and
// each rule printed in text (with -d) and in JSON. The sanitizers catch
// reads past an attribute.
//
//   cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
//   cmake --build build-fuzz --target fuzz_rule_fuzzer && build-fuzz/fuzz_rule_fuzzer -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "applets/ip/rule.hpp"
#include "libnet/rtnl/rule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace nsbox;
    std::vector<net::rtnl::Rule> rules;
    try {
        rules = net::rtnl::decode_rules({reinterpret_cast<const std::byte*>(data), size});
    } catch (const net::Malformed&) {
        return 0;
    }
    std::FILE* sink = std::fopen("/dev/null", "w");
    if (!sink)
        return 0;
    for (int json = 0; json < 2; ++json) {
        ip::Options opt;
        opt.json = json;
        opt.details = 1;
        ip::Context c(opt, sink);
        ip::RtNames names("/nonexistent/iproute2");
        auto doc = c.out.document();
        for (const auto& r : rules)
            ip::rule::print_rule(c, names, r);
        doc.close();
        c.out.flush();
    }
    std::fclose(sink);
    return 0;
}
