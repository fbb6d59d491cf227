/*
 * The kiosk's record of wrong staff PINs (records.staff_pin_tries), so the
 * growing pause (staff_pin.h) survives a restart of the kiosk and a power
 * cut: a try is recorded as wrong *before* the PIN is checked, and every
 * try is forgotten when a PIN is right. Only times are kept, never what
 * was typed.
 */
#ifndef ALLWEDD_STORE_STAFF_H
#define ALLWEDD_STORE_STAFF_H

#include <stdbool.h>

#include "core/store.h"

/* The audit event of a pause after wrong staff PINs (actor "staff"; the
 * detail is "failures=N pause_s=S"). `allwedd metrics` counts it. */
#define STORE_EVENT_STAFF_PIN_LOCKED "staff_pin_locked"

typedef struct {
  int failures;        /* wrong PINs since the last right one */
  char first_at[21];   /* UTC "YYYY-MM-DDTHH:MM:SSZ" of the first of them; "" when none */
  char last_at[21];    /* UTC of the latest; "" when none */
} store_staff_pin_tries_t;

/* The wrong PINs since the last right one. false with store_error(). */
bool store_staff_pin_tries(store_t *st, store_staff_pin_tries_t *out);

/* Record a try (at: UTC, as clock_now_utc() writes it) as wrong, before
 * the PIN is checked. false with store_error(). */
bool store_staff_pin_try(store_t *st, const char *at);

/* A PIN was right: forget every try, the one just recorded included.
 * false with store_error(). */
bool store_staff_pin_clear(store_t *st);

#endif
