/*
 * Support services (signposting): categories as large tiles with simple
 * icons, then the services of a category in the alphabetical order of the
 * language on screen (Welsh order in Welsh: i18n_collate), then one
 * service: name, plain summary, phone (large), hours, area, and a QR code
 * of its web address, with a printable slip. Carers and family reach this
 * from the welcome screen without identifying anyone; a patient reaches it
 * from their key worker screen and goes back there.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/card.h"

/* The export's categories, in the order they are offered. */
static const struct {
  const char *id, *title, *icon;
} ui_categories[UI_CATEGORY_COUNT] = {
  {"urgent", "Urgent help", "urgent"},
  {"symptoms", "Symptoms and side effects", "symptoms"},
  {"emotional", "Emotional support", "emotional"},
  {"financial", "Money and benefits", "financial"},
  {"carers_family", "Carers and family", "carers_family"},
  {"support_groups", "Support groups", "support_groups"},
  {"practical", "Practical help", "practical"},
  {"palliative", "Palliative and end of life care", "palliative"},
  {"work", "Work and cancer", "work"},
  {"lifestyle", "Healthy living", "lifestyle"},
  {"information", "Information about cancer", "information"},
  {"clinical_trials", "Clinical trials", "clinical_trials"},
};

/* The category's name in the ui's language. */
const char *ui_category_title(const ui_t *ui, const char *category)
{
  for (int i = 0; i < UI_CATEGORY_COUNT; i++)
    if (!strcmp(ui_categories[i].id, category))
      return ui_tr(ui, ui_categories[i].title);
  return category;
}

/* The category's icon asset name. */
const char *ui_category_icon(const char *category)
{
  for (int i = 0; i < UI_CATEGORY_COUNT; i++)
    if (!strcmp(ui_categories[i].id, category))
      return ui_categories[i].icon;
  return "information";
}

/* Open the category list: only categories that have services. */
void ui_support_open(ui_t *ui)
{
  service_t *all = NULL;
  size_t n = 0;
  ui->ncategories = 0;
  ui->support_fault = false;
  if (ui->store && !store_services_list(ui->store, NULL, &all, &n)) {
    /* Never "no services yet" when the store could not say. */
    ui->support_fault = true;
    ui_audit(ui, "kiosk", "store_error", store_error(ui->store));
  } else if (ui->store) {
    for (int c = 0; c < UI_CATEGORY_COUNT; c++)
      for (size_t i = 0; i < n; i++)
        if (!strcmp(all[i].category, ui_categories[c].id)) {
          snprintf(ui->categories[ui->ncategories++], sizeof ui->categories[0], "%s",
                   ui_categories[c].id);
          break;
        }
  }
  free(all);
  ui_go(ui, UI_SCREEN_SUPPORT);
}

/* The service's name in lang. */
static const char *ui_service_name(const service_t *s, lang_t lang)
{
  return lang == LANG_CY ? s->name_cy : s->name_en;
}

/* Sort keys for i18n_sort: the Welsh name, */
static const char *ui_service_key_cy(const void *item) { return ((const service_t *)item)->name_cy; }
/* and the English name. */
static const char *ui_service_key_en(const void *item) { return ((const service_t *)item)->name_en; }

/* Load the services of a category, sorted in the ui's language. */
bool ui_support_load(ui_t *ui, const char *category)
{
  service_t *list = NULL;
  size_t n = 0;
  if (!ui->store || !store_services_list(ui->store, category, &list, &n))
    return false;
  i18n_sort(ui->lang, list, n, sizeof *list,
            ui->lang == LANG_CY ? ui_service_key_cy : ui_service_key_en);
  if (ui->services)
    sodium_memzero(ui->services, ui->nservices * sizeof *ui->services);
  free(ui->services);
  ui->services = list;
  ui->nservices = n;
  ui->service = 0;
  snprintf(ui->category, sizeof ui->category, "%s", category);
  return true;
}

/* Where "Back" goes from the category list. */
static void ui_support_back(ui_t *ui)
{
  if (ui->person.has_key_worker)
    ui_go(ui, UI_SCREEN_KEY_WORKER);
  else if (ui->person.has_patient)
    ui_go(ui, UI_SCREEN_NO_KEY_WORKER);
  else
    ui_finish(ui);
}

/* A column of variable-height rows, paginated: returns pages; row i is on
 * page pages_of[i]. */
static int ui_rows_paginate(const int *heights, int n, int gap, int h, int *page_of)
{
  int page = 0, y = 0;
  for (int i = 0; i < n; i++) {
    if (y > 0 && y + heights[i] > h) {
      page++;
      y = 0;
    }
    page_of[i] = page;
    y += heights[i] + gap;
  }
  return page + 1;
}

/* The categories as tiles: icon and name. */
static void ui_support_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, ui->person.has_patient, true);
  scene_text_style_t ts = ui_style(f, UI_TK_TITLE, "support.title");
  ts.wrap = false;
  ts.min_font_px = f->body;
  int title_h = f->title * 6 / 5;
  scene_text(sc, &ui->measurer, f->cx, f->cy, f->cw, title_h, ui_tr(ui, "Support services"), &ts);
  int y0 = f->cy + title_h + f->gap;
  int avail_h = f->cy + f->ch - y0;
  if (ui->support_fault) {
    ui_flow_t fl;
    ui_flow_init(&fl);
    ui_flow_panel(&fl, true);
    ui_flow_text(&fl, UI_TK_BODY_BOLD, "support.fault",
                 ui_tr(ui, "Sorry, we cannot show the support services just now."));
    ui_flow_text(&fl, UI_TK_BODY, "support.fault.reception",
                 ui_tr(ui, "Please ask at reception. They will be glad to help you."));
    ui_flow_end_panel(&fl);
    ui_flow_draw(ui, sc, f, &fl, (ui_rect_t){f->cx, y0, f->cw, avail_h});
    return;
  }
  if (!ui->ncategories) {
    ui_text(ui, sc, f, (ui_rect_t){f->cx, y0, f->cw, avail_h},
            ui_tr(ui, "There are no services to show yet. Please ask at reception."), UI_TK_BODY,
            SCENE_ALIGN_START, "support.empty");
    return;
  }
  int cols = f->cw / (f->target * 4);
  if (cols > 3)
    cols = 3;
  if (cols < 1)
    cols = 1;
  int tile_h = f->button_h * 3 / 2;
  int rows_fit = (avail_h + f->gap) / (tile_h + f->gap);
  if (rows_fit < 1)
    rows_fit = 1;
  int per_page = rows_fit * cols;
  /* The concerns checklist leads the tiles when offered (issue 15). */
  int extra = ui_concerns_offered(ui) ? 1 : 0, ntiles = ui->ncategories + extra;
  int pages = (ntiles + per_page - 1) / per_page;
  int grid_w = f->cw;
  if (pages > 1) {
    grid_w -= ui_rail_width(f) + f->gap;
    ui_rect_t rail = {f->cx + f->cw - ui_rail_width(f), y0, ui_rail_width(f), avail_h};
    ui_page_rail(ui, sc, f, rail, ui->page < pages ? ui->page : pages - 1, pages);
  }
  if (ui->page >= pages)
    ui->page = pages - 1;
  int tile_w = (grid_w - (cols - 1) * f->gap) / cols;
  for (int t = ui->page * per_page; t < ntiles && t < (ui->page + 1) * per_page; t++) {
    int k = t - ui->page * per_page, i = t - extra;
    bool concerns = i < 0;
    int x = f->cx + (k % cols) * (tile_w + f->gap), y = y0 + (k / cols) * (tile_h + f->gap);
    int target = concerns ? UI_T_CONCERNS : UI_T_CATEGORY_0 + i;
    bool pressed = ui->pressing && ui->pressed_target == target;
    scene_rect(sc, x, y, tile_w, tile_h, pressed ? f->th.key_pressed : f->th.panel,
               f->th.primary, 3, 14, target);
    int icon = tile_h - 2 * f->gap;
    if (icon > tile_w / 3)
      icon = tile_w / 3;
    if (ui->high_contrast)
      scene_rect(sc, x + f->gap, y + (tile_h - icon) / 2, icon, icon,
                 (scene_color_t){255, 255, 255, 255}, (scene_color_t){255, 255, 255, 255}, 0,
                 10, 0);
    scene_image(sc, x + f->gap, y + (tile_h - icon) / 2, icon, icon,
                concerns ? "support_groups" : ui_category_icon(ui->categories[i]));
    scene_text_style_t ls = ui_style(f, UI_TK_BODY_BOLD, "support.category");
    ls.valign = SCENE_ALIGN_CENTER;
    if (pressed)
      ls.color = ui->high_contrast ? f->th.bg : f->th.on_primary;
    int lx = x + 2 * f->gap + icon, lw = x + tile_w - lx - f->gap;
    const char *title = concerns ? ui_tr(ui, "What would you like to talk about?")
                                 : ui_category_title(ui, ui->categories[i]);
    ls.font_px = ls.min_font_px = ui_fit_px(ui, f, title, true, lw, tile_h - 8, f->body,
                                            f->small * 7 / 10);
    scene_text(sc, &ui->measurer, lx, y + 4, lw, tile_h - 8, title, &ls);
  }
}

/* Taps on the category tiles. */
static void ui_support_tap(ui_t *ui, int target)
{
  if (target == UI_T_BACK) {
    ui_support_back(ui);
    return;
  }
  if (target == UI_T_CONCERNS && ui_concerns_offered(ui)) {
    ui_concerns_open(ui, UI_SCREEN_SUPPORT);
    return;
  }
  int i = target - UI_T_CATEGORY_0;
  if (i < 0 || i >= ui->ncategories)
    return;
  if (ui_support_load(ui, ui->categories[i])) {
    ui_survey_support_viewed(ui, ui->categories[i]);
    ui_go(ui, UI_SCREEN_SUPPORT_LIST);
    return;
  }
  ui->support_fault = true;
  ui_audit(ui, "kiosk", "store_error", ui->store ? store_error(ui->store) : "no store");
  ui_touch(ui);
}

/* The services of one category, as rows. */
static void ui_support_list_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, ui->person.has_patient, true);
  scene_text_style_t ts = ui_style(f, UI_TK_TITLE, "list.title");
  ts.min_font_px = f->body;
  int title_h = ui_text_height(ui, f, f->cw, ui_category_title(ui, ui->category), &ts);
  if (title_h > f->ch / 3)
    title_h = f->ch / 3;
  scene_text(sc, &ui->measurer, f->cx, f->cy, f->cw, title_h,
             ui_category_title(ui, ui->category), &ts);
  int y0 = f->cy + title_h + f->gap, avail_h = f->cy + f->ch - y0;
  int n = (int)ui->nservices;
  if (n > 64)
    n = 64;
  int heights[64], page_of[64], pages = 1;
  scene_text_style_t ns = ui_style(f, UI_TK_BODY_BOLD, "list.name");
  int pad = f->gap;
  for (int pass = 0; pass < 2; pass++) {
    int w = f->cw - (pass ? ui_rail_width(f) + f->gap : 0);
    for (int i = 0; i < n; i++) {
      const service_t *s = &ui->services[i];
      int th = ui_text_height(ui, f, w - 2 * pad, ui_service_name(s, ui->lang), &ns);
      heights[i] = th + 2 * pad < f->button_h ? f->button_h : th + 2 * pad;
    }
    pages = ui_rows_paginate(heights, n, f->gap, avail_h, page_of);
    if (pages == 1)
      break;
  }
  if (ui->page >= pages)
    ui->page = pages - 1;
  int w = f->cw - (pages > 1 ? ui_rail_width(f) + f->gap : 0);
  if (pages > 1)
    ui_page_rail(ui, sc, f, (ui_rect_t){f->cx + f->cw - ui_rail_width(f), y0, ui_rail_width(f),
                                        avail_h},
                 ui->page, pages);
  int y = y0;
  for (int i = 0; i < n; i++) {
    if (page_of[i] != ui->page)
      continue;
    const service_t *s = &ui->services[i];
    int target = UI_T_ITEM_0 + i;
    bool pressed = ui->pressing && ui->pressed_target == target;
    scene_rect(sc, f->cx, y, w, heights[i], pressed ? f->th.key_pressed : f->th.bg,
               f->th.primary, 3, 12, target);
    scene_text_style_t st = ns;
    st.valign = SCENE_ALIGN_CENTER;
    if (pressed)
      st.color = ui->high_contrast ? f->th.bg : f->th.on_primary;
    scene_text(sc, &ui->measurer, f->cx + pad, y + pad, w - 2 * pad, heights[i] - 2 * pad,
               ui_service_name(s, ui->lang), &st);
    y += heights[i] + f->gap;
  }
}

/* Taps on a service row. */
static void ui_support_list_tap(ui_t *ui, int target)
{
  int i = target - UI_T_ITEM_0;
  if (i >= 0 && (size_t)i < ui->nservices) {
    ui->service = (size_t)i;
    ui_go(ui, UI_SCREEN_SUPPORT_DETAIL);
  }
}

/* One service: what it is, how to reach it, and a QR of its web address. */
static void ui_support_detail_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_top_bar(ui, sc, f, ui_tr(ui, "Back"), UI_T_BACK, ui->person.has_patient, true);
  if (ui->service >= ui->nservices)
    return;
  const service_t *s = &ui->services[ui->service];
  bool cy = ui->lang == LANG_CY;
  const ui_choice_t buttons[] = {{ui_tr(ui, "Print these details"), UI_T_PRINT_SLIP,
                                  UI_BTN_PRIMARY}};
  ui_rect_t spare;
  ui_rect_t box = ui_side_actions(ui, sc, f, buttons, 1, &spare);
  /* The QR code of the web address goes under the print button when the
   * action column has room for it, else at the end of the text. */
  const char *qr_label = ui_tr(ui, "Point your phone camera at the code to open the website:");
  bool qr_aside = false;
  if (s->url[0] && spare.w) {
    scene_text_style_t ls = ui_style(f, UI_TK_SMALL, "service.qr.label");
    int lh = ui_text_height(ui, f, spare.w, qr_label, &ls);
    int qr = spare.w < spare.h - lh - f->gap ? spare.w : spare.h - lh - f->gap;
    if (qr > f->target * 3)
      qr = f->target * 3;
    if (qr >= f->target * 2) {
      scene_text(sc, &ui->measurer, spare.x, spare.y, spare.w, lh, qr_label, &ls);
      scene_qr(sc, spare.x + (spare.w - qr) / 2, spare.y + lh + f->gap, qr, s->url,
               (scene_color_t){0, 0, 0, 255}, (scene_color_t){255, 255, 255, 255});
      qr_aside = true;
    }
  }
  ui_flow_t fl;
  ui_flow_init(&fl);
  ui_flow_text(&fl, UI_TK_TITLE, "service.name", cy ? s->name_cy : s->name_en);
  ui_flow_keep(&fl);
  ui_flow_gap(&fl, f->gap);
  ui_flow_text(&fl, UI_TK_BODY, "service.summary", cy ? s->summary_cy : s->summary_en);
  const char *hours = cy ? s->hours_cy : s->hours_en;
  if (s->phone[0] || hours[0] || s->area[0]) {
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_panel(&fl, false);
    if (s->phone[0]) {
      char phone[64];
      card_format_phone(s->phone, ui_tr(ui, "ext."), phone, sizeof phone);
      ui_flow_text(&fl, UI_TK_MUTED, "service.phone.label", ui_tr(ui, "Phone"));
      ui_flow_keep(&fl);
      ui_flow_text(&fl, UI_TK_PHONE, "service.phone", phone);
    }
    if (hours[0])
      ui_flow_textf(&fl, UI_TK_BODY, "service.hours", "%s: %s", ui_tr(ui, "Open"), hours);
    if (s->area[0])
      ui_flow_textf(&fl, UI_TK_BODY, "service.area", "%s: %s", ui_tr(ui, "Area"), s->area);
    ui_flow_end_panel(&fl);
  }
  if (s->url[0] && !qr_aside) {
    int qr = box.w / 3 < f->target * 3 ? box.w / 3 : f->target * 3;
    if (qr > box.h / 2)
      qr = box.h / 2;
    ui_flow_gap(&fl, f->gap * 2);
    ui_flow_text(&fl, UI_TK_BODY, "service.qr.label", qr_label);
    ui_flow_keep(&fl);
    ui_flow_gap(&fl, f->gap);
    ui_flow_keep(&fl);
    ui_flow_qr(&fl, s->url, qr);
    ui_flow_keep(&fl);
  }
  if (s->url[0]) {
    ui_flow_gap(&fl, f->gap);
    ui_flow_text(&fl, UI_TK_SMALL, "service.url", s->url);
  }
  ui_flow_draw(ui, sc, f, &fl, box);
}

/* Taps on a service: print its slip. */
static void ui_support_detail_tap(ui_t *ui, int target)
{
  if (target == UI_T_PRINT_SLIP && ui->service < ui->nservices) {
    ui_action_t act = {.kind = UI_ACT_PRINT_SERVICE, .lang = ui->lang};
    act.service = ui->services[ui->service];
    ui_start_print(ui, &act, UI_SCREEN_SUPPORT_DETAIL);
  }
}

const ui_screen_def_t ui_support_screens[] = {
  {UI_SCREEN_SUPPORT, "support", ui_support_draw, ui_support_tap, UI_SCREEN_COUNT},
  {UI_SCREEN_SUPPORT_LIST, "support-list", ui_support_list_draw, ui_support_list_tap,
   UI_SCREEN_SUPPORT},
  {UI_SCREEN_SUPPORT_DETAIL, "support-detail", ui_support_detail_draw, ui_support_detail_tap,
   UI_SCREEN_SUPPORT_LIST},
};
const size_t ui_support_screen_count = sizeof ui_support_screens / sizeof ui_support_screens[0];
