# Cross-build nsbox for aarch64 with Debian's cross toolchain
# (g++-aarch64-linux-gnu: compiler, glibc and libstdc++ for arm64 under
# /usr/aarch64-linux-gnu) and Debian's arm64 -dev packages unpacked into a
# sysroot (NSBOX_ARM64_SYSROOT, made by scripts/deps.sh --arm64), holding
# /usr/include and /usr/lib/aarch64-linux-gnu as a multiarch system has them.
#
#   cmake -S . -B build-arm64 --toolchain cmake/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(NOT NSBOX_ARM64_SYSROOT)
  if(DEFINED ENV{NSBOX_ARM64_SYSROOT})
    set(NSBOX_ARM64_SYSROOT "$ENV{NSBOX_ARM64_SYSROOT}")
  else()
    set(NSBOX_ARM64_SYSROOT /opt/nsbox-arm64-sysroot)
  endif()
endif()
set(NSBOX_ARM64_SYSROOT "${NSBOX_ARM64_SYSROOT}" CACHE PATH "arm64 -dev packages unpacked")
# try_compile projects see the same variables.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES NSBOX_ARM64_SYSROOT)

# Headers and libraries: the cross toolchain's own first (glibc, libstdc++),
# then the unpacked packages. The host's /usr/include and /usr/lib are never
# searched.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu "${NSBOX_ARM64_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# -idirafter: after the compiler's own system directories, so that the cross
# glibc headers win over anything in the unpacked /usr/include.
set(CMAKE_C_FLAGS_INIT "-idirafter ${NSBOX_ARM64_SYSROOT}/usr/include")
set(CMAKE_CXX_FLAGS_INIT "-idirafter ${NSBOX_ARM64_SYSROOT}/usr/include")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L${NSBOX_ARM64_SYSROOT}/usr/lib/aarch64-linux-gnu")

# Tests run under qemu-user-static (a static binary needs no sysroot at run time).
find_program(NSBOX_QEMU_AARCH64 qemu-aarch64-static)
if(NSBOX_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${NSBOX_QEMU_AARCH64}")
endif()
