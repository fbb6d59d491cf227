# allwedd sync on real bundles signed with minisign: a good bundle imports;
# every kind of bad bundle is rejected with exit 1 and leaves the database
# byte-for-byte as it was; row errors name the right physical line; a
# snapshot that drops a patient keeps that patient's cards and audit.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

DB="$TEST_TMP/store.db"
REC="${DB%.db}-records.db"   # the kiosk's own records (audit, cards)
B="$TEST_TMP/bundle"
make_keys good
make_keys other

sync() { "$ALLWEDD" sync "$@" --db "$DB" --pubkey "$TEST_TMP/good.pub" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; }

echo "-- a good bundle imports"
sample_bundle "$B"
seal "$B" 2026-11-20T23:05:00Z good
sync "$B"; check_eq "good bundle: exit 0" $? 0
check_contains "report lists patients added" "$TEST_TMP/out" "patients.csv"
check_eq "all sample patients stored" "$(sqlite3 "$DB" 'SELECT count(*) FROM patients')" \
  "$(grep -c '^' "$B/patients.csv" | awk '{print $1 - 1}')"
check_eq "database file is 0600" "$(stat -c %a "$DB")" 600
check_eq "one sync run recorded" "$(sqlite3 "$DB" 'SELECT count(*) FROM sync_runs')" 1
check_eq "phones stored as E.164" "$(sqlite3 "$DB" "SELECT phone FROM key_workers WHERE id='KW-BR-01'")" "+442920180123"
check_eq "postcodes normalised" "$(sqlite3 "$DB" "SELECT postcode FROM patients WHERE nhs_number='9991617930'")" "CF5 2LJ"
check_eq "NHS numbers stored without spaces" "$(sqlite3 "$DB" "SELECT count(*) FROM patients WHERE nhs_number='9992232684'")" 1

GOOD_HASH=$(db_hash "$DB")
# reject NAME EXPECTED_TEXT ARGS...: sync must exit 1, say why, change nothing.
reject() {
  local name=$1 text=$2; shift 2
  sync "$@"; local rc=$?
  check_eq "$name: exit 1" "$rc" 1
  check_contains "$name: says why" "$TEST_TMP/err" "$text"
  check_eq "$name: database unchanged" "$(db_hash "$DB")" "$GOOD_HASH"
}

echo "-- rejections leave the database byte-for-byte as it was"
sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
printf '\n; edited after signing\n' >> "$B/manifest.ini"
reject "manifest edited after signing" "signature does not match" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
sed -i '4{s/^A/B/;t;s/^./A/}' "$B/manifest.ini.minisig"  # change its first character, whatever it is
reject "trusted comment tampered" "trusted comment" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z other
reject "signed with the wrong key" "different key" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z
reject "unsigned bundle" "not signed" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
sed -i 's/Jones-Pugh/Jones-Pugj/' "$B/patients.csv"
reject "CSV tampered after signing" "SHA-256 does not match" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
awk '/^\[patients.csv\]/{s=1} s && /^rows/{sub(/=.*/, "= 3"); s=0} {print}' "$B/manifest.ini" > "$B/m" && mv "$B/m" "$B/manifest.ini"
minisign -S -s "$TEST_TMP/good.key" -m "$B/manifest.ini" -t t >/dev/null
reject "wrong row count" "the manifest says 3" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
rm "$B/services.csv"
reject "missing file" "services.csv is listed in the manifest but missing" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
rm "$B/services.csv"; mkfifo "$B/services.csv"
reject "a pipe instead of a file" "services.csv is not a regular file" "$B"

sample_bundle "$B"
awk -F, 'BEGIN{OFS=","} {$4=""; sub(/,,/, ","); print}' "$B/patients.csv" > "$B/p" && mv "$B/p" "$B/patients.csv"
seal "$B" 2026-11-21T01:00:00Z good
reject "missing required column" "patients.csv:1: date_of_birth: required column is missing from the header" "$B"

sample_bundle "$B"
sed -i '2s/999 223 2684/999 223 2685/; 3s/1949-11-02/1949-13-02/' "$B/patients.csv"
seal "$B" 2026-11-21T01:00:00Z good
reject "bad rows over the 1 % threshold" "more than the 1.00 % allowed" "$B"
check_contains "threshold: each bad row reported" "$TEST_TMP/err" "patients.csv:3:4:"

sample_bundle "$B"; seal "$B" 2026-11-20T23:05:00Z good
reject "replay of the same bundle" "refused as a replay" "$B"
sample_bundle "$B"; seal "$B" 2026-11-19T23:05:00Z good
reject "replay of an older bundle" "not newer than the last imported" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
printf '[export]\nformat = 2\n' > "$B/manifest.ini"
minisign -S -s "$TEST_TMP/good.key" -m "$B/manifest.ini" -t t >/dev/null
reject "unknown manifest format" "manifest.ini:2: format 2 is not supported" "$B"

sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
printf 'nhs_number,given_name,family_name,date_of_birth\n"9434765919,Broken,Row,1961-03-03\n' > "$B/patients.csv"
# The manifest is right about the broken file: only the importer can object.
sum=$(sha256sum "$B/patients.csv" | cut -d' ' -f1)
awk -v sum="$sum" '/^\[patients.csv\]/{s=1} s && /^rows/{$0="rows = 1"} s && /^sha256/{$0="sha256 = " sum; s=0} {print}' \
  "$B/manifest.ini" > "$B/m" && mv "$B/m" "$B/manifest.ini"
minisign -S -s "$TEST_TMP/good.key" -m "$B/manifest.ini" -t t >/dev/null
reject "unclosed quote in a CSV" "patients.csv:2: quoted field opened on this line is never closed" "$B"

echo "-- usage and configuration errors exit 2"
"$ALLWEDD" sync --no-such-option >/dev/null 2>&1; check_eq "unknown option: exit 2" $? 2
sample_bundle "$B"; seal "$B" 2026-11-21T01:00:00Z good
"$ALLWEDD" sync "$B" --db "$DB" --pubkey "$TEST_TMP/missing.pub" >/dev/null 2>"$TEST_TMP/err"
check_eq "missing public key: exit 2" $? 2
check_eq "missing public key: database unchanged" "$(db_hash "$DB")" "$GOOD_HASH"
printf '[sync]\nreject_threshold_percent = lots\n' > "$TEST_TMP/bad.ini"
"$ALLWEDD" sync "$B" --config "$TEST_TMP/bad.ini" >/dev/null 2>"$TEST_TMP/err"
check_eq "bad configuration: exit 2" $? 2
check_contains "bad configuration: FILE:LINE" "$TEST_TMP/err" "bad.ini:2: reject_threshold_percent must be a number"

echo "-- row errors are skipped and reported as FILE:LINE:COLUMN"
sample_bundle "$B"
# A services file whose bad row comes after a quoted field with line breaks.
cat > "$B/services.csv" <<'CSV'
service_id,category,name_en,name_cy,summary_en,summary_cy,url
S1,urgent,Emergency,Argyfwng,"Call 999.
If in doubt, call.","Ffoniwch 999.
Os nad ydych yn siŵr, ffoniwch.",https://111.wales.nhs.uk
S2,information,Bad link,Dolen wael,Summary.,Crynodeb.,http://insecure.example
S3,nonsense,Bad category,Categori gwael,Summary.,Crynodeb.,
S1,urgent,Duplicate,Dyblyg,Summary.,Crynodeb.,
S4,financial,Good,Da,"Money ""help""",Help gydag arian,https://www.citizensadvice.org.uk
CSV
seal "$B" 2026-11-21T02:00:00Z good
# Four services replace the sample's 38: more than half removed, so forced.
"$ALLWEDD" sync "$B" --db "$DB" --pubkey "$TEST_TMP/good.pub" --threshold 100 --force --reason "test: services file" \
  >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "bundle with bad rows under the threshold: exit 0" $? 0
check_contains "bad URL on physical line 5 (after a 3-line row), column 7: a warning" "$TEST_TMP/err" \
  "warning: services.csv:5:7: url: web address must start with https://"
check_contains "bad URL: the row is kept with the field empty" "$TEST_TMP/err" "; the row was kept with this field empty"
check_contains "bad category on line 6, column 2" "$TEST_TMP/err" "services.csv:6:2: category: not one of the service categories"
check_contains "duplicate key on line 7" "$TEST_TMP/err" "services.csv:7:1: service_id: the same key appears on an earlier row"
check_eq "good services kept, bad ones skipped" "$(sqlite3 "$DB" 'SELECT group_concat(id) FROM (SELECT id FROM services ORDER BY id)')" "S1,S2,S4"
check_eq "the bad URL was not stored" "$(sqlite3 "$DB" "SELECT url FROM services WHERE id='S2'")" ""
check_eq "doubled quotes read as one" "$(sqlite3 "$DB" "SELECT summary_en FROM services WHERE id='S4'")" 'Money "help"'
check_eq "old services removed by the snapshot" "$(sqlite3 "$DB" "SELECT count(*) FROM services WHERE id LIKE 'S-%'")" 0

echo "-- unknown columns warn once; columns in any order"
sample_bundle "$B"
awk -F, 'BEGIN{OFS=","} NR==1{print "shoe_size," $0; next} {print "42," $0}' "$B/key_workers.csv" > "$B/k" && mv "$B/k" "$B/key_workers.csv"
seal "$B" 2026-11-21T03:00:00Z good
# The sample's services replace the three above: all removed, so forced.
sync "$B" --force --reason "test: back to the sample"; check_eq "extra column: exit 0" $? 0
check_eq "unknown column reported once" "$(grep -c "unknown column, ignored \[shoe_size\]" "$TEST_TMP/err")" 1

echo "-- a sync that removes a patient keeps their cards and audit entries"
GONE=9992232684
sqlite3 "$REC" "INSERT INTO cards_printed(started_at, nhs_number, key_worker_id, reason, printer, by, outcome)
               VALUES('2026-11-21T09:00:00Z', '$GONE', 'KW-BR-01', 'new', 'test', 'kiosk', 'completed');
               INSERT INTO audit_log(at, actor, event, detail) VALUES('2026-11-21T09:00:00Z', 'kiosk', 'card_printed', 'nhs=$GONE');"
sample_bundle "$B"
grep -v '^999 223 2684' "$B/patients.csv" > "$B/p" && mv "$B/p" "$B/patients.csv"
grep -v "^$GONE" "$B/key_worker_history.csv" > "$B/h" && mv "$B/h" "$B/key_worker_history.csv"
seal "$B" 2026-11-21T04:00:00Z good
sync "$B"; check_eq "snapshot without the patient: exit 0" $? 0
check_eq "patient removed" "$(sqlite3 "$DB" "SELECT count(*) FROM patients WHERE nhs_number='$GONE'")" 0
check_eq "report counts one patient removed" "$(awk '$1=="patients.csv"{print $5}' "$TEST_TMP/out")" 1
check_eq "card record kept" "$(sqlite3 "$REC" "SELECT count(*) FROM cards_printed WHERE nhs_number='$GONE'")" 1
check_eq "audit entry kept" "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE detail='nhs=$GONE'")" 1
check_eq "sync runs kept" "$(sqlite3 "$DB" 'SELECT count(*) FROM sync_runs')" 4

echo "-- a changed row is counted as changed; --force re-imports; legacy signatures verify"
sample_bundle "$B"
sed -i 's/Jones-Pugh/Jones-Pughe/' "$B/patients.csv"
seal "$B" 2026-11-21T05:00:00Z good
sync "$B"; check_eq "changed bundle: exit 0" $? 0
check_eq "re-added patient counted as added" "$(awk '$1=="patients.csv"{print $3}' "$TEST_TMP/out")" 1
check_eq "history re-imported" "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM key_worker_history h JOIN patients p ON p.id = h.patient_id WHERE p.nhs_number='$GONE'")" 1
sync "$B" --force; check_eq "--force without --reason: usage error" $? 2
check_contains "--force without --reason: says so" "$TEST_TMP/err" "--force needs --reason"
sync "$B" --force --reason "re-import after a restore"; check_eq "--force --reason accepts the same bundle again" $? 0
check_eq "nothing changed the second time" "$(awk '$1=="patients.csv"{print $3 + $4 + $5}' "$TEST_TMP/out")" 0
check_eq "the forced sync and its reason are audited" \
  "$(sqlite3 "$REC" "SELECT actor || ' ' || event || ' ' || detail FROM audit_log WHERE event = 'sync_forced' ORDER BY id DESC LIMIT 1")" \
  "staff sync_forced generated=2026-11-21T05:00:00Z reason=re-import after a restore"
check_contains "the printed report names the reason" "$TEST_TMP/out" "forced by staff: re-import after a restore"
sample_bundle "$B"; seal "$B" 2026-11-21T06:00:00Z
minisign -S -l -s "$TEST_TMP/good.key" -m "$B/manifest.ini" -t legacy >/dev/null
check_eq "legacy signature is Ed" "$(sed -n 2p "$B/manifest.ini.minisig" | base64 -d 2>/dev/null | head -c2)" "Ed"
sync "$B"; check_eq "legacy Ed signature: exit 0" $? 0
check_eq "the Jones-Pughe change was undone by the new snapshot" \
  "$(sqlite3 "$DB" "SELECT family_name FROM patients WHERE nhs_number='$GONE'")" "Jones-Pugh"

echo "-- allow_unsigned from the configuration"
sample_bundle "$B"; seal "$B" 2026-11-21T07:00:00Z
printf '[sync]\nallow_unsigned = true\n' > "$TEST_TMP/demo.ini"
"$ALLWEDD" sync "$B" --db "$DB" --config "$TEST_TMP/demo.ini" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "unsigned bundle with allow_unsigned: exit 0" $? 0
check_contains "unsigned bundle warned about" "$TEST_TMP/err" "unsigned"
check_eq "integrity" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
check_eq "foreign keys" "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" 0

finish
