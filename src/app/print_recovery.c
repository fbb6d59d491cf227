/*
 * Unfinished card print records resolved by asking the printer (see
 * print_recovery.h). Reads and writes through a store connection of its
 * own; asks each printer once per run.
 */
#include "app/print_recovery.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/store.h"
#include "core/store_prints.h"
#include "platform/print.h"

enum { RECOVERY_BATCH = 256 };

/* Printers that did not answer this run (not asked again). */
typedef struct {
  char name[8][256];
  size_t count;
} silent_printers_t;

static bool silent(const silent_printers_t *s, const char *printer)
{
  for (size_t i = 0; i < s->count; i++)
    if (!strcmp(s->name[i], printer))
      return true;
  return false;
}

/* Keep the first problem of a run. */
__attribute__((format(printf, 2, 3)))
static void recovery_note(app_print_recovery_t *out, const char *fmt, ...)
{
  if (out->message[0])
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(out->message, sizeof out->message, fmt, ap);
  va_end(ap);
}

/* What one record becomes: its outcome keyword, or NULL to leave it (the
 * printer did not answer). said gets what the printer said. */
static const char *recovery_decide(const store_unfinished_print_t *u, int timeout_ms,
                                   silent_printers_t *quiet, app_print_recovery_t *out, char *said,
                                   size_t saidlen)
{
  char detail[512], why[512];
  print_job_state_t js;
  if (!strncmp(u->printer, "file:", 5)) {
    snprintf(said, saidlen, "a file, not a printer");
    return "interrupted";
  }
  if (u->job_id <= 0) {
    snprintf(said, saidlen, "no job id: the printer never accepted it");
    return "interrupted";
  }
  const char *printer = strcmp(u->printer, "(default)") ? u->printer : "";
  if (silent(quiet, printer)) {
    out->left_unanswered++;
    return NULL;
  }
  if (!print_job_state_by_id(printer, u->job_id, timeout_ms, &js, detail, sizeof detail)) {
    recovery_note(out, "%s", detail);
    if (quiet->count < sizeof quiet->name / sizeof quiet->name[0])
      snprintf(quiet->name[quiet->count++], sizeof quiet->name[0], "%s", printer);
    out->left_unanswered++;
    return NULL;
  }
  snprintf(said, saidlen, "%s (%s)", print_job_state_keyword(js), detail);
  switch (js) {
  case PRINT_JOB_COMPLETED: return "completed";
  case PRINT_JOB_ABORTED: return "aborted";
  case PRINT_JOB_CANCELED: return "canceled";
  case PRINT_JOB_NOT_FOUND: return "interrupted";
  default:
    break;
  }
  /* Still waiting or printing for a patient who has gone. */
  if (!print_job_cancel_by_id(printer, u->job_id, timeout_ms, why, sizeof why)) {
    recovery_note(out, "%s", why);
    out->left_unanswered++;
    return NULL;
  }
  out->cancelled++;
  snprintf(said, saidlen, "%s, cancelled", print_job_state_keyword(js));
  return "interrupted";
}

/* Resolve the unfinished records old enough. */
bool app_print_recovery_run(const char *db_path, int min_age_s, int timeout_ms, const char *actor,
                            app_print_recovery_t *out)
{
  char err[512], said[640], detail[1200];
  store_unfinished_print_t *list = calloc(RECOVERY_BATCH, sizeof *list);
  silent_printers_t quiet = {.count = 0};
  size_t count = 0;
  bool ok = false;
  memset(out, 0, sizeof *out);
  store_t *st = list ? store_open_existing(db_path, err, sizeof err) : NULL;
  if (!st) {
    snprintf(out->message, sizeof out->message, "%s", list ? err : "out of memory");
    goto done;
  }
  if (!store_card_prints_unfinished(st, list, RECOVERY_BATCH, &count)) {
    snprintf(out->message, sizeof out->message, "%s", store_error(st));
    goto done;
  }
  time_t now = clock_now();
  for (size_t i = 0; i < count; i++) {
    const store_unfinished_print_t *u = &list[i];
    time_t started = clock_parse_utc(u->started_at);
    if (started >= 0 && now - started < min_age_s) {
      out->left_young++;
      continue;
    }
    const char *outcome = recovery_decide(u, timeout_ms, &quiet, out, said, sizeof said);
    if (!outcome)
      continue;
    if (!store_card_print_end(st, u->record_key, u->job_id, outcome)) {
      snprintf(out->message, sizeof out->message, "%s", store_error(st));
      goto done;
    }
    snprintf(detail, sizeof detail, "record=%lld printer=%s job=%d started=%s printer_says=%s outcome=%s",
             (long long)u->record_key, u->printer, u->job_id, u->started_at, said, outcome);
    if (!store_audit(st, actor, "card_print_resolved", detail)) {
      snprintf(out->message, sizeof out->message, "%s", store_error(st));
      goto done;
    }
    out->resolved++;
    out->interrupted += !strcmp(outcome, "interrupted");
  }
  ok = true;
done:
  store_close(st);
  free(list);
  return ok;
}

struct app_print_recovery_thread {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  bool stop;
  char db_path[CONFIG_PATH_MAX];
  int min_age_s, timeout_ms;
};

/* Report a run on stderr (the journal), with sd-daemon priorities. */
static void recovery_log(const app_print_recovery_t *r, bool ok)
{
  if (r->resolved)
    log_notice("allwedd kiosk: %zu unfinished card record%s resolved (%zu interrupted, %zu "
                    "job%s cancelled)",
            r->resolved, r->resolved == 1 ? "" : "s", r->interrupted, r->cancelled,
            r->cancelled == 1 ? "" : "s");
  if (!ok || r->left_unanswered)
    log_warning("allwedd kiosk: unfinished card records: %s%s",
            r->left_unanswered ? "some left for the next start: " : "", r->message);
}

/* The thread: run now, and again once the young records are old enough. */
static void *recovery_main(void *arg)
{
  app_print_recovery_thread_t *t = arg;
  app_print_recovery_t r;
  for (int round = 0; round < 2; round++) {
    bool ok = app_print_recovery_run(t->db_path, t->min_age_s, t->timeout_ms, "kiosk", &r);
    recovery_log(&r, ok);
    if (!ok || !r.left_young)
      break;
    /* Wait until those are min_age_s old (at most that long), unless stopped. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += t->min_age_s + 1;
    pthread_mutex_lock(&t->lock);
    while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock, &until) == 0)
      ;
    bool stop = t->stop;
    pthread_mutex_unlock(&t->lock);
    if (stop)
      break;
  }
  return NULL;
}

/* Start the kiosk's recovery thread. */
app_print_recovery_thread_t *app_print_recovery_start(const config_t *cfg)
{
  app_print_recovery_thread_t *t = calloc(1, sizeof *t);
  if (!t) {
    log_error("allwedd kiosk: cannot resolve unfinished card records: out of memory");
    return NULL;
  }
  snprintf(t->db_path, sizeof t->db_path, "%s", cfg->db_path);
  t->min_age_s = cfg->print_timeout_s + 5;
  t->timeout_ms = 3000;
  pthread_mutex_init(&t->lock, NULL);
  pthread_cond_init(&t->wake, NULL);
  int rc = pthread_create(&t->thread, NULL, recovery_main, t);
  if (rc != 0) {
    log_error("allwedd kiosk: cannot resolve unfinished card records: %s", strerror(rc));
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t);
    return NULL;
  }
  return t;
}

/* Stop and join the recovery thread. */
void app_print_recovery_stop(app_print_recovery_thread_t *t)
{
  if (!t)
    return;
  pthread_mutex_lock(&t->lock);
  t->stop = true;
  pthread_cond_broadcast(&t->wake);
  pthread_mutex_unlock(&t->lock);
  pthread_join(t->thread, NULL);
  pthread_cond_destroy(&t->wake);
  pthread_mutex_destroy(&t->lock);
  free(t);
}
