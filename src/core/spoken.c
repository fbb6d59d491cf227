/*
 * Numbers, dates and addresses in words for the read-aloud (see spoken.h for
 * the choices). The Welsh number words follow the decimal system of
 * espeak-ng and of Welsh schools; the date ordinals are the traditional
 * ones every Welsh calendar and news bulletin uses. This module never
 * touches audio: it only writes words.
 */
#include "core/spoken_private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"

/* ---- the output buffer --------------------------------------------------- */

/* A buffer writing into out. */
sp_buf_t sp_buf(lang_t lang, char *out, size_t outlen)
{
  sp_buf_t b = {.out = out, .cap = outlen, .lang = lang};
  if (outlen)
    out[0] = '\0';
  else
    b.overflow = true;
  return b;
}

/* Append n bytes of s. */
void sp_putn(sp_buf_t *b, const char *s, size_t n)
{
  if (b->overflow)
    return;
  if (b->len + n + 1 > b->cap) {
    b->overflow = true;
    return;
  }
  memcpy(b->out + b->len, s, n);
  b->len += n;
  b->out[b->len] = '\0';
}

/* Append s. */
void sp_put(sp_buf_t *b, const char *s) { sp_putn(b, s, strlen(s)); }

/* Append a word or words, soft-mutating the first when one is due. */
void sp_words(sp_buf_t *b, const char *words)
{
  if (b->mutate_next && b->lang == LANG_CY && isalpha((unsigned char)words[0])) {
    char mutated[128];
    b->mutate_next = false;
    if (strlen(words) < sizeof mutated && spoken_soft_mutation(words, mutated, sizeof mutated)) {
      sp_put(b, mutated);
      return;
    }
  }
  b->mutate_next = false;
  sp_put(b, words);
}

/* Finish: false (and out "") on overflow. */
bool sp_done(sp_buf_t *b)
{
  if (b->overflow) {
    if (b->cap)
      b->out[0] = '\0';
    return false;
  }
  return true;
}

/* ---- number words ------------------------------------------------------- */

static const char *const sp_en_ones[20] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
  "nineteen"};
static const char *const sp_en_tens[10] = {"", "ten", "twenty", "thirty", "forty", "fifty",
                                           "sixty", "seventy", "eighty", "ninety"};
static const char *const sp_cy_units[10] = {"dim", "un", "dau", "tri", "pedwar", "pump",
                                            "chwech", "saith", "wyth", "naw"};
static const char *const sp_cy_tens[10] = {"", "un deg", "dau ddeg", "tri deg", "pedwar deg",
                                           "pum deg", "chwe deg", "saith deg", "wyth deg",
                                           "naw deg"};
static const char *const sp_cy_hundreds[10] = {"", "cant", "dau gant", "tri chant",
                                               "pedwar cant", "pum cant", "chwe chant",
                                               "saith cant", "wyth cant", "naw cant"};
static const char *const sp_cy_thousands[11] = {"", "mil", "dwy fil", "tair mil", "pedair mil",
                                                "pum mil", "chwe mil", "saith mil", "wyth mil",
                                                "naw mil", "deng mil"};
/* "a" / "ac" and the aspirate mutation after it: "cant a phump". */
static const char *const sp_cy_and[11] = {"", "ac un", "a dau", "a thri", "a phedwar",
                                          "a phump", "a chwech", "a saith", "ac wyth", "a naw",
                                          "a deg"};

/* English 0..99. */
static void sp_en_below100(sp_buf_t *b, int n)
{
  if (n < 20) {
    sp_put(b, sp_en_ones[n]);
    return;
  }
  sp_put(b, sp_en_tens[n / 10]);
  if (n % 10) {
    sp_put(b, "-");
    sp_put(b, sp_en_ones[n % 10]);
  }
}

/* English 0..999 ("one hundred and one"). */
static void sp_en_below1000(sp_buf_t *b, int n)
{
  if (n >= 100) {
    sp_put(b, sp_en_ones[n / 100]);
    sp_put(b, " hundred");
    if (n % 100) {
      sp_put(b, " and ");
      sp_en_below100(b, n % 100);
    }
    return;
  }
  sp_en_below100(b, n);
}

/* Welsh 0..99, decimal ("dau ddeg pedwar"). */
static void sp_cy_below100(sp_buf_t *b, int n)
{
  if (n < 10) {
    sp_put(b, sp_cy_units[n]);
  } else if (n == 10) {
    sp_put(b, "deg");
  } else {
    sp_put(b, sp_cy_tens[n / 10]);
    if (n % 10) {
      sp_put(b, " ");
      sp_put(b, sp_cy_units[n % 10]);
    }
  }
}

/* Welsh remainder after hundreds or thousands: 1..10 join with "a"/"ac". */
static void sp_cy_rest(sp_buf_t *b, int r, void (*below)(sp_buf_t *, int))
{
  if (!r)
    return;
  sp_put(b, " ");
  if (r <= 10)
    sp_put(b, sp_cy_and[r]);
  else
    below(b, r);
}

/* Welsh 0..999 ("cant ac un", "naw cant naw deg naw"). */
static void sp_cy_below1000(sp_buf_t *b, int n)
{
  if (n < 100) {
    sp_cy_below100(b, n);
    return;
  }
  sp_put(b, sp_cy_hundreds[n / 100]);
  sp_cy_rest(b, n % 100, sp_cy_below100);
}

/* A whole number 0 .. 999999 in words. */
bool spoken_cardinal(lang_t lang, long n, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  if (n < 0 || n > 999999 || (unsigned)lang >= LANG_COUNT) {
    b.overflow = true;
    return sp_done(&b);
  }
  int thousands = (int)(n / 1000), rest = (int)(n % 1000);
  if (lang == LANG_EN) {
    if (thousands) {
      sp_en_below1000(&b, thousands);
      sp_put(&b, " thousand");
      if (rest)
        sp_put(&b, rest < 100 ? " and " : " ");
    }
    if (rest || !thousands)
      sp_en_below1000(&b, rest);
    return sp_done(&b);
  }
  if (thousands) {
    if (thousands <= 10) {
      sp_put(&b, sp_cy_thousands[thousands]);
    } else {
      sp_cy_below1000(&b, thousands);
      sp_put(&b, " mil");
    }
    sp_cy_rest(&b, rest, sp_cy_below1000);
  } else {
    sp_cy_below1000(&b, rest);
  }
  return sp_done(&b);
}

/* A year as people say it. */
bool spoken_year(lang_t lang, int year, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  int hi = year / 100, lo = year % 100;
  bool split = year >= 1100 && year <= 2099 && (lang == LANG_EN ? !(year >= 2000 && year < 2010)
                                                                 : year < 2000);
  if (!split || (unsigned)lang >= LANG_COUNT)
    return spoken_cardinal(lang, year, out, outlen);
  if (lang == LANG_EN) {
    /* "nineteen sixty-one", "nineteen oh five", "nineteen hundred" */
    sp_en_below100(&b, hi);
    if (!lo) {
      sp_put(&b, " hundred");
    } else {
      sp_put(&b, lo < 10 ? " oh " : " ");
      sp_en_below100(&b, lo);
    }
  } else {
    /* "mil naw chwe deg un", "mil naw dim pump", "mil naw cant" */
    sp_put(&b, "mil ");
    sp_put(&b, sp_cy_units[hi % 10]);
    if (!lo) {
      sp_put(&b, " cant");
    } else {
      sp_put(&b, " ");
      if (lo < 10)
        sp_put(&b, "dim ");
      sp_cy_below100(&b, lo);
    }
  }
  return sp_done(&b);
}

/* The word for one digit in a phone number or code. */
static const char *sp_digit_word(lang_t lang, char d)
{
  if (lang == LANG_EN)
    return d == '0' ? "oh" : sp_en_ones[d - '0'];
  return sp_cy_units[d - '0'];
}

/* Digits one by one, in the groups they are written in. */
bool spoken_digits(lang_t lang, const char *written, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  bool any = false, gap = false;
  if (!written || (unsigned)lang >= LANG_COUNT)
    b.overflow = true;
  for (const char *p = written; !b.overflow && *p; p++) {
    if (*p == '+' && !any && !gap && b.len == 0) {
      sp_put(&b, lang == LANG_EN ? "plus" : "plws");
      gap = true;
    } else if (*p == ' ' || *p == '-') {
      gap = any || gap;
    } else if (*p == '(' || *p == ')') {
      continue;
    } else if (*p >= '0' && *p <= '9') {
      if (b.len)
        sp_put(&b, gap && any ? ", " : " ");
      sp_put(&b, sp_digit_word(lang, *p));
      any = true;
      gap = false;
    } else {
      b.overflow = true;
    }
  }
  if (!any)
    b.overflow = true;
  return sp_done(&b);
}

/* A phone number, grouped as the screen shows it, then its extension. */
bool spoken_phone(lang_t lang, const char *phone, char *out, size_t outlen)
{
  char shown[64], ext[64];
  if (!phone) {
    if (outlen)
      out[0] = '\0';
    return false;
  }
  rules_phone_format(phone, NULL, shown, sizeof shown);
  size_t n = strlen(shown);
  bool helpline = n == 6 && !strncmp(shown, "116", 3) && strspn(shown, "0123456789") == 6;
  if (helpline) /* Samaritans and the other 116 helplines: "116 123" */
    snprintf(shown, sizeof shown, "116 %.3s", phone + 3);
  if (!spoken_digits(lang, shown, out, outlen))
    return false;
  const char *extension = rules_phone_extension(phone);
  if (!extension)
    return true;
  if (!spoken_digits(lang, extension, ext, sizeof ext))
    return true;
  sp_buf_t b = {.out = out, .cap = outlen, .len = strlen(out), .lang = lang};
  sp_put(&b, lang == LANG_EN ? ", extension " : ", estyniad ");
  sp_put(&b, ext);
  return sp_done(&b);
}

/* Letters and digits one by one. */
bool spoken_code(lang_t lang, const char *code, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  bool any = false, gap = false;
  if (!code || (unsigned)lang >= LANG_COUNT)
    b.overflow = true;
  for (const char *p = code; !b.overflow && *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch == ' ') {
      gap = any;
      continue;
    }
    if (!isalnum(ch) || ch > 127) {
      b.overflow = true;
      break;
    }
    if (any)
      sp_put(&b, gap ? ", " : " ");
    if (isdigit(ch)) {
      sp_put(&b, sp_digit_word(lang, (char)ch));
    } else {
      char letter[2] = {(char)toupper(ch), 0};
      sp_put(&b, letter);
    }
    any = true;
    gap = false;
  }
  if (!any)
    b.overflow = true;
  return sp_done(&b);
}

/* ---- dates -------------------------------------------------------------- */

static const char *const sp_en_ordinals[20] = {
  "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
  "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
  "seventeenth", "eighteenth", "nineteenth"};

/* The traditional Welsh ordinals of the days of a month, with the article. */
static const char *const sp_cy_day_ordinals[32] = {
  "", "y cyntaf", "yr ail", "y trydydd", "y pedwerydd", "y pumed", "y chweched", "y seithfed",
  "yr wythfed", "y nawfed", "y degfed", "yr unfed ar ddeg", "y deuddegfed",
  "y trydydd ar ddeg", "y pedwerydd ar ddeg", "y pymthegfed", "yr unfed ar bymtheg",
  "yr ail ar bymtheg", "y deunawfed", "y pedwerydd ar bymtheg", "yr ugeinfed",
  "yr unfed ar hugain", "yr ail ar hugain", "y trydydd ar hugain", "y pedwerydd ar hugain",
  "y pumed ar hugain", "y chweched ar hugain", "y seithfed ar hugain", "yr wythfed ar hugain",
  "y nawfed ar hugain", "y degfed ar hugain", "yr unfed ar ddeg ar hugain"};

/* English ordinal of a day of the month, with "the" when article. */
static void sp_en_day_ordinal(sp_buf_t *b, int d, bool article)
{
  if (article)
    sp_put(b, "the ");
  if (d < 20) {
    sp_put(b, sp_en_ordinals[d]);
  } else if (d % 10 == 0) {
    sp_put(b, d == 20 ? "twentieth" : "thirtieth");
  } else {
    sp_put(b, sp_en_tens[d / 10]);
    sp_put(b, "-");
    sp_put(b, sp_en_ordinals[d % 10]);
  }
}

/* Append a day of a month in words: "the twenty-ninth of February" / "y
 * nawfed ar hugain o Chwefror" (the month soft-mutated after "o"); English
 * leaves out "the" when not article (after "no", "a"). */
void sp_day_month(sp_buf_t *b, int d, int m, bool article)
{
  if (d < 1 || d > 31 || m < 1 || m > 12) {
    b->overflow = true;
    return;
  }
  if (b->lang == LANG_EN) {
    sp_en_day_ordinal(b, d, article);
    sp_put(b, " of ");
    sp_put(b, i18n_month_name(b->lang, m));
  } else {
    sp_put(b, sp_cy_day_ordinals[d]);
    sp_put(b, " o ");
    b->mutate_next = true; /* "o Fawrth" */
    sp_words(b, i18n_month_name(b->lang, m));
  }
}

/* Append the date y-m-d in words. */
void sp_date(sp_buf_t *b, int y, int m, int d, bool weekday)
{
  char iso[16], year[64];
  snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
  if (weekday) {
    const char *name = i18n_weekday_name(b->lang, i18n_weekday_of(iso));
    if (b->lang == LANG_CY && !strncmp(name, "Dydd ", 5)) {
      sp_put(b, "dydd ");
      name += 5;
    }
    sp_words(b, name);
    sp_put(b, ", ");
  }
  sp_day_month(b, d, m, true);
  sp_put(b, ", ");
  if (!spoken_year(b->lang, y, year, sizeof year))
    b->overflow = true;
  sp_put(b, year);
}

/* An ISO date in words. */
bool spoken_date(lang_t lang, const char *iso_date, bool weekday, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(lang, out, outlen);
  int y, m, d;
  const char *why = NULL;
  if (!iso_date || (unsigned)lang >= LANG_COUNT || !rules_date(iso_date, &y, &m, &d, &why))
    b.overflow = true;
  else
    sp_date(&b, y, m, d, weekday);
  return sp_done(&b);
}

/* ---- Welsh soft mutation ------------------------------------------------- */

/* The soft mutation of word. */
bool spoken_soft_mutation(const char *word, char *out, size_t outlen)
{
  sp_buf_t b = sp_buf(LANG_CY, out, outlen);
  if (!word) {
    b.overflow = true;
    return sp_done(&b);
  }
  bool upper = isupper((unsigned char)word[0]);
  char c0 = (char)tolower((unsigned char)word[0]), c1 = (char)tolower((unsigned char)word[1]);
  const char *to = NULL;  /* the new start */
  size_t skip = 0;        /* bytes of word it replaces */
  if ((c0 == 'l' && c1 == 'l') || (c0 == 'r' && c1 == 'h')) {
    to = c0 == 'l' ? "l" : "r";
    skip = 2;
  } else if (c1 != 'h') {
    skip = 1;
    switch (c0) {
    case 'p': to = "b"; break;
    case 't': to = "d"; break;
    case 'c': to = "g"; break;
    case 'b': to = "f"; break;
    case 'd': to = c1 == 'd' ? NULL : "dd"; break;
    case 'g': to = ""; break;
    case 'm': to = "f"; break;
    default: to = NULL; break;
    }
  }
  if (!to) {
    sp_put(&b, word);
    return sp_done(&b);
  }
  const char *rest = word + skip;
  if (!upper) {
    sp_put(&b, to);
    sp_put(&b, rest);
  } else if (to[0]) {
    char first = (char)toupper((unsigned char)to[0]);
    sp_putn(&b, &first, 1);
    sp_put(&b, to + 1);
    sp_put(&b, rest);
  } else if (rest[0]) {
    /* "Gwener" -> "Wener": the next letter takes the capital */
    char first = (char)toupper((unsigned char)rest[0]);
    sp_putn(&b, &first, 1);
    sp_put(&b, rest + 1);
  }
  return sp_done(&b);
}

/* ---- the script --------------------------------------------------------- */

/* Empty the script. */
void spoken_script_clear(spoken_script_t *s)
{
  s->count = 0;
  s->used = 0;
  s->truncated = false;
  s->text[0] = '\0';
}

/* Append one sentence. */
/* Capitalise the letter at t when it is a small one: ASCII, the Latin-1
 * letters in UTF-8 (à..þ but ÷) and Welsh ŵ, ŷ (U+0175, U+0177). The byte
 * length does not change. */
static void sp_capital_at(char *t, size_t left)
{
  unsigned char *u = (unsigned char *)t;
  if (left >= 1 && u[0] >= 'a' && u[0] <= 'z')
    u[0] = (unsigned char)(u[0] - 'a' + 'A');
  else if (left >= 2 && u[0] == 0xc3 && u[1] >= 0xa0 && u[1] <= 0xbe && u[1] != 0xb7)
    u[1] = (unsigned char)(u[1] - 0x20);
  else if (left >= 2 && u[0] == 0xc5 && (u[1] == 0xb5 || u[1] == 0xb7))
    u[1] = (unsigned char)(u[1] - 1);
}

/* Every sentence of t[0..n) starts with a capital letter: the first word,
 * and each word after ". ", "? " or "! " ("zero requests..." reads as a
 * sentence; espeak-ng pauses the same, and a reviewer reading --text sees a
 * sentence). */
static void sp_capitalise_sentences(char *t, size_t n)
{
  bool start = true;
  for (size_t i = 0; i < n; i++) {
    if (start && t[i] != ' ' && t[i] != '"' && t[i] != '(') {
      sp_capital_at(t + i, n - i);
      start = false;
    }
    /* not after an abbreviation such as "a.m." or "e.g." */
    if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && i + 1 < n && t[i + 1] == ' ' &&
        !(t[i] == '.' && i >= 2 && t[i - 2] == '.'))
      start = true;
  }
}

bool spoken_script_add(spoken_script_t *s, lang_t lang, const char *words)
{
  while (words && (*words == ' ' || *words == '\n'))
    words++;
  size_t n = words ? strlen(words) : 0;
  while (n && (words[n - 1] == ' ' || words[n - 1] == '\n'))
    n--;
  if (!n)
    return true;
  bool stop = strchr(".!?:;,", words[n - 1]) != NULL;
  bool join = s->count && s->parts[s->count - 1].lang == lang;
  /* joining replaces the part's NUL by a space; a new part needs a NUL */
  size_t need = n + (stop ? 0 : 1) + 1;
  if (s->used + need > sizeof s->text || (!join && s->count == SPOKEN_SCRIPT_PARTS_MAX)) {
    s->truncated = true;
    return false;
  }
  size_t at = s->used;
  if (join) {
    s->text[at - 1] = ' ';
  } else {
    s->parts[s->count++] = (spoken_part_t){.lang = lang, .offset = at};
  }
  memcpy(s->text + at, words, n);
  sp_capitalise_sentences(s->text + at, n);
  at += n;
  if (!stop)
    s->text[at++] = '.';
  s->text[at++] = '\0';
  s->used = at;
  return true;
}

/* Part i's words and language. */
const char *spoken_script_part(const spoken_script_t *s, size_t i, lang_t *lang)
{
  if (i >= s->count)
    return NULL;
  if (lang)
    *lang = s->parts[i].lang;
  return s->text + s->parts[i].offset;
}
