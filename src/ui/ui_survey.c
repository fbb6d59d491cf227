/*
 * The patient's own answers, and the kiosk's other anonymous counts.
 *
 * Two optional questions in the Patient Experience Survey's terms, each
 * asked at most once a journey and only of a patient printing their own
 * card: "Did you already know who your key worker is?" while the card
 * prints (the patient waits anyway), and "Was this easy to use?" when it is
 * out, on a screen that says "Please take your card" and finishes in one
 * tap like the printing screen it stands for. Skipping is one tap. When the
 * print ends, its news replaces the first question whether answered or not:
 * a fault at once (the printing screen), a card that is out with the second
 * question, so what the screen shows after a print never depends on how
 * fast the patient answered.
 *
 * An answer leaves at once as an anonymous count (UI_ACT_COUNT, kept per
 * calendar month: core/store_counts.h), never with the person's record, the
 * time or anything else that could tie it to them. The languages chosen and
 * the support categories opened are counted the same way. The one record
 * here that names the patient is the language they chose, sent to the
 * audit log when they confirm who they are ("language_stated"), so central
 * can record their language preference (Welsh Language Standards).
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <string.h>

/* Ask the host to count one more of name (a fixed word). */
static void ui_count(ui_t *ui, const char *name)
{
  ui_action_t act = {.kind = UI_ACT_COUNT};
  snprintf(act.event, sizeof act.event, "%s", name);
  ui_push_action(ui, &act);
}

/* The translation of msgid in the ui's language, msgctxt ctx. */
static const char *ui_survey_tr(const ui_t *ui, const char *ctx, const char *msgid)
{
  return i18n_get(ui->cat, ui->lang, ctx, msgid);
}

void ui_survey_reset(ui_t *ui) { memset(&ui->survey, 0, sizeof ui->survey); }

void ui_survey_language_chosen(ui_t *ui, lang_t lang)
{
  if (ui->staff)
    return;
  ui_count(ui, lang == LANG_CY ? "kiosk.language.cy" : "kiosk.language.en");
  ui->survey.lang_stated = true;
  ui->survey.stated_lang = lang;
  /* Changed after confirming who they are: the newer preference. */
  if (ui->person.has_patient && (ui->screen == UI_SCREEN_KEY_WORKER || ui->screen == UI_SCREEN_NO_KEY_WORKER))
    ui_survey_identified(ui);
}

void ui_survey_identified(ui_t *ui)
{
  char detail[64];
  if (ui->staff || !ui->survey.lang_stated || !ui->person.has_patient)
    return;
  snprintf(detail, sizeof detail, "nhs=%s lang=%s", ui->person.patient.nhs_number,
           i18n_lang_code(ui->survey.stated_lang));
  ui_audit(ui, "kiosk", "language_stated", detail);
}

void ui_survey_support_viewed(ui_t *ui, const char *category)
{
  char name[64];
  if (ui->staff)
    return;
  snprintf(name, sizeof name, "kiosk.support_viewed.%s", category);
  ui_count(ui, name);
}

/* Show question q, once a journey, to a patient with their own card. */
static void ui_survey_ask(ui_t *ui, ui_survey_question_t q)
{
  bool *asked = q == UI_SURVEY_KNEW ? &ui->survey.asked_knew : &ui->survey.asked_easy;
  if (ui->staff || *asked || ui->print_kind != UI_ACT_PRINT_CARD || !ui->person.has_key_worker)
    return;
  *asked = true;
  ui->survey.question = q;
  ui_go(ui, UI_SCREEN_SURVEY);
}

void ui_survey_card_printing(ui_t *ui)
{
  if (ui->print_phase == UI_PRINT_WAITING)
    ui_survey_ask(ui, UI_SURVEY_KNEW);
}

void ui_survey_print_ended(ui_t *ui)
{
  if (ui->screen != UI_SCREEN_SURVEY && ui->screen != UI_SCREEN_PRINTING)
    return;
  /* Whatever was asked: a fault is news the patient needs now, and a card
   * that is out means "please take your card", with the second question. */
  if (ui->print_phase == UI_PRINT_OUT)
    ui_survey_ask(ui, UI_SURVEY_EASY);
  if (ui->screen == UI_SCREEN_SURVEY && ui->survey.question == UI_SURVEY_KNEW)
    ui_go(ui, UI_SCREEN_PRINTING);
}

/* The texts of the question screen, in the order shown and said: the
 * flow's texts, then the buttons. */
typedef struct {
  const char *status, *title, *body, *question, *note;
  ui_choice_t buttons[3];
  int nbuttons;
  const char *skip;       /* the first question's Skip, in the top bar */
} ui_survey_view_t;

/* What the question screen shows now. */
static void ui_survey_view(const ui_t *ui, ui_survey_view_t *v)
{
  bool knew = ui->survey.question == UI_SURVEY_KNEW;
  const char *ctx = knew ? "survey.knew" : "survey.easy";
  memset(v, 0, sizeof *v);
  if (knew) {
    v->status = ui_survey_tr(ui, "survey", "We are printing your card.");
    v->question = ui_survey_tr(ui, "survey", "Did you already know who your key worker is?");
  } else {
    v->title = ui_tr(ui, "Please take your card");
    v->body = ui_tr(ui, "The card is in the printer tray. Keep it somewhere safe and bring it to "
                        "your appointments.");
    v->question = ui_survey_tr(ui, "survey", "Was this easy to use?");
  }
  v->note = ui_survey_tr(ui, "survey", "You do not have to answer. Your answer is not kept with your name or details.");
  v->buttons[0] = (ui_choice_t){ui_survey_tr(ui, ctx, "Yes"), UI_T_ANSWER_YES, UI_BTN_SECONDARY};
  v->buttons[1] = (ui_choice_t){ui_survey_tr(ui, ctx, "No"), UI_T_ANSWER_NO, UI_BTN_SECONDARY};
  /* After the card, Finish is the bar's (one Finish a screen). */
  v->buttons[2] = (ui_choice_t){ui_survey_tr(ui, ctx, "Not sure"), UI_T_ANSWER_NOT_SURE,
                                UI_BTN_SECONDARY};
  v->nbuttons = knew ? 3 : 2;
  v->skip = knew ? ui_survey_tr(ui, "survey", "Skip") : NULL;
}

/* The question screen: the texts beside or above the answers. */
static void ui_survey_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  bool knew = ui->survey.question == UI_SURVEY_KNEW;
  ui_survey_view_t v;
  ui_survey_view(ui, &v);
  /* The first question is asked only while the card prints: like the
   * printing screen then, it has no way back, and Skip takes Back's place
   * (three answers fit where the key worker screen's three buttons do). */
  ui_top_bar(ui, sc, f, knew ? v.skip : ui_tr(ui, "Back"), knew ? UI_T_SKIP : UI_T_BACK, !knew,
             true);
  ui_rect_t box = ui_side_actions(ui, sc, f, v.buttons, v.nbuttons, NULL);
  ui_flow_t fl;
  ui_flow_init(&fl);
  if (knew) {
    ui_flow_text(&fl, UI_TK_BODY, "survey.status", v.status);
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_text(&fl, UI_TK_TITLE, "survey.question", v.question);
  } else {
    ui_flow_text(&fl, UI_TK_TITLE, "print.done.title", v.title);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.done.body", v.body);
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_text(&fl, UI_TK_HEADING, "survey.question", v.question);
  }
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_SMALL, "survey.note", v.note);
  ui_flow_draw(ui, sc, f, &fl, box);
}

void ui_survey_speech(ui_t *ui, scene_t *sc)
{
  ui_survey_view_t v;
  ui_survey_view(ui, &v);
  const char *texts[] = {v.status, v.title, v.body, v.question, v.note};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (texts[i])
      scene_say(sc, ui->lang, texts[i], 0);
  for (int i = 0; i < v.nbuttons; i++)
    scene_say(sc, ui->lang, v.buttons[i].text, 0);
  scene_say(sc, ui->lang, v.skip ? v.skip : ui_tr(ui, "Back"), 0);
}

/* Taps on the question screen: an answer is counted and the journey goes
 * on (from the first question, to the card's progress); Skip goes on; on
 * the second, Finish finishes and Back returns as from the printing screen. */
static void ui_survey_tap(ui_t *ui, int target)
{
  static const char *const knew[] = {"survey.knew_key_worker.yes", "survey.knew_key_worker.no",
                                     "survey.knew_key_worker.not_sure"};
  static const char *const easy[] = {"survey.easy_to_use.yes", "survey.easy_to_use.no"};
  bool is_knew = ui->survey.question == UI_SURVEY_KNEW;
  int answer = target == UI_T_ANSWER_YES ? 0 : target == UI_T_ANSWER_NO ? 1
             : target == UI_T_ANSWER_NOT_SURE && is_knew ? 2 : -1;
  if (answer >= 0)
    ui_count(ui, is_knew ? knew[answer] : easy[answer]);
  if (!is_knew && target == UI_T_FINISH) {
    ui_finish(ui);
  } else if (!is_knew && target == UI_T_BACK) {
    ui->print_phase = UI_PRINT_IDLE;
    ui_go(ui, ui->print_return);
  } else if (answer >= 0 || (is_knew && target == UI_T_SKIP)) {
    ui_go(ui, UI_SCREEN_PRINTING);
  }
}

const ui_screen_def_t ui_survey_screens[] = {
  {UI_SCREEN_SURVEY, "survey", ui_survey_draw, ui_survey_tap, UI_SCREEN_COUNT},
};
const size_t ui_survey_screen_count = sizeof ui_survey_screens / sizeof ui_survey_screens[0];
