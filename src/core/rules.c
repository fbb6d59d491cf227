/*
 * Value rules of the central export. Pure functions over strings: no I/O,
 * no allocation. Reasons are static strings and never echo the value. The
 * phone numbers are in rules_phone.c, the tables in rules_data.c.
 */
#include "core/rules.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "core/rules_data.h"

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

/* True when the first six digits of a CHI-range number are a DDMMYY date
 * (the century is not known, so 29 February always counts). */
static bool chi_date_ok(const char *digits)
{
  int dd = 0, mm = 0;
  parse_digits(digits, 2, &dd);
  parse_digits(digits + 2, 2, &mm);
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= days_in_month(2000, mm);
}

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
  /* Every number of one repeated digit passes Modulus 11 (the weights sum
   * to 54, and 54 d leaves the remainder 11 - d), yet none is issued. */
  if (strspn(out, (char[]){out[0], '\0'}) == 10) {
    *why = "NHS number is one digit repeated: such numbers are never issued";
    return false;
  }
  if (strcmp(out, "0101000000") < 0) {
    *why = "NHS number is below 010 100 0000, the lowest ever issued";
    return false;
  }
  if (out[0] <= '2' && !chi_date_ok(out)) {
    *why = "NHS number in the Scottish CHI range (first digit 0, 1 or 2) must begin with a date of birth DDMMYY";
    return false;
  }
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

/* Bytes of a space-like character at p that may separate or surround the
 * parts of a code as people type or paste it (space, tab, line break,
 * no-break space, figure/thin/narrow no-break space, zero-width space,
 * byte-order mark); 0 for anything else. */
static size_t space_like(const unsigned char *p)
{
  if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    return 1;
  if (p[0] == 0xc2 && p[1] == 0xa0)
    return 2;
  if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x87 || p[2] == 0x89 || p[2] == 0x8a || p[2] == 0x8b || p[2] == 0xaf))
    return 3;
  if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    return 3;
  return 0;
}

/* Normalise and validate a UK postcode: outward A9, A99, AA9, AA99, A9A,
 * AA9A in an area that exists, inward 9AA; BFPO n; GIR 0AA. */
bool rules_postcode(const char *in, char out[RULES_POSTCODE_MAX], const char **why)
{
  char s[16];
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)in; *p;) {
    size_t skip = space_like(p);
    if (skip || *p == '-') {
      p += skip ? skip : 1;
      continue;
    }
    if (!isalnum(*p)) {
      *why = "postcode may only contain letters, digits and spaces";
      return false;
    }
    if (n == 8) {
      *why = "postcode is too long (a UK postcode has 5 to 7 letters and digits)";
      return false;
    }
    s[n++] = (char)toupper(*p++);
  }
  s[n] = '\0';
  if (n >= 4 && !memcmp(s, "BFPO", 4)) {
    size_t digits = strspn(s + 4, "0123456789");
    if (n < 5 || n > 8 || digits != n - 4 || s[4] == '0') {
      *why = "a BFPO address needs its number, 1 to 4 digits (BFPO 105)";
      return false;
    }
    snprintf(out, RULES_POSTCODE_MAX, "BFPO %.4s", s + 4);
    return true;
  }
  if (!strcmp(s, "GIR0AA")) {
    strcpy(out, "GIR 0AA");
    return true;
  }
  *why = "not a UK postcode (like CF14 2TL, SA1 1AA or BFPO 105)";
  if (n < 5 || n > 7)
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
  size_t area_len = shape[1] == 'A' ? 2 : 1;
  /* The letter after the district digit: A9A uses ABCDEFGHJKPSTUW, AA9A
   * uses ABEHMNPRVWXY (Royal Mail PAF rules). */
  if (!strcmp(shape, "A9A") && !strchr("ABCDEFGHJKPSTUW", s[2]))
    return false;
  if (!strcmp(shape, "AA9A") && !strchr("ABEHMNPRVWXY", s[3]))
    return false;
  if (!rules_postcode_area_exists(s, area_len)) {
    *why = "not a UK postcode: there is no such postcode area";
    return false;
  }
  snprintf(out, RULES_POSTCODE_MAX, "%.*s %s", (int)outlen, s, inward);
  return true;
}

/* Validate a web address: scheme, a dotted host, no credentials, no spaces
 * or controls. */
bool rules_web_url(const char *in, bool allow_http, const char **why)
{
  size_t scheme = !strncasecmp(in, "https://", 8) ? 8 : allow_http && !strncasecmp(in, "http://", 7) ? 7 : 0;
  if (!scheme) {
    *why = allow_http ? "web address must start with https:// or http://"
                      : "web address must start with https:// (other kinds, such as http:, javascript:, file: or ftp:, are refused)";
    return false;
  }
  for (const char *p = in; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '\\') {
      *why = "web address contains a space, a backslash or a control character";
      return false;
    }
  const char *host = in + scheme;
  size_t hostlen = strcspn(host, "/?#");
  if (memchr(host, '@', hostlen)) {
    *why = "web address must not carry a user name or password (user:password@)";
    return false;
  }
  size_t namelen = hostlen;
  const char *colon = memchr(host, ':', hostlen);
  if (colon) {
    namelen = (size_t)(colon - host);
    size_t port = hostlen - namelen - 1;
    if (port < 1 || port > 5 || strspn(colon + 1, "0123456789") < port || atoi(colon + 1) > 65535) {
      *why = "web address has a wrong port number after the host name";
      return false;
    }
  }
  if (namelen == 0 || !memchr(host, '.', namelen) || host[0] == '.' || host[namelen - 1] == '.') {
    *why = "web address has no valid host name";
    return false;
  }
  return true;
}

bool rules_https_url(const char *in, const char **why) { return rules_web_url(in, false, why); }

/* Validate a simple e-mail address. */
bool rules_email(const char *in, const char **why)
{
  const char *at = strchr(in, '@');
  *why = "not an e-mail address (name@example.org)";
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

/* True when cp is a letter (any script). */
static bool is_letter(uint32_t cp)
{
  if (cp < 0x80)
    return isalpha((int)cp);
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* True when cp is what Windows-1252 or Latin-1 shows for a byte 0x80-0xBF,
 * the continuation bytes of UTF-8. */
static bool shows_continuation_byte(uint32_t cp)
{
  static const uint16_t cp1252[] = {0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030,
                                    0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
                                    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178};
  if (cp >= 0x80 && cp <= 0xbf)
    return true;
  for (size_t i = 0; i < sizeof cp1252 / sizeof cp1252[0]; i++)
    if (cp == cp1252[i])
      return true;
  return false;
}

/* True when p starts an HTML/XML character reference: "&#373;", "&#x175;"
 * or a named one of letters ("&wcirc;"). */
static bool is_character_reference(const char *p)
{
  if (*p++ != '&')
    return false;
  size_t n = 0;
  if (*p == '#') {
    p++;
    if (*p == 'x' || *p == 'X') {
      p++;
      while (n < 6 && isxdigit((unsigned char)p[n]))
        n++;
    } else {
      while (n < 7 && isdigit((unsigned char)p[n]))
        n++;
    }
  } else {
    while (n < 10 && isalpha((unsigned char)p[n]))
      n++;
    if (n < 2)
      return false;
  }
  return n > 0 && p[n] == ';';
}

/* Decode one UTF-8 character at p: its length, or 0 when malformed. */
static int decode_utf8(const unsigned char *p, uint32_t *cp)
{
  unsigned c = *p;
  int extra = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
  if (extra < 0)
    return 0;
  uint32_t v = extra == 0 ? c : extra == 1 ? c & 0x1f : extra == 2 ? c & 0x0f : c & 0x07;
  for (int i = 1; i <= extra; i++) {
    if ((p[i] & 0xc0) != 0x80)
      return 0;
    v = v << 6 | (p[i] & 0x3f);
  }
  static const uint32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
  if (v < min_cp[extra] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
    return 0;
  *cp = v;
  return extra + 1;
}

bool rules_text_inspect(const char *in, bool question_anywhere, rules_text_facts_t *facts, const char **why)
{
  const unsigned char *p = (const unsigned char *)in;
  uint32_t prev = 0;
  int mojibake_need = 0;      /* continuation characters still to see after a lead */
  bool question_pending = false, caret_pending = false;
  memset(facts, 0, sizeof *facts);
  while (*p) {
    uint32_t cp;
    int len = *p < 0x80 ? (cp = *p, 1) : decode_utf8(p, &cp);
    if (!len) {
      *why = "text is not valid UTF-8: the file was probably saved as Windows-1252 (ANSI); save it as CSV UTF-8";
      return false;
    }
    if (cp < 0x20 || cp == 0x7f) {
      if (cp == '\n' || cp == '\r') {
        facts->line_breaks = true;
      } else if (cp == '\t') {
        facts->tabs = true;
      } else {
        *why = "text contains a control character";
        return false;
      }
    }
    rules_loss_t sign = RULES_LOSS_NONE;
    if (cp == 0xfffd)
      sign = RULES_LOSS_REPLACEMENT;
    else if (cp >= 0x80 && cp <= 0x9f)
      sign = RULES_LOSS_MOJIBAKE;
    if (mojibake_need && shows_continuation_byte(cp)) {
      if (--mojibake_need == 0)
        sign = RULES_LOSS_MOJIBAKE;
    } else {
      mojibake_need = cp >= 0xc2 && cp <= 0xdf ? 1 : cp >= 0xe0 && cp <= 0xef ? 2 : cp >= 0xf0 && cp <= 0xf4 ? 3 : 0;
    }
    if (question_pending && is_letter(cp))
      sign = RULES_LOSS_QUESTION;
    if (cp == '&' && is_character_reference((const char *)p))
      sign = RULES_LOSS_ENTITY;
    bool vowel = cp < 0x80 && cp && strchr("aeiouwyAEIOUWY", (int)cp);
    if (caret_pending && vowel)
      sign = RULES_LOSS_CARET; /* "^w" */
    caret_pending = false;
    if (cp == '^') {
      if (prev && prev < 0x80 && strchr("aeiouwyAEIOUWY", (int)prev))
        sign = RULES_LOSS_CARET; /* "w^" */
      else
        caret_pending = true;
    }
    question_pending = false;
    if (cp == '?') {
      if (question_anywhere)
        sign = RULES_LOSS_QUESTION;
      else
        question_pending = prev && is_letter(prev);
    }
    if (sign && !facts->loss)
      facts->loss = sign;
    prev = cp;
    p += len;
    facts->chars++;
  }
  return true;
}

/* Validate UTF-8 text: well formed, no controls, at most max_chars characters. */
bool rules_text(const char *in, size_t max_chars, bool allow_newlines, const char **why)
{
  rules_text_facts_t facts;
  if (!rules_text_inspect(in, false, &facts, why))
    return false;
  if (facts.line_breaks && !allow_newlines) {
    *why = "line breaks are not allowed in this column";
    return false;
  }
  if (facts.chars > max_chars) {
    *why = "text is too long for this column";
    return false;
  }
  return true;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The civil date of a day count since 1970-01-01. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Validate an ISO 8601 timestamp with a zone and give its UTC Z form. */
bool rules_utc_timestamp(const char *in, char out[21], const char **why)
{
  int year, month, day, hh, mm, ss, off_h = 0, off_m = 0;
  size_t n = strlen(in);
  *why = "timestamp must be ISO 8601 with a zone, YYYY-MM-DDTHH:MM:SSZ";
  if (n < 20 || (in[10] != 'T' && in[10] != 't') || in[13] != ':' || in[16] != ':')
    return false;
  char date[11];
  memcpy(date, in, 10);
  date[10] = '\0';
  const char *date_why;
  if (!rules_date(date, &year, &month, &day, &date_why) || !parse_digits(in + 11, 2, &hh) ||
      !parse_digits(in + 14, 2, &mm) || !parse_digits(in + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 60)
    return false;
  const char *zone = in + 19;
  if (*zone == '.' || *zone == ',') { /* fractional seconds: dropped */
    zone++;
    size_t digits = strspn(zone, "0123456789");
    if (!digits)
      return false;
    zone += digits;
  }
  int sign = 0;
  if (!strcmp(zone, "Z") || !strcmp(zone, "z")) {
    sign = 0;
  } else if ((zone[0] == '+' || zone[0] == '-') && parse_digits(zone + 1, 2, &off_h)) {
    sign = zone[0] == '+' ? 1 : -1;
    const char *rest = zone + 3;
    if (*rest == ':')
      rest++;
    if (*rest && (!parse_digits(rest, 2, &off_m) || rest[2]))
      return false;
    if (off_h > 18 || off_m > 59)
      return false;
  } else {
    return false;
  }
  int64_t t = days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 + (ss > 59 ? 59 : ss);
  t -= sign * (off_h * 3600 + off_m * 60);
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  civil_from_days(days, &year, &month, &day);
  if (year < 1900 || year > 9999)
    return false;
  char z[48];
  snprintf(z, sizeof z, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, (int)(secs / 3600),
           (int)(secs / 60 % 60), ss > 59 ? 60 : (int)(secs % 60));
  memcpy(out, z, 21);
  return true;
}
