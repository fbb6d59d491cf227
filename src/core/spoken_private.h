/*
 * Inside the spoken-forms module (spoken.c, spoken_text.c): the output
 * buffer both write through, which fails as a whole, and the pieces the
 * running-text reader borrows from the number and date words. Nothing
 * outside src/core/spoken*.c includes this.
 */
#ifndef ALLWEDD_SPOKEN_PRIVATE_H
#define ALLWEDD_SPOKEN_PRIVATE_H

#include "core/spoken.h"

typedef struct {
  char *out;
  size_t cap, len;
  bool overflow;
  lang_t lang;
  bool mutate_next;   /* Welsh: soft-mutate the next word (after "i", "o") */
} sp_buf_t;

/* A buffer writing into out ("" at once; overflow when outlen is 0). */
sp_buf_t sp_buf(lang_t lang, char *out, size_t outlen);
/* Append n bytes of s, or s. */
void sp_putn(sp_buf_t *b, const char *s, size_t n);
void sp_put(sp_buf_t *b, const char *s);
/* Append words, soft-mutating the first when one is due. */
void sp_words(sp_buf_t *b, const char *words);
/* Finish: false (and out "") on overflow. */
bool sp_done(sp_buf_t *b);
/* Append a day of a month in words ("the third of March" / "y trydydd o
 * Fawrth"; English without "the" when not article); overflow when d or m
 * is out of range. */
void sp_day_month(sp_buf_t *b, int d, int m, bool article);
/* Append the date y-m-d in words (weekday first when asked). */
void sp_date(sp_buf_t *b, int y, int m, int d, bool weekday);

#endif
