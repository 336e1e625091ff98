// placeholder until the ip applet lands
#include <cstdio>
#include "applets/applet.hpp"
int nsbox::ip_main(int, char**) { std::fputs("ip: not implemented yet\n", stderr); return 1; }
