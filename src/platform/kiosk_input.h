/*
 * What the kiosk does with raw SDL input before the UI sees it: a display
 * that sleeps and wakes must not let a stray tap through, and a rotated
 * screen's touches may need turning. Pure: SDL event structs in, decisions
 * out; no SDL calls, no clock of its own (times are given), so every case
 * is tested with injected events (tests/unit/test_kiosk_input.c).
 *
 * Sleep and wake, and what SDL reports:
 *  - The kiosk blanks the screen itself after [kiosk] screen_blank_s of no
 *    input on the welcome screen (a black frame; 0 = never). The display is
 *    dark, so the first touch only wakes it: that press, and everything up
 *    to its release, is kept from the UI. A key wakes it and still goes
 *    through (a barcode scanner types keys; none may be lost).
 *  - When the compositor or X server hides the window (a display that is
 *    switched off or sleeps: SDL_WINDOWEVENT_HIDDEN or _MINIMIZED) and shows
 *    it again (_SHOWN, _RESTORED or _EXPOSED after that), the touch that
 *    woke the display arrives just after: a press while hidden, or within
 *    KIOSK_WAKE_GUARD_MS of the window coming back, only wakes the screen.
 *    An _EXPOSED with no hide before it is an ordinary redraw request and
 *    changes nothing.
 *
 * Touch rotation: with cage 0.1.4 (wlroots 0.15) the compositor turns touch
 * input with the output (`cage -r`) only when udev ties the touch panel to
 * the output (WL_OUTPUT); otherwise touches arrive unturned. [kiosk]
 * touch_rotation (0, 90, 180, 270, clockwise like `cage -r`) turns them in
 * the kiosk instead (README "Deploying on a reception PC"). The formula is
 * the one wlroots applies for that output transform (types/wlr_cursor.c,
 * apply_output_transform), so the two ways agree.
 */
#ifndef ALLWEDD_KIOSK_INPUT_H
#define ALLWEDD_KIOSK_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL_events.h>

/* How long after the window comes back a press counts as the wake touch. */
enum { KIOSK_WAKE_GUARD_MS = 1500 };

typedef struct {
  int64_t blank_after_ms;  /* 0: never blank */
  int64_t last_input_ms;   /* the last press or key (or the start) */
  bool blanked;            /* the kiosk shows a black frame */
  bool hidden;             /* the window is hidden or minimised */
  int64_t shown_ms;        /* when the window came back; -1: no guard */
  bool swallowing;         /* a wake press was kept from the UI: until its release */
  unsigned wake_presses;   /* how many presses only woke the screen (for traces) */
} kiosk_wake_t;

/* What to do with one event. */
typedef enum {
  KIOSK_INPUT_PASS,   /* give it to the UI */
  KIOSK_INPUT_DROP,   /* keep it from the UI */
  KIOSK_INPUT_WAKE,   /* keep it from the UI and redraw the scene: the screen woke */
  KIOSK_INPUT_WAKE_PASS, /* redraw the scene and give the event to the UI (a key) */
} kiosk_input_verdict_t;

/* Start awake at now_ms; blank after blank_after_s of no input (0: never). */
void kiosk_wake_init(kiosk_wake_t *w, int blank_after_s, int64_t now_ms);

/* Decide what one SDL event does (window events update the state and
 * return KIOSK_INPUT_PASS, or KIOSK_INPUT_WAKE when the window came back). */
kiosk_input_verdict_t kiosk_wake_event(kiosk_wake_t *w, const SDL_Event *e, int64_t now_ms);

/* True when the screen should go black now (it is on an idle screen, i.e.
 * the welcome screen, and no input came for blank_after_ms); sets blanked.
 * False when it already is, or blanking is off. */
bool kiosk_wake_should_blank(kiosk_wake_t *w, bool idle_screen, int64_t now_ms);

/* When kiosk_wake_should_blank could next become true (monotonic ms), or -1. */
int64_t kiosk_wake_deadline_ms(const kiosk_wake_t *w, bool idle_screen);

/* Turn a touch at (fx, fy), fractions of the window, by rotation_deg (0,
 * 90, 180, 270: the screen's clockwise rotation), giving fractions too. */
void kiosk_touch_turn(int rotation_deg, float fx, float fy, float *x, float *y);

#endif
