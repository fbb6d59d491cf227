/*
 * A scan of the test process's own memory for a string: the proof that a
 * journey's words are gone after it ends (test_forget, test_ui_concerns).
 * Include after defining _GNU_SOURCE (memmem).
 *
 * Under AddressSanitizer the heap is ASan's: its shadow memory spans
 * terabytes of anonymous mappings that cannot be scanned, and glibc's
 * scrubbing of freed memory does not apply. The scan runs in the normal
 * build (HEAP_SCAN 1); the sanitizer build still checks the UI and the
 * renderer's caches.
 */
#ifndef ALLWEDD_TESTS_HEAP_SCAN_H
#define ALLWEDD_TESTS_HEAP_SCAN_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define HEAP_SCAN 0
#else
#define HEAP_SCAN 1
#endif

/* True when needle occurs in any anonymous writable mapping (the heap and
 * malloc's mmapped arenas), the stack excluded; always false when
 * HEAP_SCAN is 0. */
static inline bool heap_holds(const char *needle)
{
  if (!HEAP_SCAN)
    return false;
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  bool found = false;
  size_t len = strlen(needle);
  while (maps && !found && fgets(line, sizeof line, maps)) {
    unsigned long lo, hi;
    char perms[8], path[256] = "";
    if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perms, path) < 3)
      continue;
    if (perms[0] != 'r' || perms[1] != 'w' || (path[0] && strcmp(path, "[heap]")))
      continue;
    found = memmem((const void *)lo, hi - lo, needle, len) != NULL;
  }
  if (maps)
    fclose(maps);
  return found;
}

#endif
