/*
 * Wall clock and monotonic clock helpers.
 */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse a UTC timestamp to epoch seconds. */
time_t clock_parse_utc(const char *text)
{
  struct tm tm = {0};
  char z = 0;
  if (!text || sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                      &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
    return (time_t)-1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

time_t clock_now(void)
{
  const char *fixed = getenv("ALLWEDD_NOW");
  time_t t = fixed ? clock_parse_utc(fixed) : (time_t)-1;
  return t == (time_t)-1 ? time(NULL) : t;
}

void clock_now_utc(char out[21])
{
  time_t t = clock_now();
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_today(char out[11])
{
  char now[21];
  clock_now_utc(now);
  memcpy(out, now, 10);
  out[10] = '\0';
}

int64_t clock_monotonic_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
