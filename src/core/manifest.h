/*
 * The bundle manifest (manifest.ini, EXPORT_FORMAT.md): the export header
 * and, per CSV file, its data-row count and SHA-256. Parsed with libinih from
 * the exact bytes whose signature was verified.
 */
#ifndef ALLWEDD_MANIFEST_H
#define ALLWEDD_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

enum { MANIFEST_MAX_FILES = 16 };

typedef struct {
  char name[64];          /* "patients.csv" */
  long rows;              /* data rows, header excluded; -1 until given */
  char sha256[65];        /* lower-case hex; "" until given */
} manifest_file_t;

typedef struct {
  int format;
  char generated[21];     /* normalised "YYYY-MM-DDTHH:MM:SSZ" */
  char source[256];
  char site[256];
  manifest_file_t files[MANIFEST_MAX_FILES];
  size_t nfiles;
} manifest_t;

/* Parse manifest text. false with "manifest.ini:LINE: reason" in err for a
 * syntax error, an unknown format, a bad value or a missing key. */
bool manifest_parse(const char *text, manifest_t *out, char *err, size_t errlen);

/* The entry for a file name, or NULL. */
const manifest_file_t *manifest_find(const manifest_t *m, const char *name);

#endif
