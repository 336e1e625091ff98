#!/usr/bin/env bats
# iptables on nf_tables: nsbox against /usr/sbin/iptables-nft (1.8.9).
#
# Each case runs the same script in two fresh sandboxes (reference tools
# first on PATH, or nsbox's links first) and compares stdout, stderr and the
# exit code. Cross-listing cases mix the tools inside one sandbox: rules
# written by one are read by the other (/usr/sbin/iptables-nft is always the
# reference; plain `iptables` is whichever side is under test).

load helpers

REF=/usr/sbin/iptables-nft

# iptables 1.8.9 prints the protocol column of `-L -n` as a number (0, 6, 17,
# 1); upstream before and after 1.8.9 prints the name (all, tcp, udp, icmp),
# and so does nsbox. Rewrite that one column of the reference's output; the
# field is "%-4s " followed by the "--" of the opt column, so widths match.
norm_proto() {
  sed -E 's/([ !])0    -- /\1all  -- /; s/([ !])6    -- /\1tcp  -- /;
          s/([ !])17   -- /\1udp  -- /; s/([ !])1    -- /\1icmp -- /'
}

# assert_same_n SCRIPT: assert_same, with the reference's -n protocol column
# normalised as above.
assert_same_n() {
  compare "$1" || return 1
  norm_proto <"$ref_out_file" >"$ref_out_file.proto"
  ref_out_file=$ref_out_file.proto
  assert_compared "$1"
}

LAB='
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
iptables -A FORWARD --in-interface br -j ACCEPT
iptables -A FORWARD --out-interface br -j ACCEPT
'

@test "the lab's rules: -t nat -L -n, -S, -L -v -n" {
  assert_same_n "$LAB"'
iptables -t nat -L -n; echo "rc=$?"
iptables -S; iptables -t nat -S
iptables -L -v -n; iptables -L; iptables -t nat -L -v -n --line-numbers'
}

@test "the lab's rules leave the same nf_tables ruleset" {
  assert_same "$LAB"'nft list ruleset; nft --debug=netlink list ruleset 2>/dev/null | grep -v "^$"'
}

@test "rules nsbox adds are listed identically by the real iptables-nft" {
  assert_same "$LAB"'
iptables -A FORWARD -s 10.1.2.128/25 -d 192.168.0.1 -p tcp -j DROP
iptables -I FORWARD 2 ! -s 10.1.0.0/16 ! -i br+ -p udp -j REJECT
iptables -N user; iptables -A user -p icmp -j RETURN; iptables -A FORWARD -g user
iptables -A FORWARD -p tcp --sport 1000:2000 ! --dport 22 -j user
iptables -P INPUT DROP
'"$REF"' -S; '"$REF"' -L -v; '"$REF"' -t nat -L -v --line-numbers
/usr/sbin/iptables-nft-save | grep -v "^#"; /usr/sbin/iptables-nft-save -t nat | grep -v "^#"'
}

@test "rules the real iptables-nft adds are listed identically by nsbox" {
  assert_same_n "$(echo "$LAB" | sed "s|^iptables|$REF|")"'
'"$REF"' -A FORWARD -s 10.1.2.128/25 -d 192.168.0.1 -p tcp -j DROP
'"$REF"' -I FORWARD 2 ! -s 10.1.0.0/16 ! -i br+ -p udp -j REJECT --reject-with tcp-reset
'"$REF"' -N user; '"$REF"' -A user -p icmp -j RETURN; '"$REF"' -A FORWARD -g user
'"$REF"' -A FORWARD -p tcp --sport 1000:2000 ! --dport 22 -j user
'"$REF"' -A FORWARD -p udp -m udp --dport 53 -m comment --comment "dns \"x\"" -j ACCEPT
'"$REF"' -A FORWARD -s 10.0.0.1/255.255.0.255 -o eth+ ! -p tcp
'"$REF"' -P FORWARD DROP
iptables -S; iptables -L; iptables -L -n -v; iptables -L -n --line-numbers -x -v
iptables -t nat -S; iptables -t nat -L -n; iptables -S FORWARD 2; iptables -L FORWARD 3 -n'
}

@test "-D by specification and by number, -C, -F: same effect, same ruleset" {
  assert_same "$LAB"'
iptables -C FORWARD -i br -j ACCEPT; echo "C rc=$?"
iptables -D FORWARD --in-interface br -j ACCEPT; echo "rc=$?"
iptables -C FORWARD -i br -j ACCEPT; echo "C rc=$?"
iptables -t nat -D POSTROUTING 1; echo "rc=$?"
iptables -A FORWARD -p tcp --dport 80 -j DROP
iptables -D FORWARD -p tcp -m tcp --dport 80 -j DROP; echo "rc=$?"
iptables -A FORWARD -j ACCEPT; iptables -F FORWARD; echo "rc=$?"
iptables -A FORWARD -j DROP; iptables -t nat -A POSTROUTING -j MASQUERADE; iptables -F
nft list ruleset; iptables -S; iptables -t nat -S'
}

@test "a rule added by one tool is deleted by the other" {
  assert_same "$REF"' -A FORWARD -s 10.0.0.0/8 -p udp --dport 53 -j ACCEPT
iptables -D FORWARD -s 10.0.0.0/8 -p udp -m udp --dport 53 -j ACCEPT; echo "rc=$?"
iptables -A FORWARD ! -o br -j DROP
'"$REF"' -D FORWARD ! -o br -j DROP; echo "rc=$?"
'"$REF"' -S'
}

@test "-I N, -D N, -Z, -N, -X, -P and counters" {
  assert_same_n '
iptables -A FORWARD -j ACCEPT; iptables -I FORWARD -j DROP; iptables -I FORWARD 2 -j RETURN
iptables -I FORWARD 4 -s 1.2.3.4 -j ACCEPT; iptables -I FORWARD 9 -j ACCEPT; echo "rc=$?"
iptables -D FORWARD 2; iptables -D FORWARD 7; echo "rc=$?"
iptables -N a; iptables -N b; iptables -A a -j b; iptables -A FORWARD -j a
iptables -X b; echo "rc=$?"; iptables -X zzz; echo "rc=$?"
iptables -P FORWARD DROP; iptables -P OUTPUT DROP; iptables -P OUTPUT ACCEPT
iptables -Z; iptables -Z FORWARD; iptables -L -n -v --line-numbers
iptables -F a; iptables -X a; iptables -X b; iptables -S; nft list ruleset'
}

@test "-X without a chain: the user chains and the empty built-in chains with policy ACCEPT, as iptables-nft" {
  assert_same_n '
iptables -A OUTPUT -j ACCEPT; iptables -D OUTPUT -j ACCEPT; iptables -A INPUT -j ACCEPT; iptables -P FORWARD DROP
iptables -N u; iptables -t nat -A POSTROUTING -j ACCEPT; iptables -t nat -F; iptables -t nat -P OUTPUT DROP
iptables -X; echo "rc=$?"; iptables -t nat -X; echo "rc=$?"; nft list ruleset
iptables -X INPUT; echo "rc=$?"; iptables -X OUTPUT; echo "rc=$?"; iptables -S
iptables -A OUTPUT -j ACCEPT; iptables -D OUTPUT -j ACCEPT; iptables -X OUTPUT; echo "rc=$?"
iptables -P INPUT DROP; iptables -F INPUT; iptables -X INPUT; echo "rc=$?"; iptables -X nope; echo "rc=$?"; nft list ruleset'
}

@test "-L -v pads interface and chain names by bytes, as iptables' printf does" {
  assert_same_n '
iptables -N "$(printf "caf\xc3\xa9")"; iptables -A FORWARD -i "$(printf "\xc3\xa9x")" -o "$(printf "\xe4\xb8\xad")" -j "$(printf "caf\xc3\xa9")"
iptables -L -v -n; iptables -L FORWARD -n'
}

@test "counters print as -v -n and -x show them" {
  # Traffic through loopback's OUTPUT chain raises real counters.
  assert_same_n '
iptables -A OUTPUT -o lo -p icmp -j ACCEPT; iptables -A OUTPUT -o lo
/usr/bin/ping -c 3 -i 0.2 -q 127.0.0.1 >/dev/null
iptables -L OUTPUT -v -n; iptables -L OUTPUT -v -n -x; iptables -S OUTPUT -v
iptables -Z OUTPUT; iptables -L OUTPUT -v -n'
}

@test "-c/--set-counters: the forms, the commands that take it, its errors; listed and saved" {
  assert_same_n '
t() { iptables "$@"; echo "rc=$?"; }
t -A INPUT -c 10 20 -j ACCEPT; t -A INPUT -c 5,7 -s 10.1.2.3; t -A INPUT --set-counters 3 4 -p tcp
t -I INPUT -c 1 2; t -A INPUT -c " +9" 10abc; t -A INPUT -c -1 2; t -A INPUT -nc 4 5
t -R INPUT 1 -c 7 8 -j DROP; t -P FORWARD DROP -c 100 200
t -A INPUT -c 10; t -A INPUT -c 10 -j ACCEPT; t -A INPUT -c x 1; t -A INPUT -c 1 y; t -A INPUT -c 5,
t -A INPUT -c ,5 6; t -A INPUT -c 1 2 -c 3 4; t -A INPUT ! -c 1 2; t -A INPUT -c
t -D INPUT -c 1 2; t -C INPUT -c 10 20 -j ACCEPT; t -L -c 1 2; t -Z -c 1 2
# Before -m recent, getopt reads --set as --set-counters.
t -A INPUT --set 11 12 -j ACCEPT; t -A INPUT --set 13,14; t -A INPUT --set -m recent --name x
t -A INPUT --set 5 -m recent --name x; t -A INPUT --set; t -A INPUT -m recent --set --name y
iptables -nvL INPUT; iptables -L -v -x -n; iptables -S -v; '"$REF_SAVE"' -c | grep -v "^#"'
}

@test "-L without -n resolves names from /etc/hosts, /etc/networks and /etc/services" {
  assert_same '
iptables -A INPUT -s 127.0.0.1 -d 0.0.0.0/1 -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -p udp --sport 53:80 -j ACCEPT
iptables -L INPUT'
}

@test "names as xtables finds them: networks, then hosts and DNS; -L: hosts, DNS, network names only when DNS fails" {
  # -s/-d: an /etc/networks name first, then getaddrinfo (hosts, then DNS
  # with the search domain); -L without -n: getnameinfo (hosts, then PTR
  # answers), an /etc/networks name only when the name server could not be
  # asked, the number when every source said no; a UTF-8 name is padded by
  # bytes, as printf pads it. /etc is the sandbox's own.
  assert_same "$DNS_START"'
printf "10.0.0.3 green green.lab\n10.0.5.0 hostnet\n10.9.9.9 bothnet\nfd00::5 v6host\n10.0.0.8 caf\xc3\xa9\n" >> /etc/hosts
printf "labnet 10.0.0.0\nbothnet 10.2.0.0\nnet5 10.0.5.0\n" > /etc/networks
printf "hosts: files dns\nnetworks: files\n" > /etc/nsswitch.conf
t() { "$@"; echo "rc=$?"; }
t iptables -A INPUT -s 10.0.0.3 -d 10.0.0.4 -j ACCEPT; t iptables -A INPUT -s 10.0.0.7 -d 10.0.0.0/24
t iptables -A INPUT -s 10.0.5.0/24 -d 10.1.0.0/16; t iptables -A INPUT -s bothnet -d web
t iptables -A INPUT -s hostnet -d web.lab.; t iptables -A INPUT -s nosuch; t iptables -A INPUT -d 10.0.0.8
t ip6tables -A INPUT -s web6 -d fd00::5; t ip6tables -A INPUT -s fd00::3 -d fd00::7
iptables -S INPUT; iptables -L INPUT; ip6tables -L INPUT
kill $dnspid; wait $dnspid 2>/dev/null; trap - EXIT
iptables -L INPUT; ip6tables -L INPUT
printf "hosts: files\nnetworks: files\n" > /etc/nsswitch.conf
iptables -L INPUT; ip6tables -L INPUT'
}

@test "a host name with several addresses stands for a rule each, repeats kept, -s outermost" {
  # /etc is the sandbox's own overlay: the host's /etc/hosts never changes.
  assert_same '
printf "10.0.0.1 multi\n10.0.0.2 multi\n10.0.0.1 multi\n10.1.0.1 other\nfd00::1 multi6\nfd00::2 multi6\n10.0.0.7 multi6\n" >> /etc/hosts
t() { "$@"; echo "rc=$?"; }
t iptables -A INPUT -s multi -j ACCEPT; t iptables -A INPUT -s multi/16 -d other,multi -j DROP
t iptables -A INPUT ! -s multi; t iptables -A INPUT -s multi6; t iptables -R INPUT 1 -s multi
t ip6tables -A INPUT -d multi6 -j ACCEPT; t ip6tables -A INPUT -s multi6/64,::1
iptables -S; ip6tables -S
t iptables -C INPUT -s multi/16 -d other,multi -j DROP; t iptables -D INPUT -s multi -j ACCEPT
t ip6tables -D INPUT -d multi6 -j ACCEPT; iptables -S; ip6tables -S'
}

@test "-h: iptables' usage lines, then what nsbox takes; -m NAME -h and -j NAME -h list its options" {
  # The help's head is iptables' (scripts grep it); the rest is nsbox's own
  # list, from the tables the parser uses, not iptables' help text.
  assert_same 'iptables -h | head -13; echo "rc=${PIPESTATUS[0]}"; ip6tables -m ah -h >/dev/null; echo "rc=$?"'
  run nsb 'iptables -m tcp -j LOG -h; ip6tables -h; iptables -m ah -h; ip6tables -m ah -h'
  [ "$status" -eq 0 ]
  grep -qx '^Matches (-m NAME -h lists its options): tcp udp comment conntrack .* set ah\.$' <<<"$output"
  grep -qx '^Targets (-j NAME -h): REJECT LOG .* NFLOG\.$' <<<"$output"
  grep -A5 -x 'tcp match options:' <<<"$output" | grep -qx '  --source-port|--sport VALUE'
  grep -A7 -x 'LOG target options:' <<<"$output" | grep -qx '  --log-macdecode'
  grep -A3 -x 'ah match options:' <<<"$output" | grep -qx '  --ahspi VALUE'
  # (ip6tables' ah has --ahlen and --ahres too)
  [ "$(grep -c 'ah match options:' <<<"$output")" -eq 2 ]
  [ "$(grep -c -x '  --ahlen VALUE' <<<"$output")" -eq 1 ]
  grep -q ' icmp6 ' <<<"$output"
}

# The exit-code matrix: command -> (stderr, exit code) exactly as iptables-nft.
@test "exit-code matrix: usage errors (2), refusals (1), kernel errors (4), bad table (3)" {
  assert_same '
t() { "$@"; echo "rc=$?"; }
t iptables
t iptables -A
t iptables -A FORWARD -i
t iptables -A FORWARD -s 1.2.3.400 -j ACCEPT
t iptables -A FORWARD -s host.invalid -j ACCEPT
t iptables -A FORWARD -p foo -j ACCEPT
t iptables -A FORWARD -j ACCEPT -j DROP
t iptables -A FORWARD -s 1.1.1.1 -s 2.2.2.2
t iptables --bogus
t iptables -z
t iptables -A FORWARD !
t iptables -A FORWARD ! ! -s 1.2.3.4
t iptables -A FORWARD ! -j ACCEPT
t iptables -L -A FORWARD
t iptables -L -s 1.2.3.4
t iptables -A FORWARD -n
t iptables -A FORWARD --dport 80 -j ACCEPT
t iptables -A FORWARD --dport 80 -p tcp -j ACCEPT
t iptables -A FORWARD extra
t iptables -A FORWARD -i abcdefghijklmnopq -j ACCEPT
t iptables -D FORWARD 0
t iptables -t bogus -L
t iptables -t nat -A POSTROUTING -j NOPE
t iptables -t nat -A POSTROUTING -j DROP
t iptables -A NOPE -j ACCEPT
t iptables -D FORWARD -s 1.2.3.4 -j ACCEPT
t iptables -C FORWARD -j ACCEPT
t iptables -D FORWARD 1
t iptables -I FORWARD 2 -j ACCEPT
t iptables -L NOPE
t iptables -S NOPE
t iptables -F NOPE
t iptables -X FORWARD
t iptables -X nope
t iptables -N FORWARD
t iptables -N x; t iptables -N x
t iptables -P x ACCEPT
t iptables -P FORWARD FOO
t iptables -A FORWARD -j MASQUERADE
t iptables -A FORWARD -j ACCEPT
t iptables -D FORWARD 2
t iptables -I FORWARD 3 -j ACCEPT
t iptables -A x -j ACCEPT; t iptables -A FORWARD -j x; t iptables -X x
t iptables -E x y; t iptables -E y FORWARD; t iptables -E nope z; t iptables -E y
t iptables -A FORWARD -s 10.0.0.0/33; t iptables -A FORWARD -d 1.2.3.4/255.255.0; t iptables -A FORWARD -s 1.2.3.4/
t iptables -A FORWARD -p tcp --dport 80 --dport 81; t iptables -A FORWARD -p udp --sport 1 --sport 2
t iptables -A FORWARD -p tcp --dport 99999; t iptables -A FORWARD -p tcp --dport 90:80
t iptables -A FORWARD -p tcp --dport nosuchservice; t iptables -A FORWARD -j REJECT --reject-with foo
t iptables -A FORWARD -j ACCEPT --reject-with tcp-reset; t iptables -D nope -j ACCEPT
t iptables -N -foo; t iptables -N ACCEPT; t iptables -N abcdefghijklmnopqrstuvwxyz0123; t iptables -N "a b"
t iptables -N LOG; t iptables -N NOTRACK; t iptables -N standard; t iptables -N "!x"
t iptables -A FORWARD -j "a b"; t iptables -A FORWARD -j "$(printf "a\tb")"
t iptables -A FORWARD -o "a b" -j ACCEPT; t iptables -A FORWARD -i "a/b"
t iptables -t nat -P POSTROUTING DROP; t iptables -6 -L; t iptables -D FORWARD; t iptables -P FORWARD
iptables -S'
}

@test "-L -Z lists then zeroes; -v says which chains; -E renames" {
  assert_same '
iptables -A OUTPUT -o lo; /usr/bin/ping -c 2 -i 0.2 -q 127.0.0.1 >/dev/null
iptables -N a; iptables -A a -j ACCEPT; iptables -A FORWARD -j a
iptables -L OUTPUT -Z -v -x; iptables -L OUTPUT -v -x; iptables -Z -v; iptables -Z -L FORWARD
iptables -E a b; iptables -S; iptables -L -v; nft list ruleset'
}

@test "concurrent commands: each batch is pinned to a generation and retried, none is lost" {
  # 16 appends race; a batch computed from a stale generation is refused by
  # the kernel (ERESTART) and must be rebuilt and sent again, not reported.
  assert_same '
pids=()
for i in $(seq 1 16); do iptables -A FORWARD -s 10.9.0.$i -j ACCEPT & pids+=($!); done
rc=0; for p in "${pids[@]}"; do wait "$p" || rc=1; done; echo "rc=$rc"
iptables -S FORWARD | sort -t. -k4 -n'
}

@test "a refused command leaves the ruleset as it was" {
  assert_same "$LAB"'
before=$(nft list ruleset)
iptables -A FORWARD -j MASQUERADE; echo "rc=$?"
iptables -t nat -A OUTPUT -j NOPE; echo "rc=$?"
iptables -X; echo "rc=$?"
[ "$before" = "$(nft list ruleset)" ] && echo unchanged'
}

# Round trip: rule arguments -> the canonical -S line iptables-nft prints,
# and that line deletes the rule again.
ROUNDTRIP='
-i br -j ACCEPT|-A FORWARD -i br -j ACCEPT
--out-interface br -j ACCEPT|-A FORWARD -o br -j ACCEPT
! -i eth+ -j DROP|-A FORWARD ! -i eth+ -j DROP
-s 10.0.0.0/24 -j RETURN|-A FORWARD -s 10.0.0.0/24 -j RETURN
-s 10.0.0.7/24|-A FORWARD -s 10.0.0.0/24
! -d 192.168.1.1 -p icmp|-A FORWARD ! -d 192.168.1.1/32 -p icmp
-d 10.0.0.1/255.0.255.0 -j DROP|-A FORWARD -d 10.0.0.0/255.0.255.0 -j DROP
-p TCP --dport 443 -j ACCEPT|-A FORWARD -p tcp -m tcp --dport 443 -j ACCEPT
-p udp --sport 1024: -j ACCEPT|-A FORWARD -p udp -m udp --sport 1024:65535 -j ACCEPT
-p tcp ! --sport :1023 --dport ssh|-A FORWARD -p tcp -m tcp --sport 1024:65535 --dport 22
-p tcp -m tcp|-A FORWARD -p tcp -m tcp
! -p udp -j REJECT|-A FORWARD ! -p udp -j REJECT --reject-with icmp-port-unreachable
-p tcp -j REJECT --reject-with tcp-reset|-A FORWARD -p tcp -j REJECT --reject-with tcp-reset
-p 47 -j ACCEPT|-A FORWARD -p gre -j ACCEPT
-m comment --comment "two words" -j ACCEPT|-A FORWARD -m comment --comment "two words" -j ACCEPT
-p all -j ACCEPT|-A FORWARD -j ACCEPT
-j chain1|-A FORWARD -j chain1
-g chain1|-A FORWARD -g chain1
'

@test "round trip: rule -> canonical -S line -> -D deletes it (nsbox and iptables-nft agree)" {
  script='iptables -N chain1
while IFS="|" read -r args want; do
  [ -n "$args" ] || continue
  eval "iptables -A FORWARD $args" || echo "FAILED: $args"
  got=$(iptables -S FORWARD | tail -n 1)
  [ "$got" = "$want" ] || echo "MISMATCH: $args -> $got (want $want)"
  echo "$got"
  eval "iptables ${got/-A /-D }" || echo "DELETE FAILED: $got"
done <<"TABLE"
'"$ROUNDTRIP"'
TABLE
iptables -S FORWARD'
  assert_same "$script"
  run nsb "$script"
  [ "$status" -eq 0 ]
  [[ "$output" != *MISMATCH* && "$output" != *FAILED* ]]
}

@test "batches are byte for byte what iptables-nft sends" {
  command -v strace >/dev/null || skip "strace not installed"
  # The decoded batch (BATCH_BEGIN ... BATCH_END) of each command, from
  # strace; genids match because both sides start from an empty ruleset.
  # (LeakSanitizer cannot run under ptrace: off for the sanitizer build.)
  assert_same '
export ASAN_OPTIONS=detect_leaks=0
batch() { strace -qq -f -e trace=sendmsg,sendto -xx -s 100000 -o st "$@"; echo "rc=$?";
          grep -o "\[\[{nlmsg_len=[0-9]*, nlmsg_type=NFNL_MSG_BATCH_BEGIN.*NFNL_MSG_BATCH_END[^]]*\]\]" st; }
batch iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
batch iptables -A FORWARD --in-interface br -j ACCEPT
batch iptables -A FORWARD --out-interface br -j ACCEPT
batch iptables -A FORWARD -s 10.1.2.128/25 -d 192.168.0.1 -p tcp -j DROP
batch iptables -I FORWARD 2 ! -s 10.1.0.0/16 ! -i br+ -p udp -j REJECT
batch iptables -A FORWARD -p tcp --sport 1000:2000 ! --dport 22 -j ACCEPT
batch iptables -A FORWARD -m comment --comment "x y" -p udp --dport 53
batch iptables -N user
batch iptables -I FORWARD 3 -g user
batch iptables -D FORWARD -i br -j ACCEPT
batch iptables -t nat -D POSTROUTING 1
batch iptables -F FORWARD
batch iptables -P INPUT DROP
batch iptables -P INPUT ACCEPT
batch iptables -X user'
}

@test "-V: the reference's version line, then which implementation answers" {
  run "$NSBOX" iptables -V
  [ "$status" -eq 0 ]
  # Scripts parse "iptables vX.Y.Z (nf_tables)"; nsbox keeps that prefix.
  [[ "$output" == "iptables v1.8.9 (nf_tables) nsbox "* ]]
  [[ "$($REF -V)" == "iptables v1.8.9 (nf_tables)" ]]
}

# iptables 1.8.9 looks a -p name up in its own table (tcp, udp, icmp, ...)
# before /etc/protocols, so "-p tcp" is 6 even where the file says otherwise
# (and the file is not read for it: a restore of many "-p tcp" rules reads
# it never); other names come from the file. (/etc is the sandbox's overlay.)
@test "-p: iptables' own protocol names before /etc/protocols, other names from it" {
  assert_same 'cp /etc/protocols /tmp/protocols.orig
printf "foo 6 FOO\ntcp 99 TCP\ngre 47 GRE\n" >/etc/protocols
iptables -A INPUT -p tcp; iptables -A INPUT -p gre; iptables -A INPUT -p foo; echo "rc=$?"
printf "*filter\n-A INPUT -p tcp -j ACCEPT\n-A INPUT -p foo -j DROP\nCOMMIT\n" | iptables-restore -n; echo "rc=$?"
cp /tmp/protocols.orig /etc/protocols
iptables -S INPUT'
}

# A -p number is read as xtables_strtoui reads it: strtoumax in base 0 over
# the whole word (hex "0x11", octal "017" is 15, leading blanks and "+"),
# no minus sign, at most 255; anything else is looked up as a name and
# refused with "unknown protocol". The implicit tcp/udp/icmp match follows
# the number ("-p 0x6 --dport 22" is tcp). Listed by name where 1.8.9's own
# table or /etc/protocols has one (58 "ipv6-icmp", 135 "mobility-header").
@test "-p as a number (hex, octal, blanks, sign) and junk: accepted, refused and listed as iptables-nft does" {
  assert_same_n '
t() { "$@"; echo "rc=$?"; }
for p in 0x11 0X11 017 0006 " 6" +6 " +1" 0 00 255 0xff 02 0x29 017 256 0x100 -1 " -1" -0 1x 6x 0x 08 09 "" "6 " 1e1 \
         4294967302 18446744073709551622 "+-6" FOO; do
  t iptables -A FORWARD -p "$p"; t iptables -A FORWARD ! -p "$p" -j ACCEPT
done
t iptables -A FORWARD -p 0x6 --dport 22 -j ACCEPT; t iptables -A FORWARD -p 017 --dport 22
t iptables -A FORWARD -p 0x11 --sport 53 -j DROP; t iptables -A FORWARD -p 01 --icmp-type echo-reply
t iptables -A FORWARD -p 0x6 -m multiport --dports 80,443
t iptables -C FORWARD -p tcp --dport 22 -j ACCEPT; t iptables -C FORWARD -p 6 --dport 22 -j ACCEPT
printf "*filter\n-A INPUT -p 0x11 --dport 53 -j ACCEPT\n-A INPUT ! -p 010\nCOMMIT\n" | iptables-restore -n; echo "rc=$?"
printf "*filter\n-A INPUT -p 0x111\nCOMMIT\n" | iptables-restore -n; echo "rc=$?"
for L in iptables '"$REF"'; do $L -S; $L -L -v; done
iptables -L -n -v; iptables -L INPUT -n --line-numbers
iptables -F
for p in 58 0x3a icmpv6 IPv6-ICMP 135 mh ipv6-mh 51 0x32 udplite 0204 41 2; do t iptables -A FORWARD -p "$p"; done
for L in iptables '"$REF"'; do $L -S; $L -L -v; done'
}

@test "abbreviations: getopt's table at each word, grown by -m, -j and the -p match; -pX, --, a value that starts with -" {
  assert_same_n '
t() { iptables "$@"; echo "rc=$?"; }
t -A INPUT --so 1.2.3.4 --dest 2.3.4.5 --frag; t -A INPUT --prot udp --sp 53 --jum ACCEPT; t -A INPUT --he >/dev/null
t -A INPUT --s 1.1.1.1; t -A INPUT --de 1.1.1.1; t -A INPUT --in eth0 --out eth1; t -A INPUT --i eth0
t -A INPUT -p tcp --dport 1 --so 1.1.1.1; t -A INPUT -p tcp --so 1.1.1.1 --dp 2; t -A INPUT -p 6 --tcp-f SYN SYN
t -A INPUT ! -p tcp --dp 22; t -A INPUT ! -p udp --sport 22 -j DROP; t -A INPUT -p tcp --dp=7; t -A INPUT --mat tcp --dp 2
t -A INPUT -p tcp -m multiport --dport 80,81; t -A INPUT -p udp -m udp --sport 3 -m multiport --dport 1,2
t -A INPUT -m mark --mark 1 -m connmark --mar 2; t -A INPUT -m connmark --mark 1 -m mark --mark 2
t -A INPUT -m addrtype --src-type LOCAL -m limit --lim 1/s; t -A INPUT -m limit --limit 1/s -m addrtype --limit-iface-in --src-type LOCAL
t -A INPUT -m conntrack --ctst NEW --ctdir REPLY; t -A INPUT -m state --sta NEW; t -A INPUT -m comment --comm=x
t -A INPUT -m comment --comment -x; t -A INPUT -m comment --comment --dport; t -A INPUT -c 1 -2; t -A INPUT -s -1.2.3.4
t -t nat -A POSTROUTING -p tcp -j MASQUERADE --to 5; t -t nat -A POSTROUTING -j MASQUERADE --to 5 -p tcp
t -t nat -A PREROUTING -p tcp -j DNAT --to 1.2.3.4 --rand; t -t nat -A POSTROUTING -p udp -j SNAT --to-s 1.2.3.4 --random-f
t -A INPUT -j MARK --set-m 3; t -t mangle -A PREROUTING -j CONNMARK --rest --nf 0xff; t -t raw -A PREROUTING -j CT --notr
t -A INPUT -m recent --se --name x; t -A INPUT -m recent --na y --set; t -A INPUT -m hashlimit --hashlimit-up 5/s --hashlimit-n h
t -A INPUT -ptcp; t -A INPUT -p6; t -A INPUT --protocol=tcp; t -A INPUT -pTCP; t -A INPUT -vptcp
t -A INPUT -- -s 1.2.3.4; t -A INPUT --; t -A INPUT --numeric=1; t -A INPUT -nz; t -A INPUT -zn; t -A INPUT --dport 1 --zz
t --li FORWARD -n; t --line -L FORWARD; t -L FORWARD --line-n --num; t -S --v
t -A INPUT ! -p icmp --icmp-type 8; t -A INPUT -p ah --ahs 5; t -A INPUT -p 51 --ahspi 5 --ahspi 6
for a in "-p mh --mh 5" "-p ah --ahs 5 --ahl 2" "-m frag --frag 1" "-m frag --fragid 1 --fragl 8" "--so ::1 --frag" \
         "-p icmpv6 --icmpv6 1" "-p 58 --icmp 1" "-m hl --hl 5" "-m hl --hl-e 5" "-t mangle -A INPUT -j HL --hl-s 5"; do
  ip6tables -A INPUT $a; echo "rc=$?"
done
ip6tables -S; ip6tables -t mangle -S
for L in iptables '"$REF"'; do for T in filter nat mangle raw; do $L -t $T -S; done; done'
}

@test "udp ports as libxt_udp reads them: any service, numbers cut to 16 bits, ranges kept in their order" {
  assert_same_n '
t() { iptables "$@"; echo "rc=$?"; }
for v in 53 domain:http 5:3 70000 : "" 1:x x:4 1:2:3 :80 80: -1 0x10 " 5"; do
  t -A INPUT -p udp --dport "$v"; t -A INPUT -p udp ! --sport "$v" -j DROP
done
for v in 5:3 1:2:3 "" 70000; do t -A INPUT -p tcp --dport "$v"; done
t -A INPUT -p tcp ! --dport 0:65535 --sport 5 -j DROP; t -A INPUT -p tcp ! --sport :; t -A INPUT -p udp --sport 0:65535
iptables -L -n; for L in iptables '"$REF"'; do $L -S; done'
}

@test "-v echoes each rule -A, -I, -R, -C and -D (by rule) act on; -D N and refused commands echo nothing" {
  assert_same '
iptables -v -A FORWARD -s 10.0.0.0/8 -i eth0 -p tcp --dport 22 -j ACCEPT; echo "rc=$?"
iptables -v -I FORWARD 2 ! -s 10.1.0.0/16 ! -i br+ -p udp -j REJECT; echo "rc=$?"
iptables -v -A FORWARD ! -d 10.0.0.1/255.0.255.0 -o eth+ ! -p tcp -j RETURN; echo "rc=$?"
iptables -v -A FORWARD -m comment --comment hi -p icmp --icmp-type echo-request; echo "rc=$?"
iptables -v -A FORWARD -f -o eth1 -j LOG --log-prefix "x "; echo "rc=$?"
iptables -v -A FORWARD ! -f -p 99 -m mark --mark 3 -j MARK --set-mark 5; echo "rc=$?"
iptables -v -A FORWARD -p tcp -m multiport --dports 22,80 -m conntrack --ctstate NEW; echo "rc=$?"
iptables -v -I FORWARD -i + -j CONNMARK --save-mark; echo "rc=$?"
iptables -v -A FORWARD -d localhost -p sctp -j ACCEPT; echo "rc=$?"
iptables -v -N user; iptables -v -A FORWARD -g user; echo "rc=$?"
iptables -v -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE; echo "rc=$?"
iptables -v -A NOPE -j ACCEPT; echo "rc=$?"
iptables -v -I NOPE -j ACCEPT; echo "rc=$?"
iptables -v -I FORWARD 30 -j ACCEPT; echo "rc=$?"
iptables -v -R FORWARD 30 -j ACCEPT; echo "rc=$?"
iptables -v -A FORWARD -j nochain; echo "rc=$?"
iptables -v -n -A FORWARD -j DROP; echo "rc=$?"
iptables -v -C FORWARD -d 127.0.0.1 -p sctp -j ACCEPT; echo "rc=$?"
iptables -v -C FORWARD -d 127.0.0.9 -j ACCEPT; echo "rc=$?"
iptables -v -R FORWARD 1 -p tcp --dport 80 -j DROP; echo "rc=$?"
iptables -v -D FORWARD -d 127.0.0.1 -p sctp -j ACCEPT; echo "rc=$?"
iptables -v -D FORWARD -j DROP; echo "rc=$?"
iptables -v -D FORWARD 1; echo "rc=$?"
iptables -S; iptables -t nat -S'
}

@test "-s/-d lists: one rule per source and destination, -A -I -C -D -v, restore, errors" {
  assert_same '
iptables -A INPUT -s 10.0.0.1,10.0.0.2/24 -d 10.1.0.1,10.2.0.0/255.255.0.0 -j ACCEPT; echo "rc=$?"
iptables -v -A INPUT -s 10.0.0.9,10.0.0.8 -j DROP; echo "rc=$?"
iptables -v -C INPUT -s 10.0.0.9,10.0.0.8 -j DROP; echo "rc=$?"
iptables -C INPUT -s 10.0.0.9,10.0.0.7 -j DROP; echo "rc=$?"
iptables -v -D INPUT -s 10.0.0.8,10.0.0.7 -j DROP; echo "rc=$?"
iptables -v -D INPUT -s 10.0.0.9,10.0.0.8 -j DROP; echo "rc=$?"
iptables -v -I INPUT 2 -d 10.0.0.7,10.0.0.6 -j ACCEPT; echo "rc=$?"
iptables -v -I INPUT 7 -d 10.0.0.5,10.0.0.4 -j ACCEPT; echo "rc=$?"
iptables -v -I INPUT 9 -d 10.0.0.5,10.0.0.4 -j ACCEPT; echo "rc=$?"
iptables -N C; iptables -I C -s 1.1.1.1,2.2.2.2; iptables -I C -s 3.3.3.3,4.4.4.4
iptables -A C -s 5.5.5.5,5.5.5.5 -j RETURN; iptables -D C -s 5.5.5.5,5.5.5.5 -j RETURN; echo "rc=$?"
iptables -v -A NOPE -s 10.0.0.1,10.0.0.2 -j ACCEPT; echo "rc=$?"
iptables -S
printf "*filter\n-A C -s 6.6.6.6,7.7.7.7 -d 8.8.8.8,9.9.9.9 -j DROP\n-I C -s 10.9.9.1,10.9.9.2\nCOMMIT\n" |
  iptables-restore --noflush; echo "rc=$?"
iptables -S C
for bad in "-s 10.0.0.1,bad" "-s 10.0.0.1/33,10.0.0.2" "-s 10.0.0.1,,10.0.0.2" "-s 10.0.0.1," "-d ," \
    "! -s 10.0.0.1,10.0.0.2" "-s 10.0.0.1,10.0.0.2 ! -d 10.0.0.3"; do
  iptables -A INPUT $bad -j ACCEPT; echo "rc=$?"
done
iptables -R INPUT 1 -d 1.2.3.4,5.6.7.8 -j ACCEPT; echo "rc=$?"
iptables -R INPUT 1 -d 1.2.3.4 -j ACCEPT; echo "rc=$?"'
}
