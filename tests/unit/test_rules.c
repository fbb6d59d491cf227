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
  char out[RULES_POSTCODE_MAX];
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
  char out[RULES_PHONE_MAX];
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

/* A stored number in the national format. */
static void shown(const char *stored, const char *want)
{
  char out[64];
  CHECK(rules_phone_format(stored, "ext.", out, sizeof out));
  CHECK_STR(out, want);
}

/* A number as written, stored and shown again. */
static void round_trip(const char *in, bool allow_short, const char *want_shown)
{
  char stored[RULES_PHONE_MAX], out[64];
  const char *why = NULL;
  if (!CHECK(rules_phone(in, allow_short, stored, &why))) {
    printf("      \"%s\" rejected: %s\n", in, why);
    return;
  }
  rules_phone_format(stored, "ext.", out, sizeof out);
  CHECK_STR(out, want_shown);
}

/* A number refused with a reason that contains want. */
static void phone_why(const char *in, const char *want)
{
  char out[RULES_PHONE_MAX];
  const char *why = "";
  if (!CHECK(!rules_phone(in, false, out, &why)))
    printf("      \"%s\" accepted as %s\n", in, out);
  else if (!CHECK(strstr(why, want)))
    printf("      \"%s\": %s\n", in, why);
}

/* Inspect text for signs of lost letters. */
static rules_loss_t loss(const char *text, bool names)
{
  rules_text_facts_t facts;
  const char *why;
  if (!rules_text_inspect(text, names, &facts, &why))
    return (rules_loss_t)-1;
  return facts.loss;
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
  /* Degenerate numbers that pass Modulus 11 but cannot exist. */
  nhs("0000000000", NULL);
  nhs("000 000 0000", NULL);
  for (char d = '1'; d <= '9'; d++) {
    char same[11];
    memset(same, d, 10);
    same[10] = '\0';
    nhs(same, NULL);        /* every one-digit number passes Modulus 11 */
  }
  CHECK(!rules_nhs_number("1111111111", (char[11]){0}, &why));
  CHECK(strstr(why, "one digit repeated") != NULL);
  nhs("0100000019", NULL);  /* below 010 100 0000, the lowest ever issued */
  nhs("0123456789", NULL);  /* CHI range: "012345" is not a DDMMYY date */
  nhs("0101451237", "0101451237"); /* CHI: 01 01 45, a date */
  nhs("3113450000", NULL);  /* check digit wrong anyway */
  nhs("9876543210", "9876543210"); /* passes: 987 is not a CHI range, and may yet be issued */
  nhs("999 000 0018", "9990000018"); /* the test range stays */

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
  postcode("CF14\xc2\xa0" "2TL", "CF14 2TL");      /* no-break space from a web page */
  postcode("\xe2\x80\x8b CF14 2TL\t", "CF14 2TL"); /* zero-width space, tab */
  postcode("CF14\xe2\x80\xaf" "2TL", "CF14 2TL");  /* narrow no-break space */
  postcode("CF14-2TL", "CF14 2TL");
  postcode("BFPO 105", "BFPO 105");             /* British Forces Post Office */
  postcode("bfpo105", "BFPO 105");
  postcode(" BFPO  2000 ", "BFPO 2000");
  postcode("BFPO", NULL);
  postcode("BFPO 0105", NULL);
  postcode("BFPO 12345", NULL);
  postcode("BF1 4FB", "BF1 4FB");               /* the BF1 postcodes of BFPO addresses */
  postcode("GY1 1AA", "GY1 1AA");               /* Crown dependencies */
  postcode("ZE1 0AA", "ZE1 0AA");
  postcode("QQ1 1AA", NULL);                    /* no postcode area QQ */
  postcode("XX1 1AA", NULL);
  postcode("J1 1AA", NULL);                     /* no one-letter area J */
  postcode("W1I 1AA", NULL);                    /* I never follows the district in A9A */
  postcode("EC1I 1AA", NULL);
  postcode("CF14 2TL.", NULL);
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
  postcode("CF14 2TLX", NULL);
  CHECK(!rules_postcode("QQ1 1AA", (char[RULES_POSTCODE_MAX]){0}, &why));
  CHECK_STR(why, "not a UK postcode: there is no such postcode area");

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
  phone("029 2061 588", false, NULL);     /* 029 numbers have 11 digits */
  phone("029 2061 58881", false, NULL);   /* too long */
  phone("0029 2061 5888", false, NULL);
  phone("029 2061 5888 ext 4", false, "+442920615888;ext=4");
  phone("111", false, NULL);
  phone("111", true, "111");
  phone("999", true, "999");
  phone("116 123", true, "116123");
  phone("0600 123456", false, NULL);      /* no UK numbers start 06 */
  phone("029\xc2\xa0" "2061\xc2\xa0" "5888", false, "+442920615888"); /* no-break spaces */
  phone("029\xe2\x80\x93" "2061\xe2\x80\x93" "5888", false, "+442920615888"); /* en dashes */

  TEST_SECTION("phone numbers by the numbering plan (Ofcom), shown in the national format");
  round_trip("0800 123 456", false, "0800 123 456");       /* 9-digit national number */
  round_trip("08001234567", false, "0800 123 4567");
  round_trip("0800 1111", false, "0800 1111");             /* 8-digit freephone (Childline) */
  round_trip("+44 800 1111", false, "0800 1111");
  round_trip("0808 808 00 00", false, "0808 808 0000");
  round_trip("029 2061 5888", false, "029 2061 5888");
  round_trip("+44 (0)29 2061 5888", false, "029 2061 5888");
  round_trip("020 7946 0000", false, "020 7946 0000");
  round_trip("0113 496 0000", false, "0113 496 0000");
  round_trip("0121 496 0000", false, "0121 496 0000");
  round_trip("0300 123 4567", false, "0300 123 4567");
  round_trip("07700 900123", false, "07700 900123");
  round_trip("01632 960001", false, "01632 960001");       /* Ofcom's drama numbers */
  round_trip("01387 123456", false, "01387 123456");       /* 4+6 */
  round_trip("013873 12345", false, "013873 12345");       /* 5+5: Langholm inside 01387 */
  round_trip("01387312345", false, "013873 12345");
  round_trip("016977 23456", false, "016977 23456");       /* 5+5 Brampton */
  round_trip("016977 2345", false, "016977 2345");         /* 5+4 Brampton */
  round_trip("01204 61234", false, "01204 61234");         /* 4+5 Bolton */
  round_trip("01204 612345", false, "01204 612345");
  round_trip("029 2061 5888 ext 2345", false, "029 2061 5888 ext. 2345");
  round_trip("029 2061 5888 x2345", false, "029 2061 5888 ext. 2345");
  round_trip("029 2061 5888 extension 2345", false, "029 2061 5888 ext. 2345");
  round_trip("029 2061 5888 (Ext. 2345)", false, "029 2061 5888 ext. 2345");
  round_trip("029 2061 5888 est 2345", false, "029 2061 5888 ext. 2345");
  round_trip("116 123", true, "116 123");
  round_trip("116123", true, "116 123");
  round_trip("111", true, "111");
  round_trip("999", true, "999");
  round_trip("118 500", true, "118 500");
  phone("+442920615888;ext=2345", false, "+442920615888;ext=2345"); /* the stored form reads back */
  shown("+442920615888;ext=2345", "029 2061 5888 ext. 2345");
  char nat[64];
  CHECK(rules_phone_format("+442920615888;ext=2345", "est.", nat, sizeof nat));
  CHECK_STR(nat, "029 2061 5888 est. 2345");
  CHECK(!rules_phone_format("+33142685300", "ext.", nat, sizeof nat)); /* not ours: as it is */
  CHECK_STR(nat, "+33142685300");
  rules_phone_dial_string("+442920615888;ext=2345", nat, sizeof nat);
  CHECK_STR(nat, "+442920615888,2345");
  rules_phone_dial_string("+442920615888", nat, sizeof nat);
  CHECK_STR(nat, "+442920615888");
  phone_why("01204 6123", "01 or 02 have 11 digits");      /* too short even for Bolton */
  phone_why("01204 71234", "01 or 02 have 11 digits");     /* 5-digit locals only in 6[1-4] */
  phone_why("01387 12345", "01 or 02 have 11 digits");
  phone_why("016977 234", "01 or 02 have 11 digits");
  phone_why("0800 12345", "0800 numbers have 11 or 10 digits");
  phone_why("07700 90012", "03, 05, 07, 08 or 09 have 11 digits");
  phone_why("01000 123456", "not in use");                 /* no area code 01000 */
  phone_why("0600 123456", "not in use");
  phone_why("0500 123456", "not in use");                  /* 0500 closed in 2017 */
  phone_why("2920615888", "must start with 0 or +44");     /* a spreadsheet ate the 0 */
  phone_why("029 2061 5888 ext", "extension must be 1 to 7 digits");
  phone_why("029 2061 5888 ext 12345678", "extension must be 1 to 7 digits");
  phone_why("029 2061 5888 / 07700 900123", "one phone number per field");
  phone_why("Tel 029 2061 5888", "may only contain digits");
  phone_why("111", "short number");

  TEST_SECTION("web addresses, e-mail, identifiers, text");
  CHECK(rules_https_url("https://111.wales.nhs.uk", &why));
  CHECK(rules_https_url("https://www.macmillan.org.uk/cancer-information", &why));
  CHECK(!rules_https_url("http://www.macmillan.org.uk", &why));
  CHECK(!rules_https_url("https://", &why));
  CHECK(!rules_https_url("https://exa mple.org", &why));
  CHECK(!rules_https_url("javascript:alert(1)", &why));
  CHECK(rules_https_url("HTTPS://111.wales.nhs.uk", &why));       /* the scheme has no case */
  CHECK(!rules_https_url("https://user:pass@example.org/", &why)); /* credentials */
  CHECK_STR(why, "web address must not carry a user name or password (user:password@)");
  CHECK(!rules_https_url("https://nurse@example.org", &why));
  CHECK(rules_https_url("https://example.org/@team", &why));       /* an @ after the host is fine */
  CHECK(!rules_https_url("ftp://example.org", &why));
  CHECK(!rules_https_url("file:///etc/passwd", &why));
  CHECK(!rules_https_url("data:text/html,hi", &why));
  CHECK(!rules_https_url("https:\\\\example.org", &why));
  CHECK(rules_https_url("https://example.org:8443/x", &why));
  CHECK(!rules_https_url("https://example.org:99999/", &why));
  CHECK(rules_web_url("http://example.org", true, &why));
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
  CHECK(rules_utc_timestamp("2026-11-20T23:05:00+01:00", ts, &why)); /* an offset is an instant too */
  CHECK_STR(ts, "2026-11-20T22:05:00Z");
  CHECK(rules_utc_timestamp("2026-11-20T23:05:00.123Z", ts, &why)); /* JavaScript's toISOString() */
  CHECK_STR(ts, "2026-11-20T23:05:00Z");
  CHECK(rules_utc_timestamp("2026-12-31T23:30:00-01:00", ts, &why)); /* across a year */
  CHECK_STR(ts, "2027-01-01T00:30:00Z");
  CHECK(rules_utc_timestamp("2026-11-20t23:05:00z", ts, &why));
  CHECK(rules_utc_timestamp("2026-11-20T23:05:00+0100", ts, &why));
  CHECK_STR(ts, "2026-11-20T22:05:00Z");
  CHECK(!rules_utc_timestamp("2026-11-20T23:05:00", ts, &why));      /* no zone: not an instant */
  CHECK(!rules_utc_timestamp("2026-11-20T23:05:00+25:00", ts, &why));
  CHECK(!rules_utc_timestamp("2026-11-20T23:05:00.Z", ts, &why));

  TEST_SECTION("signs of lost letters");
  CHECK_INT(loss("Siân Llŷr Ŵyn", true), RULES_LOSS_NONE);
  CHECK_INT(loss("Si\xef\xbf\xbdn", true), RULES_LOSS_REPLACEMENT);  /* U+FFFD */
  CHECK_INT(loss("Si\xc3\x83\xc2\xa2n", true), RULES_LOSS_MOJIBAKE); /* "SiÃ¢n": â read as Windows-1252 */
  CHECK_INT(loss("Ll\xc3\x85\xc2\xb7r", true), RULES_LOSS_MOJIBAKE); /* "LlÅ·r": ŷ */
  CHECK_INT(loss("\xc3\x85\xc2\xb4yn", true), RULES_LOSS_MOJIBAKE);  /* "Å´yn": Ŵ */
  CHECK_INT(loss("caf\xc3\x83\xc2\xa9", false), RULES_LOSS_MOJIBAKE); /* "cafÃ©" */
  CHECK_INT(loss("don\xc3\xa2\xe2\x82\xac\xe2\x84\xa2t", false), RULES_LOSS_MOJIBAKE); /* "donâ€™t" */
  CHECK_INT(loss("Si\xc2\x80n", false), RULES_LOSS_MOJIBAKE);        /* a C1 control */
  CHECK_INT(loss("Ren\xc3\xa9" "e\xe2\x80\x99s group", false), RULES_LOSS_NONE); /* "Renée’s": real text */
  CHECK_INT(loss("caf\xc3\xa9\xe2\x80\x93" "bar", false), RULES_LOSS_NONE);     /* "café–bar" */
  CHECK_INT(loss("Ll?r", true), RULES_LOSS_QUESTION);     /* Llŷr saved in a code page without ŷ */
  CHECK_INT(loss("D?r", false), RULES_LOSS_QUESTION);
  CHECK_INT(loss("Gwenno?", true), RULES_LOSS_QUESTION);  /* never in a name */
  CHECK_INT(loss("Worried? Call us.", false), RULES_LOSS_NONE);
  CHECK_INT(loss("Sia?n", false), RULES_LOSS_QUESTION);   /* a decomposed â lost its accent */
  CHECK_INT(loss("Ll&#375;r", true), RULES_LOSS_ENTITY);  /* Llŷr through a web form */
  CHECK_INT(loss("Gw&ycirc;l", false), RULES_LOSS_ENTITY);
  CHECK_INT(loss("&#x175;yn", true), RULES_LOSS_ENTITY);
  CHECK_INT(loss("Fish & chips; tea", false), RULES_LOSS_NONE);
  CHECK_INT(loss("R&D; team", false), RULES_LOSS_NONE);   /* one letter is not a name */
  CHECK_INT(loss("Ll^yr", true), RULES_LOSS_CARET);      /* ^y for ŷ */
  CHECK_INT(loss("Gwy^l", true), RULES_LOSS_CARET);       /* y^ for ŷ */
  CHECK_INT(loss("2^10 bytes", false), RULES_LOSS_NONE);
  rules_text_facts_t facts;
  CHECK(rules_text_inspect("a\tb\nc", false, &facts, &why) && facts.tabs && facts.line_breaks && facts.chars == 5);
  CHECK(!rules_text_inspect("a\x01b", false, &facts, &why));
  CHECK(!rules_text_inspect("a\x7f", false, &facts, &why));

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
