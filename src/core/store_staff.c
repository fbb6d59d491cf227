/*
 * Wrong staff PINs in the kiosk's records file: one row per try, removed
 * all at once by a right PIN. The table stays small: the pause after wrong
 * PINs (staff_pin.h) allows a few tries an hour.
 */
#include "core/store_staff.h"

#include <string.h>

#include "core/store_private.h"

bool store_staff_pin_tries(store_t *st, store_staff_pin_tries_t *out)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  memset(out, 0, sizeof *out);
  if (sqlite3_prepare_v2(st->db,
                         "SELECT count(*), coalesce(min(at), ''), coalesce(max(at), '')"
                         " FROM records.staff_pin_tries",
                         -1, &pStmt, NULL) != SQLITE_OK ||
      sqlite3_step(pStmt) != SQLITE_ROW) {
    store_fail(st, "cannot read the staff PIN tries");
    goto done;
  }
  out->failures = sqlite3_column_int(pStmt, 0);
  snprintf(out->first_at, sizeof out->first_at, "%s", (const char *)sqlite3_column_text(pStmt, 1));
  snprintf(out->last_at, sizeof out->last_at, "%s", (const char *)sqlite3_column_text(pStmt, 2));
  ok = true;
done:
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_staff_pin_try(store_t *st, const char *at)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = false;
  if (sqlite3_prepare_v2(st->db, "INSERT INTO records.staff_pin_tries(at) VALUES(?1)", -1, &pStmt,
                         NULL) != SQLITE_OK) {
    store_fail(st, "cannot record a staff PIN try");
    goto done;
  }
  sqlite3_bind_text(pStmt, 1, at, -1, SQLITE_STATIC);
  ok = sqlite3_step(pStmt) == SQLITE_DONE;
  if (!ok)
    store_fail(st, "cannot record a staff PIN try");
done:
  sqlite3_finalize(pStmt);
  return ok;
}

bool store_staff_pin_clear(store_t *st)
{
  if (store_exec(st, "DELETE FROM records.staff_pin_tries"))
    return true;
  char why[sizeof st->error];
  snprintf(why, sizeof why, "%s", st->error);
  snprintf(st->error, sizeof st->error, "cannot clear the staff PIN tries: %.400s", why);
  return false;
}
