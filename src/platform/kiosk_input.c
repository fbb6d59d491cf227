/*
 * Raw input before the UI: the wake guard and touch rotation (see
 * kiosk_input.h). Pure: no SDL calls, times come from the caller.
 */
#include "platform/kiosk_input.h"

#include <SDL_mouse.h>
#include <SDL_touch.h>
#include <SDL_video.h>

void kiosk_wake_init(kiosk_wake_t *w, int blank_after_s, int64_t now_ms)
{
  *w = (kiosk_wake_t){.blank_after_ms = blank_after_s > 0 ? (int64_t)blank_after_s * 1000 : 0,
                      .last_input_ms = now_ms, .shown_ms = -1};
}

/* A press: finger down, or a real mouse's left button (not SDL's copy of a touch). */
static bool is_press(const SDL_Event *e)
{
  return e->type == SDL_FINGERDOWN ||
         (e->type == SDL_MOUSEBUTTONDOWN && e->button.which != SDL_TOUCH_MOUSEID &&
          e->button.button == SDL_BUTTON_LEFT);
}

/* The end of a press. */
static bool is_release(const SDL_Event *e)
{
  return e->type == SDL_FINGERUP ||
         (e->type == SDL_MOUSEBUTTONUP && e->button.which != SDL_TOUCH_MOUSEID &&
          e->button.button == SDL_BUTTON_LEFT);
}

/* A window event: track hidden/shown. */
static kiosk_input_verdict_t window_event(kiosk_wake_t *w, const SDL_WindowEvent *we,
                                          int64_t now_ms)
{
  switch (we->event) {
  case SDL_WINDOWEVENT_HIDDEN:
  case SDL_WINDOWEVENT_MINIMIZED:
    w->hidden = true;
    return KIOSK_INPUT_PASS;
  case SDL_WINDOWEVENT_SHOWN:
  case SDL_WINDOWEVENT_RESTORED:
  case SDL_WINDOWEVENT_EXPOSED:
    if (!w->hidden)
      return KIOSK_INPUT_PASS;
    w->hidden = false;
    w->shown_ms = now_ms;
    w->last_input_ms = now_ms;
    return KIOSK_INPUT_WAKE;
  default:
    return KIOSK_INPUT_PASS;
  }
}

kiosk_input_verdict_t kiosk_wake_event(kiosk_wake_t *w, const SDL_Event *e, int64_t now_ms)
{
  if (e->type == SDL_WINDOWEVENT)
    return window_event(w, &e->window, now_ms);
  if (w->swallowing) {
    /* Everything of the wake touch, up to and including its release. */
    if (is_release(e))
      w->swallowing = false;
    if (is_press(e) || is_release(e) || e->type == SDL_FINGERMOTION ||
        e->type == SDL_MOUSEMOTION)
      return KIOSK_INPUT_DROP;
  }
  if (is_press(e)) {
    bool guarded = w->shown_ms >= 0 && now_ms - w->shown_ms < KIOSK_WAKE_GUARD_MS;
    w->last_input_ms = now_ms;
    w->shown_ms = -1;
    if (w->blanked || w->hidden || guarded) {
      w->blanked = false;
      w->hidden = false;
      w->swallowing = true;
      w->wake_presses++;
      return KIOSK_INPUT_WAKE;
    }
    return KIOSK_INPUT_PASS;
  }
  if (e->type == SDL_KEYDOWN) {
    w->last_input_ms = now_ms;
    if (w->blanked) {
      w->blanked = false;
      return KIOSK_INPUT_WAKE_PASS;
    }
  }
  return KIOSK_INPUT_PASS;
}

bool kiosk_wake_should_blank(kiosk_wake_t *w, bool idle_screen, int64_t now_ms)
{
  int64_t at = kiosk_wake_deadline_ms(w, idle_screen);
  if (at < 0 || now_ms < at)
    return false;
  w->blanked = true;
  return true;
}

int64_t kiosk_wake_deadline_ms(const kiosk_wake_t *w, bool idle_screen)
{
  if (!w->blank_after_ms || w->blanked || w->hidden || w->swallowing || !idle_screen)
    return -1;
  return w->last_input_ms + w->blank_after_ms;
}

void kiosk_touch_turn(int rotation_deg, float fx, float fy, float *x, float *y)
{
  /* As wlroots turns absolute input for an output transform of the same
   * clockwise rotation (apply_output_transform). */
  switch (((rotation_deg % 360) + 360) % 360) {
  case 90: *x = 1.0f - fy; *y = fx; break;
  case 180: *x = 1.0f - fx; *y = 1.0f - fy; break;
  case 270: *x = fy; *y = 1.0f - fx; break;
  default: *x = fx; *y = fy; break;
  }
}
