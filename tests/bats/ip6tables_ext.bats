#!/usr/bin/env bats
# The IPv6-only matches of ip6tables (frag, hbh, dst, rt, ah, mh, ipv6header,
# eui64; and ah of iptables): nsbox against /usr/sbin/ip6tables-nft 1.8.9. For each match, every
# option, "!", bad values and the reference's errors and exit codes; -L, -L -n,
# -L -n -v, -S and ip6tables-save; rules added by nsbox listed and checked
# byte for byte (-C compares the info bytes) by ip6tables-nft, and the
# reverse; and a round trip through both restores.

load helpers
load iptables_common

# ext_add RULES: a script that adds each line of RULES (the arguments after
# "-A INPUT", one rule per line) with `ip6tables` (whichever side is under
# test, or $TOOL if set), echoing each exit code.
ext_add() {
  printf '%s\n' "t() { ${TOOL:-ip6tables} \"\$@\"; echo \"rc=\$?\"; }" \
    'while IFS= read -r a; do [ -n "$a" ] && eval "t -A INPUT $a"; done <<"EOF"' "$1" 'EOF'
}

# ext_check RULES TOOL: TOOL -C INPUT for each line of RULES.
ext_check() {
  printf '%s\n' 'while IFS= read -r a; do [ -n "$a" ] && { eval "'"$2"' -C INPUT $a"; echo "C rc=$?"; }; done <<"EOF"' "$1" 'EOF'
}

# ext_cases RULES BAD: the three comparisons of one match.
# 1. nsbox adds RULES and refuses BAD as ip6tables-nft does; both list them,
#    nft shows what the info bytes decode to, ip6tables-nft -C finds each.
# 2. ip6tables-nft adds RULES; nsbox lists them and -C finds each.
ext_cases() {
  assert_same_n6 "$(ext_add "$1")
$(ext_add "$2")"'
ip6tables -S; ip6tables -L; ip6tables -L -n; ip6tables -L -n -v; ip6tables -L -v
ip6tables-save | grep -v "^#"; nft list ruleset
'"$REF6"' -S; '"$REF6"' -L -v
'"$(ext_check "$1" "$REF6")" || return 1
  assert_same_n6 "$(TOOL=$REF6 ext_add "$1")"'
ip6tables -S; ip6tables -L; ip6tables -L -n -v; ip6tables-save | grep -v "^#"
'"$(ext_check "$1" ip6tables)"
}

FRAG='-m frag --fragid 5
-m frag ! --fragid 5:10 --fraglen 8 --fragres --fragfirst --fragmore
-m frag --fraglast ! --fraglen 3 -j DROP
-m frag
-m frag --fragid 0:4294967295
-m frag ! --fragid 0:4294967295
-m frag --fragid 5:3
-m frag --fragid 5: --fraglen 0x10
-m frag --fragid :5 --fragres
-m frag --fragid "" --fragfirst --fraglast
-m frag --fragid " 7"
-m frag --fragid +7:0x10
-m frag --fragid :
-m frag --fragid 4294967295 ! --fraglen 4294967295
-m frag --fragi 7 --fragr'

FRAG_BAD='-m frag --fragmore --fraglast
-m frag --fraglast --fragmore
-m frag --fragid x
-m frag --fragid 4294967296
-m frag --fragid 1:2:3
-m frag --fragid 1:2:
-m frag --fragid 5x
-m frag --fragid -1
-m frag --fragid 4:-1
-m frag --fragid 3 --fragid 4
-m frag ! --fragres
-m frag ! --fragfirst
-m frag ! --fragmore
-m frag ! --fraglast
-m frag --fragres --fragres
-m frag --fraglen -1
-m frag --fraglen ""
-m frag --fraglen 5x
-m frag --fraglen 4294967296
-m frag --fragid
--fragid 5
-m frag --frag 5
-m frag --fragfirs --fragf
-m frag --fragl 1'

@test "ip6tables -m frag: --fragid [!] id[:id], --fraglen, --fragres, --fragfirst, --fragmore, --fraglast; both directions" {
  ext_cases "$FRAG" "$FRAG_BAD"
}

HBH='-m hbh --hbh-len 8
-m hbh ! --hbh-len 0 --hbh-opts 1:2,5 -j DROP
-m hbh --hbh-opts 0
-m hbh --hbh-opts 0x10:0x20,255:255,0x1ff:0x1ff
-m hbh --hbh-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
-m hbh --hbh-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15:1
-m hbh --hbh-opts " 5:+7"
-m hbh --hbh-opts -1
-m hbh
-m hbh --hbh-o 1 --hbh-l 4294967295'

HBH_BAD='-m hbh --hbh-opts 256:257
-m hbh --hbh-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
-m hbh --hbh-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16:1
-m hbh --hbh-opts 0:1
-m hbh --hbh-opts x
-m hbh --hbh-opts ""
-m hbh --hbh-opts 1:
-m hbh --hbh-opts 1:x
-m hbh --hbh-opts 5x
-m hbh --hbh-opts 1:5x
-m hbh --hbh-opts 1,
-m hbh --hbh-opts ,1
-m hbh --hbh-opts 1,,2
-m hbh --hbh-opts 99999999999999999999999
-m hbh --hbh-opts 1:99999999999999999999999
-m hbh ! --hbh-opts 1
-m hbh --hbh-opts 1 --hbh-opts 2
-m hbh --hbh-len 1 --hbh-len 2
-m hbh --hbh-len x
-m hbh --hbh-len 4294967296
-m hbh --dst-len 1
-m dst --hbh-len 1
--hbh-len 1
-m hbh --hbh-len 4294967295 --hbh-len-no-such 1'

DST='-m dst --dst-len 8 --dst-opts 1:2,5
-m dst ! --dst-len 8 -j ACCEPT
-m dst --dst-opts 0,1:0,4:255
-m dst --dst-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
-m dst
-m dst --dst-len 1 -m hbh --hbh-len 2'

DST_BAD='-m dst --dst-opts 0:1
-m dst --dst-opts x
-m dst --dst-opts 1:x
-m dst --dst-opts 7y
-m dst --dst-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
-m dst --dst-opts 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16:3
-m dst --dst-opts 99999999999999999999999
-m dst ! --dst-opts 1
-m dst --dst-len x
-m dst --dst-len 1 ! --dst-len 2
-m dst --dst 5'

@test "ip6tables -m hbh: [!] --hbh-len, --hbh-opts type[:len],... (16 at most); both directions" {
  ext_cases "$HBH" "$HBH_BAD"
}

@test "ip6tables -m dst: [!] --dst-len, --dst-opts type[:len],...; both directions" {
  ext_cases "$DST" "$DST_BAD"
}

RT='-m rt --rt-type 0 --rt-segsleft 2:3 --rt-len 5 --rt-0-res --rt-0-addrs fd00::1,::1 --rt-0-not-strict
-m rt ! --rt-type 4294967295 ! --rt-segsleft 0:4294967295 ! --rt-len 5
-m rt --rt-type 0 --rt-0-addrs ::1 --rt-0-not-strict -j DROP
-m rt --rt-type 0 --rt-0-addrs ::1,::2,::3,::4,::5,::6,::7,::8,::9,::a,::b,::c,::d,::e,::f,::10
-m rt --rt-type 0 --rt-0-addrs 2001:db8::ffff:1.2.3.4,::ffff:10.0.0.1 --rt-0-res
-m rt --rt-segsleft 7
-m rt ! --rt-segsleft 7: --rt-type 2
-m rt --rt-segsleft :9 --rt-len 0x20
-m rt --rt-segsleft 9:1
-m rt --rt-segsleft 0:4294967295
-m rt
-m rt --rt-t 3 --rt-s 1 --rt-l 8'

RT_BAD='-m rt ! --rt-type 0 --rt-0-res
-m rt --rt-0-res --rt-type 0
-m rt --rt-type 1 --rt-0-res
-m rt --rt-type 0 --rt-0-not-strict
-m rt --rt-0-not-strict --rt-type 0 --rt-0-addrs ::1
-m rt --rt-type 0 --rt-0-addrs ::1,
-m rt --rt-type 0 --rt-0-addrs ""
-m rt --rt-type 0 --rt-0-addrs 10.0.0.1
-m rt --rt-type 0 --rt-0-addrs fd00::/64
-m rt --rt-type 0 --rt-0-addrs ::1,::2,::3,::4,::5,::6,::7,::8,::9,::a,::b,::c,::d,::e,::f,::10,::11
-m rt --rt-type 1 --rt-0-addrs ::1
-m rt --rt-0-addrs ::1
-m rt --rt-type 0 ! --rt-0-addrs ::1
-m rt --rt-type 0 --rt-0-addrs ::1 ! --rt-0-not-strict
-m rt ! --rt-0-res
-m rt --rt-type x
-m rt --rt-type 4294967296
-m rt --rt-type -1
-m rt --rt-type 1 --rt-type 1
-m rt --rt-segsleft 1:2:3
-m rt --rt-segsleft 1x
-m rt --rt-segsleft x
-m rt --rt-len ""
-m rt --rt-0
-m rt --rt-type 0 --rt-0-r
--rt-type 0'

@test "ip6tables -m rt: [!] --rt-type, [!] --rt-segsleft n[:n], [!] --rt-len, --rt-0-res, --rt-0-addrs, --rt-0-not-strict; both directions" {
  ext_cases "$RT" "$RT_BAD"
}

AH='-m ah --ahspi 5 --ahlen 3 --ahres
-m ah ! --ahspi 5:10 ! --ahlen 0 -j DROP
-m ah --ahlen 0
-m ah ! --ahspi 0:4294967295
-m ah --ahspi 0:4294967295 --ahlen 4294967295
-m ah --ahspi 7: ! --ahres
-m ah --ahspi :7
-m ah --ahspi 9:2
-m ah
-m ah --ahs 1 --ahl 2'

AH_BAD='-m ah ! --ahres
-m ah --ahspi 1:2:3
-m ah --ahspi x
-m ah --ahspi 4294967296
-m ah --ahspi 1 --ahspi 2
-m ah --ahlen -1
-m ah --ahlen 1x
-m ah --ahres --ahres
-m ah --ahspi
--ahspi 1'

@test "ip6tables -m ah: [!] --ahspi spi[:spi], [!] --ahlen, --ahres; both directions" {
  ext_cases "$AH" "$AH_BAD"
}

AH4='-p ah -m ah --ahspi 5
-p 51 -m ah ! --ahspi 5:10 -j ACCEPT
-p ah -m ah ! --ahspi 0:4294967295
-p ah -m ah
-p ah -m ah --ahspi :
-p ah -m ah --ahspi 3: -m ah --ahspi :4
-p ah -m ah --ah 7
-p ah --ahs 8'

AH4_BAD='-p ah -m ah --ahspi x
-p ah -m ah --ahspi 1:2:3
-p ah -m ah ! --ahspi 1 --ahspi 2
-p ah -m ah --ahres
-p ah -m ah --ahlen 5
-p ah -m ah --ahl 5
-p ah -m ah --ahr
-p ah --ahres
-m ah --ahspi 1
-p tcp -m ah --ahspi 1
! -p ah -m ah --ahspi 1'

@test "iptables -m ah (struct ipt_ah: --ahspi only; the kernel wants -p ah); both directions" {
  assert_same_norm norm_proto "$(TOOL=iptables ext_add "$AH4")
$(TOOL=iptables ext_add "$AH4_BAD")"'
iptables -S; iptables -L; iptables -L -n -v; iptables-save | grep -v "^#"; nft list table ip filter
'"$REF"' -S; '"$REF"' -L
'"$(ext_check "$AH4" "$REF")" || return 1
  assert_same_norm norm_proto "$(TOOL=$REF ext_add "$AH4")"'
iptables -S; iptables -L; iptables -L -n
'"$(ext_check "$AH4" iptables)"'
D=$(mktemp -d); iptables-save > $D/a; '"$REF"' -F INPUT; '"$REF_RESTORE"' < $D/a; echo "rc=$?"; '"$REF"' -S
'"$REF_SAVE"' > $D/b; '"$REF"' -F INPUT; iptables-restore < $D/b; echo "rc=$?"; iptables -S' 
}

# (the kernel's mh match wants -p mh: without it the rule fails with EINVAL)
MH='-p mh -m mh --mh-type bu
-p mh -m mh ! --mh-type 3:5 -j DROP
-p ipv6-mh -m mh --mh-type BINDING-UPDATE
-p 135 -m mh --mh-type binding
-p mh -m mh --mh-type b
-p mh -m mh --mh-type home-test
-p mh -m mh --mh-type home
-p mh -m mh --mh-type h
-p mh -m mh --mh-type c
-p mh -m mh --mh-type ""
-p mh -m mh --mh-type :
-p mh -m mh --mh-type 8:
-p mh -m mh --mh-type :7
-p mh -m mh --mh-type 255
-p mh -m mh --mh-type 0:255
-p mh -m mh ! --mh-type 0:255
-p mh -m mh --mh-type be
-p mh -m mh --mh-type Be
-p mh -m mh --mh-type ba:bu
-p mh -m mh --mh-type 0x5
-p mh -m mh --mh-type " 5"
-p mh -m mh --mh-type +3
-p mh -m mh --mh-type hoT
-p mh -m mh --mh-type careof-test:binding-acknowledgement
-p mh -m mh --mh-type coti:hot
-p mh -m mh
-p mh -m mh --mh 4'

MH_BAD='-p mh -m mh --mh-type 7:3
-p mh -m mh --mh-type bu:brr
-p mh -m mh --mh-type hot:coti
-p mh -m mh --mh-type 256
-p mh -m mh --mh-type x
-p mh -m mh --mh-type -1
-p mh -m mh --mh-type 1:2:3
-p mh -m mh --mh-type 1: --mh-type 2
-p mh -m mh --mh-type binding-updates
-m mh --mh-type 1
-p tcp -m mh --mh-type 1
--mh-type 1'

@test "ip6tables -m mh: [!] --mh-type type[:type] by name, alias, prefix and number; -L names, -L -n numbers; both directions" {
  ext_cases "$MH" "$MH_BAD"
}

# (names from /etc/protocols and aliases first, then libip6t_ipv6header's own)
V6H='-m ipv6header --header hop,dst,route,frag,auth,esp,none,prot
-m ipv6header ! --header frag --soft -j DROP
-m ipv6header --header hop-by-hop,ipv6-opts,ipv6-route,ipv6-frag,ah,esp,ipv6-nonxt,protocol
-m ipv6header --header 0,60,43,44,51,50,59,255
-m ipv6header --header 0
-m ipv6header --header frag,,dst
-m ipv6header --header hopopt
-m ipv6header --header HOPOPT
-m ipv6header --header IPv6-Frag
-m ipv6header --header IPSEC-AH
-m ipv6header --header ,none,
-m ipv6header --header auth,auth --soft
-m ipv6header --soft --header dst
-m ipv6header --h route --s'

V6H_BAD='-m ipv6header --header tcp
-m ipv6header --header x
-m ipv6header --header ""
-m ipv6header --header ,
-m ipv6header --header FRAG
-m ipv6header --header proto
-m ipv6header --header 6
-m ipv6header --header 256
-m ipv6header --header ipv6
-m ipv6header --header ip
-m ipv6header --header ipv6-icmp
-m ipv6header --header frag,x
-m ipv6header --soft
-m ipv6header
-m ipv6header --header frag --header dst
-m ipv6header ! --soft --header frag
-m ipv6header --soft --header dst --soft
--header frag'

@test "ip6tables -m ipv6header: [!] --header names/aliases/numbers, --soft; -L names, -L -n the mask; both directions" {
  ext_cases "$V6H" "$V6H_BAD"
}

# (the kernel allows eui64 in PREROUTING, INPUT and FORWARD only)
EUI='-m eui64
-m eui64 -j DROP
-m eui64 -m eui64
-m eui64 -m ipv6header --header auth'

EUI_BAD='-m eui64 ! --foo
-m eui64 --eui64'

@test "ip6tables -m eui64: no options, nothing printed by -L; the kernel's hook rule; both directions" {
  ext_cases "$EUI" "$EUI_BAD" || return 1
  assert_same '
t() { ip6tables "$@"; echo "rc=$?"; }
t -A OUTPUT -m eui64; t -t mangle -A PREROUTING -m eui64; t -t mangle -A POSTROUTING -m eui64
ip6tables -t mangle -S; ip6tables -t mangle -L -v; ip6tables -S OUTPUT'
}

@test "the IPv6-only matches through nft_compat as ip6tables-nft sends them (none is native nft); -v echo, -C, -D, -R, -Z" {
  assert_same '
ip6tables -v -A INPUT -m frag --fragid 5 --fraglast
ip6tables -v -A INPUT -m hbh --hbh-opts 1:2 -m dst ! --dst-len 3
ip6tables -v -A INPUT -m rt --rt-type 0 --rt-0-addrs ::1 -m ah --ahspi 3
ip6tables -v -A INPUT -p mh -m mh --mh-type bu -m ipv6header --header frag -m eui64 -j DROP
ip6tables -v -D INPUT -m frag --fragid 5 --fraglast; echo "rc=$?"
ip6tables -v -C INPUT -m rt --rt-type 0 --rt-0-addrs ::1 -m ah --ahspi 3; echo "rc=$?"
ip6tables -C INPUT -m rt --rt-type 0 --rt-0-addrs ::2 -m ah --ahspi 3; echo "rc=$?"
iptables -v -A INPUT -p ah -m ah --ahspi 7
ip6tables -L -v --line-numbers -x; ip6tables -S INPUT 2
nft --debug=netlink list ruleset 2>/dev/null | grep -v "^$"
ip6tables -Z INPUT 1; ip6tables -R INPUT 1 -m frag --fragres; ip6tables -D INPUT -m hbh --hbh-opts 1:2 -m dst ! --dst-len 4
echo "rc=$?"; ip6tables -S'
}

@test "ip6tables -p with an extension header (43, 44, 51, 60): ip6tables-nft's warning, in commands and restore files" {
  assert_same '
t() { ip6tables "$@"; echo "rc=$?"; }
t -A INPUT -p AH -m ah --ahspi 1; t -A INPUT -p 43 -j ACCEPT; t -A INPUT ! -p 44; t -A INPUT -p ipv6-frag
t -A INPUT -p ipv6-route; t -A INPUT -p ipv6-opts -j DROP; t -A INPUT -p 0; t -A INPUT -p 50; t -A INPUT -p 59
t -C INPUT -p ah -m ah --ahspi 1; t -D INPUT -p ah -m ah --ahspi 1; t -I INPUT -p 51; t -R INPUT 1 -p 51
iptables -A INPUT -p ah -m ah --ahspi 1; echo "rc=$?"
ip6tables-restore <<"EOF"; echo "rc=$?"
*filter
-A INPUT -p ah
-A INPUT -p 60 -m dst --dst-len 1
COMMIT
EOF
ip6tables -S'
}

@test "-m frag and the other IPv6-only matches are not iptables' (IPv4)" {
  assert_same '
for m in frag hbh dst rt mh ipv6header eui64; do iptables -A INPUT -m $m; echo "rc=$?"; done
iptables -S'
}

# Every rule above, for the round trips.
ALL="$FRAG
$HBH
$DST
$RT
$AH
$MH
$V6H
$EUI"

@test "ip6tables-save of the IPv6-only matches restored by ip6tables-nft-restore, and the reverse; restore's errors" {
  assert_same "$(ext_add "$ALL" | sed 's/echo "rc=$?"/:/')"'
D=$(mktemp -d)
ip6tables-save > $D/a; '"$REF6"' -F INPUT; '"$REF6_RESTORE"' < $D/a; echo "rc=$?"
'"$REF6_SAVE"' | grep -v "^#"
'"$REF6_SAVE"' > $D/b; '"$REF6"' -F INPUT; ip6tables-restore < $D/b; echo "rc=$?"
ip6tables -S; ip6tables-restore --test < $D/b; echo "rc=$?"
printf "*filter\n-A INPUT -m frag --fragid 1\n-A INPUT -m frag --fragid 1:2:3\nCOMMIT\n" | ip6tables-restore; echo "rc=$?"
ip6tables -S INPUT | wc -l'
}
