#!/usr/bin/env bats
# ip -batch FILE / -batch - with -force, against iproute2 6.1: the reader
# (comments, continuations, quotes), "Command failed FILE:LINE", which
# failures end the batch and which end the process, exit codes.

load helpers
load ip_cases

@test "batch: reading commands (comments, blank lines, continuations, quotes)" {
  cases=(
    'printf "# a comment\n\nlink add v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02 # trailing\n  \n\tlink show v1\n" >b; ip -batch b; echo $?'
    # a continuation line; a comment stops the line before its backslash
    'printf "link \\\\\n show \\\\\n lo\nlink show lo # x \\\\\nlink show lo\n" | ip -batch -; echo $?'
    # quotes: a word that starts with a quote runs to the same quote
    'printf "link show \"lo\"\nlink show '"'"'lo'"'"'\naddress show dev \"lo\"x\n" | ip -batch -; echo $?'
    'printf "link show \"lo\n" | ip -batch -; echo $?'
    'printf "link show lo\\\\\n" | ip -batch -; echo $?'
    # CR LF line ends, tabs; a line that is only a comment
    'printf "link show lo\r\n\t# only\r\nlink\tshow\tlo\r\n" | ip -batch -; echo $?'
    # an empty file and /dev/null
    ': >e; ip -batch e; echo $?; ip -batch /dev/null; echo $?'
    # more words than iproute2 takes on a line
    'printf "link show lo %s\n" "$(seq 600 | tr "\n" " ")" | ip -batch -; echo $?'
    'printf "link show lo %s\n" "$(seq 520 | tr "\n" " ")" | ip -batch -; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "batch: failures, -force and exit codes" {
  cases=(
    # a kernel refusal: "Command failed FILE:LINE", the batch stops
    'printf "link add v1 type veth peer name v2\nlink add v1 type veth peer name v3\nlink show v3\n" >b; ip -batch b; echo $?; ip -br link | cut -d" " -f1'
    # -force goes on with the next line; the exit code is still 1
    'printf "link add v1 type veth peer name v2\nlink add v1 type veth peer name v3\nlink show nosuch\naddress add 10.0.0.1/24 dev v1\n" >b; ip -force -batch b; echo $?; ip -br -4 addr'
    'printf "link show lo\nfoo\nlink show lo\n" | ip -batch -; echo $?; printf "link show lo\nfoo\nlink show lo\n" | ip -force -batch -; echo $?'
    'printf "link add dev x type nosuchtype\nlink show lo\n" | ip -force -batch -; echo $?'
    # a usage error ends the process at once, -force or not
    'printf "link show lo\nlink set lo mtu x\nlink show lo\n" | ip -force -batch -; echo $?'
    'printf "address add 1.2.3.4/33 dev lo\nlink show lo\n" | ip -force -batch -; echo $?'
    'printf "help\nlink show lo\n" | ip -force -batch -; echo $?'
    'printf "link show lo\nlink help\n" | ip -batch -; echo $?'
    # failures counted on the last physical line of a continued command
    'printf "link show lo\nlink \\\\\nshow \\\\\nnosuch\nlink show lo\n" | ip -force -batch -; echo $?'
    'ip -batch /nonexistent; echo $?; ip -batch; echo $?; ip -force -batch; echo $?'
    'printf "netns foo\n" | ip -batch -; echo $?; printf "link foo\n" | ip -batch -; echo $?; printf "nosuch\n" | ip -b -; echo $?'
  )
  ip_cases "${cases[@]}"
}

# Not reproduced: iproute2's ipaddress.c keeps a static do_link that
# `link show` sets and nothing clears, so within one batch every address
# listing after a link listing prints links (with "mode", and without
# addresses when a device is named). nsbox lists addresses as asked.
@test "batch: options apply to every line, the family is reset per line" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; printf "address show v1\n-6 address show v1\naddress show v1\n" | ip -4 -force -batch -; echo $?'
    'mkveth v1 v2; printf "link show v1\nlink show lo\n" | ip -j -batch -; printf "address show lo\nlink show v1\n" | ip -j -p -batch -'
    'mkveth v1 v2; printf "link show v1\n" | ip -br -batch -; printf "address show lo\n" | ip -o -batch -'
    'ip netns add red; printf "link add v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02\nlink show\n" | ip -n red -batch -; ip -n red -br link'
    'mkveth v1 v2; printf "address show lo\nlink show v1\n" | ip -c=always -batch -'
  )
  ip_cases "${cases[@]}"
}

@test "batch: netns commands, exec forks and its status is the line's" {
  cases=(
    'printf "netns add red\nnetns add blue\nnetns list\nnetns exec red ip -br link\nnetns exec red false\nnetns delete blue\nnetns\n" | ip -force -batch -; echo $?'
    'printf "netns add red\nnetns exec red sh -c \"exit 3\"\nnetns list\n" | ip -batch -; echo $?'
    'printf "netns add red\nnetns exec red /nonexistent\nlink show lo\n" | ip -force -batch -; echo $?'
    # From a file, not a pipe: the child that failed to switch goes on
    # with the lines its stdio buffer holds, and only a file has them all
    # there at the fork (from a pipe, a CI run saw the writer's second
    # line reach one process only, in the reference's run alone).
    'printf "netns exec nosuch true\nlink show lo\n" > /tmp/lines; ip -force -batch /tmp/lines; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "batch: one netlink socket for the whole batch" {
  run sandbox "for i in \$(seq 50); do echo \"link add v\$i type veth peer name p\$i\"; echo \"link set v\$i up\"; echo \"address add 10.0.\$i.1/24 dev v\$i\"; done >b
    ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=socket -o tr ip -batch b >/dev/null; echo \$?
    grep -c 'socket(AF_NETLINK' tr; ip -br -4 addr | wc -l" "$NSBOX_BIN:$REF_PATH"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = 0 ]
  [ "${lines[1]}" = 1 ]
  [ "${lines[2]}" = 51 ] # and lo
}

# iproute2 resolves names through its ll_map cache, which lives for the
# whole batch: a name is asked for once, and only a successful link
# add/set/delete of that device drops it. A device that goes away any
# other way (the peer of a deleted veth) keeps its stale index, so later
# lines get the kernel's refusal instead of "Cannot find device".
@test "batch: names are resolved once and forgotten as iproute2 forgets them" {
  cases=(
    # the peer of a deleted veth stays cached; its new namesake is not found
    'printf "link add v1 type veth peer name v2\naddress add 10.0.0.1/24 dev v2\nlink delete v1\nlink add v2 type veth peer name v3\naddress add 10.0.0.2/24 dev v2\nroute add 10.9.0.0/16 dev v2\nlink set v2 up\nlink set v2 up\n" | ip -force -batch -; echo $?; ip -br -4 addr; ip -br link | cut -d" " -f1,2 | sort'
    # a failed set keeps the entry, a successful one drops it
    'printf "link add v1 type veth peer name v2\naddress add 10.0.0.1/24 dev v2\nlink set v2 mtu 99999999\nlink delete v1\nlink set v2 up\nlink set v2 up\n" | ip -force -batch -; echo $?'
    # renamed by link set: the old name is gone, the new one found
    'mkveth v1 v2; printf "address add 10.0.0.1/24 dev v1\nlink set v1 name w1\naddress add 10.0.0.2/24 dev v1\naddress add 10.0.0.3/24 dev w1\nlink set dev w1 name v1\nlink set v1 up\n" | ip -force -batch -; echo $?; ip -br -4 addr'
    # the master deleted and made again; master and device looked up once
    'mkveth v1 v2; printf "link add br0 type bridge\nlink set v1 master br0\nlink set v2 master br0\nlink delete br0\nlink add br0 type bridge\nlink set v2 master br0\nlink set v1 master nosuch\nlink set nosuch master br0\n" | ip -force -batch -; echo $?; ip -br link show master br0 | cut -d" " -f1'
    # a name the kernel does not know but of the form ifN is index N
    # (ll_idx_a2n), in a batch and alone; not remembered
    'printf "link set if1 mtu 70000\naddress add 10.0.0.1/8 dev if1\naddress add 10.0.0.2/8 dev if99\nlink set ifx up\nroute add 10.1.0.0/16 dev if1\nneigh add 10.0.0.9 lladdr 02:00:00:00:00:01 dev if1\nlink add if1 type bridge\nlink set if1 mtu 1400\n" | ip -force -batch -; echo $?; ip link set if1 up; echo $?; ip -br -4 addr show lo; ip -br link show if1 | cut -d" " -f1; ip link show lo | head -1'
    # a listing remembers every link it shows: later lines use those
    # indexes without asking (v2 went away with v1: the kernel refuses)
    'mkveth v1 v2; mkveth v3 v4 02; printf "link show\nlink delete v1\nlink set v2 up\nlink set v3 up\naddress add 10.0.0.1/24 dev v4\n" | ip -force -batch - >/dev/null; echo $?; ip -br link | cut -d" " -f1,2 | sort'
    'mkveth v1 v2; mkbr br0; t=$(mktemp); printf "address show\nlink set v1 master br0\nlink set v2 up\nroute show\nneigh show\nlink set v1 up\n" | ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=sendto -o $t ip -batch - >/dev/null; echo $?; grep -c RTM_GETLINK $t; rm -f $t'
    # an address length checked
    # against the cached device
    'mkveth v1 v2; printf "address add 10.0.0.1/24 dev v1\nlink set v1 address 02:00:00:00:00:09:01\nlink set v1 address 02:00:00:00:09:01\nlink set v1 up\n" | ip -force -batch -; echo $?; ip -br link show v1'
  )
  ip_cases "${cases[@]}"
}
