/*
 * Alphabetical order for Welsh and English lists (services, categories).
 * Each string is read as a stream of collation elements, one per letter,
 * with three weights in the manner of the Unicode Collation Algorithm:
 * primary (the letter, without case or accent), secondary (the accents,
 * from utf8proc's canonical decomposition) and tertiary (case). Welsh reads
 * its digraphs ch dd ff ng ll ph rh th as single letters of its alphabet.
 * The streams are compared lazily, without allocating, so the comparison
 * can serve as a sort comparator.
 *
 * "ng" is a known ambiguity in Welsh: it is one letter in "angen" or "rhwng",
 * but n + g where a word is built from two (Ban-gor, dan-gos, Llan-gollen).
 * Dictionaries resolve it word by word; we treat ng as the letter ng except
 * in words that begin with one of the prefixes in coll_ng_split below, the
 * common cases in place and service names.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/i18n.h"

enum {
  W_SPACE = 1,          /* a run of spaces: sorts before every letter */
  W_DIGIT = 10,         /* 10..19: 0..9 */
  W_LATIN = 100,        /* 100 + rank in the language's alphabet */
  W_OTHER = 0x10000,    /* + code point: other scripts and symbols kept */
};

/* English alphabet: a..z are ranks 0..25. Welsh: the 29 letters of the Welsh
 * alphabet, with k q v x z placed where English has them. */
static const char *const coll_welsh_alphabet[] = {
  "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "k", "l", "ll", "m",
  "n", "o", "p", "ph", "q", "r", "rh", "s", "t", "th", "u", "v", "w", "x", "y", "z",
};
enum { COLL_WELSH_LETTERS = sizeof coll_welsh_alphabet / sizeof coll_welsh_alphabet[0] };

/* Word beginnings in which "ng" is n + g (compared without case). */
static const char *const coll_ng_split[] = {"bangor", "dangos", "llang", "bryng", "peng"};

typedef struct {
  uint32_t primary, secondary, tertiary;
} coll_elem_t;

typedef struct {
  utf8proc_int32_t base;     /* lower-case base letter after decomposition */
  uint32_t marks;            /* accents, 0 for none */
  bool upper;
  bool ignorable;            /* punctuation, symbols, controls: level 4 only */
  bool space;
  const char *at;            /* where the character starts */
} coll_char_t;

typedef struct {
  const char *s;             /* next byte */
  lang_t lang;
  bool started;              /* an element has been produced */
  bool in_word;              /* the previous character was a letter or digit */
  const char *split_ng;      /* the 'n' of an "ng" read as n + g */
} coll_iter_t;

/* Fold combining marks into one secondary weight (the first two count). */
static uint32_t coll_add_mark(uint32_t marks, utf8proc_int32_t mark)
{
  uint32_t m = (uint32_t)(mark & 0xFFFF);
  return marks < 0x10000 ? (marks << 16) | m : marks;
}

/* True for combining marks (Mn, Mc, Me). */
static bool coll_is_mark(utf8proc_int32_t cp)
{
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Decode one code point at s; invalid UTF-8 reads as U+FFFD over one byte. */
static const char *coll_decode(const char *s, utf8proc_int32_t *cp)
{
  utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
  if (step <= 0) {
    *cp = 0xFFFD;
    return s + 1;
  }
  return s + step;
}

/* Read one character (a code point and the marks that follow it). */
static bool coll_read_char(const char **ps, coll_char_t *ch)
{
  const char *s = *ps;
  if (*s == '\0')
    return false;
  utf8proc_int32_t cp, parts[8];
  memset(ch, 0, sizeof *ch);
  ch->at = s;
  s = coll_decode(s, &cp);
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, NULL);
  if (n < 1 || n > 8) {
    parts[0] = cp;
    n = 1;
  }
  ch->base = utf8proc_tolower(parts[0]);
  ch->upper = ch->base != parts[0];
  for (utf8proc_ssize_t i = 1; i < n; i++)
    ch->marks = coll_add_mark(ch->marks, parts[i]);
  for (;;) {
    utf8proc_int32_t next;
    const char *after = coll_decode(s, &next);
    if (*s == '\0' || !coll_is_mark(next))
      break;
    ch->marks = coll_add_mark(ch->marks, next);
    s = after;
  }
  utf8proc_category_t cat = utf8proc_category(ch->base);
  ch->space = cat == UTF8PROC_CATEGORY_ZS || ch->base == '\t' || ch->base == '\n' ||
              ch->base == '\r';
  ch->ignorable = !ch->space && !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
                  !(cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
  *ps = s;
  return true;
}

/* Rank of a Welsh letter spelled by one or two ASCII bytes, or -1. */
static int coll_welsh_rank(char first, char second)
{
  for (int i = 0; i < COLL_WELSH_LETTERS; i++) {
    const char *l = coll_welsh_alphabet[i];
    if (l[0] == first && l[1] == second)
      return i;
  }
  return -1;
}

/* At the start of a word: note an "ng" that this word reads as n + g. */
static void coll_check_ng_split(coll_iter_t *it, const char *word)
{
  it->split_ng = NULL;
  for (size_t i = 0; i < sizeof coll_ng_split / sizeof coll_ng_split[0]; i++) {
    const char *prefix = coll_ng_split[i];
    size_t k = 0;
    while (prefix[k] && (word[k] | 0x20) == prefix[k])
      k++;
    if (!prefix[k]) {
      it->split_ng = word + (strstr(prefix, "ng") - prefix);
      return;
    }
  }
}

/* The primary weight of a letter or digit that is not a Welsh digraph. */
static uint32_t coll_primary(lang_t lang, utf8proc_int32_t base)
{
  if (base >= '0' && base <= '9')
    return W_DIGIT + (uint32_t)(base - '0');
  if (base >= 'a' && base <= 'z') {
    if (lang == LANG_CY)
      return W_LATIN + (uint32_t)coll_welsh_rank((char)base, '\0');
    return W_LATIN + (uint32_t)(base - 'a');
  }
  return W_OTHER + (uint32_t)base;
}

/* If ch and the character after it spell a Welsh digraph, consume the second
 * and merge it into elem. */
static void coll_welsh_digraph(coll_iter_t *it, const coll_char_t *ch, coll_elem_t *elem)
{
  static const char pairs[][2] = {{'c', 'h'}, {'d', 'd'}, {'f', 'f'}, {'n', 'g'},
                                  {'l', 'l'}, {'p', 'h'}, {'r', 'h'}, {'t', 'h'}};
  const char *after = it->s;
  coll_char_t next;
  if (!coll_read_char(&after, &next))
    return;
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    if (ch->base != pairs[i][0] || next.base != pairs[i][1])
      continue;
    if (pairs[i][0] == 'n' && ch->at == it->split_ng)
      return;
    elem->primary = W_LATIN + (uint32_t)coll_welsh_rank(pairs[i][0], pairs[i][1]);
    elem->secondary = (ch->marks << 16) | (next.marks & 0xFFFF);
    elem->tertiary = ((uint32_t)ch->upper << 1) | (uint32_t)next.upper;
    it->s = after;
    return;
  }
}

/* The next collation element; false at the end of the string. Spaces
 * between words give one W_SPACE element however many there are (and with
 * punctuation around them); leading and trailing ones give none. */
static bool coll_next(coll_iter_t *it, coll_elem_t *elem)
{
  coll_char_t ch;
  bool space = false;
  for (;;) {
    if (!coll_read_char(&it->s, &ch))
      return false;
    if (!ch.space && !ch.ignorable)
      break;
    space = space || ch.space;
    it->in_word = false;
  }
  if (space && it->started) {
    it->s = ch.at; /* the letter comes next time */
    *elem = (coll_elem_t){.primary = W_SPACE};
    return true;
  }
  if (!it->in_word)
    coll_check_ng_split(it, ch.at);
  it->in_word = true;
  it->started = true;
  *elem = (coll_elem_t){.primary = coll_primary(it->lang, ch.base), .secondary = ch.marks,
                        .tertiary = ch.upper};
  if (it->lang == LANG_CY)
    coll_welsh_digraph(it, &ch, elem);
  return true;
}

/* -1, 0 or 1 for two weights. */
static int coll_sign(uint32_t a, uint32_t b)
{
  return (a > b) - (a < b);
}

/* Compare two strings in a language's alphabetical order. */
int i18n_collate(lang_t lang, const char *a, const char *b)
{
  coll_iter_t ia = {.s = a ? a : "", .lang = lang}, ib = {.s = b ? b : "", .lang = lang};
  int secondary = 0, tertiary = 0;
  for (;;) {
    coll_elem_t ea, eb;
    bool has_a = coll_next(&ia, &ea), has_b = coll_next(&ib, &eb);
    if (!has_a || !has_b) {
      if (has_a != has_b)
        return has_a ? 1 : -1;
      break;
    }
    if (ea.primary != eb.primary)
      return coll_sign(ea.primary, eb.primary);
    if (!secondary)
      secondary = coll_sign(ea.secondary, eb.secondary);
    if (!tertiary)
      tertiary = coll_sign(ea.tertiary, eb.tertiary);
  }
  if (secondary)
    return secondary;
  if (tertiary)
    return tertiary;
  int bytes = strcmp(a ? a : "", b ? b : "");
  return (bytes > 0) - (bytes < 0);
}

/* Stable bottom-up merge sort of items by key in lang's order. */
bool i18n_sort(lang_t lang, void *items, size_t count, size_t size,
               const char *(*key)(const void *item))
{
  if (count < 2)
    return true;
  if (size == 0 || count > SIZE_MAX / size)
    return false;
  unsigned char *src = items, *tmp = malloc(count * size), *dst = tmp;
  if (!tmp)
    return false;
  for (size_t width = 1; width < count; width *= 2) {
    for (size_t lo = 0; lo < count; lo += 2 * width) {
      size_t mid = lo + width < count ? lo + width : count;
      size_t hi = lo + 2 * width < count ? lo + 2 * width : count;
      size_t i = lo, j = mid, k = lo;
      while (i < mid || j < hi) {
        bool take_left = j >= hi ||
                         (i < mid && i18n_collate(lang, key(src + i * size), key(src + j * size)) <= 0);
        memcpy(dst + k++ * size, src + (take_left ? i++ : j++) * size, size);
      }
    }
    unsigned char *swap = src;
    src = dst;
    dst = swap;
  }
  if (src != items)
    memcpy(items, src, count * size);
  free(tmp);
  return true;
}
