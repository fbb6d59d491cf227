/*
 * The implementation report laid out as A4 pages: headings, big figures and
 * charts (bars, a trend line with the survey anchors) as scenes, every
 * figure followed by its source and period. Welsh first: a bilingual report
 * puts each heading and label in Welsh, then English. Pure: text is fitted
 * with the caller's measurer and nothing is drawn here
 * (platform/report_draw.h draws the pages with cairo).
 *
 * Pages are scenes in pixels at the caller's resolution (opt->dpi): the
 * layout itself works in tenths of a millimetre on an A4 page and turns
 * them into pixels as it places things, fitting text at the size it will be
 * drawn. For a PDF the pages are laid out at REPORT_PDF_DPI, where a pixel
 * is exactly a tenth of a millimetre.
 */
#ifndef ALLWEDD_REPORT_LAYOUT_H
#define ALLWEDD_REPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"
#include "core/report_data.h"
#include "core/scene.h"

enum {
  REPORT_PAGE_W = 2100, /* A4 in tenths of a millimetre: 210 mm */
  REPORT_PAGE_H = 2970, /* 297 mm */
  REPORT_MAX_PAGES = 2,
  REPORT_PDF_DPI = 254, /* one pixel = 0.1 mm */
  REPORT_MIN_DPI = 72,
  REPORT_MAX_DPI = 600,
};

typedef struct {
  int dpi;                /* scene pixels per inch, REPORT_MIN_DPI to REPORT_MAX_DPI */
  const i18n_t *cat;      /* strings, msgctxt "report" (and "kiosk" for category names) */
  lang_t langs[LANG_COUNT];
  size_t nlangs;          /* 2: bilingual, langs[0] first (Welsh); 1: one language */
} report_layout_options_t;

/* Lay out r as pages; *npages receives how many (at most REPORT_MAX_PAGES),
 * each a new scene owned by the caller (scene_free). m measures text in
 * pixels (draw_measurer()). false with a reason in err for a resolution out
 * of range, when memory runs out, or when the content does not fit its page
 * (a fault of this layout, which tests guard). Text that does not fit its
 * box is recorded in the page's scene_overflows(), never clipped. */
bool report_layout(const report_t *r, const report_layout_options_t *opt, const scene_measurer_t *m,
                   scene_t *pages[REPORT_MAX_PAGES], size_t *npages, char *err, size_t errlen);

#endif
