/*
 * Value rules of the central export. Pure functions over strings: no I/O,
 * no allocation. Reasons are static strings and never echo the value.
 */
#include "core/rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Validate a 10-digit NHS number with spaces allowed between digits. */
bool rules_nhs_number(const char *in, char out[11], const char **why)
{
  int n = 0;
  for (const char *p = in; *p; p++) {
    if (*p == ' ')
      continue;
    if (!isdigit((unsigned char)*p)) {
      *why = "NHS number may only contain digits and spaces";
      return false;
    }
    if (n == 10) {
      *why = "NHS number has more than 10 digits";
      return false;
    }
    out[n++] = *p;
  }
  out[n] = '\0';
  if (n != 10) {
    *why = "NHS number must have 10 digits";
    return false;
  }
  int sum = 0;
  for (int i = 0; i < 9; i++)
    sum += (out[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  if (check == 10 || check != out[9] - '0') {
    *why = "NHS number check digit is wrong (Modulus 11)";
    return false;
  }
  return true;
}

/* Days in a month of a year (Gregorian). */
static int days_in_month(int year, int month)
{
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

/* Parse exactly ndigits digits at p. */
static bool parse_digits(const char *p, int ndigits, int *value)
{
  int v = 0;
  for (int i = 0; i < ndigits; i++) {
    if (!isdigit((unsigned char)p[i]))
      return false;
    v = v * 10 + (p[i] - '0');
  }
  *value = v;
  return true;
}

/* Validate a YYYY-MM-DD calendar date. */
bool rules_date(const char *in, int *year, int *month, int *day, const char **why)
{
  int y, m, d;
  if (strlen(in) != 10 || in[4] != '-' || in[7] != '-' || !parse_digits(in, 4, &y) ||
      !parse_digits(in + 5, 2, &m) || !parse_digits(in + 8, 2, &d)) {
    *why = "date must be written YYYY-MM-DD";
    return false;
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    *why = y < 1900 ? "date is before 1900-01-01" : "no such date in the calendar";
    return false;
  }
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
  return true;
}

/* Validate a date of birth against today's date. */
bool rules_date_of_birth(const char *in, const char *today, const char **why)
{
  if (!rules_date(in, NULL, NULL, NULL, why))
    return false;
  if (strcmp(in, today) > 0) {
    *why = "date of birth is in the future";
    return false;
  }
  return true;
}

/* Normalise and validate a UK postcode (outward A9, A99, AA9, AA99, A9A, AA9A;
 * inward 9AA). */
bool rules_postcode(const char *in, char out[9], const char **why)
{
  char s[16];
  size_t n = 0;
  for (const char *p = in; *p; p++) {
    if (*p == ' ' || *p == '\t')
      continue;
    if (!isalnum((unsigned char)*p) || n >= 7) {
      *why = n >= 7 ? "postcode is too long" : "postcode may only contain letters, digits and spaces";
      return false;
    }
    s[n++] = (char)toupper((unsigned char)*p);
  }
  s[n] = '\0';
  if (!strcmp(s, "GIR0AA")) {
    strcpy(out, "GIR 0AA");
    return true;
  }
  *why = "not a UK postcode";
  if (n < 5)
    return false;
  const char *inward = s + n - 3;
  if (!isdigit((unsigned char)inward[0]) || !isalpha((unsigned char)inward[1]) ||
      !isalpha((unsigned char)inward[2]) || strchr("CIKMOV", inward[1]) || strchr("CIKMOV", inward[2]))
    return false;
  /* Outward code as a pattern of A (letter) and 9 (digit). */
  char shape[5] = {0};
  size_t outlen = n - 3;
  for (size_t i = 0; i < outlen; i++)
    shape[i] = isalpha((unsigned char)s[i]) ? 'A' : '9';
  static const char *const shapes[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
  bool ok = false;
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
    ok |= !strcmp(shape, shapes[i]);
  if (!ok)
    return false;
  snprintf(out, 9, "%.*s %s", (int)outlen, s, inward);
  return true;
}

/* True for the short national numbers a service may give instead of a
 * full number. */
static bool is_short_service_number(const char *digits)
{
  static const char *const shorts[] = {"999", "112", "111", "101", "119"};
  for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
    if (!strcmp(digits, shorts[i]))
      return true;
  return strlen(digits) == 6 && !strncmp(digits, "116", 3);
}

/* Normalise a UK phone number to E.164. */
bool rules_phone(const char *in, bool allow_short, char out[17], const char **why)
{
  char digits[32];
  size_t n = 0;
  bool plus = false;
  const char *p = in;
  while (*p == ' ')
    p++;
  if (*p == '+') {
    plus = true;
    p++;
  }
  for (; *p; p++) {
    if (isdigit((unsigned char)*p)) {
      if (n + 1 >= sizeof digits) {
        *why = "phone number is too long";
        return false;
      }
      digits[n++] = *p;
    } else if (!strchr(" -().", *p)) {
      *why = "phone number may only contain digits, spaces, + - ( ) .";
      return false;
    }
  }
  digits[n] = '\0';
  if (!plus && allow_short && is_short_service_number(digits)) {
    strcpy(out, digits);
    return true;
  }
  /* Reduce to the national significant number (no trunk 0). */
  const char *nsn = digits;
  if (plus || !strncmp(digits, "00", 2)) {
    nsn = plus ? digits : digits + 2;
    if (strncmp(nsn, "44", 2)) {
      *why = "not a UK phone number (country code is not +44)";
      return false;
    }
    nsn += 2;
    if (*nsn == '0') /* +44 (0)29 ... */
      nsn++;
  } else if (digits[0] == '0') {
    nsn = digits + 1;
  } else {
    *why = "UK phone number must start with 0 or +44";
    return false;
  }
  size_t len = strlen(nsn);
  if (len < 9 || len > 10 || !strchr("1235789", nsn[0])) {
    *why = "not a valid UK phone number (wrong number of digits)";
    return false;
  }
  snprintf(out, 17, "+44%s", nsn);
  return true;
}

/* Validate an https:// URL: scheme, a dotted host, no spaces or controls. */
bool rules_https_url(const char *in, const char **why)
{
  if (strncmp(in, "https://", 8)) {
    *why = "web address must start with https://";
    return false;
  }
  const char *host = in + 8;
  size_t hostlen = strcspn(host, "/?#");
  bool dot = memchr(host, '.', hostlen) != NULL;
  for (const char *p = in; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == 0x7f) {
      *why = "web address contains a space or control character";
      return false;
    }
  if (hostlen == 0 || !dot || host[0] == '.') {
    *why = "web address has no valid host name";
    return false;
  }
  return true;
}

/* Validate a simple e-mail address. */
bool rules_email(const char *in, const char **why)
{
  const char *at = strchr(in, '@');
  *why = "not an e-mail address";
  if (!at || at == in || strchr(at + 1, '@'))
    return false;
  const char *dot = strrchr(at, '.');
  if (!dot || dot == at + 1 || dot[1] == '\0')
    return false;
  for (const char *p = in; *p; p++)
    if ((unsigned char)*p <= ' ' || strchr("<>,;\"", *p))
      return false;
  return true;
}

/* Validate an identifier of 1-32 characters A-Za-z0-9-_. */
bool rules_identifier(const char *in, const char **why)
{
  size_t n = strlen(in);
  if (n < 1 || n > 32) {
    *why = "identifier must be 1 to 32 characters";
    return false;
  }
  for (const char *p = in; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
      *why = "identifier may only contain A-Z a-z 0-9 - _";
      return false;
    }
  return true;
}

/* Validate UTF-8 text: well formed, no controls, at most max_chars characters. */
bool rules_text(const char *in, size_t max_chars, bool allow_newlines, const char **why)
{
  size_t chars = 0;
  const unsigned char *p = (const unsigned char *)in;
  while (*p) {
    unsigned c = *p;
    int extra = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
    unsigned cp = extra == 0 ? c : extra == 1 ? c & 0x1f : extra == 2 ? c & 0x0f : c & 0x07;
    if (extra < 0) {
      *why = "text is not valid UTF-8";
      return false;
    }
    for (int i = 1; i <= extra; i++) {
      if ((p[i] & 0xc0) != 0x80) {
        *why = "text is not valid UTF-8";
        return false;
      }
      cp = cp << 6 | (p[i] & 0x3f);
    }
    static const unsigned min_cp[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      *why = "text is not valid UTF-8";
      return false;
    }
    bool newline = cp == '\n' || cp == '\r';
    if ((cp < 0x20 && !(allow_newlines && newline) && cp != '\t') || cp == 0x7f) {
      *why = newline ? "line breaks are not allowed in this column" : "text contains a control character";
      return false;
    }
    p += extra + 1;
    chars++;
  }
  if (chars > max_chars) {
    *why = "text is too long for this column";
    return false;
  }
  return true;
}

/* Validate an ISO 8601 UTC timestamp and give its Z form. */
bool rules_utc_timestamp(const char *in, char out[21], const char **why)
{
  int hh, mm, ss;
  size_t n = strlen(in);
  *why = "timestamp must be UTC ISO 8601, YYYY-MM-DDTHH:MM:SSZ";
  if (n < 20 || in[10] != 'T' || in[13] != ':' || in[16] != ':')
    return false;
  char date[11];
  memcpy(date, in, 10);
  date[10] = '\0';
  const char *date_why;
  if (!rules_date(date, NULL, NULL, NULL, &date_why) || !parse_digits(in + 11, 2, &hh) ||
      !parse_digits(in + 14, 2, &mm) || !parse_digits(in + 17, 2, &ss) || hh > 23 || mm > 59 ||
      ss > 60)
    return false;
  const char *zone = in + 19;
  if (strcmp(zone, "Z") && strcmp(zone, "+00:00"))
    return false;
  snprintf(out, 21, "%.19sZ", in);
  return true;
}
