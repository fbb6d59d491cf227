/*
 * The store handle's body, shared by store*.c and the sync module only.
 */
#ifndef ALLWEDD_STORE_PRIVATE_H
#define ALLWEDD_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stdio.h>

#include "core/store.h"

struct store {
  sqlite3 *db;
  char error[512];
};

/* Keep a formatted error on the handle. */
void store_set_error(store_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run SQL without results; false with the error kept on the handle. */
bool store_exec(store_t *st, const char *sql);

/* SQL that drops and builds the patients' indexes (the sync rebuilds them). */
extern const char store_patient_indexes_create[];
extern const char store_patient_indexes_drop[];

/* Apply migrations up to store_schema_version(). */
bool store_migrate(store_t *st);

#endif
