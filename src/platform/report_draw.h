/*
 * Drawing the implementation report's pages (core/report_layout.h) with
 * cairo: a vector PDF whose text is real, selectable text in the project's
 * fonts (FreeType faces through cairo-ft, embedded as subsets), or a PNG
 * through cairo's image surface with the same layout. Scenes are in tenths
 * of a millimetre; the PDF maps them to points, the PNG to pixels at the
 * given resolution.
 *
 * The same report_draw_t measures text for the layout (report_draw_measurer)
 * and draws it, with unhinted metrics, so the PDF and the PNG break lines in
 * the same places. Not thread-safe: one per thread.
 */
#ifndef ALLWEDD_REPORT_DRAW_H
#define ALLWEDD_REPORT_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scene.h"

typedef struct report_draw report_draw_t;

/* A drawer with the regular and bold font files (TrueType/OpenType, e.g.
 * the configured DejaVu Sans). NULL with the reason in err when FreeType
 * cannot open a font. */
report_draw_t *report_draw_new(const char *font_path, const char *font_bold_path, char *err,
                               size_t errlen);

/* Release fonts and cairo state; NULL is fine. */
void report_draw_free(report_draw_t *rd);

/* The measurer to lay the report out with (widths and line heights in
 * scene units at font size font_px units). */
scene_measurer_t report_draw_measurer(report_draw_t *rd);

/* Document information for the PDF. */
typedef struct {
  const char *title;      /* e.g. "Adroddiad gweithredu / Implementation report" */
  const char *made_at;    /* UTC ISO 8601, written as the creation date */
} report_draw_info_t;

/* Write the pages as an A4 PDF at path, atomically (a temporary file in the
 * same folder, renamed over path once complete). false with the reason in
 * err; path is then untouched. */
bool report_draw_pdf(report_draw_t *rd, scene_t *const *pages, size_t npages,
                     const report_draw_info_t *info, const char *path, char *err, size_t errlen);

/* Write the pages one below the other as one PNG at dpi (72 to 600) at path,
 * atomically as above. false with the reason in err. */
bool report_draw_png(report_draw_t *rd, scene_t *const *pages, size_t npages, int dpi,
                     const char *path, char *err, size_t errlen);

#endif
