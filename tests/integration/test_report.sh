# allwedd report on a store whose whole history this test makes: two signed
# syncs a month apart, key worker changes at known dates, cards printed and
# failed, kiosk audit events. The CSV must hold exactly the figures worked
# out by hand below, the PDF's text (pdftotext) the same figures in Welsh
# and English, with its fonts embedded; the PDF renders (pdftoppm); no NHS
# number or name reaches any output; bad options are refused.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"

# lacks FILE TEXT: FILE does not contain TEXT (fixed string).
lacks() { ! grep -qF -- "$2" "$1"; }

DB="$TEST_TMP/store.db"
REC="$TEST_TMP/store-records.db"   # the kiosk's own records (audit, cards)
B="$TEST_TMP/bundle"
make_keys central

# Seven patients (NHS numbers from the fictional sample), three key workers.
P1=9992232684; P2=9991617930; P3=9993467049; P4=9991218580; P5=9991323988; P6=9994377787; P7=9996698041
write_bundle() { # GENERATED P3_KEY_WORKER WITH_P7
  rm -rf "$B"; mkdir -p "$B"
  cat >"$B/key_workers.csv" <<EOF
key_worker_id,given_name,family_name,role_en,role_cy,phone
KW-A,Gwenno,Rees,Clinical Nurse Specialist,Nyrs Glinigol Arbenigol,029 2018 0123
KW-B,Sarah,Lewis,Clinical Nurse Specialist,Nyrs Glinigol Arbenigol,029 2018 0124
KW-C,Huw,Morgan,Clinical Nurse Specialist,Nyrs Glinigol Arbenigol,029 2018 0125
EOF
  cat >"$B/patients.csv" <<EOF
nhs_number,given_name,family_name,date_of_birth,key_worker_id,pathway
$P1,Siân,Jones-Pugh,1956-04-18,KW-A,breast
$P2,Llŷr,Evans,1949-11-02,KW-A,breast
$P3,Gwenllïan,Pryce,1938-06-27,$2,breast
$P4,Dafydd,ap Rhys,1961-09-30,KW-B,lung
$P5,Patrick,O'Brien,1944-01-15,KW-C,lung
$P6,Ŵyn,Roberts,1987-03-08,KW-C,
EOF
  [ "$3" = yes ] && echo "$P7,Thi Lan,Nguyễn,1972-12-05,,lung" >>"$B/patients.csv"
  # In the period 2026-09-07..2026-11-29: P1 first (diagnosis), P2 change
  # (treatment_start), P3 first (diagnosis, second bundle only), P4 change
  # (recurrence), P5 change (staff_change), P6 change (incurable). Before it:
  # the first key workers of P2, P4, P5, P6.
  cat >"$B/key_worker_history.csv" <<EOF
nhs_number,key_worker_id,from_date,to_date,reason
$P1,KW-A,2026-09-10,,diagnosis
$P2,KW-B,2026-08-01,2026-09-14,diagnosis
$P2,KW-A,2026-09-15,,treatment_start
$P4,KW-C,2026-06-01,2026-09-30,diagnosis
$P4,KW-B,2026-10-01,,recurrence
$P5,KW-A,2026-05-01,2026-10-04,diagnosis
$P5,KW-C,2026-10-05,,staff_change
$P6,KW-A,2026-07-01,2026-11-09,diagnosis
$P6,KW-C,2026-11-10,,incurable
EOF
  [ -n "$2" ] && echo "$P3,$2,2026-10-20,,diagnosis" >>"$B/key_worker_history.csv"
  printf 'service_id,category,name_en,name_cy,summary_en,summary_cy\nS-1,urgent,Call 999,Ffoniwch 999,In an emergency.,Mewn argyfwng.\n' >"$B/services.csv"
  seal "$B" "$1" central
}

echo "-- two syncs a month apart"
write_bundle 2026-10-01T22:00:00Z "" no
ALLWEDD_NOW=2026-10-02T06:00:00Z "$ALLWEDD" sync "$B" --db "$DB" --pubkey "$TEST_TMP/central.pub" --quiet
check_eq "first bundle imports" $? 0
write_bundle 2026-11-01T22:00:00Z KW-B yes
ALLWEDD_NOW=2026-11-02T06:00:00Z "$ALLWEDD" sync "$B" --db "$DB" --pubkey "$TEST_TMP/central.pub" --quiet
check_eq "second bundle imports" $? 0
check_eq "a coverage summary per sync and pathway" \
  "$(sqlite3 "$DB" "SELECT group_concat(run || ':' || pathway || ':' || with_key_worker || '/' || patients, ' ') FROM (SELECT * FROM sync_coverage ORDER BY run, pathway)")" \
  "1::1/1 1:breast:2/3 1:lung:2/2 2::1/1 2:breast:3/3 2:lung:2/3"

echo "-- cards and kiosk events"
sqlite3 "$REC" <<'EOF'
INSERT INTO cards_printed(started_at, finished_at, nhs_number, key_worker_id, reason, printer, by, outcome) VALUES
 ('2026-08-03T10:00:00Z', '2026-08-03T10:00:20Z', '9992232684', 'KW-A', 'new', 'card', 'kiosk', 'completed'),
 ('2026-11-16T10:00:00Z', '2026-11-16T10:00:20Z', '9992232684', 'KW-A', 'new', 'card', 'kiosk', 'completed'),
 ('2026-11-17T11:00:00Z', '2026-11-17T11:00:20Z', '9991617930', 'KW-A', 'new', 'card', 'kiosk', 'completed'),
 ('2026-11-18T12:00:00Z', '2026-11-18T12:00:20Z', '9991218580', 'KW-B', 'lost', 'card', 'staff', 'completed'),
 ('2026-11-24T09:00:00Z', '2026-11-24T09:00:20Z', '9991323988', 'KW-C', 'key_worker_changed', 'card', 'kiosk', 'completed'),
 ('2026-11-25T09:00:00Z', '2026-11-25T09:00:20Z', '9994377787', 'KW-C', 'damaged', 'card', 'staff', 'completed'),
 ('2026-11-25T09:05:00Z', '2026-11-25T09:06:00Z', '9993467049', 'KW-B', 'new', 'card', 'kiosk', 'media-empty'),
 ('2026-11-26T09:05:00Z', '2026-11-26T09:06:00Z', '9993467049', 'KW-B', 'new', 'card', 'kiosk', 'offline'),
 ('2026-11-26T09:07:00Z', '2026-11-26T09:07:01Z', '9993467049', 'KW-B', 'new', 'file:/tmp/c.png', 'staff', 'written');
INSERT INTO audit_log(at, actor, event, detail) VALUES
 ('2026-10-03T09:00:00Z', 'kiosk', 'no_key_worker', 'nhs=9993467049'),
 ('2026-10-10T09:00:00Z', 'kiosk', 'no_key_worker', 'nhs=9993467049'),
 ('2026-11-20T09:00:00Z', 'kiosk', 'no_key_worker', 'nhs=9996698041'),
 ('2026-09-01T09:00:00Z', 'kiosk', 'identify_paused', 'attempts=5 pause_s=120'),
 ('2026-10-15T09:00:00Z', 'kiosk', 'identify_paused', 'attempts=5 pause_s=120'),
 ('2026-11-21T09:00:00Z', 'kiosk', 'identify_paused', 'attempts=5 pause_s=120'),
 ('2026-08-01T09:00:00Z', 'kiosk', 'identify_failed', ''),
 ('2026-10-01T09:00:00Z', 'kiosk', 'identify_failed', ''),
 ('2026-11-05T09:00:00Z', 'kiosk', 'identify_failed', ''),
 ('2026-11-06T09:00:00Z', 'kiosk', 'identify_failed', '');
-- Anonymous monthly counts; August is outside the period's months (Sep-Nov).
INSERT INTO anonymous_counts(month, name, count) VALUES
 ('2026-08', 'survey.knew_key_worker.yes', 10), ('2026-09', 'survey.knew_key_worker.yes', 2),
 ('2026-11', 'survey.knew_key_worker.yes', 1), ('2026-11', 'survey.knew_key_worker.no', 1),
 ('2026-10', 'survey.knew_key_worker.not_sure', 1), ('2026-11', 'survey.easy_to_use.yes', 4),
 ('2026-11', 'survey.easy_to_use.no', 1), ('2026-11', 'kiosk.language.cy', 6), ('2026-10', 'kiosk.language.en', 4),
 ('2026-11', 'kiosk.support_viewed.financial', 3), ('2026-09', 'kiosk.support_viewed.palliative', 1);
EOF
check_eq "test history written" $? 0

export ALLWEDD_NOW=2026-11-29T12:00:00Z
echo "-- CSV"
"$ALLWEDD" report --db "$DB" --out "$TEST_TMP/r.csv" >"$TEST_TMP/out"; check_eq "report --out .csv: exit 0" $? 0
check_contains "says what it wrote and the period" "$TEST_TMP/out" "written: $TEST_TMP/r.csv (2026-09-07 to 2026-11-29)"
"$ALLWEDD" report --db "$DB" >"$TEST_TMP/stdout.csv"; check_eq "report to standard output: exit 0" $? 0
check_eq "standard output is the same CSV" "$(cat "$TEST_TMP/stdout.csv")" "$(cat "$TEST_TMP/r.csv")"
SNAP="2026-11-01,2026-11-01,patients (snapshot generated 2026-11-01T22:00:00Z)"
P="2026-09-07,2026-11-29"
M="2026-09-01,2026-11-30"   # the anonymous counts' months
while IFS= read -r line; do
  check_contains "csv: $line" "$TEST_TMP/r.csv" "$line"
done <<EOF
figure,group,value,total,from,to,source
key_worker_coverage,all,6,7,$SNAP
key_worker_coverage,pathway=,1,1,$SNAP
key_worker_coverage,pathway=breast,3,3,$SNAP
key_worker_coverage,pathway=lung,2,3,$SNAP
key_worker_coverage_trend,sync=2026-10-02T06:00:00Z,5,6,2026-10-02,2026-10-02,sync_coverage
key_worker_coverage_trend,sync=2026-11-02T06:00:00Z,6,7,2026-11-02,2026-11-02,sync_coverage
data_age_hours,all,662.0,,2026-11-01,2026-11-29T12:00:00Z,patients (snapshot generated 2026-11-01T22:00:00Z)
cards_issued,week=2026-11-16;reason=new;channel=kiosk,2,,2026-11-16,2026-11-22,cards_printed (outcome completed)
cards_issued,week=2026-11-16;reason=lost;channel=staff,1,,2026-11-16,2026-11-22,cards_printed (outcome completed)
cards_issued,week=2026-11-23;reason=damaged;channel=staff,1,,2026-11-23,2026-11-29,cards_printed (outcome completed)
cards_issued,week=2026-11-23;reason=key_worker_changed;channel=kiosk,1,,2026-11-23,2026-11-29,cards_printed (outcome completed)
cards_issued,reason=new,2,,$P,cards_printed (outcome completed)
cards_issued,reason=lost,1,,$P,cards_printed (outcome completed)
cards_issued,channel=kiosk,3,,$P,cards_printed (outcome completed)
cards_issued,channel=staff,2,,$P,cards_printed (outcome completed)
cards_issued,all,5,,$P,cards_printed (outcome completed)
printer_faults,outcome=media-empty,1,,$P,cards_printed
printer_faults,outcome=offline,1,,$P,cards_printed
printer_faults,all,2,,$P,cards_printed
key_worker_first_allocations,reason=diagnosis,2,,$P,key_worker_history
key_worker_changes,reason=treatment_start,1,,$P,key_worker_history
key_worker_changes,reason=recurrence,1,,$P,key_worker_history
key_worker_changes,reason=incurable,1,,$P,key_worker_history
key_worker_changes,reason=staff_change,1,,$P,key_worker_history
key_worker_changes,key_points,3,,$P,key_worker_history
key_worker_changes,all,4,,$P,key_worker_history
no_key_worker_at_kiosk,patients,2,,$P,audit_log (no_key_worker)
no_key_worker_at_kiosk,screens,3,,$P,audit_log (no_key_worker)
identification_lockouts,all,2,,$P,audit_log (identify_paused)
survey_anchor,2013_patients_with_key_worker,66,100,2013-01-01,2013-12-31,Wales Cancer Patient Experience Survey 2013
identification_failures,all,3,,$P,audit_log (identify_failed)
language_chosen,language=cy,6,10,$M,anonymous_counts (per calendar month)
language_chosen,language=en,4,10,$M,anonymous_counts (per calendar month)
support_viewed,category=financial,3,,$M,anonymous_counts (per calendar month)
support_viewed,category=palliative,1,,$M,anonymous_counts (per calendar month)
support_viewed,category=urgent,0,,$M,anonymous_counts (per calendar month)
answer_knew_key_worker,answer=yes,3,5,$M,anonymous_counts (per calendar month)
answer_knew_key_worker,answer=no,1,5,$M,anonymous_counts (per calendar month)
answer_knew_key_worker,answer=not_sure,1,5,$M,anonymous_counts (per calendar month)
answer_easy_to_use,answer=yes,4,5,$M,anonymous_counts (per calendar month)
answer_easy_to_use,answer=no,1,5,$M,anonymous_counts (per calendar month)
EOF
check_eq "one week row per non-zero group, no more" "$(grep -c '^cards_issued,week=' "$TEST_TMP/r.csv")" 4
check_eq "every other reason shows no change" \
  "$(grep -E '^key_worker_changes,reason=(diagnosis|primary_treatment_complete|patient_request|other),0,' "$TEST_TMP/r.csv" | wc -l)" 4
"$ALLWEDD" report --db "$DB" --from 2026-11-23 --to 2026-11-29 >"$TEST_TMP/week.csv"
check_contains "a shorter period counts only its cards" "$TEST_TMP/week.csv" "cards_issued,all,2,,2026-11-23,2026-11-29"
check_contains "a period with no sync has no trend rows" "$TEST_TMP/week.csv" "key_worker_coverage,all,6,7"
check_eq "no trend rows outside the period" "$(grep -c '^key_worker_coverage_trend' "$TEST_TMP/week.csv")" 0

echo "-- PDF in both languages, and in each"
"$ALLWEDD" report --db "$DB" --out "$TEST_TMP/r.pdf" >/dev/null 2>"$TEST_TMP/err"; check_eq "report --out .pdf: exit 0" $? 0
check_eq "no text overflows or warnings" "$(cat "$TEST_TMP/err")" ""
check_eq "two A4 pages" "$(pdfinfo "$TEST_TMP/r.pdf" | awk '/^Pages:/{print $2} /^Page size:/{print $3 "x" $5}' | tr '\n' ' ')" "2 595.276x841.89 "
pdffonts "$TEST_TMP/r.pdf" >"$TEST_TMP/fonts"
check_contains "the configured font is in the PDF" "$TEST_TMP/fonts" "LiberationSans"
check_eq "every font embedded" "$(awk 'NR > 2 && $(NF-4) != "yes"' "$TEST_TMP/fonts")" ""
pdftotext -raw "$TEST_TMP/r.pdf" "$TEST_TMP/r.txt"; check_eq "pdftotext reads the text" $? 0
for text in "Gweithwyr allweddol: adroddiad gweithredu" "Key workers: implementation report" \
            "86 %" "6 o 7 claf" "6 of 7 patients" "Cyfnod 7 Medi 2026 i 29 Tachwedd 2026" \
            "Period 7 September 2026 to 29 November 2026" "breast" "100 % (3/3)" "67 % (2/3)" \
            "5 cerdyn yn y cyfnod: 3 yn y ciosg, 2 gan staff" "5 cards in the period: 3 at the kiosk, 2 by staff" \
            "Newid gweithiwr allweddol" "Adeg diagnosis / At diagnosis" "1 + 0" "0 + 2" "662" \
            "66 % (2013)" "86 % (2016)" "Ffynhonnell:" "Source:" "1 / 2" "2 / 2" \
            "Oeddech chi eisoes yn gwybod pwy yw eich gweithiwr allweddol? / Did you already know who your key worker is?" \
            "Oeddwn / Yes: 3 (60 %)" "Ddim yn siŵr / Not sure: 1 (20 %)" "Oedd / Yes: 4 (80 %)" \
            "Cymraeg / Welsh: 6 (60 %)" "Saesneg / English: 4 (40 %)" "Arian a budd-daliadau"; do
  check_contains "pdf text: $text" "$TEST_TMP/r.txt" "$text"
done
ok "Welsh comes before English" awk '/Gweithwyr allweddol: adroddiad/{cy=NR} /Key workers: implementation report/{en=NR} END{exit !(cy && en && cy < en)}' "$TEST_TMP/r.txt"
pdftoppm -r 40 -png "$TEST_TMP/r.pdf" "$TEST_TMP/page"; check_eq "pdftoppm renders the PDF" $? 0
check_eq "two page images" "$(ls "$TEST_TMP"/page-*.png | wc -l)" 2
"$ALLWEDD" report --db "$DB" --lang en --out "$TEST_TMP/en.pdf" >/dev/null
pdftotext -raw "$TEST_TMP/en.pdf" "$TEST_TMP/en.txt"
check_contains "--lang en: English" "$TEST_TMP/en.txt" "6 of 7 patients"
ok "--lang en: no Welsh" lacks "$TEST_TMP/en.txt" "claf"
"$ALLWEDD" report --db "$DB" --lang cy --out "$TEST_TMP/cy.pdf" >/dev/null
pdftotext -raw "$TEST_TMP/cy.pdf" "$TEST_TMP/cy.txt"
check_contains "--lang cy: Welsh" "$TEST_TMP/cy.txt" "6 o 7 claf"
ok "--lang cy: no English" lacks "$TEST_TMP/cy.txt" "patients"
"$ALLWEDD" report --db "$DB" --out "$TEST_TMP/r.png" --dpi 100 >/dev/null; check_eq "report --out .png: exit 0" $? 0
check_eq "PNG: both pages, one below the other, at 100 dpi" "$(file -b "$TEST_TMP/r.png" | cut -d, -f2)" " 827 x 2354"

echo "-- nothing identifies a patient"
for f in r.csv r.txt en.txt cy.txt; do
  for v in $P1 $P2 $P3 $P4 $P5 $P6 $P7 "Jones-Pugh" "Siân" "Nguyễn" "O'Brien" "1956-04-18"; do
    ok "$f holds no $v" lacks "$TEST_TMP/$f" "$v"
  done
done

echo "-- refusals"
"$ALLWEDD" report --db "$DB" --from 2026-11-30 --to 2026-11-29 >/dev/null 2>"$TEST_TMP/err"; check_eq "--from after --to: exit 2" $? 2
check_contains "says why" "$TEST_TMP/err" "--from must not be after --to"
"$ALLWEDD" report --db "$DB" --from 2025-01-01 --to 2026-11-29 >/dev/null 2>"$TEST_TMP/err"; check_eq "more than a year: exit 2" $? 2
"$ALLWEDD" report --db "$DB" --to 2026-02-30 >/dev/null 2>&1; check_eq "no such date: exit 2" $? 2
"$ALLWEDD" report --db "$DB" --out "$TEST_TMP/r.docx" >/dev/null 2>&1; check_eq "unknown format: exit 2" $? 2
"$ALLWEDD" report --db "$DB" --lang fr >/dev/null 2>&1; check_eq "unknown language: exit 2" $? 2
"$ALLWEDD" report --db "$TEST_TMP/none.db" >/dev/null 2>&1; check_eq "no store: exit 2" $? 2
"$ALLWEDD" report --db "$DB" --out "$TEST_TMP/no/such/dir/r.pdf" >/dev/null 2>&1; check_eq "unwritable path: exit 1" $? 1
ok "nothing left behind by a failed write" [ -z "$(ls "$TEST_TMP" | grep '\.tmp-')" ]
finish
