// placeholder until the tcpdump applet lands
#include <cstdio>
#include "applets/applet.hpp"
int nsbox::tcpdump_main(int, char**) { std::fputs("tcpdump: not implemented yet\n", stderr); return 1; }
#include <pcap/pcap.h>
const char* nsbox_pcap_probe() { return pcap_lib_version(); }
