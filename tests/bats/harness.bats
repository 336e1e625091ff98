#!/usr/bin/env bats
# The harness itself: each guard of helpers.bash fails once on purpose, on a
# mutation (a tool wrapper that changes one byte of the output, a script
# that exits before its end, a sandbox that cannot start, a reference PATH
# that finds nsbox, a missing corpus). The helpers run under `run`, so each
# test here passes when the guard works, and fails if the guard lets the
# mutation through. Each test also runs the honest case, so that a guard
# that always fails would be caught as well.

load helpers

# fake_tools DIR BODY: DIR holds an `ip` and a `tcpdump` whose text is BODY
# (a shell script; $REAL is the reference tool, "$@" its arguments). Used as
# the nsbox side of compare (NSBOX_BIN=DIR).
fake_tools() {
  local dir=$1 body=$2 name real
  mkdir -p "$dir"
  for name in ip tcpdump; do
    real=$(PATH=$REF_PATH type -P "$name")
    printf '#!/bin/bash\nREAL=%s\n%s\n' "$real" "$body" >"$dir/$name"
    chmod +x "$dir/$name"
  done
}

@test "assert_same: an honest wrapper passes; one byte more or less on stdout or stderr fails" {
  local d=$BATS_TEST_TMPDIR
  fake_tools "$d/honest" '"$REAL" "$@"'
  NSBOX_BIN=$d/honest run assert_same 'ip link show lo; ip link show nosuch; echo "rc=$?"'
  echo "$output"
  [ "$status" -eq 0 ]

  # A final newline added: $(cat) would have dropped it, cmp does not.
  fake_tools "$d/newline" '"$REAL" "$@"; rc=$?; echo; exit $rc'
  NSBOX_BIN=$d/newline run assert_same 'ip link show lo'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- stdout differs (reference, then nsbox):"* ]]
  [[ $output == *"EOF on reference after byte"* ]]

  # The final newline missing.
  fake_tools "$d/cut" 'out=$("$REAL" "$@"); rc=$?; printf %s "$out"; exit $rc'
  NSBOX_BIN=$d/cut run assert_same 'ip link show lo'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"No newline at end of file"* ]]

  # A NUL byte at the end.
  fake_tools "$d/nul" '"$REAL" "$@"; rc=$?; printf "\0"; exit $rc'
  NSBOX_BIN=$d/nul run assert_same 'ip link show lo'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- stdout differs"* ]]

  # A final newline added on stderr only.
  fake_tools "$d/errnl" '"$REAL" "$@"; rc=$?; echo >&2; exit $rc'
  NSBOX_BIN=$d/errnl run assert_same 'ip link show nosuch'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- stderr differs (reference, then nsbox):"* ]]
  [[ $output != *"--- stdout differs"* ]]

  # The same bytes, another exit code.
  fake_tools "$d/rc" '"$REAL" "$@"; exit 3'
  NSBOX_BIN=$d/rc run assert_same 'ip link show lo'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- exit code: reference 0, nsbox 3"* ]]
  [[ $output == *"--- script:"* ]]
}

@test "same_bytes: equal files pass; a missing final newline fails with a diff" {
  local d=$BATS_TEST_TMPDIR
  printf 'a\nb\n' >"$d/a"; printf 'a\nb\n' >"$d/b"; printf 'a\nb' >"$d/c"
  run same_bytes "$d/a" "$d/b"
  [ "$status" -eq 0 ]
  run same_bytes "$d/a" "$d/c" stdout
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- stdout differs"* ]]
  [[ $output == *"No newline at end of file"* ]]
}

@test "a script that exits before its last line fails compare, assert_same and the test" {
  run compare 'echo a; exit 0; echo b'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"reference: sandbox script died early (exit 0): it never reached its last line"* ]]
  [[ $output == *"nsbox: sandbox script died early (exit 0)"* ]]
  # (compare does its own check: nothing is left for teardown)
  [ -z "$(take_sandbox_failures)" ]

  # set -e stopping the script, a syntax error half way
  run assert_same 'set -e; false; echo b'
  [ "$status" -eq 1 ]
  [[ $output == *"died early (exit 1)"* ]]
  run assert_same 'echo a
    if then; echo b'
  [ "$status" -eq 1 ]
  [[ $output == *"died early (exit 2)"* ]]

  # `run sandbox`: the exit code is the script's, and teardown fails the test
  run sandbox 'echo a; exit 0; echo b'
  [ "$status" -eq 0 ]
  [ "$output" = a ]
  run harness_teardown
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"--- a sandbox did not run its script to the end:"* ]]
  [[ $output == *"died early (exit 0)"*"echo a; exit 0; echo b"* ]]

  # the honest case: the script's exit code, no failure recorded
  run sandbox 'echo a; false'
  [ "$status" -eq 1 ]
  run harness_teardown
  [ "$status" -eq 0 ]
}

@test "a script that times out fails, with the reason" {
  SANDBOX_TIMEOUT=1 run compare 'sleep 10; echo late'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"reference: sandbox script timed out after 1 s (exit 124)"* ]]
  [[ $output == *"nsbox: sandbox script timed out after 1 s (exit 124)"* ]]
}

@test "a sandbox that fails to start fails, with the reason" {
  local d=$BATS_TEST_TMPDIR
  # The sandbox's own mount of /run fails (a `mount` first on its PATH
  # refuses it): exit 99 and the step.
  mkdir "$d/badmount"
  printf '#!/bin/bash\n[[ " $* " == *" nsbox-run "* ]] && exit 32\nexec /usr/bin/mount "$@"\n' >"$d/badmount/mount"
  chmod +x "$d/badmount/mount"
  run sandbox 'echo never' "$d/badmount:$REF_PATH"
  [ "$status" -eq 99 ]
  [ "$output" = "" ]
  run take_sandbox_failures
  echo "$output"
  [[ $output == *"sandbox failed to start (exit 99): mount /run"* ]]
  # The same on both sides still fails compare.
  NSBOX_BIN=$d/badmount REF_PATH="$d/badmount:$REF_PATH" run compare 'echo never'
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"reference: sandbox failed to start (exit 99): mount /run"* ]]
  [[ $output == *"nsbox: sandbox failed to start (exit 99): mount /run"* ]]
  # unshare itself does not run
  mkdir "$d/badunshare"
  printf '#!/bin/sh\necho "unshare: no" >&2; exit 1\n' >"$d/badunshare/unshare"
  chmod +x "$d/badunshare/unshare"
  PATH="$d/badunshare:$PATH" run sandbox 'echo never'
  [ "$status" -eq 1 ]
  run take_sandbox_failures
  echo "$output"
  [[ $output == *"sandbox failed to start (exit 1): unshare, env or bash did not run"* ]]
}

@test "a reference PATH that finds nsbox is refused" {
  local d=$BATS_TEST_TMPDIR
  # REF_PATH itself: no /usr/local, and none of its tools is nsbox
  [[ $REF_PATH != *local* ]]
  run check_ref_path
  echo "$output"
  [ "$status" -eq 0 ]
  # `nsbox --install` into a directory on the path: every applet is refused
  mkdir "$d/inst"
  "$NSBOX" --install "$d/inst" >/dev/null
  run check_ref_path "$d/inst:$REF_PATH"
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"the reference ip on PATH=$d/inst:$REF_PATH is nsbox"* ]]
  [[ $output == *"the reference tcpdump on PATH="* ]]
  # a copy of nsbox under a tool's name, and a link to a link
  mkdir "$d/copy" "$d/link"
  cp "$NSBOX" "$d/copy/ping"
  ln -s "$d/inst/sysctl" "$d/link/sysctl"
  run check_ref_path "$d/copy:$d/link:$REF_PATH"
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"the reference ping on"* ]]
  [[ $output == *"the reference sysctl on"* ]]
  # every file's setup refuses it too
  REF_PATH="$d/inst:$REF_PATH" run nsbox_bin_setup
  [ "$status" -eq 1 ]
}

@test "sandboxes write /etc, /etc/netns and /tmp privately: the host's stay as they were" {
  local probe="nsbox-harness-probe-$$-$RANDOM"
  [ ! -e "/etc/$probe" ]
  [ ! -e "/tmp/$probe" ]
  local netns_before; netns_before=$(ls -d /etc/netns 2>&1 || true)
  run sandbox "mkdir -p /etc/netns/$probe; echo x >/etc/netns/$probe/resolv.conf; echo x >/etc/$probe
    echo x >/tmp/$probe; echo x >$probe; pwd; ls /etc/netns"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = /tmp ]
  [ "${lines[1]}" = "$probe" ]
  [ ! -e "/etc/$probe" ]
  [ ! -e "/etc/netns/$probe" ]
  [ ! -e "/tmp/$probe" ]
  [ ! -e "$PWD/$probe" ]
  [ "$(ls -d /etc/netns 2>&1 || true)" = "$netns_before" ]
  # the test's own directory is shared with the sandbox
  run sandbox "echo y >'$BATS_TEST_TMPDIR/shared'"
  [ "$(cat "$BATS_TEST_TMPDIR/shared")" = y ]
}

@test "no '[ a ] && [ b ]' assertion in any bats file (a false a would pass)" {
  run grep -nE '^[[:space:]]*\[\[? .*\]\]? &&[[:space:]]*\[' "$BATS_TEST_DIRNAME"/*.bats
  echo "$output"
  [ "$status" -eq 1 ]
}

@test "tcpdump_corpus.bats fails, not skips, without its corpus" {
  run env NSBOX="$NSBOX" NSBOX_TCPDUMP_CORPUS="$BATS_TEST_TMPDIR/no-corpus" \
    bats -f "tcpdump's test captures" "$BATS_TEST_DIRNAME/tcpdump_corpus.bats"
  echo "$output"
  [ "$status" -eq 1 ]
  [[ $output == *"not ok 1 tcpdump's test captures"* ]]
  [[ $output == *"no tcpdump corpus at $BATS_TEST_TMPDIR/no-corpus"* ]]
  [[ $output != *"# skip"* ]]
}

@test "nsbox under /tmp (a clean clone made there) stays visible in the sandbox; hidden, the sandbox refuses to start" {
  # CI and the README's clean-clone check build under /tmp, which each
  # sandbox replaces with a tmpfs of its own: unless bound through, nsbox
  # would vanish and the nsbox side would quietly run the reference tools.
  local d
  d=$(mktemp -d /tmp/nsbox-harness.XXXXXX)
  mkdir "$d/build" "$d/bin"
  cp "$NSBOX" "$d/build/nsbox"
  "$d/build/nsbox" --install "$d/bin" >/dev/null
  NSBOX=$d/build/nsbox NSBOX_BIN=$d/bin NSBOX_ROOT=$d run sandbox 'ip -V' "$d/bin:$REF_PATH"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ $output == *nsbox* ]]
  # The same with nothing bound through but bats' run directory.
  NSBOX=$d/build/nsbox NSBOX_BIN=$d/bin NSBOX_THROUGH=$BATS_RUN_TMPDIR run sandbox 'ip -V' "$d/bin:$REF_PATH"
  [ "$status" -eq 99 ]
  run take_sandbox_failures
  echo "$output"
  rm -rf "$d"
  [[ $output == *"sandbox failed to start (exit 99): nsbox ($d/build/nsbox) is not visible in the sandbox"* ]]
}
