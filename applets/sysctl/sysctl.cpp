// placeholder until the sysctl applet lands
#include <cstdio>
#include "applets/applet.hpp"
int nsbox::sysctl_main(int, char**) { std::fputs("sysctl: not implemented yet\n", stderr); return 1; }
