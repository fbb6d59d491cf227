/*
 * store_metrics on a real store synced from the signed sample export: rows
 * per table, cards grouped by reason, channel and outcome, audit event
 * counts, the last sync attempt, a recorded refusal, and the staff sync
 * screen showing that refusal until the next import.
 */
#include "core/store_attention.h"
#include "core/store_metrics.h"
#include "test_ui_fixture.h"

/* Record one card print with an outcome. */
static bool card(fx_t *fx, const char *reason, const char *by, const char *outcome)
{
  card_print_t c = {.nhs_number = "9992232684", .key_worker_id = "KW-BR-01", .printer = "q"};
  snprintf(c.reason, sizeof c.reason, "%s", reason);
  snprintf(c.by, sizeof c.by, "%s", by);
  int64_t row = store_new_record_id();
  return store_card_print_begin(fx->store, &c, row) &&
         (!outcome || store_card_print_end(fx->store, row, 7, outcome));
}

/* The count for one (reason, by, outcome), or -1. */
static long card_count(const store_card_count_t *list, size_t n, const char *reason, const char *by,
                       const char *outcome)
{
  for (size_t i = 0; i < n; i++)
    if (!strcmp(list[i].reason, reason) && !strcmp(list[i].by, by) && !strcmp(list[i].outcome, outcome))
      return list[i].count;
  return -1;
}

/* The count of one audit event, or -1 on a store error. */
static long event_count(fx_t *fx, const char *event)
{
  long count = -1;
  const char *names[] = {event};
  return store_audit_event_counts(fx->store, names, 1, &count) ? count : -1;
}

static void test_rows_and_cards(fx_t *fx)
{
  TEST_SECTION("rows per table on the synced sample");
  store_table_rows_t rows;
  CHECK(store_table_rows(fx->store, &rows));
  CHECK_INT(rows.patients, 74);
  CHECK_INT(rows.key_workers, 14);
  CHECK_INT(rows.patients_without_key_worker, 5);
  CHECK_INT(rows.sync_runs, 1);
  CHECK_INT(rows.cards_printed, 0);
  CHECK(rows.services > 0 && rows.key_worker_history > 0);
  CHECK(rows.audit_log >= 1);

  TEST_SECTION("cards grouped by reason, channel and outcome");
  CHECK(card(fx, "new", "kiosk", "completed"));
  CHECK(card(fx, "new", "kiosk", "completed"));
  CHECK(card(fx, "new", "kiosk", "media-empty"));
  CHECK(card(fx, "lost", "staff", "completed"));
  CHECK(card(fx, "damaged", "staff", NULL)); /* still submitting */
  store_card_count_t *list = NULL;
  size_t n = 0;
  CHECK(store_card_counts(fx->store, &list, &n));
  CHECK_INT(n, 4);
  CHECK_INT(card_count(list, n, "new", "kiosk", "completed"), 2);
  CHECK_INT(card_count(list, n, "new", "kiosk", "media-empty"), 1);
  CHECK_INT(card_count(list, n, "lost", "staff", "completed"), 1);
  CHECK_INT(card_count(list, n, "damaged", "staff", "submitting"), 1);
  free(list);

  TEST_SECTION("audit events counted by actor and event");
  long before = event_count(fx, "identify_paused");
  CHECK(store_audit(fx->store, "kiosk", "identify_paused", "attempts=5 pause_s=120"));
  CHECK(store_audit(fx->store, "kiosk", "identify_paused", "attempts=5 pause_s=120"));
  CHECK_INT(event_count(fx, "identify_paused"), before + 2);
  const char *names[] = {"identify_paused", "never_written", "sync_imported"};
  long counts[3] = {-1, -1, -1};
  CHECK(store_audit_event_counts(fx->store, names, 3, counts));
  CHECK_INT(counts[0], before + 2);
  CHECK_INT(counts[1], 0);
  CHECK_INT(counts[2], 1);
  CHECK_INT(event_count(fx, "sync_imported"), 1);
}

/* A failed identification at the screen is an audit event with no detail,
 * which the metrics count (allwedd_identification_failures_total). */
static void test_identify_failed(fx_t *fx)
{
  TEST_SECTION("a failed identification is recorded, with nothing about what was typed");
  long before = event_count(fx, STORE_EVENT_IDENTIFY_FAILED);
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "NOBODY");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  CHECK_INT(event_count(fx, STORE_EVENT_IDENTIFY_FAILED), before + 1);
  CHECK_INT(audit_count(fx, STORE_EVENT_IDENTIFY_FAILED, ""), before + 1);
}

/* "Need help?" is an audit event naming the screen only, which the
 * metrics count (allwedd_help_requests_total). */
static void test_help_requested(fx_t *fx)
{
  TEST_SECTION("\"Need help?\" is recorded with the screen's name only, and counted");
  long before = event_count(fx, STORE_EVENT_HELP_REQUESTED);
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  CHECK(tap(fx, UI_T_HELP));
  CHECK(find_target(fx, UI_T_DIALOG_OK) != NULL);
  CHECK(shows_msg(fx, "Please ask at reception. The staff there will be glad to help you."));
  CHECK_INT(event_count(fx, STORE_EVENT_HELP_REQUESTED), before + 1);
  CHECK_INT(audit_count(fx, STORE_EVENT_HELP_REQUESTED, "name"), 1);
  CHECK(tap(fx, UI_T_DIALOG_OK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  CHECK(!find_target(fx, UI_T_DIALOG_OK));

}

static void test_sync_attempts(fx_t *fx)
{
  store_sync_attempt_t a;
  TEST_SECTION("the last sync attempt: the sample's import");
  CHECK_INT(store_last_sync_attempt(fx->store, &a), STORE_FOUND);
  CHECK_INT(a.result, STORE_SYNC_IMPORTED);
  CHECK_STR(store_sync_result_name(a.result), "imported");

  TEST_SECTION("the staff sync screen shows no refusal after an import");
  CHECK(ui_preview(fx->ui, "staff-sync", false, fx->now));
  CHECK(!shows_msg(fx, "A bundle from the inbox was refused. The data is as it was."));

  TEST_SECTION("a refusal is recorded and becomes the last attempt");
  CHECK(!store_sync_refusal_record(fx->store, STORE_SYNC_IMPORTED, "x", "y"));
  CHECK(store_sync_refusal_record(fx->store, STORE_SYNC_REJECTED, "rejected/20261121T010000Z-export",
                                  "patients.csv: SHA-256 does not match the manifest"));
  CHECK_INT(store_last_sync_attempt(fx->store, &a), STORE_FOUND);
  CHECK_INT(a.result, STORE_SYNC_REJECTED);
  CHECK(strstr(a.detail, "bundle=rejected/20261121T010000Z-export") != NULL);
  CHECK(strstr(a.detail, "SHA-256 does not match") != NULL);
  CHECK_STR(a.bundle, "rejected/20261121T010000Z-export");
  CHECK_STR(a.reason, "patients.csv: SHA-256 does not match the manifest");
  CHECK(a.at[0] != '\0');
  CHECK_INT(event_count(fx, "sync_rejected"), 1);

  TEST_SECTION("the staff sync screen shows the refusal, when and why");
  CHECK(ui_preview(fx->ui, "staff-sync", false, fx->now));
  CHECK(shows_msg(fx, "A bundle from the inbox was refused. The data is as it was."));
  CHECK(shows(fx, "SHA-256"));
  char when[64]; /* as people write it, local time: never the ISO text (issue 12) */
  CHECK(i18n_format_utc_local(ui_lang(fx->ui), a.at, when, sizeof when));
  CHECK(shows(fx, when));
  CHECK(!shows(fx, a.at));
  CHECK(shows(fx, "rejected/20261121T010000Z-export"));

  TEST_SECTION("a failure (not the bundle's fault) is recorded as failed");
  CHECK(store_sync_refusal_record(fx->store, STORE_SYNC_FAILED, "rejected/x", "no trusted public key"));
  CHECK_INT(store_last_sync_attempt(fx->store, &a), STORE_FOUND);
  CHECK_INT(a.result, STORE_SYNC_FAILED);

  TEST_SECTION("the next import clears the refusal from the staff screen");
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char bundle[512], pub[512];
  snprintf(bundle, sizeof bundle, "%s/assets/sample", src);
  snprintf(pub, sizeof pub, "%s/assets/demo-key/demo.pub", src);
  sync_options_t so;
  sync_report_t rep;
  sync_options_init(&so);
  so.bundle_dir = bundle;
  so.db_path = sqlite3_db_filename(store_db(fx->store), "main");
  so.public_key_path = pub;
  so.force = true;
  CHECK_INT(sync_run(&so, &rep, NULL, NULL), SYNC_IMPORTED);
  CHECK_INT(store_last_sync_attempt(fx->store, &a), STORE_FOUND);
  CHECK_INT(a.result, STORE_SYNC_IMPORTED);
  CHECK(ui_preview(fx->ui, "staff-sync", false, fx->now));
  CHECK(!shows_msg(fx, "A bundle from the inbox was refused. The data is as it was."));
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_rows_and_cards(&fx);
  test_identify_failed(&fx);
  test_help_requested(&fx);
  test_sync_attempts(&fx);
  fx_close(&fx);
  return test_summary();
}
