/*
 * The printer watch (see printer_watch.h): one thread, woken by its timer
 * or by stop.
 */
#include "app/printer_watch.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "platform/print.h"

struct app_printer_watch {
  char printer[CONFIG_TEXT_MAX];
  int timeout_ms;
  app_records_t *records;
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  bool stop;
};

/* One check: resume the queue if it is stopped and its printer is ready.
 * Returns the seconds until the next check. */
static int watch_check(app_printer_watch_t *w)
{
  char why[1024], detail[1600];
  print_queue_info_t q;
  print_resume_t r = print_queue_resume_if_ready(w->printer, w->timeout_ms, &q, why, sizeof why);
  if (r == PRINT_RESUME_RESUMED) {
    snprintf(detail, sizeof detail, "printer=%s state=%s %s", q.printer,
             print_queue_state_keyword(q.state), why);
    app_records_audit(w->records, "kiosk", "printer_resumed", detail);
    log_notice("allwedd kiosk: printer queue %s resumed: %s", q.printer, why);
  } else if (r == PRINT_RESUME_FAILED) {
    log_warning("allwedd kiosk: printer queue %s: %s", w->printer, why);
  }
  return q.state == PRINT_QUEUE_STOPPED || r == PRINT_RESUME_FAILED ? APP_PRINTER_WATCH_STOPPED_S
                                                                     : APP_PRINTER_WATCH_IDLE_S;
}

/* The thread: check, then wait for the next check or stop. */
static void *watch_main(void *arg)
{
  app_printer_watch_t *w = arg;
  pthread_mutex_lock(&w->lock);
  while (!w->stop) {
    pthread_mutex_unlock(&w->lock);
    int wait_s = watch_check(w);
    pthread_mutex_lock(&w->lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += wait_s;
    while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
      ;
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

app_printer_watch_t *app_printer_watch_start(const config_t *cfg, app_records_t *records, char *err,
                                             size_t errlen)
{
  err[0] = '\0';
  if (!cfg->print_auto_resume || !strncmp(cfg->printer, "ipp://", 6) ||
      !strncmp(cfg->printer, "ipps://", 7))
    return NULL;
  app_printer_watch_t *w = calloc(1, sizeof *w);
  if (!w) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  snprintf(w->printer, sizeof w->printer, "%s", cfg->printer);
  w->timeout_ms = (cfg->print_timeout_s > 0 ? cfg->print_timeout_s : 60) * 1000;
  w->records = records;
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->wake, NULL);
  if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
    snprintf(err, errlen, "cannot start the printer watch");
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
    return NULL;
  }
  return w;
}

void app_printer_watch_stop(app_printer_watch_t *w)
{
  if (!w)
    return;
  pthread_mutex_lock(&w->lock);
  w->stop = true;
  pthread_cond_signal(&w->wake);
  pthread_mutex_unlock(&w->lock);
  pthread_join(w->thread, NULL);
  pthread_cond_destroy(&w->wake);
  pthread_mutex_destroy(&w->lock);
  free(w);
}
