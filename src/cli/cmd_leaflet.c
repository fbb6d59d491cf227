/*
 * allwedd leaflet: the bilingual key worker leaflet ("Your key worker"),
 * Welsh pages first, then English, on A4 or A5 paper: written to PNG, PWG
 * raster or PDF files, or printed through CUPS. It holds no patient data, so it
 * needs no store and writes no print record.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/content.h"
#include "cli/cli_common.h"
#include "core/i18n.h"
#include "core/leaflet.h"
#include "core/leaflet_layout.h"
#include "core/profile.h"
#include "platform/draw.h"
#include "platform/print.h"
#include "platform/raster.h"

static const char usage_text[] =
    "usage: allwedd leaflet [--out FILE.png|.pwg|.pdf|.jpg] [--printer NAME|URI]\n"
    "                       [--profile a4|a5|NAME] [--lang both|cy|en] [--timeout SECONDS]\n"
    "                       [--config FILE]\n"
    "\n"
    "Make the key worker leaflet that goes with the Key Worker Card: the Welsh\n"
    "pages first, then the English pages (--lang cy or en for one language).\n"
    "\n"
    "  --out FILE        write it: .png (page N goes to FILE-N.png), .pwg or .pdf\n"
    "                    (.jpg for one page only)\n"
    "  --printer NAME    a CUPS queue or ipp:// URI; default: the configured printer\n"
    "                    when its profile is a sheet printer, else [printer]\n"
    "                    sheet_printer, else the CUPS default destination\n"
    "  --profile NAME    printers/NAME.ini, a sheet size (default: a4)\n"
    "\n"
    "Exit status: 0 made (and printed), 1 the printer failed, 2 usage or\n"
    "configuration error.\n";

typedef struct {
  const char *out, *printer, *profile, *lang, *config;
  int timeout_s;
} leaflet_args_t;

/* Parse the options: 0 go on, -1 help shown, else an exit status. */
static int leaflet_parse(int argc, char **argv, leaflet_args_t *a)
{
  long number = 0;
  static const struct option options[] = {
      {"out", required_argument, NULL, 'o'},     {"printer", required_argument, NULL, 'p'},
      {"profile", required_argument, NULL, 'P'}, {"lang", required_argument, NULL, 'l'},
      {"timeout", required_argument, NULL, 't'}, {"config", required_argument, NULL, 'c'},
      {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
  int c;
  memset(a, 0, sizeof *a);
  a->profile = "a4";
  a->lang = "both";
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'o': a->out = optarg; break;
    case 'p': a->printer = optarg; break;
    case 'P': a->profile = optarg; break;
    case 'l': a->lang = optarg; break;
    case 't':
      if (!cli_parse_long("leaflet", "--timeout", optarg, 1, 3600, &number))
        return CLI_USAGE;
      a->timeout_s = (int)number;
      break;
    case 'c': a->config = optarg; break;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  const char *bad = optind < argc ? "unexpected argument"
                    : strcmp(a->lang, "both") && strcmp(a->lang, "cy") && strcmp(a->lang, "en")
                        ? "--lang must be both, cy or en"
                    : a->timeout_s < 0 || a->timeout_s > 3600 ? "--timeout must be 1 to 3600 seconds"
                    : a->out && !raster_mime_for_path(a->out) ? "--out must end in .png, .pwg, .pdf or .jpg"
                                                              : NULL;
  if (bad) {
    fprintf(stderr, "allwedd leaflet: %s\n\n%s", bad, usage_text);
    return CLI_USAGE;
  }
  return 0;
}

/* Lay out and draw the leaflet in lang, appending pages to doc. */
static bool leaflet_render(const config_t *cfg, const i18n_t *cat, lang_t lang,
                           const profile_t *p, draw_t *d, raster_doc_t *doc, char *err,
                           size_t errlen)
{
  leaflet_site_t site = content_leaflet_site(cfg, lang);
  leaflet_pages_t pages = {0};
  scene_measurer_t m = draw_measurer(d);
  leaflet_t *lf = leaflet_build(cat, lang, &site, err, errlen);
  bool ok = lf && leaflet_layout(lf, p, &m, &pages, err, errlen);
  for (size_t i = 0; ok && i < pages.count; i++) {
    if (scene_overflow_count(pages.page[i])) {
      snprintf(err, errlen, "leaflet page %zu: %s", i + 1, scene_overflow(pages.page[i], 0));
      ok = false;
    }
    ok = ok && raster_doc_add_scene(doc, d, pages.page[i], err, errlen);
  }
  leaflet_pages_clear(&pages);
  leaflet_free(lf);
  return ok;
}

/* Print doc and wait; exit status. */
static int leaflet_print(const leaflet_args_t *a, const config_t *cfg, const profile_t *p,
                         const profile_t *configured, raster_doc_t *doc)
{
  char err[1024];
  print_status_t st;
  /* The kiosk's rule (profile_sheet_printer); a staff command may still fall
   * back to the CUPS default ("") where the kiosk would refuse. */
  const char *sheet = profile_sheet_printer(configured, cfg->printer, cfg->sheet_printer);
  const char *printer = a->printer ? a->printer : sheet ? sheet : "";
  print_options_t opt = {.printer = printer, .title = "Key worker leaflet",
                         .timeout_s = a->timeout_s ? a->timeout_s : cfg->print_timeout_s};
  print_job_t *job = print_job_start(&opt, p, doc, err, sizeof err);
  if (!job) {
    fprintf(stderr, "allwedd leaflet: %s\n", err);
    return CLI_REFUSED;
  }
  print_job_wait(job, &st);
  print_job_free(job);
  if (st.outcome != PRINT_OUTCOME_COMPLETED) {
    fprintf(stderr, "allwedd leaflet: not printed (%s): %s\n", print_outcome_keyword(st.outcome),
            st.staff_message);
    return CLI_REFUSED;
  }
  printf("printed: job %d on %s (%s) in %.2f s\n", st.job_id, st.printer, st.format,
         st.elapsed_ms / 1000.0);
  return CLI_OK;
}

/* allwedd leaflet. */
int cmd_leaflet(int argc, char **argv)
{
  leaflet_args_t a;
  config_t cfg;
  profile_t p, configured;
  raster_doc_t doc = {0};
  i18n_t *cat = NULL;
  draw_t *d = NULL;
  char err[1024], path[CONFIG_PATH_MAX + 16];
  int status = leaflet_parse(argc, argv, &a);
  if (status)
    return status < 0 ? CLI_OK : status;
  if (!cli_load_config("leaflet", a.config, &cfg))
    return CLI_USAGE;
  status = CLI_USAGE;
  snprintf(path, sizeof path, "%s/locales", cfg.data_dir);
  if (!profile_load(&p, cfg.data_dir, a.profile, err, sizeof err) ||
      !(cat = i18n_load(path, err, sizeof err)) || !(d = draw_new_from_config(&cfg, err, sizeof err))) {
    fprintf(stderr, "allwedd leaflet: %s\n", err);
    goto done;
  }
  if (p.placement != PROFILE_PLACE_SHEET) {
    fprintf(stderr, "allwedd leaflet: profile %s is a card printer; the leaflet needs paper "
                    "(a4, a5)\n", p.name);
    goto done;
  }
  if (!profile_load(&configured, cfg.data_dir, cfg.printer_profile, err, sizeof err))
    configured = p;
  status = CLI_REFUSED;
  if ((strcmp(a.lang, "en") && !leaflet_render(&cfg, cat, LANG_CY, &p, d, &doc, err, sizeof err)) ||
      (strcmp(a.lang, "cy") && !leaflet_render(&cfg, cat, LANG_EN, &p, d, &doc, err, sizeof err))) {
    fprintf(stderr, "allwedd leaflet: %s\n", err);
    goto done;
  }
  if (a.out) {
    const char *mime = raster_mime_for_path(a.out);
    bool ok = !strcmp(mime, "image/png") ? raster_write_png(&doc, p.dpi, a.out, err, sizeof err)
                                         : raster_write(&doc, &p, mime, a.out, err, sizeof err);
    if (!ok) {
      fprintf(stderr, "allwedd leaflet: %s\n", err);
      goto done;
    }
    printf("written: %s (%zu pages, %s)\n", a.out, doc.count, mime);
    status = CLI_OK;
  }
  if (!a.out || a.printer)
    status = leaflet_print(&a, &cfg, &p, &configured, &doc);
done:
  raster_doc_clear(&doc);
  draw_free(d);
  i18n_free(cat);
  return status;
}
