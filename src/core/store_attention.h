/*
 * What the staff menu puts in front of staff as "needs attention today":
 * how many times, since a given moment, a patient asked for help at the
 * screen ("Need help?"), a print failed, and a leaflet or slip was asked for
 * on a site with no sheet printer. Counts only, from the audit log: nothing
 * here reads an audit detail or returns a patient value.
 *
 * The audit event names are listed once here; the code that writes them
 * (src/ui) and the metrics (core/metrics.c) use the same names.
 */
#ifndef ALLWEDD_STORE_ATTENTION_H
#define ALLWEDD_STORE_ATTENTION_H

#include <stdbool.h>
#include <time.h>

#include "core/store.h"

/* A patient tapped "Need help?" (actor "kiosk", detail: the screen's name). */
#define STORE_EVENT_HELP_REQUESTED "help_requested"
/* A print the kiosk or staff asked for did not come out (detail
 * "fault=... kind=card|list|leaflet|slip|test by=...": the kind of document,
 * nothing of what was on it). */
#define STORE_EVENT_PRINT_FAILED "print_failed"
/* A leaflet, slip or concerns list asked for where [printer] sheet_printer is not set and
 * the card printer is not a sheet printer: nothing was sent
 * (detail "kind=leaflet|slip|list by=kiosk|staff"). */
#define STORE_EVENT_SHEET_PRINTER_MISSING "sheet_printer_missing"

typedef struct {
  long help_requests;         /* help_requested */
  long print_failures;        /* print_failed */
  long sheet_printer_missing; /* sheet_printer_missing */
} store_attention_t;

/* The counts of the events above recorded at or after since_utc (UTC
 * "YYYY-MM-DDTHH:MM:SSZ", as the audit log writes times). false with
 * store_error(); *out is then all zeros. */
bool store_attention_since(store_t *st, const char *since_utc, store_attention_t *out);

/* The start of the local day holding now (00:00 in the kiosk's time
 * zone, TZ), as UTC "YYYY-MM-DDTHH:MM:SSZ": "today" for the counts above.
 * false when the time cannot be converted. */
bool store_attention_day_start(time_t now, char out[21]);

#endif
