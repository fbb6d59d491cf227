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
  enum { N = 4, GAP = 30 };
  int w = (CONTENT_W - (N - 1) * GAP) / N, h = 0, x = MARGIN;
  char values[N][48];
  rl_num(values[0], r->no_key_worker_patients);
  rl_num(values[1], r->lockouts);
  rl_num(values[2], r->faults_total);
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
    int th = rl_tile(L, x, L->y, w, values[i], labels[i]);
    h = th > h ? th : h;
    x += w + GAP;
  }
  L->y += h + 16;
  rl_source(L, "the kiosk's audit log and card print records; the data's age at the time of the report", NULL,
         r->from, r->to);
}


void report_page_kiosk(lay_t *L)
{
  kw_changes(L);
  kiosk(L);
}
