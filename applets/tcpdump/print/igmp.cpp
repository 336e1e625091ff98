// IGMP v1, v2 and v3 (RFC 1112, 2236, 3376): queries, reports and leaves,
// with v3's group records and sources from -v on, and the checksum checked
// under -v. DVMRP, PIMv1, mtrace and mresp messages print their type only
// (tcpdump decodes them further; nsbox does not).

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"
#include "libnet/packet/checksum.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint8_t membership_query = 0x11;
constexpr uint8_t v1_report = 0x12;
constexpr uint8_t dvmrp = 0x13;
constexpr uint8_t pimv1 = 0x14;
constexpr uint8_t v2_report = 0x16;
constexpr uint8_t v2_leave = 0x17;
constexpr uint8_t mtrace_resp = 0x1e;
constexpr uint8_t mtrace = 0x1f;
constexpr uint8_t v3_report = 0x22;

constexpr Tok v3_record_types[] = {
    {1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"},
};

void v3_report_print(Ctx& c, const Reader& r, uint32_t len)
{
    if (len < 16 || (len & 3)) {
        c.print(" [invalid len {}]", len);
        return;
    }
    uint32_t ngroups = r.peek_be16(6);
    c.print(", {} group record(s)", ngroups);
    if (c.opt.vflag == 0)
        return;
    uint32_t group = 8;
    for (uint32_t i = 0; i < ngroups; ++i) {
        if (len < group + 8) {
            c.put(" [invalid number of groups]");
            return;
        }
        c.print(" [gaddr {}", ipaddr_string(c, peek_addr4(r, group + 4)));
        uint8_t type = r.peek_u8(group);
        c.print(" {}", tok_or(v3_record_types, type, [](uint32_t v) { return fmt::format(" [v3-report-#{}]", v); }));
        uint32_t nsrcs = r.peek_be16(group + 2);
        if (len < group + 8 + (nsrcs << 2)) {
            c.print(" [invalid number of sources {}]", nsrcs);
            return;
        }
        if (c.opt.vflag == 1) {
            c.print(", {} source(s)", nsrcs);
        } else {
            c.put(" {");
            for (uint32_t j = 0; j < nsrcs; ++j)
                c.print(" {}", ipaddr_string(c, peek_addr4(r, group + 8 + (j << 2))));
            c.put(" }");
        }
        group += 8 + (nsrcs << 2);
        c.put(']');
    }
}

void v3_query_print(Ctx& c, const Reader& r, uint32_t len)
{
    c.put(" v3");
    if (len < 12 || (len & 3)) {
        c.print(" [invalid len {}]", len);
        return;
    }
    uint32_t mrc = r.peek_u8(1);
    uint32_t mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
    if (mrc != 100) {
        c.put(" [max resp time ");
        if (mrt < 600)
            c.print("{:.1f}s", mrt * 0.1);
        else
            relts_print(c, mrt / 10);
        c.put(']');
    }
    auto gaddr = peek_addr4(r, 4);
    if (gaddr == std::array<uint8_t, 4>{})
        return;
    c.print(" [gaddr {}", ipaddr_string(c, gaddr));
    uint32_t nsrcs = r.peek_be16(10);
    if (nsrcs > 0) {
        if (len < 12 + (nsrcs << 2)) {
            c.put(" [invalid number of sources]]");
            return;
        }
        if (c.opt.vflag > 1) {
            c.put(" {");
            for (uint32_t i = 0; i < nsrcs; ++i)
                c.print(" {}", ipaddr_string(c, peek_addr4(r, 12 + (i << 2))));
            c.put(" }");
        } else {
            c.print(", {} source(s)", nsrcs);
        }
    }
    c.put(']');
}

} // namespace

void igmp_print(Ctx& c, Bytes p, uint32_t len)
{
    c.proto = "igmp";
    if (c.opt.qflag) {
        c.put("igmp");
        return;
    }
    Reader r(p);
    uint8_t type = r.peek_u8(0);
    switch (type) {
    case membership_query:
        c.put("igmp query");
        if (len >= 12) {
            v3_query_print(c, r, len);
        } else {
            uint8_t mrt = r.peek_u8(1);
            if (mrt) {
                c.put(" v2");
                if (mrt != 100)
                    c.print(" [max resp time {}]", mrt);
            } else {
                c.put(" v1");
            }
            auto gaddr = peek_addr4(r, 4);
            if (gaddr != std::array<uint8_t, 4>{})
                c.print(" [gaddr {}]", ipaddr_string(c, gaddr));
            if (len != 8)
                c.print(" [len {}]", len);
        }
        break;
    case v1_report:
        c.print("igmp v1 report {}", ipaddr_string(c, peek_addr4(r, 4)));
        if (len != 8)
            c.print(" [len {}]", len);
        break;
    case v2_report:
        c.print("igmp v2 report {}", ipaddr_string(c, peek_addr4(r, 4)));
        break;
    case v3_report:
        c.put("igmp v3 report");
        v3_report_print(c, r, len);
        break;
    case v2_leave:
        c.print("igmp leave {}", ipaddr_string(c, peek_addr4(r, 4)));
        break;
    case dvmrp:
        c.put("igmp dvmrp");
        if (len < 8)
            c.print(" [len {}]", len);
        break;
    case pimv1:
        c.put("igmp pimv1");
        break;
    case mtrace_resp:
        c.put("mresp");
        break;
    case mtrace:
        c.put("mtrace");
        break;
    default:
        c.print("igmp-{}", type);
        break;
    }
    if (c.opt.vflag && len >= 4 && r.has(len)) {
        if (net::packet::checksum(p.first(len)) != 0)
            c.print(" bad igmp cksum {:x}!", r.peek_be16(2));
    }
}

} // namespace nsbox::tcpdump
