# A display that sleeps and wakes lets no stray tap through, in the real
# window under Xvfb with real X events (SDL reports them as it would on a
# reception PC):
#  - the window is unmapped and mapped again (xdotool windowunmap/windowmap:
#    SDL_WINDOWEVENT_HIDDEN, then _SHOWN/_EXPOSED, as when a compositor hides
#    the window of a display that sleeps): the click that follows at once
#    only wakes the screen, the next one is a tap;
#  - the kiosk blanks the screen itself after [kiosk] screen_blank_s (here
#    3 s) of no input on the welcome screen: the screenshot is black; of two
#    clicks, the first only wakes it and the second chooses the language;
#  - an exposed window that was never hidden is only redrawn: a click goes
#    straight through.
# The kiosk names screens, the blank and each press that only woke the
# screen on stderr (ALLWEDD_KIOSK_TRACE=1); every wait is for one of those.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

for tool in Xvfb xdotool import convert; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

W=1280 H=800
DB="$TEST_TMP/kiosk.db"
CONF="$TEST_TMP/kiosk.ini"
TRACE="$TEST_TMP/kiosk.err"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0
. "$ALLWEDD_SOURCE_DIR/tests/lib/xvfb.sh"
xvfb_start "$W" "$H" || { check_eq "Xvfb started" no yes; finish; exit 1; }

# wait_line TEXT N: until the trace has N lines equal to TEXT (15 s at most).
wait_line() {
  for _ in $(seq 150); do
    [ "$(grep -cx -- "$1" "$TRACE")" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "      trace: $(tail -n 5 "$TRACE" | tr '\n' '|')"
  return 1
}
last_screen() { grep '^screen ' "$TRACE" | tail -n 1; }

# start_kiosk SCREEN_BLANK_S: the kiosk in a window, its welcome screen up;
# sets KIOSK_PID, WIN and EN_X/EN_Y (the centre of the "English" button).
start_kiosk() {
  printf '[store]\ndb_path = %s\n[paths]\ndata_dir = %s\n[kiosk]\nscreen_blank_s = %s\n' \
    "$DB" "$ALLWEDD_SOURCE_DIR" "$1" >"$CONF"
  : >"$TRACE"
  SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software ALLWEDD_KIOSK_TRACE=1 \
    "$ALLWEDD" kiosk --config "$CONF" --windowed --size ${W}x${H} >"$TEST_TMP/kiosk.out" 2>"$TRACE" &
  KIOSK_PID=$!
  cleanup_hooks+=("kill $KIOSK_PID 2>/dev/null")
  WIN=""
  for _ in $(seq 100); do
    WIN=$(xdotool search --name '^Allwedd$' 2>/dev/null | head -n 1)
    [ -n "$WIN" ] && break
    sleep 0.1
  done
  ok "the kiosk window opened (screen_blank_s = $1)" test -n "$WIN"
  ok "welcome screen shown" wait_line "screen welcome" 1
  eval "$(xdotool getwindowgeometry --shell "$WIN" 2>/dev/null)"
  OX=${X:-0} OY=${Y:-0}
  local bx by bw bh
  read -r _ bx by bw bh < <("$ALLWEDD" render welcome --targets --size ${W}x${H} \
    --config "$CONF" --db "$DB" | awk '$1 == "start-en"')
  EN_X=$((OX + bx + bw / 2)) EN_Y=$((OY + by + bh / 2))
}
stop_kiosk() {
  kill "$KIOSK_PID" 2>/dev/null
  wait "$KIOSK_PID" 2>/dev/null
  for _ in $(seq 50); do xdotool search --name '^Allwedd$' >/dev/null 2>&1 || break; sleep 0.1; done
}
click_english() { xdotool mousemove --sync "$EN_X" "$EN_Y" click 1; }

start_kiosk 0
echo "-- the window hidden and shown again"
xdotool windowunmap --sync "$WIN"
xdotool windowmap --sync "$WIN"
click_english
ok "the click right after the window came back only woke the screen" wait_line "wake touch" 1
check_eq "... and chose nothing" "$(last_screen)" "screen welcome"
click_english
ok "the next click is a tap: English chosen" wait_line "screen dob" 1

echo "-- an expose with no hide before it is only a redraw"
read -r _ bx by bw bh < <("$ALLWEDD" render dob --targets --size ${W}x${H} --config "$CONF" \
  --db "$DB" | awk '$1 == "back"')
xdotool mousemove --sync $((OX + bx + bw / 2)) $((OY + by + bh / 2)) click 1
ok "back on the welcome screen" wait_line "screen welcome" 2
# Cover and uncover the window: X sends Expose, no unmap.
xdotool windowsize --sync "$WIN" 640 400
xdotool windowsize --sync "$WIN" $W $H
click_english
ok "the click goes straight through" wait_line "screen dob" 2
check_eq "... no press was taken as a wake" "$(grep -cx 'wake touch' "$TRACE")" 1

echo "-- the kiosk's own blank after 3 s idle on the welcome screen"
stop_kiosk
start_kiosk 3
ok "3 s idle on the welcome screen: the display is blanked" wait_line "display blank" 1
import -window root "$TEST_TMP/blank.png"
check_eq "the screen is black" "$(convert "$TEST_TMP/blank.png" -crop ${W}x${H}+${OX}+${OY} -format '%[fx:round(255*maxima)]' info:)" 0
# Two clicks at once: however slow this machine is, the second comes
# before the 3 s blank can return.
xdotool mousemove --sync "$EN_X" "$EN_Y" click --repeat 2 --delay 150 1
ok "of two clicks on the black screen, the first only wakes it" wait_line "wake touch" 1
ok "... the display is awake" wait_line "display awake" 1
ok "... and the second chooses English" wait_line "screen dob" 1
check_eq "... one press only woke the screen" "$(grep -cx 'wake touch' "$TRACE")" 1
import -window root "$TEST_TMP/awake.png"
ok "the screen shows the kiosk again" \
  test "$(convert "$TEST_TMP/awake.png" -crop ${W}x${H}+${OX}+${OY} -format '%[fx:round(100*mean)]' info:)" -ge 50
stop_kiosk
finish
