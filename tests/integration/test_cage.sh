# The kiosk session for real, headless: `allwedd session` (what
# allwedd-kiosk.service runs) becomes Debian's cage as an unprivileged user
# (cage refuses root) with wlroots' headless backend and pixman renderer;
# the kiosk reaches the screen through cage's Xwayland (SDL_VIDEODRIVER=x11:
# no EGL here). A stand-in for systemd's notification socket
# (tests/lib/notify_listen.py) receives READY=1 from the kiosk, cage's child
# (NotifyAccess=all), after its first frame, then WATCHDOG=1 pings at half
# WATCHDOG_USEC (2 s) while the welcome screen idles; with the kiosk stopped
# (SIGSTOP) the pings stop, and they resume with SIGCONT. Messages carry
# their sd-daemon priority when stderr is the (stand-in) journal. WATCHDOG_PID names
# cage, as systemd would: the session must hand the watchdog to the kiosk.
# grim's screenshot of the output must equal `allwedd render welcome` of the
# same size pixel for pixel; with [kiosk] rotation = 90, cage turns the
# output and the kiosk fills the portrait screen. Ending the kiosk ends cage
# (systemd then restarts the session: Restart=always).
# Waits are on events (a datagram, a process state), bounded; the one
# deliberate wait is the 3 s of silence that shows the pings stopped.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

for tool in cage Xwayland grim compare identify python3 setpriv setsid; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

# cage refuses root: as root, run the session as nobody.
AS=()
RUN_USER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  RUN_USER=nobody
fi
DIR="$TEST_TMP/session"
mkdir -p "$DIR/run" "$DIR/home"
chmod 0700 "$DIR/run"
[ "$(id -u)" -eq 0 ] && chown -R nobody:nogroup "$DIR"
chmod 0755 "$TEST_TMP"
A=$(readlink -f "$ALLWEDD")
ok "the binary can be run by $RUN_USER" "${AS[@]}" test -x "$A"

"${AS[@]}" "$A" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DIR/kiosk.db" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced as $RUN_USER" $? 0

# The notification socket, and reading what arrives on it.
coproc LISTEN { exec python3 "$ALLWEDD_SOURCE_DIR/tests/lib/notify_listen.py" "$DIR/notify"; }
LISTEN_PID=$LISTEN_PID
cleanup_hooks+=("kill $LISTEN_PID 2>/dev/null")
read -r -t 10 -u "${LISTEN[0]}" line
check_eq "notify socket listening" "${line:-}" "listening"

# next_notify PATTERN SECONDS: read datagrams until one matches PATTERN (an
# extended regex); the line is left in NOTIFY_LINE. false on timeout.
NOTIFY_LINE=""
next_notify() {
  local deadline=$((SECONDS + $2)) left
  while left=$((deadline - SECONDS)); [ "$left" -gt 0 ]; do
    IFS= read -r -t "$left" -u "${LISTEN[0]}" NOTIFY_LINE || return 1
    [[ $NOTIFY_LINE =~ $1 ]] && return 0
  done
  return 1
}

# stderr stands in for the journal: JOURNAL_STREAM names it, as systemd
# would, so messages carry their sd-daemon priority prefix.
: >"$DIR/session.err"
JOURNAL=$(stat -c '%d:%i' "$DIR/session.err")

# start_session CONFIG: `allwedd session` as the unprivileged user, in its
# own process group, with what systemd would give it; sets CAGE_PID.
start_session() {
  setsid "${AS[@]}" env -i PATH=/usr/bin:/bin HOME="$DIR/home" RUNTIME_DIRECTORY="$DIR/run" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
    NOTIFY_SOCKET="$DIR/notify" WATCHDOG_USEC=2000000 JOURNAL_STREAM="$JOURNAL" \
    bash -c 'export WATCHDOG_PID=$$; exec "$0" session --config "$1"' "$A" "$1" \
    >"$DIR/session.out" 2>>"$DIR/session.err" &
  CAGE_PID=$!
  cleanup_hooks+=("kill -KILL -- -$CAGE_PID 2>/dev/null")
}

# The process that sent NOTIFY_LINE.
sender() { sed -E 's/^pid=([0-9]+) .*/\1/' <<<"$NOTIFY_LINE"; }

# shot NAME W H: grim's screenshot equals `allwedd render welcome` at WxH.
# The first frame is on the screen when READY=1 comes, but cage composites
# it on its next output frame: a few tries, each a fresh screenshot.
shot_matches() {
  local name=$1 w=$2 h=$3 diff=""
  "$A" render welcome --size "${w}x${h}" --config "$DIR/kiosk.ini" --out "$DIR/$name-render.png" >/dev/null
  for _ in $(seq 20); do
    "${AS[@]}" env XDG_RUNTIME_DIR="$DIR/run" WAYLAND_DISPLAY=wayland-0 grim "$DIR/$name.png" 2>/dev/null || continue
    diff=$(compare -metric AE "$DIR/$name.png" "$DIR/$name-render.png" null: 2>&1)
    [ "$diff" = 0 ] && return 0
  done
  echo "      $name: $(identify -format '%wx%h' "$DIR/$name.png" 2>/dev/null), pixels differing from the render: ${diff:-no screenshot}"
  return 1
}

# end_session: TERM the kiosk; cage must end with it.
end_session() {
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$CAGE_PID" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$CAGE_PID" 2>/dev/null
}

# No read-aloud: its Listen control appears only after the first frame, once
# an audio device opens, and the screenshot must equal the render.
cat >"$DIR/kiosk.ini" <<EOF
[store]
db_path = $DIR/kiosk.db
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
[speech]
enabled = false
EOF
chmod 0644 "$DIR/kiosk.ini"

echo "-- the session, upright"
started=$SECONDS
start_session "$DIR/kiosk.ini"
if next_notify 'READY=1' 60; then
  KIOSK=$(sender)
  passed=$((passed + 1)); echo "ok   READY=1 after the first frame ($((SECONDS - started)) s)"
else
  failed=$((failed + 1)); echo "FAIL no READY=1"; sed 's/^/      | /' "$DIR/session.err" | tail -20
  finish; exit
fi
check_eq "READY=1 comes from cage's child, not cage" "$(awk '{print $4}' "/proc/$KIOSK/stat")" "$CAGE_PID"
check_eq "the kiosk runs as $RUN_USER" "$(stat -c %U "/proc/$KIOSK")" "$RUN_USER"
check_eq "cage runs as $RUN_USER" "$(stat -c %U "/proc/$CAGE_PID")" "$RUN_USER"
ok "the Wayland socket is in the unit's runtime directory" test -S "$DIR/run/wayland-0"
check_contains "the session's message reached the 'journal' at info level" "$DIR/session.err" \
  "<6>allwedd session: starting cage"
ok "grim's screenshot is the welcome screen (1280x720, equal to the render)" shot_matches upright 1280 720

# Pings while idle: two, from the kiosk, less than the 2 s timeout apart.
next_notify "^pid=$KIOSK [0-9]+ WATCHDOG=1" 5 && t1=$(awk '{print $2}' <<<"$NOTIFY_LINE") || t1=""
next_notify "^pid=$KIOSK [0-9]+ WATCHDOG=1" 5 && t2=$(awk '{print $2}' <<<"$NOTIFY_LINE") || t2=""
ok "WATCHDOG=1 pings while the welcome screen idles" test -n "$t1" -a -n "$t2"
ok "pings come every half period (got $(( ${t2:-0} - ${t1:-0} )) ms apart; timeout 2000 ms)" \
  test -n "$t2" -a $(( ${t2:-0} - ${t1:-0} )) -ge 500 -a $(( ${t2:-0} - ${t1:-0} )) -lt 2000

# A stopped loop must not ping.
kill -STOP "$KIOSK"
for _ in $(seq 50); do [ "$(awk '{print $3}' "/proc/$KIOSK/stat")" = T ] && break; sleep 0.1; done
check_eq "the kiosk is stopped" "$(awk '{print $3}' "/proc/$KIOSK/stat")" T
while IFS= read -r -t 0.2 -u "${LISTEN[0]}" _; do :; done  # sent before it stopped
if next_notify "WATCHDOG=1" 3; then
  failed=$((failed + 1)); echo "FAIL a stopped kiosk pinged: $NOTIFY_LINE"
else
  passed=$((passed + 1)); echo "ok   no ping for 3 s while the kiosk is stopped"
fi
kill -CONT "$KIOSK"
ok "pings resume when it continues" next_notify "^pid=$KIOSK [0-9]+ WATCHDOG=1" 5
ok "cage ends when the kiosk ends" end_session "$KIOSK"

echo "-- the session, screen turned 90 degrees"
printf '[kiosk]\nrotation = 90\n' >>"$DIR/kiosk.ini"
start_session "$DIR/kiosk.ini"
if next_notify 'READY=1' 60; then
  KIOSK=$(sender)
  ok "grim's screenshot is the portrait welcome screen (720x1280)" shot_matches turned 720 1280
  ok "cage ends when the kiosk ends" end_session "$KIOSK"
else
  failed=$((failed + 1)); echo "FAIL no READY=1 with rotation = 90"; tail -20 "$DIR/session.err"
fi
finish
