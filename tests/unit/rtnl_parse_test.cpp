// Decoding recorded kernel replies (tests/unit/rtnl_lab_dump.hpp), and
// truncated or malformed ones.

#include <gtest/gtest.h>

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <string>
#include <vector>

#include "tests/unit/hex.hpp"
#include "libnet/inet.hpp"
#include "libnet/rtnl/rtnl.hpp"
#include "tests/unit/rtnl_lab_dump.hpp"

using namespace nsbox::net;
using namespace nsbox::net::rtnl;
namespace td = nsbox::testdata;

namespace {

using nsbox_test::unhex;

std::string addr(const std::optional<IpAddress>& a) { return a ? format_address(*a) : "-"; }

} // namespace

TEST(RtnlParse, LabLinks)
{
    auto raw = unhex(td::lab_links);
    auto links = decode_links(raw);
    ASSERT_EQ(links.size(), 4u);
    EXPECT_EQ(links[0].name, "lo");
    EXPECT_EQ(links[0].type, ARPHRD_LOOPBACK);
    EXPECT_EQ(links[0].mtu, 65536u);
    EXPECT_EQ(links[1].name, "br");
    EXPECT_EQ(links[1].kind, "bridge");
    EXPECT_TRUE(links[1].flags & IFF_UP);
    ASSERT_TRUE(links[1].address);
    EXPECT_EQ(format_lladdr(*links[1].address, links[1].type), "02:00:00:00:00:aa");
    EXPECT_EQ(links[2].name, "br-red");
    EXPECT_EQ(links[2].kind, "veth");
    EXPECT_EQ(links[2].slave_kind, "bridge");
    EXPECT_EQ(links[2].master, static_cast<uint32_t>(links[1].index));
    EXPECT_EQ(links[2].link, 4u);            // the peer, in namespace red
    EXPECT_EQ(links[2].link_netnsid, 0);
    EXPECT_EQ(links[2].operstate, 6);        // IF_OPER_UP
    EXPECT_EQ(links[2].txqlen, 1000u);
    EXPECT_EQ(links[2].qdisc, "noqueue");
    EXPECT_FALSE(links[0].master);           // absent, not 0
    EXPECT_FALSE(links[0].link_netnsid);
}

TEST(RtnlParse, LabAddrs)
{
    auto raw = unhex(td::lab_addrs);
    auto addrs = decode_addrs(raw);
    ASSERT_GE(addrs.size(), 5u);
    EXPECT_EQ(addrs[0].family, AF_INET);
    EXPECT_EQ(addr(addrs[0].local), "127.0.0.1");
    EXPECT_EQ(addrs[0].prefixlen, 8);
    EXPECT_EQ(addrs[0].scope, RT_SCOPE_HOST);
    EXPECT_EQ(addrs[0].label, "lo");
    EXPECT_EQ(addr(addrs[1].local), "10.0.0.1");
    EXPECT_EQ(addrs[1].label, "br");
    ASSERT_TRUE(addrs[1].cacheinfo);
    EXPECT_EQ(addrs[1].cacheinfo->ifa_valid, 0xffffffffu);
    // IPv6 addresses carry IFA_ADDRESS only.
    const Addr& v6 = addrs[2];
    EXPECT_EQ(v6.family, AF_INET6);
    EXPECT_FALSE(v6.local);
    EXPECT_EQ(addr(v6.address), "::1");
    EXPECT_TRUE(v6.flags & IFA_F_PERMANENT);  // from the 32-bit IFA_FLAGS
}

TEST(RtnlParse, LabRoutes)
{
    auto r4 = decode_routes(unhex(td::lab_routes4));
    ASSERT_EQ(r4.size(), 3u);
    EXPECT_EQ(addr(r4[0].dst), "10.0.0.0");
    EXPECT_EQ(r4[0].dst_len, 24);
    EXPECT_EQ(r4[0].protocol, RTPROT_KERNEL);
    EXPECT_EQ(addr(r4[0].prefsrc), "10.0.0.1");
    EXPECT_EQ(r4[0].table_id(), RT_TABLE_MAIN);
    EXPECT_EQ(addr(r4[1].gateway), "10.0.0.9");
    EXPECT_EQ(r4[1].priority, 5u);
    EXPECT_EQ(r4[2].type, RTN_BLACKHOLE);
    EXPECT_FALSE(r4[2].oif);
    auto r6 = decode_routes(unhex(td::lab_routes6));
    ASSERT_FALSE(r6.empty());
    EXPECT_EQ(r6[0].family, AF_INET6);
    EXPECT_EQ(r6[0].pref, 0);  // ICMPV6_ROUTER_PREF_MEDIUM
    EXPECT_EQ(r6[0].priority, 256u);
}

TEST(RtnlParse, TruncatedDumpIsMalformed)
{
    auto raw = unhex(td::lab_links);
    // Cut inside the first message: its length runs past the buffer.
    for (size_t cut : {size_t(3), size_t(16), size_t(40), size_t(100), raw.size() - 1}) {
        std::vector<std::byte> part(raw.begin(), raw.begin() + static_cast<long>(cut));
        EXPECT_THROW(decode_links(part), Malformed) << "cut at " << cut;
    }
}

TEST(RtnlParse, AttributeRunningPastItsMessageIsMalformed)
{
    auto raw = unhex(td::lab_addrs);
    auto msgs = split_messages(raw);
    ASSERT_FALSE(msgs.empty());
    // The first attribute of the first message claims 0xff00 bytes.
    std::vector<std::byte> bad(raw.begin(), raw.begin() + msgs[0].header().nlmsg_len);
    size_t attr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifaddrmsg));
    bad[attr] = std::byte{0x00};
    bad[attr + 1] = std::byte{0xff};
    EXPECT_THROW(decode_addrs(bad), Malformed);
    // An attribute shorter than its own header.
    bad[attr] = std::byte{0x02};
    bad[attr + 1] = std::byte{0x00};
    EXPECT_THROW(decode_addrs(bad), Malformed);
}

TEST(RtnlParse, MessageTooShortForItsFamilyHeader)
{
    // An RTM_NEWROUTE whose payload is 4 bytes: no room for struct rtmsg.
    std::vector<std::byte> m(NLMSG_HDRLEN + 4);
    nlmsghdr h{};
    h.nlmsg_len = static_cast<uint32_t>(m.size());
    h.nlmsg_type = RTM_NEWROUTE;
    std::memcpy(m.data(), &h, sizeof h);
    EXPECT_THROW(decode_routes(m), Malformed);
}

TEST(RtnlParse, WrongSizedAttributesAreAbsent)
{
    // IFA_LOCAL of 3 bytes on an IPv4 address: not an address, so absent.
    auto raw = unhex(td::lab_addrs);
    auto msgs = split_messages(raw);
    std::vector<std::byte> m(raw.begin(), raw.begin() + msgs[0].header().nlmsg_len);
    // Find IFA_LOCAL (type 2) in the first message and shrink its length to 7.
    size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifaddrmsg));
    while (off + 4 <= m.size()) {
        uint16_t len, type;
        std::memcpy(&len, m.data() + off, 2);
        std::memcpy(&type, m.data() + off + 2, 2);
        if (type == IFA_LOCAL) {
            uint16_t seven = 7;
            std::memcpy(m.data() + off, &seven, 2);
            break;
        }
        off += NLMSG_ALIGN(len);
    }
    auto a = decode_addrs(m);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_FALSE(a[0].local);
    EXPECT_TRUE(a[0].address);
}
