// The applet table: every command nsbox answers to, sorted by name so that
// lookup is a binary search. Aliases are rows of their own.
#pragma once

#include <algorithm>
#include <span>
#include <string_view>

namespace nsbox {

using AppletEntry = int (*)(int argc, char** argv);

struct Applet {
    std::string_view name;
    AppletEntry entry;
    std::string_view summary;
};

// Entry points, one per applet folder. argv[0] is the name the user typed.
int arping_main(int argc, char** argv);
int ip_main(int argc, char** argv);
int ip6tables_main(int argc, char** argv);
int ip6tables_restore_main(int argc, char** argv);
int ip6tables_save_main(int argc, char** argv);
int iptables_main(int argc, char** argv);
int iptables_restore_main(int argc, char** argv);
int iptables_save_main(int argc, char** argv);
int ping_main(int argc, char** argv);
int sysctl_main(int argc, char** argv);
int tcpdump_main(int argc, char** argv);

inline constexpr Applet applets[] = {
    {"arping", arping_main, "send ARP requests to a neighbour"},
    {"ip", ip_main, "show and change links, addresses, routes and namespaces"},
    {"ip6tables", ip6tables_main, "IPv6 packet filter and NAT (nf_tables backend)"},
    {"ip6tables-nft", ip6tables_main, "alias of ip6tables"},
    {"ip6tables-nft-restore", ip6tables_restore_main, "alias of ip6tables-restore"},
    {"ip6tables-nft-save", ip6tables_save_main, "alias of ip6tables-save"},
    {"ip6tables-restore", ip6tables_restore_main, "load an ip6tables-save file as one nf_tables transaction"},
    {"ip6tables-save", ip6tables_save_main, "print the ip6tables ruleset in ip6tables-save format"},
    {"iptables", iptables_main, "IPv4 packet filter and NAT (nf_tables backend)"},
    {"iptables-nft", iptables_main, "alias of iptables"},
    {"iptables-nft-restore", iptables_restore_main, "alias of iptables-restore"},
    {"iptables-nft-save", iptables_save_main, "alias of iptables-save"},
    {"iptables-restore", iptables_restore_main, "load an iptables-save file as one nf_tables transaction"},
    {"iptables-save", iptables_save_main, "print the iptables ruleset in iptables-save format"},
    {"ping", ping_main, "send ICMP echo requests"},
    {"ping4", ping_main, "alias of ping -4"},
    {"ping6", ping_main, "alias of ping -6"},
    {"sysctl", sysctl_main, "read and write kernel parameters"},
    {"tcpdump", tcpdump_main, "capture and print network traffic"},
};

static_assert(std::ranges::is_sorted(applets, {}, &Applet::name),
              "the applet table must stay sorted by name");

inline const Applet* find_applet(std::string_view name)
{
    auto it = std::ranges::lower_bound(applets, name, {}, &Applet::name);
    return it != std::end(applets) && it->name == name ? &*it : nullptr;
}

} // namespace nsbox
