/*
 * Read-aloud benchmark: time from a tap on "Gwrando / Listen" to the first
 * audio buffer queued on the SDL audio device, the way the kiosk does it
 * (the UI handles the tap and builds the words, kiosk_sdl hands the
 * UI_ACT_SPEAK action to the player, the player's thread synthesises with
 * libespeak-ng and queues). Median and 95th percentile per screen, the
 * first tap after start (audio device still closed) apart; target <= 150 ms.
 * Also how much faster than real time espeak-ng synthesises each language.
 *
 * Runs with SDL's dummy audio driver unless SDL_AUDIODRIVER is set (a real
 * device adds its own open time to the first tap).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "core/config.h"
#include "platform/kiosk_sdl.h"
#include "platform/speech.h"

/* Monotonic time in microseconds. */
static long long now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* qsort comparison of long longs. */
static int cmp_ll(const void *a, const void *b)
{
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

/* Tap target (press and release at its centre); false when not shown. */
static bool tap(ui_t *ui, int target, int64_t *now)
{
  const scene_t *sc = ui_scene(ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target == target) {
      int x = op->x + op->w / 2, y = op->y + op->h / 2;
      ui_handle(ui, &(ui_event_t){.kind = UI_EV_PRESS, .now_ms = ++*now, .x = x, .y = y});
      ui_handle(ui, &(ui_event_t){.kind = UI_EV_RELEASE, .now_ms = ++*now, .x = x, .y = y});
      return true;
    }
  }
  return false;
}

/* Hand the UI's actions to the player as kiosk_dispatch() does. */
static void dispatch(ui_t *ui, speech_t *sp)
{
  static ui_action_t act;
  while (ui_take_action(ui, &act)) {
    speech_handle_action(sp, &act);
    ui_action_wipe(&act);
  }
}

/* One tap on Listen to the first audio queued, in microseconds (-1 on failure). */
static long long listen_once(ui_t *ui, speech_t *sp, int64_t *now)
{
  long long t0 = now_us();
  if (!tap(ui, UI_T_LISTEN, now))
    return -1;
  dispatch(ui, sp);
  if (!speech_wait_audio(sp, 5000))
    return -1;
  long long t1 = now_us();
  tap(ui, UI_T_LISTEN, now); /* stop */
  dispatch(ui, sp);
  return t1 - t0;
}

/* Taps on one screen in one language: median and p95. */
static int bench_screen(ui_t *ui, speech_t *sp, const char *screen, lang_t lang, int runs,
                        int64_t *now)
{
  long long *us = calloc((size_t)runs, sizeof *us);
  if (!us)
    return 1;
  ui_set_lang(ui, lang);
  if (!ui_preview(ui, screen, false, *now))
    return 1;
  ui_scene(ui);
  for (int i = 0; i < runs; i++)
    if ((us[i] = listen_once(ui, sp, now)) < 0) {
      fprintf(stderr, "bench_speech: no audio for %s\n", screen);
      return 1;
    }
  qsort(us, (size_t)runs, sizeof *us, cmp_ll);
  printf("  %-15s %s: median %6.2f ms, p95 %6.2f ms, max %6.2f ms\n", screen,
         i18n_lang_code(lang), us[runs / 2] / 1000.0, us[runs * 95 / 100] / 1000.0,
         us[runs - 1] / 1000.0);
  free(us);
  return 0;
}

typedef struct {
  size_t samples;
} count_t;

/* Count samples. */
static bool count_pcm(void *ctx, const int16_t *samples, size_t n)
{
  (void)samples;
  ((count_t *)ctx)->samples += n;
  return true;
}

/* espeak-ng's speed on the key worker screen's words, per language. */
static int bench_synthesis(kiosk_t *k, const config_t *cfg)
{
  static spoken_script_t script;
  char err[256];
  speech_options_t opt;
  speech_options_from_config(&opt, cfg);
  speech_engine_t *e = speech_engine_new(&opt, err, sizeof err);
  ui_t *ui = kiosk_ui_new(k, 1920, 1080);
  if (!e || !ui) {
    fprintf(stderr, "bench_speech: %s\n", e ? "no UI" : err);
    return 1;
  }
  for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
    ui_set_lang(ui, (lang_t)lang);
    ui_preview(ui, "key-worker", false, 0);
    long long t0 = now_us();
    ui_speech_script(ui, &script);
    long long t1 = now_us();
    count_t c = {0};
    speech_engine_say(e, &script, count_pcm, &c, err, sizeof err);
    long long t2 = now_us();
    double audio_s = (double)c.samples / speech_engine_sample_rate(e);
    printf("  key worker %s: words built in %.2f ms; %.1f s of speech synthesised in %.0f ms "
           "(%.0fx real time)\n", i18n_lang_code((lang_t)lang), (t1 - t0) / 1000.0, audio_s,
           (t2 - t1) / 1000.0, audio_s / ((t2 - t1) / 1e6));
  }
  ui_free(ui);
  speech_engine_free(e);
  return 0;
}

/* Synthesis speed, then tap-to-first-audio per screen. */
int main(int argc, char **argv)
{
  int runs = 30;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = atoi(argv[++i]);
    } else {
      fprintf(stderr, "usage: bench_speech [--runs N]\n");
      return 2;
    }
  }
  if (runs < 5)
    runs = 5;
  setenv("SDL_AUDIODRIVER", getenv("SDL_AUDIODRIVER") ? getenv("SDL_AUDIODRIVER") : "dummy", 1);
  config_t cfg;
  char err[512];
  config_defaults(&cfg);
  kiosk_t *k = kiosk_new(&cfg, NULL, err, sizeof err);
  if (!k) {
    fprintf(stderr, "bench_speech: %s\n", err);
    return 1;
  }
  printf("espeak-ng synthesis (in process):\n");
  if (bench_synthesis(k, &cfg) != 0)
    return 1;
  speech_options_t opt;
  speech_options_from_config(&opt, &cfg);
  long long open0 = now_us();
  speech_t *sp = speech_open(&opt, err, sizeof err);
  long long open1 = now_us();
  if (!sp) {
    fprintf(stderr, "bench_speech: %s\n", err);
    return 1;
  }
  ui_t *ui = kiosk_ui_new(k, 1920, 1080);
  int64_t now = 1000;
  ui_set_speech_available(ui, true);
  ui_preview(ui, "key-worker", false, now);
  ui_scene(ui); /* the screen is on show before anyone taps it */
  long long first = listen_once(ui, sp, &now);
  printf("tap on Listen to first audio queued (audio driver %s, opened in %.1f ms):\n",
         SDL_GetCurrentAudioDriver(), (open1 - open0) / 1000.0);
  printf("  first tap after start (device opened then): %.2f ms\n", first / 1000.0);
  static const char *const screens[] = {"welcome", "key-worker", "leaflet", "support-detail",
                                        "staff-sync"};
  int status = 0;
  for (size_t i = 0; i < sizeof screens / sizeof screens[0] && !status; i++)
    for (int lang = LANG_CY; lang <= LANG_EN && !status; lang++)
      status = bench_screen(ui, sp, screens[i], (lang_t)lang, runs, &now);
  printf("  target <= 150 ms\n");
  ui_free(ui);
  speech_close(sp);
  kiosk_free(k);
  return status;
}
