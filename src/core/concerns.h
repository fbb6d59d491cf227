/*
 * The concerns checklist ("What would you like to talk about? / Am beth
 * hoffech chi siarad?", issue 15): the groups and items a patient or carer
 * can tick before talking to their key worker, the words for each (English
 * msgids, msgctxt "concerns", translated in locales/cy.po), and which local
 * services (services.csv rows, docs/EXPORT_FORMAT.md categories) match a
 * ticked group.
 *
 * The grouping follows the Holistic Needs Assessment concerns checklists
 * used in UK cancer services (physical, practical, family and
 * relationships, emotional, spiritual or religious, information: see the
 * personalised care seed); the wording is our own, short and plain.
 *
 * A selection (concerns_selection_t) is what one person ticked: it names
 * no one by itself but is personal while the journey lasts, so the UI keeps
 * it in the journey's wiped memory and the store only ever sees anonymous
 * counts per group (core/store_concerns.h). This module is pure: no I/O,
 * no allocation, no store.
 */
#ifndef ALLWEDD_CONCERNS_H
#define ALLWEDD_CONCERNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The groups, in the order they are offered. */
typedef enum {
  CONCERNS_PHYSICAL = 0,
  CONCERNS_PRACTICAL,
  CONCERNS_FAMILY,
  CONCERNS_EMOTIONAL,
  CONCERNS_SPIRITUAL,
  CONCERNS_INFORMATION,
  CONCERNS_GROUP_COUNT
} concerns_group_t;

enum {
  CONCERNS_ITEM_MAX = 64,     /* items fit one uint64_t of ticks */
  CONCERNS_SCORE_MAX = 10,    /* the 0-10 "how much is this worrying you" scale */
  CONCERNS_ALL_GROUPS = (1u << CONCERNS_GROUP_COUNT) - 1,
};

typedef struct {
  const char *key;        /* stable word: "physical.pain" */
  concerns_group_t group;
  const char *msgid;      /* English words, msgctxt "concerns" */
  const char *categories; /* services.csv categories that help, comma-separated */
  const char *words;      /* lower-case words (either language, comma-separated) that show a
                           * service helps with this item in particular, found in its name or
                           * summary: such a service is listed first ("" none) */
  const char *specific;   /* those of categories too broad to match by themselves: a service of
                           * one of them matches only when it names one of words (breathing
                           * is "symptoms", but not every symptoms service helps with it) */
} concerns_item_t;

/* What one person ticked: nothing else. ticks bit i is item i of the
 * catalogue; score_plus1 is the 0-10 score plus one, 0 when not given (so an
 * all-zero selection means "nothing chosen"). */
typedef struct {
  uint64_t ticks;
  int score_plus1;
} concerns_selection_t;

/* The catalogue: concerns_item_count() items, grouped and in display
 * order; the pointer is valid for the program's life. */
size_t concerns_item_count(void);
const concerns_item_t *concerns_item(size_t i);

/* A group's stable word ("physical", ... as in [concerns] groups), its
 * title and its one-line description (msgids, msgctxt "concerns"). NULL for
 * a group out of range. */
const char *concerns_group_key(concerns_group_t g);
const char *concerns_group_title(concerns_group_t g);
const char *concerns_group_hint(concerns_group_t g);

/* The group whose key is word (length len), or CONCERNS_GROUP_COUNT. */
concerns_group_t concerns_group_from_key(const char *word, size_t len);

/* Parse a [concerns] groups list ("physical, practical, emotional": words
 * separated by commas and/or spaces) into a mask of 1 << group. false with
 * the reason in err (an unknown word, a repeated one, an empty list). */
bool concerns_groups_parse(const char *list, unsigned *mask, char *err, size_t errlen);

/* Tick or untick item i; whether item i is ticked; whether any item of
 * group g is ticked; the groups with a ticked item, as a mask. */
void concerns_toggle(concerns_selection_t *sel, size_t i);
bool concerns_ticked(const concerns_selection_t *sel, size_t i);
bool concerns_group_ticked(const concerns_selection_t *sel, concerns_group_t g);
unsigned concerns_ticked_groups(const concerns_selection_t *sel);
/* How many items are ticked. */
int concerns_ticked_count(const concerns_selection_t *sel);

/* The score (0-10), or -1 when none was given; set one (-1 clears). */
int concerns_score(const concerns_selection_t *sel);
void concerns_set_score(concerns_selection_t *sel, int score);

/* Whether service s helps with group g as ticked in sel: its category is
 * one of those of the group's ticked items (a money worry: "financial") and,
 * where the item's category is too broad (concerns_item_t.specific), it
 * names the item's words; or
 * for the spiritual group, its name or summary in either language names a
 * chaplaincy or spiritual care (the export has no category for it). Never
 * an "urgent" service: the emergency numbers have their own place. */
bool concerns_service_matches(const concerns_selection_t *sel, concerns_group_t g,
                              const service_t *s);

/* Whether service s is in Welsh: its English name says "Welsh language" or
 * "Welsh-language", or its Welsh name says "Cymraeg" (the export has no
 * field for it). */
bool concerns_service_welsh(const service_t *s);

/* The services to list for group g as ticked in sel, best first: up to max
 * indexes into services[0..n) in out; returns how many. Only services that
 * match (concerns_service_matches) and give a phone number or a web address
 * (a name alone helps nobody). Ranked: when welsh_first (a list in Welsh),
 * Welsh-language services first; then those that name a ticked item's words
 * (money: welfare rights advisers before free prescriptions); ties keep the
 * order given. */
size_t concerns_services_pick(const concerns_selection_t *sel, concerns_group_t g,
                              bool welsh_first, const service_t *services, size_t n,
                              size_t *out, size_t max);

#endif
