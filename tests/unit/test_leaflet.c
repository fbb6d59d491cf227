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
  test_site_variants(cat);
  i18n_free(cat);
  return test_summary();
}
