/*
 * Headless flow tests of the kiosk UI: the real screens (src/ui), a real
 * SQLite store made by syncing the signed sample export (assets/sample),
 * the real catalogues and the real font measurer. Taps find buttons by
 * their target id in the scene and press/release at their centre, so a
 * button that is not drawn cannot be tapped. Time is simulated through the
 * events' now_ms.
 *
 * Journeys: the whole patient journey in Welsh and in English ending with a
 * print request; wrong details; several matches (postcode asked; twins not
 * told apart and shown exactly like "no match"); the barcode path; lockout;
 * idle timeout wiping the patient; the carer path; staff PIN wrong and
 * right; reprint with the reason recorded; printer faults during a print.
 */
#include "test_ui_fixture.h"

#include "core/leaflet.h"

/* Every screen after the welcome offers the language switch, the display
 * dialog (text size and contrast) and "Need help?". */
static void check_accessibility_controls(fx_t *fx)
{
  bool ok = find_target(fx, UI_T_LANG_SWITCH) && find_target(fx, UI_T_DISPLAY) &&
            find_target(fx, UI_T_HELP);
  if (!testlib_check(ok, __FILE__, __LINE__, "language, display and help on screen"))
    printf("      screen %s\n", ui_screen_name(ui_screen(fx->ui)));
}

/* Every button is at least the minimum touch target. */
static void check_targets_size(fx_t *fx)
{
  const scene_t *sc = ui_scene(fx->ui);
  int min = ui_min_target_px(fx->ui), small = 0;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target && (op->w < min || op->h < min)) {
      small++;
      printf("      target %d is %dx%d on %s\n", op->target, op->w, op->h,
             ui_screen_name(ui_screen(fx->ui)));
    }
  }
  CHECK_INT(small, 0);
}

/* The emergency panel on screen is the leaflet's "not an emergency contact"
 * section (found by its id, so reordering the leaflet cannot change it):
 * its heading and the start of each of its bullets. */
static void check_emergency_panel(fx_t *fx)
{
  char err[256];
  leaflet_site_t site = {fx->cfg.acute_oncology_phone, ""};
  leaflet_t *lf = leaflet_build(fx->cat, ui_lang(fx->ui), &site, err, sizeof err);
  const leaflet_section_t *sec = lf ? leaflet_section_find(lf, LEAFLET_SECTION_NOT_EMERGENCY) : NULL;
  CHECK(sec != NULL);
  if (sec) {
    /* The heading may wrap: its first line starts it. */
    bool heading = false;
    const scene_t *sc = ui_scene(fx->ui);
    for (size_t i = 0; sc && i < scene_count(sc); i++) {
      const scene_op_t *op = scene_op(sc, i);
      size_t len = op->kind == SCENE_OP_TEXT ? strlen(op->text) : 0;
      heading = heading || (len >= 12 && !strncmp(sec->heading, op->text, len));
    }
    CHECK(heading);
    int bullets = 0;
    for (size_t i = 0; i < sec->block_count; i++) {
      char start[64];
      if (sec->blocks[i].kind != LEAFLET_BULLET)
        continue;
      snprintf(start, sizeof start, "\xe2\x80\xa2 %.12s", sec->blocks[i].text);
      if (!testlib_check(shows(fx, start), __FILE__, __LINE__, "emergency bullet on screen"))
        printf("      missing: %s\n", start);
      bullets++;
    }
    CHECK_INT(bullets, 3);
  }
  leaflet_free(lf);
}

/* Welsh: Siân Jones-Pugh, by date of birth and name, card printed. */
static void test_journey_welsh(fx_t *fx)
{
  TEST_SECTION("patient journey in Welsh, ending with a print request");
  fresh_ui(fx, 1920, 1080);
  CHECK(!find_target(fx, UI_T_LANG_SWITCH)); /* the welcome offers both languages itself */
  CHECK(shows(fx, "Croeso") && shows(fx, "Welcome"));
  const scene_op_t *cy = find_target(fx, UI_T_START_CY), *en = find_target(fx, UI_T_START_EN);
  CHECK(cy && en && cy->x < en->x && cy->y == en->y); /* side by side, Welsh first */
  CHECK(tap(fx, UI_T_START_CY));
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  check_accessibility_controls(fx);
  check_targets_size(fx);
  enter_dob(fx, "18041956");
  check_accessibility_controls(fx);
  enter_name(fx, "JONES PUGH");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(shows(fx, "18 Ebrill 1956"));
  CHECK(shows(fx, "Ai dyma chi?"));
  check_accessibility_controls(fx);
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(shows(fx, "Eich gweithiwr allweddol yw")); /* the screen speaks Welsh */
  CHECK(shows(fx, "Gwenno Rees"));
  CHECK(shows(fx, "Nyrs Glinigol Arbenigol"));
  CHECK(shows(fx, "029 2018 0123"));
  CHECK(shows(fx, "999"));
  check_emergency_panel(fx);
  check_accessibility_controls(fx);
  check_targets_size(fx);
  CHECK_INT(audit_count(fx, "identified", "nhs=9992232684"), 1);
  CHECK(tap(fx, UI_T_PRINT_CARD));
  /* The optional question while the card prints (test_ui_survey.c). */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "survey");
  ui_action_t act;
  CHECK(take_action(fx, &act));
  CHECK_INT(act.kind, UI_ACT_PRINT_CARD);
  CHECK_STR(act.patient.nhs_number, "9992232684");
  CHECK_STR(act.key_worker.id, "KW-BR-01");
  CHECK_STR(act.reason, "new");
  CHECK_STR(act.by, "kiosk");
  CHECK_INT(act.lang, LANG_CY);
  ui_action_wipe(&act);
  CHECK(act.patient.nhs_number[0] == '\0');
  CHECK(!find_target(fx, UI_T_FINISH)); /* no walking away from a card being printed */
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT});
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(find_target(fx, UI_T_FINISH) != NULL);
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(!shows(fx, "Jones-Pugh"));
}

/* English: Thi Lan Nguyễn typed without the accent. */
static void test_journey_english(fx_t *fx)
{
  TEST_SECTION("patient journey in English, name typed without accents");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  enter_dob(fx, "05121972");
  enter_name(fx, "NGUYEN");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Thi Lan Nguyễn"));
  CHECK(shows(fx, "5 December 1972"));
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  CHECK(shows(fx, "Your key worker is"));
  CHECK(shows(fx, "Sarah Lewis-Pritchard"));
  CHECK(shows(fx, "Clinical Nurse Specialist"));
  CHECK(shows(fx, "029 2018 0124"));
  check_emergency_panel(fx);
  check_targets_size(fx);
  /* The language can be switched on the key worker screen. */
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  CHECK(shows(fx, "Nyrs Glinigol Arbenigol"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(tap(fx, UI_T_LEAFLET));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "leaflet");
  CHECK(tap(fx, UI_T_PRINT_LEAFLET));
  ui_action_t act;
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_LEAFLET && act.lang == LANG_EN);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "leaflet");
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(tap(fx, UI_T_PRINT_CARD));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CARD &&
        !strcmp(act.patient.nhs_number, "9996698041") && act.lang == LANG_EN);
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(!ui_holds_patient(fx->ui));
}

/* From the welcome screen: a date and a name on no record. */
static void enter_dob_then_not_found(fx_t *fx)
{
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "01011950");
  enter_name(fx, "NOBODY");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
}

/* Wrong details, and "several matches" looking exactly like "no match". */
static void test_wrong_and_several(fx_t *fx)
{
  char no_match[8192], twins[8192];
  TEST_SECTION("wrong details");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  CHECK(!ui_holds_record(fx->ui));
  CHECK(!shows(fx, "JONES") && !shows(fx, "1956"));
  scene_texts(fx, no_match, sizeof no_match);
  TEST_SECTION("Try again keeps the date of birth and asks the family name again");
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  CHECK(!shows(fx, "JONES"));          /* the name is typed anew, */
  CHECK(tap(fx, UI_T_BACK));           /* the date is one Back away, to check */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(shows(fx, "18 April 1956"));
  TEST_SECTION("a kept box is typed anew once chosen");
  CHECK(tap(fx, UI_T_DOB_DAY));
  CHECK(tap_digits(fx, "19"));
  CHECK(shows(fx, "19 April 1956"));
  CHECK(tap(fx, UI_T_DOB_DAY));
  CHECK(tap_digits(fx, "18"));
  CHECK(tap(fx, UI_T_NEXT));
  enter_name(fx, "JONES PUGH");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("what Try again kept is forgotten when the journey ends");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  CHECK(ui_holds_patient(fx->ui)); /* the date, for Try again */
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(tap(fx, UI_T_START_EN));
  CHECK(shows(fx, "DD") && !shows(fx, "1956"));
  CHECK(tap(fx, UI_T_BACK));
  enter_dob_then_not_found(fx);
  wait_ms(fx, 60000); /* walking away: the idle warning, then the wipe */
  wait_ms(fx, 20000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("several matches: the postcode is asked");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "12031948");
  enter_name(fx, "JONES");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "postcode");
  CHECK(!shows(fx, "Gareth") && !shows(fx, "Mair"));
  CHECK(tap_text(fx, "NP206HB"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Mair Jones"));
  /* Her record says she prefers Welsh, but the person at the screen chose
   * English (they may be her carer): the choice stands. */
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  CHECK(tap(fx, UI_T_NO));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  CHECK(!ui_holds_record(fx->ui));
  CHECK(!shows(fx, "Mair"));
  TEST_SECTION("\"No, this is not me\" after the postcode: Try again asks the postcode");
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "postcode");
  CHECK(!shows(fx, "NP20"));
  CHECK(!ui_holds_record(fx->ui));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  CHECK(shows(fx, "JONES"));

  TEST_SECTION("twins with the same postcode: sent to reception like no match");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "14051971");
  enter_name(fx, "EVANS");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "postcode");
  CHECK(tap_text(fx, "CF34UE"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  scene_texts(fx, twins, sizeof twins);
  CHECK_STR(twins, no_match);
  TEST_SECTION("the postcode did not settle it: Try again keeps the date and name");
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "postcode");
  CHECK(!shows(fx, "CF3"));
  CHECK(tap_text(fx, "CF34UE"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found"); /* a new try, counted */
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  CHECK(shows(fx, "EVANS"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(shows(fx, "14 May 1971"));
}

/* The NHS number barcode on the appointment letter, then the date of birth. */
static void test_barcode(fx_t *fx)
{
  TEST_SECTION("barcode path");
  fresh_ui(fx, 1080, 1920);
  scan(fx, "9992232685"); /* bad check digit: ignored */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  scan(fx, "9992232684");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(!shows(fx, "Siân")); /* nothing is revealed before the date of birth */
  enter_dob(fx, "18041956");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(tap(fx, UI_T_FINISH));
  TEST_SECTION("barcode with the wrong date of birth; Try again asks only the date again");
  scan(fx, "9992232684");
  enter_dob(fx, "19041956");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(shows_msg(fx, "Thank you. Now your date of birth")); /* the barcode kept */
  CHECK(!shows(fx, "1956"));                                /* the date typed anew */
  enter_dob(fx, "18041956");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(tap(fx, UI_T_NO));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
  TEST_SECTION("barcode from the welcome screen, no language chosen: the record's preference");
  CHECK(tap(fx, UI_T_FINISH));
  scan(fx, "9991323988"); /* Patrick O'Brien prefers English */
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  enter_dob(fx, "15011944");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  CHECK(tap(fx, UI_T_YES));
  CHECK(tap(fx, UI_T_FINISH));
  scan(fx, "9992133864"); /* Mair Jones prefers Welsh; English chosen in the bar */
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  enter_dob(fx, "12031948");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  CHECK(tap(fx, UI_T_YES));
  TEST_SECTION("barcode of someone unknown: asked the date all the same");
  CHECK(tap(fx, UI_T_FINISH));
  scan(fx, "9434765919");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  enter_dob(fx, "01011960");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
}

/* Keys as a USB barcode scanner types them, gap_ms apart (no tick between:
 * the UI sees the time in each key event). */
static void type_keys(fx_t *fx, const char *keys, int64_t gap_ms)
{
  for (const char *p = keys; *p; p++) {
    send(fx, (ui_event_t){.kind = UI_EV_KEY, .key = (unsigned char)*p});
    fx->now += gap_ms;
  }
}

/* From "Thank you. Now your date of birth", Siân's, then "Is this you?"
 * and "Yes" (so the try does not count towards the pause). */
static void barcode_is_sian(fx_t *fx)
{
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(shows_msg(fx, "Thank you. Now your date of birth"));
  enter_dob(fx, "18041956");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(tap(fx, UI_T_YES));
}

/* Keyboard-wedge scanners as they are set up in the field (issue 10). */
static void test_scanners(fx_t *fx)
{
  TEST_SECTION("scanner with a Tab suffix");
  fresh_ui(fx, 1280, 800);
  type_keys(fx, "9992232684\t", 6);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));

  TEST_SECTION("a stray key before a scan (with and without a tick in between)");
  type_keys(fx, "7", 0);
  wait_ms(fx, 3000);
  CHECK(!ui_holds_patient(fx->ui)); /* the stray key is gone */
  type_keys(fx, "9992232684\n", 6);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));
  type_keys(fx, "X", 0);
  fx->now += 2000;
  type_keys(fx, "9992232684\t", 6);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));

  TEST_SECTION("two scans in a row: the second is the one used");
  type_keys(fx, "9434765919\t", 6);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  fx->now += 400;
  type_keys(fx, "9992232684\t", 6);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));

  TEST_SECTION("an NHS number as letters and scanners present it");
  type_keys(fx, "]C0NHS No: 999-223-2684\n", 4);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));
  type_keys(fx, "Rhif GIG 999 223 2684\t", 4);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));

  TEST_SECTION("a scanner with no suffix: the burst alone is a scan");
  type_keys(fx, "9992232684", 5);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(ui_next_deadline_ms(fx->ui) > 0 && ui_next_deadline_ms(fx->ui) <= fx->now + 200);
  wait_ms(fx, 200);
  barcode_is_sian(fx);
  CHECK(tap(fx, UI_T_FINISH));

  TEST_SECTION("a code that is not an NHS number: said so, in both languages");
  type_keys(fx, "5012345678900\n", 5); /* a product's EAN-13 */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(find_target(fx, UI_T_NOTICE_OK) != NULL);
  CHECK(shows(fx, "Doedd dim modd darllen y cod bar hwnnw.")); /* the welcome screen is Welsh */
  CHECK(tap(fx, UI_T_START_EN)); /* under the dialog: this touch only dismisses it */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!find_target(fx, UI_T_NOTICE_OK));
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  type_keys(fx, "9434765918\t", 5); /* a check digit wrong: a misread */
  CHECK(shows_msg(fx, "We could not read that barcode. Please use the keypad."));
  CHECK(tap(fx, UI_T_NOTICE_OK));
  CHECK(!find_target(fx, UI_T_NOTICE_OK));
  CHECK(tap_digits(fx, "1804")); /* the keypad still works */
  type_keys(fx, "APPT-2027-XYZ\t", 5);
  CHECK(shows_msg(fx, "We could not read that barcode. Please use the keypad."));
  wait_ms(fx, 16000); /* and it goes away by itself */
  CHECK(!find_target(fx, UI_T_NOTICE_OK));
  CHECK(tap(fx, UI_T_BACK));

  TEST_SECTION("a person typing on a keyboard: the family name still fills in");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  type_keys(fx, "JONES PUGH", 300);
  wait_ms(fx, 300);
  CHECK(shows(fx, "JONES PUGH"));
  type_keys(fx, "\n", 0);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  CHECK(tap(fx, UI_T_YES));
  CHECK(tap(fx, UI_T_FINISH));
}

/* Five failures in ten minutes pause identification for two minutes. */
static void test_lockout(fx_t *fx)
{
  TEST_SECTION("lockout after 5 failed tries in 10 minutes");
  fresh_ui(fx, 800, 480);
  int before = audit_count(fx, "identify_paused", "%");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "01011950");
  for (int i = 0; i < 4; i++) { /* Try again keeps the date: each try still counts */
    enter_name(fx, "NOBODY");
    CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
    CHECK(tap(fx, UI_T_TRY_AGAIN));
  }
  enter_name(fx, "NOBODY");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "locked");
  CHECK(!ui_holds_patient(fx->ui)); /* the pause forgets the kept date */
  CHECK_INT(audit_count(fx, "identify_paused", "%"), before + 1);
  CHECK(find_target(fx, UI_T_SUPPORT) != NULL); /* support stays open */
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(tap(fx, UI_T_START_CY));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "locked");
  scan(fx, "9992232684");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "locked");
  int64_t deadline = ui_next_deadline_ms(fx->ui);
  CHECK(deadline > 0 && deadline <= fx->now + 1000);
  CHECK(!find_target(fx, UI_T_TRY_AGAIN));
  wait_ms(fx, 60000); /* the paused screen also times out to the welcome */
  wait_ms(fx, 20000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  wait_ms(fx, 41000);
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");

  TEST_SECTION("failures older than the window do not count");
  fresh_ui(fx, 800, 480);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "01011950");
  for (int i = 0; i < 4; i++) {
    enter_name(fx, "NOBODY");
    CHECK(tap(fx, UI_T_TRY_AGAIN));
  }
  fx->now += 11 * 60 * 1000;
  enter_name(fx, "NOBODY");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "not-found");
}

/* After 60 s the warning, after 20 s more the wipe. */
static void test_idle(fx_t *fx)
{
  TEST_SECTION("idle: warning, more time, then wiped");
  fresh_ui(fx, 1920, 1080);
  CHECK_INT(ui_next_deadline_ms(fx->ui), -1); /* an untouched welcome needs no timer */
  CHECK(tap(fx, UI_T_START_CY));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(ui_holds_patient(fx->ui));
  wait_ms(fx, 59000);
  CHECK(!ui_idle_warning_shown(fx->ui));
  wait_ms(fx, 1000);
  CHECK(ui_idle_warning_shown(fx->ui));
  CHECK(find_target(fx, UI_T_MORE_TIME) != NULL);
  /* The warning hides the person's details: not dimmed, not drawn. */
  CHECK(!shows(fx, "Gwenno") && !shows(fx, "Siân") && !shows(fx, "029 2018 0123"));
  CHECK(!find_target(fx, UI_T_PRINT_CARD));
  CHECK(shows(fx, "20"));
  wait_ms(fx, 5000);
  CHECK(shows(fx, "15"));
  CHECK(tap(fx, UI_T_MORE_TIME));
  CHECK(!ui_idle_warning_shown(fx->ui));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(shows(fx, "Gwenno Rees"));
  wait_ms(fx, 60000);
  CHECK(ui_idle_warning_shown(fx->ui));
  wait_ms(fx, 19000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  wait_ms(fx, 1000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(!shows(fx, "Gwenno") && !shows(fx, "Siân"));
  CHECK_INT(ui_next_deadline_ms(fx->ui), -1);
  TEST_SECTION("idle in the middle of typing a name");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  CHECK(tap_text(fx, "JON"));
  CHECK(ui_holds_patient(fx->ui));
  wait_ms(fx, 60000);
  CHECK(ui_idle_warning_shown(fx->ui));
  wait_ms(fx, 20000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
  TEST_SECTION("text size and contrast are reset for the next person");
  CHECK(tap(fx, UI_T_DISPLAY));
  CHECK(tap(fx, UI_T_SIZE_130));
  CHECK(tap(fx, UI_T_COLOURS_HIGH));
  CHECK(shows(fx, "130%"));
  CHECK(scene_background(ui_scene(fx->ui)).r == 0);
  CHECK(tap(fx, UI_T_DIALOG_OK));
  CHECK(!find_target(fx, UI_T_DIALOG_OK));
  CHECK(ui_next_deadline_ms(fx->ui) > 0);
  wait_ms(fx, 61000);
  const scene_t *sc = ui_scene(fx->ui);
  CHECK(scene_background(sc).r == 255); /* calm theme again */
  CHECK(tap(fx, UI_T_DISPLAY));
  CHECK(shows(fx, ": Arferol 100%")); /* "Maint y testun: Arferol 100%" */
  CHECK(tap(fx, UI_T_DIALOG_OK));
}

/* Carers reach support without identifying anyone. */
static void test_carer(fx_t *fx)
{
  TEST_SECTION("carer path: categories, list in Welsh order, detail with QR, slip");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CARER_CY));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support");
  CHECK(!ui_holds_patient(fx->ui));
  check_accessibility_controls(fx);
  check_targets_size(fx);
  int categories = 0;
  for (;;) {
    while (find_target(fx, UI_T_CATEGORY_0 + categories))
      categories++;
    if (!find_target(fx, UI_T_PAGE_DOWN))
      break;
    tap(fx, UI_T_PAGE_DOWN);
  }
  CHECK_INT(categories, 12);
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CARER_CY));
  CHECK(tap(fx, UI_T_CATEGORY_0 + 2)); /* emotional support */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support-list");
  /* The rows are in Welsh alphabetical order. */
  const scene_t *sc = ui_scene(fx->ui);
  char prev[512] = "";
  int rows = 0, ordered = 1;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target >= UI_T_ITEM_0) {
      const scene_op_t *label = scene_op(sc, i + 1);
      if (label && label->kind == SCENE_OP_TEXT) {
        if (rows && i18n_collate(LANG_CY, prev, label->text) > 0)
          ordered = 0;
        snprintf(prev, sizeof prev, "%s", label->text);
        rows++;
      }
    }
  }
  CHECK(rows >= 3);
  CHECK(ordered);
  /* Open services until one with a web address shows its QR code. */
  int qr = 0;
  for (int row = 0; row < rows && !qr; row++) {
    CHECK(tap(fx, UI_T_ITEM_0 + row));
    CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support-detail");
    for (int page = 0; page < 4 && !qr; page++) {
      sc = ui_scene(fx->ui);
      for (size_t i = 0; i < scene_count(sc); i++)
        if (scene_op(sc, i)->kind == SCENE_OP_QR && !strncmp(scene_op(sc, i)->text, "https://", 8))
          qr++;
      if (!qr && !(find_target(fx, UI_T_PAGE_DOWN) && tap(fx, UI_T_PAGE_DOWN)))
        break;
    }
    if (!qr)
      CHECK(tap(fx, UI_T_BACK));
  }
  CHECK_INT(qr, 1);
  CHECK(tap(fx, UI_T_PRINT_SLIP));
  ui_action_t act;
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_SERVICE &&
        act.service.id[0] && act.lang == LANG_CY && !act.patient.nhs_number[0]);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support-detail");
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support");
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
}

/* A patient with no key worker: a kind message, flagged for staff. */
static void test_no_key_worker(fx_t *fx)
{
  TEST_SECTION("no key worker allocated: flagged for staff");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "11061955");
  enter_name(fx, "PRICE");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "no-key-worker");
  CHECK(!find_target(fx, UI_T_PRINT_CARD));
  CHECK_INT(audit_count(fx, "no_key_worker", "nhs=9993310085"), 1);
}

/* Run every journey on one fixture. */
int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_journey_welsh(&fx);
  test_journey_english(&fx);
  test_wrong_and_several(&fx);
  test_barcode(&fx);
  test_scanners(&fx);
  test_lockout(&fx);
  test_idle(&fx);
  test_carer(&fx);
  test_no_key_worker(&fx);
  fx_close(&fx);
  return test_summary();
}
