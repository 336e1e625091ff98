#!/usr/bin/env bats
# nsbox tcpdump against the reference tcpdump on recorded captures: each row
# of a table ("name pcap options") is printed by both tools with TZ=GMT and
# -r, and stdout, stderr and the exit code must match byte for byte.
#
#   tests/data/tcpdump/corpus.table  captures from tcpdump's own test suite
#                                    (in $NSBOX_TCPDUMP_CORPUS, by default
#                                    ../shared/corpus/tcpdump next to the
#                                    repository; the test fails without it)
#   tests/data/tcpdump/own.table     captures our live tests recorded
#                                    (pcaps next to the table)
#
# To cover a new capture, add a row; nothing else changes.

load helpers

TCPDUMP_DATA="$BATS_TEST_DIRNAME/../data/tcpdump"
NSBOX_TCPDUMP_CORPUS="${NSBOX_TCPDUMP_CORPUS:-$NSBOX_ROOT/../shared/corpus/tcpdump}"

# run_table TABLE DIR: every row of TABLE, pcaps under DIR. Prints each row
# that differs with the diff, and fails if any does.
run_table() {
  local table=$1 dir=$2 name pcap opts failed=0 rows=0
  local out="$BATS_TEST_TMPDIR/out"
  while read -r name pcap opts; do
    [[ -z $name || $name == \#* ]] && continue
    rows=$((rows + 1))
    if [[ ! -f $dir/$pcap ]]; then
      echo "row $name: $dir/$pcap is missing"
      failed=1
      continue
    fi
    local rc_ref=0 rc_nsb=0
    # shellcheck disable=SC2086 # the options column is a word list
    (cd "$dir" && TZ=GMT timeout 60 /usr/bin/tcpdump $opts -r "$pcap" >"$out.ro" 2>"$out.re") || rc_ref=$?
    # shellcheck disable=SC2086
    (cd "$dir" && TZ=GMT timeout 60 "$NSBOX" tcpdump $opts -r "$pcap" >"$out.no" 2>"$out.ne") || rc_nsb=$?
    if ! cmp -s "$out.ro" "$out.no" || ! cmp -s "$out.re" "$out.ne" || [[ $rc_ref != "$rc_nsb" ]]; then
      echo "row $name ($pcap $opts) differs (reference, then nsbox; exit $rc_ref/$rc_nsb):"
      diff "$out.ro" "$out.no" | head -20
      diff "$out.re" "$out.ne" | head -5
      failed=1
    fi
  done <"$table"
  echo "$rows rows"
  ((rows > 0)) || { echo "no rows in $table"; return 1; }
  ((failed == 0))
}

@test "tcpdump's test captures: nsbox prints every row of corpus.table as tcpdump does" {
  # A missing corpus fails: CI must not pass without it.
  [[ -d $NSBOX_TCPDUMP_CORPUS ]] || { echo "no tcpdump corpus at $NSBOX_TCPDUMP_CORPUS (set NSBOX_TCPDUMP_CORPUS)"; return 1; }
  run_table "$TCPDUMP_DATA/corpus.table" "$NSBOX_TCPDUMP_CORPUS"
}

@test "our own captures: nsbox prints every row of own.table as tcpdump does" {
  run_table "$TCPDUMP_DATA/own.table" "$TCPDUMP_DATA"
}
