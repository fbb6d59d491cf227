/*
 * What the store can tell a fleet monitor and the staff screen about the
 * kiosk's health, as counts and times only: rows per table, cards printed
 * by reason, channel and outcome, how often each audit event happened, and
 * how the last sync attempt ended (an import, or a bundle refused). Nothing
 * here returns a patient value: no NHS number, name, date or postcode
 * leaves these functions, and the audit's detail column is read only for
 * the sync events, whose detail never holds patient data (sync.h).
 *
 * The audit event names this module reads are listed once below; the code
 * that writes those events uses the same names.
 */
#ifndef ALLWEDD_STORE_METRICS_H
#define ALLWEDD_STORE_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"

/* Audit events about syncs (actor "sync"). An import is recorded by the
 * sync in its own transaction; a refusal by whoever ran the sync
 * (store_sync_refusal_record). */
#define STORE_EVENT_SYNC_IMPORTED "sync_imported"
#define STORE_EVENT_SYNC_REJECTED "sync_rejected" /* the bundle was refused */
#define STORE_EVENT_SYNC_FAILED "sync_failed"     /* not the bundle's fault: configuration, disk */

/* Audit events about identification (actor "kiosk"), written by the UI.
 * A failed try carries no detail: nothing about what was typed. */
#define STORE_EVENT_IDENTIFY_FAILED "identify_failed" /* a try that did not find one person */

/* Rows in each table (snapshot and the kiosk's own records). */
typedef struct {
  long patients, key_workers, key_worker_history, services;
  long patients_without_key_worker;
  long sync_runs, cards_printed, audit_log;
} store_table_rows_t;

/* Count the rows of every table; false with store_error(). */
bool store_table_rows(store_t *st, store_table_rows_t *out);

/* Cards printed, grouped. Each field holds the value as recorded (reason
 * "new", by "kiosk", outcome "completed", ...). */
typedef struct {
  char reason[32];
  char by[16];
  char outcome[32];
  long count;
} store_card_count_t;

/* Every (reason, by, outcome) with its count, in that order. *out is
 * malloc'd (free() it; NULL when *count is 0); false with store_error(). */
bool store_card_counts(store_t *st, store_card_count_t **out, size_t *count);

/* How often each of the n audit events named in events[] has been
 * recorded, by any actor: counts[i] for events[i] (0 when never). One pass
 * over the audit log, or over its event index where there is one.
 * false with store_error(). */
bool store_audit_event_counts(store_t *st, const char *const *events, size_t n, long *counts);

/* How a sync attempt ended. */
typedef enum {
  STORE_SYNC_IMPORTED = 0,
  STORE_SYNC_REJECTED,
  STORE_SYNC_FAILED,
} store_sync_result_t;

typedef struct {
  store_sync_result_t result;
  char at[32];          /* UTC ISO 8601 */
  char detail[768];     /* the audit detail as recorded */
  char bundle[256];     /* a refusal's bundle ("rejected/STAMP-NAME"), else "" */
  char reason[768];     /* a refusal's reason, else "" */
} store_sync_attempt_t;

/* The newest sync attempt recorded in the audit log: FOUND, NOT_FOUND
 * before any, ERROR with store_error(). */
store_match_t store_last_sync_attempt(store_t *st, store_sync_attempt_t *out);

/* Record that a sync did not import a bundle: result REJECTED or FAILED,
 * bundle a short name for it (a folder name; never patient data), reason
 * the sync's reason (sync.h: never a patient value). Actor "sync". false
 * with store_error(). */
bool store_sync_refusal_record(store_t *st, store_sync_result_t result, const char *bundle,
                               const char *reason);

/* The keyword of a result: "imported", "rejected", "failed". */
const char *store_sync_result_name(store_sync_result_t result);

#endif
