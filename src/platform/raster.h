/*
 * Printer-ready documents from scenes: every page drawn by draw_scene() into
 * an ARGB8888 surface at the profile's resolution, and recorded as vectors
 * (platform/pdf.h), then written as PNG (with its resolution), PWG raster
 * (libcups raster API, sRGB 8-bit, or sGray 8-bit for a mono profile), PDF
 * (cairo: vector, fonts embedded, text selectable) or JPEG (one page). A page designed landscape for portrait media
 * (the ID-1 card: design 85.6 x 53.98 mm, PWG media iso_id-1_53.98x85.6mm)
 * is turned 90 degrees counter-clockwise in the PWG raster, as IPP does for
 * orientation-requested=landscape; PNG pages keep the design's orientation.
 *
 * Functions here are safe to call from the print worker thread (no SDL
 * video, no shared state).
 */
#ifndef ALLWEDD_RASTER_H
#define ALLWEDD_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "core/card.h"
#include "core/profile.h"
#include "core/scene.h"
#include "platform/draw.h"
#include "platform/pdf.h"

/* A document: pages in order, each as pixels and as a vector recording of
 * the same scene (vector[i] is page[i]). Owns both. */
typedef struct {
  SDL_Surface **page;
  pdf_page_t **vector;
  size_t count, cap;
} raster_doc_t;

/* Free every page; the struct itself is reset to empty (not freed). */
void raster_doc_clear(raster_doc_t *doc);

/* Draw sc into a new page appended to doc, and record it for PDF with d's
 * fonts and icons. false with the reason in err (no memory, draw_scene
 * failed: the draw error, or the PDF recording failed). */
bool raster_doc_add_scene(raster_doc_t *doc, draw_t *d, const scene_t *sc, char *err,
                          size_t errlen);

/* Lay out and draw every page of the Key Worker Card for profile p and
 * append them to doc. Refuses (false, with the overflows in err) a card
 * whose text does not fit: a card with missing words is never printed.
 * report (may be NULL) describes the last page. */
bool raster_add_card(raster_doc_t *doc, draw_t *d, const card_content_t *c, const profile_t *p,
                     card_report_t *report, char *err, size_t errlen);

/* Move every page of src to the end of dst (src ends empty). */
bool raster_doc_take(raster_doc_t *dst, raster_doc_t *src);

/* Write one ARGB8888 surface as an 8-bit RGB PNG (libpng), with its
 * resolution when dpi > 0 (screen captures pass 0). The file is created
 * 0600. false with the reason in err. */
bool raster_write_surface_png(const SDL_Surface *s, int dpi, const char *path, char *err, size_t errlen);

/* Write the pages as 8-bit RGB PNG recording dpi (pHYs; 0: none): page 1
 * to path, page N (N > 1) to path with "-N" before the extension
 * ("card.png", "card-2.png"). Transparency is composited on white. */
bool raster_write_png(const raster_doc_t *doc, int dpi, const char *path, char *err,
                      size_t errlen);

/* Write the pages as one PWG raster file for profile p (media, dpi, sides,
 * colour). Pages whose size differs by rounding from the media's pixel
 * size are padded with white or cropped at the right and bottom. */
bool raster_write_pwg(const raster_doc_t *doc, const profile_t *p, const char *path, char *err,
                      size_t errlen);

/* Write every page as one PDF (pdf_write(): the profile's page size in mm),
 * created 0600. false with the reason in err. */
bool raster_write_pdf(const raster_doc_t *doc, const profile_t *p, const char *path, char *err,
                      size_t errlen);

/* Write in the given MIME type ("image/png", "image/pwg-raster",
 * "application/pdf", or "image/jpeg": baseline, quality 92, no chroma
 * subsampling, the dpi in its JFIF header, for printers that take nothing
 * else). A multi-page document cannot be one PNG or JPEG: false for that. */
bool raster_write(const raster_doc_t *doc, const profile_t *p, const char *mime,
                  const char *path, char *err, size_t errlen);

/* True when raster_write() can write a page_count-page document as mime:
 * image/pwg-raster and application/pdf any number, image/png and
 * image/jpeg one page. */
bool raster_can_write(const char *mime, size_t page_count);

/* The MIME type a file name asks for: ".png" image/png, ".pwg" image/pwg-raster,
 * ".pdf" application/pdf, ".jpg"/".jpeg" image/jpeg (any case); NULL otherwise. */
const char *raster_mime_for_path(const char *path);

#endif
