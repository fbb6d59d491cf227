/*
 * The kiosk application: everything between the screens (src/ui, pure) and
 * the window (src/platform/kiosk_sdl.h) that makes the kiosk do things.
 * It carries out what the UI asks (print a card through the one card job,
 * the leaflet, a service slip or a test card; run a sync; ask the printer
 * for its state; write audit entries) without ever blocking the screen, and
 * answers the UI with events:
 *
 *   - card jobs and sheet prints run on print.h's worker thread;
 *   - a sync runs on a thread of its own;
 *   - every record (audit, card print) goes to the records writer
 *     (app/records.h), which waits out a busy store on its own thread; a
 *     record that cannot be written is logged (<3>, for the journal) and
 *     counted for the staff screen, never dropped silently.
 *
 * The window loop polls the host only while it has work running.
 */
#ifndef ALLWEDD_APP_KIOSK_HOST_H
#define ALLWEDD_APP_KIOSK_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

typedef struct {
  bool windowed;            /* else fullscreen */
  int width, height;        /* window size when windowed (0: 1280x800) */
  int64_t run_ms;           /* leave after this many ms (0: until staff leave); tests */
  bool report_first_frame;  /* print the start-up figure on stderr (bench) */
  int64_t started_ms;       /* clock_monotonic_ms() at process start */
} app_kiosk_options_t;

typedef enum {
  APP_KIOSK_LEFT = 0,       /* staff left, the window closed, or run_ms passed */
  APP_KIOSK_CONFIG_ERROR,   /* a profile, catalogue or font named by cfg is missing or bad */
  APP_KIOSK_FAILED,         /* the store, the records writer or the window could not start */
} app_kiosk_status_t;

/* Wipe freed memory the kiosk's libraries leave behind: SQLite (its pages
 * hold every patient) and SDL (SDL_ttf's copies of drawn strings) get
 * allocators that wipe each block as it is freed; glibc overwrites other
 * freed blocks (M_PERTURB) except the small ones it keeps in its
 * per-thread cache. Our own copies wipe themselves (draw_forget,
 * scene_free, the UI's person, the card job). Called by app_kiosk_run
 * before SQLite or SDL is used. */
void app_scrub_freed_memory(void);

/* Run the kiosk with cfg (copied) until it is left. err says why when the
 * status is not APP_KIOSK_LEFT. */
app_kiosk_status_t app_kiosk_run(const config_t *cfg, const app_kiosk_options_t *opt, char *err,
                                 size_t errlen);

#endif
