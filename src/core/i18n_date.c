/*
 * Dates in Welsh and English: "3 Mawrth 1961", "Dydd Llun 3 Mawrth 1961".
 * The month and day names are fixed by the two languages, so they live here
 * rather than in the catalogues. Only calendar dates are formatted; opening
 * hours are data and are shown as given. The date is validated by the same
 * rule as the export (rules_date), so the kiosk never prints "31 February".
 */
#include <stdio.h>
#include <time.h>

#include "core/i18n.h"
#include "core/clock.h"
#include "core/rules.h"

static const char *const i18n_months[LANG_COUNT][12] = {
  [LANG_CY] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
               "Medi", "Hydref", "Tachwedd", "Rhagfyr"},
  [LANG_EN] = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
};

static const char *const i18n_weekdays[LANG_COUNT][7] = {
  [LANG_CY] = {"Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener",
               "Dydd Sadwrn", "Dydd Sul"},
  [LANG_EN] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
};

/* The month name, 1-based. */
const char *i18n_month_name(lang_t lang, int month)
{
  if ((unsigned)lang >= LANG_COUNT || month < 1 || month > 12)
    return NULL;
  return i18n_months[lang][month - 1];
}

/* The weekday name, ISO numbering (1 Monday). */
const char *i18n_weekday_name(lang_t lang, int weekday)
{
  if ((unsigned)lang >= LANG_COUNT || weekday < 1 || weekday > 7)
    return NULL;
  return i18n_weekdays[lang][weekday - 1];
}

/* ISO weekday of a valid y-m-d (Sakamoto's method, Gregorian calendar). */
static int i18n_weekday_ymd(int y, int m, int d)
{
  static const int offset[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3)
    y -= 1;
  int sunday_based = (y + y / 4 - y / 100 + y / 400 + offset[m - 1] + d) % 7;
  return sunday_based == 0 ? 7 : sunday_based;
}

/* ISO weekday of an ISO date, 0 when it is not a date. */
int i18n_weekday_of(const char *iso_date)
{
  int y, m, d;
  const char *why = NULL;
  if (!iso_date || !rules_date(iso_date, &y, &m, &d, &why))
    return 0;
  return i18n_weekday_ymd(y, m, d);
}

/* Format a date, optionally with its weekday in front. */
static bool i18n_date_text(lang_t lang, const char *iso_date, bool weekday, char *out,
                           size_t outlen)
{
  int y, m, d;
  const char *why = NULL;
  if (outlen)
    out[0] = '\0';
  if (!iso_date || (unsigned)lang >= LANG_COUNT || !rules_date(iso_date, &y, &m, &d, &why))
    return false;
  int n;
  if (weekday)
    n = snprintf(out, outlen, "%s %d %s %d", i18n_weekday_name(lang, i18n_weekday_ymd(y, m, d)), d,
                 i18n_month_name(lang, m), y);
  else
    n = snprintf(out, outlen, "%d %s %d", d, i18n_month_name(lang, m), y);
  if (n < 0 || (size_t)n >= outlen) {
    if (outlen)
      out[0] = '\0';
    return false;
  }
  return true;
}

/* "3 March 1961" / "3 Mawrth 1961". */
bool i18n_format_date(lang_t lang, const char *iso_date, char *out, size_t outlen)
{
  return i18n_date_text(lang, iso_date, false, out, outlen);
}

/* "Monday 3 March 1961" / "Dydd Llun 3 Mawrth 1961". */
bool i18n_format_date_long(lang_t lang, const char *iso_date, char *out, size_t outlen)
{
  return i18n_date_text(lang, iso_date, true, out, outlen);
}

/* "20 November 2026, 23:05" / "20 Tachwedd 2026, 23:05" in local time. */
bool i18n_format_utc_local(lang_t lang, const char *utc_iso, char *out, size_t outlen)
{
  char day[11], date[48];
  struct tm tm;
  time_t t = utc_iso ? clock_parse_utc(utc_iso) : (time_t)-1;
  if (outlen)
    out[0] = '\0';
  if (t == (time_t)-1 || !localtime_r(&t, &tm) || !strftime(day, sizeof day, "%Y-%m-%d", &tm) ||
      !i18n_format_date(lang, day, date, sizeof date))
    return false;
  int n = snprintf(out, outlen, "%s, %02d:%02d", date, tm.tm_hour, tm.tm_min);
  if (n < 0 || (size_t)n >= outlen) {
    if (outlen)
      out[0] = '\0';
    return false;
  }
  return true;
}
