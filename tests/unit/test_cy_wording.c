/*
 * The Welsh catalogue's wording that review has put right stays right
 * (docs/glossary.md, issue 12):
 *  - "munud" is feminine: "1 funud", "2 funud" (un funud, dwy funud: soft
 *    mutation after the feminine numbers), "3 munud" (tair munud), "6
 *    munud" (chwe munud); never "1 munud". Other counted nouns take the
 *    mutation their number causes: "1 res", "2 res" (rhes is feminine),
 *    "3 chofnod" (tri: aspirate).
 *  - the space bar is "Bylchwr" (the key), not "Bwlch" (a gap) or "Gofod"
 *    (outer space).
 *  - one neutral register, speaking to the person as "chi": no colloquial
 *    "e" for "it" (written Welsh has "ef", or names the thing: "Mae'r
 *    cerdyn yn hambwrdd yr argraffydd"), no "arna i" (arnaf i), no "yna"
 *    for "that" (hwnnw), no "ti" forms (ti, dy, wyt).
 *  - no two controls share a label: the display dialog's text sizes are not
 *    the page rail's "Mwy" (More) or "I fyny" (Up).
 * Each check reads the real catalogues through the kiosk's own loader (the
 * plural forms through its CLDR rule), and the register checks read every
 * msgstr of locales/cy.po, so a new string cannot bring an old form back.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "testlib.h"

/* The Welsh plural of msgid for n with "%lu" put in, in out. */
static const char *cy_plural(const i18n_t *cat, const char *ctx, const char *msgid,
                             const char *plural, unsigned long n, char *out, size_t outlen)
{
  char num[24];
  snprintf(num, sizeof num, "%lu", n);
  const char *args[] = {num};
  if (!i18n_format_args(out, outlen, i18n_nget(cat, LANG_CY, ctx, msgid, plural, n), args, 1))
    snprintf(out, outlen, "(no translation)");
  return out;
}

/* True when text contains needle; says what it got when not. */
static bool has(const char *text, const char *needle)
{
  if (strstr(text, needle))
    return true;
  printf("      \"%s\" lacks \"%s\"\n", text, needle);
  return false;
}

/* Counted nouns with the mutation each number causes. */
static void test_counts(const i18n_t *cat)
{
  char out[512];
  static const char minute[] = "You can try again in %lu minute.",
                    minutes[] = "You can try again in %lu minutes.";
  TEST_SECTION("munud is feminine: 1 funud, 2 funud, 3 munud, 6 munud");
  CHECK(has(cy_plural(cat, "kiosk", minute, minutes, 1, out, sizeof out), "ymhen 1 funud."));
  CHECK(has(cy_plural(cat, "kiosk", minute, minutes, 2, out, sizeof out), "ymhen 2 funud."));
  CHECK(has(cy_plural(cat, "kiosk", minute, minutes, 3, out, sizeof out), "ymhen 3 munud."));
  CHECK(has(cy_plural(cat, "kiosk", minute, minutes, 6, out, sizeof out), "ymhen 6 munud."));
  CHECK(has(cy_plural(cat, "kiosk", minute, minutes, 10, out, sizeof out), "ymhen 10 munud."));
  CHECK(!strstr(cy_plural(cat, "kiosk", minute, minutes, 1, out, sizeof out), "1 munud"));

  TEST_SECTION("rhes is feminine (1 res, 2 res); tri causes the aspirate (3 chofnod)");
  static const char row[] = "%lu row rejected", rows[] = "%lu rows rejected";
  CHECK(has(cy_plural(cat, "kiosk", row, rows, 1, out, sizeof out), "1 res "));
  CHECK(has(cy_plural(cat, "kiosk", row, rows, 2, out, sizeof out), "2 res "));
  CHECK(has(cy_plural(cat, "kiosk", row, rows, 3, out, sizeof out), "3 rhes "));
  /* The sync report's counts of rows: feminine all through (1 res, 2 res; wedi'i hychwanegu
   * beside wedi'i thynnu and wedi'i gwrthod). */
  CHECK(has(cy_plural(cat, "kiosk", "%lu row", "%lu rows", 1, out, sizeof out), "1 res"));
  CHECK(has(cy_plural(cat, "kiosk", "%lu row", "%lu rows", 2, out, sizeof out), "2 res"));
  CHECK(has(cy_plural(cat, "kiosk", "%lu row", "%lu rows", 3, out, sizeof out), "3 rhes"));
  CHECK(has(cy_plural(cat, "kiosk", "%lu added", "%lu added", 1, out, sizeof out),
            "1 wedi'i hychwanegu"));
  CHECK(has(cy_plural(cat, "kiosk", "%lu removed", "%lu removed", 1, out, sizeof out),
            "1 wedi'i thynnu"));
  static const char rec[] = "%lu record could not be written:",
                    recs[] = "%lu records could not be written:";
  CHECK(has(cy_plural(cat, "kiosk", rec, recs, 1, out, sizeof out), "1 cofnod"));
  CHECK(has(cy_plural(cat, "kiosk", rec, recs, 2, out, sizeof out), "2 gofnod"));
  CHECK(has(cy_plural(cat, "kiosk", rec, recs, 3, out, sizeof out), "3 chofnod"));
  CHECK(has(cy_plural(cat, "kiosk", rec, recs, 6, out, sizeof out), "6 chofnod"));
}

/* Words the glossary fixes. */
static void test_terms(const i18n_t *cat)
{
  TEST_SECTION("the space bar is Bylchwr");
  CHECK_STR(i18n_get(cat, LANG_CY, "kiosk", "Space"), "Bylchwr");
  TEST_SECTION("the card is named, not \"e\"");
  const char *tray = i18n_get(cat, LANG_CY, "kiosk",
                              "The card is in the printer tray. Keep it somewhere safe and bring "
                              "it to your appointments.");
  CHECK(has(tray, "Mae'r cerdyn yn hambwrdd yr argraffydd."));
  CHECK(has(i18n_get(cat, LANG_CY, "kiosk", "I need more time"), "arnaf i"));

  TEST_SECTION("no two controls share a label: the text sizes and the page rail's words");
  static const char *const controls[] = {"Normal", "Large", "Larger", "Largest", "More", "Up"};
  enum { N = sizeof controls / sizeof controls[0] };
  for (int lang = 0; lang < LANG_COUNT; lang++)
    for (int i = 0; i < N; i++)
      for (int j = i + 1; j < N; j++) {
        const char *a = i18n_get(cat, (lang_t)lang, "kiosk", controls[i]);
        const char *b = i18n_get(cat, (lang_t)lang, "kiosk", controls[j]);
        if (!strcmp(a, b))
          printf("      %s: \"%s\" and \"%s\" are both \"%s\"\n", i18n_lang_code((lang_t)lang),
                 controls[i], controls[j], a);
        CHECK(strcmp(a, b) != 0);
      }
}

/* No msgstr of cy.po in a colloquial or "ti" form. */
static void test_register(const char *po_path)
{
  static const struct {
    const char *pattern, *why;
  } bad[] = {
      {"(^|[^[:alnum:]'-])[Ee]('n)?([^[:alnum:]'-]|$)", "colloquial \"e\" for \"it\": ef, or name the thing"},
      {"(^|[^[:alnum:]])arna i([^[:alnum:]]|$)", "\"arna i\": arnaf i"},
      {"(^|[^[:alnum:]])yna'n([^[:alnum:]]|$)", "\"yna\" for \"that\": hwnnw / honno"},
      {"(^|[^[:alnum:]])(ti|dy|wyt|dwyt)([^[:alnum:]']|$)", "a \"ti\" form: we say chi"},
      {"(^|[^[:alnum:]])[Gg]ofod([^[:alnum:]]|$)", "\"gofod\" is outer space: the key is Bylchwr"},
      {"(^|[^[:alnum:]])1 munud", "munud is feminine: 1 funud"},
  };
  enum { NBAD = sizeof bad / sizeof bad[0] };
  regex_t re[NBAD];
  for (int i = 0; i < NBAD; i++)
    if (!CHECK(regcomp(&re[i], bad[i].pattern, REG_EXTENDED | REG_NOSUB) == 0))
      return;
  TEST_SECTION("one neutral register in every Welsh string (chi, written forms)");
  FILE *fp = fopen(po_path, "r");
  if (!CHECK(fp != NULL)) {
    printf("      cannot open %s\n", po_path);
    goto done;
  }
  char line[8192];
  int lineno = 0, msgstrs = 0;
  bool in_msgstr = false;
  while (fgets(line, sizeof line, fp)) {
    lineno++;
    if (!strncmp(line, "msgstr", 6))
      in_msgstr = true, msgstrs++;
    else if (line[0] != '"')
      in_msgstr = false;
    if (!in_msgstr || lineno < 20) /* the header's own fields are not wording */
      continue;
    for (int i = 0; i < NBAD; i++)
      if (!testlib_check(regexec(&re[i], line, 0, NULL, 0) != 0, __FILE__, __LINE__, bad[i].why))
        printf("      %s:%d: %s", po_path, lineno, line);
  }
  fclose(fp);
  CHECK(msgstrs > 500); /* the whole catalogue was read */
  /* The checker itself finds each old form. */
  static const char *const old[] = {
      "msgstr \"Mae e yn hambwrdd yr argraffydd. Cadwch e'n ddiogel.\"",
      "msgstr \"Mae angen mwy o amser arna i\"", "msgstr \"Nid yw'r PIN yna'n gywir.\"",
      "msgstr \"Dewiswch dy iaith\"", "msgstr \"Gofod\"",
      "msgstr[1] \"Gallwch chi roi cynnig arall arni ymhen 1 munud.\""};
  for (size_t k = 0; k < sizeof old / sizeof old[0]; k++) {
    bool found = false;
    for (int i = 0; i < NBAD; i++)
      found = found || regexec(&re[i], old[k], 0, NULL, 0) == 0;
    if (!testlib_check(found, __FILE__, __LINE__, "an old form is caught"))
      printf("      %s\n", old[k]);
  }
  static const char *const fine[] = {"msgstr \"E-bost\"", "msgstr \"Nid dyma fi\"",
                                     "msgstr \"Cadwch ef yn ddiogel\"", "msgstr \"ydy e-bost\"",
                                     "msgstr \"GIG 111 Cymru\""};
  for (size_t k = 0; k < sizeof fine / sizeof fine[0]; k++)
    for (int i = 0; i < NBAD; i++)
      if (!testlib_check(regexec(&re[i], fine[k], 0, NULL, 0) != 0, __FILE__, __LINE__,
                         "a right form passes"))
        printf("      %s (%s)\n", fine[k], bad[i].why);
done:
  for (int i = 0; i < NBAD; i++)
    regfree(&re[i]);
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], dir[512], po[600];
  snprintf(dir, sizeof dir, "%s/locales", src ? src : ".");
  snprintf(po, sizeof po, "%s/cy.po", dir);
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  if (!CHECK(cat != NULL)) {
    printf("      %s\n", err);
    return test_summary();
  }
  test_counts(cat);
  test_terms(cat);
  test_register(po);
  i18n_free(cat);
  return test_summary();
}
