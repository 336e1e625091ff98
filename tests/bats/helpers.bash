# Shared helpers for the bats suites.
#
# Every test that touches the network runs its script inside a fresh sandbox:
# new network and mount namespaces, a private tmpfs on /run (so /run/netns is
# the sandbox's own), a sysfs of its own on /sys (so /sys/class/net shows the
# sandbox's links, not the host's) and loopback up. Nothing a test does reaches the host's
# interfaces, routes, namespaces or firewall.
#
# In a sandbox script, plain `ip`, `ping`, ... are whatever PATH finds first:
# nsbox's symlinks under nsb_run/assert_same's nsbox side, the reference tools
# under the reference side. The reference tools are always reachable by full
# path (/usr/sbin/ip, /usr/bin/ping, /usr/bin/tcpdump, /usr/sbin/iptables-nft).

bats_require_minimum_version 1.5.0

NSBOX_ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
NSBOX="${NSBOX:-$NSBOX_ROOT/build/nsbox}"
NSBOX="$(readlink -f "$NSBOX")"
REF_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# One directory of nsbox symlinks per test file.
nsbox_bin_setup() {
  NSBOX_BIN="$BATS_FILE_TMPDIR/nsbox-bin"
  if [[ ! -d $NSBOX_BIN ]]; then
    mkdir -p "$NSBOX_BIN"
    "$NSBOX" --install "$NSBOX_BIN" >/dev/null
  fi
  export NSBOX_BIN NSBOX
}

setup_file() { nsbox_bin_setup; }

# sandbox SCRIPT [PATH]: runs SCRIPT with bash in a fresh sandbox. The
# sandbox dies with the script; a timeout bounds it (SANDBOX_TIMEOUT seconds).
sandbox() {
  local script=$1 path=${2:-$REF_PATH}
  timeout --kill-after=5 "${SANDBOX_TIMEOUT:-60}" \
    unshare --net --mount --propagation private --fork -- \
    env -i PATH="$path" HOME=/root TERM=dumb LC_ALL=C TZ=GMT NSBOX="$NSBOX" NSBOX_BIN="$NSBOX_BIN" \
    bash -c 'set -o pipefail
      mount -t tmpfs -o mode=0755 nsbox-run /run || exit 99
      mount -t sysfs nsbox-sys /sys || exit 99
      mkdir -p /run/netns
      /usr/sbin/ip link set lo up || exit 99
      eval "$1"' sandbox "$script"
}

# ref SCRIPT / nsb SCRIPT: the same script with the reference tools first on
# PATH, or with nsbox's symlinks first.
ref() { sandbox "$1" "$REF_PATH"; }
nsb() { sandbox "$1" "$NSBOX_BIN:$REF_PATH"; }

# compare SCRIPT: runs SCRIPT once under each, in separate sandboxes, and sets
# ref_out ref_err ref_rc nsb_out nsb_err nsb_rc.
compare() {
  local f="$BATS_TEST_TMPDIR/cmp.$$"
  ref_rc=0; ref "$1" >"$f.ro" 2>"$f.re" || ref_rc=$?
  nsb_rc=0; nsb "$1" >"$f.no" 2>"$f.ne" || nsb_rc=$?
  ref_out=$(cat "$f.ro"); ref_err=$(cat "$f.re")
  nsb_out=$(cat "$f.no"); nsb_err=$(cat "$f.ne")
}

# assert_same SCRIPT: the reference and nsbox print the same bytes on stdout
# and stderr and exit with the same code.
assert_same() {
  compare "$1"
  local ok=1
  if [[ "$ref_out" != "$nsb_out" ]]; then
    echo "--- stdout differs (reference, then nsbox):"; diff <(printf '%s\n' "$ref_out") <(printf '%s\n' "$nsb_out") || true; ok=0
  fi
  if [[ "$ref_err" != "$nsb_err" ]]; then
    echo "--- stderr differs (reference, then nsbox):"; diff <(printf '%s\n' "$ref_err") <(printf '%s\n' "$nsb_err") || true; ok=0
  fi
  if [[ "$ref_rc" != "$nsb_rc" ]]; then
    echo "--- exit code: reference $ref_rc, nsbox $nsb_rc"; ok=0
  fi
  if ((ok == 0)); then
    echo "--- script:"; printf '%s\n' "$1"
    return 1
  fi
}
