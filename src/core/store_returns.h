/*
 * The store's side of the returns to central (core/returns.h): which
 * records each return carried, so that every record goes to central exactly
 * once. A return is claimed in one transaction on the kiosk's records file
 * (store_return_claim): it takes the next sequence number and every card
 * printed, every audit event central needs and every anonymous count that
 * no earlier return carried, and records them as this return's. The files
 * are then written from what was recorded, so a return interrupted before
 * its files were complete is written again, identically, by the next run
 * (store_return_unwritten), and never claimed twice.
 *
 * What a return carries:
 *   cards   cards_printed rows with outcome "completed" (the printer
 *           finished them); one row each, once
 *   events  audit_log rows "no_key_worker" (a patient with no key worker
 *           identified at the kiosk) and "language_stated" (the language a
 *           patient chose, to record their preference); once each
 *   counts  anonymous_counts named survey.*: each return carries, per month
 *           and name, what was counted since the return before
 * All functions return false (or STORE_ERROR) with the reason in
 * store_error(st).
 */
#ifndef ALLWEDD_STORE_RETURNS_H
#define ALLWEDD_STORE_RETURNS_H

#include <stdbool.h>

#include "core/store.h"

typedef struct {
  long seq;                 /* 1, 2, 3, ... with no gaps */
  char period_from[21];     /* the previous return's period_to; "" for the first */
  char period_to[21];       /* when it was claimed (UTC ISO 8601) */
  bool written;             /* its files are in place */
  char manifest_sha256[65]; /* of the manifest written; "" before */
} store_return_t;

/* The newest return when its files were never completed: FOUND, or
 * NOT_FOUND when every return was written. */
store_match_t store_return_unwritten(store_t *st, store_return_t *out);

/* Claim a new return at time now (UTC ISO 8601): the next sequence number
 * and everything not yet returned, in one transaction. */
bool store_return_claim(store_t *st, const char *now, store_return_t *out);

/* Each row of return seq, in the order recorded. fn returns false to stop
 * (the function then returns false, leaving no error on the handle). */
typedef bool (*store_return_row_fn)(void *ctx, const char *const *values);

/* Cards: nhs_number, key_worker_id, reason, channel ("kiosk" | "staff"),
 * printed_at (when the printer finished; UTC ISO 8601). */
bool store_return_cards(store_t *st, long seq, store_return_row_fn fn, void *ctx);

/* Events: event, detail, at. */
bool store_return_events(store_t *st, long seq, store_return_row_fn fn, void *ctx);

/* Counts: month ("YYYY-MM"), name, count (what this return carries). */
bool store_return_counts(store_t *st, long seq, store_return_row_fn fn, void *ctx);

/* Record that return seq's files are in place: their manifest's SHA-256 and
 * the signing key's id. */
bool store_return_written(store_t *st, long seq, const char *manifest_sha256, const char *key_id);

#endif
