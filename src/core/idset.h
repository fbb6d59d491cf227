/*
 * Sets of identifiers seen during one sync, for reference checks between
 * files (a patient's key worker must be in key_workers.csv; a history row's
 * patient must be in patients.csv). Open addressing; memory grows with the
 * number of members only: 1,000,000 NHS numbers take 16 MiB.
 */
#ifndef ALLWEDD_IDSET_H
#define ALLWEDD_IDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct idset idset_t;

/* A new empty set; NULL when out of memory. */
idset_t *idset_new(void);
void idset_free(idset_t *set);

/* Add a number (not 0: 0 marks empty slots). false when out of memory. */
bool idset_add_number(idset_t *set, uint64_t number);
bool idset_has_number(const idset_t *set, uint64_t number);

/* Add or look up a string (kept by its 64-bit hash together with a copy, so
 * collisions are resolved exactly). */
bool idset_add_string(idset_t *set, const char *text);
bool idset_has_string(const idset_t *set, const char *text);

size_t idset_count(const idset_t *set);

#endif
