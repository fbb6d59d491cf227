/*
 * UK phone numbers: read as people write them, checked against the
 * numbering plan (rules_data.c), stored as E.164 with an RFC 3966
 * extension, and shown in the national format with the plan's grouping.
 */
#include "core/rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/rules_data.h"

enum { MAX_DIGITS = 20 };

/* Bytes of a separator people put between the digits of a number (spaces
 * of every kind, hyphens and dashes, brackets, dots, slashes); 0 otherwise. */
static size_t separator(const unsigned char *p)
{
  if (strchr(" \t-().", *p) && *p)
    return 1;
  if (p[0] == 0xc2 && p[1] == 0xa0) /* no-break space */
    return 2;
  if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x87 && p[2] <= 0x95) || p[2] == 0xaf))
    return 3; /* figure, thin, hair, narrow no-break spaces; hyphens and dashes */
  return 0;
}

/* The extension markers, longest first (Welsh "estyniad", "est."). */
static size_t extension_marker(const char *p)
{
  static const char *const markers[] = {"extension", "estyniad", "extn", "ext", "est", "x"};
  for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
    size_t n = strlen(markers[i]);
    if (!strncasecmp(p, markers[i], n) && !isalpha((unsigned char)p[n]))
      return n;
  }
  return 0;
}

/* Read the extension after its marker at p: digits, with '.', ':' and
 * spaces before them and a ')' after. false when it is not one. */
static bool read_extension(const char *p, char ext[RULES_PHONE_EXT_MAX_DIGITS + 1])
{
  size_t n = 0;
  while (*p == '.' || *p == ':' || *p == ' ' || *p == '#')
    p++;
  while (isdigit((unsigned char)*p)) {
    if (n == RULES_PHONE_EXT_MAX_DIGITS)
      return false;
    ext[n++] = *p++;
  }
  ext[n] = '\0';
  while (*p == ' ' || *p == ')')
    p++;
  return n > 0 && !*p;
}

/* True for the short numbers a service may give instead of a full number. */
static bool is_short_service_number(const char *digits)
{
  static const char *const shorts[] = {"999", "112", "111", "101", "105", "119"};
  for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
    if (!strcmp(digits, shorts[i]))
      return true;
  return strlen(digits) == 6 && (!strncmp(digits, "116", 3) || !strncmp(digits, "118", 3));
}

/* The range of the plan that decides a national significant number: the
 * longest pattern that matches and allows its length; else, in *nearest,
 * the longest that matches. */
static const phone_range_t *find_range(const char *nsn, const phone_range_t **nearest)
{
  size_t count, len = strlen(nsn), best = 0, best_any = 0;
  const phone_range_t *plan = rules_phone_plan(&count), *found = NULL;
  *nearest = NULL;
  for (size_t i = 0; i < count; i++) {
    size_t m = rules_phone_pattern_match(plan[i].pattern, nsn);
    if (!m)
      continue;
    if (m > best_any) {
      best_any = m;
      *nearest = &plan[i];
    }
    if (len >= plan[i].min_len && len <= plan[i].max_len && m > best) {
      best = m;
      found = &plan[i];
    }
  }
  return found;
}

/* What a wrong length is told, by range. */
static const char *length_reason(phone_msg_t msg)
{
  switch (msg) {
  case PHONE_MSG_GEOGRAPHIC:
    return "wrong number of digits: numbers beginning 01 or 02 have 11 digits with the leading 0 (a few 01 areas also have 10)";
  case PHONE_MSG_FREEPHONE:
    return "wrong number of digits: 0800 numbers have 11 or 10 digits with the leading 0 (0800 123 4567, 0800 123 456), or are 0800 1111";
  case PHONE_MSG_NON_GEOGRAPHIC:
    break;
  }
  return "wrong number of digits: numbers beginning 03, 05, 07, 08 or 09 have 11 digits with the leading 0";
}

/* Normalise a UK phone number to E.164 with an optional extension. */
bool rules_phone(const char *in, bool allow_short, char out[RULES_PHONE_MAX], const char **why)
{
  char digits[MAX_DIGITS + 1], ext[RULES_PHONE_EXT_MAX_DIGITS + 1] = "";
  size_t n = 0, skip;
  bool plus = false;
  const unsigned char *p = (const unsigned char *)in;
  while ((skip = separator(p)) && *p != '(')
    p += skip;
  if (*p == '+') {
    plus = true;
    p++;
  }
  for (; *p; p += skip) {
    skip = 1;
    if (isdigit(*p)) {
      if (n == MAX_DIGITS) {
        *why = "phone number is too long (one number per field)";
        return false;
      }
      digits[n++] = (char)*p;
    } else if ((skip = separator(p))) {
      continue;
    } else if (n && !strncasecmp((const char *)p, ";ext=", 5)) { /* the stored form reads back */
      if (!read_extension((const char *)p + 5, ext)) {
        *why = "extension must be 1 to 7 digits after ext, x or extension (029 2061 5888 ext 2345)";
        return false;
      }
      break;
    } else if (*p == '/' || *p == ',' || *p == ';') {
      *why = "give one phone number per field";
      return false;
    } else if (n && (skip = extension_marker((const char *)p))) {
      if (!read_extension((const char *)p + skip, ext)) {
        *why = "extension must be 1 to 7 digits after ext, x or extension (029 2061 5888 ext 2345)";
        return false;
      }
      break;
    } else {
      *why = "phone number may only contain digits, spaces, + - ( ) . and an extension (ext 2345)";
      return false;
    }
  }
  digits[n] = '\0';
  if (!plus && is_short_service_number(digits)) {
    if (!allow_short || ext[0]) {
      *why = allow_short ? "a short number cannot have an extension"
                         : "a short number (such as 111) is not allowed here: give a full UK number";
      return false;
    }
    strcpy(out, digits);
    return true;
  }
  /* Reduce to the national significant number (no trunk 0). */
  const char *nsn;
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
    *why = n ? "UK phone number must start with 0 or +44 (if a spreadsheet dropped the leading 0, format the column as text)"
             : "phone number has no digits";
    return false;
  }
  const phone_range_t *nearest;
  const phone_range_t *range = find_range(nsn, &nearest);
  if (!range) {
    *why = nearest ? length_reason(nearest->msg)
                   : "no UK phone numbers begin like this (the range is not in use)";
    return false;
  }
  snprintf(out, RULES_PHONE_MAX, "+44%s%s%s", nsn, ext[0] ? ";ext=" : "", ext);
  return true;
}

/* Split a stored number into its national significant number and extension;
 * false when it is not a stored UK number. */
static bool split_stored(const char *stored, char nsn[MAX_DIGITS + 1], const char **ext)
{
  if (strncmp(stored, "+44", 3))
    return false;
  const char *p = stored + 3;
  size_t n = strspn(p, "0123456789");
  if (n < 7 || n > 10)
    return false;
  memcpy(nsn, p, n);
  nsn[n] = '\0';
  *ext = NULL;
  if (!strncmp(p + n, ";ext=", 5) && p[n + 5])
    *ext = p + n + 5;
  else if (p[n])
    return false;
  return true;
}

bool rules_phone_format(const char *stored, const char *ext_word, char *out, size_t outlen)
{
  char nsn[MAX_DIGITS + 1], national[MAX_DIGITS + 2];
  const char *ext;
  const phone_range_t *nearest, *range;
  if (!outlen)
    return false;
  size_t slen = strlen(stored);
  if ((slen == 3 || slen == 6) && strspn(stored, "0123456789") == slen) {
    snprintf(out, outlen, "%.3s%s%s", stored, slen == 6 ? " " : "", slen == 6 ? stored + 3 : "");
    return true;
  }
  if (!split_stored(stored, nsn, &ext) || !(range = find_range(nsn, &nearest))) {
    snprintf(out, outlen, "%s", stored);
    return false;
  }
  snprintf(national, sizeof national, "0%s", nsn);
  size_t len = 0, pos = 0, total = strlen(national);
  for (const char *g = range->groups; *g && pos < total;) {
    size_t size = *g == '*' ? total - pos : (size_t)(*g - '0');
    if (size > total - pos)
      size = total - pos;
    len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, "%s%.*s", pos ? " " : "", (int)size,
                            national + pos);
    pos += size;
    g++;
    if (*g == ',')
      g++;
  }
  if (pos < total) /* the groups did not cover it: the rest as one group */
    len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, " %s", national + pos);
  if (ext && ext_word)
    snprintf(out + len, len < outlen ? outlen - len : 0, " %s %s", ext_word, ext);
  return true;
}

const char *rules_phone_extension(const char *stored)
{
  const char *ext = strstr(stored, ";ext=");
  return ext && ext[5] ? ext + 5 : NULL;
}

void rules_phone_dial_string(const char *stored, char *out, size_t outlen)
{
  const char *ext = strstr(stored, ";ext=");
  if (ext)
    snprintf(out, outlen, "%.*s,%s", (int)(ext - stored), stored, ext + 5);
  else
    snprintf(out, outlen, "%s", stored);
}
