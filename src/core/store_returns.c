/*
 * Returns bookkeeping in the records file (see store_returns.h). The claim
 * takes the records file's write lock only (a sync holding the snapshot's
 * lock never blocks it) and does everything in one transaction, so a
 * return is either claimed whole or not at all.
 */
#include "core/store_returns.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/store_private.h"

/* The events a return carries. */
#define RETURN_EVENTS "('no_key_worker', 'language_stated')"

/* Fill out from a returns row (seq, period_from, period_to, written_at,
 * manifest_sha256). */
static void read_return(sqlite3_stmt *pStmt, store_return_t *out)
{
  const unsigned char *t;
  memset(out, 0, sizeof *out);
  out->seq = (long)sqlite3_column_int64(pStmt, 0);
  t = sqlite3_column_text(pStmt, 1);
  snprintf(out->period_from, sizeof out->period_from, "%s", t ? (const char *)t : "");
  t = sqlite3_column_text(pStmt, 2);
  snprintf(out->period_to, sizeof out->period_to, "%s", t ? (const char *)t : "");
  out->written = sqlite3_column_type(pStmt, 3) != SQLITE_NULL;
  t = sqlite3_column_text(pStmt, 4);
  snprintf(out->manifest_sha256, sizeof out->manifest_sha256, "%s", t ? (const char *)t : "");
}

/* The newest return, FOUND / NOT_FOUND / ERROR. */
static store_match_t newest_return(store_t *st, store_return_t *out)
{
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(store_db(st), "SELECT seq, period_from, period_to, written_at, manifest_sha256"
                                       " FROM returns ORDER BY seq DESC LIMIT 1", -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot read the returns");
    return STORE_ERROR;
  }
  int rc = sqlite3_step(pStmt);
  store_match_t m = rc == SQLITE_ROW ? STORE_FOUND : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
  if (m == STORE_FOUND)
    read_return(pStmt, out);
  else if (m == STORE_ERROR)
    store_fail(st, "cannot read the returns");
  sqlite3_finalize(pStmt);
  return m;
}

store_match_t store_return_unwritten(store_t *st, store_return_t *out)
{
  store_match_t m = newest_return(st, out);
  return m == STORE_FOUND && out->written ? STORE_NOT_FOUND : m;
}

/* Run one statement with ?1 = seq. */
static bool exec_seq(store_t *st, const char *sql, long seq)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_int64(pStmt, 1, seq);
    ok = sqlite3_step(pStmt) == SQLITE_DONE;
  }
  sqlite3_finalize(pStmt);
  return ok;
}

/* Insert the returns row of r (not yet written). */
static bool insert_return(store_t *st, const store_return_t *r)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = sqlite3_prepare_v2(store_db(st), "INSERT INTO returns(seq, period_from, period_to) VALUES(?1, ?2, ?3)",
                               -1, &pStmt, NULL) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_int64(pStmt, 1, r->seq);
    sqlite3_bind_text(pStmt, 2, r->period_from, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 3, r->period_to, -1, SQLITE_STATIC);
    ok = sqlite3_step(pStmt) == SQLITE_DONE;
  }
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_return_claim(store_t *st, const char *now, store_return_t *out)
{
  store_return_t last;
  /* A deferred BEGIN and a write to the records file take that file's
   * lock alone (BEGIN IMMEDIATE would wait for a sync's snapshot lock). */
  if (!store_exec(st, "BEGIN; DELETE FROM records.returns WHERE 0"))
    return false;
  store_match_t m = newest_return(st, &last);
  if (m == STORE_ERROR)
    goto fail;
  memset(out, 0, sizeof *out);
  out->seq = m == STORE_FOUND ? last.seq + 1 : 1;
  snprintf(out->period_from, sizeof out->period_from, "%s", m == STORE_FOUND ? last.period_to : "");
  snprintf(out->period_to, sizeof out->period_to, "%s", now);
  if (m == STORE_FOUND && !last.written) {
    store_set_error(st, "return %ld was never written; write it first", last.seq);
    goto rollback;
  }
  if (!insert_return(st, out))
    goto fail;
  if (!exec_seq(st, "INSERT INTO returned_items(kind, item_id, seq)"
                    " SELECT 'card', c.id, ?1 FROM cards_printed c WHERE c.outcome = 'completed'"
                    " AND NOT EXISTS(SELECT 1 FROM returned_items r WHERE r.kind = 'card' AND r.item_id = c.id)",
                out->seq) ||
      !exec_seq(st, "INSERT INTO returned_items(kind, item_id, seq)"
                    " SELECT 'event', a.id, ?1 FROM audit_log a WHERE a.event IN " RETURN_EVENTS
                    " AND NOT EXISTS(SELECT 1 FROM returned_items r WHERE r.kind = 'event' AND r.item_id = a.id)",
                out->seq) ||
      !exec_seq(st, "INSERT INTO returned_counts(seq, month, name, count)"
                    " SELECT ?1, month, name, delta FROM (SELECT a.month, a.name, a.count - coalesce("
                    "   (SELECT sum(r.count) FROM returned_counts r WHERE r.month = a.month AND r.name = a.name), 0)"
                    "   AS delta FROM anonymous_counts a WHERE a.name LIKE 'survey.%') WHERE delta > 0",
                out->seq))
    goto fail;
  if (!store_exec(st, "COMMIT"))
    goto rollback;
  return true;
fail:
  store_fail(st, "cannot claim the return");
rollback:
  sqlite3_exec(store_db(st), "ROLLBACK", NULL, NULL, NULL);
  return false;
}

/* Call fn for each row of a query with ?1 = seq; n columns. */
static bool each_row(store_t *st, const char *sql, long seq, int n, store_return_row_fn fn, void *ctx)
{
  sqlite3_stmt *pStmt = NULL;
  const char *values[8];
  if (sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot read the return");
    return false;
  }
  sqlite3_bind_int64(pStmt, 1, seq);
  int rc;
  bool stopped = false;
  while (!stopped && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (int i = 0; i < n; i++) {
      const unsigned char *t = sqlite3_column_text(pStmt, i);
      values[i] = t ? (const char *)t : "";
    }
    stopped = !fn(ctx, values);
  }
  bool ok = !stopped && rc == SQLITE_DONE;
  if (!stopped && !ok)
    store_fail(st, "cannot read the return");
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_return_cards(store_t *st, long seq, store_return_row_fn fn, void *ctx)
{
  return each_row(st, "SELECT c.nhs_number, c.key_worker_id, c.reason, c.by, coalesce(c.finished_at, c.started_at)"
                      " FROM returned_items r JOIN cards_printed c ON c.id = r.item_id"
                      " WHERE r.seq = ?1 AND r.kind = 'card' ORDER BY c.id",
                  seq, 5, fn, ctx);
}

bool store_return_events(store_t *st, long seq, store_return_row_fn fn, void *ctx)
{
  return each_row(st, "SELECT a.event, a.detail, a.at FROM returned_items r JOIN audit_log a ON a.id = r.item_id"
                      " WHERE r.seq = ?1 AND r.kind = 'event' ORDER BY a.id",
                  seq, 3, fn, ctx);
}

bool store_return_counts(store_t *st, long seq, store_return_row_fn fn, void *ctx)
{
  return each_row(st, "SELECT month, name, count FROM returned_counts WHERE seq = ?1 ORDER BY month, name", seq, 3,
                  fn, ctx);
}

bool store_return_written(store_t *st, long seq, const char *manifest_sha256, const char *key_id)
{
  char now[21];
  sqlite3_stmt *pStmt = NULL;
  clock_now_utc(now);
  bool ok = sqlite3_prepare_v2(store_db(st), "UPDATE returns SET written_at = ?2, manifest_sha256 = ?3, key_id = ?4"
                                             " WHERE seq = ?1", -1, &pStmt, NULL) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_int64(pStmt, 1, seq);
    sqlite3_bind_text(pStmt, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 3, manifest_sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 4, key_id, -1, SQLITE_STATIC);
    ok = sqlite3_step(pStmt) == SQLITE_DONE && sqlite3_changes(store_db(st)) == 1;
  }
  if (!ok)
    store_fail(st, "cannot record the return as written");
  sqlite3_finalize(pStmt);
  return ok;
}
