/*
 * The rows of a bundle: which columns each file has and how each value is
 * checked and normalised (EXPORT_FORMAT.md). Writing checked rows is
 * sync_write.c's job.
 *
 * What the export contract allows is imported, whatever free text holds:
 * a line break or tab in a one-line column becomes a space, text longer
 * than the screen and card can show is shortened at a word, and each is a
 * warning, never a dropped row. A bad value in an optional column whose
 * emptiness means nothing (a postcode, an e-mail address, a web address)
 * empties that field with a warning and keeps the row. Values that identify
 * a person or say who their key worker is are never guessed at: a bad one
 * skips the row with its reason. Signs that letters were lost when the file
 * was saved are warned about at the value.
 */
#include "core/sync_private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/fold.h"
#include "core/model.h"
#include "core/rules.h"

#define SKIP ON_BAD_SKIP_ROW
#define EMPTY ON_BAD_EMPTY_FIELD

static const file_spec_t specs[SYNC_FILES] = {
  {.file = "key_workers.csv", .table = "key_workers", .primary_key = "id", .is_key_worker_file = true,
   .columns = {{"key_worker_id", "id", COL_ID, true, SKIP},
    {"given_name", "given_name", COL_NAME, true, SKIP},
    {"family_name", "family_name", COL_NAME, true, SKIP},
    {"role_en", "role_en", COL_TEXT, true, SKIP},
    {"role_cy", "role_cy", COL_TEXT, true, SKIP},
    {"team_en", "team_en", COL_TEXT, false, EMPTY},
    {"team_cy", "team_cy", COL_TEXT, false, EMPTY},
    {"phone", "phone", COL_PHONE, true, SKIP},
    {"email", "email", COL_EMAIL, false, EMPTY},
    {"hours_en", "hours_en", COL_TEXT, false, EMPTY},
    {"hours_cy", "hours_cy", COL_TEXT, false, EMPTY}},
   .ncolumns = 11},
  {.file = "patients.csv", .table = "patients", .primary_key = "nhs_number", .keyed_in_memory = true,
   .folds_family_name = true,
   .columns = {{"nhs_number", "nhs_number", COL_NHS, true, SKIP},
    {"given_name", "given_name", COL_NAME, true, SKIP},
    {"family_name", "family_name", COL_NAME, true, SKIP},
    {"date_of_birth", "date_of_birth", COL_BIRTH_DATE, true, SKIP},
    {"postcode", "postcode", COL_POSTCODE, false, EMPTY},
    {"preferred_language", "preferred_language", COL_LANGUAGE, false, EMPTY},
    /* empty means "no key worker yet": emptying a bad one would say so falsely */
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, false, SKIP},
    {"pathway", "pathway", COL_TEXT, false, EMPTY}},
   .ncolumns = 8},
  {.file = "key_worker_history.csv", .table = "key_worker_history",
   .primary_key = "patient_id, key_worker_id, from_date", .has_date_range = true,
   .columns = {{"nhs_number", "patient_id", COL_PATIENT, true, SKIP},
    {"key_worker_id", "key_worker_id", COL_KEY_WORKER, true, SKIP},
    {"from_date", "from_date", COL_DATE, true, SKIP},
    /* empty means "the current allocation": never made so by a bad date */
    {"to_date", "to_date", COL_DATE, false, SKIP},
    {"reason", "reason", COL_REASON, true, SKIP}},
   .ncolumns = 5},
  {.file = "services.csv", .table = "services", .primary_key = "id",
   .columns = {{"service_id", "id", COL_KEY, true, SKIP},
    {"category", "category", COL_CATEGORY, true, SKIP},
    {"name_en", "name_en", COL_TEXT, true, SKIP},
    {"name_cy", "name_cy", COL_TEXT, true, SKIP},
    {"summary_en", "summary_en", COL_SUMMARY, true, SKIP},
    {"summary_cy", "summary_cy", COL_SUMMARY, true, SKIP},
    {"phone", "phone", COL_SERVICE_PHONE, false, EMPTY},
    {"url", "url", COL_URL, false, EMPTY},
    {"hours_en", "hours_en", COL_TEXT, false, EMPTY},
    {"hours_cy", "hours_cy", COL_TEXT, false, EMPTY},
    {"area", "area", COL_TEXT, false, EMPTY}},
   .ncolumns = 11},
};

static const char *const categories[] = {
  "urgent", "financial", "emotional", "support_groups", "carers_family", "palliative",
  "symptoms", "practical", "work", "lifestyle", "information", "clinical_trials", NULL};

static const char *const reasons[] = {
  "diagnosis", "treatment_start", "primary_treatment_complete", "recurrence", "incurable",
  "staff_change", "patient_request", "other", NULL};

/* The warnings about text; static so they are msgids (locales/cy.po). */
static const char W_LINE_BREAK[] = "line break in a one-line column, replaced by a space";
static const char W_TAB[] = "tab in the text, replaced by a space";
static const char W_REPLACEMENT[] =
    "letters were probably lost when the file was saved (it holds U+FFFD, the replacement character); save it as CSV UTF-8";
static const char W_MOJIBAKE[] =
    "letters look garbled, as when UTF-8 is read as Windows-1252 (Ã¢ for â, Å· for ŷ): the file was probably converted twice; save it as CSV UTF-8";
static const char W_QUESTION[] =
    "a '?' where a letter should be: letters such as ŵ and ŷ were probably lost when the file was saved; save it as CSV UTF-8";
static const char W_ENTITY[] =
    "the text holds HTML character references such as &#373; where letters should be: the export went through a"
    " web or XML step; write the letters themselves, as UTF-8";
static const char W_CARET[] =
    "a '^' after a vowel (w^ for ŵ): a circumflex was typed as a character of its own; write ŵ, ŷ, â as UTF-8";
static const char W_EMPTIED[] = "the row was kept with this field empty";
static const char W_HASHED_KEY[] = "longer than 64 characters: stored as its SHA-256";

const file_spec_t *sync_file_spec(size_t i) { return i < SYNC_FILES ? &specs[i] : NULL; }

const char *sync_file_spec_name(const file_spec_t *spec) { return spec->file; }

/* The value of a NULL-terminated list equal to value ignoring case, or NULL. */
static const char *one_of(const char *value, const char *const *words)
{
  for (; *words; words++)
    if (!strcasecmp(value, *words))
      return *words;
  return NULL;
}

/* Add a warning about field i of the row. */
static void row_warn(checked_row_t *row, size_t field, const char *column, const char *why, const char *detail)
{
  if (row->nwarnings == SYNC_ROW_WARNINGS)
    return;
  row_warning_t *w = &row->warnings[row->nwarnings++];
  w->field = field;
  w->column = column;
  w->why = why;
  w->then = NULL;
  snprintf(w->detail, sizeof w->detail, "%s", detail ? detail : "");
}

/* The reason for text longer than max_chars: shortened, or (names) refused. */
static const char *too_long_reason(size_t max_chars, bool refused)
{
  if (refused)
    return "longer than 80 characters, the most a name may have";
  switch (max_chars) {
  case MODEL_SUMMARY_MAX:
    return "longer than 600 characters: shortened at a word to fit the screen and the card";
  case 64:
    return "longer than 64 characters: shortened at a word";
  default:
    return "longer than 160 characters: shortened at a word to fit the screen and the card";
  }
}

/* Copy text into out (SYNC_VALUE_BYTES) with each run of line breaks
 * (unless keep_breaks) and tabs made one space, cut to at most max_chars
 * characters at a word boundary with an ellipsis when longer. */
static void rewrite_text(const char *in, bool keep_breaks, size_t max_chars, size_t chars, char *out)
{
  size_t n = 0, count = 0, limit = chars > max_chars ? max_chars - 1 : max_chars;
  size_t last_space = 0, last_space_count = 0;
  for (const char *p = in; *p && count < limit;) {
    bool space = *p == '\t' || (!keep_breaks && (*p == '\n' || *p == '\r'));
    if (space) {
      while (*p == '\t' || (!keep_breaks && (*p == '\n' || *p == '\r')))
        p++;
      if (n && out[n - 1] != ' ') {
        out[n++] = ' ';
        count++;
      }
      continue;
    }
    size_t len = 1;
    while ((p[len] & 0xc0) == 0x80)
      len++;
    if (*p == ' ') {
      last_space = n;
      last_space_count = count;
    }
    memcpy(out + n, p, len);
    n += len;
    p += len;
    count++;
  }
  if (chars > max_chars) {
    /* Cut at the last space if that keeps two thirds of the text. */
    if (last_space && last_space_count * 3 >= limit * 2)
      n = last_space;
    while (n && out[n - 1] == ' ')
      n--;
    memcpy(out + n, "\xe2\x80\xa6", 3); /* … */
    n += 3;
  }
  out[n] = '\0';
}

/* Check a text value of max_chars characters at most. names are never
 * shortened and never hold '?'. */
static bool check_text(checked_row_t *row, size_t field, const column_spec_t *col, size_t i, size_t max_chars,
                       bool keep_breaks, const char **why)
{
  const char *raw = row->value[i];
  bool is_name = col->kind == COL_NAME;
  rules_text_facts_t facts;
  if (!rules_text_inspect(raw, is_name, &facts, why))
    return false;
  if (is_name && facts.chars > max_chars) {
    *why = too_long_reason(max_chars, true);
    return false;
  }
  bool breaks = facts.line_breaks && !keep_breaks;
  if (breaks || facts.tabs || facts.chars > max_chars) {
    rewrite_text(raw, keep_breaks, max_chars, facts.chars, row->buf[i]);
    row->value[i] = row->buf[i];
    if (breaks)
      row_warn(row, field, col->name, W_LINE_BREAK, NULL);
    if (facts.tabs)
      row_warn(row, field, col->name, W_TAB, NULL);
    if (facts.chars > max_chars) {
      char detail[SYNC_DETAIL_BYTES];
      snprintf(detail, sizeof detail, "%zu characters", facts.chars);
      row_warn(row, field, col->name, too_long_reason(max_chars, false), detail);
    }
  }
  static const char *const loss[] = {NULL, W_REPLACEMENT, W_MOJIBAKE, W_QUESTION, W_ENTITY, W_CARET};
  if (facts.loss)
    row_warn(row, field, col->name, loss[facts.loss], NULL);
  return true;
}

/* A service id: text of at most 64 characters, or its SHA-256 when longer. */
static bool check_key(checked_row_t *row, size_t field, const column_spec_t *col, size_t i, const char **why)
{
  if (!check_text(row, field, col, i, SIZE_MAX, false, why))
    return false;
  const char *v = row->value[i];
  if (strlen(v) <= 64)
    return true;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, (const unsigned char *)v, strlen(v));
  sodium_bin2hex(row->buf[i], 65, digest, sizeof digest);
  row->value[i] = row->buf[i];
  row_warn(row, field, col->name, W_HASHED_KEY, NULL);
  return true;
}

/* Lower-case a word into the row's buffer when it matched ignoring case. */
static bool check_word(checked_row_t *row, size_t i, const char *const *words, const char **why, const char *reason)
{
  const char *word = one_of(row->value[i], words);
  *why = reason;
  if (!word)
    return false;
  row->value[i] = word;
  return true;
}

/* Check and normalise one non-empty value (row->value[i]); false with *why. */
static bool check_value(const sync_state_t *state, checked_row_t *row, size_t field, const column_spec_t *col,
                        size_t i, const char **why)
{
  static const char *const languages[] = {"cy", "en", NULL};
  const char *value = row->value[i];
  char *norm = row->buf[i];
  switch (col->kind) {
  case COL_ID:
    return rules_identifier(value, why);
  case COL_KEY:
    return check_key(row, field, col, i, why);
  case COL_NAME:
    return check_text(row, field, col, i, MODEL_NAME_MAX, false, why);
  case COL_TEXT:
    return check_text(row, field, col, i, MODEL_TEXT_MAX, false, why);
  case COL_SUMMARY:
    return check_text(row, field, col, i, MODEL_SUMMARY_MAX, true, why);
  case COL_NHS:
  case COL_PATIENT:
    if (!rules_nhs_number(value, norm, why))
      return false;
    row->value[i] = norm;
    /* The map's slot is fetched into the cache now and read when the rest
     * of the row is checked (history) or written (patients). */
    row->nhs_number = strtoull(norm, NULL, 10);
    idset_prefetch_number(state->patients, row->nhs_number);
    if (col->kind == COL_PATIENT)
      row->patient_column = i;
    return true;
  case COL_BIRTH_DATE:
    return rules_date_of_birth(value, state->today, why);
  case COL_DATE:
    return rules_date(value, NULL, NULL, NULL, why);
  case COL_POSTCODE:
    row->value[i] = norm;
    return rules_postcode(value, norm, why);
  case COL_PHONE:
  case COL_SERVICE_PHONE:
    row->value[i] = norm;
    return rules_phone(value, col->kind == COL_SERVICE_PHONE, norm, why);
  case COL_URL:
    return rules_text(value, MODEL_URL_MAX, false, why) && rules_https_url(value, why);
  case COL_EMAIL:
    return rules_text(value, MODEL_URL_MAX, false, why) && rules_email(value, why);
  case COL_LANGUAGE:
    return check_word(row, i, languages, why, "preferred_language must be cy, en or empty");
  case COL_CATEGORY:
    return check_word(row, i, categories, why, "not one of the service categories of EXPORT_FORMAT.md");
  case COL_REASON:
    return check_word(row, i, reasons, why, "not one of the key worker review reasons of EXPORT_FORMAT.md");
  case COL_KEY_WORKER:
    if (!rules_identifier(value, why))
      return false;
    *why = "no key worker with this id in key_workers.csv (or its row there was rejected)";
    return idset_has_string(state->key_workers, value);
  }
  *why = "unknown column kind";
  return false;
}

void sync_note(sync_state_t *state, file_result_t *result, bool is_row_error, const char *fmt, ...)
{
  if (!is_row_error)
    state->warnings++;
  long limit = state->opt->max_messages_per_file;
  if (is_row_error ? result->row_messages >= limit : result->warning_messages >= limit) {
    if (is_row_error)
      result->suppressed++;
    else
      result->suppressed_warnings++;
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
  if ((result->messages[result->nmessages] = strdup(line))) {
    result->nmessages++;
    if (is_row_error)
      result->row_messages++;
    else
      result->warning_messages++;
  }
}

void sync_note_row_warnings(sync_state_t *state, file_result_t *result, csv_t *csv, const checked_row_t *row)
{
  for (size_t k = 0; k < row->nwarnings; k++) {
    const row_warning_t *w = &row->warnings[k];
    sync_note(state, result, false, "warning: %s:%ld:%zu: %s: %s%s%s%s%s%s", sync_file_spec_name(result->spec),
              csv_field_line(csv, w->field), w->field + 1, w->column, w->why, w->then ? "; " : "",
              w->then ? w->then : "", w->detail[0] ? " [" : "", w->detail, w->detail[0] ? "]" : "");
  }
}

/* The header name of a column with leading and trailing spaces removed,
 * into out. */
static void header_name(const char *field, char *out, size_t outlen)
{
  while (*field == ' ')
    field++;
  size_t n = strlen(field);
  while (n && field[n - 1] == ' ')
    n--;
  snprintf(out, outlen, "%.*s", (int)n, field);
}

/* When the header is one field holding sep-separated column names of this
 * file: true (the file uses sep, not commas). */
static bool separated_by(const file_spec_t *spec, csv_t *csv, char sep)
{
  for (size_t h = 0; h < csv_field_count(csv); h++) {
    const char *f = csv_field(csv, h);
    if (!strchr(f, sep))
      continue;
    for (size_t i = 0; i < spec->ncolumns; i++) {
      size_t n = strlen(spec->columns[i].name);
      for (const char *p = f; (p = strstr(p, spec->columns[i].name)); p += n)
        if ((p == f || p[-1] == sep || p[-1] == '"') && (p[n] == sep || p[n] == '"' || !p[n]))
          return true;
    }
  }
  return false;
}

/* Keep the header's names for messages. */
static bool keep_header(file_result_t *result, csv_t *csv)
{
  result->nheader = csv_field_count(csv);
  result->header = calloc(result->nheader, sizeof *result->header);
  if (!result->header)
    return false;
  for (size_t h = 0; h < result->nheader; h++) {
    char name[80];
    header_name(csv_field(csv, h), name, sizeof name);
    if (!(result->header[h] = strdup(name)))
      return false;
  }
  return true;
}

bool sync_map_header(sync_state_t *state, const file_spec_t *spec, csv_t *csv, int *colmap,
                     file_result_t *result, char *reason, size_t reasonlen)
{
  size_t nheader = csv_field_count(csv), problem_field = 0;
  const char *problem = csv_row_problem(csv, &problem_field);
  result->spec = spec;
  if (problem) {
    snprintf(reason, reasonlen, "%s:%ld:%zu: the header row is damaged: %s", spec->file,
             csv_row_problem_line(csv), problem_field, problem);
    return false;
  }
  if (!keep_header(result, csv)) {
    snprintf(reason, reasonlen, "%s: out of memory", spec->file);
    return false;
  }
  for (size_t i = 0; i < spec->ncolumns; i++)
    colmap[i] = -1;
  for (size_t h = 0; h < nheader; h++) {
    const char *name = result->header[h];
    bool known = false;
    for (size_t i = 0; i < spec->ncolumns; i++) {
      if (strcasecmp(name, spec->columns[i].name))
        continue;
      if (colmap[i] >= 0) {
        snprintf(reason, reasonlen, "%s:%ld:%zu: %s: the column appears twice in the header", spec->file,
                 csv_field_line(csv, h), h + 1, spec->columns[i].name);
        return false;
      }
      colmap[i] = (int)h;
      known = true;
    }
    bool repeated = false;
    for (size_t e = 0; e < h && !known; e++)
      repeated |= !strcmp(result->header[e], name);
    if (!known && !repeated)
      sync_note(state, result, false, "warning: %s:%ld:%zu: unknown column, ignored [%.64s]", spec->file,
                csv_field_line(csv, h), h + 1, name);
  }
  for (size_t i = 0; i < spec->ncolumns; i++) {
    if (colmap[i] >= 0 || !spec->columns[i].required)
      continue;
    static const struct {
      char sep;
      const char *what;
    } seps[] = {{';', "semicolons (;)"}, {'\t', "tabs"}, {'|', "vertical bars (|)"}};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
      if (separated_by(spec, csv, seps[k].sep)) {
        snprintf(reason, reasonlen,
                 "%s:%ld: the columns are separated by %s, not commas: save it as CSV UTF-8, comma-separated",
                 spec->file, csv_record_line(csv), seps[k].what);
        return false;
      }
    }
    snprintf(reason, reasonlen, "%s:%ld: %s: required column is missing from the header", spec->file,
             csv_record_line(csv), spec->columns[i].name);
    return false;
  }
  return true;
}

/* Set the row error at field with its column's name. */
static bool row_error(checked_row_t *row, const file_result_t *result, size_t field, const char *why)
{
  row->bad_field = field;
  row->bad_column = field < result->nheader ? result->header[field] : NULL;
  row->why = why;
  return false;
}

bool sync_check_row(sync_state_t *state, const file_spec_t *spec, csv_t *csv, const int *colmap,
                    const file_result_t *result, size_t nheader, checked_row_t *row)
{
  size_t field_no = 0;
  const char *problem = csv_row_problem(csv, &field_no);
  row->nwarnings = 0;
  row->detail[0] = '\0';
  row->problem_line = 0;
  row->patient_column = SIZE_MAX;
  if (problem) {
    row->problem_line = csv_row_problem_line(csv);
    /* "reason [detail]": the detail is kept apart so the reason translates. */
    const char *open = strstr(problem, " [");
    if (open) {
      snprintf(row->detail, sizeof row->detail, "%.*s", (int)(strlen(open) - 3), open + 2);
      snprintf(row->buf[0], SYNC_VALUE_BYTES, "%.*s", (int)(open - problem), problem);
      problem = row->buf[0];
    }
    return row_error(row, result, field_no - 1, problem);
  }
  if (csv_field_count(csv) != nheader) {
    bool fewer = csv_field_count(csv) < nheader;
    return row_error(row, result, fewer ? csv_field_count(csv) - 1 : nheader,
                     fewer ? "row has fewer fields than the header" : "row has more fields than the header");
  }
  for (size_t i = 0; i < spec->ncolumns; i++) {
    const column_spec_t *col = &spec->columns[i];
    const char *raw = colmap[i] >= 0 ? csv_field(csv, (size_t)colmap[i]) : "";
    size_t field = colmap[i] >= 0 ? (size_t)colmap[i] : 0;
    const char *why = NULL;
    row->value[i] = raw;
    if (!raw[0]) {
      if (col->required)
        return row_error(row, result, field, "required value is empty");
      continue;
    }
    if (check_value(state, row, field, col, i, &why))
      continue;
    if (col->on_bad == ON_BAD_SKIP_ROW)
      return row_error(row, result, field, why);
    row->value[i] = "";
    row_warn(row, field, col->name, why, NULL);
    row->warnings[row->nwarnings - 1].then = W_EMPTIED;
  }
  if (row->patient_column != SIZE_MAX) { /* history stores the patient's row id */
    size_t i = row->patient_column;
    uint32_t patient_id;
    if (!idset_get_number(state->patients, row->nhs_number, &patient_id))
      return row_error(row, result, (size_t)colmap[i], "no accepted patient with this NHS number in patients.csv");
    snprintf(row->buf[i], 24, "%u", (unsigned)patient_id);
  }
  if (spec->has_date_range && row->value[3][0] && strcmp(row->value[3], row->value[2]) < 0)
    return row_error(row, result, (size_t)colmap[3], "to_date is before from_date");
  if (spec->folds_family_name && (!fold_name(row->value[2], row->fold, sizeof row->fold) || !row->fold[0]))
    return row_error(row, result, (size_t)colmap[2], "family name has no letters or digits");
  return true;
}
