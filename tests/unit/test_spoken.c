/*
 * Spoken forms (src/core/spoken.c): the exact words the read-aloud gives
 * espeak-ng for numbers, phone and emergency numbers, dates, times, ranges
 * and addresses in Welsh and English, the Welsh soft mutation, buffers that
 * are too small, and the script that carries one screen's sentences.
 */
#include <stdio.h>
#include <string.h>

#include "core/spoken.h"
#include "testlib.h"

static char buf[4096];

/* The words of f(lang, in) or "(false)". */
#define SAY(fn, lang, ...) (fn((lang), __VA_ARGS__, buf, sizeof buf) ? buf : "(false)")

/* Counting numbers in both languages. */
static void test_cardinal(void)
{
  TEST_SECTION("cardinal numbers");
  static const struct { long n; const char *cy, *en; } cases[] = {
    {0, "dim", "zero"},
    {1, "un", "one"},
    {7, "saith", "seven"},
    {10, "deg", "ten"},
    {11, "un deg un", "eleven"},
    {20, "dau ddeg", "twenty"},
    {24, "dau ddeg pedwar", "twenty-four"},
    {56, "pum deg chwech", "fifty-six"},
    {60, "chwe deg", "sixty"},
    {99, "naw deg naw", "ninety-nine"},
    {100, "cant", "one hundred"},
    {101, "cant ac un", "one hundred and one"},
    {105, "cant a phump", "one hundred and five"},
    {110, "cant a deg", "one hundred and ten"},
    {120, "cant dau ddeg", "one hundred and twenty"},
    {300, "tri chant", "three hundred"},
    {999, "naw cant naw deg naw", "nine hundred and ninety-nine"},
    {1000, "mil", "one thousand"},
    {1050, "mil pum deg", "one thousand and fifty"},
    {2003, "dwy fil a thri", "two thousand and three"},
    {2026, "dwy fil dau ddeg chwech", "two thousand and twenty-six"},
    {6600, "chwe mil chwe chant", "six thousand six hundred"},
    {10000, "deng mil", "ten thousand"},
    {48000, "pedwar deg wyth mil", "forty-eight thousand"},
    {999999, "naw cant naw deg naw mil naw cant naw deg naw",
     "nine hundred and ninety-nine thousand nine hundred and ninety-nine"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    CHECK_STR(SAY(spoken_cardinal, LANG_CY, cases[i].n), cases[i].cy);
    CHECK_STR(SAY(spoken_cardinal, LANG_EN, cases[i].n), cases[i].en);
  }
  CHECK(!spoken_cardinal(LANG_EN, -1, buf, sizeof buf));
  CHECK_STR(buf, "");
  CHECK(!spoken_cardinal(LANG_CY, 1000000, buf, sizeof buf));
}

/* Years as people say them. */
static void test_years(void)
{
  TEST_SECTION("years");
  static const struct { int y; const char *cy, *en; } cases[] = {
    {1961, "mil naw chwe deg un", "nineteen sixty-one"},
    {1938, "mil naw tri deg wyth", "nineteen thirty-eight"},
    {1905, "mil naw dim pump", "nineteen oh five"},
    {1900, "mil naw cant", "nineteen hundred"},
    {1999, "mil naw naw deg naw", "nineteen ninety-nine"},
    {2000, "dwy fil", "two thousand"},
    {2005, "dwy fil a phump", "two thousand and five"},
    {2010, "dwy fil a deg", "twenty ten"},
    {2026, "dwy fil dau ddeg chwech", "twenty twenty-six"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    CHECK_STR(SAY(spoken_year, LANG_CY, cases[i].y), cases[i].cy);
    CHECK_STR(SAY(spoken_year, LANG_EN, cases[i].y), cases[i].en);
  }
}

/* Phone numbers: digit by digit in their groups; Welsh "dim", English "oh". */
static void test_phones(void)
{
  TEST_SECTION("phone and emergency numbers");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "+442920180123"),
            "dim dau naw, dau dim un wyth, dim un dau tri");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "+442920180123"),
            "oh two nine, two oh one eight, oh one two three");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "+448088080000"),
            "dim wyth dim wyth, wyth dim wyth, dim dim dim dim");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "+447700900123"),
            "oh seven seven oh oh, nine oh oh one two three");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "116123"), "un un chwech, un dau tri");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "116123"), "one one six, one two three");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "+442920615888;ext=2345"),
            "oh two nine, two oh six one, five eight eight eight, extension two three four five");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "+442920615888;ext=2345"),
            "dim dau naw, dau dim chwech un, pump wyth wyth wyth, estyniad dau tri pedwar pump");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "999"), "naw naw naw");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "999"), "nine nine nine");
  CHECK_STR(SAY(spoken_phone, LANG_CY, "111"), "un un un");
  CHECK_STR(SAY(spoken_phone, LANG_EN, "111"), "one one one");
  CHECK_STR(SAY(spoken_digits, LANG_EN, "+44 (0)29 2061 5888"),
            "plus four four, oh two nine, two oh six one, five eight eight eight");
  CHECK_STR(SAY(spoken_digits, LANG_CY, "0800-123-456"),
            "dim wyth dim dim, un dau tri, pedwar pump chwech");
  CHECK(!spoken_digits(LANG_EN, "029 ABC", buf, sizeof buf));
  CHECK_STR(buf, "");
  CHECK(!spoken_digits(LANG_EN, "  ", buf, sizeof buf));
  CHECK(!spoken_phone(LANG_EN, NULL, buf, sizeof buf));
}

/* Codes such as postcodes, character by character. */
static void test_codes(void)
{
  TEST_SECTION("codes");
  CHECK_STR(SAY(spoken_code, LANG_EN, "CF14 4XW"), "C F one four, four X W");
  CHECK_STR(SAY(spoken_code, LANG_CY, "sa1 8en"), "S A un, wyth E N");
  CHECK(!spoken_code(LANG_CY, "CF14-4XW", buf, sizeof buf));
}

/* Dates with the traditional Welsh ordinals and the soft mutation after "o". */
static void test_dates(void)
{
  TEST_SECTION("dates");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1961-03-03", true),
            "dydd Gwener, y trydydd o Fawrth, mil naw chwe deg un");
  CHECK_STR(SAY(spoken_date, LANG_EN, "1961-03-03", true),
            "Friday, the third of March, nineteen sixty-one");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1961-03-06", true),
            "dydd Llun, y chweched o Fawrth, mil naw chwe deg un");
  CHECK_STR(SAY(spoken_date, LANG_EN, "1961-03-06", true),
            "Monday, the sixth of March, nineteen sixty-one");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1956-04-18", false),
            "y deunawfed o Ebrill, mil naw pum deg chwech");
  CHECK_STR(SAY(spoken_date, LANG_EN, "1956-04-18", false),
            "the eighteenth of April, nineteen fifty-six");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1938-06-27", false),
            "y seithfed ar hugain o Fehefin, mil naw tri deg wyth");
  CHECK_STR(SAY(spoken_date, LANG_CY, "2001-07-01", false),
            "y cyntaf o Orffennaf, dwy fil ac un");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1999-11-11", false),
            "yr unfed ar ddeg o Dachwedd, mil naw naw deg naw");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1980-12-31", false),
            "yr unfed ar ddeg ar hugain o Ragfyr, mil naw wyth deg");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1970-05-22", false),
            "yr ail ar hugain o Fai, mil naw saith deg");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1970-09-02", false),
            "yr ail o Fedi, mil naw saith deg");
  CHECK_STR(SAY(spoken_date, LANG_CY, "1970-01-20", false),
            "yr ugeinfed o Ionawr, mil naw saith deg");
  CHECK_STR(SAY(spoken_date, LANG_EN, "1980-12-31", false),
            "the thirty-first of December, nineteen eighty");
  CHECK_STR(SAY(spoken_date, LANG_EN, "2026-11-22", false),
            "the twenty-second of November, twenty twenty-six");
  CHECK(!spoken_date(LANG_EN, "1961-02-30", false, buf, sizeof buf));
  CHECK(!spoken_date(LANG_CY, "3 March", true, buf, sizeof buf));
}

/* The soft mutation, with capitals kept. */
static void test_mutation(void)
{
  TEST_SECTION("soft mutation");
  static const char *const cases[][2] = {
    {"Mawrth", "Fawrth"}, {"Gwener", "Wener"}, {"Gorffennaf", "Orffennaf"},
    {"Tachwedd", "Dachwedd"}, {"Rhagfyr", "Ragfyr"}, {"Llun", "Lun"}, {"pedwar", "bedwar"},
    {"cant", "gant"}, {"bore", "fore"}, {"dydd", "ddydd"}, {"Ionawr", "Ionawr"},
    {"Chwefror", "Chwefror"}, {"Hydref", "Hydref"}, {"ddoe", "ddoe"}, {"ffôn", "ffôn"},
    {"theatr", "theatr"}, {"naw", "naw"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK_STR(spoken_soft_mutation(cases[i][0], buf, sizeof buf) ? buf : "(false)",
              cases[i][1]);
}

/* Running text: the numbers and signs inside sentences. */
static void test_text(void)
{
  TEST_SECTION("running text");
  static const struct { lang_t lang; const char *in, *out; } cases[] = {
    {LANG_EN, "In an emergency call 999.", "In an emergency call nine nine nine."},
    {LANG_CY, "Mewn argyfwng, ffoniwch 999.", "Mewn argyfwng, ffoniwch naw naw naw."},
    {LANG_EN, "For urgent advice call NHS 111 Wales.",
     "For urgent advice call NHS one one one Wales."},
    {LANG_CY, "ffoniwch GIG 111 Cymru", "ffoniwch GIG un un un Cymru"},
    {LANG_EN, "Samaritans: 116 123, any time", "Samaritans: one one six, one two three, any time"},
    {LANG_CY, "Ffôn: 029 2018 0123", "Ffôn: dim dau naw, dau dim un wyth, dim un dau tri"},
    {LANG_EN, "Phone 029 2018 0999 (24 hours)",
     "Phone oh two nine, two oh one eight, oh nine nine nine (twenty-four hours)"},
    {LANG_CY, "24 awr y dydd, 7 diwrnod yr wythnos", "dau ddeg pedwar awr y dydd, saith diwrnod yr wythnos"},
    {LANG_EN, "Mon\xe2\x80\x93" "Fri 9am\xe2\x80\x93" "4pm", "Monday to Friday nine a.m. to four p.m."},
    {LANG_CY, "Llun\xe2\x80\x93Gwener 9yb\xe2\x80\x93" "4yp",
     "Llun i Wener naw y bore i bedwar y prynhawn"},
    {LANG_CY, "Llun\xe2\x80\x93Mercher 9yb\xe2\x80\x93" "3yp",
     "Llun i Fercher naw y bore i dri y prynhawn"},
    {LANG_CY, "Bob dydd 8yb\xe2\x80\x93" "8yh; ar adegau eraill ffoniwch 111",
     "Bob dydd wyth y bore i wyth yr hwyr; ar adegau eraill ffoniwch un un un"},
    {LANG_EN, "Every day 8am\xe2\x80\x93" "8pm", "Every day eight a.m. to eight p.m."},
    {LANG_EN, "9:30am to 12:00", "nine thirty a.m. to twelve o'clock"},
    {LANG_CY, "9-5", "naw i bump"},
    {LANG_EN, "For example: 03 07 1961", "For example: oh three, oh seven, one nine six one"},
    {LANG_CY, "Er enghraifft: 03 07 1961", "Er enghraifft: dim tri, dim saith, un naw chwech un"},
    {LANG_CY, "Deddf Cydraddoldeb 2010", "Deddf Cydraddoldeb dwy fil a deg"},
    {LANG_EN, "the Equality Act 2010", "the Equality Act twenty ten"},
    {LANG_EN, "\xe2\x80\xa2 Talk to you about your care", "Talk to you about your care"},
    {LANG_EN, "https://www.macmillan.org.uk", "macmillan dot org dot uk"},
    {LANG_CY, "https://www.citizensadvice.org.uk/wales/",
     "citizensadvice dot org dot uk slaes wales"},
    {LANG_EN, "Email: gwenno.rees@glanhafren.example.",
     "Email: gwenno dot rees at glanhafren dot example."},
    {LANG_EN, "Area: UK / Y DU", "Area: UK, Y DU"},
    {LANG_EN, "Data exported: 2026-11-20T09:00:00Z",
     "Data exported: the twentieth of November, twenty twenty-six, nine o'clock"},
    {LANG_CY, "Cysoni diwethaf: 2026-11-20 14:05",
     "Cysoni diwethaf: yr ugeinfed o Dachwedd, dwy fil dau ddeg chwech, un deg pedwar"
     " dim pump"},
    /* dates as people write them: said with the ordinal, as on the confirm screen */
    {LANG_EN, "That year had no 29 February.", "That year had no twenty-ninth of February."},
    {LANG_CY, "Nid oedd 29 Chwefror yn y flwyddyn honno.",
     "Nid oedd y nawfed ar hugain o Chwefror yn y flwyddyn honno."},
    {LANG_EN, "Data exported: 20 November 2026, 23:05",
     "Data exported: the twentieth of November, twenty twenty-six, twenty-three oh five"},
    {LANG_CY, "Data wedi'i allforio: 20 Tachwedd 2026, 23:05",
     "Data wedi'i allforio: yr ugeinfed o Dachwedd, dwy fil dau ddeg chwech, dau ddeg tri dim pump"},
    {LANG_CY, "3 Mawrth", "y trydydd o Fawrth"},
    {LANG_EN, "32 March and 3 may", "thirty-two March and three may"},
    {LANG_EN, "Patients: 40  Key workers: 12", "Patients: forty  Key workers: twelve"},
    {LANG_EN, "in 1 minute", "in one minute"},
    {LANG_CY, "Gallwch roi cynnig arall mewn 0 munud", "Gallwch roi cynnig arall mewn dim munud"},
    {LANG_EN, "Help & advice, 100%", "Help and advice, one hundred per cent"},
    {LANG_EN, "Pryce-Llewellyn ap Gruffudd-Llwyd", "Pryce-Llewellyn ap Gruffudd-Llwyd"},
    {LANG_EN, "Rooms A4 and CF14", "Rooms A4 and CF14"},
    {LANG_EN, "a pause \xe2\x80\x93 here", "a pause, here"},
    {LANG_CY, "T\xc3\xaem gofal y fron", "T\xc3\xaem gofal y fron"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK_STR(SAY(spoken_text, cases[i].lang, cases[i].in), cases[i].out);
  char small[8];
  CHECK(!spoken_text(LANG_EN, "call 999 now", small, sizeof small));
  CHECK_STR(small, "");
  CHECK(!spoken_text(LANG_EN, NULL, buf, sizeof buf));
}

/* The script: sentences in order, runs of one language, full stops. */
static void test_script(void)
{
  TEST_SECTION("script");
  static spoken_script_t s;
  lang_t lang = LANG_COUNT;
  spoken_script_clear(&s);
  CHECK(spoken_script_add(&s, LANG_CY, "Croeso"));
  CHECK(spoken_script_add(&s, LANG_CY, "  Dewiswch eich iaith:  "));
  CHECK(spoken_script_add(&s, LANG_CY, ""));
  CHECK(spoken_script_add(&s, LANG_EN, "Welcome!"));
  CHECK(spoken_script_add(&s, LANG_CY, "Cymraeg"));
  CHECK_INT(s.count, 3);
  CHECK_STR(spoken_script_part(&s, 0, &lang), "Croeso. Dewiswch eich iaith:");
  CHECK_INT(lang, LANG_CY);
  CHECK_STR(spoken_script_part(&s, 1, &lang), "Welcome!");
  CHECK_INT(lang, LANG_EN);
  CHECK_STR(spoken_script_part(&s, 2, &lang), "Cymraeg.");
  CHECK(spoken_script_part(&s, 3, &lang) == NULL);
  CHECK(!s.truncated);
  /* Every sentence starts with a capital (not after "a.m.", "e.g."). */
  spoken_script_clear(&s);
  CHECK(spoken_script_add(&s, LANG_EN, "zero requests today. open nine a.m. to four. ok? yes"));
  CHECK(spoken_script_add(&s, LANG_CY, "\xc5\xb5yr. \xc3\xa2 dim cais"));
  CHECK_STR(spoken_script_part(&s, 0, &lang), "Zero requests today. Open nine a.m. to four. Ok? Yes.");
  CHECK_STR(spoken_script_part(&s, 1, &lang), "\xc5\xb4yr. \xc3\x82 dim cais.");
  spoken_script_clear(&s);
  CHECK(spoken_script_add(&s, LANG_CY, "Croeso"));
  CHECK(spoken_script_add(&s, LANG_CY, "  Dewiswch eich iaith:  "));
  CHECK(spoken_script_add(&s, LANG_CY, ""));
  CHECK(spoken_script_add(&s, LANG_EN, "Welcome!"));
  CHECK(spoken_script_add(&s, LANG_CY, "Cymraeg"));
  /* Too much text: the sentence that does not fit is left out, and said so. */
  char big[2048];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  size_t added = 0;
  while (spoken_script_add(&s, LANG_EN, big))
    added++;
  CHECK(s.truncated);
  CHECK(added >= 6);
  CHECK(s.used <= sizeof s.text);
  /* Alternating languages run out of parts before text. */
  spoken_script_clear(&s);
  bool ok = true;
  for (int i = 0; i < SPOKEN_SCRIPT_PARTS_MAX; i++)
    ok = spoken_script_add(&s, i % 2 ? LANG_EN : LANG_CY, "x") && ok;
  CHECK(ok);
  CHECK(!spoken_script_add(&s, LANG_CY, "one too many"));
  CHECK_INT(s.count, SPOKEN_SCRIPT_PARTS_MAX);
}

int main(void)
{
  test_cardinal();
  test_years();
  test_phones();
  test_codes();
  test_dates();
  test_mutation();
  test_text();
  test_script();
  return test_summary();
}
