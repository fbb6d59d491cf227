/*
 * Report pages to files: PDF through pdf_page_record()/pdf_write() into
 * memory, then safe_file_write(); PNG through draw_scene() and
 * raster_write_surface_png() into a temporary file renamed into place.
 */
#include "platform/report_draw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/profile.h"
#include "core/report_layout.h"
#include "core/safe_file.h"
#include "platform/pdf.h"
#include "platform/raster.h"

/* A temporary name beside path for an atomic write. */
static void temp_path(const char *path, char *out, size_t outlen)
{
  snprintf(out, outlen, "%s.tmp-%ld", path, (long)getpid());
}

/* Move the finished temporary file onto path, or remove it. */
static bool finish_file(bool ok, const char *tmp, const char *path, char *err, size_t errlen)
{
  if (ok && rename(tmp, path) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    ok = false;
  }
  if (!ok)
    unlink(tmp);
  return ok;
}

bool report_draw_pdf(draw_t *d, scene_t *const *pages, size_t npages, const char *title,
                     const char *path, char *err, size_t errlen)
{
  char why[512], *pdf = NULL;
  size_t len = 0;
  pdf_page_t *recorded[REPORT_MAX_PAGES] = {NULL};
  pdf_assets_t assets = {.font_file = draw_font_file(d, false), .font_bold_file = draw_font_file(d, true)};
  profile_t p;
  bool ok = false;
  if (npages > REPORT_MAX_PAGES) {
    snprintf(err, errlen, "a report has at most %d pages", REPORT_MAX_PAGES);
    return false;
  }
  /* Only the resolution matters: a page that is not the profile's own
   * size is written at its pixel size at p.dpi, here exactly A4. */
  profile_defaults(&p);
  p.dpi = REPORT_PDF_DPI;
  for (size_t i = 0; i < npages; i++)
    if (!(recorded[i] = pdf_page_record(pages[i], &assets, err, errlen)))
      goto done;
  FILE *mem = open_memstream(&pdf, &len);
  if (!mem) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  ok = pdf_write(mem, recorded, npages, &p, title, why, sizeof why);
  if (fclose(mem) != 0 && ok) {
    snprintf(why, sizeof why, "out of memory");
    ok = false;
  }
  if (!ok)
    snprintf(err, errlen, "%s: %s", path, why);
  else
    ok = safe_file_write(path, pdf, len, 0644, err, errlen);
done:
  for (size_t i = 0; i < npages; i++)
    pdf_page_free(recorded[i]);
  free(pdf);
  return ok;
}

bool report_draw_png(draw_t *d, scene_t *const *pages, size_t npages, int dpi, const char *path,
                     char *err, size_t errlen)
{
  char tmp[4200];
  if (!npages) {
    snprintf(err, errlen, "no pages to write");
    return false;
  }
  int w = scene_width(pages[0]), page_h = scene_height(pages[0]), gap = dpi / 6;
  int h = page_h * (int)npages + gap * (int)(npages - 1);
  SDL_Surface *sheet = draw_surface_new(w, h);
  bool ok = sheet != NULL;
  if (!ok)
    snprintf(err, errlen, "SDL: %s", SDL_GetError());
  if (ok)
    SDL_FillRect(sheet, NULL, SDL_MapRGB(sheet->format, 150, 150, 150)); /* between the pages */
  for (size_t i = 0; ok && i < npages; i++) {
    /* Each page draws into its band of the sheet through a view of it. */
    Uint8 *top = (Uint8 *)sheet->pixels + (size_t)i * (size_t)(page_h + gap) * (size_t)sheet->pitch;
    SDL_Surface *band = SDL_CreateRGBSurfaceWithFormatFrom(top, w, page_h, 32, sheet->pitch,
                                                           SDL_PIXELFORMAT_ARGB8888);
    if (!band || scene_width(pages[i]) != w || scene_height(pages[i]) != page_h) {
      snprintf(err, errlen, "%s", band ? "the pages differ in size" : SDL_GetError());
      ok = false;
    } else if (!draw_scene(d, pages[i], band)) {
      snprintf(err, errlen, "page %zu: %s", i + 1, draw_error(d));
      ok = false;
    }
    SDL_FreeSurface(band);
  }
  temp_path(path, tmp, sizeof tmp);
  if (ok)
    ok = raster_write_surface_png(sheet, dpi, tmp, err, errlen);
  SDL_FreeSurface(sheet);
  return finish_file(ok, tmp, path, err, errlen);
}
