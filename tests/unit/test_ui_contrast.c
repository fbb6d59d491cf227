/*
 * The emergency panel ("your key worker is not an emergency contact")
 * meets WCAG 2.2 1.4.11 Non-text Contrast and 1.4.3 Contrast (Minimum) in
 * both themes, measured on what the screens really draw: the panel is found
 * in the scene as the bordered RECT around the text labelled
 * "emergency.heading", and its colours are compared with WCAG's relative
 * luminance contrast ratio:
 *  - the panel's edge against the screen's background: at least 3:1 (the
 *    edge is what shows where the panel is; its pale tint is allowed to be
 *    close to the background, since the edge carries the boundary);
 *  - the edge against the panel's own tint: at least 3:1 (the edge stays
 *    visible from inside too);
 *  - every text inside the panel against the tint: at least 4.5:1.
 * Checked on the key worker and "no key worker" screens, in both languages,
 * both themes and with the longest records (so the panel is drawn whole),
 * and on the printed card's emergency band (its tinted box on the white
 * card, in the colour profile; the mono profile prints black on white).
 * Source: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio and
 * https://www.w3.org/TR/WCAG22/#dfn-relative-luminance (sRGB, 0.04045).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/card.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/profile.h"
#include "platform/draw.h"
#include "testlib.h"
#include "ui/ui.h"

/* One sRGB channel (0-255) made linear. */
static double channel_linear(uint8_t v)
{
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance of an opaque colour. */
static double luminance(scene_color_t c)
{
  return 0.2126 * channel_linear(c.r) + 0.7152 * channel_linear(c.g) +
         0.0722 * channel_linear(c.b);
}

/* WCAG contrast ratio of two opaque colours, 1 to 21. */
static double contrast_ratio(scene_color_t a, scene_color_t b)
{
  double la = luminance(a), lb = luminance(b);
  return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The ratio test itself, on the values WCAG's own examples give. */
static void test_formula(void)
{
  TEST_SECTION("the contrast ratio formula");
  scene_color_t white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
  CHECK(fabs(contrast_ratio(white, black) - 21.0) < 1e-9);
  CHECK(fabs(contrast_ratio(white, white) - 1.0) < 1e-9);
  /* #767676 on white is the well-known lightest grey at 4.5:1 (4.54). */
  double grey = contrast_ratio((scene_color_t){0x76, 0x76, 0x76, 255}, white);
  CHECK(grey > 4.5 && grey < 4.6);
  /* The old amber edge on its tint: the 1.60:1 the review measured. */
  double old = contrast_ratio((scene_color_t){0xff, 0xb8, 0x1c, 255},
                              (scene_color_t){0xff, 0xf6, 0xd8, 255});
  CHECK(old > 1.55 && old < 1.65);
}

/* True when op lies inside rect r. */
static bool inside(const scene_op_t *op, const scene_op_t *r)
{
  return op->x >= r->x && op->y >= r->y && op->x + op->w <= r->x + r->w &&
         op->y + op->h <= r->y + r->h;
}

/* The smallest bordered RECT around the first text labelled label, or NULL. */
static const scene_op_t *panel_around(const scene_t *sc, const char *label)
{
  const scene_op_t *heading = NULL, *panel = NULL;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_TEXT && !strcmp(op->label, label)) {
      heading = op;
      break;
    }
  }
  for (size_t i = 0; heading && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_RECT || op->border_px <= 0 || op->bg.a == 0 || op->target ||
        !inside(heading, op))
      continue;
    if (!panel || (long)op->w * op->h < (long)panel->w * panel->h)
      panel = op;
  }
  return panel;
}

/* Check one screen's emergency panel; returns how many panels were found (0 or 1). */
static int check_screen(ui_t *ui, const char *name, lang_t lang, bool high, bool longest)
{
  char what[160];
  snprintf(what, sizeof what, "%s %s%s%s", name, i18n_lang_code(lang), high ? " high" : "",
           longest ? " longest" : "");
  ui_set_lang(ui, lang);
  ui_set_high_contrast(ui, high);
  ui_set_text_scale(ui, 100);
  if (!CHECK(ui_preview(ui, name, longest, 5000000)))
    return 0;
  const scene_t *sc = ui_scene(ui);
  const scene_op_t *panel = sc ? panel_around(sc, "emergency.heading") : NULL;
  if (!testlib_check(panel != NULL, __FILE__, __LINE__, "emergency panel drawn")) {
    printf("      %s\n", what);
    return 0;
  }
  scene_color_t bg = scene_background(sc);
  double edge_bg = contrast_ratio(panel->fg, bg);
  double edge_tint = contrast_ratio(panel->fg, panel->bg);
  if (!testlib_check(edge_bg >= 3.0, __FILE__, __LINE__, "panel edge vs background >= 3:1"))
    printf("      %s: %.2f:1\n", what, edge_bg);
  if (!testlib_check(edge_tint >= 3.0, __FILE__, __LINE__, "panel edge vs its tint >= 3:1"))
    printf("      %s: %.2f:1\n", what, edge_tint);
  int texts = 0;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_TEXT || !inside(op, panel))
      continue;
    texts++;
    double text_tint = contrast_ratio(op->fg, panel->bg);
    if (!testlib_check(text_tint >= 4.5, __FILE__, __LINE__, "panel text vs tint >= 4.5:1"))
      printf("      %s %s \"%s\": %.2f:1\n", what, op->label, op->text, text_tint);
  }
  CHECK(texts >= 2); /* the heading and at least the 999 advice */
  if (getenv("ALLWEDD_TEST_VERBOSE"))
    printf("      %s: edge/background %.2f:1, edge/tint %.2f:1\n", what, edge_bg, edge_tint);
  return 1;
}

/* The card's emergency band, in the colour card profile. */
static void test_card_band(const char *src, const i18n_t *cat, draw_t *draw)
{
  TEST_SECTION("the printed card's emergency band");
  char err[512];
  profile_t prof;
  if (!CHECK(profile_load(&prof, src, "cr80", err, sizeof err))) {
    printf("      %s\n", err);
    return;
  }
  key_worker_t kw;
  memset(&kw, 0, sizeof kw);
  snprintf(kw.given_name, sizeof kw.given_name, "Gwenno");
  snprintf(kw.family_name, sizeof kw.family_name, "Rees");
  snprintf(kw.phone, sizeof kw.phone, "+442920180123");
  card_content_t c = {.kw = &kw, .site = "Glan Hafren", .print_date = "2026-11-29",
                      .acute_oncology_phone = "029 2018 0999", .qr_lang = LANG_CY, .cat = cat};
  scene_measurer_t m = draw_measurer(draw);
  scene_t *sc = card_scene(&c, &prof, 0, &m, NULL, err, sizeof err);
  if (!CHECK(sc != NULL)) {
    printf("      %s\n", err);
    return;
  }
  const scene_op_t *band = panel_around(sc, "card.emergency");
  if (CHECK(band != NULL) && CHECK(prof.color)) {
    /* The band sits on the card's white face. */
    scene_color_t white = {255, 255, 255, 255};
    double edge_card = contrast_ratio(band->fg, white), edge_tint = contrast_ratio(band->fg, band->bg);
    if (!testlib_check(edge_card >= 3.0, __FILE__, __LINE__, "card band edge vs card >= 3:1"))
      printf("      %.2f:1\n", edge_card);
    if (!testlib_check(edge_tint >= 3.0, __FILE__, __LINE__, "card band edge vs its tint >= 3:1"))
      printf("      %.2f:1\n", edge_tint);
    int texts = 0;
    for (size_t i = 0; i < scene_count(sc); i++) {
      const scene_op_t *op = scene_op(sc, i);
      if (op->kind != SCENE_OP_TEXT || !inside(op, band))
        continue;
      texts++;
      double r = contrast_ratio(op->fg, band->bg);
      if (!testlib_check(r >= 4.5, __FILE__, __LINE__, "card band text vs tint >= 4.5:1"))
        printf("      \"%s\": %.2f:1\n", op->text, r);
    }
    CHECK(texts >= 2);
    if (getenv("ALLWEDD_TEST_VERBOSE"))
      printf("      card band: edge/card %.2f:1, edge/tint %.2f:1\n", edge_card, edge_tint);
  }
  scene_free(sc);
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], locales[512];
  config_t cfg;
  config_defaults(&cfg);
  snprintf(cfg.acute_oncology_phone, sizeof cfg.acute_oncology_phone, "029 2018 0999");
  snprintf(locales, sizeof locales, "%s/locales", src ? src : ".");
  i18n_t *cat = i18n_load(locales, err, sizeof err);
  draw_t *draw = draw_new(NULL, NULL, NULL, err, sizeof err);
  test_formula();
  if (!CHECK(cat != NULL) || !CHECK(draw != NULL)) {
    printf("%s\n", err);
    goto done;
  }
  TEST_SECTION("the emergency panel in both themes");
  ui_options_t opt = {.cfg = &cfg, .cat = cat, .store = NULL, .measurer = draw_measurer(draw)};
  ui_t *ui = ui_new(&opt, 1920, 1080);
  if (!CHECK(ui != NULL))
    goto done;
  int panels = 0;
  const char *screens[] = {"key-worker", "no-key-worker"};
  for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++)
    for (int lang = 0; lang < LANG_COUNT; lang++)
      for (int v = 0; v < 4; v++)
        panels += check_screen(ui, screens[s], (lang_t)lang, v & 1, v & 2);
  CHECK_INT(panels, 2 * LANG_COUNT * 4);
  ui_free(ui);
  test_card_band(src ? src : ".", cat, draw);
done:
  draw_free(draw);
  i18n_free(cat);
  return test_summary();
}
