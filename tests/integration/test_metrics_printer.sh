# The card printer in `allwedd metrics`, with real printing parts
# (tests/lib/printenv.sh: ippeveprinter, a private cupsd): a ready queue is
# idle; a queue stopped with cupsdisable shows as stopped and paused, its
# free-text reason never in the output; a printer that jammed shows the
# jam; a printer that cannot be reached is unknown, unreachable.
# Every output passes promtool check metrics.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/printenv.sh"

DB="$TEST_TMP/store.db"
OUT="$TEST_TMP/metrics.prom"
pe_init

metrics() { "$ALLWEDD" metrics --db "$DB" --printer "$1" >"$OUT" 2>"$TEST_TMP/err"; }
promtool_ok() { promtool check metrics <"$1" >"$TEST_TMP/promtool" 2>&1 && [ ! -s "$TEST_TMP/promtool" ]; }
line() { check_contains "$1" "$OUT" "$2"; }
# state STATE: the state set says STATE and nothing else.
state() {
  check_eq "$1: state set" "$(grep '^allwedd_printer_state{' "$OUT" | grep ' 1$' | tr '\n' ' ')" \
    "allwedd_printer_state{state=\"$2\"} 1 "
}

echo "-- setting up: store, ippeveprinter, private cupsd, queue"
"$ALLWEDD" sync "$ALLWEDD_SOURCE_DIR/assets/sample" --db "$DB" \
  --pubkey "$ALLWEDD_SOURCE_DIR/assets/demo-key/demo.pub" --quiet
check_eq "sample bundle imported" $? 0
pe_start_printer allwedd-card -s 10,10 || { echo "FAIL ippeveprinter"; exit 1; }
pe_start_cupsd || { echo "FAIL cupsd"; exit 1; }
pe_add_queue q "$PE_PRINTER_URI" || { echo "FAIL lpadmin"; exit 1; }

echo "-- a ready queue"
metrics q; check_eq "ready: exit 0" $? 0
ok "ready: promtool accepts it" promtool_ok "$OUT"
state "ready" idle
line "ready: no reason" 'allwedd_printer_state_reason{reason="none"} 1'
line "ready: accepting jobs" "allwedd_printer_accepting_jobs 1"
line "ready: no jobs waiting" "allwedd_printer_queued_jobs 0"

echo "-- a queue stopped with cupsdisable (a reason typed by someone)"
cupsdisable -r "hopper open, Siân Jones-Pugh's card inside" q
metrics q; check_eq "stopped: exit 0" $? 0
ok "stopped: promtool accepts it" promtool_ok "$OUT"
state "stopped" stopped
line "stopped: paused" 'allwedd_printer_state_reason{reason="paused"} 1'
check_eq "stopped: the typed reason is not in the output" \
  "$(grep -c -e hopper -e Siân -e Jones "$OUT")" 0
cupsenable q
metrics q
state "enabled again" idle

echo "-- a printer that jammed (the queue may or may not be stopped yet: CUPS decides when the backend ends)"
pe_add_fault_queue jam media-jam
"$ALLWEDD" card --db "$DB" --nhs 9992232684 --printer jam --timeout 10 >/dev/null 2>&1
check_eq "the card did not print" $? 1
metrics jam; check_eq "jammed: exit 0" $? 0
ok "jammed: promtool accepts it" promtool_ok "$OUT"
check_eq "jammed: one state in the state set" "$(grep '^allwedd_printer_state{' "$OUT" | grep -c ' 1$')" 1
line "jammed: the jam is the reason" 'allwedd_printer_state_reason{reason="media-jam"} 1'
line "jammed: the card is counted with its outcome" \
  'allwedd_cards_total{reason="new",channel="staff",outcome="media-jam"} 1'

echo "-- a printer that cannot be reached"
dead_port=$(pe_free_port)
metrics "ipp://127.0.0.1:$dead_port/ipp/print"; check_eq "unreachable: exit 0 (the metrics say so)" $? 0
ok "unreachable: promtool accepts it" promtool_ok "$OUT"
state "unreachable" unknown
line "unreachable: why" 'allwedd_printer_state_reason{reason="unreachable"} 1'
check_contains "unreachable: said on stderr" "$TEST_TMP/err" "the printer cannot be asked"

finish
