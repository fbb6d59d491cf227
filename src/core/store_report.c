/*
 * Grouped counts for the implementation report, and the per-sync coverage
 * summary. Reads only; the one write (store_report_record_coverage) runs in
 * the sync's transaction. Nothing here returns a patient's identifier.
 */
#include "core/store_report.h"

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"

void store_report_rows_free(store_report_rows_t *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    for (int k = 0; k < 3; k++)
      free(r->rows[i].key[k]);
  free(r->rows);
  r->rows = NULL;
  r->n = 0;
}

/* Prepare sql or keep SQLite's error on the handle. */
static sqlite3_stmt *prepare(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) != SQLITE_OK) {
    store_set_error(st, "%s", sqlite3_errmsg(store_db(st)));
    sqlite3_finalize(pStmt);
    return NULL;
  }
  return pStmt;
}

/* Step a query whose columns are nkeys text keys, then count, then
 * (optionally) total, collecting every row into out. Finalizes pStmt. */
static bool collect(store_t *st, sqlite3_stmt *pStmt, int nkeys, bool has_total,
                    store_report_rows_t *out)
{
  size_t cap = 0;
  int rc;
  bool ok = false;
  memset(out, 0, sizeof *out);
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (out->n == cap) {
      cap = cap ? cap * 2 : 16;
      store_report_row_t *grown = realloc(out->rows, cap * sizeof *grown);
      if (!grown)
        goto oom;
      out->rows = grown;
    }
    store_report_row_t *row = &out->rows[out->n];
    memset(row, 0, sizeof *row);
    out->n++;
    for (int k = 0; k < 3; k++) {
      const unsigned char *text = k < nkeys ? sqlite3_column_text(pStmt, k) : NULL;
      if (!(row->key[k] = strdup(text ? (const char *)text : "")))
        goto oom;
    }
    row->count = (long)sqlite3_column_int64(pStmt, nkeys);
    row->total = has_total ? (long)sqlite3_column_int64(pStmt, nkeys + 1) : 0;
  }
  if (rc != SQLITE_DONE) {
    store_set_error(st, "%s", sqlite3_errmsg(store_db(st)));
    goto done;
  }
  ok = true;
  goto done;
oom:
  store_set_error(st, "out of memory");
done:
  sqlite3_finalize(pStmt);
  if (!ok)
    store_report_rows_free(out);
  return ok;
}

/* Run a grouped query with the period bound to ?1 (from) and ?2 (to), and
 * ?3 to extra when given. */
static bool grouped3(store_t *st, const char *sql, const char *from, const char *to, const char *extra,
                     int nkeys, bool has_total, store_report_rows_t *out)
{
  memset(out, 0, sizeof *out);
  sqlite3_stmt *pStmt = prepare(st, sql);
  if (!pStmt)
    return false;
  if (from)
    sqlite3_bind_text(pStmt, 1, from, -1, SQLITE_STATIC);
  if (to)
    sqlite3_bind_text(pStmt, 2, to, -1, SQLITE_STATIC);
  if (extra)
    sqlite3_bind_text(pStmt, 3, extra, -1, SQLITE_STATIC);
  return collect(st, pStmt, nkeys, has_total, out);
}

/* A grouped query over the period ?1..?2. */
static bool grouped(store_t *st, const char *sql, const char *from, const char *to, int nkeys,
                    bool has_total, store_report_rows_t *out)
{
  return grouped3(st, sql, from, to, NULL, nkeys, has_total, out);
}

bool store_report_record_coverage(store_t *st, long run)
{
  sqlite3_stmt *pStmt = prepare(st, "INSERT INTO sync_coverage(run, pathway, patients, with_key_worker)"
                                    " SELECT ?1, pathway, count(*), count(key_worker_id) FROM patients"
                                    " GROUP BY pathway");
  if (!pStmt)
    return false;
  sqlite3_bind_int64(pStmt, 1, run);
  bool ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_set_error(st, "cannot record the sync's coverage: %s", sqlite3_errmsg(store_db(st)));
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_report_coverage_now(store_t *st, store_report_rows_t *out)
{
  return grouped(st, "SELECT pathway, count(key_worker_id), count(*) FROM patients"
                     " GROUP BY pathway ORDER BY pathway",
                 NULL, NULL, 1, true, out);
}

bool store_report_coverage_trend(store_t *st, const char *from, const char *to,
                                 store_report_rows_t *out)
{
  return grouped(st, "SELECT r.id, r.finished_at, r.generated, sum(c.with_key_worker), sum(c.patients)"
                     " FROM sync_runs r JOIN sync_coverage c ON c.run = r.id"
                     " WHERE substr(r.finished_at, 1, 10) BETWEEN ?1 AND ?2"
                     " GROUP BY r.id ORDER BY r.id",
                 from, to, 3, true, out);
}

bool store_report_cards_issued(store_t *st, const char *from, const char *to,
                               store_report_rows_t *out)
{
  return grouped(st, "SELECT date(substr(started_at, 1, 10), 'weekday 0', '-6 days') AS week,"
                     " reason, by, count(*) FROM cards_printed"
                     " WHERE outcome = 'completed' AND substr(started_at, 1, 10) BETWEEN ?1 AND ?2"
                     " GROUP BY week, reason, by ORDER BY week, reason, by",
                 from, to, 3, false, out);
}

bool store_report_card_faults(store_t *st, const char *from, const char *to,
                              store_report_rows_t *out)
{
  return grouped(st, "SELECT outcome, count(*) FROM cards_printed"
                     " WHERE outcome NOT IN ('completed', 'written', 'submitting', 'running', 'canceled')"
                     " AND substr(started_at, 1, 10) BETWEEN ?1 AND ?2"
                     " GROUP BY outcome ORDER BY outcome",
                 from, to, 1, false, out);
}

bool store_report_key_worker_allocations(store_t *st, const char *from, const char *to,
                                         store_report_rows_t *out)
{
  return grouped(st, "SELECT h.reason,"
                     " CASE WHEN EXISTS(SELECT 1 FROM key_worker_history e"
                     "   WHERE e.patient_id = h.patient_id AND e.from_date < h.from_date)"
                     " THEN 'change' ELSE 'first' END AS kind, count(*)"
                     " FROM key_worker_history h WHERE h.from_date BETWEEN ?1 AND ?2"
                     " GROUP BY h.reason, kind ORDER BY h.reason, kind",
                 from, to, 2, false, out);
}

bool store_report_event_count(store_t *st, const char *from, const char *to, const char *event,
                              long *events, long *distinct_details)
{
  sqlite3_stmt *pStmt = prepare(st, "SELECT count(*), count(DISTINCT detail) FROM audit_log"
                                    " WHERE event = ?3 AND substr(at, 1, 10) BETWEEN ?1 AND ?2");
  if (!pStmt)
    return false;
  sqlite3_bind_text(pStmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, to, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 3, event, -1, SQLITE_STATIC);
  bool ok = sqlite3_step(pStmt) == SQLITE_ROW;
  if (ok) {
    *events = (long)sqlite3_column_int64(pStmt, 0);
    *distinct_details = (long)sqlite3_column_int64(pStmt, 1);
  } else {
    store_set_error(st, "%s", sqlite3_errmsg(store_db(st)));
  }
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_report_counts(store_t *st, const char *from_month, const char *to_month, const char *prefix,
                         store_report_rows_t *out)
{
  return grouped3(st, "SELECT name, sum(count) FROM anonymous_counts"
                      " WHERE month BETWEEN ?1 AND ?2 AND substr(name, 1, length(?3)) = ?3"
                      " GROUP BY name ORDER BY name",
                  from_month, to_month, prefix, 1, false, out);
}
