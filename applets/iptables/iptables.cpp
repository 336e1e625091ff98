// placeholder until the iptables applet lands
#include <cstdio>
#include "applets/applet.hpp"
int nsbox::iptables_main(int, char**) { std::fputs("iptables: not implemented yet\n", stderr); return 1; }
