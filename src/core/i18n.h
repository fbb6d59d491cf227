/*
 * Bilingual text: the Welsh and English catalogues (locales/cy.po, en.po),
 * lookups by msgid with msgctxt and plurals, dates in both languages, and
 * collation (Welsh alphabet order for Welsh lists). Never depends on system
 * locales or setlocale(): switching language is a per-call argument.
 */
#ifndef ALLWEDD_I18N_H
#define ALLWEDD_I18N_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { LANG_CY = 0, LANG_EN = 1, LANG_COUNT = 2 } lang_t;

typedef struct i18n i18n_t;

/* Load cy.po and en.po from locale_dir. NULL on failure with a message
 * "FILE:LINE: reason" in err. Each catalogue must start with a header entry
 * whose Plural-Forms gives nplurals and a plural expression (C syntax: n,
 * integers, ! * / % + - < > <= >= == != && || ?: and parentheses). */
i18n_t *i18n_load(const char *locale_dir, char *err, size_t errlen);
void i18n_free(i18n_t *cat);

/* The translation of msgid (optionally in context ctx, may be NULL); never
 * NULL: falls back to msgid when the catalogue lacks it (or cat is NULL).
 * Fuzzy and empty translations are never used. */
const char *i18n_get(const i18n_t *cat, lang_t lang, const char *ctx, const char *msgid);

/* Plural lookup: the form for n chosen by the catalogue's Plural-Forms.
 * Falls back to msgid (n == 1) or msgid_plural (otherwise), the English
 * rule, when the form is missing. */
const char *i18n_nget(const i18n_t *cat, lang_t lang, const char *ctx, const char *msgid,
                      const char *msgid_plural, unsigned long n);

/* "3 March 1961" / "3 Mawrth 1961" from an ISO "YYYY-MM-DD"; false on a bad date. */
bool i18n_format_date(lang_t lang, const char *iso_date, char *out, size_t outlen);

/* strcmp-like comparison in the language's alphabetical order.
 * Level 1 compares letters without case or accents, word by word (a run of
 * spaces sorts before any letter; punctuation is ignored); level 2 accents
 * (a < â); level 3 case (lower first); finally the bytes, so only identical
 * strings compare equal. Welsh uses the Welsh alphabet: a b c ch d dd e f ff
 * g ng h i j l ll m n o p ph r rh s t th u w y, each digraph one letter (k q
 * v x z, found in names, sort where English puts them). "ng" is the letter
 * ng except in a short list of words where it is n + g (Bangor, dangos,
 * place names in Llan-: Llangollen), see i18n_collate.c. Invalid UTF-8 sorts
 * as U+FFFD. */
int i18n_collate(lang_t lang, const char *a, const char *b);

/* "cy" / "en", and the reverse (false on anything else). */
const char *i18n_lang_code(lang_t lang);
bool i18n_lang_from_code(const char *code, lang_t *lang);

/* ---- Additions (helper A): formatting, plurals, dates, sorting ---------- */

/* The plural form index (0 <= index < nplurals) that lang's Plural-Forms
 * expression chooses for n: for Welsh 0 zero, 1 one, 2 two, 3 few, 4 many
 * (n == 6), 5 other; for English 0 one, 1 other. 0 when cat is NULL. */
unsigned long i18n_plural_form(const i18n_t *cat, lang_t lang, unsigned long n);

/* nplurals of lang's catalogue (cy 6, en 2); 0 when cat is NULL. */
unsigned long i18n_plural_count(const i18n_t *cat, lang_t lang);

/* Substitute text arguments into a translated format string. "%s", "%d",
 * "%u", "%lu", "%ld", "%zu" take the next argument and "%N$s" (etc.) takes
 * argument N (1-based); "%%" is a percent sign. Every argument is already
 * text (format numbers before calling): translated strings never reach
 * printf, so a faulty translation cannot crash the kiosk. false, with out
 * set to "", when fmt has another directive, names a missing argument, or
 * out is too small. */
bool i18n_format_args(char *out, size_t outlen, const char *fmt, const char *const *args,
                      size_t nargs);

/* Dates. Only whole dates are formatted here: opening hours such as
 * "Mon–Fri 9am–4pm" are data from the export and are shown exactly as given,
 * in the language column they came from; nothing parses or rewrites them. */

/* "March" / "Mawrth" for month 1..12; NULL out of range. */
const char *i18n_month_name(lang_t lang, int month);

/* "Monday" / "Dydd Llun" for ISO weekday 1 (Monday) .. 7 (Sunday); NULL out
 * of range. */
const char *i18n_weekday_name(lang_t lang, int weekday);

/* ISO weekday (1 Monday .. 7 Sunday) of "YYYY-MM-DD"; 0 on a bad date. */
int i18n_weekday_of(const char *iso_date);

/* "Monday 3 March 1961" / "Dydd Llun 3 Mawrth 1961"; false on a bad date or
 * when out is too small. */
bool i18n_format_date_long(lang_t lang, const char *iso_date, char *out, size_t outlen);

/* A moment as people write it, in the kiosk's local time (TZ), from the
 * UTC "YYYY-MM-DDTHH:MM:SSZ" the store keeps: "20 November 2026, 23:05" /
 * "20 Tachwedd 2026, 23:05" (24-hour clock, as NHS Wales writes times).
 * Never the ISO text. false, with out "", on a text that is not such a
 * time, or when out is too small. */
bool i18n_format_utc_local(lang_t lang, const char *utc_iso, char *out, size_t outlen);

/* Stable sort of count items of size bytes each by key(item) in lang's
 * alphabetical order (i18n_collate). false on allocation failure, with the
 * items left as they were. */
bool i18n_sort(lang_t lang, void *items, size_t count, size_t size,
               const char *(*key)(const void *item));

#endif
