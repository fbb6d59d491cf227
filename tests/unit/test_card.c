/*
 * Key Worker Card layout tests, for every profile in printers/: every key
 * worker of the sample data and synthetic 60-character Welsh names lay out
 * with no overflow, every element inside the card's safe area, no two texts
 * overlapping, QR modules of at least 0.4 mm. The rendered card PNG has the
 * profile's exact pixel size and its QR decodes (zbarimg) to exactly the
 * vCard bytes; the PWG raster has the media's size, page count and colour
 * space. The patient's name appears only when configured.
 */
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>
#include <cups/raster.h>

#include "core/card.h"
#include "core/csv.h"
#include "core/rules.h"
#include "platform/draw.h"
#include "platform/raster.h"
#include "testlib.h"

enum { MAX_KW = 64 };

static key_worker_t kws[MAX_KW];
static size_t nkw;
static const char *src_dir;
static char tmpdir[] = "/tmp/allwedd-card-XXXXXX";

/* Characters (code points) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Copy the CSV field named name (by the header row) into out. */
static void csv_take(csv_t *csv, char header[][64], size_t nh, const char *name, char *out,
                     size_t outlen)
{
  for (size_t i = 0; i < nh && i < csv_field_count(csv); i++)
    if (!strcmp(header[i], name))
      snprintf(out, outlen, "%s", csv_field(csv, i));
}

/* Read assets/sample/key_workers.csv (if present) into kws[]. */
static void load_sample_key_workers(void)
{
  char path[1024], err[256], header[CSV_MAX_FIELDS][64];
  size_t nh = 0;
  snprintf(path, sizeof path, "%s/assets/sample/key_workers.csv", src_dir);
  csv_t *csv = csv_open(path, NULL, NULL, err, sizeof err);
  if (!csv) {
    printf("   no sample key workers (%s)\n", err);
    return;
  }
  while (csv_next(csv) == CSV_ROW && nkw < MAX_KW - 4) {
    if (!nh) {
      for (nh = 0; nh < csv_field_count(csv) && nh < CSV_MAX_FIELDS; nh++)
        snprintf(header[nh], sizeof header[nh], "%s", csv_field(csv, nh));
      continue;
    }
    key_worker_t *kw = &kws[nkw++];
    char phone[64] = "";
    const char *why;
    memset(kw, 0, sizeof *kw);
    csv_take(csv, header, nh, "key_worker_id", kw->id, sizeof kw->id);
    csv_take(csv, header, nh, "given_name", kw->given_name, sizeof kw->given_name);
    csv_take(csv, header, nh, "family_name", kw->family_name, sizeof kw->family_name);
    csv_take(csv, header, nh, "role_en", kw->role_en, sizeof kw->role_en);
    csv_take(csv, header, nh, "role_cy", kw->role_cy, sizeof kw->role_cy);
    csv_take(csv, header, nh, "team_en", kw->team_en, sizeof kw->team_en);
    csv_take(csv, header, nh, "team_cy", kw->team_cy, sizeof kw->team_cy);
    csv_take(csv, header, nh, "email", kw->email, sizeof kw->email);
    csv_take(csv, header, nh, "hours_en", kw->hours_en, sizeof kw->hours_en);
    csv_take(csv, header, nh, "hours_cy", kw->hours_cy, sizeof kw->hours_cy);
    csv_take(csv, header, nh, "phone", phone, sizeof phone);
    if (!rules_phone(phone, false, kw->phone, &why))
      snprintf(kw->phone, sizeof kw->phone, "%.16s", phone);
  }
  csv_close(csv);
  printf("   %zu key workers from the sample data\n", nkw);
}

/* Synthetic key workers with 60-character Welsh names. */
static void add_synthetic(void)
{
  static const struct {
    const char *given, *family;
  } names[] = {
      {"Gwenllïan Angharad Myfanwy", "ap Llywelyn-Ŵyn Rhys-Prŷs ab Iolo"},
      {"Dafydd", "Cadwaladr-Llywelyn Fychan ap Gruffudd ab Owen Glyndŵr"},
      {"Angharad Gwenllïan Myfanwy Rhiannon Ceridwen Elen", "Tegwen Ŵyn"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    key_worker_t *kw = &kws[nkw++];
    memset(kw, 0, sizeof *kw);
    snprintf(kw->id, sizeof kw->id, "SYN-%zu", i + 1);
    snprintf(kw->given_name, sizeof kw->given_name, "%s", names[i].given);
    snprintf(kw->family_name, sizeof kw->family_name, "%s", names[i].family);
    snprintf(kw->role_cy, sizeof kw->role_cy, "Nyrs Glinigol Arbenigol Canser yr Ysgyfaint");
    snprintf(kw->role_en, sizeof kw->role_en, "Lung Cancer Clinical Nurse Specialist");
    snprintf(kw->team_cy, sizeof kw->team_cy, "Tîm Canser yr Ysgyfaint, Ysbyty Glan Hafren");
    snprintf(kw->team_en, sizeof kw->team_en, "Lung Cancer Team, Glan Hafren Hospital");
    snprintf(kw->phone, sizeof kw->phone, "+441632960123");
    snprintf(kw->email, sizeof kw->email, "llyr.cadwaladr-llywelyn@glanhafren.example");
    snprintf(kw->hours_cy, sizeof kw->hours_cy, "Dydd Llun i ddydd Gwener, 8.30yb tan 4.30yp");
    snprintf(kw->hours_en, sizeof kw->hours_en, "Monday to Friday, 8.30am to 4.30pm");
    char full[700];
    snprintf(full, sizeof full, "%s %s", kw->given_name, kw->family_name);
    CHECK_INT(utf8_chars(full), 60);
  }
}

/* True when box a lies inside box b. */
static bool inside(int x, int y, int w, int h, int bx, int by, int bw, int bh)
{
  return x >= bx && y >= by && x + w <= bx + bw && y + h <= by + bh;
}

/* True when two boxes overlap. */
static bool overlap(const scene_op_t *a, const scene_op_t *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Check one laid-out page; returns false (and prints why) on a defect. */
static bool check_page(const scene_t *sc, const profile_t *p, const card_report_t *rep,
                       const key_worker_t *kw)
{
  bool ok = true;
  int pw, ph, page_m = profile_mm_to_px(p->margin_mm, p->dpi);
  profile_page_px(p, &pw, &ph);
  ok &= CHECK(scene_width(sc) == pw && scene_height(sc) == ph);
  CHECK_INT(scene_overflow_count(sc), 0);
  ok &= scene_overflow_count(sc) == 0;
  for (size_t i = 0; i < scene_overflow_count(sc); i++)
    printf("   %s %s: %s\n", p->name, kw->id, scene_overflow(sc, i));
  ok &= CHECK(rep->qr_module_mm >= CARD_QR_MIN_MODULE_MM);
  ok &= CHECK(rep->cards >= 1 && rep->cards <= CARD_FACES_MAX);
  /* Each card lies inside the page's safe area; a card printer's card is the page. */
  for (int c = 0; c < rep->cards; c++)
    ok &= CHECK(p->placement == PROFILE_PLACE_PAGE
                    ? rep->card[c].w == pw && rep->card[c].h == ph
                    : inside(rep->card[c].x, rep->card[c].y, rep->card[c].w, rep->card[c].h,
                             page_m, page_m, pw - 2 * page_m, ph - 2 * page_m));
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    bool in;
    if (op->kind == SCENE_OP_LINE) {
      int x0 = op->w < 0 ? op->x + op->w : op->x, y0 = op->h < 0 ? op->y + op->h : op->y;
      in = inside(x0, y0, abs(op->w), abs(op->h), page_m, page_m, pw - 2 * page_m, ph - 2 * page_m);
    } else {
      in = false;
      for (int c = 0; c < rep->cards; c++)
        in = in || inside(op->x, op->y, op->w, op->h, rep->safe[c].x, rep->safe[c].y,
                          rep->safe[c].w, rep->safe[c].h);
    }
    if (!in)
      printf("   %s %s: op %zu (kind %d, '%.30s') at %d,%d %dx%d leaves the safe area %d,%d %dx%d\n",
             p->name, kw->id, i, op->kind, op->text ? op->text : "", op->x, op->y, op->w, op->h,
             rep->safe[0].x, rep->safe[0].y, rep->safe[0].w, rep->safe[0].h);
    ok &= CHECK(in);
    if (op->kind != SCENE_OP_TEXT)
      continue;
    for (size_t j = 0; j < scene_count(sc); j++) {
      const scene_op_t *other = scene_op(sc, j);
      if (j == i || (other->kind != SCENE_OP_TEXT && other->kind != SCENE_OP_QR) ||
          (other->kind == SCENE_OP_TEXT && j < i))
        continue;
      if (overlap(op, other))
        printf("   %s %s: '%s' overlaps '%.30s'\n", p->name, kw->id, op->text,
               other->text);
      ok &= CHECK(!overlap(op, other));
    }
  }
  return ok;
}

/* Lay out every key worker on every page of every profile. */
/* Lines laid out on sc that start with a separator ("·", "/", "-"): a
 * break before a separator leaves it orphaned at the start of a line. */
static int separator_line_starts(const scene_t *sc, const char *what)
{
  int n = 0;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_TEXT || !op->text)
      continue;
    if (!strncmp(op->text, "\xc2\xb7", 2) || op->text[0] == '/' || op->text[0] == '-') {
      printf("   %s: a line starts with a separator: \"%s\"\n", what, op->text);
      n++;
    }
  }
  return n;
}

static void test_layouts(const i18n_t *cat, draw_t *d)
{
  TEST_SECTION("every profile, every key worker: inside the safe area, no overflow");
  char(*names)[PROFILE_NAME_MAX] = NULL;
  size_t nprof = 0;
  char err[512];
  scene_measurer_t m = draw_measurer(d);
  CHECK(profile_list(src_dir, &names, &nprof, err, sizeof err));
  for (size_t pi = 0; pi < nprof; pi++) {
    profile_t p;
    if (!CHECK(profile_load(&p, src_dir, names[pi], err, sizeof err))) {
      printf("   %s\n", err);
      continue;
    }
    double smin = 9, smax = 0, mod_mm = 9;
    int detail_max = 0, pages = 0, bad = 0;
    /* The sample's longest patient name (61 characters), for cards that
     * show it (config card_show_patient_name). */
    patient_t pt;
    memset(&pt, 0, sizeof pt);
    strcpy(pt.given_name, "Gwenllïan Angharad Morwenna");
    strcpy(pt.family_name, "Pryce-Llewellyn ap Gruffudd-Llwyd");
    for (size_t run = 0; run < 2 * nkw; run++) {
      size_t k = run % nkw;
      card_content_t c = {.kw = &kws[k], .patient = &pt, .show_patient_name = run >= nkw,
                          .show_team = run >= nkw, /* the fullest card a site can ask for */
                          .site = "Canolfan Ganser Glan Hafren", .print_date = "2026-11-21",
                          .qr_lang = LANG_CY, .cat = cat,
                          .acute_oncology_phone = "029 2018 0999",
                          .acute_oncology_hours_cy = "24 awr y dydd",
                          .acute_oncology_hours_en = "24 hours a day"};
      for (int page = 0; page < card_page_count(&p); page++) {
        card_report_t rep;
        scene_t *sc = card_scene(&c, &p, page, &m, &rep, err, sizeof err);
        if (!CHECK(sc != NULL)) {
          printf("   %s %s: %s\n", p.name, kws[k].id, err);
          continue;
        }
        pages++;
        bad += !check_page(sc, &p, &rep, &kws[k]);
        bad += separator_line_starts(sc, p.name);
        smin = rep.text_scale < smin ? rep.text_scale : smin;
        smax = rep.text_scale > smax ? rep.text_scale : smax;
        mod_mm = rep.qr_module_mm < mod_mm ? rep.qr_module_mm : mod_mm;
        detail_max = rep.payload_detail > detail_max ? rep.payload_detail : detail_max;
        scene_free(sc);
      }
    }
    printf("   %-12s %zu key workers with and without the patient's name, %d pages, text scale "
           "%.2f-%.2f, QR module >= %.3f mm, vCard detail up to %d, %d bad pages\n",
           p.name, nkw, pages, smin, smax, mod_mm, detail_max, bad);
  }
  free(names);
}

static void scene_texts(const scene_t *sc, char *out, size_t len);

/* Points to pixels at dpi, rounded as the card does. */
static int pt_to_px(double pt, int dpi) { return (int)lround(pt * dpi / 72.0); }

/* Every card a patient can read: no text under 6 pt, the emergency band
 * (999, 111, the acute oncology line) at 7 pt bold or more, the site's
 * acute oncology number on the card and in its QR, every profile, every
 * key worker, the patient's name shown or not. */
static void test_readable(const i18n_t *cat, draw_t *d)
{
  TEST_SECTION("readable: 6 pt floor, emergency band 7 pt bold, acute oncology line on card and QR");
  const char *profiles[] = {"cr80", "cr80-duplex", "a4", "a5"};
  char err[512], payload[4096];
  scene_measurer_t m = draw_measurer(d);
  for (size_t pi = 0; pi < sizeof profiles / sizeof profiles[0]; pi++) {
    profile_t p;
    if (!profile_load(&p, src_dir, profiles[pi], err, sizeof err))
      continue;
    int small = 0, weak_band = 0, missing_acute = 0, cards = 0, smallest = 1000;
    for (size_t k = 0; k < nkw; k++) {
      card_content_t c = {.kw = &kws[k], .site = "Canolfan Ganser Felindre",
                          .site_cy = "Canolfan Ganser Felindre", .site_en = "Velindre Cancer Centre",
                          .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat,
                          .acute_oncology_phone = "029 2018 0999",
                          .acute_oncology_hours_cy = "24 awr y dydd",
                          .acute_oncology_hours_en = "24 hours a day"};
      bool acute_seen = false;
      for (int page = 0; page < card_page_count(&p); page++) {
        scene_t *sc = card_scene(&c, &p, page, &m, NULL, err, sizeof err);
        if (!CHECK(sc != NULL)) {
          printf("   %s %s: %s\n", p.name, kws[k].id, err);
          continue;
        }
        cards++;
        for (size_t i = 0; i < scene_count(sc); i++) {
          const scene_op_t *op = scene_op(sc, i);
          if (op->kind != SCENE_OP_TEXT)
            continue;
          smallest = op->font_px < smallest ? op->font_px : smallest;
          small += op->font_px < pt_to_px(6, p.dpi);
          bool band = strstr(op->text, "999") || strstr(op->text, "111");
          weak_band += band && (op->font_px < pt_to_px(7, p.dpi) || !op->bold);
          acute_seen |= strstr(op->text, "029 2018 0999") != NULL;
        }
        scene_free(sc);
      }
      missing_acute += !acute_seen;
      CHECK(card_payload(&c, 0, payload, sizeof payload) &&
            strstr(payload, "item1.TEL;TYPE=VOICE:+442920180999\r\n") != NULL);
      CHECK(card_payload(&c, 3, payload, sizeof payload) &&
            strstr(payload, "item1.TEL;TYPE=VOICE:+442920180999\r\n") != NULL);
    }
    printf("   %-12s %d faces: smallest text %.1f pt\n", p.name, cards, smallest * 72.0 / p.dpi);
    CHECK_INT(small, 0);
    CHECK_INT(weak_band, 0);
    CHECK_INT(missing_acute, 0);
  }

  TEST_SECTION("the site's name in each face's language");
  profile_t p;
  char texts[8192];
  if (CHECK(profile_load(&p, src_dir, "cr80-duplex", err, sizeof err))) {
    card_content_t c = {.kw = &kws[0], .site = "Canolfan Ganser Felindre",
                        .site_cy = "Canolfan Ganser Felindre", .site_en = "Velindre Cancer Centre",
                        .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat};
    for (int page = 0; page < 2; page++) {
      scene_t *sc = card_scene(&c, &p, page, &m, NULL, err, sizeof err);
      scene_texts(sc, texts, sizeof texts);
      CHECK(strstr(texts, page == 0 ? "Canolfan Ganser Felindre" : "Velindre Cancer Centre") != NULL);
      CHECK(strstr(texts, page == 0 ? "Velindre Cancer Centre" : "Canolfan Ganser Felindre") == NULL);
      scene_free(sc);
    }
  }
}

/* Texts of the scene joined with '|'. */
static void scene_texts(const scene_t *sc, char *out, size_t len)
{
  out[0] = '\0';
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_TEXT && strlen(out) + strlen(op->text) + 2 < len) {
      strcat(out, op->text);
      strcat(out, "|");
    }
  }
}

/* Patient name off by default; Welsh first; duplex faces one language each. */
static void test_content(const i18n_t *cat, draw_t *d)
{
  TEST_SECTION("content: privacy and Welsh first");
  char err[512], texts[8192];
  scene_measurer_t m = draw_measurer(d);
  profile_t p, dp;
  patient_t pt;
  memset(&pt, 0, sizeof pt);
  strcpy(pt.given_name, "Eirlys");
  strcpy(pt.family_name, "Prydderch");
  CHECK(profile_load(&p, src_dir, "cr80", err, sizeof err));
  CHECK(profile_load(&dp, src_dir, "cr80-duplex", err, sizeof err));
  card_content_t c = {.kw = &kws[0], .patient = &pt, .site = "Canolfan Ganser Glan Hafren",
                      .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat};
  scene_t *sc = card_scene(&c, &p, 0, &m, NULL, err, sizeof err);
  scene_texts(sc, texts, sizeof texts);
  printf("   bilingual face: %.200s...\n", texts);
  CHECK(strstr(texts, "Prydderch") == NULL);
  CHECK(strncmp(texts, "Cerdyn Gweithiwr Allweddol / Key Worker Card", 44) == 0);
  CHECK(strstr(texts, "029 2018 0123") != NULL);
  CHECK(strstr(texts, "Argraffwyd 21 Tachwedd 2026") != NULL);
  CHECK(strstr(texts, "Printed 21 November 2026") != NULL);
  char *cy = strstr(texts, "Nid rhif brys"), *en = strstr(texts, "Not an emergency");
  CHECK(cy && en && cy < en);
  scene_free(sc);
  /* The team ("Breast care team") tells a finder the diagnosis: only when
   * the site shows it ([privacy] show_team), on the card and in the QR. */
  char vcf[1024];
  CHECK(strstr(texts, kws[0].team_en) == NULL && strstr(texts, kws[0].team_cy) == NULL);
  CHECK(card_payload(&c, 0, vcf, sizeof vcf) && strstr(vcf, kws[0].team_cy) == NULL);
  c.show_team = true;
  sc = card_scene(&c, &p, 0, &m, NULL, err, sizeof err);
  scene_texts(sc, texts, sizeof texts);
  CHECK(strstr(texts, kws[0].team_cy) != NULL);
  CHECK(card_payload(&c, 0, vcf, sizeof vcf) && strstr(vcf, kws[0].team_cy) != NULL);
  c.show_team = false;
  c.show_patient_name = true;
  scene_free(sc);
  sc = card_scene(&c, &p, 0, &m, NULL, err, sizeof err);
  scene_texts(sc, texts, sizeof texts);
  CHECK(strstr(texts, "Claf / Patient: Eirlys Prydderch") != NULL);
  CHECK_INT(scene_overflow_count(sc), 0);
  scene_free(sc);

  c.show_patient_name = false;
  CHECK_INT(card_page_count(&dp), 2);
  sc = card_scene(&c, &dp, 0, &m, NULL, err, sizeof err);
  scene_texts(sc, texts, sizeof texts);
  printf("   Welsh face: %.120s...\n", texts);
  CHECK(strncmp(texts, "Cerdyn Gweithiwr Allweddol|", 27) == 0);
  CHECK(strstr(texts, "Key Worker") == NULL && strstr(texts, "Clinical") == NULL);
  scene_free(sc);
  sc = card_scene(&c, &dp, 1, &m, NULL, err, sizeof err);
  scene_texts(sc, texts, sizeof texts);
  printf("   English face: %.120s...\n", texts);
  CHECK(strncmp(texts, "Key Worker Card|", 16) == 0);
  CHECK(strstr(texts, "Cerdyn") == NULL && strstr(texts, "Nyrs") == NULL);
  scene_free(sc);
  CHECK(card_scene(&c, &dp, 2, &m, NULL, err, sizeof err) == NULL);
  printf("   page 3: %s\n", err);
  key_worker_t nobody;
  memset(&nobody, 0, sizeof nobody);
  c.kw = &nobody;
  CHECK(card_scene(&c, &p, 0, &m, NULL, err, sizeof err) == NULL);
  printf("   no key worker: %s\n", err);

  char phone[48];
  card_format_phone("+442920180123", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "029 2018 0123");
  card_format_phone("+441632960123", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "01632 960123");
  card_format_phone("+441134960000", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "0113 496 0000");
  card_format_phone("+447700900123", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "07700 900123");
  card_format_phone("+443001234567", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "0300 123 4567");
  card_format_phone("+33142685300", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "+33142685300");
  card_format_phone("+442920180123;ext=2345", "est.", phone, sizeof phone);
  CHECK_STR(phone, "029 2018 0123 est. 2345");
  card_format_phone("+448001111", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "0800 1111");
  card_format_phone("116123", "ext.", phone, sizeof phone);
  CHECK_STR(phone, "116 123");
}

/* Run zbarimg on path; the decoded bytes in out, their count or -1. */
static long zbar(const char *path, char *out, size_t len)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "zbarimg --raw -q -Sbinary '%s' 2>/dev/null", path);
  FILE *fp = popen(cmd, "r");
  if (!fp)
    return -1;
  size_t n = fread(out, 1, len - 1, fp);
  out[n] = '\0';
  return pclose(fp) == 0 ? (long)n : -1;
}

/* Render, write PNG, decode the QR: exact size and exact vCard bytes. */
static void test_png(const i18n_t *cat, draw_t *d, const char *profile, int page, size_t k)
{
  char err[512], path[600], want[4096], got[4096];
  scene_measurer_t m = draw_measurer(d);
  profile_t p;
  card_report_t rep;
  raster_doc_t doc = {0};
  if (!CHECK(profile_load(&p, src_dir, profile, err, sizeof err)))
    return;
  card_content_t c = {.kw = &kws[k], .site = "Canolfan Ganser Glan Hafren",
                      .print_date = "2026-11-21", .qr_lang = page ? LANG_EN : LANG_CY, .cat = cat};
  scene_t *sc = card_scene(&c, &p, page, &m, &rep, err, sizeof err);
  CHECK(sc && raster_doc_add_scene(&doc, d, sc, err, sizeof err));
  snprintf(path, sizeof path, "%s/%s-%d-%s.png", tmpdir, profile, page, kws[k].id);
  CHECK(raster_write_png(&doc, p.dpi, path, err, sizeof err));
  SDL_Surface *png = IMG_Load(path);
  int pw, ph;
  profile_page_px(&p, &pw, &ph);
  CHECK(png && png->w == pw && png->h == ph);
  /* The PNG holds exactly the drawn pixels (the page is opaque). */
  SDL_Surface *argb = png ? SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
  long differ = 0, translucent = 0;
  for (int y = 0; argb && y < argb->h && y < doc.page[0]->h; y++)
    for (int x = 0; x < argb->w && x < doc.page[0]->w; x++) {
      Uint32 want_px = ((Uint32 *)((Uint8 *)doc.page[0]->pixels + (size_t)y * doc.page[0]->pitch))[x];
      Uint32 got_px = ((Uint32 *)((Uint8 *)argb->pixels + (size_t)y * argb->pitch))[x];
      differ += want_px != got_px;
      translucent += want_px >> 24 != 255;
    }
  CHECK(argb != NULL);
  CHECK_INT(differ, 0);
  CHECK_INT(translucent, 0);
  SDL_FreeSurface(argb);
  CHECK(card_payload(&c, rep.payload_detail, want, sizeof want));
  long n = zbar(path, got, sizeof got);
  printf("   %s page %d, %s: PNG %dx%d (want %dx%d), %ld pixels differ from the page, QR %ld bytes "
         "(vCard detail %d, %zu bytes)%s\n",
         profile, page + 1, kws[k].id, png ? png->w : 0, png ? png->h : 0, pw, ph, differ, n,
         rep.payload_detail, strlen(want), n >= 0 && !strcmp(got, want) ? ", identical" : "");
  CHECK_INT(n, (long)strlen(want));
  CHECK_STR(got, want);
  SDL_FreeSurface(png);
  raster_doc_clear(&doc);
  scene_free(sc);
}

/* PWG raster: page count, size (turned for the card), colour, pixels. */
static void test_pwg(const i18n_t *cat, draw_t *d)
{
  TEST_SECTION("PWG raster");
  char err[512], path[600];
  scene_measurer_t m = draw_measurer(d);
  profile_t p;
  raster_doc_t doc = {0};
  CHECK(profile_load(&p, src_dir, "cr80-duplex", err, sizeof err));
  card_content_t c = {.kw = &kws[0], .site = "Canolfan Ganser Glan Hafren",
                      .print_date = "2026-11-21", .qr_lang = LANG_CY, .cat = cat};
  for (int page = 0; page < 2; page++) {
    scene_t *sc = card_scene(&c, &p, page, &m, NULL, err, sizeof err);
    CHECK(sc && raster_doc_add_scene(&doc, d, sc, err, sizeof err));
    scene_free(sc);
  }
  for (int mono = 0; mono < 2; mono++) {
    p.color = !mono;
    snprintf(path, sizeof path, "%s/card-%d.pwg", tmpdir, mono);
    CHECK(raster_write_pwg(&doc, &p, path, err, sizeof err));
    int fd = open(path, O_RDONLY);
    cups_raster_t *r = cupsRasterOpen(fd, CUPS_RASTER_READ);
    cups_page_header2_t h;
    int pages = 0, same = 0, checked = 0;
    unsigned char *row = malloc(4096);
    while (r && cupsRasterReadHeader2(r, &h)) {
      SDL_Surface *s = doc.page[pages];
      printf("   %s page %d: %ux%u at %u dpi, %u colours, %s, media %s\n", mono ? "mono" : "colour",
             pages + 1, h.cupsWidth, h.cupsHeight, h.HWResolution[0], h.cupsNumColors,
             h.Duplex ? (h.Tumble ? "duplex short edge" : "duplex long edge") : "simplex",
             h.cupsPageSizeName);
      CHECK_INT(h.cupsWidth, 637);
      CHECK_INT(h.cupsHeight, 1011);
      CHECK_INT(h.HWResolution[0], 300);
      CHECK_INT(h.cupsNumColors, mono ? 1 : 3);
      CHECK(h.Duplex && h.Tumble);
      for (unsigned y = 0; y < h.cupsHeight; y++) {
        if (cupsRasterReadPixels(r, row, h.cupsBytesPerLine) != h.cupsBytesPerLine)
          break;
        if (y % 97)
          continue;
        /* Row y of the portrait page is column W-1-y of the landscape card. */
        for (unsigned x = 0; x < h.cupsWidth; x += 13) {
          Uint32 px = ((Uint32 *)((Uint8 *)s->pixels + (size_t)x * s->pitch))[s->w - 1 - (int)y];
          /* Any transparency is printed as if on white paper. */
          unsigned a = px >> 24, rgb[3] = {px >> 16 & 0xFF, px >> 8 & 0xFF, px & 0xFF};
          for (int ch = 0; ch < 3; ch++)
            rgb[ch] = (rgb[ch] * a + 255 * (255 - a)) / 255;
          unsigned want = mono ? (rgb[0] * 54 + rgb[1] * 183 + rgb[2] * 19) >> 8 : rgb[0];
          checked++;
          same += row[x * h.cupsNumColors] == want;
        }
      }
      pages++;
    }
    printf("   %d of %d sampled pixels match the turned card\n", same, checked);
    CHECK_INT(pages, 2);
    CHECK(checked > 100 && same == checked);
    free(row);
    cupsRasterClose(r);
    close(fd);
  }
  raster_doc_clear(&doc);
}

int main(void)
{
  char err[512], cmd[700];
  src_dir = getenv("ALLWEDD_SOURCE_DIR") ? getenv("ALLWEDD_SOURCE_DIR") : ALLWEDD_SOURCE_DATADIR;
  snprintf(cmd, sizeof cmd, "%s/locales", src_dir);
  i18n_t *cat = i18n_load(cmd, err, sizeof err);
  if (!cat)
    printf("   no catalogues (%s): English msgids only\n", err);
  draw_t *d = draw_new(NULL, NULL, NULL, err, sizeof err);
  if (!d || !mkdtemp(tmpdir)) {
    printf("setup failed: %s\n", err);
    return 1;
  }
  load_sample_key_workers();
  add_synthetic();
  test_layouts(cat, d);
  test_content(cat, d);
  test_readable(cat, d);
  TEST_SECTION("card PNG: exact size, QR decodes to the exact vCard");
  test_png(cat, d, "cr80", 0, 0);
  test_png(cat, d, "cr80-duplex", 1, nkw - 1);
  test_png(cat, d, "a4", 0, nkw - 2);
  for (size_t k = 0; k < nkw; k++)
    if (!strcmp(kws[k].id, "KW-BN-01"))
      test_png(cat, d, "cr80", 0, k);
  test_pwg(cat, d);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (!getenv("ALLWEDD_KEEP_TEST_FILES") && system(cmd) != 0)
    printf("   could not remove %s\n", tmpdir);
  draw_free(d);
  i18n_free(cat);
  return test_summary();
}
