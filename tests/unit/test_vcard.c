/*
 * vCard payload tests: exact bytes for a Welsh key worker in both
 * languages, escaping of , ; \ and newlines, CRLF endings, no folding,
 * buffer limits, and the QR plan (level M upgraded only while the module
 * size holds).
 */
#include <stdio.h>
#include <string.h>

#include "core/vcard.h"
#include "testlib.h"

/* A key worker with accents and characters that need escaping. */
static key_worker_t sample(void)
{
  key_worker_t kw;
  memset(&kw, 0, sizeof kw);
  strcpy(kw.id, "KW-1");
  strcpy(kw.given_name, "Siân");
  strcpy(kw.family_name, "Llŷr");
  strcpy(kw.role_en, "Clinical Nurse Specialist");
  strcpy(kw.role_cy, "Nyrs Glinigol Arbenigol");
  strcpy(kw.team_en, "Breast care team; Ward 3");
  strcpy(kw.team_cy, "Tîm gofal y fron, Ward 3");
  strcpy(kw.phone, "+442920180123");
  strcpy(kw.email, "sian.llyr@glanhafren.example");
  strcpy(kw.hours_en, "Mon–Fri 9am–4pm");
  strcpy(kw.hours_cy, "Llun–Gwener 9yb–4yp");
  return kw;
}

/* Escaping of text values. */
static void test_escape(void)
{
  TEST_SECTION("escaping");
  char out[64];
  CHECK_INT(vcard_escape("a,b;c\\d\ne\r\nf", out, sizeof out), 16);
  CHECK_STR(out, "a\\,b\\;c\\\\d\\ne\\nf");
  CHECK_INT(vcard_escape("Ŵyn", out, sizeof out), 4);
  CHECK_STR(out, "Ŵyn");
  char small[4];
  CHECK(vcard_escape("a,b", small, sizeof small) == (size_t)-1);
  CHECK_STR(small, "");
  CHECK(vcard_escape("abc", small, sizeof small) == 3);
}

/* The exact payload in each language. */
static void test_build(void)
{
  TEST_SECTION("vCard bytes");
  key_worker_t kw = sample();
  char out[2048];
  CHECK(vcard_build(&kw, LANG_CY, "Canolfan Ganser Glan Hafren", out, sizeof out));
  const char *want_cy = "BEGIN:VCARD\r\n"
                        "VERSION:3.0\r\n"
                        "N:Llŷr;Siân;;;\r\n"
                        "FN:Siân Llŷr\r\n"
                        "TITLE:Nyrs Glinigol Arbenigol\r\n"
                        "ORG:Canolfan Ganser Glan Hafren;Tîm gofal y fron\\, Ward 3\r\n"
                        "TEL;TYPE=WORK,VOICE:+442920180123\r\n"
                        "EMAIL;TYPE=INTERNET:sian.llyr@glanhafren.example\r\n"
                        "NOTE:Llun–Gwener 9yb–4yp\r\n"
                        "END:VCARD\r\n";
  CHECK_STR(out, want_cy);
  printf("   Welsh vCard: %zu bytes\n", strlen(out));

  CHECK(vcard_build(&kw, LANG_EN, NULL, out, sizeof out));
  CHECK(strstr(out, "TITLE:Clinical Nurse Specialist\r\n") != NULL);
  CHECK(strstr(out, "ORG:Breast care team\\; Ward 3\r\n") != NULL);
  CHECK(strstr(out, "NOTE:Mon–Fri 9am–4pm\r\n") != NULL);

  /* Every line ends in CRLF; no bare LF; no line is folded. */
  size_t lines = 0;
  for (const char *p = out; *p; p++) {
    if (*p == '\n') {
      CHECK(p > out && p[-1] == '\r');
      lines++;
    }
    if (*p == '\r')
      CHECK(p[1] == '\n');
  }
  CHECK(strstr(out, "\r\n ") == NULL);
  printf("   English vCard: %zu lines\n", lines);

  /* Welsh fields missing: English is used. */
  kw.role_cy[0] = '\0';
  CHECK(vcard_build(&kw, LANG_CY, NULL, out, sizeof out));
  CHECK(strstr(out, "TITLE:Clinical Nurse Specialist\r\n") != NULL);

  /* Optional fields left out entirely. */
  key_worker_t bare;
  memset(&bare, 0, sizeof bare);
  strcpy(bare.family_name, "Jones");
  strcpy(bare.phone, "+442920180999");
  CHECK(vcard_build(&bare, LANG_EN, "", out, sizeof out));
  CHECK_STR(out, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jones;;;;\r\nFN:Jones\r\n"
                 "TEL;TYPE=WORK,VOICE:+442920180999\r\nEND:VCARD\r\n");

  /* No name: refused. Too small a buffer: refused, empty. */
  memset(&bare, 0, sizeof bare);
  CHECK(!vcard_build(&bare, LANG_EN, NULL, out, sizeof out));
  kw = sample();
  char small[64];
  CHECK(!vcard_build(&kw, LANG_EN, NULL, small, sizeof small));
  CHECK_STR(small, "");
}

/* QR planning: modules, level upgrade while the module size holds. */
static void test_plan(void)
{
  TEST_SECTION("QR plan");
  key_worker_t kw = sample();
  char out[2048];
  vcard_build(&kw, LANG_CY, "Canolfan Ganser Glan Hafren", out, sizeof out);
  int m = vcard_qr_modules(out, VCARD_QR_M);
  int h = vcard_qr_modules(out, VCARD_QR_H);
  printf("   %zu bytes: %d modules at M, %d at H\n", strlen(out), m, h);
  CHECK(m >= 21 && m <= 177);
  CHECK(h > m);
  CHECK_INT((m - 17) % 4, 0);

  vcard_qr_plan_t plan;
  int box = (m + 8) * 5;
  CHECK(vcard_qr_plan(out, box, &plan));
  CHECK_INT(plan.module_px, 5);
  CHECK(plan.level == VCARD_QR_M || vcard_qr_modules(out, (vcard_qr_level_t)plan.level) + 8 <= box / 5);
  printf("   box %d px: level %d, %d modules of %d px\n", box, plan.level, plan.modules,
         plan.module_px);
  /* A box where H gets the same 1 px module as M upgrades to H; a box
   * where H would get smaller modules than M stays at M. */
  CHECK(vcard_qr_plan(out, h + 8, &plan));
  CHECK_INT(plan.level, VCARD_QR_H);
  CHECK_INT(plan.module_px, 1);
  CHECK_INT(plan.modules, h);
  CHECK(vcard_qr_plan(out, (h + 8) * 5, &plan));
  CHECK_INT(plan.module_px, (h + 8) * 5 / (m + 8));
  CHECK(plan.level != VCARD_QR_H);
  /* Too small a box: module size 0. */
  CHECK(vcard_qr_plan(out, m + 7, &plan));
  CHECK_INT(plan.module_px, 0);
  /* A payload beyond any QR version cannot be planned. */
  static char huge[8000];
  memset(huge, 'x', sizeof huge - 1);
  CHECK(!vcard_qr_plan(huge, 10000, &plan));
  CHECK_INT(vcard_qr_modules(huge, VCARD_QR_M), 0);
}

int main(void)
{
  test_escape();
  test_build();
  test_plan();
  return test_summary();
}
