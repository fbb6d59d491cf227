/*
 * The implementation report laid out as A4 pages: headings, big figures and
 * charts (bars, a trend line with the survey anchors) as scenes, every
 * figure followed by its source and period. Welsh first: a bilingual report
 * puts each heading and label in Welsh, then English. Pure: text is fitted
 * with the caller's measurer and nothing is drawn here
 * (platform/report_draw.h draws the pages with cairo).
 *
 * Scene units are tenths of a millimetre (REPORT_UNITS_PER_MM), so a page
 * is REPORT_PAGE_W x REPORT_PAGE_H units and font sizes are in the same
 * units (a 10 pt font is 35 units).
 */
#ifndef ALLWEDD_REPORT_LAYOUT_H
#define ALLWEDD_REPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"
#include "core/report_data.h"
#include "core/scene.h"

enum {
  REPORT_UNITS_PER_MM = 10,
  REPORT_PAGE_W = 2100, /* A4: 210 mm */
  REPORT_PAGE_H = 2970, /* A4: 297 mm */
  REPORT_MAX_PAGES = 2,
};

typedef struct {
  const i18n_t *cat;      /* strings, msgctxt "report" (and "kiosk" for category names) */
  lang_t langs[LANG_COUNT];
  size_t nlangs;          /* 2: bilingual, langs[0] first (Welsh); 1: one language */
} report_layout_options_t;

/* Lay out r as pages; *npages receives how many (at most REPORT_MAX_PAGES),
 * each a new scene owned by the caller (scene_free). false with a reason in
 * err when memory runs out. Text that does not fit its box is recorded in
 * the page's scene_overflows(), never clipped. */
bool report_layout(const report_t *r, const report_layout_options_t *opt, const scene_measurer_t *m,
                   scene_t *pages[REPORT_MAX_PAGES], size_t *npages, char *err, size_t errlen);

#endif
