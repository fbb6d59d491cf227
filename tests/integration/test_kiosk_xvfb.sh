# The real kiosk window under Xvfb: `allwedd kiosk --windowed` on a store
# synced from the signed sample, driven with xdotool mouse clicks through
# the language choice, the date of birth keypad, the family name keyboard
# and "Is this you?" to the key worker screen (in Welsh after a wrong name
# and "Try again", which asks only the name again); screenshots taken with
# `import -window root` are checked (not blank, the calm theme's colours,
# the key worker's phone panel); then staff mode by holding the corner for
# 3 s, the PIN, and "Leave the kiosk", which must end the process cleanly.
# The card is printed for real on an ippeveprinter (its QR decoded with
# zbarimg, the print record checked), and a second print after the printer
# has gone away must end on the kind fault screen, from which Finish works.
# Button positions come from `allwedd render SCREEN --targets` (the same UI
# code lays out the preview and the live screen). The kiosk names each
# screen on stderr (ALLWEDD_KIOSK_TRACE=1: screen names only, no data).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/printenv.sh"

for tool in Xvfb xdotool import convert ippeveprinter zbarimg; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

W=1280 H=800
DB="$TEST_TMP/kiosk.db"
REC="${DB%.db}-records.db"   # the kiosk's own records (audit, cards)
CONF="$TEST_TMP/kiosk.ini"
TRACE="$TEST_TMP/kiosk.err"

"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0
pe_init
pe_start_printer kiosk-card
ok "test card printer started" test -n "${PE_PRINTER_URI:-}"
PRINTER_PID=${PE_PIDS[${#PE_PIDS[@]}-1]}
cat >"$CONF" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
[printer]
name = $PE_PRINTER_URI
profile = cr80
timeout_s = 20
EOF
echo 4826 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null
check_eq "staff PIN set" $? 0

. "$ALLWEDD_SOURCE_DIR/tests/lib/xvfb.sh"
xvfb_start "$W" "$H" || { check_eq "Xvfb started" no yes; finish; exit 1; }

SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software ALLWEDD_KIOSK_TRACE=1 \
  "$ALLWEDD" kiosk --config "$CONF" --windowed --size ${W}x${H} >"$TEST_TMP/kiosk.out" 2>"$TRACE" &
KIOSK_PID=$!
cleanup_hooks+=("kill $KIOSK_PID 2>/dev/null")

# wait_screen NAME: until the kiosk reports that screen (15 s at most: the
# sanitizer build on a loaded machine is slow).
wait_screen() {
  for _ in $(seq 150); do
    [ "$(grep '^screen ' "$TRACE" | tail -n 1)" = "screen $1" ] && return 0
    sleep 0.1
  done
  echo "      last screens: $(grep '^screen ' "$TRACE" | tail -n 3 | tr '\n' ' ')"
  return 1
}

# Where the window's top-left corner is on the root window.
WIN=""
for _ in $(seq 50); do
  WIN=$(xdotool search --name '^Allwedd$' 2>/dev/null | head -n 1)
  [ -n "$WIN" ] && break
  sleep 0.1
done
ok "the kiosk window opened" test -n "$WIN"
eval "$(xdotool getwindowgeometry --shell "$WIN" 2>/dev/null)"
OX=${X:-0} OY=${Y:-0}
ok "welcome screen shown" wait_screen welcome

# tap SCREEN TARGET: click the centre of TARGET as laid out on SCREEN.
tap() {
  local line
  line=$("$ALLWEDD" render "$1" --targets --size ${W}x${H} --lang "${LANG_UI:-en}" \
         --config "$CONF" --db "$DB" | awk -v t="$2" '$1 == t {print; exit}')
  [ -n "$line" ] || { echo "      no target $2 on $1"; return 1; }
  set -- $line
  xdotool mousemove --sync $((OX + $2 + $4 / 2)) $((OY + $3 + $5 / 2)) click 1
  sleep 0.15
}

# shot NAME: screenshot of the root window.
shot() { import -window root "$TEST_TMP/$1.png"; }

# colour_share FILE HEX: percent of pixels with exactly that colour.
colour_share() {
  convert "$1" -fill black +opaque "$2" -fill white -opaque "$2" -format '%[fx:round(100*mean)]' info:
}

shot welcome
ok "welcome: mostly white (the calm theme)" test "$(colour_share "$TEST_TMP/welcome.png" '#FFFFFF')" -ge 40
ok "welcome: NHS blue language buttons" test "$(colour_share "$TEST_TMP/welcome.png" '#005EB8')" -ge 5
ok "welcome: not blank" test "$(convert "$TEST_TMP/welcome.png" -format '%k' info:)" -ge 20

echo "-- patient journey through the real window (English)"
tap welcome start-en
ok "English chosen: date of birth" wait_screen dob
for d in 0 5 1 2 1 9 7 2; do tap dob "digit-$d"; done
tap dob next
ok "family name asked" wait_screen name
for l in N G U Y E N; do tap name "letter-$l"; done
tap name next
ok "Is this you?" wait_screen confirm
tap confirm yes
ok "key worker screen" wait_screen key-worker
shot keyworker
ok "key worker: phone panel colour shown" test "$(colour_share "$TEST_TMP/keyworker.png" '#E8F1F8')" -ge 2
ok "key worker: emergency panel colour shown" test "$(colour_share "$TEST_TMP/keyworker.png" '#FFF6D8')" -ge 2
ok "key worker: differs from the welcome screen" \
  test "$(compare -metric AE "$TEST_TMP/welcome.png" "$TEST_TMP/keyworker.png" null: 2>&1 | cut -d' ' -f1)" -gt 10000
tap key-worker print-card
ok "printing, with the optional question" wait_screen survey
DOC=$(pe_wait_document "$PE_PRINTER_DIR" 20)
ok "the printer received the card" test -n "$DOC" -a -s "${DOC:-/nonexistent}"
if [ -n "$DOC" ]; then
  case "$DOC" in
    *.pwg) pe_pwg_to_ppm "$DOC" "$TEST_TMP/card.ppm"; IMG="$TEST_TMP/card.ppm" ;;
    *) IMG=$DOC ;;
  esac
  zbarimg --raw -q -Sbinary "$IMG" >"$TEST_TMP/qr.txt" 2>/dev/null
  check_contains "the card's QR holds the key worker" "$TEST_TMP/qr.txt" "Lewis-Pritchard"
fi
for _ in $(seq 50); do
  [ "$(sqlite3 "$REC" "SELECT outcome FROM cards_printed ORDER BY id DESC LIMIT 1")" = completed ] && break
  sleep 0.2
done
check_eq "print record: completed, by the kiosk, reason new" \
  "$(sqlite3 "$REC" "SELECT nhs_number, reason, by, outcome FROM cards_printed ORDER BY id DESC LIMIT 1")" \
  "9996698041|new|kiosk|completed"
sleep 0.5
tap survey-easy finish
ok "Finish after printing: back to the welcome screen" wait_screen welcome
rm -f "$PE_PRINTER_DIR"/*

echo "-- the same journey in Welsh (Siân prefers Welsh), to a real printer"
LANG_UI=cy
tap welcome start-cy
ok "Cymraeg chosen: date of birth (dyddiad geni)" wait_screen dob
for d in 1 8 0 4 1 9 5 6; do tap dob "digit-$d"; done
tap dob next
ok "family name asked (cyfenw)" wait_screen name
for l in J O N E S; do tap name "letter-$l"; done   # half her name: no match
tap name next
ok "a name on no record: we couldn't find you" wait_screen not-found
tap not-found try-again
ok "Try again: the family name asked again, the date of birth kept" wait_screen name
for l in J O N E S P U G H; do tap name "letter-$l"; done
tap name next
ok "Ai dyma chi?" wait_screen confirm
shot confirm-cy
tap confirm yes
ok "key worker screen in Welsh" wait_screen key-worker
tap key-worker print-card
ok "printing in Welsh, with the optional question" wait_screen survey
DOC=$(pe_wait_document "$PE_PRINTER_DIR" 20)
ok "the printer received Siân's card" test -n "$DOC" -a -s "${DOC:-/nonexistent}"
if [ -n "$DOC" ]; then
  case "$DOC" in
    *.pwg) pe_pwg_to_ppm "$DOC" "$TEST_TMP/card-cy.ppm"; IMG="$TEST_TMP/card-cy.ppm" ;;
    *) IMG=$DOC ;;
  esac
  zbarimg --raw -q -Sbinary "$IMG" >"$TEST_TMP/qr-cy.txt" 2>/dev/null
  check_contains "the card's QR holds her key worker, Gwenno Rees" "$TEST_TMP/qr-cy.txt" "FN:Gwenno Rees"
fi
for _ in $(seq 50); do
  [ "$(sqlite3 "$REC" "SELECT outcome FROM cards_printed WHERE nhs_number = '9992232684' ORDER BY id DESC LIMIT 1")" = completed ] && break
  sleep 0.2
done
check_eq "print record for Siân: completed, by the kiosk" \
  "$(sqlite3 "$REC" "SELECT reason, by, outcome FROM cards_printed WHERE nhs_number = '9992232684' ORDER BY id DESC LIMIT 1")" \
  "new|kiosk|completed"
sleep 0.5
tap survey-easy finish
ok "Gorffen: back to the welcome screen" wait_screen welcome
LANG_UI=en

echo "-- the printer goes away: a kind fault, never stuck"
kill "$PRINTER_PID"; wait "$PRINTER_PID" 2>/dev/null
tap welcome start-en
ok "date of birth again" wait_screen dob
for d in 0 5 1 2 1 9 7 2; do tap dob "digit-$d"; done
tap dob next
wait_screen name >/dev/null
for l in N G U Y E N; do tap name "letter-$l"; done
tap name next
wait_screen confirm >/dev/null
tap confirm yes
ok "key worker screen again" wait_screen key-worker
tap key-worker print-card
for _ in $(seq 100); do
  [ -n "$(sqlite3 "$REC" "SELECT outcome FROM cards_printed WHERE outcome NOT IN ('', 'completed') LIMIT 1")" ] && break
  sleep 0.2
done
check_eq "print record says why" \
  "$(sqlite3 "$REC" "SELECT outcome FROM cards_printed ORDER BY id DESC LIMIT 1")" "unreachable"
sleep 0.5
shot fault
ok "fault screen: not the key worker screen any more" \
  test "$(compare -metric AE "$TEST_TMP/keyworker.png" "$TEST_TMP/fault.png" null: 2>&1 | cut -d' ' -f1)" -gt 10000
tap print-fault finish
ok "Finish from the fault screen: back to the welcome screen" wait_screen welcome
ok "the fault was audited for staff" \
  test "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event = 'print_failed'")" -ge 1

echo "-- staff mode: hold the corner 3 s, PIN, leave the kiosk"
xdotool mousemove --sync $((OX + 20)) $((OY + 20)) mousedown 1
sleep 3.4
xdotool mouseup 1
ok "staff PIN asked" wait_screen staff-pin
LANG_UI=cy
for d in 4 8 2 6; do tap staff-pin "digit-$d"; done
tap staff-pin next
ok "staff menu" wait_screen staff-menu
tap staff-menu staff-leave
for _ in $(seq 50); do kill -0 $KIOSK_PID 2>/dev/null || break; sleep 0.1; done
wait $KIOSK_PID
check_eq "Leave the kiosk: exit status 0" $? 0
check_eq "audit: staff login and leaving recorded" \
  "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event IN ('staff_login','leave_kiosk')")" 2
check_eq "no patient data on stderr" "$(grep -c -i -E 'nguy|9996698041' "$TRACE")" 0
finish
