/*
 * allwedd render: draw one kiosk screen, with the sample data, to a PNG,
 * exactly as the kiosk would show it (same UI code, same renderer, no
 * window). For reviewing the design in both languages at every size, for
 * documentation, and for checks: the exit status is 1 when any text did
 * not fit its box, and each such text is named on stderr.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "platform/kiosk_sdl.h"

static const char usage_text[] =
    "usage: allwedd render SCREEN --out FILE.png [--lang cy|en] [--size WxH]\n"
    "                      [--scale 1|1.3|1.6|2] [--contrast high] [--longest]\n"
    "                      [--db PATH] [--config FILE]\n"
    "       allwedd render SCREEN --targets|--texts [--lang cy|en] [--size WxH] [--scale S]\n"
    "       allwedd render --list\n"
    "\n"
    "Draw one kiosk screen with the built-in sample records to a PNG.\n"
    "  --lang cy|en      language on screen (default cy)\n"
    "  --size WxH        display size in pixels (default 1920x1080)\n"
    "  --scale S         text size: 1, 1.3, 1.6 or 2 (or 100, 130, 160, 200)\n"
    "  --contrast high   the high-contrast theme\n"
    "  --longest         the longest sample records (for layout checks)\n"
    "  --db PATH         a store for the staff screens' figures\n"
    "  --targets         print the tap targets as NAME X Y W H lines (no PNG)\n"
    "  --texts           print each text of the page shown as LABEL X Y W H TEXT\n"
    "                    lines (no PNG; LABEL as the layout names it, e.g. kw.phone)\n"
    "  --display-mm MM   the display's width in mm (as display_width_mm)\n"
    "  --list            print the screen names, one per line\n"
    "Exit status: 0 drawn, 1 drawn but some text did not fit or is off the screen,\n"
    "a screen's heading or the key worker's name, phone or emergency advice is\n"
    "not on page 1 (each named on stderr), 2 usage error.\n";

/* Parse a text scale: 1, 1.3, 1.6 or a percentage. */
static bool parse_scale(const char *s, int *percent)
{
  char *end = NULL;
  double v = strtod(s, &end);
  if (!end || *end)
    return false;
  int p = v <= 3.0 ? (int)(v * 100 + 0.5) : (int)(v + 0.5);
  if (p != 100 && p != 130 && p != 160 && p != 200)
    return false;
  *percent = p;
  return true;
}

/* Name each text that did not fit. */
static void report_overflow(void *ctx, const char *what)
{
  fprintf(stderr, "allwedd render: %s: does not fit: %s\n", (const char *)ctx, what);
}

/* allwedd render: one screen to a PNG, or its tap targets. */
int cmd_render(int argc, char **argv)
{
  static const struct option options[] = {
    {"out", required_argument, NULL, 'o'},   {"lang", required_argument, NULL, 'l'},
    {"size", required_argument, NULL, 's'},  {"scale", required_argument, NULL, 'x'},
    {"contrast", required_argument, NULL, 'c'}, {"longest", no_argument, NULL, 'L'},
    {"db", required_argument, NULL, 'd'},    {"config", required_argument, NULL, 'C'},
    {"list", no_argument, NULL, 'a'},        {"targets", no_argument, NULL, 't'},
    {"texts", no_argument, NULL, 'T'},       {"display-mm", required_argument, NULL, 'm'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  kiosk_view_t view = {.lang = LANG_CY, .width = 1920, .height = 1080, .text_percent = 100};
  const char *out = NULL, *db = NULL, *config_path = NULL;
  config_t cfg;
  store_t *st = NULL;
  kiosk_t *k = NULL;
  char err[512], tmpdir[] = "/tmp/allwedd-render-XXXXXX", tmpdb[64] = "";
  int c, status = CLI_USAGE;
  size_t overflows = 0;
  bool targets = false, texts = false;
  double display_mm = -1;

  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'o': out = optarg; break;
    case 'l':
      if (!i18n_lang_from_code(optarg, &view.lang)) {
        fprintf(stderr, "allwedd render: --lang must be cy or en\n");
        return CLI_USAGE;
      }
      break;
    case 's':
      if (!cli_parse_size("render", optarg, 8192, &view.width, &view.height))
        return CLI_USAGE;
      break;
    case 'x':
      if (!parse_scale(optarg, &view.text_percent)) {
        fprintf(stderr, "allwedd render: --scale must be 1, 1.3, 1.6 or 2\n");
        return CLI_USAGE;
      }
      break;
    case 'c':
      if (strcmp(optarg, "high") && strcmp(optarg, "normal")) {
        fprintf(stderr, "allwedd render: --contrast must be high or normal\n");
        return CLI_USAGE;
      }
      view.high_contrast = !strcmp(optarg, "high");
      break;
    case 'L': view.longest = true; break;
    case 't': targets = true; break;
    case 'T': texts = true; break;
    case 'm': {
      char *end = NULL;
      display_mm = strtod(optarg, &end);
      if (!end || *end || display_mm < 20 || display_mm > 3000) {
        fprintf(stderr, "allwedd render: --display-mm must be a width in mm (20-3000)\n");
        return CLI_USAGE;
      }
      break;
    }
    case 'd': db = optarg; break;
    case 'C': config_path = optarg; break;
    case 'a':
      for (size_t i = 0; i < ui_preview_count(); i++)
        printf("%s\n", ui_preview_name(i));
      return CLI_OK;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind != 1 || (!out && !targets && !texts)) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  view.name = argv[optind];
  if (!cli_load_config("render", config_path, &cfg))
    return CLI_USAGE;
  if (display_mm > 0)
    cfg.display_width_mm = display_mm;
  /* Without --db the staff screens' figures come from the sample export,
   * synced into a temporary store that is removed afterwards. */
  if (!db) {
    if (!mkdtemp(tmpdir)) {
      fprintf(stderr, "allwedd render: cannot make a temporary folder\n");
      goto done;
    }
    snprintf(tmpdb, sizeof tmpdb, "%s/sample.db", tmpdir);
    if (!cli_sync_sample(cfg.data_dir, tmpdb, err, sizeof err)) {
      fprintf(stderr, "allwedd render: %s\n", err);
      goto done;
    }
    db = tmpdb;
  }
  if (!(st = store_open_existing(db, err, sizeof err))) {
    fprintf(stderr, "allwedd render: %s\n", err);
    goto done;
  }
  if (!(k = kiosk_new(&cfg, st, err, sizeof err))) {
    fprintf(stderr, "allwedd render: %s\n", err);
    goto done;
  }
  if (targets || texts) {
    size_t faults = 0;
    status = kiosk_print_ops_checked(k, &view, texts, stdout, &faults, report_overflow,
                                     (void *)view.name, err, sizeof err)
                 ? (faults ? CLI_REFUSED : CLI_OK)
                 : CLI_USAGE;
    if (status == CLI_USAGE)
      fprintf(stderr, "allwedd render: %s\n", err);
    goto done;
  }
  if (!kiosk_render_png(k, &view, out, &overflows, report_overflow, (void *)view.name, err,
                        sizeof err)) {
    fprintf(stderr, "allwedd render: %s\n", err);
    goto done;
  }
  status = overflows ? CLI_REFUSED : CLI_OK;
done:
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
