/*
 * The local store: opening (0600, WAL, foreign keys, migration) and the read
 * queries of the kiosk and staff tools. Only the sync writes snapshot data;
 * this file writes only the kiosk's own records (cards, audit).
 */
#include "core/store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/fold.h"
#include "core/rules.h"

void store_set_error(store_t *st, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(st->error, sizeof st->error, fmt, ap);
  va_end(ap);
  st->fault = STORE_FAULT_OTHER;
}

store_fault_t store_fault_of(int sqlite_code, int system_errno)
{
  switch (sqlite_code & 0xff) {
  case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return STORE_FAULT_NONE;
  case SQLITE_BUSY: case SQLITE_LOCKED: return STORE_FAULT_BUSY;
  case SQLITE_FULL: return STORE_FAULT_DISK_FULL;
  case SQLITE_READONLY: case SQLITE_PERM: return STORE_FAULT_READ_ONLY;
  case SQLITE_CORRUPT: case SQLITE_NOTADB: return STORE_FAULT_DAMAGED;
  case SQLITE_IOERR: return system_errno == ENOSPC || system_errno == EDQUOT ? STORE_FAULT_DISK_FULL
                            : system_errno == EROFS ? STORE_FAULT_READ_ONLY : STORE_FAULT_IO;
  case SQLITE_CANTOPEN: return system_errno == EROFS || system_errno == EACCES ? STORE_FAULT_READ_ONLY
                                                                               : STORE_FAULT_IO;
  default: return STORE_FAULT_OTHER;
  }
}

const char *store_fault_words(store_fault_t fault)
{
  switch (fault) {
  case STORE_FAULT_NONE: return "no fault";
  case STORE_FAULT_BUSY: return "the store is busy (a sync may be importing); try again";
  case STORE_FAULT_DISK_FULL: return "disk full";
  case STORE_FAULT_READ_ONLY: return "the store is read-only";
  case STORE_FAULT_DAMAGED: return "the store is damaged";
  case STORE_FAULT_IO: return "disk I/O error";
  case STORE_FAULT_OTHER: break;
  }
  return "store error";
}

void store_fail(store_t *st, const char *what)
{
  int code = sqlite3_extended_errcode(st->db);
  st->fault = store_fault_of(code, sqlite3_system_errno(st->db));
  const char *sep = what ? ": " : "";
  what = what ? what : "";
  if (st->fault == STORE_FAULT_OTHER || st->fault == STORE_FAULT_NONE)
    snprintf(st->error, sizeof st->error, "%s%s%s", what, sep, sqlite3_errmsg(st->db));
  else
    snprintf(st->error, sizeof st->error, "%s%s%s", what, sep, store_fault_words(st->fault));
  if (st->fault == STORE_FAULT_NONE)
    st->fault = STORE_FAULT_OTHER;
}

bool store_exec(store_t *st, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    store_fail(st, NULL);
    if (st->fault == STORE_FAULT_OTHER && msg)
      snprintf(st->error, sizeof st->error, "%s", msg);
    sqlite3_free(msg);
    return false;
  }
  return true;
}

const char *store_error(const store_t *st) { return st ? st->error : "no store"; }

void store_set_busy_timeout_ms(store_t *st, int timeout_ms) { sqlite3_busy_timeout(st->db, timeout_ms); }

store_fault_t store_fault(const store_t *st) { return st ? st->fault : STORE_FAULT_OTHER; }

bool store_records_path(const char *db_path, char *out, size_t outlen)
{
  size_t len = strlen(db_path);
  if (len > 3 && !strcmp(db_path + len - 3, ".db"))
    len -= 3;
  int n = snprintf(out, outlen, "%.*s-records.db", (int)len, db_path);
  return n > 0 && (size_t)n < outlen;
}

sqlite3 *store_db(store_t *st) { return st->db; }

/* Create the file with mode 0600 if it does not exist, so the database is
 * never readable by others even for a moment (SQLite gives the -wal and -shm
 * files the same mode). An existing file is never opened here: closing a
 * descriptor drops every POSIX lock this process holds on the file, so
 * opening and closing a database another connection of this process has
 * open would silently drop that connection's locks (and another process
 * could then checkpoint and delete the WAL under it). */
static bool create_private_file(const char *path, char *err, size_t errlen)
{
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    return true;
  if (fd < 0) {
    snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
    return false;
  }
  close(fd);
  return true;
}

/* Attach the kiosk's records file beside the snapshot (created 0600), in
 * WAL mode too: a sync's long write transaction on the snapshot never holds
 * the records file's lock. */
static bool attach_records(store_t *st, const char *path, char *err, size_t errlen)
{
  char records[4096];
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  if (!store_records_path(path, records, sizeof records)) {
    snprintf(err, errlen, "%s: path too long", path);
    return false;
  }
  if (!create_private_file(records, err, errlen))
    return false;
  if (sqlite3_prepare_v2(st->db, "ATTACH DATABASE ?1 AS records", -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, NULL);
    goto done;
  }
  sqlite3_bind_text(pStmt, 1, records, -1, SQLITE_STATIC);
  if (sqlite3_step(pStmt) != SQLITE_DONE) {
    store_fail(st, NULL);
    goto done;
  }
  ok = store_exec(st, "PRAGMA records.journal_mode = WAL; PRAGMA records.synchronous = NORMAL;");
done:
  if (!ok)
    snprintf(err, errlen, "%s: %s", records, st->error);
  sqlite3_finalize(pStmt);
  return ok;
}

/* Open a store handle with the kiosk's pragmas; create says whether a
 * missing file may be created. */
static store_t *open_handle(const char *path, bool create, char *err, size_t errlen)
{
  store_t *st = calloc(1, sizeof *st);
  if (!st) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  if (create && !create_private_file(path, err, errlen))
    goto fail;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
    if (st->db)
      store_fail(st, NULL);
    snprintf(err, errlen, "%s: %s", path, st->db ? st->error : "cannot open");
    goto fail;
  }
  sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
  if (!store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")) {
    snprintf(err, errlen, "%s: %s", path, st->error);
    goto fail;
  }
  if (!attach_records(st, path, err, errlen))
    goto fail;
  return st;
fail:
  store_close(st);
  return NULL;
}

store_t *store_open(const char *path, char *err, size_t errlen)
{
  store_t *st = open_handle(path, true, err, errlen);
  if (st && !store_migrate(st)) {
    snprintf(err, errlen, "%s: %s", path, st->error);
    store_close(st);
    return NULL;
  }
  return st;
}

store_t *store_open_existing(const char *path, char *err, size_t errlen)
{
  if (access(path, F_OK) != 0) {
    snprintf(err, errlen, "%s: no database here (run 'allwedd sync' first)", path);
    return NULL;
  }
  store_t *st = open_handle(path, false, err, errlen);
  if (st && !store_migrate(st)) {
    snprintf(err, errlen, "%s: %s", path, st->error);
    store_close(st);
    return NULL;
  }
  return st;
}

void store_close(store_t *st)
{
  if (!st)
    return;
  sqlite3_close_v2(st->db);
  free(st);
}

/* Copy column i of a row as text into a fixed buffer. */
static void column_text(sqlite3_stmt *pStmt, int i, char *out, size_t outlen)
{
  const unsigned char *text = sqlite3_column_text(pStmt, i);
  snprintf(out, outlen, "%s", text ? (const char *)text : "");
}

#define COPY_COLUMN(stmt, i, field) column_text(stmt, i, field, sizeof(field))

static const char patient_columns[] =
    "nhs_number, given_name, family_name, date_of_birth, postcode, preferred_language,"
    " coalesce(key_worker_id, ''), pathway";

/* Fill a patient from a row selected with patient_columns. */
static void read_patient(sqlite3_stmt *pStmt, patient_t *p)
{
  COPY_COLUMN(pStmt, 0, p->nhs_number);
  COPY_COLUMN(pStmt, 1, p->given_name);
  COPY_COLUMN(pStmt, 2, p->family_name);
  COPY_COLUMN(pStmt, 3, p->date_of_birth);
  COPY_COLUMN(pStmt, 4, p->postcode);
  COPY_COLUMN(pStmt, 5, p->preferred_language);
  COPY_COLUMN(pStmt, 6, p->key_worker_id);
  COPY_COLUMN(pStmt, 7, p->pathway);
}

/* Step a prepared patient query: exactly one row is FOUND, two AMBIGUOUS. */
static store_match_t match_patients(store_t *st, sqlite3_stmt *pStmt, patient_t *out)
{
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_DONE)
    return STORE_NOT_FOUND;
  if (rc != SQLITE_ROW)
    goto error;
  read_patient(pStmt, out);
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    memset(out, 0, sizeof *out);
    return STORE_AMBIGUOUS;
  }
  if (rc == SQLITE_DONE)
    return STORE_FOUND;
error:
  store_fail(st, NULL);
  return STORE_ERROR;
}

/* Prepare sql or keep the error. */
static sqlite3_stmt *prepare(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(st->db, sql, -1, &pStmt, NULL) != SQLITE_OK)
    store_fail(st, NULL);
  return pStmt;
}

store_match_t store_patient_by_nhs(store_t *st, const char *nhs_number, patient_t *out)
{
  char nhs[11], sql[256];
  const char *why;
  if (!rules_nhs_number(nhs_number, nhs, &why))
    return STORE_NOT_FOUND;
  snprintf(sql, sizeof sql, "SELECT %s FROM patients WHERE nhs_number = ?1", patient_columns);
  sqlite3_stmt *pStmt = prepare(st, sql);
  if (!pStmt)
    return STORE_ERROR;
  sqlite3_bind_text(pStmt, 1, nhs, -1, SQLITE_STATIC);
  store_match_t m = match_patients(st, pStmt, out);
  sqlite3_finalize(pStmt);
  return m;
}

store_match_t store_patient_identify(store_t *st, const char *date_of_birth,
                                     const char *family_name, const char *postcode,
                                     patient_t *out)
{
  char fold[MODEL_NAME_MAX * 4 + 1], pc[RULES_POSTCODE_MAX] = "", sql[320];
  const char *why;
  if (!fold_name(family_name, fold, sizeof fold) || !fold[0])
    return STORE_NOT_FOUND;
  bool with_postcode = postcode && postcode[0];
  if (with_postcode && !rules_postcode(postcode, pc, &why))
    return STORE_NOT_FOUND;
  snprintf(sql, sizeof sql,
           "SELECT %s FROM patients WHERE date_of_birth = ?1 AND family_fold = ?2%s LIMIT 2",
           patient_columns, with_postcode ? " AND postcode = ?3" : "");
  sqlite3_stmt *pStmt = prepare(st, sql);
  if (!pStmt)
    return STORE_ERROR;
  sqlite3_bind_text(pStmt, 1, date_of_birth, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, fold, -1, SQLITE_STATIC);
  if (with_postcode)
    sqlite3_bind_text(pStmt, 3, pc, -1, SQLITE_STATIC);
  store_match_t m = match_patients(st, pStmt, out);
  sqlite3_finalize(pStmt);
  return m;
}

store_match_t store_key_worker_get(store_t *st, const char *id, key_worker_t *out)
{
  sqlite3_stmt *pStmt = prepare(st, "SELECT id, given_name, family_name, role_en, role_cy, team_en,"
                                    " team_cy, phone, email, hours_en, hours_cy"
                                    " FROM key_workers WHERE id = ?1");
  if (!pStmt)
    return STORE_ERROR;
  sqlite3_bind_text(pStmt, 1, id, -1, SQLITE_STATIC);
  store_match_t m = STORE_NOT_FOUND;
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    COPY_COLUMN(pStmt, 0, out->id);
    COPY_COLUMN(pStmt, 1, out->given_name);
    COPY_COLUMN(pStmt, 2, out->family_name);
    COPY_COLUMN(pStmt, 3, out->role_en);
    COPY_COLUMN(pStmt, 4, out->role_cy);
    COPY_COLUMN(pStmt, 5, out->team_en);
    COPY_COLUMN(pStmt, 6, out->team_cy);
    COPY_COLUMN(pStmt, 7, out->phone);
    COPY_COLUMN(pStmt, 8, out->email);
    COPY_COLUMN(pStmt, 9, out->hours_en);
    COPY_COLUMN(pStmt, 10, out->hours_cy);
    m = STORE_FOUND;
  } else if (rc != SQLITE_DONE) {
    store_fail(st, NULL);
    m = STORE_ERROR;
  }
  sqlite3_finalize(pStmt);
  return m;
}

bool store_services_list(store_t *st, const char *category, service_t **out, size_t *count)
{
  sqlite3_stmt *pStmt = prepare(st, "SELECT id, category, name_en, name_cy, summary_en, summary_cy,"
                                    " phone, url, hours_en, hours_cy, area FROM services"
                                    " WHERE ?1 IS NULL OR category = ?1 ORDER BY id");
  service_t *list = NULL;
  size_t n = 0, cap = 0;
  bool ok = false;
  *out = NULL;
  *count = 0;
  if (!pStmt)
    return false;
  if (category)
    sqlite3_bind_text(pStmt, 1, category, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      service_t *grown = realloc(list, cap * sizeof *list);
      if (!grown) {
        store_set_error(st, "out of memory");
        goto done;
      }
      list = grown;
    }
    service_t *s = &list[n++];
    COPY_COLUMN(pStmt, 0, s->id);
    COPY_COLUMN(pStmt, 1, s->category);
    COPY_COLUMN(pStmt, 2, s->name_en);
    COPY_COLUMN(pStmt, 3, s->name_cy);
    COPY_COLUMN(pStmt, 4, s->summary_en);
    COPY_COLUMN(pStmt, 5, s->summary_cy);
    COPY_COLUMN(pStmt, 6, s->phone);
    COPY_COLUMN(pStmt, 7, s->url);
    COPY_COLUMN(pStmt, 8, s->hours_en);
    COPY_COLUMN(pStmt, 9, s->hours_cy);
    COPY_COLUMN(pStmt, 10, s->area);
  }
  if (rc != SQLITE_DONE) {
    store_fail(st, NULL);
    goto done;
  }
  *out = list;
  *count = n;
  list = NULL;
  ok = true;
done:
  free(list);
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_patients_without_key_worker(store_t *st, size_t *count, char (*nhs)[11], size_t max)
{
  sqlite3_stmt *pStmt = prepare(st, "SELECT nhs_number FROM patients WHERE key_worker_id IS NULL"
                                    " ORDER BY nhs_number");
  if (!pStmt)
    return false;
  size_t n = 0;
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (n < max)
      column_text(pStmt, 0, nhs[n], sizeof nhs[n]);
    n++;
  }
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_DONE) {
    store_fail(st, NULL);
    return false;
  }
  *count = n;
  return true;
}

/* Run a single-value integer query. */
static bool query_long(store_t *st, const char *sql, long *out)
{
  sqlite3_stmt *pStmt = prepare(st, sql);
  bool ok = pStmt && sqlite3_step(pStmt) == SQLITE_ROW;
  if (ok)
    *out = (long)sqlite3_column_int64(pStmt, 0);
  else if (pStmt)
    store_fail(st, NULL);
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_summary(store_t *st, store_summary_t *out)
{
  memset(out, 0, sizeof *out);
  if (!query_long(st, "SELECT count(*) FROM patients", &out->patients) ||
      !query_long(st, "SELECT count(*) FROM key_workers", &out->key_workers) ||
      !query_long(st, "SELECT count(*) FROM services", &out->services) ||
      !query_long(st, "SELECT count(*) FROM key_worker_history", &out->history) ||
      !query_long(st, "SELECT count(*) FROM patients WHERE key_worker_id IS NULL",
                  &out->patients_without_key_worker))
    return false;
  sqlite3_stmt *pStmt =
      prepare(st, "SELECT generated, finished_at, site FROM sync_runs ORDER BY id DESC LIMIT 1");
  if (!pStmt)
    return false;
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    COPY_COLUMN(pStmt, 0, out->last_generated);
    COPY_COLUMN(pStmt, 1, out->last_sync_at);
    COPY_COLUMN(pStmt, 2, out->site);
  }
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    store_fail(st, NULL);
    return false;
  }
  return true;
}

int64_t store_new_record_id(void)
{
  uint64_t id = 0;
  while (id == 0)
    randombytes_buf(&id, sizeof id);
  return (int64_t)(id >> 11); /* positive, exact in a double */
}

bool store_card_print_begin(store_t *st, const card_print_t *card, int64_t row_id)
{
  char now[21];
  clock_now_utc(now);
  sqlite3_stmt *pStmt = prepare(st, "INSERT INTO cards_printed(started_at, nhs_number, key_worker_id,"
                                    " reason, printer, by, record_key) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!pStmt) {
    store_fail(st, "cannot write the card record");
    return false;
  }
  sqlite3_bind_int64(pStmt, 7, row_id);
  sqlite3_bind_text(pStmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, card->nhs_number, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 3, card->key_worker_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 4, card->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 5, card->printer, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 6, card->by, -1, SQLITE_STATIC);
  bool ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_fail(st, "cannot write the card record");
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_card_print_end(store_t *st, int64_t row_id, int job_id, const char *outcome)
{
  char now[21];
  clock_now_utc(now);
  sqlite3_stmt *pStmt = prepare(st, "UPDATE cards_printed SET finished_at = ?1, job_id = ?2,"
                                    " outcome = ?3 WHERE record_key = ?4");
  if (!pStmt) {
    store_fail(st, "cannot update the card record");
    return false;
  }
  sqlite3_bind_text(pStmt, 1, now, -1, SQLITE_STATIC);
  if (job_id > 0)
    sqlite3_bind_int(pStmt, 2, job_id);
  sqlite3_bind_text(pStmt, 3, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_int64(pStmt, 4, row_id);
  int rc = sqlite3_step(pStmt);
  bool ok = rc == SQLITE_DONE && sqlite3_changes(st->db) == 1;
  if (rc != SQLITE_DONE)
    store_fail(st, "cannot update the card record");
  else if (!ok)
    store_set_error(st, "card record %lld is missing", (long long)row_id);
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_audit(store_t *st, const char *actor, const char *event, const char *detail)
{
  char now[21];
  clock_now_utc(now);
  sqlite3_stmt *pStmt =
      prepare(st, "INSERT INTO audit_log(at, actor, event, detail) VALUES(?1, ?2, ?3, ?4)");
  if (!pStmt) {
    store_fail(st, "cannot write the audit log");
    return false;
  }
  sqlite3_bind_text(pStmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 3, event, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 4, detail ? detail : "", -1, SQLITE_STATIC);
  bool ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_fail(st, "cannot write the audit log");
  sqlite3_finalize(pStmt);
  return ok;
}

/* Read the per-file lines of a stored report (sync_report_format's table:
 * a header, then "FILE ROWS ADDED CHANGED REMOVED REJECTED"). */
static void parse_report(const char *report, store_sync_run_t *out)
{
  const char *line = strchr(report, '\n'); /* skip the header */
  while (line && out->nfiles < sizeof out->files / sizeof out->files[0]) {
    store_sync_file_t *f = &out->files[out->nfiles];
    if (sscanf(line + 1, "%31s %ld %ld %ld %ld %ld", f->file, &f->rows, &f->added, &f->changed, &f->removed,
               &f->rejected) != 6)
      break;
    out->nfiles++;
    line = strchr(line + 1, '\n');
  }
}

store_match_t store_last_sync_run(store_t *st, store_sync_run_t *out)
{
  memset(out, 0, sizeof *out);
  sqlite3_stmt *pStmt = prepare(st, "SELECT finished_at, generated, duration_ms, report FROM sync_runs"
                                    " ORDER BY id DESC LIMIT 1");
  if (!pStmt)
    return STORE_ERROR;
  int rc = sqlite3_step(pStmt);
  store_match_t m = rc == SQLITE_ROW ? STORE_FOUND : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
  if (m == STORE_FOUND) {
    COPY_COLUMN(pStmt, 0, out->finished_at);
    COPY_COLUMN(pStmt, 1, out->generated);
    out->duration_ms = (long)sqlite3_column_int64(pStmt, 2);
    const char *report = (const char *)sqlite3_column_text(pStmt, 3);
    parse_report(report ? report : "", out);
  } else if (m == STORE_ERROR) {
    store_fail(st, NULL);
  }
  sqlite3_finalize(pStmt);
  return m;
}
