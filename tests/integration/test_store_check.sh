# Hidden corruption: one page of the patients table zeroed in a copy of the
# synced sample store. Counting patients still works (SQLite answers from
# an index), which is how the damage hid; `allwedd status` now runs PRAGMA
# quick_check first, says "store: damaged" with SQLite's first complaint
# and exits 2. The same for a page of the kiosk's records file. A healthy
# store says "store: ok" and exits 0. The kiosk on the damaged store checks
# it at start: the exact reason in its log and its audit (store_damaged);
# what patients and staff then see is unit.test_ui_damaged.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

GOOD="$TEST_TMP/good.db"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$GOOD" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample synced" $? 0

# zero_page FILE PAGE: overwrite one page (1-based) with zeros.
zero_page() {
  local size; size=$(sqlite3 "$1" 'PRAGMA page_size')
  dd if=/dev/zero of="$1" bs="$size" seek=$(($2 - 1)) count=1 conv=notrunc 2>/dev/null
}

echo "-- a healthy store"
"$ALLWEDD" status --db "$GOOD" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "status: exit 0" $? 0
check_eq "status: first line" "$(head -n 1 "$TEST_TMP/out")" "store: ok"
check_contains "status: the counts follow" "$TEST_TMP/out" "patients: 74"

echo "-- a zeroed page of the patients table"
BAD="$TEST_TMP/bad.db"
cp "$GOOD" "$BAD"
cp "$TEST_TMP/good-records.db" "$TEST_TMP/bad-records.db"
PAGE=$(sqlite3 "$BAD" "SELECT rootpage FROM sqlite_master WHERE name = 'patients'")
zero_page "$BAD" "$PAGE"
check_eq "the damage hides from a count (an index answers)" \
  "$(sqlite3 "$BAD" 'SELECT count(*) FROM patients' 2>&1)" 74
"$ALLWEDD" status --db "$BAD" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "status: exit 2" $? 2
check_eq "status: says damaged, and no counts" "$(cat "$TEST_TMP/out")" "store: damaged"
check_eq "status: the exact message" "$(cat "$TEST_TMP/err")" \
  "allwedd status: the store $BAD is damaged (PRAGMA quick_check: Page $PAGE: btreeInitPage() returns error code 11): move it aside and run a sync to build it again from the export"

echo "-- the kiosk checks the store at start"
SDL_VIDEODRIVER=dummy "$ALLWEDD" kiosk --db "$BAD" --windowed --run-ms 1500 >/dev/null 2>"$TEST_TMP/kerr"
check_eq "the kiosk runs (patients get a kind message, staff the reason)" $? 0
check_contains "its log has the exact reason" "$TEST_TMP/kerr" \
  "allwedd kiosk: the store $BAD is damaged (PRAGMA quick_check: Page $PAGE: btreeInitPage() returns error code 11)"
check_eq "audited as store_damaged" \
  "$(sqlite3 "$TEST_TMP/bad-records.db" "SELECT count(*) FROM audit_log WHERE event = 'store_damaged' AND detail LIKE '%btreeInitPage%'")" 1
SDL_VIDEODRIVER=dummy "$ALLWEDD" kiosk --db "$GOOD" --windowed --run-ms 1000 >/dev/null 2>"$TEST_TMP/kerr"
check_eq "a sound store: no such entry" \
  "$(sqlite3 "$TEST_TMP/good-records.db" "SELECT count(*) FROM audit_log WHERE event = 'store_damaged'")" 0

echo "-- a zeroed page of the kiosk's records"
cp "$GOOD" "$TEST_TMP/rec.db"
cp "$TEST_TMP/good-records.db" "$TEST_TMP/rec-records.db"
PAGE=$(sqlite3 "$TEST_TMP/rec-records.db" "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'")
zero_page "$TEST_TMP/rec-records.db" "$PAGE"
"$ALLWEDD" status --db "$TEST_TMP/rec.db" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "status: exit 2" $? 2
check_contains "status: names the records file" "$TEST_TMP/err" \
  "allwedd status: the store $TEST_TMP/rec-records.db is damaged (PRAGMA quick_check: Page $PAGE: btreeInitPage() returns error code 11): it holds the kiosk's audit log and card records"

echo "-- no store at all"
"$ALLWEDD" status --db "$TEST_TMP/none.db" >/dev/null 2>&1
check_eq "status: exit 2" $? 2
finish
