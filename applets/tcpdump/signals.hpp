// tcpdump's setsignal(): one place that installs a signal handler, for the
// capture loop (tcpdump.cpp) and the -z children's reaper (rotate.cpp).
#pragma once

#include <csignal>

namespace nsbox::tcpdump {

// HANDLER for SIG with an empty mask and FLAGS (SA_RESTART where a handler
// must not interrupt reads); returns the disposition it replaced.
inline struct sigaction set_signal(int sig, void (*handler)(int), int flags = 0)
{
    struct sigaction sa{}, old{};
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, &old);
    return old;
}

} // namespace nsbox::tcpdump
