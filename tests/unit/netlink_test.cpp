#include <gtest/gtest.h>
#include "libnet/netlink.hpp"
TEST(Netlink, Placeholder) { SUCCEED(); }
