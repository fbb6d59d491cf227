/*
 * A streaming RFC 4180 CSV reader: reads a file in fixed-size chunks and
 * hands out one record at a time, so memory does not grow with the file.
 * Handles a UTF-8 byte-order mark, CRLF, LF or bare CR line ends, quoted
 * fields with commas, doubled quotes and line breaks, and trims spaces
 * around unquoted fields. Each field knows the physical line it starts on,
 * so errors point to the right line even after a quoted field with line
 * breaks. Every byte read is also passed to an optional callback (the sync
 * hashes the file in the same pass).
 *
 * What it never does silently:
 * - A C0 control character inside a field (NUL included; TAB, CR and LF are
 *   the exceptions: TAB is data, CR and LF end records or are line breaks in
 *   quoted fields) makes the record a row problem naming the character, its
 *   field and its physical line. Fields are NUL-terminated strings, so a NUL
 *   would otherwise cut the field short.
 * - A run of NUL bytes at the very end of the file (padding that some
 *   Windows tools write up to a block size) is not read as data: it is
 *   counted (csv_trailing_nul_bytes) and still passed to the byte callback.
 * - A file that is not UTF-8 comma-separated text in a way the first bytes
 *   show (a UTF-16 or UTF-32 byte-order mark, UTF-16 without one, an Excel
 *   workbook) is an error on line 1 that says what the file is.
 */
#ifndef ALLWEDD_CSV_H
#define ALLWEDD_CSV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct csv csv_t;

typedef void (*csv_bytes_fn)(void *ctx, const unsigned char *bytes, size_t len);

typedef enum {
  CSV_ROW,   /* a record is ready (check csv_row_problem() for a bad row) */
  CSV_END,   /* no more records */
  CSV_ERROR, /* the file cannot be read further: csv_error() says where and why */
} csv_status_t;

enum { CSV_MAX_FIELDS = 1024, CSV_MAX_RECORD_BYTES = 1 << 20 };

/* Open path for reading. NULL with a reason in err when it cannot be opened. */
csv_t *csv_open(const char *path, csv_bytes_fn on_bytes, void *ctx, char *err, size_t errlen);
void csv_close(csv_t *csv);

/* Read the next record, skipping blank lines. */
csv_status_t csv_next(csv_t *csv);

size_t csv_field_count(const csv_t *csv);
/* Field i of the current record, NUL-terminated; "" when i is out of range. */
const char *csv_field(const csv_t *csv, size_t i);
/* The physical line (1-based) on which field i starts. */
long csv_field_line(const csv_t *csv, size_t i);
/* The physical line on which the current record starts. */
long csv_record_line(const csv_t *csv);

/* When the current record broke a quoting rule or holds a control
 * character but could still be read to its end: the reason (valid until the
 * next csv_next) and the 1-based field number; NULL otherwise.
 * csv_row_problem_line gives the physical line of the problem itself (inside
 * a quoted field with line breaks it can be after the field's first line). */
const char *csv_row_problem(const csv_t *csv, size_t *field_no);
long csv_row_problem_line(const csv_t *csv);

/* After CSV_ERROR: "LINE: reason". */
const char *csv_error(const csv_t *csv);

/* NUL bytes at the end of the file that were not read as data (known from
 * csv_open on; 0 for most files). */
long long csv_trailing_nul_bytes(const csv_t *csv);

#endif
