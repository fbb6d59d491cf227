/*
 * allwedd speak: what one kiosk screen says when Listen is tapped, with the
 * sample data, as a WAV file or as the words. The same code path as the
 * kiosk: the screen's scene declares its sentences (src/ui/ui_speech.c),
 * the privacy rules of [speech] private_audio apply, and the same engine
 * (src/platform/speech.c) makes the audio. For tests, documentation, and a
 * Welsh speaker's review of the Welsh.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "platform/kiosk_sdl.h"
#include "platform/speech.h"

static const char usage_text[] =
    "usage: allwedd speak SCREEN --out FILE.wav [--lang cy|en] [--longest] [--private]\n"
    "                     [--db PATH] [--config FILE]\n"
    "       allwedd speak SCREEN --text [--lang cy|en] [--longest] [--private]\n"
    "       allwedd speak --list\n"
    "\n"
    "Say what a kiosk screen says when \"Gwrando / Listen\" is tapped, with the\n"
    "built-in sample records: into a WAV file (16-bit mono), or as the words.\n"
    "  --lang cy|en   language on screen (default cy)\n"
    "  --out FILE     write the speech to FILE (WAV)\n"
    "  --text         print the words instead, one run of a language per line\n"
    "  --longest      the longest sample records\n"
    "  --private      read personal details too, as with [speech] private_audio = true\n"
    "  --db PATH      a store for the staff screens' figures\n"
    "  --list         print the screen names, one per line\n"
    "Speech rate and volume come from [speech] in the configuration.\n"
    "Exit status: 0 done, 1 the speech could not be made, 2 usage error.\n";

typedef struct {
  const char *screen, *out, *db, *config_path;
  lang_t lang;
  bool text, longest, private_audio;
} speak_args_t;

/* Parse the options; CLI_OK to go on, else the exit status. */
static int speak_parse(int argc, char **argv, speak_args_t *a)
{
  static const struct option options[] = {
    {"out", required_argument, NULL, 'o'},  {"lang", required_argument, NULL, 'l'},
    {"text", no_argument, NULL, 't'},       {"longest", no_argument, NULL, 'L'},
    {"private", no_argument, NULL, 'p'},    {"db", required_argument, NULL, 'd'},
    {"config", required_argument, NULL, 'C'}, {"list", no_argument, NULL, 'a'},
    {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'o': a->out = optarg; break;
    case 'l':
      if (!i18n_lang_from_code(optarg, &a->lang)) {
        fprintf(stderr, "allwedd speak: --lang must be cy or en\n");
        return CLI_USAGE;
      }
      break;
    case 't': a->text = true; break;
    case 'L': a->longest = true; break;
    case 'p': a->private_audio = true; break;
    case 'd': a->db = optarg; break;
    case 'C': a->config_path = optarg; break;
    case 'a':
      for (size_t i = 0; i < ui_preview_count(); i++)
        printf("%s\n", ui_preview_name(i));
      return -1;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind != 1 || (!a->out && !a->text) || (a->out && a->text)) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  a->screen = argv[optind];
  return CLI_OK;
}

/* The script the screen's Listen would say. */
static bool speak_script(kiosk_t *k, const speak_args_t *a, spoken_script_t *script, char *err,
                         size_t errlen)
{
  ui_t *ui = kiosk_ui_new(k, 1920, 1080);
  bool ok = false;
  if (!ui) {
    snprintf(err, errlen, "cannot create the UI");
    goto done;
  }
  ui_set_lang(ui, a->lang);
  if (!ui_preview(ui, a->screen, a->longest, 0)) {
    snprintf(err, errlen, "unknown screen '%s' (see allwedd speak --list)", a->screen);
    goto done;
  }
  if (!ui_speech_script(ui, script) || !script->count) {
    snprintf(err, errlen, "%s says nothing", a->screen);
    goto done;
  }
  ok = true;
done:
  ui_free(ui);
  return ok;
}

/* Print the words, or write the WAV. */
static int speak_output(const speak_args_t *a, const config_t *cfg, const spoken_script_t *script)
{
  char err[512];
  if (a->text) {
    for (size_t i = 0; i < script->count; i++)
      printf("%s\n", spoken_script_part(script, i, NULL));
    if (script->truncated)
      fprintf(stderr, "allwedd speak: the words were too long; the end is left out\n");
    return CLI_OK;
  }
  speech_options_t opt;
  size_t samples = 0;
  speech_options_from_config(&opt, cfg);
  speech_engine_t *e = speech_engine_new(&opt, err, sizeof err);
  if (!e || !speech_write_wav(e, script, a->out, &samples, err, sizeof err)) {
    fprintf(stderr, "allwedd speak: %s\n", err);
    speech_engine_free(e);
    return CLI_REFUSED;
  }
  printf("%s: %.1f s of speech (%zu samples at %d Hz)\n", a->out,
         (double)samples / speech_engine_sample_rate(e), samples, speech_engine_sample_rate(e));
  speech_engine_free(e);
  return CLI_OK;
}

/* allwedd speak: one screen's speech as a WAV file or words. */
int cmd_speak(int argc, char **argv)
{
  speak_args_t a = {.lang = LANG_CY};
  config_t cfg;
  store_t *st = NULL;
  kiosk_t *k = NULL;
  spoken_script_t *script = NULL;
  char err[512], tmpdir[] = "/tmp/allwedd-speak-XXXXXX", tmpdb[64] = "";
  int status = speak_parse(argc, argv, &a);
  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  status = CLI_USAGE;
  if (!cli_load_config("speak", a.config_path, &cfg))
    return CLI_USAGE;
  if (a.private_audio)
    cfg.speech_private_audio = true;
  cfg.speech_enabled = true;
  const char *db = a.db;
  /* Without --db the staff screens' figures come from the sample export,
   * synced into a temporary store that is removed afterwards. */
  if (!db) {
    if (!mkdtemp(tmpdir)) {
      fprintf(stderr, "allwedd speak: cannot make a temporary folder\n");
      goto done;
    }
    snprintf(tmpdb, sizeof tmpdb, "%s/sample.db", tmpdir);
    if (!cli_sync_sample(cfg.data_dir, tmpdb, err, sizeof err)) {
      fprintf(stderr, "allwedd speak: %s\n", err);
      goto done;
    }
    db = tmpdb;
  }
  if (!(script = calloc(1, sizeof *script)) ||
      !(st = store_open_existing(db, err, sizeof err)) ||
      !(k = kiosk_new(&cfg, st, err, sizeof err)) ||
      !speak_script(k, &a, script, err, sizeof err)) {
    fprintf(stderr, "allwedd speak: %s\n", script ? err : "out of memory");
    goto done;
  }
  status = speak_output(&a, &cfg, script);
done:
  if (script)
    sodium_memzero(script, sizeof *script);
  free(script);
  kiosk_free(k);
  store_close(st);
  if (tmpdb[0]) {
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
      char path[sizeof tmpdb + 8];
      snprintf(path, sizeof path, "%s%s", tmpdb, suffixes[i]);
      unlink(path);
    }
    rmdir(tmpdir);
  }
  return status;
}
