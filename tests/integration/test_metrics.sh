# allwedd metrics on a store synced from a real signed bundle, with cards
# made by `allwedd card --out` and a bundle refused by the inbox: the output
# passes `promtool check metrics` (Debian's prometheus), carries exactly the
# figures set up here, never holds a patient value from the sample, and
# --textfile replaces DIR/allwedd.prom atomically (a reader never sees half
# a file; no temporary file is left behind); a running kiosk is up, a
# killed or departed one is down.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

export ALLWEDD_NOW=2026-11-21T08:00:00Z     # fixes every time the kiosk records
NOW_S=$(date -u -d 2026-11-21T08:00:00Z +%s)
GENERATED_S=$(date -u -d 2026-11-20T23:05:00Z +%s)
DB="$TEST_TMP/store.db"
OUT="$TEST_TMP/metrics.prom"
make_keys good

metrics() { "$ALLWEDD" metrics --db "$DB" "$@" >"$OUT" 2>"$TEST_TMP/err"; }
# promtool_ok FILE: the file parses and passes promtool's lint (exit 0, silent).
promtool_ok() { promtool check metrics <"$1" >"$TEST_TMP/promtool" 2>&1 && [ ! -s "$TEST_TMP/promtool" ]; }
line() { check_contains "$1" "$OUT" "$2"; }

echo "-- no store yet: the metrics say so, and still parse"
metrics; check_eq "no store: exit 0" $? 0
line "no store: store_up 0" "allwedd_store_up 0"
line "no store: kiosk down" "allwedd_kiosk_up 0"
ok "no store: promtool accepts it" promtool_ok "$OUT"

echo "-- a synced sample store, cards made, a bundle refused"
sample_bundle "$TEST_TMP/b1"; seal "$TEST_TMP/b1" 2026-11-20T23:05:00Z good
"$ALLWEDD" sync "$TEST_TMP/b1" --db "$DB" --pubkey "$TEST_TMP/good.pub" --quiet
check_eq "sample synced" $? 0
card() { "$ALLWEDD" card --db "$DB" "$@" >/dev/null 2>&1; }
card --nhs "999 223 2684" --out "$TEST_TMP/c1.png"; check_eq "card 1 made" $? 0
card --nhs 9991617930 --reason lost --by kiosk --out "$TEST_TMP/c2.png"; check_eq "card 2 made" $? 0
card --nhs 9991617930 --reason lost --by kiosk --out "$TEST_TMP/c3.pdf"; check_eq "card 3 made" $? 0
mkdir -p "$TEST_TMP/inbox"
sample_bundle "$TEST_TMP/inbox/bad"; seal "$TEST_TMP/inbox/bad" 2026-11-21T06:00:00Z good
sed -i 's/Jones-Pugh/Jones-Pugj/' "$TEST_TMP/inbox/bad/patients.csv"
"$ALLWEDD" sync --inbox "$TEST_TMP/inbox" --db "$DB" --pubkey "$TEST_TMP/good.pub" --settle-ms 0 >/dev/null 2>&1
check_eq "bad bundle refused by the inbox" $? 1

metrics; check_eq "metrics: exit 0" $? 0
ok "promtool check metrics accepts it (no lint)" promtool_ok "$OUT"
sed 's/^/      | /' "$TEST_TMP/promtool" | head -5
line "store up" "allwedd_store_up 1"
line "data generated" "allwedd_data_generated_timestamp_seconds $GENERATED_S"
line "data age in seconds" "allwedd_data_age_seconds $((NOW_S - GENERATED_S))"
line "last import time" "allwedd_sync_last_import_timestamp_seconds $NOW_S"
line "last attempt time" "allwedd_sync_last_attempt_timestamp_seconds $NOW_S"
line "last result: rejected" 'allwedd_sync_last_result{result="rejected"} 1'
line "last result: not imported" 'allwedd_sync_last_result{result="imported"} 0'
line "imports counted" 'allwedd_sync_attempts_total{result="imported"} 1'
line "refusals counted" 'allwedd_sync_attempts_total{result="rejected"} 1'
line "last import: no rows skipped" 'allwedd_sync_last_import_rejected_rows{file="patients"} 0'
line "patients" 'allwedd_store_rows{table="patients"} 74'
line "key workers" 'allwedd_store_rows{table="key_workers"} 14'
line "sync runs" 'allwedd_store_rows{table="sync_runs"} 1'
line "cards printed rows" 'allwedd_store_rows{table="cards_printed"} 3'
line "patients with no key worker" "allwedd_patients_without_key_worker 5"
line "staff card" 'allwedd_cards_total{reason="new",channel="staff",outcome="written"} 1'
line "kiosk cards for a lost card" 'allwedd_cards_total{reason="lost",channel="kiosk",outcome="written"} 2'
check_eq "no other card series" "$(grep -c '^allwedd_cards_total' "$OUT")" 2
line "no identification failures yet" "allwedd_identification_failures_total 0"
line "no help asked for yet" "allwedd_help_requests_total 0"
line "no kiosk heartbeat" "allwedd_kiosk_up 0"

echo "-- no patient value anywhere in the output"
python3 - "$ALLWEDD_SOURCE_DIR/assets/sample/patients.csv" >"$TEST_TMP/values" <<'EOF'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    nhs = row["nhs_number"].replace(" ", "")
    for v in (nhs, nhs[:3] + " " + nhs[3:6] + " " + nhs[6:], row["given_name"], row["family_name"],
              row["date_of_birth"], row["postcode"], row["postcode"].upper()):
        if v.strip():
            print(v.strip())
EOF
check_eq "patient values listed" "$(wc -l <"$TEST_TMP/values")" 518
leaked=$(grep -F -w -o -f "$TEST_TMP/values" "$OUT" "$TEST_TMP/err" | sort -u)
check_eq "no NHS number, name, date of birth or postcode in the output" "$leaked" ""

echo "-- --textfile: DIR/allwedd.prom, written whole, nothing else left behind"
PROM="$TEST_TMP/textfile"
mkdir -p "$PROM"
metrics --textfile "$PROM"; check_eq "textfile: exit 0" $? 0
check_eq "textfile: nothing on stdout" "$(wc -c <"$OUT")" 0
check_eq "textfile: only allwedd.prom in the folder" "$(ls -A "$PROM")" "allwedd.prom"
check_eq "textfile: readable by node_exporter" "$(stat -c %a "$PROM/allwedd.prom")" 644
ok "textfile: promtool accepts it" promtool_ok "$PROM/allwedd.prom"
LAST=$(tail -1 "$PROM/allwedd.prom")
# A reader copying the file while metrics rewrites it 30 times always gets
# a whole file (same last line, promtool accepts it).
( for i in $(seq 30); do "$ALLWEDD" metrics --db "$DB" --textfile "$PROM" || exit 1; done ) &
writer=$!
torn=0; reads=0
while kill -0 "$writer" 2>/dev/null; do
  cp "$PROM/allwedd.prom" "$TEST_TMP/read.prom"
  reads=$((reads + 1))
  if [ "$(tail -1 "$TEST_TMP/read.prom")" != "$LAST" ] || ! promtool_ok "$TEST_TMP/read.prom"; then torn=$((torn + 1)); fi
done
wait "$writer"; check_eq "textfile: 30 rewrites succeed" $? 0
check_eq "textfile: no reader saw half a file ($reads reads)" "$torn" 0
check_eq "textfile: still only allwedd.prom" "$(ls -A "$PROM")" "allwedd.prom"
metrics --textfile /proc; check_eq "a folder that takes no files (/proc): exit 1" $? 1
check_contains "a folder that takes no files: says why" "$TEST_TMP/err" "/proc: cannot create a file"
metrics --textfile "$TEST_TMP/nowhere"; check_eq "missing folder: exit 2" $? 2
metrics --bogus; check_eq "unknown option: exit 2" $? 2
"$ALLWEDD" metrics --help | grep -q -- "--textfile"; check_eq "--help names --textfile" $? 0

echo "-- the kiosk's heartbeat: up while it runs, down when killed or left"
STATE="$TEST_TMP/store-kiosk.state"
# wait_frame: until the heartbeat file records a first frame (10 s at most).
wait_frame() {
  local i
  for i in $(seq 100); do
    grep -q '^frame_ms=[1-9]' "$STATE" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
"$ALLWEDD" kiosk --db "$DB" --windowed --run-ms 60000 >/dev/null 2>"$TEST_TMP/kiosk.err" &
kiosk=$!
ok "running kiosk: heartbeat with a first frame" wait_frame
check_eq "running kiosk: the heartbeat names its process" "$(grep '^pid=' "$STATE")" "pid=$kiosk"
metrics; check_eq "running kiosk: metrics exit 0" $? 0
line "running kiosk: up" "allwedd_kiosk_up 1"
line "running kiosk: start time" "allwedd_kiosk_start_time_seconds "
line "running kiosk: heartbeat time" "allwedd_kiosk_heartbeat_timestamp_seconds "
line "running kiosk: last frame time" "allwedd_kiosk_last_frame_timestamp_seconds "
ok "running kiosk: promtool accepts it" promtool_ok "$OUT"
kill -9 "$kiosk"; wait "$kiosk" 2>/dev/null
metrics
line "killed kiosk: down" "allwedd_kiosk_up 0"
line "killed kiosk: its last heartbeat still shown" "allwedd_kiosk_heartbeat_timestamp_seconds "
rm -f "$STATE"
"$ALLWEDD" kiosk --db "$DB" --windowed --run-ms 500 >/dev/null 2>"$TEST_TMP/kiosk.err"
check_eq "a kiosk that leaves: exit 0" $? 0
ok "a kiosk that leaves: marks its heartbeat stopped" grep -q '^stopped_ms=[1-9]' "$STATE"
metrics
line "a kiosk that left: down" "allwedd_kiosk_up 0"
starts=$(sqlite3 "$TEST_TMP/store-records.db" "SELECT count(*) FROM audit_log WHERE event = 'kiosk_start'")
ok "kiosk starts are audited" test "$starts" -ge 1
line "kiosk starts counted" "allwedd_kiosk_starts_total $starts"
check_eq "heartbeat: no temporary file left beside the store" \
  "$(find "$TEST_TMP" -maxdepth 1 -name 'store-kiosk.state.*' | wc -l)" 0

finish
