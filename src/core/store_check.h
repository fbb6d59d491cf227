/*
 * Hidden corruption: a damaged page of the store can leave most queries
 * working and make others fail, or answer "nothing found" where there is a
 * record. SQLite's PRAGMA quick_check reads every page of both files (the
 * snapshot and the kiosk's records) and checks their structure, so the
 * kiosk at start and `allwedd status` can say the store is damaged instead
 * of showing wrong answers. It takes about as long as reading the files
 * (bench figure in docs/security.md).
 */
#ifndef ALLWEDD_STORE_CHECK_H
#define ALLWEDD_STORE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"

/* Run PRAGMA quick_check on the snapshot and on the records file. true
 * when both answer "ok". false when either is damaged or the check itself
 * fails, with store_fault() STORE_FAULT_DAMAGED (or the fault that stopped
 * it) and store_error() saying which file and SQLite's first complaint:
 * "the store /var/lib/allwedd/allwedd.db is damaged (PRAGMA quick_check:
 * Tree 3 page 3: btreeInitPage() returns error code 11)". */
bool store_quick_check(store_t *st);

#endif
