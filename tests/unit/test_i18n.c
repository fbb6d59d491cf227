/*
 * Tests of the text core: the PO reader (good input, and bad input refused
 * with FILE:LINE), catalogue loading and lookups with context and fallback,
 * the Plural-Forms evaluator and the Welsh and English plural choices, the
 * argument formatter, dates in both languages, and Welsh and English
 * alphabetical order. Catalogues are real files: small ones written to a
 * temporary directory, and the project's own locales/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/i18n_plural.h"
#include "core/po.h"
#include "testlib.h"

/* The repository root: $ALLWEDD_SOURCE_DIR (set by ctest), else the source
 * tree this test was built from. */
static const char *source_dir(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  return src ? src : ALLWEDD_SOURCE_DATADIR;
}

static char tmpdir[256];

/* Write text to tmpdir/name. */
static void write_file(const char *name, const char *text)
{
  char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
}

/* Collected entries of one parse, for checking what the reader saw. */
typedef struct {
  int count;
  char ctx[8][64], id[8][128], plural[8][64], str0[8][128], str2[8][64];
  int line[8];
  size_t nforms[8];
  bool fuzzy[8], c_format[8];
} seen_t;

/* po_parse callback recording each entry. */
static bool record_entry(void *ctx, const po_entry_t *e, char *err, size_t errlen)
{
  (void)err, (void)errlen;
  seen_t *s = ctx;
  int i = s->count++;
  if (i >= 8)
    return true;
  snprintf(s->ctx[i], sizeof s->ctx[i], "%s", e->msgctxt ? e->msgctxt : "(none)");
  snprintf(s->id[i], sizeof s->id[i], "%s", e->msgid);
  snprintf(s->plural[i], sizeof s->plural[i], "%s", e->msgid_plural ? e->msgid_plural : "(none)");
  snprintf(s->str0[i], sizeof s->str0[i], "%s", e->msgstr[0]);
  snprintf(s->str2[i], sizeof s->str2[i], "%s", e->nforms > 2 ? e->msgstr[2] : "(none)");
  s->line[i] = e->line;
  s->nforms[i] = e->nforms;
  s->fuzzy[i] = e->fuzzy;
  s->c_format[i] = e->c_format;
  return true;
}

/* Parse text; true when it parsed. */
static bool parse(const char *text, seen_t *seen, char *err, size_t errlen)
{
  memset(seen, 0, sizeof *seen);
  err[0] = '\0';
  return po_parse("t.po", text, strlen(text), record_entry, seen, err, errlen);
}

static void test_po_reader(void)
{
  TEST_SECTION("PO reader: good input");
  seen_t s;
  char err[256];
  const char *text =
      "# a comment\r\n"
      "msgid \"\"\r\n"
      "msgstr \"\"\r\n"
      "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\r\n"
      "\r\n"
      "#. for translators\n"
      "#, fuzzy, c-format\n"
      "msgctxt \"card\"\n"
      "msgid \"Printed \"\n"
      "\"%s\"\n"
      "msgstr \"Argraffwyd %s\"\n"
      "#~ msgid \"old\"\n"
      "#~ msgstr \"hen\"\n"
      "msgid \"tab\\there \\\"quoted\\\" back\\\\slash\\nnew line\"\n"
      "msgstr \"x\"\n"
      "msgid \"%lu day\"\n"
      "msgid_plural \"%lu days\"\n"
      "msgstr[0] \"%lu diwrnod\"\n"
      "msgstr[1] \"%lu diwrnod\"\n"
      "msgstr[2] \"%lu ddiwrnod\"\n";
  CHECK(parse(text, &s, err, sizeof err));
  printf("   parsed %d entries %s\n", s.count, err);
  CHECK_INT(s.count, 4);
  CHECK_STR(s.id[0], "");
  CHECK_STR(s.str0[0], "Plural-Forms: nplurals=2; plural=(n != 1);\n");
  CHECK_STR(s.ctx[1], "card");
  CHECK_STR(s.id[1], "Printed %s");
  CHECK_STR(s.str0[1], "Argraffwyd %s");
  CHECK(s.fuzzy[1] && s.c_format[1]);
  CHECK_INT(s.line[1], 9);
  CHECK_STR(s.ctx[2], "(none)");
  CHECK_STR(s.id[2], "tab\there \"quoted\" back\\slash\nnew line");
  CHECK(!s.fuzzy[2] && !s.c_format[2]);
  CHECK_STR(s.plural[3], "%lu days");
  CHECK_INT(s.nforms[3], 3);
  CHECK_STR(s.str2[3], "%lu ddiwrnod");
  CHECK_INT(s.line[3], 16);

  TEST_SECTION("PO reader: bad input is refused with FILE:LINE: reason");
  static const struct {
    const char *text, *want;
  } bad[] = {
    {"msgid \"a\"\nmsgstr \"b\nmsgid", "t.po:2: missing closing quote"},
    {"msgid \"a\"\nmsgstr \"b\\q\"\n", "t.po:2: unknown escape \\q"},
    {"msgid \"a\"\n\n\nmsgfoo \"b\"\n", "t.po:4: unknown keyword 'msgfoo'"},
    {"msgstr \"b\"\n", "t.po:1: msgstr without msgid"},
    {"msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", "t.po:2: msgid on line 1 has no msgstr"},
    {"msgid \"a\"\n", "t.po:1: msgid without msgstr"},
    {"msgid \"a\"\nmsgstr[0] \"b\"\n", "t.po:2: msgstr[0] in an entry without msgid_plural"},
    {"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n",
     "t.po:3: an entry with msgid_plural needs msgstr[0], msgstr[1], ..."},
    {"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[2] \"c\"\n",
     "t.po:4: msgstr[2] out of sequence (expected msgstr[1])"},
    {"msgid \"a\" x\nmsgstr \"b\"\n", "t.po:1: unexpected text after the closing quote"},
    {"\"orphan\"\n", "t.po:1: string without a keyword before it"},
    {"msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"\xc3\x28\"\nmsgstr \"c\"\n", "t.po:4: invalid UTF-8"},
    {"msgctxt \"a\"\nmsgctxt \"b\"\nmsgid \"c\"\nmsgstr \"d\"\n",
     "t.po:2: msgctxt out of place (the entry before has no msgstr)"},
    {"msgid \"a\"\n# note\nmsgstr \"b\"\n", "t.po:2: comment in the middle of an entry"},
    {"msgid \"a\"\nmsgstr \"b\"\nmsgctxt \"c\"\n", "t.po:3: msgctxt without msgid at the end of the file"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    bool ok = parse(bad[i].text, &s, err, sizeof err);
    CHECK(!ok);
    CHECK_STR(err, bad[i].want);
    printf("   refused: %s\n", err);
  }
}

static const char *good_cy =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : "
    "(n==6) ? 4 : 5;\\n\"\n"
    "\n"
    "msgctxt \"card\"\nmsgid \"Hours\"\nmsgstr \"Oriau\"\n\n"
    "msgctxt \"shop\"\nmsgid \"Hours\"\nmsgstr \"Amseroedd agor\"\n\n"
    "msgid \"Hours\"\nmsgstr \"Oriau (dim cyd-destun)\"\n\n"
    "#, fuzzy\nmsgid \"Phone\"\nmsgstr \"Ffôn?\"\n\n"
    "msgid \"Email\"\nmsgstr \"\"\n\n"
    "msgctxt \"t\"\nmsgid \"%lu cat\"\nmsgid_plural \"%lu cats\"\n"
    "msgstr[0] \"dim cathod\"\nmsgstr[1] \"%lu gath\"\nmsgstr[2] \"%lu gath (dwy)\"\n"
    "msgstr[3] \"%lu chath\"\nmsgstr[4] \"%lu chath (chwe)\"\nmsgstr[5] \"%lu cath\"\n";
static const char *good_en =
    "msgid \"\"\n"
    "msgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\n"
    "msgctxt \"card\"\nmsgid \"Hours\"\nmsgstr \"Opening hours\"\n";

/* Write cy.po and en.po into tmpdir and try to load them. */
static i18n_t *load_pair(const char *cy, const char *en, char *err, size_t errlen)
{
  write_file("cy.po", cy);
  write_file("en.po", en);
  err[0] = '\0';
  return i18n_load(tmpdir, err, errlen);
}

static void test_catalogue(void)
{
  TEST_SECTION("catalogue: lookups with context, fallback, fuzzy and empty entries");
  char err[512];
  i18n_t *cat = load_pair(good_cy, good_en, err, sizeof err);
  CHECK(cat != NULL);
  if (!cat) {
    printf("   load failed: %s\n", err);
    return;
  }
  CHECK_STR(i18n_get(cat, LANG_CY, "card", "Hours"), "Oriau");
  CHECK_STR(i18n_get(cat, LANG_CY, "shop", "Hours"), "Amseroedd agor");
  CHECK_STR(i18n_get(cat, LANG_CY, NULL, "Hours"), "Oriau (dim cyd-destun)");
  CHECK_STR(i18n_get(cat, LANG_CY, "other", "Hours"), "Hours");
  CHECK_STR(i18n_get(cat, LANG_CY, NULL, "Phone"), "Phone");     /* fuzzy: not used */
  CHECK_STR(i18n_get(cat, LANG_CY, NULL, "Email"), "Email");     /* empty: not used */
  CHECK_STR(i18n_get(cat, LANG_CY, NULL, "Not there"), "Not there");
  CHECK_STR(i18n_get(cat, LANG_EN, "card", "Hours"), "Opening hours");
  CHECK_STR(i18n_get(cat, LANG_EN, "shop", "Hours"), "Hours");
  CHECK_STR(i18n_get(NULL, LANG_CY, "card", "Hours"), "Hours");
  CHECK_STR(i18n_nget(cat, LANG_CY, "t", "%lu cat", "%lu cats", 0), "dim cathod");
  CHECK_STR(i18n_nget(cat, LANG_CY, "t", "%lu cat", "%lu cats", 3), "%lu chath");
  CHECK_STR(i18n_nget(cat, LANG_CY, "t", "%lu cat", "%lu cats", 6), "%lu chath (chwe)");
  CHECK_STR(i18n_nget(cat, LANG_CY, "t", "%lu cat", "%lu cats", 12), "%lu cath");
  CHECK_STR(i18n_nget(cat, LANG_EN, "t", "%lu cat", "%lu cats", 1), "%lu cat");
  CHECK_STR(i18n_nget(cat, LANG_EN, "t", "%lu cat", "%lu cats", 2), "%lu cats");
  i18n_free(cat);

  TEST_SECTION("catalogue: bad files are refused with FILE:LINE: reason");
#define HDR "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\n"
  static const struct {
    const char *name, *en_po, *want;
  } cases[] = {
    {"duplicate", HDR "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n",
     "/en.po:7: duplicate entry for msgid \"a\""},
    {"forms", HDR "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n",
     "/en.po:4: 1 plural forms but the header says nplurals=2"},
    {"late header", "msgid \"a\"\nmsgstr \"b\"\n\n" HDR,
     "/en.po:1: the header entry (msgid \"\") must come first"},
    {"bad expression", "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n+;\\n\"\n",
     "/en.po:1: plural expression ends too early"},
    {"no header", "", "/en.po:1: no header entry with Plural-Forms"},
    {"latin1", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n",
     "/en.po:1: charset must be UTF-8"},
    {"form out of range", "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n;\\n\"\n",
     "/en.po:1: plural expression gives form 2 for n=2 but nplurals=2"},
    {"parse error", HDR "msgid \"a\"\nmsgstr \"b\\x\"\n", "/en.po:5: unknown escape \\x"},
  };
#undef HDR
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cat = load_pair(good_cy, cases[i].en_po, err, sizeof err);
    CHECK(cat == NULL);
    char want[600];
    snprintf(want, sizeof want, "%s%s", tmpdir, cases[i].want);
    CHECK_STR(err, want);
    printf("   refused (%s): %s\n", cases[i].name, err);
    i18n_free(cat);
  }
  unlink(strcat(strcpy(err, tmpdir), "/en.po"));
  cat = i18n_load(tmpdir, err, sizeof err);
  CHECK(cat == NULL && strstr(err, "/en.po: cannot open") != NULL);
  printf("   refused (missing): %s\n", err);
}

static void test_plural_expressions(void)
{
  TEST_SECTION("Plural-Forms evaluator: precedence, safety, errors");
  static const struct {
    const char *expr;
    unsigned long n, want;
  } values[] = {
    {"nplurals=8; plural=1+2*3;", 0, 7},
    {"nplurals=8; plural=(1+2)*2;", 0, 6},
    {"nplurals=8; plural=7-3-2;", 0, 2},
    {"nplurals=8; plural=n/0 + n%0;", 5, 0},
    {"nplurals=2; plural=!n;", 0, 1},
    {"nplurals=2; plural=n!=1;", 1, 0},
    {"nplurals=2; plural=n>=2 && n<=4;", 3, 1},
    {"nplurals=2; plural=n<2 || n>4;", 3, 0},
    {"nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;", 2, 1},
    {"nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;", 22, 1},
    {"nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;", 111, 2},
    {"nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;", 21, 0},
  };
  char err[200];
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    i18n_plural_t *pl = i18n_plural_parse(values[i].expr, err, sizeof err);
    CHECK(pl != NULL);
    if (pl && i18n_plural_value(pl, values[i].n) != values[i].want)
      printf("   %s n=%lu gave %lu\n", values[i].expr, values[i].n, i18n_plural_value(pl, values[i].n));
    CHECK(pl && i18n_plural_value(pl, values[i].n) == values[i].want);
    i18n_plural_free(pl);
  }
  static const struct {
    const char *expr, *want;
  } errors[] = {
    {"nplurals=2; plural=n +;", "plural expression ends too early"},
    {"nplurals=2; plural=((n);", "missing ')' in plural expression"},
    {"nplurals=2; plural=n ? 1;", "missing ':' in plural expression"},
    {"nplurals=2; plural=x;", "unexpected 'x;' in plural expression"},
    {"nplurals=2; plural=n = 1;", "unexpected '= 1;' after the plural expression"},
    {"nplurals=0; plural=0;", "nplurals must be a number from 1 to 8"},
    {"plural=n;", "Plural-Forms needs nplurals=N; plural=EXPRESSION;"},
    {"nplurals=2; plural=n%3;", "plural expression gives form 2 for n=2 but nplurals=2"},
    {"nplurals=2; plural=99999999999999999999999;", "number too large in plural expression"},
  };
  for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
    err[0] = '\0';
    i18n_plural_t *pl = i18n_plural_parse(errors[i].expr, err, sizeof err);
    CHECK(pl == NULL);
    CHECK_STR(err, errors[i].want);
    i18n_plural_free(pl);
  }
  char deep[400] = "nplurals=2; plural=";
  for (int i = 0; i < 100; i++)
    strcat(deep, "(");
  strcat(deep, "n");
  for (int i = 0; i < 100; i++)
    strcat(deep, ")");
  i18n_plural_t *pl = i18n_plural_parse(deep, err, sizeof err);
  CHECK(pl == NULL);
  CHECK_STR(err, "plural expression nested too deeply");
}

static void test_real_plurals(const i18n_t *cat)
{
  TEST_SECTION("plurals in the real catalogues for n = 0 1 2 3 4 6 7 11 100");
  static const unsigned long ns[] = {0, 1, 2, 3, 4, 6, 7, 11, 100};
  static const unsigned long want_cy[] = {0, 1, 2, 3, 5, 4, 5, 5, 5};
  static const unsigned long want_en[] = {1, 0, 1, 1, 1, 1, 1, 1, 1};
  static const char *const text_cy[] = {
    "Nid oes unrhyw glaf heb weithiwr allweddol", "Mae %lu claf heb weithiwr allweddol",
    "Mae %lu glaf heb weithiwr allweddol", "Mae %lu chlaf heb weithiwr allweddol",
    "Mae %lu claf heb weithiwr allweddol", "Mae %lu chlaf heb weithiwr allweddol",
    "Mae %lu claf heb weithiwr allweddol", "Mae %lu claf heb weithiwr allweddol",
    "Mae %lu claf heb weithiwr allweddol"};
  CHECK_INT(i18n_plural_count(cat, LANG_CY), 6);
  CHECK_INT(i18n_plural_count(cat, LANG_EN), 2);
  for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
    unsigned long n = ns[i];
    CHECK_INT(i18n_plural_form(cat, LANG_CY, n), want_cy[i]);
    CHECK_INT(i18n_plural_form(cat, LANG_EN, n), want_en[i]);
    const char *cy = i18n_nget(cat, LANG_CY, "staff", "%lu patient has no key worker",
                               "%lu patients have no key worker", n);
    const char *en = i18n_nget(cat, LANG_EN, "staff", "%lu patient has no key worker",
                               "%lu patients have no key worker", n);
    CHECK_STR(cy, text_cy[i]);
    CHECK_STR(en, n == 1 ? "%lu patient has no key worker" : "%lu patients have no key worker");
    char num[24], out[160];
    snprintf(num, sizeof num, "%lu", n);
    const char *args[] = {num};
    CHECK(i18n_format_args(out, sizeof out, cy, args, 1));
    printf("   n=%-3lu cy form %lu: %-45s en: %s\n", n, i18n_plural_form(cat, LANG_CY, n), out, en);
  }
  CHECK_STR(i18n_nget(cat, LANG_CY, "services", "%lu service", "%lu services", 2), "%lu wasanaeth");
  CHECK_STR(i18n_nget(cat, LANG_CY, "services", "%lu service", "%lu services", 0), "Dim gwasanaethau");
}

static void test_format_args(void)
{
  TEST_SECTION("format arguments: %s, %N$s, %%, and refusals");
  char out[64];
  const char *args[] = {"029 2061 5888", "24 awr"};
  CHECK(i18n_format_args(out, sizeof out, "ar %s. Ar agor %s.", args, 2));
  CHECK_STR(out, "ar 029 2061 5888. Ar agor 24 awr.");
  CHECK(i18n_format_args(out, sizeof out, "%2$s / %1$s 100%%", args, 2));
  CHECK_STR(out, "24 awr / 029 2061 5888 100%");
  CHECK(i18n_format_args(out, sizeof out, "%lu gwasanaeth", args + 1, 1));
  CHECK_STR(out, "24 awr gwasanaeth");
  CHECK(!i18n_format_args(out, sizeof out, "%s %s %s", args, 2));
  CHECK_STR(out, "");
  CHECK(!i18n_format_args(out, sizeof out, "%n", args, 2));
  CHECK(!i18n_format_args(out, sizeof out, "%3$s", args, 2));
  CHECK(!i18n_format_args(out, sizeof out, "trailing %", args, 2));
  CHECK(!i18n_format_args(out, 10, "%s", args, 1));
  CHECK(i18n_format_args(out, 14, "%s", args, 1));
}

static void test_dates(void)
{
  TEST_SECTION("dates in Welsh and English");
  char out[64];
  CHECK(i18n_format_date(LANG_EN, "1961-03-03", out, sizeof out));
  CHECK_STR(out, "3 March 1961");
  CHECK(i18n_format_date(LANG_CY, "1961-03-03", out, sizeof out));
  CHECK_STR(out, "3 Mawrth 1961");
  CHECK(i18n_format_date_long(LANG_EN, "1961-03-03", out, sizeof out));
  CHECK_STR(out, "Friday 3 March 1961");
  CHECK(i18n_format_date_long(LANG_CY, "1961-03-03", out, sizeof out));
  CHECK_STR(out, "Dydd Gwener 3 Mawrth 1961");
  CHECK(i18n_format_date_long(LANG_CY, "2026-11-23", out, sizeof out));
  CHECK_STR(out, "Dydd Llun 23 Tachwedd 2026");
  CHECK(i18n_format_date_long(LANG_EN, "2000-02-29", out, sizeof out));
  CHECK_STR(out, "Tuesday 29 February 2000");
  CHECK(i18n_format_date(LANG_CY, "2024-07-01", out, sizeof out));
  CHECK_STR(out, "1 Gorffennaf 2024");
  CHECK_INT(i18n_weekday_of("2026-11-22"), 7);
  CHECK_INT(i18n_weekday_of("2026-11-20"), 5);
  static const char *const cy_months[] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
                                          "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"};
  for (int m = 1; m <= 12; m++)
    CHECK_STR(i18n_month_name(LANG_CY, m), cy_months[m - 1]);
  static const char *const cy_days[] = {"Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau",
                                        "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"};
  for (int d = 1; d <= 7; d++) {
    char iso[11];
    snprintf(iso, sizeof iso, "2026-11-%02d", 22 + d); /* Monday 23rd .. Sunday 29th */
    CHECK_INT(i18n_weekday_of(iso), d);
    CHECK_STR(i18n_weekday_name(LANG_CY, d), cy_days[d - 1]);
  }
  CHECK(i18n_month_name(LANG_EN, 13) == NULL && i18n_weekday_name(LANG_EN, 0) == NULL);
  CHECK(!i18n_format_date(LANG_EN, "2023-02-29", out, sizeof out));
  CHECK_STR(out, "");
  CHECK(!i18n_format_date(LANG_EN, "1961-3-3", out, sizeof out));
  CHECK(!i18n_format_date(LANG_EN, "1961-03-03", out, 8));
  CHECK_INT(i18n_weekday_of("nonsense"), 0);
}

/* Check a < b in lang, and the reverse. */
#define CHECK_BEFORE(lang, a, b)                                                  \
  do {                                                                            \
    int ab_ = i18n_collate(lang, a, b), ba_ = i18n_collate(lang, b, a);           \
    if (!CHECK(ab_ < 0 && ba_ > 0))                                               \
      printf("      \"%s\" vs \"%s\": %d / %d\n", a, b, ab_, ba_);               \
  } while (0)

static const char *key_of_string(const void *item)
{
  return *(const char *const *)item;
}

static void test_collation(void)
{
  TEST_SECTION("Welsh alphabetical order");
  CHECK_BEFORE(LANG_CY, "Lymffoedema", "Llais");
  CHECK_BEFORE(LANG_CY, "Cymorth", "Chwarae");
  CHECK_BEFORE(LANG_CY, "gwyn", "ngwyn");          /* ng after g */
  CHECK_BEFORE(LANG_CY, "nghymorth", "nain");      /* ng before n */
  CHECK_BEFORE(LANG_CY, "ngo", "ha");              /* ng before h */
  CHECK_BEFORE(LANG_CY, "Dyfed", "Ddoe");
  CHECK_BEFORE(LANG_CY, "Fyny", "Ffordd");
  CHECK_BEFORE(LANG_CY, "Pwll", "Phil");
  CHECK_BEFORE(LANG_CY, "Ryan", "Rhian");
  CHECK_BEFORE(LANG_CY, "Tywi", "Thomas");
  CHECK_BEFORE(LANG_CY, "angor", "ana");           /* a-ng-o < a-n-a */
  CHECK_BEFORE(LANG_CY, "Bana", "Bangor");         /* Ban-gor: n + g */
  CHECK_BEFORE(LANG_CY, "Llanfair", "Llangollen"); /* Llan-gollen: n + g */
  CHECK_BEFORE(LANG_CY, "tan", "tân");             /* accents second */
  CHECK_BEFORE(LANG_CY, "tân", "tanau");           /* ...but only second */
  CHECK_BEFORE(LANG_CY, "llais", "Llais");         /* case third, lower first */
  CHECK_BEFORE(LANG_CY, "Llais", "LLAIS");
  CHECK_BEFORE(LANG_CY, "Tŷ", "Tyddyn");
  CHECK_BEFORE(LANG_CY, "Age Cymru", "Agenda");    /* word by word */
  CHECK_BEFORE(LANG_CY, "Macmillan", "Maggie's");
  CHECK_INT(i18n_collate(LANG_CY, "Siân", "Siân"), 0);
  CHECK(i18n_collate(LANG_CY, "Sia\xcc\x82n", "Si\xc3\xa2n") != 0); /* NFD vs NFC: bytes decide */
  CHECK(i18n_collate(LANG_CY, "Sia\xcc\x82n", "Sian") > 0);

  TEST_SECTION("English alphabetical order");
  CHECK_BEFORE(LANG_EN, "Llais", "Lymffoedema");
  CHECK_BEFORE(LANG_EN, "Chwarae", "Cymorth");
  CHECK_BEFORE(LANG_EN, "nain", "nghymorth");
  CHECK_BEFORE(LANG_EN, "apple", "Banana");
  CHECK_BEFORE(LANG_EN, "Oakes", "O'Brien");        /* O'Brien reads as obrien */
  CHECK_BEFORE(LANG_EN, "co-op", "coop");           /* equal letters: bytes decide */
  CHECK_BEFORE(LANG_EN, "resume", "résumé");
  CHECK_BEFORE(LANG_EN, "rest", "Résumé");
  CHECK_BEFORE(LANG_EN, "Résumé", "resumes");
  CHECK_BEFORE(LANG_EN, "Age UK", "Agenda");
  CHECK_BEFORE(LANG_EN, "Ward 2", "Ward 3");
  CHECK_BEFORE(LANG_EN, "", "a");
  CHECK_BEFORE(LANG_EN, "  Zebra", "Zebra crossing");
  CHECK_INT(i18n_collate(LANG_EN, NULL, ""), 0);
}

static void test_sorting(void)
{
  TEST_SECTION("sorting a list of service names");
  const char *names_cy[] = {
    "Tenovus Cymru", "Llinell Gymorth Canser", "Lymffoedema Cymru", "Cymorth Canser Macmillan",
    "Chwarae Teg", "Gofalwyr Cymru", "Ngh Cymorth", "Dyled a Budd-daliadau", "Ffrindiau Tŷ Gobaith",
    "Fferyllfa", "Grŵp Cefnogi", "Hosbis", "Rhwydwaith Cymorth", "Radiotherapi", "Therapïau",
    "Tîm Gofal Lliniarol", "Ddwy Ffordd", "Age Cymru", "Ymarfer Corff",
  };
  static const char *const want_cy[] = {
    "Age Cymru", "Cymorth Canser Macmillan", "Chwarae Teg", "Dyled a Budd-daliadau", "Ddwy Ffordd",
    "Fferyllfa", "Ffrindiau Tŷ Gobaith", "Gofalwyr Cymru", "Grŵp Cefnogi", "Ngh Cymorth", "Hosbis",
    "Lymffoedema Cymru", "Llinell Gymorth Canser", "Radiotherapi", "Rhwydwaith Cymorth",
    "Tenovus Cymru", "Tîm Gofal Lliniarol", "Therapïau", "Ymarfer Corff",
  };
  size_t n = sizeof names_cy / sizeof names_cy[0];
  CHECK(i18n_sort(LANG_CY, names_cy, n, sizeof names_cy[0], key_of_string));
  bool all = true;
  for (size_t i = 0; i < n; i++)
    all = all && !strcmp(names_cy[i], want_cy[i]);
  CHECK(all);
  for (size_t i = 0; i < n; i++)
    printf("   cy %2zu %s%s\n", i + 1, names_cy[i], strcmp(names_cy[i], want_cy[i]) ? "  <- wrong" : "");
  const char *names_en[] = {"Welfare rights", "Macmillan Cancer Support", "Maggie's", "age uk",
                            "Carers Wales", "Chaplaincy", "Citizens Advice", "Ángel's group"};
  static const char *const want_en[] = {"age uk", "Ángel's group", "Carers Wales", "Chaplaincy",
                                        "Citizens Advice", "Macmillan Cancer Support", "Maggie's",
                                        "Welfare rights"};
  n = sizeof names_en / sizeof names_en[0];
  CHECK(i18n_sort(LANG_EN, names_en, n, sizeof names_en[0], key_of_string));
  for (size_t i = 0; i < n; i++)
    CHECK_STR(names_en[i], want_en[i]);
  /* Stability: equal keys keep their order. */
  struct {
    const char *name;
    int order;
  } same[] = {{"b", 0}, {"a", 1}, {"b", 2}, {"a", 3}, {"b", 4}};
  CHECK(i18n_sort(LANG_EN, same, 5, sizeof same[0], key_of_string));
  CHECK(same[0].order == 1 && same[1].order == 3 && same[2].order == 0 && same[3].order == 2 &&
        same[4].order == 4);
}

int main(void)
{
  snprintf(tmpdir, sizeof tmpdir, "%s/allwedd-i18n-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 2;
  }
  test_po_reader();
  test_catalogue();
  test_plural_expressions();
  test_format_args();
  test_dates();
  test_collation();
  test_sorting();

  char dir[1024], err[512];
  snprintf(dir, sizeof dir, "%s/locales", source_dir());
  TEST_SECTION("the project's catalogues load");
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  CHECK(cat != NULL);
  if (!cat)
    printf("   %s\n", err);
  else {
    CHECK_STR(i18n_get(cat, LANG_CY, "card", "Key Worker Card"), "Cerdyn Gweithiwr Allweddol");
    CHECK_STR(i18n_get(cat, LANG_EN, "card", "Key Worker Card"), "Key Worker Card");
    CHECK_STR(i18n_get(cat, LANG_CY, "card", "Patient"), "Claf");
    CHECK_STR(i18n_get(cat, LANG_CY, "print", "Printing your card…"), "Wrthi'n argraffu eich cerdyn…");
    test_real_plurals(cat);
  }
  i18n_free(cat);

  char path[600];
  snprintf(path, sizeof path, "%s/cy.po", tmpdir);
  unlink(path);
  rmdir(tmpdir);
  return test_summary();
}
