/*
 * The report's figures without the command line: the period rules, the
 * rounding of percentages, ISO weeks across a year end, the per-sync
 * coverage summary (written by a real sync, rolled back with a failed one,
 * and filled in by the migration for a store synced before it existed), and
 * the layout fitting both pages in Welsh and English with no overflow.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/report_data.h"
#include "core/report_layout.h"
#include "core/store.h"
#include "core/store_concerns.h"
#include "core/store_counts.h"
#include "core/sync.h"
#include "platform/report_draw.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-report-XXXXXX";

static bool exec(store_t *st, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec(store_db(st), sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    printf("      sql error: %s\n", msg);
  sqlite3_free(msg);
  return rc == SQLITE_OK;
}

static long long query_int(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  long long v = -1;
  if (sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW)
    v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return v;
}

/* Sync the sample export into path; true when imported. */
static bool sync_sample(const char *path, const char *bundle)
{
  char key[1024];
  sync_options_t so;
  sync_report_t rep;
  snprintf(key, sizeof key, "%s/assets/demo-key/demo.pub", getenv("ALLWEDD_SOURCE_DIR"));
  sync_options_init(&so);
  so.bundle_dir = bundle;
  so.db_path = path;
  so.public_key_path = key;
  so.force = true;
  bool ok = sync_run(&so, &rep, NULL, NULL) == SYNC_IMPORTED;
  if (!ok)
    printf("      sync: %s\n", rep.reason);
  return ok;
}

static void test_period(void)
{
  char from[11], to[11], err[200];
  TEST_SECTION("the period");
  CHECK(report_period(NULL, NULL, "2026-11-29", from, to, err, sizeof err));
  CHECK_STR(from, "2026-09-07");
  CHECK_STR(to, "2026-11-29");
  CHECK(report_period(NULL, "2024-03-01", "2026-11-29", from, to, err, sizeof err));
  CHECK_STR(from, "2023-12-09"); /* 84 days, across a leap February */
  CHECK(report_period("2024-01-01", "2024-12-31", "x", from, to, err, sizeof err)); /* 366 days */
  CHECK(!report_period("2023-01-01", "2024-01-02", "x", from, to, err, sizeof err));
  CHECK(!report_period("2026-11-30", "2026-11-29", "x", from, to, err, sizeof err));
  CHECK_STR(err, "--from must not be after --to");
  CHECK(!report_period("2026-02-30", NULL, "2026-11-29", from, to, err, sizeof err));
  CHECK(!report_period(NULL, "29/11/2026", "2026-11-29", from, to, err, sizeof err));

  TEST_SECTION("percentages round half up; nothing to divide by is -1");
  CHECK_INT(report_percent(67, 74), 91);
  CHECK_INT(report_percent(1, 8), 13);  /* 12.5 */
  CHECK_INT(report_percent(5, 6), 83);
  CHECK_INT(report_percent(0, 0), -1);
  CHECK_INT(report_percent(3, 3), 100);
}

/* Coverage rows written by real syncs, and the migration's back-fill. */
static void test_coverage(void)
{
  char path[300], sample[1024], err[600];
  snprintf(path, sizeof path, "%s/store.db", dir);
  snprintf(sample, sizeof sample, "%s/assets/sample", getenv("ALLWEDD_SOURCE_DIR"));

  TEST_SECTION("each sync records its coverage in its own transaction");
  CHECK(sync_sample(path, sample));
  CHECK(sync_sample(path, sample));
  store_t *st = store_open(path, err, sizeof err);
  if (!CHECK(st))
    return;
  CHECK_INT(query_int(st, "SELECT count(DISTINCT run) FROM sync_coverage"), 2);
  CHECK_INT(query_int(st, "SELECT sum(patients) FROM sync_coverage WHERE run = 2"),
            query_int(st, "SELECT count(*) FROM patients"));
  CHECK_INT(query_int(st, "SELECT sum(with_key_worker) FROM sync_coverage WHERE run = 2"),
            query_int(st, "SELECT count(*) FROM patients WHERE key_worker_id IS NOT NULL"));

  TEST_SECTION("a store synced before the summary existed gets one for its last sync");
  char sql[96];
  snprintf(sql, sizeof sql, "DROP TABLE sync_coverage; PRAGMA main.user_version = %d", store_schema_version() - 1);
  CHECK(exec(st, sql));
  store_close(st);
  st = store_open(path, err, sizeof err);
  if (!CHECK(st))
    return;
  CHECK_INT(query_int(st, "PRAGMA user_version"), store_schema_version());
  CHECK_INT(query_int(st, "SELECT count(DISTINCT run) FROM sync_coverage"), 1);
  CHECK_INT(query_int(st, "SELECT min(run) FROM sync_coverage"), 2);
  CHECK_INT(query_int(st, "SELECT sum(patients) FROM sync_coverage"), query_int(st, "SELECT count(*) FROM patients"));

  TEST_SECTION("the figures: the trend's last point is the snapshot now");
  report_t *r = report_collect(st, "2000-01-01", "2000-12-31", "2026-11-29T12:00:00Z", err, sizeof err);
  CHECK(r && r->ntrend == 0); /* the syncs finished today, outside the period */
  report_free(r);
  char today[11];
  clock_today(today);
  r = report_collect(st, today, today, "2026-11-29T12:00:00Z", err, sizeof err);
  if (CHECK(r && r->ntrend == 1)) {
    CHECK_INT(r->trend[0].patients, r->patients);
    CHECK_INT(r->trend[0].with_key_worker, r->with_key_worker);
    CHECK_INT(r->nweeks, 1);
  }
  report_free(r);
  store_close(st);
}

/* ISO weeks across a year end: every week listed, the Monday first. */
static void test_weeks(void)
{
  char path[300], err[600];
  TEST_SECTION("weeks across a year end start on Monday and include empty ones");
  snprintf(path, sizeof path, "%s/weeks.db", dir);
  store_t *st = store_open(path, err, sizeof err);
  if (!CHECK(st))
    return;
  CHECK(exec(st, "INSERT INTO cards_printed(started_at, nhs_number, key_worker_id, reason, printer, by, outcome)"
                 " VALUES ('2026-12-31T23:59:59Z', '9992232684', 'KW', 'lost', 'p', 'kiosk', 'completed'),"
                 " ('2027-01-04T00:00:00Z', '9992232684', 'KW', 'new', 'p', 'staff', 'completed'),"
                 " ('2027-01-17T10:00:00Z', '9992232684', 'KW', 'new', 'p', 'staff', 'completed')"));
  report_t *r = report_collect(st, "2026-12-30", "2027-01-17", "2027-01-18T00:00:00Z", err, sizeof err);
  if (CHECK(r) && CHECK(r->nweeks == 3)) {
    CHECK_STR(r->weeks[0].monday, "2026-12-28");
    CHECK_STR(r->weeks[1].monday, "2027-01-04");
    CHECK_STR(r->weeks[2].monday, "2027-01-11");
    CHECK_INT(r->weeks[0].cards[1][0], 1); /* lost, kiosk */
    CHECK_INT(r->weeks[1].cards[0][1], 1); /* new, staff */
    CHECK_INT(r->weeks[2].cards[0][1], 1);
    CHECK_INT(r->cards_total, 3);
    CHECK(r->data_age_hours < 0); /* never synced */
  }
  report_free(r);
  store_close(st);
}

/* Anonymous counts: a fixed word and a month, nothing else. */
static void test_counts(void)
{
  char path[300], err[600];
  TEST_SECTION("anonymous counts keep a month, a fixed word and a number, nothing else");
  snprintf(path, sizeof path, "%s/counts.db", dir);
  store_t *st = store_open(path, err, sizeof err);
  if (!CHECK(st))
    return;
  setenv("ALLWEDD_NOW", "2026-11-20T10:00:00Z", 1);
  CHECK(store_count_add(st, "survey.knew_key_worker.yes"));
  CHECK(store_count_add(st, "survey.knew_key_worker.yes"));
  setenv("ALLWEDD_NOW", "2026-12-01T00:00:00Z", 1);
  CHECK(store_count_add(st, "survey.knew_key_worker.yes"));
  unsetenv("ALLWEDD_NOW");
  CHECK_INT(query_int(st, "SELECT count FROM anonymous_counts WHERE month = '2026-11'"), 2);
  CHECK_INT(query_int(st, "SELECT count FROM anonymous_counts WHERE month = '2026-12'"), 1);
  CHECK(!store_count_add(st, "nhs=9992232684"));
  CHECK(!store_count_add(st, "Survey.Yes"));
  CHECK(!store_count_add(st, ""));
  CHECK_INT(query_int(st, "SELECT count(*) FROM anonymous_counts"), 2);
  CHECK_INT(query_int(st, "SELECT count(*) FROM pragma_table_info('anonymous_counts')"), 3);
  CHECK_INT(query_int(st, "SELECT count(*) FROM pragma_table_info('anonymous_counts')"
                          " WHERE name IN ('month', 'name', 'count')"), 3);
  report_t *r = report_collect(st, "2026-11-15", "2026-11-30", "2026-12-02T00:00:00Z", err, sizeof err);
  if (CHECK(r)) {
    CHECK_INT(r->knew_key_worker[0], 2); /* November only */
    CHECK_STR(r->counts_from, "2026-11-01");
    CHECK_STR(r->counts_to, "2026-11-30");
  }
  report_free(r);
  r = report_collect(st, "2024-02-10", "2024-02-11", "2024-03-01T00:00:00Z", err, sizeof err);
  if (CHECK(r))
    CHECK_STR(r->counts_to, "2024-02-29");
  report_free(r);

  TEST_SECTION("concerns counts: per day and group, in the report's days only, in the CSV");
  setenv("ALLWEDD_NOW", "2026-11-20T10:00:00Z", 1);
  CHECK(store_concerns_count(st, (1u << CONCERNS_PRACTICAL) | (1u << CONCERNS_EMOTIONAL)));
  CHECK(store_concerns_count(st, 1u << CONCERNS_PRACTICAL));
  setenv("ALLWEDD_NOW", "2026-11-14T23:59:00Z", 1);
  CHECK(store_concerns_count(st, 1u << CONCERNS_PRACTICAL)); /* before the period */
  unsetenv("ALLWEDD_NOW");
  CHECK_INT(query_int(st, "SELECT count FROM records.concerns_counts WHERE day = '2026-11-20'"
                          " AND concern_group = 'practical'"), 2);
  r = report_collect(st, "2026-11-15", "2026-11-30", "2026-12-02T00:00:00Z", err, sizeof err);
  if (CHECK(r)) {
    CHECK_INT(r->concerns[CONCERNS_PRACTICAL], 2);
    CHECK_INT(r->concerns[CONCERNS_EMOTIONAL], 1);
    CHECK_INT(r->concerns[CONCERNS_PHYSICAL], 0);
    char *csv = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&csv, &len);
    CHECK(mem && report_write_csv(r, mem));
    if (mem)
      fclose(mem);
    CHECK(csv && strstr(csv, "concerns_raised,group=practical,2,,2026-11-15,2026-11-30,concerns_counts (per day)"));
    CHECK(csv && strstr(csv, "concerns_raised,group=spiritual,0,"));
    free(csv);
  }
  report_free(r);
  store_close(st);
}

/* Both pages fit, in each language and in both, with every pathway row. */
static void test_layout(void)
{
  char path[1200], err[600];
  TEST_SECTION("the layout fits two pages in Welsh, English and both, without overflow");
  snprintf(path, sizeof path, "%s/locales", getenv("ALLWEDD_SOURCE_DIR"));
  i18n_t *cat = i18n_load(path, err, sizeof err);
  draw_t *d = draw_new(NULL, NULL, NULL, err, sizeof err); /* the Liberation Sans defaults */
  if (!CHECK(cat && d)) {
    printf("      %s\n", err);
    goto done;
  }
  /* The most a report can show: a year of weeks, many long pathways. */
  report_t r = {.from = "2026-01-01", .to = "2026-12-31", .made_at = "2027-01-01T09:00:00Z",
                .site = "Canolfan Ganser Glan Hafren / Glan Hafren Cancer Centre (Ysbyty Athrofaol)",
                .bundle_generated = "2026-12-31T22:00:00Z", .data_age_hours = 11, .patients = 100000,
                .with_key_worker = 91234};
  report_pathway_t pathways[14];
  report_week_t weeks[53];
  memset(weeks, 0, sizeof weeks);
  report_sync_point_t trend[365];
  for (int i = 0; i < 14; i++)
    pathways[i] = (report_pathway_t){.pathway = "head and neck (including thyroid) and upper aerodigestive",
                                     .patients = 10000, .with_key_worker = 9000 + i * 50};
  for (int i = 0; i < 53; i++) {
    snprintf(weeks[i].monday, sizeof weeks[i].monday, "2026-%02d-%02d", 1 + i / 5, 1 + (i % 5) * 5);
    weeks[i].cards[i % 4][i % 2] = 100 + i;
  }
  for (int i = 0; i < 365; i++)
    trend[i] = (report_sync_point_t){.run = i, .finished_at = "2026-06-01T06:00:00Z",
                                     .patients = 1000, .with_key_worker = 600 + i};
  r.pathways = pathways;
  r.npathways = 14;
  r.weeks = weeks;
  r.nweeks = 53;
  r.trend = trend;
  r.ntrend = 365;
  for (int i = 0; i < REPORT_KW_REASONS; i++)
    r.changes[i] = r.first_allocations[i] = 99999;
  r.no_key_worker_patients = r.lockouts = r.faults_total = r.identify_failures = 1234567;
  r.language_chosen[0] = 123456;
  r.language_chosen[1] = 654321;
  for (int i = 0; i < REPORT_SUPPORT_CATEGORIES; i++)
    r.support_viewed[i] = 100000 + i * 7919;
  for (int i = 0; i < REPORT_KNEW_ANSWERS; i++)
    r.knew_key_worker[i] = 100000 * (3 - i);
  r.easy_to_use[0] = 999999;
  r.easy_to_use[1] = 1;
  snprintf(r.counts_from, sizeof r.counts_from, "2026-01-01");
  snprintf(r.counts_to, sizeof r.counts_to, "2026-12-31");
  const report_layout_options_t opts[] = {{.cat = cat, .langs = {LANG_CY, LANG_EN}, .nlangs = 2},
                                          {.cat = cat, .langs = {LANG_CY}, .nlangs = 1},
                                          {.cat = cat, .langs = {LANG_EN}, .nlangs = 1}};
  const int dpis[] = {REPORT_PDF_DPI, 96};
  scene_measurer_t m = draw_measurer(d);
  for (size_t k = 0; k < 2; k++)
    for (size_t o = 0; o < 3; o++) {
      scene_t *pages[REPORT_MAX_PAGES];
      size_t npages = 0;
      report_layout_options_t opt = opts[o];
      opt.dpi = dpis[k];
      bool ok = report_layout(&r, &opt, &m, pages, &npages, err, sizeof err);
      if (!CHECK(ok)) {
        printf("      %d dpi, languages %zu: %s\n", dpis[k], o, err);
        continue;
      }
      CHECK_INT(npages, 2);
      CHECK_INT(scene_width(pages[0]), dpis[k] == REPORT_PDF_DPI ? 2100 : 794);
      const char *look = getenv("ALLWEDD_REPORT_PNG_DIR"); /* to look at the fullest report */
      if (look && dpis[k] != REPORT_PDF_DPI) {
        char png[1200];
        snprintf(png, sizeof png, "%s/fullest-%zu.png", look, o);
        CHECK(report_draw_png(d, pages, npages, dpis[k], png, err, sizeof err));
      }
      for (size_t p = 0; p < npages; p++) {
        CHECK_INT(scene_overflow_count(pages[p]), 0);
        for (size_t i = 0; i < scene_overflow_count(pages[p]); i++)
          printf("      %d dpi, page %zu: %s\n", dpis[k], p + 1, scene_overflow(pages[p], i));
        scene_free(pages[p]);
      }
    }
done:
  draw_free(d);
  i18n_free(cat);
}

int main(void)
{
  if (!mkdtemp(dir))
    return 1;
  test_period();
  test_coverage();
  test_weeks();
  test_counts();
  test_layout();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("      could not remove %s\n", dir);
  return test_summary();
}
