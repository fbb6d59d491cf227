/*
 * What the store kept about syncs, beyond store.h's summary: the full
 * report of the last successful sync (sync_report_format's text, with its
 * first warnings and rejected rows) for the staff screen.
 */
#ifndef ALLWEDD_STORE_SYNC_H
#define ALLWEDD_STORE_SYNC_H

#include <stddef.h>

#include "core/store.h"

/* FOUND with the last run's report in out (cut at a UTF-8 boundary when
 * longer), NOT_FOUND before the first sync (out ""), ERROR (store_error). */
store_match_t store_last_sync_report(store_t *st, char *out, size_t outlen);

#endif
