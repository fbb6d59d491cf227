/*
 * allwedd card --nhs NUMBER: options and exit status only. The card itself
 * is made by the one card job (src/app/card_job.h) the kiosk uses too:
 * look-up, content, layout, file and/or printer, print record and audit.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/card_job.h"
#include "app/records.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/i18n.h"
#include "core/profile.h"
#include "core/rules.h"
#include "core/store.h"
#include "platform/draw.h"
#include "platform/raster.h"

static const char usage_text[] =
    "usage: allwedd card --nhs NUMBER [--out FILE.png|.pwg|.pdf|.jpg] [--printer NAME|URI]\n"
    "                    [--profile NAME] [--reason new|lost|damaged|key_worker_changed]\n"
    "                    [--lang cy|en] [--by staff|kiosk] [--timeout SECONDS]\n"
    "                    [--config FILE] [--db PATH]\n"
    "\n"
    "Make the patient's Key Worker Card (both languages, Welsh first, with a QR\n"
    "code of the key worker's contact details) and write it to FILE, or print it.\n"
    "With neither --out nor --printer it prints on the configured printer\n"
    "([printer] name; empty means the CUPS default destination).\n"
    "\n"
    "  --nhs NUMBER      the patient's NHS number (spaces allowed)\n"
    "  --out FILE        write the card: .png (page N of a two-sided card goes to\n"
    "                    FILE-N.png), .pwg (PWG raster, all pages), .pdf (all\n"
    "                    pages, text selectable) or .jpg (one page)\n"
    "  --printer NAME    a CUPS queue, or an ipp:// printer URI (no cupsd needed)\n"
    "  --profile NAME    printers/NAME.ini (default: [printer] profile, cr80)\n"
    "  --reason R        why the card is made (default: new)\n"
    "  --lang L          language of the QR contact (default: the patient's, else cy)\n"
    "  --by WHO          who asked: staff (default) or kiosk\n"
    "  --timeout S       give up on the printer after S seconds ([printer] timeout_s)\n"
    "\n"
    "Exit status: 0 made (and printed), 1 refused, the printer failed (the\n"
    "print record says why) or the store is busy, full, read-only or damaged\n"
    "(the message says which), 2 usage or configuration error.\n";

typedef struct {
  const char *nhs, *out, *printer, *profile, *reason, *lang, *by, *config, *db;
  long timeout_s;
} card_args_t;

/* Parse the options; CLI_OK, -1 after --help, or the exit status. */
static int card_parse(int argc, char **argv, card_args_t *a)
{
  static const struct option options[] = {
      {"nhs", required_argument, NULL, 'n'},     {"out", required_argument, NULL, 'o'},
      {"printer", required_argument, NULL, 'p'}, {"profile", required_argument, NULL, 'P'},
      {"reason", required_argument, NULL, 'r'},  {"lang", required_argument, NULL, 'l'},
      {"by", required_argument, NULL, 'b'},      {"timeout", required_argument, NULL, 't'},
      {"config", required_argument, NULL, 'c'},  {"db", required_argument, NULL, 'd'},
      {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
  static const char *const reasons[] = {"new", "lost", "damaged", "key_worker_changed"};
  int c;
  memset(a, 0, sizeof *a);
  a->reason = "new";
  a->by = "staff";
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'n': a->nhs = optarg; break;
    case 'o': a->out = optarg; break;
    case 'p': a->printer = optarg; break;
    case 'P': a->profile = optarg; break;
    case 'r': a->reason = optarg; break;
    case 'l': a->lang = optarg; break;
    case 'b': a->by = optarg; break;
    case 't':
      if (!cli_parse_long("card", "--timeout", optarg, 1, 3600, &a->timeout_s))
        return CLI_USAGE;
      break;
    case 'c': a->config = optarg; break;
    case 'd': a->db = optarg; break;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  bool reason_ok = false;
  for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
    reason_ok = reason_ok || !strcmp(a->reason, reasons[i]);
  char nhs[11];
  const char *why = NULL;
  const char *bad = optind < argc         ? "unexpected argument"
                    : !a->nhs             ? "--nhs is required"
                    : !rules_nhs_number(a->nhs, nhs, &why) ? "--nhs is not a valid NHS number"
                    : !reason_ok          ? "--reason must be new, lost, damaged or key_worker_changed"
                    : strcmp(a->by, "staff") && strcmp(a->by, "kiosk") ? "--by must be staff or kiosk"
                    : a->lang && strcmp(a->lang, "cy") && strcmp(a->lang, "en") ? "--lang must be cy or en"
                    : a->out && !raster_mime_for_path(a->out) ? "--out must end in .png, .pwg, .pdf or .jpg"
                                                              : NULL;
  if (bad) {
    fprintf(stderr, "allwedd card: %s%s%s\n\n%s", bad, why ? ": " : "", why ? why : "", usage_text);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* Say how the job ended; exit status. */
static int card_report(const app_card_result_t *r, const i18n_t *cat)
{
  switch (r->outcome) {
  case APP_CARD_DONE:
    if (r->written_path[0])
      printf("written: %s (%d page%s, %s)\n", r->written_path, r->pages, r->pages == 1 ? "" : "s",
             r->mime);
    if (r->print.job_id)
      printf("printed: job %d on %s (%s) in %.2f s\n", r->print.job_id, r->print.printer,
             r->print.format, r->print.elapsed_ms / 1000.0);
    return CLI_OK;
  case APP_CARD_NOT_PRINTED:
    fprintf(stderr, "allwedd card: %s\n", r->message);
    if (r->print.patient_msgid)
      fprintf(stderr, "  patient sees: %s / %s\n", i18n_get(cat, LANG_CY, "print", r->print.patient_msgid),
              i18n_get(cat, LANG_EN, "print", r->print.patient_msgid));
    return CLI_REFUSED;
  default:
    fprintf(stderr, "allwedd card: %s\n", r->message);
    return CLI_REFUSED;
  }
}

/* allwedd card: parse, run the card job, wait for its records, report. */
int cmd_card(int argc, char **argv)
{
  card_args_t a;
  config_t cfg;
  profile_t profile;
  app_card_result_t result;
  store_t *st = NULL;
  i18n_t *cat = NULL;
  draw_t *draw = NULL;
  app_records_t *records = NULL;
  app_card_job_t *job = NULL;
  char err[1024], path[CONFIG_PATH_MAX + 16], failure[512];
  int status = card_parse(argc, argv, &a);
  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  if (!cli_load_config("card", a.config, &cfg))
    return CLI_USAGE;
  if (a.db)
    snprintf(cfg.db_path, sizeof cfg.db_path, "%s", a.db);
  snprintf(path, sizeof path, "%s/locales", cfg.data_dir);
  if (!profile_load(&profile, cfg.data_dir, a.profile ? a.profile : cfg.printer_profile, err,
                    sizeof err) ||
      !(cat = i18n_load(path, err, sizeof err)) || !(draw = draw_new_from_config(&cfg, err, sizeof err))) {
    fprintf(stderr, "allwedd card: %s\n", err);
    status = CLI_USAGE;
    goto done;
  }
  if (!(st = cli_open_existing_store("card", cfg.db_path, &status)))
    goto done;
  status = CLI_REFUSED;
  if (!(records = app_records_open(cfg.db_path, err, sizeof err))) {
    fprintf(stderr, "allwedd card: %s\n", err);
    goto done;
  }
  app_card_env_t env = {.cfg = &cfg, .cat = cat, .draw = draw, .store = st, .records = records,
                        .profile = &profile};
  app_card_request_t req = {.nhs_number = a.nhs, .reason = a.reason, .by = a.by, .qr_lang = a.lang,
                            .out_path = a.out, .print = !a.out || a.printer, .printer = a.printer,
                            .timeout_s = (int)a.timeout_s};
  if (!(job = app_card_job_start(&env, &req))) {
    fprintf(stderr, "allwedd card: out of memory\n");
    goto done;
  }
  app_card_job_wait(job, &result);
  status = card_report(&result, cat);
  if (!app_records_flush(records, APP_RECORDS_RETRY_MS + 1000)) {
    fprintf(stderr, "allwedd card: the store did not take the print record in %d s: it may not be "
                    "written\n", (APP_RECORDS_RETRY_MS + 1000) / 1000);
    status = CLI_REFUSED;
  }
  size_t lost = app_records_take_failures(records, failure, sizeof failure);
  if (lost) {
    fprintf(stderr, "allwedd card: %zu record%s not written: %s\n", lost, lost == 1 ? " was" : "s were",
            failure);
    status = CLI_REFUSED;
  }
done:
  app_card_job_free(job);
  app_records_close(records);
  draw_free(draw);
  store_close(st);
  i18n_free(cat);
  return status;
}
