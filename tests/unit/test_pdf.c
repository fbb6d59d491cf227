/*
 * PDF output (platform/pdf.c through raster_write_pdf) checked with the
 * poppler tools a person would use: the card and a service slip are drawn
 * from the same scenes as their rasters; pdffonts shows every font embedded
 * (with a ToUnicode map); pdftotext finds the key worker's name (Welsh
 * letters included), the phone number and both languages; pdfinfo gives
 * the profile's page size in millimetres; pdftoppm renders the page and
 * zbarimg decodes exactly the vCard from it; the rendered page matches the
 * raster of the same scene. Failures: a file that is not a font, a write
 * error (/dev/full).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_image.h>

#include "core/card.h"
#include "platform/draw.h"
#include "platform/pdf.h"
#include "platform/raster.h"
#include "ui/ui.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/allwedd-pdf-XXXXXX";

/* Run a shell command and keep its standard output (NUL-terminated);
 * returns the exit status, -1 when it cannot run. */
static int run(const char *cmd, char *out, size_t outlen)
{
  FILE *fp = popen(cmd, "r");
  size_t n = 0;
  if (!fp)
    return -1;
  while (n + 1 < outlen) {
    size_t got = fread(out + n, 1, outlen - 1 - n, fp);
    if (!got)
      break;
    n += got;
  }
  out[n] = '\0';
  char sink[256];
  while (fread(sink, 1, sizeof sink, fp) > 0)
    ;
  int st = pclose(fp);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* True when every font pdffonts lists is embedded and has a ToUnicode map,
 * and there is at least one. */
static bool fonts_embedded(const char *pdf)
{
  char cmd[700], out[8192];
  snprintf(cmd, sizeof cmd, "pdffonts '%s'", pdf);
  if (run(cmd, out, sizeof out) != 0)
    return false;
  printf("%s", out);
  int fonts = 0;
  char *save = NULL;
  for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (!strncmp(line, "name", 4) || !strncmp(line, "----", 4))
      continue;
    fonts++;
    /* Columns: ... emb sub uni object ID: "yes yes yes". */
    if (!strstr(line, "yes yes yes"))
      return false;
  }
  return fonts > 0;
}

/* The mean of channel k over the 4x4 block at (bx, by) of s, its columns
 * read dx pixels to the left (0 outside). */
static int block_mean(const SDL_Surface *s, int bx, int by, int dx, int k)
{
  int sum = 0;
  for (int y = by * 4; y < by * 4 + 4; y++)
    for (int x = bx * 4 - dx; x < bx * 4 + 4 - dx; x++)
      if (x >= 0 && x < s->w)
        sum += (((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x] >> k) & 0xFF;
  return sum / 16;
}

/* Count the 4x4 blocks where a and b (b moved dx px right) differ by more
 * than a quarter in any colour; *total gets the number of blocks. */
static long blocks_differ(const SDL_Surface *a, const SDL_Surface *b, int dx, long *total)
{
  long n = 0;
  *total = 0;
  for (int by = 0; by < a->h / 4; by++)
    for (int bx = 0; bx < a->w / 4; bx++, (*total)++)
      for (int k = 0; k < 24; k += 8)
        if (abs(block_mean(a, bx, by, 0, k) - block_mean(b, bx, by, dx, k)) > 64) {
          n++;
          break;
        }
  return n;
}

/* The card of a key worker with Welsh letters in the name, as raster and PDF. */
static void test_card(const i18n_t *cat, draw_t *d, const char *src)
{
  char err[512], path[600], cmd[1600], out[16384], want[4096];
  scene_measurer_t m = draw_measurer(d);
  profile_t p;
  card_report_t rep;
  raster_doc_t doc = {0};
  key_worker_t kw = {.id = "KW-TEST"};
  snprintf(kw.given_name, sizeof kw.given_name, "Gwenllïan");
  snprintf(kw.family_name, sizeof kw.family_name, "ap Llywelyn-Ŵyn Prŷs");
  snprintf(kw.role_cy, sizeof kw.role_cy, "Nyrs Glinigol Arbenigol");
  snprintf(kw.role_en, sizeof kw.role_en, "Clinical Nurse Specialist");
  snprintf(kw.team_cy, sizeof kw.team_cy, "Tîm canser yr ysgyfaint");
  snprintf(kw.team_en, sizeof kw.team_en, "Lung cancer team");
  snprintf(kw.phone, sizeof kw.phone, "+442920180123");
  snprintf(kw.hours_cy, sizeof kw.hours_cy, "Llun–Gwener 9yb–4yp");
  snprintf(kw.hours_en, sizeof kw.hours_en, "Mon–Fri 9am–4pm");
  TEST_SECTION("card: PDF of the same scene as the raster");
  if (!CHECK(profile_load(&p, src, "cr80", err, sizeof err)))
    return;
  card_content_t c = {.kw = &kw, .site = "Canolfan Ganser Glan Hafren",
                      .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat};
  scene_t *sc = card_scene(&c, &p, 0, &m, &rep, err, sizeof err);
  CHECK(sc && raster_doc_add_scene(&doc, d, sc, err, sizeof err));
  CHECK(doc.count == 1 && doc.vector && doc.vector[0]);
  snprintf(path, sizeof path, "%s/card.pdf", tmpdir);
  CHECK_STR(raster_mime_for_path(path), "application/pdf");
  CHECK_STR(raster_mime_for_path("CARD.PDF"), "application/pdf");
  if (!CHECK(raster_write(&doc, &p, "application/pdf", path, err, sizeof err)))
    printf("      %s\n", err);

  CHECK(fonts_embedded(path));
  snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  for (char *ch = out; *ch; ch++)
    if (*ch == '\n')
      *ch = ' '; /* a wrapped line is still the same words */
  /* The name may wrap after its hyphen, which pdftotext then joins. */
  CHECK(strstr(out, "Gwenllïan ap Llywelyn") != NULL && strstr(out, "Ŵyn Prŷs") != NULL);
  CHECK(strstr(out, "029 2018 0123") != NULL);
  CHECK(strstr(out, "Cerdyn Gweithiwr Allweddol / Key Worker Card") != NULL);
  CHECK(strstr(out, "Nyrs Glinigol Arbenigol / Clinical Nurse Specialist") != NULL);
  CHECK(strstr(out, "Not an emergency number. In an emergency call 999.") != NULL);
  CHECK(strstr(out, "Nid rhif brys yw hwn. Mewn argyfwng, ffoniwch 999.") != NULL);

  snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep '^Page size'", path);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  printf("   %s", out);
  /* 85.6 x 53.98 mm in points: landscape, as designed. */
  CHECK(strstr(out, "242.646 x 153.014 pts") != NULL);

  /* Render the PDF at the raster's pixel size and compare with the raster. */
  char ppm[700];
  snprintf(ppm, sizeof ppm, "%s/card-raster.png", tmpdir);
  CHECK(raster_write_png(&doc, p.dpi, ppm, err, sizeof err));
  snprintf(ppm, sizeof ppm, "%s/card-pdf", tmpdir);
  snprintf(cmd, sizeof cmd, "pdftoppm -png -singlefile -scale-to-x %d -scale-to-y %d '%s' '%s'",
           doc.page[0]->w, doc.page[0]->h, path, ppm);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  snprintf(ppm, sizeof ppm, "%s/card-pdf.png", tmpdir);
  SDL_Surface *png = IMG_Load(ppm);
  SDL_Surface *got = png ? SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
  long far = 0, total = 0, shifted = 0;
  if (CHECK(got && got->w == doc.page[0]->w && got->h == doc.page[0]->h)) {
    far = blocks_differ(got, doc.page[0], 0, &total);
    shifted = blocks_differ(got, doc.page[0], 3, &total);
    printf("   rendered PDF vs raster: %ld of %ld 4x4 blocks differ (%.2f %%); with the raster "
           "moved 3 px: %ld\n", far, total, 100.0 * far / total, shifted);
    /* Glyph edges differ (SDL_ttf hints, poppler does not); an element
     * moved by even 3 px, or missing, changes many times more blocks. */
    CHECK(far * 100 < total * 3);
    CHECK(shifted > 4 * far);
  }
  SDL_FreeSurface(got);
  SDL_FreeSurface(png);
  snprintf(cmd, sizeof cmd, "zbarimg --raw -q -Sbinary '%s' 2>/dev/null", ppm);
  run(cmd, out, sizeof out);
  CHECK(card_payload(&c, rep.payload_detail, want, sizeof want));
  CHECK_STR(out, want);
  raster_doc_clear(&doc);
  scene_free(sc);
}

/* Two faces: one two-page PDF; a PNG cannot carry them. */
static void test_duplex(const i18n_t *cat, draw_t *d, const char *src)
{
  char err[512], path[600], cmd[800], out[4096];
  profile_t p;
  raster_doc_t doc = {0};
  key_worker_t kw = {.id = "KW-2", .given_name = "Gwenno", .family_name = "Rees",
                     .role_cy = "Nyrs", .role_en = "Nurse", .phone = "+442920180123"};
  TEST_SECTION("two-sided card: one PDF, two pages");
  if (!CHECK(profile_load(&p, src, "cr80-duplex", err, sizeof err)))
    return;
  card_content_t c = {.kw = &kw, .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat};
  CHECK(raster_add_card(&doc, d, &c, &p, NULL, err, sizeof err));
  CHECK_INT(doc.count, 2);
  CHECK(raster_can_write("application/pdf", 2));
  CHECK(raster_can_write("image/pwg-raster", 2));
  CHECK(!raster_can_write("image/png", 2));
  CHECK(raster_can_write("image/png", 1));
  CHECK(!raster_can_write("image/urf", 1));
  snprintf(path, sizeof path, "%s/duplex.pdf", tmpdir);
  CHECK(raster_write(&doc, &p, "application/pdf", path, err, sizeof err));
  snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep '^Pages'", path);
  run(cmd, out, sizeof out);
  CHECK(strstr(out, " 2\n") != NULL);
  snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f 2 -l 2 '%s' -", path);
  run(cmd, out, sizeof out);
  CHECK(strstr(out, "Key Worker Card") != NULL && strstr(out, "Cerdyn") == NULL);

  /* Failures: a device in the way (refused, never removed), a write
   * error, and a file that is not a font. */
  CHECK(!raster_write(&doc, &p, "application/pdf", "/dev/full", err, sizeof err));
  printf("   --out /dev/full: %s\n", err);
  CHECK(strstr(err, "/dev/full: not a regular file") != NULL);
  struct stat dev;
  CHECK(stat("/dev/full", &dev) == 0 && S_ISCHR(dev.st_mode));
  FILE *full = fopen("/dev/full", "wb");
  if (CHECK(full != NULL)) {
    setvbuf(full, NULL, _IONBF, 0);
    CHECK(!pdf_write(full, doc.vector, doc.count, &p, "Allwedd", err, sizeof err));
    printf("   writing to /dev/full: %s\n", err);
    CHECK(strstr(err, "cannot write the PDF") != NULL);
    fclose(full);
  }
  scene_t *sc = scene_new(100, 50, (scene_color_t){255, 255, 255, 255});
  scene_text_style_t st = {.font_px = 20, .min_font_px = 10, .color = {0, 0, 0, 255}};
  scene_measurer_t m = draw_measurer(d);
  scene_text(sc, &m, 0, 0, 100, 50, "Prawf", &st);
  pdf_assets_t bad = {"/etc/hostname", "/etc/hostname", NULL};
  pdf_page_t *pg = pdf_page_record(sc, &bad, err, sizeof err);
  CHECK(pg == NULL);
  printf("   not a font: %s\n", err);
  CHECK_STR(err, "/etc/hostname: not a font file FreeType can read");
  pdf_page_free(pg);
  scene_free(sc);
  raster_doc_clear(&doc);
}

/* The service slip: both languages, the phone, the web address. */
static void test_slip(const i18n_t *cat, draw_t *d, const char *src)
{
  char err[512], path[600], cmd[800], out[8192];
  profile_t p;
  raster_doc_t doc = {0};
  service_t s = {.id = "S-NHS111", .category = "urgent", .name_en = "NHS 111 Wales",
                 .name_cy = "GIG 111 Cymru",
                 .summary_en = "Call 111 for urgent health advice.",
                 .summary_cy = "Ffoniwch 111 i gael cyngor iechyd brys.",
                 .phone = "111", .url = "https://111.wales.nhs.uk",
                 .hours_en = "24 hours a day", .hours_cy = "24 awr y dydd"};
  TEST_SECTION("service slip: PDF");
  if (!CHECK(profile_load(&p, src, "a5", err, sizeof err)))
    return;
  int w, h;
  profile_page_px(&p, &w, &h);
  scene_measurer_t m = draw_measurer(d);
  scene_t *sc = ui_service_slip(&s, cat, w, h, p.dpi, profile_mm_to_px(p.margin_mm, p.dpi), &m);
  CHECK(sc && scene_overflow_count(sc) == 0);
  CHECK(sc && raster_doc_add_scene(&doc, d, sc, err, sizeof err));
  snprintf(path, sizeof path, "%s/slip.pdf", tmpdir);
  CHECK(raster_write(&doc, &p, "application/pdf", path, err, sizeof err));
  CHECK(fonts_embedded(path));
  snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "GIG 111 Cymru") != NULL);
  CHECK(strstr(out, "NHS 111 Wales") != NULL);
  CHECK(strstr(out, "Ffoniwch 111") != NULL);
  CHECK(strstr(out, "https://111.wales.nhs.uk") != NULL);
  snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep '^Page size'", path);
  run(cmd, out, sizeof out);
  printf("   %s", out);
  CHECK(strstr(out, "419.528 x 595.276 pts") != NULL); /* A5 */
  scene_free(sc);
  raster_doc_clear(&doc);
}

int main(void)
{
  char err[512], cmd[700];
  const char *src = getenv("ALLWEDD_SOURCE_DIR") ? getenv("ALLWEDD_SOURCE_DIR") : ALLWEDD_SOURCE_DATADIR;
  snprintf(cmd, sizeof cmd, "%s/locales", src);
  i18n_t *cat = i18n_load(cmd, err, sizeof err);
  snprintf(cmd, sizeof cmd, "%s/assets/icons", src);
  draw_t *d = draw_new(NULL, NULL, cmd, err, sizeof err);
  if (!cat || !d || !mkdtemp(tmpdir)) {
    printf("setup failed: %s\n", err);
    return 1;
  }
  test_card(cat, d, src);
  test_duplex(cat, d, src);
  test_slip(cat, d, src);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (!getenv("ALLWEDD_KEEP_TEST_FILES") && system(cmd) != 0)
    printf("   could not remove %s\n", tmpdir);
  draw_free(d);
  i18n_free(cat);
  return test_summary();
}
