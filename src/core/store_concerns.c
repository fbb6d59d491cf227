/*
 * Anonymous daily counts of the concerns checklist's groups (see
 * store_concerns.h): one UPSERT per group, in one transaction.
 */
#include "core/store_concerns.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/store_private.h"

bool store_concerns_count(store_t *st, unsigned groups)
{
  char now[21], day[11];
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  if (!(groups & CONCERNS_ALL_GROUPS))
    return true;
  clock_now_utc(now);
  snprintf(day, sizeof day, "%.10s", now);
  /* A deferred BEGIN takes the records file's lock alone (store_returns.c). */
  if (!store_exec(st, "BEGIN"))
    return false;
  if (sqlite3_prepare_v2(store_db(st),
                         "INSERT INTO records.concerns_counts(day, concern_group, count)"
                         " VALUES(?1, ?2, 1) ON CONFLICT(day, concern_group)"
                         " DO UPDATE SET count = count + 1",
                         -1, &pStmt, NULL) != SQLITE_OK)
    goto fail;
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++) {
    if (!(groups & (1u << g)))
      continue;
    sqlite3_reset(pStmt);
    sqlite3_bind_text(pStmt, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 2, concerns_group_key((concerns_group_t)g), -1, SQLITE_STATIC);
    if (sqlite3_step(pStmt) != SQLITE_DONE)
      goto fail;
  }
  sqlite3_finalize(pStmt);
  pStmt = NULL;
  if (!store_exec(st, "COMMIT"))
    goto rollback;
  return true;
fail:
  store_fail(st, "cannot count the concerns");
rollback:
  sqlite3_finalize(pStmt);
  sqlite3_exec(store_db(st), "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

bool store_concerns_totals(store_t *st, const char *from_day, const char *to_day,
                           long counts[CONCERNS_GROUP_COUNT])
{
  sqlite3_stmt *pStmt = NULL;
  memset(counts, 0, CONCERNS_GROUP_COUNT * sizeof counts[0]);
  if (sqlite3_prepare_v2(store_db(st),
                         "SELECT concern_group, sum(count) FROM records.concerns_counts"
                         " WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)"
                         " GROUP BY concern_group",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot read the concerns counts");
    return false;
  }
  if (from_day)
    sqlite3_bind_text(pStmt, 1, from_day, -1, SQLITE_STATIC);
  if (to_day)
    sqlite3_bind_text(pStmt, 2, to_day, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *key = (const char *)sqlite3_column_text(pStmt, 0);
    concerns_group_t g = key ? concerns_group_from_key(key, strlen(key)) : CONCERNS_GROUP_COUNT;
    if (g < CONCERNS_GROUP_COUNT)
      counts[g] += (long)sqlite3_column_int64(pStmt, 1);
  }
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_DONE) {
    store_fail(st, "cannot read the concerns counts");
    return false;
  }
  return true;
}
