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

/* Back from "Is this you?" all the way to the welcome screen. */
static bool back_to_welcome(fx_t *fx)
{
  for (int i = 0; i < 4 && strcmp(screen(fx), "welcome"); i++)
    if (!tap(fx, UI_T_BACK))
      return false;
  return !strcmp(screen(fx), "welcome");
}

/* Found, then walking away (Back to the start) instead of an answer: a
 * failed try. */
static void test_confirm_then_away(fx_t *fx)
{
  TEST_SECTION("\"Is this you?\" then Back to the start counts; \"Yes\" never does");
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
    CHECK(back_to_welcome(fx));
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
  enter_dob(fx, "01011950");
  for (int i = 0; i < 5; i++) {
    enter_name(fx, "NOBODY");
    if (i < 4)
      CHECK(tap(fx, UI_T_TRY_AGAIN)); /* the date kept: the name asked again */
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
  enter_dob(fx, "01011950");
  for (int i = 0; i < 4; i++) {
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

/* The op drawing the box with target, or NULL. */
static const scene_op_t *dob_box(fx_t *fx, int target) { return find_target(fx, target); }

/* True when the box with target is drawn marked (its edge in another colour
 * than the boxes not marked, and thick). */
static bool marked(fx_t *fx, int target)
{
  int others[] = {UI_T_DOB_DAY, UI_T_DOB_MONTH, UI_T_DOB_YEAR};
  const scene_op_t *op = dob_box(fx, target);
  if (!op || op->border_px < 5)
    return false;
  for (int i = 0; i < 3; i++) {
    const scene_op_t *o = dob_box(fx, others[i]);
    if (others[i] != target && o && !memcmp(&o->fg, &op->fg, sizeof op->fg))
      return false;
  }
  return true;
}

/* A date of birth that cannot be right: refused on the spot with the
 * reason, its box marked, and the person never taken on to a failed try. */
static void test_dob_refused(fx_t *fx)
{
  TEST_SECTION("31 February: refused as soon as the month is typed, the day marked");
  fresh_ui(fx, 1280, 800);
  uint32_t failures = saved_failures(fx);
  int failed = audit_count(fx, "identify_failed", "%");
  CHECK(tap(fx, UI_T_START_EN));
  CHECK(tap_digits(fx, "3102"));
  CHECK_STR(screen(fx), "dob");
  CHECK(shows(fx, "That month has only 29 days."));
  CHECK(marked(fx, UI_T_DOB_DAY));
  CHECK(!marked(fx, UI_T_DOB_MONTH));
  TEST_SECTION("the marked box is typed anew, and the message goes once it is right");
  CHECK(tap_digits(fx, "28"));
  CHECK(!shows(fx, "That month has only"));
  CHECK(!marked(fx, UI_T_DOB_DAY));
  CHECK(tap_digits(fx, "1950")); /* the cursor went on to the empty year */
  CHECK(shows(fx, "28 February 1950"));

  TEST_SECTION("29 February of a year that was not a leap year");
  CHECK(tap(fx, UI_T_DOB_DAY));
  CHECK(tap_digits(fx, "29"));
  CHECK(tap(fx, UI_T_DOB_YEAR));
  CHECK(tap_digits(fx, "1957"));
  CHECK(shows_msg(fx, "That year had no 29 February. Please check the day and the year."));
  CHECK(marked(fx, UI_T_DOB_DAY));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(screen(fx), "dob"); /* Next does not take it either */
  CHECK(tap(fx, UI_T_DOB_YEAR));
  CHECK(tap_digits(fx, "1956")); /* a leap year: right */
  CHECK(!shows(fx, "no 29 February"));
  CHECK(shows(fx, "29 February 1956"));

  TEST_SECTION("a year in the future, and one before 1900: the year marked");
  CHECK(tap(fx, UI_T_DOB_YEAR));
  CHECK(tap_digits(fx, "2099"));
  CHECK(shows_msg(fx, "That date is in the future. Please check the year."));
  CHECK(marked(fx, UI_T_DOB_YEAR));
  CHECK(tap_digits(fx, "1890"));
  CHECK(shows(fx, "The year must be 1900 or later."));
  CHECK(marked(fx, UI_T_DOB_YEAR));

  TEST_SECTION("day 35 and month 13 at once; an incomplete date on Next");
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_START_EN));
  CHECK(tap_digits(fx, "35"));
  CHECK(shows_msg(fx, "A day is a number from 1 to 31. Please check the day."));
  CHECK(marked(fx, UI_T_DOB_DAY));
  CHECK(tap_digits(fx, "1213"));
  CHECK(shows_msg(fx, "A month is a number from 1 to 12. Please check the month."));
  CHECK(marked(fx, UI_T_DOB_MONTH));
  CHECK(tap_digits(fx, "03195"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK(shows_msg(fx, "Please type all 4 numbers of the year, for example 1961."));
  CHECK(marked(fx, UI_T_DOB_YEAR));
  CHECK(tap(fx, UI_T_DELETE));
  CHECK(!shows(fx, "all 4 numbers"));
  for (int i = 0; i < 2; i++)
    CHECK(tap(fx, UI_T_DELETE));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK(shows_msg(fx, "Please type the year."));
  CHECK(marked(fx, UI_T_DOB_YEAR));

  TEST_SECTION("the reasons in Welsh, and no failed try counted for any of them");
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  CHECK(shows(fx, "Teipiwch y flwyddyn"));
  CHECK(tap_digits(fx, "2099"));
  CHECK(shows(fx, "Mae'r dyddiad hwnnw yn y dyfodol."));
  CHECK_INT(saved_failures(fx), failures);
  CHECK_INT(audit_count(fx, "identify_failed", "%"), failed);
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
  test_dob_refused(&fx);
  fx_close(&fx);
  return test_summary();
}
