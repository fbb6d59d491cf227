/*
 * Headless tests of staff mode and of printer faults, through the real
 * screens with a real store synced from the sample export: the 3-second
 * corner hold, the Argon2id PIN (wrong, right, too many tries: a pause
 * that survives a restart and doubles, a notice to staff; 12 digits), reprinting
 * a card with the reason recorded in the audit log, printer status and a
 * test print, a sync with the old-data warning, the patients with no key
 * worker, leaving the kiosk, and a printer that fails or never answers
 * while a patient waits for a card.
 */
#include <time.h>

#include "core/spoken.h"
#include "test_ui_fixture.h"

/* Hold the staff corner for ms, then release. */
static void hold_corner(fx_t *fx, int64_t ms)
{
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  for (int64_t t = 0; t < ms; t += 500)
    wait_ms(fx, 500);
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
}

/* Enter a PIN and tap OK. */
static void enter_pin(fx_t *fx, const char *pin)
{
  CHECK(tap_digits(fx, pin));
  CHECK(tap(fx, UI_T_NEXT));
}

/* Wrong PIN tries stored in the kiosk's records. */
static int stored_tries(fx_t *fx)
{
  sqlite3_stmt *st = NULL;
  int n = -1;
  if (sqlite3_prepare_v2(store_db(fx->store), "SELECT count(*) FROM staff_pin_tries", -1, &st,
                         NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* Log in to staff mode. */
static bool staff_login(fx_t *fx)
{
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 3000);
  enter_pin(fx, "4826");
  return ui_screen(fx->ui) == UI_SCREEN_STAFF_MENU;
}

/* The corner hold and the PIN. */
static void test_pin(fx_t *fx)
{
  TEST_SECTION("press and hold the corner for 3 s");
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 1500);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 960, .y = 10});
  wait_ms(fx, 3500);
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 960, .y = 10});
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  CHECK(ui_next_deadline_ms(fx->ui) == fx->now + 3000);
  wait_ms(fx, 2900);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  wait_ms(fx, 100);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");

  TEST_SECTION("staff PIN wrong, then right");
  int failed = audit_count(fx, "staff_login_failed", "%");
  enter_pin(fx, "1111");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  CHECK(shows_msg(fx, "That PIN is not right. Please try again."));
  CHECK_INT(audit_count(fx, "staff_login_failed", "%"), failed + 1);
  enter_pin(fx, "4826");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-menu");
  CHECK(audit_count(fx, "staff_login", "%") >= 1);

  TEST_SECTION("the third wrong PIN pauses staff mode for 30 s, audited");
  setenv("TZ", "UTC", 1);
  tzset();
  setenv("ALLWEDD_NOW", "2026-11-29T10:00:00Z", 1);
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 3000);
  enter_pin(fx, "0000");
  enter_pin(fx, "1234");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  CHECK_INT(stored_tries(fx), 2);
  enter_pin(fx, "9999");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK_INT(audit_count(fx, "staff_pin_locked", "failures=3 pause_s=30"), 1);
  CHECK_INT(audit_count(fx, "staff_login_failed", "failures=3"), 1);
  CHECK_INT(stored_tries(fx), 3);

  TEST_SECTION("another hold while paused: no keypad, only the way back");
  hold_corner(fx, 3000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  CHECK(shows_msg(fx, "Staff mode is paused"));
  CHECK(shows_msg(fx, "Too many wrong PINs have been entered."));
  CHECK(shows(fx, "Gallwch chi roi cynnig arall arni ymhen 1 funud."));
  ui_set_lang(fx->ui, LANG_EN);
  CHECK(shows(fx, "You can try again in 1 minute."));
  ui_set_lang(fx->ui, LANG_CY);
  CHECK(!find_target(fx, UI_T_DIGIT_0 + 4) && !find_target(fx, UI_T_NEXT));
  scan(fx, "4826"); /* a keyboard cannot get round it either */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  CHECK(shows_msg(fx, "Staff mode is paused"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");

  TEST_SECTION("a restart remembers the wrong PINs and what is left of the pause");
  setenv("ALLWEDD_NOW", "2026-11-29T10:00:20Z", 1);
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 3000);
  CHECK(shows_msg(fx, "Staff mode is paused"));
  wait_ms(fx, 9000);
  hold_corner(fx, 0);
  CHECK(tap(fx, UI_T_BACK));
  setenv("ALLWEDD_NOW", "2026-11-29T10:00:31Z", 1);
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 3000);
  CHECK(!shows_msg(fx, "Staff mode is paused"));
  CHECK(find_target(fx, UI_T_NEXT) != NULL);

  TEST_SECTION("each further wrong PIN doubles the pause");
  enter_pin(fx, "5555");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK_INT(audit_count(fx, "staff_pin_locked", "failures=4 pause_s=60"), 1);
  wait_ms(fx, 56000);
  hold_corner(fx, 3000);
  CHECK(shows_msg(fx, "Staff mode is paused"));
  CHECK(tap(fx, UI_T_BACK));
  wait_ms(fx, 1000);
  hold_corner(fx, 3000);
  CHECK(!shows_msg(fx, "Staff mode is paused"));

  TEST_SECTION("the next right PIN shows staff the wrong ones, and clears them");
  setenv("ALLWEDD_NOW", "2026-11-29T10:02:00Z", 1);
  enter_pin(fx, "4826");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-menu");
  CHECK(shows(fx, "4 ymgais PIN aflwyddiannus ers 29 Tachwedd 2026, 10:00"));
  CHECK(shows_msg(fx, "If that was not you, tell whoever looks after this kiosk."));
  CHECK_INT(audit_count(fx, "staff_login", "failed_before=4"), 1);
  CHECK_INT(stored_tries(fx), 0);
  ui_set_lang(fx->ui, LANG_EN);
  CHECK(shows(fx, "4 failed PIN attempts since 29 November 2026, 10:00"));
  CHECK(tap(fx, UI_T_STAFF_DONE));
  hold_corner(fx, 3000);
  enter_pin(fx, "4826");
  CHECK(!shows(fx, "failed PIN attempt"));
  unsetenv("ALLWEDD_NOW");

  TEST_SECTION("a 12-digit PIN fits the keypad; a 13th digit is not taken");
  char saved[sizeof fx->cfg.staff_pin_hash];
  memcpy(saved, fx->cfg.staff_pin_hash, sizeof saved);
  CHECK(crypto_pwhash_str(fx->cfg.staff_pin_hash, "482615937031", 12, crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) == 0);
  fresh_ui(fx, 1280, 800);
  hold_corner(fx, 3000);
  CHECK(tap_digits(fx, "4826159370318"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-menu");
  memcpy(fx->cfg.staff_pin_hash, saved, sizeof saved);

  TEST_SECTION("a kiosk without a PIN has no staff mode");
  char hash[sizeof fx->cfg.staff_pin_hash];
  memcpy(hash, fx->cfg.staff_pin_hash, sizeof hash);
  fx->cfg.staff_pin_hash[0] = '\0';
  fresh_ui(fx, 1920, 1080);
  hold_corner(fx, 3000);
  enter_pin(fx, "4826");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-pin");
  CHECK(shows_msg(fx, "Staff mode is not set up on this kiosk. Set a PIN with: allwedd staff-pin"));
  memcpy(fx->cfg.staff_pin_hash, hash, sizeof hash);
}

/* Reprint with a reason, recorded in the audit log. */
static void test_reprint(fx_t *fx)
{
  TEST_SECTION("reprint a card with the reason recorded");
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-find");
  CHECK(tap_digits(fx, "9434765919"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK(shows_msg(fx, "No patient has that NHS number."));
  for (int i = 0; i < 10; i++)
    CHECK(tap(fx, UI_T_DELETE));
  CHECK(tap_digits(fx, "9992232684"));
  CHECK(shows(fx, "999 223 2684"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-reprint");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(shows(fx, "Gwenno Rees"));
  ui_action_t act;
  TEST_SECTION("a reason asks to confirm: patient, key worker, reason; No chooses again");
  CHECK(tap(fx, UI_T_REASON_DAMAGED));
  CHECK(!take_action(fx, &act));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-reprint");
  CHECK(shows_msg(fx, "Print a new card?"));
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(shows(fx, "999 223 2684"));
  CHECK(shows(fx, "Gwenno Rees"));
  char reason[128];
  snprintf(reason, sizeof reason, "%s: %s", i18n_get(fx->cat, ui_lang(fx->ui), "kiosk", "Reason"),
           i18n_get(fx->cat, ui_lang(fx->ui), "kiosk", "Damaged"));
  CHECK(shows(fx, reason));
  CHECK(find_target(fx, UI_T_YES) && find_target(fx, UI_T_NO));
  CHECK(!find_target(fx, UI_T_REASON_LOST));
  CHECK(tap(fx, UI_T_NO));
  CHECK(!take_action(fx, &act));
  CHECK_INT(audit_count(fx, "reprint", "%"), 0);
  CHECK(find_target(fx, UI_T_REASON_LOST) != NULL);
  TEST_SECTION("Back from the question also chooses again, not the NHS number");
  CHECK(tap(fx, UI_T_REASON_LOST));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-reprint");
  CHECK(find_target(fx, UI_T_REASON_LOST) != NULL);
  TEST_SECTION("Yes prints, with the reason recorded");
  CHECK(tap(fx, UI_T_REASON_LOST));
  snprintf(reason, sizeof reason, "%s: %s", i18n_get(fx->cat, ui_lang(fx->ui), "kiosk", "Reason"),
           i18n_get(fx->cat, ui_lang(fx->ui), "kiosk", "Lost"));
  CHECK(shows(fx, reason));
  CHECK(tap(fx, UI_T_YES));
  CHECK(take_action(fx, &act));
  CHECK_INT(act.kind, UI_ACT_PRINT_CARD);
  CHECK_STR(act.reason, "lost");
  CHECK_STR(act.by, "staff");
  CHECK_STR(act.patient.nhs_number, "9992232684");
  CHECK_STR(act.key_worker.id, "KW-BR-01");
  ui_action_wipe(&act);
  CHECK_INT(audit_count(fx, "reprint", "nhs=9992232684 reason=lost"), 1);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  TEST_SECTION("after the reprint, staff stay in staff mode");
  CHECK(!find_target(fx, UI_T_FINISH)); /* Finish would end staff mode */
  CHECK(shows_msg(fx, "Back to staff tools"));
  CHECK(ui_holds_patient(fx->ui));
  TEST_SECTION("the printed screen speaks to staff, with one way back, in both languages");
  for (int lang = 0; lang < LANG_COUNT; lang++) {
    ui_set_lang(fx->ui, (lang_t)lang);
    wait_ms(fx, 10);
    CHECK(shows_msg(fx, "The card is printed"));
    CHECK(shows_msg(fx, "It is in the printer tray. Give it to the patient."));
    CHECK(!shows_msg(fx, "Please take your card"));
    CHECK(!shows_msg(fx, "The card is in the printer tray. Keep it somewhere safe and bring it "
                         "to your appointments."));
    int backs = 0;
    const scene_t *s1 = ui_scene(fx->ui);
    for (size_t i = 0; s1 && i < scene_count(s1); i++)
      backs += scene_op(s1, i)->kind == SCENE_OP_RECT && scene_op(s1, i)->target == UI_T_BACK;
    CHECK_INT(backs, 1);
    spoken_script_t script;
    CHECK(ui_speech_script(fx->ui, &script));
    bool to_staff = false, to_patient = false;
    const char *give = i18n_get(fx->cat, (lang_t)lang, "kiosk",
                                "It is in the printer tray. Give it to the patient.");
    const char *take = i18n_get(fx->cat, (lang_t)lang, "kiosk", "Please take your card");
    for (size_t i = 0; i < script.count; i++) {
      lang_t l;
      const char *part = spoken_script_part(&script, i, &l);
      to_staff = to_staff || strstr(part, give) != NULL;
      to_patient = to_patient || strstr(part, take) != NULL;
    }
    CHECK(to_staff);
    CHECK(!to_patient);
  }
  ui_set_lang(fx->ui, LANG_CY);
  wait_ms(fx, 10);
  const scene_op_t *back = NULL;
  const scene_t *sc = ui_scene(fx->ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) /* the big button: the only Back */
    if (scene_op(sc, i)->kind == SCENE_OP_RECT && scene_op(sc, i)->target == UI_T_BACK)
      back = scene_op(sc, i);
  CHECK(back != NULL);
  if (back) {
    send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = back->x + back->w / 2, .y = back->y + back->h / 2});
    send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = back->x + back->w / 2, .y = back->y + back->h / 2});
  }
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-menu");
  CHECK(!ui_holds_patient(fx->ui)); /* the reprinted patient is forgotten */
  CHECK(find_target(fx, UI_T_STAFF_REPRINT) != NULL);
  TEST_SECTION("a failed staff print: where to look, still in staff mode");
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  CHECK(tap_digits(fx, "9992232684"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK(tap(fx, UI_T_REASON_DAMAGED));
  CHECK(tap(fx, UI_T_YES));
  CHECK(take_action(fx, &act));
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_JAM,
                        .message = "card-printer: jammed (printer-state-reasons: media-jam-error)",
                        .reasons = "media-jam-error"});
  CHECK(shows_msg(fx, "Check the printer (staff tools, Printer), then try again."));
  CHECK(shows_msg(fx, "A card or sheet is stuck in the printer"));
  CHECK(shows(fx, "printer-state-reasons: media-jam-error")); /* the detail, small */
  CHECK(!shows(fx, "They can print it for you"));
  CHECK(!find_target(fx, UI_T_FINISH));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-menu");

  TEST_SECTION("a scanned letter on the find screen; no key worker: no card");
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  scan(fx, "9993310085");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-reprint");
  CHECK(shows(fx, "Stephen Price"));
  CHECK(!find_target(fx, UI_T_REASON_LOST));
}

/* Printer status, test print, sync, no key worker list, leaving. */
static void test_staff_tools(fx_t *fx)
{
  ui_action_t act;
  TEST_SECTION("printer status and a test print");
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_PRINTER));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINTER_STATUS);
  send(fx, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = false,
                        .message = "stopped: media-empty-error"});
  CHECK(shows(fx, "media-empty-error"));
  CHECK(tap(fx, UI_T_TEST_PRINT));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_TEST);
  CHECK(audit_count(fx, "test_print", "%") >= 1);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_NO_MEDIA});
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-printer");
  CHECK(tap(fx, UI_T_BACK));

  TEST_SECTION("sync now, and the warning when the data is old");
  setenv("ALLWEDD_NOW", "2026-11-21T08:00:00Z", 1);
  CHECK(tap(fx, UI_T_STAFF_SYNC));
  CHECK(!shows_msg(fx, "Warning: the data is more than 48 hours old. Run a sync."));
  setenv("ALLWEDD_NOW", "2026-11-25T08:00:00Z", 1);
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_STAFF_SYNC));
  CHECK(shows_msg(fx, "Warning: the data is more than 48 hours old. Run a sync."));
  CHECK(tap(fx, UI_T_SYNC_NOW));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_SYNC);
  CHECK(!find_target(fx, UI_T_SYNC_NOW));
  send(fx, (ui_event_t){.kind = UI_EV_SYNC_DONE, .ok = true, .message = "imported: 74 patients"});
  CHECK(shows(fx, "imported: 74 patients"));
  CHECK(audit_count(fx, "sync_now", "%") >= 1);
  unsetenv("ALLWEDD_NOW");
  CHECK(tap(fx, UI_T_BACK));

  TEST_SECTION("patients with no key worker");
  CHECK(shows(fx, "(5)"));
  CHECK(tap(fx, UI_T_STAFF_NO_KW));
  CHECK(shows(fx, "999 331 0085"));
  CHECK(tap(fx, UI_T_BACK));

  TEST_SECTION("staff mode times out like any screen");
  wait_ms(fx, 60000);
  wait_ms(fx, 20000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");

  TEST_SECTION("leave the kiosk");
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_LEAVE));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_QUIT);
  CHECK(audit_count(fx, "leave_kiosk", "%") >= 1);
}

/* Go from the welcome screen to Siân's key worker screen. */
static void to_key_worker(fx_t *fx)
{
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_START_CY));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
}

/* The printer fails, or never answers: the patient is never stuck. */
static void test_print_faults(fx_t *fx)
{
  ui_action_t act;
  TEST_SECTION("printer fault during print");
  to_key_worker(fx);
  int before = audit_count(fx, "print_failed", "%no_media%");
  CHECK(tap(fx, UI_T_PRINT_CARD));
  CHECK(take_action(fx, &act));
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT});
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_NO_MEDIA});
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "printing");
  CHECK(find_target(fx, UI_T_FINISH) && find_target(fx, UI_T_BACK));
  CHECK(shows_msg(fx, "Please ask at reception. They can print it for you."));
  CHECK(shows_msg(fx, "The printer has run out of cards or paper."));
  CHECK_INT(audit_count(fx, "print_failed", "%no_media%"), before + 1);
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");

  TEST_SECTION("a printer that never answers: timeout, never stuck");
  CHECK(tap(fx, UI_T_PRINT_CARD));
  CHECK(take_action(fx, &act));
  ui_action_wipe(&act);
  wait_ms(fx, 70000); /* no idle warning while a card is printing */
  CHECK(!ui_idle_warning_shown(fx->ui));
  CHECK(!find_target(fx, UI_T_FINISH));
  wait_ms(fx, 6000);
  CHECK(find_target(fx, UI_T_FINISH) != NULL);
  CHECK(audit_count(fx, "print_failed", "%timeout%") >= 1);
  TEST_SECTION("a late answer after the timeout is ignored");
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(find_target(fx, UI_T_BACK) != NULL);
  TEST_SECTION("after the fault the idle timeout still wipes");
  wait_ms(fx, 60000);
  wait_ms(fx, 20000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
}

/* A carer's "print these details" where the site has no sheet printer:
 * only what is true on the screen, and staff told for real (the audit,
 * and today's count on the staff menu). */
static void test_no_sheet_printer(fx_t *fx)
{
  ui_action_t act;
  TEST_SECTION("no sheet printer: the slip is not printed, and the screen says so");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_CARER_EN));
  CHECK(tap(fx, UI_T_CATEGORY_0));
  CHECK(tap(fx, UI_T_ITEM_0));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support-detail");
  int before = audit_count(fx, "sheet_printer_missing", "kind=slip by=kiosk");
  int failed_before = audit_count(fx, "print_failed", "%");
  CHECK(tap(fx, UI_T_PRINT_SLIP));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_SERVICE);
  ui_action_wipe(&act);
  /* what kiosk_host.c answers when [printer] sheet_printer is empty */
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED,
                        .fault = UI_FAULT_NO_SHEET_PRINTER});
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "printing");
  CHECK(shows_msg(fx, "This kiosk cannot print this"));
  CHECK(shows_msg(fx, "Please ask at reception if you would like a printed copy."));
  CHECK(!shows(fx, "They can print it for you"));
  CHECK(!shows(fx, "Sorry, we could not print"));
  CHECK_INT(audit_count(fx, "sheet_printer_missing", "kind=slip by=kiosk"), before + 1);
  CHECK_INT(audit_count(fx, "print_failed", "%"), failed_before);
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "support-detail");

  TEST_SECTION("the staff menu shows today's counts, through the plural forms");
  CHECK(store_audit(fx->store, "kiosk", "help_requested", "welcome"));
  CHECK(store_audit(fx->store, "kiosk", "help_requested", "dob"));
  /* yesterday's request is not today's */
  sqlite3_exec(store_db(fx->store),
               "INSERT INTO audit_log(at, actor, event, detail) VALUES"
               " ('2001-01-01T09:00:00Z', 'kiosk', 'help_requested', 'welcome')",
               NULL, NULL, NULL);
  CHECK(staff_login(fx));
  char want[200];
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  CHECK(shows(fx, "2 gais am help wrth y sgrin heddiw"));
  snprintf(want, sizeof want, "Ni ellid argraffu %d ", before + 1);
  CHECK(shows(fx, want));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK_INT(ui_lang(fx->ui), LANG_EN);
  CHECK(shows(fx, "2 requests for help at the screen today"));
  snprintf(want, sizeof want, "%d leaflet", before + 1);
  CHECK(shows(fx, want));
  CHECK(shows(fx, "there is no sheet printer"));
  CHECK(store_audit(fx->store, "kiosk", "help_requested", "name"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "3 chais am help wrth y sgrin heddiw"));
  CHECK(tap(fx, UI_T_STAFF_DONE));
}

/* "Need help?" tapped by patients is counted on the staff menu, today's
 * only, through the plural forms (the real store, the real dialog). */
static void test_help_count(fx_t *fx)
{
  TEST_SECTION("Need help? taps reach the staff menu's count");
  sqlite3_exec(store_db(fx->store), "DELETE FROM audit_log WHERE event = 'help_requested'", NULL,
               NULL, NULL);
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_HELP));
  CHECK(tap(fx, UI_T_DIALOG_OK));
  CHECK(tap(fx, UI_T_START_EN));
  CHECK(tap(fx, UI_T_HELP));
  CHECK(tap(fx, UI_T_DIALOG_OK));
  CHECK_INT(audit_count(fx, "help_requested", "welcome"), 1);
  CHECK_INT(audit_count(fx, "help_requested", "dob"), 1);
  CHECK(staff_login(fx));
  CHECK(shows(fx, "2 gais am help wrth y sgrin heddiw"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "2 requests for help at the screen today"));
  CHECK(tap(fx, UI_T_STAFF_DONE));
  CHECK(tap(fx, UI_T_HELP));
  CHECK(tap(fx, UI_T_DIALOG_OK));
  CHECK(staff_login(fx));
  CHECK(shows(fx, "3 chais am help wrth y sgrin heddiw"));
  CHECK(tap(fx, UI_T_STAFF_DONE));
  TEST_SECTION("a store that cannot say shows its error, never 0");
  sqlite3_exec(store_db(fx->store), "ALTER TABLE records.audit_log RENAME TO audit_log_away", NULL,
               NULL, NULL);
  CHECK(staff_login(fx));
  CHECK(!shows(fx, "cais am help"));
  CHECK(shows_msg(fx, "The local data cannot be read."));
  sqlite3_exec(store_db(fx->store), "ALTER TABLE records.audit_log_away RENAME TO audit_log", NULL,
               NULL, NULL);
  CHECK(tap(fx, UI_T_STAFF_DONE));
}

/* Issue 13's staff test of speech: a sentence in each language through
 * the host's speech action; hidden with no audio device, like Listen. */
static void test_speech_test(fx_t *fx)
{
  ui_action_t act;
  TEST_SECTION("Test speech: one sentence in Welsh, then English");
  CHECK(staff_login(fx));
  ui_set_speech_available(fx->ui, true);
  CHECK(shows_msg(fx, "Test speech"));
  int before = audit_count(fx, "speech_test", "%");
  CHECK(tap(fx, UI_T_STAFF_SPEECH_TEST));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_SPEAK);
  CHECK_INT((int)act.speech.count, 2);
  lang_t lang = LANG_EN;
  const char *words = spoken_script_part(&act.speech, 0, &lang);
  CHECK_INT(lang, LANG_CY);
  CHECK(words && strstr(words, "Dyma brawf o lais y ciosg"));
  words = spoken_script_part(&act.speech, 1, &lang);
  CHECK_INT(lang, LANG_EN);
  CHECK(words && strstr(words, "This is a test of the kiosk's speech"));
  ui_action_wipe(&act);
  CHECK(ui_speaking(fx->ui));
  CHECK_INT(audit_count(fx, "speech_test", "%"), before + 1);
  TEST_SECTION("leaving the menu stops it");
  CHECK(tap(fx, UI_T_STAFF_SYNC));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_SPEAK_STOP);
  CHECK(!ui_speaking(fx->ui));
  CHECK(tap(fx, UI_T_BACK));
  TEST_SECTION("no audio device: no Test speech, as no Listen");
  ui_set_speech_available(fx->ui, false);
  CHECK(!find_target(fx, UI_T_STAFF_SPEECH_TEST));
  CHECK(!find_target(fx, UI_T_LISTEN));
  CHECK(find_target(fx, UI_T_STAFF_LEAVE) != NULL);
  ui_set_speech_available(fx->ui, true);
  CHECK(tap(fx, UI_T_STAFF_DONE));
}

/* True when some text on screen holds an ISO time ("2026-11-20T23:05:00Z"). */
static bool shows_iso_time(fx_t *fx)
{
  const scene_t *sc = ui_scene(fx->ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_TEXT)
      continue;
    for (const char *t = op->text; (t = strchr(t, 'T')); t++)
      if (t - op->text >= 10 && t[-1] >= '0' && t[-1] <= '9' && t[1] >= '0' && t[1] <= '9' &&
          strchr(t, ':'))
        return true;
  }
  return false;
}

/* Staff screens in the staff's language: printer reasons in words (the
 * raw detail after them), dates as people write them, counts through the
 * plural forms (issue 12). */
static void test_staff_words(fx_t *fx)
{
  ui_action_t act;
  setenv("TZ", "UTC", 1);
  tzset();
  TEST_SECTION("printer reasons in words in Welsh, the raw IPP detail after them");
  CHECK(staff_login(fx));
  CHECK_INT(ui_lang(fx->ui), LANG_CY);
  CHECK(tap(fx, UI_T_STAFF_PRINTER));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINTER_STATUS);
  send(fx, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = false,
                        .message = "media-empty: card-printer: out of cards (printer-state-reasons: "
                                   "media-empty-error, door-open-warning); nothing was sent",
                        .reasons = "media-empty-error, door-open-warning, com.acme-lid"});
  CHECK(shows(fx, "Dim cardiau na phapur ar ôl"));
  CHECK(shows(fx, "Mae clawr neu ddrws ar agor (rhybudd)"));
  CHECK(shows(fx, "printer-state-reasons: media-empty-error")); /* the raw detail stays */
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "Out of cards or paper"));
  CHECK(shows(fx, "A cover or door is open (warning)"));
  send(fx, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = false,
                        .message = "unreachable: cannot connect to localhost:1: connection refused",
                        .reasons = ""});
  CHECK(shows(fx, "The printer does not answer (is it switched on and connected?)"));
  CHECK(tap(fx, UI_T_BACK));

  TEST_SECTION("dates on the staff menu and sync screen as people write them");
  CHECK(!shows_iso_time(fx));
  CHECK(shows(fx, "20 November 2026, 23:05")); /* the sample export's generated time */
  CHECK(tap(fx, UI_T_STAFF_SYNC));
  CHECK(!shows_iso_time(fx));
  CHECK(shows(fx, "20 November 2026, 23:05"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(!shows_iso_time(fx));
  CHECK(shows(fx, "20 Tachwedd 2026, 23:05"));
  TEST_SECTION("the sync report's counts through the plural forms");
  CHECK(shows(fx, " rhes, ")); /* the sample's files have many rows */
  CHECK(!shows(fx, " rows, "));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, " rows, "));
  CHECK(tap(fx, UI_T_STAFF_DONE) || tap(fx, UI_T_BACK));
  unsetenv("TZ");
  tzset();
}

/* Run the staff and printer cases on one fixture. */
int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_pin(&fx);
  test_reprint(&fx);
  test_staff_tools(&fx);
  test_print_faults(&fx);
  test_no_sheet_printer(&fx);
  test_staff_words(&fx);
  test_help_count(&fx);
  test_speech_test(&fx);
  fx_close(&fx);
  return test_summary();
}
