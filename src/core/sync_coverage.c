/*
 * The report's per-sync coverage summary (sync_coverage: per pathway, the
 * patients the snapshot holds and how many have a named key worker),
 * counted from the rows as the sync writes them instead of grouping a
 * million stored rows afterwards (a sort of the whole table). Pathways are
 * free text: past COVERAGE_MAX distinct ones the count gives up and the
 * store's own grouping query (store_report_record_coverage) does it.
 */
#include "core/sync_private.h"

#include <stdlib.h>
#include <string.h>

#include "core/store_report.h"

enum { COVERAGE_MAX = 512 };

struct sync_coverage {
  struct {
    char *pathway;
    long patients, with_key_worker;
  } rows[COVERAGE_MAX];
  size_t n, last;
  bool overflow;
};

sync_coverage_t *sync_coverage_new(void) { return calloc(1, sizeof(sync_coverage_t)); }

void sync_coverage_free(sync_coverage_t *c)
{
  if (!c)
    return;
  for (size_t i = 0; i < c->n; i++)
    free(c->rows[i].pathway);
  free(c);
}

void sync_coverage_add(sync_coverage_t *c, const char *pathway, bool with_key_worker)
{
  if (c->overflow)
    return;
  size_t i = c->last;
  if (i >= c->n || strcmp(c->rows[i].pathway, pathway)) { /* rows often repeat a pathway */
    for (i = 0; i < c->n && strcmp(c->rows[i].pathway, pathway); i++)
      ;
    if (i == c->n) {
      if (c->n == COVERAGE_MAX || !(c->rows[i].pathway = strdup(pathway))) {
        c->overflow = true;
        return;
      }
      c->n++;
    }
    c->last = i;
  }
  c->rows[i].patients++;
  c->rows[i].with_key_worker += with_key_worker;
}

bool sync_coverage_write(sync_coverage_t *c, sync_state_t *state)
{
  if (c->overflow)
    return store_report_record_coverage(state->store, state->run);
  sqlite3_stmt *pStmt = NULL;
  bool ok = sqlite3_prepare_v2(state->db,
                               "INSERT INTO sync_coverage(run, pathway, patients, with_key_worker)"
                               " VALUES(?1, ?2, ?3, ?4)",
                               -1, &pStmt, NULL) == SQLITE_OK;
  for (size_t i = 0; ok && i < c->n; i++) {
    sqlite3_bind_int64(pStmt, 1, state->run);
    sqlite3_bind_text(pStmt, 2, c->rows[i].pathway, -1, SQLITE_STATIC);
    sqlite3_bind_int64(pStmt, 3, c->rows[i].patients);
    sqlite3_bind_int64(pStmt, 4, c->rows[i].with_key_worker);
    ok = sqlite3_step(pStmt) == SQLITE_DONE;
    sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  return ok;
}
