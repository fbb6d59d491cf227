/*
 * The store handle's body, shared by store*.c and the sync module only.
 */
#ifndef ALLWEDD_STORE_PRIVATE_H
#define ALLWEDD_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stdio.h>

#include "core/store.h"

struct store {
  sqlite3 *db;             /* the snapshot file, with the records file attached as "records" */
  store_fault_t fault;     /* kind of the last error */
  char error[512];
};

/* Keep a formatted error on the handle (fault: STORE_FAULT_OTHER). */
void store_set_error(store_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Keep SQLite's last error on the handle, classified (busy, disk full,
 * read-only...) and put in words; what (may be NULL) says what failed. */
void store_fail(store_t *st, const char *what);

/* Run SQL without results; false with the error kept on the handle. */
bool store_exec(store_t *st, const char *sql);

/* SQL that drops and builds the patients' indexes (the sync rebuilds them). */
extern const char store_patient_indexes_create[];
extern const char store_patient_indexes_drop[];

/* Apply the records file's migrations, then the snapshot's, up to
 * store_schema_version(). */
bool store_migrate(store_t *st);

#endif
