# allwedd card --out and allwedd leaflet --out, with the signed sample data
# imported into a real store: each printer profile gives files of its exact
# pixel size; the QR on the card decodes (zbarimg) to exactly the vCard of
# the patient's key worker, accents included; a PDF card and leaflet have
# embedded fonts and selectable text in both languages (poppler tools) and
# the QR decodes from the rendered PDF page; every card written is in the
# print record and the audit log; bad input is refused with the right exit
# status and changes nothing.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/printenv.sh"
pe_init

DB="$TEST_TMP/store.db"
REC="${DB%.db}-records.db"   # the kiosk's own records (audit, cards)
CFG="$TEST_TMP/allwedd.ini"
cat >"$CFG" <<EOF
[store]
db_path = $DB
[paths]
data_dir = $ALLWEDD_SOURCE_DIR
[site]
name = Canolfan Ganser Glan Hafren
EOF

# size FILE: "WxH" of an image.
size() { identify -format '%wx%h' "$1" 2>/dev/null; }
# qr FILE: the exact bytes of the QR code in FILE.
qr() { zbarimg --raw -q -Sbinary "$1" 2>/dev/null; }
card() { "$ALLWEDD" card --config "$CFG" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; }
records() { sqlite3 "$REC" 'SELECT count(*) FROM cards_printed'; }

echo "-- the sample bundle imports"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sync exit 0" $? 0

# Siân Jones-Pugh prefers Welsh; her key worker is Gwenno Rees (KW-BR-01).
# The team is left out ([privacy] show_team is off by default), so the whole
# vCard, hours (NOTE) included, fits beside the card's 6 pt text.
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rees;Gwenno;;;\r\nFN:Gwenno Rees\r\nTITLE:Nyrs Glinigol Arbenigol\r\nORG:Canolfan Ganser Glan Hafren\r\nTEL;TYPE=WORK,VOICE:+442920180123\r\nEMAIL;TYPE=INTERNET:gwenno.rees@glanhafren.example\r\nNOTE:Llun–Gwener 9yb–4yp\r\nEND:VCARD\r\n' >"$TEST_TMP/want-cy.vcf"
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rees;Gwenno;;;\r\nFN:Gwenno Rees\r\nTITLE:Nyrs Glinigol Arbenigol\r\nORG:Canolfan Ganser Glan Hafren\r\nTEL;TYPE=WORK,VOICE:+442920180123\r\nEMAIL;TYPE=INTERNET:gwenno.rees@glanhafren.example\r\nNOTE:Llun–Gwener 9yb–4yp\r\nEND:VCARD\r\n' >"$TEST_TMP/want-cy-full.vcf"
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rees;Gwenno;;;\r\nFN:Gwenno Rees\r\nTITLE:Clinical Nurse Specialist\r\nORG:Canolfan Ganser Glan Hafren\r\nTEL;TYPE=WORK,VOICE:+442920180123\r\nEMAIL;TYPE=INTERNET:gwenno.rees@glanhafren.example\r\nNOTE:Mon–Fri 9am–4pm\r\nEND:VCARD\r\n' >"$TEST_TMP/want-en.vcf"

echo "-- cr80: one bilingual face, PNG"
card --nhs "999 223 2684" --out "$TEST_TMP/card.png"
check_eq "card --out png: exit 0" $? 0
check_contains "says what it wrote" "$TEST_TMP/out" "written: $TEST_TMP/card.png (1 page, image/png)"
check_eq "PNG is 85.6 x 53.98 mm at 300 dpi" "$(size "$TEST_TMP/card.png")" "1011x637"
qr "$TEST_TMP/card.png" >"$TEST_TMP/got.vcf"
ok "QR decodes to exactly the Welsh vCard ($(wc -c <"$TEST_TMP/want-cy.vcf") bytes)" \
  cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy.vcf"
check_eq "print record: file, written, staff, new" \
  "$(sqlite3 "$REC" "SELECT nhs_number, key_worker_id, reason, printer, by, outcome FROM cards_printed ORDER BY id DESC LIMIT 1")" \
  "9992232684|KW-BR-01|new|file:$TEST_TMP/card.png|staff|written"
check_eq "audit log has the card" \
  "$(sqlite3 "$REC" "SELECT actor, event FROM audit_log WHERE event='card_print' ORDER BY id DESC LIMIT 1")" "staff|card_print"

echo "-- --lang en: the QR contact in English"
card --nhs 9992232684 --lang en --reason lost --out "$TEST_TMP/card-en.png"
check_eq "exit 0" $? 0
qr "$TEST_TMP/card-en.png" >"$TEST_TMP/got-en.vcf"
ok "QR decodes to exactly the English vCard" cmp -s "$TEST_TMP/got-en.vcf" "$TEST_TMP/want-en.vcf"
check_eq "reason recorded" "$(sqlite3 "$REC" "SELECT reason FROM cards_printed ORDER BY id DESC LIMIT 1")" lost

echo "-- [privacy] show_team: the team on the card and in its QR only when the site asks"
cp "$CFG" "$TEST_TMP/team.ini"
printf '[privacy]\nshow_team = true\n' >>"$TEST_TMP/team.ini"
"$ALLWEDD" card --config "$TEST_TMP/team.ini" --nhs 9992232684 --out "$TEST_TMP/card-team.png" >/dev/null 2>&1
check_eq "exit 0" $? 0
check_eq "the QR's ORG names the team" "$(qr "$TEST_TMP/card-team.png" | grep ^ORG | tr -d '\r')" \
  "ORG:Canolfan Ganser Glan Hafren;Tîm gofal y fron"

echo "-- cr80 as PWG raster"
card --nhs 9992232684 --out "$TEST_TMP/card.pwg"
check_eq "card --out pwg: exit 0" $? 0
check_eq "PWG raster sync word" "$(head -c 4 "$TEST_TMP/card.pwg")" "RaS2"
info=$(pe_pwg_to_ppm "$TEST_TMP/card.pwg" "$TEST_TMP/card.ppm")
check_eq "PWG page is the portrait ID-1 media at 300 dpi, sRGB" "$info" "637x1011 300 dpi, 3 colours"
qr "$TEST_TMP/card.ppm" >"$TEST_TMP/got.vcf"
ok "QR in the PWG raster decodes to exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy.vcf"

echo "-- cr80 as PDF: the same card as vectors, fonts embedded, text selectable"
card --nhs 9992232684 --out "$TEST_TMP/card.pdf"
check_eq "card --out pdf: exit 0" $? 0
check_contains "says what it wrote" "$TEST_TMP/out" "written: $TEST_TMP/card.pdf (1 page, application/pdf)"
check_eq "PDF is private to its owner (0600)" "$(stat -c %a "$TEST_TMP/card.pdf")" 600
check_contains "page is 85.6 x 53.98 mm" <(pdfinfo "$TEST_TMP/card.pdf") "242.646 x 153.014 pts"
pdffonts "$TEST_TMP/card.pdf" | tail -n +3 >"$TEST_TMP/fonts"
echo "      fonts: $(awk '{print $1}' "$TEST_TMP/fonts" | tr '\n' ' ')"
ok "there are fonts, and every one is embedded with a Unicode map" \
  awk 'NF { n++; if ($(NF-4) != "yes" || $(NF-2) != "yes") bad++ } END { exit !(n > 0 && !bad) }' "$TEST_TMP/fonts"
pdftotext -enc UTF-8 "$TEST_TMP/card.pdf" - | tr '\n' ' ' >"$TEST_TMP/text"
check_contains "text: the key worker's name" "$TEST_TMP/text" "Gwenno Rees"
check_contains "text: the phone in national groups" "$TEST_TMP/text" "029 2018 0123"
check_contains "text: the title in both languages" "$TEST_TMP/text" "Cerdyn Gweithiwr Allweddol / Key Worker Card"
ok "text: no team name ([privacy] show_team is off)" bash -c "! grep -q 'Tîm gofal y fron' '$TEST_TMP/text'"
check_contains "text: the emergency band in Welsh" "$TEST_TMP/text" "Nid rhif brys yw hwn."
check_contains "text: and in English" "$TEST_TMP/text" "Not an emergency number. In an emergency call 999."
pdftoppm -r 300 -png -singlefile "$TEST_TMP/card.pdf" "$TEST_TMP/card-pdf"
qr "$TEST_TMP/card-pdf.png" >"$TEST_TMP/got.vcf"
ok "QR on the rendered PDF page decodes to exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy.vcf"
check_eq "print record: the PDF file, written" \
  "$(sqlite3 "$REC" "SELECT printer, outcome FROM cards_printed ORDER BY id DESC LIMIT 1")" "file:$TEST_TMP/card.pdf|written"
card --nhs 9992232684 --profile cr80-duplex --out "$TEST_TMP/duplex.pdf"
check_eq "two-sided card as one PDF: exit 0" $? 0
check_contains "two pages" <(pdfinfo "$TEST_TMP/duplex.pdf") "Pages:           2"
mkfifo "$TEST_TMP/fifo.pdf"
card --nhs 9992232684 --out "$TEST_TMP/fifo.pdf"
check_eq "a pipe in the way: exit 1" $? 1
check_contains "says it is not a regular file" "$TEST_TMP/err" "fifo.pdf: not a regular file"
ok "the pipe is left alone" test -p "$TEST_TMP/fifo.pdf"

echo "-- cr80 as JPEG (for printers that take nothing else)"
card --nhs 9992232684 --out "$TEST_TMP/card.jpg"
check_eq "card --out jpg: exit 0" $? 0
check_contains "says what it wrote" "$TEST_TMP/out" "(1 page, image/jpeg)"
check_eq "JPEG is 85.6 x 53.98 mm at 300 dpi" "$(identify -format '%wx%h %x' "$TEST_TMP/card.jpg")" "1011x637 300"
qr "$TEST_TMP/card.jpg" >"$TEST_TMP/got.vcf"
ok "QR in the JPEG decodes to exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy.vcf"
card --nhs 9992232684 --profile cr80-duplex --out "$TEST_TMP/duplex.jpg"
check_eq "two faces cannot be one JPEG: exit 1" $? 1

echo "-- cr80-duplex: Welsh face and English face"
card --nhs 9992232684 --profile cr80-duplex --out "$TEST_TMP/duplex.png"
check_eq "exit 0" $? 0
check_contains "two pages" "$TEST_TMP/out" "(2 pages, image/png)"
check_eq "front 1011x637" "$(size "$TEST_TMP/duplex.png")" "1011x637"
check_eq "back 1011x637" "$(size "$TEST_TMP/duplex-2.png")" "1011x637"
qr "$TEST_TMP/duplex-2.png" >"$TEST_TMP/got.vcf"
ok "QR on the back decodes to the whole vCard (room for the hours)" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy-full.vcf"
card --nhs 9992232684 --profile cr80-duplex --out "$TEST_TMP/duplex.pwg"
check_eq "two-sided PWG raster has 2 pages" "$(grep -a -o PwgRaster "$TEST_TMP/duplex.pwg" | wc -l)" 2

echo "-- a4 and a5: the card to cut out"
card --nhs 9992232684 --profile a4 --out "$TEST_TMP/a4.png"
check_eq "A4 at 300 dpi" "$(size "$TEST_TMP/a4.png")" "2480x3507"
qr "$TEST_TMP/a4.png" >"$TEST_TMP/got.vcf"
ok "QR on the A4 sheet decodes to the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want-cy.vcf"
card --nhs 9992232684 --profile a5 --out "$TEST_TMP/a5.png"
check_eq "A5 at 300 dpi" "$(size "$TEST_TMP/a5.png")" "1748x2480"

echo "-- the longest key worker in the sample (KW-BN-01) still makes a card"
nhs=$(sqlite3 "$DB" "SELECT nhs_number FROM patients WHERE key_worker_id='KW-BN-01' LIMIT 1")
card --nhs "$nhs" --out "$TEST_TMP/long.png"
check_eq "exit 0 (nothing overflowed)" $? 0
qr "$TEST_TMP/long.png" >"$TEST_TMP/got.vcf"
ok "QR holds the key worker's name, phone and e-mail" grep -q "EMAIL;TYPE=INTERNET:angharad.vaughan-llywelyn@glanhafren.example" "$TEST_TMP/got.vcf"

echo "-- refusals"
before=$(records)
card --nhs 9992232685 --out "$TEST_TMP/x.png"
check_eq "bad check digit: exit 2" $? 2
card --nhs 9990000018 --out "$TEST_TMP/x.png"
rc=$?
check_eq "unknown patient: exit 1" "$rc" 1
check_contains "says no patient" "$TEST_TMP/err" "no patient with NHS number"
nokw=$(sqlite3 "$DB" "SELECT nhs_number FROM patients WHERE coalesce(key_worker_id, '') = '' LIMIT 1")
card --nhs "$nokw" --out "$TEST_TMP/x.png"
check_eq "no key worker: exit 1" $? 1
check_contains "says there is no key worker" "$TEST_TMP/err" "no key worker allocated"
card --nhs 9992232684 --reason whim --out "$TEST_TMP/x.png"
check_eq "bad reason: exit 2" $? 2
card --nhs 9992232684 --out "$TEST_TMP/x.gif"
check_eq "unknown file type: exit 2" $? 2
card --nhs 9992232684 --profile ../etc/passwd --out "$TEST_TMP/x.png"
check_eq "bad profile name: exit 2" $? 2
card --nhs 9992232684 --profile nosuch --out "$TEST_TMP/x.png"
check_eq "missing profile: exit 2" $? 2
check_contains "names the missing file" "$TEST_TMP/err" "printers/nosuch.ini"
for bad in abc 5s "" -1 0 99999999999999999999; do
  card --nhs 9992232684 --timeout "$bad" --out "$TEST_TMP/x.png"
  check_eq "--timeout '$bad': a usage error (exit 2)" $? 2
done
check_contains "--timeout: says what is allowed" "$TEST_TMP/err" "--timeout must be a whole number from 1 to 3600"
check_eq "no file made by refusals" "$(ls "$TEST_TMP"/x.* 2>/dev/null | wc -l)" 0
check_eq "no print records from refusals" "$(records)" "$before"
"$ALLWEDD" card --help >"$TEST_TMP/out"
check_eq "card --help: exit 0" $? 0
check_contains "help lists --reason" "$TEST_TMP/out" "--reason new|lost|damaged|key_worker_changed"

echo "-- leaflet"
"$ALLWEDD" leaflet --config "$CFG" --out "$TEST_TMP/leaflet.png" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "leaflet --out: exit 0" $? 0
pages=$(ls "$TEST_TMP"/leaflet*.png | wc -l)
echo "      $pages A4 pages"
ok "at least one page per language" test "$pages" -ge 2
check_eq "A4 page size" "$(size "$TEST_TMP/leaflet.png")" "2480x3507"
"$ALLWEDD" leaflet --config "$CFG" --profile a5 --lang cy --out "$TEST_TMP/leaflet-a5.pwg" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "A5 Welsh leaflet as PWG: exit 0" $? 0
info=$(pe_pwg_to_ppm "$TEST_TMP/leaflet-a5.pwg" "$TEST_TMP/leaflet.ppm")
check_eq "A5 page at 300 dpi" "$info" "1748x2480 300 dpi, 3 colours"
"$ALLWEDD" leaflet --config "$CFG" --out "$TEST_TMP/leaflet.pdf" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "leaflet as PDF: exit 0" $? 0
check_contains "one PDF, as many pages as the PNGs" <(pdfinfo "$TEST_TMP/leaflet.pdf") "Pages:           $pages"
check_contains "A4 pages" <(pdfinfo "$TEST_TMP/leaflet.pdf") "595.276 x 841.89 pts (A4)"
pdftotext -enc UTF-8 "$TEST_TMP/leaflet.pdf" - | tr '\n' ' ' >"$TEST_TMP/text"
check_contains "leaflet text in Welsh, ŵ included" "$TEST_TMP/text" "gwneud yn siŵr"
check_contains "leaflet text in English" "$TEST_TMP/text" "key worker"
"$ALLWEDD" leaflet --config "$CFG" --profile cr80 --out "$TEST_TMP/x.png" 2>"$TEST_TMP/err"
check_eq "leaflet on a card printer: refused" $? 2
"$ALLWEDD" leaflet --help >"$TEST_TMP/out"
check_eq "leaflet --help: exit 0" $? 0

finish
