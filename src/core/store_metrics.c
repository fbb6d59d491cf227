/*
 * Counts and times for the fleet metrics and the staff screen. Every query
 * here aggregates; none selects a patient column, so no patient value can
 * leave through these functions.
 */
#include "core/store_metrics.h"

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"

/* Prepare sql or keep the error on the handle. */
static sqlite3_stmt *prepare(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(st->db, sql, -1, &pStmt, NULL) != SQLITE_OK)
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
  return pStmt;
}

/* Copy column i as text into a fixed buffer. */
static void column_text(sqlite3_stmt *pStmt, int i, char *out, size_t outlen)
{
  const unsigned char *text = sqlite3_column_text(pStmt, i);
  snprintf(out, outlen, "%s", text ? (const char *)text : "");
}

bool store_table_rows(store_t *st, store_table_rows_t *out)
{
  static const char sql[] =
      "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM key_workers),"
      " (SELECT count(*) FROM key_worker_history), (SELECT count(*) FROM services),"
      " (SELECT count(*) FROM patients WHERE key_worker_id IS NULL),"
      " (SELECT count(*) FROM sync_runs), (SELECT count(*) FROM cards_printed),"
      " (SELECT count(*) FROM audit_log)";
  memset(out, 0, sizeof *out);
  sqlite3_stmt *pStmt = prepare(st, sql);
  if (!pStmt)
    return false;
  bool ok = sqlite3_step(pStmt) == SQLITE_ROW;
  if (ok) {
    long *fields[] = {&out->patients,  &out->key_workers, &out->key_worker_history,
                      &out->services,  &out->patients_without_key_worker,
                      &out->sync_runs, &out->cards_printed, &out->audit_log};
    for (int i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
      *fields[i] = (long)sqlite3_column_int64(pStmt, i);
  } else {
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
  }
  sqlite3_finalize(pStmt);
  return ok;
}

/* Run a grouping query and hand each row to fill, growing a malloc'd
 * array of elements of size elem. */
static bool collect_rows(store_t *st, const char *sql, size_t elem,
                         void (*fill)(sqlite3_stmt *pStmt, void *row), void **out, size_t *count)
{
  sqlite3_stmt *pStmt = prepare(st, sql);
  char *list = NULL;
  size_t n = 0, cap = 0;
  bool ok = false;
  int rc;
  *out = NULL;
  *count = 0;
  if (!pStmt)
    return false;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      char *grown = realloc(list, cap * elem);
      if (!grown) {
        store_set_error(st, "out of memory");
        goto done;
      }
      list = grown;
    }
    memset(list + n * elem, 0, elem);
    fill(pStmt, list + n * elem);
    n++;
  }
  if (rc != SQLITE_DONE) {
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
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

/* One row of the card counts. */
static void fill_card_count(sqlite3_stmt *pStmt, void *row)
{
  store_card_count_t *c = row;
  column_text(pStmt, 0, c->reason, sizeof c->reason);
  column_text(pStmt, 1, c->by, sizeof c->by);
  column_text(pStmt, 2, c->outcome, sizeof c->outcome);
  c->count = (long)sqlite3_column_int64(pStmt, 3);
}

bool store_card_counts(store_t *st, store_card_count_t **out, size_t *count)
{
  return collect_rows(st, "SELECT reason, by, outcome, count(*) FROM cards_printed"
                          " GROUP BY reason, by, outcome ORDER BY reason, by, outcome",
                      sizeof **out, fill_card_count, (void **)out, count);
}

bool store_audit_event_counts(store_t *st, const char *const *events, size_t n, long *counts)
{
  char sql[1024];
  size_t len = (size_t)snprintf(sql, sizeof sql, "SELECT event, count(*) FROM audit_log WHERE event IN (");
  for (size_t i = 0; i < n; i++)
    counts[i] = 0;
  if (n == 0)
    return true;
  if (n > 64) {
    store_set_error(st, "too many audit events asked for at once (%zu)", n);
    return false;
  }
  for (size_t i = 0; i < n; i++)
    len += (size_t)snprintf(sql + len, sizeof sql - len, "%s?%zu", i ? ", " : "", i + 1);
  snprintf(sql + len, sizeof sql - len, ") GROUP BY event");
  sqlite3_stmt *pStmt = prepare(st, sql);
  if (!pStmt)
    return false;
  for (size_t i = 0; i < n; i++)
    sqlite3_bind_text(pStmt, (int)i + 1, events[i], -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *event = (const char *)sqlite3_column_text(pStmt, 0);
    for (size_t i = 0; i < n; i++)
      if (event && !strcmp(event, events[i]))
        counts[i] = (long)sqlite3_column_int64(pStmt, 1);
  }
  if (rc != SQLITE_DONE)
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
  sqlite3_finalize(pStmt);
  return rc == SQLITE_DONE;
}

const char *store_sync_result_name(store_sync_result_t result)
{
  switch (result) {
  case STORE_SYNC_IMPORTED: return "imported";
  case STORE_SYNC_REJECTED: return "rejected";
  case STORE_SYNC_FAILED: return "failed";
  }
  return "failed";
}

/* The audit event of a sync result. */
static const char *sync_result_event(store_sync_result_t result)
{
  switch (result) {
  case STORE_SYNC_IMPORTED: return STORE_EVENT_SYNC_IMPORTED;
  case STORE_SYNC_REJECTED: return STORE_EVENT_SYNC_REJECTED;
  case STORE_SYNC_FAILED: return STORE_EVENT_SYNC_FAILED;
  }
  return STORE_EVENT_SYNC_FAILED;
}

/* Split a refusal's detail "bundle=B reason=R" (store_sync_refusal_record). */
static void split_refusal(store_sync_attempt_t *a)
{
  const char *b = strstr(a->detail, "bundle="), *r = strstr(a->detail, " reason=");
  if (b != a->detail || !r) {
    snprintf(a->reason, sizeof a->reason, "%s", a->detail);
    return;
  }
  snprintf(a->bundle, sizeof a->bundle, "%.*s", (int)(r - b - 7), b + 7);
  snprintf(a->reason, sizeof a->reason, "%s", r + 8);
}

store_match_t store_last_sync_attempt(store_t *st, store_sync_attempt_t *out)
{
  memset(out, 0, sizeof *out);
  sqlite3_stmt *pStmt = prepare(st, "SELECT event, at, detail FROM audit_log"
                                    " WHERE actor = 'sync' AND event IN (?1, ?2, ?3)"
                                    " ORDER BY id DESC LIMIT 1");
  if (!pStmt)
    return STORE_ERROR;
  for (int r = STORE_SYNC_IMPORTED; r <= STORE_SYNC_FAILED; r++)
    sqlite3_bind_text(pStmt, r + 1, sync_result_event((store_sync_result_t)r), -1, SQLITE_STATIC);
  int rc = sqlite3_step(pStmt);
  store_match_t m = rc == SQLITE_ROW ? STORE_FOUND : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
  if (m == STORE_FOUND) {
    char event[48];
    column_text(pStmt, 0, event, sizeof event);
    out->result = !strcmp(event, STORE_EVENT_SYNC_IMPORTED)   ? STORE_SYNC_IMPORTED
                  : !strcmp(event, STORE_EVENT_SYNC_REJECTED) ? STORE_SYNC_REJECTED
                                                              : STORE_SYNC_FAILED;
    column_text(pStmt, 1, out->at, sizeof out->at);
    column_text(pStmt, 2, out->detail, sizeof out->detail);
    if (out->result != STORE_SYNC_IMPORTED)
      split_refusal(out);
  } else if (m == STORE_ERROR) {
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
  }
  sqlite3_finalize(pStmt);
  return m;
}

bool store_sync_refusal_record(store_t *st, store_sync_result_t result, const char *bundle,
                               const char *reason)
{
  char detail[768];
  if (result == STORE_SYNC_IMPORTED) {
    store_set_error(st, "an import is recorded by the sync itself, not as a refusal");
    return false;
  }
  snprintf(detail, sizeof detail, "bundle=%s reason=%s", bundle && bundle[0] ? bundle : "-",
           reason && reason[0] ? reason : "-");
  return store_audit(st, "sync", sync_result_event(result), detail);
}
