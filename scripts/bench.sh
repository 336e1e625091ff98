#!/usr/bin/env bash
# Speed and memory of nsbox's ip against iproute2's (and of its ping against iputils' and its tcpdump against tcpdump's,
# at the end), measured in the same run and reported as ratios (nsbox / reference:
# below 1 means nsbox is faster).
# Every measurement runs inside its own throwaway sandbox (new network and
# mount namespaces, private /run), so the host is never touched.
#
#   scripts/bench.sh                 all cases, 5 rounds each
#   ROUNDS=9 scripts/bench.sh        more rounds (the best round counts)
#   NSBOX=build/nsbox scripts/bench.sh
#   scripts/bench.sh --help
#   scripts/bench.sh ping            only the ping cases (see the end of this file)
#   scripts/bench.sh listings        only the 2000-link listings (IP_BASE=older-nsbox adds it)
#   scripts/bench.sh tcpdump         only the tcpdump cases (a 1M-packet capture; see tcpdump_cases)
#   scripts/bench.sh iptables        only the iptables cases (against iptables-nft; see iptables_cases)
#
# For each case and round, the two tools run back to back under the same
# load, the order alternating from round to round. The table shows, per run
# of the case, the best wall-clock time of each and their ratio, the best CPU
# time (user + system of the process tree, bash's `time`, 1 ms resolution)
# and its ratio, and the floor: the ratio nsbox would reach if its own code
# took no time at all. The floor is the larger of
#   - the kernel's share: the smaller system time of the two tools over
#     iproute2's CPU time (the kernel's work for the command, exec and page
#     faults included, is the same for both), and
#   - for the cases that start one ip per command (process start, the shell
#     loop), the CPU time of the same loop running an empty static program
#     instead of ip (its forks and execs alone, measured in the same
#     rounds), over iproute2's CPU time.
# A target below its floor cannot be met on this kernel and machine.
#
# Verdict per target: PASS when both the wall and the CPU ratio meet it;
# MISS otherwise, marked "floor" when the floor itself is above the target.
# On a shared machine the CPU ratio is the steadier one; the wall ratio is
# what a user waits. The callgrind instruction count at the end is
# deterministic for the same binaries and kernel state.
set -euo pipefail

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
  exit 0
fi

if [[ ${1:-} != --inside ]]; then
  only=${1:-}
  root=$(cd "$(dirname "$0")/.." && pwd)
  nsbox=$(readlink -f "${NSBOX:-$root/build/nsbox}")
  if [[ ! -x $nsbox ]]; then
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" -j2 --target nsbox
  fi
  [[ $(id -u) == 0 ]] || { echo "bench.sh: needs root (namespaces)" >&2; exit 1; }
  [[ -x /usr/sbin/ip ]] || { echo "bench.sh: needs iproute2 (/usr/sbin/ip) to compare with" >&2; exit 1; }
  bin=$(mktemp -d /tmp/nsbox-bench.XXXXXX)
  trap 'rm -rf "$bin"' EXIT
  "$nsbox" --install "$bin" >/dev/null
  NSBOX_BIN="$bin" TD_CACHE="$root/build" ROUNDS="${ROUNDS:-5}" ONLY="$only" bash "$0" --inside
  exit
fi

ref_ip=/usr/sbin/ip
nsb_ip=$NSBOX_BIN/ip
tmp=$(mktemp -d /tmp/nsbox-bench-data.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# sb SCRIPT: bash in a fresh sandbox (new netns + mount ns, private /run).
sb() {
  timeout --kill-after=10 900 unshare --net --mount --propagation private --fork -- \
    bash -c 'mount -t tmpfs -o mode=0755 bench-run /run && mkdir -p /run/netns &&
      '"$ref_ip"' link set lo up && eval "$1"' sb "$1"
}

# run_once SETUP BODY REPS IP: prints "WALL USER SYS" in ms for one run of
# BODY (the mean of REPS repetitions, in one shell: no process per
# repetition but the ip under test) in a sandbox prepared by SETUP with the
# reference ip (not timed). BODY and SETUP are files; BODY sees $IP. bash's
# `time` reports the shell's and its children's CPU time to the millisecond.
run_once() {
  local setup=$1 body=$2 reps=$3 ip=$4
  sb "
    . $setup >/dev/null 2>&1
    export IP=$ip
    TIMEFORMAT='%3R %3U %3S'
    { time bash -c 'for ((k = 0; k < $reps; k++)); do . $body; done >/dev/null' 2>&3; } 3>&2 2>$tmp/time.\$\$
    read -r w u s <$tmp/time.\$\$
    awk -v w=\$w -v u=\$u -v s=\$s -v r=$reps \
      'BEGIN { printf \"%.3f %.3f %.3f\\n\", w * 1000 / r, u * 1000 / r, s * 1000 / r }'
  "
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
ratio() { awk -v n="$1" -v r="$2" 'BEGIN { if (r > 0) printf "%.2f", n / r; else print "n/a" }'; }

results=()
# bench_case NAME TARGET REPS EXEC SETUP BODY: ROUNDS rounds of both tools,
# back to back, the order alternating. Records the best wall time and the
# best CPU time (user + system) of each, their ratios, the floor (see the
# top of this file) and the verdict. With EXEC=1 each round also runs BODY
# with an empty static program as $IP: the cost of the same loop's forks and
# execs alone, measured under the same load.
bench_case() {
  local name=$1 target=$2 reps=$3 exec=$4 setup="$tmp/setup.$RANDOM" body="$tmp/body.$RANDOM"
  printf '%s\n' "$5" >"$setup"
  printf '%s\n' "$6" >"$body"
  local rw="" rc="" rs="" nw="" nc="" ns="" ec="" w u s round tool tools
  for ((round = 0; round < ROUNDS; round++)); do
    tools="ref nsb"
    [[ $((round % 2)) == 1 ]] && tools="nsb ref"
    [[ $exec == 1 && -x $tmp/empty ]] && tools+=" empty"
    for tool in $tools; do
      case $tool in
        ref)
          read -r w u s < <(run_once "$setup" "$body" "$reps" "$ref_ip")
          rw=$(min "$w" "$rw")
          rc=$(min "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$rc")
          rs=$(min "$s" "$rs") ;;
        nsb)
          read -r w u s < <(run_once "$setup" "$body" "$reps" "$nsb_ip")
          nw=$(min "$w" "$nw")
          nc=$(min "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$nc")
          ns=$(min "$s" "$ns") ;;
        empty)
          read -r w u s < <(run_once "$setup" "$body" "$reps" "$tmp/empty" 2>/dev/null)
          ec=$(min "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$ec") ;;
      esac
    done
  done
  local wr cr floor verdict
  wr=$(ratio "$nw" "$rw")
  cr=$(ratio "$nc" "$rc")
  floor=$(ratio "$(min "$ns" "$rs")" "$rc")
  if [[ -n $ec ]]; then
    floor=$(awk -v f="$floor" -v e="$ec" -v r="$rc" \
      'BEGIN { x = r > 0 ? e / r : 0; printf "%.2f", (x > f ? x : f) }')
  fi
  verdict=$(awk -v w="$wr" -v c="$cr" -v f="$floor" -v t="$target" 'BEGIN {
    if (t == "-") print "";
    else if (w == "n/a" || c == "n/a") print "n/a";
    else if (w + 0 <= t + 0 && c + 0 <= t + 0) print "PASS";
    else if (f + 0 > t + 0) print "MISS (floor)";
    else print "MISS" }')
  results+=("$(printf '%-40s %8.2f %8.2f %5s %8.2f %8.2f %5s %5s %6s  %s' "$name" "$rw" "$nw" "$wr" "$rc" "$nc" "$cr" \
    "$floor" "$target" "$verdict")")
  printf '%s\n' "${results[-1]}"
}

# The states and batch files, written once.
{
  for i in $(seq 1000); do echo "link add v$i type veth peer name p$i"; done
  for i in $(seq 1000); do
    echo "address add 10.$((i / 250)).$((i % 250)).1/24 dev v$i"
    echo "address add 10.$((100 + i / 250)).$((i % 250)).1/24 dev p$i"
  done
} >"$tmp/links2000"
{
  cat "$tmp/links2000"
  for i in $(seq 1000); do
    printf 'address add fd00::%x:1/64 dev v%d\naddress add fd01::%x:1/64 dev p%d\n' "$i" "$i" "$i" "$i"
  done
} >"$tmp/links2000v6"
{
  echo "link add br0 type bridge"
  for i in $(seq 1000); do
    echo "link add v$i type veth peer name p$i"
    echo "link set p$i master br0"
  done
} >"$tmp/veth1000"
{
  for i in $(seq 3000); do echo "route add 10.$((i / 250)).$((i % 250)).0/24 via 192.168.0.2"; done
} >"$tmp/routes3000"
routes_setup="$ref_ip link add r0 type veth peer name r1; $ref_ip link set r0 up; $ref_ip link set r1 up
$ref_ip address add 192.168.0.1/16 dev r0"

# ping against iputils over a veth between two namespaces: flood echoes per
# second (ping -f -c 50000), the wall time of adaptive ping (ping -A -q -c
# 50000), the RTT min and avg ping -c 20 -i 0.2 prints (the lowest of the
# rounds; target at most 1) and the max RSS of ping -c 3 (at -i 0.2, the count and not the
# interval is what the issue names), each as nsbox / iputils measured in the
# same sandbox, the two tools alternating, the best of PING_ROUNDS rounds
# (default 2). Every ping is bounded by timeout(1) and must see all its
# replies. Targets: echoes/s at least 1 (ratio >= 1), wall at most 1, RSS at
# most 0.8. PING_BASE=/path/to/an/older/nsbox adds it as a third tool in the
# same rounds (its ratios to iputils on "base" rows): before/after figures
# measured under the same load.
ping_cases() {
  local ref=/usr/bin/ping nsb=$NSBOX_BIN/ping base=
  if [[ -n ${PING_BASE:-} ]]; then
    base=$tmp/base/ping
    mkdir -p "$tmp/base" && ln -sf "$(readlink -f "$PING_BASE")" "$base"
  fi
  [[ -x $ref ]] || { echo "ping cases: no iputils ping ($ref)"; return 0; }
  echo
  echo "ping over a veth between two namespaces: nsbox / iputils (best of ${PING_ROUNDS:-2} rounds)"
  cat >"$tmp/pingbench" <<'SCRIPT'
$IP netns add peer
$IP link add pv0 type veth peer name pv1 netns peer
$IP address add 10.9.0.1/24 dev pv0 && $IP link set pv0 up
$IP -n peer address add 10.9.0.2/24 dev pv1 && $IP -n peer link set pv1 up
$IP -n peer link set lo up
$REF -c 1 -W 5 10.9.0.2 >/dev/null || { echo "ping cases: the peer does not answer"; exit 1; }
# wall ARGS...: the wall time (s) of one ping that got all its 50000 replies, else 0.
wall() {
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$(timeout --kill-after=5 120 "$@" 2>&1 | tail -2)
  t1=$(date +%s.%N)
  grep -q ' 50000 received' <<<"$out" || { echo "ping cases: $* lost replies" >&2; echo 0; return; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || (a > 0 && a + 0 < b + 0)) ? a : b }'; }
rf= nf= ra= na= rr= nr= bf= ba= br= rm= nm= bm= rv= nv= bv=
for ((round = 0; round < ROUNDS; round++)); do
  tools="ref nsb"
  ((round % 2)) && tools="nsb ref"
  [[ -n $BASE ]] && tools+=" base"
  for tool in $tools; do
    case $tool in ref) p=$REF ;; nsb) p=$NSB ;; base) p=$BASE ;; esac
    f=$(wall "$p" -f -c 50000 10.9.0.2)
    a=$(wall "$p" -A -q -c 50000 10.9.0.2)
    r=$(timeout 30 /usr/bin/time -f %M "$p" -c 3 -i 0.2 10.9.0.2 2>&1 >/dev/null | tail -1)
    # The RTT min and avg it prints for 20 probes 0.2 s apart (ms).
    read -r tm tv < <(timeout 30 "$p" -c 20 -i 0.2 10.9.0.2 |
      sed -n 's#^rtt min/avg/max/mdev = \([0-9.]*\)/\([0-9.]*\)/.*#\1 \2#p') || true
    if [[ $tool == ref ]]; then
      rf=$(best "$f" "$rf") ra=$(best "$a" "$ra") rr=$(best "$r" "$rr")
      rm=$(best "$tm" "$rm") rv=$(best "$tv" "$rv")
    elif [[ $tool == base ]]; then
      bf=$(best "$f" "$bf") ba=$(best "$a" "$ba") br=$(best "$r" "$br")
      bm=$(best "$tm" "$bm") bv=$(best "$tv" "$bv")
    else
      nf=$(best "$f" "$nf") na=$(best "$a" "$na") nr=$(best "$r" "$nr")
      nm=$(best "$tm" "$nm") nv=$(best "$tv" "$nv")
    fi
  done
done
awk -v rf="$rf" -v nf="$nf" -v ra="$ra" -v na="$na" -v rr="$rr" -v nr="$nr" \
    -v bf="$bf" -v ba="$ba" -v br="$br" -v rm="$rm" -v nm="$nm" -v bm="$bm" -v rv="$rv" -v nv="$nv" -v bv="$bv" '
  function v(ok) { return ok ? "PASS" : "MISS" }
  BEGIN {
    printf "%-34s %10s %10s %6s %6s  %s\n", "case", "iputils", "nsbox", "ratio", "target", "verdict"
    if (rf > 0 && nf > 0) printf "%-34s %10.0f %10.0f %6.2f %6s  %s\n", "ping -f -c 50000 (echoes/s)",
      50000 / rf, 50000 / nf, rf / nf, ">=1", v(rf / nf >= 1)
    if (ra > 0 && na > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "ping -A -q -c 50000 (wall s)",
      ra, na, na / ra, "<=1", v(na / ra <= 1)
    if (rr > 0 && nr > 0) printf "%-34s %10d %10d %6.2f %6s  %s\n", "ping -c 3 -i 0.2 (max RSS KiB)",
      rr, nr, nr / rr, "<=0.8", v(nr / rr <= 0.8)
    if (rm > 0 && nm > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "ping -c 20 -i 0.2 (RTT min ms)",
      rm, nm, nm / rm, "<=1", v(nm / rm <= 1)
    if (rv > 0 && nv > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "ping -c 20 -i 0.2 (RTT avg ms)",
      rv, nv, nv / rv, "<=1", v(nv / rv <= 1)
    if (rf > 0 && bf > 0) printf "%-34s %10.0f %10.0f %6.2f %6s  %s\n", "  base: ping -f (echoes/s)",
      50000 / rf, 50000 / bf, rf / bf, ">=1", v(rf / bf >= 1)
    if (ra > 0 && ba > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "  base: ping -A -q (wall s)",
      ra, ba, ba / ra, "<=1", v(ba / ra <= 1)
    if (rr > 0 && br > 0) printf "%-34s %10d %10d %6.2f %6s  %s\n", "  base: ping -c 3 (max RSS KiB)",
      rr, br, br / rr, "<=0.8", v(br / rr <= 0.8)
    if (rm > 0 && bm > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "  base: RTT min ms",
      rm, bm, bm / rm, "<=1", v(bm / rm <= 1)
    if (rv > 0 && bv > 0) printf "%-34s %10.3f %10.3f %6.2f %6s  %s\n", "  base: RTT avg ms",
      rv, bv, bv / rv, "<=1", v(bv / rv <= 1)
  }'
SCRIPT
  sb "IP=$ref_ip REF=$ref NSB=$nsb BASE=$base ROUNDS=${PING_ROUNDS:-2}; . $tmp/pingbench"
}

# The listings of 2000 links carrying IPv4 and IPv6 addresses: CPU time,
# minor faults, max RSS and instructions, nsbox / iproute2, beside the
# kernel's share: a raw dump of the same tables (a small static program that
# reads each dump into one 32 KiB buffer and throws it away), over
# iproute2's figure. Targets: CPU 0.4, faults 0.25, instructions 0.3, RSS 0.8.
# IP_BASE=/path/to/an/older/nsbox adds it as a third tool in the same
# sandboxes ("base" rows: its ratios to iproute2), for before/after figures
# measured under the same load. `scripts/bench.sh listings` runs only these.
listing_cases() {
  local base="" spec args raw names tool
  if [[ -n ${IP_BASE:-} ]]; then
    mkdir -p "$tmp/base" && ln -sf "$(readlink -f "$IP_BASE")" "$tmp/base/ip"
    base=$tmp/base/ip
  fi
  printf '%s\n' '#include <linux/netlink.h>' '#include <linux/rtnetlink.h>' '#include <string.h>' \
  '#include <sys/socket.h>' '#include <unistd.h>' 'static char buf[32768];' \
  'static int dump(int fd, int type, unsigned seq) {' \
  '  struct { struct nlmsghdr h; struct ifinfomsg i; struct rtattr a; unsigned mask; } q;' \
  '  memset(&q, 0, sizeof q);' \
  '  q.h.nlmsg_len = type == RTM_GETLINK ? sizeof q : NLMSG_LENGTH(sizeof(struct ifaddrmsg));' \
  '  q.h.nlmsg_type = type; q.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; q.h.nlmsg_seq = seq;' \
  '  q.i.ifi_family = type == RTM_GETLINK ? AF_PACKET : AF_UNSPEC;' \
  '  q.a.rta_type = IFLA_EXT_MASK; q.a.rta_len = RTA_LENGTH(4); q.mask = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS;' \
  '  if (send(fd, &q, q.h.nlmsg_len, 0) < 0) return 1;' \
  '  for (;;) { ssize_t n = recv(fd, buf, sizeof buf, 0); if (n <= 0) return 1;' \
  '    for (struct nlmsghdr* h = (struct nlmsghdr*)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))' \
  '      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) return 0; } }' \
  'int main(int argc, char** argv) { int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);' \
  '  for (int i = 1; i < argc; i++) if (dump(fd, strcmp(argv[i], "addr") ? RTM_GETLINK : RTM_GETADDR, i)) return 1;' \
  '  return 0; }' | cc -O2 -static -x c - -o "$tmp/rawdump" 2>/dev/null || { echo "listing cases: no C compiler"; return 0; }
  echo
  echo "2000 links with IPv4 and IPv6 addresses: nsbox / iproute2 (kernel: a raw dump of the same tables / iproute2)"
  printf '%-16s %6s %6s %6s %6s  %7s %7s %6s %6s  %6s %6s %6s  %6s %6s %6s %6s  %s\n' "case" \
    "cpu" "ratio" "kernel" "target" "faults" "ratio" "kernel" "target" "rss" "ratio" "target" \
    "Minstr" "ratio" "kernel" "target" "verdict"
  for spec in "link show|link" "-br link|link" "-j addr show|link addr" "-br addr|link addr"; do
    args=${spec%%|*} raw=${spec#*|}
    # One sandbox per case: the programs see the same tables. CPU: the best
    # of ROUNDS loops of 10 runs (bash's time, ms resolution), the tools
    # alternating within each round.
    sb "$ref_ip -batch $tmp/links2000v6 >/dev/null 2>&1; cd $tmp
      tools=\"ref:$ref_ip nsb:$nsb_ip raw:$tmp/rawdump${base:+ base:$base}\"
      declare -A best
      for ((r = 0; r < $ROUNDS; r++)); do
        for t in \$tools; do
          name=\${t%%:*} prog=\${t#*:} a=\"$args\"; [[ \$name == raw ]] && a=\"$raw\"
          TIMEFORMAT='%3U %3S'; x=\$( { time for ((k = 0; k < 10; k++)); do \$prog \$a >/dev/null; done; } 2>&1 )
          x=\$(awk -v u=\${x% *} -v s=\${x#* } 'BEGIN { print (u + s) * 100 }')
          best[\$name]=\$(awk -v a=\$x -v b=\"\${best[\$name]:-}\" 'BEGIN { print (b == \"\" || a + 0 < b + 0) ? a : b }')
        done
      done
      for t in \$tools; do
        name=\${t%%:*} prog=\${t#*:} a=\"$args\"; [[ \$name == raw ]] && a=\"$raw\"
        read -r f m < <(/usr/bin/time -f '%R %M' \$prog \$a 2>&1 >/dev/null | tail -1)
        i=0
        if command -v valgrind >/dev/null; then
          i=\$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \$prog \$a 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
        fi
        echo \$name \${best[\$name]} \$f \$m \$i
      done" | awk -v name="$args" 'function q(a, b) { return b > 0 ? a / b : 0 }
      { c[$1] = $2; f[$1] = $3; m[$1] = $4; i[$1] = $5 }
      END {
        n = split("nsb base", who, " ")
        for (w = 1; w <= n; w++) {
          t = who[w]; if (!(t in c)) continue
          cr = q(c[t], c["ref"]); fr = q(f[t], f["ref"]); rs = q(m[t], m["ref"]); ir = q(i[t], i["ref"])
          v = (cr <= 0.4 && fr <= 0.25 && rs <= 0.8 && (i["ref"] == 0 || ir <= 0.3)) ? "PASS" : "MISS"
          if (q(c["raw"], c["ref"]) > 0.4) v = v " (cpu floor)"
          printf "%-16s %6.2f %6.2f %6.2f %6s  %7d %7.2f %6.2f %6s  %6d %6.2f %6s  %6.1f %6.2f %6.2f %6s  %s\n",
            (t == "base" ? "  base" : name), c[t] / 10, cr, q(c["raw"], c["ref"]), "0.4", f[t], fr,
            q(f["raw"], f["ref"]), "0.25", m[t], rs, "0.8", i[t] / 1e6, ir, q(i["raw"], i["ref"]), "0.3", v
        }
      }'
  done
  echo "(cpu: ms per run of nsbox; faults: minor faults of nsbox; rss: KiB of nsbox; Minstr: millions of instructions of nsbox)"
}

# tcpdump reading a capture, against tcpdump 4.99.3 (/usr/bin/tcpdump), in
# the same run: `-n -r`, `-n -v -r`, `-n -e -x -r` and `-n -r` with TZ set
# (TZ unset costs tcpdump a stat per packet) over a mixed capture
# of 1M packets. The capture is made here, once: two namespaces joined by a
# veth inside the bench's sandbox, ping and ping6 floods, a TCP
# request/response exchange (300 connections), DNS queries and answers over
# IPv4 and IPv6, NTP client/server packets, plain UDP (some to a closed
# port: ICMP unreachables) and ARP requests, captured on the veth with
# /usr/bin/tcpdump -w (about 130k packets, a few seconds), then copied by a
# python3 script until it holds 1M packets, each copy's timestamps shifted
# past the one before. It is kept in the build directory
# (build/bench-tcpdump-*.pcap, about 120 MB; delete them to make new ones)
# with its first 10k packets as a second file.
# Per case: the best of TD_ROUNDS rounds (default 3) of each tool, output to
# /dev/null, the tools alternating; wall and CPU time (user + system,
# /usr/bin/time, 10 ms resolution) and their ratios nsbox / tcpdump,
# target 0.25 (PASS when both meet it); the max RSS ratio (the largest of
# the rounds, target 0.6); and one run of each whose standard output is
# compared byte for byte (cmp): a MISMATCH is reported with the first
# differing line. Under callgrind (when valgrind is installed), the
# instructions of each tool over the 10k-packet file (deterministic for the
# same binaries; target 0.3 for `-n -r`). Debian's tcpdump drops its
# privileges to user tcpdump after opening the file: the files are made
# readable; when that user still cannot read them, both tools run with -Z root.
# `scripts/bench.sh tcpdump` runs only these.
tcpdump_cases() {
  local ref=/usr/bin/tcpdump nsb=$NSBOX_BIN/tcpdump cache=${TD_CACHE:-$tmp}
  local big=$cache/bench-tcpdump-v1-1m.pcap small=$cache/bench-tcpdump-v1-10k.pcap
  [[ -x $ref ]] || { echo "tcpdump cases: no tcpdump ($ref)"; return 0; }
  [[ -x /usr/bin/python3 ]] || { echo "tcpdump cases: no /usr/bin/python3 to make the capture"; return 0; }
  cat >"$tmp/tdtraffic.py" <<'PY'
# Traffic for the tcpdump capture, run inside bench.sh's sandbox: "server"
# in the peer namespace, "client" and "arp" in the first one, "replicate"
# afterwards. Every loop is bounded in count, and every socket waits at most
# a second; the server stops after 60 s whatever happens.
import os, random, select, socket, struct, sys, time

PEER4, PEER6 = "10.9.1.2", "fd00:9::2"
mode = sys.argv[1]
rnd = random.Random(9)

def dns_name(q):
    return b"".join(bytes([len(p)]) + p for p in q.split(b".")) + b"\0"

def server():
    tcp = socket.socket(); tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((PEER4, 5000)); tcp.listen(64)
    dns4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); dns4.bind((PEER4, 53))
    dns6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); dns6.bind((PEER6, 53))
    ntp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); ntp.bind((PEER4, 123))
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); sink.bind((PEER4, 9999))
    conns = []
    end = time.time() + 60
    print("ready", flush=True)
    while time.time() < end:
        r, _, _ = select.select([tcp, dns4, dns6, ntp, sink] + conns, [], [], 1)
        for s in r:
            if s is tcp:
                c, _ = tcp.accept(); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1); conns.append(c)
            elif s in (dns4, dns6):
                q, a = s.recvfrom(2048)
                if len(q) < 12: continue
                qtype = struct.unpack("!H", q[-4:-2])[0]
                name_end = len(q) - 4
                if qtype == 1:
                    ans = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([192, 0, 2, q[1] % 250 + 1])
                elif qtype == 28:
                    ans = b"\xc0\x0c" + struct.pack("!HHIH", 28, 1, 300, 16) + socket.inet_pton(socket.AF_INET6, "2001:db8::%x" % q[1])
                elif qtype == 15:
                    mx = dns_name(b"mail.example.com")
                    ans = b"\xc0\x0c" + struct.pack("!HHIHH", 15, 1, 3600, len(mx) + 2, 10) + mx
                else:
                    ans = b""
                rcode = 0 if ans else 3
                hdr = q[:2] + struct.pack("!HHHHH", 0x8180 | rcode, 1, 1 if ans else 0, 0, 0)
                s.sendto(hdr + q[12:name_end + 4] + ans, a)
            elif s is ntp:
                q, a = s.recvfrom(2048)
                now = int((time.time() + 2208988800) * 2**32)
                rep = struct.pack("!BBbbII4sQQQQ", 0x24, 2, 6, -20, 0x100, 0x200, b"\xc0\x00\x02\x01",
                                  now - 2**34, struct.unpack("!Q", q[40:48])[0] if len(q) >= 48 else 0, now, now + 5000)
                s.sendto(rep, a)
            elif s is sink:
                if s.recv(2048) == b"quit":
                    return
            else:
                d = s.recv(4096)
                if not d:
                    s.close(); conns.remove(s)
                else:
                    s.sendall(d * 2)

def client():
    for c in range(300):  # 300 connections of 10 exchanges each
        s = socket.create_connection((PEER4, 5000), timeout=1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(10):
            s.sendall(b"GET /%d/%d HTTP/1.1\r\nHost: bench\r\n\r\n" % (c, i))
            want, got = 2 * len(b"GET /%d/%d HTTP/1.1\r\nHost: bench\r\n\r\n" % (c, i)), 0
            while got < want:
                d = s.recv(4096)
                if not d: break
                got += len(d)
        s.close()
    d4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); d4.settimeout(1)
    d6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); d6.settimeout(1)
    for i in range(5000):  # DNS: A, AAAA, MX, TXT (NXDOMAIN) over IPv4 and IPv6
        s, a = (d6, (PEER6, 53)) if i % 4 == 3 else (d4, (PEER4, 53))
        qt = (1, 28, 15, 16)[i % 4]
        s.sendto(struct.pack("!HHHHHH", i & 0xffff, 0x0100, 1, 0, 0, 0) +
                 dns_name(b"host%d.example.com" % (i % 97)) + struct.pack("!HH", qt, 1), a)
        try: s.recv(2048)
        except OSError: pass
    n = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); n.settimeout(1); n.bind(("10.9.1.1", 123))
    for i in range(3000):  # NTP client requests (mode 3, version 4)
        now = int((time.time() + 2208988800) * 2**32)
        n.sendto(struct.pack("!BBbbII4sQQQQ", 0x23, 0, 6, -20, 0, 0, b"\0\0\0\0", 0, 0, 0, now), (PEER4, 123))
        try: n.recv(2048)
        except OSError: pass
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(3000):  # plain UDP, and a few to a closed port (ICMP unreachable)
        u.sendto(os.urandom(rnd.randrange(8, 600)), (PEER4, 9999 if i % 10 else 9998))
        if i % 10 == 0: time.sleep(0.0005)
    u.sendto(b"quit", (PEER4, 9999))

def arp(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    mac = s.getsockname()[4]
    for i in range(2000):
        pkt = (b"\xff" * 6 + mac + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) +
               mac + socket.inet_aton("10.9.1.1") + b"\0" * 6 + socket.inet_aton(PEER4))
        s.send(pkt)
        if i % 50 == 0: time.sleep(0.001)

def replicate(src, out, count, prefix, prefix_count):
    # Copies the capture until it has `count` packets; each copy is shifted
    # by the capture's span plus 1 ms, so the timestamps keep increasing.
    data = open(src, "rb").read()
    hdr, recs, off = data[:24], [], 24
    while off + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack_from("<IIII", data, off)
        recs.append((sec * 1000000 + usec, data[off + 8:off + 16 + incl]))
        off += 16 + incl
    stamps = [r[0] for r in recs]
    span = max(stamps) - min(stamps) + 1000
    with open(out + ".part", "wb") as f, open(prefix + ".part", "wb") as p:
        f.write(hdr); p.write(hdr)
        n = 0
        for k in range(count // len(recs) + 1):
            for ts, rest in recs:
                if n == count: break
                t = ts + k * span
                b = struct.pack("<II", t // 1000000, t % 1000000) + rest
                f.write(b)
                if n < prefix_count: p.write(b)
                n += 1
    os.rename(prefix + ".part", prefix); os.rename(out + ".part", out)
    print(len(recs), n)

if mode == "server": server()
elif mode == "client": client()
elif mode == "arp": arp(sys.argv[2])
elif mode == "replicate": replicate(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]))
PY
  echo
  if [[ ! -s $big || ! -s $small ]]; then
    echo "tcpdump: making the capture (kept as $big)"
    cat >"$tmp/tdcapture" <<'SCRIPT'
$IP netns add tdpeer
$IP link add tv0 type veth peer name tv1 netns tdpeer
$IP address add 10.9.1.1/24 dev tv0 && $IP -6 address add fd00:9::1/64 dev tv0 nodad && $IP link set tv0 up
$IP -n tdpeer address add 10.9.1.2/24 dev tv1 && $IP -n tdpeer -6 address add fd00:9::2/64 dev tv1 nodad
$IP -n tdpeer link set tv1 up && $IP -n tdpeer link set lo up
timeout 120 /usr/bin/tcpdump -Z root -B 32768 -i tv0 -w "$RAW" 2>"$RAW.err" & td=$!
for ((i = 0; i < 100; i++)); do grep -q 'listening on' "$RAW.err" && break; sleep 0.05; done
$IP netns exec tdpeer timeout 70 /usr/bin/python3 "$GEN" server >"$RAW.srv" & srv=$!
for ((i = 0; i < 100; i++)); do grep -q ready "$RAW.srv" && break; sleep 0.05; done
timeout 60 ping -q -f -c 30000 10.9.1.2 >/dev/null & p4=$!
timeout 60 ping -q -6 -f -c 20000 fd00:9::2 >/dev/null & p6=$!
timeout 60 /usr/bin/python3 "$GEN" arp tv0 & arp=$!
timeout 60 /usr/bin/python3 "$GEN" client || echo "tcpdump capture: the client failed" >&2
wait $p4 $p6 $arp
wait $srv
sleep 0.2
kill -INT $td
wait $td
grep captured "$RAW.err"
SCRIPT
    local t0=$SECONDS
    sb "IP=$ref_ip GEN=$tmp/tdtraffic.py RAW=$tmp/td-raw.pcap; . $tmp/tdcapture" || true
    mkdir -p "$cache"
    read -r raw total < <(/usr/bin/python3 "$tmp/tdtraffic.py" replicate "$tmp/td-raw.pcap" "$big" 1000000 "$small" 10000) ||
      { echo "tcpdump cases: the capture could not be made"; return 0; }
    echo "tcpdump: $raw packets captured, copied to $total in $((SECONDS - t0)) s"
    ((raw >= 100000)) || echo "tcpdump: WARNING: fewer than 100k packets captured ($raw)"
  fi
  chmod a+r "$big" "$small"
  local zarg=""
  if command -v setpriv >/dev/null && id tcpdump >/dev/null 2>&1 &&
    ! setpriv --reuid=tcpdump --regid=tcpdump --clear-groups test -r "$big"; then
    zarg="-Z root"
  fi
  echo "tcpdump reading a 1M-packet capture: nsbox / tcpdump ($($ref --version 2>&1 | head -1)), output to /dev/null," \
    "best of ${TD_ROUNDS:-3} rounds${zarg:+, both with $zarg}"
  cat >"$tmp/tdbench" <<'SCRIPT'
# one TOOL ARGS [ENV]: "WALL CPU RSS" (s, s, KiB) of one read of the big file.
one() {
  local x
  x=$(env $3 /usr/bin/time -f '%e %U %S %M' timeout 600 "$1" $ZARG $2 -r "$BIG" 2>&1 >/dev/null | tail -1)
  awk -v x="$x" 'BEGIN { split(x, a, " "); printf "%.2f %.2f %d\n", a[1], a[2] + a[3], a[4] }'
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
most() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'; }
printf '%-44s %8s %8s %5s %8s %8s %5s %6s  %-7s %8s %8s %5s %6s  %s\n' "case" "tcpdump" "nsbox" "wall" \
  "tcpdump" "nsbox" "cpu" "target" "verdict" "tcpdump" "nsbox" "rss" "target" "output"
printf '%-44s %8s %8s %5s %8s %8s %5s %6s  %-7s %8s %8s %5s %6s\n' "" "wall s" "wall s" "ratio" \
  "cpu s" "cpu s" "ratio" "" "" "RSS KiB" "RSS KiB" "ratio" ""
# The last case sets TZ: without it glibc's localtime() stats /etc/localtime
# at every call, once per packet in tcpdump, most of its system time.
for spec in "-n" "-n -v" "-n -e -x" "-n|TZ=:/etc/localtime"; do
  args=${spec%%|*} envs=
  [[ $spec == *'|'* ]] && envs=${spec#*|}
  rw= nw= rc= nc= rr= nr=
  for ((round = 0; round < ROUNDS; round++)); do
    tools="ref nsb"
    ((round % 2)) && tools="nsb ref"
    for tool in $tools; do
      if [[ $tool == ref ]]; then
        read -r w c m < <(one "$REF" "$args" "$envs")
        rw=$(best "$w" "$rw") rc=$(best "$c" "$rc") rr=$(most "$m" "$rr")
      else
        read -r w c m < <(one "$NSB" "$args" "$envs")
        nw=$(best "$w" "$nw") nc=$(best "$c" "$nc") nr=$(most "$m" "$nr")
      fi
    done
  done
  # The output, once, byte for byte.
  if cmpout=$(cmp <(env $envs "$REF" $ZARG $args -r "$BIG" 2>/dev/null) <(env $envs "$NSB" $ZARG $args -r "$BIG" 2>/dev/null) 2>&1); then
    same="same"
  else
    same="MISMATCH"
  fi
  awk -v name="${envs:+$envs }tcpdump $args -r" -v rw="$rw" -v nw="$nw" -v rc="$rc" -v nc="$nc" -v rr="$rr" -v nr="$nr" -v same="$same" '
    function q(a, b) { return b > 0 ? a / b : 0 }
    BEGIN {
      wr = q(nw, rw); cr = q(nc, rc); mr = q(nr, rr)
      v = (wr <= 0.25 && cr <= 0.25) ? "PASS" : "MISS"
      printf "%-44s %8.2f %8.2f %5.2f %8.2f %8.2f %5.2f %6s  %-7s %8d %8d %5.2f %6s  %s %s\n", name, rw, nw, wr,
        rc, nc, cr, "0.25", v, rr, nr, mr, "0.6", (mr <= 0.6 ? "PASS" : "MISS"), same
    }'
  if [[ $same != same ]]; then
    echo "!!! tcpdump $args -r: nsbox's output differs from tcpdump's: $cmpout"
    line=$(sed -n 's/.* line \([0-9]*\).*/\1/p' <<<"$cmpout")
    if [[ -n $line ]]; then
      echo "!!!   tcpdump: $("$REF" $ZARG $args -r "$BIG" 2>/dev/null | sed -n "${line}p;${line}q")"
      echo "!!!   nsbox:   $("$NSB" $ZARG $args -r "$BIG" 2>/dev/null | sed -n "${line}p;${line}q")"
    fi
  fi
done
if command -v valgrind >/dev/null; then
  echo
  echo "instructions (callgrind) over the first 10k packets, nsbox / tcpdump:"
  printf '  %-24s %14s %14s %6s %6s  %s\n' "case" "tcpdump" "nsbox" "ratio" "target" "verdict"
  for args in "-n" "-n -v" "-n -e -x"; do
    ri=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$REF" $ZARG $args -r "$SMALL" 2>&1 >/dev/null |
      sed -n 's/.*Collected : //p')
    ni=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$NSB" $ZARG $args -r "$SMALL" 2>&1 >/dev/null |
      sed -n 's/.*Collected : //p')
    t=-; [[ $args == -n ]] && t=0.3
    awk -v name="tcpdump $args -r" -v r="$ri" -v n="$ni" -v t="$t" 'BEGIN {
      x = r > 0 ? n / r : 0
      printf "  %-24s %14d %14d %6.2f %6s  %s\n", name, r, n, x, t, t == "-" ? "" : (x <= t ? "PASS" : "MISS") }'
  done
else
  echo "instructions: valgrind is not installed, no callgrind figures"
fi
SCRIPT
  sb "REF=$ref NSB=$nsb BIG=$big SMALL=$small ZARG='$zarg' ROUNDS=${TD_ROUNDS:-3}; . $tmp/tdbench"
}

# iptables against iptables-nft 1.8.9 on a mixed rule set (tcp ports,
# multiport, conntrack, comment, limit with LOG, REJECT), each tool in its
# own fresh sandbox per round, the rule set loaded by the reference's
# restore (not timed). CPU time (user + system) per command, best round:
# -A at 0 and at 1000 rules, -C of rule 500 at 1000 rules, -L -n at 1000
# rules, a 10,000-rule restore and save; max RSS of -L -n at 1000 rules.
# Targets (nsbox / iptables-nft): -A 0.4, -C 0.2, -L -n 0.5, restore 0.5,
# save 0.5, RSS 0.8, and nsbox's -A at 1000 at most 1.1x its -A at 0.
# The floor of each command is what no tool's code can go below: an empty
# static program's start, plus for -L, restore and save the kernel's share,
# measured by a small C program (floor.c below) that only sends the very
# batch nsbox's restore sent (recorded with strace) or only dumps the rules,
# and counts its own CPU time around that alone.
# `scripts/bench.sh iptables` runs only these.
iptables_cases() {
  local ref=/usr/sbin/iptables-nft
  [[ -x $ref ]] || { echo "iptables cases: no iptables-nft ($ref)"; return 0; }
  echo
  echo "iptables on a mixed rule set: nsbox / iptables-nft (best of ${IPT_ROUNDS:-3} rounds, CPU ms per command)"
  awk 'BEGIN {
    print "*filter"
    for (i = 0; i < 10000; i++) {
      a = int(i / 256) % 256; b = i % 256
      k = i % 6
      if (k == 0) printf "-A FORWARD -p tcp --dport %d -j ACCEPT\n", 1000 + i % 60000
      if (k == 1) printf "-A FORWARD -p udp -m multiport --dports 53,%d -j ACCEPT\n", 2000 + i % 60000
      if (k == 2) printf "-A FORWARD -s 10.%d.%d.0/24 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n", a, b
      if (k == 3) printf "-A FORWARD -d 10.9.%d.%d/32 -m comment --comment \"rule %d\" -j DROP\n", a, b, i
      if (k == 4) printf "-A FORWARD -m limit --limit %d/min -j LOG --log-prefix \"r%d \"\n", i % 50 + 1, i
      if (k == 5) printf "-A FORWARD -s 192.168.%d.0/24 -p tcp -j REJECT --reject-with tcp-reset\n", b
    }
    print "COMMIT"
  }' >"$tmp/ipt10000"
  { head -1001 "$tmp/ipt10000"; echo COMMIT; } >"$tmp/ipt1000"
  # rule 500 of the file, as -C takes it
  sed -n 501p "$tmp/ipt1000" | sed 's/^-A /-C /' >"$tmp/ipt_check"
  cat >"$tmp/iptbench" <<'SCRIPT'
# cpu N COMMAND...: CPU ms (user + system) per run of COMMAND, N runs in one shell.
cpu() {
  local n=$1; shift
  TIMEFORMAT='%3U %3S'
  { time for ((k = 0; k < n; k++)); do "$@" >/dev/null; done 2>/dev/null; } 2>"$DATA/t.$$"
  awk -v n="$n" '{ printf "%.3f", ($1 + $2) * 1000 / n }' "$DATA/t.$$"
}
one() { # TOOL RESTORE SAVE: one line of this round's figures for one tool
  local ipt=$1 rst=$2 sav=$3 a0 a1000 c l rss r s
  a0=$(cpu 20 $ipt -A INPUT -p tcp --dport 22 -j ACCEPT)
  $REF_RESTORE <"$DATA/ipt1000"
  a1000=$(cpu 20 $ipt -A FORWARD -p tcp --dport 22 -j ACCEPT)
  c=$(eval "cpu 20 $ipt $(cat "$DATA/ipt_check")")
  l=$(cpu 5 $ipt -L -n)
  rss=$(/usr/bin/time -f %M $ipt -L -n 2>&1 >/dev/null | tail -1)
  $REF -F; $REF -F INPUT
  r=$(cpu 1 $rst <"$DATA/ipt10000")
  s=$(cpu 1 $sav)
  [[ $($REF -S FORWARD | grep -c '^-A') == 10000 ]] || echo "iptables cases: the restore lost rules" >&2
  local kl=0 kr=0 ks=0 ka0=0 ka1000=0
  if [[ -n $FLOOR ]]; then # the kernel's share alone (see floor.c)
    ks=$($FLOOR dump filter)
    $REF -F; $REF -F INPUT
    ka0=$($FLOOR send "$DATA/batch.append" 20)
    $REF -F
    kr=$($FLOOR send "$DATA/batch.restore")
    $REF -F; $REF_RESTORE <"$DATA/ipt1000"
    kl=$($FLOOR dump filter)
    ka1000=$($FLOOR send "$DATA/batch.append" 20)
  fi
  echo "$a0 $a1000 $c $l $r $s $rss $(cpu 20 $EMPTY) $kl $kr $ks $ka0 $ka1000"
}
one "$IPT" "$IPT_RESTORE" "$IPT_SAVE"
SCRIPT
  [[ -x $tmp/empty ]] || printf 'int main(void) { return 0; }\n' | cc -O2 -static -x c - -o "$tmp/empty" 2>/dev/null ||
    cp /bin/true "$tmp/empty"
  cat >"$tmp/floor.c" <<'FLOOR'
/* The kernel's share of an nf_tables command, with no tool's own code: the
 * CPU time (user + system, ms) of this process while it sends a batch
 * recorded from a real run, or dumps a table's rules, and reads the
 * replies; its start and its reading of the file are not counted.
 *   floor send BATCHFILE [N]  (N times, the mean; BATCH_BEGIN's generation
 *                              is set to the current one each time)
 *   floor dump TABLE */
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

static double cpu_ms(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static char buf[1 << 16];

/* Reads replies until NLMSG_DONE (a dump) or until none is left (a batch). */
static void drain(int fd, int dump)
{
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, dump ? 0 : MSG_DONTWAIT);
        if (n <= 0)
            return;
        for (struct nlmsghdr* h = (struct nlmsghdr*)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
            if (h->nlmsg_type == NLMSG_DONE || (dump && h->nlmsg_type == NLMSG_ERROR))
                return;
    }
}

static uint32_t generation(int fd)
{
    struct { struct nlmsghdr h; struct nfgenmsg g; } req = {
        {sizeof req, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETGEN, NLM_F_REQUEST, 1, 0}, {AF_UNSPEC, 0, 0}};
    send(fd, &req, sizeof req, 0);
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    struct nlmsghdr* h = (struct nlmsghdr*)buf;
    if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nfgenmsg)) || h->nlmsg_type == NLMSG_ERROR)
        return 0;
    struct nlattr* a = (struct nlattr*)((char*)NLMSG_DATA(h) + NLMSG_ALIGN(sizeof(struct nfgenmsg)));
    uint32_t id;
    memcpy(&id, a + 1, 4); /* NFTA_GEN_ID, big endian */
    return id;
}

int main(int argc, char** argv)
{
    if (argc != 3 && argc != 4)
        return 2;
    int times = argc == 4 ? atoi(argv[3]) : 1;
    double spent = 0;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0)
        return 1;
    double before;
    if (strcmp(argv[1], "send") == 0) {
        FILE* f = fopen(argv[2], "rb");
        if (!f)
            return 1;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        char* batch = malloc(size);
        if (!batch || fread(batch, 1, size, f) != (size_t)size)
            return 1;
        int want = (int)size;
        setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof want);
        for (long i = 0; i < size; i += 4096) /* (the file's pages are in before the clock starts) */
            ((volatile char*)batch)[i];
        for (int t = 0; t < times; ++t) {
            uint32_t gen = generation(fd);
            memcpy(batch + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg)) + sizeof(struct nlattr), &gen, 4);
            before = cpu_ms();
            if (send(fd, batch, size, 0) != size)
                return 1;
            drain(fd, 0);
            spent += cpu_ms() - before;
        }
        printf("%.3f\n", spent / times);
        return 0;
    } else {
        struct {
            struct nlmsghdr h;
            struct nfgenmsg g;
            struct nlattr a;
            char name[64];
        } req;
        memset(&req, 0, sizeof req);
        size_t len = strlen(argv[2]) + 1;
        req.h.nlmsg_len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof req.g) + NLA_ALIGN(sizeof req.a + len);
        req.h.nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETRULE;
        req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        req.g.nfgen_family = AF_INET;
        req.a.nla_len = sizeof req.a + len;
        req.a.nla_type = NFTA_RULE_TABLE;
        memcpy(req.name, argv[2], len);
        before = cpu_ms();
        send(fd, &req, req.h.nlmsg_len, 0);
        drain(fd, 1);
    }
    printf("%.3f\n", cpu_ms() - before);
    return 0;
}
FLOOR
  local floor=""
  if cc -O2 -static "$tmp/floor.c" -o "$tmp/floor" 2>/dev/null && command -v strace >/dev/null; then
    # nsbox's restore batch, recorded in the state the timed restore starts
    # from (the table there, its chains flushed)
    # and its -A's (the same batch at 0 and at 1000 rules)
    sb "$ref-restore <$tmp/ipt1000; $ref -F; $ref -F INPUT
        strace -f -e trace=sendto,sendmsg -e write=all -o $tmp/restore.strace $NSBOX_BIN/iptables-restore <$tmp/ipt10000
        strace -f -e trace=sendto,sendmsg -e write=all -o $tmp/append.strace $NSBOX_BIN/iptables -A FORWARD -p tcp --dport 22 -j ACCEPT"
    local batch
    for batch in restore append; do
      perl -ne 'if (/^\d+ send(to|msg)\(.*NFNL_MSG_BATCH_BEGIN/) { $on = 1; next }
                if ($on && /^ \| [0-9a-f]{5,8}  (.{48})/) { my $h = $1; $h =~ s/ //g; print pack("H*", $h); next }
                $on = 0 if $on && !/^ \| /;' "$tmp/$batch.strace" >"$tmp/batch.$batch"
      rm -f "$tmp/$batch.strace"
    done
    [[ -s $tmp/batch.restore && -s $tmp/batch.append ]] && floor=$tmp/floor
  fi
  [[ -n $floor ]] || echo "iptables cases: the kernel's share is not measured (no cc, strace or recorded batch)"
  local round tool line rbest="" nbest=""
  for ((round = 0; round < ${IPT_ROUNDS:-3}; round++)); do
    for tool in ref nsb; do
      if [[ $tool == ref ]]; then
        line=$(sb "DATA=$tmp EMPTY=$tmp/empty FLOOR=$floor REF=$ref REF_RESTORE=$ref-restore IPT=$ref IPT_RESTORE=$ref-restore IPT_SAVE=$ref-save; . $tmp/iptbench")
        rbest=$(awk -v a="$line" -v b="$rbest" 'BEGIN { n = split(a, x); if (b == "") { print a; exit }
          split(b, y); for (i = 1; i <= n; i++) printf "%s%s", (x[i] + 0 < y[i] + 0 ? x[i] : y[i]), (i < n ? " " : "\n") }')
      else
        line=$(sb "DATA=$tmp EMPTY=$tmp/empty FLOOR=$floor REF=$ref REF_RESTORE=$ref-restore IPT=$NSBOX_BIN/iptables IPT_RESTORE=$NSBOX_BIN/iptables-restore IPT_SAVE=$NSBOX_BIN/iptables-save; . $tmp/iptbench")
        nbest=$(awk -v a="$line" -v b="$nbest" 'BEGIN { n = split(a, x); if (b == "") { print a; exit }
          split(b, y); for (i = 1; i <= n; i++) printf "%s%s", (x[i] + 0 < y[i] + 0 ? x[i] : y[i]), (i < n ? " " : "\n") }')
      fi
    done
  done
  awk -v r="$rbest" -v n="$nbest" 'BEGIN {
    split(r, a); split(n, b)
    split("-A at 0 rules|-A at 1000 rules|-C at 1000 rules|-L -n at 1000 rules|restore of 10000 rules|save of 10000 rules|max RSS of -L -n at 1000 (KiB)", name, "|")
    split("0.4|0.4|0.2|0.5|0.5|0.5|0.8", target, "|")
    # floor: an empty static program run the same way (a process per
    # command), plus for every case the kernel share floor.c
    # measured (the least of both sandboxes), over iptables-nft
    e = (a[8] < b[8] ? a[8] : b[8])
    k[4] = (a[9] < b[9] ? a[9] : b[9]); k[5] = (a[10] < b[10] ? a[10] : b[10]); k[6] = (a[11] < b[11] ? a[11] : b[11])
    # (-C reads the 1000 rules of its chain as -L does: the same dump)
    k[3] = k[4]
    # (-A sends the -A batch: its kernel share at 0 and at 1000 rules)
    k[1] = (a[12] < b[12] ? a[12] : b[12]); k[2] = (a[13] < b[13] ? a[13] : b[13])
    kernel = (k[5] > 0)
    printf "%-32s %12s %10s %6s %6s %6s  %s\n", "case", "iptables-nft", "nsbox", "ratio", "floor", "target", "verdict"
    for (i = 1; i <= 7; i++) {
      q = a[i] > 0 ? b[i] / a[i] : 0
      f = (i <= 4 && a[i] > 0) ? sprintf("%.2f", (e + k[i]) / a[i]) : (i <= 6 && kernel && a[i] > 0) ? sprintf("%.2f", (e + k[i]) / a[i]) : "-"
      printf "%-32s %12.2f %10.2f %6.2f %6s %6s  %s\n", name[i], a[i], b[i], q, f, target[i], (a[i] > 0 && q <= target[i]) ? "PASS" : (f != "-" && f + 0 > target[i] + 0) ? "MISS (floor)" : "MISS"
    }
    printf "%-32s %12.2f   (an empty static program, CPU ms per run)\n", "process start", e
    if (kernel)
      printf "%-32s %12.2f %10.2f %6.2f   (the kernel alone, CPU ms: dump of 1000 rules, send of the 10,000-rule batch, dump of 10,000)\n", "kernel share", k[4], k[5], k[6]
    # the growth floor: nsbox -A at 0 plus what the kernel alone adds to the
    # same -A batch at 1000 rules
    ka0 = (a[12] < b[12] ? a[12] : b[12]); ka1 = (a[13] < b[13] ? a[13] : b[13])
    g = (kernel && b[1] > 0) ? sprintf("%.2f", (b[1] + ka1 - ka0) / b[1]) : "-"
    if (kernel)
      printf "%-32s %12.3f %10.3f   (the kernel alone, CPU ms: the -A batch at 0 rules, at 1000)\n", "kernel share of -A", ka0, ka1
    if (b[1] > 0)
      printf "%-32s %23.2f %6s %6s  %s\n", "nsbox -A at 1000 / -A at 0", b[2] / b[1], g, "1.1", (b[2] / b[1] <= 1.1) ? "PASS" : (g != "-" && g + 0 > 1.1) ? "MISS (floor)" : "MISS"
  }'
}

if [[ ${ONLY:-} == ping ]]; then
  ping_cases
  exit 0
fi
if [[ ${ONLY:-} == iptables ]]; then
  echo "nsbox: $(readlink -f "$nsb_ip")   iptables: $(/usr/sbin/iptables-nft -V)"
  echo "kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  iptables_cases
  exit 0
fi
if [[ ${ONLY:-} == tcpdump ]]; then
  echo "nsbox: $(readlink -f "$nsb_ip")"
  echo "kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  tcpdump_cases
  exit 0
fi
if [[ ${ONLY:-} == listings ]]; then
  echo "nsbox: $(readlink -f "$nsb_ip")   iproute2: $($ref_ip -V)"
  echo "kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds (best counts)"
  listing_cases
  exit 0
fi

echo "nsbox: $(readlink -f "$nsb_ip")   iproute2: $($ref_ip -V)"
echo "kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds (best counts)"
echo
printf '%-40s %8s %8s %5s %8s %8s %5s %5s %6s  %s\n' "case (ms per run)" "ref" "nsbox" "wall" "ref" "nsbox" "cpu" "floor" "target" "verdict"
printf '%-40s %8s %8s %5s %8s %8s %5s %5s %6s\n' "" "wall" "wall" "ratio" "cpu" "cpu" "ratio" "" ""
# What a shell loop costs by itself: fork, exec and wait of an empty static
# program (when a C compiler is at hand). It is part of both sides of the
# two shell-loop cases and pulls their ratios towards 1.
if printf 'int main(void) { return 0; }\n' | cc -O2 -static -x c - -o "$tmp/empty" 2>/dev/null; then
  bench_case "(baseline: empty static program)" - 200 0 ':' "$tmp/empty"
fi
bench_case "process start: ip link show lo" 0.45 200 1 ':' '$IP link show lo'
bench_case "ip -j addr show, 2000 links" 0.30 10 0 "$ref_ip -batch $tmp/links2000" '$IP -j addr show'
bench_case "ip -br link, 2000 links" 0.30 10 0 "$ref_ip -batch $tmp/links2000" '$IP -br link'
bench_case "ip -batch: 1000 veth pairs on a bridge" 1.00 1 0 ':' "\$IP -batch $tmp/veth1000"
bench_case "ip -batch: 3000 route add" 1.00 1 0 "$routes_setup" "\$IP -batch $tmp/routes3000"
bench_case "500 separate ip addr add (shell loop)" 0.45 1 1 "$ref_ip link add a0 type veth peer name a1" \
  'for i in $(seq 500); do $IP addr add 10.1.$((i / 250)).$((i % 250))/32 dev a0; done'

listing_cases

echo
echo "max RSS (KiB), 2000 links:"
for args in "-j addr show" "-br link"; do
  for ip in "$ref_ip" "$nsb_ip"; do
    rss=$(sb "$ref_ip -batch $tmp/links2000; /usr/bin/time -f %M $ip $args 2>&1 >/dev/null | tail -1")
    printf '  %-12s %-40s %s\n' "$args" "$ip" "$rss"
  done
done

if command -v valgrind >/dev/null; then
  echo
  echo "instructions (callgrind), ip addr show with 2000 links:"
  declare -A ins
  for ip in "$ref_ip" "$nsb_ip"; do
    ins[$ip]=$(sb "$ref_ip -batch $tmp/links2000; cd $tmp; valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      $ip addr show 2>&1 >/dev/null | sed -n 's/.*Collected : //p'")
    printf '  %-40s %12s\n' "$ip" "${ins[$ip]}"
  done
  printf '  %-40s %12s\n' "ratio nsbox/iproute2" "$(ratio "${ins[$nsb_ip]}" "${ins[$ref_ip]}")"
fi

ping_cases
tcpdump_cases
iptables_cases

echo
pass=0 total=0
for r in "${results[@]}"; do
  case $r in
    *PASS) pass=$((pass + 1)) total=$((total + 1)) ;;
    *MISS*) total=$((total + 1)) ;;
  esac
done
echo "targets met: $pass of $total (PASS: wall and CPU ratio at or below the target;" \
  "MISS (floor): the floor alone is above it)"
