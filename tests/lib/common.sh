# Shared by the integration tests: a temp dir removed on exit, and checks
# that print one line each and count passes and failures, ending with the
# "N passed, N failed" line ctest shows.
set -u
: "${ALLWEDD:?ALLWEDD must name the allwedd binary (ctest sets it)}"
: "${ALLWEDD_SOURCE_DIR:?ALLWEDD_SOURCE_DIR must name the source tree}"
TEST_TMP=$(mktemp -d /tmp/allwedd-it-XXXXXX)
passed=0
failed=0
cleanup_hooks=()
on_exit() {
  for hook in "${cleanup_hooks[@]}"; do eval "$hook" || true; done
  rm -rf "$TEST_TMP"
}
trap on_exit EXIT

# ok DESCRIPTION COMMAND...: pass when the command succeeds.
ok() {
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"
  else failed=$((failed + 1)); echo "FAIL $what"; fi
}

# check_eq DESCRIPTION GOT WANT
check_eq() {
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1"; echo "      got:  $2"; echo "      want: $3"; fi
}

# check_contains DESCRIPTION FILE TEXT: FILE contains TEXT (fixed string).
check_contains() {
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: '$3' not in $2:"; sed 's/^/      | /' "$2" | head -20; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
