/*
 * Running text made ready for speech (spoken_text, see spoken.h): the
 * numbers inside sentences, phone and emergency numbers, ISO dates and
 * times, times of day, ranges, English day abbreviations, web and e-mail
 * addresses and a few signs become words; everything else is copied for
 * espeak-ng as it is. One pass, left to right, no allocation.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/rules.h"
#include "core/spoken_private.h"

/* The last byte written, or 0. */
static char sp_last(const sp_buf_t *b) { return b->len ? b->out[b->len - 1] : 0; }

/* True when s starts with prefix, ignoring ASCII case. */
static bool sp_starts(const char *s, const char *prefix)
{
  return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* True at the start of a word: start of text or after a space or bracket. */
static bool sp_word_start(const char *text, const char *p)
{
  if (p == text)
    return true;
  unsigned char prev = (unsigned char)p[-1];
  return prev == ' ' || prev == '(' || prev == '\n' || prev == '"' || prev == '\'';
}

/* The end of a web or e-mail address starting at p: up to a space, and
 * without trailing punctuation. */
static const char *sp_address_end(const char *p)
{
  const char *end = p;
  while (*end && *end != ' ' && *end != '\n' && *end != ')')
    end++;
  while (end > p && strchr(".,;:!?'\"", end[-1]))
    end--;
  return end;
}

/* Spell a web or e-mail address: "www.macmillan.org.uk" -> "macmillan dot
 * org dot uk" (the scheme and "www." are left out: nobody types them). */
static void sp_address(sp_buf_t *b, const char *p, const char *end)
{
  for (const char *scheme[] = {"https://", "http://"}, **s = scheme; s < scheme + 2; s++)
    if (sp_starts(p, *s) && p + strlen(*s) <= end)
      p += strlen(*s);
  if (sp_starts(p, "www.") && p + 4 < end)
    p += 4;
  while (end > p && end[-1] == '/')
    end--;
  bool en = b->lang == LANG_EN;
  for (; p < end; p++) {
    switch (*p) {
    case '.': sp_put(b, " dot "); break;
    case '@': sp_put(b, " at "); break;
    case '/': sp_put(b, en ? " slash " : " slaes "); break;
    case '-': sp_put(b, en ? " dash " : " cysylltnod "); break;
    case '_': sp_put(b, en ? " underscore " : " tanlinell "); break;
    default: sp_putn(b, p, 1); break;
    }
  }
}

/* An e-mail or web address at p? */
static bool sp_is_address(const char *text, const char *p)
{
  if (!sp_word_start(text, p))
    return false;
  if (sp_starts(p, "http://") || sp_starts(p, "https://") || sp_starts(p, "www."))
    return true;
  const char *end = sp_address_end(p), *at = memchr(p, '@', (size_t)(end - p));
  return at && at > p && memchr(at, '.', (size_t)(end - at)) && isalnum((unsigned char)end[-1]);
}

enum { SP_MAX_GROUPS = 8 };

/* A run of digit groups: "029 2018 0123", "116 123", "9", "1961". */
typedef struct {
  const char *start, *end;          /* the whole run */
  const char *group[SP_MAX_GROUPS]; /* start of each group */
  size_t len[SP_MAX_GROUPS];
  int count;
  bool plus;
  int hour, minute;                 /* "9:30": hour 9, minute 30; minute -1 when none */
} sp_run_t;

/* Digits at p; returns how many. */
static size_t sp_digits_at(const char *p) { return strspn(p, "0123456789"); }

/* Read a run of digit groups at p (joined by single spaces, or by hyphens
 * between groups of three or more digits, as phone numbers are written). */
static void sp_read_run(const char *p, sp_run_t *r)
{
  memset(r, 0, sizeof *r);
  r->start = p;
  r->minute = -1;
  if (*p == '+') {
    r->plus = true;
    p++;
  }
  for (;;) {
    size_t n = sp_digits_at(p);
    r->group[r->count] = p;
    r->len[r->count++] = n;
    p += n;
    if (r->count == SP_MAX_GROUPS)
      break;
    size_t next = (p[0] == ' ' || p[0] == '-') ? sp_digits_at(p + 1) : 0;
    const char *after = next ? p + 1 + next : p;
    bool clean_end = !isalpha((unsigned char)*after) && *after != ':' && *after != '%';
    bool joins = next && clean_end && (p[0] == ' ' || (n >= 3 && next >= 3));
    /* a hyphen between short numbers is a range ("9-5"), handled by the caller */
    if (!joins)
      break;
    p++;
  }
  r->end = p;
  if (r->count == 1 && !r->plus && *p == ':' && sp_digits_at(p + 1) == 2 && r->len[0] <= 2) {
    r->hour = atoi(r->group[0]);
    r->minute = atoi(p + 1);
    r->end = p + 3;
  }
}

/* Whether a lone number is one people read digit by digit. */
static bool sp_read_as_digits(const char *g, size_t n)
{
  static const char *const service[] = {"999", "111", "112", "101", "105", "119"};
  if (n >= 5 || (n >= 2 && g[0] == '0'))
    return true;
  for (size_t i = 0; n == 3 && i < sizeof service / sizeof service[0]; i++)
    if (!strncmp(g, service[i], 3))
      return true;
  return false;
}

/* A time of day suffix at p: sets *words ("y bore", or "" for English,
 * which keeps its "am"/"pm" for espeak-ng) and returns its length, else 0. */
static size_t sp_time_suffix(lang_t lang, const char *p, const char **words)
{
  static const struct { lang_t lang; const char *written, *said; } suffixes[] = {
    {LANG_CY, "y.b.", "y bore"}, {LANG_CY, "y.p.", "y prynhawn"}, {LANG_CY, "y.h.", "yr hwyr"},
    {LANG_CY, "yb", "y bore"},   {LANG_CY, "yp", "y prynhawn"},   {LANG_CY, "yh", "yr hwyr"},
    {LANG_EN, "a.m.", "a.m."},   {LANG_EN, "p.m.", "p.m."},
    {LANG_EN, "am", "a.m."},     {LANG_EN, "pm", "p.m."},
  };
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
    size_t n = strlen(suffixes[i].written);
    if (suffixes[i].lang == lang && !strncasecmp(p, suffixes[i].written, n) &&
        !isalpha((unsigned char)p[n])) {
      *words = suffixes[i].said;
      return n;
    }
  }
  return 0;
}

/* Append a number in words (cardinal), mutating after "i" when due. */
static void sp_number_words(sp_buf_t *b, long n)
{
  char words[256];
  if (spoken_cardinal(b->lang, n, words, sizeof words))
    sp_words(b, words);
  else
    b->overflow = true;
}

/* A clock time "9:30" / "09:00" in words. */
static void sp_clock(sp_buf_t *b, int hour, int minute)
{
  sp_number_words(b, hour);
  if (minute == 0) {
    if (b->lang == LANG_EN)
      sp_put(b, " o'clock");
    else
      sp_put(b, " o'r gloch");
  } else {
    sp_put(b, " ");
    if (minute < 10)
      sp_put(b, b->lang == LANG_EN ? "oh " : "dim ");
    sp_number_words(b, minute);
  }
}

/* Speak a run of digits; returns where the input continues. */
static const char *sp_run(sp_buf_t *b, const sp_run_t *r)
{
  const char *p = r->end;
  const char *said = NULL;
  size_t suffix = sp_time_suffix(b->lang, p, &said);
  if (r->minute >= 0 || (suffix && r->count == 1 && r->len[0] <= 2 && !r->plus)) {
    int hour = r->minute >= 0 ? r->hour : atoi(r->group[0]);
    if (r->minute >= 0 && (!suffix || r->minute))
      sp_clock(b, hour, r->minute);
    else
      sp_number_words(b, hour);
    if (suffix) {
      sp_put(b, " ");
      sp_put(b, said);
      p += suffix;
    }
    return p;
  }
  if (r->plus || r->count >= 2 || sp_read_as_digits(r->group[0], r->len[0])) {
    char written[64], words[512];
    size_t n = (size_t)(r->end - r->start);
    if (n >= sizeof written) {
      sp_putn(b, r->start, n); /* too long to be a phone number: leave it */
      return p;
    }
    memcpy(written, r->start, n);
    written[n] = '\0';
    if (r->count == 1 && n == 6 && !strncmp(written, "116", 3))
      snprintf(written, sizeof written, "116 %.3s", r->start + 3);
    if (spoken_digits(b->lang, written, words, sizeof words))
      sp_words(b, words);
    else
      b->overflow = true;
    return p;
  }
  long value = strtol(r->group[0], NULL, 10);
  if (r->len[0] == 4 && value >= 1800 && value <= 2099) {
    char words[128];
    if (spoken_year(b->lang, (int)value, words, sizeof words))
      sp_words(b, words);
    else
      b->overflow = true;
  } else if (r->len[0] <= 6) {
    sp_number_words(b, value);
  } else {
    sp_putn(b, r->start, (size_t)(r->end - r->start));
  }
  if (*p == '%') {
    sp_put(b, b->lang == LANG_EN ? " per cent" : " y cant");
    p++;
  }
  return p;
}

/* An ISO date (and time) at p? Returns its length, else 0. */
static size_t sp_iso_at(const char *p, int *y, int *m, int *d, int *hh, int *mm)
{
  char date[11];
  const char *why = NULL;
  if (sp_digits_at(p) != 4 || p[4] != '-' || sp_digits_at(p + 5) != 2 || p[7] != '-' ||
      sp_digits_at(p + 8) != 2 || isdigit((unsigned char)p[10]))
    return 0;
  memcpy(date, p, 10);
  date[10] = '\0';
  if (!rules_date(date, y, m, d, &why))
    return 0;
  size_t n = 10;
  *hh = *mm = -1;
  if ((p[10] == 'T' || p[10] == ' ') && sp_digits_at(p + 11) == 2 && p[13] == ':' &&
      sp_digits_at(p + 14) == 2) {
    *hh = atoi(p + 11);
    *mm = atoi(p + 14);
    n = 16;
    if (p[16] == ':' && sp_digits_at(p + 17) == 2)
      n = 19;
    if (p[n] == 'Z')
      n++;
  }
  return n;
}

/* A date as people write it at p, "29 February" or "20 Tachwedd 2026" (a
 * day 1..31, one space, the month's name in lang, then optionally one space
 * and a four-digit year)? Returns its length (0 when not one) and sets *d,
 * *m and *y (0 when no year). */
static size_t sp_written_date_at(lang_t lang, const char *p, int *d, int *m, int *y)
{
  size_t nd = sp_digits_at(p);
  if (nd < 1 || nd > 2 || p[nd] != ' ')
    return 0;
  *d = atoi(p);
  if (*d < 1 || *d > 31)
    return 0;
  const char *q = p + nd + 1;
  for (int month = 1; month <= 12; month++) {
    const char *name = i18n_month_name(lang, month);
    size_t n = name ? strlen(name) : 0;
    if (!n || strncmp(q, name, n) || isalpha((unsigned char)q[n]) ||
        (unsigned char)q[n] >= 0x80)
      continue;
    *m = month;
    *y = 0;
    q += n;
    if (q[0] == ' ' && sp_digits_at(q + 1) == 4 && !isalnum((unsigned char)q[5])) {
      *y = atoi(q + 1);
      q += 5;
    }
    return (size_t)(q - p);
  }
  return 0;
}

/* English day abbreviations, whole words. */
static const char *sp_en_day(const char *p, size_t *len)
{
  static const struct { const char *abbr, *day; } days[] = {
    {"Mon", "Monday"}, {"Tues", "Tuesday"}, {"Tue", "Tuesday"}, {"Wed", "Wednesday"},
    {"Thurs", "Thursday"}, {"Thur", "Thursday"}, {"Thu", "Thursday"}, {"Fri", "Friday"},
    {"Sat", "Saturday"}, {"Sun", "Sunday"},
  };
  for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
    size_t n = strlen(days[i].abbr);
    if (!strncmp(p, days[i].abbr, n) && !isalpha((unsigned char)p[n])) {
      *len = n;
      return days[i].day;
    }
  }
  return NULL;
}

/* Append the word starting at p (letters, apostrophes, hyphens); returns
 * the end. English day abbreviations become the day. */
static const char *sp_word(sp_buf_t *b, const char *text, const char *p)
{
  size_t abbr = 0;
  bool after_dash = p - text >= 3 && (!strncmp(p - 3, "\xe2\x80\x93", 3) ||
                                      !strncmp(p - 3, "\xe2\x80\x94", 3));
  bool start = sp_word_start(text, p) || after_dash;
  const char *day = b->lang == LANG_EN && start ? sp_en_day(p, &abbr) : NULL;
  if (day) {
    sp_words(b, day);
    return p + abbr;
  }
  const char *end = p;
  while (*end && strncmp(end, "\xe2\x80\x93", 3) && strncmp(end, "\xe2\x80\x94", 3) &&
         strncmp(end, "\xe2\x80\xa2", 3) &&
         (isalpha((unsigned char)*end) || (unsigned char)*end >= 0x80 || *end == '\'' ||
          (*end == '-' && isalpha((unsigned char)end[1]))))
    end++;
  if (end == p)
    end = p + 1;
  char word[128];
  size_t n = (size_t)(end - p);
  if (n < sizeof word) {
    memcpy(word, p, n);
    word[n] = '\0';
    sp_words(b, word);
  } else {
    b->mutate_next = false;
    sp_putn(b, p, n);
  }
  return end;
}

/* A range dash: "to" / "i" (then a soft mutation); a dash between spaces is
 * a pause. */
static void sp_dash(sp_buf_t *b, bool spaced)
{
  if (spaced) {
    while (sp_last(b) == ' ')
      b->out[--b->len] = '\0';
    sp_put(b, ",");
    return;
  }
  sp_put(b, b->lang == LANG_EN ? " to " : " i ");
  b->mutate_next = b->lang == LANG_CY;
}

/* Running text made ready for speech. */
bool spoken_text(lang_t lang, const char *text, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  if (!text || (unsigned)lang >= LANG_COUNT) {
    b.overflow = true;
    return sp_done(&b);
  }
  const char *p = text;
  while (*p && !b.overflow) {
    unsigned char c = (unsigned char)*p;
    int y, m, d, hh, mm;
    size_t iso;
    if (!strncmp(p, "\xe2\x80\xa2", 3)) { /* a bullet */
      p += 3;
      while (*p == ' ')
        p++;
    } else if (!strncmp(p, "\xe2\x80\x93", 3) || !strncmp(p, "\xe2\x80\x94", 3)) {
      sp_dash(&b, p > text && p[-1] == ' ' && p[3] == ' ');
      p += 3;
      if (b.mutate_next)
        while (*p == ' ')
          p++;
    } else if (c == ' ' && p[1] == '/' && p[2] == ' ') { /* "UK / Y DU" */
      sp_put(&b, ",");
      p += 2;
    } else if (c == '&') {
      sp_put(&b, lang == LANG_EN ? "and" : "a");
      p++;
    } else if (sp_is_address(text, p)) {
      const char *end = sp_address_end(p);
      sp_address(&b, p, end);
      b.mutate_next = false;
      p = end;
    } else if (isdigit(c) && sp_word_start(text, p) && (iso = sp_iso_at(p, &y, &m, &d, &hh, &mm))) {
      sp_date(&b, y, m, d, false);
      if (hh >= 0) {
        sp_put(&b, ", ");
        sp_clock(&b, hh, mm);
      }
      p += iso;
    } else if (isdigit(c) && (p == text || !isalnum((unsigned char)p[-1])) &&
               (iso = sp_written_date_at(lang, p, &d, &m, &y))) {
      /* "29 February": every date is said with its ordinal, as on the
       * confirm screen ("the twenty-ninth of February") */
      bool determiner = false; /* "no 29 February": "no twenty-ninth of February" */
      static const char *const dets[] = {" no ", " a ", " the ", " every ", " each "};
      for (size_t i = 0; i < sizeof dets / sizeof dets[0]; i++) {
        size_t n = strlen(dets[i]);
        if (b.len + 1 >= n && !strncasecmp(b.out + b.len - (n - 1), dets[i] + 1, n - 1) &&
            (b.len + 1 == n || !isalpha((unsigned char)b.out[b.len - n])))
          determiner = true;
      }
      sp_day_month(&b, d, m, !determiner);
      if (y) {
        char year[64];
        sp_put(&b, ", ");
        if (spoken_year(lang, y, year, sizeof year))
          sp_put(&b, year);
        else
          b.overflow = true;
      }
      p += iso;
    } else if ((isdigit(c) || (c == '+' && isdigit((unsigned char)p[1]))) &&
               (p == text || !isalnum((unsigned char)p[-1]))) {
      sp_run_t r;
      sp_read_run(p, &r);
      p = sp_run(&b, &r);
      if (*p == '-' && isdigit((unsigned char)p[1])) { /* "9-5": a range */
        sp_dash(&b, false);
        p++;
      }
    } else if (isalpha(c) || c >= 0x80) {
      p = sp_word(&b, text, p);
    } else {
      sp_putn(&b, p, 1);
      p++;
    }
  }
  return sp_done(&b);
}

