/*
 * The report's two A4 pages as scenes: the entry point and the helpers the
 * pages share (text in each language, bars, tiles, sources). The pages
 * themselves are report_layout_coverage.c and report_layout_kiosk.c.
 * Charts are plain bars and one line so they read at a glance; colours are
 * the Okabe-Ito set, which stays distinct for colour-blind readers. Every
 * figure ends with its source and period, in each language of the report.
 */
#include "core/report_layout_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const scene_color_t REPORT_WHITE = {255, 255, 255, 255};
const scene_color_t REPORT_INK = {33, 33, 33, 255};
const scene_color_t REPORT_GREY = {96, 96, 96, 255};
const scene_color_t REPORT_RULE = {200, 200, 200, 255};
const scene_color_t REPORT_TRACK = {232, 236, 236, 255};
const scene_color_t REPORT_TILE = {240, 245, 244, 255};
const scene_color_t REPORT_BRAND = {0, 102, 94, 255};
const scene_color_t REPORT_BRAND_LIGHT = {140, 200, 190, 255};
const scene_color_t REPORT_ANCHOR = {80, 80, 80, 255};
const scene_color_t REPORT_NONE = {0, 0, 0, 0};
/* Okabe-Ito: one colour per card reason. */
const scene_color_t REPORT_REASON_COLOR[REPORT_CARD_REASONS] = {
    {0, 114, 178, 255}, {230, 159, 0, 255}, {204, 121, 167, 255}, {0, 158, 115, 255}};


/* Layout units to scene pixels. The layout works in tenths of a millimetre;
 * only these helpers and the text functions below see pixels. */
int rl_X(const lay_t *L, int units) { return (int)lround(units * L->scale); }

/* A filled rectangle, in layout units. */
void rl_rect(lay_t *L, int x, int y, int w, int h, scene_color_t fill, scene_color_t border,
                 int border_w, int radius, int target)
{
  scene_rect(L->sc, rl_X(L, x), rl_X(L, y), rl_X(L, w), rl_X(L, h), fill, border, border_w ? rl_X(L, border_w) : 0,
             rl_X(L, radius), target);
}

/* A line, in layout units, at least one pixel wide. */
void rl_line(lay_t *L, int x0, int y0, int x1, int y1, scene_color_t color, int width)
{
  int w = rl_X(L, width);
  scene_line(L->sc, rl_X(L, x0), rl_X(L, y0), rl_X(L, x1), rl_X(L, y1), color, w > 0 ? w : 1);
}

/* The translation of msgid (msgctxt "report") in the report's i-th language. */
const char *rl_tr(const lay_t *L, size_t i, const char *msgid)
{
  return i18n_get(L->opt->cat, L->opt->langs[i], "report", msgid);
}

/* Format the i-th language's translation of msgid with text arguments;
 * a faulty translation falls back to the English format. */
void rl_trf(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
                const char *const *args, size_t nargs)
{
  if (!i18n_format_args(out, outlen, rl_tr(L, i, msgid), args, nargs))
    i18n_format_args(out, outlen, msgid, args, nargs);
}

/* Plural form of msgid for n in the i-th language, formatted with args. */
void rl_trn(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
                const char *plural, long n, const char *const *args, size_t nargs)
{
  const char *fmt = i18n_nget(L->opt->cat, L->opt->langs[i], "report", msgid, plural,
                              (unsigned long)(n < 0 ? 0 : n));
  if (!i18n_format_args(out, outlen, fmt, args, nargs))
    i18n_format_args(out, outlen, n == 1 ? msgid : plural, args, nargs);
}

/* msgid in every language of the report, joined with " / " (Welsh first). */
void rl_both(const lay_t *L, char *out, size_t outlen, const char *ctx, const char *msgid)
{
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < L->opt->nlangs && len < outlen; i++)
    len += (size_t)snprintf(out + len, outlen - len, "%s%s", i ? " / " : "",
                            i18n_get(L->opt->cat, L->opt->langs[i], ctx, msgid));
}

/* A text style in layout units: wrapping, no shrinking. */
scene_text_style_t rl_style(int px, bool bold, scene_color_t color, scene_align_t align,
                                const char *label)
{
  return (scene_text_style_t){.font_px = px, .min_font_px = px, .bold = bold, .wrap = true,
                              .align = align, .valign = SCENE_ALIGN_START, .color = color,
                              .label = label};
}

/* A number's style: one line, shrinking to half size before it would wrap. */
scene_text_style_t rl_number_style(int px, scene_color_t color, const char *label)
{
  scene_text_style_t st = rl_style(px, true, color, SCENE_ALIGN_START, label);
  st.min_font_px = px / 2;
  st.wrap = false;
  return st;
}

/* A style in layout units as the scene's pixels. */
scene_text_style_t rl_to_pixels(const lay_t *L, const scene_text_style_t *st)
{
  scene_text_style_t px = *st;
  px.font_px = rl_X(L, st->font_px);
  px.min_font_px = rl_X(L, st->min_font_px);
  return px;
}

/* Height in layout units of text wrapped in width w (fitted in pixels, so
 * it wraps exactly as rl_put() draws it). */
int rl_measure(lay_t *L, int w, const char *text, const scene_text_style_t *st)
{
  scene_text_style_t px = rl_to_pixels(L, st);
  int h = scene_text(L->scratch, L->m, 0, 0, rl_X(L, w), 1 << 20, text, &px);
  return (int)ceil(h / L->scale);
}

/* Place text at (x, y) in width w (layout units); returns its height. */
int rl_put(lay_t *L, int x, int y, int w, const char *text, const scene_text_style_t *st)
{
  int h = rl_measure(L, w, text, st);
  scene_text_style_t px = rl_to_pixels(L, st);
  scene_text(L->sc, L->m, rl_X(L, x), rl_X(L, y), rl_X(L, w), rl_X(L, h), text, &px);
  return h;
}

/* Place text at the cursor across the content width and move down. */
void rl_flow(lay_t *L, const char *text, const scene_text_style_t *st, int gap_after)
{
  L->y += rl_put(L, MARGIN, L->y, CONTENT_W, text, st) + gap_after;
}

/* A count as text. */
void rl_num(char out[24], long n) { snprintf(out, 24, "%ld", n); }

/* "83 %" or "–" when there is nothing to divide by. */
void rl_percent_text(char out[24], long part, long whole)
{
  int pct = report_percent(part, whole);
  if (pct < 0)
    snprintf(out, 24, "–");
  else
    snprintf(out, 24, "%d %%", pct);
}

/* "20/11/2026" from the date part of an ISO timestamp or date. */
void rl_short_date(char out[16], const char *iso)
{
  if (strlen(iso) >= 10)
    snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  else
    snprintf(out, 16, "–");
}

/* A section heading: the first language bold, the second below it. */
void rl_heading(lay_t *L, const char *msgid)
{
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    scene_text_style_t st = i ? rl_style(HEAD2_PX, false, REPORT_GREY, SCENE_ALIGN_START, "report.heading")
                              : rl_style(HEAD_PX, true, REPORT_BRAND, SCENE_ALIGN_START, "report.heading");
    rl_flow(L, rl_tr(L, i, msgid), &st, 6);
  }
  L->y += 18;
}

/* The source and period of a figure, a small line in each language.
 * source_msgid may hold %1$s, filled with date (YYYY-MM-DD) in words. */
void rl_source(lay_t *L, const char *source_msgid, const char *date, const char *from, const char *to)
{
  scene_text_style_t st = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_START, "report.source");
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    char what[400], period[200], line[700], d1[64], d2[64], d0[64] = "–";
    if (date)
      i18n_format_date(L->opt->langs[i], date, d0, sizeof d0);
    const char *sargs[] = {d0};
    rl_trf(L, i, what, sizeof what, source_msgid, sargs, date ? 1 : 0);
    if (!i18n_format_date(L->opt->langs[i], from, d1, sizeof d1))
      snprintf(d1, sizeof d1, "–");
    if (!i18n_format_date(L->opt->langs[i], to, d2, sizeof d2))
      snprintf(d2, sizeof d2, "–");
    const char *pargs[] = {d1, d2};
    if (!strcmp(from, to))
      rl_trf(L, i, period, sizeof period, "on %1$s", pargs, 1);
    else
      rl_trf(L, i, period, sizeof period, "%1$s to %2$s", pargs, 2);
    const char *largs[] = {what, period};
    rl_trf(L, i, line, sizeof line, "Source: %1$s. Period: %2$s.", largs, 2);
    rl_flow(L, line, &st, 2);
  }
}

/* A dashed horizontal line from x0 to x1 at y. */
void rl_dashed(lay_t *L, int x0, int x1, int y, scene_color_t color)
{
  for (int x = x0; x < x1; x += 28)
    rl_line(L, x, y, x + 16 < x1 ? x + 16 : x1, y, color, 4);
}

/* A dashed vertical line from y0 to y1 at x. */
void rl_dashed_v(lay_t *L, int x, int y0, int y1, scene_color_t color)
{
  for (int y = y0; y < y1; y += 20)
    rl_line(L, x, y, x, y + 12 < y1 ? y + 12 : y1, color, 4);
}

/* A round upper bound for a bar chart's scale (1, 2, 5 x 10^k). */
long rl_nice_max(long v)
{
  long step = 1;
  if (v <= 0)
    return 1;
  for (;;) {
    if (v <= step)
      return step;
    if (v <= 2 * step)
      return 2 * step;
    if (v <= 5 * step)
      return 5 * step;
    step *= 10;
  }
}

/* A row of tiles, each a big value and its label in each language, all as
 * tall as the tallest; returns their height. */
int rl_tiles(lay_t *L, int y, int n, const char *const *values, const char *const *label_msgids)
{
  enum { GAP = 24, PAD = 24 };
  int w = (CONTENT_W - (n - 1) * GAP) / n, h = 0;
  scene_text_style_t vs = rl_number_style(TILE_PX, REPORT_BRAND, "report.tile");
  scene_text_style_t ls = rl_style(NOTE_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.tile_label");
  for (int t = 0; t < n; t++) {
    int th = rl_measure(L, w - 2 * PAD, values[t], &vs) + 8 + 2 * PAD;
    for (size_t i = 0; i < L->opt->nlangs; i++)
      th += rl_measure(L, w - 2 * PAD, rl_tr(L, i, label_msgids[t]), &ls) + 4;
    h = th > h ? th : h;
  }
  for (int t = 0; t < n; t++) {
    int x = MARGIN + t * (w + GAP), ty = y + PAD;
    rl_rect(L, x, y, w, h, REPORT_TILE, REPORT_NONE, 0, 12, 0);
    ty += rl_put(L, x + PAD, ty, w - 2 * PAD, values[t], &vs) + 8;
    for (size_t i = 0; i < L->opt->nlangs; i++) {
      ls.color = i ? REPORT_GREY : REPORT_INK;
      ty += rl_put(L, x + PAD, ty, w - 2 * PAD, rl_tr(L, i, label_msgids[t]), &ls) + 4;
    }
  }
  return h;
}

/* "1 / 2" at the foot of the page. */
static void footer(lay_t *L, int page, int pages)
{
  char text[32];
  snprintf(text, sizeof text, "%d / %d", page, pages);
  scene_text_style_t st = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_END, "report.footer");
  rl_put(L, MARGIN, REPORT_PAGE_H - 100, CONTENT_W, text, &st);
}

bool report_layout(const report_t *r, const report_layout_options_t *opt, const scene_measurer_t *m,
                   scene_t *pages[REPORT_MAX_PAGES], size_t *npages, char *err, size_t errlen)
{
  lay_t L = {.r = r, .opt = opt, .m = m, .scale = opt->dpi / 254.0};
  *npages = 0;
  memset(pages, 0, REPORT_MAX_PAGES * sizeof pages[0]);
  if (opt->dpi < REPORT_MIN_DPI || opt->dpi > REPORT_MAX_DPI) {
    snprintf(err, errlen, "the report's resolution must be %d to %d dpi", REPORT_MIN_DPI, REPORT_MAX_DPI);
    return false;
  }
  L.scratch = scene_new(rl_X(&L, REPORT_PAGE_W), rl_X(&L, REPORT_PAGE_H), REPORT_WHITE);
  for (size_t i = 0; i < REPORT_MAX_PAGES; i++)
    if (!(pages[i] = scene_new(rl_X(&L, REPORT_PAGE_W), rl_X(&L, REPORT_PAGE_H), REPORT_WHITE)))
      goto oom;
  if (!L.scratch)
    goto oom;
  L.sc = pages[0];
  L.y = TOP;
  report_page_coverage(&L);
  footer(&L, 1, REPORT_MAX_PAGES);
  if (L.y > REPORT_PAGE_H - 120) {
    snprintf(err, errlen, "the report's first page is %d mm too long", (L.y - REPORT_PAGE_H + 120) / 10 + 1);
    goto fail;
  }
  L.sc = pages[1];
  L.y = TOP;
  report_page_kiosk(&L);
  footer(&L, 2, REPORT_MAX_PAGES);
  if (L.y > REPORT_PAGE_H - 120) {
    snprintf(err, errlen, "the report's second page is %d mm too long", (L.y - REPORT_PAGE_H + 120) / 10 + 1);
    goto fail;
  }
  if (scene_failed(pages[0]) || scene_failed(pages[1]) || scene_failed(L.scratch))
    goto oom;
  scene_free(L.scratch);
  *npages = REPORT_MAX_PAGES;
  return true;
oom:
  snprintf(err, errlen, "out of memory laying out the report");
fail:
  scene_free(L.scratch);
  for (size_t i = 0; i < REPORT_MAX_PAGES; i++) {
    scene_free(pages[i]);
    pages[i] = NULL;
  }
  return false;
}
