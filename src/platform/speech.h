/*
 * Speech: libespeak-ng (Debian's, voices "cy" and "en") synthesising in
 * process to 16-bit mono PCM, and a player that plays it through an SDL
 * audio device on a thread of its own, so synthesis and playback never
 * block the screen. The words come from the UI (ui_speech.c, core/spoken.h)
 * as a spoken_script_t; this module never decides what is said.
 *
 * libespeak-ng keeps its state in the process (one voice, one callback), so
 * there is at most one engine per process: a second speech_engine_new()
 * (or speech_open(), which makes one) fails until the first is freed. All
 * espeak-ng calls of a player happen on its worker thread.
 *
 * Failure never reaches the patient: without an audio device speech_open()
 * returns NULL (the kiosk then hides the Listen control and carries on),
 * and a synthesis error ends the utterance as if it had been said.
 */
#ifndef ALLWEDD_SPEECH_H
#define ALLWEDD_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/spoken.h"
#include "ui/ui.h"

typedef struct {
  int rate_wpm;            /* espeak-ng words per minute, 80..450 ([speech] rate_wpm) */
  int volume_percent;      /* 10..100 of espeak-ng's normal volume ([speech] volume_percent) */
  const char *data_path;   /* the folder holding espeak-ng-data; NULL: the library's own */
  FILE *trace;             /* "speech ..." lines (events only, never words); NULL: none */
} speech_options_t;

/* Options from the configuration's [speech] section. */
void speech_options_from_config(speech_options_t *opt, const config_t *cfg);

/* ---- the engine: words to samples ---------------------------------------- */

typedef struct speech_engine speech_engine_t;

/* Start espeak-ng and load both voices. NULL with the reason in err (no
 * voice data, or another engine alive in this process). */
speech_engine_t *speech_engine_new(const speech_options_t *opt, char *err, size_t errlen);
void speech_engine_free(speech_engine_t *e);

/* Samples per second of what the engine produces (22050 for espeak-ng). */
int speech_engine_sample_rate(const speech_engine_t *e);

/* Receives each buffer of samples as it is made; return false to stop. */
typedef bool (*speech_pcm_fn)(void *ctx, const int16_t *samples, size_t count);

/* Say the script, part by part, each in its language's voice, handing the
 * samples to pcm. true when it was said to the end; false when pcm asked to
 * stop (err "") or espeak-ng failed (err says why). */
bool speech_engine_say(speech_engine_t *e, const spoken_script_t *script, speech_pcm_fn pcm,
                       void *ctx, char *err, size_t errlen);

/* Say the script into a WAV file (16-bit PCM, mono, at the engine's rate);
 * *samples (may be NULL) receives how many. false with the reason in err;
 * nothing is left at path on failure. */
bool speech_write_wav(speech_engine_t *e, const spoken_script_t *script, const char *path,
                      size_t *samples, char *err, size_t errlen);

/* ---- the player: samples to the loudspeaker ------------------------------ */

typedef struct speech speech_t;

/* Start SDL audio, check that an output device opens, make the engine and
 * start the worker thread. The device is opened again for each utterance
 * and closed when speech has been idle a while (an idle kiosk keeps no
 * audio stream running). NULL with the reason in err when there is no
 * audio device or no voice data. */
speech_t *speech_open(const speech_options_t *opt, char *err, size_t errlen);

/* Stop speaking, end the worker, close audio; NULL is fine. */
void speech_close(speech_t *sp);

/* Say script now, instead of anything being said (the script is copied and
 * wiped after use). false only when sp is NULL or the script is empty. */
bool speech_say(speech_t *sp, const spoken_script_t *script);

/* Stop at once: synthesis is abandoned and queued audio dropped. */
void speech_stop(speech_t *sp);

/* True while an utterance is being made or played. */
bool speech_active(speech_t *sp);

/* The kiosk loop's hooks. speech_handle_action() carries out UI_ACT_SPEAK
 * and UI_ACT_SPEAK_STOP (true when act was one of them); speech_poll()
 * gives UI_EV_SPEECH_DONE once for each utterance heard to its end (not for
 * one stopped or replaced). */
bool speech_handle_action(speech_t *sp, const ui_action_t *act);
bool speech_poll(speech_t *sp, ui_event_t *ev);

/* For tests and the benchmark: wait up to timeout_ms until the utterance
 * asked for last has queued its first audio (true), or has ended without
 * any; samples queued to the device since speech_open(); bytes waiting in
 * the device's queue now; and microseconds from the last speech_say() to
 * its first audio queued (-1 before any). */
bool speech_wait_audio(speech_t *sp, int timeout_ms);
uint64_t speech_samples_queued(speech_t *sp);
uint32_t speech_queued_bytes(speech_t *sp);
int64_t speech_first_audio_us(speech_t *sp);

#endif
