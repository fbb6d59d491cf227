/*
 * The rows of a bundle: which columns each file has, how each value is
 * checked and normalised, and how a checked row is written. Every file is
 * written with one generated upsert that marks the row as seen in this run
 * and says whether it was added or changed, so a full snapshot needs no
 * second copy of the data and no rescan to count its effect.
 */
#include "core/sync_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/model.h"
#include "core/rules.h"

/* In the patient map, the top value bit marks a number seen in this run;
 * the bits below it hold the patient's row id. */
enum { SEEN_BIT = 1u << (IDSET_VALUE_BITS - 1) };

struct file_spec {
  const char *file;
  const char *table;
  const char *primary_key;   /* column list of the table's unique key */
  bool keyed_in_memory;      /* patients: matched by NHS number in memory, not by upsert */
  column_spec_t columns[SYNC_MAX_COLUMNS];
  size_t ncolumns;
  bool folds_family_name;    /* patients: also write family_fold */
  bool has_date_range;       /* history: to_date must not be before from_date */
  bool is_key_worker_file;   /* its ids are what other files refer to */
};

static const file_spec_t specs[SYNC_FILES] = {
  {.file = "key_workers.csv", .table = "key_workers", .primary_key = "id", .is_key_worker_file = true,
   .columns = {{"key_worker_id", "id", COL_ID, true},
    {"given_name", "given_name", COL_NAME, true},
    {"family_name", "family_name", COL_NAME, true},
    {"role_en", "role_en", COL_TEXT, true},
    {"role_cy", "role_cy", COL_TEXT, true},
    {"team_en", "team_en", COL_TEXT, false},
    {"team_cy", "team_cy", COL_TEXT, false},
    {"phone", "phone", COL_PHONE, true},
    {"email", "email", COL_EMAIL, false},
    {"hours_en", "hours_en", COL_TEXT, false},
    {"hours_cy", "hours_cy", COL_TEXT, false}},
   .ncolumns = 11},
  {.file = "patients.csv", .table = "patients", .primary_key = "nhs_number", .keyed_in_memory = true,
   .folds_family_name = true,
   .columns = {{"nhs_number", "nhs_number", COL_NHS, true},
    {"given_name", "given_name", COL_NAME, true},
    {"family_name", "family_name", COL_NAME, true},
    {"date_of_birth", "date_of_birth", COL_BIRTH_DATE, true},
    {"postcode", "postcode", COL_POSTCODE, false},
    {"preferred_language", "preferred_language", COL_LANGUAGE, false},
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, false},
    {"pathway", "pathway", COL_TEXT, false}},
   .ncolumns = 8},
  {.file = "key_worker_history.csv", .table = "key_worker_history",
   .primary_key = "patient_id, key_worker_id, from_date", .has_date_range = true,
   .columns = {{"nhs_number", "patient_id", COL_PATIENT, true},
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, true},
    {"from_date", "from_date", COL_DATE, true},
    {"to_date", "to_date", COL_DATE, false},
    {"reason", "reason", COL_REASON, true}},
   .ncolumns = 5},
  {.file = "services.csv", .table = "services", .primary_key = "id",
   .columns = {{"service_id", "id", COL_KEY, true},
    {"category", "category", COL_CATEGORY, true},
    {"name_en", "name_en", COL_TEXT, true},
    {"name_cy", "name_cy", COL_TEXT, true},
    {"summary_en", "summary_en", COL_SUMMARY, true},
    {"summary_cy", "summary_cy", COL_SUMMARY, true},
    {"phone", "phone", COL_SERVICE_PHONE, false},
    {"url", "url", COL_URL, false},
    {"hours_en", "hours_en", COL_TEXT, false},
    {"hours_cy", "hours_cy", COL_TEXT, false},
    {"area", "area", COL_TEXT, false}},
   .ncolumns = 11},
};

static const char *const categories[] = {
  "urgent", "financial", "emotional", "support_groups", "carers_family", "palliative",
  "symptoms", "practical", "work", "lifestyle", "information", "clinical_trials", NULL};

static const char *const reasons[] = {
  "diagnosis", "treatment_start", "primary_treatment_complete", "recurrence", "incurable",
  "staff_change", "patient_request", "other", NULL};

const file_spec_t *sync_file_spec(size_t i) { return i < SYNC_FILES ? &specs[i] : NULL; }

const char *sync_file_spec_name(const file_spec_t *spec) { return spec->file; }

/* True when value is one of the NULL-terminated words. */
static bool one_of(const char *value, const char *const *words)
{
  for (; *words; words++)
    if (!strcmp(value, *words))
      return true;
  return false;
}

/* Check a text value against a character limit, with a reason naming it. */
static bool check_text(const char *value, size_t max_chars, bool newlines, const char **why)
{
  static const char *const too_long[] = {"longer than 80 characters", "longer than 160 characters",
                                         "longer than 600 characters", "longer than 64 characters"};
  if (rules_text(value, max_chars, newlines, why))
    return true;
  if (!strcmp(*why, "text is too long for this column"))
    *why = max_chars == 80 ? too_long[0] : max_chars == 160 ? too_long[1] : max_chars == 600 ? too_long[2] : too_long[3];
  return false;
}

/* Check and normalise one non-empty value. *out points at the value to
 * store: the field itself, or norm holding its normalised form. */
static bool check_value(const sync_state_t *state, column_kind_t kind, const char *value,
                        char norm[24], const char **out, const char **why)
{
  *out = value;
  switch (kind) {
  case COL_ID:
    return rules_identifier(value, why);
  case COL_KEY:
    return check_text(value, 64, false, why);
  case COL_NAME:
    return check_text(value, MODEL_NAME_MAX, false, why);
  case COL_TEXT:
    return check_text(value, MODEL_TEXT_MAX, false, why);
  case COL_SUMMARY:
    return check_text(value, MODEL_SUMMARY_MAX, true, why);
  case COL_NHS:
  case COL_PATIENT:
    if (!rules_nhs_number(value, norm, why))
      return false;
    *out = norm;
    if (kind == COL_PATIENT) {
      uint32_t patient_id;
      if (!idset_get_number(state->patients, strtoull(norm, NULL, 10), &patient_id)) {
        *why = "no accepted patient with this NHS number in patients.csv";
        return false;
      }
      snprintf(norm, 24, "%u", (unsigned)(patient_id & (SEEN_BIT - 1))); /* history stores the row id */
    }
    return true;
  case COL_BIRTH_DATE:
    return rules_date_of_birth(value, state->today, why);
  case COL_DATE:
    return rules_date(value, NULL, NULL, NULL, why);
  case COL_POSTCODE:
    *out = norm;
    return rules_postcode(value, norm, why);
  case COL_PHONE:
  case COL_SERVICE_PHONE:
    *out = norm;
    return rules_phone(value, kind == COL_SERVICE_PHONE, norm, why);
  case COL_URL:
    return check_text(value, MODEL_URL_MAX, false, why) && rules_https_url(value, why);
  case COL_EMAIL:
    return check_text(value, MODEL_URL_MAX, false, why) && rules_email(value, why);
  case COL_LANGUAGE:
    *why = "preferred_language must be cy, en or empty";
    return !strcmp(value, "cy") || !strcmp(value, "en");
  case COL_CATEGORY:
    *why = "not one of the service categories of EXPORT_FORMAT.md";
    return one_of(value, categories);
  case COL_REASON:
    *why = "not one of the key worker review reasons of EXPORT_FORMAT.md";
    return one_of(value, reasons);
  case COL_KEY_WORKER:
    if (!rules_identifier(value, why))
      return false;
    *why = "no key worker with this id in key_workers.csv";
    return idset_has_string(state->key_workers, value);
  }
  *why = "unknown column kind";
  return false;
}

void sync_note(sync_state_t *state, file_result_t *result, bool is_row_error, const char *fmt, ...)
{
  if (is_row_error && result->nmessages >= (size_t)state->opt->max_messages_per_file) {
    result->suppressed++;
    return;
  }
  char line[640];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  char **grown = realloc(result->messages, (result->nmessages + 1) * sizeof *grown);
  if (!grown)
    return;
  result->messages = grown;
  if ((result->messages[result->nmessages] = strdup(line)))
    result->nmessages++;
  if (!is_row_error)
    state->warnings++;
}

/* A growing SQL text. */
typedef struct {
  char *sql;
  size_t len, cap;
} sqltext_t;

/* Append formatted text; on overflow the text is dropped (sql = NULL). */
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

/* Start a statement text. */
static sqltext_t sql_new(void)
{
  sqltext_t t = {malloc(4096), 0, 4096};
  if (t.sql)
    t.sql[0] = '\0';
  return t;
}

/* "INSERT INTO t(columns..., [family_fold,] added_run, seen_run) VALUES(...)":
 * ?1..?n are the columns, ?n+1 the run, ?n+2 the folded family name. */
static void sql_insert_part(sqltext_t *t, const file_spec_t *spec)
{
  int n = (int)spec->ncolumns;
  sql_add(t, "INSERT INTO %s(", spec->table);
  for (int i = 0; i < n; i++)
    sql_add(t, "%s, ", spec->columns[i].column);
  sql_add(t, "%sadded_run, seen_run) VALUES(", spec->folds_family_name ? "family_fold, " : "");
  for (int i = 1; i <= n; i++)
    sql_add(t, "?%d, ", i);
  if (spec->folds_family_name)
    sql_add(t, "?%d, ", n + 2);
  sql_add(t, "?%d, ?%d)", n + 1, n + 1);
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

/* "c1 = ?1, ..., changed_run = CASE WHEN <any differs> ..., seen_run = ?run":
 * the SET list that rewrites a row's non-key columns and notes whether its
 * content changed. New values come from excluded.* (upsert) or ?i (update). */
static void sql_set_part(sqltext_t *t, const file_spec_t *spec, bool from_excluded)
{
  int n = (int)spec->ncolumns;
  bool first = true;
  for (int i = 0; i < n; i++) {
    const char *c = spec->columns[i].column;
    if (is_key_column(spec, c))
      continue;
    if (from_excluded)
      sql_add(t, "%s = excluded.%s, ", c, c);
    else
      sql_add(t, "%s = ?%d, ", c, i + 1);
  }
  if (spec->folds_family_name)
    sql_add(t, from_excluded ? "family_fold = excluded.family_fold, " : "family_fold = ?%d, ", n + 2);
  sql_add(t, "changed_run = CASE WHEN ");
  for (int i = 0; i < n; i++) {
    const char *c = spec->columns[i].column;
    if (is_key_column(spec, c))
      continue;
    if (from_excluded)
      sql_add(t, "%s%s IS NOT excluded.%s", first ? "" : " OR ", c, c);
    else
      sql_add(t, "%s%s IS NOT ?%d", first ? "" : " OR ", c, i + 1);
    first = false;
  }
  if (first)
    sql_add(t, "0");
  sql_add(t, " THEN ?%d ELSE changed_run END, seen_run = ?%d", n + 1, n + 1);
}

/* The upsert of a keyed table: updates only rows not yet seen in this run,
 * so a duplicate key in the file writes nothing and returns no row. */
static char *build_upsert(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_insert_part(&t, spec);
  sql_add(&t, " ON CONFLICT(%s) DO UPDATE SET ", spec->primary_key);
  sql_set_part(&t, spec, true);
  sql_add(&t, " WHERE seen_run <> excluded.seen_run RETURNING added_run, changed_run");
  return t.sql;
}

/* The append of a new patient. */
static char *build_insert(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_insert_part(&t, spec);
  return t.sql;
}

/* The rewrite of a known patient by row id (?n+3). */
static char *build_update(const file_spec_t *spec)
{
  sqltext_t t = sql_new();
  sql_add(&t, "UPDATE %s SET ", spec->table);
  sql_set_part(&t, spec, false);
  sql_add(&t, " WHERE id = ?%d RETURNING added_run, changed_run", (int)spec->ncolumns + 3);
  return t.sql;
}

/* Map spec columns to header positions; false with reason on a missing
 * required column or a repeated one. Unknown columns become warnings. */
static bool map_header(sync_state_t *state, const file_spec_t *spec, csv_t *csv, int *colmap,
                       file_result_t *result, char *reason, size_t reasonlen)
{
  size_t nheader = csv_field_count(csv);
  for (size_t i = 0; i < spec->ncolumns; i++)
    colmap[i] = -1;
  for (size_t h = 0; h < nheader; h++) {
    const char *name = csv_field(csv, h);
    bool known = false;
    for (size_t i = 0; i < spec->ncolumns; i++) {
      if (strcmp(name, spec->columns[i].name))
        continue;
      if (colmap[i] >= 0) {
        snprintf(reason, reasonlen, "%s:%ld:%zu: column '%s' appears twice in the header",
                 spec->file, csv_field_line(csv, h), h + 1, name);
        return false;
      }
      colmap[i] = (int)h;
      known = true;
    }
    if (!known)
      sync_note(state, result, false, "warning: %s:%ld:%zu: unknown column '%.64s' ignored",
                spec->file, csv_field_line(csv, h), h + 1, name);
  }
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (colmap[i] < 0 && spec->columns[i].required) {
      snprintf(reason, reasonlen, "%s:%ld: required column '%s' is missing from the header",
               spec->file, csv_record_line(csv), spec->columns[i].name);
      return false;
    }
  }
  return true;
}

/* Check one record: value[i] receives each column's stored form and fold
 * the folded family name. false with the 0-based header position and reason
 * of the first problem. */
static bool check_row(sync_state_t *state, const file_spec_t *spec, csv_t *csv, const int *colmap,
                      const char **value, char norm[][24], char *fold, size_t foldlen,
                      size_t *bad_col, const char **why)
{
  size_t nheader = *bad_col;
  const char *problem = csv_row_problem(csv, bad_col);
  if (problem) {
    (*bad_col)--;
    *why = problem;
    return false;
  }
  if (csv_field_count(csv) != nheader) {
    *bad_col = csv_field_count(csv) < nheader ? csv_field_count(csv) : nheader;
    *why = csv_field_count(csv) < nheader ? "row has fewer fields than the header"
                                          : "row has more fields than the header";
    return false;
  }
  for (size_t i = 0; i < spec->ncolumns; i++) {
    const column_spec_t *col = &spec->columns[i];
    const char *raw = colmap[i] >= 0 ? csv_field(csv, (size_t)colmap[i]) : "";
    *bad_col = colmap[i] >= 0 ? (size_t)colmap[i] : 0;
    value[i] = raw;
    if (!raw[0]) {
      if (col->required) {
        *why = "required value is empty";
        return false;
      }
      continue;
    }
    if (!check_value(state, col->kind, raw, norm[i], &value[i], why))
      return false;
  }
  if (spec->has_date_range && value[3][0] && strcmp(value[3], value[2]) < 0) {
    *bad_col = (size_t)colmap[3];
    *why = "to_date is before from_date";
    return false;
  }
  if (spec->folds_family_name && (!fold_name(value[2], fold, foldlen) || !fold[0])) {
    *bad_col = (size_t)colmap[2];
    *why = "family name has no letters or digits";
    return false;
  }
  return true;
}

/* Bind a checked row: ?1..?n the columns, ?n+2 the folded family name. */
static void bind_row(sqlite3_stmt *pStmt, const file_spec_t *spec, const char **value, const char *fold)
{
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (!value[i][0] && spec->columns[i].kind == COL_KEY_WORKER)
      sqlite3_bind_null(pStmt, (int)i + 1); /* no key worker allocated yet */
    else
      sqlite3_bind_text(pStmt, (int)i + 1, value[i], -1, SQLITE_STATIC);
  }
  if (spec->folds_family_name)
    sqlite3_bind_text(pStmt, (int)spec->ncolumns + 2, fold, -1, SQLITE_STATIC);
}

/* Step a statement that returns (added_run, changed_run) for the row it
 * wrote, or nothing. Returns 1 written, 0 nothing written, -1 error. */
static int step_counted(sync_state_t *state, sqlite3_stmt *pStmt, sync_file_report_t *report, bool added)
{
  int rc = sqlite3_step(pStmt), result = -1;
  if (rc == SQLITE_DONE) {
    result = 0;
  } else if (rc == SQLITE_ROW) {
    if (added || sqlite3_column_int64(pStmt, 0) == state->run)
      report->added++;
    else if (sqlite3_column_int64(pStmt, 1) == state->run)
      report->changed++;
    result = sqlite3_step(pStmt) == SQLITE_DONE ? 1 : -1;
  }
  sqlite3_reset(pStmt);
  return result;
}

/* The statements that write one file's rows. */
typedef struct {
  sqlite3_stmt *upsert;  /* keyed tables: insert or update by the unique key */
  sqlite3_stmt *insert;  /* patients: append a new row */
  sqlite3_stmt *update;  /* patients: rewrite a known row by its id */
} writers_t;

/* Prepare one statement from generated SQL. */
static bool prepare_sql(sqlite3 *db, char *sql, sqlite3_stmt **out)
{
  bool ok = sql && sqlite3_prepare_v2(db, sql, -1, out, NULL) == SQLITE_OK;
  free(sql);
  return ok;
}

/* Prepare the writers of a file and bind the run number. */
static bool prepare_writers(sync_state_t *state, const file_spec_t *spec, writers_t *w)
{
  bool ok = spec->keyed_in_memory
                ? prepare_sql(state->db, build_insert(spec), &w->insert) &&
                      prepare_sql(state->db, build_update(spec), &w->update)
                : prepare_sql(state->db, build_upsert(spec), &w->upsert);
  sqlite3_stmt *all[] = {w->upsert, w->insert, w->update};
  for (size_t i = 0; ok && i < 3; i++)
    if (all[i])
      sqlite3_bind_int64(all[i], (int)spec->ncolumns + 1, state->run);
  return ok;
}

static void finalize_writers(writers_t *w)
{
  sqlite3_finalize(w->upsert);
  sqlite3_finalize(w->insert);
  sqlite3_finalize(w->update);
}

/* Write a patient: the in-memory map of NHS number to row id (loaded with the
 * store's patients before the file) says whether to append or to rewrite,
 * and marks each number seen so a repeat in the file is a duplicate. Returns
 * 1 written, 0 duplicate, -1 error. */
static int write_patient(sync_state_t *state, const file_spec_t *spec, writers_t *w, const char **value,
                         const char *fold, sync_file_report_t *report)
{
  uint64_t nhs = strtoull(value[0], NULL, 10);
  uint32_t slot;
  int written;
  if (idset_get_number(state->patients, nhs, &slot)) {
    if (slot & SEEN_BIT)
      return 0;
    bind_row(w->update, spec, value, fold);
    sqlite3_bind_int64(w->update, (int)spec->ncolumns + 3, slot);
    written = step_counted(state, w->update, report, false);
  } else {
    bind_row(w->insert, spec, value, fold);
    written = sqlite3_step(w->insert) == SQLITE_DONE ? 1 : -1;
    sqlite3_reset(w->insert);
    if (written == 1)
      report->added++;
    slot = (uint32_t)sqlite3_last_insert_rowid(state->db);
    if (sqlite3_last_insert_rowid(state->db) >= SEEN_BIT)
      return -1;
  }
  if (written == 1 && !idset_put_number(state->patients, nhs, slot | SEEN_BIT))
    return -1;
  return written;
}

/* Load the store's patients into the map (number -> row id, not yet seen). */
static bool load_patient_map(sync_state_t *state)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = sqlite3_prepare_v2(state->db, "SELECT nhs_number, id FROM patients", -1, &pStmt, NULL) == SQLITE_OK;
  int rc = SQLITE_DONE;
  while (ok && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pStmt, 1);
    ok = id > 0 && id < SEEN_BIT &&
         idset_put_number(state->patients, strtoull((const char *)sqlite3_column_text(pStmt, 0), NULL, 10),
                          (uint32_t)id);
  }
  sqlite3_finalize(pStmt);
  return ok && rc == SQLITE_DONE;
}

/* Hash every byte the CSV reader reads. */
static void hash_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  crypto_hash_sha256_update(ctx, bytes, len);
}

/* Write one checked row. Returns 1 written, 0 duplicate, -1 error. */
static int write_row(sync_state_t *state, const file_spec_t *spec, writers_t *w, const char **value,
                     const char *fold, sync_file_report_t *report)
{
  if (spec->keyed_in_memory)
    return write_patient(state, spec, w, value, fold, report);
  bind_row(w->upsert, spec, value, fold);
  int written = step_counted(state, w->upsert, report, false);
  if (written == 1 && spec->is_key_worker_file && !idset_add_string(state->key_workers, value[0]))
    return -1;
  return written;
}

bool sync_import_file(sync_state_t *state, const file_spec_t *spec, const char *path,
                      file_result_t *result, char *reason, size_t reasonlen)
{
  char err[256], norm[SYNC_MAX_COLUMNS][24], fold[MODEL_NAME_MAX * 4 + 1] = "";
  const char *value[SYNC_MAX_COLUMNS];
  int colmap[SYNC_MAX_COLUMNS];
  writers_t w = {0};
  bool ok = false;
  sync_file_report_t *report = result->report;

  crypto_hash_sha256_init(&result->sha);
  csv_t *csv = csv_open(path, hash_bytes, &result->sha, err, sizeof err);
  if (!csv) {
    snprintf(reason, reasonlen, "%s: %s", spec->file, err);
    goto done;
  }
  csv_status_t st = csv_next(csv);
  if (st != CSV_ROW) {
    snprintf(reason, reasonlen, "%s:%s", spec->file,
             st == CSV_END ? " the file is empty (no header row)" : csv_error(csv));
    goto done;
  }
  if (!map_header(state, spec, csv, colmap, result, reason, reasonlen))
    goto done;
  size_t nheader = csv_field_count(csv);
  if ((spec->keyed_in_memory && !load_patient_map(state)) || !prepare_writers(state, spec, &w)) {
    snprintf(reason, reasonlen, "%s: cannot prepare the import: %s", spec->file, sqlite3_errmsg(state->db));
    goto done;
  }
  while ((st = csv_next(csv)) == CSV_ROW) {
    size_t bad = nheader;
    const char *why = NULL;
    report->rows++;
    if (check_row(state, spec, csv, colmap, value, norm, fold, sizeof fold, &bad, &why)) {
      int written = write_row(state, spec, &w, value, fold, report);
      if (written < 0) {
        snprintf(reason, reasonlen, "%s:%ld: the store refused the row: %s", spec->file,
                 csv_record_line(csv), sqlite3_errmsg(state->db));
        goto done;
      }
      if (written > 0)
        continue;
      bad = (size_t)colmap[0];
      why = "duplicate: the same key appears on an earlier row";
    }
    report->rejected++;
    sync_note(state, result, true, "%s:%ld:%zu: %s", spec->file, csv_field_line(csv, bad), bad + 1, why);
  }
  if (st == CSV_ERROR) {
    snprintf(reason, reasonlen, "%s:%s", spec->file, csv_error(csv));
    goto done;
  }
  ok = true;
done:
  finalize_writers(&w);
  csv_close(csv);
  return ok;
}

bool sync_remove_unseen(sync_state_t *state, const file_spec_t *spec, long *removed, char *reason,
                        size_t reasonlen)
{
  char sql[128];
  sqlite3_stmt *pStmt = NULL;
  snprintf(sql, sizeof sql, "DELETE FROM %s WHERE seen_run <> ?1", spec->table);
  bool ok = sqlite3_prepare_v2(state->db, sql, -1, &pStmt, NULL) == SQLITE_OK &&
            sqlite3_bind_int64(pStmt, 1, state->run) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_DONE;
  if (ok)
    *removed = sqlite3_changes(state->db);
  else
    snprintf(reason, reasonlen, "%s: cannot remove old rows: %s", spec->file, sqlite3_errmsg(state->db));
  sqlite3_finalize(pStmt);
  return ok;
}

bool sync_file_drops_indexes(const file_spec_t *spec) { return spec->keyed_in_memory; }
