/*
 * PRAGMA quick_check over both files of the store, with the first problem
 * SQLite reports kept on the handle in words staff can act on.
 */
#include "core/store_check.h"

#include <string.h>

#include "core/store_private.h"

/* SQLite's first complaint on one line, without its "*** in database
 * main ***" heading. */
static void store_check_first_problem(const char *answer, char *out, size_t outlen)
{
  if (!answer) {
    snprintf(out, outlen, "no answer");
    return;
  }
  if (!strncmp(answer, "*** in database ", 16)) {
    const char *nl = strchr(answer, '\n');
    if (nl)
      answer = nl + 1;
  }
  snprintf(out, outlen, "%s", answer);
  for (char *p = out; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
}

/* Check one schema ("main" or "records"); false with the error kept. */
static bool store_check_schema(store_t *st, const char *schema)
{
  char sql[64];
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  const char *file = sqlite3_db_filename(st->db, schema);
  snprintf(sql, sizeof sql, "PRAGMA %s.quick_check(1)", schema);
  int rc = sqlite3_prepare_v2(st->db, sql, -1, &pStmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    const char *answer = (const char *)sqlite3_column_text(pStmt, 0);
    ok = answer && !strcmp(answer, "ok");
    if (!ok) {
      char first[240];
      store_check_first_problem(answer, first, sizeof first);
      store_set_error(st, "the store %.200s is damaged (PRAGMA quick_check: %s)%s",
                      file && file[0] ? file : schema, first,
                      !strcmp(schema, "main")
                          ? ": move it aside and run a sync to build it again from the export"
                          : ": it holds the kiosk's audit log and card records; keep a copy "
                            "(docs/security.md)");
      st->fault = STORE_FAULT_DAMAGED;
    }
  } else {
    store_fail(st, NULL);
    char why[256];
    snprintf(why, sizeof why, "%.255s", st->error);
    store_fault_t fault = st->fault;
    store_set_error(st, "the store %.200s cannot be checked (PRAGMA quick_check: %.200s)",
                    file && file[0] ? file : schema, why);
    st->fault = fault;
  }
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_quick_check(store_t *st)
{
  return store_check_schema(st, "main") && store_check_schema(st, "records");
}
