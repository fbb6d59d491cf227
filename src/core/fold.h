/*
 * Name folding for identification: the form in which a family name typed at
 * the kiosk is compared with the stored one. Case, accents and punctuation
 * are ignored ("Siân" = "sian", "O'Brien" = "obrien", "ap Rhys" = "aprhys",
 * "Nguyễn" = "nguyen"), using utf8proc's Unicode case folding and
 * decomposition, not a hand-made table.
 */
#ifndef ALLWEDD_FOLD_H
#define ALLWEDD_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Fold utf8 into out (at most outlen bytes with the NUL). Keeps only letters
 * and digits, case-folded, without marks. false when the input is not valid
 * UTF-8 or out is too small. */
bool fold_name(const char *utf8, char *out, size_t outlen);

#endif
