#!/usr/bin/env bats
# The multi-call binary itself: dispatch by name, --list, --install, --help.

load helpers

@test "--list prints every applet, one per line" {
  run "$NSBOX" --list
  [ "$status" -eq 0 ]
  [[ "$output" == *$'\nip\n'* || "${lines[0]}" == ip ]]
  for a in ip iptables ping sysctl tcpdump; do
    printf '%s\n' "${lines[@]}" | grep -qx "$a"
  done
}

@test "unknown applet: 'nsbox: applet not found', exit 127" {
  run -127 --separate-stderr "$NSBOX" nosuchapplet
  [ "$status" -eq 127 ]
  [ "$stderr" = "nsbox: applet not found" ]
  ln -s "$NSBOX" "$BATS_TEST_TMPDIR/nosuchapplet"
  run -127 --separate-stderr "$BATS_TEST_TMPDIR/nosuchapplet"
  [ "$status" -eq 127 ]
  [ "$stderr" = "nsbox: applet not found" ]
}

@test "--help and no arguments print usage naming the applets" {
  run "$NSBOX" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"Usage: nsbox APPLET"* ]]
  [[ "$output" == *tcpdump* ]]
  run "$NSBOX"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Usage: nsbox APPLET"* ]]
}

@test "applets run through a symlink and as 'nsbox APPLET'" {
  ln -s "$NSBOX" "$BATS_TEST_TMPDIR/sysctl"
  run "$BATS_TEST_TMPDIR/sysctl" -n kernel.ostype
  [ "$status" -eq 0 ]
  [ "$output" = Linux ]
  run "$NSBOX" sysctl -n kernel.ostype
  [ "$status" -eq 0 ]
  [ "$output" = Linux ]
}

@test "--install makes a link per applet and skips files that are not nsbox links" {
  d="$BATS_TEST_TMPDIR/bin"
  mkdir "$d"
  echo keep >"$d/ping"
  ln -s /bin/true "$d/tcpdump"
  ln -s "$NSBOX" "$d/ip"
  run --separate-stderr "$NSBOX" --install "$d"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"skipped $d/ping: exists and is not a link to nsbox"* ]]
  [[ "$stderr" == *"skipped $d/tcpdump: exists and is not a link to nsbox"* ]]
  [[ "$stderr" != *"$d/ip"* ]]
  [ "$(cat "$d/ping")" = keep ]
  [ "$(readlink "$d/tcpdump")" = /bin/true ]
  for a in $("$NSBOX" --list); do
    [[ $a == ping || $a == tcpdump ]] && continue
    [ "$(readlink -f "$d/$a")" = "$NSBOX" ]
  done
}

@test "the binary is fully static" {
  run file "$NSBOX"
  [[ "$output" == *"statically linked"* ]] || [[ -n "${NSBOX_DYNAMIC:-}" ]]
}
