/*
 * allwedd sync BUNDLE_DIR: import a signed central export bundle. Exit
 * status 0 imported, 1 rejected (the store is as it was), 2 usage or
 * configuration error.
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
#include "core/sync.h"

static const char usage_text[] =
    "usage: allwedd sync [BUNDLE_DIR] [--db PATH] [--pubkey FILE] [--force --reason TEXT]\n"
    "                    [--config FILE]\n"
    "       allwedd sync --inbox [INBOX] ...   (see allwedd sync --inbox --help)\n"
    "\n"
    "Import a central export bundle (see EXPORT_FORMAT.md) into the local store.\n"
    "The bundle's signature, file hashes and row counts are checked first; the\n"
    "import is one transaction, so the store ends holding exactly the bundle or\n"
    "exactly what it held before.\n"
    "\n"
    "  BUNDLE_DIR        the bundle folder (default: [sync] bundle_dir)\n"
    "  --db PATH         the store (default: [store] db_path)\n"
    "  --pubkey FILE     trusted minisign public key (default: [sync] public_key)\n"
    "  --force           accept a bundle that is not newer than the last one, one\n"
    "                    dated in the future, or one that removes more than\n"
    "                    [sync] max_removal_percent of the patients or services\n"
    "  --reason TEXT     why it is forced (required with --force; kept in the audit log)\n"
    "  --allow-unsigned  accept a bundle without manifest.ini.minisig\n"
    "  --threshold PCT   reject the bundle when more than PCT %% of a file's rows\n"
    "                    are bad (default: [sync] reject_threshold_percent, 1)\n"
    "  --quiet           print only errors\n"
    "  --config FILE     configuration file\n"
    "\n"
    "Rejected rows are reported as FILE:LINE:COLUMN: column: reason on stderr, and\n"
    "warnings as warning: FILE:LINE:COLUMN: column: reason (docs/extract-writers.md\n"
    "says what to do about each).\n"
    "A store that is busy past the busy timeout, on a full disk, read-only, damaged\n"
    "or failing is said so plainly (nothing is changed).\n"
    "Exit status: 0 imported, 1 rejected or the store in trouble (nothing changed),\n"
    "2 usage or configuration error.\n";

int cmd_sync(int argc, char **argv)
{
  static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},      {"pubkey", required_argument, NULL, 'k'},
    {"force", no_argument, NULL, 'f'},         {"allow-unsigned", no_argument, NULL, 'u'},
    {"threshold", required_argument, NULL, 't'}, {"config", required_argument, NULL, 'c'},
    {"quiet", no_argument, NULL, 'q'},         {"help", no_argument, NULL, 'h'},
    {"reason", required_argument, NULL, 'r'},  {NULL, 0, NULL, 0}};
  const char *db = NULL, *pubkey = NULL, *config_path = NULL, *threshold = NULL, *reason = NULL;
  bool force = false, allow_unsigned = false, quiet = false;
  config_t cfg;
  int c;

  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
    if (!strcmp(argv[i], "--inbox"))
      return cmd_sync_inbox(argc, argv); /* cmd_sync_inbox.c */
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'd': db = optarg; break;
    case 'k': pubkey = optarg; break;
    case 'f': force = true; break;
    case 'u': allow_unsigned = true; break;
    case 't': threshold = optarg; break;
    case 'c': config_path = optarg; break;
    case 'q': quiet = true; break;
    case 'r': reason = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind > 1) {
    log_error("allwedd sync: one bundle folder at a time");
    return CLI_USAGE;
  }
  if (force && (!reason || !reason[0])) {
    log_error("allwedd sync: --force needs --reason TEXT (why staff force this bundle; it is audited)");
    return CLI_USAGE;
  }
  if (reason && !force) {
    log_error("allwedd sync: --reason goes with --force");
    return CLI_USAGE;
  }
  if (!cli_load_config("sync", config_path, &cfg))
    return CLI_USAGE;

  sync_options_t opt;
  sync_options_from_config(&opt, &cfg);
  if (optind < argc)
    opt.bundle_dir = argv[optind];
  if (db)
    opt.db_path = db;
  if (pubkey)
    opt.public_key_path = pubkey;
  opt.allow_unsigned |= allow_unsigned;
  opt.force = force;
  opt.force_reason = reason;
  if (threshold && !cli_parse_percent("sync", "--threshold", threshold, &opt.reject_threshold_percent))
    return CLI_USAGE;
  cli_make_parent_dirs(opt.db_path);

  sync_report_t report;
  sync_status_t status = sync_run(&opt, &report, cli_print_sync_message, NULL);
  if (status == SYNC_IMPORTED) {
    if (!quiet) {
      char text[8192];
      sync_report_format(&report, text, sizeof text);
      printf("imported %s into %s\n%s", opt.bundle_dir, opt.db_path, text);
    }
    return CLI_OK;
  }
  /* A store in trouble (busy, full, read-only, damaged, I/O) is neither the
   * bundle's fault nor a usage error: its own words, exit 1. */
  bool store_trouble = status == SYNC_FAILED && report.store_fault != STORE_FAULT_NONE;
  log_error("allwedd sync: %s: %s",
          status == SYNC_REJECTED ? "bundle rejected" : store_trouble ? "store trouble" : "error", report.reason);
  if (status == SYNC_REJECTED || store_trouble)
    log_error("allwedd sync: nothing was changed in %s", opt.db_path);
  return status == SYNC_REJECTED || store_trouble ? CLI_REFUSED : CLI_USAGE;
}
