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

  TEST_SECTION("a NUL or other C0 control inside a field is a row problem; nothing is cut short");
  csv = OPEN("nul.csv", "nhs,family\n1,Jones\0Pugh\n2,\"two\nlines \x1b here\"\n3,Tab\tis data\n4,ok\n");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_next(csv), CSV_ROW);
  const char *problem = csv_row_problem(csv, &field);
  CHECK(problem && strstr(problem, "[U+0000 NUL]"));
  CHECK_INT(field, 2);
  CHECK_INT(csv_row_problem_line(csv), 2);
  CHECK_INT(csv_next(csv), CSV_ROW);
  problem = csv_row_problem(csv, &field);
  CHECK(problem && strstr(problem, "[U+001B ESC]"));
  CHECK_INT(field, 2);
  CHECK_INT(csv_field_line(csv, 1), 3);
  CHECK_INT(csv_row_problem_line(csv), 4); /* on the field's second line */
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK(csv_row_problem(csv, NULL) == NULL);
  CHECK_STR(csv_field(csv, 1), "Tab\tis data");
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_STR(csv_field(csv, 0), "4"); /* the record after the NUL starts where it should */
  CHECK_INT(csv_next(csv), CSV_END);
  CHECK_INT(csv_trailing_nul_bytes(csv), 0);
  csv_close(csv);

  TEST_SECTION("NUL padding at the end of the file is not data, but is hashed");
  {
    static const char padded[] = "a,b\nx,y\nlast,row\n\0\0\0\0\0\0\0\0";
    size_t hashed = 0;
    snprintf(path, sizeof path, "%s/pad.csv", dir);
    f = fopen(path, "wb");
    fwrite(padded, 1, sizeof padded - 1, f);
    fclose(f);
    csv = csv_open(path, count_bytes, &hashed, err, sizeof err);
    CHECK_INT(csv_trailing_nul_bytes(csv), 8);
    CHECK_INT(csv_next(csv), CSV_ROW);
    CHECK_INT(csv_next(csv), CSV_ROW);
    CHECK_INT(csv_next(csv), CSV_ROW);
    CHECK_STR(csv_field(csv, 1), "row");
    CHECK_INT(csv_next(csv), CSV_END);
    CHECK_INT(hashed, sizeof padded - 1);
    csv_close(csv);
    /* Padding straight after the last field, past a chunk boundary. */
    f = fopen(path, "wb");
    fputs("a,b\n", f);
    for (int i = 0; i < 10000; i++)
      fprintf(f, "%d,%d\n", i, i);
    fputs("end,x", f);
    for (int i = 0; i < 70000; i++)
      fputc(0, f);
    long total = ftell(f);
    fclose(f);
    hashed = 0;
    csv = csv_open(path, count_bytes, &hashed, err, sizeof err);
    long n = 0;
    char last[32] = "";
    while (csv_next(csv) == CSV_ROW && !csv_row_problem(csv, NULL)) {
      n++;
      snprintf(last, sizeof last, "%s|%s", csv_field(csv, 0), csv_field(csv, 1));
    }
    CHECK_INT(n, 10002);
    CHECK_STR(last, "end|x");
    CHECK_INT(csv_trailing_nul_bytes(csv), 70000);
    CHECK_INT(hashed, total);
    csv_close(csv);
  }

  TEST_SECTION("a file that is not UTF-8 CSV says what it is");
  csv = OPEN("u16le.csv", "\xff\xfen\0h\0s\0,\0");
  CHECK_INT(csv_next(csv), CSV_ERROR);
  CHECK(strstr(csv_error(csv), "1: the file is UTF-16 (little-endian) text") != NULL);
  CHECK(strstr(csv_error(csv), "save it as CSV UTF-8, comma-separated") != NULL);
  csv_close(csv);
  csv = OPEN("u16be.csv", "\xfe\xff\0n\0h");
  CHECK_INT(csv_next(csv), CSV_ERROR);
  CHECK(strstr(csv_error(csv), "UTF-16 (big-endian)") != NULL);
  csv_close(csv);
  csv = OPEN("u16nobom.csv", "n\0h\0s\0_\0n\0u\0m\0b\0e\0r\0,\0");
  CHECK_INT(csv_next(csv), CSV_ERROR);
  CHECK(strstr(csv_error(csv), "without a byte-order mark") != NULL);
  csv_close(csv);
  csv = OPEN("book.csv", "PK\x03\x04\x14\0\x06\0");
  CHECK_INT(csv_next(csv), CSV_ERROR);
  CHECK(strstr(csv_error(csv), "xlsx") != NULL);
  csv_close(csv);

  TEST_SECTION("many unknown columns are read (up to CSV_MAX_FIELDS)");
  snprintf(path, sizeof path, "%s/wide.csv", dir);
  f = fopen(path, "wb");
  for (int i = 0; i < 300; i++)
    fprintf(f, "%sc%d", i ? "," : "", i);
  fputs("\n", f);
  fclose(f);
  csv = csv_open(path, NULL, NULL, err, sizeof err);
  CHECK_INT(csv_next(csv), CSV_ROW);
  CHECK_INT(csv_field_count(csv), 300);
  CHECK_STR(csv_field(csv, 299), "c299");
  csv_close(csv);

  CHECK(csv_open("/nonexistent/x.csv", NULL, NULL, err, sizeof err) == NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
