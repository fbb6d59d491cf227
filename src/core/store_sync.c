/*
 * Sync records read back from the store (store_sync.h).
 */
#include "core/store_sync.h"

#include <stdio.h>
#include <string.h>

#include "core/store_private.h"

store_match_t store_last_sync_report(store_t *st, char *out, size_t outlen)
{
  sqlite3_stmt *pStmt = NULL;
  if (outlen)
    out[0] = '\0';
  if (sqlite3_prepare_v2(st->db, "SELECT report FROM sync_runs ORDER BY id DESC LIMIT 1", -1, &pStmt, NULL) !=
      SQLITE_OK) {
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
    return STORE_ERROR;
  }
  int rc = sqlite3_step(pStmt);
  store_match_t m = rc == SQLITE_ROW ? STORE_FOUND : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
  if (m == STORE_FOUND && outlen) {
    const char *text = (const char *)sqlite3_column_text(pStmt, 0);
    size_t n = text ? strlen(text) : 0;
    if (n >= outlen) {
      n = outlen - 1;
      while (n && ((unsigned char)text[n] & 0xc0) == 0x80)
        n--;
    }
    memcpy(out, text ? text : "", n);
    out[n] = '\0';
  } else if (m == STORE_ERROR) {
    store_set_error(st, "%s", sqlite3_errmsg(st->db));
  }
  sqlite3_finalize(pStmt);
  return m;
}
