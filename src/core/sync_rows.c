/*
 * The rows of a bundle: which columns each file has and how each value is
 * checked and normalised (EXPORT_FORMAT.md). Writing checked rows is
 * sync_write.c's job.
 */
#include "core/sync_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/model.h"
#include "core/rules.h"

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

/* Map spec columns to header positions; false with reason on a missing
 * required column or a repeated one. Unknown columns become warnings. */
bool sync_map_header(sync_state_t *state, const file_spec_t *spec, csv_t *csv, int *colmap,
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
bool sync_check_row(sync_state_t *state, const file_spec_t *spec, csv_t *csv, const int *colmap,
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

