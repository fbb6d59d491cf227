/*
 * The concerns checklist's catalogue and rules (core/concerns.h): every
 * group has items, keys are unique and name their group, every item's
 * services categories are the export's, every word has a Welsh
 * translation that is not the English; [concerns] groups parses and a bad
 * list is refused with the file and the reason; the ticks and the score
 * round-trip; services match a ticked group by category (money: financial
 * advice) or, for faith, by the words of a chaplaincy, and never an urgent
 * service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/concerns.h"
#include "core/config.h"
#include "core/i18n.h"
#include "testlib.h"

static const char *const export_categories[] = {
  "urgent", "financial", "emotional", "support_groups", "carers_family", "palliative",
  "symptoms", "practical", "work", "lifestyle", "information", "clinical_trials"};

/* Whether every comma-separated word of list is an export category. */
static bool categories_ok(const char *list)
{
  char copy[128];
  snprintf(copy, sizeof copy, "%s", list);
  char *save = NULL;
  for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
    bool known = false;
    for (size_t i = 0; i < sizeof export_categories / sizeof export_categories[0]; i++)
      known = known || !strcmp(w, export_categories[i]);
    if (!known)
      return false;
  }
  return true;
}

static int index_of(const char *key)
{
  for (size_t i = 0; i < concerns_item_count(); i++)
    if (!strcmp(concerns_item(i)->key, key))
      return (int)i;
  return -1;
}

static service_t service(const char *category, const char *name_en, const char *summary_en)
{
  service_t s;
  memset(&s, 0, sizeof s);
  snprintf(s.category, sizeof s.category, "%s", category);
  snprintf(s.name_en, sizeof s.name_en, "%s", name_en);
  snprintf(s.name_cy, sizeof s.name_cy, "%s", name_en);
  snprintf(s.summary_en, sizeof s.summary_en, "%s", summary_en);
  return s;
}

static void test_catalogue(const i18n_t *cat)
{
  TEST_SECTION("catalogue: groups, keys, categories, both languages");
  int per_group[CONCERNS_GROUP_COUNT] = {0};
  CHECK(concerns_item_count() > 20 && concerns_item_count() <= CONCERNS_ITEM_MAX);
  for (size_t i = 0; i < concerns_item_count(); i++) {
    const concerns_item_t *it = concerns_item(i);
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%s.", concerns_group_key(it->group));
    if (!CHECK(!strncmp(it->key, prefix, strlen(prefix))))
      printf("      %s is not in group %s\n", it->key, prefix);
    CHECK(index_of(it->key) == (int)i); /* unique */
    if (!CHECK(categories_ok(it->categories)))
      printf("      %s: %s\n", it->key, it->categories);
    const char *cy = i18n_get(cat, LANG_CY, "concerns", it->msgid);
    if (!CHECK(cy && strcmp(cy, it->msgid) != 0))
      printf("      no Welsh for \"%s\"\n", it->msgid);
    per_group[it->group]++;
  }
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++) {
    CHECK(per_group[g] >= 3);
    CHECK(strcmp(i18n_get(cat, LANG_CY, "concerns", concerns_group_title((concerns_group_t)g)),
                 concerns_group_title((concerns_group_t)g)) != 0);
    CHECK((int)concerns_group_from_key(concerns_group_key((concerns_group_t)g),
                                  strlen(concerns_group_key((concerns_group_t)g))) == g);
  }
  CHECK(concerns_item(concerns_item_count()) == NULL);
  CHECK(concerns_group_key(CONCERNS_GROUP_COUNT) == NULL);
  CHECK(index_of("practical.money") >= 0 && index_of("emotional.worry") >= 0 &&
        index_of("physical.pain") >= 0 && index_of("information.next") >= 0 &&
        index_of("spiritual.faith") >= 0 && index_of("family.children") >= 0);
}

static void test_parse(void)
{
  TEST_SECTION("[concerns] groups");
  unsigned mask = 0;
  char err[256] = "";
  CHECK(concerns_groups_parse("physical, practical,family emotional  spiritual,information", &mask,
                              err, sizeof err));
  CHECK_INT(mask, CONCERNS_ALL_GROUPS);
  CHECK(concerns_groups_parse("emotional", &mask, err, sizeof err));
  CHECK_INT(mask, 1u << CONCERNS_EMOTIONAL);
  CHECK(!concerns_groups_parse("emotional, money", &mask, err, sizeof err));
  CHECK(strstr(err, "unknown group \"money\""));
  CHECK_INT(mask, 1u << CONCERNS_EMOTIONAL); /* unchanged on failure */
  CHECK(!concerns_groups_parse("emotional, emotional", &mask, err, sizeof err));
  CHECK(strstr(err, "listed twice"));
  CHECK(!concerns_groups_parse(" , ", &mask, err, sizeof err));
  CHECK(strstr(err, "enabled = false"));

  char dir[] = "/tmp/allwedd-test-concerns-XXXXXX", path[128];
  if (!CHECK(mkdtemp(dir)))
    return;
  snprintf(path, sizeof path, "%s/a.ini", dir);
  FILE *f = fopen(path, "w");
  fputs("[concerns]\nenabled = true\ngroups = practical, information\n", f);
  fclose(f);
  config_t cfg;
  CHECK(config_load(&cfg, path, err, sizeof err));
  CHECK(cfg.concerns_enabled);
  CHECK_INT(cfg.concerns_group_mask, (1u << CONCERNS_PRACTICAL) | (1u << CONCERNS_INFORMATION));
  f = fopen(path, "w");
  fputs("[concerns]\ngroups = practical, housing\n", f);
  fclose(f);
  CHECK(!config_load(&cfg, path, err, sizeof err));
  if (!CHECK(strstr(err, path) && strstr(err, "[concerns] groups: unknown group \"housing\"")))
    printf("      error was: %s\n", err);
  CHECK_INT(cfg.concerns_group_mask, CONCERNS_ALL_GROUPS); /* defaults restored */
  config_defaults(&cfg);
  CHECK(cfg.concerns_enabled && cfg.concerns_group_mask == CONCERNS_ALL_GROUPS);
  unlink(path);
  rmdir(dir);
}

static void test_selection(void)
{
  TEST_SECTION("ticks and the score");
  concerns_selection_t sel = {0};
  size_t money = (size_t)index_of("practical.money"), pain = (size_t)index_of("physical.pain");
  CHECK(concerns_score(&sel) == -1 && concerns_ticked_count(&sel) == 0);
  concerns_toggle(&sel, money);
  concerns_toggle(&sel, pain);
  CHECK(concerns_ticked(&sel, money) && concerns_ticked(&sel, pain));
  CHECK_INT(concerns_ticked_groups(&sel), (1u << CONCERNS_PRACTICAL) | (1u << CONCERNS_PHYSICAL));
  concerns_toggle(&sel, pain);
  CHECK(!concerns_ticked(&sel, pain) && !concerns_group_ticked(&sel, CONCERNS_PHYSICAL));
  concerns_toggle(&sel, 9999); /* out of range: nothing */
  CHECK_INT(concerns_ticked_count(&sel), 1);
  concerns_set_score(&sel, 0);
  CHECK_INT(concerns_score(&sel), 0);
  concerns_set_score(&sel, 10);
  CHECK_INT(concerns_score(&sel), 10);
  concerns_set_score(&sel, 11);
  CHECK_INT(concerns_score(&sel), -1);
}

static void test_matching(void)
{
  TEST_SECTION("services that match a ticked group");
  concerns_selection_t sel = {0};
  service_t welfare = service("financial", "Welfare rights advisers", "Help with benefits.");
  service_t acas = service("work", "Acas helpline", "Advice about work.");
  service_t carers = service("carers_family", "Carers Wales", "For carers.");
  service_t chaplain = service("emotional", "Hospital chaplaincy", "Spiritual care for all faiths.");
  service_t samaritans = service("emotional", "Samaritans", "Someone to talk to.");
  service_t urgent = service("urgent", "Emergency: call 999", "Faith in the NHS.");
  CHECK(!concerns_service_matches(&sel, CONCERNS_PRACTICAL, &welfare)); /* nothing ticked */
  concerns_toggle(&sel, (size_t)index_of("practical.money"));
  CHECK(concerns_service_matches(&sel, CONCERNS_PRACTICAL, &welfare));
  CHECK(!concerns_service_matches(&sel, CONCERNS_PRACTICAL, &acas));  /* work not ticked */
  CHECK(!concerns_service_matches(&sel, CONCERNS_EMOTIONAL, &welfare)); /* another group */
  concerns_toggle(&sel, (size_t)index_of("practical.caring"));
  CHECK(concerns_service_matches(&sel, CONCERNS_PRACTICAL, &carers));
  concerns_toggle(&sel, (size_t)index_of("spiritual.faith"));
  CHECK(concerns_service_matches(&sel, CONCERNS_SPIRITUAL, &chaplain));
  CHECK(!concerns_service_matches(&sel, CONCERNS_SPIRITUAL, &samaritans));
  CHECK(!concerns_service_matches(&sel, CONCERNS_SPIRITUAL, &urgent)); /* never urgent */
  concerns_toggle(&sel, (size_t)index_of("emotional.worry"));
  CHECK(concerns_service_matches(&sel, CONCERNS_EMOTIONAL, &samaritans));
  CHECK(concerns_service_matches(&sel, CONCERNS_EMOTIONAL, &chaplain));
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char locales[512], err[256];
  snprintf(locales, sizeof locales, "%s/locales", src ? src : ".");
  i18n_t *cat = i18n_load(locales, err, sizeof err);
  if (!CHECK(cat))
    return test_summary();
  test_catalogue(cat);
  test_parse();
  test_selection();
  test_matching();
  i18n_free(cat);
  return test_summary();
}
