/*
 * Page 2 of the implementation report: key worker changes at the key
 * points, what happened at the kiosk, its anonymous counts and the
 * patients' own answers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/report_layout_private.h"

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
  rl_heading(L, "Key worker changes at the key points");
  int label_w = 620, value_w = 260, bar_x = MARGIN + label_w + 20;
  int bar_w = CONTENT_W - label_w - 20 - value_w - 20;
  long peak = 0;
  for (int i = 0; i < REPORT_KW_REASONS; i++)
    peak = r->changes[i] + r->first_allocations[i] > peak ? r->changes[i] + r->first_allocations[i] : peak;
  long top = rl_nice_max(peak);
  scene_text_style_t ls = rl_style(SMALL_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.reason");
  scene_text_style_t vs = rl_number_style(SMALL_PX, REPORT_INK, "report.value");
  for (int i = 0; i < REPORT_KW_REASONS; i++) {
    if (i == REPORT_KEY_POINTS)
      L->y += 24; /* the other reasons, apart from the key points */
    char label[300], value[64];
    rl_both(L, label, sizeof label, "report", kw_reason_msgid(i));
    int lh = rl_put(L, MARGIN, L->y + 2, label_w, label, &ls);
    int wc = (int)((long long)bar_w * r->changes[i] / top);
    int wf = (int)((long long)bar_w * r->first_allocations[i] / top);
    rl_rect(L, bar_x, L->y, bar_w, BAR_H, REPORT_TRACK, REPORT_NONE, 0, 0, 0);
    if (wc)
      rl_rect(L, bar_x, L->y, wc, BAR_H, REPORT_BRAND, REPORT_NONE, 0, 0, 0);
    if (wf)
      rl_rect(L, bar_x + wc, L->y, wf, BAR_H, REPORT_BRAND_LIGHT, REPORT_NONE, 0, 0, 0);
    snprintf(value, sizeof value, "%ld + %ld", r->changes[i], r->first_allocations[i]);
    rl_put(L, bar_x + bar_w + 20, L->y + 2, value_w, value, &vs);
    L->y += lh + 16 > BAR_ROW ? lh + 16 : BAR_ROW;
  }
  L->y += 10;
  scene_text_style_t st = rl_style(NOTE_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.legend");
  char text[300];
  rl_rect(L, MARGIN, L->y + 2, 28, 28, REPORT_BRAND, REPORT_NONE, 0, 4, 0);
  rl_both(L, text, sizeof text, "report", "Change of key worker");
  rl_put(L, MARGIN + 40, L->y, CONTENT_W / 2 - 50, text, &st);
  rl_rect(L, MARGIN + CONTENT_W / 2, L->y + 2, 28, 28, REPORT_BRAND_LIGHT, REPORT_NONE, 0, 4, 0);
  rl_both(L, text, sizeof text, "report", "First key worker");
  rl_put(L, MARGIN + CONTENT_W / 2 + 40, L->y, CONTENT_W / 2 - 50, text, &st);
  L->y += 56;
  rl_source(L, "the key worker history in the central export (allocations starting in the period)", NULL,
         r->from, r->to);
  L->y += SECTION_GAP - 20;
}

/* Section 4: what happened at the kiosk, as tiles. */
static void kiosk(lay_t *L)
{
  const report_t *r = L->r;
  rl_heading(L, "At the kiosk");
  enum { N = 5 };
  char values[N][48];
  rl_num(values[0], r->no_key_worker_patients);
  rl_num(values[1], r->identify_failures);
  rl_num(values[2], r->lockouts);
  rl_num(values[3], r->faults_total);
  if (r->data_age_hours < 0)
    snprintf(values[4], sizeof values[4], "–");
  else
    snprintf(values[4], sizeof values[4], "%.0f", r->data_age_hours);
  static const char *const labels[N] = {
      "patients with no key worker who identified at the kiosk",
      "tries to identify that found no one",
      "pauses in identification after failed tries",
      "card print jobs the printer did not complete",
      "hours since the central export was made"};
  const char *const shown[N] = {values[0], values[1], values[2], values[3], values[4]};
  L->y += rl_tiles(L, L->y, N, shown, labels) + 16;
  rl_source(L, "the kiosk's audit log and card print records; the data's age at the time of the report", NULL,
            r->from, r->to);
  L->y += SECTION_GAP - 20;
}

/* A bar of parts of a whole (widths by share), or an empty track. */
static void share_bar(lay_t *L, int x, int y, int w, int h, const long *parts, const scene_color_t *colors,
                      int n)
{
  long total = 0;
  for (int i = 0; i < n; i++)
    total += parts[i];
  rl_rect(L, x, y, w, h, REPORT_TRACK, REPORT_NONE, 0, 0, 0);
  long before = 0;
  for (int i = 0; i < n && total > 0; i++) {
    int x0 = x + (int)((long long)w * before / total);
    before += parts[i];
    int x1 = x + (int)((long long)w * before / total);
    if (x1 > x0)
      rl_rect(L, x0, y, x1 - x0, h, colors[i], REPORT_NONE, 0, 0, 0);
  }
}

/* The parts of a share bar as one line per language: "Yes 39 (78 %) · No 8
 * (16 %)", each part's name from msgctxt ctx (Welsh answers differ by
 * question), with a swatch of its colour before the first line. */
static void share_legend(lay_t *L, const char *ctx, const char *const *names, const long *parts,
                         const scene_color_t *colors, int n)
{
  long total = 0;
  for (int i = 0; i < n; i++)
    total += parts[i];
  scene_text_style_t st = rl_style(SMALL_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.share");
  int x = MARGIN, w = CONTENT_W / n;
  int h = 0;
  for (int i = 0; i < n; i++) {
    char text[300], pct[24], count[24];
    size_t len = 0;
    rl_num(count, parts[i]);
    rl_percent_text(pct, parts[i], total);
    text[0] = '\0';
    for (size_t k = 0; k < L->opt->nlangs; k++)
      len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", k ? " / " : "",
                              i18n_get(L->opt->cat, L->opt->langs[k], ctx, names[i]));
    snprintf(text + len, sizeof text - len, ": %s (%s)", count, pct);
    rl_rect(L, x, L->y + 2, 28, 28, colors[i], REPORT_NONE, 0, 4, 0);
    int th = rl_put(L, x + 40, L->y, w - 50, text, &st);
    h = th > h ? th : h;
    x += w;
  }
  L->y += h + 10;
}

/* Section 5: what people chose at the kiosk, counted anonymously. */
static void anonymous(lay_t *L)
{
  const report_t *r = L->r;
  static const scene_color_t lang_colors[REPORT_LANGUAGES] = {{0, 102, 94, 255}, {230, 159, 0, 255}};
  static const char *const lang_names[REPORT_LANGUAGES] = {"Welsh", "English"};
  scene_text_style_t label = rl_style(SMALL_PX, true, REPORT_INK, SCENE_ALIGN_START, "report.label");
  char text[300];
  rl_heading(L, "Chosen at the kiosk (anonymous counts)");
  rl_both(L, text, sizeof text, "report", "Language chosen");
  rl_flow(L, text, &label, 8);
  share_bar(L, MARGIN, L->y, CONTENT_W, BAR_H, r->language_chosen, lang_colors, REPORT_LANGUAGES);
  L->y += BAR_H + 10;
  share_legend(L, "report", lang_names, r->language_chosen, lang_colors, REPORT_LANGUAGES);
  L->y += 10;
  rl_both(L, text, sizeof text, "report", "Support categories viewed");
  rl_flow(L, text, &label, 8);
  enum { ROWS = (REPORT_SUPPORT_CATEGORIES + 1) / 2, COL_GAP = 60 };
  int col_w = (CONTENT_W - COL_GAP) / 2, label_w = col_w * 55 / 100, value_w = 90;
  int bar_w = col_w - label_w - value_w - 30, top = L->y, bottom = top;
  long peak = 0;
  for (int i = 0; i < REPORT_SUPPORT_CATEGORIES; i++)
    peak = r->support_viewed[i] > peak ? r->support_viewed[i] : peak;
  long scale = rl_nice_max(peak);
  scene_text_style_t ls = rl_style(NOTE_PX, false, REPORT_INK, SCENE_ALIGN_START, "report.category");
  scene_text_style_t vs = rl_number_style(NOTE_PX, REPORT_INK, "report.value");
  for (int c = 0; c < 2; c++) {
    int x = MARGIN + c * (col_w + COL_GAP), y = top;
    for (int i = c * ROWS; i < (c + 1) * ROWS && i < REPORT_SUPPORT_CATEGORIES; i++) {
      char value[24];
      rl_both(L, text, sizeof text, "kiosk", report_support_categories[i][1]);
      int lh = rl_put(L, x, y, label_w, text, &ls);
      rl_rect(L, x + label_w + 10, y, bar_w, BAR_H - 6, REPORT_TRACK, REPORT_NONE, 0, 0, 0);
      int bw = (int)((long long)bar_w * r->support_viewed[i] / scale);
      if (bw)
        rl_rect(L, x + label_w + 10, y, bw, BAR_H - 6, REPORT_BRAND, REPORT_NONE, 0, 0, 0);
      rl_num(value, r->support_viewed[i]);
      rl_put(L, x + label_w + 20 + bar_w, y, value_w, value, &vs);
      y += lh + 12 > BAR_ROW - 6 ? lh + 12 : BAR_ROW - 6;
    }
    bottom = y > bottom ? y : bottom;
  }
  L->y = bottom + 6;
  rl_source(L, "anonymous counts at the kiosk, kept per calendar month", NULL, r->counts_from, r->counts_to);
  L->y += SECTION_GAP - 20;
}

/* One question: its text, the share bar of its answers with the survey
 * anchors marked when asked, and the counts. */
static void answer_bar(lay_t *L, const char *ctx, const char *question, const char *const *names, const long *parts,
                       int n, bool anchors)
{
  static const scene_color_t colors[3] = {{0, 102, 94, 255}, {230, 159, 0, 255}, {170, 170, 170, 255}};
  scene_text_style_t qs = rl_style(SMALL_PX, true, REPORT_INK, SCENE_ALIGN_START, "report.question");
  char text[400];
  rl_both(L, text, sizeof text, "survey", question);
  rl_flow(L, text, &qs, 8);
  int bar_y = L->y + (anchors ? 40 : 0);
  share_bar(L, MARGIN, bar_y, CONTENT_W, BAR_H, parts, colors, n);
  if (anchors) {
    /* The anchors over the bar, so the share who said yes reads against them. */
    scene_text_style_t as = rl_style(NOTE_PX, true, REPORT_ANCHOR, SCENE_ALIGN_CENTER, "report.anchor");
    const int pct[2] = {REPORT_ANCHOR_2013_PERCENT, REPORT_ANCHOR_2016_PERCENT};
    const char *year[2] = {"2013", "2016"};
    for (int a = 0; a < 2; a++) {
      char label[32];
      int x = MARGIN + CONTENT_W * pct[a] / 100;
      snprintf(label, sizeof label, "%d %% (%s)", pct[a], year[a]);
      rl_put(L, x - 150, L->y, 300, label, &as);
      rl_dashed_v(L, x, L->y + 30, bar_y + BAR_H + 8, REPORT_INK);
    }
  }
  L->y = bar_y + BAR_H + 10;
  share_legend(L, ctx, names, parts, colors, n);
}

/* Section 6: the patients' own answers, beside the survey's figures. */
static void answers(lay_t *L)
{
  const report_t *r = L->r;
  static const char *const knew[REPORT_KNEW_ANSWERS] = {"Yes", "No", "Not sure"};
  static const char *const easy[REPORT_EASY_ANSWERS] = {"Yes", "No"};
  rl_heading(L, "The patients' own answers");
  answer_bar(L, "survey.knew", "Did you already know who your key worker is?", knew, r->knew_key_worker,
             REPORT_KNEW_ANSWERS, true);
  L->y += 16;
  answer_bar(L, "survey.easy", "Was this easy to use?", easy, r->easy_to_use, REPORT_EASY_ANSWERS, false);
  rl_source(L, "the patients' optional answers at the kiosk, counted anonymously per calendar month", NULL,
            r->counts_from, r->counts_to);
}

void report_page_kiosk(lay_t *L)
{
  kw_changes(L);
  kiosk(L);
  anonymous(L);
  answers(L);
}
