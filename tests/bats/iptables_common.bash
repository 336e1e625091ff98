# Shared by the iptables*.bats and ip6tables*.bats files: the reference
# binaries and the one known difference of iptables 1.8.9 that nsbox does not
# copy.

REF=/usr/sbin/iptables-nft
REF_SAVE=/usr/sbin/iptables-nft-save
REF_RESTORE=/usr/sbin/iptables-nft-restore
REF6=/usr/sbin/ip6tables-nft
REF6_SAVE=/usr/sbin/ip6tables-nft-save
REF6_RESTORE=/usr/sbin/ip6tables-nft-restore

# iptables 1.8.9 prints the protocol column of `-L -n` as a number (0, 6, 17,
# 1, 132, 50, 51); upstream before and after 1.8.9 prints the name (all, tcp,
# udp, icmp, sctp, esp, ah), and so does nsbox. Rewrite that one column of the reference's output; the
# field is "%-4s " followed by the opt column ("--", "-f" or "!f"), so widths
# match.
norm_proto() {
  sed -E 's/([ !])0    ([-!][-f]) /\1all  \2 /; s/([ !])6    ([-!][-f]) /\1tcp  \2 /;
          s/([ !])17   ([-!][-f]) /\1udp  \2 /; s/([ !])1    ([-!][-f]) /\1icmp \2 /
          s/([ !])132  ([-!][-f]) /\1sctp \2 /; s/([ !])50   ([-!][-f]) /\1esp  \2 /
          s/([ !])51   ([-!][-f]) /\1ah   \2 /'
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

# The same for ip6tables (58, whose 1.8.9 name is "ipv6-icmp", and 135,
# "mobility-header" as /etc/protocols has it); the field is
# "%-4s " followed by the "--" of the opt column.
norm_proto6() {
  sed -E 's/([ !])0    -- /\1all  -- /; s/([ !])6    -- /\1tcp  -- /;
          s/([ !])17   -- /\1udp  -- /; s/([ !])58   -- /\1ipv6-icmp -- /
          s/([ !])132  -- /\1sctp -- /; s/([ !])50   -- /\1esp  -- /
          s/([ !])51   -- /\1ah   -- /; s/([ !])135  -- /\1mobility-header -- /'
}

# assert_same_norm NORM SCRIPT: assert_same (byte for byte), with the
# reference's stdout passed through NORM (norm_proto or norm_proto6).
assert_same_norm() {
  compare "$2" || return 1
  "$1" <"$ref_out_file" >"$ref_out_file.proto"
  ref_out_file=$ref_out_file.proto
  assert_compared "$2"
}

# assert_same_n6 SCRIPT: assert_same_norm for ip6tables.
assert_same_n6() { assert_same_norm norm_proto6 "$1"; }
