/*
 * allwedd patient NHS_NUMBER: a patient and their current key worker as
 * stable "key: value" lines (documented in docs/cli.md) for staff at a desk
 * and for scripts. Exit 1 when there is no such patient.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/rules.h"
#include "core/store.h"

static const char usage_text[] =
    "usage: allwedd patient NHS_NUMBER [--db PATH] [--config FILE]\n"
    "\n"
    "Show a patient and their current key worker as 'key: value' lines, one per\n"
    "line, in a fixed order (see docs/cli.md). The NHS number may have spaces.\n"
    "Each look-up is written to the audit log.\n"
    "Exit status: 0 found, 1 not found or the store could not answer or record\n"
    "the look-up (busy, full, read-only: the message says which), 2 usage or\n"
    "configuration error.\n";

/* Print one line, keeping the format "key: value". */
static void field(const char *key, const char *value) { printf("%s: %s\n", key, value); }

/* Print the key worker block. */
static void print_key_worker(const key_worker_t *kw)
{
  char name[sizeof kw->given_name + sizeof kw->family_name + 2];
  snprintf(name, sizeof name, "%s %s", kw->given_name, kw->family_name);
  field("key_worker", "allocated");
  field("key_worker_id", kw->id);
  field("key_worker_name", name);
  field("key_worker_role_en", kw->role_en);
  field("key_worker_role_cy", kw->role_cy);
  field("key_worker_team_en", kw->team_en);
  field("key_worker_team_cy", kw->team_cy);
  field("key_worker_phone", kw->phone);
  field("key_worker_email", kw->email);
  field("key_worker_hours_en", kw->hours_en);
  field("key_worker_hours_cy", kw->hours_cy);
}

int cmd_patient(int argc, char **argv)
{
  static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *db = NULL, *config_path = NULL;
  char nhs[11], detail[64];
  const char *why;
  config_t cfg;
  patient_t p;
  key_worker_t kw;
  store_t *st = NULL;
  int c, status = CLI_USAGE;

  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'd': db = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind < 1) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  /* "943 476 5919" may arrive as one argument or as three. */
  char joined[64] = "";
  for (int i = optind; i < argc; i++) {
    size_t len = strlen(joined);
    snprintf(joined + len, sizeof joined - len, "%s%s", len ? " " : "", argv[i]);
  }
  if (!rules_nhs_number(joined, nhs, &why)) {
    fprintf(stderr, "allwedd patient: %s\n", why);
    return CLI_USAGE;
  }
  if (!(st = cli_open_store("patient", db, config_path, &cfg, &status)))
    return status;
  status = CLI_REFUSED;
  store_match_t m = store_patient_by_nhs(st, nhs, &p);
  if (m == STORE_ERROR) {
    fprintf(stderr, "allwedd patient: %s\n", store_error(st));
    goto done;
  }
  /* The look-up is audited before anything is shown: a record nobody can
   * account for is never printed. */
  snprintf(detail, sizeof detail, "nhs=%s %s", nhs, m == STORE_FOUND ? "found" : "not found");
  if (!store_audit(st, "cli", "patient_lookup", detail)) {
    fprintf(stderr, "allwedd patient: %s; nothing shown\n", store_error(st));
    goto done;
  }
  if (m != STORE_FOUND) {
    fprintf(stderr, "allwedd patient: no patient with NHS number %s\n", nhs);
    goto done;
  }
  field("nhs_number", p.nhs_number);
  field("given_name", p.given_name);
  field("family_name", p.family_name);
  field("date_of_birth", p.date_of_birth);
  field("postcode", p.postcode);
  field("preferred_language", p.preferred_language);
  field("pathway", p.pathway);
  if (!p.key_worker_id[0]) {
    field("key_worker", "none allocated");
  } else if ((m = store_key_worker_get(st, p.key_worker_id, &kw)) == STORE_FOUND) {
    print_key_worker(&kw);
  } else {
    fprintf(stderr, "allwedd patient: key worker %s: %s\n", p.key_worker_id,
            m == STORE_ERROR ? store_error(st) : "not in the store");
    goto done;
  }
  status = CLI_OK;
done:
  store_close(st);
  return status;
}
