/*
 * The kiosk host (see kiosk_host.h). One print at a time (a card job or a
 * sheet print), one printer status check, one sync; answers for the UI wait
 * in a small queue of events whose messages the host owns.
 */
#include "app/kiosk_host.h"

#include <malloc.h>
#include <sqlite3.h>

#include <SDL.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/card_job.h"
#include "app/printer_watch.h"
#include "app/print_recovery.h"
#include "app/records.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/concerns_list.h"
#include "core/content.h"
#include "core/leaflet_layout.h"
#include "core/profile.h"
#include "core/store_check.h"
#include "core/store_ident.h"
#include "core/sync.h"
#include "platform/kiosk_sdl.h"
#include "platform/print.h"
#include "platform/raster.h"

enum { HOST_QUEUE = 16 };

typedef struct {
  config_t cfg;
  kiosk_t *k;
  store_t *st;
  app_records_t *records;
  profile_t card_profile, sheet_profile;
  /* one print at a time: a card job, or a sheet print (leaflet, slip) */
  app_card_job_t *card;
  print_job_t *sheet;
  bool print_sent;
  print_job_t *check;          /* a printer status check (sends nothing) */
  /* one sync at a time */
  pthread_t sync_thread;
  bool sync_running;
  pthread_mutex_t lock;
  bool sync_done, sync_ok;
  char sync_message[1024];
  /* answers waiting for the UI */
  ui_event_t queue[HOST_QUEUE];
  char messages[HOST_QUEUE][1024];
  char reasons[HOST_QUEUE][512];
  int head, count;
  size_t records_lost;         /* records that could not be written, this run */
  /* the identification lockout as saved, handed to the UI at start */
  ident_lockout_t lockout;
  bool lockout_loaded, lockout_sent;
  /* card records a crash left 'submitting', resolved off the event thread */
  app_print_recovery_thread_t *print_recovery;
  /* [printer] auto_resume: a stopped queue resumed once its printer is ready */
  app_printer_watch_t *printer_watch;
  /* the store's check at start (store_check.h), on its own thread */
  pthread_t store_check_thread;
  bool store_check_running, store_check_done, store_check_ok;
  char store_check_message[1024];
} host_t;

/* Queue an answer for the UI (message and ev.reasons copied). The queue
 * holds more than one print, one check and one sync can produce at once. */
static void host_post(host_t *h, ui_event_t ev, const char *message)
{
  if (h->count == HOST_QUEUE) {
    log_warning("allwedd kiosk: event queue full; an answer for the screen was dropped\n");
    return;
  }
  int slot = (h->head + h->count++) % HOST_QUEUE;
  snprintf(h->messages[slot], sizeof h->messages[slot], "%s", message ? message : "");
  snprintf(h->reasons[slot], sizeof h->reasons[slot], "%s", ev.reasons ? ev.reasons : "");
  ev.message = h->messages[slot];
  ev.reasons = h->reasons[slot];
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

/* Tell the UI a print failed before it reached the printer. */
static void host_print_refused(host_t *h, const char *why)
{
  host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED, .fault = UI_FAULT_OTHER},
            why);
}

/* Start the card job for act (a patient's card, a reprint, a test card). */
static void host_print_card(host_t *h, const ui_action_t *act)
{
  app_card_env_t env = {.cfg = &h->cfg, .cat = kiosk_catalogue(h->k), .draw = kiosk_draw(h->k),
                        .store = h->st, .records = h->records, .profile = &h->card_profile};
  bool test = act->kind == UI_ACT_PRINT_TEST;
  app_card_request_t req = {.patient = test ? NULL : &act->patient,
                            .key_worker = test ? NULL : &act->key_worker,
                            .test_card = test, .reason = act->reason, .by = act->by,
                            .qr_lang = i18n_lang_code(act->lang), .print = true};
  app_card_result_t r;
  if (!(h->card = app_card_job_start(&env, &req))) {
    host_print_refused(h, "out of memory");
    return;
  }
  if (app_card_job_poll(h->card, &r) && r.outcome != APP_CARD_DONE) {
    host_print_refused(h, r.message);
    app_card_job_free(h->card);
    h->card = NULL;
  }
}

/* "My list for today" (core/concerns_list.h) into doc, with the store's
 * services; false with err. The pages hold what the person ticked (and
 * their name when they chose it): freed at once, and freed memory is
 * overwritten in the kiosk (app_scrub_freed_memory). */
static bool host_build_concerns(host_t *h, const ui_action_t *act, raster_doc_t *doc, char *err,
                                size_t errlen)
{
  draw_t *d = kiosk_draw(h->k);
  scene_measurer_t m = draw_measurer(d);
  leaflet_pages_t pages = {0};
  service_t *services = NULL;
  size_t nservices = 0;
  char name[2 * MODEL_NAME_MAX * 4 + 2] = "", today[21];
  bool ok = false;
  if (!store_services_list(h->st, NULL, &services, &nservices)) {
    snprintf(err, errlen, "concerns list: %s", store_error(h->st));
    goto done;
  }
  if (act->with_name)
    snprintf(name, sizeof name, "%s %s", act->patient.given_name, act->patient.family_name);
  clock_now_utc(today);
  today[10] = '\0';
  concerns_list_t list = {.selection = &act->concerns, .groups = h->cfg.concerns_group_mask,
                          .lang = act->lang, .key_worker = act->has_key_worker ? &act->key_worker : NULL,
                          .patient_name = name, .services = services, .service_count = nservices,
                          .date = today};
  ok = concerns_list_layout(&list, kiosk_catalogue(h->k), &h->sheet_profile, &m, &pages, err, errlen) &&
       concerns_list_printable(&pages, 0, err, errlen); /* `allwedd concerns-list`'s rule too */
  for (size_t i = 0; ok && i < pages.count; i++)
    ok = raster_doc_add_scene(doc, d, pages.page[i], err, errlen);
done:
  sodium_memzero(name, sizeof name);
  leaflet_pages_clear(&pages);
  free(services);
  return ok;
}

/* Lay out a sheet (the leaflet in both languages, or a service slip) into
 * doc; false with err. */
static bool host_build_sheet(host_t *h, const ui_action_t *act, raster_doc_t *doc, char *err,
                             size_t errlen)
{
  draw_t *d = kiosk_draw(h->k);
  const i18n_t *cat = kiosk_catalogue(h->k);
  const profile_t *p = &h->sheet_profile;
  scene_measurer_t m = draw_measurer(d);
  int w = 0, ht = 0, margin = profile_mm_to_px(p->margin_mm, p->dpi);
  profile_page_px(p, &w, &ht);
  if (act->kind == UI_ACT_PRINT_CONCERNS)
    return host_build_concerns(h, act, doc, err, errlen);
  if (act->kind == UI_ACT_PRINT_SERVICE) {
    scene_t *sc = ui_service_slip(&act->service, cat, w, ht, p->dpi, margin, &m);
    bool ok = sc && raster_doc_add_scene(doc, d, sc, err, errlen);
    if (!sc)
      snprintf(err, errlen, "out of memory");
    scene_free(sc);
    return ok;
  }
  leaflet_pages_t pages = {0};
  bool ok = true;
  for (int lang = LANG_CY; ok && lang <= LANG_EN; lang++) {
    leaflet_site_t site = content_leaflet_site(&h->cfg, (lang_t)lang);
    leaflet_t *lf = leaflet_build(cat, (lang_t)lang, &site, err, errlen);
    ok = lf && leaflet_layout(lf, p, &m, &pages, err, errlen);
    leaflet_free(lf);
  }
  for (size_t i = 0; ok && i < pages.count; i++)
    ok = raster_doc_add_scene(doc, d, pages.page[i], err, errlen);
  leaflet_pages_clear(&pages);
  return ok;
}

/* The printer for sheets (profile_sheet_printer's rule); NULL on a
 * card-printer-only site. */
static const char *host_sheet_printer(const host_t *h)
{
  return profile_sheet_printer(&h->card_profile, h->cfg.printer, h->cfg.sheet_printer);
}

/* Print the leaflet or a service slip on the sheet printer. With none,
 * nothing is sent and the UI hears so at once (UI_FAULT_NO_SHEET_PRINTER),
 * so the person is told this kiosk cannot print it, not that it failed. */
static void host_print_sheet(host_t *h, const ui_action_t *act)
{
  raster_doc_t doc = {0};
  char err[1024] = "";
  const char *printer = host_sheet_printer(h);
  if (!printer) {
    host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_FAILED,
                              .fault = UI_FAULT_NO_SHEET_PRINTER},
              "no sheet printer: [printer] sheet_printer is not set");
    return;
  }
  if (!host_build_sheet(h, act, &doc, err, sizeof err)) {
    host_print_refused(h, err);
    goto done;
  }
  print_options_t opt = {.printer = printer, .title = "Allwedd", .timeout_s = h->cfg.print_timeout_s};
  if (!(h->sheet = print_job_start(&opt, &h->sheet_profile, &doc, err, sizeof err)))
    host_print_refused(h, err);
done:
  raster_doc_clear(&doc);
}

/* Start what a print action asks, unless a print is running. */
static void host_print(host_t *h, const ui_action_t *act)
{
  h->print_sent = false;
  if (h->card || h->sheet) {
    host_print_refused(h, "another print is running");
    return;
  }
  if (act->kind == UI_ACT_PRINT_CARD || act->kind == UI_ACT_PRINT_TEST)
    host_print_card(h, act);
  else
    host_print_sheet(h, act);
}

/* Ask the printer for its state in the background (nothing is printed);
 * while a print runs, that print is the answer. */
static void host_check_printer(host_t *h)
{
  char err[256];
  if (h->card || h->sheet) {
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
  host_post(h, (ui_event_t){.kind = UI_EV_PRINTER_STATUS, .ok = s.outcome == PRINT_OUTCOME_COMPLETED,
                            .reasons = s.reasons},
            message);
  print_job_free(h->check);
  h->check = NULL;
}

/* Report a print's progress: sent once, then its ending. */
static void host_print_progress(host_t *h, const print_status_t *s, bool done)
{
  if (!done && s->state >= PRINT_STATE_PRINTING && !h->print_sent) {
    h->print_sent = true;
    host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = UI_PRINT_SENT}, NULL);
  }
  if (!done)
    return;
  bool ok = s->outcome == PRINT_OUTCOME_COMPLETED;
  host_post(h, (ui_event_t){.kind = UI_EV_PRINT, .print = ok ? UI_PRINT_DONE : UI_PRINT_FAILED,
                            .fault = ok ? UI_FAULT_NONE : host_fault(s->outcome),
                            .reasons = s->reasons},
            s->staff_message);
}

/* Follow the running print. */
static void host_poll_print(host_t *h)
{
  if (h->card) {
    app_card_result_t r;
    bool done = app_card_job_poll(h->card, &r);
    host_print_progress(h, &r.print, done);
    if (done) {
      app_card_job_free(h->card);
      h->card = NULL;
    }
  } else if (h->sheet) {
    print_status_t s;
    bool done = print_job_poll(h->sheet, &s);
    host_print_progress(h, &s, done);
    if (done) {
      print_job_free(h->sheet);
      h->sheet = NULL;
    }
  }
}

/* Report records the writer could not write: the journal and the staff. */
static void host_poll_records(host_t *h)
{
  char why[512];
  size_t lost = app_records_take_failures(h->records, why, sizeof why);
  if (!lost)
    return;
  h->records_lost += lost;
  log_error("allwedd kiosk: %zu record%s could not be written: %s", lost,
          lost == 1 ? "" : "s", why);
  host_post(h, (ui_event_t){.kind = UI_EV_RECORD_FAILED, .count = (unsigned long)lost}, why);
}

/* Wall-clock minus monotonic milliseconds: the lockout is saved in
 * wall-clock time (the monotonic clock starts again at each boot). */
static int64_t host_wall_offset_ms(void)
{
  return (int64_t)clock_now() * 1000 - clock_monotonic_ms();
}

/* Save the UI's lockout through the records writer. */
static void host_save_lockout(host_t *h, const ident_lockout_t *lockout)
{
  ident_lockout_t wall = *lockout;
  ident_lockout_rebase(&wall, host_wall_offset_ms());
  app_records_ident_lockout(h->records, &wall);
}

/* The lockout saved before this start: loaded once, handed to the UI as
 * its first event. A store that cannot give it is logged; the lockout then
 * starts empty (patients are not locked out by a disk fault). */
static void host_load_lockout(host_t *h)
{
  store_match_t m = store_ident_lockout_load(h->st, &h->lockout);
  if (m == STORE_ERROR)
    log_error("allwedd kiosk: %s (identification lockout starts empty)",
            store_error(h->st));
  h->lockout_loaded = m == STORE_FOUND;
}

/* The store check's thread: PRAGMA quick_check on a connection of its own
 * (it reads every page: about 2 s for a million patients, more from a cold
 * disk), so the first frame does not wait for it. */
static void *host_store_check_main(void *arg)
{
  host_t *h = arg;
  char err[1024] = "";
  bool ok = false;
  store_t *st = store_open_existing(h->cfg.db_path, err, sizeof err);
  if (st) {
    ok = store_quick_check(st);
    if (!ok)
      snprintf(err, sizeof err, "%s", store_error(st));
    store_close(st);
  }
  pthread_mutex_lock(&h->lock);
  h->store_check_ok = ok;
  snprintf(h->store_check_message, sizeof h->store_check_message, "%s", err);
  h->store_check_done = true;
  pthread_mutex_unlock(&h->lock);
  return NULL;
}

/* Start the check of the store: a damaged page can leave queries answering
 * "nothing found" where there is a record. */
static void host_store_check_start(host_t *h)
{
  h->store_check_running = pthread_create(&h->store_check_thread, NULL, host_store_check_main, h) == 0;
  if (!h->store_check_running)
    fprintf(stderr, "<4>allwedd kiosk: cannot start the store check\n");
}

/* When the check has ended: a damaged store is logged and audited, and the
 * UI shows patients the store fault screen (staff: the exact reason)
 * instead of any answer from it. */
static void host_poll_store_check(host_t *h)
{
  if (!h->store_check_running)
    return;
  pthread_mutex_lock(&h->lock);
  bool done = h->store_check_done;
  pthread_mutex_unlock(&h->lock);
  if (!done)
    return;
  pthread_join(h->store_check_thread, NULL);
  h->store_check_running = false;
  if (h->store_check_ok)
    return;
  log_error("allwedd kiosk: %s", h->store_check_message);
  app_records_audit(h->records, "kiosk", "store_damaged", h->store_check_message);
  host_post(h, (ui_event_t){.kind = UI_EV_STORE_DAMAGED}, h->store_check_message);
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

/* Start a sync unless one runs. */
static void host_sync(host_t *h)
{
  if (h->sync_running)
    return;
  h->sync_done = false;
  if (pthread_create(&h->sync_thread, NULL, host_sync_main, h) == 0)
    h->sync_running = true;
  else
    host_post(h, (ui_event_t){.kind = UI_EV_SYNC_DONE, .ok = false}, "cannot start the sync");
}

/* Answer the UI once the sync has finished. */
static void host_poll_sync(host_t *h)
{
  if (!h->sync_running)
    return;
  pthread_mutex_lock(&h->lock);
  bool done = h->sync_done;
  pthread_mutex_unlock(&h->lock);
  if (!done)
    return;
  pthread_join(h->sync_thread, NULL);
  h->sync_running = false;
  host_post(h, (ui_event_t){.kind = UI_EV_SYNC_DONE, .ok = h->sync_ok}, h->sync_message);
}

/* Carry out one UI action. */
static void host_act(void *ctx, const ui_action_t *act)
{
  host_t *h = ctx;
  switch (act->kind) {
  case UI_ACT_PRINT_CARD:
  case UI_ACT_PRINT_LEAFLET:
  case UI_ACT_PRINT_SERVICE:
  case UI_ACT_PRINT_CONCERNS:
  case UI_ACT_PRINT_TEST: host_print(h, act); break;
  case UI_ACT_PRINTER_STATUS: host_check_printer(h); break;
  case UI_ACT_SYNC: host_sync(h); break;
  case UI_ACT_AUDIT: app_records_audit(h->records, act->actor, act->event, act->detail); break;
  case UI_ACT_COUNT: app_records_count(h->records, act->event); break;
  case UI_ACT_CONCERNS_COUNT: app_records_concerns(h->records, act->concerns_groups); break;
  case UI_ACT_SAVE_LOCKOUT: host_save_lockout(h, &act->lockout); break;
  case UI_ACT_STAFF_PIN_TRY:
    /* Written before the screen shows the PIN's result: a power cut then
     * cannot give a guess whose answer was seen. */
    app_records_staff_pin_try(h->records, act->at);
    if (!app_records_flush(h->records, 2000))
      log_warning("allwedd kiosk: a staff PIN try is still waiting for the store");
    break;
  case UI_ACT_STAFF_PIN_CLEAR: app_records_staff_pin_clear(h->records); break;
  default: break;
  }
}

/* Next answer for the UI. */
static bool host_poll(void *ctx, ui_event_t *ev)
{
  host_t *h = ctx;
  if (h->lockout_loaded && !h->lockout_sent) {
    h->lockout_sent = true;
    ident_lockout_rebase(&h->lockout, -host_wall_offset_ms());
    *ev = (ui_event_t){.kind = UI_EV_LOCKOUT_LOADED, .now_ms = clock_monotonic_ms(),
                       .lockout = &h->lockout};
    return true;
  }
  host_poll_print(h);
  host_poll_check(h);
  host_poll_sync(h);
  host_poll_store_check(h);
  host_poll_records(h);
  if (!h->count)
    return false;
  *ev = h->queue[h->head];
  ev->now_ms = clock_monotonic_ms();
  h->head = (h->head + 1) % HOST_QUEUE;
  h->count--;
  return true;
}

/* True while a print or a sync runs, or answers wait. */
static bool host_busy(void *ctx)
{
  host_t *h = ctx;
  return h->card || h->sheet || h->check || h->sync_running || h->store_check_running ||
         h->count;
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

/* Stop everything the host started and free it. */
static void host_free(host_t *h)
{
  if (!h)
    return;
  app_card_job_free(h->card);
  print_job_free(h->sheet);
  print_job_free(h->check);
  if (h->sync_running)
    pthread_join(h->sync_thread, NULL);
  app_print_recovery_stop(h->print_recovery);
  app_printer_watch_stop(h->printer_watch);
  if (h->store_check_running)
    pthread_join(h->store_check_thread, NULL);
  kiosk_free(h->k);
  if (h->records) {
    app_records_flush(h->records, APP_RECORDS_RETRY_MS);
    host_poll_records(h);
  }
  app_records_close(h->records);
  store_close(h->st);
  pthread_mutex_destroy(&h->lock);
  sodium_memzero(h, sizeof *h);
  free(h);
}

/* The heartbeat beside the store that `allwedd metrics` reads; NULL (the
 * kiosk runs on, its metrics say it is down) when it cannot be written. */
static heartbeat_t *host_heartbeat_start(const config_t *cfg)
{
  char path[CONFIG_PATH_MAX + 32], err[CONFIG_PATH_MAX + 256];
  heartbeat_t *hb = NULL;
  if (!heartbeat_path(cfg->db_path, path, sizeof path))
    snprintf(err, sizeof err, "%s: path too long", cfg->db_path);
  else
    hb = heartbeat_start(path, err, sizeof err);
  if (!hb)
    log_warning("allwedd kiosk: no heartbeat for the metrics: %s", err);
  return hb;
}

/* Mark the heartbeat stopped (a clean exit) and free it. */
static void host_heartbeat_stop(heartbeat_t *hb)
{
  char err[512];
  if (hb && !heartbeat_stop(hb, err, sizeof err))
    log_warning("allwedd kiosk: the heartbeat's stop was not written: %s", err);
}

/* Allocators for SQLite and SDL that wipe each block as it is freed. */
static void wiping_free(void *p)
{
  if (p)
    sodium_memzero(p, malloc_usable_size(p));
  free(p);
}
static void *wiping_realloc(void *p, size_t n)
{
  size_t old = p ? malloc_usable_size(p) : 0;
  void *q = malloc(n ? n : 1);
  if (!q)
    return NULL;
  if (p) {
    memcpy(q, p, old < n ? old : n);
    wiping_free(p);
  }
  return q;
}
static void *sqlite_malloc(int n) { return malloc((size_t)n); }
static void *sqlite_realloc(void *p, int n) { return wiping_realloc(p, (size_t)n); }
static int sqlite_size(void *p) { return (int)malloc_usable_size(p); }
static int sqlite_roundup(int n) { return (n + 15) & ~15; }
static int sqlite_init(void *ctx) { (void)ctx; return SQLITE_OK; }
static void sqlite_shutdown(void *ctx) { (void)ctx; }

void app_scrub_freed_memory(void)
{
  static const sqlite3_mem_methods wiping = {sqlite_malloc, wiping_free, sqlite_realloc, sqlite_size,
                                             sqlite_roundup, sqlite_init, sqlite_shutdown, NULL};
  /* SQLite takes a new allocator only while it is not initialised (no
   * connection is open yet when the kiosk starts). */
  if (sqlite3_shutdown() != SQLITE_OK || sqlite3_config(SQLITE_CONFIG_MALLOC, &wiping) != SQLITE_OK)
    log_warning("allwedd kiosk: SQLite's freed memory will not be wiped");
  if (SDL_SetMemoryFunctions(malloc, calloc, wiping_realloc, wiping_free) != 0)
    log_warning("allwedd kiosk: SDL's freed memory will not be wiped: %s", SDL_GetError());
  /* Everything else freed through glibc: overwritten with this byte, except
   * small blocks glibc keeps in its per-thread cache (tcache), which it
   * reuses first. */
  mallopt(M_PERTURB, 0xA5);
}

app_kiosk_status_t app_kiosk_run(const config_t *cfg, const app_kiosk_options_t *opt, char *err,
                                 size_t errlen)
{
  app_kiosk_status_t status = APP_KIOSK_CONFIG_ERROR;
  app_scrub_freed_memory();
  host_t *h = calloc(1, sizeof *h);
  if (!h) {
    snprintf(err, errlen, "out of memory");
    return APP_KIOSK_FAILED;
  }
  pthread_mutex_init(&h->lock, NULL);
  h->cfg = *cfg;
  if (!host_profiles(h, err, errlen))
    goto done;
  status = APP_KIOSK_FAILED;
  if (!(h->st = store_open(h->cfg.db_path, err, errlen)) ||
      !(h->records = app_records_open(h->cfg.db_path, err, errlen)))
    goto done;
  if (!(h->k = kiosk_new(&h->cfg, h->st, err, errlen))) {
    status = APP_KIOSK_CONFIG_ERROR;
    goto done;
  }
  kiosk_host_t host = {.ctx = h, .act = host_act, .poll = host_poll, .busy = host_busy};
  kiosk_run_options_t ro = {.windowed = opt->windowed, .width = opt->width, .height = opt->height,
                            .host = &host, .run_ms = opt->run_ms,
                            .report_first_frame = opt->report_first_frame,
                            .started_ms = opt->started_ms,
                            .heartbeat = host_heartbeat_start(&h->cfg)};
  app_records_audit(h->records, "kiosk", "kiosk_start", h->cfg.kiosk_id);
  host_load_lockout(h);
  h->print_recovery = app_print_recovery_start(&h->cfg);
  char watch_err[128];
  if (!(h->printer_watch = app_printer_watch_start(&h->cfg, h->records, watch_err, sizeof watch_err)) &&
      watch_err[0])
    log_error("allwedd kiosk: %s: a stopped printer queue will not be resumed", watch_err);
  host_store_check_start(h);
  bool ran = kiosk_run(h->k, &ro, err, errlen);
  host_heartbeat_stop(ro.heartbeat);
  if (!ran)
    goto done;
  app_records_audit(h->records, "kiosk", "kiosk_stop", h->cfg.kiosk_id);
  status = APP_KIOSK_LEFT;
done:
  host_free(h);
  return status;
}
