# The concerns checklist (issue 15) on the real kiosk window under Xvfb,
# printed for real: from the welcome screen without identifying, a money
# worry ticked, the list printed; the sheet printer (an ippeveprinter)
# receives "My list for today", whose first page carries the QR code of the
# financial advice service that matches (zbarimg); nothing reaches the card
# printer. After Finish the kiosk's records hold one anonymous count for the
# group, for today, and nothing of the checklist in the audit log.
# The kiosk names each screen on stderr (ALLWEDD_KIOSK_TRACE=1).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/printenv.sh"

for tool in Xvfb xdotool ippeveprinter zbarimg; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

W=1280 H=800
DB="$TEST_TMP/kiosk.db"
REC="${DB%.db}-records.db"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0
pe_init
pe_start_printer card
CARD_URI=$PE_PRINTER_URI CARD_DIR=$PE_PRINTER_DIR
pe_start_printer sheet
SHEET_URI=$PE_PRINTER_URI SHEET_DIR=$PE_PRINTER_DIR
ok "card and sheet printers started" test -n "$CARD_URI" -a -n "$SHEET_URI"
CONF="$TEST_TMP/kiosk.ini"
cat >"$CONF" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
[printer]
name = $CARD_URI
profile = cr80
timeout_s = 20
sheet_printer = $SHEET_URI
EOF

. "$ALLWEDD_SOURCE_DIR/tests/lib/xvfb.sh"
xvfb_start "$W" "$H" || { check_eq "Xvfb started" no yes; finish; exit 1; }

TRACE="$TEST_TMP/kiosk.err"
# wait_screen NAME: until the kiosk reports that screen.
wait_screen() {
  for _ in $(seq 150); do
    [ "$(grep '^screen ' "$TRACE" | tail -n 1)" = "screen $1" ] && return 0
    sleep 0.1
  done
  echo "      last screens: $(grep '^screen ' "$TRACE" | tail -n 3 | tr '\n' ' ')"
  return 1
}

# tap PREVIEW TARGET: click the centre of TARGET as laid out on that preview
# (the checklist's toggles are laid out the same ticked or not).
tap() {
  local line
  line=$("$ALLWEDD" render "$1" --targets --size ${W}x${H} --lang en \
         --config "$CONF" --db "$DB" | awk -v t="$2" '$1 == t {print; exit}')
  [ -n "$line" ] || { echo "      no target $2 on $1"; return 1; }
  set -- $line
  xdotool mousemove --sync $((OX + $2 + $4 / 2)) $((OY + $3 + $5 / 2)) click 1
  sleep 0.15
}

SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy ALLWEDD_KIOSK_TRACE=1 \
  "$ALLWEDD" kiosk --config "$CONF" --windowed --size ${W}x${H} >/dev/null 2>"$TRACE" &
KIOSK_PID=$!
cleanup_hooks+=("kill $KIOSK_PID 2>/dev/null")
ok "the kiosk starts on the welcome screen" wait_screen welcome
win=""
for _ in $(seq 100); do
  win=$(xdotool search --onlyvisible --pid "$KIOSK_PID" --name '^Allwedd$' 2>/dev/null | head -n 1)
  [ -n "$win" ] && break
  sleep 0.1
done
eval "$(xdotool getwindowgeometry --shell "$win" 2>/dev/null)"
OX=${X:-0} OY=${Y:-0}

tap welcome concerns-en
ok "welcome: What would you like to talk about?" wait_screen concerns
tap concerns concerns-next
sleep 0.3
tap concerns-practical concern-practical.money
tap concerns-practical concerns-list
ok "my list" wait_screen concerns-list
tap concerns-list-carer concerns-print
DOC=$(pe_wait_document "$SHEET_DIR" 20)
ok "the sheet printer received the list" test -n "$DOC" -a -s "${DOC:-/nonexistent}"
ok "the kiosk says: take your printout" wait_screen printing
check_eq "nothing went to the card printer" "$(ls "$CARD_DIR" | wc -l)" 0
case "$DOC" in
  *.png) cp "$DOC" "$TEST_TMP/page1.png" ;;
  *) pe_pwg_to_ppm "$DOC" "$TEST_TMP/page1.ppm" && convert "$TEST_TMP/page1.ppm" "$TEST_TMP/page1.png" ;;
esac
zbarimg --raw -q -Sbinary "$TEST_TMP/page1.png" >"$TEST_TMP/qr" 2>/dev/null
check_contains "its QR: the financial advice that matches a money worry" "$TEST_TMP/qr" \
  "https://www.citizensadvice.org.uk/wales/"

tap printed finish
ok "Finish: the welcome screen" wait_screen welcome
for _ in $(seq 50); do
  [ "$(sqlite3 "$REC" "SELECT count(*) FROM concerns_counts" 2>/dev/null)" = 1 ] && break
  sleep 0.1
done
check_eq "one anonymous count: today, practical" \
  "$(sqlite3 "$REC" "SELECT day = date('now'), concern_group, count FROM concerns_counts")" "1|practical|1"
check_eq "nothing of the checklist in the audit log" \
  "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE detail LIKE '%concern%' OR detail LIKE '%money%'
                     OR detail LIKE '%practical%' OR event LIKE '%concern%'")" 0
kill "$KIOSK_PID" 2>/dev/null
wait "$KIOSK_PID" 2>/dev/null
finish
