/*
 * Identification through the real screens with a real store: every try
 * that does not end in "Yes, this is me" counts towards the pause (several
 * matches then walking away, "Is this you?" then Finish, going back to try
 * another name), a confirmed person never counts, the pause holds for any
 * number of attempts (above the 64 the old code remembered), and
 * it survives a restart of the kiosk (saved through the host in the store's
 * records file, counts and times only).
 */
#include "test_ui_fixture.h"

/* The screen's name. */
static const char *screen(fx_t *fx) { return ui_screen_name(ui_screen(fx->ui)); }

/* Failures the saved lockout holds now (reading the store as a restart would). */
static uint32_t saved_failures(fx_t *fx)
{
  ident_lockout_t l;
  if (store_ident_lockout_load(fx->store, &l) != STORE_FOUND)
    return 0;
  ident_lockout_rebase(&l, -fx->wall_offset_ms);
  ident_policy_t p = ident_policy_from_config(&fx->cfg);
  return ident_lockout_failures(&l, &p, fx->now);
}

/* From the welcome screen: date of birth and name of one of the twins'
 * family (several matches: the postcode is asked). */
static void to_postcode(fx_t *fx)
{
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "12031948");
  enter_name(fx, "JONES");
  CHECK_STR(screen(fx), "postcode");
}

/* Several matches, then walking away from the postcode: a failed try. */
static void test_several_then_away(fx_t *fx)
{
  TEST_SECTION("several matches and walking away counts (5 times: paused)");
  fresh_ui(fx, 1280, 800);
  int paused = audit_count(fx, "identify_paused", "%");
  for (int i = 0; i < 5; i++) {
    CHECK_STR(screen(fx), "welcome");
    to_postcode(fx);
    CHECK(tap(fx, UI_T_BACK)); /* to the name, */
    CHECK(tap(fx, UI_T_BACK)); /* the date of birth, */
    CHECK(tap(fx, UI_T_BACK)); /* and the start */
  }
  CHECK_INT(audit_count(fx, "identify_paused", "%"), paused + 1);
  CHECK(tap(fx, UI_T_START_CY));
  CHECK_STR(screen(fx), "locked");

  TEST_SECTION("going back to try another name is a new try");
  fresh_ui(fx, 1280, 800);
  to_postcode(fx);
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "name");
  for (int i = 0; i < 5; i++)
    tap(fx, UI_T_DELETE);
  enter_name(fx, "NOBODY");
  CHECK_STR(screen(fx), "not-found");
  CHECK_INT(saved_failures(fx), 2);
}

/* Found, then Finish instead of an answer: a failed try. */
static void test_confirm_then_away(fx_t *fx)
{
  TEST_SECTION("\"Is this you?\" then Finish counts; \"Yes\" never does");
  fresh_ui(fx, 1280, 800);
  for (int i = 0; i < 8; i++) {
    CHECK(tap(fx, UI_T_START_EN));
    enter_dob(fx, "18041956");
    enter_name(fx, "JONES PUGH");
    CHECK_STR(screen(fx), "confirm");
    CHECK(tap(fx, UI_T_YES));
    CHECK_STR(screen(fx), "key-worker");
    CHECK(tap(fx, UI_T_FINISH));
  }
  CHECK_INT(saved_failures(fx), 0);
  for (int i = 0; i < 4; i++) {
    CHECK(tap(fx, UI_T_START_EN));
    enter_dob(fx, "18041956");
    enter_name(fx, "JONES PUGH");
    CHECK(tap(fx, UI_T_FINISH));
    CHECK_STR(screen(fx), "welcome");
  }
  CHECK_INT(saved_failures(fx), 4);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_NO)); /* "No, that is not me": the fifth */
  CHECK_STR(screen(fx), "locked");
  TEST_SECTION("the person who really is Siân waits like anyone else, then gets in");
  wait_ms(fx, 121000);
  CHECK(tap(fx, UI_T_FINISH) || true);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK_STR(screen(fx), "confirm");
  CHECK(tap(fx, UI_T_YES));
  CHECK_INT(saved_failures(fx), 0);
}

/* More attempts than the old fixed list of 64 failure times. */
static void test_many_attempts(fx_t *fx)
{
  TEST_SECTION("70 attempts (beyond today's config range of 3-10; the counter has no limit): "
               "the 70th failure pauses (64 were remembered before)");
  int attempts = fx->cfg.lockout_attempts;
  fx->cfg.lockout_attempts = 70;
  fresh_ui(fx, 800, 480);
  int failures = 0;
  for (int i = 0; i < 70; i++) {
    scan(fx, "9434765919"); /* on no record: asked the date all the same */
    if (!CHECK(ui_screen(fx->ui) == UI_SCREEN_DOB))
      break;
    enter_dob(fx, "01011960");
    failures++;
    if (i < 69 && !CHECK(ui_screen(fx->ui) == UI_SCREEN_NOT_FOUND)) {
      printf("      paused after %d failures\n", failures);
      break;
    }
    if (i < 69)
      CHECK(tap(fx, UI_T_FINISH));
  }
  CHECK_STR(screen(fx), "locked");
  fx->cfg.lockout_attempts = attempts;
}

/* The pause and the count survive a restart. */
static void test_restart(fx_t *fx)
{
  TEST_SECTION("a pause survives a restart of the kiosk");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_EN));
  for (int i = 0; i < 5; i++) {
    enter_dob(fx, "01011950");
    enter_name(fx, "NOBODY");
    if (i < 4)
      CHECK(tap(fx, UI_T_TRY_AGAIN));
  }
  CHECK_STR(screen(fx), "locked");
  restart_ui(fx, 1280, 800, 30000);
  CHECK_STR(screen(fx), "welcome");
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(screen(fx), "locked");
  CHECK(shows(fx, "2 minutes")); /* 90 s left, rounded up */
  scan(fx, "9992232684");
  CHECK_STR(screen(fx), "locked");
  wait_ms(fx, 59000);
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(screen(fx), "locked");
  CHECK(shows(fx, "1 minute"));
  CHECK(tap(fx, UI_T_FINISH));
  wait_ms(fx, 30000);
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(screen(fx), "dob");

  TEST_SECTION("failures before a restart still count after it");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_EN));
  for (int i = 0; i < 4; i++) {
    enter_dob(fx, "01011950");
    enter_name(fx, "NOBODY");
    CHECK(tap(fx, UI_T_TRY_AGAIN));
  }
  restart_ui(fx, 1280, 800, 5000);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "01011950");
  enter_name(fx, "NOBODY");
  CHECK_STR(screen(fx), "locked");

  TEST_SECTION("a try open at the restart (\"Is this you?\" on screen) counted");
  fresh_ui(fx, 1280, 800);
  wait_ms(fx, 121000);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK_STR(screen(fx), "confirm");
  restart_ui(fx, 1280, 800, 5000);
  CHECK_INT(saved_failures(fx), 1);
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_several_then_away(&fx);
  test_confirm_then_away(&fx);
  test_many_attempts(&fx);
  test_restart(&fx);
  fx_close(&fx);
  return test_summary();
}
