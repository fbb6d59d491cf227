# The command line as staff and scripts use it: every subcommand answers
# --help; `allwedd patient` prints its documented key: value lines and exits
# 1 when not found; status and audit read the store.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

DB="$TEST_TMP/store.db"
REC="${DB%.db}-records.db"   # the kiosk's own records (audit, cards)
"$ALLWEDD" --help > "$TEST_TMP/help"; check_eq "allwedd --help: exit 0" $? 0
for cmd in $(awk '/^commands:/{on=1; next} on && NF {print $1}' "$TEST_TMP/help" | grep -v '^Run$'); do
  "$ALLWEDD" "$cmd" --help > "$TEST_TMP/out" 2>&1; rc=$?
  check_eq "allwedd $cmd --help: exit 0" "$rc" 0
  check_contains "allwedd $cmd --help: prints usage" "$TEST_TMP/out" "usage: allwedd $cmd"
done
# Every numeric option refuses what is not a whole number in its range.
for opt in "leaflet --out $TEST_TMP/x.png --timeout" "printer --job" "printer --timeout" \
           "card --nhs 9992232684 --out $TEST_TMP/x.png --timeout" "kiosk --run-ms" \
           "report --out $TEST_TMP/x.pdf --dpi" "render welcome --out $TEST_TMP/x.png --size 1024x" \
           "kiosk --size 1024x"; do
  for bad in abc 5x 4294967297 -1 ""; do
    # shellcheck disable=SC2086
    "$ALLWEDD" $opt"$bad" >/dev/null 2>"$TEST_TMP/num.err"
    check_eq "allwedd $opt'$bad': a usage error (exit 2)" $? 2
  done
done
check_eq "no file made by refused options" "$(ls "$TEST_TMP"/x.* 2>/dev/null | wc -l)" 0
"$ALLWEDD" no-such-command >/dev/null 2>&1; check_eq "unknown command: exit 2" $? 2
"$ALLWEDD" >/dev/null 2>&1; check_eq "no command: exit 2" $? 2

"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample export imports with the demo key" $? 0

echo "-- allwedd patient"
"$ALLWEDD" patient "999 223 2684" --db "$DB" > "$TEST_TMP/p"; check_eq "patient found: exit 0" $? 0
check_eq "fields in the documented order" "$(cut -d: -f1 "$TEST_TMP/p" | tr '\n' ' ')" \
  "nhs_number given_name family_name date_of_birth postcode preferred_language pathway key_worker key_worker_id key_worker_name key_worker_role_en key_worker_role_cy key_worker_team_en key_worker_team_cy key_worker_phone key_worker_email key_worker_hours_en key_worker_hours_cy "
check_contains "NHS number without spaces" "$TEST_TMP/p" "nhs_number: 9992232684"
check_contains "Welsh given name intact" "$TEST_TMP/p" "given_name: Siân"
check_contains "key worker phone in E.164" "$TEST_TMP/p" "key_worker_phone: +44"
"$ALLWEDD" patient 999 223 2684 --db "$DB" > "$TEST_TMP/p2"; check_eq "NHS number as three arguments" $? 0
check_eq "same output either way" "$(cat "$TEST_TMP/p2")" "$(cat "$TEST_TMP/p")"
nokw=$(sqlite3 "$DB" "SELECT nhs_number FROM patients WHERE key_worker_id IS NULL LIMIT 1")
"$ALLWEDD" patient "$nokw" --db "$DB" > "$TEST_TMP/p3"
check_contains "no key worker said plainly" "$TEST_TMP/p3" "key_worker: none allocated"
"$ALLWEDD" patient 9434765919 --db "$DB" >/dev/null 2>&1; check_eq "valid but unknown NHS number: exit 1" $? 1
"$ALLWEDD" patient 9434765918 --db "$DB" >"$TEST_TMP/out" 2>&1; check_eq "bad check digit: exit 2" $? 2
check_contains "bad check digit: says why" "$TEST_TMP/out" "Modulus 11"
"$ALLWEDD" patient 9992232684 --db "$TEST_TMP/none.db" >/dev/null 2>&1; check_eq "no store: exit 2" $? 2
ok "no store was created by a read" [ ! -e "$TEST_TMP/none.db" ]
check_eq "look-ups are audited" "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='patient_lookup'")" 4

echo "-- a store that cannot record the look-up shows nothing (exit 1, says why)"
# Another connection holds the records file's write lock until we close its
# stdin; it says "locked" once it has it.
coproc HOLD { python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
db.execute("ROLLBACK")' "$REC"; }
read -r held <&"${HOLD[0]}"
check_eq "another connection holds the records lock" "$held" locked
"$ALLWEDD" patient 9992232684 --db "$DB" >"$TEST_TMP/busy.out" 2>"$TEST_TMP/busy.err"
check_eq "busy store: exit 1" $? 1
check_eq "busy store: no record printed" "$(wc -c <"$TEST_TMP/busy.out")" 0
check_contains "busy store: says so" "$TEST_TMP/busy.err" "the store is busy"
exec {HOLD[1]}>&-
wait "$HOLD_PID"
check_eq "the refused look-up left no audit row" \
  "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='patient_lookup'")" 4

echo "-- allwedd status and audit"
"$ALLWEDD" status --db "$DB" > "$TEST_TMP/s"; check_eq "status: exit 0" $? 0
check_contains "status counts patients" "$TEST_TMP/s" "patients: $(sqlite3 "$DB" 'SELECT count(*) FROM patients')"
check_contains "status counts patients with no key worker" "$TEST_TMP/s" "patients_without_key_worker: $(sqlite3 "$DB" 'SELECT count(*) FROM patients WHERE key_worker_id IS NULL')"
ALLWEDD_NOW=2026-11-25T00:00:00Z "$ALLWEDD" status --db "$DB" > "$TEST_TMP/s"
check_contains "data older than 48 hours is flagged" "$TEST_TMP/s" "bundle_stale: yes"
"$ALLWEDD" audit --db "$DB" > "$TEST_TMP/a"; check_eq "audit: exit 0" $? 0
check_eq "audit header" "$(head -1 "$TEST_TMP/a")" "$(printf 'at\tactor\tevent\tdetail')"
check_contains "audit has the sync" "$TEST_TMP/a" "sync_imported"
"$ALLWEDD" audit syncs --since 2000-01-01 --db "$DB" | tail -n +2 | wc -l > "$TEST_TMP/n"
check_eq "one sync run listed" "$(cat "$TEST_TMP/n")" 1
"$ALLWEDD" audit --since 01/01/2000 --db "$DB" >/dev/null 2>&1; check_eq "bad --since: exit 2" $? 2
finish
