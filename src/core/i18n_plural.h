/*
 * Plural-Forms: the gettext header value "nplurals=6; plural=EXPR;" compiled
 * once into a small expression tree and evaluated for each count. The
 * grammar is the C subset gettext uses: n, decimal integers, parentheses,
 * ! * / % + - < > <= >= == != && || and ?:, with C precedence. Evaluation
 * is safe for every input: unsigned arithmetic, x / 0 and x % 0 give 0, the
 * tree size and nesting are bounded, and a result outside 0..nplurals-1 is
 * never returned.
 */
#ifndef ALLWEDD_I18N_PLURAL_H
#define ALLWEDD_I18N_PLURAL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct i18n_plural i18n_plural_t;

enum { I18N_PLURAL_MAX_NODES = 256, I18N_PLURAL_MAX_DEPTH = 64, I18N_PLURAL_MAX_FORMS = 8 };

/* Compile a Plural-Forms value, e.g. "nplurals=2; plural=(n != 1);". NULL
 * with a reason in err (no file or line: the caller adds them) on a syntax
 * error, nplurals outside 1..I18N_PLURAL_MAX_FORMS, an over-large
 * expression, or an expression that gives a form >= nplurals for some n in
 * 0..1000. */
i18n_plural_t *i18n_plural_parse(const char *plural_forms, char *err, size_t errlen);
void i18n_plural_free(i18n_plural_t *pl);

/* nplurals. */
unsigned long i18n_plural_nforms(const i18n_plural_t *pl);

/* The form index for n, always < nplurals (0 if the expression says
 * otherwise). */
unsigned long i18n_plural_eval(const i18n_plural_t *pl, unsigned long n);

/* The raw value of the expression for n, for tests of the evaluator. */
unsigned long i18n_plural_value(const i18n_plural_t *pl, unsigned long n);

#endif
