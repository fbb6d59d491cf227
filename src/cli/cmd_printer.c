/*
 * allwedd printer: is the card printer ready? Asks the printer (through
 * CUPS or straight over IPP) for its state without printing anything: the
 * same check every print makes before it sends a card.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/profile.h"
#include "platform/print.h"

static const char usage_text[] =
    "usage: allwedd printer [--printer NAME|URI] [--profile NAME] [--config FILE]\n"
    "\n"
    "Ask the card printer whether it is ready, printing nothing. The printer is\n"
    "a CUPS queue, an ipp:// URI, or (default) [printer] name from the\n"
    "configuration, else the default destination. Prints one line:\n"
    "  OUTCOME: message   e.g. 'completed: cards is ready: idle, accepting jobs ...'\n"
    "                     or   'media-empty: ... (printer-state-reasons: ...)'\n"
    "Exit status: 0 ready, 1 not ready, 2 usage or configuration error.\n";

int cmd_printer(int argc, char **argv)
{
  static const struct option options[] = {{"printer", required_argument, NULL, 'p'},
                                          {"profile", required_argument, NULL, 'f'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *printer = NULL, *profile_name = NULL, *config_path = NULL;
  char err[1200];
  config_t cfg;
  profile_t profile;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'p': printer = optarg; break;
    case 'f': profile_name = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!cli_load_config("printer", config_path, &cfg))
    return CLI_USAGE;
  if (!profile_load(&profile, cfg.data_dir, profile_name ? profile_name : cfg.printer_profile, err,
                    sizeof err)) {
    fprintf(stderr, "allwedd printer: %s\n", err);
    return CLI_USAGE;
  }
  raster_doc_t none = {0};
  print_options_t opt = {.printer = printer ? printer : cfg.printer, .title = "Allwedd status check",
                         .timeout_s = cfg.print_timeout_s, .check_only = true};
  print_job_t *job = print_job_start(&opt, &profile, &none, err, sizeof err);
  if (!job) {
    fprintf(stderr, "allwedd printer: %s\n", err);
    return CLI_USAGE;
  }
  print_status_t s;
  print_job_wait(job, &s);
  print_job_free(job);
  printf("%s: %s\n", print_outcome_keyword(s.outcome), s.staff_message);
  return s.outcome == PRINT_OUTCOME_COMPLETED ? CLI_OK : CLI_REFUSED;
}
