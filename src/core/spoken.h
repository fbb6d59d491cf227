/*
 * Words for speech: what the read-aloud says for numbers, phone numbers,
 * emergency numbers, dates, times, web and e-mail addresses, in Welsh and
 * English, as people say them. espeak-ng alone reads "999" as "nine hundred
 * and ninety-nine" ("naw cant naw deg naw"), "111" as a hundred and eleven
 * and the Welsh "0" as "nwl"; so the kiosk turns these into words before
 * synthesis, and the speech engine only ever receives words.
 *
 * Pure: no I/O, no allocation, no locale. Every function writes into the
 * caller's buffer and returns false, with out set to "", when the input is
 * not what it takes or out is too small; nothing is ever half-written.
 *
 * The choices (Welsh reviewers: see docs/speech.md):
 * - Phone numbers are read digit by digit in the groups they are written in,
 *   with a short pause (a comma) between groups: "029 2018 0123" is "dim dau
 *   naw, dau dim un wyth, dim un dau tri" / "oh two nine, two oh one eight,
 *   oh one two three". Welsh zero is "dim". English zero in a phone number
 *   is "oh", as British callers and the NHS 111 recordings say it; a zero
 *   counted on its own is "zero".
 * - 999, 111, 112, 101, 105 and 119 standing alone, and 116 xxx helplines,
 *   are read digit by digit: "naw naw naw", "one one six, one two three".
 * - Counting numbers use the Welsh decimal system taught in schools and used
 *   by espeak-ng ("dau ddeg pedwar", "cant ac un", "dwy fil dau ddeg
 *   chwech") and British English ("one hundred and one").
 * - Years: "mil naw chwe deg un", "dwy fil a phump" / "nineteen sixty-one",
 *   "two thousand and five", "twenty twenty-six".
 * - Dates: "dydd Llun, y trydydd o Fawrth, mil naw chwe deg un" / "Monday,
 *   the third of March, nineteen sixty-one": the traditional Welsh ordinals
 *   (y cyntaf ... yr unfed ar ddeg ar hugain) and the month soft-mutated
 *   after "o" (Mawrth -> Fawrth, Gorffennaf -> Orffennaf).
 * - Ranges "Llun–Gwener 9yb–4yp" become "Llun i Wener naw y bore i bedwar y
 *   prynhawn" (soft mutation after "i"); "Mon–Fri 9am–4pm" becomes "Monday
 *   to Friday 9am to 4pm" (espeak-ng reads "9am" well in English).
 */
#ifndef ALLWEDD_SPOKEN_H
#define ALLWEDD_SPOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"

/* A whole number 0 .. 999999 in words: 24 -> "twenty-four" / "dau ddeg
 * pedwar". false out of range. */
bool spoken_cardinal(lang_t lang, long n, char *out, size_t outlen);

/* A year as people say it (1100 .. 2099; other numbers as a cardinal). */
bool spoken_year(lang_t lang, int year, char *out, size_t outlen);

/* Digits one by one, in the groups they are written in: spaces and hyphens
 * separate groups (read with a comma between), a leading "+" is "plus" /
 * "plws", brackets are ignored. false when written holds anything else or
 * no digit. */
bool spoken_digits(lang_t lang, const char *written, char *out, size_t outlen);

/* A phone number: E.164 UK numbers ("+442920180123") are first grouped the
 * way the card and screen show them ("029 2018 0123"), a bare 116 xxx
 * helpline as "116 123"; then spoken_digits(). */
bool spoken_phone(lang_t lang, const char *phone, char *out, size_t outlen);

/* Letters and digits one by one, for codes such as a postcode: "CF14 4XW"
 * -> "C F one four, four X W" (groups as written). false on anything but
 * ASCII letters, digits and spaces. */
bool spoken_code(lang_t lang, const char *code, char *out, size_t outlen);

/* An ISO date "YYYY-MM-DD" in words, with the weekday in front when
 * weekday is true. false on a date rules_date() refuses. */
bool spoken_date(lang_t lang, const char *iso_date, bool weekday, char *out, size_t outlen);

/* The Welsh soft mutation of the first letter(s) of word (p->b, t->d, c->g,
 * b->f, d->dd, g dropped, m->f, ll->l, rh->r; ch, ph, th and vowels
 * unchanged), keeping a capital: "Mawrth" -> "Fawrth", "Gwener" -> "Wener".
 * The rest of word is copied. */
bool spoken_soft_mutation(const char *word, char *out, size_t outlen);

/* Running text made ready for speech: numbers, phone and emergency
 * numbers, ISO dates and times, times of day (9am, 9yb), ranges with an en
 * dash, English day abbreviations, web and e-mail addresses, bullets,
 * " / " between two languages, "&" and "%" are put into words as above;
 * everything else is copied. false when out is too small. */
bool spoken_text(lang_t lang, const char *text, char *out, size_t outlen);

/* ---- a script: what one tap on Listen says -------------------------------- */

enum { SPOKEN_SCRIPT_PARTS_MAX = 32, SPOKEN_SCRIPT_TEXT_MAX = 16384 };

/* One run of text in one language (the welcome screen speaks both). */
typedef struct {
  lang_t lang;
  size_t offset;   /* of its NUL-terminated words in the script's text */
} spoken_part_t;

/* Sentences in reading order, grouped in runs of one language. A plain value
 * (no pointers): it can be copied into an action or to another thread, and
 * must be wiped (sodium_memzero) when it may hold a name. */
typedef struct {
  size_t count;                           /* parts used */
  size_t used;                            /* bytes of text used */
  bool truncated;                         /* a sentence did not fit and was left out */
  spoken_part_t parts[SPOKEN_SCRIPT_PARTS_MAX];
  char text[SPOKEN_SCRIPT_TEXT_MAX];
} spoken_script_t;

/* Empty the script. */
void spoken_script_clear(spoken_script_t *s);

/* Append one sentence of words in lang (a full stop is added when it ends
 * without punctuation, so each sentence ends with a pause; each sentence in
 * words starts with a capital letter, "zero requests" -> "Zero requests"). A sentence in
 * the same language as the last part joins that part. false (and
 * s->truncated set) when it does not fit; empty words are ignored (true). */
bool spoken_script_add(spoken_script_t *s, lang_t lang, const char *words);

/* Part i's words and language; NULL when i is out of range. */
const char *spoken_script_part(const spoken_script_t *s, size_t i, lang_t *lang);

#endif
