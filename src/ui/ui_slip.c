/*
 * The "print these details" slip of a support service: one page with the
 * service in Welsh then in English (printed matter is bilingual), its phone
 * number large, and a QR code of its web address. Laid out in pixels at the
 * printer's resolution with the renderer's measurer, like the card, so what
 * is printed is what was checked to fit. Pure: never draws.
 */
#include "ui/ui.h"

#include <stdio.h>
#include <string.h>

#include "core/card.h"

/* Points to pixels at dpi. */
static int ui_pt(double pt, int dpi) { return (int)(pt * dpi / 72.0 + 0.5); }

/* One language's block; returns the y below it. */
static int ui_slip_block(scene_t *sc, const scene_measurer_t *m, const service_t *s,
                         const i18n_t *cat, lang_t lang, int x, int y, int w, int bottom,
                         int dpi)
{
  const scene_color_t ink = {0x0b, 0x25, 0x45, 255}, muted = {0x42, 0x54, 0x66, 255};
  bool cy = lang == LANG_CY;
  char line[1024], phone[64];
  scene_text_style_t name = {.font_px = ui_pt(16, dpi), .min_font_px = ui_pt(11, dpi),
                             .bold = true, .wrap = true, .color = ink, .label = "slip.name"};
  scene_text_style_t body = {.font_px = ui_pt(11, dpi), .min_font_px = ui_pt(9, dpi),
                             .wrap = true, .color = ink, .label = "slip.body"};
  scene_text_style_t big = {.font_px = ui_pt(18, dpi), .min_font_px = ui_pt(12, dpi),
                            .bold = true, .wrap = true, .color = ink, .label = "slip.phone"};
  int gap = ui_pt(6, dpi);
  y += scene_text(sc, m, x, y, w, bottom - y, cy ? s->name_cy : s->name_en, &name) + gap;
  y += scene_text(sc, m, x, y, w, bottom - y, cy ? s->summary_cy : s->summary_en, &body) + gap;
  if (s->phone[0]) {
    card_format_phone(s->phone, i18n_get(cat, lang, "kiosk", "ext."), phone, sizeof phone);
    snprintf(line, sizeof line, "%s: %s", i18n_get(cat, lang, "kiosk", "Phone"), phone);
    y += scene_text(sc, m, x, y, w, bottom - y, line, &big) + gap / 2;
  }
  const char *hours = cy ? s->hours_cy : s->hours_en;
  if (hours[0]) {
    snprintf(line, sizeof line, "%s: %s", i18n_get(cat, lang, "kiosk", "Open"), hours);
    y += scene_text(sc, m, x, y, w, bottom - y, line, &body);
  }
  if (s->area[0]) {
    snprintf(line, sizeof line, "%s: %s", i18n_get(cat, lang, "kiosk", "Area"), s->area);
    y += scene_text(sc, m, x, y, w, bottom - y, line, &body);
  }
  body.color = muted;
  if (s->url[0])
    y += scene_text(sc, m, x, y, w, bottom - y, s->url, &body);
  return y + 2 * gap;
}

/* The slip of service s as one page of width x height pixels at dpi. */
scene_t *ui_service_slip(const service_t *s, const i18n_t *cat, int width_px, int height_px,
                         int dpi, int margin_px, const scene_measurer_t *m)
{
  const scene_color_t white = {255, 255, 255, 255}, ink = {0x0b, 0x25, 0x45, 255};
  const scene_color_t rule = {0x76, 0x86, 0x92, 255}, black = {0, 0, 0, 255};
  scene_t *sc = scene_new(width_px, height_px, white);
  if (!sc)
    return NULL;
  int x = margin_px, w = width_px - 2 * margin_px, y = margin_px;
  int bottom = height_px - margin_px;
  int qr = s->url[0] ? ui_pt(85, dpi) : 0; /* 30 mm */
  scene_text_style_t head = {.font_px = ui_pt(12, dpi), .min_font_px = ui_pt(9, dpi),
                             .bold = true, .wrap = true, .color = ink, .label = "slip.head"};
  char title[256];
  snprintf(title, sizeof title, "%s / %s", i18n_get(cat, LANG_CY, "kiosk", "Support services"),
           i18n_get(cat, LANG_EN, "kiosk", "Support services"));
  y += scene_text(sc, m, x, y, w, bottom - y, title, &head) + ui_pt(4, dpi);
  scene_line(sc, x, y, x + w, y, rule, ui_pt(1, dpi));
  y += ui_pt(10, dpi);
  int text_w = qr ? w - qr - ui_pt(12, dpi) : w;
  int top = y;
  y = ui_slip_block(sc, m, s, cat, LANG_CY, x, y, text_w, bottom, dpi);
  if (qr)
    scene_qr(sc, x + w - qr, top, qr, s->url, black, white);
  scene_line(sc, x, y - ui_pt(6, dpi), x + w, y - ui_pt(6, dpi), rule, ui_pt(1, dpi));
  ui_slip_block(sc, m, s, cat, LANG_EN, x, y + ui_pt(6, dpi), text_w, bottom, dpi);
  return sc;
}
