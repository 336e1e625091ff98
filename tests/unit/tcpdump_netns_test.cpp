// tcpdump --netns: the namespace label put into cooked v2 lines, and the
// --netns arguments that name no namespace.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include <pcap/pcap.h>
#include <unistd.h>

#include "applets/tcpdump/netns_capture.hpp"

using nsbox::tcpdump::cooked_direction;
using nsbox::tcpdump::label_line;
using nsbox::tcpdump::NetnsTarget;
using nsbox::tcpdump::resolve_netns;

TEST(TcpdumpNetns, Directions)
{
    EXPECT_EQ(cooked_direction(0), "In");
    EXPECT_EQ(cooked_direction(1), "B");
    EXPECT_EQ(cooked_direction(2), "M");
    EXPECT_EQ(cooked_direction(3), "P");
    EXPECT_EQ(cooked_direction(4), "Out");
    EXPECT_EQ(cooked_direction(7), "?");
}

TEST(TcpdumpNetns, LabelReplacesTheNameThePrinterFoundHere)
{
    // Printed in the first namespace, index 5 is "eth0" there; in red it
    // is red-eth.
    std::string line = "12:00:00.000001 eth0  Out IP 10.0.0.2 > 10.0.0.1: ICMP echo request\n";
    EXPECT_TRUE(label_line(line, "eth0", 4, "red", "red-eth"));
    EXPECT_EQ(line, "12:00:00.000001 red red-eth Out IP 10.0.0.2 > 10.0.0.1: ICMP echo request\n");
}

TEST(TcpdumpNetns, ShortNamesKeepThePrintersPadding)
{
    std::string line = "?     In  IP 1.2.3.4 > 5.6.7.8: ICMP echo reply\n";
    EXPECT_TRUE(label_line(line, "?", 0, ".", "br"));
    EXPECT_EQ(line, ". br    In  IP 1.2.3.4 > 5.6.7.8: ICMP echo reply\n");
}

TEST(TcpdumpNetns, NumberAndDateInFront)
{
    // -# and -tttt: a name equal to the packet number is not taken for it.
    std::string line = "1  2026-01-01 00:00:00.000000 1     M   IP6 :: > ff02::16\n";
    EXPECT_TRUE(label_line(line, "1", 2, "blue", "veth1"));
    EXPECT_EQ(line, "1  2026-01-01 00:00:00.000000 blue veth1 M   IP6 :: > ff02::16\n");
}

TEST(TcpdumpNetns, OnlyTheFirstLineIsLookedAt)
{
    std::string line = "lo    In  IP 127.0.0.1 > 127.0.0.1\n\tlo    In  \n";
    EXPECT_TRUE(label_line(line, "lo", 0, "x", "lo"));
    EXPECT_EQ(line, "x lo    In  IP 127.0.0.1 > 127.0.0.1\n\tlo    In  \n");
    std::string cut = "[|sll2]\n\tlo    In  \n";
    EXPECT_FALSE(label_line(cut, "lo", 0, "x", "lo"));
    EXPECT_EQ(cut, "x [|sll2]\n\tlo    In  \n");
}

TEST(TcpdumpNetns, UnknownAndInvalidNamesFail)
{
    std::vector<NetnsTarget> out;
    std::string err;
    EXPECT_FALSE(resolve_netns({"nsbox-unit-no-such-namespace"}, out, err));
    EXPECT_EQ(err, "Cannot open network namespace \"nsbox-unit-no-such-namespace\": No such file or directory");
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(resolve_netns({"a/b"}, out, err));
    EXPECT_EQ(err, "Invalid network namespace name \"a/b\"");
    EXPECT_FALSE(resolve_netns({".."}, out, err));
}

TEST(TcpdumpNetns, PcapngFileIsReadByLibpcapWithOneInterfacePerNamespaceAndDevice)
{
    char dir[] = "/tmp/nsbox-netns-unit.XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    std::string path = std::string(dir) + "/a.pcapng";
    // A cooked v2 header (ifindex 2, outgoing) and 4 bytes of payload.
    const unsigned char pkt[] = {0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x45, 0, 0, 0x14};
    {
        nsbox::tcpdump::PcapngWriter w;
        std::string err;
        ASSERT_TRUE(w.open(path, err)) << err;
        uint32_t red = w.add_interface("red/red-eth", 276, 262144);
        uint32_t root = w.add_interface("./br-red", 276, 262144);
        EXPECT_EQ(red, 0u);
        EXPECT_EQ(root, 1u);
        w.packet(red, 1700000000, 123456789, pkt, sizeof pkt, 64);
        w.packet(root, 1700000000, 123456999, pkt, sizeof pkt, 64);
        EXPECT_TRUE(w.close());
    }
    char ebuf[PCAP_ERRBUF_SIZE];
    pcap_t* pc = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, ebuf);
    ASSERT_NE(pc, nullptr) << ebuf;
    EXPECT_EQ(pcap_datalink(pc), 276);
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    ASSERT_EQ(pcap_next_ex(pc, &h, &data), 1);
    EXPECT_EQ(h->ts.tv_sec, 1700000000);
    EXPECT_EQ(h->ts.tv_usec, 123456789);
    EXPECT_EQ(h->caplen, sizeof pkt);
    EXPECT_EQ(h->len, 64u);
    EXPECT_EQ(std::memcmp(data, pkt, sizeof pkt), 0);
    ASSERT_EQ(pcap_next_ex(pc, &h, &data), 1);
    EXPECT_EQ(h->ts.tv_usec, 123456999);
    EXPECT_EQ(pcap_next_ex(pc, &h, &data), PCAP_ERROR_BREAK);
    pcap_close(pc);
    // The interface names, as option if_name of each block.
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(bytes.find("red/red-eth"), std::string::npos);
    EXPECT_NE(bytes.find("./br-red"), std::string::npos);
    std::remove(path.c_str());
    rmdir(dir);
}
