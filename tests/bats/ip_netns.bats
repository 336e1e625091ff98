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
  run sandbox "ip netns add red; ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=execve -o tr ip -n red link >/dev/null; grep -c execve tr" "$NSBOX_BIN:$REF_PATH"
  [ "$status" -eq 0 ]
  [ "$output" = 1 ]
}

@test "netns list-id and set: ids, target-nsid, auto, JSON, errors" {
  cases=(
    'ip netns add red; ip netns add blue; ip netns list-id; echo $?; ip netns set red 5; ip netns set blue auto; ip netns list-id; ip netns list; ip -j netns list-id; ip -j -p netns list-id'
    'ip netns add red; ip netns add blue; ip netns set red 5; ip netns list-id nsid 5; ip netns list-id nsid 7; echo $?; ip -j netns list-id nsid 5'
    # ids as another namespace sees them: "current-nsid" is ours
    'ip netns add red; ip netns add blue; ip netns set red 5; ip netns set blue 0; ip -n red netns set blue 9; ip netns list-id target-nsid 5; ip netns list-id target-nsid 5 nsid 0; ip -j netns list-id target-nsid 5'
    # a peer with an id but no name in /run/netns
    'ip netns add red; ip netns set red 3; touch x; mount --bind /run/netns/red x; umount /run/netns/red; rm /run/netns/red; ip netns list-id; ip -j netns list-id'
    'ip netns list-id foo; echo $?; ip netns list-id nsid; echo $?; ip netns list-id nsid x; echo $?; ip netns list-id nsid -1; echo $?; ip netns list-id nsid -1 foo; echo $?; ip netns list-id nsid 1 nsid 2; echo $?; ip netns list-id target-nsid 1 target-nsid 2; echo $?; ip netns list-id target-nsid 0x10; echo $?'
    'ip netns add red; ip netns set red 5; echo $?; ip netns set red 6; echo $?; ip netns set; echo $?; ip netns set red; echo $?; ip netns set red x; echo $?; ip netns set red -2; echo $?; ip netns set nosuch 3; echo $?; ip netns set red 0x7; echo $?'
    'ip netns add red; ip netns add blue; ip netns set red 4; ip netns set blue 4; echo $?; ip netns li; ip netns list-i'
    # identify, pids and the -all headers are plain text even under -j
    'ip -j netns list-id; ip -j -p netns list-id; ip netns add red; ip -j netns identify; ip -j netns pids red; ip -j -all netns exec true; ip -j netns list-id nsid 3; echo $?; ip -br netns; ip -o netns; ip -c netns; ip -s -d netns'
  )
  ip_cases "${cases[@]}"
}

@test "netns attach, identify, pids" {
  cases=(
    'sleep 5 & ip netns attach green $!; echo $?; ip netns list; ip netns identify $!; ip netns pids green | grep -c "^$!\$"; kill %1; wait'
    'unshare --net sleep 5 & sleep 0.3; p=$(pgrep -P $! sleep || echo $!); ip netns attach green $p; echo $?; ip netns identify $p; ip -n green link | head -1; ip netns attach green $p; echo $?; kill %1; wait'
    'ip netns attach x; echo $?; ip netns attach; echo $?; ip netns attach x 0; echo $?; ip netns attach x abc; echo $?; ip netns attach x 999999; echo $?; ls /run/netns'
    'ip netns add red; ip netns identify; ip netns identify $$; ip netns exec red ip netns identify; echo $?'
    'ip netns identify x; echo $?; ip netns identify 1 2; echo $?; ip netns identify 999999; echo $?; ip netns identify ""; echo $?'
    'umount /run/netns; rmdir /run/netns; ip netns identify; echo $?; ip netns identify self; echo $?'
    'ip netns add red; ip netns exec red sleep 5 & sleep 0.5; ip netns pids red | wc -l; ip netns pids; echo $?; ip netns pids red x; echo $?; ip netns pids nosuch; echo $?; kill %1; wait'
    'ip netns add red; ip netns add blue; ip netns pids blue; echo $?; ip netns p red; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "-all netns exec and delete" {
  cases=(
    'ip netns add a; ip netns add b; ip -all netns exec ip -br link; echo $?'
    'ip netns add a; ip netns add b; ip -all netns exec sh -c "exit 3"; echo $?; ip -all netns exec /nonexistent; echo $?'
    'ip -all netns exec true; echo $?; ip -all netns exec; echo $?; ip -a netns exec; echo $?'
    'umount /run/netns; rmdir /run/netns; ip -all netns exec true; echo $?; ip -all netns delete; echo $?'
    'ip netns add a; ip netns add b; ip -all netns delete; echo $?; ip netns; ls /run/netns | wc -l'
    'ip netns add a; ip netns add b; ip -all netns del x y; echo $?; ip netns'
    # the command is not a name: -all skips the name check
    'ip netns add a; ip -all netns exec ./x 2>&1; echo $?'
    # a command killed by a signal ends ip at once with 1
    'ip netns add a; ip netns add b; ip -all netns exec sh -c "kill -TERM \$\$"; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "netns monitor" {
  # script gives ip a terminal, so that each event line is written at once;
  # script's own "Session terminated" lines depend on load, so they are dropped
  # (ip's output and errors reach the file t through the terminal). The
  # monitor is stopped once the three events are in t (at most 5 s), not by a
  # fixed timer: a sanitizer build on a loaded machine took longer than one.
  cases=(
    'timeout 15 script -qfc "ip netns monitor" /dev/null >t 2>/dev/null & m=$!; sleep 1; ip netns add red; ip netns add blue; ip netns delete red; for i in $(seq 100); do n=$(grep -c . t 2>/dev/null); [ "${n:-0}" -ge 3 ] && break; sleep 0.05; done; kill $m; wait; tr -d "\r" <t'
  )
  ip_cases "${cases[@]}"
}

# A plain file left in /run/netns (its namespace mount gone): nsbox says
# what iproute2 says, then one line more that names the entry stale and how
# to remove it. Everything else is identical.
@test "a stale /run/netns entry is called stale" {
  local script='ip netns add red; touch /run/netns/stale; mkdir /run/netns/dir
    ip netns list; echo $?; ip -j netns; ip netns list-id; echo $?
    ip netns set stale 3; echo $?; ip -n stale link; echo $?; ip netns exec stale true; echo $?
    ip -all netns exec true; echo $?
    ip netns exec dir true; echo $?; ip netns pids stale; echo $?
    ip netns delete stale; echo $?; ip netns; echo $?'
  compare "$script"
  same_bytes "$ref_out_file" "$nsb_out_file" stdout
  [ "$ref_rc" = "$nsb_rc" ]
  local note='Note: /run/netns/stale is stale: a file, not a mounted network namespace; "ip netns delete stale" removes it'
  # list and -j list (once each, after the entry's error), set, -n, exec,
  # and -all exec twice: iproute2's child goes on with the next namespaces
  # after the stale one, so they (and the note) come twice
  [ "$(grep -cxF "$note" <<<"$nsb_err")" = 7 ]
  [ "$(grep -cF "Note:" <<<"$ref_err")" = 0 ]
  grep -vxF "$note" "$nsb_err_file" >"$BATS_TEST_TMPDIR/nsb.err.nonote"
  same_bytes "$ref_err_file" "$BATS_TEST_TMPDIR/nsb.err.nonote" "stderr without the note"
  # a directory is not called stale
  run -1 grep -q "/run/netns/dir is stale" "$nsb_err_file"
}
