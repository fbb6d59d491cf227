/*
 * Every character the kiosk can show must be in the font it ships with:
 * each string of locales/cy.po and en.po and every field of the sample
 * export (the CSV files in assets/sample) is checked code point by code point against
 * the configured regular and bold fonts (Liberation Sans from fonts-liberation2)
 * with SDL2_ttf's TTF_GlyphIsProvided32. A missing glyph would print as an
 * empty box on the card, so each offending string and code point is named.
 * Only SDL_ttf is initialised; no video is needed.
 */
#include <SDL_ttf.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/config.h"
#include "core/csv.h"
#include "core/po.h"
#include "testlib.h"

/* The repository root: $ALLWEDD_SOURCE_DIR (set by ctest), else the source
 * tree this test was built from. */
static const char *source_dir(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  return src ? src : ALLWEDD_SOURCE_DATADIR;
}

typedef struct {
  TTF_Font *fonts[2];
  const char *font_names[2];
  long strings, code_points, missing;
  const char *label; /* printed before each miss: "FAIL", or "expected" for the probe */
} glyph_check_t;

/* Check one string; print it and each missing code point. Returns the number
 * of missing glyphs. */
static long check_text(glyph_check_t *g, const char *where, const char *text)
{
  long missing = 0;
  g->strings++;
  for (const char *p = text; *p;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
    if (step <= 0) {
      printf("FAIL %s: invalid UTF-8 in \"%s\"\n", where, text);
      return missing + 1;
    }
    p += step;
    g->code_points++;
    if (cp < 0x20 || cp == 0xFEFF) /* line breaks, tabs, a byte-order mark: never drawn */
      continue;
    for (int f = 0; f < 2; f++) {
      if (!TTF_GlyphIsProvided32(g->fonts[f], (Uint32)cp)) {
        printf("%s %s: U+%04X not in %s, in \"%s\"\n", g->label, where, (unsigned)cp,
               g->font_names[f], text);
        missing++;
      }
    }
  }
  g->missing += missing;
  return missing;
}

/* po_parse callback: check the msgid, msgid_plural and every msgstr. */
static bool check_entry(void *ctx, const po_entry_t *e, char *err, size_t errlen)
{
  (void)err, (void)errlen;
  glyph_check_t *g = ctx;
  char where[1100];
  snprintf(where, sizeof where, "%s:%d", e->file, e->line);
  if (e->msgid[0] == '\0' && !e->msgctxt)
    return true; /* the header is never shown */
  check_text(g, where, e->msgid);
  if (e->msgid_plural)
    check_text(g, where, e->msgid_plural);
  for (size_t i = 0; i < e->nforms; i++)
    check_text(g, where, e->msgstr[i]);
  return true;
}

/* Check every field of one CSV file. */
static void check_csv(glyph_check_t *g, const char *path)
{
  char err[256];
  csv_t *csv = csv_open(path, NULL, NULL, err, sizeof err);
  CHECK(csv != NULL);
  if (!csv) {
    printf("   %s: %s\n", path, err);
    return;
  }
  long before = g->missing, rows = 0;
  csv_status_t st;
  while ((st = csv_next(csv)) == CSV_ROW) {
    rows++;
    for (size_t i = 0; i < csv_field_count(csv); i++) {
      char where[1600];
      snprintf(where, sizeof where, "%s:%ld field %zu", path, csv_field_line(csv, i), i + 1);
      check_text(g, where, csv_field(csv, i));
    }
  }
  CHECK(st == CSV_END);
  if (st == CSV_ERROR)
    printf("   %s: %s\n", path, csv_error(csv));
  csv_close(csv);
  CHECK_INT(g->missing - before, 0);
  printf("   %s: %ld rows, %ld missing glyphs\n", path, rows, g->missing - before);
}

/* Check the sample export, if it is there. */
static void check_samples(glyph_check_t *g, const char *src)
{
  char dir[1100];
  snprintf(dir, sizeof dir, "%s/assets/sample", src);
  DIR *d = opendir(dir);
  if (!d) {
    printf("   note: %s does not exist yet; no sample export to check\n", dir);
    return;
  }
  int files = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    size_t n = strlen(de->d_name);
    if (n < 5 || strcmp(de->d_name + n - 4, ".csv") != 0)
      continue;
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    check_csv(g, path);
    files++;
  }
  closedir(d);
  if (files == 0)
    printf("   note: no .csv files in %s yet\n", dir);
}

int main(void)
{
  const char *src = source_dir();
  config_t cfg;
  config_defaults(&cfg);
  glyph_check_t g = {.font_names = {cfg.font_path, cfg.font_bold_path}, .label = "FAIL"};
  if (TTF_Init() != 0) {
    printf("FAIL TTF_Init: %s\n", TTF_GetError());
    return 1;
  }
  g.fonts[0] = TTF_OpenFont(cfg.font_path, 16);
  g.fonts[1] = TTF_OpenFont(cfg.font_bold_path, 16);
  CHECK(g.fonts[0] && g.fonts[1]);
  if (!g.fonts[0] || !g.fonts[1]) {
    printf("   cannot open the fonts: %s\n", TTF_GetError());
    goto done;
  }

  TEST_SECTION("the checker finds a missing glyph");
  glyph_check_t probe = g;
  probe.label = "   expected:";
  CHECK(check_text(&probe, "probe", "Cymraeg \xe4\xb8\xad") == 2); /* U+4E2D, in neither font */
  CHECK(check_text(&probe, "probe", "ŵ ŷ Ŵ Ŷ â ê î ô û ï – … ‘’ £") == 0);

  TEST_SECTION("every catalogue string");
  for (int i = 0; i < 2; i++) {
    char path[1100], err[512];
    snprintf(path, sizeof path, "%s/locales/%s.po", src, i == 0 ? "cy" : "en");
    long before = g.missing, strings = g.strings;
    CHECK(po_parse_file(path, check_entry, &g, err, sizeof err));
    CHECK_INT(g.missing - before, 0);
    CHECK(g.strings - strings > 50);
    printf("   %s: %ld strings, %ld missing glyphs\n", path, g.strings - strings, g.missing - before);
  }

  TEST_SECTION("every field of the sample export");
  check_samples(&g, src);
  printf("   %ld strings, %ld code points checked in 2 fonts\n", g.strings, g.code_points);
done:
  for (int f = 0; f < 2; f++)
    if (g.fonts[f])
      TTF_CloseFont(g.fonts[f]);
  TTF_Quit();
  return test_summary();
}
