#!/usr/bin/env bats
# The RTM_NEWLINK / RTM_DELLINK bytes nsbox sends, against the bytes iproute2
# 6.1 sends for the same command: each command runs under strace in a
# sandbox, the link request is cut out of the sendmsg dump and normalized
# (sequence number and port id zeroed, and NLA_F_NESTED cleared: nsbox marks
# its nests as the kernel prefers, iproute2 does not), then compared along
# with stderr and the exit code. This is how dummy and 802.1Q vlan, which
# the development kernel lacks, are checked: the request must be iproute2's
# and the kernel's refusal must come out the same.
#
# Attributes are in iproute2's order for options written in the order
# address, broadcast, txqueuelen, mtu, netns, master, alias, group (iproute2
# sends them in command-line order; nsbox in that fixed order).

load helpers
load ip_cases

setup_file() {
  nsbox_bin_setup
  # The awk program that turns strace's hex dumps into one normalized line
  # per link request.
  REQ_AWK="$BATS_FILE_TMPDIR/req.awk"
  cat >"$REQ_AWK" <<'AWK'
function hexval(h) { return index("0123456789abcdef", substr(h, 1, 1)) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 17 }
function unnest(start, stop,    off, len, typ) {
  off = start
  while (off + 4 <= stop) {
    len = b[off] + 256 * b[off + 1]
    if (len < 4) break
    if (b[off + 3] >= 128) { b[off + 3] -= 128; unnest(off + 4, off + len) }
    off += int((len + 3) / 4) * 4
  }
}
function flush(    i, line, t, empty) {
  if (n >= 16) {
    t = b[4] + 256 * b[5]
    # RTM_NEWLINK, RTM_DELLINK; not iproute2's probe for RTM_NEWLINK
    # support (iplink_have_newlink: an empty request, nothing after the
    # header).
    empty = n == 32
    for (i = 16; i < 32 && empty; i++) if (b[i] != 0) empty = 0
    if ((t == 16 || t == 17) && !empty) {
      for (i = 8; i < 16; i++) b[i] = 0
      unnest(32, n)
      line = ""
      for (i = 0; i < n; i++) line = line sprintf("%02x", b[i])
      print line
    }
  }
  n = 0
}
/ send(msg|to)\(/ { flush(); next }
/^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {
  hex = substr($0, 11, 49)
  m = split(hex, parts, " ")
  for (i = 1; i <= m; i++) if (parts[i] ~ /^[0-9a-f][0-9a-f]$/) b[n++] = hexval(parts[i])
}
END { flush() }
AWK
  export REQ_AWK
}

# req CMD...: the command's stderr, its exit code, then its link requests.
REQ='
req() {
  # LeakSanitizer cannot run under ptrace (the ASan build in CI)
  ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=sendmsg,sendto -e write=all -o /tmp/req.st "$@" 2>/tmp/req.err; local rc=$?
  grep -v "^strace:" /tmp/req.err; echo "rc=$rc"
  awk -f '"'"'REQ_AWK_PATH'"'"' /tmp/req.st
}
'

req_cases() {
  local prelude=${REQ//REQ_AWK_PATH/$REQ_AWK} out=() s
  for s in "$@"; do out+=("$prelude$s"); done
  ip_cases "${out[@]}"
}

@test "request bytes: dummy and vlan (refused by this kernel) as iproute2 sends them" {
  req_cases \
    'req ip link add d0 type dummy' \
    'req ip link add d0 address 02:00:00:00:00:01 mtu 1400 type dummy' \
    'req ip link add name d0 txqueuelen 100 mtu 9000 group 4 type dummy' \
    'req ip link add d0 type dummy extra words' \
    'req ip link add link lo name v10 type vlan id 10' \
    'req ip link add link lo name v10 type vlan protocol 802.1ad id 10' \
    'req ip link add link lo name v10 address 02:00:00:00:00:10 type vlan id 4094 reorder_hdr off gvrp on' \
    'req ip link add link lo v11 type vlan protocol 802.1Q id 11 loose_binding on bridge_binding off mvrp on' \
    'req ip link add v12 type vlan id 12'
}

@test "request bytes: bridge, veth, macvlan, vxlan" {
  req_cases \
    'req ip link add br0 type bridge' \
    'req ip link add br0 address 02:00:00:00:00:aa broadcast 02:ff:ff:ff:ff:ff txqueuelen 5 mtu 1400 type bridge' \
    'req ip link add v1 type veth peer name v2' \
    'req ip link add v1 address 02:00:00:00:01:01 mtu 1400 type veth peer name v2 address 02:00:00:00:01:02 mtu 1300 alias other' \
    'mkbr br0; req ip link add v1 type veth peer name v2 master br0' \
    'req ip link add v1 type veth peer' \
    'mkbr br0; req ip link add link br0 name mv0 type macvlan mode bridge' \
    'mkbr br0; req ip link add link br0 name mv0 type macvlan bcqueuelen 10 mode passthru nopromisc' \
    'req ip link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789' \
    'req ip link add vx0 type vxlan ttl 5 tos 10 id 42 nolearning dstport 4789' \
    'req ip link add vx0 type vxlan dev lo ttl inherit df set flowlabel 7 ageing 30 maxaddress 9 srcport 100 200 proxy l2miss udp6zerocsumtx id 3 group 239.1.1.1 dstport 0' \
    'req ip link add vx0 type vxlan id 9 remote fd00::2 local fd00::1' \
    'req ip -4 link add vx0 type vxlan id 9 dstport 4789' \
    'req ip link add vx0 type vxlan external gbp dstport 4789'
}

@test "request bytes: set, delete" {
  req_cases \
    'mkveth v1 v2; req ip link set v1 up' \
    'mkveth v1 v2; req ip link set dev v1 down' \
    'mkveth v1 v2; req ip link set v1 address 02:00:00:00:09:09 broadcast 02:ff:ff:ff:ff:ff txqueuelen 9 mtu 1280' \
    'mkveth v1 v2; req ip link set v1 promisc on arp off multicast off allmulticast on dynamic on trailers off' \
    'mkveth v1 v2; req ip link set v1 name w1' \
    'mkveth v1 v2; req ip link set v1 mtu 1400 mode dormant state up' \
    'mkbr br0; mkveth v1 v2; req ip link set v1 master br0; req ip link set v1 nomaster' \
    'mkveth v1 v2; req ip link set v1 alias "an alias" group 7' \
    'mkveth v1 v2; req ip link set mtu 1400 group 0; ip -br link | cut -d" " -f1' \
    'mkveth v1 v2; req ip link del v1; mkveth v1 v2; req ip link delete dev v1 type veth' \
    'mkveth v1 v2; $R link set v1 group 3; req ip link delete group 3' \
    '$R link add vx0 type vxlan id 1 dstport 4789; req ip link set vx0 type vxlan ttl 9; req ip link set vx0 type vxlan learning'
}
