/*
 * The patient's screens after the welcome: the key worker (name, role,
 * team, phone largest, hours, what they help with, and plainly that they
 * are not an emergency contact), the kind "no key worker yet" message, the
 * key worker leaflet, and printing with every fault explained. Also the
 * welcome screen itself: Cymraeg and English side by side, Welsh first,
 * no flags, and a way in for carers and family.
 *
 * The wording of "what a key worker does" and of the emergency advice is
 * the leaflet's (src/core/leaflet.h), so the screen, the leaflet and the
 * card never disagree.
 */
#include "core/content.h"
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/card.h"
#include "core/rules.h"

/* The key worker leaflet in the ui's language (cached). */
const leaflet_t *ui_leaflet(ui_t *ui)
{
  if (!ui->leaflets[ui->lang]) {
    char err[256];
    leaflet_site_t site = content_leaflet_site(ui->cfg, ui->lang);
    ui->leaflets[ui->lang] = leaflet_build(ui->cat, ui->lang, &site, err, sizeof err);
  }
  return ui->leaflets[ui->lang];
}

/* A message screen: the flow above, a row of buttons below; on a short
 * landscape content area (a 5-inch panel) the buttons go in a column at
 * the right instead, so the flow keeps the height a page rail needs (two
 * targets and the page count between them). */
void ui_message_screen(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl,
                       const ui_choice_t *buttons, int n)
{
  if (n <= 0) {
    ui_flow_draw(ui, sc, f, fl, ui_content(f));
    return;
  }
  ui_rect_t c = ui_content(f);
  int per_row = n;
  if (f->portrait || c.w / n < f->target * 3)
    per_row = 1;
  int bh = ui_button_stack_height(f, per_row, n);
  int rail_h = 2 * f->target + 2 * f->small;
  if (!f->portrait && c.h - bh - 2 * f->gap < rail_h && ui_button_stack_height(f, 1, n) <= c.h) {
    ui_flow_draw(ui, sc, f, fl, ui_side_actions(ui, sc, f, buttons, n, NULL));
    return;
  }
  int bw = c.w;
  if (per_row > 1 && bw > n * 560)
    bw = n * 560;
  ui_flow_draw(ui, sc, f, fl, (ui_rect_t){c.x, c.y, c.w, c.h - bh - 2 * f->gap});
  ui_button_stack(ui, sc, f, (ui_rect_t){c.x, c.y + c.h - bh, bw, bh}, per_row, buttons, n);
}

/* Where a screen with actions puts them: a column at the right in
 * landscape, rows at the bottom in portrait. Returns the flow box. */
ui_rect_t ui_side_actions(ui_t *ui, scene_t *sc, const ui_frame_t *f, const ui_choice_t *buttons,
                          int n, ui_rect_t *spare)
{
  ui_rect_t flow = ui_content(f);
  if (spare)
    *spare = (ui_rect_t){0, 0, 0, 0};
  if (n <= 0)
    return flow;
  if (f->portrait || f->cw >= 1600) {
    /* Rows at the bottom: one per button in portrait, one row when wide. */
    int per_row = f->portrait ? 1 : n;
    int bh = ui_button_stack_height(f, per_row, n);
    int bw = per_row > 1 && f->cw > n * 600 ? n * 600 : f->cw;
    ui_button_stack(ui, sc, f, (ui_rect_t){f->cx, f->cy + f->ch - bh, bw, bh}, per_row, buttons,
                    n);
    flow.h = f->ch - bh - 2 * f->gap;
    return flow;
  }
  int aw = f->cw * 30 / 100;
  /* On a small screen the content (the safety information) needs the
   * width more than the buttons need three targets of it. */
  int min_aw = f->compact ? f->target * 2 : f->target * 3;
  if (aw < min_aw)
    aw = min_aw;
  if (aw > 560)
    aw = 560;
  /* More buttons than the column holds (a 5-inch panel; its bottom margin
   * may take the last few pixels of three): two a row. */
  int per_row = ui_button_stack_height(f, 1, n) > f->ch + f->margin && n > 1 ? 2 : 1;
  if (per_row == 2 && aw < f->cw * 2 / 5)
    aw = f->cw * 2 / 5;
  if (per_row == 2 && aw < 2 * f->target + f->gap)
    aw = 2 * f->target + f->gap;
  int bh = ui_button_stack_height(f, per_row, n);
  ui_button_stack(ui, sc, f, (ui_rect_t){f->cx + f->cw - aw, f->cy, aw, bh}, per_row, buttons, n);
  flow.w = f->cw - aw - 2 * f->gap;
  if (spare)
    *spare = (ui_rect_t){f->cx + f->cw - aw, f->cy + bh + 2 * f->gap, aw,
                         f->ch - bh - 2 * f->gap};
  return flow;
}

/* ---- welcome ---- */

typedef struct {
  const char *cy, *en;     /* texts, or button labels */
  ui_text_kind_t kind;
  int target_cy, target_en;/* buttons when non-zero */
  ui_button_kind_t button;
  int priority;            /* 0: always shown; higher numbers go first when short of room */
  int height;
  const char *label;       /* texts: welcome.LABEL.cy / .en */
} ui_welcome_row_t;

/* The welcome screen: two columns, Welsh on the left. */
static void ui_welcome_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  char site[512];
  ui_top_bar(ui, sc, f, content_site_name_both(ui->cfg, site, sizeof site), 0, false, false);
  int col_w = (f->cw - 2 * f->gap) / 2;
  ui_welcome_row_t rows[] = {
    {ui_tr_in(ui, LANG_CY, "Welcome"), ui_tr_in(ui, LANG_EN, "Welcome"), UI_TK_TITLE, 0, 0, 0, 3, 0, "title"},
    {ui_tr_in(ui, LANG_CY, "Find your key worker and print your card. Choose your language:"),
     ui_tr_in(ui, LANG_EN, "Find your key worker and print your card. Choose your language:"),
     UI_TK_BODY, 0, 0, 0, 0, 0, "instructions"},
    {"Cymraeg", "English", UI_TK_TITLE, UI_T_START_CY, UI_T_START_EN, UI_BTN_HERO, 0, 0, NULL},
    {ui_tr_in(ui, LANG_CY, "Looking for support for yourself, a carer or family? No need to "
                           "give your details."),
     ui_tr_in(ui, LANG_EN, "Looking for support for yourself, a carer or family? No need to "
                           "give your details."),
     UI_TK_BODY, 0, 0, 0, 2, 0, "carers"},
    {ui_tr_in(ui, LANG_CY, "Support for carers and family"),
     ui_tr_in(ui, LANG_EN, "Support for carers and family"), UI_TK_BODY_BOLD, UI_T_CARER_CY,
     UI_T_CARER_EN, UI_BTN_SECONDARY, 0, 0, NULL},
    {ui_tr_in(ui, LANG_CY, "What would you like to talk about?"),
     ui_tr_in(ui, LANG_EN, "What would you like to talk about?"), UI_TK_BODY_BOLD,
     UI_T_CONCERNS_CY, UI_T_CONCERNS_EN, UI_BTN_SECONDARY, 0, 0, NULL},
    {ui_tr_in(ui, LANG_CY, "Have your appointment letter? You can scan its barcode."),
     ui_tr_in(ui, LANG_EN, "Have your appointment letter? You can scan its barcode."),
     UI_TK_MUTED, 0, 0, 0, 4, 0, "barcode"},
  };
  enum { NROWS = sizeof rows / sizeof rows[0] };
  bool shown[NROWS];
  int total = 0, count = 0;
  for (int i = 0; i < NROWS; i++) {
    ui_welcome_row_t *r = &rows[i];
    if (r->target_cy == UI_T_CONCERNS_CY && !ui_concerns_offered(ui)) {
      shown[i] = false;
      continue;
    }
    if (r->target_cy) {
      /* Portrait screens have height to spare: bigger, easier targets. */
      int tall = f->portrait ? 2 : 1;
      r->height = r->button == UI_BTN_HERO ? f->button_h * 3 * tall / 2 : f->button_h * (1 + tall) / 2;
    } else {
      scene_text_style_t st = ui_style(f, r->kind, "welcome.text");
      int a = ui_text_height(ui, f, col_w, r->cy, &st), b = ui_text_height(ui, f, col_w, r->en, &st);
      r->height = a > b ? a : b;
    }
    shown[i] = true;
    total += r->height;
    count++;
  }
  int gap = f->gap * 2;
  for (int drop = 4; drop >= 1 && total + (count - 1) * gap > f->ch; drop--)
    for (int i = 0; i < NROWS; i++)
      if (shown[i] && rows[i].priority == drop) {
        shown[i] = false;
        total -= rows[i].height;
        count--;
      }
  if (total + (count - 1) * gap > f->ch)
    gap = f->gap;
  /* Still short of room (a small screen at a large text size): the
   * buttons at their standard height, then the instructions, which are
   * always shown, smaller. */
  for (int i = 0; i < NROWS && total + (count - 1) * gap > f->ch; i++)
    if (shown[i] && rows[i].target_cy && rows[i].height > f->button_h) {
      total -= rows[i].height - f->button_h;
      rows[i].height = f->button_h;
    }
  /* Still short of room: the checklist's row goes (it is also one tap
   * away on the support screen, through "Support for carers and family"). */
  for (int i = 0; i < NROWS && total + (count - 1) * gap > f->ch; i++)
    if (shown[i] && rows[i].target_cy == UI_T_CONCERNS_CY) {
      shown[i] = false;
      total -= rows[i].height;
      count--;
    }
  int instructions_px = 0;
  if (total + (count - 1) * gap > f->ch) {
    ui_welcome_row_t *r = &rows[1];
    int room = f->ch - (total - r->height) - (count - 1) * gap;
    const char *longer = strlen(r->cy) > strlen(r->en) ? r->cy : r->en;
    instructions_px = ui_fit_px(ui, f, longer, false, col_w, room, f->body, f->small / 2);
    total -= r->height;
    r->height = room;
    total += room;
  }
  int y = f->cy + (f->ch - total - (count - 1) * gap) / 2;
  if (y < f->cy)
    y = f->cy;
  int x_cy = f->cx, x_en = f->cx + col_w + 2 * f->gap;
  for (int i = 0; i < NROWS; i++) {
    const ui_welcome_row_t *r = &rows[i];
    if (!shown[i])
      continue;
    if (i == 3 || (i == 4 && !shown[3]))
      scene_line(sc, f->cx, y - gap / 2, f->cx + f->cw, y - gap / 2, f->th.border, 2);
    if (r->target_cy) {
      ui_button(ui, sc, f, (ui_rect_t){x_cy, y, col_w, r->height}, r->cy, r->button, r->target_cy,
                "welcome.button.cy");
      ui_button(ui, sc, f, (ui_rect_t){x_en, y, col_w, r->height}, r->en, r->button, r->target_en,
                "welcome.button.en");
    } else {
      char label_cy[32], label_en[32];
      snprintf(label_cy, sizeof label_cy, "welcome.%s.cy", r->label);
      snprintf(label_en, sizeof label_en, "welcome.%s.en", r->label);
      scene_text_style_t st_cy = ui_style(f, r->kind, label_cy);
      scene_text_style_t st_en = ui_style(f, r->kind, label_en);
      if (i == 1 && instructions_px)
        st_cy.font_px = st_cy.min_font_px = st_en.font_px = st_en.min_font_px = instructions_px;
      scene_text(sc, &ui->measurer, x_cy, y, col_w, r->height, r->cy, &st_cy);
      scene_text(sc, &ui->measurer, x_en, y, col_w, r->height, r->en, &st_en);
    }
    y += r->height + gap;
  }
}

/* Taps on the welcome screen. */
static void ui_welcome_tap(ui_t *ui, int target)
{
  switch (target) {
  case UI_T_START_CY:
  case UI_T_START_EN:
    ui->lang = target == UI_T_START_CY ? LANG_CY : LANG_EN;
    ui_identify_start(ui);
    ui_survey_language_chosen(ui, ui->lang);
    break;
  case UI_T_CONCERNS_CY:
  case UI_T_CONCERNS_EN:
    if (!ui_concerns_offered(ui))
      break;
    ui->lang = target == UI_T_CONCERNS_CY ? LANG_CY : LANG_EN;
    ui_survey_language_chosen(ui, ui->lang);
    ui_wipe_person(ui);
    ui_concerns_open(ui, UI_SCREEN_WELCOME);
    break;
  case UI_T_CARER_CY:
  case UI_T_CARER_EN:
    ui->lang = target == UI_T_CARER_CY ? LANG_CY : LANG_EN;
    ui_survey_language_chosen(ui, ui->lang);
    ui_wipe_person(ui);
    ui->carer = true;
    ui_support_open(ui);
    break;
  default:
    break;
  }
}

/* ---- key worker ---- */

/* Whether everything fl must show on page 1 is there when drawn in box,
 * with its body text no smaller than at 100 % (tried on a scratch scene;
 * fl, ui->page and the scene's faults are left as they were). Shrinking a
 * 200 % text below the normal size defeats the person who asked for it:
 * the caller uses fewer words instead. */
static bool ui_flow_fits_first_page(ui_t *ui, const ui_frame_t *f, const ui_flow_t *fl,
                                    ui_rect_t box, int cols)
{
  ui_flow_t *trial = malloc(sizeof *trial);
  scene_t *scratch = scene_new(ui->width, ui->height, f->th.bg);
  bool fits = trial && scratch;
  int before = ui->flow_faults, laters = ui->flow_laters, page = ui->page;
  if (fits) {
    memcpy(trial, fl, sizeof *trial);
    ui_flow_draw_cols(ui, scratch, f, trial, box, cols);
    int body_100_px = f->body * 100 / (ui->text_percent > 0 ? ui->text_percent : 100);
    fits = ui->flow_faults == before &&
           ui->flow_body_px >= (body_100_px < f->body ? body_100_px : f->body);
    sodium_memzero(trial, sizeof *trial);
  }
  scene_free(scratch);
  free(trial);
  ui->flow_faults = before;
  ui->flow_laters = laters;
  ui->page = page;
  return fits;
}

/* The emergency advice: the leaflet's "not an emergency contact" section,
 * found by its id (never by position). */
static void ui_flow_emergency(ui_t *ui, ui_flow_t *fl, bool short_form)
{
  const leaflet_t *lf = ui_leaflet(ui);
  const leaflet_section_t *sec = lf ? leaflet_section_find(lf, LEAFLET_SECTION_NOT_EMERGENCY)
                                    : NULL;
  ui_flow_panel(fl, true);
  ui_flow_text(fl, UI_TK_BODY_BOLD, "emergency.heading",
               sec ? sec->heading : ui_tr(ui, "Your key worker is not an emergency contact"));
  ui_flow_keep(fl);
  if (short_form) {
    /* The card's short forms, when the leaflet's sentences cannot all be
     * on page 1 even smaller (a 5-inch panel at 200 %): every number
     * stays, the words around them go. */
    ui_flow_textf(fl, UI_TK_BODY, "emergency.item", "\xe2\x80\xa2 %s",
                  i18n_get(ui->cat, ui->lang, "card",
                           "In an emergency call 999. For urgent advice call NHS 111 Wales."));
    char e164[RULES_PHONE_MAX], phone[64], line[320];
    const char *why;
    if (ui->cfg->acute_oncology_phone[0] &&
        rules_phone(ui->cfg->acute_oncology_phone, false, e164, &why)) {
      card_format_phone(e164, ui_tr(ui, "ext."), phone, sizeof phone);
      const char *args[1] = {phone};
      if (!i18n_format_args(line, sizeof line,
                            i18n_get(ui->cat, ui->lang, "card", "Acute oncology line: %s"), args, 1))
        snprintf(line, sizeof line, "%s", phone);
      ui_flow_textf(fl, UI_TK_BODY, "emergency.item", "\xe2\x80\xa2 %s", line);
    }
    ui_flow_first_page(fl);
    ui_flow_end_panel(fl);
    return;
  }
  bool first = true;
  for (size_t i = 0; sec && i < sec->block_count; i++) {
    if (sec->blocks[i].kind != LEAFLET_BULLET)
      continue;
    ui_flow_textf(fl, UI_TK_BODY, "emergency.item", "\xe2\x80\xa2 %s", sec->blocks[i].text);
    first = false;
  }
  /* The whole panel (its heading, 999, the acute oncology line, NHS 111)
   * is on page 1, with the name and phone before it: the text shrinks
   * rather than page any of it away (issue 12). */
  ui_flow_first_page(fl);
  (void)first;
  ui_flow_end_panel(fl);
}

/* What a key worker helps with, from the leaflet's section on it. */
static void ui_flow_helps_with(ui_t *ui, ui_flow_t *fl)
{
  const leaflet_t *lf = ui_leaflet(ui);
  const leaflet_section_t *sec = lf ? leaflet_section_find(lf, LEAFLET_SECTION_WHAT_THEY_DO)
                                    : NULL;
  if (!sec)
    return;
  ui_flow_text(fl, UI_TK_HEADING, "kw.helps.heading", sec->heading);
  ui_flow_keep(fl);
  /* Smaller than the contact details and the emergency advice: the full
   * text is in the leaflet, one tap away. */
  for (size_t i = 0; i < sec->block_count; i++) {
    if (sec->blocks[i].kind == LEAFLET_BULLET)
      ui_flow_textf(fl, UI_TK_SMALL, "kw.helps.item", "\xe2\x80\xa2 %s", sec->blocks[i].text);
    else {
      ui_flow_text(fl, UI_TK_SMALL, "kw.helps.text", sec->blocks[i].text);
      ui_flow_keep(fl);
    }
  }
}

/* How many of the key worker screen's buttons it shows: the fourth, the
 * concerns checklist, when offered and the column has room for it (on a
 * small landscape screen it is one tap further, on the support screen). */
int ui_key_worker_buttons(const ui_t *ui, const ui_frame_t *f)
{
  if (!ui_concerns_offered(ui))
    return 3;
  if (f->portrait || f->cw >= 1600 || ui_button_stack_height(f, 1, 4) <= f->ch)
    return 4;
  return 3;
}

/* The key worker screen. */
static void ui_key_worker_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, NULL, 0, true, true);
  const key_worker_t *kw = &ui->person.key_worker;
  const ui_choice_t buttons[] = {
      {ui_tr(ui, "Print my card"), UI_T_PRINT_CARD, UI_BTN_PRIMARY},
      {ui_tr(ui, "Read about key workers"), UI_T_LEAFLET, UI_BTN_SECONDARY},
      {ui_tr(ui, "Support services"), UI_T_SUPPORT, UI_BTN_SECONDARY},
      {ui_tr(ui, "What would you like to talk about?"), UI_T_CONCERNS, UI_BTN_SECONDARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, ui_key_worker_buttons(ui, f), NULL);

  char phone[64];
  card_format_phone(kw->phone, ui_tr(ui, "ext."), phone, sizeof phone);
  const char *role = ui->lang == LANG_CY ? kw->role_cy : kw->role_en;
  const char *team = ui->lang == LANG_CY ? kw->team_cy : kw->team_en;
  const char *hours = ui->lang == LANG_CY ? kw->hours_cy : kw->hours_en;
  /* By priority (issue 12): the name, the phone number and the emergency
   * advice first, always on page 1 (ui_flow_first_page shrinks the text
   * rather than page them away); who they are and what a key worker does
   * may follow on later pages. In columns, the role and team stay under
   * the name. */
  int cols = ui_flow_columns(f, box.w);
  ui_flow_t fl;
  /* The leaflet's emergency sentences when they all fit on page 1 (tried
   * on a scratch scene), else the card's short forms (every number kept). */
  for (int pass = 0; pass < 2; pass++) {
    bool short_form = pass == 1;
    ui_flow_init(&fl);
    ui_flow_text(&fl, UI_TK_BODY, "kw.intro", ui_tr(ui, "Your key worker is"));
    ui_flow_keep(&fl);
    ui_flow_textf(&fl, UI_TK_NAME, "kw.name", "%s %s", kw->given_name, kw->family_name);
    ui_flow_keep(&fl);
    if (cols > 1) {
      ui_flow_text(&fl, UI_TK_BODY_BOLD, "kw.role", role);
      if (ui->cfg->show_team) /* a team's name can tell a stranger the diagnosis */
        ui_flow_text(&fl, UI_TK_BODY, "kw.team", team);
    }
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_panel(&fl, false);
    ui_flow_text(&fl, UI_TK_MUTED, "kw.phone.label", ui_tr(ui, "Phone"));
    ui_flow_keep(&fl);
    ui_flow_text(&fl, UI_TK_PHONE, "kw.phone", phone);
    if (hours[0])
      ui_flow_textf(&fl, UI_TK_BODY, "kw.hours", "%s: %s", ui_tr(ui, "When to call"), hours);
    if (kw->email[0] && cols > 1)
      ui_flow_textf(&fl, UI_TK_SMALL, "kw.email", "%s: %s", ui_tr(ui, "Email"), kw->email);
    ui_flow_end_panel(&fl);
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_break(&fl);
    ui_flow_emergency(ui, &fl, short_form);
    ui_flow_gap(&fl, f->gap * 2);
    if (cols == 1) {
      ui_flow_text(&fl, UI_TK_BODY_BOLD, "kw.role", role);
      if (ui->cfg->show_team)
        ui_flow_text(&fl, UI_TK_BODY, "kw.team", team);
      if (kw->email[0])
        ui_flow_textf(&fl, UI_TK_SMALL, "kw.email", "%s: %s", ui_tr(ui, "Email"), kw->email);
      ui_flow_gap(&fl, f->gap * 2);
    }
    if (cols > 2)
      ui_flow_break(&fl);
    ui_flow_helps_with(ui, &fl);
    if (short_form || ui_flow_fits_first_page(ui, f, &fl, box, cols)) {
      ui_flow_draw_cols(ui, sc, f, &fl, box, cols);
      break;
    }
    sodium_memzero(&fl, sizeof fl);
  }
  sodium_memzero(&fl, sizeof fl);
}

/* Ask the host to print the card, unless this journey has printed
 * [kiosk] card_prints_per_journey already: then a kind message. */
static void ui_print_card(ui_t *ui)
{
  if (ui->print_phase == UI_PRINT_WAITING)
    return;
  if (ui->person.cards_printed >= ui->cfg->card_prints_per_journey) {
    char detail[48];
    snprintf(detail, sizeof detail, "printed=%d", ui->person.cards_printed);
    ui_audit(ui, "kiosk", "card_limit", detail);
    ui->print_phase = UI_PRINT_LIMIT;
    ui->print_kind = UI_ACT_PRINT_CARD;
    ui->print_return = UI_SCREEN_KEY_WORKER;
    ui_go(ui, UI_SCREEN_PRINTING);
    return;
  }
  ui->person.cards_printed++;
  ui_action_t act = {.kind = UI_ACT_PRINT_CARD, .lang = ui->lang};
  act.patient = ui->person.patient;
  act.key_worker = ui->person.key_worker;
  snprintf(act.reason, sizeof act.reason, "new");
  snprintf(act.by, sizeof act.by, "kiosk");
  ui_start_print(ui, &act, UI_SCREEN_KEY_WORKER);
  sodium_memzero(&act, sizeof act);
  ui_survey_card_printing(ui);
}

/* Taps on the key worker screen. */
static void ui_key_worker_tap(ui_t *ui, int target)
{
  if (target == UI_T_PRINT_CARD)
    ui_print_card(ui);
  else if (target == UI_T_LEAFLET)
    ui_go(ui, UI_SCREEN_LEAFLET);
  else if (target == UI_T_SUPPORT)
    ui_support_open(ui);
  else if (target == UI_T_CONCERNS && ui_concerns_offered(ui))
    ui_concerns_open(ui, UI_SCREEN_KEY_WORKER);
}

/* No key worker recorded yet. */
static void ui_no_key_worker_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, NULL, 0, true, true);
  const ui_choice_t buttons[] = {
      {ui_tr(ui, "Read about key workers"), UI_T_LEAFLET, UI_BTN_SECONDARY},
      {ui_tr(ui, "Support services"), UI_T_SUPPORT, UI_BTN_SECONDARY},
      {ui_tr(ui, "What would you like to talk about?"), UI_T_CONCERNS, UI_BTN_SECONDARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, ui_concerns_offered(ui) ? 3 : 2, NULL);
  ui_flow_t fl;
  int cols = ui_flow_columns(f, box.w);
  for (int pass = 0; pass < 2; pass++) {
    ui_flow_init(&fl);
    ui_flow_text(&fl, UI_TK_TITLE, "nokw.title",
                 ui_tr(ui, "Your key worker has not been recorded yet"));
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "nokw.body",
                 ui_tr(ui, "This is not something you have done wrong. Everyone with cancer in "
                           "Wales should have a key worker, and we have let the team know."));
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "nokw.reception",
                 ui_tr(ui, "Please ask at reception. They can help you today."));
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_break(&fl);
    ui_flow_emergency(ui, &fl, pass == 1);
    if (pass == 1 || ui_flow_fits_first_page(ui, f, &fl, box, cols)) {
      ui_flow_draw_cols(ui, sc, f, &fl, box, cols);
      break;
    }
  }
}

/* Taps on the no key worker screen. */
static void ui_no_key_worker_tap(ui_t *ui, int target)
{
  if (target == UI_T_LEAFLET)
    ui_go(ui, UI_SCREEN_LEAFLET);
  else if (target == UI_T_SUPPORT)
    ui_support_open(ui);
  else if (target == UI_T_CONCERNS && ui_concerns_offered(ui))
    ui_concerns_open(ui, UI_SCREEN_NO_KEY_WORKER);
}

/* ---- leaflet ---- */

/* The key worker leaflet, paginated, printable. */
static void ui_leaflet_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, ui->person.has_patient, true);
  const ui_choice_t buttons[] = {{ui_tr(ui, "Print this leaflet"), UI_T_PRINT_LEAFLET,
                                  UI_BTN_PRIMARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, 1, NULL);
  const leaflet_t *lf = ui_leaflet(ui);
  ui_flow_t fl;
  ui_flow_init(&fl);
  if (lf) {
    ui_flow_text(&fl, UI_TK_TITLE, "leaflet.title", leaflet_title(lf));
    ui_flow_keep(&fl);
    ui_flow_text(&fl, UI_TK_MUTED, "leaflet.subtitle", leaflet_subtitle(lf));
    for (size_t s = 0; s < leaflet_section_count(lf); s++) {
      const leaflet_section_t *sec = leaflet_section(lf, s);
      /* The emergency advice stands out here as on the key worker screen. */
      bool warn = sec->id == LEAFLET_SECTION_NOT_EMERGENCY;
      ui_flow_gap(&fl, f->gap * 2);
      if (warn)
        ui_flow_panel(&fl, true);
      ui_flow_text(&fl, UI_TK_HEADING, "leaflet.heading", sec->heading);
      ui_flow_keep(&fl);
      for (size_t b = 0; b < sec->block_count; b++) {
        if (sec->blocks[b].kind == LEAFLET_BULLET)
          ui_flow_textf(&fl, UI_TK_BODY, "leaflet.bullet", "\xe2\x80\xa2 %s", sec->blocks[b].text);
        else
          ui_flow_text(&fl, UI_TK_BODY, "leaflet.text", sec->blocks[b].text);
      }
      if (warn)
        ui_flow_end_panel(&fl);
    }
  }
  ui_flow_draw_cols(ui, sc, f, &fl, box, ui_flow_columns(f, box.w));
}

/* Where the leaflet returns to. */
static ui_screen_t ui_leaflet_return(const ui_t *ui)
{
  if (ui->person.has_key_worker)
    return UI_SCREEN_KEY_WORKER;
  if (ui->person.has_patient)
    return UI_SCREEN_NO_KEY_WORKER;
  return UI_SCREEN_WELCOME;
}

/* Taps on the leaflet screen. */
static void ui_leaflet_tap(ui_t *ui, int target)
{
  if (target == UI_T_BACK) {
    ui_go(ui, ui_leaflet_return(ui));
  } else if (target == UI_T_PRINT_LEAFLET) {
    ui_action_t act = {.kind = UI_ACT_PRINT_LEAFLET, .lang = ui->lang};
    ui_start_print(ui, &act, UI_SCREEN_LEAFLET);
  }
}

/* ---- printing ---- */

/* The kind message for a printer fault. */
static const char *ui_fault_text(const ui_t *ui)
{
  switch (ui->print_fault) {
  case UI_FAULT_OFFLINE: return ui_tr(ui, "The printer is not working at the moment.");
  case UI_FAULT_NO_MEDIA: return ui_tr(ui, "The printer has run out of cards or paper.");
  case UI_FAULT_JAM: return ui_tr(ui, "The printer needs attention from a member of staff.");
  case UI_FAULT_TIMEOUT: return ui_tr(ui, "The printer did not answer in time.");
  default: return ui_tr(ui, "Something went wrong with the printer.");
  }
}

/* The print-fault screen's title, what to ask at reception, and where the
 * details are still (NULL: nowhere to say), for the patient. Only what is
 * true: reception can reprint a card (staff tools), but the kiosk never
 * keeps a concerns list, and a leaflet or slip is not theirs to print. */
const char *ui_print_fault_title(const ui_t *ui)
{
  return ui->print_kind == UI_ACT_PRINT_CONCERNS ? ui_tr(ui, "Sorry, we could not print your list")
                                                 : ui_tr(ui, "Sorry, we could not print");
}

const char *ui_print_fault_ask(const ui_t *ui)
{
  return ui->print_kind == UI_ACT_PRINT_CARD
             ? ui_tr(ui, "Please ask at reception. They can print it for you.")
             : ui_tr(ui, "Please ask at reception.");
}

const char *ui_print_fault_back(const ui_t *ui)
{
  if (ui->staff)
    return NULL;
  if (ui->print_kind == UI_ACT_PRINT_CARD)
    return ui_tr(ui, "Your key worker's details are still there if you go back.");
  if (ui->print_kind == UI_ACT_PRINT_CONCERNS)
    return ui_tr(ui, "Your list is still on the screen if you go back.");
  return NULL;
}

/* Printing: progress, "take your card", or a fault, never stuck. */
static void ui_printing_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  bool card = ui->print_kind == UI_ACT_PRINT_CARD;
  bool waiting = ui->print_phase == UI_PRINT_WAITING;
  /* No walking away from a card being printed; after it, Back and Finish
   * in the bar (the one Finish of the screen). Staff, who stay in staff
   * mode, have one way back: "Back to staff tools" (no bar Back, no Finish). */
  bool bar_back = !waiting && !ui->staff;
  ui_top_bar(ui, sc, f, bar_back ? ui_tr(ui, "Back") : NULL, bar_back ? UI_T_BACK : 0,
             bar_back, true);
  ui_flow_t fl;
  ui_flow_init(&fl);
  if (waiting) {
    ui_flow_text(&fl, UI_TK_TITLE, "print.title",
                 card ? ui_tr(ui, "Printing your card") : ui_tr(ui, "Printing"));
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.wait",
                 ui_tr(ui, "This takes up to a minute. Please wait here."));
    ui_flow_draw(ui, sc, f, &fl, ui_content(f));
    return;
  }
  if (ui->print_phase == UI_PRINT_LIMIT) {
    char printed[200];
    ui_plural(ui, printed, sizeof printed, "We have printed %lu card for you.",
              "We have printed %lu cards for you.", (unsigned long)ui->person.cards_printed);
    ui_flow_text(&fl, UI_TK_TITLE, "print.limit.title", ui_tr(ui, "You already have your card"));
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.limit.printed", printed);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "print.limit.reception",
                 ui_tr(ui, "If you need another one, please ask at reception. They will be glad "
                           "to help you."));
    ui_flow_first_page(&fl);
  } else if (ui->print_phase == UI_PRINT_OUT && ui->staff) {
    /* A staff reprint or test print: words for staff, not the patient. */
    bool test = ui->print_kind == UI_ACT_PRINT_TEST;
    ui_flow_text(&fl, UI_TK_TITLE, "print.done.title",
                 test ? ui_tr(ui, "The test card is printed")
                      : ui_tr(ui, "The card is printed"));
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.done.body",
                 test ? ui_tr(ui, "It is in the printer tray. Check that it printed clearly.")
                      : ui_tr(ui, "It is in the printer tray. Give it to the patient."));
  } else if (ui->print_phase == UI_PRINT_OUT) {
    ui_flow_text(&fl, UI_TK_TITLE, "print.done.title",
                 card ? ui_tr(ui, "Please take your card") : ui_tr(ui, "Please take your printout"));
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.done.body",
                 card ? ui_tr(ui, "The card is in the printer tray. Keep it somewhere safe and "
                                  "bring it to your appointments.")
                      : ui_tr(ui, "It is in the printer tray. Keep it somewhere safe and bring it "
                                  "to your appointments."));
  } else if (ui->print_fault == UI_FAULT_NO_SHEET_PRINTER) {
    /* Only what is true: nothing was sent, and nobody was called. */
    ui_flow_text(&fl, UI_TK_TITLE, "print.nosheet.title",
                 ui_tr(ui, "This kiosk cannot print this"));
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.nosheet.why",
                 ui_tr(ui, "There is no paper printer here. This kiosk prints Key Worker Cards "
                           "only."));
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "print.nosheet.reception",
                 ui_tr(ui, "Please ask at reception if you would like a printed copy."));
    ui_flow_first_page(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.nosheet.back",
                 ui_tr(ui, "The details are still on the screen if you go back."));
  } else {
    ui_flow_text(&fl, UI_TK_TITLE, "print.fault.title", ui_print_fault_title(ui));
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_BODY, "print.fault.why", ui_fault_text(ui));
    ui_flow_gap(&fl, f->gap);
    if (ui->staff) { /* staff are reception: where to look, not "ask at reception" */
      ui_flow_text(&fl, UI_TK_BODY_BOLD, "print.fault.staff",
                   ui_tr(ui, "Check the printer (staff tools, Printer), then try again."));
      ui_flow_first_page(&fl);
      char lines[6][200];
      int n = ui_printer_words(ui, false, "", ui->print_reasons, lines, 6);
      for (int i = 0; i < n; i++)
        ui_flow_text(&fl, UI_TK_BODY, "print.fault.reason", lines[i]);
      if (ui->print_detail[0])
        ui_flow_text(&fl, UI_TK_SMALL, "print.fault.detail", ui->print_detail);
    } else {
      ui_flow_text(&fl, UI_TK_BODY_BOLD, "print.fault.reception", ui_print_fault_ask(ui));
      ui_flow_first_page(&fl);
    }
    if (ui_print_fault_back(ui)) {
      ui_flow_gap(&fl, f->gap);
      ui_flow_text(&fl, UI_TK_BODY, "print.fault.back", ui_print_fault_back(ui));
    }
  }
  /* Patients: Finish is the bar's (one a screen). Staff stay in staff mode
   * after a reprint or a test print: Finish would end it. */
  const ui_choice_t staff_buttons[] = {{ui_tr(ui, "Back to staff tools"), UI_T_BACK,
                                        UI_BTN_PRIMARY}};
  ui_message_screen(ui, sc, f, &fl, ui->staff ? staff_buttons : NULL, ui->staff ? 1 : 0);
}

/* Taps on the printing screen. */
static void ui_printing_tap(ui_t *ui, int target)
{
  if (ui->print_phase == UI_PRINT_WAITING)
    return;
  if (target == UI_T_BACK) {
    ui->print_phase = UI_PRINT_IDLE;
    if (ui->staff)
      ui_wipe_person(ui); /* the reprinted patient is not kept in staff mode */
    ui_go(ui, ui->print_return);
  }
}

const ui_screen_def_t ui_patient_screens[] = {
  {UI_SCREEN_WELCOME, "welcome", ui_welcome_draw, ui_welcome_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_KEY_WORKER, "key-worker", ui_key_worker_draw, ui_key_worker_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_NO_KEY_WORKER, "no-key-worker", ui_no_key_worker_draw, ui_no_key_worker_tap,
   UI_SCREEN_COUNT},
  {UI_SCREEN_LEAFLET, "leaflet", ui_leaflet_draw, ui_leaflet_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_PRINTING, "printing", ui_printing_draw, ui_printing_tap, UI_SCREEN_COUNT},
};
const size_t ui_patient_screen_count = sizeof ui_patient_screens / sizeof ui_patient_screens[0];
