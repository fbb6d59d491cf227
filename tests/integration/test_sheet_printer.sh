# [printer] sheet_printer (issue 12): a carer's "print these details" on the
# real kiosk window under Xvfb, printed for real.
# - A sheet printer configured (an ippeveprinter beside the card printer's):
#   the service slip lands on the sheet printer, nothing on the card printer.
# - None configured (a card-printer-only site): nothing is sent to any
#   printer, the person is told this kiosk cannot print it (the screen is
#   compared with the card fault screen's words by its render), the request
#   is audited sheet_printer_missing, `allwedd metrics` counts it (promtool
#   accepts the output) and the staff menu shows today's count.
# - A bad sheet_printer value is refused with FILE:LINE and why.
# The kiosk names each screen on stderr (ALLWEDD_KIOSK_TRACE=1).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/printenv.sh"

for tool in Xvfb xdotool ippeveprinter promtool; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

W=1280 H=800
DB="$TEST_TMP/kiosk.db"
REC="${DB%.db}-records.db"

echo "-- configuration: sheet_printer is a queue name or an ipp:// URI"
printf '[printer]\nsheet_printer = office a4\n' >"$TEST_TMP/bad.ini"
"$ALLWEDD" config --config "$TEST_TMP/bad.ini" >/dev/null 2>"$TEST_TMP/bad.err"
check_eq "a queue name with a space: exit 2" $? 2
check_contains "it says where and why" "$TEST_TMP/bad.err" "bad.ini:2: sheet_printer must be a CUPS queue name"
printf '[printer]\nsheet_printer = ipp:///ipp/print\n' >"$TEST_TMP/bad2.ini"
"$ALLWEDD" config --config "$TEST_TMP/bad2.ini" >/dev/null 2>&1
check_eq "an ipp:// URI with no host: exit 2" $? 2
printf '[printer]\nsheet_printer = office-a4\n' >"$TEST_TMP/good.ini"
"$ALLWEDD" config --config "$TEST_TMP/good.ini" >"$TEST_TMP/good.out"
check_contains "a queue name is taken" "$TEST_TMP/good.out" "[printer] sheet_printer = office-a4"

"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0
pe_init
pe_start_printer card
CARD_URI=$PE_PRINTER_URI CARD_DIR=$PE_PRINTER_DIR
pe_start_printer sheet
SHEET_URI=$PE_PRINTER_URI SHEET_DIR=$PE_PRINTER_DIR
ok "card and sheet printers started" test -n "$CARD_URI" -a -n "$SHEET_URI"

# conf FILE [SHEET_URI]: the kiosk's configuration, with a sheet printer or none.
conf() {
  cat >"$1" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
[printer]
name = $CARD_URI
profile = cr80
timeout_s = 20
${2:+sheet_printer = $2}
EOF
}
conf "$TEST_TMP/with-sheet.ini" "$SHEET_URI"
conf "$TEST_TMP/card-only.ini"

. "$ALLWEDD_SOURCE_DIR/tests/lib/xvfb.sh"
xvfb_start "$W" "$H" || { check_eq "Xvfb started" no yes; finish; exit 1; }

# start_kiosk CONF: the kiosk in a window; sets KIOSK_PID, TRACE, OX, OY.
start_kiosk() {
  CONF=$1 TRACE="$TEST_TMP/kiosk-$(basename "$1" .ini).err"
  SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy ALLWEDD_KIOSK_TRACE=1 \
    "$ALLWEDD" kiosk --config "$CONF" --windowed --size ${W}x${H} >/dev/null 2>"$TRACE" &
  KIOSK_PID=$!
  cleanup_hooks+=("kill $KIOSK_PID 2>/dev/null")
  local win=""
  wait_screen welcome
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --pid "$KIOSK_PID" --name '^Allwedd$' 2>/dev/null | head -n 1)
    [ -n "$win" ] && break
    sleep 0.1
  done
  eval "$(xdotool getwindowgeometry --shell "$win" 2>/dev/null)"
  OX=${X:-0} OY=${Y:-0}
}

# stop_kiosk: end it (SIGTERM: a clean exit) and wait.
stop_kiosk() {
  kill "$KIOSK_PID" 2>/dev/null
  wait "$KIOSK_PID" 2>/dev/null
}

# wait_screen NAME: until the kiosk reports that screen.
wait_screen() {
  for _ in $(seq 150); do
    [ "$(grep '^screen ' "$TRACE" | tail -n 1)" = "screen $1" ] && return 0
    sleep 0.1
  done
  echo "      last screens: $(grep '^screen ' "$TRACE" | tail -n 3 | tr '\n' ' ')"
  return 1
}

# tap SCREEN TARGET: click the centre of TARGET as laid out on SCREEN.
tap() {
  local line
  line=$("$ALLWEDD" render "$1" --targets --size ${W}x${H} --lang en \
         --config "$CONF" --db "$DB" | awk -v t="$2" '$1 == t {print; exit}')
  [ -n "$line" ] || { echo "      no target $2 on $1"; return 1; }
  set -- $line
  xdotool mousemove --sync $((OX + $2 + $4 / 2)) $((OY + $3 + $5 / 2)) click 1
  sleep 0.15
}

# to_slip: from the welcome screen to a service's details as a carer.
to_slip() {
  wait_screen welcome || return 1
  tap welcome carer-en && wait_screen support &&
    tap support category-0 && wait_screen support-list &&
    tap support-list item-0 && wait_screen support-detail
}

# count EVENT: audit rows of that event.
count() { sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event = '$1'"; }

echo "-- a sheet printer configured: the slip is printed on it"
start_kiosk "$TEST_TMP/with-sheet.ini"
ok "as a carer, to a service's details" to_slip
tap support-detail print-slip
DOC=$(pe_wait_document "$SHEET_DIR" 20)
ok "the sheet printer received the slip" test -n "$DOC" -a -s "${DOC:-/nonexistent}"
ok "the kiosk says: take your printout" wait_screen printing
check_eq "nothing went to the card printer" "$(ls "$CARD_DIR" | wc -l)" 0
check_eq "no sheet_printer_missing audited" "$(count sheet_printer_missing)" 0
stop_kiosk

echo "-- no sheet printer (a card-printer-only site): the truth, and staff told"
start_kiosk "$TEST_TMP/card-only.ini"
ok "as a carer, to a service's details again" to_slip
tap support-detail print-slip
for _ in $(seq 100); do [ "$(count sheet_printer_missing)" -ge 1 ] && break; sleep 0.1; done
check_eq "audited sheet_printer_missing, actor kiosk, kind slip" \
  "$(sqlite3 "$REC" "SELECT actor, detail FROM audit_log WHERE event = 'sheet_printer_missing'")" \
  "kiosk|kind=slip by=kiosk"
ok "the printing screen shows the answer" wait_screen printing
check_eq "not counted as a printer fault" "$(count print_failed)" 0
sleep 0.5
check_eq "nothing went to the card printer" "$(ls "$CARD_DIR" | wc -l)" 0
check_eq "no second job reached the sheet printer" "$(ls "$SHEET_DIR" | grep -c -v '^1-')" 0
tap print-no-sheet back
ok "Back: the service's details again" wait_screen support-detail
stop_kiosk

"$ALLWEDD" metrics --db "$DB" >"$TEST_TMP/metrics.prom" 2>"$TEST_TMP/metrics.err"
check_eq "allwedd metrics: exit 0" $? 0
check_contains "the metrics count it" "$TEST_TMP/metrics.prom" "allwedd_sheet_print_unavailable_total 1"
check_contains "and the failed prints (none)" "$TEST_TMP/metrics.prom" "allwedd_print_failures_total 0"
promtool check metrics <"$TEST_TMP/metrics.prom" >"$TEST_TMP/promtool" 2>&1
check_eq "promtool check metrics accepts it" "$?:$(cat "$TEST_TMP/promtool")" "0:"
for lang in en cy; do
  "$ALLWEDD" render staff-menu --texts --size ${W}x${H} --lang $lang --config "$TEST_TMP/card-only.ini" \
    --db "$DB" >"$TEST_TMP/staff-$lang.txt" 2>&1
done
check_contains "the staff menu shows today's count (English)" "$TEST_TMP/staff-en.txt" \
  "1 leaflet or slip could not be printed today: there is no sheet printer"
check_contains "the staff menu shows today's count (Welsh)" "$TEST_TMP/staff-cy.txt" \
  "Ni ellid argraffu 1 daflen neu slip heddiw"
finish
