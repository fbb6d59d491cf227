/*
 * Streaming RFC 4180 reader. One state machine over a 64 KiB read buffer;
 * fields of the current record are packed NUL-separated into one growing
 * buffer with an offset per field. It never holds more than one record.
 * The file's logical end excludes NUL padding at its tail (found once at
 * open with pread), but every byte up to the real end reaches the callback.
 */
#include "core/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CHUNK = 64 * 1024 };

struct csv {
  int fd;
  csv_bytes_fn on_bytes;
  void *ctx;
  unsigned char buf[CHUNK];
  size_t len, pos;
  bool eof, first_chunk;
  long long offset;          /* bytes read from the file so far */
  long long limit;           /* logical end (before NUL padding); -1 unknown */
  long long padding;         /* NUL bytes after the logical end */
  long line;                 /* physical line of the next byte */
  char *rec;                 /* fields, NUL-separated */
  size_t rec_len, rec_cap;
  size_t *start;             /* offset of each field in rec */
  long *field_line;          /* physical line each field starts on */
  size_t field_cap;
  size_t nfields;
  long record_line;
  const char *problem;
  size_t problem_field;
  long problem_line;
  char problem_text[128];
  char error[200];
};

/* Count the NUL bytes at the end of the open file fd of size bytes. */
static long long count_trailing_nuls(int fd, long long size)
{
  unsigned char chunk[4096];
  long long count = 0, end = size;
  while (end > 0) {
    size_t n = end < (long long)sizeof chunk ? (size_t)end : sizeof chunk;
    ssize_t got = pread(fd, chunk, n, (off_t)(end - (long long)n));
    if (got != (ssize_t)n)
      return 0; /* unreadable: let the ordinary read report it */
    for (size_t i = n; i-- > 0;) {
      if (chunk[i])
        return count;
      count++;
    }
    end -= (long long)n;
  }
  return count;
}

/* Open a CSV file. */
csv_t *csv_open(const char *path, csv_bytes_fn on_bytes, void *ctx, char *err, size_t errlen)
{
  csv_t *csv = calloc(1, sizeof *csv);
  struct stat sb;
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
  csv->limit = -1;
  if (fstat(csv->fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
    csv->padding = count_trailing_nuls(csv->fd, (long long)sb.st_size);
    csv->limit = (long long)sb.st_size - csv->padding;
  }
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
  free(csv->start);
  free(csv->field_line);
  free(csv);
}

/* read() that retries on EINTR; sets csv->error on failure. */
static ssize_t read_chunk(csv_t *csv, unsigned char *into, size_t len)
{
  ssize_t n;
  do
    n = read(csv->fd, into, len);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    snprintf(csv->error, sizeof csv->error, "%ld: read failed: %s", csv->line, strerror(errno));
  else if (n > 0 && csv->on_bytes)
    csv->on_bytes(csv->ctx, into, (size_t)n);
  if (n > 0)
    csv->offset += n;
  return n;
}

/* Past the logical end: read the padding only to pass it to the callback. */
static void drain_padding(csv_t *csv)
{
  unsigned char scratch[4096];
  while (read_chunk(csv, scratch, sizeof scratch) > 0)
    ;
}

/* What the first bytes of a file say it is when it is not UTF-8 CSV text;
 * NULL when they look like text. */
static const char *foreign_format(const unsigned char *b, size_t len)
{
  if (len >= 4 && !memcmp(b, "\xff\xfe\0\0", 4))
    return "UTF-32 (little-endian) text";
  if (len >= 4 && !memcmp(b, "\0\0\xfe\xff", 4))
    return "UTF-32 (big-endian) text";
  if (len >= 2 && !memcmp(b, "\xff\xfe", 2))
    return "UTF-16 (little-endian) text";
  if (len >= 2 && !memcmp(b, "\xfe\xff", 2))
    return "UTF-16 (big-endian) text";
  if (len >= 4 && !memcmp(b, "PK\x03\x04", 4))
    return "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?)";
  if (len >= 8 && !memcmp(b, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
    return "an Excel 97-2003 .xls workbook";
  /* UTF-16 without a byte-order mark: ASCII letters with a NUL byte
   * beside each one. */
  size_t n = len < 64 ? len & ~(size_t)1 : 64, zero_odd = 0, zero_even = 0;
  for (size_t i = 0; i < n; i++)
    if (!b[i]) {
      if (i % 2)
        zero_odd++;
      else
        zero_even++;
    }
  if (n >= 4 && zero_odd * 8 >= n * 3 && zero_even == 0)
    return "UTF-16 (little-endian) text without a byte-order mark";
  if (n >= 4 && zero_even * 8 >= n * 3 && zero_odd == 0)
    return "UTF-16 (big-endian) text without a byte-order mark";
  return NULL;
}

/* Refill the buffer; false at the logical end of file or on error
 * (csv->error set). */
static bool fill(csv_t *csv)
{
  if (csv->eof)
    return false;
  long long before = csv->offset;
  ssize_t n = read_chunk(csv, csv->buf, CHUNK);
  if (n <= 0) {
    csv->eof = true;
    return false;
  }
  csv->len = (size_t)n;
  csv->pos = 0;
  if (csv->first_chunk) {
    csv->first_chunk = false;
    const char *what = foreign_format(csv->buf, csv->len);
    if (what) {
      snprintf(csv->error, sizeof csv->error,
               "1: the file is %s, not UTF-8 comma-separated text: save it as CSV UTF-8, comma-separated", what);
      csv->eof = true;
      return false;
    }
    if (csv->len >= 3 && !memcmp(csv->buf, "\xef\xbb\xbf", 3))
      csv->pos = 3;
  }
  if (csv->limit >= 0 && csv->offset > csv->limit) {
    csv->len = csv->limit > before ? (size_t)(csv->limit - before) : 0;
    drain_padding(csv);
    csv->eof = true;
    if (csv->pos >= csv->len)
      return false;
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

/* Copy the run of plain bytes at the read position straight into the
 * record: in an unquoted field anything from '!' up except ',' and '"'
 * (spaces, tabs, line ends and controls are left to the byte-by-byte
 * path); in a quoted one anything from ' ' up except '"'. Most of a file
 * is such runs. false when the record grows past its limit. */
static bool take_run(csv_t *csv, bool quoted)
{
  const unsigned char *b = csv->buf + csv->pos, *end = csv->buf + csv->len, *p = b;
  if (quoted)
    while (p < end && *p >= 0x20 && *p != '"')
      p++;
  else
    while (p < end && *p > 0x20 && *p != ',' && *p != '"')
      p++;
  size_t n = (size_t)(p - b);
  if (!n)
    return true;
  if (csv->rec_len + n + 1 >= csv->rec_cap) {
    size_t cap = csv->rec_cap ? csv->rec_cap : 4096;
    while (csv->rec_len + n + 1 >= cap)
      cap *= 2;
    if (cap > CSV_MAX_RECORD_BYTES)
      return false;
    char *rec = realloc(csv->rec, cap);
    if (!rec)
      return false;
    csv->rec = rec;
    csv->rec_cap = cap;
  }
  memcpy(csv->rec + csv->rec_len, b, n);
  csv->rec_len += n;
  csv->pos += n;
  return true;
}

/* Note a problem in the current record (the first one wins). */
static void row_problem(csv_t *csv, const char *why)
{
  if (!csv->problem) {
    csv->problem = why;
    csv->problem_field = csv->nfields + 1;
    csv->problem_line = csv->line;
  }
}

/* True for a C0 control byte that may not appear in a field's text. */
static inline bool is_forbidden_control(int c)
{
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* Note a control character in the current field. */
static void control_problem(csv_t *csv, int c)
{
  static const char names[32][4] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                    "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                    "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  if (csv->problem)
    return;
  snprintf(csv->problem_text, sizeof csv->problem_text,
           "control character in the field: the file is damaged or is not plain text [U+%04X %s]", c, names[c]);
  row_problem(csv, csv->problem_text);
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
      } else if (is_forbidden_control(c)) {
        control_problem(csv, c);
      }
      if (!put(csv, c) || !take_run(csv, true))
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
      else if (is_forbidden_control(c))
        control_problem(csv, c);
      if (!put(csv, c))
        goto too_long;
      if (c != ' ' && c != '\t')
        trail = csv->rec_len;
      size_t before = csv->rec_len;
      if (!take_run(csv, false))
        goto too_long;
      if (csv->rec_len != before) /* a run has no spaces: the field ends no earlier */
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

/* Make room for one more field; false with csv->error set. */
static bool grow_fields(csv_t *csv)
{
  if (csv->nfields < csv->field_cap)
    return true;
  if (csv->nfields == CSV_MAX_FIELDS) {
    snprintf(csv->error, sizeof csv->error, "%ld: more than %d fields in a record", csv->record_line,
             CSV_MAX_FIELDS);
    return false;
  }
  size_t cap = csv->field_cap ? csv->field_cap * 2 : 32;
  size_t *start = realloc(csv->start, cap * sizeof *start);
  if (start)
    csv->start = start;
  long *lines = start ? realloc(csv->field_line, cap * sizeof *lines) : NULL;
  if (!lines) {
    snprintf(csv->error, sizeof csv->error, "%ld: out of memory", csv->record_line);
    return false;
  }
  csv->field_line = lines;
  csv->field_cap = cap;
  return true;
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
    csv->problem_line = 0;
    csv->record_line = csv->line;
    if (peekbyte(csv) < 0)
      return csv->error[0] ? CSV_ERROR : CSV_END;
    int end = ',';
    while (end == ',') {
      if (!grow_fields(csv))
        return CSV_ERROR;
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

long csv_row_problem_line(const csv_t *csv) { return csv->problem ? csv->problem_line : 0; }

const char *csv_error(const csv_t *csv) { return csv->error; }

long long csv_trailing_nul_bytes(const csv_t *csv) { return csv->padding; }
