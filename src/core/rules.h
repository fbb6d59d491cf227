/*
 * The value rules of the central export (EXPORT_FORMAT.md): NHS numbers,
 * dates, UK postcodes, UK phone numbers, URLs, identifiers and text. Each
 * function checks one value as people write it and produces the stored,
 * normalised form. On failure it returns false and sets *why to a short,
 * static English reason that says what is allowed and never repeats the
 * value (so reports carry no patient data). The reasons are also msgids of
 * the "sync" context in locales/cy.po and en.po, so the staff screen can show them in
 * Welsh (sync_text.h).
 *
 * The data behind the rules (postcode areas, the UK telephone numbering
 * plan) is kept as tables in rules_data.c, each with its source.
 */
#ifndef ALLWEDD_RULES_H
#define ALLWEDD_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum {
  RULES_POSTCODE_MAX = 11, /* "BFPO 1234" and "CF14 2TL" with the NUL */
  RULES_PHONE_MAX = 32,    /* "+442920615888;ext=1234567" with the NUL */
  RULES_PHONE_EXT_MAX_DIGITS = 7,
};

/* 10 digits, spaces allowed anywhere between them, valid Modulus 11 check
 * digit, and a number that can exist: not all one digit (0000000000 and
 * 1111111111 ... 9999999999 all pass Modulus 11), not below 010 100 0000
 * (the lowest Scottish CHI number), and in the CHI range (first digit 0-2)
 * its first six digits a day and month (DDMMYY). out receives the 10 digits.
 * Source: NHS Data Dictionary "NHS Number"; ISD Scotland "CHI Number". */
bool rules_nhs_number(const char *in, char out[11], const char **why);

/* YYYY-MM-DD, a real calendar date between 1900-01-01 and 9999-12-31. */
bool rules_date(const char *in, int *year, int *month, int *day, const char **why);

/* A date of birth: a valid date, not before 1900-01-01 and not after today
 * (today is "YYYY-MM-DD", passed in so the rule is testable). */
bool rules_date_of_birth(const char *in, const char *today, const char **why);

/* A UK postcode as people type it: any case, any spacing (spaces, tabs,
 * no-break and thin spaces, a hyphen between the halves), in a postcode
 * area that exists (rules_data.c), or a British Forces address "BFPO n"
 * (1-4 digits), or GIR 0AA. out receives "CF14 2TL" / "BFPO 105". */
bool rules_postcode(const char *in, char out[RULES_POSTCODE_MAX], const char **why);

/* A UK phone number as people write it ("029 2061 5888", "+44 (0)29 2061
 * 5888", "0044 29...", "0800 123 456", "0800 1111"), with an optional
 * extension ("ext 2345", "ext. 2345", "x2345", "extension 2345", Welsh
 * "est 2345"): checked against the numbering plan's ranges and their
 * lengths (rules_data.c), stored as E.164 with the extension in RFC 3966
 * form: "+442920615888" or "+442920615888;ext=2345". When allow_short is
 * true, the short numbers a service may give (999, 112, 111, 101, 105, 119,
 * 116xxx and 118xxx) are kept as their digits ("116123"). */
bool rules_phone(const char *in, bool allow_short, char out[RULES_PHONE_MAX], const char **why);

/* A stored phone number (rules_phone's output) in the UK national format
 * with the numbering plan's grouping: "029 2061 5888", "01387 123456",
 * "013873 12345", "0800 123 456", "0800 1111", "07700 900123", "116 123";
 * an extension follows as " <ext_word> 2345" (ext_word e.g. "ext." or its
 * Welsh "est."; NULL leaves the extension out, for a caller that shows it
 * apart: rules_phone_extension). Anything else is copied as it is and the
 * function returns false. out is always NUL-terminated. */
bool rules_phone_format(const char *stored, const char *ext_word, char *out, size_t outlen);

/* The extension digits of a stored number, or NULL when it has none. */
const char *rules_phone_extension(const char *stored);

/* A stored phone number as a phone dials it: E.164, and an extension after
 * a pause ("+442920615888,2345"), for the card's vCard. */
void rules_phone_dial_string(const char *stored, char *out, size_t outlen);

/* A web address a patient may open: https:// (any case) or, when
 * allow_http, http://; a dotted host name; no user name or password before
 * the host (https://user:pass@host), no spaces or control characters. */
bool rules_web_url(const char *in, bool allow_http, const char **why);

/* The EXPORT_FORMAT.md rule for services.csv url: https:// only. */
bool rules_https_url(const char *in, const char **why);

/* An e-mail address of the simple form local@domain.tld. */
bool rules_email(const char *in, const char **why);

/* 1-32 characters of A-Za-z0-9-_ . */
bool rules_identifier(const char *in, const char **why);

/* Valid UTF-8 of at most max_chars characters, no control characters
 * except, when allow_newlines, line breaks. */
bool rules_text(const char *in, size_t max_chars, bool allow_newlines, const char **why);

/* What a text value holds, for the sync's checks and warnings. */
typedef enum {
  RULES_LOSS_NONE = 0,
  RULES_LOSS_REPLACEMENT, /* U+FFFD: a character could not be read when the file was saved */
  RULES_LOSS_MOJIBAKE,    /* UTF-8 read as Windows-1252 or Latin-1 and saved again ("Ã¢" for â, "Å·" for ŷ) */
  RULES_LOSS_QUESTION,    /* '?' between letters: a letter such as ŵ or ŷ the encoding could not hold */
  RULES_LOSS_ENTITY,      /* an HTML/XML character reference ("&#373;", "&wcirc;") where a letter should be */
  RULES_LOSS_CARET,       /* '^' after a vowel ("w^", "y^"): a circumflex typed as a separate character */
} rules_loss_t;

typedef struct {
  size_t chars;            /* code points */
  bool line_breaks;        /* holds '\n' or '\r' */
  bool tabs;               /* holds '\t' */
  rules_loss_t loss;       /* the first sign of lost letters found */
} rules_text_facts_t;

/* Inspect UTF-8 text: false with *why when it is not valid UTF-8 or holds
 * a C0 control character other than TAB, CR and LF, or DEL. A C1 control
 * (U+0080-U+009F) is a sign of Latin-1 mojibake, not an error. A '?' counts
 * as a sign of loss between two letters, or anywhere when question_anywhere
 * (names never hold one). */
bool rules_text_inspect(const char *in, bool question_anywhere, rules_text_facts_t *facts, const char **why);

/* "YYYY-MM-DDTHH:MM:SSZ", also with fractional seconds, a lower-case t or
 * z, or a UTC offset ("+01:00", "-05:00", "+0100"): out receives the
 * instant in UTC in the Z form without fractions, which sorts as text in
 * time order. */
bool rules_utc_timestamp(const char *in, char out[21], const char **why);

#endif
