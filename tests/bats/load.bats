#!/usr/bin/env bats
# Load (issue 12, point 4): 20 loops at once, for 15 s, in one sandbox:
# `ip netns add`/`del`, veth create/delete and `iptables -A`/`-D`, half of
# each kind run by nsbox, half by the reference tools, on shared names so
# that they race (namespaces: see netns_loop for the names only iproute2
# adds). Every exit status is classified: success, an expected
# race (the name exists / is gone already, as the loser of a race is told),
# or a real failure (anything else, a signal included). Afterwards: no
# real failure, no lost or duplicated rule, every /run/netns entry is one
# namespace mount and every such mount has its entry (none stale, none
# leaked), every veth has its peer, and all of it deletes cleanly.

load helpers

LOAD='
deadline=$((SECONDS + 15)); max=1000
# The first `netns add` of a sandbox makes /run/netns a shared mount; done
# once here, so that the loops race on names only.
/usr/sbin/ip netns add seed && /usr/sbin/ip netns del seed || exit 1
N=$NSBOX_BIN REF=/usr/sbin
# run1 LOG RACE CMD...: runs CMD and says ok, race (it failed and
# "rc=N STDERR", the lines of stderr joined by " / ", matches the regex
# RACE: what the loser of a race is told) or bad (anything else, logged).
run1() {
  # (the name is fixed before the fork: in a redirection, $BASHPID would
  # be the child'"'"'s)
  local log=$1 race=$2 rc=0 e=err.$BASHPID; shift 2
  "$@" >/dev/null 2>"$e" || rc=$?
  if ((rc == 0)); then echo ok
  elif [[ -n $race ]] && grep -Eqx "$race" <<<"rc=$rc $(sed -z "s|\n\$||; s|\n| / |g" "$e")"; then echo race
  else echo bad; { echo "rc=$rc: $*"; cat "$e"; } >>"$log"; fi
}
# nsbox adds on the names n0-n3 that every netns loop deletes; the
# reference adds only on its loop'"'"'s own r<worker>_0 and _1, which nsbox
# deletes too. iproute2 binds a new namespace by path: an add of its that
# stalls between creating the file and the bind, while a delete unlinks the
# file and another add makes and binds a new one, stacks a second mount on
# that one. nsbox binds through the file it created (the stalled add fails,
# the loser of the race), so only names the reference alone adds are left
# to it.
netns_loop() { # $1 tool dir, $2 worker
  local i n add
  for ((i = 0; i < max && SECONDS < deadline; i++)); do
    add=$((RANDOM % 2))
    if [[ $1 == "$N" ]]; then
      n=n$((RANDOM % 4))
      ((add || RANDOM % 3)) || n=r$((RANDOM % 3 * 6 + 3))_$((RANDOM % 2))
    else
      n=r$2_$((RANDOM % 2))
      ((add || RANDOM % 2)) || n=n$((RANDOM % 4))
    fi
    if ((add)); then
      run1 bad.$2 "rc=1 (Cannot create namespace file \"/run/netns/$n\": File exists|Bind /proc/self/ns/net -> /run/netns/$n failed: No such file or directory( / Cannot remove namespace file \"/run/netns/$n\": No such file or directory)?)" "$1/ip" netns add $n
    else
      # (busy: an add mounted the name after this delete unmounted it, before
      # the unlink; the namespace stays, whole)
      run1 bad.$2 "rc=1 Cannot remove namespace file \"/run/netns/$n\": (No such file or directory|Device or resource busy)" "$1/ip" netns del $n
    fi
  done >count.$2.netns.${1##*/}
}
link_loop() {
  local i n
  for ((i = 0; i < max && SECONDS < deadline; i++)); do
    n=$((RANDOM % 6))
    if ((RANDOM % 2)); then
      run1 bad.$2 "rc=2 RTNETLINK answers: File exists" "$1/ip" link add v$n type veth peer name p$n
    else
      # (No such device: gone between the lookup of the name and the delete by
      # index, which iproute2 does the same way)
      run1 bad.$2 "rc=1 Cannot find device \"v$n\"|rc=2 RTNETLINK answers: No such device" "$1/ip" link del v$n
    fi
  done >count.$2.link.${1##*/}
}
# Each iptables loop has its own rules (source 10.W.K.1), and keeps the
# list of those it added and did not delete: every command must succeed.
ipt_loop() {
  local i k w=$2 have=()
  for ((i = 0; i < max && SECONDS < deadline; i++)); do
    if ((${#have[@]} == 0 || RANDOM % 3)); then
      k=$i; run1 bad.$w "" "$1/iptables" -A INPUT -s 10.$w.$((k / 250)).$((k % 250 + 1))/32 -j ACCEPT
      have+=("$k")
    else
      k=${have[0]}; have=("${have[@]:1}")
      run1 bad.$w "" "$1/iptables" -D INPUT -s 10.$w.$((k / 250)).$((k % 250 + 1))/32 -j ACCEPT
    fi
  done >count.$w.ipt.${1##*/}
  for k in "${have[@]}"; do echo "-A INPUT -s 10.$w.$((k / 250)).$((k % 250 + 1))/32 -j ACCEPT"; done >want.$w
}
pids=()
for ((w = 0; w < 20; w++)); do
  tool=$N; (((w / 3) % 2)) && tool=$REF
  case $((w % 3)) in
    0) netns_loop $tool $w & ;;
    1) link_loop $tool $w & ;;
    2) ipt_loop $tool $w & ;;
  esac
  pids+=($!)
done
for p in "${pids[@]}"; do wait $p || echo "loop $p: rc=$?"; done
echo "--- commands (ok race bad), by kind and tool:"
for f in count.*; do k=${f#count.*.}; echo "$k $(grep -c "^ok$" $f) $(grep -c "^race$" $f) $(grep -c "^bad$" $f)"; done |
  awk "{ok[\$1]+=\$2; race[\$1]+=\$3; bad[\$1]+=\$4} END {for (k in ok) print k, ok[k], race[k], bad[k]}" | sort >&2
echo "real failures: $(cat bad.* 2>/dev/null | grep -c "^rc=")"; cat bad.* 2>/dev/null | head -20
echo "--- rules:"
/usr/sbin/iptables -S INPUT | sed 1d | sort >have.rules; cat want.* | sort >want.rules
echo "rules: $(wc -l <have.rules) listed, $(wc -l <want.rules) expected, duplicated: $(uniq -d have.rules | wc -l)"
cmp -s have.rules want.rules && echo "rules: exactly the expected ones" || diff want.rules have.rules | head -5
echo "--- namespaces:"
stale=0 leaked=0
for f in /run/netns/*; do
  [[ -e $f ]] || continue
  m=$(awk -v p="$f" "\$5 == p" /proc/self/mountinfo | wc -l)
  ((m == 1)) || { echo "$f: $m mounts"; stale=$((stale + 1)); }
done
for p in $(awk "\$5 ~ \"^/run/netns/.\" {print \$5}" /proc/self/mountinfo); do [[ -e $p ]] || { echo "$p: mount without its entry"; leaked=$((leaked + 1)); }; done
echo "netns: $(ls /run/netns | wc -l) left, $stale not exactly one mount, $leaked leaked mounts"
for f in /run/netns/*; do [[ -e $f ]] && { /usr/sbin/ip netns del "${f##*/}" || echo "del ${f##*/} failed"; }; done
echo "netns after delete: $(ls -A /run/netns | wc -l) files, $(awk "\$5 ~ \"^/run/netns/.\"" /proc/self/mountinfo | wc -l) mounts"
echo "--- links:"
for l in $(/usr/sbin/ip -o link show type veth | awk -F": " "{print \$2}"); do
  case $l in v?@p?|p?@v?) [[ ${l:1:1} == "${l: -1}" ]] || echo "wrong peer: $l";; *) echo "unexpected: $l";; esac
done
for l in $(/usr/sbin/ip -o link show type veth | awk -F": " "{print \$2}" | cut -d@ -f1 | grep "^v"); do /usr/sbin/ip link del $l || echo "del $l failed"; done
echo "links after delete: $(/usr/sbin/ip -o link | grep -vc ": lo:")"
'

@test "20 concurrent loops of netns, veth and iptables changes, nsbox and the reference together" {
  local start=$SECONDS
  SANDBOX_TIMEOUT=90 run nsb "$LOAD"
  echo "$output"
  echo "load.bats: $((SECONDS - start)) s"
  [ "$status" = 0 ]
  [[ $output == *"real failures: 0"* ]]
  [[ $output == *"duplicated: 0"* ]]
  [[ $output == *"rules: exactly the expected ones"* ]]
  [[ $output == *", 0 not exactly one mount, 0 leaked mounts"* ]]
  [[ $output == *"netns after delete: 0 files, 0 mounts"* ]]
  [[ $output == *"links after delete: 0"* ]]
  [[ $output != *"wrong peer"* && $output != *"unexpected:"* && $output != *"failed"* && $output != *"loop "* ]]
}
