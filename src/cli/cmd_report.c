/*
 * allwedd report: the key worker implementation report for the cancer
 * network, from the kiosk's store: a bilingual A4 PDF (Welsh first), the
 * same pages as a PNG, or the figures as CSV. Counts only; nothing in it
 * identifies a patient.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/report_data.h"
#include "core/report_layout.h"
#include "core/safe_file.h"
#include "platform/report_draw.h"

static const char usage_text[] =
    "usage: allwedd report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang cy|en]\n"
    "                      [--out FILE.pdf|FILE.png|FILE.csv] [--dpi N] [--db PATH] [--config FILE]\n"
    "\n"
    "The key worker implementation report: patients with a named key worker now\n"
    "and after each sync (against the 2013 and 2016 survey figures), by pathway;\n"
    "Key Worker Cards issued per week by reason and channel; key worker changes\n"
    "at the key points; what happened at the kiosk. Every figure names its\n"
    "source and period. No patient-identifying value appears in it.\n"
    "\n"
    "  --from, --to  the period, whole UTC days (default: the 84 days up to today)\n"
    "  --lang        one language only (default: Welsh, then English)\n"
    "  --out         .pdf (A4, vector, text selectable), .png (the pages, one\n"
    "                below the other) or .csv (the same figures); default: CSV\n"
    "                on standard output. Files are written whole or not at all.\n"
    "  --dpi         PNG resolution (default 150)\n"
    "\n"
    "Exit status: 0 written, 1 the store could not be read or the file written,\n"
    "2 usage or configuration error.\n";

typedef struct {
  const char *from, *to, *lang, *out, *db, *config;
  int dpi;
} report_args_t;

enum { ARGS_HELP = -1 }; /* --help was answered */

/* Parse the options: CLI_OK, ARGS_HELP, or the exit status to return. */
static int parse_args(int argc, char **argv, report_args_t *a)
{
  static const struct option options[] = {
      {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
      {"lang", required_argument, NULL, 'l'}, {"out", required_argument, NULL, 'o'},
      {"dpi", required_argument, NULL, 'r'},  {"db", required_argument, NULL, 'd'},
      {"config", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int c;
  long number = 0;
  memset(a, 0, sizeof *a);
  a->dpi = 150;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'f': a->from = optarg; break;
    case 't': a->to = optarg; break;
    case 'l': a->lang = optarg; break;
    case 'o': a->out = optarg; break;
    case 'd': a->db = optarg; break;
    case 'c': a->config = optarg; break;
    case 'r':
      if (!cli_parse_long("report", "--dpi", optarg, 72, 600, &number))
        return CLI_USAGE;
      a->dpi = (int)number;
      break;
    case 'h': fputs(usage_text, stdout); return ARGS_HELP;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "allwedd report: unexpected argument '%s'\n\n%s", argv[optind], usage_text);
    return CLI_USAGE;
  }
  if (a->lang && strcmp(a->lang, "cy") && strcmp(a->lang, "en")) {
    fprintf(stderr, "allwedd report: --lang must be cy or en\n");
    return CLI_USAGE;
  }
  const char *dot = a->out ? strrchr(a->out, '.') : NULL;
  if (a->out && (!dot || (strcmp(dot, ".pdf") && strcmp(dot, ".png") && strcmp(dot, ".csv")))) {
    fprintf(stderr, "allwedd report: --out must end in .pdf, .png or .csv\n");
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* Write the CSV to path (whole or not at all), or to standard output. */
static int write_csv(const report_t *r, const char *path)
{
  char *text = NULL, err[4400];
  size_t len = 0;
  if (!path)
    return report_write_csv(r, stdout) ? CLI_OK : CLI_REFUSED;
  FILE *mem = open_memstream(&text, &len);
  bool ok = mem && report_write_csv(r, mem);
  if (mem && fclose(mem) != 0)
    ok = false;
  if (!ok)
    snprintf(err, sizeof err, "%s: out of memory", path);
  else
    ok = safe_file_write(path, text, len, 0644, err, sizeof err);
  free(text);
  if (!ok) {
    fprintf(stderr, "allwedd report: %s\n", err);
    return CLI_REFUSED;
  }
  return CLI_OK;
}

/* Lay out and draw the PDF or PNG. */
static int write_pages(const report_t *r, const report_args_t *a, const config_t *cfg)
{
  char path[CONFIG_PATH_MAX + 16], err[1200], title[300];
  i18n_t *cat = NULL;
  draw_t *d = NULL;
  scene_t *pages[REPORT_MAX_PAGES] = {0};
  size_t npages = 0;
  int status = CLI_REFUSED;
  bool pdf = !strcmp(strrchr(a->out, '.'), ".pdf");
  report_layout_options_t opt = {.dpi = pdf ? REPORT_PDF_DPI : a->dpi, .langs = {LANG_CY, LANG_EN},
                                 .nlangs = 2};
  if (a->lang) {
    i18n_lang_from_code(a->lang, &opt.langs[0]);
    opt.nlangs = 1;
  }
  snprintf(path, sizeof path, "%s/locales", cfg->data_dir);
  if (!(cat = i18n_load(path, err, sizeof err)) ||
      !(d = draw_new(cfg->font_path, cfg->font_bold_path, NULL, err, sizeof err))) {
    fprintf(stderr, "allwedd report: %s\n", err);
    status = CLI_USAGE;
    goto done;
  }
  opt.cat = cat;
  scene_measurer_t m = draw_measurer(d);
  if (!report_layout(r, &opt, &m, pages, &npages, err, sizeof err)) {
    fprintf(stderr, "allwedd report: %s\n", err);
    goto done;
  }
  for (size_t p = 0; p < npages; p++)
    for (size_t i = 0; i < scene_overflow_count(pages[p]); i++)
      fprintf(stderr, "allwedd report: warning: page %zu: text does not fit: %s\n", p + 1,
              scene_overflow(pages[p], i));
  snprintf(title, sizeof title, "%s%s%s",
           i18n_get(cat, opt.langs[0], "report", "Key workers: implementation report"), opt.nlangs > 1 ? " / " : "",
           opt.nlangs > 1 ? i18n_get(cat, opt.langs[1], "report", "Key workers: implementation report") : "");
  bool ok = pdf ? report_draw_pdf(d, pages, npages, title, a->out, err, sizeof err)
                : report_draw_png(d, pages, npages, a->dpi, a->out, err, sizeof err);
  if (!ok) {
    fprintf(stderr, "allwedd report: %s\n", err);
    goto done;
  }
  status = CLI_OK;
done:
  for (size_t p = 0; p < REPORT_MAX_PAGES; p++)
    scene_free(pages[p]);
  draw_free(d);
  i18n_free(cat);
  return status;
}

int cmd_report(int argc, char **argv)
{
  report_args_t a;
  config_t cfg;
  char from[11], to[11], today[11], made_at[21], err[1200];
  int status = parse_args(argc, argv, &a);
  if (status != CLI_OK)
    return status == ARGS_HELP ? CLI_OK : status;
  clock_today(today);
  clock_now_utc(made_at);
  if (!report_period(a.from, a.to, today, from, to, err, sizeof err)) {
    fprintf(stderr, "allwedd report: %s\n", err);
    return CLI_USAGE;
  }
  int open_status = CLI_USAGE;
  store_t *st = cli_open_store("report", a.db, a.config, &cfg, &open_status);
  if (!st)
    return open_status;
  report_t *r = report_collect(st, from, to, made_at, err, sizeof err);
  store_close(st);
  if (!r) {
    fprintf(stderr, "allwedd report: %s\n", err);
    return CLI_REFUSED;
  }
  if (!a.out || !strcmp(strrchr(a.out, '.'), ".csv"))
    status = write_csv(r, a.out);
  else
    status = write_pages(r, &a, &cfg);
  if (status == CLI_OK && a.out)
    printf("written: %s (%s to %s)\n", a.out, from, to);
  report_free(r);
  return status;
}
