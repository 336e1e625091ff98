// For the fuzzers that run code of `ip` which would talk to the kernel past
// the part they fuzz (a device name looked up, a restored route sent): a
// seccomp filter, installed once per process before the first input, makes
// socket(2) fail with EACCES. The code under test then gets the error it
// gets on a machine without netlink (net::Error, caught by the target), and
// no input can reach the kernel's routing tables, whatever it says. The
// filter is inherited by nothing but this process's own threads.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsbox_fuzz {

#if defined(__x86_64__)
inline constexpr unsigned native_arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
inline constexpr unsigned native_arch = AUDIT_ARCH_AARCH64;
#else
#error "no_sockets.hpp: add this architecture's AUDIT_ARCH_*"
#endif

// Aborts when the filter cannot be installed or does not hold: a fuzzer
// that could reach the kernel must not run at all.
inline void forbid_sockets()
{
    static const bool done = [] {
        sock_filter prog[] = {
            // Another ABI (x32, i386): every call fails.
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, native_arch, 1, 0),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
#if defined(__x86_64__)
            // x32 numbers on the native arch.
            BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
#endif
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        sock_fprog fprog{static_cast<unsigned short>(sizeof prog / sizeof prog[0]), prog};
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
            ::syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog) != 0) {
            std::perror("no_sockets: seccomp");
            std::abort();
        }
        int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
        if (fd >= 0 || errno != EACCES) {
            std::fputs("no_sockets: socket() still works\n", stderr);
            std::abort();
        }
        return true;
    }();
    (void)done;
}

} // namespace nsbox_fuzz
