/*
 * "What would you like to talk about? / Am beth hoffech chi siarad?" (issue
 * 15): the concerns checklist a patient, or a carer who has not identified
 * anyone, fills in before talking to their key worker. One screen per group
 * of the Holistic Needs Assessment checklist (core/concerns.h), its items as
 * large toggles (a ticked one shows a tick and the words "On my list", not
 * only a colour); then an optional 0-10 "how much is this worrying you";
 * then "My list for today", which prints on the sheet printer with the
 * local services that match (core/concerns_list.h).
 *
 * Privacy: the ticks, the score and the name choice live in ui->person and
 * are wiped with it when the journey ends (Finish, the idle timeout,
 * ui_free). Nothing here is audited or counted per person; the host keeps
 * only anonymous counts per group and day of lists printed
 * (core/store_concerns.h).
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/card.h"
#include "core/spoken.h"

/* A string of the checklist (msgctxt "concerns") in the ui's language. */
static const char *ui_c_tr(const ui_t *ui, const char *msgid)
{
  return i18n_get(ui->cat, ui->lang, "concerns", msgid);
}

bool ui_concerns_offered(const ui_t *ui)
{
  return ui->cfg->concerns_enabled && (ui->cfg->concerns_group_mask & CONCERNS_ALL_GROUPS);
}

/* The groups offered, in catalogue order; returns how many. */
static int ui_concerns_groups(const ui_t *ui, concerns_group_t out[CONCERNS_GROUP_COUNT])
{
  int n = 0;
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++)
    if (ui->cfg->concerns_group_mask & (1u << g))
      out[n++] = (concerns_group_t)g;
  return n;
}

/* The group the checklist screen shows now. */
static concerns_group_t ui_concerns_group(const ui_t *ui, int *step, int *steps)
{
  concerns_group_t groups[CONCERNS_GROUP_COUNT];
  int n = ui_concerns_groups(ui, groups);
  int s = ui->person.concerns_step;
  if (s >= n)
    s = n - 1;
  if (s < 0)
    s = 0;
  if (step)
    *step = s;
  if (steps)
    *steps = n;
  return n ? groups[s] : CONCERNS_PHYSICAL;
}

void ui_concerns_journey_end(ui_t *ui)
{
  unsigned groups = concerns_ticked_groups(&ui->person.concerns) & ui->cfg->concerns_group_mask;
  if (!groups || ui->staff)
    return;
  ui_action_t act = {.kind = UI_ACT_CONCERNS_COUNT, .concerns_groups = groups};
  ui_push_action(ui, &act);
}

void ui_concerns_open(ui_t *ui, ui_screen_t from)
{
  ui->person.concerns_from = from;
  ui->person.concerns_step = 0;
  ui_go(ui, UI_SCREEN_CONCERNS);
}

/* ---- one group's items ---- */

/* The items of group g: catalogue indexes into idx; returns how many. */
static int ui_concerns_items(concerns_group_t g, int idx[CONCERNS_ITEM_MAX])
{
  int n = 0;
  for (size_t i = 0; i < concerns_item_count(); i++)
    if (concerns_item(i)->group == g)
      idx[n++] = (int)i;
  return n;
}

/* A tick inside a square box at (x, y), size s: two strokes. */
static void ui_tick_mark(scene_t *sc, int x, int y, int s, scene_color_t ink)
{
  int w = s / 8 > 3 ? s / 8 : 3;
  scene_line(sc, x + s * 2 / 10, y + s * 52 / 100, x + s * 42 / 100, y + s * 74 / 100, ink, w);
  scene_line(sc, x + s * 42 / 100, y + s * 74 / 100, x + s * 80 / 100, y + s * 28 / 100, ink, w);
}

/* One toggle: a box (ticked: filled, with a tick), the item's words, and
 * under them "On my list" when ticked. */
static void ui_toggle(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t r, const char *text,
                      bool on, int target)
{
  const ui_theme_t *th = &f->th;
  bool pressed = ui->pressing && ui->pressed_target == target;
  int border = on ? (f->body >= 30 ? 6 : 5) : (f->body >= 30 ? 4 : 3);
  scene_rect(sc, r.x, r.y, r.w, r.h, pressed ? th->key_pressed : on ? th->panel : th->bg,
             th->primary, border, r.h / 6 < 16 ? r.h / 6 : 16, target);
  int pad = f->gap;
  int box = f->body * 3 / 2;
  if (box > r.h - 2 * pad)
    box = r.h - 2 * pad;
  int bx = r.x + pad + border, by = r.y + (r.h - box) / 2;
  scene_rect(sc, bx, by, box, box, on ? th->primary : th->bg, th->primary, 3, 4, 0);
  if (on)
    ui_tick_mark(sc, bx, by, box, th->on_primary);
  int tx = bx + box + pad, tw = r.x + r.w - border - pad - tx;
  int state_h = on ? f->small * 5 / 4 : 0;
  int th_px = r.h - 2 * pad - state_h;
  int px = ui_fit_px(ui, f, text, true, tw, th_px, f->body, f->body * 55 / 100);
  scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = true, .wrap = true,
                           .valign = SCENE_ALIGN_CENTER, .color = pressed ? th->on_primary : th->text,
                           .label = "concerns.item"};
  scene_text(sc, &ui->measurer, tx, r.y + pad, tw, th_px, text, &st);
  if (on) {
    scene_text_style_t ss = ui_style(f, UI_TK_SMALL, "concerns.item.state");
    ss.color = pressed ? th->on_primary : th->secondary_text;
    ss.bold = true;
    ss.wrap = false;
    ss.min_font_px = f->small / 2;
    scene_text(sc, &ui->measurer, tx, r.y + r.h - pad - state_h, tw, state_h,
               ui_c_tr(ui, "On my list"), &ss);
  }
}

/* The checklist screen's heading block in box, drawn when sc is not NULL:
 * the question, the group, and a hint; smaller, and without the hint, at
 * the level the screen's room asks for (0: full size). Returns its height. */
static int ui_concerns_head(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box,
                            const char *question, const char *group, const char *hint, int level)
{
  int y = box.y;
  scene_text_style_t q = ui_style(f, level >= 2 ? UI_TK_SMALL : UI_TK_BODY_BOLD, "concerns.question");
  q.bold = true;
  q.color = f->th.secondary_text;
  scene_text_style_t g = ui_style(f, level >= 3 ? UI_TK_BODY_BOLD : level >= 2 ? UI_TK_HEADING
                                                                              : UI_TK_TITLE,
                                  "concerns.group");
  if (level >= 4) {
    /* A small screen at a large text size: the heading as small as the
     * body text at 100 %, so the toggles keep a row. */
    q.font_px = q.min_font_px = g.font_px = g.min_font_px = f->small * 3 / 4;
  }
  scene_text_style_t h = ui_style(f, UI_TK_SMALL, "concerns.hint");
  if (level >= 1)
    hint = NULL;
  int qh = ui_text_height(ui, f, box.w, question, &q);
  int gh = ui_text_height(ui, f, box.w, group, &g);
  int hh = hint ? ui_text_height(ui, f, box.w, hint, &h) : 0;
  if (sc) {
    scene_text(sc, &ui->measurer, box.x, y, box.w, qh, question, &q);
    scene_text(sc, &ui->measurer, box.x, y + qh, box.w, gh, group, &g);
    if (hint)
      scene_text(sc, &ui->measurer, box.x, y + qh + gh + f->gap / 2, box.w, hh, hint, &h);
  }
  return qh + gh + (hint ? hh + f->gap / 2 : 0) + f->gap;
}

/* "Your body (1 of 6)" */
static void ui_concerns_group_line(const ui_t *ui, concerns_group_t g, int step, int steps,
                                   char *out, size_t outlen)
{
  char n[16], of[16];
  snprintf(n, sizeof n, "%d", step + 1);
  snprintf(of, sizeof of, "%d", steps);
  const char *args[] = {ui_c_tr(ui, concerns_group_title(g)), n, of};
  if (!i18n_format_args(out, outlen, ui_c_tr(ui, "%s (%s of %s)"), args, 3))
    snprintf(out, outlen, "%s (%s / %s)", args[0], n, of);
}

/* The buttons of the checklist screen. */
static int ui_concerns_buttons(const ui_t *ui, ui_choice_t *b)
{
  int step = 0, steps = 0;
  ui_concerns_group(ui, &step, &steps);
  b[0] = (ui_choice_t){step + 1 < steps ? ui_c_tr(ui, "Next") : ui_c_tr(ui, "Next: how you feel overall"),
                       UI_T_CONCERNS_NEXT, UI_BTN_PRIMARY};
  b[1] = (ui_choice_t){ui_c_tr(ui, "See my list"), UI_T_CONCERNS_LIST, UI_BTN_SECONDARY};
  return 2;
}

/* Toggles of a group laid out in box: columns, rows per page, height. */
typedef struct { int cols, rows, toggle_h, pages; } ui_toggle_grid_t;

static ui_toggle_grid_t ui_concerns_grid(ui_t *ui, const ui_frame_t *f, ui_rect_t box,
                                         const int *idx, int n)
{
  ui_toggle_grid_t g = {1, 1, f->button_h, 1};
  int min_w = f->target * 4;
  g.cols = box.w / min_w;
  if (g.cols > 3)
    g.cols = 3;
  if (g.cols < 1)
    g.cols = 1;
  if (g.cols > n)
    g.cols = n > 0 ? n : 1;
  /* Fewer, wider columns until every word fits whole at the body size. */
  int col_w = 0, text_w = 0;
  for (;; g.cols--) {
    col_w = (box.w - (g.cols - 1) * f->gap) / g.cols;
    text_w = col_w - 3 * f->gap - f->body * 3 / 2 - 12;
    bool fit = true;
    for (int i = 0; fit && i < n; i++)
      fit = ui_words_fit(ui, ui_c_tr(ui, concerns_item((size_t)idx[i])->msgid), true, text_w,
                          f->body);
    if (fit || g.cols == 1)
      break;
  }
  scene_text_style_t st = ui_style(f, UI_TK_BODY_BOLD, "concerns.item");
  for (int i = 0; i < n; i++) {
    int h = ui_text_height(ui, f, text_w, ui_c_tr(ui, concerns_item((size_t)idx[i])->msgid), &st) +
            f->small * 5 / 4 + 2 * f->gap + 8;
    if (h > g.toggle_h)
      g.toggle_h = h;
  }
  if (g.toggle_h > box.h)
    g.toggle_h = box.h > f->target ? box.h : f->target;
  g.rows = (box.h + f->gap) / (g.toggle_h + f->gap);
  if (g.rows < 1)
    g.rows = 1;
  int per_page = g.rows * g.cols;
  g.pages = (n + per_page - 1) / per_page;
  if (g.pages < 1)
    g.pages = 1;
  return g;
}

/* The page rail's controls in a row: Up, "Page 2 of 3", More (ui_layout.c). */
static void ui_concerns_pager_row(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box,
                                  int page, int pages)
{
  ui_page_row(ui, sc, f, box, page, pages);
}

/* One group's items as toggles. */
static void ui_concerns_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, true, true);
  ui_choice_t buttons[2];
  int nb = ui_concerns_buttons(ui, buttons);
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, nb, NULL);
  int step = 0, steps = 0;
  concerns_group_t g = ui_concerns_group(ui, &step, &steps);
  char group[256];
  ui_concerns_group_line(ui, g, step, steps, group, sizeof group);
  const char *question = ui_c_tr(ui, "What would you like to talk about?");
  const char *hint = ui_c_tr(ui, "Tick any that are on your mind. You can choose as many as you "
                                 "like.");
  int idx[CONCERNS_ITEM_MAX];
  int n = ui_concerns_items(g, idx);
  /* The heading at full size with its hint, unless a smaller heading
   * (the hint goes first) puts more toggles on a page; with several
   * pages, the page rail beside the toggles or, where that shows more,
   * the same controls in a row under them. */
  int level = 4, best = -1;   /* when nothing fits better: the smallest heading, */
  bool rail_row = true;        /* the controls in a row */
  for (int l = 0; l <= 4; l++) {
    int head = ui_concerns_head(ui, NULL, f, box, question, group, hint, l);
    for (int row = 0; row <= 1; row++) {
      ui_rect_t grid = {box.x, box.y + head, box.w, box.h - head};
      ui_toggle_grid_t gr = ui_concerns_grid(ui, f, grid, idx, n);
      if (gr.pages > 1 || row) {
        if (row)
          grid.h -= f->target + f->gap;
        else
          grid.w -= ui_rail_width(f) + f->gap;
        if (grid.h < (row ? f->button_h : 2 * f->target + 2 * f->small))
          continue;
        gr = ui_concerns_grid(ui, f, grid, idx, n);
      }
      int shown = gr.rows * gr.cols < n ? gr.rows * gr.cols : n;
      if (grid.h >= f->button_h && shown > best) {
        best = shown;
        level = l;
        rail_row = row && gr.pages > 1;
      }
    }
  }
  int head = ui_concerns_head(ui, sc, f, box, question, group, hint, level);
  ui_rect_t grid = {box.x, box.y + head, box.w, box.h - head};
  ui_toggle_grid_t gr = ui_concerns_grid(ui, f, grid, idx, n);
  if (gr.pages > 1) {
    if (rail_row)
      grid.h -= f->target + f->gap;
    else
      grid.w -= ui_rail_width(f) + f->gap;
    gr = ui_concerns_grid(ui, f, grid, idx, n);
  }
  if (ui->page >= gr.pages)
    ui->page = gr.pages - 1;
  if (gr.pages > 1 && !rail_row)
    ui_page_rail(ui, sc, f, (ui_rect_t){grid.x + grid.w + f->gap, grid.y, ui_rail_width(f), grid.h},
                 ui->page, gr.pages);
  else if (gr.pages > 1)
    ui_concerns_pager_row(ui, sc, f, (ui_rect_t){grid.x, grid.y + grid.h + f->gap, grid.w,
                                                  f->target}, ui->page, gr.pages);
  int per_page = gr.rows * gr.cols;
  int col_w = (grid.w - (gr.cols - 1) * f->gap) / gr.cols;
  for (int k = 0; k < per_page && ui->page * per_page + k < n; k++) {
    int i = idx[ui->page * per_page + k];
    ui_rect_t r = {grid.x + (k % gr.cols) * (col_w + f->gap),
                   grid.y + (k / gr.cols) * (gr.toggle_h + f->gap), col_w, gr.toggle_h};
    ui_toggle(ui, sc, f, r, ui_c_tr(ui, concerns_item((size_t)i)->msgid),
              concerns_ticked(&ui->person.concerns, (size_t)i), UI_T_CONCERN_0 + i);
  }
}

/* Taps on a group's screen. */
static void ui_concerns_tap(ui_t *ui, int target)
{
  int step = 0, steps = 0;
  ui_concerns_group(ui, &step, &steps);
  if (target >= UI_T_CONCERN_0 && target < UI_T_CONCERN_0 + (int)concerns_item_count()) {
    concerns_toggle(&ui->person.concerns, (size_t)(target - UI_T_CONCERN_0));
    ui_touch(ui);
  } else if (target == UI_T_CONCERNS_NEXT) {
    if (step + 1 < steps) {
      ui->person.concerns_step = step + 1;
      ui_go(ui, UI_SCREEN_CONCERNS);
    } else {
      ui_go(ui, UI_SCREEN_CONCERNS_SCORE);
    }
  } else if (target == UI_T_CONCERNS_LIST) {
    ui_go(ui, UI_SCREEN_CONCERNS_LIST);
  } else if (target == UI_T_BACK) {
    if (step > 0) {
      ui->person.concerns_step = step - 1;
      ui_go(ui, UI_SCREEN_CONCERNS);
    } else if (ui->person.concerns_from == UI_SCREEN_WELCOME) {
      ui_finish(ui); /* nothing was identified: forget the ticks too */
    } else if (ui->person.concerns_from == UI_SCREEN_SUPPORT) {
      ui_support_open(ui);
    } else {
      ui_go(ui, ui->person.concerns_from);
    }
  }
}

/* ---- the 0-10 score ---- */

/* "You chose 7" or the invitation to choose. */
static void ui_score_state(const ui_t *ui, char *out, size_t outlen)
{
  int score = concerns_score(&ui->person.concerns);
  if (score < 0) {
    snprintf(out, outlen, "%s", ui_c_tr(ui, "You have not chosen a number."));
    return;
  }
  char n[16];
  snprintf(n, sizeof n, "%d", score);
  const char *args[] = {n};
  if (!i18n_format_args(out, outlen, ui_c_tr(ui, "You chose %s out of 10."), args, 1))
    snprintf(out, outlen, "%s / 10", n);
}

/* The score screen: the question, the numbers 0 to 10 (or, where eleven
 * targets do not fit, a smaller and a larger button either side of the
 * number), and what was chosen in words. */
static void ui_concerns_score_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, true, true);
  const ui_choice_t buttons[] = {{ui_c_tr(ui, "See my list"), UI_T_CONCERNS_LIST, UI_BTN_PRIMARY}};
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, 1, NULL);
  int score = concerns_score(&ui->person.concerns);
  const char *question = ui_c_tr(ui, "Overall, how much is this worrying you today?");
  const char *hint = ui_c_tr(ui, "Zero means not at all. Ten means a great deal. You do not "
                                 "have to answer.");
  char state[160];
  ui_score_state(ui, state, sizeof state);
  scene_text_style_t qs = ui_style(f, UI_TK_HEADING, "concerns.score.question");
  scene_text_style_t hs = ui_style(f, UI_TK_BODY, "concerns.score.hint");
  scene_text_style_t ss = ui_style(f, UI_TK_BODY_BOLD, "concerns.score.state");
  int qh = ui_text_height(ui, f, box.w, question, &qs);
  int hh = ui_text_height(ui, f, box.w, hint, &hs);
  if (qh + hh + f->target + 2 * f->gap > box.h) {
    /* A small screen at a large text size: the hint smaller. */
    hs = ui_style(f, UI_TK_SMALL, "concerns.score.hint");
    hh = ui_text_height(ui, f, box.w, hint, &hs);
  }
  int state_h = ui_text_height(ui, f, box.w, state, &ss);
  int y = box.y;
  scene_text(sc, &ui->measurer, box.x, y, box.w, qh, question, &qs);
  y += qh + f->gap / 2;
  scene_text(sc, &ui->measurer, box.x, y, box.w, hh, hint, &hs);
  y += hh + f->gap;
  int avail = box.y + box.h - y - state_h - f->gap;
  int cell = f->target;
  int cols = (box.w + f->gap) / (cell + f->gap);
  if (cols > CONCERNS_SCORE_MAX + 1)
    cols = CONCERNS_SCORE_MAX + 1;
  int rows = cols > 0 ? (CONCERNS_SCORE_MAX + 1 + cols - 1) / cols : 99;
  if (cols > 0)
    cols = (CONCERNS_SCORE_MAX + 1 + rows - 1) / rows; /* rows as even as can be: 6 and 5 */
  if (cols > 0 && rows * cell + (rows - 1) * f->gap <= avail) {
    /* Share the width out: bigger targets where there is room. */
    int cw = (box.w - (cols - 1) * f->gap) / cols;
    int ch = (avail - (rows - 1) * f->gap) / rows;
    if (ch > cw)
      ch = cw;
    if (ch > f->button_h * 3 / 2)
      ch = f->button_h * 3 / 2;
    if (ch < cell)
      ch = cell;
    for (int v = 0; v <= CONCERNS_SCORE_MAX; v++) {
      char num[16];
      snprintf(num, sizeof num, "%d", v);
      ui_rect_t r = {box.x + (v % cols) * (cw + f->gap), y + (v / cols) * (ch + f->gap), cw, ch};
      ui_button(ui, sc, f, r, num, v == score ? UI_BTN_PRIMARY : UI_BTN_SECONDARY,
                UI_T_SCORE_0 + v, "concerns.score.number");
    }
    y += rows * ch + (rows - 1) * f->gap + f->gap;
    scene_text(sc, &ui->measurer, box.x, y, box.w, state_h, state, &ss);
    return;
  }
  /* Eleven targets do not fit: smaller and larger either side of the
   * number, and the words beside them when there is no room below. */
  int bw = f->target, mid = bw * 3 / 2;
  char num[16];
  if (score >= 0)
    snprintf(num, sizeof num, "%d", score);
  else
    snprintf(num, sizeof num, "\xe2\x80\x93");
  ui_button(ui, sc, f, (ui_rect_t){box.x, y, bw, cell}, ui_tr(ui, "Lower"), UI_BTN_SECONDARY,
            UI_T_SCORE_DOWN, "concerns.score.down"); /* a word on every control (issue 12) */
  ui_text(ui, sc, f, (ui_rect_t){box.x + bw + f->gap, y, mid, cell}, num, UI_TK_TITLE,
          SCENE_ALIGN_CENTER, "concerns.score.value");
  int right = box.x + bw + 2 * f->gap + mid;
  ui_button(ui, sc, f, (ui_rect_t){right, y, bw, cell}, ui_tr(ui, "Higher"), UI_BTN_SECONDARY,
            UI_T_SCORE_UP, "concerns.score.up");
  right += bw + f->gap;
  if (y + cell + f->gap + state_h <= box.y + box.h) {
    scene_text(sc, &ui->measurer, box.x, y + cell + f->gap, box.w, state_h, state, &ss);
  } else if (box.x + box.w - right >= f->target) {
    ss.font_px = ss.min_font_px = f->small;
    ss.valign = SCENE_ALIGN_CENTER;
    scene_text(sc, &ui->measurer, right, y, box.x + box.w - right, cell, state, &ss);
  }
}

/* Taps on the score screen: a number chooses it (the same again clears it). */
static void ui_concerns_score_tap(ui_t *ui, int target)
{
  concerns_selection_t *sel = &ui->person.concerns;
  int score = concerns_score(sel);
  if (target >= UI_T_SCORE_0 && target <= UI_T_SCORE_0 + CONCERNS_SCORE_MAX) {
    int v = target - UI_T_SCORE_0;
    concerns_set_score(sel, v == score ? -1 : v);
    ui_touch(ui);
  } else if (target == UI_T_SCORE_DOWN || target == UI_T_SCORE_UP) {
    int v = score < 0 ? (target == UI_T_SCORE_UP ? 0 : -1)
                      : score + (target == UI_T_SCORE_UP ? 1 : -1);
    if (v > CONCERNS_SCORE_MAX)
      v = CONCERNS_SCORE_MAX;
    concerns_set_score(sel, v);
    ui_touch(ui);
  } else if (target == UI_T_CONCERNS_LIST) {
    ui_go(ui, UI_SCREEN_CONCERNS_LIST);
  } else if (target == UI_T_BACK) {
    int steps = 0;
    ui_concerns_group(ui, NULL, &steps);
    ui->person.concerns_step = steps - 1;
    ui_go(ui, UI_SCREEN_CONCERNS);
  }
}

/* ---- my list ---- */

/* The buttons of the list screen. */
static int ui_concerns_list_buttons(const ui_t *ui, ui_choice_t *b)
{
  const concerns_selection_t *sel = &ui->person.concerns;
  int n = 0;
  bool print = ui->sheet_printing && (concerns_ticked_count(sel) > 0 || concerns_score(sel) >= 0);
  if (print)
    b[n++] = (ui_choice_t){ui_c_tr(ui, "Print my list"), UI_T_CONCERNS_PRINT, UI_BTN_PRIMARY};
  if (print && ui->person.has_patient)
    b[n++] = (ui_choice_t){ui->person.concerns_with_name ? ui_c_tr(ui, "Print my name on it: yes")
                                                         : ui_c_tr(ui, "Print my name on it: no"),
                           UI_T_CONCERNS_NAME, UI_BTN_SECONDARY};
  b[n++] = (ui_choice_t){ui_c_tr(ui, "Change my list"), UI_T_CONCERNS_CHANGE, UI_BTN_SECONDARY};
  return n;
}

/* The list's texts into a flow (also what is said). */
static void ui_concerns_list_flow(ui_t *ui, ui_flow_t *fl, const ui_frame_t *f)
{
  const concerns_selection_t *sel = &ui->person.concerns;
  ui_flow_text(fl, UI_TK_TITLE, "concerns.list.title", ui_c_tr(ui, "My list for today"));
  ui_flow_keep(fl);
  if (!concerns_ticked_count(sel)) {
    ui_flow_text(fl, UI_TK_BODY, "concerns.list.empty",
                 ui_c_tr(ui, "You have not ticked anything yet. Tap \"Change my list\" to "
                             "choose."));
  }
  concerns_group_t groups[CONCERNS_GROUP_COUNT];
  int ng = ui_concerns_groups(ui, groups);
  for (int k = 0; k < ng; k++) {
    if (!concerns_group_ticked(sel, groups[k]))
      continue;
    ui_flow_gap(fl, f->gap);
    ui_flow_text(fl, UI_TK_HEADING, "concerns.list.group", ui_c_tr(ui, concerns_group_title(groups[k])));
    ui_flow_keep(fl);
    for (size_t i = 0; i < concerns_item_count(); i++)
      if (concerns_item(i)->group == groups[k] && concerns_ticked(sel, i))
        ui_flow_textf(fl, UI_TK_BODY, "concerns.list.item", "\xe2\x80\xa2 %s",
                      ui_c_tr(ui, concerns_item(i)->msgid));
  }
  char state[160];
  ui_score_state(ui, state, sizeof state);
  ui_flow_gap(fl, f->gap);
  if (concerns_score(sel) >= 0)
    ui_flow_text(fl, UI_TK_BODY_BOLD, "concerns.list.score", state);
  if (!ui->sheet_printing && (concerns_ticked_count(sel) > 0 || concerns_score(sel) >= 0)) {
    /* A kiosk with only a card printer: no "Print" that cannot work. */
    ui_flow_gap(fl, f->gap);
    ui_flow_text(fl, UI_TK_BODY_BOLD, "concerns.list.noprint",
                 ui_c_tr(ui, "This kiosk cannot print your list. You can show this screen to "
                             "your key worker, or ask at reception."));
  }
  ui_flow_gap(fl, f->gap);
  ui_flow_text(fl, UI_TK_SMALL, "concerns.list.private",
               ui_c_tr(ui, "Your list is not kept. It is wiped when you finish."));
}

static void ui_concerns_list_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, true, true);
  ui_choice_t buttons[3];
  int nb = ui_concerns_list_buttons(ui, buttons);
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, nb, NULL);
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_concerns_list_flow(ui, &fl, f);
  ui_flow_draw_cols(ui, sc, f, &fl, box, ui_flow_columns(f, box.w));
  sodium_memzero(&fl, sizeof fl);
}

/* Ask the host to print the list: the key worker heads it when known, the
 * patient's name only when they chose it. */
static void ui_concerns_print(ui_t *ui)
{
  ui_action_t act = {.kind = UI_ACT_PRINT_CONCERNS, .lang = ui->lang};
  act.concerns = ui->person.concerns;
  act.has_key_worker = ui->person.has_key_worker;
  if (act.has_key_worker)
    act.key_worker = ui->person.key_worker;
  act.with_name = ui->person.has_patient && ui->person.concerns_with_name;
  if (act.with_name)
    act.patient = ui->person.patient;
  ui_start_print(ui, &act, UI_SCREEN_CONCERNS_LIST);
  sodium_memzero(&act, sizeof act);
}

static void ui_concerns_list_tap(ui_t *ui, int target)
{
  if (target == UI_T_CONCERNS_PRINT && ui->sheet_printing) {
    ui_concerns_print(ui);
  } else if (target == UI_T_CONCERNS_NAME && ui->person.has_patient && ui->sheet_printing) {
    ui->person.concerns_with_name = !ui->person.concerns_with_name;
    ui_touch(ui);
  } else if (target == UI_T_CONCERNS_CHANGE) {
    ui->person.concerns_step = 0;
    ui_go(ui, UI_SCREEN_CONCERNS);
  } else if (target == UI_T_BACK) {
    ui_go(ui, UI_SCREEN_CONCERNS_SCORE);
  }
}

/* ---- read-aloud ---- */

/* Text as shown, in words, in the ui's language. */
static void ui_c_say(ui_t *ui, scene_t *sc, const char *text)
{
  char words[2048];
  if (text && text[0] && spoken_text(ui->lang, text, words, sizeof words))
    scene_say(sc, ui->lang, words, 0);
  sodium_memzero(words, sizeof words);
}

/* "LABEL: text", in words. */
static void ui_c_say2(ui_t *ui, scene_t *sc, const char *a, const char *b)
{
  char line[1024];
  snprintf(line, sizeof line, "%s: %s", a, b);
  ui_c_say(ui, sc, line);
}

void ui_concerns_speech(ui_t *ui, scene_t *sc)
{
  ui_choice_t b[3];
  int nb = 0;
  const concerns_selection_t *sel = &ui->person.concerns;
  if (ui->screen == UI_SCREEN_CONCERNS) {
    int step = 0, steps = 0;
    concerns_group_t g = ui_concerns_group(ui, &step, &steps);
    char group[256];
    ui_concerns_group_line(ui, g, step, steps, group, sizeof group);
    ui_c_say(ui, sc, ui_c_tr(ui, "What would you like to talk about?"));
    ui_c_say(ui, sc, group);
    ui_c_say(ui, sc, ui_c_tr(ui, "Tick any that are on your mind. You can choose as many as "
                                 "you like."));
    /* Every item of the group, each with its state, whatever page shows. */
    for (size_t i = 0; i < concerns_item_count(); i++)
      if (concerns_item(i)->group == g) {
        const char *words = ui_c_tr(ui, concerns_item(i)->msgid);
        if (concerns_ticked(sel, i))
          ui_c_say2(ui, sc, words, ui_c_tr(ui, "On my list"));
        else
          ui_c_say(ui, sc, words);
      }
    nb = ui_concerns_buttons(ui, b);
  } else if (ui->screen == UI_SCREEN_CONCERNS_SCORE) {
    char state[160];
    ui_score_state(ui, state, sizeof state);
    ui_c_say(ui, sc, ui_c_tr(ui, "Overall, how much is this worrying you today?"));
    ui_c_say(ui, sc, ui_c_tr(ui, "Zero means not at all. Ten means a great deal. You do not "
                                 "have to answer."));
    ui_c_say(ui, sc, state);
    b[nb++] = (ui_choice_t){ui_c_tr(ui, "See my list"), UI_T_CONCERNS_LIST, UI_BTN_PRIMARY};
  } else {
    ui_flow_t *fl = calloc(1, sizeof *fl);
    ui_frame_t f;
    ui_frame_init(ui, &f);
    if (fl) {
      ui_flow_init(fl);
      ui_concerns_list_flow(ui, fl, &f);
      for (int i = 0; i < fl->n; i++)
        if (fl->items[i].kind == UI_FLOW_TEXT)
          ui_c_say(ui, sc, fl->arena + fl->items[i].text);
      sodium_memzero(fl, sizeof *fl);
      free(fl);
    }
    nb = ui_concerns_list_buttons(ui, b);
  }
  for (int i = 0; i < nb; i++)
    ui_c_say(ui, sc, b[i].text);
  ui_c_say(ui, sc, ui_tr(ui, "Back"));
  ui_c_say(ui, sc, ui_tr(ui, "Finish"));
}

const ui_screen_def_t ui_concerns_screens[] = {
  {UI_SCREEN_CONCERNS, "concerns", ui_concerns_draw, ui_concerns_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_CONCERNS_SCORE, "concerns-score", ui_concerns_score_draw, ui_concerns_score_tap,
   UI_SCREEN_COUNT},
  {UI_SCREEN_CONCERNS_LIST, "concerns-list", ui_concerns_list_draw, ui_concerns_list_tap,
   UI_SCREEN_COUNT},
};
const size_t ui_concerns_screen_count = sizeof ui_concerns_screens / sizeof ui_concerns_screens[0];
