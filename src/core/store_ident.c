/*
 * The identification lockout's row in the records file (records.ident_lockout,
 * created by the records migration 1 -> 2 in store_schema.c). The bucket
 * counts are kept as text ("0,0,3,...", newest first), readable with sqlite3
 * when staff ask why the screen paused.
 */
#include "core/store_ident.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/store_private.h"

enum { COUNTS_TEXT_MAX = IDENT_BUCKETS * 11 + 1 };

/* The counts as text, newest first. */
static void counts_format(const ident_lockout_t *l, char *out, size_t outlen)
{
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; i < IDENT_BUCKETS && used < outlen; i++)
    used += (size_t)snprintf(out + used, outlen - used, "%s%" PRIu32, i ? "," : "", l->counts[i]);
}

/* The counts from text; false unless exactly IDENT_BUCKETS numbers. */
static bool counts_parse(const char *text, ident_lockout_t *l)
{
  const char *p = text;
  for (int i = 0; i < IDENT_BUCKETS; i++) {
    char *end = NULL;
    if (*p < '0' || *p > '9')
      return false;
    unsigned long long v = strtoull(p, &end, 10);
    if (v > UINT32_MAX || (*end != ',' && *end != '\0') || (*end == '\0' && i + 1 < IDENT_BUCKETS))
      return false;
    l->counts[i] = (uint32_t)v;
    p = *end ? end + 1 : end;
  }
  return *p == '\0';
}

/* Load the saved lockout. */
store_match_t store_ident_lockout_load(store_t *st, ident_lockout_t *out)
{
  sqlite3_stmt *pStmt = NULL;
  store_match_t result = STORE_ERROR;
  memset(out, 0, sizeof *out);
  if (sqlite3_prepare_v2(st->db,
                         "SELECT bucket_ms, newest_start_ms, counts, locked_until_ms, pending,"
                         " pending_ms FROM ident_lockout WHERE id = 1",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot read the identification lockout");
    goto done;
  }
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_DONE) {
    result = STORE_NOT_FOUND;
    goto done;
  }
  if (rc != SQLITE_ROW) {
    store_fail(st, "cannot read the identification lockout");
    goto done;
  }
  out->bucket_ms = sqlite3_column_int64(pStmt, 0);
  out->newest_start_ms = sqlite3_column_int64(pStmt, 1);
  const char *counts = (const char *)sqlite3_column_text(pStmt, 2);
  out->locked_until_ms = sqlite3_column_int64(pStmt, 3);
  out->pending = sqlite3_column_int(pStmt, 4) != 0;
  out->pending_ms = sqlite3_column_int64(pStmt, 5);
  if (!counts || !counts_parse(counts, out) || out->bucket_ms < 0) {
    memset(out, 0, sizeof *out);
    store_set_error(st, "the saved identification lockout is damaged (records.ident_lockout)");
    goto done;
  }
  result = STORE_FOUND;
done:
  sqlite3_finalize(pStmt);
  return result;
}

/* Save the lockout (one row, replaced). */
bool store_ident_lockout_save(store_t *st, const ident_lockout_t *l)
{
  char now[21], counts[COUNTS_TEXT_MAX];
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  clock_now_utc(now);
  counts_format(l, counts, sizeof counts);
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR REPLACE INTO ident_lockout(id, saved_at, bucket_ms,"
                         " newest_start_ms, counts, locked_until_ms, pending, pending_ms)"
                         " VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot save the identification lockout");
    goto done;
  }
  sqlite3_bind_text(pStmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64(pStmt, 2, l->bucket_ms);
  sqlite3_bind_int64(pStmt, 3, l->newest_start_ms);
  sqlite3_bind_text(pStmt, 4, counts, -1, SQLITE_STATIC);
  sqlite3_bind_int64(pStmt, 5, l->locked_until_ms);
  sqlite3_bind_int(pStmt, 6, l->pending ? 1 : 0);
  sqlite3_bind_int64(pStmt, 7, l->pending_ms);
  ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_fail(st, "cannot save the identification lockout");
done:
  sqlite3_finalize(pStmt);
  return ok;
}
