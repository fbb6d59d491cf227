/*
 * The kiosk UI state machine: events in, a scene and host actions out.
 * This file owns the life cycle, the event dispatch (taps, the barcode
 * scanner, timers), the idle warning and wipe, printing progress, and the
 * screen table; the screens themselves live in ui_identify.c, ui_patient.c,
 * ui_support.c and ui_staff.c.
 *
 * It must never call SDL or read a clock for durations: time arrives in
 * every event (now_ms), which is what lets tests drive hours of kiosk life
 * in microseconds. Wall-clock time (for the staff "data is old" warning)
 * comes from clock_now(), which tests fix with ALLWEDD_NOW.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/profile.h"
#include "core/store_attention.h"

/* The definition of screen s, searched in the screen tables. */
static const ui_screen_def_t *ui_def(ui_screen_t s)
{
  const ui_screen_def_t *tables[] = {ui_identify_screens, ui_patient_screens,
                                     ui_support_screens, ui_staff_screens, ui_survey_screens,
                                     ui_concerns_screens};
  const size_t counts[] = {ui_identify_screen_count, ui_patient_screen_count,
                           ui_support_screen_count, ui_staff_screen_count,
                           ui_survey_screen_count, ui_concerns_screen_count};
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
    for (size_t i = 0; i < counts[t]; i++)
      if (tables[t][i].screen == s)
        return &tables[t][i];
  return NULL;
}

/* Stable name of a screen. */
const char *ui_screen_name(ui_screen_t screen)
{
  const ui_screen_def_t *d = ui_def(screen);
  return d ? d->name : "unknown";
}

/* Wipe and free the current scene (its texts may name the person). */
static void ui_scene_discard(ui_t *ui)
{
  if (!ui->scene)
    return;
  for (size_t i = 0; i < scene_count(ui->scene); i++) {
    const scene_op_t *op = scene_op(ui->scene, i);
    if (op->text)
      sodium_memzero((char *)op->text, strlen(op->text));
  }
  scene_free(ui->scene);
  ui->scene = NULL;
}

/* Whether the site can print a sheet (profile_sheet_printer, the host's
 * rule). A profile that cannot be read counts as yes: printing is offered
 * and the host's answer says what went wrong. */
static bool ui_sheet_printing(const config_t *cfg)
{
  if (cfg->sheet_printer[0])
    return true;
  profile_t card;
  char err[256];
  if (!cfg->printer_profile[0] || !profile_load(&card, cfg->data_dir, cfg->printer_profile, err, sizeof err))
    return true;
  return profile_sheet_printer(&card, cfg->printer, cfg->sheet_printer) != NULL;
}

/* A new UI on the welcome screen. */
ui_t *ui_new(const ui_options_t *opt, int width, int height)
{
  ui_t *ui = NULL;
  if (!opt || !opt->cfg || !opt->cat || !opt->measurer.measure || width <= 0 || height <= 0)
    goto done;
  if (sodium_init() < 0)
    goto done;
  ui = calloc(1, sizeof *ui);
  if (!ui)
    goto done;
  ui->cfg = opt->cfg;
  ui->ident_policy = ident_policy_from_config(opt->cfg);
  ui->cat = opt->cat;
  ui->store = opt->store;
  ui->measurer = opt->measurer;
  ui->sheet_printing = ui_sheet_printing(opt->cfg);
  ui->width = width;
  ui->height = height;
  ui->screen = UI_SCREEN_WELCOME;
  ui->lang = LANG_CY;
  ui->text_percent = 100;
  ui->speech.available = opt->cfg->speech_enabled;
  ui->dirty = true;
done:
  return ui;
}

/* Wipe the person's data and free everything. */
void ui_free(ui_t *ui)
{
  if (!ui)
    return;
  ui_wipe_person(ui);
  for (int i = 0; i < UI_MAX_ACTIONS; i++)
    ui_action_wipe(&ui->actions[i]);
  ui_scene_discard(ui);
  for (int i = 0; i < LANG_COUNT; i++)
    leaflet_free(ui->leaflets[i]);
  free(ui->no_kw);
  sodium_memzero(ui, sizeof *ui);
  free(ui);
}

/* The display changed size. */
void ui_resize(ui_t *ui, int width, int height)
{
  if (width <= 0 || height <= 0 || (width == ui->width && height == ui->height))
    return;
  ui->width = width;
  ui->height = height;
  ui->page = 0;
  ui_touch(ui);
}

/* Something visible changed. */
void ui_touch(ui_t *ui)
{
  ui->dirty = true;
  ui->serial++;
}

/* Change screen. */
void ui_go(ui_t *ui, ui_screen_t screen)
{
  ui->screen = screen;
  ui->page = 0;
  ui_touch(ui);
}

/* Wipe the person's data (not the screen; the renderer forgets its cached
 * texts when it draws the next screen that is not personal). A try in progress (looked up, not
 * confirmed) ends here as a failed one, however it was left. */
void ui_wipe_person(ui_t *ui)
{
  if (ui->lockout.pending)
    ui_identify_count_failure(ui);
  sodium_memzero(&ui->person, sizeof ui->person);
  ident_scan_clear(&ui->scanner);
  sodium_memzero(ui->pin, sizeof ui->pin);
  if (ui->services)
    sodium_memzero(ui->services, ui->nservices * sizeof *ui->services);
  free(ui->services);
  ui->services = NULL;
  ui->nservices = 0;
  ui->service = 0;
  ui->category[0] = '\0';
  ui->carer = false;
}

/* Forget the person entirely and return to the welcome screen. */
void ui_finish(ui_t *ui)
{
  ui_concerns_journey_end(ui);
  ui_wipe_person(ui);
  ui->idle_warning = false;
  ui->scan_notice = false;
  ui->dialog = UI_DIALOG_NONE;
  ui->help_counted = 0;
  ui->staff = false;
  ui->staff_reason[0] = '\0';
  ui->pin_wrong = false;
  ui->staff_not_found = false;
  ui->staff_store_error[0] = '\0';
  ui->support_fault = false;
  ui->pressing = false;
  ui->pressed_target = 0;
  ui->hold_armed = false;
  ui->print_phase = UI_PRINT_IDLE;
  ui->print_detail[0] = ui->print_reasons[0] = '\0';
  ui_survey_reset(ui);
  /* The next person has not asked for speech (someone who listened, even
   * only to the welcome screen, hears the idle warning and dialogs until
   * the journey ends here). */
  ui->speech.used = false;
  ui->lang = LANG_CY;
  ui->text_percent = 100;
  ui->high_contrast = false;
  ui->last_input_ms = ui->now_ms;
  ui_scene_discard(ui);
  ui_go(ui, UI_SCREEN_WELCOME);
}

/* Put one action at the tail of the ring. */
static void ui_queue_put(ui_t *ui, const ui_action_t *act)
{
  ui->actions[(ui->action_head + ui->nactions) % UI_MAX_ACTIONS] = *act;
  ui->nactions++;
}

/* Queue an action for the host. The queue holds many times what one event
 * can ask; should a host stop taking actions, what does not fit is counted
 * and reported by an audit entry as soon as there is room (never silent). */
void ui_push_action(ui_t *ui, const ui_action_t *act)
{
  if (ui->actions_lost && ui->nactions < UI_MAX_ACTIONS - 1) {
    ui_action_t note = {.kind = UI_ACT_AUDIT};
    snprintf(note.actor, sizeof note.actor, "kiosk");
    snprintf(note.event, sizeof note.event, "actions_lost");
    snprintf(note.detail, sizeof note.detail, "count=%zu", ui->actions_lost);
    ui_queue_put(ui, &note);
    ui->actions_lost = 0;
  }
  if (ui->nactions >= UI_MAX_ACTIONS - 1) {
    ui->actions_lost++; /* the last slot is kept for the note above */
    ui->actions_lost_total++;
    return;
  }
  ui_queue_put(ui, act);
}

/* Actions that could not be queued since the ui was made. */
size_t ui_actions_lost(const ui_t *ui) { return ui ? ui->actions_lost_total : 0; }

/* The next pending action. */
bool ui_take_action(ui_t *ui, ui_action_t *out)
{
  if (!ui->nactions)
    return false;
  ui_action_t *head = &ui->actions[ui->action_head];
  *out = *head;
  ui_action_wipe(head);
  ui->action_head = (ui->action_head + 1) % UI_MAX_ACTIONS;
  ui->nactions--;
  return true;
}

/* Wipe an action's patient data. */
void ui_action_wipe(ui_action_t *act)
{
  if (act)
    sodium_memzero(act, sizeof *act);
}

/* Ask the host to append to the audit log (the UI never writes the store). */
void ui_audit(ui_t *ui, const char *actor, const char *event, const char *detail)
{
  ui_action_t act = {.kind = UI_ACT_AUDIT};
  snprintf(act.actor, sizeof act.actor, "%s", actor);
  snprintf(act.event, sizeof act.event, "%s", event);
  snprintf(act.detail, sizeof act.detail, "%s", detail ? detail : "");
  ui_push_action(ui, &act);
  sodium_memzero(&act, sizeof act);
}

/* Ask the host to print and show progress. */
void ui_start_print(ui_t *ui, ui_action_t *act, ui_screen_t return_to)
{
  if (ui->print_phase == UI_PRINT_WAITING)
    return;
  ui_push_action(ui, act);
  ui->print_phase = UI_PRINT_WAITING;
  ui->print_fault = UI_FAULT_NONE;
  ui->print_kind = act->kind;
  ui->print_started_ms = ui->now_ms;
  ui->print_return = return_to;
  ui_go(ui, UI_SCREEN_PRINTING);
}

/* Short English name of a fault, for the audit log. */
static const char *ui_fault_name(ui_print_fault_t fault)
{
  switch (fault) {
  case UI_FAULT_OFFLINE: return "offline";
  case UI_FAULT_NO_MEDIA: return "no_media";
  case UI_FAULT_JAM: return "jam";
  case UI_FAULT_TIMEOUT: return "timeout";
  case UI_FAULT_OTHER: return "other";
  default: return "none";
  }
}

/* The kind of document a print action makes, for the audit log: a word,
 * nothing of what was on it. */
static const char *ui_print_kind_name(ui_action_kind_t kind)
{
  switch (kind) {
  case UI_ACT_PRINT_CARD: return "card";
  case UI_ACT_PRINT_LEAFLET: return "leaflet";
  case UI_ACT_PRINT_SERVICE: return "slip";
  case UI_ACT_PRINT_CONCERNS: return "list";
  case UI_ACT_PRINT_TEST: return "test";
  default: return "sheet";
  }
}

/* Audit a print that did not happen: a printer fault (print_failed, with
 * the kind of document), or a sheet document on a site with no sheet
 * printer (sheet_printer_missing: not a fault). Staff see today's counts of
 * both on their menu, and the metrics count them (store_attention.h). */
static void ui_print_failed_audit(ui_t *ui)
{
  char detail[160];
  const char *actor = ui->staff ? "staff" : "kiosk";
  if (ui->print_fault == UI_FAULT_NO_SHEET_PRINTER) {
    snprintf(detail, sizeof detail, "kind=%s by=%s", ui_print_kind_name(ui->print_kind), actor);
    ui_audit(ui, actor, STORE_EVENT_SHEET_PRINTER_MISSING, detail);
    return;
  }
  snprintf(detail, sizeof detail, "fault=%s kind=%s by=%s", ui_fault_name(ui->print_fault),
           ui_print_kind_name(ui->print_kind), actor);
  ui_audit(ui, actor, STORE_EVENT_PRINT_FAILED, detail);
}

/* Handle a print progress event. */
void ui_print_progress(ui_t *ui, const ui_event_t *ev)
{
  if (ui->print_phase != UI_PRINT_WAITING)
    return;
  if (ev->print == UI_PRINT_DONE) {
    ui->print_phase = UI_PRINT_OUT;
  } else if (ev->print == UI_PRINT_FAILED) {
    ui->print_phase = UI_PRINT_FAULT;
    if (ui->print_kind == UI_ACT_PRINT_CARD && !ui->staff && ui->person.cards_printed > 0)
      ui->person.cards_printed--; /* no card came out: it does not count */
    ui->print_fault = ev->fault == UI_FAULT_NONE ? UI_FAULT_OTHER : ev->fault;
    snprintf(ui->print_detail, sizeof ui->print_detail, "%s", ev->message ? ev->message : "");
    snprintf(ui->print_reasons, sizeof ui->print_reasons, "%s", ev->reasons ? ev->reasons : "");
    ui_print_failed_audit(ui);
  } else {
    return;
  }
  ui->last_input_ms = ui->now_ms; /* a full idle period to take the card */
  ui_touch(ui);
  ui_survey_print_ended(ui);
}

/* The scene for the current state. */
const scene_t *ui_scene(ui_t *ui)
{
  if (ui->scene && !ui->dirty)
    return ui->scene;
  ui_scene_discard(ui);
  ui_frame_t f;
  ui_frame_init(ui, &f);
  scene_t *sc = scene_new(ui->width, ui->height, f.th.bg);
  if (!sc)
    return NULL;
  ui->flow_faults = 0;
  ui->flow_laters = 0;
  const ui_screen_def_t *def = ui_def(ui->screen);
  /* "Are you still there?" hides the screen under it entirely: whoever
   * walks up meanwhile sees none of the person's details (issue 11). */
  if (def && def->draw && !ui->idle_warning)
    def->draw(ui, sc, &f);
  if (ui->dialog && !ui->idle_warning)
    ui_chrome_dialog(ui, sc, &f);
  if (ui->scan_notice && !ui->idle_warning)
    ui_scan_notice_overlay(ui, sc, &f);
  if (ui->idle_warning)
    ui_idle_overlay(ui, sc, &f);
  /* Staff screens list NHS numbers and the person found for a reprint. */
  scene_set_personal(sc, ui_holds_patient(ui) || ui->staff);
  ui_speech_declare(ui, sc);
  ui->scene = sc;
  ui->dirty = false;
  return sc;
}

/* A number that changes whenever the scene would look different. */
uint64_t ui_scene_serial(const ui_t *ui) { return ui->serial; }

/* The current screen. */
ui_screen_t ui_screen(const ui_t *ui) { return ui->screen; }

/* The language on screen. */
lang_t ui_lang(const ui_t *ui) { return ui->lang; }

/* Whether "Are you still there?" is showing. */
bool ui_idle_warning_shown(const ui_t *ui) { return ui->idle_warning; }

/* True while any data about the person is held. */
bool ui_holds_patient(const ui_t *ui)
{
  static const ui_person_t empty;
  return memcmp(&ui->person, &empty, sizeof empty) != 0 || ui->scanner.len > 0;
}

/* Whether a record from the store is held. */
bool ui_holds_record(const ui_t *ui)
{
  static const patient_t empty;
  return ui->person.has_patient || ui->person.has_key_worker ||
         memcmp(&ui->person.patient, &empty, sizeof empty) != 0;
}

/* Text size. */
void ui_set_text_scale(ui_t *ui, int percent)
{
  ui->text_percent = percent >= 200 ? 200 : percent >= 160 ? 160 : percent >= 130 ? 130 : 100;
  ui->page = 0;
  ui_touch(ui);
}

/* Theme. */
void ui_set_high_contrast(ui_t *ui, bool on)
{
  ui->high_contrast = on;
  ui_touch(ui);
}

/* Language; re-sorts a loaded service list in the new language. */
void ui_set_lang(ui_t *ui, lang_t lang)
{
  ui->lang = lang == LANG_EN ? LANG_EN : LANG_CY;
  if (ui->nservices && ui->category[0]) {
    char id[sizeof ui->services[0].id];
    snprintf(id, sizeof id, "%s", ui->services[ui->service].id);
    char category[sizeof ui->category];
    snprintf(category, sizeof category, "%s", ui->category);
    if (ui_support_load(ui, category))
      for (size_t i = 0; i < ui->nservices; i++)
        if (!strcmp(ui->services[i].id, id))
          ui->service = i;
  }
  ui_touch(ui);
}

/* Idle timeout in ms (a positive default when the config has none). */
static int64_t ui_idle_ms(const ui_t *ui)
{
  return (int64_t)(ui->cfg->idle_timeout_s > 0 ? ui->cfg->idle_timeout_s : 60) * 1000;
}

/* Idle warning length in ms. */
static int64_t ui_warning_ms(const ui_t *ui)
{
  return (int64_t)(ui->cfg->idle_warning_s > 0 ? ui->cfg->idle_warning_s : 20) * 1000;
}

/* How long the UI waits for a print before calling it a fault. */
static int64_t ui_print_limit_ms(const ui_t *ui)
{
  int s = ui->cfg->print_timeout_s > 0 ? ui->cfg->print_timeout_s : 60;
  return (int64_t)s * 1000 + UI_PRINT_GRACE_MS;
}

/* Whether settings differ from what the next person should find. */
static bool ui_settings_changed(const ui_t *ui)
{
  return ui->text_percent != 100 || ui->high_contrast || ui->lang != LANG_CY;
}

/* Whether the idle timeout applies now. */
static bool ui_idle_applies(const ui_t *ui)
{
  if (ui->screen == UI_SCREEN_WELCOME)
    return false;
  if ((ui->screen == UI_SCREEN_PRINTING || ui->screen == UI_SCREEN_SURVEY) &&
      ui->print_phase == UI_PRINT_WAITING)
    return false;
  if (ui_speech_awake(ui))
    return false;
  return true;
}

/* When the UI next needs a tick. */
int64_t ui_next_deadline_ms(const ui_t *ui)
{
  int64_t next = -1;
#define UI_CONSIDER(t) do { int64_t t_ = (t); if (next < 0 || t_ < next) next = t_; } while (0)
  if (ui->idle_warning)
    UI_CONSIDER(ui->now_ms + 1000 - ((ui->idle_deadline_ms - ui->now_ms) % 1000 + 1000) % 1000);
  else if (ui_idle_applies(ui))
    UI_CONSIDER(ui->last_input_ms + ui_idle_ms(ui));
  else if (ui->screen == UI_SCREEN_WELCOME && ui_settings_changed(ui))
    UI_CONSIDER(ui->last_input_ms + ui_idle_ms(ui));
  if (ui->pressing && ui->hold_armed)
    UI_CONSIDER(ui->press_ms + UI_HOLD_MS);
  if (ui_locked(ui))
    UI_CONSIDER(ui->screen == UI_SCREEN_LOCKED ? ui->now_ms + 1000 : ui->lockout.locked_until_ms);
  if (ui->print_phase == UI_PRINT_WAITING)
    UI_CONSIDER(ui->print_started_ms + ui_print_limit_ms(ui));
  if (ui_speech_deadline_ms(ui) >= 0)
    UI_CONSIDER(ui_speech_deadline_ms(ui));
  if (ui_scan_deadline(ui) >= 0)
    UI_CONSIDER(ui_scan_deadline(ui));
#undef UI_CONSIDER
  if (next >= 0 && next <= ui->now_ms)
    next = ui->now_ms + 1;
  return next;
}

/* Time passes: idle warning and wipe, hold, lockout end, print timeout,
 * keys held from a scanner. */
static void ui_tick(ui_t *ui)
{
  int64_t now = ui->now_ms;
  ui_scan_expire(ui);
  if (ui->pressing && ui->hold_armed && now - ui->press_ms >= UI_HOLD_MS) {
    ui->hold_armed = false;
    ui->pressing = false;
    ui->pressed_target = 0;
    ui_staff_begin(ui);
    return;
  }
  if (ui->print_phase == UI_PRINT_WAITING && now - ui->print_started_ms >= ui_print_limit_ms(ui)) {
    ui_event_t ev = {.kind = UI_EV_PRINT, .now_ms = now, .print = UI_PRINT_FAILED,
                     .fault = UI_FAULT_TIMEOUT};
    ui_print_progress(ui, &ev);
  }
  if (ui->idle_warning) {
    if (now >= ui->idle_deadline_ms)
      ui_finish(ui);
    else
      ui_touch(ui); /* the countdown */
  } else if (ui_idle_applies(ui) && now - ui->last_input_ms >= ui_idle_ms(ui)) {
    ui->idle_warning = true;
    ui->idle_deadline_ms = now + ui_warning_ms(ui);
    ui_touch(ui);
  } else if (ui->screen == UI_SCREEN_WELCOME && ui_settings_changed(ui) &&
             now - ui->last_input_ms >= ui_idle_ms(ui)) {
    ui_finish(ui);
  }
  if (ui->screen == UI_SCREEN_LOCKED)
    ui_touch(ui); /* the minutes left */
}

/* Taps every screen understands: the bar's controls (language, display,
 * help, Listen, Finish) and the pages. */
static bool ui_tap_common(ui_t *ui, int target)
{
  switch (target) {
  case UI_T_LANG_SWITCH:
    ui_set_lang(ui, ui->lang == LANG_CY ? LANG_EN : LANG_CY);
    ui_survey_language_chosen(ui, ui->lang);
    return true;
  case UI_T_PAGE_UP:
    if (ui->page > 0)
      ui->page--;
    ui_touch(ui);
    return true;
  case UI_T_PAGE_DOWN:
    ui->page++;
    ui_touch(ui);
    return true;
  case UI_T_FINISH:
    ui_finish(ui);
    return true;
  case UI_T_LISTEN:
    ui_speech_toggle(ui);
    return true;
  case UI_T_HELP:
    ui_chrome_dialog_open(ui, UI_DIALOG_HELP);
    return true;
  case UI_T_DISPLAY:
    ui_chrome_dialog_open(ui, UI_DIALOG_DISPLAY);
    return true;
  default:
    return false;
  }
}

/* A tap on target. */
static void ui_tap(ui_t *ui, int target)
{
  if (ui->scan_notice && !ui->idle_warning) {
    ui_scan_notice_dismiss(ui); /* any tap: the notice was seen */
    return;
  }
  if (ui->idle_warning) {
    ui->idle_warning = false;
    ui_touch(ui);
    if (target == UI_T_FINISH)
      ui_finish(ui);
    return;
  }
  if (ui->dialog) {
    ui_chrome_dialog_tap(ui, target);
    return;
  }
  if (ui_tap_common(ui, target))
    return;
  const ui_screen_def_t *def = ui_def(ui->screen);
  if (!def)
    return;
  if (target == UI_T_BACK && def->back != UI_SCREEN_COUNT) {
    ui_go(ui, def->back);
    return;
  }
  if (def->tap)
    def->tap(ui, target);
}

/* Whether (x, y) is in the staff corner of the welcome screen. */
static bool ui_in_staff_corner(const ui_t *ui, int x, int y)
{
  int t = ui_min_target_px(ui);
  return ui->screen == UI_SCREEN_WELCOME && x < t && y < t;
}

/* A press: remember the target (drawn pressed) and arm the staff hold. */
static void ui_press(ui_t *ui, int x, int y)
{
  const scene_t *sc = ui_scene(ui);
  int target = sc ? scene_target_at(sc, x, y) : 0;
  if (ui->idle_warning && target != UI_T_MORE_TIME && target != UI_T_FINISH)
    target = 0;
  else if (ui->scan_notice && !ui->idle_warning && target != UI_T_NOTICE_OK)
    target = 0;
  else if (ui->dialog && !ui->idle_warning && target != UI_T_DIALOG_OK &&
           !(target >= UI_T_SIZE_100 && target <= UI_T_COLOURS_HIGH))
    target = 0;
  ui->pressing = true;
  ui->pressed_target = target;
  ui->press_ms = ui->now_ms;
  ui->hold_armed = ui_in_staff_corner(ui, x, y) && !ui->idle_warning;
  if (target)
    ui_touch(ui);
}

/* A release: a tap when still on the pressed target. */
static void ui_release(ui_t *ui, int x, int y)
{
  if (!ui->pressing)
    return;
  int pressed = ui->pressed_target;
  const scene_t *sc = ui_scene(ui);
  int target = sc ? scene_target_at(sc, x, y) : 0;
  ui->pressing = false;
  ui->pressed_target = 0;
  ui->hold_armed = false;
  if (pressed)
    ui_touch(ui);
  if (ui->idle_warning && !pressed) {
    ui->idle_warning = false; /* any touch means someone is there */
    ui_touch(ui);
    return;
  }
  if (ui->scan_notice && !pressed) {
    ui_scan_notice_dismiss(ui); /* any touch: the notice was seen */
    return;
  }
  if (pressed && target == pressed)
    ui_tap(ui, target);
}

/* A key as a tap on the current screen: letters, digits, Delete, Space,
 * Enter as Next (a keyboard); other keys do nothing. */
void ui_key_as_target(ui_t *ui, int key)
{
  int target = 0;
  if (key >= 'a' && key <= 'z')
    key -= 'a' - 'A';
  if (key >= 'A' && key <= 'Z')
    target = UI_T_LETTER_A + (key - 'A');
  else if (key >= '0' && key <= '9')
    target = UI_T_DIGIT_0 + (key - '0');
  else if (key == '\b')
    target = UI_T_DELETE;
  else if (key == ' ')
    target = UI_T_SPACE;
  else if (key == '\n')
    target = UI_T_NEXT;
  const ui_screen_def_t *def = ui_def(ui->screen);
  if (target && def && def->tap)
    def->tap(ui, target);
}

/* Keys: from a USB barcode scanner (ui_scan.c) on the screens that take a
 * barcode; otherwise letters, digits and Backspace reach the fields as
 * from a keyboard. */
static void ui_key(ui_t *ui, int key)
{
  if (ui->idle_warning) {
    ui->idle_warning = false;
    ui_touch(ui);
  }
  if (ui_scan_key(ui, key))
    return;
  if (key == 27 && ui->dialog) {
    ui->dialog = UI_DIALOG_NONE;
    ui_touch(ui);
    return;
  }
  if (key == 27) {
    ident_scan_clear(&ui->scanner);
    ui_scan_notice_dismiss(ui);
    return;
  }
  ui_scan_notice_dismiss(ui);
  ui_key_as_target(ui, key);
}

/* Feed one event. */
void ui_handle(ui_t *ui, const ui_event_t *ev)
{
  if (!ui || !ev)
    return;
  if (ev->now_ms > ui->now_ms)
    ui->now_ms = ev->now_ms;
  switch (ev->kind) {
  case UI_EV_PRESS:
    ui->last_input_ms = ui->now_ms;
    ui_press(ui, ev->x, ev->y);
    break;
  case UI_EV_RELEASE:
    ui->last_input_ms = ui->now_ms;
    ui_release(ui, ev->x, ev->y);
    break;
  case UI_EV_KEY:
    ui->last_input_ms = ui->now_ms;
    ui_key(ui, ev->key);
    break;
  case UI_EV_TICK:
    ui_tick(ui);
    break;
  case UI_EV_PRINT:
    ui_print_progress(ui, ev);
    break;
  case UI_EV_SYNC_DONE:
  case UI_EV_PRINTER_STATUS:
  case UI_EV_RECORD_FAILED:
    ui_staff_event(ui, ev);
    break;
  case UI_EV_STORE_DAMAGED:
    ui_store_damaged(ui, ev->message);
    break;
  case UI_EV_LOCKOUT_LOADED:
    ui_identify_restore(ui, ev->lockout);
    break;
  case UI_EV_SPEECH_DONE:
    break;
  }
  ui_speech_follow(ui, ev);
}
