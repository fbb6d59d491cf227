/*
 * Identification policy at a public screen, as data and pure functions: no
 * store, no SDL, no clock (every call takes the time), so every rule can be
 * tested in microseconds and the kiosk UI only asks and obeys.
 *
 * Four parts:
 *  - the two-facts rule (DESIGN.md "Privacy at a public screen"): a person
 *    is looked up only with two things they know, date of birth and family
 *    name, then the postcode when those are not unique; an NHS-number
 *    barcode from the appointment letter counts as one fact. "No match" and
 *    "several matches" are the same failed try to the person at the screen;
 *    a store error is neither (ident_decide).
 *  - the lockout: after policy.attempts failed tries within policy.window_ms
 *    identification pauses for policy.pause_ms (ident_lockout_*). Every try
 *    that does not end in a confirmed person counts: no match, several
 *    matches, "No, that is not me", and walking away from "Is this you?"
 *    (a try is charged when its first look-up is made and refunded only when
 *    the person confirms). The state holds counts and times only, never what
 *    was typed, in a small plain struct that can be saved and restored so
 *    the pause survives a restart (core/store_ident.h).
 *  - the date of birth as typed in three boxes, refused on the spot with
 *    the reason and the box to mark (ident_dob_check), and what "Try
 *    again" keeps after a failed try (ident_retry).
 *  - barcode input from a USB scanner that types like a keyboard (a
 *    "keyboard wedge"): keys are assembled into scans (ident_scan_*), and an
 *    NHS number is found inside the ways scanners and letters present it
 *    (ident_barcode_parse).
 */
#ifndef ALLWEDD_IDENT_H
#define ALLWEDD_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

/* ---- the two-facts rule ---- */

/* The facts given so far, as a set of bits. */
enum {
  IDENT_FACT_DOB = 1 << 0,
  IDENT_FACT_FAMILY_NAME = 1 << 1,
  IDENT_FACT_POSTCODE = 1 << 2,
  IDENT_FACT_NHS_BARCODE = 1 << 3,   /* a scanned NHS number: one fact */
};

/* What a look-up found (the caller maps its store's answer). */
typedef enum {
  IDENT_LOOKUP_ONE = 0,   /* exactly one person (for a barcode: whose date of birth matched) */
  IDENT_LOOKUP_NONE,
  IDENT_LOOKUP_SEVERAL,
  IDENT_LOOKUP_FAULT,     /* the store failed: nothing is known */
} ident_lookup_t;

/* What to do next. */
typedef enum {
  IDENT_NEED_MORE = 0,    /* fewer than two facts: ask the next one, do not look up */
  IDENT_CONFIRM,          /* one person: ask "Is this you?" */
  IDENT_ASK_POSTCODE,     /* date of birth and name are not unique: one more fact */
  IDENT_FAILED,           /* a failed try, shown as "we couldn't find you" */
  IDENT_STORE_FAULT,      /* not a try and not "no match": ask at reception */
} ident_outcome_t;

/* True when facts (IDENT_FACT_* bits) are two things the person knows:
 * date of birth with the family name or with a scanned NHS number. */
bool ident_facts_enough(unsigned facts);

/* The outcome of a look-up made with facts. Several matches with the
 * postcode already given, or with a barcode, is a failed try exactly like
 * no match (so the screen cannot tell them apart). */
ident_outcome_t ident_decide(unsigned facts, ident_lookup_t lookup);

/* A barcode look-up: found is whether the NHS number is on record;
 * the record's and the typed date of birth ("YYYY-MM-DD") must be equal. */
ident_lookup_t ident_barcode_lookup(bool found, const char *record_dob, const char *typed_dob);

/* ---- the date of birth as typed ---- */

/* The earliest year of birth taken: the same limit as the store's rule for
 * imported records (rules_date_of_birth: 1900-01-01), so a date the kiosk
 * accepts can be on record. Nobody living was born before it (the oldest
 * person ever recorded lived 122 years). */
enum { IDENT_DOB_EARLIEST_YEAR = 1900 };

/* The three boxes of the date of birth screen. */
typedef enum {
  IDENT_DOB_DAY = 0,
  IDENT_DOB_MONTH,
  IDENT_DOB_YEAR,
  IDENT_DOB_NO_BOX,        /* none: the date is complete and right, or none is being typed */
} ident_dob_box_t;

/* What is wrong with a typed date of birth, each told to the person in
 * its own words; the first found in this order of the checks (a wrong value
 * before a box left empty). */
typedef enum {
  IDENT_DOB_OK = 0,
  IDENT_DOB_NOT_DIGITS,    /* a box holds something other than digits (never from the keypad) */
  IDENT_DOB_BAD_DAY,       /* the day is 0 or above 31 */
  IDENT_DOB_BAD_MONTH,     /* the month is 0 or above 12 */
  IDENT_DOB_TOO_EARLY,     /* the year is before IDENT_DOB_EARLIEST_YEAR */
  IDENT_DOB_FUTURE,        /* after today (a year after this one, at once) */
  IDENT_DOB_NO_SUCH_DAY,   /* a day that month never has: 31 April, 30 February */
  IDENT_DOB_NOT_LEAP,      /* 29 February in a year that was not a leap year */
  IDENT_DOB_EMPTY,         /* a box is empty (only once the person says the date is done) */
  IDENT_DOB_YEAR_SHORT,    /* the year has fewer than 4 digits (likewise) */
} ident_dob_problem_t;

/* The answer of ident_dob_check(). */
typedef struct {
  ident_dob_problem_t problem;
  ident_dob_box_t box;     /* the box to mark and move to (IDENT_DOB_NO_BOX when OK or
                            * nothing is wrong yet) */
  int month_days;          /* IDENT_DOB_NO_SUCH_DAY: the days that month has (28 for
                            * February in a year known not to be leap, else 29) */
  char iso[11];            /* "YYYY-MM-DD" when the date is complete and OK, else "" */
} ident_dob_check_t;

/* Check a date of birth as typed in its three boxes (digits only; day and
 * month of 1 or 2 digits, the year of 4), against today ("YYYY-MM-DD", the
 * kiosk's local date, passed in so the rule is testable; a today that is not
 * a date switches the future check off rather than refuse everyone).
 *
 * typing is the box the person is typing in, or IDENT_DOB_NO_BOX when they
 * have said the date is done (Next). While typing, empty boxes are not yet a
 * problem and the box being typed is judged only once it is full (a day "3"
 * may still become "31"), so an impossible date is refused on the spot, as
 * soon as it is certain: "32" the moment it is typed, 31 April once the
 * month is in, 29 February 1957 and any date after today once the year is
 * in. When done, an empty box or a short year is a problem too. Never fails;
 * day, month and year may not be NULL. */
ident_dob_check_t ident_dob_check(const char *day, const char *month, const char *year,
                                  const char *today, ident_dob_box_t typing);

/* ---- what "Try again" keeps ---- */

/* After a failed try made with facts (IDENT_FACT_* bits of its look-up):
 * which facts are worth keeping for the next try, and which one to ask again
 * (one IDENT_FACT_* bit; the screen to go back to). The rule: keep what the
 * look-up showed to be right, and the date of birth, which was checked as a
 * date and is the most tiring to type; ask again what was most likely
 * wrong:
 *  - date of birth and family name found no one: keep the date of birth,
 *    ask the family name again (the date stays one Back away, to check);
 *  - the postcode did not settle several people with that date of birth and
 *    family name: both were right, ask the postcode again;
 *  - a barcode with a date of birth that is not on record: the barcode was
 *    read by a machine, ask the date of birth again.
 * Anything else (no look-up made) keeps nothing and asks the date of birth. */
typedef struct {
  unsigned keep;  /* IDENT_FACT_* bits */
  unsigned ask;   /* one IDENT_FACT_* bit */
} ident_retry_t;

ident_retry_t ident_retry(unsigned facts);

/* ---- the lockout ---- */

/* The rule, in milliseconds. attempts may be any positive number: the
 * state below counts without keeping one entry per failure. */
typedef struct {
  uint32_t attempts;      /* failed tries that pause identification */
  int64_t window_ms;      /* within this long */
  int64_t pause_ms;       /* for this long */
} ident_policy_t;

/* The rule from cfg's [kiosk] lockout_attempts, lockout_window_s and
 * lockout_pause_s; a value of 0 or less takes the documented default
 * (5 tries, 600 s, 120 s). */
ident_policy_t ident_policy_from_config(const config_t *cfg);

/* Failures are counted in IDENT_BUCKETS buckets of window_ms / IDENT_BUCKETS
 * (rounded up) each: a failure counts for at least window_ms and at most one
 * bucket longer, so the pause comes never later than the rule says and at
 * most one bucket (under 2 % of the window) earlier. */
enum { IDENT_BUCKETS = 64 };

/* The lockout state: counts and times only. Times are in the caller's
 * clock (the kiosk's monotonic milliseconds); ident_lockout_rebase() moves
 * them to another clock (wall-clock for saving, and back). A zeroed struct
 * is the empty state. */
typedef struct {
  int64_t bucket_ms;                /* width of a bucket; 0 until first used */
  int64_t newest_start_ms;          /* when the newest bucket began */
  uint32_t counts[IDENT_BUCKETS];   /* [0] newest ... [IDENT_BUCKETS-1] oldest */
  int64_t locked_until_ms;          /* paused before this time (0: not paused) */
  bool pending;                     /* a try was charged and is not resolved yet */
  int64_t pending_ms;               /* when it was charged */
} ident_lockout_t;

/* True while identification is paused at now_ms. */
bool ident_lockout_locked(const ident_lockout_t *l, int64_t now_ms);

/* Milliseconds of pause left at now_ms (0 when not paused). */
int64_t ident_lockout_remaining_ms(const ident_lockout_t *l, int64_t now_ms);

/* Failures counted at now_ms (the pending try included). */
uint32_t ident_lockout_failures(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms);

/* A try begins: its first look-up is about to be made. It is charged as a
 * failure now (so a try abandoned in any way, a restart included, has
 * counted); a second call before it is resolved charges nothing. */
void ident_lockout_charge(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms);

/* The try ended in a confirmed person: its charge is taken back. */
void ident_lockout_refund(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms);

/* The try ended without a confirmed person (charged now if it was not
 * already). Returns true when this failure paused identification: the
 * counts are then cleared and the pause runs to now_ms + pause_ms. */
bool ident_lockout_fail(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms);

/* Move every time in l by delta_ms (another clock: saved states are kept in
 * wall-clock milliseconds). */
void ident_lockout_rebase(ident_lockout_t *l, int64_t delta_ms);

/* Make a restored (already rebased) state safe to use at now_ms under p:
 * a try left pending by a restart is resolved as a failure (returns true
 * when that paused identification), times in the future are brought back to
 * now (a clock that went back), a pause is never longer than p->pause_ms,
 * and counts kept with another window are all kept, as new. */
bool ident_lockout_restore(ident_lockout_t *l, const ident_policy_t *p, int64_t now_ms);

/* ---- barcodes ---- */

enum {
  IDENT_SCAN_MAX = 96,        /* longest scan kept; longer ones are not an NHS number */
  IDENT_SCAN_BURST_MIN = 10,  /* keys in one burst that only a scanner types */
  IDENT_SCAN_GAP_DEFAULT_MS = 100,
};

/* Keys from a keyboard-wedge scanner, being assembled. A scanner types a
 * code's characters a few milliseconds apart, then usually Enter or Tab;
 * a person is far slower (nobody types ten digits in 300 ms). */
typedef struct {
  char text[IDENT_SCAN_MAX + 1];
  size_t len;
  bool too_long;            /* more keys came than text holds */
  int64_t last_key_ms;
} ident_scan_t;

typedef enum {
  IDENT_KEY_HELD = 0,       /* part of a scan in progress */
  IDENT_KEY_SCANNED,        /* a terminator ended a scan: it is in out */
  IDENT_KEY_PASS,           /* not for the scanner: handle it as a key */
} ident_key_t;

/* One key: printable ASCII (letters, digits, space, punctuation) is held;
 * '\n' (Enter, keypad Enter) or '\t' (Tab) ends a scan when keys are held
 * (IDENT_KEY_SCANNED, the scan copied to out and the buffer wiped) and is
 * passed on when none are; anything else is passed on. Call
 * ident_scan_expire() first: keys held from before a gap are not part of
 * this scan. */
ident_key_t ident_scan_key(ident_scan_t *s, int key, int64_t now_ms, char *out, size_t outlen);

/* What a gap did to the keys held. */
typedef enum {
  IDENT_STALE_NONE = 0,     /* nothing held, or the last key is recent */
  IDENT_STALE_KEYS,         /* a few keys then silence: a stray key or a person typing */
  IDENT_STALE_SCAN,         /* a burst of IDENT_SCAN_BURST_MIN keys or more with no
                             * terminator: a scanner set up without a suffix */
} ident_stale_t;

/* When more than max_gap_ms has passed since the last key held, take the
 * held keys out (copied to out, the buffer wiped) and say what they were. */
ident_stale_t ident_scan_expire(ident_scan_t *s, int64_t now_ms, int64_t max_gap_ms, char *out,
                                size_t outlen);

/* When ident_scan_expire() will next have something to do (-1: nothing held). */
int64_t ident_scan_deadline(const ident_scan_t *s, int64_t max_gap_ms);

/* Wipe the held keys. */
void ident_scan_clear(ident_scan_t *s);

typedef enum {
  IDENT_BARCODE_NHS = 0,    /* one valid NHS number found */
  IDENT_BARCODE_UNREADABLE, /* no NHS number in it, or two different ones */
} ident_barcode_t;

/* Find the NHS number in what a scanner typed. Accepted around it: spaces
 * or dashes between its digits (943 476 5919, 943-476-5919), a label
 * ("NHS No: ", "NHS number ", "Rhif GIG: "), a symbology identifier
 * ("]C0", "]A0", "]Q1"...), and other text or numbers that are not 10 digits
 * with a valid Modulus 11 check digit (rules_nhs_number). nhs receives the
 * 10 digits on success and "" otherwise. */
ident_barcode_t ident_barcode_parse(const char *scanned, char nhs[11]);

#endif
