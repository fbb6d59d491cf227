/*
 * The dialogs drawn over a screen: "Are you still there?", "We could not
 * read that barcode", and the two the bar opens, "Need help?" (ask at
 * reception; audited by screen name only, counted by the metrics) and the
 * display dialog (text size and colours, in words). Only a dialog's own
 * buttons take taps while it is shown (ui.c). On a portrait screen a
 * dialog sits at the bottom, where the bar is, within reach. Pure: produces
 * scene ops only.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <string.h>

#include "core/store_attention.h"

/* Where a dialog of height dh goes: centred, or in portrait at the
 * bottom, where the bar was, so its buttons stay within reach. */
static int ui_dialog_y(const ui_frame_t *f, int dh)
{
  if (f->bar.bottom)
    return f->h - dh - f->gap > f->gap ? f->h - dh - f->gap : f->gap;
  return (f->h - dh) / 2;
}

/* A dialog over the screen: a scrim, then title (may be NULL) and body in
 * a box, and n buttons under them (side by side when there is room). */
static void ui_dialog(ui_t *ui, scene_t *sc, const ui_frame_t *f, const char *title_text,
                      const char *body, const char *label, const ui_choice_t *buttons, int n)
{
  const ui_theme_t *th = &f->th;
  char title_label[32], body_label[32];
  snprintf(title_label, sizeof title_label, "%s.title", label);
  snprintf(body_label, sizeof body_label, "%s.body", label);
  scene_rect(sc, 0, 0, f->w, f->h, th->scrim, th->scrim, 0, 0, 0);
  int dw = f->w - 2 * f->margin;
  if (dw > 1000)
    dw = 1000;
  int pad = f->margin;
  int inner = dw - 2 * pad;
  scene_text_style_t title = ui_style(f, UI_TK_TITLE, title_label);
  scene_text_style_t text = ui_style(f, title_text ? UI_TK_BODY : UI_TK_HEADING, body_label);
  int th1 = title_text ? ui_text_height(ui, f, inner, title_text, &title) : 0;
  int th2 = ui_text_height(ui, f, inner, body, &text);
  int title_gap = title_text ? f->gap : 0;
  int per_row = f->portrait || f->compact ? 1 : n;
  if (f->h - 2 * f->margin < th1 + th2 + 3 * pad + 2 * f->gap + n * f->button_h + f->gap)
    per_row = n;
  int bh = ui_button_stack_height(f, per_row, n);
  /* Taller than the screen (large text on a small one): the words get
   * smaller, never under the body size at 100 %, until the dialog fits. */
  int room = f->h - 2 * f->gap - 3 * pad - title_gap - bh;
  for (int px = text.font_px - 2; th1 + th2 > room && px >= f->bar.min_font_px; px -= 2) {
    text.font_px = text.min_font_px = px;
    title.font_px = title.min_font_px = px * 5 / 4 > px + 2 ? px * 5 / 4 : px;
    th1 = title_text ? ui_text_height(ui, f, inner, title_text, &title) : 0;
    th2 = ui_text_height(ui, f, inner, body, &text);
  }
  int dh = pad + th1 + title_gap + th2 + pad + bh + pad;
  if (dh > f->h - 2 * f->gap)
    dh = f->h - 2 * f->gap;
  int dx = (f->w - dw) / 2, dy = ui_dialog_y(f, dh);
  scene_rect(sc, dx, dy, dw, dh, th->bg, th->border, ui->high_contrast ? 4 : 0, 16, 0);
  int y = dy + pad;
  if (title_text)
    y += scene_text(sc, &ui->measurer, dx + pad, y, inner, th1, title_text, &title) + title_gap;
  y += scene_text(sc, &ui->measurer, dx + pad, y, inner, th2, body, &text) + pad;
  ui_button_stack(ui, sc, f, (ui_rect_t){dx + pad, y, inner, bh}, per_row, buttons, n);
}

/* The idle overlay: "Are you still there?" with a countdown (the screen
 * under it is not drawn at all: ui_scene). */
void ui_idle_overlay(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  int64_t left_ms = ui->idle_deadline_ms - ui->now_ms;
  unsigned long seconds = left_ms <= 0 ? 0 : (unsigned long)((left_ms + 999) / 1000);
  char body[256];
  ui_plural(ui, body, sizeof body,
            "For your privacy, this screen will go back to the start in %lu second.",
            "For your privacy, this screen will go back to the start in %lu seconds.", seconds);
  const ui_choice_t buttons[] = {{ui_tr(ui, "I need more time"), UI_T_MORE_TIME, UI_BTN_PRIMARY},
                                 {ui_tr(ui, "Finish now"), UI_T_FINISH, UI_BTN_SECONDARY}};
  ui_dialog(ui, sc, f, ui_tr(ui, "Are you still there?"), body, "idle", buttons, 2);
}

/* "We could not read that barcode. Please use the keypad." */
void ui_scan_notice_overlay(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  const ui_choice_t buttons[] = {{ui_tr(ui, "OK"), UI_T_NOTICE_OK, UI_BTN_PRIMARY}};
  ui_dialog(ui, sc, f, NULL, ui_tr(ui, "We could not read that barcode. Please use the keypad."),
            "scan", buttons, 1);
}

/* ---- the help and display dialogs ---- */

/* "Need help?": ask at reception (in both languages over the welcome
 * screen, Welsh first). */
static void ui_help_dialog(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  static const char body_msgid[] =
      "Please ask at reception. The staff there will be glad to help you.";
  const ui_choice_t buttons[] = {{ui_tr(ui, "OK"), UI_T_DIALOG_OK, UI_BTN_PRIMARY}};
  if (ui->screen != UI_SCREEN_WELCOME) {
    ui_dialog(ui, sc, f, ui_tr(ui, "Need help?"), ui_tr(ui, body_msgid), "help", buttons, 1);
    return;
  }
  char title[160], body[768], ok[64];
  snprintf(title, sizeof title, "%s / %s", ui_tr_in(ui, LANG_CY, "Need help?"),
           ui_tr_in(ui, LANG_EN, "Need help?"));
  snprintf(body, sizeof body, "%s\n\n%s", ui_tr_in(ui, LANG_CY, body_msgid),
           ui_tr_in(ui, LANG_EN, body_msgid));
  snprintf(ok, sizeof ok, "%s / %s", ui_tr_in(ui, LANG_CY, "OK"), ui_tr_in(ui, LANG_EN, "OK"));
  const ui_choice_t both[] = {{ok, UI_T_DIALOG_OK, UI_BTN_PRIMARY}};
  ui_dialog(ui, sc, f, title, body, "help", both, 1);
}

/* The text size's name ("Large"), for percent. */
static const char *ui_size_msgid(int percent)
{
  return percent >= 200 ? "Largest" : percent >= 160 ? "Larger" : percent >= 130 ? "Large"
                                                                                  : "Normal";
}

/* The display dialog: text size (four sizes, the one in use marked in
 * words and colour) and colours (normal or high contrast), then OK. */
static void ui_display_dialog(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  static const int sizes[] = {100, 130, 160, 200};
  const ui_theme_t *th = &f->th;
  char size_text[4][64], size_now[384], colours_now[384];
  ui_choice_t size_buttons[4];
  for (int i = 0; i < 4; i++) {
    snprintf(size_text[i], sizeof size_text[i], "%s %d%%", ui_tr(ui, ui_size_msgid(sizes[i])),
             sizes[i]);
    size_buttons[i] = (ui_choice_t){size_text[i], UI_T_SIZE_100 + i,
                                    ui->text_percent == sizes[i] ? UI_BTN_PRIMARY
                                                                 : UI_BTN_SECONDARY};
  }
  snprintf(size_now, sizeof size_now, "%s: %s", ui_tr(ui, "Text size"), size_text[0]);
  for (int i = 0; i < 4; i++)
    if (ui->text_percent == sizes[i])
      snprintf(size_now, sizeof size_now, "%s: %s", ui_tr(ui, "Text size"), size_text[i]);
  const char *normal = ui_tr(ui, "Normal colours"), *high = ui_tr(ui, "High contrast");
  snprintf(colours_now, sizeof colours_now, "%s: %s", ui_tr(ui, "Colours"),
           ui->high_contrast ? high : normal);
  ui_choice_t colour_buttons[3] = {
      {normal, UI_T_COLOURS_NORMAL, ui->high_contrast ? UI_BTN_SECONDARY : UI_BTN_PRIMARY},
      {high, UI_T_COLOURS_HIGH, ui->high_contrast ? UI_BTN_PRIMARY : UI_BTN_SECONDARY},
      {ui_tr(ui, "OK"), UI_T_DIALOG_OK, UI_BTN_PRIMARY}};

  scene_rect(sc, 0, 0, f->w, f->h, th->scrim, th->scrim, 0, 0, 0);
  int dw = f->w - 2 * f->margin;
  if (dw > 1200)
    dw = 1200;
  int pad = f->margin, inner = dw - 2 * pad;
  scene_text_style_t head = ui_style(f, UI_TK_BODY_BOLD, "display.size");
  int h1 = ui_text_height(ui, f, inner, size_now, &head);
  int h2 = ui_text_height(ui, f, inner, colours_now, &head);
  /* Sizes in one row (two in portrait when narrow); colours and OK in a
   * row, OK on its own row when there is height for it. */
  int size_rows = inner / 4 < f->target * 3 / 2 && f->portrait ? 2 : 1;
  int size_h = ui_button_stack_height(f, 4 / size_rows, 4);
  int colour_n = 3, ok_h = 0;
  int need = pad + h1 + f->gap + size_h + 2 * f->gap + h2 + f->gap + f->button_h + pad;
  if (need + f->gap + f->button_h <= f->h - 2 * f->gap) {
    colour_n = 2;
    ok_h = f->gap + f->button_h;
  }
  int dh = need + ok_h;
  if (dh > f->h - 2 * f->gap)
    dh = f->h - 2 * f->gap;
  int dx = (f->w - dw) / 2, dy = ui_dialog_y(f, dh);
  scene_rect(sc, dx, dy, dw, dh, th->bg, th->border, ui->high_contrast ? 4 : 0, 16, 0);
  int y = dy + pad;
  y += scene_text(sc, &ui->measurer, dx + pad, y, inner, h1, size_now, &head) + f->gap;
  ui_button_stack(ui, sc, f, (ui_rect_t){dx + pad, y, inner, size_h}, 4 / size_rows, size_buttons,
                  4);
  y += size_h + 2 * f->gap;
  head.label = "display.colours";
  y += scene_text(sc, &ui->measurer, dx + pad, y, inner, h2, colours_now, &head) + f->gap;
  ui_button_stack(ui, sc, f, (ui_rect_t){dx + pad, y, inner, f->button_h}, colour_n,
                  colour_buttons, colour_n);
  if (colour_n == 2) {
    y += f->button_h + f->gap;
    int ok_w = inner / 2;
    ui_button_stack(ui, sc, f, (ui_rect_t){dx + pad + inner - ok_w, y, ok_w, f->button_h}, 1,
                    &colour_buttons[2], 1);
  }
}

/* The help or display dialog, when one is open. */
void ui_chrome_dialog(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  if (ui->dialog == UI_DIALOG_HELP)
    ui_help_dialog(ui, sc, f);
  else if (ui->dialog == UI_DIALOG_DISPLAY)
    ui_display_dialog(ui, sc, f);
}

bool ui_staff_facing(const ui_t *ui)
{
  return ui->staff || (ui->screen >= UI_SCREEN_STAFF_PIN && ui->screen <= UI_SCREEN_STAFF_NO_KW);
}

_Static_assert(UI_SCREEN_COUNT <= 64, "help_counted holds one bit per screen");

/* Open a chrome dialog. Help is audited by screen name only (the metrics
 * count it; the staff screen shows today's), nothing about the person, and
 * at most once per screen per journey: a frightened person tapping it again
 * and again is one request (each tap still opens the dialog). Staff screens
 * are never counted (they do not show it: ui_top_bar). */
void ui_chrome_dialog_open(ui_t *ui, ui_dialog_t dialog)
{
  ui->dialog = dialog;
  uint64_t bit = (uint64_t)1 << ui->screen;
  if (dialog == UI_DIALOG_HELP && !ui_staff_facing(ui) && !(ui->help_counted & bit)) {
    ui->help_counted |= bit;
    ui_audit(ui, "kiosk", STORE_EVENT_HELP_REQUESTED, ui_screen_name(ui->screen));
  }
  ui_touch(ui);
}

/* A tap while a chrome dialog is open: its buttons only. */
void ui_chrome_dialog_tap(ui_t *ui, int target)
{
  switch (target) {
  case UI_T_DIALOG_OK:
    ui->dialog = UI_DIALOG_NONE;
    ui_touch(ui);
    break;
  case UI_T_SIZE_100:
  case UI_T_SIZE_130:
  case UI_T_SIZE_160:
  case UI_T_SIZE_200:
    ui_set_text_scale(ui, (int[]){100, 130, 160, 200}[target - UI_T_SIZE_100]);
    break;
  case UI_T_COLOURS_NORMAL:
  case UI_T_COLOURS_HIGH:
    ui_set_high_contrast(ui, target == UI_T_COLOURS_HIGH);
    break;
  default:
    break;
  }
}

/* The msgid of a text size's name ("Large"). */
const char *ui_display_size_msgid(int percent) { return ui_size_msgid(percent); }
