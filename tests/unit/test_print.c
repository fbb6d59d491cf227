/*
 * The print module's words: every outcome and queue state has its keyword
 * (print records, metric labels) and every message a patient or staff
 * member sees exists in Welsh and English (locales/cy.po and en.po, msgctxt "print").
 * The network side is tested for real in integration.test_print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "platform/print.h"
#include "testlib.h"

/* msgid (ctx "print") has a Welsh text different from the English one. */
static void check_translated(const i18n_t *cat, const char *msgid)
{
  const char *cy = i18n_get(cat, LANG_CY, "print", msgid);
  const char *en = i18n_get(cat, LANG_EN, "print", msgid);
  if (!CHECK(cy && en && strcmp(cy, msgid) != 0 && strcmp(en, msgid) == 0))
    printf("      msgid \"%s\": cy \"%s\", en \"%s\"\n", msgid, cy ? cy : "(null)", en ? en : "(null)");
}

int main(void)
{
  char err[512], dir[1024];
  const char *src = getenv("ALLWEDD_SOURCE_DIR") ? getenv("ALLWEDD_SOURCE_DIR") : ALLWEDD_SOURCE_DATADIR;
  snprintf(dir, sizeof dir, "%s/locales", src);
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  if (!CHECK(cat)) {
    printf("   %s\n", err);
    return test_summary();
  }
  TEST_SECTION("outcomes: keywords and the patient's words");
  for (int o = PRINT_OUTCOME_NONE; o <= PRINT_OUTCOME_ERROR; o++) {
    CHECK(print_outcome_keyword((print_outcome_t)o)[0] != '\0');
    check_translated(cat, print_patient_msgid((print_outcome_t)o));
  }
  CHECK_STR(print_outcome_keyword(PRINT_OUTCOME_TIMEOUT), "timeout");
  CHECK_STR(print_outcome_keyword((print_outcome_t)99), "error");

  TEST_SECTION("queue states: metric keywords and the staff screen's words");
  const char *want[] = {"unknown", "idle", "processing", "stopped"};
  for (int s = PRINT_QUEUE_UNKNOWN; s <= PRINT_QUEUE_STOPPED; s++) {
    CHECK_STR(print_queue_state_keyword((print_queue_state_t)s), want[s]);
    check_translated(cat, print_queue_state_msgid((print_queue_state_t)s));
  }
  CHECK_STR(print_queue_state_keyword((print_queue_state_t)42), "unknown");

  TEST_SECTION("resume results and job states: keywords");
  CHECK_STR(print_resume_keyword(PRINT_RESUME_RESUMED), "resumed");
  CHECK_STR(print_resume_keyword(PRINT_RESUME_NOT_READY), "not-ready");
  CHECK_STR(print_job_state_keyword(PRINT_JOB_COMPLETED), "completed");
  CHECK_STR(print_job_state_keyword(PRINT_JOB_NOT_FOUND), "not-found");
  CHECK_STR(print_job_state_keyword((print_job_state_t)-1), "unknown");

  TEST_SECTION("nothing to ask: refused at once, with a reason");
  print_job_state_t js;
  char detail[256];
  CHECK(!print_job_state_by_id("q", 0, 1000, &js, detail, sizeof detail));
  CHECK(js == PRINT_JOB_UNKNOWN);
  CHECK_STR(detail, "no job id");
  print_queue_info_t q;
  CHECK(!print_queue_state("ipp://[bad", 1000, &q));
  CHECK(q.state == PRINT_QUEUE_UNKNOWN && strstr(q.error, "not a printer URI") != NULL);
  i18n_free(cat);
  return test_summary();
}
