# Shared helpers for the bats suites.
#
# Every test that touches the network runs its script inside a fresh sandbox:
# new network and mount namespaces, a private tmpfs on /run (so /run/netns is
# the sandbox's own), a sysfs of its own on /sys (so /sys/class/net shows the
# sandbox's links, not the host's), a private tmpfs on /tmp (the working
# directory the script starts in; only bats' own run directory and the
# overlay's upper layer, /tmp/.nsbox-etc, show in it), /etc as a private overlay (a script may write /etc/netns/NAME or any
# other file there: the host's /etc never changes) and loopback up. Nothing a
# test does reaches the host's interfaces, routes, namespaces, firewall or
# files, and files the scripts of parallel tests write cannot collide.
#
# In a sandbox script, plain `ip`, `ping`, ... are whatever PATH finds first:
# nsbox's symlinks under nsb_run/assert_same's nsbox side, the reference tools
# under the reference side. The reference tools are always reachable by full
# path (/usr/sbin/ip, /usr/bin/ping, /usr/bin/tcpdump, /usr/sbin/iptables-nft).
#
# The guards (tests/bats/harness.bats shows each of them failing once):
# - Bytes: assert_same compares stdout and stderr byte for byte (trailing
#   newlines and NULs count, with cmp) and the exit code.
# - Ran to the end: the sandbox appends a last command to every script that
#   writes a marker file the script does not know of. A script that exits
#   early (`exit`, `set -e`, a syntax error), a sandbox that fails to start
#   (exit 99) or a script that times out (124) leaves no marker: compare and
#   assert_same fail at once with the reason, and any other use of sandbox
#   (`run sandbox ...`) fails the test in teardown.
# - The reference is not nsbox: the suite (setup_suite.bash) and every file
#   (setup_file) refuse to start when a tool on REF_PATH resolves to nsbox.
#
# The API:
#   sandbox SCRIPT [PATH]  runs SCRIPT in a fresh sandbox with PATH (default
#                          REF_PATH); returns the script's exit code.
#   ref SCRIPT, nsb SCRIPT the same with the reference tools first on PATH, or
#                          with nsbox's symlinks first.
#   compare SCRIPT         runs SCRIPT under each, in separate sandboxes; sets
#                          ref_rc nsb_rc, the files holding the exact bytes
#                          ref_out_file ref_err_file nsb_out_file nsb_err_file,
#                          and, for convenience, ref_out ref_err nsb_out
#                          nsb_err as $(cat) reads them (final newlines
#                          dropped: never assert equality on those). Fails if
#                          either sandbox did not run its script to the end.
#   assert_same SCRIPT     compare, then assert_compared.
#   assert_compared [SCRIPT]  after compare (and after rewriting any of the
#                          *_file files, e.g. to mask a field): the same bytes
#                          on stdout and stderr and the same exit code; shows
#                          a readable diff and the script if not.
#   same_bytes A B [WHAT]  file A (the reference's) and file B (nsbox's) hold
#                          the same bytes; prints a diff (and where the bytes
#                          part, e.g. a missing final newline) if not.
#   check_ref_path [PATH]  fails, naming the tool, if a tool nsbox provides
#                          resolves to nsbox on PATH (default REF_PATH).
#   harness_teardown       the teardown check of sandbox markers; a file that
#                          defines its own teardown() must call it.
#   take_sandbox_failures  prints and forgets the sandbox failures recorded
#                          so far in this test (for tests of the harness).

bats_require_minimum_version 1.5.0

NSBOX_ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
NSBOX="${NSBOX:-$NSBOX_ROOT/build/nsbox}"
NSBOX="$(readlink -f "$NSBOX")"
# No /usr/local: `nsbox --install /usr/local/bin` must not turn the
# reference side into nsbox (check_ref_path refuses it anyway).
REF_PATH="/usr/sbin:/usr/bin:/sbin:/bin"

# check_ref_path [PATH]: every applet nsbox provides, looked up on PATH as a
# sandbox script would, must not be nsbox (a link to it, a copy of it, or
# another nsbox build).
check_ref_path() {
  local path=${1:-$REF_PATH} name file real bad=0
  [[ -x $NSBOX ]] || { echo "check_ref_path: no nsbox binary at $NSBOX" >&2; return 1; }
  for name in $("$NSBOX" --list); do
    file=$(PATH=$path type -P "$name") || continue
    real=$(readlink -f "$file")
    if [[ $real == "$NSBOX" || ${real##*/} == nsbox ]] || cmp -s "$real" "$NSBOX" ||
       grep -qa 'nsbox [0-9][0-9.]* multi-call binary' "$real"; then
      echo "check_ref_path: the reference $name on PATH=$path is nsbox ($file -> $real): the suite would compare nsbox with itself" >&2
      bad=1
    fi
  done
  return $bad
}

# One directory of nsbox symlinks per test file, after checking that the
# reference tools are not nsbox.
nsbox_bin_setup() {
  check_ref_path || return 1
  NSBOX_BIN="$BATS_FILE_TMPDIR/nsbox-bin"
  if [[ ! -d $NSBOX_BIN ]]; then
    mkdir -p "$NSBOX_BIN"
    "$NSBOX" --install "$NSBOX_BIN" >/dev/null
  fi
  export NSBOX_BIN NSBOX
}

setup_file() { nsbox_bin_setup; }

# The sandbox's own set-up, then the script ($1), then the marker ($2). The
# marker line is part of the same eval as the script: an `exit`, a `set -e`
# stop or a syntax error anywhere in the script skips it. $3 is bats' run
# directory, which stays visible through the private /tmp (the test's files
# and the marker live there). As few commands as possible: each costs a
# process start, and the suite starts thousands of sandboxes.
# shellcheck disable=SC2016 # expanded in the sandbox
SANDBOX_INIT='set -o pipefail
readonly NSBOX_SANDBOX_END=$2
echo started >"$NSBOX_SANDBOX_END"
nsbox_start_failed() { echo "$1" >"$NSBOX_SANDBOX_END"; exit 99; }
mount -t tmpfs -o mode=0755 nsbox-run /run || nsbox_start_failed "mount /run"
mount -t sysfs nsbox-sys /sys || nsbox_start_failed "mount /sys"
# /tmp: a tmpfs of its own, with the host paths listed in $3 (bats'"'"' run
# directory, and the checkout, nsbox and the corpus when they live under
# /tmp) bound through from the host'"'"'s /tmp (still open as fd 8). It also
# holds the upper layer of /etc.
exec 8</tmp || nsbox_start_failed "open /tmp"
mount -t tmpfs -o mode=1777 nsbox-tmp /tmp || nsbox_start_failed "mount /tmp"
mkdir -p /run/netns /tmp/.nsbox-etc/u /tmp/.nsbox-etc/w /tmp/.nsbox-etc/keep || nsbox_start_failed "mkdir"
for nsbox_p in $3; do
  mkdir -p "$nsbox_p" || nsbox_start_failed "mkdir $nsbox_p"
  mount --no-canonicalize --bind "/proc/self/fd/8/${nsbox_p#/tmp/}" "$nsbox_p" || nsbox_start_failed "bind $nsbox_p"
done
exec 8<&-
# Both sides must be able to run nsbox: a binary the sandbox cannot see
# would leave the nsbox side running the reference tools.
[[ -x $NSBOX ]] || nsbox_start_failed "nsbox ($NSBOX) is not visible in the sandbox"
[[ -z $NSBOX_BIN || -x $NSBOX_BIN/ip ]] || nsbox_start_failed "nsbox links ($NSBOX_BIN) are not visible in the sandbox"
# /etc: an overlay, so that a script may write there (/etc/netns/NAME).
# Mounts on files under /etc (a container'"'"'s /etc/hosts) are moved over it.
nsbox_keep=()
while read -r _ _ _ _ mp _; do
  [[ $mp == /etc/* ]] || continue
  k=/tmp/.nsbox-etc/keep/${#nsbox_keep[@]}
  if [[ -d $mp ]]; then mkdir "$k"; else : >"$k"; fi
  mount --bind "$mp" "$k" || nsbox_start_failed "keep $mp"
  nsbox_keep+=("$mp")
done </proc/self/mountinfo
mount -t overlay nsbox-etc -o lowerdir=/etc,upperdir=/tmp/.nsbox-etc/u,workdir=/tmp/.nsbox-etc/w /etc || nsbox_start_failed "overlay on /etc"
for i in "${!nsbox_keep[@]}"; do
  mount --move "/tmp/.nsbox-etc/keep/$i" "${nsbox_keep[i]}" || nsbox_start_failed "move back ${nsbox_keep[i]}"
done
unset nsbox_keep nsbox_p k mp i
/usr/sbin/ip link set lo up || nsbox_start_failed "lo up"
cd /tmp || nsbox_start_failed "cd /tmp"
eval "$1"'

# through_paths: the host directories under /tmp that a sandbox's private
# /tmp must still show (bats' run directory; the checkout, the nsbox binary's
# directory and ../shared when they are under /tmp, as in a clean clone made
# in /tmp), outermost first, one inside another left out; space-separated
# (none of them holds a space: checked).
through_paths() {
  local p q keep out=()
  while read -r _ p; do
    [[ $p == /tmp/?* && -d $p && $p != *[[:space:]]* ]] || continue
    keep=1
    for q in "${out[@]}"; do [[ $p == "$q" || $p == "$q"/* ]] && keep=0; done
    ((keep)) && out+=("$p")
  done < <(for p in "$BATS_RUN_TMPDIR" "$NSBOX_ROOT" "${NSBOX%/*}" "$(readlink -f "$NSBOX_ROOT/../shared")"; do
             [[ -n $p ]] && printf '%s %s\n' "${#p}" "$p"; done | sort -n)
  echo "${out[*]}"
}

# sandbox SCRIPT [PATH]: runs SCRIPT with bash in a fresh sandbox. The
# sandbox dies with the script; a timeout bounds it (SANDBOX_TIMEOUT seconds).
# Returns the script's exit code; a script that did not run to its end is
# recorded for harness_teardown (and NSBOX_SANDBOX_WHY says why).
sandbox() {
  local script=$1 path=${2:-$REF_PATH} dir end rc=0
  dir=${BATS_TEST_TMPDIR:-${BATS_FILE_TMPDIR:-$BATS_RUN_TMPDIR}}
  end=$dir/.sandbox-end.$BASHPID.$RANDOM$RANDOM
  : >"$end" || return 1
  timeout --kill-after=5 "${SANDBOX_TIMEOUT:-60}" \
    unshare --net --mount --propagation private --fork -- \
    env -i PATH="$path" HOME=/root TERM=dumb LC_ALL=C TZ=GMT NSBOX="$NSBOX" NSBOX_BIN="$NSBOX_BIN" \
    NSBOX_RUN_TMPDIR="$BATS_RUN_TMPDIR" \
    bash -c "$SANDBOX_INIT" sandbox "$script"$'\n''nsbox_rc=$?; echo end >"$NSBOX_SANDBOX_END"; exit $nsbox_rc' \
    "$end" "${NSBOX_THROUGH=$(through_paths)}" || rc=$?
  if ! sandbox_check "$end" "$rc" && [[ -z ${nsbox_caller_checks:-} ]]; then
    printf '%s\n--- script:\n%s\n' "$NSBOX_SANDBOX_WHY" "$script" >>"$dir/.sandbox-failures"
  fi
  return "$rc"
}

# sandbox_check MARKER RC: whether the sandbox that left MARKER and RC ran
# its script to the end; sets NSBOX_SANDBOX_WHY to the reason if not.
sandbox_check() {
  local end=$1 rc=$2 what
  what=; { read -r what <"$end"; } 2>/dev/null
  NSBOX_SANDBOX_WHY=
  [[ $what == end ]] && return 0
  if [[ $rc == 124 || $rc == 137 ]]; then
    NSBOX_SANDBOX_WHY="sandbox script timed out after ${SANDBOX_TIMEOUT:-60} s (exit $rc)"
  elif [[ -z $what ]]; then
    NSBOX_SANDBOX_WHY="sandbox failed to start (exit $rc): unshare, env or bash did not run"
  elif [[ $what != started ]]; then
    NSBOX_SANDBOX_WHY="sandbox failed to start (exit $rc): $what"
  else
    NSBOX_SANDBOX_WHY="sandbox script died early (exit $rc): it never reached its last line"
  fi
  return 1
}

# take_sandbox_failures: prints the failures recorded in this test and
# forgets them.
take_sandbox_failures() {
  local f="${BATS_TEST_TMPDIR:-$BATS_FILE_TMPDIR}/.sandbox-failures"
  [[ -e $f ]] || return 0
  cat "$f"; rm -f "$f"
}

harness_teardown() {
  local why
  why=$(take_sandbox_failures)
  [[ -z $why ]] && return 0
  printf -- '--- a sandbox did not run its script to the end:\n%s\n' "$why"
  return 1
}

teardown() { harness_teardown; }

# ref SCRIPT / nsb SCRIPT: the same script with the reference tools first on
# PATH, or with nsbox's symlinks first.
ref() { sandbox "$1" "$REF_PATH"; }
nsb() { sandbox "$1" "$NSBOX_BIN:$REF_PATH"; }

# compare SCRIPT: see the API above.
compare() {
  local f why= nsbox_caller_checks=1
  f=$(mktemp -d "$BATS_TEST_TMPDIR/cmp.XXXXXX") || return 1
  ref_out_file=$f/ref.out ref_err_file=$f/ref.err nsb_out_file=$f/nsb.out nsb_err_file=$f/nsb.err
  ref_rc=0; ref "$1" >"$ref_out_file" 2>"$ref_err_file" || ref_rc=$?
  [[ -z $NSBOX_SANDBOX_WHY ]] || why+="reference: $NSBOX_SANDBOX_WHY"$'\n'
  nsb_rc=0; nsb "$1" >"$nsb_out_file" 2>"$nsb_err_file" || nsb_rc=$?
  [[ -z $NSBOX_SANDBOX_WHY ]] || why+="nsbox: $NSBOX_SANDBOX_WHY"$'\n'
  # (what $(cat) gives, NULs dropped without bash's warning)
  { ref_out=$(<"$ref_out_file"); ref_err=$(<"$ref_err_file")
    nsb_out=$(<"$nsb_out_file"); nsb_err=$(<"$nsb_err_file"); } 2>/dev/null
  if [[ -n $why ]]; then
    printf '%s' "$why"
    head -c 2000 "$ref_err_file" | sed 's/^/reference stderr: /'
    head -c 2000 "$nsb_err_file" | sed 's/^/nsbox stderr: /'
    printf -- '--- script:\n%s\n' "$1"
    return 1
  fi
}

# same_bytes A B [WHAT]: see the API above.
same_bytes() {
  local a=$1 b=$2 what=${3:-output}
  cmp -s "$a" "$b" && return 0
  echo "--- $what differs (reference, then nsbox):"
  diff -a -u --label reference --label nsbox "$a" "$b" | sed -n '3,80p'
  echo "--- $(cmp "$a" "$b" 2>&1 | sed "s|$a|reference|; s|$b|nsbox|"); reference $(wc -c <"$a") bytes, ending [$(tail_bytes "$a")]; nsbox $(wc -c <"$b") bytes, ending [$(tail_bytes "$b")]"
  return 1
}

# tail_bytes FILE: its last 8 bytes, as od -c shows them.
tail_bytes() { tail -c 8 "$1" | od -An -c | sed 's/^ *//; s/  */ /g'; }

# assert_compared [SCRIPT]: see the API above.
assert_compared() {
  local ok=1
  same_bytes "$ref_out_file" "$nsb_out_file" stdout || ok=0
  same_bytes "$ref_err_file" "$nsb_err_file" stderr || ok=0
  if [[ "$ref_rc" != "$nsb_rc" ]]; then
    echo "--- exit code: reference $ref_rc, nsbox $nsb_rc"; ok=0
  fi
  if ((ok == 0)); then
    [[ -z ${1+x} ]] || printf -- '--- script:\n%s\n' "$1"
    return 1
  fi
}

# assert_same SCRIPT: the reference and nsbox print the same bytes on stdout
# and stderr and exit with the same code, and both run the script to its end.
assert_same() {
  compare "$1" || return 1
  assert_compared "$1"
}

# DNS_START, the head of a sandbox script: a DNS responder
# (tests/bats/dns_responder.py, its names under "lab") on 127.0.0.53, the
# only name server /etc/resolv.conf names ("search lab"). Killed by PID
# when the script ends.
DNS_START='
printf "nameserver 127.0.0.53\nsearch lab\n" >/etc/resolv.conf
/usr/sbin/ip addr add 127.0.0.53/8 dev lo
/usr/bin/python3 '"$BATS_TEST_DIRNAME"'/dns_responder.py 127.0.0.53 & dnspid=$!
trap "kill $dnspid" EXIT
for i in $(seq 50); do grep -q ":0035 " /proc/net/udp && break; sleep 0.1; done
'
