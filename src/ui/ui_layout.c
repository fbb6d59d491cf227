/*
 * The kiosk's look: the two themes (calm NHS-Wales-like blue on white, and
 * a high-contrast yellow on black), the size of everything for a display
 * (touch targets of 15 mm and never under 88 px, text scaled 100/130/160/
 * 200 %), and the widgets every screen is built from: buttons (placed in a
 * ui_rect_t), button stacks, the bar of shared controls (Back, Finish,
 * language, display, help, Listen: each in the same place on every screen,
 * at the bottom on a portrait screen) and the page rail (keypads and
 * keyboards are in ui_keys.c, dialogs in ui_dialog.c). Pure: produces scene
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

/* Width of text in bold at px on one line. */
static int ui_label_w(const ui_t *ui, const char *text, int px)
{
  int tw = 0, th = 0;
  if (!ui->measurer.measure(ui->measurer.ctx, text, px, true, &tw, &th))
    return 1 << 20;
  return tw;
}

/* Width of text in bold at px on at most two lines (broken at a space). */
static int ui_label_w2(const ui_t *ui, const char *text, int px)
{
  char buf[256];
  int best = ui_label_w(ui, text, px);
  snprintf(buf, sizeof buf, "%s", text);
  for (char *p = buf; *p; p++) {
    if (*p != ' ')
      continue;
    *p = '\0';
    int a = ui_label_w(ui, buf, px), b = ui_label_w(ui, p + 1, px);
    *p = ' ';
    int m = a > b ? a : b;
    if (m < best)
      best = m;
  }
  return best;
}

/* The bar's slots, in order. */
enum { UI_BAR_BACK, UI_BAR_FINISH, UI_BAR_LANG, UI_BAR_DISPLAY, UI_BAR_HELP, UI_BAR_LISTEN,
       UI_BAR_SLOTS };

/* What the bar's slots say (for their widths) in the ui's language. */
typedef struct {
  const char *text[UI_BAR_SLOTS];
  bool present[UI_BAR_SLOTS];
  int min_w[UI_BAR_SLOTS]; /* a slot's least width (0: the touch target) */
} ui_bar_labels_t;

/* The inset of a bar button's label from its edges: the gap between
 * buttons, so a word never touches its border. */
int ui_bar_pad(const ui_frame_t *f) { return f->gap < 8 ? 8 : f->gap; }

/* The size of Listen's loudspeaker beside a label of px in a button h high. */
int ui_bar_icon(int px, int h) { return px * 3 / 2 < h / 2 ? px * 3 / 2 : h / 2; }

/* Width of each slot at px (two-line labels when wrap and two lines fit
 * h); true when they fit in rows of the screen's width. */
static bool ui_bar_widths(const ui_t *ui, const ui_frame_t *f, const ui_bar_labels_t *lb, int px,
                          int rows, bool wrap, int h, int widths[UI_BAR_SLOTS])
{
  int line = 0, dummy = 0;
  ui->measurer.measure(ui->measurer.ctx, "Ag", px, true, &dummy, &line);
  bool two_lines = wrap && 2 * line <= h - 8;
  int room = f->w - 2 * f->margin;
  int row_w[2] = {0, 0}, row_n[2] = {0, 0};
  for (int i = 0; i < UI_BAR_SLOTS; i++) {
    widths[i] = 0;
    if (!lb->present[i])
      continue;
    int tw = two_lines ? ui_label_w2(ui, lb->text[i], px) : ui_label_w(ui, lb->text[i], px);
    if (line > h - 8)
      tw = 1 << 20;
    int w = tw + 2 * ui_bar_pad(f) + (i == UI_BAR_LISTEN ? ui_bar_icon(px, h) + f->gap / 2 : 0);
    widths[i] = w < f->target ? f->target : w;
    if (widths[i] < lb->min_w[i])
      widths[i] = lb->min_w[i];
    int r = rows == 2 && i >= UI_BAR_DISPLAY ? 1 : 0;
    row_w[r] += widths[i];
    row_n[r]++;
  }
  for (int r = 0; r < rows; r++)
    if (row_w[r] + row_n[r] * f->gap > room) /* a gap between each, and between the groups */
      return false;
  return true;
}

/* The largest label size from f->body down to the body size at 100 % at
 * which the slots fit in rows (0: none). */
static int ui_bar_fit(const ui_t *ui, const ui_frame_t *f, const ui_bar_labels_t *lb, int rows,
                      int h, int min_px, int widths[UI_BAR_SLOTS])
{
  int lo = min_px, hi = f->body > min_px ? f->body : min_px, best = 0;
  int tmp[UI_BAR_SLOTS];
  while (lo <= hi) {
    int px = (lo + hi) / 2;
    /* Bilingual labels (before a language is chosen) are drawn on two
     * lines, Welsh above, when they fit: measure them so first. */
    bool wrap_first = ui_before_language(ui);
    if (ui_bar_widths(ui, f, lb, px, rows, wrap_first, h, tmp) ||
        ui_bar_widths(ui, f, lb, px, rows, !wrap_first, h, tmp)) {
      best = px;
      memcpy(widths, tmp, sizeof tmp);
      lo = px + 1;
    } else {
      hi = px - 1;
    }
  }
  return best;
}

bool ui_before_language(const ui_t *ui) { return ui->screen == UI_SCREEN_WELCOME; }

/* A bar label: msgid in the ui's language, or, before anyone has chosen a
 * language, in both, Welsh first ("Arddangos / Display"; on two lines,
 * Welsh above, when two_lines). Written to out; returns out. */
static const char *ui_bar_words(const ui_t *ui, const char *msgid, bool two_lines, char *out,
                                size_t outlen)
{
  if (ui_before_language(ui))
    snprintf(out, outlen, two_lines ? "%s\n%s" : "%s / %s", ui_tr_in(ui, LANG_CY, msgid),
             ui_tr_in(ui, LANG_EN, msgid));
  else
    snprintf(out, outlen, "%s", ui_tr(ui, msgid));
  return out;
}

/* Place the bar's slots: one row at the top (or, in portrait, at the
 * bottom, within a seated person's reach); two rows only when one cannot
 * hold the labels at the body size of 100 %. Back starts the row, Finish follows it; the language,
 * display, help and Listen end it (Listen last, its right edge the same on
 * every screen). */
static void ui_bar_layout(const ui_t *ui, ui_frame_t *f, int base)
{
  ui_bar_t *bar = &f->bar;
  ui_bar_labels_t lb = {0};
  lb.text[UI_BAR_BACK] = ui_tr(ui, "Back");
  lb.text[UI_BAR_FINISH] = ui_tr(ui, "Finish");
  lb.text[UI_BAR_LANG] = ui->lang == LANG_CY ? "English" : "Cymraeg";
  char display2[128], help2[128];
  lb.text[UI_BAR_DISPLAY] = ui_bar_words(ui, "Display", false, display2, sizeof display2);
  lb.text[UI_BAR_HELP] = ui_bar_words(ui, "Need help?", false, help2, sizeof help2);
  char listen2[128];
  lb.text[UI_BAR_LISTEN] = ui_speech_listen_label(ui);
  if (ui_before_language(ui)) { /* the longer of "Gwrando / Listen" and "Stopio / Stop" */
    char stop2[128];
    ui_bar_words(ui, "Listen", false, listen2, sizeof listen2);
    ui_bar_words(ui, "Stop", false, stop2, sizeof stop2);
    if (strlen(stop2) > strlen(listen2))
      memcpy(listen2, stop2, sizeof listen2);
    lb.text[UI_BAR_LISTEN] = listen2;
  }
  for (int i = 0; i < UI_BAR_SLOTS; i++)
    lb.present[i] = i != UI_BAR_LISTEN || ui->cfg->speech_enabled;
  /* Before a language is chosen there is no Back, Finish or language
   * switch: the room is the bilingual labels' (and the site name's). */
  if (ui_before_language(ui)) {
    lb.present[UI_BAR_FINISH] = lb.present[UI_BAR_LANG] = false;
    /* Back's slot (not drawn) keeps the site's name a quarter of the row
     * past the staff corner: the labels shrink (or take two rows) first. */
    int room = f->w - 2 * f->margin;
    lb.text[UI_BAR_BACK] = "";
    lb.min_w[UI_BAR_BACK] = (f->portrait ? 0 : f->target + f->gap - f->margin) + room / 4;
  }
  int h = f->button_h, widths[UI_BAR_SLOTS] = {0}, widths2[UI_BAR_SLOTS] = {0};
  int px = ui_bar_fit(ui, f, &lb, 1, h, base, widths);
  int px2 = px ? 0 : ui_bar_fit(ui, f, &lb, 2, h, base, widths2);
  bar->rows = 1;
  if (px2 > px || !px) {
    bar->rows = 2;
    px = px2;
    memcpy(widths, widths2, sizeof widths);
  }
  if (!px) { /* nothing fits even at the smallest size: the overflow test says so */
    px = base;
    ui_bar_widths(ui, f, &lb, px, 2, true, h, widths);
  }
  bar->font_px = px;
  bar->min_font_px = base;
  bar->bottom = f->portrait;
  f->bar_font = px;
  f->bar_h = bar->rows * (h + f->gap);
  bar->band = (ui_rect_t){0, bar->bottom ? f->h - f->bar_h : 0, f->w, f->bar_h};
  int y_last = bar->band.y + f->gap / 2 + (bar->rows - 1) * (h + f->gap);
  int y_first = bar->band.y + f->gap / 2;
  ui_rect_t *slot[UI_BAR_SLOTS] = {&bar->back, &bar->finish, &bar->lang, &bar->display,
                                   &bar->help, &bar->listen};
  int x = f->margin;
  for (int i = UI_BAR_BACK; i <= UI_BAR_FINISH; i++) {
    *slot[i] = (ui_rect_t){x, y_first, widths[i], h};
    x += widths[i] + f->gap;
  }
  int right = f->w - f->margin;
  for (int i = UI_BAR_LISTEN; i >= UI_BAR_LANG; i--) {
    if (!lb.present[i]) {
      *slot[i] = (ui_rect_t){right, y_last, 0, h};
      continue;
    }
    if (bar->rows == 2 && i == UI_BAR_LANG) /* the first row's end */
      right = f->w - f->margin;
    int y = bar->rows == 2 && i == UI_BAR_LANG ? y_first : y_last;
    *slot[i] = (ui_rect_t){right - widths[i], y, widths[i], h};
    right -= widths[i] + f->gap;
  }
}

/* The page rail's width: its words ("Up", "More") on one line, and "Page 8
 * of 8" on at most two lines ("Tudalen" / "8 o 8"), at the body size of
 * 100 %, and never under the touch target (the words grow with the bar's
 * size as far as that width allows: ui_page_rail). */
static int ui_rail_layout(const ui_t *ui, const ui_frame_t *f)
{
  int a = ui_label_w(ui, ui_tr(ui, "More"), f->bar.min_font_px);
  int b = ui_label_w(ui, ui_tr(ui, "Up"), f->bar.min_font_px);
  char where[96];
  const char *args[] = {"8", "8"};
  int c = i18n_format_args(where, sizeof where, ui_tr(ui, "Page %s of %s"), args, 2)
              ? ui_label_w2(ui, where, f->bar.min_font_px) : 0;
  int widest = a > b ? a : b;
  widest = widest > c ? widest : c;
  int w = widest + 2 * f->gap;
  return w < f->target ? f->target : w;
}

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
  f->target = ui_min_target_px(ui);
  int wanted = (int)lround(base * 2.6 * (scale > 1.3 ? 1.3 : scale));
  f->button_h = wanted > f->target ? wanted : f->target;
  f->margin = ui_clamp(min_dim / 36, 12, 40);
  f->gap = ui_clamp(f->margin / 2, 8, 20);
  f->portrait = f->h > f->w;
  f->compact = f->h < 600 || f->w < 900;
  ui_bar_layout(ui, f, base);
  f->rail_w = ui_rail_layout(ui, f);
  f->cx = f->margin;
  f->cw = f->w - 2 * f->margin;
  if (f->bar.bottom) {
    f->cy = f->margin;
    f->ch = f->bar.band.y - f->gap - f->cy;
  } else {
    f->cy = f->bar_h + f->gap;
    f->ch = f->h - f->cy - f->margin;
  }
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
bool ui_words_fit(ui_t *ui, const char *text, bool bold, int w, int px)
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

/* A button with a centred label; returns the label's colour. */
scene_color_t ui_button(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *text,
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
  int pad = kind == UI_BTN_BAR || kind == UI_BTN_QUIET ? ui_bar_pad(f) : f->gap;
  /* The bar's labels never shrink under the body size at 100 % (the bar is
   * laid out so they need not: ui_bar_layout). */
  int min_px = kind == UI_BTN_BAR || kind == UI_BTN_QUIET ? f->bar.min_font_px
                                                          : (int)lround(font * 0.55);
  if (min_px > font)
    min_px = font;
  int px = ui_fit_px(ui, f, text, true, w - 2 * pad, h - 8, font, min_px);
  scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = true, .wrap = true,
                           .align = SCENE_ALIGN_CENTER, .valign = SCENE_ALIGN_CENTER,
                           .color = ink, .label = label};
  scene_text(sc, &ui->measurer, x + pad, y + 4, w - 2 * pad, h - 8, text, &st);
  return ink;
}

/* Whether text fits w x h at the bar's size, wrapped at spaces, unshrunk. */
bool ui_bar_label_fits(ui_t *ui, const ui_frame_t *f, const char *text, int w, int h)
{
  scene_text_style_t st = {.font_px = f->bar_font, .min_font_px = f->bar_font, .bold = true,
                           .wrap = true};
  return ui_words_fit(ui, text, true, w, f->bar_font) && ui_text_height(ui, f, w, text, &st) <= h;
}

/* The bar of shared controls. */
void ui_top_bar(ui_t *ui, scene_t *sc, const ui_frame_t *f, const char *left_text,
                int left_target, bool finish, bool language_switch)
{
  const ui_theme_t *th = &f->th;
  const ui_bar_t *bar = &f->bar;
  scene_rect(sc, bar->band.x, bar->band.y, bar->band.w, bar->band.h, th->bar, th->bar, 0, 0, 0);
  if (ui->high_contrast) {
    int edge = bar->bottom ? bar->band.y : bar->band.y + bar->band.h - 1;
    scene_line(sc, 0, edge, f->w, edge, th->border, 2);
  }
  ui_speech_listen_button(ui, sc, f);
  /* Before a language is chosen (the welcome screen) every label is in
   * both, Welsh first: on two lines (Welsh above) when they fit, else
   * "Cymraeg / English" wrapped as the button can (ui_bar_layout measured
   * the slots for that). */
  char help[128], display[128];
  ui_bar_words(ui, "Need help?", true, help, sizeof help);
  if (!ui_bar_label_fits(ui, f, help, bar->help.w - 2 * ui_bar_pad(f), bar->help.h - 8))
    ui_bar_words(ui, "Need help?", false, help, sizeof help);
  ui_bar_words(ui, "Display", true, display, sizeof display);
  if (!ui_bar_label_fits(ui, f, display, bar->display.w - 2 * ui_bar_pad(f), bar->display.h - 8))
    ui_bar_words(ui, "Display", false, display, sizeof display);
  /* Staff screens have no "Need help?": it tells a patient to ask at
   * reception, and staff opening it must not count as a patient's request.
   * Its slot stays empty so the other controls keep their places. */
  if (!ui_staff_facing(ui))
    ui_button(ui, sc, f, bar->help, help, UI_BTN_QUIET, UI_T_HELP, "bar.help");
  ui_button(ui, sc, f, bar->display, display, UI_BTN_QUIET, UI_T_DISPLAY, "bar.display");
  if (language_switch) {
    /* Each language names itself, in itself. */
    const char *other = ui->lang == LANG_CY ? "English" : "Cymraeg";
    ui_button(ui, sc, f, bar->lang, other, UI_BTN_QUIET, UI_T_LANG_SWITCH, "bar.language");
  }
  if (finish)
    ui_button(ui, sc, f, bar->finish, ui_tr(ui, "Finish"), UI_BTN_BAR, UI_T_FINISH, "bar.finish");
  /* What the start of the row may take: up to Finish, or up to the first
   * control at the end of the row. */
  int end = language_switch && bar->rows == 1 ? bar->lang.x : bar->display.x;
  if (bar->rows == 2)
    end = language_switch ? bar->lang.x : f->w - f->margin + f->gap;
  if (finish)
    end = bar->finish.x;
  if (!left_target && left_text) {
    /* The site's name is decoration, not a control, and holds whatever the
     * configuration says (up to config's cap): it wraps, and shrinks as far
     * as it must (never under UI_SITE_NAME_MIN_PX) to fit its place. */
    scene_text_style_t st = ui_style(f, UI_TK_BODY_BOLD, "bar.site");
    st.font_px = f->bar_font;
    st.valign = SCENE_ALIGN_CENTER;
    st.wrap = true;
    st.min_font_px = UI_SITE_NAME_MIN_PX;
    st.color = th->secondary_text;
    /* Leave the staff corner (a press-and-hold target) free of content. */
    int x = bar->bottom ? f->margin : f->target + f->gap;
    /* the largest size at which it fits, wrapped at spaces (two lines at a
     * readable size before one line at a tiny one) */
    st.font_px = st.min_font_px = ui_fit_px(ui, f, left_text, true, end - f->gap - x, bar->back.h,
                                            f->bar_font, UI_SITE_NAME_MIN_PX);
    scene_text(sc, &ui->measurer, x, bar->back.y, end - f->gap - x, bar->back.h, left_text, &st);
  } else if (left_target && left_text) {
    ui_rect_t r = bar->back;
    int need = ui_label_w(ui, left_text, f->bar_font) + 2 * ui_bar_pad(f);
    int room = end - f->gap - r.x;
    if (need > r.w)
      r.w = need < room ? need : room;
    if (r.w < bar->back.w)
      r.w = bar->back.w;
    ui_button(ui, sc, f, r, left_text, UI_BTN_BAR, left_target,
              left_target == UI_T_BACK ? "bar.back" : "bar.left");
  }
}

/* Width of the page rail. */
int ui_rail_width(const ui_frame_t *f) { return f->rail_w; }

/* A chevron pointing up or down, centred at (cx, cy), in ink. */
static void ui_chevron(scene_t *sc, int cx, int cy, int size, bool up, scene_color_t ink)
{
  int half = size / 2, stroke = size / 6 < 2 ? 2 : size / 6;
  int tip = up ? cy - size / 4 : cy + size / 4, ends = up ? cy + size / 4 : cy - size / 4;
  scene_line(sc, cx - half, ends, cx, tip, ink, stroke);
  scene_line(sc, cx, tip, cx + half, ends, ink, stroke);
}

/* A paging button: a chevron and its word ("Up" or "More") at word_px. */
static void ui_pager_button(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t r, bool up,
                            int word_px)
{
  int target = up ? UI_T_PAGE_UP : UI_T_PAGE_DOWN;
  const char *label = up ? "rail.up" : "rail.down";
  scene_color_t ink = ui_button(ui, sc, f, r, "", up ? UI_BTN_SECONDARY : UI_BTN_PRIMARY, target,
                                label);
  int chevron = f->bar.min_font_px * 3 / 4, half = r.h / 2;
  scene_text_style_t st = {.font_px = word_px, .min_font_px = f->bar.min_font_px, .bold = true,
                           .align = SCENE_ALIGN_CENTER, .valign = SCENE_ALIGN_CENTER,
                           .color = ink, .label = label};
  /* Up: the chevron above the word; More: the word above the chevron. */
  int word_y = up ? r.y + half - 4 : r.y + 4;
  scene_text(sc, &ui->measurer, r.x + f->gap, word_y, r.w - 2 * f->gap, half,
             ui_tr(ui, up ? "Up" : "More"), &st);
  ui_chevron(sc, r.x + r.w / 2, up ? r.y + half / 2 + 2 : r.y + half * 3 / 2 - 2, chevron, up,
             ink);
}

/* The size of the paging words in buttons w x h (the same for both). */
static int ui_pager_word_px(ui_t *ui, const ui_frame_t *f, int w, int h)
{
  int up_px = ui_fit_px(ui, f, ui_tr(ui, "Up"), true, w - 2 * f->gap, h / 2, f->bar_font,
                        f->bar.min_font_px);
  int more_px = ui_fit_px(ui, f, ui_tr(ui, "More"), true, w - 2 * f->gap, h / 2, f->bar_font,
                          f->bar.min_font_px);
  return up_px < more_px ? up_px : more_px;
}

/* "Page 2 of 3" in words in box; "2 / 3" only where the words cannot fit. */
static void ui_pager_where(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page,
                           int pages)
{
  char n1[16], n2[16], where[96];
  snprintf(n1, sizeof n1, "%d", page + 1);
  snprintf(n2, sizeof n2, "%d", pages);
  const char *args[] = {n1, n2};
  scene_text_style_t st = ui_style(f, UI_TK_SMALL, "rail.page");
  st.bold = true;
  st.align = SCENE_ALIGN_CENTER;
  st.valign = SCENE_ALIGN_CENTER;
  /* never under the body size at 100 % (the bar's floor; the rail is
   * wide enough for it: ui_rail_layout) */
  st.min_font_px = f->bar.min_font_px;
  if (st.font_px < st.min_font_px)
    st.font_px = st.min_font_px;
  st.wrap = true;
  bool words = i18n_format_args(where, sizeof where, ui_tr(ui, "Page %s of %s"), args, 2);
  if (words) {
    int px = ui_fit_px(ui, f, where, true, box.w, box.h, st.font_px, st.min_font_px);
    scene_text_style_t probe = st;
    probe.font_px = probe.min_font_px = px;
    words = ui_words_fit(ui, where, true, box.w, px) &&
            ui_text_height(ui, f, box.w, where, &probe) <= box.h;
  }
  if (!words)
    snprintf(where, sizeof where, "%d / %d", page + 1, pages);
  scene_text(sc, &ui->measurer, box.x, box.y, box.w, box.h, where, &st);
}

/* A page rail: "Up" at the top, "Page 2 of 3", "More" at the foot, each
 * button with a chevron above or below its word. */
void ui_page_rail(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page,
                  int pages)
{
  int bh = f->target;
  int word_px = ui_pager_word_px(ui, f, box.w, bh);
  if (page > 0)
    ui_pager_button(ui, sc, f, (ui_rect_t){box.x, box.y, box.w, bh}, true, word_px);
  if (page + 1 < pages)
    ui_pager_button(ui, sc, f, (ui_rect_t){box.x, box.y + box.h - bh, box.w, bh}, false, word_px);
  ui_pager_where(ui, sc, f, (ui_rect_t){box.x, box.y + bh, box.w, box.h - 2 * bh}, page, pages);
}

/* The same in a row: "Up" at the left, "Page 2 of 3", "More" at the right. */
void ui_page_row(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page, int pages)
{
  int bw = f->rail_w;
  int word_px = ui_pager_word_px(ui, f, bw, box.h);
  if (page > 0)
    ui_pager_button(ui, sc, f, (ui_rect_t){box.x, box.y, bw, box.h}, true, word_px);
  if (page + 1 < pages)
    ui_pager_button(ui, sc, f, (ui_rect_t){box.x + box.w - bw, box.y, bw, box.h}, false, word_px);
  ui_pager_where(ui, sc, f, (ui_rect_t){box.x + bw + f->gap, box.y, box.w - 2 * bw - 2 * f->gap,
                                        box.h}, page, pages);
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
