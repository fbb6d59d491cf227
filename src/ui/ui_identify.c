/*
 * Identification at a public screen: date of birth on a keypad, then family
 * name on an on-screen keyboard, then the postcode only when those two are
 * not unique; or an NHS-number barcode from the appointment letter and then
 * the date of birth. Two things the person knows, always.
 *
 * The rules are core/ident.h's: this file asks them and draws. What it
 * must never do: tell "no match" from "several matches" (both show the same
 * "we couldn't find you" screen), reveal anything before the second fact is
 * given (a scanned NHS number is not even looked up until the date of birth
 * is in), call a store error "no match" or count it as a try, or keep going
 * after repeated failures: every try that does not end in "Yes, this is
 * me" counts (charged at its first look-up, so walking away counts too);
 * after cfg->lockout_attempts of them within lockout_window_s it pauses for
 * lockout_pause_s, tells staff through the audit log, and asks the host to
 * save the count so a restart does not reset it.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/rules.h"
#include "core/store_metrics.h"

/* True while identification is paused. */
bool ui_locked(const ui_t *ui) { return ident_lockout_locked(&ui->lockout, ui->now_ms); }

/* Ask the host to save the lockout state. */
void ui_lockout_save(ui_t *ui)
{
  ui_action_t act = {.kind = UI_ACT_SAVE_LOCKOUT, .lockout = ui->lockout};
  ui_push_action(ui, &act);
}

/* Restore a saved lockout at start-up (UI_EV_LOCKOUT_LOADED). */
void ui_identify_restore(ui_t *ui, const ident_lockout_t *saved)
{
  if (!saved)
    return;
  ui->lockout = *saved;
  if (ident_lockout_restore(&ui->lockout, &ui->ident_policy, ui->now_ms))
    ui_audit(ui, "kiosk", "identify_paused", "attempts=restart");
  ui_lockout_save(ui);
  ui_touch(ui);
}

/* Start identifying, honouring a lockout. */
void ui_identify_start(ui_t *ui)
{
  ui_wipe_person(ui);
  if (ui->store_damaged[0]) { /* a damaged store's "no match" could be a lie */
    ui_go(ui, UI_SCREEN_STORE_FAULT);
    return;
  }
  ui_go(ui, ui_locked(ui) ? UI_SCREEN_LOCKED : UI_SCREEN_DOB);
}

/* A try that did not end in a confirmed person: count it, maybe pause. */
bool ui_identify_count_failure(ui_t *ui)
{
  bool paused = ident_lockout_fail(&ui->lockout, &ui->ident_policy, ui->now_ms);
  ui_lockout_save(ui);
  ui_audit(ui, "kiosk", STORE_EVENT_IDENTIFY_FAILED, ""); /* counted by the metrics */
  if (paused) {
    char detail[96];
    snprintf(detail, sizeof detail, "attempts=%u pause_s=%lld", ui->ident_policy.attempts,
             (long long)(ui->ident_policy.pause_ms / 1000));
    ui_audit(ui, "kiosk", "identify_paused", detail);
  }
  return paused;
}

/* Forget the record a look-up found (shown on "Is this you?"), keeping
 * what the person typed, so Back can return to it. */
static void ui_identify_forget_found(ui_t *ui)
{
  sodium_memzero(&ui->person.patient, sizeof ui->person.patient);
  ui->person.has_patient = false;
}

/* Wipe the person except what "Try again" keeps (r.keep: what the person
 * typed that was right, never a record from the store), and note what it
 * asks again. */
static void ui_identify_keep(ui_t *ui, ident_retry_t r)
{
  ui_person_t *p = &ui->person;
  char day[sizeof p->day], month[sizeof p->month], year[sizeof p->year];
  char name[sizeof p->name], nhs[sizeof p->nhs];
  memcpy(day, p->day, sizeof day);
  memcpy(month, p->month, sizeof month);
  memcpy(year, p->year, sizeof year);
  memcpy(name, p->name, sizeof name);
  memcpy(nhs, p->nhs, sizeof nhs);
  ui_wipe_person(ui);
  if (r.keep & IDENT_FACT_DOB) {
    memcpy(p->day, day, sizeof day);
    memcpy(p->month, month, sizeof month);
    memcpy(p->year, year, sizeof year);
    p->dob_field = IDENT_DOB_YEAR;
  }
  if (r.keep & IDENT_FACT_FAMILY_NAME)
    memcpy(p->name, name, sizeof name);
  if (r.keep & IDENT_FACT_NHS_BARCODE) {
    memcpy(p->nhs, nhs, sizeof nhs);
    p->by_barcode = true;
  }
  p->retry_ask = r.keep ? r.ask : 0;
  sodium_memzero(day, sizeof day);
  sodium_memzero(month, sizeof month);
  sodium_memzero(year, sizeof year);
  sodium_memzero(name, sizeof name);
  sodium_memzero(nhs, sizeof nhs);
}

/* One failed try, made with facts: count it, maybe pause, and show "we
 * couldn't find you". The record found, if any, is wiped; what the person
 * typed that was right stays for "Try again" (ident_retry) until the
 * journey ends; a pause forgets everything (the next person may be someone
 * else). */
static void ui_identify_failed(ui_t *ui, unsigned facts)
{
  if (ui_identify_count_failure(ui)) {
    ui_wipe_person(ui);
    ui_go(ui, UI_SCREEN_LOCKED);
    return;
  }
  ui_identify_keep(ui, ident_retry(facts));
  ui_go(ui, UI_SCREEN_NOT_FOUND);
}

/* "Try again" after a failed try: back to the question that was most
 * likely wrong, with what was kept; otherwise start afresh. */
static void ui_identify_retry(ui_t *ui)
{
  unsigned ask = ui->person.retry_ask;
  if (!ask || ui->store_damaged[0] || ui_locked(ui)) {
    ui_identify_start(ui);
    return;
  }
  ui->person.retry_ask = 0;
  ui_go(ui, ask == IDENT_FACT_FAMILY_NAME ? UI_SCREEN_NAME
            : ask == IDENT_FACT_POSTCODE  ? UI_SCREEN_POSTCODE
                                          : UI_SCREEN_DOB);
}

/* Back from a look-up's answer ("Is this you?", "we couldn't find you"):
 * to the step where the last fact was given, with what was typed. The
 * try, if still open, counts as failed at the next look-up. */
static void ui_identify_back(ui_t *ui)
{
  ui_identify_forget_found(ui);
  const ui_person_t *p = &ui->person;
  if (p->by_barcode || !p->day[0])
    ui_go(ui, UI_SCREEN_DOB);
  else if (p->postcode[0])
    ui_go(ui, UI_SCREEN_POSTCODE);
  else
    ui_go(ui, UI_SCREEN_NAME);
}

/* Back to the welcome screen, forgetting the person (the text size, the
 * contrast and the language stay: the person is still there). */
static void ui_identify_leave(ui_t *ui)
{
  ui_wipe_person(ui);
  ui_go(ui, UI_SCREEN_WELCOME);
}

/* The store failed during a look-up: not a try, not "no match". */
static void ui_identify_store_fault(ui_t *ui)
{
  ident_lockout_refund(&ui->lockout, &ui->ident_policy, ui->now_ms);
  ui_lockout_save(ui);
  ui_audit(ui, "kiosk", "store_error", ui->store ? store_error(ui->store) : "no store");
  ui_wipe_person(ui);
  ui_go(ui, UI_SCREEN_STORE_FAULT);
}

/* Found: show "Is this you?". The language the person at the screen chose
 * on this journey (at the welcome screen or with the bar's switch) stands:
 * they may be a carer, and they chose. Only when nobody chose (a barcode
 * scanned straight from the welcome screen) does the record's preferred
 * language ("cy" or "en") decide. */
static void ui_identify_found(ui_t *ui)
{
  ui->person.has_patient = true;
  if (!ui->survey.lang_stated) {
    if (!strcmp(ui->person.patient.preferred_language, "cy"))
      ui->lang = LANG_CY;
    else if (!strcmp(ui->person.patient.preferred_language, "en"))
      ui->lang = LANG_EN;
  }
  ui_go(ui, UI_SCREEN_CONFIRM);
}

/* A try's first look-up is about to be made: charge it (refunded only when
 * the person confirms, so a try abandoned in any way has counted). A try
 * still open here was left for a new question (back, and another name or
 * date): it failed, and may have paused identification (false: do not
 * look up; the paused screen is shown). */
static bool ui_identify_charge(ui_t *ui)
{
  if (ui->lockout.pending && ui_identify_count_failure(ui)) {
    ui_wipe_person(ui);
    ui_go(ui, UI_SCREEN_LOCKED);
    return false;
  }
  ident_lockout_charge(&ui->lockout, &ui->ident_policy, ui->now_ms);
  ui_lockout_save(ui);
  return true;
}

/* What a store answer means to the policy. */
static ident_lookup_t ui_lookup_of(store_match_t m)
{
  switch (m) {
  case STORE_FOUND: return IDENT_LOOKUP_ONE;
  case STORE_AMBIGUOUS: return IDENT_LOOKUP_SEVERAL;
  case STORE_ERROR: return IDENT_LOOKUP_FAULT;
  default: return IDENT_LOOKUP_NONE;
  }
}

/* Carry out the policy's decision after a look-up. */
static void ui_identify_outcome(ui_t *ui, unsigned facts, ident_lookup_t lookup)
{
  ui->person.facts_looked_up = facts;
  switch (ident_decide(facts, lookup)) {
  case IDENT_CONFIRM:
    ui_identify_found(ui);
    break;
  case IDENT_ASK_POSTCODE:
    ui_go(ui, UI_SCREEN_POSTCODE);
    break;
  case IDENT_STORE_FAULT:
    ui_identify_store_fault(ui);
    break;
  case IDENT_NEED_MORE:
    ui_touch(ui);
    break;
  case IDENT_FAILED:
  default:
    ui_identify_failed(ui, facts);
    break;
  }
}

/* The date typed so far as YYYY-MM-DD; false when incomplete. */
static bool ui_dob_iso(const ui_t *ui, char out[11])
{
  const ui_person_t *p = &ui->person;
  if (!p->day[0] || !p->month[0] || strlen(p->year) != 4)
    return false;
  memcpy(out, p->year, 4);
  out[4] = '-';
  out[5] = p->month[1] ? p->month[0] : '0';
  out[6] = p->month[1] ? p->month[1] : p->month[0];
  out[7] = '-';
  out[8] = p->day[1] ? p->day[0] : '0';
  out[9] = p->day[1] ? p->day[1] : p->day[0];
  out[10] = '\0';
  return true;
}

/* A complete barcode was scanned: only the date of birth is asked. */
void ui_identify_barcode(ui_t *ui, const char *digits)
{
  char nhs[11];
  const char *why = NULL;
  if (!rules_nhs_number(digits, nhs, &why))
    return; /* not an NHS number: a misread, or another barcode */
  if (ui->store_damaged[0]) {
    ui_identify_start(ui);
    return;
  }
  if (ui_locked(ui)) {
    ui_go(ui, UI_SCREEN_LOCKED);
    return;
  }
  ui_wipe_person(ui);
  memcpy(ui->person.nhs, nhs, sizeof nhs);
  ui->person.by_barcode = true;
  sodium_memzero(nhs, sizeof nhs);
  ui_go(ui, UI_SCREEN_DOB);
}

/* Show what is wrong with the date and move to the box to put right: its
 * next digit starts it anew. */
static void ui_dob_mark(ui_t *ui, const ident_dob_check_t *c)
{
  ui_person_t *p = &ui->person;
  p->dob_check = *c;
  if (c->box != IDENT_DOB_NO_BOX)
    p->dob_field = (int)c->box;
  p->dob_replace = true;
  ui_touch(ui);
}

/* The date as typed so far, judged (typing: the box in use, or
 * IDENT_DOB_NO_BOX when the person says it is done). */
static ident_dob_check_t ui_dob_judge(const ui_t *ui, ident_dob_box_t typing)
{
  char today[11];
  clock_today(today);
  const ui_person_t *p = &ui->person;
  return ident_dob_check(p->day, p->month, p->year, today, typing);
}

/* Date of birth entered: check it, then ask the name or check the barcode. */
static void ui_dob_next(ui_t *ui)
{
  char iso[11];
  ident_dob_check_t c = ui_dob_judge(ui, IDENT_DOB_NO_BOX);
  if (c.problem != IDENT_DOB_OK) {
    ui_dob_mark(ui, &c);
    return;
  }
  memcpy(iso, c.iso, sizeof iso);
  sodium_memzero(&c, sizeof c);
  if (!ui->person.by_barcode) {
    sodium_memzero(iso, sizeof iso);
    ui_go(ui, UI_SCREEN_NAME);
    return;
  }
  if (!ui_identify_charge(ui))
    return;
  store_match_t m = ui->store ? store_patient_by_nhs(ui->store, ui->person.nhs, &ui->person.patient)
                              : STORE_NOT_FOUND;
  ident_lookup_t lookup = m == STORE_ERROR ? IDENT_LOOKUP_FAULT
                          : ident_barcode_lookup(m == STORE_FOUND,
                                                 ui->person.patient.date_of_birth, iso);
  sodium_memzero(iso, sizeof iso);
  ui_identify_outcome(ui, IDENT_FACT_DOB | IDENT_FACT_NHS_BARCODE, lookup);
}

/* The DOB box in use and its length when full. */
static char *ui_dob_box(ui_person_t *p, int box, size_t *max)
{
  *max = box == IDENT_DOB_YEAR ? 4 : 2;
  return box == IDENT_DOB_DAY ? p->day : box == IDENT_DOB_MONTH ? p->month : p->year;
}

/* Append a digit to the DOB box in use, moving on to the next empty box
 * when it is full; an impossible date is told at once (ident_dob_check). */
static void ui_dob_digit(ui_t *ui, char d)
{
  ui_person_t *p = &ui->person;
  size_t max;
  char *field = ui_dob_box(p, p->dob_field, &max);
  if (p->dob_replace)
    field[0] = '\0';
  p->dob_replace = false;
  size_t len = strlen(field);
  if (len >= max)
    return;
  field[len++] = d;
  field[len] = '\0';
  /* A day starting 4-9 or a month starting 2-9 cannot take a second digit. */
  bool full = len == max || (len == 1 && p->dob_field == 0 && d >= '4') ||
              (len == 1 && p->dob_field == 1 && d >= '2');
  for (int next = p->dob_field + 1; full && next <= IDENT_DOB_YEAR; next++) {
    if (!ui_dob_box(p, next, &max)[0]) {
      p->dob_field = next;
      break;
    }
  }
  ident_dob_check_t c = ui_dob_judge(ui, (ident_dob_box_t)p->dob_field);
  if (c.problem != IDENT_DOB_OK)
    ui_dob_mark(ui, &c);
  else
    p->dob_check = c;
  ui_touch(ui);
}

/* Delete the last digit, stepping back a field when this one is empty. */
static void ui_dob_delete(ui_t *ui)
{
  ui_person_t *p = &ui->person;
  p->dob_check = (ident_dob_check_t){.problem = IDENT_DOB_OK, .box = IDENT_DOB_NO_BOX};
  p->dob_replace = false;
  char *fields[] = {p->day, p->month, p->year};
  if (!fields[p->dob_field][0] && p->dob_field > 0)
    p->dob_field--;
  size_t len = strlen(fields[p->dob_field]);
  if (len)
    fields[p->dob_field][len - 1] = '\0';
  ui_touch(ui);
}

/* Taps on the date of birth screen. */
static void ui_dob_tap(ui_t *ui, int target)
{
  if (target >= UI_T_DIGIT_0 && target <= UI_T_DIGIT_0 + 9)
    ui_dob_digit(ui, (char)('0' + target - UI_T_DIGIT_0));
  else if (target == UI_T_DELETE)
    ui_dob_delete(ui);
  else if (target == UI_T_DOB_DAY || target == UI_T_DOB_MONTH || target == UI_T_DOB_YEAR) {
    /* A full box, once chosen, is typed anew. */
    size_t max;
    ui->person.dob_field = target - UI_T_DOB_DAY;
    ui->person.dob_replace = strlen(ui_dob_box(&ui->person, ui->person.dob_field, &max)) == max;
    ui_touch(ui);
  } else if (target == UI_T_NEXT)
    ui_dob_next(ui);
  else if (target == UI_T_BACK) {
    ui_wipe_person(ui);
    ui_go(ui, UI_SCREEN_WELCOME);
  }
}

/* Name entered: look the person up by date of birth and family name. */
static void ui_name_next(ui_t *ui)
{
  char iso[11];
  if (!ui->person.name[0] || !ui_dob_iso(ui, iso))
    return;
  if (!ui_identify_charge(ui))
    return;
  store_match_t m = ui->store ? store_patient_identify(ui->store, iso, ui->person.name, NULL,
                                                       &ui->person.patient)
                              : STORE_NOT_FOUND;
  ui_identify_outcome(ui, IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME, ui_lookup_of(m));
}

/* Postcode entered: one more fact. */
static void ui_postcode_next(ui_t *ui)
{
  char iso[11];
  if (!ui->person.postcode[0] || !ui_dob_iso(ui, iso))
    return;
  /* The postcode completes the name's try: charged once, with it. */
  if (!ui->lockout.pending && !ui_identify_charge(ui))
    return;
  store_match_t m = ui->store ? store_patient_identify(ui->store, iso, ui->person.name,
                                                       ui->person.postcode, &ui->person.patient)
                              : STORE_NOT_FOUND;
  ui_identify_outcome(ui, IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME | IDENT_FACT_POSTCODE,
                      ui_lookup_of(m));
}

/* A key that turns a keyboard's page (a short screen's letters pages, the
 * postcode's digits); false when target is not one. */
static bool ui_keys_page_tap(ui_t *ui, int target)
{
  if (target >= UI_T_KEYS_LETTERS_1 && target <= UI_T_KEYS_LETTERS_3) {
    ui->person.keys_digits = false;
    ui->person.keys_letters_page = target - UI_T_KEYS_LETTERS_1;
  } else if (target == UI_T_KEYS_DIGITS) {
    ui->person.keys_digits = true;
  } else {
    return false;
  }
  ui_touch(ui);
  return true;
}

/* Taps on the family name screen. */
static void ui_name_tap(ui_t *ui, int target)
{
  if (target == UI_T_NEXT)
    ui_name_next(ui);
  else if (ui_keys_page_tap(ui, target))
    return;
  else if (ui_keys_type(ui->person.name, 41, target, false))
    ui_touch(ui);
}

/* Taps on the postcode screen. */
static void ui_postcode_tap(ui_t *ui, int target)
{
  if (target == UI_T_NEXT)
    ui_postcode_next(ui);
  else if (target == UI_T_KEYS_PAGE) {
    ui->person.keys_digits = !ui->person.keys_digits;
    ui_touch(ui);
  } else if (ui_keys_page_tap(ui, target)) {
    return;
  } else if (ui_keys_type(ui->person.postcode, 9, target, true)) {
    ui_touch(ui);
  }
}

/* Taps on the "couldn't find you" and "paused" screens. */
static void ui_not_found_tap(ui_t *ui, int target)
{
  if (target == UI_T_TRY_AGAIN || (target == UI_T_BACK && ui->screen == UI_SCREEN_NOT_FOUND))
    ui_identify_retry(ui); /* Back: the previous question, with what was kept */
  else if (target == UI_T_BACK)
    ui_identify_leave(ui);
  else if (target == UI_T_FINISH)
    ui_finish(ui);
  else if (target == UI_T_SUPPORT) {
    ui->carer = true;
    ui_support_open(ui);
  }
}

/* Continue after "Yes, this is me": the try succeeded (its charge is
 * taken back). */
void ui_identify_confirmed(ui_t *ui)
{
  ui_person_t *p = &ui->person;
  ident_lockout_refund(&ui->lockout, &ui->ident_policy, ui->now_ms);
  ui_lockout_save(ui);
  char detail[64];
  snprintf(detail, sizeof detail, "nhs=%s", p->patient.nhs_number);
  ui_audit(ui, "kiosk", "identified", detail);
  ui_survey_identified(ui);
  store_match_t m = p->patient.key_worker_id[0] && ui->store
                        ? store_key_worker_get(ui->store, p->patient.key_worker_id, &p->key_worker)
                        : STORE_NOT_FOUND;
  if (m == STORE_FOUND) {
    p->has_key_worker = true;
    ui_go(ui, UI_SCREEN_KEY_WORKER);
    return;
  }
  if (m == STORE_ERROR) {
    /* Never "no key worker" (nor its audit) when the store could not say. */
    ui_identify_store_fault(ui);
    return;
  }
  /* Flag it for staff: every patient must have a key worker. */
  ui_audit(ui, "kiosk", "no_key_worker", detail);
  ui_go(ui, UI_SCREEN_NO_KEY_WORKER);
}

/* Taps on "Is this you?". */
static void ui_confirm_tap(ui_t *ui, int target)
{
  if (target == UI_T_YES)
    ui_identify_confirmed(ui);
  else if (target == UI_T_NO)
    ui_identify_failed(ui, ui->person.facts_looked_up);
  else if (target == UI_T_BACK)
    ui_identify_back(ui);
}

/* ---- drawing ---- */

/* What is wrong with the date of birth typed, in plain words. */
void ui_dob_problem_text(const ui_t *ui, char *out, size_t outlen)
{
  const ident_dob_check_t *c = &ui->person.dob_check;
  char arg[16] = "";
  const char *args[] = {arg};
  const char *msgid = NULL;
  switch (c->problem) {
  case IDENT_DOB_OK:
    out[0] = '\0';
    return;
  case IDENT_DOB_BAD_DAY:
    msgid = "A day is a number from 1 to 31. Please check the day.";
    break;
  case IDENT_DOB_BAD_MONTH:
    msgid = "A month is a number from 1 to 12. Please check the month.";
    break;
  case IDENT_DOB_TOO_EARLY:
    msgid = "The year must be %s or later. Please check the year.";
    snprintf(arg, sizeof arg, "%d", IDENT_DOB_EARLIEST_YEAR);
    break;
  case IDENT_DOB_FUTURE:
    msgid = "That date is in the future. Please check the year.";
    break;
  case IDENT_DOB_NO_SUCH_DAY:
    msgid = "That month has only %s days. Please check the day.";
    snprintf(arg, sizeof arg, "%d", c->month_days);
    break;
  case IDENT_DOB_NOT_LEAP:
    msgid = "That year had no 29 February. Please check the day and the year.";
    break;
  case IDENT_DOB_EMPTY:
    msgid = c->box == IDENT_DOB_DAY     ? "Please type the day."
            : c->box == IDENT_DOB_MONTH ? "Please type the month."
                                        : "Please type the year.";
    break;
  case IDENT_DOB_YEAR_SHORT:
    msgid = "Please type all 4 numbers of the year, for example 1961.";
    break;
  case IDENT_DOB_NOT_DIGITS:
  default:
    msgid = "Please check the date";
    break;
  }
  if (!i18n_format_args(out, outlen, ui_tr(ui, msgid), args, 1))
    i18n_format_args(out, outlen, msgid, args, 1);
}

/* One date field: a label above a tappable box. */
static void ui_dob_field(ui_t *ui, scene_t *sc, const ui_frame_t *f, int x, int y, int w,
                         int label_h, const char *label, const char *value,
                         const char *placeholder, bool active, bool wrong, int target)
{
  const ui_theme_t *th = &f->th;
  scene_text_style_t ls = ui_style(f, UI_TK_SMALL, "dob.label");
  ls.bold = true;
  ls.wrap = false;
  ls.min_font_px = f->small * 3 / 4;
  if (wrong) /* marked in the error colour; the message names the box too */
    ls.color = th->error;
  scene_text(sc, &ui->measurer, x, y, w, label_h, label, &ls);
  int by = y + label_h + 4;
  scene_color_t edge = wrong ? th->error : active ? th->primary : th->border;
  scene_rect(sc, x, by, w, f->button_h, active ? th->field_active : th->field, edge,
             active || wrong ? 5 : 2, 8, target);
  scene_text_style_t vs = ui_style(f, UI_TK_HEADING, "dob.value");
  vs.align = SCENE_ALIGN_CENTER;
  vs.valign = SCENE_ALIGN_CENTER;
  vs.wrap = false;
  vs.min_font_px = f->small;
  if (!value[0])
    vs.color = th->muted, vs.bold = false;
  scene_text(sc, &ui->measurer, x + 6, by, w - 12, f->button_h, value[0] ? value : placeholder,
             &vs);
}

/* Style ms for why a date is refused, in w x h: wrapped at the largest size
 * from body text down to half the small size at which it fits (never
 * shrunk onto one line first), in the error colour. */
static void ui_dob_reason_fit(ui_t *ui, const ui_frame_t *f, int w, int h, const char *reason,
                              scene_text_style_t *ms)
{
  ms->color = f->th.error;
  ms->wrap = true;
  for (ms->font_px = f->body; ms->font_px > f->small / 2; ms->font_px--) {
    ms->min_font_px = ms->font_px;
    if (ui_text_height(ui, f, w, reason, ms) <= h)
      break;
  }
  ms->min_font_px = ms->font_px;
}

/* The date typed, in words, once it is whole (false: not yet). */
static bool ui_dob_written(const ui_t *ui, char *buf, size_t len)
{
  char iso[11];
  return ui_dob_iso(ui, iso) && i18n_format_date(ui->lang, iso, buf, len);
}

/* The three placeholders ("DD MM YYYY" / "DD MM BBBB" come as one string). */
static void ui_dob_holders(const ui_t *ui, char holders[3][16])
{
  snprintf(holders[0], 16, "DD");
  snprintf(holders[1], 16, "MM");
  snprintf(holders[2], 16, "YYYY");
  sscanf(ui_tr(ui, "DD MM YYYY"), "%15s %15s %15s", holders[0], holders[1], holders[2]);
}

/* The date of birth screen's heading: a barcode was read first, or not. */
static const char *ui_dob_heading(const ui_t *ui)
{
  return ui->person.by_barcode ? ui_tr(ui, "Thank you. Now your date of birth")
                               : ui_tr(ui, "Your date of birth");
}

/* One date field on a short screen: a tappable box with its name small
 * at the top and the digits under it. */
static void ui_dob_field_boxed(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t r,
                               const char *label, const char *value, const char *placeholder,
                               bool active, bool wrong, int target)
{
  const ui_theme_t *th = &f->th;
  scene_color_t edge = wrong ? th->error : active ? th->primary : th->border;
  scene_rect(sc, r.x, r.y, r.w, r.h, active ? th->field_active : th->field, edge,
             active || wrong ? 5 : 2, 8, target);
  int pad = 6, label_h = r.h * 3 / 10;
  scene_text_style_t ls = ui_style(f, UI_TK_SMALL, "dob.label");
  ls.bold = true;
  ls.wrap = false;
  ls.align = SCENE_ALIGN_CENTER;
  ls.font_px = ls.min_font_px =
      ui_fit_px(ui, f, label, true, r.w - 2 * pad, label_h, f->small, f->small / 2);
  if (wrong) /* marked in the error colour; the message names the box too */
    ls.color = th->error;
  scene_text(sc, &ui->measurer, r.x + pad, r.y + pad, r.w - 2 * pad, label_h, label, &ls);
  const char *shown = value[0] ? value : placeholder;
  int vy = r.y + pad + label_h, vh = r.y + r.h - pad - vy;
  scene_text_style_t vs = ui_style(f, UI_TK_HEADING, "dob.value");
  vs.align = SCENE_ALIGN_CENTER;
  vs.valign = SCENE_ALIGN_CENTER;
  vs.wrap = false;
  vs.font_px = vs.min_font_px =
      ui_fit_px(ui, f, shown, true, r.w - 2 * pad, vh, f->heading, f->small / 2);
  if (!value[0])
    vs.color = th->muted, vs.bold = false;
  scene_text(sc, &ui->measurer, r.x + pad, vy, r.w - 2 * pad, vh, shown, &vs);
}

/* The date of birth screen on a content area shorter than four rows of
 * keys (a 5-inch panel): one row of the question and the three boxes, the
 * keypad in two rows of six under it. */
static void ui_dob_draw_short(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  const ui_person_t *p = &ui->person;
  ui_rect_t c = ui_content(f);
  int row_h = f->target;
  int gap = c.h - 3 * f->target;
  gap = gap < 0 ? 0 : gap > f->gap ? f->gap : gap;
  ui_keypad(ui, sc, f, (ui_rect_t){c.x, c.y + row_h + gap, c.w, c.h - row_h - gap},
            ui_tr(ui, "Next"));
  int fields_w = c.w / 2;
  if (fields_w < 3 * f->target + 2 * f->gap)
    fields_w = 3 * f->target + 2 * f->gap;
  int wd = (fields_w - 2 * f->gap) * 3 / 10;
  if (wd < f->target)
    wd = f->target;
  int wy = fields_w - 2 * f->gap - 2 * wd, x = c.x + c.w - fields_w;
  char holders[3][16];
  ui_dob_holders(ui, holders);
  bool wrong = p->dob_check.problem != IDENT_DOB_OK;
  ui_dob_field_boxed(ui, sc, f, (ui_rect_t){x, c.y, wd, row_h}, ui_tr(ui, "Day"), p->day,
                     holders[0], p->dob_field == 0, wrong && p->dob_check.box == IDENT_DOB_DAY,
                     UI_T_DOB_DAY);
  ui_dob_field_boxed(ui, sc, f, (ui_rect_t){x + wd + f->gap, c.y, wd, row_h}, ui_tr(ui, "Month"),
                     p->month, holders[1], p->dob_field == 1,
                     wrong && p->dob_check.box == IDENT_DOB_MONTH, UI_T_DOB_MONTH);
  ui_dob_field_boxed(ui, sc, f, (ui_rect_t){x + 2 * (wd + f->gap), c.y, wy, row_h},
                     ui_tr(ui, "Year"), p->year, holders[2], p->dob_field == 2,
                     wrong && p->dob_check.box == IDENT_DOB_YEAR, UI_T_DOB_YEAR);
  /* The question, and under it the date in words or why it is refused,
   * each as large as the row leaves room for. */
  int tw = x - c.x - f->gap;
  char written[64], problem[256];
  ui_dob_problem_text(ui, problem, sizeof problem);
  bool error = problem[0] != '\0';
  const char *msg = error ? problem : ui_dob_written(ui, written, sizeof written) ? written : NULL;
  const char *heading = ui_dob_heading(ui);
  /* A reason takes more of the row than the date in words (it wraps). */
  int msg_h = !msg ? 0 : error ? row_h * 2 / 3 : row_h * 2 / 5, title_h = row_h - msg_h;
  scene_text_style_t ts = ui_style(f, UI_TK_TITLE, "dob.title");
  ts.valign = msg ? SCENE_ALIGN_START : SCENE_ALIGN_CENTER;
  ts.font_px = ts.min_font_px = ui_fit_px(ui, f, heading, true, tw, title_h, f->title, f->small / 2);
  scene_text(sc, &ui->measurer, c.x, c.y, tw, title_h, heading, &ts);
  if (msg) {
    scene_text_style_t ms = ui_style(f, UI_TK_BODY_BOLD, "dob.message");
    if (error) {
      ui_dob_reason_fit(ui, f, tw, msg_h, msg, &ms);
    } else {
      ms.font_px = ms.min_font_px = ui_fit_px(ui, f, msg, true, tw, msg_h, f->body, f->small / 2);
    }
    scene_text(sc, &ui->measurer, c.x, c.y + title_h, tw, msg_h, msg, &ms);
  }
}

/* The date of birth screen. */
static void ui_dob_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  if (ui_keypad_short(f)) {
    ui_dob_draw_short(ui, sc, f);
    return;
  }
  ui_keypad_layout_t pad = ui_keypad_split(f);
  ui_keypad(ui, sc, f, pad.keys, ui_tr(ui, "Next"));
  int ix = pad.text.x, iy = pad.text.y, iw = pad.text.w, ih = pad.text.h;
  const ui_person_t *p = &ui->person;
  int label_h = f->small + f->small / 3;
  int fields_h = label_h + 4 + f->button_h;
  char problem[256];
  ui_dob_problem_text(ui, problem, sizeof problem);
  scene_text_style_t ms = ui_style(f, UI_TK_BODY_BOLD, "dob.message");
  ms.wrap = true;
  ms.min_font_px = f->small * 3 / 4;
  int msg_h = f->body + f->body / 3;
  if (problem[0]) { /* the reason in full, at full size when it fits, before the hint */
    scene_text_style_t whole = ms;
    whole.min_font_px = whole.font_px;
    int need = ui_text_height(ui, f, iw, problem, &whole);
    int most = ih - fields_h - 3 * f->gap - f->title * 5 / 4;
    msg_h = need > most ? (most > msg_h ? most : msg_h) : need > msg_h ? need : msg_h;
  }
  int text_h = ih - fields_h - msg_h - 3 * f->gap;
  int y = iy;
  scene_text_style_t title = ui_style(f, UI_TK_TITLE, "dob.title");
  title.min_font_px = f->body;
  const char *heading = ui_dob_heading(ui);
  const char *hint_text = ui_tr(ui, "Day, month and year. For example: 03 07 1961");
  scene_text_style_t hint = ui_style(f, UI_TK_BODY, "dob.hint");
  hint.min_font_px = f->small;
  int title_need = ui_text_height(ui, f, iw, heading, &title);
  int used = scene_text(sc, &ui->measurer, ix, y, iw, title_need < text_h ? title_need : text_h,
                        heading, &title);
  y += used + f->gap / 2;
  int hint_room = text_h - used - f->gap / 2;
  if (hint_room > 0 && ui_text_height(ui, f, iw, hint_text, &hint) <= hint_room)
    y += scene_text(sc, &ui->measurer, ix, y, iw, hint_room, hint_text, &hint);
  y += 2 * f->gap;
  /* Portrait: the boxes (and the line under them) just above the keypad,
   * where the eye and the hand already are, not under the heading with the
   * screen's middle empty. */
  if (f->portrait && iy + ih - msg_h - f->gap - fields_h > y)
    y = iy + ih - msg_h - f->gap - fields_h;
  int unit = (iw - 2 * f->gap) / 8;
  int wd = unit * 2 + unit / 2, wm = wd, wy = iw - wd - wm - 2 * f->gap;
  char holders[3][16];
  ui_dob_holders(ui, holders);
  bool wrong = p->dob_check.problem != IDENT_DOB_OK;
  ui_dob_field(ui, sc, f, ix, y, wd, label_h, ui_tr(ui, "Day"), p->day, holders[0],
               p->dob_field == 0, wrong && p->dob_check.box == IDENT_DOB_DAY, UI_T_DOB_DAY);
  ui_dob_field(ui, sc, f, ix + wd + f->gap, y, wm, label_h, ui_tr(ui, "Month"), p->month,
               holders[1], p->dob_field == 1, wrong && p->dob_check.box == IDENT_DOB_MONTH,
               UI_T_DOB_MONTH);
  ui_dob_field(ui, sc, f, ix + wd + wm + 2 * f->gap, y, wy, label_h, ui_tr(ui, "Year"), p->year,
               holders[2], p->dob_field == 2, wrong && p->dob_check.box == IDENT_DOB_YEAR,
               UI_T_DOB_YEAR);
  y += fields_h + f->gap;
  char written[64];
  if (problem[0]) { /* all the room left below the boxes */
    int room = iy + ih - y > msg_h ? iy + ih - y : msg_h;
    ui_dob_reason_fit(ui, f, iw, room, problem, &ms);
    scene_text(sc, &ui->measurer, ix, y, iw, room, problem, &ms);
  } else if (ui_dob_written(ui, written, sizeof written)) {
    scene_text(sc, &ui->measurer, ix, y, iw, msg_h, written, &ms);
  }
}

/* The name and postcode screens on a content area of a few rows of keys
 * (a 5-inch panel): the keyboard's page at the left, and at the right the
 * question over what was typed, then Delete and Next; the letters come in
 * pages (A–M, N–Z) with a worded key to the other page. */
static void ui_keyboard_screen_short(ui_t *ui, scene_t *sc, const ui_frame_t *f, bool postcode)
{
  const ui_theme_t *th = &f->th;
  ui_rect_t c = ui_content(f);
  int rows = c.h / f->target < 1 ? 1 : c.h / f->target;
  int side_min = c.w / 4 < f->target ? f->target : c.w / 4;
  int cols = (c.w - f->gap - side_min) / f->target;
  if (cols < 1)
    cols = 1;
  int cell_w = (c.w - f->gap - side_min) / cols, cell_h = c.h / rows;
  if (cell_w > f->target * 3 / 2)
    cell_w = f->target * 3 / 2;
  if (cell_h > f->target * 5 / 4)
    cell_h = f->target * 5 / 4;
  ui_keys_t keys;
  ui_keyboard_short_keys(ui, postcode, ui->person.keys_digits, ui->person.keys_letters_page,
                         rows * cols, &keys);
  keys.cols = cols;
  ui_key_grid(ui, sc, f, (ui_rect_t){c.x, c.y + (c.h - rows * cell_h) / 2, cols * cell_w,
                                     rows * cell_h}, &keys);
  int sx = c.x + cols * cell_w + f->gap, sw = c.x + c.w - sx;
  ui_button(ui, sc, f, (ui_rect_t){sx, c.y + c.h - f->target, sw, f->target}, ui_tr(ui, "Next"),
            UI_BTN_PRIMARY, UI_T_NEXT, "keys.next");
  ui_button(ui, sc, f, (ui_rect_t){sx, c.y + c.h - 2 * f->target - f->gap, sw, f->target},
            ui_tr(ui, "Delete"), UI_BTN_SECONDARY, UI_T_DELETE, "keys.delete");
  /* The question, small, over what was typed, in the field. */
  ui_rect_t field = {sx, c.y, sw, c.h - 2 * f->target - 2 * f->gap};
  scene_rect(sc, field.x, field.y, field.w, field.h, th->field_active, th->primary, 4, 8, 0);
  const char *title = postcode ? ui_tr(ui, "Your postcode") : ui_tr(ui, "Your family name");
  const char *value = postcode ? ui->person.postcode : ui->person.name;
  const char *shown = value[0] ? value : ui_tr(ui, "Touch the letters");
  int pad = f->gap, iw = field.w - 2 * pad, title_h = (field.h - 2 * pad) / 3;
  scene_text_style_t ts = ui_style(f, UI_TK_BODY_BOLD, "keys.title");
  ts.color = th->secondary_text;
  ts.font_px = ts.min_font_px = ui_fit_px(ui, f, title, true, iw, title_h, f->body, f->small / 3);
  int used = scene_text(sc, &ui->measurer, field.x + pad, field.y + pad, iw, title_h, title, &ts);
  int vy = field.y + pad + used, vh = field.y + field.h - pad - vy;
  scene_text_style_t vs = ui_style(f, UI_TK_HEADING, "keys.value");
  vs.valign = SCENE_ALIGN_CENTER;
  if (!value[0])
    vs.color = th->muted, vs.bold = false;
  vs.font_px = vs.min_font_px =
      ui_fit_px(ui, f, shown, vs.bold, iw, vh, value[0] ? f->title : f->body, f->small / 3);
  scene_text(sc, &ui->measurer, field.x + pad, vy, iw, vh, shown, &vs);
}

/* The name and postcode screens: a field row, then the keyboard. */
static void ui_keyboard_screen(ui_t *ui, scene_t *sc, const ui_frame_t *f, bool postcode)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  if (ui_keyboard_short(ui, f, postcode)) {
    ui_keyboard_screen_short(ui, sc, f, postcode);
    return;
  }
  const ui_theme_t *th = &f->th;
  int row_h = f->button_h;
  int kb_avail = f->ch - row_h - f->gap;
  ui_keys_t keys;
  ui_keyboard_keys(ui, f, postcode, ui->person.keys_digits, kb_avail, &keys);
  ui_rect_t kb = ui_keyboard_box(f, &keys, kb_avail);
  ui_key_grid(ui, sc, f, kb, &keys);
  int kb_y = kb.y;

  /* Title and hint in whatever room the keyboard leaves. */
  int row_y = kb_y - f->gap - row_h;
  int text_h = row_y - f->cy - f->gap;
  const char *title = postcode ? ui_tr(ui, "Your postcode") : ui_tr(ui, "Your family name");
  const char *hint = postcode
      ? ui_tr(ui, "We need one more detail to be sure it is you.")
      : ui_tr(ui, "Your surname, as on your appointment letter. You can leave out accents.");
  if (text_h >= f->heading + f->gap) {
    scene_text_style_t ts = ui_style(f, UI_TK_TITLE, "keys.title");
    ts.min_font_px = f->body;
    ts.wrap = false;
    int used = scene_text(sc, &ui->measurer, f->cx, f->cy, f->cw, f->title * 5 / 4, title, &ts);
    int hint_h = text_h - used - f->gap / 2;
    scene_text_style_t hs = ui_style(f, UI_TK_BODY, "keys.hint");
    hs.min_font_px = f->small;
    if (hint_h >= f->small * 5 / 4 &&
        ui_text_height(ui, f, f->cw, hint, &hs) <= hint_h)
      scene_text(sc, &ui->measurer, f->cx, f->cy + used + f->gap / 2, f->cw, hint_h, hint, &hs);
  }

  /* The field row: what was typed, Delete, Next. */
  int del_w = f->target * 3 / 2, next_w = f->target * 2;
  if (f->cw > 1200)
    del_w = next_w = f->target * 2 + f->target / 2;
  int field_w = f->cw - del_w - next_w - 2 * f->gap;
  const char *value = postcode ? ui->person.postcode : ui->person.name;
  scene_rect(sc, f->cx, row_y, field_w, row_h, th->field_active, th->primary, 4, 8, 0);
  scene_text_style_t vs = ui_style(f, UI_TK_HEADING, "keys.value");
  vs.valign = SCENE_ALIGN_CENTER;
  vs.min_font_px = f->small;
  if (!value[0]) {
    vs.color = th->muted;
    vs.bold = false;
    vs.font_px = f->body;
  }
  bool too_small = text_h < f->heading + f->gap;
  int value_y = row_y, value_h = row_h;
  if (too_small) {
    /* No room above the keyboard: the question goes in the field itself,
     * small, above what is typed, so the screen always shows it. */
    scene_text_style_t ts = ui_style(f, UI_TK_BODY_BOLD, "keys.title");
    ts.font_px = f->small;
    ts.min_font_px = f->small * 3 / 4;
    ts.wrap = false;
    ts.color = th->secondary_text;
    int title_h = scene_text(sc, &ui->measurer, f->cx + f->gap, row_y + 4, field_w - 2 * f->gap,
                             row_h * 2 / 5, title, &ts);
    value_y = row_y + 4 + title_h;
    value_h = row_y + row_h - 4 - value_y;
    if (!value[0])
      vs.font_px = f->small;
  }
  if (vs.font_px > value_h * 2 / 3)
    vs.font_px = value_h * 2 / 3;
  if (vs.min_font_px > value_h * 2 / 5)
    vs.min_font_px = value_h * 2 / 5;
  const char *shown = value[0] ? value : ui_tr(ui, "Touch the letters");
  scene_text(sc, &ui->measurer, f->cx + f->gap, value_y, field_w - 2 * f->gap, value_h, shown,
             &vs);
  ui_button(ui, sc, f, (ui_rect_t){f->cx + field_w + f->gap, row_y, del_w, row_h},
            ui_tr(ui, "Delete"), UI_BTN_SECONDARY, UI_T_DELETE, "keys.delete");
  ui_button(ui, sc, f, (ui_rect_t){f->cx + field_w + del_w + 2 * f->gap, row_y, next_w, row_h},
            ui_tr(ui, "Next"), UI_BTN_PRIMARY, UI_T_NEXT, "keys.next");
}

/* The family name screen. */
static void ui_name_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_keyboard_screen(ui, sc, f, false);
}

/* The postcode screen. */
static void ui_postcode_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_keyboard_screen(ui, sc, f, true);
}

/* "We couldn't find you". */
static void ui_not_found_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "notfound.title", ui_tr(ui, "We couldn't find you"));
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "notfound.body",
               ui_tr(ui, "Please ask at reception. They will be glad to help you."));
  ui_flow_first_page(&fl); /* what to do, with the title, on page 1 */
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "notfound.again",
               ui_tr(ui, "You can also try again. Check the date of birth and the spelling "
                         "of the family name."));
  const ui_choice_t buttons[] = {{ui_tr(ui, "Try again"), UI_T_TRY_AGAIN, UI_BTN_PRIMARY},
                                 {ui_tr(ui, "Finish"), UI_T_FINISH, UI_BTN_SECONDARY}};
  ui_message_screen(ui, sc, f, &fl, buttons, 2);
}

/* "Please ask at reception": identification is paused. */
static void ui_locked_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  int64_t left = ident_lockout_remaining_ms(&ui->lockout, ui->now_ms);
  unsigned long minutes = left <= 0 ? 0 : (unsigned long)((left + 59999) / 60000);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "locked.title", ui_tr(ui, "Please ask at reception"));
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "locked.body",
               ui_tr(ui, "To protect everyone's privacy, finding people on this screen is "
                         "paused for a short time."));
  ui_flow_gap(&fl, f->gap);
  char when[160];
  ui_plural(ui, when, sizeof when, "You can try again in %lu minute.",
            "You can try again in %lu minutes.", minutes);
  if (minutes > 0)
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "locked.minutes", when);
  else
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "locked.minutes", ui_tr(ui, "You can try again now."));
  ui_flow_first_page(&fl); /* what to do, with the title, on page 1 */
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "locked.support",
               ui_tr(ui, "You can still read about support services."));
  const ui_choice_t buttons[] = {
      {minutes ? ui_tr(ui, "Support services") : ui_tr(ui, "Try again"),
       minutes ? UI_T_SUPPORT : UI_T_TRY_AGAIN, UI_BTN_PRIMARY},
      {ui_tr(ui, "Finish"), UI_T_FINISH, UI_BTN_SECONDARY}};
  ui_message_screen(ui, sc, f, &fl, buttons, 2);
}

/* Taps on the paused screen: try again once the pause is over. */
static void ui_locked_tap(ui_t *ui, int target)
{
  ui_not_found_tap(ui, target);
}

/* "Is this you?" */
static void ui_confirm_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  const patient_t *pt = &ui->person.patient;
  char date[64] = "";
  i18n_format_date(ui->lang, pt->date_of_birth, date, sizeof date);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "confirm.title", ui_tr(ui, "Is this you?"));
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap * 2);
  ui_flow_panel(&fl, false);
  ui_flow_textf(&fl, UI_TK_NAME, "confirm.name", "%s %s", pt->given_name, pt->family_name);
  ui_flow_gap(&fl, f->gap / 2);
  ui_flow_textf(&fl, UI_TK_HEADING, "confirm.dob", "%s: %s", ui_tr(ui, "Date of birth"), date);
  ui_flow_end_panel(&fl);
  const ui_choice_t buttons[] = {{ui_tr(ui, "Yes, this is me"), UI_T_YES, UI_BTN_PRIMARY},
                                 {ui_tr(ui, "No, this is not me"), UI_T_NO, UI_BTN_SECONDARY}};
  ui_message_screen(ui, sc, f, &fl, buttons, 2);
  sodium_memzero(&fl, sizeof fl);
}

/* The store could not answer: a kind message, never "we couldn't find you". */
static void ui_store_fault_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, false, true);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "storefault.title",
               ui_tr(ui, "Sorry, we cannot look up your details just now"));
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "storefault.body",
               ui_tr(ui, "This is a problem with this screen, not with your details."));
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY_BOLD, "storefault.reception",
               ui_tr(ui, "Please ask at reception. They will be glad to help you."));
  ui_flow_first_page(&fl); /* what to do, with the title, on page 1 */
  const ui_choice_t buttons[] = {{ui_tr(ui, "Try again"), UI_T_TRY_AGAIN, UI_BTN_SECONDARY},
                                 {ui_tr(ui, "Finish"), UI_T_FINISH, UI_BTN_PRIMARY}};
  ui_message_screen(ui, sc, f, &fl, buttons, 2);
}

/* Taps on the store fault screen: start again, or finish. */
static void ui_store_fault_tap(ui_t *ui, int target)
{
  if (target == UI_T_TRY_AGAIN)
    ui_identify_start(ui);
  else if (target == UI_T_FINISH)
    ui_finish(ui);
  else if (target == UI_T_BACK)
    ui_identify_leave(ui);
}

const ui_screen_def_t ui_identify_screens[] = {
  {UI_SCREEN_DOB, "dob", ui_dob_draw, ui_dob_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_NAME, "name", ui_name_draw, ui_name_tap, UI_SCREEN_DOB},
  {UI_SCREEN_POSTCODE, "postcode", ui_postcode_draw, ui_postcode_tap, UI_SCREEN_NAME},
  {UI_SCREEN_NOT_FOUND, "not-found", ui_not_found_draw, ui_not_found_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_LOCKED, "locked", ui_locked_draw, ui_locked_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_CONFIRM, "confirm", ui_confirm_draw, ui_confirm_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_STORE_FAULT, "store-fault", ui_store_fault_draw, ui_store_fault_tap, UI_SCREEN_COUNT},
};
const size_t ui_identify_screen_count = sizeof ui_identify_screens / sizeof ui_identify_screens[0];
