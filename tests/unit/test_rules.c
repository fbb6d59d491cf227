/*
 * Every value rule of EXPORT_FORMAT.md, and name folding.
 */
#include "core/fold.h"
#include "core/rules.h"
#include "testlib.h"

/* Check an NHS number: valid or not, and its normalised digits. */
static void nhs(const char *in, const char *want)
{
  char out[11];
  const char *why = NULL;
  bool ok = rules_nhs_number(in, out, &why);
  if (want) {
    if (!CHECK(ok))
      printf("      \"%s\" rejected: %s\n", in, why);
    else
      CHECK_STR(out, want);
  } else if (!CHECK(!ok)) {
    printf("      \"%s\" accepted\n", in);
  }
}

static void postcode(const char *in, const char *want)
{
  char out[9];
  const char *why = NULL;
  bool ok = rules_postcode(in, out, &why);
  if (want) {
    if (CHECK(ok))
      CHECK_STR(out, want);
    else
      printf("      \"%s\" rejected: %s\n", in, why);
  } else if (!CHECK(!ok)) {
    printf("      \"%s\" accepted as %s\n", in, out);
  }
}

static void phone(const char *in, bool allow_short, const char *want)
{
  char out[17];
  const char *why = NULL;
  bool ok = rules_phone(in, allow_short, out, &why);
  if (want) {
    if (CHECK(ok))
      CHECK_STR(out, want);
    else
      printf("      \"%s\" rejected: %s\n", in, why);
  } else if (!CHECK(!ok)) {
    printf("      \"%s\" accepted as %s\n", in, out);
  }
}

static void fold(const char *in, const char *want)
{
  char out[64];
  if (CHECK(fold_name(in, out, sizeof out)))
    CHECK_STR(out, want);
}

int main(void)
{
  const char *why;

  TEST_SECTION("NHS numbers (Modulus 11)");
  nhs("9434765919", "9434765919");
  nhs("943 476 5919", "9434765919");
  nhs("943  476 5919 ", "9434765919");
  nhs("4010232137", "4010232137");
  nhs("9434765918", NULL);  /* wrong check digit */
  nhs("943476591", NULL);   /* 9 digits */
  nhs("94347659190", NULL); /* 11 digits */
  nhs("943-476-5919", NULL);
  nhs("", NULL);
  nhs("1000000010", NULL);  /* remainder gives check 10: never valid */
  nhs("5990128088", "5990128088"); /* remainder 0: check digit 0 */

  TEST_SECTION("dates");
  int y, m, d;
  CHECK(rules_date("1961-03-03", &y, &m, &d, &why) && y == 1961 && m == 3 && d == 3);
  CHECK(rules_date("2024-02-29", NULL, NULL, NULL, &why));
  CHECK(!rules_date("2023-02-29", NULL, NULL, NULL, &why));
  CHECK(!rules_date("1900-02-29", NULL, NULL, NULL, &why)); /* 1900 was not a leap year */
  CHECK(rules_date("2000-02-29", NULL, NULL, NULL, &why));
  CHECK(!rules_date("1961-13-01", NULL, NULL, NULL, &why));
  CHECK(!rules_date("1961-04-31", NULL, NULL, NULL, &why));
  CHECK(!rules_date("1961-3-3", NULL, NULL, NULL, &why));
  CHECK(!rules_date("03/03/1961", NULL, NULL, NULL, &why));
  CHECK(!rules_date("1899-12-31", NULL, NULL, NULL, &why));
  CHECK(rules_date_of_birth("1900-01-01", "2026-11-21", &why));
  CHECK(rules_date_of_birth("2026-11-21", "2026-11-21", &why));
  CHECK(!rules_date_of_birth("2026-11-22", "2026-11-21", &why));
  CHECK_STR(why, "date of birth is in the future");

  TEST_SECTION("UK postcodes");
  postcode("CF14 2TL", "CF14 2TL");
  postcode("cf142tl", "CF14 2TL");
  postcode("  cf14   2tl ", "CF14 2TL");
  postcode("SA1 8PP", "SA1 8PP");
  postcode("LL57 2DG", "LL57 2DG");
  postcode("M1 1AE", "M1 1AE");
  postcode("B33 8TH", "B33 8TH");
  postcode("W1A 0AX", "W1A 0AX");
  postcode("EC1A 1BB", "EC1A 1BB");
  postcode("gir 0aa", "GIR 0AA");
  postcode("CF14", NULL);
  postcode("CF14 2T", NULL);
  postcode("CF14 2CL", NULL); /* C never in the inward code */
  postcode("1F14 2TL", NULL);
  postcode("CF14-2TL", NULL);
  postcode("CF14 2TLX", NULL);

  TEST_SECTION("UK phone numbers to E.164");
  phone("029 2061 5888", false, "+442920615888");
  phone("+44 29 2061 5888", false, "+442920615888");
  phone("+44 (0)29 2061 5888", false, "+442920615888");
  phone("(029) 2061-5888", false, "+442920615888");
  phone("0044 29 2061 5888", false, "+442920615888");
  phone("07700 900123", false, "+447700900123");
  phone("0808 808 00 00", false, "+448088080000");
  phone("01632 960001", false, "+441632960001");
  phone("+353 1 234 5678", false, NULL);  /* not UK */
  phone("2061 5888", false, NULL);        /* no area code */
  phone("029 2061 588", false, "+44292061588"); /* 9-digit NSN: some UK areas */
  phone("029 2061 58881", false, NULL);   /* too long */
  phone("0029 2061 5888", false, NULL);
  phone("029 2061 5888 ext 4", false, NULL);
  phone("111", false, NULL);
  phone("111", true, "111");
  phone("999", true, "999");
  phone("116 123", true, "116123");
  phone("0600 123456", false, NULL);      /* no UK numbers start 06 */

  TEST_SECTION("web addresses, e-mail, identifiers, text");
  CHECK(rules_https_url("https://111.wales.nhs.uk", &why));
  CHECK(rules_https_url("https://www.macmillan.org.uk/cancer-information", &why));
  CHECK(!rules_https_url("http://www.macmillan.org.uk", &why));
  CHECK(!rules_https_url("https://", &why));
  CHECK(!rules_https_url("https://exa mple.org", &why));
  CHECK(!rules_https_url("javascript:alert(1)", &why));
  CHECK(rules_email("a.nurse@wales.nhs.uk", &why));
  CHECK(!rules_email("a.nurse@", &why));
  CHECK(!rules_email("nurse wales.nhs.uk", &why));
  CHECK(rules_identifier("KW-BR_01", &why));
  CHECK(!rules_identifier("KW 01", &why));
  CHECK(!rules_identifier("", &why));
  CHECK(!rules_identifier("123456789012345678901234567890123", &why));
  CHECK(rules_text("Gwenllïan", 9, false, &why));
  CHECK(!rules_text("Gwenllïan", 8, false, &why));
  CHECK(!rules_text("bad \xc3", 80, false, &why));
  CHECK(!rules_text("over\xc0\xaflong", 80, false, &why)); /* overlong encoding of '/' */
  CHECK(!rules_text("line\nbreak", 80, false, &why));
  CHECK(rules_text("line\nbreak", 80, true, &why));

  TEST_SECTION("timestamps");
  char ts[21];
  CHECK(rules_utc_timestamp("2026-11-20T23:05:00Z", ts, &why));
  CHECK(rules_utc_timestamp("2026-11-20T23:05:00+00:00", ts, &why));
  CHECK_STR(ts, "2026-11-20T23:05:00Z");
  CHECK(!rules_utc_timestamp("2026-11-20 23:05:00", ts, &why));
  CHECK(!rules_utc_timestamp("2026-11-20T23:05:00+01:00", ts, &why));

  TEST_SECTION("name folding (utf8proc)");
  fold("Siân", "sian");
  fold("SIAN", "sian");
  fold("O'Brien", "obrien");
  fold("O’Brien", "obrien");
  fold("ap Rhys", "aprhys");
  fold("Lewis-Pritchard", "lewispritchard");
  fold("Ŵyn", "wyn");
  fold("Llŷr", "llyr");
  fold("Gwenllïan", "gwenllian");
  fold("Nguyễn", "nguyen");
  fold("  Jones ", "jones");
  char small[4];
  CHECK(!fold_name("Gwenllian", small, sizeof small));
  return test_summary();
}
