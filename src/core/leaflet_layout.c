/*
 * Leaflet pages: a simple top-to-bottom flow of the leaflet's title,
 * subtitle, headings, paragraphs and bullets inside the page's margins,
 * with page breaks between blocks. Sizes are in points and millimetres,
 * turned into pixels at the profile's dpi. Never draws.
 */
#include "core/leaflet_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const scene_color_t WHITE = {255, 255, 255, 255};
static const scene_color_t BRAND = {0, 94, 184, 255};
static const scene_color_t INK = {33, 43, 50, 255};
static const scene_color_t GREY = {66, 84, 98, 255};
static const scene_color_t BLACK = {0, 0, 0, 255};
static const scene_color_t ALERT = {190, 30, 20, 255};

/* Body text size (points) and the narrowest sheet that always gets it: an
 * A4 leaflet is set at 12 pt, as RNIB / NHS clear-print guidance asks. */
#define LEAFLET_BODY_PT 12.0
#define LEAFLET_CLEAR_PRINT_MIN_WIDTH_MM 200.0

/* The flow state: current page, cursor, scratch scene for measuring. */
typedef struct {
  const profile_t *p;
  const scene_measurer_t *m;
  leaflet_pages_t *pages;
  scene_t *scratch;
  int x, w, top, bottom, y;
  double scale;             /* text and spacing, 1.0 = LEAFLET_BODY_PT body */
  bool failed;
} flow_t;

/* Millimetres of spacing (scaled with the text) to pixels. */
static int flow_mm(const flow_t *f, double mm)
{
  return (int)lround(mm * f->scale * f->p->dpi / 25.4);
}

/* A text style of pt points. */
static scene_text_style_t flow_style(const flow_t *f, double pt, bool bold, scene_color_t c,
                                     const char *label)
{
  int px = (int)lround(pt * f->scale * f->p->dpi / 72.0);
  scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = bold, .wrap = true,
                           .color = f->p->color ? c : BLACK, .label = label};
  return st;
}

/* Free every page. */
void leaflet_pages_clear(leaflet_pages_t *pages)
{
  for (size_t i = 0; i < pages->count; i++)
    scene_free(pages->page[i]);
  free(pages->page);
  pages->page = NULL;
  pages->count = pages->cap = 0;
}

/* The page being filled. */
static scene_t *flow_page(flow_t *f) { return f->pages->page[f->pages->count - 1]; }

/* Start a new page; false when memory runs out. */
static bool flow_new_page(flow_t *f)
{
  int w, h;
  profile_page_px(f->p, &w, &h);
  if (f->pages->count == f->pages->cap) {
    size_t cap = f->pages->cap ? f->pages->cap * 2 : 4;
    scene_t **list = realloc(f->pages->page, cap * sizeof *list);
    if (!list)
      return !(f->failed = true);
    f->pages->page = list;
    f->pages->cap = cap;
  }
  scene_t *sc = scene_new(w, h, WHITE);
  if (!sc)
    return !(f->failed = true);
  f->pages->page[f->pages->count++] = sc;
  f->y = f->top;
  return true;
}

/* Height of text in width w. */
static int flow_measure(flow_t *f, const char *text, const scene_text_style_t *st, int w)
{
  return scene_text(f->scratch, f->m, 0, 0, w, 1 << 20, text, st);
}

/* Make room for h px (plus keep px that must follow on the same page):
 * a new page unless already at the top. */
static bool flow_room(flow_t *f, int h, int keep)
{
  if (f->y + h + keep > f->bottom && f->y > f->top)
    return flow_new_page(f);
  return true;
}

/* Place one block of text at indent px, then advance by gap_after px. */
static bool flow_text(flow_t *f, const char *text, const scene_text_style_t *st, int indent,
                      int gap_after, int keep)
{
  int h = flow_measure(f, text, st, f->w - indent);
  if (!flow_room(f, h, keep))
    return false;
  int room = f->bottom - f->y;
  scene_text(flow_page(f), f->m, f->x + indent, f->y, f->w - indent, h < room ? h : room, text, st);
  f->y += h + gap_after;
  return true;
}

/* One section: heading kept with its first block, then the blocks. */
static bool flow_section(flow_t *f, const leaflet_section_t *sec)
{
  /* The emergency advice's heading in the card's alert colour. */
  bool alert = sec->id == LEAFLET_SECTION_NOT_EMERGENCY;
  scene_text_style_t head = flow_style(f, 14, true, alert ? ALERT : BRAND,
                                       alert ? "leaflet.heading.not-emergency" : "leaflet.heading");
  scene_text_style_t body = flow_style(f, LEAFLET_BODY_PT, false, INK, "leaflet.text");
  int indent = flow_mm(f, 6), first = 0;
  if (f->y > f->top)
    f->y += flow_mm(f, 4);
  if (sec->block_count)
    first = flow_measure(f, sec->blocks[0].text, &body,
                         f->w - (sec->blocks[0].kind == LEAFLET_BULLET ? indent : 0));
  if (!flow_text(f, sec->heading, &head, 0, flow_mm(f, 2), first))
    return false;
  for (size_t i = 0; i < sec->block_count; i++) {
    const leaflet_block_t *b = &sec->blocks[i];
    bool bullet = b->kind == LEAFLET_BULLET;
    bool more = i + 1 < sec->block_count && sec->blocks[i + 1].kind == LEAFLET_BULLET;
    int after = bullet && more ? flow_mm(f, 1.2) : flow_mm(f, 2.5);
    if (!bullet) {
      if (!flow_text(f, b->text, &body, 0, after, 0))
        return false;
      continue;
    }
    int h = flow_measure(f, b->text, &body, f->w - indent);
    if (!flow_room(f, h, 0))
      return false;
    scene_text_style_t dot = body;
    dot.label = "leaflet.bullet";
    scene_text(flow_page(f), f->m, f->x + flow_mm(f, 1.5), f->y, indent - flow_mm(f, 1.5),
               h < f->bottom - f->y ? h : f->bottom - f->y, "•", &dot);
    if (!flow_text(f, b->text, &body, indent, after, 0))
      return false;
  }
  return true;
}

/* Lay out lf at one scale onto pages; false when memory runs out. */
static bool leaflet_flow(const leaflet_t *lf, const profile_t *p, const scene_measurer_t *m,
                         double scale, leaflet_pages_t *pages)
{
  int w, h;
  profile_page_px(p, &w, &h);
  flow_t f = {.p = p, .m = m, .pages = pages, .scale = 1.0};
  double margin = p->margin_mm > 12 ? p->margin_mm : 12;
  f.x = flow_mm(&f, margin);
  f.w = w - 2 * f.x;
  f.top = flow_mm(&f, margin);
  f.bottom = h - flow_mm(&f, margin);
  f.scale = scale;
  f.scratch = scene_new(w, h, WHITE);
  bool ok = f.scratch && flow_new_page(&f);
  scene_text_style_t title = flow_style(&f, 22, true, BRAND, "leaflet.title");
  scene_text_style_t sub = flow_style(&f, 13, false, GREY, "leaflet.subtitle");
  ok = ok && flow_text(&f, leaflet_title(lf), &title, 0, flow_mm(&f, 1.5), 0) &&
       flow_text(&f, leaflet_subtitle(lf), &sub, 0, flow_mm(&f, 2), 0);
  if (ok) {
    int rule = flow_mm(&f, 0.5);
    scene_line(flow_page(&f), f.x, f.y, f.x + f.w, f.y, p->color ? BRAND : BLACK, rule ? rule : 1);
    f.y += flow_mm(&f, 3);
  }
  for (size_t i = 0; ok && i < leaflet_section_count(lf); i++)
    ok = flow_section(&f, leaflet_section(lf, i));
  for (size_t i = 0; ok && i < pages->count; i++)
    ok = !scene_failed(pages->page[i]);
  scene_free(f.scratch);
  return ok && !f.failed;
}

/* Lay out the leaflet. On A4 and larger the body is always 12 pt (clear
 * print guidance: more pages rather than smaller text). On smaller sheets
 * (A5), on as few pages as text of 80 % size or more allows, at the
 * largest size that needs no more pages than that. */
bool leaflet_layout(const leaflet_t *lf, const profile_t *p, const scene_measurer_t *m,
                    leaflet_pages_t *pages, char *err, size_t errlen)
{
  leaflet_pages_t trial = {0};
  int page_w = 0, page_h = 0;
  profile_page_px(p, &page_w, &page_h);
  bool clear_print = page_w * 25.4 / p->dpi >= LEAFLET_CLEAR_PRINT_MIN_WIDTH_MM;
  bool ok = leaflet_flow(lf, p, m, clear_print ? 1.0 : 0.8, &trial);
  size_t fewest = trial.count;
  for (double scale = 1.0; ok && !clear_print && scale > 0.8 + 1e-9; scale -= 0.05) {
    leaflet_pages_t bigger = {0};
    ok = leaflet_flow(lf, p, m, scale, &bigger);
    if (ok && bigger.count <= fewest) {
      leaflet_pages_clear(&trial);
      trial = bigger;
      break;
    }
    leaflet_pages_clear(&bigger);
  }
  /* Move the chosen pages onto the caller's list. */
  for (size_t i = 0; ok && i < trial.count; i++) {
    if (pages->count == pages->cap) {
      size_t cap = pages->cap ? pages->cap * 2 : 4;
      scene_t **list = realloc(pages->page, cap * sizeof *list);
      if (!list) {
        ok = false;
        break;
      }
      pages->page = list;
      pages->cap = cap;
    }
    pages->page[pages->count++] = trial.page[i];
    trial.page[i] = NULL;
  }
  leaflet_pages_clear(&trial);
  if (!ok)
    snprintf(err, errlen, "out of memory laying out the leaflet");
  return ok;
}
