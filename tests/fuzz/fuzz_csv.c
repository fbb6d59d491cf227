/*
 * libFuzzer harness for the streaming CSV reader (src/core/csv.h): the input
 * is a whole CSV file, handed to csv_open() through an in-memory file
 * (memfd), read to its end. Beyond "no crash, leak or undefined behaviour"
 * it checks the header's promises: every byte read reaches the byte
 * callback, field counts stay within CSV_MAX_FIELDS, and line numbers never
 * run backwards.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/csv.h"
#include "fuzz_common.h"

/* Count the bytes the reader reports. */
static void on_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  (void)bytes;
  *(size_t *)ctx += len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  int fd = memfd_create("fuzz.csv", MFD_CLOEXEC);
  if (fd < 0)
    return 0;
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) {
      close(fd);
      return 0;
    }
    done += (size_t)n;
  }
  char path[64], err[256];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  size_t seen = 0;
  csv_t *csv = csv_open(path, on_bytes, &seen, err, sizeof err);
  close(fd);
  if (!csv)
    return 0;
  long last_line = 0;
  csv_status_t st;
  while ((st = csv_next(csv)) == CSV_ROW) {
    size_t n = csv_field_count(csv);
    FUZZ_CHECK(n <= CSV_MAX_FIELDS);
    long line = csv_record_line(csv);
    FUZZ_CHECK(line >= 1 && line >= last_line);
    last_line = line;
    for (size_t i = 0; i < n; i++) {
      FUZZ_CHECK(csv_field_line(csv, i) >= line);
      (void)strlen(csv_field(csv, i));
    }
    FUZZ_CHECK(csv_field(csv, n)[0] == '\0');
    size_t field_no = 0;
    const char *problem = csv_row_problem(csv, &field_no);
    FUZZ_CHECK(!problem || (field_no >= 1 && field_no <= CSV_MAX_FIELDS + 1));
  }
  if (st == CSV_END)
    FUZZ_CHECK(seen == size);
  else
    FUZZ_CHECK(csv_error(csv)[0] != '\0');
  csv_close(csv);
  return 0;
}
