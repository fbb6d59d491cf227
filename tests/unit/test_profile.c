/*
 * Printer profile tests: every shipped printers/NAME.ini loads with sensible
 * values; bad files fail with "FILE:LINE: reason"; cross-key checks; pixel
 * sizes match libcups' PWG page size; names are checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cups/raster.h>

#include "core/profile.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/allwedd-profile-XXXXXX";

/* Write text to tmpdir/printers/NAME.ini and return the path. */
static const char *write_profile(const char *name, const char *text)
{
  static char path[512];
  snprintf(path, sizeof path, "%s/printers/%s.ini", tmpdir, name);
  FILE *fp = fopen(path, "w");
  if (!fp)
    return path;
  fputs(text, fp);
  fclose(fp);
  return path;
}

/* Every shipped profile loads and its pixel size is what libcups makes. */
static void test_shipped(const char *src)
{
  TEST_SECTION("shipped profiles");
  char(*names)[PROFILE_NAME_MAX] = NULL;
  size_t n = 0;
  char err[512] = "";
  CHECK(profile_list(src, &names, &n, err, sizeof err));
  CHECK(n >= 3);
  bool have[3] = {false, false, false};
  for (size_t i = 0; i < n; i++) {
    profile_t p;
    bool ok = profile_load(&p, src, names[i], err, sizeof err);
    CHECK(ok);
    if (!ok) {
      printf("   %s\n", err);
      continue;
    }
    int w, h;
    profile_page_px(&p, &w, &h);
    printf("   %-12s %6.2f x %6.2f mm  %s  %d dpi  %dx%d px  %s  %s\n", p.name, p.width_mm,
           p.height_mm, p.pwg_media, p.dpi, w, h, profile_sides_keyword(p.sides),
           p.placement == PROFILE_PLACE_PAGE ? "card printer" : "sheet");
    CHECK_STR(p.name, names[i]);
    CHECK(p.nformats >= 1);
    CHECK(profile_has_format(&p, "image/pwg-raster"));
    /* The PWG page libcups makes for this media has our pixel size (turned
     * for landscape cards on portrait media). */
    cups_page_header2_t hdr;
    pwg_media_t *media = pwgMediaForPWG(p.pwg_media);
    CHECK(media != NULL);
    if (media && cupsRasterInitPWGHeader(&hdr, media, "srgb_8", p.dpi, p.dpi, "one-sided", NULL)) {
      bool turned = w > h && hdr.cupsWidth < hdr.cupsHeight;
      CHECK_INT(turned ? hdr.cupsHeight : hdr.cupsWidth, w);
      CHECK_INT(turned ? hdr.cupsWidth : hdr.cupsHeight, h);
    }
    if (!strcmp(p.name, "cr80")) {
      have[0] = true;
      CHECK_STR(p.pwg_media, "iso_id-1_53.98x85.6mm");
      CHECK_INT(p.dpi, 300);
      CHECK_INT(w, 1011);
      CHECK_INT(h, 637);
      CHECK(p.sides == PROFILE_SIDES_ONE && p.faces == PROFILE_FACES_BILINGUAL);
    } else if (!strcmp(p.name, "cr80-duplex")) {
      have[1] = true;
      CHECK(p.sides != PROFILE_SIDES_ONE && p.faces == PROFILE_FACES_CY_EN);
    } else if (!strcmp(p.name, "a4")) {
      have[2] = true;
      CHECK(p.placement == PROFILE_PLACE_SHEET);
      CHECK_INT(w, 2480);
      CHECK_INT(h, 3507);
    }
  }
  CHECK(have[0] && have[1] && have[2]);
  free(names);
}

/* Bad files: each reason names the file and the line. */
static void test_errors(void)
{
  TEST_SECTION("bad profiles");
  static const struct {
    const char *text, *want;
  } cases[] = {
      {"[media]\nwidth_mm = 85.6\nheight_mm = wide\n", ".ini:3: 'wide' is not a number"},
      {"[media]\nwidth_mm = 5\n", ".ini:2: 5 is out of range (10 to 1000)"},
      {"[media]\nwidth_mm = 85.6\n[print]\ndpi = 299.5\n", ".ini:4: dpi must be a whole number"},
      {"[print]\nsides = both\n", ".ini:2: 'both' is not one of: one-sided two-sided-long-edge two-sided-short-edge"},
      {"[print]\ncolour = true\n", ".ini:2: unknown key 'colour' in [print]"},
      {"[printer]\nx = 1\n", ".ini:2: unknown section [printer]"},
      {"[print]\nformats = png\n", ".ini:2: 'png' is not a MIME type like image/png"},
      {"[print]\ncolor = maybe\n", ".ini:2: 'maybe' is not true or false"},
      {"[media]\nwidth_mm = 85.6\n", ".ini: [media] needs width_mm and height_mm"},
      {"[media]\nwidth_mm = 85.6\nheight_mm = 53.98\n", ".ini: [media] needs pwg_media"},
      {"[media]\nwidth_mm = 80\nheight_mm = 60\npwg_media = om_x_60x80mm\n[card]\nplacement = sheet\n",
       "does not fit the"},
      {"[media]\nwidth_mm = 85.6\nheight_mm = 53.98\npwg_media = iso_id-1_53.98x85.6mm\n"
       "[card]\nfaces = cy+en\n",
       "faces = cy+en on a card printer needs a two-sided setting"},
      {"[media]\nwidth_mm = 85.6\nheight_mm = 53.98\npwg_media = iso_id-1_53.98x85.6mm\n"
       "[print]\nmargin_mm = 27\n",
       "margins leave no safe area"},
      {"no section here\n", ".ini:1: "},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[32], err[512] = "";
    profile_t p;
    snprintf(name, sizeof name, "bad%zu", i);
    const char *path = write_profile(name, cases[i].text);
    bool ok = profile_load_file(&p, path, err, sizeof err);
    printf("   %s\n", err);
    CHECK(!ok);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    CHECK(strstr(err, cases[i].want) != NULL);
  }
  char err[512];
  profile_t p;
  CHECK(!profile_load(&p, tmpdir, "../etc/passwd", err, sizeof err));
  printf("   %s\n", err);
  CHECK(!profile_load(&p, tmpdir, "missing", err, sizeof err));
  printf("   %s\n", err);
  CHECK(strstr(err, "cannot open") != NULL);
}

/* A new printer is just a file: defaults fill what it leaves out. */
static void test_new_printer(void)
{
  TEST_SECTION("adding a printer needs no C");
  char err[512] = "";
  profile_t p;
  write_profile("letter-mono", "; an office printer in the US size\n"
                               "[media]\nwidth_mm = 215.9\nheight_mm = 279.4\n"
                               "pwg_media = na_letter_8.5x11in\n"
                               "[print]\ndpi = 600\nmargin_mm = 6.35\ncolor = no\n"
                               "formats = image/png\n"
                               "[card]\nplacement = sheet\nwidth_mm = 85.6\nheight_mm = 53.98\n");
  CHECK(profile_load(&p, tmpdir, "letter-mono", err, sizeof err));
  int w, h;
  profile_page_px(&p, &w, &h);
  printf("   letter-mono: %dx%d px, color %d, formats %zu (%s)\n", w, h, p.color, p.nformats,
         p.formats[0]);
  CHECK_INT(w, 5100);
  CHECK_INT(h, 6600);
  CHECK(!p.color);
  CHECK_INT(p.nformats, 1);
  CHECK(!profile_has_format(&p, "image/pwg-raster"));
  CHECK_INT(p.card_margin_mm * 100, 300);
  char(*names)[PROFILE_NAME_MAX] = NULL;
  size_t n = 0;
  CHECK(profile_list(tmpdir, &names, &n, err, sizeof err));
  bool listed = false;
  for (size_t i = 0; i < n; i++)
    listed = listed || !strcmp(names[i], "letter-mono");
  for (size_t i = 1; i < n; i++)
    CHECK(strcmp(names[i - 1], names[i]) < 0);
  CHECK(listed);
  free(names);
  CHECK_INT(profile_mm_to_px(25.4, 300), 300);
  CHECK_INT(profile_mm_to_px(85.6, 300), 1011);
  CHECK_INT(profile_mm_to_px(53.98, 300), 637);
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char cmd[600];
  if (!mkdtemp(tmpdir))
    return 1;
  snprintf(cmd, sizeof cmd, "mkdir -p '%s/printers'", tmpdir);
  if (system(cmd) != 0)
    return 1;
  test_shipped(src ? src : ALLWEDD_SOURCE_DATADIR);
  test_errors();
  test_new_printer();
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    printf("   could not remove %s\n", tmpdir);
  return test_summary();
}
