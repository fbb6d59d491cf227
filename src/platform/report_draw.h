/*
 * The implementation report's pages (core/report_layout.h) as files, drawn
 * by the project's own renderers so the report looks like everything else
 * Allwedd prints: a vector PDF through the PDF writer (platform/pdf.h:
 * cairo, the renderer's fonts embedded, text selectable), or a PNG through
 * the scene renderer (platform/draw.h) and the one PNG writer. Files appear
 * whole or not at all: each is written under a temporary name in the same
 * folder and renamed into place.
 */
#ifndef ALLWEDD_REPORT_DRAW_H
#define ALLWEDD_REPORT_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scene.h"
#include "platform/draw.h"

/* Write pages laid out at REPORT_PDF_DPI as an A4 PDF at path with title
 * in its document information, in d's fonts. false with the reason in err;
 * path is then untouched. */
bool report_draw_pdf(draw_t *d, scene_t *const *pages, size_t npages, const char *title,
                     const char *path, char *err, size_t errlen);

/* Write pages laid out at dpi as one PNG (the pages one below the other,
 * a grey gap between them; dpi recorded in the file). false with the reason
 * in err; path is then untouched. */
bool report_draw_png(draw_t *d, scene_t *const *pages, size_t npages, int dpi, const char *path,
                     char *err, size_t errlen);

#endif
