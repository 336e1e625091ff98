# Table-driven differential cases for the ip applet, shared by ip_*.bats.
#
# A case is a shell script run through assert_same: once with iproute2 first
# on PATH, once with nsbox's symlinks first, each in a fresh sandbox. Stdout,
# stderr and the exit code must be identical. To add a case, add a line to a
# table: `ip_cases "${table[@]}"` runs every one and reports each that
# differs (with its script), so one broken case does not hide the others.
#
# IP_PRELUDE runs before every case. It makes state deterministic so that
# the two sandboxes can be compared byte for byte: DAD off, `ip` wrapped so
# that the kernel's DAD work has run before and after each call, and `mk*`
# helpers that build links with fixed MAC addresses (so
# link-local IPv6 addresses match) using the reference ip (/usr/sbin/ip),
# so that only the command under test differs between the two runs.

IP_PRELUDE='
R=/usr/sbin/ip
echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad
echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad
# settle IF...: waits (bounded) until each link has left the transient
# operstates the kernel reports right after a change.
settle() {
  local i d s
  for d in "$@"; do
    for i in $(seq 60); do
      s=$(cat /sys/class/net/$d/operstate 2>/dev/null)
      [ "$s" = up ] || [ "$s" = down ] && [ "$i" -gt 1 ] && break
      sleep 0.05
    done
  done
  sleep 0.1
}
# waitstate DEV STATE: waits (bounded, 5 s) until the operstate of DEV is STATE.
# The kernel sets operstates (and the RUNNING flag of a link) from its link-watch
# work queue, after the command that changed them has returned: under load
# a listing right after "link set X down" can still show the veth peer of X UP.
waitstate() {
  local i s
  for ((i = 0; i < 100; i++)); do
    s=; read -r s 2>/dev/null < "/sys/class/net/$1/operstate"
    [ "$s" = "$2" ] && return 0
    sleep 0.05
  done
}
# dadwait: waits (bounded) until no IPv6 address is tentative on a link that
# can finish DAD: lo, a link that is up with carrier, or any link whose DAD
# is off (the kernel then clears "tentative" even on a link that is down).
# Even with DAD off the kernel clears it from a work queue a moment after the
# address appears, so a listing right after an add could catch either state.
dadwait() {
  local i a x p s f d o busy all dad
  read -r all < /proc/sys/net/ipv6/conf/all/accept_dad
  for ((i = 0; i < 40; i++)); do
    busy=
    while read -r a x p s f d; do
      (( 0x$f & 0x40 )) || continue
      o=; read -r o 2>/dev/null < /sys/class/net/$d/operstate
      dad=1; read -r dad 2>/dev/null < /proc/sys/net/ipv6/conf/$d/accept_dad
      [ "$d" = lo ] || [ "$o" = up ] || [ "$o" = unknown ] && busy=1
      (( all < 1 && dad < 1 )) && busy=1
    done < /proc/net/if_inet6
    [ -z "$busy" ] && return 0
    sleep 0.025
  done
}
ip() { dadwait; command ip "$@"; local rc=$?; dadwait; return $rc; }
# mkveth A B [MAC-SUFFIX]: a veth pair with fixed MACs 02:00:00:00:NN:01/02.
mkveth() { $R link add "$1" address 02:00:00:00:${3:-01}:01 type veth peer name "$2" address 02:00:00:00:${3:-01}:02; }
# mkbr NAME [MAC-SUFFIX]: a bridge with a fixed MAC.
mkbr() { $R link add "$1" address 02:00:00:00:${2:-aa}:aa type bridge; }
# nsdad NS: DAD off inside a named namespace too.
nsdad() { $R netns exec "$1" sh -c "echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad"; }
# pneigh_lock: the rest of the script runs alone among the scripts that call
# it. Proxy neighbour entries live in one kernel table for all namespaces:
# an entry for no device outlives its namespace and shows in others, and a
# dump can miss entries while another namespace changes the table. Bats
# files run side by side, so cases that add or list proxies take this lock
# (held until the sandbox script exits; the bats run directory is shared by the
# sandboxes of one run; the /tmp of each sandbox is its own).
pneigh_lock() { exec 9>>"$NSBOX_RUN_TMPDIR/pneigh.lock" && flock -w 60 9; }
'

# ip_cases SCRIPT...: assert_same on each script (with the prelude); fails
# after running them all if any differed.
ip_cases() {
  local failed=0 n=0 s
  for s in "$@"; do
    n=$((n + 1))
    if ! assert_same "$IP_PRELUDE$s"; then
      echo "=== case $n failed"
      failed=$((failed + 1))
    fi
  done
  if ((failed)); then
    echo "$failed of $n cases differ"
    return 1
  fi
}
