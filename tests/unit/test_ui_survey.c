/*
 * The patient's own answers and the kiosk's anonymous counts, through the
 * real screens (the fixture writes what the UI asks, as the kiosk host
 * does): the first question while the card prints, the second when it is
 * out, each once a journey; skipping is one tap and Finish stays one tap;
 * a fault or a finished card replaces the first question; the answers,
 * languages chosen and support categories opened are stored as counts with
 * nothing that identifies anyone; the language a patient chose reaches the
 * audit log with their NHS number, for central to record.
 */
#include "test_ui_fixture.h"

/* An anonymous count as stored this month (0 when none). */
static long counted(fx_t *fx, const char *name)
{
  sqlite3_stmt *st = NULL;
  long n = 0;
  if (sqlite3_prepare_v2(store_db(fx->store), "SELECT coalesce(sum(count), 0) FROM anonymous_counts WHERE name = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* From the welcome screen to Siân's key worker, in Welsh. */
static void to_key_worker(fx_t *fx)
{
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_CY));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
}

/* Tap Print my card and take the print action the host would carry out. */
static void print_card(fx_t *fx)
{
  ui_action_t act;
  CHECK(tap(fx, UI_T_PRINT_CARD));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CARD);
  ui_action_wipe(&act);
}

/* A single integer from a query on the fixture's store. */
static long query_long(fx_t *fx, const char *sql)
{
  sqlite3_stmt *st = NULL;
  long n = -1;
  if (sqlite3_prepare_v2(store_db(fx->store), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

static const char *screen(fx_t *fx) { return ui_screen_name(ui_screen(fx->ui)); }

static void test_answered(fx_t *fx)
{
  TEST_SECTION("both questions answered: counted, and the journey goes on");
  to_key_worker(fx);
  CHECK_INT(counted(fx, "kiosk.language.cy"), 1);
  CHECK_INT(audit_count(fx, "language_stated", "nhs=9992232684 lang=cy"), 1);
  print_card(fx);
  CHECK_STR(screen(fx), "survey");
  CHECK(shows(fx, "Oeddech chi eisoes yn gwybod pwy yw eich gweithiwr allweddol?"));
  CHECK(shows(fx, "Rydyn ni'n argraffu eich cerdyn."));
  CHECK(!find_target(fx, UI_T_FINISH) && !find_target(fx, UI_T_BACK)); /* the card is printing */
  CHECK(find_target(fx, UI_T_SKIP) != NULL);
  CHECK(tap(fx, UI_T_ANSWER_YES));
  CHECK_INT(counted(fx, "survey.knew_key_worker.yes"), 1);
  CHECK_STR(screen(fx), "printing");
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT});
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK_STR(screen(fx), "survey");
  CHECK(shows(fx, "Oedd hyn yn hawdd i'w ddefnyddio?"));
  CHECK(shows_msg(fx, "Please take your card"));
  CHECK(find_target(fx, UI_T_FINISH) != NULL);
  CHECK(tap(fx, UI_T_ANSWER_NO));
  CHECK_INT(counted(fx, "survey.easy_to_use.no"), 1);
  CHECK_STR(screen(fx), "printing");

  TEST_SECTION("each question once a journey");
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "key-worker");
  print_card(fx);
  CHECK_STR(screen(fx), "printing");
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK_STR(screen(fx), "printing");
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("the answers are counts and nothing else");
  CHECK_INT(query_long(fx, "SELECT count(*) FROM pragma_table_info('anonymous_counts')"), 3);
  CHECK_INT(query_long(fx, "SELECT count(*) FROM anonymous_counts"
                           " WHERE month NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'"), 0);
  CHECK_INT(query_long(fx, "SELECT count(*) FROM audit_log WHERE event LIKE 'survey%' OR detail LIKE '%survey%'"), 0);
}

static void test_skipped_and_quick(fx_t *fx)
{
  long knew_before = counted(fx, "survey.knew_key_worker.yes") + counted(fx, "survey.knew_key_worker.no") +
                     counted(fx, "survey.knew_key_worker.not_sure");
  TEST_SECTION("skipping is one tap; Finish is one tap");
  to_key_worker(fx);
  print_card(fx);
  CHECK(tap(fx, UI_T_SKIP));
  CHECK_STR(screen(fx), "printing");
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK_STR(screen(fx), "survey");
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");
  CHECK_INT(counted(fx, "survey.knew_key_worker.yes") + counted(fx, "survey.knew_key_worker.no") +
                counted(fx, "survey.knew_key_worker.not_sure"),
            knew_before);

  TEST_SECTION("a card out before an answer: the card's screen, with the second question");
  to_key_worker(fx);
  print_card(fx);
  CHECK_STR(screen(fx), "survey");
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK_STR(screen(fx), "survey");
  CHECK(shows(fx, "Oedd hyn yn hawdd i'w ddefnyddio?"));
  CHECK(!find_target(fx, UI_T_SKIP));
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");

  TEST_SECTION("a printer fault replaces the question at once");
  to_key_worker(fx);
  print_card(fx);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_NO_MEDIA});
  CHECK_STR(screen(fx), "printing");
  CHECK(shows_msg(fx, "Sorry, we could not print"));
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");
}

static void test_counts(fx_t *fx)
{
  TEST_SECTION("languages chosen and support categories opened are counted, without the person");
  long en = counted(fx, "kiosk.language.en"), cy = counted(fx, "kiosk.language.cy");
  int stated = audit_count(fx, "language_stated", "%");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CARER_EN));
  CHECK_INT(counted(fx, "kiosk.language.en"), en + 1);
  CHECK_STR(screen(fx), "support");
  CHECK(tap(fx, UI_T_CATEGORY_0));
  CHECK_STR(screen(fx), "support-list");
  CHECK_INT(query_long(fx, "SELECT count(*) FROM anonymous_counts WHERE name LIKE 'kiosk.support_viewed.%'"), 1);
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(counted(fx, "kiosk.language.cy"), cy + 1);
  CHECK_INT(audit_count(fx, "language_stated", "%"), stated); /* a carer states nothing */

  TEST_SECTION("a patient who changes language after confirming: the newer preference");
  to_key_worker(fx);
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(audit_count(fx, "language_stated", "nhs=9992232684 lang=en"), 1);
  CHECK(tap(fx, UI_T_FINISH));
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_answered(&fx);
  test_skipped_and_quick(&fx);
  test_counts(&fx);
  CHECK_INT(fx.records_failed, 0);
  fx_close(&fx);
  return test_summary();
}
