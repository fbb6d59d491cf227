/*
 * The streaming CSV reader against RFC 4180 edge cases, with physical line
 * numbers checked after quoted line breaks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/csv.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-csv-XXXXXX";

/* Write text to a new file and open a reader on it. */
static csv_t *open_text(const char *name, const char *text, size_t len)
{
  char path[256], err[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  fwrite(text, 1, len, f);
  fclose(f);
  csv_t *csv = csv_open(path, NULL, NULL, err, sizeof err);
  if (!csv)
    printf("cannot open %s: %s\n", path, err);
  return csv;
}

#define OPEN(name, literal) open_text(name, literal, sizeof(literal) - 1)

/* Count bytes seen by the hashing callback. */
static void count_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  (void)bytes;
  *(size_t *)ctx += len;
}

int main(void)
{
  if (!mkdtemp(dir))
    return 1;

  TEST_SECTION("BOM, CRLF, quoted commas, doubled quotes, line breaks");
  csv_t *csv = OPEN("a.csv", "\xef\xbb\xbfname,note,n\r\n"
                             "\"Jones, Siân\",\"She said \"\"hello\"\"\",1\r\n"
                             "plain,\"two\r\nlines\",2\r\n"
                             "after,x,3\r\n");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_field_count(csv), 3);
  CHECK_STR(csv_field(csv, 0), "name"); /* BOM removed */
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 0), "Jones, Siân");
  CHECK_STR(csv_field(csv, 1), "She said \"hello\"");
  CHECK_INT(csv_record_line(csv), 2);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 1), "two\nlines"); /* CRLF inside a field kept as one \n */
  CHECK_INT(csv_field_line(csv, 2), 4);       /* the field after the break is on line 4 */
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 0), "after");
  CHECK_INT(csv_record_line(csv), 5);         /* physical line, not record number */
  CHECK_INT(csv_next(csv), CSV_END);
  csv_close(csv);

  TEST_SECTION("LF endings, trimming, blank lines, no final newline, empty fields");
  csv = OPEN("b.csv", "a,b,c\n  x  ,\" y \", z\t\n\n   \n,,\nlast,row,here");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 0), "x");    /* unquoted: trimmed */
  CHECK_STR(csv_field(csv, 1), " y ");  /* quoted: kept */
  CHECK_STR(csv_field(csv, 2), "z");
  CHECK_INT(csv_next(csv), CSV_ROW);    /* blank lines skipped */
  CHECK_INT(csv_record_line(csv), 5);
  CHECK_INT(csv_field_count(csv), 3);
  CHECK_STR(csv_field(csv, 2), "");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 2), "here");
  CHECK_INT(csv_record_line(csv), 6);
  CHECK_INT(csv_next(csv), CSV_END);
  CHECK_INT(csv_next(csv), CSV_END);
  csv_close(csv);

  TEST_SECTION("quoting problems are row problems with a field number");
  csv = OPEN("c.csv", "a,b\nok,\"bad\"x\nun\"quoted,y\nfine,row\n");
  size_t field = 0;
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK(csv_row_problem(csv, &field) != NULL);
  CHECK_INT(field, 2);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK(csv_row_problem(csv, &field) != NULL);
  CHECK_INT(field, 1);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK(csv_row_problem(csv, NULL) == NULL);
  CHECK_STR(csv_field(csv, 0), "fine");
  csv_close(csv);

  TEST_SECTION("an unclosed quote is fatal and names the line it opened on");
  csv = OPEN("d.csv", "a,b\nx,y\nz,\"never\nclosed\n");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ERROR);
  CHECK_STR(csv_error(csv), "3: quoted field opened on this line is never closed");
  csv_close(csv);

  TEST_SECTION("CR-only line ends and a quoted empty field");
  csv = OPEN("e.csv", "a,b\rx,\"\"\ry,z");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 1), "");
  CHECK_INT(csv_record_line(csv), 2);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_record_line(csv), 3);
  csv_close(csv);

  TEST_SECTION("every byte reaches the hash callback, across chunk boundaries");
  char path[256], err[256];
  snprintf(path, sizeof path, "%s/big.csv", dir);
  FILE *f = fopen(path, "wb");
  size_t written = (size_t)fprintf(f, "id,text\n");
  for (int i = 0; i < 20000; i++)
    written += (size_t)fprintf(f, "%d,\"row %d, with \"\"quotes\"\"\nand a break\"\n", i, i);
  fclose(f);
  size_t seen = 0;
  long rows = 0;
  int last_ok = 1;
  csv = csv_open(path, count_bytes, &seen, err, sizeof err);
  CHECK_INT(csv_next(csv), CSV_ROW);
  while (csv_next(csv) == CSV_ROW) {
    char want[64];
    snprintf(want, sizeof want, "row %ld, with \"quotes\"\nand a break", rows);
    last_ok &= !strcmp(csv_field(csv, 1), want) && csv_record_line(csv) == 2 + 2 * rows;
    rows++;
  }
  CHECK_INT(rows, 20000);
  CHECK(last_ok);
  CHECK_INT(seen, written);
  csv_close(csv);

  TEST_SECTION("a record longer than the limit is an error, not a crash");
  snprintf(path, sizeof path, "%s/long.csv", dir);
  f = fopen(path, "wb");
  fputs("a\n\"", f);
  for (int i = 0; i < CSV_MAX_RECORD_BYTES / 8 + 10; i++)
    fputs("xxxxxxxx", f);
  fputs("\"\n", f);
  fclose(f);
  csv = csv_open(path, NULL, NULL, err, sizeof err);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ERROR);
  printf("   (error: %s)\n", csv_error(csv));
  csv_close(csv);

  CHECK(csv_open("/nonexistent/x.csv", NULL, NULL, err, sizeof err) == NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
