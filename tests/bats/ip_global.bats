#!/usr/bin/env bats
# ip's global options (before the object), usage and help, against iproute2
# 6.1: same stdout, stderr and exit code.

load helpers
load ip_cases

@test "global options: family, json, pretty, brief, oneline" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; ip -4 addr; ip -6 addr; ip -0 addr'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -f inet addr show v1; ip -f inet6 addr show v1; ip -f link addr show v1; ip -family inet addr show v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -j link show v1; ip -j addr show v1; ip -j -p addr show v1; ip -json -pretty link show lo'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -br link; ip -br addr; ip -br -4 addr; ip -brief -6 addr'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add 10.0.0.2/24 dev v1; ip -o link; ip -o addr; ip -o -4 addr show v1; ip -oneline link show lo'
    'mkveth v1 v2; ip -j -br link; ip -j -o addr show lo'
    # options abbreviated, doubled dashes, "--" ending the options
    'ip --json link show lo; ip -- link show lo; ip -j -- link show lo; ip -jso link show lo'
    # options that change nothing for these commands
    'ip -h link show lo; ip -iec link show lo; ip -t link show lo; ip -ts link show lo; ip -a link show lo; ip -l 3 link show lo; ip -rc 65536 link show lo; ip -rc 0x10 addr show lo'
    # the last family option wins; -4 after -6
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -6 -4 addr show v1; ip -4 -0 addr show v1; ip -f inet -f inet6 addr show lo'
    # -N: numbers for route types, protocols, scopes, tables, realms, DS fields, groups, link types
    'mkveth v1 v2; $R link set lo up; $R link set v1 up; $R link set v2 up; settle v1 v2; $R addr add 10.0.0.1/24 dev v1; $R route add 10.9.0.0/16 via 10.0.0.2 proto static realm 5 tos 0x10; $R route add blackhole 10.8.0.0/16 table 100; $R neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v1 proto static; ip -N route show table all; ip -N -j route show table all; ip -Numeric link; ip -N -j -d link show lo; ip -N -4 addr; ip -N -o -4 addr; ip -N neigh; ip -N -j neigh; ip -N route get 10.9.0.1; ip -Nu -br link'
  )
  ip_cases "${cases[@]}"
}

@test "global option errors and usage" {
  cases=(
    'ip; echo $?'
    'ip -x link; echo $?'
    'ip -f foo link; echo $?; ip -f ipx link; echo $?; ip -f dnet link; echo $?'
    'ip -f; echo $?; ip -f help; echo $?; ip -l; echo $?; ip -b; echo $?; ip -rc; echo $?'
    'ip -rc x link; echo $?; ip -rc -1 link; echo $?'
    'ip -D link; echo $?; ip -I link; echo $?'
    'ip -c=foo link; echo $?; ip -colour link; echo $?; ip -c=Always link; echo $?'
    'ip -help; echo $?; ip -he; echo $?; ip help; echo $?; ip h; echo $?; ip he link; echo $?'
    'ip foo; echo $?; ip -4; echo $?; ip -j; echo $?'
    'ip -n nosuch link; echo $?; ip -netns nosuch -j link; echo $?'
    'ip -x -V; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "object help and keyword abbreviations" {
  cases=(
    'ip link help; echo $?'
    'ip address help; echo $?; ip a help; echo $?'
    'ip netns help; echo $?; ip netns h; echo $?'
    'ip route help; echo $?'
    'ip a; ip l; ip r'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip a s dev v1; ip a s v1; ip l s v1; ip link sh v1; ip addr ls v1; ip address list dev v1'
    'ip link foo; echo $?; ip address foo; echo $?; ip netns foo; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "-V prints an iproute2-shaped version line" {
  run "$NSBOX" ip -V
  [ "$status" -eq 0 ]
  [[ $output =~ ^ip\ utility,\ iproute2-6\.1\.0,\ nsbox\ [0-9.]+$ ]]
  run "$NSBOX" ip -Version
  [[ $output =~ ^ip\ utility,\ iproute2-6\.1\.0 ]]
  # -V ends option parsing at once, as iproute2's does
  run "$NSBOX" ip -V -x
  [ "$status" -eq 0 ]
}

@test "colour: -c=always, -color, palettes, never with JSON, auto only on a terminal" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; ip -c=always link; ip -c=always addr'
    'mkveth v1 v2; mkbr br0; ip link set v1 master br0; ip link set br0 up; ip link set v1 up; settle br0 v1; ip -c link; ip -color -br link; ip -c -br addr'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip link set v1 up; ip -color=always route; ip -c -4 route show dev v1'
    'mkveth v1 v2; ip link set v1 up; settle v1; ip -c -o link; ip -c -o addr show lo'
    # a dark background (COLORFGBG) selects the bold palette
    'mkveth v1 v2; COLORFGBG="15;0" ip -c link show v1; COLORFGBG="0;15" ip -c link show v1; COLORFGBG="15;default;8" ip -c -br link show v1'
    # JSON is never coloured; never/auto to a pipe print plain text
    'ip -c -j link show lo; ip -j -c=always addr show lo; ip -c=never link show lo; ip -c=auto link show lo; ip -color= link show lo | od -c | head -2'
  )
  ip_cases "${cases[@]}"
}

@test "colour: -c=auto colours a terminal" {
  # `script` gives the command a terminal; compare what each tool wrote to it
  cases=(
    'script -qec "ip -c=auto link show lo" /dev/null | tr -d "\r"; script -qec "ip -c=never link show lo" /dev/null | tr -d "\r"'
  )
  ip_cases "${cases[@]}"
}
