#!/usr/bin/env bats
# ip tuntap (and ip tap): add, del, show/list/lst with -j, -j -p, -o, -d,
# iproute2's errors and exit codes; ip -d link details of tun and tap
# devices; and what `ip link` does with kind "tun". Against iproute2 6.1:
# the kernel state after each nsbox command is listed with the reference.
# -d tuntap scans every process's descriptors and prints one line on
# stderr per one it cannot read (which depends on the host's processes),
# so those cases compare stdout only.

load helpers
load ip_cases

# Random tap MACs masked; the state as the reference lists it.
TT_PRE='mask() { sed -E "s/link\/ether [0-9a-f:]+/link\/ether MAC/"; }
state() { echo "-- state"; $R tuntap; $R -d link show | mask; }
# hold DEV [IFF-FLAGS]: a process named "tunholder" attached to DEV (flags in
# hex, default 1001: IFF_TUN|IFF_NO_PI) until the script ends (it is killed
# then). /proc is the host'"'"'s, so holders of other sandboxes show too:
# cases that hold use device names no other case uses.
trap '"'"'kill $(jobs -p) 2>/dev/null'"'"' EXIT
hold() { perl -e '"'"'open(my $f, "+<", "/dev/net/tun") or die; ioctl($f, 0x400454ca, pack("a16 s x22", $ARGV[0], hex($ARGV[1]))) or die "$!"; $0 = "tunholder"; open(my $r, ">", "/run/held"); close $r; sleep 60'"'"' "$1" "${2:-1001}" & for i in $(seq 100); do [ -e /run/held ] && break; sleep 0.02; done; rm -f /run/held; }
'
tt_cases() { local s all=(); for s in "$@"; do all+=("$TT_PRE$s"); done; ip_cases "${all[@]}"; }

@test "tuntap add: modes and flags, user and group; the kernel state after" {
  cases=(
    'ip tuntap add t0 mode tun; ip tuntap add dev t1 mode tap pi vnet_hdr; ip tuntap add name t2 mode tap one_queue multi_queue; ip tap add t3 mode tun pi; echo $?; state'
    'ip tuntap add t0 mode tun user 0 group 0; ip tuntap add t1 mode tap user root group root; ip tuntap add t2 mode tun user nobody group nogroup; ip tuntap add t3 mode tun user 4000000 group 4000000; state'
    # -1 and 2^32-1 are "no owner"; other numbers are cut to 32 bits as a uid_t
    'ip tuntap add t0 mode tun user -1 group -1; ip tuntap add t1 mode tun user -5; ip tuntap add t2 mode tun user 99999999999 group 4294967295; ip tuntap add t3 mode tun user 999999999999999999999; state'
    # no name, a pattern, abbreviations
    'ip tuntap add mode tun; ip tuntap add mode tap; ip tuntap add mode tun; ip tuntap add x%d mode tap; ip tuntap a z0 m ta p v o mu; ip tunt add z1 mod tu; state'
    'ip tuntap add t0 mode tun name t0; echo $?; ip tuntap add t1 dev t2 mode tap; echo $?; ip tuntap add name t3 dev t4 mode tun; echo $?; state'
  )
  tt_cases "${cases[@]}"
}

@test "tuntap add: errors and exit codes, nothing made" {
  cases=(
    'ip tuntap add t0; echo $?; ip tuntap add t0 mode; echo $?; ip tuntap add t0 mode foo; echo $?; ip tuntap add t0 mode tun mode tap; echo $?; ip tuntap add t0 mode tap mode tun; echo $?; ip tuntap add t0 mode "" ; echo $?; state'
    'ip tuntap add t0 mode tun user nosuch; echo $?; ip tuntap add t0 mode tun group nosuch; echo $?; ip tuntap add t0 mode tun user 12x; echo $?; ip tuntap add t0 mode tun user ""; echo $?; ip tuntap add t0 mode tun user; echo $?; state'
    'ip tuntap add t0 t1 mode tun; echo $?; ip tuntap add dev t0 name t1 mode tun; echo $?; ip tuntap add dev aaaaaaaaaaaaaaaaaaaaaaa mode tun; echo $?; ip tuntap add a/b mode tun; echo $?; ip tuntap add "a b" mode tun; echo $?; ip tuntap add "" mode tun; echo $?; ip tuntap add t0 mode tap name; echo $?; state'
    # an existing device: EBUSY from TUNSETIFF
    'ip tuntap add t0 mode tun; ip tuntap add t0 mode tun; echo $?; ip tuntap add t0 mode tap; echo $?; ip tuntap add lo mode tap; echo $?; mkveth v1 v2; ip tuntap add v1 mode tap; echo $?; state'
    # no /dev/net/tun (hidden in the sandbox'"'"'s own mount namespace)
    'mount -t tmpfs none /dev/net; ip tuntap add t0 mode tun; echo $?; ip tuntap del t0 mode tun; echo $?; ip tuntap; ip -d tuntap; state'
    'ip tuntap help; echo $?; ip tuntap add help; echo $?; ip tuntap add t0 mode tun help; echo $?; ip tuntap foo; echo $?; ip tap bar; echo $?; ip tuntap "" ; echo $?; state'
  )
  tt_cases "${cases[@]}"
}

@test "tuntap del|delete: removes, makes and removes, errors" {
  cases=(
    '$R tuntap add t0 mode tun; $R tuntap add t1 mode tap user 0; ip tuntap del t0 mode tun; echo $?; ip tuntap delete dev t1 mode tap; echo $?; state'
    # a name that does not exist is made and removed at once; the wrong mode is EINVAL
    '$R tuntap add t0 mode tun; ip tuntap del t9 mode tap; echo $?; ip tuntap del t0 mode tap; echo $?; ip tuntap d t0 mode tun pi; echo $?; state'
    '$R tuntap add t0 mode tun; ip tuntap del t0; echo $?; ip tuntap del t0 mode tun user 5; echo $?; ip tuntap del t0 mode tun group 5; echo $?; ip tuntap del mode tun; echo $?; state'
    # held by a process: not persistent any more, but alive until it closes
    '$R tuntap add h1 mode tun; hold h1; ip tuntap del h1 mode tun; echo $?; state; ip -d tuntap 2>/dev/null | sed -E "s/\([0-9]+\)/(PID)/g"'
    '$R link add v1 type veth peer name v2; ip tuntap del v1 mode tap; echo $?; state'
  )
  tt_cases "${cases[@]}"
}

@test "tuntap show|list|lst: text, -o, -j, -j -p, -c, none, other links" {
  TOPO='$R tuntap add t0 mode tun; $R tuntap add t1 mode tap pi vnet_hdr multi_queue one_queue user 1000 group 100; $R tuntap add t2 mode tap user root; $R tuntap add t3 mode tun group 0; mkveth v1 v2; mkbr br0; '
  cases=(
    'ip tuntap; ip tuntap show; ip -j tuntap; ip -j -p tuntap; ip -o tuntap'
    "$TOPO"'ip tuntap; ip tuntap show; ip tuntap list; ip tuntap lst; ip tuntap l; ip tuntap s; ip tap; ip tuntap show foo bar'
    "$TOPO"'ip -j tuntap | jq -e . >/dev/null && ip -j tuntap; ip -j -p tuntap; ip -o tuntap; ip -br tuntap; ip -s tuntap'
    "$TOPO"'ip -c tuntap; ip -c=always tuntap list; ip -c -j tuntap'
    # flags iproute2 cannot set: IFF_NAPI and IFF_NAPI_FRAGS are printed in hex
    'perl -e '"'"'open(my $f, "+<", "/dev/net/tun") or die; ioctl($f, 0x400454ca, pack("a16 s x22", $ARGV[0], 0x32)) or die; ioctl($f, 0x400454cb, 1) or die'"'"' n0; ip tuntap; ip -j tuntap; ip -d link show n0 | mask'
    "$TOPO"'ip netns add red; ip -n red tuntap add r0 mode tap; ip -n red tuntap; ip tuntap; $R -n red tuntap'
  )
  tt_cases "${cases[@]}"
}

@test "tuntap -d: attached processes (stdout only)" {
  cases=(
    '$R tuntap add h2 mode tun; $R tuntap add h3 mode tap; ip -d tuntap 2>/dev/null; ip -d -o tuntap 2>/dev/null; ip -d -j tuntap 2>/dev/null; ip -d -j -p tuntap 2>/dev/null'
    '$R tuntap add h4 mode tun; $R tuntap add h5 mode tap; hold h4; hold h5 1002; ip -d tuntap 2>/dev/null | sed -E "s/\([0-9]+\)/(PID)/g"; ip -d -o tuntap 2>/dev/null | sed -E "s/\([0-9]+\)/(PID)/g"; ip tuntap'
    # a device made by a process and not persistent
    'hold h6 1002; ip tuntap; ip -d tuntap 2>/dev/null | sed -E "s/\([0-9]+\)/(PID)/g"; ip -d link show h6 | mask'
  )
  tt_cases "${cases[@]}"
}

# iproute2 6.1 writes each attached process's "name" and "pid" as keys
# straight into the "processes" array, which no JSON parser accepts; nsbox
# writes one object per process (see applets/ip/tuntap.cpp).
@test "tuntap -d -j: attached processes as valid JSON (nsbox only)" {
  run -0 nsb "$IP_PRELUDE$TT_PRE"'$R tuntap add h7 mode tun; hold h7; echo $! > /run/pid
    ip -d -j tuntap 2>/dev/null | jq -c --argjson p "$(cat /run/pid)" ".[0].processes == [{name: \"tunholder\", pid: \$p}]"'
  [ "$output" = true ]
  run -0 nsb "$IP_PRELUDE$TT_PRE"'$R tuntap add h8 mode tun; ip -d -j -p tuntap 2>/dev/null | jq -c .'
  [ "$output" = '[{"ifname":"h8","flags":["tun","persist"],"processes":[]}]' ]
}

@test "ip -d link: tun and tap details, text, -o, -j, -j -p" {
  TOPO='$R tuntap add t0 mode tun; $R tuntap add t1 mode tap pi vnet_hdr multi_queue user 0 group 0; $R tuntap add t2 mode tap one_queue user 4000000 group 4000000; $R tuntap add t3 mode tun user nobody; $R link set t1 address 02:00:00:00:00:01; $R link set t2 address 02:00:00:00:00:02; '
  cases=(
    "$TOPO"'ip -d link; ip -d link show t1; ip -d -o link show t2; ip -N -d link show t1'
    "$TOPO"'ip -d -j link | jq -e . >/dev/null && ip -d -j link; ip -d -j -p link show t1'
    "$TOPO"'ip -d link show type tun; ip -d -br link; ip -d addr show t0; ip -d -j addr show t3'
    # attached queues of a multi_queue device
    '$R tuntap add h9 mode tun multi_queue; hold h9 1101; ip -d link show h9; ip -d -j link show h9'
  )
  tt_cases "${cases[@]}"
}

@test "ip link and kind tun: add and set refused by the kernel, help, delete" {
  cases=(
    'ip link add t0 type tun; echo $?; ip link add t0 type tun mode tap; echo $?; ip link add t0 type tap; echo $?; state'
    '$R tuntap add t0 mode tun; ip link set t0 type tun foo; echo $?; ip link set t0 up; ip link del t0; echo $?; state'
    'ip link help tun; echo $?'
  )
  tt_cases "${cases[@]}"
}

@test "tuntap in -batch: failures that return and failures that exit" {
  cases=(
    'printf "tuntap add t0 mode tun\ntuntap add t0 mode tun\ntuntap add t1 mode tap\ntuntap\n" | ip -batch -; echo $?; state'
    'printf "tuntap add t0 mode tun\ntuntap add t0\ntuntap add t1 mode tap\n" | ip -force -batch -; echo $?; state'
    'printf "tuntap add t0 mode tun\ntuntap add t1 mode foo\ntuntap add t2 mode tap\n" | ip -force -batch -; echo $?; state'
  )
  tt_cases "${cases[@]}"
}
