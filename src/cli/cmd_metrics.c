/*
 * allwedd metrics [--textfile DIR]: the kiosk's health in the Prometheus
 * text format, for node_exporter's textfile collector (run every minute by
 * allwedd-metrics.timer). This file gathers the figures (store, heartbeat)
 * and writes the file atomically; src/core/metrics.c formats them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/safe_file.h"
#include "cli/cli_common.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "platform/print.h"

#define METRICS_FILE "allwedd.prom"

/* How long the printer may take to answer: the timer runs every minute. */
enum { PRINTER_ASK_MS = 5000 };

static const char usage_text[] =
    "usage: allwedd metrics [--textfile DIR] [--db PATH] [--printer NAME|URI] [--config FILE]\n"
    "\n"
    "Write the kiosk's health in the Prometheus text exposition format: the age\n"
    "of the data, the last sync and its result, rows per table, patients with no\n"
    "key worker, cards made by reason, channel and outcome, identification and\n"
    "staff PIN failures and lockouts, requests for help at the screen, failed\n"
    "prints and sheets the kiosk had no printer for, whether the kiosk is up and\n"
    "when it last drew a frame, the card printer's state and reasons ([printer]\n"
    "name, asked for at most 5 s). Counts and times only: never a patient value.\n"
    "Each metric's HELP line says what it counts (docs/cli.md lists them).\n"
    "\n"
    "  --textfile DIR   write DIR/" METRICS_FILE " (a temporary file in DIR renamed\n"
    "                   into place, so the collector never reads half a file)\n"
    "                   instead of stdout; for node_exporter's\n"
    "                   --collector.textfile.directory\n"
    "  --db PATH        the store (default: [store] db_path)\n"
    "  --printer NAME   the card printer to ask: a CUPS queue or an ipp:// URI\n"
    "                   (default: [printer] name; empty: the CUPS default)\n"
    "  --config FILE    configuration file\n"
    "\n"
    "A store that cannot be read is reported as allwedd_store_up 0, not as an error.\n"
    "Exit status: 0 written, 1 the file could not be written, 2 usage or\n"
    "configuration error.\n";

/* What the store holds, read into in; the card counts are malloc'd into
 * *cards (free it). false with the reason in err. */
static bool gather_store(const char *db_path, metrics_input_t *in, store_sync_run_t *run,
                         store_card_count_t **cards, char *err, size_t errlen)
{
  store_sync_attempt_t attempt;
  const char *names[METRICS_EVENT_COUNT];
  for (int i = 0; i < METRICS_EVENT_COUNT; i++)
    names[i] = metrics_event_name((metrics_event_t)i);
  store_t *st = store_open_existing(db_path, err, errlen);
  bool ok = false;
  if (!st)
    return false;
  store_match_t m = store_last_sync_run(st, run);
  store_match_t a = m == STORE_ERROR ? STORE_ERROR : store_last_sync_attempt(st, &attempt);
  if (m == STORE_ERROR || a == STORE_ERROR || !store_table_rows(st, &in->rows) ||
      !store_card_counts(st, cards, &in->ncards) || !store_audit_event_counts(st, names, METRICS_EVENT_COUNT, in->event_counts)) {
    snprintf(err, errlen, "%s: %s", db_path, store_error(st));
    goto done;
  }
  in->cards = *cards;
  if (m == STORE_FOUND) {
    in->last_import = run;
    in->data_generated = clock_parse_utc(run->generated);
    in->last_import_at = clock_parse_utc(run->finished_at);
  }
  if (a == STORE_FOUND && clock_parse_utc(attempt.at) != (time_t)-1) {
    in->have_attempt = true;
    in->last_result = attempt.result;
    in->last_attempt_at = clock_parse_utc(attempt.at);
  }
  in->store_up = true;
  ok = true;
done:
  store_close(st);
  return ok;
}

/* The kiosk's heartbeat beside the store. */
static void gather_kiosk(const char *db_path, metrics_input_t *in)
{
  char path[CONFIG_PATH_MAX + 32], err[512];
  if (!heartbeat_path(db_path, path, sizeof path))
    return;
  in->kiosk_read = heartbeat_read(path, &in->kiosk, err, sizeof err);
  if (in->kiosk_read == HEARTBEAT_READ_BAD)
    log_error("allwedd metrics: %s", err);
  in->kiosk_running = in->kiosk_read == HEARTBEAT_READ_OK && heartbeat_running(&in->kiosk);
}

/* The card printer's queue, asked for at most PRINTER_ASK_MS. info must
 * outlive in (in points into it). */
static void gather_printer(const char *printer, metrics_input_t *in, print_queue_info_t *info)
{
  in->printer_known = true;
  if (!print_queue_state(printer, PRINTER_ASK_MS, info)) {
    in->printer_state = METRICS_PRINTER_UNKNOWN;
    snprintf(info->reasons, sizeof info->reasons, "%s", print_outcome_keyword(info->blocker));
    in->printer_reasons = info->reasons;
    log_warning("allwedd metrics: the printer cannot be asked: %s", info->error);
    return;
  }
  in->printer_state = info->state == PRINT_QUEUE_IDLE         ? METRICS_PRINTER_IDLE
                      : info->state == PRINT_QUEUE_PROCESSING ? METRICS_PRINTER_PROCESSING
                      : info->state == PRINT_QUEUE_STOPPED    ? METRICS_PRINTER_STOPPED
                                                              : METRICS_PRINTER_UNKNOWN;
  in->printer_reasons = info->reasons;
  in->printer_accepting = info->accepting ? 1 : 0;
  in->printer_queued_jobs = info->queued_jobs;
}

/* Write the metrics to DIR/allwedd.prom whole or not at all (safe_file:
 * its temporary name does not end in .prom, so the collector never reads a
 * partial file); false with the reason printed. */
static bool write_textfile(const char *dir, const metrics_input_t *in)
{
  char path[4200], err[4400];
  char *text = NULL;
  size_t len = 0;
  snprintf(path, sizeof path, "%s/" METRICS_FILE, dir);
  FILE *f = open_memstream(&text, &len);
  bool formatted = f && metrics_write(in, f);
  if (f)
    formatted = fclose(f) == 0 && formatted;
  bool ok = false;
  if (!formatted)
    log_error("allwedd metrics: cannot format the metrics: %s", strerror(errno));
  else if (!(ok = safe_file_write(path, text, len, 0644, err, sizeof err)))
    log_error("allwedd metrics: %s: cannot create a file (%s)", dir, err);
  free(text);
  return ok;
}

int cmd_metrics(int argc, char **argv)
{
  static const struct option options[] = {{"textfile", required_argument, NULL, 't'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"printer", required_argument, NULL, 'p'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *textfile = NULL, *db = NULL, *config_path = NULL, *printer_name = NULL;
  config_t cfg;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 't': textfile = optarg; break;
    case 'd': db = optarg; break;
    case 'p': printer_name = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!cli_load_config("metrics", config_path, &cfg))
    return CLI_USAGE;
  struct stat sb;
  if (textfile && (stat(textfile, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
    log_error("allwedd metrics: --textfile %s is not a folder", textfile);
    return CLI_USAGE;
  }
  const char *db_path = db ? db : cfg.db_path;

  metrics_input_t in;
  store_sync_run_t run;
  store_card_count_t *cards = NULL;
  char err[1200];
  metrics_input_init(&in, clock_now());
  if (!gather_store(db_path, &in, &run, &cards, err, sizeof err))
    log_error("allwedd metrics: the store cannot be read: %s", err);
  gather_kiosk(db_path, &in);
  print_queue_info_t printer;
  gather_printer(printer_name ? printer_name : cfg.printer, &in, &printer);

  bool ok;
  if (textfile) {
    ok = write_textfile(textfile, &in);
  } else {
    ok = metrics_write(&in, stdout) && fflush(stdout) == 0;
    if (!ok)
      log_error("allwedd metrics: cannot write to stdout: %s", strerror(errno));
  }
  free(cards);
  return ok ? CLI_OK : CLI_REFUSED;
}
