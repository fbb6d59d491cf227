/*
 * Speech (src/platform/speech.c) with the real libespeak-ng and SDL's dummy
 * audio driver (it plays queued audio in real time, to nowhere):
 * - the engine: Welsh and English scripts make audio of a plausible length
 *   (espeak-ng at 150 words a minute), not silence; a WAV file with a
 *   correct header; one engine per process; stopping from the callback;
 * - the player driven as the kiosk drives it (kiosk_sdl.c): a tap on Listen
 *   gives UI_ACT_SPEAK, speech_handle_action() plays it and the device's
 *   queue receives samples; a second tap stops it and the queue is empty;
 *   leaving the screen stops it; a short utterance heard to its end gives
 *   UI_EV_SPEECH_DONE once; a new utterance replaces the old;
 * - no audio device (an unknown SDL audio driver): speech_open() says why
 *   and returns NULL.
 * Tests wait on the player's own signals (speech_wait_audio, speech_poll),
 * with generous limits, never on fixed sleeps.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "platform/kiosk_sdl.h"
#include "platform/speech.h"
#include "testlib.h"

static spoken_script_t script;

typedef struct {
  size_t samples;
  long long sum_abs;
  size_t calls, stop_after;
} pcm_tally_t;

/* Count samples and their loudness; stop after stop_after buffers. */
static bool tally_pcm(void *ctx, const int16_t *samples, size_t count)
{
  pcm_tally_t *t = ctx;
  t->samples += count;
  for (size_t i = 0; i < count; i++)
    t->sum_abs += abs(samples[i]);
  t->calls++;
  return !t->stop_after || t->calls < t->stop_after;
}

/* The engine alone: words to samples, and to a WAV file. */
static void test_engine(void)
{
  TEST_SECTION("engine: Welsh and English to samples and WAV");
  char err[512];
  speech_options_t opt = {.rate_wpm = 150, .volume_percent = 100};
  speech_engine_t *e = speech_engine_new(&opt, err, sizeof err);
  if (!CHECK(e != NULL)) {
    printf("      %s\n", err);
    return;
  }
  CHECK(speech_engine_new(&opt, err, sizeof err) == NULL); /* one per process */
  CHECK(strstr(err, "already in use") != NULL);
  int rate = speech_engine_sample_rate(e);
  CHECK_INT(rate, 22050);

  /* 24 words at 150 a minute: about ten seconds with the pauses */
  spoken_script_clear(&script);
  spoken_script_add(&script, LANG_CY, "Mewn argyfwng, ffoniwch naw naw naw.");
  spoken_script_add(&script, LANG_CY, "Ffôn: dim dau naw, dau dim un wyth, dim un dau tri.");
  spoken_script_add(&script, LANG_EN, "In an emergency, call nine nine nine.");
  spoken_script_add(&script, LANG_EN, "Phone: oh two nine, two oh one eight, oh one two three.");
  pcm_tally_t t = {0};
  CHECK(speech_engine_say(e, &script, tally_pcm, &t, err, sizeof err));
  double seconds = (double)t.samples / rate;
  printf("   %zu samples, %.1f s, mean level %.0f\n", t.samples, seconds,
         t.samples ? (double)t.sum_abs / t.samples : 0.0);
  CHECK(seconds > 6.0 && seconds < 20.0);
  CHECK(t.samples && t.sum_abs / (long long)t.samples > 300); /* not silence */

  /* pcm can stop it part-way */
  pcm_tally_t stop = {.stop_after = 3};
  CHECK(!speech_engine_say(e, &script, tally_pcm, &stop, err, sizeof err));
  CHECK_STR(err, "");
  CHECK(stop.samples < t.samples / 4);

  /* the WAV file: header and length agree */
  char dir[] = "/tmp/allwedd-speech-XXXXXX", path[128];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/s.wav", dir);
  size_t samples = 0;
  CHECK(speech_write_wav(e, &script, path, &samples, err, sizeof err));
  FILE *f = fopen(path, "rb");
  unsigned char h[44] = {0};
  long size = 0;
  if (CHECK(f != NULL)) {
    CHECK(fread(h, 1, 44, f) == 44);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
  }
  CHECK(!memcmp(h, "RIFF", 4) && !memcmp(h + 8, "WAVEfmt ", 8) && !memcmp(h + 36, "data", 4));
  CHECK_INT(h[22], 1);                                  /* mono */
  CHECK_INT(h[24] | h[25] << 8 | h[26] << 16, 22050);   /* rate */
  CHECK_INT(h[34], 16);                                 /* bits */
  CHECK_INT((long)(h[40] | h[41] << 8 | h[42] << 16 | (long)h[43] << 24), (long)samples * 2);
  CHECK_INT(size, 44 + (long)samples * 2);
  CHECK(samples > (size_t)rate * 6);
  /* a path that cannot be written: an error, and nothing left behind */
  snprintf(path, sizeof path, "%s/missing/s.wav", dir);
  CHECK(!speech_write_wav(e, &script, path, NULL, err, sizeof err));
  CHECK(strstr(err, "missing") != NULL);
  snprintf(path, sizeof path, "rm -rf '%s'", dir);
  CHECK(system(path) == 0);
  speech_engine_free(e);
}

/* Take the UI's actions and hand them on as kiosk_dispatch() does; returns
 * the last kind handed to speech (UI_ACT_NONE when none). */
static ui_action_kind_t dispatch(ui_t *ui, speech_t *sp)
{
  static ui_action_t act;
  ui_action_kind_t last = UI_ACT_NONE;
  while (ui_take_action(ui, &act)) {
    if (speech_handle_action(sp, &act))
      last = act.kind;
    ui_action_wipe(&act);
  }
  return last;
}

/* Press and release at the centre of target; false when not on screen. */
static bool tap(ui_t *ui, int target, int64_t *now)
{
  const scene_t *sc = ui_scene(ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target == target) {
      int x = op->x + op->w / 2, y = op->y + op->h / 2;
      *now += 100;
      ui_handle(ui, &(ui_event_t){.kind = UI_EV_PRESS, .now_ms = *now, .x = x, .y = y});
      *now += 100;
      ui_handle(ui, &(ui_event_t){.kind = UI_EV_RELEASE, .now_ms = *now, .x = x, .y = y});
      return true;
    }
  }
  return false;
}

/* Wait (bounded) until the player has nothing more to do. */
static bool wait_idle(speech_t *sp, int timeout_ms)
{
  for (int i = 0; i < timeout_ms / 10 && speech_active(sp); i++)
    SDL_Delay(10);
  return !speech_active(sp);
}

/* The player, driven as the kiosk drives it. */
static void test_player(void)
{
  TEST_SECTION("player: tap Listen, audio queued; tap again, stopped; leave, stopped");
  char err[512];
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  config_t cfg;
  config_defaults(&cfg);
  if (src)
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", src);
  kiosk_t *k = kiosk_new(&cfg, NULL, err, sizeof err);
  speech_options_t opt;
  speech_options_from_config(&opt, &cfg);
  speech_t *sp = speech_open(&opt, err, sizeof err);
  if (!CHECK(k && sp)) {
    printf("      %s\n", err);
    kiosk_free(k);
    speech_close(sp);
    return;
  }
  ui_t *ui = kiosk_ui_new(k, 1280, 800);
  int64_t now = 1000;
  ui_set_speech_available(ui, true);
  ui_set_lang(ui, LANG_CY);
  CHECK(ui_preview(ui, "key-worker", false, now));

  CHECK(tap(ui, UI_T_LISTEN, &now));
  CHECK_INT(dispatch(ui, sp), UI_ACT_SPEAK);
  CHECK(speech_active(sp));
  CHECK(speech_wait_audio(sp, 5000));
  CHECK(speech_samples_queued(sp) > 0);
  CHECK(speech_queued_bytes(sp) > 0);
  printf("   first audio %.1f ms after the tap reached the player\n",
         speech_first_audio_us(sp) / 1000.0);
  CHECK(speech_first_audio_us(sp) >= 0 && speech_first_audio_us(sp) < 2000000);

  CHECK(tap(ui, UI_T_LISTEN, &now)); /* again: stop */
  CHECK_INT(dispatch(ui, sp), UI_ACT_SPEAK_STOP);
  CHECK(!speech_active(sp));
  CHECK_INT(speech_queued_bytes(sp), 0);
  uint64_t after_stop = speech_samples_queued(sp);
  ui_event_t ev;
  CHECK(!speech_poll(sp, &ev)); /* a stopped utterance is not "done" */

  CHECK(tap(ui, UI_T_LISTEN, &now));
  CHECK_INT(dispatch(ui, sp), UI_ACT_SPEAK);
  CHECK(speech_wait_audio(sp, 5000));
  CHECK(speech_samples_queued(sp) > after_stop);
  CHECK(tap(ui, UI_T_LEAFLET, &now)); /* leave the screen */
  CHECK_INT(dispatch(ui, sp), UI_ACT_SPEAK_STOP);
  CHECK(!speech_active(sp));
  CHECK_INT(speech_queued_bytes(sp), 0);
  uint64_t stopped_at = speech_samples_queued(sp);
  CHECK(wait_idle(sp, 1000));
  CHECK_INT(speech_samples_queued(sp), stopped_at); /* nothing more after a stop */

  TEST_SECTION("player: a short utterance heard to its end; one replaces another");
  spoken_script_clear(&script);
  spoken_script_add(&script, LANG_EN, "One.");
  CHECK(speech_say(sp, &script));
  CHECK(speech_wait_audio(sp, 5000));
  CHECK(wait_idle(sp, 10000));
  CHECK(speech_poll(sp, &ev));
  CHECK_INT(ev.kind, UI_EV_SPEECH_DONE);
  CHECK(!speech_poll(sp, &ev)); /* once */
  spoken_script_clear(&script);
  spoken_script_add(&script, LANG_CY, "Mewn argyfwng, ffoniwch naw naw naw. Mae'r alwad am ddim.");
  CHECK(speech_say(sp, &script));
  CHECK(speech_wait_audio(sp, 5000));
  spoken_script_clear(&script);
  spoken_script_add(&script, LANG_EN, "Two.");
  CHECK(speech_say(sp, &script)); /* replaces the Welsh */
  CHECK(speech_wait_audio(sp, 5000));
  CHECK(wait_idle(sp, 10000));
  CHECK(speech_poll(sp, &ev)); /* only the last one ends */
  CHECK(!speech_poll(sp, &ev));
  spoken_script_clear(&script);
  CHECK(!speech_say(sp, &script)); /* nothing to say */

  ui_free(ui);
  speech_close(sp);
  kiosk_free(k);
}

/* No audio device: NULL and why. */
static void test_no_device(void)
{
  TEST_SECTION("no audio device: no player, and why");
  char err[512] = "";
  speech_options_t opt = {.rate_wpm = 150, .volume_percent = 100};
  setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  speech_t *sp = speech_open(&opt, err, sizeof err);
  CHECK(sp == NULL);
  printf("   %s\n", err);
  CHECK(strstr(err, "audio") != NULL);
  speech_close(sp);
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  /* the engine was given back: a new player works again */
  sp = speech_open(&opt, err, sizeof err);
  CHECK(sp != NULL);
  speech_close(sp);
}

int main(void)
{
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  test_engine();
  test_player();
  test_no_device();
  return test_summary();
}
