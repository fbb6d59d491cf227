/*
 * Writing a bundle's checked rows as a full snapshot, inside the sync's
 * transaction. Each row is looked up by its key (patients by NHS number in
 * an in-memory map, other tables through their unique index), then
 * appended if new, rewritten only if its content differs, and left alone
 * if unchanged, so a nightly re-sync of unchanged data writes almost
 * nothing. The row ids the bundle holds are kept in a bitmap per table: a
 * key seen twice in a file is a duplicate, and rows not in the bitmap
 * afterwards are what the bundle no longer holds.
 */
#include "core/sync_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/store_private.h"
#include "core/store_report.h"

struct rowset {
  uint64_t *bits;
  size_t nwords;
};

/* Mark rowid as held; false when out of memory. */
static bool rowset_add(rowset_t *set, int64_t rowid)
{
  size_t word = (size_t)rowid / 64;
  if (rowid < 0)
    return false;
  if (word >= set->nwords) {
    size_t n = set->nwords ? set->nwords : 1024;
    while (n <= word)
      n *= 2;
    uint64_t *bits = realloc(set->bits, n * sizeof *bits);
    if (!bits)
      return false;
    memset(bits + set->nwords, 0, (n - set->nwords) * sizeof *bits);
    set->bits = bits;
    set->nwords = n;
  }
  set->bits[word] |= 1ULL << (rowid % 64);
  return true;
}

static bool rowset_has(const rowset_t *set, int64_t rowid)
{
  size_t word = (size_t)rowid / 64;
  return rowid >= 0 && word < set->nwords && (set->bits[word] >> (rowid % 64) & 1);
}

void sync_file_result_free(file_result_t *result)
{
  for (size_t k = 0; k < result->nmessages; k++)
    free(result->messages[k]);
  free(result->messages);
  for (size_t h = 0; h < result->nheader; h++)
    free(result->header[h]);
  free(result->header);
  result->header = NULL;
  result->nheader = 0;
  if (result->held)
    free(result->held->bits);
  free(result->held);
  result->messages = NULL;
  result->held = NULL;
  result->nmessages = 0;
}

/* A growing SQL text; on overflow it becomes NULL. */
typedef struct {
  char *sql;
  size_t len, cap;
} sqltext_t;

static void sql_add(sqltext_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sql_add(sqltext_t *t, const char *fmt, ...)
{
  if (!t->sql)
    return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(t->sql + t->len, t->cap - t->len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= t->cap - t->len) {
    free(t->sql);
    t->sql = NULL;
    return;
  }
  t->len += (size_t)n;
}

static sqltext_t sql_new(void)
{
  sqltext_t t = {malloc(4096), 0, 4096};
  if (t.sql)
    t.sql[0] = '\0';
  return t;
}

/* True when column is part of the file's unique key. A key column is never
 * rewritten: it is equal by definition, and setting a parent key makes
 * SQLite look for child rows that refer to its old value. */
static bool is_key_column(const file_spec_t *spec, const char *column)
{
  size_t n = strlen(column);
  for (const char *p = spec->primary_key; (p = strstr(p, column)); p += n)
    if ((p == spec->primary_key || p[-1] == ' ' || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
      return true;
  return false;
}

/* Parameters: ?1..?n the columns in spec order, ?n+1 the run, ?n+2 the
 * folded family name, ?n+3 a row id. */
#define PARAM_RUN(spec) ((int)(spec)->ncolumns + 1)
#define PARAM_FOLD(spec) ((int)(spec)->ncolumns + 2)
#define PARAM_ROWID(spec) ((int)(spec)->ncolumns + 3)

/* SELECT rowid and every column of one row: by key, or by row id for the
 * patients (whose key is looked up in memory). */
static char *build_find(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_add(&t, "SELECT rowid");
  for (size_t i = 0; i < spec->ncolumns; i++)
    sql_add(&t, ", %s", spec->columns[i].column);
  sql_add(&t, " FROM %s WHERE ", spec->table);
  if (spec->keyed_in_memory) {
    sql_add(&t, "rowid = ?%d", PARAM_ROWID(spec));
    return t.sql;
  }
  bool first = true;
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (!is_key_column(spec, spec->columns[i].column))
      continue;
    sql_add(&t, "%s%s = ?%zu", first ? "" : " AND ", spec->columns[i].column, i + 1);
    first = false;
  }
  return t.sql;
}

static char *build_insert(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_add(&t, "INSERT INTO %s(", spec->table);
  for (size_t i = 0; i < spec->ncolumns; i++)
    sql_add(&t, "%s, ", spec->columns[i].column);
  sql_add(&t, "%sadded_run, changed_run) VALUES(", spec->folds_family_name ? "family_fold, " : "");
  for (size_t i = 0; i < spec->ncolumns; i++)
    sql_add(&t, "?%zu, ", i + 1);
  if (spec->folds_family_name)
    sql_add(&t, "?%d, ", PARAM_FOLD(spec));
  sql_add(&t, "?%d, ?%d)", PARAM_RUN(spec), PARAM_RUN(spec));
  return t.sql;
}

static char *build_update(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_add(&t, "UPDATE %s SET ", spec->table);
  for (size_t i = 0; i < spec->ncolumns; i++)
    if (!is_key_column(spec, spec->columns[i].column))
      sql_add(&t, "%s = ?%zu, ", spec->columns[i].column, i + 1);
  if (spec->folds_family_name)
    sql_add(&t, "family_fold = ?%d, ", PARAM_FOLD(spec));
  sql_add(&t, "changed_run = ?%d WHERE rowid = ?%d", PARAM_RUN(spec), PARAM_ROWID(spec));
  return t.sql;
}

/* The statements that write one file's rows. fresh: the table was empty
 * when the sync began, so no row is looked up before it is inserted (a
 * key seen twice is caught by the table's unique key instead). */
typedef struct {
  sqlite3_stmt *find, *insert, *update;
  bool fresh;
} writers_t;

/* Prepare one statement from generated SQL (freed here). */
static bool prepare_sql(sqlite3 *db, char *sql, sqlite3_stmt **out)
{
  bool ok = sql && sqlite3_prepare_v2(db, sql, -1, out, NULL) == SQLITE_OK;
  free(sql);
  return ok;
}

static bool prepare_writers(sync_state_t *state, const file_spec_t *spec, writers_t *w)
{
  return prepare_sql(state->db, build_find(spec), &w->find) &&
         prepare_sql(state->db, build_insert(spec), &w->insert) &&
         prepare_sql(state->db, build_update(spec), &w->update);
}

static void finalize_writers(writers_t *w)
{
  sqlite3_finalize(w->find);
  sqlite3_finalize(w->insert);
  sqlite3_finalize(w->update);
}

/* Bind a checked row's columns, the run and the folded name to pStmt. */
static void bind_row(sync_state_t *state, sqlite3_stmt *pStmt, const file_spec_t *spec,
                     const char **value, const char *fold)
{
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (!value[i][0] && spec->columns[i].kind == COL_KEY_WORKER)
      sqlite3_bind_null(pStmt, (int)i + 1); /* no key worker allocated yet */
    else
      sqlite3_bind_text(pStmt, (int)i + 1, value[i], -1, SQLITE_STATIC);
  }
  sqlite3_bind_int64(pStmt, PARAM_RUN(spec), state->run);
  if (spec->folds_family_name)
    sqlite3_bind_text(pStmt, PARAM_FOLD(spec), fold, -1, SQLITE_STATIC);
}

/* Find the stored row with this row's key: 1 found (*rowid, *same says
 * whether its content equals the new one), 0 none, -1 error. */
static int find_row(sync_state_t *state, const file_spec_t *spec, writers_t *w, const checked_row_t *row,
                    int64_t *rowid, bool *same)
{
  const char **value = (const char **)row->value;
  if (spec->keyed_in_memory) {
    uint32_t id;
    if (!idset_get_number(state->patients, row->nhs_number, &id))
      return 0;
    sqlite3_bind_int64(w->find, PARAM_ROWID(spec), id);
  } else {
    bind_row(state, w->find, spec, value, row->fold);
  }
  int rc = sqlite3_step(w->find), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
  if (found == 1) {
    *rowid = sqlite3_column_int64(w->find, 0);
    *same = true;
    for (size_t i = 0; i < spec->ncolumns && *same; i++) {
      const char *old = (const char *)sqlite3_column_text(w->find, (int)i + 1);
      *same = !strcmp(old ? old : "", value[i]);
    }
  }
  sqlite3_reset(w->find);
  return found;
}

/* Write one checked row. Returns 1 written or unchanged, 0 a duplicate key,
 * -1 an error. */
static int write_row(sync_state_t *state, const file_spec_t *spec, writers_t *w, const checked_row_t *row,
                     file_result_t *result)
{
  const char **value = (const char **)row->value;
  const char *fold = row->fold;
  int64_t rowid = 0;
  bool same = false;
  int found = w->fresh && !spec->keyed_in_memory ? 0 : find_row(state, spec, w, row, &rowid, &same);
  if (found < 0)
    return -1;
  if (found && rowset_has(result->held, rowid))
    return 0;
  if (found && !same) {
    bind_row(state, w->update, spec, value, fold);
    sqlite3_bind_int64(w->update, PARAM_ROWID(spec), rowid);
    int rc = sqlite3_step(w->update);
    sqlite3_reset(w->update);
    if (rc != SQLITE_DONE)
      return -1;
    result->report->changed++;
  } else if (!found) {
    bind_row(state, w->insert, spec, value, fold);
    int rc = sqlite3_step(w->insert);
    sqlite3_reset(w->insert);
    if (rc == SQLITE_CONSTRAINT && w->fresh && sqlite3_extended_errcode(state->db) == SQLITE_CONSTRAINT_UNIQUE)
      return 0; /* the same key on an earlier row of this file */
    if (rc != SQLITE_DONE)
      return -1;
    rowid = sqlite3_last_insert_rowid(state->db);
    result->report->added++;
    if (spec->keyed_in_memory &&
        (rowid >= (1 << IDSET_VALUE_BITS) ||
         !idset_put_number(state->patients, row->nhs_number, (uint32_t)rowid)))
      return -1;
  }
  if (!rowset_add(result->held, rowid))
    return -1;
  if (spec->is_key_worker_file && !idset_add_string(state->key_workers, value[0]))
    return -1;
  return 1;
}

/* Load the store's patients into the map (NHS number -> row id), sized at
 * once for them and the bundle's. */
static bool load_patient_map(sync_state_t *state, long expected_rows)
{
  sqlite3_stmt *pStmt = NULL;
  long stored = 0;
  bool ok = sqlite3_prepare_v2(state->db, "SELECT count(*) FROM patients", -1, &pStmt, NULL) == SQLITE_OK &&
            sqlite3_step(pStmt) == SQLITE_ROW;
  if (ok)
    stored = (long)sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  pStmt = NULL;
  ok = ok && idset_reserve(state->patients, (size_t)(stored > expected_rows ? stored : expected_rows) + 1024) &&
       sqlite3_prepare_v2(state->db, "SELECT nhs_number, rowid FROM patients", -1, &pStmt, NULL) == SQLITE_OK;
  int rc = SQLITE_DONE;
  while (ok && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pStmt, 1);
    ok = id > 0 && id < (1 << IDSET_VALUE_BITS) &&
         idset_put_number(state->patients, strtoull((const char *)sqlite3_column_text(pStmt, 0), NULL, 10),
                          (uint32_t)id);
  }
  sqlite3_finalize(pStmt);
  return ok && rc == SQLITE_DONE;
}

/* Switch the patients to a bulk load (indexes dropped now, built again at
 * the end of the sync) when the store holds fewer than half as many as the
 * bundle, or when a quarter of the rows so far are new or changed: then one
 * sort per index is far cheaper than a random index update per row. Kept
 * indexes suit the usual nightly sync, which changes few rows. Prepared
 * statements re-prepare themselves after the schema change. */
static bool consider_bulk_load(sync_state_t *state, const file_spec_t *spec, const sync_file_report_t *report,
                               long stored, long expected)
{
  if (!spec->keyed_in_memory || state->bulk_load)
    return true;
  bool bulk = report->rows == 0 ? stored * 2 < expected
                                : report->rows % 16384 == 0 && (report->added + report->changed) * 4 > report->rows;
  if (!bulk)
    return true;
  state->bulk_load = true;
  return store_exec(state->store, store_patient_indexes_drop);
}

/* True when table holds no row; false also on an error (then the caller's
 * next statement reports it). */
static bool table_empty(sync_state_t *state, const char *table)
{
  char sql[128];
  sqlite3_stmt *pStmt = NULL;
  snprintf(sql, sizeof sql, "SELECT EXISTS(SELECT 1 FROM %s)", table);
  bool empty = sqlite3_prepare_v2(state->db, sql, -1, &pStmt, NULL) == SQLITE_OK &&
               sqlite3_step(pStmt) == SQLITE_ROW && sqlite3_column_int(pStmt, 0) == 0;
  sqlite3_finalize(pStmt);
  return empty;
}

/* Hash every byte the CSV reader reads. */
static void hash_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  crypto_hash_sha256_update(ctx, bytes, len);
}

/* Report a rejected row as FILE:LINE:COL: COLUMN: reason [detail]. */
static void note_row_error(sync_state_t *state, const file_spec_t *spec, csv_t *csv, file_result_t *result,
                           const checked_row_t *row)
{
  long line = row->problem_line ? row->problem_line : csv_field_line(csv, row->bad_field);
  sync_note(state, result, true, "%s:%ld:%zu: %s%s%s%s%s%s", spec->file, line, row->bad_field + 1,
            row->bad_column ? row->bad_column : "", row->bad_column ? ": " : "", row->why,
            row->detail[0] ? " [" : "", row->detail, row->detail[0] ? "]" : "");
}

bool sync_import_file(sync_state_t *state, const file_spec_t *spec, const char *path, long expected_rows,
                      file_result_t *result, char *reason, size_t reasonlen)
{
  char err[256];
  int colmap[SYNC_MAX_COLUMNS];
  writers_t w = {0};
  bool ok = false;
  sync_file_report_t *report = result->report;
  checked_row_t *row = malloc(sizeof *row);

  crypto_hash_sha256_init(&result->sha);
  result->spec = spec;
  csv_t *csv = row ? csv_open(path, hash_bytes, &result->sha, err, sizeof err) : NULL;
  if (!csv) {
    snprintf(reason, reasonlen, "%s: %s", spec->file, row ? err : "out of memory");
    goto done;
  }
  result->nul_padding = csv_trailing_nul_bytes(csv);
  csv_status_t st = csv_next(csv);
  if (st != CSV_ROW) {
    if (st == CSV_END && result->nul_padding)
      snprintf(reason, reasonlen, "%s: the file holds nothing but NUL bytes: it was not written out (re-export it)",
               spec->file);
    else
      snprintf(reason, reasonlen, "%s:%s", spec->file,
               st == CSV_END ? " the file is empty (no header row)" : csv_error(csv));
    goto done;
  }
  if (!sync_map_header(state, spec, csv, colmap, result, reason, reasonlen))
    goto done;
  size_t nheader = csv_field_count(csv), pathway_col = 0, key_worker_col = 0;
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (!strcmp(spec->columns[i].name, "pathway"))
      pathway_col = i;
    else if (!strcmp(spec->columns[i].name, "key_worker_id"))
      key_worker_col = i;
  }
  w.fresh = result->table_was_empty = table_empty(state, spec->table);
  if (!(result->held = calloc(1, sizeof *result->held)) ||
      (spec->keyed_in_memory && !load_patient_map(state, expected_rows)) || !prepare_writers(state, spec, &w)) {
    sync_note_store_fault(state);
    snprintf(reason, reasonlen, "%s: cannot prepare the import: %s", spec->file, sqlite3_errmsg(state->db));
    goto done;
  }
  long stored = spec->keyed_in_memory ? (long)idset_count(state->patients) : 0;
  while ((st = csv_next(csv)) == CSV_ROW) {
    if (!consider_bulk_load(state, spec, report, stored, expected_rows)) {
      sync_note_store_fault(state);
      snprintf(reason, reasonlen, "%s: cannot drop the indexes for a bulk load: %s", spec->file,
               store_error(state->store));
      goto done;
    }
    report->rows++;
    if (sync_check_row(state, spec, csv, colmap, result, nheader, row)) {
      int written = write_row(state, spec, &w, row, result);
      if (written < 0) {
        sync_note_store_fault(state);
        snprintf(reason, reasonlen, "%s:%ld: the store refused the row: %s", spec->file,
                 csv_record_line(csv), sqlite3_errmsg(state->db));
        goto done;
      }
      if (written > 0) {
        sync_note_row_warnings(state, result, csv, row);
        if (spec->keyed_in_memory)
          sync_coverage_add(state->coverage, row->value[pathway_col], row->value[key_worker_col][0] != '\0');
        continue;
      }
      row->bad_field = (size_t)colmap[0];
      row->bad_column = spec->columns[0].name;
      row->why = "the same key appears on an earlier row (a duplicate)";
      row->detail[0] = '\0';
      row->problem_line = 0;
    }
    report->rejected++;
    note_row_error(state, spec, csv, result, row);
  }
  if (st == CSV_ERROR) {
    snprintf(reason, reasonlen, "%s:%s", spec->file, csv_error(csv));
    goto done;
  }
  if (result->nul_padding)
    sync_note(state, result, false,
              "warning: %s: the file ends with NUL bytes after its last row (padding some Windows tools write);"
              " they were not read as data [%lld bytes]",
              spec->file, (long long)result->nul_padding);
  ok = true;
done:
  finalize_writers(&w);
  csv_close(csv);
  free(row);
  return ok;
}

/* SQL function held(rowid): whether the bundle holds that row of the table
 * whose rowset is the function's user data. */
static void sql_held(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  (void)argc;
  const rowset_t *set = sqlite3_user_data(ctx);
  sqlite3_result_int(ctx, rowset_has(set, sqlite3_value_int64(argv[0])));
}

bool sync_remove_unseen(sync_state_t *state, const file_spec_t *spec, file_result_t *result,
                        char *reason, size_t reasonlen)
{
  enum { WINDOW = 65536 };
  char sql[160];
  sqlite3_stmt *pMax = NULL, *pDelete = NULL;
  bool ok = false;
  long removed = 0;

  if (result->table_was_empty) { /* every row is this bundle's: nothing to look through */
    result->report->removed = 0;
    ok = true;
    goto done;
  }

  /* Delete in windows of row ids: SQLite collects the row ids of a DELETE
   * in memory first, so one statement over a million rows would hold them
   * all at once. */
  snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid), 0) FROM %s", spec->table);
  if (sqlite3_prepare_v2(state->db, sql, -1, &pMax, NULL) != SQLITE_OK || sqlite3_step(pMax) != SQLITE_ROW)
    goto done;
  int64_t max_rowid = sqlite3_column_int64(pMax, 0);
  snprintf(sql, sizeof sql, "DELETE FROM %s WHERE rowid > ?1 AND rowid <= ?2 AND NOT allwedd_held(rowid)",
           spec->table);
  if (sqlite3_create_function(state->db, "allwedd_held", 1, SQLITE_UTF8, result->held, sql_held, NULL,
                              NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(state->db, sql, -1, &pDelete, NULL) != SQLITE_OK)
    goto done;
  for (int64_t lo = 0; lo < max_rowid; lo += WINDOW) {
    sqlite3_bind_int64(pDelete, 1, lo);
    sqlite3_bind_int64(pDelete, 2, lo + WINDOW);
    int rc = sqlite3_step(pDelete);
    sqlite3_reset(pDelete);
    if (rc != SQLITE_DONE)
      goto done;
    removed += sqlite3_changes(state->db);
  }
  result->report->removed = removed;
  ok = true;
done:
  if (!ok) {
    sync_note_store_fault(state);
    snprintf(reason, reasonlen, "%s: cannot remove old rows: %s", spec->file, sqlite3_errmsg(state->db));
  }
  sqlite3_finalize(pMax);
  sqlite3_finalize(pDelete);
  sqlite3_create_function(state->db, "allwedd_held", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
  /* The patients are final now: the report's per-sync coverage summary. */
  if (ok && spec->keyed_in_memory && !(ok = sync_coverage_write(state->coverage, state))) {
    sync_note_store_fault(state);
    snprintf(reason, reasonlen, "%s: cannot record the sync's coverage: %s", spec->file, sqlite3_errmsg(state->db));
  }
  return ok;
}

