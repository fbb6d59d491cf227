# Crash safety: `allwedd sync` of a large bundle is killed with SIGKILL at
# several random moments. Each time the store must pass PRAGMA
# integrity_check and hold exactly the old snapshot or exactly the new one,
# never a mixture; a sync run to the end afterwards must succeed.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"
: "${ALLWEDD_GEN_BUNDLE:?ALLWEDD_GEN_BUNDLE must name bench_gen_bundle}"
N=${ALLWEDD_CRASH_PATIENTS:-200000}
KILLS=${ALLWEDD_CRASH_KILLS:-8}

make_keys k
# The new snapshots replace every patient of the old ones on purpose, so
# their syncs are forced (a removal of more than 90 % needs a reason).
OLD="$TEST_TMP/old"; NEW="$TEST_TMP/new"; BASE="$TEST_TMP/base.db"; DB="$TEST_TMP/store.db"
sample_bundle "$OLD"; seal "$OLD" 2026-11-20T23:05:00Z k
"$ALLWEDD_GEN_BUNDLE" "$NEW" "$N" --generated 2026-11-21T23:05:00Z >/dev/null
minisign -S -s "$TEST_TMP/k.key" -m "$NEW/manifest.ini" -t crash >/dev/null

# A digest of everything a snapshot consists of.
digest() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM patients) || '/' || (SELECT total(cast(substr(nhs_number, 4) AS integer)) FROM patients)
     || '/' || (SELECT count(*) FROM key_worker_history) || '/' || (SELECT count(*) FROM key_workers)
     || '/' || (SELECT count(*) FROM services) || '/' || (SELECT coalesce(max(generated), '') FROM sync_runs)"
}
fresh_copy() { rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$BASE" "$DB"; }

"$ALLWEDD" sync "$OLD" --db "$BASE" --pubkey "$TEST_TMP/k.pub" --quiet
check_eq "old snapshot imported" $? 0
OLD_DIGEST=$(digest "$BASE")

fresh_copy
start=$(date +%s%N)
"$ALLWEDD" sync "$NEW" --db "$DB" --pubkey "$TEST_TMP/k.pub" --quiet --force --reason "crash test"
check_eq "new snapshot imports when left alone" $? 0
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
NEW_DIGEST=$(digest "$DB")
echo "   old: $OLD_DIGEST"
echo "   new: $NEW_DIGEST ($N patients in ${total_ms} ms)"

RANDOM=${ALLWEDD_CRASH_SEED:-$$}
olds=0; news=0
for i in $(seq 1 "$KILLS"); do
  fresh_copy
  at_ms=$(( total_ms * (5 + RANDOM % 70) / 100 ))
  "$ALLWEDD" sync "$NEW" --db "$DB" --pubkey "$TEST_TMP/k.pub" --quiet --force --reason "crash test" &
  pid=$!
  sleep "$(printf '%d.%03d' $((at_ms / 1000)) $((at_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check_eq "kill $i at ${at_ms} ms: integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
  d=$(digest "$DB")
  case "$d" in
    "$OLD_DIGEST") olds=$((olds + 1)); check_eq "kill $i: exactly the old snapshot" "$d" "$OLD_DIGEST" ;;
    "$NEW_DIGEST") news=$((news + 1)); check_eq "kill $i: exactly the new snapshot" "$d" "$NEW_DIGEST" ;;
    *) check_eq "kill $i: old or new snapshot, nothing between" "$d" "$OLD_DIGEST or $NEW_DIGEST" ;;
  esac
done
echo "   $olds kills left the old snapshot, $news the new one"
ok "at least one kill landed in the middle of the import" [ "$olds" -gt 0 ]

# Forced: when the last kill came after the commit, the store already holds
# this bundle and an unforced sync is (rightly) refused as a replay.
"$ALLWEDD" sync "$NEW" --db "$DB" --pubkey "$TEST_TMP/k.pub" --quiet \
  --force --reason "crash test: after the last kill"
check_eq "after the last kill, a sync runs to the end" "$?/$(digest "$DB")" "0/$NEW_DIGEST"
check_eq "foreign keys consistent" "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" 0

echo "-- a bundle that changes most rows switches to a bulk load part-way"
OTHER="$TEST_TMP/other"
"$ALLWEDD_GEN_BUNDLE" "$OTHER" 40000 --seed 7 --generated 2026-11-22T23:05:00Z >/dev/null
minisign -S -s "$TEST_TMP/k.key" -m "$OTHER/manifest.ini" -t other >/dev/null
"$ALLWEDD" sync "$OTHER" --db "$DB" --pubkey "$TEST_TMP/k.pub" --force --reason "crash test: another export" > "$TEST_TMP/out"
check_eq "mostly changed bundle: exit 0" $? 0
check_eq "exactly the new patients" "$(sqlite3 "$DB" 'SELECT count(*) FROM patients')" 40000
check_eq "foreign keys hold after most patients were replaced" "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" 0
check_eq "the patient indexes were built again" \
  "$(sqlite3 "$DB" "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'patients' AND type = 'index' ORDER BY name)")" \
  "patients_by_birth_and_name,patients_by_nhs,patients_without_key_worker"
added=$(awk '$1=="patients.csv"{print $3}' "$TEST_TMP/out")
removed=$(awk '$1=="patients.csv"{print $5}' "$TEST_TMP/out")
echo "   $added added, $removed removed"
# Every old patient not in the new bundle was removed: old - (new - added).
check_eq "removed = old patients not in the new bundle" "$removed" "$((N - (40000 - added)))"
one=$(sed -n 2p "$OTHER/patients.csv" | cut -d, -f1)
"$ALLWEDD" patient "$one" --db "$DB" >/dev/null
check_eq "a patient of the new bundle is found by NHS number" $? 0
check_eq "integrity after the bulk switch" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
finish
