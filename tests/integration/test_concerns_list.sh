# "My list for today / Fy rhestr heddiw" (issue 15) as the kiosk prints it,
# through `allwedd concerns-list` with the signed sample imported into a
# real store: the PDF has selectable text in both languages (pdftotext) with
# the ticked items, the score, the key worker and the services that match
# each ticked group (money: financial advice; worry: emotional support) and
# none of a group not ticked; the patient's name only when asked; the QR
# codes decode (zbarimg) to the services' web addresses, from the PNG and
# from the rendered PDF; bad input is refused with exit status 2.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

DB="$TEST_TMP/store.db"
CFG="$TEST_TMP/allwedd.ini"
cat >"$CFG" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
EOF
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sync exit 0" $? 0

list() { "$ALLWEDD" concerns-list --config "$CFG" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; }
qr() { zbarimg --raw -q -Sbinary "$1" 2>/dev/null; }

list --out "$TEST_TMP/list.pdf" --lang cy --tick practical.money --tick emotional.worry \
  --tick physical.pain --score 7 --key-worker KW-BR-01
check_eq "PDF written (exit 0)" $? 0
check_contains "says what it wrote" "$TEST_TMP/out" "written: $TEST_TMP/list.pdf"
pdftotext -enc UTF-8 "$TEST_TMP/list.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TEST_TMP/text"
check_contains "title, Welsh first" "$TEST_TMP/text" "Fy rhestr heddiw / My list for today"
check_contains "key worker heads it" "$TEST_TMP/text" "Gwenno Rees"
check_contains "key worker's phone" "$TEST_TMP/text" "029 2018 0123"
check_contains "ticked item, both languages" "$TEST_TMP/text" "Arian neu filiau / Money or bills"
check_contains "ticked item 2" "$TEST_TMP/text" "Poeni / Worry"
check_contains "ticked item 3" "$TEST_TMP/text" "Poen / Pain"
check_contains "the score" "$TEST_TMP/text" "Eich dewis: 7 allan o 10. / You chose 7 out of 10."
check_contains "space for notes" "$TEST_TMP/text" "Nodiadau / Notes"
check_contains "money: financial advice" "$TEST_TMP/text" "Cyngor ar Bopeth Cymru / Citizens Advice Cymru"
check_contains "its phone" "$TEST_TMP/text" "0800 702 2020"
check_contains "worry: emotional support" "$TEST_TMP/text" "Samariaid / Samaritans"
check_contains "money: welfare rights, which names money" "$TEST_TMP/text" "Cynghorwyr hawliau lles / Welfare rights advisers"
check_contains "worry in Welsh: the Welsh Language Line first" "$TEST_TMP/text" \
  "Eich teimladau / Your feelings Llinell Gymraeg y Samariaid / Samaritans Welsh Language Line"
check_contains "pain: no service names it, so ask" "$TEST_TMP/text" \
  "Eich corff / Your body Gofynnwch"
if grep -qF "Chemotherapy day unit" "$TEST_TMP/text" || grep -qF "Free prescriptions" "$TEST_TMP/text"; then
  check_eq "no service by category alone for pain, none without phone or web" "present" "absent"
else
  check_eq "no service by category alone for pain, none without phone or web" "absent" "absent"
fi
if grep -qF "Carers Wales" "$TEST_TMP/text" || grep -qF "Acas" "$TEST_TMP/text"; then
  check_eq "no services of groups not ticked" "present" "absent"
else
  check_eq "no services of groups not ticked" "absent" "absent"
fi
if grep -qF "Jones-Pugh" "$TEST_TMP/text" || grep -qiF "Enw / Name" "$TEST_TMP/text"; then
  check_eq "no patient name unless asked" "printed" "absent"
else
  check_eq "no patient name unless asked" "absent" "absent"
fi
if grep -qF "999" "$TEST_TMP/text"; then
  check_eq "no urgent services on the list" "present" "absent"
else
  check_eq "no urgent services on the list" "absent" "absent"
fi
pdffonts "$TEST_TMP/list.pdf" | tail -n +3 | awk '$(NF-4) != "yes" {bad=1} END {exit bad}'
check_eq "every font embedded" $? 0
pdftoppm -r 150 -png "$TEST_TMP/list.pdf" "$TEST_TMP/pdfpage"
cat "$TEST_TMP"/pdfpage-*.png >/dev/null 2>&1
found=""
for page in "$TEST_TMP"/pdfpage-*.png; do found="$found$(qr "$page")"; done
check_contains_text() { printf '%s' "$2" >"$TEST_TMP/qrs"; check_contains "$1" "$TEST_TMP/qrs" "$3"; }
check_contains_text "QR in the PDF decodes to a service's address" "$found" "https://www.citizensadvice.org.uk/wales/"

list --out "$TEST_TMP/list.png" --lang en --tick practical.money --tick information.next \
  --name "Siân Jones-Pugh" --key-worker KW-BR-01
check_eq "PNG written (exit 0)" $? 0
check_eq "A4 at 300 dpi" "$(identify -format '%wx%h' "$TEST_TMP/list.png" 2>/dev/null)" "2480x3507"
found=""
for page in "$TEST_TMP"/list*.png; do found="$found$(qr "$page")"; done
check_contains_text "QR in the PNG: financial advice" "$found" "https://www.citizensadvice.org.uk/wales/"
check_contains_text "QR in the PNG: information" "$found" "https://www.macmillan.org.uk"
list --out "$TEST_TMP/named.pdf" --lang en --tick practical.money --name "Siân Jones-Pugh"
pdftotext -enc UTF-8 "$TEST_TMP/named.pdf" - | tr '\n' ' ' >"$TEST_TMP/named"
check_contains "the name when asked, English first" "$TEST_TMP/named" "Name / Enw: Siân Jones-Pugh"
check_contains "English first" "$TEST_TMP/named" "My list for today / Fy rhestr heddiw"
check_contains "no key worker when none given" "$TEST_TMP/named" "You did not choose a number."
if grep -qF "Your key worker" "$TEST_TMP/named"; then
  check_eq "no key worker line for a carer" "present" "absent"
else
  check_eq "no key worker line for a carer" "absent" "absent"
fi

list --out "$TEST_TMP/x.pdf" --tick physical.nothing
check_eq "unknown item: exit 2" $? 2
check_contains "names the item" "$TEST_TMP/err" "physical.nothing"
list --out "$TEST_TMP/x.pdf" --score 11
check_eq "score out of range: exit 2" $? 2
list --out "$TEST_TMP/x.pdf" --profile cr80
check_eq "a card profile: exit 2" $? 2
list --out "$TEST_TMP/x.pdf" --key-worker KW-NOBODY
check_eq "unknown key worker: exit 1" $? 1
[ ! -e "$TEST_TMP/x.pdf" ]
check_eq "nothing written when refused" $? 0
# A service named with one word of 160 characters (the most the sync keeps):
# the kiosk prints it broken to fit, and so does the command (one rule,
# concerns_list_printable), instead of refusing data the sync accepted.
make_keys long
LONG_B="$TEST_TMP/long-bundle"; LONG_DB="$TEST_TMP/long.db"
sample_bundle "$LONG_B"
WORD=$(head -c 160 /dev/zero | tr '\0' 'M')
printf 'S-AAA-LONGWORD,financial,%s,%s,Help with money.,Help gydag arian.,029 2018 0681,,,,\n' \
  "$WORD" "$WORD" >>"$LONG_B/services.csv"
seal "$LONG_B" 2026-11-21T01:00:00Z long
"$ALLWEDD" sync "$LONG_B" --db "$LONG_DB" --pubkey "$TEST_TMP/long.pub" --quiet
check_eq "sync of the long name exit 0" $? 0
sed "s|$DB|$LONG_DB|" "$CFG" >"$TEST_TMP/long.ini"
"$ALLWEDD" concerns-list --config "$TEST_TMP/long.ini" --lang en --tick practical.money \
  --out "$TEST_TMP/long.pdf" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "a 160-character word: written (exit 0)" $? 0
pdftotext -enc UTF-8 "$TEST_TMP/long.pdf" - | tr -d '\n ' >"$TEST_TMP/long.txt"
check_contains "the long name is printed, broken to fit" "$TEST_TMP/long.txt" "$(head -c 40 /dev/zero | tr '\0' 'M')"
"$ALLWEDD" concerns-list --help >/dev/null
check_eq "--help exit 0" $? 0
"$ALLWEDD" concerns-list --items >"$TEST_TMP/items"
check_contains "--items lists the keys" "$TEST_TMP/items" "practical.money"
finish
