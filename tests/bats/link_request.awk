# strace's hex dumps of sendmsg/sendto (-e write=all) in, one line per
# RTM_NEWLINK/RTM_DELLINK request out: sequence number and port id zeroed,
# NLA_F_NESTED cleared (nsbox marks its nests as the kernel prefers,
# iproute2 does not). Used by ip_request.bash.
function hexval(h) { return index("0123456789abcdef", substr(h, 1, 1)) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 17 }
function unnest(start, stop,    off, len, typ) {
  off = start
  while (off + 4 <= stop) {
    len = b[off] + 256 * b[off + 1]
    if (len < 4) break
    if (b[off + 3] >= 128) { b[off + 3] -= 128; unnest(off + 4, off + len) }
    off += int((len + 3) / 4) * 4
  }
}
function flush(    i, line, t, empty) {
  if (n >= 16) {
    t = b[4] + 256 * b[5]
    # RTM_NEWLINK, RTM_DELLINK; not iproute2's probe for RTM_NEWLINK
    # support (iplink_have_newlink: an empty request, nothing after the
    # header).
    empty = n == 32
    for (i = 16; i < 32 && empty; i++) if (b[i] != 0) empty = 0
    if ((t == 16 || t == 17) && !empty) {
      for (i = 8; i < 16; i++) b[i] = 0
      unnest(32, n)
      line = ""
      for (i = 0; i < n; i++) line = line sprintf("%02x", b[i])
      print line
    }
  }
  n = 0
}
/ send(msg|to)\(/ { flush(); next }
/^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {
  hex = substr($0, 11, 49)
  m = split(hex, parts, " ")
  for (i = 1; i <= m; i++) if (parts[i] ~ /^[0-9a-f][0-9a-f]$/) b[n++] = hexval(parts[i])
}
END { flush() }
