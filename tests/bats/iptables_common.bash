# Shared by the iptables*.bats files: the reference binaries and the one
# known difference of iptables 1.8.9 that nsbox does not copy.

REF=/usr/sbin/iptables-nft
REF_SAVE=/usr/sbin/iptables-nft-save
REF_RESTORE=/usr/sbin/iptables-nft-restore

# iptables 1.8.9 prints the protocol column of `-L -n` as a number (0, 6, 17,
# 1, 132); upstream before and after 1.8.9 prints the name (all, tcp, udp, icmp, sctp),
# and so does nsbox. Rewrite that one column of the reference's output; the
# field is "%-4s " followed by the opt column ("--", "-f" or "!f"), so widths
# match.
norm_proto() {
  sed -E 's/([ !])0    ([-!][-f]) /\1all  \2 /; s/([ !])6    ([-!][-f]) /\1tcp  \2 /;
          s/([ !])17   ([-!][-f]) /\1udp  \2 /; s/([ !])1    ([-!][-f]) /\1icmp \2 /
          s/([ !])132  ([-!][-f]) /\1sctp \2 /'
}

# assert_same_n SCRIPT: assert_same, with the reference's -n protocol column
# normalised as above.
assert_same_n() {
  compare "$1"
  ref_out=$(printf '%s\n' "$ref_out" | norm_proto)
  nsb_out=$(printf '%s\n' "$nsb_out")
  local ok=1
  [[ "$ref_out" == "$nsb_out" ]] || { echo "--- stdout differs"; diff <(echo "$ref_out") <(echo "$nsb_out") || true; ok=0; }
  [[ "$ref_err" == "$nsb_err" ]] || { echo "--- stderr differs"; diff <(echo "$ref_err") <(echo "$nsb_err") || true; ok=0; }
  [[ "$ref_rc" == "$nsb_rc" ]] || { echo "--- exit code: reference $ref_rc, nsbox $nsb_rc"; ok=0; }
  ((ok)) || { printf -- '--- script:\n%s\n' "$1"; return 1; }
}
