/*
 * The local store: two SQLite files (WAL, foreign keys on, created 0600),
 * each with its schema versioned with PRAGMA user_version and migrated
 * forward on open, and the queries the kiosk, the card printer and the
 * staff tools ask.
 *
 *  - the snapshot (the configured db_path): the last imported export
 *    (patients, key workers, history, services) and the sync runs. Only the
 *    sync module writes it, through store_db(), in one transaction.
 *  - the kiosk's own records (store_records_path(): "allwedd.db" ->
 *    "allwedd-records.db"), attached as schema "records": audit log, card
 *    print records and every other table the kiosk writes. A sync holds the
 *    snapshot's write lock for its whole import; the records file has a lock
 *    of its own, so the kiosk's writes never wait for a sync.
 * Table names are unique across both, so queries name tables unqualified.
 */
#ifndef ALLWEDD_STORE_H
#define ALLWEDD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

typedef struct store store_t;
typedef struct sqlite3 sqlite3;

/* How long a statement waits for another connection's lock before it
 * fails with STORE_FAULT_BUSY. */
enum { STORE_BUSY_TIMEOUT_MS = 5000 };

/* What kind of trouble the last error was, so callers can say it plainly
 * and choose an exit status (a busy or full store is not a bad bundle, and
 * not "no match"). */
typedef enum {
  STORE_FAULT_NONE = 0,
  STORE_FAULT_BUSY,        /* another connection held the lock past the busy timeout */
  STORE_FAULT_DISK_FULL,   /* SQLITE_FULL, or an I/O error with ENOSPC/EDQUOT */
  STORE_FAULT_READ_ONLY,   /* the file, its directory or the file system refuses writes */
  STORE_FAULT_DAMAGED,     /* SQLITE_CORRUPT / SQLITE_NOTADB */
  STORE_FAULT_IO,          /* any other I/O error */
  STORE_FAULT_OTHER,       /* anything else (the message says what) */
} store_fault_t;

typedef enum {
  STORE_FOUND = 0,     /* exactly one record */
  STORE_NOT_FOUND,     /* no record */
  STORE_AMBIGUOUS,     /* more than one record matched */
  STORE_ERROR,         /* SQLite failed; see store_error() */
} store_match_t;

/* Open (creating it 0600 if needed) and migrate the store at path.
 * NULL on failure with the reason in err. */
store_t *store_open(const char *path, char *err, size_t errlen);

/* Open an existing store without creating or migrating it (the sync's replay
 * check and read-only staff tools). NULL when it does not exist or fails. */
store_t *store_open_existing(const char *path, char *err, size_t errlen);

void store_close(store_t *st);

/* How long this handle's statements wait for a lock (default
 * STORE_BUSY_TIMEOUT_MS). */
void store_set_busy_timeout_ms(store_t *st, int timeout_ms);

/* The last error on this handle, in words a member of staff can act on
 * ("cannot write the audit log: disk full"); never NULL. */
const char *store_error(const store_t *st);

/* The kind of the last error on this handle (STORE_FAULT_OTHER for NULL). */
store_fault_t store_fault(const store_t *st);

/* The kind of an SQLite result code (extended codes allowed) with the
 * errno SQLite saw (sqlite3_system_errno), and its words ("disk full"). */
store_fault_t store_fault_of(int sqlite_code, int system_errno);
const char *store_fault_words(store_fault_t fault);

/* The records file that goes with the snapshot at db_path: a trailing
 * ".db" becomes "-records.db", any other path gains "-records.db".
 * false when out is too small. */
bool store_records_path(const char *db_path, char *out, size_t outlen);

/* The SQLite handle, for the sync module's transaction. */
sqlite3 *store_db(store_t *st);

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/* A patient by NHS number (10 digits; spaces allowed). */
store_match_t store_patient_by_nhs(store_t *st, const char *nhs_number, patient_t *out);

/* Identify a patient by date of birth (YYYY-MM-DD) and family name, matched
 * folded (case, accents and punctuation ignored). postcode may be NULL or ""
 * to leave it out; when given it is normalised and must match too. */
store_match_t store_patient_identify(store_t *st, const char *date_of_birth,
                                     const char *family_name, const char *postcode,
                                     patient_t *out);

/* A key worker by id. */
store_match_t store_key_worker_get(store_t *st, const char *id, key_worker_t *out);

/* All services, or those of one category when category is not NULL.
 * *out is malloc'd (free() it); false on error. Order: by service id. */
bool store_services_list(store_t *st, const char *category, service_t **out, size_t *count);

/* Patients with no key worker allocated: count, and up to max NHS numbers. */
bool store_patients_without_key_worker(store_t *st, size_t *count, char (*nhs)[11], size_t max);

/* Counts for summaries. */
typedef struct {
  long patients, key_workers, services, history, patients_without_key_worker;
  char last_generated[32];    /* "" when nothing has been imported */
  char last_sync_at[32];      /* UTC ISO 8601 of the last successful sync */
  char site[256];
} store_summary_t;
bool store_summary(store_t *st, store_summary_t *out);

/* The last successful sync as recorded: when, which bundle, and per file
 * the rows read, added, changed, removed and rejected. */
typedef struct {
  char file[32];
  long rows, added, changed, removed, rejected;
} store_sync_file_t;

typedef struct {
  char finished_at[32];
  char generated[32];
  long duration_ms;
  store_sync_file_t files[8];
  size_t nfiles;
} store_sync_run_t;

/* FOUND with the last run, NOT_FOUND before the first sync, ERROR. */
store_match_t store_last_sync_run(store_t *st, store_sync_run_t *out);

/* A card print, recorded before submission and updated as the job ends.
 * The caller chooses the record's key (store_new_record_id()), so a writer
 * on another thread can record the end without waiting for the begin;
 * rows keep their order of insertion (cards_printed.id). */
typedef struct {
  char nhs_number[11];
  char key_worker_id[33];
  char reason[32];       /* new | lost | damaged | key_worker_changed */
  char printer[256];
  char by[16];           /* "kiosk" or "staff" */
} card_print_t;
int64_t store_new_record_id(void);  /* random, positive, never 0 */
bool store_card_print_begin(store_t *st, const card_print_t *card, int64_t record_key);
bool store_card_print_end(store_t *st, int64_t record_key, int job_id, const char *outcome);

/* Append to the audit log. actor: "kiosk", "staff", "sync", "cli".
 * detail must not hold more patient data than the audit needs. */
bool store_audit(store_t *st, const char *actor, const char *event, const char *detail);

#endif
