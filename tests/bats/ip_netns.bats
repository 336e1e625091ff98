#!/usr/bin/env bats
# ip netns: add, delete, list, exec and ip -n, against iproute2 6.1.

load helpers
load ip_cases

@test "netns add/list/delete and their errors" {
  cases=(
    'ip netns add red; echo $?; ip netns list; ip netns; ip netns show; ip netns ls'
    'ip netns add red; ip netns add red; echo $?'
    'ip netns add red; ip netns add blue; ip netns list; ip netns delete red; ip netns list; ip netns del blue; ip netns'
    'ip netns del nosuch'
    'ip netns add; echo $?; ip netns delete; echo $?; ip netns exec; echo $?'
    'ip netns add a/b; echo $?; ip netns add ..; echo $?; ip netns add .; echo $?; ip netns exec a/b true'
    'ip netns add x y; ip netns list'
    'ip netns foo'
    'ip netns a red; ip netns l; ip netns d red; ip netns s'
    # /run/netns missing: created; a plain directory: made a shared mount
    'umount /run/netns 2>/dev/null; rmdir /run/netns; ip netns list; ip -j netns list; ip netns add red; ip netns list; findmnt -n -o PROPAGATION /run/netns'
    'ip netns add red; findmnt -n -o FSTYPE,PROPAGATION /run/netns/red; ip netns del red; ls /run/netns'
  )
  ip_cases "${cases[@]}"
}

@test "netns list shows nsids and prints JSON" {
  cases=(
    'ip netns add red; ip netns add blue; $R link add v1 type veth peer name v2 netns red; ip netns list; ip -j netns list | jq -c .; ip -j -p netns list'
    'ip -j netns; ip -j -p netns'
    'ip netns add red; ip netns add blue; ip -j -p netns list | jq -e "length == 2"'
  )
  ip_cases "${cases[@]}"
}

@test "netns exec: enters the namespace, /sys and /etc/netns, exit codes and signals" {
  cases=(
    'ip netns add red; ip netns exec red ip link; ip netns exec red ls /sys/class/net'
    'ip netns add red; ip netns exec red sh -c "exit 7"; echo $?'
    'ip netns add red; ip netns exec red sh -c "kill -TERM \$\$"; echo $?'
    'ip netns add red; ip netns exec red /nonexistent; echo $?'
    'ip netns add red; ip netns exec red; echo $?'
    'ip netns exec nosuch true; echo $?'
    'ip netns add red; mkdir -p /etc/netns/red; echo "nameserver 192.0.2.53" >/etc/netns/red/resolv.conf; ip netns exec red cat /etc/resolv.conf; rm -r /etc/netns/red'
    # exec replaces ip: the command runs as the same process
    'ip netns add red; sh -c "echo \$\$; exec ip netns exec red sh -c \"echo \\\$\\\$\"" | uniq | wc -l'
    # mounts made inside do not leak out
    'ip netns add red; ip netns exec red mount -t tmpfs none /mnt; findmnt -n /mnt; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "ip -n NAME runs in the namespace, in-process" {
  cases=(
    'ip netns add red; ip -n red link; ip -n red link set lo up; ip -n red addr; ip -n red route'
    'ip -n nosuch link; echo $?'
    'ip -n; echo $?'
    'ip netns add red; ip -n red link add v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02; ip -n red -br link; ip link show v1'
    'ip netns add red; ip -netns red -j -p addr show lo'
  )
  ip_cases "${cases[@]}"
}

@test "ip -n does not re-execute nsbox" {
  # (LeakSanitizer cannot run under ptrace: leaks are off for the traced run)
  run sandbox "ip netns add red; ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=execve -o /tmp/tr ip -n red link >/dev/null; grep -c execve /tmp/tr" "$NSBOX_BIN:$REF_PATH"
  [ "$status" -eq 0 ]
  [ "$output" = 1 ]
}
