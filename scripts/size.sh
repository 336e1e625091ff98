#!/usr/bin/env bash
# What each part of nsbox adds to the stripped static binary.
#
#   scripts/size.sh [BUILD_DIR]     default build-size (configured and built here)
#   scripts/size.sh --startup-order [BUILD_DIR]
#                                   rewrite cmake/startup-order.txt (see below)
#
# Method. The bytes of a stripped static binary are its allocated output
# sections (code, read-only data, unwind tables, initialised data) plus
# alignment padding and the ELF headers. GNU ld's link map (-Wl,-Map) lists,
# for each output section, every input section that went into it, with its
# size and the object (or archive member) it came from, after
# --gc-sections dropped what nothing references. Summing those sizes per
# origin attributes every byte of the file but the headers.
#
# The CMake build links the applets and libnet as archives, whose members
# have ambiguous names (ip.cpp.o exists three times), and an LTO build merges
# all of nsbox's own code into one object. So this script links nsbox once
# more, without LTO, from the object files themselves (so that the map names
# each source file), with the same flags and libraries as the real link, and
# sums the map per origin:
#   applets/ip/... -> "ip", applets/common -> "applets/common",
#   libnet/fmt_impl.cpp -> "fmt" (its compiled part; the header templates
#   instantiated by the applets count where they are instantiated),
#   libnet/... -> "libnet", libc.a/libm.a/crt*.o -> "glibc",
#   libstdc++.a -> "libstdc++", libgcc*.a -> "libgcc", lib*.a -> its name.
# .bss/.tbss take no room in the file and are left out. "padding" is the
# linker's alignment fill; "linker" what the linker made itself
# (.eh_frame_hdr, .got, .rela.iplt...).
# Columns: code (.text), rodata (.rodata), unwind (.eh_frame and
# .gcc_except_table: C++ exceptions need them), data (.data, .data.rel.ro,
# .tdata, .init_array, .got...).
# The total of that attribution link is printed next to the size of the real
# stripped binary; they differ by what LTO or identical-code folding saved.
set -euo pipefail
cd "$(dirname "$0")/.."

order=0
[[ ${1:-} == --startup-order ]] && { order=1; shift; }
build=${1:-build-size}
if [[ ! -f $build/CMakeCache.txt ]]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNSBOX_LTO=OFF -DNSBOX_TESTS=OFF "${launcher[@]}" >/dev/null
fi
nice cmake --build "$build" -j"$(nproc)" --target nsbox >/dev/null

link_txt=$build/CMakeFiles/nsbox.dir/link.txt
[[ -f $link_txt ]] || { echo "size.sh: no $link_txt (not a Makefile build?)" >&2; exit 1; }
objs=$(find "$(realpath "$build")/CMakeFiles/nsbox_applets.dir" "$(realpath "$build")/CMakeFiles/nsbox_net.dir" -name '*.o' | sort | tr '\n' ' ')
map=$build/size.map
out=$build/size-attrib
# Same command as the real link, with the two archives replaced by their
# objects, LTO off, and a map.
cmd=$(sed -E "s/ -fuse-ld=lld| -Wl,--icf=[a-z]+| -Wl,--symbol-ordering-file=[^ ]+| -Wl,--no-warn-symbol-ordering//g" "$link_txt")
cmd=${cmd//libnsbox_applets.a/}
cmd=${cmd//libnsbox_net.a/}
cmd=${cmd// -o nsbox / -o $PWD/$out $objs -Wl,-Map=$PWD/$map -fno-lto }
(cd "$build" && eval "nice $cmd") 2>/dev/null

# --startup-order: the functions each applet's start runs, in first-use
# order, for lld's --symbol-ordering-file (CMakeLists.txt). Placing them
# together at the start of .text means a command touches a few contiguous
# pages of code instead of pages spread over 3 MB, and each page touched is a
# page fault (10 to 14 us on a paravirtualised guest). The functions are the
# ones callgrind sees run in an unstripped build of the same link, for a few
# short commands of each applet inside a throwaway network namespace (its
# loopback up, so that ping runs whole); names that are gone from a later
# build are ignored by the linker.
if ((order)); then
  mkdir -p "$build/size-syms"
  syms=$build/size-syms/nsbox  # argv[0] must say nsbox
  bin=$PWD/$syms
  cmd=$(sed -E "s/ -fuse-ld=lld| -Wl,--icf=[a-z]+| -Wl,--symbol-ordering-file=[^ ]+| -Wl,--no-warn-symbol-ordering//g" "$link_txt")
  cmd=${cmd// -s / }
  cmd=${cmd// -o nsbox / -o $PWD/$syms $objs -fno-lto }
  (cd "$build" && eval "nice $cmd") 2>/dev/null
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp tests/data/tcpdump/lab-icmp.pcap "$tmp/"
  # iptables runs on a table holding each shape of rule scripts use (the
  # bench's mix: ports, multiport, conntrack, comment, limit with LOG,
  # REJECT), loaded by nsbox before each command.
  awk 'BEGIN { print "*filter"
    for (i = 0; i < 12; i++) { k = i % 6
      if (k == 0) printf "-A FORWARD -p tcp --dport %d -j ACCEPT\n", 1000 + i
      if (k == 1) printf "-A FORWARD -p udp -m multiport --dports 53,%d -j ACCEPT\n", 2000 + i
      if (k == 2) printf "-A FORWARD -s 10.0.%d.0/24 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n", i
      if (k == 3) printf "-A FORWARD -d 10.9.0.%d/32 -m comment --comment \"rule %d\" -j DROP\n", i, i
      if (k == 4) printf "-A FORWARD -m limit --limit %d/min -j LOG --log-prefix \"r%d \"\n", i + 1, i
      if (k == 5) printf "-A FORWARD -s 192.168.%d.0/24 -p tcp -j REJECT --reject-with tcp-reset\n", i }
    print "COMMIT" }' >"$tmp/rules"
  cmds=("ip link show lo" "ip addr show" "ip route show" "sysctl -n net.ipv4.ip_forward"
        "iptables -L" "iptables -L -n" "iptables -S" "iptables -A INPUT -p tcp --dport 22 -j ACCEPT"
        "iptables -C FORWARD -p tcp --dport 1000 -j ACCEPT" "iptables-save" "iptables-restore rules"
        "tcpdump -n -r lab-icmp.pcap" "ping -V" "ping -c 3 -i 0.2 127.0.0.1")
  i=0
  for c in "${cmds[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    (cd "$tmp" && NSBOX="$bin" unshare --net --mount sh -c '/usr/sbin/ip link set lo up && "$NSBOX" iptables-restore rules && exec "$@"' sh \
      valgrind --tool=callgrind --demangle=no --dump-instr=no \
      --callgrind-out-file="cg.$i" "$bin" $c >/dev/null 2>&1) || true
  done
  # Lines "APPLET FUNCTION", each command's functions in first-use order.
  : >"$tmp/runs"
  for ((j = 1; j <= i; j++)); do
    [[ -f $tmp/cg.$j ]] || { echo "size.sh: callgrind failed for ${cmds[j-1]}" >&2; exit 1; }
    grep -oE '^c?fn=\([0-9]+\) .*' "$tmp/cg.$j" | sed -E "s/^c?fn=\([0-9]+\) //; s/'[0-9]+\$//" |
      grep -v -e '^(below main)$' -e '^0x' | awk -v a="${cmds[j-1]%%[ -]*}" '!seen[$0]++ { print a, $0 }' >>"$tmp/runs"
  done
  # The functions more than one applet runs first, then each applet's own,
  # applet by applet: a command's pages are then the shared block and its
  # applet's block, not pages spread among the other applets' functions.
  awk '{ f = substr($0, length($1) + 2)
         if (!(f in first)) { first[f] = NR; order[++n] = f }
         if (!((f, $1) in used)) { used[f, $1] = 1; users[f]++; owner[f] = $1 }
         if (!($1 in rank)) { rank[$1] = ++napplets; name[napplets] = $1 } }
       END { for (k = 1; k <= n; k++) if (users[order[k]] > 1) print order[k]
             for (a = 1; a <= napplets; a++)
               for (k = 1; k <= n; k++) if (users[order[k]] == 1 && owner[order[k]] == name[a]) print order[k] }' \
    "$tmp/runs" >"$tmp/all"
  out=cmake/startup-order.txt
  cp "$tmp/all" "$out"
  echo "size.sh: $(wc -l <"$out") functions in $out"
  exit 0
fi

awk -v src="$PWD/" '
  function origin(f,   m) {
    if (f ~ /^\*fill\*$/) return "padding"
    sub(src, "", f)
    if (match(f, /CMakeFiles\/nsbox(_applets|_net)?\.dir\//)) {
      f = substr(f, RSTART + RLENGTH)
      if (f ~ /^libnet\/fmt_impl/) return "fmt"
      if (f ~ /^libnet\//) return "libnet"
      if (f ~ /^applets\/main\.cpp/ || f ~ /^applets\/sd_stub/) return "main (dispatch)"
      if (f ~ /^applets\/common\//) return "applets/common"
      split(f, m, "/"); return m[2]
    }
    if (f ~ /(libc|libm|libm-[0-9.]+|libmvec|libpthread|libresolv|libdl|librt)\.a\(/ || f ~ /\/crt[^\/]*\.o$/ || f ~ /\/(S?crt1|crti|crtn|crtbeginT|crtend)\.o$/) return "glibc"
    if (f ~ /libstdc\+\+\.a\(/) return "libstdc++"
    if (f ~ /libgcc(_eh)?\.a\(/) return "libgcc"
    if (match(f, /lib[^\/]*\.a\(/)) { f = substr(f, RSTART, RLENGTH - 3); sub(/^lib/, "", f)
      if (f == "boost_program_options") return "Boost.Program_options"
      if (f == "boost_filesystem") return "Boost.Filesystem"
      if (f == "cares") return "c-ares"
      if (f == "pcap") return "libpcap"
      if (f == "dbus-1") return "libdbus"
      return f }
    return "linker"
  }
  function hex(s,   i, n) {
    n = 0; s = tolower(substr(s, 3))
    for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return n
  }
  function kind(sec) {
    if (sec ~ /^\.(text|init|fini|plt|iplt)/) return 1
    if (sec ~ /^\.(eh_frame|gcc_except_table)/) return 3
    if (sec ~ /^\.(rodata|note|stapsdt)/) return 2
    return 4
  }
  function add(sz, f) {
    if (skip) return
    o = origin(f); sz = hex(sz); t[o, kind(osec)] += sz; tot[o] += sz; all += sz
  }
  /^Linker script and memory map/ { on = 1; next }
  !on { next }
  /^[._a-zA-Z]/ { osec = $1; skip = (osec ~ /^\.(bss|tbss|comment|debug|gnu\.warning|gnu_debug|stab|note\.stapsdt|gnu\.build\.attributes)/ || osec ~ /^\/DISCARD\//); pend = ""; next }
  # input section alone on its line: the address, size and file follow on the next
  /^ [.*A-Za-z][^ ]*$/ { pend = $1; next }
  pend != "" && /^ +0x[0-9a-f]+ +0x[0-9a-f]+ +[^ ]/ { add($2, $3); pend = ""; next }
  /^ \*fill\* +0x[0-9a-f]+ +0x[0-9a-f]+/ { add($3, "*fill*"); next }
  /^ [.A-Za-z][^ ]* +0x[0-9a-f]+ +0x[0-9a-f]+ +[^ ]/ { if ($1 != "COMMON" || osec !~ /bss/) add($3, $4); pend = ""; next }
  { pend = "" }
  END {
    printf "%-22s %9s %9s %9s %9s %9s %6s\n", "part", "code", "rodata", "unwind", "data", "total", "%"
    n = 0; for (o in tot) keys[++n] = o
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (tot[keys[j]] > tot[keys[i]]) { x = keys[i]; keys[i] = keys[j]; keys[j] = x }
    for (i = 1; i <= n; i++) { o = keys[i]; if (!tot[o]) continue
      printf "%-22s %9d %9d %9d %9d %9d %6.1f\n", o, t[o,1], t[o,2], t[o,3], t[o,4], tot[o], 100 * tot[o] / all }
    printf "%-22s %49d\n", "sum of sections", all
  }' "$map"

strip -o "$out.stripped" "$out"
printf '%-22s %49d\n' "attribution link, strip" "$(stat -c %s "$out.stripped")"
if [[ -x build/nsbox ]]; then
  printf '%-22s %49d  (%s)\n' "build/nsbox" "$(stat -c %s build/nsbox)" \
    "$(file -b build/nsbox | grep -o 'statically linked' || echo 'NOT statically linked')"
fi
