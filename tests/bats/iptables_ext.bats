#!/usr/bin/env bats
# iptables matches and targets beyond the basics (conntrack/state, comment,
# multiport, mark, limit, icmp, tcp flags and options, tcpmss, owner, hashlimit, recent,
# physdev, -f; DNAT, SNAT, REDIRECT, MASQUERADE, LOG, MARK, TCPMSS, CT, NOTRACK,
# CLASSIFY, TRACE) and -R: nsbox against /usr/sbin/iptables-nft 1.8.9, in both
# directions (added by one tool, listed, checked and deleted by the other),
# the batches byte for byte, and the errors.

load helpers
load iptables_common

# One rule per line: TABLE|CHAIN|RULE ARGUMENTS.
RULES='
filter|FORWARD|-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
filter|FORWARD|-m conntrack ! --ctstate NEW -m conntrack --ctstate INVALID,UNTRACKED,SNAT,DNAT
filter|FORWARD|-m state ! --state NEW,INVALID,UNTRACKED -j ACCEPT
filter|FORWARD|-m state --state established,related -j ACCEPT
filter|FORWARD|-m state --state N,E,R,U,I -j ACCEPT
filter|FORWARD|-m conntrack --ctstate EST,rel,n,s,d,u,i -j ACCEPT
filter|FORWARD|-m conntrack --ctproto tcp --ctorigsrc 10.0.0.0/8 ! --ctorigdst 10.1.2.3 --ctreplsrc 192.168.1.7/255.255.0.0 --ctrepldst 0.0.0.0/0
filter|FORWARD|-m conntrack ! --ctproto 17 --ctorigsrcport 22 ! --ctorigdstport 1000:2000 --ctreplsrcport ssh --ctrepldstport :80 -j DROP
filter|FORWARD|-m conntrack --ctstatus NONE
filter|FORWARD|-m conntrack ! --ctstatus expected,SEEN_REPLY,ass,CONFIRMED --ctexpire 10:20 --ctdir REPLY
filter|FORWARD|-m conntrack --ctexpire 5: --ctdir original --ctstate DNAT
filter|FORWARD|-m conntrack --ctorigsrc 1.2.3.4/40 --ctorigdstport 99999 ! --ctexpire 7:3
filter|FORWARD|-m conntrack --ctorigsrc 10.0.0.1/255.0.255.0 --ctreplsrcport 5: --ctrepldst 127.0.0.1/0x10
filter|FORWARD|-m conntrack ! --ctproto all --ctexpire :9 --ctstatus n,a
filter|FORWARD|-j NFLOG
filter|FORWARD|-p tcp -j NFLOG --nflog-group 5 --nflog-prefix "a b" --nflog-size 100 --nflog-threshold 3
filter|FORWARD|-j NFLOG --nflog-size 0 --nflog-threshold 0
filter|FORWARD|-j NFLOG --nflog-group 0x10 --nflog-prefix 0123456789012345678901234567890123456789012345678901234567890123456789
filter|FORWARD|-m comment --comment "two words" -j ACCEPT
filter|FORWARD|-p udp -m multiport ! --sports 53,1000:2000 -j ACCEPT
filter|FORWARD|-p tcp -m multiport --ports 22,80 -j ACCEPT
filter|FORWARD|-p tcp -m multiport --destination-ports http,https,8000:8080 -j ACCEPT
filter|FORWARD|-m mark --mark 0x5/0xff -j ACCEPT
filter|FORWARD|-m mark ! --mark 7 -j ACCEPT
filter|FORWARD|-m limit --limit 3/min --limit-burst 7 -j LOG --log-prefix "x: " --log-level 6
filter|FORWARD|-m limit -j LOG --log-level debug --log-tcp-sequence --log-uid --log-tcp-options --log-ip-options
filter|FORWARD|-m limit --limit 10/s -j LOG --log-level alert --log-macdecode
filter|FORWARD|-m limit --limit 100/hour --limit-burst 1
filter|FORWARD|-m limit --limit 1/d -j LOG --log-prefix "say \"q\" "
filter|FORWARD|-p icmp --icmp-type echo-request -j ACCEPT
filter|FORWARD|-p icmp ! --icmp-type 3/4 -j ACCEPT
filter|FORWARD|-p icmp --icmp-type any -j ACCEPT
filter|FORWARD|-p icmp -m icmp --icmp-type 11 -j ACCEPT
filter|FORWARD|-p icmp --icmp-type 200/7 -j ACCEPT
filter|FORWARD|-p tcp --dport 22 --tcp-flags SYN,ACK SYN -j ACCEPT
filter|FORWARD|-p tcp --syn -j ACCEPT
filter|FORWARD|-p tcp ! --syn --sport 1:1023 -j ACCEPT
filter|FORWARD|-p tcp --tcp-flags ALL NONE -j DROP
filter|FORWARD|-p tcp ! --tcp-flags fin,syn,rst,psh,ack,urg fin,psh,urg -j DROP
filter|FORWARD|-m addrtype ! --src-type LOCAL,UNICAST ! --dst-type broadcast --limit-iface-in -j ACCEPT
filter|FORWARD|-m addrtype --src-type BLACKHOLE,unspec,xresolve --limit-iface-out -j ACCEPT
filter|FORWARD|-m statistic --mode random --probability 0.33333333349 -j ACCEPT
filter|FORWARD|-m statistic --mode random ! --probability 0.5
filter|FORWARD|-m statistic --mode random --probability 1
filter|FORWARD|-m statistic --mode random --probability 0
filter|FORWARD|-m statistic --mode nth --every 3 --packet 1
filter|FORWARD|-m statistic --mode nth ! --every 2 --packet 0 -j DROP
filter|FORWARD|-m pkttype --pkt-type broadcast -j DROP
filter|FORWARD|-m pkttype ! --pkt-type unicast
filter|FORWARD|-m pkttype --pkt-type Multicast
filter|FORWARD|-m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 10.1.0.0-10.1.255.255
filter|FORWARD|-m iprange ! --src-range 10.0.0.7 -j ACCEPT
filter|FORWARD|-m mac --mac-source 00:0c:29:aa:bb:cc
filter|FORWARD|-m mac ! --mac-source 00:0C:29:AA:BB:CD -j DROP
filter|FORWARD|-m length --length 100:200
filter|FORWARD|-m length ! --length 60
filter|FORWARD|-m length --length 1000:
nat|PREROUTING|-m addrtype --dst-type LOCAL -j DOCKER
nat|OUTPUT|! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
nat|PREROUTING|-p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
nat|PREROUTING|-d 203.0.113.1 -j DNAT --to-destination 10.0.0.2-10.0.0.9
nat|PREROUTING|-p udp -j DNAT --to-destination 10.0.0.3:53-60 --random --persistent
nat|PREROUTING|-p tcp -j DNAT --to-destination :8080
nat|POSTROUTING|-p tcp -j SNAT --to-source 198.51.100.2:1024-65535 --random-fully
nat|POSTROUTING|-p udp -j SNAT --to-source 1.2.3.4-1.2.3.8:1000-2000 --random --persistent
nat|POSTROUTING|-o eth0 -j SNAT --to-source 198.51.100.1
nat|PREROUTING|-p tcp -j REDIRECT --to-ports 3128-3130 --random
nat|PREROUTING|-p tcp --dport 80 -j REDIRECT --to-ports 3128
nat|OUTPUT|-j REDIRECT
nat|POSTROUTING|-p tcp -j MASQUERADE --to-ports 1000-2000 --random-fully
nat|POSTROUTING|! -o docker0 -s 172.17.0.0/16 -j MASQUERADE --random
nat|PREROUTING|-p tcp -j DNAT --to-destination 10.0.0.2:1000-2000/100
nat|PREROUTING|-p udp -j DNAT --to-destination 10.0.0.2-10.0.0.5:1000-2000/http --random --persistent
nat|PREROUTING|-p sctp -j DNAT --to-destination :80-90/0x10
nat|PREROUTING|-p tcp -j DNAT --to-destination "10.0.0.2: 0x50- 90/ 7x"
nat|PREROUTING|! -p tcp -j DNAT --to-destination 10.0.0.3:ssh
nat|PREROUTING|-p icmp -j DNAT --to-destination 10.0.0.3:5
nat|PREROUTING|-p udp -j REDIRECT --to-ports domain
nat|POSTROUTING|-p tcp -j MASQUERADE --to-ports 0
nat|POSTROUTING|-p icmp -j SNAT --to-source 198.51.100.7:7-8
mangle|PREROUTING|-j MARK --set-xmark 0x1/0xff
mangle|PREROUTING|-j MARK --set-mark 0x1/0xff
mangle|PREROUTING|-j MARK --set-mark 0x1
mangle|PREROUTING|-j MARK --or-mark 0x4
mangle|PREROUTING|-j MARK --and-mark 0x4
mangle|PREROUTING|-j MARK --xor-mark 4
mangle|PREROUTING|-j CONNMARK --save-mark
mangle|PREROUTING|-j CONNMARK --save-mark --mask 0xff
mangle|PREROUTING|-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xf0
mangle|PREROUTING|-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff
mangle|PREROUTING|-j CONNMARK --restore-mark
mangle|PREROUTING|-j CONNMARK --restore-mark --ctmask 0x3 --nfmask 0xc
mangle|PREROUTING|-j CONNMARK --set-mark 0x3
mangle|PREROUTING|-j CONNMARK --set-mark 0x3/0xf
mangle|PREROUTING|-j CONNMARK --set-xmark 0x3/0xf
mangle|PREROUTING|-j CONNMARK --and-mark 0x3
mangle|PREROUTING|-j CONNMARK --or-mark 0x3
mangle|PREROUTING|-j CONNMARK --xor-mark 0x3
mangle|PREROUTING|-m connmark --mark 0x1/0xf -m mark ! --mark 2 -j ACCEPT
mangle|PREROUTING|-m connmark ! --mark 0x1
mangle|FORWARD|-m mark --mark 0x4000/0x4000 -m comment --comment "kube" -j MARK --set-xmark 0x0/0x4000
filter|OUTPUT|-m owner --uid-owner 1000 -j ACCEPT
filter|OUTPUT|-m owner ! --gid-owner 5-10 --socket-exists
filter|OUTPUT|-m owner --uid-owner root --gid-owner root --suppl-groups
filter|OUTPUT|-m owner ! --socket-exists ! --uid-owner 0x10:20
filter|OUTPUT|-m owner --uid-owner 4294967294 --gid-owner daemon -j DROP
filter|FORWARD|-i + -p udp -j ACCEPT
filter|FORWARD|! -i + -j ACCEPT
filter|FORWARD|-o + -j DROP
filter|FORWARD|! -o +
raw|PREROUTING|-j CT --notrack
raw|PREROUTING|-j NOTRACK
raw|PREROUTING|-p tcp -j CT --zone 5 --helper ftp
raw|OUTPUT|-j CT --helper abcdefghijklmnopq --notrack
raw|OUTPUT|-j CT --zone 0x10
raw|OUTPUT|-j CT
mangle|FORWARD|-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
mangle|FORWARD|-p tcp -j TCPMSS --set-mss 1400
mangle|FORWARD|-p tcp -j TCPMSS --set-mss 1 --clamp-mss-to-pmtu
mangle|POSTROUTING|-p tcp -m tcpmss --mss 1000:1500 -j ACCEPT
mangle|POSTROUTING|-p tcp -m tcpmss ! --mss 1400
mangle|POSTROUTING|-p tcp -m tcpmss --mss :1400 -j TCPMSS --set-mss 0x10
filter|INPUT|-p tcp --dport 22 -m hashlimit --hashlimit-upto 5/sec --hashlimit-name ssh -j ACCEPT
filter|INPUT|-m hashlimit --hashlimit-above 1/min --hashlimit-mode srcip,dstport --hashlimit-name b --hashlimit-srcmask 24 --hashlimit-htable-expire 5000 -j DROP
filter|INPUT|-m hashlimit --hashlimit 5kb/s --hashlimit-burst 20k --hashlimit-name c
filter|INPUT|-m hashlimit ! --hashlimit-above 3mb/s --hashlimit-name d --hashlimit-mode dstip --hashlimit-dstmask 255.255.0.0
filter|INPUT|-m hashlimit --hashlimit-upto 100b/s --hashlimit-name e --hashlimit-htable-size 100 --hashlimit-htable-max 200 --hashlimit-htable-gcinterval 7 --hashlimit-mode srcport,dstport,srcip,dstip
filter|INPUT|-m hashlimit --hashlimit-upto 3/hour --hashlimit-name f --hashlimit-rate-match --hashlimit-burst 9
filter|INPUT|-m hashlimit --hashlimit-upto 7/day --hashlimit-name g --hashlimit-rate-match --hashlimit-rate-interval 9
filter|INPUT|-m hashlimit --hashlimit-upto 1kb/s --hashlimit-name h --hashlimit-rate-match
filter|INPUT|-m hashlimit --hashlimit-upto 1000000/s --hashlimit-name abcdefghijklmnopqrstuvwxyz --hashlimit-dstmask 0
filter|INPUT|-m recent --set --name foo --rsource --mask 255.255.0.0
filter|INPUT|-m recent --rcheck --seconds 60 --hitcount 3 --rttl --name foo --reap --mask 255.255.255.255 -j DROP
filter|INPUT|-m recent ! --update --rdest --mask 255.255.255.255
filter|INPUT|-m recent --remove --name a-b.c --mask 255.255.255.255 -m recent --set --name y --mask 10.1.2.3
filter|FORWARD|-m physdev --physdev-in eth0 ! --physdev-out eth1 --physdev-is-bridged -j ACCEPT
filter|FORWARD|-m physdev ! --physdev-is-in --physdev-is-out ! --physdev-in br+ --physdev-out x+
filter|FORWARD|-m physdev ! --physdev-is-bridged -m physdev --physdev-out veth9
filter|FORWARD|-f -j ACCEPT
filter|FORWARD|-p tcp --tcp-option 8 -j ACCEPT
filter|FORWARD|-p tcp ! --tcp-option 0x10 ! --sport 5:6 --dport ssh
filter|FORWARD|-p tcp --dport 22 ! --tcp-option 2 ! --tcp-flags ALL NONE -j DROP
filter|FORWARD|-p tcp -m tcp --tcp-option 255 --syn
filter|FORWARD|! -f -s 10.0.0.0/8 -p udp --dport 53 -o eth0 -m comment --comment x
filter|FORWARD|-p tcp -f ! -d 1.2.3.4
raw|PREROUTING|-p tcp --dport 80 -j TRACE
filter|OUTPUT|-o eth0 -j TRACE
mangle|POSTROUTING|-j CLASSIFY --set-class 1:10
mangle|POSTROUTING|-o eth0 -j CLASSIFY --set-class ffff:FFFF
mangle|FORWARD|-j CLASSIFY --set-class 12345:0
'

# add TOOL: adds every rule of $RULES with TOOL.
ADD='add() { $1 -t nat -N DOCKER
  while IFS="|" read -r t c args; do [ -n "$t" ] || continue
  eval "$1 -t $t -A $c $args" || echo "FAILED: $args"; done <<"TABLE"
'"$RULES"'
TABLE
}'

LIST='for t in filter nat mangle raw; do L -t $t -S; L -t $t -L; L -t $t -L -n -v; L -t $t -L --line-numbers -x -v -n; done'


# Each script runs a few hundred iptables commands: under the sanitizer
# build on a loaded 2-core machine one side took over a minute.
setup() { SANDBOX_TIMEOUT=240; }

@test "extensions nsbox adds are listed identically by iptables-nft" {
  assert_same "$ADD"'
add iptables
L() { '"$REF"' "$@"; }
'"$LIST"
}

@test "extensions iptables-nft adds are listed identically by nsbox" {
  assert_same_n "$ADD"'
add '"$REF"'
L() { iptables "$@"; }
'"$LIST"
}

@test "each tool -C checks and -D deletes what the other added, by its -S line" {
  # The -S lines of one tool's rules, fed to the other as -C and -D.
  script="$ADD"'
cross() { # ADDER CHECKER
  add "$1"
  for t in filter nat mangle raw; do
    '"$REF"' -t $t -S | grep "^-A" > '"$BATS_TEST_TMPDIR"'/lines.$t
    while read -r line; do
      eval "$2 -t $t ${line/-A /-C }" || echo "CHECK FAILED: $t $line"
      eval "$2 -t $t ${line/-A /-D }" || echo "DELETE FAILED: $t $line"
    done < '"$BATS_TEST_TMPDIR"'/lines.$t
    '"$REF"' -t $t -S | grep "^-A" || echo "$t empty"
  done
}
cross iptables '"$REF"'
cross '"$REF"' iptables'
  # One run with nsbox on the PATH is the whole test (every -C and -D on
  # either side must succeed and leave every table empty); a reference-only
  # run would pit iptables-nft against itself and triple the cost.
  run nsb "$script"
  [ "$status" = 0 ]
  [ "$output" = "$(printf '%s empty\n' filter nat mangle raw; echo 'iptables: Chain already exists.'
                  printf '%s empty\n' filter nat mangle raw)" ]
}

@test "extension batches are byte for byte what iptables-nft sends" {
  command -v strace >/dev/null || skip "strace not installed"
  assert_same '
export ASAN_OPTIONS=detect_leaks=0
batch() { strace -qq -f -e trace=sendmsg,sendto -xx -s 100000 -o '"$BATS_TEST_TMPDIR"'/st "$@"; echo "rc=$?";
          grep -o "\[\[{nlmsg_len=[0-9]*, nlmsg_type=NFNL_MSG_BATCH_BEGIN.*NFNL_MSG_BATCH_END[^]]*\]\]" '"$BATS_TEST_TMPDIR"'/st; }
iptables -t nat -N DOCKER
while IFS="|" read -r t c args; do [ -n "$t" ] || continue
  eval "batch iptables -t $t -A $c $args"
done <<"TABLE"
'"$RULES"'
TABLE
batch iptables -R FORWARD 2 -s 10.0.0.1 -p tcp --dport 22 -j DROP
batch iptables -t nat -R PREROUTING 1 -p tcp --dport 443 -j DNAT --to-destination 10.0.0.9'
}

@test "conntrack: every option's edge cases and errors, as libxt_conntrack 1.8.9 reads them" {
  assert_same_n '
t() { iptables -A FORWARD "$@"; echo "rc=$?"; }
t -m conntrack --ctorigsrc 1.2.3.4/32 -j ACCEPT
t -m conntrack --ctorigsrc 1.2.3.4 -j ACCEPT
t -m conntrack --ctorigsrc 10 --ctorigdst 1.2.3.4/255.255.0.0
t -m conntrack --ctorigsrcport "" --ctexpire ""
iptables -C FORWARD -m conntrack --ctorigsrc 1.2.3.4/32 -j ACCEPT; echo "rc=$?"
iptables -C FORWARD -m conntrack --ctorigsrc 1.2.3.4 -j ACCEPT; echo "rc=$?"
'"$REF"' -C FORWARD -m conntrack --ctorigsrc 1.2.3.4/32 -j ACCEPT; echo "rc=$?"
for bad in "--ctstate FOO,NEW" "--ctstate NEW,FOO,BAR" "--ctstate NEW," "--ctstate ,NEW" "--ctstate \"\"" \
    "--ctstate NEW --ctstate NEW" "--ctproto foo" "--ctorigsrc 1.2.3.4/abc" "--ctorigsrc 1.2.3.4/" \
    "--ctorigsrcport 1:2:3" "--ctorigsrcport foo" "--ctorigsrcport 0x10" "--ctstatus FOO" "--ctstatus \"\"" \
    "--ctstatus A,,E" "--ctexpire x" "--ctexpire 4294967296" "--ctexpire 5x" "--ctexpire 1:2:3" "--ctexpire -1" \
    "--ctdir foo" "! --ctdir REPLY" "--ctdir REPLY --ctdir ORIGINAL" "--ctproto tcp --ctproto udp"; do
  eval "t -m conntrack $bad"
done
t -m state --state NEW --ctproto tcp
t -m state --state NEW,
t -m state --state ""
t -m state --state SNAT
t -m state --state NEW --state NEW
t -m conntrack --state NEW
iptables -S FORWARD; iptables -L FORWARD; iptables -L FORWARD -n -v'
}

@test "NFLOG: options, errors, the 127-byte prefix, -v; written as nf_tables' log expression as iptables-nft does" {
  assert_same_n '
t() { iptables -A INPUT -j NFLOG "$@"; echo "rc=$?"; }
t --nflog-prefix ""; t --nflog-group 65536; t --nflog-group x; t --nflog-group -1; t --nflog-threshold 70000
t --nflog-size 4294967296; t --nflog-prefix "$(printf "a\nb")"; t --nflog-group 1 --nflog-group 2; t ! --nflog-group 1
t --nflog-range x; t --nflog-range 7; t --nflog-prefix $(printf "%0200d" 7); t --nflog-range 5 --nflog-size 5
printf "*filter\n-A INPUT -j NFLOG --nflog-range 3\n-A INPUT -j NFLOG --nflog-range 4 --nflog-size 3\nCOMMIT\n" |
  iptables-restore; echo "rc=$?"
iptables -v -A INPUT -j NFLOG --nflog-prefix "x y" --nflog-group 2
iptables -S INPUT; iptables -L INPUT; iptables -L INPUT -v -n
iptables -C INPUT -j NFLOG --nflog-prefix "x y" --nflog-group 2; echo "rc=$?"
iptables -D INPUT -j NFLOG --nflog-prefix "x y" --nflog-group 2; echo "rc=$?"
nft list ruleset'
}

@test "-R replaces rule N in place (and refuses a missing one)" {
  assert_same '
t() { "$@"; echo "rc=$?"; }
iptables -A FORWARD -j ACCEPT; iptables -A FORWARD -j DROP; iptables -A FORWARD -j RETURN
t iptables -R FORWARD 2 -s 10.0.0.1 -p tcp --dport 22 -m conntrack --ctstate NEW -j LOG
t iptables -R FORWARD 4 -j ACCEPT
t iptables -R FORWARD -j ACCEPT
t iptables -R FORWARD 0 -j ACCEPT
t iptables -R NOPE 1 -j ACCEPT
t iptables -R FORWARD 1 -j nochain
'"$REF"' -S; '"$REF"' -L -v'
}

@test "extension errors: iptables' messages and exit codes, nothing changed" {
  assert_same '
t() { "$@"; echo "rc=$?"; }
t iptables -A FORWARD -m tcp --dport 22
t iptables -A FORWARD -p udp -m tcp --dport 22
t iptables -A FORWARD ! -p tcp -m tcp --dport 22
t iptables -A FORWARD -m udp --sport 1
t iptables -A FORWARD -m tcp --syn
t iptables -A FORWARD -p udp --syn
t iptables -A FORWARD -p icmp --icmp-type foo
t iptables -A FORWARD -p icmp --icmp-type e
t iptables -A FORWARD -p icmp --icmp-type 300
t iptables -A FORWARD -p tcp --icmp-type 8
t iptables -A FORWARD -m multiport --dports 1
t iptables -A FORWARD -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
t iptables -A FORWARD -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16
t iptables -A FORWARD -p tcp -m multiport --dports 1 --sports 2
t iptables -A FORWARD -p tcp -m multiport --dports nosuchservice
t iptables -A FORWARD -m addrtype
t iptables -A FORWARD -m comment --comment a -m comment --comment b
t iptables -A FORWARD -m comment
t iptables -A FORWARD -m conntrack
t iptables -A FORWARD -m state
t iptables -A FORWARD -m multiport
t iptables -A FORWARD -m mark
t iptables -A FORWARD -p icmp -m icmp
t iptables -A FORWARD -m icmp
t iptables -A FORWARD -m connmark
t iptables -A FORWARD -m mac
t iptables -A FORWARD -m pkttype
t iptables -A FORWARD -m length
t iptables -A FORWARD -m iprange
t iptables -A FORWARD -m limit
t iptables -A FORWARD -m statistic
t iptables -A FORWARD -m statistic --probability 0.5
t iptables -A FORWARD -m state --state SNAT
t iptables -A FORWARD -m pkttype --pkt-type foo
t iptables -A FORWARD -m iprange --src-range foo
t iptables -A FORWARD -m mac --mac-source 00:11
t iptables -A FORWARD -m length --length x
t iptables -A FORWARD -m length --length 70000
t iptables -A FORWARD -m statistic --mode foo
t iptables -A FORWARD -m statistic --probability 0.5
t iptables -A FORWARD -m statistic --mode random
t iptables -A FORWARD -m statistic --mode random --probability 2
t iptables -A FORWARD -m statistic --mode nth --every 0
t iptables -A FORWARD -m statistic --mode nth --every 2 --packet 2
t iptables -A FORWARD -m statistic --mode nth ! --every 2
t iptables -A FORWARD -m statistic --mode random --every 2
t iptables -A FORWARD -m addrtype --src-type foo
t iptables -A FORWARD -m addrtype --dst-type ! LOCAL
t iptables -A FORWARD -m addrtype --limit-iface-in
t iptables -A FORWARD -m conntrack --ctstate FOO
t iptables -A FORWARD -m state --state FOO
t iptables -A FORWARD --ctstate NEW
t iptables -A FORWARD -m mark --mark foo
t iptables -A FORWARD -m mark --mark 1/foo
t iptables -A FORWARD -m limit --limit 3/foo
t iptables -A FORWARD -m limit --limit 0/s
t iptables -A FORWARD -m limit --limit /s
t iptables -A FORWARD -p tcp --tcp-flags FOO SYN
t iptables -A FORWARD -p tcp --tcp-flags SYN
t iptables -A FORWARD -j LOG --log-level 9
t iptables -A FORWARD -j LOG --log-level foo
t iptables -A FORWARD -j LOG --log-level warn
t iptables -A FORWARD -j ACCEPT --log-level 1
t iptables -t nat -A POSTROUTING -j SNAT
t iptables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4:80
t iptables -t nat -A POSTROUTING -j SNAT --to-source foo
t iptables -t nat -A PREROUTING -j DNAT
t iptables -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4:80
t iptables -t nat -A PREROUTING -j REDIRECT --to-ports 80
t iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1 --random-fully
t iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1 --to-destination 10.0.0.2
t iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 80
t iptables -t nat -A POSTROUTING -j MASQUERADE --persistent
t iptables -t mangle -A PREROUTING -j MARK
t iptables -t mangle -A PREROUTING -j MARK --set-mark 1 --or-mark 2
t iptables -t mangle -A PREROUTING -j MARK --set-mark foo
t iptables -t mangle -A PREROUTING -j MARK --and-mark 1/2
t iptables -t mangle -A PREROUTING -j CONNMARK
t iptables -t mangle -A PREROUTING -j CONNMARK --mask 1
t iptables -t mangle -A PREROUTING -j CONNMARK --save-mark --restore-mark
t iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 1 --save-mark
t iptables -t mangle -A PREROUTING -j CONNMARK --set-mark foo
t iptables -t mangle -A PREROUTING -j CONNMARK --save-mark --nfmask x
t iptables -t mangle -A PREROUTING -m connmark --mark foo
t iptables -t mangle -A PREROUTING -m connmark --mark 1 -m connmark --mark foo
t iptables -t mangle -A FORWARD -p tcp -j TCPMSS; t iptables -t mangle -A FORWARD -p tcp -j TCPMSS --set-mss 65516
t iptables -t mangle -A FORWARD -p tcp -j TCPMSS --set-mss 1 --set-mss 2; t iptables -t mangle -A FORWARD -p tcp -j TCPMSS ! --set-mss 5
t iptables -t mangle -A FORWARD -p tcp -j ACCEPT --set-mss 5; t iptables -t mangle -A FORWARD -p tcp -j TCPMSS --set-mss x
t iptables -A INPUT -p tcp -j TCPMSS --set-mss 1400; t iptables -t mangle -A FORWARD -p tcp -m tcpmss
t iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 5:4; t iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 70000
t iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 5:x; t iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 1 --mss 2
t iptables -t mangle -A FORWARD -m tcpmss --mss 5; t iptables -t mangle -A FORWARD -p tcp --mss 5
t iptables -A OUTPUT -m owner --uid-owner 4294967295; t iptables -A OUTPUT -m owner --uid-owner nosuchuser
t iptables -A OUTPUT -m owner --gid-owner 5x; t iptables -A OUTPUT -m owner --uid-owner -5
t iptables -A OUTPUT -m owner --uid-owner 1 --uid-owner 2; t iptables -A OUTPUT -m owner --suppl-groups
t iptables -A OUTPUT -m owner --gid-owner 1 ! --suppl-groups; t iptables -A OUTPUT -m owner
t iptables -A INPUT -m owner --uid-owner 0; t iptables -A OUTPUT --uid-owner 0; t iptables -A OUTPUT -m owner --uid-owner 5-3
t iptables -t raw -A PREROUTING -j CT --zone x; t iptables -t raw -A PREROUTING -j CT --zone 70000
t iptables -t raw -A PREROUTING -j CT --notrack --notrack; t iptables -t raw -A PREROUTING -j NOTRACK --zone 1
t iptables -t raw -A PREROUTING -j CT ! --notrack; t iptables -t raw -A PREROUTING -j CT --helper nosuch
t iptables -A INPUT -j CT --notrack; t iptables -t raw -A PREROUTING -j ACCEPT --notrack
for v in "" ":abc" ":0" ":5-4" ":70000" "1.2.3.4:" "1.2.3.4:1-" "1.2.3.4:1x" "1.2.3.4:1-2x" "1.2.3.4:1:2" "1.2.3.4: 1" ":+1-0x10" \
         "1.2.3.4:1-2/0" "1.2.3.4:1-2/" "1.2.3.4:1-2/x" "1.2.3.4:1-2/65536" "1.2.3.4:1-2/ -7" "1.2.3.4:1-2//1" "1.2.3.4:1/5" \
         "[1.2.3.4]:1" "1.2.3.4-1.2.3.5:1:2" "x-1.2.3.4:80x" "1.2.3.4-x:80" "1.2.3.4:http-https" "1.2.3.4:80-http" "1.2.3.4:-1"; do
  t iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination "$v"; t iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source "$v"
done
for v in "" 80:90 http-https 80-http 90-80 80x 80-90x 80-90/0 80-90/ 80-90/x 65536 -1 80-90/65536 80/100; do
  t iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports "$v"; t iptables -t nat -A PREROUTING -p udp -j REDIRECT --to-ports "$v"
done
# REDIRECT has only the compat range, and libxt_NAT refuses a shifted
# portmap there (after the options, so a repeated one is named first).
t iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 1000-2000/100
t iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80-90/100 --random --random
t iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:80-90/100 -p udp
t iptables -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4:80 -p tcp
t iptables -t nat -A POSTROUTING -p gre -j SNAT --to-source 1.2.3.4:80-90/100
t iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 80 --to-ports 90
t iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80 ! --random
t iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.1.1.1 --to-source 1.1.1.2
t iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.1.1.1 ! --persistent
t iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.1.1.1 --random-fully --random-fully
t iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE ! --to-ports 80
# Target options: each once, none inverted, in the words of libxtables.
t iptables -A FORWARD -p tcp -j REJECT --reject-with tcp-reset --reject-with tcp-reset
t iptables -A FORWARD -p tcp -j REJECT ! --reject-with tcp-reset
t iptables -A FORWARD -j LOG ! --log-prefix x; t iptables -A FORWARD -j LOG --log-uid --log-uid
t iptables -A FORWARD -j LOG --log-level 1 --log-level 2; t iptables -A FORWARD -j LOG --log-prefix a --log-prefix b
t iptables -t mangle -A FORWARD -j MARK ! --set-mark 1; t iptables -t mangle -A FORWARD -j MARK --set-mark 1 --set-mark 2
t iptables -t mangle -A FORWARD -j CONNMARK ! --save-mark; t iptables -t mangle -A FORWARD -j CONNMARK --save-mark --save-mark
t iptables -t mangle -A FORWARD -j CONNMARK --save-mark --mask 1 --mask 2; t iptables -t mangle -A FORWARD -j CONNMARK --set-mark 1 --set-mark 1
t iptables -t mangle -A FORWARD -j CONNMARK --save-mark --nfmask 1 --mask 2
t iptables -t mangle -A FORWARD -j CONNMARK --restore-mark --ctmask 1 --mask 3
t iptables -t mangle -A FORWARD -j CONNMARK --save-mark --nfmask 1 --ctmask 2 --mask 3
t iptables -t mangle -A FORWARD -j CONNMARK --mask 3 --nfmask 1
t iptables -A INPUT -m comment ! --comment x; t iptables -A INPUT -m comment --comment x --comment y
t iptables -A INPUT -m limit ! --limit 5/s; t iptables -A INPUT -m limit --limit-burst 5 ! --limit-burst 6
t iptables -A INPUT -m limit --limit 1/s --limit 2/s; t iptables -A INPUT -m statistic ! --mode random --probability 0.5
t iptables -A INPUT -m statistic --mode random --mode nth; t iptables -A INPUT -m addrtype --src-type LOCAL ! --limit-iface-in
t iptables -A INPUT -m addrtype --limit-iface-out --limit-iface-out --src-type LOCAL
t iptables -A FORWARD -m recent --set --rcheck
t iptables -A FORWARD -m recent --rcheck --rttl --set
t iptables -A FORWARD -m recent --set --rttl
t iptables -A FORWARD -m recent --set --set
t iptables -A FORWARD -m recent --reap --set
t iptables -A FORWARD -m recent ! --rttl --set
t iptables -A FORWARD -m recent --set --seconds 0
t iptables -A FORWARD -m recent --set --seconds 5
t iptables -A FORWARD -m recent --rcheck --hitcount 100
t iptables -A FORWARD -m recent --rcheck --hitcount x
t iptables -A FORWARD -m recent --rcheck --seconds -1
t iptables -A FORWARD -m recent
t iptables -A FORWARD --rcheck
t iptables -A FORWARD --rdest
t iptables -A FORWARD --set
t iptables -A FORWARD --physdev-in x
t iptables -A FORWARD -m physdev
t iptables -A FORWARD -m physdev --physdev-in a --physdev-in b
t iptables -A FORWARD -m physdev --physdev-is-in ! --physdev-is-in
t iptables -A FORWARD -m physdev --physdev-in abcdefghijklmnopq
t iptables -A FORWARD -m physdev --physdev-in "a b"
t iptables -A FORWARD -m hashlimit
t iptables -A FORWARD -m hashlimit --hashlimit-upto 5
t iptables -A FORWARD -m hashlimit --hashlimit-name x
t iptables -A FORWARD -m hashlimit --hashlimit-name "" --hashlimit 5
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-above 3
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-upto 3
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit abc
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit-above 5/
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5/fortnight
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 10000000/s
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-burst 0
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-burst 2000k
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-burst 2000000
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-burst x
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-mode foo
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-mode srcip,,dstip
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-srcmask 33
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-dstmask x
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-htable-size x
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-htable-expire 99999999999
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-rate-interval 0
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 5kb/s --hashlimit-burst 1
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit 0kb/s
t iptables -A FORWARD -m hashlimit --hashlimit-name x ! --hashlimit-htable-max 5 --hashlimit 5
t iptables -A FORWARD -m hashlimit --hashlimit-name x --hashlimit-name y --hashlimit 5
t iptables -A FORWARD --hashlimit-name x
t iptables -t mangle -A POSTROUTING -j CLASSIFY
t iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1
t iptables -t mangle -A POSTROUTING -j CLASSIFY --set-class 1:2 --set-class 1:3
t iptables -t mangle -A PREROUTING -j CLASSIFY --set-class 1:2
t iptables -t mangle -A POSTROUTING -j CLASSIFY ! --set-class 1:2
t iptables -A FORWARD -j ACCEPT --set-class 1:2
t iptables -N CLASSIFY
t iptables -A FORWARD -m recent --set --mask 255.255.0.0x
t iptables -A FORWARD -f -f; t iptables -L -f; t iptables -A FORWARD ! -f ! -f
t iptables -t raw -A OUTPUT -j TRACE --foo; t iptables -t raw -A OUTPUT -g TRACE; t iptables -N TRACE
t iptables -A FORWARD --na x; t iptables -A FORWARD --name=x; t iptables -A FORWARD --hashlimit-n x; t iptables -A FORWARD --physdev-is-b
for v in 0 -1 x 256 " 7" 1x ""; do t iptables -A FORWARD -p tcp --tcp-option "$v"; done
t iptables -A FORWARD -p tcp --tcp-option 1 --tcp-option 2; t iptables -A FORWARD -p udp --tcp-option 2; t iptables -A FORWARD --tcp-option 2
# Without --mask the mask is all ones over 16 bytes; "--mask 255.255.255.255",
# as -S prints it, sets 4: iptables-nft -C of its own -S line fails too.
iptables -A INPUT -m recent --set; t iptables -C INPUT -m recent --set --name DEFAULT --mask 255.255.255.255 --rsource
t iptables -D INPUT -m recent --set; t iptables -C INPUT -m recent --set
for v in 128 129 255.0.255.0 -1 " 5" 0x10 010 1.2 x 33; do t iptables -A INPUT -m hashlimit --hashlimit-name x --hashlimit 5 --hashlimit-dstmask "$v"; done
t iptables -A INPUT -m hashlimit --hashlimit-name $(printf "%0300d" 0) --hashlimit 5
t iptables -A INPUT -m hashlimit --hashlimit-name $(printf "%0254d" 0) --hashlimit 5
t iptables -A INPUT -m recent --name $(printf "%0254d" 0) --set; t iptables -A INPUT -m recent --name $(printf "%0199d" 0) --set
t iptables -A INPUT -m recent --set -m recent --update --name x; t iptables -A INPUT -m physdev --physdev-in x -m physdev --physdev-in y
for t in filter nat mangle raw; do '"$REF"' -t $t -S; done'
}

# A shifted portmap ("PORT-PORT/BASE", libxt_NAT 1.8.9): DNAT (revision 2)
# keeps the base port; SNAT and MASQUERADE (the compat range, no base
# field) keep only the flag and list it as "/0", which neither tool takes
# back ("Port `0' not valid"), so -C of the listed line fails in both;
# the line as given still checks and deletes.
@test "shifted portmaps: SNAT and MASQUERADE keep the flag alone, listed /0, as iptables-nft does" {
  assert_same_n '
t() { "$@"; echo "rc=$?"; }
add() { $1 -t nat -A POSTROUTING -p tcp -j SNAT --to-source 10.0.0.2:1000-2000/100
        $1 -t nat -A POSTROUTING -p udp -j SNAT --to-source :80-90/http --random-fully --persistent
        $1 -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000/5 --random
        $1 -t nat -A POSTROUTING -p icmp -j SNAT --to-source 198.51.100.1-198.51.100.9:1-2/65535
        $1 -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.2:0-0/65535; }
for A in iptables '"$REF"'; do
  add $A
  for L in iptables '"$REF"'; do $L -t nat -S; $L -t nat -L -v; $L -t nat -L -x --line-numbers; done
  iptables -t nat -L -n -v
  t iptables -t nat -C POSTROUTING -p tcp -j SNAT --to-source 10.0.0.2:1000-2000/0
  t iptables -t nat -C POSTROUTING -p tcp -j SNAT --to-source 10.0.0.2:1000-2000
  t iptables -t nat -C POSTROUTING -p tcp -j SNAT --to-source 10.0.0.2:1000-2000/7
  t '"$REF"' -t nat -C POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000/1 --random
  t iptables -t nat -D POSTROUTING -p udp -j SNAT --to-source :80-90/1 --random-fully --persistent
  t '"$REF"' -t nat -D POSTROUTING -p icmp -j SNAT --to-source 198.51.100.1-198.51.100.9:1-2/9
  # A one-port range with a base lists as "PORT/BASE", which is refused.
  t '"$REF"' -t nat -C PREROUTING -p tcp -j DNAT --to-destination 10.0.0.2:0/65535
  t iptables -t nat -C PREROUTING -p tcp -j DNAT --to-destination 10.0.0.2:0/65535
  t iptables -t nat -D PREROUTING -p tcp -j DNAT --to-destination 10.0.0.2:0-0/65535
  iptables-save -t nat | grep "^-"; iptables -t nat -F
done'
}

# recent: its options in any order around --name, the four commands
# excluding each other (named in the option table's order, after the
# "you must specify" check), --reap needing --seconds, --rttl not with
# --set/--remove, --rsource/--rdest (the last wins), --mask; seconds and
# hit counts print with "%d" (4294967295 seconds is "-1").
@test "recent: option order, conflicts, --reap, --rsource/--rdest, --mask: as iptables-nft" {
  assert_same_n '
t() { "$@"; echo "rc=$?"; }
R="t iptables -A INPUT -m recent"
$R --name foo --set; $R --set --name foo; $R --rsource --set --name a; $R --set --rdest --name b --rsource
$R --mask 255.255.0.0 --name m --rcheck; $R --rcheck --name m --mask 255.255.0.0
$R --name x --mask 255.0.0.0 --update --seconds 5 --reap
$R --set --rcheck; $R --rcheck --set; $R --update --set; $R --set --update; $R --remove --set; $R --rcheck --update --remove
$R --update --rcheck; $R --reap --rcheck; $R --rcheck --reap; $R --rcheck --reap --seconds 10; $R --seconds 10 --rcheck --reap
$R --update --seconds 5 --reap --hitcount 3 --rttl --name z --rdest --mask 10.0.0.0
$R --rsource --rdest --set; $R --rdest --rsource --set; $R --rdest --rdest --set; $R --set --name a --name b
$R --mask 1.2.3.4 --mask 2.3.4.5 --set; $R --set --mask 0.0.0.0; $R --set --mask 0xffffff00
$R --rttl --set; $R --set --rttl; $R --remove --rttl; $R --rttl --update --name t; $R --rttl --rcheck
$R --set --seconds 1; $R --set --hitcount 1; $R --remove --seconds 5 --reap; $R --set --reap
$R ! --set; $R ! --rcheck --seconds 5; $R --rcheck ! --seconds 5; $R --set ! --name x; $R --set ! --rsource; $R --set ! --mask 1.1.1.1
$R --seconds 5; $R --name x; $R --hitcount 2 --name x
$R --rcheck --seconds 0; $R --rcheck --seconds 4294967295; $R --rcheck --seconds 4294967296; $R --rcheck --hitcount 0
$R --rcheck --hitcount 0x10; $R --rcheck --name ""; $R --rcheck --name "a b"
t iptables -A INPUT -m recent --set -m recent --rcheck --name second
t iptables -A INPUT -m recent --set --name a -m recent ! --update --name b --rdest --seconds 9 --reap
t iptables -A INPUT -p tcp -m recent --set --name p --dport 22
t iptables -C INPUT -m recent --rsource --name foo --set; t iptables -D INPUT -m recent --set --name foo
for L in iptables '"$REF"'; do $L -S; $L -L -v; done; iptables -L -n'
}

@test "set: --match-set by the kernel's ipset index, every option and error, listed by either tool, saved and restored" {
  command -v ipset >/dev/null || fail "ipset is not installed (scripts/deps.sh installs it)"
  assert_same_n '
t() { "$@"; echo "rc=$?"; }
ipset create foo hash:ip; ipset create bar hash:net,port family inet6; ipset create baz hash:ip,port
S="t iptables -A INPUT -m set"
$S --match-set foo src -j ACCEPT
$S ! --match-set baz dst,src --return-nomatch ! --update-counters ! --update-subcounters --packets-gt 5 ! --bytes-eq 100 -j DROP
$S --match-set foo src,dst,dst --update-counters --update-subcounters --bytes-lt 0x10 --packets-eq 1
$S --match foo srcx --ret --upd --update-s --pack 4; $S --set foo src
$S --match-set bar src; $S --match-set nope src; $S --match-set abcdefghijabcdefghijabcdefghijabcdefghij src
$S --match-set foo; $S --match-set foo -j ACCEPT; $S --match-set foo ! src; $S --match-set foo sr
$S --match-set foo src,dst,src,dst,src,dst,src; $S; $S --match-set foo src --match-set foo dst
$S --match-set foo src --packets-eq 1 --packets-lt 3; $S --match-set foo src --packets-eq x
$S --match-set foo src ! --packets-lt 3; $S --match-set foo src ! --return-nomatch
$S --match-set foo src --bytes-gt 18446744073709551615 --packets-lt 18446744073709551616
t ip6tables -A INPUT -m set --match-set bar src,dst -j ACCEPT; t ip6tables -A INPUT -m set --match-set foo src
'"$REF"' -A FORWARD -m set --match-set baz src,src -j ACCEPT
t iptables -C INPUT -m set --match-set foo src -j ACCEPT; t iptables -C FORWARD -m set --match-set baz src,src -j ACCEPT
for L in iptables '"$REF"'; do $L -S; $L -L -v; done; iptables -L -n; ip6tables -S
iptables-save | grep -v "^#" > '"$BATS_TEST_TMPDIR"'/saved
t iptables -D INPUT -m set --match-set foo src -j ACCEPT; t iptables -F
t iptables-restore < '"$BATS_TEST_TMPDIR"'/saved; '"$REF"' -S
printf "*filter\n-A INPUT -m set --match-set nope dst\nCOMMIT\n" | iptables-restore; echo "rc=$?"'
}

@test "set: without a raw socket to ask ipset, libxt_set's words and exit 1, command, restore and listings" {
  command -v ipset >/dev/null || fail "ipset is not installed (scripts/deps.sh installs it)"
  # A listing stops in the middle of the set rule's line, where the set's
  # name would be printed (-S, -L, iptables-save); a listing of another
  # rule alone goes on.
  assert_same '
ipset create foo hash:ip
noraw() { setpriv --inh-caps=-all --bounding-set=-net_raw "$@"; echo "rc=$?"; }
noraw iptables -A INPUT -m set --match-set foo src -j ACCEPT
printf "*filter\n-A INPUT -m set --match-set foo src -j ACCEPT\nCOMMIT\n" > f
noraw iptables-restore f; iptables -S INPUT
iptables -N user; iptables -A user -p tcp --dport 22 -m set --match-set foo src,dst -j ACCEPT; iptables -A user -j DROP
iptables -A FORWARD -s 1.2.3.4 -j user
noraw iptables -S; noraw iptables -L -v; noraw iptables -L user -x; noraw iptables -S user 1; noraw iptables -L user 2
noraw iptables -S FORWARD; noraw iptables-save | grep -v "^#"'
}

@test "a rule nsbox cannot decode is never listed as a shorter rule" {
  # A table with an expression kind iptables-nft never writes: both tools
  # call the table incompatible, in the same words; other chains still list.
  assert_same '
nft add table ip filter; nft add chain ip filter FORWARD "{ type filter hook forward priority 0; }"
nft add rule ip filter FORWARD oifname docker0 ct state established accept
iptables -S; echo "rc=$?"; iptables -L -n; echo "rc=$?"; iptables -S INPUT; echo "rc=$?"
iptables -A FORWARD -j ACCEPT; echo "rc=$?"; iptables -C FORWARD -o docker0 -j ACCEPT; echo "rc=$?"'
  # An x_tables extension nsbox does not decode (iptables-nft lists it):
  # nsbox refuses the listing and names the extension instead of printing
  # the rule without it; -C never takes it for the shorter rule.
  # (The rule before it is counted; iptables-save saves nothing.) -S and
  # -L CHAIN N list any other rule of that chain, as iptables does.
  run nsb "$REF"' -A FORWARD -i eth0 -j ACCEPT; '"$REF"' -A FORWARD -o docker0 -m quota --quota 5000 -j ACCEPT
'"$REF"' -A FORWARD -o eth1 -j DROP; '"$REF"' -t mangle -A FORWARD -j DSCP --set-dscp 1
iptables -S; echo "rc=$?"; iptables -L FORWARD; echo "rc=$?"; iptables -t mangle -S; echo "rc=$?"
iptables -C FORWARD -o docker0 -j ACCEPT; echo "rc=$?"; iptables -S INPUT; echo "rc=$?"
iptables-save -t filter; echo "rc=$?"
iptables -S FORWARD 1; iptables -S FORWARD 3; echo "rc=$?"
iptables -L FORWARD 3 -n -v; '"$REF"' -L FORWARD 3 -n -v | sed "s/ 0    --/ all  --/"
iptables -S FORWARD 2; echo "rc=$?"'
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "iptables v1.8.9 (nf_tables): rule 2 in chain \`FORWARD' of table \`filter' uses match \`quota' (revision 0), which nsbox cannot decode; list it with iptables-nft or nft." ]
  [ "${lines[1]}" = "rc=1" ]
  [ "${lines[2]}" = "${lines[0]}" ]
  [ "${lines[3]}" = "rc=1" ]
  [ "${lines[4]}" = "iptables v1.8.9 (nf_tables): rule 1 in chain \`FORWARD' of table \`mangle' uses target \`DSCP' (revision 0), which nsbox cannot decode; list it with iptables-nft or nft." ]
  [ "${lines[5]}" = "rc=1" ]
  [ "${lines[6]}" = "iptables: Bad rule (does a matching rule exist in that chain?)." ]
  [ "${lines[7]}" = "rc=1" ]
  [ "${lines[8]}" = "-P INPUT ACCEPT" ]
  [ "${lines[9]}" = "rc=0" ]
  [ "${lines[10]}" = "iptables-save: rule 2 in chain \`FORWARD' of table \`filter' uses match \`quota' (revision 0), which nsbox cannot decode; nothing saved." ]
  [ "${lines[11]}" = "rc=1" ]
  [ "${lines[12]}" = "-A FORWARD -i eth0 -j ACCEPT" ]
  [ "${lines[13]}" = "-A FORWARD -o eth1 -j DROP" ]
  [ "${lines[14]}" = "rc=0" ]
  [[ "${lines[15]}" == *" DROP       all  --  *      eth1    0.0.0.0/0 "* ]]
  [ "${lines[15]}" = "${lines[16]}" ]
  [ "${lines[17]}" = "${lines[0]}" ]
  [ "${lines[18]}" = "rc=1" ]
  [ "${#lines[@]}" -eq 19 ]
}
