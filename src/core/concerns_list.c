/*
 * "My list for today" laid out as printed pages (see concerns_list.h): a
 * cursor runs down the page and starts a new page when a block (a heading
 * with what follows it, a service with its QR code) would not fit. Sizes in
 * points at the profile's dpi, body 12 pt as clear-print guidance asks.
 */
#include "core/concerns_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/card.h"

static const scene_color_t CL_WHITE = {255, 255, 255, 255}, CL_INK = {0x0b, 0x25, 0x45, 255},
                           CL_MUTED = {0x42, 0x54, 0x66, 255}, CL_RULE = {0x76, 0x86, 0x92, 255},
                           CL_BLACK = {0, 0, 0, 255};

typedef struct {
  const concerns_list_t *in;
  const i18n_t *cat;
  const scene_measurer_t *m;
  leaflet_pages_t *pages;
  int w, h, dpi, x, top, bottom, y, width;
  size_t first_page;   /* the index of the list's first page in pages */
  bool failed;
} cl_t;

static void cl_both(const cl_t *c, const char *ctx, const char *msgid, char *out, size_t outlen);

/* Points to pixels. */
static int cl_pt(const cl_t *c, double pt) { return (int)(pt * c->dpi / 72.0 + 0.5); }

/* The page being filled. */
static scene_t *cl_page(cl_t *c) { return c->pages->page[c->pages->count - 1]; }

/* Start a new page. */
static bool cl_new_page(cl_t *c)
{
  if (c->pages->count == c->pages->cap) {
    size_t cap = c->pages->cap ? c->pages->cap * 2 : 4;
    scene_t **list = realloc(c->pages->page, cap * sizeof *list);
    if (!list)
      return !(c->failed = true);
    c->pages->page = list;
    c->pages->cap = cap;
  }
  scene_t *sc = scene_new(c->w, c->h, CL_WHITE);
  if (!sc)
    return !(c->failed = true);
  c->pages->page[c->pages->count++] = sc;
  c->y = c->top;
  if (c->pages->count > c->first_page + 1) {
    /* A later page says what it belongs to. */
    char title[512];
    cl_both(c, "concerns", "My list for today", title, sizeof title);
    scene_text_style_t st = {.font_px = cl_pt(c, 10), .min_font_px = cl_pt(c, 8), .wrap = true,
                             .color = CL_MUTED, .label = "list.running_title"};
    c->y += scene_text(sc, c->m, c->x, c->y, c->width, c->bottom - c->y, title, &st) + cl_pt(c, 8);
  }
  return true;
}

/* A new page unless h more pixels fit on this one. */
static bool cl_need(cl_t *c, int h)
{
  if (c->y + h <= c->bottom || c->y == c->top)
    return true;
  return cl_new_page(c);
}

/* A text style at pt points. */
static scene_text_style_t cl_style(const cl_t *c, double pt, bool bold, const char *label)
{
  return (scene_text_style_t){.font_px = cl_pt(c, pt), .min_font_px = cl_pt(c, pt * 0.8),
                              .bold = bold, .wrap = true, .color = CL_INK, .label = label};
}

/* The height text takes at width w in style st. */
static int cl_height(const cl_t *c, int w, const char *text, const scene_text_style_t *st)
{
  scene_t *scratch = scene_new(w, 1 << 20, CL_WHITE);
  if (!scratch)
    return 0;
  int h = scene_text(scratch, c->m, 0, 0, w, 1 << 20, text, st);
  scene_free(scratch);
  return h;
}

/* Text at the cursor (a new page first when it does not fit), indented by
 * indent; advances the cursor. */
static void cl_text(cl_t *c, int indent, const char *text, const scene_text_style_t *st)
{
  int w = c->width - indent;
  int h = cl_height(c, w, text, st);
  if (!cl_need(c, h))
    return;
  c->y += scene_text(cl_page(c), c->m, c->x + indent, c->y, w, c->bottom - c->y, text, st);
}

/* msgid (msgctxt ctx) in lang. */
static const char *cl_tr(const cl_t *c, lang_t lang, const char *ctx, const char *msgid)
{
  return i18n_get(c->cat, lang, ctx, msgid);
}

/* "first / second" of msgid, the person's language first (once when the
 * two are the same). */
static void cl_both(const cl_t *c, const char *ctx, const char *msgid, char *out, size_t outlen)
{
  lang_t first = c->in->lang, second = first == LANG_CY ? LANG_EN : LANG_CY;
  const char *a = cl_tr(c, first, ctx, msgid), *b = cl_tr(c, second, ctx, msgid);
  if (!strcmp(a, b))
    snprintf(out, outlen, "%s", a);
  else
    snprintf(out, outlen, "%s / %s", a, b);
}

/* A heading in both languages, kept with the keep pixels that follow it. */
static void cl_heading(cl_t *c, const char *ctx, const char *msgid, double pt, int keep,
                       const char *label)
{
  char text[512];
  cl_both(c, ctx, msgid, text, sizeof text);
  scene_text_style_t st = cl_style(c, pt, true, label);
  if (!cl_need(c, cl_height(c, c->width, text, &st) + keep))
    return;
  cl_text(c, 0, text, &st);
  c->y += cl_pt(c, 3);
}

/* The title, the date, and who the list is for: the key worker and phone,
 * the person's name when they chose it. */
static void cl_head(cl_t *c)
{
  const concerns_list_t *in = c->in;
  char line[1024], a[256], b[256], phone[64];
  cl_both(c, "concerns", "My list for today", line, sizeof line);
  scene_text_style_t title = cl_style(c, 22, true, "list.title");
  cl_text(c, 0, line, &title);
  lang_t first = in->lang, second = first == LANG_CY ? LANG_EN : LANG_CY;
  scene_text_style_t body = cl_style(c, 12, false, "list.date");
  if (in->date && i18n_format_date(first, in->date, a, sizeof a) &&
      i18n_format_date(second, in->date, b, sizeof b)) {
    snprintf(line, sizeof line, "%s / %s", a, b);
    body.color = CL_MUTED;
    cl_text(c, 0, line, &body);
  }
  c->y += cl_pt(c, 4);
  scene_line(cl_page(c), c->x, c->y, c->x + c->width, c->y, CL_RULE, cl_pt(c, 1));
  c->y += cl_pt(c, 8);
  if (in->key_worker) {
    const key_worker_t *kw = in->key_worker;
    cl_both(c, "concerns", "Your key worker", a, sizeof a);
    snprintf(line, sizeof line, "%s: %s %s", a, kw->given_name, kw->family_name);
    scene_text_style_t st = cl_style(c, 14, true, "list.key_worker");
    cl_text(c, 0, line, &st);
    card_format_phone(kw->phone, cl_tr(c, first, "kiosk", "ext."), phone, sizeof phone);
    cl_both(c, "kiosk", "Phone", a, sizeof a);
    snprintf(line, sizeof line, "%s: %s", a, phone);
    st = cl_style(c, 16, true, "list.key_worker.phone");
    cl_text(c, 0, line, &st);
  }
  if (in->patient_name && in->patient_name[0]) {
    cl_both(c, "concerns", "Name", a, sizeof a);
    snprintf(line, sizeof line, "%s: %s", a, in->patient_name);
    scene_text_style_t st = cl_style(c, 12, false, "list.name");
    cl_text(c, 0, line, &st);
  }
  if (in->key_worker || (in->patient_name && in->patient_name[0]))
    c->y += cl_pt(c, 10);
}

/* The ticked items, group by group. */
static void cl_items(cl_t *c)
{
  const concerns_selection_t *sel = c->in->selection;
  scene_text_style_t item = cl_style(c, 12, false, "list.item");
  scene_text_style_t group = cl_style(c, 13, true, "list.group");
  int line_h = cl_pt(c, 12 * 1.3);
  cl_heading(c, "concerns", "What I would like to talk about", 15, 2 * line_h, "list.heading");
  if (!concerns_ticked_count(sel)) {
    char none[512];
    cl_both(c, "concerns", "Nothing ticked", none, sizeof none);
    cl_text(c, 0, none, &item);
  }
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++) {
    if (!(c->in->groups & (1u << g)) || !concerns_group_ticked(sel, (concerns_group_t)g))
      continue;
    char text[512];
    cl_both(c, "concerns", concerns_group_title((concerns_group_t)g), text, sizeof text);
    cl_need(c, cl_height(c, c->width, text, &group) + line_h);
    cl_text(c, 0, text, &group);
    for (size_t i = 0; i < concerns_item_count(); i++) {
      if ((int)concerns_item(i)->group != g || !concerns_ticked(sel, i))
        continue;
      char both[512], line[600];
      cl_both(c, "concerns", concerns_item(i)->msgid, both, sizeof both);
      snprintf(line, sizeof line, "\xe2\x80\xa2 %s", both);
      cl_text(c, cl_pt(c, 8), line, &item);
    }
    c->y += cl_pt(c, 5);
  }
}

/* The 0-10 scale, the person's score filled in (none: all open, to circle
 * by hand). */
static void cl_scale(cl_t *c)
{
  int score = concerns_score(c->in->selection);
  int box = cl_pt(c, 24), gap = cl_pt(c, 5);
  if ((box + gap) * 11 > c->width)
    box = c->width / 11 - gap;
  c->y += cl_pt(c, 6);
  cl_heading(c, "concerns", "How much this is worrying me today (0 to 10)", 13, box + cl_pt(c, 16),
             "list.scale.heading");
  cl_need(c, box + cl_pt(c, 16));
  scene_t *sc = cl_page(c);
  for (int v = 0; v <= CONCERNS_SCORE_MAX; v++) {
    int bx = c->x + v * (box + gap);
    bool chosen = v == score;
    scene_rect(sc, bx, c->y, box, box, chosen ? CL_INK : CL_WHITE, CL_INK, cl_pt(c, 1), 0, 0);
    char num[16];
    snprintf(num, sizeof num, "%d", v);
    scene_text_style_t st = cl_style(c, 12, true, "list.scale.number");
    st.align = SCENE_ALIGN_CENTER;
    st.valign = SCENE_ALIGN_CENTER;
    st.color = chosen ? CL_WHITE : CL_INK;
    scene_text(sc, c->m, bx, c->y, box, box, num, &st);
  }
  c->y += box + cl_pt(c, 4);
  char line[600], a[256], n[16];
  if (score >= 0) {
    snprintf(n, sizeof n, "%d", score);
    const char *args[] = {n};
    lang_t first = c->in->lang, second = first == LANG_CY ? LANG_EN : LANG_CY;
    char b[256];
    if (i18n_format_args(a, sizeof a, cl_tr(c, first, "concerns", "You chose %s out of 10."), args, 1) &&
        i18n_format_args(b, sizeof b, cl_tr(c, second, "concerns", "You chose %s out of 10."), args, 1))
      snprintf(line, sizeof line, "%s / %s", a, b);
    else
      snprintf(line, sizeof line, "%d / 10", score);
  } else {
    cl_both(c, "concerns", "You did not choose a number.", line, sizeof line);
  }
  scene_text_style_t st = cl_style(c, 11, false, "list.scale.chosen");
  st.color = CL_MUTED;
  cl_text(c, 0, line, &st);
  c->y += cl_pt(c, 8);
}

/* Ruled lines for notes. */
static void cl_notes(cl_t *c)
{
  int rule = cl_pt(c, 26);
  cl_heading(c, "concerns", "Notes", 13, 4 * rule, "list.notes");
  for (int i = 0; i < 5; i++) {
    if (!cl_need(c, rule))
      return;
    c->y += rule;
    scene_line(cl_page(c), c->x, c->y, c->x + c->width, c->y, CL_RULE, cl_pt(c, 0.75));
  }
  c->y += cl_pt(c, 12);
}

/* One service: names, phone, web address, and a QR code of it at the
 * right; kept whole on a page. */
static void cl_service(cl_t *c, const service_t *s)
{
  lang_t first = c->in->lang, second = first == LANG_CY ? LANG_EN : LANG_CY;
  const char *n1 = first == LANG_CY ? s->name_cy : s->name_en;
  const char *n2 = second == LANG_CY ? s->name_cy : s->name_en;
  int qr = s->url[0] ? cl_pt(c, 57) : 0; /* 20 mm */
  int tw = c->width - cl_pt(c, 8) - (qr ? qr + cl_pt(c, 10) : 0);
  char name[1400], line[1024], phone[64], label[256];
  if (strcmp(n1, n2))
    snprintf(name, sizeof name, "%s / %s", n1, n2);
  else
    snprintf(name, sizeof name, "%s", n1);
  scene_text_style_t ns = cl_style(c, 12, true, "list.service.name");
  scene_text_style_t ps = cl_style(c, 12, false, "list.service.phone");
  scene_text_style_t us = cl_style(c, 10, false, "list.service.url");
  us.color = CL_MUTED;
  line[0] = '\0';
  if (s->phone[0]) {
    card_format_phone(s->phone, cl_tr(c, first, "kiosk", "ext."), phone, sizeof phone);
    cl_both(c, "kiosk", "Phone", label, sizeof label);
    snprintf(line, sizeof line, "%s: %s", label, phone);
  }
  int h = cl_height(c, tw, name, &ns) + (line[0] ? cl_height(c, tw, line, &ps) : 0) +
          (s->url[0] ? cl_height(c, tw, s->url, &us) : 0);
  if (h < qr)
    h = qr;
  if (!cl_need(c, h + cl_pt(c, 8)))
    return;
  scene_t *sc = cl_page(c);
  int x = c->x + cl_pt(c, 8), y = c->y;
  if (qr)
    scene_qr(sc, c->x + c->width - qr, y, qr, s->url, CL_BLACK, CL_WHITE);
  y += scene_text(sc, c->m, x, y, tw, c->bottom - y, name, &ns);
  if (line[0])
    y += scene_text(sc, c->m, x, y, tw, c->bottom - y, line, &ps);
  if (s->url[0])
    y += scene_text(sc, c->m, x, y, tw, c->bottom - y, s->url, &us);
  c->y += h + cl_pt(c, 8);
}

/* For each ticked group, the services that match. */
static void cl_services(cl_t *c)
{
  const concerns_selection_t *sel = c->in->selection;
  if (!concerns_ticked_count(sel))
    return;
  cl_heading(c, "concerns", "Help near you for the things on your list", 15, cl_pt(c, 60),
             "list.services.heading");
  scene_text_style_t group = cl_style(c, 13, true, "list.services.group");
  scene_text_style_t none = cl_style(c, 11, false, "list.services.none");
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++) {
    if (!(c->in->groups & (1u << g)) || !concerns_group_ticked(sel, (concerns_group_t)g))
      continue;
    char text[512];
    cl_both(c, "concerns", concerns_group_title((concerns_group_t)g), text, sizeof text);
    cl_need(c, cl_height(c, c->width, text, &group) + cl_pt(c, 57));
    cl_text(c, 0, text, &group);
    c->y += cl_pt(c, 3);
    size_t pick[CONCERNS_LIST_SERVICES_PER_GROUP];
    size_t shown = concerns_services_pick(sel, (concerns_group_t)g, c->in->lang == LANG_CY,
                                          c->in->services, c->in->service_count, pick,
                                          CONCERNS_LIST_SERVICES_PER_GROUP);
    for (size_t i = 0; i < shown; i++)
      cl_service(c, &c->in->services[pick[i]]);
    if (!shown) {
      cl_both(c, "concerns", "Ask your key worker or at reception.", text, sizeof text);
      cl_text(c, cl_pt(c, 8), text, &none);
    }
    c->y += cl_pt(c, 6);
  }
}

bool concerns_list_layout(const concerns_list_t *list, const i18n_t *cat, const profile_t *p,
                          const scene_measurer_t *m, leaflet_pages_t *pages, char *err,
                          size_t errlen)
{
  if (!list || !list->selection || !cat || !p || !m || !pages) {
    snprintf(err, errlen, "concerns list: nothing to lay out");
    return false;
  }
  cl_t c = {.in = list, .cat = cat, .m = m, .pages = pages, .dpi = p->dpi};
  profile_page_px(p, &c.w, &c.h);
  int margin = profile_mm_to_px(p->margin_mm, p->dpi);
  if (margin < cl_pt(&c, 28))
    margin = cl_pt(&c, 28); /* 10 mm at least: room for a hand to hold it */
  c.x = margin;
  c.top = margin;
  c.bottom = c.h - margin;
  c.width = c.w - 2 * margin;
  size_t first = pages->count;
  c.first_page = first;
  if (cl_new_page(&c)) {
    cl_head(&c);
    cl_items(&c);
    cl_scale(&c);
    cl_notes(&c);
    cl_services(&c);
    char foot[512];
    cl_both(&c, "concerns", "This list is yours. The kiosk has not kept a copy.", foot, sizeof foot);
    scene_text_style_t st = cl_style(&c, 9, false, "list.footer");
    st.color = CL_MUTED;
    cl_text(&c, 0, foot, &st);
  }
  for (size_t i = first; !c.failed && i < pages->count; i++)
    c.failed = scene_failed(pages->page[i]);
  if (c.failed) {
    snprintf(err, errlen, "concerns list: out of memory");
    return false;
  }
  return true;
}

bool concerns_list_printable(const leaflet_pages_t *pages, size_t first, char *err, size_t errlen)
{
  for (size_t i = first; i < pages->count; i++) {
    const scene_t *sc = pages->page[i];
    if (scene_overflow_count(sc) <= scene_overflow_broken_count(sc))
      continue;
    /* Name one that lost text: not a word broken to fit. */
    const char *what = scene_overflow(sc, 0);
    for (size_t k = 0; k < scene_overflow_count(sc); k++)
      if (!strstr(scene_overflow(sc, k), "a word is wider than the box")) {
        what = scene_overflow(sc, k);
        break;
      }
    snprintf(err, errlen, "page %zu: %s", i - first + 1, what);
    return false;
  }
  return true;
}
