# The suite refuses to start when a reference tool on REF_PATH is nsbox: the
# differential tests would compare nsbox with itself (after `nsbox --install
# /usr/local/bin`, say). Every file checks it again in setup_file, so a file
# run alone is guarded too.
setup_suite() {
  load helpers
  check_ref_path
}
