# allwedd keygen and allwedd returns: the kiosk's key is a real minisign key
# (the stock minisign signs with it and verifies with its public key);
# a return verifies with `minisign -Vm manifest.ini -p kiosk.pub`, its
# manifest's rows and SHA-256 match its files, and tampering is caught;
# returns in a row cover consecutive periods and carry every record exactly
# once, also when the process is killed (SIGKILL) after claiming a return,
# after writing its temporary folder, or after renaming it into place.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

DB="$TEST_TMP/kiosk/store.db"
REC="$TEST_TMP/kiosk/store-records.db"
OUT="$TEST_TMP/outbox"
KEY="$TEST_TMP/kiosk/kiosk.key"
PUB="$TEST_TMP/kiosk/kiosk.pub"
mkdir -p "$TEST_TMP/kiosk" "$OUT"
printf '[kiosk]\nid = glan-hafren-1\n' >"$TEST_TMP/allwedd.ini"
export ALLWEDD_CONFIG="$TEST_TMP/allwedd.ini"

"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "the sample export imports" $? 0

# add_records N: card N completed, card N+1000 failed, a patient with no key
# worker and a language stated, all tagged with N, and two survey answers.
add_records() {
  local n=$1
  sqlite3 "$REC" <<EOF
INSERT INTO cards_printed(started_at, finished_at, nhs_number, key_worker_id, reason, printer, by, outcome)
  VALUES ('2026-11-20T10:00:00Z', '2026-11-20T10:00:$(printf %02d $((n % 60)))Z', '9992232684', 'KW-$n', 'new', 'card', 'kiosk', 'completed'),
         ('2026-11-20T11:00:00Z', NULL, '9992232684', 'KW-F$n', 'new', 'card', 'staff', 'media-empty');
INSERT INTO audit_log(at, actor, event, detail) VALUES
  ('2026-11-20T10:0$((n % 10)):00Z', 'kiosk', 'no_key_worker', 'nhs=9993467049'),
  ('2026-11-20T10:0$((n % 10)):30Z', 'kiosk', 'language_stated', 'nhs=9991617930 lang=cy'),
  ('2026-11-20T10:0$((n % 10)):40Z', 'kiosk', 'identified', 'nhs=9991617930');
INSERT INTO anonymous_counts(month, name, count) VALUES ('2026-11', 'survey.knew_key_worker.yes', 1)
  ON CONFLICT(month, name) DO UPDATE SET count = count + 1;
INSERT INTO anonymous_counts(month, name, count) VALUES ('2026-11', 'survey.easy_to_use.no', 1)
  ON CONFLICT(month, name) DO UPDATE SET count = count + 1;
EOF
}

# verify DIR: the signature verifies with PUBKEY (default kiosk.pub) and every
# file's row count and SHA-256 match the manifest.
verify() {
  local dir=$1 pub=${2:-$PUB} f rows sha
  minisign -Vm "$dir/manifest.ini" -p "$pub" >/dev/null 2>&1 || return 1
  for f in cards.csv languages.csv no_key_worker.csv answers.csv; do
    rows=$(awk -v s="[$f]" '$0 == s {on=1; next} /^\[/ {on=0} on && $1 == "rows" {print $3}' "$dir/manifest.ini")
    sha=$(awk -v s="[$f]" '$0 == s {on=1; next} /^\[/ {on=0} on && $1 == "sha256" {print $3}' "$dir/manifest.ini")
    [ "$rows" = "$(($(wc -l <"$dir/$f") - 1))" ] || return 1
    [ "$sha" = "$(sha256sum "$dir/$f" | cut -d' ' -f1)" ] || return 1
  done
}

rejects() { ! verify "$@"; }

manifest_value() { awk -v k="$2" '$1 == k {print $3}' "$1/manifest.ini"; }

echo "-- keygen: a minisign key pair beside the store"
"$ALLWEDD" keygen --db "$DB" >"$TEST_TMP/out"; check_eq "keygen: exit 0" $? 0
check_eq "the secret key is 0600" "$(stat -c %a "$KEY")" 600
check_contains "says where the public key is" "$TEST_TMP/out" "$PUB"
echo "some file" >"$TEST_TMP/f.txt"
minisign -S -s "$KEY" -m "$TEST_TMP/f.txt" -t test </dev/null >/dev/null 2>&1
check_eq "the stock minisign signs with the kiosk's secret key" $? 0
minisign -Vm "$TEST_TMP/f.txt" -p "$PUB" >/dev/null 2>&1
check_eq "and verifies with kiosk.pub" $? 0
"$ALLWEDD" keygen --db "$DB" >/dev/null 2>"$TEST_TMP/err"; check_eq "keygen again without --rotate: exit 1" $? 1
check_contains "says how to rotate" "$TEST_TMP/err" "--rotate"

echo "-- the first return"
add_records 1
"$ALLWEDD" returns --db "$DB" --out "$OUT" >"$TEST_TMP/out"; check_eq "returns: exit 0" $? 0
R1="$OUT/return-glan-hafren-1-000001"
check_contains "says where it is" "$TEST_TMP/out" "$R1"
ok "return 1 verifies with minisign and its manifest" verify "$R1"
check_eq "sequence 1" "$(manifest_value "$R1" sequence)" 1
check_eq "from the start" "$(manifest_value "$R1" period_from)" ""
check_eq "cards: the completed card only" "$(cat "$R1/cards.csv")" \
  "$(printf 'nhs_number,key_worker_id,reason,channel,printed_at\n9992232684,KW-1,new,kiosk,2026-11-20T10:00:01Z')"
check_eq "languages stated" "$(cat "$R1/languages.csv")" \
  "$(printf 'nhs_number,language,stated_at\n9991617930,cy,2026-11-20T10:01:30Z')"
check_eq "patients with no key worker" "$(cat "$R1/no_key_worker.csv")" \
  "$(printf 'nhs_number,seen_at\n9993467049,2026-11-20T10:01:00Z')"
check_eq "answers as counts, nothing else" "$(cat "$R1/answers.csv")" \
  "$(printf 'month,question,answer,count\n2026-11,easy_to_use,no,1\n2026-11,knew_key_worker,yes,1')"
check_eq "private: folder 0700, files 0600" "$(stat -c %a "$R1" "$R1"/* | sort -u | tr '\n' ' ')" "600 700 "
tc=$(sed -n 3p "$R1/manifest.ini.minisig" | sed 's/^trusted comment: //')
minisign -S -s "$KEY" -m "$R1/manifest.ini" -x "$TEST_TMP/m.minisig" -t "$tc" </dev/null >/dev/null 2>&1
check_eq "the signature is byte for byte what minisign -S makes with the same key" \
  "$(tail -n +2 "$TEST_TMP/m.minisig")" "$(tail -n +2 "$R1/manifest.ini.minisig")"
check_eq "the store records it as written" \
  "$(sqlite3 "$REC" "SELECT seq, written_at IS NOT NULL, length(manifest_sha256) FROM returns")" "1|1|64"
check_eq "with the manifest's SHA-256" "$(sqlite3 "$REC" "SELECT manifest_sha256 FROM returns")" \
  "$(sha256sum "$R1/manifest.ini" | cut -d' ' -f1)"

echo "-- tampering is caught"
T="$TEST_TMP/tampered"
cp -r "$R1" "$T"; sed -i 's/KW-1/KW-9/' "$T/cards.csv"
ok "a changed CSV: the signature still verifies (the manifest is unchanged)" minisign -Vm "$T/manifest.ini" -p "$PUB" -q
ok "  but the file no longer matches the manifest's SHA-256" rejects "$T"
rm -rf "$T"; cp -r "$R1" "$T"; sed -i 's/^rows = 1$/rows = 2/' "$T/manifest.ini"
minisign -Vm "$T/manifest.ini" -p "$PUB" >/dev/null 2>&1; check_eq "a changed manifest fails minisign -V" $? 1
rm -rf "$T"; cp -r "$R1" "$T"; sed -i '3s/.*/trusted comment: something else/' "$T/manifest.ini.minisig"
minisign -Vm "$T/manifest.ini" -p "$PUB" >/dev/null 2>&1; check_eq "a changed trusted comment fails" $? 1
minisign -G -W -f -p "$TEST_TMP/other.pub" -s "$TEST_TMP/other.key" >/dev/null 2>&1
minisign -Vm "$R1/manifest.ini" -p "$TEST_TMP/other.pub" >/dev/null 2>&1; check_eq "another key does not verify it" $? 1

echo "-- the next return carries only what came after"
add_records 2
"$ALLWEDD" returns --db "$DB" --out "$OUT" >/dev/null; check_eq "second return: exit 0" $? 0
R2="$OUT/return-glan-hafren-1-000002"
ok "return 2 verifies" verify "$R2"
check_eq "sequence 2" "$(manifest_value "$R2" sequence)" 2
check_eq "its period starts where return 1's ended" "$(manifest_value "$R2" period_from)" "$(manifest_value "$R1" period_to)"
check_eq "only the new card" "$(tail -n +2 "$R2/cards.csv" | cut -d, -f2)" "KW-2"
check_eq "answers: only those given since" "$(tail -n +2 "$R2/answers.csv" | tr '\n' ' ')" \
  "2026-11,easy_to_use,no,1 2026-11,knew_key_worker,yes,1 "

echo "-- killed while writing: nothing lost, nothing twice"
n=2
for point in claimed temp renamed; do
  n=$((n + 1))
  add_records $n
  ALLWEDD_RETURNS_KILL_AT=$point "$ALLWEDD" returns --db "$DB" --out "$OUT" >/dev/null 2>&1
  check_eq "killed at '$point' (SIGKILL)" $? 137
  R="$OUT/return-glan-hafren-1-$(printf %06d $n)"
  if [ $point = renamed ]; then ok "  its folder is in place" [ -d "$R" ]
  else ok "  no half-made return folder" [ ! -e "$R" ]; fi
  check_eq "  the store has it claimed, not written" \
    "$(sqlite3 "$REC" "SELECT written_at IS NULL FROM returns WHERE seq = $n")" 1
  "$ALLWEDD" returns --db "$DB" --out "$OUT" >"$TEST_TMP/out"; check_eq "  the next run: exit 0" $? 0
  check_contains "  finishes return $n first" "$TEST_TMP/out" "return $n (finished from an earlier run)"
  ok "  return $n verifies" verify "$R"
  check_eq "  with card KW-$n" "$(tail -n +2 "$R/cards.csv" | cut -d, -f2)" "KW-$n"
  n=$((n + 1))
  ok "  and return $n (empty) too" verify "$OUT/return-glan-hafren-1-$(printf %06d $n)"
done
check_eq "no temporary folders left" "$(ls -A "$OUT" | grep -c tmp)" 0
check_eq "every return written, numbered without a gap" \
  "$(sqlite3 "$REC" "SELECT count(*), min(seq), max(seq), sum(written_at IS NULL) FROM returns")" "$n|1|$n|0"
check_eq "as many folders as returns" "$(ls "$OUT" | wc -l)" "$n"
cat "$OUT"/*/cards.csv | grep -v '^nhs_number' | sort >"$TEST_TMP/all_cards"
check_eq "every completed card returned exactly once" "$(cut -d, -f2 "$TEST_TMP/all_cards" | tr '\n' ' ')" \
  "KW-1 KW-2 KW-3 KW-5 KW-7 "
check_eq "every no-key-worker event exactly once" "$(cat "$OUT"/*/no_key_worker.csv | grep -vc '^nhs_number')" 5
check_eq "every language statement exactly once" "$(cat "$OUT"/*/languages.csv | grep -vc '^nhs_number')" 5
check_eq "answers add up to what was counted" \
  "$(cat "$OUT"/*/answers.csv | awk -F, '$1 != "month" {s[$2 "." $3] += $4} END {for (k in s) print k "=" s[k]}' | sort | tr '\n' ' ')" \
  "$(sqlite3 "$REC" "SELECT substr(name, 8) || '=' || count FROM anonymous_counts ORDER BY name" | sort | tr '\n' ' ')"
ok "no answer carries a patient's number" bash -c "! grep -q '999' '$OUT'/*/answers.csv"

echo "-- a new key: old returns still verify with the kept public key"
old_id=$(head -1 "$PUB" | awk '{print $NF}')
"$ALLWEDD" keygen --rotate --db "$DB" >"$TEST_TMP/out"; check_eq "keygen --rotate: exit 0" $? 0
ok "the old public key is kept" [ -f "$TEST_TMP/kiosk/kiosk-$old_id.pub" ]
ok "return 1 verifies with it" verify "$R1" "$TEST_TMP/kiosk/kiosk-$old_id.pub"
"$ALLWEDD" returns --db "$DB" --out "$OUT" >/dev/null
last="$OUT/return-glan-hafren-1-$(printf %06d $((n + 1)))"
ok "a new return verifies with the new kiosk.pub" verify "$last"
minisign -Vm "$last/manifest.ini" -p "$TEST_TMP/kiosk/kiosk-$old_id.pub" >/dev/null 2>&1
check_eq "and not with the old one" $? 1

echo "-- refusals"
"$ALLWEDD" returns --db "$DB" >/dev/null 2>&1; check_eq "no --out: exit 2" $? 2
"$ALLWEDD" returns --db "$DB" --out "$TEST_TMP/nowhere" >/dev/null 2>"$TEST_TMP/err"; check_eq "no such folder: exit 1" $? 1
check_contains "says why" "$TEST_TMP/err" "not a folder"
cp "$KEY" "$TEST_TMP/key.saved"
sed -i '2s/^RWQAA/RWQAB/' "$KEY"
before=$(sqlite3 "$REC" "SELECT count(*) FROM returns")
"$ALLWEDD" returns --db "$DB" --out "$OUT" >/dev/null 2>"$TEST_TMP/err"; check_eq "a damaged key: exit 1" $? 1
check_contains "says the key is damaged" "$TEST_TMP/err" "kiosk.key"
check_eq "nothing claimed without a key" "$(sqlite3 "$REC" "SELECT count(*) FROM returns")" "$before"
cp "$TEST_TMP/key.saved" "$KEY"
finish
