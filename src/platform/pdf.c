/*
 * Scenes as PDF pages with cairo. Each op is drawn as draw.c draws it into
 * pixels (the same geometry, the same QR plan, the same fonts), but as
 * vectors and real text; this module decides nothing about layout. It must
 * never draw something the raster does not: the PDF and the PNG of a card
 * are the same card.
 */
#include "platform/pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <qrencode.h>

#include "core/vcard.h"

struct pdf_page {
  cairo_surface_t *recording; /* in scene pixels */
  int width_px, height_px;
};

/* Text stretched by more than this to match the renderer's width means the
 * fonts differ: draw it unstretched rather than distorted. */
#define PDF_MAX_STRETCH 0.15

/* Set the source colour c. */
static void pdf_color(cairo_t *cr, scene_color_t c)
{
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

/* Add a rounded rectangle subpath (radius clamped to half the short side). */
static void pdf_rounded(cairo_t *cr, double x, double y, double w, double h, double r)
{
  double half = (w < h ? w : h) / 2.0;
  if (r > half)
    r = half;
  if (r <= 0) {
    cairo_rectangle(cr, x, y, w, h);
    return;
  }
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

/* A RECT op: the fill inside the border, then the border ring (draw_rect). */
static void pdf_rect(cairo_t *cr, const scene_op_t *op)
{
  double r = op->radius_px, b = op->border_px > 0 && op->fg.a ? op->border_px : 0;
  double half = (op->w < op->h ? op->w : op->h) / 2.0;
  if (op->w <= 0 || op->h <= 0)
    return;
  if (r > half)
    r = half;
  double ri = r > b ? r - b : 0;
  if (b > 0 && (op->w - 2 * b <= 0 || op->h - 2 * b <= 0)) {
    pdf_rounded(cr, op->x, op->y, op->w, op->h, r); /* all border */
    pdf_color(cr, op->fg);
    cairo_fill(cr);
    return;
  }
  if (op->bg.a) {
    pdf_rounded(cr, op->x + b, op->y + b, op->w - 2 * b, op->h - 2 * b, b > 0 ? ri : r);
    pdf_color(cr, op->bg);
    cairo_fill(cr);
  }
  if (b > 0) {
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    pdf_rounded(cr, op->x, op->y, op->w, op->h, r);
    pdf_rounded(cr, op->x + b, op->y + b, op->w - 2 * b, op->h - 2 * b, ri);
    pdf_color(cr, op->fg);
    cairo_fill(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  }
}

/* A LINE op: an axis-aligned strip as draw_line fills it, else a stroke. */
static void pdf_line(cairo_t *cr, const scene_op_t *op)
{
  int wpx = op->border_px > 0 ? op->border_px : 1;
  int x0 = op->x, y0 = op->y, x1 = op->x + op->w, y1 = op->y + op->h;
  pdf_color(cr, op->fg);
  int sx, sy, sw, sh;
  if (scene_line_strip(op, &sx, &sy, &sw, &sh)) {
    cairo_rectangle(cr, sx, sy, sw, sh);
    cairo_fill(cr);
    return;
  }
  cairo_set_line_width(cr, wpx);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

/* A QR op: the planned symbol, centred, each row's dark runs as rectangles
 * of one path (one fill: no seams between modules when rasterised). */
static bool pdf_qr(cairo_t *cr, const scene_op_t *op, char *err, size_t errlen)
{
  vcard_qr_plan_t plan;
  QRcode *qr = vcard_qr_encode(op->text, op->w, &plan);
  if (!qr) {
    snprintf(err, errlen, "QR: payload of %zu bytes cannot be encoded", strlen(op->text));
    return false;
  }
  if (plan.module_px < 1) {
    snprintf(err, errlen, "QR: a %d-module code does not fit a %d px box", plan.modules, op->w);
    QRcode_free(qr);
    return false;
  }
  int m = plan.module_px, side = (qr->width + 2 * VCARD_QR_QUIET_MODULES) * m;
  int ox = op->x + (op->w - side) / 2, oy = op->y + (op->h - side) / 2;
  int qx = ox + VCARD_QR_QUIET_MODULES * m, qy = oy + VCARD_QR_QUIET_MODULES * m;
  if (op->bg.a) {
    cairo_rectangle(cr, ox, oy, side, side);
    pdf_color(cr, op->bg);
    cairo_fill(cr);
  }
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width;) {
      if (!(qr->data[row * qr->width + col] & 1)) {
        col++;
        continue;
      }
      int run = col;
      while (run < qr->width && (qr->data[row * qr->width + run] & 1))
        run++;
      cairo_rectangle(cr, qx + col * m, qy + row * m, (run - col) * m, m);
      col = run;
    }
  pdf_color(cr, op->fg);
  cairo_fill(cr);
  QRcode_free(qr);
  return true;
}

/* A TEXT op: one line with its top at op->y and its baseline one ascent
 * (rounded up, as SDL_ttf does) below, stretched to the measured width. */
static void pdf_text(cairo_t *cr, cairo_font_face_t *const face[2], const scene_op_t *op)
{
  cairo_font_extents_t fe;
  cairo_text_extents_t te;
  if (!op->text || !*op->text || op->font_px < 1)
    return;
  cairo_set_font_face(cr, face[op->bold ? 1 : 0]);
  cairo_set_font_size(cr, op->font_px);
  cairo_font_extents(cr, &fe);
  cairo_text_extents(cr, op->text, &te);
  double stretch = op->w > 0 && te.x_advance > 0 ? op->w / te.x_advance : 1.0;
  if (fabs(stretch - 1.0) > PDF_MAX_STRETCH)
    stretch = 1.0;
  cairo_save(cr);
  cairo_translate(cr, op->x, op->y + ceil(fe.ascent));
  cairo_scale(cr, stretch, 1.0);
  cairo_move_to(cr, 0, 0);
  pdf_color(cr, op->fg);
  cairo_show_text(cr, op->text);
  cairo_restore(cr);
}

/* An IMAGE op: icon_dir/NAME.png scaled into the box; missing: nothing. */
static void pdf_image(cairo_t *cr, const pdf_assets_t *assets, const scene_op_t *op)
{
  char path[2048];
  const char *name = op->text ? op->text : "";
  if (!assets->icon_dir || !*name || strchr(name, '/') || name[0] == '.' || op->w <= 0 || op->h <= 0)
    return;
  snprintf(path, sizeof path, "%s/%s.png", assets->icon_dir, name);
  cairo_surface_t *icon = cairo_image_surface_create_from_png(path);
  if (cairo_surface_status(icon) == CAIRO_STATUS_SUCCESS) {
    int iw = cairo_image_surface_get_width(icon), ih = cairo_image_surface_get_height(icon);
    if (iw > 0 && ih > 0) {
      cairo_save(cr);
      cairo_translate(cr, op->x, op->y);
      cairo_scale(cr, (double)op->w / iw, (double)op->h / ih);
      cairo_set_source_surface(cr, icon, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
    }
  }
  cairo_surface_destroy(icon);
}

/* A cairo face for the TrueType file at path (cairo opens it lazily with
 * its own, locked FreeType library). NULL on failure. */
static cairo_font_face_t *pdf_face(const char *path)
{
  FcPattern *pat = FcPatternCreate();
  if (!pat)
    return NULL;
  cairo_font_face_t *face = NULL;
  if (FcPatternAddString(pat, FC_FILE, (const FcChar8 *)path) &&
      FcPatternAddInteger(pat, FC_INDEX, 0))
    face = cairo_ft_font_face_create_for_pattern(pat);
  FcPatternDestroy(pat);
  if (face && cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    face = NULL;
  }
  return face;
}

/* True when FreeType can open path as a font (checked only after a failure). */
static bool pdf_font_readable(const char *path)
{
  int count = 0;
  FcPattern *pat = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
  if (!pat)
    return false;
  FcPatternDestroy(pat);
  return true;
}

/* Record a scene as a page. */
pdf_page_t *pdf_page_record(const scene_t *sc, const pdf_assets_t *assets, char *err,
                            size_t errlen)
{
  pdf_page_t *page = calloc(1, sizeof *page);
  cairo_font_face_t *face[2] = {NULL, NULL};
  cairo_font_options_t *fo = NULL;
  cairo_t *cr = NULL;
  bool ok = false;
  if (!page) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  page->width_px = scene_width(sc);
  page->height_px = scene_height(sc);
  cairo_rectangle_t extents = {0, 0, page->width_px, page->height_px};
  page->recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
  for (int i = 0; i < 2; i++) {
    const char *file = i ? assets->font_bold_file : assets->font_file;
    if (!(face[i] = pdf_face(file))) {
      snprintf(err, errlen, "%s: cannot use the font for PDF", file);
      goto done;
    }
  }
  cr = cairo_create(page->recording);
  fo = cairo_font_options_create();
  /* Unhinted metrics: positions scale with the page, as printed text must. */
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  pdf_color(cr, scene_background(sc));
  cairo_paint(cr);
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    switch (op->kind) {
    case SCENE_OP_RECT:
      pdf_rect(cr, op);
      break;
    case SCENE_OP_LINE:
      pdf_line(cr, op);
      break;
    case SCENE_OP_QR:
      if (!pdf_qr(cr, op, err, errlen))
        goto done;
      break;
    case SCENE_OP_TEXT:
      pdf_text(cr, face, op);
      break;
    case SCENE_OP_IMAGE:
      pdf_image(cr, assets, op);
      break;
    }
  }
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    /* cairo says "out of memory" for a file FreeType cannot read: name it. */
    const char *bad = !pdf_font_readable(assets->font_file)        ? assets->font_file
                      : !pdf_font_readable(assets->font_bold_file) ? assets->font_bold_file
                                                                   : NULL;
    if (bad)
      snprintf(err, errlen, "%s: not a font file FreeType can read", bad);
    else
      snprintf(err, errlen, "cannot draw the PDF page: %s", cairo_status_to_string(cairo_status(cr)));
    goto done;
  }
  ok = true;
done:
  cairo_font_options_destroy(fo);
  cairo_destroy(cr);
  cairo_font_face_destroy(face[0]);
  cairo_font_face_destroy(face[1]);
  if (!ok) {
    pdf_page_free(page);
    page = NULL;
  }
  return page;
}

/* Free a page. */
void pdf_page_free(pdf_page_t *page)
{
  if (!page)
    return;
  cairo_surface_destroy(page->recording);
  free(page);
}

/* cairo's stream writer: fwrite to the FILE. */
static cairo_status_t pdf_fwrite(void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                    : CAIRO_STATUS_WRITE_ERROR;
}

/* The page size in points of a page at profile p. */
static void pdf_page_size_pt(const pdf_page_t *page, const profile_t *p, double *w_pt,
                             double *h_pt)
{
  int pw, ph;
  profile_page_px(p, &pw, &ph);
  if (page->width_px == pw && page->height_px == ph) {
    *w_pt = p->width_mm / 25.4 * 72.0;
    *h_pt = p->height_mm / 25.4 * 72.0;
  } else {
    *w_pt = page->width_px * 72.0 / p->dpi;
    *h_pt = page->height_px * 72.0 / p->dpi;
  }
}

/* Write the pages as one PDF. */
bool pdf_write(FILE *fp, pdf_page_t *const *pages, size_t count, const profile_t *p,
               const char *title, char *err, size_t errlen)
{
  double w_pt, h_pt;
  if (!count) {
    snprintf(err, errlen, "no pages to write");
    return false;
  }
  pdf_page_size_pt(pages[0], p, &w_pt, &h_pt);
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(pdf_fwrite, fp, w_pt, h_pt);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "Allwedd");
  if (title && *title)
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
  for (size_t i = 0; i < count && cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS; i++) {
    pdf_page_size_pt(pages[i], p, &w_pt, &h_pt);
    cairo_pdf_surface_set_size(pdf, w_pt, h_pt);
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, 72.0 / p->dpi, 72.0 / p->dpi);
    cairo_set_source_surface(cr, pages[i]->recording, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
  }
  cairo_surface_finish(pdf);
  cairo_status_t st = cairo_surface_status(pdf);
  cairo_surface_destroy(pdf);
  if (st != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot write the PDF: %s",
             st == CAIRO_STATUS_WRITE_ERROR && errno ? strerror(errno) : cairo_status_to_string(st));
    return false;
  }
  return true;
}
