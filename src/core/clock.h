/*
 * Wall-clock time as the kiosk writes it: UTC ISO 8601 text. The
 * environment variable ALLWEDD_NOW ("YYYY-MM-DDTHH:MM:SSZ") fixes the clock
 * for tests and demonstrations.
 */
#ifndef ALLWEDD_CLOCK_H
#define ALLWEDD_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Now, as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_now_utc(char out[21]);

/* Today (UTC), as "YYYY-MM-DD". */
void clock_today(char out[11]);

/* Now as seconds since the epoch (honours ALLWEDD_NOW). */
time_t clock_now(void);

/* Parse "YYYY-MM-DDTHH:MM:SSZ" to seconds since the epoch; -1 if malformed. */
time_t clock_parse_utc(const char *text);

/* A monotonic clock in milliseconds, for durations and timeouts. */
int64_t clock_monotonic_ms(void);

#endif
