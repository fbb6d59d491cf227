# Real extracts, honestly read (issues 10 and 11, "The export"): every
# fault of an extract is reported where it is, never silently taken in, and
# every honest value imports. Real bundles signed with minisign; all data is
# fictional (the sample export, edited).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

DB="$TEST_TMP/store.db"
REC="${DB%.db}-records.db"   # the kiosk's own records (audit log)
B="$TEST_TMP/bundle"
make_keys good
P="$B/patients.csv"; K="$B/key_workers.csv"; S="$B/services.csv"

sync() { "$ALLWEDD" sync "$@" --db "$DB" --pubkey "$TEST_TMP/good.pub" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; }
q() { sqlite3 "$DB" "$1"; }
# resign DIR: sign DIR/manifest.ini again after editing it by hand.
resign() { minisign -S -s "$TEST_TMP/good.key" -m "$1/manifest.ini" -t edited >/dev/null; }
# replace_line FILE N TEXT: line N of FILE becomes TEXT (printf escapes allowed).
replace_line() {
  { head -n $(($2 - 1)) "$1"; printf "$3\n"; tail -n +$(($2 + 1)) "$1"; } > "$1.new" && mv "$1.new" "$1"
}
# A clock for generated times: every bundle newer than the last.
stamp=0
tick() { stamp=$((stamp + 1)); T=$(printf '2026-11-21T%02d:%02d:00Z' $((stamp / 60)) $((stamp % 60))); }

sample_bundle "$B"; tick; seal "$B" "$T" good
sync "$B"; check_eq "the sample imports" $? 0
GOOD_HASH=$(db_hash "$DB")
# refused NAME TEXT ARGS...: exit 1, says TEXT, the store is unchanged.
refused() {
  local name=$1 text=$2; shift 2
  sync "$@"; check_eq "$name: exit 1" $? 1
  check_contains "$name: says why" "$TEST_TMP/err" "$text"
  check_eq "$name: store unchanged" "$(db_hash "$DB")" "$GOOD_HASH"
}

echo "-- a NUL or another control character in a field is a row error at FILE:LINE:COLUMN"
sample_bundle "$B"
replace_line "$P" 2 '999 223 2684,Siân,Jones\0Pugh,1956-04-18,CF14 4XW,cy,KW-BR-01,breast'
tick; seal "$B" "$T" good
refused "NUL in a family name, one row of 74 (over 1 %)" \
  "patients.csv:2:3: family_name: control character in the field: the file is damaged or is not plain text [U+0000 NUL]" "$B"
sync "$B" --threshold 100; check_eq "NUL under a 100 % threshold: exit 0" $? 0
check_contains "the row is reported" "$TEST_TMP/err" "patients.csv:2:3: family_name: control character"
check_eq "the patient is not stored cut short as Jones" "$(q "SELECT count(*) FROM patients WHERE nhs_number = '9992232684'")" 0
check_eq "no family name was cut at a NUL" "$(q "SELECT count(*) FROM patients WHERE family_name = 'Jones' AND given_name = 'Siân'")" 0
check_eq "the other 73 patients are stored" "$(q 'SELECT count(*) FROM patients')" 73
GOOD_HASH=$(db_hash "$DB")

sample_bundle "$B"
printf 'S-ESC,information,Escape,Dianc,"Line one\nline \033 two",Crynodeb.,,,,,\n' >> "$S"
tick; seal "$B" "$T" good
sync "$B" --threshold 100; check_eq "ESC inside a multi-line field: exit 0" $? 0
check_contains "ESC reported on the line it is on, not the line the field starts" "$TEST_TMP/err" \
  "services.csv:43:5: summary_en: control character in the field: the file is damaged or is not plain text [U+001B ESC]"
check_eq "that service is not stored" "$(q "SELECT count(*) FROM services WHERE id = 'S-ESC'")" 0
GOOD_HASH=$(db_hash "$DB")

echo "-- NUL padding at the end of a file has its own message"
sample_bundle "$B"
head -c 4096 /dev/zero >> "$P"
tick; seal "$B" "$T" good
sync "$B"; check_eq "padded patients.csv, manifest counted by the importer's reader: exit 0" $? 0
check_contains "padding is named, not a row-count mismatch" "$TEST_TMP/err" \
  "warning: patients.csv: the file ends with NUL bytes after its last row (padding some Windows tools write); they were not read as data [4096 bytes]"
check_eq "74 rows read" "$(awk '$1=="patients.csv"{print $2}' "$TEST_TMP/out")" 74
GOOD_HASH=$(db_hash "$DB")
sed -i '/^\[patients.csv\]/,/^sha256/s/^rows = 74$/rows = 75/' "$B/manifest.ini"; resign "$B"
tick; sed -i "s/^generated = .*/generated = $T/" "$B/manifest.ini"; resign "$B"
refused "padding counted as a row by the writer" \
  "patients.csv: 74 data rows, but the manifest says 75; the file ends with 4096 NUL bytes: padding that is not data" "$B"

echo "-- say what the file is: UTF-16, semicolons (workbooks: unit test_csv)"
sample_bundle "$B"; tick; seal "$B" "$T" good
iconv -f UTF-8 -t UTF-16 "$P" > "$P.16" && mv "$P.16" "$P"
"$ALLWEDD" bundle-manifest "$B" "$TEST_TMP/good.key" 2>"$TEST_TMP/bm"
check_eq "bundle-manifest refuses a UTF-16 file: exit 1" $? 1
check_contains "bundle-manifest names the encoding" "$TEST_TMP/bm" "patients.csv:1: the file is UTF-16"
# A manifest written by another tool that hashes the UTF-16 bytes.
sum=$(sha256sum "$P" | cut -d' ' -f1)
sed -i "/^\[patients.csv\]/,/^sha256/s/^sha256 = .*/sha256 = $sum/" "$B/manifest.ini"; resign "$B"
refused "UTF-16 patients.csv" \
  "patients.csv:1: the file is UTF-16 (little-endian) text, not UTF-8 comma-separated text: save it as CSV UTF-8, comma-separated" "$B"

sample_bundle "$B"; sed -i 's/,/;/g' "$K"; tick; seal "$B" "$T" good
refused "semicolon-separated key_workers.csv" \
  "key_workers.csv:1: the columns are separated by semicolons (;), not commas: save it as CSV UTF-8, comma-separated" "$B"
check_contains "not 'required column missing'" "$TEST_TMP/err" "semicolons"

echo "-- signs of a lossy export are warned about at the value"
sample_bundle "$B"
replace_line "$P" 2 '999 223 2684,Si\357\277\275n,Jones-Pugh,1956-04-18,CF14 4XW,cy,KW-BR-01,breast'
replace_line "$P" 3 '9991617930,Ll\303\205\302\267r,Evans,1949-11-02,cf5 2lj,cy,KW-PC-01,lung'
replace_line "$P" 7 '9994377787,?yn,Roberts,1987-03-08,CF10 3NP,cy,KW-HA-01,haematology'
replace_line "$P" 11 '999 396 9982,Rh&#375;s,Evans,1971-05-14,CF3 4UE,en,KW-SK-01,skin'
replace_line "$P" 12 '9992525738,Gw^yn,Evans,1971-05-14,CF3 4UE,en,KW-CR-01,colorectal'
tick; seal "$B" "$T" good
sync "$B"; check_eq "lossy names: exit 0 (warnings, not errors)" $? 0
check_contains "U+FFFD at its line and column, naming the column" "$TEST_TMP/err" \
  "warning: patients.csv:2:2: given_name: letters were probably lost when the file was saved (it holds U+FFFD, the replacement character); save it as CSV UTF-8"
check_contains "UTF-8 read as Windows-1252 (Llŷr as LlÅ·r)" "$TEST_TMP/err" \
  "warning: patients.csv:3:2: given_name: letters look garbled, as when UTF-8 is read as Windows-1252"
check_contains "a question mark where Ŵ was" "$TEST_TMP/err" \
  "warning: patients.csv:7:2: given_name: a '?' where a letter should be"
check_contains "an HTML character reference for ŷ" "$TEST_TMP/err" \
  "warning: patients.csv:11:2: given_name: the text holds HTML character references such as &#373; where letters should be"
check_contains "a circumflex typed as ^" "$TEST_TMP/err" \
  "warning: patients.csv:12:2: given_name: a '^' after a vowel (w^ for ŵ)"
check_eq "the patients are kept" "$(q "SELECT count(*) FROM patients WHERE nhs_number IN ('9992232684','9991617930','9994377787')")" 3
check_contains "the printed report lists the first warnings" "$TEST_TMP/out" "first warnings (5 of 5):"
check_contains "the stored report keeps them" <(q "SELECT report FROM sync_runs ORDER BY id DESC LIMIT 1") \
  "  warning: patients.csv:2:2: given_name: letters were probably lost"

echo "-- an invalid value in an optional column never drops the row"
sample_bundle "$B"
replace_line "$P" 5 '999 121 8580,Dafydd,ap Rhys,1961-09-30,BFPO 105,cy,KW-CR-01,colorectal'
replace_line "$P" 7 '9994377787,Ŵyn,Roberts,1987-03-08,XX1 1AA,CY,KW-HA-01,haematology'
replace_line "$P" 8 '999 669 8041,Thi Lan,Nguyễn,1972-12-05, cf24\302\2401re ,Welsh,KW-BR-02,breast'
tick; seal "$B" "$T" good
sync "$B"; check_eq "bad optional values: exit 0" $? 0
check_eq "BFPO 105 is a postcode" "$(q "SELECT postcode FROM patients WHERE nhs_number = '9991218580'")" "BFPO 105"
check_eq "a postcode in no postcode area: the patient is kept" "$(q "SELECT count(*) || '[' || postcode || ']' FROM patients WHERE nhs_number = '9994377787'")" "1[]"
check_contains "and warned at FILE:LINE:COLUMN" "$TEST_TMP/err" \
  "warning: patients.csv:7:5: postcode: not a UK postcode: there is no such postcode area; the row was kept with this field empty"
check_eq "CY is cy" "$(q "SELECT preferred_language FROM patients WHERE nhs_number = '9994377787'")" cy
check_eq "a no-break space and lower case in a postcode are noise" "$(q "SELECT postcode FROM patients WHERE nhs_number = '9996698041'")" "CF24 1RE"
check_contains "a bad language is emptied with a warning" "$TEST_TMP/err" \
  "warning: patients.csv:8:6: preferred_language: preferred_language must be cy, en or empty; the row was kept with this field empty"

echo "-- UK phone numbers as the numbering plan has them"
sample_bundle "$B"
sed -i 's/,029 2018 0123,gwenno.rees@glanhafren.example,/,029 2018 0123 ext 2345,not-an-address,/' "$K"
sed -i 's/^Lewis-Pritchard,Sarah,KW-BR-02,Nyrs Glinigol Arbenigol,Clinical Nurse Specialist,/Lewis-Pritchard,Sarah,KW-BR-02,Nyrs Glinigol Arbenigol,"Clinical Nurse\nSpecialist",/' "$K"
awk 'BEGIN{FS=OFS=","} $3=="KW-CR-01"{$7="A team with a very long name " sprintf("%0150d", 0)} {print}' "$K" > "$K.new" && mv "$K.new" "$K"
cat >> "$S" <<'CSV'
S-CHILDLINE,carers_family,Childline,Childline,Help for children.,Help i blant.,0800 1111,,,,
S-NINE,information,Nine digits,Naw digid,A freephone line.,Llinell radffon.,0800 123 456,,,,
S-SAM,emotional,Samaritans,Samariaid,Talk to us.,Siaradwch â ni.,116 123,,,,
S-CRED,information,Credentials,Manylion,A link with a password.,Dolen â chyfrinair.,,https://user:pass@example.org/,,,
S-JS,information,Script,Sgript,A link that runs code.,Dolen sy'n rhedeg cod.,,javascript:alert(1),,,
CSV
tick; seal "$B" "$T" good
sync "$B"; check_eq "extensions, short and freephone numbers: exit 0" $? 0
check_eq "an extension is kept as its own part (E.164 + RFC 3966)" "$(q "SELECT phone FROM key_workers WHERE id = 'KW-BR-01'")" "+442920180123;ext=2345"
check_eq "the key worker with an extension keeps their patients" \
  "$(q "SELECT count(*) FROM patients WHERE key_worker_id = 'KW-BR-01'")" \
  "$(awk -F, '$7=="KW-BR-01"' "$P" | wc -l)"
check_eq "0800 1111 (8-digit freephone)" "$(q "SELECT phone FROM services WHERE id = 'S-CHILDLINE'")" "+448001111"
check_eq "0800 123 456 (9-digit national number)" "$(q "SELECT phone FROM services WHERE id = 'S-NINE'")" "+44800123456"
check_eq "116 123 (short number)" "$(q "SELECT phone FROM services WHERE id = 'S-SAM'")" "116123"
check_contains "a bad e-mail address is emptied, the key worker kept" "$TEST_TMP/err" \
  "key_workers.csv:2:9: email: not an e-mail address (name@example.org); the row was kept with this field empty"
check_eq "the e-mail is empty" "$(q "SELECT email FROM key_workers WHERE id = 'KW-BR-01'")" ""
check_eq "a line break in a one-line column becomes a space" "$(q "SELECT role_en FROM key_workers WHERE id = 'KW-BR-02'")" "Clinical Nurse Specialist"
check_contains "and is warned about" "$TEST_TMP/err" "warning: key_workers.csv:3:5: role_en: line break in a one-line column, replaced by a space"
check_contains "a team longer than 160 characters is shortened with a warning" "$TEST_TMP/err" \
  "team_en: longer than 160 characters: shortened at a word to fit the screen and the card [179 characters]"
check_eq "shortened to 160 characters, ending in an ellipsis" \
  "$(q "SELECT length(team_en) || ' ' || substr(team_en, -1) FROM key_workers WHERE id = 'KW-CR-01'")" "160 …"
check_contains "credentials in a URL are refused" "$TEST_TMP/err" \
  "url: web address must not carry a user name or password (user:password@); the row was kept with this field empty"
check_eq "... and not stored" "$(q "SELECT url FROM services WHERE id = 'S-CRED'")" ""
check_contains "a javascript: URL is refused" "$TEST_TMP/err" "url: web address must start with https://"
if command -v zbarimg >/dev/null; then
  nhs=$(awk -F, '$7=="KW-BR-01"{gsub(/ /, "", $1); print $1; exit}' "$P")
  "$ALLWEDD" card --nhs "$nhs" --db "$DB" --out "$TEST_TMP/card.png" >/dev/null 2>&1
  zbarimg --raw -q -Sbinary "$TEST_TMP/card.png" 2>/dev/null > "$TEST_TMP/qr"
  check_contains "the card's vCard dials the extension after a pause" "$TEST_TMP/qr" "TEL;TYPE=WORK,VOICE:+442920180123,2345"
fi
GOOD_HASH=$(db_hash "$DB")

echo "-- degenerate values are refused"
sample_bundle "$B"
replace_line "$P" 2 '000 000 0000,Siân,Jones-Pugh,1956-04-18,CF14 4XW,cy,KW-BR-01,breast'
tick; seal "$B" "$T" good
sync "$B" --threshold 100; check_eq "NHS number 0000000000: the row is refused" $? 0
check_contains "and reported" "$TEST_TMP/err" \
  "patients.csv:2:1: nhs_number: NHS number is one digit repeated: such numbers are never issued"
check_eq "... not stored" "$(q "SELECT count(*) FROM patients WHERE nhs_number = '0000000000'")" 0
GOOD_HASH=$(db_hash "$DB")

echo "-- a bundle from the future is refused; staff can force it, audited"
sample_bundle "$B"; seal "$B" 2099-01-01T00:00:00Z good
refused "generated 2099" "bundle generated 2099-01-01T00:00:00Z is in the future" "$B"
sample_bundle "$B"; seal "$B" "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)" good
refused "generated an hour ahead of the kiosk's clock" "is in the future" "$B"
sample_bundle "$B"; seal "$B" "$(date -u -d '+100 seconds' +%Y-%m-%dT%H:%M:%SZ)" good
sync "$B"; check_eq "100 s ahead is within the 300 s allowed" $? 0
GOOD_HASH=$(db_hash "$DB")
sample_bundle "$B"; seal "$B" 2099-01-01T00:00:00Z good
sync "$B" --force --reason "export server clock wrong, ticket 4711"; check_eq "forced with a reason: exit 0" $? 0
check_eq "the force and its reason are audited" \
  "$(sqlite3 "$REC" "SELECT detail FROM audit_log WHERE event = 'sync_forced' ORDER BY id DESC LIMIT 1")" \
  "generated=2099-01-01T00:00:00Z reason=export server clock wrong, ticket 4711"
"$ALLWEDD" status --db "$DB" > "$TEST_TMP/status"; check_eq "status: a bundle dated in the future is a fault (exit 1)" $? 1
check_contains "status says so" "$TEST_TMP/status" "bundle_stale: fault (the bundle is dated"
LAST=$(date -u -d '+150 seconds' +%Y-%m-%dT%H:%M:%SZ)
sample_bundle "$B"; seal "$B" "$LAST" good
sync "$B"; check_eq "the forced 2099 bundle does not lock out the next real one" $? 0
"$ALLWEDD" status --db "$DB" > "$TEST_TMP/status"; check_eq "status: fine again" $? 0
GOOD_HASH=$(db_hash "$DB")
later() { date -u -d "$LAST + $1 seconds" +%Y-%m-%dT%H:%M:%SZ; }

echo "-- mass deletion is refused unless forced, saying how many"
sample_bundle "$B"; head -1 "$P" > "$P.new" && mv "$P.new" "$P"
awk -F, 'NR == 1' "$B/key_worker_history.csv" > "$B/h" && mv "$B/h" "$B/key_worker_history.csv"
seal "$B" "$(later 1)" good
refused "a snapshot with no patients" "the bundle would remove 74 of the 74 patients the kiosk holds (100 %), more than the 50 % allowed" "$B"
sample_bundle "$B"; head -n 36 "$P" > "$P.new" && mv "$P.new" "$P"   # 35 patients of 74 stay
awk -F, 'NR == FNR { keep[$1] = 1; next } FNR == 1 || ($1 in keep)' <(tail -n +2 "$P" | cut -d, -f1 | tr -d ' ') \
  "$B/key_worker_history.csv" > "$B/h" && mv "$B/h" "$B/key_worker_history.csv"
seal "$B" "$(later 2)" good
refused "39 of 74 patients removed (52 %)" "would remove 39 of the 74 patients the kiosk holds (52 %)" "$B"
sample_bundle "$B"; head -1 "$S" > "$S.new" && mv "$S.new" "$S"; seal "$B" "$(later 3)" good
refused "a snapshot with no services" "the bundle would remove 38 of the 38 services the kiosk holds (100 %)" "$B"
printf '[sync]\nmax_removal_percent = 100\n' > "$TEST_TMP/all.ini"
sync "$B" --config "$TEST_TMP/all.ini"; check_eq "max_removal_percent = 100 (the check off) is refused" $? 2
sync "$B" --force --reason "the services list is being replaced"; check_eq "forced, with a reason" $? 0
check_eq "no services now" "$(q 'SELECT count(*) FROM services')" 0
sample_bundle "$B"; seal "$B" "$(later 4)" good
sync "$B"; check_eq "adding the services back is fine" $? 0
GOOD_HASH=$(db_hash "$DB")

echo "-- manifest lines longer than libinih reads are refused as such"
long=$(printf 'Canolfan Ganser %0180d' 0)
sample_bundle "$B"
"$ALLWEDD" bundle-manifest --generated "$(later 5)" --site "$long" "$B" "$TEST_TMP/good.key" 2>"$TEST_TMP/bm"
check_eq "bundle-manifest refuses a 196-character site: exit 2" $? 2
check_contains "and says why" "$TEST_TMP/bm" "site is too long: its manifest line would be 203 bytes, at most 199"
seal "$B" "$(later 5)" good
sed -i "s/^site = .*/site = $long/" "$B/manifest.ini"; resign "$B"
refused "a 203-byte site line" "manifest.ini:6: line too long (203 bytes; at most 199)" "$B"
check_eq "not a syntax error" "$(grep -c 'syntax error' "$TEST_TMP/err")" 0
site192=$(printf 'Canolfan Ganser %0176d' 0)
sed -i "s/^site = .*/site = $site192/" "$B/manifest.ini"; resign "$B"
sync "$B"; check_eq "a 199-byte site line imports" $? 0
check_eq "the whole site is kept" "$(q "SELECT length(site) FROM sync_runs ORDER BY id DESC LIMIT 1")" 192

echo "-- the manifest as the contract writes it: inline comments, upper-case hex, offsets, fractions"
sample_bundle "$B"; seal "$B" "$(later 6)" good
sed -i 's/^generated = .*/generated = '"$(date -u -d "$LAST + 7 seconds" +%Y-%m-%dT%H:%M:%S)"'.250+00:00   ; UTC, ISO 8601/; s/^\(rows = [0-9]*\)$/\1                             ; data rows, header excluded/' "$B/manifest.ini"
sed -i 's/^\(sha256 = \)\(.*\)$/\1\U\2/' "$B/manifest.ini"; resign "$B"
sync "$B"; check_eq "inline comments, upper-case hex, fractional seconds: exit 0" $? 0
check_eq "generated is stored in UTC without the fraction" \
  "$(q "SELECT generated FROM sync_runs ORDER BY id DESC LIMIT 1")" "$(later 7)"

echo "-- bundle-manifest counts rows with the importer's reader (bare CR line ends)"
sample_bundle "$B"; tr '\n' '\r' < "$P" > "$P.cr" && mv "$P.cr" "$P"
printf '\r\r' >> "$P"   # blank lines at the end
bash "$MAKE_MANIFEST" --generated "$(later 8)" "$B" "$TEST_TMP/good.key" 2>"$TEST_TMP/bm"
check_eq "make-bundle-manifest.sh (a wrapper): exit 0" $? 0
check_contains "74 rows counted in a bare-CR file" "$TEST_TMP/bm" "patients.csv: 74 rows"
sync "$B"; check_eq "its own signed bundle imports" $? 0
check_eq "74 patients" "$(q 'SELECT count(*) FROM patients')" 74
"$ALLWEDD" bundle-manifest --help > "$TEST_TMP/help"; check_eq "bundle-manifest --help: exit 0" $? 0
check_contains "--help describes it" "$TEST_TMP/help" "counted by the importer's own CSV reader"
printf 'a,b\n"never closed\n' > "$B/extra.csv"
"$ALLWEDD" bundle-manifest "$B" 2>"$TEST_TMP/bm"; check_eq "an unreadable CSV: exit 1" $? 1
check_contains "names the file and line" "$TEST_TMP/bm" "extra.csv:2: quoted field opened on this line is never closed"

check_eq "integrity" "$(q 'PRAGMA integrity_check')" ok
check_eq "foreign keys hold after every kind of sync above" "$(q 'PRAGMA foreign_key_check' | wc -l)" 0
finish
