/*
 * Durable, atomic file writes (see safe_file.h).
 */
#include "core/safe_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void safe_file_dirname(const char *path, char *out, size_t outlen)
{
  const char *slash = strrchr(path, '/');
  if (!slash)
    snprintf(out, outlen, ".");
  else if (slash == path)
    snprintf(out, outlen, "/");
  else
    snprintf(out, outlen, "%.*s", (int)(slash - path), path);
}

bool safe_file_sync_dir(const char *path, char *err, size_t errlen)
{
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool ok = fd >= 0 && fsync(fd) == 0;
  if (!ok)
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
  if (fd >= 0)
    close(fd);
  return ok;
}

bool safe_file_write(const char *path, const void *data, size_t len, mode_t mode, char *err,
                     size_t errlen)
{
  char tmp[4200], dir[4096];
  const char *p = data;
  snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
  unlink(tmp); /* a leftover of this process id from an earlier crash */
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return false;
  }
  bool ok = fchmod(fd, mode) == 0; /* the umask may have narrowed it */
  while (ok && len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    ok = n > 0;
    if (ok) {
      p += n;
      len -= (size_t)n;
    }
  }
  ok = ok && fsync(fd) == 0;
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    snprintf(err, errlen, "%s: %s", path, strerror(saved));
    unlink(tmp);
    return false;
  }
  safe_file_dirname(path, dir, sizeof dir);
  return safe_file_sync_dir(dir, err, errlen);
}
