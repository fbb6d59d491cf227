/*
 * Scene tests: op list and string ownership, text fitting (shrink, wrap,
 * grapheme-safe breaks, overflow records) with both an exact fixed-advance
 * measurer (to pin break positions) and the real SDL_ttf measurer from
 * draw.c (Liberation Sans), and the tap-target hit test.
 */
#include <stdio.h>
#include <string.h>

#include "core/scene.h"
#include "platform/draw.h"
#include "testlib.h"

static const scene_color_t WHITE = {255, 255, 255, 255}, BLACK = {0, 0, 0, 255};
static const scene_color_t NONE = {0, 0, 0, 0};

/* Fixed advance: every byte is font_px/2 wide, lines are font_px tall. */
static bool mono_measure(void *ctx, const char *utf8, int font_px, bool bold, int *w, int *h)
{
  (void)ctx;
  (void)bold;
  *w = (int)strlen(utf8) * font_px / 2;
  *h = font_px;
  return true;
}

/* A measurer that always refuses. */
static bool refuse_measure(void *ctx, const char *utf8, int font_px, bool bold, int *w, int *h)
{
  (void)ctx, (void)utf8, (void)font_px, (void)bold, (void)w, (void)h;
  return false;
}

/* Join the TEXT ops of sc from index first with sep; returns the count. */
static size_t join_lines(const scene_t *sc, size_t first, const char *sep, char *out, size_t len)
{
  size_t n = 0;
  out[0] = '\0';
  for (size_t i = first; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_TEXT)
      continue;
    if (n++)
      strncat(out, sep, len - strlen(out) - 1);
    strncat(out, op->text, len - strlen(out) - 1);
  }
  return n;
}

/* The op list, string copies and accessors. */
static void test_ops(void)
{
  TEST_SECTION("ops and ownership");
  scene_t *sc = scene_new(320, 200, WHITE);
  CHECK(sc != NULL);
  CHECK_INT(scene_width(sc), 320);
  CHECK_INT(scene_height(sc), 200);
  CHECK_INT(scene_background(sc).r, 255);
  char payload[32] = "hello";
  CHECK(scene_rect(sc, 1, 2, 3, 4, WHITE, BLACK, 1, 2, 7));
  CHECK(scene_qr(sc, 10, 10, 100, payload, BLACK, WHITE));
  CHECK(scene_line(sc, 0, 5, 50, 5, BLACK, 2));
  CHECK(scene_image(sc, 0, 0, 16, 16, "phone"));
  strcpy(payload, "changed");
  CHECK_INT(scene_count(sc), 4);
  CHECK_STR(scene_op(sc, 1)->text, "hello");
  CHECK_INT(scene_op(sc, 1)->w, 100);
  CHECK_INT(scene_op(sc, 2)->w, 50);
  CHECK_INT(scene_op(sc, 2)->h, 0);
  CHECK_STR(scene_op(sc, 3)->text, "phone");
  CHECK(scene_op(sc, 4) == NULL);
  CHECK(!scene_failed(sc));
  for (int i = 0; i < 1000; i++)
    scene_rect(sc, i, i, 1, 1, WHITE, NONE, 0, 0, 0);
  CHECK_INT(scene_count(sc), 1004);
  scene_free(sc);
  scene_free(NULL);
}

/* Exact break positions with the fixed-advance measurer. */
static void test_mono_fit(void)
{
  TEST_SECTION("fit with a fixed-advance measurer");
  scene_measurer_t m = {mono_measure, NULL};
  scene_t *sc = scene_new(400, 400, WHITE);
  char joined[512];
  scene_text_style_t st = {.font_px = 20, .min_font_px = 10, .wrap = true, .color = BLACK,
                           .label = "t"};

  /* 10 bytes at 20 px = 100 px: fits a 100 px box at 20 px. */
  int used = scene_text(sc, &m, 0, 0, 100, 100, "abcdefghij", &st);
  CHECK_INT(used, 20);
  CHECK_INT(scene_op(sc, 0)->font_px, 20);
  CHECK_INT(scene_op(sc, 0)->w, 100);

  /* 10 bytes in 80 px: largest size with 10*px/2 <= 80 is 16. */
  size_t first = scene_count(sc);
  used = scene_text(sc, &m, 0, 0, 80, 100, "abcdefghij", &st);
  CHECK_INT(scene_op(sc, first)->font_px, 16);
  CHECK_INT(used, 16);

  /* Too long for one line even at 10 px (5 px/byte, 60 px = 12 bytes): wrap. */
  first = scene_count(sc);
  used = scene_text(sc, &m, 0, 0, 60, 100, "aaaa bbbb cccc dddd eeeeee", &st);
  size_t n = join_lines(sc, first, "|", joined, sizeof joined);
  printf("   wrapped at 10 px in 60 px: %s\n", joined);
  CHECK_STR(joined, "aaaa bbbb|cccc dddd|eeeeee");
  CHECK_INT(n, 3);
  CHECK_INT(used, 30);
  CHECK_INT(scene_op(sc, first)->font_px, 10);
  CHECK_INT(scene_overflow_count(sc), 0);

  /* A short last word never stands alone: "call 999." stays together. */
  first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 60, 100, "aaaa bbbb cccc dddd 999.", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  printf("   no orphan: %s\n", joined);
  CHECK_STR(joined, "aaaa bbbb|cccc|dddd 999.");

  /* A phone number never breaks between its groups of digits. */
  first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 70, 100, "Ffoniwch 029 2018 0999 heddiw", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  printf("   phone whole: %s\n", joined);
  CHECK_STR(joined, "Ffoniwch|029 2018 0999|heddiw");

  /* Hyphen stays on the first line (UAX #14). */
  first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 60, 100, "Caerdydd-a-Bro Morgannwg", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  printf("   hyphen: %s\n", joined);
  CHECK_STR(joined, "Caerdydd-a-|Bro|Morgannwg");
  CHECK_INT(scene_overflow_count(sc), 0);

  /* A word wider than the box shrinks rather than break ("Bwlc / h")... */
  first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 60, 100, "Ym Mwlch-y-groes Llanfairpwllg", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  printf("   shrunk, not broken: %s at %d px\n", joined, scene_op(sc, first)->font_px);
  CHECK_INT(scene_op(sc, first)->font_px, 9);
  CHECK(strstr(joined, "Llanfairpwllg") != NULL);
  CHECK_INT(scene_overflow_count(sc), 0);

  /* ...and only when even the floor (80 % of the minimum) is too big is it
   * broken between graphemes, and that is an overflow. */
  first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 60, 100, "Llanfairpwllgwyngyll", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  printf("   word split as a last resort: %s\n", joined);
  CHECK_STR(joined, "Llanfairpwllgwy|ngyll");
  CHECK_INT(scene_overflow_count(sc), 1);
  scene_free(sc);
  sc = scene_new(400, 400, WHITE);

  /* Hard newlines start paragraphs. */
  first = scene_count(sc);
  used = scene_text(sc, &m, 0, 0, 200, 100, "one\ntwo", &st);
  join_lines(sc, first, "|", joined, sizeof joined);
  CHECK_STR(joined, "one|two");
  CHECK_INT(used, 40);

  /* Alignment: centre and end, vertical centre. */
  scene_text_style_t c = st;
  c.align = SCENE_ALIGN_CENTER;
  c.valign = SCENE_ALIGN_CENTER;
  first = scene_count(sc);
  scene_text(sc, &m, 10, 10, 200, 100, "abcd", &c);
  CHECK_INT(scene_op(sc, first)->x, 10 + (200 - 40) / 2);
  CHECK_INT(scene_op(sc, first)->y, 10 + (100 - 20) / 2);
  c.align = SCENE_ALIGN_END;
  c.valign = SCENE_ALIGN_END;
  first = scene_count(sc);
  scene_text(sc, &m, 10, 10, 200, 100, "abcd", &c);
  CHECK_INT(scene_op(sc, first)->x, 10 + 200 - 40);
  CHECK_INT(scene_op(sc, first)->y, 10 + 100 - 20);

  /* Empty text: nothing drawn, nothing used. */
  first = scene_count(sc);
  CHECK_INT(scene_text(sc, &m, 0, 0, 100, 100, "", &st), 0);
  CHECK_INT(scene_count(sc), first);
  CHECK_INT(scene_overflow_count(sc), 0);
  scene_free(sc);
}

/* Overflow records: too tall, no-wrap too wide, measurer failure. */
static void test_overflow(void)
{
  TEST_SECTION("overflow records");
  scene_measurer_t m = {mono_measure, NULL};
  scene_t *sc = scene_new(400, 400, WHITE);
  scene_text_style_t st = {.font_px = 20, .min_font_px = 10, .wrap = true, .color = BLACK,
                           .label = "kw.role"};
  scene_text(sc, &m, 0, 0, 60, 15, "aaaa bbbb cccc", &st);
  CHECK_INT(scene_overflow_count(sc), 1);
  printf("   %s\n", scene_overflow(sc, 0));
  CHECK_STR(scene_overflow(sc, 0), "kw.role: needs 45x20 px in a box of 60x15");

  st.wrap = false;
  st.label = "kw.phone";
  size_t first = scene_count(sc);
  scene_text(sc, &m, 0, 0, 60, 40, "0123456789012345", &st);
  CHECK_INT(scene_overflow_count(sc), 2);
  printf("   %s\n", scene_overflow(sc, 1));
  CHECK_STR(scene_overflow(sc, 1), "kw.phone: needs 80x10 px in a box of 60x40");
  CHECK_INT(scene_count(sc) - first, 1);
  CHECK(scene_op(sc, first)->w <= 60);
  CHECK_STR(scene_op(sc, first)->text, "012345678901");

  scene_measurer_t bad = {refuse_measure, NULL};
  first = scene_count(sc);
  CHECK_INT(scene_text(sc, &bad, 0, 0, 60, 40, "x", &st), 0);
  CHECK_INT(scene_count(sc), first);
  CHECK_INT(scene_overflow_count(sc), 3);
  CHECK(strstr(scene_overflow(sc, 2), "cannot measure") != NULL);
  CHECK(scene_overflow(sc, 3) == NULL);
  scene_free(sc);
}

/* Fitting with Liberation Sans through SDL_ttf: the layout the card uses. */
static void test_real_fit(void)
{
  TEST_SECTION("fit with the SDL_ttf measurer");
  char err[256] = "", joined[2048];
  draw_t *d = draw_new(NULL, NULL, NULL, err, sizeof err);
  CHECK(d != NULL);
  if (!d) {
    printf("   %s\n", err);
    return;
  }
  scene_measurer_t m = draw_measurer(d);
  scene_t *sc = scene_new(1000, 1000, WHITE);
  scene_text_style_t st = {.font_px = 40, .min_font_px = 20, .bold = true, .wrap = true,
                           .color = BLACK, .label = "name"};
  const char *name = "Gwenllïan Angharad ap Llywelyn-Ŵyn Rhys-Prŷs ap Gruffudd Llŷr";
  int w = 300;
  size_t first = scene_count(sc);
  int used = scene_text(sc, &m, 0, 0, w, 400, name, &st);
  size_t n = join_lines(sc, first, " ", joined, sizeof joined);
  printf("   60-char Welsh name in %d px: %zu lines at %d px, %d px tall\n", w, n,
         scene_op(sc, first)->font_px, used);
  CHECK(n > 1);
  CHECK_INT(scene_op(sc, first)->font_px, 20);
  int widest = 0;
  for (size_t i = first; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    int mw = 0, mh = 0;
    m.measure(m.ctx, op->text, op->font_px, op->bold, &mw, &mh);
    CHECK_INT(op->w, mw);
    if (op->w > widest)
      widest = op->w;
  }
  printf("   widest line %d px of %d\n", widest, w);
  CHECK(widest <= w);
  /* Breaking at spaces and hyphens loses nothing but the spaces. */
  char squashed_in[512] = "", squashed_out[2048] = "";
  size_t ni = 0, no = 0;
  for (const char *p = name; *p && ni + 1 < sizeof squashed_in; p++)
    if (*p != ' ')
      squashed_in[ni++] = *p;
  squashed_in[ni] = '\0';
  for (const char *p = joined; *p && no + 1 < sizeof squashed_out; p++)
    if (*p != ' ')
      squashed_out[no++] = *p;
  squashed_out[no] = '\0';
  CHECK_STR(squashed_out, squashed_in);
  CHECK_INT(scene_overflow_count(sc), 0);

  /* Shrink: the chosen size is the largest that fits. */
  first = scene_count(sc);
  st.wrap = false;
  scene_text(sc, &m, 0, 0, 400, 100, "Nyrs Glinigol Arbenigol", &st);
  int px = scene_op(sc, first)->font_px, w1 = 0, h1 = 0, w2 = 0, h2 = 0;
  m.measure(m.ctx, "Nyrs Glinigol Arbenigol", px, true, &w1, &h1);
  m.measure(m.ctx, "Nyrs Glinigol Arbenigol", px + 1, true, &w2, &h2);
  printf("   shrunk to %d px: %d px wide (at %d px: %d)\n", px, w1, px + 1, w2);
  CHECK(px < 40 && px >= 20);
  CHECK(w1 <= 400);
  CHECK(w2 > 400);

  /* A combining accent (w + U+0302) is never split from its letter. */
  first = scene_count(sc);
  st.wrap = true;
  scene_text(sc, &m, 0, 0, 30, 400, "w\xCC\x82w\xCC\x82w\xCC\x82w\xCC\x82w\xCC\x82", &st);
  bool whole = scene_count(sc) - first > 1;
  for (size_t i = first; i < scene_count(sc); i++)
    whole = whole && (unsigned char)scene_op(sc, i)->text[0] == 'w';
  printf("   combining-accent word split into %zu lines\n", scene_count(sc) - first);
  CHECK(whole);
  scene_free(sc);
  draw_free(d);
}

/* Tap targets: topmost rect with a target wins; edges are half-open. */
static void test_hit(void)
{
  TEST_SECTION("hit test");
  scene_t *sc = scene_new(200, 200, WHITE);
  scene_rect(sc, 0, 0, 200, 200, WHITE, NONE, 0, 0, 0);
  scene_rect(sc, 10, 10, 100, 50, WHITE, BLACK, 2, 8, 1);
  scene_rect(sc, 50, 30, 100, 50, WHITE, BLACK, 2, 8, 2);
  scene_rect(sc, 60, 40, 10, 10, BLACK, NONE, 0, 0, 0);
  CHECK_INT(scene_target_at(sc, 5, 5), 0);
  CHECK_INT(scene_target_at(sc, 10, 10), 1);
  CHECK_INT(scene_target_at(sc, 109, 59), 2);
  CHECK_INT(scene_target_at(sc, 20, 59), 1);
  CHECK_INT(scene_target_at(sc, 20, 60), 0);
  CHECK_INT(scene_target_at(sc, 65, 45), 2);
  CHECK_INT(scene_target_at(sc, 150, 50), 0);
  CHECK_INT(scene_target_at(sc, -1, -1), 0);
  scene_free(sc);
}

/* Spoken sentences: kept in order with language and flags, copied. */
static void test_say(void)
{
  TEST_SECTION("spoken sentences");
  scene_t *sc = scene_new(100, 100, WHITE);
  char words[32] = "Croeso.";
  CHECK(scene_say(sc, LANG_CY, words, 0));
  words[0] = 'X';
  CHECK(scene_say(sc, LANG_EN, "", 0));
  CHECK(scene_say(sc, LANG_EN, "Is this you?", 0));
  CHECK(scene_say(sc, LANG_EN, "Sian Jones-Pugh.", SCENE_SAY_PERSONAL));
  CHECK_INT(scene_say_count(sc), 3);
  CHECK_STR(scene_say_item(sc, 0)->words, "Croeso.");
  CHECK_INT(scene_say_item(sc, 0)->lang, LANG_CY);
  CHECK_INT(scene_say_item(sc, 2)->flags, SCENE_SAY_PERSONAL);
  CHECK(scene_say_item(sc, 3) == NULL);
  CHECK_INT(scene_count(sc), 0);
  scene_free(sc);
}

int main(void)
{
  test_ops();
  test_say();
  test_mono_fit();
  test_overflow();
  test_real_fit();
  test_hit();
  return test_summary();
}
