/*
 * Pages as pixels, and pixels as files a printer takes: PNG and PWG raster
 * (libcups). Nothing here decides layout or talks to a printer; print.c
 * chooses the format and submits the file.
 *
 * PNG is written here rather than with IMG_SavePNG for two reasons: speed
 * (libpng's default zlib level spends ~25 ms on a 300 dpi card; a page is
 * mostly runs of white, which a run-length deflate codes in ~3 ms at a
 * similar size) and a pHYs chunk, so a printer or viewer knows the page is
 * 300 dpi and prints the card at 85.6 mm, not at some default size.
 */
#include "platform/raster.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cups/raster.h>

/* Free every page and reset doc. */
void raster_doc_clear(raster_doc_t *doc)
{
  for (size_t i = 0; i < doc->count; i++)
    SDL_FreeSurface(doc->page[i]);
  free(doc->page);
  doc->page = NULL;
  doc->count = doc->cap = 0;
}

/* Append a page surface (ownership passes to doc). */
static bool raster_doc_push(raster_doc_t *doc, SDL_Surface *s)
{
  if (doc->count == doc->cap) {
    size_t cap = doc->cap ? doc->cap * 2 : 4;
    SDL_Surface **pages = realloc(doc->page, cap * sizeof *pages);
    if (!pages)
      return false;
    doc->page = pages;
    doc->cap = cap;
  }
  doc->page[doc->count++] = s;
  return true;
}

/* Draw sc into a new page of doc. */
bool raster_doc_add_scene(raster_doc_t *doc, draw_t *d, const scene_t *sc, char *err,
                          size_t errlen)
{
  SDL_Surface *s = draw_surface_new(scene_width(sc), scene_height(sc));
  if (!s) {
    snprintf(err, errlen, "cannot allocate a %dx%d page: %s", scene_width(sc),
             scene_height(sc), SDL_GetError());
    return false;
  }
  if (!draw_scene(d, sc, s)) {
    snprintf(err, errlen, "%s", draw_error(d));
    SDL_FreeSurface(s);
    return false;
  }
  if (!raster_doc_push(doc, s)) {
    snprintf(err, errlen, "out of memory");
    SDL_FreeSurface(s);
    return false;
  }
  return true;
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
    if (!raster_doc_push(dst, src->page[i])) {
      /* Pages not moved stay in src for its owner to free. */
      memmove(src->page, src->page + i, (src->count - i) * sizeof *src->page);
      src->count -= i;
      return false;
    }
  }
  free(src->page);
  src->page = NULL;
  src->count = src->cap = 0;
  return true;
}

/* Create path as a new file, readable by its owner only (a card names a
 * key worker and may name a patient). An existing file is replaced, not
 * rewritten: truncating a file makes ext4 flush it on close
 * (auto_da_alloc), which costs more than making the card; O_EXCL after the
 * unlink refuses a symlink planted in between. -1 with errno on failure. */
static int raster_create(const char *path)
{
  if (unlink(path) != 0 && errno != ENOENT)
    return -1;
  return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
}

/* ---- PNG: RGB, per-row filter, run-length deflate, pHYs ---- */

/* A growing byte buffer with a deflate bit writer on top. */
typedef struct {
  unsigned char *data;
  size_t len, cap;
  uint64_t bits;
  int nbits;
  bool failed;
} png_buf_t;

/* Make room for n more bytes. */
static bool png_reserve(png_buf_t *b, size_t n)
{
  if (b->failed)
    return false;
  if (b->len + n <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap : 65536;
  while (cap < b->len + n)
    cap *= 2;
  unsigned char *data = realloc(b->data, cap);
  if (!data)
    return !(b->failed = true);
  b->data = data;
  b->cap = cap;
  return true;
}

/* Append n bits of value, least significant bit first (deflate order). */
static inline void png_bits(png_buf_t *b, uint32_t value, int n)
{
  b->bits |= (uint64_t)value << b->nbits;
  b->nbits += n;
  if (b->nbits >= 32) {
    if (png_reserve(b, 4)) {
      for (int i = 0; i < 4; i++)
        b->data[b->len++] = (unsigned char)(b->bits >> (8 * i));
    }
    b->bits >>= 32;
    b->nbits -= 32;
  }
}

/* Append a Huffman code of n bits (written most significant bit first). */
static inline void png_code(png_buf_t *b, uint32_t code, int n)
{
  uint32_t rev = 0;
  for (int i = 0; i < n; i++)
    rev |= ((code >> i) & 1u) << (n - 1 - i);
  png_bits(b, rev, n);
}

/* Flush the bit writer to a byte boundary. */
static void png_flush_bits(png_buf_t *b)
{
  while (b->nbits > 0) {
    if (png_reserve(b, 1))
      b->data[b->len++] = (unsigned char)b->bits;
    b->bits >>= 8;
    b->nbits -= 8;
  }
  b->bits = 0;
  b->nbits = 0;
}

/* The fixed Huffman code of literal/length symbol sym, bit-reversed for
 * the LSB-first stream, and its length (RFC 1951 3.2.6). */
typedef struct {
  uint16_t code;
  uint8_t len;
} png_sym_t;
static png_sym_t png_fixed[288];

/* Fill png_fixed once (idempotent; races only write equal values). */
static void png_fixed_init(void)
{
  for (unsigned sym = 0; sym < 288; sym++) {
    uint32_t code = sym < 144 ? 0x30 + sym : sym < 256 ? 0x190 + sym - 144
                  : sym < 280 ? sym - 256 : 0xC0 + sym - 280;
    int n = sym < 144 ? 8 : sym < 256 ? 9 : sym < 280 ? 7 : 8;
    uint32_t rev = 0;
    for (int i = 0; i < n; i++)
      rev |= ((code >> i) & 1u) << (n - 1 - i);
    png_fixed[sym] = (png_sym_t){(uint16_t)rev, (uint8_t)n};
  }
}

/* A literal byte or end-of-block (256) in the fixed Huffman code. */
static inline void png_literal(png_buf_t *b, unsigned sym)
{
  png_bits(b, png_fixed[sym].code, png_fixed[sym].len);
}

/* A match of len (3..258) bytes at distance 1, fixed Huffman code. */
static void png_match(png_buf_t *b, unsigned len)
{
  static const unsigned short base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,
                                        15, 17, 19, 23, 27, 31, 35, 43, 51,  59,
                                        67, 83, 99, 115, 131, 163, 195, 227, 258};
  static const unsigned char extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                        2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
  unsigned i = 28;
  while (base[i] > len)
    i--;
  png_literal(b, 257 + i);
  if (extra[i])
    png_bits(b, len - base[i], extra[i]);
  png_code(b, 0, 5); /* distance code 0: distance 1 */
}

/* Deflate data[0..n) as one fixed-Huffman block, matching runs only. */
static void png_deflate(png_buf_t *b, const unsigned char *data, size_t n)
{
  png_fixed_init();
  png_bits(b, 1, 1); /* BFINAL */
  png_bits(b, 1, 2); /* BTYPE 01: fixed Huffman */
  size_t i = 0;
  while (i < n) {
    size_t run = 0;
    if (i > 0 && data[i] == data[i - 1]) {
      /* Runs are most of a page: compare eight bytes at a time. */
      uint64_t pattern = 0x0101010101010101ull * data[i - 1], word;
      size_t limit = n - i < 258 ? n - i : 258;
      while (run + 8 <= limit && (memcpy(&word, data + i + run, 8), word == pattern))
        run += 8;
      while (run < limit && data[i + run] == data[i - 1])
        run++;
    }
    if (run >= 3) {
      png_match(b, (unsigned)run);
      i += run;
    } else {
      png_literal(b, data[i++]);
    }
  }
  png_literal(b, 256);
  png_flush_bits(b);
}

/* CRC-32 (ISO 3309) of a buffer, continuing from crc. */
static uint32_t png_crc(uint32_t crc, const unsigned char *p, size_t n)
{
  static uint32_t table[256];
  static bool ready;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = true;
  }
  crc = ~crc;
  for (size_t i = 0; i < n; i++)
    crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

/* Adler-32 of a buffer. */
static uint32_t png_adler(const unsigned char *p, size_t n)
{
  uint32_t a = 1, s = 0;
  while (n) {
    size_t chunk = n < 5552 ? n : 5552;
    n -= chunk;
    while (chunk--) {
      a += *p++;
      s += a;
    }
    a %= 65521;
    s %= 65521;
  }
  return s << 16 | a;
}

/* Store v big-endian at p. */
static void png_be32(unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* Write one chunk (length, type, data, CRC). */
static bool png_chunk(FILE *fp, const char *type, const unsigned char *data, size_t n)
{
  unsigned char head[8], tail[4];
  png_be32(head, (uint32_t)n);
  memcpy(head + 4, type, 4);
  uint32_t crc = png_crc(png_crc(0, head + 4, 4), data, n);
  png_be32(tail, crc);
  return fwrite(head, 1, 8, fp) == 8 && (n == 0 || fwrite(data, 1, n, fp) == n) &&
         fwrite(tail, 1, 4, fp) == 4;
}

/* The filtered scanlines of an ARGB8888 surface as RGB (transparency
 * composited on white): filter Up for a row equal to the one above (all
 * zeros, one long run), else Sub (runs of one colour become zeros). */
static unsigned char *png_filtered(const SDL_Surface *s, size_t *len)
{
  size_t stride = (size_t)s->w * 3;
  unsigned char *out = malloc((stride + 1) * (size_t)s->h);
  unsigned char *rows = malloc(stride * 2);
  if (!out || !rows) {
    free(out);
    free(rows);
    return NULL;
  }
  unsigned char *cur = rows, *prev = rows + stride, *o = out;
  for (int y = 0; y < s->h; y++) {
    const Uint32 *px = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
    unsigned char *c = cur;
    for (int x = 0; x < s->w; x++, c += 3) {
      Uint32 v = px[x];
      unsigned a = v >> 24;
      if (a == 255) {
        c[0] = (unsigned char)(v >> 16);
        c[1] = (unsigned char)(v >> 8);
        c[2] = (unsigned char)v;
      } else {
        for (int k = 0; k < 3; k++)
          c[k] = (unsigned char)((((v >> (16 - 8 * k)) & 0xFF) * a + 255 * (255 - a)) / 255);
      }
    }
    if (y > 0 && !memcmp(cur, prev, stride)) {
      *o++ = 2;
      memset(o, 0, stride);
      o += stride;
    } else {
      *o++ = 1;
      memcpy(o, cur, 3);
      for (size_t i = 3; i < stride; i++)
        o[i] = (unsigned char)(cur[i] - cur[i - 3]);
      o += stride;
    }
    unsigned char *t = prev;
    prev = cur;
    cur = t;
  }
  free(rows);
  *len = (stride + 1) * (size_t)s->h;
  return out;
}

/* Write surface s as an 8-bit RGB PNG with its resolution (pHYs) when dpi > 0. */
static bool png_write(const SDL_Surface *s, int dpi, const char *path, char *err, size_t errlen)
{
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  unsigned char ihdr[13], phys[9];
  png_buf_t z = {0};
  size_t rawlen = 0;
  bool ok = false;
  FILE *fp = NULL;
  unsigned char *raw = png_filtered(s, &rawlen);
  if (!raw || !png_reserve(&z, 2)) {
    snprintf(err, errlen, "out of memory encoding PNG");
    goto done;
  }
  z.data[z.len++] = 0x78; /* zlib: deflate, 32K window */
  z.data[z.len++] = 0x01; /* no dictionary, fastest; (0x7801 % 31 == 0) */
  png_deflate(&z, raw, rawlen);
  if (!png_reserve(&z, 4)) {
    snprintf(err, errlen, "out of memory encoding PNG");
    goto done;
  }
  png_be32(z.data + z.len, png_adler(raw, rawlen));
  z.len += 4;
  png_be32(ihdr, (uint32_t)s->w);
  png_be32(ihdr + 4, (uint32_t)s->h);
  ihdr[8] = 8;  /* bit depth */
  ihdr[9] = 2;  /* colour type: RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  png_be32(phys, (uint32_t)lround(dpi / 0.0254));
  png_be32(phys + 4, (uint32_t)lround(dpi / 0.0254));
  phys[8] = 1;  /* unit: metre */
  int fd = raster_create(path);
  fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!fp) {
    if (fd >= 0)
      close(fd);
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    goto done;
  }
  ok = fwrite(signature, 1, 8, fp) == 8 && png_chunk(fp, "IHDR", ihdr, 13) &&
       (dpi <= 0 || png_chunk(fp, "pHYs", phys, 9)) && png_chunk(fp, "IDAT", z.data, z.len) &&
       png_chunk(fp, "IEND", NULL, 0);
  ok = (fclose(fp) == 0) && ok;
  if (!ok)
    snprintf(err, errlen, "%s: cannot write PNG: %s", path, strerror(errno));
done:
  free(raw);
  free(z.data);
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
    if (!png_write(doc->page[i], dpi, page_path, err, errlen))
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
  fd = raster_create(path);
  if (fd < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    goto done;
  }
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

/* Write in the given format. */
bool raster_write(const raster_doc_t *doc, const profile_t *p, const char *mime,
                  const char *path, char *err, size_t errlen)
{
  if (!strcmp(mime, "image/pwg-raster"))
    return raster_write_pwg(doc, p, path, err, errlen);
  if (!strcmp(mime, "image/png")) {
    if (doc->count != 1) {
      snprintf(err, errlen, "a %zu-page document cannot be sent as one PNG", doc->count);
      return false;
    }
    return png_write(doc->page[0], p->dpi, path, err, errlen);
  }
  snprintf(err, errlen, "cannot write %s", mime);
  return false;
}

/* The MIME type a file name asks for. */
const char *raster_mime_for_path(const char *path)
{
  const char *dot = strrchr(path, '.');
  if (dot && !strcasecmp(dot, ".png"))
    return "image/png";
  if (dot && !strcasecmp(dot, ".pwg"))
    return "image/pwg-raster";
  return NULL;
}
