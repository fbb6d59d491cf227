/*
 * A scene: what to draw, as data. Screens (src/ui) and the card and leaflet
 * layouts produce scenes; one renderer (src/platform/draw.c) draws a scene
 * into a pixel surface for the window, a PNG, or a printer raster. So what
 * you see on the screen is what you print, and every layout can be tested
 * without a display.
 *
 * Coordinates are integer pixels, origin top left. Text is laid out here, in
 * the pure layer, with a measuring function supplied by the platform
 * (microui-style), so a layout knows before drawing whether its text fits:
 * scene_text() shrinks text down to a minimum size, then wraps it, and
 * records an overflow when even that does not fit its box. Nothing is ever
 * silently clipped.
 *
 * A scene also says what the read-aloud speaks (scene_say): sentences in
 * words, in reading order (heading, question, the key facts, then the
 * buttons' words), each in its language and marked when it names the person
 * at the screen. Screens declare these with what they draw; nothing is ever
 * read back from pixels or draw ops.
 */
#ifndef ALLWEDD_SCENE_H
#define ALLWEDD_SCENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"

typedef struct { uint8_t r, g, b, a; } scene_color_t;

typedef enum { SCENE_ALIGN_START = 0, SCENE_ALIGN_CENTER, SCENE_ALIGN_END } scene_align_t;

/* Measure one line of UTF-8 text at a font size in pixels: its advance width
 * and line height. Returns false when the font cannot render it. */
typedef bool (*scene_measure_fn)(void *ctx, const char *utf8, int font_px, bool bold,
                                 int *width_px, int *height_px);

typedef struct {
  scene_measure_fn measure;
  void *ctx;
} scene_measurer_t;

typedef enum {
  SCENE_OP_RECT,  /* filled rectangle, optional border and corner radius */
  SCENE_OP_TEXT,  /* already wrapped lines of text, one op per line */
  SCENE_OP_QR,    /* a QR code of payload, drawn in a square box */
  SCENE_OP_IMAGE, /* an image asset by name (assets/icons/NAME.png) */
  SCENE_OP_LINE,  /* a straight line (cut marks, rules) */
} scene_op_kind_t;

typedef struct {
  scene_op_kind_t kind;
  int x, y, w, h;          /* pixels; for LINE, (x,y) to (x+w, y+h) */
  scene_color_t fg;        /* text, border, line, QR dark modules */
  scene_color_t bg;        /* rect fill, QR light modules; a == 0: none */
  int border_px;           /* RECT border width, LINE width */
  int radius_px;           /* RECT corner radius */
  int font_px;             /* TEXT */
  bool bold;               /* TEXT */
  const char *text;        /* TEXT line, QR payload, IMAGE name; owned by the scene */
  int target;              /* tap target id (0: none); RECT ops carry it */
  char label[32];          /* TEXT: its style's label ("kw.phone"), cut to fit; "" when none */
} scene_op_t;

typedef struct scene scene_t;

/* A new empty scene of width x height pixels filled with background. NULL on
 * allocation failure. */
scene_t *scene_new(int width, int height, scene_color_t background);
/* Free a scene; its strings are wiped first (they may name the person at
 * the screen). NULL is fine. */
void scene_free(scene_t *sc);

/* Whether the scene shows data about the person at the screen (name, date
 * of birth, their key worker...). The renderer forgets every cached text
 * when it first draws a scene that does not, after one that did: the end of
 * a journey wipes the renderer too (draw.h). Default false. */
void scene_set_personal(scene_t *sc, bool personal);
bool scene_personal(const scene_t *sc);

int scene_width(const scene_t *sc);
int scene_height(const scene_t *sc);
scene_color_t scene_background(const scene_t *sc);
size_t scene_count(const scene_t *sc);
const scene_op_t *scene_op(const scene_t *sc, size_t i);

/* Append ops; strings are copied. false on allocation failure (the scene
 * remembers it: scene_failed()). */
bool scene_rect(scene_t *sc, int x, int y, int w, int h, scene_color_t fill,
                scene_color_t border, int border_px, int radius_px, int target);
bool scene_line(scene_t *sc, int x0, int y0, int x1, int y1, scene_color_t color, int width_px);
bool scene_qr(scene_t *sc, int x, int y, int size_px, const char *payload,
              scene_color_t dark, scene_color_t light);
bool scene_image(scene_t *sc, int x, int y, int w, int h, const char *name);

/* How far below min_font_px a wrapped text may shrink so that no word or
 * phone number is broken (percent of min_font_px). */
enum { SCENE_SHRINK_FLOOR_PERCENT = 80 };

/* How to fit a text into a box. */
typedef struct {
  int font_px;             /* preferred size */
  int min_font_px;         /* shrink no further than this, then wrap */
  bool bold;
  bool wrap;               /* allow more than one line */
  scene_align_t align;     /* horizontal */
  scene_align_t valign;    /* vertical */
  scene_color_t color;
  const char *label;       /* names the text in overflow reports, e.g. "kw.phone" */
  int shrink_floor_px;     /* smallest size a wrapped text may shrink to so no word
                              breaks (0: SCENE_SHRINK_FLOOR_PERCENT of min_font_px) */
} scene_text_style_t;

/* Lay out text inside the box (x, y, w, h): largest size from font_px down to
 * min_font_px at which it fits on one line, else wrapped at min_font_px
 * (breaking at spaces, then hyphens, then between characters for a word
 * longer than the box). Appends one TEXT op per line. Returns the height
 * used; if it does not fit, records an overflow (scene_overflows()) and
 * still draws it, never outside the box horizontally. */
int scene_text(scene_t *sc, const scene_measurer_t *m, int x, int y, int w, int h,
               const char *utf8, const scene_text_style_t *style);

/* Overflows recorded by scene_text(): count and a description of each,
 * "LABEL: needs WxH px in a box of WxH". */
size_t scene_overflow_count(const scene_t *sc);
const char *scene_overflow(const scene_t *sc, size_t i);
/* Of those, how many are only a word wider than its box even at the
 * smallest size, broken between grapheme clusters: all the text is drawn,
 * inside its box ("LABEL: a word is wider than the box ..."). The others
 * mean text did not fit its box. */
size_t scene_overflow_broken_count(const scene_t *sc);

/* True once any append failed for lack of memory. */
bool scene_failed(const scene_t *sc);

/* The filled strip an axis-aligned LINE op covers (its width centred on
 * the line), so every renderer draws the same pixels: true with the strip
 * in (x, y, w, h), false for a slanted line. */
bool scene_line_strip(const scene_op_t *op, int *x, int *y, int *w, int *h);

/* The tap target at (x, y): the last RECT with a target containing the
 * point, or 0. */
int scene_target_at(const scene_t *sc, int x, int y);

/* ---- what the read-aloud says ---- */

typedef enum {
  SCENE_SAY_PERSONAL = 1u << 0, /* names the patient: name, date of birth, postcode, NHS number */
} scene_say_flags_t;

typedef struct {
  lang_t lang;
  unsigned flags;       /* scene_say_flags_t */
  const char *words;    /* owned by the scene; wiped when the scene is freed */
} scene_say_t;

/* Append one sentence of words (already in words: see core/spoken.h) in
 * lang, in reading order; copied. Empty words are ignored (true). false on
 * allocation failure (scene_failed()). */
bool scene_say(scene_t *sc, lang_t lang, const char *words, unsigned flags);

/* The sentences declared, in order. */
size_t scene_say_count(const scene_t *sc);
const scene_say_t *scene_say_item(const scene_t *sc, size_t i);

#endif
