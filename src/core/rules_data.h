/*
 * The data behind the value rules (rules.c): the UK postcode areas and the
 * UK telephone numbering plan as tables. Private to the rules; the sources
 * are cited in rules_data.c, next to the tables.
 */
#ifndef ALLWEDD_RULES_DATA_H
#define ALLWEDD_RULES_DATA_H

#include <stdbool.h>
#include <stddef.h>

/* True when area ("CF", "B", "GY"...) is a postcode area in use, upper case. */
bool rules_postcode_area_exists(const char *area, size_t len);

/* What the reason for a wrong length says is allowed, by range. */
typedef enum {
  PHONE_MSG_GEOGRAPHIC, /* 01, 02 */
  PHONE_MSG_NON_GEOGRAPHIC, /* 03, 05, 07, 08xx, 09 */
  PHONE_MSG_FREEPHONE,  /* 0800 */
} phone_msg_t;

/* One range of the numbering plan. pattern matches the start of the
 * national significant number (the digits after the trunk 0): a digit, or
 * a class "[0-58]" of digits. min_len..max_len are the lengths of the
 * national significant number this range allows; groups the sizes of the
 * national format's groups counted with the leading 0, the last one "*" for
 * "the rest". */
typedef struct {
  const char *pattern;
  unsigned char min_len, max_len;
  const char *groups;
  phone_msg_t msg;
} phone_range_t;

/* The ranges of the plan and their count. */
const phone_range_t *rules_phone_plan(size_t *count);

/* The length in digits a pattern matches ("12046[1-4]" is 6). */
size_t rules_phone_pattern_digits(const char *pattern);

/* The number of leading digits of nsn the pattern matches, or 0. */
size_t rules_phone_pattern_match(const char *pattern, const char *nsn);

#endif
