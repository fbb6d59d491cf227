/*
 * allwedd audit: the kiosk's own records for health board informatics: the
 * audit log, cards printed and sync runs, optionally from a date on, as
 * tab-separated lines with a header (ready for a spreadsheet).
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/rules.h"
#include "core/store.h"

static const char usage_text[] =
    "usage: allwedd audit [events|cards|syncs] [--since YYYY-MM-DD] [--db PATH] [--config FILE]\n"
    "\n"
    "Print the kiosk's own records as tab-separated lines with a header:\n"
    "  events  the audit log: time, actor, event, detail (default)\n"
    "  cards   cards printed: started, finished, NHS number, key worker, reason,\n"
    "          printer, by (kiosk or staff), job id, outcome\n"
    "  syncs   sync runs: started, finished, bundle generated, site, forced, ms\n"
    "These records are kept when a sync removes a patient.\n";

/* Print every row of a query as tab-separated text, with a header. */
static int print_query(sqlite3 *db, const char *sql, const char *since)
{
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &pStmt, NULL) != SQLITE_OK) {
    fprintf(stderr, "allwedd audit: %s\n", sqlite3_errmsg(db));
    return CLI_REFUSED;
  }
  sqlite3_bind_text(pStmt, 1, since, -1, SQLITE_STATIC);
  int n = sqlite3_column_count(pStmt);
  for (int i = 0; i < n; i++)
    printf("%s%s", i ? "\t" : "", sqlite3_column_name(pStmt, i));
  printf("\n");
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (int i = 0; i < n; i++) {
      const char *v = (const char *)sqlite3_column_text(pStmt, i);
      printf("%s%s", i ? "\t" : "", v ? v : "");
    }
    printf("\n");
  }
  if (rc != SQLITE_DONE)
    fprintf(stderr, "allwedd audit: %s\n", sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  return rc == SQLITE_DONE ? CLI_OK : CLI_REFUSED;
}

int cmd_audit(int argc, char **argv)
{
  static const struct option options[] = {{"since", required_argument, NULL, 's'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *db = NULL, *config_path = NULL, *since = "0000-00-00", *why;
  config_t cfg;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 's':
      since = optarg;
      if (!rules_date(since, NULL, NULL, NULL, &why)) {
        fprintf(stderr, "allwedd audit: --since: %s\n", why);
        return CLI_USAGE;
      }
      break;
    case 'd': db = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  const char *what = optind < argc ? argv[optind] : "events";
  static const char *const queries[][2] = {
    {"events", "SELECT at, actor, event, detail FROM audit_log WHERE at >= ?1 ORDER BY id"},
    {"cards", "SELECT started_at, coalesce(finished_at, '') AS finished_at, nhs_number, key_worker_id,"
              " reason, printer, by, coalesce(job_id, '') AS job_id, outcome FROM cards_printed"
              " WHERE started_at >= ?1 ORDER BY id"},
    {"syncs", "SELECT started_at, finished_at, generated, site, forced, duration_ms FROM sync_runs"
              " WHERE started_at >= ?1 ORDER BY id"},
  };
  const char *sql = NULL;
  for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
    if (!strcmp(what, queries[i][0]))
      sql = queries[i][1];
  if (!sql || argc - optind > 1) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  int status = CLI_USAGE;
  store_t *st = cli_open_store("audit", db, config_path, &cfg, &status);
  if (!st)
    return status;
  status = print_query(store_db(st), sql, since);
  store_close(st);
  return status;
}
