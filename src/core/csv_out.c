/*
 * RFC 4180 output (see csv_out.h). Errors are the stream's: check ferror()
 * or the result of fflush()/fclose() once, after writing.
 */
#include "core/csv_out.h"

#include <string.h>

void csv_out_field(FILE *out, const char *text)
{
  if (!strpbrk(text, ",\"\r\n")) {
    fputs(text, out);
    return;
  }
  fputc('"', out);
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      fputc('"', out);
    fputc(*p, out);
  }
  fputc('"', out);
}

void csv_out_row(FILE *out, const char *const *fields, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (i)
      fputc(',', out);
    csv_out_field(out, fields[i]);
  }
  fputc('\n', out);
}
