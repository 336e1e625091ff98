# Request bytes under strace, for comparing what nsbox and iproute2 send.
#
# req CMD... (inside a case script): CMD's stderr, its exit code, then each
# link request it sent, normalized by link_request.awk. req_cases CASE...
# runs the cases through ip_cases with req() defined.

REQ_AWK="$BATS_TEST_DIRNAME/link_request.awk"

REQ='
req() {
  # LeakSanitizer cannot run under ptrace (the ASan build in CI)
  local st err rc
  st=$(mktemp) && err=$(mktemp) || return 1
  ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=sendmsg,sendto -e write=all -o "$st" "$@" 2>"$err"; rc=$?
  grep -v "^strace:" "$err"; echo "rc=$rc"
  awk -f '"'"'REQ_AWK_PATH'"'"' "$st"; rm -f "$st" "$err"
}
'

req_cases() {
  local prelude=${REQ//REQ_AWK_PATH/$REQ_AWK} out=() s
  [[ -s $REQ_AWK ]] || { echo "req_cases: $REQ_AWK is missing" >&2; return 1; }
  for s in "$@"; do out+=("$prelude$s"); done
  ip_cases "${out[@]}"
}
