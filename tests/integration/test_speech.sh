# Read-aloud through the real binary:
# - `allwedd speak`: usage and exit codes; the words of the key worker
#   screen in Welsh and English (numbers as people say them); the privacy
#   rule (no patient name unless --private or [speech] private_audio);
#   WAV files made by libespeak-ng measured with sox: plausible length for
#   the words, not silence;
# - the kiosk window under Xvfb with SDL's dummy audio driver: tap Listen
#   and audio is queued, tap again and it stops, tap Listen and change
#   screen and it stops; with no audio device the kiosk starts as usual,
#   offers no Listen, and a tap where it would be does nothing; staff mode's
#   "Test speech" queues audio too.
# The kiosk names screens and speech events on stderr (ALLWEDD_KIOSK_TRACE=1:
# "screen NAME", "speech say|audio|stop|done", never any words).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

for tool in sox Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

DB="$TEST_TMP/sample.db"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0
CONF="$TEST_TMP/kiosk.ini"
cat >"$CONF" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
EOF
speak() { "$ALLWEDD" speak "$@" --config "$CONF" --db "$DB"; }

echo "-- allwedd speak: usage"
"$ALLWEDD" speak --help >"$TEST_TMP/help" 2>&1
check_eq "--help exits 0" $? 0
check_contains "--help names --text" "$TEST_TMP/help" "--text"
"$ALLWEDD" speak >/dev/null 2>&1
check_eq "no screen: exit 2" $? 2
speak no-such-screen --text >/dev/null 2>"$TEST_TMP/err"
check_eq "unknown screen: exit 2" $? 2
check_contains "unknown screen named" "$TEST_TMP/err" "unknown screen 'no-such-screen'"
speak key-worker --lang fr --text >/dev/null 2>&1
check_eq "--lang fr: exit 2" $? 2
speak key-worker --text --out "$TEST_TMP/x.wav" >/dev/null 2>&1
check_eq "--text and --out together: exit 2" $? 2
"$ALLWEDD" speak --list >"$TEST_TMP/list"
check_contains "--list has the key worker screen" "$TEST_TMP/list" "key-worker"

echo "-- the words"
speak key-worker --lang cy --text >"$TEST_TMP/kw-cy.txt"
check_eq "Welsh words: exit 0" $? 0
check_contains "Welsh phone, digit by digit with dim" "$TEST_TMP/kw-cy.txt" \
  "Ffôn: dim dau naw, dau dim un wyth, dim un dau tri."
check_contains "Welsh 999" "$TEST_TMP/kw-cy.txt" "ffoniwch naw naw naw"
check_contains "Welsh 111" "$TEST_TMP/kw-cy.txt" "GIG un un un Cymru"
check_contains "Welsh hours with the soft mutation" "$TEST_TMP/kw-cy.txt" \
  "Llun i Wener naw y bore i bedwar y prynhawn"
speak key-worker --lang en --text >"$TEST_TMP/kw-en.txt"
check_contains "English phone with oh" "$TEST_TMP/kw-en.txt" \
  "Phone: oh two nine, two oh one eight, oh one two three."
check_contains "English 999" "$TEST_TMP/kw-en.txt" "call nine nine nine"
ok "no digits left for espeak-ng" sh -c "! grep -q '[0-9]' '$TEST_TMP/kw-cy.txt' '$TEST_TMP/kw-en.txt'"
speak welcome --text >"$TEST_TMP/welcome.txt"
check_eq "welcome: Welsh then English, one line each" "$(wc -l <"$TEST_TMP/welcome.txt")" 2
check_eq "welcome: Welsh first" "$(head -c 7 "$TEST_TMP/welcome.txt")" "Croeso."

echo "-- privacy"
speak confirm --lang en --text >"$TEST_TMP/confirm.txt"
ok "confirm: the patient's name is not said" sh -c "! grep -q 'Jones' '$TEST_TMP/confirm.txt'"
ok "confirm: nor the date of birth" sh -c "! grep -q 'April' '$TEST_TMP/confirm.txt'"
check_contains "confirm: the note says why" "$TEST_TMP/confirm.txt" \
  "For privacy, names and personal details are not read aloud here."
speak confirm --lang en --text --private >"$TEST_TMP/confirm-private.txt"
check_contains "--private: the name" "$TEST_TMP/confirm-private.txt" "Siân Jones-Pugh"
check_contains "--private: the date of birth" "$TEST_TMP/confirm-private.txt" \
  "the eighteenth of April, nineteen fifty-six"
cp "$CONF" "$TEST_TMP/private.ini"
printf '[speech]\nprivate_audio = true\n' >>"$TEST_TMP/private.ini"
"$ALLWEDD" speak confirm --lang cy --text --config "$TEST_TMP/private.ini" --db "$DB" \
  >"$TEST_TMP/confirm-cy.txt"
check_contains "[speech] private_audio: the Welsh date of birth" "$TEST_TMP/confirm-cy.txt" \
  "y deunawfed o Ebrill, mil naw pum deg chwech"

echo "-- WAV files (libespeak-ng, measured with sox)"
# seconds LOW HIGH FILE: the file's length is between LOW and HIGH seconds
seconds() { awk -v d="$(sox --i -D "$4" 2>/dev/null || echo 0)" -v lo="$2" -v hi="$3" \
  'BEGIN { exit !(d >= lo && d <= hi) }' && echo "   $1: $(sox --i -D "$4") s"; }
# loud FILE: RMS amplitude at least 0.02 (speech, not silence)
loud() { sox "$1" -n stat 2>&1 | awk '/RMS +amplitude/ { r = $3 } END { exit !(r >= 0.02) }'; }
for lang in cy en; do
  speak key-worker --lang "$lang" --out "$TEST_TMP/kw-$lang.wav" >"$TEST_TMP/wav.out"
  check_eq "key worker ($lang): WAV written" $? 0
  words=$(wc -w <"$TEST_TMP/kw-$lang.txt")
  # 150 words a minute with pauses: between 100 and 220 words a minute
  lo=$((words * 60 / 220)) hi=$((words * 60 / 100))
  ok "key worker ($lang): $words words last ${lo}-${hi} s" seconds "key-worker $lang" "$lo" "$hi" "$TEST_TMP/kw-$lang.wav"
  ok "key worker ($lang): not silence" loud "$TEST_TMP/kw-$lang.wav"
  check_eq "key worker ($lang): 22050 Hz mono" "$(sox --i -r "$TEST_TMP/kw-$lang.wav") $(sox --i -c "$TEST_TMP/kw-$lang.wav")" "22050 1"
done
speak printing --lang cy --out "$TEST_TMP/printing.wav" >/dev/null
ok "printing (cy): a short screen is short" seconds printing 2 20 "$TEST_TMP/printing.wav"
ok "printing (cy): not silence" loud "$TEST_TMP/printing.wav"
speak key-worker --out "$TEST_TMP/no-such-dir/x.wav" >/dev/null 2>"$TEST_TMP/err"
check_eq "an unwritable WAV path: exit 1" $? 1
ok "nothing half-written" test ! -e "$TEST_TMP/no-such-dir"

echo "-- the kiosk under Xvfb with SDL's dummy audio driver"
W=1280 H=800
# Xvfb picks a free display itself and writes its number once it accepts
# connections (-displayfd), so parallel tests never race for one.
Xvfb -displayfd 3 -screen 0 ${W}x${H}x24 -nolisten tcp 3>"$TEST_TMP/display" \
  >"$TEST_TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
cleanup_hooks+=("kill $XVFB_PID 2>/dev/null; wait $XVFB_PID 2>/dev/null")
for _ in $(seq 300); do [ -s "$TEST_TMP/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n 1 "$TEST_TMP/display")"
ok "Xvfb is up" test "$DISPLAY" != ":"

# start_kiosk AUDIODRIVER: run the kiosk, its trace in $TRACE, its pid in $KIOSK_PID
start_kiosk() {
  TRACE="$TEST_TMP/kiosk-$1.err"
  SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=$1 ALLWEDD_KIOSK_TRACE=1 \
    "$ALLWEDD" kiosk --config "$CONF" --windowed --size ${W}x${H} >/dev/null 2>"$TRACE" &
  KIOSK_PID=$!
  cleanup_hooks+=("kill $KIOSK_PID 2>/dev/null")
  WIN=""
  for _ in $(seq 100); do
    WIN=$(xdotool search --name '^Allwedd$' 2>/dev/null | head -n 1)
    [ -n "$WIN" ] && break
    sleep 0.1
  done
  eval "$(xdotool getwindowgeometry --shell "$WIN" 2>/dev/null)"
  OX=${X:-0} OY=${Y:-0}
}
# trace_count TEXT: lines of the trace that are exactly TEXT
trace_count() { grep -cx -- "$1" "$TRACE"; }
# wait_trace TEXT N: until the trace has N lines TEXT (15 s at most)
wait_trace() {
  for _ in $(seq 150); do
    [ "$(trace_count "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "      trace: $(tr '\n' ' ' <"$TRACE" | tail -c 400)"
  return 1
}
# tap SCREEN TARGET: click the centre of TARGET as laid out on SCREEN
tap() {
  local line
  line=$("$ALLWEDD" render "$1" --targets --size ${W}x${H} --lang "${LANG_UI:-cy}" \
         --config "$CONF" --db "$DB" | awk -v t="$2" '$1 == t {print; exit}')
  [ -n "$line" ] || { echo "      no target $2 on $1"; return 1; }
  set -- $line
  xdotool mousemove --sync $((OX + $2 + $4 / 2)) $((OY + $3 + $5 / 2)) click 1
}
# stop_kiosk: SIGTERM (SDL turns it into a window close); exit status in $KIOSK_RC
stop_kiosk() {
  kill -TERM "$KIOSK_PID" 2>/dev/null
  wait "$KIOSK_PID"
  KIOSK_RC=$?
}

start_kiosk dummy
ok "the window opened" test -n "$WIN"
ok "welcome shown" wait_trace "screen welcome" 1
ok "speech ready on the dummy driver" wait_trace "speech ready (dummy)" 1
tap welcome listen
ok "Listen: speech asked for" wait_trace "speech say 2 parts" 1
ok "Listen: audio queued to the device" wait_trace "speech audio" 1
tap welcome listen
ok "Listen again: stopped" wait_trace "speech stop" 1
tap welcome listen
ok "Listen a third time: audio again" wait_trace "speech audio" 2
tap welcome start-en
ok "a new screen" wait_trace "screen dob" 1
ok "leaving the screen stopped the speech" wait_trace "speech stop" 2
check_eq "no end reported for stopped speech" "$(trace_count "speech done")" 0
ok "no words in the trace" sh -c "! grep -i 'croeso\|gwrando\|key worker' '$TRACE' | grep -v '^screen '"
grep -i 'croeso\|gwrando\|key worker' "$TRACE" | grep -v '^screen ' | head -3
stop_kiosk
check_eq "the kiosk ends cleanly" "$KIOSK_RC" 0

echo "-- no audio device"
start_kiosk no-such-driver
ok "welcome shown without audio" wait_trace "screen welcome" 1
for _ in $(seq 20); do grep -q "read-aloud not offered" "$TRACE" && break; sleep 0.1; done
check_contains "the reason is logged for staff" "$TRACE" "read-aloud not offered: no audio"
tap welcome listen
tap welcome start-en
ok "the kiosk carries on" wait_trace "screen dob" 1
check_eq "a tap where Listen would be says nothing" "$(grep -c '^speech say' "$TRACE")" 0
stop_kiosk
check_eq "the kiosk ends cleanly" "$KIOSK_RC" 0

echo "-- the staff test of speech (issue 13), on the dummy audio driver"
echo 4826 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null
check_eq "staff PIN set" $? 0
start_kiosk dummy
ok "welcome shown" wait_trace "screen welcome" 1
ok "speech ready on the dummy driver" wait_trace "speech ready (dummy)" 1
# staff_hold: hold the staff corner past its 3 s until the PIN screen shows
# (a loaded machine can lose the first hold; three tries at most).
staff_hold() {
  local attempt
  for attempt in 1 2 3; do
    xdotool mousemove --sync $((OX + 20)) $((OY + 20)) mousedown 1
    sleep 3.6
    xdotool mouseup 1
    for _ in $(seq 50); do
      [ "$(trace_count "screen staff-pin")" -ge 1 ] && return 0
      sleep 0.1
    done
    echo "      hold $attempt: $(tr '\n' ' ' <"$TRACE" | tail -c 200)"
  done
  return 1
}
ok "staff PIN asked" staff_hold
for d in 4 8 2 6; do tap staff-pin "digit-$d"; done
tap staff-pin next
ok "staff menu" wait_trace "screen staff-menu" 1
tap staff-menu staff-speech-test
ok "Test speech: a sentence in each language asked for" wait_trace "speech say 2 parts" 1
ok "Test speech: audio queued to the device" wait_trace "speech audio" 1
tap staff-menu staff-sync
ok "leaving the menu stopped it, or it had ended" \
  sh -c "grep -qx 'speech stop' '$TRACE' || grep -qx 'speech done' '$TRACE'"
stop_kiosk
check_eq "the kiosk ends cleanly" "$KIOSK_RC" 0
finish
