/*
 * libFuzzer harness for the value rules of the export (src/core/rules.h).
 * The first input byte chooses the rule (and, for rules_text, the length
 * limit and whether line breaks are allowed); the rest is the value as it
 * would stand in a CSV field. Checks the header's promises: a refusal
 * always gives a reason; an accepted value's normalised form is accepted
 * again and normalises to itself (so a value stored once never changes or
 * becomes invalid on the next sync); dates stay in their documented range.
 */
#include <stdint.h>
#include <string.h>

#include "core/rules.h"
#include "fuzz_common.h"

enum { RULE_NHS, RULE_DATE, RULE_DOB, RULE_POSTCODE, RULE_PHONE, RULE_PHONE_SHORT, RULE_URL,
       RULE_EMAIL, RULE_IDENTIFIER, RULE_TEXT, RULE_TIMESTAMP, RULE_COUNT };

/* One rule on one value. */
static void check_rule(int rule, unsigned char param, const char *v)
{
  const char *why = NULL;
  bool ok = false;
  switch (rule) {
  case RULE_NHS: {
    char out[11], again[11];
    if ((ok = rules_nhs_number(v, out, &why))) {
      FUZZ_CHECK(strlen(out) == 10 && strspn(out, "0123456789") == 10);
      FUZZ_CHECK(rules_nhs_number(out, again, &why) && !strcmp(out, again));
    }
    break;
  }
  case RULE_DATE: {
    int y = 0, m = 0, d = 0;
    if ((ok = rules_date(v, &y, &m, &d, &why)))
      FUZZ_CHECK(y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
    break;
  }
  case RULE_DOB: {
    int y, m, d;
    if ((ok = rules_date_of_birth(v, "2026-11-30", &why)))
      FUZZ_CHECK(rules_date(v, &y, &m, &d, &why) && y <= 2026);
    break;
  }
  case RULE_POSTCODE: {
    char out[RULES_POSTCODE_MAX], again[RULES_POSTCODE_MAX];
    if ((ok = rules_postcode(v, out, &why)))
      FUZZ_CHECK(rules_postcode(out, again, &why) && !strcmp(out, again));
    break;
  }
  case RULE_PHONE:
  case RULE_PHONE_SHORT: {
    bool allow_short = rule == RULE_PHONE_SHORT;
    char out[RULES_PHONE_MAX], again[RULES_PHONE_MAX];
    if ((ok = rules_phone(v, allow_short, out, &why))) {
      FUZZ_CHECK(fuzz_terminated(out, sizeof out) && out[0]);
      FUZZ_CHECK(rules_phone(out, allow_short, again, &why) && !strcmp(out, again));
    }
    break;
  }
  case RULE_URL: ok = rules_https_url(v, &why); break;
  case RULE_EMAIL: ok = rules_email(v, &why); break;
  case RULE_IDENTIFIER:
    if ((ok = rules_identifier(v, &why)))
      FUZZ_CHECK(strlen(v) >= 1 && strlen(v) <= 32);
    break;
  case RULE_TEXT: ok = rules_text(v, param >> 1, param & 1, &why); break;
  case RULE_TIMESTAMP: {
    char out[21], again[21];
    if ((ok = rules_utc_timestamp(v, out, &why))) {
      FUZZ_CHECK(strlen(out) == 20 && out[19] == 'Z');
      FUZZ_CHECK(rules_utc_timestamp(out, again, &why) && !strcmp(out, again));
    }
    break;
  }
  }
  if (!ok)
    FUZZ_CHECK(why && why[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  char *v = fuzz_cstring(data + 1, size - 1);
  if (!v)
    return 0;
  check_rule(data[0] % RULE_COUNT, data[0], v);
  free(v);
  return 0;
}
