/*
 * The report's figures: the store's grouped counts (store_report.c) turned
 * into the fixed shape of report_t, and the CSV of the same figures. Weeks
 * are ISO weeks (Monday to Sunday, UTC), every week of the period listed so
 * a chart shows quiet weeks as zero rather than leaving them out.
 */
#include "core/report_data.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/csv_out.h"
#include "core/rules.h"
#include "core/store_concerns.h"
#include "core/store_metrics.h"
#include "core/store_report.h"

const char *const report_card_reasons[REPORT_CARD_REASONS] = {"new", "lost", "damaged",
                                                              "key_worker_changed"};
const char *const report_channels[REPORT_CHANNELS] = {"kiosk", "staff"};
const char *const report_languages[REPORT_LANGUAGES] = {"cy", "en"};
const char *const report_support_categories[REPORT_SUPPORT_CATEGORIES][2] = {
    {"urgent", "Urgent help"},
    {"symptoms", "Symptoms and side effects"},
    {"emotional", "Emotional support"},
    {"financial", "Money and benefits"},
    {"carers_family", "Carers and family"},
    {"support_groups", "Support groups"},
    {"practical", "Practical help"},
    {"palliative", "Palliative and end of life care"},
    {"work", "Work and cancer"},
    {"lifestyle", "Healthy living"},
    {"information", "Information about cancer"},
    {"clinical_trials", "Clinical trials"}};
const char *const report_knew_answers[REPORT_KNEW_ANSWERS] = {"yes", "no", "not_sure"};
const char *const report_easy_answers[REPORT_EASY_ANSWERS] = {"yes", "no"};
const char *const report_kw_reasons[REPORT_KW_REASONS] = {
    "diagnosis", "treatment_start", "primary_treatment_complete", "recurrence", "incurable",
    "staff_change", "patient_request", "other"};

/* Days since 1970-01-01 of a valid "YYYY-MM-DD"; false when malformed. */
static bool day_number(const char *date, long *days)
{
  int y, m, d;
  const char *why;
  if (!rules_date(date, &y, &m, &d, &why))
    return false;
  struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
  *days = (long)(timegm(&tm) / 86400);
  return true;
}

/* "YYYY-MM-DD" of a day number. */
static void day_text(long days, char out[11])
{
  time_t t = (time_t)days * 86400;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The Monday of the ISO week holding day number days (1970-01-01 was a
 * Thursday). */
static long monday_of(long days) { return days - ((days + 3) % 7 + 7) % 7; }

bool report_period(const char *from, const char *to, const char *today, char out_from[11],
                   char out_to[11], char *err, size_t errlen)
{
  long from_days, to_days;
  const char *bad = NULL;
  if (to && !day_number(to, &to_days))
    bad = "--to must be a date YYYY-MM-DD";
  else if (!to && !day_number(today, &to_days))
    bad = "today's date is not known";
  else if (from && !day_number(from, &from_days))
    bad = "--from must be a date YYYY-MM-DD";
  if (bad) {
    snprintf(err, errlen, "%s", bad);
    return false;
  }
  if (!from)
    from_days = to_days - (REPORT_DEFAULT_DAYS - 1);
  if (from_days > to_days) {
    snprintf(err, errlen, "--from must not be after --to");
    return false;
  }
  if (to_days - from_days + 1 > REPORT_MAX_DAYS) {
    snprintf(err, errlen, "a report covers at most %d days; make one report per year", REPORT_MAX_DAYS);
    return false;
  }
  day_text(from_days, out_from);
  day_text(to_days, out_to);
  return true;
}

int report_percent(long part, long whole)
{
  if (whole <= 0)
    return -1;
  return (int)((part * 200 + whole) / (whole * 2)); /* rounded half up */
}

/* Index of word in a list, or -1. */
static int index_of(const char *word, const char *const *list, int n)
{
  for (int i = 0; i < n; i++)
    if (!strcmp(word, list[i]))
      return i;
  return -1;
}

/* The snapshot: site, bundle, data age, and coverage now by pathway. */
static bool collect_snapshot(store_t *st, report_t *r)
{
  store_summary_t sum;
  store_report_rows_t rows = {0};
  if (!store_summary(st, &sum) || !store_report_coverage_now(st, &rows))
    return false;
  snprintf(r->site, sizeof r->site, "%s", sum.site);
  snprintf(r->bundle_generated, sizeof r->bundle_generated, "%s", sum.last_generated);
  snprintf(r->last_sync_at, sizeof r->last_sync_at, "%s", sum.last_sync_at);
  time_t generated = clock_parse_utc(sum.last_generated);
  time_t made = clock_parse_utc(r->made_at);
  r->data_age_hours = generated == (time_t)-1 || made == (time_t)-1 ? -1.0
                                                                    : difftime(made, generated) / 3600.0;
  r->pathways = rows.n ? calloc(rows.n, sizeof *r->pathways) : NULL;
  if (rows.n && !r->pathways)
    goto oom;
  for (size_t i = 0; i < rows.n; i++) {
    report_pathway_t *p = &r->pathways[r->npathways];
    if (!(p->pathway = strdup(rows.rows[i].key[0])))
      goto oom;
    r->npathways++;
    p->with_key_worker = rows.rows[i].count;
    p->patients = rows.rows[i].total;
    r->with_key_worker += p->with_key_worker;
    r->patients += p->patients;
  }
  store_report_rows_free(&rows);
  return true;
oom:
  store_report_rows_free(&rows);
  return false;
}

/* Coverage after each sync in the period. */
static bool collect_trend(store_t *st, report_t *r)
{
  store_report_rows_t rows = {0};
  if (!store_report_coverage_trend(st, r->from, r->to, &rows))
    return false;
  r->trend = rows.n ? calloc(rows.n, sizeof *r->trend) : NULL;
  bool ok = !rows.n || r->trend;
  for (size_t i = 0; ok && i < rows.n; i++) {
    report_sync_point_t *p = &r->trend[i];
    p->run = strtol(rows.rows[i].key[0], NULL, 10);
    snprintf(p->finished_at, sizeof p->finished_at, "%s", rows.rows[i].key[1]);
    snprintf(p->generated, sizeof p->generated, "%s", rows.rows[i].key[2]);
    p->with_key_worker = rows.rows[i].count;
    p->patients = rows.rows[i].total;
    r->ntrend++;
  }
  store_report_rows_free(&rows);
  return ok;
}

/* Cards per week (every week of the period) by reason and channel, totals,
 * and the print faults. */
static bool collect_cards(store_t *st, report_t *r)
{
  store_report_rows_t rows = {0}, faults = {0};
  long from_days, to_days;
  bool ok = false;
  if (!day_number(r->from, &from_days) || !day_number(r->to, &to_days))
    return false;
  long first = monday_of(from_days);
  r->nweeks = (size_t)((monday_of(to_days) - first) / 7 + 1);
  if (!(r->weeks = calloc(r->nweeks, sizeof *r->weeks)))
    return false;
  for (size_t w = 0; w < r->nweeks; w++)
    day_text(first + 7 * (long)w, r->weeks[w].monday);
  if (!store_report_cards_issued(st, r->from, r->to, &rows) ||
      !store_report_card_faults(st, r->from, r->to, &faults))
    goto done;
  for (size_t i = 0; i < rows.n; i++) {
    const store_report_row_t *row = &rows.rows[i];
    long monday;
    int reason = index_of(row->key[1], report_card_reasons, REPORT_CARD_REASONS);
    int channel = index_of(row->key[2], report_channels, REPORT_CHANNELS);
    if (!day_number(row->key[0], &monday) || reason < 0 || channel < 0)
      continue; /* a record the kiosk never writes; the totals stay honest about what is shown */
    size_t w = (size_t)((monday - first) / 7);
    if (monday < first || w >= r->nweeks)
      continue;
    r->weeks[w].cards[reason][channel] += row->count;
    r->cards_by_reason[reason] += row->count;
    r->cards_by_channel[channel] += row->count;
    r->cards_total += row->count;
  }
  r->faults = faults.n ? calloc(faults.n, sizeof *r->faults) : NULL;
  if (faults.n && !r->faults)
    goto done;
  for (size_t i = 0; i < faults.n; i++) {
    if (!(r->faults[i].outcome = strdup(faults.rows[i].key[0])))
      goto done;
    r->faults[i].count = faults.rows[i].count;
    r->faults_total += faults.rows[i].count;
    r->nfaults++;
  }
  ok = true;
done:
  store_report_rows_free(&rows);
  store_report_rows_free(&faults);
  return ok;
}

/* Key worker allocations from the history, by reason. */
static bool collect_history(store_t *st, report_t *r)
{
  store_report_rows_t rows = {0};
  if (!store_report_key_worker_allocations(st, r->from, r->to, &rows))
    return false;
  for (size_t i = 0; i < rows.n; i++) {
    int reason = index_of(rows.rows[i].key[0], report_kw_reasons, REPORT_KW_REASONS);
    if (reason < 0)
      continue; /* the sync accepts only these reasons */
    if (!strcmp(rows.rows[i].key[1], "change"))
      r->changes[reason] += rows.rows[i].count;
    else
      r->first_allocations[reason] += rows.rows[i].count;
  }
  store_report_rows_free(&rows);
  return true;
}

/* The last day of the month of date ("YYYY-MM-DD"). */
static void month_end(const char *date, char out[11])
{
  int y = 0, m = 0;
  sscanf(date, "%4d-%2d", &y, &m);
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = days[(m - 1) % 12] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* Add the anonymous counts named PREFIX.WORD for each word into totals. */
static bool collect_counts(store_t *st, const report_t *r, const char *prefix, const char *const *words,
                           size_t stride, int n, long *totals)
{
  store_report_rows_t rows = {0};
  char from_month[8], to_month[8];
  snprintf(from_month, sizeof from_month, "%.7s", r->from);
  snprintf(to_month, sizeof to_month, "%.7s", r->to);
  if (!store_report_counts(st, from_month, to_month, prefix, &rows))
    return false;
  size_t plen = strlen(prefix);
  for (size_t i = 0; i < rows.n; i++)
    for (int k = 0; k < n; k++)
      if (!strcmp(rows.rows[i].key[0] + plen, words[(size_t)k * stride]))
        totals[k] += rows.rows[i].count;
  store_report_rows_free(&rows);
  return true;
}

/* The kiosk's anonymous counts over the months of the period. */
static bool collect_anonymous(store_t *st, report_t *r)
{
  snprintf(r->counts_from, sizeof r->counts_from, "%.7s-01", r->from);
  month_end(r->to, r->counts_to);
  return collect_counts(st, r, "kiosk.language.", report_languages, 1, REPORT_LANGUAGES, r->language_chosen) &&
         collect_counts(st, r, "kiosk.support_viewed.", &report_support_categories[0][0], 2,
                        REPORT_SUPPORT_CATEGORIES, r->support_viewed) &&
         collect_counts(st, r, "survey.knew_key_worker.", report_knew_answers, 1, REPORT_KNEW_ANSWERS,
                        r->knew_key_worker) &&
         collect_counts(st, r, "survey.easy_to_use.", report_easy_answers, 1, REPORT_EASY_ANSWERS, r->easy_to_use) &&
         store_concerns_totals(st, r->from, r->to, r->concerns);
}

report_t *report_collect(store_t *st, const char *from, const char *to, const char *made_at,
                         char *err, size_t errlen)
{
  long unused;
  report_t *r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  snprintf(r->from, sizeof r->from, "%s", from);
  snprintf(r->to, sizeof r->to, "%s", to);
  snprintf(r->made_at, sizeof r->made_at, "%s", made_at);
  if (!collect_snapshot(st, r) || !collect_trend(st, r) || !collect_cards(st, r) ||
      !collect_history(st, r) ||
      !store_report_event_count(st, from, to, "no_key_worker", &r->no_key_worker_events,
                                &r->no_key_worker_patients) ||
      !store_report_event_count(st, from, to, "identify_paused", &r->lockouts, &unused) ||
      !store_report_event_count(st, from, to, STORE_EVENT_IDENTIFY_FAILED, &r->identify_failures, &unused) ||
      !collect_anonymous(st, r)) {
    snprintf(err, errlen, "cannot read the report's figures: %s", store_error(st));
    report_free(r);
    return NULL;
  }
  return r;
}

void report_free(report_t *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->npathways; i++)
    free(r->pathways[i].pathway);
  for (size_t i = 0; i < r->nfaults; i++)
    free(r->faults[i].outcome);
  free(r->pathways);
  free(r->trend);
  free(r->weeks);
  free(r->faults);
  free(r);
}

/* One CSV row: figure, group, value, total (< 0: empty), period, source. */
static void csv_row(FILE *out, const char *figure, const char *group, const char *value, long total,
                    const char *from, const char *to, const char *source)
{
  char total_text[24] = "";
  if (total >= 0)
    snprintf(total_text, sizeof total_text, "%ld", total);
  const char *fields[] = {figure, group, value, total_text, from, to, source};
  csv_out_row(out, fields, sizeof fields / sizeof fields[0]);
}

/* A row whose value is a count. */
static void csv_count(FILE *out, const char *figure, const char *group, long value, long total,
                      const char *from, const char *to, const char *source)
{
  char text[24];
  snprintf(text, sizeof text, "%ld", value);
  csv_row(out, figure, group, text, total, from, to, source);
}

/* The snapshot figures: coverage now, by pathway, data age, and the trend. */
static void csv_coverage(const report_t *r, FILE *out)
{
  char group[700], source[96], asof[11] = "";
  snprintf(asof, sizeof asof, "%.10s", r->bundle_generated);
  snprintf(source, sizeof source, "patients (snapshot generated %s)",
           r->bundle_generated[0] ? r->bundle_generated : "never");
  csv_count(out, "key_worker_coverage", "all", r->with_key_worker, r->patients, asof, asof, source);
  for (size_t i = 0; i < r->npathways; i++) {
    snprintf(group, sizeof group, "pathway=%s", r->pathways[i].pathway);
    csv_count(out, "key_worker_coverage", group, r->pathways[i].with_key_worker, r->pathways[i].patients,
              asof, asof, source);
  }
  for (size_t i = 0; i < r->ntrend; i++) {
    const report_sync_point_t *p = &r->trend[i];
    char day[11];
    snprintf(day, sizeof day, "%.10s", p->finished_at);
    snprintf(group, sizeof group, "sync=%s", p->finished_at);
    csv_count(out, "key_worker_coverage_trend", group, p->with_key_worker, p->patients, day, day,
              "sync_coverage");
  }
  if (r->data_age_hours >= 0) {
    char text[32];
    snprintf(text, sizeof text, "%.1f", r->data_age_hours);
    csv_row(out, "data_age_hours", "all", text, -1, asof, r->made_at, source);
  }
}

/* Cards per week (non-zero groups), totals by reason and channel, faults. */
static void csv_cards(const report_t *r, FILE *out)
{
  char group[160];
  const char *src = "cards_printed (outcome completed)";
  for (size_t w = 0; w < r->nweeks; w++) {
    const report_week_t *wk = &r->weeks[w];
    long days;
    char sunday[11];
    day_number(wk->monday, &days);
    day_text(days + 6, sunday);
    const char *from = strcmp(wk->monday, r->from) < 0 ? r->from : wk->monday;
    const char *to = strcmp(sunday, r->to) > 0 ? r->to : sunday;
    for (int i = 0; i < REPORT_CARD_REASONS; i++)
      for (int c = 0; c < REPORT_CHANNELS; c++) {
        if (!wk->cards[i][c])
          continue;
        snprintf(group, sizeof group, "week=%s;reason=%s;channel=%s", wk->monday, report_card_reasons[i],
                 report_channels[c]);
        csv_count(out, "cards_issued", group, wk->cards[i][c], -1, from, to, src);
      }
  }
  for (int i = 0; i < REPORT_CARD_REASONS; i++) {
    snprintf(group, sizeof group, "reason=%s", report_card_reasons[i]);
    csv_count(out, "cards_issued", group, r->cards_by_reason[i], -1, r->from, r->to, src);
  }
  for (int c = 0; c < REPORT_CHANNELS; c++) {
    snprintf(group, sizeof group, "channel=%s", report_channels[c]);
    csv_count(out, "cards_issued", group, r->cards_by_channel[c], -1, r->from, r->to, src);
  }
  csv_count(out, "cards_issued", "all", r->cards_total, -1, r->from, r->to, src);
  for (size_t i = 0; i < r->nfaults; i++) {
    snprintf(group, sizeof group, "outcome=%s", r->faults[i].outcome);
    csv_count(out, "printer_faults", group, r->faults[i].count, -1, r->from, r->to, "cards_printed");
  }
  csv_count(out, "printer_faults", "all", r->faults_total, -1, r->from, r->to, "cards_printed");
}

/* One row per word of an anonymous count, with the total as denominator. */
static void csv_counts(const report_t *r, FILE *out, const char *figure, const char *key, const char *const *words,
                       size_t stride, int n, const long *values, bool with_total)
{
  char group[96];
  long total = 0;
  for (int k = 0; k < n; k++)
    total += values[k];
  for (int k = 0; k < n; k++) {
    snprintf(group, sizeof group, "%s=%s", key, words[(size_t)k * stride]);
    csv_count(out, figure, group, values[k], with_total ? total : -1, r->counts_from, r->counts_to,
              "anonymous_counts (per calendar month)");
  }
}

/* The anonymous counts: languages, support viewed, the answers. */
static void csv_anonymous(const report_t *r, FILE *out)
{
  csv_counts(r, out, "language_chosen", "language", report_languages, 1, REPORT_LANGUAGES, r->language_chosen,
             true);
  csv_counts(r, out, "support_viewed", "category", &report_support_categories[0][0], 2, REPORT_SUPPORT_CATEGORIES,
             r->support_viewed, false);
  csv_counts(r, out, "answer_knew_key_worker", "answer", report_knew_answers, 1, REPORT_KNEW_ANSWERS,
             r->knew_key_worker, true);
  csv_counts(r, out, "answer_easy_to_use", "answer", report_easy_answers, 1, REPORT_EASY_ANSWERS, r->easy_to_use,
             true);
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++) {
    char group[64];
    snprintf(group, sizeof group, "group=%s", concerns_group_key((concerns_group_t)g));
    csv_count(out, "concerns_raised", group, r->concerns[g], -1, r->from, r->to,
              "concerns_counts (per day)");
  }
}

/* Key worker allocations and changes by reason, and the kiosk's events. */
static void csv_history_and_kiosk(const report_t *r, FILE *out)
{
  char group[96];
  long key_point_changes = 0, all_changes = 0;
  for (int i = 0; i < REPORT_KW_REASONS; i++) {
    snprintf(group, sizeof group, "reason=%s", report_kw_reasons[i]);
    csv_count(out, "key_worker_first_allocations", group, r->first_allocations[i], -1, r->from, r->to,
              "key_worker_history");
    csv_count(out, "key_worker_changes", group, r->changes[i], -1, r->from, r->to, "key_worker_history");
    all_changes += r->changes[i];
    if (i < REPORT_KEY_POINTS)
      key_point_changes += r->changes[i];
  }
  csv_count(out, "key_worker_changes", "key_points", key_point_changes, -1, r->from, r->to,
            "key_worker_history");
  csv_count(out, "key_worker_changes", "all", all_changes, -1, r->from, r->to, "key_worker_history");
  csv_count(out, "no_key_worker_at_kiosk", "patients", r->no_key_worker_patients, -1, r->from, r->to,
            "audit_log (no_key_worker)");
  csv_count(out, "no_key_worker_at_kiosk", "screens", r->no_key_worker_events, -1, r->from, r->to,
            "audit_log (no_key_worker)");
  csv_count(out, "identification_failures", "all", r->identify_failures, -1, r->from, r->to,
            "audit_log (identify_failed)");
  csv_count(out, "identification_lockouts", "all", r->lockouts, -1, r->from, r->to,
            "audit_log (identify_paused)");
  csv_anonymous(r, out);
  csv_count(out, "survey_anchor", "2013_patients_with_key_worker", REPORT_ANCHOR_2013_PERCENT, 100,
            "2013-01-01", "2013-12-31", "Wales Cancer Patient Experience Survey 2013");
  csv_count(out, "survey_anchor", "2016_given_key_worker_name_and_contact", REPORT_ANCHOR_2016_PERCENT, 100,
            "2016-01-01", "2016-12-31", "Wales Cancer Patient Experience Survey 2016");
}

bool report_write_csv(const report_t *r, FILE *out)
{
  fputs("figure,group,value,total,from,to,source\n", out);
  csv_coverage(r, out);
  csv_cards(r, out);
  csv_history_and_kiosk(r, out);
  return fflush(out) == 0 && !ferror(out);
}
