/*
 * The store's schema as an ordered list of migrations. Migration i takes the
 * database from PRAGMA user_version i to i+1. Never edit a migration that
 * has shipped: add a new one.
 *
 * Snapshot tables (key_workers, patients, key_worker_history, services) hold
 * exactly the last imported bundle; added_run / changed_run name the sync
 * run (sync_runs.id) that added a row and that last changed it.
 * Patients are a rowid table (appends in file order) with the NHS number as
 * a unique key, and history rows point at the patient's row id: an export
 * lists history in patient order, so both import as appends, not as random
 * inserts into a large B-tree.
 * The kiosk's own records (sync_runs, cards_printed, audit_log) have no
 * foreign keys into the snapshot, so a patient leaving the bundle never
 * takes their card and audit history with them.
 */
#include "core/store_private.h"

/* The patients' indexes. The sync drops them and builds them again after
 * loading a snapshot (one sort is far cheaper than a million random index
 * inserts), so they are written here once for both. */
#define PATIENT_INDEXES                                                                 \
  "CREATE UNIQUE INDEX patients_by_nhs ON patients(nhs_number);"                       \
  "CREATE INDEX patients_by_birth_and_name ON patients(date_of_birth, family_fold);"   \
  "CREATE INDEX patients_without_key_worker ON patients(id) WHERE key_worker_id IS NULL;"

const char store_patient_indexes_create[] = PATIENT_INDEXES;
const char store_patient_indexes_drop[] = "DROP INDEX patients_by_nhs;"
                                          "DROP INDEX patients_by_birth_and_name;"
                                          "DROP INDEX patients_without_key_worker;";

static const char *const migrations[] = {
  /* 0 -> 1: the first schema. */
  "CREATE TABLE key_workers("
  "  id TEXT PRIMARY KEY,"
  "  given_name TEXT NOT NULL, family_name TEXT NOT NULL,"
  "  role_en TEXT NOT NULL, role_cy TEXT NOT NULL,"
  "  team_en TEXT NOT NULL DEFAULT '', team_cy TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL, email TEXT NOT NULL DEFAULT '',"
  "  hours_en TEXT NOT NULL DEFAULT '', hours_cy TEXT NOT NULL DEFAULT '',"
  "  added_run INTEGER NOT NULL, changed_run INTEGER NOT NULL"
  ");"
  "CREATE TABLE patients("
  "  id INTEGER PRIMARY KEY,"
  "  nhs_number TEXT NOT NULL,"
  "  given_name TEXT NOT NULL, family_name TEXT NOT NULL,"
  "  family_fold TEXT NOT NULL,"
  "  date_of_birth TEXT NOT NULL,"
  "  postcode TEXT NOT NULL DEFAULT '',"
  "  preferred_language TEXT NOT NULL DEFAULT '',"
  "  key_worker_id TEXT REFERENCES key_workers(id),"
  "  pathway TEXT NOT NULL DEFAULT '',"
  "  added_run INTEGER NOT NULL, changed_run INTEGER NOT NULL"
  ");"
  PATIENT_INDEXES
  "CREATE TABLE key_worker_history("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
  "  key_worker_id TEXT NOT NULL REFERENCES key_workers(id),"
  "  from_date TEXT NOT NULL, to_date TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL,"
  "  added_run INTEGER NOT NULL, changed_run INTEGER NOT NULL,"
  "  UNIQUE(patient_id, key_worker_id, from_date)"
  ");"
  "CREATE TABLE services("
  "  id TEXT PRIMARY KEY, category TEXT NOT NULL,"
  "  name_en TEXT NOT NULL, name_cy TEXT NOT NULL,"
  "  summary_en TEXT NOT NULL, summary_cy TEXT NOT NULL,"
  "  phone TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',"
  "  hours_en TEXT NOT NULL DEFAULT '', hours_cy TEXT NOT NULL DEFAULT '',"
  "  area TEXT NOT NULL DEFAULT '',"
  "  added_run INTEGER NOT NULL, changed_run INTEGER NOT NULL"
  ");"
  "CREATE TABLE sync_runs("
  "  id INTEGER PRIMARY KEY,"
  "  started_at TEXT NOT NULL, finished_at TEXT NOT NULL,"
  "  generated TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', site TEXT NOT NULL DEFAULT '',"
  "  bundle_dir TEXT NOT NULL DEFAULT '', forced INTEGER NOT NULL DEFAULT 0,"
  "  duration_ms INTEGER NOT NULL, report TEXT NOT NULL"
  ");"
  "CREATE TABLE cards_printed("
  "  id INTEGER PRIMARY KEY,"
  "  started_at TEXT NOT NULL, finished_at TEXT,"
  "  nhs_number TEXT NOT NULL, key_worker_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL, printer TEXT NOT NULL, by TEXT NOT NULL,"
  "  job_id INTEGER, outcome TEXT NOT NULL DEFAULT 'submitting'"
  ");"
  "CREATE INDEX cards_printed_by_patient ON cards_printed(nhs_number);"
  "CREATE TABLE audit_log("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT ''"
  ");",
};

int store_schema_version(void) { return (int)(sizeof migrations / sizeof migrations[0]); }

/* Bring the schema from its current user_version to the latest, in one
 * transaction. A database newer than this build is refused, not touched. */
bool store_migrate(store_t *st)
{
  int version = 0;
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;

  if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &pStmt, NULL) != SQLITE_OK ||
      sqlite3_step(pStmt) != SQLITE_ROW) {
    store_set_error(st, "cannot read the schema version: %s", sqlite3_errmsg(st->db));
    goto done;
  }
  version = sqlite3_column_int(pStmt, 0);
  if (version > store_schema_version()) {
    store_set_error(st, "the database has schema version %d; this build knows up to %d", version,
                    store_schema_version());
    goto done;
  }
  if (version == store_schema_version()) {
    ok = true;
    goto done;
  }
  if (!store_exec(st, "BEGIN IMMEDIATE"))
    goto done;
  for (int v = version; v < store_schema_version(); v++) {
    if (!store_exec(st, migrations[v])) {
      store_exec(st, "ROLLBACK");
      goto done;
    }
  }
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version());
  ok = store_exec(st, sql) && store_exec(st, "COMMIT");
  if (!ok)
    store_exec(st, "ROLLBACK");
done:
  sqlite3_finalize(pStmt);
  return ok;
}
