/*
 * A paginated column of text, the way long content reaches the screen
 * without ever overflowing: items (texts in a style, gaps, QR codes, tinted
 * panels) are measured at the column width, split into pages that fit the
 * box (a heading stays with what follows it), and one page is drawn, with a
 * page rail (up, "2 / 3", down) when there is more than one. At the largest
 * text size on a 800x480 screen a key worker's details take a few pages;
 * at normal sizes they take one.
 */
#include "ui/ui_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* An empty flow. */
void ui_flow_init(ui_flow_t *fl)
{
  fl->n = 0;
  fl->used = 0;
  fl->full = false;
  fl->first_until = -1;
  fl->split_first = false;
}

/* Append an item (returns NULL when full). */
static ui_flow_item_t *ui_flow_add(ui_flow_t *fl, ui_flow_kind_t kind)
{
  if (fl->n == UI_FLOW_MAX) {
    fl->full = true;
    return NULL;
  }
  ui_flow_item_t *it = &fl->items[fl->n++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  return it;
}

/* Append a text (copied into the flow's arena). */
void ui_flow_text(ui_flow_t *fl, ui_text_kind_t kind, const char *label, const char *text)
{
  size_t len = strlen(text ? text : "");
  if (!len)
    return;
  if (fl->used + len + 1 > sizeof fl->arena) {
    fl->full = true;
    return;
  }
  ui_flow_item_t *it = ui_flow_add(fl, UI_FLOW_TEXT);
  if (!it)
    return;
  it->text_kind = kind;
  it->label = label;
  it->text = fl->used;
  memcpy(fl->arena + fl->used, text, len + 1);
  fl->used += len + 1;
}

/* Append a formatted text. */
void ui_flow_textf(ui_flow_t *fl, ui_text_kind_t kind, const char *label, const char *fmt, ...)
{
  char buf[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  ui_flow_text(fl, kind, label, buf);
}

/* Append vertical space. */
void ui_flow_gap(ui_flow_t *fl, int px)
{
  ui_flow_item_t *it = ui_flow_add(fl, UI_FLOW_GAP);
  if (it)
    it->px = px;
}

/* Append a QR code. */
void ui_flow_qr(ui_flow_t *fl, const char *payload, int size_px)
{
  size_t len = strlen(payload);
  if (!len || fl->used + len + 1 > sizeof fl->arena)
    return;
  ui_flow_item_t *it = ui_flow_add(fl, UI_FLOW_QR);
  if (!it)
    return;
  it->px = size_px;
  it->text = fl->used;
  it->label = "qr";
  memcpy(fl->arena + fl->used, payload, len + 1);
  fl->used += len + 1;
}

/* Begin a tinted panel. */
void ui_flow_panel(ui_flow_t *fl, bool warn)
{
  ui_flow_item_t *it = ui_flow_add(fl, UI_FLOW_PANEL);
  if (it)
    it->warn = warn;
}

/* Start a new column here when the flow is drawn in several columns. */
void ui_flow_break(ui_flow_t *fl) { ui_flow_add(fl, UI_FLOW_BREAK); }

/* End the panel. */
void ui_flow_end_panel(ui_flow_t *fl) { ui_flow_add(fl, UI_FLOW_END_PANEL); }

/* Keep the last item on the same page as the next. */
void ui_flow_keep(ui_flow_t *fl)
{
  if (fl->n)
    fl->items[fl->n - 1].keep_with_next = true;
}

/* Centre the last item. */
void ui_flow_center(ui_flow_t *fl)
{
  if (fl->n)
    fl->items[fl->n - 1].center = true;
}

/* Everything so far must be on the first page. */
void ui_flow_first_page(ui_flow_t *fl) { fl->first_until = fl->n - 1; }

/* Where each item goes: page and y within the page. */
typedef struct {
  int page, y;
  bool in_panel;
} ui_flow_pos_t;

/* Replace text item i, taller than a page, by one item per wrapped line
 * (taken from the scratch layout), so pages can break between its lines. */
static void ui_flow_split_lines(ui_flow_t *fl, int i, const scene_t *scratch)
{
  size_t lines = 0;
  for (size_t k = 0; k < scene_count(scratch); k++)
    lines += scene_op(scratch, k)->kind == SCENE_OP_TEXT;
  if (lines < 2 || fl->n + (int)lines - 1 > UI_FLOW_MAX)
    return;
  if (fl->first_until >= i)
    fl->first_until += (int)lines - 1;
  ui_flow_item_t model = fl->items[i];
  memmove(&fl->items[i + (int)lines], &fl->items[i + 1],
          (size_t)(fl->n - i - 1) * sizeof fl->items[0]);
  fl->n += (int)lines - 1;
  int j = i, line = 0;
  for (size_t k = 0; k < scene_count(scratch); k++) {
    const scene_op_t *op = scene_op(scratch, k);
    size_t len = strlen(op->text);
    if (op->kind != SCENE_OP_TEXT || fl->used + len + 1 > sizeof fl->arena)
      continue;
    ui_flow_item_t *it = &fl->items[j++];
    *it = model;
    it->line_of = ++line;
    it->keep_with_next = j == i + (int)lines ? model.keep_with_next : false;
    it->text = fl->used;
    memcpy(fl->arena + fl->used, op->text, len + 1);
    fl->used += len + 1;
  }
}

/* Measure every item at width w; a text taller than a page (h), with the
 * items kept with it (a heading), is split into its lines. */
static void ui_flow_measure(ui_t *ui, const ui_frame_t *f, ui_flow_t *fl, int w, int h)
{
  int pad = f->gap + f->gap / 2;
  bool in_panel = false;
  int kept = 0; /* height of the items just before that stay with this one */
  for (int i = 0; i < fl->n; i++) {
    ui_flow_item_t *it = &fl->items[i];
    kept = i > 0 && fl->items[i - 1].keep_with_next ? kept + fl->items[i - 1].height : 0;
    it->x_indent = in_panel ? pad + 8 : 0;
    switch (it->kind) {
    case UI_FLOW_TEXT: {
      scene_text_style_t st = ui_style(f, it->text_kind, it->label);
      int tw = w - 2 * it->x_indent;
      scene_t *scratch = scene_new(tw, 1 << 20, f->th.bg);
      it->height = scratch ? scene_text(scratch, &ui->measurer, 0, 0, tw, 1 << 20,
                                        fl->arena + it->text, &st)
                           : 0;
      if (scratch && kept + it->height + 2 * pad > h) {
        ui_flow_split_lines(fl, i, scratch);
        it = &fl->items[i];
        it->height = ui_text_height(ui, f, tw, fl->arena + it->text, &st);
      }
      scene_free(scratch);
      break;
    }
    case UI_FLOW_GAP:
    case UI_FLOW_QR:
      it->height = it->px;
      break;
    case UI_FLOW_PANEL:
      in_panel = true;
      it->height = pad;
      break;
    case UI_FLOW_BREAK:
      it->height = 0;
      break;
    case UI_FLOW_END_PANEL:
      in_panel = false;
      it->height = pad;
      break;
    }
  }
}

/* Split the measured items into pages of height h (breaks honoured when
 * drawing in columns); returns the page count. */
static int ui_flow_paginate(const ui_frame_t *f, const ui_flow_t *fl, int h, bool breaks,
                            ui_flow_pos_t *pos)
{
  int pad = f->gap + f->gap / 2;
  int page = 0, y = 0, first = 0;
  bool in_panel = false;
  for (int i = 0; i < fl->n; i++) {
    const ui_flow_item_t *it = &fl->items[i];
    int reserve = in_panel && it->kind != UI_FLOW_END_PANEL ? pad : 0;
    if (it->kind == UI_FLOW_BREAK) {
      if (breaks && y > 0) {
        page++;
        first = i + 1;
        y = 0;
      }
      pos[i] = (ui_flow_pos_t){.page = page, .y = y, .in_panel = in_panel};
      continue;
    }
    bool whole_panel_moves = false;
    if (it->kind == UI_FLOW_PANEL && y > 0) {
      /* A panel that fits a page but not the rest of this one starts the
       * next page whole, so the emergency advice is never cut in two. */
      int total = 0;
      for (int j = i; j < fl->n; j++) {
        total += fl->items[j].height;
        if (fl->items[j].kind == UI_FLOW_END_PANEL)
          break;
      }
      bool holds_first = fl->split_first && fl->first_until >= i;
      for (int j = i; holds_first && j < fl->n && j <= fl->first_until; j++)
        if (j > i && fl->items[j].kind == UI_FLOW_END_PANEL)
          holds_first = false;
      whole_panel_moves = !holds_first && total <= h && y + total > h;
    }
    if (y > 0 && (whole_panel_moves || y + it->height + reserve > h) &&
        it->kind != UI_FLOW_END_PANEL) {
      int start = i;
      while (start - 1 > first && fl->items[start - 1].keep_with_next)
        start--;
      page++;
      first = start;
      y = start > 0 && pos[start - 1].in_panel && fl->items[start - 1].kind != UI_FLOW_END_PANEL
              ? pad : 0;
      for (int j = start; j < i; j++) {
        pos[j].page = page;
        pos[j].y = y;
        y += fl->items[j].height;
      }
    }
    if (it->kind == UI_FLOW_GAP && y == 0) {
      pos[i] = (ui_flow_pos_t){.page = page, .y = 0, .in_panel = in_panel};
      continue; /* no blank space at the top of a page */
    }
    if (it->kind == UI_FLOW_PANEL)
      in_panel = true;
    pos[i] = (ui_flow_pos_t){.page = page, .y = y, .in_panel = in_panel};
    if (it->kind == UI_FLOW_END_PANEL)
      in_panel = false;
    y += it->height;
  }
  return page + 1;
}

/* Draw the panel backgrounds of one page. */
static void ui_flow_draw_panels(scene_t *sc, const ui_frame_t *f, const ui_flow_t *fl,
                                const ui_flow_pos_t *pos, int page, int x, int y, int w)
{
  int pad = f->gap + f->gap / 2;
  int top = -1;
  bool warn = false;
  for (int i = 0; i <= fl->n; i++) {
    bool panel_item = i < fl->n && pos[i].in_panel && pos[i].page == page;
    if (i < fl->n && fl->items[i].kind == UI_FLOW_PANEL)
      warn = fl->items[i].warn;
    if (panel_item && top < 0) {
      top = fl->items[i].kind == UI_FLOW_PANEL ? pos[i].y : pos[i].y - pad;
      if (top < 0)
        top = 0;
    }
    if (top >= 0 && (!panel_item || fl->items[i].kind == UI_FLOW_END_PANEL)) {
      int last = panel_item ? i : i - 1;
      int bottom = pos[last].y + fl->items[last].height;
      if (fl->items[last].kind != UI_FLOW_END_PANEL)
        bottom += pad;
      scene_color_t fill = warn ? f->th.warn_panel : f->th.panel;
      scene_color_t edge = warn ? f->th.warn_edge : f->th.panel_edge;
      scene_rect(sc, x, y + top, w, bottom - top, fill, edge, 2, 8, 0);
      scene_rect(sc, x, y + top, 10, bottom - top, edge, edge, 0, 4, 0);
      top = -1;
    }
  }
}

/* Draw one page's items. */
static void ui_flow_draw_items(ui_t *ui, scene_t *sc, const ui_frame_t *f, const ui_flow_t *fl,
                               const ui_flow_pos_t *pos, int page, int x, int y, int w, int h)
{
  for (int i = 0; i < fl->n; i++) {
    const ui_flow_item_t *it = &fl->items[i];
    if (pos[i].page != page)
      continue;
    int ix = x + it->x_indent, iw = w - 2 * it->x_indent, iy = y + pos[i].y;
    int room = y + h - iy;
    if (it->kind == UI_FLOW_TEXT) {
      scene_text_style_t st = ui_style(f, it->text_kind, it->label);
      if (it->center)
        st.align = SCENE_ALIGN_CENTER;
      int box_h = it->height < room ? it->height : room;
      scene_text(sc, &ui->measurer, ix, iy, iw, box_h > 0 ? box_h : 1, fl->arena + it->text,
                 &st);
    } else if (it->kind == UI_FLOW_QR) {
      int qx = it->center ? ix + (iw - it->px) / 2 : ix;
      scene_qr(sc, qx, iy, it->px, fl->arena + it->text, (scene_color_t){0, 0, 0, 255},
               (scene_color_t){255, 255, 255, 255});
    }
  }
}

/* Whether a flow item is a heading: a title or heading text, or one the
 * layout labels as one ("*.title", "*.heading"). */
static bool ui_flow_is_heading(const ui_flow_item_t *it)
{
  if (it->kind != UI_FLOW_TEXT)
    return false;
  if (it->text_kind == UI_TK_TITLE || it->text_kind == UI_TK_HEADING)
    return true;
  const char *dot = it->label ? strrchr(it->label, '.') : NULL;
  return dot && (!strcmp(dot, ".title") || !strcmp(dot, ".heading"));
}

/* Record for ui_scene_faults what the final layout put in the wrong place:
 * a text that must be on page 1 (ui_flow_first_page) on a later page, and
 * a heading whose lines are on two pages. */
static void ui_flow_note_faults(ui_t *ui, const ui_flow_t *fl, const ui_flow_pos_t *pos, int cols)
{
  for (int i = 0; i < fl->n; i++) {
    const ui_flow_item_t *it = &fl->items[i];
    if (it->kind != UI_FLOW_TEXT)
      continue;
    const char *text = fl->arena + it->text;
    if (pos[i].page >= cols && it->label && it->label[0]) {
      bool known = false;
      for (int k = 0; k < ui->flow_laters && !known; k++)
        known = !strcmp(ui->flow_later[k], it->label);
      if (!known && ui->flow_laters < 24)
        snprintf(ui->flow_later[ui->flow_laters++], sizeof ui->flow_later[0], "%s", it->label);
    }
    if (ui->flow_faults >= 4)
      continue;
    if (i <= fl->first_until && pos[i].page >= cols)
      snprintf(ui->flow_fault[ui->flow_faults++], sizeof ui->flow_fault[0],
               "not on page 1: %s \"%.120s\"", it->label ? it->label : "text", text);
    else if (it->line_of > 1 && i > 0 && pos[i].page != pos[i - 1].page && ui_flow_is_heading(it))
      snprintf(ui->flow_fault[ui->flow_faults++], sizeof ui->flow_fault[0],
               "heading cut across pages: %s \"%.80s\" is on page %d, the line before it on page %d",
               it->label ? it->label : "text", text, pos[i].page / cols + 1,
               pos[i - 1].page / cols + 1);
  }
}

/* Draw the current spread of the flow in cols columns (each column one
 * page), with a rail when there is more than one spread. */
int ui_flow_draw_cols(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl, ui_rect_t box,
                      int cols)
{
  int x = box.x, y = box.y, w = box.w, h = box.h;
  ui_flow_pos_t pos[UI_FLOW_MAX];
  int col_gap = f->margin;
  if (cols < 1)
    cols = 1;
  int area_w = w, col_w = (area_w - (cols - 1) * col_gap) / cols;
  /* Measuring splits texts taller than a page into lines: what must be on
   * the first page is measured again, smaller, from the flow as given. */
  /* A flow's opening heading is whole on page 1 (smaller rather than cut
   * across pages): it and what is kept with it count as page-1 items. */
  int lead = 0;
  while (lead < fl->n && fl->items[lead].kind == UI_FLOW_GAP)
    lead++;
  if (lead < fl->n && ui_flow_is_heading(&fl->items[lead])) {
    while (lead + 1 < fl->n && fl->items[lead].keep_with_next && ui_flow_is_heading(&fl->items[lead + 1]))
      lead++;
    if (fl->first_until < lead)
      fl->first_until = lead;
  }
  ui_flow_t *given = fl->first_until >= 0 ? malloc(sizeof *given) : NULL;
  if (given)
    memcpy(given, fl, sizeof *given);
  ui_flow_measure(ui, f, fl, col_w, h);
  int pages = ui_flow_paginate(f, fl, h, cols > 1, pos);
  int spreads = (pages + cols - 1) / cols;
  if (spreads > 1) {
    area_w = w - ui_rail_width(f) - f->gap;
    col_w = (area_w - (cols - 1) * col_gap) / cols;
    ui_flow_measure(ui, f, fl, col_w, h);
    pages = ui_flow_paginate(f, fl, h, cols > 1, pos);
    spreads = (pages + cols - 1) / cols;
  }
  /* What must be on the first page is: smaller text before paging it away. */
  ui_frame_t small = *f;
  const ui_frame_t *full = f;
  /* First smaller with the advice panel kept whole, then letting it
   * break after what must be on page 1. */
  for (int step = 1; fl->first_until >= 0 && fl->first_until < fl->n &&
                     pos[fl->first_until].page >= cols && step <= 12;
       step++) {
    /* 90 % .. 50 %, then again from 100 % letting the panel break after
     * what must be on page 1, and last 40 % (a 5-inch panel at 200 %
     * text: that is still 80 % of the normal size). */
    int tenths = step <= 5 ? 10 - step : step <= 11 ? 16 - step : 4;
    if (given)
      given->split_first = step > 5;
    small.body = full->body * tenths / 10;
    small.small = full->small * tenths / 10;
    small.heading = full->heading * tenths / 10;
    small.title = full->title * tenths / 10;
    small.name = full->name * tenths / 10;
    small.phone = full->phone * tenths / 10;
    if (given)
      memcpy(fl, given, sizeof *fl);
    ui_flow_measure(ui, &small, fl, col_w, h);
    pages = ui_flow_paginate(&small, fl, h, cols > 1, pos);
    spreads = (pages + cols - 1) / cols;
    f = &small;
  }
  if (given) {
    sodium_memzero(given, sizeof *given);
    free(given);
  }
  if (spreads == 1 && area_w < w) {
    /* Smaller text made it one page after all: the rail's room is the text's. */
    int wide_w = (w - (cols - 1) * col_gap) / cols;
    ui_flow_measure(ui, f, fl, wide_w, h);
    if ((ui_flow_paginate(f, fl, h, cols > 1, pos) + cols - 1) / cols == 1) {
      col_w = wide_w;
    } else {
      ui_flow_measure(ui, f, fl, col_w, h);
      ui_flow_paginate(f, fl, h, cols > 1, pos);
    }
  }
  ui_flow_note_faults(ui, fl, pos, cols);
  ui->flow_body_px = f->body;
  if (ui->page >= spreads)
    ui->page = spreads - 1;
  if (ui->page < 0)
    ui->page = 0;
  for (int c = 0; c < cols; c++) {
    int page = ui->page * cols + c, cx = x + c * (col_w + col_gap);
    ui_flow_draw_panels(sc, f, fl, pos, page, cx, y, col_w);
    ui_flow_draw_items(ui, sc, f, fl, pos, page, cx, y, col_w, h);
  }
  if (spreads > 1)
    ui_page_rail(ui, sc, f, (ui_rect_t){x + w - ui_rail_width(f), y, ui_rail_width(f), h}, ui->page,
                 spreads);
  if (fl->full) {
    scene_text_style_t st = ui_style(f, UI_TK_SMALL, "flow.full");
    /* Reported as an overflow: content was dropped. */
    scene_text(sc, &ui->measurer, x, y, 1, 1, "\xe2\x80\xa6\xe2\x80\xa6", &st);
  }
  return spreads;
}

/* Columns a flow of width w gets: three or two on wide landscape areas
 * (each at least about 25 characters of body text wide). */
int ui_flow_columns(const ui_frame_t *f, int w)
{
  if (f->portrait)
    return 1;
  int col_min = f->body * 16;
  return w >= 3 * col_min + 2 * f->margin ? 3 : w >= 2 * col_min + f->margin ? 2 : 1;
}

/* Draw the current page of the flow in one column. */
int ui_flow_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl, ui_rect_t box)
{
  return ui_flow_draw_cols(ui, sc, f, fl, box, 1);
}
