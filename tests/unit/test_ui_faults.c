/*
 * A store in trouble seen through the real screens: copies of the sample
 * store with the pages of one table zeroed (as a damaged disk leaves them)
 * make every store read of that table fail. A store error is never a failed
 * try, "no match", "no key worker", "no services" or "0 patients": the
 * person at the screen is asked kindly to go to reception (both languages),
 * staff see the error itself, and an audit entry is asked for. Also: the
 * UI never writes the store (audits leave as actions), a record the host
 * could not write is shown to staff until they have seen it, and actions a
 * host failed to take are reported, never dropped silently.
 */
#include "test_ui_fixture.h"

/* The screen's name. */
static const char *screen(fx_t *fx) { return ui_screen_name(ui_screen(fx->ui)); }

/* Run the fixture on a damaged copy of its store for a while. */
typedef struct {
  store_t *good;
  store_t *damaged;
} swap_t;

/* Use a copy of the store with table damaged (false when it could not be made). */
static bool use_damaged(fx_t *fx, swap_t *sw, const char *table)
{
  sw->good = fx->store;
  sw->damaged = damaged_store(fx, table);
  if (!sw->damaged)
    return false;
  fx->store = sw->damaged;
  return true;
}

/* Back to the good store. */
static void use_good(fx_t *fx, swap_t *sw)
{
  ui_free(fx->ui);
  fx->ui = NULL;
  fx->store = sw->good;
  store_close(sw->damaged);
  fresh_ui(fx, 1280, 800);
}

/* Log in to staff mode. */
static bool staff_login(fx_t *fx)
{
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  wait_ms(fx, 3000);
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
  tap_digits(fx, "4826");
  tap(fx, UI_T_NEXT);
  return ui_screen(fx->ui) == UI_SCREEN_STAFF_MENU;
}

/* The patients cannot be read. */
static void test_patients_damaged(fx_t *fx)
{
  swap_t sw;
  TEST_SECTION("identification with the patients unreadable: a store fault, not a try");
  if (!CHECK(use_damaged(fx, &sw, "patients")))
    return;
  fresh_ui(fx, 1280, 800);
  int errors = audit_count(fx, "store_error", "%");
  for (int i = 0; i < 7; i++) { /* more than lockout_attempts: never paused */
    CHECK(tap(fx, UI_T_START_EN));
    enter_dob(fx, "18041956");
    enter_name(fx, "JONES PUGH");
    if (!CHECK(ui_screen(fx->ui) == UI_SCREEN_STORE_FAULT))
      printf("      got %s\n", screen(fx));
    CHECK(tap(fx, UI_T_FINISH));
  }
  CHECK_INT(audit_count(fx, "store_error", "%"), errors + 7);
  CHECK(audit_count(fx, "store_error", "%damaged%") >= 7); /* the real reason, for staff */
  CHECK_INT(audit_count(fx, "identify_paused", "%"), 0);
  TEST_SECTION("the fault screen: kind, both languages, never \"we couldn't find you\"");
  CHECK(tap(fx, UI_T_START_CY));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK_STR(screen(fx), "store-fault");
  CHECK(shows_msg(fx, "Sorry, we cannot look up your details just now"));
  CHECK(shows_msg(fx, "Please ask at reception. They will be glad to help you."));
  CHECK(!shows_msg(fx, "We couldn't find you"));
  CHECK(shows(fx, "Mae'n ddrwg gennym"));
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows(fx, "Sorry, we cannot look up your details just now"));
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(tap(fx, UI_T_TRY_AGAIN));
  CHECK_STR(screen(fx), "dob");
  TEST_SECTION("the barcode path too");
  CHECK(tap(fx, UI_T_BACK));
  scan(fx, "9992232684");
  enter_dob(fx, "18041956");
  CHECK_STR(screen(fx), "store-fault");

  TEST_SECTION("staff: the store error itself, never \"no patient\" or \"0 patients\"");
  fresh_ui(fx, 1920, 1080);
  CHECK(staff_login(fx));
  CHECK(!shows(fx, "(0)"));
  CHECK(shows_msg(fx, "The local data cannot be read."));
  CHECK(tap(fx, UI_T_STAFF_NO_KW));
  CHECK_STR(screen(fx), "staff-no-kw");
  CHECK(shows_msg(fx, "The local data cannot be read."));
  CHECK(shows(fx, "damaged"));
  CHECK(!shows(fx, "0 patients"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  CHECK(tap_digits(fx, "9992232684"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(screen(fx), "staff-find");
  CHECK(!shows_msg(fx, "No patient has that NHS number."));
  CHECK(shows(fx, "damaged"));
  use_good(fx, &sw);
}

/* The key workers cannot be read. */
static void test_key_workers_damaged(fx_t *fx)
{
  swap_t sw;
  TEST_SECTION("key workers unreadable: a store fault, never \"no key worker\"");
  if (!CHECK(use_damaged(fx, &sw, "key_workers")))
    return;
  fresh_ui(fx, 1280, 800);
  int no_kw = audit_count(fx, "no_key_worker", "%");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK_STR(screen(fx), "confirm");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(screen(fx), "store-fault");
  CHECK_INT(audit_count(fx, "no_key_worker", "%"), no_kw);
  CHECK(audit_count(fx, "store_error", "%") >= 1);
  CHECK(!ui_holds_patient(fx->ui));
  TEST_SECTION("staff reprint: the error, not \"no key worker recorded\"");
  fresh_ui(fx, 1920, 1080);
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_REPRINT));
  scan(fx, "9992232684");
  CHECK_STR(screen(fx), "staff-reprint");
  CHECK(shows(fx, "Siân Jones-Pugh"));
  CHECK(shows(fx, "damaged"));
  CHECK(!shows_msg(fx, "This patient has no key worker recorded, so there is no card to print. "
                       "Please tell the cancer team."));
  CHECK(!find_target(fx, UI_T_REASON_LOST));
  use_good(fx, &sw);
}

/* The services cannot be read. */
static void test_services_damaged(fx_t *fx)
{
  swap_t sw;
  TEST_SECTION("services unreadable: please ask at reception, not \"no services yet\"");
  if (!CHECK(use_damaged(fx, &sw, "services")))
    return;
  fresh_ui(fx, 1280, 800);
  int errors = audit_count(fx, "store_error", "%");
  CHECK(tap(fx, UI_T_CARER_EN));
  CHECK_STR(screen(fx), "support");
  CHECK(shows_msg(fx, "Sorry, we cannot show the support services just now."));
  CHECK(!shows_msg(fx, "There are no services to show yet. Please ask at reception."));
  CHECK_INT(audit_count(fx, "store_error", "%"), errors + 1);
  CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(shows_msg(fx, "Sorry, we cannot show the support services just now."));
  use_good(fx, &sw);
}

/* The sync runs cannot be read. */
static void test_sync_runs_damaged(fx_t *fx)
{
  swap_t sw;
  TEST_SECTION("staff sync screen: the last sync report's store error is shown");
  if (!CHECK(use_damaged(fx, &sw, "sync_runs")))
    return;
  fresh_ui(fx, 1920, 1080);
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_SYNC));
  CHECK(shows_msg(fx, "The local data cannot be read."));
  CHECK(shows(fx, "damaged"));
  use_good(fx, &sw);
}

/* The staff PIN tries cannot be read (records file damaged). */
static void test_pin_tries_damaged(fx_t *fx)
{
  swap_t sw;
  TEST_SECTION("staff PIN tries unreadable: the PIN screen says so (the count here still holds)");
  if (!CHECK(use_damaged(fx, &sw, "staff_pin_tries")))
    return;
  fresh_ui(fx, 1920, 1080);
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  wait_ms(fx, 3000);
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
  CHECK_STR(screen(fx), "staff-pin");
  char start[16];
  snprintf(start, sizeof start, "%s", i18n_get(fx->cat, LANG_CY, "kiosk",
                                               "The local data cannot be read."));
  CHECK(shows(fx, start));
  CHECK(shows(fx, "damaged"));
  use_good(fx, &sw);
}

/* The UI never writes; a record the host could not write reaches staff. */
static void test_records(fx_t *fx)
{
  TEST_SECTION("audits are actions: nothing is written unless the host writes it");
  fresh_ui(fx, 1280, 800);
  int identified = audit_count(fx, "identified", "%");
  CHECK(tap(fx, UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  /* Tap "Yes" without the fixture's host: the audit stays in the queue. */
  const scene_op_t *yes = find_target(fx, UI_T_YES);
  CHECK(yes != NULL);
  if (yes) {
    ui_event_t ev = {.kind = UI_EV_PRESS, .now_ms = fx->now, .x = yes->x + 5, .y = yes->y + 5};
    ui_handle(fx->ui, &ev);
    ev.kind = UI_EV_RELEASE;
    ui_handle(fx->ui, &ev);
  }
  CHECK_STR(screen(fx), "key-worker");
  CHECK_INT(audit_count(fx, "identified", "%"), identified);
  ui_action_t act;
  bool audited = false;
  while (ui_take_action(fx->ui, &act)) {
    if (act.kind == UI_ACT_AUDIT && !strcmp(act.event, "identified")) {
      audited = !strcmp(act.actor, "kiosk") && !strcmp(act.detail, "nhs=9992232684");
      CHECK(store_audit(fx->store, act.actor, act.event, act.detail));
    }
    ui_action_wipe(&act);
  }
  CHECK(audited);
  CHECK_INT(audit_count(fx, "identified", "%"), identified + 1);

  TEST_SECTION("records the host could not write: a notice on the staff menu until seen");
  fresh_ui(fx, 1920, 1080);
  send(fx, (ui_event_t){.kind = UI_EV_RECORD_FAILED, .count = 2,
                        .message = "cannot write the audit log: disk full"});
  send(fx, (ui_event_t){.kind = UI_EV_RECORD_FAILED, .count = 1,
                        .message = "cannot write the audit log: disk full"});
  CHECK(staff_login(fx));
  CHECK(shows(fx, "Nid oedd modd ysgrifennu 3 chofnod:"));
  CHECK(tap(fx, UI_T_LANG_SWITCH)); /* seen, but not yet acted on */
  CHECK(shows(fx, "3 records could not be written:"));
  CHECK(shows(fx, "disk full"));
  CHECK(tap(fx, UI_T_STAFF_PRINTER));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "staff-menu");
  CHECK(!shows(fx, "could not be written"));
  TEST_SECTION("a new failure while staff are there shows at once");
  send(fx, (ui_event_t){.kind = UI_EV_RECORD_FAILED, .count = 1, .message = "disk full"});
  CHECK(shows(fx, "1 record could not be written: disk full"));
  CHECK(tap(fx, UI_T_STAFF_DONE));
}

/* A host that stops taking actions: the loss is counted and reported. */
static void test_action_queue(fx_t *fx)
{
  TEST_SECTION("a host that stops taking actions: the loss is reported, not silent");
  fresh_ui(fx, 1920, 1080);
  CHECK(staff_login(fx));
  CHECK(tap(fx, UI_T_STAFF_PRINTER));
  const scene_op_t *again = find_target(fx, UI_T_STAFF_PRINTER);
  CHECK(again != NULL);
  int x = again ? again->x + 5 : 0, y = again ? again->y + 5 : 0;
  for (int i = 0; i < 40; i++) { /* "Check again" 40 times, nobody taking the actions */
    ui_event_t ev = {.kind = UI_EV_PRESS, .now_ms = fx->now, .x = x, .y = y};
    ui_handle(fx->ui, &ev);
    ev.kind = UI_EV_RELEASE;
    ui_handle(fx->ui, &ev);
    fx->now += 200;
  }
  size_t lost = ui_actions_lost(fx->ui);
  CHECK(lost >= 40 - 31);
  int reported = audit_count(fx, "actions_lost", "%");
  send(fx, (ui_event_t){.kind = UI_EV_TICK}); /* the host takes them again */
  CHECK(tap(fx, UI_T_STAFF_PRINTER));
  CHECK_INT(audit_count(fx, "actions_lost", "%"), reported + 1);
  char pattern[32];
  snprintf(pattern, sizeof pattern, "count=%zu", lost);
  CHECK_INT(audit_count(fx, "actions_lost", pattern), 1);
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_patients_damaged(&fx);
  test_key_workers_damaged(&fx);
  test_services_damaged(&fx);
  test_sync_runs_damaged(&fx);
  test_pin_tries_damaged(&fx);
  test_records(&fx);
  test_action_queue(&fx);
  fx_close(&fx);
  return test_summary();
}
