/*
 * The kiosk's heartbeat: a small file beside the store that the kiosk's
 * event loop rewrites every few seconds, so `allwedd metrics` (another
 * process, run by a timer) can say whether the kiosk is up, when its loop
 * last turned and when it last drew a frame. A loop that hangs stops
 * beating, exactly as it stops pinging the systemd watchdog.
 *
 * The file ("allwedd.db" -> "allwedd-kiosk.state", heartbeat_path()) holds
 * "key=value" lines, times in milliseconds since the epoch (wall clock):
 *
 *   pid=1234
 *   started_ms=1764430000123    when the kiosk started
 *   beat_ms=1764430100456       the loop's last turn that was written
 *   frame_ms=1764430090789      the last new frame drawn (0: none yet)
 *   stopped_ms=0                when it left cleanly (0: running)
 *
 * It holds no patient data. It is written whole to a temporary file in the
 * same folder and renamed over the old one, so a reader never sees half a
 * file. A write that fails is kept on the handle (heartbeat_error) and
 * tried again at the next beat: the kiosk never stops for its heartbeat,
 * and a stale heartbeat is itself the alarm.
 */
#ifndef ALLWEDD_HEARTBEAT_H
#define ALLWEDD_HEARTBEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most one write per this period (a new frame does not write sooner,
 * except the first). */
enum { HEARTBEAT_INTERVAL_MS = 5000 };

typedef struct heartbeat heartbeat_t;

/* The heartbeat file that goes with the store at db_path: a trailing ".db"
 * becomes "-kiosk.state", any other path gains "-kiosk.state". false when
 * out is too small. */
bool heartbeat_path(const char *db_path, char *out, size_t outlen);

/* Start beating into path (copied): writes the first state at once.
 * NULL with the reason in err when that first write fails or out of memory. */
heartbeat_t *heartbeat_start(const char *path, char *err, size_t errlen);

/* One turn of the loop, called after the frame (if any) is shown.
 * frame_serial is the serial of the scene on the screen (ui_scene_serial):
 * the first call and every change are a new frame. Writes when
 * HEARTBEAT_INTERVAL_MS has passed since the last write, or at the first
 * frame. NULL hb does nothing (tests, previews). */
void heartbeat_beat(heartbeat_t *hb, uint64_t frame_serial);

/* The last write error, or "" when the last write worked. */
const char *heartbeat_error(const heartbeat_t *hb);

/* Write the clean stop (stopped_ms) and free. NULL is fine. false with the
 * reason in err when the last write fails (the handle is freed anyway). */
bool heartbeat_stop(heartbeat_t *hb, char *err, size_t errlen);

/* A heartbeat file as read back. */
typedef struct {
  long pid;
  int64_t started_ms, beat_ms, frame_ms, stopped_ms;
} heartbeat_state_t;

typedef enum {
  HEARTBEAT_READ_OK = 0,
  HEARTBEAT_READ_ABSENT,  /* no file: no kiosk has run beside this store */
  HEARTBEAT_READ_BAD,     /* unreadable or malformed; see err */
} heartbeat_read_t;

/* Read the heartbeat file at path. */
heartbeat_read_t heartbeat_read(const char *path, heartbeat_state_t *out, char *err, size_t errlen);

/* True when the state says running (no clean stop) and its process exists. */
bool heartbeat_running(const heartbeat_state_t *state);

#endif
