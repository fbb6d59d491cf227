/*
 * Staff PIN rules: too-easy PINs, and the growing pause after wrong ones.
 * Pure functions: no clock, no store, no screen.
 */
#include "core/staff_pin.h"

#include <string.h>

/* True when every digit is the one before it plus step (mod 10): runs such
 * as 1234, 7890 (step 1) and 4321, 3210 (step 9, i.e. down by one). */
static bool staff_pin_is_run(const char *pin, size_t n, int step)
{
  for (size_t i = 1; i < n; i++)
    if ((pin[i - 1] - '0' + step) % 10 != pin[i] - '0')
      return false;
  return true;
}

/* True when the PIN is a group of 1 to n/2 digits repeated (0000, 1212,
 * 123123, 5656). */
static bool staff_pin_is_repeat(const char *pin, size_t n)
{
  for (size_t len = 1; len <= n / 2; len++) {
    if (n % len)
      continue;
    bool same = true;
    for (size_t i = len; i < n && same; i++)
      same = pin[i] == pin[i - len];
    if (same)
      return true;
  }
  return false;
}

bool staff_pin_acceptable(const char *pin, const char **why)
{
  size_t n = pin ? strlen(pin) : 0;
  if (n > 0 && strspn(pin, "0123456789") != n) {
    *why = "a PIN is digits only";
    return false;
  }
  if (n < STAFF_PIN_MIN_DIGITS || n > STAFF_PIN_MAX_DIGITS) {
    *why = "a PIN has 4 to 12 digits";
    return false;
  }
  if (staff_pin_is_repeat(pin, n)) {
    *why = "a PIN that repeats one digit or one group of digits is guessed first";
    return false;
  }
  if (staff_pin_is_run(pin, n, 1) || staff_pin_is_run(pin, n, 9)) {
    *why = "a PIN of digits counting up or down is guessed first";
    return false;
  }
  return true;
}

int staff_pin_pause_s(int failures, int attempts, int first_pause_s, int max_pause_s)
{
  if (max_pause_s < 0)
    max_pause_s = 0;
  if (attempts < 1)
    attempts = 1;
  if (failures < attempts || first_pause_s <= 0)
    return 0;
  long long pause = first_pause_s;
  for (int extra = failures - attempts; extra > 0 && pause < max_pause_s; extra--)
    pause *= 2;
  return pause > max_pause_s ? max_pause_s : (int)pause;
}

int staff_pin_wait_s(int pause_s, long long last_failure, long long now)
{
  if (pause_s <= 0)
    return 0;
  long long since = now - last_failure;
  if (since < 0)
    since = 0;
  return since >= pause_s ? 0 : (int)(pause_s - since);
}
