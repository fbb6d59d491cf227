# Real printing: allwedd card and allwedd leaflet print on an ippeveprinter
# (a real IPP printer on loopback that keeps what it receives), through a
# private cupsd with an IPP Everywhere queue and straight to the printer's
# ipp:// URI with no cupsd. The QR code is decoded from the document the
# printer received. Faults end with the right outcome, message and print
# record within the timeout: a stopped queue, a queue not accepting jobs,
# an unknown queue, an unreachable printer (direct and behind cupsd), and
# devices that report a card jam or no cards left. A PDF-only printer gets a
# PDF (text and QR checked in what it received); a printer that takes none
# of the profile's formats is refused with the formats it does take.
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
[printer]
timeout_s = 20
EOF
NHS=9992232684
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rees;Gwenno;;;\r\nFN:Gwenno Rees\r\nTITLE:Nyrs Glinigol Arbenigol\r\nORG:Canolfan Ganser Glan Hafren\r\nTEL;TYPE=WORK,VOICE:+442920180123\r\nEMAIL;TYPE=INTERNET:gwenno.rees@glanhafren.example\r\nNOTE:Llun–Gwener 9yb–4yp\r\nEND:VCARD\r\n' >"$TEST_TMP/want.vcf"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# card ARGS...: run allwedd card, keeping stdout, stderr, exit status and milliseconds.
card() {
  local t0; t0=$(now_ms)
  "$ALLWEDD" card --config "$CFG" --nhs "$NHS" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  rc=$?
  ms=$(( $(now_ms) - t0 ))
  echo "      ($ms ms) $(head -1 "$TEST_TMP/out")$(head -1 "$TEST_TMP/err")"
}
last_record() { sqlite3 "$REC" "SELECT printer, outcome, job_id IS NOT NULL AND job_id > 0, reason, by FROM cards_printed ORDER BY id DESC LIMIT 1"; }
# received_qr: decode the QR of the newest document the printer kept.
received_qr() {
  local doc
  doc=$(pe_wait_document "$PE_PRINTER_DIR" 10) || { echo "no document received"; return 1; }
  echo "      printer received $(basename "$doc") ($(wc -c <"$doc") bytes)" >&2
  case "$doc" in
    *.pwg) pe_pwg_to_ppm "$doc" "$TEST_TMP/received.ppm" >/dev/null &&
           zbarimg --raw -q -Sbinary "$TEST_TMP/received.ppm" 2>/dev/null ;;
    *) zbarimg --raw -q -Sbinary "$doc" 2>/dev/null ;;
  esac
}
clear_printer() { rm -f "$PE_PRINTER_DIR"/*; }

echo "-- setting up: store, ippeveprinter, private cupsd, queue"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample bundle imported" $? 0
pe_start_printer allwedd-card -s 10,10 || { echo "FAIL ippeveprinter"; exit 1; }
pe_start_cupsd || { echo "FAIL cupsd"; exit 1; }
pe_add_queue q "$PE_PRINTER_URI" || { echo "FAIL lpadmin"; exit 1; }

echo "-- a card through cupsd"
card --printer q
check_eq "exit 0" "$rc" 0
check_contains "says it printed" "$TEST_TMP/out" "printed: job"
received_qr >"$TEST_TMP/got.vcf"
ok "QR in what the printer received is exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want.vcf"
check_eq "print record: queue, completed, job id, new, staff" "$(last_record)" "q|completed|1|new|staff"
ok "through cupsd in under 5 s ($ms ms)" test "$ms" -lt 5000

echo "-- a card straight to the printer's URI (no cupsd)"
clear_printer
CUPS_SERVER=127.0.0.1:1 card --printer "$PE_PRINTER_URI" --reason lost --by kiosk
check_eq "exit 0" "$rc" 0
received_qr >"$TEST_TMP/got.vcf"
ok "QR in what the printer received is exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want.vcf"
check_eq "print record: URI, completed, lost, kiosk" "$(last_record)" "$PE_PRINTER_URI|completed|1|lost|kiosk"
check_eq "audit by kiosk" "$(sqlite3 "$REC" "SELECT actor FROM audit_log WHERE event='card_print' ORDER BY id DESC LIMIT 1")" kiosk
# Speed is measured in bench/card.sh; here only that it did not hang.
ok "start to job completed in under 5 s ($ms ms)" test "$ms" -lt 5000

echo "-- a two-sided card: one PWG raster job with both faces"
clear_printer
card --printer "$PE_PRINTER_URI" --profile cr80-duplex
check_eq "exit 0" "$rc" 0
check_contains "sent as PWG raster" "$TEST_TMP/out" "(image/pwg-raster)"
doc=$(pe_wait_document "$PE_PRINTER_DIR" 10)
check_eq "the printer got 2 pages" "$(grep -a -o PwgRaster "$doc" | wc -l)" 2

echo "-- the leaflet through cupsd"
clear_printer
"$ALLWEDD" leaflet --config "$CFG" --printer q >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "leaflet: exit 0" $? 0
leaflet_doc=$(pe_wait_document "$PE_PRINTER_DIR" 10)
ok "the printer received the leaflet ($(basename "${leaflet_doc:-none}"))" test -n "$leaflet_doc"

echo "-- allwedd printer: the state, printing nothing"
clear_printer
"$ALLWEDD" printer --config "$CFG" --printer q >"$TEST_TMP/out" 2>&1
check_eq "ready queue: exit 0" $? 0
check_contains "ready queue: says ready" "$TEST_TMP/out" "completed: q is ready"
"$ALLWEDD" printer --config "$CFG" --printer "$PE_PRINTER_URI" >"$TEST_TMP/out" 2>&1
check_eq "ready printer URI: exit 0" $? 0
sleep 0.5
ok "nothing was printed by the checks" test -z "$(ls "$PE_PRINTER_DIR")"

echo "-- fault: a stopped queue, and why (cupsdisable -r)"
pe_wait_queue_idle q || echo "      (queue q still has jobs)"
cupsdisable -r "hopper open" q
"$ALLWEDD" printer --config "$CFG" --printer q >"$TEST_TMP/out" 2>&1
check_eq "allwedd printer on a stopped queue: exit 1" $? 1
check_contains "allwedd printer says stopped" "$TEST_TMP/out" "stopped:"
check_contains "allwedd printer gives the queue's reason" "$TEST_TMP/out" 'printer stopped or paused: "hopper open"'
card --printer q --timeout 10
check_eq "exit 1" "$rc" 1
check_contains "staff told the queue is stopped, and why" "$TEST_TMP/err" 'printer stopped or paused: "hopper open"'
check_contains "and what to do" "$TEST_TMP/err" "cupsenable the queue once the printer is fixed"
check_contains "patient told kindly, in Welsh" "$TEST_TMP/err" "Gofynnwch yn y dderbynfa"
check_contains "and in English" "$TEST_TMP/err" "Please ask at reception."
check_eq "print record says stopped" "$(last_record)" "q|stopped|0|new|staff"
ok "ended within the timeout ($ms ms)" test "$ms" -lt 10000
"$ALLWEDD" printer --config "$CFG" --printer q --state >"$TEST_TMP/out" 2>&1
check_eq "printer --state on the stopped queue: exit 1" $? 1
check_contains "state: stopped" "$TEST_TMP/out" "state: stopped"
check_contains "with the reason" "$TEST_TMP/out" "reasons: paused"
check_contains "and the message" "$TEST_TMP/out" "message: hopper open"

echo "-- recovery: without [printer] auto_resume the stopped queue stays stopped"
"$ALLWEDD" printer --config "$CFG" --printer q --recover >"$TEST_TMP/out" 2>&1
check_eq "printer --recover: exit 1" $? 1
check_contains "says auto_resume is off" "$TEST_TMP/out" "auto_resume is off"
check_contains "the state function says stopped" "$TEST_TMP/out" "state: stopped"
check_contains "with its message" "$TEST_TMP/out" "message: hopper open"
check_eq "cupsd agrees: still disabled" "$(lpstat -p q | grep -c disabled)" 1
check_eq "nothing audited" "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='printer_resumed'")" 0

echo "-- recovery: with [printer] auto_resume = true the queue is resumed once the printer is ready"
cp "$CFG" "$TEST_TMP/auto.ini"
printf 'auto_resume = true\n' >>"$TEST_TMP/auto.ini"   # the [printer] section is last
"$ALLWEDD" printer --config "$TEST_TMP/auto.ini" --printer q --recover >"$TEST_TMP/out" 2>&1
check_eq "printer --recover: exit 0" $? 0
check_contains "says it resumed the queue, and why it was stopped" "$TEST_TMP/out" 'resumed: q resumed: it had been stopped ("hopper open")'
check_contains "the state now: idle" "$TEST_TMP/out" "state: idle"
check_eq "cupsd agrees: enabled" "$(lpstat -p q | grep -c enabled)" 1
check_eq "audited as printer_resumed by the kiosk" \
  "$(sqlite3 "$REC" "SELECT actor, event FROM audit_log WHERE event='printer_resumed'")" "kiosk|printer_resumed"
clear_printer
card --printer q --timeout 10
check_eq "the next card prints: exit 0" "$rc" 0
check_eq "print record: completed" "$(last_record)" "q|completed|1|new|staff"
"$ALLWEDD" printer --config "$TEST_TMP/auto.ini" --printer q --recover >"$TEST_TMP/out" 2>&1
check_eq "a queue that is not stopped: nothing to do, exit 0" $? 0
check_contains "says so" "$TEST_TMP/out" "not-stopped: q is"
cupsdisable q
"$ALLWEDD" printer --config "$CFG" --printer q --resume --timeout 5 >"$TEST_TMP/out" 2>&1
check_eq "staff --resume (no auto_resume needed): exit 0" $? 0
check_eq "audited as printer_resumed by staff" \
  "$(sqlite3 "$REC" "SELECT actor FROM audit_log WHERE event='printer_resumed' ORDER BY id DESC LIMIT 1")" staff

echo "-- recovery by the kiosk itself: its printer watch resumes a stopped queue and audits it"
cp "$TEST_TMP/auto.ini" "$TEST_TMP/kiosk-auto.ini"
printf 'name = q\n' >>"$TEST_TMP/kiosk-auto.ini"
cupsdisable -r "jam cleared" q
before=$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='printer_resumed' AND actor='kiosk'")
SDL_VIDEODRIVER=dummy "$ALLWEDD" kiosk --config "$TEST_TMP/kiosk-auto.ini" --windowed --size 800x480 \
  --run-ms 60000 >/dev/null 2>"$TEST_TMP/kiosk-watch.err" &
watch_pid=$!
for _ in $(seq 150); do
  [ "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='printer_resumed' AND actor='kiosk'")" -gt "$before" ] && break
  sleep 0.1
done
kill "$watch_pid" 2>/dev/null; wait "$watch_pid" 2>/dev/null
check_eq "the kiosk resumed the queue: audited printer_resumed by the kiosk" \
  "$(sqlite3 "$REC" "SELECT count(*) FROM audit_log WHERE event='printer_resumed' AND actor='kiosk'")" $((before + 1))
check_eq "cupsd agrees: enabled again" "$(lpstat -p q | grep -c enabled)" 1

echo "-- fault: a queue not accepting jobs (cupsreject)"
cupsreject q
card --printer q --timeout 10
check_eq "exit 1" "$rc" 1
check_contains "staff told" "$TEST_TMP/err" "not accepting jobs"
check_eq "print record says refused" "$(last_record)" "q|refused|0|new|staff"
cupsaccept q

echo "-- fault: no such queue"
"$ALLWEDD" printer --config "$CFG" --printer nosuch >"$TEST_TMP/out" 2>&1
check_eq "allwedd printer on an unknown queue: exit 1" $? 1
check_contains "allwedd printer says not found" "$TEST_TMP/out" "not-found:"
card --printer nosuch --timeout 10
check_eq "exit 1" "$rc" 1
check_eq "print record says not-found" "$(last_record)" "nosuch|not-found|0|new|staff"

echo "-- fault: an unreachable printer, straight to its URI"
dead_port=$(pe_free_port)
card --printer "ipp://localhost:$dead_port/ipp/print" --timeout 5
check_eq "exit 1" "$rc" 1
check_contains "staff told it is unreachable" "$TEST_TMP/err" "unreachable"
check_eq "print record says unreachable" "$(last_record)" "ipp://localhost:$dead_port/ipp/print|unreachable|0|new|staff"
ok "ended within the timeout ($ms ms)" test "$ms" -lt 5000

echo "-- fault: a printer that takes the connection and never answers (--timeout 5)"
hung_port=$(pe_free_port)
python3 -c "
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $hung_port)); s.listen(8)
held = []
while True:
    c, _ = s.accept(); held.append(c)   # read nothing, answer nothing
" &
PE_PIDS+=($!)
pe_wait_port "$hung_port" 5 || echo "FAIL the silent listener did not start"
card --printer "ipp://127.0.0.1:$hung_port/ipp/print" --timeout 5
check_eq "exit 1" "$rc" 1
# The bound is loose on purpose (a loaded CI machine adds seconds to start-up);
# it still catches the 11 s this took when the timeout was not honoured.
ok "the command took well under twice the timeout ($ms ms of 5 s)" test "$ms" -le 8000
check_contains "staff told it did not answer in time, and the real reason" "$TEST_TMP/err" \
  "did not answer Get-Printer-Attributes within 5 s (Connection timed out)"
ok "never 'Success' as a reason" sh -c "! grep -q Success '$TEST_TMP/err'"
check_eq "print record says timeout" "$(last_record)" "ipp://127.0.0.1:$hung_port/ipp/print|timeout|0|new|staff"
t0=$(now_ms)
"$ALLWEDD" printer --config "$CFG" --printer "ipp://127.0.0.1:$hung_port/ipp/print" --timeout 2 >"$TEST_TMP/out" 2>&1
check_eq "allwedd printer --timeout 2 on it: exit 1" $? 1
ok "allwedd printer gives up well within twice its timeout ($(( $(now_ms) - t0 )) ms of 2 s)" \
  test $(( $(now_ms) - t0 )) -le 4000
check_contains "allwedd printer says timeout" "$TEST_TMP/out" "timeout:"

echo "-- fault: an unreachable printer behind cupsd"
lpadmin -p gone -E -v "ipp://127.0.0.1:$dead_port/ipp/print" -P "$(ls "$PE_DIR"/cups/etc/ppd/q.ppd)" 2>/dev/null
card --printer gone --timeout 4
check_eq "exit 1" "$rc" 1
check_contains "staff told it did not finish and why" "$TEST_TMP/err" "not finished after 4 s"
check_eq "print record says timeout, with the job id" "$(last_record)" "gone|timeout|1|new|staff"
ok "ended within the timeout plus a poll ($ms ms)" test "$ms" -lt 6000
check_eq "the job was cancelled, not left to print later" "$(lpstat -o gone 2>/dev/null | wc -l)" 0
cupsdisable -r "printer switched off" gone
"$ALLWEDD" printer --config "$CFG" --printer gone --resume --timeout 3 >"$TEST_TMP/out" 2>&1
check_eq "--resume with the printer behind the queue not answering: exit 1" $? 1
check_contains "not-ready, and why" "$TEST_TMP/out" "not-ready: the printer behind gone does not answer"
check_eq "the queue stays stopped" "$(lpstat -p gone | grep -c disabled)" 1

echo "-- a print job looked up by id (unfinished print records after a crash)"
sqlite3 "$REC" "SELECT printer, job_id FROM cards_printed WHERE outcome='completed' AND printer='q' ORDER BY id DESC LIMIT 1" >"$TEST_TMP/job"
done_job=$(cut -d'|' -f2 "$TEST_TMP/job")
"$ALLWEDD" printer --config "$CFG" --printer q --job "$done_job" >"$TEST_TMP/out" 2>&1
check_eq "a printed card's job: exit 0" $? 0
check_contains "completed" "$TEST_TMP/out" "job $done_job on q: completed"
"$ALLWEDD" printer --config "$CFG" --printer q --job 9999 >"$TEST_TMP/out" 2>&1
check_eq "an unknown job: exit 0 (an answer)" $? 0
check_contains "not-found" "$TEST_TMP/out" "job 9999 on q: not-found"
cupsdisable q
pending_job=$(lp -d q "$ALLWEDD_SOURCE_DIR/printers/cr80.ini" | sed -n 's/^request id is q-\([0-9]*\).*/\1/p')
"$ALLWEDD" printer --config "$CFG" --printer q --job "$pending_job" >"$TEST_TMP/out" 2>&1
check_contains "a job waiting on a stopped queue: pending" "$TEST_TMP/out" "job $pending_job on q: pending"
cancel "q-$pending_job"
"$ALLWEDD" printer --config "$CFG" --printer q --job "$pending_job" >"$TEST_TMP/out" 2>&1
check_contains "after cancel: canceled" "$TEST_TMP/out" "job $pending_job on q: canceled"
cupsenable q
"$ALLWEDD" printer --config "$CFG" --printer "ipp://127.0.0.1:$dead_port/ipp/print" --job 1 --timeout 2 >"$TEST_TMP/out" 2>&1
check_eq "a printer that cannot be asked: exit 1" $? 1
check_contains "unknown, with the reason" "$TEST_TMP/out" "unknown (printer ipp://127.0.0.1:$dead_port/ipp/print unreachable: cannot connect"

echo "-- fault: the card printer reports a jam"
pe_add_fault_queue jam media-jam
card --printer jam --timeout 10
check_eq "exit 1" "$rc" 1
check_contains "staff told: jam" "$TEST_TMP/err" "card or paper jam"
check_contains "patient told the card is stuck" "$TEST_TMP/err" "the card is stuck in the printer"
check_eq "print record says media-jam" "$(last_record)" "jam|media-jam|1|new|staff"
card --printer jam --timeout 10
check_contains "next card refused before sending" "$TEST_TMP/err" "nothing was sent"
check_eq "print record says media-jam, no job" "$(last_record)" "jam|media-jam|0|new|staff"

echo "-- fault: the card printer has run out of cards"
pe_add_fault_queue empty media-empty
card --printer empty --timeout 10
check_eq "exit 1" "$rc" 1
check_contains "patient told it has run out of cards" "$TEST_TMP/err" "run out of cards"
check_contains "in Welsh too" "$TEST_TMP/err" "nid oes cardiau ar ôl"
check_eq "print record says media-empty" "$(last_record)" "empty|media-empty|1|new|staff"

echo "-- a busy printer (ippeveprinter simulating, no -c): two cards 0.3 s apart both print"
PE_PRINTER_SIMULATE=1 pe_start_printer allwedd-busy || { echo "FAIL ippeveprinter (busy)"; exit 1; }
busy_uri="ipp://127.0.0.1:$PE_PRINTER_PORT/ipp/print"
"$ALLWEDD" card --config "$CFG" --nhs "$NHS" --printer "$busy_uri" --timeout 40 \
  >"$TEST_TMP/busy1.out" 2>"$TEST_TMP/busy1.err" &
first=$!
sleep 0.3
card --printer "$busy_uri" --timeout 40
wait "$first"
check_eq "the first card: exit 0" $? 0
check_eq "the second card: exit 0" "$rc" 0
check_contains "the second card printed" "$TEST_TMP/out" "printed: job 2"
ok "the printer answered the second card busy at least once" \
  grep -q "server-error-busy" "$PE_DIR/ippeveprinter-allwedd-busy.log"
check_eq "print record: completed" "$(last_record)" "$busy_uri|completed|1|new|staff"
check_eq "the printer kept both cards" "$(ls "$PE_PRINTER_DIR"/*.pwg | wc -l)" 2

echo "-- a queue with ?waitjob=false: cupsd is done once the card is sent; allwedd follows it on the printer"
lpadmin -p qf -E -v "$busy_uri?waitjob=false" -P "$(ls "$PE_DIR"/cups/etc/ppd/q.ppd)" 2>/dev/null
card --printer qf --timeout 40
check_eq "exit 0" "$rc" 0
secs=$(sed -n 's/.* in \([0-9]*\)\.[0-9]* s$/\1/p' "$TEST_TMP/out")
ok "completed only when the printer had finished the card (${secs:-?} s; the simulating printer takes 5-15 s)" \
  test "${secs:-0}" -ge 5
check_eq "print record: completed" "$(last_record)" "qf|completed|1|new|staff"

echo "-- a PDF-only printer (ippeveprinter -f application/pdf) receives only a PDF"
pe_start_printer allwedd-pdf -f application/pdf || { echo "FAIL ippeveprinter (PDF)"; exit 1; }
card --printer "$PE_PRINTER_URI"
check_eq "exit 0" "$rc" 0
check_contains "sent as PDF, the first of the profile's formats it accepts" "$TEST_TMP/out" "(application/pdf)"
doc=$(pe_wait_document "$PE_PRINTER_DIR" 10)
check_eq "the printer received one PDF and nothing else" \
  "$(cd "$PE_PRINTER_DIR" && find . -type f -size +0 | sed 's/^..//; s/_[0-9a-f]*\.pdf$/_TOKEN.pdf/')" \
  "1-key_worker_card_TOKEN.pdf"
check_eq "it is a PDF" "$(head -c 5 "$doc")" "%PDF-"
pdftotext -enc UTF-8 "$doc" - | tr '\n' ' ' >"$TEST_TMP/text"
check_contains "its text: the key worker's name" "$TEST_TMP/text" "Gwenno Rees"
check_contains "its text: the phone" "$TEST_TMP/text" "029 2018 0123"
pdftoppm -r 300 -png -singlefile "$doc" "$TEST_TMP/received"
zbarimg --raw -q -Sbinary "$TEST_TMP/received.png" >"$TEST_TMP/got.vcf" 2>/dev/null
ok "QR on the received PDF decodes to exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want.vcf"
clear_printer
"$ALLWEDD" leaflet --config "$CFG" --printer "$PE_PRINTER_URI" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "the leaflet: exit 0" $? 0
doc=$(pe_wait_document "$PE_PRINTER_DIR" 10)
"$ALLWEDD" leaflet --config "$CFG" --out "$TEST_TMP/leaflet-file.pdf" >/dev/null
want_pages=$(pdfinfo "$TEST_TMP/leaflet-file.pdf" | awk '/^Pages:/{print $2}')
check_eq "the leaflet arrives as one PDF of every page ($want_pages, as --out writes it)" \
  "$(pdfinfo "$doc" | awk '/^Pages:/{print $2}')" "$want_pages"

echo "-- a JPEG-only printer (ippeveprinter -f image/jpeg) receives the card as a JPEG"
pe_start_printer allwedd-jpeg -f image/jpeg || { echo "FAIL ippeveprinter (JPEG)"; exit 1; }
card --printer "$PE_PRINTER_URI"
check_eq "exit 0" "$rc" 0
check_contains "sent as JPEG" "$TEST_TMP/out" "(image/jpeg)"
received_qr >"$TEST_TMP/got.vcf"
ok "QR in the JPEG the printer received is exactly the vCard" cmp -s "$TEST_TMP/got.vcf" "$TEST_TMP/want.vcf"

echo "-- a document none of whose formats the printer takes: the two-page leaflet on the JPEG-only printer"
clear_printer
"$ALLWEDD" leaflet --config "$CFG" --printer "$PE_PRINTER_URI" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "exit 1" $? 1
check_contains "refusal lists the formats the printer accepts" "$TEST_TMP/err" "the printer accepts: application/octet-stream, image/jpeg"
check_contains "and what the profile offers for two pages" "$TEST_TMP/err" "(image/pwg-raster, application/pdf)"
card --printer "$PE_PRINTER_URI" --profile cr80-duplex
check_eq "a two-sided card: exit 1" "$rc" 1
check_eq "print record says refused" "$(last_record)" "$PE_PRINTER_URI|refused|0|new|staff"
sleep 0.3
ok "nothing was sent" test -z "$(ls "$PE_PRINTER_DIR")"

echo "-- every attempt is in the print record"
check_eq "no record left unfinished" "$(sqlite3 "$REC" "SELECT count(*) FROM cards_printed WHERE finished_at IS NULL")" 0

echo "-- a card command killed mid-print leaves its record submitting, with the printer's job id"
cupsenable gone   # its device never answers: cupsd holds the job
"$ALLWEDD" card --config "$CFG" --nhs "$NHS" --printer gone --timeout 60 >/dev/null 2>&1 &
victim=$!
submitted=""
for _ in $(seq 1 200); do
  submitted=$(sqlite3 "$REC" "SELECT job_id FROM cards_printed WHERE printer='gone' AND outcome='submitting' AND job_id > 0")
  [ -n "$submitted" ] && break
  sleep 0.05
done
kill -9 "$victim"; wait "$victim" 2>/dev/null
ok "the record got the job id when cupsd accepted it (job ${submitted:-none})" test -n "$submitted"
check_eq "cupsd still holds the job" "$(lpstat -o gone | grep -c "gone-$submitted ")" 1
# Records as other crashes leave them (the store is a real SQLite file):
# after the printer finished, before the printer accepted, writing a file,
# and on a printer that does not answer.
done_job=$(sqlite3 "$REC" "SELECT job_id FROM cards_printed WHERE printer='q' AND outcome='completed' ORDER BY id DESC LIMIT 1")
sqlite3 "$REC" "INSERT INTO cards_printed(started_at, nhs_number, key_worker_id, reason, printer, by, job_id, record_key) VALUES
  ('2026-01-01T09:00:00Z', '$NHS', 'KW-BR-01', 'new', 'q', 'kiosk', $done_job, 9001),
  ('2026-01-01T09:01:00Z', '$NHS', 'KW-BR-01', 'new', 'q', 'kiosk', NULL, 9002),
  ('2026-01-01T09:02:00Z', '$NHS', 'KW-BR-01', 'new', 'file:/tmp/card.png', 'staff', NULL, 9003),
  ('2026-01-01T09:03:00Z', '$NHS', 'KW-BR-01', 'new', 'ipp://127.0.0.1:$dead_port/ipp/print', 'kiosk', 7, 9004)"
check_eq "five records unfinished" "$(sqlite3 "$REC" "SELECT count(*) FROM cards_printed WHERE outcome='submitting'")" 5

echo "-- resolving them: ask each printer what became of the job"
"$ALLWEDD" printer --config "$CFG" --resolve-records --timeout 2 >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "a printer did not answer: exit 1" $? 1
check_contains "four resolved, one job cancelled, one left" "$TEST_TMP/out" \
  "resolved: 4 (interrupted 3, jobs cancelled 1); left: 1 (printer not answering)"
check_contains "says which printer did not answer" "$TEST_TMP/err" "127.0.0.1:$dead_port"
outcome_of() { sqlite3 "$REC" "SELECT outcome FROM cards_printed WHERE $1"; }
check_eq "the killed command's card: interrupted" "$(outcome_of "printer='gone' AND job_id=$submitted")" interrupted
check_eq "and its job was cancelled, not left to print for nobody" "$(lpstat -o gone | grep -c "gone-$submitted ")" 0
check_eq "a job the printer had finished: completed" "$(outcome_of "record_key=9001")" completed
check_eq "a job the printer never accepted: interrupted" "$(outcome_of "record_key=9002")" interrupted
check_eq "a file: interrupted" "$(outcome_of "record_key=9003")" interrupted
check_eq "the printer that did not answer: left for later" "$(outcome_of "record_key=9004")" submitting
check_eq "each resolution audited, without the NHS number" \
  "$(sqlite3 "$REC" "SELECT count(*), sum(detail LIKE '%$NHS%') FROM audit_log WHERE event='card_print_resolved'")" "4|0"
check_contains "the audit says what the printer said" <(sqlite3 "$REC" "SELECT detail FROM audit_log WHERE event='card_print_resolved' AND detail LIKE '%record=9001%'") \
  "printer_says=completed"

echo "-- the kiosk resolves them at start, off the event thread"
sqlite3 "$REC" "UPDATE cards_printed SET printer='q', job_id=$done_job WHERE record_key=9004"
"$ALLWEDD" kiosk --config "$CFG" --run-ms 1500 >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "kiosk ran: exit 0" $? 0
check_eq "the record left before is resolved" "$(outcome_of "record_key=9004")" completed
check_eq "audited by the kiosk" \
  "$(sqlite3 "$REC" "SELECT actor FROM audit_log WHERE event='card_print_resolved' AND detail LIKE '%record=9004%'")" kiosk
check_eq "nothing is left submitting" "$(sqlite3 "$REC" "SELECT count(*) FROM cards_printed WHERE outcome='submitting'")" 0
finish
