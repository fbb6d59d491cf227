/*
 * The kiosk's heartbeat file: written whole and renamed into place, read
 * back by the metrics command. Never anything about the person at the
 * screen: a process id and four times.
 */
#include "core/heartbeat.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"

struct heartbeat {
  char *path;
  heartbeat_state_t state;
  uint64_t frame_serial;
  bool seen_frame;
  int64_t last_write_mono_ms;
  char error[256];
};

/* The wall clock in milliseconds since the epoch. */
static int64_t wall_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool heartbeat_path(const char *db_path, char *out, size_t outlen)
{
  size_t len = strlen(db_path);
  if (len >= 3 && !strcmp(db_path + len - 3, ".db"))
    len -= 3;
  int n = snprintf(out, outlen, "%.*s-kiosk.state", (int)len, db_path);
  return n >= 0 && (size_t)n < outlen;
}

/* Write the state to a temporary file beside the path and rename it over
 * the path; false with hb->error. */
static bool write_state(heartbeat_t *hb)
{
  char tmp[4200];
  int n = snprintf(tmp, sizeof tmp, "%s.XXXXXX", hb->path);
  if (n < 0 || (size_t)n >= sizeof tmp) {
    snprintf(hb->error, sizeof hb->error, "%.200s: path too long", hb->path);
    return false;
  }
  int fd = mkstemp(tmp);
  if (fd < 0) {
    snprintf(hb->error, sizeof hb->error, "%.200s: %s", tmp, strerror(errno));
    return false;
  }
  char text[256];
  const heartbeat_state_t *s = &hb->state;
  int len = snprintf(text, sizeof text, "pid=%ld\nstarted_ms=%lld\nbeat_ms=%lld\nframe_ms=%lld\nstopped_ms=%lld\n",
                     s->pid, (long long)s->started_ms, (long long)s->beat_ms, (long long)s->frame_ms,
                     (long long)s->stopped_ms);
  bool ok = len > 0 && write(fd, text, (size_t)len) == (ssize_t)len;
  int saved = errno;
  ok = close(fd) == 0 && ok;
  if (ok && rename(tmp, hb->path) != 0) {
    saved = errno;
    ok = false;
  }
  if (!ok) {
    snprintf(hb->error, sizeof hb->error, "%.200s: %s", hb->path, strerror(saved ? saved : errno));
    unlink(tmp);
    return false;
  }
  hb->error[0] = '\0';
  hb->last_write_mono_ms = clock_monotonic_ms();
  return true;
}

heartbeat_t *heartbeat_start(const char *path, char *err, size_t errlen)
{
  heartbeat_t *hb = calloc(1, sizeof *hb);
  if (!hb || !(hb->path = strdup(path))) {
    snprintf(err, errlen, "out of memory");
    free(hb);
    return NULL;
  }
  hb->state.pid = (long)getpid();
  hb->state.started_ms = hb->state.beat_ms = wall_ms();
  if (!write_state(hb)) {
    snprintf(err, errlen, "%s", hb->error);
    free(hb->path);
    free(hb);
    return NULL;
  }
  return hb;
}

void heartbeat_beat(heartbeat_t *hb, uint64_t frame_serial)
{
  if (!hb)
    return;
  int64_t now = wall_ms();
  bool first_frame = false;
  if (!hb->seen_frame || frame_serial != hb->frame_serial) {
    first_frame = !hb->seen_frame;
    hb->seen_frame = true;
    hb->frame_serial = frame_serial;
    hb->state.frame_ms = now;
  }
  if (!first_frame && clock_monotonic_ms() - hb->last_write_mono_ms < HEARTBEAT_INTERVAL_MS)
    return;
  hb->state.beat_ms = now;
  write_state(hb); /* a failure is kept in hb->error and retried next beat */
}

const char *heartbeat_error(const heartbeat_t *hb) { return hb ? hb->error : ""; }

bool heartbeat_stop(heartbeat_t *hb, char *err, size_t errlen)
{
  if (!hb)
    return true;
  hb->state.beat_ms = hb->state.stopped_ms = wall_ms();
  bool ok = write_state(hb);
  if (!ok)
    snprintf(err, errlen, "%s", hb->error);
  free(hb->path);
  free(hb);
  return ok;
}

heartbeat_read_t heartbeat_read(const char *path, heartbeat_state_t *out, char *err, size_t errlen)
{
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT)
      return HEARTBEAT_READ_ABSENT;
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return HEARTBEAT_READ_BAD;
  }
  char line[128];
  int seen = 0, lineno = 0;
  heartbeat_read_t result = HEARTBEAT_READ_OK;
  while (fgets(line, sizeof line, f)) {
    char key[32];
    long long value;
    lineno++;
    if (sscanf(line, "%31[a-z_]=%lld", key, &value) != 2 || value < 0) {
      snprintf(err, errlen, "%s:%d: not key=number", path, lineno);
      result = HEARTBEAT_READ_BAD;
      break;
    }
    if (!strcmp(key, "pid"))
      out->pid = (long)value, seen |= 1;
    else if (!strcmp(key, "started_ms"))
      out->started_ms = value, seen |= 2;
    else if (!strcmp(key, "beat_ms"))
      out->beat_ms = value, seen |= 4;
    else if (!strcmp(key, "frame_ms"))
      out->frame_ms = value, seen |= 8;
    else if (!strcmp(key, "stopped_ms"))
      out->stopped_ms = value, seen |= 16;
  }
  fclose(f);
  if (result == HEARTBEAT_READ_OK && seen != 31) {
    snprintf(err, errlen, "%s: incomplete (pid, started_ms, beat_ms, frame_ms, stopped_ms)", path);
    result = HEARTBEAT_READ_BAD;
  }
  return result;
}

bool heartbeat_running(const heartbeat_state_t *state)
{
  if (state->stopped_ms || state->pid <= 0)
    return false;
  return kill((pid_t)state->pid, 0) == 0 || errno == EPERM;
}
