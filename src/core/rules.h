/*
 * The value rules of the central export (EXPORT_FORMAT.md): NHS numbers,
 * dates, UK postcodes, UK phone numbers, URLs and identifiers. Each function
 * checks one value as people write it and produces the stored, normalised
 * form. On failure it returns false and sets *why to a short, static English
 * reason that never repeats the value (so reports carry no patient data).
 */
#ifndef ALLWEDD_RULES_H
#define ALLWEDD_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* 10 digits, spaces allowed anywhere between them, valid Modulus 11 check
 * digit. out receives the 10 digits. */
bool rules_nhs_number(const char *in, char out[11], const char **why);

/* YYYY-MM-DD, a real calendar date between 1900-01-01 and 9999-12-31. */
bool rules_date(const char *in, int *year, int *month, int *day, const char **why);

/* A date of birth: a valid date, not before 1900-01-01 and not after today
 * (today is "YYYY-MM-DD", passed in so the rule is testable). */
bool rules_date_of_birth(const char *in, const char *today, const char **why);

/* A UK postcode in any case and spacing; out receives "CF14 2TL". */
bool rules_postcode(const char *in, char out[9], const char **why);

/* A UK phone number as people write it ("029 2061 5888", "+44 (0)29 2061
 * 5888", "0044 29..."): out receives E.164 ("+442920615888"). Short
 * national service numbers (999, 112, 111, 101, 119 and 116xxx) are kept as
 * their digits when allow_short is true. */
bool rules_phone(const char *in, bool allow_short, char out[17], const char **why);

/* An https:// URL with a host and no spaces or control characters. */
bool rules_https_url(const char *in, const char **why);

/* An e-mail address of the simple form local@domain.tld. */
bool rules_email(const char *in, const char **why);

/* 1-32 characters of A-Za-z0-9-_ . */
bool rules_identifier(const char *in, const char **why);

/* Valid UTF-8 of at most max_chars characters, no control characters
 * except, when allow_newlines, line breaks. */
bool rules_text(const char *in, size_t max_chars, bool allow_newlines, const char **why);

/* "YYYY-MM-DDTHH:MM:SSZ" (or with +00:00): out receives the Z form, which
 * sorts as text in time order. */
bool rules_utc_timestamp(const char *in, char out[21], const char **why);

#endif
