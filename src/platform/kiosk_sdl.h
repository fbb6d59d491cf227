/*
 * The kiosk's SDL edge: the only place the kiosk UI meets SDL. It loads
 * what the pure UI (src/ui/ui.h) needs (the catalogues and the renderer's
 * fonts), turns SDL mouse, touch and keyboard events into UI events, draws
 * each new scene into a software surface (draw_scene) and copies it to the
 * window surface (no OpenGL), and sleeps in SDL_WaitEventTimeout until the
 * next event or the next UI deadline: an idle kiosk uses no CPU.
 *
 * What the UI asks of the world (print, sync, printer status, quit) goes to
 * a host given by the caller (the `kiosk` command), which answers later
 * with events; the loop polls the host only while it has work running.
 */
#ifndef ALLWEDD_KIOSK_SDL_H
#define ALLWEDD_KIOSK_SDL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/heartbeat.h"
#include "core/i18n.h"
#include "core/store.h"
#include "platform/draw.h"
#include "ui/ui.h"

typedef struct kiosk kiosk_t;

/* A kiosk context: config (copied), the catalogues from
 * cfg->data_dir/locales, the renderer, and store (borrowed, may be NULL).
 * NULL with the reason in err. */
kiosk_t *kiosk_new(const config_t *cfg, store_t *store, char *err, size_t errlen);
void kiosk_free(kiosk_t *k);

const i18n_t *kiosk_catalogue(const kiosk_t *k);
draw_t *kiosk_draw(kiosk_t *k);
const config_t *kiosk_config(const kiosk_t *k);

/* A new UI of w x h for this kiosk (free with ui_free). NULL on failure. */
ui_t *kiosk_ui_new(kiosk_t *k, int w, int h);

/* One preview to render. */
typedef struct {
  const char *name;        /* ui_preview_name() */
  lang_t lang;
  int width, height;
  int text_percent;        /* 100, 130, 160, 200 */
  bool high_contrast;
  bool longest;            /* the longest sample records */
} kiosk_view_t;

/* Render a preview state to a PNG at path (NULL: no PNG). *overflows (may be NULL)
 * receives the number of texts that did not fit plus the faults
 * ui_scene_faults() finds (off the screen, a heading or the safety
 * information not on page 1); each is also passed to
 * on_overflow when given. false with the reason in err. */
bool kiosk_render_png(kiosk_t *k, const kiosk_view_t *view, const char *path, size_t *overflows,
                      void (*on_overflow)(void *ctx, const char *what), void *ctx, char *err,
                      size_t errlen);

/* Print the preview's tap targets as "NAME X Y W H" lines (centre taps for
 * scripted tests: `allwedd render SCREEN --targets`). */
bool kiosk_print_targets(kiosk_t *k, const kiosk_view_t *view, FILE *out, char *err,
                         size_t errlen);

/* The same, or with texts one "LABEL X Y W H TEXT" line per text op of the
 * page shown (LABEL as the layout names it, e.g. kw.phone; "-" when none):
 * `allwedd render SCREEN --texts`. */
bool kiosk_print_ops(kiosk_t *k, const kiosk_view_t *view, bool texts, FILE *out, char *err,
                     size_t errlen);
/* The same, also checking the page shown as `render` does (ui_scene_faults:
 * off the screen, under a button, what must be on page 1 and is not, a
 * heading cut across pages): *faults receives how many, each passed to
 * report (may be NULL). */
bool kiosk_print_ops_checked(kiosk_t *k, const kiosk_view_t *view, bool texts, FILE *out,
                             size_t *faults, void (*report)(void *ctx, const char *what),
                             void *ctx, char *err, size_t errlen);

/* Draw ui's current scene to a PNG (tests, screenshots). */
bool kiosk_write_scene_png(kiosk_t *k, ui_t *ui, const char *path, char *err, size_t errlen);

/* What the kiosk asks of the world, and how the answers come back. */
typedef struct {
  void *ctx;
  /* Carry out an action (never blocks for long: start work and return). */
  void (*act)(void *ctx, const ui_action_t *act);
  /* Next answer for the UI, if any (print progress, sync done...). */
  bool (*poll)(void *ctx, ui_event_t *ev);
  /* True while work is running that poll() will report on. */
  bool (*busy)(void *ctx);
} kiosk_host_t;

typedef struct {
  bool windowed;           /* else fullscreen desktop */
  int width, height;       /* window size when windowed (0: 1280x800) */
  const kiosk_host_t *host;
  /* Leave after this many ms (0: run until staff leave); for tests. */
  int64_t run_ms;
  /* Print "first-frame-ms N first-frame-at-ms T" on stderr after the first
   * frame: N since started_ms, T on the monotonic clock (bench). */
  bool report_first_frame;
  int64_t started_ms;      /* clock_monotonic_ms() at process start, for that figure */
  /* Beaten once per turn of the loop, after the frame (heartbeat.h, for
   * `allwedd metrics`); NULL: none. Borrowed. */
  heartbeat_t *heartbeat;
} kiosk_run_options_t;

/* Open the window and run the kiosk until staff leave (UI_ACT_QUIT), a
 * SIGTERM or SIGINT arrives, the window is closed (only when windowed: in
 * kiosk mode a close request is ignored), or run_ms passes. false with the
 * reason in err when SDL or the window cannot start. */
bool kiosk_run(kiosk_t *k, const kiosk_run_options_t *opt, char *err, size_t errlen);

/* True when a display looks available (DISPLAY or WAYLAND_DISPLAY, or an
 * SDL_VIDEODRIVER that needs none). */
bool kiosk_display_available(void);

#endif
