/*
 * Today's counts for the staff menu (store_attention.h): one query over
 * the audit log's event index.
 */
#include "core/store_attention.h"

#include <stdio.h>
#include <string.h>

#include "core/store_private.h"

bool store_attention_since(store_t *st, const char *since_utc, store_attention_t *out)
{
  static const char sql[] = "SELECT event, count(*) FROM audit_log"
                            " WHERE event IN (?1, ?2, ?3) AND at >= ?4 GROUP BY event";
  sqlite3_stmt *pStmt = NULL;
  memset(out, 0, sizeof *out);
  if (sqlite3_prepare_v2(st->db, sql, -1, &pStmt, NULL) != SQLITE_OK) {
    store_fail(st, "cannot count today's events");
    return false;
  }
  sqlite3_bind_text(pStmt, 1, STORE_EVENT_HELP_REQUESTED, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 2, STORE_EVENT_PRINT_FAILED, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 3, STORE_EVENT_SHEET_PRINTER_MISSING, -1, SQLITE_STATIC);
  sqlite3_bind_text(pStmt, 4, since_utc, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *event = (const char *)sqlite3_column_text(pStmt, 0);
    long n = (long)sqlite3_column_int64(pStmt, 1);
    if (!event)
      continue;
    if (!strcmp(event, STORE_EVENT_HELP_REQUESTED))
      out->help_requests = n;
    else if (!strcmp(event, STORE_EVENT_PRINT_FAILED))
      out->print_failures = n;
    else if (!strcmp(event, STORE_EVENT_SHEET_PRINTER_MISSING))
      out->sheet_printer_missing = n;
  }
  bool ok = rc == SQLITE_DONE;
  if (!ok) {
    store_fail(st, "cannot count today's events");
    memset(out, 0, sizeof *out);
  }
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_attention_day_start(time_t now, char out[21])
{
  struct tm local, utc;
  if (!localtime_r(&now, &local))
    return false;
  local.tm_hour = local.tm_min = local.tm_sec = 0;
  local.tm_isdst = -1; /* midnight may be in the other half of the year's offset */
  time_t midnight = mktime(&local);
  if (midnight == (time_t)-1 || !gmtime_r(&midnight, &utc))
    return false;
  return strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &utc) == 20;
}
