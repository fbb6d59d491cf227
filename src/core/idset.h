/*
 * Sets and maps of identifiers seen during one sync, for reference checks
 * between files (a patient's key worker must be in key_workers.csv; a
 * history row's patient must be in patients.csv, and the history row stores
 * that patient's row id). Open addressing at up to 75 % load. A number entry
 * packs a number below 2^34 (every 10-digit NHS number) with a 30-bit value
 * into one 64-bit slot, so 1,000,000 patients take 16 MiB. A set holds
 * numbers or strings, never both.
 */
#ifndef ALLWEDD_IDSET_H
#define ALLWEDD_IDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct idset idset_t;

enum { IDSET_NUMBER_BITS = 34, IDSET_VALUE_BITS = 30 };

/* A new empty set; NULL when out of memory. */
idset_t *idset_new(void);
void idset_free(idset_t *set);

/* Make room for count members at once, so a set of known size grows once
 * (growing holds the old and the new table together for a moment). */
bool idset_reserve(idset_t *set, size_t count);

/* Start loading the slot where number lives into the CPU cache: a look-up
 * soon after (a few hundred nanoseconds of other work) then finds it there
 * instead of waiting for memory. Only a hint; no effect on the set. */
void idset_prefetch_number(const idset_t *set, uint64_t number);

/* Map number (1 .. 2^34-1) to value (0 .. 2^30-1), replacing an earlier
 * value. false when out of memory or out of range. */
bool idset_put_number(idset_t *set, uint64_t number, uint32_t value);

/* True when number is present; its value in *value (may be NULL). */
bool idset_get_number(const idset_t *set, uint64_t number, uint32_t *value);

/* Add or look up a string (kept as a copy, keyed by a 64-bit hash). */
bool idset_add_string(idset_t *set, const char *text);
bool idset_has_string(const idset_t *set, const char *text);

size_t idset_count(const idset_t *set);

#endif
