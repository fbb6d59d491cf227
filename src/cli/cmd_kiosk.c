/*
 * allwedd kiosk: the touchscreen kiosk. The screens are the pure UI
 * (src/ui), the window is kiosk_sdl; this file is the kiosk's host: it
 * carries out what the UI asks (print a card, the leaflet, a service slip
 * or a test card; run a sync; report the printer) without ever blocking the
 * screen, and reports back as UI events. Prints run in print.c's worker
 * thread and syncs in a thread of their own; the window loop polls them
 * only while they run.
 *
 * Every card is written to the store's print record and the audit log,
 * printed or not, like `allwedd card` does.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/card.h"
#include "core/clock.h"
#include "core/leaflet_layout.h"
#include "core/profile.h"
#include "core/sync.h"
#include "platform/kiosk_sdl.h"
#include "platform/print.h"
#include "platform/raster.h"

static const char usage_text[] =
    "usage: allwedd kiosk [--config FILE] [--windowed] [--size WxH] [--db PATH]\n"
    "\n"
    "Run the touchscreen kiosk, fullscreen (--windowed: in a window of --size,\n"
    "default 1280x800). Staff leave it from staff mode (hold the top-left\n"
    "corner of the welcome screen for 3 seconds, then the PIN set with\n"
    "`allwedd staff-pin`).\n"
    "For tests and benchmarks: --run-ms N leaves after N ms; --report-first-frame\n"
    "prints the time to the first frame on stderr.\n"
    "Exit status: 0 left by staff or the window closed, 2 configuration error.\n";

enum { HOST_QUEUE = 8 };

typedef struct {
  config_t cfg;
  kiosk_t *k;
  store_t *st;
  profile_t card_profile, sheet_profile;
  /* one print at a time */
  print_job_t *job;
  bool job_sent, job_is_card;
  int64_t card_row;
  card_print_t rec;
  char last_status[640];
  bool last_ok;
  print_job_t *check;         /* a printer status check (sends nothing) */
  /* one sync at a time */
  pthread_t sync_thread;
  bool sync_running;
  pthread_mutex_t lock;
  bool sync_done, sync_ok;
  char sync_message[1024];
  /* answers waiting for the UI */
  ui_event_t queue[HOST_QUEUE];
  char messages[HOST_QUEUE][1024];
  int head, count;
} host_t;

/* Queue an answer for the UI (message copied). */
static void host_post(host_t *h, ui_event_t ev, const char *message)
{
  if (h->count == HOST_QUEUE)
    return;
  int slot = (h->head + h->count++) % HOST_QUEUE;
  snprintf(h->messages[slot], sizeof h->messages[slot], "%s", message ? message : "");
  ev.message = h->messages[slot];
  h->queue[slot] = ev;
}

/* The UI fault for a print outcome. */
static ui_print_fault_t host_fault(print_outcome_t outcome)
{
  switch (outcome) {
  case PRINT_OUTCOME_MEDIA_EMPTY: return UI_FAULT_NO_MEDIA;
  case PRINT_OUTCOME_MEDIA_JAM: return UI_FAULT_JAM;
  case PRINT_OUTCOME_TIMEOUT: return UI_FAULT_TIMEOUT;
  case PRINT_OUTCOME_STOPPED:
  case PRINT_OUTCOME_OFFLINE:
  case PRINT_OUTCOME_UNREACHABLE:
  case PRINT_OUTCOME_NOT_FOUND:
  case PRINT_OUTCOME_REFUSED: return UI_FAULT_OFFLINE;
  default: return UI_FAULT_OTHER;
  }
}

/* Finish a card's print record and audit it. */
static void host_record_card(host_t *h, int job_id, const char *outcome)
{
  char detail[512];
  if (!h->job_is_card)
    return;
  if (h->card_row)
    store_card_print_end(h->st, h->card_row, job_id, outcome);
  snprintf(detail, sizeof detail, "nhs=%s key_worker=%s reason=%s printer=%s job=%d outcome=%s",
           h->rec.nhs_number, h->rec.key_worker_id, h->rec.reason, h->rec.printer, job_id,
           outcome);
  store_audit(h->st, h->rec.by, "card_print", detail);
  sodium_memzero(&h->rec, sizeof h->rec);
  h->card_row = 0;
}

/* Lay out the pages of what act asks to print; false with err. */
static bool host_build(host_t *h, const ui_action_t *act, raster_doc_t *doc, const profile_t **p,
                       char *err, size_t errlen)
{
  draw_t *d = kiosk_draw(h->k);
  const i18n_t *cat = kiosk_catalogue(h->k);
  scene_measurer_t m = draw_measurer(d);
  char today[11];
  clock_today(today);
  if (act->kind == UI_ACT_PRINT_CARD || act->kind == UI_ACT_PRINT_TEST) {
    key_worker_t test_kw = {.id = "TEST"};
    snprintf(test_kw.given_name, sizeof test_kw.given_name, "Cerdyn prawf");
    snprintf(test_kw.family_name, sizeof test_kw.family_name, "Test card");
    snprintf(test_kw.role_cy, sizeof test_kw.role_cy, "Prawf argraffydd");
    snprintf(test_kw.role_en, sizeof test_kw.role_en, "Printer test");
    snprintf(test_kw.phone, sizeof test_kw.phone, "+442920180000");
    bool test = act->kind == UI_ACT_PRINT_TEST;
    card_content_t content = {.kw = test ? &test_kw : &act->key_worker,
                              .patient = test ? NULL : &act->patient,
                              .show_patient_name = h->cfg.card_show_patient_name,
                              .site = h->cfg.site_name, .print_date = today,
                              .qr_lang = act->lang, .cat = cat};
    *p = &h->card_profile;
    return raster_add_card(doc, d, &content, *p, NULL, err, errlen);
  }
  *p = &h->sheet_profile;
  int w = 0, ht = 0, margin = profile_mm_to_px((*p)->margin_mm, (*p)->dpi);
  profile_page_px(*p, &w, &ht);
  if (act->kind == UI_ACT_PRINT_SERVICE) {
    scene_t *sc = ui_service_slip(&act->service, cat, w, ht, (*p)->dpi, margin, &m);
    bool ok = sc && raster_doc_add_scene(doc, d, sc, err, errlen);
    scene_free(sc);
    return ok;
  }
  leaflet_pages_t pages = {0};
  bool ok = true;
  for (int lang = LANG_CY; ok && lang <= LANG_EN; lang++) {
    leaflet_site_t site = {.acute_oncology_phone = h->cfg.acute_oncology_phone,
                           .acute_oncology_hours = lang == LANG_CY ? h->cfg.acute_oncology_hours_cy
                                                                   : h->cfg.acute_oncology_hours_en};
    leaflet_t *lf = leaflet_build(cat, (lang_t)lang, &site, err, errlen);
    ok = lf && leaflet_layout(lf, *p, &m, &pages, err, errlen);
    leaflet_free(lf);
  }
  for (size_t i = 0; ok && i < pages.count; i++)
    ok = raster_doc_add_scene(doc, d, pages.page[i], err, errlen);
  leaflet_pages_clear(&pages);
  return ok;
}

/* Start a print for act; a failure to start is answered at once. */
static void host_print(host_t *h, const ui_action_t *act)
{
  raster_doc_t doc = {0};
  const profile_t *p = NULL;
  char err[1024] = "";
  bool card = act->kind == UI_ACT_PRINT_CARD;
  const char *printer = card || act->kind == UI_ACT_PRINT_TEST ||
                                h->card_profile.placement == PROFILE_PLACE_SHEET
                            ? h->cfg.printer : "";
  if (h->job || !host_build(h, act, &doc, &p, err, sizeof err)) {
    snprintf(h->last_status, sizeof h->last_status, "not printed: %.600s",
             h->job ? "another print is running" : err);
    host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED,
                              .fault = UI_FAULT_OTHER}, h->last_status);
    goto done;
  }
  h->job_is_card = card;
  if (card) {
    memset(&h->rec, 0, sizeof h->rec);
    snprintf(h->rec.nhs_number, sizeof h->rec.nhs_number, "%s", act->patient.nhs_number);
    snprintf(h->rec.key_worker_id, sizeof h->rec.key_worker_id, "%s", act->key_worker.id);
    snprintf(h->rec.reason, sizeof h->rec.reason, "%s", act->reason);
    snprintf(h->rec.printer, sizeof h->rec.printer, "%s", printer[0] ? printer : "(default)");
    snprintf(h->rec.by, sizeof h->rec.by, "%s", act->by);
    h->card_row = store_new_record_id();
    if (!store_card_print_begin(h->st, &h->rec, h->card_row))
      h->card_row = 0;
  }
  print_options_t opt = {.printer = printer,
                         .title = card ? "Key Worker Card" : "Allwedd",
                         .timeout_s = h->cfg.print_timeout_s};
  h->job = print_job_start(&opt, p, &doc, err, sizeof err);
  h->job_sent = false;
  if (!h->job) {
    host_record_card(h, 0, "error");
    host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED,
                              .fault = UI_FAULT_OTHER}, err);
  }
done:
  raster_doc_clear(&doc);
}

/* Ask the printer for its state in the background (nothing is printed);
 * while a print runs, that print is the answer. */
static void host_check_printer(host_t *h)
{
  char err[256];
  if (h->job) {
    host_post(h, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = true}, "printing now");
    return;
  }
  if (h->check)
    return;
  raster_doc_t none = {0};
  print_options_t opt = {.printer = h->cfg.printer, .title = "Allwedd status check",
                         .timeout_s = h->cfg.print_timeout_s, .check_only = true};
  if (!(h->check = print_job_start(&opt, &h->card_profile, &none, err, sizeof err)))
    host_post(h, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = false}, err);
}

/* Answer the UI once the status check has finished. */
static void host_poll_check(host_t *h)
{
  print_status_t s;
  if (!h->check || !print_job_poll(h->check, &s))
    return;
  char message[700];
  snprintf(message, sizeof message, "%s: %s", print_outcome_keyword(s.outcome), s.staff_message);
  host_post(h, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = s.outcome == PRINT_OUTCOME_COMPLETED},
            message);
  print_job_free(h->check);
  h->check = NULL;
}

/* Follow the running print. */
static void host_poll_print(host_t *h)
{
  print_status_t s;
  if (!h->job)
    return;
  bool done = print_job_poll(h->job, &s);
  if (!done && s.state >= PRINT_STATE_PRINTING && !h->job_sent) {
    h->job_sent = true;
    host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT}, NULL);
  }
  if (!done)
    return;
  bool ok = s.outcome == PRINT_OUTCOME_COMPLETED;
  host_record_card(h, s.job_id, print_outcome_keyword(s.outcome));
  snprintf(h->last_status, sizeof h->last_status, "%s: %s", print_outcome_keyword(s.outcome),
           s.staff_message);
  h->last_ok = ok;
  host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = ok ? UI_PRINT_DONE : UI_PRINT_FAILED,
                            .fault = ok ? UI_FAULT_NONE : host_fault(s.outcome)},
            s.staff_message);
  print_job_free(h->job);
  h->job = NULL;
}

/* The sync thread: one sync_run with the configured bundle. */
static void *host_sync_main(void *arg)
{
  host_t *h = arg;
  sync_options_t so;
  sync_report_t rep;
  sync_options_from_config(&so, &h->cfg);
  memset(&rep, 0, sizeof rep);
  sync_status_t status = sync_run(&so, &rep, NULL, NULL);
  pthread_mutex_lock(&h->lock);
  h->sync_ok = status == SYNC_IMPORTED;
  /* On success the screen shows the report the store keeps; on failure, why. */
  snprintf(h->sync_message, sizeof h->sync_message, "%s", h->sync_ok ? "" : rep.reason);
  h->sync_done = true;
  pthread_mutex_unlock(&h->lock);
  return NULL;
}

/* Carry out one UI action. */
static void host_act(void *ctx, const ui_action_t *act)
{
  host_t *h = ctx;
  switch (act->kind) {
  case UI_ACT_PRINT_CARD:
  case UI_ACT_PRINT_LEAFLET:
  case UI_ACT_PRINT_SERVICE:
  case UI_ACT_PRINT_TEST:
    host_print(h, act);
    break;
  case UI_ACT_PRINTER_STATUS:
    host_check_printer(h);
    break;
  case UI_ACT_SYNC:
    if (h->sync_running)
      break;
    h->sync_done = false;
    if (pthread_create(&h->sync_thread, NULL, host_sync_main, h) == 0)
      h->sync_running = true;
    else
      host_post(h, (ui_event_t){.kind = UI_EV_SYNC_DONE, .ok = false}, "cannot start the sync");
    break;
  default:
    break;
  }
}

/* Next answer for the UI. */
static bool host_poll(void *ctx, ui_event_t *ev)
{
  host_t *h = ctx;
  host_poll_print(h);
  host_poll_check(h);
  if (h->sync_running) {
    pthread_mutex_lock(&h->lock);
    bool done = h->sync_done;
    pthread_mutex_unlock(&h->lock);
    if (done) {
      pthread_join(h->sync_thread, NULL);
      h->sync_running = false;
      host_post(h, (ui_event_t){.kind = UI_EV_SYNC_DONE, .ok = h->sync_ok}, h->sync_message);
    }
  }
  if (!h->count)
    return false;
  *ev = h->queue[h->head];
  ev->now_ms = clock_monotonic_ms();
  h->head = (h->head + 1) % HOST_QUEUE;
  h->count--;
  return true;
}

/* True while a print or a sync runs. */
static bool host_busy(void *ctx)
{
  host_t *h = ctx;
  return h->job || h->sync_running || h->count;
}

/* Parse "WxH". */
static bool parse_size(const char *s, int *w, int *h)
{
  char x = 0;
  return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 320 && *h >= 240;
}

/* Load the card and sheet printer profiles. */
static bool host_profiles(host_t *h, char *err, size_t errlen)
{
  if (!profile_load(&h->card_profile, h->cfg.data_dir, h->cfg.printer_profile, err, errlen))
    return false;
  if (h->card_profile.placement == PROFILE_PLACE_SHEET) {
    h->sheet_profile = h->card_profile;
    return true;
  }
  return profile_load(&h->sheet_profile, h->cfg.data_dir, "a4", err, errlen);
}

/* allwedd kiosk: load, open the window, serve the UI until staff leave. */
int cmd_kiosk(int argc, char **argv)
{
  static const struct option options[] = {
    {"config", required_argument, NULL, 'c'}, {"windowed", no_argument, NULL, 'w'},
    {"size", required_argument, NULL, 's'},   {"db", required_argument, NULL, 'd'},
    {"run-ms", required_argument, NULL, 'r'}, {"report-first-frame", no_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  int64_t started = clock_monotonic_ms();
  kiosk_run_options_t ro = {.started_ms = started};
  const char *config_path = NULL, *db = NULL;
  host_t *h = NULL;
  char err[1024];
  int c, status = CLI_USAGE;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': config_path = optarg; break;
    case 'w': ro.windowed = true; break;
    case 's':
      if (!parse_size(optarg, &ro.width, &ro.height)) {
        fprintf(stderr, "allwedd kiosk: --size must be WxH, e.g. 1280x800\n");
        return CLI_USAGE;
      }
      break;
    case 'd': db = optarg; break;
    case 'r': ro.run_ms = atoll(optarg); break;
    case 'f': ro.report_first_frame = true; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (!(h = calloc(1, sizeof *h)))
    return CLI_USAGE;
  pthread_mutex_init(&h->lock, NULL);
  if (!cli_load_config("kiosk", config_path, &h->cfg))
    goto done;
  if (db)
    snprintf(h->cfg.db_path, sizeof h->cfg.db_path, "%s", db);
  cli_staff_pin_setup("kiosk", &h->cfg, cli_config_path(config_path));
  if (!host_profiles(h, err, sizeof err) ||
      !(h->st = store_open(h->cfg.db_path, err, sizeof err)) ||
      !(h->k = kiosk_new(&h->cfg, h->st, err, sizeof err))) {
    fprintf(stderr, "allwedd kiosk: %s\n", err);
    goto done;
  }
  kiosk_host_t host = {.ctx = h, .act = host_act, .poll = host_poll, .busy = host_busy};
  ro.host = &host;
  store_audit(h->st, "kiosk", "kiosk_start", h->cfg.kiosk_id);
  if (!kiosk_run(h->k, &ro, err, sizeof err)) {
    fprintf(stderr, "allwedd kiosk: %s\n", err);
    goto done;
  }
  store_audit(h->st, "kiosk", "kiosk_stop", h->cfg.kiosk_id);
  status = CLI_OK;
done:
  if (h) {
    print_job_free(h->job);
    print_job_free(h->check);
    if (h->sync_running)
      pthread_join(h->sync_thread, NULL);
    kiosk_free(h->k);
    store_close(h->st);
    pthread_mutex_destroy(&h->lock);
    sodium_memzero(h, sizeof *h);
    free(h);
  }
  return status;
}
