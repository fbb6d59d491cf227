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

/* A service with a phone number (and a web address when url is not NULL). */
static service_t contact(const char *category, const char *name_en, const char *name_cy,
                         const char *summary_en, const char *phone, const char *url)
{
  service_t s = service(category, name_en, summary_en);
  snprintf(s.name_cy, sizeof s.name_cy, "%s", name_cy);
  snprintf(s.phone, sizeof s.phone, "%s", phone);
  snprintf(s.url, sizeof s.url, "%s", url ? url : "");
  return s;
}

static void test_ranking(void)
{
  TEST_SECTION("the services listed: with a way to reach them, specific first, Welsh first in Welsh");
  /* As the store gives them: in ID order (as in assets/sample). */
  service_t sv[] = {
    contact("symptoms", "Chemotherapy day unit", "Uned cemotherapi ddydd",
            "Questions about your chemotherapy appointments?", "02920180610", NULL),
    contact("symptoms", "Oncology dietitians", "Dietegwyr oncoleg",
            "Help if you are losing weight or finding it hard to eat.", "02920180615", NULL),
    contact("symptoms", "Breathlessness clinic", "Clinig diffyg anadl",
            "Help with feeling short of breath.", "02920180616", NULL),
    contact("emotional", "Maggie's Cardiff", "Maggie's Caerdydd", "A drop-in centre.", "",
            "https://maggies.org"),
    contact("emotional", "Psychological support service", "Gwasanaeth cymorth seicolegol",
            "If worry or low mood is getting too much.", "02920180640", NULL),
    contact("emotional", "Samaritans", "Samariaid", "Someone to listen.", "116123",
            "https://www.samaritans.org"),
    contact("emotional", "Samaritans Welsh Language Line", "Llinell Gymraeg y Samariaid",
            "Talk to a volunteer in Welsh.", "08081640123", "https://www.samaritans.org"),
    contact("emotional", "Tenovus Cancer Care support line", "Llinell gymorth Gofal Canser Tenovus",
            "Talk through any worries.", "08088081010", NULL),
    contact("financial", "Citizens Advice Cymru", "Cyngor ar Bopeth Cymru",
            "Advice on benefits, debt and housing.", "08007022020", NULL),
    contact("financial", "Free prescriptions in Wales", "Presgripsiynau am ddim yng Nghymru",
            "Prescriptions are free in Wales.", "", NULL), /* no way to reach it */
    contact("financial", "Help with travel costs to hospital", "Help gyda chostau teithio",
            "Claim back what you spend getting to hospital.", "02920180690", NULL),
    contact("financial", "Welfare rights advisers", "Cynghorwyr hawliau lles",
            "Help with money worries and benefits.", "02920180680", NULL),
  };
  size_t n = sizeof sv / sizeof sv[0], out[3];
  concerns_selection_t sel = {0};

  concerns_toggle(&sel, (size_t)index_of("physical.breathing"));
  CHECK(!concerns_service_matches(&sel, CONCERNS_PHYSICAL, &sv[0])); /* not by category alone */
  CHECK(!concerns_service_matches(&sel, CONCERNS_PHYSICAL, &sv[1]));
  CHECK(concerns_service_matches(&sel, CONCERNS_PHYSICAL, &sv[2]));
  size_t got = concerns_services_pick(&sel, CONCERNS_PHYSICAL, false, sv, n, out, 3);
  CHECK(got == 1 && out[0] == 2);
  concerns_toggle(&sel, (size_t)index_of("physical.eating"));
  got = concerns_services_pick(&sel, CONCERNS_PHYSICAL, false, sv, n, out, 3);
  CHECK(got == 2 && out[0] == 1 && out[1] == 2);

  concerns_toggle(&sel, (size_t)index_of("practical.money"));
  got = concerns_services_pick(&sel, CONCERNS_PRACTICAL, false, sv, n, out, 3);
  CHECK_INT((int)got, 3);
  bool welfare = false, prescriptions = false;
  for (size_t i = 0; i < got; i++) {
    welfare |= out[i] == 11;
    prescriptions |= out[i] == 9;
  }
  CHECK(welfare);        /* names money: ahead of the fourth in ID order */
  CHECK(!prescriptions); /* no phone, no web address: not worth a line */

  concerns_toggle(&sel, (size_t)index_of("emotional.worry"));
  got = concerns_services_pick(&sel, CONCERNS_EMOTIONAL, true, sv, n, out, 3);
  CHECK(got == 3 && out[0] == 6); /* in Welsh: the Welsh Language Line first */
  CHECK(got == 3 && out[1] == 4 && out[2] == 7); /* then those that name worry */
  got = concerns_services_pick(&sel, CONCERNS_EMOTIONAL, false, sv, n, out, 3);
  CHECK(got == 3 && out[0] == 4 && out[1] == 7 && out[2] == 3);
  CHECK(concerns_service_welsh(&sv[6]) && !concerns_service_welsh(&sv[5]));
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
  test_ranking();
  i18n_free(cat);
  return test_summary();
}
