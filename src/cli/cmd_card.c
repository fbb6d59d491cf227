/*
 * allwedd card --nhs NUMBER: make a patient's Key Worker Card, write it to a
 * file (PNG, PWG raster or PDF) and/or print it through CUPS, and record it. Every
 * card made is written to the store's print record (patient, key worker,
 * reason, printer or file, job id, outcome, by whom) and to the audit log,
 * whether it printed or not. Staff get the printer's reasons on stderr.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/card.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/profile.h"
#include "core/rules.h"
#include "core/store.h"
#include "platform/draw.h"
#include "platform/print.h"
#include "platform/raster.h"

static const char usage_text[] =
    "usage: allwedd card --nhs NUMBER [--out FILE.png|FILE.pwg|FILE.pdf] [--printer NAME|URI]\n"
    "                    [--profile NAME] [--reason new|lost|damaged|key_worker_changed]\n"
    "                    [--lang cy|en] [--by staff|kiosk] [--timeout SECONDS]\n"
    "                    [--config FILE] [--db PATH]\n"
    "\n"
    "Make the patient's Key Worker Card (both languages, Welsh first, with a QR\n"
    "code of the key worker's contact details) and write it to FILE, or print it.\n"
    "With neither --out nor --printer it prints on the configured printer\n"
    "([printer] printer; empty means the CUPS default destination).\n"
    "\n"
    "  --nhs NUMBER      the patient's NHS number (spaces allowed)\n"
    "  --out FILE        write the card: .png (page N of a two-sided card goes to\n"
    "                    FILE-N.png), .pwg (PWG raster, all pages) or .pdf (all\n"
    "                    pages, text selectable)\n"
    "  --printer NAME    a CUPS queue, or an ipp:// printer URI (no cupsd needed)\n"
    "  --profile NAME    printers/NAME.ini (default: [printer] profile, cr80)\n"
    "  --reason R        why the card is made (default: new)\n"
    "  --lang L          language of the QR contact (default: the patient's, else cy)\n"
    "  --by WHO          who asked: staff (default) or kiosk\n"
    "  --timeout S       give up on the printer after S seconds ([printer] timeout_s)\n"
    "\n"
    "Exit status: 0 made (and printed), 1 refused or the printer failed (the\n"
    "print record says why), 2 usage or configuration error.\n";

typedef struct {
  const char *nhs, *out, *printer, *profile, *reason, *lang, *by, *config, *db;
  int timeout_s;
} card_args_t;

/* Parse the options; CLI_OK, or the exit status to return. */
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
    case 't': a->timeout_s = atoi(optarg); break;
    case 'c': a->config = optarg; break;
    case 'd': a->db = optarg; break;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  bool reason_ok = false;
  for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
    reason_ok = reason_ok || !strcmp(a->reason, reasons[i]);
  const char *bad = optind < argc         ? "unexpected argument"
                    : !a->nhs             ? "--nhs is required"
                    : !reason_ok          ? "--reason must be new, lost, damaged or key_worker_changed"
                    : strcmp(a->by, "staff") && strcmp(a->by, "kiosk") ? "--by must be staff or kiosk"
                    : a->lang && strcmp(a->lang, "cy") && strcmp(a->lang, "en") ? "--lang must be cy or en"
                    : a->timeout_s < 0 || a->timeout_s > 3600 ? "--timeout must be 1 to 3600 seconds"
                    : a->out && !raster_mime_for_path(a->out) ? "--out must end in .png, .pwg or .pdf"
                                                              : NULL;
  if (bad) {
    fprintf(stderr, "allwedd card: %s\n\n%s", bad, usage_text);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* Record the outcome in the print record and the audit log. */
static void card_record(store_t *st, const card_args_t *a, int64_t row, int job_id,
                        const card_print_t *rec, const char *outcome)
{
  char detail[512];
  if (row && !store_card_print_end(st, row, job_id, outcome))
    fprintf(stderr, "allwedd card: cannot update the print record: %s\n", store_error(st));
  snprintf(detail, sizeof detail, "nhs=%s key_worker=%s reason=%s printer=%s job=%d outcome=%s",
           rec->nhs_number, rec->key_worker_id, rec->reason, rec->printer, job_id, outcome);
  if (!store_audit(st, strcmp(a->by, "kiosk") ? "staff" : "kiosk", "card_print", detail))
    fprintf(stderr, "allwedd card: cannot write the audit log: %s\n", store_error(st));
}

/* Write the card to a file and record it; exit status. */
static int card_write_file(store_t *st, const card_args_t *a, card_print_t *rec,
                           const raster_doc_t *doc, const profile_t *p)
{
  char err[1024];
  int64_t row = 0;
  snprintf(rec->printer, sizeof rec->printer, "file:%s", a->out);
  row = store_new_record_id();
  if (!store_card_print_begin(st, rec, row)) {
    fprintf(stderr, "allwedd card: cannot write the print record: %s\n", store_error(st));
    return CLI_REFUSED;
  }
  const char *mime = raster_mime_for_path(a->out);
  bool ok = !strcmp(mime, "image/png") ? raster_write_png(doc, p->dpi, a->out, err, sizeof err)
                                       : raster_write(doc, p, mime, a->out, err, sizeof err);
  card_record(st, a, row, 0, rec, ok ? "written" : "error");
  if (!ok) {
    fprintf(stderr, "allwedd card: %s\n", err);
    return CLI_REFUSED;
  }
  printf("written: %s (%zu page%s, %s)\n", a->out, doc->count, doc->count == 1 ? "" : "s", mime);
  return CLI_OK;
}

/* Print the card, follow the job, record it; exit status. */
static int card_print(store_t *st, const card_args_t *a, const config_t *cfg, card_print_t *rec,
                      raster_doc_t *doc, const profile_t *p, const i18n_t *cat)
{
  char err[1024];
  int64_t row = 0;
  print_status_t status;
  const char *printer = a->printer ? a->printer : cfg->printer;
  snprintf(rec->printer, sizeof rec->printer, "%s", printer[0] ? printer : "(default)");
  row = store_new_record_id();
  if (!store_card_print_begin(st, rec, row)) {
    fprintf(stderr, "allwedd card: cannot write the print record: %s\n", store_error(st));
    return CLI_REFUSED;
  }
  print_options_t opt = {.printer = printer, .title = "Key Worker Card",
                         .timeout_s = a->timeout_s ? a->timeout_s : cfg->print_timeout_s};
  print_job_t *job = print_job_start(&opt, p, doc, err, sizeof err);
  if (!job) {
    card_record(st, a, row, 0, rec, "error");
    fprintf(stderr, "allwedd card: %s\n", err);
    return CLI_REFUSED;
  }
  print_job_wait(job, &status);
  print_job_free(job);
  card_record(st, a, row, status.job_id, rec, print_outcome_keyword(status.outcome));
  if (status.outcome == PRINT_OUTCOME_COMPLETED) {
    printf("printed: job %d on %s (%s) in %.2f s\n", status.job_id, status.printer,
           status.format, status.elapsed_ms / 1000.0);
    return CLI_OK;
  }
  fprintf(stderr, "allwedd card: not printed (%s): %s\n", print_outcome_keyword(status.outcome),
          status.staff_message);
  fprintf(stderr, "  patient sees: %s / %s\n", i18n_get(cat, LANG_CY, "print", status.patient_msgid),
          i18n_get(cat, LANG_EN, "print", status.patient_msgid));
  return CLI_REFUSED;
}

/* Find the patient and key worker; exit status (CLI_OK when both found). */
static int card_lookup(store_t *st, const char *nhs, patient_t *pt, key_worker_t *kw)
{
  store_match_t m = store_patient_by_nhs(st, nhs, pt);
  if (m == STORE_ERROR) {
    fprintf(stderr, "allwedd card: %s\n", store_error(st));
    return CLI_REFUSED;
  }
  if (m != STORE_FOUND) {
    fprintf(stderr, "allwedd card: no patient with NHS number %s\n", nhs);
    return CLI_REFUSED;
  }
  if (!pt->key_worker_id[0]) {
    fprintf(stderr, "allwedd card: patient %s has no key worker allocated: no card to make\n", nhs);
    return CLI_REFUSED;
  }
  if (store_key_worker_get(st, pt->key_worker_id, kw) != STORE_FOUND) {
    fprintf(stderr, "allwedd card: key worker %s not found: %s\n", pt->key_worker_id,
            store_error(st));
    return CLI_REFUSED;
  }
  return CLI_OK;
}

/* Build the card pages for the patient; exit status. */
static int card_render(const card_args_t *a, const config_t *cfg, const patient_t *pt,
                       const key_worker_t *kw, const profile_t *p, const i18n_t *cat,
                       raster_doc_t *doc)
{
  char err[1024], today[11];
  lang_t qr_lang = LANG_CY;
  if (!(a->lang && i18n_lang_from_code(a->lang, &qr_lang)))
    i18n_lang_from_code(pt->preferred_language, &qr_lang);
  clock_today(today);
  card_content_t content = {.kw = kw, .patient = pt,
                            .show_patient_name = cfg->card_show_patient_name,
                            .site = cfg->site_name, .print_date = today, .qr_lang = qr_lang,
                            .cat = cat};
  draw_t *d = draw_new_from_config(cfg, err, sizeof err);
  bool ok = d && raster_add_card(doc, d, &content, p, NULL, err, sizeof err);
  draw_free(d);
  if (!ok) {
    fprintf(stderr, "allwedd card: %s\n", err);
    return CLI_REFUSED;
  }
  return CLI_OK;
}

/* allwedd card: look up, lay out, write and/or print, record. */
int cmd_card(int argc, char **argv)
{
  card_args_t a;
  config_t cfg;
  profile_t profile;
  patient_t pt;
  key_worker_t kw;
  card_print_t rec;
  raster_doc_t doc = {0};
  store_t *st = NULL;
  i18n_t *cat = NULL;
  char nhs[11], err[1024], path[CONFIG_PATH_MAX + 16];
  const char *why;
  int status = card_parse(argc, argv, &a);
  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  if (!rules_nhs_number(a.nhs, nhs, &why)) {
    fprintf(stderr, "allwedd card: --nhs: %s\n", why);
    return CLI_USAGE;
  }
  if (!cli_load_config("card", a.config, &cfg))
    return CLI_USAGE;
  if (!profile_load(&profile, cfg.data_dir, a.profile ? a.profile : cfg.printer_profile, err,
                    sizeof err)) {
    fprintf(stderr, "allwedd card: %s\n", err);
    return CLI_USAGE;
  }
  snprintf(path, sizeof path, "%s/locales", cfg.data_dir);
  if (!(cat = i18n_load(path, err, sizeof err))) {
    fprintf(stderr, "allwedd card: %s\n", err);
    return CLI_USAGE;
  }
  status = CLI_USAGE;
  if (!(st = store_open_existing(a.db ? a.db : cfg.db_path, err, sizeof err))) {
    fprintf(stderr, "allwedd card: %s\n", err);
    goto done;
  }
  if ((status = card_lookup(st, nhs, &pt, &kw)) != CLI_OK ||
      (status = card_render(&a, &cfg, &pt, &kw, &profile, cat, &doc)) != CLI_OK)
    goto done;
  memset(&rec, 0, sizeof rec);
  snprintf(rec.nhs_number, sizeof rec.nhs_number, "%s", nhs);
  snprintf(rec.key_worker_id, sizeof rec.key_worker_id, "%s", kw.id);
  snprintf(rec.reason, sizeof rec.reason, "%s", a.reason);
  snprintf(rec.by, sizeof rec.by, "%s", a.by);
  if (a.out)
    status = card_write_file(st, &a, &rec, &doc, &profile);
  if ((!a.out || a.printer) && status == CLI_OK)
    status = card_print(st, &a, &cfg, &rec, &doc, &profile, cat);
done:
  raster_doc_clear(&doc);
  store_close(st);
  i18n_free(cat);
  return status;
}
