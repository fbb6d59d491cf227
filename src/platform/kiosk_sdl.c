/*
 * The kiosk window: SDL events in, UI events out; UI scenes in, pixels out.
 * This is the only kiosk file that includes SDL. It keeps no state of its
 * own about the person at the screen: the UI owns that and wipes it, and
 * every frame is drawn whole (background first), so nothing of the last
 * person survives on the surface either.
 *
 * The loop never spins: it sleeps in SDL_WaitEventTimeout until an event,
 * the UI's next deadline (idle warning, countdown, staff hold), the screen
 * blank, the next systemd watchdog ping, or, only while the host has a
 * print or sync running, the next 100 ms poll.
 *
 * Under systemd (allwedd-kiosk.service, Type=notify) it tells the service
 * manager READY=1 once the first frame is on the screen, and WATCHDOG=1 from
 * the loop itself every half watchdog period (sd_watchdog_enabled): a loop
 * that hangs stops pinging and systemd restarts the kiosk. Raw input goes
 * through kiosk_input.h first (the wake guard, touch rotation).
 */
#include "platform/kiosk_sdl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <systemd/sd-daemon.h>

#include "core/clock.h"
#include "core/log.h"
#include "platform/kiosk_input.h"
#include "platform/raster.h"
#include "platform/speech.h"

struct kiosk {
  config_t cfg;
  i18n_t *cat;
  draw_t *draw;
  store_t *store;
};

enum { KIOSK_HOST_POLL_MS = 100 };

/* A kiosk context. */
kiosk_t *kiosk_new(const config_t *cfg, store_t *store, char *err, size_t errlen)
{
  kiosk_t *k = calloc(1, sizeof *k);
  char dir[CONFIG_PATH_MAX + 16], why[512];
  if (!k) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  k->cfg = *cfg;
  k->store = store;
  snprintf(dir, sizeof dir, "%s/locales", cfg->data_dir);
  if (!(k->cat = i18n_load(dir, why, sizeof why))) {
    snprintf(err, errlen, "%s", why);
    goto fail;
  }
  if (!(k->draw = draw_new_from_config(cfg, why, sizeof why))) {
    snprintf(err, errlen, "%s", why);
    goto fail;
  }
  return k;
fail:
  kiosk_free(k);
  return NULL;
}

/* Free the context (not the borrowed store). */
void kiosk_free(kiosk_t *k)
{
  if (!k)
    return;
  draw_free(k->draw);
  i18n_free(k->cat);
  free(k);
}

/* The catalogues. */
const i18n_t *kiosk_catalogue(const kiosk_t *k) { return k->cat; }

/* The renderer. */
draw_t *kiosk_draw(kiosk_t *k) { return k->draw; }

/* The configuration in force. */
const config_t *kiosk_config(const kiosk_t *k) { return &k->cfg; }

/* A new UI for this kiosk. */
ui_t *kiosk_ui_new(kiosk_t *k, int w, int h)
{
  ui_options_t opt = {.cfg = &k->cfg, .cat = k->cat, .store = k->store,
                      .measurer = draw_measurer(k->draw)};
  return ui_new(&opt, w, h);
}

/* Draw ui's current scene to a PNG. */
bool kiosk_write_scene_png(kiosk_t *k, ui_t *ui, const char *path, char *err, size_t errlen)
{
  const scene_t *sc = ui_scene(ui);
  SDL_Surface *surface = NULL;
  bool ok = false;
  if (!sc) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  if (!(surface = draw_surface_new(scene_width(sc), scene_height(sc)))) {
    snprintf(err, errlen, "%s", SDL_GetError());
    goto done;
  }
  if (!draw_scene(k->draw, sc, surface)) {
    snprintf(err, errlen, "%s", draw_error(k->draw));
    goto done;
  }
  ok = raster_write_surface_png(surface, 0, path, err, errlen);
done:
  SDL_FreeSurface(surface);
  return ok;
}

/* Render a preview state to a PNG. */
bool kiosk_render_png(kiosk_t *k, const kiosk_view_t *view, const char *path, size_t *overflows,
                      void (*on_overflow)(void *ctx, const char *what), void *ctx, char *err,
                      size_t errlen)
{
  ui_t *ui = kiosk_ui_new(k, view->width, view->height);
  bool ok = false;
  if (!ui) {
    snprintf(err, errlen, "cannot create the UI for %dx%d", view->width, view->height);
    goto done;
  }
  if (!ui_preview(ui, view->name, view->longest, 0)) {
    snprintf(err, errlen, "unknown screen '%s' (see allwedd render --list)", view->name);
    goto done;
  }
  ui_set_lang(ui, view->lang);
  ui_set_text_scale(ui, view->text_percent);
  ui_set_high_contrast(ui, view->high_contrast);
  const scene_t *sc = ui_scene(ui);
  if (!sc) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  for (size_t i = 0; on_overflow && i < scene_overflow_count(sc); i++)
    on_overflow(ctx, scene_overflow(sc, i));
  size_t faults = ui_scene_faults(ui, sc, on_overflow, ctx);
  if (overflows)
    *overflows = scene_overflow_count(sc) + faults;
  ok = !path || kiosk_write_scene_png(k, ui, path, err, errlen);
done:
  ui_free(ui);
  return ok;
}

/* Print the preview's tap targets. */
bool kiosk_print_targets(kiosk_t *k, const kiosk_view_t *view, FILE *out, char *err,
                         size_t errlen)
{
  return kiosk_print_ops(k, view, false, out, err, errlen);
}

/* Print the preview's tap targets, or its texts. */
bool kiosk_print_ops(kiosk_t *k, const kiosk_view_t *view, bool texts, FILE *out, char *err,
                     size_t errlen)
{
  size_t faults = 0;
  return kiosk_print_ops_checked(k, view, texts, out, &faults, NULL, NULL, err, errlen);
}

bool kiosk_print_ops_checked(kiosk_t *k, const kiosk_view_t *view, bool texts, FILE *out,
                             size_t *faults, void (*report)(void *ctx, const char *what),
                             void *ctx, char *err, size_t errlen)
{
  *faults = 0;
  ui_t *ui = kiosk_ui_new(k, view->width, view->height);
  bool ok = false;
  if (!ui || !ui_preview(ui, view->name, view->longest, 0)) {
    snprintf(err, errlen, "unknown screen '%s' (see allwedd render --list)", view->name);
    goto done;
  }
  ui_set_lang(ui, view->lang);
  ui_set_text_scale(ui, view->text_percent);
  ui_set_high_contrast(ui, view->high_contrast);
  const scene_t *sc = ui_scene(ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (texts) {
      if (op->kind == SCENE_OP_TEXT)
        fprintf(out, "%s %d %d %d %d %s\n", op->label[0] ? op->label : "-", op->x, op->y,
                op->w, op->h, op->text);
      continue;
    }
    char name[48];
    ui_target_name(op->target, name, sizeof name);
    if (op->kind == SCENE_OP_RECT && name[0])
      fprintf(out, "%s %d %d %d %d\n", name, op->x, op->y, op->w, op->h);
  }
  ok = sc != NULL;
  if (sc)
    *faults = ui_scene_faults(ui, sc, report, ctx);
done:
  ui_free(ui);
  return ok;
}

/* True when a display looks available. */
bool kiosk_display_available(void)
{
  const char *driver = getenv("SDL_VIDEODRIVER");
  if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy") ||
                 !strcmp(driver, "kmsdrm")))
    return true;
  const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wl && *wl);
}

/* The window and the frame the scene is drawn into. No SDL_Renderer and
 * no OpenGL: the frame is copied to the window surface (X11 shared memory
 * on Linux), which keeps start-up fast and memory small. */
typedef struct {
  SDL_Window *window;
  SDL_Surface *frame;     /* ARGB8888, what draw_scene() draws into */
  int w, h;
} kiosk_screen_t;

/* (Re)create the frame for the window's current size. */
static bool kiosk_screen_fit(kiosk_screen_t *s, char *err, size_t errlen)
{
  SDL_Surface *target = SDL_GetWindowSurface(s->window);
  if (!target) {
    snprintf(err, errlen, "cannot get the window surface: %s", SDL_GetError());
    return false;
  }
  if (s->frame && target->w == s->w && target->h == s->h)
    return true;
  SDL_FreeSurface(s->frame);
  if (!(s->frame = draw_surface_new(target->w, target->h))) {
    snprintf(err, errlen, "cannot create a %dx%d frame: %s", target->w, target->h,
             SDL_GetError());
    return false;
  }
  s->w = target->w;
  s->h = target->h;
  return true;
}

/* Release the window and its frame. */
static void kiosk_screen_close(kiosk_screen_t *s)
{
  SDL_FreeSurface(s->frame);
  if (s->window)
    SDL_DestroyWindow(s->window);
  memset(s, 0, sizeof *s);
}

/* Open the window. */
static bool kiosk_screen_open(kiosk_screen_t *s, const kiosk_run_options_t *opt, char *err,
                              size_t errlen)
{
  int w = opt->width > 0 ? opt->width : 1280, h = opt->height > 0 ? opt->height : 800;
  Uint32 flags = SDL_WINDOW_SHOWN;
  if (!opt->windowed)
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  s->window = SDL_CreateWindow("Allwedd", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                               flags);
  if (!s->window) {
    snprintf(err, errlen, "cannot open the window: %s", SDL_GetError());
    return false;
  }
  if (!opt->windowed)
    SDL_ShowCursor(SDL_DISABLE);
  return kiosk_screen_fit(s, err, errlen);
}

/* Draw the UI's scene, or a black screen while blanked, and show it. */
static bool kiosk_present(kiosk_t *k, kiosk_screen_t *s, ui_t *ui, bool blanked)
{
  const scene_t *sc = ui_scene(ui);
  SDL_Surface *target = SDL_GetWindowSurface(s->window);
  if (!sc || !target)
    return false;
  if (blanked) {
    SDL_FillRect(target, NULL, SDL_MapRGB(target->format, 0, 0, 0));
  } else {
    if (!draw_scene(k->draw, sc, s->frame))
      log_error("allwedd kiosk: %s", draw_error(k->draw));
    SDL_BlitSurface(s->frame, NULL, target, NULL);
  }
  SDL_UpdateWindowSurface(s->window);
  return true;
}

/* A key as the UI wants it (digits, letters, punctuation, Enter, Tab,
 * Backspace, Escape). */
static int kiosk_key(SDL_Keycode sym)
{
  if (sym >= SDLK_0 && sym <= SDLK_9)
    return '0' + (int)(sym - SDLK_0);
  if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
    return '1' + (int)(sym - SDLK_KP_1);
  if (sym == SDLK_KP_0)
    return '0';
  if (sym >= SDLK_a && sym <= SDLK_z)
    return 'A' + (int)(sym - SDLK_a);
  switch (sym) {
  case SDLK_RETURN:
  case SDLK_KP_ENTER: return '\n';
  case SDLK_TAB: return '\t';     /* scanners set to end a scan with Tab */
  case SDLK_BACKSPACE: return '\b';
  case SDLK_ESCAPE: return 27;
  case SDLK_SPACE: return ' ';
  case SDLK_KP_MINUS: return '-';
  case SDLK_KP_PERIOD: return '.';
  case SDLK_KP_DIVIDE: return '/';
  default:
    /* Punctuation a scanner types around a number ("NHS No: 943-476-5919",
     * "]C0"): its key's own character is enough for the UI. */
    return sym > ' ' && sym < 0x7f ? (int)sym : 0;
  }
}

/* Turn one SDL event into a UI event; false when it is not one. Touches
 * are turned by touch_rotation_deg (kiosk_input.h). */
static bool kiosk_translate(const SDL_Event *e, const kiosk_screen_t *s, int touch_rotation_deg,
                            ui_event_t *ev)
{
  float fx, fy;
  memset(ev, 0, sizeof *ev);
  ev->now_ms = clock_monotonic_ms();
  switch (e->type) {
  case SDL_MOUSEBUTTONDOWN:
  case SDL_MOUSEBUTTONUP:
    /* Touches arrive as finger events; skip SDL's mouse copies of them. */
    if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
      return false;
    ev->kind = e->type == SDL_MOUSEBUTTONDOWN ? UI_EV_PRESS : UI_EV_RELEASE;
    ev->x = e->button.x;
    ev->y = e->button.y;
    return true;
  case SDL_FINGERDOWN:
  case SDL_FINGERUP:
    ev->kind = e->type == SDL_FINGERDOWN ? UI_EV_PRESS : UI_EV_RELEASE;
    kiosk_touch_turn(touch_rotation_deg, e->tfinger.x, e->tfinger.y, &fx, &fy);
    ev->x = (int)(fx * (float)s->w);
    ev->y = (int)(fy * (float)s->h);
    return true;
  case SDL_KEYDOWN:
    ev->kind = UI_EV_KEY;
    ev->key = kiosk_key(e->key.keysym.sym);
    return ev->key != 0;
  default:
    return false;
  }
}

/* The earlier of two deadlines, either -1 for none. */
static int64_t kiosk_earlier(int64_t a, int64_t b)
{
  return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* How long to sleep: until the UI's deadline, the kiosk's own (watchdog
 * ping, screen blank; -1 for none), the host's (or speech's) next poll, or
 * the end of the run; -1 for "until an event". */
static int kiosk_timeout(ui_t *ui, const kiosk_run_options_t *opt, int64_t own_deadline_ms,
                         int64_t end_ms, speech_t *speech)
{
  int64_t now = clock_monotonic_ms();
  int64_t next = kiosk_earlier(ui_next_deadline_ms(ui), own_deadline_ms);
  if ((opt->host && opt->host->busy && opt->host->busy(opt->host->ctx)) || speech_active(speech))
    next = next < 0 || next > now + KIOSK_HOST_POLL_MS ? now + KIOSK_HOST_POLL_MS : next;
  if (end_ms > 0)
    next = next < 0 || next > end_ms ? end_ms : next;
  if (next < 0)
    return -1;
  int64_t wait = next - now;
  return wait < 0 ? 0 : wait > 60000 ? 60000 : (int)wait;
}

/* Hand queued UI actions to speech or the host; true when the UI asked to
 * quit. */
static bool kiosk_dispatch(ui_t *ui, const kiosk_run_options_t *opt, speech_t *speech)
{
  ui_action_t act;
  bool quit = false;
  while (ui_take_action(ui, &act)) {
    if (act.kind == UI_ACT_QUIT)
      quit = true;
    else if (speech_handle_action(speech, &act))
      ;
    else if (opt->host && opt->host->act)
      opt->host->act(opt->host->ctx, &act);
    ui_action_wipe(&act);
  }
  return quit;
}

/* When SDL queued the event, on the monotonic clock: how long the window
 * was back before a press is the time between the two events, not between
 * this loop's handling of them (which a busy machine can stretch). */
static int64_t kiosk_event_time_ms(const SDL_Event *e)
{
  int64_t now = clock_monotonic_ms();
  Uint32 ticks = SDL_GetTicks();
  Uint32 age = e->common.timestamp && e->common.timestamp <= ticks ? ticks - e->common.timestamp : 0;
  return now - (int64_t)age;
}

/* Handle one SDL event; false when the window was closed or, with *failed
 * set and the reason in err, could not be redrawn. */
static bool kiosk_event(kiosk_t *k, kiosk_screen_t *s, ui_t *ui, kiosk_wake_t *wake,
                        const SDL_Event *e, bool *force, bool *failed, char *err, size_t errlen)
{
  ui_event_t ev;
  if (e->type == SDL_QUIT)
    return false;
  switch (kiosk_wake_event(wake, e, kiosk_event_time_ms(e))) {
  case KIOSK_INPUT_DROP:
    return true;
  case KIOSK_INPUT_WAKE:
    *force = true;
    if (e->type != SDL_WINDOWEVENT)
      return true;
    break;
  case KIOSK_INPUT_WAKE_PASS:
    *force = true;
    break;
  case KIOSK_INPUT_PASS:
    break;
  }
  if (e->type == SDL_WINDOWEVENT) {
    if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
        e->window.event == SDL_WINDOWEVENT_RESIZED) {
      if (!kiosk_screen_fit(s, err, errlen)) {
        *failed = true;
        return false;
      }
      ui_resize(ui, s->w, s->h);
    }
    *force = true;
  } else if (kiosk_translate(e, s, k->cfg.touch_rotation_deg, &ev)) {
    ui_handle(ui, &ev);
  }
  return true;
}

/* SDL's own messages, at their level, through log.h. */
static void kiosk_sdl_log(void *ctx, int category, SDL_LogPriority priority, const char *message)
{
  (void)ctx;
  (void)category;
  log_level_t level = priority >= SDL_LOG_PRIORITY_ERROR ? LOG_LEVEL_ERROR
                      : priority == SDL_LOG_PRIORITY_WARN ? LOG_LEVEL_WARNING
                      : priority == SDL_LOG_PRIORITY_INFO ? LOG_LEVEL_INFO
                                                          : LOG_LEVEL_DEBUG;
  log_message(level, "allwedd kiosk: SDL: %s", message);
}

/* The systemd watchdog as the loop keeps it: a ping every half period. */
typedef struct {
  int64_t period_ms;   /* 0: no watchdog asked for */
  int64_t next_ms;
} kiosk_watchdog_t;

/* Read WATCHDOG_USEC (and WATCHDOG_PID) through sd_watchdog_enabled. */
static void kiosk_watchdog_init(kiosk_watchdog_t *wd, int64_t now_ms)
{
  uint64_t usec = 0;
  int r = sd_watchdog_enabled(0, &usec);
  wd->period_ms = 0;
  wd->next_ms = -1;
  if (r < 0)
    log_warning("allwedd kiosk: the watchdog settings are unreadable (%s): no pings",
                strerror(-r));
  if (r <= 0)
    return;
  wd->period_ms = (int64_t)(usec / 2000);
  if (wd->period_ms < 1)
    wd->period_ms = 1;
  wd->next_ms = now_ms + wd->period_ms;
}

/* Ping when due. Called only from the loop, so a stuck loop stops pinging. */
static void kiosk_watchdog_keep(kiosk_watchdog_t *wd, int64_t now_ms)
{
  if (!wd->period_ms || now_ms < wd->next_ms)
    return;
  sd_notify(0, "WATCHDOG=1");
  wd->next_ms = now_ms + wd->period_ms;
}

/* Speech, when configured and an audio device opens; without it the
 * Listen control is hidden and the kiosk works the same (the reason goes to
 * the log for staff, never to the screen). */
static speech_t *kiosk_speech_open(const kiosk_t *k, bool trace)
{
  speech_options_t so;
  char why[512];
  speech_t *speech = NULL;
  if (k->cfg.speech_enabled) {
    speech_options_from_config(&so, &k->cfg);
    so.trace = trace ? stderr : NULL;
    if (!(speech = speech_open(&so, why, sizeof why)))
      log_message(LOG_LEVEL_NOTICE, "allwedd kiosk: read-aloud not offered: %s", why);
  }
  /* For `systemctl status`, and tests that wait for the Listen control. */
  sd_notify(0, speech ? "STATUS=The welcome screen is shown; read-aloud ready"
               : k->cfg.speech_enabled ? "STATUS=The welcome screen is shown; no read-aloud "
                                         "(no audio output)"
                                       : "STATUS=The welcome screen is shown; read-aloud off");
  return speech;
}

/* Run the kiosk until staff leave or the window closes. */
bool kiosk_run(kiosk_t *k, const kiosk_run_options_t *opt, char *err, size_t errlen)
{
  kiosk_screen_t s = {0};
  ui_t *ui = NULL;
  speech_t *speech = NULL;
  bool ok = false, running = true, force = true, first = true, failed = false;
  uint64_t shown = 0;
  /* ALLWEDD_KIOSK_TRACE=1: name each screen, the display blanking and
   * waking, and each press that only woke the screen on stderr (never any
   * data), for scripted tests of the real window. */
  const char *trace_env = getenv("ALLWEDD_KIOSK_TRACE");
  bool trace = trace_env && *trace_env == '1';
  ui_screen_t traced = UI_SCREEN_COUNT;
  unsigned traced_wakes = 0;
  kiosk_watchdog_t wd;
  kiosk_wake_t wake;
  bool blanked = false;
  SDL_LogSetOutputFunction(kiosk_sdl_log, NULL);
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  /* In kiosk mode a close request (Alt+F4, the compositor's close) is not
   * a way out: leaving is a staff action. SIGTERM still ends the kiosk. */
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, opt->windowed ? "1" : "0");
  /* A kiosk needs no desktop bus; without one libdbus would spawn
   * dbus-launch at start-up. */
  setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    snprintf(err, errlen, "cannot start SDL video: %s", SDL_GetError());
    return false;
  }
  if (!kiosk_screen_open(&s, opt, err, errlen))
    goto done;
  if (!(ui = kiosk_ui_new(k, s.w, s.h))) {
    snprintf(err, errlen, "cannot create the UI");
    goto done;
  }
  ui_set_speech_available(ui, false); /* until an audio device opens, after the first frame */
  int64_t end_ms = opt->run_ms > 0 ? clock_monotonic_ms() + opt->run_ms : 0;
  kiosk_watchdog_init(&wd, clock_monotonic_ms());
  kiosk_wake_init(&wake, k->cfg.screen_blank_s, clock_monotonic_ms());
  while (running) {
    ui_event_t ev = {.kind = UI_EV_TICK, .now_ms = clock_monotonic_ms()};
    kiosk_watchdog_keep(&wd, ev.now_ms);
    int64_t deadline = ui_next_deadline_ms(ui);
    if (deadline >= 0 && ev.now_ms >= deadline)
      ui_handle(ui, &ev);
    while (opt->host && opt->host->poll && opt->host->poll(opt->host->ctx, &ev))
      ui_handle(ui, &ev);
    while (speech_poll(speech, &ev))
      ui_handle(ui, &ev);
    if (kiosk_dispatch(ui, opt, speech))
      break;
    if (trace && wake.wake_presses != traced_wakes) {
      traced_wakes = wake.wake_presses;
      fprintf(stderr, "wake touch\n");
    }
    if (trace && ui_screen(ui) != traced) {
      traced = ui_screen(ui);
      fprintf(stderr, "screen %s\n", ui_screen_name(traced));
    }
    bool idle_screen = ui_screen(ui) == UI_SCREEN_WELCOME;
    if (kiosk_wake_should_blank(&wake, idle_screen, clock_monotonic_ms()))
      force = true;
    if (blanked != wake.blanked) {
      blanked = wake.blanked;
      force = true;
      if (trace)
        fprintf(stderr, "display %s\n", blanked ? "blank" : "awake");
    }
    if (force || ui_scene_serial(ui) != shown) {
      shown = ui_scene_serial(ui);
      force = false;
      kiosk_present(k, &s, ui, blanked);
      if (first) {
        sd_notify(0, "READY=1\nSTATUS=The welcome screen is shown");
        if (opt->report_first_frame) {
          int64_t at = clock_monotonic_ms();
          fprintf(stderr, "first-frame-ms %lld first-frame-at-ms %lld\n",
                  (long long)(at - opt->started_ms), (long long)at);
        }
        /* Speech after the first frame (it takes tens of milliseconds);
         * its Listen control is drawn at once. */
        ui_set_speech_available(ui, (speech = kiosk_speech_open(k, trace)) != NULL);
        if (ui_scene_serial(ui) != shown) {
          shown = ui_scene_serial(ui);
          kiosk_present(k, &s, ui, blanked);
        }
      }
      first = false;
    }
    heartbeat_beat(opt->heartbeat, shown);
    if (end_ms > 0 && clock_monotonic_ms() >= end_ms)
      break;
    SDL_Event e;
    int timeout = kiosk_timeout(ui, opt, kiosk_earlier(wd.next_ms, kiosk_wake_deadline_ms(&wake, idle_screen)),
                                end_ms, speech);
    if (timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout)) {
      do {
        running = kiosk_event(k, &s, ui, &wake, &e, &force, &failed, err, errlen);
      } while (running && SDL_PollEvent(&e));
    }
  }
  ok = !failed;
  sd_notify(0, "STOPPING=1");
done:
  speech_close(speech);
  ui_free(ui);
  kiosk_screen_close(&s);
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
  return ok;
}
