/*
 * Staff screens in the staff's language (issue 12): printer states,
 * printer-state-reasons, print outcomes and job states in words, in both
 * real catalogues (locales/); moments from the store as people write them
 * ("20 Tachwedd 2026, 23:05", local time, never the ISO text); the sync
 * report's counts through the Welsh plural forms ("2 res", not "2 rhes").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/printer_text.h"
#include "testlib.h"

/* The repository root: $ALLWEDD_SOURCE_DIR (set by ctest), else the
 * source tree this test was built from. */
static const char *source_dir(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  return src ? src : ALLWEDD_SOURCE_DATADIR;
}

/* msgid in both languages equals want_en / want_cy. */
static void check_words(const i18n_t *cat, const char *msgid, const char *want_en,
                        const char *want_cy)
{
  CHECK(msgid != NULL);
  if (!msgid)
    return;
  CHECK_STR(i18n_get(cat, LANG_EN, "kiosk", msgid), want_en);
  CHECK_STR(i18n_get(cat, LANG_CY, "kiosk", msgid), want_cy);
}

/* Every keyword the tables know has a Welsh translation (not the English). */
static void check_all_translated(const i18n_t *cat)
{
  static const char *const reasons[] = {
    "media-empty", "media-needed", "media-low", "media-jam", "media-path-jam", "cover-open",
    "door-open", "interlock-open", "input-tray-missing", "output-tray-missing",
    "output-area-full", "output-area-almost-full", "marker-supply-empty", "marker-supply-low",
    "toner-empty", "toner-low", "marker-waste-full", "marker-waste-almost-full", "offline",
    "shutdown", "paused", "moving-to-paused", "stopped", "stopping", "connecting-to-device",
    "timed-out", "other", "spool-area-full", "cups-missing-filter", "cups-insecure-filter"};
  static const char *const outcomes[] = {"completed", "running", "stopped", "media-empty",
                                         "media-jam", "offline", "unreachable", "not-found",
                                         "refused", "aborted", "timeout", "canceled", "error"};
  static const char *const jobs[] = {"pending", "held", "processing", "stopped", "canceled",
                                     "aborted", "completed", "not-found", "unknown"};
  const char *msgid;
  for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
    msgid = printer_text_reason_msgid(reasons[i]);
    if (!CHECK(msgid != NULL) || !CHECK(strcmp(i18n_get(cat, LANG_CY, "kiosk", msgid), msgid)))
      printf("      reason %s\n", reasons[i]);
  }
  for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++) {
    msgid = printer_text_outcome_msgid(outcomes[i]);
    if (!CHECK(msgid != NULL) || !CHECK(strcmp(i18n_get(cat, LANG_CY, "kiosk", msgid), msgid)))
      printf("      outcome %s\n", outcomes[i]);
  }
  for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
    msgid = printer_text_job_state_msgid(jobs[i]);
    if (!CHECK(msgid != NULL) || !CHECK(strcmp(i18n_get(cat, LANG_CY, "kiosk", msgid), msgid)))
      printf("      job state %s\n", jobs[i]);
  }
}

int main(void)
{
  char dir[512], err[512], out[96];
  snprintf(dir, sizeof dir, "%s/locales", source_dir());
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  if (!CHECK(cat != NULL)) {
    printf("      %s\n", err);
    return test_summary();
  }

  TEST_SECTION("printer-state-reasons in words, with or without the suffix");
  check_words(cat, printer_text_reason_msgid("media-empty-error"), "Out of cards or paper",
              "Dim cardiau na phapur ar ôl");
  check_words(cat, printer_text_reason_msgid("media-empty"), "Out of cards or paper",
              "Dim cardiau na phapur ar ôl");
  check_words(cat, printer_text_reason_msgid("media-jam-error"),
              "A card or sheet is stuck in the printer",
              "Mae cerdyn neu ddalen yn sownd yn yr argraffydd");
  check_words(cat, printer_text_reason_msgid("door-open-warning"), "A cover or door is open",
              "Mae clawr neu ddrws ar agor");
  check_words(cat, printer_text_reason_msgid("cover-open-error"), "A cover or door is open",
              "Mae clawr neu ddrws ar agor");
  check_words(cat, printer_text_reason_msgid("offline-report"), "The printer is offline",
              "Mae'r argraffydd all-lein");
  check_words(cat, printer_text_reason_msgid("toner-low-report"),
              "Ribbon, ink or toner running low",
              "Mae'r rhuban, yr inc neu'r toner yn rhedeg yn isel");
  check_words(cat, printer_text_reason_msgid("marker-supply-low-warning"),
              "Ribbon, ink or toner running low",
              "Mae'r rhuban, yr inc neu'r toner yn rhedeg yn isel");
  check_words(cat, printer_text_reason_msgid("paused"), "The printer queue is paused",
              "Mae ciw'r argraffydd wedi'i oedi");
  CHECK(printer_text_reason_msgid("none") == NULL);
  CHECK(printer_text_reason_msgid("") == NULL);
  CHECK(printer_text_reason_msgid(NULL) == NULL);
  CHECK(printer_text_reason_msgid("com.vendor-hopper-lid") == NULL); /* no guess */
  CHECK(printer_text_reason_is_warning("door-open-warning"));
  CHECK(printer_text_reason_is_warning("toner-low-report"));
  CHECK(!printer_text_reason_is_warning("media-jam-error"));
  CHECK(!printer_text_reason_is_warning("paused"));

  TEST_SECTION("printer-state, print outcomes and job states");
  check_words(cat, printer_text_state_msgid("idle"), "Ready", "Yn barod");
  check_words(cat, printer_text_state_msgid("4"), "Printing", i18n_get(cat, LANG_CY, "kiosk", "Printing"));
  check_words(cat, printer_text_state_msgid("stopped"), "Stopped", "Wedi stopio");
  CHECK(printer_text_state_msgid("6") == NULL);
  check_words(cat, printer_text_outcome_msgid("unreachable"),
              "The printer does not answer (is it switched on and connected?)",
              "Nid yw'r argraffydd yn ateb (a yw wedi'i droi ymlaen a'i gysylltu?)");
  check_words(cat, printer_text_outcome_msgid("completed"), "The printer is ready",
              "Mae'r argraffydd yn barod");
  check_words(cat, printer_text_job_state_msgid("pending"), "Waiting to print", "Yn aros i argraffu");
  check_words(cat, printer_text_job_state_msgid("aborted"), "Stopped by the printer",
              "Wedi'i stopio gan yr argraffydd");
  check_words(cat, printer_text_job_state_msgid("completed"), "Printed", "Wedi'i argraffu");
  CHECK(printer_text_job_state_msgid("exploded") == NULL);
  check_all_translated(cat);

  TEST_SECTION("moments as people write them, local time, never ISO");
  setenv("TZ", "UTC", 1);
  tzset();
  CHECK(i18n_format_utc_local(LANG_CY, "2026-11-20T23:05:00Z", out, sizeof out));
  CHECK_STR(out, "20 Tachwedd 2026, 23:05");
  CHECK(i18n_format_utc_local(LANG_EN, "2026-11-20T23:05:00Z", out, sizeof out));
  CHECK_STR(out, "20 November 2026, 23:05");
  setenv("TZ", "Europe/London", 1);
  tzset();
  CHECK(i18n_format_utc_local(LANG_CY, "2026-07-01T23:30:00Z", out, sizeof out)); /* BST */
  CHECK_STR(out, "2 Gorffennaf 2026, 00:30");
  CHECK(i18n_format_utc_local(LANG_EN, "2026-03-29T00:59:59Z", out, sizeof out));
  CHECK_STR(out, "29 March 2026, 00:59");
  CHECK(i18n_format_utc_local(LANG_EN, "2026-03-29T01:00:00Z", out, sizeof out));
  CHECK_STR(out, "29 March 2026, 02:00");
  CHECK(!i18n_format_utc_local(LANG_EN, "yesterday", out, sizeof out));
  CHECK_STR(out, "");
  CHECK(!i18n_format_utc_local(LANG_EN, "2026-11-20T23:05:00Z", out, 8)); /* too small */
  CHECK_STR(out, "");

  TEST_SECTION("the sync report's counts through the plural forms");
  static const struct { unsigned long n; const char *cy, *en; } rows[] = {
    {0, "%lu rhes", "%lu rows"}, {1, "%lu res", "%lu row"}, {2, "%lu res", "%lu rows"},
    {3, "%lu rhes", "%lu rows"}, {6, "%lu rhes", "%lu rows"}, {74, "%lu rhes", "%lu rows"}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    CHECK_STR(i18n_nget(cat, LANG_CY, "kiosk", "%lu row", "%lu rows", rows[i].n), rows[i].cy);
    CHECK_STR(i18n_nget(cat, LANG_EN, "kiosk", "%lu row", "%lu rows", rows[i].n), rows[i].en);
  }
  CHECK_STR(i18n_nget(cat, LANG_CY, "kiosk", "%lu request for help at the screen today",
                      "%lu requests for help at the screen today", 2),
            "%lu gais am help wrth y sgrin heddiw");
  CHECK_STR(i18n_nget(cat, LANG_CY, "kiosk", "%lu request for help at the screen today",
                      "%lu requests for help at the screen today", 6),
            "%lu chais am help wrth y sgrin heddiw");
  i18n_free(cat);
  return test_summary();
}
