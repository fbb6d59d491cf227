/*
 * Speech through libespeak-ng and SDL audio (see speech.h). The engine runs
 * espeak-ng in its synchronous mode: espeak_ng_Synthesize() calls us back
 * with each buffer of samples as it makes them, in the calling thread. The
 * player calls it on a worker thread and queues each buffer on an SDL audio
 * device (SDL_QueueAudio), at most a couple of seconds ahead of what is
 * heard, so the first sound comes within milliseconds of the tap and a stop
 * is immediate: the generation number changes, the callback sees it and
 * abandons synthesis, and the device's queue is cleared.
 *
 * It must never block the event thread for longer than a lock held around
 * a queue operation, and never keep an audio stream running while idle.
 */
#include "platform/speech.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <sodium.h>

#include "core/log.h"

enum {
  SPEECH_BUFFER_MS = 40,          /* espeak-ng hands over this much audio at a time */
  SPEECH_AHEAD_MS = 2000,         /* queue at most this much ahead of the loudspeaker */
  SPEECH_DEVICE_IDLE_MS = 30000,  /* close the device after this long without speech */
  SPEECH_WAIT_STEP_MS = 20,
};

/* ---- the engine ---------------------------------------------------------- */

struct speech_engine {
  speech_options_t opt;
  int sample_rate;
  char voice[8];             /* the voice set now ("cy", "en") */
  speech_pcm_fn pcm;         /* where samples go during speech_engine_say() */
  void *pcm_ctx;
  bool stopped;              /* pcm asked to stop */
};

/* espeak-ng is one per process. It is started once and never terminated:
 * in libespeak-ng 1.51 (Debian 12) a second espeak_ng_Terminate() in the
 * same process deadlocks (fifo.c leaves my_command_is_running set when its
 * thread ends, so the next fifo_stop() waits for ever). Its memory is
 * given back when the process ends. */
static pthread_mutex_t speech_engine_lock = PTHREAD_MUTEX_INITIALIZER;
static bool speech_engine_alive, speech_espeak_started;
static int speech_espeak_rate;

/* Options from the configuration. */
void speech_options_from_config(speech_options_t *opt, const config_t *cfg)
{
  memset(opt, 0, sizeof *opt);
  opt->rate_wpm = cfg->speech_rate_wpm;
  opt->volume_percent = cfg->speech_volume_percent;
}

/* espeak-ng's message for a status. */
static void speech_status(espeak_ng_STATUS status, const char *what, char *err, size_t errlen)
{
  char msg[256];
  espeak_ng_GetStatusCodeMessage(status, msg, sizeof msg);
  snprintf(err, errlen, "espeak-ng: %s: %s", what, msg);
}

/* The synthesis callback: hand samples on; 1 tells espeak-ng to stop. */
static int speech_engine_callback(short *wav, int count, espeak_EVENT *events)
{
  speech_engine_t *e = events ? events->user_data : NULL;
  if (!e || !e->pcm || e->stopped)
    return e && e->stopped ? 1 : 0;
  if (wav && count > 0 && !e->pcm(e->pcm_ctx, wav, (size_t)count)) {
    e->stopped = true;
    return 1;
  }
  return 0;
}

/* Start espeak-ng for this process, once (engine lock held). */
static bool speech_espeak_start(const char *data_path, char *err, size_t errlen)
{
  espeak_ng_ERROR_CONTEXT context = NULL;
  if (speech_espeak_started)
    return true;
  espeak_ng_InitializePath(data_path);
  espeak_ng_STATUS st = espeak_ng_Initialize(&context);
  if (st != ENS_OK) {
    speech_status(st, "cannot start", err, errlen);
    espeak_ng_ClearErrorContext(&context);
    return false;
  }
  if ((st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, SPEECH_BUFFER_MS, NULL)) !=
      ENS_OK) {
    speech_status(st, "cannot set up synthesis", err, errlen);
    return false;
  }
  espeak_SetSynthCallback(speech_engine_callback);
  speech_espeak_rate = espeak_ng_GetSampleRate();
  speech_espeak_started = true;
  return true;
}

/* Select the voice for lang, and the rate and volume (a voice change resets
 * them). */
static bool speech_engine_voice(speech_engine_t *e, lang_t lang, char *err, size_t errlen)
{
  const char *voice = lang == LANG_CY ? "cy" : "en";
  if (!strcmp(e->voice, voice))
    return true;
  espeak_ng_STATUS st = espeak_ng_SetVoiceByName(voice);
  if (st != ENS_OK) {
    speech_status(st, voice, err, errlen);
    return false;
  }
  snprintf(e->voice, sizeof e->voice, "%s", voice);
  if ((st = espeak_ng_SetParameter(espeakRATE, e->opt.rate_wpm, 0)) != ENS_OK ||
      (st = espeak_ng_SetParameter(espeakVOLUME, e->opt.volume_percent, 0)) != ENS_OK) {
    speech_status(st, "rate and volume", err, errlen);
    e->voice[0] = '\0';
    return false;
  }
  return true;
}

/* Start espeak-ng and load both voices. */
speech_engine_t *speech_engine_new(const speech_options_t *opt, char *err, size_t errlen)
{
  speech_engine_t *e = NULL;
  pthread_mutex_lock(&speech_engine_lock);
  if (speech_engine_alive) {
    snprintf(err, errlen, "espeak-ng is already in use in this process");
    goto done;
  }
  if (!speech_espeak_start(opt->data_path, err, errlen))
    goto done;
  if (!(e = calloc(1, sizeof *e))) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  e->opt = *opt;
  if (e->opt.rate_wpm < espeakRATE_MINIMUM || e->opt.rate_wpm > espeakRATE_MAXIMUM)
    e->opt.rate_wpm = 150;
  if (e->opt.volume_percent < 10 || e->opt.volume_percent > 100)
    e->opt.volume_percent = 100;
  e->sample_rate = speech_espeak_rate;
  /* Load both voices now, so the first tap does not wait for them. */
  if (!speech_engine_voice(e, LANG_EN, err, errlen) || !speech_engine_voice(e, LANG_CY, err, errlen)) {
    free(e);
    e = NULL;
    goto done;
  }
  speech_engine_alive = true;
done:
  pthread_mutex_unlock(&speech_engine_lock);
  return e;
}

/* Give the engine back (espeak-ng itself stays started: see above). */
void speech_engine_free(speech_engine_t *e)
{
  if (!e)
    return;
  free(e);
  pthread_mutex_lock(&speech_engine_lock);
  speech_engine_alive = false;
  pthread_mutex_unlock(&speech_engine_lock);
}

/* Samples per second. */
int speech_engine_sample_rate(const speech_engine_t *e) { return e->sample_rate; }

/* Say the script part by part. */
bool speech_engine_say(speech_engine_t *e, const spoken_script_t *script, speech_pcm_fn pcm,
                       void *ctx, char *err, size_t errlen)
{
  bool ok = true;
  if (errlen)
    err[0] = '\0';
  e->pcm = pcm;
  e->pcm_ctx = ctx;
  e->stopped = false;
  for (size_t i = 0; ok && !e->stopped && i < script->count; i++) {
    lang_t lang;
    const char *words = spoken_script_part(script, i, &lang);
    if (!speech_engine_voice(e, lang, err, errlen)) {
      ok = false;
      break;
    }
    espeak_ng_STATUS st = espeak_ng_Synthesize(words, strlen(words) + 1, 0, POS_CHARACTER, 0,
                                               espeakCHARS_UTF8 | espeakENDPAUSE, NULL, e);
    if (st != ENS_OK && !e->stopped) {
      speech_status(st, "cannot synthesise", err, errlen);
      ok = false;
    }
  }
  ok = ok && !e->stopped;
  e->pcm = NULL;
  e->pcm_ctx = NULL;
  return ok;
}

/* ---- WAV files ----------------------------------------------------------- */

typedef struct {
  FILE *f;
  size_t samples;
  bool failed;
} speech_wav_t;

/* Append samples to the WAV being written. */
static bool speech_wav_pcm(void *ctx, const int16_t *samples, size_t count)
{
  speech_wav_t *w = ctx;
  for (size_t i = 0; i < count && !w->failed; i++) {
    uint8_t le[2] = {(uint8_t)((uint16_t)samples[i] & 0xff), (uint8_t)((uint16_t)samples[i] >> 8)};
    w->failed = fwrite(le, 1, 2, w->f) != 2;
  }
  w->samples += count;
  return !w->failed;
}

/* Write a little-endian number of n bytes. */
static void speech_le(uint8_t *p, uint32_t v, int n)
{
  for (int i = 0; i < n; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

/* The 44-byte header of a 16-bit mono PCM WAV. */
static void speech_wav_header(uint8_t h[44], int rate, size_t samples)
{
  uint32_t data = (uint32_t)(samples * 2);
  memcpy(h, "RIFF", 4);
  speech_le(h + 4, 36 + data, 4);
  memcpy(h + 8, "WAVEfmt ", 8);
  speech_le(h + 16, 16, 4);
  speech_le(h + 20, 1, 2);                  /* PCM */
  speech_le(h + 22, 1, 2);                  /* mono */
  speech_le(h + 24, (uint32_t)rate, 4);
  speech_le(h + 28, (uint32_t)rate * 2, 4); /* bytes per second */
  speech_le(h + 32, 2, 2);                  /* block align */
  speech_le(h + 34, 16, 2);                 /* bits per sample */
  memcpy(h + 36, "data", 4);
  speech_le(h + 40, data, 4);
}

/* Say the script into a WAV file. */
bool speech_write_wav(speech_engine_t *e, const spoken_script_t *script, const char *path,
                      size_t *samples, char *err, size_t errlen)
{
  char tmp[4096];
  uint8_t header[44];
  speech_wav_t w = {0};
  bool ok = false;
  if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp) {
    snprintf(err, errlen, "%s: path too long", path);
    return false;
  }
  if (!(w.f = fopen(tmp, "wb"))) {
    snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    return false;
  }
  speech_wav_header(header, e->sample_rate, 0);
  if (fwrite(header, 1, sizeof header, w.f) != sizeof header) {
    snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    goto done;
  }
  if (!speech_engine_say(e, script, speech_wav_pcm, &w, err, errlen)) {
    if (w.failed)
      snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    goto done;
  }
  speech_wav_header(header, e->sample_rate, w.samples);
  if (fseek(w.f, 0, SEEK_SET) != 0 || fwrite(header, 1, sizeof header, w.f) != sizeof header) {
    snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    goto done;
  }
  ok = true;
done:
  if (fclose(w.f) != 0 && ok) {
    snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    ok = false;
  }
  if (ok && rename(tmp, path) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    ok = false;
  }
  if (!ok)
    unlink(tmp);
  if (ok && samples)
    *samples = w.samples;
  return ok;
}

/* ---- the player ---------------------------------------------------------- */

struct speech {
  speech_options_t opt;
  speech_engine_t *engine;
  SDL_AudioSpec spec;           /* what we queue: the engine's rate, S16, mono */
  pthread_t thread;
  bool thread_started;
  pthread_mutex_t lock;         /* guards everything below */
  pthread_cond_t cond;
  SDL_AudioDeviceID dev;        /* 0 while closed */
  unsigned generation;          /* changes with every say and stop */
  bool pending;                 /* `next` waits for the worker */
  bool quit;
  bool active;                  /* an utterance is pending, being made or playing */
  bool finished;                /* one ended by itself, not yet polled */
  bool audio_started;           /* the latest utterance has queued audio */
  int64_t said_us, first_audio_us;
  uint64_t samples_queued;
  spoken_script_t *next;        /* the script asked for */
  spoken_script_t *current;     /* the one the worker says (worker only) */
};

/* Monotonic microseconds. */
static int64_t speech_now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Wait on the condition for up to ms (lock held). */
static void speech_wait_ms(speech_t *sp, int ms)
{
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += (long)ms * 1000000L;
  ts.tv_sec += ts.tv_nsec / 1000000000L;
  ts.tv_nsec %= 1000000000L;
  pthread_cond_timedwait(&sp->cond, &sp->lock, &ts);
}

/* Open the audio device (lock held); false with the reason in err. */
static bool speech_device_open(speech_t *sp, char *err, size_t errlen)
{
  if (sp->dev)
    return true;
  SDL_AudioSpec have;
  sp->dev = SDL_OpenAudioDevice(NULL, 0, &sp->spec, &have, 0);
  if (!sp->dev) {
    snprintf(err, errlen, "no audio output: %s", SDL_GetError());
    return false;
  }
  SDL_PauseAudioDevice(sp->dev, 0);
  return true;
}

/* Close the audio device (lock held). */
static void speech_device_close(speech_t *sp)
{
  if (!sp->dev)
    return;
  SDL_CloseAudioDevice(sp->dev);
  sp->dev = 0;
}

/* One utterance in progress on the worker. */
typedef struct {
  speech_t *sp;
  unsigned generation;
} speech_job_t;

/* Samples from the engine: queue them, unless the utterance was replaced or
 * stopped; stay at most SPEECH_AHEAD_MS ahead of the loudspeaker. */
static bool speech_player_pcm(void *ctx, const int16_t *samples, size_t count)
{
  speech_job_t *job = ctx;
  speech_t *sp = job->sp;
  uint32_t ahead = (uint32_t)(sp->spec.freq * 2 / 1000 * SPEECH_AHEAD_MS);
  bool go_on;
  pthread_mutex_lock(&sp->lock);
  while (!sp->quit && sp->generation == job->generation && sp->dev &&
         SDL_GetQueuedAudioSize(sp->dev) > ahead)
    speech_wait_ms(sp, SPEECH_WAIT_STEP_MS);
  go_on = !sp->quit && sp->generation == job->generation && sp->dev;
  if (go_on && SDL_QueueAudio(sp->dev, samples, (Uint32)(count * sizeof *samples)) == 0) {
    sp->samples_queued += count;
    if (!sp->audio_started) {
      sp->audio_started = true;
      sp->first_audio_us = speech_now_us() - sp->said_us;
      if (sp->opt.trace)
        fprintf(sp->opt.trace, "speech audio\n");
      pthread_cond_broadcast(&sp->cond);
    }
  }
  pthread_mutex_unlock(&sp->lock);
  return go_on;
}

/* Say one utterance (lock held on entry and exit). */
static void speech_worker_say(speech_t *sp)
{
  char err[256] = "";
  speech_job_t job = {.sp = sp, .generation = sp->generation};
  memcpy(sp->current, sp->next, sizeof *sp->current);
  sodium_memzero(sp->next, sizeof *sp->next);
  sp->pending = false;
  bool opened = speech_device_open(sp, err, sizeof err);
  if (opened)
    SDL_ClearQueuedAudio(sp->dev);
  pthread_mutex_unlock(&sp->lock);
  bool said = opened && speech_engine_say(sp->engine, sp->current, speech_player_pcm, &job, err,
                                          sizeof err);
  sodium_memzero(sp->current, sizeof *sp->current);
  pthread_mutex_lock(&sp->lock);
  if (err[0]) /* espeak-ng's or SDL's reason: never the words */
    log_warning("allwedd kiosk: read-aloud: %s", err);
  /* Wait until the loudspeaker has played it all. */
  while (said && !sp->quit && sp->generation == job.generation && sp->dev &&
         SDL_GetQueuedAudioSize(sp->dev) > 0)
    speech_wait_ms(sp, SPEECH_WAIT_STEP_MS);
  if (sp->generation == job.generation && !sp->quit) {
    /* Heard to its end, or failed: either way it is over for the UI. */
    sp->active = false;
    sp->finished = true;
    pthread_cond_broadcast(&sp->cond);
    if (sp->opt.trace)
      fprintf(sp->opt.trace, "speech done\n");
  }
}

/* The worker: say what is asked, close the device when idle. */
static void *speech_worker(void *arg)
{
  speech_t *sp = arg;
  int64_t idle_since_us = speech_now_us();
  pthread_mutex_lock(&sp->lock);
  while (!sp->quit) {
    if (sp->pending) {
      speech_worker_say(sp);
      idle_since_us = speech_now_us();
      continue;
    }
    if (sp->dev && !sp->active &&
        speech_now_us() - idle_since_us > (int64_t)SPEECH_DEVICE_IDLE_MS * 1000)
      speech_device_close(sp);
    if (sp->dev)
      speech_wait_ms(sp, 1000);
    else
      pthread_cond_wait(&sp->cond, &sp->lock);
  }
  speech_device_close(sp);
  pthread_mutex_unlock(&sp->lock);
  return NULL;
}

/* Start SDL audio, the engine and the worker. */
speech_t *speech_open(const speech_options_t *opt, char *err, size_t errlen)
{
  speech_t *sp = calloc(1, sizeof *sp);
  bool audio = false;
  if (!sp || !(sp->next = calloc(1, sizeof *sp->next)) ||
      !(sp->current = calloc(1, sizeof *sp->current))) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  sp->opt = *opt;
  sp->first_audio_us = -1;
  pthread_mutex_init(&sp->lock, NULL);
  pthread_cond_init(&sp->cond, NULL);
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    snprintf(err, errlen, "no audio: %s", SDL_GetError());
    goto fail;
  }
  audio = true;
  if (!(sp->engine = speech_engine_new(opt, err, errlen)))
    goto fail;
  sp->spec = (SDL_AudioSpec){.freq = speech_engine_sample_rate(sp->engine),
                             .format = AUDIO_S16SYS, .channels = 1, .samples = 512};
  /* Is there a loudspeaker? Open once to know; opened again when needed. */
  if (!speech_device_open(sp, err, errlen))
    goto fail;
  speech_device_close(sp);
  if (pthread_create(&sp->thread, NULL, speech_worker, sp) != 0) {
    snprintf(err, errlen, "cannot start the speech thread");
    goto fail;
  }
  sp->thread_started = true;
  if (sp->opt.trace)
    fprintf(sp->opt.trace, "speech ready (%s)\n", SDL_GetCurrentAudioDriver());
  return sp;
fail:
  if (sp) {
    speech_engine_free(sp->engine);
    sp->engine = NULL;
    free(sp->next);
    free(sp->current);
    pthread_mutex_destroy(&sp->lock);
    pthread_cond_destroy(&sp->cond);
    free(sp);
  }
  if (audio)
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
  return NULL;
}

/* Stop, end the worker, close audio. */
void speech_close(speech_t *sp)
{
  if (!sp)
    return;
  pthread_mutex_lock(&sp->lock);
  sp->quit = true;
  sp->generation++;
  if (sp->dev)
    SDL_ClearQueuedAudio(sp->dev);
  pthread_cond_broadcast(&sp->cond);
  pthread_mutex_unlock(&sp->lock);
  if (sp->thread_started)
    pthread_join(sp->thread, NULL);
  speech_engine_free(sp->engine);
  sodium_memzero(sp->next, sizeof *sp->next);
  sodium_memzero(sp->current, sizeof *sp->current);
  free(sp->next);
  free(sp->current);
  pthread_mutex_destroy(&sp->lock);
  pthread_cond_destroy(&sp->cond);
  free(sp);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

/* Say script now. */
bool speech_say(speech_t *sp, const spoken_script_t *script)
{
  if (!sp || !script || !script->count)
    return false;
  pthread_mutex_lock(&sp->lock);
  memcpy(sp->next, script, sizeof *sp->next);
  sp->pending = true;
  sp->generation++;
  sp->active = true;
  sp->finished = false;
  sp->audio_started = false;
  sp->said_us = speech_now_us();
  if (sp->dev)
    SDL_ClearQueuedAudio(sp->dev);
  pthread_cond_broadcast(&sp->cond);
  pthread_mutex_unlock(&sp->lock);
  if (sp->opt.trace)
    fprintf(sp->opt.trace, "speech say %zu parts\n", script->count);
  return true;
}

/* Stop at once. */
void speech_stop(speech_t *sp)
{
  if (!sp)
    return;
  pthread_mutex_lock(&sp->lock);
  sp->generation++;
  sp->pending = false;
  sp->active = false;
  sp->finished = false;
  sodium_memzero(sp->next, sizeof *sp->next);
  if (sp->dev)
    SDL_ClearQueuedAudio(sp->dev);
  pthread_cond_broadcast(&sp->cond);
  pthread_mutex_unlock(&sp->lock);
  if (sp->opt.trace)
    fprintf(sp->opt.trace, "speech stop\n");
}

/* True while an utterance is being made or played. */
bool speech_active(speech_t *sp)
{
  if (!sp)
    return false;
  pthread_mutex_lock(&sp->lock);
  bool active = sp->active;
  pthread_mutex_unlock(&sp->lock);
  return active;
}

/* Carry out a speech action. */
bool speech_handle_action(speech_t *sp, const ui_action_t *act)
{
  if (act->kind == UI_ACT_SPEAK) {
    speech_say(sp, &act->speech);
    return true;
  }
  if (act->kind == UI_ACT_SPEAK_STOP) {
    speech_stop(sp);
    return true;
  }
  return false;
}

/* UI_EV_SPEECH_DONE once per utterance heard to its end. */
bool speech_poll(speech_t *sp, ui_event_t *ev)
{
  if (!sp)
    return false;
  pthread_mutex_lock(&sp->lock);
  bool done = sp->finished;
  sp->finished = false;
  pthread_mutex_unlock(&sp->lock);
  if (done)
    *ev = (ui_event_t){.kind = UI_EV_SPEECH_DONE};
  return done;
}

/* Wait until the latest utterance has queued audio (or ended). */
bool speech_wait_audio(speech_t *sp, int timeout_ms)
{
  int64_t end = speech_now_us() + (int64_t)timeout_ms * 1000;
  pthread_mutex_lock(&sp->lock);
  while (!sp->audio_started && sp->active && speech_now_us() < end)
    speech_wait_ms(sp, 5);
  bool started = sp->audio_started;
  pthread_mutex_unlock(&sp->lock);
  return started;
}

/* Samples queued since speech_open(). */
uint64_t speech_samples_queued(speech_t *sp)
{
  pthread_mutex_lock(&sp->lock);
  uint64_t n = sp->samples_queued;
  pthread_mutex_unlock(&sp->lock);
  return n;
}

/* Bytes waiting in the device's queue. */
uint32_t speech_queued_bytes(speech_t *sp)
{
  pthread_mutex_lock(&sp->lock);
  uint32_t n = sp->dev ? SDL_GetQueuedAudioSize(sp->dev) : 0;
  pthread_mutex_unlock(&sp->lock);
  return n;
}

/* Microseconds from the last say to its first audio. */
int64_t speech_first_audio_us(speech_t *sp)
{
  pthread_mutex_lock(&sp->lock);
  int64_t us = sp->audio_started ? sp->first_audio_us : -1;
  pthread_mutex_unlock(&sp->lock);
  return us;
}
