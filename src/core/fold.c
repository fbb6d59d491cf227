/*
 * Name folding with utf8proc. ASCII names, the common case, take a fast path
 * with the same result; everything else goes through utf8proc_map().
 */
#include "core/fold.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Fold a pure-ASCII name: lower-case letters and digits only. */
static bool fold_ascii(const char *in, char *out, size_t outlen)
{
  size_t n = 0;
  for (const char *p = in; *p; p++) {
    if (!isalnum((unsigned char)*p))
      continue;
    if (n + 1 >= outlen)
      return false;
    out[n++] = (char)tolower((unsigned char)*p);
  }
  out[n] = '\0';
  return true;
}

/* Fold any UTF-8 name: case fold, decompose, strip marks, keep L and N. */
bool fold_name(const char *utf8, char *out, size_t outlen)
{
  if (outlen == 0)
    return false;
  bool ascii = true;
  for (const unsigned char *p = (const unsigned char *)utf8; *p && ascii; p++)
    ascii = *p < 0x80;
  if (ascii)
    return fold_ascii(utf8, out, outlen);

  utf8proc_uint8_t *folded = NULL;
  utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)utf8, 0, &folded,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                          UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
  bool ok = len >= 0;
  size_t n = 0;
  for (utf8proc_ssize_t i = 0; ok && i < len;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t step = utf8proc_iterate(folded + i, len - i, &cp);
    if (step <= 0) {
      ok = false;
      break;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (keep) {
      if (n + (size_t)step + 1 > outlen) {
        ok = false;
        break;
      }
      memcpy(out + n, folded + i, (size_t)step);
      n += (size_t)step;
    }
    i += step;
  }
  out[ok ? n : 0] = '\0';
  free(folded);
  return ok;
}
