/*
 * Pages as pixels, and pixels as files a printer takes: PNG and PWG raster
 * (libcups); the same pages as vectors go to PDF through pdf.c. Nothing
 * here decides layout or talks to a printer; print.c chooses the format and
 * submits the file.
 *
 * PNG is written with libpng directly rather than with IMG_SavePNG for two
 * reasons: speed (IMG_SavePNG's default compression spends ~25 ms on a
 * 300 dpi card; zlib's run-length strategy codes a page of mostly white
 * runs in a few ms at a similar size) and a pHYs chunk, so a printer or
 * viewer knows the page is 300 dpi and prints the card at 85.6 mm.
 */
#include "platform/raster.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cups/raster.h>
#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

/* Free every page and reset doc. */
void raster_doc_clear(raster_doc_t *doc)
{
  for (size_t i = 0; i < doc->count; i++) {
    SDL_FreeSurface(doc->page[i]);
    pdf_page_free(doc->vector[i]);
  }
  free(doc->page);
  free(doc->vector);
  doc->page = NULL;
  doc->vector = NULL;
  doc->count = doc->cap = 0;
}

/* Append a page as pixels and vectors (ownership passes to doc). */
static bool raster_doc_push(raster_doc_t *doc, SDL_Surface *s, pdf_page_t *v)
{
  if (doc->count == doc->cap) {
    size_t cap = doc->cap ? doc->cap * 2 : 4;
    SDL_Surface **pages = realloc(doc->page, cap * sizeof *pages);
    if (!pages)
      return false;
    doc->page = pages;
    pdf_page_t **vectors = realloc(doc->vector, cap * sizeof *vectors);
    if (!vectors)
      return false;
    doc->vector = vectors;
    doc->cap = cap;
  }
  doc->page[doc->count] = s;
  doc->vector[doc->count++] = v;
  return true;
}

/* Draw sc into a new page of doc and record it for PDF. */
bool raster_doc_add_scene(raster_doc_t *doc, draw_t *d, const scene_t *sc, char *err,
                          size_t errlen)
{
  pdf_assets_t assets = {draw_font_file(d, false), draw_font_file(d, true), draw_icon_dir(d)};
  pdf_page_t *v = NULL;
  SDL_Surface *s = draw_surface_new(scene_width(sc), scene_height(sc));
  if (!s) {
    snprintf(err, errlen, "cannot allocate a %dx%d page: %s", scene_width(sc),
             scene_height(sc), SDL_GetError());
    return false;
  }
  if (!draw_scene(d, sc, s)) {
    snprintf(err, errlen, "%s", draw_error(d));
    goto fail;
  }
  if (!(v = pdf_page_record(sc, &assets, err, errlen)))
    goto fail;
  if (!raster_doc_push(doc, s, v)) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  return true;
fail:
  SDL_FreeSurface(s);
  pdf_page_free(v);
  return false;
}

/* Lay out, check and draw every page of the card. */
bool raster_add_card(raster_doc_t *doc, draw_t *d, const card_content_t *c, const profile_t *p,
                     card_report_t *report, char *err, size_t errlen)
{
  scene_measurer_t m = draw_measurer(d);
  for (int page = 0; page < card_page_count(p); page++) {
    scene_t *sc = card_scene(c, p, page, &m, report, err, errlen);
    if (!sc)
      return false;
    if (scene_overflow_count(sc)) {
      int n = snprintf(err, errlen, "the card text does not fit (profile %s):", p->name);
      for (size_t i = 0; i < scene_overflow_count(sc) && n > 0 && (size_t)n < errlen; i++)
        n += snprintf(err + n, errlen - (size_t)n, " %s;", scene_overflow(sc, i));
      scene_free(sc);
      return false;
    }
    bool ok = raster_doc_add_scene(doc, d, sc, err, errlen);
    scene_free(sc);
    if (!ok)
      return false;
  }
  return true;
}

/* Move src's pages to the end of dst. */
bool raster_doc_take(raster_doc_t *dst, raster_doc_t *src)
{
  for (size_t i = 0; i < src->count; i++) {
    if (!raster_doc_push(dst, src->page[i], src->vector[i])) {
      /* Pages not moved stay in src for its owner to free. */
      memmove(src->page, src->page + i, (src->count - i) * sizeof *src->page);
      memmove(src->vector, src->vector + i, (src->count - i) * sizeof *src->vector);
      src->count -= i;
      return false;
    }
  }
  free(src->page);
  free(src->vector);
  src->page = NULL;
  src->vector = NULL;
  src->count = src->cap = 0;
  return true;
}

/* Create path as a new file, readable by its owner only (a card names a
 * key worker and may name a patient). An existing file is replaced, not
 * rewritten: truncating a file makes ext4 flush it on close
 * (auto_da_alloc), which costs more than making the card; O_EXCL after the
 * unlink refuses a symlink planted in between. A device, pipe, socket or
 * directory at path is refused, never unlinked (root writing a card to
 * /dev/something must not remove the device). -1 with the reason in err. */
static int raster_create(const char *path, char *err, size_t errlen)
{
  struct stat st;
  if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    snprintf(err, errlen, "%s: not a regular file; it is left alone", path);
    return -1;
  }
  int fd = -1;
  if (unlink(path) == 0 || errno == ENOENT)
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
  return fd;
}

/* ---- PNG (libpng): RGB, fast run-length compression, pHYs ---- */

/* Row y of s as 8-bit RGB, composited over white where not opaque. */
static void png_rgb_row(const SDL_Surface *s, int y, unsigned char *out)
{
  const Uint32 *px = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
  for (int x = 0; x < s->w; x++, out += 3) {
    Uint32 v = px[x];
    unsigned a = v >> 24;
    for (int k = 0; k < 3; k++) {
      unsigned c = (v >> (16 - 8 * k)) & 0xFF;
      out[k] = (unsigned char)(a == 255 ? c : (c * a + 255 * (255 - a)) / 255);
    }
  }
}

/* libpng reports errors by longjmp; keep its message for the caller. */
static void png_on_error(png_structp png, png_const_charp msg)
{
  char *err = png_get_error_ptr(png);
  snprintf(err, 256, "%s", msg);
  png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
  (void)png;
  (void)msg;
}

/* Write surface s as an 8-bit RGB PNG with its resolution (pHYs) when
 * dpi > 0. A printed page is mostly runs of one colour, so the UP filter
 * with zlib's run-length strategy at level 1 is several times faster than
 * the defaults (IMG_SavePNG) at much the same size. */
bool raster_write_surface_png(const SDL_Surface *s, int dpi, const char *path, char *err, size_t errlen)
{
  char png_err[256] = "";
  unsigned char *volatile row = NULL;
  FILE *volatile fp = NULL;
  png_structp png = NULL;
  png_infop info = NULL;
  volatile bool ok = false;
  int fd = raster_create(path, err, errlen);
  if (fd < 0)
    return false;
  if (!(fp = fdopen(fd, "wb"))) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    return false;
  }
  if (!(row = malloc((size_t)s->w * 3)) ||
      !(png = png_create_write_struct(PNG_LIBPNG_VER_STRING, png_err, png_on_error, png_on_warning)) ||
      !(info = png_create_info_struct(png))) {
    snprintf(err, errlen, "out of memory encoding PNG");
    goto done;
  }
  if (setjmp(png_jmpbuf(png))) {
    snprintf(err, errlen, "%s: cannot write PNG: %s", path, png_err);
    goto done;
  }
  png_init_io(png, fp);
  png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (dpi > 0) {
    png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_compression_level(png, 1);
  png_set_compression_strategy(png, Z_RLE);
  png_write_info(png, info);
  for (int y = 0; y < s->h; y++) {
    png_rgb_row(s, y, row);
    png_write_row(png, row);
  }
  png_write_end(png, info);
  ok = true;
done:
  png_destroy_write_struct(&png, &info);
  free(row);
  if (fclose(fp) != 0 && ok) {
    snprintf(err, errlen, "%s: cannot write PNG: %s", path, strerror(errno));
    ok = false;
  }
  return ok;
}

/* The file name of page n (0-based): "x.png", "x-2.png", ... */
static void raster_page_path(const char *path, size_t n, char *out, size_t outlen)
{
  if (n == 0) {
    snprintf(out, outlen, "%s", path);
    return;
  }
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash))
    dot = path + strlen(path);
  snprintf(out, outlen, "%.*s-%zu%s", (int)(dot - path), path, n + 1, dot);
}

/* Write every page as PNG. */
bool raster_write_png(const raster_doc_t *doc, int dpi, const char *path, char *err,
                      size_t errlen)
{
  char page_path[4096];
  if (!doc->count) {
    snprintf(err, errlen, "no pages to write");
    return false;
  }
  for (size_t i = 0; i < doc->count; i++) {
    raster_page_path(path, i, page_path, sizeof page_path);
    if (!raster_write_surface_png(doc->page[i], dpi, page_path, err, errlen))
      return false;
  }
  return true;
}

/* Fill one output row of the PWG page from surface s. rotate: the page is
 * s turned 90 degrees counter-clockwise (row y of the page is column
 * s->w - 1 - y of s). Pixels outside s are white. */
static void raster_row(const SDL_Surface *s, bool rotate, unsigned y, unsigned width,
                       bool gray, unsigned char *row)
{
  unsigned bpp = gray ? 1 : 3;
  for (unsigned x = 0; x < width; x++) {
    int sx = rotate ? (int)s->w - 1 - (int)y : (int)x;
    int sy = rotate ? (int)x : (int)y;
    unsigned char *out = row + x * bpp;
    if (sx < 0 || sy < 0 || sx >= s->w || sy >= s->h) {
      memset(out, 255, bpp);
      continue;
    }
    Uint32 px = ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)sy * s->pitch))[sx];
    unsigned a = px >> 24, r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
    /* Composite any transparency over white paper. */
    r = (r * a + 255 * (255 - a)) / 255;
    g = (g * a + 255 * (255 - a)) / 255;
    b = (b * a + 255 * (255 - a)) / 255;
    if (gray) {
      out[0] = (unsigned char)((r * 54 + g * 183 + b * 19) >> 8);
    } else {
      out[0] = (unsigned char)r;
      out[1] = (unsigned char)g;
      out[2] = (unsigned char)b;
    }
  }
}

/* Write every page as one PWG raster stream. */
bool raster_write_pwg(const raster_doc_t *doc, const profile_t *p, const char *path, char *err,
                      size_t errlen)
{
  cups_raster_t *ras = NULL;
  unsigned char *row = NULL;
  bool ok = false;
  int fd = -1;
  cups_page_header2_t h;
  pwg_media_t *media = pwgMediaForPWG(p->pwg_media);
  if (!doc->count) {
    snprintf(err, errlen, "no pages to write");
    goto done;
  }
  if (!media) {
    snprintf(err, errlen, "profile %s: unknown PWG media '%s'", p->name, p->pwg_media);
    goto done;
  }
  if (!cupsRasterInitPWGHeader(&h, media, p->color ? "srgb_8" : "sgray_8", p->dpi, p->dpi,
                               profile_sides_keyword(p->sides), "normal")) {
    snprintf(err, errlen, "cannot make a PWG header: %s", cupsLastErrorString());
    goto done;
  }
  fd = raster_create(path, err, errlen);
  if (fd < 0)
    goto done;
  ras = cupsRasterOpen(fd, CUPS_RASTER_WRITE_PWG);
  row = malloc(h.cupsBytesPerLine);
  if (!ras || !row) {
    snprintf(err, errlen, "%s: cannot start the PWG raster stream", path);
    goto done;
  }
  h.cupsInteger[0] = (unsigned)doc->count; /* TotalPageCount */
  for (size_t i = 0; i < doc->count; i++) {
    const SDL_Surface *s = doc->page[i];
    bool rotate = s->w > s->h && h.cupsWidth < h.cupsHeight;
    if (!cupsRasterWriteHeader2(ras, &h))
      goto write_error;
    for (unsigned y = 0; y < h.cupsHeight; y++) {
      raster_row(s, rotate, y, h.cupsWidth, !p->color, row);
      if (cupsRasterWritePixels(ras, row, h.cupsBytesPerLine) != h.cupsBytesPerLine)
        goto write_error;
    }
  }
  cupsRasterClose(ras);
  ras = NULL;
  if (close(fd) != 0) {
    fd = -1;
    goto write_error;
  }
  fd = -1;
  ok = true;
  goto done;
write_error:
  snprintf(err, errlen, "%s: cannot write the PWG raster: %s", path, strerror(errno));
done:
  if (ras)
    cupsRasterClose(ras);
  if (fd >= 0)
    close(fd);
  free(row);
  return ok;
}

/* ---- JPEG (libjpeg): one page, for printers that take nothing else ---- */

/* libjpeg reports errors by calling error_exit: keep the message, jump back. */
typedef struct {
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} jpeg_failure_t;

static void jpeg_on_error(j_common_ptr cinfo)
{
  jpeg_failure_t *f = (jpeg_failure_t *)cinfo->err;
  (*cinfo->err->format_message)(cinfo, f->message);
  longjmp(f->jump, 1);
}

/* Write surface s as a baseline JPEG (quality 92, no chroma subsampling,
 * so small text and QR modules keep their edges) recording dpi in the JFIF
 * header; gray for a mono profile. */
static bool raster_write_surface_jpeg(const SDL_Surface *s, int dpi, bool gray, const char *path,
                                      char *err, size_t errlen)
{
  struct jpeg_compress_struct cinfo;
  jpeg_failure_t failure;
  unsigned char *volatile row = NULL;
  FILE *volatile fp = NULL;
  volatile bool ok = false, created = false;
  int fd = raster_create(path, err, errlen);
  if (fd < 0)
    return false;
  if (!(fp = fdopen(fd, "wb"))) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    return false;
  }
  cinfo.err = jpeg_std_error(&failure.mgr);
  failure.mgr.error_exit = jpeg_on_error;
  if (setjmp(failure.jump)) {
    snprintf(err, errlen, "%s: cannot write JPEG: %s", path, failure.message);
    goto done;
  }
  jpeg_create_compress(&cinfo);
  created = true;
  if (!(row = malloc((size_t)s->w * 3))) {
    snprintf(err, errlen, "out of memory encoding JPEG");
    goto done;
  }
  jpeg_stdio_dest(&cinfo, fp);
  cinfo.image_width = (JDIMENSION)s->w;
  cinfo.image_height = (JDIMENSION)s->h;
  cinfo.input_components = gray ? 1 : 3;
  cinfo.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 92, TRUE);
  for (int c = 0; c < cinfo.num_components; c++)
    cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
  cinfo.density_unit = 1; /* dots per inch */
  cinfo.X_density = cinfo.Y_density = (UINT16)dpi;
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    png_rgb_row(s, (int)cinfo.next_scanline, row);
    if (gray)
      for (int x = 0; x < s->w; x++)
        row[x] = (unsigned char)((row[3 * x] * 54 + row[3 * x + 1] * 183 + row[3 * x + 2] * 19) >> 8);
    JSAMPROW rows[1] = {row};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  ok = true;
done:
  if (created)
    jpeg_destroy_compress(&cinfo);
  free(row);
  if (fclose(fp) != 0 && ok) {
    snprintf(err, errlen, "%s: cannot write JPEG: %s", path, strerror(errno));
    ok = false;
  }
  return ok;
}

/* Write every page as one PDF. */
bool raster_write_pdf(const raster_doc_t *doc, const profile_t *p, const char *path, char *err,
                      size_t errlen)
{
  FILE *fp = NULL;
  int fd = raster_create(path, err, errlen);
  if (fd < 0)
    return false;
  if (!(fp = fdopen(fd, "wb"))) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    return false;
  }
  char why[512];
  bool ok = pdf_write(fp, doc->vector, doc->count, p, NULL, why, sizeof why);
  if (!ok)
    snprintf(err, errlen, "%s: %s", path, why);
  if (fclose(fp) != 0 && ok) {
    snprintf(err, errlen, "%s: cannot write the PDF: %s", path, strerror(errno));
    ok = false;
  }
  return ok;
}

/* Write in the given format. */
bool raster_write(const raster_doc_t *doc, const profile_t *p, const char *mime,
                  const char *path, char *err, size_t errlen)
{
  if (!strcmp(mime, "image/pwg-raster"))
    return raster_write_pwg(doc, p, path, err, errlen);
  if (!strcmp(mime, "application/pdf"))
    return raster_write_pdf(doc, p, path, err, errlen);
  if (!strcmp(mime, "image/jpeg")) {
    if (doc->count != 1) {
      snprintf(err, errlen, "a %zu-page document cannot be sent as one JPEG", doc->count);
      return false;
    }
    return raster_write_surface_jpeg(doc->page[0], p->dpi, !p->color, path, err, errlen);
  }
  if (!strcmp(mime, "image/png")) {
    if (doc->count != 1) {
      snprintf(err, errlen, "a %zu-page document cannot be sent as one PNG", doc->count);
      return false;
    }
    return raster_write_surface_png(doc->page[0], p->dpi, path, err, errlen);
  }
  snprintf(err, errlen, "cannot write %s", mime);
  return false;
}

/* True when raster_write() writes mime for page_count pages. */
bool raster_can_write(const char *mime, size_t page_count)
{
  if (!strcmp(mime, "image/pwg-raster") || !strcmp(mime, "application/pdf"))
    return true;
  return (!strcmp(mime, "image/png") || !strcmp(mime, "image/jpeg")) && page_count <= 1;
}

/* The MIME type a file name asks for. */
const char *raster_mime_for_path(const char *path)
{
  const char *dot = strrchr(path, '.');
  if (dot && !strcasecmp(dot, ".png"))
    return "image/png";
  if (dot && !strcasecmp(dot, ".pwg"))
    return "image/pwg-raster";
  if (dot && !strcasecmp(dot, ".pdf"))
    return "application/pdf";
  if (dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg")))
    return "image/jpeg";
  return NULL;
}
