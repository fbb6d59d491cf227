/*
 * log: sd-daemon priority prefixes on every line only when stderr is the
 * stream $JOURNAL_STREAM names; plain lines otherwise. The real check: fd 2
 * is pointed at a file whose device:inode is (or is not) in JOURNAL_STREAM,
 * and what log_message wrote is read back.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-log-XXXXXX";

/* Point fd 2 at a fresh file; its path in path. Returns the saved fd 2. */
static int stderr_to_file(const char *path)
{
  int saved = dup(STDERR_FILENO);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(fd, STDERR_FILENO);
  close(fd);
  return saved;
}

/* Put fd 2 back and read what the file got. */
static void stderr_restore(int saved, const char *path, char *out, size_t outlen)
{
  dup2(saved, STDERR_FILENO);
  close(saved);
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(out, 1, outlen - 1, f) : 0;
  out[n] = '\0';
  if (f)
    fclose(f);
}

/* JOURNAL_STREAM naming the file at path (or, with other, a different inode). */
static void journal_stream_for(const char *path, bool other)
{
  struct stat sb;
  char value[64];
  stat(path, &sb);
  snprintf(value, sizeof value, "%llu:%llu", (unsigned long long)sb.st_dev,
           (unsigned long long)sb.st_ino + (other ? 1 : 0));
  setenv("JOURNAL_STREAM", value, 1);
}

int main(void)
{
  char buf[8192], path[256];
  if (!mkdtemp(dir))
    return 1;
  snprintf(path, sizeof path, "%s/stderr", dir);

  TEST_SECTION("log_format");
  log_format(buf, sizeof buf, LOG_LEVEL_ERROR, true, "sync: rejected");
  CHECK_STR(buf, "<3>sync: rejected\n");
  log_format(buf, sizeof buf, LOG_LEVEL_INFO, false, "sync: imported");
  CHECK_STR(buf, "sync: imported\n");
  log_format(buf, sizeof buf, LOG_LEVEL_WARNING, true, "two\nlines\n");
  CHECK_STR(buf, "<4>two\n<4>lines\n");
  log_format(buf, sizeof buf, LOG_LEVEL_DEBUG, true, "");
  CHECK_STR(buf, "<7>\n");
  char small[8];
  size_t want = log_format(small, sizeof small, LOG_LEVEL_NOTICE, true, "a long message");
  CHECK_INT(want, strlen("<5>a long message\n"));
  CHECK_STR(small, "<5>a lo");

  TEST_SECTION("stderr is the journal: every line prefixed");
  int saved = stderr_to_file(path);
  journal_stream_for(path, false);
  bool is_journal = log_stderr_is_journal();
  log_error("cannot open the store: %s", "disk full");
  log_info("first line\nsecond line");
  stderr_restore(saved, path, buf, sizeof buf);
  CHECK(is_journal);
  CHECK_STR(buf, "<3>cannot open the store: disk full\n<6>first line\n<6>second line\n");

  TEST_SECTION("stderr is some other file: no prefix");
  saved = stderr_to_file(path);
  journal_stream_for(path, true);
  is_journal = log_stderr_is_journal();
  log_warning("printer %s stopped", "card");
  stderr_restore(saved, path, buf, sizeof buf);
  CHECK(!is_journal);
  CHECK_STR(buf, "printer card stopped\n");

  TEST_SECTION("no JOURNAL_STREAM, or a malformed one: no prefix");
  unsetenv("JOURNAL_STREAM");
  CHECK(!log_stderr_is_journal());
  setenv("JOURNAL_STREAM", "12:34x", 1);
  CHECK(!log_stderr_is_journal());
  unsetenv("JOURNAL_STREAM");

  TEST_SECTION("a message longer than the line buffer still ends in a newline");
  char *huge = malloc(10000);
  memset(huge, 'x', 9999);
  huge[9999] = '\0';
  saved = stderr_to_file(path);
  log_error("%s", huge);
  stderr_restore(saved, path, buf, sizeof buf);
  CHECK(strlen(buf) > 1000 && buf[strlen(buf) - 1] == '\n');
  free(huge);

  unlink(path);
  rmdir(dir);
  return test_summary();
}
