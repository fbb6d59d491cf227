#!/usr/bin/env bash
# How long `allwedd metrics --textfile` takes, and its peak memory, on a
# store that has run for years: N patients (bench_gen_bundle, signed and
# synced), M audit rows and C card records (inserted with the sqlite3 shell
# in one transaction each, the kiosk's own names and outcomes). The timer
# runs it every minute, so it must stay well under a second.
#
#   bash bench/metrics.sh [N=200000] [M=1000000] [C=100000]   (from the source tree, after a build)
set -euo pipefail
N=${1:-200000}
M=${2:-1000000}
C=${3:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ALLWEDD_BUILD_DIR:-$ROOT/build}
ALLWEDD=$BUILD/allwedd
WORK=$(mktemp -d /tmp/allwedd-bench-metrics-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$BUILD/bench/bench_gen_bundle" "$WORK/bundle" "$N" --generated 2026-11-20T23:05:00Z >/dev/null 2>&1
minisign -G -W -f -p "$WORK/k.pub" -s "$WORK/k.key" >/dev/null 2>&1
bash "$ROOT/scripts/make-bundle-manifest.sh" --generated 2026-11-20T23:05:00Z "$WORK/bundle" "$WORK/k.key" >/dev/null
"$ALLWEDD" sync "$WORK/bundle" --db "$WORK/store.db" --pubkey "$WORK/k.pub" --quiet
sqlite3 "$WORK/store-records.db" <<EOF
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $M)
INSERT INTO audit_log(at, actor, event, detail)
SELECT '2026-11-21T08:00:00Z', CASE i % 5 WHEN 0 THEN 'staff' ELSE 'kiosk' END,
       CASE i % 6 WHEN 0 THEN 'identified' WHEN 1 THEN 'identify_failed' WHEN 2 THEN 'card_print'
                  WHEN 3 THEN 'no_key_worker' WHEN 4 THEN 'staff_login' ELSE 'print_failed' END,
       'nhs=9990000000' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $C)
INSERT INTO cards_printed(started_at, nhs_number, key_worker_id, reason, printer, by, outcome)
SELECT '2026-11-21T08:00:00Z', '9990000000', 'KW-0001',
       CASE i % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'lost' WHEN 2 THEN 'damaged' ELSE 'key_worker_changed' END,
       'card', CASE i % 3 WHEN 0 THEN 'staff' ELSE 'kiosk' END,
       CASE i % 10 WHEN 0 THEN 'media-empty' ELSE 'completed' END FROM n;
COMMIT;
EOF
mkdir -p "$WORK/prom"
best=""
for run in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$ALLWEDD" metrics --db "$WORK/store.db" --textfile "$WORK/prom" 2>/dev/null
  read -r seconds kb <"$WORK/time"
  echo "run $run: ${seconds} s, peak ${kb} KB"
  if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
done
echo "metrics at $N patients, $M audit rows, $C cards: best ${best} s; $(wc -l <"$WORK/prom/allwedd.prom") lines"
