/*
 * Identification policy: the two-facts rule, the lockout counter and the
 * barcode scanner's input (see ident.h for the rules and their sources).
 *
 * The lockout counts failures in a ring of IDENT_BUCKETS time buckets that
 * together span at least the window, so any number of attempts (1 or a
 * million) is counted exactly with a fixed, small state that can be saved;
 * a failure is forgotten between window_ms and window_ms plus one bucket
 * after it happened, never before.
 *
 * This module must never keep what was typed: it sees facts as bits,
 * results as an enum and times as numbers. The date of birth check reads
 * the three boxes and answers in its return value, keeping nothing. The
 * scanner buffer holds what the scanner typed only until it is handed on,
 * and is wiped then.
 */
#include "core/ident.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/rules.h"

/* ---- the two-facts rule ---- */

/* Whether facts are two things the person knows. */
bool ident_facts_enough(unsigned facts)
{
  bool dob = facts & IDENT_FACT_DOB;
  return dob && (facts & (IDENT_FACT_FAMILY_NAME | IDENT_FACT_NHS_BARCODE));
}

/* What to do after a look-up made with facts. */
ident_outcome_t ident_decide(unsigned facts, ident_lookup_t lookup)
{
  if (!ident_facts_enough(facts))
    return IDENT_NEED_MORE;
  switch (lookup) {
  case IDENT_LOOKUP_ONE:
    return IDENT_CONFIRM;
  case IDENT_LOOKUP_SEVERAL:
    /* The postcode is the one more fact, asked once; a barcode names one
     * person, so several can only be a fault in the data: no match. */
    if (!(facts & (IDENT_FACT_POSTCODE | IDENT_FACT_NHS_BARCODE)))
      return IDENT_ASK_POSTCODE;
    return IDENT_FAILED;
  case IDENT_LOOKUP_FAULT:
    return IDENT_STORE_FAULT;
  case IDENT_LOOKUP_NONE:
  default:
    return IDENT_FAILED;
  }
}

/* A barcode look-up's result: on record, and the same date of birth. */
ident_lookup_t ident_barcode_lookup(bool found, const char *record_dob, const char *typed_dob)
{
  if (!found || !record_dob || !typed_dob || !record_dob[0])
    return IDENT_LOOKUP_NONE;
  return strcmp(record_dob, typed_dob) == 0 ? IDENT_LOOKUP_ONE : IDENT_LOOKUP_NONE;
}

/* ---- the date of birth as typed ---- */

/* Whether year is a leap year in the Gregorian calendar. */
static bool ident_leap(int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The most days month (1-12) can have: 29 for February, whatever the year. */
static int ident_month_days_max(int month)
{
  static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[month - 1];
}

/* The number in a box of digits (0 when empty); false when it holds
 * anything else or is longer than max_len. */
static bool ident_box_number(const char *box, size_t max_len, int *out)
{
  size_t len = strlen(box);
  *out = 0;
  if (len > max_len)
    return false;
  for (size_t i = 0; i < len; i++) {
    if (box[i] < '0' || box[i] > '9')
      return false;
    *out = *out * 10 + (box[i] - '0');
  }
  return true;
}

/* Today's "YYYY-MM-DD" as numbers; false when it is not one. */
static bool ident_today(const char *today, int *y, int *m, int *d)
{
  if (!today || strlen(today) != 10 || today[4] != '-' || today[7] != '-')
    return false;
  char part[5];
  memcpy(part, today, 4), part[4] = '\0';
  bool ok = ident_box_number(part, 4, y);
  memcpy(part, today + 5, 2), part[2] = '\0';
  ok = ok && ident_box_number(part, 2, m);
  memcpy(part, today + 8, 2), part[2] = '\0';
  return ok && ident_box_number(part, 2, d) && *m >= 1 && *m <= 12 && *d >= 1;
}

/* A problem found in box. */
static ident_dob_check_t ident_dob_problem(ident_dob_check_t c, ident_dob_problem_t problem,
                                           ident_dob_box_t box)
{
  c.problem = problem;
  c.box = box;
  c.iso[0] = '\0';
  return c;
}

/* Check a typed date of birth, as far as it can be judged yet. */
ident_dob_check_t ident_dob_check(const char *day, const char *month, const char *year,
                                  const char *today, ident_dob_box_t typing)
{
  ident_dob_check_t c = {.problem = IDENT_DOB_OK, .box = IDENT_DOB_NO_BOX};
  const char *boxes[3] = {day, month, year};
  const size_t full[3] = {2, 2, 4};
  int value[3];
  bool given[3];
  for (int b = 0; b < 3; b++) {
    if (!ident_box_number(boxes[b], full[b], &value[b]))
      return ident_dob_problem(c, IDENT_DOB_NOT_DIGITS, (ident_dob_box_t)b);
    size_t len = strlen(boxes[b]);
    /* The box being typed may still grow; the year counts only whole. */
    given[b] = len && (b == IDENT_DOB_YEAR ? len == full[b]
                                           : len == full[b] || typing != (ident_dob_box_t)b);
  }
  int d = value[0], m = value[1], y = value[2];
  int ty = 0, tm = 0, td = 0;
  bool have_today = ident_today(today, &ty, &tm, &td);
  if (given[0] && (d < 1 || d > 31))
    return ident_dob_problem(c, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY);
  if (given[1] && (m < 1 || m > 12))
    return ident_dob_problem(c, IDENT_DOB_BAD_MONTH, IDENT_DOB_MONTH);
  if (given[2] && y < IDENT_DOB_EARLIEST_YEAR)
    return ident_dob_problem(c, IDENT_DOB_TOO_EARLY, IDENT_DOB_YEAR);
  if (given[2] && have_today && y > ty)
    return ident_dob_problem(c, IDENT_DOB_FUTURE, IDENT_DOB_YEAR);
  if (given[0] && given[1] && d > ident_month_days_max(m)) {
    c.month_days = m == 2 && given[2] && !ident_leap(y) ? 28 : ident_month_days_max(m);
    return ident_dob_problem(c, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY);
  }
  if (given[0] && given[1] && given[2] && m == 2 && d == 29 && !ident_leap(y))
    return ident_dob_problem(c, IDENT_DOB_NOT_LEAP, IDENT_DOB_DAY);
  if (given[0] && given[1] && given[2] && have_today &&
      (y > ty || (y == ty && (m > tm || (m == tm && d > td)))))
    return ident_dob_problem(c, IDENT_DOB_FUTURE, IDENT_DOB_YEAR);
  if (typing != IDENT_DOB_NO_BOX)
    return c; /* nothing wrong yet */
  for (int b = 0; b < 3; b++)
    if (!boxes[b][0])
      return ident_dob_problem(c, IDENT_DOB_EMPTY, (ident_dob_box_t)b);
  if (!given[2])
    return ident_dob_problem(c, IDENT_DOB_YEAR_SHORT, IDENT_DOB_YEAR);
  snprintf(c.iso, sizeof c.iso, "%04d-%02d-%02d", y, m, d);
  return c;
}

/* ---- what "Try again" keeps ---- */

/* What to keep and what to ask again after a failed try made with facts. */
ident_retry_t ident_retry(unsigned facts)
{
  ident_retry_t r = {.keep = 0, .ask = IDENT_FACT_DOB};
  if (!ident_facts_enough(facts))
    return r;
  if (facts & IDENT_FACT_NHS_BARCODE) {
    r.keep = IDENT_FACT_NHS_BARCODE;
    r.ask = IDENT_FACT_DOB;
  } else if (facts & IDENT_FACT_POSTCODE) {
    r.keep = IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME;
    r.ask = IDENT_FACT_POSTCODE;
  } else {
    r.keep = IDENT_FACT_DOB;
    r.ask = IDENT_FACT_FAMILY_NAME;
  }
  return r;
}

/* ---- the lockout ---- */

/* The rule from the configuration, defaults for unset values. */
ident_policy_t ident_policy_from_config(const config_t *cfg)
{
  ident_policy_t p = {.attempts = 5, .window_ms = 600 * 1000, .pause_ms = 120 * 1000};
  if (cfg && cfg->lockout_attempts > 0)
    p.attempts = (uint32_t)cfg->lockout_attempts;
  if (cfg && cfg->lockout_window_s > 0)
    p.window_ms = (int64_t)cfg->lockout_window_s * 1000;
  if (cfg && cfg->lockout_pause_s > 0)
    p.pause_ms = (int64_t)cfg->lockout_pause_s * 1000;
  return p;
}

/* The bucket width for a policy: the window in IDENT_BUCKETS parts, rounded up. */
static int64_t ident_bucket_ms(const ident_policy_t *p)
{
  int64_t window = p->window_ms > 0 ? p->window_ms : 1;
  return (window + IDENT_BUCKETS - 1) / IDENT_BUCKETS;
}

/* The sum of the buckets. */
static uint32_t ident_sum(const ident_lockout_t *l)
{
  uint64_t sum = 0;
  for (int i = 0; i < IDENT_BUCKETS; i++)
    sum += l->counts[i];
  return sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
}

/* Bring the ring to now_ms: buckets older than the window fall off. A state
 * kept with another bucket width keeps all its failures, as new. */
static void ident_advance(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  int64_t width = ident_bucket_ms(p);
  if (l->bucket_ms != width) {
    uint32_t kept = ident_sum(l);
    memset(l->counts, 0, sizeof l->counts);
    l->counts[0] = kept;
    l->bucket_ms = width;
    l->newest_start_ms = now_ms;
    return;
  }
  if (now_ms < l->newest_start_ms + width)
    return; /* still in the newest bucket (or the clock went back: stay) */
  int64_t steps = (now_ms - l->newest_start_ms) / width;
  if (steps >= IDENT_BUCKETS) {
    memset(l->counts, 0, sizeof l->counts);
  } else {
    memmove(&l->counts[steps], &l->counts[0],
            (size_t)(IDENT_BUCKETS - steps) * sizeof l->counts[0]);
    memset(l->counts, 0, (size_t)steps * sizeof l->counts[0]);
  }
  l->newest_start_ms += steps * width;
}

/* Add one failure to the newest bucket (saturating). */
static void ident_count_one(ident_lockout_t *l)
{
  if (l->counts[0] < UINT32_MAX)
    l->counts[0]++;
}

/* Whether identification is paused. */
bool ident_lockout_locked(const ident_lockout_t *l, int64_t now_ms)
{
  return l->locked_until_ms > now_ms;
}

/* The pause left. */
int64_t ident_lockout_remaining_ms(const ident_lockout_t *l, int64_t now_ms)
{
  return l->locked_until_ms > now_ms ? l->locked_until_ms - now_ms : 0;
}

/* Failures counted now. */
uint32_t ident_lockout_failures(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  ident_advance(l, p, now_ms);
  return ident_sum(l);
}

/* A try begins: charge it as a failure until it is confirmed. */
void ident_lockout_charge(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  if (l->pending)
    return;
  ident_advance(l, p, now_ms);
  ident_count_one(l);
  l->pending = true;
  /* Where the charge went: the newest bucket, even if the clock went back. */
  l->pending_ms = now_ms < l->newest_start_ms ? l->newest_start_ms : now_ms;
}

/* The try ended in a confirmed person: take its charge back, from the
 * bucket it went into (unless it has already fallen off). */
void ident_lockout_refund(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  if (!l->pending)
    return;
  ident_advance(l, p, now_ms);
  int64_t back = 0;
  if (l->pending_ms < l->newest_start_ms)
    back = (l->newest_start_ms - l->pending_ms + l->bucket_ms - 1) / l->bucket_ms;
  if (back < IDENT_BUCKETS && l->counts[back] > 0)
    l->counts[back]--;
  l->pending = false;
  l->pending_ms = 0;
}

/* The try failed: count it (once) and pause when the rule says so. */
bool ident_lockout_fail(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  if (!l->pending) {
    ident_advance(l, p, now_ms);
    ident_count_one(l);
  }
  l->pending = false;
  l->pending_ms = 0;
  if (ident_lockout_failures(l, p, now_ms) < (p->attempts ? p->attempts : 1))
    return false;
  memset(l->counts, 0, sizeof l->counts);
  l->locked_until_ms = now_ms + p->pause_ms;
  return true;
}

/* Move every time by delta_ms. */
void ident_lockout_rebase(ident_lockout_t *l, int64_t delta_ms)
{
  if (l->bucket_ms)
    l->newest_start_ms += delta_ms;
  if (l->locked_until_ms)
    l->locked_until_ms += delta_ms;
  if (l->pending)
    l->pending_ms += delta_ms;
}

/* Make a restored state safe to use now. */
bool ident_lockout_restore(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms)
{
  if (l->bucket_ms < 0 || l->newest_start_ms > now_ms)
    l->newest_start_ms = now_ms;
  if (l->bucket_ms < 0)
    l->bucket_ms = 0; /* nonsense: ident_advance keeps the counts, as new */
  if (l->locked_until_ms > now_ms + p->pause_ms)
    l->locked_until_ms = now_ms + p->pause_ms;
  if (l->locked_until_ms < 0)
    l->locked_until_ms = 0;
  if (l->pending && l->pending_ms > now_ms)
    l->pending_ms = now_ms;
  ident_advance(l, p, now_ms);
  return l->pending ? ident_lockout_fail(l, p, now_ms) : false;
}

/* ---- the scanner ---- */

/* Wipe the held keys. */
void ident_scan_clear(ident_scan_t *s)
{
  sodium_memzero(s, sizeof *s);
}

/* Copy the held keys out and wipe them. */
static void ident_scan_take(ident_scan_t *s, char *out, size_t outlen)
{
  if (out && outlen) {
    size_t n = s->len < outlen - 1 ? s->len : outlen - 1;
    memcpy(out, s->text, n);
    out[n] = '\0';
  }
  ident_scan_clear(s);
}

/* One key from the keyboard (or the scanner typing as one). */
ident_key_t ident_scan_key(ident_scan_t *s, int key, int64_t now_ms, char *out, size_t outlen)
{
  if (key == '\n' || key == '\t') {
    if (!s->len && !s->too_long)
      return IDENT_KEY_PASS;
    if (s->too_long)
      s->len = 0; /* longer than any NHS number's presentation: unreadable */
    ident_scan_take(s, out, outlen);
    return IDENT_KEY_SCANNED;
  }
  if (key < 0x20 || key > 0x7e)
    return IDENT_KEY_PASS;
  if (s->len < IDENT_SCAN_MAX)
    s->text[s->len++] = (char)key;
  else
    s->too_long = true;
  s->last_key_ms = now_ms;
  return IDENT_KEY_HELD;
}

/* Take out keys held from before a gap. */
ident_stale_t ident_scan_expire(ident_scan_t *s, int64_t now_ms, int64_t max_gap_ms, char *out,
                                size_t outlen)
{
  if (out && outlen)
    out[0] = '\0';
  if ((!s->len && !s->too_long) || now_ms - s->last_key_ms <= max_gap_ms)
    return IDENT_STALE_NONE;
  bool burst = s->too_long || s->len >= IDENT_SCAN_BURST_MIN;
  if (s->too_long)
    s->len = 0;
  ident_scan_take(s, out, outlen);
  return burst ? IDENT_STALE_SCAN : IDENT_STALE_KEYS;
}

/* When the held keys go stale. */
int64_t ident_scan_deadline(const ident_scan_t *s, int64_t max_gap_ms)
{
  return s->len || s->too_long ? s->last_key_ms + max_gap_ms + 1 : -1;
}

/* ---- barcodes ---- */

enum { IDENT_GROUPS_MAX = IDENT_SCAN_MAX / 2 + 1 };

/* A run of digits in the scan, and whether it continues the previous run
 * (joined by spaces or dashes only). */
typedef struct {
  const char *digits;
  size_t len;
  bool joined;
} ident_group_t;

/* Split text into digit groups. */
static size_t ident_groups(const char *text, ident_group_t *g, size_t max)
{
  size_t n = 0;
  const char *p = text;
  bool joinable = false;
  while (*p && n < max) {
    if (isdigit((unsigned char)*p)) {
      const char *start = p;
      while (isdigit((unsigned char)*p))
        p++;
      g[n++] = (ident_group_t){.digits = start, .len = (size_t)(p - start), .joined = joinable};
      /* Up to three spaces or dashes ("943 - 476") join it to the next. */
      size_t sep = 0;
      while ((p[sep] == ' ' || p[sep] == '-') && sep < 3)
        sep++;
      joinable = sep > 0 && isdigit((unsigned char)p[sep]);
      p += sep;
      continue;
    }
    joinable = false;
    p++;
  }
  return n;
}

/* The NHS number inside a scan. */
ident_barcode_t ident_barcode_parse(const char *scanned, char nhs[11])
{
  ident_group_t groups[IDENT_GROUPS_MAX];
  char found[11] = "", candidate[11], valid[11];
  bool several = false;
  nhs[0] = '\0';
  if (!scanned)
    return IDENT_BARCODE_UNREADABLE;
  /* A symbology identifier (ISO/IEC 15424: ']', the symbology, a modifier)
   * comes first when the scanner is set to send it. */
  const char *text = scanned;
  if (text[0] == ']' && isalpha((unsigned char)text[1]) && isalnum((unsigned char)text[2]))
    text += 3;
  size_t n = ident_groups(text, groups, IDENT_GROUPS_MAX);
  /* Every run of joined groups whose digits add up to exactly ten. */
  for (size_t i = 0; i < n; i++) {
    size_t total = 0;
    for (size_t j = i; j < n && (j == i || groups[j].joined) && total < 10; j++) {
      if (total + groups[j].len > 10)
        break;
      memcpy(candidate + total, groups[j].digits, groups[j].len);
      total += groups[j].len;
      if (total != 10)
        continue;
      candidate[10] = '\0';
      const char *why = NULL;
      if (!rules_nhs_number(candidate, valid, &why))
        continue;
      if (found[0] && strcmp(found, valid))
        several = true;
      memcpy(found, valid, sizeof found);
    }
  }
  if (!found[0] || several) {
    sodium_memzero(found, sizeof found);
    sodium_memzero(candidate, sizeof candidate);
    return IDENT_BARCODE_UNREADABLE;
  }
  memcpy(nhs, found, sizeof found);
  sodium_memzero(found, sizeof found);
  sodium_memzero(candidate, sizeof candidate);
  sodium_memzero(valid, sizeof valid);
  return IDENT_BARCODE_NHS;
}
