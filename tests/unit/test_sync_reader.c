/*
 * A running kiosk sees a new export at its next journey, without a
 * restart: the kiosk's UI and its one store connection (store_open, WAL)
 * stay open while another connection syncs a new signed bundle (as
 * `allwedd sync --inbox` does from its own process). During the sync's
 * transaction the kiosk still reads the old data without waiting for the
 * sync's lock; after the commit its next journey shows the new key worker.
 */
#include "core/clock.h"
#include "test_ui_fixture.h"

typedef struct {
  fx_t *fx;
  int calls;
  int old_reads;
  int64_t slowest_ms;
} during_t;

/* Called by the sync with each warning, inside its write transaction:
 * the kiosk's connection reads the patient as it was, at once. */
static void read_during_sync(void *ctx, const char *line)
{
  during_t *d = ctx;
  patient_t p;
  (void)line;
  d->calls++;
  int64_t t0 = clock_monotonic_ms();
  store_match_t m = store_patient_by_nhs(d->fx->store, "9992232684", &p);
  int64_t took = clock_monotonic_ms() - t0;
  if (took > d->slowest_ms)
    d->slowest_ms = took;
  if (m == STORE_FOUND && !strcmp(p.key_worker_id, "KW-BR-01"))
    d->old_reads++;
}

/* Siân's journey to her key worker screen, on the same UI as before. */
static void journey_to_key_worker(fx_t *fx)
{
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
}

/* Let the journey end by itself (idle, then the countdown). */
static void walk_away(fx_t *fx)
{
  wait_ms(fx, (int64_t)fx->cfg.idle_timeout_s * 1000);
  wait_ms(fx, (int64_t)fx->cfg.idle_warning_s * 1000 + 1000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
}

/* Run a shell command; true on exit status 0. */
static bool run(const char *cmd)
{
  int rc = system(cmd);
  if (rc != 0)
    printf("      failed (%d): %s\n", rc, cmd);
  return rc == 0;
}

int main(void)
{
  fx_t fx;
  char cmd[2048], bundle[300], db[300];
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }

  TEST_SECTION("the kiosk shows the key worker of the export in force");
  journey_to_key_worker(&fx);
  CHECK(shows(&fx, "Gwenno Rees"));
  walk_away(&fx);

  TEST_SECTION("a new signed export: Siân's key worker changed, an unknown column added");
  snprintf(bundle, sizeof bundle, "%s/next-export", fx.dir);
  snprintf(cmd, sizeof cmd,
           "set -e; mkdir '%s'; cp '%s'/assets/sample/*.csv '%s'/;"
           " sed -i 's/\\r$//; 1s/$/,shoe_size/; 2s/KW-BR-01,breast$/KW-BR-02,breast,9/; 3,$s/$/,/' '%s/patients.csv';"
           " bash '%s/scripts/make-bundle-manifest.sh' --generated 2026-11-21T23:05:00Z '%s'"
           " '%s/assets/demo-key/demo.key' >/dev/null 2>&1",
           bundle, src, bundle, bundle, src, bundle, src);
  CHECK(run(cmd));

  TEST_SECTION("during the sync's transaction the kiosk reads the old data without waiting");
  snprintf(db, sizeof db, "%s/kiosk.db", fx.dir);
  char pub[300];
  snprintf(pub, sizeof pub, "%s/assets/demo-key/demo.pub", src);
  sync_options_t so;
  sync_report_t rep;
  sync_options_init(&so);
  so.bundle_dir = bundle;
  so.db_path = db; /* the sync opens its own connection, as another process would */
  so.public_key_path = pub;
  during_t during = {.fx = &fx};
  store_set_busy_timeout_ms(fx.store, 2000);
  CHECK_INT(sync_run(&so, &rep, read_during_sync, &during), SYNC_IMPORTED);
  if (rep.status != SYNC_IMPORTED)
    printf("      %s\n", rep.reason);
  CHECK(during.calls >= 1);
  CHECK_INT(during.old_reads, during.calls);
  CHECK(during.slowest_ms < 1000);

  TEST_SECTION("the next journey on the same UI and connection shows the new key worker");
  journey_to_key_worker(&fx);
  CHECK(shows(&fx, "Sarah Lewis-Pritchard"));
  CHECK(!shows(&fx, "Gwenno Rees"));
  walk_away(&fx);
  store_summary_t sum;
  CHECK(store_summary(fx.store, &sum));
  CHECK_STR(sum.last_generated, "2026-11-21T23:05:00Z");

  fx_close(&fx);
  return test_summary();
}
