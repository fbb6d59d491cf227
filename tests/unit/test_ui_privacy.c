/*
 * Privacy at the screen, through the real screens and a real store synced
 * from the sample export: "Are you still there?" hides the person's details
 * on every screen that holds them (not one text of the screen under it is
 * in the scene: nothing to read through a dimmed overlay); the key worker's
 * team ("Breast care team") is not shown unless [privacy] show_team is set;
 * a journey prints at most [kiosk] card_prints_per_journey cards, then
 * gets a kind message in both languages (a failed print does not count).
 */
#include "test_ui_fixture.h"

/* What the screen must not show while the idle warning is up. */
static const char *const secrets[] = {
  "Siân", "Jones-Pugh", "1956", "18 Ebrill", "18 April", "999 223 2684", "9992232684",
  "Gwenno", "Rees", "029 2018 0123", "Tîm gofal y fron", "Breast care team",
  "Nyrs Glinigol", "Clinical Nurse", "CF14",
};

/* Identify Siân (Welsh) and stop at "Is this you?". */
static void to_confirm(fx_t *fx)
{
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_START_CY));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
}

/* Bring up the idle warning and check that no text of the person is in the
 * scene, and that only the warning's own texts are. */
static void check_idle_hides(fx_t *fx, const char *where)
{
  printf("-- idle warning on %s\n", where);
  bool held = ui_holds_patient(fx->ui);
  int64_t deadline = ui_next_deadline_ms(fx->ui);
  if (deadline > fx->now)
    wait_ms(fx, deadline - fx->now);
  CHECK(ui_idle_warning_shown(fx->ui));
  CHECK(!held || ui_holds_patient(fx->ui)); /* the details still held, only hidden */
  CHECK(shows_msg(fx, "Are you still there?"));
  const scene_t *sc = ui_scene(fx->ui);
  int leaks = 0, texts = 0;
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_QR)
      leaks++, printf("      a QR code under the warning\n");
    if (op->kind != SCENE_OP_TEXT)
      continue;
    texts++;
    for (size_t s = 0; s < sizeof secrets / sizeof secrets[0]; s++)
      if (strstr(op->text, secrets[s])) {
        leaks++;
        printf("      \"%s\" readable under the warning on %s\n", op->text, where);
      }
  }
  CHECK_INT(leaks, 0);
  CHECK(texts > 0 && texts <= 8); /* the title, the countdown, two buttons */
  CHECK(tap(fx, UI_T_MORE_TIME));
  CHECK(!ui_idle_warning_shown(fx->ui));
}

static void test_idle_everywhere(fx_t *fx)
{
  TEST_SECTION("\"Are you still there?\" hides the person everywhere they are shown");
  to_confirm(fx);
  CHECK(shows(fx, "Siân Jones-Pugh"));
  check_idle_hides(fx, "confirm");
  CHECK(shows(fx, "Siân Jones-Pugh")); /* back when they answer */
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK(shows(fx, "Gwenno Rees"));
  check_idle_hides(fx, "key-worker");
  CHECK(tap(fx, UI_T_LEAFLET));
  check_idle_hides(fx, "leaflet");
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_PRINT_CARD));
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  check_idle_hides(fx, "printed (or the survey question after it)");
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  CHECK(tap(fx, UI_T_SUPPORT));
  check_idle_hides(fx, "support (after identifying)");

  fresh_ui(fx, 1920, 1080); /* staff see a patient to reprint a card */
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  wait_ms(fx, 3000);
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
  CHECK(tap_digits(fx, "4826"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  CHECK(tap_digits(fx, "9992232684"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "staff-reprint");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  check_idle_hides(fx, "staff-reprint");
}

static void test_show_team(fx_t *fx)
{
  TEST_SECTION("the team is not shown unless [privacy] show_team");
  CHECK(!fx->cfg.show_team); /* the default */
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  CHECK(shows(fx, "Gwenno Rees"));
  CHECK(!shows(fx, "Tîm gofal y fron"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "Clinical Nurse Specialist"));
  CHECK(!shows(fx, "Breast care team"));
  fx->cfg.show_team = true;
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  CHECK(shows(fx, "Tîm gofal y fron"));
  fx->cfg.show_team = false;
}

/* Tap "Print my card" and answer for the printer. */
static void print_card(fx_t *fx, ui_print_state_t answer)
{
  CHECK(tap(fx, UI_T_PRINT_CARD));
  ui_action_t act;
  bool asked = take_action(fx, &act);
  CHECK(asked && act.kind == UI_ACT_PRINT_CARD);
  if (asked)
    ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = answer, .fault = UI_FAULT_NO_MEDIA});
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
}

static void test_card_limit(fx_t *fx)
{
  TEST_SECTION("two cards a journey, then a kind message (a failed print does not count)");
  CHECK_INT(fx->cfg.card_prints_per_journey, 2);
  int limits = audit_count(fx, "card_limit", "%");
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  print_card(fx, UI_PRINT_DONE);
  print_card(fx, UI_PRINT_FAILED);
  print_card(fx, UI_PRINT_DONE);
  CHECK(tap(fx, UI_T_PRINT_CARD));
  ui_action_t act;
  CHECK(!take_action(fx, &act)); /* nothing sent to the printer */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "printing");
  CHECK(shows(fx, "Mae eich cerdyn gennych chi'n barod"));
  CHECK(shows(fx, "Rydyn ni wedi argraffu 2 gerdyn i chi."));
  CHECK(shows_msg(fx, "If you need another one, please ask at reception. They will be glad "
                      "to help you."));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "You already have your card"));
  CHECK(shows(fx, "We have printed 2 cards for you."));
  CHECK_INT(audit_count(fx, "card_limit", "printed=2"), limits + 1);
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");

  TEST_SECTION("the next journey starts again from none");
  CHECK(tap(fx, UI_T_FINISH));
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  print_card(fx, UI_PRINT_DONE);

  TEST_SECTION("one card a journey when so configured");
  fx->cfg.card_prints_per_journey = 1;
  to_confirm(fx);
  CHECK(tap(fx, UI_T_YES));
  print_card(fx, UI_PRINT_DONE);
  CHECK(tap(fx, UI_T_PRINT_CARD));
  CHECK(shows(fx, "Rydyn ni wedi argraffu 1 cerdyn i chi."));
  fx->cfg.card_prints_per_journey = 2;
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx)))
    return test_summary();
  test_idle_everywhere(&fx);
  test_show_team(&fx);
  test_card_limit(&fx);
  fx_close(&fx);
  return test_summary();
}
