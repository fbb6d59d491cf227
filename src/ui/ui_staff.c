/*
 * Staff mode on the kiosk: press and hold the top-left corner of the
 * welcome screen for 3 s, then a PIN checked against the Argon2id hash in
 * the configuration (crypto_pwhash_str_verify; set with `allwedd
 * staff-pin`). Then: reprint a card for a patient found by NHS number, with
 * the reason recorded; printer status and a test print; a sync from the
 * configured folder and how old the data is; the patients with no key
 * worker; leaving the kiosk. Every staff action goes to the audit log.
 *
 * Staff mode ends with "Back to the patient screen", or with the idle
 * timeout; it never outlives the person using it.
 *
 * Wrong PINs count across corner holds and restarts (store_staff.h): each
 * try is recorded as wrong (UI_ACT_STAFF_PIN_TRY, written by the host before
 * the screen shows the result) and forgotten when the PIN was right, so
 * neither a restart nor a power cut gives a guess whose result was seen. From
 * [kiosk] staff_pin_attempts wrong PINs on, every wrong PIN pauses staff
 * mode (staff_pin_pause_s, doubling, at most staff_pin_pause_max_s) and is
 * audited as staff_pin_locked; the next right PIN shows staff how many
 * wrong ones there were, and since when.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/card.h"
#include "core/clock.h"
#include "core/printer_text.h"
#include "core/rules.h"
#include "core/store_attention.h"
#include "core/store_metrics.h"
#include "core/store_staff.h"
#include "core/staff_pin.h"
#include "core/sync_text.h"

enum { UI_STALE_S = 48 * 3600 };

/* The pause for the current number of wrong PINs, in seconds. */
static int ui_pin_pause_s(const ui_t *ui)
{
  return staff_pin_pause_s(ui->pin_failures, ui->cfg->staff_pin_attempts,
                           ui->cfg->staff_pin_pause_s, ui->cfg->staff_pin_pause_max_s);
}

static void ui_staff_store_error(ui_t *ui);

/* The wrong PINs recorded before this kiosk started, and what is left of
 * their pause (wall clock: the pause runs on while the kiosk is off). */
static void ui_pin_load_tries(ui_t *ui)
{
  store_staff_pin_tries_t tries;
  if (ui->pin_tries_loaded || !ui->store)
    return; /* no store: the count kept here is all there is */
  if (!store_staff_pin_tries(ui->store, &tries)) {
    ui_staff_store_error(ui); /* shown on the PIN screen; the count here still holds */
    return;
  }
  ui->pin_tries_loaded = true;
  ui->pin_failures = tries.failures;
  snprintf(ui->pin_failures_since, sizeof ui->pin_failures_since, "%s", tries.first_at);
  time_t last = clock_parse_utc(tries.last_at);
  int wait_s = last == (time_t)-1 ? 0 : staff_pin_wait_s(ui_pin_pause_s(ui), last, clock_now());
  ui->pin_paused_until_ms = ui->now_ms + (int64_t)wait_s * 1000;
}

/* True while staff mode is paused after wrong PINs. */
static bool ui_pin_paused(const ui_t *ui) { return ui->now_ms < ui->pin_paused_until_ms; }

/* The corner was held: ask for the PIN. */
void ui_staff_begin(ui_t *ui)
{
  ui_wipe_person(ui);
  ui->pin_wrong = false;
  ui_pin_load_tries(ui);
  ui_go(ui, UI_SCREEN_STAFF_PIN);
}

/* Handle a sync result or a printer status from the host. */
void ui_staff_event(ui_t *ui, const ui_event_t *ev)
{
  if (ev->kind == UI_EV_SYNC_DONE) {
    ui->sync_running = false;
    ui->sync_known = true;
    ui->sync_ok = ev->ok;
    snprintf(ui->sync_message, sizeof ui->sync_message, "%s", ev->message ? ev->message : "");
  } else if (ev->kind == UI_EV_PRINTER_STATUS) {
    ui->printer_known = true;
    ui->printer_ready = ev->ok;
    snprintf(ui->printer_status, sizeof ui->printer_status, "%s", ev->message ? ev->message : "");
    snprintf(ui->printer_reasons, sizeof ui->printer_reasons, "%s", ev->reasons ? ev->reasons : "");
  } else if (ev->kind == UI_EV_RECORD_FAILED && ev->count) {
    /* Kept until staff have seen it on their menu. */
    ui->records_failed += ev->count;
    snprintf(ui->records_failed_reason, sizeof ui->records_failed_reason, "%s",
             ev->message && ev->message[0] ? ev->message : "-");
  }
  ui_touch(ui);
}

/* The store failed its check at start: kept (until the kiosk restarts)
 * for the staff menu; identification shows the store fault screen. */
void ui_store_damaged(ui_t *ui, const char *message)
{
  snprintf(ui->store_damaged, sizeof ui->store_damaged, "%s",
           message && message[0] ? message : "the store is damaged");
  ui_touch(ui);
}

void ui_format_when(const ui_t *ui, const char *utc, char *out, size_t outlen)
{
  if (!utc || !utc[0])
    snprintf(out, outlen, "-");
  else if (!i18n_format_utc_local(ui->lang, utc, out, outlen))
    snprintf(out, outlen, "%s", utc); /* not a time we wrote: shown as it is */
}

/* Keep the store's last error to show staff. */
static void ui_staff_store_error(ui_t *ui)
{
  snprintf(ui->staff_store_error, sizeof ui->staff_store_error, "%s",
           ui->store ? store_error(ui->store) : ui_tr(ui, "There is no store."));
}

/* The store error as a warning panel in a flow. */
static void ui_flow_store_error(ui_t *ui, ui_flow_t *fl, const char *error)
{
  ui_flow_panel(fl, true);
  ui_flow_text(fl, UI_TK_BODY_BOLD, "staff.store.title", ui_tr(ui, "The local data cannot be read."));
  ui_flow_text(fl, UI_TK_BODY, "staff.store.error", error);
  ui_flow_end_panel(fl);
}

/* Push a simple action. */
static void ui_staff_action(ui_t *ui, ui_action_kind_t kind)
{
  ui_action_t act = {.kind = kind, .lang = ui->lang};
  snprintf(act.by, sizeof act.by, "staff");
  ui_push_action(ui, &act);
}

/* ---- PIN ---- */

/* A right PIN: show staff what was tried since the last login, forget it. */
static void ui_pin_right(ui_t *ui)
{
  char detail[64] = "";
  ui->pin_notice_failures = ui->pin_failures;
  snprintf(ui->pin_notice_since, sizeof ui->pin_notice_since, "%s", ui->pin_failures_since);
  if (ui->pin_failures)
    snprintf(detail, sizeof detail, "failed_before=%d", ui->pin_failures);
  ui->pin_failures = 0;
  ui->pin_failures_since[0] = '\0';
  ui->pin_paused_until_ms = 0;
  ui_push_action(ui, &(ui_action_t){.kind = UI_ACT_STAFF_PIN_CLEAR});
  ui->staff = true;
  ui->pin_wrong = false;
  ui_audit(ui, "staff", "staff_login", detail);
  ui_go(ui, UI_SCREEN_STAFF_MENU);
}

/* A wrong PIN: count it, and pause staff mode once there are enough. */
static void ui_pin_wrong(ui_t *ui, const char *at)
{
  char detail[64];
  if (ui->pin_failures++ == 0)
    snprintf(ui->pin_failures_since, sizeof ui->pin_failures_since, "%s", at);
  snprintf(detail, sizeof detail, "failures=%d", ui->pin_failures);
  ui_audit(ui, "staff", "staff_login_failed", detail);
  int pause_s = ui_pin_pause_s(ui);
  if (pause_s > 0) {
    ui->pin_paused_until_ms = ui->now_ms + (int64_t)pause_s * 1000;
    snprintf(detail, sizeof detail, "failures=%d pause_s=%d", ui->pin_failures, pause_s);
    ui_audit(ui, "staff", STORE_EVENT_STAFF_PIN_LOCKED, detail);
    ui_finish(ui);
    return;
  }
  ui->pin_wrong = true;
  ui_touch(ui);
}

/* Check the PIN typed against the configured hash. The try is recorded as
 * wrong by the host (the UI never writes the store) before the result is
 * drawn, and forgotten again when the PIN was right. */
static void ui_pin_check(ui_t *ui)
{
  const char *hash = ui->cfg->staff_pin_hash;
  char at[21];
  if (ui_pin_paused(ui) || !hash[0] || !ui->pin[0]) {
    sodium_memzero(ui->pin, sizeof ui->pin);
    ui_touch(ui);
    return;
  }
  clock_now_utc(at);
  ui_action_t try_act = {.kind = UI_ACT_STAFF_PIN_TRY};
  memcpy(try_act.at, at, sizeof try_act.at);
  ui_push_action(ui, &try_act);
  bool ok = crypto_pwhash_str_verify(hash, ui->pin, strlen(ui->pin)) == 0;
  sodium_memzero(ui->pin, sizeof ui->pin);
  if (ok)
    ui_pin_right(ui);
  else
    ui_pin_wrong(ui, at);
}

/* Taps on the PIN keypad. */
static void ui_pin_tap(ui_t *ui, int target)
{
  if (target == UI_T_BACK) {
    ui_finish(ui);
    return;
  }
  if (ui_pin_paused(ui))
    return;
  if (target == UI_T_NEXT) {
    ui_pin_check(ui);
    return;
  }
  ui_keypad_type(ui->pin, UI_STAFF_PIN_MAX, target);
  ui->pin_wrong = false;
  ui_touch(ui);
}

/* A keypad screen: a title, a value line, a note, and the keypad. */
static void ui_staff_keypad_screen(ui_t *ui, scene_t *sc, const ui_frame_t *f, const char *title,
                                   const char *value, const char *note, bool note_is_error,
                                   const char *next)
{
  ui_keypad_layout_t pad = ui_keypad_split(f);
  ui_keypad(ui, sc, f, pad.keys, next);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "staff.keypad.title", title);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_NAME, "staff.keypad.value", value[0] ? value : " ");
  ui_flow_gap(&fl, f->gap);
  if (note && note[0]) {
    ui_flow_panel(&fl, note_is_error);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.keypad.note", note);
    ui_flow_end_panel(&fl);
  }
  /* All of it beside the keypad, smaller rather than paged (a 5-inch panel). */
  ui_flow_first_page(&fl);
  ui_flow_draw(ui, sc, f, &fl, pad.text);
}

/* The PIN screen. */
static void ui_pin_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Cancel"), UI_T_BACK, false, true);
  if (ui_pin_paused(ui)) {
    int64_t left = ui->pin_paused_until_ms - ui->now_ms;
    unsigned long minutes = (unsigned long)((left + 59999) / 60000);
    char when[160];
    ui_plural(ui, when, sizeof when, "You can try again in %lu minute.",
              "You can try again in %lu minutes.", minutes);
    ui_flow_t fl;
    ui_flow_init(&fl);
    ui_flow_text(&fl, UI_TK_TITLE, "staff.paused.title", ui_tr(ui, "Staff mode is paused"));
    ui_flow_gap(&fl, f->gap);
    ui_flow_panel(&fl, true);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.paused.body",
                 ui_tr(ui, "Too many wrong PINs have been entered."));
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.paused.minutes", when);
    ui_flow_end_panel(&fl);
    const ui_choice_t buttons[] = {{ui_tr(ui, "Back to the patient screen"), UI_T_BACK,
                                    UI_BTN_PRIMARY}};
    ui_message_screen(ui, sc, f, &fl, buttons, 1);
    return;
  }
  char dots[UI_STAFF_PIN_MAX * 4 + 1] = "";
  for (size_t i = 0; ui->pin[i]; i++)
    strcat(dots, "\xe2\x97\x8f");
  const char *note = NULL;
  char fault[512];
  if (!ui->cfg->staff_pin_hash[0])
    note = ui_tr(ui, "Staff mode is not set up on this kiosk. Set a PIN with: allwedd staff-pin");
  else if (ui->pin_wrong)
    note = ui_tr(ui, "That PIN is not right. Please try again.");
  else if (ui->staff_store_error[0]) {
    snprintf(fault, sizeof fault, "%s %s", ui_tr(ui, "The local data cannot be read."),
             ui->staff_store_error);
    note = fault;
  }
  ui_staff_keypad_screen(ui, sc, f, ui_tr(ui, "Staff: enter your PIN"), dots, note, true,
                         ui_tr(ui, "OK"));
}

/* ---- menu ---- */

/* Whether the data is older than 48 hours (or there is none). */
static bool ui_data_stale(const store_summary_t *sum)
{
  time_t gen = sum->last_generated[0] ? clock_parse_utc(sum->last_generated) : (time_t)-1;
  return gen == (time_t)-1 || clock_now() - gen > UI_STALE_S;
}

/* Add the data summary and, when old, the warning to a flow. */
static void ui_flow_data_age(ui_t *ui, ui_flow_t *fl, bool full)
{
  store_summary_t sum;
  memset(&sum, 0, sizeof sum);
  if (!ui->store || !store_summary(ui->store, &sum)) {
    ui_flow_store_error(ui, fl, ui->store ? store_error(ui->store) : ui_tr(ui, "There is no store."));
    return;
  }
  if (ui_data_stale(&sum)) {
    ui_flow_panel(fl, true);
    ui_flow_text(fl, UI_TK_BODY_BOLD, "staff.data.stale",
                 ui_tr(ui, "Warning: the data is more than 48 hours old. Run a sync."));
    ui_flow_end_panel(fl);
  }
  char generated[64], synced[64];
  ui_format_when(ui, sum.last_generated, generated, sizeof generated);
  ui_format_when(ui, sum.last_sync_at, synced, sizeof synced);
  ui_flow_textf(fl, UI_TK_BODY, "staff.data.generated", "%s: %s", ui_tr(ui, "Data exported"),
                generated);
  ui_flow_textf(fl, UI_TK_BODY, "staff.data.synced", "%s: %s", ui_tr(ui, "Last sync"), synced);
  if (full) {
    ui_flow_textf(fl, UI_TK_BODY, "staff.data.site", "%s: %s", ui_tr(ui, "Site"), sum.site);
    ui_flow_textf(fl, UI_TK_BODY, "staff.data.counts", "%s: %ld  %s: %ld  %s: %ld",
                  ui_tr(ui, "Patients"), sum.patients, ui_tr(ui, "Key workers"),
                  sum.key_workers, ui_tr(ui, "Services"), sum.services);
  }
}

/* "3 failed PIN attempts since 29 November 2026, 14:02" (local time), when
 * wrong PINs came before this login. */
static void ui_flow_pin_notice(ui_t *ui, ui_flow_t *fl)
{
  if (ui->pin_notice_failures <= 0)
    return;
  char since[80], text[400], num[24];
  ui_format_when(ui, ui->pin_notice_since, since, sizeof since);
  snprintf(num, sizeof num, "%d", ui->pin_notice_failures);
  const char *args[] = {num, since};
  const char *fmt = i18n_nget(ui->cat, ui->lang, "kiosk", "%lu failed PIN attempt since %s",
                              "%lu failed PIN attempts since %s",
                              (unsigned long)ui->pin_notice_failures);
  if (!i18n_format_args(text, sizeof text, fmt, args, 2))
    snprintf(text, sizeof text, "%s failed PIN attempts since %s", num, since);
  ui_flow_panel(fl, true);
  ui_flow_text(fl, UI_TK_BODY_BOLD, "staff.pin_notice", text);
  ui_flow_text(fl, UI_TK_BODY, "staff.pin_notice.advice",
               ui_tr(ui, "If that was not you, tell whoever looks after this kiosk."));
  ui_flow_end_panel(fl);
}

/* Add one of today's counts to t. */
static void ui_attention_add(ui_t *ui, ui_staff_attention_t *t, const char *label,
                             const char *msgid, const char *msgid_plural, long n)
{
  ui_plural(ui, t->line[t->n].text, sizeof t->line[t->n].text, msgid, msgid_plural,
            (unsigned long)n);
  t->line[t->n++].label = label;
}

bool ui_staff_attention(ui_t *ui, ui_staff_attention_t *out)
{
  store_attention_t today;
  char since[21];
  memset(out, 0, sizeof *out);
  if (!ui->store || !store_attention_day_start(clock_now(), since) ||
      !store_attention_since(ui->store, since, &today))
    return false;
  ui_attention_add(ui, out, "staff.today.help", "%lu request for help at the screen today",
                   "%lu requests for help at the screen today", today.help_requests);
  if (today.print_failures > 0)
    ui_attention_add(ui, out, "staff.today.print_failed", "%lu print failed today",
                     "%lu prints failed today", today.print_failures);
  if (today.sheet_printer_missing > 0)
    ui_attention_add(ui, out, "staff.today.no_sheet_printer",
                     "%lu leaflet or slip could not be printed today: there is no sheet printer",
                     "%lu leaflets or slips could not be printed today: there is no sheet printer",
                     today.sheet_printer_missing);
  out->warn = today.help_requests > 0 || today.print_failures > 0 ||
              today.sheet_printer_missing > 0;
  return true;
}

/* Today's counts as a panel (a warning panel when anything happened), or
 * the store's error: never "0" for "cannot read". */
static void ui_flow_attention(ui_t *ui, ui_flow_t *fl, int gap)
{
  ui_staff_attention_t today;
  if (!ui_staff_attention(ui, &today)) {
    if (ui->store)
      ui_flow_store_error(ui, fl, store_error(ui->store));
    return;
  }
  ui_flow_panel(fl, today.warn);
  for (int i = 0; i < today.n; i++)
    ui_flow_text(fl, today.warn ? UI_TK_BODY_BOLD : UI_TK_BODY, today.line[i].label,
                 today.line[i].text);
  ui_flow_end_panel(fl);
  ui_flow_gap(fl, gap);
}

/* The staff menu: the tools as a grid of buttons, the data's age above. */
static void ui_staff_menu_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back to the patient screen"), UI_T_STAFF_DONE, false, true);
  size_t no_kw = 0;
  store_summary_t sum;
  memset(&sum, 0, sizeof sum);
  bool stale = !ui->store || !store_summary(ui->store, &sum) || ui_data_stale(&sum);
  /* The count only when the store gave it: never "(0)" for "cannot read". */
  bool counted = ui->store && store_patients_without_key_worker(ui->store, &no_kw, NULL, 0);
  char no_kw_label[128];
  if (counted)
    snprintf(no_kw_label, sizeof no_kw_label, "%s (%zu)",
             ui_tr(ui, "Patients with no key worker"), no_kw);
  else
    snprintf(no_kw_label, sizeof no_kw_label, "%s", ui_tr(ui, "Patients with no key worker"));
  const ui_choice_t buttons[] = {
      {ui_tr(ui, "Reprint a card"), UI_T_STAFF_REPRINT, UI_BTN_PRIMARY},
      {ui_tr(ui, "Printer"), UI_T_STAFF_PRINTER, UI_BTN_SECONDARY},
      {stale ? ui_tr(ui, "Sync the data (the data is old)") : ui_tr(ui, "Sync the data"),
       UI_T_STAFF_SYNC, UI_BTN_SECONDARY},
      {no_kw_label, UI_T_STAFF_NO_KW, UI_BTN_SECONDARY},
      /* issue 13's staff test: only where speech can be heard, as Listen */
      {ui_tr(ui, "Test speech"), UI_T_STAFF_SPEECH_TEST, UI_BTN_SECONDARY},
      {ui_tr(ui, "Leave the kiosk"), UI_T_STAFF_LEAVE, UI_BTN_SECONDARY}};
  ui_choice_t shown[6];
  int n = 0;
  for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++)
    if (buttons[i].target != UI_T_STAFF_SPEECH_TEST || ui_speech_available(ui))
      shown[n++] = buttons[i];
  int per_row = f->portrait ? 1 : f->cw >= 1500 ? 3 : 2;
  /* A short screen (a 5-inch panel): more a row, as long as each is a target wide. */
  while (!f->portrait && ui_button_stack_height(f, per_row, n) > f->ch &&
         per_row < n && f->cw / (per_row + 1) >= f->target * 2)
    per_row++;
  int bh = ui_button_stack_height(f, per_row, n);
  ui_button_stack(ui, sc, f, (ui_rect_t){f->cx, f->cy + f->ch - bh, f->cw, bh}, per_row, shown, n);
  int flow_h = f->ch - bh - 2 * f->gap;
  if (flow_h < 3 * f->target) {
    /* A short screen: the title, and today's counts under it when there is
     * room for a line of small text (the help requests first). */
    scene_text_style_t ts = ui_style(f, UI_TK_TITLE, "staff.title");
    ts.min_font_px = f->small;
    ui_staff_attention_t today;
    int line_h = f->small * 3 / 2, title_h = flow_h;
    bool counts = ui_staff_attention(ui, &today) && today.n > 0 && flow_h >= 2 * line_h + f->gap;
    if (counts) {
      title_h = flow_h - line_h - f->gap;
      if (title_h > f->title * 3 / 2)
        title_h = f->title * 3 / 2;
    }
    if (title_h >= line_h)
      scene_text(sc, &ui->measurer, f->cx, f->cy, f->cw, title_h, ui_tr(ui, "Staff tools"), &ts);
    if (counts) {
      char line[640] = "";
      for (int i = 0; i < today.n; i++) {
        size_t len = strlen(line);
        snprintf(line + len, sizeof line - len, "%s%s", i ? "; " : "", today.line[i].text);
      }
      scene_text_style_t ls = ui_style(f, today.warn ? UI_TK_BODY_BOLD : UI_TK_BODY,
                                       "staff.today.help");
      ls.min_font_px = f->small;
      scene_text(sc, &ui->measurer, f->cx, f->cy + title_h + f->gap, f->cw,
                 flow_h - title_h - f->gap, line, &ls);
    }
    return;
  }
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "staff.title", ui_tr(ui, "Staff tools"));
  ui_flow_gap(&fl, f->gap);
  ui_flow_pin_notice(ui, &fl);
  if (ui->pin_notice_failures > 0)
    ui_flow_gap(&fl, f->gap);
  ui_flow_attention(ui, &fl, f->gap);
  if (ui->store_damaged[0]) {
    ui_flow_store_error(ui, &fl, ui->store_damaged);
    ui_flow_gap(&fl, f->gap);
  }
  if (ui->records_failed) {
    char what[512];
    ui_plural(ui, what, sizeof what, "%lu record could not be written:",
              "%lu records could not be written:", ui->records_failed);
    ui_flow_panel(&fl, true);
    ui_flow_textf(&fl, UI_TK_BODY_BOLD, "staff.records.failed", "%s %s", what,
                  ui->records_failed_reason);
    ui_flow_end_panel(&fl);
    ui_flow_gap(&fl, f->gap);
  }
  ui_flow_data_age(ui, &fl, false);
  ui_flow_draw(ui, sc, f, &fl, (ui_rect_t){f->cx, f->cy, f->cw, flow_h});
}

/* Taps on the staff menu. */
static void ui_staff_menu_tap(ui_t *ui, int target)
{
  if (ui->records_failed) {
    /* Staff acted on the menu that showed the notice: they have seen it. */
    ui->records_failed = 0;
    ui->records_failed_reason[0] = '\0';
    ui_touch(ui);
  }
  switch (target) {
  case UI_T_STAFF_REPRINT:
    memset(ui->person.staff_nhs_entry, 0, sizeof ui->person.staff_nhs_entry);
    ui->staff_not_found = false;
    ui->staff_store_error[0] = '\0';
    ui_go(ui, UI_SCREEN_STAFF_FIND);
    break;
  case UI_T_STAFF_PRINTER:
    ui->printer_known = false;
    ui_staff_action(ui, UI_ACT_PRINTER_STATUS);
    ui_go(ui, UI_SCREEN_STAFF_PRINTER);
    break;
  case UI_T_STAFF_SYNC:
    ui_go(ui, UI_SCREEN_STAFF_SYNC);
    break;
  case UI_T_STAFF_NO_KW: {
    free(ui->no_kw);
    ui->no_kw = calloc(UI_NO_KW_MAX, sizeof *ui->no_kw);
    ui->no_kw_count = ui->no_kw_shown = 0;
    ui->staff_store_error[0] = '\0';
    if (ui->no_kw && ui->store &&
        store_patients_without_key_worker(ui->store, &ui->no_kw_count, ui->no_kw, UI_NO_KW_MAX))
      ui->no_kw_shown = ui->no_kw_count < UI_NO_KW_MAX ? ui->no_kw_count : UI_NO_KW_MAX;
    else if (ui->no_kw)
      ui_staff_store_error(ui);
    else
      snprintf(ui->staff_store_error, sizeof ui->staff_store_error, "out of memory");
    ui_audit(ui, "staff", "list_no_key_worker", "");
    ui_go(ui, UI_SCREEN_STAFF_NO_KW);
    break;
  }
  case UI_T_STAFF_SPEECH_TEST:
    if (ui_speech_test(ui))
      ui_audit(ui, "staff", "speech_test", "");
    break;
  case UI_T_STAFF_LEAVE:
    ui_audit(ui, "staff", "leave_kiosk", "");
    ui_staff_action(ui, UI_ACT_QUIT);
    break;
  case UI_T_STAFF_DONE:
    ui_finish(ui);
    break;
  default:
    break;
  }
}

/* ---- reprint ---- */

/* "9434765919" -> "943 476 5919". */
static void ui_format_nhs(const char *digits, char *out, size_t outlen)
{
  size_t n = strlen(digits);
  snprintf(out, outlen, "%.3s%s%.3s%s%.4s", digits, n > 3 ? " " : "", n > 3 ? digits + 3 : "",
           n > 6 ? " " : "", n > 6 ? digits + 6 : "");
}

/* Look up the NHS number typed or scanned. */
static void ui_staff_find(ui_t *ui, const char *digits)
{
  char nhs[11];
  const char *why = NULL;
  ui_person_t *p = &ui->person;
  p->has_patient = p->has_key_worker = false;
  ui->staff_store_error[0] = '\0';
  ui->staff_not_found = false;
  store_match_t m = rules_nhs_number(digits, nhs, &why) && ui->store
                        ? store_patient_by_nhs(ui->store, nhs, &p->patient)
                        : STORE_NOT_FOUND;
  if (m == STORE_FOUND) {
    p->has_patient = true;
    store_match_t k = p->patient.key_worker_id[0]
                          ? store_key_worker_get(ui->store, p->patient.key_worker_id, &p->key_worker)
                          : STORE_NOT_FOUND;
    p->has_key_worker = k == STORE_FOUND;
    if (k == STORE_ERROR)
      ui_staff_store_error(ui); /* never "no key worker recorded" when unknown */
    ui->staff_reason[0] = '\0';
    ui_go(ui, UI_SCREEN_STAFF_REPRINT);
    return;
  }
  if (m == STORE_ERROR)
    ui_staff_store_error(ui); /* never "no patient has that number" when unknown */
  else
    ui->staff_not_found = true;
  ui_touch(ui);
}

/* A scanned NHS number on the find screen. */
void ui_staff_scan(ui_t *ui, const char *digits)
{
  snprintf(ui->person.staff_nhs_entry, sizeof ui->person.staff_nhs_entry, "%s", digits);
  ui_staff_find(ui, digits);
}

/* Taps on the NHS number keypad. */
static void ui_staff_find_tap(ui_t *ui, int target)
{
  char *e = ui->person.staff_nhs_entry;
  if (target == UI_T_NEXT) {
    ui_staff_find(ui, e);
    return;
  }
  ui_keypad_type(e, 10, target);
  ui->staff_not_found = false;
  ui->staff_store_error[0] = '\0';
  ui_touch(ui);
}

/* The NHS number screen. */
static void ui_staff_find_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  char shown[16];
  ui_format_nhs(ui->person.staff_nhs_entry, shown, sizeof shown);
  char fault[512];
  const char *note = ui_tr(ui, "Type the NHS number or scan the letter.");
  bool error = ui->staff_not_found || ui->staff_store_error[0];
  if (ui->staff_store_error[0]) {
    snprintf(fault, sizeof fault, "%s %s", ui_tr(ui, "The local data cannot be read."),
             ui->staff_store_error);
    note = fault;
  } else if (ui->staff_not_found) {
    note = ui_tr(ui, "No patient has that NHS number.");
  }
  ui_staff_keypad_screen(ui, sc, f, ui_tr(ui, "Reprint a card: NHS number"), shown, note, error,
                         ui_tr(ui, "Find"));
}

/* The reprint reasons: the recorded keyword and the button's words. */
static const struct {
  int target;
  const char *reason, *label;
} ui_reprint_reasons[] = {
  {UI_T_REASON_LOST, "lost", "Lost"},
  {UI_T_REASON_DAMAGED, "damaged", "Damaged"},
  {UI_T_REASON_KW_CHANGED, "key_worker_changed", "Key worker changed"},
  {UI_T_REASON_NEW, "new", "First card"},
};
enum { UI_REPRINT_REASONS = sizeof ui_reprint_reasons / sizeof ui_reprint_reasons[0] };

const char *ui_staff_reason_label(const ui_t *ui, const char *reason)
{
  for (size_t i = 0; i < UI_REPRINT_REASONS; i++)
    if (!strcmp(ui_reprint_reasons[i].reason, reason))
      return ui_tr(ui, ui_reprint_reasons[i].label);
  return reason;
}

/* The patient, and their key worker, in a flow (both reprint steps). */
static void ui_flow_reprint_person(ui_t *ui, ui_flow_t *fl, const ui_frame_t *f)
{
  const ui_person_t *p = &ui->person;
  char nhs[16], date[64] = "", phone[64];
  ui_format_nhs(p->patient.nhs_number, nhs, sizeof nhs);
  i18n_format_date(ui->lang, p->patient.date_of_birth, date, sizeof date);
  ui_flow_textf(fl, UI_TK_HEADING, "staff.patient", "%s %s", p->patient.given_name,
                p->patient.family_name);
  ui_flow_textf(fl, UI_TK_BODY, "staff.patient.dob", "%s: %s", ui_tr(ui, "Date of birth"), date);
  ui_flow_textf(fl, UI_TK_BODY, "staff.patient.nhs", "%s: %s", ui_tr(ui, "NHS number"), nhs);
  ui_flow_gap(fl, f->gap * 2);
  if (!p->has_key_worker)
    return;
  card_format_phone(p->key_worker.phone, ui_tr(ui, "ext."), phone, sizeof phone);
  ui_flow_panel(fl, false);
  ui_flow_textf(fl, UI_TK_BODY_BOLD, "staff.kw", "%s: %s %s", ui_tr(ui, "Key worker"),
                p->key_worker.given_name, p->key_worker.family_name);
  ui_flow_textf(fl, UI_TK_BODY, "staff.kw.phone", "%s: %s", ui_tr(ui, "Phone"), phone);
  ui_flow_end_panel(fl);
  ui_flow_gap(fl, f->gap);
}

/* The patient found, their key worker, and the reason to choose; once a
 * reason is chosen, the same with the reason, to confirm before printing. */
static void ui_staff_reprint_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  const ui_person_t *p = &ui->person;
  bool confirm = ui->staff_reason[0] && p->has_key_worker;
  ui_choice_t buttons[UI_REPRINT_REASONS];
  int n = 0;
  if (confirm) {
    buttons[n++] = (ui_choice_t){ui_tr(ui, "Yes, print the card"), UI_T_YES, UI_BTN_PRIMARY};
    buttons[n++] = (ui_choice_t){ui_tr(ui, "No, choose again"), UI_T_NO, UI_BTN_SECONDARY};
  } else if (p->has_key_worker) {
    for (size_t i = 0; i < UI_REPRINT_REASONS; i++)
      buttons[n++] = (ui_choice_t){ui_tr(ui, ui_reprint_reasons[i].label),
                                   ui_reprint_reasons[i].target,
                                   ui_reprint_reasons[i].target == UI_T_REASON_NEW
                                       ? UI_BTN_SECONDARY
                                       : UI_BTN_PRIMARY};
  }
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, n, NULL);
  ui_flow_t fl;
  ui_flow_init(&fl);
  if (confirm) {
    ui_flow_text(&fl, UI_TK_TITLE, "staff.confirm.title", ui_tr(ui, "Print a new card?"));
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
  }
  ui_flow_reprint_person(ui, &fl, f);
  if (confirm) {
    ui_flow_textf(&fl, UI_TK_BODY_BOLD, "staff.confirm.reason", "%s: %s", ui_tr(ui, "Reason"),
                  ui_staff_reason_label(ui, ui->staff_reason));
  } else if (p->has_key_worker) {
    ui_flow_text(&fl, UI_TK_BODY, "staff.reason", ui_tr(ui, "Why is a new card needed?"));
  } else if (ui->staff_store_error[0]) {
    ui_flow_store_error(ui, &fl, ui->staff_store_error);
  } else {
    ui_flow_panel(&fl, true);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.nokw",
                 ui_tr(ui, "This patient has no key worker recorded, so there is no card to "
                           "print. Please tell the cancer team."));
    ui_flow_end_panel(&fl);
  }
  ui_flow_draw(ui, sc, f, &fl, box);
  sodium_memzero(&fl, sizeof fl);
}

/* Confirmed: record the reprint and print. */
static void ui_staff_reprint_print(ui_t *ui)
{
  char detail[96];
  snprintf(detail, sizeof detail, "nhs=%s reason=%s", ui->person.patient.nhs_number,
           ui->staff_reason);
  ui_audit(ui, "staff", "reprint", detail);
  ui_action_t act = {.kind = UI_ACT_PRINT_CARD, .lang = ui->lang};
  act.patient = ui->person.patient;
  act.key_worker = ui->person.key_worker;
  snprintf(act.reason, sizeof act.reason, "%s", ui->staff_reason);
  snprintf(act.by, sizeof act.by, "staff");
  ui->staff_reason[0] = '\0';
  ui_start_print(ui, &act, UI_SCREEN_STAFF_MENU);
  sodium_memzero(&act, sizeof act);
}

/* A reason chosen: ask to confirm; Yes prints, No or Back chooses again. */
static void ui_staff_reprint_tap(ui_t *ui, int target)
{
  if (ui->staff_reason[0]) {
    if (target == UI_T_YES && ui->person.has_key_worker) {
      ui_staff_reprint_print(ui);
    } else if (target == UI_T_NO || target == UI_T_BACK) {
      ui->staff_reason[0] = '\0';
      ui_touch(ui);
    }
    return;
  }
  if (target == UI_T_BACK) {
    ui_go(ui, UI_SCREEN_STAFF_FIND);
    return;
  }
  for (size_t i = 0; i < UI_REPRINT_REASONS; i++) {
    if (ui_reprint_reasons[i].target != target || !ui->person.has_key_worker)
      continue;
    snprintf(ui->staff_reason, sizeof ui->staff_reason, "%s", ui_reprint_reasons[i].reason);
    ui_touch(ui);
    return;
  }
}

/* ---- printer, sync, no key worker ---- */

int ui_staff_printer_lines(const ui_t *ui, char lines[][200], int max)
{
  return ui_printer_words(ui, ui->printer_ready, ui->printer_status, ui->printer_reasons, lines,
                          max);
}

int ui_printer_words(const ui_t *ui, bool ready, const char *status, const char *reasons_in,
                     char lines[][200], int max)
{
  int n = 0;
  char outcome[32], reasons[512];
  size_t kw = strcspn(status, ":");
  snprintf(outcome, sizeof outcome, "%.*s", (int)(kw < sizeof outcome ? kw : 0), status);
  const char *said = printer_text_outcome_msgid(outcome);
  if (said && !ready && n < max)
    snprintf(lines[n++], 200, "%s", ui_tr(ui, said));
  snprintf(reasons, sizeof reasons, "%s", reasons_in);
  char *save = NULL;
  for (char *r = strtok_r(reasons, ", ", &save); r && n < max; r = strtok_r(NULL, ", ", &save)) {
    const char *msgid = printer_text_reason_msgid(r);
    if (!msgid || (said && !strcmp(msgid, said)))
      continue; /* no words for it (the detail below has it), or said already */
    bool duplicate = false;
    for (int i = 0; i < n; i++)
      duplicate = duplicate || !strncmp(lines[i], ui_tr(ui, msgid), strlen(ui_tr(ui, msgid)));
    if (duplicate)
      continue;
    if (printer_text_reason_is_warning(r))
      snprintf(lines[n++], 200, "%s %s", ui_tr(ui, msgid), ui_tr(ui, "(warning)"));
    else
      snprintf(lines[n++], 200, "%s", ui_tr(ui, msgid));
  }
  return n;
}

/* Printer status and a test print. */
static void ui_staff_printer_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  const ui_choice_t buttons[] = {{ui_tr(ui, "Print a test card"), UI_T_TEST_PRINT, UI_BTN_PRIMARY},
                                 {ui_tr(ui, "Check again"), UI_T_STAFF_PRINTER, UI_BTN_SECONDARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, 2, NULL);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "staff.printer.title", ui_tr(ui, "Printer"));
  ui_flow_gap(&fl, f->gap);
  if (!ui->printer_known) {
    ui_flow_text(&fl, UI_TK_BODY, "staff.printer.asking", ui_tr(ui, "Asking the printer..."));
  } else {
    ui_flow_panel(&fl, !ui->printer_ready);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.printer.state",
                 ui->printer_ready ? ui_tr(ui, "Ready") : ui_tr(ui, "Not ready"));
    char lines[6][200];
    int n = ui_staff_printer_lines(ui, lines, 6);
    for (int i = 0; i < n; i++)
      ui_flow_text(&fl, i == 0 && !ui->printer_ready ? UI_TK_BODY_BOLD : UI_TK_BODY,
                   "staff.printer.reason", lines[i]);
    ui_flow_end_panel(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_SMALL, "staff.printer.status", ui->printer_status);
  }
  ui_flow_draw(ui, sc, f, &fl, box);
}

/* Taps on the printer screen. */
static void ui_staff_printer_tap(ui_t *ui, int target)
{
  if (target == UI_T_TEST_PRINT) {
    ui_audit(ui, "staff", "test_print", "");
    ui_action_t act = {.kind = UI_ACT_PRINT_TEST, .lang = ui->lang};
    snprintf(act.by, sizeof act.by, "staff");
    ui_start_print(ui, &act, UI_SCREEN_STAFF_PRINTER);
  } else if (target == UI_T_STAFF_PRINTER) {
    ui->printer_known = false;
    ui_staff_action(ui, UI_ACT_PRINTER_STATUS);
    ui_touch(ui);
  }
}

void ui_sync_file_line(const ui_t *ui, const store_sync_file_t *r, char *out, size_t outlen)
{
  char rows[96], added[96], changed[96], removed[96], rejected[96];
  ui_plural(ui, rows, sizeof rows, "%lu row", "%lu rows", (unsigned long)r->rows);
  ui_plural(ui, added, sizeof added, "%lu added", "%lu added", (unsigned long)r->added);
  ui_plural(ui, changed, sizeof changed, "%lu changed", "%lu changed", (unsigned long)r->changed);
  ui_plural(ui, removed, sizeof removed, "%lu removed", "%lu removed", (unsigned long)r->removed);
  ui_plural(ui, rejected, sizeof rejected, "%lu rejected", "%lu rejected",
            (unsigned long)r->rejected);
  snprintf(out, outlen, "%s: %s, %s, %s, %s, %s", r->file, rows, added, changed, removed, rejected);
}

/* The last sync as the store recorded it: one line per file with its rows
 * read, added, changed, removed and rejected. false when the store could
 * not say. */
static bool ui_flow_last_sync(ui_t *ui, ui_flow_t *fl)
{
  store_sync_run_t run;
  store_match_t m = ui->store ? store_last_sync_run(ui->store, &run) : STORE_NOT_FOUND;
  if (m != STORE_FOUND)
    return m != STORE_ERROR;
  ui_flow_text(fl, UI_TK_BODY_BOLD, "staff.sync.last", ui_tr(ui, "Last sync report"));
  for (size_t i = 0; i < run.nfiles; i++) {
    char line[600];
    ui_sync_file_line(ui, &run.files[i], line, sizeof line);
    ui_flow_text(fl, UI_TK_SMALL, "staff.sync.file", line);
  }
  return ui_flow_sync_notes(ui, fl);
}

/* A bundle refused by the inbox since the last import (store_metrics.h):
 * when and why, so staff notice a broken export without the command line.
 * false when the store could not say. */
static bool ui_flow_last_refusal(ui_t *ui, ui_flow_t *fl, int gap)
{
  store_sync_attempt_t a;
  store_match_t m = ui->store ? store_last_sync_attempt(ui->store, &a) : STORE_NOT_FOUND;
  if (m != STORE_FOUND || a.result == STORE_SYNC_IMPORTED)
    return m != STORE_ERROR;
  ui_flow_panel(fl, true);
  ui_flow_text(fl, UI_TK_BODY_BOLD, "staff.sync.refused",
               ui_tr(ui, "A bundle from the inbox was refused. The data is as it was."));
  char at[64], reason[1024];
  ui_format_when(ui, a.at, at, sizeof at);
  sync_text_translate(a.reason, ui->cat, ui->lang, reason, sizeof reason);
  ui_flow_textf(fl, UI_TK_SMALL, "staff.sync.refused.why", "%s: %s", at, reason);
  if (a.bundle[0])
    ui_flow_textf(fl, UI_TK_SMALL, "staff.sync.refused.folder", "%s: %s", ui_tr(ui, "Folder"), a.bundle);
  ui_flow_end_panel(fl);
  ui_flow_gap(fl, gap);
  return true;
}

/* Sync status and "Sync now". */
static void ui_staff_sync_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  const ui_choice_t buttons[] = {{ui_tr(ui, "Sync now"), UI_T_SYNC_NOW, UI_BTN_PRIMARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, ui->sync_running ? 0 : 1, NULL);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "staff.sync.title", ui_tr(ui, "Sync the data"));
  ui_flow_gap(&fl, f->gap);
  ui_flow_textf(&fl, UI_TK_SMALL, "staff.sync.folder", "%s: %s", ui_tr(ui, "Folder"),
                ui->cfg->bundle_dir[0] ? ui->cfg->bundle_dir : "-");
  ui_flow_gap(&fl, f->gap);
  ui_flow_data_age(ui, &fl, true);
  ui_flow_gap(&fl, f->gap);
  if (ui->sync_running) {
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.sync.running", ui_tr(ui, "Syncing..."));
  } else if (ui->sync_known) {
    ui_flow_panel(&fl, !ui->sync_ok);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.sync.result",
                 ui->sync_ok ? ui_tr(ui, "The last sync worked.")
                             : ui_tr(ui, "The last sync did not work. The data is as it was."));
    if (ui->sync_message[0]) { /* the sync's reason, in the staff's language */
      char message[1024];
      sync_text_translate(ui->sync_message, ui->cat, ui->lang, message, sizeof message);
      ui_flow_text(&fl, UI_TK_SMALL, "staff.sync.report", message);
    }
    ui_flow_end_panel(&fl);
    ui_flow_gap(&fl, f->gap);
  }
  /* One panel with the store's error when any of the sync records cannot
   * be read: never a silently shorter report. */
  bool read = ui_flow_last_refusal(ui, &fl, f->gap);
  read = ui_flow_last_sync(ui, &fl) && read;
  if (!read)
    ui_flow_store_error(ui, &fl, store_error(ui->store));
  ui_flow_draw(ui, sc, f, &fl, box);
}

/* Taps on the sync screen. */
static void ui_staff_sync_tap(ui_t *ui, int target)
{
  if (target == UI_T_SYNC_NOW && !ui->sync_running) {
    ui_audit(ui, "staff", "sync_now", "");
    ui->sync_running = true;
    ui_staff_action(ui, UI_ACT_SYNC);
    ui_touch(ui);
  }
}

/* Patients with no key worker: the count and their NHS numbers. */
static void ui_staff_no_kw_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "staff.nokw.title", ui_tr(ui, "Patients with no key worker"));
  if (ui->staff_store_error[0]) {
    /* Never "0 patients" when the store could not say. */
    ui_flow_store_error(ui, &fl, ui->staff_store_error);
    ui_flow_draw(ui, sc, f, &fl, ui_content(f));
    return;
  }
  char count[96];
  ui_plural(ui, count, sizeof count, "%lu patient", "%lu patients",
            (unsigned long)ui->no_kw_count);
  ui_flow_text(&fl, UI_TK_BODY_BOLD, "staff.nokw.count", count);
  ui_flow_gap(&fl, f->gap);
  for (size_t i = 0; i < ui->no_kw_shown && ui->no_kw; i++) {
    char nhs[16];
    ui_format_nhs(ui->no_kw[i], nhs, sizeof nhs);
    ui_flow_text(&fl, UI_TK_BODY, "staff.nokw.nhs", nhs);
  }
  ui_flow_draw(ui, sc, f, &fl, ui_content(f));
}

const ui_screen_def_t ui_staff_screens[] = {
  {UI_SCREEN_STAFF_PIN, "staff-pin", ui_pin_draw, ui_pin_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_STAFF_MENU, "staff-menu", ui_staff_menu_draw, ui_staff_menu_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_STAFF_FIND, "staff-find", ui_staff_find_draw, ui_staff_find_tap,
   UI_SCREEN_STAFF_MENU},
  {UI_SCREEN_STAFF_REPRINT, "staff-reprint", ui_staff_reprint_draw, ui_staff_reprint_tap,
   UI_SCREEN_COUNT},
  {UI_SCREEN_STAFF_PRINTER, "staff-printer", ui_staff_printer_draw, ui_staff_printer_tap,
   UI_SCREEN_STAFF_MENU},
  {UI_SCREEN_STAFF_SYNC, "staff-sync", ui_staff_sync_draw, ui_staff_sync_tap,
   UI_SCREEN_STAFF_MENU},
  {UI_SCREEN_STAFF_NO_KW, "staff-no-kw", ui_staff_no_kw_draw, NULL, UI_SCREEN_STAFF_MENU},
};
const size_t ui_staff_screen_count = sizeof ui_staff_screens / sizeof ui_staff_screens[0];
