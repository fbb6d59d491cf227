/*
 * "What would you like to talk about?" (issue 15) through the real screens,
 * the real store synced from the signed sample and the real renderer: both
 * ways in (the welcome screen without identifying, the key worker screen
 * after identifying, and the support screen where a small landscape screen
 * has no room for a fourth button), both languages, toggles that show their
 * state in words, the optional 0-10 score, the print action with the key
 * worker and (only when chosen) the patient's name, the site's [concerns]
 * settings, and privacy: the ticks are gone from the UI, its scenes, the
 * renderer's caches and the heap when the journey ends, and nothing the
 * person ticked reaches the audit log.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/kiosk_host.h"
#include "core/clock.h"
#include "core/concerns.h"
#include "test_ui_fixture.h"

#include "heap_scan.h"

static const char *screen(fx_t *fx) { return ui_screen_name(ui_screen(fx->ui)); }

/* The catalogue index of item key. */
static int item(const char *key)
{
  for (size_t i = 0; i < concerns_item_count(); i++)
    if (!strcmp(concerns_item(i)->key, key))
      return (int)i;
  printf("      (no item %s)\n", key);
  return 0;
}

/* Tap Next until the screen shows group title (a msgid), at most 6 times. */
static bool to_group(fx_t *fx, const char *title)
{
  for (int i = 0; i < 7; i++) {
    if (shows(fx, i18n_get(fx->cat, ui_lang(fx->ui), "concerns", title)))
      return true;
    if (!tap(fx, UI_T_CONCERNS_NEXT))
      return false;
  }
  return false;
}

/* From the welcome screen to Siân's key worker, in lang. */
static void to_key_worker(fx_t *fx, lang_t lang, int w, int h)
{
  fresh_ui(fx, w, h);
  CHECK(tap(fx, lang == LANG_CY ? UI_T_START_CY : UI_T_START_EN));
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(screen(fx), "key-worker");
  if (ui_lang(fx->ui) != lang) /* Siân prefers Welsh: the screen follows her record */
    CHECK(tap(fx, UI_T_LANG_SWITCH));
  CHECK(ui_lang(fx->ui) == lang);
}

static void test_welcome_entry(fx_t *fx)
{
  TEST_SECTION("from the welcome screen, in Welsh, without identifying");
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CONCERNS_CY));
  CHECK_STR(screen(fx), "concerns");
  CHECK(ui_lang(fx->ui) == LANG_CY);
  CHECK(shows(fx, "Am beth hoffech chi siarad?"));
  CHECK(shows(fx, "Eich corff (1 o 6)"));
  CHECK(shows(fx, "Poen"));
  CHECK(!shows(fx, "Ar fy rhestr"));
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("a toggle shows its state in words, and toggles back");
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(shows(fx, "Ar fy rhestr"));
  CHECK(ui_holds_patient(fx->ui)); /* the ticks are the person's */
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(!shows(fx, "Ar fy rhestr"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.sleep")));

  TEST_SECTION("any number of items across groups, then the score");
  CHECK(to_group(fx, "Everyday life"));
  CHECK(shows(fx, "Bywyd bob dydd (2 o 6)"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("practical.money")));
  CHECK(to_group(fx, "Your feelings"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("emotional.worry")));
  CHECK(to_group(fx, "Information"));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK_STR(screen(fx), "concerns-score");
  CHECK(shows(fx, "At ei gilydd, faint mae hyn yn eich poeni chi heddiw?"));
  CHECK(shows(fx, "Dydych chi ddim wedi dewis rhif."));
  CHECK(tap(fx, UI_T_SCORE_0 + 7));
  CHECK(shows(fx, "Eich dewis: 7 allan o 10."));
  CHECK(tap(fx, UI_T_SCORE_0 + 7)); /* the same again clears it */
  CHECK(shows(fx, "Dydych chi ddim wedi dewis rhif."));
  CHECK(tap(fx, UI_T_SCORE_0 + 6));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));

  TEST_SECTION("my list: what was ticked, grouped, and no name choice for a carer");
  CHECK_STR(screen(fx), "concerns-list");
  CHECK(shows(fx, "Fy rhestr heddiw"));
  CHECK(shows(fx, "Poen"));
  CHECK(shows(fx, "Cysgu"));
  CHECK(shows(fx, "Arian neu filiau"));
  CHECK(shows(fx, "Poeni"));
  CHECK(!shows(fx, "Anadlu"));
  CHECK(shows(fx, "Eich dewis: 6 allan o 10."));
  CHECK(!find_target(fx, UI_T_CONCERNS_NAME));

  TEST_SECTION("print: the selection, no key worker, no name");
  ui_action_t act;
  CHECK(tap(fx, UI_T_CONCERNS_PRINT));
  CHECK_STR(screen(fx), "printing");
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CONCERNS);
  CHECK(act.lang == LANG_CY);
  CHECK(concerns_ticked(&act.concerns, (size_t)item("practical.money")));
  CHECK(concerns_ticked(&act.concerns, (size_t)item("physical.sleep")));
  CHECK(!concerns_ticked(&act.concerns, (size_t)item("physical.breathing")));
  CHECK_INT(concerns_ticked_count(&act.concerns), 4);
  CHECK_INT(concerns_score(&act.concerns), 6);
  CHECK(!act.has_key_worker && !act.with_name);
  CHECK_STR(act.patient.family_name, "");
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT});
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(shows_msg(fx, "Please take your printout"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "concerns-list");

  TEST_SECTION("Finish forgets the ticks; opened again, nothing is ticked");
  CHECK(tap(fx, UI_T_CONCERNS_CHANGE));
  CHECK_STR(screen(fx), "concerns");
  CHECK(shows(fx, "Ar fy rhestr"));
  CHECK(tap(fx, UI_T_BACK)); /* Back from the first group: the journey ends */
  CHECK_STR(screen(fx), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  CHECK(ui_lang(fx->ui) == LANG_EN);
  CHECK(shows(fx, "What would you like to talk about?"));
  CHECK(!shows(fx, "On my list"));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK(shows(fx, "You have not ticked anything yet."));
  CHECK(!find_target(fx, UI_T_CONCERNS_PRINT));
}

static void test_key_worker_entry(fx_t *fx)
{
  TEST_SECTION("from the key worker screen, in English, after identifying");
  to_key_worker(fx, LANG_EN, 1920, 1080);
  CHECK(tap(fx, UI_T_CONCERNS));
  CHECK_STR(screen(fx), "concerns");
  CHECK(shows(fx, "Your body (1 of 6)"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "key-worker"); /* identified: back to the key worker */
  CHECK(tap(fx, UI_T_CONCERNS));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.breathing")));
  CHECK(to_group(fx, "Faith and meaning"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("spiritual.faith")));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK_STR(screen(fx), "concerns-list");
  CHECK(shows(fx, "Breathing"));
  CHECK(shows(fx, "Faith or religion"));
  CHECK(!shows(fx, "You chose")); /* no score given: none shown */

  TEST_SECTION("the patient's name is printed only when they choose it");
  CHECK(shows(fx, "Print my name on it: no"));
  ui_action_t act;
  CHECK(tap(fx, UI_T_CONCERNS_PRINT));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CONCERNS);
  CHECK(act.has_key_worker && !act.with_name);
  CHECK_STR(act.key_worker.family_name, "Rees");
  CHECK_STR(act.patient.family_name, "");
  CHECK_STR(act.patient.nhs_number, "");
  CHECK_INT(concerns_score(&act.concerns), -1);
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_CONCERNS_NAME));
  CHECK(shows(fx, "Print my name on it: yes"));
  CHECK(tap(fx, UI_T_CONCERNS_PRINT));
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CONCERNS);
  CHECK(act.has_key_worker && act.with_name);
  CHECK_STR(act.patient.family_name, "Jones-Pugh");
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_NO_MEDIA});
  CHECK(shows_msg(fx, "Sorry, we could not print your list"));
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("nothing ticked reaches the audit log");
  CHECK_INT(audit_count(fx, "%", "%concern%"), 0);
  CHECK_INT(audit_count(fx, "%", "%breathing%"), 0);
  CHECK_INT(audit_count(fx, "%", "%faith%"), 0);
  CHECK_INT(audit_count(fx, "%", "%physical%"), 0);
}

static void test_small_screen(fx_t *fx)
{
  TEST_SECTION("800x480: no room for a fourth button; the support screen leads to it");
  to_key_worker(fx, LANG_CY, 800, 480);
  CHECK(!find_target(fx, UI_T_CONCERNS));
  CHECK(tap(fx, UI_T_SUPPORT));
  CHECK_STR(screen(fx), "support");
  CHECK(tap(fx, UI_T_CONCERNS));
  CHECK_STR(screen(fx), "concerns");
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(shows(fx, "Ar fy rhestr"));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "support");
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "key-worker");
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(screen(fx), "welcome");

  TEST_SECTION("a group longer than a page pages, and each page's toggles work");
  fresh_ui(fx, 800, 480);
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  int pages = 1;
  while (find_target(fx, UI_T_PAGE_DOWN) && pages < 10) {
    CHECK(tap(fx, UI_T_PAGE_DOWN));
    pages++;
  }
  CHECK(pages > 1);
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.moving"))); /* the group's last item */
  CHECK(shows(fx, "On my list"));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK_STR(screen(fx), "concerns-score");
  /* eleven numbers do not fit here: smaller and larger */
  CHECK(tap(fx, UI_T_SCORE_UP) && tap(fx, UI_T_SCORE_UP) && tap(fx, UI_T_SCORE_UP));
  CHECK(tap(fx, UI_T_SCORE_DOWN));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK(shows(fx, "Moving about"));
  CHECK(shows(fx, "You chose 1 out of 10."));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "concerns-score");
}

static void test_idle(fx_t *fx)
{
  TEST_SECTION("the idle timeout wipes the ticks");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(ui_holds_patient(fx->ui));
  wait_ms(fx, 61000);
  CHECK(ui_idle_warning_shown(fx->ui));
  wait_ms(fx, 21000);
  CHECK_STR(screen(fx), "welcome");
  CHECK(!ui_holds_patient(fx->ui));
}

static void test_config(fx_t *fx)
{
  TEST_SECTION("[concerns] groups: only those offered, counted in the heading");
  config_t saved = fx->cfg;
  char err[256] = "";
  CHECK(concerns_groups_parse("information emotional", &fx->cfg.concerns_group_mask, err,
                              sizeof err));
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  CHECK(shows(fx, "Your feelings (1 of 2)"));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK(shows(fx, "Information (2 of 2)"));
  CHECK(tap(fx, UI_T_CONCERNS_NEXT));
  CHECK_STR(screen(fx), "concerns-score");

  TEST_SECTION("[concerns] enabled = false: no way in");
  fx->cfg = saved;
  fx->cfg.concerns_enabled = false;
  fresh_ui(fx, 1920, 1080);
  CHECK(!find_target(fx, UI_T_CONCERNS_CY) && !find_target(fx, UI_T_CONCERNS_EN));
  to_key_worker(fx, LANG_EN, 1920, 1080);
  CHECK(!find_target(fx, UI_T_CONCERNS));
  CHECK(tap(fx, UI_T_SUPPORT));
  CHECK(!find_target(fx, UI_T_CONCERNS));
  CHECK(!shows(fx, "What would you like to talk about?"));
  fx->cfg = saved;
}

static void test_forget(fx_t *fx)
{
  TEST_SECTION("the list, drawn by the real renderer, is forgotten at Finish");
  SDL_Surface *surface = draw_surface_new(1280, 800);
  if (!CHECK(surface))
    return;
  fresh_ui(fx, 1280, 800);
  const char *mark = "You chose 9 out of 10.";
  CHECK(!heap_holds(mark));
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK(tap(fx, UI_T_BACK));
  CHECK(tap(fx, UI_T_SCORE_0 + 9));
  CHECK(draw_scene(fx->draw, ui_scene(fx->ui), surface));
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK(draw_scene(fx->draw, ui_scene(fx->ui), surface));
  CHECK(shows(fx, mark));
  CHECK(!HEAP_SCAN || heap_holds(mark)); /* the scan can fail */
  CHECK(draw_caches_hold(fx->draw, mark));
  CHECK(scene_personal(ui_scene(fx->ui)));
  CHECK(tap(fx, UI_T_CONCERNS_CHANGE));
  CHECK(tap(fx, UI_T_BACK));
  CHECK_STR(screen(fx), "welcome");
  CHECK(draw_scene(fx->draw, ui_scene(fx->ui), surface));
  CHECK(!ui_holds_patient(fx->ui));
  CHECK(!draw_caches_hold(fx->draw, mark));
  CHECK(!heap_holds(mark));
  SDL_FreeSurface(surface);
}

/* A single text from a query on the fixture's store ("" when none). */
static void query_text(fx_t *fx, const char *sql, char *out, size_t outlen)
{
  sqlite3_stmt *st = NULL;
  out[0] = '\0';
  if (sqlite3_prepare_v2(store_db(fx->store), sql, -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

static void test_counts(fx_t *fx)
{
  TEST_SECTION("a journey's ticked groups are counted once a day, anonymously");
  long before[CONCERNS_GROUP_COUNT], after[CONCERNS_GROUP_COUNT];
  CHECK(store_concerns_totals(fx->store, NULL, NULL, before));
  fresh_ui(fx, 1920, 1080);
  CHECK(tap(fx, UI_T_CONCERNS_CY));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.sleep")));
  CHECK(to_group(fx, "Everyday life"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("practical.money")));
  CHECK(store_concerns_totals(fx->store, NULL, NULL, after));
  CHECK_INT(after[CONCERNS_PHYSICAL], before[CONCERNS_PHYSICAL]); /* not while it lasts */
  CHECK(tap(fx, UI_T_CONCERNS_LIST));
  CHECK(tap(fx, UI_T_CONCERNS_PRINT));
  ui_action_t act;
  CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CONCERNS);
  ui_action_wipe(&act);
  send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_DONE});
  CHECK(tap(fx, UI_T_FINISH));
  CHECK(store_concerns_totals(fx->store, NULL, NULL, after));
  CHECK_INT(after[CONCERNS_PHYSICAL], before[CONCERNS_PHYSICAL] + 1); /* two items, one journey */
  CHECK_INT(after[CONCERNS_PRACTICAL], before[CONCERNS_PRACTICAL] + 1);
  CHECK_INT(after[CONCERNS_EMOTIONAL], before[CONCERNS_EMOTIONAL]);

  TEST_SECTION("the idle timeout counts too; a journey with nothing ticked does not");
  to_key_worker(fx, LANG_EN, 1920, 1080);
  CHECK(tap(fx, UI_T_CONCERNS));
  CHECK(to_group(fx, "Your feelings"));
  CHECK(tap(fx, UI_T_CONCERN_0 + item("emotional.fear")));
  wait_ms(fx, 61000);
  wait_ms(fx, 21000);
  CHECK_STR(screen(fx), "welcome");
  CHECK(store_concerns_totals(fx->store, NULL, NULL, before));
  CHECK_INT(before[CONCERNS_EMOTIONAL], after[CONCERNS_EMOTIONAL] + 1);
  CHECK(tap(fx, UI_T_CONCERNS_EN));
  CHECK(tap(fx, UI_T_BACK));
  CHECK(store_concerns_totals(fx->store, NULL, NULL, after));
  CHECK(!memcmp(before, after, sizeof before));

  TEST_SECTION("no row links ticks to a patient: day, group, count, nothing else");
  char text[512];
  query_text(fx, "SELECT group_concat(name, ',') FROM pragma_table_info('concerns_counts', 'records')",
             text, sizeof text);
  CHECK_STR(text, "day,concern_group,count");
  query_text(fx, "SELECT group_concat(DISTINCT length(day)) FROM records.concerns_counts", text,
             sizeof text);
  CHECK_STR(text, "10"); /* a day, never a time */
  query_text(fx, "SELECT group_concat(DISTINCT concern_group) FROM records.concerns_counts"
                 " WHERE concern_group NOT IN ('physical','practical','family','emotional',"
                 "'spiritual','information')", text, sizeof text);
  CHECK_STR(text, "");
  CHECK_INT(audit_count(fx, "%", "%fear%"), 0);
  CHECK_INT(audit_count(fx, "%", "%emotional%"), 0);
  CHECK_INT(audit_count(fx, "%", "%money%"), 0);
  query_text(fx, "SELECT group_concat(name) FROM records.sqlite_master WHERE sql LIKE '%concern%'"
                 " AND name <> 'concerns_counts'", text, sizeof text);
  CHECK_STR(text, ""); /* no other table holds anything of the checklist */

  TEST_SECTION("totals by day range");
  char today[21];
  clock_now_utc(today);
  today[10] = '\0';
  CHECK(store_concerns_totals(fx->store, today, today, before));
  CHECK(!memcmp(before, after, sizeof before));
  CHECK(store_concerns_totals(fx->store, "1999-01-01", "1999-12-31", before));
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++)
    CHECK_INT(before[g], 0);
  CHECK(store_concerns_count(fx->store, 0)); /* nothing to count: nothing written */
}

/* A list that did not print: the screen says only what is true (the kiosk
 * keeps no copy, so reception cannot "print it for you"), and the audit row
 * says what kind of document failed, nothing of what was on it. */
static void test_print_fault(fx_t *fx)
{
  TEST_SECTION("a list that did not print: only what is true, and an audit row with its kind");
  for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
    fresh_ui(fx, 1920, 1080);
    CHECK(tap(fx, lang == LANG_CY ? UI_T_CONCERNS_CY : UI_T_CONCERNS_EN));
    CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
    CHECK(tap(fx, UI_T_CONCERNS_LIST));
    int before = audit_count(fx, "print_failed", "fault=no_media kind=list by=kiosk");
    CHECK(tap(fx, UI_T_CONCERNS_PRINT));
    ui_action_t act;
    CHECK(take_action(fx, &act) && act.kind == UI_ACT_PRINT_CONCERNS);
    ui_action_wipe(&act);
    send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT});
    send(fx, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED,
                          .fault = UI_FAULT_NO_MEDIA});
    CHECK(shows_msg(fx, "Sorry, we could not print your list"));
    CHECK(shows_msg(fx, "Please ask at reception."));
    CHECK(shows_msg(fx, "Your list is still on the screen if you go back."));
    CHECK(!shows(fx, "They can print"));
    CHECK(!shows(fx, "Gallan nhw"));
    CHECK(!shows(fx, "print it for you"));
    CHECK_INT(audit_count(fx, "print_failed", "fault=no_media kind=list by=kiosk"), before + 1);
    CHECK_INT(audit_count(fx, "print_failed", "%Poen%"), 0);
    CHECK_INT(audit_count(fx, "print_failed", "%Pain%"), 0);
    CHECK(tap(fx, UI_T_BACK));
    CHECK_STR(screen(fx), "concerns-list");
  }
}

/* Without identifying, every concerns screen has the bar's Finish: it wipes
 * the ticks and returns to the welcome screen (the list says "It is wiped
 * when you finish"). */
static void test_anonymous_finish(fx_t *fx)
{
  TEST_SECTION("without identifying: Finish on every concerns screen wipes and goes home");
  for (int where = 0; where < 3; where++) {
    fresh_ui(fx, 1280, 800);
    CHECK(tap(fx, UI_T_CONCERNS_EN));
    CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
    if (where == 1) {
      CHECK(to_group(fx, "Information"));
      CHECK(tap(fx, UI_T_CONCERNS_NEXT));
      CHECK_STR(screen(fx), "concerns-score");
    } else if (where == 2) {
      CHECK(tap(fx, UI_T_CONCERNS_LIST));
      CHECK_STR(screen(fx), "concerns-list");
    }
    CHECK(ui_holds_patient(fx->ui)); /* the ticks */
    CHECK(find_target(fx, UI_T_FINISH));
    CHECK(tap(fx, UI_T_FINISH));
    CHECK_STR(screen(fx), "welcome");
    CHECK(!ui_holds_patient(fx->ui));
    CHECK(tap(fx, UI_T_CONCERNS_EN));
    CHECK(!shows(fx, "On my list"));
  }
}

/* A kiosk with only a card printer (no [printer] sheet_printer, a card
 * profile): no "Print my list" that would only fail; the screen and its
 * speech say to show the screen to the key worker or ask at reception. */
static void test_card_printer_only(fx_t *fx)
{
  static spoken_script_t said;
  TEST_SECTION("only a card printer: no print offered, show the screen instead (both languages)");
  char profile[sizeof fx->cfg.printer_profile], sheet[sizeof fx->cfg.sheet_printer];
  snprintf(profile, sizeof profile, "%s", fx->cfg.printer_profile);
  snprintf(sheet, sizeof sheet, "%s", fx->cfg.sheet_printer);
  const char *msg = "This kiosk cannot print your list. You can show this screen to your key "
                    "worker, or ask at reception.";
  snprintf(fx->cfg.printer_profile, sizeof fx->cfg.printer_profile, "cr80");
  fx->cfg.sheet_printer[0] = '\0';
  for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
    to_key_worker(fx, (lang_t)lang, 1920, 1080);
    CHECK(tap(fx, UI_T_CONCERNS));
    CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
    CHECK(tap(fx, UI_T_CONCERNS_LIST));
    CHECK_STR(screen(fx), "concerns-list");
    CHECK(!find_target(fx, UI_T_CONCERNS_PRINT));
    CHECK(!find_target(fx, UI_T_CONCERNS_NAME)); /* nothing to print a name on */
    const char *words = i18n_get(fx->cat, (lang_t)lang, "concerns", msg);
    char first[17];
    snprintf(first, sizeof first, "%s", words); /* its first line starts the text */
    CHECK(shows(fx, first));
    CHECK(strcmp(words, msg) == 0 || lang == LANG_CY);
    CHECK(ui_speech_script(fx->ui, &said));
    bool heard = false;
    for (size_t i = 0; i < said.count; i++)
      heard |= strstr(spoken_script_part(&said, i, NULL), "ask at reception") != NULL ||
               strstr(spoken_script_part(&said, i, NULL), "ofyn yn y dderbynfa") != NULL;
    CHECK(heard);
    CHECK(tap(fx, UI_T_FINISH));
  }
  TEST_SECTION("a sheet printer, or a card printer on A4: print offered, no such line");
  for (int k = 0; k < 2; k++) {
    if (k == 0)
      snprintf(fx->cfg.sheet_printer, sizeof fx->cfg.sheet_printer, "sheets");
    else {
      fx->cfg.sheet_printer[0] = '\0';
      snprintf(fx->cfg.printer_profile, sizeof fx->cfg.printer_profile, "a4");
    }
    fresh_ui(fx, 1920, 1080);
    CHECK(tap(fx, UI_T_CONCERNS_EN));
    CHECK(tap(fx, UI_T_CONCERN_0 + item("physical.pain")));
    CHECK(tap(fx, UI_T_CONCERNS_LIST));
    CHECK(find_target(fx, UI_T_CONCERNS_PRINT));
    CHECK(!shows(fx, "This kiosk cannot print your list."));
  }
  snprintf(fx->cfg.printer_profile, sizeof fx->cfg.printer_profile, "%s", profile);
  snprintf(fx->cfg.sheet_printer, sizeof fx->cfg.sheet_printer, "%s", sheet);
}

int main(void)
{
  fx_t fx;
  app_scrub_freed_memory(); /* as the kiosk does: freed memory is overwritten */
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  /* A site that prints lists: a sheet printer (test_card_printer_only
   * takes it away). */
  snprintf(fx.cfg.sheet_printer, sizeof fx.cfg.sheet_printer, "sheets");
  test_welcome_entry(&fx);
  test_key_worker_entry(&fx);
  test_small_screen(&fx);
  test_idle(&fx);
  test_config(&fx);
  test_forget(&fx);
  test_counts(&fx);
  test_print_fault(&fx);
  test_anonymous_finish(&fx);
  test_card_printer_only(&fx);
  CHECK_INT(fx.records_failed, 0);
  fx_close(&fx);
  return test_summary();
}
