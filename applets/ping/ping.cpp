// placeholder until the ping applet lands
#include <cstdio>
#include "applets/applet.hpp"
int nsbox::ping_main(int, char**) { std::fputs("ping: not implemented yet\n", stderr); return 1; }
