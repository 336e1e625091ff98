// tcpdump --netns: one capture across network namespaces. The pieces that do
// not need libpcap: which namespaces a set of --netns arguments names, and
// how a line printed for a Linux cooked v2 packet gets its namespace.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox::tcpdump {

// The label of the namespace tcpdump runs in, when --netns all takes it and
// it has no name in /run/netns.
inline constexpr std::string_view current_netns_label = ".";

// One namespace to capture in: its label on the printed lines and its open
// namespace file (-1: the namespace tcpdump runs in).
struct NetnsTarget {
    std::string label;
    int fd = -1;
    bool listed = false; // found by "all", not named
};

// The namespaces that `args` (the --netns values, in order) name: each NAME
// once, in the order first given; "all" stands for every name in /run/netns
// (sorted by name) and the current namespace, unless one of those names
// is the current namespace. On failure returns false with `err` set (the
// message, without "tcpdump: ") and no file left open.
bool resolve_netns(const std::vector<std::string>& args, std::vector<NetnsTarget>& out, std::string& err);

// Closes the targets' files.
void close_netns(std::vector<NetnsTarget>& targets);

// The direction word that the cooked v2 printer shows for a packet type.
std::string_view cooked_direction(uint8_t pkttype);

// A line printed (in the namespace tcpdump runs in) for a cooked v2 packet
// shows the interface as `printed_if` ("%-5s ") and then the direction.
// Rewrites that field to "LABEL IFNAME " with the interface's name in its
// own namespace (`real_if`, padded as the printer pads it). Returns false
// and puts "LABEL " first when the field is not on the first line (a
// truncated header).
bool label_line(std::string& line, std::string_view printed_if, uint8_t pkttype, std::string_view label,
                std::string_view real_if);

// -w with --netns: a pcapng file (host byte order) with one interface
// description block per (namespace, interface), named "NETNS/IFNAME", each
// written just before its first packet; time stamps in nanoseconds.
class PcapngWriter {
public:
    PcapngWriter() = default;
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter&) = delete;
    PcapngWriter& operator=(const PcapngWriter&) = delete;

    // Opens PATH ("-": standard output) and writes the section header.
    // Returns false with `err` set (tcpdump's wording) on failure.
    bool open(const std::string& path, std::string& err);
    // Writes an interface description block; returns its interface id.
    uint32_t add_interface(std::string_view name, uint16_t linktype, uint32_t snaplen);
    void packet(uint32_t interface, int64_t sec, uint32_t nsec, const unsigned char* data, uint32_t caplen,
                uint32_t len);
    // False after a failed write (errno kept).
    bool flush();
    bool close();
    bool ok() const { return f_ && !std::ferror(f_); }

private:
    void block(uint32_t type, const std::string& body);
    FILE* f_ = nullptr;
    bool own_ = false;
    uint32_t interfaces_ = 0;
};

} // namespace nsbox::tcpdump
