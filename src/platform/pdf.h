/*
 * Printed matter as PDF (cairo): the same scenes the screen and the raster
 * draw (src/core/scene.h), drawn as vectors. Text is real text in the same
 * TrueType files the renderer uses (draw_font_file()), embedded as subsets
 * with a ToUnicode map, so it is selectable and searchable (pdftotext finds
 * the key worker's name and phone); QR codes are vector modules placed
 * exactly where the raster places them; icons are the same PNGs.
 *
 * A page is recorded when it is drawn (pdf_page_record(), a cairo
 * recording surface in scene pixels), so a document can be written as PDF
 * later, on the print worker thread, after the scene and the draw_t are
 * gone. Each text line is drawn at the scene's position and stretched (a
 * few per cent at most) to the width the renderer measured, so a line that
 * fits on the screen fits on paper: cairo places glyphs without HarfBuzz
 * kerning, SDL_ttf with it.
 *
 * Thread-safe: cairo serialises its FreeType use; a page has no shared
 * state and may be written or freed on another thread than the one that
 * recorded it.
 */
#ifndef ALLWEDD_PDF_H
#define ALLWEDD_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/profile.h"
#include "core/scene.h"

/* One recorded page (opaque). */
typedef struct pdf_page pdf_page_t;

/* What a page is drawn with: the renderer's font files and icons. */
typedef struct {
  const char *font_file;      /* regular TrueType file; never NULL */
  const char *font_bold_file; /* bold TrueType file; never NULL */
  const char *icon_dir;       /* NAME.png icons; NULL: IMAGE ops are skipped */
} pdf_assets_t;

/* Record scene sc as a page (sizes in scene pixels). A missing icon draws
 * nothing, as on the screen. NULL with the reason in err when a font file
 * cannot be used, a QR payload cannot be encoded or memory runs out. */
pdf_page_t *pdf_page_record(const scene_t *sc, const pdf_assets_t *assets, char *err,
                            size_t errlen);

/* Free a page; NULL is fine. */
void pdf_page_free(pdf_page_t *page);

/* Write pages[0..count) as one PDF to fp (which stays open; the caller
 * closes it and checks that). Scene pixels are at p->dpi; a page whose
 * pixel size is the profile's page (profile_page_px()) gets exactly the
 * profile's size in millimetres (the card: 85.6 x 53.98 mm, landscape as
 * designed), another page its pixel size at p->dpi. title goes in the
 * document information (never patient data; NULL: none). false with the
 * reason in err (cairo's status, or a write error). */
bool pdf_write(FILE *fp, pdf_page_t *const *pages, size_t count, const profile_t *p,
               const char *title, char *err, size_t errlen);

#endif
