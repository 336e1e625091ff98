#!/usr/bin/env bats
# sysctl against procps-ng 4.0.2 (/usr/sbin/sysctl): the same script runs
# in two fresh sandboxes, once with the reference first on PATH and once
# with nsbox's sysctl. Only net.* keys are written: they belong to the
# sandbox's own network namespace. Files the tests load live on the
# sandbox's private /run; --system runs with tmpfs over the system
# directories, so only the test's own files are read.

load helpers

setup_file() {
  nsbox_bin_setup
}

same() { assert_same "$1"; }

@test "read a key: dots or slashes, -n, -b, -N" {
  same 'sysctl net.ipv4.ip_forward; sysctl net/ipv4/ip_forward; sysctl -n net.ipv4.ip_forward'
  same 'sysctl -b net.ipv4.ip_forward net.ipv4.ip_default_ttl; echo; sysctl -N net.ipv4.ip_forward'
  same 'sysctl net.ipv4.ip_local_port_range net.ipv4.ping_group_range'
}

@test "write: -w KEY=VALUE, KEY=VALUE, several, -q, -n, --dry-run" {
  same 'sysctl -w net.ipv4.ip_forward=1; sysctl net.ipv4.ip_forward'
  same 'sysctl net.ipv4.ip_forward=1 net.ipv4.ip_default_ttl=63; sysctl -n net.ipv4.ip_default_ttl'
  same 'sysctl -q net.ipv4.ip_forward=1; echo "rc=$?"; sysctl -n net.ipv4.ip_forward=0; sysctl -b net.ipv4.ip_forward=1; echo'
  same 'sysctl --dry-run net.ipv4.ip_forward=1; sysctl net.ipv4.ip_forward'
  same 'sysctl -N net.ipv4.ip_forward=1; sysctl -w net.ipv4.ip_local_port_range="1025 60000"; sysctl net.ipv4.ip_local_port_range'
  same 'sysctl -w "  net.ipv4.ip_forward  =  1  "; sysctl net/ipv4/ip_forward=0'
}

@test "the lab's net.ipv4.ip_forward=1 also reaches every interface's forwarding" {
  same '/usr/sbin/ip link add d0 type dummy; sysctl -w net.ipv4.ip_forward=1; sysctl net.ipv4.conf.d0.forwarding net.ipv4.conf.all.forwarding'
}

@test "unknown keys: cannot stat, -e, exit codes" {
  same 'sysctl x.y'
  same 'sysctl -e x.y; sysctl -e x.y=1'
  same 'sysctl x.y=1'
  same 'sysctl -w x.y=1'
  same 'sysctl net.ipv4.ip_forward x.y net.ipv4.ip_default_ttl'
  same 'sysctl net.ipv4.ip_forward.; sysctl net.ipv4/ip_forward; sysctl /net.ipv4.ip_forward'
}

@test "exit codes add for reads and OR for writes, as procps' do" {
  same 'sysctl ""'
  same 'sysctl net.ipv4.ip_forward net.ipv4.route.flush "" x'
  same 'sysctl net.ipv4.ip_forward = 1'
  same 'sysctl net.ipv4.ip_forward= 1'
}

@test "bad values and unwritable keys" {
  same 'sysctl net.ipv4.ip_forward=abc'
  same 'sysctl net.ipv4.ip_forward='
  same 'sysctl net.ipv4.ip_forward==1'
  same 'sysctl net.ipv4.tcp_available_congestion_control=reno'
  same 'sysctl net.ipv4.conf.lo=1'
  same 'sysctl -w net.ipv4.ip_forward'
  same 'sysctl =1'
  same 'sysctl "#net.ipv4.ip_forward=1"; echo "rc=$?"; sysctl -w " "; echo "rc=$?"'
}

@test "write-only and unreadable keys" {
  same 'sysctl net.ipv4.route.flush; echo "rc=$?"; sysctl net.ipv4.route.flush=1'
  same 'sysctl net.ipv6.conf.lo.stable_secret'
}

@test "separators: procps swaps dots and slashes, and warns about doubled ones" {
  same 'sysctl net..ipv4.ip_forward; sysctl net..ipv4.ip_forward=1; sysctl net//ipv4//ip_forward=0'
  same 'sysctl net/ipv4/conf/lo.forwarding; sysctl net.ipv4.conf/lo/forwarding'
  same '/usr/sbin/ip link add d0.5 type dummy; sysctl net.ipv4.conf.d0/5.forwarding; sysctl net/ipv4/conf/d0.5/forwarding'
  same 'sysctl ../../etc/passwd'
}

@test "directories list their keys; -a, -N, -r, --deprecated" {
  same 'sysctl net.ipv4.conf.lo; sysctl -n net.ipv4.conf.all'
  same 'sysctl -N -a'
  same 'sysctl -a -r "^net\.ipv4\.conf\.lo\."; sysctl -r forward net.ipv4.conf.lo'
  same 'sysctl -a -N --deprecated | grep -c .'
  same 'sysctl -a 2>&1 | grep "^net\.ipv4\.conf\." '
  same 'sysctl -r forward net.ipv4.ip_forward=1; sysctl -r nomatch net.ipv4.ip_forward=1'
}

@test "-p/--load: comments, globs, exclusions, ignored failures, bad lines" {
  conf='mkdir -p /run/c
/usr/sbin/ip link add d0 type dummy
cat >/run/c/a.conf <<"C"
# comment
; another
net.ipv4.ip_forward = 1
net.ipv4.conf.*.forwarding = 1
-net.ipv4.conf.d0.forwarding
   net.ipv4.ip_default_ttl   =   63
bogus line
-x.y.z = 3
x.y.w = 4
net.ipv4.tcp_syncookies = abc
C
printf "net.ipv4.ip_default_ttl=61\n" >/run/c/b.conf
'
  same "$conf"'sysctl -p /run/c/a.conf; echo "rc=$?"; sysctl net.ipv4.conf.d0.forwarding net.ipv4.conf.lo.forwarding'
  same "$conf"'sysctl -p/run/c/a.conf -q; sysctl --load=/run/c/b.conf'
  same "$conf"'sysctl -p /nonexistent /run/c/b.conf'
  same "$conf"'sysctl -p "/run/c/*.conf" -r ttl'
  same "$conf"'echo net.ipv4.ip_forward=1 | sysctl -p -'
  same "$conf"'sysctl -e -q --load=/run/c/a.conf'
}

@test "--system reads the system directories and /etc/sysctl.conf" {
  same 'for d in /etc/sysctl.d /usr/lib/sysctl.d; do mount -t tmpfs none $d; done
mkdir -p /run/sysctl.d
echo "net.ipv4.ip_forward = 1" >/etc/sysctl.d/20-fwd.conf
echo "net.ipv4.ip_default_ttl = 60" >/usr/lib/sysctl.d/10-ttl.conf
echo "net.ipv4.ip_default_ttl = 61" >/usr/lib/sysctl.d/20-fwd.conf
printf "net.ipv4.conf.all.rp_filter=2\nx.y=1\n" >/run/sysctl.d/05-rp.conf
echo README >/etc/sysctl.d/README
printf "# c\nnet.ipv4.tcp_syncookies = 0\n" >/run/sysctl.conf; mount --bind /run/sysctl.conf /etc/sysctl.conf
sysctl --system; echo "rc=$?"
sysctl net.ipv4.ip_forward net.ipv4.ip_default_ttl net.ipv4.conf.all.rp_filter net.ipv4.tcp_syncookies
sysctl -q --system -n; sysctl -p; echo "rc=$?"'
}

@test "getopt_long: clusters, permutation, --, abbreviations, optional -p argument" {
  same 'sysctl -ne x.y net.ipv4.ip_forward; sysctl net.ipv4.ip_forward -n; sysctl --val net.ipv4.ip_forward'
  same 'sysctl -- -net.ipv4.ip_forward=1; sysctl -- -x.y=1'
  same 'sysctl -o -x net.ipv4.ip_forward'
}

@test "usage and option errors: procps prints its usage on stdout and exits 0" {
  same 'sysctl -z'
  same 'sysctl --foo=bar'
  same 'sysctl --d'
  same 'sysctl --v'
  same 'sysctl -r'
  same 'sysctl --pattern'
  same 'sysctl --all=1'
  same 'sysctl -h; sysctl -d; sysctl --help'
  same 'sysctl -net.ipv4.ip_forward=1'
  # getopt acts on the options before a bad one: -h still wins.
  same 'sysctl -h -z; sysctl -h --foo; sysctl -a --d; sysctl -n -r'
}

@test "no arguments, no variables, -N with -q" {
  same 'sysctl'
  same 'sysctl -w'
  same 'sysctl -n'
  same 'sysctl -N -q net.ipv4.ip_forward'
}

@test "without privileges: permission denied, exit 1" {
  same 'P="setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all"
$P sysctl net.ipv4.ip_forward=1; echo "rc=$?"; $P sysctl -w -- -net.ipv4.ip_forward=1; echo "rc=$?"; $P sysctl net.ipv4.ip_forward'
}

@test "-V names procps' version nsbox follows" {
  run -0 "$NSBOX" sysctl -V
  [[ "$output" == *"procps-ng 4.0.2"* ]]
}

@test "a failed write of stdout: write error with the reason, exit 1" {
  same 'sysctl net.ipv4.ip_forward >/dev/full; echo "rc=$?"'
  same 'sysctl -w net.ipv4.ip_forward=1 >/dev/full; echo "rc=$?"'
  same 'sysctl -h >/dev/full; echo "rc=$?"'
  same 'sysctl -a | head -1; echo "rc=$?"'
}
