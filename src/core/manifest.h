/*
 * The bundle manifest (manifest.ini, EXPORT_FORMAT.md): the export header
 * and, per CSV file, its data-row count and SHA-256. Parsed with libinih from
 * the exact bytes whose signature was verified; written by `allwedd
 * bundle-manifest`, which counts rows with the importer's own CSV reader so
 * the two never disagree.
 *
 * Debian's libinih is built with INI_MAX_LINE 200 and a stack buffer: a
 * longer line would be cut and its rest read as a line of its own. So a
 * line longer than MANIFEST_MAX_LINE bytes is refused up front with a
 * message that says so, never read in part.
 */
#ifndef ALLWEDD_MANIFEST_H
#define ALLWEDD_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

enum { MANIFEST_MAX_FILES = 16, MANIFEST_MAX_LINE = 199 };

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
 * line too long, a syntax error, an unknown format, a bad value or a
 * missing key. */
bool manifest_parse(const char *text, manifest_t *out, char *err, size_t errlen);

/* The entry for a file name, or NULL. */
const manifest_file_t *manifest_find(const manifest_t *m, const char *name);

/* Count a CSV file's data rows exactly as the importer reads them (header
 * excluded, blank lines skipped, quoted line breaks inside a row, CR, LF or
 * CRLF line ends, NUL padding at the end not read) and hash all its bytes.
 * false with "LINE: reason" in err when the importer could not read it. */
bool manifest_measure_csv(const char *path, long *rows, char sha256[65], long long *nul_padding, char *err,
                          size_t errlen);

/* Write the text of a manifest for m (format 1, generated, source, site
 * and each file) into out. false when a value could not be read back the
 * same way (a line break, ';' or '#', or a line longer than
 * MANIFEST_MAX_LINE), with the reason in err. */
bool manifest_format(const manifest_t *m, char *out, size_t outlen, char *err, size_t errlen);

#endif
