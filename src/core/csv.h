/*
 * A streaming RFC 4180 CSV reader: reads a file in fixed-size chunks and
 * hands out one record at a time, so memory does not grow with the file.
 * Handles a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with
 * commas, doubled quotes and line breaks, and trims spaces around unquoted
 * fields. Each field knows the physical line it starts on, so errors point
 * to the right line even after a quoted field with line breaks. Every byte
 * read is also passed to an optional callback (the sync hashes the file in
 * the same pass).
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

enum { CSV_MAX_FIELDS = 64, CSV_MAX_RECORD_BYTES = 1 << 20 };

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

/* When the current record broke a quoting rule but could still be read to its
 * end: the reason and the 1-based field number; NULL otherwise. */
const char *csv_row_problem(const csv_t *csv, size_t *field_no);

/* After CSV_ERROR: "LINE: reason". */
const char *csv_error(const csv_t *csv);

#endif
