/*
 * Open-addressing hash table with linear probing, doubling at 75 % load.
 * Number slots hold (number << 30 | value); string slots hold a hash and a
 * copy of the string in a parallel array allocated only for strings.
 */
#include "core/idset.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct idset {
  uint64_t *slots;  /* 0 = empty */
  char **texts;     /* string sets only */
  size_t cap, count;
};

#define NUMBER_OF(slot) ((slot) >> IDSET_VALUE_BITS)

idset_t *idset_new(void)
{
  idset_t *set = calloc(1, sizeof *set);
  if (!set)
    return NULL;
  set->cap = 1024;
  if (!(set->slots = calloc(set->cap, sizeof *set->slots))) {
    free(set);
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
  free(set->slots);
  free(set);
}

/* Spread sequential keys over the table. */
static size_t home(const idset_t *set, uint64_t key)
{
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return (size_t)key & (set->cap - 1);
}

/* The slot of a number, or the empty slot where it would go. */
static size_t find_number(const idset_t *set, uint64_t number)
{
  size_t i = home(set, number);
  while (set->slots[i] && NUMBER_OF(set->slots[i]) != number)
    i = (i + 1) & (set->cap - 1);
  return i;
}

/* The slot of a string with this hash, or the empty slot where it would go. */
static size_t find_string(const idset_t *set, uint64_t hash, const char *text)
{
  size_t i = home(set, hash);
  while (set->slots[i] && (set->slots[i] != hash || strcmp(set->texts[i], text)))
    i = (i + 1) & (set->cap - 1);
  return i;
}

/* A zeroed array of cap slots. From 2 MiB on it is aligned to 2 MiB and
 * asked to live in huge pages (Debian's transparent huge pages are
 * "madvise"): a look-up lands anywhere in a table of up to 16 MiB, and with
 * 4 KiB pages most look-ups would first miss the TLB. */
static uint64_t *new_slots(size_t cap)
{
  enum { HUGE_PAGE = 2 << 20 };
  size_t bytes = cap * sizeof(uint64_t);
  void *p = NULL;
  if (bytes < HUGE_PAGE)
    return calloc(cap, sizeof(uint64_t));
  if (posix_memalign(&p, HUGE_PAGE, bytes))
    return NULL;
  madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without it the table still works */
  memset(p, 0, bytes);
  return p;
}

/* Grow the table to new_cap slots (a power of two), rehashing every entry. */
static bool grow_to(idset_t *set, size_t new_cap)
{
  size_t old_cap = set->cap;
  uint64_t *old_slots = set->slots;
  char **old_texts = set->texts;
  uint64_t *slots = new_slots(new_cap);
  char **texts = old_texts ? calloc(new_cap, sizeof *texts) : NULL;
  if (!slots || (old_texts && !texts)) {
    free(slots);
    free(texts);
    return false;
  }
  set->slots = slots;
  set->texts = texts;
  set->cap = new_cap;
  for (size_t i = 0; i < old_cap; i++) {
    if (!old_slots[i])
      continue;
    size_t j = home(set, texts ? old_slots[i] : NUMBER_OF(old_slots[i]));
    while (slots[j])
      j = (j + 1) & (set->cap - 1);
    slots[j] = old_slots[i];
    if (texts)
      texts[j] = old_texts[i];
  }
  free(old_slots);
  free(old_texts);
  return true;
}

/* Double the table. */
static bool grow(idset_t *set) { return grow_to(set, set->cap * 2); }

bool idset_reserve(idset_t *set, size_t count)
{
  size_t cap = set->cap;
  while (count * 4 > cap * 3)
    cap *= 2;
  return cap == set->cap || grow_to(set, cap);
}

bool idset_put_number(idset_t *set, uint64_t number, uint32_t value)
{
  if (number == 0 || number >> IDSET_NUMBER_BITS || value >> IDSET_VALUE_BITS || set->texts)
    return false;
  if ((set->count + 1) * 4 > set->cap * 3 && !grow(set))
    return false;
  size_t i = find_number(set, number);
  if (!set->slots[i])
    set->count++;
  set->slots[i] = number << IDSET_VALUE_BITS | value;
  return true;
}

void idset_prefetch_number(const idset_t *set, uint64_t number)
{
  __builtin_prefetch(&set->slots[home(set, number)]);
}

bool idset_get_number(const idset_t *set, uint64_t number, uint32_t *value)
{
  if (number == 0 || number >> IDSET_NUMBER_BITS || set->texts)
    return false;
  uint64_t slot = set->slots[find_number(set, number)];
  if (!slot)
    return false;
  if (value)
    *value = (uint32_t)(slot & ((1u << IDSET_VALUE_BITS) - 1));
  return true;
}

/* FNV-1a, never 0. */
static uint64_t hash_text(const char *text)
{
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++)
    h = (h ^ *p) * 0x100000001b3ULL;
  return h ? h : 1;
}

bool idset_add_string(idset_t *set, const char *text)
{
  if (!set->texts) {
    if (set->count)
      return false; /* a number set */
    if (!(set->texts = calloc(set->cap, sizeof *set->texts)))
      return false;
  }
  if ((set->count + 1) * 4 > set->cap * 3 && !grow(set))
    return false;
  uint64_t hash = hash_text(text);
  size_t i = find_string(set, hash, text);
  if (set->slots[i])
    return true;
  if (!(set->texts[i] = strdup(text)))
    return false;
  set->slots[i] = hash;
  set->count++;
  return true;
}

bool idset_has_string(const idset_t *set, const char *text)
{
  if (!set->texts)
    return false;
  return set->slots[find_string(set, hash_text(text), text)] != 0;
}

size_t idset_count(const idset_t *set) { return set->count; }
