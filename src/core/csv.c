/*
 * Streaming RFC 4180 reader. One state machine over a 64 KiB read buffer;
 * fields of the current record are packed NUL-separated into one growing
 * buffer with an offset per field. It never holds more than one record.
 */
#include "core/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CHUNK = 64 * 1024 };

struct csv {
  int fd;
  csv_bytes_fn on_bytes;
  void *ctx;
  unsigned char buf[CHUNK];
  size_t len, pos;
  bool eof, first_chunk;
  long line;                 /* physical line of the next byte */
  char *rec;                 /* fields, NUL-separated */
  size_t rec_len, rec_cap;
  size_t start[CSV_MAX_FIELDS];
  long field_line[CSV_MAX_FIELDS];
  size_t nfields;
  long record_line;
  const char *problem;
  size_t problem_field;
  char error[160];
};

/* Open a CSV file. */
csv_t *csv_open(const char *path, csv_bytes_fn on_bytes, void *ctx, char *err, size_t errlen)
{
  csv_t *csv = calloc(1, sizeof *csv);
  if (!csv) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  csv->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (csv->fd < 0) {
    snprintf(err, errlen, "cannot open: %s", strerror(errno));
    free(csv);
    return NULL;
  }
  csv->on_bytes = on_bytes;
  csv->ctx = ctx;
  csv->first_chunk = true;
  csv->line = 1;
  return csv;
}

/* Close the reader; accepts NULL. */
void csv_close(csv_t *csv)
{
  if (!csv)
    return;
  if (csv->fd >= 0)
    close(csv->fd);
  free(csv->rec);
  free(csv);
}

/* Refill the buffer; false at end of file or on error (csv->error set). */
static bool fill(csv_t *csv)
{
  if (csv->eof)
    return false;
  ssize_t n;
  do
    n = read(csv->fd, csv->buf, CHUNK);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    snprintf(csv->error, sizeof csv->error, "%ld: read failed: %s", csv->line, strerror(errno));
    csv->eof = true;
    return false;
  }
  if (n == 0) {
    csv->eof = true;
    return false;
  }
  csv->len = (size_t)n;
  csv->pos = 0;
  if (csv->on_bytes)
    csv->on_bytes(csv->ctx, csv->buf, csv->len);
  if (csv->first_chunk) {
    csv->first_chunk = false;
    if (csv->len >= 3 && !memcmp(csv->buf, "\xef\xbb\xbf", 3))
      csv->pos = 3;
  }
  return true;
}

/* Next byte, or -1 at end of file. */
static inline int getbyte(csv_t *csv)
{
  if (csv->pos == csv->len && !fill(csv))
    return -1;
  return csv->buf[csv->pos++];
}

/* Look at the next byte without taking it, or -1. */
static inline int peekbyte(csv_t *csv)
{
  if (csv->pos == csv->len && !fill(csv))
    return -1;
  return csv->buf[csv->pos];
}

/* Append one byte to the current record; false when the record is too long. */
static inline bool put(csv_t *csv, int c)
{
  if (csv->rec_len + 1 >= csv->rec_cap) {
    if (csv->rec_cap >= CSV_MAX_RECORD_BYTES)
      return false;
    size_t cap = csv->rec_cap ? csv->rec_cap * 2 : 4096;
    char *rec = realloc(csv->rec, cap);
    if (!rec)
      return false;
    csv->rec = rec;
    csv->rec_cap = cap;
  }
  csv->rec[csv->rec_len++] = (char)c;
  return true;
}

/* Note a quoting problem in the current record (the first one wins). */
static void row_problem(csv_t *csv, const char *why)
{
  if (!csv->problem) {
    csv->problem = why;
    csv->problem_field = csv->nfields + 1;
  }
}

/* Take the line end that starts with c ('\r' or '\n'). */
static void take_line_end(csv_t *csv, int c)
{
  if (c == '\r' && peekbyte(csv) == '\n')
    csv->pos++;
  csv->line++;
}

/* Read one field; *end is the byte that ended it (',' '\n' or -1).
 * false on a fatal error. */
static bool read_field(csv_t *csv, int *end)
{
  int c;
  do
    c = getbyte(csv);
  while (c == ' ' || c == '\t');

  if (c == '"') {
    long opened = csv->line;
    for (;;) {
      c = getbyte(csv);
      if (c < 0) {
        if (!csv->error[0])
          snprintf(csv->error, sizeof csv->error,
                   "%ld: quoted field opened on this line is never closed", opened);
        return false;
      }
      if (c == '"') {
        if (peekbyte(csv) == '"') {
          csv->pos++;
        } else {
          break;
        }
      } else if (c == '\r' || c == '\n') {
        /* A line break inside a field is kept as one '\n'. */
        take_line_end(csv, c);
        c = '\n';
      }
      if (!put(csv, c))
        goto too_long;
    }
    /* After the closing quote: spaces, then a separator. */
    do
      c = getbyte(csv);
    while (c == ' ' || c == '\t');
    while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
      row_problem(csv, "text after a closing quote (a quote inside a field must be doubled)");
      if (!put(csv, c))
        goto too_long;
      c = getbyte(csv);
    }
  } else {
    size_t trail = csv->rec_len; /* length without trailing spaces */
    while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
      if (c == '"')
        row_problem(csv, "quote inside an unquoted field (quote the field and double the quote)");
      if (!put(csv, c))
        goto too_long;
      if (c != ' ' && c != '\t')
        trail = csv->rec_len;
      c = getbyte(csv);
    }
    csv->rec_len = trail;
  }
  if (c == '\r' || c == '\n')
    take_line_end(csv, c);
  *end = (c == '\r') ? '\n' : c;
  return true;

too_long:
  snprintf(csv->error, sizeof csv->error, "%ld: record longer than %d bytes", csv->record_line,
           CSV_MAX_RECORD_BYTES);
  return false;
}

/* Read the next non-blank record. */
csv_status_t csv_next(csv_t *csv)
{
  if (csv->error[0])
    return CSV_ERROR;
  for (;;) {
    csv->rec_len = 0;
    csv->nfields = 0;
    csv->problem = NULL;
    csv->problem_field = 0;
    csv->record_line = csv->line;
    if (peekbyte(csv) < 0)
      return csv->error[0] ? CSV_ERROR : CSV_END;
    int end = ',';
    while (end == ',') {
      if (csv->nfields == CSV_MAX_FIELDS) {
        snprintf(csv->error, sizeof csv->error, "%ld: more than %d fields in a record",
                 csv->record_line, CSV_MAX_FIELDS);
        return CSV_ERROR;
      }
      csv->start[csv->nfields] = csv->rec_len;
      csv->field_line[csv->nfields] = csv->line;
      if (!read_field(csv, &end) || !put(csv, '\0')) {
        if (!csv->error[0])
          snprintf(csv->error, sizeof csv->error, "%ld: record longer than %d bytes",
                   csv->record_line, CSV_MAX_RECORD_BYTES);
        return CSV_ERROR;
      }
      csv->nfields++;
    }
    if (csv->error[0])
      return CSV_ERROR;
    bool blank = csv->nfields == 1 && csv->rec[0] == '\0' && !csv->problem;
    if (!blank)
      return CSV_ROW;
    if (end < 0)
      return CSV_END;
  }
}

size_t csv_field_count(const csv_t *csv) { return csv->nfields; }

const char *csv_field(const csv_t *csv, size_t i)
{
  return i < csv->nfields ? csv->rec + csv->start[i] : "";
}

long csv_field_line(const csv_t *csv, size_t i)
{
  return i < csv->nfields ? csv->field_line[i] : csv->record_line;
}

long csv_record_line(const csv_t *csv) { return csv->record_line; }

const char *csv_row_problem(const csv_t *csv, size_t *field_no)
{
  if (csv->problem && field_no)
    *field_no = csv->problem_field;
  return csv->problem;
}

const char *csv_error(const csv_t *csv) { return csv->error; }
