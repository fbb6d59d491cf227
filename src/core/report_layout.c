/*
 * The report's two A4 pages as scenes. Page 1: who has a named key worker
 * (now, after each sync against the 2013 and 2016 survey anchors, and by
 * pathway) and the cards issued per week. Page 2: key worker changes at the
 * key points, and what happened at the kiosk. Charts are plain bars and one
 * line so they read at a glance; colours are the Okabe-Ito set, which stays
 * distinct for colour-blind readers. Every figure ends with its source and
 * period, in each language of the report.
 */
#include "core/report_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const scene_color_t WHITE = {255, 255, 255, 255};
static const scene_color_t INK = {33, 33, 33, 255};
static const scene_color_t GREY = {96, 96, 96, 255};
static const scene_color_t RULE = {200, 200, 200, 255};
static const scene_color_t TRACK = {232, 236, 236, 255};
static const scene_color_t TILE = {240, 245, 244, 255};
static const scene_color_t BRAND = {0, 102, 94, 255};
static const scene_color_t BRAND_LIGHT = {140, 200, 190, 255};
static const scene_color_t ANCHOR = {80, 80, 80, 255};
static const scene_color_t NONE = {0, 0, 0, 0};
/* Okabe-Ito: one colour per card reason. */
static const scene_color_t REASON_COLOR[REPORT_CARD_REASONS] = {
    {0, 114, 178, 255}, {230, 159, 0, 255}, {204, 121, 167, 255}, {0, 158, 115, 255}};

/* Sizes in tenths of a millimetre. */
enum {
  MARGIN = 150, TOP = 130, CONTENT_W = REPORT_PAGE_W - 2 * MARGIN,
  TITLE_PX = 62, SUBTITLE_PX = 44, HEAD_PX = 42, HEAD2_PX = 34, BODY_PX = 30, SMALL_PX = 24,
  NOTE_PX = 22, BIG_PX = 170, TILE_PX = 96,
  BAR_ROW = 50, BAR_H = 32, SECTION_GAP = 56,
};

typedef struct {
  const report_t *r;
  const report_layout_options_t *opt;
  const scene_measurer_t *m;
  scene_t *sc;       /* the page being laid out */
  scene_t *scratch;  /* for measuring text heights */
  double scale;      /* scene pixels per layout unit (tenth of a millimetre) */
  int y;             /* the layout cursor, units from the top */
} lay_t;

/* Layout units to scene pixels. The layout works in tenths of a millimetre;
 * only these helpers and the text functions below see pixels. */
static int X(const lay_t *L, int units) { return (int)lround(units * L->scale); }

/* A filled rectangle, in layout units. */
static void rect(lay_t *L, int x, int y, int w, int h, scene_color_t fill, scene_color_t border,
                 int border_w, int radius, int target)
{
  scene_rect(L->sc, X(L, x), X(L, y), X(L, w), X(L, h), fill, border, border_w ? X(L, border_w) : 0,
             X(L, radius), target);
}

/* A line, in layout units, at least one pixel wide. */
static void line(lay_t *L, int x0, int y0, int x1, int y1, scene_color_t color, int width)
{
  int w = X(L, width);
  scene_line(L->sc, X(L, x0), X(L, y0), X(L, x1), X(L, y1), color, w > 0 ? w : 1);
}

/* The translation of msgid (msgctxt "report") in the report's i-th language. */
static const char *tr(const lay_t *L, size_t i, const char *msgid)
{
  return i18n_get(L->opt->cat, L->opt->langs[i], "report", msgid);
}

/* Format the i-th language's translation of msgid with text arguments;
 * a faulty translation falls back to the English format. */
static void trf(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
                const char *const *args, size_t nargs)
{
  if (!i18n_format_args(out, outlen, tr(L, i, msgid), args, nargs))
    i18n_format_args(out, outlen, msgid, args, nargs);
}

/* Plural form of msgid for n in the i-th language, formatted with args. */
static void trn(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
                const char *plural, long n, const char *const *args, size_t nargs)
{
  const char *fmt = i18n_nget(L->opt->cat, L->opt->langs[i], "report", msgid, plural,
                              (unsigned long)(n < 0 ? 0 : n));
  if (!i18n_format_args(out, outlen, fmt, args, nargs))
    i18n_format_args(out, outlen, n == 1 ? msgid : plural, args, nargs);
}

/* msgid in every language of the report, joined with " / " (Welsh first). */
static void both(const lay_t *L, char *out, size_t outlen, const char *ctx, const char *msgid)
{
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < L->opt->nlangs && len < outlen; i++)
    len += (size_t)snprintf(out + len, outlen - len, "%s%s", i ? " / " : "",
                            i18n_get(L->opt->cat, L->opt->langs[i], ctx, msgid));
}

static scene_text_style_t style(int px, bool bold, scene_color_t color, scene_align_t align,
                                const char *label)
{
  return (scene_text_style_t){.font_px = px, .min_font_px = px, .bold = bold, .wrap = true,
                              .align = align, .valign = SCENE_ALIGN_START, .color = color,
                              .label = label};
}

/* A number's style: one line, shrinking to half size before it would wrap. */
static scene_text_style_t number_style(int px, scene_color_t color, const char *label)
{
  scene_text_style_t st = style(px, true, color, SCENE_ALIGN_START, label);
  st.min_font_px = px / 2;
  st.wrap = false;
  return st;
}

/* A style in layout units as the scene's pixels. */
static scene_text_style_t to_pixels(const lay_t *L, const scene_text_style_t *st)
{
  scene_text_style_t px = *st;
  px.font_px = X(L, st->font_px);
  px.min_font_px = X(L, st->min_font_px);
  return px;
}

/* Height in layout units of text wrapped in width w (fitted in pixels, so
 * it wraps exactly as put() draws it). */
static int measure(lay_t *L, int w, const char *text, const scene_text_style_t *st)
{
  scene_text_style_t px = to_pixels(L, st);
  int h = scene_text(L->scratch, L->m, 0, 0, X(L, w), 1 << 20, text, &px);
  return (int)ceil(h / L->scale);
}

/* Place text at (x, y) in width w (layout units); returns its height. */
static int put(lay_t *L, int x, int y, int w, const char *text, const scene_text_style_t *st)
{
  int h = measure(L, w, text, st);
  scene_text_style_t px = to_pixels(L, st);
  scene_text(L->sc, L->m, X(L, x), X(L, y), X(L, w), X(L, h), text, &px);
  return h;
}

/* Place text at the cursor across the content width and move down. */
static void flow(lay_t *L, const char *text, const scene_text_style_t *st, int gap_after)
{
  L->y += put(L, MARGIN, L->y, CONTENT_W, text, st) + gap_after;
}

static void num(char out[24], long n) { snprintf(out, 24, "%ld", n); }

/* "83 %" or "–" when there is nothing to divide by. */
static void percent_text(char out[24], long part, long whole)
{
  int pct = report_percent(part, whole);
  if (pct < 0)
    snprintf(out, 24, "–");
  else
    snprintf(out, 24, "%d %%", pct);
}

/* "20/11/2026" from the date part of an ISO timestamp or date. */
static void short_date(char out[16], const char *iso)
{
  if (strlen(iso) >= 10)
    snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  else
    snprintf(out, 16, "–");
}

/* A section heading: the first language bold, the second below it. */
static void heading(lay_t *L, const char *msgid)
{
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    scene_text_style_t st = i ? style(HEAD2_PX, false, GREY, SCENE_ALIGN_START, "report.heading")
                              : style(HEAD_PX, true, BRAND, SCENE_ALIGN_START, "report.heading");
    flow(L, tr(L, i, msgid), &st, 6);
  }
  L->y += 18;
}

/* The source and period of a figure, a small line in each language.
 * source_msgid may hold %1$s, filled with date (YYYY-MM-DD) in words. */
static void source(lay_t *L, const char *source_msgid, const char *date, const char *from, const char *to)
{
  scene_text_style_t st = style(NOTE_PX, false, GREY, SCENE_ALIGN_START, "report.source");
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    char what[400], period[200], line[700], d1[64], d2[64], d0[64] = "–";
    if (date)
      i18n_format_date(L->opt->langs[i], date, d0, sizeof d0);
    const char *sargs[] = {d0};
    trf(L, i, what, sizeof what, source_msgid, sargs, date ? 1 : 0);
    if (!i18n_format_date(L->opt->langs[i], from, d1, sizeof d1))
      snprintf(d1, sizeof d1, "–");
    if (!i18n_format_date(L->opt->langs[i], to, d2, sizeof d2))
      snprintf(d2, sizeof d2, "–");
    const char *pargs[] = {d1, d2};
    if (!strcmp(from, to))
      trf(L, i, period, sizeof period, "on %1$s", pargs, 1);
    else
      trf(L, i, period, sizeof period, "%1$s to %2$s", pargs, 2);
    const char *largs[] = {what, period};
    trf(L, i, line, sizeof line, "Source: %1$s. Period: %2$s.", largs, 2);
    flow(L, line, &st, 2);
  }
}

/* A dashed horizontal line from x0 to x1 at y. */
static void dashed(lay_t *L, int x0, int x1, int y, scene_color_t color)
{
  for (int x = x0; x < x1; x += 28)
    line(L, x, y, x + 16 < x1 ? x + 16 : x1, y, color, 4);
}

/* A dashed vertical line from y0 to y1 at x. */
static void dashed_v(lay_t *L, int x, int y0, int y1, scene_color_t color)
{
  for (int y = y0; y < y1; y += 20)
    line(L, x, y, x, y + 12 < y1 ? y + 12 : y1, color, 4);
}

/* The title block: report name, site, period and when it was made. */
static void header(lay_t *L)
{
  const report_t *r = L->r;
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    scene_text_style_t st = i ? style(SUBTITLE_PX, false, GREY, SCENE_ALIGN_START, "report.title")
                              : style(TITLE_PX, true, INK, SCENE_ALIGN_START, "report.title");
    flow(L, tr(L, i, "Key workers: implementation report"), &st, 4);
  }
  L->y += 10;
  scene_text_style_t site = style(BODY_PX, true, INK, SCENE_ALIGN_START, "report.site");
  flow(L, r->site[0] ? r->site : tr(L, 0, "Site not named in the export"), &site, 8);
  scene_text_style_t meta = style(SMALL_PX, false, INK, SCENE_ALIGN_START, "report.meta");
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    char d1[64], d2[64], made[96], line[400];
    i18n_format_date(L->opt->langs[i], r->from, d1, sizeof d1);
    i18n_format_date(L->opt->langs[i], r->to, d2, sizeof d2);
    char made_day[11];
    snprintf(made_day, sizeof made_day, "%.10s", r->made_at);
    i18n_format_date(L->opt->langs[i], made_day, made, sizeof made);
    snprintf(made + strlen(made), sizeof made - strlen(made), " %.5s UTC", r->made_at + 11);
    const char *args[] = {d1, d2, made};
    trf(L, i, line, sizeof line, "Period %1$s to %2$s. Made %3$s.", args, 3);
    flow(L, line, &meta, 2);
  }
  L->y += 16;
  line(L, MARGIN, L->y, MARGIN + CONTENT_W, L->y, RULE, 4);
  L->y += 40;
}

/* The y of a percentage in a plot from top y0 of height h. */
static int pct_y(int y0, int h, long part, long whole)
{
  return whole > 0 ? y0 + h - (int)((long long)part * h / whole) : y0 + h;
}

/* The trend of the percentage after each sync, with the two anchors. */
static void trend_chart(lay_t *L, int x, int y, int w, int h)
{
  const report_t *r = L->r;
  int px = x + 110, pw = w - 110 - 230, py = y + 20, ph = h - 90;
  scene_text_style_t axis = style(NOTE_PX, false, GREY, SCENE_ALIGN_END, "report.axis");
  scene_text_style_t anchor = style(NOTE_PX, true, ANCHOR, SCENE_ALIGN_START, "report.anchor");
  for (int pct = 0; pct <= 100; pct += 50) {
    int gy = pct_y(py, ph, pct, 100);
    line(L, px, gy, px + pw, gy, RULE, 3);
    char label[24];
    snprintf(label, sizeof label, "%d %%", pct);
    put(L, x, gy - 14, 95, label, &axis);
  }
  const int anchors[2][2] = {{REPORT_ANCHOR_2013_PERCENT, 2013}, {REPORT_ANCHOR_2016_PERCENT, 2016}};
  for (int a = 0; a < 2; a++) {
    int gy = pct_y(py, ph, anchors[a][0], 100);
    char label[48];
    snprintf(label, sizeof label, "%d %% (%d)", anchors[a][0], anchors[a][1]);
    dashed(L, px, px + pw, gy, ANCHOR);
    put(L, px + pw + 16, gy - 14, 214, label, &anchor);
  }
  if (!r->ntrend) {
    char text[300];
    both(L, text, sizeof text, "report", "No sync finished in this period");
    scene_text_style_t st = style(SMALL_PX, false, GREY, SCENE_ALIGN_CENTER, "report.empty");
    put(L, px, py + ph / 2 - 40, pw, text, &st);
  }
  int prev_x = 0, prev_y = 0;
  for (size_t i = 0; i < r->ntrend; i++) {
    const report_sync_point_t *p = &r->trend[i];
    int cx = r->ntrend == 1 ? px + pw / 2 : px + (int)((long)i * pw / (long)(r->ntrend - 1));
    int cy = pct_y(py, ph, p->with_key_worker, p->patients);
    if (i)
      line(L, prev_x, prev_y, cx, cy, BRAND, r->ntrend > 40 ? 5 : 8);
    if (r->ntrend <= 40) /* beyond that, dots would merge into a smear */
      rect(L, cx - 12, cy - 12, 24, 24, BRAND, NONE, 0, 12, 0);
    prev_x = cx;
    prev_y = cy;
  }
  if (r->ntrend) {
    char first[16], last[16];
    scene_text_style_t xs = style(NOTE_PX, false, GREY, SCENE_ALIGN_START, "report.axis");
    short_date(first, r->trend[0].finished_at);
    short_date(last, r->trend[r->ntrend - 1].finished_at);
    if (r->ntrend == 1)
      xs.align = SCENE_ALIGN_CENTER;
    put(L, r->ntrend == 1 ? px + pw / 2 - 150 : px - 60, py + ph + 14, 300, first, &xs);
    if (r->ntrend > 1) {
      xs.align = SCENE_ALIGN_END;
      put(L, px + pw - 240, py + ph + 14, 300, last, &xs);
    }
  }
}

/* Section 1: the share of patients with a named key worker, now and after
 * each sync. */
static void coverage(lay_t *L)
{
  const report_t *r = L->r;
  heading(L, "Patients with a named key worker");
  int top = L->y, left_w = 540, chart_h = 470;
  char big[24], line[200], n1[24], n2[24];
  percent_text(big, r->with_key_worker, r->patients);
  scene_text_style_t bs = number_style(BIG_PX, BRAND, "report.big");
  int y = top + put(L, MARGIN, top, left_w, big, &bs);
  num(n1, r->with_key_worker);
  num(n2, r->patients);
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    const char *args[] = {n1, n2};
    trn(L, i, line, sizeof line, "%1$s of %2$s patient", "%1$s of %2$s patients", r->patients, args, 2);
    scene_text_style_t st = style(i ? SMALL_PX : BODY_PX, !i, i ? GREY : INK, SCENE_ALIGN_START, "report.of");
    y += put(L, MARGIN, y, left_w, line, &st) + 4;
  }
  y += 14;
  scene_text_style_t note = style(NOTE_PX, false, GREY, SCENE_ALIGN_START, "report.note");
  for (size_t i = 0; i < L->opt->nlangs; i++)
    y += put(L, MARGIN, y, left_w - 40, tr(L, i, "The line shows each sync; the dashed lines are the survey anchors."),
             &note) + 4;
  trend_chart(L, MARGIN + left_w + 40, top, CONTENT_W - left_w - 40, chart_h);
  L->y = (y > top + chart_h ? y : top + chart_h) + 10;
  char asof[11];
  snprintf(asof, sizeof asof, "%.10s", r->bundle_generated[0] ? r->bundle_generated : r->made_at);
  source(L, "the central export held by the kiosk (generated %1$s) and the summary kept at each sync", asof,
         r->from, r->to);
  char anchors[600];
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    snprintf(anchors, sizeof anchors, "%s",
             tr(L, i, "Anchors: Wales Cancer Patient Experience Survey 2013 (66 % had a key worker) and"
                      " 2016 (86 % were given the name and contact details of their key worker)."));
    flow(L, anchors, &note, 2);
  }
  L->y += SECTION_GAP - 20;
}

/* True when pathway a has a lower share with a key worker than b (then by
 * name), so the pathways that most need attention come first. */
static bool pathway_before(const report_pathway_t *a, const report_pathway_t *b)
{
  long long lhs = (long long)a->with_key_worker * (b->patients ? b->patients : 1);
  long long rhs = (long long)b->with_key_worker * (a->patients ? a->patients : 1);
  return lhs != rhs ? lhs < rhs : strcmp(a->pathway, b->pathway) < 0;
}

/* Section 1b: the same by pathway, lowest share first, as bars with the
 * anchors marked; as many rows as leave room for the cards below. */
static void by_pathway(lay_t *L)
{
  const report_t *r = L->r;
  enum { ROWS_BOTTOM = REPORT_PAGE_H - 120 - 980 }; /* the cards section needs the rest */
  int label_w = 440, value_w = 300, bar_x = MARGIN + label_w + 20;
  int bar_w = CONTENT_W - label_w - 20 - value_w - 20;
  heading(L, "By pathway");
  scene_text_style_t ls = style(SMALL_PX, false, INK, SCENE_ALIGN_START, "report.pathway");
  scene_text_style_t vs = number_style(SMALL_PX, INK, "report.value");
  int top = L->y, last_bar = L->y;
  size_t shown = 0;
  const report_pathway_t *prev = NULL;
  for (; shown < r->npathways; shown++) {
    /* The next pathway in order after prev (a selection: no allocation). */
    const report_pathway_t *p = NULL;
    for (size_t i = 0; i < r->npathways; i++) {
      const report_pathway_t *c = &r->pathways[i];
      if ((!prev || pathway_before(prev, c)) && (!p || pathway_before(c, p)))
        p = c;
    }
    prev = p;
    char label[300], value[80], pct[24];
    if (p->pathway[0])
      snprintf(label, sizeof label, "%s", p->pathway);
    else
      both(L, label, sizeof label, "report", "No pathway given");
    int lh = measure(L, label_w, label, &ls);
    int row = lh + 16 > BAR_ROW ? lh + 16 : BAR_ROW;
    if (L->y + row > ROWS_BOTTOM && shown + 1 < r->npathways)
      break;
    put(L, MARGIN, L->y + 2, label_w, label, &ls);
    rect(L, bar_x, L->y, bar_w, BAR_H, TRACK, NONE, 0, 0, 0);
    if (p->patients > 0)
      rect(L, bar_x, L->y, (int)((long long)bar_w * p->with_key_worker / p->patients), BAR_H, BRAND,
                 NONE, 0, 0, 0);
    percent_text(pct, p->with_key_worker, p->patients);
    snprintf(value, sizeof value, "%s (%ld/%ld)", pct, p->with_key_worker, p->patients);
    put(L, bar_x + bar_w + 20, L->y + 2, value_w, value, &vs);
    last_bar = L->y;
    L->y += row;
  }
  if (!shown) {
    char text[300];
    both(L, text, sizeof text, "report", "No patients in the kiosk's data");
    flow(L, text, &ls, 10);
  }
  for (int a = 0; a < 2 && shown; a++) {
    int pct = a ? REPORT_ANCHOR_2016_PERCENT : REPORT_ANCHOR_2013_PERCENT;
    dashed_v(L, bar_x + bar_w * pct / 100, top - 10, last_bar + BAR_H + 10, ANCHOR);
  }
  if (r->npathways > shown) {
    char more[24], line[200];
    num(more, (long)(r->npathways - shown));
    for (size_t i = 0; i < L->opt->nlangs; i++) {
      const char *args[] = {more};
      trn(L, i, line, sizeof line, "%1$s more pathway in the CSV", "%1$s more pathways in the CSV",
          (long)(r->npathways - shown), args, 1);
      flow(L, line, &ls, 2);
    }
  }
  L->y += 8;
  char asof[11];
  snprintf(asof, sizeof asof, "%.10s", r->bundle_generated[0] ? r->bundle_generated : r->made_at);
  source(L, "the central export held by the kiosk (generated %1$s)", asof, asof, asof);
  L->y += SECTION_GAP - 20;
}

/* A round upper bound for a bar chart's scale (1, 2, 5 x 10^k). */
static long nice_max(long v)
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

/* Swatches and names of the card reasons. */
static void reason_legend(lay_t *L, int y)
{
  static const char *const names[REPORT_CARD_REASONS] = {"New card", "Lost", "Damaged",
                                                         "Key worker changed"};
  scene_text_style_t st = style(NOTE_PX, false, INK, SCENE_ALIGN_START, "report.legend");
  int x = MARGIN, w = CONTENT_W / REPORT_CARD_REASONS;
  for (int i = 0; i < REPORT_CARD_REASONS; i++) {
    char text[200];
    both(L, text, sizeof text, "report", names[i]);
    rect(L, x, y + 2, 28, 28, REASON_COLOR[i], NONE, 0, 4, 0);
    put(L, x + 40, y, w - 50, text, &st);
    x += w;
  }
}

/* Section 2: cards issued per week, stacked by reason, with the totals by
 * channel. */
static void cards(lay_t *L)
{
  const report_t *r = L->r;
  heading(L, "Key Worker Cards issued per week");
  int chart_h = 380, px = MARGIN + 110, pw = CONTENT_W - 110, py = L->y + 10, ph = chart_h - 70;
  long peak = 0;
  for (size_t w = 0; w < r->nweeks; w++) {
    long sum = 0;
    for (int i = 0; i < REPORT_CARD_REASONS; i++)
      sum += r->weeks[w].cards[i][0] + r->weeks[w].cards[i][1];
    peak = sum > peak ? sum : peak;
  }
  long top = nice_max(peak);
  scene_text_style_t axis = style(NOTE_PX, false, GREY, SCENE_ALIGN_END, "report.axis");
  for (int k = 0; k <= 2; k++) {
    long v = top * k / 2;
    if (k == 1 && top % 2)
      continue; /* no half-cards */
    int gy = py + ph - (int)((long long)ph * v / top);
    char label[24];
    num(label, v);
    line(L, px, gy, px + pw, gy, RULE, 3);
    put(L, MARGIN, gy - 14, 95, label, &axis);
  }
  int slot = r->nweeks ? pw / (int)r->nweeks : pw;
  int bar_w = slot * 7 / 10, every = (int)((r->nweeks + 7) / 8);
  scene_text_style_t xs = style(NOTE_PX, false, GREY, SCENE_ALIGN_CENTER, "report.axis");
  for (size_t w = 0; w < r->nweeks; w++) {
    int bx = px + (int)w * slot + (slot - bar_w) / 2, base = py + ph;
    for (int i = 0; i < REPORT_CARD_REASONS; i++) {
      long n = r->weeks[w].cards[i][0] + r->weeks[w].cards[i][1];
      int bh = (int)((long long)ph * n / top);
      if (n)
        rect(L, bx, base - bh, bar_w, bh, REASON_COLOR[i], NONE, 0, 0, 0);
      base -= bh;
    }
    if (w % (size_t)(every ? every : 1) == 0) {
      char d[16];
      snprintf(d, sizeof d, "%.2s/%.2s", r->weeks[w].monday + 8, r->weeks[w].monday + 5);
      put(L, px + (int)w * slot + slot / 2 - 80, py + ph + 12, 160, d, &xs);
    }
  }
  L->y = py + chart_h;
  reason_legend(L, L->y);
  L->y += 60;
  scene_text_style_t totals = style(SMALL_PX, true, INK, SCENE_ALIGN_START, "report.totals");
  char t[24], k[24], s[24], line[300];
  num(t, r->cards_total);
  num(k, r->cards_by_channel[0]);
  num(s, r->cards_by_channel[1]);
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    const char *args[] = {t, k, s};
    trn(L, i, line, sizeof line, "%1$s card in the period: %2$s at the kiosk, %3$s by staff",
        "%1$s cards in the period: %2$s at the kiosk, %3$s by staff", r->cards_total, args, 3);
    flow(L, line, &totals, 2);
  }
  L->y += 8;
  source(L, "the kiosk's card print records (cards the printer completed; week starts Monday)", NULL,
         r->from, r->to);
}

/* The row label of a history reason. */
static const char *kw_reason_msgid(int i)
{
  static const char *const names[REPORT_KW_REASONS] = {
      "At diagnosis", "Start of treatment", "End of primary treatment", "Recurrence",
      "Recognised as incurable", "Staff change", "Patient's request", "Other reason"};
  return names[i];
}

/* Section 3: key worker allocations at the key points, changes and first
 * key workers stacked. */
static void kw_changes(lay_t *L)
{
  const report_t *r = L->r;
  heading(L, "Key worker changes at the key points");
  int label_w = 620, value_w = 260, bar_x = MARGIN + label_w + 20;
  int bar_w = CONTENT_W - label_w - 20 - value_w - 20;
  long peak = 0;
  for (int i = 0; i < REPORT_KW_REASONS; i++)
    peak = r->changes[i] + r->first_allocations[i] > peak ? r->changes[i] + r->first_allocations[i] : peak;
  long top = nice_max(peak);
  scene_text_style_t ls = style(SMALL_PX, false, INK, SCENE_ALIGN_START, "report.reason");
  scene_text_style_t vs = number_style(SMALL_PX, INK, "report.value");
  for (int i = 0; i < REPORT_KW_REASONS; i++) {
    if (i == REPORT_KEY_POINTS)
      L->y += 24; /* the other reasons, apart from the key points */
    char label[300], value[64];
    both(L, label, sizeof label, "report", kw_reason_msgid(i));
    int lh = put(L, MARGIN, L->y + 2, label_w, label, &ls);
    int wc = (int)((long long)bar_w * r->changes[i] / top);
    int wf = (int)((long long)bar_w * r->first_allocations[i] / top);
    rect(L, bar_x, L->y, bar_w, BAR_H, TRACK, NONE, 0, 0, 0);
    if (wc)
      rect(L, bar_x, L->y, wc, BAR_H, BRAND, NONE, 0, 0, 0);
    if (wf)
      rect(L, bar_x + wc, L->y, wf, BAR_H, BRAND_LIGHT, NONE, 0, 0, 0);
    snprintf(value, sizeof value, "%ld + %ld", r->changes[i], r->first_allocations[i]);
    put(L, bar_x + bar_w + 20, L->y + 2, value_w, value, &vs);
    L->y += lh + 16 > BAR_ROW ? lh + 16 : BAR_ROW;
  }
  L->y += 10;
  scene_text_style_t st = style(NOTE_PX, false, INK, SCENE_ALIGN_START, "report.legend");
  char text[300];
  rect(L, MARGIN, L->y + 2, 28, 28, BRAND, NONE, 0, 4, 0);
  both(L, text, sizeof text, "report", "Change of key worker");
  put(L, MARGIN + 40, L->y, CONTENT_W / 2 - 50, text, &st);
  rect(L, MARGIN + CONTENT_W / 2, L->y + 2, 28, 28, BRAND_LIGHT, NONE, 0, 4, 0);
  both(L, text, sizeof text, "report", "First key worker");
  put(L, MARGIN + CONTENT_W / 2 + 40, L->y, CONTENT_W / 2 - 50, text, &st);
  L->y += 56;
  source(L, "the key worker history in the central export (allocations starting in the period)", NULL,
         r->from, r->to);
  L->y += SECTION_GAP - 20;
}

/* One tile: a big value and its label in each language. */
static int tile(lay_t *L, int x, int y, int w, const char *value, const char *label_msgid)
{
  int h = 0, pad = 24;
  scene_text_style_t vs = number_style(TILE_PX, BRAND, "report.tile");
  scene_text_style_t ls = style(NOTE_PX, false, INK, SCENE_ALIGN_START, "report.tile_label");
  h += measure(L, w - 2 * pad, value, &vs) + 8;
  for (size_t i = 0; i < L->opt->nlangs; i++)
    h += measure(L, w - 2 * pad, tr(L, i, label_msgid), &ls) + 4;
  h += 2 * pad;
  rect(L, x, y, w, h, TILE, NONE, 0, 12, 0);
  int ty = y + pad;
  ty += put(L, x + pad, ty, w - 2 * pad, value, &vs) + 8;
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    ls.color = i ? GREY : INK;
    ty += put(L, x + pad, ty, w - 2 * pad, tr(L, i, label_msgid), &ls) + 4;
  }
  return h;
}

/* Section 4: what happened at the kiosk, as tiles. */
static void kiosk(lay_t *L)
{
  const report_t *r = L->r;
  heading(L, "At the kiosk");
  enum { N = 4, GAP = 30 };
  int w = (CONTENT_W - (N - 1) * GAP) / N, h = 0, x = MARGIN;
  char values[N][48];
  num(values[0], r->no_key_worker_patients);
  num(values[1], r->lockouts);
  num(values[2], r->faults_total);
  if (r->data_age_hours < 0)
    snprintf(values[3], sizeof values[3], "–");
  else
    snprintf(values[3], sizeof values[3], "%.0f", r->data_age_hours);
  static const char *const labels[N] = {
      "patients with no key worker who identified at the kiosk",
      "pauses in identification after failed tries",
      "card print jobs the printer did not complete",
      "hours since the central export was made"};
  for (int i = 0; i < N; i++) {
    int th = tile(L, x, L->y, w, values[i], labels[i]);
    h = th > h ? th : h;
    x += w + GAP;
  }
  L->y += h + 16;
  source(L, "the kiosk's audit log and card print records; the data's age at the time of the report", NULL,
         r->from, r->to);
}

/* "1 / 2" at the foot of the page. */
static void footer(lay_t *L, int page, int pages)
{
  char text[32];
  snprintf(text, sizeof text, "%d / %d", page, pages);
  scene_text_style_t st = style(NOTE_PX, false, GREY, SCENE_ALIGN_END, "report.footer");
  put(L, MARGIN, REPORT_PAGE_H - 100, CONTENT_W, text, &st);
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
  L.scratch = scene_new(X(&L, REPORT_PAGE_W), X(&L, REPORT_PAGE_H), WHITE);
  for (size_t i = 0; i < REPORT_MAX_PAGES; i++)
    if (!(pages[i] = scene_new(X(&L, REPORT_PAGE_W), X(&L, REPORT_PAGE_H), WHITE)))
      goto oom;
  if (!L.scratch)
    goto oom;
  L.sc = pages[0];
  L.y = TOP;
  header(&L);
  coverage(&L);
  by_pathway(&L);
  cards(&L);
  footer(&L, 1, REPORT_MAX_PAGES);
  if (L.y > REPORT_PAGE_H - 120) {
    snprintf(err, errlen, "the report's first page is %d mm too long", (L.y - REPORT_PAGE_H + 120) / 10 + 1);
    goto fail;
  }
  L.sc = pages[1];
  L.y = TOP;
  kw_changes(&L);
  kiosk(&L);
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
