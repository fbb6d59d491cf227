/*
 * The staff PIN's rules, apart from any screen or store: which PINs are
 * too easy to guess (refused by `allwedd staff-pin`), and how long the
 * kiosk pauses staff mode after wrong PINs. The pause grows so that a
 * stranger at the screen gets a handful of guesses an hour at most
 * (docs/security.md has the figures); the failures it counts are kept in
 * the kiosk's records (store_staff.h), so a restart forgets nothing.
 */
#ifndef ALLWEDD_STAFF_PIN_H
#define ALLWEDD_STAFF_PIN_H

#include <stdbool.h>

enum { STAFF_PIN_MIN_DIGITS = 4, STAFF_PIN_MAX_DIGITS = 12 };

/* Whether pin is acceptable as a staff PIN: 4 to 12 digits and not one a
 * stranger would try first. Refused, with a short English reason in *why
 * (never repeating the PIN): anything but digits, fewer than 4 or more than
 * 12; one digit repeated (0000); a run up or down by one (1234, 4321,
 * 0123, 7890, 3210); a short group repeated (1212, 123123, 5656). */
bool staff_pin_acceptable(const char *pin, const char **why);

/* The pause in seconds after failures wrong PINs in a row (since the last
 * right one): none before attempts failures, then first_pause_s, doubling
 * with every further failure, never more than max_pause_s. For
 * attempts 3, 30 s and 3600 s: 2 -> 0, 3 -> 30, 4 -> 60, 5 -> 120 ... 10 ->
 * 3600. Any inputs give a result in 0..max_pause_s. */
int staff_pin_pause_s(int failures, int attempts, int first_pause_s, int max_pause_s);

/* Seconds still to wait when the latest failure was at last_failure (epoch
 * seconds) and it is now: the pause minus the time since, at least 0 and
 * at most the whole pause (a clock set back never makes the wait longer
 * than one pause). */
int staff_pin_wait_s(int pause_s, long long last_failure, long long now);

#endif
