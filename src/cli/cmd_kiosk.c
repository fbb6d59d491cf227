/*
 * allwedd kiosk: options and exit status only. The kiosk itself is the
 * application in src/app/kiosk_host.c (printing, syncing, records) around
 * the screens of src/ui and the window of src/platform/kiosk_sdl.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/kiosk_host.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/clock.h"

static const char usage_text[] =
    "usage: allwedd kiosk [--config FILE] [--windowed] [--size WxH] [--db PATH]\n"
    "\n"
    "Run the touchscreen kiosk, fullscreen (--windowed: in a window of --size,\n"
    "default 1280x800). Staff leave it from staff mode (hold the top-left\n"
    "corner of the welcome screen for 3 seconds, then the PIN set with\n"
    "`allwedd staff-pin`).\n"
    "For tests and benchmarks: --run-ms N leaves after N ms; --report-first-frame\n"
    "prints the time to the first frame on stderr.\n"
    "Exit status: 0 left by staff or the window closed, 1 the store or the\n"
    "window could not start, 2 usage or configuration error.\n";

/* allwedd kiosk: parse, load the configuration, run the kiosk. */
int cmd_kiosk(int argc, char **argv)
{
  static const struct option options[] = {
    {"config", required_argument, NULL, 'c'}, {"windowed", no_argument, NULL, 'w'},
    {"size", required_argument, NULL, 's'},   {"db", required_argument, NULL, 'd'},
    {"run-ms", required_argument, NULL, 'r'}, {"report-first-frame", no_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  app_kiosk_options_t opt = {.started_ms = clock_monotonic_ms()};
  const char *config_path = NULL, *db = NULL;
  config_t cfg;
  char err[1024];
  long run_ms = 0;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': config_path = optarg; break;
    case 'w': opt.windowed = true; break;
    case 's':
      if (!cli_parse_size("kiosk", optarg, 16384, &opt.width, &opt.height))
        return CLI_USAGE;
      break;
    case 'd': db = optarg; break;
    case 'r':
      if (!cli_parse_long("kiosk", "--run-ms", optarg, 1, 86400000L, &run_ms))
        return CLI_USAGE;
      opt.run_ms = run_ms;
      break;
    case 'f': opt.report_first_frame = true; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "allwedd kiosk: unexpected argument '%s'\n\n%s", argv[optind], usage_text);
    return CLI_USAGE;
  }
  if (!cli_load_config("kiosk", config_path, &cfg))
    return CLI_USAGE;
  if (db)
    snprintf(cfg.db_path, sizeof cfg.db_path, "%s", db);
  cli_staff_pin_setup("kiosk", &cfg, cli_config_path(config_path));
  switch (app_kiosk_run(&cfg, &opt, err, sizeof err)) {
  case APP_KIOSK_LEFT: return CLI_OK;
  case APP_KIOSK_CONFIG_ERROR:
    fprintf(stderr, "allwedd kiosk: %s\n", err);
    return CLI_USAGE;
  case APP_KIOSK_FAILED: break;
  }
  fprintf(stderr, "allwedd kiosk: %s\n", err);
  return CLI_REFUSED;
}
