/*
 * The concerns checklist's catalogue and the rules on a selection (see
 * concerns.h). The table below is the one list: the screens, the printed
 * list, the read-aloud, the locales test and the counts all follow it.
 */
#include "core/concerns.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *key, *title, *hint;
} concerns_groups[CONCERNS_GROUP_COUNT] = {
  {"physical", "Your body", "How you feel in yourself"},
  {"practical", "Everyday life", "Money, work, home and getting about"},
  {"family", "Family and friends", "The people close to you"},
  {"emotional", "Your feelings", "How you are coping"},
  {"spiritual", "Faith and meaning", "Beliefs, religion and what matters to you"},
  {"information", "Information", "What you would like to know"},
};

static const concerns_item_t concerns_items[] = {
  {"physical.pain", CONCERNS_PHYSICAL, "Pain", "symptoms", "pain,poen", "symptoms"},
  {"physical.tired", CONCERNS_PHYSICAL, "Feeling tired or weak", "symptoms,lifestyle", "tired,fatigue,blinder,exercise,ymarfer", "symptoms,lifestyle"},
  {"physical.sleep", CONCERNS_PHYSICAL, "Sleeping", "symptoms", "sleep,cwsg,cysgu", "symptoms"},
  {"physical.eating", CONCERNS_PHYSICAL, "Eating, appetite or weight", "symptoms", " eat,appetite,weight,diet,bwyta,chwant,pwysau,deiet", "symptoms"},
  {"physical.breathing", CONCERNS_PHYSICAL, "Breathing", "symptoms", "breath,anadl", "symptoms"},
  {"physical.sick", CONCERNS_PHYSICAL, "Feeling sick", "symptoms", "sick,nausea,cyfog", "symptoms"},
  {"physical.toilet", CONCERNS_PHYSICAL, "Going to the toilet", "symptoms", "toilet,bowel,bladder,diarrh,constipat,coluddyn,pledren", "symptoms"},
  {"physical.moving", CONCERNS_PHYSICAL, "Moving about", "symptoms,lifestyle", "moving,mobility,exercise,active,symud,ymarfer", "symptoms,lifestyle"},
  {"practical.money", CONCERNS_PRACTICAL, "Money or bills", "financial", "money,benefit,welfare,debt,arian,budd-dal,lles,dyled", ""},
  {"practical.work", CONCERNS_PRACTICAL, "Work or study", "work", "work,gwaith", ""},
  {"practical.housing", CONCERNS_PRACTICAL, "Housing", "financial,practical", "housing,home, tai,cartref", "financial,practical"},
  {"practical.travel", CONCERNS_PRACTICAL, "Getting to appointments", "practical,financial", "travel,parking,driver,getting to hospital,teithio,parcio,gyrrwr,gyrwyr", "practical,financial"},
  {"practical.caring", CONCERNS_PRACTICAL, "Caring for someone else", "carers_family", "carer,gofalwr,gofalwyr", ""},
  {"practical.home", CONCERNS_PRACTICAL, "Washing, dressing or housework", "practical", "washing,dressing,housework,golchi,gwisgo,gwaith tŷ", "practical"},
  {"family.partner", CONCERNS_FAMILY, "My partner", "carers_family,support_groups", "partner", ""},
  {"family.children", CONCERNS_FAMILY, "Children", "carers_family", "children,young people, plant,pobl ifanc", ""},
  {"family.talking", CONCERNS_FAMILY, "Talking to family or friends", "carers_family,support_groups", "talk,siarad", ""},
  {"family.alone", CONCERNS_FAMILY, "Feeling alone", "support_groups,emotional", "alone,listen,group,unig,gwrando,grŵp", ""},
  {"family.intimacy", CONCERNS_FAMILY, "Sex and closeness", "emotional", "", ""},
  {"emotional.worry", CONCERNS_EMOTIONAL, "Worry", "emotional", "worr,anxi,pryder,poeni", ""},
  {"emotional.low", CONCERNS_EMOTIONAL, "Feeling low or sad", "emotional", "low mood,sad,isel,trist", ""},
  {"emotional.fear", CONCERNS_EMOTIONAL, "Fear", "emotional", "fear,ofn", ""},
  {"emotional.anger", CONCERNS_EMOTIONAL, "Anger", "emotional", " anger,angry,dicter", ""},
  {"emotional.coping", CONCERNS_EMOTIONAL, "Coping from day to day", "emotional,support_groups", "coping,cope,ymdopi", ""},
  {"spiritual.faith", CONCERNS_SPIRITUAL, "Faith or religion", "", "", ""},
  {"spiritual.meaning", CONCERNS_SPIRITUAL, "Meaning or purpose", "", "", ""},
  {"spiritual.wishes", CONCERNS_SPIRITUAL, "My wishes for the future", "palliative", "", ""},
  {"information.treatment", CONCERNS_INFORMATION, "My treatment", "information", "treatment,triniaeth", ""},
  {"information.next", CONCERNS_INFORMATION, "What happens next", "information", "what happens next,nesaf", ""},
  {"information.side_effects", CONCERNS_INFORMATION, "Side effects", "information,symptoms", "side effect,sgil-effaith,sgîl-effeithiau", "symptoms"},
  {"information.research", CONCERNS_INFORMATION, "Research and trials", "clinical_trials", "", ""},
};
enum { CONCERNS_ITEM_COUNT = sizeof concerns_items / sizeof concerns_items[0] };
_Static_assert((int)CONCERNS_ITEM_COUNT <= (int)CONCERNS_ITEM_MAX, "ticks must fit a uint64_t");

/* Words in a service that mean chaplaincy or spiritual care (lower case,
 * either language): there is no services.csv category for it. */
static const char *const concerns_spiritual_words[] = {
  "chaplain", "spiritual", "caplan", "ysbrydol", "faith", "ffydd",
};

size_t concerns_item_count(void) { return CONCERNS_ITEM_COUNT; }

const concerns_item_t *concerns_item(size_t i)
{
  return i < CONCERNS_ITEM_COUNT ? &concerns_items[i] : NULL;
}

const char *concerns_group_key(concerns_group_t g)
{
  return g < CONCERNS_GROUP_COUNT ? concerns_groups[g].key : NULL;
}

const char *concerns_group_title(concerns_group_t g)
{
  return g < CONCERNS_GROUP_COUNT ? concerns_groups[g].title : NULL;
}

const char *concerns_group_hint(concerns_group_t g)
{
  return g < CONCERNS_GROUP_COUNT ? concerns_groups[g].hint : NULL;
}

concerns_group_t concerns_group_from_key(const char *word, size_t len)
{
  for (int g = 0; g < CONCERNS_GROUP_COUNT; g++)
    if (strlen(concerns_groups[g].key) == len && !strncmp(concerns_groups[g].key, word, len))
      return (concerns_group_t)g;
  return CONCERNS_GROUP_COUNT;
}

bool concerns_groups_parse(const char *list, unsigned *mask, char *err, size_t errlen)
{
  unsigned m = 0;
  const char *p = list;
  while (*p) {
    while (*p == ',' || isspace((unsigned char)*p))
      p++;
    size_t len = strcspn(p, ", \t");
    if (!len)
      break;
    concerns_group_t g = concerns_group_from_key(p, len);
    if (g == CONCERNS_GROUP_COUNT) {
      snprintf(err, errlen, "unknown group \"%.*s\" (known: physical, practical, family, "
               "emotional, spiritual, information)", (int)(len > 40 ? 40 : len), p);
      return false;
    }
    if (m & (1u << g)) {
      snprintf(err, errlen, "group \"%s\" is listed twice", concerns_groups[g].key);
      return false;
    }
    m |= 1u << g;
    p += len;
  }
  if (!m) {
    snprintf(err, errlen, "no groups listed (to turn the checklist off, set enabled = false)");
    return false;
  }
  *mask = m;
  return true;
}

void concerns_toggle(concerns_selection_t *sel, size_t i)
{
  if (i < CONCERNS_ITEM_COUNT)
    sel->ticks ^= UINT64_C(1) << i;
}

bool concerns_ticked(const concerns_selection_t *sel, size_t i)
{
  return i < CONCERNS_ITEM_COUNT && (sel->ticks >> i) & 1u;
}

bool concerns_group_ticked(const concerns_selection_t *sel, concerns_group_t g)
{
  for (size_t i = 0; i < CONCERNS_ITEM_COUNT; i++)
    if (concerns_items[i].group == g && concerns_ticked(sel, i))
      return true;
  return false;
}

unsigned concerns_ticked_groups(const concerns_selection_t *sel)
{
  unsigned m = 0;
  for (size_t i = 0; i < CONCERNS_ITEM_COUNT; i++)
    if (concerns_ticked(sel, i))
      m |= 1u << concerns_items[i].group;
  return m;
}

int concerns_ticked_count(const concerns_selection_t *sel)
{
  int n = 0;
  for (size_t i = 0; i < CONCERNS_ITEM_COUNT; i++)
    n += concerns_ticked(sel, i);
  return n;
}

int concerns_score(const concerns_selection_t *sel)
{
  return sel->score_plus1 >= 1 && sel->score_plus1 <= CONCERNS_SCORE_MAX + 1
             ? sel->score_plus1 - 1 : -1;
}

void concerns_set_score(concerns_selection_t *sel, int score)
{
  sel->score_plus1 = score >= 0 && score <= CONCERNS_SCORE_MAX ? score + 1 : 0;
}

/* Whether the comma-separated list holds word. */
static bool concerns_list_has(const char *list, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    if (len == n && !strncmp(p, word, n))
      return true;
    p += len;
    if (*p == ',')
      p++;
  }
  return false;
}

/* Whether text holds word, ignoring ASCII case. */
static bool concerns_text_has(const char *text, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = text; *p; p++) {
    size_t k = 0;
    while (k < n && p[k] && tolower((unsigned char)p[k]) == word[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* Whether text holds one of the comma-separated words, ignoring ASCII case. */
static bool concerns_text_has_any(const char *text, const char *words)
{
  char word[64];
  for (const char *p = words ? words : ""; *p;) {
    size_t len = strcspn(p, ",");
    if (len && len < sizeof word) {
      memcpy(word, p, len);
      word[len] = '\0';
      if (concerns_text_has(text, word))
        return true;
    }
    p += len;
    if (*p == ',')
      p++;
  }
  return false;
}

/* How service s matches item it: 0 not at all, 1 by its category, 2 by its
 * category and the item's words in its name or summary. */
static int concerns_item_match(const concerns_item_t *it, const service_t *s)
{
  if (!s->category[0] || !concerns_list_has(it->categories, s->category))
    return 0;
  const char *texts[] = {s->name_en, s->name_cy, s->summary_en, s->summary_cy};
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
    if (concerns_text_has_any(texts[t], it->words))
      return 2;
  return it->specific && concerns_list_has(it->specific, s->category) ? 0 : 1;
}

bool concerns_service_matches(const concerns_selection_t *sel, concerns_group_t g,
                              const service_t *s)
{
  if (!strcmp(s->category, "urgent"))
    return false;
  for (size_t i = 0; i < CONCERNS_ITEM_COUNT; i++)
    if (concerns_items[i].group == g && concerns_ticked(sel, i) &&
        concerns_item_match(&concerns_items[i], s))
      return true;
  if (g != CONCERNS_SPIRITUAL || !concerns_group_ticked(sel, g))
    return false;
  const char *texts[] = {s->name_en, s->name_cy, s->summary_en, s->summary_cy};
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
    for (size_t w = 0; w < sizeof concerns_spiritual_words / sizeof concerns_spiritual_words[0]; w++)
      if (concerns_text_has(texts[t], concerns_spiritual_words[w]))
        return true;
  return false;
}

bool concerns_service_welsh(const service_t *s)
{
  return concerns_text_has(s->name_en, "welsh language") ||
         concerns_text_has(s->name_en, "welsh-language") || concerns_text_has(s->name_cy, "cymraeg");
}

/* The rank of a matching service s for group g (higher first). */
static int concerns_service_rank(const concerns_selection_t *sel, concerns_group_t g,
                                 bool welsh_first, const service_t *s)
{
  int rank = welsh_first && concerns_service_welsh(s) ? 4 : 0;
  for (size_t i = 0; i < CONCERNS_ITEM_COUNT; i++)
    if (concerns_items[i].group == g && concerns_ticked(sel, i) &&
        concerns_item_match(&concerns_items[i], s) == 2)
      return rank + 2;
  return rank;
}

size_t concerns_services_pick(const concerns_selection_t *sel, concerns_group_t g,
                              bool welsh_first, const service_t *services, size_t n,
                              size_t *out, size_t max)
{
  size_t count = 0;
  /* Best rank first, each rank in the order given: a few passes over a
   * short list, no allocation. */
  for (int rank = 6; rank >= 0 && count < max; rank--)
    for (size_t i = 0; i < n && count < max; i++) {
      const service_t *s = &services[i];
      if ((s->phone[0] || s->url[0]) && concerns_service_matches(sel, g, s) &&
          concerns_service_rank(sel, g, welsh_first, s) == rank)
        out[count++] = i;
    }
  return count;
}
