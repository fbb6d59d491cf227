/*
 * Shared by the libFuzzer harnesses in tests/fuzz/: small helpers to turn
 * the fuzzer's bytes into what each parser takes, and a check that aborts
 * (a finding) when a parser breaks a promise its header makes. Nothing here
 * is built into the kiosk.
 */
#ifndef ALLWEDD_FUZZ_COMMON_H
#define ALLWEDD_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A promise in a header was broken: report it and abort (libFuzzer keeps
 * the input as a crash artifact). */
#define FUZZ_CHECK(cond)                                                             \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #cond);    \
      abort();                                                                       \
    }                                                                                \
  } while (0)

/* A NUL-terminated copy of the input (the parsers that take C strings stop
 * at the first NUL, as they would in a real file read into a string). NULL
 * when memory runs out. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
  char *s = malloc(size + 1);
  if (s) {
    memcpy(s, data, size);
    s[size] = '\0';
  }
  return s;
}

/* The whole of a file of the source tree, NUL-terminated, or abort: the
 * harness cannot run without its fixed inputs. */
static inline char *fuzz_read_source_file(const char *relative, size_t *len)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", ALLWEDD_SOURCE_DATADIR, relative);
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    abort();
  }
  char *text = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (cap - n < 4096) {
      cap = cap ? cap * 2 : 65536;
      char *grown = realloc(text, cap + 1);
      if (!grown)
        abort();
      text = grown;
    }
    size_t got = fread(text + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f))
    abort();
  fclose(f);
  text[n] = '\0';
  if (len)
    *len = n;
  return text;
}

/* True when s is NUL-terminated within cap bytes. */
static inline int fuzz_terminated(const char *s, size_t cap)
{
  return memchr(s, '\0', cap) != NULL;
}

#endif
