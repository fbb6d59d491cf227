/*
 * What the report's layout files share, private to them: report_layout.c
 * (the rl_ helpers and the entry point), report_layout_coverage.c (page 1)
 * and report_layout_kiosk.c (page 2). The helpers work in tenths of a
 * millimetre and place into the page being laid out (lay_t).
 */
#ifndef ALLWEDD_REPORT_LAYOUT_PRIVATE_H
#define ALLWEDD_REPORT_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report_layout.h"

/* Colours. */
extern const scene_color_t REPORT_WHITE;
extern const scene_color_t REPORT_INK;
extern const scene_color_t REPORT_GREY;
extern const scene_color_t REPORT_RULE;
extern const scene_color_t REPORT_TRACK;
extern const scene_color_t REPORT_TILE;
extern const scene_color_t REPORT_BRAND;
extern const scene_color_t REPORT_BRAND_LIGHT;
extern const scene_color_t REPORT_ANCHOR;
extern const scene_color_t REPORT_NONE;
/* Okabe-Ito: one colour per card reason. */
extern const scene_color_t REPORT_REASON_COLOR[REPORT_CARD_REASONS];

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
int rl_X(const lay_t *L, int units);

/* A filled rectangle, in layout units. */
void rl_rect(lay_t *L, int x, int y, int w, int h, scene_color_t fill, scene_color_t border,
             int border_w, int radius, int target);

/* A line, in layout units, at least one pixel wide. */
void rl_line(lay_t *L, int x0, int y0, int x1, int y1, scene_color_t color, int width);

/* The translation of msgid (msgctxt "report") in the report's i-th language. */
const char *rl_tr(const lay_t *L, size_t i, const char *msgid);

/* Format the i-th language's translation of msgid with text arguments;
 * a faulty translation falls back to the English format. */
void rl_trf(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
            const char *const *args, size_t nargs);

/* Plural form of msgid for n in the i-th language, formatted with args. */
void rl_trn(const lay_t *L, size_t i, char *out, size_t outlen, const char *msgid,
            const char *plural, long n, const char *const *args, size_t nargs);

/* msgid in every language of the report, joined with " / " (Welsh first). */
void rl_both(const lay_t *L, char *out, size_t outlen, const char *ctx, const char *msgid);

/* A text style in layout units: wrapping, no shrinking. */
scene_text_style_t rl_style(int px, bool bold, scene_color_t color, scene_align_t align, const char *label);

/* A count as text. */
void rl_num(char out[24], long n);

/* A number's style: one line, shrinking to half size before it would wrap. */
scene_text_style_t rl_number_style(int px, scene_color_t color, const char *label);

/* A style in layout units as the scene's pixels. */
scene_text_style_t rl_to_pixels(const lay_t *L, const scene_text_style_t *st);

/* Height in layout units of text wrapped in width w (fitted in pixels, so
 * it wraps exactly as rl_put() draws it). */
int rl_measure(lay_t *L, int w, const char *text, const scene_text_style_t *st);

/* Place text at (x, y) in width w (layout units); returns its height. */
int rl_put(lay_t *L, int x, int y, int w, const char *text, const scene_text_style_t *st);

/* Place text at the cursor across the content width and move down. */
void rl_flow(lay_t *L, const char *text, const scene_text_style_t *st, int gap_after);

/* "83 %" or "–" when there is nothing to divide by. */
void rl_percent_text(char out[24], long part, long whole);

/* "20/11/2026" from the date part of an ISO timestamp or date. */
void rl_short_date(char out[16], const char *iso);

/* A section heading: the first language bold, the second below it. */
void rl_heading(lay_t *L, const char *msgid);

/* The source and period of a figure, a small line in each language.
 * source_msgid may hold %1$s, filled with date (YYYY-MM-DD) in words. */
void rl_source(lay_t *L, const char *source_msgid, const char *date, const char *from, const char *to);

/* A dashed horizontal line from x0 to x1 at y. */
void rl_dashed(lay_t *L, int x0, int x1, int y, scene_color_t color);

/* A dashed vertical line from y0 to y1 at x. */
void rl_dashed_v(lay_t *L, int x, int y0, int y1, scene_color_t color);

/* A round upper bound for a bar chart's scale (1, 2, 5 x 10^k). */
long rl_nice_max(long v);

/* A row of n tiles across the content width at y, each a big value and its
 * label in each language, all as tall as the tallest; returns that height. */
int rl_tiles(lay_t *L, int y, int n, const char *const *values, const char *const *label_msgids);

/* Page 1: the header, patients with a named key worker (now, trend, by
 * pathway) and the cards issued per week. */
void report_page_coverage(lay_t *L);

/* Page 2: key worker changes at the key points, the kiosk's events, its
 * anonymous counts and the patients' answers. */
void report_page_kiosk(lay_t *L);

#endif
