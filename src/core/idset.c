/*
 * Open-addressing hash set with linear probing. Numbers are stored as they
 * are; strings are stored as copies, keyed by an FNV-1a hash. The table
 * doubles at 50 % load.
 */
#include "core/idset.h"

#include <stdlib.h>
#include <string.h>

struct idset {
  uint64_t *keys;  /* 0 = empty */
  char **texts;    /* for string members; NULL for numbers */
  size_t cap, count;
};

idset_t *idset_new(void)
{
  idset_t *set = calloc(1, sizeof *set);
  if (!set)
    return NULL;
  set->cap = 1024;
  set->keys = calloc(set->cap, sizeof *set->keys);
  set->texts = calloc(set->cap, sizeof *set->texts);
  if (!set->keys || !set->texts) {
    idset_free(set);
    return NULL;
  }
  return set;
}

void idset_free(idset_t *set)
{
  if (!set)
    return;
  if (set->texts)
    for (size_t i = 0; i < set->cap; i++)
      free(set->texts[i]);
  free(set->texts);
  free(set->keys);
  free(set);
}

/* Mix a key so sequential numbers spread over the table. */
static uint64_t mix(uint64_t x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

/* The slot holding key (and text, if given), or the empty slot to use. */
static size_t find_slot(const idset_t *set, uint64_t key, const char *text)
{
  size_t mask = set->cap - 1, i = mix(key) & mask;
  while (set->keys[i] && (set->keys[i] != key || (text && strcmp(set->texts[i], text))))
    i = (i + 1) & mask;
  return i;
}

/* Double the table. */
static bool grow(idset_t *set)
{
  idset_t bigger = {.cap = set->cap * 2};
  bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
  bigger.texts = calloc(bigger.cap, sizeof *bigger.texts);
  if (!bigger.keys || !bigger.texts) {
    free(bigger.keys);
    free(bigger.texts);
    return false;
  }
  for (size_t i = 0; i < set->cap; i++) {
    if (!set->keys[i])
      continue;
    size_t j = find_slot(&bigger, set->keys[i], NULL);
    while (bigger.keys[j]) /* equal keys of different strings: next free slot */
      j = (j + 1) & (bigger.cap - 1);
    bigger.keys[j] = set->keys[i];
    bigger.texts[j] = set->texts[i];
  }
  free(set->keys);
  free(set->texts);
  set->keys = bigger.keys;
  set->texts = bigger.texts;
  set->cap = bigger.cap;
  return true;
}

/* Insert key/text unless present. */
static bool add(idset_t *set, uint64_t key, const char *text)
{
  if ((set->count + 1) * 2 > set->cap && !grow(set))
    return false;
  size_t i = find_slot(set, key, text);
  if (set->keys[i])
    return true;
  if (text && !(set->texts[i] = strdup(text)))
    return false;
  set->keys[i] = key;
  set->count++;
  return true;
}

bool idset_add_number(idset_t *set, uint64_t number) { return number && add(set, number, NULL); }

bool idset_has_number(const idset_t *set, uint64_t number)
{
  return number && set->keys[find_slot(set, number, NULL)] == number;
}

/* FNV-1a, never 0. */
static uint64_t hash_text(const char *text)
{
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++)
    h = (h ^ *p) * 0x100000001b3ULL;
  return h ? h : 1;
}

bool idset_add_string(idset_t *set, const char *text) { return add(set, hash_text(text), text); }

bool idset_has_string(const idset_t *set, const char *text)
{
  uint64_t key = hash_text(text);
  return set->keys[find_slot(set, key, text)] == key;
}

size_t idset_count(const idset_t *set) { return set->count; }
