/*
 * Anonymous counts of the concerns checklist (issue 15): how many journeys
 * ticked something in each group (core/concerns.h) on each UTC day, and
 * nothing else. No item, no score, no time finer than the day, no order, no
 * link to a patient, a print or any other record: a row is (day, group,
 * count). The implementation report may show them (core/report_data.h).
 */
#ifndef ALLWEDD_STORE_CONCERNS_H
#define ALLWEDD_STORE_CONCERNS_H

#include <stdbool.h>

#include "core/concerns.h"
#include "core/store.h"

/* Count one more journey for each group in groups (a mask of 1 << group),
 * today (UTC, clock_now_utc), all or none. A mask of no known group writes
 * nothing and succeeds. false with the reason in store_error(st). */
bool store_concerns_count(store_t *st, unsigned groups);

/* The counts per group of the days from from_day to to_day ("YYYY-MM-DD",
 * inclusive; NULL: no bound) into counts[CONCERNS_GROUP_COUNT] (0 where
 * none). false with the reason in store_error(st). */
bool store_concerns_totals(store_t *st, const char *from_day, const char *to_day,
                           long counts[CONCERNS_GROUP_COUNT]);

#endif
