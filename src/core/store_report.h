/*
 * The store's queries behind the implementation report (core/report_data.h),
 * and the per-sync coverage summary the sync writes so the report has a
 * trend. Every query returns counts grouped by non-identifying keys
 * (pathway, week, reason, channel, outcome): never an NHS number, a name or
 * any other value that identifies a patient.
 *
 * Periods are whole UTC days, from and to inclusive, as "YYYY-MM-DD". A
 * record belongs to the day of its UTC timestamp (cards: when printing
 * started; audit events: when written; history rows: their from_date).
 * All functions return false with the reason in store_error(st).
 */
#ifndef ALLWEDD_STORE_REPORT_H
#define ALLWEDD_STORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"

/* One group of a grouped count. What key[] and total mean is documented
 * per query; unused keys are "". Keys are malloc'd and owned by the rows. */
typedef struct {
  char *key[3];
  long count;
  long total;
} store_report_row_t;

/* A list of groups; rows is NULL when n is 0. */
typedef struct {
  store_report_row_t *rows;
  size_t n;
} store_report_rows_t;

/* Free the rows and their keys and leave r empty; NULL and empty are fine. */
void store_report_rows_free(store_report_rows_t *r);

/* Record, for sync run `run`, how many patients of each pathway the
 * snapshot now holds and how many of them have a key worker. Called by the
 * sync inside its transaction once the patients are final, so the summary
 * commits or rolls back with the import. */
bool store_report_record_coverage(store_t *st, long run);

/* The snapshot now, by pathway ("" = none given): key[0] pathway,
 * count = patients with a key worker, total = patients. Ordered by pathway. */
bool store_report_coverage_now(store_t *st, store_report_rows_t *out);

/* Each sync run that finished in the period and has a coverage summary, in
 * run order: key[0] run id, key[1] finished_at (UTC ISO 8601), key[2] the
 * bundle's generated time; count = patients with a key worker, total =
 * patients. */
bool store_report_coverage_trend(store_t *st, const char *from, const char *to,
                                 store_report_rows_t *out);

/* Cards printed (outcome "completed") in the period: key[0] the Monday of
 * the ISO week ("YYYY-MM-DD"), key[1] reason (new | lost | damaged |
 * key_worker_changed), key[2] channel ("kiosk" | "staff"); count. */
bool store_report_cards_issued(store_t *st, const char *from, const char *to,
                               store_report_rows_t *out);

/* Card print jobs that the printer did not complete in the period, by
 * outcome keyword (media-empty, media-jam, offline, timeout, ...): key[0]
 * outcome; count. Cards still printing, written to a file or cancelled by
 * their user are not faults. */
bool store_report_card_faults(store_t *st, const char *from, const char *to,
                              store_report_rows_t *out);

/* Key worker allocations from the history whose from_date is in the period:
 * key[0] reason (the export's reasons: diagnosis, treatment_start, ...),
 * key[1] "first" (the patient's first key worker) or "change" (the patient
 * had a key worker before); count. Over the snapshot's history, which holds
 * only patients still in the export. */
bool store_report_key_worker_allocations(store_t *st, const char *from, const char *to,
                                         store_report_rows_t *out);

/* Audit events named `event` in the period: how many, and how many distinct
 * details they carried (for events whose detail names one patient, the
 * number of different patients). */
bool store_report_event_count(store_t *st, const char *from, const char *to, const char *event,
                              long *events, long *distinct_details);

/* Anonymous counts (store_counts.h) of the months from_month to to_month
 * ("YYYY-MM", inclusive) whose names start with prefix, summed over the
 * months: key[0] name; count. Ordered by name. */
bool store_report_counts(store_t *st, const char *from_month, const char *to_month, const char *prefix,
                         store_report_rows_t *out);

#endif
