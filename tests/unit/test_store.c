/*
 * The store: created 0600 in WAL mode with foreign keys, schema versioned
 * and migrated, and the identification queries (folded names, ambiguity,
 * postcode) on a real SQLite file.
 */
#include <sqlite3.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
#include "core/sync.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-store-XXXXXX";

/* Run SQL on the store's handle. */
static bool exec(store_t *st, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec(store_db(st), sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    printf("      sql error: %s\n", msg);
  sqlite3_free(msg);
  return rc == SQLITE_OK;
}

/* A single integer from a query. */
static long long query_int(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  long long v = -1;
  if (sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW)
    v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return v;
}

int main(void)
{
  char path[256], err[512];
  struct stat sb;
  patient_t p;
  key_worker_t kw;
  if (!mkdtemp(dir))
    return 1;
  snprintf(path, sizeof path, "%s/store.db", dir);

  TEST_SECTION("open creates a private WAL database at the latest schema");
  CHECK(store_open_existing(path, err, sizeof err) == NULL);
  umask(022);
  store_t *st = store_open(path, err, sizeof err);
  if (!CHECK(st != NULL)) {
    printf("      %s\n", err);
    return test_summary();
  }
  CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
  CHECK_INT(query_int(st, "PRAGMA user_version"), store_schema_version());
  CHECK_INT(query_int(st, "PRAGMA foreign_keys"), 1);
  sqlite3_stmt *pStmt = NULL;
  sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &pStmt, NULL);
  CHECK(sqlite3_step(pStmt) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(pStmt, 0), "wal"));
  sqlite3_finalize(pStmt);
  CHECK(exec(st, "CREATE TABLE probe(x)") && exec(st, "INSERT INTO probe VALUES(1)"));
  snprintf(path + strlen(path), 5, "-wal");
  CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
  path[strlen(path) - 4] = '\0';

  TEST_SECTION("foreign keys hold");
  CHECK(!exec(st, "INSERT INTO patients(nhs_number, given_name, family_name, family_fold, date_of_birth,"
                  " key_worker_id, added_run, changed_run) VALUES('9434765919','A','B','b','1961-03-03','nobody',1,1)"));

  TEST_SECTION("identification by birth date and folded family name");
  CHECK(exec(st,
             "INSERT INTO key_workers(id, given_name, family_name, role_en, role_cy, phone, added_run, changed_run)"
             " VALUES('KW1', 'Nia', 'Rowlands', 'Clinical Nurse Specialist', 'Nyrs Glinigol Arbenigol',"
             " '+442920180123', 1, 1);"
             "INSERT INTO patients(nhs_number, given_name, family_name, family_fold, date_of_birth, postcode,"
             " preferred_language, key_worker_id, added_run, changed_run) VALUES"
             " ('9434765919', 'Siân', 'O''Brien', 'obrien', '1961-03-03', 'CF14 2TL', 'cy', 'KW1', 1, 1),"
             " ('4010232137', 'Llŷr', 'Jones', 'jones', '1950-01-01', 'SA1 8PP', '', NULL, 1, 1),"
             " ('9990036241', 'Dafydd', 'Jones', 'jones', '1950-01-01', 'LL57 2DG', 'en', 'KW1', 1, 1);"));
  CHECK_INT(store_patient_identify(st, "1961-03-03", "obrien", NULL, &p), STORE_FOUND);
  CHECK_STR(p.given_name, "Siân");
  CHECK_INT(store_patient_identify(st, "1961-03-03", "O’BRIEN", "", &p), STORE_FOUND);
  CHECK_INT(store_patient_identify(st, "1961-03-04", "O'Brien", NULL, &p), STORE_NOT_FOUND);
  CHECK_INT(store_patient_identify(st, "1950-01-01", "Jones", NULL, &p), STORE_AMBIGUOUS);
  CHECK_STR(p.nhs_number, ""); /* nothing about either patient leaks out */
  CHECK_INT(store_patient_identify(st, "1950-01-01", "Jones", "sa18pp", &p), STORE_FOUND);
  CHECK_STR(p.given_name, "Llŷr");
  CHECK_STR(p.key_worker_id, "");
  CHECK_INT(store_patient_identify(st, "1950-01-01", "Jones", "CF10 1AA", &p), STORE_NOT_FOUND);
  CHECK_INT(store_patient_identify(st, "1950-01-01", "'-", NULL, &p), STORE_NOT_FOUND);

  TEST_SECTION("look-ups by NHS number and key worker");
  CHECK_INT(store_patient_by_nhs(st, "943 476 5919", &p), STORE_FOUND);
  CHECK_STR(p.postcode, "CF14 2TL");
  CHECK_INT(store_patient_by_nhs(st, "9434765918", &p), STORE_NOT_FOUND);
  CHECK_INT(store_key_worker_get(st, "KW1", &kw), STORE_FOUND);
  CHECK_STR(kw.role_cy, "Nyrs Glinigol Arbenigol");
  CHECK_INT(store_key_worker_get(st, "KW2", &kw), STORE_NOT_FOUND);
  size_t count = 0;
  char nhs[4][11];
  CHECK(store_patients_without_key_worker(st, &count, nhs, 4));
  CHECK_INT(count, 1);
  CHECK_STR(nhs[0], "4010232137");
  store_summary_t sum;
  CHECK(store_summary(st, &sum));
  CHECK_INT(sum.patients, 3);
  CHECK_INT(sum.patients_without_key_worker, 1);
  CHECK_STR(sum.last_generated, "");

  TEST_SECTION("the last sync run is read back from its stored report");
  store_sync_run_t run;
  CHECK_INT(store_last_sync_run(st, &run), STORE_NOT_FOUND);
  sync_report_t rep;
  memset(&rep, 0, sizeof rep);
  const char *files[] = {"key_workers.csv", "patients.csv", "key_worker_history.csv", "services.csv"};
  for (int i = 0; i < SYNC_FILES; i++) {
    rep.files[i].file = files[i];
    rep.files[i].rows = 100 + i;
    rep.files[i].added = i;
    rep.files[i].rejected = 1;
  }
  snprintf(rep.generated, sizeof rep.generated, "2026-11-20T23:05:00Z");
  char text[2048], sql[2400];
  sync_report_format(&rep, text, sizeof text);
  char *quoted = sqlite3_mprintf("INSERT INTO sync_runs(started_at, finished_at, generated, duration_ms, report)"
                                 " VALUES('a', '2026-11-21T01:00:00Z', '2026-11-20T23:05:00Z', 1234, %Q)", text);
  snprintf(sql, sizeof sql, "%s", quoted);
  sqlite3_free(quoted);
  CHECK(exec(st, sql));
  CHECK_INT(store_last_sync_run(st, &run), STORE_FOUND);
  CHECK_INT(run.nfiles, 4);
  CHECK_STR(run.files[1].file, "patients.csv");
  CHECK_INT(run.files[1].rows, 101);
  CHECK_INT(run.files[3].added, 3);
  CHECK_INT(run.files[2].rejected, 1);
  CHECK_INT(run.duration_ms, 1234);
  CHECK_STR(run.finished_at, "2026-11-21T01:00:00Z");

  TEST_SECTION("card records and audit");
  card_print_t card = {"9434765919", "KW1", "lost", "cr80-queue", "staff"};
  int64_t id = store_new_record_id();
  CHECK(id > 0 && id != store_new_record_id());
  CHECK(store_card_print_begin(st, &card, id));
  CHECK(store_card_print_end(st, id, 42, "completed"));
  CHECK(!store_card_print_end(st, id + 100, 1, "completed"));
  CHECK_INT(query_int(st, "SELECT job_id FROM cards_printed WHERE outcome = 'completed'"), 42);
  CHECK(store_audit(st, "staff", "card_reprint", "nhs=9434765919 reason=lost"));
  CHECK_INT(query_int(st, "SELECT count(*) FROM audit_log"), 1);
  CHECK_INT(query_int(st, "SELECT count(*) FROM records.sqlite_schema WHERE name IN ('audit_log', 'cards_printed')"), 2);
  CHECK_INT(query_int(st, "SELECT count(*) FROM main.sqlite_schema WHERE name IN ('audit_log', 'cards_printed')"), 0);
  store_close(st);

  TEST_SECTION("the kiosk's records live in their own private file");
  char records[300];
  CHECK(store_records_path(path, records, sizeof records));
  CHECK_STR(records + strlen(dir), "/store-records.db");
  CHECK(stat(records, &sb) == 0 && (sb.st_mode & 0777) == 0600);
  CHECK(store_records_path("/var/lib/allwedd/store", records, sizeof records) &&
        !strcmp(records, "/var/lib/allwedd/store-records.db"));
  CHECK(!store_records_path(path, records, 8));

  TEST_SECTION("a sync's write lock on the snapshot never blocks the kiosk's records");
  store_t *sync_side = store_open(path, err, sizeof err);
  st = store_open(path, err, sizeof err);
  CHECK(sync_side && st);
  store_set_busy_timeout_ms(st, 100);
  CHECK(exec(sync_side, "BEGIN; DELETE FROM main.sync_runs WHERE 0;"));
  CHECK(store_audit(st, "kiosk", "test_during_sync", ""));
  CHECK(store_card_print_begin(st, &card, store_new_record_id()));
  TEST_SECTION("a store held past the busy timeout says so, as a busy store");
  CHECK(exec(sync_side, "COMMIT; BEGIN; DELETE FROM records.audit_log WHERE 0;"));
  CHECK(!store_audit(st, "kiosk", "blocked", ""));
  CHECK_INT(store_fault(st), STORE_FAULT_BUSY);
  CHECK_STR(store_error(st), "cannot write the audit log: the store is busy (a sync may be importing); try again");
  CHECK(exec(sync_side, "ROLLBACK"));
  CHECK_INT(query_int(st, "SELECT count(*) FROM audit_log WHERE event = 'blocked'"), 0);
  store_close(sync_side);

  TEST_SECTION("a second connection in this process keeps the first one's locks");
  /* Opening a database must not open and close a descriptor of a file this
   * process already has open: that drops every POSIX lock on it, and another
   * process (here the sqlite3 shell) then deletes the WAL under us. */
  store_close(st);
  st = store_open(path, err, sizeof err);
  store_t *second = store_open_existing(path, err, sizeof err);
  CHECK(st && second);
  CHECK(store_audit(st, "kiosk", "lock_check", ""));
  char shell[700], line[64] = "";
  CHECK(store_records_path(path, records, sizeof records));
  snprintf(shell, sizeof shell, "sqlite3 '%s' \"SELECT count(*) FROM audit_log WHERE event = 'lock_check'\"",
           records);
  FILE *shell_out = popen(shell, "r");
  CHECK(shell_out && fgets(line, sizeof line, shell_out) && atoi(line) == 1);
  if (shell_out)
    pclose(shell_out);
  CHECK(store_audit(st, "kiosk", "lock_check", ""));
  shell_out = popen(shell, "r");
  CHECK(shell_out && fgets(line, sizeof line, shell_out) && atoi(line) == 2);
  if (shell_out)
    pclose(shell_out);
  store_close(second);

  TEST_SECTION("a full disk and a read-only store are named as such");
  CHECK_INT(store_fault_of(SQLITE_FULL, 0), STORE_FAULT_DISK_FULL);
  CHECK_INT(store_fault_of(SQLITE_IOERR_WRITE, ENOSPC), STORE_FAULT_DISK_FULL);
  CHECK_INT(store_fault_of(SQLITE_READONLY_DBMOVED, 0), STORE_FAULT_READ_ONLY);
  CHECK_INT(store_fault_of(SQLITE_IOERR_WRITE, EIO), STORE_FAULT_IO);
  CHECK_INT(store_fault_of(SQLITE_CORRUPT, 0), STORE_FAULT_DAMAGED);
  CHECK_STR(store_fault_words(STORE_FAULT_DISK_FULL), "disk full");
  CHECK_STR(store_fault_words(STORE_FAULT_READ_ONLY), "the store is read-only");
  /* A real full disk: the records file may not grow past its page limit. */
  CHECK(exec(st, "PRAGMA records.max_page_count = 1"));
  char big[4000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = 0;
  bool wrote = true;
  for (int i = 0; i < 50 && wrote; i++)
    wrote = store_audit(st, "kiosk", "fill", big);
  CHECK(!wrote);
  CHECK_INT(store_fault(st), STORE_FAULT_DISK_FULL);
  CHECK_STR(store_error(st), "cannot write the audit log: disk full");
  store_close(st);

  TEST_SECTION("a database from a newer build is refused and left alone");
  st = store_open(path, err, sizeof err);
  CHECK(exec(st, "PRAGMA user_version = 99"));
  store_close(st);
  CHECK(store_open(path, err, sizeof err) == NULL);
  printf("   (error: %s)\n", err);

  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
