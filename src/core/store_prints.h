/*
 * Card print records that never ended (issue 11): a card job writes its
 * record before sending ('submitting'), the printer's job id as soon as the
 * printer accepts it, and the outcome when it ends. A process killed in
 * between leaves the record 'submitting' for ever unless someone asks the
 * printer what became of the job (app/print_recovery.h does, at kiosk
 * start) and writes the answer with store_card_print_end().
 */
#ifndef ALLWEDD_STORE_PRINTS_H
#define ALLWEDD_STORE_PRINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

/* The printer accepted the card as job_id on printer (the queue or URI the
 * print actually used: the default destination resolved): keep both on the
 * record, which stays 'submitting'. false when the store fails, or (with
 * store_error() saying so) when no submitting record has record_key. */
bool store_card_print_submitted(store_t *st, int64_t record_key, const char *printer, int job_id);

/* One record still 'submitting'. */
typedef struct {
  int64_t record_key;
  char printer[256];     /* as recorded: a queue, a URI, "(default)" or "file:PATH" */
  int job_id;            /* 0 when the printer never accepted it (or it was not written) */
  char started_at[32];   /* UTC ISO 8601 */
  char by[16];           /* kiosk | staff */
} store_unfinished_print_t;

/* Up to max records still 'submitting', oldest first, into out; *count gets
 * how many. No patient data is read. false when the store fails. */
bool store_card_prints_unfinished(store_t *st, store_unfinished_print_t *out, size_t max, size_t *count);

#endif
