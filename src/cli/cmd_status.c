/*
 * allwedd status: what the store holds, for staff and for the Quick start:
 * counts, the bundle in force and how old it is.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/clock.h"
#include "core/store.h"
#include "core/store_check.h"

static const char usage_text[] =
    "usage: allwedd status [--db PATH] [--config FILE]\n"
    "\n"
    "Print what the local store holds as 'key: value' lines: patients, key\n"
    "workers, services, history rows, patients with no key worker yet, the\n"
    "bundle in force and its age. A bundle older than 48 hours is flagged; one\n"
    "dated in the future (beyond [sync] max_clock_skew_s) is a fault: a clock is wrong.\n"
    "First the store's structure is checked (PRAGMA quick_check on the snapshot\n"
    "and the records file): 'store: ok', or 'store: damaged' with the first\n"
    "problem SQLite found on standard error.\n"
    "Exit status: 0; 1 when the store cannot answer now (busy) or on a fault (a\n"
    "bundle from the future); 2 when there is no store or it is damaged or\n"
    "unreadable.\n";

int cmd_status(int argc, char **argv)
{
  static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *db = NULL, *config_path = NULL;
  config_t cfg;
  store_summary_t s;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'd': db = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  int open_status = CLI_USAGE;
  store_t *st = cli_open_store("status", db, config_path, &cfg, &open_status);
  if (!st)
    return open_status;
  /* A damaged page can leave the counts below looking healthy. */
  if (!store_quick_check(st)) {
    printf("store: %s\n", store_fault(st) == STORE_FAULT_DAMAGED ? "damaged" : "unreadable");
    fprintf(stderr, "allwedd status: %s\n", store_error(st));
    store_close(st);
    return CLI_USAGE;
  }
  bool ok = store_summary(st, &s);
  if (!ok)
    fprintf(stderr, "allwedd status: %s\n", store_error(st));
  store_close(st);
  if (!ok)
    return CLI_REFUSED; /* busy or failing: the message says which */
  printf("store: ok\n");
  printf("site: %s\n", s.site);
  printf("patients: %ld\n", s.patients);
  printf("patients_without_key_worker: %ld\n", s.patients_without_key_worker);
  printf("key_workers: %ld\n", s.key_workers);
  printf("services: %ld\n", s.services);
  printf("history_rows: %ld\n", s.history);
  printf("bundle_generated: %s\n", s.last_generated[0] ? s.last_generated : "none");
  printf("last_sync: %s\n", s.last_sync_at[0] ? s.last_sync_at : "never");
  time_t generated = clock_parse_utc(s.last_generated);
  if (generated != (time_t)-1) {
    double seconds = difftime(clock_now(), generated), hours = seconds / 3600.0;
    printf("bundle_age_hours: %.1f\n", hours);
    if (seconds < -(double)cfg.max_clock_skew_s) {
      printf("bundle_stale: fault (the bundle is dated %.1f hours in the future: the kiosk's clock or the"
             " export's is wrong)\n", -hours);
      return CLI_REFUSED;
    }
    printf("bundle_stale: %s\n", hours > 48.0 ? "yes (older than 48 hours: run a sync)" : "no");
  }
  return CLI_OK;
}
