#!/usr/bin/env bash
# Card benchmark, all figures from one run on this machine:
#  1. in process: bench_card (lay out + render + PNG), median of 100;
#  2. the whole `allwedd card --out card.png` command, median of N runs,
#     against the same card made the way an administrator might script it
#     (qrencode for the vCard QR + ImageMagick convert composing the text),
#     with the ratio (target: allwedd at least 10x faster);
#  3. tap to card in the tray: `allwedd card --printer` from the print
#     request to job completed on an instant local ippeveprinter, straight to
#     its URI and through a private cupsd queue, RUNS jobs each, p50/p95
#     (target: p95 <= 1 s through cupsd).
#
# usage: bench/card.sh [BUILD_DIR] [RUNS]   (defaults: ./build, 20)
# Needs: qrencode, imagemagick, zbar-tools, cups, cups-ipp-utils, avahi-daemon.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
RUNS=${2:-20}
ALLWEDD="$BUILD/allwedd"
export ALLWEDD_SOURCE_DIR="$SRC"
. "$SRC/tests/lib/printenv.sh"
pe_init
T="$PE_DIR/bench"
mkdir -p "$T"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
BOLD=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# time_runs N CMD...: milliseconds of each of N runs, one per line
time_runs() {
  local n=$1 i t0; shift
  for i in $(seq 1 "$n"); do
    t0=$(now_ms); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    echo $(( $(now_ms) - t0 ))
  done
}

DB="$T/store.db"
CFG="$T/allwedd.ini"
printf '[store]\ndb_path = %s\n[paths]\ndata_dir = %s\n[site]\nname = Canolfan Ganser Glan Hafren\n' \
  "$DB" "$SRC" >"$CFG"
"$ALLWEDD" sync "$SRC/assets/sample" --db "$DB" --pubkey "$SRC/assets/demo-key/demo.pub" --quiet ||
  { echo "sync failed"; exit 1; }
NHS=9992232684

echo "== 1. in process (bench_card)"
if [ -x "$BUILD/bench/bench_card" ]; then
  "$BUILD/bench/bench_card" 100 cr80
else
  echo "(bench_card not built: configure with -DALLWEDD_BENCH=ON)"
fi

echo
echo "== 2. the whole command against qrencode + ImageMagick ($RUNS runs each)"
allwedd_card() { "$ALLWEDD" card --config "$CFG" --nhs "$NHS" --out "$T/allwedd.png"; }

# The same card as an administrator's script: the same vCard, QR and texts.
admin_card() {
  printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rees;Gwenno;;;\r\nFN:Gwenno Rees\r\nTITLE:Nyrs Glinigol Arbenigol\r\nORG:Canolfan Ganser Glan Hafren;Tîm gofal y fron\r\nTEL;TYPE=WORK,VOICE:+442920180123\r\nEMAIL;TYPE=INTERNET:gwenno.rees@glanhafren.example\r\nNOTE:Llun–Gwener 9yb–4yp\r\nEND:VCARD\r\n' >"$T/card.vcf"
  qrencode -l M -s 5 -m 4 -8 -r "$T/card.vcf" -o "$T/qr.png" &&
  convert -size 1011x637 xc:white \
    -font "$BOLD" -fill '#005EB8' -pointsize 20 -annotate +35+60 'Cerdyn Gweithiwr Allweddol / Key Worker Card' \
    -stroke '#005EB8' -strokewidth 3 -draw 'line 35,72 976,72' -stroke none \
    -font "$FONT" -fill '#425462' -pointsize 15 -annotate +35+98 'Eich gweithiwr allweddol / Your key worker' \
    -font "$BOLD" -fill '#212B32' -pointsize 27 -annotate +35+135 'Gwenno Rees' \
    -font "$FONT" -pointsize 17 -annotate +35+170 'Nyrs Glinigol Arbenigol / Clinical Nurse Specialist' \
    -fill '#425462' -pointsize 15 -annotate +35+198 'Tîm gofal y fron / Breast care team' \
    -annotate +35+230 'Ffôn / Phone' \
    -font "$BOLD" -fill '#005EB8' -pointsize 36 -annotate +35+275 '029 2018 0123' \
    -font "$FONT" -fill '#212B32' -pointsize 15 -annotate +35+310 'Oriau / Hours: Llun–Gwener 9yb–4yp / Mon–Fri 9am–4pm' \
    -annotate +35+335 'Canolfan Ganser Glan Hafren' \
    -fill '#FDECEA' -stroke '#BE1E14' -strokewidth 4 -draw 'roundrectangle 35,480 600,600 14,14' -stroke none \
    -font "$BOLD" -fill '#212B32' -pointsize 14 \
    -annotate +45+505 'Nid rhif brys yw hwn. Mewn argyfwng, ffoniwch 999.' \
    -annotate +45+528 'I gael cyngor brys, ffoniwch GIG 111 Cymru.' \
    -annotate +45+555 'Not an emergency number. In an emergency call 999.' \
    -annotate +45+578 'For urgent advice call NHS 111 Wales.' \
    -font "$FONT" -fill '#425462' -pointsize 12 \
    -annotate +640+470 'Sganiwch i gadwr cyswllt hwn / Scan to save this contact' \
    -annotate +680+492 'Argraffwyd 21 Tachwedd 2026' -annotate +690+512 'Printed 21 November 2026' \
    "$T/qr.png" -geometry +611+80 -composite "$T/admin.png"
}

allwedd_card || { echo "allwedd card failed"; exit 1; }
admin_card || { echo "qrencode/convert failed"; exit 1; }
for f in allwedd admin; do
  printf '%-8s %s, QR: %s bytes\n' "$f" "$(identify -format '%wx%h' "$T/$f.png")" \
    "$(zbarimg --raw -q -Sbinary "$T/$f.png" 2>/dev/null | wc -c)"
done
a=$(time_runs "$RUNS" allwedd_card | median)
b=$(time_runs "$RUNS" admin_card | median)
echo "allwedd card --out card.png     median ${a} ms"
echo "qrencode + ImageMagick convert  median ${b} ms"
awk -v a="$a" -v b="$b" 'BEGIN { r = b / (a > 0 ? a : 1); printf "ratio: allwedd is %.1fx faster (target >= 10x: %s)\n", r, (r >= 10 ? "met" : "NOT met") }'

echo
echo "== 3. tap to card in the tray: print request to job completed ($RUNS jobs each)"
# The job's own time (print_job_start to completed, as 'printed: ... in X s'
# says) and the whole command's, p50 and p95 (nearest rank), on an instant
# ippeveprinter: straight to its URI, and through a private cupsd with an
# IPP Everywhere queue (the default device URI, and with ?waitjob=false).
# "spaced" waits until the queue is idle before the next card, as patients
# a few seconds apart do; "back to back" sends each card as soon as the last
# one is out.
pe_start_printer bench-card || exit 1
pe_start_cupsd || exit 1
pe_add_queue benchq "$PE_PRINTER_URI" || exit 1
pe_add_queue benchqf "$PE_PRINTER_URI?waitjob=false" || exit 1

# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {r=int((p*NR+99)/100); if (r<1) r=1; print a[r]}'; }
# queue_idle Q: wait (up to 10 s) until queue Q has no jobs and is idle.
queue_idle() {
  local i
  for i in $(seq 1 200); do
    [ -z "$(lpstat -o "$1" 2>/dev/null)" ] && lpstat -p "$1" 2>/dev/null | grep -q idle && return 0
    sleep 0.05
  done
}
# print_runs PRINTER MODE: "JOB_MS COMMAND_MS" for each of RUNS cards.
print_runs() {
  local printer=$1 mode=$2 i t0 out
  for i in $(seq 1 "$RUNS"); do
    [ "$mode" = spaced ] && queue_idle "$printer"
    t0=$(now_ms)
    out=$("$ALLWEDD" card --config "$CFG" --nhs "$NHS" --printer "$printer" 2>&1) ||
      { echo "failed: $out" >&2; return 1; }
    echo "$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s$/\1/p' | awk '{printf "%d", $1 * 1000}') $(( $(now_ms) - t0 ))"
  done
}
# report WHAT PRINTER MODE: one line with p50/p95 of the job and the command.
report() {
  local what=$1 t="$T/runs.txt"
  print_runs "$2" "$3" >"$t" || return 1
  printf '%-44s job p50 %4d ms  p95 %4d ms  max %4d ms | command p50 %4d ms  p95 %4d ms\n' "$what" \
    "$(cut -d' ' -f1 "$t" | pct 50)" "$(cut -d' ' -f1 "$t" | pct 95)" "$(cut -d' ' -f1 "$t" | pct 100)" \
    "$(cut -d' ' -f2 "$t" | pct 50)" "$(cut -d' ' -f2 "$t" | pct 95)"
  cut -d' ' -f1 "$t" | tr '\n' ' ' | sed 's/^/    job ms: /'; echo
  P95=$(cut -d' ' -f1 "$t" | pct 95)
}
report "straight to ippeveprinter (ipp://)" "$PE_PRINTER_URI" back-to-back
report "cupsd queue, spaced" benchq spaced
q95=$P95
report "cupsd queue, back to back" benchq back-to-back
report "cupsd queue ?waitjob=false, back to back" benchqf back-to-back
qf95=$P95
echo "target p95 <= 1000 ms through cupsd: spaced $([ "$q95" -le 1000 ] && echo met || echo NOT met)," \
  "waitjob=false back to back $([ "$qf95" -le 1000 ] && echo met || echo NOT met)"
echo "documents received: $(ls "$PE_PRINTER_DIR"/*.pwg 2>/dev/null | wc -l)"
