/*
 * Unfinished card print records (see store_prints.h), in the records file's
 * cards_printed table. Only the columns the resolution needs are read: never
 * the NHS number.
 */
#include "core/store_prints.h"

#include <stdio.h>
#include <string.h>

#include "core/store_private.h"

/* Keep the printer's job id (and the printer used) on a submitting record. */
bool store_card_print_submitted(store_t *st, int64_t record_key, const char *printer, int job_id)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  if (sqlite3_prepare_v2(st->db,
                         "UPDATE cards_printed SET job_id = ?1, printer = ?2"
                         " WHERE record_key = ?3 AND outcome = 'submitting'",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot update the card record");
    goto done;
  }
  sqlite3_bind_int(pStmt, 1, job_id);
  sqlite3_bind_text(pStmt, 2, printer, -1, SQLITE_STATIC);
  sqlite3_bind_int64(pStmt, 3, record_key);
  if (sqlite3_step(pStmt) != SQLITE_DONE) {
    store_fail(st, "cannot update the card record");
    goto done;
  }
  ok = sqlite3_changes(st->db) == 1;
  if (!ok)
    store_set_error(st, "card record %lld is not being submitted", (long long)record_key);
done:
  sqlite3_finalize(pStmt);
  return ok;
}

/* The records still submitting, oldest first. */
bool store_card_prints_unfinished(store_t *st, store_unfinished_print_t *out, size_t max, size_t *count)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  *count = 0;
  if (sqlite3_prepare_v2(st->db,
                         "SELECT record_key, printer, coalesce(job_id, 0), started_at, by"
                         " FROM cards_printed WHERE outcome = 'submitting' AND record_key IS NOT NULL"
                         " ORDER BY id LIMIT ?1",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot read the card records");
    goto done;
  }
  sqlite3_bind_int64(pStmt, 1, (sqlite3_int64)max);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    store_unfinished_print_t *u = &out[(*count)++];
    memset(u, 0, sizeof *u);
    u->record_key = sqlite3_column_int64(pStmt, 0);
    snprintf(u->printer, sizeof u->printer, "%s", (const char *)sqlite3_column_text(pStmt, 1));
    u->job_id = sqlite3_column_int(pStmt, 2);
    snprintf(u->started_at, sizeof u->started_at, "%s", (const char *)sqlite3_column_text(pStmt, 3));
    snprintf(u->by, sizeof u->by, "%s", (const char *)sqlite3_column_text(pStmt, 4));
  }
  if (rc != SQLITE_DONE) {
    store_fail(st, "cannot read the card records");
    goto done;
  }
  ok = true;
done:
  sqlite3_finalize(pStmt);
  return ok;
}
