/*
 * Fleet metrics: a kiosk's health in the Prometheus text exposition format
 * (0.0.4), for node_exporter's textfile collector. Pure: the metrics
 * command gathers the figures (store_metrics.h, heartbeat.h, the printer)
 * into a metrics_input_t, and metrics_write() only formats them, so every
 * line can be tested without a store, a kiosk or a printer.
 *
 * Every metric has HELP and TYPE lines, a name with its unit (_seconds,
 * _total for counters) and only labels whose values come from fixed lists
 * in metrics.c: a value recorded in the store that is not on its list is
 * counted as "other". No free text, identifier, name, date or postcode can
 * reach the output.
 *
 * The audit events behind the counters are listed once in metrics.c (the
 * names the kiosk writes: store_metrics.h and the UI).
 */
#ifndef ALLWEDD_METRICS_H
#define ALLWEDD_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/heartbeat.h"
#include "core/store_metrics.h"

/* The audit events the metrics count (metrics_event_name() gives each
 * one's name in the audit log). */
typedef enum {
  METRICS_EVENT_SYNC_IMPORTED = 0,
  METRICS_EVENT_SYNC_REJECTED,
  METRICS_EVENT_SYNC_FAILED,
  METRICS_EVENT_IDENTIFIED,
  METRICS_EVENT_IDENTIFY_FAILED,
  METRICS_EVENT_IDENTIFY_PAUSED,
  METRICS_EVENT_STAFF_PIN_FAILED,
  METRICS_EVENT_STAFF_PIN_LOCKED,
  METRICS_EVENT_KIOSK_STORE_ERROR,
  METRICS_EVENT_PRINTER_RESUMED,
  METRICS_EVENT_KIOSK_START,
  METRICS_EVENT_PRINT_FAILED,          /* store_attention.h */
  METRICS_EVENT_SHEET_PRINTER_MISSING, /* store_attention.h */
  METRICS_EVENT_HELP_REQUESTED,
  METRICS_EVENT_COUNT
} metrics_event_t;

/* The card printer's queue as a state set (IPP printer-state; UNKNOWN when
 * it could not be asked). */
typedef enum {
  METRICS_PRINTER_IDLE = 0,
  METRICS_PRINTER_PROCESSING,
  METRICS_PRINTER_STOPPED,
  METRICS_PRINTER_UNKNOWN,
} metrics_printer_state_t;

typedef struct {
  time_t now;                       /* for the data's age */

  /* The store; the rest of this group is ignored when store_up is false. */
  bool store_up;
  store_table_rows_t rows;
  time_t data_generated;            /* the export in force; -1: none imported */
  const store_sync_run_t *last_import; /* NULL: none */
  time_t last_import_at;            /* -1: none */
  bool have_attempt;                /* a sync attempt is recorded */
  store_sync_result_t last_result;
  time_t last_attempt_at;
  const store_card_count_t *cards;  /* store_card_counts() */
  size_t ncards;
  long event_counts[METRICS_EVENT_COUNT]; /* store_audit_event_counts() */

  /* The kiosk's heartbeat file. */
  heartbeat_read_t kiosk_read;      /* ABSENT: no kiosk has run here */
  heartbeat_state_t kiosk;
  bool kiosk_running;               /* heartbeat_running() */

  /* The card printer; no printer metrics when printer_known is false. */
  bool printer_known;               /* it was asked (whatever the answer) */
  metrics_printer_state_t printer_state;
  const char *printer_reasons;      /* IPP printer-state-reasons joined by ", " ("none");
                                       when UNKNOWN, why ("unreachable", "not-found") */
  int printer_accepting;            /* printer-is-accepting-jobs: 1, 0, or -1 unknown */
  int printer_queued_jobs;          /* queued-job-count; -1 unknown */
} metrics_input_t;

/* The audit log's name for an event ("identify_failed"). */
const char *metrics_event_name(metrics_event_t event);

/* Defaults: nothing known (store down, no kiosk, no printer). */
void metrics_input_init(metrics_input_t *in, time_t now);

/* Write the exposition text to out. false when a write fails (ferror). */
bool metrics_write(const metrics_input_t *in, FILE *out);

/* The label value for one printer-state-reasons keyword: its suffix
 * (-error, -warning, -report) dropped, then the fixed list, or "other". */
const char *metrics_printer_reason_label(const char *reason);

#endif
