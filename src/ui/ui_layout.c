/*
 * The kiosk's look: the two themes (calm NHS-Wales-like blue on white, and
 * a high-contrast yellow on black), the size of everything for a display
 * (touch targets of 15 mm and never under 88 px, text scaled 100/130/160 %),
 * and the widgets every screen is built from: buttons (placed in a
 * ui_rect_t), button stacks, the top bar, the page rail and the idle
 * overlay (keypads and keyboards are in ui_keys.c). Pure: produces scene
 * ops only.
 *
 * Every label goes through scene_text(), which shrinks and then wraps, and
 * records an overflow instead of clipping; the overflow test holds us to it.
 */
#include "ui/ui_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RGB(r, g, b) ((scene_color_t){(r), (g), (b), 255})
#define RGBA(r, g, b, a) ((scene_color_t){(r), (g), (b), (a)})

static const ui_theme_t ui_theme_calm = {
  .bg = RGB(255, 255, 255),
  .text = RGB(0x0b, 0x25, 0x45),
  .muted = RGB(0x42, 0x54, 0x66),
  .primary = RGB(0x00, 0x5e, 0xb8),
  .on_primary = RGB(255, 255, 255),
  .secondary_text = RGB(0x00, 0x30, 0x87),
  .border = RGB(0x76, 0x86, 0x92),
  .bar = RGB(0xe8, 0xed, 0xee),
  .panel = RGB(0xe8, 0xf1, 0xf8),
  .panel_edge = RGB(0x00, 0x5e, 0xb8),
  .warn_panel = RGB(0xff, 0xf6, 0xd8),
  /* 4.7:1 on the background and 4.4:1 on warn_panel (WCAG 1.4.11 asks 3:1;
   * the old amber ffb81c gave 1.6:1): test_ui_contrast measures it. */
  .warn_edge = RGB(0xb3, 0x5c, 0x00),
  .field = RGB(255, 255, 255),
  .field_active = RGB(0xff, 0xf9, 0xc4),
  .key = RGB(0xf4, 0xf7, 0xf8),
  .key_pressed = RGB(0x00, 0x30, 0x87),
  .error = RGB(0x8a, 0x15, 0x38),
  .success = RGB(0x00, 0x7f, 0x3b),
  .scrim = RGBA(0x0b, 0x25, 0x45, 200),
};

static const ui_theme_t ui_theme_high_contrast = {
  .bg = RGB(0, 0, 0),
  .text = RGB(255, 255, 255),
  .muted = RGB(255, 255, 255),
  .primary = RGB(255, 255, 0),
  .on_primary = RGB(0, 0, 0),
  .secondary_text = RGB(255, 255, 0),
  .border = RGB(255, 255, 255),
  .bar = RGB(0, 0, 0),
  .panel = RGB(0, 0, 0),
  .panel_edge = RGB(255, 255, 255),
  .warn_panel = RGB(0, 0, 0),
  .warn_edge = RGB(255, 255, 0),
  .field = RGB(0, 0, 0),
  .field_active = RGB(0, 0, 0x60),
  .key = RGB(0, 0, 0),
  .key_pressed = RGB(255, 255, 0),
  .error = RGB(255, 160, 160),
  .success = RGB(140, 255, 140),
  .scrim = RGBA(0, 0, 0, 225),
};

/* The string msgid in the ui's language. */
const char *ui_tr(const ui_t *ui, const char *msgid)
{
  return i18n_get(ui->cat, ui->lang, "kiosk", msgid);
}

/* The plural message for n with the number put in. */
void ui_plural(const ui_t *ui, char *out, size_t outlen, const char *msgid,
               const char *msgid_plural, unsigned long n)
{
  char num[24];
  snprintf(num, sizeof num, "%lu", n);
  const char *args[] = {num};
  const char *fmt = i18n_nget(ui->cat, ui->lang, "kiosk", msgid, msgid_plural, n);
  if (!i18n_format_args(out, outlen, fmt, args, 1))
    i18n_format_args(out, outlen, n == 1 ? msgid : msgid_plural, args, 1);
}

/* The string msgid in lang. */
const char *ui_tr_in(const ui_t *ui, lang_t lang, const char *msgid)
{
  return i18n_get(ui->cat, lang, "kiosk", msgid);
}

/* The minimum touch target: 15 mm on the configured display, at least 88. */
int ui_min_target_px(const ui_t *ui)
{
  double px_per_mm = 96.0 / 25.4;
  if (ui->cfg->display_width_mm > 0)
    px_per_mm = ui->width / ui->cfg->display_width_mm;
  int t = (int)ceil(15.0 * px_per_mm);
  return t < 88 ? 88 : t;
}

/* Clamp v into [lo, hi]. */
static int ui_clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Sizes for this display and text scale, and the theme. */
void ui_frame_init(const ui_t *ui, ui_frame_t *f)
{
  memset(f, 0, sizeof *f);
  f->w = ui->width;
  f->h = ui->height;
  int min_dim = f->w < f->h ? f->w : f->h;
  double scale = ui->text_percent / 100.0;
  int base = ui_clamp(min_dim / 30, 20, 40);
  f->body = (int)lround(base * scale);
  f->small = (int)lround(f->body * 0.82);
  f->heading = (int)lround(f->body * 1.3);
  f->title = (int)lround(f->body * 1.6);
  f->name = (int)lround(f->body * 1.9);
  f->phone = (int)lround(f->body * 2.2);
  f->bar_font = (int)lround(base * (scale > 1.3 ? 1.3 : scale));
  f->target = ui_min_target_px(ui);
  int wanted = (int)lround(base * 2.6 * (scale > 1.3 ? 1.3 : scale));
  f->button_h = wanted > f->target ? wanted : f->target;
  f->margin = ui_clamp(min_dim / 36, 12, 40);
  f->gap = ui_clamp(f->margin / 2, 8, 20);
  f->portrait = f->h > f->w;
  f->compact = f->h < 600 || f->w < 900;
  f->bar_h = f->button_h + f->gap;
  f->cx = f->margin;
  f->cy = f->bar_h + f->gap;
  f->cw = f->w - 2 * f->margin;
  f->ch = f->h - f->cy - f->margin;
  f->th = ui->high_contrast ? ui_theme_high_contrast : ui_theme_calm;
}

/* A text style of one of the kinds. */
scene_text_style_t ui_style(const ui_frame_t *f, ui_text_kind_t kind, const char *label)
{
  scene_text_style_t st = {.font_px = f->body, .min_font_px = f->body, .wrap = true,
                           .color = f->th.text, .label = label};
  switch (kind) {
  case UI_TK_SMALL:
    st.font_px = st.min_font_px = f->small;
    break;
  case UI_TK_MUTED:
    st.font_px = st.min_font_px = f->small;
    st.color = f->th.muted;
    break;
  case UI_TK_BODY:
    break;
  case UI_TK_BODY_BOLD:
    st.bold = true;
    break;
  case UI_TK_HEADING:
    st.font_px = f->heading;
    st.min_font_px = f->body;
    st.bold = true;
    break;
  case UI_TK_TITLE:
    st.font_px = f->title;
    st.min_font_px = f->heading;
    st.bold = true;
    break;
  case UI_TK_NAME:
    st.font_px = f->name;
    st.min_font_px = f->heading;
    st.bold = true;
    break;
  case UI_TK_PHONE:
    st.font_px = f->phone;
    st.min_font_px = f->heading;
    st.bold = true;
    break;
  }
  return st;
}

/* Height the text needs at width w (laid out in a scratch scene). */
int ui_text_height(ui_t *ui, const ui_frame_t *f, int w, const char *text,
                   const scene_text_style_t *st)
{
  if (!text || !*text)
    return 0;
  scene_t *scratch = scene_new(w, 1 << 20, f->th.bg);
  if (!scratch)
    return 0;
  int h = scene_text(scratch, &ui->measurer, 0, 0, w, 1 << 20, text, st);
  scene_free(scratch);
  return h;
}

/* The content area below the top bar. */
ui_rect_t ui_content(const ui_frame_t *f) { return (ui_rect_t){f->cx, f->cy, f->cw, f->ch}; }

/* Text in a box with a style kind. */
int ui_text(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *text,
            ui_text_kind_t kind, scene_align_t align, const char *label)
{
  scene_text_style_t st = ui_style(f, kind, label);
  st.align = align;
  return scene_text(sc, &ui->measurer, box.x, box.y, box.w, box.h, text, &st);
}

/* Whether every word of text fits width w at px (so wrapping never has to
 * break inside a word). */
static bool ui_words_fit(ui_t *ui, const char *text, bool bold, int w, int px)
{
  char word[256];
  const char *p = text;
  while (*p) {
    while (*p == ' ' || *p == '\n')
      p++;
    size_t n = strcspn(p, " \n");
    if (!n)
      break;
    if (n >= sizeof word)
      return false;
    memcpy(word, p, n);
    word[n] = '\0';
    int tw = 0, th = 0;
    if (!ui->measurer.measure(ui->measurer.ctx, word, px, bold, &tw, &th) || tw > w)
      return false;
    p += n;
  }
  return true;
}

/* The largest size from max_px down to min_px at which text, wrapped at
 * word boundaries, fits the box: a label wraps before it shrinks much.
 * Returns min_px when nothing fits (scene_text then reports it). */
int ui_fit_px(ui_t *ui, const ui_frame_t *f, const char *text, bool bold, int w, int h,
              int max_px, int min_px)
{
  int lo = min_px, hi = max_px, best = min_px;
  while (lo <= hi) {
    int px = (lo + hi) / 2;
    scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = bold, .wrap = true};
    bool fits = ui_words_fit(ui, text, bold, w, px) && ui_text_height(ui, f, w, text, &st) <= h;
    if (fits) {
      best = px;
      lo = px + 1;
    } else {
      hi = px - 1;
    }
  }
  return best;
}

/* A button with a centred label. */
void ui_button(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *text,
               ui_button_kind_t kind, int target, const char *label)
{
  int x = box.x, y = box.y, w = box.w, h = box.h;
  const ui_theme_t *th = &f->th;
  bool pressed = ui->pressing && target && ui->pressed_target == target;
  scene_color_t fill = th->bg, edge = th->primary, ink = th->secondary_text;
  int border = f->body >= 30 ? 4 : 3;
  int font = f->body;
  switch (kind) {
  case UI_BTN_HERO:
    font = f->title;
    fill = th->primary;
    edge = th->primary;
    ink = th->on_primary;
    break;
  case UI_BTN_PRIMARY:
    fill = th->primary;
    edge = th->primary;
    ink = th->on_primary;
    break;
  case UI_BTN_SECONDARY:
    break;
  case UI_BTN_KEY:
    fill = th->key;
    edge = th->border;
    ink = th->text;
    border = 2;
    break;
  case UI_BTN_BAR:
    font = f->bar_font;
    break;
  case UI_BTN_QUIET:
    font = f->bar_font;
    fill = th->bg;
    edge = th->border;
    ink = th->text;
    border = 2;
    break;
  }
  if (pressed) {
    fill = th->key_pressed;
    ink = ui->high_contrast ? th->bg : th->on_primary;
  }
  int radius = h / 6 < 16 ? h / 6 : 16;
  scene_rect(sc, x, y, w, h, fill, edge, border, radius, target);
  int pad = f->gap;
  int px = ui_fit_px(ui, f, text, true, w - 2 * pad, h - 8, font, (int)lround(font * 0.55));
  scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = true, .wrap = true,
                           .align = SCENE_ALIGN_CENTER, .valign = SCENE_ALIGN_CENTER,
                           .color = ink, .label = label};
  scene_text(sc, &ui->measurer, x + pad, y + 4, w - 2 * pad, h - 8, text, &st);
}

/* Width a top-bar button needs for its label. */
static int ui_bar_button_width(ui_t *ui, const ui_frame_t *f, const char *text)
{
  int tw = 0, th = 0;
  ui->measurer.measure(ui->measurer.ctx, text, f->bar_font, true, &tw, &th);
  int w = tw + 2 * f->gap + 2 * f->margin / 2;
  return w < f->target ? f->target : w;
}

/* The top bar. */
void ui_top_bar(ui_t *ui, scene_t *sc, const ui_frame_t *f, const char *left_text,
                int left_target, bool language_switch)
{
  const ui_theme_t *th = &f->th;
  scene_rect(sc, 0, 0, f->w, f->bar_h, th->bar, th->bar, 0, 0, 0);
  if (ui->high_contrast)
    scene_line(sc, 0, f->bar_h - 1, f->w, f->bar_h - 1, th->border, 2);
  int y = f->gap / 2, h = f->button_h;
  int right = ui_speech_listen_button(ui, sc, f, y, h, left_text, left_target, language_switch);
  char size_label[32];
  snprintf(size_label, sizeof size_label, "Aa %d%%", ui->text_percent);
  int wc = f->target;
  right -= wc;
  ui_button(ui, sc, f, (ui_rect_t){right, y, wc, h}, "\xe2\x97\x90", UI_BTN_QUIET, UI_T_CONTRAST,
            "bar.contrast");
  int ws = ui_bar_button_width(ui, f, size_label);
  right -= ws + f->gap;
  ui_button(ui, sc, f, (ui_rect_t){right, y, ws, h}, size_label, UI_BTN_QUIET, UI_T_TEXT_SIZE,
            "bar.text_size");
  if (language_switch) {
    /* Each language names itself, in itself. */
    const char *other = ui->lang == LANG_CY ? "English" : "Cymraeg";
    int wl = ui_bar_button_width(ui, f, other);
    right -= wl + f->gap;
    ui_button(ui, sc, f, (ui_rect_t){right, y, wl, h}, other, UI_BTN_QUIET, UI_T_LANG_SWITCH,
              "bar.language");
  }
  if (!left_target && left_text) {
    scene_text_style_t st = ui_style(f, UI_TK_BODY_BOLD, "bar.site");
    st.font_px = f->bar_font;
    st.valign = SCENE_ALIGN_CENTER;
    st.min_font_px = f->bar_font / 2;
    st.color = th->secondary_text;
    /* Leave the staff corner (a press-and-hold target) free of content. */
    int x = f->target + f->gap;
    scene_text(sc, &ui->measurer, x, 0, right - f->gap - x, f->bar_h, left_text, &st);
  } else if (left_target && left_text) {
    int wb = ui_bar_button_width(ui, f, left_text);
    int room = right - f->gap - f->margin;
    if (wb > room)
      wb = room;
    ui_button(ui, sc, f, (ui_rect_t){f->margin, y, wb, h}, left_text, UI_BTN_BAR, left_target,
              "bar.back");
  }
}

/* Width of the page rail. */
int ui_rail_width(const ui_frame_t *f) { return f->target; }

/* A page rail: up, "2 / 3", down. */
void ui_page_rail(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page,
                  int pages)
{
  int x = box.x, y = box.y, w = box.w, h = box.h;
  int bh = f->target;
  if (page > 0)
    ui_button(ui, sc, f, (ui_rect_t){x, y, w, bh}, "\xe2\x96\xb2", UI_BTN_SECONDARY, UI_T_PAGE_UP,
              "rail.up");
  if (page + 1 < pages)
    ui_button(ui, sc, f, (ui_rect_t){x, y + h - bh, w, bh}, "\xe2\x96\xbc", UI_BTN_PRIMARY,
              UI_T_PAGE_DOWN, "rail.down");
  char where[32];
  snprintf(where, sizeof where, "%d / %d", page + 1, pages);
  scene_text_style_t st = ui_style(f, UI_TK_SMALL, "rail.page");
  st.bold = true;
  st.align = SCENE_ALIGN_CENTER;
  st.valign = SCENE_ALIGN_CENTER;
  st.min_font_px = f->small / 2;
  st.wrap = true;
  scene_text(sc, &ui->measurer, x, y + bh, w, h - 2 * bh, where, &st);
}

/* Height a stack of n buttons in rows of per_row needs. */
int ui_button_stack_height(const ui_frame_t *f, int per_row, int n)
{
  int rows = (n + per_row - 1) / per_row;
  return rows * f->button_h + (rows - 1) * f->gap;
}

/* Buttons in rows of per_row, sharing the width. */
void ui_button_stack(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int per_row,
                     const ui_choice_t *buttons, int n)
{
  int bw = (box.w - (per_row - 1) * f->gap) / per_row;
  for (int i = 0; i < n; i++) {
    int row = i / per_row, col = i % per_row;
    int in_row = n - row * per_row < per_row ? n - row * per_row : per_row;
    int this_w = in_row < per_row ? (box.w - (in_row - 1) * f->gap) / in_row : bw;
    char label[32];
    snprintf(label, sizeof label, "button.%d", buttons[i].target);
    ui_rect_t r = {box.x + col * (this_w + f->gap), box.y + row * (f->button_h + f->gap), this_w,
                   f->button_h};
    ui_button(ui, sc, f, r, buttons[i].text, buttons[i].kind, buttons[i].target, label);
  }
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
  int dh = pad + th1 + title_gap + th2 + pad + bh + pad;
  if (dh > f->h - 2 * f->gap)
    dh = f->h - 2 * f->gap;
  int dx = (f->w - dw) / 2, dy = (f->h - dh) / 2;
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
