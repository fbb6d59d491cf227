/*
 * Page 1 of the implementation report: who has a named key worker (now,
 * after each sync against the survey anchors, by pathway) and the Key
 * Worker Cards issued per week.
 */
#include <stdlib.h>
#include <string.h>

#include "core/report_layout_private.h"

/* The title block: report name, site, period and when it was made. */
static void header(lay_t *L)
{
  const report_t *r = L->r;
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    scene_text_style_t st = i ? rl_style(SUBTITLE_PX, false, REPORT_GREY, SCENE_ALIGN_START, "report.title")
                              : rl_style(TITLE_PX, true, REPORT_INK, SCENE_ALIGN_START, "report.title");
    rl_flow(L, rl_tr(L, i, "Key workers: implementation report"), &st, 4);
  }
  L->y += 10;
  scene_text_style_t site = rl_style(BODY_PX, true, REPORT_INK, SCENE_ALIGN_START, "report.site");
  rl_flow(L, r->site[0] ? r->site : rl_tr(L, 0, "Site not named in the export"), &site, 8);
  scene_text_style_t meta = rl_style(SMALL_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.meta");
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    char d1[64], d2[64], made[96], line[400];
    i18n_format_date(L->opt->langs[i], r->from, d1, sizeof d1);
    i18n_format_date(L->opt->langs[i], r->to, d2, sizeof d2);
    char made_day[11];
    snprintf(made_day, sizeof made_day, "%.10s", r->made_at);
    i18n_format_date(L->opt->langs[i], made_day, made, sizeof made);
    snprintf(made + strlen(made), sizeof made - strlen(made), " %.5s UTC", r->made_at + 11);
    const char *args[] = {d1, d2, made};
    rl_trf(L, i, line, sizeof line, "Period %1$s to %2$s. Made %3$s.", args, 3);
    rl_flow(L, line, &meta, 2);
  }
  L->y += 16;
  rl_line(L, MARGIN, L->y, MARGIN + CONTENT_W, L->y, REPORT_RULE, 4);
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
  scene_text_style_t axis = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_END, "report.axis");
  scene_text_style_t anchor = rl_style(NOTE_PX, true, REPORT_ANCHOR, SCENE_ALIGN_START, "report.anchor");
  for (int pct = 0; pct <= 100; pct += 50) {
    int gy = pct_y(py, ph, pct, 100);
    rl_line(L, px, gy, px + pw, gy, REPORT_RULE, 3);
    char label[24];
    snprintf(label, sizeof label, "%d %%", pct);
    rl_put(L, x, gy - 14, 95, label, &axis);
  }
  const int anchors[2][2] = {{REPORT_ANCHOR_2013_PERCENT, 2013}, {REPORT_ANCHOR_2016_PERCENT, 2016}};
  for (int a = 0; a < 2; a++) {
    int gy = pct_y(py, ph, anchors[a][0], 100);
    char label[48];
    snprintf(label, sizeof label, "%d %% (%d)", anchors[a][0], anchors[a][1]);
    rl_dashed(L, px, px + pw, gy, REPORT_ANCHOR);
    rl_put(L, px + pw + 16, gy - 14, 214, label, &anchor);
  }
  if (!r->ntrend) {
    char text[300];
    rl_both(L, text, sizeof text, "report", "No sync finished in this period");
    scene_text_style_t st = rl_style(SMALL_PX, false, REPORT_GREY, SCENE_ALIGN_CENTER, "report.empty");
    rl_put(L, px, py + ph / 2 - 40, pw, text, &st);
  }
  int prev_x = 0, prev_y = 0;
  for (size_t i = 0; i < r->ntrend; i++) {
    const report_sync_point_t *p = &r->trend[i];
    int cx = r->ntrend == 1 ? px + pw / 2 : px + (int)((long)i * pw / (long)(r->ntrend - 1));
    int cy = pct_y(py, ph, p->with_key_worker, p->patients);
    if (i)
      rl_line(L, prev_x, prev_y, cx, cy, REPORT_BRAND, r->ntrend > 40 ? 5 : 8);
    if (r->ntrend <= 40) /* beyond that, dots would merge into a smear */
      rl_rect(L, cx - 12, cy - 12, 24, 24, REPORT_BRAND, REPORT_NONE, 0, 12, 0);
    prev_x = cx;
    prev_y = cy;
  }
  if (r->ntrend) {
    char first[16], last[16];
    scene_text_style_t xs = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_START, "report.axis");
    rl_short_date(first, r->trend[0].finished_at);
    rl_short_date(last, r->trend[r->ntrend - 1].finished_at);
    if (r->ntrend == 1)
      xs.align = SCENE_ALIGN_CENTER;
    rl_put(L, r->ntrend == 1 ? px + pw / 2 - 150 : px - 60, py + ph + 14, 300, first, &xs);
    if (r->ntrend > 1) {
      xs.align = SCENE_ALIGN_END;
      rl_put(L, px + pw - 240, py + ph + 14, 300, last, &xs);
    }
  }
}

/* Section 1: the share of patients with a named key worker, now and after
 * each sync. */
static void coverage(lay_t *L)
{
  const report_t *r = L->r;
  rl_heading(L, "Patients with a named key worker");
  int top = L->y, left_w = 540, chart_h = 470;
  char big[24], line[200], n1[24], n2[24];
  rl_percent_text(big, r->with_key_worker, r->patients);
  scene_text_style_t bs = rl_number_style(BIG_PX, REPORT_BRAND, "report.big");
  int y = top + rl_put(L, MARGIN, top, left_w, big, &bs);
  rl_num(n1, r->with_key_worker);
  rl_num(n2, r->patients);
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    const char *args[] = {n1, n2};
    rl_trn(L, i, line, sizeof line, "%1$s of %2$s patient", "%1$s of %2$s patients", r->patients, args, 2);
    scene_text_style_t st = rl_style(i ? SMALL_PX : BODY_PX, !i, i ? REPORT_GREY : REPORT_INK, SCENE_ALIGN_START, "report.of");
    y += rl_put(L, MARGIN, y, left_w, line, &st) + 4;
  }
  y += 14;
  scene_text_style_t note = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_START, "report.note");
  for (size_t i = 0; i < L->opt->nlangs; i++)
    y += rl_put(L, MARGIN, y, left_w - 40, rl_tr(L, i, "The line shows each sync; the dashed lines are the survey anchors."),
             &note) + 4;
  trend_chart(L, MARGIN + left_w + 40, top, CONTENT_W - left_w - 40, chart_h);
  L->y = (y > top + chart_h ? y : top + chart_h) + 10;
  char asof[11];
  snprintf(asof, sizeof asof, "%.10s", r->bundle_generated[0] ? r->bundle_generated : r->made_at);
  rl_source(L, "the central export held by the kiosk (generated %1$s) and the summary kept at each sync", asof,
         r->from, r->to);
  char anchors[600];
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    snprintf(anchors, sizeof anchors, "%s",
             rl_tr(L, i, "Anchors: Wales Cancer Patient Experience Survey 2013 (66 % had a key worker) and"
                      " 2016 (86 % were given the name and contact details of their key worker)."));
    rl_flow(L, anchors, &note, 2);
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
  rl_heading(L, "By pathway");
  scene_text_style_t ls = rl_style(SMALL_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.pathway");
  scene_text_style_t vs = rl_number_style(SMALL_PX, REPORT_INK, "report.value");
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
      rl_both(L, label, sizeof label, "report", "No pathway given");
    int lh = rl_measure(L, label_w, label, &ls);
    int row = lh + 16 > BAR_ROW ? lh + 16 : BAR_ROW;
    if (L->y + row > ROWS_BOTTOM && shown + 1 < r->npathways)
      break;
    rl_put(L, MARGIN, L->y + 2, label_w, label, &ls);
    rl_rect(L, bar_x, L->y, bar_w, BAR_H, REPORT_TRACK, REPORT_NONE, 0, 0, 0);
    if (p->patients > 0)
      rl_rect(L, bar_x, L->y, (int)((long long)bar_w * p->with_key_worker / p->patients), BAR_H, REPORT_BRAND,
                 REPORT_NONE, 0, 0, 0);
    rl_percent_text(pct, p->with_key_worker, p->patients);
    snprintf(value, sizeof value, "%s (%ld/%ld)", pct, p->with_key_worker, p->patients);
    rl_put(L, bar_x + bar_w + 20, L->y + 2, value_w, value, &vs);
    last_bar = L->y;
    L->y += row;
  }
  if (!shown) {
    char text[300];
    rl_both(L, text, sizeof text, "report", "No patients in the kiosk's data");
    rl_flow(L, text, &ls, 10);
  }
  for (int a = 0; a < 2 && shown; a++) {
    int pct = a ? REPORT_ANCHOR_2016_PERCENT : REPORT_ANCHOR_2013_PERCENT;
    rl_dashed_v(L, bar_x + bar_w * pct / 100, top - 10, last_bar + BAR_H + 10, REPORT_ANCHOR);
  }
  if (r->npathways > shown) {
    char more[24], line[200];
    rl_num(more, (long)(r->npathways - shown));
    for (size_t i = 0; i < L->opt->nlangs; i++) {
      const char *args[] = {more};
      rl_trn(L, i, line, sizeof line, "%1$s more pathway in the CSV", "%1$s more pathways in the CSV",
          (long)(r->npathways - shown), args, 1);
      rl_flow(L, line, &ls, 2);
    }
  }
  L->y += 8;
  char asof[11];
  snprintf(asof, sizeof asof, "%.10s", r->bundle_generated[0] ? r->bundle_generated : r->made_at);
  rl_source(L, "the central export held by the kiosk (generated %1$s)", asof, asof, asof);
  L->y += SECTION_GAP - 20;
}

/* Swatches and names of the card reasons. */
static void reason_legend(lay_t *L, int y)
{
  static const char *const names[REPORT_CARD_REASONS] = {"New card", "Lost", "Damaged",
                                                         "Key worker changed"};
  scene_text_style_t st = rl_style(NOTE_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.legend");
  int x = MARGIN, w = CONTENT_W / REPORT_CARD_REASONS;
  for (int i = 0; i < REPORT_CARD_REASONS; i++) {
    char text[200];
    rl_both(L, text, sizeof text, "report", names[i]);
    rl_rect(L, x, y + 2, 28, 28, REPORT_REASON_COLOR[i], REPORT_NONE, 0, 4, 0);
    rl_put(L, x + 40, y, w - 50, text, &st);
    x += w;
  }
}

/* Section 2: cards issued per week, stacked by reason, with the totals by
 * channel. */
static void cards(lay_t *L)
{
  const report_t *r = L->r;
  rl_heading(L, "Key Worker Cards issued per week");
  int chart_h = 380, px = MARGIN + 110, pw = CONTENT_W - 110, py = L->y + 10, ph = chart_h - 70;
  long peak = 0;
  for (size_t w = 0; w < r->nweeks; w++) {
    long sum = 0;
    for (int i = 0; i < REPORT_CARD_REASONS; i++)
      sum += r->weeks[w].cards[i][0] + r->weeks[w].cards[i][1];
    peak = sum > peak ? sum : peak;
  }
  long top = rl_nice_max(peak);
  scene_text_style_t axis = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_END, "report.axis");
  for (int k = 0; k <= 2; k++) {
    long v = top * k / 2;
    if (k == 1 && top % 2)
      continue; /* no half-cards */
    int gy = py + ph - (int)((long long)ph * v / top);
    char label[24];
    rl_num(label, v);
    rl_line(L, px, gy, px + pw, gy, REPORT_RULE, 3);
    rl_put(L, MARGIN, gy - 14, 95, label, &axis);
  }
  int slot = r->nweeks ? pw / (int)r->nweeks : pw;
  int bar_w = slot * 7 / 10, every = (int)((r->nweeks + 7) / 8);
  scene_text_style_t xs = rl_style(NOTE_PX, false, REPORT_GREY, SCENE_ALIGN_CENTER, "report.axis");
  for (size_t w = 0; w < r->nweeks; w++) {
    int bx = px + (int)w * slot + (slot - bar_w) / 2, base = py + ph;
    for (int i = 0; i < REPORT_CARD_REASONS; i++) {
      long n = r->weeks[w].cards[i][0] + r->weeks[w].cards[i][1];
      int bh = (int)((long long)ph * n / top);
      if (n)
        rl_rect(L, bx, base - bh, bar_w, bh, REPORT_REASON_COLOR[i], REPORT_NONE, 0, 0, 0);
      base -= bh;
    }
    if (w % (size_t)(every ? every : 1) == 0) {
      char d[16];
      snprintf(d, sizeof d, "%.2s/%.2s", r->weeks[w].monday + 8, r->weeks[w].monday + 5);
      rl_put(L, px + (int)w * slot + slot / 2 - 80, py + ph + 12, 160, d, &xs);
    }
  }
  L->y = py + chart_h;
  reason_legend(L, L->y);
  L->y += 60;
  scene_text_style_t totals = rl_style(SMALL_PX, true, REPORT_INK, SCENE_ALIGN_START, "report.totals");
  char t[24], k[24], s[24], line[300];
  rl_num(t, r->cards_total);
  rl_num(k, r->cards_by_channel[0]);
  rl_num(s, r->cards_by_channel[1]);
  for (size_t i = 0; i < L->opt->nlangs; i++) {
    const char *args[] = {t, k, s};
    rl_trn(L, i, line, sizeof line, "%1$s card in the period: %2$s at the kiosk, %3$s by staff",
        "%1$s cards in the period: %2$s at the kiosk, %3$s by staff", r->cards_total, args, 3);
    rl_flow(L, line, &totals, 2);
  }
  L->y += 8;
  rl_source(L, "the kiosk's card print records (cards the printer completed; week starts Monday)", NULL,
         r->from, r->to);
}


void report_page_coverage(lay_t *L)
{
  header(L);
  coverage(L);
  by_pathway(L);
  cards(L);
}
