/*
 * Tests of the identification policy (src/core/ident.c): the two-facts
 * rule's decisions, the lockout for every attempts value the configuration
 * allows and far beyond (the old fixed list of 64 failure times switched the
 * lockout off above 64), charge and refund of a try, saving across a clock
 * change and a restart, the scanner's key assembly (Enter, Tab, a stray key,
 * a scanner without a suffix) and finding the NHS number inside what
 * scanners and letters send.
 */
#include <stdio.h>
#include <string.h>

#include "core/ident.h"
#include "testlib.h"

/* The two facts, and what each look-up result means. */
static void test_rule(void)
{
  TEST_SECTION("two facts before any look-up");
  CHECK(!ident_facts_enough(0));
  CHECK(!ident_facts_enough(IDENT_FACT_DOB));
  CHECK(!ident_facts_enough(IDENT_FACT_FAMILY_NAME | IDENT_FACT_POSTCODE));
  CHECK(!ident_facts_enough(IDENT_FACT_NHS_BARCODE | IDENT_FACT_POSTCODE));
  CHECK(ident_facts_enough(IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME));
  CHECK(ident_facts_enough(IDENT_FACT_DOB | IDENT_FACT_NHS_BARCODE));
  CHECK_INT(ident_decide(IDENT_FACT_DOB, IDENT_LOOKUP_ONE), IDENT_NEED_MORE);

  TEST_SECTION("outcomes: one, none, several, store fault");
  unsigned name = IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME;
  unsigned postcode = name | IDENT_FACT_POSTCODE;
  unsigned barcode = IDENT_FACT_DOB | IDENT_FACT_NHS_BARCODE;
  CHECK_INT(ident_decide(name, IDENT_LOOKUP_ONE), IDENT_CONFIRM);
  CHECK_INT(ident_decide(name, IDENT_LOOKUP_NONE), IDENT_FAILED);
  CHECK_INT(ident_decide(name, IDENT_LOOKUP_SEVERAL), IDENT_ASK_POSTCODE);
  CHECK_INT(ident_decide(name, IDENT_LOOKUP_FAULT), IDENT_STORE_FAULT);
  CHECK_INT(ident_decide(postcode, IDENT_LOOKUP_ONE), IDENT_CONFIRM);
  CHECK_INT(ident_decide(postcode, IDENT_LOOKUP_SEVERAL), IDENT_FAILED); /* like no match */
  CHECK_INT(ident_decide(postcode, IDENT_LOOKUP_NONE), IDENT_FAILED);
  CHECK_INT(ident_decide(postcode, IDENT_LOOKUP_FAULT), IDENT_STORE_FAULT);
  CHECK_INT(ident_decide(barcode, IDENT_LOOKUP_ONE), IDENT_CONFIRM);
  CHECK_INT(ident_decide(barcode, IDENT_LOOKUP_SEVERAL), IDENT_FAILED);
  CHECK_INT(ident_decide(barcode, IDENT_LOOKUP_FAULT), IDENT_STORE_FAULT);
  CHECK_INT(ident_barcode_lookup(true, "1956-04-18", "1956-04-18"), IDENT_LOOKUP_ONE);
  CHECK_INT(ident_barcode_lookup(true, "1956-04-18", "1956-04-19"), IDENT_LOOKUP_NONE);
  CHECK_INT(ident_barcode_lookup(false, "", "1956-04-18"), IDENT_LOOKUP_NONE);
}

/* fail() n times, spaced step_ms apart from t; true when the last paused
 * and none before it did. */
static bool fails_lock_at_last(ident_lockout_t *l, const ident_policy_t *p, int64_t *t,
                               uint32_t n, int64_t step_ms)
{
  for (uint32_t i = 0; i < n; i++) {
    bool locked = ident_lockout_fail(l, p, *t);
    if (locked != (i + 1 == n)) {
      printf("      attempts %u window %lld: failure %u %s\n", p->attempts,
             (long long)p->window_ms, i + 1, locked ? "paused too early" : "did not pause");
      return false;
    }
    if (i + 1 < n)
      *t += step_ms;
  }
  return true;
}

/* The lockout for every attempts value and window. */
static void test_lockout_any_count(void)
{
  TEST_SECTION("the pause comes at exactly `attempts` failures in the window, any count");
  static const uint32_t attempts[] = {1, 2, 3, 5, 63, 64, 65, 100, 101, 500, 999, 1000, 100000};
  static const int64_t windows_s[] = {10, 600, 3600, 86400};
  int bad = 0, cases = 0;
  for (size_t a = 0; a < sizeof attempts / sizeof attempts[0]; a++)
    for (size_t w = 0; w < sizeof windows_s / sizeof windows_s[0]; w++) {
      ident_policy_t p = {attempts[a], windows_s[w] * 1000, 120 * 1000};
      ident_lockout_t l;
      memset(&l, 0, sizeof l);
      int64_t t = 5000000;
      /* Spread over the whole window: the first and the last are less than
       * window_ms apart, so all of them count. */
      int64_t step = attempts[a] > 1 ? (p.window_ms - 1) / (attempts[a] - 1) : 0;
      cases++;
      if (!fails_lock_at_last(&l, &p, &t, attempts[a], step)) {
        bad++;
        continue;
      }
      if (!ident_lockout_locked(&l, t) || ident_lockout_remaining_ms(&l, t) != p.pause_ms ||
          !ident_lockout_locked(&l, t + p.pause_ms - 1) || ident_lockout_locked(&l, t + p.pause_ms))
        bad++;
      /* After the pause the count starts again from nothing. */
      if (ident_lockout_failures(&l, &p, t + p.pause_ms) != 0)
        bad++;
    }
  printf("   %d cases\n", cases);
  CHECK_INT(bad, 0);

  TEST_SECTION("failures older than the window (plus one bucket) are forgotten");
  for (size_t w = 0; w < sizeof windows_s / sizeof windows_s[0]; w++) {
    ident_policy_t p = {5, windows_s[w] * 1000, 120 * 1000};
    int64_t bucket = (p.window_ms + IDENT_BUCKETS - 1) / IDENT_BUCKETS;
    ident_lockout_t l;
    memset(&l, 0, sizeof l);
    int64_t t0 = 777777;
    for (int i = 0; i < 4; i++)
      CHECK(!ident_lockout_fail(&l, &p, t0));
    CHECK_INT(ident_lockout_failures(&l, &p, t0 + p.window_ms - 1), 4); /* still in the window */
    CHECK_INT(ident_lockout_failures(&l, &p, t0 + p.window_ms + bucket), 0);
    CHECK(!ident_lockout_fail(&l, &p, t0 + p.window_ms + bucket));
    /* Never forgotten early: the 5th just inside the window pauses. */
    memset(&l, 0, sizeof l);
    for (int i = 0; i < 4; i++)
      ident_lockout_fail(&l, &p, t0);
    CHECK(ident_lockout_fail(&l, &p, t0 + p.window_ms - 1));
  }
}

/* A try is charged at its first look-up and refunded only when confirmed. */
static void test_charge_refund(void)
{
  TEST_SECTION("charge and refund");
  ident_policy_t p = {3, 600 * 1000, 120 * 1000};
  ident_lockout_t l;
  memset(&l, 0, sizeof l);
  int64_t t = 1000;
  ident_lockout_charge(&l, &p, t);
  CHECK(l.pending);
  CHECK_INT(ident_lockout_failures(&l, &p, t), 1);
  ident_lockout_charge(&l, &p, t + 10); /* the postcode look-up: same try */
  CHECK_INT(ident_lockout_failures(&l, &p, t + 10), 1);
  ident_lockout_refund(&l, &p, t + 200000); /* confirmed minutes later, buckets on */
  CHECK(!l.pending);
  CHECK_INT(ident_lockout_failures(&l, &p, t + 200000), 0);
  TEST_SECTION("a charged try that fails counts once");
  t += 300000;
  ident_lockout_charge(&l, &p, t);
  CHECK(!ident_lockout_fail(&l, &p, t + 5));
  CHECK_INT(ident_lockout_failures(&l, &p, t + 5), 1);
  TEST_SECTION("a charged try never pauses by itself: only its failure does");
  ident_lockout_fail(&l, &p, t + 6);
  ident_lockout_charge(&l, &p, t + 7); /* the third try: the right person */
  CHECK(!ident_lockout_locked(&l, t + 7));
  ident_lockout_refund(&l, &p, t + 8);
  CHECK_INT(ident_lockout_failures(&l, &p, t + 8), 2);
  ident_lockout_charge(&l, &p, t + 9);
  CHECK(ident_lockout_fail(&l, &p, t + 10)); /* "No, that is not me" */
  CHECK(ident_lockout_locked(&l, t + 11));
  TEST_SECTION("a clock that went back: the refund still finds its charge");
  memset(&l, 0, sizeof l);
  ident_lockout_fail(&l, &p, 900000);
  ident_lockout_charge(&l, &p, 100);
  ident_lockout_refund(&l, &p, 200);
  CHECK_INT(ident_lockout_failures(&l, &p, 900000), 1);
  TEST_SECTION("refund after the charge has fallen off changes nothing");
  memset(&l, 0, sizeof l);
  ident_lockout_charge(&l, &p, t);
  ident_lockout_refund(&l, &p, t + 2 * p.window_ms);
  CHECK_INT(ident_lockout_failures(&l, &p, t + 2 * p.window_ms), 0);
}

/* Saved in wall-clock time, restored after a restart. */
static void test_save_restore(void)
{
  TEST_SECTION("a pause survives a restart (rebased to wall time and back)");
  ident_policy_t p = {2, 600 * 1000, 120 * 1000};
  ident_lockout_t l, saved;
  memset(&l, 0, sizeof l);
  int64_t mono = 50000, wall = 1795000000000LL;
  ident_lockout_fail(&l, &p, mono);
  CHECK(ident_lockout_fail(&l, &p, mono + 1000));
  saved = l;
  ident_lockout_rebase(&saved, wall - mono);
  CHECK_INT(saved.locked_until_ms, wall + 1000 + 120000);
  /* The kiosk restarts 30 s later: its monotonic clock began again at 7 s. */
  int64_t mono2 = 7000, wall2 = wall + 1000 + 30000;
  ident_lockout_t back = saved;
  ident_lockout_rebase(&back, mono2 - wall2);
  CHECK(!ident_lockout_restore(&back, &p, mono2));
  CHECK(ident_lockout_locked(&back, mono2));
  CHECK_INT(ident_lockout_remaining_ms(&back, mono2), 90000);

  TEST_SECTION("failures counted before a restart still count");
  memset(&l, 0, sizeof l);
  ident_lockout_fail(&l, &p, mono);
  saved = l;
  ident_lockout_rebase(&saved, wall - mono);
  back = saved;
  ident_lockout_rebase(&back, mono2 - (wall + 5000));
  CHECK(!ident_lockout_restore(&back, &p, mono2));
  CHECK_INT(ident_lockout_failures(&back, &p, mono2), 1);
  CHECK(ident_lockout_fail(&back, &p, mono2 + 1));

  TEST_SECTION("a try left open by a restart is a failure");
  memset(&l, 0, sizeof l);
  ident_lockout_fail(&l, &p, mono);
  ident_lockout_charge(&l, &p, mono + 10);
  back = l;
  CHECK(ident_lockout_restore(&back, &p, mono + 20));
  CHECK(!back.pending && ident_lockout_locked(&back, mono + 20));

  TEST_SECTION("a clock that went back cannot make the pause longer");
  memset(&l, 0, sizeof l);
  l.locked_until_ms = mono + 10LL * 24 * 3600 * 1000;
  l.bucket_ms = (p.window_ms + IDENT_BUCKETS - 1) / IDENT_BUCKETS;
  l.newest_start_ms = mono + 3600 * 1000;
  l.counts[0] = 1;
  ident_lockout_restore(&l, &p, mono);
  CHECK_INT(ident_lockout_remaining_ms(&l, mono), p.pause_ms);
  CHECK_INT(ident_lockout_failures(&l, &p, mono), 1);

  TEST_SECTION("a new window keeps every failure counted");
  ident_policy_t wider = {2, 3600 * 1000, 120 * 1000};
  memset(&l, 0, sizeof l);
  ident_lockout_fail(&l, &p, mono);
  CHECK(!ident_lockout_restore(&l, &wider, mono + 1000));
  CHECK_INT(ident_lockout_failures(&l, &wider, mono + 1000), 1);
  CHECK(ident_lockout_fail(&l, &wider, mono + 2000));
}

/* Type keys as a scanner (gap_ms apart) from t; returns the last kind. */
static ident_key_t type_keys(ident_scan_t *s, const char *keys, int64_t *t, int64_t gap_ms,
                             char *out, size_t outlen)
{
  ident_key_t k = IDENT_KEY_PASS;
  for (const char *p = keys; *p; p++) {
    char stale[IDENT_SCAN_MAX + 1];
    ident_scan_expire(s, *t, IDENT_SCAN_GAP_DEFAULT_MS, stale, sizeof stale);
    k = ident_scan_key(s, *p, *t, out, outlen);
    *t += gap_ms;
  }
  return k;
}

/* The scanner's keys become scans. */
static void test_scan_keys(void)
{
  char out[IDENT_SCAN_MAX + 1], stale[IDENT_SCAN_MAX + 1];
  ident_scan_t s;
  int64_t t = 1000;
  ident_scan_clear(&s);
  TEST_SECTION("Enter, keypad Enter (also '\\n') and Tab end a scan");
  CHECK_INT(type_keys(&s, "9434765919\n", &t, 5, out, sizeof out), IDENT_KEY_SCANNED);
  CHECK_STR(out, "9434765919");
  CHECK_INT(s.len, 0);
  CHECK_INT(type_keys(&s, "943 476 5919\t", &t, 5, out, sizeof out), IDENT_KEY_SCANNED);
  CHECK_STR(out, "943 476 5919");
  TEST_SECTION("Enter with nothing held is an ordinary key");
  CHECK_INT(ident_scan_key(&s, '\n', t, out, sizeof out), IDENT_KEY_PASS);
  CHECK_INT(ident_scan_key(&s, '\b', t, out, sizeof out), IDENT_KEY_PASS);
  TEST_SECTION("a stray key, then a gap, then a good scan");
  CHECK_INT(ident_scan_key(&s, '7', t, out, sizeof out), IDENT_KEY_HELD);
  CHECK_INT(ident_scan_deadline(&s, 100), t + 101);
  CHECK_INT(ident_scan_expire(&s, t + 100, 100, stale, sizeof stale), IDENT_STALE_NONE);
  CHECK_INT(ident_scan_expire(&s, t + 101, 100, stale, sizeof stale), IDENT_STALE_KEYS);
  CHECK_STR(stale, "7");
  CHECK_INT(ident_scan_deadline(&s, 100), -1);
  t += 3000;
  CHECK_INT(type_keys(&s, "9434765919\n", &t, 5, out, sizeof out), IDENT_KEY_SCANNED);
  CHECK_STR(out, "9434765919");
  TEST_SECTION("a scanner with no suffix: a burst of ten keys, then silence");
  CHECK_INT(type_keys(&s, "9434765919", &t, 5, out, sizeof out), IDENT_KEY_HELD);
  CHECK_INT(ident_scan_expire(&s, t + 200, 100, stale, sizeof stale), IDENT_STALE_SCAN);
  CHECK_STR(stale, "9434765919");
  TEST_SECTION("a scan far too long is held no further and comes out empty");
  char longer[300];
  memset(longer, '1', sizeof longer - 2);
  longer[sizeof longer - 2] = '\n';
  longer[sizeof longer - 1] = '\0';
  CHECK_INT(type_keys(&s, longer, &t, 2, out, sizeof out), IDENT_KEY_SCANNED);
  CHECK_STR(out, "");
}

/* The NHS number in what scanners and letters send. */
static void test_barcode_parse(void)
{
  static const struct { const char *scanned, *nhs; } cases[] = {
    {"9434765919", "9434765919"},
    {"943 476 5919", "9434765919"},
    {"943-476-5919", "9434765919"},
    {"943 - 476 - 5919", "9434765919"},
    {"NHS No: 943 476 5919", "9434765919"},
    {"NHS NO. 9434765919", "9434765919"},
    {"NHS Number:9434765919", "9434765919"},
    {"Rhif GIG: 943 476 5919", "9434765919"},
    {"]C09434765919", "9434765919"},
    {"]A0943-476-5919", "9434765919"},
    {"]Q1NHS 943 476 5919", "9434765919"},
    {"Appt 12/03/2027 NHS 943 476 5919 Clinic 4", "9434765919"},
    {"12 943 476 5919", "9434765919"},
    {"9434765919 9434765919", "9434765919"}, /* the same number twice */
    {"9992232684 1956", "9992232684"},
    /* Not an NHS number: */
    {"9434765918", ""},        /* check digit wrong */
    {"94347659190", ""},       /* eleven digits */
    {"19434765919", ""},
    {"5012345678900", ""},     /* an EAN-13 product code */
    {"943476591", ""},         /* nine digits */
    {"APPT-2027-XYZ", ""},
    {"", ""},
    {"]C0", ""},
    {"9434765919 9992232684", ""}, /* two different people */
  };
  TEST_SECTION("the NHS number inside what scanners and letters send");
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char nhs[11] = "x";
    ident_barcode_t r = ident_barcode_parse(cases[i].scanned, nhs);
    bool ok = cases[i].nhs[0] ? r == IDENT_BARCODE_NHS && !strcmp(nhs, cases[i].nhs)
                              : r == IDENT_BARCODE_UNREADABLE && nhs[0] == '\0';
    if (!testlib_check(ok, __FILE__, __LINE__, "barcode parse"))
      printf("      \"%s\" gave %d \"%s\", want \"%s\"\n", cases[i].scanned, (int)r, nhs,
             cases[i].nhs);
  }
  char nhs[11];
  CHECK_INT(ident_barcode_parse(NULL, nhs), IDENT_BARCODE_UNREADABLE);
}

/* One typed date: its problem and the box marked. */
static bool dob_is(const char *d, const char *m, const char *y, ident_dob_box_t typing,
                   ident_dob_problem_t want, ident_dob_box_t want_box)
{
  ident_dob_check_t c = ident_dob_check(d, m, y, "2026-11-29", typing);
  bool iso_ok = want == IDENT_DOB_OK && typing == IDENT_DOB_NO_BOX ? c.iso[0] != 0 : !c.iso[0];
  if (c.problem == want && c.box == want_box && iso_ok)
    return true;
  printf("      %s/%s/%s typing %d: problem %d box %d, want %d box %d\n", d, m, y, (int)typing,
         (int)c.problem, (int)c.box, (int)want, (int)want_box);
  return false;
}

/* The date of birth refused on the spot, with the reason and the box. */
static void test_dob(void)
{
  const ident_dob_box_t done = IDENT_DOB_NO_BOX;
  TEST_SECTION("date of birth: right dates, leap years included");
  CHECK(dob_is("18", "04", "1956", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX));
  CHECK(dob_is("3", "7", "1961", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX));
  ident_dob_check_t c = ident_dob_check("3", "7", "1961", "2026-11-29", done);
  CHECK_STR(c.iso, "1961-07-03");
  CHECK(dob_is("29", "02", "1960", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* leap */
  CHECK(dob_is("29", "02", "2000", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* 400: leap */
  CHECK(dob_is("01", "01", "1900", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* the earliest */
  CHECK(dob_is("29", "11", "2026", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* born today */
  CHECK(dob_is("31", "12", "1999", done, IDENT_DOB_OK, IDENT_DOB_NO_BOX));

  TEST_SECTION("date of birth: impossible dates, each with its reason and box");
  CHECK(dob_is("31", "02", "1950", done, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("30", "02", "1960", done, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("31", "04", "1950", done, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("31", "11", "1950", done, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("29", "02", "1957", done, IDENT_DOB_NOT_LEAP, IDENT_DOB_DAY));
  CHECK(dob_is("29", "02", "1900", done, IDENT_DOB_NOT_LEAP, IDENT_DOB_DAY)); /* 100: not leap */
  CHECK(dob_is("32", "01", "1950", done, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("00", "01", "1950", done, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("0", "01", "1950", done, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("12", "13", "1950", done, IDENT_DOB_BAD_MONTH, IDENT_DOB_MONTH));
  CHECK(dob_is("12", "00", "1950", done, IDENT_DOB_BAD_MONTH, IDENT_DOB_MONTH));
  CHECK(dob_is("12", "05", "1890", done, IDENT_DOB_TOO_EARLY, IDENT_DOB_YEAR));
  CHECK(dob_is("31", "12", "1899", done, IDENT_DOB_TOO_EARLY, IDENT_DOB_YEAR));
  CHECK(dob_is("12", "05", "2031", done, IDENT_DOB_FUTURE, IDENT_DOB_YEAR));
  CHECK(dob_is("30", "11", "2026", done, IDENT_DOB_FUTURE, IDENT_DOB_YEAR)); /* tomorrow */
  CHECK(dob_is("01", "12", "2026", done, IDENT_DOB_FUTURE, IDENT_DOB_YEAR));
  c = ident_dob_check("31", "04", "1950", "2026-11-29", done);
  CHECK(c.month_days == 30 && !c.iso[0]);
  c = ident_dob_check("30", "02", "1957", "2026-11-29", done);
  CHECK_INT(c.month_days, 28);
  c = ident_dob_check("30", "02", "1956", "2026-11-29", done);
  CHECK_INT(c.month_days, 29);
  c = ident_dob_check("30", "02", "", "2026-11-29", IDENT_DOB_YEAR);
  CHECK_INT(c.month_days, 29); /* the year not yet known */

  TEST_SECTION("date of birth: incomplete, once the person says it is done");
  CHECK(dob_is("", "04", "1956", done, IDENT_DOB_EMPTY, IDENT_DOB_DAY));
  CHECK(dob_is("18", "", "1956", done, IDENT_DOB_EMPTY, IDENT_DOB_MONTH));
  CHECK(dob_is("18", "04", "", done, IDENT_DOB_EMPTY, IDENT_DOB_YEAR));
  CHECK(dob_is("", "", "", done, IDENT_DOB_EMPTY, IDENT_DOB_DAY));
  CHECK(dob_is("18", "04", "56", done, IDENT_DOB_YEAR_SHORT, IDENT_DOB_YEAR));
  CHECK(dob_is("18", "04", "195", done, IDENT_DOB_YEAR_SHORT, IDENT_DOB_YEAR));
  /* A wrong value is told before a box left empty. */
  CHECK(dob_is("31", "02", "", done, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("", "", "2031", done, IDENT_DOB_FUTURE, IDENT_DOB_YEAR));

  TEST_SECTION("date of birth: on the spot while typing, only what is certain");
  CHECK(dob_is("", "", "", IDENT_DOB_DAY, IDENT_DOB_OK, IDENT_DOB_NO_BOX));
  CHECK(dob_is("3", "", "", IDENT_DOB_DAY, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* may be 31 */
  CHECK(dob_is("0", "", "", IDENT_DOB_DAY, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* may be 05 */
  CHECK(dob_is("0", "", "", IDENT_DOB_MONTH, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY)); /* left as 0 */
  CHECK(dob_is("35", "", "", IDENT_DOB_DAY, IDENT_DOB_BAD_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("31", "1", "", IDENT_DOB_MONTH, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* may be 12 */
  CHECK(dob_is("31", "04", "", IDENT_DOB_YEAR, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("31", "02", "", IDENT_DOB_YEAR, IDENT_DOB_NO_SUCH_DAY, IDENT_DOB_DAY));
  CHECK(dob_is("29", "02", "", IDENT_DOB_YEAR, IDENT_DOB_OK, IDENT_DOB_NO_BOX)); /* year unknown */
  CHECK(dob_is("29", "02", "195", IDENT_DOB_YEAR, IDENT_DOB_OK, IDENT_DOB_NO_BOX));
  CHECK(dob_is("29", "02", "1957", IDENT_DOB_YEAR, IDENT_DOB_NOT_LEAP, IDENT_DOB_DAY));
  CHECK(dob_is("12", "19", "", IDENT_DOB_YEAR, IDENT_DOB_BAD_MONTH, IDENT_DOB_MONTH));
  CHECK(dob_is("", "", "1890", IDENT_DOB_YEAR, IDENT_DOB_TOO_EARLY, IDENT_DOB_YEAR));
  CHECK(dob_is("", "", "2027", IDENT_DOB_YEAR, IDENT_DOB_FUTURE, IDENT_DOB_YEAR));
  CHECK(dob_is("18", "04", "1956", IDENT_DOB_YEAR, IDENT_DOB_OK, IDENT_DOB_NO_BOX));

  TEST_SECTION("date of birth: not digits, and a today that is not a date");
  CHECK(dob_is("1a", "04", "1956", done, IDENT_DOB_NOT_DIGITS, IDENT_DOB_DAY));
  CHECK(dob_is("18", "004", "1956", done, IDENT_DOB_NOT_DIGITS, IDENT_DOB_MONTH));
  c = ident_dob_check("18", "04", "2031", "", done);
  CHECK_INT(c.problem, IDENT_DOB_OK); /* no clock: never refuse the person for it */
  c = ident_dob_check("18", "04", "2031", NULL, done);
  CHECK_INT(c.problem, IDENT_DOB_OK);
}

/* What "Try again" keeps and asks again. */
static void test_retry(void)
{
  TEST_SECTION("Try again keeps what was right, asks again what was wrong");
  ident_retry_t r = ident_retry(IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME);
  CHECK_INT(r.keep, IDENT_FACT_DOB);
  CHECK_INT(r.ask, IDENT_FACT_FAMILY_NAME);
  r = ident_retry(IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME | IDENT_FACT_POSTCODE);
  CHECK_INT(r.keep, IDENT_FACT_DOB | IDENT_FACT_FAMILY_NAME);
  CHECK_INT(r.ask, IDENT_FACT_POSTCODE);
  r = ident_retry(IDENT_FACT_DOB | IDENT_FACT_NHS_BARCODE);
  CHECK_INT(r.keep, IDENT_FACT_NHS_BARCODE);
  CHECK_INT(r.ask, IDENT_FACT_DOB);
  r = ident_retry(IDENT_FACT_DOB);
  CHECK_INT(r.keep, 0);
  CHECK_INT(r.ask, IDENT_FACT_DOB);
  r = ident_retry(0);
  CHECK_INT(r.keep, 0);
  CHECK_INT(r.ask, IDENT_FACT_DOB);
}

int main(void)
{
  test_rule();
  test_dob();
  test_retry();
  test_lockout_any_count();
  test_charge_refund();
  test_save_restore();
  test_scan_keys();
  test_barcode_parse();
  return test_summary();
}
