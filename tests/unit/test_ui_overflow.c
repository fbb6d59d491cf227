/*
 * Nothing overflows: every kiosk screen (every named preview state), in
 * Welsh and English, at 1920x1080, 1280x800, 1080x1920, 800x480 and a
 * 108 mm 800x480 panel, at text sizes 100, 130, 160 and 200 %, in both
 * themes, with the normal and the longest sample records,
 * and every page of the screens that paginate, is laid out with the real
 * font measurer; the test fails on any text that does not fit its box
 * (scene_overflow_count), any text or button outside the screen, any
 * touch target smaller than the minimum (15 mm, never under 88 px), and
 * any two touch targets that overlap, and whatever ui_scene_faults() finds
 * (a text under a button, a screen's heading missing, the key worker's
 * name, phone or "not an emergency contact" heading not on page 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/i18n.h"
#include "platform/draw.h"
#include "testlib.h"
#include "ui/ui.h"

/* Width, height and the display's width in mm (0: 96 dpi); the last is a
 * 5-inch panel, whose 15 mm targets are 112 px. */
static const int sizes[][3] = {
  {1920, 1080, 0}, {1280, 800, 0}, {1080, 1920, 0}, {800, 480, 0}, {800, 480, 108}};
static const int scales[] = {100, 130, 160, 200};

typedef struct {
  long scenes, overflows, outside, small_targets, overlaps, faults;
} tally_t;

/* Print a fault ui_scene_faults() found. */
static void report_fault(void *ctx, const char *what)
{
  printf("FAIL fault     %s: %s\n", (const char *)ctx, what);
}

/* The RECT carrying target, or NULL. */
static const scene_op_t *find_target(const scene_t *sc, int target)
{
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target == target)
      return op;
  }
  return NULL;
}

/* Tap targets must not overlap: a finger on one must never reach another
 * (the idle, unreadable-barcode, help and display dialogs are drawn over a screen;
 * while one is shown the UI takes taps on its own buttons only). */
static void check_overlaps(const scene_t *sc, const char *what, tally_t *t)
{
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *a = scene_op(sc, i);
    if (a->kind != SCENE_OP_RECT || !a->target)
      continue;
    for (size_t j = i + 1; j < scene_count(sc); j++) {
      const scene_op_t *b = scene_op(sc, j);
      if (b->kind != SCENE_OP_RECT || !b->target)
        continue;
      if (a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h) {
        t->overlaps++;
        printf("FAIL overlap   %s: targets %d (%d,%d %dx%d) and %d (%d,%d %dx%d)\n", what,
               a->target, a->x, a->y, a->w, a->h, b->target, b->x, b->y, b->w, b->h);
      }
    }
  }
}

/* Check one scene; print what is wrong with it. */
static void check_scene(ui_t *ui, const scene_t *sc, const char *what, tally_t *t)
{
  if (!strstr(what, "idle") && !strstr(what, "barcode-unreadable") && strncmp(what, "help", 4) &&
      strncmp(what, "display ", 8))
    check_overlaps(sc, what, t);
  int w = scene_width(sc), h = scene_height(sc), min = ui_min_target_px(ui);
  t->scenes++;
  t->faults += (long)ui_scene_faults(ui, sc, report_fault, (void *)what);
  for (size_t i = 0; i < scene_overflow_count(sc); i++) {
    t->overflows++;
    printf("FAIL overflow  %s: %s\n", what, scene_overflow(sc, i));
  }
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    bool drawn = op->kind == SCENE_OP_TEXT || op->kind == SCENE_OP_QR ||
                 (op->kind == SCENE_OP_RECT && op->target);
    if (drawn && (op->x < 0 || op->y < 0 || op->x + op->w > w || op->y + op->h > h)) {
      t->outside++;
      printf("FAIL outside   %s: op %zu (%d,%d %dx%d) \"%s\"\n", what, i, op->x, op->y, op->w,
             op->h, op->text ? op->text : "");
    }
    if (op->kind == SCENE_OP_RECT && op->target && (op->w < min || op->h < min)) {
      t->small_targets++;
      printf("FAIL small     %s: target %d is %dx%d (min %d)\n", what, op->target, op->w,
             op->h, min);
    }
  }
}

/* Render one preview in one configuration, every page of it. */
static void check_preview(ui_t *ui, const char *name, lang_t lang, int percent, bool longest,
                          bool high_contrast, tally_t *t)
{
  char what[160];
  int64_t now = 5000000;
  ui_set_lang(ui, lang);
  ui_set_high_contrast(ui, high_contrast);
  ui_set_text_scale(ui, percent);
  if (!ui_preview(ui, name, longest, now)) {
    printf("FAIL unknown preview %s\n", name);
    t->overflows++;
    return;
  }
  for (int page = 0; page < 12; page++) {
    const scene_t *sc = ui_scene(ui);
    snprintf(what, sizeof what, "%s %s %dx%d t%d %d%%%s%s p%d", name, i18n_lang_code(lang),
             scene_width(sc), scene_height(sc), (int)ui_min_target_px(ui), percent,
             longest ? " longest" : "", high_contrast ? " high" : "", page + 1);
    check_scene(ui, sc, what, t);
    const scene_op_t *down = find_target(sc, UI_T_PAGE_DOWN);
    if (!down)
      break;
    int x = down->x + down->w / 2, y = down->y + down->h / 2;
    ui_handle(ui, &(ui_event_t){.kind = UI_EV_PRESS, .now_ms = now, .x = x, .y = y});
    ui_handle(ui, &(ui_event_t){.kind = UI_EV_RELEASE, .now_ms = now + 100, .x = x, .y = y});
    now += 200;
  }
}

/* Every preview in every configuration. */
/* A measurer that remembers nothing: each call asks the renderer's, and is
 * counted. */
typedef struct {
  scene_measurer_t real;
  long calls;
} counting_t;

static bool counting_measure(void *ctx, const char *utf8, int px, bool bold, int *w, int *h)
{
  counting_t *c = ctx;
  c->calls++;
  return c->real.measure(c->real.ctx, utf8, px, bold, w, h);
}

/* The UI keeps no measurement cache of its own (the renderer's is the only
 * one, wiped when a journey ends): with an uncached measurer every screen
 * still lays out the same, and a new scene measures again. */
static void test_uncached(const config_t *cfg, const i18n_t *cat, draw_t *draw, tally_t *t)
{
  TEST_SECTION("an uncached measurer: the same screens, measured anew each time");
  counting_t counting = {.real = draw_measurer(draw)};
  ui_options_t opt = {.cfg = cfg, .cat = cat, .store = NULL,
                      .measurer = {.measure = counting_measure, .ctx = &counting}};
  ui_t *ui = ui_new(&opt, 1280, 800);
  CHECK(ui != NULL);
  if (!ui)
    return;
  for (size_t p = 0; p < ui_preview_count(); p++)
    check_preview(ui, ui_preview_name(p), LANG_CY, 100, false, false, t);
  CHECK(ui_preview(ui, "key-worker", false, 1));
  CHECK(ui_scene(ui) != NULL);
  long first = counting.calls;
  CHECK(ui_preview(ui, "key-worker", false, 2)); /* the same screen, laid out again */
  CHECK(ui_scene(ui) != NULL);
  CHECK(counting.calls - first > 10);
  ui_free(ui);
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], locales[512];
  config_t cfg;
  tally_t t = {0};
  config_defaults(&cfg);
  snprintf(cfg.site_name, sizeof cfg.site_name,
           "Canolfan Ganser Glan Hafren / Glan Hafren Cancer Centre");
  snprintf(cfg.acute_oncology_phone, sizeof cfg.acute_oncology_phone, "029 2018 0999");
  snprintf(cfg.acute_oncology_hours_en, sizeof cfg.acute_oncology_hours_en, "24 hours a day");
  snprintf(cfg.acute_oncology_hours_cy, sizeof cfg.acute_oncology_hours_cy, "24 awr y dydd");
  snprintf(locales, sizeof locales, "%s/locales", src ? src : ".");
  i18n_t *cat = i18n_load(locales, err, sizeof err);
  draw_t *draw = draw_new(NULL, NULL, NULL, err, sizeof err);
  CHECK(cat != NULL);
  CHECK(draw != NULL);
  if (!cat || !draw) {
    printf("%s\n", err);
    return test_summary();
  }
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    config_t size_cfg = cfg;
    size_cfg.display_width_mm = sizes[s][2];
    ui_options_t opt = {.cfg = &size_cfg, .cat = cat, .store = NULL,
                        .measurer = draw_measurer(draw)};
    ui_t *ui = ui_new(&opt, sizes[s][0], sizes[s][1]);
    tally_t before = t;
    /* The theme changes colours only, never places: the high-contrast
     * theme is checked with the longest records, the calm one with both. */
    for (size_t p = 0; p < ui_preview_count(); p++)
      for (int lang = 0; lang < LANG_COUNT; lang++)
        for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
          for (int v = 0; v < 3; v++)
            check_preview(ui, ui_preview_name(p), (lang_t)lang, scales[k], v > 0, v == 2, &t);
    printf("-- %dx%d (%d mm): %ld scenes, %ld overflows, %ld outside, %ld small targets, "
           "%ld overlaps, %ld faults\n",
           sizes[s][0], sizes[s][1], sizes[s][2], t.scenes - before.scenes,
           t.overflows - before.overflows, t.outside - before.outside,
           t.small_targets - before.small_targets, t.overlaps - before.overlaps,
           t.faults - before.faults);
    ui_free(ui);
  }
  test_uncached(&cfg, cat, draw, &t);
  CHECK(t.scenes >= (long)(ui_preview_count() * 2 * 4 * 3 * 4));
  CHECK_INT(t.faults, 0);
  CHECK_INT(t.overflows, 0);
  CHECK_INT(t.outside, 0);
  CHECK_INT(t.small_targets, 0);
  CHECK_INT(t.overlaps, 0);
  draw_free(draw);
  i18n_free(cat);
  return test_summary();
}
