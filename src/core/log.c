/*
 * Journal-friendly stderr lines (see log.h). Stateless: whether stderr is
 * the journal is checked on each message (one fstat), so a process whose
 * stderr is redirected later still gets it right.
 */
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { LOG_LINE_MAX = 4096 };

bool log_stderr_is_journal(void)
{
  const char *env = getenv("JOURNAL_STREAM");
  unsigned long long dev = 0, ino = 0;
  char tail = 0;
  struct stat sb;
  if (!env || sscanf(env, "%llu:%llu%c", &dev, &ino, &tail) != 2)
    return false;
  if (fstat(STDERR_FILENO, &sb) != 0)
    return false;
  return (unsigned long long)sb.st_dev == dev && (unsigned long long)sb.st_ino == ino;
}

/* Append len bytes of text to out as far as they fit; *n counts all wanted. */
static void log_put(char *out, size_t outlen, size_t *n, const char *text, size_t len)
{
  if (*n + 1 < outlen) {
    size_t room = outlen - 1 - *n, k = len < room ? len : room;
    memcpy(out + *n, text, k);
    out[*n + k] = '\0';
  }
  *n += len;
}

size_t log_format(char *out, size_t outlen, log_level_t level, bool journal, const char *message)
{
  size_t n = 0;
  const char *p = message;
  if (outlen > 0)
    out[0] = '\0';
  do {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (journal) {
      char prefix[3] = {'<', (char)('0' + (int)level), '>'};
      log_put(out, outlen, &n, prefix, sizeof prefix);
    }
    log_put(out, outlen, &n, p, len);
    log_put(out, outlen, &n, "\n", 1);
    p = nl ? nl + 1 : NULL;
  } while (p && *p);
  return n;
}

void log_vmessage(log_level_t level, const char *fmt, va_list ap)
{
  char message[LOG_LINE_MAX], line[LOG_LINE_MAX + 256];
  int saved = errno;
  vsnprintf(message, sizeof message, fmt, ap);
  size_t n = log_format(line, sizeof line, level, log_stderr_is_journal(), message);
  if (n >= sizeof line) { /* cut: still end on a newline */
    n = sizeof line - 1;
    line[n - 1] = '\n';
  }
  /* One write: lines from threads do not interleave. A failed write to
   * stderr has nowhere better to be reported. */
  ssize_t w = write(STDERR_FILENO, line, n);
  (void)w;
  errno = saved;
}

void log_message(log_level_t level, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  log_vmessage(level, fmt, ap);
  va_end(ap);
}
