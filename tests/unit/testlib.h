/*
 * A tiny test harness in the spirit of PAPPL's testsuite.h: each check prints
 * one line to stdout (what ctest shows with --output-on-failure) and
 * test_summary() prints "N passed, N failed" and returns the exit status.
 */
#ifndef ALLWEDD_TESTLIB_H
#define ALLWEDD_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int testlib_passed, testlib_failed;

/* Record one check; print it only when it fails, unless ALLWEDD_TEST_VERBOSE. */
static inline int testlib_check(int ok, const char *file, int line, const char *what)
{
  if (ok)
    testlib_passed++;
  else
    testlib_failed++;
  if (!ok || getenv("ALLWEDD_TEST_VERBOSE"))
    printf("%s %s:%d: %s\n", ok ? "ok  " : "FAIL", file, line, what);
  return ok;
}

#define CHECK(cond) testlib_check(!!(cond), __FILE__, __LINE__, #cond)

#define CHECK_STR(got, want)                                                       \
  do {                                                                             \
    const char *got_ = (got), *want_ = (want);                                     \
    if (!testlib_check(got_ && want_ && strcmp(got_, want_) == 0, __FILE__,        \
                       __LINE__, #got " == " #want))                               \
      printf("      got  \"%s\"\n      want \"%s\"\n", got_ ? got_ : "(null)",    \
             want_ ? want_ : "(null)");                                            \
  } while (0)

#define CHECK_INT(got, want)                                                       \
  do {                                                                             \
    long long got_ = (long long)(got), want_ = (long long)(want);                  \
    if (!testlib_check(got_ == want_, __FILE__, __LINE__, #got " == " #want))      \
      printf("      got  %lld\n      want %lld\n", got_, want_);                   \
  } while (0)

/* Print a section heading so the ctest log reads as a story. */
#define TEST_SECTION(name) printf("-- %s\n", name)

/* Print the closing line and return the process exit status. */
static inline int test_summary(void)
{
  printf("%d passed, %d failed\n", testlib_passed, testlib_failed);
  return testlib_failed ? 1 : 0;
}

#endif
