/*
 * Anonymous monthly counts (see store_counts.h): one UPSERT per event.
 */
#include "core/store_counts.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/store_private.h"

/* True for a fixed word: 1-63 of a-z 0-9 _ . */
static bool count_name_ok(const char *name)
{
  size_t n = strlen(name);
  return n > 0 && n < 64 && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

bool store_count_add(store_t *st, const char *name)
{
  char month[8], now[21];
  if (!count_name_ok(name)) {
    store_set_error(st, "an anonymous count's name must be a fixed word of a-z 0-9 _ .");
    return false;
  }
  clock_now_utc(now);
  snprintf(month, sizeof month, "%.7s", now);
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(store_db(st),
                         "INSERT INTO anonymous_counts(month, name, count) VALUES(?1, ?2, 1)"
                         " ON CONFLICT(month, name) DO UPDATE SET count = count + 1",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot count");
    return false;
  }
  sqlite3_bind_text(pStmt, 1, month, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, name, -1, SQLITE_STATIC);
  bool ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_fail(st, "cannot count");
  sqlite3_finalize(pStmt);
  return ok;
}
