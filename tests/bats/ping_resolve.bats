#!/usr/bin/env bats
# ping's name lookups against iputils 20221126 + glibc's resolver. nsbox is
# static and has no NSS modules: it reads /etc/hosts itself and asks DNS
# through c-ares, in nsswitch.conf's order. Each sandbox bind-mounts its own
# /etc/hosts, /etc/nsswitch.conf and /etc/resolv.conf; DNS questions go to a
# small responder on the sandbox's loopback (127.0.0.53) or to 203.0.113.53,
# which has no route there (nothing leaves the sandbox).
#
# Topology as in ping.bats: this netns 10.0.0.1/24 <-> netns b 10.0.0.3/24.

load helpers

setup_file() {
  nsbox_bin_setup
}

PRE='
mask() {
  sed -E "s/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms/, time Tms/;
          s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#; s#(mdev = T ms), pipe [0-9]+#\1#"
}
I=/usr/sbin/ip
$I netns add b
$I link add veth-a type veth peer name veth-b
$I link set veth-b netns b
$I addr add 10.0.0.1/24 dev veth-a
$I link set veth-a up
$I -n b addr add 10.0.0.3/24 dev veth-b
$I -n b link set veth-b up
mkdir -p /run/etc
cat >/run/etc/hosts <<"H"
# test hosts
127.0.0.1	localhost
10.0.0.3   green green.lab   # the replying host
10.0.0.9 ghost
10.0.0.9 ghost2 GHOST3
H
printf "nameserver 203.0.113.53\n" >/run/etc/resolv.conf
printf "hosts: files dns\n" >/run/etc/nsswitch.conf
for f in hosts resolv.conf nsswitch.conf; do mount --bind /run/etc/$f /etc/$f; done
files_only() { printf "hosts: files\n" >/run/etc/nsswitch.conf; }
with_bridge() { echo "10.0.0.1 bridge" >>/run/etc/hosts; }
'

same() { assert_same "$PRE$1"; }

@test "a hosts alias: the canonical name heads the output, replies name the host" {
  same 'ping -c 2 -i 0.2 green.lab | mask'
}

@test "names compare without case; the first matching line gives the name" {
  same 'ping -c 1 -W 0.5 GHOST3 | mask; ping -c 1 -W 0.5 ghost | mask'
}

@test "-n: no reverse lookups, the header keeps the name" {
  same 'ping -n -c 2 -i 0.2 green | mask'
}

@test "a numeric target makes no lookups at all" {
  same 'ping -c 1 10.0.0.3 | mask'
}

@test "unknown name, hosts only: Name or service not known" {
  same 'files_only; ping -c 1 nosuchhost'
}

@test "unknown name, unreachable name server: Temporary failure in name resolution" {
  same 'ping -c 1 nosuchhost'
  same 'printf "" >/run/etc/resolv.conf; ping -c 1 nosuchhost'
}

@test "From lines: the name, the number twice when no source knows it, once when DNS fails" {
  same 'with_bridge; ping -c 4 -i 0.5 ghost | mask'
  same 'files_only; ping -c 4 -i 0.5 ghost | mask'
  same 'ping -c 4 -i 0.5 ghost | mask'
}

@test "IDN: a Unicode name is looked up in ASCII and printed back in Unicode in a UTF-8 locale; the C locale refuses it" {
  # The first hosts line for 10.0.0.3 is its A-label name, so the reverse
  # lookups of the replies find it too.
  same 'sed -i "1i 10.0.0.3 xn--bcher-kva.example" /run/etc/hosts
LC_ALL=C.UTF-8 ping -c 2 -i 0.2 bücher.example | mask; LANG=C.UTF-8 ping -c 1 xn--bcher-kva.example | mask
ping -c 1 xn--bcher-kva.example | mask; ping -c 1 bücher.example; echo rc=$?'
}

@test "DNS: search domain, CNAME chain, reverse answers" {
  same "$DNS_START"'ping -c 2 -i 0.2 web | mask; ping -c 1 alias | mask; ping -c 1 web.lab. | mask'
}

@test "DNS: NXDOMAIN is Name or service not known; no PTR gives the number twice" {
  same "$DNS_START"'ping -c 1 nosuch; ping -c 2 -i 0.2 gw.lab | mask'
}

@test "localhost from the hosts file" {
  same 'ping -c 1 localhost | mask'
}
