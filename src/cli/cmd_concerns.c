/*
 * allwedd concerns-list: "My list for today / Fy rhestr heddiw" as the kiosk
 * prints it (core/concerns_list.h), from items named on the command line,
 * with the services of the store: written to PNG, PWG raster or PDF. For
 * tests, documentation and a Welsh speaker's review; it keeps nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/clock.h"
#include "core/concerns.h"
#include "core/concerns_list.h"
#include "core/i18n.h"
#include "core/profile.h"
#include "core/store.h"
#include "platform/draw.h"
#include "platform/raster.h"

static const char usage_text[] =
    "usage: allwedd concerns-list --out FILE.png|.pwg|.pdf [--tick ITEM]... [--score 0-10]\n"
    "                             [--lang cy|en] [--key-worker ID] [--name TEXT]\n"
    "                             [--profile a4|a5|NAME] [--db PATH] [--config FILE]\n"
    "       allwedd concerns-list --items\n"
    "\n"
    "Make \"My list for today / Fy rhestr heddiw\", the concerns list the kiosk\n"
    "prints, with the local services of the store that match each ticked group.\n"
    "\n"
    "  --tick ITEM       an item ticked, by its key (see --items); repeatable\n"
    "  --score N         the 0-10 \"how much is this worrying you\" (default: none)\n"
    "  --lang cy|en      the person's language, first on every line (default cy)\n"
    "  --key-worker ID   head the list with this key worker from the store\n"
    "  --name TEXT       print this name (the kiosk does only when the patient asks)\n"
    "  --profile NAME    printers/NAME.ini, a sheet size (default: a4)\n"
    "  --out FILE        .png (page N of several goes to FILE-N.png), .pwg or .pdf\n"
    "  --items           list the item keys with their English words\n"
    "\n"
    "Exit status: 0 written, 1 the store or the file failed, 2 usage or\n"
    "configuration error.\n";

typedef struct {
  const char *out, *lang, *key_worker, *name, *profile, *db, *config;
  concerns_selection_t sel;
  bool items;
} concerns_args_t;

/* The catalogue index of key, or -1. */
static int concerns_index(const char *key)
{
  for (size_t i = 0; i < concerns_item_count(); i++)
    if (!strcmp(concerns_item(i)->key, key))
      return (int)i;
  return -1;
}

/* Parse the options: 0 go on, -1 help shown, else an exit status. */
static int concerns_parse(int argc, char **argv, concerns_args_t *a)
{
  static const struct option options[] = {
      {"out", required_argument, NULL, 'o'},     {"tick", required_argument, NULL, 't'},
      {"score", required_argument, NULL, 's'},   {"lang", required_argument, NULL, 'l'},
      {"key-worker", required_argument, NULL, 'k'}, {"name", required_argument, NULL, 'n'},
      {"profile", required_argument, NULL, 'P'}, {"db", required_argument, NULL, 'd'},
      {"config", required_argument, NULL, 'c'},  {"items", no_argument, NULL, 'i'},
      {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
  int c;
  long number = 0;
  memset(a, 0, sizeof *a);
  a->lang = "cy";
  a->profile = "a4";
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'o': a->out = optarg; break;
    case 't': {
      int i = concerns_index(optarg);
      if (i < 0) {
        fprintf(stderr, "allwedd concerns-list: --tick %s: no such item (see --items)\n", optarg);
        return CLI_USAGE;
      }
      if (!concerns_ticked(&a->sel, (size_t)i))
        concerns_toggle(&a->sel, (size_t)i);
      break;
    }
    case 's':
      if (!cli_parse_long("concerns-list", "--score", optarg, 0, CONCERNS_SCORE_MAX, &number))
        return CLI_USAGE;
      concerns_set_score(&a->sel, (int)number);
      break;
    case 'l': a->lang = optarg; break;
    case 'k': a->key_worker = optarg; break;
    case 'n': a->name = optarg; break;
    case 'P': a->profile = optarg; break;
    case 'd': a->db = optarg; break;
    case 'c': a->config = optarg; break;
    case 'i': a->items = true; break;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  const char *bad = optind < argc ? "unexpected argument"
                    : strcmp(a->lang, "cy") && strcmp(a->lang, "en") ? "--lang must be cy or en"
                    : !a->items && !a->out ? "--out is required"
                    : a->out && !raster_mime_for_path(a->out) ? "--out must end in .png, .pwg or .pdf"
                                                              : NULL;
  if (bad) {
    fprintf(stderr, "allwedd concerns-list: %s\n\n%s", bad, usage_text);
    return CLI_USAGE;
  }
  return 0;
}

/* allwedd concerns-list. */
int cmd_concerns_list(int argc, char **argv)
{
  concerns_args_t a;
  config_t cfg;
  profile_t p;
  key_worker_t kw;
  raster_doc_t doc = {0};
  leaflet_pages_t pages = {0};
  service_t *services = NULL;
  size_t nservices = 0;
  i18n_t *cat = NULL;
  draw_t *d = NULL;
  store_t *st = NULL;
  char err[1024], path[CONFIG_PATH_MAX + 16], today[21];
  int status = concerns_parse(argc, argv, &a);
  if (status)
    return status < 0 ? CLI_OK : status;
  if (a.items) {
    for (size_t i = 0; i < concerns_item_count(); i++)
      printf("%-26s %s\n", concerns_item(i)->key, concerns_item(i)->msgid);
    return CLI_OK;
  }
  if (!(st = cli_open_store("concerns-list", a.db, a.config, &cfg, &status)))
    return status;
  status = CLI_USAGE;
  snprintf(path, sizeof path, "%s/locales", cfg.data_dir);
  if (!profile_load(&p, cfg.data_dir, a.profile, err, sizeof err) ||
      !(cat = i18n_load(path, err, sizeof err)) || !(d = draw_new_from_config(&cfg, err, sizeof err))) {
    fprintf(stderr, "allwedd concerns-list: %s\n", err);
    goto done;
  }
  if (p.placement != PROFILE_PLACE_SHEET) {
    fprintf(stderr, "allwedd concerns-list: profile %s is a card printer; the list needs paper "
                    "(a4, a5)\n", p.name);
    goto done;
  }
  status = CLI_REFUSED;
  if (a.key_worker && store_key_worker_get(st, a.key_worker, &kw) != STORE_FOUND) {
    fprintf(stderr, "allwedd concerns-list: no key worker %s in the store%s%s\n", a.key_worker,
            store_error(st)[0] ? ": " : "", store_error(st));
    goto done;
  }
  if (!store_services_list(st, NULL, &services, &nservices)) {
    fprintf(stderr, "allwedd concerns-list: %s\n", store_error(st));
    goto done;
  }
  clock_now_utc(today);
  today[10] = '\0';
  concerns_list_t list = {.selection = &a.sel, .groups = cfg.concerns_group_mask,
                          .lang = strcmp(a.lang, "en") ? LANG_CY : LANG_EN,
                          .key_worker = a.key_worker ? &kw : NULL, .patient_name = a.name,
                          .services = services, .service_count = nservices, .date = today};
  scene_measurer_t m = draw_measurer(d);
  if (!concerns_list_layout(&list, cat, &p, &m, &pages, err, sizeof err)) {
    fprintf(stderr, "allwedd concerns-list: %s\n", err);
    goto done;
  }
  /* The kiosk's rule (concerns_list_printable): what it would print, this writes. */
  if (!concerns_list_printable(&pages, 0, err, sizeof err)) {
    fprintf(stderr, "allwedd concerns-list: %s\n", err);
    goto done;
  }
  for (size_t i = 0; i < pages.count; i++) {
    if (!raster_doc_add_scene(&doc, d, pages.page[i], err, sizeof err)) {
      fprintf(stderr, "allwedd concerns-list: %s\n", err);
      goto done;
    }
  }
  const char *mime = raster_mime_for_path(a.out);
  bool ok = !strcmp(mime, "image/png") ? raster_write_png(&doc, p.dpi, a.out, err, sizeof err)
                                       : raster_write(&doc, &p, mime, a.out, err, sizeof err);
  if (!ok) {
    fprintf(stderr, "allwedd concerns-list: %s\n", err);
    goto done;
  }
  printf("written: %s (%zu page%s, %s)\n", a.out, doc.count, doc.count == 1 ? "" : "s", mime);
  status = CLI_OK;
done:
  leaflet_pages_clear(&pages);
  raster_doc_clear(&doc);
  free(services);
  store_close(st);
  draw_free(d);
  i18n_free(cat);
  return status;
}
