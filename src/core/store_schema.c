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
 * The kiosk's own records (cards_printed, audit_log and every table the
 * kiosk writes) live in a second file attached as "records", with its own
 * migrations; they have no foreign keys into the snapshot, so a patient
 * leaving the bundle never takes their card and audit history with them,
 * and a sync's write lock on the snapshot never blocks them.
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
  /* 1 -> 2: the kiosk's records move to the records file (its migration 1
   * creates them); rows written before the move go with them. */
  "INSERT OR IGNORE INTO records.cards_printed(id, started_at, finished_at, nhs_number,"
  " key_worker_id, reason, printer, by, job_id, outcome)"
  " SELECT id, started_at, finished_at, nhs_number, key_worker_id, reason, printer, by, job_id,"
  " outcome FROM main.cards_printed;"
  "INSERT OR IGNORE INTO records.audit_log SELECT * FROM main.audit_log;"
  "DROP TABLE main.cards_printed;"
  "DROP TABLE main.audit_log;",
  /* 2 -> 3: per sync, how many patients of each pathway the snapshot held
   * and how many had a named key worker (the report's trend). Written in
   * the sync's transaction (store_report_record_coverage); the last run
   * before this migration is filled from the snapshot it left. */
  "CREATE TABLE sync_coverage("
  "  run INTEGER NOT NULL, pathway TEXT NOT NULL,"
  "  patients INTEGER NOT NULL, with_key_worker INTEGER NOT NULL,"
  "  PRIMARY KEY(run, pathway)"
  ") WITHOUT ROWID;"
  "INSERT INTO sync_coverage SELECT r.id, p.pathway, count(*), count(p.key_worker_id)"
  "  FROM patients p, (SELECT max(id) AS id FROM sync_runs) r WHERE r.id IS NOT NULL"
  "  GROUP BY p.pathway;",
};

/* The records file's migrations (PRAGMA records.user_version). */
static const char *const records_migrations[] = {
  /* 0 -> 1: card print records and the audit log. */
  "CREATE TABLE records.cards_printed("
  "  id INTEGER PRIMARY KEY,"
  "  started_at TEXT NOT NULL, finished_at TEXT,"
  "  nhs_number TEXT NOT NULL, key_worker_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL, printer TEXT NOT NULL, by TEXT NOT NULL,"
  "  job_id INTEGER, outcome TEXT NOT NULL DEFAULT 'submitting',"
  "  record_key INTEGER UNIQUE"  /* chosen by the writer (store_new_record_id) */
  ");"
  "CREATE INDEX records.cards_printed_by_patient ON cards_printed(nhs_number);"
  "CREATE TABLE records.audit_log("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT ''"
  ");",
  /* 1 -> 2: wrong staff PINs since the last right one (store_staff.h): times
   * only, never what was typed. */
  "CREATE TABLE records.staff_pin_tries("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL"
  ");",
  /* 2 -> 3: anonymous counts (survey answers, languages chosen, support
   * viewed: a count per calendar month, nothing else), and the returns to
   * central: each return (store_returns.h), the cards and audit events it
   * carried (each carried once: the primary key), and the counts it carried
   * (so the next carries only what came since). */
  "CREATE TABLE records.anonymous_counts("
  "  month TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY(month, name)"
  ") WITHOUT ROWID;"
  "CREATE TABLE records.returns("
  "  seq INTEGER PRIMARY KEY,"
  "  period_from TEXT NOT NULL, period_to TEXT NOT NULL,"
  "  written_at TEXT, manifest_sha256 TEXT NOT NULL DEFAULT '', key_id TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE records.returned_items("
  "  kind TEXT NOT NULL, item_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY(kind, item_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX records.returned_items_by_return ON returned_items(seq, kind);"
  "CREATE TABLE records.returned_counts("
  "  seq INTEGER NOT NULL, month TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY(seq, month, name)"
  ") WITHOUT ROWID;"
  "CREATE INDEX records.audit_log_by_event ON audit_log(event);",
  /* 3 -> 4: the identification lockout (core/store_ident.c): one row of
   * counts and wall-clock times, never what was typed. */
  "CREATE TABLE records.ident_lockout("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  saved_at TEXT NOT NULL,"
  "  bucket_ms INTEGER NOT NULL, newest_start_ms INTEGER NOT NULL,"
  "  counts TEXT NOT NULL,"
  "  locked_until_ms INTEGER NOT NULL,"
  "  pending INTEGER NOT NULL, pending_ms INTEGER NOT NULL"
  ");",
  /* 4 -> 5: the concerns checklist's anonymous counts (core/store_concerns.h):
   * journeys that ticked something in a group, per UTC day; never an item, a
   * score, a time or a link to anyone. */
  "CREATE TABLE records.concerns_counts("
  "  day TEXT NOT NULL, concern_group TEXT NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY(day, concern_group)"
  ") WITHOUT ROWID;",
};

int store_schema_version(void) { return (int)(sizeof migrations / sizeof migrations[0]); }

static int records_schema_version(void)
{
  return (int)(sizeof records_migrations / sizeof records_migrations[0]);
}

/* Bring one schema ("main" or "records") from its user_version to latest
 * with the given migrations, in one transaction. A database newer than this
 * build is refused, not touched. */
static bool migrate_schema(store_t *st, const char *schema, const char *const *steps, int latest)
{
  int version = 0;
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  char sql[96];

  snprintf(sql, sizeof sql, "PRAGMA %s.user_version", schema);
  if (sqlite3_prepare_v2(st->db, sql, -1, &pStmt, NULL) != SQLITE_OK ||
      sqlite3_step(pStmt) != SQLITE_ROW) {
    store_fail(st, "cannot read the schema version");
    goto done;
  }
  version = sqlite3_column_int(pStmt, 0);
  sqlite3_finalize(pStmt); /* an open statement would lock the tables a migration drops */
  pStmt = NULL;
  if (version > latest) {
    store_set_error(st, "the %s database has schema version %d; this build knows up to %d",
                    schema, version, latest);
    goto done;
  }
  if (version == latest) {
    ok = true;
    goto done;
  }
  if (!store_exec(st, "BEGIN IMMEDIATE"))
    goto done;
  for (int v = version; v < latest; v++) {
    if (!store_exec(st, steps[v])) {
      store_exec(st, "ROLLBACK");
      goto done;
    }
  }
  snprintf(sql, sizeof sql, "PRAGMA %s.user_version = %d", schema, latest);
  ok = store_exec(st, sql) && store_exec(st, "COMMIT");
  if (!ok)
    store_exec(st, "ROLLBACK");
done:
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_migrate(store_t *st)
{
  return migrate_schema(st, "records", records_migrations, records_schema_version()) &&
         migrate_schema(st, "main", migrations, store_schema_version());
}
