# allwedd sync --inbox, what allwedd-sync.path runs when a bundle arrives,
# on real bundles signed with minisign: a complete bundle is imported once
# and moved to done/; a second run imports nothing; a bad bundle is moved
# to rejected/ with its report, recorded in the audit log and never tried
# again; a half-copied bundle (no manifest.ini.minisig yet) is left exactly
# as it is; files copied straight into the inbox form a bundle too.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

DB="$TEST_TMP/var/store.db"
IN="$TEST_TMP/inbox"
mkdir -p "$IN"
make_keys good

inbox() {
  "$ALLWEDD" sync --inbox "$IN" --db "$DB" --pubkey "$TEST_TMP/good.pub" --settle-ms 0 "$@" \
    >"$TEST_TMP/out" 2>"$TEST_TMP/err"
}
RECORDS="$TEST_TMP/var/store-records.db"   # the kiosk's own records (audit log)
sql() { sqlite3 "$DB" "$1"; }
records() { sqlite3 "$RECORDS" "$1"; }
# listing DIR: every file under DIR with its digest (to prove nothing moved or changed).
listing() { (cd "$1" && find . -type f -exec sha256sum {} + | sort -k2); }
count_in() { find "$1" -mindepth 1 -maxdepth 1 -name "$2" | wc -l; }

echo "-- an empty inbox: nothing to do"
inbox; check_eq "empty inbox: exit 0" $? 0
check_contains "empty inbox: says so" "$TEST_TMP/out" "0 imported, 0 rejected, 0 failed, 0 incomplete"
check_eq "empty inbox: no store made" "$(test -e "$DB" && echo yes || echo no)" no

echo "-- a complete bundle is imported once and moved to done/"
sample_bundle "$IN/export-1"; seal "$IN/export-1" 2026-11-20T23:05:00Z good
inbox; check_eq "complete bundle: exit 0" $? 0
check_contains "complete bundle: reported" "$TEST_TMP/out" "imported export-1 (generated 2026-11-20T23:05:00Z)"
check_eq "complete bundle: patients stored" "$(sql 'SELECT count(*) FROM patients')" \
  "$(grep -c '^' "$SAMPLE/patients.csv" | awk '{print $1 - 1}')"
check_eq "complete bundle: gone from the inbox" "$(test -e "$IN/export-1" && echo yes || echo no)" no
check_eq "complete bundle: in done/" "$(count_in "$IN/done" '*-export-1')" 1
DONE1=$(find "$IN/done" -mindepth 1 -maxdepth 1 -name '*-export-1')
check_contains "done/: report says imported" "$DONE1/allwedd-sync-report.txt" "result: imported"
check_eq "done/: bundle files kept" "$(ls "$DONE1" | grep -c 'csv$')" 4
check_eq "done/ folder is private" "$(stat -c %a "$IN/done")" 700

inbox; check_eq "second run: exit 0" $? 0
check_contains "second run: imports nothing" "$TEST_TMP/out" "0 imported, 0 rejected"
check_eq "imported exactly once" "$(sql 'SELECT count(*) FROM sync_runs')" 1
check_eq "one import in the audit log" "$(records "SELECT count(*) FROM audit_log WHERE event='sync_imported'")" 1

echo "-- a half-copied bundle is left alone"
GOOD_HASH=$(db_hash "$DB")
sample_bundle "$TEST_TMP/export-2"; seal "$TEST_TMP/export-2" 2026-11-21T23:05:00Z good
mkdir "$IN/export-2"
cp "$TEST_TMP/export-2"/*.csv "$TEST_TMP/export-2/manifest.ini" "$IN/export-2/"
BEFORE=$(listing "$IN")
inbox; check_eq "half-copied: exit 0" $? 0
check_contains "half-copied: counted as incomplete" "$TEST_TMP/out" "0 imported, 0 rejected, 0 failed, 1 incomplete"
check_eq "half-copied: inbox untouched" "$(listing "$IN")" "$BEFORE"
check_eq "half-copied: store untouched" "$(db_hash "$DB")" "$GOOD_HASH"
cp "$TEST_TMP/export-2/manifest.ini.minisig" "$IN/export-2/"
inbox; check_eq "completed by its signature: exit 0" $? 0
check_contains "completed: imported" "$TEST_TMP/out" "imported export-2"
check_eq "completed: second import" "$(sql 'SELECT count(*) FROM sync_runs')" 2

echo "-- a bad bundle is moved aside, reported, recorded, and not retried"
sample_bundle "$IN/export-3"; seal "$IN/export-3" 2026-11-22T23:05:00Z good
sed -i 's/Jones-Pugh/Jones-Pugj/' "$IN/export-3/patients.csv"
GOOD_HASH=$(sql 'SELECT count(*), max(generated) FROM sync_runs'; sql 'SELECT count(*) FROM patients')
inbox; check_eq "bad bundle: exit 1" $? 1
check_contains "bad bundle: says why" "$TEST_TMP/err" "rejected export-3: patients.csv: SHA-256 does not match"
check_eq "bad bundle: gone from the inbox" "$(test -e "$IN/export-3" && echo yes || echo no)" no
check_eq "bad bundle: in rejected/" "$(count_in "$IN/rejected" '*-export-3')" 1
BAD=$(find "$IN/rejected" -mindepth 1 -maxdepth 1 -name '*-export-3')
check_contains "rejected/: report says rejected" "$BAD/allwedd-sync-report.txt" "result: rejected"
check_contains "rejected/: report says why" "$BAD/allwedd-sync-report.txt" "SHA-256 does not match"
check_eq "bad bundle: snapshot as it was" "$(sql 'SELECT count(*), max(generated) FROM sync_runs'; sql 'SELECT count(*) FROM patients')" "$GOOD_HASH"
check_eq "bad bundle: refusal in the audit log" \
  "$(records "SELECT actor, event FROM audit_log WHERE detail LIKE '%export-3%SHA-256 does not match%'")" "sync|sync_rejected"
inbox; check_eq "not retried: exit 0" $? 0
check_contains "not retried: nothing done" "$TEST_TMP/out" "0 imported, 0 rejected, 0 failed"
check_eq "not retried: one refusal recorded" "$(records "SELECT count(*) FROM audit_log WHERE event='sync_rejected'")" 1

echo "-- the report of a bundle with bad rows names lines, never patient values"
sample_bundle "$IN/export-4"
sed -i '2s/999 223 2684/999 223 2685/; 3s/1949-11-02/1949-13-02/' "$IN/export-4/patients.csv"
seal "$IN/export-4" 2026-11-23T23:05:00Z good
inbox; check_eq "bad rows: exit 1" $? 1
BAD=$(find "$IN/rejected" -mindepth 1 -maxdepth 1 -name '*-export-4')
check_contains "bad rows: row error in the report" "$BAD/allwedd-sync-report.txt" "patients.csv:3:4:"
leaks=0
for value in 9992232685 "999 223 2685" 9991617930 Siân Jones-Pugh Llŷr Evans 1956-04-18 1949-13-02 \
  "CF14 4XW" "cf5 2lj" "CF5 2LJ"; do
  if grep -qF -- "$value" "$BAD/allwedd-sync-report.txt" "$TEST_TMP/err" "$TEST_TMP/out"; then
    echo "      leaked: $value"; leaks=$((leaks + 1))
  fi
done
check_eq "bad rows: no patient value in the report or the output" "$leaks" 0

echo "-- files copied straight into the inbox are a bundle too"
sample_bundle "$TEST_TMP/flat"; seal "$TEST_TMP/flat" 2026-11-24T23:05:00Z good
cp "$TEST_TMP/flat"/*.csv "$TEST_TMP/flat/manifest.ini" "$IN/"
inbox; check_eq "flat, half-copied: exit 0" $? 0
check_contains "flat, half-copied: left alone" "$TEST_TMP/out" "0 imported, 0 rejected, 0 failed, 1 incomplete"
check_eq "flat, half-copied: files still there" "$(ls "$IN" | grep -c 'csv$')" 4
cp "$TEST_TMP/flat/manifest.ini.minisig" "$IN/"
touch "$IN/.partial-next-export"
inbox --settle-ms 200; check_eq "flat, complete: exit 0" $? 0
check_contains "flat, complete: imported" "$TEST_TMP/out" "imported inbox (generated 2026-11-24T23:05:00Z)"
check_eq "flat: no bundle file left in the inbox" "$(find "$IN" -maxdepth 1 -type f ! -name '.*' | wc -l)" 0
check_eq "flat: a hidden partial file is not touched" "$(test -e "$IN/.partial-next-export" && echo yes || echo no)" yes
check_eq "flat: files in done/" "$(ls "$IN"/done/*-inbox/ | grep -c 'csv$\|manifest')" 6

echo "-- several bundles at once: oldest export first, so none is refused as a replay"
sample_bundle "$IN/a-newer"; seal "$IN/a-newer" 2026-11-26T23:05:00Z good
sample_bundle "$IN/b-older"; seal "$IN/b-older" 2026-11-25T23:05:00Z good
inbox; check_eq "two bundles: exit 0" $? 0
check_eq "two bundles: older first" "$(grep -o 'imported [a-z-]*' "$TEST_TMP/out" | tr '\n' ' ')" \
  "imported b-older imported a-newer "
check_eq "two bundles: newest in force" "$(sql 'SELECT max(generated) FROM sync_runs')" 2026-11-26T23:05:00Z
check_eq "done/ keeps the newest 3" "$(count_in "$IN/done" '*')" 3

echo "-- a bundle folder the sync's user may not write: imported, renamed aside, never retried"
# (A folder cannot change parent without write permission on itself; a
# transport with umask 022 makes such folders. Needs root to act as two users.)
if [ "$(id -u)" -eq 0 ] && runuser -u nobody -- true 2>/dev/null; then
  U="$TEST_TMP/as-nobody"
  chmod 711 "$TEST_TMP"
  mkdir -p "$U/inbox" "$U/var"
  cp "$TEST_TMP/good.pub" "$U/"
  chmod 755 "$U"; chmod 644 "$U/good.pub"
  chown nobody "$U/inbox" "$U/var"
  sample_bundle "$U/inbox/export-9"; seal "$U/inbox/export-9" 2026-11-27T23:05:00Z good
  chmod 755 "$U/inbox/export-9"; chmod 644 "$U/inbox/export-9"/*
  as_nobody() {
    runuser -u nobody -- "$ALLWEDD" sync --inbox "$U/inbox" --db "$U/var/store.db" --pubkey "$U/good.pub" \
      --settle-ms 0 >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  }
  as_nobody; check_eq "unwritable folder: exit 1 (a problem to fix)" $? 1
  check_contains "unwritable folder: imported all the same" "$TEST_TMP/out" "imported export-9"
  check_contains "unwritable folder: says what to fix" "$TEST_TMP/err" "not writable by this user"
  check_eq "unwritable folder: out of the path unit's sight" "$(test -e "$U/inbox/export-9" && echo yes || echo no)" no
  check_eq "unwritable folder: renamed aside in the inbox" "$(count_in "$U/inbox" '.allwedd-done-*-export-9')" 1
  as_nobody; check_eq "unwritable folder: not retried (exit 0)" $? 0
  check_contains "unwritable folder: nothing done the second time" "$TEST_TMP/out" "0 imported, 0 rejected, 0 failed"
  check_eq "unwritable folder: imported once" "$(sqlite3 "$U/var/store.db" 'SELECT count(*) FROM sync_runs')" 1
else
  echo "skip (needs root and the user nobody)"
fi

echo "-- the inbox never forces or accepts unsigned; a missing inbox is a configuration error"
inbox --force; check_eq "--force refused: exit 2" $? 2
"$ALLWEDD" sync --inbox "$TEST_TMP/nowhere" --db "$DB" --pubkey "$TEST_TMP/good.pub" >/dev/null 2>"$TEST_TMP/err"
check_eq "missing inbox: exit 2" $? 2
check_contains "missing inbox: says so" "$TEST_TMP/err" "is not a folder"

finish
