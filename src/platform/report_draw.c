/*
 * Report pages drawn with cairo. Fonts are FreeType faces opened from the
 * configured files and handed to cairo-ft, so the PDF embeds exactly the
 * project's fonts (as subsets) and its text stays text. Metrics are
 * unhinted for both measuring and drawing. Output files appear whole or not
 * at all: each is written to a temporary name beside it and renamed.
 * The PNG is the same drawing on an image surface, written by the project's
 * one PNG writer (raster_write_surface_png).
 */
#include "platform/report_draw.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "core/report_layout.h"
#include "platform/raster.h"

struct report_draw {
  FT_Library ft;
  cairo_font_face_t *face[2];   /* regular, bold */
  cairo_surface_t *measure_surface;
  cairo_t *measure;             /* a context for text extents only */
};

static const cairo_user_data_key_t face_key;

/* cairo's destroy callback for a font face: release its FreeType face. */
static void release_ft_face(void *face) { FT_Done_Face((FT_Face)face); }

/* Open a font file as a cairo font face that owns its FreeType face. */
static cairo_font_face_t *open_face(FT_Library ft, const char *path, char *err, size_t errlen)
{
  FT_Face face = NULL;
  FT_Error e = FT_New_Face(ft, path, 0, &face);
  if (e) {
    snprintf(err, errlen, "%s: FreeType cannot open this font (error %d)", path, (int)e);
    return NULL;
  }
  cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
  if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
      cairo_font_face_set_user_data(cf, &face_key, face, release_ft_face) != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "%s: cairo cannot use this font", path);
    cairo_font_face_destroy(cf);
    FT_Done_Face(face);
    return NULL;
  }
  return cf;
}

/* Unhinted text on ctx, so every surface measures alike. */
static void set_font_options(cairo_t *cr)
{
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
}

report_draw_t *report_draw_new(const char *font_path, const char *font_bold_path, char *err,
                               size_t errlen)
{
  report_draw_t *rd = calloc(1, sizeof *rd);
  if (!rd) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  if (FT_Init_FreeType(&rd->ft)) {
    snprintf(err, errlen, "FreeType failed to initialise");
    goto fail;
  }
  if (!(rd->face[0] = open_face(rd->ft, font_path, err, errlen)) ||
      !(rd->face[1] = open_face(rd->ft, font_bold_path, err, errlen)))
    goto fail;
  rd->measure_surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  rd->measure = cairo_create(rd->measure_surface);
  if (cairo_status(rd->measure) != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_status(rd->measure)));
    goto fail;
  }
  set_font_options(rd->measure);
  return rd;
fail:
  report_draw_free(rd);
  return NULL;
}

void report_draw_free(report_draw_t *rd)
{
  if (!rd)
    return;
  if (rd->measure)
    cairo_destroy(rd->measure);
  if (rd->measure_surface)
    cairo_surface_destroy(rd->measure_surface);
  for (int i = 0; i < 2; i++)
    if (rd->face[i])
      cairo_font_face_destroy(rd->face[i]); /* releases the FreeType face */
  /* cairo may keep scaled fonts (and so FreeType faces) cached past the
   * last destroy; reset them before the library that made them goes. */
  cairo_debug_reset_static_data();
  if (rd->ft)
    FT_Done_FreeType(rd->ft);
  free(rd);
}

/* The scene measurer: advance width and ascent + descent, in scene units. */
static bool measure_text(void *ctx, const char *utf8, int font_px, bool bold, int *width_px,
                         int *height_px)
{
  report_draw_t *rd = ctx;
  cairo_text_extents_t te;
  cairo_font_extents_t fe;
  cairo_set_font_face(rd->measure, rd->face[bold ? 1 : 0]);
  cairo_set_font_size(rd->measure, font_px);
  cairo_text_extents(rd->measure, utf8, &te);
  cairo_font_extents(rd->measure, &fe);
  if (cairo_status(rd->measure) != CAIRO_STATUS_SUCCESS)
    return false;
  *width_px = (int)ceil(te.x_advance);
  *height_px = (int)ceil(fe.ascent + fe.descent);
  return true;
}

scene_measurer_t report_draw_measurer(report_draw_t *rd)
{
  return (scene_measurer_t){.measure = measure_text, .ctx = rd};
}

static void set_color(cairo_t *cr, scene_color_t c)
{
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

/* A rectangle path with corners of radius r. */
static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
  if (r <= 0) {
    cairo_rectangle(cr, x, y, w, h);
    return;
  }
  r = fmin(r, fmin(w, h) / 2);
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

/* Draw one scene op; QR codes and images do not occur in reports. */
static void draw_op(report_draw_t *rd, cairo_t *cr, const scene_op_t *op)
{
  switch (op->kind) {
  case SCENE_OP_RECT:
    rounded_rect(cr, op->x, op->y, op->w, op->h, op->radius_px);
    if (op->bg.a) {
      set_color(cr, op->bg);
      cairo_fill_preserve(cr);
    }
    if (op->border_px > 0 && op->fg.a) {
      set_color(cr, op->fg);
      cairo_set_line_width(cr, op->border_px);
      cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
    break;
  case SCENE_OP_LINE:
    set_color(cr, op->fg);
    cairo_set_line_width(cr, op->border_px > 0 ? op->border_px : 1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_move_to(cr, op->x, op->y);
    cairo_line_to(cr, op->x + op->w, op->y + op->h);
    cairo_stroke(cr);
    break;
  case SCENE_OP_TEXT: {
    cairo_font_extents_t fe;
    cairo_set_font_face(cr, rd->face[op->bold ? 1 : 0]);
    cairo_set_font_size(cr, op->font_px);
    cairo_font_extents(cr, &fe);
    set_color(cr, op->fg);
    cairo_move_to(cr, op->x, op->y + (op->h - (fe.ascent + fe.descent)) / 2 + fe.ascent);
    cairo_show_text(cr, op->text);
    cairo_new_path(cr);
    break;
  }
  case SCENE_OP_QR:
  case SCENE_OP_IMAGE:
    break;
  }
}

/* Draw a page at the current transformation: background, then every op. */
static void draw_page(report_draw_t *rd, cairo_t *cr, const scene_t *sc)
{
  set_font_options(cr);
  set_color(cr, scene_background(sc));
  cairo_rectangle(cr, 0, 0, scene_width(sc), scene_height(sc));
  cairo_fill(cr);
  for (size_t i = 0; i < scene_count(sc); i++)
    draw_op(rd, cr, scene_op(sc, i));
}

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

bool report_draw_pdf(report_draw_t *rd, scene_t *const *pages, size_t npages,
                     const report_draw_info_t *info, const char *path, char *err, size_t errlen)
{
  char tmp[4200];
  const double pt_per_unit = 72.0 / 25.4 / REPORT_UNITS_PER_MM;
  temp_path(path, tmp, sizeof tmp);
  cairo_surface_t *surface = cairo_pdf_surface_create(tmp, REPORT_PAGE_W * pt_per_unit,
                                                      REPORT_PAGE_H * pt_per_unit);
  cairo_t *cr = cairo_create(surface);
  if (info && info->title)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info->title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "allwedd report");
  if (info && info->made_at)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info->made_at);
  for (size_t i = 0; i < npages; i++) {
    cairo_save(cr);
    cairo_scale(cr, pt_per_unit, pt_per_unit);
    draw_page(rd, cr, pages[i]);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    snprintf(err, errlen, "%s: cannot write the PDF: %s", path, cairo_status_to_string(status));
  return finish_file(status == CAIRO_STATUS_SUCCESS, tmp, path, err, errlen);
}

bool report_draw_png(report_draw_t *rd, scene_t *const *pages, size_t npages, int dpi,
                     const char *path, char *err, size_t errlen)
{
  enum { GAP_UNITS = 40 };
  char tmp[4200];
  if (dpi < 72 || dpi > 600) {
    snprintf(err, errlen, "PNG resolution must be 72 to 600 dpi");
    return false;
  }
  double px_per_unit = dpi / 25.4 / REPORT_UNITS_PER_MM;
  int w = (int)ceil(REPORT_PAGE_W * px_per_unit);
  int page_h = (int)ceil(REPORT_PAGE_H * px_per_unit), gap = (int)ceil(GAP_UNITS * px_per_unit);
  int h = page_h * (int)npages + gap * (int)(npages ? npages - 1 : 0);
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6); /* between the pages */
  cairo_paint(cr);
  for (size_t i = 0; i < npages; i++) {
    cairo_save(cr);
    cairo_translate(cr, 0, (double)i * (page_h + gap));
    cairo_scale(cr, px_per_unit, px_per_unit);
    draw_page(rd, cr, pages[i]);
    cairo_restore(cr);
  }
  cairo_surface_flush(surface);
  cairo_status_t status = cairo_status(cr);
  bool ok = status == CAIRO_STATUS_SUCCESS;
  if (!ok)
    snprintf(err, errlen, "cairo: %s", cairo_status_to_string(status));
  SDL_Surface *view = NULL;
  if (ok) {
    /* CAIRO_FORMAT_ARGB32 is SDL's ARGB8888 in native byte order; the page
     * is opaque, so premultiplied and straight alpha are the same. */
    view = SDL_CreateRGBSurfaceWithFormatFrom(cairo_image_surface_get_data(surface), w, h, 32,
                                              cairo_image_surface_get_stride(surface),
                                              SDL_PIXELFORMAT_ARGB8888);
    if (!view) {
      snprintf(err, errlen, "SDL: %s", SDL_GetError());
      ok = false;
    }
  }
  temp_path(path, tmp, sizeof tmp);
  if (ok)
    ok = raster_write_surface_png(view, dpi, tmp, err, errlen);
  SDL_FreeSurface(view);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return finish_file(ok, tmp, path, err, errlen);
}
