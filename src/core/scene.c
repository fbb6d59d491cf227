/*
 * Scenes as data: an append-only list of draw ops in pixels, plus the text
 * fitting that every screen and printed layout uses (shrink, then wrap, and
 * record an overflow rather than clip). Pure C: it never draws and never
 * loads a font; widths come from the measurer the caller passes in. Strings
 * are copied per op so callers may pass stack buffers.
 *
 * Line breaking follows Unicode's line breaking algorithm (UAX #14, from
 * libunibreak: after spaces, the space dropped at the break; after hyphens,
 * the hyphen kept), with two rules of our own for people reading in a
 * hurry: a phone number never breaks between its groups of digits
 * ("029 2018 0999"), and a short last word ("999.") never stands alone on
 * the last line. A word or number wider than the box is never broken: the
 * text shrinks (down to SCENE_SHRINK_FLOOR_PERCENT of its minimum size)
 * until every word fits; only when even that fails is a word broken between
 * grapheme clusters (utf8proc: a Welsh "ŵ" with a combining accent stays
 * whole), and that is recorded as an overflow.
 */
#include "core/scene.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <linebreak.h>
#include <sodium.h>
#include <utf8proc.h>

struct scene {
  int width, height;
  scene_color_t background;
  scene_op_t *ops;
  size_t nops, cap_ops;
  char **overflows;
  size_t noverflows, cap_overflows;
  size_t nbroken;      /* of them, words broken to fit (all the text is there) */
  scene_say_t *says;
  size_t nsays, cap_says;
  bool failed;
  bool personal;           /* shows data about the person at the screen */
};

/* Wipe a string (it may name the person at the screen) and free it. */
static void free_wiped(char *text)
{
  if (text)
    sodium_memzero(text, strlen(text));
  free(text);
}

/* A new empty scene of width x height pixels. */
scene_t *scene_new(int width, int height, scene_color_t background)
{
  scene_t *sc = calloc(1, sizeof *sc);
  if (!sc)
    return NULL;
  sc->width = width;
  sc->height = height;
  sc->background = background;
  return sc;
}

/* Free a scene, its op strings and its overflow notes, wiped; NULL is fine. */
void scene_free(scene_t *sc)
{
  if (!sc)
    return;
  for (size_t i = 0; i < sc->nops; i++)
    free_wiped((char *)sc->ops[i].text);
  for (size_t i = 0; i < sc->noverflows; i++)
    free_wiped(sc->overflows[i]);
  for (size_t i = 0; i < sc->nsays; i++)
    free_wiped((char *)sc->says[i].words); /* spoken sentences may name the person */
  free(sc->ops);
  free(sc->overflows);
  free(sc->says);
  free(sc);
}

void scene_set_personal(scene_t *sc, bool personal) { sc->personal = personal; }

bool scene_personal(const scene_t *sc) { return sc->personal; }

/* Scene width in pixels. */
int scene_width(const scene_t *sc) { return sc->width; }

/* Scene height in pixels. */
int scene_height(const scene_t *sc) { return sc->height; }

/* Background colour. */
scene_color_t scene_background(const scene_t *sc) { return sc->background; }

/* Number of ops. */
size_t scene_count(const scene_t *sc) { return sc->nops; }

/* The i-th op, or NULL past the end. */
const scene_op_t *scene_op(const scene_t *sc, size_t i)
{
  return i < sc->nops ? &sc->ops[i] : NULL;
}

/* True once any append failed for lack of memory. */
bool scene_failed(const scene_t *sc) { return sc->failed; }

/* Append a copy of op (and of text, when given). */
static bool scene_push(scene_t *sc, const scene_op_t *op, const char *text, size_t text_len)
{
  char *copy = NULL;
  if (sc->nops == sc->cap_ops) {
    size_t cap = sc->cap_ops ? sc->cap_ops * 2 : 32;
    scene_op_t *ops = realloc(sc->ops, cap * sizeof *ops);
    if (!ops)
      goto fail;
    sc->ops = ops;
    sc->cap_ops = cap;
  }
  if (text) {
    copy = malloc(text_len + 1);
    if (!copy)
      goto fail;
    memcpy(copy, text, text_len);
    copy[text_len] = '\0';
  }
  sc->ops[sc->nops] = *op;
  sc->ops[sc->nops].text = copy;
  sc->nops++;
  return true;
fail:
  sc->failed = true;
  return false;
}

/* Append a filled rectangle with optional border, radius and tap target. */
bool scene_rect(scene_t *sc, int x, int y, int w, int h, scene_color_t fill,
                scene_color_t border, int border_px, int radius_px, int target)
{
  scene_op_t op = {.kind = SCENE_OP_RECT, .x = x, .y = y, .w = w, .h = h, .fg = border,
                   .bg = fill, .border_px = border_px, .radius_px = radius_px,
                   .target = target};
  return scene_push(sc, &op, NULL, 0);
}

/* Append a straight line from (x0,y0) to (x1,y1). */
bool scene_line(scene_t *sc, int x0, int y0, int x1, int y1, scene_color_t color, int width_px)
{
  scene_op_t op = {.kind = SCENE_OP_LINE, .x = x0, .y = y0, .w = x1 - x0, .h = y1 - y0,
                   .fg = color, .border_px = width_px};
  return scene_push(sc, &op, NULL, 0);
}

/* Append a QR code of payload in a size_px square. */
bool scene_qr(scene_t *sc, int x, int y, int size_px, const char *payload,
              scene_color_t dark, scene_color_t light)
{
  scene_op_t op = {.kind = SCENE_OP_QR, .x = x, .y = y, .w = size_px, .h = size_px,
                   .fg = dark, .bg = light};
  return scene_push(sc, &op, payload ? payload : "", strlen(payload ? payload : ""));
}

/* Append an image asset by name. */
bool scene_image(scene_t *sc, int x, int y, int w, int h, const char *name)
{
  scene_op_t op = {.kind = SCENE_OP_IMAGE, .x = x, .y = y, .w = w, .h = h};
  return scene_push(sc, &op, name ? name : "", strlen(name ? name : ""));
}

/* Record an overflow note (printf-style). */
__attribute__((format(printf, 2, 3)))
static void scene_note_overflow(scene_t *sc, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (sc->noverflows == sc->cap_overflows) {
    size_t cap = sc->cap_overflows ? sc->cap_overflows * 2 : 4;
    char **list = realloc(sc->overflows, cap * sizeof *list);
    if (!list) {
      sc->failed = true;
      return;
    }
    sc->overflows = list;
    sc->cap_overflows = cap;
  }
  char *copy = strdup(buf);
  if (!copy) {
    sc->failed = true;
    return;
  }
  sc->overflows[sc->noverflows++] = copy;
}

/* Number of overflows recorded. */
size_t scene_overflow_count(const scene_t *sc) { return sc->noverflows; }

/* Overflows that are only a word broken to fit. */
size_t scene_overflow_broken_count(const scene_t *sc) { return sc->nbroken; }

/* The i-th overflow description, or NULL past the end. */
const char *scene_overflow(const scene_t *sc, size_t i)
{
  return i < sc->noverflows ? sc->overflows[i] : NULL;
}

bool scene_line_strip(const scene_op_t *op, int *x, int *y, int *w, int *h)
{
  if (op->h != 0 && op->w != 0)
    return false;
  int wpx = op->border_px > 0 ? op->border_px : 1;
  int x0 = op->x, y0 = op->y, x1 = op->x + op->w, y1 = op->y + op->h;
  int left = x0 < x1 ? x0 : x1, right = x0 < x1 ? x1 : x0;
  int top = y0 < y1 ? y0 : y1, bottom = y0 < y1 ? y1 : y0;
  if (op->h == 0) {
    top -= wpx / 2;
    bottom = top + wpx;
  } else {
    left -= wpx / 2;
    right = left + wpx;
  }
  *x = left;
  *y = top;
  *w = right - left;
  *h = bottom - top;
  return true;
}

/* The tap target under (x, y): the topmost RECT carrying one. */
int scene_target_at(const scene_t *sc, int x, int y)
{
  for (size_t i = sc->nops; i-- > 0;) {
    const scene_op_t *op = &sc->ops[i];
    if (op->kind == SCENE_OP_RECT && op->target && x >= op->x && x < op->x + op->w &&
        y >= op->y && y < op->y + op->h)
      return op->target;
  }
  return 0;
}

/* ---- text fitting ---- */

/* Working state while fitting one text: a scratch buffer for measuring. */
typedef struct {
  const scene_measurer_t *m;
  bool bold;
  char *buf;
  size_t cap;
  size_t *cand;     /* break opportunities of the current paragraph */
  size_t ncand, cand_cap;
  char *brks;       /* libunibreak's verdict per byte of the paragraph */
  size_t brks_cap;
  bool broke_word;  /* a word had to be broken: an overflow */
} fit_t;

/* The last word of a paragraph this short (bytes) never stands alone. */
enum { FIT_ORPHAN_MAX = 5 };

static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

/* libunibreak's tables, once per process. */
static void linebreak_init(void) { init_linebreak(); }

/* True for an ASCII digit. */
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The break opportunities of paragraph text[0..n) as the line ends they
 * allow (trailing spaces excluded), in order, n last; false when memory
 * runs out. */
static bool fit_find_breaks(fit_t *f, const char *text, size_t n)
{
  f->ncand = 0;
  if (n + 1 > f->brks_cap) {
    char *b = realloc(f->brks, n + 1);
    if (!b)
      return false;
    f->brks = b;
    f->brks_cap = n + 1;
  }
  pthread_once(&linebreak_once, linebreak_init);
  set_linebreaks_utf8((const utf8_t *)text, n, NULL, f->brks);
  for (size_t i = 1; i <= n; i++) {
    bool allowed = i == n || f->brks[i - 1] == LINEBREAK_ALLOWBREAK;
    if (!allowed)
      continue;
    size_t end = i, next = i;
    while (end > 0 && text[end - 1] == ' ')
      end--;
    if (end == 0)
      continue;
    /* A phone number's groups of digits stay on one line. */
    if (i < n && is_digit(text[end - 1]) && next < n && is_digit(text[next]))
      continue;
    if (f->ncand == f->cand_cap) {
      size_t cap = f->cand_cap ? f->cand_cap * 2 : 64;
      size_t *c = realloc(f->cand, cap * sizeof *c);
      if (!c)
        return false;
      f->cand = c;
      f->cand_cap = cap;
    }
    if (f->ncand && f->cand[f->ncand - 1] == end)
      continue;
    f->cand[f->ncand++] = end;
  }
  /* No orphan: the break before a short last word goes. */
  if (f->ncand >= 3) {
    size_t before = f->cand[f->ncand - 2], start = before;
    while (start < n && text[start] == ' ')
      start++;
    if (n - start <= FIT_ORPHAN_MAX) {
      f->cand[f->ncand - 2] = f->cand[f->ncand - 1];
      f->ncand--;
    }
  }
  return true;
}

/* Measure text[0..len) at font_px; false when the measurer refuses. */
static bool fit_measure(fit_t *f, const char *text, size_t len, int font_px, int *w, int *h)
{
  if (len + 1 > f->cap) {
    char *b = realloc(f->buf, len + 1);
    if (!b)
      return false;
    f->buf = b;
    f->cap = len + 1;
  }
  memcpy(f->buf, text, len);
  f->buf[len] = '\0';
  *w = 0;
  *h = 0;
  return f->m->measure(f->m->ctx, f->buf, font_px, f->bold, w, h);
}

/* Byte length of the grapheme cluster starting at s (at least 1 byte). */
static size_t grapheme_len(const char *s, size_t avail)
{
  utf8proc_int32_t cp = 0, prev = 0, state = 0;
  size_t pos = 0;
  while (pos < avail) {
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                          (utf8proc_ssize_t)(avail - pos), &cp);
    if (n <= 0)
      return pos ? pos : 1;
    if (pos > 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
      break;
    prev = cp;
    pos += (size_t)n;
  }
  return pos ? pos : 1;
}

/* One wrapped line: bytes [start, start+len) of the text. */
typedef struct {
  size_t start, len;
  int width;
} fit_line_t;

/* Longest prefix of s[0..n) that fits width w breaking between graphemes
 * (at least one grapheme). */
static bool fit_break_word(fit_t *f, const char *s, size_t n, int w, int px, fit_line_t *out)
{
  size_t best = grapheme_len(s, n);
  int bw = 0, bh = 0;
  if (!fit_measure(f, s, best, px, &bw, &bh))
    return false;
  size_t pos = best;
  while (pos < n) {
    size_t next = pos + grapheme_len(s + pos, n - pos);
    int tw = 0, th = 0;
    if (!fit_measure(f, s, next, px, &tw, &th))
      return false;
    if (tw > w)
      break;
    best = next;
    bw = tw;
    pos = next;
  }
  out->len = best;
  out->width = bw;
  return true;
}

/* The longest prefix of text[pos..n) ending at one of the paragraph's
 * break opportunities (fit_find_breaks) that fits width w: binary search,
 * as a prefix only gets wider as it grows. *len is 0 when even the first
 * word does not fit. */
static bool fit_longest_prefix(fit_t *f, const char *text, size_t pos, int w, int px, size_t *len,
                               int *width)
{
  *len = 0;
  *width = 0;
  size_t lo = 0, hi = f->ncand;
  while (lo < hi && f->cand[lo] <= pos) /* the opportunities past pos */
    lo++;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int tw = 0, th = 0;
    if (!fit_measure(f, text + pos, f->cand[mid] - pos, px, &tw, &th))
      return false;
    if (tw <= w) {
      *len = f->cand[mid] - pos;
      *width = tw;
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return true;
}

/* The width of the widest piece of text at px that must stay on one line
 * (a word, a phone number); false when the measurer refuses. */
static bool fit_widest_piece(fit_t *f, const char *text, int px, int *widest)
{
  *widest = 0;
  size_t base = 0;
  for (;;) {
    const char *nl = strchr(text + base, '\n');
    size_t n = nl ? (size_t)(nl - (text + base)) : strlen(text + base);
    if (!fit_find_breaks(f, text + base, n))
      return false;
    size_t start = 0;
    for (size_t k = 0; k < f->ncand; k++) {
      while (start < n && text[base + start] == ' ')
        start++;
      if (f->cand[k] > start) {
        int tw = 0, th = 0;
        if (!fit_measure(f, text + base + start, f->cand[k] - start, px, &tw, &th))
          return false;
        if (tw > *widest)
          *widest = tw;
      }
      start = f->cand[k];
    }
    if (!nl)
      return true;
    base += n + 1;
  }
}

/* Wrap the paragraph text[0..n) (no newlines) into lines of width w at px.
 * Appends to lines (capacity *cap, count *count). */
static bool fit_wrap_paragraph(fit_t *f, const char *text, size_t base, size_t n, int w, int px,
                               fit_line_t **lines, size_t *count, size_t *cap)
{
  size_t pos = 0;
  if (!fit_find_breaks(f, text, n))
    return false;
  do {
    while (pos < n && text[pos] == ' ')
      pos++;
    fit_line_t line = {.start = base + pos, .len = 0, .width = 0};
    size_t best = 0;
    int best_w = 0;
    if (pos < n && !fit_longest_prefix(f, text, pos, w, px, &best, &best_w))
      return false;
    if (best == 0 && pos < n) {
      size_t word_end = pos;
      while (word_end < n && text[word_end] != ' ')
        word_end++;
      if (!fit_break_word(f, text + pos, word_end - pos, w, px, &line))
        return false;
      f->broke_word = true;
    } else {
      line.len = best;
      line.width = best_w;
    }
    while (line.len > 0 && text[line.start - base + line.len - 1] == ' ')
      line.len--;
    if (*count == *cap) {
      size_t ncap = *cap ? *cap * 2 : 8;
      fit_line_t *nl = realloc(*lines, ncap * sizeof *nl);
      if (!nl)
        return false;
      *lines = nl;
      *cap = ncap;
    }
    (*lines)[(*count)++] = line;
    pos += line.len ? line.len : 1;
    while (pos < n && text[pos] == ' ')
      pos++;
  } while (pos < n);
  return true;
}

/* The widest single-line width of every paragraph of text at px, and the
 * number of paragraphs; false when the measurer refuses. */
static bool fit_one_line(fit_t *f, const char *text, int px, int *max_w, int *line_h, int *paras)
{
  *max_w = 0;
  *paras = 0;
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    int tw = 0, th = 0;
    if (!fit_measure(f, p, len, px, &tw, &th))
      return false;
    if (tw > *max_w)
      *max_w = tw;
    *line_h = th;
    (*paras)++;
    if (!nl)
      return true;
    p = nl + 1;
  }
}

/* The font size at which every paragraph fits on one line within w and the
 * lines fit h, from font_px down to min_px; 0 when none does. */
static int fit_choose_size(fit_t *f, const char *text, int w, int h, int font_px, int min_px,
                           bool *measure_failed)
{
  int px = font_px, failed_px = font_px + 1;
  while (px >= min_px) {
    int mw = 0, lh = 0, paras = 0;
    if (!fit_one_line(f, text, px, &mw, &lh, &paras)) {
      *measure_failed = true;
      return 0;
    }
    if (mw <= w && lh * paras <= h) {
      /* A jump may undershoot: climb back while the next size still fits. */
      while (px + 1 < failed_px) {
        if (!fit_one_line(f, text, px + 1, &mw, &lh, &paras)) {
          *measure_failed = true;
          return 0;
        }
        if (mw > w || lh * paras > h)
          break;
        px++;
      }
      return px;
    }
    failed_px = px;
    /* Jump close to the size where width would fit, then step down. */
    int guess = mw > w ? (int)((long)px * w / (mw ? mw : 1)) : px - 1;
    if (guess >= px)
      guess = px - 1;
    if (guess < min_px && px > min_px)
      guess = min_px;
    px = guess;
    if (px < min_px)
      break;
  }
  return 0;
}

/* Cut line to what fits in w at px, for a no-wrap text that overflows. */
static bool fit_truncate(fit_t *f, const char *text, int w, int px, fit_line_t *line)
{
  fit_line_t cut = *line;
  if (!fit_break_word(f, text + line->start, line->len, w, px, &cut))
    return false;
  cut.start = line->start;
  *line = cut;
  return true;
}

/* Append the TEXT ops for lines, aligned in the box; returns height used. */
static int fit_emit(scene_t *sc, const char *text, const fit_line_t *lines, size_t count,
                    int x, int y, int w, int h, int px, int line_h,
                    const scene_text_style_t *st)
{
  int total = (int)count * line_h;
  int top = y;
  if (total < h) {
    if (st->valign == SCENE_ALIGN_CENTER)
      top = y + (h - total) / 2;
    else if (st->valign == SCENE_ALIGN_END)
      top = y + h - total;
  }
  for (size_t i = 0; i < count; i++) {
    int lx = x;
    int lw = lines[i].width > w ? w : lines[i].width;
    if (st->align == SCENE_ALIGN_CENTER)
      lx = x + (w - lw) / 2;
    else if (st->align == SCENE_ALIGN_END)
      lx = x + w - lw;
    scene_op_t op = {.kind = SCENE_OP_TEXT, .x = lx, .y = top + (int)i * line_h,
                     .w = lines[i].width, .h = line_h, .fg = st->color, .font_px = px,
                     .bold = st->bold};
    if (st->label)
      snprintf(op.label, sizeof op.label, "%s", st->label);
    if (lines[i].len == 0)
      continue;
    scene_push(sc, &op, text + lines[i].start, lines[i].len);
  }
  return total;
}

/* Split text on newlines and wrap each paragraph at px into lines. */
static bool fit_wrap_all(fit_t *f, const char *text, int w, int px, fit_line_t **lines,
                         size_t *count, size_t *cap)
{
  size_t base = 0;
  for (;;) {
    const char *nl = strchr(text + base, '\n');
    size_t len = nl ? (size_t)(nl - (text + base)) : strlen(text + base);
    if (!fit_wrap_paragraph(f, text + base, base, len, w, px, lines, count, cap))
      return false;
    if (!nl)
      return true;
    base += len + 1;
  }
}

/* Lay out text in a box: shrink to fit one line, else wrap at the minimum. */
int scene_text(scene_t *sc, const scene_measurer_t *m, int x, int y, int w, int h,
               const char *utf8, const scene_text_style_t *style)
{
  fit_t f = {.m = m, .bold = style->bold};
  fit_line_t *lines = NULL;
  size_t count = 0, cap = 0;
  int used = 0, line_h = 0, max_w = 0, paras = 0;
  bool measure_failed = false;
  const char *label = style->label ? style->label : "text";
  int min_px = style->min_font_px > 0 && style->min_font_px <= style->font_px
                   ? style->min_font_px : style->font_px;

  if (!utf8 || !*utf8 || w <= 0)
    goto done;
  int px = fit_choose_size(&f, utf8, w, h, style->font_px, min_px, &measure_failed);
  if (measure_failed)
    goto measure_error;
  if (px == 0)
    px = min_px;
  if (!fit_one_line(&f, utf8, px, &max_w, &line_h, &paras))
    goto measure_error;
  bool ok = true;
  if (max_w <= w && line_h * paras <= h) {
    ok = fit_wrap_all(&f, utf8, 1 << 30, px, &lines, &count, &cap);
  } else if (style->wrap) {
    /* Words and numbers stay whole: shrink until the widest fits. */
    int floor_px = style->shrink_floor_px > 0 && style->shrink_floor_px <= min_px
                       ? style->shrink_floor_px
                       : min_px * SCENE_SHRINK_FLOOR_PERCENT / 100;
    int widest = 0;
    if (floor_px < 1)
      floor_px = 1;
    while ((ok = fit_widest_piece(&f, utf8, px, &widest)) && widest > w && px > floor_px)
      px--;
    ok = ok && fit_one_line(&f, utf8, px, &max_w, &line_h, &paras) &&
         fit_wrap_all(&f, utf8, w, px, &lines, &count, &cap);
  } else {
    ok = fit_wrap_all(&f, utf8, 1 << 30, px, &lines, &count, &cap);
    for (size_t i = 0; ok && i < count; i++)
      if (lines[i].width > w)
        ok = fit_truncate(&f, utf8, w, px, &lines[i]);
  }
  if (!ok)
    goto measure_error;
  int need_w = 0;
  for (size_t i = 0; i < count; i++)
    if (lines[i].width > need_w)
      need_w = lines[i].width;
  if (!style->wrap && max_w > need_w)
    need_w = max_w;
  int need_h = (int)count * line_h;
  if (need_w > w || need_h > h)
    scene_note_overflow(sc, "%s: needs %dx%d px in a box of %dx%d", label, need_w, need_h, w, h);
  else if (f.broke_word)
  {
    scene_note_overflow(sc, "%s: a word is wider than the box of %d px even at %d px", label, w, px);
    sc->nbroken++;
  }
  used = fit_emit(sc, utf8, lines, count, x, y, w, h, px, line_h, style);
  goto done;

measure_error:
  scene_note_overflow(sc, "%s: cannot measure text at %d px", label, style->font_px);
done:
  if (f.buf) /* the text may name the person at the screen */
    sodium_memzero(f.buf, f.cap);
  free(f.buf);
  free(f.cand);
  free(f.brks);
  free(lines);
  return used;
}

/* Append one spoken sentence. */
bool scene_say(scene_t *sc, lang_t lang, const char *words, unsigned flags)
{
  if (!words || !words[0])
    return true;
  if (sc->nsays == sc->cap_says) {
    size_t cap = sc->cap_says ? sc->cap_says * 2 : 16;
    scene_say_t *says = realloc(sc->says, cap * sizeof *says);
    if (!says) {
      sc->failed = true;
      return false;
    }
    sc->says = says;
    sc->cap_says = cap;
  }
  char *copy = strdup(words);
  if (!copy) {
    sc->failed = true;
    return false;
  }
  sc->says[sc->nsays++] = (scene_say_t){.lang = lang, .flags = flags, .words = copy};
  return true;
}

/* Number of spoken sentences. */
size_t scene_say_count(const scene_t *sc) { return sc->nsays; }

/* The i-th spoken sentence, or NULL past the end. */
const scene_say_t *scene_say_item(const scene_t *sc, size_t i)
{
  return i < sc->nsays ? &sc->says[i] : NULL;
}
