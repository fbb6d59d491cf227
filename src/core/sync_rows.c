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

struct file_spec {
  const char *file;
  const char *table;
  const char *primary_key;   /* column list of the table's unique key */
  bool has_rowid;            /* the upsert returns the row id */
  column_spec_t columns[SYNC_MAX_COLUMNS];
  size_t ncolumns;
  bool folds_family_name;    /* patients: also write family_fold */
};

static const file_spec_t specs[SYNC_FILES] = {
  {"key_workers.csv", "key_workers", "id", false,
   {{"key_worker_id", "id", COL_ID, true},
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
   11, false},
  {"patients.csv", "patients", "nhs_number", true,
   {{"nhs_number", "nhs_number", COL_NHS, true},
    {"given_name", "given_name", COL_NAME, true},
    {"family_name", "family_name", COL_NAME, true},
    {"date_of_birth", "date_of_birth", COL_BIRTH_DATE, true},
    {"postcode", "postcode", COL_POSTCODE, false},
    {"preferred_language", "preferred_language", COL_LANGUAGE, false},
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, false},
    {"pathway", "pathway", COL_TEXT, false}},
   8, true},
  {"key_worker_history.csv", "key_worker_history", "patient_id, key_worker_id, from_date", true,
   {{"nhs_number", "patient_id", COL_PATIENT, true},
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, true},
    {"from_date", "from_date", COL_DATE, true},
    {"to_date", "to_date", COL_DATE, false},
    {"reason", "reason", COL_REASON, true}},
   5, false},
  {"services.csv", "services", "id", false,
   {{"service_id", "id", COL_KEY, true},
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
   11, false},
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
      snprintf(norm, 24, "%u", (unsigned)patient_id); /* history stores the patient's row id */
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

/* Build the upsert for a file: ?1..?n are the columns, ?n+1 the run, ?n+2
 * the folded family name. It updates only rows not yet seen in this run, so
 * a duplicate key in the file returns no row. */
static char *build_upsert(const file_spec_t *spec)
{
  size_t cap = 4096, len = 0;
  char *sql = malloc(cap);
  if (!sql)
    return NULL;
  int n = (int)spec->ncolumns;
#define OUT(...) len += (size_t)snprintf(sql + len, len < cap ? cap - len : 0, __VA_ARGS__)
  OUT("INSERT INTO %s(", spec->table);
  for (int i = 0; i < n; i++)
    OUT("%s, ", spec->columns[i].column);
  OUT("%sadded_run, seen_run) VALUES(", spec->folds_family_name ? "family_fold, " : "");
  for (int i = 1; i <= n; i++)
    OUT("?%d, ", i);
  if (spec->folds_family_name)
    OUT("?%d, ", n + 2);
  OUT("?%d, ?%d) ON CONFLICT(%s) DO UPDATE SET ", n + 1, n + 1, spec->primary_key);
  for (int i = 0; i < n; i++)
    OUT("%s = excluded.%s, ", spec->columns[i].column, spec->columns[i].column);
  if (spec->folds_family_name)
    OUT("family_fold = excluded.family_fold, ");
  OUT("changed_run = CASE WHEN ");
  for (int i = 0; i < n; i++)
    OUT("%s%s IS NOT excluded.%s", i ? " OR " : "", spec->columns[i].column, spec->columns[i].column);
  OUT(" THEN excluded.seen_run ELSE changed_run END, seen_run = excluded.seen_run"
      " WHERE seen_run <> excluded.seen_run RETURNING added_run, changed_run, %s",
      spec->has_rowid ? "rowid" : "0");
#undef OUT
  if (len >= cap) {
    free(sql);
    return NULL;
  }
  return sql;
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

/* Check one record; on success bind it to pStmt. false with the 0-based
 * header position and reason of the first problem. */
static bool check_row(sync_state_t *state, const file_spec_t *spec, csv_t *csv, const int *colmap,
                      sqlite3_stmt *pStmt, const char **value, char norm[][24], char *fold,
                      size_t foldlen, size_t *bad_col, const char **why)
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
  if (!strcmp(spec->table, "key_worker_history") && value[3][0] && strcmp(value[3], value[2]) < 0) {
    *bad_col = (size_t)colmap[3];
    *why = "to_date is before from_date";
    return false;
  }
  for (size_t i = 0; i < spec->ncolumns; i++) {
    bool null = !value[i][0] && spec->columns[i].kind == COL_KEY_WORKER;
    if (null)
      sqlite3_bind_null(pStmt, (int)i + 1);
    else
      sqlite3_bind_text(pStmt, (int)i + 1, value[i], -1, SQLITE_STATIC);
  }
  if (spec->folds_family_name) {
    if (!fold_name(value[2], fold, foldlen) || !fold[0]) {
      *bad_col = (size_t)colmap[2];
      *why = "family name has no letters or digits";
      return false;
    }
    sqlite3_bind_text(pStmt, (int)spec->ncolumns + 2, fold, -1, SQLITE_STATIC);
  }
  return true;
}

/* Remember an accepted row's key for the files that refer to it. */
static bool remember_key(sync_state_t *state, const file_spec_t *spec, const char *key, int64_t rowid)
{
  if (!strcmp(spec->table, "key_workers"))
    return idset_add_string(state->key_workers, key);
  if (!strcmp(spec->table, "patients"))
    return rowid >= 0 && rowid < (1 << IDSET_VALUE_BITS) &&
           idset_put_number(state->patients, strtoull(key, NULL, 10), (uint32_t)rowid);
  return true;
}

/* Write the bound row. Returns 1 written, 0 duplicate key, -1 SQLite error. */
static int write_row(sync_state_t *state, sqlite3_stmt *pStmt, sync_file_report_t *report,
                     int64_t *rowid)
{
  int rc = sqlite3_step(pStmt);
  int result = -1;
  if (rc == SQLITE_DONE) {
    result = 0;
  } else if (rc == SQLITE_ROW) {
    long added_run = (long)sqlite3_column_int64(pStmt, 0);
    long changed_run = (long)sqlite3_column_int64(pStmt, 1);
    *rowid = sqlite3_column_int64(pStmt, 2);
    if (added_run == state->run)
      report->added++;
    else if (changed_run == state->run)
      report->changed++;
    result = 1;
    rc = sqlite3_step(pStmt);
    if (rc != SQLITE_DONE)
      result = -1;
  }
  sqlite3_reset(pStmt);
  return result;
}

/* Hash every byte the CSV reader reads. */
static void hash_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  crypto_hash_sha256_update(ctx, bytes, len);
}

bool sync_import_file(sync_state_t *state, const file_spec_t *spec, const char *path,
                      file_result_t *result, char *reason, size_t reasonlen)
{
  char err[256], norm[SYNC_MAX_COLUMNS][24], fold[MODEL_NAME_MAX * 4 + 1];
  const char *value[SYNC_MAX_COLUMNS];
  int colmap[SYNC_MAX_COLUMNS];
  sqlite3_stmt *pStmt = NULL;
  char *sql = NULL;
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
  if (!(sql = build_upsert(spec)) || sqlite3_prepare_v2(state->db, sql, -1, &pStmt, NULL) != SQLITE_OK) {
    snprintf(reason, reasonlen, "%s: cannot prepare the import: %s", spec->file, sqlite3_errmsg(state->db));
    goto done;
  }
  sqlite3_bind_int64(pStmt, (int)spec->ncolumns + 1, state->run);
  while ((st = csv_next(csv)) == CSV_ROW) {
    size_t bad = nheader;
    const char *why = NULL;
    report->rows++;
    if (check_row(state, spec, csv, colmap, pStmt, value, norm, fold, sizeof fold, &bad, &why)) {
      int64_t rowid = 0;
      int written = write_row(state, pStmt, report, &rowid);
      if (written < 0) {
        snprintf(reason, reasonlen, "%s:%ld: the store refused the row: %s", spec->file,
                 csv_record_line(csv), sqlite3_errmsg(state->db));
        goto done;
      }
      if (written > 0 && !remember_key(state, spec, value[0], rowid)) {
        snprintf(reason, reasonlen, "%s: out of memory or row ids beyond 2^30", spec->file);
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
  sqlite3_finalize(pStmt);
  free(sql);
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
