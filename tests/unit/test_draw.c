/*
 * Renderer tests: draw a scene with rectangles, a line, text and a QR code
 * onto a software surface, write it as PNG, read it back, check sizes and
 * pixels, and decode the QR with zbarimg to the exact payload bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#include "core/scene.h"
#include "core/vcard.h"
#include "platform/draw.h"
#include "platform/raster.h"
#include "testlib.h"

static const scene_color_t WHITE = {255, 255, 255, 255}, BLACK = {0, 0, 0, 255};
static const scene_color_t RED = {200, 16, 46, 255}, BLUE = {0, 80, 160, 255};
static const scene_color_t NONE = {0, 0, 0, 0};

/* The ARGB pixel at (x, y). */
static Uint32 pixel(SDL_Surface *s, int x, int y)
{
  return ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

/* Run zbarimg on path and return its stdout bytes in out; -1 on failure. */
static long zbar_decode(const char *path, char *out, size_t len)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "zbarimg --raw -q -Sbinary '%s' 2>/dev/null", path);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  size_t n = fread(out, 1, len - 1, p);
  out[n] = '\0';
  int status = pclose(p);
  return status == 0 ? (long)n : -1;
}

/* Draw one scene with every op kind and check the pixels. */
static void test_scene_to_png(const char *dir)
{
  TEST_SECTION("scene with text and QR to PNG");
  char err[256] = "", path[512], got[4096];
  const char *payload = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Llŷr;Siân;;;\r\nFN:Siân Llŷr\r\n"
                        "TITLE:Nyrs Glinigol Arbenigol\r\nTEL;TYPE=WORK,VOICE:+442920615888\r\n"
                        "END:VCARD\r\n";
  draw_t *d = draw_new(NULL, NULL, NULL, err, sizeof err);
  CHECK(d != NULL);
  if (!d)
    return;
  scene_measurer_t m = draw_measurer(d);
  scene_t *sc = scene_new(640, 400, WHITE);
  scene_rect(sc, 10, 10, 300, 120, BLUE, BLACK, 4, 20, 1);
  scene_rect(sc, 10, 150, 300, 60, NONE, RED, 3, 0, 0);
  scene_line(sc, 10, 230, 310, 230, BLACK, 2);
  scene_text_style_t st = {.font_px = 28, .min_font_px = 14, .bold = true, .wrap = true,
                           .color = BLACK, .label = "name"};
  scene_text(sc, &m, 20, 250, 280, 140, "Siân Llŷr — Nyrs Glinigol Arbenigol", &st);
  scene_qr(sc, 330, 10, 300, payload, BLACK, WHITE);
  CHECK_INT(scene_overflow_count(sc), 0);

  SDL_Surface *s = draw_surface_new(640, 400);
  CHECK(s != NULL);
  CHECK(draw_scene(d, sc, s));
  printf("   draw_error: '%s'\n", draw_error(d));

  /* Fill, border, rounded corner (background shows), transparent fill. */
  CHECK_INT(pixel(s, 160, 70), 0xFF0050A0);
  CHECK_INT(pixel(s, 160, 11), 0xFF000000);
  CHECK_INT(pixel(s, 11, 11), 0xFFFFFFFF);
  CHECK_INT(pixel(s, 160, 151), 0xFFC8102E);
  CHECK_INT(pixel(s, 160, 180), 0xFFFFFFFF);
  CHECK_INT(pixel(s, 160, 230), 0xFF000000);
  CHECK_INT(pixel(s, 160, 232), 0xFFFFFFFF);
  /* Text drew dark pixels inside its box and nothing right of it. */
  long dark = 0, outside = 0;
  for (int y = 250; y < 390; y++)
    for (int x = 0; x < 640; x++)
      if ((pixel(s, x, y) & 0xFF) < 128 && x < 330)
        (x >= 20 && x < 300) ? dark++ : outside++;
  long translucent = 0;
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 640; x++)
      translucent += pixel(s, x, y) >> 24 != 255;
  printf("   text: %ld dark pixels in its box, %ld outside; %ld translucent pixels\n", dark,
         outside, translucent);
  CHECK_INT(translucent, 0);
  CHECK(dark > 500);
  CHECK_INT(outside, 0);

  snprintf(path, sizeof path, "%s/scene.png", dir);
  CHECK(raster_write_surface_png(s, 0, path, err, sizeof err));
  SDL_Surface *back = IMG_Load(path);
  CHECK(back != NULL);
  if (back) {
    printf("   PNG %dx%d\n", back->w, back->h);
    CHECK_INT(back->w, 640);
    CHECK_INT(back->h, 400);
    SDL_FreeSurface(back);
  }
  long n = zbar_decode(path, got, sizeof got);
  printf("   zbarimg read %ld bytes (payload %zu)\n", n, strlen(payload));
  CHECK_INT(n, (long)strlen(payload));
  CHECK(n >= 0 && memcmp(got, payload, strlen(payload)) == 0);

  /* A box too small for the code is an error, not a silent blank. */
  scene_t *tiny = scene_new(100, 100, WHITE);
  scene_qr(tiny, 0, 0, 20, payload, BLACK, WHITE);
  CHECK(!draw_scene(d, tiny, s));
  printf("   tiny QR: %s\n", draw_error(d));
  CHECK(strstr(draw_error(d), "does not fit") != NULL);

  /* Wrong surface format is refused. */
  SDL_Surface *rgb = SDL_CreateRGBSurfaceWithFormat(0, 10, 10, 24, SDL_PIXELFORMAT_RGB24);
  CHECK(!draw_scene(d, tiny, rgb));
  SDL_FreeSurface(rgb);
  scene_free(tiny);
  SDL_FreeSurface(s);
  scene_free(sc);
  draw_free(d);
}

/* The QR is centred with an integer module size and a 4-module quiet zone. */
static void test_qr_geometry(void)
{
  TEST_SECTION("QR geometry");
  char err[256] = "";
  const char *payload = "https://example.invalid/allwedd";
  draw_t *d = draw_new(NULL, NULL, NULL, err, sizeof err);
  vcard_qr_plan_t plan;
  CHECK(vcard_qr_plan(payload, 200, &plan));
  printf("   plan: level %d, %d modules, %d px per module\n", plan.level, plan.modules,
         plan.module_px);
  CHECK(plan.level >= VCARD_QR_M);
  CHECK_INT(plan.module_px, 200 / (plan.modules + 8));
  scene_t *sc = scene_new(200, 200, RED);
  scene_qr(sc, 0, 0, 200, payload, BLACK, WHITE);
  SDL_Surface *s = draw_surface_new(200, 200);
  CHECK(draw_scene(d, sc, s));
  int side = (plan.modules + 8) * plan.module_px, off = (200 - side) / 2;
  int q = off + 4 * plan.module_px;
  CHECK_INT(pixel(s, off - 1 < 0 ? 0 : off - 1, 100), off > 0 ? 0xFFC8102E : 0xFFFFFFFF);
  CHECK_INT(pixel(s, off, off), 0xFFFFFFFF);
  CHECK_INT(pixel(s, q, q), 0xFF000000);  /* finder pattern corner */
  CHECK_INT(pixel(s, q + plan.module_px, q + plan.module_px), 0xFFFFFFFF);
  SDL_FreeSurface(s);
  scene_free(sc);
  draw_free(d);
}

/* A missing font file is reported with its path. */
static void test_bad_font(void)
{
  TEST_SECTION("bad font path");
  char err[256] = "";
  draw_t *d = draw_new("/nonexistent/font.ttf", NULL, NULL, err, sizeof err);
  CHECK(d == NULL);
  printf("   %s\n", err);
  CHECK(strstr(err, "/nonexistent/font.ttf") != NULL);
}

int main(void)
{
  char dir[] = "/tmp/allwedd-draw-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_scene_to_png(dir);
  test_qr_geometry();
  test_bad_font();
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    printf("   could not remove %s\n", dir);
  return test_summary();
}
