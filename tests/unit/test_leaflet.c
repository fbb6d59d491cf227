/*
 * Tests of the key worker leaflet built from the project's real catalogues:
 * its outline, that each language is really translated, that the acute
 * oncology sentence takes the configured number and hours (and does without
 * them), and the plain-text form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/leaflet.h"
#include "testlib.h"

/* The repository root: $ALLWEDD_SOURCE_DIR (set by ctest), else the source
 * tree this test was built from. */
static const char *source_dir(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  return src ? src : ALLWEDD_SOURCE_DATADIR;
}

/* True when any block of any section contains needle. */
static bool leaflet_has(const leaflet_t *lf, const char *needle)
{
  for (size_t s = 0; s < leaflet_section_count(lf); s++) {
    const leaflet_section_t *sec = leaflet_section(lf, s);
    if (strstr(sec->heading, needle))
      return true;
    for (size_t b = 0; b < sec->block_count; b++)
      if (strstr(sec->blocks[b].text, needle))
        return true;
  }
  return false;
}

/* Count the bullets of a section. */
static size_t bullets(const leaflet_section_t *sec)
{
  size_t n = 0;
  for (size_t b = 0; b < sec->block_count; b++)
    n += sec->blocks[b].kind == LEAFLET_BULLET;
  return n;
}

static void test_outline(const i18n_t *cat)
{
  TEST_SECTION("outline in both languages");
  leaflet_site_t site = {"029 2061 5888", "24 hours a day, 7 days a week"};
  char err[256] = "";
  leaflet_t *en = leaflet_build(cat, LANG_EN, &site, err, sizeof err);
  site.acute_oncology_hours = "24 awr y dydd, 7 diwrnod yr wythnos";
  leaflet_t *cy = leaflet_build(cat, LANG_CY, &site, err, sizeof err);
  CHECK(en && cy);
  if (!en || !cy) {
    printf("   %s\n", err);
    goto done;
  }
  CHECK_INT(leaflet_lang(cy), LANG_CY);
  CHECK_STR(leaflet_title(en), "Your key worker");
  CHECK_STR(leaflet_title(cy), "Eich gweithiwr allweddol");
  CHECK_STR(leaflet_subtitle(cy), "Gwybodaeth i bobl sydd â chanser a'u teuluoedd");
  CHECK_INT(leaflet_section_count(en), 5);
  CHECK_INT(leaflet_section_count(cy), 5);
  CHECK(leaflet_section(en, 5) == NULL);
  static const char *const headings_cy[] = {
    "Pwy yw eich gweithiwr allweddol?", "Beth mae eich gweithiwr allweddol yn ei wneud i chi",
    "Sut i gysylltu â'ch gweithiwr allweddol", "Nid yw eich gweithiwr allweddol yn gyswllt brys",
    "Gall eich gweithiwr allweddol newid"};
  size_t untranslated = 0;
  for (size_t s = 0; s < leaflet_section_count(cy); s++) {
    const leaflet_section_t *a = leaflet_section(en, s), *b = leaflet_section(cy, s);
    CHECK_STR(b->heading, headings_cy[s]);
    CHECK_INT(a->block_count, b->block_count);
    CHECK(a->block_count >= 2);
    printf("   %zu. %s / %s (%zu blocks, %zu bullets)\n", s + 1, a->heading, b->heading,
           a->block_count, bullets(a));
    for (size_t k = 0; k < a->block_count && k < b->block_count; k++) {
      CHECK_INT(a->blocks[k].kind, b->blocks[k].kind);
      if (!strcmp(a->blocks[k].text, b->blocks[k].text)) {
        untranslated++;
        printf("   not translated: %s\n", a->blocks[k].text);
      }
      CHECK(strchr(a->blocks[k].text, '%') == NULL && strchr(b->blocks[k].text, '%') == NULL);
    }
  }
  CHECK_INT(untranslated, 0);
  CHECK_INT(bullets(leaflet_section(en, 1)), 7);   /* what a key worker does */
  CHECK_INT(bullets(leaflet_section(en, 3)), 3);   /* 999, acute oncology, 111 */
  CHECK_INT(bullets(leaflet_section(cy, 4)), 4);   /* the four key points */

  TEST_SECTION("what the leaflet must say");
  CHECK(leaflet_has(en, "Clinical Nurse Specialist"));
  CHECK(leaflet_has(cy, "Nyrs Glinigol Arbenigol"));
  CHECK(leaflet_has(en, "In an emergency, call 999."));
  CHECK(leaflet_has(cy, "Mewn argyfwng, ffoniwch 999."));
  CHECK(leaflet_has(en, "NHS 111 Wales"));
  CHECK(leaflet_has(cy, "GIG 111 Cymru"));
  CHECK(!leaflet_has(cy, "NHS 111"));
  CHECK(leaflet_has(en, "not there 24 hours a day"));
  CHECK(leaflet_has(en, "talk to your GP and other teams for you"));
  CHECK(leaflet_has(en, "if the cancer comes back"));
  CHECK(leaflet_has(cy, "os daw'r canser yn ôl"));
  CHECK(leaflet_has(en, "you will be told"));
  CHECK(leaflet_has(en, "call the acute oncology line on 029 2061 5888. It is open 24 hours a day, "
                        "7 days a week."));
  CHECK(leaflet_has(cy, "ffoniwch y llinell oncoleg acíwt ar 029 2061 5888. Mae ar agor 24 awr y "
                        "dydd, 7 diwrnod yr wythnos."));

  TEST_SECTION("plain text");
  char *text = leaflet_to_text(cy);
  CHECK(text != NULL);
  if (text) {
    CHECK(!strncmp(text, "Eich gweithiwr allweddol\nGwybodaeth i bobl", 40));
    CHECK(strstr(text, "\n\nBydd eich gweithiwr allweddol yn:\n\n• helpu i gynllunio a chydlynu "
                       "eich gofal\n• bod yn brif bwynt") != NULL);
    CHECK(strstr(text, "\n\nGall eich gweithiwr allweddol newid\n\n") != NULL);
    printf("---- plain text (cy), first lines:\n%.400s...\n----\n", text);
  }
  free(text);
done:
  leaflet_free(en);
  leaflet_free(cy);
}

/* The emergency advice is found by its name, whatever the order. */
static void test_named_sections(const i18n_t *cat)
{
  TEST_SECTION("named sections: found by id whatever the order");
  leaflet_site_t site = {"029 2061 5888", "24 hours a day, 7 days a week"};
  char err[256] = "";
  static const leaflet_section_id_t reversed[] = {
    LEAFLET_SECTION_MAY_CHANGE, LEAFLET_SECTION_NOT_EMERGENCY, LEAFLET_SECTION_CONTACT,
    LEAFLET_SECTION_WHAT_THEY_DO, LEAFLET_SECTION_WHO};
  static const leaflet_section_id_t emergency_first[] = {LEAFLET_SECTION_NOT_EMERGENCY,
                                                         LEAFLET_SECTION_WHO};
  const char *want_en = "Your key worker is not an emergency contact";
  for (int lang = 0; lang < LANG_COUNT; lang++) {
    const char *want = i18n_get(cat, (lang_t)lang, "leaflet", want_en);
    leaflet_t *std = leaflet_build(cat, (lang_t)lang, &site, err, sizeof err);
    leaflet_t *rev = leaflet_build_ordered(cat, (lang_t)lang, &site, reversed, 5, err, sizeof err);
    leaflet_t *two = leaflet_build_ordered(cat, (lang_t)lang, &site, emergency_first, 2, err,
                                           sizeof err);
    CHECK(std && rev && two);
    if (std && rev && two) {
      /* The orders really differ... */
      CHECK_INT(leaflet_section(std, 3)->id, LEAFLET_SECTION_NOT_EMERGENCY);
      CHECK_INT(leaflet_section(rev, 3)->id, LEAFLET_SECTION_WHAT_THEY_DO);
      CHECK_INT(leaflet_section(rev, 0)->id, LEAFLET_SECTION_MAY_CHANGE);
      CHECK_INT(leaflet_section_count(two), 2);
      /* ...and the emergency advice is the same text in each. */
      const leaflet_t *all[] = {std, rev, two};
      for (int k = 0; k < 3; k++) {
        const leaflet_section_t *sec = leaflet_section_find(all[k], LEAFLET_SECTION_NOT_EMERGENCY);
        CHECK(sec != NULL);
        if (!sec)
          continue;
        CHECK_STR(sec->heading, want);
        CHECK_INT(bullets(sec), 3);
        CHECK(strstr(sec->blocks[2].text, "999") != NULL);
        CHECK(strstr(sec->blocks[3].text, "029 2061 5888") != NULL);
      }
      CHECK(leaflet_section_find(two, LEAFLET_SECTION_MAY_CHANGE) == NULL);
    }
    leaflet_free(std);
    leaflet_free(rev);
    leaflet_free(two);
  }

  TEST_SECTION("section names, and orders that are refused");
  leaflet_section_id_t id = LEAFLET_SECTION_WHO;
  CHECK_STR(leaflet_section_name(LEAFLET_SECTION_NOT_EMERGENCY), "not-emergency");
  CHECK(leaflet_section_by_name("not-emergency", &id) && id == LEAFLET_SECTION_NOT_EMERGENCY);
  CHECK(!leaflet_section_by_name("emergency", &id));
  CHECK(leaflet_section_name(LEAFLET_SECTION_COUNT) == NULL);
  for (int i = 0; i < LEAFLET_SECTION_COUNT; i++)
    CHECK(leaflet_section_by_name(leaflet_section_name((leaflet_section_id_t)i), &id) && (int)id == i);
  static const leaflet_section_id_t twice[] = {LEAFLET_SECTION_WHO, LEAFLET_SECTION_WHO};
  static const leaflet_section_id_t unknown[] = {LEAFLET_SECTION_COUNT};
  err[0] = '\0';
  CHECK(leaflet_build_ordered(cat, LANG_EN, &site, twice, 2, err, sizeof err) == NULL);
  CHECK(strstr(err, "named twice") != NULL);
  CHECK(leaflet_build_ordered(cat, LANG_EN, &site, unknown, 1, err, sizeof err) == NULL);
  const char *lead = NULL, *detail = NULL;
  CHECK(leaflet_section_card_msgids(LEAFLET_SECTION_NOT_EMERGENCY, &lead, &detail));
  CHECK(lead && strstr(lead, "emergency") && detail && strstr(detail, "999"));
  CHECK(!leaflet_section_card_msgids(LEAFLET_SECTION_WHO, &lead, &detail));
}

static void test_site_variants(const i18n_t *cat)
{
  TEST_SECTION("acute oncology sentence without hours, without a number, without a catalogue");
  char err[256] = "";
  leaflet_site_t no_hours = {"01234 567890", ""};
  leaflet_t *lf = leaflet_build(cat, LANG_CY, &no_hours, err, sizeof err);
  CHECK(lf && leaflet_has(lf, "ffoniwch y llinell oncoleg acíwt ar 01234 567890."));
  CHECK(lf && !leaflet_has(lf, "Mae ar agor"));
  leaflet_free(lf);

  lf = leaflet_build(cat, LANG_EN, NULL, err, sizeof err);
  CHECK(lf && leaflet_has(lf, "call the acute oncology line. Your care team will give you the number."));
  leaflet_free(lf);
  leaflet_site_t no_phone = {"", "24 hours"};
  lf = leaflet_build(cat, LANG_CY, &no_phone, err, sizeof err);
  CHECK(lf && leaflet_has(lf, "Bydd eich tîm gofal yn rhoi'r rhif i chi."));
  CHECK(lf && !leaflet_has(lf, "24 hours"));
  leaflet_free(lf);

  /* Without a catalogue the English source text is used, whole. */
  leaflet_site_t site = {"999 000", "9am–5pm"};
  lf = leaflet_build(NULL, LANG_CY, &site, err, sizeof err);
  CHECK(lf && !strcmp(leaflet_title(lf), "Your key worker"));
  CHECK(lf && leaflet_has(lf, "on 999 000. It is open 9am–5pm."));
  leaflet_free(lf);
  leaflet_free(NULL);
}

int main(void)
{
  char dir[1024], err[512];
  snprintf(dir, sizeof dir, "%s/locales", source_dir());
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  CHECK(cat != NULL);
  if (!cat) {
    printf("cannot load %s: %s\n", dir, err);
    return test_summary();
  }
  test_outline(cat);
  test_named_sections(cat);
  test_site_variants(cat);
  i18n_free(cat);
  return test_summary();
}
