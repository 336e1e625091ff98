#!/usr/bin/env bats
# ip neigh: add, change, replace, del, get, show, flush (text, -s, -br,
# JSON), against iproute2 6.1.
#
# The kernel walks its neighbour hash table in an order seeded at random
# per namespace, so two sandboxes list several entries in different
# orders: cases that list more than one entry either sort the text or
# show entries one at a time. The -s counters (used/confirmed/updated)
# are seconds since an event and are masked.

load helpers
load ip_cases

# Two veths, left down: the kernel accepts neighbours on a link that is
# down, and no IPv6 multicast entries (ff02::2, ff02::16) come and go.
NEIGH_SETUP='mkveth v1 v2; '
# Masks the time-dependent -s counters.
CI='sed -E "s#used [0-9]+/[0-9]+/[0-9]+#used N/N/N#; s/\"(used|confirmed|updated)\":[0-9]+/\"\1\":N/g"'

@test "neigh add/change/replace/del and show" {
  cases=(
    'ip neigh add 10.0.0.2 lladdr 02:00:00:00:01:02 dev v1; ip neigh show dev v1; ip n; ip -j n; ip -j -p n; ip -br n; ip -br -j n; $R n'
    'ip neigh add fd00::2 lladdr 02:00:00:00:01:02 dev v1 nud stale router; ip -6 neigh show dev v1; ip -6 n; ip -j -6 n; ip -4 n; $R -6 n show dev v1'
    'ip n add 10.0.0.3 dev v1 nud noarp lladdr 0:1:2:3:4:5; ip -4 n; ip -4 n show nud noarp; ip n show nud all 10.0.0.3; ip -4 -j n show nud noarp; ip -j n show nud all dev v1 | jq -c "sort_by(.dst)"; $R -4 n show nud noarp'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip n change 10.0.0.2 dev v1 lladdr 1:2:3:4:5:9 nud noarp; $R -4 n show nud noarp; ip n replace 10.0.0.2 dev v1 lladdr 1:2:3:4:5:a nud stale; ip n show 10.0.0.2; ip n chg 10.0.0.2 dev v1 nud permanent; ip n s 10.0.0.2; ip n del 10.0.0.2 dev v1; $R n s 10.0.0.2 nud all; ip n d 10.0.0.2 dev v1; echo $?'
    'ip n replace 10.0.0.77 dev v1 lladdr 1:2:3:4:5:6; ip n change 10.0.0.78 dev v1 lladdr 1:2:3:4:5:6; echo $?; $R n'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 protocol static; ip n add 10.0.0.3 dev v1 lladdr 1:2:3:4:5:6 protocol 99; ip n add 10.0.0.4 dev v1 lladdr 1:2:3:4:5:6 proto 200; ip n s 10.0.0.2; ip n s 10.0.0.3; ip -j n s 10.0.0.4; ip n show protocol static; ip n show protocol 99; ip n show protocol all | sort; $R n show 10.0.0.3'
    'ip n add 10.0.0.3 dev v1 extern_learn lladdr 1:2:3:4:5:6; ip n add 10.0.0.7 dev v1 managed; ip n add 10.0.0.8 dev v1 nud none lladdr 1:2:3:4:5:6; ip n s 10.0.0.3; ip n s 10.0.0.7; ip -j n s 10.0.0.7; ip n s nud none | sort; ip n s nud none nud perm | sort'
    'pneigh_lock; ip n add proxy 10.0.0.9 dev v1; ip n add proxy fd00::9 dev v1; ip n show proxy dev v1 | sort; ip -j -p n show proxy 10.0.0.9; ip -j n show proxy fd00::9; ip n; $R n show proxy dev v1 | sort; ip n del proxy 10.0.0.9 dev v1; ip n del proxy 10.0.0.11 dev v1; echo $?; $R n show proxy dev v1'
    # A proxy entry for no device outlives its namespace on this kernel
    # (it shows up again in a later namespace): delete it in the case, and
    # list proxies by device or address only.
    'pneigh_lock; ip n add proxy 10.0.0.210; ip n show proxy 10.0.0.210; ip -j n show proxy 10.0.0.210; ip n del proxy 10.0.0.210; echo $?; $R n show proxy 10.0.0.210; $R n del proxy 10.0.0.210 2>/dev/null; true'
    'ip -6 n add default dev v1 lladdr 1:2:3:4:5:6; ip -4 n add any dev v1 lladdr 1:2:3:4:5:7; ip n add 10.0.0.10 dev v1 lladdr 0x1:0x2:3:4:5:6; ip n add 10.0.0.13 dev v1 lladdr 1g:2:3:4:5:6; ip n add 10.0.0.14 dev v1 lladdr 1:2:3:4:5:6:7:8; ip n | sort; $R n | sort'
    'ip neighbour add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip neighbor show; ip neighbour ls; ip n l; ip n lst; ip neigh; ip ne; ip nei list; ip n s to 10.0.0.0/24; ip n s 10.0.0.0/31; ip n s 10.0.0.3; ip n s to fd00::/8'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip -s n show 10.0.0.2 | '"$CI"'; ip -s -j n show 10.0.0.2 | '"$CI"'; ip -s -s n s 10.0.0.2 | '"$CI"'; ip n show unused; ip n show dev v1 nud perm unused'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip n add 10.0.0.3 dev v2 lladdr 1:2:3:4:5:7; ip n show dev v2; ip -j n show dev v2; ip -br n show dev v1; ip n show master v1; ip n show nomaster | sort; mkbr br0; $R link set v2 master br0; ip n show master br0; ip -j n show master br0'
  )
  for c in "${cases[@]}"; do s+=("$NEIGH_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "neigh get" {
  cases=(
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip n get 10.0.0.2 dev v1; ip -j n get 10.0.0.2 dev v1; ip -br n get 10.0.0.2 dev v1; ip n get to 10.0.0.2 dev v1'
    'pneigh_lock; ip n get 10.0.0.99 dev v1; echo $?; ip n get 10.0.0.5; echo $?; ip n get 10.0.0.5 dev nosuch; echo $?; ip n get proxy 10.0.0.2 dev v1; echo $?; ip n get dev v1; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$NEIGH_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "neigh flush" {
  cases=(
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud stale; ip n add 10.0.0.3 dev v1 lladdr 1:2:3:4:5:7 nud perm; ip n add fd00::2 dev v1 lladdr 1:2:3:4:5:8 nud stale; ip -s n flush dev v1; echo $?; $R n show dev v1; ip n flush dev v1 nud perm; ip -s n flush dev v1; $R n show dev v1 nud all | sort'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud stale; ip -s -s n flush dev v1 | '"$CI"'; ip n add 10.0.0.4 dev v1 lladdr 1:2:3:4:5:6 nud noarp; ip -s n flush nud noarp dev v1; ip -s n flush nud all dev v1; $R n show nud all dev v1'
    # proxies: the count of a round is left out. Now and then (twice in six
    # full suite runs, under load) iproute2's first round reports 2 of the
    # 3 entries and still leaves none; nsbox has always said 3. The state
    # afterwards is compared.
    'pneigh_lock; ip n add proxy 10.0.0.9 dev v1; ip n add proxy 10.0.0.10 dev v1; ip n add proxy fd00::9 dev v1; ip -s n flush proxy dev v1 | sed "s/deleting [0-9]* entries/deleting N entries/"; $R n show proxy dev v1; ip n flush proxy dev v1; echo $?'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud stale; ip n add 10.0.0.3 dev v2 lladdr 1:2:3:4:5:6 nud stale; ip -4 n flush to 10.0.0.2; $R n; ip -6 n flush dev v1; ip -s n flush dev v1 to 10.9.0.0/16; ip -s n flush all; $R n'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud stale protocol static; ip n add 10.0.0.3 dev v1 lladdr 1:2:3:4:5:6 nud stale; ip -s n flush protocol static; $R n'
    'ip n flush; echo $?; ip n flush dev nosuch; echo $?; ip n flush nud foo; echo $?; ip -j n flush dev v1; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$NEIGH_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "neigh errors change nothing" {
  cases=(
    'for c in "add 10.0.0.2" "add 10.0.0.2 dev" "add dev v1" "add 10.0.0.2 dev nosuch" "add 10.0.0.2 dev v1 nud bogus" "add 10.0.0.2 dev v1 nud 3" "add 10.0.0.2 dev v1 lladdr zz" "add 10.0.0.2 dev v1 10.0.0.3"; do ip neigh $c; echo "rc=$?"; done; $R n show nud all dev v1 | sort'
    'for c in "add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 lladdr 1:2:3:4:5:6" "add foo dev v1" "add 10.0.0.4 dev v1 nud perm lladdr null" "add 10.0.0.4 dev v1 nud perm" "add 10.0.0.3 dev v1 extern_learn" "add fe80::1 dev v1 lladdr 1:2:3" "add 10.0.0.1/24 dev v1" "add default dev v1 lladdr 1:2:3:4:5:6" "add any dev v1"; do ip neigh $c; echo "rc=$?"; done; $R n show nud all dev v1 | sort'
    'for c in "add 10.0.0.8 dev v1 lladdr 1.2.3.4" "add 10.0.0.9 dev v1 lladdr 1:2::3:4:5" "add 10.0.0.11 dev v1 lladdr 100:2:3:4:5:6" "add 10.0.0.12 dev v1 lladdr 1:2:3:4:5:6:" "add 10.0.0.14 dev v1 lladdr -1:2:3:4:5:6" "add 10.0.0.15 dev v1 lladdr 1:2:3:4:5" "add 10.0.0.16 dev v1 lladdr 1:2:3:4:5:6 protocol foo" "add 10.0.0.17 dev v1 proxy"; do ip neigh $c; echo "rc=$?"; done; $R n show nud all dev v1 | sort'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:7; echo $?; ip n del 10.0.0.99 dev v1; echo $?; ip n del 10.0.0.2; echo $?; ip -6 n add 10.0.0.5 dev v1; echo $?; ip -4 n add fd00::6 dev v1; echo $?; $R n'
    'for c in "foo" "show foo" "show dev nosuch" "show nud bogus" "show protocol foo" "show novrf" "show vrf v1" "show master nosuch" "show dev v1 dev v2" "show dev" "add 10.0.0.2 dev v1 help" "add help" "help"; do ip neigh $c; echo "rc=$?"; done'
  )
  for c in "${cases[@]}"; do s+=("$NEIGH_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "neigh states, state numbers, abbreviations" {
  cases=(
    # a DELAY entry's timer is armed to fire at once and may turn it into
    # PROBE before the show (kernel timing, either tool): both count as one
    'for s in permanent perm p reachable reach stale noarp none incomplete delay probe failed fail 0x80 0x2 0 1; do ip n replace 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud $s; echo "$s $?"; ip n show 10.0.0.2 nud all | sed -E "s/ (DELAY|PROBE)( *)$/ DELAY-or-PROBE\\2/"; done'
    'ip n add 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6 nud stale; ip n add 10.0.0.3 dev v1 lladdr 1:2:3:4:5:6 nud noarp; ip n add 10.0.0.4 dev v1 lladdr 1:2:3:4:5:6 nud probe; for s in stale noarp probe perm reachable all 0x4 0x40; do echo "== $s"; ip n show nud $s | sort; done'
    'ip n a 10.0.0.2 dev v1 lladdr 1:2:3:4:5:6; ip n r 10.0.0.2 dev v1 lladdr 1:2:3:4:5:7; ip n c 10.0.0.2 dev v1 lladdr 1:2:3:4:5:8; ip n s; ip n de 10.0.0.2 dev v1; ip n g 10.0.0.2 dev v1; echo $?; $R n show nud all 10.0.0.2'
    'ip n add 10.0.0.2 dev v1 l 1:2:3:4:5:6 e; ip n add 10.0.0.3 dev v1 lladdr 1:2:3:4:5:6 router; ip n s 10.0.0.2; ip n s 10.0.0.3; ip -j -p n s 10.0.0.3; ip n add to 10.0.0.4 dev v1 lladdr 1:2:3:4:5:6; ip n s to 10.0.0.4'
    'ip -6 n add fd00::2 dev v1 lladdr 2:0:0:0:1:2 nud reachable; ip -6 n add fe80::2 dev v1 lladdr 2:0:0:0:1:3; ip -6 n get fd00::2 dev v1; ip n show fe80::2; ip -j n show fd00::2; ip -br -6 n show dev v1 | sort; ip -6 n del fe80::2 dev v1; $R -6 n show dev v1'
    'mkbr br0; ip n add 10.0.0.2 dev br0 lladdr 1:2:3:4:5:6; ip n add 10.0.0.3 dev lo lladdr 1:2:3:4:5:6; echo $?; ip n show dev br0; ip -br n show dev br0; ip n show dev lo nud all; $R n show nud all 10.0.0.3'
  )
  for c in "${cases[@]}"; do s+=("$NEIGH_SETUP$c"); done
  ip_cases "${s[@]}"
}
