# A private X server for tests: source this file (after common.sh), then
#
#   xvfb_start W H     # Xvfb on a display number it chose itself -> exports DISPLAY
#
# Xvfb picks a free display and writes its number to -displayfd, so two
# tests (or two checkouts) starting at once never race for the same
# number, as "find a free number, then start" would. The server is stopped
# by the test's clean-up.

xvfb_start() {
  local w=$1 h=$2 fifo="$TEST_TMP/xvfb.displayfd" n=""
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 "${w}x${h}x24" -nolisten tcp 3>"$fifo" >"$TEST_TMP/xvfb.log" 2>&1 &
  XVFB_PID=$!
  cleanup_hooks+=("kill $XVFB_PID 2>/dev/null; wait $XVFB_PID 2>/dev/null")
  read -r -t 20 n <"$fifo" || true
  rm -f "$fifo"
  if [ -z "$n" ]; then
    echo "xvfb: Xvfb did not start: $(tail -n 3 "$TEST_TMP/xvfb.log" | tr '\n' ' ')"
    return 1
  fi
  export DISPLAY=":$n"
}
