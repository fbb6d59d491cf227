/*
 * allwedd returns: write the kiosk's return to central (core/returns.h):
 * what happened since the last return, signed with the kiosk's own key.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/kiosk_key.h"
#include "core/returns.h"

static const char usage_text[] =
    "usage: allwedd returns --out DIR [--db PATH] [--config FILE]\n"
    "\n"
    "Write the kiosk's return to central into DIR as a folder\n"
    "return-KIOSK-NNNNNN (docs/returns.md): the Key Worker Cards printed, the\n"
    "languages patients chose, the patients with no key worker who identified\n"
    "at the kiosk, and the anonymous answers as counts, all since the last\n"
    "return (NNNNNN is its sequence number). manifest.ini lists each file's\n"
    "rows and SHA-256 and is signed with the kiosk's key (kiosk.key beside the\n"
    "store, made on first use; central verifies with kiosk.pub:\n"
    "  minisign -Vm manifest.ini -p kiosk.pub\n"
    "The folder appears whole or not at all. A return interrupted earlier is\n"
    "written first, unchanged.\n"
    "\n"
    "Exit status: 0 written, 1 not written (the reason is printed), 2 usage or\n"
    "configuration error.\n";

/* Print what one return holds. */
static void print_written(const returns_written_t *w)
{
  printf("return %ld%s: %s\n", w->seq, w->resumed ? " (finished from an earlier run)" : "", w->path);
  printf("  period: %s to %s\n", w->period_from[0] ? w->period_from : "(the start)", w->period_to);
  printf("  cards.csv %ld, languages.csv %ld, no_key_worker.csv %ld, answers.csv %ld rows\n", w->cards,
         w->languages, w->no_key_worker, w->answers);
}

int cmd_returns(int argc, char **argv)
{
  static const struct option options[] = {{"out", required_argument, NULL, 'o'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *out_dir = NULL, *db = NULL, *config_path = NULL;
  config_t cfg;
  store_summary_t sum;
  returns_written_t written[2];
  size_t n = 0;
  bool key_created = false;
  char err[1200], sec[4200], pub[4200];
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'o': out_dir = optarg; break;
    case 'd': db = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (!out_dir || optind < argc) {
    fprintf(stderr, "allwedd returns: %s\n\n%s", out_dir ? "unexpected argument" : "--out DIR is required",
            usage_text);
    return CLI_USAGE;
  }
  int open_status = CLI_USAGE;
  store_t *st = cli_open_store("returns", db, config_path, &cfg, &open_status);
  if (!st)
    return open_status;
  const char *db_path = db ? db : cfg.db_path;
  bool ok = store_summary(st, &sum);
  returns_options_t opt = {.db_path = db_path, .out_dir = out_dir, .kiosk_id = cfg.kiosk_id,
                           .site = cfg.site_name[0] ? cfg.site_name : sum.site};
  if (ok)
    ok = returns_make(st, &opt, written, &n, &key_created, err, sizeof err);
  else
    snprintf(err, sizeof err, "%s", store_error(st));
  store_close(st);
  kiosk_key_paths(db_path, sec, sizeof sec, pub, sizeof pub);
  if (key_created)
    printf("made the kiosk's key: %s (secret) and %s: send %s to central\n", sec, pub, pub);
  for (size_t i = 0; i < n; i++)
    print_written(&written[i]);
  if (!ok) {
    fprintf(stderr, "allwedd returns: %s\n", err);
    return CLI_REFUSED;
  }
  return CLI_OK;
}
