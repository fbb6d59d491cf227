/*
 * Scene renderer over SDL2 software surfaces. Rectangles (with rounded,
 * anti-aliased corners and borders), lines, text (SDL2_ttf, blended), QR
 * codes (libqrencode, integer module size, 4-module quiet zone, centred) and
 * PNG icons (SDL2_image). It draws exactly what the scene says and decides
 * nothing about layout: fitting text is scene_text()'s job, using this
 * module's measurer so the metrics are identical.
 *
 * It writes pixels itself (ARGB8888 only) rather than through SDL_Renderer,
 * so a 300 dpi card raster needs no window, no GPU and no video driver.
 */
#include "platform/draw.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <qrencode.h>
#include <sodium.h>

#include "core/vcard.h"

typedef struct {
  int px;
  bool bold;
  TTF_Font *font;
} draw_font_entry_t;

typedef struct {
  char *name;
  SDL_Surface *surface; /* NULL: looked for and not found */
} draw_icon_t;

/* A rendered line of text kept for the next frames: screens redraw mostly
 * the same lines, and rasterising text is most of a frame's cost. */
typedef struct {
  char *text;
  int font_px;
  bool bold;
  scene_color_t color;
  SDL_Surface *surface;
  uint64_t used;           /* draw->clock when last drawn */
} draw_text_entry_t;

enum { DRAW_TEXT_CACHE = 192, DRAW_TEXT_CACHE_BYTES = 4 << 20 };

/* A remembered text measurement: layouts measure the same texts every
 * frame, and text sizes never change while the kiosk runs. */
typedef struct {
  uint64_t hash;
  char *text;              /* NULL: empty slot */
  int font_px, w, h;
  bool bold;
} draw_measure_entry_t;

enum { DRAW_MEASURE_SLOTS = 4096 }; /* open addressing, kept at most half full */

struct draw {
  void *font_data[2];      /* regular, bold: whole font files */
  size_t font_size[2];
  draw_font_entry_t *fonts;
  size_t nfonts, cap_fonts;
  draw_icon_t *icons;
  size_t nicons, cap_icons;
  char *icon_dir;
  char *font_path[2];      /* regular, bold: the files read (for the PDF writer) */
  draw_text_entry_t texts[DRAW_TEXT_CACHE];
  size_t text_bytes;       /* pixels held by the text cache */
  draw_measure_entry_t *measures; /* DRAW_MEASURE_SLOTS, allocated on first use */
  size_t nmeasures;
  bool drew_personal;      /* a personal scene was drawn since the last forget */
  uint64_t clock;
  char error[256];
};

/* Keep a formatted message as the last error on d. */
__attribute__((format(printf, 2, 3)))
static void draw_set_error(draw_t *d, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->error, sizeof d->error, fmt, ap);
  va_end(ap);
}

/* Read a whole file into memory; NULL on failure (errno set). */
static void *draw_read_file(const char *path, size_t *size)
{
  FILE *fp = fopen(path, "rb");
  void *data = NULL;
  long len = -1;
  if (!fp)
    return NULL;
  if (fseek(fp, 0, SEEK_END) == 0)
    len = ftell(fp);
  if (len <= 0 || fseek(fp, 0, SEEK_SET) != 0)
    goto done;
  data = malloc((size_t)len);
  if (data && fread(data, 1, (size_t)len, fp) != (size_t)len) {
    free(data);
    data = NULL;
    errno = EIO;
  }
  *size = (size_t)len;
done:
  fclose(fp);
  return data;
}

/* A renderer with the given fonts and icon directory. */
draw_t *draw_new(const char *font_path, const char *font_bold_path, const char *icon_dir,
                 char *err, size_t errlen)
{
  const char *paths[2] = {font_path && *font_path ? font_path : DRAW_DEFAULT_FONT,
                          font_bold_path && *font_bold_path ? font_bold_path
                                                            : DRAW_DEFAULT_FONT_BOLD};
  draw_t *d = calloc(1, sizeof *d);
  if (!d) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  if (TTF_Init() != 0) {
    snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
    free(d);
    return NULL;
  }
  IMG_Init(IMG_INIT_PNG);
  for (int i = 0; i < 2; i++) {
    d->font_data[i] = draw_read_file(paths[i], &d->font_size[i]);
    if (!d->font_data[i]) {
      snprintf(err, errlen, "%s: cannot read font: %s", paths[i], strerror(errno));
      goto fail;
    }
    if (!(d->font_path[i] = strdup(paths[i]))) {
      snprintf(err, errlen, "out of memory");
      goto fail;
    }
  }
  if (icon_dir && *icon_dir && !(d->icon_dir = strdup(icon_dir))) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  return d;
fail:
  draw_free(d);
  return NULL;
}

/* A renderer from configuration. */
draw_t *draw_new_from_config(const config_t *cfg, char *err, size_t errlen)
{
  char icons[CONFIG_PATH_MAX + 32];
  snprintf(icons, sizeof icons, "%s/assets/icons", cfg->data_dir);
  return draw_new(cfg->font_path, cfg->font_bold_path, icons, err, errlen);
}

/* Free a renderer; NULL is fine. */
void draw_free(draw_t *d)
{
  if (!d)
    return;
  for (size_t i = 0; i < d->nfonts; i++)
    TTF_CloseFont(d->fonts[i].font);
  for (size_t i = 0; i < d->nicons; i++) {
    free(d->icons[i].name);
    SDL_FreeSurface(d->icons[i].surface);
  }
  draw_forget(d);
  free(d->measures);
  free(d->fonts);
  free(d->icons);
  free(d->font_data[0]);
  free(d->font_data[1]);
  free(d->icon_dir);
  free(d->font_path[0]);
  free(d->font_path[1]);
  free(d);
  TTF_Quit(); /* reference counted; IMG_Quit is not, so it is left alone */
}

/* The last error; never NULL. */
const char *draw_error(const draw_t *d) { return d->error; }

/* The font file d draws with. */
const char *draw_font_file(const draw_t *d, bool bold) { return d->font_path[bold ? 1 : 0]; }

/* The icon directory, or NULL. */
const char *draw_icon_dir(const draw_t *d) { return d->icon_dir; }

/* The font for (px, bold), opened from memory on first use. */
TTF_Font *draw_font(draw_t *d, int font_px, bool bold)
{
  if (font_px < 1 || font_px > 2000)
    return NULL;
  for (size_t i = 0; i < d->nfonts; i++)
    if (d->fonts[i].px == font_px && d->fonts[i].bold == bold)
      return d->fonts[i].font;
  if (d->nfonts == d->cap_fonts) {
    size_t cap = d->cap_fonts ? d->cap_fonts * 2 : 16;
    draw_font_entry_t *list = realloc(d->fonts, cap * sizeof *list);
    if (!list)
      return NULL;
    d->fonts = list;
    d->cap_fonts = cap;
  }
  int which = bold ? 1 : 0;
  SDL_RWops *rw = SDL_RWFromConstMem(d->font_data[which], (int)d->font_size[which]);
  TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, font_px) : NULL;
  if (!font) {
    draw_set_error(d, "cannot open font at %d px: %s", font_px, TTF_GetError());
    return NULL;
  }
  d->fonts[d->nfonts++] = (draw_font_entry_t){font_px, bold, font};
  return font;
}

/* Wipe a cached string (it may name the person at the screen) and free it. */
static void free_wiped(char *text)
{
  if (text)
    sodium_memzero(text, strlen(text));
  free(text);
}

/* Forget every remembered measurement, wiped. */
static void measure_clear(draw_t *d)
{
  for (size_t i = 0; d->measures && i < DRAW_MEASURE_SLOTS; i++) {
    free_wiped(d->measures[i].text);
    d->measures[i] = (draw_measure_entry_t){0};
  }
  d->nmeasures = 0;
}

/* FNV-1a of the text, mixed with size and weight. */
static uint64_t measure_hash(const char *text, int font_px, bool bold)
{
  uint64_t h = 1469598103934665603ULL;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++)
    h = (h ^ *p) * 1099511628211ULL;
  return (h ^ (uint64_t)font_px * 2654435761ULL) ^ (bold ? 0x9e3779b97f4a7c15ULL : 0);
}

/* TTF_SizeUTF8 at (px, bold), uncached. */
static bool measure_now(draw_t *d, const char *utf8, int font_px, bool bold, int *width_px,
                        int *height_px)
{
  TTF_Font *font = draw_font(d, font_px, bold);
  if (!font)
    return false;
  if (!*utf8) {
    *width_px = 0;
    *height_px = TTF_FontHeight(font);
    return true;
  }
  return TTF_SizeUTF8(font, utf8, width_px, height_px) == 0;
}

/* Measurer callback: remembered, else TTF_SizeUTF8 at (px, bold). */
static bool draw_measure(void *ctx, const char *utf8, int font_px, bool bold, int *width_px,
                         int *height_px)
{
  draw_t *d = ctx;
  if (!d->measures && !(d->measures = calloc(DRAW_MEASURE_SLOTS, sizeof *d->measures)))
    return measure_now(d, utf8, font_px, bold, width_px, height_px);
  uint64_t hash = measure_hash(utf8, font_px, bold);
  size_t slot = hash % DRAW_MEASURE_SLOTS;
  for (;; slot = (slot + 1) % DRAW_MEASURE_SLOTS) {
    draw_measure_entry_t *e = &d->measures[slot];
    if (!e->text)
      break;
    if (e->hash == hash && e->font_px == font_px && e->bold == bold && !strcmp(e->text, utf8)) {
      *width_px = e->w;
      *height_px = e->h;
      return true;
    }
  }
  if (!measure_now(d, utf8, font_px, bold, width_px, height_px))
    return false;
  if (d->nmeasures >= DRAW_MEASURE_SLOTS / 2) {
    measure_clear(d);
    slot = hash % DRAW_MEASURE_SLOTS;
  }
  char *copy = strdup(utf8);
  if (copy) {
    d->measures[slot] = (draw_measure_entry_t){.hash = hash, .text = copy, .font_px = font_px,
                                               .w = *width_px, .h = *height_px, .bold = bold};
    d->nmeasures++;
  }
  return true;
}

/* The measurer for scene_text(). */
scene_measurer_t draw_measurer(draw_t *d)
{
  return (scene_measurer_t){.measure = draw_measure, .ctx = d};
}

/* A new ARGB8888 surface. */
SDL_Surface *draw_surface_new(int w, int h)
{
  return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
}

/* ---- pixels ---- */

/* Blend colour c at coverage (0..256) into the ARGB8888 pixel p. */
static inline void blend_pixel(Uint32 *p, scene_color_t c, unsigned coverage)
{
  unsigned a = c.a * coverage / 256;
  if (a >= 255) {
    *p = 0xFF000000u | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    return;
  }
  if (a == 0)
    return;
  Uint32 d = *p;
  unsigned da = d >> 24, dr = (d >> 16) & 0xFF, dg = (d >> 8) & 0xFF, db = d & 0xFF;
  unsigned inv = 255 - a;
  unsigned oa = a + da * inv / 255;
  unsigned r = (c.r * a + dr * inv + 127) / 255;
  unsigned g = (c.g * a + dg * inv + 127) / 255;
  unsigned b = (c.b * a + db * inv + 127) / 255;
  *p = (Uint32)oa << 24 | r << 16 | g << 8 | b;
}

/* Paint the horizontal span [x0, x1) (fractional edges anti-aliased) on row y. */
static void span(SDL_Surface *s, double x0, double x1, int y, scene_color_t c)
{
  if (y < 0 || y >= s->h || c.a == 0)
    return;
  if (x0 < 0)
    x0 = 0;
  if (x1 > s->w)
    x1 = s->w;
  if (x1 <= x0)
    return;
  Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
  int first = (int)floor(x0), last = (int)ceil(x1) - 1;
  /* Fully covered pixels of an opaque colour are a plain fill (the same
   * result blend_pixel gives them, without the arithmetic per pixel). */
  int inner0 = (int)ceil(x0), inner1 = (int)floor(x1);
  if (c.a == 255 && inner1 > inner0) {
    Uint32 v = 0xFF000000u | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    for (int x = first; x < inner0; x++)
      blend_pixel(&row[x], c, (unsigned)((inner0 - x0) * 256.0 + 0.5));
    for (int x = inner0; x < inner1; x++)
      row[x] = v;
    for (int x = inner1; x <= last; x++)
      blend_pixel(&row[x], c, (unsigned)((x1 - inner1) * 256.0 + 0.5));
    return;
  }
  for (int x = first; x <= last; x++) {
    double lo = x < x0 ? x0 : x, hi = x + 1 > x1 ? x1 : x + 1;
    unsigned cov = (unsigned)((hi - lo) * 256.0 + 0.5);
    blend_pixel(&row[x], c, cov);
  }
}

/* Horizontal extent at row centre cy of the rounded rect (x,y,w,h,r). */
static bool rounded_extent(double x, double y, double w, double h, double r, double cy,
                           double *left, double *right)
{
  if (w <= 0 || h <= 0 || cy < y || cy >= y + h)
    return false;
  double dx = 0;
  double dy = cy < y + r ? y + r - cy : (cy > y + h - r ? cy - (y + h - r) : 0);
  if (dy > 0)
    dx = r - sqrt(r * r - dy * dy > 0 ? r * r - dy * dy : 0);
  *left = x + dx;
  *right = x + w - dx;
  return *right > *left;
}

/* Draw a RECT op: fill, then the border ring, rounded corners anti-aliased. */
static void draw_rect(SDL_Surface *s, const scene_op_t *op)
{
  double r = op->radius_px, b = op->border_px > 0 && op->fg.a ? op->border_px : 0;
  double half = (op->w < op->h ? op->w : op->h) / 2.0;
  if (r > half)
    r = half;
  double ri = r > b ? r - b : 0;
  int y0 = op->y < 0 ? 0 : op->y, y1 = op->y + op->h > s->h ? s->h : op->y + op->h;
  for (int y = y0; y < y1; y++) {
    double cy = y + 0.5, ol, orr, il = 0, ir = 0;
    if (!rounded_extent(op->x, op->y, op->w, op->h, r, cy, &ol, &orr))
      continue;
    bool inner = b > 0 ? rounded_extent(op->x + b, op->y + b, op->w - 2 * b, op->h - 2 * b,
                                        ri, cy, &il, &ir)
                       : (il = ol, ir = orr, true);
    if (!inner) {
      span(s, ol, orr, y, op->fg.a ? op->fg : op->bg);
      continue;
    }
    span(s, il, ir, y, op->bg);
    if (b > 0) {
      span(s, ol, il, y, op->fg);
      span(s, ir, orr, y, op->fg);
    }
  }
}

/* Draw a LINE op: axis-aligned as a filled strip, else stepped squares. */
static void draw_line(SDL_Surface *s, const scene_op_t *op)
{
  int wpx = op->border_px > 0 ? op->border_px : 1;
  int x0 = op->x, y0 = op->y;
  int sx, sy, sw, sh;
  if (scene_line_strip(op, &sx, &sy, &sw, &sh)) {
    for (int y = sy; y < sy + sh; y++)
      span(s, sx, sx + sw, y, op->fg);
    return;
  }
  int steps = abs(op->w) > abs(op->h) ? abs(op->w) : abs(op->h);
  for (int i = 0; i <= steps; i++) {
    double cx = x0 + (double)op->w * i / steps, cy = y0 + (double)op->h * i / steps;
    for (int y = (int)(cy - wpx / 2.0); y < (int)(cy - wpx / 2.0) + wpx; y++)
      span(s, cx - wpx / 2.0, cx + wpx / 2.0, y, op->fg);
  }
}

/* Draw a QR op: encode at the planned level, modules centred in the box. */
static bool draw_qr(draw_t *d, SDL_Surface *s, const scene_op_t *op)
{
  vcard_qr_plan_t plan;
  QRcode *qr = NULL;
  bool ok = false;
  if (!(qr = vcard_qr_encode(op->text, op->w, &plan))) {
    draw_set_error(d, "QR: payload of %zu bytes cannot be encoded", strlen(op->text));
    goto done;
  }
  if (plan.module_px < 1) {
    draw_set_error(d, "QR: a %d-module code does not fit a %d px box", plan.modules, op->w);
    goto done;
  }
  int m = plan.module_px, side = (qr->width + 2 * VCARD_QR_QUIET_MODULES) * m;
  int ox = op->x + (op->w - side) / 2, oy = op->y + (op->h - side) / 2;
  int qx = ox + VCARD_QR_QUIET_MODULES * m, qy = oy + VCARD_QR_QUIET_MODULES * m;
  for (int y = oy; y < oy + side; y++)
    span(s, ox, ox + side, y, op->bg);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++) {
      if (!(qr->data[row * qr->width + col] & 1))
        continue;
      for (int y = qy + row * m; y < qy + (row + 1) * m; y++)
        span(s, qx + col * m, qx + (col + 1) * m, y, op->fg);
    }
  ok = true;
done:
  QRcode_free(qr);
  return ok;
}

/* Draw a TEXT op: one blended line at (x, y). */
/* Wipe a rendered line's pixels (they show the text) and free it. */
static void surface_free_wiped(SDL_Surface *line)
{
  if (line && line->pixels)
    sodium_memzero(line->pixels, (size_t)line->pitch * (size_t)line->h);
  SDL_FreeSurface(line);
}

/* Empty cache slot e, wiped, returning its pixels to the budget. */
static void text_entry_clear(draw_t *d, draw_text_entry_t *e)
{
  if (e->surface)
    d->text_bytes -= (size_t)e->surface->pitch * (size_t)e->surface->h;
  free_wiped(e->text);
  surface_free_wiped(e->surface);
  memset(e, 0, sizeof *e);
}

void draw_forget(draw_t *d)
{
  for (size_t i = 0; i < DRAW_TEXT_CACHE; i++)
    text_entry_clear(d, &d->texts[i]);
  measure_clear(d);
  d->drew_personal = false;
}

bool draw_caches_hold(const draw_t *d, const char *needle)
{
  for (size_t i = 0; i < DRAW_TEXT_CACHE; i++)
    if (d->texts[i].text && strstr(d->texts[i].text, needle))
      return true;
  for (size_t i = 0; d->measures && i < DRAW_MEASURE_SLOTS; i++)
    if (d->measures[i].text && strstr(d->measures[i].text, needle))
      return true;
  return false;
}

/* The rendered line for op, from the cache or rendered now and cached
 * (least recently drawn lines make room). NULL with the error set. */
static SDL_Surface *text_surface(draw_t *d, TTF_Font *font, const scene_op_t *op)
{
  draw_text_entry_t *slot = &d->texts[0];
  for (size_t i = 0; i < DRAW_TEXT_CACHE; i++) {
    draw_text_entry_t *e = &d->texts[i];
    if (e->text && e->font_px == op->font_px && e->bold == op->bold && !memcmp(&e->color, &op->fg, sizeof e->color) &&
        !strcmp(e->text, op->text)) {
      e->used = d->clock;
      return e->surface;
    }
    if (e->used < slot->used || (!e->text && slot->text))
      slot = e;
  }
  SDL_Color c = {op->fg.r, op->fg.g, op->fg.b, op->fg.a};
  SDL_Surface *line = TTF_RenderUTF8_Blended(font, op->text, c);
  if (!line) {
    draw_set_error(d, "cannot render text: %s", TTF_GetError());
    return NULL;
  }
  size_t bytes = (size_t)line->pitch * (size_t)line->h;
  text_entry_clear(d, slot);
  for (size_t i = 0; d->text_bytes + bytes > DRAW_TEXT_CACHE_BYTES && i < DRAW_TEXT_CACHE; i++)
    if (d->texts[i].used < d->clock)
      text_entry_clear(d, &d->texts[i]);
  slot->text = strdup(op->text);
  if (!slot->text || d->text_bytes + bytes > DRAW_TEXT_CACHE_BYTES) {
    /* Too big to keep: draw_text frees it after drawing. */
    free_wiped(slot->text);
    slot->text = NULL;
    return line;
  }
  slot->font_px = op->font_px;
  slot->bold = op->bold;
  slot->color = op->fg;
  slot->surface = line;
  slot->used = d->clock;
  d->text_bytes += bytes;
  return line;
}

/* Draw a TEXT op: one line, its top-left at (x, y). */
static bool draw_text(draw_t *d, SDL_Surface *s, const scene_op_t *op)
{
  TTF_Font *font = draw_font(d, op->font_px, op->bold);
  if (!font)
    return false;
  if (!op->text || !*op->text)
    return true;
  SDL_Surface *line = text_surface(d, font, op);
  if (!line)
    return false;
  bool cached = false;
  for (size_t i = 0; i < DRAW_TEXT_CACHE && !cached; i++)
    cached = d->texts[i].surface == line;
  /* Blend the glyph coverage ourselves: SDL's blit can leave the page's
   * alpha at 254 on glyph edges, and a page must stay opaque. */
  scene_color_t opaque = {op->fg.r, op->fg.g, op->fg.b, 255}; /* fg.a is in the coverage */
  bool locked = SDL_MUSTLOCK(line) && SDL_LockSurface(line) == 0;
  for (int y = 0; y < line->h; y++) {
    int dy = op->y + y;
    if (dy < 0 || dy >= s->h)
      continue;
    const Uint32 *src = (const Uint32 *)((const Uint8 *)line->pixels + (size_t)y * line->pitch);
    Uint32 *dst = (Uint32 *)((Uint8 *)s->pixels + (size_t)dy * s->pitch);
    for (int x = 0; x < line->w; x++) {
      int dx = op->x + x;
      unsigned cov = src[x] >> 24;
      if (cov && dx >= 0 && dx < s->w)
        blend_pixel(&dst[dx], opaque, cov + (cov >> 7));
    }
  }
  if (locked)
    SDL_UnlockSurface(line);
  if (!cached)
    surface_free_wiped(line);
  return true;
}

/* The icon surface for name from the icon directory, cached; NULL if none. */
static SDL_Surface *draw_icon(draw_t *d, const char *name)
{
  char path[2048];
  if (!d->icon_dir || !*name || strchr(name, '/') || name[0] == '.')
    return NULL;
  for (size_t i = 0; i < d->nicons; i++)
    if (!strcmp(d->icons[i].name, name))
      return d->icons[i].surface;
  if (d->nicons == d->cap_icons) {
    size_t cap = d->cap_icons ? d->cap_icons * 2 : 8;
    draw_icon_t *list = realloc(d->icons, cap * sizeof *list);
    if (!list)
      return NULL;
    d->icons = list;
    d->cap_icons = cap;
  }
  char *copy = strdup(name);
  if (!copy)
    return NULL;
  snprintf(path, sizeof path, "%s/%s.png", d->icon_dir, name);
  SDL_Surface *loaded = IMG_Load(path), *argb = NULL;
  if (loaded) {
    argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    if (argb)
      SDL_SetSurfaceBlendMode(argb, SDL_BLENDMODE_BLEND);
  }
  d->icons[d->nicons++] = (draw_icon_t){copy, argb};
  return argb;
}

/* Draw an IMAGE op scaled into its box; a missing icon draws nothing. */
static void draw_image(draw_t *d, SDL_Surface *s, const scene_op_t *op)
{
  SDL_Surface *icon = draw_icon(d, op->text ? op->text : "");
  if (!icon || op->w <= 0 || op->h <= 0)
    return;
  SDL_Rect at = {op->x, op->y, op->w, op->h};
  SDL_BlitScaled(icon, NULL, s, &at);
}

/* Draw every op of sc onto dst. */
bool draw_scene(draw_t *d, const scene_t *sc, SDL_Surface *dst)
{
  bool ok = true;
  if (!dst || dst->format->format != SDL_PIXELFORMAT_ARGB8888) {
    draw_set_error(d, "draw_scene needs an ARGB8888 surface");
    return false;
  }
  d->clock++;
  /* The first scene without the person after one with them: the journey
   * has ended, so the texts and pixels kept for it go too. */
  if (d->drew_personal && !scene_personal(sc))
    draw_forget(d);
  d->drew_personal = d->drew_personal || scene_personal(sc);
  scene_color_t bg = scene_background(sc);
  SDL_FillRect(dst, NULL, SDL_MapRGBA(dst->format, bg.r, bg.g, bg.b, bg.a));
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    bool locked = op->kind != SCENE_OP_IMAGE;
    if (locked && SDL_MUSTLOCK(dst) && SDL_LockSurface(dst) != 0) {
      draw_set_error(d, "cannot lock surface: %s", SDL_GetError());
      return false;
    }
    switch (op->kind) {
    case SCENE_OP_RECT:
      draw_rect(dst, op);
      break;
    case SCENE_OP_LINE:
      draw_line(dst, op);
      break;
    case SCENE_OP_QR:
      ok = draw_qr(d, dst, op) && ok;
      break;
    case SCENE_OP_TEXT:
      ok = draw_text(d, dst, op) && ok;
      break;
    case SCENE_OP_IMAGE:
      draw_image(d, dst, op);
      break;
    }
    if (locked && SDL_MUSTLOCK(dst))
      SDL_UnlockSurface(dst);
  }
  return ok;
}
