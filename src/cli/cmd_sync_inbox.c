/*
 * allwedd sync --inbox [INBOX]: import every complete bundle the export
 * transport has dropped in the inbox, moving each to done/ or rejected/
 * (src/core/inbox.h). allwedd-sync.path starts it when a bundle arrives.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/log.h"
#include "cli/cli_common.h"
#include "core/inbox.h"

static const char usage_text[] =
    "usage: allwedd sync --inbox [INBOX] [--db PATH] [--pubkey FILE] [--threshold PCT]\n"
    "                    [--settle-ms MS] [--quiet] [--config FILE]\n"
    "\n"
    "Import every complete bundle in the inbox, oldest first, each once. A bundle\n"
    "is the inbox's own files or a folder inside it; it is complete when its\n"
    "manifest.ini.minisig is present (writers copy that file last); an incomplete\n"
    "one is left alone. Each bundle is then moved out of the inbox with a report\n"
    "(" INBOX_REPORT_FILE "): imported to done/, refused to rejected/, where\n"
    "it is never tried again; a refusal is also written to the audit log (staff\n"
    "screen, metrics). done/ keeps the last 3 bundles, rejected/ the last 10.\n"
    "\n"
    "  INBOX             the inbox folder (default: [sync] inbox)\n"
    "  --db PATH         the store (default: [store] db_path)\n"
    "  --pubkey FILE     trusted minisign public key (default: [sync] public_key)\n"
    "  --threshold PCT   reject a bundle when more than PCT %% of a file's rows are bad\n"
    "  --settle-ms MS    wait until manifest.ini.minisig is MS old (default 1000): a\n"
    "                    writer may still be filling it when the path unit fires\n"
    "  --quiet           print only refusals and errors\n"
    "  --config FILE     configuration file\n"
    "\n"
    "Never forced, never unsigned. Exit status: 0 nothing refused (including an\n"
    "empty inbox), 1 a bundle was refused or the inbox could not be emptied,\n"
    "2 usage or configuration error (including a missing inbox).\n";

typedef struct {
  bool quiet;
  bool problems;
} inbox_cli_t;

/* Print one bundle's result. */
static void print_result(void *ctx, const inbox_result_t *r)
{
  inbox_cli_t *cli = ctx;
  const sync_report_t *rep = r->report;
  if (rep->status == SYNC_IMPORTED) {
    if (!cli->quiet)
      printf("imported %s (generated %s), moved to %s\n", r->name, rep->generated, r->moved_to);
  } else {
    log_error("allwedd sync: %s %s: %s; moved to %s\n",
            rep->status == SYNC_REJECTED ? "rejected" : "failed to import", r->name, rep->reason, r->moved_to);
  }
  if (r->problem[0]) {
    cli->problems = true;
    log_error("allwedd sync: %s", r->problem);
  }
}

int cmd_sync_inbox(int argc, char **argv)
{
  static const struct option options[] = {
    {"inbox", no_argument, NULL, 'i'},         {"db", required_argument, NULL, 'd'},
    {"pubkey", required_argument, NULL, 'k'},  {"threshold", required_argument, NULL, 't'},
    {"settle-ms", required_argument, NULL, 's'}, {"config", required_argument, NULL, 'c'},
    {"quiet", no_argument, NULL, 'q'},         {"force", no_argument, NULL, 'f'},
    {"allow-unsigned", no_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  const char *db = NULL, *pubkey = NULL, *config_path = NULL, *threshold = NULL, *settle = NULL;
  inbox_cli_t cli = {0};
  config_t cfg;
  int c;

  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'i': break;
    case 'd': db = optarg; break;
    case 'k': pubkey = optarg; break;
    case 't': threshold = optarg; break;
    case 's': settle = optarg; break;
    case 'c': config_path = optarg; break;
    case 'q': cli.quiet = true; break;
    case 'f':
    case 'u':
      log_error("allwedd sync: the inbox never forces a bundle or accepts an unsigned one;"
                      " use 'allwedd sync BUNDLE_DIR' for that\n");
      return CLI_USAGE;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind > 1) {
    log_error("allwedd sync: one inbox folder at a time");
    return CLI_USAGE;
  }
  if (!cli_load_config("sync", config_path, &cfg))
    return CLI_USAGE;

  inbox_options_t opt;
  inbox_options_from_config(&opt, &cfg);
  if (optind < argc)
    opt.inbox_dir = argv[optind];
  if (db)
    opt.sync.db_path = db;
  if (pubkey)
    opt.sync.public_key_path = pubkey;
  long v;
  if (threshold && !cli_parse_percent("sync", "--threshold", threshold, &opt.sync.reject_threshold_percent))
    return CLI_USAGE;
  if (settle) {
    if (!cli_parse_long("sync", "--settle-ms", settle, 0, 60000, &v))
      return CLI_USAGE;
    opt.settle_ms = (int)v;
  }
  struct stat sb;
  if (stat(opt.inbox_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
    log_error("allwedd sync: the inbox %s is not a folder (see [sync] inbox)", opt.inbox_dir);
    return CLI_USAGE;
  }
  cli_make_parent_dirs(opt.sync.db_path);

  inbox_summary_t sum;
  char err[1024];
  bool ok = inbox_run(&opt, print_result, cli_print_sync_message, &cli, &sum, err, sizeof err);
  if (!ok)
    log_error("allwedd sync: %s", err);
  if (!cli.quiet || sum.rejected || sum.failed || !ok)
    printf("inbox %s: %d imported, %d rejected, %d failed, %d incomplete left alone\n", opt.inbox_dir,
           sum.imported, sum.rejected, sum.failed, sum.waiting);
  return ok && !sum.rejected && !sum.failed && !cli.problems ? CLI_OK : CLI_REFUSED;
}
